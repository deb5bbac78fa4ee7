/*
 * funnel.h -- funnel plots: is a group's rate different from the whole's
 * by more than chance at its size? (Spiegelhalter, "Funnel plots for
 * comparing institutional performance", Statistics in Medicine 2005.)
 *
 * Each group has y events out of n (a proportion: binomial), or y events
 * over n units of exposure (a rate: Poisson). The target is the pooled
 * rate sum(y) / sum(n) of the groups with n > 0, or one given. The control
 * limits at a size n are the exact quantiles of the binomial (Poisson) at
 * the target, interpolated as the paper's appendix A.1.1 says: r = the
 * smallest count with P(X <= r) >= q, alpha = (P(X <= r) - q) / P(X = r),
 * limit = (r - alpha) / n; for q = 0.025, 0.975 (95%) and 0.001, 0.999
 * (99.8%). z is the standardised difference (g(y/n) - g(target)) / sd(n)
 * on FunnelPlotR's variance-stabilised scale: g = asin(sqrt(x)) for
 * proportions, sqrt(x) for rates, sd(n) = 1 / (2 sqrt(n)) before any
 * overdispersion.
 *
 * Overdispersion: with many groups, real differences of case mix make the
 * spread wider than chance. The dispersion phi is estimated from the
 * z-scores winsorised at 10% each side; DR_FUNNEL_OD_AUTO uses the
 * additive (random-effects, tau^2) model when the dispersion test says the
 * groups are overdispersed, as FunnelPlotR does, else none (funnel.c says
 * exactly how). The limits then widen: multiplicative by sqrt(phi),
 * additive to sqrt(sd(n)^2 + tau^2) on the scale the z-scores use.
 *
 * Ownership: the caller owns every array. Never: prints, or keeps state.
 */
#ifndef DYADREPORT_FUNNEL_H
#define DYADREPORT_FUNNEL_H

#include <stddef.h>

enum dr_funnel_model { DR_FUNNEL_PROPORTION, DR_FUNNEL_POISSON };
enum dr_funnel_od { DR_FUNNEL_OD_NONE, DR_FUNNEL_OD_MULTIPLICATIVE, DR_FUNNEL_OD_ADDITIVE,
                    DR_FUNNEL_OD_AUTO };
enum dr_funnel_flag {
	DR_FUNNEL_WITHIN,           /* inside the 95% limits */
	DR_FUNNEL_ABOVE_95,         /* above 95%, inside 99.8% */
	DR_FUNNEL_BELOW_95,
	DR_FUNNEL_ABOVE_998,        /* above the 99.8% limit */
	DR_FUNNEL_BELOW_998,
	DR_FUNNEL_NO_N,             /* n = 0 (or not a number): listed, left out */
};

/* The funnel as judged: the model, the overdispersion model used (never
 * AUTO), the target, phi and tau^2 (NAN when not estimated), and the
 * number of groups with n > 0. */
struct dr_funnel {
	enum dr_funnel_model model;
	enum dr_funnel_od od;
	double target;
	double phi, tau2;
	size_t used;
};

/* One group's place in the funnel. */
struct dr_funnel_point {
	double rate;                /* y / n; NAN when n = 0 */
	double lower95, upper95, lower998, upper998;
	double z;
	enum dr_funnel_flag flag;
};

/*
 * Judges groups (y[i], n[i]), i < count, against target (NAN: pooled),
 * with overdispersion od; fills *f and pt[0..count). Returns 0, or -1 when
 * no group has n > 0 or a value is invalid (y < 0, n < 0, a proportion's
 * y > n, a given target outside (0, 1) for proportions or <= 0 for rates).
 */
int dr_funnel_judge(const double *y, const double *n, size_t count, enum dr_funnel_model model,
                    enum dr_funnel_od od, double target, struct dr_funnel *f,
                    struct dr_funnel_point *pt);
/* The limit of funnel f at size n for the lower-tail probability q (0.001,
 * 0.025, 0.975, 0.999): the curve a chart draws. NAN when n <= 0. */
double dr_funnel_limit(const struct dr_funnel *f, double n, double q);
/* "within", "above 95%", "below 95%", "above 99.8%", "below 99.8%", "no n". */
const char *dr_funnel_flag_name(enum dr_funnel_flag flag);

#endif
