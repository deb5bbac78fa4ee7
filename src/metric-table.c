/*
 * metric-table.c -- every metric dyadreport computes, as data.
 *
 * One row per metric, indexed by enum dr_metric_id: key (config, file names,
 * metrics.csv), label, domain, source extract, kind, chart unit, period,
 * default direction, and the words the definitions page prints. Adding a
 * metric means a row here and its arithmetic in metric-series.c.
 *
 * These are the product's definitions, printed on the definitions page.
 * Where a definition leaves the denominator open the choice is written in
 * the definition text, so the
 * packet says exactly what was counted.
 */
#include <string.h>

#include "dyadreport/metric.h"

#define V DR_VISITS
#define D DR_DENIALS
#define H DR_HANDOFFS
#define B DR_BURNOUT

static const struct dr_metric_def table[DR_NMETRICS] = {
	{ DR_M_VISITS_COMPLETED, "visits_completed", "Completed visits",
	  DR_DOMAIN_ACCESS, V, DR_KIND_COUNT, DR_UNIT_COUNT, DR_PERIOD_MONTH, 0,
	  "visits with status COMPLETED", NULL,
	  "Completed visits in the dyad's departments, by visit month." },
	{ DR_M_NEW_PATIENT_SHARE, "new_patient_share", "New-patient share",
	  DR_DOMAIN_ACCESS, V, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, 0,
	  "completed visits of type NEW", "completed visits",
	  "Share of completed visits that were new-patient visits." },
	{ DR_M_NO_SHOW_RATE, "no_show_rate", "No-show rate",
	  DR_DOMAIN_ACCESS, V, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, -1,
	  "visits with status NO_SHOW", "completed + no-show visits",
	  "No-shows over completed and no-show visits; cancelled visits are left out." },
	{ DR_M_DISTINCT_PATIENTS, "distinct_patients", "Distinct patients seen",
	  DR_DOMAIN_ACCESS, V, DR_KIND_COUNT, DR_UNIT_COUNT, DR_PERIOD_MONTH, 0,
	  "distinct patient ids among completed visits", NULL,
	  "Distinct patients with at least one completed visit in the month." },
	{ DR_M_WRVU_PER_VISIT, "wrvu_per_visit", "wRVU per visit",
	  DR_DOMAIN_ACCESS, V, DR_KIND_MEAN, DR_UNIT_NUMBER, DR_PERIOD_MONTH, 0,
	  "sum of wRVU of completed visits", "completed visits that have a wRVU",
	  "Work RVUs per completed visit, over the visits whose wRVU was exported." },
	{ DR_M_VISITS_PER_CLINIC_DAY, "visits_per_clinic_day", "Visits per clinic day",
	  DR_DOMAIN_ACCESS, V, DR_KIND_RATIO, DR_UNIT_NUMBER, DR_PERIOD_MONTH, 0,
	  "completed visits", "distinct provider-and-date pairs with a completed visit",
	  "Completed visits per provider clinic day." },
	{ DR_M_LEAD_DAYS_MEDIAN, "lead_days_median", "Median lead time (days)",
	  DR_DOMAIN_ACCESS, V, DR_KIND_MEDIAN, DR_UNIT_DAYS, DR_PERIOD_MONTH, -1,
	  "visit date minus booked date, completed visits with a booked date", NULL,
	  "Median days from booking to visit, over completed visits with a booked date." },
	{ DR_M_VISIT_MINUTES_MEDIAN, "visit_minutes_median", "Median visit length (min)",
	  DR_DOMAIN_ACCESS, V, DR_KIND_MEDIAN, DR_UNIT_NUMBER, DR_PERIOD_MONTH, 0,
	  "face-to-face minutes of completed visits, rounded to whole minutes", NULL,
	  "Median face-to-face minutes of completed visits that have a duration." },
	{ DR_M_AUTH_REQUESTS, "auth_requests", "Authorization requests",
	  DR_DOMAIN_DENIALS, D, DR_KIND_COUNT, DR_UNIT_COUNT, DR_PERIOD_MONTH, 0,
	  "requests submitted", NULL,
	  "Prior-authorization requests by submitted month, pending ones included." },
	{ DR_M_INITIAL_DENIAL_RATE, "initial_denial_rate", "Initial denial rate",
	  DR_DOMAIN_DENIALS, D, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, -1,
	  "requests DENIED", "requests APPROVED or DENIED",
	  "Denied over decided requests, by submitted month; pending requests are left out." },
	{ DR_M_FINAL_DENIAL_RATE, "final_denial_rate", "Final denial rate",
	  DR_DOMAIN_DENIALS, D, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, -1,
	  "requests DENIED minus appeals OVERTURNED", "requests APPROVED or DENIED",
	  "Denials that stood after appeal, over decided requests." },
	{ DR_M_OVERTURN_RATE, "overturn_rate", "Appeal overturn rate",
	  DR_DOMAIN_DENIALS, D, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, +1,
	  "appeals OVERTURNED", "appeals OVERTURNED or UPHELD",
	  "Share of decided appeals that overturned the denial; open appeals are left out." },
	{ DR_M_DECISION_DAYS_MEDIAN, "decision_days_median", "Median days to decision",
	  DR_DOMAIN_DENIALS, D, DR_KIND_MEDIAN, DR_UNIT_DAYS, DR_PERIOD_MONTH, -1,
	  "decision date minus submitted date, decided requests", NULL,
	  "Median calendar days from submission to the payer's decision." },
	{ DR_M_DECISION_DAYS_P90, "decision_days_p90", "Days to decision, 90th percentile",
	  DR_DOMAIN_DENIALS, D, DR_KIND_MEDIAN, DR_UNIT_DAYS, DR_PERIOD_MONTH, -1,
	  "decision date minus submitted date, decided requests", NULL,
	  "Calendar days within which 90% of decisions came: the 90th percentile by the nearest-rank rule (the ceil(0.9 x N)-th shortest wait)." },
	{ DR_M_DECISIONS_OVER_7_DAYS_SHARE, "decisions_over_7_days_share", "Decisions over 7 days",
	  DR_DOMAIN_DENIALS, D, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, -1,
	  "decided requests that took more than 7 calendar days", "decided requests",
	  "Share of decisions later than the 7-day standard for prior authorizations." },
	{ DR_M_DENIED_AMOUNT, "denied_amount", "Denied amount",
	  DR_DOMAIN_DENIALS, D, DR_KIND_COUNT, DR_UNIT_CURRENCY, DR_PERIOD_MONTH, -1,
	  "billed amount of DENIED requests", NULL,
	  "Billed amount of initially denied requests, by submitted month." },
	{ DR_M_INITIAL_DENIAL_RATE_AMOUNT, "initial_denial_rate_amount", "Initial denial rate by amount",
	  DR_DOMAIN_DENIALS, D, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, -1,
	  "billed amount of DENIED requests", "billed amount of APPROVED or DENIED requests",
	  "Denied over decided billed amount, by submitted month, over requests that have an amount; pending requests are left out." },
	{ DR_M_HANDOFF_COMPLETION_RATE, "handoff_completion_rate", "Handoff completion rate",
	  DR_DOMAIN_HANDOFFS, H, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, +1,
	  "handoffs completed (loop closed)", "handoffs",
	  "Share of handoffs whose loop was closed, by handoff month." },
	{ DR_M_HANDOFF_WITHIN_WINDOW_RATE, "handoff_within_window_rate", "Completed within window",
	  DR_DOMAIN_HANDOFFS, H, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, +1,
	  "handoffs completed within their window", "handoffs",
	  "Handoffs closed within their window (the row's window_hours, else the type's default), over all handoffs." },
	{ DR_M_STRUCTURED_TOOL_SHARE, "structured_tool_share", "Structured tool use",
	  DR_DOMAIN_HANDOFFS, H, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_MONTH, +1,
	  "handoffs using SBAR or I-PASS", "handoffs with the tool recorded",
	  "Share of handoffs that used a structured tool, where the tool was recorded." },
	{ DR_M_HOURS_TO_COMPLETE_MEDIAN, "hours_to_complete_median", "Median hours to complete",
	  DR_DOMAIN_HANDOFFS, H, DR_KIND_MEDIAN, DR_UNIT_HOURS, DR_PERIOD_MONTH, -1,
	  "hours to close the loop, completed handoffs, to 0.1 h", NULL,
	  "Median hours to close the loop over completed handoffs that report it." },
	{ DR_M_SURVEY_RESPONDENTS, "survey_respondents", "Survey respondents",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_COUNT, DR_UNIT_COUNT, DR_PERIOD_QUARTER, 0,
	  "survey responses in the wave", NULL,
	  "Responses to the well-being survey, by survey wave (quarter)." },
	{ DR_M_BURNOUT_SHARE, "burnout_share", "Burnout",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_QUARTER, -1,
	  "respondents reporting burnout (Mini-Z 1.0 score 3 or more; 3 or less on the reversed Mini-Z 2.0 scale)",
	  "respondents",
	  "Share of respondents who report one or more symptoms of burnout, by survey wave (quarter)." },
	{ DR_M_SATISFACTION_MEAN, "satisfaction_mean", "Satisfaction (mean)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_MEAN, DR_UNIT_NUMBER, DR_PERIOD_QUARTER, +1,
	  "sum of the satisfaction scores (1-5)", "respondents who answered the satisfaction item",
	  "Mean satisfaction score on the 1-5 scale, by survey wave (quarter); empty answers are left out." },
	{ DR_M_SATISFACTION_AGREE_SHARE, "satisfaction_agree_share", "Satisfaction (4-5)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_QUARTER, +1,
	  "respondents scoring satisfaction 4 or 5", "respondents who answered the satisfaction item",
	  "Share answering 4 or 5 on the satisfaction item, by survey wave (quarter); empty answers are left out." },
	{ DR_M_STRESS_MEAN, "stress_mean", "Stress (mean)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_MEAN, DR_UNIT_NUMBER, DR_PERIOD_QUARTER, -1,
	  "sum of the stress scores (1-5)", "respondents who answered the stress item",
	  "Mean stress score on the 1-5 scale, by survey wave (quarter); empty answers are left out." },
	{ DR_M_STRESS_AGREE_SHARE, "stress_agree_share", "Stress (4-5)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_QUARTER, -1,
	  "respondents scoring stress 4 or 5", "respondents who answered the stress item",
	  "Share answering 4 or 5 on the stress item, by survey wave (quarter); empty answers are left out." },
	{ DR_M_TRUST_LEADERSHIP_MEAN, "trust_leadership_mean", "Trust in leadership (mean)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_MEAN, DR_UNIT_NUMBER, DR_PERIOD_QUARTER, +1,
	  "sum of the trust in leadership scores (1-5)", "respondents who answered the trust in leadership item",
	  "Mean trust in leadership score on the 1-5 scale, by survey wave (quarter); empty answers are left out." },
	{ DR_M_TRUST_LEADERSHIP_AGREE_SHARE, "trust_leadership_agree_share", "Trust in leadership (4-5)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_QUARTER, +1,
	  "respondents scoring trust in leadership 4 or 5", "respondents who answered the trust in leadership item",
	  "Share answering 4 or 5 on the trust in leadership item, by survey wave (quarter); empty answers are left out." },
	{ DR_M_TEAMWORK_MEAN, "teamwork_mean", "Teamwork (mean)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_MEAN, DR_UNIT_NUMBER, DR_PERIOD_QUARTER, +1,
	  "sum of the teamwork scores (1-5)", "respondents who answered the teamwork item",
	  "Mean teamwork score on the 1-5 scale, by survey wave (quarter); empty answers are left out." },
	{ DR_M_TEAMWORK_AGREE_SHARE, "teamwork_agree_share", "Teamwork (4-5)",
	  DR_DOMAIN_WELLBEING, B, DR_KIND_PROPORTION, DR_UNIT_PERCENT, DR_PERIOD_QUARTER, +1,
	  "respondents scoring teamwork 4 or 5", "respondents who answered the teamwork item",
	  "Share answering 4 or 5 on the teamwork item, by survey wave (quarter); empty answers are left out." },
};

static const char *const domain_labels[DR_NDOMAINS] = {
	"Access & productivity", "Authorizations & denials", "Handoffs", "Well-being",
};

const struct dr_metric_def *dr_metric_def(enum dr_metric_id id)
{
	return &table[id];
}

const struct dr_metric_def *dr_metric_find(const char *key)
{
	for (size_t i = 0; i < DR_NMETRICS; i++)
		if (strcmp(table[i].key, key) == 0)
			return &table[i];
	return NULL;
}

const char *dr_domain_label(enum dr_domain d)
{
	return domain_labels[d];
}
