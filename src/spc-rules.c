/*
 * spc-rules.c -- the rule sets as data, and the special-cause rules.
 *
 * Takes:   one phase's values y[0..n) (NAN = missing), the optional exclude
 *          flags, the phase's limits from spc-limits.c (struct dr_spc_limits
 *          and out[i].cl/lcl/ucl) and the options (better direction).
 * Returns: out[i].signal, the highest-priority rule that fired (outside
 *          limits > trend > two-of-three > run), and out[i].type, the point
 *          type that signal gives under o->better (NHSRplotthedots' rules).
 * Owns:    the static rule-set table (read-only) and one scratch array per
 *          call, freed before returning.
 * Never:   computes a limit, reads files, prints, or keeps state.
 * Policy:  every point with a value is typed (common cause unless a rule
 *          fires), limits or not, as NHSRplotthedots does; without limits
 *          only the trend and run rules can fire. An excluded (provisional)
 *          point is never judged: signal NONE, type NONE, in no rule. Every
 *          rule sees only usable points (value, not excluded): missing and
 *          excluded months are skipped (neighbours count as consecutive). On the centre breaks a run; a tie, a trend.
 * Extend:  a rule set is a row of rulesets[]; a rule length of 0 turns it off.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "spc-int.h"

/* Every rule set; indexed by enum dr_spc_rules. */
static const struct dr_spc_ruleset rulesets[] = {
	[DR_SPC_MDC7] = {
		.id = DR_SPC_MDC7, .name = "mdc7",
		.nsigma = 2.66, .nclose = 2 * (2.66 / 3), .sigma_div = 1,
		.trend = 7, .run = 7, .two_of_three = true, .anhoej = false,
	},
	[DR_SPC_MDC6] = {
		.id = DR_SPC_MDC6, .name = "mdc6",
		.nsigma = 2.66, .nclose = 2 * (2.66 / 3), .sigma_div = 1,
		.trend = 6, .run = 6, .two_of_three = true, .anhoej = false,
	},
	/* qicharts2: the I chart's 3 sigma = 3 mR-bar / 1.128; the other
	 * chart types are in spc-limits.c, the runs rules in spc-runs.c. */
	[DR_SPC_ANHOEJ] = {
		.id = DR_SPC_ANHOEJ, .name = "anhoej",
		.nsigma = 3, .nclose = 2, .sigma_div = 1.128,
		.trend = 0, .run = 0, .two_of_three = false, .anhoej = true,
	},
};

/* A usable point of the phase, as the sequence rules see it. */
struct mark {
	size_t i;               /* index into the phase */
	double y;
	signed char side;       /* sign(y - cl) */
	signed char tdir;       /* trend direction, when trend */
	bool close;             /* between the two-of-three line and a limit */
	bool trend, two3, run;
};

/* The rule set for r; unknown values fall back to mdc7. */
const struct dr_spc_ruleset *dr_spc_rules_get(enum dr_spc_rules r)
{
	if ((size_t)r >= DR_NELEM(rulesets))
		r = DR_SPC_MDC7;
	return &rulesets[r];
}

/* "mdc7", "mdc6", "anhoej"; "" for an unknown value. */
const char *dr_spc_rules_name(enum dr_spc_rules r)
{
	return (size_t)r < DR_NELEM(rulesets) ? rulesets[r].name : "";
}

/* Looks s up in rulesets[] by name. */
bool dr_spc_rules_parse(const char *s, enum dr_spc_rules *r)
{
	for (size_t i = 0; s && i < DR_NELEM(rulesets); i++) {
		if (strcmp(s, rulesets[i].name) == 0) {
			*r = rulesets[i].id;
			return true;
		}
	}
	return false;
}

/* Sign of a - b as -1, 0, +1. */
static signed char sign(double a, double b)
{
	return a > b ? 1 : a < b ? -1 : 0;
}

enum dr_spc_point_type dr_spc_type_of(int dir, int better)
{
	if (better == 0)
		return dir > 0 ? DR_POINT_NEUTRAL_HIGH : DR_POINT_NEUTRAL_LOW;
	return (dir > 0) == (better > 0) ? DR_POINT_IMPROVEMENT : DR_POINT_CONCERN;
}

/*
 * Flags every point of a strict run of len points up or down (len - 1
 * differences of one sign; a tie breaks it), and its direction: a point
 * whose successor is flagged too takes the direction of the step to it,
 * else of the step from its predecessor; a step that is not up counts as
 * down (NHSRplotthedots does the same where two trends meet on a tie).
 */
static void trend(struct mark *m, size_t k, size_t len)
{
	size_t up = 0, down = 0;

	if (len < 2)
		return;
	for (size_t j = 1; j < k; j++) {
		up = m[j].y > m[j - 1].y ? up + 1 : 0;
		down = m[j].y < m[j - 1].y ? down + 1 : 0;
		if (up >= len - 1 || down >= len - 1)
			for (size_t t = j + 1 - len; t <= j; t++)
				m[t].trend = true;
	}
	for (size_t j = 0; j < k; j++) {
		if (!m[j].trend)
			continue;
		if (j + 1 < k && m[j + 1].trend)
			m[j].tdir = m[j + 1].y > m[j].y ? 1 : -1;
		else
			m[j].tdir = j > 0 && m[j].y > m[j - 1].y ? 1 : -1;
	}
}

/* Flags every point of len or more in a row strictly on one side of the centre. */
static void run(struct mark *m, size_t k, size_t len)
{
	size_t start = 0;

	if (len == 0)
		return;
	for (size_t j = 1; j <= k; j++) {
		if (j < k && m[j].side == m[start].side)
			continue;
		if (m[start].side != 0 && j - start >= len)
			for (size_t t = start; t < j; t++)
				m[t].run = true;
		start = j;
	}
}

/*
 * Flags each close point that lies in a window of 3 consecutive points with
 * at least 2 close ones and all 3 strictly on one side of the centre.
 */
static void two_of_three(struct mark *m, size_t k)
{
	for (size_t j = 0; j < k; j++) {
		if (!m[j].close)
			continue;
		for (size_t w = j >= 2 ? j - 2 : 0; w <= j && w + 2 < k; w++) {
			int nclose = m[w].close + m[w + 1].close + m[w + 2].close;
			int side = m[w].side + m[w + 1].side + m[w + 2].side;
			if (nclose >= 2 && abs(side) == 3) {
				m[j].two3 = true;
				break;
			}
		}
	}
}

/* Records signal s pointing dir on p, with its point type. */
static void mark_point(int better, struct dr_spc_point *p, enum dr_spc_signal s, int dir)
{
	p->signal = s;
	p->type = s == DR_SIGNAL_NONE ? DR_POINT_COMMON : dr_spc_type_of(dir, better);
}

/* All rules on one phase, highest priority kept per point. */
void dr_spc_rules_apply(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                        const struct dr_spc_phase *ph, const struct dr_spc_limits *lim,
                        struct dr_spc_point *out)
{
	const double *y = ph->y;
	const bool *exclude = ph->exclude;
	size_t n = ph->n, k = 0;
	struct mark *m;

	for (size_t i = 0; i < n; i++) {
		out[i].signal = DR_SIGNAL_NONE;
		out[i].type = DR_POINT_NONE;
	}
	if (n == 0)
		return;

	/* Without limits (NAN) no point is outside or close, as in
	 * NHSRplotthedots, but the trend and run rules still apply. */
	m = dr_xcalloc(n, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		bool outside;

		if (isnan(y[i]) || (exclude && exclude[i]))
			continue;       /* missing, or provisional: not judged */
		outside = y[i] > out[i].ucl || y[i] < out[i].lcl;
		mark_point(o->better, &out[i],
		           outside ? DR_SIGNAL_OUTSIDE : DR_SIGNAL_NONE,
		           y[i] > out[i].cl ? 1 : -1);
		m[k].i = i;
		m[k].y = y[i];
		m[k].side = sign(y[i], out[i].cl);
		m[k].close = !outside && (y[i] < lim->lclose || y[i] > lim->uclose);
		k++;
	}

	trend(m, k, rs->trend);
	if (rs->two_of_three)
		two_of_three(m, k);
	run(m, k, rs->run);

	for (size_t j = 0; j < k; j++) {
		struct dr_spc_point *p = &out[m[j].i];

		if (p->signal == DR_SIGNAL_OUTSIDE)
			continue;
		if (m[j].trend)
			mark_point(o->better, p, DR_SIGNAL_TREND, m[j].tdir);
		else if (m[j].two3)
			mark_point(o->better, p, DR_SIGNAL_TWO_OF_THREE, m[j].side);
		else if (m[j].run)
			mark_point(o->better, p, DR_SIGNAL_RUN, m[j].side);
	}
	free(m);
}
