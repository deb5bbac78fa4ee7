/*
 * chart-kit.c -- the drawing kit the chart kinds share (chart-int.h).
 *
 * Sizes from the box, pen and text helpers over render.h, ellipsis and
 * word wrap measured with the backend's real text widths (cut only at
 * UTF-8 character boundaries), Making Data Count markers, the title block,
 * footnote and "no data" message of the category charts.
 *
 * Never: allocates, keeps state, or knows which backend it draws on.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"
#include "dyadreport/icon.h"

/* Clamps v into [lo, hi]. */
double dr_kit_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Names the next drawing calls when the backend cares. */
void dr_kit_group(const struct dr_kit *k, const char *name)
{
	if (k->r->group)
		k->r->group(k->r->ctx, name);
}

/* Sets colour, width and dash in one call (between paths only). */
void dr_kit_pen(const struct dr_kit *k, uint32_t rgb, double width, enum dr_render_dash d)
{
	k->r->colour(k->r->ctx, rgb);
	k->r->line_width(k->r->ctx, width);
	k->r->dash(k->r->ctx, d);
}

/* Width of s in points. */
double dr_kit_tw(const struct dr_kit *k, double size, bool bold, const char *s)
{
	return k->r->text_width(k->r->ctx, size, bold, s);
}

/* Draws s in colour rgb. */
void dr_kit_text(const struct dr_kit *k, uint32_t rgb, double x, double y, double size,
                 bool bold, enum dr_render_align a, const char *s)
{
	k->r->colour(k->r->ctx, rgb);
	k->r->text(k->r->ctx, x, y, size, bold, a, s);
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
const char *dr_kit_fit(const struct dr_kit *k, const char *s, double size, bool bold,
                       double maxw, char *buf, size_t bufsize)
{
	static const char ellipsis[] = "\u2026";
	if (bufsize > TEXTMAX)
		bufsize = TEXTMAX;
	size_t len = copy_cut(buf, bufsize, s ? s : "");
	maxw += 0.01;               /* a label measured to set the margin fits it */
	if (dr_kit_tw(k, size, bold, buf) <= maxw)
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
		if (dr_kit_tw(k, size, bold, tmp) <= maxw)
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
int dr_kit_wrap(const struct dr_kit *k, const char *s, double size, double maxw, int maxlines,
                char lines[][TEXTMAX])
{
	return dr_kit_wrap_style(k, s, size, false, maxw, maxlines, lines);
}

int dr_kit_wrap_style(const struct dr_kit *k, const char *s, double size, bool bold, double maxw,
                      int maxlines, char lines[][TEXTMAX])
{
	int n = 0;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	while (*s && n < maxlines) {
		if (n == maxlines - 1) {
			dr_kit_fit(k, s, size, bold, maxw, lines[n++], TEXTMAX);
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
				if (dr_kit_tw(k, size, bold, tmp) > maxw)
					break;
				best = i;
				if (s[i] == '\0')
					break;
			}
			i++;
		}
		if (best == 0) {        /* one word wider than the line */
			dr_kit_fit(k, s, size, bold, maxw, lines[n++], TEXTMAX);
			break;
		}
		snprintf(lines[n++], TEXTMAX, "%.*s", (int)best, s);
		s += best;
		while (*s == ' ')
			s++;
	}
	return n;
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

uint32_t dr_chart_value_colour(enum dr_spc_point_type t, uint32_t text)
{
	return t == DR_POINT_COMMON || t == DR_POINT_NONE ? text : dr_chart_type_colour(t);
}

/* Short name of a point type for trace groups. */
const char *dr_kit_type_word(enum dr_spc_point_type t)
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
bool dr_kit_is_special(enum dr_spc_point_type t)
{
	return t == DR_POINT_IMPROVEMENT || t == DR_POINT_CONCERN ||
	       t == DR_POINT_NEUTRAL_HIGH || t == DR_POINT_NEUTRAL_LOW;
}

/* Adds the outline of a marker shape (circle or diamond) of radius rad. */
void dr_kit_shape(const struct dr_kit *k, double x, double y, double rad, bool diamond)
{
	if (diamond) {
		double d = rad * 1.25;
		k->r->move_to(k->r->ctx, x, y - d);
		k->r->line_to(k->r->ctx, x + d, y);
		k->r->line_to(k->r->ctx, x, y + d);
		k->r->line_to(k->r->ctx, x - d, y);
		k->r->close(k->r->ctx);
	} else {
		k->r->circle(k->r->ctx, x, y, rad);
	}
}

/* Draws one marker: small grey circle for common cause, a larger filled
 * shape with a ring for special cause, an open grey circle when hollow
 * (provisional: never judged, whatever t says). */
void dr_kit_marker(const struct dr_kit *k, double x, double y, double rad,
                   enum dr_spc_point_type t, bool hollow)
{
	if (hollow)
		t = DR_POINT_NONE;      /* provisional: never judged, so grey */
	uint32_t col = dr_chart_type_colour(t);
	bool special = dr_kit_is_special(t), diamond = t == DR_POINT_CONCERN;
	double r = special ? rad * 1.3 : rad;
	double ring = k->lw * 0.8;
	if (hollow) {
		dr_kit_pen(k, C_WHITE, ring, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, r, diamond);
		k->r->fill(k->r->ctx);
		dr_kit_pen(k, col, ring * 1.3, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, r - ring * 0.65, diamond);
		k->r->stroke(k->r->ctx);
		return;
	}
	if (special) {
		dr_kit_pen(k, C_WHITE, ring, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, r + ring * 2.2, diamond);
		k->r->fill(k->r->ctx);
		dr_kit_pen(k, col, ring, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, r + ring * 1.6, diamond);
		k->r->stroke(k->r->ctx);
	} else {
		dr_kit_pen(k, C_WHITE, ring, DR_DASH_SOLID);
		dr_kit_shape(k, x, y, r + ring * 0.7, diamond);
		k->r->fill(k->r->ctx);
	}
	k->r->colour(k->r->ctx, col);
	dr_kit_shape(k, x, y, r, diamond);
	k->r->fill(k->r->ctx);
}

/* Fills k from the box; min_text > 0 raises the type sizes until the
 * smallest (fs_small) is at least min_text points. */
void dr_kit_init(struct dr_kit *k, const struct dr_render *r, double w, double h, double min_text)
{
	*k = (struct dr_kit){ .r = r, .w = w, .h = h };
	double eff = fmin(k->w, 2 * k->h);
	k->u = dr_kit_clamp((eff - 520) / 280, -0.4, 2.5);
	k->pad = 6 + 10 * k->u;
	if (k->pad < 3)
		k->pad = 3;
	/* The type only: margins, lines and markers keep the box's sizes. */
	double ut = k->u;
	if (isfinite(min_text) && min_text > 0)
		ut = fmax(ut, dr_kit_clamp((min_text - 6.5) / 2, -0.4, 4));
	k->fs_title = 11 + 5 * ut;
	k->fs_sub = 8.5 + 2.5 * ut;
	k->fs_axis = 7.5 + 2.5 * ut;
	k->fs_small = 6.5 + 2 * ut;
	k->lw = 0.9 + 0.45 * k->u;
}

double dr_kit_header(const struct dr_kit *k, const struct dr_chart *c, double reserve_right,
                     bool draw)
{
	char buf[TEXTMAX], lines[2][TEXTMAX];
	double inner = fmax(k->w - 2 * k->pad - reserve_right, 10);
	double y = k->pad + k->fs_title * 0.78;
	if (draw) {
		dr_kit_group(k, "title");
		dr_kit_text(k, C_INK, k->pad, y, k->fs_title, true, DR_ALIGN_LEFT,
		            dr_kit_fit(k, c->title, k->fs_title, true, inner, buf, sizeof buf));
	}
	int nsub = dr_kit_wrap(k, c->subtitle, k->fs_sub, inner, 2, lines);
	if (draw && nsub)
		dr_kit_group(k, "subtitle");
	for (int i = 0; i < nsub; i++) {
		y += k->fs_sub * (i == 0 ? 1.55 : 1.3);
		if (draw)
			dr_kit_text(k, C_TEXT, k->pad, y, k->fs_sub, false, DR_ALIGN_LEFT, lines[i]);
	}
	return y + (nsub ? k->fs_sub * 0.5 : k->fs_title * 0.3) + k->fs_axis * 1.1;
}

double dr_kit_footnote(const struct dr_kit *k, const struct dr_chart *c, bool draw)
{
	char lines[2][TEXTMAX];
	double bottom = k->h - k->pad;
	int nfoot = dr_kit_wrap(k, c->footnote, k->fs_small, k->w - 2 * k->pad, 2, lines);
	if (!nfoot)
		return bottom;
	double base = bottom - k->fs_small * 0.25 - (nfoot - 1) * k->fs_small * 1.3;
	if (draw) {
		dr_kit_group(k, "footnote");
		for (int i = 0; i < nfoot; i++)
			dr_kit_text(k, C_MUTED, k->pad, base + i * k->fs_small * 1.3, k->fs_small, false,
			            DR_ALIGN_LEFT, lines[i]);
	}
	return base - k->fs_small * 1.25;
}

void dr_kit_nodata(const struct dr_kit *k, double x0, double y0, double x1, double y1,
                   const char *msg)
{
	char buf[TEXTMAX];
	dr_kit_group(k, "nodata");
	dr_kit_text(k, C_MUTED, (x0 + x1) / 2, (y0 + y1) / 2 + k->fs_sub * 0.35, k->fs_sub, false,
	            DR_ALIGN_CENTER,
	            dr_kit_fit(k, msg ? msg : "No data for this period", k->fs_sub, false,
	                       fmax(x1 - x0, 1), buf, sizeof buf));
}

/*
 * Okabe & Ito's colour-blind-safe set, reordered for white paper: blue,
 * orange, bluish green, vermillion, reddish purple, sky blue, then a dark
 * yellow and grey; the yellow F0E442 itself is too light on white.
 */
static const uint32_t palette[8] = {
	0x0072b2u, 0xe69f00u, 0x009e73u, 0xd55e00u, 0xcc79a7u, 0x56b4e9u, 0xb8a000u, 0x7f7f7fu,
};

uint32_t dr_chart_palette(size_t i)
{
	return palette[i % 8];
}

void dr_kit_hatch(const struct dr_kit *k, double x, double y, double w, double h, size_t style,
                  uint32_t rgb, double width)
{
	style %= 4;
	if (style == 0 || !(w > 0) || !(h > 0))
		return;
	double step = fmax(k->lw * 3.2, 2.5);
	dr_kit_pen(k, rgb, width, DR_DASH_SOLID);
	bool any = false;
	if (style == 2) {           /* horizontal lines */
		for (double t = y + step / 2; t < y + h; t += step) {
			k->r->move_to(k->r->ctx, x, t);
			k->r->line_to(k->r->ctx, x + w, t);
			any = true;
		}
	} else {
		/* Diagonals, clipped to the rectangle by hand: style 1 rises
		 * left to right, style 3 crosses both ways. */
		for (int dir = 0; dir < (style == 3 ? 2 : 1); dir++)
			for (double t = step / 2; t < w + h; t += step) {
				/* points on the line x' + y' = t, from the bottom-left */
				double ax = fmax(0, t - h), ay = t - ax;
				double bx = fmin(w, t), by = t - bx;
				if (dir) {
					ax = w - ax;
					bx = w - bx;
				}
				k->r->move_to(k->r->ctx, x + ax, y + h - ay);
				k->r->line_to(k->r->ctx, x + bx, y + h - by);
				any = true;
			}
	}
	if (any)
		k->r->stroke(k->r->ctx);
}

int dr_kit_short_decimals(enum dr_chart_unit unit, double v)
{
	double x = unit == DR_UNIT_PERCENT ? v * 100 : v;
	for (int d = 0; d < 4; d++) {
		double p = pow(10, d);
		if (fabs(round(x * p) - x * p) < 1e-6 * fmax(1, fabs(x * p)))
			return d;
	}
	return 3;
}

void dr_kit_whole_ticks(enum dr_chart_unit unit, struct dr_chart_ticks *t)
{
	if (unit != DR_UNIT_COUNT || t->step >= 1)
		return;
	t->lo = floor(t->lo);
	t->hi = fmax(ceil(t->hi), t->lo + 1);
	t->step = 1;
	t->n = (int)fmin(t->hi - t->lo + 1, 1000);
}

int dr_kit_line_axis(enum dr_chart_unit unit, enum dr_chart_yaxis mode, double vlo, double vhi,
                     double llo, double lhi, struct dr_chart_ticks *t)
{
	bool share = unit == DR_UNIT_PERCENT;
	bool positive = unit == DR_UNIT_COUNT || share;
	/* Lines never pull a count or share below 0, nor a share above 100%,
	 * for a limit's sake (that limit is left off the plot). */
	if (positive && !(vlo < 0))
		llo = fmax(llo, 0);
	if (share && !(vhi > 1))
		lhi = fmin(lhi, 1);
	double lo = fmin(vlo, llo), hi = fmax(vhi, lhi);
	bool data = isfinite(lo) && isfinite(hi);
	if (!data) {
		lo = 0;
		hi = 1;
	}
	if (hi < lo)
		hi = lo;
	double span = hi - lo;
	if (mode == DR_YAXIS_WHOLE && share) {
		lo = fmin(lo, 0);
		hi = fmax(hi, 1);
	} else if (mode != DR_YAXIS_FITTED || (lo > 0 && lo <= span * 0.5) ||
	           (hi < 0 && -hi <= span * 0.5)) {
		/* Zero asked for, or near: the gap from zero is at most half the
		 * span, so the data keep at least two thirds of the height. */
		lo = fmin(lo, 0);
		hi = fmax(hi, 0);
	}
	/* A little air so no line sits on the plot's edge (a flat series gets
	 * 10%); never across 0, or 100% for a share, unless the data do. */
	if (data) {
		double air = hi > lo ? (hi - lo) * 0.04 : hi != 0 ? fabs(hi) * 0.1 : 1;
		if (isfinite(air)) {
			lo = lo >= 0 && lo - air < 0 ? 0 : lo - air;
			hi = share && hi <= 1 && hi + air > 1 ? 1 : hi <= 0 && hi + air > 0 ? 0 : hi + air;
			if (positive && lo < 0 && !(vlo < 0))
				lo = 0;
		}
	}
	if (!(hi > lo))
		hi = lo + (lo != 0 ? fabs(lo) * 0.1 : 1);
	dr_chart_ticks(lo, hi, DR_KIT_YTICKS, t);
	dr_kit_whole_ticks(unit, t);
	int dec = dr_chart_decimals(unit, t->step / 10);
	if (unit == DR_UNIT_COUNT || unit == DR_UNIT_CURRENCY)
		dec = t->step >= 10 ? 0 : dec;
	else if (unit == DR_UNIT_PERCENT && dec < 1)
		dec = 1;
	return dec > 4 ? 4 : dec;
}

void dr_kit_points_range(const struct dr_chart_point *pt, size_t n, double *vlo, double *vhi,
                         double *llo, double *lhi)
{
	for (size_t i = 0; i < n; i++) {
		const struct dr_chart_point *p = &pt[i];
		double v[3] = { dr_kit_v(p->cl), dr_kit_v(p->lcl), dr_kit_v(p->ucl) };
		for (int k = 0; k < 3; k++) {
			if (!isfinite(v[k]))
				continue;
			*llo = fmin(*llo, v[k]);
			*lhi = fmax(*lhi, v[k]);
		}
		if (dr_kit_ok(p->y)) {
			*vlo = fmin(*vlo, p->y);
			*vhi = fmax(*vhi, p->y);
		}
	}
}

double dr_kit_label_step(int per, double slot, double need)
{
	static const double steps_m[] = { 1, 2, 3, 4, 6, 12 }, steps_q[] = { 1, 2, 4 };
	const double *steps = per == 3 ? steps_q : steps_m;
	size_t nsteps = per == 3 ? DR_NELEM(steps_q) : DR_NELEM(steps_m);
	for (size_t i = 0; i < nsteps; i++)
		if (steps[i] * slot >= need)
			return steps[i];
	double k = steps[nsteps - 1] * 2;
	while (k * slot < need && k < 1e12)
		k *= 2;
	return k;
}

void dr_kit_text_centred(const struct dr_kit *k, double x, double y, double size, const char *s)
{
	double half = dr_kit_tw(k, size, false, s) / 2;
	enum dr_render_align a = DR_ALIGN_CENTER;
	if (x + half > k->w - k->pad * 0.5) {
		x = k->w - k->pad * 0.5;
		a = DR_ALIGN_RIGHT;
	} else if (x - half < k->pad * 0.5) {
		x = k->pad * 0.5;
		a = DR_ALIGN_LEFT;
	}
	k->r->text(k->r->ctx, x, y, size, false, a, s);
}

void dr_kit_ylabels(const struct dr_kit *k, enum dr_chart_unit unit, const struct dr_chart_ticks *t,
                    double x, double ylo, double yhi)
{
	char buf[64], cut[TEXTMAX];
	double fs = k->fs_axis, span = t->hi - t->lo;
	double gap = fabs(yhi - ylo) / fmax(t->n - 1, 1), maxw = fmax(x - k->pad * 0.5, 1);
	int every = (int)dr_kit_clamp(ceil(fs * 1.15 / fmax(gap, 0.01)), 1, 1000);
	dr_kit_group(k, "ylabels");
	k->r->colour(k->r->ctx, C_TEXT);
	for (int i = 0; i < t->n; i += every) {
		double v = dr_chart_tick(t, i);
		double y = span > 0 ? ylo + (v - t->lo) / span * (yhi - ylo) : ylo;
		dr_chart_format_tick(unit, v, t, buf, sizeof buf);
		k->r->text(k->r->ctx, x, y + fs * 0.35, fs, false, DR_ALIGN_RIGHT,
		           dr_kit_fit(k, buf, fs, false, maxw, cut, sizeof cut));
	}
}

int dr_kit_icon_count(const struct dr_chart *c)
{
	if (!c->icons)
		return 0;
	return (*dr_icon_variation_name(c->variation, c->better) != '\0') +
	       (*dr_icon_assurance_name(c->assurance) != '\0');
}

void dr_kit_format_label(enum dr_chart_unit unit, double v, int dec,
                         const struct dr_chart_ticks *axis, char *out, size_t size)
{
	bool shorten = unit == DR_UNIT_COUNT || unit == DR_UNIT_NUMBER || unit == DR_UNIT_CURRENCY;
	if (shorten && fmax(fabs(axis->lo), fabs(axis->hi)) >= 1e6) {
		struct dr_chart_ticks t = *axis;        /* a tenth of a step more precise */
		t.step /= 10;
		dr_chart_format_tick(unit, v, &t, out, size);
	} else {
		dr_chart_format_value(unit, v, dec, out, size);
	}
}

double dr_kit_period_label_width(const struct dr_kit *k, int per, double size)
{
	if (per == 3)
		return dr_kit_tw(k, size, false, "Q4 00");
	char buf[32];
	double wmax = 0;
	for (int m = 1; m <= 12; m++) {
		dr_chart_month_label(dr_month_make(2000, m), DR_PERIOD_MONTH, true, buf, sizeof buf);
		wmax = fmax(wmax, dr_kit_tw(k, size, false, buf));
	}
	return wmax;
}
