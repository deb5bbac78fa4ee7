/*
 * test-funnel.c -- unit tests for the funnel engine (src/funnel.c).
 *
 * The limits are worked out on paper from Spiegelhalter 2005, A.1.1
 * (r = smallest count with P(X <= r) >= q, alpha = (P(X <= r) - q) /
 * P(X = r), limit = (r - alpha) / n):
 *
 * Binomial(10, 0.5): P(X <= k) = 1, 11, 56, 176, ... over 1024 for k = 0, 1,
 * 2, 3; P(X = 1) = 10/1024, P(X = 2) = P(X = 8) = 45/1024.
 *   q = 0.001: P(X <= 0) = 0.0009765625 < q, P(X <= 1) >= q: r = 1,
 *     alpha = (11 - 1.024) / 10 = 0.9976, limit = 0.0024 / 10 = 0.00024.
 *   q = 0.025: r = 2, alpha = (56 - 25.6) / 45 = 30.4 / 45,
 *     limit = (2 - 30.4/45) / 10 = 59.6 / 450.
 *   q = 0.975: P(X <= 7) = 968/1024 < q, P(X <= 8) = 1013/1024: r = 8,
 *     alpha = (1013 - 998.4) / 45 = 14.6 / 45, limit = 345.4 / 450.
 *   q = 0.999: P(X <= 9) = 1023/1024 >= q > P(X <= 8): r = 9,
 *     alpha = (1023 - 1022.976) / 10 = 0.0024, limit = 8.9976 / 10 -- not
 *     the mirror of the 0.1% limit (1 - 0.00024): the interpolation
 *     always lowers, upper and lower limits alike.
 * Poisson(1) (n = 1, target 1): P(X <= 3) = (8/3)/e >= 0.975 > P(X <= 2)
 *   = 2.5/e: r = 3, P(X = 3) = (1/6)/e, alpha = 16 - 5.85 e,
 *   limit = 5.85 e - 13. q = 0.025: r = 0, alpha = 1 - 0.025 e, so
 *   (r - alpha) is negative: the limit is raised to 0.
 *
 * Dispersion: two groups of n = 100 with 30 and 50 events (pooled 0.4)
 * have z = +-a, a = 20 (asin sqrt 0.5 - asin sqrt 0.4) (equal n, so the
 * arcsine z-scores are symmetric only approximately: each is computed
 * below). Winsorised at R's type-7 10th/90th percentiles, z_lo + 0.1
 * (z_hi - z_lo) and z_hi - 0.1 (z_hi - z_lo); phi = the mean of their
 * squares; w = 4n = 400 each, so sum w - sum w^2 / sum w = 400 and
 * tau^2 = (2 phi - 1) / 400.
 */
#include <math.h>
#include <stdio.h>

#include "dyadreport/funnel.h"
#include "tap.h"

static const double tol = 1e-12;

static struct dr_funnel exact(enum dr_funnel_model model, double target)
{
	return (struct dr_funnel){ model, DR_FUNNEL_OD_NONE, target, NAN, NAN, 1 };
}

static void limits_on_paper(void)
{
	struct dr_funnel b = exact(DR_FUNNEL_PROPORTION, 0.5);
	tap_num(dr_funnel_limit(&b, 10, 0.001), 0.00024, tol, "binomial(10, .5): 0.1% limit");
	tap_num(dr_funnel_limit(&b, 10, 0.025), 59.6 / 450, tol, "binomial(10, .5): 2.5% limit");
	tap_num(dr_funnel_limit(&b, 10, 0.975), 345.4 / 450, tol, "binomial(10, .5): 97.5% limit");
	tap_num(dr_funnel_limit(&b, 10, 0.999), 0.89976, tol, "binomial(10, .5): 99.9% limit");
	tap_num(dr_funnel_limit(&b, 10.5, 0.975),
	        0.5 * (345.4 / 450 + dr_funnel_limit(&b, 11, 0.975)), tol,
	        "binomial at a fractional n: halfway between n = 10 and 11");
	tap_num(dr_funnel_limit(&b, 0, 0.975), NAN, 0, "no limit at n = 0");

	struct dr_funnel p = exact(DR_FUNNEL_POISSON, 1);
	tap_num(dr_funnel_limit(&p, 1, 0.975), 5.85 * M_E - 13, tol, "poisson(1): 97.5% limit");
	tap_num(dr_funnel_limit(&p, 1, 0.025), 0, 0, "poisson(1): 2.5% limit raised to 0");
}

static void judging(void)
{
	/* Target 0.5 given: n = 10 limits as above; 8 of 10 is above 95%
	 * (0.8 > 0.7676) but not 99.8% (upper998 = 0.89976); 0 of 10 is below
	 * 99.8% (0 < 0.00024); 5 of 10 within; n = 0 no n. 8 is itself the
	 * 97.5% quantile count r: the interpolated limit lies below r / n, so
	 * the published method flags it although P(X >= 8) = 56/1024. */
	double y[] = { 8, 0, 5, 0 }, n[] = { 10, 10, 10, 0 };
	struct dr_funnel f;
	struct dr_funnel_point pt[4];

	tap_int(dr_funnel_judge(y, n, 4, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_NONE, 0.5, &f, pt), 0,
	        "judges a given target");
	tap_int((long)f.used, 3, "the n = 0 group is left out");
	tap_str(dr_funnel_flag_name(pt[0].flag), "above 95%", "8/10 above 95%");
	tap_str(dr_funnel_flag_name(pt[1].flag), "below 99.8%", "0/10 below 99.8%");
	tap_str(dr_funnel_flag_name(pt[2].flag), "within", "5/10 within");
	tap_str(dr_funnel_flag_name(pt[3].flag), "no n", "n = 0: no n");
	tap_num(pt[3].rate, NAN, 0, "n = 0: no rate");
	tap_num(pt[0].z, (asin(sqrt(0.8)) - asin(sqrt(0.5))) * 2 * sqrt(10), tol,
	        "z on the arcsine scale, s = 1 / (2 sqrt n)");
	tap_num(pt[0].upper95, 345.4 / 450, tol, "a point carries its limits");

	/* Pooled: (8 + 0 + 5) / 30. */
	dr_funnel_judge(y, n, 4, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_NONE, NAN, &f, pt);
	tap_num(f.target, 13.0 / 30, tol, "pooled target sum(y) / sum(n)");

	double bad_y[] = { 11 }, ten[] = { 10 };
	tap_int(dr_funnel_judge(bad_y, ten, 1, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_NONE, NAN, &f, pt),
	        -1, "y > n is invalid for a proportion");
	tap_int(dr_funnel_judge(y + 3, n + 3, 1, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_AUTO, NAN, &f, pt),
	        -1, "no group with n > 0");
	tap_int(dr_funnel_judge(y, n, 4, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_NONE, 1, &f, pt), -1,
	        "a proportion's target of 1 is invalid");

	double zeros[] = { 0, 0 }, sizes[] = { 10, 40 };
	dr_funnel_judge(zeros, sizes, 2, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_AUTO, NAN, &f, pt);
	tap_ok(f.target == 0 && pt[1].upper998 == 0 && pt[1].flag == DR_FUNNEL_WITHIN &&
	       f.od == DR_FUNNEL_OD_NONE, "no events anywhere: limits 0, every group within");
}

static void dispersion(void)
{
	double y[] = { 30, 50 }, n[] = { 100, 100 };
	double g0 = asin(sqrt(0.4));
	double z_lo = (asin(sqrt(0.3)) - g0) * 20, z_hi = (asin(sqrt(0.5)) - g0) * 20;
	double w_lo = z_lo + 0.1 * (z_hi - z_lo), w_hi = z_hi - 0.1 * (z_hi - z_lo);
	double phi = (w_lo * w_lo + w_hi * w_hi) / 2, tau2 = (2 * phi - 1) / 400;
	struct dr_funnel f;
	struct dr_funnel_point pt[2];

	dr_funnel_judge(y, n, 2, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_AUTO, NAN, &f, pt);
	tap_num(f.phi, phi, tol, "phi: mean square of the winsorised z-scores");
	tap_num(f.tau2, tau2, tol, "tau2 = (k phi - (k - 1)) / (sum w - sum w^2 / sum w)");
	tap_ok(phi > 1 && f.od == DR_FUNNEL_OD_ADDITIVE, "auto: phi > 1 picks additive");
	double sd = sqrt(1.0 / 400 + tau2);
	tap_num(pt[0].upper95, pow(sin(g0 + 1.959963984540054 * sd), 2), tol,
	        "additive limit sin^2(asin sqrt t + z_q sqrt(s^2 + tau2))");
	tap_num(pt[0].z, (asin(sqrt(0.3)) - g0) / sd, tol, "additive z uses the same sd");

	dr_funnel_judge(y, n, 2, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_MULTIPLICATIVE, NAN, &f, pt);
	tap_num(pt[1].lower998, pow(sin(g0 - 3.090232306167814 * sqrt(phi / 400)), 2), tol,
	        "multiplicative limit widened by sqrt(phi)");

	double calm_y[] = { 40, 41 };
	dr_funnel_judge(calm_y, n, 2, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_AUTO, NAN, &f, pt);
	tap_ok(f.phi < 1 && f.od == DR_FUNNEL_OD_NONE && f.tau2 == 0,
	       "auto: phi <= 1 keeps the exact limits, tau2 0");
}

int main(void)
{
	limits_on_paper();
	judging();
	dispersion();
	return tap_done();
}
