/*
 * chart-funnel.c -- the funnel plot (DR_CHART_FUNNEL): each group's rate
 *         against its size, with the pooled rate and the 95% and 99.8%
 *         limits around it, e.g. "No-show rate by provider".
 *
 * Input:  c->fpt[0..nfpt) (shown groups only: size n, rate, label, flag),
 *         c->funnel (funnel.h, as judged from them; NULL: no comparison
 *         possible), c->funnel_labels, c->x_label / y_label, c->unit,
 *         c->better (colours only), title, subtitle, footnote (the
 *         caption naming the limits' model); a backend and a w x h box.
 * Output: drawing calls only, in this order: title block, footnote,
 *         legend, grid and axes, axis titles, the funnel's curves (99.8%,
 *         95%), the target, the points (within, outside 95%, outside
 *         99.8%), the labels of points outside 99.8%; groups named "grid",
 *         "ylabels", "xlabels", "axis titles", "funnel 99.8", "funnel 95",
 *         "target", "points small-n", "points within", "points outside 95",
 *         "points outside 99.8", "point labels", "legend".
 * Look:   the kit's sizes; points are circles: grey within the 95%
 *         limits, an open ring outside 95%, filled outside 99.8%, in the
 *         Making Data Count colour of their direction (c->better: higher
 *         is improvement blue or concern orange; neutral purple). The
 *         99.8% curves are solid, the 95% ones dashed, the target a solid
 *         darker line ("All groups 8.1%" in the legend, whose marks are
 *         dark grey: shapes there, colours on the points). Curves are sampled at 160 sizes across the x axis
 *         with dr_funnel_limit and break where they leave the plot; they
 *         stop at a size (or expected count) of a million, past which
 *         the exact quantiles grow slow and the limits are within 0.2
 *         points of the target.
 *         The x axis is logarithmic (1-2-5 ticks) when the largest group
 *         is 20 or more times the smallest, else linear from zero.
 *         A rate on too few cases (small_n) is a small light grey dot,
 *         never judged or labelled ("too few cases" in the legend).
 *         Labels (outside 99.8%, with funnel_labels only) sit beside their
 *         point, cut to a quarter of the plot, and one that would touch
 *         an earlier label is left out.
 * Never:  allocates, prints, draws outside the box or a NAN coordinate;
 *         draws points without a funnel (then "No comparison possible").
 *         Tests: test-gallery.c (tests/gallery/g-funnel.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"

#define SAMPLES 160
#define MAXLABELS 40
/* The largest size (and expected count, n times the target) the curves
 * are computed at: the exact quantiles cost more as the count grows, and
 * past it the limits lie within 0.2 percentage points of the target. */
#define CURVE_NMAX 1e6

struct layout {
	struct dr_kit k;
	const struct dr_chart *c;
	double x0, x1, y0, y1;      /* plot: left, right, top, bottom */
	bool log_x;
	double nlo, nhi;            /* x axis range (sizes) */
	struct dr_chart_ticks ty;   /* y axis */
};

/* The flag point p is drawn with: none (within) for a rate on too few cases. */
static enum dr_funnel_flag shown_flag(const struct dr_chart_funnel_point *p)
{
	return p->small_n ? DR_FUNNEL_WITHIN : p->flag;
}

/* Whether point p can be drawn. */
static bool drawable(const struct dr_chart_funnel_point *p)
{
	return dr_kit_ok(p->n) && p->n > 0 && dr_kit_ok(p->rate) && p->flag != DR_FUNNEL_NO_N;
}

static double xpos(const struct layout *L, double n)
{
	double f = L->log_x ? (log10(n) - log10(L->nlo)) / (log10(L->nhi) - log10(L->nlo))
	                    : (n - L->nlo) / (L->nhi - L->nlo);
	double x = L->x0 + f * (L->x1 - L->x0);
	return isfinite(x) ? dr_kit_clamp(x, L->x0, L->x1) : L->x0;
}

/* The funnel's limit at size n for lower-tail q, or NAN past CURVE_NMAX. */
static double limit_at(const struct layout *L, double n, double q)
{
	double t = L->c->funnel->target;
	if (!(n > 0) || n > CURVE_NMAX || !(fabs(n * t) <= CURVE_NMAX))
		return NAN;
	return dr_kit_v(dr_funnel_limit(L->c->funnel, n, q));
}

/* The size at fraction f of the x axis. */
static double size_at(const struct layout *L, double f)
{
	return L->log_x ? pow(10, log10(L->nlo) + f * (log10(L->nhi) - log10(L->nlo)))
	                : L->nlo + f * (L->nhi - L->nlo);
}

static double ypos_raw(const struct layout *L, double v)
{
	return L->y1 - (v - L->ty.lo) / (L->ty.hi - L->ty.lo) * (L->y1 - L->y0);
}

static double ypos(const struct layout *L, double v)
{
	double y = ypos_raw(L, v);
	return isfinite(y) ? dr_kit_clamp(y, L->y0, L->y1) : L->y1;
}

/* The colour of a point outside the limits in direction up (higher). */
static uint32_t direction_colour(const struct dr_chart *c, bool up)
{
	if (c->better == 0)
		return C_NEUTRAL;
	return (c->better > 0) == up ? C_IMPROVE : C_CONCERN;
}

static bool is_above(enum dr_funnel_flag f)
{
	return f == DR_FUNNEL_ABOVE_95 || f == DR_FUNNEL_ABOVE_998;
}

static bool is_998(enum dr_funnel_flag f)
{
	return f == DR_FUNNEL_ABOVE_998 || f == DR_FUNNEL_BELOW_998;
}

static bool is_95(enum dr_funnel_flag f)
{
	return f == DR_FUNNEL_ABOVE_95 || f == DR_FUNNEL_BELOW_95;
}

/* The x axis over the drawable points' sizes. */
static bool x_axis(struct layout *L)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < L->c->nfpt; i++)
		if (drawable(&L->c->fpt[i])) {
			lo = fmin(lo, L->c->fpt[i].n);
			hi = fmax(hi, L->c->fpt[i].n);
		}
	if (!(hi > 0))
		return false;
	L->log_x = hi / lo >= 20;
	if (L->log_x) {
		L->nlo = pow(10, floor(log10(lo)));
		L->nhi = pow(10, ceil(log10(hi)));
		if (L->nhi <= L->nlo)
			L->nhi = L->nlo * 10;
	} else {
		struct dr_chart_ticks t;
		dr_chart_ticks(0, hi * 1.04, 5, &t);     /* no point on the right edge */
		dr_kit_whole_ticks(DR_UNIT_COUNT, &t);
		L->nlo = 0;
		L->nhi = t.hi > 0 ? t.hi : 1;
	}
	return true;
}

/* The y axis over the points, the target and the 99.8% limits at the
 * largest size, a little air around; a share stays within 0..100%. */
static void y_axis(struct layout *L)
{
	const struct dr_chart *c = L->c;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < c->nfpt; i++)
		if (drawable(&c->fpt[i])) {
			lo = fmin(lo, c->fpt[i].rate);
			hi = fmax(hi, c->fpt[i].rate);
		}
	double t = c->funnel ? dr_kit_v(c->funnel->target) : NAN;
	if (isfinite(t)) {
		lo = fmin(lo, t);
		hi = fmax(hi, t);
	}
	double nmax = -INFINITY;
	for (size_t i = 0; i < c->nfpt; i++)
		if (drawable(&c->fpt[i]))
			nmax = fmax(nmax, c->fpt[i].n);
	if (c->funnel && isfinite(nmax)) {
		double a = limit_at(L, nmax, 0.001), b = limit_at(L, nmax, 0.999);
		if (isfinite(a))
			lo = fmin(lo, a);
		if (isfinite(b))
			hi = fmax(hi, b);
	}
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	double air = (hi - lo) * 0.15;
	lo -= air;
	hi += air;
	if (c->unit == DR_UNIT_PERCENT || c->unit == DR_UNIT_COUNT) {
		lo = fmax(lo, 0);
		if (c->unit == DR_UNIT_PERCENT)
			hi = fmin(hi, 1);
	}
	dr_chart_ticks(lo, hi, DR_KIT_YTICKS, &L->ty);
	if (c->unit == DR_UNIT_PERCENT) {
		L->ty.lo = fmax(L->ty.lo, 0);
		L->ty.hi = fmin(L->ty.hi, 1);
		L->ty.n = (int)floor((L->ty.hi - L->ty.lo) / L->ty.step + 1e-9) + 1;
		if (L->ty.n < 2) {
			L->ty.lo = 0;
			L->ty.hi = 1;
			L->ty.step = 0.2;
			L->ty.n = 6;
		}
	}
}

/* A size as an axis label: "1,000", "20". */
static void size_label(double n, char *out, size_t size)
{
	dr_chart_format_value(DR_UNIT_COUNT, n, 0, out, size);
}

static void draw_grid(const struct layout *L)
{
	const struct dr_render *r = L->k.r;
	const struct dr_kit *k = &L->k;
	dr_kit_group(k, "grid");
	dr_kit_pen(k, C_GRID, k->lw * 0.6, DR_DASH_SOLID);
	for (int i = 0; i < L->ty.n; i++) {
		double y = ypos(L, dr_chart_tick(&L->ty, i));
		r->move_to(r->ctx, L->x0, y);
		r->line_to(r->ctx, L->x1, y);
	}
	r->stroke(r->ctx);
	dr_kit_pen(k, C_AXIS, k->lw * 0.7, DR_DASH_SOLID);
	r->move_to(r->ctx, L->x0, L->y0);
	r->line_to(r->ctx, L->x0, L->y1);
	r->line_to(r->ctx, L->x1, L->y1);
	r->stroke(r->ctx);
	dr_kit_ylabels(k, L->c->unit, &L->ty, L->x0 - k->fs_axis * 0.5, L->y1, L->y0);

	/* x ticks: 1-2-5 per decade on a log axis, nice steps on a linear one,
	 * thinned so that labels never touch. */
	double ticks[64];
	int nt = 0;
	if (L->log_x) {
		for (double d = L->nlo; d <= L->nhi * 1.0001 && nt < 60; d *= 10)
			for (int m = 0; m < 3 && nt < 60; m++) {
				double v = d * (m == 0 ? 1 : m == 1 ? 2 : 5);
				if (v <= L->nhi * 1.0001)
					ticks[nt++] = v;
			}
	} else {
		struct dr_chart_ticks t;
		dr_chart_ticks(0, L->nhi, 5, &t);
		dr_kit_whole_ticks(DR_UNIT_COUNT, &t);
		for (int i = 0; i < t.n && nt < 60; i++)
			if (dr_chart_tick(&t, i) <= L->nhi * 1.0001)
				ticks[nt++] = dr_chart_tick(&t, i);
	}
	char buf[64];
	double fs = k->fs_axis, last = -INFINITY;
	dr_kit_group(k, "xlabels");
	r->colour(r->ctx, C_TEXT);
	for (int i = 0; i < nt; i++) {
		double x = xpos(L, ticks[i]);
		size_label(ticks[i], buf, sizeof buf);
		double tw = dr_kit_tw(k, fs, false, buf);
		if (x - tw / 2 < last + fs * 0.8)
			continue;
		dr_kit_text_centred(k, x, L->y1 + fs * 1.2, fs, buf);
		last = x + tw / 2;
	}
}

/* One curve of the funnel at lower-tail probability q, broken where it
 * leaves the plot. */
static void draw_curve(const struct layout *L, double q)
{
	const struct dr_render *r = L->k.r;
	bool down = false, any = false;
	for (int i = 0; i <= SAMPLES; i++) {
		double f = (double)i / SAMPLES, n = size_at(L, f);
		if (!(n > 0)) {
			down = false;
			continue;
		}
		double v = limit_at(L, n, q);
		double y = isfinite(v) ? ypos_raw(L, v) : NAN;
		/* Off the plot, or on its edge (a lower limit of 0 would run
		 * along the axis): the pen lifts. */
		if (!isfinite(y) || y < L->y0 + 0.01 || y > L->y1 - 0.01) {
			down = false;
			continue;
		}
		double x = L->x0 + f * (L->x1 - L->x0);
		if (down)
			r->line_to(r->ctx, x, y);
		else
			r->move_to(r->ctx, x, y);
		down = any = true;
	}
	if (any)
		r->stroke(r->ctx);
}

static void draw_points(const struct layout *L, double rad)
{
	const struct dr_render *r = L->k.r;
	const struct dr_chart *c = L->c;
	static const char *const names[] = { "points within", "points outside 95",
	                                     "points outside 99.8" };
	bool any_small = false;
	for (size_t i = 0; i < c->nfpt; i++) {
		const struct dr_chart_funnel_point *p = &c->fpt[i];
		if (!drawable(p) || !p->small_n)
			continue;
		if (!any_small) {
			dr_kit_group(&L->k, "points small-n");
			r->colour(r->ctx, C_AXIS);
		}
		any_small = true;
		r->circle(r->ctx, xpos(L, p->n), ypos(L, p->rate), rad * 0.7);
	}
	if (any_small)
		r->fill(r->ctx);
	for (int pass = 0; pass < 3; pass++)
		for (int up = 0; up < 2; up++) {
			bool any = false;
			for (size_t i = 0; i < c->nfpt; i++) {
				const struct dr_chart_funnel_point *p = &c->fpt[i];
				if (!drawable(p) || p->small_n)
					continue;
				enum dr_funnel_flag fl = shown_flag(p);
				int kind = is_998(fl) ? 2 : is_95(fl) ? 1 : 0;
				if (kind != pass || (pass > 0 && is_above(fl) != (up == 1)) ||
				    (pass == 0 && up == 1))
					continue;
				if (!any) {
					dr_kit_group(&L->k, names[pass]);
					uint32_t col = pass ? direction_colour(c, up == 1) : C_COMMON;
					dr_kit_pen(&L->k, col, L->k.lw * 1.3, DR_DASH_SOLID);
				}
				any = true;
				r->circle(r->ctx, xpos(L, p->n), ypos(L, p->rate),
				          pass == 0 ? rad * 0.8 : rad);
			}
			if (any && pass == 1)
				r->stroke(r->ctx);      /* rings */
			else if (any)
				r->fill(r->ctx);
		}
}

/* The labels of points outside 99.8%, beside them, never on each other. */
static void draw_labels(const struct layout *L, double rad)
{
	const struct dr_chart *c = L->c;
	const struct dr_kit *k = &L->k;
	double box[MAXLABELS][4];
	int nbox = 0;
	bool group = false;
	double fs = k->fs_small;
	for (size_t i = 0; i < c->nfpt && nbox < MAXLABELS; i++) {
		const struct dr_chart_funnel_point *p = &c->fpt[i];
		if (!drawable(p) || !is_998(shown_flag(p)) || !p->label || !*p->label)
			continue;
		char buf[TEXTMAX];
		dr_kit_fit(k, p->label, fs, false, (L->x1 - L->x0) * 0.25, buf, sizeof buf);
		double tw = dr_kit_tw(k, fs, false, buf), x = xpos(L, p->n), y = ypos(L, p->rate);
		bool left = x + rad * 1.6 + tw > L->x1;
		double a = left ? x - rad * 1.6 - tw : x + rad * 1.6;
		a = dr_kit_clamp(a, k->pad, k->w - k->pad - tw);
		double base = dr_kit_clamp(y + fs * 0.35, L->y0 + fs, L->y1);
		double b[4] = { a - 1, base - fs, a + tw + 1, base + fs * 0.3 };
		bool clash = false;
		for (int j = 0; j < nbox && !clash; j++)
			clash = !(b[2] < box[j][0] || b[0] > box[j][2] || b[3] < box[j][1] ||
			          b[1] > box[j][3]);
		if (clash)
			continue;
		memcpy(box[nbox++], b, sizeof b);
		if (!group)
			dr_kit_group(k, "point labels");
		group = true;
		dr_kit_text(k, C_INK, a, base, fs, false, DR_ALIGN_LEFT, buf);
	}
}

/* The legend row at baseline y from x, only what fits, in order. */
static void draw_legend(const struct layout *L, double y, bool any95, bool any998, bool anysmall)
{
	const struct dr_kit *k = &L->k;
	const struct dr_render *r = k->r;
	const struct dr_chart *c = L->c;
	char target[96], num[64];
	dr_chart_format_value(c->unit, c->funnel->target, -1, num, sizeof num);
	snprintf(target, sizeof target, "All groups %s", num);
	struct {
		const char *text;
		int mark;                /* 0 solid line, 1 dashed, 2 thin solid, 3 ring, 4 dot */
	} item[] = { { target, 0 }, { "95% limits", 1 }, { "99.8% limits", 2 },
	             { "outside 95%", 3 }, { "outside 99.8%", 4 }, { "too few cases", 5 } };
	double fs = k->fs_small, x = L->x0, right = k->w - k->pad, sw = fs * 2.2;
	dr_kit_group(k, "legend");
	for (size_t i = 0; i < sizeof item / sizeof item[0]; i++) {
		if ((item[i].mark == 3 && !any95) || (item[i].mark == 4 && !any998) ||
		    (item[i].mark == 5 && !anysmall))
			continue;
		double tw = dr_kit_tw(k, fs, false, item[i].text);
		if (x + sw + fs * 0.4 + tw > right)
			break;
		double my = y - fs * 0.33;
		switch (item[i].mark) {
		case 0: case 1: case 2:
			dr_kit_pen(k, item[i].mark == 0 ? C_MEAN : C_LIMIT,
			           item[i].mark == 0 ? k->lw * 1.2 : k->lw,
			           item[i].mark == 1 ? DR_DASH_DASHED : DR_DASH_SOLID);
			r->move_to(r->ctx, x, my);
			r->line_to(r->ctx, x + sw, my);
			r->stroke(r->ctx);
			break;
		case 3:     /* the marks' shapes; their colours say the direction */
			dr_kit_pen(k, C_LINE, k->lw * 1.3, DR_DASH_SOLID);
			r->circle(r->ctx, x + sw / 2, my, fs * 0.35);
			r->stroke(r->ctx);
			break;
		default:
			r->colour(r->ctx, item[i].mark == 5 ? C_AXIS : C_LINE);
			r->circle(r->ctx, x + sw / 2, my, fs * (item[i].mark == 5 ? 0.3 : 0.4));
			r->fill(r->ctx);
			break;
		}
		dr_kit_text(k, C_TEXT, x + sw + fs * 0.4, y, fs, false, DR_ALIGN_LEFT, item[i].text);
		x += sw + fs * 0.4 + tw + fs * 1.4;
	}
}

void dr_chart_draw_funnel(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	struct dr_chart safe = *c;
	if (!c->fpt)
		safe.nfpt = 0;
	c = &safe;
	struct layout L = { .c = c };
	struct dr_kit *k = &L.k;
	dr_kit_init(k, r, w, h, c->min_text);

	double top = dr_kit_header(k, c, 0, false);
	double legend_h = k->fs_small * 1.8, axis_h = k->fs_axis * 3.0;
	double bottom = dr_kit_footnote(k, c, false);
	bool foot = true;
	if (bottom - top - legend_h - axis_h < k->fs_axis * 4) {
		foot = false;
		bottom = h - k->pad;
	}
	dr_kit_header(k, c, 0, true);
	if (foot)
		dr_kit_footnote(k, c, true);
	if (!c->funnel || !dr_kit_ok(c->funnel->target)) {
		dr_kit_nodata(k, k->pad, top, w - k->pad, bottom,
		              c->nfpt ? "No comparison possible" : "No group to compare");
		return;
	}
	L.c = c;
	if (!x_axis(&L)) {
		dr_kit_nodata(k, k->pad, top, w - k->pad, bottom, "No group to compare");
		return;
	}
	if (bottom - top - legend_h - axis_h < k->fs_axis * 3)
		return;
	y_axis(&L);

	/* The y labels' column, measured. */
	double ylab_w = 0;
	char buf[64];
	for (int i = 0; i < L.ty.n; i++) {
		dr_chart_format_tick(c->unit, dr_chart_tick(&L.ty, i), &L.ty, buf, sizeof buf);
		ylab_w = fmax(ylab_w, dr_kit_tw(k, k->fs_axis, false, buf));
	}
	L.x0 = k->pad + fmin(ylab_w, w * 0.2) + k->fs_axis * 0.9;
	L.x1 = w - k->pad - k->fs_axis * 0.5;
	L.y0 = top + legend_h + (c->y_label ? k->fs_small * 1.3 : 0);
	L.y1 = bottom - axis_h;
	if (L.x1 - L.x0 < 20 || L.y1 - L.y0 < 10)
		return;

	bool any95 = false, any998 = false, anysmall = false;
	for (size_t i = 0; i < c->nfpt; i++)
		if (drawable(&c->fpt[i])) {
			any95 |= is_95(shown_flag(&c->fpt[i]));
			any998 |= is_998(shown_flag(&c->fpt[i]));
			anysmall |= c->fpt[i].small_n;
		}
	draw_legend(&L, top + k->fs_small * 0.9, any95, any998, anysmall);
	draw_grid(&L);

	/* Axis titles: the rate over its axis, the size under the x axis. */
	char cut[TEXTMAX];
	dr_kit_group(k, "axis titles");
	if (c->y_label)
		dr_kit_text(k, C_TEXT, k->pad, L.y0 - k->fs_small * 0.9, k->fs_small, false,
		            DR_ALIGN_LEFT, dr_kit_fit(k, c->y_label, k->fs_small, false, w - 2 * k->pad,
		                                      cut, sizeof cut));
	const char *xl = c->x_label ? c->x_label : "Size (n)";
	char xt[TEXTMAX];
	snprintf(xt, sizeof xt, "%s%s", xl, L.log_x ? ", log scale" : "");
	dr_kit_text(k, C_TEXT, (L.x0 + L.x1) / 2, L.y1 + k->fs_axis * 2.6, k->fs_small, false,
	            DR_ALIGN_CENTER, dr_kit_fit(k, xt, k->fs_small, false, L.x1 - L.x0, cut,
	                                        sizeof cut));

	dr_kit_group(k, "funnel 99.8");
	dr_kit_pen(k, C_LIMIT, k->lw, DR_DASH_SOLID);
	draw_curve(&L, 0.001);
	draw_curve(&L, 0.999);
	dr_kit_group(k, "funnel 95");
	dr_kit_pen(k, C_LIMIT, k->lw, DR_DASH_DASHED);
	draw_curve(&L, 0.025);
	draw_curve(&L, 0.975);
	dr_kit_group(k, "target");
	dr_kit_pen(k, C_MEAN, k->lw * 1.2, DR_DASH_SOLID);
	r->move_to(r->ctx, L.x0, ypos(&L, c->funnel->target));
	r->line_to(r->ctx, L.x1, ypos(&L, c->funnel->target));
	r->stroke(r->ctx);

	double rad = k->fs_axis * 0.38;
	draw_points(&L, rad);
	if (c->funnel_labels)
		draw_labels(&L, rad);
}
