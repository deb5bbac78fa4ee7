/*
 * packet-draw.c -- the packet's drawing primitives (packet-draw.h): every
 * paint of a packet page goes through one of these, on the page of the
 * drawing context, in the colours and sizes given, and each tells the
 * tagger (pdf-tags.h) whether it paints content or an artifact first.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "packet-draw.h"

/* Whether anything may be painted. */
static bool paintable(const struct dr_draw *d) { return !d->error && d->page; }

/* The next paint is content of the open element (decoration while decor). */
static void as_content(struct dr_draw *d)
{
	if (!d->tags)
		return;
	if (d->decor > 0)
		dr_tags_artifact(d->tags);
	else
		dr_tags_content(d->tags);
}

/* The next paint is an artifact. */
static void as_artifact(struct dr_draw *d)
{
	if (d->tags)
		dr_tags_artifact(d->tags);
}

void dr_draw_page(struct dr_draw *d, HPDF_Page page)
{
	d->page = page;
	if (d->tags && page)
		dr_tags_page(d->tags, page);
}

void dr_draw_open(struct dr_draw *d, const char *type)
{
	if (d->tags)
		dr_tags_open(d->tags, type);
}

void dr_draw_th(struct dr_draw *d, enum dr_tags_scope scope)
{
	if (d->tags)
		dr_tags_th(d->tags, scope);
}

void dr_draw_close(struct dr_draw *d)
{
	if (d->tags)
		dr_tags_close(d->tags);
}

void dr_draw_decor_begin(struct dr_draw *d) { d->decor++; }
void dr_draw_decor_end(struct dr_draw *d) { d->decor--; }

/* Sets the fill colour from 0xRRGGBB. */
static void fill_rgb(HPDF_Page pg, uint32_t rgb)
{
	HPDF_Page_SetRGBFill(pg, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f,
	                     (rgb & 255) / 255.0f);
}

/* Sets the stroke colour from 0xRRGGBB. */
static void stroke_rgb(HPDF_Page pg, uint32_t rgb)
{
	HPDF_Page_SetRGBStroke(pg, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f,
	                       (rgb & 255) / 255.0f);
}

void dr_draw_text(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x, double y,
                  enum dr_render_align align, const char *s)
{
	if (!paintable(d))
		return;
	as_content(d);
	fill_rgb(d->page, rgb);
	dr_hpdf_text(d->page, f, size, x, y, align, s);
}

/* The smallest a fitted text is set, as a share of its size. */
#define SHRINK_MIN 0.85

void dr_draw_text_fit(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x,
                      double y, double maxw, const char *s)
{
	char buf[256];
	size_t len = strlen(s);
	if (len >= sizeof buf - 4) {
		len = sizeof buf - 4;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;      /* s[len] continues a character: cut before it */
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* A little too long: set it up to 15 % smaller, whole, rather than
	 * cut a word ("Days to decision, 90th perce…"); only then cut. */
	double w = dr_hpdf_text_width(f, size, buf);
	if (w > maxw && maxw > 0)
		size = maxw / w >= SHRINK_MIN ? size * maxw / w : size * SHRINK_MIN;
	while (len > 0 && dr_hpdf_text_width(f, size, buf) > maxw) {
		do
			len--;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		memcpy(buf + len, "\xE2\x80\xA6", 4);       /* U+2026 and the NUL */
	}
	dr_draw_text(d, f, size, rgb, x, y, DR_ALIGN_LEFT, buf);
}

void dr_draw_hrule(struct dr_draw *d, double x0, double x1, double y, double width, uint32_t rgb)
{
	if (!paintable(d))
		return;
	as_artifact(d);
	stroke_rgb(d->page, rgb);
	HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(d->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(d->page);
}

void dr_draw_box(struct dr_draw *d, double x, double y, double w, double h, uint32_t rgb)
{
	if (!paintable(d))
		return;
	as_artifact(d);
	fill_rgb(d->page, rgb);
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(d->page);
}

size_t dr_draw_wrap_max(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x,
                        double *y, double width, double leading, const char *s, size_t max_lines)
{
	char line[1024];
	size_t len = 0, drawn = 0;
	const char *w = s;
	while (*w && drawn < max_lines) {
		while (*w == ' ')
			w++;
		size_t wl = strcspn(w, " ");
		if (!wl)
			break;
		char trial[1024];
		snprintf(trial, sizeof trial, "%.*s%s%.*s", (int)len, line, len ? " " : "", (int)wl, w);
		if (len && dr_hpdf_text_width(f, size, trial) > width) {
			if (drawn + 1 == max_lines) {
				/* The last line allowed: end it with an ellipsis that fits,
				 * dropping whole UTF-8 characters from its end. */
				for (;;) {
					snprintf(trial, sizeof trial, "%.*s\xE2\x80\xA6", (int)len, line);
					if (!len || dr_hpdf_text_width(f, size, trial) <= width)
						break;
					do
						len--;
					while (len && ((unsigned char)line[len] & 0xC0) == 0x80);
				}
				snprintf(line, sizeof line, "%s", trial);
				len = strlen(line);
				break;
			}
			dr_draw_text(d, f, size, rgb, x, *y, DR_ALIGN_LEFT, line);
			*y -= leading;
			drawn++;
			snprintf(line, sizeof line, "%.*s", (int)wl, w);
		} else {
			snprintf(line, sizeof line, "%s", trial);
		}
		len = strlen(line);
		w += wl;
	}
	if (len && drawn < max_lines) {
		dr_draw_text(d, f, size, rgb, x, *y, DR_ALIGN_LEFT, line);
		*y -= leading;
		drawn++;
	}
	return drawn;
}

void dr_draw_wrap(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x, double *y,
                  double width, double leading, const char *s)
{
	dr_draw_wrap_max(d, f, size, rgb, x, y, width, leading, s, SIZE_MAX);
}

void dr_draw_chart(struct dr_draw *d, const struct dr_chart *c, const char *alt, double x,
                   double y, double w, double h, bool scaled)
{
	if (!paintable(d))
		return;
	/* The whole chart, its text and marks, is the figure. */
	if (d->tags) {
		dr_tags_figure(d->tags, alt, x, y, w, h);
		dr_tags_content(d->tags);
	}
	if (!scaled) {
		dr_render_hpdf(d->pdf, d->page, d->fonts, x, y, w, h, c);
	} else {
		/* Charts lay their type out in points of their box: a larger type
		 * scale draws the chart in a smaller box, scaled up. */
		double s = d->ts > 1 ? d->ts : 1;
		HPDF_Page_GSave(d->page);
		HPDF_Page_Concat(d->page, (HPDF_REAL)s, 0, 0, (HPDF_REAL)s, (HPDF_REAL)x, (HPDF_REAL)y);
		dr_render_hpdf(d->pdf, d->page, d->fonts, 0, 0, w / s, h / s, c);
		HPDF_Page_GRestore(d->page);
	}
	if (d->tags)
		dr_tags_close(d->tags);
}

void dr_draw_variation_icon(struct dr_draw *d, double x, double y, double size,
                            enum dr_spc_point_type t, int better)
{
	if (!paintable(d))
		return;
	as_content(d);
	dr_render_hpdf_variation_icon(d->pdf, d->page, d->fonts, x, y, size, t, better);
}

void dr_draw_assurance_icon(struct dr_draw *d, double x, double y, double size,
                            enum dr_spc_assurance a)
{
	if (!paintable(d))
		return;
	as_content(d);
	dr_render_hpdf_assurance_icon(d->pdf, d->page, d->fonts, x, y, size, a);
}

void dr_draw_watermark(struct dr_draw *d, HPDF_ExtGState gs, HPDF_Font f, double size,
                       uint32_t rgb, double cx, double cy, double angle, const char *s)
{
	if (!paintable(d))
		return;
	double tw = dr_hpdf_text_width(f, size, s);
	as_artifact(d);             /* before q: marked content and q/Q nest */
	HPDF_Page_GSave(d->page);
	HPDF_Page_SetExtGState(d->page, gs);
	HPDF_Page_Concat(d->page, (HPDF_REAL)cos(angle), (HPDF_REAL)sin(angle), (HPDF_REAL)-sin(angle),
	                 (HPDF_REAL)cos(angle), (HPDF_REAL)cx, (HPDF_REAL)cy);
	fill_rgb(d->page, rgb);
	dr_hpdf_text(d->page, f, size, -tw / 2, -size * 0.36, DR_ALIGN_LEFT, s);
	HPDF_Page_GRestore(d->page);
}
