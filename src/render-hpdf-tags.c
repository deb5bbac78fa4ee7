/*
 * render-hpdf-tags.c -- the tagger of pdf-tags.h: marked content as the
 * pages are drawn, the structure tree and catalog entries at the end.
 *
 * Input:  a libharu 2.3 document and the caller's open/close/content/
 *         artifact calls in reading order (the contract is pdf-tags.h).
 * Output: into the current page's content stream, as it goes:
 *         "/TYPE <</MCID n>> BDC" ... "EMC" and "/Artifact BMC" ... "EMC",
 *         never nested (a kind change closes the one before), and only
 *         while the page is outside a text or path object. At finish,
 *         through libharu's exported object layer (hpdf_objects.h):
 *         /StructParents and /Tabs /S per page; /MarkInfo, /Lang,
 *         /ViewerPreferences /DisplayDocTitle, an XMP /Metadata stream
 *         (dc:title, pdfuaid:part 1; no dates); PDF 1.7; a bfrange
 *         ToUnicode CMap in place of the identity "begincidrange" one
 *         libharu writes for each UTF-8 Type0 font; and a placeholder
 *         /StructTreeRoot. At append, after the save, through
 *         render-pdf-update.h: the real root -> Document -> elements,
 *         with /P, /Pg, /K (MCIDs, /MCR for content on another page,
 *         child elements in call order), /A for TH (/Scope) and Figure
 *         (/BBox), /Alt on Figures, and the /ParentTree number tree, as
 *         compact dicts in one compressed object stream.
 * Design: the tree is kept in our own arrays while pages are drawn (an
 *         element is a type, a parent and a list of kids) and becomes PDF
 *         text only in dr_tags_append: element i is object (old /Size +
 *         i), so the numbers follow the tree; pages are referred to by
 *         the numbers libharu gave them.
 * ToUnicode: with the UTF-8 encoder libharu's content-stream codes are the
 *         UTF-16 code units of the BMP, so an identity map is the right
 *         one; it is written as one bfrange per high byte (surrogates
 *         excluded), 100 per block, into the same stream object.
 * Errors: libharu's, through the document's handler; every call is a
 *         no-op once HPDF_GetError(pdf) is set, or with a NULL tagger, or
 *         before the first dr_tags_page. Owns: the arrays below (freed by
 *         dr_tags_free); the PDF objects belong to the document.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_font.h>
#include <hpdf_streams.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "dyadreport/pdf-tags.h"
#include "render-pdf-update.h"

#define DOCUMENT 0              /* element 0 is the Document */
#define ALT_MAX 8000            /* bytes of cleaned UTF-8 kept for an /Alt */
#define NUMS_PER_NODE 1024      /* pages per ParentTree leaf when it is split */

/* One entry of an element's /K: a child element, or an MCID on a page. */
struct kid {
	int is_mcid;
	int value;              /* element index, or MCID */
	int page;               /* page index, for an MCID */
};

struct elem {
	char type[16];          /* standard types are at most 10 letters */
	int parent;
	int page;               /* first page with content in its subtree, or -1 */
	int scope;              /* TH: enum dr_tags_scope; else -1 */
	int automatic;          /* a P the tagger opened for loose content */
	int grouping;           /* holds elements, not content (is_grouping) */
	char *alt;              /* Figure: cleaned UTF-8 */
	double bbox[4];
	struct kid *kids;
	int nkids, kids_cap;
};

struct page {
	HPDF_Page page;
	int *mcid_elem;         /* MCID -> element index */
	int n, cap;
};

enum mc_kind { MC_NONE, MC_CONTENT, MC_ARTIFACT };

struct dr_tags {
	HPDF_Doc pdf;
	struct elem *e;
	int ne, e_cap;
	int *stack;             /* open elements, stack[0] = DOCUMENT */
	int depth, stack_cap;
	struct page *pg;
	int npg, pg_cap;
	int cur;                /* current page index, -1 before the first */
	enum mc_kind mc;        /* what marked content is open, on page mc_page */
	int mc_elem, mc_page;
	int finished;
	int root_num;           /* the reserved /StructTreeRoot, 0 until finish */
	int appended;
};

/* Makes room for need items of size in *p (capacity *cap, doubled). */
static void grow(void **p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return;
	int n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	*p = dr_xreallocarray(*p, (size_t)n, size);
	*cap = n;
}

/* True when calls should do nothing. */
static int stopped(const struct dr_tags *t)
{
	return !t || t->finished || HPDF_GetError(t->pdf) != HPDF_OK;
}

static int is_grouping(const char *type)
{
	static const char *const grouping[] = {
		"Document", "Part", "Art", "Sect", "Div", "Table", "THead", "TBody",
		"TFoot", "TR", "L", "LI", "TOC", "TOCI", "Index", "NonStruct",
	};
	for (size_t i = 0; i < sizeof grouping / sizeof grouping[0]; i++)
		if (strcmp(type, grouping[i]) == 0)
			return 1;
	return 0;
}

static int new_elem(struct dr_tags *t, const char *type, int parent)
{
	grow((void **)&t->e, &t->e_cap, t->ne + 1, sizeof *t->e);
	struct elem *e = &t->e[t->ne];
	memset(e, 0, sizeof *e);
	snprintf(e->type, sizeof e->type, "%s", type);
	e->parent = parent;
	e->page = -1;
	e->scope = -1;
	e->grouping = is_grouping(e->type);
	return t->ne++;
}

static void add_kid(struct dr_tags *t, int elem, struct kid k)
{
	struct elem *e = &t->e[elem];
	grow((void **)&e->kids, &e->kids_cap, e->nkids + 1, sizeof *e->kids);
	e->kids[e->nkids++] = k;
}

static HPDF_Stream page_stream(const struct dr_tags *t, int page)
{
	return ((HPDF_PageAttr)t->pg[page].page->attr)->stream;
}

static int page_describing(const struct dr_tags *t, int page)
{
	return ((HPDF_PageAttr)t->pg[page].page->attr)->gmode == HPDF_GMODE_PAGE_DESCRIPTION;
}

static void mc_close(struct dr_tags *t)
{
	if (t->mc == MC_NONE)
		return;
	HPDF_Stream_WriteStr(page_stream(t, t->mc_page), "EMC\n");
	t->mc = MC_NONE;
}


static void push(struct dr_tags *t, int elem)
{
	grow((void **)&t->stack, &t->stack_cap, t->depth + 1, sizeof *t->stack);
	t->stack[t->depth++] = elem;
}

/* Closes the innermost element if it is an automatic P. */
static void end_automatic(struct dr_tags *t)
{
	if (t->depth > 1 && t->e[t->stack[t->depth - 1]].automatic) {
		if (t->mc == MC_CONTENT)
			mc_close(t);
		t->depth--;
	}
}

/* Opens type under the innermost open element; returns its index. */
static int open_elem(struct dr_tags *t, const char *type)
{
	end_automatic(t);
	if (t->mc == MC_CONTENT)
		mc_close(t);
	int parent = t->stack[t->depth - 1];
	int i = new_elem(t, type, parent);
	add_kid(t, parent, (struct kid){ 0, i, -1 });
	push(t, i);
	return i;
}

struct dr_tags *dr_tags_new(HPDF_Doc pdf)
{
	struct dr_tags *t = dr_xcalloc(1, sizeof *t);
	t->pdf = pdf;
	t->cur = -1;
	new_elem(t, "Document", -1);    /* DOCUMENT */
	push(t, DOCUMENT);
	return t;
}

void dr_tags_free(struct dr_tags *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->ne; i++) {
		free(t->e[i].kids);
		free(t->e[i].alt);
	}
	for (int i = 0; i < t->npg; i++)
		free(t->pg[i].mcid_elem);
	free(t->e);
	free(t->stack);
	free(t->pg);
	free(t);
}

void dr_tags_page(struct dr_tags *t, HPDF_Page page)
{
	if (stopped(t) || !page)
		return;
	end_automatic(t);
	mc_close(t);
	int i = t->npg - 1;
	while (i >= 0 && t->pg[i].page != page)
		i--;
	if (i < 0) {
		grow((void **)&t->pg, &t->pg_cap, t->npg + 1, sizeof *t->pg);
		i = t->npg++;
		memset(&t->pg[i], 0, sizeof t->pg[i]);
		t->pg[i].page = page;
	}
	t->cur = i;
}

void dr_tags_open(struct dr_tags *t, const char *type)
{
	if (stopped(t) || !type || !*type)
		return;
	open_elem(t, type);
}

void dr_tags_th(struct dr_tags *t, enum dr_tags_scope scope)
{
	if (stopped(t))
		return;
	int i = open_elem(t, "TH");     /* may move t->e: index it after */
	t->e[i].scope = (int)scope;
}

void dr_tags_figure(struct dr_tags *t, const char *alt, double x, double y, double w, double h)
{
	if (stopped(t))
		return;
	int i = open_elem(t, "Figure");
	struct elem *e = &t->e[i];
	char clean[ALT_MAX];
	dr_fonts_clean_utf8(alt, clean, sizeof clean);
	e->alt = dr_xstrdup(clean);
	e->bbox[0] = x;
	e->bbox[1] = y;
	e->bbox[2] = x + w;
	e->bbox[3] = y + h;
}

void dr_tags_close(struct dr_tags *t)
{
	if (stopped(t))
		return;
	end_automatic(t);
	if (t->depth <= 1)
		return;                 /* more closes than opens: ignored */
	if (t->mc == MC_CONTENT)
		mc_close(t);
	t->depth--;
}

void dr_tags_content(struct dr_tags *t)
{
	if (stopped(t) || t->cur < 0)
		return;
	int target = t->stack[t->depth - 1];
	if (t->mc == MC_CONTENT && t->mc_elem == target && t->mc_page == t->cur)
		return;
	if (!page_describing(t, t->cur))
		return;                 /* inside BT/ET or a path: cannot mark here */
	if (t->e[target].grouping) {
		target = open_elem(t, "P");
		t->e[target].automatic = 1;
	}
	mc_close(t);
	struct page *p = &t->pg[t->cur];
	grow((void **)&p->mcid_elem, &p->cap, p->n + 1, sizeof *p->mcid_elem);
	int mcid = p->n++;
	p->mcid_elem[mcid] = target;
	add_kid(t, target, (struct kid){ 1, mcid, t->cur });
	for (int i = target; i >= 0 && t->e[i].page < 0; i = t->e[i].parent)
		t->e[i].page = t->cur;
	char op[64];
	snprintf(op, sizeof op, "/%s <</MCID %d>> BDC\n", t->e[target].type, mcid);
	HPDF_Stream_WriteStr(page_stream(t, t->cur), op);
	t->mc = MC_CONTENT;
	t->mc_elem = target;
	t->mc_page = t->cur;
}

void dr_tags_artifact(struct dr_tags *t)
{
	if (stopped(t) || t->cur < 0)
		return;
	if (t->mc == MC_ARTIFACT && t->mc_page == t->cur)
		return;
	if (!page_describing(t, t->cur))
		return;
	mc_close(t);
	HPDF_Stream_WriteStr(page_stream(t, t->cur), "/Artifact BMC\n");
	t->mc = MC_ARTIFACT;
	t->mc_page = t->cur;
}

/* ---- dr_tags_finish: the reserved root, pages' entries -------------- */

static HPDF_STATUS add_indirect(HPDF_Doc pdf, HPDF_Dict d)
{
	return d ? HPDF_Xref_Add(pdf->xref, d) : HPDF_FAILD_TO_ALLOC_MEM;
}

/* An object's number, from libharu's header (hpdf_objects.h). */
static int obj_num(const void *obj)
{
	return (int)(((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF);
}

/* The libharu side of the tree: /StructParents and /Tabs on each page and
 * a placeholder /StructTreeRoot in the catalog, whose number the update
 * of dr_tags_append redefines. */
static HPDF_STATUS reserve_tree(struct dr_tags *t)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict root = HPDF_Dict_New(pdf->mmgr);
	HPDF_STATUS ret = add_indirect(pdf, root);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	for (int i = 0; i < t->npg && ret == HPDF_OK; i++) {
		ret = HPDF_Dict_AddNumber(t->pg[i].page, "StructParents", i);
		if (ret == HPDF_OK)
			ret = HPDF_Dict_AddName(t->pg[i].page, "Tabs", "S");
	}
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
	if (ret == HPDF_OK)
		t->root_num = obj_num(root);
	return ret;
}

/* Writes s into stream with XML's five special characters escaped. */
static HPDF_STATUS write_xml_text(HPDF_Stream stream, const char *s)
{
	HPDF_STATUS ret = HPDF_OK;
	for (; *s && ret == HPDF_OK; s++) {
		const char *esc = dr_xml_entity(*s);
		ret = esc ? HPDF_Stream_WriteStr(stream, esc)
			  : HPDF_Stream_Write(stream, (const HPDF_BYTE *)s, 1);
	}
	return ret;
}

/* The XMP packet: dc:title and pdfuaid:part only, nothing time-based. */
static HPDF_STATUS write_metadata(struct dr_tags *t, const char *title)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!md)
		return HPDF_FAILD_TO_ALLOC_MEM;
	char *clean = dr_xmalloc(ALT_MAX);
	dr_fonts_clean_utf8(title, clean, ALT_MAX);
	HPDF_STATUS ret = HPDF_Dict_AddName(md, "Type", "Metadata");
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(md, "Subtype", "XML");
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(md->stream,
			"<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
			"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
			"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
			"<rdf:Description rdf:about=\"\"\n"
			"  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
			"  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
			"<dc:format>application/pdf</dc:format>\n"
			"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	if (ret == HPDF_OK)
		ret = write_xml_text(md->stream, clean);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(md->stream,
			"</rdf:li></rdf:Alt></dc:title>\n"
			"<pdfuaid:part>1</pdfuaid:part>\n"
			"</rdf:Description>\n"
			"</rdf:RDF>\n"
			"</x:xmpmeta>\n"
			"<?xpacket end=\"r\"?>\n");
	free(clean);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(pdf->catalog, "Metadata", md);
	return ret;
}

static HPDF_STATUS write_catalog(struct dr_tags *t, const char *lang)
{
	HPDF_Doc pdf = t->pdf;
	HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
	HPDF_STATUS ret = HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(pdf->catalog, "Lang",
			HPDF_String_New(pdf->mmgr, lang && *lang ? lang : "en-US", NULL));
	HPDF_Dict prefs = HPDF_Dict_GetItem(pdf->catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (ret == HPDF_OK && !prefs) {
		prefs = HPDF_Dict_New(pdf->mmgr);
		ret = HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
	}
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
	return ret;
}

/* One UTF-8 Type0 font's ToUnicode stream, rewritten in place. */
static HPDF_STATUS write_to_unicode(HPDF_Doc pdf, HPDF_Dict cmap)
{
	static const char *const drop[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		HPDF_Dict_RemoveElement(cmap, drop[i]);      /* absent is fine */
	HPDF_MemStream_FreeData(cmap->stream);
	if (pdf->compression_mode & HPDF_COMP_METADATA)
		cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream s = cmap->stream;
	HPDF_STATUS ret = HPDF_Stream_WriteStr(s,
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int highs[256], n = 0;
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			highs[n++] = hi;
	for (int i = 0; i < n && ret == HPDF_OK; i += 100) {
		int block = n - i < 100 ? n - i : 100;
		char line[64];
		snprintf(line, sizeof line, "%d beginbfrange\n", block);
		ret = HPDF_Stream_WriteStr(s, line);
		for (int j = i; j < i + block && ret == HPDF_OK; j++) {
			int lo = highs[j] == 0 ? 0x20 : 0x00;
			snprintf(line, sizeof line, "<%02X%02X> <%02XFF> <%02X%02X>\n",
				 highs[j], lo, highs[j], highs[j], lo);
			ret = HPDF_Stream_WriteStr(s, line);
		}
		if (ret == HPDF_OK)
			ret = HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(s,
			"endcmap\n"
			"CMapName currentdict /CMap defineresource pop\n"
			"end\n"
			"end\n");
	return ret;
}

static HPDF_STATUS write_fonts_to_unicode(HPDF_Doc pdf)
{
	HPDF_STATUS ret = HPDF_OK;
	for (HPDF_UINT i = 0; pdf->font_mgr && i < pdf->font_mgr->count && ret == HPDF_OK; i++) {
		HPDF_Font font = HPDF_List_ItemAt(pdf->font_mgr, i);
		HPDF_FontAttr fa = font ? (HPDF_FontAttr)font->attr : NULL;
		if (fa && fa->type == HPDF_FONT_TYPE0_TT && fa->cmap_stream && fa->encoder &&
		    strcmp(fa->encoder->name, "UTF-8") == 0)
			ret = write_to_unicode(pdf, fa->cmap_stream);
	}
	return ret;
}

int dr_tags_finish(struct dr_tags *t, const char *title, const char *lang)
{
	if (!t)
		return 0;
	if (stopped(t))
		return t->finished && HPDF_GetError(t->pdf) == HPDF_OK ? 0 : -1;
	if (t->cur >= 0)
		mc_close(t);
	t->depth = 1;
	HPDF_STATUS ret = reserve_tree(t);
	if (ret == HPDF_OK)
		ret = write_catalog(t, lang);
	if (ret == HPDF_OK)
		ret = write_metadata(t, title ? title : "");
	if (ret == HPDF_OK)
		ret = write_fonts_to_unicode(t->pdf);
	if (ret == HPDF_OK)
		t->pdf->pdf_version = HPDF_VER_17;
	t->finished = 1;
	return ret == HPDF_OK && HPDF_GetError(t->pdf) == HPDF_OK ? 0 : -1;
}

/* ---- dr_tags_append: the tree as an incremental update --------------- */

/* x to two decimals, trailing zeros dropped, whatever the locale. */
static void put_real(struct dr_pdf_update *u, double x)
{
	long v = x < 0 ? -(long)(-x * 100 + 0.5) : (long)(x * 100 + 0.5);
	unsigned long a = v < 0 ? (unsigned long)-v : (unsigned long)v;
	dr_pdf_update_putf(u, "%s%lu", v < 0 ? "-" : "", a / 100);
	if (a % 100 != 0) {
		if (a % 10 != 0)
			dr_pdf_update_putf(u, ".%02lu", a % 100);
		else
			dr_pdf_update_putf(u, ".%lu", a % 100 / 10);
	}
}

/* A PDF text string from clean UTF-8 (dr_fonts_clean_utf8): a literal string with ( ) \
 * escaped when it is printable ASCII, else hex UTF-16BE with a BOM. */
static void put_text_string(struct dr_pdf_update *u, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t len = strlen(utf8);
	int ascii = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7E)
			ascii = 0;
	if (ascii) {
		dr_pdf_update_puts(u, "(");
		for (size_t i = 0; i < len; i++) {
			if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
				dr_pdf_update_puts(u, "\\");
			dr_pdf_update_putn(u, s + i, 1);
		}
		dr_pdf_update_puts(u, ")");
		return;
	}
	dr_pdf_update_puts(u, "<FEFF");
	for (size_t i = 0, n; i < len; i += n) {   /* clean: BMP only, no invalid bytes */
		uint32_t cp = 0xFFFD;
		n = dr_fonts_utf8_decode(s + i, &cp);
		if (n == 0)
			n = 1;
		dr_pdf_update_putf(u, "%04X", (unsigned)cp);
	}
	dr_pdf_update_puts(u, ">");
}

/* The numbers of the update: element i is first + i. */
struct numbers {
	int first;              /* element 0, the Document */
	int root;
};

static void put_ref(struct dr_pdf_update *u, int num)
{
	dr_pdf_update_putf(u, "%d 0 R", num);
}

static void put_elem(struct dr_tags *t, struct dr_pdf_update *u, const struct numbers *nb, int i)
{
	const struct elem *e = &t->e[i];
	dr_pdf_update_object(u, nb->first + i);
	dr_pdf_update_putf(u, "<</Type/StructElem/S/%s/P ", e->type);
	put_ref(u, e->parent < 0 ? nb->root : nb->first + e->parent);
	if (e->page >= 0) {
		dr_pdf_update_puts(u, "/Pg ");
		put_ref(u, obj_num(t->pg[e->page].page));
	}
	if (e->scope >= 0) {
		static const char *const scopes[] = { "Column", "Row", "Both" };
		dr_pdf_update_putf(u, "/A<</O/Table/Scope/%s>>", scopes[e->scope <= DR_SCOPE_BOTH ? e->scope : 0]);
	}
	if (e->alt) {
		dr_pdf_update_puts(u, "/Alt");
		put_text_string(u, e->alt);
		dr_pdf_update_puts(u, "/A<</O/Layout/BBox[");
		for (int j = 0; j < 4; j++) {
			if (j)
				dr_pdf_update_puts(u, " ");
			put_real(u, e->bbox[j]);
		}
		dr_pdf_update_puts(u, "]>>");
	}
	if (e->nkids == 1 && e->kids[0].is_mcid && e->kids[0].page == e->page) {
		dr_pdf_update_putf(u, "/K %d", e->kids[0].value);
	} else if (e->nkids > 0) {
		dr_pdf_update_puts(u, "/K[");
		for (int j = 0; j < e->nkids; j++) {
			const struct kid *k = &e->kids[j];
			if (j)
				dr_pdf_update_puts(u, " ");
			if (!k->is_mcid) {
				put_ref(u, nb->first + k->value);
			} else if (k->page == e->page) {
				dr_pdf_update_putf(u, "%d", k->value);
			} else {
				dr_pdf_update_puts(u, "<</Type/MCR/Pg ");
				put_ref(u, obj_num(t->pg[k->page].page));
				dr_pdf_update_putf(u, "/MCID %d>>", k->value);
			}
		}
		dr_pdf_update_puts(u, "]");
	}
	dr_pdf_update_puts(u, ">>");
}

/* /Nums[key[elements by MCID] ...] for pages from..to-1. */
static void put_nums(struct dr_tags *t, struct dr_pdf_update *u, const struct numbers *nb, int from, int to)
{
	dr_pdf_update_puts(u, "/Nums[");
	for (int i = from; i < to; i++) {
		dr_pdf_update_putf(u, "%s%d[", i > from ? " " : "", i);
		for (int m = 0; m < t->pg[i].n; m++) {
			if (m)
				dr_pdf_update_puts(u, " ");
			put_ref(u, nb->first + t->pg[i].mcid_elem[m]);
		}
		dr_pdf_update_puts(u, "]");
	}
	dr_pdf_update_puts(u, "]");
}

/* The root (redefining the reserved number) with its /ParentTree: one
 * /Nums inline, or /Kids leaves of NUMS_PER_NODE pages, numbered after
 * the elements. */
static void put_root(struct dr_tags *t, struct dr_pdf_update *u, const struct numbers *nb)
{
	int leaves = t->npg > NUMS_PER_NODE ? (t->npg + NUMS_PER_NODE - 1) / NUMS_PER_NODE : 0;
	int first_leaf = 0;
	for (int l = 0; l < leaves; l++) {
		int num = dr_pdf_update_next(u);
		if (l == 0)
			first_leaf = num;
	}
	dr_pdf_update_object(u, nb->root);
	dr_pdf_update_puts(u, "<</Type/StructTreeRoot/K ");
	put_ref(u, nb->first + DOCUMENT);
	dr_pdf_update_puts(u, "/ParentTree<<");
	if (leaves == 0) {
		put_nums(t, u, nb, 0, t->npg);
	} else {
		dr_pdf_update_puts(u, "/Kids[");
		for (int l = 0; l < leaves; l++) {
			if (l)
				dr_pdf_update_puts(u, " ");
			put_ref(u, first_leaf + l);
		}
		dr_pdf_update_puts(u, "]");
	}
	dr_pdf_update_putf(u, ">>/ParentTreeNextKey %d>>", t->npg);
	for (int l = 0; l < leaves; l++) {
		int from = l * NUMS_PER_NODE;
		int to = from + NUMS_PER_NODE < t->npg ? from + NUMS_PER_NODE : t->npg;
		dr_pdf_update_object(u, first_leaf + l);
		dr_pdf_update_putf(u, "<</Limits[%d %d]", from, to - 1);
		put_nums(t, u, nb, from, to);
		dr_pdf_update_puts(u, ">>");
	}
}

int dr_tags_append(struct dr_tags *t, unsigned char **buf, size_t *len)
{
	if (!t || t->appended)
		return 0;
	if (!t->finished || t->root_num <= 0 || HPDF_GetError(t->pdf) != HPDF_OK ||
	    !buf || !*buf || !len)
		return -1;
	struct dr_pdf_update *u = dr_pdf_update_new(*buf, *len);
	if (!u)
		return -1;
	struct numbers nb = { dr_pdf_update_next(u), t->root_num };
	for (int i = 1; i < t->ne; i++)
		dr_pdf_update_next(u);
	put_root(t, u, &nb);
	for (int i = 0; i < t->ne; i++)
		put_elem(t, u, &nb, i);
	int ret = dr_pdf_update_write(u, buf, len);
	dr_pdf_update_free(u);
	if (ret == 0)
		t->appended = 1;
	return ret;
}
