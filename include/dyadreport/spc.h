/*
 * spc.h -- statistical process control for one series (../shared/SPC.md).
 *
 * Input: n values in time order (NAN = missing month: no value, never 0), an
 * optional per-point "exclude" flag (provisional months: plotted and judged
 * against the limits, but left out of the centre, the limits and the trend,
 * two-of-three and run rules), and the options below. Output: per point the centre, limits, phase, the signal
 * that fired (by the rule set's priority) and the point type; per series the
 * variation and assurance icons.
 *
 * Rule sets: mdc7 / mdc6 are NHS "Making Data Count" as NHSRplotthedots
 * 0.2.2 computes it (XmR, mean +- 2.66 mR-bar, screening of moving ranges
 * >= 3.267 mR-bar, no clamping). anhoej (qicharts2) arrives in a later issue;
 * the options already name it so callers do not change.
 *
 * Ownership: the caller owns every array; nothing is allocated that outlives
 * a call. Never: reads files, prints, or looks at config.
 */
#ifndef DYADREPORT_SPC_H
#define DYADREPORT_SPC_H

#include <stdbool.h>
#include <stddef.h>

enum dr_spc_rules { DR_SPC_MDC7, DR_SPC_MDC6, DR_SPC_ANHOEJ };

enum dr_spc_signal {
	DR_SIGNAL_NONE,
	DR_SIGNAL_OUTSIDE,          /* beyond a process limit */
	DR_SIGNAL_TREND,            /* 7 (6) points strictly rising or falling */
	DR_SIGNAL_TWO_OF_THREE,     /* 2 of 3 in the outer third, same side */
	DR_SIGNAL_RUN,              /* 7 (6) points on one side of the centre */
};

enum dr_spc_point_type {
	DR_POINT_NONE,              /* no value, or no limits: nothing to judge */
	DR_POINT_COMMON,
	DR_POINT_IMPROVEMENT,
	DR_POINT_CONCERN,
	DR_POINT_NEUTRAL_HIGH,
	DR_POINT_NEUTRAL_LOW,
};

enum dr_spc_assurance { DR_ASSURE_NONE, DR_ASSURE_PASS, DR_ASSURE_FAIL, DR_ASSURE_HIT_AND_MISS };

struct dr_spc_options {
	enum dr_spc_rules rules;
	bool screen;                /* moving-range screening (default on) */
	size_t baseline;            /* limits from the first N points of each phase; 0 = all */
	const size_t *rebase;       /* indexes that start a new phase, ascending */
	size_t nrebase;
	int better;                 /* +1 higher is better, -1 lower, 0 neutral */
	bool has_target;
	double target;
};

struct dr_spc_point {
	double cl, lcl, ucl;        /* NAN where there is no value or no limit */
	int phase;                  /* 1, 2, ... */
	enum dr_spc_signal signal;  /* highest-priority rule that fired, or NONE */
	enum dr_spc_point_type type;
};

struct dr_spc_summary {
	enum dr_spc_point_type variation;   /* type of the last point with a value */
	enum dr_spc_assurance assurance;    /* from the last phase's limits */
	bool trial_limits;                  /* last phase has 12 or fewer values */
};

/* Sets o to the defaults: mdc7, screening on, all points, neutral, no target. */
void dr_spc_options_init(struct dr_spc_options *o);

/*
 * Judges y[0..n). exclude may be NULL. out has n elements; sum may be NULL.
 *
 * Phases start at index 0 and at each o->rebase index (0, repeated or
 * out-of-range indexes add nothing). Per phase: a phase whose baseline has
 * fewer than 2 usable values (value, not excluded) has no centre and no
 * limits (all NAN); a phase with a centre but no moving range left (a
 * constant series with screening on, or values never adjacent) has a
 * centre and no limits. Without limits nothing is judged: signal NONE, type
 * NONE. With limits: a point with a value and no signal is COMMON; under
 * anhoej the type is always NONE (only the signal is set). Missing months
 * get NAN cl/lcl/ucl, signal NONE, type NONE.
 *
 * Summary: variation = type of the last point with a value; assurance and
 * trial_limits (12 or fewer usable values) come from the phase of the last
 * point.
 */
void dr_spc_judge(const double *y, const bool *exclude, size_t n,
                  const struct dr_spc_options *o,
                  struct dr_spc_point *out, struct dr_spc_summary *sum);

/* Names used in CSV output and traces: "outside_limits", "trend",
 * "two_of_three", "run", ""; "common_cause", "special_cause_improvement",
 * ...; "pass", "fail", "hit_and_miss", ""; "mdc7", "mdc6", "anhoej". */
const char *dr_spc_signal_name(enum dr_spc_signal s);
const char *dr_spc_point_type_name(enum dr_spc_point_type t);
const char *dr_spc_assurance_name(enum dr_spc_assurance a);
const char *dr_spc_rules_name(enum dr_spc_rules r);
/* Parses "mdc7", "mdc6" or "anhoej" into *r; false (r untouched) otherwise. */
bool dr_spc_rules_parse(const char *s, enum dr_spc_rules *r);

/*
 * The building blocks dr_spc_judge() runs per phase, exposed for the unit
 * tests and for callers that want one phase's numbers. Exact policies:
 *
 *  - A phase's "usable" points have a value and are not excluded. The
 *    centre is the mean of the usable points among the first `baseline`
 *    positions of the phase (positions count missing and excluded months,
 *    as NHSRplotthedots' row_number() does); fewer than 2 such values: no
 *    centre (NAN) and no limits.
 *  - Moving ranges join two neighbouring positions that are both usable; a
 *    missing month always breaks the chain, an excluded one too unless the
 *    rule set bridges it (qicharts2 does). Screening drops MR >=
 *    3.267 * mR-bar in one pass; no MR left means no limits.
 *  - Points without a value get NAN centre and limits.
 */

/* One rule set as data: the only place mdc7, mdc6 and anhoej differ. */
struct dr_spc_ruleset {
	enum dr_spc_rules id;
	const char *name;           /* "mdc7", ... */
	double nsigma;              /* limits: cl -+ nsigma * (mR-bar / sigma_div) */
	double nclose;              /* inner lines for two-of-three, same form */
	double sigma_div;           /* 1 for mdc (2.66 mR-bar), 1.128 for qicharts2 */
	size_t trend;               /* points in a strict trend; 0 = no trend rule */
	size_t run;                 /* points on one side of the centre; 0 = none */
	bool two_of_three;          /* the 2-of-3 outer-third rule */
	bool bridge_excluded;       /* MR spans an excluded point (qicharts2) */
	bool point_types;           /* improvement/concern/neutral types (mdc) */
};

/* One phase's numbers, filled by dr_spc_limits_phase(). */
struct dr_spc_limits {
	double cl;                  /* centre; NAN when < 2 baseline values */
	double amr;                 /* mR-bar after screening; NAN when no MR */
	double lcl, ucl;            /* process limits; NAN when none */
	double lclose, uclose;      /* two-of-three lines; NAN when none */
	size_t nvalues;             /* usable points in the whole phase */
	size_t nbase;               /* usable points in its baseline */
};

/* The rule set for r (never NULL; unknown values give mdc7). */
const struct dr_spc_ruleset *dr_spc_rules_get(enum dr_spc_rules r);

/*
 * Centre and limits of one phase y[0..n) (exclude may be NULL): fills *lim
 * and out[i].cl/lcl/ucl; leaves the other fields of out alone.
 */
void dr_spc_limits_phase(const struct dr_spc_ruleset *rs,
                         const struct dr_spc_options *o,
                         const double *y, const bool *exclude, size_t n,
                         struct dr_spc_limits *lim, struct dr_spc_point *out);

/*
 * Signals and point types of one phase whose limits are in *lim and
 * out[i].lcl/ucl: sets out[i].signal and out[i].type for every i.
 */
void dr_spc_rules_apply(const struct dr_spc_ruleset *rs,
                        const struct dr_spc_options *o,
                        const double *y, const bool *exclude, size_t n,
                        const struct dr_spc_limits *lim,
                        struct dr_spc_point *out);

#endif
