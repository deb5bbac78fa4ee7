/*
 * chart-spc.c -- lays out one SPC line chart and draws it on any backend.
 *
 * Input:  a struct dr_chart (chart.h), a struct dr_render (render.h) and a
 *         box of w x h points; sizes of text, lines and markers follow the
 *         box, so 800 x 450 (PNG, slides) and about 520 x 260 (a PDF page)
 *         both read well.
 * Output: drawing calls only, in this order: grid and y labels, x labels,
 *         target / limits / centre lines, annotation markers, data line,
 *         markers, right-edge line labels, title block with the icons
 *         (icon.h), annotation labels, legend, footnote. Each group is
 *         named through r->group when the backend has it (the trace prints
 *         it: "line mean runs-signal", "annotation rebase", "icon ...").
 * Look:   NHS "Making Data Count" conventions: common cause grey circles,
 *         special cause larger filled markers with a ring (improvement blue
 *         #289de0 circle, concern orange #ed8b00 diamond, neutral purple
 *         #361475 circle), provisional points hollow and grey, whatever
 *         their type (still closing: never judged), the latest one labelled
 *         "still closing" beside it; a rate on too few cases (small_n) a
 *         light grey circle whatever its type with "n = 6" above it
 *         ("marker small-n", "n labels"); solid mean, dashed
 *         grey limits drawn per run of equal values, broken between phases;
 *         dotted red target; values of the last phase labelled at the right
 *         edge ("UCL 14.2%"). A runs signal dashes the last phase's centre
 *         in orange (qicharts2). Annotations: a thin dashed marker at the
 *         start of their month (solid and darker for a rebase) with a short
 *         label above the plot.
 * Layout: nothing overlaps: margins are measured from the real label
 *         widths, x labels are thinned (every 1, 2, 3, 4, 6, 12... periods,
 *         counted back from the latest) until they fit, right-edge labels
 *         are pushed apart, annotation labels are staggered on two rows and
 *         cut with an ellipsis, long titles are cut before the status words
 *         and icons, and the legend (only what the chart shows) is dropped
 *         item by item when the row is too narrow. The y axis is fitted to
 *         the values, lines and target, from zero only when zero is near
 *         or c->y_axis asks (dr_kit_line_axis), its ticks from the data
 *         alone, so a chart has the same axis at every size. Count and
 *         percent axes never run below 0 (percent: above 100%) for a
 *         limit's sake; such a limit is left off the plot.
 * Never:  allocates, prints, or emits a NAN/infinite coordinate (n = 0, all
 *         NAN, one point, 1e12 values, flat series, annotations off the
 *         axis). Tests: test-chart.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/icon.h"
#include "dyadreport/render.h"
#include "chart-int.h"

/* Everything the layout decides, in points, y-down. */
struct layout {
	struct dr_kit k;            /* backend, box, sizes (chart-int.h) */
	const struct dr_chart *c;
	double x0, x1, y0, y1;      /* plot area: left, right, top, bottom */
	dr_month first;             /* month of slot 0 */
	int per;                    /* months per slot: 1 or 3 */
	double nslots, slot;        /* x domain and slot width */
	struct dr_chart_ticks yt;
	int label_dec;              /* decimals of right-edge labels */
};

/* One labelled horizontal line at the right edge. */
struct edge_label {
	char text[64];
	double y;                   /* the line's y */
	double ty;                  /* where the label goes after spreading */
	uint32_t colour;
};

/* The x of slot i's centre. */
static double xslot(const struct layout *L, double i)
{
	return L->x0 + (i + 0.5) * L->slot;
}

/* The slot of a month. */
static double slot_of(const struct layout *L, dr_month m)
{
	return floor(((double)m - (double)L->first) / L->per);
}

/* The y of value v (v is finite and inside the axis). */
static double yval(const struct layout *L, double v)
{
	double span = L->yt.hi - L->yt.lo;
	return L->y1 - (v - L->yt.lo) / span * (L->y1 - L->y0);
}

/* True if v lies on the y axis (with a hair of tolerance). */
static bool on_axis(const struct layout *L, double v)
{
	double eps = (L->yt.hi - L->yt.lo) * 1e-9;
	return isfinite(v) && v >= L->yt.lo - eps && v <= L->yt.hi + eps;
}

/* Which horizontal line of a point. */
enum hline { H_CL, H_LCL, H_UCL };

/* The value of line which at point p. */
static double hval(const struct dr_chart_point *p, enum hline which)
{
	return dr_kit_v(which == H_CL ? p->cl : which == H_LCL ? p->lcl : p->ucl);
}

/* True when point i starts a new phase (its phase differs from i - 1's). */
static bool phase_starts(const struct dr_chart *c, size_t i)
{
	return i > 0 && i < c->n && c->pt[i].phase != c->pt[i - 1].phase;
}

/* The phase of the last point (0 for no points). */
static int last_phase(const struct dr_chart *c)
{
	return c->n ? c->pt[c->n - 1].phase : 0;
}

/* Which phases draw_runs draws. */
enum phases { PH_ALL, PH_LAST, PH_EARLIER };

/*
 * Draws line which per run of equal values within one phase (limits step
 * where they change and break between phases: each phase's line stops a
 * little short of the boundary, so no segment joins two phases).
 */
static void draw_runs(const struct layout *L, enum hline which, enum phases sel)
{
	const struct dr_chart *c = L->c;
	int lastp = last_phase(c);
	double gap = fmin(L->slot * 0.12, 2.5);
	bool any = false;
	size_t i = 0;
	while (i < c->n) {
		double v = hval(&c->pt[i], which);
		bool in = sel == PH_ALL || (sel == PH_LAST) == (c->pt[i].phase == lastp);
		if (!isfinite(v) || !in) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < c->n && hval(&c->pt[j + 1], which) == v && !phase_starts(c, j + 1) &&
		       slot_of(L, c->pt[j + 1].month) == slot_of(L, c->pt[j].month) + 1)
			j++;
		if (on_axis(L, v)) {
			double xa = xslot(L, slot_of(L, c->pt[i].month)) - L->slot / 2;
			double xb = xslot(L, slot_of(L, c->pt[j].month)) + L->slot / 2;
			if (phase_starts(c, i))
				xa += gap;
			if (phase_starts(c, j + 1))
				xb -= gap;
			xa = dr_kit_clamp(xa, L->x0, L->x1);
			xb = dr_kit_clamp(xb, L->x0, L->x1);
			if (xb > xa) {
				L->k.r->move_to(L->k.r->ctx, xa, yval(L, v));
				L->k.r->line_to(L->k.r->ctx, xb, yval(L, v));
				any = true;
			}
		}
		i = j + 1;
	}
	if (any)
		L->k.r->stroke(L->k.r->ctx);
}

/* Spreads edge labels so none overlap, keeping them near their lines. */
static void spread(struct edge_label *e, int n, double gap, double top, double bottom)
{
	for (int i = 1; i < n; i++)         /* sort by y (n is at most 4) */
		for (int j = i; j > 0 && e[j].y < e[j - 1].y; j--) {
			struct edge_label t = e[j];
			e[j] = e[j - 1];
			e[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		e[i].ty = e[i].y;
	for (int i = 1; i < n; i++)
		if (e[i].ty < e[i - 1].ty + gap)
			e[i].ty = e[i - 1].ty + gap;
	if (n > 0 && e[n - 1].ty > bottom)
		e[n - 1].ty = bottom;
	for (int i = n - 2; i >= 0; i--)
		if (e[i].ty > e[i + 1].ty - gap)
			e[i].ty = e[i + 1].ty - gap;
	if (n > 0 && e[0].ty < top) {
		e[0].ty = top;
		for (int i = 1; i < n; i++)
			if (e[i].ty < e[i - 1].ty + gap)
				e[i].ty = e[i - 1].ty + gap;
	}
}

/* The status words of point type t (brief: after a month, "Sep: common
 * cause"), or NULL when there is nothing to say. */
static const char *type_status(enum dr_spc_point_type t, bool brief)
{
	switch (t) {
	case DR_POINT_COMMON: return brief ? "common cause" : "Common cause variation";
	case DR_POINT_IMPROVEMENT:
		return brief ? "special cause \u2013 improvement" : "Special cause \u2013 improvement";
	case DR_POINT_CONCERN:
		return brief ? "special cause \u2013 concern" : "Special cause \u2013 concern";
	case DR_POINT_NEUTRAL_HIGH:
		return brief ? "special cause \u2013 higher" : "Special cause \u2013 higher";
	case DR_POINT_NEUTRAL_LOW:
		return brief ? "special cause \u2013 lower" : "Special cause \u2013 lower";
	default: return NULL;
	}
}

/*
 * The words and colour for the variation status: for a chart with icons,
 * the chart's variation (NONE: nothing to say), so words and icon agree
 * whether or not the icon fits; else the latest complete value (a
 * provisional, hollow point is still closing and is not judged, as in the
 * headline and the summary table). The status is about the latest point:
 * when that is common cause but the chart marks special causes earlier, it
 * says so ("Latest month: common cause"), so it never reads as denying
 * the marks. When the point judged is not the chart's last period (that
 * one is still closing, or has no value), the words name its month
 * ("Sep: common cause"), so they are not read as the report month's.
 */
static const char *status_words(const struct dr_chart *c, uint32_t *col, char *buf, size_t size)
{
	enum dr_spc_point_type t = DR_POINT_NONE;
	bool marked = false, found = !!c->icons;
	size_t judged = c->n;

	if (c->icons)
		t = c->variation;
	for (size_t i = c->n; i-- > 0;) {
		if (!dr_kit_ok(c->pt[i].y) || c->pt[i].hollow)
			continue;
		if (judged == c->n)
			judged = i;
		if (!found) {
			if (c->pt[i].small_n)
				return NULL;        /* too few cases to judge */
			t = c->pt[i].type;
			found = true;
		}
		marked |= !c->pt[i].small_n && dr_kit_is_special(c->pt[i].type);
	}
	*col = dr_chart_type_colour(t);
	const char *words = type_status(t, false);
	if (!words)
		return NULL;
	if (judged < c->n && judged + 1 < c->n) {
		char when[32];
		dr_chart_month_label(c->pt[judged].month, c->period, false, when, sizeof when);
		snprintf(buf, size, "%s: %s", when, type_status(t, true));
		return buf;
	}
	if (t == DR_POINT_COMMON && marked)
		return c->period == DR_PERIOD_QUARTER ? "Latest wave: common cause"
		                                      : "Latest month: common cause";
	return words;
}

/*
 * "still closing" beside the latest hollow (provisional) marker at mx, my,
 * on white so a limit or grid line under it does not cross the words: to
 * its left at its height when the value line comes in steeply enough to
 * leave room, else above it, or below when the line comes in from above;
 * never past the marker's right, so it stays inside the plot; left out
 * when the plot is too small to hold it.
 */
static void closing_label(const struct layout *L, size_t i, double mx, double my, double rad)
{
	const struct dr_chart *c = L->c;
	const char *words = "still closing";
	double fs = L->k.fs_small, tw = dr_kit_tw(&L->k, fs, false, words), pad = fs * 0.2;
	double gap = rad * 1.8, px = NAN, py = NAN;
	for (size_t k = i; k-- > 0;) {
		if (dr_kit_ok(c->pt[k].y)) {
			px = xslot(L, slot_of(L, c->pt[k].month));
			py = yval(L, c->pt[k].y);
			break;
		}
	}
	double right, ty;
	/* The value line's height offset at the label's right end. */
	double dy = isnan(px) || mx - px <= 0 ? INFINITY : fabs(py - my) * (gap + pad) / (mx - px);
	if (dy > fs * 0.9 && mx - gap - tw - pad > L->x0) {
		right = mx - gap;
		ty = my + fs * 0.35;
	} else {
		bool below = !isnan(py) && py < my;
		if (below && my + rad * 1.6 + fs > L->y1)
			below = false;
		if (!below && my - rad * 1.6 - fs < L->y0)
			below = true;
		right = mx + rad;
		ty = below ? my + rad * 1.6 + fs * 0.8 : my - rad * 1.6 - fs * 0.2;
	}
	double bx = right - tw - pad, by = ty - fs * 0.8, bw = tw + 2 * pad, bh = fs * 1.05;
	if (bx < L->x0 || by < L->y0 - fs || bx + bw > L->k.w || by + bh > L->y1 + fs * 0.5)
		return;         /* a tiny plot: the legend and the hollow marker say it */
	dr_kit_group(&L->k, "provisional label");
	L->k.r->colour(L->k.r->ctx, C_WHITE);
	L->k.r->rect(L->k.r->ctx, bx, by, bw, bh);
	L->k.r->fill(L->k.r->ctx);
	dr_kit_text(&L->k, C_MUTED, right, ty, fs, false, DR_ALIGN_RIGHT, words);
}

/* A rate on too few cases: a light grey marker whatever its type (it is
 * not judged), with "n = 6" when that fits two slots: above it, or below
 * when the line comes from above (clear of the line). */
static void small_n_marker(const struct layout *L, const struct dr_chart *c, size_t i, double rad)
{
	const struct dr_chart_point *p = &c->pt[i];
	bool from_above = (i > 0 && dr_kit_ok(c->pt[i - 1].y) && c->pt[i - 1].y > p->y) ||
	                  (i + 1 < c->n && dr_kit_ok(c->pt[i + 1].y) && c->pt[i + 1].y > p->y);
	char num[32], label[48];
	double x = xslot(L, slot_of(L, p->month)), y = yval(L, p->y);
	dr_kit_group(&L->k, p->hollow ? "marker small-n hollow" : "marker small-n");
	dr_kit_pen(&L->k, C_WHITE, L->k.lw * 0.8, DR_DASH_SOLID);
	dr_kit_shape(&L->k, x, y, rad + L->k.lw * 0.56, false);
	L->k.r->fill(L->k.r->ctx);
	if (p->hollow) {                    /* still closing too: an open grey ring */
		dr_kit_pen(&L->k, C_AXIS, L->k.lw * 1.04, DR_DASH_SOLID);
		dr_kit_shape(&L->k, x, y, rad - L->k.lw * 0.52, false);
		L->k.r->stroke(L->k.r->ctx);
	} else {
		L->k.r->colour(L->k.r->ctx, C_AXIS);
		dr_kit_shape(&L->k, x, y, rad, false);
		L->k.r->fill(L->k.r->ctx);
	}
	if (!dr_kit_ok(p->n))
		return;
	dr_chart_format_value(DR_UNIT_COUNT, p->n, 0, num, sizeof num);
	snprintf(label, sizeof label, "n = %s", num);
	if (dr_kit_tw(&L->k, L->k.fs_small, false, label) > L->slot * 2)
		return;
	dr_kit_group(&L->k, "n labels");
	double above = y - rad - L->k.fs_small * 0.4, below = y + rad + L->k.fs_small * 1.1;
	double ty = from_above ? below : above;
	if (ty - L->k.fs_small < L->y0)
		ty = below;
	else if (ty > L->y1)
		ty = above;
	dr_kit_text(&L->k, C_MUTED, x, ty, L->k.fs_small, false, DR_ALIGN_CENTER, label);
}

/* Finds the x domain: first month, period length and number of slots. */
static void x_domain(struct layout *L)
{
	const struct dr_chart *c = L->c;
	L->per = c->period == DR_PERIOD_QUARTER ? 3 : 1;
	L->nslots = 0;
	L->first = 0;
	if (c->n == 0)
		return;
	dr_month lo = c->pt[0].month, hi = c->pt[0].month;
	for (size_t i = 1; i < c->n; i++) {
		if (c->pt[i].month < lo)
			lo = c->pt[i].month;
		if (c->pt[i].month > hi)
			hi = c->pt[i].month;
	}
	L->first = lo;
	L->nslots = floor(((double)hi - (double)lo) / L->per) + 1;
}

/*
 * Finds the y range over values, lines and target, and the ticks, from
 * the data and c->y_axis only (never the box: dr_kit_line_axis). Lines
 * (centre, limits) never pull a count or percent axis below 0, nor a
 * percent axis above 100%: such a limit is left off the plot (clipped)
 * instead. Values and the target always stay on the axis.
 */
static void y_domain(struct layout *L)
{
	const struct dr_chart *c = L->c;
	double vlo = INFINITY, vhi = -INFINITY, llo = INFINITY, lhi = -INFINITY;
	dr_kit_points_range(c->pt, c->n, &vlo, &vhi, &llo, &lhi);
	if (c->has_target && isfinite(c->target)) {
		vlo = fmin(vlo, c->target);
		vhi = fmax(vhi, c->target);
	}
	L->label_dec = dr_kit_line_axis(c->unit, c->y_axis, vlo, vhi, llo, lhi, &L->yt);
}

/* Formats a right-edge label "NAME value". */
static void edge_text(const struct layout *L, const char *name, double v, int dec,
                      char *out, size_t size)
{
	char num[48];
	dr_kit_format_label(L->c->unit, v, dec, &L->yt, num, sizeof num);
	snprintf(out, size, "%s %s", name, num);
}

/* Collects the right-edge labels of the lines that exist. */
static int edge_labels(const struct layout *L, struct edge_label *e, const double last[3])
{
	int n = 0;
	static const char *const names[3] = { "Mean", "LCL", "UCL" };
	static const uint32_t cols[3] = { C_MEAN, C_LIMIT, C_LIMIT };
	for (int k = 0; k < 3; k++) {
		if (!isfinite(last[k]) || !on_axis(L, last[k]))
			continue;
		edge_text(L, names[k], last[k], L->label_dec, e[n].text, sizeof e[n].text);
		e[n].y = last[k];
		e[n].colour = k == H_CL && L->c->runs_signal ? C_CONCERN : cols[k];
		n++;
	}
	if (L->c->has_target && isfinite(L->c->target) && on_axis(L, L->c->target)) {
		edge_text(L, "Target", L->c->target, dr_kit_short_decimals(L->c->unit, L->c->target),
		          e[n].text, sizeof e[n].text);
		e[n].y = L->c->target;
		e[n].colour = C_TARGET;
		n++;
	}
	return n;
}

/* The value of line which at the last point of the last phase that has
 * it (NAN when the last phase has no such line), without drawing. */
static double last_run(const struct dr_chart *c, enum hline which)
{
	int lastp = last_phase(c);
	for (size_t i = c->n; i-- > 0 && c->pt[i].phase == lastp;)
		if (isfinite(hval(&c->pt[i], which)))
			return hval(&c->pt[i], which);
	return NAN;
}

/* Draws the x axis labels, thinned to fit. */
static void x_labels(const struct layout *L, double base)
{
	const struct dr_chart *c = L->c;
	if (L->nslots < 1)
		return;
	double fs = L->k.fs_axis, wmax = dr_kit_period_label_width(&L->k, L->per, fs);
	char buf[32];
	double need = wmax + fs * 0.9;
	double k = dr_kit_label_step(L->per, L->slot, need);

	dr_kit_group(&L->k, "xlabels");
	dr_kit_pen(&L->k, C_AXIS, L->k.lw * 0.7, DR_DASH_SOLID);
	double last = L->nslots - 1;
	bool any = false;
	for (double s = last; s >= 0; s -= k) {
		L->k.r->move_to(L->k.r->ctx, xslot(L, s), L->y1);
		L->k.r->line_to(L->k.r->ctx, xslot(L, s), L->y1 + fs * 0.35);
		any = true;
	}
	if (any)
		L->k.r->stroke(L->k.r->ctx);

	/* Oldest first, so "with year" can look at the previous label. */
	double s0 = fmod(last, k);
	long prev_year = -100000;
	L->k.r->colour(L->k.r->ctx, C_TEXT);
	for (double s = s0; s <= last; s += k) {
		dr_month m = (dr_month)(L->first + s * L->per);
		long year = (long)floor((double)m / 12);
		dr_chart_month_label(m, c->period, year != prev_year, buf, sizeof buf);
		prev_year = year;
		dr_kit_text_centred(&L->k, xslot(L, s), base, fs, buf);
	}
}

/* True when a line at v is drawn: on the axis, or while the axis is not
 * known yet (a dry run), merely finite. */
static bool drawn(const struct layout *L, double v, bool dry)
{
	return dry ? dr_kit_ok(v) : on_axis(L, v);
}

/*
 * Draws the legend row at baseline y starting at x; returns false (and
 * draws nothing) when fewer than two items fit in maxw. Lists only what the
 * chart shows: the marker kinds present, the lines drawn (a limit clipped
 * off the axis is not), the runs signal and a "trial limits" note. The dry
 * run, before the y axis is known, counts every finite line.
 */
static bool legend(const struct layout *L, double x, double y, double maxw, bool dry)
{
	const struct dr_chart *c = L->c;
	struct dr_kit_legend lg = { .trial = c->trial_limits };
	int lastp = last_phase(c);
	bool cl_last = false;
	for (size_t i = 0; i < c->n; i++) {
		const struct dr_chart_point *p = &c->pt[i];
		bool last = p->phase == lastp;
		lg.mean |= drawn(L, p->cl, dry) && !(c->runs_signal && last);
		cl_last |= drawn(L, p->cl, dry) && last;
		lg.limits |= drawn(L, p->ucl, dry) || drawn(L, p->lcl, dry);
		dr_kit_legend_point(&lg, p);
	}
	lg.runs = c->runs_signal && cl_last;
	lg.target = c->has_target && isfinite(c->target);
	return dr_kit_legend(&L->k, &lg, x, y, maxw, dry);
}

/* One annotation being placed: its marker's x and its label's span. */
struct ann_label {
	size_t k;                   /* index in c->ann */
	double pole;                /* x of the vertical marker */
	int row;                    /* 0: the row nearest the plot, 1: above it; -1: no label */
	double a, b;                /* the label's left and right x */
	char text[128];             /* the label, cut with an ellipsis to fit */
};

/* Collects the annotations whose month is on the x axis (at most max);
 * each marker stands at the start of its month's slot, where a rebase's
 * new limits begin, so it never hides the point itself. */
static int ann_collect(const struct layout *L, struct ann_label *lab, int max)
{
	const struct dr_chart *c = L->c;
	int n = 0;
	if (!c->ann || L->nslots < 1)
		return 0;
	for (size_t k = 0; k < c->nann && n < max; k++) {
		double s = slot_of(L, c->ann[k].month);
		if (!(s >= 0 && s < L->nslots))
			continue;
		lab[n] = (struct ann_label){ .k = k, .pole = L->x0 + s * L->slot, .row = -1 };
		n++;
	}
	return n;
}

/*
 * True when the label of lab[self] on row, spanning a..b, stays inside the
 * plot's width and clear of the labels placed so far (lab[0..self)) and of
 * the markers crossing its row: every labelled marker crosses row 0 (the
 * row nearest the plot), only the markers of row-1 labels cross row 1.
 */
static bool ann_fits(const struct layout *L, const struct ann_label *lab, int nlab, int self,
                     int row, double a, double b, double sep)
{
	if (a < L->x0 - 0.01 || b > L->x1 + 0.01)
		return false;
	for (int i = 0; i < nlab; i++) {
		const struct ann_label *q = &lab[i];
		if (i == self)
			continue;
		if (i < self && q->row == row && a < q->b + sep && b > q->a - sep)
			return false;
		const char *t = L->c->ann[q->k].text;
		bool crosses = row == 0 ? t && *t : i < self && q->row == 1;
		if (crosses && q->pole > a - sep / 2 && q->pole < b + sep / 2)
			return false;
	}
	return true;
}

/*
 * Places each label at the top of the plot, beside its marker: right of it
 * on the row nearest the plot, else on the row above (staggered), else left
 * of the marker. A label is at most 30% of the plot wide (cut with "…");
 * when no place fits, it is cut shorter (to 70%, 50%, 35%) and tried
 * again, and left out (marker only) when even that does not fit.
 */
static void ann_place(const struct layout *L, struct ann_label *lab, int nlab, int nrows,
                      double fs)
{
	static const double frac[] = { 1, 0.7, 0.5, 0.35 };
	double pad = fs * 0.35, sep = fs * 0.8, cap = fmax((L->x1 - L->x0) * 0.3, fs * 8);
	for (int k = 0; k < nlab; k++) {
		struct ann_label *p = &lab[k];
		const char *s = L->c->ann[p->k].text;
		p->row = -1;
		if (!s || !*s || nrows < 1)
			continue;
		double full = fmin(dr_kit_tw(&L->k, fs, false, s), cap);
		for (size_t f = 0; f < DR_NELEM(frac) && p->row < 0; f++) {
			double maxw = full * frac[f];
			if (f > 0 && maxw < fs * 2.5)
				break;
			dr_kit_fit(&L->k, s, fs, false, maxw, p->text, sizeof p->text);
			double wd = dr_kit_tw(&L->k, fs, false, p->text);
			for (int side = 0; side < 2 && p->row < 0; side++)
				for (int row = 0; row < nrows && p->row < 0; row++) {
					double a = side ? p->pole - pad - wd : p->pole + pad;
					if (ann_fits(L, lab, nlab, k, row, a, a + wd, sep)) {
						p->row = row;
						p->a = a;
						p->b = a + wd;
					}
				}
		}
	}
}

/* The baseline of annotation row 0 (nearest the plot) or 1. */
static double ann_base(const struct layout *L, int row, double fs)
{
	return L->y0 - fs * 0.45 - row * fs * 1.3;
}

/* Draws the annotation markers: dashed and light, or solid and darker for
 * a rebase; each runs from the plot's bottom to the top of its label. */
static void ann_markers(const struct layout *L, const struct ann_label *lab, int nlab, double fs)
{
	for (int k = 0; k < nlab; k++) {
		bool rebase = L->c->ann[lab[k].k].rebase;
		double top = lab[k].row < 0 ? L->y0 : ann_base(L, lab[k].row, fs) - fs * 0.8;
		dr_kit_group(&L->k, rebase ? "annotation rebase" : "annotation");
		dr_kit_pen(&L->k, rebase ? C_TEXT : C_MUTED, rebase ? L->k.lw * 0.9 : L->k.lw * 0.7,
		    rebase ? DR_DASH_SOLID : DR_DASH_DASHED);
		L->k.r->move_to(L->k.r->ctx, lab[k].pole, L->y1);
		L->k.r->line_to(L->k.r->ctx, lab[k].pole, top);
		L->k.r->stroke(L->k.r->ctx);
	}
}

/* Draws the placed annotation labels. */
static void ann_labels(const struct layout *L, const struct ann_label *lab, int nlab, double fs)
{
	bool any = false;
	for (int k = 0; k < nlab; k++) {
		if (lab[k].row < 0)
			continue;
		if (!any)
			dr_kit_group(&L->k, "annotation labels");
		any = true;
		dr_kit_text(&L->k, L->c->ann[lab[k].k].rebase ? C_INK : C_TEXT, lab[k].a, ann_base(L, lab[k].row, fs),
		     fs, false, DR_ALIGN_LEFT, lab[k].text);
	}
}

void dr_chart_draw_spc(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	struct dr_chart empty = *c;
	if (!c->pt)
		empty.n = 0;
	empty.has_target = c->has_target && dr_kit_ok(c->target);
	c = &empty;

	struct layout L = { .c = c };
	dr_kit_init(&L.k, r, w, h, c->min_text);
	x_domain(&L);
	char buf[TEXTMAX], lines[2][TEXTMAX];

	/* Top block: title (then the status words and the icons at the right
	 * end of its line, when they fit), subtitle. */
	double inner = w - 2 * L.k.pad;
	double title_base = L.k.pad + L.k.fs_title * 0.78;
	int nicons = dr_kit_icon_count(c);
	double isz = L.k.fs_title * 1.6, igap = isz * 0.25;
	double icons_w = nicons ? nicons * isz + (nicons - 1) * igap + L.k.fs_title * 0.6 : 0;
	if (icons_w > inner * 0.4) {
		nicons = 0;
		icons_w = 0;
	}
	uint32_t status_col = C_COMMON;
	char status_buf[64];
	const char *status = status_words(c, &status_col, status_buf, sizeof status_buf);
	double title_w = dr_kit_tw(&L.k, L.k.fs_title, true, c->title ? c->title : "");
	double status_w = status ? dr_kit_tw(&L.k, L.k.fs_sub, true, status) : 0;
	bool show_status = status && title_w + status_w + L.k.fs_title * 1.5 <= inner - icons_w;
	double cursor = title_base;
	int nsub = dr_kit_wrap(&L.k, c->subtitle, L.k.fs_sub, inner - icons_w, 2, lines);
	char sub[2][TEXTMAX];
	for (int i = 0; i < nsub; i++) {
		memcpy(sub[i], lines[i], TEXTMAX);
		cursor += L.k.fs_sub * (i == 0 ? 1.55 : 1.3);
	}
	double top = cursor + (nsub ? L.k.fs_sub * 0.5 : L.k.fs_title * 0.3) + L.k.fs_axis * 1.1;
	if (nicons)
		top = fmax(top, L.k.pad + isz + L.k.fs_axis * 0.8);

	/* Bottom block, from the bottom up: footnote, legend, x labels. */
	double bottom = h - L.k.pad;
	int nfoot = dr_kit_wrap(&L.k, c->footnote, L.k.fs_small, inner, 2, lines);
	double foot_base = bottom - L.k.fs_small * 0.25 - (nfoot - 1) * L.k.fs_small * 1.3;
	if (nfoot)
		bottom = foot_base - L.k.fs_small * 1.25;
	double legend_base = bottom - L.k.fs_small * 0.25;
	double legend_h = L.k.fs_small * 1.9;
	double xlab_h = L.k.fs_axis * 1.9;
	bool show_legend = bottom - legend_h - xlab_h - top >= h * 0.4 &&
	                   legend(&L, L.k.pad, legend_base, inner, true);
	if (show_legend)
		bottom -= legend_h;
	double xlab_base = bottom - L.k.fs_axis * 0.3;

	/* Annotation labels: one or two rows above the plot, when the plot
	 * keeps at least a third of the box. */
	struct ann_label ann[MAXANN];
	int nann = ann_collect(&L, ann, MAXANN), nrows = 0;
	double fs_ann = L.k.fs_small;
	for (int k = 0; k < nann && nrows < 2; k++)
		nrows += c->ann[ann[k].k].text && *c->ann[ann[k].k].text;
	while (nrows > 0 && bottom - xlab_h - top - nrows * fs_ann * 1.3 < h * 0.33)
		nrows--;
	top += nrows * fs_ann * 1.3;
	L.y0 = top;
	L.y1 = fmax(bottom - xlab_h, top + 10);

	/* Y axis: ticks from the data alone, then margins from label widths. */
	y_domain(&L);
	double lab_w = 0;
	for (int i = 0; i < L.yt.n; i++) {
		dr_chart_format_tick(c->unit, dr_chart_tick(&L.yt, i), &L.yt, buf, sizeof buf);
		lab_w = fmax(lab_w, dr_kit_tw(&L.k, L.k.fs_axis, false, buf));
	}
	L.x0 = L.k.pad + fmin(lab_w, w * 0.3) + L.k.fs_axis * 0.6;
	double last[3] = { last_run(c, H_CL), last_run(c, H_LCL), last_run(c, H_UCL) };
	struct edge_label el[4];
	L.x1 = w - L.k.pad;           /* provisional, for on_axis only */
	int nel = edge_labels(&L, el, last);
	double edge_w = 0, fs_edge = L.k.fs_small * 1.05;
	for (int i = 0; i < nel; i++)
		edge_w = fmax(edge_w, dr_kit_tw(&L.k, fs_edge, false, el[i].text));
	L.x1 = w - L.k.pad - (nel ? fmin(edge_w, w * 0.25) + fs_edge * 0.5 : L.k.fs_axis * 0.5);
	if (L.x1 < L.x0 + 10)
		L.x1 = L.x0 + 10;
	L.slot = L.nslots >= 1 ? (L.x1 - L.x0) / L.nslots : L.x1 - L.x0;
	nann = ann_collect(&L, ann, MAXANN);
	ann_place(&L, ann, nann, nrows, fs_ann);

	/* Grid and y labels. */
	dr_kit_group(&L.k, "grid");
	dr_kit_pen(&L.k, C_GRID, L.k.lw * 0.6, DR_DASH_SOLID);
	for (int i = 0; i < L.yt.n; i++) {
		double y = yval(&L, dr_chart_tick(&L.yt, i));
		r->move_to(r->ctx, L.x0, y);
		r->line_to(r->ctx, L.x1, y);
	}
	r->stroke(r->ctx);
	dr_kit_pen(&L.k, C_AXIS, L.k.lw * 0.7, DR_DASH_SOLID);
	double yaxis = L.yt.lo < 0 && L.yt.hi > 0 ? yval(&L, 0) : L.y1;
	r->move_to(r->ctx, L.x0, yaxis);
	r->line_to(r->ctx, L.x1, yaxis);
	r->stroke(r->ctx);
	dr_kit_ylabels(&L.k, c->unit, &L.yt, L.x0 - L.k.fs_axis * 0.6, L.y1, L.y0);
	x_labels(&L, xlab_base);

	/* Target, limits, centre. */
	if (c->has_target && isfinite(c->target) && on_axis(&L, c->target)) {
		dr_kit_group(&L.k, "line target");
		dr_kit_pen(&L.k, C_TARGET, L.k.lw * 1.4, DR_DASH_DOTTED);
		r->move_to(r->ctx, L.x0, yval(&L, c->target));
		r->line_to(r->ctx, L.x1, yval(&L, c->target));
		r->stroke(r->ctx);
	}
	dr_kit_group(&L.k, "line lcl");
	dr_kit_pen(&L.k, C_LIMIT, L.k.lw, DR_DASH_DASHED);
	draw_runs(&L, H_LCL, PH_ALL);
	dr_kit_group(&L.k, "line ucl");
	draw_runs(&L, H_UCL, PH_ALL);
	dr_kit_group(&L.k, "line mean");
	dr_kit_pen(&L.k, C_MEAN, L.k.lw, DR_DASH_SOLID);
	if (c->runs_signal) {
		/* qicharts2: the latest phase's centre dashed when the runs
		 * rules fire. */
		draw_runs(&L, H_CL, PH_EARLIER);
		dr_kit_group(&L.k, "line mean runs-signal");
		dr_kit_pen(&L.k, C_CONCERN, L.k.lw * 1.2, DR_DASH_DASHED);
		draw_runs(&L, H_CL, PH_LAST);
	} else {
		draw_runs(&L, H_CL, PH_ALL);
	}

	ann_markers(&L, ann, nann, fs_ann);

	/* The data line, broken at missing values. */
	size_t nvalid = 0, nseg = 0;
	for (size_t i = 0; i < c->n; i++) {
		nvalid += dr_kit_ok(c->pt[i].y);
		nseg += i > 0 && dr_kit_ok(c->pt[i].y) && dr_kit_ok(c->pt[i - 1].y);
	}
	if (nseg > 0) {
		dr_kit_group(&L.k, "line value");
		dr_kit_pen(&L.k, C_LINE, L.k.lw * 1.3, DR_DASH_SOLID);
		for (size_t i = 0; i < c->n; i++) {
			const struct dr_chart_point *p = &c->pt[i];
			if (!dr_kit_ok(p->y))
				continue;
			double x = xslot(&L, slot_of(&L, p->month)), y = yval(&L, p->y);
			if (i > 0 && dr_kit_ok(c->pt[i - 1].y))
				r->line_to(r->ctx, x, y);
			else
				r->move_to(r->ctx, x, y);
		}
		r->stroke(r->ctx);
	}

	/* Markers. */
	double rad = dr_kit_clamp(2.4 + 1.1 * L.k.u, 1.5, 6);
	rad = fmax(fmin(rad, L.slot * 0.3), 1.0);
	size_t closing = c->n;
	for (size_t i = 0; i < c->n; i++) {
		const struct dr_chart_point *p = &c->pt[i];
		if (!dr_kit_ok(p->y))
			continue;
		if (p->small_n) {
			small_n_marker(&L, c, i, rad);
			if (p->hollow)
				closing = i;
			continue;
		}
		/* A provisional point is never judged: hollow and grey. */
		enum dr_spc_point_type t = p->hollow ? DR_POINT_NONE : p->type;
		snprintf(buf, sizeof buf, "marker %s%s", dr_kit_type_word(t), p->hollow ? " hollow" : "");
		dr_kit_group(&L.k, buf);
		dr_kit_marker(&L.k, xslot(&L, slot_of(&L, p->month)), yval(&L, p->y), rad, t, p->hollow);
		if (p->hollow)
			closing = i;
	}
	if (closing < c->n)
		closing_label(&L, closing, xslot(&L, slot_of(&L, c->pt[closing].month)),
		              yval(&L, c->pt[closing].y), rad);
	if (nvalid == 0)
		dr_kit_nodata(&L.k, L.x0, L.y0, L.x1, L.y1, NULL);

	/* Right-edge labels, spread apart. */
	if (nel) {
		dr_kit_group(&L.k, "edge labels");
		for (int i = 0; i < nel; i++)
			el[i].y = yval(&L, el[i].y);
		spread(el, nel, fs_edge * 1.2, L.y0 - L.k.fs_axis * 0.5, L.y1 + L.k.fs_axis * 0.5);
		double ew = w - L.k.pad - (L.x1 + fs_edge * 0.5);
		double lo = L.y0 - L.k.fs_axis * 0.5 - 0.01, hi = L.y1 + L.k.fs_axis * 0.5 + 0.01;
		for (int i = 0; i < nel; i++) {
			if (el[i].ty < lo || el[i].ty > hi)
				continue;       /* more labels than a tiny plot has room for */
			dr_kit_text(&L.k, el[i].colour, L.x1 + fs_edge * 0.5, el[i].ty + fs_edge * 0.35,
			            fs_edge, false, DR_ALIGN_LEFT,
			            dr_kit_fit(&L.k, el[i].text, fs_edge, false, ew, buf, sizeof buf));
		}
	}

	/* Title block last, so nothing paints over it. */
	dr_kit_group(&L.k, "title");
	double right = w - L.k.pad - icons_w;     /* the title line's free right end */
	double title_max = show_status ? right - L.k.pad - status_w - L.k.fs_title * 1.5 : right - L.k.pad;
	dr_kit_text(&L.k, C_INK, L.k.pad, title_base, L.k.fs_title, true, DR_ALIGN_LEFT,
	     dr_kit_fit(&L.k, c->title, L.k.fs_title, true, title_max, buf, sizeof buf));
	if (show_status) {
		dr_kit_group(&L.k, "status");
		dr_kit_text(&L.k, status_col == C_COMMON ? C_TEXT : status_col, right, title_base, L.k.fs_sub,
		     true, DR_ALIGN_RIGHT, status);
	}
	if (nicons) {
		double ix = w - L.k.pad - isz;
		if (*dr_icon_assurance_name(c->assurance)) {
			dr_icon_draw_assurance(r, ix, L.k.pad, isz, c->assurance);
			ix -= isz + igap;
		}
		dr_icon_draw_variation(r, ix, L.k.pad, isz, c->variation, c->better);
	}
	ann_labels(&L, ann, nann, fs_ann);
	if (nsub) {
		dr_kit_group(&L.k, "subtitle");
		double y = title_base;
		for (int i = 0; i < nsub; i++) {
			y += L.k.fs_sub * (i == 0 ? 1.55 : 1.3);
			dr_kit_text(&L.k, C_TEXT, L.k.pad, y, L.k.fs_sub, false, DR_ALIGN_LEFT, sub[i]);
		}
	}
	if (show_legend)
		legend(&L, L.k.pad, legend_base, inner, false);
	if (nfoot) {
		dr_kit_group(&L.k, "footnote");
		for (int i = 0; i < nfoot; i++)
			dr_kit_text(&L.k, C_MUTED, L.k.pad, foot_base + i * L.k.fs_small * 1.3, L.k.fs_small, false,
			     DR_ALIGN_LEFT, lines[i]);
	}
}
