/*
 * chart-sparkline.c -- the sparkline: a word-sized line of a metric's
 * recent values, for the summary table of the packet (about 60 x 14
 * points, 13 months) and the KPI tile (chart-tile.c).
 *
 * Input:  c->pt[0..n) (y NAN: a gap; cl: the centre; type, grey when
 *         small_n: a rate on too few cases; hollow: a
 *         provisional value) and a box; c->n = 0 or c->pt NULL is empty.
 *         Nothing else of the chart is read: no title, unit or target.
 * Output: drawing calls only, in the groups "sparkline centre",
 *         "sparkline value", "sparkline special" and "sparkline last TYPE
 *         [hollow]" ("sparkline empty" when no value exists).
 * Look:   no text and no axes. A faint grey centre line per phase (broken
 *         between phases, stepping where the centre changes, so a
 *         rebased process shows its step), the value line (C_LINE, thin,
 *         broken at gaps; an isolated value is a small dot), small dots
 *         in the Making Data Count colour at special-cause values
 *         (concern: a diamond), and the last value as a larger dot in its
 *         type's colour with a white halo (open when provisional). No
 *         value at all: a faint dashed midline.
 * Layout: x by position in pt[] (a gap keeps its slot); y scaled to the
 *         values and the centre line only, never to limits or the target,
 *         so the shape shows; a flat series lies in the middle. Line width
 *         and dot size follow the box (4 x 4 up to 800 x 160 points); the
 *         padding holds the largest dot, so nothing is cut.
 * Never:  allocates, prints, draws text, draws outside its box, or emits a
 *         NAN/infinite coordinate (1e12 or 1e308 values, all NAN, n = 0).
 */
#include <math.h>
#include <stdio.h>

#include "chart-int.h"

/* The sparkline's own sizes and scale, in points. */
struct spark {
	const struct dr_kit *k;
	const struct dr_chart *c;
	double x0, x1, y0, y1;      /* the plot: dots' centres stay inside */
	double lo, hi;              /* value range; lo == hi: flat, drawn in the middle */
	double lw, rad;             /* value line width, last dot's radius */
};

/* The x of point i. */
static double sx(const struct spark *S, size_t i)
{
	if (S->c->n < 2)
		return (S->x0 + S->x1) / 2;
	return S->x0 + (S->x1 - S->x0) * (double)i / (double)(S->c->n - 1);
}

/* The y of value v (finite): the middle for a flat range. */
static double sy(const struct spark *S, double v)
{
	double t = 0.5;
	if (S->hi > S->lo) {
		t = (v - S->lo) / (S->hi - S->lo);
		if (!isfinite(t))       /* a range too wide for a double */
			t = (v / 2 - S->lo / 2) / (S->hi / 2 - S->lo / 2);
		t = isfinite(t) ? dr_kit_clamp(t, 0, 1) : 0.5;
	}
	return S->y1 - t * (S->y1 - S->y0);
}

/* A dot of point type t: a white halo, then a filled circle (concern: a
 * diamond), or an open one when hollow. */
static void dot(const struct spark *S, double x, double y, double rad,
                enum dr_spc_point_type t, bool hollow, bool halo)
{
	const struct dr_kit *k = S->k;
	bool diamond = t == DR_POINT_CONCERN;
	double ring = fmax(S->lw * 0.9, 0.5);
	if (halo || hollow) {
		dr_kit_pen(k, C_WHITE, ring, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, rad + (halo ? ring * 0.7 : 0), diamond);
		k->r->fill(k->r->ctx);
	}
	if (hollow) {
		dr_kit_pen(k, dr_chart_type_colour(t), ring, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, fmax(rad - ring / 2, ring / 2), diamond);
		k->r->stroke(k->r->ctx);
	} else {
		k->r->colour(k->r->ctx, dr_chart_type_colour(t));
		dr_kit_shape(k, x, y, rad, diamond);
		k->r->fill(k->r->ctx);
	}
}

/* The centre line: one segment per run of equal centres within a phase,
 * each a hair short of a phase boundary. */
static void centre(const struct spark *S)
{
	const struct dr_chart *c = S->c;
	double half = c->n > 1 ? (S->x1 - S->x0) / (double)(c->n - 1) / 2 : (S->x1 - S->x0) / 2;
	double gap = fmin(half * 0.5, S->lw * 1.5);
	bool any = false;
	size_t i = 0;
	while (i < c->n) {
		double v = c->pt[i].cl;
		if (!dr_kit_ok(v)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < c->n && c->pt[j + 1].cl == v && c->pt[j + 1].phase == c->pt[i].phase)
			j++;
		double xa = sx(S, i) - half, xb = sx(S, j) + half;
		if (i > 0 && c->pt[i - 1].phase != c->pt[i].phase)
			xa += gap;
		if (j + 1 < c->n && c->pt[j + 1].phase != c->pt[j].phase)
			xb -= gap;
		xa = dr_kit_clamp(xa, S->x0, S->x1);
		xb = dr_kit_clamp(xb, S->x0, S->x1);
		if (xb > xa) {
			if (!any) {
				dr_kit_group(S->k, "sparkline centre");
				dr_kit_pen(S->k, C_AXIS, fmax(S->lw * 0.7, 0.5), DR_DASH_SOLID);
			}
			S->k->r->move_to(S->k->r->ctx, xa, sy(S, v));
			S->k->r->line_to(S->k->r->ctx, xb, sy(S, v));
			any = true;
		}
		i = j + 1;
	}
	if (any)
		S->k->r->stroke(S->k->r->ctx);
}

/* The value line, broken at gaps; isolated values become small dots. */
static void values(const struct spark *S, size_t last)
{
	const struct dr_chart *c = S->c;
	const struct dr_render *r = S->k->r;
	size_t nseg = 0;
	for (size_t i = 1; i < c->n; i++)
		nseg += dr_kit_ok(c->pt[i].y) && dr_kit_ok(c->pt[i - 1].y);
	dr_kit_group(S->k, "sparkline value");
	if (nseg > 0) {
		dr_kit_pen(S->k, C_LINE, S->lw, DR_DASH_SOLID);
		for (size_t i = 0; i < c->n; i++) {
			if (!dr_kit_ok(c->pt[i].y))
				continue;
			if (i > 0 && dr_kit_ok(c->pt[i - 1].y))
				r->line_to(r->ctx, sx(S, i), sy(S, c->pt[i].y));
			else
				r->move_to(r->ctx, sx(S, i), sy(S, c->pt[i].y));
		}
		r->stroke(r->ctx);
	}
	bool any = false;
	for (size_t i = 0; i < c->n; i++) {
		bool before = i > 0 && dr_kit_ok(c->pt[i - 1].y);
		bool after = i + 1 < c->n && dr_kit_ok(c->pt[i + 1].y);
		if (!dr_kit_ok(c->pt[i].y) || before || after || i == last)
			continue;
		if (!any)
			r->colour(r->ctx, C_LINE);
		r->circle(r->ctx, sx(S, i), sy(S, c->pt[i].y), S->lw * 1.1);
		any = true;
	}
	if (any)
		r->fill(r->ctx);
}

void dr_kit_sparkline(const struct dr_kit *k, const struct dr_chart *c, double x, double y,
                      double w, double h)
{
	if (!k || !c || !isfinite(x) || !isfinite(y) || !isfinite(w) || !isfinite(h) ||
	    !(w > 0) || !(h > 0))
		return;
	struct dr_chart empty = *c;
	if (!c->pt)
		empty.n = 0;
	struct spark S = { .k = k, .c = &empty };

	/* Sizes: a thin line and a small dot at 60 x 14, heavier when big. */
	double s = fmin(h, w * 0.4), m = fmin(w, h);
	S.lw = fmin(dr_kit_clamp(0.5 + s * 0.02, 0.6, 2.0), m * 0.15);
	S.rad = fmin(dr_kit_clamp(0.9 + s * 0.035, 1.1, 4.5), m * 0.2);
	double pad = fmin(S.rad * 1.25 + S.lw * 0.9, m * 0.45);
	S.x0 = x + pad;
	S.x1 = x + w - pad;
	S.y0 = y + pad;
	S.y1 = y + h - pad;

	/* Scale: values and centres only. */
	size_t last = empty.n;
	S.lo = INFINITY;
	S.hi = -INFINITY;
	for (size_t i = 0; i < empty.n; i++) {
		double v[2] = { empty.pt[i].y, empty.pt[i].cl };
		for (int j = 0; j < 2; j++)
			if (dr_kit_ok(v[j])) {
				S.lo = fmin(S.lo, v[j]);
				S.hi = fmax(S.hi, v[j]);
			}
		if (dr_kit_ok(empty.pt[i].y))
			last = i;
	}
	if (last == empty.n) {
		dr_kit_group(k, "sparkline empty");
		dr_kit_pen(k, C_AXIS, fmax(S.lw * 0.7, 0.5), DR_DASH_DASHED);
		k->r->move_to(k->r->ctx, S.x0, y + h / 2);
		k->r->line_to(k->r->ctx, S.x1, y + h / 2);
		k->r->stroke(k->r->ctx);
		return;
	}
	/* A range that is nothing beside its values is flat. */
	if (!(S.hi - S.lo > 1e-12 * fmax(fabs(S.hi), fabs(S.lo))))
		S.hi = S.lo;

	centre(&S);
	values(&S, last);

	/* Special-cause values: small dots in their colour. */
	bool any = false;
	for (size_t i = 0; i < last; i++) {
		const struct dr_chart_point *p = &empty.pt[i];
		if (!dr_kit_ok(p->y) || !dr_kit_is_special(p->type) || p->small_n)
			continue;       /* a rate on too few cases is never judged */
		if (!any)
			dr_kit_group(k, "sparkline special");
		any = true;
		dot(&S, sx(&S, i), sy(&S, p->y), fmax(S.rad * 0.65, 0.6), p->type, p->hollow,
		    false);
	}

	/* The last value, on top. */
	char name[64];
	const struct dr_chart_point *p = &empty.pt[last];
	enum dr_spc_point_type t = p->small_n ? DR_POINT_COMMON : p->type;
	snprintf(name, sizeof name, "sparkline last %s%s", dr_kit_type_word(t),
	         p->hollow ? " hollow" : "");
	dr_kit_group(k, name);
	dot(&S, sx(&S, last), sy(&S, p->y), S.rad, t, p->hollow, true);
}

void dr_chart_draw_sparkline(const struct dr_chart *c, const struct dr_render *r, double w,
                             double h)
{
	struct dr_kit k;
	dr_kit_init(&k, r, w, h, c->min_text);
	dr_kit_sparkline(&k, c, 0, 0, w, h);
}
