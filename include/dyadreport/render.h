/*
 * render.h -- the drawing table every chart backend implements.
 *
 * dr_chart_draw() (chart-draw.c) talks only to a struct dr_render: colour,
 * line width, dash style, paths (move, line, close, rect, circle), stroke,
 * fill and text. Each backend owns its device: render-cairo.c (PNG, SVG),
 * render-hpdf.c (vector paths on a libharu page) and render-trace.c (one
 * text line per call, for golden tests).
 *
 * Coordinates: points, y-down from the top-left corner of the chart box;
 * each backend does its own y-flip. Text is placed at (x, baseline y) and
 * measured by the backend's own metrics (cairo-ft with hint metrics off,
 * HPDF_Font_TextWidth, or a fixed estimate in the trace).
 *
 * State rule: colour, width and dash are set only between paths (libharu
 * refuses them inside a path); stroke() or fill() ends the current path,
 * and text() is never called while a path is open. The trace backend
 * reports any breach as a line starting with "!!".
 *
 * Ownership: buffers returned by dr_render_png/svg are malloc'd and freed
 * by the caller; everything else is borrowed for the call. Never: writes
 * files, keeps global state, or changes a libharu document outside the box
 * (the page's graphics state is saved and restored around the chart).
 * Threads: one struct dr_fonts per thread (see font.h), then any backend.
 */
#ifndef DYADREPORT_RENDER_H
#define DYADREPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <hpdf.h>

#include "dyadreport/chart.h"
#include "dyadreport/font.h"

enum dr_render_dash { DR_DASH_SOLID, DR_DASH_DASHED, DR_DASH_DOTTED };

/* Text alignment relative to x. */
enum dr_render_align { DR_ALIGN_LEFT, DR_ALIGN_CENTER, DR_ALIGN_RIGHT };

struct dr_render {
	void *ctx;
	/* 0xRRGGBB, used for both strokes and fills (and text). */
	void (*colour)(void *ctx, uint32_t rgb);
	void (*line_width)(void *ctx, double w);
	void (*dash)(void *ctx, enum dr_render_dash d);
	void (*move_to)(void *ctx, double x, double y);
	void (*line_to)(void *ctx, double x, double y);
	void (*close)(void *ctx);
	/* Adds a closed rectangle or circle to the current path. */
	void (*rect)(void *ctx, double x, double y, double w, double h);
	void (*circle)(void *ctx, double x, double y, double r);
	/* Paint and end the current path. */
	void (*stroke)(void *ctx);
	void (*fill)(void *ctx);
	/* UTF-8 text with its baseline at y; size in points. */
	void (*text)(void *ctx, double x, double y, double size, bool bold,
	             enum dr_render_align align, const char *utf8);
	double (*text_width)(void *ctx, double size, bool bold, const char *utf8);
	/* Optional (may be NULL): names what the next calls draw, e.g.
	 * "marker improvement hollow"; only the trace prints it. */
	void (*group)(void *ctx, const char *name);
};

/*
 * Renders c to a PNG (cairo RGB24, white background) of width_px x
 * height_px. The chart is laid out on a box 800 pt wide and 800*h/w pt
 * high, scaled to the pixels (1600 x 900 px = scale 2). *buf is malloc'd,
 * the caller frees it. Returns 0, or -1 on a cairo error or a size outside
 * 1..32767 (then *buf is NULL and *len 0).
 */
int dr_render_png(const struct dr_chart *c, const struct dr_fonts *f,
                  int width_px, int height_px, unsigned char **buf, size_t *len);

/* The same as an SVG document (width/height in px); same ownership. */
int dr_render_svg(const struct dr_chart *c, const struct dr_fonts *f,
                  int width_px, int height_px, unsigned char **buf, size_t *len);

/*
 * Draws c with libharu paths and text (no images) into the box whose
 * bottom-left corner is (x, y) in PDF coordinates, w x h points. Needs
 * dr_fonts_load_hpdf(f, pdf) first; does nothing if that has not happened.
 */
void dr_render_hpdf(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f,
                    double x, double y, double w, double h, const struct dr_chart *c);

/*
 * The same three renders, also printing every string they draw (cleaned
 * as drawn, one per line, in drawing order) to texts when it is not NULL:
 * tests hold PNG, SVG and PDF to one layout with these.
 */
int dr_render_png_logged(const struct dr_chart *c, const struct dr_fonts *f, int width_px,
                         int height_px, unsigned char **buf, size_t *len, FILE *texts);
int dr_render_svg_logged(const struct dr_chart *c, const struct dr_fonts *f, int width_px,
                         int height_px, unsigned char **buf, size_t *len, FILE *texts);
void dr_render_hpdf_logged(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f, double x,
                           double y, double w, double h, const struct dr_chart *c, FILE *texts);

/*
 * Draws one icon of icon.h (variation of point type t for a metric with
 * direction better, or assurance a) with libharu paths and text into the
 * size x size box whose bottom-left corner is (x, y) in PDF coordinates,
 * for the packet's tables. Same preconditions and state rule as
 * dr_render_hpdf; NONE draws nothing.
 */
void dr_render_hpdf_variation_icon(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f,
                                   double x, double y, double size,
                                   enum dr_spc_point_type t, int better);
void dr_render_hpdf_assurance_icon(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f,
                                   double x, double y, double size, enum dr_spc_assurance a);

/* Prints every drawing call of c in a w x h box as one line (%.2f numbers),
 * with text widths estimated as 0.55 em per character, so traces do not
 * depend on the installed fonts. */
void dr_render_trace(FILE *out, const struct dr_chart *c, double w, double h);

/* The same for any drawing: prints "chart W H", every call draw(r, arg)
 * makes on the trace table, the "!!" breaches, and "end". For tests of
 * drawings that are not charts (the icons of icon.h). */
void dr_render_trace_calls(FILE *out, double w, double h,
                           void (*draw)(const struct dr_render *r, void *arg), void *arg);

/* Deflates each page's content stream of pdf with libdeflate, to call
 * just before HPDF_SaveToStream: libharu would deflate them with zlib at
 * several times the CPU (src/render-hpdf-stream.c). */
void dr_hpdf_deflate_pages(HPDF_Doc pdf);

/*
 * libharu text helpers for the packet pages (same fonts as the charts).
 * dr_hpdf_text draws utf8 at (x, baseline y) in PDF coordinates, aligned
 * to x, in the page's current fill colour; it must be called outside a
 * path and outside BeginText/EndText. dr_hpdf_text_width returns the width
 * in points as PDF viewers lay it out (HPDF_Font_TextWidth; never
 * HPDF_Page_MeasureText, which splits UTF-8). Both clean the text with
 * dr_fonts_clean_utf8 first.
 */
void dr_hpdf_text(HPDF_Page page, HPDF_Font font, double size, double x, double y,
                  enum dr_render_align align, const char *utf8);
double dr_hpdf_text_width(HPDF_Font font, double size, const char *utf8);

#endif
