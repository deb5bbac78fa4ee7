/*
 * test-changes.c -- "What changed since last month" (metric-changes.c):
 * series judged by the real SPC engine whose changes are known by
 * construction (a new point beyond a limit, a signal that ended, a run of
 * 7 completing this month, a steady series, a rate on too few cases, a
 * provisional report month), targets newly met and missed, a phase
 * starting, and a denial month provisional last month and final now,
 * rebuilt from decision dates and worked out by hand below (and left out
 * in public when the two values give a small count away).
 */
#include <math.h>
#include <string.h>

#include "dyadreport/changes.h"
#include "dyadreport/config.h"
#include "tap.h"
#include "testutil.h"

#define M 24

/* One judged series: its arrays live here. */
struct held {
	dr_month period[M];
	double value[M], num[M], den[M];
	bool prov[M], supp[M], out[M];
	struct dr_spc_point spc[M];
	struct dr_chart_annotation ann[2];
	size_t rebase[1];
	struct dr_series s;
};

static const dr_month OCT = 2026 * 12 + 9;

/*
 * Metric id over y[0..n) ending at month `end`, judged as metric-series.c
 * judges (mdc7; a provisional point or a rate on too few cases left out):
 * den (NULL: none) gives num = y * den; prov_last marks the last point
 * provisional; rebase_last starts a phase at the last point.
 */
static struct dr_series *judged(struct held *h, enum dr_metric_id id, const double *y, size_t n,
                                dr_month end, const double *den, int min_den, bool prov_last,
                                bool rebase_last)
{
	memset(h, 0, sizeof *h);
	struct dr_spc_options o;
	dr_spc_options_init(&o);
	o.better = dr_metric_def(id)->better;
	h->s = (struct dr_series){ .def = dr_metric_def(id), .n = n, .period = h->period,
	                           .value = h->value, .num = h->num, .den = h->den,
	                           .provisional = h->prov, .suppressed = h->supp, .spc = h->spc,
	                           .better = o.better, .rules = DR_SPC_MDC7, .chart = DR_SPC_I,
	                           .min_den = min_den, .ann = h->ann };
	for (size_t i = 0; i < n; i++) {
		h->period[i] = end - (dr_month)(n - 1 - i);
		h->value[i] = y[i];
		h->den[i] = den ? den[i] : NAN;
		h->num[i] = den ? y[i] * den[i] : NAN;
		h->prov[i] = prov_last && i == n - 1;
	}
	for (size_t i = 0; i < n; i++)
		h->out[i] = h->prov[i] || dr_series_small_n(&h->s, i);
	if (rebase_last) {
		h->rebase[0] = n - 1;
		o.rebase = h->rebase;
		o.nrebase = 1;
		h->ann[0] = (struct dr_chart_annotation){ .month = end, .text = "Text reminders start",
		                                          .rebase = true };
		h->s.nann = 1;
	}
	dr_spc_judge(y, h->out, n, &o, h->spc, &h->s.summary);
	return &h->s;
}

static struct held now_h, then_h;

/* The changes of y[0..n) ending October 2026 against y[0..n-1) ending
 * September (last month: the same data cut a month earlier). */
static void changes_of(struct dr_changes *l, enum dr_metric_id id, const double *y, size_t n,
                       const double *den, int min_den, bool prov_last)
{
	dr_changes_init(l);
	struct dr_series *now = judged(&now_h, id, y, n, OCT, den, min_den, prov_last, false);
	struct dr_series *then = judged(&then_h, id, y, n - 1, OCT - 1, den, min_den, false, false);
	dr_changes_of_series(now, then, OCT, l);
}

static void test_verdicts(void)
{
	struct dr_changes l;
	char buf[600];
	/* Steady: alternating 9, 11 -- common cause both months. */
	const double steady[13] = { 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9 };
	changes_of(&l, DR_M_NO_SHOW_RATE, steady, 13, NULL, 0, false);
	tap_int((long)l.n, 0, "steady series: no change");
	dr_changes_free(&l);

	/* The last point breaks the upper limit: a no-show rate up is a concern. */
	const double up[13] = { 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 30 };
	changes_of(&l, DR_M_NO_SHOW_RATE, up, 13, NULL, 0, false);
	tap_int((long)l.n, 1, "outside the limit: one change");
	tap_int(l.c[0].kind, DR_CHANGE_NEW_SIGNAL, "... a new special cause");
	tap_int(l.c[0].type, DR_POINT_CONCERN, "... a concern (no-show rate up)");
	tap_int(l.c[0].was_type, DR_POINT_COMMON, "... last month common cause");
	tap_int(l.c[0].signal, DR_SIGNAL_OUTSIDE, "... beyond a limit");
	tap_int(l.c[0].at, OCT, "... October judged now");
	tap_int(l.c[0].was_at, OCT - 1, "... September then");
	dr_change_words(&l, 0, buf, sizeof buf);
	tap_str(buf, "No-show rate: a new special cause in October 2026, a concern (beyond a "
	             "process limit); September 2026 was common cause.", "... in words");
	dr_changes_free(&l);

	/* Last month's point was beyond the limit, this month's is not. */
	const double ended[13] = { 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 30, 10 };
	changes_of(&l, DR_M_NO_SHOW_RATE, ended, 13, NULL, 0, false);
	tap_int((long)l.n, 1, "signal ended: one change");
	tap_int(l.c[0].kind, DR_CHANGE_SIGNAL_ENDED, "... the special cause ended");
	tap_int(l.c[0].was_type, DR_POINT_CONCERN, "... it was a concern");
	tap_int(l.c[0].type, DR_POINT_COMMON, "... now common cause");
	dr_change_words(&l, 0, buf, sizeof buf);
	tap_str(buf, "No-show rate: the special cause has ended: October 2026 is common cause; "
	             "September 2026 was a concern.", "... in words");
	dr_changes_free(&l);

	/* A run of 7 above the centre completes this month: 6 of them last
	 * month were no signal under mdc7. Handoff completion: higher is
	 * better, so an improvement. */
	const double run[14] = { 6, 14, 6, 14, 6, 14, 6, 11, 11, 11, 11, 11, 11, 11 };
	changes_of(&l, DR_M_HANDOFF_COMPLETION_RATE, run, 14, NULL, 0, false);
	tap_int((long)l.n, 1, "run of 7 completes: one change");
	tap_int(l.c[0].kind, DR_CHANGE_NEW_SIGNAL, "... a new special cause");
	tap_int(l.c[0].signal, DR_SIGNAL_RUN, "... by the run rule");
	tap_int(l.c[0].type, DR_POINT_IMPROVEMENT, "... an improvement (higher is better)");
	tap_int(now_h.spc[7].type, DR_POINT_IMPROVEMENT, "... the whole run is marked now");
	tap_int(then_h.spc[12].type, DR_POINT_COMMON, "... 6 of them were not last month");
	dr_changes_free(&l);

	/* The report month is a rate on too few cases (n = 5 < 20): not
	 * judged now; last month was. */
	const double share[13] = { .3, .32, .3, .32, .3, .32, .3, .32, .3, .32, .3, .32, .9 };
	const double den[13] = { 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 5 };
	changes_of(&l, DR_M_NO_SHOW_RATE, share, 13, den, 20, false);
	tap_int((long)l.n, 1, "too few cases now: one entry");
	tap_int(l.c[0].kind, DR_CHANGE_NOT_JUDGED, "... not judged, never a new signal");
	tap_int(l.c[0].why, DR_UNJUDGED_FEW_CASES, "... too few cases");
	tap_int(l.c[0].was_type, DR_POINT_COMMON, "... last month common cause");
	dr_change_words(&l, 0, buf, sizeof buf);
	tap_str(buf, "No-show rate: not judged this month (too few cases); September 2026 was "
	             "common cause.", "... in words");
	dr_changes_free(&l);

	/* A provisional report month: the latest complete point is September
	 * both months, judged alike: no change, whatever October says. */
	changes_of(&l, DR_M_NO_SHOW_RATE, up, 13, NULL, 0, true);
	tap_int((long)l.n, 0, "provisional outlier: no change");
	dr_changes_free(&l);
}

static void test_targets(void)
{
	struct dr_changes l;
	char buf[600];
	/* No-show rate, lower is better, target 8%: 9% last month, 7% now. */
	const double met[13] = { .09, .1, .09, .1, .09, .1, .09, .1, .09, .1, .09, .09, .07 };
	dr_changes_init(&l);
	struct dr_series *now = judged(&now_h, DR_M_NO_SHOW_RATE, met, 13, OCT, NULL, 0, false, false);
	struct dr_series *then = judged(&then_h, DR_M_NO_SHOW_RATE, met, 12, OCT - 1, NULL, 0, false, false);
	now->has_target = then->has_target = true;
	now->target = then->target = 0.08;
	dr_changes_of_series(now, then, OCT, &l);
	size_t k = 0;
	while (k < l.n && l.c[k].kind != DR_CHANGE_TARGET_MET)
		k++;
	tap_ok(k < l.n, "7% against 8% (9% last month): target newly met");
	if (k < l.n) {
		tap_num(l.c[k].value, 0.07, 1e-12, "... value now");
		tap_num(l.c[k].was_value, 0.09, 1e-12, "... value then");
		dr_change_words(&l, k, buf, sizeof buf);
		tap_str(buf, "No-show rate: target 8.0% newly met: 7.0% in October 2026, against 9.0% "
		             "in September 2026.", "... in words");
	}
	dr_changes_free(&l);

	/* The reverse: met last month, missed now. */
	const double missed[13] = { .07, .06, .07, .06, .07, .06, .07, .06, .07, .06, .07, .07, .09 };
	dr_changes_init(&l);
	now = judged(&now_h, DR_M_NO_SHOW_RATE, missed, 13, OCT, NULL, 0, false, false);
	then = judged(&then_h, DR_M_NO_SHOW_RATE, missed, 12, OCT - 1, NULL, 0, false, false);
	now->has_target = then->has_target = true;
	now->target = then->target = 0.08;
	dr_changes_of_series(now, then, OCT, &l);
	k = 0;
	while (k < l.n && l.c[k].kind != DR_CHANGE_TARGET_MISSED)
		k++;
	tap_ok(k < l.n, "9% against 8% (7% last month): target newly missed");
	dr_changes_free(&l);

	/* A latest rate on too few cases is neither met nor missed. */
	const double den[13] = { 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 5 };
	dr_changes_init(&l);
	now = judged(&now_h, DR_M_NO_SHOW_RATE, met, 13, OCT, den, 20, false, false);
	then = judged(&then_h, DR_M_NO_SHOW_RATE, met, 12, OCT - 1, den, 20, false, false);
	now->has_target = then->has_target = true;
	now->target = then->target = 0.08;
	dr_changes_of_series(now, then, OCT, &l);
	bool any = false;
	for (k = 0; k < l.n; k++)
		any |= l.c[k].kind == DR_CHANGE_TARGET_MET || l.c[k].kind == DR_CHANGE_TARGET_MISSED;
	tap_ok(!any, "too few cases: no target change");
	dr_changes_free(&l);
}

static void test_phase(void)
{
	struct dr_changes l;
	char buf[600];
	const double y[13] = { 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9 };
	dr_changes_init(&l);
	struct dr_series *now = judged(&now_h, DR_M_NO_SHOW_RATE, y, 13, OCT, NULL, 0, false, true);
	struct dr_series *then = judged(&then_h, DR_M_NO_SHOW_RATE, y, 12, OCT - 1, NULL, 0, false, false);
	dr_changes_of_series(now, then, OCT, &l);
	/* The phase has one point: no limits yet, so not judged now. */
	tap_int((long)l.n, 2, "rebase at the report month: two entries");
	tap_int(l.c[0].kind, DR_CHANGE_NOT_JUDGED, "... the new phase is not judged yet");
	tap_int(l.c[0].why, DR_UNJUDGED_NO_LIMITS, "... it has no limits");
	tap_int(l.c[1].kind, DR_CHANGE_PHASE, "... and the phase");
	/* The same annotation on a second metric makes one sentence. */
	struct dr_change second = l.c[1];
	second.def = dr_metric_def(DR_M_NEW_PATIENT_SHARE);
	l.c[0] = l.c[1];
	l.c[1] = second;
	dr_change_words(&l, 0, buf, sizeof buf);
	tap_str(buf, "New phase from October 2026: Text reminders start \xE2\x80\x94 No-show rate, "
	             "New-patient share.", "one annotation, one sentence naming both metrics");
	tap_int((long)dr_change_words(&l, 0, buf, sizeof buf), 2, "... using both entries");
	dr_changes_free(&l);
}

/*
 * Denials, dyad a, window Aug-Oct 2026, report month October. As it stood
 * at the end of September:
 *   August: 10 requests; 5 decided in August (1 denied), 5 decided in
 *     October (1 denied). Then 5 of 10 pending (provisional), 1/5 = 20.0%;
 *     now 2/10 = 20.0%: the same as printed, so not listed.
 *   September: 10 requests; 6 decided in September (1 denied), 4 decided
 *     in October (2 denied). Then 4 of 10 pending (provisional), 1/6 =
 *     16.7%; now final, 3/10 = 30.0%: listed.
 *   October: 2 requests approved (the report month: never "now final").
 */
static void test_now_final(void)
{
	char csv[4096] = "request_id,department,payer,service,submitted_date,decision_date,status,"
	                 "denial_reason,appeal_status,amount\n";
	char row[160];
	for (int i = 0; i < 10; i++) {
		bool late = i >= 5, denied = i == 0 || i == 5;
		snprintf(row, sizeof row, "A%d,D1,P,S,2026-08-03,%s,%s,,,\n", i,
		         late ? "2026-10-02" : "2026-08-20", denied ? "DENIED" : "APPROVED");
		strcat(csv, row);
	}
	for (int i = 0; i < 10; i++) {
		bool late = i >= 6, denied = i == 0 || i == 6 || i == 7;
		snprintf(row, sizeof row, "B%d,D1,P,S,2026-09-03,%s,%s,,,\n", i,
		         late ? "2026-10-05" : "2026-09-25", denied ? "DENIED" : "APPROVED");
		strcat(csv, row);
	}
	strcat(csv, "C1,D1,P,S,2026-10-01,2026-10-02,APPROVED,,,\nC2,D1,P,S,2026-10-01,2026-10-02,APPROVED,,,\n");
	tu_write("denials.csv", csv);
	struct dr_config cfg;
	if (dr_config_load(tu_write("site.ini", "[report]\nperiod = 2026-10\nmonths = 3\nmin_denominator = 0\n"
	                                        "[input]\ndenials = denials.csv\n"
	                                        "[dyad a]\ndepartments = D1\n"), &cfg) != 0) {
		tap_ok(false, "config");
		return;
	}
	struct dr_metrics *m = dr_metrics_new(&cfg, OCT - 2, OCT, NULL);
	struct dr_load_stats st = { 0 };
	struct dr_load_options lo = { .path = cfg.input[DR_DENIALS] };
	tap_int(dr_load_extract(DR_DENIALS, &lo, &st, dr_metrics_add, m), 0, "denials load");
	dr_metrics_mark_loaded(m, DR_DENIALS);
	dr_metrics_finish(m);

	struct dr_denials_before b;
	tap_ok(dr_metrics_denials_before(m, 0, OCT - 1, &b), "September as it stood");
	tap_int(b.rows, 10, "... 10 requests");
	tap_int(b.pending_then, 4, "... 4 pending then (decided in October)");
	tap_int(b.approved_then, 5, "... 5 approved by then");
	tap_int(b.denied_then, 1, "... 1 denied by then");
	tap_int(b.pending_now, 0, "... none pending now");
	tap_int(b.denied_now, 3, "... 3 denied now");
	tap_ok(!dr_metrics_denials_before(m, 0, OCT, &b), "the report month has no 'then'");

	/* Last month's series: the same data cut after September. */
	struct dr_series then;
	const struct dr_series *now = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE);
	tap_ok(dr_metrics_series_as_of(m, 0, DR_M_INITIAL_DENIAL_RATE, OCT - 1, &then), "series as of September");
	tap_int((long)then.n, 2, "... two points, August and September");
	tap_num(then.value[1], now->value[1], 0, "... September's value as the data stands now");
	tap_num(now->value[1], 0.3, 1e-12, "... 3/10");
	dr_series_as_of_free(&then);
	tap_ok(!dr_metrics_series_as_of(m, 0, DR_M_INITIAL_DENIAL_RATE, OCT, &then),
	       "no series 'as of' the report month itself");

	struct dr_changes l;
	dr_changes_init(&l);
	dr_changes_now_final(m, 0, now, &l);
	tap_int((long)l.n, 1, "one month now final with a changed value (August's 20.0% did not change)");
	if (l.n == 1) {
		tap_int(l.c[0].at, OCT - 1, "... September");
		tap_num(l.c[0].was_value, 1.0 / 6, 1e-12, "... 1/6 then");
		tap_num(l.c[0].value, 0.3, 1e-12, "... 3/10 now");
		char buf[300];
		dr_change_words(&l, 0, buf, sizeof buf);
		tap_str(buf, "Initial denial rate, September 2026: 16.7% as of 30 September 2026 (then provisional), "
		             "30.0% now final.", "... in words");
	}
	dr_changes_free(&l);

	/* The whole list for this one metric: the month now final only
	 * (three points: the verdicts judge alike both months). */
	bool listed[DR_NMETRICS] = { false };
	listed[DR_M_INITIAL_DENIAL_RATE] = true;
	dr_changes_build(m, 0, OCT, listed, &l);
	size_t nfinal = 0;
	for (size_t k = 0; k < l.n; k++)
		nfinal += l.c[k].kind == DR_CHANGE_NOW_FINAL;
	tap_int((long)nfinal, 1, "the built list has the month now final");
	tap_int(l.n ? (long)l.c[l.n - 1].kind : -1L, DR_CHANGE_NOW_FINAL, "... last, after any verdict");
	dr_changes_free(&l);
	dr_metrics_free(m);
	dr_config_free(&cfg);
}

/*
 * In public (small cells below 11) a month now final whose values then and
 * now give a small count away is left out. September: 60 requests, 40
 * decided in September (12 denied), 20 in October (3 denied). Then 20 of
 * 60 pending, 12/40 = 30.0%; now 15/60 = 25.0%, every count shown; but the
 * two values tell that 3 of the requests decided since were denied.
 */
static void test_now_final_public(void)
{
	char csv[8192] = "request_id,department,payer,service,submitted_date,decision_date,status,"
	                 "denial_reason,appeal_status,amount\n";
	char row[160];
	for (int i = 0; i < 60; i++) {
		bool late = i >= 40, denied = late ? i < 43 : i < 12;
		snprintf(row, sizeof row, "B%d,D1,P,S,2026-09-03,%s,%s,,,\n", i,
		         late ? "2026-10-05" : "2026-09-25", denied ? "DENIED" : "APPROVED");
		strcat(csv, row);
	}
	tu_write("denials.csv", csv);
	struct dr_config cfg;
	if (dr_config_load(tu_write("site.ini", "[report]\nperiod = 2026-10\nmonths = 3\n"
	                                        "[input]\ndenials = denials.csv\n"
	                                        "[dyad a]\ndepartments = D1\n"), &cfg) != 0) {
		tap_ok(false, "config");
		return;
	}
	for (int pub = 0; pub <= 1; pub++) {
		struct dr_privacy priv = { .suppress_below = 5, .small_cells_below = pub ? 11 : 0 };
		struct dr_metrics *m = dr_metrics_new(&cfg, OCT - 2, OCT, &priv);
		struct dr_load_stats st = { 0 };
		struct dr_load_options lo = { .path = cfg.input[DR_DENIALS] };
		dr_load_extract(DR_DENIALS, &lo, &st, dr_metrics_add, m);
		dr_metrics_mark_loaded(m, DR_DENIALS);
		dr_metrics_finish(m);
		const struct dr_series *now = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE);
		tap_num(now->value[1], 0.25, 1e-12, pub ? "public: September 25.0% shown" : "internal: 25.0%");
		struct dr_changes l;
		dr_changes_init(&l);
		dr_changes_now_final(m, 0, now, &l);
		tap_int((long)l.n, pub ? 0 : 1, pub ? "public: 30.0% then is left out (3 denied since)"
		                                   : "internal: 30.0% then, 25.0% now is listed");
		dr_changes_free(&l);
		dr_metrics_free(m);
	}
	dr_config_free(&cfg);
}

int main(void)
{
	test_verdicts();
	test_targets();
	test_phase();
	test_now_final();
	test_now_final_public();
	tu_cleanup();
	return tap_done();
}
