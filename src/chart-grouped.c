/*
 * chart-grouped.c -- grouped vertical bars: one group per survey wave, one
 * bar per role within it, drawn on any backend.
 *
 * Input:  a struct dr_chart of kind DR_CHART_GROUPED (chart.h): grid.ncol
 *         groups along the x axis (grid.col: "Q1 26"), grid.nrow series
 *         (grid.row: "Physician", "Nurse", ...), grid.cell row-major
 *         (cell[row * ncol + col]): a value, NAN (no bar) or hidden
 *         (suppressed for privacy), small_n with its n (a rate on fewer
 *         respondents than min_denominator); the unit, an optional target, title,
 *         subtitle and footnote; a struct dr_render and a w x h point box.
 * Output: drawing calls only, in this order: title block, footnote, legend,
 *         grid and y labels, group labels, bars with their hatching, hidden
 *         marks, zero baseline, target line and label, value labels, notes.
 *         Groups are named ("bar Nurse", "legend", "hidden", ...) for the
 *         trace.
 * Look:   the SPC chart's sizes, grid, axis and text colours (chart-kit.c).
 *         Series colour from dr_chart_palette(row) and white hatching
 *         (dr_kit_hatch: none, diagonal, horizontal, crossed; from the ninth
 *         series on the hatching shifts by one, so no two of 32 series look
 *         alike), in the bars and in the legend's swatches. A small_n
 *         bar is light grey (C_AXIS, group "bar small-n NAME"), hatched as
 *         its series, its value label muted with "n = 5" over it where
 *         that fits its bar; the legend then ends with a grey swatch "Too
 *         few respondents (n)". The legend lists only the series with a
 *         value in some wave drawn (hidden in every wave: no bar, no
 *         entry). Zero baseline;
 *         a percent axis runs 0..100% (further only if the data do), other
 *         units from 0 to the data. Value labels above the bars (below a
 *         negative bar) when every label fits its bar (its width, or its
 *         pitch less a small gap, so labels never meet), else none.
 *         A hidden cell has no bar but a small muted dot at the baseline,
 *         explained by a muted note ("hidden: fewer respondents than the
 *         threshold (1 cell)"). The target is a dotted red line labelled
 *         at the right edge like the SPC chart's.
 * Layout: margins from measured label widths. Within a group the bars sit
 *         side by side with a small gap (capped at 6 em wide, centred);
 *         groups are separated by a larger gap. When the groups do not fit
 *         with bars of at least 3 pt, only the latest that fit are drawn,
 *         with a muted note saying so (the y axis still spans every wave,
 *         so it does not change with the box). Group labels are wrapped on
 *         up to two lines within their group, or thinned (every k-th group,
 *         counted back from the latest) when groups are too narrow. The
 *         legend wraps onto a second row, then ends with "+N more". When
 *         the box is short, the legend's second row, the second label line,
 *         the notes and then the legend are dropped, then the subtitle and
 *         the footnote; below that only the title is drawn.
 * Never:  allocates, prints, emits a NAN/infinite coordinate, draws outside
 *         the box or text over text (0 x 0 grids, all NAN, 1e9 values,
 *         40-character UTF-8 names, NULL labels or cells). Tests:
 *         test-gallery.c (gallery items in tests/gallery/g-grouped.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/render.h"
#include "chart-int.h"

#define MAXLEG 64               /* legend items considered; the rest count in "+N more" */
#define MINBAR 3.0              /* narrowest bar, in points */
#define INNER 0.78              /* share of a group's width its bars take */
#define INNER_WIDE 0.95         /* ... when value labels need the room */

/* Everything the layout decides, in points, y-down. */
struct layout {
	struct dr_kit k;
	const struct dr_chart *c;
	size_t nser, ngrp;          /* series (rows) and groups (columns) in the data */
	size_t g0, nshow;           /* first group drawn and how many */
	double x0, x1, y0, y1;      /* plot area */
	double gw, slot, bw;        /* group width, bar pitch, bar width */
	struct dr_chart_ticks yt;
	int dec;                    /* decimals of the value labels */
	bool anyval, anyneg;        /* some finite, shown value; some below 0 */
	bool anysmall;              /* some shown bar is a rate on too few respondents */
	double vmin, vmax;          /* the data's finite values (all groups) */
	double edge_w;              /* right margin for the target label */
	char target[64];            /* "Target 30%" or "" */
};

/* The cell of series row in group col. */
static const struct dr_chart_cell *cell_at(const struct layout *L, size_t row, size_t col)
{
	return &L->c->grid.cell[row * L->ngrp + col];
}

/* True when the cell draws a bar. */
static bool has_value(const struct dr_chart_cell *e)
{
	return !e->hidden && dr_kit_ok(e->value);
}

static const char *row_label(const struct layout *L, size_t i)
{
	return L->c->grid.row && L->c->grid.row[i] ? L->c->grid.row[i] : "";
}

static const char *col_label(const struct layout *L, size_t i)
{
	return L->c->grid.col && L->c->grid.col[i] ? L->c->grid.col[i] : "";
}

/* The hatching style of series i: 0..3, shifted by one every 8 series
 * (the palette's length), so colour and hatching together repeat only
 * after 32 series. */
static size_t hatch_style(size_t i)
{
	return (i + i / 8) % 4;
}

/* The y of value v. */
static double yval(const struct layout *L, double v)
{
	double span = L->yt.hi - L->yt.lo;
	double y = L->y1 - (v - L->yt.lo) / span * (L->y1 - L->y0);
	return dr_kit_clamp(y, L->y0, L->y1);
}

/* Formats v as a value label (or the target's number). */
static void format_label(const struct layout *L, double v, int dec, char *out, size_t size)
{
	dr_kit_format_label(L->c->unit, v, dec, &L->yt, out, size);
}

/* Scans every cell: the range of the finite, unhidden values. */
static void scan(struct layout *L)
{
	L->vmin = INFINITY;
	L->vmax = -INFINITY;
	for (size_t r = 0; r < L->nser; r++)
		for (size_t g = 0; g < L->ngrp; g++) {
			const struct dr_chart_cell *e = cell_at(L, r, g);
			if (!has_value(e))
				continue;
			L->vmin = fmin(L->vmin, e->value);
			L->vmax = fmax(L->vmax, e->value);
		}
}

/* Ticks for about approx intervals: zero baseline, a percent axis 0..100%
 * unless the data leave it, the target on the axis; value decimals. */
static void y_domain(struct layout *L, int approx)
{
	const struct dr_chart *c = L->c;
	bool data = isfinite(L->vmin);
	double lo = data ? fmin(0, L->vmin) : 0, hi = data ? fmax(0, L->vmax) : 1;
	if (c->has_target && dr_kit_ok(c->target)) {
		lo = fmin(lo, c->target);
		hi = fmax(hi, c->target);
	}
	if (c->unit == DR_UNIT_PERCENT)
		hi = fmax(hi, 1);
	dr_chart_ticks(lo, hi, approx, &L->yt);
	dr_kit_whole_ticks(c->unit, &L->yt);
	int dec = dr_chart_decimals(c->unit, L->yt.step / 10);
	if (c->unit == DR_UNIT_COUNT || c->unit == DR_UNIT_CURRENCY)
		dec = 0;
	L->dec = dec > 3 ? 3 : dec;
}

/* The left margin from the widest y label, and the right one from the
 * target label. */
static void x_margins(struct layout *L)
{
	char buf[48];
	double lab_w = 0, fs = L->k.fs_axis;
	for (int i = 0; i < L->yt.n; i++) {
		dr_chart_format_tick(L->c->unit, dr_chart_tick(&L->yt, i), &L->yt, buf, sizeof buf);
		lab_w = fmax(lab_w, dr_kit_tw(&L->k, fs, false, buf));
	}
	L->x0 = L->k.pad + fmin(lab_w, L->k.w * 0.3) + fs * 0.6;
	L->target[0] = '\0';
	L->edge_w = 0;
	if (L->c->has_target && dr_kit_ok(L->c->target)) {
		format_label(L, L->c->target, dr_kit_short_decimals(L->c->unit, L->c->target), buf,
		             sizeof buf);
		snprintf(L->target, sizeof L->target, "Target %s", buf);
		L->edge_w = fmin(dr_kit_tw(&L->k, L->k.fs_small * 1.05, false, L->target),
		                 L->k.w * 0.25);
	}
	double right = L->edge_w > 0 ? L->edge_w + L->k.fs_small * 0.55 : fs * 0.5;
	L->x1 = fmax(L->k.w - L->k.pad - right, L->x0 + 10);
}

/* The bars' pitch and width when they take share inner of a group's
 * width (L->gw), capped for a few wide bars. */
static void pitch_bars(struct layout *L, double inner)
{
	double f = L->nser > 1 ? 0.84 : 1;          /* bar width / pitch */
	L->slot = L->gw * inner / (double)L->nser;
	L->bw = L->slot * f;
	double cap = L->k.fs_axis * 6;
	if (L->bw > cap) {
		L->bw = cap;
		L->slot = cap / f;
	}
}

/* The groups that fit with bars of at least MINBAR (the latest ones),
 * their width, and the bars' pitch and width. */
static void fit_groups(struct layout *L)
{
	double pw = L->x1 - L->x0, s = (double)L->nser;
	double f = L->nser > 1 ? 0.84 : 1;          /* bar width / pitch */
	double fit = floor(pw * INNER * f / (s * MINBAR));
	L->nshow = fit >= (double)L->ngrp ? L->ngrp : fit < 1 ? 1 : (size_t)fit;
	L->g0 = L->ngrp - L->nshow;
	L->gw = pw / (double)L->nshow;
	pitch_bars(L, INNER);
}

/* The left x of the bar of series row in shown group gi. */
static double bar_x(const struct layout *L, size_t gi, size_t row)
{
	double content = (double)(L->nser - 1) * L->slot + L->bw;
	return L->x0 + (double)gi * L->gw + (L->gw - content) / 2 + (double)row * L->slot;
}

/* The centre x of shown group gi. */
static double group_cx(const struct layout *L, size_t gi)
{
	return L->x0 + ((double)gi + 0.5) * L->gw;
}

/* Hidden cells among the groups drawn. */
static size_t count_hidden(const struct layout *L)
{
	size_t n = 0;
	for (size_t r = 0; r < L->nser; r++)
		for (size_t g = L->g0; g < L->ngrp; g++)
			n += cell_at(L, r, g)->hidden;
	return n;
}

/* True when series row has a value (a bar or a value label) among the
 * groups drawn: only such series are in the legend. */
static bool series_shown(const struct layout *L, size_t row)
{
	for (size_t g = L->g0; g < L->ngrp; g++)
		if (has_value(cell_at(L, row, g)))
			return true;
	return false;
}

/* True when some value among the groups drawn makes a bar. */
static bool any_value_shown(const struct layout *L)
{
	for (size_t r = 0; r < L->nser; r++)
		if (series_shown(L, r))
			return true;
	return false;
}

/* True when some bar drawn is a rate on too few respondents. */
static bool any_small_shown(const struct layout *L)
{
	for (size_t r = 0; r < L->nser; r++)
		for (size_t g = L->g0; g < L->ngrp; g++) {
			const struct dr_chart_cell *e = cell_at(L, r, g);
			if (has_value(e) && e->small_n)
				return true;
		}
	return false;
}

/* True when s wraps into at most maxlines lines of maxw without an
 * ellipsis; the lines are left in lines. */
static int wrap_whole(const struct dr_kit *k, const char *s, double fs, double maxw,
                      int maxlines, char lines[][TEXTMAX], bool *whole)
{
	int n = dr_kit_wrap(k, s, fs, maxw, maxlines, lines);
	size_t ls = strlen(s);
	while (ls > 0 && s[ls - 1] == ' ')
		ls--;
	size_t ll = n ? strlen(lines[n - 1]) : 0;
	*whole = n == 0 || (ll <= ls && memcmp(s + ls - ll, lines[n - 1], ll) == 0);
	return n;
}

/* The width a label of shown group gi may take when every step-th group
 * is labelled: its share of the axis, and never past the box's margins. */
static double label_room(const struct layout *L, size_t gi, size_t step)
{
	double cx = group_cx(L, gi), fs = L->k.fs_axis;
	double room = (double)step * L->gw - fs * 0.7;
	room = fmin(room, 2 * (cx - L->k.pad * 0.5));
	room = fmin(room, 2 * (L->k.w - L->k.pad * 0.5 - cx));
	return fmax(room, 1);
}

/*
 * How group labels are shown: every step-th group from the latest, on
 * *lines lines (1 or 2, at most maxlines). Labels are thinned while some
 * would be cut in a room narrower than 6 em.
 */
static size_t label_step(const struct layout *L, int maxlines, int *lines)
{
	char buf[2][TEXTMAX];
	double fs = L->k.fs_axis;
	size_t step = 1;
	for (; step < L->nshow; step++) {
		bool ok = true;
		for (size_t gi = L->nshow; gi-- > 0 && ok;) {
			if ((L->nshow - 1 - gi) % step)
				continue;
			double room = label_room(L, gi, step);
			bool whole;
			wrap_whole(&L->k, col_label(L, L->g0 + gi), fs, room, maxlines, buf,
			           &whole);
			ok = whole || room >= fs * 6;
		}
		if (ok)
			break;
	}
	*lines = 1;
	for (size_t gi = L->nshow; gi-- > 0 && *lines < maxlines;) {
		if ((L->nshow - 1 - gi) % step)
			continue;
		int n = dr_kit_wrap(&L->k, col_label(L, L->g0 + gi), fs, label_room(L, gi, step),
		                    maxlines, buf);
		if (n > *lines)
			*lines = n;
	}
	return step;
}

#define SMALL_ITEM SIZE_MAX     /* the legend item of the grey bars */
#define SMALL_LABEL "Too few respondents (n)"

/* The legend's items: the series with a value among the groups drawn, in
 * order, then SMALL_ITEM when a grey bar is drawn; returns how many in
 * all (those past MAXLEG are counted, not stored). */
static size_t legend_items(const struct layout *L, size_t *item)
{
	size_t n = 0;
	for (size_t r = 0; r < L->nser; r++)
		if (series_shown(L, r) && n++ < MAXLEG)
			item[n - 1] = r;
	if (L->anysmall && n++ < MAXLEG)
		item[n - 1] = SMALL_ITEM;
	return n;
}

static const char *item_label(const struct layout *L, size_t it)
{
	return it == SMALL_ITEM ? SMALL_LABEL : row_label(L, it);
}

/*
 * The legend: a swatch (colour + hatching) and the label of each series
 * that has a value among the groups drawn (a series hidden or empty in
 * every wave drawn has no bar, so no entry), then a light grey swatch
 * "Too few respondents (n)" when a rate on too few respondents is drawn;
 * from baseline y on up to maxrows rows of maxw from x; the items that do
 * not fit are counted in a muted "+N more" at the end. Draws only when
 * draw; returns the rows used (0: no legend).
 */
static int legend(const struct layout *L, double x, double y, double maxw, int maxrows,
                  bool draw)
{
	const struct dr_kit *k = &L->k;
	double fs = k->fs_small, sw = fs * 1.8, sh = fs * 1.05, gap = fs * 0.45, sep = fs * 1.6;
	double rowh = fs * 1.65;
	size_t item[MAXLEG];
	size_t nitem = legend_items(L, item);
	size_t n = nitem < MAXLEG ? nitem : MAXLEG;
	if (n == 0 || maxrows < 1)
		return 0;
	double cap = fmax(fmin(maxw * 0.5, maxw - sw - gap), fs);
	double px[MAXLEG], pend[MAXLEG];
	int prow[MAXLEG];
	char buf[TEXTMAX], more[40];
	size_t placed = 0;
	int row = 0;
	double end = 0;
	for (size_t i = 0; i < n; i++) {
		dr_kit_fit(k, item_label(L, item[i]), fs, false, cap, buf, sizeof buf);
		double wi = sw + gap + dr_kit_tw(k, fs, false, buf);
		if (i > 0 && end + sep + wi > maxw) {
			if (row + 1 >= maxrows)
				break;
			row++;
			end = 0;
		}
		px[i] = i > 0 && end > 0 ? end + sep : 0;
		prow[i] = row;
		pend[i] = end = px[i] + wi;
		placed++;
	}
	/* "+N more" after the last item that leaves room for it. */
	size_t rest = nitem - placed;
	double mx = 0;
	int mrow = 0;
	while (rest > 0) {
		snprintf(more, sizeof more, "+%zu more", rest);
		double mw = dr_kit_tw(k, fs, false, more);
		if (placed == 0) {
			mx = 0;
			mrow = 0;
			break;
		}
		int r = prow[placed - 1];
		if (pend[placed - 1] + sep + mw <= maxw) {
			mx = pend[placed - 1] + sep;
			mrow = r;
			break;
		}
		if (r + 1 < maxrows) {
			mx = 0;
			mrow = r + 1;
			break;
		}
		placed--;
		rest++;
	}
	int rows = placed ? prow[placed - 1] + 1 : 1;
	if (rest > 0 && mrow + 1 > rows)
		rows = mrow + 1;
	if (!draw)
		return rows;
	dr_kit_group(k, "legend");
	for (size_t i = 0; i < placed; i++) {
		double bx = x + px[i], base = y + prow[i] * rowh, top = base - fs * 0.33 - sh / 2;
		bool grey = item[i] == SMALL_ITEM;
		k->r->colour(k->r->ctx, grey ? C_AXIS : dr_chart_palette(item[i]));
		k->r->rect(k->r->ctx, bx, top, sw, sh);
		k->r->fill(k->r->ctx);
		if (!grey)
			dr_kit_hatch(k, bx, top, sw, sh, hatch_style(item[i]), C_WHITE,
			             fmax(k->lw * 0.8, 0.5));
		dr_kit_fit(k, item_label(L, item[i]), fs, false, cap, buf, sizeof buf);
		dr_kit_text(k, C_TEXT, bx + sw + gap, base, fs, false, DR_ALIGN_LEFT, buf);
	}
	if (rest > 0)
		dr_kit_text(k, C_MUTED, x + mx, y + mrow * rowh, fs, false, DR_ALIGN_LEFT,
		            dr_kit_fit(k, more, fs, false, maxw - mx, buf, sizeof buf));
	return rows;
}

/* The muted notes under the plot: the hidden cells and the groups left
 * out. Returns how many (0..2); note[0] is the hidden one when hidden. */
static int make_notes(const struct layout *L, size_t hidden, char note[2][TEXTMAX])
{
	int n = 0;
	if (hidden)
		snprintf(note[n++], TEXTMAX,
		         "hidden: fewer respondents than the threshold (%zu %s)", hidden,
		         hidden == 1 ? "cell" : "cells");
	if (L->nshow < L->ngrp)
		snprintf(note[n++], TEXTMAX, "Latest %zu of %zu waves shown: too many to fit",
		         L->nshow, L->ngrp);
	return n;
}

/* Radius of the hidden mark. */
static double hidden_rad(const struct layout *L)
{
	return fmax(fmin(L->k.fs_small * 0.24, L->slot * 0.4), 0.8);
}

/* Draws the notes at baselines base, base + step; a hidden note starts
 * with the hidden mark. */
static void draw_notes(const struct layout *L, char note[2][TEXTMAX], int n, bool hidden,
                       double base, double step)
{
	const struct dr_kit *k = &L->k;
	double fs = k->fs_small, rad = fmax(fs * 0.24, 0.8);
	char buf[TEXTMAX];
	dr_kit_group(k, "notes");
	for (int i = 0; i < n; i++) {
		double x = k->pad, y = base + i * step;
		if (i == 0 && hidden) {
			k->r->colour(k->r->ctx, C_MUTED);
			k->r->circle(k->r->ctx, x + rad, y - fs * 0.33, rad);
			k->r->fill(k->r->ctx);
			x += rad * 2 + fs * 0.4;
		}
		dr_kit_text(k, C_MUTED, x, y, fs, false, DR_ALIGN_LEFT,
		            dr_kit_fit(k, note[i], fs, false, fmax(k->w - k->pad - x, 1), buf,
		                       sizeof buf));
	}
}

/* Grid lines at the ticks, and the y labels (thinned when crowded). */
static void draw_grid(const struct layout *L)
{
	const struct dr_kit *k = &L->k;
	dr_kit_group(k, "grid");
	dr_kit_pen(k, C_GRID, k->lw * 0.6, DR_DASH_SOLID);
	for (int i = 0; i < L->yt.n; i++) {
		double y = yval(L, dr_chart_tick(&L->yt, i));
		k->r->move_to(k->r->ctx, L->x0, y);
		k->r->line_to(k->r->ctx, L->x1, y);
	}
	k->r->stroke(k->r->ctx);
	dr_kit_ylabels(k, L->c->unit, &L->yt, L->x0 - k->fs_axis * 0.6, L->y1, L->y0);
}

/* The group labels under the plot, every step-th from the latest. */
static void draw_group_labels(const struct layout *L, size_t step, int maxlines, double base)
{
	const struct dr_kit *k = &L->k;
	char lines[2][TEXTMAX];
	double fs = k->fs_axis;
	dr_kit_group(k, "xlabels");
	k->r->colour(k->r->ctx, C_TEXT);
	for (size_t gi = (L->nshow - 1) % step; gi < L->nshow; gi += step) {
		int n = dr_kit_wrap(k, col_label(L, L->g0 + gi), fs, label_room(L, gi, step),
		                    maxlines, lines);
		for (int i = 0; i < n; i++)
			k->r->text(k->r->ctx, group_cx(L, gi), base + i * fs * 1.2, fs, false,
			           DR_ALIGN_CENTER, lines[i]);
	}
}

/* The bars of series r in its colour, or (small) its rates on too few
 * respondents in light grey (group "bar small-n NAME"); both hatched. */
static void draw_series_bars(const struct layout *L, size_t r, bool small)
{
	const struct dr_kit *k = &L->k;
	char name[TEXTMAX + 16];
	double y0 = yval(L, 0);
	bool named = false;
	for (size_t gi = 0; gi < L->nshow; gi++) {
		const struct dr_chart_cell *e = cell_at(L, r, L->g0 + gi);
		if (!has_value(e) || e->small_n != small)
			continue;
		double yv = yval(L, e->value), top = fmin(y0, yv), ht = fabs(y0 - yv);
		if (!(ht > 0))
			continue;
		if (!named) {
			snprintf(name, sizeof name, "bar %s%s", small ? "small-n " : "", row_label(L, r));
			dr_kit_group(k, name);
			named = true;
		}
		double x = bar_x(L, gi, r);
		k->r->colour(k->r->ctx, small ? C_AXIS : dr_chart_palette(r));
		k->r->rect(k->r->ctx, x, top, L->bw, ht);
		k->r->fill(k->r->ctx);
		dr_kit_hatch(k, x, top, L->bw, ht, hatch_style(r), C_WHITE, fmax(k->lw * 0.8, 0.5));
	}
}

/* The bars, series by series, each filled in its colour and hatched. */
static void draw_bars(const struct layout *L)
{
	for (size_t r = 0; r < L->nser; r++) {
		draw_series_bars(L, r, false);
		draw_series_bars(L, r, true);
	}
}

/* A small muted dot at the baseline of each hidden cell. */
static void draw_hidden(const struct layout *L)
{
	const struct dr_kit *k = &L->k;
	double rad = hidden_rad(L), y = yval(L, 0) - rad - k->lw * 0.6;
	bool any = false;
	for (size_t r = 0; r < L->nser; r++)
		for (size_t gi = 0; gi < L->nshow; gi++) {
			if (!cell_at(L, r, L->g0 + gi)->hidden)
				continue;
			if (!any) {
				dr_kit_group(k, "hidden");
				k->r->colour(k->r->ctx, C_MUTED);
			}
			any = true;
			double x = bar_x(L, gi, r) + L->bw / 2;
			k->r->circle(k->r->ctx, x, fmax(y, L->y0 + rad), rad);
		}
	if (any)
		k->r->fill(k->r->ctx);
}

/* The baseline of the value label of value v (above the bar, below a
 * negative one). */
static double label_base(const struct layout *L, double v)
{
	double fs = L->k.fs_small, yv = yval(L, v);
	return v < 0 ? yv + fs * 1.05 : yv - fs * 0.4;
}

/* "n = 5" (or "n=15", then "n=15" in smaller type, whichever fits first)
 * for a rate on too few respondents, drawn over (under a negative bar) its
 * value label, with *fs its type size; "" when none fits its bar. The
 * smaller type keeps every small-n bar labelled where its value is: a
 * two-digit n is as wide as "40%" at 0.8 of the size. */
static const char *n_label(const struct layout *L, const struct dr_chart_cell *e, char *buf,
                           size_t size, double *fs)
{
	char num[40];
	buf[0] = '\0';
	if (!e->small_n || !dr_kit_ok(e->n))
		return buf;
	dr_chart_format_value(DR_UNIT_COUNT, e->n, 0, num, sizeof num);
	double room = fmax(L->bw, L->slot - L->k.fs_small * 0.3);
	for (int t = 0; t < 3; t++) {     /* "n = 15", "n=15", "n=15" smaller */
		snprintf(buf, size, t == 0 ? "n = %s" : "n=%s", num);
		*fs = L->k.fs_small * (t == 2 ? 0.8 : 1);
		if (dr_kit_tw(&L->k, *fs, false, buf) <= room + 0.01)
			return buf;
	}
	buf[0] = '\0';
	return buf;
}

/* The baseline of the n label over (under) the value label at base. */
static double n_base(const struct layout *L, double v, double base)
{
	return v < 0 ? base + L->k.fs_small * 1.2 : base - L->k.fs_small * 1.2;
}

/*
 * The value labels: with draw false, only whether every one fits its bar
 * (its width, or its pitch less a small gap, so no label reaches its
 * neighbour's); with draw true, draws them all. A rate on too few
 * respondents has its value muted and, where it fits, "n = 5" over it.
 */
static bool value_labels(const struct layout *L, bool draw)
{
	const struct dr_kit *k = &L->k;
	char buf[64], nb[64];
	double room = fmax(L->bw, L->slot - k->fs_small * 0.3);
	uint32_t ink = C_TEXT;
	if (draw) {
		dr_kit_group(k, "value labels");
		k->r->colour(k->r->ctx, ink);
	}
	for (size_t r = 0; r < L->nser; r++)
		for (size_t gi = 0; gi < L->nshow; gi++) {
			const struct dr_chart_cell *e = cell_at(L, r, L->g0 + gi);
			if (!has_value(e))
				continue;
			format_label(L, e->value, L->dec, buf, sizeof buf);
			if (!draw && dr_kit_tw(k, k->fs_small, false, buf) > room + 0.01)
				return false;
			if (!draw)
				continue;
			double cx = bar_x(L, gi, r) + L->bw / 2, base = label_base(L, e->value);
			if (ink != (e->small_n ? C_MUTED : C_TEXT)) {
				ink = e->small_n ? C_MUTED : C_TEXT;
				k->r->colour(k->r->ctx, ink);
			}
			k->r->text(k->r->ctx, cx, base, k->fs_small, false, DR_ALIGN_CENTER, buf);
			double nfs;
			if (n_label(L, e, nb, sizeof nb, &nfs)[0])
				k->r->text(k->r->ctx, cx, n_base(L, e->value, base), nfs, false,
				           DR_ALIGN_CENTER, nb);
		}
	return true;
}

/* The target: a dotted red line across the plot, broken where it would
 * cross a value label, and its label at the right edge. */
static void draw_target(const struct layout *L, bool labels)
{
	const struct dr_kit *k = &L->k;
	char buf[TEXTMAX];
	double yt = yval(L, L->c->target), fs = k->fs_small, fe = fs * 1.05, x = L->x0;
	bool any = false;
	dr_kit_group(k, "line target");
	dr_kit_pen(k, C_TARGET, k->lw * 1.4, DR_DASH_DOTTED);
	for (size_t gi = 0; gi < L->nshow && labels; gi++)
		for (size_t r = 0; r < L->nser; r++) {
			const struct dr_chart_cell *e = cell_at(L, r, L->g0 + gi);
			if (!has_value(e))
				continue;
			double base = label_base(L, e->value), lo = base, hi = base;
			char nb[64];
			double nfs;
			format_label(L, e->value, L->dec, buf, sizeof buf);
			double tw = dr_kit_tw(k, fs, false, buf);
			if (n_label(L, e, nb, sizeof nb, &nfs)[0]) {      /* the n label's line too */
				lo = fmin(lo, n_base(L, e->value, base));
				hi = fmax(hi, n_base(L, e->value, base));
				tw = fmax(tw, dr_kit_tw(k, nfs, false, nb));
			}
			if (yt < lo - fs * 0.8 - k->lw || yt > hi + fs * 0.25 + k->lw)
				continue;
			double half = tw / 2 + fs * 0.25;
			double cx = bar_x(L, gi, r) + L->bw / 2;
			if (cx - half > x) {
				k->r->move_to(k->r->ctx, x, yt);
				k->r->line_to(k->r->ctx, cx - half, yt);
				any = true;
			}
			x = fmax(x, cx + half);
		}
	if (L->x1 > x) {
		k->r->move_to(k->r->ctx, x, yt);
		k->r->line_to(k->r->ctx, L->x1, yt);
		any = true;
	}
	if (any)
		k->r->stroke(k->r->ctx);
	dr_kit_group(k, "target label");
	dr_kit_text(k, C_TARGET, L->x1 + fs * 0.5, yt + fe * 0.35, fe, false, DR_ALIGN_LEFT,
	            dr_kit_fit(k, L->target, fe, false, fmax(k->w - k->pad - L->x1 - fs * 0.5, 1),
	                       buf, sizeof buf));
}

/* The choices that shape the vertical layout, dropped in turn when the
 * box is short. */
struct vopt {
	int legrows;                /* legend rows (0: none) */
	int lines;                  /* group label lines (1 or 2) */
	int notes;                  /* note lines */
};

/* Vertical positions for one set of choices. */
struct vpos {
	double legend_base, y0, y1, xlab_base, note_base;
};

/* Places the legend, plot, group labels and notes between top and bottom;
 * returns the plot's height. */
static double vplace(const struct layout *L, const struct vopt *o, double top, double bottom,
                     struct vpos *p)
{
	double fs = L->k.fs_small, fa = L->k.fs_axis, step = fs * 1.45;
	p->note_base = bottom - fs * 0.25 - (o->notes > 1 ? step : 0);
	if (o->notes)
		bottom = p->note_base - fs * 1.3;
	double below = L->anyneg ? fs * (L->anysmall ? 2.55 : 1.35) : 0; /* labels under negative bars */
	p->y1 = bottom - fa * (0.35 + 1.2 * o->lines) - below;
	p->xlab_base = p->y1 + below + fa * 1.3;
	p->legend_base = top + fs * 0.2;
	if (o->legrows)
		top = p->legend_base + (o->legrows - 1) * fs * 1.65 + fs * 0.6;
	p->y0 = top + (L->anyval ? fs * (L->anysmall ? 2.7 : 1.5) : fa * 0.5);
	return p->y1 - p->y0;
}

void dr_chart_draw_grouped(const struct dr_chart *c, const struct dr_render *r, double w,
                           double h)
{
	struct layout L = { .c = c };
	struct dr_kit *k = &L.k;
	dr_kit_init(k, r, w, h, c->min_text);
	L.nser = c->grid.nrow;
	L.ngrp = c->grid.ncol;
	if (!c->grid.cell || !L.nser || !L.ngrp || L.nser > SIZE_MAX / 2 / L.ngrp)
		L.nser = L.ngrp = 0;

	/* Title block and footnote; a short box loses the subtitle, then the
	 * footnote. */
	struct dr_chart head = *c;
	double need = k->fs_axis * 4;
	double top = dr_kit_header(k, &head, 0, false);
	double bottom = dr_kit_footnote(k, c, false);
	if (bottom - top < need && head.subtitle) {
		head.subtitle = NULL;
		top = dr_kit_header(k, &head, 0, false);
	}
	bool foot = true;
	if (bottom - top < need && c->footnote) {
		foot = false;
		bottom = h - k->pad;
	}
	dr_kit_header(k, &head, 0, true);
	if (foot)
		dr_kit_footnote(k, c, true);
	if (bottom - top < need)
		return;
	if (L.ngrp == 0) {
		dr_kit_nodata(k, k->pad, top, w - k->pad, bottom, NULL);
		return;
	}

	/* A first horizontal pass (5 ticks) to find the groups shown, their
	 * notes and label lines; then the vertical layout, dropping what the
	 * height cannot hold; then the real ticks and margins. */
	scan(&L);
	L.anyneg = L.vmin < 0;
	char note[2][TEXTMAX];
	struct vopt o = { 0, 2, 0 };
	struct vpos p;
	double plot_h = 0;
	int legmax = 2;
	for (int pass = 0; pass < 2; pass++) {
		y_domain(&L, pass == 0 ? 5 : (int)dr_kit_clamp(plot_h / (k->fs_axis * 4.2), 2, 8));
		x_margins(&L);
		fit_groups(&L);
		L.anyval = any_value_shown(&L);
		L.anysmall = any_small_shown(&L);
		int lines;
		label_step(&L, 2, &lines);
		int nnotes = make_notes(&L, count_hidden(&L), note);
		/* Both notes on one line when they fit. */
		double nw = 0;
		for (int i = 0; i < nnotes; i++)
			nw += dr_kit_tw(k, k->fs_small, false, note[i]) + k->fs_small * 2;
		if (nnotes == 2 && nw <= w - 2 * k->pad)
			nnotes = 1;
		int legrows = L.anyval ? legend(&L, k->pad, 0, w - 2 * k->pad, legmax, false) : 0;
		static const struct { bool leg1, lines1, nonotes, noleg; } drop[] = {
			{ 0, 0, 0, 0 }, { 1, 0, 0, 0 }, { 1, 1, 0, 0 }, { 1, 1, 1, 0 },
			{ 1, 1, 1, 1 },
		};
		for (size_t d = 0; d < DR_NELEM(drop); d++) {
			o.legrows = drop[d].noleg ? 0 : drop[d].leg1 && legrows > 1 ? 1 : legrows;
			o.lines = drop[d].lines1 ? 1 : lines;
			o.notes = drop[d].nonotes ? 0 : nnotes;
			plot_h = vplace(&L, &o, top, bottom, &p);
			if (plot_h >= h * 0.35)
				break;
		}
		legmax = o.legrows;
	}
	if (plot_h < k->fs_axis * 1.5)
		return;
	L.y0 = p.y0;
	L.y1 = p.y1;

	/* The reserved lines now hold what the final layout needs. */
	int lines;
	size_t step = label_step(&L, o.lines, &lines);
	size_t hidden = count_hidden(&L);
	int nnotes = make_notes(&L, hidden, note);
	if (nnotes == 2 && o.notes == 1) {
		char joined[TEXTMAX];
		snprintf(joined, sizeof joined, "%.200s \u00b7 %.200s", note[0], note[1]);
		memcpy(note[0], joined, TEXTMAX);
		nnotes = 1;
	}
	if (nnotes > o.notes)
		nnotes = o.notes;
	if (o.legrows && L.anyval)
		legend(&L, k->pad, p.legend_base, w - 2 * k->pad, o.legrows, true);

	/* Value labels that do not fit (large type on a slide): the bars
	 * take more of their group's width, if that lets every label fit. */
	if (L.anyval && !value_labels(&L, false)) {
		pitch_bars(&L, INNER_WIDE);
		if (!value_labels(&L, false))
			pitch_bars(&L, INNER);
	}
	draw_grid(&L);
	draw_group_labels(&L, step, o.lines, p.xlab_base);
	draw_bars(&L);
	draw_hidden(&L);
	dr_kit_group(k, "baseline");
	dr_kit_pen(k, C_AXIS, k->lw * 0.7, DR_DASH_SOLID);
	r->move_to(r->ctx, L.x0, yval(&L, 0));
	r->line_to(r->ctx, L.x1, yval(&L, 0));
	r->stroke(r->ctx);

	bool labels = L.anyval && value_labels(&L, false);
	if (L.target[0])
		draw_target(&L, labels);
	if (labels)
		value_labels(&L, true);
	if (!L.anyval && !hidden)
		dr_kit_nodata(k, L.x0, L.y0, L.x1, L.y1, NULL);
	if (nnotes)
		draw_notes(&L, note, nnotes, hidden > 0, p.note_base, k->fs_small * 1.45);
}
