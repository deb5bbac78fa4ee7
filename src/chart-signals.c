/*
 * chart-signals.c -- the signal episodes a chart draws: which special
 * causes, on which side, from which period to which.
 *
 * Takes:   a judged struct dr_series.
 * Returns: its episodes in order of their first point (struct
 *          dr_episode, metric.h), at most max of them, the earliest kept.
 * Policy:  a point is marked exactly when the chart colours it: it has a
 *          value, is not provisional and its point type is a special cause
 *          (improvement, concern, neutral high or low). Every marked point
 *          is in exactly one episode of its own kind: its signal, or under
 *          anhoej with no 3-sigma signal, the runs rule that typed it (a
 *          run longer than the maximum, else too few crossings). The side
 *          comes from the point type and s->better, as the rules set it. An
 *          episode is a stretch of marked points of one kind and side, next
 *          to each other among the points with a value that are not
 *          provisional, in one phase. A trend or a run also takes in the
 *          marked points next to it that carry it on but show a higher
 *          priority signal (a trend's last month beyond a limit), so
 *          "January-July fell every month" counts every month of it.
 * Never:   allocates, prints, or reads anything but the series.
 */
#include <math.h>

#include "dyadreport/metric.h"

/* Whether point i is one the rules judged: a value, not provisional. */
static bool usable(const struct dr_series *s, size_t i)
{
	return !isnan(s->value[i]) && !s->provisional[i];
}

static bool special(enum dr_spc_point_type t)
{
	return t == DR_POINT_IMPROVEMENT || t == DR_POINT_CONCERN ||
	       t == DR_POINT_NEUTRAL_HIGH || t == DR_POINT_NEUTRAL_LOW;
}

bool dr_series_marked(const struct dr_series *s, size_t i)
{
	/* A rate on too few cases is drawn grey, whatever the rules said. */
	return i < s->n && usable(s, i) && !dr_series_small_n(s, i) && special(s->spc[i].type);
}

/* The direction a point type says: +1 higher, -1 lower. */
static int side_of(const struct dr_series *s, enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_NEUTRAL_HIGH: return 1;
	case DR_POINT_NEUTRAL_LOW: return -1;
	case DR_POINT_IMPROVEMENT: return s->better < 0 ? -1 : 1;
	default: return s->better < 0 ? 1 : -1;
	}
}

static enum dr_episode_kind kind_of(const struct dr_series *s, size_t i)
{
	const struct dr_spc_point *p = &s->spc[i];
	switch (p->signal) {
	case DR_SIGNAL_OUTSIDE: return DR_EPISODE_OUTSIDE;
	case DR_SIGNAL_TREND: return DR_EPISODE_TREND;
	case DR_SIGNAL_TWO_OF_THREE: return DR_EPISODE_TWO_OF_THREE;
	case DR_SIGNAL_RUN: return DR_EPISODE_RUN;
	case DR_SIGNAL_NONE: break;
	}
	if (s->rules == DR_SPC_ANHOEJ && p->runs.longest <= p->runs.longest_max)
		return DR_EPISODE_CROSSINGS;
	return s->rules == DR_SPC_ANHOEJ ? DR_EPISODE_LONG_RUN : DR_EPISODE_RUN;
}

/* The usable point before (dir < 0) or after i in i's phase, or s->n. */
static size_t step(const struct dr_series *s, size_t i, int dir)
{
	for (size_t k = i; dir < 0 ? k-- > 0 : ++k < s->n;) {
		if (s->spc[k].phase != s->spc[i].phase)
			break;
		if (usable(s, k))
			return k;
	}
	return s->n;
}

/* Whether marked point k carries on episode e's trend or run from point at. */
static bool carries(const struct dr_series *s, const struct dr_episode *e, size_t k, size_t at)
{
	if (k >= s->n || !dr_series_marked(s, k))
		return false;
	if (e->kind == DR_EPISODE_TREND) {
		bool later = k > at;
		double a = later ? s->value[at] : s->value[k], b = later ? s->value[k] : s->value[at];
		return e->side > 0 ? b > a : b < a;
	}
	double d = s->value[k] - s->spc[k].cl;
	return e->side > 0 ? d > 0 : d < 0;
}

size_t dr_series_episodes(const struct dr_series *s, struct dr_episode *ep, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (!dr_series_marked(s, i))
			continue;
		struct dr_episode e = { .kind = kind_of(s, i), .side = side_of(s, s->spc[i].type),
		                        .first = i, .last = i, .type = s->spc[i].type,
		                        .phase = s->spc[i].phase };
		/* Joins the episode it continues: same kind and side, the
		 * previous usable point of the phase. */
		size_t prev = step(s, i, -1);
		bool joined = false;
		for (size_t k = n; k-- > 0 && !joined;) {
			struct dr_episode *o = &ep[k];
			if (o->kind == e.kind && o->side == e.side && o->phase == e.phase && o->last == prev) {
				o->last = i;
				joined = true;
			}
		}
		if (!joined && n < max)
			ep[n++] = e;
	}
	/* Trends and runs take in the marked points that carry them on. */
	for (size_t k = 0; k < n; k++) {
		struct dr_episode *e = &ep[k];
		if (e->kind != DR_EPISODE_TREND && e->kind != DR_EPISODE_RUN &&
		    e->kind != DR_EPISODE_LONG_RUN)
			continue;
		for (size_t p = step(s, e->first, -1); carries(s, e, p, e->first); p = step(s, p, -1))
			e->first = p;
		for (size_t p = step(s, e->last, 1); carries(s, e, p, e->last); p = step(s, p, 1))
			e->last = p;
	}
	/* Stretches of one kind and side that now meet are one episode. */
	for (size_t a = 0; a < n; a++) {
		for (size_t b = a + 1; b < n;) {
			struct dr_episode *x = &ep[a], *y = &ep[b];
			if (x->kind == y->kind && x->side == y->side && x->phase == y->phase &&
			    y->first <= x->last) {
				if (y->last > x->last)
					x->last = y->last;
				for (size_t k = b; k + 1 < n; k++)
					ep[k] = ep[k + 1];
				n--;
			} else {
				b++;
			}
		}
	}
	/* In order of first point (stable: the earlier-found first). */
	for (size_t a = 1; a < n; a++) {
		struct dr_episode e = ep[a];
		size_t b = a;
		for (; b > 0 && ep[b - 1].first > e.first; b--)
			ep[b] = ep[b - 1];
		ep[b] = e;
	}
	return n;
}
