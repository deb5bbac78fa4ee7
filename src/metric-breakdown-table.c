/*
 * metric-breakdown-table.c -- every breakdown as data: its name (templates,
 * metrics.csv), label, extract, and the columns (measures) its table holds.
 *
 * A measure key is a metric key of metric-table.c when the column is that
 * metric computed for the group, else a word ("denials", "share", "decided",
 * "pending", "visits"). Templates name measures in `metrics =`; the packet
 * picks columns and charts by them. Never prints.
 */
#include <string.h>

#include "dyadreport/metric.h"

#define M(k, l, u) { k, l, DR_UNIT_##u }

static const struct dr_measure visits_m[] = {
	M("visits_completed", "Completed visits", COUNT),
	M("no_show_rate", "No-show rate", PERCENT),
	M("new_patient_share", "New-patient share", PERCENT),
	M("lead_days_median", "Median lead time (days)", DAYS),
};
static const struct dr_measure lead_m[] = {
	M("visits", "Completed visits", COUNT),
	M("share", "Share of visits", PERCENT),
};
static const struct dr_measure provider_m[] = {
	M("visits_completed", "Completed visits", COUNT),
	M("visits_per_clinic_day", "Visits per clinic day", NUMBER),
	M("wrvu_per_visit", "wRVU per visit", NUMBER),
	M("visit_minutes_median", "Median minutes", NUMBER),
	M("no_show_rate", "No-show rate", PERCENT),
};
static const struct dr_measure reason_m[] = {
	M("denials", "Denials", COUNT),
	M("share", "Share of denials", PERCENT),
};
static const struct dr_measure payer_m[] = {
	M("auth_requests", "Requests", COUNT),
	M("decided", "Decided", COUNT),
	M("initial_denial_rate", "Initial denial rate", PERCENT),
	M("denied_amount", "Denied amount", CURRENCY),
	M("decision_days_median", "Median days to decision", DAYS),
};
static const struct dr_measure payer_reason_m[] = {
	M("denials", "Denials", COUNT),
};
static const struct dr_measure service_m[] = {
	M("auth_requests", "Requests", COUNT),
	M("decided", "Decided", COUNT),
	M("denials", "Denials", COUNT),
	M("initial_denial_rate", "Initial denial rate", PERCENT),
};
static const struct dr_measure pending_m[] = {
	M("pending", "Pending requests", COUNT),
	M("share", "Share of pending", PERCENT),
};
static const struct dr_measure handoff_m[] = {
	M("handoffs", "Handoffs", COUNT),
	M("handoff_completion_rate", "Completion rate", PERCENT),
	M("handoff_within_window_rate", "Within window", PERCENT),
	M("structured_tool_share", "Structured tool", PERCENT),
	M("hours_to_complete_median", "Median hours", HOURS),
};
static const struct dr_measure survey_m[] = {
	M("survey_respondents", "Respondents", COUNT),
	M("burnout_share", "Burnout", PERCENT),
	M("satisfaction_mean", "Satisfaction (mean)", NUMBER),
	M("satisfaction_agree_share", "Satisfied (4-5)", PERCENT),
	M("stress_mean", "Stress (mean)", NUMBER),
	M("stress_agree_share", "Stressed (4-5)", PERCENT),
	M("trust_leadership_mean", "Trust in leaders (mean)", NUMBER),
	M("trust_leadership_agree_share", "Trust leaders (4-5)", PERCENT),
	M("teamwork_mean", "Teamwork (mean)", NUMBER),
	M("teamwork_agree_share", "Good teamwork (4-5)", PERCENT),
};

static const struct {
	const char *name, *label;
	enum dr_extract extract;
	const struct dr_measure *m;
	size_t nm;
} table[DR_NBREAKDOWNS] = {
	[DR_BY_NONE] = { "none", "Whole dyad", DR_VISITS, NULL, 0 },
	[DR_BY_DEPARTMENT] = { "department", "By department", DR_VISITS, visits_m, DR_NELEM(visits_m) },
	[DR_BY_WEEKDAY] = { "weekday", "By weekday", DR_VISITS, visits_m, DR_NELEM(visits_m) },
	[DR_BY_LEAD_TIME] = { "lead-time", "By lead time", DR_VISITS, lead_m, DR_NELEM(lead_m) },
	[DR_BY_PROVIDER] = { "provider", "By provider", DR_VISITS, provider_m, DR_NELEM(provider_m) },
	[DR_BY_REASON] = { "reason", "By denial reason", DR_DENIALS, reason_m, DR_NELEM(reason_m) },
	[DR_BY_PAYER] = { "payer", "By payer", DR_DENIALS, payer_m, DR_NELEM(payer_m) },
	[DR_BY_PAYER_REASON] = { "payer-reason", "By payer and reason", DR_DENIALS, payer_reason_m,
	                         DR_NELEM(payer_reason_m) },
	[DR_BY_SERVICE] = { "service", "By service", DR_DENIALS, service_m, DR_NELEM(service_m) },
	[DR_BY_PENDING_AGE] = { "pending-age", "Pending requests by age", DR_DENIALS, pending_m,
	                        DR_NELEM(pending_m) },
	[DR_BY_HANDOFF_TYPE] = { "handoff-type", "By handoff type", DR_HANDOFFS, handoff_m,
	                         DR_NELEM(handoff_m) },
	[DR_BY_ROLE] = { "role", "By role", DR_BURNOUT, survey_m, DR_NELEM(survey_m) },
	[DR_BY_SURVEY_DEPARTMENT] = { "survey-department", "By department", DR_BURNOUT, survey_m,
	                              DR_NELEM(survey_m) },
};

static const char *const windows[] = { "month", "3-months", "wave" };

const char *dr_breakdown_name(enum dr_breakdown by)
{
	return table[by].name;
}

int dr_breakdown_find(const char *name)
{
	for (int i = 0; i < DR_NBREAKDOWNS; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}

const char *dr_breakdown_label(enum dr_breakdown by)
{
	return table[by].label;
}

enum dr_extract dr_breakdown_extract(enum dr_breakdown by)
{
	return table[by].extract;
}

const struct dr_measure *dr_breakdown_measures(enum dr_breakdown by, size_t *n)
{
	*n = table[by].nm;
	return table[by].m;
}

int dr_breakdown_measure_find(enum dr_breakdown by, const char *key)
{
	for (size_t i = 0; i < table[by].nm; i++)
		if (strcmp(table[by].m[i].key, key) == 0)
			return (int)i;
	return -1;
}

const char *dr_window_name(enum dr_window w)
{
	return windows[w];
}

int dr_window_find(const char *name)
{
	for (size_t i = 0; i < DR_NELEM(windows); i++)
		if (strcmp(windows[i], name) == 0)
			return (int)i;
	return -1;
}
