/*
 * test-breakdown.c -- every breakdown of metric-breakdown.c, the new series
 * metrics (p90, denial rate by amount, survey items) and the privacy rules
 * (survey groups, the public small-cell rule on a count and on a rate's
 * complement, the complementary rule), on
 * small hand-made records fed straight to dr_metrics_add(), against answers
 * worked out by hand in the comments.
 *
 * Window: report month October 2026, 3 months (Aug..Oct; accumulation from
 * July, the start of the quarter). Dyad a owns D1, D2, D5; dyad b owns D3.
 */
#include <math.h>
#include <string.h>

#include "dyadreport/config.h"
#include "dyadreport/metric.h"
#include "tap.h"
#include "testutil.h"

static const char site[] =
	"[report]\nperiod = 2026-10\nmonths = 3\nsuppress_below = 1\n"
	"[input]\nvisits = visits.csv\n"
	"[dyad a]\ndepartments = D1, D2, D5\n"
	"[dyad b]\ndepartments = D3\n";

static struct dr_metrics *m;
static const double e = 1e-12;

static dr_date day(int y, int mo, int d)
{
	return dr_date_from_ymd(y, mo, d);
}

static void visit(const char *dept, dr_date date, const char *prov, const char *name, int type,
                  int status, dr_date booked, double minutes, double wrvu)
{
	static int k;
	char id[16], pat[16];
	snprintf(id, sizeof id, "V%d", ++k);
	snprintf(pat, sizeof pat, "P%d", k % 7);
	struct dr_visit v = { id, pat, prov, name, dept, date, booked, type, status, minutes, wrvu };
	dr_metrics_add(DR_VISITS, &v, m);
}

static void request(const char *dept, const char *payer, const char *service, dr_date sub, dr_date dec,
                    int status, int reason, double amount)
{
	struct dr_denial r = { "R", dept, payer, service, sub, dec, status, reason, DR_APPEAL_NONE, amount };
	dr_metrics_add(DR_DENIALS, &r, m);
}

static void handoff(const char *dept, int type, bool done, double hours, double window, int tool)
{
	struct dr_handoff h = { "H", dept, day(2026, 10, 2), type, done, hours, window, tool };
	dr_metrics_add(DR_HANDOFFS, &h, m);
}

static void response(const char *dept, dr_date date, int role, int burnout, int sat, int stress,
                     int trust, int team)
{
	struct dr_response r = { "S", dept, date, role, burnout, sat, stress, trust, team };
	dr_metrics_add(DR_BURNOUT, &r, m);
}

static void load_all(void)
{
	for (int x = 0; x < DR_NEXTRACTS; x++)
		dr_metrics_mark_loaded(m, x);
	dr_metrics_finish(m);
}

static const dr_month OCT = 2026 * 12 + 9;

static struct dr_breakdown_table *bd(size_t d, enum dr_breakdown by, enum dr_window w)
{
	return dr_metrics_breakdown(m, d, by, w, OCT);
}

/* Column key of breakdown t for group g (or the total when g < 0). */
static double col(const struct dr_breakdown_table *t, long g, const char *key)
{
	int j = dr_breakdown_measure_find(t->by, key);
	if (j < 0)
		return -999;
	const struct dr_group *grp = g < 0 ? &t->total : &t->group[g];
	return grp->v[j].value;
}

/* Whether group g holds no number at all. */
static bool empty(const struct dr_breakdown_table *t, size_t g)
{
	const struct dr_group *grp = &t->group[g];
	bool none = grp->hidden && isnan(grp->n);
	for (size_t j = 0; j < t->nmeasure; j++)
		none &= isnan(grp->v[j].value) && isnan(grp->v[j].num) && isnan(grp->v[j].den);
	return none;
}

/* The hand-made extracts of the first scenario. */
static void feed_main(void)
{
	const int C = DR_VISIT_COMPLETED, NS = DR_VISIT_NO_SHOW, CX = DR_VISIT_CANCELLED;
	const int NEW = DR_VISIT_NEW, EST = DR_VISIT_ESTABLISHED;
	/* October, D1: leads 4, 15, 66 days (2026-10-05 is a Monday). */
	visit("D1", day(2026, 10, 5), "PR1", "Dr One", NEW, C, day(2026, 10, 1), 20, 2.0);
	visit("D1", day(2026, 10, 5), "PR1", "Dr One", EST, C, day(2026, 9, 20), 30, 1.0);
	visit("D1", day(2026, 10, 6), "PR1", "Dr One", EST, C, day(2026, 8, 1), 40, NAN);
	visit("D1", day(2026, 10, 6), "PR2", NULL, EST, NS, DR_NO_DATE, NAN, NAN);
	visit("D1", day(2026, 10, 7), "PR2", NULL, EST, CX, DR_NO_DATE, NAN, NAN);
	/* October, D2: lead 0; two no-shows on Monday the 12th. */
	visit("D2", day(2026, 10, 5), "PR2", NULL, NEW, C, day(2026, 10, 5), 25, 3.0);
	visit("D2", day(2026, 10, 12), "PR2", NULL, EST, NS, DR_NO_DATE, NAN, NAN);
	visit("D2", day(2026, 10, 12), "PR2", NULL, EST, NS, DR_NO_DATE, NAN, NAN);
	/* September, D1: lead 105 days. */
	visit("D1", day(2026, 9, 14), "PR1", "Dr One", EST, C, day(2026, 6, 1), 10, NAN);

	const int A = DR_DENIAL_APPROVED, D = DR_DENIAL_DENIED, P = DR_DENIAL_PENDING;
	const int U = DR_REASON_UNSPECIFIED;
	request("D1", "Aetna", "MRI", day(2026, 10, 1), day(2026, 10, 3), A, U, 100);
	request("D1", "Aetna", "MRI", day(2026, 10, 2), day(2026, 10, 12), D, DR_REASON_CODING_ERROR, 200);
	request("D2", "Cigna", "CT", day(2026, 10, 2), day(2026, 10, 4), D, DR_REASON_MISSING_DOCUMENTATION, 300);
	request("D2", "Cigna", "CT", day(2026, 10, 3), day(2026, 10, 6), D, DR_REASON_MISSING_DOCUMENTATION, NAN);
	request("D1", "Aetna", "CT", day(2026, 10, 20), DR_NO_DATE, P, U, 50);
	/* Decided after the month's end: pending at 31 October, 6 days old. */
	request("D1", "Aetna", "MRI", day(2026, 10, 25), day(2026, 11, 3), D, DR_REASON_MEDICAL_NECESSITY, 400);
	request("D1", "Aetna", "MRI", day(2026, 9, 3), day(2026, 9, 4), A, U, 50);
	request("D2", "Cigna", "CT", day(2026, 9, 10), day(2026, 9, 20), D, DR_REASON_CODING_ERROR, NAN);
	/* Before the window and still pending: 230 days old at 31 October. */
	request("D1", "Humana", "XR", day(2026, 3, 15), DR_NO_DATE, P, U, NAN);
	/* Before the window and decided: not pending. After the month: not yet. */
	request("D1", "Humana", "XR", day(2026, 5, 1), day(2026, 5, 10), A, U, NAN);
	request("D1", "Aetna", "MRI", day(2026, 11, 2), DR_NO_DATE, P, U, NAN);

	handoff("D1", DR_HANDOFF_SHIFT_CHANGE, true, 0.5, NAN, DR_TOOL_SBAR);
	handoff("D1", DR_HANDOFF_SHIFT_CHANGE, true, 2, NAN, DR_TOOL_NONE);
	handoff("D2", DR_HANDOFF_DISCHARGE, false, NAN, NAN, DR_TOOL_UNKNOWN);
	handoff("D2", DR_HANDOFF_REFERRAL, true, 100, 48, DR_TOOL_IPASS);

	/* Survey, Q4 wave: burnout, satisfaction, stress, trust, teamwork (0 = empty). */
	dr_date q4 = day(2026, 10, 9);
	response("D1", q4, DR_ROLE_NURSE, 3, 4, 2, 5, 0);
	response("D1", q4, DR_ROLE_NURSE, 1, 5, 4, 0, 3);
	response("D2", q4, DR_ROLE_PHYSICIAN, 4, 2, 5, 1, 4);
	response("D2", q4, DR_ROLE_NURSE, 2, 0, 3, 4, 5);
	response("D1", q4, DR_ROLE_STAFF, 1, 0, 0, 0, 0);
	response("D2", day(2026, 7, 9), DR_ROLE_STAFF, 3, 3, 0, 0, 0);
}

static void test_visits(void)
{
	/* Department, October: D1 completed 3, no-show 1 (n 4, 1/4, new 1/3,
	 * lead median of 4 15 66 = 15); D2 completed 1, no-shows 2 (n 3, 2/3,
	 * new 1/1, lead 0). D5 has no rows: left out. */
	struct dr_breakdown_table *t = bd(0, DR_BY_DEPARTMENT, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 2, "department: D1, D2 (D5 has no rows)");
	tap_str(t->group[0].key, "D1", "department: D1 first (n 4)");
	tap_num(t->group[0].n, 4, 0, "D1 n = completed 3 + no-show 1");
	tap_num(col(t, 0, "no_show_rate"), 0.25, e, "D1 no-show 1/4");
	tap_num(col(t, 0, "new_patient_share"), 1.0 / 3, e, "D1 new 1/3");
	tap_num(col(t, 0, "lead_days_median"), 15, e, "D1 lead median of 4 15 66");
	tap_num(col(t, 1, "no_show_rate"), 2.0 / 3, e, "D2 no-show 2/3");
	tap_num(col(t, 1, "visits_completed"), 1, 0, "D2 completed 1");
	tap_num(col(t, -1, "no_show_rate"), 3.0 / 7, e, "total no-show (1+2)/(4+3)");
	tap_str(t->total.label, "All", "total is All");
	tap_ok(t->nhidden == 0 && !t->hidden_why, "nothing hidden internally");
	dr_breakdown_free(t);
	/* 3 months: D1 adds September's visit (lead 105): no-show 1/5, lead
	 * median of 4 15 66 105 = (15 + 66) / 2. */
	t = bd(0, DR_BY_DEPARTMENT, DR_WINDOW_3_MONTHS);
	tap_num(col(t, 0, "no_show_rate"), 0.2, e, "D1 3 months no-show 1/5");
	tap_num(col(t, 0, "lead_days_median"), 40.5, e, "D1 3 months lead median (15+66)/2");
	tap_int(t->from, OCT - 2, "3 months from August");
	dr_breakdown_free(t);

	/* Weekday, October: Monday V1 V2 V6 completed + 2 no-shows (n 5,
	 * 2/5); Tuesday V3 + V4 no-show (n 2, 1/2); Wednesday only a
	 * cancellation (a row, so listed, with n 0 and no rate). */
	t = bd(0, DR_BY_WEEKDAY, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "weekday: Monday, Tuesday, Wednesday");
	tap_num(t->group[2].n, 0, 0, "Wednesday n 0 (a cancellation only)");
	tap_num(col(t, 2, "no_show_rate"), NAN, 0, "... no no-show rate (0/0)");
	tap_num(col(t, 2, "visits_completed"), 0, 0, "... 0 completed");
	tap_str(t->group[0].label, "Monday", "Monday first");
	tap_str(t->group[1].key, "TUE", "then TUE");
	tap_num(col(t, 0, "no_show_rate"), 0.4, e, "Monday no-show 2/5");
	tap_num(col(t, 1, "no_show_rate"), 0.5, e, "Tuesday no-show 1/2");
	dr_breakdown_free(t);

	/* Lead time, October: 4 and 0 -> 0-7 (2), 15 -> 15-30, 66 -> 61-90. */
	t = bd(0, DR_BY_LEAD_TIME, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "lead time: 3 buckets with visits");
	tap_str(t->group[0].key, "0-7", "0-7 first");
	tap_str(t->group[0].label, "0-7 days", "... labelled 0-7 days");
	tap_num(col(t, 0, "visits"), 2, 0, "0-7: 2 visits");
	tap_num(col(t, 0, "share"), 0.5, e, "0-7: 2/4");
	tap_str(t->group[1].key, "15-30", "then 15-30");
	tap_str(t->group[2].key, "61-90", "then 61-90");
	tap_num(col(t, 2, "share"), 0.25, e, "61-90: 1/4");
	tap_num(t->total.n, 4, 0, "total 4 visits with a booked date");
	dr_breakdown_free(t);
	t = bd(0, DR_BY_LEAD_TIME, DR_WINDOW_3_MONTHS);
	tap_str(t->group[3].key, "91+", "3 months: September's 105 days -> 91+");
	tap_num(col(t, 3, "share"), 0.2, e, "91+: 1/5");
	dr_breakdown_free(t);

	/* Provider, October: PR1 "Dr One" 3 completed on 2 days (1.5/day),
	 * wRVU (2+1)/2, minutes median 30, no-show 0/3; PR2 (no name: its id)
	 * 1 completed on 1 day, wRVU 3, 25 min, no-show 3/4. */
	t = bd(0, DR_BY_PROVIDER, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 2, "provider: 2");
	tap_str(t->group[0].label, "Dr One", "PR1 labelled by name");
	tap_str(t->group[1].label, "PR2", "PR2 labelled by id");
	tap_num(t->group[0].n, 3, 0, "PR1 n = 3 completed");
	tap_num(col(t, 0, "visits_per_clinic_day"), 1.5, e, "PR1 3 visits / 2 days");
	tap_num(col(t, 0, "wrvu_per_visit"), 1.5, e, "PR1 wRVU (2+1)/2");
	tap_num(col(t, 0, "visit_minutes_median"), 30, e, "PR1 minutes median of 20 30 40");
	tap_num(col(t, 0, "no_show_rate"), 0, 0, "PR1 no-show 0/3");
	tap_num(col(t, 1, "no_show_rate"), 0.75, e, "PR2 no-show 3/4");
	tap_num(col(t, 1, "wrvu_per_visit"), 3, e, "PR2 wRVU 3/1");
	dr_breakdown_free(t);
	/* 3 months: PR1 + September (10 min): 4 visits on 3 days, median of
	 * 10 20 30 40 = 25. */
	t = bd(0, DR_BY_PROVIDER, DR_WINDOW_3_MONTHS);
	tap_num(col(t, 0, "visits_per_clinic_day"), 4.0 / 3, e, "PR1 3 months 4/3 per day");
	tap_num(col(t, 0, "visit_minutes_median"), 25, e, "PR1 3 months median 25");
	dr_breakdown_free(t);
	t = dr_metrics_breakdown(m, 0, DR_BY_PROVIDER, DR_WINDOW_MONTH, OCT - 1);
	tap_int((long)t->ngroup, 0, "provider at a month other than the report month: no groups");
	dr_breakdown_free(t);
	tap_ok(bd(0, DR_BY_NONE, DR_WINDOW_MONTH) == NULL, "DR_BY_NONE: NULL");
}

static void test_denials(void)
{
	/* Reason, October: MISSING_DOCUMENTATION 2, CODING_ERROR 1,
	 * MEDICAL_NECESSITY 1 (ties by key); 4 denials. */
	struct dr_breakdown_table *t = bd(0, DR_BY_REASON, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "reason: 3");
	tap_str(t->group[0].key, "MISSING_DOCUMENTATION", "missing documentation first (2)");
	tap_str(t->group[0].label, "Missing documentation", "... readable label");
	tap_str(t->group[1].key, "CODING_ERROR", "coding error before medical necessity (tie, key)");
	tap_num(col(t, 0, "share"), 0.5, e, "share 2/4");
	tap_num(col(t, 2, "denials"), 1, 0, "medical necessity 1");
	tap_ok(t->provisional, "October is provisional: 1 pending of 6 > 10%");
	dr_breakdown_free(t);
	/* 3 months: September adds a coding error: 2 and 2, tie by key. */
	t = bd(0, DR_BY_REASON, DR_WINDOW_3_MONTHS);
	tap_str(t->group[0].key, "CODING_ERROR", "3 months: CODING_ERROR (2) before MISSING_DOCUMENTATION (2)");
	tap_num(col(t, 0, "share"), 0.4, e, "3 months share 2/5");
	dr_breakdown_free(t);

	/* Payer, October: Aetna 4 requests (approved 1, denied 2, pending 1):
	 * rate 2/3, denied 200 + 400, decision days 2 10 9 -> 9; Cigna 2
	 * requests, 2 denied: rate 1, amount 300, days 2 3 -> 2.5. */
	t = bd(0, DR_BY_PAYER, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 2, "payer: Aetna, Cigna");
	tap_str(t->group[0].key, "Aetna", "Aetna first (4 requests)");
	tap_num(t->group[0].n, 4, 0, "Aetna n 4");
	tap_num(col(t, 0, "initial_denial_rate"), 2.0 / 3, e, "Aetna rate 2/3");
	tap_num(col(t, 0, "denied_amount"), 600, e, "Aetna denied 600");
	tap_num(col(t, 0, "decision_days_median"), 9, e, "Aetna days median 9");
	tap_num(col(t, 1, "initial_denial_rate"), 1, e, "Cigna rate 2/2");
	tap_num(col(t, 1, "decision_days_median"), 2.5, e, "Cigna days median 2.5");
	dr_breakdown_free(t);
	t = bd(0, DR_BY_PAYER, DR_WINDOW_3_MONTHS);
	tap_num(col(t, 0, "initial_denial_rate"), 0.5, e, "Aetna 3 months 2/4");
	tap_num(col(t, 1, "auth_requests"), 3, 0, "Cigna 3 months 3 requests");
	dr_breakdown_free(t);

	/* Payer x reason, October: Aetna [MD 0, CE 1, MN 1], Cigna [2, 0, 0]. */
	t = bd(0, DR_BY_PAYER_REASON, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 2, "payer-reason: 2 rows");
	tap_int((long)t->ncol, 3, "... 3 reason columns");
	tap_str(t->col_label[0], "Missing documentation", "column 0 missing documentation (2)");
	tap_str(t->col_label[1], "Coding error", "column 1 coding error");
	tap_str(t->group[0].key, "Aetna", "row 0 Aetna (2 denials, tie by key)");
	tap_num(t->cell[0].value, 0, 0, "Aetna x missing doc 0");
	tap_num(t->cell[1].value, 1, 0, "Aetna x coding 1");
	tap_num(t->cell[3].value, 2, 0, "Cigna x missing doc 2");
	tap_num(col(t, 1, "denials"), 2, 0, "Cigna row 2 denials");
	dr_breakdown_free(t);

	/* Service, October: CT 3 requests 2 denied (rate 1: R5 pending);
	 * MRI 3 requests 2 denied (2/3); tie on denials, CT by key. */
	t = bd(0, DR_BY_SERVICE, DR_WINDOW_MONTH);
	tap_str(t->group[0].key, "CT", "service: CT first (2 denials, key)");
	tap_num(col(t, 0, "initial_denial_rate"), 1, e, "CT rate 2/2");
	tap_num(col(t, 1, "denials"), 2, 0, "MRI 2 denials");
	tap_num(col(t, 1, "initial_denial_rate"), 2.0 / 3, e, "MRI rate 2/3");
	dr_breakdown_free(t);

	/* Pending at 31 October: R5 (11 days -> 8-14), R6 decided 3 Nov (6 ->
	 * 0-7), the March request (230 -> 31+); not the November one. */
	t = bd(0, DR_BY_PENDING_AGE, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "pending-age: 3 buckets with requests");
	tap_str(t->group[0].key, "0-7", "0-7");
	tap_str(t->group[1].key, "8-14", "8-14");
	tap_str(t->group[2].key, "31+", "31+ (15-30 empty)");
	tap_num(t->total.n, 3, 0, "3 pending at month end");
	tap_num(col(t, 2, "share"), 1.0 / 3, e, "31+: 1/3");
	dr_breakdown_free(t);

	/* The new series: October decision days 2 2 3 9 10 -> p90 =
	 * ceil(4.5) = 5th = 10; rate by amount 900 / (900 + 100). */
	const struct dr_series *s = dr_metrics_series(m, 0, DR_M_DECISION_DAYS_P90);
	tap_num(s->value[2], 10, 0, "decision_days_p90 Oct = 10");
	tap_ok(s->provisional[2], "... provisional like the median");
	s = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE_AMOUNT);
	tap_num(s->value[2], 0.9, e, "initial_denial_rate_amount Oct = 900/1000");
	tap_num(s->den[2], 1000, e, "... denominator 1000");
	tap_num(s->value[1], 0, 0, "Sep: 0 / 50 (R8 has no amount)");
}

static void test_handoffs_survey(void)
{
	/* Handoff type, October: SHIFT_CHANGE 2 (completion 1, within 1/2,
	 * structured 1/2, median of 0.5 and 2 = 1.25), DISCHARGE 1, REFERRAL 1. */
	struct dr_breakdown_table *t = bd(0, DR_BY_HANDOFF_TYPE, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "handoff-type: 3");
	tap_str(t->group[0].key, "SHIFT_CHANGE", "shift change first (2)");
	tap_str(t->group[1].key, "DISCHARGE", "discharge before referral (tie, key)");
	tap_num(col(t, 0, "handoffs"), 2, 0, "shift change 2 handoffs");
	tap_num(col(t, 0, "handoff_within_window_rate"), 0.5, e, "shift change within 1/2");
	tap_num(col(t, 0, "hours_to_complete_median"), 1.25, e, "shift change median 1.25 h");
	tap_num(col(t, 1, "handoff_completion_rate"), 0, 0, "discharge completion 0/1");
	tap_num(col(t, 1, "structured_tool_share"), NAN, 0, "discharge: no tool recorded, no value");
	tap_num(col(t, 2, "structured_tool_share"), 1, 0, "referral IPASS 1/1");
	dr_breakdown_free(t);

	/* Role, Q4 wave: physicians S3; nurses S1 S2 S4; staff S5.
	 * Nurses: burnout 1/3; satisfaction 4 5 -> 4.5, agree 2/2; stress
	 * 2 4 3 -> 3, agree 1/3; trust 5 4 -> 4.5; teamwork 3 5 -> 4, 1/2. */
	t = bd(0, DR_BY_ROLE, DR_WINDOW_WAVE);
	tap_int((long)t->ngroup, 3, "role: physicians, nurses, staff");
	tap_str(t->group[0].key, "PHYSICIAN", "enum order: physician first");
	tap_str(t->group[1].key, "NURSE", "then nurse");
	tap_num(t->group[1].n, 3, 0, "nurses n 3");
	tap_num(col(t, 1, "burnout_share"), 1.0 / 3, e, "nurses burnout 1/3");
	tap_num(col(t, 1, "satisfaction_mean"), 4.5, e, "nurses satisfaction (4+5)/2, S4 empty");
	tap_num(col(t, 1, "satisfaction_agree_share"), 1, e, "nurses satisfied 2/2");
	tap_num(col(t, 1, "stress_mean"), 3, e, "nurses stress (2+4+3)/3");
	tap_num(col(t, 1, "stress_agree_share"), 1.0 / 3, e, "nurses stressed 1/3");
	tap_num(col(t, 1, "trust_leadership_mean"), 4.5, e, "nurses trust (5+4)/2");
	tap_num(col(t, 1, "teamwork_agree_share"), 0.5, e, "nurses teamwork 4-5: 1/2");
	tap_num(col(t, 2, "satisfaction_mean"), NAN, 0, "staff: every item empty, no mean");
	tap_int(t->from, OCT, "wave from October");
	tap_int(t->to, OCT + 2, "... to December");
	dr_breakdown_free(t);

	/* The dyad's Q4 survey series: satisfaction 4 5 2 -> 11/3, agree 2/3;
	 * stress 2 4 5 3 -> 3.5, agree 2/4; trust 5 1 4 -> 10/3; teamwork
	 * 3 4 5 -> 4, agree 2/3. */
	const struct dr_series *s = dr_metrics_series(m, 0, DR_M_SATISFACTION_MEAN);
	tap_num(s->value[1], 11.0 / 3, e, "satisfaction_mean Q4 = 11/3");
	tap_num(s->value[0], 3, 0, "satisfaction_mean Q3 = 3 (S6)");
	tap_num(dr_metrics_series(m, 0, DR_M_SATISFACTION_AGREE_SHARE)->value[1], 2.0 / 3, e,
	        "satisfaction_agree_share Q4 = 2/3");
	tap_num(dr_metrics_series(m, 0, DR_M_STRESS_MEAN)->value[1], 3.5, e, "stress_mean Q4 = 14/4");
	tap_num(dr_metrics_series(m, 0, DR_M_STRESS_AGREE_SHARE)->value[1], 0.5, e, "stress_agree Q4 = 2/4");
	tap_num(dr_metrics_series(m, 0, DR_M_STRESS_MEAN)->value[0], NAN, 0, "stress Q3: no answer, no value");
	tap_num(dr_metrics_series(m, 0, DR_M_TRUST_LEADERSHIP_MEAN)->value[1], 10.0 / 3, e,
	        "trust_leadership_mean Q4 = 10/3");
	tap_num(dr_metrics_series(m, 0, DR_M_TRUST_LEADERSHIP_AGREE_SHARE)->value[1], 2.0 / 3, e,
	        "trust_leadership_agree_share Q4 = 2/3");
	tap_num(dr_metrics_series(m, 0, DR_M_TEAMWORK_MEAN)->value[1], 4, e, "teamwork_mean Q4 = 12/3");
	tap_num(dr_metrics_series(m, 0, DR_M_TEAMWORK_AGREE_SHARE)->value[1], 2.0 / 3, e,
	        "teamwork_agree_share Q4 = 2/3");
	tap_int(dr_metric_def(DR_M_STRESS_MEAN)->better, -1, "stress: lower is better");
	tap_int(dr_metric_def(DR_M_TEAMWORK_AGREE_SHARE)->better, 1, "teamwork: higher is better");

	/* Per-group series: department visits (D1, D2 have rows; D5 none). */
	size_t n;
	const char *const *labels;
	s = dr_metrics_group_series(m, 0, DR_BY_DEPARTMENT, DR_M_VISITS_COMPLETED, &n, &labels);
	tap_int((long)n, 2, "department series: D1, D2");
	tap_str(labels[0], "D1", "... D1");
	tap_num(s[0].value[2], 3, 0, "D1 Oct completed 3");
	tap_num(s[0].value[1], 1, 0, "D1 Sep completed 1");
	tap_num(s[1].value[1], NAN, 0, "D2 Sep: no rows, no value");
	tap_ok(s[0].spc != NULL && s[0].n == 3, "judged over the 3-month window");
	s = dr_metrics_group_series(m, 0, DR_BY_HANDOFF_TYPE, DR_M_HANDOFF_WITHIN_WINDOW_RATE, &n, &labels);
	tap_int((long)n, 3, "handoff-type series: 3 types with rows");
	tap_str(labels[0], "Shift change", "... shift change first (enum order)");
	tap_num(s[0].value[2], 0.5, e, "shift change within window Oct 1/2");
	tap_ok(dr_metrics_group_series(m, 0, DR_BY_WEEKDAY, DR_M_VISITS_COMPLETED, &n, &labels) == NULL,
	       "weekday series: NULL");
	tap_ok(dr_metrics_group_series(m, 0, DR_BY_DEPARTMENT, DR_M_AUTH_REQUESTS, &n, &labels) == NULL,
	       "department x denials metric: NULL");
}

/* The survey rule: groups of 1 to suppress_below - 1 respondents. */
static void test_survey_rule(struct dr_config *cfg)
{
	struct dr_privacy priv = { .suppress_below = 3 };
	m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
	feed_main();
	load_all();
	/* Roles: physicians 1 and staff 1 hidden, nurses 3 shown; two hidden
	 * protect each other. */
	struct dr_breakdown_table *t = bd(0, DR_BY_ROLE, DR_WINDOW_WAVE);
	tap_int((long)t->nhidden, 2, "role: physicians (1) and staff (1) hidden");
	tap_ok(empty(t, 0) && empty(t, 2), "... holding no number at all");
	tap_ok(!t->group[1].hidden && t->group[1].n == 3, "nurses (3) shown");
	tap_str(t->hidden_why, "fewer than 3 respondents", "hidden_why");
	tap_ok(!t->total.hidden && t->total.n == 5, "total of 5 shown");
	dr_breakdown_free(t);
	/* Survey department: D1 3 (S1 S2 S5), D2 2 -> D2 hidden, and D1 by
	 * the complementary rule, else D2 = total - D1. */
	t = bd(0, DR_BY_SURVEY_DEPARTMENT, DR_WINDOW_WAVE);
	tap_int((long)t->ngroup, 2, "survey-department: D1, D2");
	tap_int((long)t->nhidden, 2, "D2 (2) hidden and D1 by the complementary rule");
	tap_ok(empty(t, 0) && empty(t, 1), "... both hold no number");
	dr_breakdown_free(t);
	/* The dyad's Q3 wave has one respondent: hidden in the new series. */
	const struct dr_series *s = dr_metrics_series(m, 0, DR_M_SATISFACTION_MEAN);
	tap_ok(s->suppressed[0] && isnan(s->value[0]) && isnan(s->den[0]), "Q3 satisfaction hidden (1 < 3)");
	/* The survey rule never touches visits. */
	t = bd(0, DR_BY_DEPARTMENT, DR_WINDOW_MONTH);
	tap_int((long)t->nhidden, 0, "visits by department: not a survey, not public: shown");
	dr_breakdown_free(t);
	dr_metrics_free(m);
}

/* The public small-cell rule (below 11) with its complement. */
static void test_public(struct dr_config *cfg)
{
	struct dr_privacy priv = { .suppress_below = 5, .small_cells_below = 11 };
	m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
	const int C = DR_VISIT_COMPLETED, NS = DR_VISIT_NO_SHOW, EST = DR_VISIT_ESTABLISHED;
	dr_date oct = day(2026, 10, 5);
	/* D1: 20 completed, 12 no-shows; D2: 15 completed, 3 no-shows (a
	 * small numerator); D5: 12 completed. September: 5 completed in D1. */
	for (int i = 0; i < 20; i++)
		visit("D1", oct, "PR1", NULL, EST, C, DR_NO_DATE, NAN, NAN);
	for (int i = 0; i < 12; i++)
		visit("D1", oct, "PR1", NULL, EST, NS, DR_NO_DATE, NAN, NAN);
	for (int i = 0; i < 15; i++)
		visit("D2", oct, "PR1", NULL, EST, C, DR_NO_DATE, NAN, NAN);
	for (int i = 0; i < 3; i++)
		visit("D2", oct, "PR1", NULL, EST, NS, DR_NO_DATE, NAN, NAN);
	for (int i = 0; i < 12; i++)
		visit("D5", oct, "PR1", NULL, EST, C, DR_NO_DATE, NAN, NAN);
	for (int i = 0; i < 5; i++)
		visit("D1", day(2026, 9, 7), "PR1", NULL, EST, C, DR_NO_DATE, NAN, NAN);
	/* Dyad b: PRA 20 completed on 20 days, PRB 15 on 15 days (clinic
	 * days are a rate's denominator: 11 or more), PRC only 3 no-shows
	 * (size 0). */
	for (int i = 0; i < 35; i++)
		visit("D3", day(2026, 10, 1 + i % 20), i < 20 ? "PRA" : "PRB", NULL, EST, C, DR_NO_DATE, NAN, NAN);
	for (int i = 0; i < 3; i++)
		visit("D3", oct, "PRC", NULL, EST, NS, DR_NO_DATE, NAN, NAN);
	/* Aetna: 12 approved; Cigna: 8 approved, 3 denied (small). */
	for (int i = 0; i < 12; i++)
		request("D1", "Aetna", "MRI", day(2026, 10, 1), day(2026, 10, 2), DR_DENIAL_APPROVED,
		        DR_REASON_UNSPECIFIED, NAN);
	for (int i = 0; i < 11; i++)
		request("D1", "Cigna", "MRI", day(2026, 10, 1), day(2026, 10, 2),
		        i < 3 ? DR_DENIAL_DENIED : DR_DENIAL_APPROVED, DR_REASON_OTHER, NAN);
	load_all();

	/* Department: D2 hidden (no-shows 3), then D5 (12 < 32) by the
	 * complementary rule; then D1 as well: shown at 12 of 32 beside the
	 * total's 15 of 62, it would tell that D2 and D5 had 3 no-shows. */
	struct dr_breakdown_table *t = bd(0, DR_BY_DEPARTMENT, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "public department: D1, D2, D5");
	tap_str(t->group[0].key, "D1", "D1 (32) first");
	tap_ok(empty(t, 0), "D1 hidden: total 15 of 62 less D1 12 of 32 = 3 no-shows hidden");
	tap_str(t->group[1].key, "D2", "D2 (18)");
	tap_ok(empty(t, 1), "D2 hidden: 3 no-shows is 1 to 10, no number kept");
	tap_ok(empty(t, 2), "D5 (12) hidden by the complementary rule");
	tap_int((long)t->nhidden, 3, "nhidden 3");
	tap_str(t->hidden_why, "1 to 10 patients' records (CMS cell-size rule)", "hidden_why");
	tap_ok(!t->total.hidden, "total shown: 47 completed, 15 of 62");
	tap_num(col(t, -1, "no_show_rate"), 15.0 / 62, e, "total no-show 15/62");
	dr_breakdown_free(t);

	/* Provider, dyad b: PRC (0 completed, no-show 3/3) is hidden although
	 * its size is 0, and still counts for the complementary rule: PRB
	 * (15) goes too, else PRC = total - PRA - PRB. */
	t = bd(1, DR_BY_PROVIDER, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "public provider: PRA, PRB, PRC");
	tap_ok(!t->group[0].hidden && empty(t, 1) && empty(t, 2), "PRC hidden, PRB by complement, PRA shown");
	tap_int((long)t->nhidden, 2, "... nhidden 2");
	dr_breakdown_free(t);

	/* Payer: Cigna's 3 denials hide it; Aetna goes by complement. */
	t = bd(0, DR_BY_PAYER, DR_WINDOW_MONTH);
	tap_int((long)t->nhidden, 2, "public payer: Cigna (3 denied) and Aetna (complement)");
	tap_ok(empty(t, 0) && empty(t, 1), "... no number kept");
	dr_breakdown_free(t);
	/* Reason: one reason, 3 denials: hidden, and the total too. */
	t = bd(0, DR_BY_REASON, DR_WINDOW_MONTH);
	tap_ok(t->ngroup == 1 && empty(t, 0), "public reason: OTHER (3) hidden");
	tap_ok(t->total.hidden && isnan(t->total.n), "... and the total of 3");
	dr_breakdown_free(t);
	/* Payer x reason: the Cigna row (3) hidden; Aetna has no denials. */
	t = bd(0, DR_BY_PAYER_REASON, DR_WINDOW_MONTH);
	tap_ok(t->ngroup == 1 && t->ncol == 1 && t->cell_hidden[0] && isnan(t->cell[0].value),
	       "public grid: the one cell of 3 hidden");
	dr_breakdown_free(t);

	/* The dyad's own series: September 5 completed -> hidden; October
	 * 47 -> shown; October initial denial rate 3/23 -> hidden. */
	const struct dr_series *s = dr_metrics_series(m, 0, DR_M_VISITS_COMPLETED);
	tap_ok(s->suppressed[1] && isnan(s->value[1]) && isnan(s->num[1]), "public: Sep 5 visits hidden");
	tap_num(s->value[2], 47, 0, "public: Oct 47 visits shown");
	s = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE);
	tap_ok(s->suppressed[2] && isnan(s->den[2]), "public: Oct denial rate on 3 denials hidden");
	s = dr_metrics_series(m, 0, DR_M_NO_SHOW_RATE);
	tap_num(s->value[2], 15.0 / 62, e, "public: Oct no-show 15/62 shown");

	/* Department series, October no-show rate: D2 hidden (3), D5 by the
	 * complementary rule (den 12 < 32). */
	size_t n;
	const char *const *labels;
	s = dr_metrics_group_series(m, 0, DR_BY_DEPARTMENT, DR_M_NO_SHOW_RATE, &n, &labels);
	tap_int((long)n, 3, "public department series: 3");
	tap_num(s[0].value[2], 12.0 / 32, e, "D1 Oct shown");
	tap_ok(s[1].suppressed[2] && isnan(s[1].value[2]), "D2 Oct hidden (3 no-shows)");
	tap_ok(s[2].suppressed[2] && isnan(s[2].den[2]), "D5 Oct hidden by the complementary rule");
	dr_metrics_free(m);
}

/* The payer x reason grid in public: the small rule per cell, then the
 * complementary rule per row and per column until nothing changes. */
static void test_grid(struct dr_config *cfg)
{
	struct dr_privacy priv = { .suppress_below = 5, .small_cells_below = 11 };
	m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
	/*        CE  MN  MD    (coding, medical necessity, missing documentation)
	 *   X    20  30   3
	 *   Y    15  25  12
	 *   Z    40  11  14
	 * Rows by denials: Z 65, X 53, Y 52; columns by total: CE 75, MN 66,
	 * MD 29. X-MD (3) is small; row X then hides its smallest other, X-CE
	 * (20); column CE hides Y-CE (15, below Z's 40); column MD hides Y-MD
	 * (12, below Z's 14). Row Y then has two hidden: stable. */
	const char *payer[3] = { "X", "Y", "Z" };
	const int reason[3] = { DR_REASON_CODING_ERROR, DR_REASON_MEDICAL_NECESSITY,
	                        DR_REASON_MISSING_DOCUMENTATION };
	const int count[3][3] = { { 20, 30, 3 }, { 15, 25, 12 }, { 40, 11, 14 } };
	for (int p = 0; p < 3; p++)
		for (int r = 0; r < 3; r++)
			for (int i = 0; i < count[p][r]; i++)
				request("D3", payer[p], "MRI", day(2026, 10, 1), day(2026, 10, 2),
				        DR_DENIAL_DENIED, reason[r], NAN);
	load_all();
	struct dr_breakdown_table *t = bd(1, DR_BY_PAYER_REASON, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 3, "grid: 3 payers");
	tap_str(t->group[0].key, "Z", "rows by denials: Z first");
	tap_str(t->col_label[0], "Coding error", "columns by total: coding error first");
	tap_str(t->col_label[2], "Missing documentation", "... missing documentation last");
	const bool want[9] = { false, false, false, true, false, true, true, false, true };
	bool same = true, nan_ok = true;
	for (int i = 0; i < 9; i++) {
		same &= t->cell_hidden[i] == want[i];
		nan_ok &= t->cell_hidden[i] ? isnan(t->cell[i].value) && isnan(t->cell[i].num)
		                            : !isnan(t->cell[i].value);
	}
	tap_ok(same, "hidden: X-MD (small), X-CE (row), Y-CE and Y-MD (columns)");
	tap_ok(nan_ok, "hidden cells hold no number, shown ones do");
	tap_num(t->cell[1].value, 11, 0, "Z-MN 11 shown (11 is not below 11)");
	tap_ok(t->nhidden == 0 && t->hidden_why != NULL, "rows shown; hidden_why set for the cells");
	dr_breakdown_free(t);
	dr_metrics_free(m);
}

/* Public: the final denial rate rests on the overturned count too, since
 * initial - final = overturned / decided and the request count is printed. */
static void test_final_rate(struct dr_config *cfg)
{
	struct dr_privacy priv = { .suppress_below = 5, .small_cells_below = 11 };
	m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
	/* September and October: 30 approved, 20 denied in D1. October's
	 * appeals: 3 overturned, 12 upheld; September's: none. */
	for (int mo = 9; mo <= 10; mo++)
		for (int i = 0; i < 50; i++) {
			struct dr_denial r = { "R", "D1", "Aetna", "MRI", day(2026, mo, 1), day(2026, mo, 2),
			                       i < 20 ? DR_DENIAL_DENIED : DR_DENIAL_APPROVED, DR_REASON_OTHER,
			                       mo == 10 && i < 3 ? DR_APPEAL_OVERTURNED
			                       : mo == 10 && i < 15 ? DR_APPEAL_UPHELD : DR_APPEAL_NONE, NAN };
			dr_metrics_add(DR_DENIALS, &r, m);
		}
	load_all();
	const struct dr_series *ini = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE);
	const struct dr_series *fin = dr_metrics_series(m, 0, DR_M_FINAL_DENIAL_RATE);
	const struct dr_series *ovr = dr_metrics_series(m, 0, DR_M_OVERTURN_RATE);
	tap_num(ini->value[2], 0.4, e, "October initial rate 20 / 50 = 0.4 shown");
	/* (0.40 - 17/50) x 50 requests = 3 overturned: must not print. */
	tap_ok(fin->suppressed[2] && isnan(fin->value[2]), "October final rate hidden (3 overturned)");
	tap_ok(ovr->suppressed[2] && isnan(ovr->value[2]), "October overturn rate 3 / 15 hidden");
	tap_num(fin->value[1], 0.4, e, "September final rate (20 - 0) / 50 = 0.4 shown: 0 is no small cell");
	dr_metrics_free(m);
}

/* An item few answered is hidden on its own: 6 nurses respond in October,
 * only 2 of them to the stress item (0 = empty). */
static void test_item_rule(struct dr_config *cfg)
{
	struct dr_privacy priv = { .suppress_below = 5 };
	m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
	for (int i = 0; i < 6; i++)
		response("D1", day(2026, 10, 3), DR_ROLE_NURSE, 2, 4, i < 2 ? 5 : 0, 3, 4);
	load_all();
	struct dr_breakdown_table *t = bd(0, DR_BY_ROLE, DR_WINDOW_WAVE);
	tap_ok(t->ngroup == 1 && !t->group[0].hidden && t->group[0].n == 6, "nurses (6) shown");
	tap_ok(isnan(col(t, 0, "stress_mean")) && isnan(col(t, 0, "stress_agree_share")),
	       "their stress item, answered by 2 (< 5), hidden");
	tap_num(col(t, 0, "satisfaction_mean"), 4, e, "their satisfaction (6 answers) shown: 4.0");
	dr_breakdown_free(t);
	const struct dr_series *s = dr_metrics_series(m, 0, DR_M_STRESS_MEAN);
	size_t q4 = s->n - 1;
	tap_ok(s->suppressed[q4] && isnan(s->value[q4]), "the dyad's Q4 stress mean (2 answers) hidden");
	s = dr_metrics_series(m, 0, DR_M_SATISFACTION_MEAN);
	tap_num(s->value[q4], 4, e, "the dyad's Q4 satisfaction mean shown");
	dr_metrics_free(m);
}

/* "Latest wave" pages: a survey run in August only is Q3's, not the
 * empty Q4 of the October report. */
static void test_latest_wave(struct dr_config *cfg)
{
	m = dr_metrics_new(cfg, OCT - 2, OCT, NULL);
	for (int i = 0; i < 6; i++)
		response("D1", day(2026, 8, 3), DR_ROLE_NURSE, 2, 4, 3, 3, 4);
	load_all();
	tap_int(dr_metrics_latest_wave(m, 0, OCT), OCT - 3, "latest wave with respondents: Q3 (July)");
	tap_int(dr_metrics_latest_wave(m, 1, OCT), OCT, "a dyad without any: the report month");
	struct dr_breakdown_table *t = dr_metrics_breakdown(m, 0, DR_BY_ROLE, DR_WINDOW_WAVE,
	                                                    dr_metrics_latest_wave(m, 0, OCT));
	tap_ok(t->ngroup == 1 && t->group[0].n == 6, "its role table: 6 nurses");
	dr_breakdown_free(t);
	dr_metrics_free(m);
}

/* Public: a 3-month breakdown whose one month has 1 to 10 denials shows
 * nothing, since that month's count would be the window's total minus the
 * other two months (each a shown rate times a shown count). */
static void test_window_rule(struct dr_config *cfg)
{
	struct dr_privacy priv = { .suppress_below = 5, .small_cells_below = 11 };
	m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
	/* August 4 denied of 40, September 20 and October 24 of 50, in D1:
	 * reasons OTHER and CODING_ERROR half each (large in the window). */
	for (int mo = 8; mo <= 10; mo++) {
		int n = mo == 8 ? 40 : 50, denied = mo == 8 ? 4 : mo == 9 ? 20 : 24;
		for (int i = 0; i < n; i++) {
			struct dr_denial r = { "R", "D1", "Aetna", "MRI", day(2026, mo, 1), day(2026, mo, 2),
			                       i < denied ? DR_DENIAL_DENIED : DR_DENIAL_APPROVED,
			                       i % 2 ? DR_REASON_OTHER : DR_REASON_CODING_ERROR,
			                       DR_APPEAL_NONE, NAN };
			dr_metrics_add(DR_DENIALS, &r, m);
		}
	}
	load_all();
	const struct dr_series *ini = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE);
	tap_ok(ini->suppressed[0], "August's rate rests on 4 denials: hidden");
	struct dr_breakdown_table *t = bd(0, DR_BY_REASON, DR_WINDOW_3_MONTHS);
	/* 48 denials in the window, 24 a reason: each large, yet 48 - 44 = 4. */
	tap_ok(t->total.hidden && isnan(t->total.n), "the window's total is hidden");
	tap_int((long)t->nhidden, (long)t->ngroup, "every reason hidden");
	tap_ok(t->hidden_why && strstr(t->hidden_why, "a month of the period"), "and says why");
	dr_breakdown_free(t);
	t = bd(0, DR_BY_REASON, DR_WINDOW_MONTH);
	tap_ok(!t->total.hidden && t->total.n == 24, "October alone (24 denials) is shown");
	tap_int((long)t->nhidden, 0, "with both its reasons (12 each)");
	dr_breakdown_free(t);
	dr_metrics_free(m);
}

/* The key cap and the 40-group limit: 5,003 providers in one month. */
static void test_caps(struct dr_config *cfg)
{
	m = dr_metrics_new(cfg, OCT - 2, OCT, NULL);
	char id[16];
	for (int i = 0; i < 5003; i++) {
		snprintf(id, sizeof id, "P%04d", i);
		visit("D3", day(2026, 10, 5), id, NULL, DR_VISIT_ESTABLISHED, DR_VISIT_COMPLETED, DR_NO_DATE,
		      NAN, NAN);
	}
	load_all();
	/* Keys P0000..P4999 fill the 5,000; P5000..P5002 go to "Other" (3).
	 * Sorted by n: Other (3) first, then P0000.. (1 each); past 40 the
	 * rest (5,001 - 40 = 4,961 groups) are summed into "Other (4961)". */
	struct dr_breakdown_table *t = bd(1, DR_BY_PROVIDER, DR_WINDOW_MONTH);
	tap_int((long)t->ngroup, 41, "40 groups + Other (N)");
	tap_str(t->group[0].label, "Other", "keys past 5,000 share one Other");
	tap_num(t->group[0].n, 3, 0, "... with their 3 visits");
	tap_str(t->group[1].key, "P0000", "then P0000 (ties by key)");
	tap_str(t->group[40].label, "Other (4961)", "the rest summed");
	tap_num(t->group[40].n, 4961, 0, "... 4,961 visits");
	tap_num(t->total.n, 5003, 0, "total 5,003");
	dr_breakdown_free(t);
	dr_metrics_free(m);
}

/* Public: a rate's complement is a count too. 58 of 60 referrals completed
 * tells that 2 were not, so the rate, and its group, are hidden in public
 * and shown internally; the series point of 58 of 60 likewise. */
static void test_rate_complement(struct dr_config *cfg)
{
	for (int pub = 0; pub < 2; pub++) {
		struct dr_privacy priv = { .suppress_below = 5, .small_cells_below = pub ? 11 : 0 };
		m = dr_metrics_new(cfg, OCT - 2, OCT, &priv);
		/* Dyad a: referral 60 (58 completed), shift change 83 (70
		 * completed), discharge 40 (all completed). Dyad b: referral
		 * 60 (58 completed) and nothing else. Tools all SBAR. */
		for (int i = 0; i < 60; i++)
			handoff("D1", DR_HANDOFF_REFERRAL, i < 58, i < 58 ? 0.5 : NAN, NAN, DR_TOOL_SBAR);
		for (int i = 0; i < 83; i++)
			handoff("D1", DR_HANDOFF_SHIFT_CHANGE, i < 70, i < 70 ? 0.5 : NAN, NAN, DR_TOOL_SBAR);
		for (int i = 0; i < 40; i++)
			handoff("D2", DR_HANDOFF_DISCHARGE, true, 0.5, NAN, DR_TOOL_SBAR);
		for (int i = 0; i < 60; i++)
			handoff("D3", DR_HANDOFF_REFERRAL, i < 58, i < 58 ? 0.5 : NAN, NAN, DR_TOOL_SBAR);
		load_all();

		const struct dr_series *s = dr_metrics_series(m, 1, DR_M_HANDOFF_COMPLETION_RATE);
		if (pub)
			tap_ok(s->suppressed[2] && isnan(s->value[2]) && isnan(s->num[2]) && isnan(s->den[2]),
			       "public: Oct completion 58 / 60 hidden (2 incomplete)");
		else
			tap_num(s->value[2], 58.0 / 60, e, "internal: Oct completion 58 / 60 shown");
		s = dr_metrics_series(m, 1, DR_M_STRUCTURED_TOOL_SHARE);
		tap_num(s->value[2], 1, 0, pub ? "public: 60 of 60 SBAR shown (complement 0 is no small cell)"
		                              : "internal: 60 of 60 SBAR shown");
		s = dr_metrics_series(m, 0, DR_M_HANDOFF_COMPLETION_RATE);
		tap_num(s->value[2], 168.0 / 183, e, pub ? "public: dyad a 168 / 183 shown (15 incomplete)"
		                                          : "internal: dyad a 168 / 183 shown");

		struct dr_breakdown_table *t = bd(0, DR_BY_HANDOFF_TYPE, DR_WINDOW_MONTH);
		long ref = -1, sc = -1, dis = -1;
		for (size_t g = 0; g < t->ngroup; g++) {
			if (strcmp(t->group[g].key, "REFERRAL") == 0)
				ref = (long)g;
			if (strcmp(t->group[g].key, "SHIFT_CHANGE") == 0)
				sc = (long)g;
			if (strcmp(t->group[g].key, "DISCHARGE") == 0)
				dis = (long)g;
		}
		tap_ok(t->ngroup == 3 && ref >= 0 && sc >= 0 && dis >= 0, pub ? "public handoff-type: 3 groups" : "internal handoff-type: 3 groups");
		if (pub) {
			tap_ok(empty(t, (size_t)ref), "public: referral (58 of 60) hidden, no number kept");
			tap_ok(empty(t, (size_t)dis), "public: discharge (40) hidden by the complementary rule");
			/* Shown, shift change 70 / 83 would tell, beside All 168 / 183,
			 * that the hidden two had 98 of 100 completed: 2 incomplete. */
			tap_ok(empty(t, (size_t)sc), "public: shift change hidden too (hidden groups' 2 incomplete = All - shown)");
			tap_int((long)t->nhidden, 3, "public: nhidden 3");
			tap_num(col(t, -1, "handoff_completion_rate"), 168.0 / 183, e,
			        "public: All 168 / 183 shown (15 incomplete)");
			tap_ok(t->hidden_why != NULL, "public: hidden_why set");
		} else {
			tap_num(col(t, ref, "handoff_completion_rate"), 58.0 / 60, e,
			        "internal: referral 58 / 60 shown");
			tap_num(col(t, dis, "handoff_completion_rate"), 1, 0, "internal: discharge 40 / 40 shown");
			tap_int((long)t->nhidden, 0, "internal: nothing hidden");
		}
		dr_breakdown_free(t);
		dr_metrics_free(m);
	}
}

int main(void)
{
	tu_write("visits.csv", "visit_id\n");
	struct dr_config cfg;
	if (dr_config_load(tu_write("site.ini", site), &cfg) != 0)
		return 99;
	for (int id = 0; id < DR_NMETRICS; id++)
		if ((int)dr_metric_def(id)->id != id)
			tap_ok(0, "metric table order = enum order");
	tap_ok(dr_metric_find("decision_days_p90") && dr_metric_find("teamwork_agree_share"),
	       "new metrics are in the table");

	m = dr_metrics_new(&cfg, OCT - 2, OCT, NULL);
	feed_main();
	load_all();
	test_visits();
	test_denials();
	test_handoffs_survey();
	dr_metrics_free(m);

	test_survey_rule(&cfg);
	test_public(&cfg);
	test_grid(&cfg);
	test_final_rate(&cfg);
	test_rate_complement(&cfg);
	test_window_rule(&cfg);
	test_item_rule(&cfg);
	test_latest_wave(&cfg);
	test_caps(&cfg);
	dr_config_free(&cfg);
	tu_cleanup();
	return tap_done();
}
