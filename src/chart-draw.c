/*
 * chart-draw.c -- lays out one SPC line chart and draws it on any backend.
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
 *         #361475 circle), provisional points hollow; solid mean, dashed
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
 *         item by item when the row is too narrow. Count and percent axes
 *         never run below 0 (percent: above 100%) for a limit's sake; such
 *         a limit is left off the plot.
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

#define C_INK        0x212b32u  /* title */
#define C_TEXT       0x425563u  /* subtitle, axis labels */
#define C_MUTED      0x768692u  /* footnote, "no data" */
#define C_GRID       0xe4e8eau
#define C_AXIS       0xaeb7bdu
#define C_LINE       0x3d4852u  /* the data line */
#define C_MEAN       0x5c6b77u
#define C_LIMIT      0x8a969fu
#define C_TARGET     0xd5281bu
#define C_COMMON     0x8a8d8fu
#define C_IMPROVE    0x289de0u
#define C_CONCERN    0xed8b00u
#define C_NEUTRAL    0x361475u
#define C_WHITE      0xffffffu

#define TEXTMAX 512             /* longest text drawn, in bytes */
#define MAXANN 32               /* annotations drawn; later ones are left out */

/* Everything the layout decides, in points, y-down. */
struct layout {
	const struct dr_chart *c;
	const struct dr_render *r;
	double w, h;
	double u;                   /* size factor: 0 at 520 pt wide, 1 at 800 */
	double pad;                 /* outer margin */
	double fs_title, fs_sub, fs_axis, fs_small;
	double lw;                  /* base line width */
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

/* Clamps v into [lo, hi]. */
static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Names the next drawing calls when the backend cares. */
static void group(const struct layout *L, const char *name)
{
	if (L->r->group)
		L->r->group(L->r->ctx, name);
}

/* Sets colour, width and dash in one call (between paths only). */
static void pen(const struct layout *L, uint32_t rgb, double width, enum dr_render_dash d)
{
	L->r->colour(L->r->ctx, rgb);
	L->r->line_width(L->r->ctx, width);
	L->r->dash(L->r->ctx, d);
}

/* Width of s in points. */
static double tw(const struct layout *L, double size, bool bold, const char *s)
{
	return L->r->text_width(L->r->ctx, size, bold, s);
}

/* Draws s in colour rgb. */
static void text(const struct layout *L, uint32_t rgb, double x, double y, double size,
                 bool bold, enum dr_render_align a, const char *s)
{
	L->r->colour(L->r->ctx, rgb);
	L->r->text(L->r->ctx, x, y, size, bold, a, s);
}

/* Copies at most size - 1 bytes of s into out without splitting a UTF-8
 * character; returns the length copied. */
static size_t copy_cut(char *out, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;    /* s[n] continues a character: cut before it */
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

/* Copies s into buf (at most TEXTMAX bytes), cut at a character boundary
 * with "…" so that it is at most maxw wide; returns buf. */
static const char *fit(const struct layout *L, const char *s, double size, bool bold,
                       double maxw, char *buf, size_t bufsize)
{
	static const char ellipsis[] = "\u2026";
	if (bufsize > TEXTMAX)
		bufsize = TEXTMAX;
	size_t len = copy_cut(buf, bufsize, s ? s : "");
	maxw += 0.01;               /* a label measured to set the margin fits it */
	if (tw(L, size, bold, buf) <= maxw)
		return buf;
	char tmp[TEXTMAX + sizeof ellipsis];
	while (len > 0) {
		do
			len--;
		while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
		while (len > 0 && buf[len - 1] == ' ')
			len--;
		if (len + sizeof ellipsis > bufsize)
			continue;
		memcpy(tmp, buf, len);
		memcpy(tmp + len, ellipsis, sizeof ellipsis);
		if (tw(L, size, bold, tmp) <= maxw)
			break;
	}
	if (len == 0)
		memcpy(tmp, ellipsis, sizeof ellipsis);
	copy_cut(buf, bufsize, tmp);
	return buf;
}

/*
 * Splits s into at most maxlines lines no wider than maxw, breaking at
 * spaces; the last line takes the rest, cut with "…". Returns the count.
 */
static int wrap(const struct layout *L, const char *s, double size, double maxw, int maxlines,
                char lines[][TEXTMAX])
{
	int n = 0;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	while (*s && n < maxlines) {
		if (n == maxlines - 1) {
			fit(L, s, size, false, maxw, lines[n++], TEXTMAX);
			break;
		}
		/* Longest prefix ending before a space that fits. */
		size_t best = 0, i = 0, len = strlen(s);
		char tmp[TEXTMAX];
		while (i <= len) {
			if (s[i] == ' ' || s[i] == '\0') {
				if (i >= TEXTMAX)
					break;
				snprintf(tmp, sizeof tmp, "%.*s", (int)i, s);
				if (tw(L, size, false, tmp) > maxw)
					break;
				best = i;
				if (s[i] == '\0')
					break;
			}
			i++;
		}
		if (best == 0) {        /* one word wider than the line */
			fit(L, s, size, false, maxw, lines[n++], TEXTMAX);
			break;
		}
		snprintf(lines[n++], TEXTMAX, "%.*s", (int)best, s);
		s += best;
		while (*s == ' ')
			s++;
	}
	return n;
}

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
	return which == H_CL ? p->cl : which == H_LCL ? p->lcl : p->ucl;
}

uint32_t dr_chart_type_colour(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_IMPROVEMENT: return C_IMPROVE;
	case DR_POINT_CONCERN: return C_CONCERN;
	case DR_POINT_NEUTRAL_HIGH:
	case DR_POINT_NEUTRAL_LOW: return C_NEUTRAL;
	default: return C_COMMON;
	}
}

/* Short name of a point type for trace groups. */
static const char *type_word(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_IMPROVEMENT: return "improvement";
	case DR_POINT_CONCERN: return "concern";
	case DR_POINT_NEUTRAL_HIGH: return "neutral-high";
	case DR_POINT_NEUTRAL_LOW: return "neutral-low";
	case DR_POINT_COMMON: return "common";
	default: return "none";
	}
}

/* True for the special-cause types. */
static bool is_special(enum dr_spc_point_type t)
{
	return t == DR_POINT_IMPROVEMENT || t == DR_POINT_CONCERN ||
	       t == DR_POINT_NEUTRAL_HIGH || t == DR_POINT_NEUTRAL_LOW;
}

/* Adds the outline of a marker shape (circle or diamond) of radius rad. */
static void shape(const struct layout *L, double x, double y, double rad, bool diamond)
{
	if (diamond) {
		double d = rad * 1.25;
		L->r->move_to(L->r->ctx, x, y - d);
		L->r->line_to(L->r->ctx, x + d, y);
		L->r->line_to(L->r->ctx, x, y + d);
		L->r->line_to(L->r->ctx, x - d, y);
		L->r->close(L->r->ctx);
	} else {
		L->r->circle(L->r->ctx, x, y, rad);
	}
}

/* Draws one marker: small grey circle for common cause, a larger filled
 * shape with a ring for special cause, an open shape when hollow. */
static void marker(const struct layout *L, double x, double y, double rad,
                   enum dr_spc_point_type t, bool hollow)
{
	uint32_t col = dr_chart_type_colour(t);
	bool special = is_special(t), diamond = t == DR_POINT_CONCERN;
	double r = special ? rad * 1.3 : rad;
	double ring = L->lw * 0.8;
	if (hollow) {
		pen(L, C_WHITE, ring, DR_DASH_SOLID);
		shape(L, x, y, r, diamond);
		L->r->fill(L->r->ctx);
		pen(L, col, ring * 1.3, DR_DASH_SOLID);
		shape(L, x, y, r - ring * 0.65, diamond);
		L->r->stroke(L->r->ctx);
		return;
	}
	if (special) {
		pen(L, C_WHITE, ring, DR_DASH_SOLID);
		shape(L, x, y, r + ring * 2.2, diamond);
		L->r->fill(L->r->ctx);
		pen(L, col, ring, DR_DASH_SOLID);
		shape(L, x, y, r + ring * 1.6, diamond);
		L->r->stroke(L->r->ctx);
	} else {
		pen(L, C_WHITE, ring, DR_DASH_SOLID);
		shape(L, x, y, r + ring * 0.7, diamond);
		L->r->fill(L->r->ctx);
	}
	L->r->colour(L->r->ctx, col);
	shape(L, x, y, r, diamond);
	L->r->fill(L->r->ctx);
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
			xa = clampd(xa, L->x0, L->x1);
			xb = clampd(xb, L->x0, L->x1);
			if (xb > xa) {
				L->r->move_to(L->r->ctx, xa, yval(L, v));
				L->r->line_to(L->r->ctx, xb, yval(L, v));
				any = true;
			}
		}
		i = j + 1;
	}
	if (any)
		L->r->stroke(L->r->ctx);
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

/* The status words of point type t, or NULL when there is nothing to say. */
static const char *type_status(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_COMMON: return "Common cause variation";
	case DR_POINT_IMPROVEMENT: return "Special cause \u2013 improvement";
	case DR_POINT_CONCERN: return "Special cause \u2013 concern";
	case DR_POINT_NEUTRAL_HIGH: return "Special cause \u2013 higher";
	case DR_POINT_NEUTRAL_LOW: return "Special cause \u2013 lower";
	default: return NULL;
	}
}

/*
 * The words and colour for the variation status: for a chart with icons,
 * the chart's variation (NONE: nothing to say), so words and icon agree
 * whether or not the icon fits; else the latest complete value (a
 * provisional, hollow point is still closing and is not judged, as in the
 * headline and the summary table).
 */
static const char *status_words(const struct dr_chart *c, uint32_t *col)
{
	if (c->icons) {
		*col = dr_chart_type_colour(c->variation);
		return type_status(c->variation);
	}
	for (size_t i = c->n; i-- > 0;) {
		if (!isfinite(c->pt[i].y) || c->pt[i].hollow)
			continue;
		*col = dr_chart_type_colour(c->pt[i].type);
		return type_status(c->pt[i].type);
	}
	return NULL;
}

/* One legend entry: its sample is drawn by kind. */
enum legend_kind { LG_VALUE, LG_MEAN, LG_RUNS, LG_LIMITS, LG_TRIAL, LG_TARGET, LG_IMPROVE,
                   LG_CONCERN, LG_NEUTRAL, LG_PROVISIONAL };

struct legend_item {
	enum legend_kind kind;
	const char *label;
};

/* Draws the sample of one legend entry centred vertically on y. */
static void legend_sample(const struct layout *L, enum legend_kind k, double x, double y,
                          double len, double rad)
{
	switch (k) {
	case LG_VALUE:
		pen(L, C_LINE, L->lw * 1.3, DR_DASH_SOLID);
		L->r->move_to(L->r->ctx, x, y);
		L->r->line_to(L->r->ctx, x + len, y);
		L->r->stroke(L->r->ctx);
		marker(L, x + len / 2, y, rad, DR_POINT_COMMON, false);
		break;
	case LG_TRIAL:
		break;          /* words only, beside the limits' sample */
	case LG_RUNS:
		pen(L, C_CONCERN, L->lw * 1.2, DR_DASH_DASHED);
		L->r->move_to(L->r->ctx, x, y);
		L->r->line_to(L->r->ctx, x + len, y);
		L->r->stroke(L->r->ctx);
		break;
	case LG_MEAN:
	case LG_LIMITS:
	case LG_TARGET:
		pen(L, k == LG_MEAN ? C_MEAN : k == LG_LIMITS ? C_LIMIT : C_TARGET,
		    k == LG_TARGET ? L->lw * 1.4 : L->lw,
		    k == LG_MEAN ? DR_DASH_SOLID : k == LG_LIMITS ? DR_DASH_DASHED : DR_DASH_DOTTED);
		L->r->move_to(L->r->ctx, x, y);
		L->r->line_to(L->r->ctx, x + len, y);
		L->r->stroke(L->r->ctx);
		break;
	case LG_IMPROVE:
		marker(L, x + len / 2, y, rad, DR_POINT_IMPROVEMENT, false);
		break;
	case LG_CONCERN:
		marker(L, x + len / 2, y, rad, DR_POINT_CONCERN, false);
		break;
	case LG_NEUTRAL:
		marker(L, x + len / 2, y, rad, DR_POINT_NEUTRAL_HIGH, false);
		break;
	case LG_PROVISIONAL:
		marker(L, x + len / 2, y, rad, DR_POINT_COMMON, true);
		break;
	}
}

/* Fills L's sizes from the box. */
static void sizes(struct layout *L)
{
	double eff = fmin(L->w, 2 * L->h);
	L->u = clampd((eff - 520) / 280, -0.4, 2.5);
	L->pad = 6 + 10 * L->u;
	if (L->pad < 3)
		L->pad = 3;
	L->fs_title = 11 + 5 * L->u;
	L->fs_sub = 8.5 + 2.5 * L->u;
	L->fs_axis = 7.5 + 2.5 * L->u;
	L->fs_small = 6.5 + 2 * L->u;
	L->lw = 0.9 + 0.45 * L->u;
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
 * Finds the y range over values, lines and target, and the ticks. Lines
 * (centre, limits) never pull a count or percent axis below 0, nor a
 * percent axis above 100%: such a limit is left off the plot (clipped)
 * instead. Values and the target always stay on the axis.
 */
static void y_domain(struct layout *L, int approx)
{
	const struct dr_chart *c = L->c;
	double vlo = INFINITY, vhi = -INFINITY, llo = INFINITY, lhi = -INFINITY;
	for (size_t i = 0; i < c->n; i++) {
		const struct dr_chart_point *p = &c->pt[i];
		double v[3] = { p->cl, p->lcl, p->ucl };
		for (int k = 0; k < 3; k++) {
			if (!isfinite(v[k]))
				continue;
			llo = fmin(llo, v[k]);
			lhi = fmax(lhi, v[k]);
		}
		if (isfinite(p->y)) {
			vlo = fmin(vlo, p->y);
			vhi = fmax(vhi, p->y);
		}
	}
	if (c->has_target && isfinite(c->target)) {
		vlo = fmin(vlo, c->target);
		vhi = fmax(vhi, c->target);
	}
	double lo = fmin(vlo, llo), hi = fmax(vhi, lhi);
	bool data = isfinite(lo);
	if (!data) {
		lo = 0;
		hi = 1;
	}
	bool share = c->unit == DR_UNIT_PERCENT;
	if (c->unit == DR_UNIT_COUNT) {
		/* Zero baseline while every value is >= 0. */
		if (!(vlo < 0))
			lo = 0;
		hi = fmax(hi, 0);
	} else if (share) {
		if (lo < 0 && !(vlo < 0))
			lo = 0;
		if (hi > 1 && !(vhi > 1))
			hi = fmax(1, lo);
	}
	if (hi < lo)
		hi = lo;
	/* A little air so no line sits on the plot's edge (a flat series gets
	 * 10%); never across 0, or 100% for a share, unless the data do. */
	if (data) {
		double air = hi > lo ? (hi - lo) * 0.04 : hi != 0 ? fabs(hi) * 0.1 : 1;
		if (isfinite(air)) {
			lo = lo >= 0 && lo - air < 0 ? 0 : lo - air;
			hi = share && hi <= 1 && hi + air > 1 ? 1 : hi + air;
		}
	}
	dr_chart_ticks(lo, hi, approx, &L->yt);
	if (c->unit == DR_UNIT_COUNT && L->yt.step < 1) {
		/* Whole numbers only on a count axis. */
		L->yt.lo = floor(L->yt.lo);
		L->yt.hi = fmax(ceil(L->yt.hi), L->yt.lo + 1);
		L->yt.step = 1;
		L->yt.n = (int)(L->yt.hi - L->yt.lo) + 1;
	}
	int dec = dr_chart_decimals(c->unit, L->yt.step / 10);
	if (c->unit == DR_UNIT_COUNT || c->unit == DR_UNIT_CURRENCY)
		dec = L->yt.step >= 10 ? 0 : dec;
	else if (c->unit == DR_UNIT_PERCENT && dec < 1)
		dec = 1;
	L->label_dec = dec > 4 ? 4 : dec;
}

/* Formats a right-edge label "NAME value". */
static void edge_text(const struct layout *L, const char *name, double v, int dec,
                      char *out, size_t size)
{
	char num[48];
	enum dr_chart_unit u = L->c->unit;
	bool shorten = u == DR_UNIT_COUNT || u == DR_UNIT_NUMBER || u == DR_UNIT_CURRENCY;
	if (shorten && fmax(fabs(L->yt.lo), fabs(L->yt.hi)) >= 1e6) {
		struct dr_chart_ticks t = L->yt;        /* "UCL 1.44M", like the axis */
		t.step /= 10;
		dr_chart_format_tick(u, v, &t, num, sizeof num);
	} else {
		dr_chart_format_value(u, v, dec, num, sizeof num);
	}
	snprintf(out, size, "%s %s", name, num);
}

/* The fewest decimals (up to 3 more than the axis) that print v exactly,
 * so a target of 8% reads "8%", not "8.0%". */
static int short_decimals(enum dr_chart_unit unit, double v)
{
	double x = unit == DR_UNIT_PERCENT ? v * 100 : v;
	for (int d = 0; d < 4; d++) {
		double p = pow(10, d);
		if (fabs(round(x * p) - x * p) < 1e-6 * fmax(1, fabs(x * p)))
			return d;
	}
	return 3;
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
		edge_text(L, "Target", L->c->target, short_decimals(L->c->unit, L->c->target),
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
	double fs = L->fs_axis, wmax = 0;
	char buf[32];
	if (L->per == 3) {
		wmax = tw(L, fs, false, "Q4 00");
	} else {
		double yw = tw(L, fs, false, " 00");
		for (int m = 1; m <= 12; m++) {
			dr_chart_month_label(dr_month_make(2000, m), c->period, false, buf, sizeof buf);
			wmax = fmax(wmax, tw(L, fs, false, buf) + yw);
		}
	}
	/* Every k periods: months 1, 2, 3, 4, 6, 12, then 24, 48, ...;
	 * quarters 1, 2, 4, then 8, 16, ... (whole years where possible). */
	double need = wmax + fs * 0.9;
	static const double steps_m[] = { 1, 2, 3, 4, 6, 12 }, steps_q[] = { 1, 2, 4 };
	const double *steps = L->per == 3 ? steps_q : steps_m;
	size_t nsteps = L->per == 3 ? DR_NELEM(steps_q) : DR_NELEM(steps_m);
	double k = 0;
	for (size_t i = 0; i < nsteps && !k; i++)
		if (steps[i] * L->slot >= need)
			k = steps[i];
	if (!k) {
		k = steps[nsteps - 1] * 2;
		while (k * L->slot < need && k < 1e12)
			k *= 2;
	}

	group(L, "xlabels");
	pen(L, C_AXIS, L->lw * 0.7, DR_DASH_SOLID);
	double last = L->nslots - 1;
	bool any = false;
	for (double s = last; s >= 0; s -= k) {
		L->r->move_to(L->r->ctx, xslot(L, s), L->y1);
		L->r->line_to(L->r->ctx, xslot(L, s), L->y1 + fs * 0.35);
		any = true;
	}
	if (any)
		L->r->stroke(L->r->ctx);

	/* Oldest first, so "with year" can look at the previous label. */
	double s0 = fmod(last, k);
	long prev_year = -100000;
	L->r->colour(L->r->ctx, C_TEXT);
	for (double s = s0; s <= last; s += k) {
		dr_month m = (dr_month)(L->first + s * L->per);
		long year = (long)floor((double)m / 12);
		dr_chart_month_label(m, c->period, year != prev_year, buf, sizeof buf);
		prev_year = year;
		double x = xslot(L, s), half = tw(L, fs, false, buf) / 2;
		enum dr_render_align a = DR_ALIGN_CENTER;
		if (x + half > L->w - L->pad * 0.5) {
			x = L->w - L->pad * 0.5;
			a = DR_ALIGN_RIGHT;
		} else if (x - half < L->pad * 0.5) {
			x = L->pad * 0.5;
			a = DR_ALIGN_LEFT;
		}
		L->r->text(L->r->ctx, x, base, fs, false, a, buf);
	}
}

/* True when a line at v is drawn: on the axis, or while the axis is not
 * known yet (a dry run), merely finite. */
static bool drawn(const struct layout *L, double v, bool dry)
{
	return dry ? isfinite(v) : on_axis(L, v);
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
	struct legend_item it[12];
	int n = 0, lastp = last_phase(c);
	bool have_cl = false, have_cl_last = false, have_lim = false, have_hollow = false;
	bool have_type[DR_POINT_NEUTRAL_LOW + 1] = { false };
	for (size_t i = 0; i < c->n; i++) {
		const struct dr_chart_point *p = &c->pt[i];
		bool last = p->phase == lastp;
		have_cl |= drawn(L, p->cl, dry) && !(c->runs_signal && last);
		have_cl_last |= drawn(L, p->cl, dry) && last;
		have_lim |= drawn(L, p->ucl, dry) || drawn(L, p->lcl, dry);
		if (!isfinite(p->y))
			continue;
		have_hollow |= p->hollow;
		if ((unsigned)p->type <= DR_POINT_NEUTRAL_LOW)
			have_type[p->type] = true;
	}
	it[n++] = (struct legend_item){ LG_VALUE, "Value" };
	if (have_cl)
		it[n++] = (struct legend_item){ LG_MEAN, "Mean" };
	if (c->runs_signal && have_cl_last)
		it[n++] = (struct legend_item){ LG_RUNS, "Mean \u2013 runs signal" };
	if (have_lim)
		it[n++] = (struct legend_item){ LG_LIMITS, "Process limits" };
	if (have_lim && c->trial_limits)
		it[n++] = (struct legend_item){ LG_TRIAL, "trial limits (\u2264 12 points)" };
	if (c->has_target && isfinite(c->target))
		it[n++] = (struct legend_item){ LG_TARGET, "Target" };
	if (have_type[DR_POINT_IMPROVEMENT])
		it[n++] = (struct legend_item){ LG_IMPROVE, "Improvement" };
	if (have_type[DR_POINT_CONCERN])
		it[n++] = (struct legend_item){ LG_CONCERN, "Concern" };
	if (have_type[DR_POINT_NEUTRAL_HIGH] || have_type[DR_POINT_NEUTRAL_LOW])
		it[n++] = (struct legend_item){ LG_NEUTRAL, "Special cause" };
	if (have_hollow)
		it[n++] = (struct legend_item){ LG_PROVISIONAL, "Provisional" };

	double fs = L->fs_small, len = fs * 2.2, gap = fs * 0.5, sep = fs * 1.6;
	double wi[12], total = 0;
	for (int i = 0; i < n; i++) {
		bool words = it[i].kind == LG_TRIAL;
		wi[i] = (words ? 0 : len + gap) + tw(L, fs, false, it[i].label);
		total += wi[i] + (i ? (words ? gap : sep) : 0);
	}
	while (n > 0 && total > maxw) {
		total -= wi[n - 1] + (n > 1 ? (it[n - 1].kind == LG_TRIAL ? gap : sep) : 0);
		n--;
	}
	if (n < 2)
		return false;
	if (dry)
		return true;
	group(L, "legend");
	double mid = y - fs * 0.33, rad = fs * 0.36;
	for (int i = 0; i < n; i++) {
		if (it[i].kind == LG_TRIAL) {
			x -= sep - gap;     /* close to "Process limits" */
			text(L, C_MUTED, x, y, fs, false, DR_ALIGN_LEFT, it[i].label);
		} else {
			legend_sample(L, it[i].kind, x, mid, len, rad);
			text(L, C_TEXT, x + len + gap, y, fs, false, DR_ALIGN_LEFT, it[i].label);
		}
		x += wi[i] + sep;
	}
	return true;
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
		double full = fmin(tw(L, fs, false, s), cap);
		for (size_t f = 0; f < DR_NELEM(frac) && p->row < 0; f++) {
			double maxw = full * frac[f];
			if (f > 0 && maxw < fs * 2.5)
				break;
			fit(L, s, fs, false, maxw, p->text, sizeof p->text);
			double wd = tw(L, fs, false, p->text);
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
		group(L, rebase ? "annotation rebase" : "annotation");
		pen(L, rebase ? C_TEXT : C_MUTED, rebase ? L->lw * 0.9 : L->lw * 0.7,
		    rebase ? DR_DASH_SOLID : DR_DASH_DASHED);
		L->r->move_to(L->r->ctx, lab[k].pole, L->y1);
		L->r->line_to(L->r->ctx, lab[k].pole, top);
		L->r->stroke(L->r->ctx);
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
			group(L, "annotation labels");
		any = true;
		text(L, L->c->ann[lab[k].k].rebase ? C_INK : C_TEXT, lab[k].a, ann_base(L, lab[k].row, fs),
		     fs, false, DR_ALIGN_LEFT, lab[k].text);
	}
}

/* The icons beside the title (icon.h): how many, and their size. */
static int title_icons(const struct dr_chart *c)
{
	if (!c->icons)
		return 0;
	return (*dr_icon_variation_name(c->variation, c->better) != '\0') +
	       (*dr_icon_assurance_name(c->assurance) != '\0');
}

void dr_chart_draw(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	if (!c || !r || !isfinite(w) || !isfinite(h) || w < 20 || h < 20)
		return;
	struct dr_chart empty = *c;
	if (!c->pt)
		empty.n = 0;
	c = &empty;

	struct layout L = { .c = c, .r = r, .w = w, .h = h };
	sizes(&L);
	x_domain(&L);
	char buf[TEXTMAX], lines[2][TEXTMAX];

	/* Top block: title (then the status words and the icons at the right
	 * end of its line, when they fit), subtitle. */
	double inner = w - 2 * L.pad;
	double title_base = L.pad + L.fs_title * 0.78;
	int nicons = title_icons(c);
	double isz = L.fs_title * 1.6, igap = isz * 0.25;
	double icons_w = nicons ? nicons * isz + (nicons - 1) * igap + L.fs_title * 0.6 : 0;
	if (icons_w > inner * 0.4) {
		nicons = 0;
		icons_w = 0;
	}
	uint32_t status_col = C_COMMON;
	const char *status = status_words(c, &status_col);
	double title_w = tw(&L, L.fs_title, true, c->title ? c->title : "");
	double status_w = status ? tw(&L, L.fs_sub, true, status) : 0;
	bool show_status = status && title_w + status_w + L.fs_title * 1.5 <= inner - icons_w;
	double cursor = title_base;
	int nsub = wrap(&L, c->subtitle, L.fs_sub, inner - icons_w, 2, lines);
	char sub[2][TEXTMAX];
	for (int i = 0; i < nsub; i++) {
		memcpy(sub[i], lines[i], TEXTMAX);
		cursor += L.fs_sub * (i == 0 ? 1.55 : 1.3);
	}
	double top = cursor + (nsub ? L.fs_sub * 0.5 : L.fs_title * 0.3) + L.fs_axis * 1.1;
	if (nicons)
		top = fmax(top, L.pad + isz + L.fs_axis * 0.8);

	/* Bottom block, from the bottom up: footnote, legend, x labels. */
	double bottom = h - L.pad;
	int nfoot = wrap(&L, c->footnote, L.fs_small, inner, 2, lines);
	double foot_base = bottom - L.fs_small * 0.25 - (nfoot - 1) * L.fs_small * 1.3;
	if (nfoot)
		bottom = foot_base - L.fs_small * 1.25;
	double legend_base = bottom - L.fs_small * 0.25;
	double legend_h = L.fs_small * 1.9;
	double xlab_h = L.fs_axis * 1.9;
	bool show_legend = bottom - legend_h - xlab_h - top >= h * 0.4 &&
	                   legend(&L, L.pad, legend_base, inner, true);
	if (show_legend)
		bottom -= legend_h;
	double xlab_base = bottom - L.fs_axis * 0.3;

	/* Annotation labels: one or two rows above the plot, when the plot
	 * keeps at least a third of the box. */
	struct ann_label ann[MAXANN];
	int nann = ann_collect(&L, ann, MAXANN), nrows = 0;
	double fs_ann = L.fs_small;
	for (int k = 0; k < nann && nrows < 2; k++)
		nrows += c->ann[ann[k].k].text && *c->ann[ann[k].k].text;
	while (nrows > 0 && bottom - xlab_h - top - nrows * fs_ann * 1.3 < h * 0.33)
		nrows--;
	top += nrows * fs_ann * 1.3;
	L.y0 = top;
	L.y1 = fmax(bottom - xlab_h, top + 10);

	/* Y axis: ticks for the plot's height, then margins from label widths. */
	int approx = (int)clampd((L.y1 - L.y0) / (L.fs_axis * 4.2), 2, 8);
	y_domain(&L, approx);
	double lab_w = 0;
	for (int i = 0; i < L.yt.n; i++) {
		dr_chart_format_tick(c->unit, dr_chart_tick(&L.yt, i), &L.yt, buf, sizeof buf);
		lab_w = fmax(lab_w, tw(&L, L.fs_axis, false, buf));
	}
	L.x0 = L.pad + fmin(lab_w, w * 0.3) + L.fs_axis * 0.6;
	double last[3] = { last_run(c, H_CL), last_run(c, H_LCL), last_run(c, H_UCL) };
	struct edge_label el[4];
	L.x1 = w - L.pad;           /* provisional, for on_axis only */
	int nel = edge_labels(&L, el, last);
	double edge_w = 0, fs_edge = L.fs_small * 1.05;
	for (int i = 0; i < nel; i++)
		edge_w = fmax(edge_w, tw(&L, fs_edge, false, el[i].text));
	L.x1 = w - L.pad - (nel ? fmin(edge_w, w * 0.25) + fs_edge * 0.5 : L.fs_axis * 0.5);
	if (L.x1 < L.x0 + 10)
		L.x1 = L.x0 + 10;
	L.slot = L.nslots >= 1 ? (L.x1 - L.x0) / L.nslots : L.x1 - L.x0;
	nann = ann_collect(&L, ann, MAXANN);
	ann_place(&L, ann, nann, nrows, fs_ann);

	/* Grid and y labels. */
	group(&L, "grid");
	pen(&L, C_GRID, L.lw * 0.6, DR_DASH_SOLID);
	for (int i = 0; i < L.yt.n; i++) {
		double y = yval(&L, dr_chart_tick(&L.yt, i));
		r->move_to(r->ctx, L.x0, y);
		r->line_to(r->ctx, L.x1, y);
	}
	r->stroke(r->ctx);
	pen(&L, C_AXIS, L.lw * 0.7, DR_DASH_SOLID);
	double yaxis = L.yt.lo < 0 && L.yt.hi > 0 ? yval(&L, 0) : L.y1;
	r->move_to(r->ctx, L.x0, yaxis);
	r->line_to(r->ctx, L.x1, yaxis);
	r->stroke(r->ctx);
	group(&L, "ylabels");
	r->colour(r->ctx, C_TEXT);
	double gap = (L.y1 - L.y0) / fmax(L.yt.n - 1, 1);
	int every = (int)ceil(L.fs_axis * 1.15 / fmax(gap, 0.01));
	for (int i = 0; i < L.yt.n; i += every) {
		double v = dr_chart_tick(&L.yt, i);
		dr_chart_format_tick(c->unit, v, &L.yt, buf, sizeof buf);
		r->text(r->ctx, L.x0 - L.fs_axis * 0.6, yval(&L, v) + L.fs_axis * 0.35, L.fs_axis,
		        false, DR_ALIGN_RIGHT, buf);
	}
	x_labels(&L, xlab_base);

	/* Target, limits, centre. */
	if (c->has_target && isfinite(c->target) && on_axis(&L, c->target)) {
		group(&L, "line target");
		pen(&L, C_TARGET, L.lw * 1.4, DR_DASH_DOTTED);
		r->move_to(r->ctx, L.x0, yval(&L, c->target));
		r->line_to(r->ctx, L.x1, yval(&L, c->target));
		r->stroke(r->ctx);
	}
	group(&L, "line lcl");
	pen(&L, C_LIMIT, L.lw, DR_DASH_DASHED);
	draw_runs(&L, H_LCL, PH_ALL);
	group(&L, "line ucl");
	draw_runs(&L, H_UCL, PH_ALL);
	group(&L, "line mean");
	pen(&L, C_MEAN, L.lw, DR_DASH_SOLID);
	if (c->runs_signal) {
		/* qicharts2: the latest phase's centre dashed when the runs
		 * rules fire. */
		draw_runs(&L, H_CL, PH_EARLIER);
		group(&L, "line mean runs-signal");
		pen(&L, C_CONCERN, L.lw * 1.2, DR_DASH_DASHED);
		draw_runs(&L, H_CL, PH_LAST);
	} else {
		draw_runs(&L, H_CL, PH_ALL);
	}

	ann_markers(&L, ann, nann, fs_ann);

	/* The data line, broken at missing values. */
	size_t nvalid = 0, nseg = 0;
	for (size_t i = 0; i < c->n; i++) {
		nvalid += isfinite(c->pt[i].y);
		nseg += i > 0 && isfinite(c->pt[i].y) && isfinite(c->pt[i - 1].y);
	}
	if (nseg > 0) {
		group(&L, "line value");
		pen(&L, C_LINE, L.lw * 1.3, DR_DASH_SOLID);
		for (size_t i = 0; i < c->n; i++) {
			const struct dr_chart_point *p = &c->pt[i];
			if (!isfinite(p->y))
				continue;
			double x = xslot(&L, slot_of(&L, p->month)), y = yval(&L, p->y);
			if (i > 0 && isfinite(c->pt[i - 1].y))
				r->line_to(r->ctx, x, y);
			else
				r->move_to(r->ctx, x, y);
		}
		r->stroke(r->ctx);
	}

	/* Markers. */
	double rad = clampd(2.4 + 1.1 * L.u, 1.5, 6);
	rad = fmax(fmin(rad, L.slot * 0.3), 1.0);
	for (size_t i = 0; i < c->n; i++) {
		const struct dr_chart_point *p = &c->pt[i];
		if (!isfinite(p->y))
			continue;
		snprintf(buf, sizeof buf, "marker %s%s", type_word(p->type), p->hollow ? " hollow" : "");
		group(&L, buf);
		marker(&L, xslot(&L, slot_of(&L, p->month)), yval(&L, p->y), rad, p->type, p->hollow);
	}
	if (nvalid == 0) {
		group(&L, "nodata");
		text(&L, C_MUTED, (L.x0 + L.x1) / 2, (L.y0 + L.y1) / 2 + L.fs_sub * 0.35, L.fs_sub,
		     false, DR_ALIGN_CENTER, "No data for this period");
	}

	/* Right-edge labels, spread apart. */
	if (nel) {
		group(&L, "edge labels");
		for (int i = 0; i < nel; i++)
			el[i].y = yval(&L, el[i].y);
		spread(el, nel, fs_edge * 1.2, L.y0 - L.fs_axis * 0.5, L.y1 + L.fs_axis * 0.5);
		double ew = w - L.pad - (L.x1 + fs_edge * 0.5);
		for (int i = 0; i < nel; i++)
			text(&L, el[i].colour, L.x1 + fs_edge * 0.5, el[i].ty + fs_edge * 0.35, fs_edge,
			     false, DR_ALIGN_LEFT, fit(&L, el[i].text, fs_edge, false, ew, buf, sizeof buf));
	}

	/* Title block last, so nothing paints over it. */
	group(&L, "title");
	double right = w - L.pad - icons_w;     /* the title line's free right end */
	double title_max = show_status ? right - L.pad - status_w - L.fs_title * 1.5 : right - L.pad;
	text(&L, C_INK, L.pad, title_base, L.fs_title, true, DR_ALIGN_LEFT,
	     fit(&L, c->title, L.fs_title, true, title_max, buf, sizeof buf));
	if (show_status) {
		group(&L, "status");
		text(&L, status_col == C_COMMON ? C_TEXT : status_col, right, title_base, L.fs_sub,
		     true, DR_ALIGN_RIGHT, status);
	}
	if (nicons) {
		double ix = w - L.pad - isz;
		if (*dr_icon_assurance_name(c->assurance)) {
			dr_icon_draw_assurance(r, ix, L.pad, isz, c->assurance);
			ix -= isz + igap;
		}
		dr_icon_draw_variation(r, ix, L.pad, isz, c->variation, c->better);
	}
	ann_labels(&L, ann, nann, fs_ann);
	if (nsub) {
		group(&L, "subtitle");
		double y = title_base;
		for (int i = 0; i < nsub; i++) {
			y += L.fs_sub * (i == 0 ? 1.55 : 1.3);
			text(&L, C_TEXT, L.pad, y, L.fs_sub, false, DR_ALIGN_LEFT, sub[i]);
		}
	}
	if (show_legend)
		legend(&L, L.pad, legend_base, inner, false);
	if (nfoot) {
		group(&L, "footnote");
		for (int i = 0; i < nfoot; i++)
			text(&L, C_MUTED, L.pad, foot_base + i * L.fs_small * 1.3, L.fs_small, false,
			     DR_ALIGN_LEFT, lines[i]);
	}
}
