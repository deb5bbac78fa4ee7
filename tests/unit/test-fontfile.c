/*
 * test-fontfile.c -- embedded font streams deflated once per process
 * (src/render-hpdf-fontfile.c): a document whose fonts come from
 * dr_fonts_load_hpdf is the document libharu builds and deflates alone
 * (the same once qpdf has decoded both), with smaller font streams; the
 * second such document has the first one's bytes and deflates no font
 * stream, and one that uses a glyph outside the marked blocks gets its
 * own deflate. The character map made one lookup deep
 * (src/render-hpdf-cmap.c) gives every code 0..0xFFFF of both fonts the
 * glyph libharu's own table gives, and answers in one step. The font file
 * is read from memory when the subset is built (src/render-hpdf-ttfmem.c):
 * the stream is swapped, reads and seeks behave as the file's, a subset is
 * built once for every document with the same glyphs, and the documents
 * above, decoded by qpdf, stay the same as plain libharu's.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "dyadreport/render.h"
#include "tap.h"
#include "fonttest.h"
#include "testutil.h"
#include "../../src/render-int.h"

/* What dr_fonts_load_hpdf does, minus the cache: libharu alone. */
static HPDF_Font plain_font(HPDF_Doc pdf, const char *path, const char *touch)
{
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
	if (font)
		HPDF_Font_TextWidth(font, (const HPDF_BYTE *)touch, (HPDF_UINT)strlen(touch));
	return font;
}

/* A one-page document with text in both fonts, compressed as the packets
 * are; cached: fonts from dr_fonts_load_hpdf, else plain libharu. extra is
 * drawn too (a glyph outside the marked blocks changes the subset). */
static unsigned char *doc(struct dr_fonts *f, bool cached, const char *extra, size_t *len)
{
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_Font regular, bold;
	if (cached) {
		dr_fonts_load_hpdf(f, pdf);
		regular = f->hpdf.regular;
		bold = f->hpdf.bold;
	} else {
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		regular = plain_font(pdf, f->regular_path, f->touch[0]);
		bold = plain_font(pdf, f->bold_path, f->touch[1]);
	}
	HPDF_Page page = HPDF_AddPage(pdf);
	dr_hpdf_text(page, bold, 18, 40, 700, DR_ALIGN_LEFT, "Oncology \xc2\xb7 October 2026");
	dr_hpdf_text(page, regular, 11, 40, 660, DR_ALIGN_LEFT, "Jos\xc3\xa9 M\xc3\xbcller \xe2\x80\x93 \xce\xa9mega");
	if (extra)
		dr_hpdf_text(page, regular, 11, 40, 640, DR_ALIGN_LEFT, extra);
	HPDF_SaveToStream(pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	unsigned char *buf = malloc(size ? size : 1);
	HPDF_ReadFromStream(pdf, buf, &size);
	HPDF_Free(pdf);
	*len = size;
	return buf;
}

/* Codes 0..0xFFFF of the font at path whose glyph differs once its cmap
 * is flattened (-1: it could not be loaded, or was not flattened). */
static long cmap_differences(const char *path)
{
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	const char *a = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	HPDF_FontDef plain = a ? HPDF_Doc_FindFontDef(pdf, a) : NULL;
	HPDF_Doc pdf2 = HPDF_New(ft_on_hpdf_error, NULL);
	const char *b = HPDF_LoadTTFontFromFile(pdf2, path, HPDF_TRUE);
	long bad = -1;
	if (plain && b) {
		dr_hpdf_cmap_flatten(pdf2, b);
		HPDF_FontDef flat = HPDF_Doc_FindFontDef(pdf2, b);
		HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)flat->attr;
		if (attr->cmap.seg_count_x2 == 4) {
			bad = 0;
			for (unsigned u = 0; u < 65536; u++)
				bad += HPDF_TTFontDef_GetGlyphid(plain, (HPDF_UINT16)u) !=
				       HPDF_TTFontDef_GetGlyphid(flat, (HPDF_UINT16)u);
		}
	}
	HPDF_Free(pdf);
	HPDF_Free(pdf2);
	return bad;
}

static bool same(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
	return na == nb && na > 0 && memcmp(a, b, na) == 0;
}

/* Asserts that PDFs a and b are the same document once qpdf has decoded
 * every stream and written each in its normal form (QDF, a fixed id): the
 * font streams' deflated bytes (and so lengths and offsets) may differ,
 * nothing else. Skipped without qpdf. */
static void same_document(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                          const char *what)
{
	if (system("qpdf --version >/dev/null 2>&1") != 0) {
		printf("ok %d - %s # SKIP no qpdf\n", ++tap_n, what);
		return;
	}
	const char *pa = tu_write_n("a.pdf", a, na), *pb = tu_write_n("b.pdf", b, nb);
	unsigned char *qa = NULL, *qb = NULL;
	size_t nqa = 0, nqb = 0;
	char cmd[2048], qdf[2][600];
	for (int i = 0; i < 2; i++) {
		snprintf(qdf[i], sizeof qdf[i], "%s/%c.qdf", tu_scratch(), 'a' + i);
		snprintf(cmd, sizeof cmd,
		         "qpdf --qdf --static-id --object-streams=disable --compress-streams=n "
		         "--decode-level=generalized '%s' '%s'", i ? pb : pa, qdf[i]);
		if (system(cmd) == 0)
			*(i ? &qb : &qa) = tu_read_all(qdf[i], i ? &nqb : &nqa);
	}
	tap_ok(qa && qb && same(qa, nqa, qb, nqb), what);
	free(qa);
	free(qb);
}

int main(void)
{
	struct dr_fonts f;
	if (!ft_fonts_open(&f))
		return tap_done();

	tap_int(cmap_differences(f.regular_path), 0,
	        "flat cmap, regular font: every code's glyph as libharu's own table gives it");
	tap_int(cmap_differences(f.bold_path), 0,
	        "flat cmap, bold font: every code's glyph as libharu's own table gives it");

	/* The font definitions of a loaded document read from memory, with the
	 * file stream's behaviour at the ends. */
	HPDF_Doc mem = HPDF_New(ft_on_hpdf_error, NULL);
	dr_fonts_load_hpdf(&f, mem);
	HPDF_FontDef def = HPDF_Doc_FindFontDef(mem, HPDF_Font_GetFontName(f.hpdf.regular));
	HPDF_Stream st = def ? ((HPDF_TTFontDefAttr)def->attr)->stream : NULL;
	tap_ok(st && st->type == HPDF_STREAM_CALLBACK, "font file: read from memory once loaded");
	if (st) {
		FILE *fp = fopen(f.regular_path, "rb");
		if (!fp) {
			perror(f.regular_path);
			exit(99);       /* (the fonts were just opened from it) */
		}
		unsigned char want[4] = { 0 }, got[6];
		HPDF_UINT n = 4;
		fseek(fp, 0, SEEK_END);
		long flen = ftell(fp);
		fseek(fp, 12, SEEK_SET);
		tap_ok(fread(want, 1, 4, fp) == 4, "font file: 4 bytes at 12 read with stdio");
		fclose(fp);
		tap_int((long)HPDF_Stream_Size(st), flen, "memory font: the file's size");
		HPDF_Stream_Seek(st, 12, HPDF_SEEK_SET);
		tap_ok(HPDF_Stream_Read(st, got, &n) == HPDF_OK && n == 4 && memcmp(got, want, 4) == 0,
		       "memory font: the same 4 bytes at 12");
		tap_int((long)HPDF_Stream_Tell(st), 16, "memory font: tell after them");
		HPDF_Stream_Seek(st, -2, HPDF_SEEK_END);
		n = 6;
		memset(got, 0xAA, sizeof got);
		tap_ok(HPDF_Stream_Read(st, got, &n) == HPDF_STREAM_EOF && n == 2 && got[2] == 0 && got[5] == 0,
		       "memory font: a read past the end gives what there is, zeroes the rest, EOF");
		/* (a stream's error is set on the document, not reported) */
		tap_ok(HPDF_Stream_Seek(st, -1, HPDF_SEEK_SET) != HPDF_OK, "memory font: no seek before the start");
		HPDF_ResetError(mem);
	}
	HPDF_Free(mem);

	size_t nplain, n1, n2;
	unsigned char *plain = doc(&f, false, NULL, &nplain);
	tap_int((long)dr_hpdf_fontfile_deflates(), 0, "plain libharu: nothing deflated by the cache");
	tap_ok(tu_contains(plain, nplain, "/FontFile2") &&
	       tu_contains(plain, nplain, "/Filter [ /FlateDecode ]"), "plain libharu: fonts embedded, deflated");

	size_t built0 = dr_hpdf_subsets_built();
	unsigned char *first = doc(&f, true, NULL, &n1);
	size_t after_first = dr_hpdf_fontfile_deflates();
	tap_int((long)(dr_hpdf_subsets_built() - built0), 2, "first cached document: both subsets built");
	same_document(first, n1, plain, nplain, "first cached document: plain libharu's document");
	tap_ok(!same(first, n1, plain, nplain) && n1 < nplain,
	       "... its font streams deflated here (libdeflate), not by libharu's zlib: smaller");
	/* FontFile2, CIDToGIDMap and ToUnicode of each of the two fonts; both
	 * ToUnicode CMaps are libharu's identity map, the same bytes. */
	tap_int((long)after_first, 5, "first cached document: its five distinct font streams deflated");

	unsigned char *second = doc(&f, true, NULL, &n2);
	tap_ok(same(second, n2, first, n1), "second cached document: the first one's bytes");
	tap_int((long)dr_hpdf_fontfile_deflates(), (long)after_first,
	        "second cached document: no font stream deflated again");
	tap_int((long)(dr_hpdf_subsets_built() - built0), 2, "second cached document: no subset built again");

	/* U+2264 (less-than or equal) lies outside the marked blocks: the
	 * regular font's subset differs, the bold font's does not. */
	size_t nx, nxp;
	unsigned char *x = doc(&f, true, "n \xe2\x89\xa4 5", &nx);
	unsigned char *xp = doc(&f, false, "n \xe2\x89\xa4 5", &nxp);
	same_document(x, nx, xp, nxp, "another glyph: plain libharu's document");
	tap_ok(!same(x, nx, first, n1), "another glyph: not the first documents' bytes");
	tap_int((long)(dr_hpdf_fontfile_deflates() - after_first), 1,
	        "another glyph: only the regular font's subset deflated again");
	tap_int((long)(dr_hpdf_subsets_built() - built0), 3,
	        "another glyph: only the regular font's subset built again");
	tap_int(ft_hpdf_errors, 0, "no libharu errors");

	free(plain);
	free(first);
	free(second);
	free(x);
	free(xp);
	dr_fonts_close(&f);
	cairo_debug_reset_static_data();
	FcFini();
	tu_cleanup();
	return tap_done();
}
