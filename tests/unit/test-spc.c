/*
 * test-spc.c -- unit tests for the SPC engine (src/spc*.c).
 *
 * Every expected number is worked out by hand in the comment next to it or
 * quoted from a published source (the NHSRplotthedots "deviations" vignette,
 * vignettes/deviations.Rmd). Signals and point types are compared as one
 * string per series, one character per point:
 *   signal: '.' none, 'O' outside limits, 'T' trend, '2' two of three, 'R' run
 *   type:   '-' none, 'c' common cause, 'I' improvement, 'C' concern,
 *           'H' neutral high, 'L' neutral low
 *
 * Most rule tests append a tail to the 12-point base B = 14,10,14,10,... with
 * baseline = 12, so the limits are frozen at exact hand values:
 *   mean = (6*14 + 6*10)/12 = 12, mR-bar = 4 (11 ranges of 4, none screened:
 *   4 < 3.267*4 = 13.068), LPL = 12 - 2.66*4 = 1.36, UPL = 22.64,
 *   two-of-three lines 12 -+ 2*(2.66/3)*4 = 12 -+ 7.09333... = 4.906667 and
 *   19.093333. B ends below the mean (10), so a tail above starts a new run.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/spc.h"
#include "spctest.h"
#include "tap.h"

#define B12 "............"
#define C12 "cccccccccccc"

static const double base[12] = { 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 14, 10 };

/* Values from the deviations vignette (18 points, one outlier of 10). */
static const double vignette[18] = {
	1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1,
};

/* Options: rule set, screening, baseline, better. */
static struct dr_spc_options opts(enum dr_spc_rules rules, bool screen,
                                  size_t baseline, int better)
{
	struct dr_spc_options o;

	dr_spc_options_init(&o);
	o.rules = rules;
	o.screen = screen;
	o.baseline = baseline;
	o.better = better;
	return o;
}

/* y = B followed by tail; returns the length. */
static size_t with_base(double *y, const double *tail, size_t nt)
{
	memcpy(y, base, sizeof(base));
	memcpy(y + 12, tail, nt * sizeof(*tail));
	return 12 + nt;
}

/* Judges B + tail with baseline 12 under rules and better, and checks both strings. */
static void check_tail(const char *name, enum dr_spc_rules rules, int better,
                       const double *tail, size_t nt, const bool *ex,
                       const char *want_sig, const char *want_typ)
{
	struct dr_spc_options o = opts(rules, true, 12, better);
	double y[MAXN];
	bool exx[MAXN] = { 0 };
	struct res r;
	char label[160];
	size_t n = with_base(y, tail, nt);

	if (ex)
		memcpy(exx + 12, ex, nt * sizeof(*ex));
	judge(y, ex ? exx : NULL, n, &o, &r);
	snprintf(label, sizeof(label), "%s: signals", name);
	tap_str(r.sig, want_sig, label);
	if (want_typ) {
		snprintf(label, sizeof(label), "%s: types", name);
		tap_str(r.typ, want_typ, label);
	}
}

/* The vignette's published limits, screened and not (NHSRplotthedots vignette). */
static void test_vignette(void)
{
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 0, 0);
	struct res r;

	/*
	 * Sum = 1+2+1+2 + 10 + 7*1 + 6*2 = 35, mean = 35/18 = 1.944444...
	 * 17 moving ranges: 1,1,1, 8, 9, then twelve 1s; sum 32, mR-bar
	 * 32/17 = 1.882353. Screened: 8 and 9 >= 3.267*32/17 = 6.1497 are
	 * dropped, mR-bar = 15/15 = 1, UPL = 35/18 + 2.66 = 4.604444...,
	 * LPL = 35/18 - 2.66 = -0.715556... (vignette: 4.60, 1.94, -0.72).
	 */
	judge(vignette, NULL, 18, &o, &r);
	tap_num(r.p[0].cl, 35.0 / 18, TOL, "vignette screened: mean 1.94");
	tap_num(r.p[0].ucl, 4.6044444444444444, TOL, "vignette screened: UPL 4.60");
	tap_num(r.p[0].lcl, -0.7155555555555556, TOL, "vignette screened: LPL -0.72");
	tap_num(r.p[17].ucl, 4.6044444444444444, TOL, "vignette screened: UPL on every point");
	tap_str(r.sig, "....O.............", "vignette screened: only the 10 signals");
	tap_str(r.typ, "ccccHccccccccccccc", "vignette screened: neutral high");
	tap_int(r.p[0].phase, 1, "vignette: phase 1");
	tap_int(r.p[17].phase, 1, "vignette: one phase");

	/*
	 * Unscreened: 2.66 * 32/17 = 85.12/17 = 5.007058823529...
	 * UPL = 1.944444444444 + 5.007058823529 = 6.951503267974 (6.95)
	 * LPL = 1.944444444444 - 5.007058823529 = -3.062614379085 (-3.06)
	 */
	o.screen = false;
	judge(vignette, NULL, 18, &o, &r);
	tap_num(r.p[4].cl, 1.9444444444444444, TOL, "vignette unscreened: mean 1.94");
	tap_num(r.p[4].ucl, 6.951503267973856, TOL, "vignette unscreened: UPL 6.95");
	tap_num(r.p[4].lcl, -3.062614379084967, TOL, "vignette unscreened: LPL -3.06");
	tap_str(r.sig, "....O.............", "vignette unscreened: the 10 still signals");

	o.better = 1;
	judge(vignette, NULL, 18, &o, &r);
	tap_str(r.typ, "ccccIccccccccccccc", "vignette higher better: improvement");
	o.better = -1;
	judge(vignette, NULL, 18, &o, &r);
	tap_str(r.typ, "ccccCccccccccccccc", "vignette lower better: concern");
	tap_int(r.s.variation, DR_POINT_COMMON, "vignette: variation = last point, common");
	tap_int(r.s.trial_limits, 0, "vignette: 18 values, no trial limits");
}

/* The fixed base: exact frozen limits and the centre on later points. */
static void test_base(void)
{
	const double tail[] = { 12 };
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 12, 0);
	double y[MAXN];
	struct res r;
	size_t n = with_base(y, tail, LEN(tail));

	judge(y, NULL, n, &o, &r);
	tap_num(r.p[0].cl, 12, TOL, "base: mean 12");
	tap_num(r.p[0].lcl, 1.36, TOL, "base: LPL 12 - 2.66*4 = 1.36");
	tap_num(r.p[0].ucl, 22.64, TOL, "base: UPL 12 + 2.66*4 = 22.64");
	tap_num(r.p[12].ucl, 22.64, TOL, "base: limits extend past the baseline");
	tap_str(r.sig, B12 ".", "base: no signal");
	tap_str(r.typ, C12 "c", "base: common cause");
}

/* Trend rule: 7 vs 6 points, ties, direction, all points flagged. */
static void test_trend(void)
{
	/* 9..15 rising; 12 is on the mean, so 3 below + 3 above: no run. */
	const double t7[] = { 9, 10, 11, 12, 13, 14, 15 };
	const double t6[] = { 9, 10, 11, 12, 13, 14 };
	const double t8[] = { 9, 10, 11, 12, 13, 14, 15, 16 };
	const double tie[] = { 9, 10, 11, 11, 12, 13, 14 };
	const double down[] = { 15, 14, 13, 12, 11, 10, 9 };
	/* Up 9..15 then down 14..9: the 15 starts the falling trend. */
	const double peak[] = { 9, 10, 11, 12, 13, 14, 15, 14, 13, 12, 11, 10, 9 };
	/* Up 9..15, a tie 15 = 15, then down: the step 0 counts as falling. */
	const double flat[] = { 9, 10, 11, 12, 13, 14, 15, 15, 14, 13, 12, 11, 10, 9 };

	check_tail("trend 7 mdc7", DR_SPC_MDC7, 1, t7, LEN(t7), NULL,
	           B12 "TTTTTTT", C12 "IIIIIII");
	check_tail("trend 7 mdc6", DR_SPC_MDC6, 1, t7, LEN(t7), NULL,
	           B12 "TTTTTTT", NULL);
	check_tail("trend 6 mdc7", DR_SPC_MDC7, 1, t6, LEN(t6), NULL,
	           B12 "......", C12 "cccccc");
	check_tail("trend 6 mdc6", DR_SPC_MDC6, 1, t6, LEN(t6), NULL,
	           B12 "TTTTTT", C12 "IIIIII");
	check_tail("trend 8 mdc7", DR_SPC_MDC7, 0, t8, LEN(t8), NULL,
	           B12 "TTTTTTTT", C12 "HHHHHHHH");
	check_tail("tie breaks trend mdc7", DR_SPC_MDC7, 1, tie, LEN(tie), NULL,
	           B12 ".......", NULL);
	check_tail("tie breaks trend mdc6", DR_SPC_MDC6, 1, tie, LEN(tie), NULL,
	           B12 ".......", NULL);
	check_tail("falling trend", DR_SPC_MDC7, 1, down, LEN(down), NULL,
	           B12 "TTTTTTT", C12 "CCCCCCC");
	check_tail("falling trend neutral", DR_SPC_MDC7, 0, down, LEN(down), NULL,
	           B12 "TTTTTTT", C12 "LLLLLLL");
	check_tail("trend peak", DR_SPC_MDC7, 1, peak, LEN(peak), NULL,
	           B12 "TTTTTTTTTTTTT", C12 "IIIIIICCCCCCC");
	check_tail("trends meeting on a tie", DR_SPC_MDC7, 1, flat, LEN(flat), NULL,
	           B12 "TTTTTTTTTTTTTT", C12 "IIIIIICCCCCCCC");
	check_tail("trend anhoej: qicharts2 has no trend rule", DR_SPC_ANHOEJ, 1, t7, LEN(t7),
	           NULL, B12 ".......", NULL);
}

/* Run rule: 7 vs 6 on one side; a point on the mean breaks it. */
static void test_run(void)
{
	const double r7[] = { 13, 13, 13, 13, 13, 13, 13 };
	const double r6[] = { 13, 13, 13, 13, 13, 13 };
	const double below[] = { 13, 11, 11, 11, 11, 11, 11, 11 };
	const double onmean[] = { 13, 13, 13, 12, 13, 13, 13 };
	const double after[] = { 13, 13, 13, 12, 13, 13, 13, 13, 13, 13, 13 };

	check_tail("run 7 mdc7", DR_SPC_MDC7, 1, r7, LEN(r7), NULL,
	           B12 "RRRRRRR", C12 "IIIIIII");
	check_tail("run 6 mdc7", DR_SPC_MDC7, 1, r6, LEN(r6), NULL,
	           B12 "......", C12 "cccccc");
	check_tail("run 6 mdc6", DR_SPC_MDC6, 1, r6, LEN(r6), NULL,
	           B12 "RRRRRR", C12 "IIIIII");
	check_tail("run below", DR_SPC_MDC7, 1, below, LEN(below), NULL,
	           B12 ".RRRRRRR", C12 "cCCCCCCC");
	check_tail("point on the mean breaks run mdc7", DR_SPC_MDC7, 1, onmean,
	           LEN(onmean), NULL, B12 ".......", NULL);
	check_tail("point on the mean breaks run mdc6", DR_SPC_MDC6, 1, onmean,
	           LEN(onmean), NULL, B12 ".......", NULL);
	check_tail("run after the mean point", DR_SPC_MDC7, -1, after, LEN(after),
	           NULL, B12 "....RRRRRRR", C12 "ccccCCCCCCC");
}

/* Two of three beyond the 2-sigma line (19.093 / 4.907). */
static void test_two_of_three(void)
{
	const double above[] = { 20, 13, 20, 10 };
	const double below[] = { 4, 11, 4, 14 };
	const double sides[] = { 20, 10, 20, 10 };
	const double one[] = { 20, 13, 13, 10 };
	const double apart[] = { 20, 13, 13, 20 };
	/* 23 > 22.64 is outside, so it is not "close": one close in the window. */
	const double beyond[] = { 23, 13, 20, 10 };
	/* Two close around an outside point: all three above, two close. */
	const double around[] = { 20, 23, 20, 10 };

	check_tail("2 of 3 above", DR_SPC_MDC7, 1, above, LEN(above), NULL,
	           B12 "2.2.", C12 "IcIc");
	check_tail("2 of 3 below", DR_SPC_MDC7, 1, below, LEN(below), NULL,
	           B12 "2.2.", C12 "CcCc");
	check_tail("2 of 3 needs one side", DR_SPC_MDC7, 1, sides, LEN(sides), NULL,
	           B12 "....", NULL);
	check_tail("1 of 3 close", DR_SPC_MDC7, 1, one, LEN(one), NULL,
	           B12 "....", NULL);
	check_tail("2 close 4 apart", DR_SPC_MDC7, 1, apart, LEN(apart), NULL,
	           B12 "....", NULL);
	check_tail("outside point is not close", DR_SPC_MDC7, 1, beyond,
	           LEN(beyond), NULL, B12 "O...", C12 "Iccc");
	check_tail("2 close around an outside point", DR_SPC_MDC7, 1, around,
	           LEN(around), NULL, B12 "2O2.", C12 "IIIc");
	check_tail("2 of 3 mdc6", DR_SPC_MDC6, 0, above, LEN(above), NULL,
	           B12 "2.2.", C12 "HcHc");
}

/* Several rules on one point: outside > trend > two of three > run. */
static void test_priority(void)
{
	/*
	 * Rising 7 and 7 above the mean; 23 is also outside. With B's last 10
	 * the rise is 8 long: a trend may start in the baseline and need not
	 * cross the mean, so that 10 is flagged too.
	 */
	const double out_trend[] = { 13, 14, 15, 16, 17, 18, 23 };
	/* Rising 5..11 and, with B's last 10, 8 below the mean. */
	const double trend_run[] = { 5, 6, 7, 8, 9, 10, 11 };
	/* Rising (from B's 10), 7 above, 19.5 and 20 close: trend wins. */
	const double trend_23[] = { 13, 14, 15, 16, 17, 19.5, 20 };
	/* 7 above; the two 20s are also 2 of 3. */
	const double two3_run[] = { 13, 13, 13, 20, 13, 20, 13 };

	check_tail("outside > trend > run", DR_SPC_MDC7, 1, out_trend,
	           LEN(out_trend), NULL, "...........T" "TTTTTTO",
	           "cccccccccccI" "IIIIIII");
	check_tail("trend > run", DR_SPC_MDC7, 1, trend_run, LEN(trend_run), NULL,
	           "...........R" "TTTTTTT", "cccccccccccC" "IIIIIII");
	check_tail("trend > 2 of 3", DR_SPC_MDC7, 1, trend_23, LEN(trend_23), NULL,
	           "...........T" "TTTTTTT", NULL);
	check_tail("2 of 3 > run", DR_SPC_MDC7, 1, two3_run, LEN(two3_run), NULL,
	           B12 "RRR2R2R", C12 "IIIIIII");
}

/* Missing months: no value, no MR across them, skipped by the rules. */
static void test_missing(void)
{
	const double y[] = { 1, 3, NAN, 10, 12 };
	const double t[] = { 9, 10, 11, NAN, 12, 13, 14, 15 };
	const double r[] = { 13, 13, NAN, 13, 13, 13, 13, 13 };
	const double r6[] = { 13, 13, NAN, 13, 13, 13, 13 };
	const double two3[] = { 20, NAN, 13, 20, 10 };
	struct dr_spc_options o = opts(DR_SPC_MDC7, false, 0, 1);
	struct res res;

	/*
	 * Mean (1+3+10+12)/4 = 6.5; MRs |3-1| = 2 and |12-10| = 2 only (the
	 * bridged 7 would give 11/3), mR-bar 2, limits 6.5 -+ 5.32 = 1.18 and
	 * 11.82: the 1 is below, the 12 above.
	 */
	judge(y, NULL, LEN(y), &o, &res);
	tap_num(res.p[0].cl, 6.5, TOL, "missing: mean of the values");
	tap_num(res.p[0].lcl, 1.18, TOL, "missing: MR not bridged, LPL 1.18");
	tap_num(res.p[4].ucl, 11.82, TOL, "missing: MR not bridged, UPL 11.82");
	/* NHSRplotthedots puts mean_col, lpl and upl on every row of the group. */
	tap_num(res.p[2].y, NAN, 0, "missing: no value on the missing month");
	tap_num(res.p[2].cl, 6.5, TOL, "missing: the centre on the missing month");
	tap_num(res.p[2].lcl, 1.18, TOL, "missing: LPL on the missing month");
	tap_num(res.p[2].ucl, 11.82, TOL, "missing: UPL on the missing month");
	tap_int(res.p[2].signal, DR_SIGNAL_NONE, "missing: no signal on the missing month");
	tap_str(res.sig, "O...O", "missing: signals");
	tap_str(res.typ, "Cc-cI", "missing: missing month has no type");
	o.screen = true;        /* 2 < 3.267*2: nothing screened */
	judge(y, NULL, LEN(y), &o, &res);
	tap_num(res.p[4].ucl, 11.82, TOL, "missing: screened, same limits");

	check_tail("trend skips a missing month", DR_SPC_MDC7, 1, t, LEN(t), NULL,
	           B12 "TTT.TTTT", C12 "III-IIII");
	check_tail("run skips a missing month", DR_SPC_MDC7, 1, r, LEN(r), NULL,
	           B12 "RR.RRRRR", C12 "II-IIIII");
	check_tail("run of 6 values over a gap", DR_SPC_MDC7, 1, r6, LEN(r6), NULL,
	           B12 ".......", C12 "cc-cccc");
	check_tail("2 of 3 skips a missing month", DR_SPC_MDC7, 1, two3,
	           LEN(two3), NULL, B12 "2..2.", C12 "I-cIc");

	/* Variation = type of the last point with a value (the 12, above). */
	const double tailnan[] = { 1, 3, NAN, 10, 12, NAN };
	o = opts(DR_SPC_MDC7, true, 0, 1);
	judge(tailnan, NULL, LEN(tailnan), &o, &res);
	tap_int(res.s.variation, DR_POINT_IMPROVEMENT, "variation skips a trailing gap");
	o.better = 0;
	judge(tailnan, NULL, LEN(tailnan), &o, &res);
	tap_int(res.s.variation, DR_POINT_NEUTRAL_HIGH, "variation neutral high");
	o.better = -1;
	judge(tailnan, NULL, LEN(tailnan), &o, &res);
	tap_int(res.s.variation, DR_POINT_CONCERN, "variation concern");
}

/* Excluded (provisional) points: never judged, left out of everything. The
 * oracles have no exclude flag: this is dyadreport's own rule. */
static void test_excluded(void)
{
	const double y[] = { 1, 3, 100, 10, 12 };
	const bool ex[] = { false, false, true, false, false };
	const double t[] = { 9, 10, 11, 4.5, 12, 13, 14, 15 };
	const bool tex[] = { false, false, false, true, false, false, false, false };
	const double two3[] = { 20, 20, 13, 10 };
	const bool two3ex[] = { false, true, false, false };
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 0, 1);
	struct res r;

	/*
	 * Same numbers as the missing case: mean 6.5 of 1,3,10,12; MRs 2 and 2
	 * (none across the excluded 100), limits 1.18 and 11.82.
	 */
	judge(y, ex, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 6.5, TOL, "excluded: not in the mean");
	tap_num(r.p[0].ucl, 11.82, TOL, "excluded: no MR across it");
	tap_num(r.p[2].cl, 6.5, TOL, "excluded: centre shown on it");
	/* The 100 would be far above 11.82: not judged all the same. */
	tap_str(r.sig, "O...O", "excluded: no signal, though beyond the limits");
	tap_str(r.typ, "Cc-cI", "excluded: no type, no special-cause colour");
	tap_int(r.s.variation, DR_POINT_IMPROVEMENT, "excluded: variation from the complete points");
	/* The excluded point last: the icon is the complete month's. */
	const double ylast[] = { 1, 3, 10, 12, 100 };
	const bool exlast[] = { false, false, false, false, true };
	judge(ylast, exlast, LEN(ylast), &o, &r);
	/* Limits 6.5 -+ 2.66 * 11/3: the 100 is far above 16.25. */
	tap_str(r.sig, ".....", "excluded last: not outside, though beyond the limits");
	tap_str(r.typ, "cccc-", "excluded last: no type");
	tap_int(r.s.variation, DR_POINT_COMMON, "excluded last: variation from the 12, common");
	tap_int((int)r.s.last, 4, "excluded last: still the last point with a value");

	check_tail("trend skips an excluded point", DR_SPC_MDC7, 1, t, LEN(t), tex,
	           B12 "TTT.TTTT", C12 "III-IIII");
	/* Counted, 20 20 13 would be 2 of 3; without the excluded 20, one close. */
	check_tail("2 of 3 ignores an excluded point", DR_SPC_MDC7, 1, two3,
	           LEN(two3), two3ex, B12 "....", NULL);

	/*
	 * anhoej bridges the excluded point (qicharts2 diff(y[include])): MRs
	 * 2, |10-3| = 7, 2, mR-bar 11/3 (kept: 7 < 3.267*11/3 = 11.979);
	 * UPL = 6.5 + 3 * (11/3) / 1.128 = 6.5 + 9.751773... = 16.251773...
	 */
	o = opts(DR_SPC_ANHOEJ, true, 0, 1);
	judge(y, ex, LEN(y), &o, &r);
	tap_num(r.p[0].ucl, 6.5 + 11.0 / 1.128, TOL, "anhoej: bridges excluded, UPL 16.2518");
	tap_num(r.p[0].lcl, 6.5 - 11.0 / 1.128, TOL, "anhoej: bridges excluded, LPL -3.2518");
	tap_str(r.sig, ".....", "anhoej: the excluded 100 is not tested against the limits");
	tap_str(r.typ, "cc-cc", "anhoej: the excluded point untyped, the rest common");
}

/* Series with no, one and two values; the empty series. */
static void test_short(void)
{
	const double none[] = { NAN, NAN, NAN };
	const double one[] = { NAN, 5, NAN };
	const double two[] = { 5, 7 };
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 0, 1);
	struct dr_spc_summary s = { .variation = DR_POINT_COMMON, .assurance = DR_ASSURE_PASS };
	struct res r;

	o.has_target = true;
	o.target = 4;
	judge(none, NULL, 3, &o, &r);
	tap_num(r.p[1].cl, NAN, 0, "0 values: no centre");
	tap_str(r.sig, "...", "0 values: no signal");
	tap_str(r.typ, "---", "0 values: no type");
	tap_int(r.s.variation, DR_POINT_NONE, "0 values: no variation");
	tap_int(r.s.assurance, DR_ASSURE_NONE, "0 values: no assurance");
	tap_int(r.s.trial_limits, 1, "0 values: trial limits");

	judge(one, NULL, 3, &o, &r);
	tap_num(r.p[1].cl, NAN, 0, "1 value: no centre");
	tap_num(r.p[1].ucl, NAN, 0, "1 value: no limit");
	/* NHSRplotthedots types every point with a value: no limits, common cause. */
	tap_str(r.typ, "-c-", "1 value: common cause, as NHSRplotthedots types it");
	tap_int(r.s.variation, DR_POINT_COMMON, "1 value: variation common cause");
	tap_int(r.p[1].phase, 1, "1 value: phase 1");

	/* Mean 6, MR 2, limits 6 -+ 5.32; target 4 inside. */
	judge(two, NULL, 2, &o, &r);
	tap_num(r.p[0].ucl, 11.32, TOL, "2 values: UPL 11.32");
	tap_num(r.p[1].lcl, 0.68, TOL, "2 values: LPL 0.68");
	tap_str(r.typ, "cc", "2 values: common cause");
	tap_int(r.s.assurance, DR_ASSURE_HIT_AND_MISS, "2 values: hit and miss");

	dr_spc_judge(NULL, NULL, 0, &o, NULL, &s);
	tap_int(s.variation, DR_POINT_NONE, "empty: variation none");
	tap_int(s.assurance, DR_ASSURE_NONE, "empty: assurance none");
	tap_int(s.trial_limits, 0, "empty: no trial limits");
}

/* Constant series: no limits when screened, limits on the centre when not. */
static void test_constant(void)
{
	const double y[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 0, 1);
	struct res r;

	o.has_target = true;
	o.target = 5;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 5, TOL, "constant screened: centre 5");
	tap_num(r.p[0].lcl, NAN, 0, "constant screened: no LPL");
	tap_num(r.p[9].ucl, NAN, 0, "constant screened: no UPL");
	tap_str(r.sig, "..........", "constant screened: no signal");
	tap_str(r.typ, "cccccccccc", "constant screened: every point common cause (NHSRplotthedots)");
	tap_int(r.s.assurance, DR_ASSURE_NONE, "constant screened: no assurance");

	o.screen = false;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].lcl, 5, 0, "constant unscreened: LPL = centre");
	tap_num(r.p[0].ucl, 5, 0, "constant unscreened: UPL = centre");
	tap_str(r.sig, "..........", "constant unscreened: no signal");
	tap_str(r.typ, "cccccccccc", "constant unscreened: common cause");
	tap_int(r.s.variation, DR_POINT_COMMON, "constant unscreened: variation common");
	tap_int(r.s.assurance, DR_ASSURE_HIT_AND_MISS, "constant: target on both limits");
	o.target = 6;
	judge(y, NULL, LEN(y), &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_FAIL, "constant: target above, higher better: fail");
	o.target = 4;
	judge(y, NULL, LEN(y), &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_PASS, "constant: target below, higher better: pass");
}

/* Rebase phases: each with its own limits; assurance from the last. */
static void test_rebase(void)
{
	const double y[] = { 1, 3, 1, 3, 11, 13, 11, 13 };
	const double y5[] = { 1, 3, 1, 3, 11 };
	const size_t at4[] = { 4 };
	const size_t messy[] = { 0, 4, 4, 99 };
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 0, 1);
	struct res r;
	char phases[16] = "";

	/*
	 * Phase 1: mean 2, MRs 2,2,2, UPL 2 + 5.32 = 7.32, LPL -3.32.
	 * Phase 2: mean 12, MRs 2,2,2 (not |11-3| = 8), 6.68 .. 17.32.
	 */
	o.rebase = at4;
	o.nrebase = 1;
	o.has_target = true;
	o.target = 5;
	judge(y, NULL, LEN(y), &o, &r);
	for (size_t i = 0; i < LEN(y); i++)
		phases[i] = (char)('0' + r.p[i].phase);
	tap_str(phases, "11112222", "rebase: phase numbers");
	tap_num(r.p[0].cl, 2, TOL, "rebase: phase 1 mean 2");
	tap_num(r.p[3].ucl, 7.32, TOL, "rebase: phase 1 UPL 7.32");
	tap_num(r.p[0].lcl, -3.32, TOL, "rebase: phase 1 LPL -3.32 (no clamping)");
	tap_num(r.p[4].cl, 12, TOL, "rebase: phase 2 mean 12");
	tap_num(r.p[4].lcl, 6.68, TOL, "rebase: phase 2 LPL 6.68");
	tap_num(r.p[7].ucl, 17.32, TOL, "rebase: phase 2 UPL 17.32, no MR across");
	tap_str(r.sig, "........", "rebase: no signal");
	/* 5 < 6.68 (phase 2); against phase 1 it would be hit and miss. */
	tap_int(r.s.assurance, DR_ASSURE_PASS, "rebase: assurance from last phase");
	tap_int(r.s.trial_limits, 1, "rebase: 4 values, trial limits");

	o.rebase = messy;
	o.nrebase = LEN(messy);
	judge(y, NULL, LEN(y), &o, &r);
	for (size_t i = 0; i < LEN(y); i++)
		phases[i] = (char)('0' + r.p[i].phase);
	tap_str(phases, "11112222", "rebase: 0, repeats and out of range ignored");

	/* A last phase of one point: nothing judged there. */
	o.rebase = at4;
	o.nrebase = 1;
	judge(y5, NULL, LEN(y5), &o, &r);
	tap_str(r.typ, "ccccc", "rebase: one-point phase is common cause");
	tap_num(r.p[4].cl, NAN, 0, "rebase: one-point phase has no centre");
	tap_int(r.s.variation, DR_POINT_COMMON, "rebase: variation common cause");
	tap_int(r.s.assurance, DR_ASSURE_NONE, "rebase: last phase without limits");
}

/* Baseline counts positions, missing months included. */
static void test_baseline(void)
{
	const double y[] = { 1, 3, NAN, 1, 50 };
	const double t[] = { 12 };
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 4, 1);
	double yb[MAXN];
	struct res r;

	/*
	 * First 4 positions: 1, 3, -, 1: mean 5/3, one MR |3-1| = 2, so UPL
	 * 5/3 + 5.32 = 6.986667, LPL -3.653333; the 50 is outside.
	 */
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 5.0 / 3, TOL, "baseline 4: mean 5/3");
	tap_num(r.p[4].ucl, 5.0 / 3 + 5.32, TOL, "baseline 4: UPL 6.9867 extends");
	tap_num(r.p[4].lcl, 5.0 / 3 - 5.32, TOL, "baseline 4: LPL -3.6533");
	tap_str(r.sig, "....O", "baseline 4: the 50 is outside");

	o.baseline = 99;        /* longer than the series: all points */
	judge(y, NULL, LEN(y), &o, &r);
	/* Mean 55/4 = 13.75; MRs 2 and 49 -> 25.5, 49 >= 83.3? no: kept. */
	tap_num(r.p[0].cl, 13.75, TOL, "baseline > n: all points");

	/* trial limits count the phase's values, not the baseline */
	o.baseline = 12;
	judge(base, NULL, 12, &o, &r);
	tap_int(r.s.trial_limits, 1, "12 values: trial limits");
	judge(yb, NULL, with_base(yb, t, 1), &o, &r);
	tap_int(r.s.trial_limits, 0, "13 values: no trial limits");
}

/* Assurance against the base limits 1.36 .. 22.64. */
static void test_assurance(void)
{
	struct dr_spc_options o = opts(DR_SPC_MDC7, true, 0, 1);
	struct res r;
	static const struct {
		int better;
		bool has;
		double target;
		enum dr_spc_assurance want;
		const char *name;
	} cases[] = {
		{ 1, true, 30, DR_ASSURE_FAIL, "higher better, target above UPL: fail" },
		{ 1, true, 0, DR_ASSURE_PASS, "higher better, target below LPL: pass" },
		{ 1, true, 12, DR_ASSURE_HIT_AND_MISS, "higher better, target inside" },
		{ -1, true, 30, DR_ASSURE_PASS, "lower better, target above UPL: pass" },
		{ -1, true, 0, DR_ASSURE_FAIL, "lower better, target below LPL: fail" },
		{ -1, true, 12, DR_ASSURE_HIT_AND_MISS, "lower better, target inside" },
		{ 0, true, 30, DR_ASSURE_NONE, "neutral: no assurance" },
		{ 1, false, 30, DR_ASSURE_NONE, "no target: no assurance" },
	};

	for (size_t i = 0; i < LEN(cases); i++) {
		o.better = cases[i].better;
		o.has_target = cases[i].has;
		o.target = cases[i].target;
		judge(base, NULL, 12, &o, &r);
		tap_int(r.s.assurance, cases[i].want, cases[i].name);
	}

	/* A target exactly on a limit is inside (strict comparisons). */
	o.better = 1;
	o.has_target = true;
	judge(base, NULL, 12, &o, &r);
	o.target = r.p[0].ucl;
	judge(base, NULL, 12, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_HIT_AND_MISS, "target == UPL: hit and miss");
	o.target = nextafter(r.p[0].ucl, INFINITY);
	judge(base, NULL, 12, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_FAIL, "target just above UPL: fail");
	o.target = r.p[0].lcl;
	judge(base, NULL, 12, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_HIT_AND_MISS, "target == LPL: hit and miss");
	o.target = nextafter(r.p[0].lcl, -INFINITY);
	judge(base, NULL, 12, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_PASS, "target just below LPL: pass");
}

/* anhoej's I chart: qicharts2's multiplier, outside limits as the only point signal. */
static void test_anhoej(void)
{
	struct dr_spc_options o = opts(DR_SPC_ANHOEJ, true, 0, 1);
	struct res r;

	/*
	 * Screened mR-bar 1: UPL = 35/18 + 3/1.128 = 1.944444 + 2.659574 =
	 * 4.604019; unscreened 35/18 + 3*(32/17)/1.128 = 6.950712.
	 */
	judge(vignette, NULL, 18, &o, &r);
	tap_num(r.p[0].ucl, 35.0 / 18 + 3 / 1.128, TOL, "anhoej vignette: UPL 4.6040");
	tap_num(r.p[0].lcl, 35.0 / 18 - 3 / 1.128, TOL, "anhoej vignette: LPL -0.7151");
	tap_str(r.sig, "....O.............", "anhoej vignette: outside");
	tap_int(r.s.variation, DR_POINT_COMMON, "anhoej: last point common cause");
	o.screen = false;
	judge(vignette, NULL, 18, &o, &r);
	tap_num(r.p[0].ucl, 35.0 / 18 + 3 * (32.0 / 17) / 1.128, TOL,
	        "anhoej vignette unscreened: UPL 6.9507");
}

/* Defaults and names. */
static void test_names(void)
{
	struct dr_spc_options o;
	enum dr_spc_rules rules = DR_SPC_MDC7;

	dr_spc_options_init(&o);
	tap_ok(o.rules == DR_SPC_MDC7 && o.screen && o.baseline == 0 &&
	       o.nrebase == 0 && o.better == 0 && !o.has_target,
	       "options: defaults");

	tap_str(dr_spc_signal_name(DR_SIGNAL_NONE), "", "name: no signal");
	tap_str(dr_spc_signal_name(DR_SIGNAL_OUTSIDE), "outside_limits", "name: outside");
	tap_str(dr_spc_signal_name(DR_SIGNAL_TREND), "trend", "name: trend");
	tap_str(dr_spc_signal_name(DR_SIGNAL_TWO_OF_THREE), "two_of_three", "name: 2 of 3");
	tap_str(dr_spc_signal_name(DR_SIGNAL_RUN), "run", "name: run");
	tap_str(dr_spc_point_type_name(DR_POINT_NONE), "", "name: no type");
	tap_str(dr_spc_point_type_name(DR_POINT_COMMON), "common_cause", "name: common");
	tap_str(dr_spc_point_type_name(DR_POINT_IMPROVEMENT),
	        "special_cause_improvement", "name: improvement");
	tap_str(dr_spc_point_type_name(DR_POINT_CONCERN),
	        "special_cause_concern", "name: concern");
	tap_str(dr_spc_point_type_name(DR_POINT_NEUTRAL_HIGH),
	        "special_cause_neutral_high", "name: neutral high");
	tap_str(dr_spc_point_type_name(DR_POINT_NEUTRAL_LOW),
	        "special_cause_neutral_low", "name: neutral low");
	tap_str(dr_spc_assurance_name(DR_ASSURE_NONE), "", "name: no assurance");
	tap_str(dr_spc_assurance_name(DR_ASSURE_PASS), "pass", "name: pass");
	tap_str(dr_spc_assurance_name(DR_ASSURE_FAIL), "fail", "name: fail");
	tap_str(dr_spc_assurance_name(DR_ASSURE_HIT_AND_MISS), "hit_and_miss",
	        "name: hit and miss");
	tap_str(dr_spc_rules_name(DR_SPC_MDC7), "mdc7", "name: mdc7");
	tap_str(dr_spc_rules_name(DR_SPC_MDC6), "mdc6", "name: mdc6");
	tap_str(dr_spc_rules_name(DR_SPC_ANHOEJ), "anhoej", "name: anhoej");
	tap_ok(dr_spc_rules_parse("mdc6", &rules) && rules == DR_SPC_MDC6, "parse: mdc6");
	tap_ok(dr_spc_rules_parse("anhoej", &rules) && rules == DR_SPC_ANHOEJ,
	       "parse: anhoej");
	tap_ok(!dr_spc_rules_parse("MDC7", &rules) && rules == DR_SPC_ANHOEJ,
	       "parse: unknown name rejected, value kept");
	tap_int((long)dr_spc_rules_get(DR_SPC_MDC6)->trend, 6, "mdc6: trend of 6");
	tap_int((long)dr_spc_rules_get(DR_SPC_MDC7)->run, 7, "mdc7: run of 7");
}

int main(void)
{
	test_vignette();
	test_base();
	test_trend();
	test_run();
	test_two_of_three();
	test_priority();
	test_missing();
	test_excluded();
	test_short();
	test_constant();
	test_rebase();
	test_baseline();
	test_assurance();
	test_anhoej();
	test_names();
	return tap_done();
}
