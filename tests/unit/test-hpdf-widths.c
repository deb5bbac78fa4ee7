/*
 * test-hpdf-widths.c -- text widths in a PDF font from widths remembered
 * per code point (src/render-hpdf-widths.c): for every text tried, the
 * width dr_hpdf_text_width gives with a document's registered fonts is
 * the one libharu's HPDF_Font_TextWidth gives for the same cleaned text in
 * a document of plain libharu fonts; a font never registered is measured
 * by libharu; a character only measured, outside the blocks
 * dr_fonts_load_hpdf marks, still has its glyph marked for the subset; a
 * second document's fonts start afresh; a font's widths are forgotten when
 * libharu frees its document; libharu reports no error throughout.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "dyadreport/render.h"
#include "tap.h"
#include "fonttest.h"
#include "../../src/render-int.h"

/* libharu's own width of utf8 in font, after the same cleaning. */
static HPDF_UINT plain_width(HPDF_Font font, const char *utf8)
{
	char clean[4096];
	size_t n = dr_fonts_clean_utf8(utf8, clean, sizeof clean);
	return n ? HPDF_Font_TextWidth(font, (const HPDF_BYTE *)clean, (HPDF_UINT)n).width : 0;
}

/* A document of plain libharu fonts (no registration), as test-fontfile
 * makes them. */
static HPDF_Font plain_font(HPDF_Doc pdf, const char *path)
{
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	return name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
}

/* Whether the glyph of code point u is marked used in font's subset. */
static bool marked(HPDF_Font font, unsigned u)
{
	HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
	HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)u);
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	return gid && gid < attr->num_glyphs && attr->glyph_tbl.flgs[gid];
}

/* A random text of up to 40 characters from a pool of ASCII, Latin-1,
 * Greek, Cyrillic, punctuation, symbols, a CJK character and bytes that
 * are not valid UTF-8 (cleaned to U+FFFD). */
static void random_text(char *out, unsigned *seed)
{
	static const char *const pool[] = {
		"a", "Z", " ", "7", "%", "\xc3\xa9", "\xc3\x9f", "\xc5\x81", "\xce\xa9", "\xce\xbb",
		"\xd0\x96", "\xd1\x8f", "\xe2\x80\x93", "\xe2\x80\xa6", "\xe2\x82\xac", "\xe2\x86\x91",
		"\xe2\x98\x83", "\xe4\xb8\xad", "\xef\xbf\xbd", "\xff", "\xc3", "\t", "\xcc\x81",
	};
	size_t n = (size_t)(rand_r(seed) % 41), len = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = pool[(size_t)rand_r(seed) % DR_NELEM(pool)];
		memcpy(out + len, p, strlen(p));
		len += strlen(p);
	}
	out[len] = '\0';
}

int main(void)
{
	struct dr_fonts f;
	if (!ft_fonts_open(&f))
		return tap_done();

	HPDF_Doc plain = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_UseUTFEncodings(plain);
	HPDF_SetCurrentEncoder(plain, "UTF-8");
	HPDF_Font pr = plain_font(plain, f.regular_path), pb = plain_font(plain, f.bold_path);
	tap_ok(pr && pb, "plain libharu fonts loaded");

	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	tap_int(dr_fonts_load_hpdf(&f, pdf), 0, "registered fonts loaded");
	tap_int((long)dr_hpdf_widths_fonts(), 2, "widths remembered for its two fonts, not the plain ones");

	static const char *const texts[] = {
		"",
		"Primary Care & Medicine",
		"Days to decision, 90th percentile",
		"Jos\xc3\xa9 M\xc3\xbcller \xe2\x80\x93 \xce\xa9mega, \xc5\x81ukasz Wr\xc3\xb3" "bel",
		"S\xc3\xb8ren Kj\xc3\xa6rgaard \xc2\xb7 Fran\xc3\xa7ois Lef\xc3\xa8vre \xe2\x82\xac 1,234",
		"\xd0\x96\xd1\x83\xd1\x80\xd0\xbd\xd0\xb0\xd0\xbb \xe4\xb8\xad\xe6\x96\x87 \xe2\x98\x83",
		"bad \xff\xfe bytes \xc3 and a tab\there",
	};
	long same_texts = 0;
	for (size_t i = 0; i < DR_NELEM(texts); i++) {
		double r = dr_hpdf_text_width(f.hpdf.regular, 1000, texts[i]);
		double b = dr_hpdf_text_width(f.hpdf.bold, 1000, texts[i]);
		same_texts += r == plain_width(pr, texts[i]) && b == plain_width(pb, texts[i]);
	}
	tap_int(same_texts, (long)DR_NELEM(texts),
	        "named texts: each font's width is libharu's, to the unit");
	/* the second time from remembered widths only */
	same_texts = 0;
	for (size_t i = 0; i < DR_NELEM(texts); i++)
		same_texts += dr_hpdf_text_width(f.hpdf.regular, 1000, texts[i]) ==
		              plain_width(pr, texts[i]);
	tap_int(same_texts, (long)DR_NELEM(texts), "named texts again: the same widths");

	unsigned seed = 20261207;
	long same_random = 0, nonzero = 0;
	char text[200];
	for (int i = 0; i < 3000; i++) {
		random_text(text, &seed);
		HPDF_Font reg = i % 2 ? f.hpdf.bold : f.hpdf.regular, pl = i % 2 ? pb : pr;
		double w = dr_hpdf_text_width(reg, 1000, text);
		same_random += w == plain_width(pl, text);
		nonzero += w > 0;
	}
	tap_int(same_random, 3000, "3,000 random texts: libharu's widths, to the unit");
	tap_ok(nonzero > 2500, "... most of them not empty");
	tap_num(dr_hpdf_text_width(f.hpdf.regular, 10, "AB"),
	        plain_width(pr, "AB") * 10 / 1000.0, 1e-12, "a width scales with the size");

	/* A font never registered (plain libharu's) is measured by libharu. */
	tap_num(dr_hpdf_text_width(pr, 1000, texts[3]), plain_width(pr, texts[3]), 0,
	        "an unregistered font: libharu's width");
	tap_int((long)dr_hpdf_widths_fonts(), 2, "... and no widths remembered for it");

	/* Measuring marks the glyphs, as libharu's own measuring did: a Cyrillic
	 * letter (outside the blocks marked at load, in none of the texts
	 * above) measured once, in the registered font only. */
	tap_ok(!marked(f.hpdf.regular, 0x0431), "U+0431 not marked before it is measured");
	dr_hpdf_text_width(f.hpdf.regular, 12, "\xd0\xb1");
	tap_ok(marked(f.hpdf.regular, 0x0431), "U+0431 marked for the subset once measured");
	tap_ok(!marked(f.hpdf.bold, 0x0431), "... in that font only");

	/* A new document's fonts start afresh: their glyphs are marked when
	 * measured, whatever an earlier document asked. */
	HPDF_Doc pdf2 = HPDF_New(ft_on_hpdf_error, NULL);
	tap_int(dr_fonts_load_hpdf(&f, pdf2), 0, "a second document's fonts loaded");
	tap_ok(!marked(f.hpdf.regular, 0x0431), "second document: U+0431 not marked yet");
	tap_num(dr_hpdf_text_width(f.hpdf.regular, 1000, "\xd0\xb1"), plain_width(pr, "\xd0\xb1"), 0,
	        "second document: its width");
	tap_ok(marked(f.hpdf.regular, 0x0431), "second document: U+0431 marked once measured");
	tap_int((long)dr_hpdf_widths_fonts(), 4, "widths remembered for both documents' fonts");

	HPDF_Free(pdf2);
	tap_int((long)dr_hpdf_widths_fonts(), 2, "the second document freed: its fonts' widths forgotten");
	HPDF_Free(pdf);
	tap_int((long)dr_hpdf_widths_fonts(), 0, "the first freed too: none left");
	HPDF_Free(plain);
	dr_fonts_close(&f);
	tap_int(ft_hpdf_errors, 0, "libharu reported no error");
	return tap_done();
}
