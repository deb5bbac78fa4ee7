/*
 * chart-headline-funnel.c -- the words of a funnel chart (chart.h):
 * its headline (dr_headline_funnel) and the caption of its limits
 * (dr_chart_funnel_caption), both from the same points and funnel the
 * chart draws.
 *
 * The headline counts the groups plotted, names those outside the 99.8%
 * limits (only when the chart labels them; otherwise it counts them) with
 * "higher" or "lower" than the limits, and says the rest are within what
 * chance gives at their size. It never says "better" or "worse": a group
 * above the limits is higher, whatever the metric's direction. Groups
 * between the 95% and 99.8% limits are counted, not named. A rate on
 * fewer than min_denominator cases (small_n) is not judged: not counted
 * among the groups compared, said apart. Never:
 * prints, allocates.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"

#define NAMED 4                 /* groups named; more are counted */

static bool plotted(const struct dr_chart_funnel_point *p)
{
	return p->flag != DR_FUNNEL_NO_N && isfinite(p->n) && p->n > 0 && isfinite(p->rate);
}

/* A plotted group judged against the limits (not a rate on too few cases). */
static bool judged(const struct dr_chart_funnel_point *p)
{
	return plotted(p) && !p->small_n;
}

/* " 3 with fewer than 20 cases are not judged." */
static void put_small(const struct dr_chart *c, struct dr_words *o, size_t nsmall)
{
	if (nsmall)
		dr_words_put(o, " %zu with fewer than %d cases %s not judged.", nsmall,
		             c->funnel_min_den, nsmall == 1 ? "is" : "are");
}

void dr_headline_funnel(const struct dr_chart *c, const char *word, char *out, size_t size)
{
	if (!size)
		return;
	out[0] = '\0';
	struct dr_words o = { out, size, 0 };
	const char *groups = word && *word ? word : "groups";
	size_t n = 0, high = 0, low = 0, mid = 0, nsmall = 0;
	for (size_t i = 0; c->fpt && i < c->nfpt; i++) {
		const struct dr_chart_funnel_point *p = &c->fpt[i];
		nsmall += plotted(p) && p->small_n;
		if (!judged(p))
			continue;
		n++;
		high += p->flag == DR_FUNNEL_ABOVE_998;
		low += p->flag == DR_FUNNEL_BELOW_998;
		mid += p->flag == DR_FUNNEL_ABOVE_95 || p->flag == DR_FUNNEL_BELOW_95;
	}
	if (c->funnel && n == 0 && nsmall) {
		dr_words_put(&o, "No comparison possible: every group has fewer than %d cases, too few "
		             "to judge.", c->funnel_min_den);
		return;
	}
	if (!c->funnel || n == 0) {
		dr_words_put(&o, "No comparison possible: %s.", n == 0 ? c->funnel_hidden
		             ? "every group is hidden to protect privacy or has no cases"
		             : "no group has cases to compare" : "the limits could not be computed");
		return;
	}
	if (n < 2) {
		dr_words_put(&o, "Only one of the %s has enough cases: nothing to compare it with.",
		             groups);
		put_small(c, &o, nsmall);
		return;
	}
	size_t out998 = high + low;
	if (out998 == 0) {
		dr_words_put(&o, "All %zu %s are within the 99.8%% limits: they differ by no more "
		             "than chance gives at their size", n, groups);
		if (mid)
			dr_words_put(&o, " (%zu outside the 95%% limits only, as about 1 group in "
			             "20 is by chance alone)", mid);
		dr_words_put(&o, ".");
		put_small(c, &o, nsmall);
		return;
	}
	dr_words_put(&o, "%zu of %zu %s %s outside the 99.8%% limits: ", out998, n, groups,
	             out998 == 1 ? "is" : "are");
	if (c->funnel_labels) {
		size_t named = 0;
		for (int up = 1; up >= 0; up--)
			for (size_t i = 0; i < c->nfpt; i++) {
				const struct dr_chart_funnel_point *p = &c->fpt[i];
				if (!judged(p) || p->flag != (up ? DR_FUNNEL_ABOVE_998 : DR_FUNNEL_BELOW_998))
					continue;
				if (named < NAMED)
					dr_words_put(&o, "%s%s %s", named ? ", " : "",
					             p->label && *p->label ? p->label : "(unnamed)",
					             up ? "higher" : "lower");
				named++;
			}
		if (named > NAMED)
			dr_words_put(&o, " and %zu more", named - NAMED);
	} else {
		if (high)
			dr_words_put(&o, "%zu higher", high);
		if (low)
			dr_words_put(&o, "%s%zu lower", high ? ", " : "", low);
	}
	if (out998 == n)
		dr_words_put(&o, ".");
	else
		dr_words_put(&o, "; the rest are within what chance gives at their size.");
	put_small(c, &o, nsmall);
}

void dr_chart_funnel_caption(const struct dr_funnel *f, size_t hidden, char *out, size_t size)
{
	if (!size)
		return;
	out[0] = '\0';
	struct dr_words o = { out, size, 0 };
	if (!f)
		dr_words_put(&o, "No comparison possible");
	else if (f->od == DR_FUNNEL_OD_ADDITIVE)
		dr_words_put(&o, "Limits widened for overdispersion, additive, tau^2 = %.3g",
		             f->tau2);
	else if (f->od == DR_FUNNEL_OD_MULTIPLICATIVE)
		dr_words_put(&o, "Limits widened for overdispersion, multiplicative, phi = %.3g",
		             f->phi);
	else
		dr_words_put(&o, "%s limits, no overdispersion adjustment",
		             f->model == DR_FUNNEL_POISSON ? "Poisson" : "Binomial");
	if (f)
		dr_words_put(&o, "; target is the pooled rate of the groups plotted");
	if (hidden)
		dr_words_put(&o, " \xC2\xB7 %zu %s hidden for privacy (not plotted)", hidden,
		             hidden == 1 ? "group" : "groups");
}
