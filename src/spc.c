/*
 * spc.c -- dr_spc_judge(): the plotted values, the phases and their
 * baselines, limits and rules on each phase, `multiply`, and the chart's
 * summary; plus the options defaults and the names.
 *
 * Takes:   y[0..n) in time order (NAN = missing month), optional exclude
 *          flags, struct dr_spc_options (rule set, chart type, screening,
 *          baseline, rebase indexes, denominators, multiply, better
 *          direction, target).
 * Returns: out[0..n) (plotted value, phase, cl/lcl/ucl, signal, point
 *          type, runs analysis) and, if asked, struct dr_spc_summary
 *          (variation, assurance, trial limits, the last phase's runs).
 * Owns:    scratch arrays per call, freed before returning; the name
 *          strings are static.
 * Never:   reads files, prints, looks at config, or keeps state.
 * Policy:  index 0 starts phase 1; rebase indexes 0, repeated or out of
 *          range add no phase. An excluded (provisional) point is never
 *          judged: signal NONE, type NONE, in no rule, no icon. Variation =
 *          type of the last point with a value that is not excluded (NONE
 *          when every point is excluded). Assurance uses the last phase's limits at its last point
 *          that has them: NONE without a target, for a neutral direction or
 *          without limits; a target on a limit is hit-and-miss (strict
 *          comparisons, NHSRplotthedots). Trial limits: that phase has 12 or
 *          fewer points with a value; false for an empty series. anhoej's 3-sigma
 *          signal is tested after `multiply` (qicharts2 qic.agg).
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "spc-int.h"

/* Phases of this many points with a value or fewer have "trial limits". */
#define TRIAL_MAX 12

static const char *const chart_names[DR_SPC_NCHARTS] = {
	[DR_SPC_I] = "i", [DR_SPC_MR] = "mr", [DR_SPC_RUN] = "run", [DR_SPC_P] = "p",
	[DR_SPC_PP] = "pp", [DR_SPC_U] = "u", [DR_SPC_UP] = "up", [DR_SPC_C] = "c",
};

void dr_spc_options_init(struct dr_spc_options *o)
{
	*o = (struct dr_spc_options){
		.rules = DR_SPC_MDC7,
		.chart = DR_SPC_I,
		.screen = true,
		.baseline = 0,
		.base = NULL,
		.rebase = NULL,
		.nrebase = 0,
		.den = NULL,
		.multiply = 1,
		.better = 0,
		.has_target = false,
		.target = NAN,
	};
}

const char *dr_spc_chart_name(enum dr_spc_chart c)
{
	return (size_t)c < DR_SPC_NCHARTS ? chart_names[c] : "";
}

bool dr_spc_chart_parse(const char *s, enum dr_spc_chart *c)
{
	for (size_t i = 0; s && i < DR_SPC_NCHARTS; i++) {
		if (strcmp(s, chart_names[i]) == 0) {
			*c = (enum dr_spc_chart)i;
			return true;
		}
	}
	return false;
}

bool dr_spc_better_parse(const char *s, int *better)
{
	static const struct { const char *word; int better; } words[] = {
		{ "higher", 1 }, { "lower", -1 }, { "neutral", 0 },
	};
	for (size_t i = 0; s && i < DR_NELEM(words); i++) {
		if (strcmp(s, words[i].word) == 0) {
			*better = words[i].better;
			return true;
		}
	}
	return false;
}

bool dr_spc_chart_needs_den(enum dr_spc_chart c)
{
	return c == DR_SPC_P || c == DR_SPC_PP || c == DR_SPC_U || c == DR_SPC_UP;
}

const char *dr_spc_describe(enum dr_spc_rules r, enum dr_spc_chart c)
{
#define ANHOEJ " \xC2\xB7 Anh\xC3\xB8j rules (anhoej)"
	static const char *const anhoej[DR_SPC_NCHARTS] = {
		[DR_SPC_I] = "I chart \xC2\xB7 limits = mean \xC2\xB1 3 \xC3\x97 average moving range / 1.128" ANHOEJ,
		[DR_SPC_MR] = "MR chart \xC2\xB7 upper limit = 3.267 \xC3\x97 average moving range" ANHOEJ,
		[DR_SPC_RUN] = "Run chart \xC2\xB7 centre = median" ANHOEJ,
		[DR_SPC_P] = "P chart \xC2\xB7 limits = pooled rate \xC2\xB1 3 binomial sigma" ANHOEJ,
		[DR_SPC_PP] = "Laney P\xE2\x80\xB2 chart \xC2\xB7 binomial limits widened by month-to-month variation" ANHOEJ,
		[DR_SPC_U] = "U chart \xC2\xB7 limits = pooled rate \xC2\xB1 3 Poisson sigma" ANHOEJ,
		[DR_SPC_UP] = "Laney U\xE2\x80\xB2 chart \xC2\xB7 Poisson limits widened by month-to-month variation" ANHOEJ,
		[DR_SPC_C] = "C chart \xC2\xB7 limits = mean \xC2\xB1 3 \xE2\x88\x9A" "mean" ANHOEJ,
	};
#undef ANHOEJ
#define MDC(name) "XmR chart \xC2\xB7 Making Data Count rules (" name ") \xC2\xB7 " \
	"limits = mean \xC2\xB1 2.66 \xC3\x97 average moving range"
	switch (r) {
	case DR_SPC_MDC6: return MDC("mdc6");
	case DR_SPC_ANHOEJ: return (size_t)c < DR_SPC_NCHARTS ? anhoej[c] : anhoej[DR_SPC_I];
	default: return MDC("mdc7");
	}
#undef MDC
}

/* Assurance of a target against limits lo..hi (NHSRplotthedots §3.4). */
static enum dr_spc_assurance assurance(const struct dr_spc_options *o, double lo, double hi)
{
	if (!o->has_target || isnan(o->target) || o->better == 0 || isnan(lo) || isnan(hi))
		return DR_ASSURE_NONE;
	if (o->target > hi)
		return o->better > 0 ? DR_ASSURE_FAIL : DR_ASSURE_PASS;
	if (o->target < lo)
		return o->better > 0 ? DR_ASSURE_PASS : DR_ASSURE_FAIL;
	return DR_ASSURE_HIT_AND_MISS;
}

/* The value point i plots before multiply (see spc.h). */
static double plotted(const double *y, const struct dr_spc_options *o,
                      enum dr_spc_chart chart, size_t i)
{
	if (!o->den)
		return y[i];
	/* qicharts2 keeps complete (y, n) rows only; a c chart then plots y. */
	if (isnan(y[i]) || isnan(o->den[i]))
		return NAN;
	if (chart == DR_SPC_C)
		return y[i];
	return o->den[i] == 0 ? NAN : y[i] / o->den[i];
}

/* Baseline flags of phase [a, b): the mask, the first N, or every point. */
static void baseline(const struct dr_spc_ruleset *rs, const struct dr_spc_options *o,
                     size_t a, size_t b, bool phased, bool *base)
{
	bool any = false;

	for (size_t i = a; o->base && i < b; i++)
		any |= o->base[i];
	for (size_t i = a; i < b; i++) {
		if (o->base)
			base[i] = any ? o->base[i] : true;
		else if (o->baseline == 0 || (rs->anhoej && phased))
			base[i] = true;         /* qicharts2 ignores freeze with parts */
		else
			base[i] = (rs->anhoej ? i : i - a) < o->baseline;
	}
}

void dr_spc_judge(const double *y, const bool *exclude, size_t n,
                  const struct dr_spc_options *o,
                  struct dr_spc_point *out, struct dr_spc_summary *sum)
{
	const struct dr_spc_ruleset *rs = dr_spc_rules_get(o->rules);
	enum dr_spc_chart chart = rs->anhoej && (size_t)o->chart < DR_SPC_NCHARTS ? o->chart : DR_SPC_I;
	struct dr_spc_limits lim = { .cl = NAN, .amr = NAN, .lclose = NAN, .uclose = NAN };
	double *v = dr_xcalloc(n ? n : 1, sizeof *v);
	double *num = dr_xcalloc(n ? n : 1, sizeof *num);
	double *den = dr_xcalloc(n ? n : 1, sizeof *den);
	bool *starts = dr_xcalloc(n ? n : 1, sizeof *starts);
	bool *base = dr_xcalloc(n ? n : 1, sizeof *base);
	bool phased = false, attribute;
	double k = isnan(o->multiply) ? 1 : o->multiply;
	size_t last_phase = 0;
	int phase = 0;

	if (dr_spc_chart_needs_den(chart) && !o->den)
		chart = DR_SPC_I;
	attribute = dr_spc_chart_needs_den(chart);      /* pools numerators and denominators */
	for (size_t r = 0; o->rebase && r < o->nrebase; r++) {
		if (o->rebase[r] > 0 && o->rebase[r] < n) {
			starts[o->rebase[r]] = true;
			phased = true;
		}
	}
	for (size_t i = 0; i < n; i++) {
		v[i] = plotted(y, o, chart, i);
		/* qicharts2 blanks y and n together when either is missing. */
		bool both = !isnan(y[i]) && (!o->den || !isnan(o->den[i]));
		num[i] = both ? y[i] : NAN;
		den[i] = both && o->den ? o->den[i] : NAN;
	}

	for (size_t a = 0, b; a < n; a = b) {
		struct dr_spc_phase ph = {
			.y = v + a, .num = attribute ? num + a : NULL,
			.den = attribute ? den + a : NULL, .base = base + a,
			.exclude = exclude ? exclude + a : NULL, .chart = chart,
		};

		for (b = a + 1; b < n && !starts[b]; b++)
			;
		ph.n = b - a;
		phase++;
		last_phase = a;
		if (chart == DR_SPC_MR) {
			/* Moving ranges of every point of the phase, from the second. */
			for (size_t i = b; i-- > a;)
				v[i] = i > a ? fabs(v[i] - v[i - 1]) : NAN;
		}
		baseline(rs, o, a, b, phased, base);
		dr_spc_limits_phase(rs, o, &ph, &lim, out + a);
		if (rs->anhoej)
			dr_spc_runs_apply(o, &ph, out + a);
		else
			dr_spc_rules_apply(rs, o, &ph, &lim, out + a);
		for (size_t i = a; i < b; i++) {
			out[i].phase = phase;
			if (!rs->anhoej)
				out[i].runs = (struct dr_spc_runs){ 0 };
		}
	}

	for (size_t i = 0; i < n; i++) {
		struct dr_spc_point *p = &out[i];
		p->y = v[i] * k;
		p->cl *= k;
		p->lcl *= k;
		p->ucl *= k;
		if (rs->anhoej && !(exclude && exclude[i]) && (p->y > p->ucl || p->y < p->lcl)) {
			p->signal = DR_SIGNAL_OUTSIDE;
			p->type = dr_spc_type_of(p->y > p->cl ? 1 : -1, o->better);
		}
	}
	free(v);
	free(num);
	free(den);
	free(starts);
	free(base);

	if (!sum)
		return;
	*sum = (struct dr_spc_summary){ .variation = DR_POINT_NONE, .last = n,
	                                .assurance = DR_ASSURE_NONE };
	/* A provisional month is still closing: the icon judges the latest
	 * complete one, as the headline does. */
	size_t judged = n;
	for (size_t i = n; i-- > 0 && judged == n;) {
		if (isnan(out[i].y))
			continue;
		if (sum->last == n)
			sum->last = i;
		if (!(exclude && exclude[i]))
			judged = i;
	}
	if (judged == n)
		judged = sum->last;
	if (judged < n)
		sum->variation = out[judged].type;
	for (size_t i = n; i-- > last_phase;) {
		if (!isnan(out[i].lcl) && !isnan(out[i].ucl)) {
			sum->assurance = assurance(o, out[i].lcl, out[i].ucl);
			break;
		}
	}
	/* lim now holds the last phase's numbers (or none when n == 0). */
	/* NHSRplotthedots counts the group's points (n() < 13), provisional
	 * ones too: one closing month does not make 13 months trial limits. */
	size_t points = 0;
	for (size_t i = last_phase; i < n; i++)
		points += !isnan(out[i].y);
	sum->trial_limits = n > 0 && points <= TRIAL_MAX;
	if (n > 0)
		sum->runs = out[n - 1].runs;
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
