/*
 * test-headline.c -- the plain-language sentence under each chart
 * (chart-headline.c): it follows the printed numbers, judges the latest
 * complete period, claims a change only when a rule fired, and states the
 * target.
 */
#include <math.h>

#include "dyadreport/metric.h"
#include "tap.h"

#define N 4

static dr_month period[N];
static double value[N], num[N], den[N];
static bool provisional[N];
static struct dr_spc_point spc[N];

/* A 4-month series ending October 2026 of metric id. */
static struct dr_series series(enum dr_metric_id id, double a, double b, double c, double d)
{
	double v[N] = { a, b, c, d };
	for (int i = 0; i < N; i++) {
		period[i] = dr_month_make(2026, 7 + i);
		value[i] = v[i];
		num[i] = den[i] = NAN;
		provisional[i] = false;
		spc[i] = (struct dr_spc_point){ .cl = 0.5, .lcl = 0.1, .ucl = 0.9, .phase = 1,
		                                .signal = DR_SIGNAL_NONE, .type = DR_POINT_COMMON };
	}
	return (struct dr_series){ .def = dr_metric_def(id), .n = N, .period = period, .value = value,
	                           .num = num, .den = den, .provisional = provisional, .spc = spc,
	                           .better = dr_metric_def(id)->better, .rules = DR_SPC_MDC7,
	                           .chart = DR_SPC_I };
}

int main(void)
{
	char out[512];
	struct dr_series s = series(DR_M_WRVU_PER_VISIT, 1.8, 1.9, 1.8214, 1.8194);
	dr_headline(&s, out, sizeof out);
	tap_str(out, "wRVU per visit was 1.82 in October 2026, unchanged from 1.82. "
	             "Within the process limits: normal variation, not a real change.",
	        "equal printed values read as unchanged");

	s = series(DR_M_NO_SHOW_RATE, 0.05, 0.06, 0.07, 0.12);
	for (int i = 0; i < N; i++)
		s.spc[i].cl = 0.06, s.spc[i].lcl = 0.02, s.spc[i].ucl = 0.10;
	s.spc[3].signal = DR_SIGNAL_OUTSIDE;
	s.spc[3].type = DR_POINT_CONCERN;
	s.has_target = true;
	s.target = 0.08;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No-show rate was 12.0% in October 2026, up from 7.0%. Special cause, a concern: "
	             "above the upper process limit. Target 8.0%: not met.",
	        "a signal is named, with the target");

	s = series(DR_M_INITIAL_DENIAL_RATE, 0.14, 0.14, 0.15, 0.13);
	for (int i = 0; i < N; i++)
		s.spc[i].cl = 0.12;
	s.provisional[3] = true;
	s.spc[2].signal = DR_SIGNAL_RUN;
	s.spc[2].type = DR_POINT_CONCERN;
	s.spc[3].signal = DR_SIGNAL_NONE;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Initial denial rate was 13.0% in October 2026 (provisional), down from 15.0%. "
	             "September 2026, the latest complete month: special cause, a concern: 3 months "
	             "in a row above the average since July 2026.",
	        "a provisional month is reported, the latest complete one judged");

	s = series(DR_M_BURNOUT_SHARE, 0.4, NAN, NAN, NAN);
	s.spc[0].lcl = s.spc[0].ucl = NAN;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Too few points to judge variation.") != NULL, "no limits: no verdict");
	tap_ok(strstr(out, "up from") == NULL && strstr(out, "down from") == NULL, "no previous value, no change");

	/* A trend names the month it began; the assurance reads in words. */
	s = series(DR_M_HANDOFF_COMPLETION_RATE, 0.90, 0.91, 0.93, 0.95);
	for (int i = 0; i < N; i++) {
		s.spc[i].cl = 0.92;
		s.spc[i].lcl = 0.85;
		s.spc[i].ucl = 0.99;
		s.spc[i].signal = DR_SIGNAL_TREND;
		s.spc[i].type = DR_POINT_IMPROVEMENT;
	}
	s.has_target = true;
	s.target = 0.95;
	s.summary.assurance = DR_ASSURE_HIT_AND_MISS;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Handoff completion rate was 95.0% in October 2026, up from 93.0%. Special cause, "
	             "an improvement: rising for 4 months in a row since July 2026. Target 95.0%: met "
	             "this month; the process will hit and miss it.",
	        "trend since its first month, hit-and-miss target");
	s.summary.assurance = DR_ASSURE_FAIL;
	s.target = 0.995;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Target 99.5%: not met, and the process will not meet it without a change.") != NULL,
	       "failing assurance");
	s.summary.assurance = DR_ASSURE_PASS;
	s.target = 0.80;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Target 80.0%: met, and the process consistently meets it.") != NULL,
	       "passing assurance");

	/* A rebase names the annotation the limits start from. */
	struct dr_chart_annotation ann = { dr_month_make(2026, 9), "Text reminders start", true };
	s = series(DR_M_NO_SHOW_RATE, 0.10, 0.11, 0.06, 0.07);
	s.spc[2].phase = s.spc[3].phase = 2;
	s.ann = &ann;
	s.nann = 1;
	s.summary.trial_limits = true;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No-show rate was 7.0% in October 2026, up from 6.0%. Within the process limits: "
	             "normal variation, not a real change. Limits recalculated from September 2026 "
	             "(Text reminders start). Trial limits: 12 or fewer points so far.",
	        "rebase and trial limits named");

	/* anhoej: the runs analysis judges the phase. */
	s = series(DR_M_NO_SHOW_RATE, 0.10, 0.11, 0.12, 0.13);
	s.rules = DR_SPC_ANHOEJ;
	s.chart = DR_SPC_P;
	for (int i = 0; i < N; i++)
		s.spc[i].runs = (struct dr_spc_runs){ .signal = true, .useful = 12, .longest = 9,
		                                      .longest_max = 7, .crossings = 3, .crossings_min = 3 };
	s.spc[3].type = DR_POINT_CONCERN;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Special cause, a concern: a run of 9 points on one side of the centre line "
	                   "(more than 7 is unlikely by chance).") != NULL, "anhoej long run");
	for (int i = 0; i < N; i++)
		s.spc[i].runs.longest = 5, s.spc[i].runs.crossings = 1;
	s.spc[3].type = DR_POINT_COMMON;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Special cause: only 1 crossing of the centre line where at least 3 are "
	                   "expected.") != NULL, "anhoej too few crossings");

	s = series(DR_M_INITIAL_DENIAL_RATE, 0.1, 0.1, 0.1, 0.1);
	for (int i = 0; i < N; i++)
		s.provisional[i] = true;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Every period is provisional: too early to judge variation.") != NULL,
	       "all provisional: no verdict");

	s = series(DR_M_VISITS_COMPLETED, NAN, NAN, NAN, NAN);
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Completed visits: no data in this period.", "no data at all");
	return tap_done();
}
