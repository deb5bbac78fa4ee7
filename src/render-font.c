/*
 * render-font.c -- finds DejaVu Sans regular and bold, opens them once for
 * cairo (cairo-ft) and embeds them into libharu documents.
 *
 * Input:  optional explicit TTF paths; otherwise fontconfig's match for
 *         "DejaVu Sans" / "DejaVu Sans:bold", accepted only when the match
 *         really is that family and weight (fontconfig substitutes silently),
 *         otherwise /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold}.ttf.
 *         Every file must be a TrueType (glyf) font, which libharu needs.
 * Output: struct dr_fonts (font.h) with paths, cairo font faces and, per
 *         document, the HPDF fonts; 0 or -1 with one dr_error() line.
 * Owns:   the FreeType library, refcounted by every FT_Face made from it, so
 *         the library is freed only after cairo has dropped the last face
 *         (cairo may keep faces in its caches after dr_fonts_close).
 * libharu 2.3.0 workaround (Debian 12's libharu): nested composite glyphs are
 *         missing from the subset unless used, so dr_fonts_load_hpdf()
 *         measures once a string of every code point the font maps in the
 *         Latin, Greek, punctuation, currency and combining-mark blocks.
 * Embedded: each font's character map is made one lookup deep before
 *         libharu builds the font (render-hpdf-cmap.c); the font file is
 *         read from memory and each distinct subset built once per process
 *         (render-hpdf-ttfmem.c); each font's streams are deflated once per
 *         process, by libdeflate, and reused by every later document whose
 *         subset is the same bytes (render-hpdf-fontfile.c).
 * Never:  draws, or calls FcFini (a process may open fonts many times).
 * Tests:  tests/unit/test-chart.c (PNG and PDF renders).
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "render-int.h"

#define FALLBACK_DIR "/usr/share/fonts/truetype/dejavu/"

struct dr_fonts_lib {
	FT_Library ft;
	atomic_int refs;
};

/* What cairo's user data holds for one FT_Face. */
struct face_ref {
	FT_Face face;
	struct dr_fonts_lib *lib;
};

static const cairo_user_data_key_t face_key;

/* Code point blocks marked as used in embedded fonts (see the header). */
static const uint32_t touch_ranges[][2] = {
	{ 0x0020, 0x007E },     /* Basic Latin */
	{ 0x00A0, 0x024F },     /* Latin-1 Supplement, Latin Extended-A and -B */
	{ 0x0300, 0x036F },     /* Combining Diacritical Marks */
	{ 0x0370, 0x03FF },     /* Greek and Coptic */
	{ 0x1E00, 0x1EFF },     /* Latin Extended Additional */
	{ 0x2000, 0x206F },     /* General Punctuation */
	{ 0x20A0, 0x20CF },     /* Currency Symbols */
};

/* Drops one reference to the library; the last one frees it. */
static void lib_unref(struct dr_fonts_lib *lib)
{
	if (lib && atomic_fetch_sub(&lib->refs, 1) == 1) {
		FT_Done_FreeType(lib->ft);
		free(lib);
	}
}

/* cairo's destroy callback for a face's user data. */
static void face_done(void *p)
{
	struct face_ref *r = p;
	FT_Done_Face(r->face);
	lib_unref(r->lib);
	free(r);
}

/* Appends code point cp as UTF-8 at *s (room for 3 bytes is the caller's). */
static char *put_utf8(char *s, uint32_t cp)
{
	if (cp < 0x80) {
		*s++ = (char)cp;
	} else if (cp < 0x800) {
		*s++ = (char)(0xC0 | cp >> 6);
		*s++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*s++ = (char)(0xE0 | cp >> 12);
		*s++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*s++ = (char)(0x80 | (cp & 0x3F));
	}
	return s;
}

/* The UTF-8 string of every code point in touch_ranges that face maps. */
static char *touch_string(FT_Face face)
{
	size_t n = 0;
	for (size_t i = 0; i < DR_NELEM(touch_ranges); i++)
		n += touch_ranges[i][1] - touch_ranges[i][0] + 1;
	char *buf = dr_xmalloc(n * 3 + 1), *s = buf;
	for (size_t i = 0; i < DR_NELEM(touch_ranges); i++)
		for (uint32_t cp = touch_ranges[i][0]; cp <= touch_ranges[i][1]; cp++)
			if (FT_Get_Char_Index(face, cp) != 0)
				s = put_utf8(s, cp);
	*s = '\0';
	return buf;
}

/* fontconfig's file for pattern, or NULL unless it is DejaVu Sans at the
 * asked weight, upright, in a TrueType file. The result is malloc'd. */
static char *fc_lookup(const char *pattern, bool bold)
{
	char *path = NULL;
	FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
	if (!pat)
		return NULL;
	FcPattern *match = NULL;
	FcResult res;
	if (!FcConfigSubstitute(NULL, pat, FcMatchPattern))
		goto cleanup;
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (!match)
		goto cleanup;

	bool family_ok = false;
	FcChar8 *s;
	for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &s) == FcResultMatch; i++)
		if (strcmp((const char *)s, "DejaVu Sans") == 0)
			family_ok = true;
	int weight = -1, slant = -1, index = 0;
	FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
	FcPatternGetInteger(match, FC_SLANT, 0, &slant);
	FcPatternGetInteger(match, FC_INDEX, 0, &index);
	bool weight_ok = bold ? weight >= FC_WEIGHT_BOLD : weight < FC_WEIGHT_DEMIBOLD;
	if (!family_ok || !weight_ok || slant != FC_SLANT_ROMAN || index != 0)
		goto cleanup;
	if (FcPatternGetString(match, FC_FILE, 0, &s) != FcResultMatch)
		goto cleanup;
	size_t len = strlen((const char *)s);
	if (len < 4 || strcasecmp((const char *)s + len - 4, ".ttf") != 0)
		goto cleanup;
	path = dr_xstrdup((const char *)s);
cleanup:
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return path;
}

/* Opens path as a TrueType face; when dejavu, also checks family and
 * weight. Returns the face or NULL. */
static FT_Face open_face(FT_Library ft, const char *path, bool bold, bool dejavu)
{
	FT_Face face;
	if (FT_New_Face(ft, path, 0, &face) != 0)
		return NULL;
	const char *format = FT_Get_Font_Format(face);
	bool ok = format && strcmp(format, "TrueType") == 0 && FT_IS_SFNT(face);
	if (ok && dejavu) {
		ok = face->family_name && strcmp(face->family_name, "DejaVu Sans") == 0 &&
		     !!(face->style_flags & FT_STYLE_FLAG_BOLD) == bold &&
		     !(face->style_flags & FT_STYLE_FLAG_ITALIC);
	}
	if (!ok) {
		FT_Done_Face(face);
		return NULL;
	}
	return face;
}

/* Finds, opens and wraps one weight; 0 or -1 after dr_error. */
static int open_weight(struct dr_fonts *f, int which, const char *given)
{
	bool bold = which == 1;
	const char *what = bold ? "bold" : "regular";
	char *cand[2] = { NULL, NULL };
	FT_Face face = NULL;
	char *path = NULL;

	if (given) {
		face = open_face(f->lib->ft, given, bold, false);
		if (!face) {
			dr_error("font %s: cannot open as a TrueType font", given);
			return -1;
		}
		path = dr_xstrdup(given);
	} else {
		cand[0] = fc_lookup(bold ? "DejaVu Sans:bold" : "DejaVu Sans", bold);
		cand[1] = dr_xstrdup(bold ? FALLBACK_DIR "DejaVuSans-Bold.ttf"
		                          : FALLBACK_DIR "DejaVuSans.ttf");
		for (int i = 0; i < 2 && !face; i++) {
			if (cand[i] && (face = open_face(f->lib->ft, cand[i], bold, true))) {
				path = cand[i];
				cand[i] = NULL;
			}
		}
		free(cand[0]);
		free(cand[1]);
		if (!face) {
			dr_error("cannot find DejaVu Sans (%s): install fonts-dejavu-core", what);
			return -1;
		}
	}

	f->touch[which] = touch_string(face);
	struct face_ref *r = dr_xmalloc(sizeof *r);
	r->face = face;
	r->lib = f->lib;
	atomic_fetch_add(&f->lib->refs, 1);
	cairo_font_face_t *ff = cairo_ft_font_face_create_for_ft_face(face, 0);
	if (cairo_font_face_set_user_data(ff, &face_key, r, face_done) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(ff);
		face_done(r);
		free(path);
		dr_error("font %s: cairo cannot use it", what);
		return -1;
	}
	if (bold) {
		f->bold = ff;
		f->bold_path = path;
	} else {
		f->regular = ff;
		f->regular_path = path;
	}
	return 0;
}

int dr_fonts_open(struct dr_fonts *f, const char *regular, const char *bold)
{
	memset(f, 0, sizeof *f);
	f->lib = dr_xmalloc(sizeof *f->lib);
	atomic_init(&f->lib->refs, 1);
	if (FT_Init_FreeType(&f->lib->ft) != 0) {
		free(f->lib);
		f->lib = NULL;
		dr_error("cannot initialise FreeType");
		return -1;
	}
	if (open_weight(f, 0, regular) != 0 || open_weight(f, 1, bold) != 0) {
		dr_fonts_close(f);
		return -1;
	}
	return 0;
}

void dr_fonts_close(struct dr_fonts *f)
{
	if (!f)
		return;
	if (f->regular)
		cairo_font_face_destroy(f->regular);
	if (f->bold)
		cairo_font_face_destroy(f->bold);
	free(f->regular_path);
	free(f->bold_path);
	free(f->touch[0]);
	free(f->touch[1]);
	lib_unref(f->lib);
	memset(f, 0, sizeof *f);
}

/* Loads one TTF into pdf and marks the touch string's glyphs as used. */
static HPDF_Font load_one(HPDF_Doc pdf, const char *path, const char *touch)
{
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	if (!name)
		return NULL;
	dr_hpdf_cmap_flatten(pdf, name);    /* before HPDF_GetFont asks it 65,536 times */
	dr_hpdf_ttf_in_memory(pdf, name);   /* the subset read from memory, not stdio */
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	if (font && touch && *touch)
		HPDF_Font_TextWidth(font, (const HPDF_BYTE *)touch, (HPDF_UINT)strlen(touch));
	return font;
}

int dr_fonts_load_hpdf(struct dr_fonts *f, HPDF_Doc pdf)
{
	f->hpdf.pdf = NULL;
	f->hpdf.regular = f->hpdf.bold = NULL;
	if (!f->regular_path || !f->bold_path)
		return -1;
	if (!HPDF_Doc_FindEncoder(pdf, "UTF-8") && HPDF_UseUTFEncodings(pdf) != HPDF_OK)
		return -1;
	if (HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK)
		return -1;
	HPDF_Font regular = load_one(pdf, f->regular_path, f->touch[0]);
	HPDF_Font bold = regular ? load_one(pdf, f->bold_path, f->touch[1]) : NULL;
	if (!regular || !bold)
		return -1;
	/* Deflated once per process, not per document; without the hook
	 * libharu deflates them itself (zlib: other bytes, the same fonts). */
	dr_hpdf_fontfile_cache(regular);
	dr_hpdf_fontfile_cache(bold);
	dr_hpdf_widths_register(regular);
	dr_hpdf_widths_register(bold);
	f->hpdf.pdf = pdf;
	f->hpdf.regular = regular;
	f->hpdf.bold = bold;
	return 0;
}

size_t dr_fonts_utf8_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t dr_fonts_clean_utf8(const char *utf8, char *out, size_t size)
{
	if (size == 0)
		return 0;
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	char *o = out, *end = out + size - 1;
	while (*s) {
		uint32_t cp;
		size_t n = dr_fonts_utf8_decode(s, &cp);
		if (n == 0) {
			cp = 0xFFFD;
			n = 1;
		} else if (cp > 0xFFFF) {
			cp = 0xFFFD;
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
			cp = ' ';
		}
		int need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
		if (end - o < need)
			break;
		o = put_utf8(o, cp);
		s += n;
	}
	*o = '\0';
	return (size_t)(o - out);
}
