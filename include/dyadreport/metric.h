/*
 * metric.h -- the metric table and the per-dyad monthly series.
 *
 * metric-table.c is the single source of truth for every metric: its id (as
 * used in config, file names and metrics.csv), label, extract, unit, kind,
 * default direction and the "how this is calculated" text the packet prints.
 *
 * metric-*.c stream records into accumulators (counts, sums, whole-number
 * histograms for exact medians, and hashed sets only for distinct counts:
 * memory grows with dyads x months, not with rows) and turn them into
 * series: one value per period of the trend window, with its numerator and
 * denominator. A period with a zero denominator, or with no rows at all in
 * its extract, has no value (NAN), never 0.
 *
 * Ownership: struct dr_metrics owns every series it returns; they live until
 * dr_metrics_free(). Never: prints a record's text fields, or keeps one.
 */
#ifndef DYADREPORT_METRIC_H
#define DYADREPORT_METRIC_H

#include "dyadreport/chart.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/load.h"
#include "dyadreport/spc.h"

struct dr_config;

/* What a metric is; under [spc] rules = anhoej it picks the chart type:
 * proportion p (pp with laney), ratio (events per unit) u (up), count,
 * mean and median I. */
enum dr_metric_kind { DR_KIND_COUNT, DR_KIND_PROPORTION, DR_KIND_RATIO, DR_KIND_MEAN, DR_KIND_MEDIAN };

enum dr_metric_id {
	DR_M_VISITS_COMPLETED,
	DR_M_NEW_PATIENT_SHARE,
	DR_M_NO_SHOW_RATE,
	DR_M_DISTINCT_PATIENTS,
	DR_M_WRVU_PER_VISIT,
	DR_M_VISITS_PER_CLINIC_DAY,
	DR_M_LEAD_DAYS_MEDIAN,
	DR_M_VISIT_MINUTES_MEDIAN,
	DR_M_AUTH_REQUESTS,
	DR_M_INITIAL_DENIAL_RATE,
	DR_M_FINAL_DENIAL_RATE,
	DR_M_OVERTURN_RATE,
	DR_M_DECISION_DAYS_MEDIAN,
	DR_M_DECISIONS_OVER_7_DAYS_SHARE,
	DR_M_DENIED_AMOUNT,
	DR_M_HANDOFF_COMPLETION_RATE,
	DR_M_HANDOFF_WITHIN_WINDOW_RATE,
	DR_M_STRUCTURED_TOOL_SHARE,
	DR_M_HOURS_TO_COMPLETE_MEDIAN,
	DR_M_SURVEY_RESPONDENTS,
	DR_M_BURNOUT_SHARE,
	DR_NMETRICS
};

enum dr_domain { DR_DOMAIN_ACCESS, DR_DOMAIN_DENIALS, DR_DOMAIN_HANDOFFS, DR_DOMAIN_WELLBEING, DR_NDOMAINS };

struct dr_metric_def {
	enum dr_metric_id id;
	const char *key;            /* "initial_denial_rate" */
	const char *label;          /* "Initial denial rate" */
	enum dr_domain domain;
	enum dr_extract extract;
	enum dr_metric_kind kind;
	enum dr_chart_unit unit;
	enum dr_chart_period period;
	int better;                 /* default direction: +1, -1, 0 */
	const char *numerator;      /* in words, for the definitions page */
	const char *denominator;    /* NULL for counts and medians */
	const char *definition;     /* one sentence: "how this is calculated" */
};

/* The table, indexed by enum dr_metric_id. */
const struct dr_metric_def *dr_metric_def(enum dr_metric_id id);
/* Looks a metric up by key; NULL when unknown. */
const struct dr_metric_def *dr_metric_find(const char *key);
/* "Access & productivity", ... */
const char *dr_domain_label(enum dr_domain d);

struct dr_series {
	const struct dr_metric_def *def;
	size_t n;
	dr_month *period;           /* first month of each point */
	double *value;              /* NAN = no value */
	double *num, *den;          /* NAN where not applicable */
	bool *provisional;          /* unfinished period: hollow, out of the limits */
	bool *suppressed;           /* hidden: fewer survey respondents than suppress_below */
	struct dr_spc_point *spc;
	struct dr_spc_summary summary;
	enum dr_spc_rules rules;    /* [spc] rules */
	enum dr_spc_chart chart;    /* the chart type judged (I under mdc) */
	struct dr_chart_annotation *ann;    /* annotations inside the window, in month order */
	size_t nann;
	int better;                 /* the target's direction, else the metric's */
	bool has_target;
	double target;
};

struct dr_metrics;

/* Accumulators for every dyad of cfg over months [first, last]. */
struct dr_metrics *dr_metrics_new(const struct dr_config *cfg, dr_month first, dr_month last);
/* Row callback for dr_load_extract (ctx = the struct dr_metrics). */
void dr_metrics_add(enum dr_extract e, const void *record, void *ctx);
/* Marks an extract as loaded (its metrics get values; others stay absent). */
void dr_metrics_mark_loaded(struct dr_metrics *m, enum dr_extract e);
/* Turns the accumulators into series and judges each with SPC. */
void dr_metrics_finish(struct dr_metrics *m);
/* The series of metric id for dyad index d (order of cfg->dyads); NULL
 * when its extract was not loaded. */
const struct dr_series *dr_metrics_series(const struct dr_metrics *m, size_t d, enum dr_metric_id id);
/* Rows of extract e that belong to dyad d (in the accumulated months). */
long dr_metrics_dyad_rows(const struct dr_metrics *m, size_t d, enum dr_extract e);
/* Rows whose department no dyad owns, per extract. */
long dr_metrics_unowned(const struct dr_metrics *m, enum dr_extract e);
void dr_metrics_free(struct dr_metrics *m);

/* Fills c from a judged series (chart-model.c); pt has s->n elements and
 * must outlive c. */
void dr_chart_from_series(const struct dr_series *s, struct dr_chart *c, struct dr_chart_point *pt);

/* The chart's plain-language headline for its latest point (chart-headline.c). */
void dr_headline(const struct dr_series *s, char *out, size_t size);
/* Index of the last point with a value that is not provisional (the one
 * the packet judges), or s->n when there is none. */
size_t dr_series_last_complete(const struct dr_series *s);
/* Whether the rules can say anything about point j: it has a value and a
 * centre, and limits, or a chart without limits by design (run chart), or
 * a rule that fired without them. The headline, the summary table and the
 * chart's variation icon all ask this one question. */
bool dr_series_judged(const struct dr_series *s, size_t j);
/* "October 2026" or "Q4 2026" for point i. */
void dr_headline_period(const struct dr_series *s, size_t i, char *out, size_t size);

#endif
