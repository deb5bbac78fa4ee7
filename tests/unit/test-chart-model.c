/*
 * test-chart-model.c -- the SPC chart of a judged series (chart-model.c)
 * where a month has no value: the engine gives it its phase's centre and
 * constant limits (spc.h, as qicharts2 and NHSRplotthedots return them),
 * the chart keeps them, and the trace shows the centre line unbroken
 * across that month, as qicharts2 draws it. A hidden month has no lines:
 * the chart breaks there, as metrics.csv leaves its centre empty.
 */
#include <math.h>
#include <string.h>

#include "charttest.h"
#include "testutil.h"
#include "dyadreport/chart.h"
#include "dyadreport/metric.h"
#include "tap.h"

#define N 8

static dr_month period[N];
static double value[N], num[N], den[N];
static bool provisional[N], suppressed[N];
static struct dr_spc_point spc[N];

/* The wRVU-per-visit series y[] from March 2026, judged by the engine
 * (mdc7, an I chart with constant limits). */
static struct dr_series judged(const double *y)
{
	struct dr_spc_options o;
	for (int i = 0; i < N; i++) {
		period[i] = dr_month_make(2026, 3 + i);
		value[i] = y[i];
		num[i] = den[i] = NAN;
		provisional[i] = suppressed[i] = false;
	}
	struct dr_series s = { .def = dr_metric_def(DR_M_WRVU_PER_VISIT), .n = N, .period = period,
	                       .value = value, .num = num, .den = den, .provisional = provisional,
	                       .suppressed = suppressed, .spc = spc, .rules = DR_SPC_MDC7,
	                       .chart = DR_SPC_I };
	dr_spc_options_init(&o);
	dr_spc_judge(value, provisional, N, &o, spc, &s.summary);
	return s;
}

/* The number of "move" calls between group line NAME and the next group
 * of trace t: one per unbroken run of the line. */
static int runs_of(const char *t, const char *name)
{
	char head[64];
	snprintf(head, sizeof head, "group line %s\n", name);
	const char *a = strstr(t, head);
	if (!a)
		return -1;
	a += strlen(head);
	const char *b = strstr(a, "group ");
	int moves = 0;
	for (const char *p = a; (p = strstr(p, "move ")) && (!b || p < b); p++)
		moves += p == a || p[-1] == '\n';
	return moves;
}

int main(void)
{
	/* 1.8 1.9 - 1.7 1.8 1.9 1.7 1.8: mean 12.6/7 = 1.8; MRs 0.1, then
	 * 0.1 0.1 0.2 0.1 (none across the gap): 0.6/5 = 0.12; limits
	 * 1.8 -+ 2.66 * 0.12 = 1.4808 and 2.1192. */
	const double y[N] = { 1.8, 1.9, NAN, 1.7, 1.8, 1.9, 1.7, 1.8 };
	struct dr_series s = judged(y);
	struct dr_chart_point pt[N];
	struct dr_chart c = { 0 };
	dr_chart_from_series(&s, &c, pt);
	tap_num(pt[2].y, NAN, 0, "gap: no value");
	tap_num(pt[2].cl, 1.8, 1e-12, "gap: the centre 1.8 carried");
	tap_num(pt[2].ucl, 2.1192, 1e-12, "gap: the UPL carried");
	tap_num(pt[2].lcl, 1.4808, 1e-12, "gap: the LPL carried");
	tap_int(pt[2].type, DR_POINT_NONE, "gap: no point type");
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "gap: no render.h state breaches");
	tap_int(runs_of(t, "mean"), 1, "gap: the centre line runs unbroken across the gap");
	tap_int(runs_of(t, "ucl"), 1, "gap: so does the upper limit");
	tap_int(tu_count_lines(t, "group marker "), N - 1, "gap: a marker per value, none for the gap");
	free(t);

	/* The same month hidden: no lines there, the centre in two runs. */
	s = judged(y);
	suppressed[2] = true;
	dr_chart_from_series(&s, &c, pt);
	tap_num(pt[2].cl, NAN, 0, "hidden: no centre on a hidden month");
	tap_num(pt[2].ucl, NAN, 0, "hidden: no limit on a hidden month");
	tap_num(pt[3].cl, 1.8, 1e-12, "hidden: the next month keeps its centre");
	t = ct_trace(&c, 800, 450);
	tap_int(runs_of(t, "mean"), 2, "hidden: the centre line breaks at the hidden month");
	free(t);
	return tap_done();
}
