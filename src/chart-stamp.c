/*
 * chart-stamp.c -- a chart file's stamp (chart.h struct dr_chart_stamp):
 * the words that let a PNG or SVG stand on its own on a slide.
 *
 * Above the chart: the headline, bold, at most two lines (in smaller
 * type, down to the chart's smallest, before it is cut; the sparkline,
 * which draws no text, gets its title first). Under it, muted, one line:
 * "Dyad · Report month October 2026 · Data through 31 October 2026 ·
 * Public" (cut with an ellipsis to the width). Sizes follow the box like
 * the chart's own (chart-kit.c, c->min_text included): the headline a
 * little above the subtitle's size, the line in the smallest type. Under
 * the headline, the dyad's comment when the stamp has one: a tinted band
 * with a blue rule, "Dyad comment:" in bold, at most three lines. The
 * chart is drawn in the
 * box that is left, through a render table that moves it down, so
 * nothing overlaps. Never: allocates or prints.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"

/* The render table of the chart under the stamp: every call moved down
 * by dy. */
struct shifted {
	const struct dr_render *r;
	double dy;
};

static void s_colour(void *ctx, uint32_t rgb)
{
	const struct shifted *s = ctx;
	s->r->colour(s->r->ctx, rgb);
}

static void s_line_width(void *ctx, double w)
{
	const struct shifted *s = ctx;
	s->r->line_width(s->r->ctx, w);
}

static void s_dash(void *ctx, enum dr_render_dash d)
{
	const struct shifted *s = ctx;
	s->r->dash(s->r->ctx, d);
}

static void s_move_to(void *ctx, double x, double y)
{
	const struct shifted *s = ctx;
	s->r->move_to(s->r->ctx, x, y + s->dy);
}

static void s_line_to(void *ctx, double x, double y)
{
	const struct shifted *s = ctx;
	s->r->line_to(s->r->ctx, x, y + s->dy);
}

static void s_close(void *ctx)
{
	const struct shifted *s = ctx;
	s->r->close(s->r->ctx);
}

static void s_rect(void *ctx, double x, double y, double w, double h)
{
	const struct shifted *s = ctx;
	s->r->rect(s->r->ctx, x, y + s->dy, w, h);
}

static void s_circle(void *ctx, double x, double y, double rad)
{
	const struct shifted *s = ctx;
	s->r->circle(s->r->ctx, x, y + s->dy, rad);
}

static void s_stroke(void *ctx)
{
	const struct shifted *s = ctx;
	s->r->stroke(s->r->ctx);
}

static void s_fill(void *ctx)
{
	const struct shifted *s = ctx;
	s->r->fill(s->r->ctx);
}

static void s_text(void *ctx, double x, double y, double size, bool bold,
                   enum dr_render_align a, const char *utf8)
{
	const struct shifted *s = ctx;
	s->r->text(s->r->ctx, x, y + s->dy, size, bold, a, utf8);
}

static double s_text_width(void *ctx, double size, bool bold, const char *utf8)
{
	const struct shifted *s = ctx;
	return s->r->text_width(s->r->ctx, size, bold, utf8);
}

static void s_group(void *ctx, const char *name)
{
	const struct shifted *s = ctx;
	if (s->r->group)
		s->r->group(s->r->ctx, name);
}

/* The label the dyad's comment starts with, in bold. */
#define LABEL "Dyad comment:"

/* The dyad's comment from top down, set apart from the headline: a
 * tinted band with a blue rule on its left, "Dyad comment:" in bold and
 * the text in the subtitle's type, at most three lines (the rest cut with
 * an ellipsis). Returns the band's bottom. */
static double comment(const struct dr_kit *k, const char *text, double top, double inner)
{
	double size = k->fs_sub, inset = size * 0.8, pad = size * 0.35;
	/* Lines are measured in regular type: leave room for the bold label. */
	double wider = dr_kit_tw(k, size, true, LABEL " ") - dr_kit_tw(k, size, false, LABEL " ");
	char all[TEXTMAX * 5], lines[3][TEXTMAX];
	snprintf(all, sizeof all, "%s %s", LABEL, text);
	int n = dr_kit_wrap_style(k, all, size, false, fmax(inner - inset - wider, 10), 3, lines);
	double band = top + size * 0.4, y = band + pad;
	for (int i = 0; i < n; i++)
		y += size * (i == 0 ? 0.95 : 1.25);
	double bottom = y + size * 0.3 + pad;
	dr_kit_group(k, "stamp comment");
	k->r->colour(k->r->ctx, 0xeef3f8u);
	k->r->rect(k->r->ctx, k->pad, band, inner, bottom - band);
	k->r->fill(k->r->ctx);
	k->r->colour(k->r->ctx, C_BAR);
	k->r->rect(k->r->ctx, k->pad, band, fmax(size * 0.18, 1.5), bottom - band);
	k->r->fill(k->r->ctx);
	y = band + pad;
	for (int i = 0; i < n; i++) {
		y += size * (i == 0 ? 0.95 : 1.25);
		const char *rest = lines[i];
		double x = k->pad + inset;
		if (i == 0 && strncmp(rest, LABEL, strlen(LABEL)) == 0) {
			dr_kit_text(k, C_INK, x, y, size, true, DR_ALIGN_LEFT, LABEL);
			x += dr_kit_tw(k, size, true, LABEL " ");
			rest += strlen(LABEL);
			while (*rest == ' ')
				rest++;
		}
		if (*rest)
			dr_kit_text(k, C_INK, x, y, size, false, DR_ALIGN_LEFT, rest);
	}
	return bottom + size * 0.35;
}

void dr_chart_draw_stamped(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	const struct dr_chart_stamp *st = c->stamp;
	struct dr_kit k;
	dr_kit_init(&k, r, w, h, c->min_text);
	double inner = fmax(w - 2 * k.pad, 10), fs_head = k.fs_sub * 1.15, fs_line = k.fs_small;
	char lines[3][TEXTMAX], buf[TEXTMAX];
	int n = 0;
	if (c->kind == DR_CHART_SPARKLINE && c->title && *c->title)
		snprintf(lines[n++], TEXTMAX, "%s", dr_kit_fit(&k, c->title, fs_head, true, inner, buf,
		                                              sizeof buf));
	/* Smaller type, down to the chart's smallest, before a cut headline. */
	char probe[3][TEXTMAX];
	while (fs_head - 0.5 >= k.fs_small &&
	       dr_kit_wrap_style(&k, c->headline, fs_head, true, inner, 3, probe) > 2)
		fs_head -= 0.5;
	n += dr_kit_wrap_style(&k, c->headline, fs_head, true, inner, 2, lines + n);
	double y = k.pad;
	if (n)
		dr_kit_group(&k, "stamp headline");
	for (int i = 0; i < n; i++) {
		y += fs_head * (i == 0 ? 0.95 : 1.25);
		dr_kit_text(&k, C_INK, k.pad, y, fs_head, true, DR_ALIGN_LEFT, lines[i]);
	}
	double top = n ? y + fs_head * 0.45 : 0;
	if (st->comment && *st->comment)
		top = comment(&k, st->comment, top, inner);

	char words[TEXTMAX];
	const char *dot = " \xC2\xB7 ";
	snprintf(words, sizeof words, "%s%sReport month %s%s%s%s%s%s",
	         st->dyad ? st->dyad : "", st->dyad && *st->dyad ? dot : "",
	         st->month ? st->month : "",
	         st->through && *st->through ? dot : "", st->through && *st->through ? "Data through " : "",
	         st->through && *st->through ? st->through : "", dot,
	         st->public_audience ? "Public" : "Internal");
	double line_base = h - k.pad * 0.6 - fs_line * 0.25;
	dr_kit_group(&k, "stamp line");
	dr_kit_text(&k, C_MUTED, k.pad, line_base, fs_line, false, DR_ALIGN_LEFT,
	            dr_kit_fit(&k, words, fs_line, false, inner, buf, sizeof buf));
	double bottom = line_base - fs_line * 1.2;

	struct dr_chart rest = *c;
	rest.stamp = NULL;
	struct shifted sh = { r, top };
	struct dr_render moved = {
		.ctx = &sh, .colour = s_colour, .line_width = s_line_width, .dash = s_dash,
		.move_to = s_move_to, .line_to = s_line_to, .close = s_close, .rect = s_rect,
		.circle = s_circle, .stroke = s_stroke, .fill = s_fill, .text = s_text,
		.text_width = s_text_width, .group = s_group,
	};
	dr_chart_draw(&rest, &moved, w, bottom - top);
}
