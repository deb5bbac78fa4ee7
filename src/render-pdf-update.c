/*
 * render-pdf-update.c -- the incremental update of render-pdf-update.h:
 * objects in one object stream, a cross-reference stream after it.
 *
 * Input:  the bytes of a saved PDF whose last section is a classic xref
 *         table and trailer (libharu 2.3's), and the bodies of the objects
 *         to add or redefine.
 * Output: appended to those bytes:
 *           A 0 obj <</Type/ObjStm/N n/First f/Filter/FlateDecode/Length l>>
 *           stream (header "num offset ..." then the bodies) endstream endobj
 *           X 0 obj <</Type/XRef/Size s/Index[..]/W[1 w v]/Prev p/Root ../Info ..
 *           /Filter/FlateDecode/Length l>> stream (binary entries) endstream endobj
 *           startxref <offset of X> %%EOF
 *         where the entries are type 2 (in object stream A, at its index)
 *         for the bodies, type 1 (byte offset) for A and X themselves, in
 *         ascending runs of numbers (/Index). A and X take the two numbers
 *         after the last one handed out. w and v are the fewest bytes
 *         that hold every offset and index (v at least 2).
 * Design: bodies go into one growing buffer (render-int.h dr_membuf)
 *         with their start offsets; libdeflate at level 6 packs both
 *         streams (render-hpdf-stream.c's dr_zlib_deflate; zlib's compress2
 *         at level 9 did before, at several times the CPU, for files
 *         under 1% smaller), so the same calls give the same bytes. Memory
 *         comes from dr_xrealloc (exits when there is none).
 * Errors: see the header; nothing is written to the caller's buffer
 *         until everything is built.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "render-int.h"
#include "render-pdf-update.h"

struct body {
	int num;
	size_t start;           /* offset into text */
};

struct dr_pdf_update {
	long prev;              /* the old xref's offset */
	int size;               /* the old /Size */
	int next;               /* next new number */
	char root[32], info[32];
	char *id;               /* the old /ID array, or NULL */
	struct body *b;
	size_t nb, b_cap;
	struct dr_membuf text;  /* the bodies, one after another */
	int failed;             /* a body put where none was started */
};

/* The last occurrence of word in pdf[from..to), or -1. */
static long rfind(const unsigned char *pdf, size_t from, size_t to, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = to; i >= from + k; i--)
		if (memcmp(pdf + i - k, word, k) == 0)
			return (long)(i - k);
	return -1;
}

/* "N G R" after key in the trailer text, into out ("" when absent). */
static void copy_ref(const char *trailer, const char *key, char *out, size_t size)
{
	out[0] = '\0';
	const char *p = strstr(trailer, key);
	unsigned num, gen;
	if (p && sscanf(p + strlen(key), " %u %u R", &num, &gen) == 2)
		snprintf(out, size, "%u %u R", num, gen);
}

struct dr_pdf_update *dr_pdf_update_new(const unsigned char *pdf, size_t len)
{
	size_t tail = len > 4096 ? len - 4096 : 0;
	long sx = rfind(pdf, tail, len, "startxref");
	long tr = sx < 0 ? -1 : rfind(pdf, tail, (size_t)sx, "trailer");
	if (tr < 0)
		return NULL;
	char trailer[4096 + 1];
	size_t tn = (size_t)(sx - tr);
	memcpy(trailer, pdf + tr, tn);
	trailer[tn] = '\0';
	char after[32];
	size_t an = len - (size_t)sx - 9 < sizeof after - 1 ? len - (size_t)sx - 9 : sizeof after - 1;
	memcpy(after, pdf + sx + 9, an);
	after[an] = '\0';

	struct dr_pdf_update *u = dr_xcalloc(1, sizeof *u);
	const char *size = strstr(trailer, "/Size");
	if (sscanf(after, " %ld", &u->prev) != 1 || u->prev <= 0 || (size_t)u->prev >= len ||
	    !size || sscanf(size + 5, " %d", &u->size) != 1 || u->size <= 0 ||
	    strstr(trailer, "/Encrypt")) {
		free(u);
		return NULL;
	}
	u->next = u->size;
	copy_ref(trailer, "/Root", u->root, sizeof u->root);
	copy_ref(trailer, "/Info", u->info, sizeof u->info);
	const char *id = strstr(trailer, "/ID");
	const char *end = id ? strchr(id, ']') : NULL;
	if (!u->root[0] || (id && !end)) {
		free(u);
		return NULL;
	}
	if (id) {
		size_t k = (size_t)(end + 1 - id);
		u->id = dr_xmalloc(k + 1);
		memcpy(u->id, id, k);
		u->id[k] = '\0';
	}
	return u;
}

void dr_pdf_update_free(struct dr_pdf_update *u)
{
	if (!u)
		return;
	free(u->id);
	free(u->b);
	free(u->text.p);
	free(u);
}

int dr_pdf_update_next(struct dr_pdf_update *u)
{
	return u->next++;
}

void dr_pdf_update_object(struct dr_pdf_update *u, int num)
{
	if (u->failed)
		return;
	if (num <= 0 || num >= u->next) {
		u->failed = 1;          /* not an old object, not handed out */
		return;
	}
	if (u->nb == u->b_cap) {
		u->b_cap = u->b_cap ? u->b_cap * 2 : 256;
		u->b = dr_xreallocarray(u->b, u->b_cap, sizeof *u->b);
	}
	/* a separator between bodies, so that "1 0 R" never runs into a number */
	if (u->nb > 0)
		dr_pdf_update_puts(u, "\n");
	u->b[u->nb++] = (struct body){ num, u->text.len };
}

void dr_pdf_update_putn(struct dr_pdf_update *u, const void *s, size_t n)
{
	if (u->nb == 0)
		u->failed = 1;
	if (!u->failed)
		dr_membuf_put(&u->text, s, n);
}

void dr_pdf_update_puts(struct dr_pdf_update *u, const char *s)
{
	dr_pdf_update_putn(u, s, strlen(s));
}

void dr_pdf_update_putf(struct dr_pdf_update *u, const char *fmt, ...)
{
	char small[256], *text = small;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (k < 0) {
		u->failed = 1;
		return;
	}
	if ((size_t)k >= sizeof small) {        /* rare: a long /Alt */
		text = dr_xmalloc((size_t)k + 1);
		va_start(ap, fmt);
		vsnprintf(text, (size_t)k + 1, fmt, ap);
		va_end(ap);
	}
	dr_pdf_update_putn(u, text, (size_t)k);
	if (text != small)
		free(text);
}

static void out_puts(struct dr_membuf *o, const char *s)
{
	dr_membuf_put(o, s, strlen(s));
}

/* libdeflate's level for the tagged structure's streams (zlib's level 9
 * before, at several times the CPU). */
#define STRUCT_LEVEL 6

/* Appends "stream\n" deflate(data) "\nendstream\nendobj\n", after the
 * dictionary's "/Length L>>\n"; dict_head is the dictionary up to /Length.
 * Returns 0, or -1 when no compressor can be made (nothing appended). */
static int out_stream(struct dr_membuf *o, const char *dict_head, const unsigned char *data,
                      size_t n)
{
	size_t zn;
	unsigned char *z = dr_zlib_deflate(STRUCT_LEVEL, data, n, &zn);
	if (!z)
		return -1;
	char len[64];
	snprintf(len, sizeof len, "/Filter/FlateDecode/Length %zu>>\nstream\n", zn);
	out_puts(o, dict_head);
	out_puts(o, len);
	dr_membuf_put(o, z, zn);
	out_puts(o, "\nendstream\nendobj\n");
	free(z);
	return 0;
}

struct entry {
	int num;
	int type;               /* 1: at an offset; 2: in the object stream */
	unsigned long f2;       /* offset, or the object stream's number */
	unsigned f3;            /* generation, or the index in the stream */
};

static int by_num(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return (x->num > y->num) - (x->num < y->num);
}

static void put_be(unsigned char *p, unsigned long v, int w)
{
	for (int i = w - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xFF);
}

/* "/Index[n1 k1 n2 k2 ...]": the runs of consecutive numbers of e (sorted). */
static void put_index(struct dr_membuf *o, const struct entry *e, size_t ne)
{
	out_puts(o, "/Index[");
	for (size_t i = 0; i < ne;) {
		size_t j = i + 1;
		while (j < ne && e[j].num == e[j - 1].num + 1)
			j++;
		char run[48];
		snprintf(run, sizeof run, "%s%d %zu", i ? " " : "", e[i].num, j - i);
		out_puts(o, run);
		i = j;
	}
	out_puts(o, "]");
}

/* The fewest bytes (at least min) that hold v. */
static int width(unsigned long v, int min)
{
	int w = min;
	while (w < 8 && (v >> (8 * w)) != 0)
		w++;
	return w;
}

int dr_pdf_update_write(struct dr_pdf_update *u, unsigned char **pdf, size_t *len)
{
	if (!u || u->failed || u->nb == 0)
		return -1;
	struct dr_membuf o = { 0 }, s = { 0 };
	size_t base = *len;
	int objstm = dr_pdf_update_next(u), xref = dr_pdf_update_next(u);

	/* the object stream: header, then the bodies at their offsets */
	char num[48];
	for (size_t i = 0; i < u->nb; i++) {
		snprintf(num, sizeof num, "%s%d %zu", i ? " " : "", u->b[i].num, u->b[i].start);
		out_puts(&s, num);
	}
	out_puts(&s, "\n");
	size_t first = s.len;
	dr_membuf_put(&s, u->text.p, u->text.len);
	char head[160];
	snprintf(head, sizeof head, "\n%d 0 obj\n<</Type/ObjStm/N %zu/First %zu", objstm, u->nb, first);
	size_t objstm_at = base + 1;    /* after the leading newline */
	int rc = out_stream(&o, head, s.p, s.len);
	free(s.p);

	/* the cross-reference entries, sorted into runs */
	size_t ne = u->nb + 2;
	struct entry *e = dr_xreallocarray(NULL, ne, sizeof *e);
	for (size_t i = 0; i < u->nb; i++)
		e[i] = (struct entry){ u->b[i].num, 2, (unsigned long)objstm, (unsigned)i };
	size_t xref_at = base + o.len;
	e[u->nb] = (struct entry){ objstm, 1, (unsigned long)objstm_at, 0 };
	e[u->nb + 1] = (struct entry){ xref, 1, (unsigned long)xref_at, 0 };
	qsort(e, ne, sizeof *e, by_num);
	unsigned long widest = 0, widest3 = 0;
	for (size_t i = 0; i < ne; i++) {
		if (e[i].f2 > widest)
			widest = e[i].f2;
		if (e[i].f3 > widest3)
			widest3 = e[i].f3;
		if (i > 0 && e[i].num == e[i - 1].num)
			rc = -1;        /* one object defined twice */
	}
	int w2 = width(widest, 1), w3 = width(widest3, 2);
	struct dr_membuf dict = { 0 }, rows = { 0 };
	char *top = dr_xasprintf("%d 0 obj\n<</Type/XRef/Size %d", xref, u->next);
	out_puts(&dict, top);
	free(top);
	put_index(&dict, e, ne);
	char *rest = dr_xasprintf("/W[1 %d %d]/Prev %ld/Root %s%s%s%s", w2, w3, u->prev, u->root,
	                          u->info[0] ? "/Info " : "", u->info, u->id ? u->id : "");
	out_puts(&dict, rest);
	free(rest);
	dr_membuf_put(&dict, "", 1);    /* a terminating NUL */
	for (size_t i = 0; i < ne; i++) {
		unsigned char row[1 + 8 + 8];
		row[0] = (unsigned char)e[i].type;
		put_be(row + 1, e[i].f2, w2);
		put_be(row + 1 + w2, e[i].f3, w3);
		dr_membuf_put(&rows, row, (size_t)(1 + w2 + w3));
	}
	free(e);
	if (rc == 0)
		rc = out_stream(&o, (const char *)dict.p, rows.p, rows.len);
	free(dict.p);
	free(rows.p);
	if (rc == 0) {
		char tail[64];
		snprintf(tail, sizeof tail, "startxref\n%zu\n%%%%EOF\n", xref_at);
		out_puts(&o, tail);
		*pdf = dr_xrealloc(*pdf, base + o.len);
		memcpy(*pdf + base, o.p, o.len);
		*len = base + o.len;
	}
	free(o.p);
	return rc;
}
