/*
 * spc-limits.c -- centre line and process limits of one phase.
 *
 * Takes:   one phase's values y[0..n) in time order (NAN = missing month),
 *          an optional exclude flag per point, the rule set (limit width,
 *          whether excluded points are bridged) and the options (baseline,
 *          screening).
 * Returns: struct dr_spc_limits (centre, mR-bar, limits, two-of-three
 *          lines, counts) and the per-point cl/lcl/ucl in out[], NAN where
 *          a point has no value or the phase has no limits.
 * Owns:    one scratch buffer per call, freed before returning.
 * Never:   reads files, prints, keeps state, or judges a point (that is
 *          spc-rules.c); never clamps a limit.
 * Follows: NHSRplotthedots 0.2.2 ptd_spc_standard() and qicharts2 0.8.1
 *          qic.i(), operation for operation, so results match to the bit
 *          where the arithmetic allows (see ../shared/SPC.md §2.2, §3.2).
 *          Only the XmR (individuals) chart exists today; the p, u, c, run
 *          and mr charts of the anhoej rule set slot in beside xmr() and
 *          are chosen in dr_spc_limits_phase().
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/spc.h"

/* Screening threshold: moving ranges >= this many mR-bars are dropped. */
#define MR_SCREEN 3.267

/* True when point i has a value and is not excluded. */
static bool usable(const double *y, const bool *exclude, size_t i)
{
	return !isnan(y[i]) && !(exclude && exclude[i]);
}

/* R's mean(): long double sum, divide, then one correction pass; NAN if k = 0. */
static double rmean(const double *v, size_t k)
{
	long double s = 0, t = 0;

	if (k == 0)
		return NAN;
	for (size_t i = 0; i < k; i++)
		s += v[i];
	s /= (long double)k;
	if (!isfinite((double)s))
		return (double)s;
	for (size_t i = 0; i < k; i++)
		t += v[i] - s;
	s += t / (long double)k;
	return (double)s;
}

/*
 * Moving ranges of the first nb positions into mr; returns how many. A
 * missing month breaks the chain; an excluded one breaks it unless bridge.
 */
static size_t moving_ranges(const double *y, const bool *exclude, size_t nb,
                            bool bridge, double *mr)
{
	size_t k = 0, prev = 0;
	bool have_prev = false;

	for (size_t i = 0; i < nb; i++) {
		if (isnan(y[i])) {
			have_prev = false;
			continue;
		}
		if (exclude && exclude[i]) {
			if (!bridge)
				have_prev = false;
			continue;
		}
		/* TODO(anhoej): qicharts2 takes diff(y - cl), which can differ
		 * from y[i] - y[prev] in the last bit. */
		if (have_prev)
			mr[k++] = fabs(y[i] - y[prev]);
		prev = i;
		have_prev = true;
	}
	return k;
}

/* One pass of Nelson's screening: keeps mr < MR_SCREEN * amr; returns the count. */
static size_t screen(double *mr, size_t k, double amr)
{
	double limit = MR_SCREEN * amr;
	size_t kept = 0;

	for (size_t i = 0; i < k; i++)
		if (mr[i] < limit)
			mr[kept++] = mr[i];
	return kept;
}

/* XmR limits of one phase: mean and mR-bar of the baseline, extended to all points. */
static void xmr(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                const double *y, const bool *exclude, size_t n,
                struct dr_spc_limits *lim)
{
	size_t nb = o->baseline && o->baseline < n ? o->baseline : n;
	double *buf = dr_xmalloc(n * sizeof(*buf));
	double sigma;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!usable(y, exclude, i))
			continue;
		lim->nvalues++;
		if (i < nb)
			buf[k++] = y[i];
	}
	lim->nbase = k;
	if (k < 2)
		goto out;
	lim->cl = rmean(buf, k);

	k = moving_ranges(y, exclude, nb, rs->bridge_excluded, buf);
	lim->amr = rmean(buf, k);
	if (o->screen && k > 0)
		lim->amr = rmean(buf, screen(buf, k, lim->amr));
	if (isnan(lim->amr))
		goto out;

	sigma = lim->amr / rs->sigma_div;
	lim->lcl = lim->cl - rs->nsigma * sigma;
	lim->ucl = lim->cl + rs->nsigma * sigma;
	lim->lclose = lim->cl - rs->nclose * sigma;
	lim->uclose = lim->cl + rs->nclose * sigma;
out:
	free(buf);
}

/* Centre and limits of one phase, then copied onto each point with a value. */
void dr_spc_limits_phase(const struct dr_spc_ruleset *rs,
                         const struct dr_spc_options *o,
                         const double *y, const bool *exclude, size_t n,
                         struct dr_spc_limits *lim, struct dr_spc_point *out)
{
	*lim = (struct dr_spc_limits){
		.cl = NAN, .amr = NAN, .lcl = NAN, .ucl = NAN,
		.lclose = NAN, .uclose = NAN,
	};
	if (n == 0)
		return;

	/* TODO(anhoej): choose p, pp, u, up, c, run or mr here by chart type. */
	xmr(rs, o, y, exclude, n, lim);

	for (size_t i = 0; i < n; i++) {
		bool v = !isnan(y[i]);
		out[i].cl = v ? lim->cl : NAN;
		out[i].lcl = v ? lim->lcl : NAN;
		out[i].ucl = v ? lim->ucl : NAN;
	}
}
