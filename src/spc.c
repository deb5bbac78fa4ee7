/*
 * spc.c -- dr_spc_judge(): split a series into phases, run limits and rules
 * on each, and sum the chart up; plus the options defaults and the names.
 *
 * Takes:   y[0..n) in time order (NAN = missing month), optional exclude
 *          flags, struct dr_spc_options (rule set, screening, baseline,
 *          rebase indexes, better direction, target).
 * Returns: out[0..n) (phase, cl/lcl/ucl, signal, point type) and, if asked,
 *          struct dr_spc_summary (variation, assurance, trial limits).
 * Owns:    one phase-start array per call, freed before returning; the
 *          name strings are static.
 * Never:   reads files, prints, looks at config, or keeps state.
 * Policy:  index 0 starts phase 1; rebase indexes 0, repeated or out of
 *          range add no phase. Variation = type of the last point with a
 *          value. Assurance uses the last point's phase: NONE without a
 *          target, for a neutral direction or without limits; a target on a
 *          limit is hit-and-miss. Trial limits: that phase has 12 or fewer
 *          usable values (value, not excluded); false for an empty series.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/spc.h"

/* Phases whose limits rest on this many values or fewer are "trial limits". */
#define TRIAL_MAX 12

/* Sets o to the defaults: mdc7, screening on, all points, neutral, no target. */
void dr_spc_options_init(struct dr_spc_options *o)
{
	*o = (struct dr_spc_options){
		.rules = DR_SPC_MDC7,
		.screen = true,
		.baseline = 0,
		.rebase = NULL,
		.nrebase = 0,
		.better = 0,
		.has_target = false,
		.target = NAN,
	};
}

/* Assurance of a target against one phase's limits (NHSRplotthedots §3.4). */
static enum dr_spc_assurance assurance(const struct dr_spc_options *o,
                                       const struct dr_spc_limits *lim)
{
	if (!o->has_target || isnan(o->target) || o->better == 0 ||
	    isnan(lim->lcl) || isnan(lim->ucl))
		return DR_ASSURE_NONE;
	if (o->target > lim->ucl)
		return o->better > 0 ? DR_ASSURE_FAIL : DR_ASSURE_PASS;
	if (o->target < lim->lcl)
		return o->better > 0 ? DR_ASSURE_PASS : DR_ASSURE_FAIL;
	return DR_ASSURE_HIT_AND_MISS;
}

/* Judges y[0..n) phase by phase; see spc.h. */
void dr_spc_judge(const double *y, const bool *exclude, size_t n,
                  const struct dr_spc_options *o,
                  struct dr_spc_point *out, struct dr_spc_summary *sum)
{
	const struct dr_spc_ruleset *rs = dr_spc_rules_get(o->rules);
	struct dr_spc_limits lim = { .cl = NAN, .amr = NAN, .lcl = NAN,
	                             .ucl = NAN, .lclose = NAN, .uclose = NAN };
	bool *starts = dr_xcalloc(n, sizeof(*starts));
	int phase = 0;

	for (size_t r = 0; o->rebase && r < o->nrebase; r++)
		if (o->rebase[r] < n)
			starts[o->rebase[r]] = true;

	for (size_t a = 0, b; a < n; a = b) {
		const bool *ex = exclude ? exclude + a : NULL;

		for (b = a + 1; b < n && !starts[b]; b++)
			;
		phase++;
		dr_spc_limits_phase(rs, o, y + a, ex, b - a, &lim, out + a);
		dr_spc_rules_apply(rs, o, y + a, ex, b - a, &lim, out + a);
		for (size_t i = a; i < b; i++)
			out[i].phase = phase;
	}
	free(starts);

	if (!sum)
		return;
	sum->variation = DR_POINT_NONE;
	for (size_t i = n; i-- > 0;) {
		if (!isnan(y[i])) {
			sum->variation = out[i].type;
			break;
		}
	}
	/* lim now holds the last phase's numbers (or none when n == 0). */
	sum->assurance = assurance(o, &lim);
	sum->trial_limits = n > 0 && lim.nvalues <= TRIAL_MAX;
}

/* CSV name of a signal; "" for none. */
const char *dr_spc_signal_name(enum dr_spc_signal s)
{
	switch (s) {
	case DR_SIGNAL_OUTSIDE:
		return "outside_limits";
	case DR_SIGNAL_TREND:
		return "trend";
	case DR_SIGNAL_TWO_OF_THREE:
		return "two_of_three";
	case DR_SIGNAL_RUN:
		return "run";
	case DR_SIGNAL_NONE:
		break;
	}
	return "";
}

/* CSV name of a point type (NHSRplotthedots' vocabulary); "" for none. */
const char *dr_spc_point_type_name(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_COMMON:
		return "common_cause";
	case DR_POINT_IMPROVEMENT:
		return "special_cause_improvement";
	case DR_POINT_CONCERN:
		return "special_cause_concern";
	case DR_POINT_NEUTRAL_HIGH:
		return "special_cause_neutral_high";
	case DR_POINT_NEUTRAL_LOW:
		return "special_cause_neutral_low";
	case DR_POINT_NONE:
		break;
	}
	return "";
}

/* CSV name of an assurance outcome; "" for none. */
const char *dr_spc_assurance_name(enum dr_spc_assurance a)
{
	switch (a) {
	case DR_ASSURE_PASS:
		return "pass";
	case DR_ASSURE_FAIL:
		return "fail";
	case DR_ASSURE_HIT_AND_MISS:
		return "hit_and_miss";
	case DR_ASSURE_NONE:
		break;
	}
	return "";
}
