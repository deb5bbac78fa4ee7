/*
 * spc-limits.c -- centre line and process limits of one phase, per chart type.
 *
 * Takes:   one phase (spc-int.h: plotted values, numerators, denominators,
 *          baseline and exclude flags, chart type), the rule set and the
 *          options (screening).
 * Returns: struct dr_spc_limits (centre, mR-bar, two-of-three lines,
 *          counts) and per point cl/lcl/ucl, NAN where the phase or
 *          chart has no such line; a point without a value still gets the
 *          centre and the limits that do not depend on its n (i, mr, c,
 *          mdc), as both packages return them. Values are before `multiply`.
 * Owns:    one scratch buffer per call, freed before returning.
 * Never:   reads files, prints, keeps state, or judges a point.
 * Follows: NHSRplotthedots 0.2.2 ptd_spc_standard() for mdc (XmR, mean +-
 *          2.66 mR-bar, never clamped) and qicharts2 0.8.1 qic.i, qic.mr,
 *          qic.run, qic.p, qic.pp, qic.u, qic.up, qic.c for anhoej,
 *          operation for operation in the same order, so results match to
 *          the last bits (as qicharts2 and NHSRplotthedots compute them).
 * Policy:  "B" = baseline and not excluded. Fewer than 2 usable values in
 *          B: no centre and no limits. Moving ranges (mdc) join neighbours
 *          that are both usable and in the baseline; anhoej takes them over
 *          the subsequence B as qicharts2's diff(y[base]) does, so an
 *          excluded month is bridged and a missing one is not. Non-finite
 *          limits become NAN (qicharts2 qic.agg).
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "spc-int.h"

/* Screening threshold: moving ranges >= this many mR-bars are dropped. */
#define MR_SCREEN 3.267
/* d2 for subgroups of two: sigma = mR-bar / 1.128 (qicharts2). */
#define D2 1.128

double dr_spc_rmean(const double *v, size_t k)
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

/* In B: baseline and not excluded. */
static bool in_b(const struct dr_spc_phase *ph, size_t i)
{
	return ph->base[i] && !(ph->exclude && ph->exclude[i]);
}

/* The values of B that are not missing, into buf; returns how many. */
static size_t b_values(const struct dr_spc_phase *ph, const double *v, double *buf)
{
	size_t k = 0;

	for (size_t i = 0; i < ph->n; i++)
		if (in_b(ph, i) && !isnan(v[i]))
			buf[k++] = v[i];
	return k;
}

/* Mean of mr[0..k) after one pass of Nelson's screening when asked:
 * drops mr >= 3.267 * mean (strict <, threshold from the unscreened mean). */
static double screened_mean(double *mr, size_t k, bool screen)
{
	double amr = dr_spc_rmean(mr, k);
	size_t kept = 0;

	if (!screen || isnan(amr))
		return amr;
	for (size_t i = 0; i < k; i++)
		if (mr[i] < MR_SCREEN * amr)
			mr[kept++] = mr[i];
	return dr_spc_rmean(mr, kept);
}

/*
 * Moving ranges of d over B into mr; returns how many. mdc: neighbouring
 * positions, both usable and in B. anhoej: consecutive members of B,
 * dropped when either is missing (qicharts2 diff(y[base]) with na.rm).
 */
static size_t moving_ranges(const struct dr_spc_phase *ph, const double *d, bool anhoej,
                            double *mr)
{
	size_t k = 0, prev = 0;
	bool have_prev = false;

	for (size_t i = 0; i < ph->n; i++) {
		if (!in_b(ph, i)) {
			if (!anhoej)
				have_prev = false;
			continue;
		}
		if (have_prev && !isnan(d[i]) && !isnan(d[prev]))
			mr[k++] = fabs(d[i] - d[prev]);
		have_prev = anhoej || !isnan(d[i]);
		prev = i;
	}
	return k;
}

/* R's median of v[0..k) (sorts v); NAN if k = 0. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double rmedian(double *v, size_t k)
{
	if (k == 0)
		return NAN;
	qsort(v, k, sizeof *v, cmp_double);
	if (k % 2)
		return v[k / 2];
	return dr_spc_rmean(v + k / 2 - 1, 2);
}

/* R's sum(x[B], na.rm = TRUE) in long double. */
static double b_sum(const struct dr_spc_phase *ph, const double *v)
{
	long double s = 0;

	for (size_t i = 0; i < ph->n; i++)
		if (in_b(ph, i) && !isnan(v[i]))
			s += v[i];
	return (double)s;
}

/* Sets every point's lcl/ucl to lo/hi. */
static void flat(struct dr_spc_point *out, size_t n, double lo, double hi)
{
	for (size_t i = 0; i < n; i++) {
		out[i].lcl = lo;
		out[i].ucl = hi;
	}
}

/* I chart: mean of B; mdc mean -+ 2.66 mR-bar, anhoej -+ 3 mR-bar / 1.128. */
static void chart_i(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                    const struct dr_spc_phase *ph, double *buf, struct dr_spc_limits *lim,
                    struct dr_spc_point *out)
{
	double sigma, *d = buf + ph->n;
	size_t k;

	/* qicharts2 takes diff(y - cl), which can differ from diff(y) in the last bit. */
	for (size_t i = 0; i < ph->n; i++)
		d[i] = rs->anhoej ? ph->y[i] - lim->cl : ph->y[i];
	k = moving_ranges(ph, d, rs->anhoej, buf);
	lim->amr = screened_mean(buf, k, o->screen);
	if (isnan(lim->amr))
		return;
	sigma = lim->amr / rs->sigma_div;
	flat(out, ph->n, lim->cl - rs->nsigma * sigma, lim->cl + rs->nsigma * sigma);
	lim->lclose = lim->cl - rs->nclose * sigma;
	lim->uclose = lim->cl + rs->nclose * sigma;
}

/*
 * Binomial (p) or Poisson (u) sigma of point i around centre cl, before
 * Laney's adjustment: sqrt(cl * (1 - cl) / n) or sqrt(cl / n).
 */
static double attribute_sd(enum dr_spc_chart c, double cl, double n)
{
	if (c == DR_SPC_P || c == DR_SPC_PP)
		return sqrt(cl * (1 - cl) / n);
	return sqrt(cl / n);
}

/*
 * Laney's sigma_z: mR-bar of z = (y - cl) / sd over B, screened, / 1.128
 * (qicharts2 qic.pp and qic.up; the moving ranges bridge excluded months).
 */
static double laney_sigma_z(const struct dr_spc_options *o, const struct dr_spc_phase *ph,
                            double cl, double *buf)
{
	double *z = buf + ph->n;
	size_t k;

	for (size_t i = 0; i < ph->n; i++)
		z[i] = (ph->y[i] - cl) / attribute_sd(ph->chart, cl, ph->den[i]);
	k = moving_ranges(ph, z, true, buf);
	return screened_mean(buf, k, o->screen) / D2;
}

/* p, pp, u, up: pooled centre, per-point limits, clamped as qicharts2 does. */
static void chart_attribute(const struct dr_spc_options *o, const struct dr_spc_phase *ph,
                            double *buf, struct dr_spc_limits *lim, struct dr_spc_point *out)
{
	enum dr_spc_chart c = ph->chart;
	bool laney = c == DR_SPC_PP || c == DR_SPC_UP;
	double sigma_z = 1;

	lim->cl = b_sum(ph, ph->num) / b_sum(ph, ph->den);
	if (laney)
		sigma_z = lim->amr = laney_sigma_z(o, ph, lim->cl, buf);
	for (size_t i = 0; i < ph->n; i++) {
		double sd = attribute_sd(c, lim->cl, ph->den[i]);
		if (laney)
			sd = sd * sigma_z;
		double hi = lim->cl + 3 * sd, lo = lim->cl - 3 * sd;
		if ((c == DR_SPC_P || c == DR_SPC_PP) && hi > 1 && isfinite(hi))
			hi = 1;
		if (lo < 0 && isfinite(lo))
			lo = 0;
		out[i].lcl = lo;
		out[i].ucl = hi;
	}
}

void dr_spc_limits_phase(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                         const struct dr_spc_phase *ph, struct dr_spc_limits *lim,
                         struct dr_spc_point *out)
{
	size_t n = ph->n;
	double *buf;

	*lim = (struct dr_spc_limits){ .cl = NAN, .amr = NAN, .lclose = NAN, .uclose = NAN };
	flat(out, n, NAN, NAN);
	if (n == 0)
		return;

	buf = dr_xmalloc(2 * n * sizeof *buf);
	for (size_t i = 0; i < n; i++)
		lim->nvalues += dr_spc_usable(ph, i);
	lim->nbase = b_values(ph, ph->y, buf);
	/* Fewer than 2 values: no centre. An MR chart's one moving range
	 * already rests on 2 values. */
	if (lim->nbase < (rs->anhoej && ph->chart == DR_SPC_MR ? 1u : 2u))
		goto out;

	switch (rs->anhoej ? ph->chart : DR_SPC_I) {
	case DR_SPC_I:
		lim->cl = dr_spc_rmean(buf, lim->nbase);
		chart_i(rs, o, ph, buf, lim, out);
		break;
	case DR_SPC_MR:
		lim->cl = dr_spc_rmean(buf, lim->nbase);
		flat(out, n, 0, 3.267 * lim->cl);
		break;
	case DR_SPC_RUN:
		lim->cl = rmedian(buf, lim->nbase);
		break;
	case DR_SPC_C: {
		lim->cl = dr_spc_rmean(buf, lim->nbase);
		double sd = sqrt(lim->cl), lo = lim->cl - 3 * sd;
		flat(out, n, lo < 0 && isfinite(lo) ? 0 : lo, lim->cl + 3 * sd);
		break;
	}
	case DR_SPC_P: case DR_SPC_PP: case DR_SPC_U: case DR_SPC_UP:
		chart_attribute(o, ph, buf, lim, out);
		break;
	default:
		break;
	}
out:
	free(buf);
	/* Every point, with a value or not, carries its phase's centre and
	 * whatever limits it has: constant ones (i, mr, c, mdc) on a missing
	 * month too, as qicharts2 and NHSRplotthedots return them; those
	 * that depend on n come out non-finite without a usable n (n = 0 or
	 * missing) and become NAN. */
	for (size_t i = 0; i < n; i++) {
		out[i].cl = lim->cl;
		out[i].lcl = isfinite(out[i].lcl) ? out[i].lcl : NAN;
		out[i].ucl = isfinite(out[i].ucl) ? out[i].ucl : NAN;
	}
}
