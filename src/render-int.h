/*
 * render-int.h -- internal to the render backends: the PNG encoder, the
 * byte buffer both backends' streams write to, and the cache of embedded
 * font streams.
 */
#ifndef DR_RENDER_INT_H
#define DR_RENDER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <hpdf.h>

/* A growing byte buffer (PNG and SVG output in memory). */
struct dr_membuf {
	unsigned char *p;
	size_t len, cap;
};
/* Makes room for n more bytes past m->len, growing the buffer by
 * doubling; and appends n bytes so (render-png.c). */
void dr_membuf_reserve(struct dr_membuf *m, size_t n);
void dr_membuf_put(struct dr_membuf *m, const void *data, size_t n);

/* A flushed RGB24 image surface as PNG bytes (render-png.c); 0 or -1.
 * It builds the PNG rows in the surface's own pixels: destroy it after. */
int dr_png_encode(cairo_surface_t *s, unsigned char **buf, size_t *len);

/* Makes rows [first, end) of an image's PNG rows ready in place (for
 * dr_deflate_rows; render-png.c's conversion of the surface's pixels). */
typedef void (*dr_rows_fill_fn)(void *ctx, size_t first, size_t end);
/* Appends data[0..rows * rowlen), PNG rows of 3-byte pixels, to out as a
 * zlib stream (render-deflate.c). The rows are made ready a band at a time
 * just ahead of the encoder, fill(ctx, first, end) in order, so each band
 * is still in the cache when it is read. */
void dr_deflate_rows(unsigned char *data, size_t rows, size_t rowlen, struct dr_membuf *out,
                     dr_rows_fill_fn fill, void *ctx);

/* Gives the SVG document in m role="img", a <title> and a <desc> right
 * after its root element, named by aria-labelledby (render-svg-label.c). */
void dr_svg_label(struct dr_membuf *m, const char *title, const char *desc);

/* A libharu memory stream's bytes, malloc'd, in one piece; NULL when it
 * has none (render-hpdf-stream.c). */
unsigned char *dr_hpdf_stream_bytes(HPDF_Stream s, size_t *len);
/* Whether stream dict d is an in-memory Flate stream left to libharu. */
bool dr_hpdf_stream_deflatable(HPDF_Dict d);
/* Gives stream dict d the deflated bytes z[0..zlen), copied into a new
 * stream of its memory manager (the old one freed): it is written as it
 * is, with the Filter entry libharu would have written. False when
 * libharu cannot make the stream: its error is cleared and d is left to
 * libharu, which deflates it itself. */
bool dr_hpdf_stream_give(HPDF_Dict d, const unsigned char *z, size_t zlen);
/* data[0..n) in zlib's format by libdeflate at level (0..12), in a new
 * buffer of *zlen bytes; NULL when no compressor can be made
 * (render-hpdf-stream.c). */
unsigned char *dr_zlib_deflate(int level, const unsigned char *data, size_t n, size_t *zlen);
/* Rewrites the character map of pdf's TrueType font definition font_name
 * (just loaded) so that libharu finds each glyph in one step, with the
 * same answers (render-hpdf-cmap.c). */
void dr_hpdf_cmap_flatten(HPDF_Doc pdf, const char *font_name);
/* Makes pdf's TrueType font definition font_name (just loaded) read its
 * file's bytes from memory, not through stdio, when the document is saved,
 * and its subset reused from an earlier document with the same font and
 * glyphs; the same bytes (render-hpdf-ttfmem.c). */
void dr_hpdf_ttf_in_memory(HPDF_Doc pdf, const char *font_name);
/* How many TrueType subsets libharu has built in this process so far; the
 * rest were reused (render-hpdf-ttfmem.c; for the tests). */
size_t dr_hpdf_subsets_built(void);

/* Starts remembering the widths of font's characters, for its document
 * (dr_fonts_load_hpdf: each font as it is loaded), until libharu frees it
 * (render-hpdf-widths.c). Per thread: a document must be made, measured
 * and freed on one thread. */
void dr_hpdf_widths_register(HPDF_Font font);
/* How many fonts this thread remembers widths for (for the tests). */
size_t dr_hpdf_widths_fonts(void);
/* The width of clean[0..n) (text of dr_fonts_clean_utf8) in font, in
 * thousandths of the font size: HPDF_Font_TextWidth's width, from widths
 * remembered per code point when font is registered. */
double dr_hpdf_widths_text(HPDF_Font font, const char *clean, size_t n);

/* A chart's path and colour operators for a libharu page, formatted as
 * libharu's own and written to the page's content stream together
 * (render-hpdf-ops.c). While operators are gathered libharu still holds
 * the page idle: the caller keeps the path state and flushes before any
 * other libharu call on the page. */
struct dr_pdf_ops {
	HPDF_Page page;
	size_t n;                   /* bytes gathered in buf */
	char buf[4096];
};
/* v as libharu's HPDF_FToA writes it (at most 12 bytes, trailing zeros
 * and a bare point dropped), at s; returns the end. */
char *dr_pdf_ftoa(char *s, HPDF_REAL v);
void dr_pdf_ops_init(struct dr_pdf_ops *o, HPDF_Page page);
/* Appends what is gathered to the page's content stream. */
void dr_pdf_ops_flush(struct dr_pdf_ops *o);
/* The operators of HPDF_Page_MoveTo, _LineTo, _Rectangle, _Circle,
 * _ClosePath, _Stroke, _Fill, _EndPath, _SetRGBStroke then _SetRGBFill
 * (the same colour), _SetLineWidth, _SetDash, with the same bytes. */
void dr_pdf_ops_move_to(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y);
void dr_pdf_ops_line_to(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y);
void dr_pdf_ops_rect(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h);
void dr_pdf_ops_circle(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y, HPDF_REAL ray);
void dr_pdf_ops_close(struct dr_pdf_ops *o);
void dr_pdf_ops_stroke(struct dr_pdf_ops *o);
void dr_pdf_ops_fill(struct dr_pdf_ops *o);
void dr_pdf_ops_end_path(struct dr_pdf_ops *o);
void dr_pdf_ops_rgb(struct dr_pdf_ops *o, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b);
void dr_pdf_ops_line_width(struct dr_pdf_ops *o, HPDF_REAL w);
/* HPDF_Page_SetDash(page, ptn, n, 0)'s bytes (elements 1..100, n <= 8;
 * n = 0: solid). Out of those ranges libharu refuses the dash; this
 * clamps each element and drops those past the eighth. */
void dr_pdf_ops_dash(struct dr_pdf_ops *o, const unsigned *ptn, size_t n);

/* Whether font is a libharu Type0 TrueType font dict (what
 * dr_fonts_load_hpdf makes), whose attr is a HPDF_FontAttr
 * (render-hpdf-fontfile.c). */
bool dr_hpdf_is_tt_font(HPDF_Font font);

/* Makes font (a TrueType font of dr_fonts_load_hpdf) reuse, when its
 * document is saved, the deflated font streams of earlier documents of this
 * process, with the same bytes (render-hpdf-fontfile.c); 0, or -1 when
 * font is not one it knows how to hook (libharu then deflates as usual). */
int dr_hpdf_fontfile_cache(HPDF_Font font);
/* How many font streams this process has deflated so far (for the tests). */
size_t dr_hpdf_fontfile_deflates(void);

#endif
