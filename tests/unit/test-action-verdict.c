/*
 * test-action-verdict.c -- the Actions page's "Since raised"
 * (dr_action_verdict, packet-verdict.c) on constructed series: a signal
 * counts only after the raised month, a signal begun before the action
 * says so, "no signal" only when a month since was judged, provisional
 * and small-n months are no verdict; and the overdue rule the page shows
 * (commentary.h): open, and due before the first day of the month after
 * the report month.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/packet.h"
#include "tap.h"

#define N 6

static dr_month period[N];
static double value[N], num[N], den[N];
static bool provisional[N], suppressed[N];
static struct dr_spc_point spc[N];

/* No-show rate, May to October 2026, every month common cause. */
static struct dr_series series(void)
{
	for (int i = 0; i < N; i++) {
		period[i] = dr_month_make(2026, 5 + i);
		value[i] = 0.06;
		num[i] = NAN;
		den[i] = 400;
		provisional[i] = suppressed[i] = false;
		spc[i] = (struct dr_spc_point){ .y = 0.06, .cl = 0.06, .lcl = 0.02, .ucl = 0.10,
		                                .phase = 1, .signal = DR_SIGNAL_NONE,
		                                .type = DR_POINT_COMMON };
	}
	const struct dr_metric_def *def = dr_metric_def(DR_M_NO_SHOW_RATE);
	return (struct dr_series){ .def = def, .n = N, .period = period, .value = value, .num = num,
	                           .den = den, .provisional = provisional, .suppressed = suppressed,
	                           .spc = spc, .better = -1, .rules = DR_SPC_MDC7, .chart = DR_SPC_P };
}

/* Month m (5 = May) of the series marked t by rule sig. */
static void mark(int m, enum dr_spc_point_type t, enum dr_spc_signal sig)
{
	spc[m - 5].type = t;
	spc[m - 5].signal = sig;
}

static void check(const struct dr_series *s, int raised, int at, const char *want, const char *name)
{
	char out[512];
	dr_action_verdict(s, dr_month_make(2026, raised), dr_month_make(2026, at), out, sizeof out);
	tap_str(out, want, name);
}

/* Whether the action of the one-row model due `due` is overdue in October. */
static bool overdue_in_october(dr_date due)
{
	struct dr_dyad dyad = { .id = "pc", .name = "PC" };
	struct dr_config cfg = { .dyads = &dyad, .ndyads = 1 };
	struct dr_commentary *c = dr_commentary_new(&cfg, "commentary.csv");
	struct dr_comment_row r = { .dyad = "pc", .metric = "no_show_rate",
	                            .month = dr_month_make(2026, 9), .action = "Call ahead",
	                            .due = due, .status = DR_ACTION_OPEN, .line = 2 };
	dr_commentary_add(DR_COMMENTARY, &r, c);
	dr_commentary_finish(c);
	struct dr_action *a = NULL;
	size_t nopen = 0;
	size_t n = dr_commentary_actions(c, 0, dr_month_make(2026, 10), false, &a, &nopen);
	bool overdue = n == 1 && nopen == 1 && a[0].overdue;
	free(a);
	dr_commentary_free(c);
	return overdue;
}

int main(void)
{
	struct dr_series s = series();
	check(&s, 8, 10, "no signal: common-cause variation (2 months judged)",
	      "every month since common cause: no signal, with how many were judged");
	check(&s, 10, 10, "too soon to judge: raised this month", "raised in the report month");
	check(NULL, 8, 10, "not judged: no data for this metric", "no series");

	s = series();
	mark(10, DR_POINT_CONCERN, DR_SIGNAL_OUTSIDE);
	check(&s, 9, 10, "concern signal (Oct 2026)", "a concern after the raised month");

	s = series();
	mark(8, DR_POINT_IMPROVEMENT, DR_SIGNAL_OUTSIDE);
	check(&s, 8, 10, "no signal: common-cause variation (2 months judged)",
	      "a signal in the raised month is what prompted it, not since");
	check(&s, 7, 10, "improvement signal (Aug 2026)", "... but since an earlier action");

	s = series();
	for (int m = 7; m <= 10; m++)
		mark(m, DR_POINT_IMPROVEMENT, DR_SIGNAL_RUN);
	check(&s, 8, 10, "improvement signal (Sep\xE2\x80\x93Oct 2026), part of one that began before "
	      "the action (Jul 2026)", "a run begun before the action says so");

	s = series();
	mark(9, DR_POINT_CONCERN, DR_SIGNAL_OUTSIDE);
	mark(10, DR_POINT_IMPROVEMENT, DR_SIGNAL_OUTSIDE);
	check(&s, 8, 10, "improvement signal (Oct 2026); 1 earlier signal since raised",
	      "the latest signal first, and how many more");

	s = series();
	mark(10, DR_POINT_CONCERN, DR_SIGNAL_OUTSIDE);
	provisional[5] = true;
	check(&s, 9, 10, "not judged yet: the months since raised are provisional",
	      "a provisional month is no signal and no verdict");

	s = series();
	s.min_den = 20;
	den[4] = den[5] = 5;
	check(&s, 8, 10, "not judged (too few cases)", "rates on too few cases are not judged");

	s = series();
	value[4] = value[5] = NAN;
	check(&s, 8, 10, "not judged: no value since raised", "no value since raised");

	tap_ok(overdue_in_october(dr_date_from_ymd(2026, 10, 31)),
	       "due 31 October: overdue in October's packet");
	tap_ok(!overdue_in_october(dr_date_from_ymd(2026, 11, 1)),
	       "due 1 November: not yet overdue in October's packet");
	tap_ok(!overdue_in_october(DR_NO_DATE), "no due date: never overdue");
	return tap_done();
}
