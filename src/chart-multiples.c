/*
 * chart-multiples.c -- small multiples: one small line chart per panel
 * ("No-show rate by department"), laid out in a grid on one shared y scale
 * and one shared month axis, drawn on any backend.
 *
 * Input:  a struct dr_chart of kind DR_CHART_MULTIPLES (chart.h): panel[0..
 *         npanel), each a label and a series pt[0..n) (value, centre,
 *         limits, point type, provisional, phase); unit, period, better,
 *         has_target / target, title, subtitle, footnote. A struct
 *         dr_render (render.h) and a box of w x h points; sizes follow the
 *         box through struct dr_kit (800 x 450 slides, about 520 x 300 on
 *         a PDF page).
 * Output: drawing calls only, in this order: for each panel shown (group
 *         "panel N"): grid, y labels (left column only), month labels
 *         (under the lowest panel of each column only), target, limits,
 *         centre, value line, markers, "No data", then the panel's label
 *         and latest value; then the title block, the legend, the
 *         "+ N more not shown" note and the footnote.
 * Look:   chart-spc.c's in small: light grid at nice ticks, solid centre
 *         (C_MEAN), dashed limits (C_LIMIT) stepping per run of equal values
 *         and broken between phases, dotted red target, the value line
 *         (C_LINE) broken at gaps, Making Data Count markers (dr_kit_marker:
 *         special cause larger and coloured, concern a diamond, provisional
 *         hollow, a rate on too few cases light grey). Each panel: its label bold at the top-left, its latest
 *         value at the top-right, in the point type's colour when that
 *         point is a judged (not provisional) special cause. A panel
 *         without values says "No data" in muted type.
 * Layout: one y scale for every panel (dr_kit_line_axis over all values,
 *         centres, limits and the target, fitted or from zero as
 *         c->y_axis says, its ticks from the data alone; count and percent
 *         axes never run below 0, nor percent above 100%, for a limit's
 *         sake: such a limit is left off) and one x domain (the union of months). Columns are
 *         chosen to show the most panels, then so that panels are about
 *         1.6-2.5 times wider than high, preferring at most one column per
 *         150 points (4 at 800 pt). A panel is at least 90 x 50 points;
 *         panels that do not fit are left out with a muted "+ N more not
 *         shown". Y labels sit left of the left column only, month labels
 *         (thinned as chart-spc.c does, counted back from the latest, and
 *         dropped where they would collide) under each column's lowest
 *         panel only. Every label is measured and cut with "…". The legend
 *         row (only what is drawn) loses items from its end when narrow and
 *         is dropped when fewer than two fit or when it would cost a panel;
 *         the footnote is dropped when it would leave no room for a panel.
 * Never:  allocates, prints, emits a NAN/infinite coordinate, or draws
 *         outside the box (npanel 0, NULL panels or points, all NAN, one
 *         point, 1e9 values, 40-character UTF-8 labels, 24 panels).
 *         Tests: test-gallery.c (gallery items multiples-*).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/render.h"
#include "chart-int.h"

#define MIN_CELL_W 90.0         /* smallest panel, label row included */
#define MIN_CELL_H 50.0
#define MAX_COLS 12
#define MAX_XLAB 48             /* month labels per panel considered */

/* Everything the layout decides, in points, y-down. */
struct layout {
	struct dr_kit k;            /* backend, box, sizes (chart-int.h) */
	const struct dr_chart *c;
	dr_month first;             /* month of slot 0 */
	int per;                    /* months per slot: 1 or 3 */
	double nslots;              /* x domain */
	struct dr_chart_ticks yt;   /* the shared y axis */
	int label_dec;              /* decimals of the latest values */
	double gx0, gx1, gy0, gy1;  /* the cells' area (month band below gy1) */
	double hgap, vgap;          /* between columns, between rows */
	double lh;                  /* height of a panel's label row */
	int ncol, nrow;
	size_t shown;               /* panels drawn: the first ones */
	double cw, ch;              /* cell size, label row included */
};

/* One panel's plot area. */
struct plot {
	double x0, x1, y0, y1, slot;
};

/* The points of panel i (none when its array is NULL). */
static const struct dr_chart_point *panel_pts(const struct layout *L, size_t i, size_t *n)
{
	const struct dr_chart_panel *p = &L->c->panel[i];
	*n = p->pt ? p->n : 0;
	return p->pt;
}

/* The x of slot s's centre. */
static double xslot(const struct layout *L, const struct plot *P, double s)
{
	(void)L;
	return P->x0 + (s + 0.5) * P->slot;
}

/* The slot of a month. */
static double slot_of(const struct layout *L, dr_month m)
{
	return floor(((double)m - (double)L->first) / L->per);
}

/* The y of v (finite and on the axis). */
static double yval(const struct layout *L, const struct plot *P, double v)
{
	double span = L->yt.hi - L->yt.lo;
	return P->y1 - (v - L->yt.lo) / span * (P->y1 - P->y0);
}

/* True if v lies on the y axis (with a hair of tolerance). */
static bool on_axis(const struct layout *L, double v)
{
	double eps = (L->yt.hi - L->yt.lo) * 1e-9;
	return isfinite(v) && v >= L->yt.lo - eps && v <= L->yt.hi + eps;
}

/* Finds the shared x domain: first month, period and number of slots. */
static void x_domain(struct layout *L)
{
	const struct dr_chart *c = L->c;
	L->per = c->period == DR_PERIOD_QUARTER ? 3 : 1;
	L->nslots = 0;
	L->first = 0;
	bool any = false;
	dr_month lo = 0, hi = 0;
	for (size_t i = 0; i < c->npanel; i++) {
		size_t n;
		const struct dr_chart_point *pt = panel_pts(L, i, &n);
		for (size_t j = 0; j < n; j++) {
			if (!any || pt[j].month < lo)
				lo = pt[j].month;
			if (!any || pt[j].month > hi)
				hi = pt[j].month;
			any = true;
		}
	}
	if (!any)
		return;
	L->first = lo;
	L->nslots = floor(((double)hi - (double)lo) / L->per) + 1;
}

/*
 * Finds the shared y range over every panel's values and lines and the
 * target, and its ticks, as chart-spc.c's y_domain: lines never pull a
 * count or percent axis below 0, nor a percent axis above 100%.
 */
static void y_domain(struct layout *L)
{
	const struct dr_chart *c = L->c;
	double vlo = INFINITY, vhi = -INFINITY, llo = INFINITY, lhi = -INFINITY;
	for (size_t i = 0; i < c->npanel; i++) {
		size_t n;
		const struct dr_chart_point *pt = panel_pts(L, i, &n);
		dr_kit_points_range(pt, n, &vlo, &vhi, &llo, &lhi);
	}
	if (c->has_target && dr_kit_ok(c->target)) {
		vlo = fmin(vlo, c->target);
		vhi = fmax(vhi, c->target);
	}
	L->label_dec = dr_kit_line_axis(c->unit, c->y_axis, vlo, vhi, llo, lhi, &L->yt);
}

/* Width of the widest y tick label. */
static double ylabel_width(const struct layout *L)
{
	char buf[64];
	double wd = 0;
	for (int i = 0; i < L->yt.n; i++) {
		dr_chart_format_tick(L->c->unit, dr_chart_tick(&L->yt, i), &L->yt, buf, sizeof buf);
		wd = fmax(wd, dr_kit_tw(&L->k, L->k.fs_axis, false, buf));
	}
	return wd;
}

/*
 * Chooses the grid for the cells' area gx0..gx1 x top..bottom: the most
 * panels shown first, then panels about 1.6-2.5 times wider than high,
 * few empty cells, and at most one column per 150 points unless more show
 * more panels. Sets ncol, nrow, shown, cw, ch (shown 0: nothing fits).
 */
static void choose_grid(struct layout *L, double top, double bottom)
{
	size_t n = L->c->npanel;
	double W = L->gx1 - L->gx0, H = bottom - top;
	L->ncol = L->nrow = 0;
	L->shown = 0;
	L->cw = L->ch = 0;
	double best = INFINITY;
	int soft = (int)fmax(1, floor((W + L->hgap) / (150 + L->hgap)));
	int fit = H >= MIN_CELL_H ? (int)fmin(floor((H + L->vgap) / (MIN_CELL_H + L->vgap)), 1000)
	                          : 0;
	for (int nc = 1; nc <= MAX_COLS && (size_t)nc <= n; nc++) {
		double cw = (W - (nc - 1) * L->hgap) / nc;
		if (cw < MIN_CELL_W)
			break;
		size_t need = (n + (size_t)nc - 1) / (size_t)nc;
		int nr = need < (size_t)fit ? (int)need : fit;
		if (nr < 1)
			break;
		size_t shown = (size_t)nc * (size_t)nr < n ? (size_t)nc * (size_t)nr : n;
		double ch = (H - (nr - 1) * L->vgap) / nr;
		double ratio = cw / ch;
		double score = ratio < 1.6 ? log(1.6 / ratio) : ratio > 2.5 ? log(ratio / 2.5) : 0;
		score += 0.05 * (double)((size_t)nc * (size_t)nr - shown);
		if (nc > soft)
			score += 0.3 * (nc - soft);
		if (shown > L->shown || (shown == L->shown && score < best)) {
			best = score;
			L->shown = shown;
			L->ncol = nc;
			L->nrow = nr;
			L->cw = cw;
			L->ch = ch;
		}
	}
}

/* Which horizontal line of a point. */
enum hline { H_CL, H_LCL, H_UCL };

static double hval(const struct dr_chart_point *p, enum hline which)
{
	return dr_kit_v(which == H_CL ? p->cl : which == H_LCL ? p->lcl : p->ucl);
}

/*
 * Draws line which of one panel per run of equal values within a phase,
 * stopping a little short of each phase boundary (as chart-spc.c).
 */
static void draw_runs(const struct layout *L, const struct plot *P,
                      const struct dr_chart_point *pt, size_t n, enum hline which)
{
	double gap = fmin(P->slot * 0.12, 2);
	bool any = false;
	size_t i = 0;
	while (i < n) {
		double v = hval(&pt[i], which);
		if (!isfinite(v)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < n && hval(&pt[j + 1], which) == v &&
		       pt[j + 1].phase == pt[j].phase &&
		       slot_of(L, pt[j + 1].month) == slot_of(L, pt[j].month) + 1)
			j++;
		if (on_axis(L, v)) {
			double xa = xslot(L, P, slot_of(L, pt[i].month)) - P->slot / 2;
			double xb = xslot(L, P, slot_of(L, pt[j].month)) + P->slot / 2;
			if (i > 0 && pt[i].phase != pt[i - 1].phase)
				xa += gap;
			if (j + 1 < n && pt[j + 1].phase != pt[j].phase)
				xb -= gap;
			xa = dr_kit_clamp(xa, P->x0, P->x1);
			xb = dr_kit_clamp(xb, P->x0, P->x1);
			if (xb > xa) {
				L->k.r->move_to(L->k.r->ctx, xa, yval(L, P, v));
				L->k.r->line_to(L->k.r->ctx, xb, yval(L, P, v));
				any = true;
			}
		}
		i = j + 1;
	}
	if (any)
		L->k.r->stroke(L->k.r->ctx);
}

/* One month label being placed. */
struct xlab {
	double s;                   /* slot */
	long year;
	double a, b;                /* left and right x with the year */
	bool keep;
};

/* The x extent of text of width wd centred on x, kept inside the plot;
 * sets *x and *al to where and how to draw it. */
static void xlab_place(const struct plot *P, double wd, double *x, enum dr_render_align *al,
                       double *a, double *b)
{
	*al = DR_ALIGN_CENTER;
	*a = *x - wd / 2;
	*b = *x + wd / 2;
	if (*b > P->x1) {
		*x = P->x1;
		*al = DR_ALIGN_RIGHT;
		*a = P->x1 - wd;
		*b = P->x1;
	} else if (*a < P->x0) {
		*x = P->x0;
		*al = DR_ALIGN_LEFT;
		*a = P->x0;
		*b = P->x0 + wd;
	}
}

/*
 * Draws the month labels under plot P: every k periods counted back from
 * the latest (k as chart-spc.c picks it), each kept inside the plot's
 * width, and dropped, from the oldest side, where it would touch the next.
 * The year is printed on the first label and where it changes.
 */
static void x_labels(const struct layout *L, const struct plot *P, double base)
{
	const struct dr_chart *c = L->c;
	if (L->nslots < 1)
		return;
	double fs = L->k.fs_axis, wmax = dr_kit_period_label_width(&L->k, L->per, fs);
	char buf[32];
	double need = wmax + fs * 1.2, sep = fs * 0.6;
	double k = dr_kit_label_step(L->per, P->slot, need);

	struct xlab lab[MAX_XLAB];
	int nl = 0;
	double last = L->nslots - 1;
	double s0 = fmax(fmod(last, k), last - (MAX_XLAB - 1) * k);
	for (double s = s0; s <= last && nl < MAX_XLAB; s += k) {
		dr_month m = (dr_month)(L->first + s * L->per);
		dr_chart_month_label(m, c->period, true, buf, sizeof buf);
		double x = xslot(L, P, s);
		enum dr_render_align al;
		lab[nl] = (struct xlab){ .s = s, .year = (long)floor((double)m / 12) };
		xlab_place(P, dr_kit_tw(&L->k, fs, false, buf), &x, &al, &lab[nl].a, &lab[nl].b);
		nl++;
	}
	/* Keep the latest, then each older one clear of the one kept after it. */
	double limit = INFINITY;
	int nkeep = 0;
	for (int i = nl - 1; i >= 0; i--) {
		lab[i].keep = lab[i].b + sep <= limit && lab[i].a >= P->x0 - 0.01;
		if (lab[i].keep) {
			limit = lab[i].a;
			nkeep++;
		}
	}
	if (!nkeep)
		return;

	dr_kit_pen(&L->k, C_AXIS, L->k.lw * 0.7, DR_DASH_SOLID);
	for (int i = 0; i < nl; i++)
		if (lab[i].keep) {
			L->k.r->move_to(L->k.r->ctx, xslot(L, P, lab[i].s), P->y1);
			L->k.r->line_to(L->k.r->ctx, xslot(L, P, lab[i].s), P->y1 + fs * 0.3);
		}
	L->k.r->stroke(L->k.r->ctx);
	L->k.r->colour(L->k.r->ctx, C_TEXT);
	long prev_year = -100000;
	for (int i = 0; i < nl; i++) {
		if (!lab[i].keep)
			continue;
		dr_month m = (dr_month)(L->first + lab[i].s * L->per);
		dr_chart_month_label(m, c->period, lab[i].year != prev_year, buf, sizeof buf);
		prev_year = lab[i].year;
		double x = xslot(L, P, lab[i].s), a, b;
		enum dr_render_align al;
		xlab_place(P, dr_kit_tw(&L->k, fs, false, buf), &x, &al, &a, &b);
		L->k.r->text(L->k.r->ctx, x, base, fs, false, al, buf);
	}
}

/* Formats the latest value v: like the axis ("1.23B") from a million up,
 * else with the unit and the label decimals (a whole count without). */
static void value_text(const struct layout *L, double v, char *out, size_t size)
{
	bool whole = L->c->unit == DR_UNIT_COUNT && v == round(v);
	dr_kit_format_label(L->c->unit, v, whole ? 0 : L->label_dec, &L->yt, out, size);
}

/* Radius of the panels' markers. */
static double marker_radius(const struct layout *L, const struct plot *P)
{
	double rad = dr_kit_clamp(1.7 + 0.8 * L->k.u, 1.2, 3.5);
	rad = fmin(rad, (P->y1 - P->y0) * 0.045);
	return fmax(fmin(rad, P->slot * 0.3), 0.8);
}

/* Draws panel idx in cell (row, col): left puts y labels beside it,
 * lowest the month labels under it. */
static void draw_panel(const struct layout *L, size_t idx, int row, int col, bool left,
                       bool lowest)
{
	const struct dr_chart *c = L->c;
	const struct dr_render *r = L->k.r;
	const struct dr_kit *k = &L->k;
	double fs = k->fs_axis;
	char buf[TEXTMAX], val[64];
	size_t n;
	const struct dr_chart_point *pt = panel_pts(L, idx, &n);
	double cx = L->gx0 + col * (L->cw + L->hgap), cy = L->gy0 + row * (L->ch + L->vgap);
	struct plot P = { .x0 = cx, .x1 = cx + L->cw, .y0 = cy + L->lh, .y1 = cy + L->ch };
	P.slot = L->nslots >= 1 ? (P.x1 - P.x0) / L->nslots : P.x1 - P.x0;
	size_t nvalid = 0, last = 0;
	for (size_t i = 0; i < n; i++)
		if (dr_kit_ok(pt[i].y)) {
			nvalid++;
			last = i;
		}

	snprintf(buf, sizeof buf, "panel %zu", idx + 1);
	dr_kit_group(k, buf);

	/* Grid (not behind "No data") and the baseline. */
	dr_kit_group(k, "grid");
	if (nvalid) {
		dr_kit_pen(k, C_GRID, k->lw * 0.6, DR_DASH_SOLID);
		for (int i = 0; i < L->yt.n; i++) {
			double y = yval(L, &P, dr_chart_tick(&L->yt, i));
			r->move_to(r->ctx, P.x0, y);
			r->line_to(r->ctx, P.x1, y);
		}
		r->stroke(r->ctx);
	}
	dr_kit_pen(k, C_AXIS, k->lw * 0.7, DR_DASH_SOLID);
	double yaxis = L->yt.lo < 0 && L->yt.hi > 0 ? yval(L, &P, 0) : P.y1;
	r->move_to(r->ctx, P.x0, yaxis);
	r->line_to(r->ctx, P.x1, yaxis);
	r->stroke(r->ctx);

	if (left) {
		dr_kit_group(k, "ylabels");
		r->colour(r->ctx, C_TEXT);
		double gap = (P.y1 - P.y0) / fmax(L->yt.n - 1, 1);
		int every = (int)ceil(fs * 1.4 / fmax(gap, 0.01));
		for (int i = 0; i < L->yt.n; i += every) {
			double v = dr_chart_tick(&L->yt, i);
			dr_chart_format_tick(c->unit, v, &L->yt, buf, sizeof buf);
			double maxw = fmax(P.x0 - fs * 0.6 - k->pad * 0.5, 1);
			dr_kit_fit(k, buf, fs, false, maxw, val, sizeof val);
			r->text(r->ctx, P.x0 - fs * 0.6, yval(L, &P, v) + fs * 0.35, fs, false,
			        DR_ALIGN_RIGHT, val);
		}
	}
	if (lowest) {
		dr_kit_group(k, "xlabels");
		x_labels(L, &P, P.y1 + fs * 1.3);
	}

	/* Target, limits, centre. */
	if (c->has_target && dr_kit_ok(c->target) && on_axis(L, c->target)) {
		dr_kit_group(k, "line target");
		dr_kit_pen(k, C_TARGET, k->lw * 1.2, DR_DASH_DOTTED);
		r->move_to(r->ctx, P.x0, yval(L, &P, c->target));
		r->line_to(r->ctx, P.x1, yval(L, &P, c->target));
		r->stroke(r->ctx);
	}
	dr_kit_group(k, "line lcl");
	dr_kit_pen(k, C_LIMIT, k->lw * 0.85, DR_DASH_DASHED);
	draw_runs(L, &P, pt, n, H_LCL);
	dr_kit_group(k, "line ucl");
	draw_runs(L, &P, pt, n, H_UCL);
	dr_kit_group(k, "line mean");
	dr_kit_pen(k, C_MEAN, k->lw * 0.85, DR_DASH_SOLID);
	draw_runs(L, &P, pt, n, H_CL);

	/* The value line, broken at missing values. */
	size_t nseg = 0;
	for (size_t i = 1; i < n; i++)
		nseg += dr_kit_ok(pt[i].y) && dr_kit_ok(pt[i - 1].y);
	if (nseg) {
		dr_kit_group(k, "line value");
		dr_kit_pen(k, C_LINE, k->lw * 1.15, DR_DASH_SOLID);
		for (size_t i = 0; i < n; i++) {
			if (!dr_kit_ok(pt[i].y))
				continue;
			double x = xslot(L, &P, slot_of(L, pt[i].month)), y = yval(L, &P, pt[i].y);
			if (i > 0 && dr_kit_ok(pt[i - 1].y))
				r->line_to(r->ctx, x, y);
			else
				r->move_to(r->ctx, x, y);
		}
		r->stroke(r->ctx);
	}

	/* Markers. */
	double rad = marker_radius(L, &P);
	for (size_t i = 0; i < n; i++) {
		if (!dr_kit_ok(pt[i].y))
			continue;
		double mx = xslot(L, &P, slot_of(L, pt[i].month)), my = yval(L, &P, pt[i].y);
		if (pt[i].small_n) {    /* a rate on too few cases is not judged: light grey */
			dr_kit_group(k, "marker small-n");
			k->r->colour(k->r->ctx, C_AXIS);
			dr_kit_shape(k, mx, my, rad, false);
			k->r->fill(k->r->ctx);
			continue;
		}
		/* A provisional point is never judged: grey whatever its type. */
		snprintf(buf, sizeof buf, "marker %s%s",
		         dr_kit_type_word(pt[i].hollow ? DR_POINT_NONE : pt[i].type),
		         pt[i].hollow ? " hollow" : "");
		dr_kit_group(k, buf);
		dr_kit_marker(k, mx, my, rad, pt[i].type, pt[i].hollow);
	}
	if (!nvalid) {
		dr_kit_group(k, "nodata");
		dr_kit_text(k, C_MUTED, (P.x0 + P.x1) / 2, (P.y0 + P.y1) / 2 + fs * 0.35, fs, false,
		            DR_ALIGN_CENTER, dr_kit_fit(k, "No data", fs, false, P.x1 - P.x0, buf,
		                                        sizeof buf));
	}

	/* The label row: name at the left, latest value at the right. */
	dr_kit_group(k, "label");
	double base = cy + fs * 0.95, room = P.x1 - P.x0, vw = 0;
	if (nvalid) {
		value_text(L, pt[last].y, val, sizeof val);
		vw = dr_kit_tw(k, fs, true, val);
		if (vw + fs * 3 > room)
			vw = 0;         /* too narrow: the name only */
	}
	double namew = vw > 0 ? room - vw - fs * 0.8 : room;
	dr_kit_text(k, C_INK, P.x0, base, fs, true, DR_ALIGN_LEFT,
	            dr_kit_fit(k, c->panel[idx].label, fs, true, namew, buf, sizeof buf));
	if (vw > 0) {
		bool judged = dr_kit_is_special(pt[last].type) && !pt[last].hollow && !pt[last].small_n;
		dr_kit_group(k, "latest");
		uint32_t vcol = judged ? dr_chart_type_colour(pt[last].type) : C_TEXT;
		dr_kit_text(k, vcol, P.x1, base, fs, true, DR_ALIGN_RIGHT, val);
	}
}

/*
 * Draws the legend row at baseline y from x: only what the shown panels
 * draw (lines on the axis; the dry run, before the axis is known, counts
 * every finite line), items dropped from the end while too wide. Returns
 * false, drawing nothing, when fewer than two items fit in maxw.
 */
static bool legend(const struct layout *L, size_t npanel, double x, double y, double maxw,
                   bool dry)
{
	const struct dr_chart *c = L->c;
	struct dr_kit_legend lg = { .line_scale = 0.87 };
	bool value = false;
	for (size_t i = 0; i < npanel; i++) {
		size_t np;
		const struct dr_chart_point *pt = panel_pts(L, i, &np);
		for (size_t j = 0; j < np; j++) {
			const struct dr_chart_point *p = &pt[j];
			lg.mean |= dry ? dr_kit_ok(p->cl) : on_axis(L, p->cl);
			lg.limits |= dry ? dr_kit_ok(p->ucl) || dr_kit_ok(p->lcl)
			                 : on_axis(L, p->ucl) || on_axis(L, p->lcl);
			value |= dr_kit_ok(p->y);
			dr_kit_legend_point(&lg, p);
		}
	}
	lg.target = c->has_target && dr_kit_ok(c->target) && (dry || on_axis(L, c->target));
	return value && dr_kit_legend(&L->k, &lg, x, y, maxw, dry);
}

/*
 * Lays the grid out in the cells' area top..bottom (the month band below
 * it): ticks from the data alone (never the panels' height), the y label
 * margin from their real widths, then the grid with that margin.
 */
static void lay_grid(struct layout *L, double top, double bottom)
{
	double fs = L->k.fs_axis;
	y_domain(L);
	double lab_w = fmin(ylabel_width(L), L->k.w * 0.3);
	L->gx0 = L->k.pad + lab_w + fs * 0.6;
	L->gx1 = L->k.w - L->k.pad;
	L->gy0 = top;
	L->gy1 = bottom;
	choose_grid(L, top, bottom);
}

void dr_chart_draw_multiples(const struct dr_chart *c, const struct dr_render *r, double w,
                             double h)
{
	struct dr_chart safe = *c;
	if (!c->panel)
		safe.npanel = 0;
	c = &safe;

	struct layout L = { .c = c };
	dr_kit_init(&L.k, r, w, h, c->min_text);
	double fs = L.k.fs_axis;
	L.hgap = fs * 1.6;
	L.vgap = fs * 1.5;
	L.lh = fs * 1.45;
	x_domain(&L);

	double top = dr_kit_header(&L.k, c, 0, false) - fs * 0.4;
	double xlab_h = fs * 1.8;
	double legend_h = L.k.fs_small * 1.9, note_h = L.k.fs_small * 1.7;

	/* Footnote: kept unless it costs the only room for a panel. */
	double bottom = h - L.k.pad;
	double foot = dr_kit_footnote(&L.k, c, false);
	bool show_foot = foot < bottom;
	if (show_foot && c->npanel > 0) {
		lay_grid(&L, top, bottom - xlab_h);
		size_t without = L.shown;
		lay_grid(&L, top, foot - xlab_h);
		show_foot = L.shown > 0 || (without == 0 && foot - top >= note_h);
	}
	if (show_foot)
		bottom = foot;

	/* Legend: kept when it fits and costs no panel. */
	bool show_legend = false;
	double legend_base = bottom - L.k.fs_small * 0.25;
	if (c->npanel > 0) {
		lay_grid(&L, top, bottom - xlab_h);
		size_t without = L.shown;
		if (without > 0 &&
		    legend(&L, without, L.k.pad, legend_base, w - 2 * L.k.pad, true)) {
			lay_grid(&L, top, bottom - legend_h - xlab_h);
			show_legend = L.shown == without;
		}
		if (show_legend)
			bottom -= legend_h;
		lay_grid(&L, top, bottom - xlab_h);
		if (L.shown > 0 && L.shown < c->npanel) {
			/* Room for the note under the month labels. */
			lay_grid(&L, top, bottom - note_h - xlab_h);
		}
	}

	/* Panels, or a message where there are none (when there is room). */
	char msg[96];
	bool room = bottom - top >= L.k.fs_sub * 1.3;
	if (c->npanel == 0 && room) {
		dr_kit_nodata(&L.k, L.k.pad, top, w - L.k.pad, bottom, NULL);
	} else if (L.shown == 0 && room) {
		snprintf(msg, sizeof msg, "Too small for %zu panel%s", c->npanel,
		         c->npanel == 1 ? "" : "s");
		dr_kit_nodata(&L.k, L.k.pad, top, w - L.k.pad, bottom, msg);
	}
	for (size_t i = 0; i < L.shown; i++) {
		int row = (int)(i / (size_t)L.ncol), col = (int)(i % (size_t)L.ncol);
		draw_panel(&L, i, row, col, col == 0, i + (size_t)L.ncol >= L.shown);
	}

	/* Title block, legend, note and footnote last. */
	dr_kit_header(&L.k, c, 0, true);
	if (show_legend)
		legend(&L, L.shown, L.k.pad, legend_base, w - 2 * L.k.pad, false);
	if (L.shown > 0 && L.shown < c->npanel) {
		char buf[TEXTMAX];
		snprintf(msg, sizeof msg, "+ %zu more not shown", c->npanel - L.shown);
		double nb = L.gy1 + xlab_h + note_h - L.k.fs_small * 0.35;
		dr_kit_group(&L.k, "note");
		dr_kit_text(&L.k, C_MUTED, w - L.k.pad, nb, L.k.fs_small, false, DR_ALIGN_RIGHT,
		            dr_kit_fit(&L.k, msg, L.k.fs_small, false, w - 2 * L.k.pad, buf,
		                       sizeof buf));
	}
	if (show_foot)
		dr_kit_footnote(&L.k, c, true);
}
