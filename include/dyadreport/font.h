/*
 * font.h -- the one font family every device uses: DejaVu Sans, regular
 * and bold, as TrueType files.
 *
 * dr_fonts_open() finds the two files (explicit paths, else fontconfig
 * "DejaVu Sans" / "DejaVu Sans:bold" checked to really be DejaVu Sans,
 * since fontconfig silently substitutes, else the Debian paths under
 * /usr/share/fonts/truetype/dejavu/), opens them once with FreeType and
 * wraps them as cairo-ft font faces that every PNG/SVG render reuses.
 * dr_fonts_load_hpdf() embeds the same files into one libharu document.
 *
 * Ownership: struct dr_fonts owns the paths, the FreeType library and the
 * cairo faces until dr_fonts_close(); the FT_Face of each cairo face lives
 * as long as cairo keeps the face (cairo's user-data idiom), and the
 * FreeType library until the last of them is gone. The HPDF fonts belong
 * to their document (HPDF_Free releases them).
 * Threads: FreeType is not thread-safe; give each worker thread its own
 * struct dr_fonts. Never: prints except through diag.c on open errors.
 */
#ifndef DYADREPORT_FONT_H
#define DYADREPORT_FONT_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <hpdf.h>

struct dr_fonts_lib;

struct dr_fonts {
	char *regular_path;             /* the TTF files in use */
	char *bold_path;
	cairo_font_face_t *regular;     /* cairo-ft faces, made once */
	cairo_font_face_t *bold;
	struct dr_fonts_lib *lib;       /* private: FreeType library, refcounted */
	char *touch[2];                 /* private: UTF-8 of the code points to mark used */
	struct {                        /* set by dr_fonts_load_hpdf for one document */
		HPDF_Doc pdf;
		HPDF_Font regular;
		HPDF_Font bold;
	} hpdf;
};

/*
 * Finds and opens the fonts. regular/bold may name TTF files (from the
 * config); NULL means look them up. Returns 0, or -1 after printing why
 * (f is then left closed; dr_fonts_close on it is harmless).
 */
int dr_fonts_open(struct dr_fonts *f, const char *regular, const char *bold);

/* Releases what dr_fonts_open made; accepts a zeroed or closed struct. */
void dr_fonts_close(struct dr_fonts *f);

/*
 * Embeds both fonts in pdf (UTF-8 encoding; registers the UTF-8 encoder and
 * makes it current if that has not been done yet) and fills f->hpdf.
 * Works around libharu 2.3.0's broken nested composite glyphs by marking
 * as used every code point of Latin-1, Latin Extended-A/B and Additional,
 * Greek, combining marks, general punctuation and currency that the font
 * maps. Returns 0, or -1 (libharu's error handler has been called).
 */
int dr_fonts_load_hpdf(struct dr_fonts *f, HPDF_Doc pdf);

/*
 * Copies utf8 into out (size bytes, always terminated, cut at a character
 * boundary) as valid UTF-8 of the Basic Multilingual Plane only: invalid
 * bytes, surrogates and characters beyond U+FFFF become U+FFFD, which both
 * cairo and libharu draw; control characters become spaces. Returns
 * strlen(out). Use it on any text before it reaches libharu.
 */
size_t dr_fonts_clean_utf8(const char *utf8, char *out, size_t size);

/* Decodes the UTF-8 character at s (NUL-terminated); returns its length
 * (0 if invalid) and sets *cp. Overlongs, surrogates and values above
 * U+10FFFF are invalid. */
size_t dr_fonts_utf8_decode(const unsigned char *s, uint32_t *cp);

#endif
