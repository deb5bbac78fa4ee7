/*
 * metric-suppress.c -- the two privacy rules every series and breakdown
 * applies (metric.h): the small-cell test and the complementary rule.
 *
 * dr_suppress_small() says whether one count is a small cell: more than
 * zero and fewer than the threshold (a threshold of 0 or less turns the
 * rule off; zero itself is never small, it identifies nobody).
 *
 * dr_suppress_complement() runs after the first rule has marked groups
 * hidden: when exactly one group is hidden and at least one is shown, the
 * hidden figure could be worked out as the total minus the shown ones, so
 * the shown group with the smallest size is hidden too (ties: the name in
 * byte order, the smaller first). Two or more hidden groups already protect
 * each other. It never un-hides a group.
 *
 * dr_suppress_hidden_sum() runs after it, in public: the hidden groups
 * together are the total minus the shown ones, and a public chart shows
 * that sum (a Pareto's "Other, hidden" bar), so while it is itself a small
 * cell the smallest shown group is hidden too (same ties).
 *
 * dr_suppress_hidden_count() is the same for any other count a shown
 * value rests on: with an "All" row's rate and n printed, the hidden
 * groups' completed (or not completed) sum is the whole's minus the shown
 * groups', so it must not be a small cell either.
 *
 * dr_suppress_too_many() says when hiding leaves a series that cannot be
 * judged without bias (the hidden months are the small ones, so the
 * survivors' centre is not the process's): some point is hidden, and fewer
 * than dr_suppress_min_points() usable points remain (the rule set's
 * longest sequence rule: mdc7 7, mdc6 6; anhoej the 10 points its runs
 * rules start at) or more than a third of the window is hidden.
 * dr_suppress_unjudge() then clears every centre, limit, signal and icon,
 * so the chart, the headline and metrics.csv show none from the survivors.
 *
 * Pure: no I/O, no allocation, no globals. Never prints.
 */
#include <math.h>
#include <string.h>

#include "dyadreport/metric.h"

bool dr_suppress_small(double c, int below)
{
	return below > 0 && c > 0 && c < below;
}

/* The shown group with the smallest size (ties: the name in byte order),
 * among those whose count is above 0 when count is given; n when none. */
static size_t smallest_shown(const double *size, const char *const *name, size_t n, const bool *hidden,
                             const double *count)
{
	size_t pick = n;
	for (size_t i = 0; i < n; i++) {
		if (hidden[i] || (count && !(count[i] > 0)))
			continue;
		if (pick == n || size[i] < size[pick] ||
		    (size[i] == size[pick] && strcmp(name[i], name[pick]) < 0))
			pick = i;
	}
	return pick;
}

size_t dr_suppress_complement(const double *size, const char *const *name, size_t n, bool *hidden)
{
	size_t nhidden = 0;
	for (size_t i = 0; i < n; i++)
		nhidden += hidden[i];
	if (nhidden != 1 || nhidden == n)
		return nhidden;
	hidden[smallest_shown(size, name, n, hidden, NULL)] = true;
	return 2;
}

size_t dr_suppress_hidden_sum(const double *size, const char *const *name, size_t n, bool *hidden,
                              int below)
{
	return dr_suppress_hidden_count(size, size, name, n, hidden, below);
}

size_t dr_suppress_hidden_count(const double *count, const double *size, const char *const *name,
                                size_t n, bool *hidden, int below)
{
	double sum = 0;
	size_t nhidden = 0;
	for (size_t i = 0; i < n; i++)
		if (hidden[i]) {
			sum += count[i] > 0 ? count[i] : 0;
			nhidden++;
		}
	while (nhidden > 0 && nhidden < n && dr_suppress_small(sum, below)) {
		size_t pick = smallest_shown(size, name, n, hidden, count);
		if (pick == n)
			break;      /* the sum is the whole's own count */
		hidden[pick] = true;
		sum += count[pick];
		nhidden++;
	}
	return nhidden;
}

size_t dr_suppress_min_points(enum dr_spc_rules r)
{
	const struct dr_spc_ruleset *rs = dr_spc_rules_get(r);
	if (rs->anhoej)
		return 10;
	return rs->trend > rs->run ? rs->trend : rs->run;
}

bool dr_suppress_too_many(const struct dr_series *s)
{
	size_t hidden = 0, usable = 0;
	for (size_t i = 0; i < s->n; i++) {
		hidden += s->suppressed[i];
		usable += !isnan(s->value[i]) && !s->provisional[i];
	}
	return hidden > 0 && (usable < dr_suppress_min_points(s->rules) || 3 * hidden > s->n);
}

void dr_suppress_unjudge(struct dr_series *s)
{
	if (!dr_suppress_too_many(s))
		return;
	s->too_hidden = true;
	for (size_t i = 0; i < s->n; i++) {
		struct dr_spc_point *p = &s->spc[i];
		p->cl = p->lcl = p->ucl = NAN;
		p->signal = DR_SIGNAL_NONE;
		p->type = DR_POINT_NONE;
		p->runs = (struct dr_spc_runs){ 0 };
	}
	s->summary.variation = DR_POINT_NONE;
	s->summary.assurance = DR_ASSURE_NONE;
	s->summary.trial_limits = false;
	s->summary.runs = (struct dr_spc_runs){ 0 };
}
