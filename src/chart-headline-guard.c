/*
 * chart-headline-guard.c -- when a chart's headline may not judge at all.
 *
 * Two cases, asked by dr_headline() before it compares or judges anything:
 *
 *   Too few cases. A rate on fewer than [report] min_denominator cases
 *   (dr_series_small_n: a proportion whose denominator counts cases, so
 *   not the dollar-weighted denial rate; visits per clinic day counts
 *   days) swings by chance: "Overturn rate was 0.0% in October 2026 on 1
 *   case, too few to compare or judge (fewer than 20)." No change from
 *   the month before, no verdict, no target.
 *
 *   Too much hidden. When privacy hid too much of the window to judge it
 *   (struct dr_series too_hidden, metric-suppress.c): "No-show rate was
 *   5.3% in October 2026. 6 of the 13 months cannot be shown publicly
 *   (small numbers), too many to judge variation: no centre line or limits
 *   are drawn."
 *
 * Writes into the caller's buffer (truncated safely). Never: allocates,
 * prints, or quotes a hidden number.
 */
#include <math.h>
#include <stdio.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"

bool dr_rate_small_n(const struct dr_metric_def *def, double den, int min_den)
{
	if (!def || min_den <= 0 || !isfinite(den))
		return false;
	if (def->kind != DR_KIND_PROPORTION || def->id == DR_M_INITIAL_DENIAL_RATE_AMOUNT)
		return false;
	return den < min_den;
}

bool dr_series_small_n(const struct dr_series *s, size_t i)
{
	return i < s->n && !isnan(s->value[i]) && dr_rate_small_n(s->def, s->den[i], s->min_den);
}

bool dr_headline_guard(const struct dr_series *s, char *out, size_t size)
{
	size_t last = s->n, hidden = 0;
	while (last > 0 && isnan(s->value[last - 1]))
		last--;
	for (size_t i = 0; s->suppressed && i < s->n; i++)
		hidden += s->suppressed[i];
	bool quarter = s->def->period == DR_PERIOD_QUARTER;
	char when[32], v[32], n[32];
	if (size == 0 || (!s->too_hidden && (last == 0 || !dr_series_small_n(s, last - 1))))
		return false;
	int len = 0;
	if (last > 0) {
		dr_headline_period(s, last - 1, when, sizeof when);
		dr_chart_format_value(s->def->unit, s->value[last - 1], -1, v, sizeof v);
		len = snprintf(out, size, "%s was %s in %s%s", s->def->label, v, when,
		               s->provisional[last - 1] ? " (provisional)" : "");
	} else {
		len = snprintf(out, size, "%s: nothing can be shown", s->def->label);
	}
	if (len < 0 || (size_t)len >= size)
		return true;
	if (s->too_hidden) {
		snprintf(out + len, size - (size_t)len, ". %zu of the %zu %s cannot be shown publicly "
		         "(small numbers), too many to judge variation: no centre line or limits are "
		         "drawn.", hidden, s->n, quarter ? "waves" : "months");
		return true;
	}
	dr_chart_format_value(DR_UNIT_COUNT, s->den[last - 1], 0, n, sizeof n);
	snprintf(out + len, size - (size_t)len, " on %s case%s, too few to compare or judge "
	         "(fewer than %d).", n, s->den[last - 1] == 1 ? "" : "s", s->min_den);
	return true;
}
