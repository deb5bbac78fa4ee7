/*
 * chart-model.c -- builds the device-free chart of one metric series.
 *
 * Takes a judged struct dr_series and fills a struct dr_chart whose points
 * live in a caller-provided array of s->n elements: values, centre and
 * limits per point (a month without a value keeps its phase's lines, a
 * hidden month has none), point types and provisional (hollow) markers,
 * rates on too few cases (small_n, with their n: no icons when the latest
 * complete one is), target, titles and the small-type note naming the
 * chart type and rule set.
 *
 * Owns nothing: the chart borrows the series' strings and the caller's
 * points array. Never: draws, allocates or prints.
 */
#include <math.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"

void dr_chart_from_series(const struct dr_series *s, struct dr_chart *c, struct dr_chart_point *pt)
{
	for (size_t i = 0; i < s->n; i++) {
		pt[i].month = s->period[i];
		pt[i].y = s->value[i];
		/* A month without a value keeps its phase's lines (spc.h), as
		 * qicharts2 draws them; a hidden one shows none, as in metrics.csv. */
		bool hidden = s->suppressed && s->suppressed[i];
		pt[i].cl = hidden ? NAN : s->spc[i].cl;
		pt[i].lcl = hidden ? NAN : s->spc[i].lcl;
		pt[i].ucl = hidden ? NAN : s->spc[i].ucl;
		pt[i].type = s->spc[i].type;
		pt[i].hollow = s->provisional[i] && !isnan(s->value[i]);
		pt[i].small_n = dr_series_small_n(s, i);
		pt[i].n = s->den[i];
		pt[i].phase = s->spc[i].phase;
	}
	c->title = s->def->label;
	c->subtitle = s->def->definition;
	c->footnote = dr_spc_describe(s->rules, s->chart);
	c->ann = s->ann;
	c->nann = s->nann;
	c->icons = true;
	size_t j = dr_series_last_complete(s);
	c->variation = j < s->n && dr_series_judged(s, j) ? s->summary.variation : DR_POINT_NONE;
	c->assurance = s->summary.assurance;
	/* A rate on too few cases is never judged: no icon speaks for it. */
	if (j < s->n && dr_series_small_n(s, j)) {
		c->variation = DR_POINT_NONE;
		c->assurance = DR_ASSURE_NONE;
	}
	c->runs_signal = s->summary.runs.signal;
	c->trial_limits = s->summary.trial_limits;
	c->unit = s->def->unit;
	c->period = s->def->period;
	c->better = s->better;
	c->has_target = s->has_target;
	c->target = s->target;
	c->n = s->n;
	c->pt = pt;
}
