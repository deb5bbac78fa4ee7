/*
 * test-spc-charts.c -- the anhoej rule set of the SPC engine (src/spc*.c):
 * every qicharts2 0.8.1 chart type (i, mr, run, p, pp, u, up, c), its
 * clamping, the Anhøj runs analysis, baselines, phases, exclusions,
 * `multiply`, degenerate series, and the chart summary, as
 * qicharts2's documentation gives them; plus the I-chart contrast with mdc.
 *
 * Every expected number is either worked out by hand in the comment next
 * to it, or quoted from a published source named there:
 *   [NIST]  NIST/SEMATECH e-Handbook of Statistical Methods, 6.3.2.2
 *           (flowrate I-MR chart) and 6.3.3.1 (wafer defects c chart).
 *   [MONT]  Montgomery, Introduction to Statistical Quality Control:
 *           orange-juice cans p chart (Example 7.1; 6th ed.), circuit-board
 *           c chart (Example 7.3), personal-computer u chart (Example 7.4).
 *           The data are qcc's data/orangejuice.txt, circuit.txt and
 *           pcmanufact.txt (luca-scr/qcc); qicharts2 runs the same examples
 *           in tests/testthat/test_montgomery.R (p with exclude = c(15, 23)
 *           and part = 30, lines 70-82; c with exclude = c(6, 20), lines
 *           97-109; u, lines 112-121), against .rds references.
 *   [VIG]   qicharts2 vignette (vignettes/qicharts2.Rmd, "The Anhøj rules",
 *           and Appendix 2 as rendered in docs/articles/qicharts2.html):
 *           n = 24 useful points -> longest run 8, crossings 8; the table
 *           of both limits for n = 10..100.
 * A published value is checked to half a unit of its last printed digit;
 * every such value also gets an exact hand check at 1e-9.
 *
 * Strings compare a whole series at once, one character per point:
 *   signal: '.' none, 'O' outside limits (the anhoej rule sets only this)
 *   type:   '-' none, 'c' common cause, 'I' improvement, 'C' concern,
 *           'H' neutral high, 'L' neutral low
 * and a runs analysis as "useful:longest/longest_max:crossings/
 * crossings_min:S" (S = runs signal, '-' = none; NA counts are -1).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/spc.h"
#include "spctest.h"
#include "tap.h"

/* anhoej options for chart c, with denominators den (may be NULL). */
static struct dr_spc_options aopts(enum dr_spc_chart c, const double *den)
{
	struct dr_spc_options o;

	dr_spc_options_init(&o);
	o.rules = DR_SPC_ANHOEJ;
	o.chart = c;
	o.den = den;
	return o;
}

/* A runs analysis as "useful:longest/max:crossings/min:S". */
static const char *runs_str(const struct dr_spc_runs *r)
{
	static char buf[4][64];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, 64, "%d:%d/%d:%d/%d:%c", r->useful, r->longest, r->longest_max,
	         r->crossings, r->crossings_min, r->signal ? 'S' : '-');
	return b;
}

/* The phase numbers as a string, '1' .. '9'. */
static const char *phases(const struct res *r, size_t n)
{
	static char buf[MAXN + 1];

	for (size_t i = 0; i < n; i++)
		buf[i] = (char)('0' + r->p[i].phase);
	buf[n] = '\0';
	return buf;
}

/* Every point i in [a, b) carries the same runs analysis as point a. */
static bool same_runs(const struct res *r, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (memcmp(&r->p[i].runs, &r->p[a].runs, sizeof r->p[a].runs) != 0)
			return false;
	return true;
}

/* Fills v[0..n) with x. */
static void fill(double *v, size_t n, double x)
{
	for (size_t i = 0; i < n; i++)
		v[i] = x;
}

/* ------------------------------------------------------------------ */
/* Anhøj thresholds                                                    */
/* ------------------------------------------------------------------ */

/*
 * round(log2(n)) + 3 and qbinom(0.05, n - 1, 0.5) for n = 1..100: qicharts2's
 * table; n = 10..100 is the vignette's Appendix 2 [VIG] as rendered
 * (docs/articles/qicharts2.html). n = 1..9 by hand: log2 of 1..9 is 0, 1,
 * 1.58, 2, 2.32, 2.58, 2.81, 3, 3.17, rounded 0 1 2 2 2 3 3 3 3, plus 3;
 * qbinom: P(Bin(m, 1/2) = 0) = 2^-m >= 0.05 for m <= 4 gives 0 for n <= 5;
 * m = 5..7: P(<= 0) = 1/32, 1/64, 1/128 < 0.05 <= P(<= 1) = 6/32, 7/64,
 * 8/128, so 1; m = 8: P(<= 1) = 9/256 = 0.035, P(<= 2) = 37/256, so 2.
 */
static const signed char run_max[101] = {
	-1, 3, 4, 5, 5, 5, 6, 6, 6, 6,
	6, 6, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 8, 8, 8, 8, 8, 8, 8,
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
	8, 8, 8, 8, 8, 8, 9, 9, 9, 9,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
	9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
	9, 10, 10, 10, 10, 10, 10, 10, 10, 10,
	10,
};
static const signed char cross_min[101] = {
	-1, 0, 0, 0, 0, 0, 1, 1, 1, 2,
	2, 2, 3, 3, 4, 4, 4, 5, 5, 6,
	6, 6, 7, 7, 8, 8, 8, 9, 9, 10,
	10, 11, 11, 11, 12, 12, 13, 13, 14, 14,
	14, 15, 15, 16, 16, 17, 17, 17, 18, 18,
	19, 19, 20, 20, 21, 21, 21, 22, 22, 23,
	23, 24, 24, 25, 25, 25, 26, 26, 27, 27,
	28, 28, 29, 29, 29, 30, 30, 31, 31, 32,
	32, 33, 33, 34, 34, 34, 35, 35, 36, 36,
	37, 37, 38, 38, 39, 39, 39, 40, 40, 41,
	41,
};

static void test_thresholds(void)
{
	char name[80];

	for (int n = 1; n <= 100; n++) {
		int l = dr_spc_longest_run_max(n), c = dr_spc_crossings_min(n);
		snprintf(name, sizeof name, "thresholds n = %d: %d / %d", n, run_max[n], cross_min[n]);
		tap_ok(l == run_max[n] && c == cross_min[n], name);
		if (l != run_max[n] || c != cross_min[n])
			printf("#   got %d / %d\n", l, c);
	}
	/* [VIG]: "a run of more than round(log2(24) + 3) = 8 ... fewer than
	 * qbinom(0.05, 24 - 1, 0.5) = 8 crossings". */
	tap_int(dr_spc_longest_run_max(24), 8, "vignette: 24 useful points, longest run max 8");
	tap_int(dr_spc_crossings_min(24), 8, "vignette: 24 useful points, crossings min 8");
	/*
	 * Long series (summed in log space): exact binomial sums with integer
	 * arithmetic give qbinom(0.05, 499, 0.5) = 231 and qbinom(0.05, 999,
	 * 0.5) = 474; log2(500) = 8.97 -> 12, log2(1000) = 9.97 -> 13.
	 */
	tap_int(dr_spc_crossings_min(500), 231, "crossings min n = 500: 231");
	tap_int(dr_spc_crossings_min(1000), 474, "crossings min n = 1000: 474");
	tap_int(dr_spc_longest_run_max(500), 12, "longest run max n = 500: 12");
	tap_int(dr_spc_longest_run_max(1000), 13, "longest run max n = 1000: 13");
}

/* ------------------------------------------------------------------ */
/* Runs analysis                                                       */
/* ------------------------------------------------------------------ */

/* Appends len copies of v to y at *k. */
static void seg(double *y, size_t *k, size_t len, double v)
{
	for (size_t i = 0; i < len; i++)
		y[(*k)++] = v;
}

/*
 * 24 useful points around an exact mean of 0: +1 sixteen times and -2 eight
 * times (sum 16 - 16 = 0), on an I chart; n = 24 gives longest run max 8 and
 * crossings min 8 [VIG]. The runs analysis is one per phase, on every row.
 */
static void test_runs_24(void)
{
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	double y[MAXN];
	struct res r;
	size_t k;

	/* +8 -2 +5 -2 +1 -2 +1 -2 +1: 9 runs (8 crossings), longest 8: no signal. */
	k = 0;
	seg(y, &k, 8, 1); seg(y, &k, 2, -2); seg(y, &k, 5, 1); seg(y, &k, 2, -2);
	seg(y, &k, 1, 1); seg(y, &k, 2, -2); seg(y, &k, 1, 1); seg(y, &k, 2, -2);
	seg(y, &k, 1, 1);
	judge(y, NULL, k, &o, &r);
	tap_int((long)k, 24, "runs 24: 24 points");
	tap_num(r.p[0].cl, 0, 0, "runs 24: mean exactly 0");
	tap_str(runs_str(&r.p[0].runs), "24:8/8:8/8:-", "runs 24: run of 8 and 8 crossings, no signal");
	tap_ok(same_runs(&r, 0, k), "runs 24: one analysis on every row");
	tap_str(runs_str(&r.s.runs), "24:8/8:8/8:-", "runs 24: summary carries the analysis");
	/* A run of exactly the maximum is not too long: no point typed. */
	tap_str(r.typ, "cccccccccccccccccccccccc", "runs 24: a run of 8 types nothing");

	/* +9 -2 +4 -2 +1 -2 +1 -2 +1: 8 crossings, longest 9 > 8: signal. */
	k = 0;
	seg(y, &k, 9, 1); seg(y, &k, 2, -2); seg(y, &k, 4, 1); seg(y, &k, 2, -2);
	seg(y, &k, 1, 1); seg(y, &k, 2, -2); seg(y, &k, 1, 1); seg(y, &k, 2, -2);
	seg(y, &k, 1, 1);
	judge(y, NULL, k, &o, &r);
	tap_str(runs_str(&r.p[23].runs), "24:9/8:8/8:S", "runs 24: run of 9 signals");
	/* Only the 9 points of the long run are typed (above: neutral high). */
	tap_str(r.typ, "HHHHHHHHH" "ccccccccccccccc", "runs 24: the long run's points typed by side");

	/*
	 * +4 -2 +4 -2 +4 -2 +4 -2: 8 runs, 7 crossings < 8: signal; longest 4.
	 * The values alternate inside each run (0.5 1.5 0.5 1.5 and -1.5 -2.5,
	 * still summing to 0) so that screening keeps the moving ranges: 16 of
	 * 1 and 7 of 3, mean 37/23 = 1.609, none >= 5.256; 3 sigma = 4.279.
	 * (With flat runs the 7 MRs of 3 would all be >= 3.267 * 21/23 and
	 * be screened, leaving limits on the centre.)
	 */
	k = 0;
	for (int i = 0; i < 4; i++) {
		seg(y, &k, 1, 0.5); seg(y, &k, 1, 1.5); seg(y, &k, 1, 0.5); seg(y, &k, 1, 1.5);
		seg(y, &k, 1, -1.5); seg(y, &k, 1, -2.5);
	}
	judge(y, NULL, k, &o, &r);
	tap_str(runs_str(&r.p[0].runs), "24:4/8:7/8:S", "runs 24: 7 crossings signal");
	/* Too few crossings alone: the latest run (2 points below) carries its side. */
	tap_str(r.typ, "ccccccccccccccccccccccLL", "runs 24: crossings signal types the latest run");
	tap_str(r.sig, "........................", "runs 24: runs signal is not a point signal");
	o.better = -1;
	judge(y, NULL, k, &o, &r);
	tap_int(r.s.variation, DR_POINT_IMPROVEMENT, "runs 24: crossings signal, lower is better: improvement");
}

/*
 * Points on the centre line "neither break nor contribute to the run"
 * (vignette, "The Anhøj rules"): 4 below, 4 above, 1 on, 4 above, 4 below.
 * Run chart: 17 values, sorted 8 x 1, 5, 8 x 9, median = the 9th = 5.
 * Useful 16 (the 5 dropped): runs 4, 8, 4: longest 8 > 7 (n = 16: max 7,
 * min 4), crossings 2 < 4: signal.
 */
static void test_runs_centre(void)
{
	const double y[] = { 1, 1, 1, 1, 9, 9, 9, 9, 5, 9, 9, 9, 9, 1, 1, 1, 1 };
	struct dr_spc_options o = aopts(DR_SPC_RUN, NULL);
	struct res r;

	o.better = 1;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 5, 0, "centre line: median 5");
	tap_str(runs_str(&r.p[0].runs), "16:8/7:2/4:S", "centre line: 4 + 1 on + 4 is a run of 8");
	/* The point on the line is in no run: it stays common cause. */
	tap_str(r.typ, "ccccIIIIcIIIIcccc", "centre line: the run's 8 points typed, not the one on it");
	tap_str(r.sig, ".................", "centre line: a run chart has no point signal");

	/* Missing months are dropped the same way: a NAN inside a run. */
	const double g[] = { 1, 1, 1, 1, 9, 9, 9, 9, NAN, 9, 9, 9, 9, 1, 1, 1, 1 };
	/* Median of 16 values (8 x 1, 8 x 9) = (1 + 9) / 2 = 5. */
	judge(g, NULL, LEN(g), &o, &r);
	tap_num(r.p[0].cl, 5, 0, "gap: median of the 16 values 5");
	tap_str(runs_str(&r.p[0].runs), "16:8/7:2/4:S", "gap: a missing month does not break the run");
	tap_str(r.typ, "ccccIIII-IIIIcccc", "gap: missing month has no type");
	/* qicharts2 qic.run sets cl on every row, a missing one too. */
	tap_num(r.p[8].cl, 5, 0, "gap: the median on the missing month too");
	tap_num(r.p[8].ucl, NAN, 0, "gap: and no limit (a run chart has none)");
}

/* Every point on the centre: no useful point, NA counts, no signal. */
static void test_runs_none(void)
{
	const double y[] = { 4, 4, 4, 4, 4, 4 };
	struct dr_spc_options o = aopts(DR_SPC_RUN, NULL);
	struct res r;

	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 4, 0, "no useful point: median 4");
	tap_str(runs_str(&r.p[5].runs), "0:-1/-1:-1/-1:-", "no useful point: NA counts, no signal");
	tap_str(runs_str(&r.s.runs), "0:-1/-1:-1/-1:-", "no useful point: summary NA too");
}

/* ------------------------------------------------------------------ */
/* I chart: anhoej (3 sigma, sigma = mR-bar / 1.128) vs mdc (2.66)     */
/* ------------------------------------------------------------------ */

static const double flow[10] = { 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1 };

static void test_i_chart(void)
{
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	/*
	 * [NIST] 6.3.2.2: mean 50.81, UCL 55.8041, LCL 45.8159 (3 sigma,
	 * sigma = mR-bar / 1.128). By hand: sum 508.1 / 10 = 50.81; moving
	 * ranges 2.0 2.3 1.4 3.5 3.4 1.4 0.2 1.2 1.5 = 16.9 / 9 = 1.877778, none
	 * >= 3.267 * 1.877778 = 6.1347; 3 * 1.877778 / 1.128 = 4.994090.
	 */
	judge(flow, NULL, 10, &o, &r);
	tap_num(r.p[0].cl, 50.81, TOL, "I flowrate: mean 50.81");
	tap_num(r.p[0].ucl, 50.81 + 3 * (16.9 / 9) / 1.128, TOL, "I flowrate: UCL 55.804090");
	tap_num(r.p[0].lcl, 50.81 - 3 * (16.9 / 9) / 1.128, TOL, "I flowrate: LCL 45.815910");
	tap_num(r.p[9].ucl, 55.8041, 5e-5, "I flowrate: NIST UCL 55.8041");
	tap_num(r.p[9].lcl, 45.8159, 5e-5, "I flowrate: NIST LCL 45.8159");
	tap_str(r.sig, "..........", "I flowrate: in control");
	/* Sides vs 50.81: - - - + - + + + + +: runs 3,1,1,5; n = 10: 6 / 2. */
	tap_str(runs_str(&r.p[0].runs), "10:5/6:3/2:-", "I flowrate: runs analysis");

	/* mdc7 on the same data: 50.81 -+ 2.66 * 1.877778 = 55.804889 / 45.815111. */
	o.rules = DR_SPC_MDC7;
	judge(flow, NULL, 10, &o, &r);
	tap_num(r.p[0].ucl, 50.81 + 2.66 * (16.9 / 9), TOL, "I flowrate mdc7: UCL 55.804889");
	tap_num(r.p[0].lcl, 50.81 - 2.66 * (16.9 / 9), TOL, "I flowrate mdc7: LCL 45.815111");
	tap_str(runs_str(&r.p[0].runs), "0:0/0:0/0:-", "I flowrate mdc7: no runs analysis (zeroed)");
	/* The UCLs differ by (2.66 - 3/1.128) mR-bar = 0.000425532 mR-bar. */
	tap_num(r.p[0].ucl - (50.81 + 3 * (16.9 / 9) / 1.128), (2.66 - 3 / 1.128) * (16.9 / 9),
	        TOL, "I flowrate: mdc UCL is 0.000425532 mR-bar wider");

	/*
	 * A point between the two UCLs: 12-point base 14,10,... (mean 12,
	 * mR-bar 4), baseline 12. anhoej UCL 12 + 12/1.128 = 22.638298;
	 * mdc UCL 12 + 10.64 = 22.64. 22.639 is outside only under anhoej.
	 */
	double y[13] = { 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 22.639 };
	o = aopts(DR_SPC_I, NULL);
	o.baseline = 12;
	o.better = 1;
	judge(y, NULL, 13, &o, &r);
	tap_num(r.p[12].ucl, 12 + 12 / 1.128, TOL, "I between: anhoej UCL 22.638298");
	tap_str(r.sig, "............O", "I between: anhoej signals 22.639");
	tap_str(r.typ, "ccccccccccccI", "I between: anhoej types it by side");
	o.rules = DR_SPC_MDC7;
	judge(y, NULL, 13, &o, &r);
	tap_num(r.p[12].ucl, 22.64, TOL, "I between: mdc UCL 22.64");
	tap_str(r.sig, ".............", "I between: mdc does not");

	/*
	 * No clamping of the I chart (y.neg = TRUE by default): the deviations
	 * vignette series, all >= 0, mean 35/18, screened mR-bar 1: LCL
	 * 35/18 - 3/1.128 = -0.715130 stays negative.
	 */
	const double dev[18] = { 1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1 };
	o = aopts(DR_SPC_I, NULL);
	judge(dev, NULL, 18, &o, &r);
	tap_num(r.p[0].lcl, 35.0 / 18 - 3 / 1.128, TOL, "I: negative LCL not clamped");
}

/* ------------------------------------------------------------------ */
/* MR chart                                                            */
/* ------------------------------------------------------------------ */

static void test_mr_chart(void)
{
	struct dr_spc_options o = aopts(DR_SPC_MR, NULL);
	struct res r;

	/*
	 * [NIST] 6.3.2.2 MR chart: centre 1.8778. By hand: the 9 moving ranges
	 * sum 16.9, mean 1.877778; UCL 3.267 * 1.877778 = 6.134700; LCL 0.
	 */
	judge(flow, NULL, 10, &o, &r);
	tap_num(r.p[0].y, NAN, 0, "MR: first point has no moving range");
	/* qicharts2 qic.mr: cl, lcl = 0 and ucl on every row, the first too. */
	tap_num(r.p[0].cl, 16.9 / 9, TOL, "MR: yet the centre on the first row");
	tap_num(r.p[0].lcl, 0, 0, "MR: LCL 0 on the first row");
	tap_num(r.p[0].ucl, 3.267 * 16.9 / 9, TOL, "MR: UCL 6.1347 on the first row");
	tap_int(r.p[0].signal, DR_SIGNAL_NONE, "MR: first row no signal");
	tap_num(r.p[1].y, 2.0, TOL, "MR: |47.6 - 49.6| = 2.0");
	tap_num(r.p[4].y, 3.5, TOL, "MR: |47.8 - 51.3| = 3.5");
	tap_num(r.p[1].cl, 16.9 / 9, TOL, "MR: centre 1.877778");
	tap_num(r.p[1].cl, 1.8778, 5e-5, "MR: NIST centre 1.8778");
	tap_num(r.p[9].ucl, 3.267 * 16.9 / 9, TOL, "MR: UCL 3.267 mR-bar = 6.1347");
	tap_num(r.p[9].lcl, 0, 0, "MR: LCL 0");
	/* MRs vs 1.877778: + + - + + - - - -: runs 2,1,2,4; stats kept, no signal. */
	tap_str(runs_str(&r.p[1].runs), "9:4/6:3/2:-", "MR: runs statistics computed");
	tap_str(r.typ, "-ccccccccc", "MR: common cause, first point untyped");

	/*
	 * A long run in the moving ranges never signals: y = 0..9 then 19, 29,
	 * ..., 99: MRs nine 1s then nine 10s, centre 99/18 = 5.5; runs 9 and 9,
	 * n = 18: max 7: longest 9 > 7 and 1 crossing < 5, yet no runs signal
	 * and no point typed by a run (qicharts2 qic.agg forces runs.signal
	 * FALSE for mr). UCL 3.267 * 5.5 = 17.9685: no MR outside.
	 */
	double y[19];
	for (int i = 0; i < 10; i++)
		y[i] = i;
	for (int i = 10; i < 19; i++)
		y[i] = 9 + 10 * (i - 9);
	judge(y, NULL, 19, &o, &r);
	tap_num(r.p[1].cl, 5.5, TOL, "MR run: centre 5.5");
	tap_str(runs_str(&r.p[1].runs), "18:9/7:1/5:-", "MR run: no runs signal on an MR chart");
	tap_str(r.typ, "-cccccccccccccccccc", "MR run: no point typed by the run");

	/*
	 * MRs do get the 3-sigma test: y = 0,1,0,1,0,1,0,1,0,1,20: MRs nine 1s
	 * and 19, centre 28/10 = 2.8 (no screening on an MR chart), UCL
	 * 3.267 * 2.8 = 9.1476 < 19: outside.
	 */
	const double spike[] = { 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 20 };
	o.better = -1;
	judge(spike, NULL, LEN(spike), &o, &r);
	tap_num(r.p[1].cl, 2.8, TOL, "MR spike: centre 2.8, unscreened");
	tap_num(r.p[10].ucl, 9.1476, TOL, "MR spike: UCL 9.1476");
	tap_str(r.sig, "..........O", "MR spike: the MR of 19 is outside");
	tap_str(r.typ, "-cccccccccC", "MR spike: typed by side (higher MR, lower better)");

	/*
	 * Each phase starts without a moving range: rebase at index 5 of the
	 * flowrate data. Phase 1 MRs 2.0 2.3 1.4 3.5 = 9.2 / 4 = 2.3; phase 2
	 * (51.2 52.6 52.4 53.6 52.1) MRs 1.4 0.2 1.2 1.5 = 4.3 / 4 = 1.075; the
	 * 3.4 across the boundary is in neither.
	 */
	const size_t at5[] = { 5 };
	o = aopts(DR_SPC_MR, NULL);
	o.rebase = at5;
	o.nrebase = 1;
	judge(flow, NULL, 10, &o, &r);
	tap_str(phases(&r, 10), "1111122222", "MR rebase: phases");
	tap_num(r.p[5].y, NAN, 0, "MR rebase: the new phase's first point has no MR");
	tap_num(r.p[1].cl, 2.3, TOL, "MR rebase: phase 1 centre 2.3");
	tap_num(r.p[9].cl, 1.075, TOL, "MR rebase: phase 2 centre 1.075");
	tap_num(r.p[9].ucl, 3.267 * 1.075, TOL, "MR rebase: phase 2 UCL 3.512025");

	/*
	 * Excluded point: its own MR leaves the centre, but MRs are still
	 * taken over all points (qicharts2 c(NA, abs(diff(y)))). y = 5,7,4,
	 * 10,6 excluding index 3: MRs -, 2, 3, 6, 4; centre over MRs at
	 * included points (1, 2, 4): (2 + 3 + 4) / 3 = 3.
	 */
	const double e[] = { 5, 7, 4, 10, 6 };
	const bool ex[] = { false, false, false, true, false };
	o = aopts(DR_SPC_MR, NULL);
	judge(e, ex, LEN(e), &o, &r);
	tap_num(r.p[3].y, 6, TOL, "MR excluded: its MR is still plotted");
	tap_num(r.p[4].y, 4, TOL, "MR excluded: the next MR spans it");
	tap_num(r.p[4].cl, 3, TOL, "MR excluded: centre (2 + 3 + 4) / 3");
}

/* ------------------------------------------------------------------ */
/* Run chart                                                           */
/* ------------------------------------------------------------------ */

static void test_run_chart(void)
{
	const double odd[] = { 3, 1, 4, 1, 5, 9, 2 };
	const double even[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
	const double gap[] = { 3, 1, NAN, 4, 1, 5, 9, 2, 6 };
	struct dr_spc_options o = aopts(DR_SPC_RUN, NULL);
	struct res r;

	/* Sorted 1 1 2 3 4 5 9: median 3 (the mean would be 25/7). */
	judge(odd, NULL, LEN(odd), &o, &r);
	tap_num(r.p[0].cl, 3, 0, "run chart: median of 7 is the 4th, 3");
	tap_num(r.p[0].ucl, NAN, 0, "run chart: no UCL");
	tap_num(r.p[0].lcl, NAN, 0, "run chart: no LCL");
	/* Sides + . - + - + + - (3 on the line dropped): - + - + + -: 6 useful. */
	tap_str(runs_str(&r.p[0].runs), "6:2/6:4/1:-", "run chart odd: runs analysis");
	/* Sorted 1 1 2 3 4 5 6 9: median (3 + 4) / 2 = 3.5. */
	judge(even, NULL, LEN(even), &o, &r);
	tap_num(r.p[0].cl, 3.5, 0, "run chart: median of 8 is (3 + 4) / 2");
	tap_str(runs_str(&r.p[0].runs), "8:2/6:5/1:-", "run chart even: 8 useful, 5 crossings");
	judge(gap, NULL, LEN(gap), &o, &r);
	tap_num(r.p[0].cl, 3.5, 0, "run chart: the missing month is not in the median");

	/*
	 * With denominators: the median of the ratios 1/2, 1/4, 6/8 = 0.5, not
	 * the pooled 8/14 = 0.571 (qicharts2 p chart).
	 */
	const double ry[] = { 1, 1, 6 };
	const double rn[] = { 2, 4, 8 };
	o = aopts(DR_SPC_RUN, rn);
	judge(ry, NULL, 3, &o, &r);
	tap_num(r.p[2].y, 0.75, 0, "run chart y/n: plots 6/8");
	tap_num(r.p[0].cl, 0.5, 0, "run chart y/n: median of ratios 0.5");

	/* No limits, so no assurance whatever the target. */
	o = aopts(DR_SPC_RUN, NULL);
	o.better = 1;
	o.has_target = true;
	o.target = 100;
	judge(odd, NULL, LEN(odd), &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_NONE, "run chart: no limits, no assurance");
	tap_str(r.sig, ".......", "run chart: never a point signal");
}

/* ------------------------------------------------------------------ */
/* p chart                                                             */
/* ------------------------------------------------------------------ */

/* [MONT] orange-juice cans: nonconforming of 50 per sample, 54 samples
 * (qcc data/orangejuice.txt; samples 1-30 trial, 31-54 after adjustment). */
static const double oj[54] = {
	12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5,
	13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6,
	9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5, 6, 3, 5,
};

static void test_p_montgomery(void)
{
	double n50[54];
	bool ex[54] = { false };
	const size_t at30[] = { 30 };
	struct dr_spc_options o;
	struct res r;

	fill(n50, 54, 50);
	o = aopts(DR_SPC_P, n50);
	o.better = -1;  /* nonconforming: lower is better */

	/*
	 * Trial limits, samples 1-30: p-bar = 347/1500 = 0.231333; sigma =
	 * sqrt(0.231333 * 0.768667 / 50) = 0.059635; UCL 0.410239, LCL
	 * 0.052428 (Montgomery 0.4102 / 0.0524; qcc 0.4102391 / 0.05242755).
	 * Samples 15 (22/50 = 0.44) and 23 (24/50 = 0.48) are above.
	 */
	judge(oj, NULL, 30, &o, &r);
	double pb = 347.0 / 1500, sd = sqrt(pb * (1 - pb) / 50);
	tap_num(r.p[0].cl, pb, TOL, "p orange juice trial: p-bar 347/1500");
	tap_num(r.p[0].ucl, pb + 3 * sd, TOL, "p orange juice trial: UCL");
	tap_num(r.p[0].lcl, pb - 3 * sd, TOL, "p orange juice trial: LCL");
	tap_num(r.p[0].ucl, 0.4102, 5e-5, "p orange juice trial: Montgomery UCL 0.4102");
	tap_num(r.p[0].lcl, 0.0524, 5e-5, "p orange juice trial: Montgomery LCL 0.0524");
	tap_num(r.p[14].y, 0.44, TOL, "p orange juice: plots 22/50");
	tap_str(r.sig, "..............O.......O.......", "p orange juice trial: samples 15 and 23");
	tap_str(r.typ, "ccccccccccccccCcccccccCccccccc", "p orange juice trial: concern");
	/* 30 useful (none at 0.2313 = 11.57/50); runs 2 4 1 1 1 3 3 3 1 1 4 1 1 1 1 2. */
	tap_str(runs_str(&r.p[0].runs), "30:4/8:15/10:-", "p orange juice trial: runs");

	/*
	 * Revised (qicharts2 exclude = c(15, 23)): p-bar = (347 - 22 - 24) /
	 * 1400 = 301/1400 = 0.215, sigma sqrt(0.215 * 0.785 / 50) = 0.058094,
	 * UCL 0.389297, LCL 0.040703 (Montgomery 0.3893 / 0.0407). Sample 21
	 * (20/50 = 0.40) is now above. qicharts2 still flags the excluded 15
	 * and 23; dyadreport's exclude is a provisional month, never judged.
	 */
	ex[14] = ex[22] = true;
	judge(oj, ex, 30, &o, &r);
	sd = sqrt(0.215 * 0.785 / 50);
	tap_num(r.p[0].cl, 0.215, TOL, "p orange juice revised: p-bar 301/1400 = 0.215");
	tap_num(r.p[0].ucl, 0.215 + 3 * sd, TOL, "p orange juice revised: UCL");
	tap_num(r.p[0].lcl, 0.215 - 3 * sd, TOL, "p orange juice revised: LCL");
	tap_num(r.p[0].ucl, 0.3893, 5e-5, "p orange juice revised: Montgomery UCL 0.3893");
	tap_num(r.p[0].lcl, 0.0407, 5e-5, "p orange juice revised: Montgomery LCL 0.0407");
	tap_str(r.sig, "....................O.........",
	        "p orange juice revised: 21 (qicharts2 also 15, 23: excluded, not judged here)");
	/* 28 useful (15 and 23 left out); runs 2 4 1 1 1 3 2 3 5 1 1 1 1 2. */
	tap_str(runs_str(&r.p[0].runs), "28:5/8:13/9:-", "p orange juice revised: runs without 15, 23");

	/*
	 * part = 30: samples 31-54 are a new phase. p-bar = 133/1200 =
	 * 0.110833; sigma sqrt(0.110833 * 0.889167 / 50) = 0.044395; UCL
	 * 0.244021, LCL -0.022354 clamped to 0 (Montgomery: 0.1108, UCL
	 * 0.2440, LCL 0).
	 */
	o.rebase = at30;
	o.nrebase = 1;
	judge(oj, ex, 54, &o, &r);
	pb = 133.0 / 1200;
	sd = sqrt(pb * (1 - pb) / 50);
	tap_str(phases(&r, 54), "111111111111111111111111111111222222222222222222222222",
	        "p orange juice part 30: phases");
	tap_num(r.p[5].ucl, 0.215 + 3 * sqrt(0.215 * 0.785 / 50), TOL,
	        "p orange juice part 30: phase 1 unchanged");
	tap_num(r.p[30].cl, pb, TOL, "p orange juice part 30: p-bar 133/1200");
	tap_num(r.p[53].ucl, pb + 3 * sd, TOL, "p orange juice part 30: UCL");
	tap_num(r.p[53].ucl, 0.2440, 5e-5, "p orange juice part 30: Montgomery UCL 0.2440");
	tap_num(r.p[53].lcl, 0, 0, "p orange juice part 30: LCL -0.0224 clamped to 0");
	tap_str(r.sig + 30, "........................", "p orange juice part 30: in control");
	/* Phase 2 vs 0.110833 (5.54/50): 24 useful, runs 3 1 1 1 1 1 2 3 1 2 1 1 2 1 1 2. */
	tap_str(runs_str(&r.p[30].runs), "24:3/8:15/8:-", "p orange juice part 30: phase 2 runs");
	tap_str(runs_str(&r.p[29].runs), "28:5/8:13/9:-", "p orange juice part 30: phase 1 runs");
	tap_int(r.s.trial_limits, 0, "p orange juice part 30: 24 values, no trial limits");
}

/*
 * Per-point limits, clamping, an n = 0 month and a missing month.
 * y = 1 3 0 - 4 2 over n = 1 4 0 6 10 5: the missing y blanks its n too
 * (qicharts2 complete.cases), the n = 0 month adds 0 / 0. p-bar =
 * (1 + 3 + 0 + 4 + 2) / (1 + 4 + 0 + 10 + 5) = 10/20 = 0.5, sigma_i =
 * sqrt(0.25 / n_i):
 *   n = 1:  0.5 -+ 1.5         -> UCL 2 -> 1, LCL -1 -> 0
 *   n = 4:  0.5 -+ 0.75        -> 1.25 -> 1, -0.25 -> 0
 *   n = 10: 0.5 -+ 0.474342    -> 0.974342, 0.025658
 *   n = 5:  0.5 -+ 0.670820    -> 1.170820 -> 1, -0.170820 -> 0
 */
static void test_p_clamp(void)
{
	const double y[] = { 1, 3, 0, NAN, 4, 2 };
	const double n[] = { 1, 4, 0, 6, 10, 5 };
	struct dr_spc_options o = aopts(DR_SPC_P, n);
	struct res r;

	o.better = 1;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 0.5, TOL, "p clamp: pooled p-bar 10/20");
	tap_num(r.p[0].y, 1.0, 0, "p clamp: 1/1 plots 1");
	tap_num(r.p[0].ucl, 1, 0, "p clamp: UCL 2 clamped to 1");
	tap_num(r.p[0].lcl, 0, 0, "p clamp: LCL -1 clamped to 0");
	tap_num(r.p[1].ucl, 1, 0, "p clamp: UCL 1.25 clamped to 1");
	tap_num(r.p[4].ucl, 0.5 + 3 * sqrt(0.025), TOL, "p clamp: n = 10 UCL 0.974342");
	tap_num(r.p[4].lcl, 0.5 - 3 * sqrt(0.025), TOL, "p clamp: n = 10 LCL 0.025658");
	tap_num(r.p[5].ucl, 1, 0, "p clamp: n = 5 UCL 1.17 clamped to 1");
	tap_num(r.p[5].lcl, 0, 0, "p clamp: n = 5 LCL clamped to 0");
	/* 1 on a clamped UCL of 1 is not above it (strict). */
	tap_str(r.sig, "......", "p clamp: p = 1 on UCL 1 is no signal");
	tap_num(r.p[2].y, NAN, 0, "p n = 0: no value");
	tap_num(r.p[2].cl, 0.5, TOL, "p n = 0: the pooled centre all the same");
	tap_num(r.p[2].ucl, NAN, 0, "p n = 0: infinite limits become none");
	tap_num(r.p[3].y, NAN, 0, "p missing: no value");
	tap_num(r.p[3].lcl, NAN, 0, "p missing: no limit");
	tap_num(r.p[3].ucl, NAN, 0, "p missing: no upper limit (it depends on n)");
	tap_num(r.p[3].cl, 0.5, TOL, "p missing: the centre");
	tap_str(r.typ, "cc--cc", "p: months without a value have no type");
	/* Useful: 1 (+), 0.75 (+), 0.4 (-), 0.4 (-): n = 4: max 5, min 0. */
	tap_str(runs_str(&r.p[0].runs), "4:2/5:1/0:-", "p: n = 0 and missing months are not useful");
	tap_int(r.s.trial_limits, 1, "p: 4 values, trial limits");
	tap_int(r.s.variation, DR_POINT_COMMON, "p: last point common");

	/*
	 * A y without its n is blanked with it (qicharts2 complete.cases(y,
	 * n)): y = 1 3 5 of n = 2 6 -: p-bar (1 + 3) / (2 + 6) = 0.5, not
	 * (1 + 3 + 5) / 8.
	 */
	const double y2[] = { 1, 3, 5 };
	const double n2[] = { 2, 6, NAN };
	o = aopts(DR_SPC_P, n2);
	judge(y2, NULL, 3, &o, &r);
	tap_num(r.p[0].cl, 0.5, TOL, "p: a y without n is left out of p-bar");
	tap_num(r.p[2].y, NAN, 0, "p: a y without n has no value");
}

/* ------------------------------------------------------------------ */
/* Laney p' and u'                                                     */
/* ------------------------------------------------------------------ */

/*
 * n = 400 each, p-bar 0.2, sigma_i = sqrt(0.2 * 0.8 / 400) = 0.02, counts
 * 400 (0.2 + 0.02 z) for z = 1 -1 1 -1 1 -1 1 -1 1 -1 8 -8: 88 72 ... 144
 * 16; sum 5 * 160 + 160 = 960 / 4800 = 0.2. Moving ranges of z: nine 2s,
 * |8 - -1| = 9, |-8 - 8| = 16: sum 43, mR-bar 43/11 = 3.909091.
 *   Screened: 16 >= 3.267 * 3.909091 = 12.7707 is dropped; (18 + 9)/10 =
 *   2.7, sigma_z = 2.7/1.128 = 2.393617; limits 0.2 -+ 3 * 0.02 *
 *   2.393617 = 0.2 -+ 0.143617: 0.343617 / 0.056383; 0.36 and 0.04 out.
 *   Unscreened: sigma_z = 3.909091/1.128 = 3.465506; 0.2 -+ 0.207930:
 *   0.407930 / -0.007930 -> 0: nothing out.
 */
static void test_pp(void)
{
	const double y[] = { 88, 72, 88, 72, 88, 72, 88, 72, 88, 72, 144, 16 };
	double n[MAXN];
	struct dr_spc_options o;
	struct res r;

	fill(n, 16, 400);
	o = aopts(DR_SPC_PP, n);
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 0.2, TOL, "pp: p-bar 960/4800");
	tap_num(r.p[0].ucl, 0.2 + 3 * 0.02 * (2.7 / 1.128), TOL, "pp screened: UCL 0.343617");
	tap_num(r.p[11].lcl, 0.2 - 3 * 0.02 * (2.7 / 1.128), TOL, "pp screened: LCL 0.056383");
	tap_str(r.sig, "..........OO", "pp screened: 0.36 and 0.04 outside");
	tap_str(r.typ, "ccccccccccHL", "pp screened: typed by side");
	tap_str(runs_str(&r.p[0].runs), "12:1/7:11/3:-", "pp: runs around p-bar");

	o.screen = false;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].ucl, 0.2 + 3 * 0.02 * (43.0 / 11 / 1.128), TOL, "pp unscreened: UCL 0.407930");
	tap_num(r.p[0].lcl, 0, 0, "pp unscreened: LCL -0.00793 clamped to 0");
	tap_str(r.sig, "............", "pp unscreened: nothing outside");

	/* The plain p chart on the same data: 0.2 -+ 3 * 0.02 = 0.14 .. 0.26. */
	o = aopts(DR_SPC_P, n);
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].ucl, 0.26, TOL, "p on pp data: UCL 0.26");
	tap_num(r.p[0].lcl, 0.14, TOL, "p on pp data: LCL 0.14");

	/*
	 * An excluded month is bridged in Laney's moving ranges: insert z = 0
	 * (80 of 400) after the second point and exclude it. p-bar over the
	 * rest is still 0.2, the z sequence over B is the one above, so the
	 * limits are the screened ones exactly. (Not bridged: 41/10 -> 25/9
	 * screened; counted: MRs 1 and 1 instead of 2.)
	 */
	const double ye[] = { 88, 72, 80, 88, 72, 88, 72, 88, 72, 88, 72, 144, 16 };
	bool ex[13] = { false };
	ex[2] = true;
	o = aopts(DR_SPC_PP, n);
	judge(ye, ex, LEN(ye), &o, &r);
	tap_num(r.p[0].ucl, 0.2 + 3 * 0.02 * (2.7 / 1.128), TOL, "pp excluded: bridged, same UCL");
	tap_num(r.p[2].cl, 0.2, TOL, "pp excluded: centre shown on it");

	/*
	 * Clamping to [0, 1]: y = 1 0 1 0 of n = 1: p-bar 0.5, sigma_i 0.5,
	 * z = 1 -1 1 -1, MRs 2 2 2, sigma_z 2/1.128 = 1.773050; UCL 0.5 +
	 * 1.5 * 1.773050 = 3.159574 -> 1, LCL -> 0.
	 */
	const double c1[] = { 1, 0, 1, 0 };
	const double one[] = { 1, 1, 1, 1 };
	o = aopts(DR_SPC_PP, one);
	judge(c1, NULL, 4, &o, &r);
	tap_num(r.p[0].ucl, 1, 0, "pp: UCL 3.16 clamped to 1");
	tap_num(r.p[0].lcl, 0, 0, "pp: LCL clamped to 0");
	tap_str(r.sig, "....", "pp: 1 and 0 on the clamped limits are no signal");
}

/*
 * u' with the same z pattern: n = 4, u-bar 16, sigma_i = sqrt(16/4) = 2,
 * counts 4 (16 + 2 z) = 72 56 ... 128 0; sum 5 * 128 + 128 = 768 / 48 =
 * 16. Screened sigma_z 2.7/1.128 = 2.393617: 16 -+ 6 * 2.393617 = 16 -+
 * 14.361702: 30.361702 / 1.638298 (32 and 0 outside). Unscreened 3.465506:
 * 16 -+ 20.793037: 36.793037 / -4.79 -> 0.
 */
static void test_up(void)
{
	const double y[] = { 72, 56, 72, 56, 72, 56, 72, 56, 72, 56, 128, 0 };
	double n[16];
	struct dr_spc_options o;
	struct res r;

	fill(n, 16, 4);
	o = aopts(DR_SPC_UP, n);
	o.better = -1;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 16, TOL, "up: u-bar 768/48");
	tap_num(r.p[10].y, 32, 0, "up: plots 128/4");
	tap_num(r.p[0].ucl, 16 + 6 * (2.7 / 1.128), TOL, "up screened: UCL 30.361702");
	tap_num(r.p[0].lcl, 16 - 6 * (2.7 / 1.128), TOL, "up screened: LCL 1.638298");
	tap_str(r.sig, "..........OO", "up screened: 32 and 0 outside");
	tap_str(r.typ, "ccccccccccCI", "up: lower better, high is concern");
	o.screen = false;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].ucl, 16 + 6 * (43.0 / 11 / 1.128), TOL, "up unscreened: UCL 36.793037");
	tap_num(r.p[0].lcl, 0, 0, "up unscreened: LCL -4.79 clamped to 0");

	/*
	 * An n = 0 month inside the baseline (y 0 of n 0: no value, adds 0 to
	 * both sums) is not bridged: z = 1, -, -1, 1, ..., 8, -8 loses the
	 * first MR: eight 2s + 9 + 16 = 41 / 10 = 4.1, 16 >= 3.267 * 4.1 =
	 * 13.3947 dropped, 25/9 = 2.777778, sigma_z = 2.462569; 16 -+ 6 *
	 * 2.462569 = 30.775414 / 1.224586.
	 */
	const double yg[] = { 72, 0, 56, 72, 56, 72, 56, 72, 56, 72, 56, 128, 0 };
	double ng[13];
	fill(ng, 13, 4);
	ng[1] = 0;
	o = aopts(DR_SPC_UP, ng);
	judge(yg, NULL, LEN(yg), &o, &r);
	tap_num(r.p[0].cl, 16, TOL, "up n = 0: u-bar still 16");
	tap_num(r.p[1].y, NAN, 0, "up n = 0: no value");
	tap_num(r.p[1].ucl, NAN, 0, "up n = 0: no limit");
	tap_num(r.p[0].ucl, 16 + 6 * (25.0 / 9 / 1.128), TOL, "up n = 0: MRs not bridged, UCL 30.775414");

	/*
	 * Small example: n = 4, counts 6 2 6 2 8 0: u 1.5 .5 1.5 .5 2 0, u-bar
	 * 24/24 = 1, sigma_i 0.5, z 1 -1 1 -1 2 -2, MRs 2 2 2 3 4 = 13/5 = 2.6
	 * (none >= 8.494), sigma_z 2.304965: 1 + 1.5 * 2.304965 = 4.457447.
	 */
	const double s[] = { 6, 2, 6, 2, 8, 0 };
	o = aopts(DR_SPC_UP, n);
	judge(s, NULL, LEN(s), &o, &r);
	tap_num(r.p[0].ucl, 1 + 1.5 * (2.6 / 1.128), TOL, "up small: UCL 4.457447");
	tap_num(r.p[0].lcl, 0, 0, "up small: LCL -2.457 clamped to 0");
}

/* ------------------------------------------------------------------ */
/* u chart                                                             */
/* ------------------------------------------------------------------ */

static void test_u(void)
{
	/* [MONT] personal computers: nonconformities in 20 samples of 5 (qcc
	 * data/pcmanufact.txt). */
	const double pc[20] = { 10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5 };
	double n5[20];
	struct dr_spc_options o;
	struct res r;

	/*
	 * u-bar = 193/100 = 1.93; sigma sqrt(1.93/5) = 0.621290; UCL 3.793867,
	 * LCL 0.066133 (Montgomery: 1.93, 3.79, 0.07). Largest u 16/5 = 3.2.
	 */
	fill(n5, 20, 5);
	o = aopts(DR_SPC_U, n5);
	judge(pc, NULL, 20, &o, &r);
	tap_num(r.p[0].cl, 1.93, TOL, "u computers: u-bar 1.93");
	tap_num(r.p[0].ucl, 1.93 + 3 * sqrt(1.93 / 5), TOL, "u computers: UCL 3.793867");
	tap_num(r.p[0].lcl, 1.93 - 3 * sqrt(1.93 / 5), TOL, "u computers: LCL 0.066133");
	tap_num(r.p[0].ucl, 3.79, 5e-3, "u computers: Montgomery UCL 3.79");
	tap_num(r.p[0].lcl, 0.07, 5e-3, "u computers: Montgomery LCL 0.07");
	tap_str(r.sig, "....................", "u computers: in control");
	tap_str(runs_str(&r.p[0].runs), "20:4/7:9/6:-", "u computers: runs");

	/*
	 * Per-point limits, LCL clamped, UCL never: y = 4 2 12 6 of n = 1 1 4
	 * 2: u-bar 24/8 = 3; plots 4 2 3 3.
	 *   n = 1: 3 -+ 3 sqrt(3) = 8.196152 / -2.196 -> 0
	 *   n = 4: 3 -+ 3 sqrt(0.75) = 5.598076 / 0.401924
	 *   n = 2: 3 -+ 3 sqrt(1.5) = 6.674235 / -0.674 -> 0
	 */
	const double y[] = { 4, 2, 12, 6 };
	const double n[] = { 1, 1, 4, 2 };
	o = aopts(DR_SPC_U, n);
	judge(y, NULL, 4, &o, &r);
	tap_num(r.p[0].cl, 3, TOL, "u: pooled u-bar 24/8");
	tap_num(r.p[2].y, 3, 0, "u: plots 12/4");
	tap_num(r.p[0].ucl, 3 + 3 * sqrt(3.0), TOL, "u n = 1: UCL 8.196152, not clamped");
	tap_num(r.p[0].lcl, 0, 0, "u n = 1: LCL clamped to 0");
	tap_num(r.p[2].ucl, 3 + 3 * sqrt(0.75), TOL, "u n = 4: UCL 5.598076");
	tap_num(r.p[2].lcl, 3 - 3 * sqrt(0.75), TOL, "u n = 4: LCL 0.401924");
	tap_num(r.p[3].lcl, 0, 0, "u n = 2: LCL clamped to 0");
	/* 4 (+), 2 (-), 3 and 3 on the centre: 2 useful, n = 2: max 4, min 0. */
	tap_str(runs_str(&r.p[0].runs), "2:1/4:1/0:-", "u: points on u-bar are not useful");

	/* multiply 1000 (per 1000): y, centre and limits scaled; lcl 0 stays 0. */
	o.multiply = 1000;
	judge(y, NULL, 4, &o, &r);
	tap_num(r.p[0].y, 4000, TOL, "u x1000: y 4000");
	tap_num(r.p[0].cl, 3000, TOL, "u x1000: centre 3000");
	tap_num(r.p[0].ucl, 1000 * (3 + 3 * sqrt(3.0)), 1e-6, "u x1000: UCL 8196.152");
	tap_num(r.p[2].lcl, 1000 * (3 - 3 * sqrt(0.75)), 1e-6, "u x1000: LCL 401.924");
	tap_num(r.p[3].lcl, 0, 0, "u x1000: clamped LCL 0");
	tap_str(runs_str(&r.p[0].runs), "2:1/4:1/0:-", "u x1000: runs unchanged");
}

/* ------------------------------------------------------------------ */
/* c chart                                                             */
/* ------------------------------------------------------------------ */

/* [MONT] circuit boards: nonconformities in 26 + 20 samples of 100 boards
 * (qcc data/circuit.txt; samples 27-46 collected after the trial). */
static const double circuit[46] = {
	21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22,
	18, 39, 30, 24, 16, 19, 17, 15,
	16, 18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22, 19, 12, 14, 9, 16, 21,
};

static void test_c(void)
{
	struct dr_spc_options o = aopts(DR_SPC_C, NULL);
	bool ex[46] = { false };
	struct res r;

	/*
	 * [NIST] 6.3.3.1 wafer defects: centre 16, UCL 28, LCL 4. By hand:
	 * sum 400 / 25 = 16, sqrt 4, 16 -+ 12. The 28 (sample 3) is on the
	 * UCL and does not signal (strict >); the 31 (sample 24) does.
	 */
	const double wafer[25] = { 16, 14, 28, 16, 12, 20, 10, 12, 10, 17, 19, 17, 14,
	                           16, 15, 13, 14, 16, 11, 20, 11, 19, 16, 31, 13 };
	judge(wafer, NULL, 25, &o, &r);
	tap_num(r.p[0].cl, 16, 0, "c wafer: centre 16");
	tap_num(r.p[0].ucl, 28, 0, "c wafer: UCL 28");
	tap_num(r.p[0].lcl, 4, 0, "c wafer: LCL 4");
	tap_str(r.sig, ".......................O.", "c wafer: 31 signals, 28 on the UCL does not");
	/* Five samples equal 16: dropped, 20 useful; runs 1 1 1 1 3 3 5 1 1 2 1. */
	tap_str(runs_str(&r.p[0].runs), "20:5/7:10/6:-", "c wafer: points on the centre dropped");

	/*
	 * Circuit boards, trial: c-bar 516/26 = 19.846154, UCL 19.846154 + 3 *
	 * 4.454900 = 33.210861, LCL 6.481447 (qcc 33.21086 / 6.481447;
	 * Montgomery 33.22 / 6.48). Samples 6 (5) and 20 (39) are outside.
	 * Runs: 26 useful, runs 2 4 6 5 1 1 3 4: 7 crossings < 8: signal.
	 */
	judge(circuit, NULL, 26, &o, &r);
	double cb = 516.0 / 26;
	tap_num(r.p[0].cl, cb, TOL, "c circuit trial: c-bar 19.846154");
	tap_num(r.p[0].ucl, cb + 3 * sqrt(cb), TOL, "c circuit trial: UCL");
	tap_num(r.p[0].lcl, cb - 3 * sqrt(cb), TOL, "c circuit trial: LCL");
	tap_num(r.p[0].ucl, 33.21086, 5e-6, "c circuit trial: qcc UCL 33.21086");
	tap_num(r.p[0].lcl, 6.481447, 5e-7, "c circuit trial: qcc LCL 6.481447");
	tap_str(r.sig, ".....O.............O......", "c circuit trial: samples 6 and 20");
	tap_str(r.typ, "cccccLcccccccccccccHccLLLL", "c circuit trial: typed by side, the latest run too (few crossings)");
	tap_str(runs_str(&r.p[0].runs), "26:6/8:7/8:S", "c circuit trial: too few crossings");

	/*
	 * Revised (qicharts2 exclude = c(6, 20)): c-bar (516 - 5 - 39)/24 =
	 * 472/24 = 19.666667, UCL 32.970801, LCL 6.362532 (Montgomery 19.67,
	 * 32.97, 6.36). qicharts2 still flags the excluded 6 and 20; an excluded
	 * (provisional) point is never judged here.
	 */
	ex[5] = ex[19] = true;
	judge(circuit, ex, 26, &o, &r);
	cb = 472.0 / 24;
	tap_num(r.p[0].cl, cb, TOL, "c circuit revised: c-bar 472/24");
	tap_num(r.p[0].ucl, cb + 3 * sqrt(cb), TOL, "c circuit revised: UCL 32.970801");
	tap_num(r.p[0].lcl, cb - 3 * sqrt(cb), TOL, "c circuit revised: LCL 6.362532");
	tap_num(r.p[0].ucl, 32.97, 5e-3, "c circuit revised: Montgomery UCL 32.97");
	tap_num(r.p[0].lcl, 6.36, 5e-3, "c circuit revised: Montgomery LCL 6.36");
	tap_str(r.sig, "..........................", "c circuit revised: excluded points not judged");
	tap_str(runs_str(&r.p[0].runs), "24:6/8:7/8:S", "c circuit revised: runs without 6 and 20");

	/*
	 * Freeze (baseline 26) over all 46: the revised limits extend to the
	 * 20 new samples (range 9 .. 28, all inside 6.36 .. 32.97). The runs
	 * analysis uses all 44 included points against the frozen centre:
	 * runs 2 3 6 5 1 1 2 8 5 2 1 1 1 5 1: longest 8 (n = 44: max 8), 14
	 * crossings < 16: signal.
	 */
	o.baseline = 26;
	judge(circuit, ex, 46, &o, &r);
	tap_num(r.p[45].cl, cb, TOL, "c circuit freeze: frozen centre on sample 46");
	tap_num(r.p[45].ucl, cb + 3 * sqrt(cb), TOL, "c circuit freeze: frozen UCL");
	tap_str(r.sig + 26, "....................", "c circuit freeze: new samples in control");
	tap_str(runs_str(&r.p[45].runs), "44:8/8:14/16:S", "c circuit freeze: runs over all points");
	tap_str(phases(&r, 46), "1111111111111111111111111111111111111111111111",
	        "c circuit freeze: one phase");

	/* LCL clamp: 1 2 3 2: c-bar 2, 2 + 3 sqrt(2) = 6.242641, 2 - 4.24 -> 0. */
	const double small[] = { 1, 2, 3, 2 };
	o = aopts(DR_SPC_C, NULL);
	judge(small, NULL, 4, &o, &r);
	tap_num(r.p[0].ucl, 2 + 3 * sqrt(2.0), TOL, "c: UCL 6.242641");
	tap_num(r.p[0].lcl, 0, 0, "c: LCL -2.24 clamped to 0");
	/* A c chart plots counts: denominators change nothing. */
	const double n10[] = { 10, 10, 10, 10 };
	o = aopts(DR_SPC_C, n10);
	judge(small, NULL, 4, &o, &r);
	tap_num(r.p[2].y, 3, 0, "c with n: still plots the count");
	tap_num(r.p[0].cl, 2, TOL, "c with n: c-bar of the counts");
}

/* ------------------------------------------------------------------ */
/* Baselines, masks and phases                                         */
/* ------------------------------------------------------------------ */

/*
 * y = 1 3 1 3 50 | 5 7 5 7 90 (a rebase at index 5 where asked).
 *   First 4: mean 2, MRs 2 2 2 -> 2; anhoej 2 -+ 6/1.128 = 2 -+ 5.319149;
 *   mdc 2 -+ 5.32.
 *   Phase 1 whole: mean 58/5 = 11.6, MRs 2 2 2 47 = 53/4 = 13.25, 47 >=
 *   43.29 dropped -> 2: 11.6 -+ 5.319149.
 *   Phase 2 whole: mean 114/5 = 22.8, MRs 2 2 2 83 -> 83 >= 72.69 dropped
 *   -> 2: anhoej 22.8 -+ 5.319149, mdc 22.8 -+ 5.32.
 *   Phase 2 first 4: mean 6, mR-bar 2: mdc 6 -+ 5.32.
 */
static const double fz[10] = { 1, 3, 1, 3, 50, 5, 7, 5, 7, 90 };
#define W (6 / 1.128)

static void test_baseline(void)
{
	const size_t at5[] = { 5 };
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	/*
	 * anhoej, no rebase: freeze = 4 is series-wide; the runs analysis uses
	 * every point against the frozen 2: sides - + - + + + + + + +, runs 1
	 * 1 1 7, n = 10: longest 7 > 6: signal; 3 crossings >= 2.
	 */
	o.baseline = 4;
	judge(fz, NULL, 10, &o, &r);
	tap_num(r.p[9].cl, 2, TOL, "freeze anhoej: centre of the first 4 on the last point");
	tap_num(r.p[9].ucl, 2 + W, TOL, "freeze anhoej: UCL 7.319149 across the series");
	tap_str(r.sig, "....O....O", "freeze anhoej: 50 and 90 outside");
	tap_str(runs_str(&r.p[0].runs), "10:7/6:3/2:S", "freeze anhoej: runs over all points");
	/* 7 < 7.319: inside, but in the run of 7: typed by its side. */
	tap_str(r.typ, "cccHHHHHHH", "freeze anhoej: the long run typed high");
	tap_int(r.s.trial_limits, 1, "freeze anhoej: 10 values, trial limits");

	/* anhoej with a rebase: freeze is ignored (qicharts2 ignores freeze with part). */
	o.rebase = at5;
	o.nrebase = 1;
	judge(fz, NULL, 10, &o, &r);
	tap_str(phases(&r, 10), "1111122222", "rebase anhoej: phases");
	tap_num(r.p[0].cl, 11.6, TOL, "rebase anhoej: baseline ignored, phase 1 mean 11.6");
	tap_num(r.p[0].ucl, 11.6 + W, TOL, "rebase anhoej: phase 1 UCL 16.919149");
	tap_num(r.p[5].cl, 22.8, TOL, "rebase anhoej: phase 2 mean 22.8");
	tap_num(r.p[9].lcl, 22.8 - W, TOL, "rebase anhoej: phase 2 LCL 17.480851");
	/* Phase 1 vs 11.6: - - - - +, phase 2 vs 22.8: - - - - +: 5:4/5:1/0 each. */
	tap_str(runs_str(&r.p[0].runs), "5:4/5:1/0:-", "rebase anhoej: phase 1 runs");
	tap_str(runs_str(&r.p[9].runs), "5:4/5:1/0:-", "rebase anhoej: phase 2 runs");
	/* 1 3 1 3 are all outside 6.280851 .. 16.919149, 5 7 5 7 outside
	 * 17.480851 .. 28.119149: every point signals. */
	tap_str(r.sig, "OOOOOOOOOO", "rebase anhoej: signals against each phase");

	/* mdc: the baseline is the first 4 of each phase (fix_after_n_points). */
	o.rules = DR_SPC_MDC7;
	judge(fz, NULL, 10, &o, &r);
	tap_num(r.p[0].ucl, 2 + 5.32, TOL, "freeze mdc: phase 1 UCL 7.32");
	tap_num(r.p[5].cl, 6, TOL, "freeze mdc: phase 2 mean of its first 4");
	tap_num(r.p[9].ucl, 6 + 5.32, TOL, "freeze mdc: phase 2 UCL 11.32");
	tap_str(r.sig, "....O....O", "freeze mdc: 50 and 90 outside their phases");
	/* ... and with no rebase, the first 4 of the series. */
	o.rebase = NULL;
	o.nrebase = 0;
	judge(fz, NULL, 10, &o, &r);
	tap_num(r.p[9].ucl, 2 + 5.32, TOL, "freeze mdc: no rebase, first 4 of the series");
}

static void test_base_mask(void)
{
	const size_t at5[] = { 5 };
	const bool first4[10] = { true, true, true, true };
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	/* A mask overrides baseline: baseline 2 would leave one MR of 2 too. */
	o.base = first4;
	o.baseline = 2;
	judge(fz, NULL, 10, &o, &r);
	tap_num(r.p[0].cl, 2, TOL, "mask: first 4 flagged, mean 2");
	tap_num(r.p[9].ucl, 2 + W, TOL, "mask: limits extend over the series");
	/*
	 * With a rebase the mask still counts (unlike freeze); phase 2 has no
	 * flagged point, so its baseline is all its points: 22.8 -+ 5.319149.
	 */
	o.baseline = 0;
	o.rebase = at5;
	o.nrebase = 1;
	judge(fz, NULL, 10, &o, &r);
	tap_num(r.p[4].ucl, 2 + W, TOL, "mask rebase anhoej: phase 1 from its flags");
	tap_num(r.p[5].cl, 22.8, TOL, "mask rebase anhoej: unflagged phase 2 uses all points");
	o.rules = DR_SPC_MDC7;
	judge(fz, NULL, 10, &o, &r);
	tap_num(r.p[4].ucl, 2 + 5.32, TOL, "mask rebase mdc: phase 1 from its flags");
	tap_num(r.p[9].ucl, 22.8 + 5.32, TOL, "mask rebase mdc: phase 2 all points");
}

/* Phases under anhoej: rebase indexes, each part on its own; last phase summary. */
static void test_phases(void)
{
	/* Phase 1: 24 points of +-1/-2 with a run of 9 (signal); phase 2: 1 2 1 2. */
	double y[MAXN];
	size_t k = 0;
	seg(y, &k, 9, 1); seg(y, &k, 2, -2); seg(y, &k, 4, 1); seg(y, &k, 2, -2);
	seg(y, &k, 1, 1); seg(y, &k, 2, -2); seg(y, &k, 1, 1); seg(y, &k, 2, -2);
	seg(y, &k, 1, 1);
	const double tail[] = { 1, 2, 1, 2 };
	memcpy(y + k, tail, sizeof tail);
	const size_t rb[] = { 24 };
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	o.rebase = rb;
	o.nrebase = 1;
	judge(y, NULL, 28, &o, &r);
	tap_str(runs_str(&r.p[0].runs), "24:9/8:8/8:S", "phases: phase 1 runs signal");
	/* Phase 2: mean 1.5, sides - + - +: 4 useful, longest 1, 3 crossings. */
	tap_str(runs_str(&r.p[24].runs), "4:1/5:3/0:-", "phases: phase 2 its own runs");
	tap_str(runs_str(&r.s.runs), "4:1/5:3/0:-", "phases: summary runs of the last phase");
	tap_ok(same_runs(&r, 0, 24) && same_runs(&r, 24, 28), "phases: one analysis per phase");
	tap_num(r.p[24].cl, 1.5, TOL, "phases: phase 2 mean 1.5");
	/* Phase 2 MRs 1 1 1: 1.5 -+ 3/1.128 = 1.5 -+ 2.659574. */
	tap_num(r.p[27].ucl, 1.5 + 3 / 1.128, TOL, "phases: phase 2 UCL 4.159574");
	tap_int(r.s.trial_limits, 1, "phases: last phase of 4 values, trial limits");
	tap_int(r.s.variation, DR_POINT_COMMON, "phases: variation from the last phase");
}

/* ------------------------------------------------------------------ */
/* multiply                                                            */
/* ------------------------------------------------------------------ */

static void test_multiply(void)
{
	/* p chart of the orange-juice trial x 100 (percent). */
	double n50[30];
	struct dr_spc_options o;
	struct res r;
	double pb = 347.0 / 1500, sd = sqrt(pb * (1 - pb) / 50);

	fill(n50, 30, 50);
	o = aopts(DR_SPC_P, n50);
	o.multiply = 100;
	judge(oj, NULL, 30, &o, &r);
	tap_num(r.p[14].y, 44, TOL, "multiply 100: 22/50 plots 44");
	tap_num(r.p[0].cl, 100 * pb, TOL, "multiply 100: centre 23.1333");
	tap_num(r.p[0].ucl, 100 * (pb + 3 * sd), TOL, "multiply 100: UCL 41.0239");
	tap_str(r.sig, "..............O.......O.......", "multiply 100: same signals");
	tap_str(runs_str(&r.p[0].runs), "30:4/8:15/10:-", "multiply 100: runs from before");

	/*
	 * The 3-sigma test runs after multiply (qicharts2 qic.agg: y, cl and
	 * limits are multiplied, then sigma.signal = y > ucl). Base 14,10,...
	 * frozen at 12 points (UCL u = 12 + 12/1.128); a 13th point one ulp
	 * above u is outside unmultiplied. For a factor k where rounding makes
	 * y*k == u*k, qicharts2 sees no signal.
	 */
	double y[13] = { 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 12 };
	o = aopts(DR_SPC_I, NULL);
	o.baseline = 12;
	judge(y, NULL, 13, &o, &r);
	volatile double u = r.p[12].ucl;
	y[12] = nextafter(u, INFINITY);
	judge(y, NULL, 13, &o, &r);
	tap_str(r.sig, "............O", "multiply: one ulp above the UCL signals");
	static const double ks[] = { 3, 5, 6, 7, 9, 10, 11, 13, 100, 1000, 0.1, 0.3, 0.7, 1.1 };
	double k = 0;
	for (size_t i = 0; i < LEN(ks) && k == 0; i++) {
		volatile double a = y[12] * ks[i], b = u * ks[i];
		if (!(a > b))
			k = ks[i];
	}
	tap_ok(k != 0, "multiply: a factor that rounds the ulp away exists");
	o.multiply = k;
	judge(y, NULL, 13, &o, &r);
	tap_str(r.sig, ".............", "multiply: tested after multiply, no signal");
}

/* ------------------------------------------------------------------ */
/* Excluded (provisional) points                                       */
/* ------------------------------------------------------------------ */

/*
 * I chart, 17 points, index 8 excluded (-20):
 *   B = -1 -2 -1 -2 | 1 2 1 2 | 1 2 1 2 | -1 -2 -1 -2, sum 0: mean 0.
 *   MRs over B, bridging the excluded month (2 -> 1 gives 1): 1 1 1 3 1 1
 *   1 1 1 1 1 3 1 1 1 = 19 / 15 = 1.266667 (3 < 4.1382 kept); 3 sigma =
 *   3 * 1.266667 / 1.128 = 3.368794. Not bridged: 18/14 = 1.285714.
 *   Runs without the excluded point: - 4, + 8, - 4: n = 16, longest 8 >
 *   7, crossings 2 < 4: signal. The -20 is below -3.37 but not judged:
 *   no signal, no type (dyadreport's rule; qicharts2 has no exclude).
 */
static void test_excluded(void)
{
	const double y[17] = { -1, -2, -1, -2, 1, 2, 1, 2, -20, 1, 2, 1, 2, -1, -2, -1, -2 };
	bool ex[17] = { false };
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	ex[8] = true;
	judge(y, ex, 17, &o, &r);
	tap_num(r.p[0].cl, 0, TOL, "excluded: not in the mean");
	tap_num(r.p[0].ucl, 3 * (19.0 / 15) / 1.128, TOL, "excluded: bridged MR, UCL 3.368794");
	tap_num(r.p[8].cl, 0, TOL, "excluded: centre shown on it");
	tap_str(r.sig, ".................", "excluded: not tested against the limits");
	tap_str(runs_str(&r.p[0].runs), "16:8/7:2/4:S", "excluded: left out of the runs");
	tap_str(r.typ, "ccccHHHH-HHHHcccc", "excluded: untyped; the run around it high");
	tap_int(r.s.trial_limits, 0, "excluded: 16 usable values, no trial limits");
}

/* ------------------------------------------------------------------ */
/* Constant and short series                                           */
/* ------------------------------------------------------------------ */

static void test_constant(void)
{
	const double y[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	/* Screening drops every MR of 0 (MR < 0 never): no limits, no signal. */
	o.has_target = true;
	o.target = 4;
	o.better = 1;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].cl, 5, 0, "constant screened: centre 5");
	tap_num(r.p[0].ucl, NAN, 0, "constant screened: no UCL");
	tap_num(r.p[9].lcl, NAN, 0, "constant screened: no LCL");
	tap_str(r.sig, "..........", "constant screened: no signal");
	tap_str(runs_str(&r.p[0].runs), "0:-1/-1:-1/-1:-", "constant: every point on the centre");
	tap_int(r.s.assurance, DR_ASSURE_NONE, "constant screened: no limits, no assurance");
	/* Points are typed by the runs analysis against the centre: common. */
	tap_str(r.typ, "cccccccccc", "constant screened: common cause");

	o.screen = false;
	judge(y, NULL, LEN(y), &o, &r);
	tap_num(r.p[0].ucl, 5, 0, "constant unscreened: UCL = centre");
	tap_num(r.p[0].lcl, 5, 0, "constant unscreened: LCL = centre");
	tap_str(r.sig, "..........", "constant unscreened: no signal (strict)");
	tap_int(r.s.assurance, DR_ASSURE_PASS, "constant unscreened: target 4 below LCL 5, pass");

	/*
	 * Laney p' of a constant proportion: 10/100, 20/200, 30/300 are the
	 * same double 0.1, p-bar 60/600 = 0.1: every z is 0, every MR 0.
	 * Screened: none kept, no sigma_z, no limits. Unscreened: sigma_z 0,
	 * limits on the centre.
	 */
	const double py[] = { 10, 20, 30 };
	const double pn[] = { 100, 200, 300 };
	o = aopts(DR_SPC_PP, pn);
	judge(py, NULL, 3, &o, &r);
	tap_num(r.p[0].cl, 0.1, 0, "pp constant: centre 0.1");
	tap_num(r.p[0].ucl, NAN, 0, "pp constant screened: no UCL");
	tap_str(r.sig, "...", "pp constant screened: no signal");
	o.screen = false;
	judge(py, NULL, 3, &o, &r);
	tap_num(r.p[2].ucl, 0.1, 0, "pp constant unscreened: UCL = centre");
	tap_num(r.p[2].lcl, 0.1, 0, "pp constant unscreened: LCL = centre");
	tap_str(r.sig, "...", "pp constant unscreened: no signal");
}

/* ------------------------------------------------------------------ */
/* Points without a value keep their phase's centre (and flat limits)  */
/* ------------------------------------------------------------------ */

/*
 * qicharts2 qic.agg computes cl, lcl and ucl for every row of a part, then
 * blanks only the non-finite limits: a missing month keeps the centre and
 * the limits that do not depend on n (i, mr, c), and loses the ones that
 * do (p, pp, u, up: n is 0 there, the limits infinite).
 */
static void test_no_value(void)
{
	struct dr_spc_options o;
	struct res r;

	/*
	 * I: 10 12 - 11 13 9: mean 55/5 = 11; MRs of y - cl over the
	 * subsequence, NA next to the gap dropped: 2, 2, 4, mean 8/3 (none
	 * >= 8.712); limits 11 -+ 3 (8/3)/1.128 = 11 -+ 8/1.128.
	 */
	const double iy[] = { 10, 12, NAN, 11, 13, 9 };
	o = aopts(DR_SPC_I, NULL);
	judge(iy, NULL, LEN(iy), &o, &r);
	tap_num(r.p[2].y, NAN, 0, "no value i: the gap plots nothing");
	tap_num(r.p[2].cl, 11, TOL, "no value i: centre 11 on the gap");
	tap_num(r.p[2].lcl, 11 - 8 / 1.128, TOL, "no value i: LCL 3.907801 on the gap");
	tap_num(r.p[2].ucl, 11 + 8 / 1.128, TOL, "no value i: UCL 18.092199 on the gap");
	tap_str(r.sig, "......", "no value i: no signal");
	tap_str(r.typ, "cc-ccc", "no value i: the gap has no type");
	/* Useful 4 (the 11 is on the centre): - + + -, 2 crossings. */
	tap_str(runs_str(&r.p[2].runs), "4:2/5:2/0:-", "no value i: the gap is in no run");

	/* C: 4 6 - 5 5: mean 5, 5 -+ 3 sqrt 5: LCL -1.708 -> 0, UCL 11.708204. */
	const double cy[] = { 4, 6, NAN, 5, 5 };
	o = aopts(DR_SPC_C, NULL);
	judge(cy, NULL, LEN(cy), &o, &r);
	tap_num(r.p[2].cl, 5, TOL, "no value c: centre 5 on the gap");
	tap_num(r.p[2].lcl, 0, 0, "no value c: LCL clamped to 0 on the gap");
	tap_num(r.p[2].ucl, 5 + 3 * sqrt(5), TOL, "no value c: UCL 11.708204 on the gap");

	/* U: 2/10 3/10 -/- 5/20: u-bar 10/40 = 0.25; the gap's n is missing. */
	const double uy[] = { 2, 3, NAN, 5 };
	const double un[] = { 10, 10, NAN, 20 };
	o = aopts(DR_SPC_U, un);
	judge(uy, NULL, LEN(uy), &o, &r);
	tap_num(r.p[2].cl, 0.25, TOL, "no value u: centre 0.25 on the gap");
	tap_num(r.p[2].lcl, NAN, 0, "no value u: no LCL without n");
	tap_num(r.p[2].ucl, NAN, 0, "no value u: no UCL without n");
	tap_num(r.p[3].ucl, 0.25 + 3 * sqrt(0.25 / 20), TOL, "no value u: n = 20 UCL 0.585410");

	/* With multiply the gap's centre and limits are multiplied too. */
	o = aopts(DR_SPC_I, NULL);
	o.multiply = 100;
	judge(iy, NULL, LEN(iy), &o, &r);
	tap_num(r.p[2].cl, 1100, 1e-9 * 1100, "no value x100: centre 1100 on the gap");
	tap_num(r.p[2].ucl, 100 * (11 + 8 / 1.128), 1e-9 * 2000, "no value x100: UCL on the gap");

	/*
	 * A phase with one value has no centre, so its gap has none either:
	 * rebase at 4 of 10 12 11 13 | 7 -.
	 */
	const double py[] = { 10, 12, 11, 13, 7, NAN };
	const size_t at4[] = { 4 };
	o = aopts(DR_SPC_I, NULL);
	o.rebase = at4;
	o.nrebase = 1;
	judge(py, NULL, LEN(py), &o, &r);
	tap_num(r.p[3].cl, 11.5, TOL, "no value phase: phase 1 centre 11.5");
	tap_num(r.p[5].cl, NAN, 0, "no value phase: a one-value phase gives its gap no centre");
	tap_num(r.p[5].ucl, NAN, 0, "no value phase: nor limits");

	/* mdc (test-spc.c has the gap inside a series): a trailing gap too. */
	const double my[] = { 10, 12, 11, 13, 9, NAN };
	o = aopts(DR_SPC_I, NULL);
	o.rules = DR_SPC_MDC7;
	judge(my, NULL, LEN(my), &o, &r);
	tap_num(r.p[5].cl, 11, TOL, "no value mdc: mean 11 on a trailing gap");
	tap_num(r.p[5].ucl, r.p[0].ucl, 0, "no value mdc: the same UPL on a trailing gap");
	tap_int(r.s.last, 4, "no value mdc: the last point with a value is still the 9");
	tap_int(r.s.variation, DR_POINT_COMMON, "no value mdc: variation from the 9");
}

static void test_short(void)
{
	static const enum dr_spc_chart charts[] = {
		DR_SPC_I, DR_SPC_MR, DR_SPC_RUN, DR_SPC_P, DR_SPC_PP, DR_SPC_U, DR_SPC_UP, DR_SPC_C,
	};
	const double dummy[1] = { 1 };
	struct dr_spc_options o;
	struct dr_spc_summary s;
	struct res r;
	bool ok = true;

	/* The empty series, every chart: nothing to judge, no trial limits. */
	for (size_t i = 0; i < LEN(charts); i++) {
		o = aopts(charts[i], dummy);
		o.has_target = true;
		o.target = 1;
		o.better = 1;
		memset(&s, 0xff, sizeof s);
		dr_spc_judge(NULL, NULL, 0, &o, NULL, &s);
		ok &= s.variation == DR_POINT_NONE && s.assurance == DR_ASSURE_NONE &&
		      !s.trial_limits && s.last == 0;
	}
	tap_ok(ok, "0 points: every chart, empty summary");

	/* One value: no centre, no limits, no runs. */
	const double one[] = { 7 };
	o = aopts(DR_SPC_I, NULL);
	judge(one, NULL, 1, &o, &r);
	tap_num(r.p[0].cl, NAN, 0, "1 point: no centre");
	tap_num(r.p[0].ucl, NAN, 0, "1 point: no limit");
	tap_str(r.sig, ".", "1 point: no signal");
	tap_str(runs_str(&r.p[0].runs), "0:-1/-1:-1/-1:-", "1 point: no runs analysis");
	tap_int(r.s.trial_limits, 1, "1 point: trial limits");

	/* Two values, I: mean 6, MR 2 (< 6.534), 6 -+ 6/1.128. */
	const double two[] = { 5, 7 };
	judge(two, NULL, 2, &o, &r);
	tap_num(r.p[0].ucl, 6 + 6 / 1.128, TOL, "2 points I: UCL 11.319149");
	tap_num(r.p[1].lcl, 6 - 6 / 1.128, TOL, "2 points I: LCL 0.680851");
	/* n = 2: round(log2 2) + 3 = 4, qbinom(0.05, 1, 0.5) = 0. */
	tap_str(runs_str(&r.p[0].runs), "2:1/4:1/0:-", "2 points I: runs");
	tap_str(r.typ, "cc", "2 points I: common cause");

	/* Two values, p: 1/4, 3/4, p-bar 0.5, 0.5 -+ 3 * 0.25: 1.25 -> 1, -> 0. */
	const double pn[] = { 4, 4 };
	const double py[] = { 1, 3 };
	o = aopts(DR_SPC_P, pn);
	judge(py, NULL, 2, &o, &r);
	tap_num(r.p[0].cl, 0.5, TOL, "2 points p: p-bar 0.5");
	tap_num(r.p[0].ucl, 1, 0, "2 points p: UCL clamped to 1");
	tap_num(r.p[1].lcl, 0, 0, "2 points p: LCL clamped to 0");

	/* Two values, run: median (5 + 7)/2 = 6. */
	o = aopts(DR_SPC_RUN, NULL);
	judge(two, NULL, 2, &o, &r);
	tap_num(r.p[0].cl, 6, 0, "2 points run: median 6");

	/* Three values, mr: MRs -, 2, 3: centre 2.5, UCL 8.1675. */
	const double three[] = { 5, 7, 4 };
	o = aopts(DR_SPC_MR, NULL);
	judge(three, NULL, 3, &o, &r);
	tap_num(r.p[1].cl, 2.5, TOL, "3 points mr: centre 2.5");
	tap_num(r.p[2].ucl, 3.267 * 2.5, TOL, "3 points mr: UCL 8.1675");
}

/* ------------------------------------------------------------------ */
/* Summary: assurance, trial limits, variation                         */
/* ------------------------------------------------------------------ */

static void test_assurance(void)
{
	/*
	 * p chart, y = 5 50 0 of n = 10 100 0: p-bar 55/110 = 0.5. n = 10:
	 * 0.5 -+ 0.474342 (0.025658 .. 0.974342); n = 100: 0.5 -+ 0.15 (0.35
	 * .. 0.65); n = 0: no limits. The last point with limits is the second:
	 * target 0.7 > 0.65, higher better: fail (against the first point's
	 * limits it would be hit and miss).
	 */
	const double y[] = { 5, 50, 0 };
	const double n[] = { 10, 100, 0 };
	struct dr_spc_options o = aopts(DR_SPC_P, n);
	struct res r;

	o.better = 1;
	o.has_target = true;
	o.target = 0.7;
	judge(y, NULL, 3, &o, &r);
	tap_num(r.p[1].ucl, 0.65, TOL, "assurance p: last limits 0.35 .. 0.65");
	tap_int(r.s.assurance, DR_ASSURE_FAIL, "assurance p: last point with limits, fail");
	tap_int((long)r.s.last, 1, "assurance p: last point with a value is 2nd");
	o.better = -1;
	judge(y, NULL, 3, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_PASS, "assurance p: lower better, pass");
	o.target = 0.3;
	judge(y, NULL, 3, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_FAIL, "assurance p: 0.3 < 0.35, lower better, fail");
	o.target = r.p[1].ucl;
	judge(y, NULL, 3, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_HIT_AND_MISS, "assurance p: target on the UCL");

	/* Reversed order: the last limits are the wide ones, 0.7 inside. */
	const double y2[] = { 50, 5 };
	const double n2[] = { 100, 10 };
	o = aopts(DR_SPC_P, n2);
	o.better = 1;
	o.has_target = true;
	o.target = 0.7;
	judge(y2, NULL, 2, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_HIT_AND_MISS, "assurance p: wide last limits, hit and miss");

	/* The last phase has no limits (one point): none, whatever phase 1 has. */
	const size_t at2[] = { 2 };
	const double y3[] = { 5, 50, 40 };
	const double n3[] = { 10, 100, 100 };
	o = aopts(DR_SPC_P, n3);
	o.better = 1;
	o.has_target = true;
	o.target = 0.7;
	o.rebase = at2;
	o.nrebase = 1;
	judge(y3, NULL, 3, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_NONE, "assurance p: one-point last phase, none");
	tap_str(phases(&r, 3), "112", "assurance p: phases");

	/* Neutral direction: none. */
	o = aopts(DR_SPC_P, n);
	o.has_target = true;
	o.target = 0.7;
	judge(y, NULL, 3, &o, &r);
	tap_int(r.s.assurance, DR_ASSURE_NONE, "assurance p: neutral, none");
}

static void test_trial(void)
{
	double y[16], n[16];
	bool ex[16] = { false };
	struct dr_spc_options o;
	struct res r;

	for (int i = 0; i < 16; i++)
		y[i] = i % 2 ? 3 : 5;
	o = aopts(DR_SPC_I, NULL);
	judge(y, NULL, 12, &o, &r);
	tap_int(r.s.trial_limits, 1, "trial: 12 values");
	judge(y, NULL, 13, &o, &r);
	tap_int(r.s.trial_limits, 0, "trial: 13 values");
	ex[4] = true;
	judge(y, ex, 13, &o, &r);
	/* NHSRplotthedots counts the group's rows: an excluded (provisional)
	 * point still counts, so 13 points are not trial limits. */
	tap_int(r.s.trial_limits, 0, "trial: 13 points, one excluded, still 13 points");
	/* p chart: an n = 0 month (0 of 0) is no value. */
	fill(n, 16, 10);
	n[6] = 0;
	y[6] = 0;
	o = aopts(DR_SPC_P, n);
	judge(y, NULL, 13, &o, &r);
	tap_int(r.s.trial_limits, 1, "trial: 13 months, one with n = 0");
	judge(y, NULL, 14, &o, &r);
	tap_int(r.s.trial_limits, 0, "trial: 14 months, one with n = 0");
}

/* Variation icon under anhoej: the last point with a value. */
static void test_variation(void)
{
	struct dr_spc_options o = aopts(DR_SPC_I, NULL);
	struct res r;

	/* Outside, last: the deviations series ending in its 10 (mean 35/18 ..). */
	const double out[] = { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 10 };
	o.better = 1;
	judge(out, NULL, LEN(out), &o, &r);
	tap_int(r.p[17].signal, DR_SIGNAL_OUTSIDE, "variation: last point outside");
	tap_int(r.s.variation, DR_POINT_IMPROVEMENT, "variation: outside high, higher better");
	o.better = 0;
	judge(out, NULL, LEN(out), &o, &r);
	tap_int(r.s.variation, DR_POINT_NEUTRAL_HIGH, "variation: outside high, neutral");

	/*
	 * In a long run, last, then a missing month: -2 x2, +1, -2 x2, +1 x2,
	 * -2 x2, +1 x4, -2 x2, +1 x9 (sixteen 1s, eight -2s: mean 0), NAN.
	 * 24 useful, 8 runs: longest 9 > 8 and 7 crossings < 8.
	 */
	double y[MAXN];
	size_t k = 0;
	seg(y, &k, 2, -2); seg(y, &k, 1, 1); seg(y, &k, 2, -2); seg(y, &k, 2, 1);
	seg(y, &k, 2, -2); seg(y, &k, 4, 1); seg(y, &k, 2, -2); seg(y, &k, 9, 1);
	y[k++] = NAN;
	o.better = -1;
	judge(y, NULL, k, &o, &r);
	tap_str(runs_str(&r.p[0].runs), "24:9/8:7/8:S", "variation: 24 useful, run of 9");
	tap_int(r.p[24].type, DR_POINT_NONE, "variation: trailing month untyped");
	tap_int(r.s.variation, DR_POINT_CONCERN, "variation: last value in a high run, lower better");
	tap_int((long)r.s.last, 23, "variation: last point with a value");

	/* Else common. */
	o = aopts(DR_SPC_I, NULL);
	judge(flow, NULL, 10, &o, &r);
	tap_int(r.s.variation, DR_POINT_COMMON, "variation: common cause");
}

/* Chart names, parsing and descriptions. */
static void test_names(void)
{
	static const char *const names[] = { "i", "mr", "run", "p", "pp", "u", "up", "c" };
	enum dr_spc_chart c = DR_SPC_I;
	bool ok = true;

	for (int i = 0; i < DR_SPC_NCHARTS; i++) {
		enum dr_spc_chart got = DR_SPC_NCHARTS;
		ok &= strcmp(dr_spc_chart_name((enum dr_spc_chart)i), names[i]) == 0 &&
		      dr_spc_chart_parse(names[i], &got) && got == (enum dr_spc_chart)i;
	}
	tap_ok(ok, "chart names round-trip");
	tap_ok(!dr_spc_chart_parse("P", &c) && c == DR_SPC_I, "chart parse: unknown rejected, value kept");
	tap_ok(dr_spc_chart_needs_den(DR_SPC_P) && dr_spc_chart_needs_den(DR_SPC_PP) &&
	       dr_spc_chart_needs_den(DR_SPC_U) && dr_spc_chart_needs_den(DR_SPC_UP) &&
	       !dr_spc_chart_needs_den(DR_SPC_I) && !dr_spc_chart_needs_den(DR_SPC_MR) &&
	       !dr_spc_chart_needs_den(DR_SPC_RUN) && !dr_spc_chart_needs_den(DR_SPC_C),
	       "charts needing n: p, pp, u, up");
	tap_ok(strstr(dr_spc_describe(DR_SPC_ANHOEJ, DR_SPC_P), "P chart") != NULL,
	       "describe: anhoej p names the P chart");
	tap_ok(strstr(dr_spc_describe(DR_SPC_MDC7, DR_SPC_P), "XmR") != NULL,
	       "describe: mdc is always XmR");
	tap_ok(strstr(dr_spc_describe(DR_SPC_MDC6, DR_SPC_I), "mdc6") != NULL,
	       "describe: names the mdc rule set");
}

int main(void)
{
	test_thresholds();
	test_runs_24();
	test_runs_centre();
	test_runs_none();
	test_i_chart();
	test_mr_chart();
	test_run_chart();
	test_p_montgomery();
	test_p_clamp();
	test_pp();
	test_up();
	test_u();
	test_c();
	test_baseline();
	test_base_mask();
	test_phases();
	test_multiply();
	test_excluded();
	test_constant();
	test_short();
	test_no_value();
	test_assurance();
	test_trial();
	test_variation();
	test_names();
	return tap_done();
}
