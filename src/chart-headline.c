/*
 * chart-headline.c -- the plain-language sentences under each chart.
 *
 * "No-show rate was 6.9% in October 2026, up from 4.9%. Within the process
 * limits: normal variation, not a real change. Limits recalculated from
 * April 2026 (Text reminders start). Target 8.0%: met this month; the
 * process will hit and miss it."
 *
 * In order: the latest value and period (provisional named), the change
 * from the previous period in printed numbers, what SPC says about the
 * latest complete period (common cause, or which special cause since
 * when), the phase the limits come from when there was a rebase, and the
 * target with its assurance. A change is only called real when a rule
 * fired; the rule is named with the month the run or trend began. A rate
 * on too few cases, or a series privacy hid too much of, gets no
 * comparison or verdict at all (dr_headline_guard, chart-headline-guard.c).
 *
 * Takes a judged struct dr_series and writes into the caller's buffer
 * (truncated safely). Never: allocates, prints, or invents a direction
 * the rules do not give.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"

/* An output buffer that appends and never overflows. */
struct out {
	char *s;
	size_t size, len;
};

__attribute__((format(printf, 2, 3)))
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->s + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	o->len = n < 0 ? o->size : o->len + (size_t)n;
}

/* "October 2026" or "Q4 2026". */
void dr_headline_period(const struct dr_series *s, size_t i, char *out, size_t size)
{
	dr_month mo = s->period[i];
	if (s->def->period == DR_PERIOD_QUARTER)
		snprintf(out, size, "Q%d %d", (dr_month_mon(mo) - 1) / 3 + 1, dr_month_year(mo));
	else
		snprintf(out, size, "%s %d", dr_month_name(mo), dr_month_year(mo));
}

size_t dr_series_last_complete(const struct dr_series *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (!isnan(s->value[i]) && !s->provisional[i])
			return i;
	return s->n;
}

bool dr_series_judged(const struct dr_series *s, size_t j)
{
	if (j >= s->n || isnan(s->value[j]) || isnan(s->spc[j].cl))
		return false;
	const struct dr_spc_point *p = &s->spc[j];
	return !isnan(p->lcl) || !isnan(p->ucl) || s->chart == DR_SPC_RUN ||
	       p->signal != DR_SIGNAL_NONE || p->runs.signal;
}

/* Whether point i takes part in the sequence rules (value, not provisional). */
static bool usable(const struct dr_series *s, size_t i)
{
	return !isnan(s->value[i]) && !s->provisional[i];
}

/*
 * The first point of the run of usable points of j's phase that share
 * j's side of the centre (side > 0 above) or, for a trend, keep rising
 * (side > 0) or falling; *len gets the run's length.
 */
static size_t run_start(const struct dr_series *s, size_t j, int side, bool trend, size_t *len)
{
	size_t start = j, prev = j;
	*len = 1;
	for (size_t i = j; i-- > 0;) {
		if (s->spc[i].phase != s->spc[j].phase)
			break;
		if (!usable(s, i))
			continue;
		double a = s->value[i], b = s->value[prev];
		bool same = trend ? (side > 0 ? a < b : a > b)
		                  : (side > 0 ? a > s->spc[i].cl : a < s->spc[i].cl);
		if (!same)
			break;
		start = prev = i;
		(*len)++;
	}
	return start;
}

/* "an improvement", "a concern" or "a real change". */
static const char *verdict(enum dr_spc_point_type t)
{
	return t == DR_POINT_IMPROVEMENT ? "an improvement"
	     : t == DR_POINT_CONCERN ? "a concern" : "a real change";
}

/* What the rules say about point j. */
static void judgement(struct out *o, const struct dr_series *s, size_t j, bool lower)
{
	const struct dr_spc_point *p = &s->spc[j];
	const char *unit = s->def->period == DR_PERIOD_QUARTER ? "waves" : "months";
	bool high = s->value[j] > p->cl;
	char since[32];
	size_t len;

	if (!dr_series_judged(s, j)) {
		put(o, "%s", lower ? "too few points to judge variation." : "Too few points to judge variation.");
		return;
	}
	switch (p->signal) {
	case DR_SIGNAL_OUTSIDE:
		put(o, "%special cause, %s: %s the %s process limit.", lower ? "s" : "S",
		    verdict(p->type), high ? "above" : "below", high ? "upper" : "lower");
		return;
	case DR_SIGNAL_TREND: {
		bool up = j > 0 && !isnan(s->value[j - 1]) ? s->value[j] > s->value[j - 1] : high;
		size_t st = run_start(s, j, up ? 1 : -1, true, &len);
		dr_headline_period(s, st, since, sizeof since);
		put(o, "%special cause, %s: %s for %zu %s in a row since %s.", lower ? "s" : "S",
		    verdict(p->type), up ? "rising" : "falling", len, unit, since);
		return;
	}
	case DR_SIGNAL_TWO_OF_THREE:
		put(o, "%special cause, %s: 2 of the last 3 %s close to the %s limit.", lower ? "s" : "S",
		    verdict(p->type), unit, high ? "upper" : "lower");
		return;
	case DR_SIGNAL_RUN: {
		size_t st = run_start(s, j, high ? 1 : -1, false, &len);
		dr_headline_period(s, st, since, sizeof since);
		put(o, "%special cause, %s: %zu %s in a row %s the average since %s.", lower ? "s" : "S",
		    verdict(p->type), len, unit, high ? "above" : "below", since);
		return;
	}
	default:
		break;
	}
	if (s->rules == DR_SPC_ANHOEJ && p->runs.signal) {
		/* The runs rules judge the whole phase, not one point. */
		const char *centre = s->chart == DR_SPC_RUN ? "median" : "centre line";
		if (p->runs.longest > p->runs.longest_max) {
			bool typed = p->type != DR_POINT_COMMON && p->type != DR_POINT_NONE;
			put(o, "%special cause%s%s: a run of %d points on one side of the %s "
			    "(more than %d is unlikely by chance).", lower ? "s" : "S",
			    typed ? ", " : "", typed ? verdict(p->type) : "", p->runs.longest, centre,
			    p->runs.longest_max);
		} else {
			bool typed = p->type != DR_POINT_COMMON && p->type != DR_POINT_NONE;
			put(o, "%special cause%s%s: only %d crossing%s of the %s where at least %d are "
			    "expected", lower ? "s" : "S", typed ? ", " : "", typed ? verdict(p->type) : "",
			    p->runs.crossings, p->runs.crossings == 1 ? "" : "s", centre,
			    p->runs.crossings_min);
			if (typed)
				put(o, "; the latest %s are %s it", unit, high ? "above" : "below");
			put(o, ".");
		}
		return;
	}
	if (isnan(p->ucl) && isnan(p->lcl))
		put(o, "%s", lower ? "no sign of a shift or trend: random variation."
		                   : "No sign of a shift or trend: random variation.");
	else
		put(o, "%s", lower ? "within the process limits: normal variation, not a real change."
		                   : "Within the process limits: normal variation, not a real change.");
}

/* "Limits recalculated from April 2026 (Text reminders start)." when the
 * latest phase was started by an annotation; trial limits named. */
static void phase_note(struct out *o, const struct dr_series *s, size_t j)
{
	size_t start = j;
	while (start > 0 && s->spc[start - 1].phase == s->spc[j].phase)
		start--;
	if (start > 0) {
		char when[32];
		const char *why = NULL;
		dr_headline_period(s, start, when, sizeof when);
		for (size_t a = 0; a < s->nann; a++)
			if (s->ann[a].rebase && s->ann[a].month >= s->period[start] &&
			    s->ann[a].month < s->period[start] + (s->def->period == DR_PERIOD_QUARTER ? 3 : 1))
				why = s->ann[a].text;
		put(o, " Limits recalculated from %s%s%s%s.", when, why ? " (" : "", why ? why : "",
		    why ? ")" : "");
	}
	if (s->summary.trial_limits && !isnan(s->spc[j].ucl))
		put(o, " Trial limits: 12 or fewer points so far.");
}

/* "Target 8.0%: met this month; the process will hit and miss it." */
static void target_note(struct out *o, const struct dr_series *s, size_t i)
{
	char tgt[32];
	const char *now = s->def->period == DR_PERIOD_QUARTER ? "this wave" : "this month";
	bool met = s->better >= 0 ? s->value[i] >= s->target : s->value[i] <= s->target;
	dr_chart_format_value(s->def->unit, s->target, -1, tgt, sizeof tgt);
	put(o, " Target %s: ", tgt);
	switch (s->summary.assurance) {
	case DR_ASSURE_PASS:
		if (met)
			put(o, "met, and the process consistently meets it.");
		else
			put(o, "not met %s, though the process normally meets it.", now);
		break;
	case DR_ASSURE_FAIL:
		if (met)
			put(o, "met %s, but the process normally does not.", now);
		else
			put(o, "not met, and the process will not meet it without a change.");
		break;
	case DR_ASSURE_HIT_AND_MISS:
		put(o, "%s %s; the process will hit and miss it.", met ? "met" : "not met", now);
		break;
	default:
		put(o, "%s.", met ? "met" : "not met");
		break;
	}
}

void dr_headline(const struct dr_series *s, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	size_t last = s->n;
	if (size == 0)
		return;
	buf[0] = '\0';
	if (dr_headline_guard(s, buf, size))      /* too few cases, or too much hidden */
		return;
	while (last > 0 && isnan(s->value[last - 1]))
		last--;
	if (last == 0) {
		put(&o, "%s: no data in this period.", s->def->label);
		return;
	}
	size_t i = last - 1;
	char when[32], v[32], prev[32];
	dr_headline_period(s, i, when, sizeof when);
	dr_chart_format_value(s->def->unit, s->value[i], -1, v, sizeof v);
	put(&o, "%s was %s in %s%s", s->def->label, v, when, s->provisional[i] ? " (provisional)" : "");
	if (i > 0 && !isnan(s->value[i - 1])) {
		dr_chart_format_value(s->def->unit, s->value[i - 1], -1, prev, sizeof prev);
		/* Judged on the printed numbers: "1.82, down from 1.82" reads as a slip. */
		const char *dir = strcmp(v, prev) == 0 ? "unchanged from"
		                : s->value[i] > s->value[i - 1] ? "up from" : "down from";
		put(&o, ", %s %s", dir, prev);
	}
	put(&o, ". ");
	/* Judge the latest complete period: a provisional one is still closing. */
	size_t j = dr_series_last_complete(s);
	if (j == s->n) {
		put(&o, "Every period is provisional: too early to judge variation.");
	} else {
		if (j != i) {
			char jw[32];
			dr_headline_period(s, j, jw, sizeof jw);
			put(&o, "%s, the latest complete %s: ", jw,
			    s->def->period == DR_PERIOD_QUARTER ? "wave" : "month");
		}
		judgement(&o, s, j, j != i);
		phase_note(&o, s, j);
	}
	if (s->has_target)
		target_note(&o, s, i);
}
