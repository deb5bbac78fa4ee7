/*
 * spc.h -- statistical process control for one series (doc/guide.md, SPC).
 *
 * Input: n values in time order (NAN = missing month: no value, never 0),
 * optional denominators (p, pp, u, up charts, and y/n for i, mr, run), an
 * optional per-point "exclude" flag (provisional months: plotted, but never
 * judged: left out of the centre, the limits and every rule, including the
 * limits test; signal NONE, type NONE, no icon), and the options below. Output: per point the plotted
 * value, centre, limits, phase, the signal that fired (by the rule set's
 * priority), the point type and the Anhøj runs analysis of its phase; per
 * series the variation and assurance icons.
 *
 * Rule sets: mdc7 / mdc6 are NHS "Making Data Count" as NHSRplotthedots
 * 0.2.2 computes it (XmR, mean +- 2.66 mR-bar, screening of moving ranges
 * >= 3.267 mR-bar, no clamping, always an I chart). anhoej is qicharts2
 * 0.8.1 with library(qicharts2) attached (screening on): i, mr, run, p, pp,
 * u, up and c charts, its clamping, the 3-sigma rule per point and the
 * Anhøj runs rules (longest run, crossings) per phase.
 *
 * Ownership: the caller owns every array; nothing is allocated that outlives
 * a call. Never: reads files, prints, or looks at config.
 */
#ifndef DYADREPORT_SPC_H
#define DYADREPORT_SPC_H

#include <stdbool.h>
#include <stddef.h>

enum dr_spc_rules { DR_SPC_MDC7, DR_SPC_MDC6, DR_SPC_ANHOEJ };

/* Chart types (anhoej; the mdc rule sets always use DR_SPC_I). */
enum dr_spc_chart {
	DR_SPC_I,                   /* individuals: mean +- 3 mR-bar / 1.128 */
	DR_SPC_MR,                  /* moving ranges: 0 .. 3.267 mR-bar */
	DR_SPC_RUN,                 /* run chart: median, no limits */
	DR_SPC_P,                   /* proportions: pooled p +- 3 sqrt(p(1-p)/n) */
	DR_SPC_PP,                  /* Laney p': p limits times sigma_z */
	DR_SPC_U,                   /* rates: pooled u +- 3 sqrt(u/n) */
	DR_SPC_UP,                  /* Laney u' */
	DR_SPC_C,                   /* counts: mean +- 3 sqrt(mean) */
	DR_SPC_NCHARTS
};

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
	enum dr_spc_chart chart;    /* anhoej only; default DR_SPC_I */
	bool screen;                /* moving-range screening (default on) */
	/*
	 * Baseline: limits from the first N positions (missing months count);
	 * 0 = all. mdc: of each phase (NHSRplotthedots fix_after_n_points).
	 * anhoej: of the series, and ignored when there is a rebase (qicharts2
	 * freeze is ignored when part is given).
	 */
	size_t baseline;
	/* Or a mask (overrides baseline): a phase's baseline is its points
	 * with base[i] set, or all its points when it has none. NULL = none. */
	const bool *base;
	const size_t *rebase;       /* indexes that start a new phase, ascending */
	size_t nrebase;
	const double *den;          /* denominators, NULL = none (see dr_spc_judge) */
	double multiply;            /* applied to y, centre and limits after the statistics (1) */
	int better;                 /* +1 higher is better, -1 lower, 0 neutral */
	bool has_target;
	double target;
};

/* The Anhøj runs analysis of one phase (qicharts2 runs.analysis); the
 * four counts are -1 (NA) when the phase has no useful point. */
struct dr_spc_runs {
	bool signal;                /* longest > longest_max or crossings < crossings_min */
	int useful;                 /* points off the centre line */
	int longest, longest_max;
	int crossings, crossings_min;
};

struct dr_spc_point {
	double y;                   /* the plotted value (y/n, MR, times multiply); NAN = none */
	double cl, lcl, ucl;        /* NAN where the phase has no such line; set
	                             * on points without a value too (see dr_spc_judge) */
	int phase;                  /* 1, 2, ... */
	enum dr_spc_signal signal;  /* highest-priority rule that fired, or NONE;
	                             * anhoej: OUTSIDE or NONE */
	/* mdc: from the signal. anhoej: OUTSIDE, or a point in a run longer
	 * than the phase's longest_max, or in the phase's latest run when its
	 * only runs signal is too few crossings, typed by its side; else COMMON.
	 * NONE for a point without a value or excluded (not judged). */
	enum dr_spc_point_type type;
	struct dr_spc_runs runs;    /* the point's phase (anhoej; zeroed for mdc and mr) */
};

struct dr_spc_summary {
	enum dr_spc_point_type variation;   /* type of the last point with a value and not
	                                     * excluded (NONE when there is none) */
	enum dr_spc_assurance assurance;    /* from the last phase's limits */
	bool trial_limits;                  /* last phase has 12 or fewer points with a value */
	size_t last;                        /* index of the last point with a value, or n */
	struct dr_spc_runs runs;            /* the last phase's runs analysis (anhoej) */
};

/* Sets o to the defaults: mdc7, I chart, screening on, all points, no
 * denominators, multiply 1, neutral, no target. */
void dr_spc_options_init(struct dr_spc_options *o);

/*
 * Judges y[0..n). exclude may be NULL. out has n elements; sum may be NULL.
 *
 * The plotted value out[i].y: with o->den, y/den for i, mr, run, p, pp, u
 * and up (a missing y or den, or den 0, gives no value); c plots y (no
 * value when den is given but missing).
 * mr plots |y[i] - y[i-1]| within the phase (first point: none). Then
 * times o->multiply. Under mdc the chart is always I.
 *
 * Phases start at index 0 and at each o->rebase index (0, repeated or
 * out-of-range indexes add nothing). Per phase: a phase whose baseline has
 * fewer than 2 usable values (value, not excluded; an MR chart: 1 moving
 * range) has no centre and no limits (all NAN); a phase with a centre but
 * no moving range left (a constant series with screening on, or values
 * never adjacent) has a centre and no limits. Every point with a value is
 * typed, COMMON unless a rule fires, as NHSRplotthedots types it; without
 * limits only the mdc trend and run rules can fire. A point with no value
 * (a missing month, n missing or 0, an MR chart's first point of a phase)
 * gets signal NONE and type NONE but still carries its phase's centre, and
 * its limits where they do not depend on n (i, mr, c and mdc: the phase's
 * constant limits; run: none; p, pp, u, up: NAN), as qicharts2 and
 * NHSRplotthedots return them. Test y, never cl, for "has a value". An
 * excluded point keeps its value, phase and lines but gets signal NONE and
 * type NONE: it is still closing, so it counts in no rule and never sets
 * the icon (the oracles have no exclude flag; points that are not excluded
 * are judged exactly as there).
 *
 * Summary: variation = type of the last point with a value that is not
 * excluded (NONE when there is none); assurance and
 * trial_limits (12 or fewer points with a value, provisional ones too, as
 * NHSRplotthedots counts its group's rows) come from the phase of the last
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
/* "i", "mr", "run", "p", "pp", "u", "up", "c"; and back (false if unknown). */
const char *dr_spc_chart_name(enum dr_spc_chart c);
bool dr_spc_chart_parse(const char *s, enum dr_spc_chart *c);
/* "higher" +1, "lower" -1, "neutral" 0 into *better; false (untouched)
 * otherwise. The config's better = and spc's --better both read it. */
bool dr_spc_better_parse(const char *s, int *better);
/* Whether chart c needs denominators (p, pp, u, up). */
bool dr_spc_chart_needs_den(enum dr_spc_chart c);
/* The chart's small-type note: chart type, limit formula and rule set,
 * e.g. "P chart · limits = pooled rate ± 3 binomial sigma · Anhøj rules
 * (anhoej)"; a string constant. */
const char *dr_spc_describe(enum dr_spc_rules r, enum dr_spc_chart c);

/* Anhøj thresholds for n useful points (n >= 1): round(log2(n)) + 3 and
 * qbinom(0.05, n - 1, 0.5). */
int dr_spc_longest_run_max(int n);
int dr_spc_crossings_min(int n);

/* One rule set as data: the only place mdc7, mdc6 and anhoej differ. */
struct dr_spc_ruleset {
	enum dr_spc_rules id;
	const char *name;           /* "mdc7", ... */
	double nsigma;              /* I-chart limits: cl -+ nsigma * (mR-bar / sigma_div) */
	double nclose;              /* inner lines for two-of-three, same form */
	double sigma_div;           /* 1 for mdc (2.66 mR-bar), 1.128 for qicharts2 */
	size_t trend;               /* points in a strict trend; 0 = no trend rule */
	size_t run;                 /* points on one side of the centre; 0 = none */
	bool two_of_three;          /* the 2-of-3 outer-third rule */
	bool anhoej;                /* qicharts2: chart types, clamping, runs analysis */
};

/* The rule set for r (never NULL; unknown values give mdc7). */
const struct dr_spc_ruleset *dr_spc_rules_get(enum dr_spc_rules r);

#endif
