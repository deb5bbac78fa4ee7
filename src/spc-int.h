/*
 * spc-int.h -- the building blocks dr_spc_judge() runs per phase (spc.c),
 * shared by spc-limits.c (centre and limits per chart type), spc-rules.c
 * (the mdc rules) and spc-runs.c (the Anhøj runs analysis).
 *
 * A phase is a slice of the series: the plotted values before `multiply`
 * (y/den, the moving range for mr, y for c), the numerators and
 * denominators p/u charts pool, the baseline flag per point and the
 * exclude flag (provisional months). Everything here works on one phase
 * and allocates nothing that outlives a call.
 */
#ifndef DYADREPORT_SPC_INT_H
#define DYADREPORT_SPC_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "dyadreport/spc.h"

struct dr_spc_phase {
	size_t n;
	const double *y;            /* plotted value before multiply; NAN = none */
	const double *num;          /* numerators (p, pp, u, up); NULL otherwise */
	const double *den;          /* denominators (p, pp, u, up); NULL otherwise */
	const bool *base;           /* in the baseline (never NULL) */
	const bool *exclude;        /* provisional; may be NULL */
	enum dr_spc_chart chart;
};

/* One phase's numbers, filled by dr_spc_limits_phase(). */
struct dr_spc_limits {
	double cl;                  /* centre; NAN when < 2 usable values */
	double amr;                 /* mR-bar after screening (i, pp, up); NAN when none */
	double lclose, uclose;      /* mdc two-of-three lines; NAN when none */
	size_t nvalues;             /* usable points (value, not excluded) in the phase */
	size_t nbase;               /* usable points in its baseline */
};

/* True when point i has a value and is not excluded. */
static inline bool dr_spc_usable(const struct dr_spc_phase *ph, size_t i)
{
	return ph->y[i] == ph->y[i] && !(ph->exclude && ph->exclude[i]);
}

/*
 * Centre and limits of one phase: fills *lim and out[i].cl/lcl/ucl (NAN
 * where the phase or chart has no such line, or the limit depends on an n
 * that point i lacks; a point without a value keeps the centre and the
 * constant limits; before multiply), leaving the other fields of out alone.
 */
void dr_spc_limits_phase(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                         const struct dr_spc_phase *ph, struct dr_spc_limits *lim,
                         struct dr_spc_point *out);

/*
 * The mdc rules on one phase whose limits are in out[]: sets out[i].signal
 * and out[i].type for every i (outside limits > trend > two-of-three > run).
 */
void dr_spc_rules_apply(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                        const struct dr_spc_phase *ph, const struct dr_spc_limits *lim,
                        struct dr_spc_point *out);

/*
 * The anhoej judgement of one phase: the 3-sigma signal per point, the
 * runs analysis of the phase (out[i].runs), and the point types.
 */
void dr_spc_runs_apply(const struct dr_spc_options *o, const struct dr_spc_phase *ph,
                       struct dr_spc_point *out);

/* Point type of a signal pointing up (dir > 0) or down, given what is better. */
enum dr_spc_point_type dr_spc_type_of(int dir, int better);

/* R's mean(): long double sum, divide, then one correction pass; NAN if k = 0. */
double dr_spc_rmean(const double *v, size_t k);

#endif
