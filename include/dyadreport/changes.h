/*
 * changes.h -- "What changed since last month" on the executive summary
 * (metric-changes.c): computed from the judged series, never typed.
 *
 * "Last month" is the same data as it stood at the end of the month before
 * the report month (dr_metrics_series_as_of: the series cut after that
 * month, judged by the same rules). A series' verdict is the type of its
 * latest complete point (dr_series_last_complete: a value, not
 * provisional), as the summary table's SPC column shows it, when that point
 * can be judged (dr_series_judged), the report period is not a rate on too
 * few cases and privacy did not hide too much of the window; otherwise the
 * series is not judged. A verdict is marked when it is an improvement, a
 * concern or a neutral special cause (higher, lower). The kinds, in the
 * order the page lists them:
 *
 *   NEW_SIGNAL    judged both months; now marked, and last month's latest
 *                 complete point was not marked with the same type.
 *   SIGNAL_ENDED  judged both months; last month marked, now common cause.
 *   NOT_JUDGED    judged in one of the two months only (why: the reason
 *                 for the other); a metric judged in neither is silent.
 *   TARGET_MET    the latest complete value (not on too few cases) meets
 *   TARGET_MISSED the target now and did not last month, or the reverse
 *                 (higher is better: value >= target; lower: value <=).
 *   PHASE         an [annotation] with rebase = yes at the report month
 *                 covering the dyad and metric (a new phase starts).
 *   NOW_FINAL     a month before the report month that was provisional
 *                 last month (over 10% of its requests pending then:
 *                 PENDING now, or decided after that month's last day) and
 *                 is final now, with its value then and now differing as
 *                 printed. Initial denial rate only: the one metric whose
 *                 value then can be rebuilt from decision dates.
 *
 * Ownership: a struct dr_changes owns its array; the metric definitions and
 * annotation texts it points to belong to the metric table and the config.
 * Never: prints, or reads a record.
 */
#ifndef DYADREPORT_CHANGES_H
#define DYADREPORT_CHANGES_H

#include "dyadreport/metric.h"

enum dr_change_kind {
	DR_CHANGE_NEW_SIGNAL,
	DR_CHANGE_SIGNAL_ENDED,
	DR_CHANGE_NOT_JUDGED,
	DR_CHANGE_TARGET_MET,
	DR_CHANGE_TARGET_MISSED,
	DR_CHANGE_PHASE,
	DR_CHANGE_NOW_FINAL,
	DR_NCHANGE_KINDS
};

/* Why a series is not judged (NOT_JUDGED: of the month not judged). */
enum dr_unjudged {
	DR_UNJUDGED_NONE,           /* judged */
	DR_UNJUDGED_NO_VALUE,       /* no complete point with a value */
	DR_UNJUDGED_FEW_CASES,      /* a rate on too few cases */
	DR_UNJUDGED_HIDDEN,         /* privacy hid too much of the window */
	DR_UNJUDGED_NO_LIMITS,      /* its phase has no limits yet (too few points) */
};

struct dr_change {
	enum dr_change_kind kind;
	const struct dr_metric_def *def;
	dr_month at;                /* the period now: the latest complete one (verdicts,
	                             * targets), the phase's month, the month now final */
	dr_month was_at;            /* the latest complete period last month (verdicts,
	                             * targets); NOW_FINAL: the month whose last day
	                             * the value then is as of */
	enum dr_spc_point_type type, was_type;  /* verdict now, last month (NONE: not judged) */
	enum dr_spc_signal signal;  /* NEW_SIGNAL: the rule that marks the point now */
	enum dr_unjudged why;       /* NOT_JUDGED: why the other month is not judged */
	double value, was_value;    /* targets, NOW_FINAL: the values now and then */
	double target;
	const char *text;           /* PHASE: the annotation's text */
};

struct dr_changes {
	struct dr_change *c;
	size_t n, cap;
};

void dr_changes_init(struct dr_changes *l);
void dr_changes_free(struct dr_changes *l);

/* Appends the verdict, target and phase changes of one metric: now is its
 * series judged at report month report, then the same as of report - 1
 * (dr_metrics_series_as_of; NULL, or no points: nothing was judged). */
void dr_changes_of_series(const struct dr_series *now, const struct dr_series *then,
                          dr_month report, struct dr_changes *l);
/* Why s is not judged (DR_UNJUDGED_NONE when it is); *at: its latest
 * complete point, or s->n. */
enum dr_unjudged dr_changes_unjudged(const struct dr_series *s, size_t *at);
/* Appends the NOW_FINAL changes of dyad d's initial denial rate (now: its
 * series at the report month) from dr_metrics_denials_before; values that
 * privacy hides, or that rest on too few cases, then or now, are left out,
 * and in public (small_cells_below) so is a month whose value then rests
 * on a small count or differs from now's by one (the requests denied, or
 * approved, since). */
void dr_changes_now_final(const struct dr_metrics *m, size_t d, const struct dr_series *now,
                          struct dr_changes *l);
/* Every change of dyad d for the metrics with listed[id] set, in kind
 * order, then metric order (phases: by text, so one annotation's metrics
 * are adjacent). */
void dr_changes_build(const struct dr_metrics *m, size_t d, dr_month report,
                      const bool listed[DR_NMETRICS], struct dr_changes *l);
/* Whether l has a change of a kind before NOW_FINAL. */
bool dr_changes_any_judged(const struct dr_changes *l);

/*
 * The sentence of change k into out, e.g. "No-show rate: a new special
 * cause in October 2026, a concern (beyond a process limit); September
 * 2026 was common cause." Adjacent PHASE changes of one annotation text
 * make one sentence naming each metric ("New phase from October 2026: Text
 * reminders start \u2014 No-show rate, New patient share."). Returns how
 * many changes the sentence used (>= 1), 0 when k is past the end.
 */
size_t dr_change_words(const struct dr_changes *l, size_t k, char *out, size_t size);

#endif
