/*
 * chart-heatmap.c -- lays out one heatmap (a table of shaded cells) and
 *         draws it on any backend.
 *
 * Input:  a struct dr_chart of kind DR_CHART_HEATMAP (chart.h): c->grid with
 *         nrow row labels (payers), ncol column labels (reasons) and
 *         nrow * ncol cells, row-major, each a value in c->unit, NAN (no
 *         value) or hidden (suppressed for privacy); a struct dr_render
 *         (render.h) and a box of w x h points. Sizes follow the box
 *         through struct dr_kit (chart-int.h), as in the SPC chart.
 * Output: drawing calls only, in this order: title block, column labels,
 *         row labels, cell fills, outlines of white cells, hidden cells,
 *         cell values, legend, "not shown" note, footnote. Groups: "title",
 *         "subtitle", "column labels", "row labels", "cells", "cells white",
 *         "cells hidden", "values", "legend", "note", "footnote", "nodata".
 * Look:   a sequential single-hue ramp (ColorBrewer "Blues": #f0f6fb,
 *         #c6dbef, #6baed6, #2171b5, #08306b, linear in RGB between the
 *         stops) by value / max; 0 and below is white with a thin grid
 *         line (a sequential ramp has no colour for negatives: they are
 *         clamped to the zero end and their number, with its minus sign,
 *         says the rest). Each cell prints its value (dr_chart_format_value,
 *         thousands separators; plain numbers with one count of decimals for
 *         the whole table) in white or ink, whichever contrasts more
 *         with the fill. Hidden cells: light grey, hatched, a muted "•";
 *         no value: white with a muted "–". So nothing relies on colour
 *         alone. Legend below the grid: "0", five ramp swatches, the max;
 *         then "hidden" and "no value" when the table has them.
 * Layout: row labels at the left, right-aligned, measured, at most 30% of
 *         the width (cut with "…"); column labels above their columns,
 *         wrapped on up to three lines, bottom-aligned, cut with "…" (in
 *         small type when a word would not fit a narrow column). A cell
 *         is at least 1.4 axis fonts high and "0,000" wide (plus padding),
 *         and at most 14 x 3.2 axis fonts, so a small table stays compact at
 *         the left. Rows and columns that do not fit are left out and a
 *         muted "+ N rows, M columns not shown" says so. A value wider than
 *         its cell is left out (the colour stays). Legend items are dropped
 *         from the right when the row is too narrow.
 * Never:  allocates, prints, emits a NAN/infinite coordinate, draws outside
 *         its box or text over text, or lets a hidden cell's value show
 *         (it does not count toward the ramp's max either).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"

#define MAXLINES 3              /* lines of a column label */
#define NSTOPS 5                /* colour stops of the ramp = legend swatches */
#define C_HATCH 0xc9d1d6u       /* hatching of a hidden cell */

static const uint32_t stops[NSTOPS] = { 0xf0f6fbu, 0xc6dbefu, 0x6baed6u, 0x2171b5u, 0x08306bu };

/* Everything the layout decides, in points, y-down. */
struct layout {
	struct dr_kit k;
	const struct dr_chart *c;
	const struct dr_chart_grid *g;
	double fs;                  /* row labels and cell values */
	double fs_col;              /* column labels: fs, or small type in narrow columns */
	int dec;                    /* decimals of the cell values (-1: the unit's own) */
	double x0, y0, cw, ch;      /* grid's top-left corner, cell size */
	size_t nr, nc;              /* rows and columns shown */
	double gap;                 /* white gap between cells */
	double vmax;                /* largest visible finite value; NAN: none */
	bool any_hidden, any_nan, any_neg;
};

/* The cell of row i, column j. */
static const struct dr_chart_cell *cell(const struct layout *L, size_t i, size_t j)
{
	return &L->g->cell[i * L->g->ncol + j];
}

/* Row or column label i, "" for none. */
static const char *row_label(const struct layout *L, size_t i)
{
	return L->g->row && L->g->row[i] ? L->g->row[i] : "";
}

static const char *col_label(const struct layout *L, size_t j)
{
	return L->g->col && L->g->col[j] ? L->g->col[j] : "";
}

/* The ramp's colour at t in [0, 1]. */
static uint32_t ramp(double t)
{
	t = dr_kit_clamp(t, 0, 1) * (NSTOPS - 1);
	int i = (int)floor(t);
	if (i >= NSTOPS - 1)
		return stops[NSTOPS - 1];
	double f = t - i;
	uint32_t out = 0;
	for (int s = 16; s >= 0; s -= 8) {
		double a = (stops[i] >> s) & 0xff, b = (stops[i + 1] >> s) & 0xff;
		out |= (uint32_t)lround(a + (b - a) * f) << s;
	}
	return out;
}

/* The fill of a visible finite value: white at 0 and below. */
static uint32_t fill_of(const struct layout *L, double v)
{
	if (!(v > 0) || !(L->vmax > 0))
		return C_WHITE;
	return ramp(v / L->vmax);
}

/* Relative luminance (WCAG) of an 0xRRGGBB colour. */
static double luminance(uint32_t rgb)
{
	static const double wt[3] = { 0.2126, 0.7152, 0.0722 };
	double l = 0;
	for (int c = 0; c < 3; c++) {
		double v = ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
		v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
		l += wt[c] * v;
	}
	return l;
}

/* White or ink, whichever contrasts more with fill. */
static uint32_t ink_on(uint32_t fill)
{
	double l = luminance(fill), ink = luminance(C_INK);
	return 1.05 / (l + 0.05) > (l + 0.05) / (ink + 0.05) ? C_WHITE : C_INK;
}

/* Adds a rectangle inset by half the gap on every side. */
static void cell_rect(const struct layout *L, size_t i, size_t j, double inset)
{
	double x = L->x0 + j * L->cw + L->gap / 2 + inset, y = L->y0 + i * L->ch + L->gap / 2 + inset;
	L->k.r->rect(L->k.r->ctx, x, y, L->cw - L->gap - 2 * inset, L->ch - L->gap - 2 * inset);
}

/* Grey diagonal hatching over a hidden cell's rectangle. */
static void hatch(const struct layout *L, double x, double y, double w, double h)
{
	dr_kit_hatch(&L->k, x, y, w, h, 1, C_HATCH, fmax(L->k.lw * 0.6, 0.4));
}

/* Scans the visible cells: the ramp's max and which kinds occur. */
static void scan(struct layout *L)
{
	L->vmax = NAN;
	for (size_t i = 0; i < L->g->nrow; i++)
		for (size_t j = 0; j < L->g->ncol; j++) {
			const struct dr_chart_cell *p = cell(L, i, j);
			if (p->hidden) {
				L->any_hidden = true;
			} else if (!dr_kit_ok(p->value)) {
				L->any_nan = true;
			} else {
				L->any_neg |= p->value < 0;
				if (!(L->vmax >= p->value))
					L->vmax = p->value;
			}
		}
}

/* Sample swatch of the legend, centred vertically on mid. */
enum swatch { SW_HIDDEN, SW_NOVALUE };

/* One legend entry after the ramp. */
struct legend_item {
	enum swatch kind;
	const char *label;
};

/*
 * The legend: lo label, the ramp's swatches, hi label (when some value is
 * above 0), then the hidden and no-value samples; items are dropped from
 * the right while the row is wider than maxw. Returns the width drawn
 * (0: nothing); draws only when draw.
 */
static double legend(const struct layout *L, double x, double base, double maxw, bool draw)
{
	const struct dr_kit *k = &L->k;
	double fs = k->fs_small, sw = fs * 1.6, sh = fs * 1.15, gap = fs * 0.5, sep = fs * 1.6;
	double mid = base - fs * 0.33, top = mid - sh / 2;
	char lo[64], hi[64];
	bool ramp_on = L->vmax > 0;
	double ramp_w = 0;
	if (ramp_on) {
		if (L->any_neg)
			snprintf(lo, sizeof lo, "\u2264 0");
		else
			dr_chart_format_value(L->c->unit, 0, 0, lo, sizeof lo);
		dr_chart_format_value(L->c->unit, L->vmax, L->dec, hi, sizeof hi);
		ramp_w = dr_kit_tw(k, fs, false, lo) + gap + NSTOPS * sw + gap +
		         dr_kit_tw(k, fs, false, hi);
	}
	struct legend_item it[2];
	int n = 0;
	if (L->any_hidden)
		it[n++] = (struct legend_item){ SW_HIDDEN, "hidden" };
	if (L->any_nan)
		it[n++] = (struct legend_item){ SW_NOVALUE, "no value" };
	double wi[2], total = ramp_on ? ramp_w : 0;
	for (int i = 0; i < n; i++) {
		wi[i] = sw + gap + dr_kit_tw(k, fs, false, it[i].label);
		total += wi[i] + (ramp_on || i ? sep : 0);
	}
	while (n > 0 && total > maxw) {
		n--;
		total -= wi[n] + (ramp_on || n ? sep : 0);
	}
	if (ramp_on && total > maxw) {
		ramp_on = false;
		total = 0;
	}
	if (!ramp_on && n == 0)
		return 0;
	if (!draw)
		return total;

	dr_kit_group(k, "legend");
	if (ramp_on) {
		dr_kit_text(k, C_TEXT, x, base, fs, false, DR_ALIGN_LEFT, lo);
		x += dr_kit_tw(k, fs, false, lo) + gap;
		for (int s = 0; s < NSTOPS; s++) {
			k->r->colour(k->r->ctx, stops[s]);
			k->r->rect(k->r->ctx, x + s * sw, top, sw, sh);
			k->r->fill(k->r->ctx);
		}
		x += NSTOPS * sw + gap;
		dr_kit_text(k, C_TEXT, x, base, fs, false, DR_ALIGN_LEFT, hi);
		x += dr_kit_tw(k, fs, false, hi) + sep;
	}
	for (int i = 0; i < n; i++) {
		double lw = k->lw * 0.6;
		if (it[i].kind == SW_HIDDEN) {
			k->r->colour(k->r->ctx, C_HIDDEN);
			k->r->rect(k->r->ctx, x, top, sw, sh);
			k->r->fill(k->r->ctx);
			hatch(L, x, top, sw, sh);
		} else {
			dr_kit_pen(k, C_GRID, lw, DR_DASH_SOLID);
			k->r->rect(k->r->ctx, x + lw / 2, top + lw / 2, sw - lw, sh - lw);
			k->r->stroke(k->r->ctx);
		}
		dr_kit_text(k, C_MUTED, x + sw / 2, mid + fs * 0.35, fs, false, DR_ALIGN_CENTER,
		            it[i].kind == SW_HIDDEN ? "\u2022" : "\u2013");
		dr_kit_text(k, C_TEXT, x + sw + gap, base, fs, false, DR_ALIGN_LEFT, it[i].label);
		x += wi[i] + sep;
	}
	return total;
}

/* The width a column label may take. */
static double col_width(const struct layout *L)
{
	return fmax(L->cw - L->gap - L->fs * 0.3, 1);
}

/* True when every word of the shown column labels fits a column at size fs
 * (so wrapping cuts none of them mid-word). */
static bool words_fit(const struct layout *L, double fs)
{
	char word[TEXTMAX];
	for (size_t j = 0; j < L->nc; j++) {
		const char *s = col_label(L, j);
		while (*s) {
			size_t n = strcspn(s, " ");
			if (n > 0 && n < sizeof word) {
				memcpy(word, s, n);
				word[n] = '\0';
				if (dr_kit_tw(&L->k, fs, false, word) > col_width(L))
					return false;
			}
			s += n;
			s += strspn(s, " ");
		}
	}
	return true;
}

/* The decimals of every cell value: one count for the whole table, from
 * the largest magnitude, for the plain-number units ("3.2" beside "-12.5",
 * not "3.20"); -1 (the unit's own) for the others. */
static int table_decimals(const struct layout *L)
{
	if (L->c->unit != DR_UNIT_NUMBER)
		return -1;
	double big = 0;
	for (size_t i = 0; i < L->g->nrow; i++)
		for (size_t j = 0; j < L->g->ncol; j++) {
			const struct dr_chart_cell *p = cell(L, i, j);
			if (!p->hidden && dr_kit_ok(p->value))
				big = fmax(big, fabs(p->value));
		}
	return big >= 100 ? 0 : big >= 10 ? 1 : 2;
}

/* Draws the wrapped column labels, bottom-aligned above their columns. */
static void column_labels(const struct layout *L)
{
	char lines[MAXLINES][TEXTMAX];
	double fs = L->fs_col, lh = fs * 1.2;
	bool any = false;
	for (size_t j = 0; j < L->nc; j++) {
		int n = dr_kit_wrap(&L->k, col_label(L, j), fs, col_width(L), MAXLINES, lines);
		if (n && !any) {
			dr_kit_group(&L->k, "column labels");
			any = true;
		}
		double x = L->x0 + (j + 0.5) * L->cw;
		for (int i = 0; i < n; i++)
			dr_kit_text(&L->k, C_TEXT, x, L->y0 - fs * 0.5 - (n - 1 - i) * lh, fs, false,
			            DR_ALIGN_CENTER, lines[i]);
	}
}

/* Draws the row labels, right-aligned against the grid, cut to maxw. */
static void row_labels(const struct layout *L, double maxw)
{
	char buf[TEXTMAX];
	bool any = false;
	for (size_t i = 0; i < L->nr; i++) {
		const char *s = row_label(L, i);
		if (!*s)
			continue;
		if (!any)
			dr_kit_group(&L->k, "row labels");
		any = true;
		dr_kit_text(&L->k, C_TEXT, L->x0 - L->fs * 0.5, L->y0 + (i + 0.5) * L->ch + L->fs * 0.35,
		            L->fs, false, DR_ALIGN_RIGHT,
		            dr_kit_fit(&L->k, s, L->fs, false, maxw, buf, sizeof buf));
	}
}

/* Draws the cells: fills, outlines of white ones, hidden ones, values. */
static void cells(const struct layout *L)
{
	const struct dr_render *r = L->k.r;
	bool white = false, hidden = false;
	dr_kit_group(&L->k, "cells");
	for (size_t i = 0; i < L->nr; i++)
		for (size_t j = 0; j < L->nc; j++) {
			const struct dr_chart_cell *p = cell(L, i, j);
			if (p->hidden) {
				hidden = true;
				continue;
			}
			uint32_t fill = dr_kit_ok(p->value) ? fill_of(L, p->value) : C_WHITE;
			if (fill == C_WHITE) {
				white = true;
				continue;       /* the background is white already */
			}
			r->colour(r->ctx, fill);
			cell_rect(L, i, j, 0);
			r->fill(r->ctx);
		}
	if (white) {
		double lw = L->k.lw * 0.6;
		dr_kit_group(&L->k, "cells white");
		dr_kit_pen(&L->k, C_GRID, lw, DR_DASH_SOLID);
		for (size_t i = 0; i < L->nr; i++)
			for (size_t j = 0; j < L->nc; j++) {
				const struct dr_chart_cell *p = cell(L, i, j);
				if (!p->hidden && (!dr_kit_ok(p->value) || fill_of(L, p->value) == C_WHITE))
					cell_rect(L, i, j, lw / 2);
			}
		r->stroke(r->ctx);
	}
	if (hidden) {
		dr_kit_group(&L->k, "cells hidden");
		r->colour(r->ctx, C_HIDDEN);
		for (size_t i = 0; i < L->nr; i++)
			for (size_t j = 0; j < L->nc; j++)
				if (cell(L, i, j)->hidden)
					cell_rect(L, i, j, 0);
		r->fill(r->ctx);
		for (size_t i = 0; i < L->nr; i++)
			for (size_t j = 0; j < L->nc; j++)
				if (cell(L, i, j)->hidden)
					hatch(L, L->x0 + j * L->cw + L->gap / 2, L->y0 + i * L->ch + L->gap / 2,
					      L->cw - L->gap, L->ch - L->gap);
	}

	/* Values, or the muted marks of hidden and empty cells. */
	char buf[64];
	double room = L->cw - L->gap - L->fs * 0.4;
	dr_kit_group(&L->k, "values");
	for (size_t i = 0; i < L->nr; i++)
		for (size_t j = 0; j < L->nc; j++) {
			const struct dr_chart_cell *p = cell(L, i, j);
			uint32_t col = C_MUTED;
			if (p->hidden) {
				snprintf(buf, sizeof buf, "\u2022");
			} else if (!dr_kit_ok(p->value)) {
				snprintf(buf, sizeof buf, "\u2013");
			} else {
				dr_chart_format_value(L->c->unit, p->value, L->dec, buf, sizeof buf);
				col = ink_on(fill_of(L, p->value));
			}
			if (dr_kit_tw(&L->k, L->fs, false, buf) > room)
				continue;       /* the colour says it; never overflow the cell */
			dr_kit_text(&L->k, col, L->x0 + (j + 0.5) * L->cw,
			            L->y0 + (i + 0.5) * L->ch + L->fs * 0.35, L->fs, false,
			            DR_ALIGN_CENTER, buf);
		}
}

/* "+ 3 rows, 2 columns not shown" (or one of the two) into out. */
static void not_shown(size_t rows, size_t cols, char *out, size_t size)
{
	char a[48] = "", b[48] = "";
	if (rows)
		snprintf(a, sizeof a, "%zu row%s", rows, rows == 1 ? "" : "s");
	if (cols)
		snprintf(b, sizeof b, "%zu column%s", cols, cols == 1 ? "" : "s");
	snprintf(out, size, "+ %s%s%s not shown", a, rows && cols ? ", " : "", b);
}

void dr_chart_draw_heatmap(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	struct dr_chart_grid none = { 0 };
	const struct dr_chart_grid *g = &c->grid;
	if (!g->cell || !g->nrow || !g->ncol || g->nrow > SIZE_MAX / 2 / g->ncol)
		g = &none;              /* nothing, or more cells than memory holds */
	struct layout L = { .c = c, .g = g };
	struct dr_kit *k = &L.k;
	dr_kit_init(k, r, w, h, c->min_text);
	L.fs = k->fs_axis;
	L.gap = fmax(k->lw, 0.8);

	double top = dr_kit_header(k, c, 0, true);
	double foot = dr_kit_footnote(k, c, false);
	bool show_foot = foot > top;
	if (show_foot)
		dr_kit_footnote(k, c, true);
	else
		foot = h - k->pad;
	double inner = w - 2 * k->pad;

	if (g->nrow == 0 || g->ncol == 0 || !g->cell) {
		if (foot - top >= k->fs_sub)
			dr_kit_nodata(k, k->pad, top, w - k->pad, foot, "No data for this period");
		return;
	}
	scan(&L);
	L.dec = table_decimals(&L);

	/* Columns: the grid starts after the widest row label (at most 30%). */
	double min_cw = dr_kit_tw(k, L.fs, false, "0,000") + L.fs * 0.8 + L.gap;
	double min_ch = L.fs * 1.4 + L.gap, max_cw = L.fs * 14, max_ch = L.fs * 3.2;
	size_t rows_possible = (size_t)fmax(floor(h / min_ch), 0) + 1;
	double lab_w = 0;
	for (size_t i = 0; i < g->nrow && i < rows_possible; i++)
		lab_w = fmax(lab_w, dr_kit_tw(k, L.fs, false, row_label(&L, i)));
	lab_w = fmin(lab_w, w * 0.3);
	L.x0 = k->pad + (lab_w > 0 ? lab_w + L.fs * 0.5 : 0);
	double gw = w - k->pad - L.x0;
	L.nc = (size_t)fmax(floor(gw / min_cw), 0);
	if (L.nc > g->ncol)
		L.nc = g->ncol;
	L.cw = L.nc ? fmin(gw / L.nc, L.nc == g->ncol ? max_cw : INFINITY) : 0;

	/* Column label lines (up to three) at that width, in small type when
	 * a word would be cut at the axis size. */
	char lines[MAXLINES][TEXTMAX];
	int nl = 0;
	L.fs_col = words_fit(&L, L.fs) ? L.fs : k->fs_small;
	for (size_t j = 0; j < L.nc; j++) {
		int n = dr_kit_wrap(k, col_label(&L, j), L.fs_col, col_width(&L), MAXLINES, lines);
		nl = n > nl ? n : nl;
	}
	L.y0 = top + (nl > 0 ? (nl - 1) * L.fs_col * 1.2 + L.fs_col * 0.5 : -L.fs * 0.5);

	/* Rows: what fits above the legend row. */
	double fs = k->fs_small, legend_h = fs * 1.9;
	double legend_base = foot - fs * 0.25;
	size_t nr_with = (size_t)fmax(floor((foot - legend_h - L.y0) / min_ch), 0);
	size_t nr_without = (size_t)fmax(floor((foot - L.y0) / min_ch), 0);
	bool row_on = true;         /* the legend/note row is kept */
	L.nr = nr_with;
	if (L.nr < g->nrow && L.nr == 0 && nr_without > 0) {
		row_on = false;         /* a cramped box: rows before the legend */
		L.nr = nr_without;
	}
	if (L.nr > g->nrow)
		L.nr = g->nrow;
	double gh = (row_on ? foot - legend_h : foot) - L.y0;
	L.ch = L.nr ? fmin(gh / L.nr, L.nr == g->nrow ? max_ch : INFINITY) : 0;

	char buf[TEXTMAX], note[TEXTMAX];
	if (L.nr == 0 || L.nc == 0) {
		if (foot - top >= k->fs_sub) {
			snprintf(buf, sizeof buf, "Too small to show %zu \u00d7 %zu cells", g->nrow,
			         g->ncol);
			dr_kit_nodata(k, k->pad, top, w - k->pad, foot, buf);
		}
		return;
	}

	column_labels(&L);
	row_labels(&L, lab_w);
	cells(&L);

	/* Legend at the left of its row, the "not shown" note at the right. */
	if (!row_on)
		return;
	double note_w = 0;
	if (L.nr < g->nrow || L.nc < g->ncol) {
		not_shown(g->nrow - L.nr, g->ncol - L.nc, buf, sizeof buf);
		dr_kit_fit(k, buf, fs, false, inner, note, sizeof note);
		note_w = dr_kit_tw(k, fs, false, note);
	}
	/* Just below the grid when the grid leaves room (a small table). */
	legend_base = fmin(legend_base, L.y0 + L.nr * L.ch + legend_h - fs * 0.25);
	legend(&L, k->pad, legend_base, inner - (note_w > 0 ? note_w + fs * 2 : 0), true);
	if (note_w > 0) {
		dr_kit_group(k, "note");
		dr_kit_text(k, C_MUTED, w - k->pad, legend_base, fs, false, DR_ALIGN_RIGHT, note);
	}
}
