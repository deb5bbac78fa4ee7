/*
 * render-hpdf.c -- the render.h table on a libharu page: vector charts in
 * the PDF packet, plus the text helpers the packet pages share.
 *
 * Input:  a document whose fonts dr_fonts_load_hpdf() has embedded, a page,
 *         and a box (x, y = bottom-left in PDF coordinates, w x h points)
 *         for a chart, or a size x size box for one icon of icon.h (the
 *         packet's tables), drawn by the same backend.
 * Output: paths and text on the page only (no images, no XObjects), so the
 *         chart stays sharp, small and its text can be copied. Path,
 *         colour, width and dash operators are libharu's bytes written by
 *         render-hpdf-ops.c, text libharu's own calls.
 * Mapping: chart coordinates are y-down points from the box's top-left, so
 *         PDF x = x0 + x and PDF y = y0 + h - y; no scaling, the chart is
 *         laid out for the box's real size.
 * libharu 2.3.0 limits respected (Debian 12's libharu): dash elements are
 *         whole numbers 1..100, at most 8 (dashed 5 3, dotted 1 2, the same
 *         as render-cairo.c); colour, width and dash are only set outside a
 *         path and text only outside a path, checked against the path state
 *         kept here, so a slip in chart code skips one call instead of
 *         raising a libharu error; widths are HPDF_Font_TextWidth's (what viewers
 *         lay out; remembered per character, render-hpdf-widths.c), never
 *         HPDF_Page_MeasureText's (splits UTF-8).
 * Text:   cleaned with dr_fonts_clean_utf8 (BMP only, valid UTF-8), since
 *         libharu silently mangles anything else.
 * Owns:   nothing; the page's graphics state is saved and restored around
 *         the chart. Never: creates pages, fonts or images.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "dyadreport/chart.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "dyadreport/icon.h"
#include "dyadreport/render.h"
#include "render-int.h"

struct hp_ctx {
	const struct dr_fonts *f;
	double x0, top;             /* PDF x of the box's left, PDF y of its top */
	FILE *texts;                /* every string drawn, one per line, or NULL */
	/* The chart's path, colour, width and dash operators, gathered with
	 * libharu's bytes (render-hpdf-ops.c) and flushed before text and at
	 * the end, the only libharu calls on the page meanwhile; libharu holds
	 * the page idle, so the path state is kept here. ops.page is the page. */
	struct dr_pdf_ops ops;
	bool path;                  /* a path is being built */
	/* What this chart last set (begin() saved the page's state, so
	 * nothing else sets them meanwhile): a setting repeated is not
	 * written again, as charts set a colour or width before each mark. */
	uint32_t rgb;               /* NO_RGB: none yet */
	HPDF_REAL width;            /* < 0: none yet */
	int dash;                   /* < 0: none yet */
};

/* No colour set yet (colours are 24-bit). */
#define NO_RGB UINT32_MAX

/* Sets the stroke and fill colour. */
static void h_colour(void *ctx, uint32_t rgb)
{
	struct hp_ctx *c = ctx;
	if (c->path || c->rgb == rgb)
		return;
	HPDF_REAL r = (rgb >> 16 & 0xff) / 255.0f, g = (rgb >> 8 & 0xff) / 255.0f,
	          b = (rgb & 0xff) / 255.0f;
	dr_pdf_ops_rgb(&c->ops, r, g, b);
	c->rgb = rgb;
}

/* Sets the stroke width in points. */
static void h_line_width(void *ctx, double w)
{
	struct hp_ctx *c = ctx;
	HPDF_REAL width = (HPDF_REAL)(w > 0 ? w : 0.1);
	if (c->path || c->width == width)
		return;
	dr_pdf_ops_line_width(&c->ops, width);
	c->width = width;
}

/* Sets solid, dashed (5 on, 3 off) or dotted (1 on, 2 off) strokes. */
static void h_dash(void *ctx, enum dr_render_dash d)
{
	struct hp_ctx *c = ctx;
	static const unsigned dashed[] = { 5, 3 }, dotted[] = { 1, 2 };
	if (c->path || c->dash == (int)d)
		return;
	if (d == DR_DASH_DASHED)
		dr_pdf_ops_dash(&c->ops, dashed, 2);
	else if (d == DR_DASH_DOTTED)
		dr_pdf_ops_dash(&c->ops, dotted, 2);
	else
		dr_pdf_ops_dash(&c->ops, NULL, 0);
	c->dash = (int)d;
}

/* Starts a subpath. */
static void h_move_to(void *ctx, double x, double y)
{
	struct hp_ctx *c = ctx;
	dr_pdf_ops_move_to(&c->ops, (HPDF_REAL)(c->x0 + x), (HPDF_REAL)(c->top - y));
	c->path = true;
}

/* Extends the subpath with a straight segment. */
static void h_line_to(void *ctx, double x, double y)
{
	struct hp_ctx *c = ctx;
	if (c->path)
		dr_pdf_ops_line_to(&c->ops, (HPDF_REAL)(c->x0 + x), (HPDF_REAL)(c->top - y));
	else
		h_move_to(ctx, x, y);
}

/* Closes the subpath. */
static void h_close(void *ctx)
{
	struct hp_ctx *c = ctx;
	if (c->path)
		dr_pdf_ops_close(&c->ops);
}

/* Adds a closed rectangle. */
static void h_rect(void *ctx, double x, double y, double w, double h)
{
	struct hp_ctx *c = ctx;
	dr_pdf_ops_rect(&c->ops, (HPDF_REAL)(c->x0 + x), (HPDF_REAL)(c->top - y - h), (HPDF_REAL)w,
	                (HPDF_REAL)h);
	c->path = true;
}

/* Adds a closed circle. */
static void h_circle(void *ctx, double x, double y, double r)
{
	struct hp_ctx *c = ctx;
	if (!(r > 0))
		return;
	dr_pdf_ops_circle(&c->ops, (HPDF_REAL)(c->x0 + x), (HPDF_REAL)(c->top - y), (HPDF_REAL)r);
	c->path = true;
}

/* Strokes and ends the path. */
static void h_stroke(void *ctx)
{
	struct hp_ctx *c = ctx;
	if (c->path)
		dr_pdf_ops_stroke(&c->ops);
	c->path = false;
}

/* Fills and ends the path. */
static void h_fill(void *ctx)
{
	struct hp_ctx *c = ctx;
	if (c->path)
		dr_pdf_ops_fill(&c->ops);
	c->path = false;
}

/* Advance width of the text in points. */
static double h_text_width(void *ctx, double size, bool bold, const char *utf8)
{
	struct hp_ctx *c = ctx;
	return dr_hpdf_text_width(bold ? c->f->hpdf.bold : c->f->hpdf.regular, size, utf8);
}

/* Draws text with its baseline at y, aligned to x. */
static void h_text(void *ctx, double x, double y, double size, bool bold,
                   enum dr_render_align a, const char *utf8)
{
	struct hp_ctx *c = ctx;
	if (c->path || !utf8)
		return;
	dr_pdf_ops_flush(&c->ops);
	dr_hpdf_text(c->ops.page, bold ? c->f->hpdf.bold : c->f->hpdf.regular, size,
	             c->x0 + x, c->top - y, a, utf8);
	if (c->texts) {
		char clean[1024];
		dr_fonts_clean_utf8(utf8, clean, sizeof clean);
		fprintf(c->texts, "%s\n", clean);
	}
}

/* Checks the document and fonts, fills ctx and r for a box whose top-left
 * is (x0, top) in PDF coordinates and saves the graphics state; false (and
 * nothing changed) when the fonts are not loaded or a path is open. */
static bool begin(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f, double x0, double top,
                  struct hp_ctx *ctx, struct dr_render *r)
{
	if (!pdf || !page || !f || f->hpdf.pdf != pdf || !f->hpdf.regular || !f->hpdf.bold)
		return false;
	if (HPDF_Page_GetGMode(page) != HPDF_GMODE_PAGE_DESCRIPTION)
		return false;
	/* (field by field: a compound literal would also clear the 4 KB
	 * operator buffer, for every chart and every table icon) */
	ctx->f = f;
	ctx->x0 = x0;
	ctx->top = top;
	ctx->texts = NULL;
	ctx->path = false;
	ctx->rgb = NO_RGB;
	ctx->width = -1;
	ctx->dash = -1;
	dr_pdf_ops_init(&ctx->ops, page);
	*r = (struct dr_render){
		.ctx = ctx,
		.colour = h_colour,
		.line_width = h_line_width,
		.dash = h_dash,
		.move_to = h_move_to,
		.line_to = h_line_to,
		.close = h_close,
		.rect = h_rect,
		.circle = h_circle,
		.stroke = h_stroke,
		.fill = h_fill,
		.text = h_text,
		.text_width = h_text_width,
		.group = NULL,
	};
	HPDF_Page_GSave(page);
	HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
	HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
	return true;
}

/* Drops a path left open and restores the graphics state begin() saved. */
static void end(struct hp_ctx *ctx)
{
	if (ctx->path)
		dr_pdf_ops_end_path(&ctx->ops);
	dr_pdf_ops_flush(&ctx->ops);
	HPDF_Page_GRestore(ctx->ops.page);
}

void dr_render_hpdf(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f,
                    double x, double y, double w, double h, const struct dr_chart *c)
{
	dr_render_hpdf_logged(pdf, page, f, x, y, w, h, c, NULL);
}

void dr_render_hpdf_logged(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f, double x,
                           double y, double w, double h, const struct dr_chart *c, FILE *texts)
{
	struct hp_ctx ctx;
	struct dr_render r;
	if (!begin(pdf, page, f, x, y + h, &ctx, &r))
		return;
	ctx.texts = texts;
	dr_chart_draw(c, &r, w, h);
	end(&ctx);
}

void dr_render_hpdf_variation_icon(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f,
                                   double x, double y, double size,
                                   enum dr_spc_point_type t, int better)
{
	struct hp_ctx ctx;
	struct dr_render r;
	if (!(size > 0) || !begin(pdf, page, f, x, y + size, &ctx, &r))
		return;
	dr_icon_draw_variation(&r, 0, 0, size, t, better);
	end(&ctx);
}

void dr_render_hpdf_assurance_icon(HPDF_Doc pdf, HPDF_Page page, const struct dr_fonts *f,
                                   double x, double y, double size, enum dr_spc_assurance a)
{
	struct hp_ctx ctx;
	struct dr_render r;
	if (!(size > 0) || !begin(pdf, page, f, x, y + size, &ctx, &r))
		return;
	dr_icon_draw_assurance(&r, 0, 0, size, a);
	end(&ctx);
}

/* Cleans utf8 into stack (size bytes) or, when longer, a malloc'd copy
 * (cut at libharu's 65535-byte string limit); *n gets the length. */
static char *clean_text(const char *utf8, char *stack, size_t size, size_t *n)
{
	size_t need = strlen(utf8) * 3 + 1;
	char *out = stack;
	if (need > size) {
		size = need < 65536 ? need : 65536;
		out = dr_xmalloc(size);
	}
	*n = dr_fonts_clean_utf8(utf8, out, size);
	return out;
}

double dr_hpdf_text_width(HPDF_Font font, double size, const char *utf8)
{
	char stack[1024];
	size_t n;
	if (!font || !utf8)
		return 0;
	char *clean = clean_text(utf8, stack, sizeof stack, &n);
	double w = 0;
	if (n > 0)
		w = dr_hpdf_widths_text(font, clean, n) * size / 1000.0;
	if (clean != stack)
		free(clean);
	return w;
}

void dr_hpdf_text(HPDF_Page page, HPDF_Font font, double size, double x, double y,
                  enum dr_render_align align, const char *utf8)
{
	char stack[1024];
	size_t n;
	if (!page || !font || !utf8 || !(size > 0) ||
	    HPDF_Page_GetGMode(page) != HPDF_GMODE_PAGE_DESCRIPTION)
		return;
	if (size > 600)
		size = 600;
	char *clean = clean_text(utf8, stack, sizeof stack, &n);
	if (n > 0) {
		if (align != DR_ALIGN_LEFT) {
			double tw = dr_hpdf_widths_text(font, clean, n) * size / 1000.0;
			x -= align == DR_ALIGN_CENTER ? tw / 2 : tw;
		}
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)size);
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, clean);
		HPDF_Page_EndText(page);
	}
	if (clean != stack)
		free(clean);
}
