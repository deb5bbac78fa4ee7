/*
 * test-pdf-tags.c -- the tagger of pdf-tags.h on a small libharu document:
 * two pages with the packet's fonts, an H1, a P interrupted by a rule, a
 * table that breaks across the pages, a Figure drawn with paths, loose
 * content (an automatic P) and footers drawn last as artifacts. Asserts
 * the saved bytes (catalog entries, XMP, ToUnicode, same bytes twice),
 * the tree's incremental update (its object stream inflated here; the
 * xref stream's /Root and /Info, two sections) and, when the tools are
 * installed, what qpdf --check, pdfinfo (-struct-text), pdftotext and
 * pikepdf say about the file. Also: NULL tagger, content before the
 * first page, more closes than opens, a libharu error, append after a
 * failed finish or twice, 3000 pages (a split ParentTree).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <zlib.h>

#include "dyadreport/font.h"
#include "dyadreport/pdf-tags.h"
#include "tap.h"
#include "testutil.h"
#include "fonttest.h"

struct buf {
	unsigned char *p;
	size_t n;
};

static int contains(const struct buf *b, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= b->n; i++)
		if (memcmp(b->p + i, s, k) == 0)
			return 1;
	return 0;
}

static int count(const struct buf *b, const char *s)
{
	size_t k = strlen(s);
	int n = 0;
	for (size_t i = 0; i + k <= b->n; i++)
		if (memcmp(b->p + i, s, k) == 0)
			n++;
	return n;
}

/* The document saved by libharu, without the tree's update. */
static struct buf save_plain(HPDF_Doc pdf)
{
	struct buf b = { NULL, 0 };
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return b;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	b.p = malloc(size ? size : 1);
	HPDF_ReadFromStream(pdf, b.p, &size);
	b.n = size;
	return b;
}

/* The number after the first s in b, or -1. */
static int number_after(const struct buf *b, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k < b->n; i++)
		if (memcmp(b->p + i, s, k) == 0)
			return atoi((const char *)b->p + i + k);
	return -1;
}

/* Saved, and the tree appended as the packet does it. */
static struct buf save(HPDF_Doc pdf, struct dr_tags *t)
{
	struct buf b = save_plain(pdf);
	tap_int(dr_tags_append(t, &b.p, &b.n), 0, "dr_tags_append returns 0");
	return b;
}

/* b followed by the inflated data of every /Type/ObjStm stream in it, so
 * that the element dicts can be grepped. */
static struct buf expand(const struct buf *b)
{
	struct buf x = { malloc(b->n), b->n };
	memcpy(x.p, b->p, b->n);
	const char *key = "/Type/ObjStm";
	for (size_t i = 0; i + strlen(key) <= b->n; i++) {
		if (memcmp(b->p + i, key, strlen(key)) != 0)
			continue;
		const unsigned char *len = NULL, *data = NULL;
		for (size_t j = i; j + 8 <= b->n && !data; j++) {
			if (!len && memcmp(b->p + j, "/Length ", 8) == 0)
				len = b->p + j + 8;
			if (memcmp(b->p + j, "stream\n", 7) == 0)
				data = b->p + j + 7;
		}
		if (!len || !data)
			break;
		uLong zn = strtoul((const char *)len, NULL, 10);
		uLongf n = 1 << 22;
		unsigned char *out = malloc(n);
		if (uncompress(out, &n, data, zn) == Z_OK) {
			x.p = realloc(x.p, x.n + n);
			memcpy(x.p + x.n, out, n);
			x.n += n;
		}
		free(out);
	}
	return x;
}

static void text(struct dr_tags *t, HPDF_Page page, HPDF_Font font, double x, double y, const char *s)
{
	dr_tags_content(t);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, 11);
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(page);
}

static void rule(struct dr_tags *t, HPDF_Page page, double y)
{
	dr_tags_artifact(t);
	HPDF_Page_Rectangle(page, 40, (HPDF_REAL)y, 515, 0.8f);
	HPDF_Page_Fill(page);
}

static void row(struct dr_tags *t, HPDF_Page page, HPDF_Font font, double y, const char *a, const char *b)
{
	dr_tags_open(t, "TR");
	dr_tags_open(t, "TD");
	text(t, page, font, 40, y, a);
	dr_tags_close(t);
	dr_tags_open(t, "TD");
	text(t, page, font, 300, y, b);
	dr_tags_close(t);
	dr_tags_close(t);
}

#define ALT "Visits rose to 120 in October \xe2\x80\x94 centre 100, limits 80 to 120."

/* The document of this test; compression as the packet has it. */
static struct buf build(const struct dr_fonts *fonts, int compression)
{
	struct dr_fonts f = *fonts;
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, (HPDF_UINT)compression);
	if (dr_fonts_load_hpdf(&f, pdf) != 0)
		exit(99);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Tagged test");
	struct dr_tags *t = dr_tags_new(pdf);
	HPDF_Page p1 = HPDF_AddPage(pdf), p2 = HPDF_AddPage(pdf);
	HPDF_Font reg = f.hpdf.regular, bold = f.hpdf.bold;

	dr_tags_page(t, p1);
	rule(t, p1, 800);
	dr_tags_open(t, "Sect");
	dr_tags_open(t, "H1");
	text(t, p1, bold, 40, 770, "Tagged packet");
	dr_tags_close(t);
	dr_tags_open(t, "P");
	text(t, p1, reg, 40, 740, "First paragraph");
	rule(t, p1, 735);
	text(t, p1, reg, 40, 720, "continues: M\xc3\xbcller \xe2\x80\x93 \xce\xa9mega");
	dr_tags_close(t);
	dr_tags_open(t, "Table");
	dr_tags_open(t, "TR");
	dr_tags_th(t, DR_SCOPE_COLUMN);
	text(t, p1, bold, 40, 690, "Metric");
	dr_tags_close(t);
	dr_tags_th(t, DR_SCOPE_COLUMN);
	text(t, p1, bold, 300, 690, "Value");
	dr_tags_close(t);
	dr_tags_close(t);
	row(t, p1, reg, 670, "Visits", "120");
	dr_tags_open(t, "TR");                  /* a row that breaks across the pages */
	dr_tags_open(t, "TD");
	text(t, p1, reg, 40, 650, "Denials");
	dr_tags_page(t, p2);
	text(t, p2, reg, 40, 800, "(continued)");
	dr_tags_close(t);
	dr_tags_open(t, "TD");
	text(t, p2, reg, 300, 800, "7");
	dr_tags_close(t);
	dr_tags_close(t);
	dr_tags_close(t);
	dr_tags_figure(t, ALT, 40, 500, 300, 200);
	dr_tags_content(t);
	HPDF_Page_MoveTo(p2, 40, 500);
	HPDF_Page_LineTo(p2, 340, 700);
	HPDF_Page_Stroke(p2);
	HPDF_Page_Rectangle(p2, 60, 520, 20, 20);
	HPDF_Page_Fill(p2);
	dr_tags_close(t);
	text(t, p2, reg, 40, 470, "Loose note");  /* no leaf open: an automatic P */
	dr_tags_close(t);                        /* Sect */

	dr_tags_page(t, p1);                     /* footers last */
	dr_tags_artifact(t);
	HPDF_Page_BeginText(p1);
	HPDF_Page_SetFontAndSize(p1, reg, 8);
	HPDF_Page_TextOut(p1, 40, 20, "Page 1");
	HPDF_Page_EndText(p1);
	dr_tags_page(t, p2);
	dr_tags_artifact(t);
	HPDF_Page_BeginText(p2);
	HPDF_Page_SetFontAndSize(p2, reg, 8);
	HPDF_Page_TextOut(p2, 40, 20, "Page 2");
	HPDF_Page_EndText(p2);

	tap_int(dr_tags_finish(t, "Tagged <test> & \xce\xa9mega", "en-GB"), 0, "finish returns 0");
	struct buf b = save(pdf, t);
	dr_tags_free(t);
	HPDF_Free(pdf);
	return b;
}

/* Runs cmd (a shell line) with stdout and stderr in two scratch files and
 * returns the stdout text (malloc'd); *err gets the stderr text. */
static char *run(const char *cmd, char **err)
{
	char line[2048], out[512], errp[512];
	snprintf(out, sizeof out, "%s/out.txt", tu_scratch());
	snprintf(errp, sizeof errp, "%s/err.txt", tu_scratch());
	snprintf(line, sizeof line, "%s >'%s' 2>'%s'", cmd, out, errp);
	int rc = system(line);
	(void)rc;
	*err = strdup(tu_slurp(errp));
	return strdup(tu_slurp(out));
}

static int have(const char *tool)
{
	char line[256];
	snprintf(line, sizeof line, "command -v %s >/dev/null 2>&1", tool);
	return system(line) == 0;
}

/* Checked by hand against the calls of build(): the tree in call order,
 * each MCID's text (the P and the broken cell have two), the TH scopes,
 * the Figure's box (its content is paths: no text). */
static const char *const struct_text =
	"Document\n"
	"  Sect\n"
	"    H1 (block)\n"
	"      \"Tagged packet\"\n"
	"    P (block)\n"
	"      \"First paragraph\"\n"
	"      \"continues: M\xc3\xbcller \xe2\x80\x93 \xce\xa9mega\"\n"
	"    Table (block)\n"
	"      TR\n"
	"        TH:\n"
	"           /Scope /Column\n"
	"          \"Metric\"\n"
	"        TH:\n"
	"           /Scope /Column\n"
	"          \"Value\"\n"
	"      TR\n"
	"        TD\n"
	"          \"Visits\"\n"
	"        TD\n"
	"          \"120\"\n"
	"      TR\n"
	"        TD\n"
	"          \"Denials\"\n"
	"          \"(continued)\"\n"
	"        TD\n"
	"          \"7\"\n"
	"    Figure:\n"
	"       /BBox [40 500 340 700]\n"
	"      \"\"\n"
	"    P (block)\n"
	"      \"Loose note\"\n";

/* A walk of the tree with pikepdf (the update read as any reader does):
 * element types depth first, each /P the element above, each MCID once
 * in the parent tree and pointing at the element that has it. */
static const char *const pikepdf_walk =
	"import sys, pikepdf\n"
	"pdf = pikepdf.open(sys.argv[1])\n"
	"root = pdf.Root.StructTreeRoot\n"
	"print(\"root\", str(root.Type)[1:])\n"
	"types, owner, bad = [], {}, 0\n"
	"pages = [p.obj.objgen for p in pdf.pages]\n"
	"def walk(e, parent):\n"
	"    global bad\n"
	"    types.append(str(e.S)[1:])\n"
	"    bad += e.P.objgen != parent.objgen\n"
	"    k = e.get(\"/K\", [])\n"
	"    for kid in (k if isinstance(k, pikepdf.Array) else [k]):\n"
	"        if isinstance(kid, pikepdf.Dictionary) and kid.get(\"/Type\") == \"/MCR\":\n"
	"            owner[(pages.index(kid.Pg.objgen), int(kid.MCID))] = e.objgen\n"
	"        elif isinstance(kid, pikepdf.Dictionary):\n"
	"            walk(kid, e)\n"
	"        else:\n"
	"            owner[(pages.index(e.Pg.objgen), int(kid))] = e.objgen\n"
	"walk(root.K, root)\n"
	"print(\" \".join(types))\n"
	"print(\"mcids\", len(owner), \"parents\", \"ok\" if bad == 0 else \"bad\")\n"
	"fig = root.K.K[0].K[3]\n"
	"sys.stdout.buffer.write(b\"figure alt: \" + str(fig.Alt).encode() + b\"\\n\")\n"
	"nums = root.ParentTree.Nums\n"
	"per, same = [], 1\n"
	"for i in range(0, len(nums), 2):\n"
	"    per.append(len(nums[i + 1]))\n"
	"    for m, e in enumerate(nums[i + 1]):\n"
	"        same &= owner.get((int(nums[i]), m)) == e.objgen\n"
	"print(\"parent tree:\", len(per), \"pages,\", \" + \".join(map(str, per)), \"MCIDs,\",\n"
	"      \"each to its element\" if same and sum(per) == len(owner) else \"WRONG\")\n";

static void test_tools(const struct buf *b)
{
	if (!have("qpdf") || !have("pdfinfo") || !have("pdftotext")) {
		printf("ok %d # SKIP qpdf or poppler-utils not installed\n", ++tap_n);
		return;
	}
	const char *path = tu_write_n("tagged.pdf", b->p, b->n);
	char cmd[4096], *err, *out;

	snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
	out = run(cmd, &err);
	tap_ok(strstr(out, "No syntax or stream encoding errors found") != NULL, "qpdf --check passes");
	tap_str(err, "", "qpdf --check: nothing on stderr");
	free(out), free(err);

	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
	out = run(cmd, &err);
	tap_ok(strstr(out, "\nTagged:          yes\n") != NULL, "pdfinfo: Tagged: yes");
	tap_ok(strstr(out, "\nPDF version:     1.7\n") != NULL, "pdfinfo: PDF version 1.7");
	tap_ok(strstr(out, "\nPages:           2\n") != NULL, "pdfinfo: 2 pages");
	tap_str(err, "", "pdfinfo: no warning");
	free(out), free(err);

	snprintf(cmd, sizeof cmd, "pdfinfo -struct-text '%s'", path);
	out = run(cmd, &err);
	tap_str(out, struct_text, "pdfinfo -struct-text: the tree in reading order with its texts");
	tap_str(err, "", "pdfinfo -struct-text: no warning");
	free(out), free(err);

	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' -", path);
	out = run(cmd, &err);
	tap_str(err, "", "pdftotext: no warning (a valid ToUnicode CMap)");
	tap_ok(strstr(out, "continues: M\xc3\xbcller \xe2\x80\x93 \xce\xa9mega") != NULL,
	       "pdftotext: the exact text, non-ASCII included");
	tap_ok(strstr(out, "Denials") && strstr(out, "Page 2"), "pdftotext: page 2's text");
	free(out), free(err);

	snprintf(cmd, sizeof cmd, "pdffonts '%s'", path);
	out = run(cmd, &err);
	tap_str(err, "", "pdffonts: no warning");
	free(out), free(err);

	/* Debian's pikepdf is for /usr/bin/python3, not a python3 on PATH */
	if (system("/usr/bin/python3 -c 'import pikepdf' >/dev/null 2>&1") != 0) {
		printf("ok %d # SKIP pikepdf not installed for /usr/bin/python3\n", ++tap_n);
		return;
	}
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c '%s' '%s'", pikepdf_walk, path);
	out = run(cmd, &err);
	tap_str(out, "root StructTreeRoot\n"
		"Document Sect H1 P Table TR TH TH TR TD TD TR TD TD Figure P\n"
		"mcids 12 parents ok\n"
		"figure alt: Visits rose to 120 in October \xe2\x80\x94 centre 100, limits 80 to 120.\n"
		"parent tree: 2 pages, 8 + 4 MCIDs, each to its element\n",
		"pikepdf walks the root, the elements in order, /P back links and the parent tree");
	tap_str(err, "", "pikepdf: no warning");
	free(out), free(err);
}

/* The bytes, uncompressed: what the tagger put in the content and objects. */
static void test_bytes(const struct buf *saved)
{
	struct buf x = expand(saved);
	const struct buf *b = &x;
	tap_ok(contains(b, "%PDF-1.7"), "header says PDF 1.7");
	tap_ok(contains(b, "/MarkInfo <<\n/Marked true\n>>") || contains(b, "/Marked true"),
	       "catalog: /MarkInfo /Marked true");
	tap_ok(contains(b, "/Lang (en-GB)"), "catalog: /Lang from the caller");
	tap_ok(contains(b, "/DisplayDocTitle true"), "catalog: /DisplayDocTitle true");
	tap_ok(contains(b, "/Type /Metadata") && contains(b, "/Subtype /XML"), "catalog: an XMP /Metadata stream");
	tap_ok(contains(b, "<rdf:li xml:lang=\"x-default\">Tagged &lt;test&gt; &amp; \xce\xa9mega</rdf:li>"),
	       "XMP: dc:title, escaped, in UTF-8");
	tap_ok(contains(b, "<pdfuaid:part>1</pdfuaid:part>") &&
	       contains(b, "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""), "XMP: pdfuaid:part 1");
	tap_ok(!contains(b, "Date") && !contains(b, "/ID") && !contains(b, "uuid"), "nothing time-based");
	tap_int(count(b, "begincidrange"), 0, "ToUnicode: no begincidrange left");
	tap_int(count(b, "100 beginbfrange"), 2 * 2, "ToUnicode: two full blocks per font");
	tap_int(count(b, "48 beginbfrange"), 2, "ToUnicode: and one of 48 (256 high bytes less 8 of surrogates)");
	tap_ok(contains(b, "<0020> <00FF> <0020>") && contains(b, "<D700> <D7FF> <D700>") &&
	       !contains(b, "<D800>") && contains(b, "<FF00> <FFFF> <FF00>"), "ToUnicode: identity ranges per high byte");
	int root = number_after(saved, "/StructTreeRoot ");
	char want[128];
	snprintf(want, sizeof want, "\n%d 0 obj\n<<\n/Type /StructTreeRoot\n>>", root);
	tap_ok(root > 0 && contains(saved, want), "libharu's part: the catalog's /StructTreeRoot, a placeholder");
	snprintf(want, sizeof want, "/Index[%d 1 ", root);
	tap_ok(contains(saved, want), "the xref stream redefines the placeholder's number, then new ones");
	snprintf(want, sizeof want, "/Prev %d/", number_after(saved, "startxref\n"));
	tap_ok(contains(saved, want), "its /Prev is libharu's xref");
	tap_int(count(saved, "/Type/StructElem"), 0, "the elements are not plain objects");
	tap_ok(contains(b, "<</Type/StructTreeRoot/K "), "the update redefines the root");
	tap_int(count(b, "/Type/StructElem"), 16, "16 structure elements (Document .. automatic P)");
	tap_ok(contains(b, "<</Type/StructElem/S/H1/P "), "compact element dicts");
	tap_int(count(b, "/StructParents "), 2, "/StructParents on both pages");
	tap_int(count(b, "/Tabs /S"), 2, "/Tabs /S on both pages");
	tap_ok(contains(b, "/ParentTreeNextKey 2"), "/ParentTreeNextKey 2");
	tap_int(count(b, "/Type/MCR"), 1, "the cell that breaks: its page-2 MCID is an /MCR");
	tap_int(count(b, "/A<</O/Table/Scope/Column>>"), 2, "two TH with /Scope /Column");
	tap_ok(contains(b, "/A<</O/Layout/BBox[40 500 340 700]>>"), "the Figure's /Layout /BBox");
	tap_ok(contains(b, "/Alt<FEFF00560069007300690074007300200072006F00730065"), "Figure /Alt as UTF-16BE with a BOM");
	tap_ok(contains(b, "2014002000630065006E00740072006500"), "... the em dash kept");
	tap_ok(contains(b, "/H1 <</MCID 0>> BDC") && contains(b, "/P <</MCID 1>> BDC") &&
	       contains(b, "/P <</MCID 2>> BDC"), "page 1: H1, then the P's two MCIDs around the rule");
	tap_ok(contains(b, "/TD <</MCID 0>> BDC") && contains(b, "/Figure <</MCID 2>> BDC"),
	       "page 2: the cell's rest, the next cell, then the Figure");
	tap_int(count(b, "\n/Artifact BMC\n"), 4, "four artifacts: two rules, two footers");
	tap_int(count(b, ">> BDC\n"), 8 + 4, "12 tagged sequences: 8 on page 1, 4 on page 2");
	tap_int(count(b, "\nEMC\n"), 12 + 4, "every BDC and BMC closed");
	tap_int(count(saved, "/Type/ObjStm"), 1, "one object stream");
	tap_ok(contains(saved, "/Type/XRef/Size ") && contains(saved, "/Root 1 0 R/Info "),
	       "a cross-reference stream keeping /Root and /Info");
	tap_int(count(saved, "startxref"), 2, "two sections: libharu's and the update");
	tap_int(count(saved, "%%EOF"), 2, "... each with its %%EOF");
	free(x.p);
}

static void test_robust(const struct dr_fonts *fonts)
{
	/* a NULL tagger */
	dr_tags_page(NULL, NULL);
	dr_tags_open(NULL, "P");
	dr_tags_th(NULL, DR_SCOPE_ROW);
	dr_tags_figure(NULL, "x", 0, 0, 1, 1);
	dr_tags_content(NULL);
	dr_tags_artifact(NULL);
	dr_tags_close(NULL);
	tap_int(dr_tags_finish(NULL, "t", "en-US"), 0, "NULL tagger: every call is a no-op");
	dr_tags_free(NULL);

	/* content before any page, more closes than opens, open at finish */
	struct dr_fonts f = *fonts;
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	dr_fonts_load_hpdf(&f, pdf);
	struct dr_tags *t = dr_tags_new(pdf);
	dr_tags_content(t);
	dr_tags_artifact(t);
	dr_tags_close(t);
	HPDF_Page page = HPDF_AddPage(pdf);
	dr_tags_close(t);
	dr_tags_close(t);
	dr_tags_page(t, page);
	dr_tags_open(t, "L");
	dr_tags_open(t, "LI");
	dr_tags_open(t, "LBody");
	text(t, page, f.hpdf.regular, 40, 700, "An item left open");
	tap_int(dr_tags_finish(t, "", NULL), 0, "finish closes what is still open");
	dr_tags_close(t);
	dr_tags_content(t);
	tap_int(dr_tags_finish(t, "", NULL), 0, "a second finish, or calls after it, do nothing");
	struct buf saved = save(pdf, t);
	size_t n = saved.n;
	tap_int(dr_tags_append(t, &saved.p, &saved.n), 0, "a second append returns 0 ...");
	tap_ok(saved.n == n, "... and appends nothing");
	struct buf b = expand(&saved);
	tap_int(count(&b, ">> BDC\n") + count(&b, "BMC\n"), 1, "content before the first page wrote nothing");
	tap_int(count(&b, "\nEMC\n"), 1, "... and the one BDC is closed at finish");
	tap_int(count(&b, "/Type/StructElem"), 4, "Document, L, LI, LBody");
	tap_ok(contains(&b, "/S/LBody/P ") && contains(&b, "/K 0>>"), "LBody: its one MCID as an integer");
	tap_ok(contains(&b, "/Lang (en-US)"), "no language given: en-US");
	if (have("qpdf") && have("pdfinfo")) {
		const char *path = tu_write_n("open.pdf", saved.p, saved.n);
		char cmd[1024], *err, *out;
		snprintf(cmd, sizeof cmd, "(qpdf --check '%s' >/dev/null && pdfinfo -struct-text '%s')", path, path);
		out = run(cmd, &err);
		tap_str(out, "Document\n  L (block)\n    LI (block)\n      LBody (block)\n        \"An item left open\"\n",
			"the open list is in the tree");
		tap_str(err, "", "qpdf and pdfinfo are content");
		free(out), free(err);
	}
	free(b.p), free(saved.p);
	dr_tags_free(t);
	HPDF_Free(pdf);

	/* append without finish: refused, the bytes kept */
	pdf = HPDF_New(ft_on_hpdf_error, NULL);
	t = dr_tags_new(pdf);
	dr_tags_page(t, HPDF_AddPage(pdf));
	b = save_plain(pdf);
	size_t plain_n = b.n;
	tap_int(dr_tags_append(t, &b.p, &b.n), -1, "append before finish: -1");
	tap_ok(b.n == plain_n, "... and nothing appended");
	free(b.p);
	dr_tags_free(t);
	HPDF_Free(pdf);

	/* a libharu error: the tagger stops */
	int before = ft_hpdf_errors;
	pdf = HPDF_New(ft_on_hpdf_error, NULL);
	t = dr_tags_new(pdf);
	page = HPDF_AddPage(pdf);
	dr_tags_page(t, page);
	printf("# the next libharu error is expected\n");
	HPDF_Page_LineTo(page, 1, 1);            /* outside a path: an error */
	dr_tags_open(t, "P");
	dr_tags_content(t);
	tap_int(ft_hpdf_errors - before, 1, "one libharu error, from LineTo");
	tap_int(dr_tags_finish(t, "t", "en-US"), -1, "after a libharu error finish says -1");
	tap_ok(HPDF_Dict_GetItem(pdf->catalog, "StructTreeRoot", HPDF_OCLASS_DICT) == NULL,
	       "... and wrote no tree");
	unsigned char *junk = malloc(4);
	memcpy(junk, "%PDF", 4);
	size_t jn = 4;
	tap_int(dr_tags_append(t, &junk, &jn), -1, "... nor appends one");
	tap_ok(jn == 4 && memcmp(junk, "%PDF", 4) == 0, "... leaving the bytes as they were");
	free(junk);
	dr_tags_free(t);
	HPDF_Free(pdf);
	ft_hpdf_errors = before;
}

/* 3000 pages of one paragraph and a footer: the ParentTree is split. */
static void test_many_pages(void)
{
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	struct dr_tags *t = dr_tags_new(pdf);
	for (int i = 0; i < 3000; i++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		dr_tags_page(t, page);
		dr_tags_open(t, "P");
		dr_tags_content(t);
		HPDF_Page_Rectangle(page, 10, 10, 10, 10);
		HPDF_Page_Fill(page);
		dr_tags_close(t);
		if (i == 0) {            /* an ASCII /Alt: a literal string, escaped */
			dr_tags_figure(t, "Rate (per 1,000) \\ up", 10.5, -2.25, 10, 10.004);
			dr_tags_content(t);
			HPDF_Page_Rectangle(page, 10, 50, 10, 10);
			HPDF_Page_Fill(page);
			dr_tags_close(t);
		}
		dr_tags_artifact(t);
		HPDF_Page_Rectangle(page, 10, 30, 10, 10);
		HPDF_Page_Fill(page);
	}
	tap_int(dr_tags_finish(t, "many", "de"), 0, "3000 pages: finish");
	struct buf saved = save(pdf, t), b = expand(&saved);
	tap_int(count(&b, "/Limits["), 3, "the ParentTree has three leaves of at most 1024 pages");
	tap_ok(contains(&b, "/Limits[2048 2999]/Nums[2048["), "the last leaf: pages 2048 to 2999");
	tap_ok(contains(&b, "/ParentTreeNextKey 3000"), "/ParentTreeNextKey 3000");
	tap_ok(contains(&b, "/Alt(Rate \\(per 1,000\\) \\\\ up)/A<</O/Layout/BBox[10.5 -2.25 20.5 7.75]>>"),
	       "an ASCII /Alt as an escaped literal; the box to two decimals");
	if (have("pdfinfo")) {
		const char *path = tu_write_n("many.pdf", saved.p, saved.n);
		char cmd[1024], *err, *out;
		snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
		out = run(cmd, &err);
		tap_ok(strstr(out, "Tagged:          yes") && strstr(out, "Pages:           3000"),
		       "pdfinfo: 3000 tagged pages");
		tap_str(err, "", "pdfinfo: no warning");
		free(out), free(err);
		if (have("qpdf")) {
			snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
			out = run(cmd, &err);
			tap_ok(strstr(out, "No syntax or stream encoding errors found") != NULL,
			       "3000 pages: qpdf --check passes");
			tap_str(err, "", "3000 pages: qpdf --check says nothing on stderr");
			free(out), free(err);
		}
	}
	free(b.p), free(saved.p);
	dr_tags_free(t);
	HPDF_Free(pdf);
}

int main(void)
{
	struct dr_fonts f = { 0 };
	if (dr_fonts_open(&f, NULL, NULL) != 0) {
		printf("1..0 # SKIP DejaVu Sans not found\n");
		return 0;
	}
	struct buf a = build(&f, HPDF_COMP_ALL), a2 = build(&f, HPDF_COMP_ALL);
	tap_ok(a.n > 0 && a.n == a2.n && memcmp(a.p, a2.p, a.n) == 0, "same calls, same bytes");
	test_tools(&a);
	struct buf plain = build(&f, HPDF_COMP_NONE);
	test_bytes(&plain);
	tap_int(ft_hpdf_errors, 0, "no libharu errors");
	test_robust(&f);
	test_many_pages();
	free(a.p), free(a2.p), free(plain.p);
	dr_fonts_close(&f);
	char rm[512];
	snprintf(rm, sizeof rm, "rm -rf '%s'", tu_scratch());
	if (system(rm) != 0)
		printf("# could not remove %s\n", tu_scratch());
	return tap_done();
}
