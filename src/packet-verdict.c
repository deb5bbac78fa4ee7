/*
 * packet-verdict.c -- what the SPC rules said about a metric since an
 * action on it was raised (packet.h dr_action_verdict), for the Actions
 * page.
 *
 * "Since raised" is the points of the dyad's judged series after the
 * raised month (a wave: whose quarter starts after it) up to the report
 * month: the month an action was raised is the data that prompted it,
 * never its effect. Only what the chart marks counts as a signal
 * (dr_series_marked: a value, not provisional, not on too few cases);
 * "no signal" is said only when at least one point since was judged
 * (dr_series_judged). A signal that began before the action is said to
 * have begun before it. Never: allocates, prints.
 */
#include <stdio.h>

#include "dyadreport/packet.h"

/* Most signal episodes looked at; a series holds a few dozen points. */
#define MAX_EPISODES 64

/* "Oct 2026", or "Q4 2026" for a wave. */
static void period_words(const struct dr_series *s, size_t i, char *out, size_t size)
{
	dr_month mo = s->period[i];
	if (s->def && s->def->period == DR_PERIOD_QUARTER)
		snprintf(out, size, "Q%d %d", (dr_month_mon(mo) - 1) / 3 + 1, dr_month_year(mo));
	else
		snprintf(out, size, "%s %d", dr_month_abbr(mo), dr_month_year(mo));
}

/* "Oct 2026", "Oct–Dec 2026" or "Nov 2026–Jan 2027" for points a..b. */
static void span_words(const struct dr_series *s, size_t a, size_t b, char *out, size_t size)
{
	char from[32], to[32];
	period_words(s, a, from, sizeof from);
	period_words(s, b, to, sizeof to);
	if (a == b)
		snprintf(out, size, "%s", to);
	else if (dr_month_year(s->period[a]) == dr_month_year(s->period[b]) &&
	         !(s->def && s->def->period == DR_PERIOD_QUARTER))
		snprintf(out, size, "%s\xE2\x80\x93%s", dr_month_abbr(s->period[a]), to);
	else
		snprintf(out, size, "%s\xE2\x80\x93%s", from, to);
}

static const char *signal_words(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_IMPROVEMENT: return "improvement signal";
	case DR_POINT_CONCERN: return "concern signal";
	case DR_POINT_NEUTRAL_HIGH: return "signal, higher than usual";
	default: return "signal, lower than usual";
	}
}

void dr_action_verdict(const struct dr_series *s, dr_month raised, dr_month at, char *out,
                       size_t size)
{
	if (!size)
		return;
	if (!s || s->n == 0) {
		snprintf(out, size, "not judged: no data for this metric");
		return;
	}
	if (raised >= at) {
		snprintf(out, size, "too soon to judge: raised this month");
		return;
	}
	/* The window: points after the raised month, up to the report month. */
	size_t lo = s->n, hi = 0, values = 0, provisional = 0, judged = 0, small = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->period[i] <= raised || s->period[i] > at)
			continue;
		if (lo == s->n)
			lo = i;
		hi = i;
		if (s->value[i] != s->value[i])         /* NAN: no value, or hidden */
			continue;
		values++;
		if (s->provisional[i]) {
			provisional++;
			continue;
		}
		small += dr_series_small_n(s, i);
		judged += dr_series_judged(s, i);
	}
	const char *unit = s->def && s->def->period == DR_PERIOD_QUARTER ? "wave" : "month";
	if (lo == s->n) {
		snprintf(out, size, "not judged: no %s since raised", unit);
		return;
	}
	if (values == 0) {
		snprintf(out, size, "not judged: no value since raised");
		return;
	}
	if (values == provisional) {
		snprintf(out, size, "not judged yet: the %ss since raised are provisional", unit);
		return;
	}

	struct dr_episode ep[MAX_EPISODES];
	size_t n = dr_series_episodes(s, ep, MAX_EPISODES), latest = n, overlapping = 0;
	size_t last_in = 0;
	for (size_t k = 0; k < n; k++) {
		/* The episode's marked points inside the window. */
		size_t a = s->n, b = 0;
		for (size_t i = ep[k].first; i <= ep[k].last && i < s->n; i++)
			if (i >= lo && i <= hi && dr_series_marked(s, i)) {
				if (a == s->n)
					a = i;
				b = i;
			}
		if (a == s->n)
			continue;
		overlapping++;
		if (latest == n || b >= last_in) {
			latest = k;
			last_in = b;
		}
	}
	if (latest < n) {
		const struct dr_episode *e = &ep[latest];
		size_t a = lo > e->first ? lo : e->first;
		while (a < last_in && !dr_series_marked(s, a))
			a++;
		char span[80], began[32];
		span_words(s, a, last_in, span, sizeof span);
		int len = snprintf(out, size, "%s (%s)", signal_words(e->type), span);
		if (e->first < lo && len > 0 && (size_t)len < size) {
			period_words(s, e->first, began, sizeof began);
			len += snprintf(out + len, size - (size_t)len, ", part of one that began before "
			                "the action (%s)", began);
		}
		if (overlapping > 1 && len > 0 && (size_t)len < size)
			snprintf(out + len, size - (size_t)len, "; %zu earlier signal%s since raised",
			         overlapping - 1, overlapping - 1 == 1 ? "" : "s");
		return;
	}
	if (judged > 0) {
		snprintf(out, size, "no signal: common-cause variation (%zu %s%s judged)", judged, unit,
		         judged == 1 ? "" : "s");
		return;
	}
	if (small > 0)
		snprintf(out, size, "not judged (too few cases)");
	else if (s->too_hidden)
		snprintf(out, size, "not judged (too much hidden for privacy)");
	else
		snprintf(out, size, "not judged (no limits yet)");
}
