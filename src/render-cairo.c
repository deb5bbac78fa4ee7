/*
 * render-cairo.c -- the render.h table on a cairo_t: PNG and SVG charts.
 *
 * Input:  a chart, the fonts of dr_fonts_open() and a size in pixels.
 * Output: a malloc'd PNG (render-png.c; RGB, white background, no alpha: libharu and
 *         slide tools get an opaque image) or SVG (width/height in px) in
 *         memory; 0, or -1 when cairo reports an error or the size is
 *         outside 1..32767 px (cairo's limit).
 * Layout: the chart is laid out on a logical box 800 pt wide and
 *         800 * h / w pt high, scaled to the pixels, so a 1600 x 900 PNG is
 *         the 800 x 450 chart at scale 2 and every size looks the same.
 * Text:   cairo-ft faces from struct dr_fonts with explicit font options
 *         (hint metrics off, no hinting, grey antialiasing), so widths are
 *         exact FreeType advances on every machine and match libharu's to
 *         about 0.1 %. Text is cleaned with dr_fonts_clean_utf8 first, as
 *         invalid UTF-8 would put the cairo_t in a sticky error state.
 * Dashes: the same whole-point patterns as render-hpdf.c (libharu 2.3.0
 *         takes integers 1..100 only): dashed 5 on 3 off, dotted 1 on 2 off;
 *         butt caps, round joins, as libharu draws them.
 * Labels: an SVG gets role="img", <title> (the chart's title) and <desc>
 *         (dr_chart_alt with c->headline) after its root element
 *         (render-svg-label.c), so a screen reader names the chart.
 * Ids:    cairo numbers SVG groups "surfaceN" from a process-wide counter,
 *         so the same chart got other bytes after other charts (another -d
 *         or -j); they are renumbered 1, 2, ... in order of appearance.
 * Owns:   the surface and context for one call; the PNG pixel buffer of
 *         each thread, kept for its next chart (png_pixels, never freed);
 *         the caller frees *buf.
 * Never:  writes files (the caller writes the buffer atomically).
 */
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <cairo.h>

#include "dyadreport/chart.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "dyadreport/render.h"
#include "render-int.h"

#define LOGICAL_W 800.0

struct cr_ctx {
	cairo_t *cr;
	const struct dr_fonts *f;
	FILE *texts;                /* every string drawn, one per line, or NULL */
	double font_size;           /* the face and size set last (use_font); */
	int font_bold;              /* -1: none yet */
};

/* cairo write callback: appends to the struct dr_membuf. */
static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int n)
{
	dr_membuf_put(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* Sets the stroke and fill colour. */
static void c_colour(void *ctx, uint32_t rgb)
{
	struct cr_ctx *c = ctx;
	cairo_set_source_rgb(c->cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
	                     (rgb & 0xff) / 255.0);
}

/* Sets the stroke width in points. */
static void c_line_width(void *ctx, double w)
{
	struct cr_ctx *c = ctx;
	cairo_set_line_width(c->cr, w);
}

/* Sets solid, dashed (5 on, 3 off) or dotted (1 on, 2 off) strokes. */
static void c_dash(void *ctx, enum dr_render_dash d)
{
	struct cr_ctx *c = ctx;
	static const double dashed[] = { 5, 3 }, dotted[] = { 1, 2 };
	if (d == DR_DASH_DASHED)
		cairo_set_dash(c->cr, dashed, 2, 0);
	else if (d == DR_DASH_DOTTED)
		cairo_set_dash(c->cr, dotted, 2, 0);
	else
		cairo_set_dash(c->cr, NULL, 0, 0);
}

/* Starts a subpath. */
static void c_move_to(void *ctx, double x, double y)
{
	struct cr_ctx *c = ctx;
	cairo_move_to(c->cr, x, y);
}

/* Extends the subpath with a straight segment. */
static void c_line_to(void *ctx, double x, double y)
{
	struct cr_ctx *c = ctx;
	cairo_line_to(c->cr, x, y);
}

/* Closes the subpath. */
static void c_close(void *ctx)
{
	struct cr_ctx *c = ctx;
	cairo_close_path(c->cr);
}

/* Adds a closed rectangle. */
static void c_rect(void *ctx, double x, double y, double w, double h)
{
	struct cr_ctx *c = ctx;
	cairo_rectangle(c->cr, x, y, w, h);
}

/* Adds a closed circle. */
static void c_circle(void *ctx, double x, double y, double r)
{
	struct cr_ctx *c = ctx;
	cairo_new_sub_path(c->cr);
	cairo_arc(c->cr, x, y, r, 0, 2 * 3.14159265358979323846);
	cairo_close_path(c->cr);
}

/* Strokes and ends the path. */
static void c_stroke(void *ctx)
{
	struct cr_ctx *c = ctx;
	cairo_stroke(c->cr);
}

/* Fills and ends the path. */
static void c_fill(void *ctx)
{
	struct cr_ctx *c = ctx;
	cairo_fill(c->cr);
}

/* Selects the face and size for text, when not already set: setting a
 * size drops cairo's scaled font, which the next text then looks up
 * again, and charts measure and draw their labels by the hundred. */
static void use_font(struct cr_ctx *c, double size, bool bold)
{
	if (c->font_bold == (int)bold && c->font_size == size)
		return;
	cairo_set_font_face(c->cr, bold ? c->f->bold : c->f->regular);
	cairo_set_font_size(c->cr, size);
	c->font_bold = bold;
	c->font_size = size;
}

/* Advance width of the text in points. */
static double c_text_width(void *ctx, double size, bool bold, const char *utf8)
{
	struct cr_ctx *c = ctx;
	char clean[1024];
	cairo_text_extents_t ext;
	dr_fonts_clean_utf8(utf8, clean, sizeof clean);
	use_font(c, size, bold);
	cairo_text_extents(c->cr, clean, &ext);
	return ext.x_advance;
}

/* Draws text with its baseline at y, aligned to x. */
static void c_text(void *ctx, double x, double y, double size, bool bold,
                   enum dr_render_align a, const char *utf8)
{
	struct cr_ctx *c = ctx;
	char clean[1024];
	cairo_text_extents_t ext;
	dr_fonts_clean_utf8(utf8, clean, sizeof clean);
	use_font(c, size, bold);
	if (a != DR_ALIGN_LEFT) {
		cairo_text_extents(c->cr, clean, &ext);
		x -= a == DR_ALIGN_CENTER ? ext.x_advance / 2 : ext.x_advance;
	}
	cairo_new_path(c->cr);
	cairo_move_to(c->cr, x, y);
	cairo_show_text(c->cr, clean);
	cairo_new_path(c->cr);
	if (c->texts)
		fprintf(c->texts, "%s\n", clean);
}

/* Draws c on cr, which maps the logical box lw x lh to the device, over
 * whatever the surface holds (the caller makes it white). */
static void draw(cairo_t *cr, const struct dr_fonts *f, const struct dr_chart *c,
                 double lw, double lh, FILE *texts)
{
	struct cr_ctx ctx = { .cr = cr, .f = f, .texts = texts, .font_bold = -1 };
	struct dr_render r = {
		.ctx = &ctx,
		.colour = c_colour,
		.line_width = c_line_width,
		.dash = c_dash,
		.move_to = c_move_to,
		.line_to = c_line_to,
		.close = c_close,
		.rect = c_rect,
		.circle = c_circle,
		.stroke = c_stroke,
		.fill = c_fill,
		.text = c_text,
		.text_width = c_text_width,
		.group = NULL,
	};
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);

	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	dr_chart_draw(c, &r, lw, lh);
}

/* Checks a pixel size against cairo's limits. */
static bool size_ok(int w, int h)
{
	return w >= 1 && h >= 1 && w <= 32767 && h <= 32767;
}

int dr_render_png(const struct dr_chart *c, const struct dr_fonts *f,
                  int width_px, int height_px, unsigned char **buf, size_t *len)
{
	return dr_render_png_logged(c, f, width_px, height_px, buf, len, NULL);
}

int dr_render_svg(const struct dr_chart *c, const struct dr_fonts *f,
                  int width_px, int height_px, unsigned char **buf, size_t *len)
{
	return dr_render_svg_logged(c, f, width_px, height_px, buf, len, NULL);
}

/* Pixels for this thread's PNG surface, kept from one chart to the next
 * (never freed): a fresh 1600 x 900 surface's 5.8 MB were zeroed, by calloc
 * or by the kernel page by page, only to be made white before drawing
 * (dr_render_png_logged). Its row stride in *stride. */
static unsigned char *png_pixels(int w, int h, int *stride)
{
	static _Thread_local unsigned char *px;
	static _Thread_local size_t cap;
	*stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	size_t need = (size_t)*stride * (size_t)h;
	if (need > cap) {
		free(px);
		px = dr_xmalloc(need);
		cap = need;
	}
	return px;
}

int dr_render_png_logged(const struct dr_chart *c, const struct dr_fonts *f, int width_px,
                         int height_px, unsigned char **buf, size_t *len, FILE *texts)
{
	*buf = NULL;
	*len = 0;
	if (!size_ok(width_px, height_px) || !f || !f->regular || !f->bold)
		return -1;
	struct dr_membuf m = { 0 };
	int rc = -1;
	int stride;
	unsigned char *px = png_pixels(width_px, height_px, &stride);
	/* White: every byte 0xFF (cairo_paint's fill of the same pixels, in
	 * libc's wider stores; RGB24's unused byte is ignored either way). */
	memset(px, 0xFF, (size_t)stride * (size_t)height_px);
	cairo_surface_t *s = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, width_px,
	                                                         height_px, stride);
	cairo_t *cr = cairo_create(s);
	double scale = width_px / LOGICAL_W;
	cairo_scale(cr, scale, scale);
	draw(cr, f, c, LOGICAL_W, height_px / scale, texts);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto cleanup;
	cairo_surface_flush(s);
	if (dr_png_encode(s, &m.p, &m.len) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (rc == 0) {
		*buf = m.p;
		*len = m.len;
	} else {
		free(m.p);
	}
	return rc;
}

/* Rewrites every "surfaceN" id and #surfaceN reference in m's SVG to the
 * number of its first appearance in the document, so the bytes do not
 * depend on how many surfaces the process made before. */
static void renumber_surfaces(struct dr_membuf *m)
{
	static const char key[] = "surface";
	const size_t klen = sizeof key - 1;
	unsigned long *seen = NULL;
	size_t nseen = 0;
	struct dr_membuf out = { 0 };
	size_t i = 0, from = 0;
	while (i + klen < m->len) {
		const char *p = (const char *)m->p + i;
		if ((i == 0 || (p[-1] != '"' && p[-1] != '#')) || memcmp(p, key, klen) != 0 ||
		    p[klen] < '0' || p[klen] > '9') {
			i++;
			continue;
		}
		size_t j = i + klen;
		unsigned long v = 0;
		while (j < m->len && m->p[j] >= '0' && m->p[j] <= '9')
			v = v * 10 + (unsigned long)(m->p[j++] - '0');
		size_t k = 0;
		while (k < nseen && seen[k] != v)
			k++;
		if (k == nseen) {
			seen = dr_xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen++] = v;
		}
		char num[32];
		int nl = snprintf(num, sizeof num, "%s%zu", key, k + 1);
		write_mem(&out, m->p + from, (unsigned)(i - from));
		write_mem(&out, (const unsigned char *)num, (unsigned)nl);
		i = from = j;
	}
	if (nseen) {
		write_mem(&out, m->p + from, (unsigned)(m->len - from));
		free(m->p);
		*m = out;
	}
	free(seen);
}

int dr_render_svg_logged(const struct dr_chart *c, const struct dr_fonts *f, int width_px,
                         int height_px, unsigned char **buf, size_t *len, FILE *texts)
{
	*buf = NULL;
	*len = 0;
	if (!size_ok(width_px, height_px) || !f || !f->regular || !f->bold)
		return -1;
	struct dr_membuf m = { 0 };
	int rc = -1;
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_mem, &m, width_px, height_px);
	cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
	cairo_t *cr = cairo_create(s);
	double scale = width_px / LOGICAL_W;
	cairo_scale(cr, scale, scale);
	cairo_set_source_rgb(cr, 1, 1, 1);     /* the background, as an SVG rectangle */
	cairo_paint(cr);
	draw(cr, f, c, LOGICAL_W, height_px / scale, texts);
	bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ok = ok && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	if (ok) {
		renumber_surfaces(&m);
		char alt[4096];
		dr_chart_alt(c, c->headline, alt, sizeof alt);
		dr_svg_label(&m, c->title ? c->title : "Chart", alt);
		rc = 0;
	}
	if (rc == 0) {
		*buf = m.p;
		*len = m.len;
	} else {
		free(m.p);
	}
	return rc;
}
