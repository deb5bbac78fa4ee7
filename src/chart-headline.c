/*
 * chart-headline.c -- one plain-language sentence per chart.
 *
 * "Initial denial rate was 14.2% in October 2026, up from 12.1%. Special
 * cause: 7 months in a row above the average. Target 8%: not met."
 *
 * The sentence only claims a change when the SPC rules flagged the latest
 * point; otherwise it says the movement is within normal variation. It
 * takes the judged series and writes into the caller's buffer.
 * Never: allocates, prints, or invents a direction the rules do not give.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"

/* "October 2026" or "Q4 2026". */
void dr_headline_period(const struct dr_series *s, size_t i, char *out, size_t size)
{
	dr_month mo = s->period[i];
	if (s->def->period == DR_PERIOD_QUARTER)
		snprintf(out, size, "Q%d %d", (dr_month_mon(mo) - 1) / 3 + 1, dr_month_year(mo));
	else
		snprintf(out, size, "%s %d", dr_month_name(mo), dr_month_year(mo));
}

/* Why the latest point is special, in words. */
static const char *signal_words(enum dr_spc_signal sig, const char *side)
{
	static char buf[96];
	switch (sig) {
	case DR_SIGNAL_OUTSIDE:
		snprintf(buf, sizeof buf, "outside the process limits (%s)", side);
		return buf;
	case DR_SIGNAL_TREND:
		return "part of a run of 7 points going the same way";
	case DR_SIGNAL_TWO_OF_THREE:
		snprintf(buf, sizeof buf, "2 of the last 3 points close to the %s limit", side);
		return buf;
	case DR_SIGNAL_RUN:
		snprintf(buf, sizeof buf, "7 or more points in a row %s the average", side);
		return buf;
	default:
		return "";
	}
}

size_t dr_series_last_complete(const struct dr_series *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (!isnan(s->value[i]) && !s->provisional[i])
			return i;
	return s->n;
}

void dr_headline(const struct dr_series *s, char *out, size_t size)
{
	size_t last = s->n;
	while (last > 0 && isnan(s->value[last - 1]))
		last--;
	if (last == 0) {
		snprintf(out, size, "%s: no data in this period.", s->def->label);
		return;
	}
	size_t i = last - 1;
	char when[32], v[32], prev[32] = "", tgt[32];
	dr_headline_period(s, i, when, sizeof when);
	dr_chart_format_value(s->def->unit, s->value[i], -1, v, sizeof v);
	size_t len = (size_t)snprintf(out, size, "%s was %s in %s%s", s->def->label, v, when,
	                              s->provisional[i] ? " (provisional)" : "");
	if (i > 0 && !isnan(s->value[i - 1]) && len < size) {
		dr_chart_format_value(s->def->unit, s->value[i - 1], -1, prev, sizeof prev);
		/* Judged on the printed numbers: "1.82, down from 1.82" reads as a slip. */
		const char *dir = strcmp(v, prev) == 0 ? "unchanged from"
		                : s->value[i] > s->value[i - 1] ? "up from" : "down from";
		len += (size_t)snprintf(out + len, size - len, ", %s %s", dir, prev);
	}
	if (len < size)
		len += (size_t)snprintf(out + len, size - len, ". ");
	/* Judge the latest complete period: a provisional one is still closing. */
	size_t j = dr_series_last_complete(s);
	if (j < s->n && j != i && len < size) {
		char jw[32];
		dr_headline_period(s, j, jw, sizeof jw);
		len += (size_t)snprintf(out + len, size - len, "%s, the latest complete %s: ", jw,
		                        s->def->period == DR_PERIOD_QUARTER ? "wave" : "month");
	}
	const struct dr_spc_point *p = j < s->n ? &s->spc[j] : &s->spc[i];
	const char *lower = j < s->n && j != i ? "s" : "S";
	if (len < size) {
		if (j == s->n || (isnan(p->ucl) && isnan(p->lcl)))
			len += (size_t)snprintf(out + len, size - len, "Too few points to judge variation.");
		else if (p->signal == DR_SIGNAL_NONE)
			len += (size_t)snprintf(out + len, size - len,
			                        "%sithin the process limits: normal variation, not a real change.",
			                        *lower == 's' ? "w" : "W");
		else {
			bool high = s->value[j] > p->cl;
			const char *side = p->signal == DR_SIGNAL_RUN ? (high ? "above" : "below")
			                 : (high ? "upper" : "lower");
			const char *verdict = p->type == DR_POINT_IMPROVEMENT ? "an improvement"
			                    : p->type == DR_POINT_CONCERN ? "a concern" : "a real change";
			len += (size_t)snprintf(out + len, size - len, "%special cause, %s: %s.",
			                        lower, verdict, signal_words(p->signal, side));
		}
	}
	if (s->has_target && len < size) {
		dr_chart_format_value(s->def->unit, s->target, -1, tgt, sizeof tgt);
		bool met = s->better >= 0 ? s->value[i] >= s->target : s->value[i] <= s->target;
		snprintf(out + len, size - len, " Target %s: %s.", tgt, met ? "met" : "not met");
	}
}
