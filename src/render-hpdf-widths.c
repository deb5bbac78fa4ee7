/*
 * render-hpdf-widths.c -- the width of a text in a PDF font, from each code
 * point's width remembered for the document.
 *
 * The packet's layout measures text often: every trial line of a wrapped
 * paragraph, every shortening of a label that does not fit. libharu's
 * HPDF_Font_TextWidth walks its UTF-8 encoder and its glyph tables byte by
 * byte (about 7,000 instructions a call). Its width is the sum of each
 * character's own width: the encoder decodes every UTF-8 character by its
 * own bytes and adds HPDF_TTFontDef_GetCharWidth of its code point. So
 * each code point's width is asked of libharu once, on that character
 * alone, and remembered; a text's width is then the sum of the remembered
 * ones, the same number libharu gives.
 *
 * Asking libharu also marks the character's glyph used in the document's
 * subset; asking it once a document for every code point measured marks
 * the same glyphs as asking it for every text did, so the embedded subset
 * is the same.
 *
 * Takes: fonts registered by dr_fonts_load_hpdf as their document is made
 *        (a Type0 TrueType font of libharu's: its free function is wrapped
 *        so that the widths are forgotten when libharu frees the font, and
 *        a later font at the same address starts afresh; a document is
 *        made, measured and freed on one thread); a font never
 *        registered, or whose entry was taken by a later one, is measured
 *        by libharu each time. Text already cleaned (valid UTF-8, BMP
 *        only: dr_fonts_clean_utf8).
 * Owns:  per thread, the widths of the last REMEMBERED registered fonts, in
 *        pages of 256 code points allocated as first used; libharu's free
 *        function for these fonts, once, process-wide.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <hpdf.h>
#include <hpdf_objects.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "render-int.h"

#define REMEMBERED 4            /* a document's two fonts, and the last one's */
#define PAGE_BITS 8
#define UNKNOWN (-1)

struct font_widths {
	HPDF_Font font;             /* NULL: a free entry */
	int32_t *page[65536 >> PAGE_BITS];  /* widths of code points, UNKNOWN if not asked */
};

static _Thread_local struct font_widths known[REMEMBERED];
static _Thread_local unsigned next_entry;    /* the entry the next registration takes */

static void forget(struct font_widths *e)
{
	for (size_t i = 0; i < DR_NELEM(e->page); i++)
		free(e->page[i]);
	*e = (struct font_widths){ 0 };
}

/* The entry remembering font's widths, or NULL (also for a NULL font). */
static struct font_widths *find(HPDF_Font font)
{
	for (size_t i = 0; font && i < REMEMBERED; i++)
		if (known[i].font == font)
			return &known[i];
	return NULL;
}

/* libharu's free function of Type0 TrueType fonts (the same for all),
 * which forget_on_free() calls after forgetting the font's widths. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static HPDF_Dict_FreeFunc libharu_free;

static void forget_on_free(HPDF_Dict font)
{
	struct font_widths *e = find(font);
	if (e)
		forget(e);
	pthread_mutex_lock(&mu);
	HPDF_Dict_FreeFunc orig = libharu_free;
	pthread_mutex_unlock(&mu);
	if (orig)
		orig(font);
}

void dr_hpdf_widths_register(HPDF_Font font)
{
	/* Only a font whose freeing can be seen: a libharu Type0 TrueType
	 * font dict with libharu's own free function. */
	if (!dr_hpdf_is_tt_font(font) || !font->free_fn)
		return;
	if (font->free_fn != forget_on_free) {
		pthread_mutex_lock(&mu);
		if (!libharu_free)
			libharu_free = font->free_fn;
		bool ok = font->free_fn == libharu_free;
		pthread_mutex_unlock(&mu);
		if (!ok)
			return;
		font->free_fn = forget_on_free;
	}
	struct font_widths *e = find(font);
	if (!e) {
		e = &known[next_entry];
		next_entry = (next_entry + 1) % REMEMBERED;
	}
	forget(e);
	e->font = font;
}

size_t dr_hpdf_widths_fonts(void)
{
	size_t n = 0;
	for (size_t i = 0; i < REMEMBERED; i++)
		n += known[i].font != NULL;
	return n;
}

/* The width of the one character s[0..n) (its code point cp), from libharu
 * the first time. */
static int32_t char_width(struct font_widths *e, const char *s, size_t n, uint32_t cp)
{
	int32_t **page = &e->page[cp >> PAGE_BITS];
	if (!*page) {
		*page = dr_xmalloc(sizeof **page << PAGE_BITS);
		for (size_t i = 0; i < (size_t)1 << PAGE_BITS; i++)
			(*page)[i] = UNKNOWN;
	}
	int32_t *w = &(*page)[cp & ((1u << PAGE_BITS) - 1)];
	if (*w == UNKNOWN)
		*w = (int32_t)HPDF_Font_TextWidth(e->font, (const HPDF_BYTE *)s, (HPDF_UINT)n).width;
	return *w;
}

double dr_hpdf_widths_text(HPDF_Font font, const char *clean, size_t n)
{
	struct font_widths *e = find(font);
	if (!e)
		return HPDF_Font_TextWidth(font, (const HPDF_BYTE *)clean, (HPDF_UINT)n).width;
	uint64_t sum = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp = (unsigned char)clean[i];
		size_t k = cp < 0x80 ? 1 : dr_fonts_utf8_decode((const unsigned char *)clean + i, &cp);
		if (k == 0 || i + k > n || cp > 0xFFFF)    /* not cleaned text: libharu's own */
			return HPDF_Font_TextWidth(font, (const HPDF_BYTE *)clean, (HPDF_UINT)n).width;
		sum += (uint64_t)char_width(e, clean + i, k, cp);
		i += k;
	}
	return (double)(HPDF_UINT)sum;
}
