/*
 * funnel.c -- funnel plot limits, z-scores, flags and overdispersion
 * (funnel.h; dyadreport(1), THE FUNNEL SUBCOMMAND, says the same).
 *
 * Target: theta = sum(y) / sum(n) over the groups with n > 0, or the one
 * given. p = theta for proportions; mu = n * theta for rates.
 *
 * Limits without overdispersion (od none), exact, Spiegelhalter 2005,
 * appendix A.1.1: X ~ Binomial(n, theta) (Poisson(n * theta) for rates);
 * r = the smallest whole count with P(X <= r) >= q (bisection on r),
 * alpha = (P(X <= r) - q) / P(X = r), limit = (r - alpha) / n, raised to 0
 * when negative (r = 0). P(X = k) is exp of the lgamma log-pmf at the
 * quantile's r; P(X <= r) sums the pmf by the ratios of successive terms:
 * downwards from r below the mode, else 1 minus the sum upwards from r + 1,
 * until the terms no longer count. A proportion's
 * limit at a fractional n is interpolated linearly between the limits at
 * floor(n) and ceil(n) (at n < 1: the limit at n = 1).
 *
 * z-scores and overdispersion are on FunnelPlotR's variance-stabilised
 * scales: g(x) = asin(sqrt(x)) for proportions (its "PR"), g(x) = sqrt(x)
 * for rates (as its square-root "CQC" method); on both, the within-group
 * standard error is s(n) = 1 / (2 sqrt(n)).
 *   z0_i  = (g(y_i / n_i) - g(theta)) / s(n_i)          (unadjusted)
 *   phi   = mean of z0_i^2 after winsorising z0 at its 10th and 90th
 *           percentiles (R's quantile() type 7) -- FunnelPlotR's phi;
 *   tau^2 = 0 when k phi < k - 1 (k groups with n > 0), else
 *           max(0, (k phi - (k - 1)) / (sum w_i - sum w_i^2 / sum w_i))
 *           with w_i = 1 / s(n_i)^2 (DerSimonian-Laird, FunnelPlotR's tau2;
 *           0 when the denominator is 0, a single group).
 * od auto: additive when phi > 1, else none (FunnelPlotR's rule).
 * With od multiplicative the spread is sd = sqrt(max(phi, 1)) s(n) (never
 * narrower than chance); with od additive sd = sqrt(s(n)^2 + tau^2); the
 * limits are then g^-1(g(theta) + z_q sd) with z_q the normal quantile of
 * q: a proportion's limit is 0 below g = 0 and 1 above g = pi / 2, a
 * rate's 0 below g = 0. The reported z is (g(y/n) - g(theta)) / sd, with
 * sd = s(n) under od none.
 * Flags: above 99.8% when y/n > upper998, else above 95% when > upper95,
 * below likewise (strictly outside, as FunnelPlotR), else within.
 * Degenerate target (a pooled proportion of 0 or 1, a pooled rate of 0:
 * every group has the same rate): every limit is the target, z = 0.
 *
 * Owns: a sorted copy of the z-scores while judging. Never: prints.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/funnel.h"

static const double winsor_fraction = 0.10;

/* The standard normal quantile: Acklam's rational approximation, then one
 * Halley step on erfc, good to about 1e-15. */
static double normal_quantile(double q)
{
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
	                            -2.759285104469687e+02, 1.383577518672690e+02,
	                            -3.066479806614716e+01, 2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
	                            -1.556989798598866e+02, 6.680131188771972e+01,
	                            -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
	                            -2.400758277161838e+00, -2.549732539343734e+00,
	                            4.374664141464968e+00, 2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
	                            2.445134137142996e+00, 3.754408661907416e+00 };
	double x, t, r;

	if (!(q > 0 && q < 1))
		return q == 0 ? -INFINITY : q == 1 ? INFINITY : NAN;
	if (q < 0.02425) {
		t = sqrt(-2 * log(q));
		x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) /
		    ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
	} else if (q > 1 - 0.02425) {
		t = sqrt(-2 * log1p(-q));
		x = -(((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) /
		    ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
	} else {
		t = q - 0.5;
		r = t * t;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	/* Halley: e = Phi(x) - q, from the side with the smaller tail. */
	double e = x < 0 ? 0.5 * erfc(-x / sqrt(2)) - q : (1 - q) - 0.5 * erfc(x / sqrt(2));
	double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}

/* One discrete distribution at the target: Binomial(n, p) or Poisson(mu). */
struct dist {
	bool poisson;
	double n, p, mu;
};

/* log P(X = k). */
static double log_pmf(const struct dist *d, double k)
{
	if (d->poisson)
		return k * log(d->mu) - d->mu - lgamma(k + 1);
	return lgamma(d->n + 1) - lgamma(k + 1) - lgamma(d->n - k + 1) + k * log(d->p) +
	       (d->n - k) * log1p(-d->p);
}

/* P(X <= r) and P(X = r) for a whole r >= 0 (r <= n for the binomial).
 * Below the mode it sums the pmf downwards from r; from the mode up it is
 * 1 minus the sum upwards from r + 1: either way the terms only shrink, so
 * the sum stops once they no longer count, and an underflowed pmf far from
 * the mode gives 0 or 1, as it should. */
static double cdf(const struct dist *d, double r, double *pmf_r)
{
	double mode = d->poisson ? floor(d->mu) : floor((d->n + 1) * d->p);
	double term = exp(log_pmf(d, r)), sum = 0;

	*pmf_r = term;
	if (r < mode) {
		sum = term;
		for (double k = r; k >= 1 && term > sum * 1e-17; k--) {
			term *= d->poisson ? k / d->mu : k * (1 - d->p) / ((d->n - k + 1) * d->p);
			sum += term;
		}
		return sum;
	}
	for (double k = r; d->poisson || k < d->n; k++) {
		term *= d->poisson ? d->mu / (k + 1) : (d->n - k) * d->p / ((k + 1) * (1 - d->p));
		sum += term;
		if (term <= sum * 1e-17 || term == 0)
			break;
	}
	return sum < 1 ? 1 - sum : 0;
}

/* The exact interpolated limit (r - alpha) / n for a whole n >= 1. */
static double exact_limit(const struct dist *d, double q)
{
	double lo = -1, hi, pmf;

	if (d->poisson) {
		hi = ceil(d->mu + 10 * sqrt(d->mu) + 10);
		while (cdf(d, hi, &pmf) < q)
			hi *= 2;
	} else {
		hi = d->n;
	}
	while (hi - lo > 1) {
		double mid = floor((lo + hi) / 2);
		if (cdf(d, mid, &pmf) >= q)
			hi = mid;
		else
			lo = mid;
	}
	double f = cdf(d, hi, &pmf);
	double alpha = pmf > 0 ? (f - q) / pmf : 0;
	double limit = (hi - alpha) / d->n;
	return limit > 0 ? limit : 0;
}

/* The variance-stabilising transform g and its inverse, clamped. */
static double transform(enum dr_funnel_model model, double x)
{
	return model == DR_FUNNEL_POISSON ? sqrt(x) : asin(sqrt(x));
}

static double untransform(enum dr_funnel_model model, double g)
{
	if (g <= 0)
		return 0;
	if (model == DR_FUNNEL_POISSON)
		return g * g;
	if (g >= M_PI / 2)
		return 1;
	double s = sin(g);
	return s * s;
}

static bool degenerate(const struct dr_funnel *f)
{
	return f->target <= 0 || (f->model == DR_FUNNEL_PROPORTION && f->target >= 1);
}

/* The spread at size n on the transformed scale under f's model. */
static double spread(const struct dr_funnel *f, double n)
{
	double s2 = 1 / (4 * n);

	switch (f->od) {
	case DR_FUNNEL_OD_MULTIPLICATIVE:
		return sqrt(s2 * (f->phi > 1 ? f->phi : 1));
	case DR_FUNNEL_OD_ADDITIVE:
		return sqrt(s2 + (f->tau2 > 0 ? f->tau2 : 0));
	default:
		return sqrt(s2);
	}
}

static double exact_at_whole_n(const struct dr_funnel *f, double n, double q)
{
	struct dist d = { f->model == DR_FUNNEL_POISSON, n, f->target, n * f->target };
	return exact_limit(&d, q);
}

double dr_funnel_limit(const struct dr_funnel *f, double n, double q)
{
	if (!(n > 0) || !isfinite(n) || !(q > 0 && q < 1) || isnan(f->target))
		return NAN;
	if (degenerate(f))
		return f->target;
	if (f->od == DR_FUNNEL_OD_MULTIPLICATIVE || f->od == DR_FUNNEL_OD_ADDITIVE)
		return untransform(f->model, transform(f->model, f->target) +
		                                     normal_quantile(q) * spread(f, n));
	if (f->model == DR_FUNNEL_POISSON)
		return exact_at_whole_n(f, n, q);
	if (n <= 1)
		return exact_at_whole_n(f, 1, q);
	double below = floor(n), above = ceil(n);
	double at_below = exact_at_whole_n(f, below, q);
	if (above == below)
		return at_below;
	return at_below + (n - below) * (exact_at_whole_n(f, above, q) - at_below);
}

const char *dr_funnel_flag_name(enum dr_funnel_flag flag)
{
	static const char *const names[] = { "within", "above 95%", "below 95%", "above 99.8%",
	                                     "below 99.8%", "no n" };
	return (unsigned)flag < sizeof names / sizeof names[0] ? names[flag] : "?";
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* R's quantile(type = 7) of sorted[0..k). */
static double quantile7(const double *sorted, size_t k, double p)
{
	double h = (double)(k - 1) * p;
	size_t lo = (size_t)floor(h);

	if (lo + 1 >= k)
		return sorted[k - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

/* phi and tau^2 from the unadjusted z-scores z0 of the used groups. */
static void dispersion(const double *z0, const double *w, size_t k, double *phi, double *tau2)
{
	double *sorted = dr_xmalloc(k * sizeof *sorted);
	double sum_z2 = 0, sum_w = 0, sum_w2 = 0;

	memcpy(sorted, z0, k * sizeof *sorted);
	qsort(sorted, k, sizeof *sorted, compare_double);
	double lz = quantile7(sorted, k, winsor_fraction);
	double uz = quantile7(sorted, k, 1 - winsor_fraction);
	for (size_t i = 0; i < k; i++) {
		double z = z0[i] < lz ? lz : z0[i] > uz ? uz : z0[i];
		sum_z2 += z * z;
		sum_w += w[i];
		sum_w2 += w[i] * w[i];
	}
	free(sorted);
	*phi = sum_z2 / (double)k;
	double kd = (double)k, denom = sum_w - sum_w2 / sum_w;
	if (kd * *phi < kd - 1 || !(denom > 0))
		*tau2 = 0;
	else
		*tau2 = fmax(0, (kd * *phi - (kd - 1)) / denom);
}

static enum dr_funnel_flag judge_flag(double rate, const struct dr_funnel_point *p)
{
	if (rate > p->upper998)
		return DR_FUNNEL_ABOVE_998;
	if (rate < p->lower998)
		return DR_FUNNEL_BELOW_998;
	if (rate > p->upper95)
		return DR_FUNNEL_ABOVE_95;
	if (rate < p->lower95)
		return DR_FUNNEL_BELOW_95;
	return DR_FUNNEL_WITHIN;
}

int dr_funnel_judge(const double *y, const double *n, size_t count, enum dr_funnel_model model,
                    enum dr_funnel_od od, double target, struct dr_funnel *f,
                    struct dr_funnel_point *pt)
{
	double sum_y = 0, sum_n = 0;
	size_t used = 0;

	*f = (struct dr_funnel){ model, DR_FUNNEL_OD_NONE, NAN, NAN, NAN, 0 };
	if (!isnan(target) && (model == DR_FUNNEL_PROPORTION ? !(target > 0 && target < 1)
	                                                     : !(target > 0 && isfinite(target))))
		return -1;
	for (size_t i = 0; i < count; i++) {
		if (isnan(n[i]) || n[i] == 0)
			continue;
		if (!(n[i] > 0) || !isfinite(n[i]) || !(y[i] >= 0) || !isfinite(y[i]) ||
		    (model == DR_FUNNEL_PROPORTION && y[i] > n[i]))
			return -1;
		sum_y += y[i];
		sum_n += n[i];
		used++;
	}
	if (used == 0)
		return -1;
	f->target = isnan(target) ? sum_y / sum_n : target;
	f->used = used;

	/* Unadjusted z on the transformed scale, then phi and tau^2. */
	double *z0 = dr_xmalloc(used * sizeof *z0), *w = dr_xmalloc(used * sizeof *w);
	double g_target = transform(model, f->target);
	bool flat = degenerate(f);
	for (size_t i = 0, j = 0; i < count; i++) {
		if (isnan(n[i]) || n[i] == 0)
			continue;
		double s = 1 / (2 * sqrt(n[i]));
		z0[j] = flat ? 0 : (transform(model, y[i] / n[i]) - g_target) / s;
		w[j++] = 1 / (s * s);
	}
	dispersion(z0, w, used, &f->phi, &f->tau2);
	free(z0);
	free(w);
	f->od = od == DR_FUNNEL_OD_AUTO ? (f->phi > 1 ? DR_FUNNEL_OD_ADDITIVE : DR_FUNNEL_OD_NONE)
	                                : od;

	for (size_t i = 0; i < count; i++) {
		struct dr_funnel_point *p = &pt[i];
		if (isnan(n[i]) || n[i] == 0) {
			*p = (struct dr_funnel_point){ NAN, NAN, NAN, NAN, NAN, NAN, DR_FUNNEL_NO_N };
			continue;
		}
		p->rate = y[i] / n[i];
		p->lower95 = dr_funnel_limit(f, n[i], 0.025);
		p->upper95 = dr_funnel_limit(f, n[i], 0.975);
		p->lower998 = dr_funnel_limit(f, n[i], 0.001);
		p->upper998 = dr_funnel_limit(f, n[i], 0.999);
		p->z = flat ? 0 : (transform(model, p->rate) - g_target) / spread(f, n[i]);
		p->flag = flat ? DR_FUNNEL_WITHIN : judge_flag(p->rate, p);
	}
	return 0;
}
