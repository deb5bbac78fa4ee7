/*
 * test-metrics.c -- every metric of the walking skeleton on tiny hand-made
 * extracts, against answers worked out by hand in the comments below, and
 * the loader + metrics path end to end (dr_load_extract -> dr_metrics_add).
 */
#include <math.h>

#include "dyadreport/config.h"
#include "dyadreport/metric.h"
#include "tap.h"
#include "testutil.h"

static const char visits[] =
	"visit_id,visit_date,patient_id,provider_id,provider_name,department,visit_type,status,booked_date,duration_min,wrvu\n"
	"V1,2026-09-01,P1,PR1,Dr One,D1,NEW,COMPLETED,2026-08-22,20,2.0\n"
	"V2,2026-09-01,P1,PR1,Dr One,D1,ESTABLISHED,COMPLETED,2026-08-31,30,\n"
	"V3,2026-09-02,P2,PR1,\"One, Dr\",D2,ESTABLISHED,COMPLETED,,40,1.5\n"
	"V4,2026-09-02,P3,PR2,Dr Two,D2,NEW,NO_SHOW,2026-08-01,,\n"
	"V5,2026-09-03,P4,PR2,Dr Two,D1,ESTABLISHED,CANCELLED,2026-08-01,,\n"
	"V6,2026-10-05,P1,PR1,Dr One,d1,ESTABLISHED,COMPLETED,2026-10-01,25,3.0\n"
	"V7,2026-10-05,P5,PR3,Dr Three,D3,NEW,COMPLETED,2026-10-01,25,3.0\n"
	"V8,2026-10-06,P6,PR1,Dr One,ZZ,NEW,COMPLETED,2026-10-01,25,3.0\n";

static const char denials[] =
	"request_id,department,payer,service,submitted_date,decision_date,status,denial_reason,appeal_status,amount\n"
	"R1,D1,Aetna,MRI,2026-10-01,2026-10-03,APPROVED,,,100\n"
	"R2,D1,Aetna,MRI,2026-10-01,2026-10-11,DENIED,CODING_ERROR,OVERTURNED,200\n"
	"R3,D2,Cigna,CT,2026-10-02,2026-10-04,DENIED,,UPHELD,300\n"
	"R4,D2,Cigna,CT,2026-10-02,2026-10-06,DENIED,MEDICAL_NECESSITY,PENDING,\n"
	"R5,D1,Aetna,CT,2026-10-03,,PENDING,,,50\n"
	"R6,D1,Aetna,CT,2026-09-03,2026-09-04,APPROVED,,,50\n";

static const char handoffs[] =
	"handoff_id,handoff_date,department,handoff_type,completed,hours_to_complete,window_hours,structured_tool\n"
	"H1,2026-10-01 07:00,D1,SHIFT_CHANGE,Y,0.5,,SBAR\n"
	"H2,2026-10-01,D1,SHIFT_CHANGE,Y,2,,NONE\n"
	"H3,2026-10-02,D2,DISCHARGE,N,,,\n"
	"H4,2026-10-03,D2,REFERRAL,Y,100,48,IPASS\n";

static const char burnout[] =
	"response_id,survey_date,department,role,burnout,satisfaction,stress,trust_leadership,teamwork\n"
	"S1,2026-10-02,D1,NURSE,3,4,,,\n"
	"S2,2026-10-03,D1,PHYSICIAN,1,,,,\n"
	"S3,2026-10-04,D2,STAFF,5,,,,\n"
	"S4,2026-07-04,D2,STAFF,2,,,,\n";

static const char site[] =
	"[report]\nperiod = 2026-10\nmonths = 3\nsuppress_below = 1\n"
	"[input]\nvisits = visits.csv\ndenials = denials.csv\nhandoffs = handoffs.csv\nburnout = burnout.csv\n"
	"[dyad a]\ndepartments = D1, D2\n"
	"[dyad b]\ndepartments = D3\n"
	"[target initial_denial_rate]\nvalue = 8%\n";

static struct dr_metrics *m;

/* Value of metric id for dyad d at point i (months Aug, Sep, Oct 2026). */
static double val(size_t d, enum dr_metric_id id, size_t i)
{
	const struct dr_series *s = dr_metrics_series(m, d, id);
	return s && i < s->n ? s->value[i] : -999;
}

int main(void)
{
	tu_write("visits.csv", visits);
	tu_write("denials.csv", denials);
	tu_write("handoffs.csv", handoffs);
	tu_write("burnout.csv", burnout);
	struct dr_config cfg;
	if (dr_config_load(tu_write("site.ini", site), &cfg) != 0)
		return 99;
	m = dr_metrics_new(&cfg, dr_month_make(2026, 8), dr_month_make(2026, 10), NULL);
	struct dr_load_stats st[DR_NEXTRACTS] = { 0 };
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		struct dr_load_options lo = { .path = cfg.input[e], .display = cfg.input_raw[e] };
		tap_int(dr_load_extract(e, &lo, &st[e], dr_metrics_add, m), 0, dr_extract_name(e));
		dr_metrics_mark_loaded(m, e);
	}
	dr_metrics_finish(m);
	tap_int(st[DR_VISITS].rows_read, 8, "visits: 8 rows read");
	tap_int(st[DR_VISITS].rows_used, 8, "visits: 8 used");
	tap_int(dr_metrics_unowned(m, DR_VISITS), 1, "department ZZ belongs to no dyad");

	const double e = 1e-12;
	/* August: no visit rows for dyad a -> no value, never 0. */
	tap_num(val(0, DR_M_VISITS_COMPLETED, 0), NAN, 0, "Aug: no rows, no value");
	/* September, dyad a: V1 V2 V3 completed, V4 no-show, V5 cancelled. */
	tap_num(val(0, DR_M_VISITS_COMPLETED, 1), 3, 0, "Sep completed = 3");
	tap_num(val(0, DR_M_NEW_PATIENT_SHARE, 1), 1.0 / 3, e, "Sep new share = 1/3");
	tap_num(val(0, DR_M_NO_SHOW_RATE, 1), 0.25, e, "Sep no-show = 1/(3+1)");
	tap_num(val(0, DR_M_WRVU_PER_VISIT, 1), 1.75, e, "Sep wRVU/visit = (2.0+1.5)/2 (V2 has none)");
	tap_num(val(0, DR_M_DISTINCT_PATIENTS, 1), 2, 0, "Sep distinct patients = P1, P2");
	tap_num(val(0, DR_M_VISITS_PER_CLINIC_DAY, 1), 1.5, e, "Sep visits per clinic day = 3/2");
	tap_num(val(0, DR_M_LEAD_DAYS_MEDIAN, 1), 5.5, e, "Sep lead days median of 10, 1");
	tap_num(val(0, DR_M_VISIT_MINUTES_MEDIAN, 1), 30, e, "Sep minutes median of 20 30 40");
	/* October, dyad a: V6 (department written d1: matched case-insensitively). */
	tap_num(val(0, DR_M_VISITS_COMPLETED, 2), 1, 0, "Oct completed = 1 (d1 matches D1)");
	tap_num(val(0, DR_M_NO_SHOW_RATE, 2), 0, 0, "Oct no-show = 0/1, a real zero");
	tap_num(val(1, DR_M_VISITS_COMPLETED, 2), 1, 0, "dyad b Oct completed = 1");
	const struct dr_series *s = dr_metrics_series(m, 0, DR_M_NO_SHOW_RATE);
	tap_num(s->num[1], 1, 0, "no-show numerator kept");
	tap_num(s->den[1], 4, 0, "no-show denominator kept");

	/* Denials, dyad a, October: approved 1, denied 3, pending 1. */
	tap_num(val(0, DR_M_AUTH_REQUESTS, 2), 5, 0, "Oct requests = 5");
	tap_num(val(0, DR_M_INITIAL_DENIAL_RATE, 2), 0.75, e, "Oct initial denial = 3/4");
	tap_num(val(0, DR_M_FINAL_DENIAL_RATE, 2), 0.5, e, "Oct final denial = (3-1)/4");
	tap_num(val(0, DR_M_OVERTURN_RATE, 2), 0.5, e, "Oct overturn = 1/(1+1)");
	tap_num(val(0, DR_M_DECISION_DAYS_MEDIAN, 2), 3, e, "Oct decision days median of 2 10 2 4");
	tap_num(val(0, DR_M_DECISIONS_OVER_7_DAYS_SHARE, 2), 0.25, e, "Oct over 7 days = 1/4");
	tap_num(val(0, DR_M_DENIED_AMOUNT, 2), 500, e, "Oct denied amount = 200 + 300");
	tap_num(val(0, DR_M_INITIAL_DENIAL_RATE, 1), 0, 0, "Sep initial denial = 0/1");
	s = dr_metrics_series(m, 0, DR_M_INITIAL_DENIAL_RATE);
	tap_ok(s->provisional[2], "Oct is provisional: 1 of 5 pending > 10%");
	tap_ok(!s->provisional[1], "Sep is not");
	tap_ok(s->has_target && fabs(s->target - 0.08) < e && s->better == -1, "target attached");
	tap_num(val(1, DR_M_INITIAL_DENIAL_RATE, 2), NAN, 0, "dyad b has no denials: no value");

	/* Handoffs, dyad a, October. */
	tap_num(val(0, DR_M_HANDOFF_COMPLETION_RATE, 2), 0.75, e, "completion = 3/4");
	tap_num(val(0, DR_M_HANDOFF_WITHIN_WINDOW_RATE, 2), 0.25, e,
	        "within window = 1/4 (H1 0.5h<=1h; H2 2h>1h; H4 100h>48h given)");
	tap_num(val(0, DR_M_STRUCTURED_TOOL_SHARE, 2), 2.0 / 3, e, "structured = SBAR+IPASS of 3 recorded");
	tap_num(val(0, DR_M_HOURS_TO_COMPLETE_MEDIAN, 2), 2, e, "hours median of 0.5 2 100");

	/* Burnout by quarter: Q3 2026 (July), Q4 2026 (October). */
	s = dr_metrics_series(m, 0, DR_M_BURNOUT_SHARE);
	tap_int((long)s->n, 2, "two survey waves in the window");
	tap_int(s->period[0], dr_month_make(2026, 7), "first wave starts July");
	tap_num(s->value[0], 0, 0, "Q3 burnout = 0/1");
	tap_num(s->value[1], 2.0 / 3, e, "Q4 burnout = 2/3 (scores 3 and 5 of 3, 1, 5)");
	tap_num(val(0, DR_M_SURVEY_RESPONDENTS, 1), 3, 0, "Q4 respondents = 3");

	dr_metrics_free(m);

	/* With suppress_below = 3 the July wave (1 respondent) is hidden, the
	 * October wave (3) is shown; no other extract is touched. */
	cfg.suppress_below = 3;
	m = dr_metrics_new(&cfg, dr_month_make(2026, 8), dr_month_make(2026, 10), NULL);
	struct dr_load_stats bst = { 0 };
	struct dr_load_options blo = { .path = cfg.input[DR_BURNOUT] };
	dr_load_extract(DR_BURNOUT, &blo, &bst, dr_metrics_add, m);
	dr_metrics_mark_loaded(m, DR_BURNOUT);
	dr_metrics_finish(m);
	s = dr_metrics_series(m, 0, DR_M_BURNOUT_SHARE);
	tap_num(s->value[0], NAN, 0, "1 respondent < 3: burnout share hidden");
	tap_ok(s->suppressed[0] && isnan(s->num[0]) && isnan(s->den[0]), "... with its numerator and denominator");
	tap_num(val(0, DR_M_SURVEY_RESPONDENTS, 0), NAN, 0, "... and the respondent count");
	tap_num(s->value[1], 2.0 / 3, e, "3 respondents >= 3: shown");
	tap_ok(dr_metrics_series(m, 0, DR_M_VISITS_COMPLETED) == NULL, "extracts not loaded have no series");
	tap_int(dr_metrics_dyad_rows(m, 0, DR_BURNOUT), 4, "dyad a has 4 survey rows");
	tap_int(dr_metrics_dyad_rows(m, 1, DR_BURNOUT), 0, "dyad b has none");
	dr_metrics_free(m);

	/* Mini-Z 2.0 runs the other way (3 or less is burnout), and a site's
	 * own window for shift changes (2 h) puts H2 within it. */
	cfg.suppress_below = 1;
	cfg.burnout_scale = DR_SCALE_MINZ2;
	cfg.handoff_window[DR_HANDOFF_SHIFT_CHANGE] = 2;
	m = dr_metrics_new(&cfg, dr_month_make(2026, 8), dr_month_make(2026, 10), NULL);
	for (int x = DR_HANDOFFS; x <= DR_BURNOUT; x++) {
		struct dr_load_options lo = { .path = cfg.input[x] };
		dr_load_extract(x, &lo, &bst, dr_metrics_add, m);
		dr_metrics_mark_loaded(m, x);
	}
	dr_metrics_finish(m);
	tap_num(val(0, DR_M_HANDOFF_WITHIN_WINDOW_RATE, 2), 0.5, e,
	        "window.shift_change = 2: H1 and H2 within, H4 keeps its own 48 h");
	s = dr_metrics_series(m, 0, DR_M_BURNOUT_SHARE);
	tap_num(s->value[0], 1, 0, "minz2: Q3 score 2 is burnout");
	tap_num(s->value[1], 2.0 / 3, e, "minz2: Q4 scores 3 and 1 of 3, 1, 5");
	dr_metrics_free(m);
	dr_config_free(&cfg);
	tu_cleanup();
	return tap_done();
}
