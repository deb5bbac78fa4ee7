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
#include "dyadreport/leftout.h"
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
	DR_M_DECISION_DAYS_P90,
	DR_M_DECISIONS_OVER_7_DAYS_SHARE,
	DR_M_DENIED_AMOUNT,
	DR_M_INITIAL_DENIAL_RATE_AMOUNT,
	DR_M_HANDOFF_COMPLETION_RATE,
	DR_M_HANDOFF_WITHIN_WINDOW_RATE,
	DR_M_STRUCTURED_TOOL_SHARE,
	DR_M_HOURS_TO_COMPLETE_MEDIAN,
	DR_M_SURVEY_RESPONDENTS,
	DR_M_BURNOUT_SHARE,
	DR_M_SATISFACTION_MEAN,
	DR_M_SATISFACTION_AGREE_SHARE,
	DR_M_STRESS_MEAN,
	DR_M_STRESS_AGREE_SHARE,
	DR_M_TRUST_LEADERSHIP_MEAN,
	DR_M_TRUST_LEADERSHIP_AGREE_SHARE,
	DR_M_TEAMWORK_MEAN,
	DR_M_TEAMWORK_AGREE_SHARE,
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
	bool *suppressed;           /* hidden (value, num, den NAN): a survey wave with
	                             * 0 < respondents < suppress_below, or, when
	                             * small_cells_below > 0, a patient-record point
	                             * resting on a count in 1 .. small_cells_below - 1 */
	struct dr_spc_point *spc;
	struct dr_spc_summary summary;
	enum dr_spc_rules rules;    /* [spc] rules */
	enum dr_spc_chart chart;    /* the chart type judged (I under mdc) */
	struct dr_chart_annotation *ann;    /* annotations inside the window, in month order */
	size_t nann;
	int better;                 /* the target's direction, else the metric's */
	bool has_target;
	double target;
	int min_den;                /* [report] min_denominator: a rate on fewer cases is greyed
	                             * with its n and never judged (dr_series_small_n); 0 = off */
	bool too_hidden;            /* privacy hid too much of the window to judge it
	                             * (dr_suppress_too_many): no centre, limits, signals or
	                             * icons from the survivors */
};

/* ---- privacy (metric-suppress.c) ---- */

/* The thresholds of a run (template.h dr_template_privacy). */
struct dr_privacy {
	int suppress_below;         /* survey groups with 0 < respondents < this are hidden */
	int small_cells_below;      /* counts from patient records in 1 .. this - 1 are
	                             * hidden, and values built on them; 0 = off */
};

struct dr_metrics;

/* Accumulators for every dyad of cfg over months [first, last], with the
 * privacy thresholds every series and breakdown applies. */
struct dr_metrics *dr_metrics_new(const struct dr_config *cfg, dr_month first, dr_month last,
                                  const struct dr_privacy *priv);
/* Row callback for dr_load_extract (ctx = the struct dr_metrics). */
void dr_metrics_add(enum dr_extract e, const void *record, void *ctx);
/* Whether a row can change any figure (the loader's `wanted`, ctx = the
 * struct dr_metrics): its month is in the accumulated range, or it is a
 * request still pending at the report month's end. */
bool dr_metrics_wants(enum dr_extract e, const void *record, void *ctx);
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
/* Moves the counts of rows left out of a measure (leftout.h) of extract e
 * into *out (the caller frees them with dr_left_out_free). */
void dr_metrics_take_left_out(struct dr_metrics *m, enum dr_extract e, struct dr_left_out *out);
void dr_metrics_free(struct dr_metrics *m);

/* ---- the month before (metric-series.c) ---- */

/*
 * The series of metric id for dyad d as it stood at the end of month at
 * (the month before the report month): the same accumulated data cut after
 * at -- the points up to the one holding at, a survey wave holding at from
 * its months up to at -- with the same privacy rules, annotations, target
 * and SPC settings, judged as dr_metrics_finish judges (the full series is
 * not touched). False (out zeroed) when the extract was not loaded or at
 * is outside [first month of the window, report month). Free out with
 * dr_series_as_of_free.
 */
bool dr_metrics_series_as_of(const struct dr_metrics *m, size_t d, enum dr_metric_id id, dr_month at,
                             struct dr_series *out);
void dr_series_as_of_free(struct dr_series *s);

/* A dyad's requests of one month as they stood at the end of the month
 * before the report month, beside the same month now. */
struct dr_denials_before {
	long rows;                  /* requests of the month (the same then and now) */
	long pending_then, approved_then, denied_then;  /* pending then: PENDING now, or
	                                                 * decided after that day */
	long pending_now, approved_now, denied_now;
};
/* Fills *out for dyad d and month mo of the accumulated months before the
 * report month; false when denials were not loaded or mo is outside them.
 * The initial denial rate then is denied_then / (approved_then +
 * denied_then), provisional when pending_then > 10% of rows, as now. */
bool dr_metrics_denials_before(const struct dr_metrics *m, size_t d, dr_month mo,
                               struct dr_denials_before *out);

/* ---- privacy rules (metric-suppress.c) ---- */

/*
 * The complementary rule: when exactly one of the n groups is hidden and
 * another is not, the shown group with the smallest size (ties: the name in
 * byte order) is hidden too, so the hidden one cannot be worked out as the
 * total minus the shown parts. hidden[] holds the first rule's result on
 * entry. Returns the number of groups hidden on exit.
 */
size_t dr_suppress_complement(const double *size, const char *const *name, size_t n, bool *hidden);
/* After the complementary rule, in public: while the hidden groups' sizes
 * sum to a small cell (dr_suppress_small with below) and a group is shown,
 * the smallest shown group (ties: the name in byte order) is hidden too,
 * so the sum of the hidden ones (the total minus the shown) is never a
 * small count. Returns the number of groups hidden on exit. The sizes are
 * the counts of dr_suppress_hidden_count. */
size_t dr_suppress_hidden_sum(const double *size, const char *const *name, size_t n, bool *hidden,
                              int below);
/* The same for any count a shown value rests on (a rate's numerator or
 * complement, count[i] for group i): while the hidden groups' counts sum
 * to a small cell, the shown group with the smallest size among those
 * whose count is more than zero (ties: name) is hidden too; when no shown
 * group adds to the sum, the sum is the whole's own count and nothing
 * more is hidden. Returns the number of groups hidden on exit. */
size_t dr_suppress_hidden_count(const double *count, const double *size, const char *const *name,
                                size_t n, bool *hidden, int below);
/* Whether count c is a small cell: 0 < c < below (never when below <= 0). */
bool dr_suppress_small(double c, int below);
/*
 * Hiding is not random: the months it hides are the small ones, so a
 * centre and limits from the survivors are biased. The points rule set r
 * needs to judge a series: its longest sequence rule (mdc7: 7, mdc6: 6),
 * and for anhoej the 10 useful points the Anhøj runs rules start at.
 */
size_t dr_suppress_min_points(enum dr_spc_rules r);
/* Whether privacy hid too much of s to judge it: some point is hidden and
 * either fewer than dr_suppress_min_points usable points (a value, not
 * provisional) remain or more than a third of the window is hidden. */
bool dr_suppress_too_many(const struct dr_series *s);
/* When dr_suppress_too_many(s): sets s->too_hidden and clears every
 * centre, limit, signal, point type, runs analysis and icon of s (the
 * plotted values stay). Otherwise leaves s alone. */
void dr_suppress_unjudge(struct dr_series *s);

/* ---- breakdowns (metric-breakdown.c) ---- */

/* What a breakdown groups by. */
enum dr_breakdown {
	DR_BY_NONE,
	DR_BY_DEPARTMENT,           /* visits: the dyad's departments */
	DR_BY_WEEKDAY,              /* visits: Monday .. Sunday of the visit date */
	DR_BY_LEAD_TIME,            /* visits: lead-time buckets 0-7, 8-14, 15-30, 31-60, 61-90, >90 days */
	DR_BY_PROVIDER,             /* visits: provider (internal only) */
	DR_BY_REASON,               /* denials: DENIED by reason */
	DR_BY_PAYER,                /* denials: by payer (internal only) */
	DR_BY_PAYER_REASON,         /* denials: payer x reason counts (internal only) */
	DR_BY_SERVICE,              /* denials: top services (internal only) */
	DR_BY_PENDING_AGE,          /* denials: pending at the window's end, by age 0-7, 8-14, 15-30, >30 days */
	DR_BY_HANDOFF_TYPE,         /* handoffs: by type */
	DR_BY_ROLE,                 /* survey: by role */
	DR_BY_SURVEY_DEPARTMENT,    /* survey: by department */
	DR_NBREAKDOWNS
};

/* The period a breakdown covers, ending at its `at` month. */
enum dr_window {
	DR_WINDOW_MONTH,            /* the month */
	DR_WINDOW_3_MONTHS,         /* the month and the two before it */
	DR_WINDOW_WAVE,             /* the survey wave (quarter) holding the month */
};

/* "department", "payer-reason", ... (template and metrics.csv names). */
const char *dr_breakdown_name(enum dr_breakdown by);
/* By name, or -1. */
int dr_breakdown_find(const char *name);
/* "By department", ... */
const char *dr_breakdown_label(enum dr_breakdown by);
/* The extract a breakdown reads. */
enum dr_extract dr_breakdown_extract(enum dr_breakdown by);
/* "month", "3-months", "wave"; dr_window_find: by name, or -1. */
const char *dr_window_name(enum dr_window w);
int dr_window_find(const char *name);

/* One column of a breakdown table. */
struct dr_measure {
	const char *key;            /* a metric key ("no_show_rate") or "share", "count", ... */
	const char *label;          /* column heading */
	enum dr_chart_unit unit;
};

/* The columns of breakdown by's table (metric-breakdown-table.c), and the
 * index of the one with this key, or -1. */
const struct dr_measure *dr_breakdown_measures(enum dr_breakdown by, size_t *n);
int dr_breakdown_measure_find(enum dr_breakdown by, const char *key);

/* One cell: value = num / den for rates; NAN when there is none or it is hidden. */
struct dr_cell_value {
	double value, num, den;
};

struct dr_group {
	char *key;                  /* stable: "ONC", "MON", "0-7", a payer as exported */
	char *label;                /* shown: "ONC", "Monday", "0-7 days", provider name */
	double n;                   /* the group's size (requests, visits, respondents...); NAN when hidden */
	bool hidden;                /* suppressed: n and every value are NAN */
	struct dr_cell_value *v;    /* nmeasure values */
};

struct dr_breakdown_table {
	enum dr_breakdown by;
	enum dr_window window;
	dr_month from, to;          /* months covered */
	const struct dr_measure *measure;
	size_t nmeasure;
	struct dr_group *group;     /* in display order (by size, or the natural order of
	                             * weekdays, buckets, roles) */
	size_t ngroup;
	struct dr_group total;      /* every group together (hidden when itself small) */
	size_t nhidden;             /* groups hidden by either rule */
	const char *hidden_why;     /* "fewer than 5 respondents", ...; NULL when none */
	bool provisional;           /* a month of the window is provisional (denials) */
	/* DR_BY_PAYER_REASON only: a grid of counts, group rows x ncol reason columns. */
	size_t ncol;
	const char *const *col_label;
	struct dr_cell_value *cell; /* ngroup x ncol, row-major; NAN when hidden */
	bool *cell_hidden;
};

/*
 * Breakdown by of dyad d over window w ending at month at, with the privacy
 * thresholds applied (hidden groups carry no numbers at all). Groups with no
 * rows are left out; at most 40 groups are listed, the rest summed into one
 * "Other (N)" group. Provider, payer, payer-reason and service tables (kept
 * for the report month and the two before it) and pending ages (at the
 * report month's end) have groups only when at is the report month.
 * NULL when the breakdown's extract was not loaded, or for DR_BY_NONE.
 * Free with dr_breakdown_free().
 */
struct dr_breakdown_table *dr_metrics_breakdown(const struct dr_metrics *m, size_t d,
                                                enum dr_breakdown by, enum dr_window w,
                                                dr_month at);
void dr_breakdown_free(struct dr_breakdown_table *t);
/*
 * The headline of lead-time table t (by = lead-time) as measure mi shows
 * it, into out (chart-distribution.c): "October 2026: half of the visits
 * were booked within 30 days; the most common wait was 15–30 days (38.6%);
 * none waited over 60 days." when is the window's words. With a hidden
 * bucket, only the most common wait among those shown. False (out
 * untouched) for another table, an unknown bucket key or no visits.
 */
bool dr_lead_time_headline(const struct dr_breakdown_table *t, int mi, const char *when,
                           char *out, size_t size);
/* The first month of the latest survey wave, at or before month at, in
 * which dyad d has respondents (shown or hidden); at itself when none has.
 * "Latest wave" pages ask for this one rather than an empty current one. */
dr_month dr_metrics_latest_wave(const struct dr_metrics *m, size_t d, dr_month at);

/*
 * The monthly series of metric id for each group of breakdown by
 * (DR_BY_DEPARTMENT for visit metrics, DR_BY_HANDOFF_TYPE for handoff
 * metrics; others: NULL), over the trend window, judged with SPC like the
 * dyad's own and with the privacy thresholds applied to each month across
 * the groups. *n is set to the number of groups; *labels to their labels.
 * Owned by m.
 */
const struct dr_series *dr_metrics_group_series(const struct dr_metrics *m, size_t d,
                                                enum dr_breakdown by, enum dr_metric_id id,
                                                size_t *n, const char *const **labels);

/* Fills c from a judged series (chart-model.c); pt has s->n elements and
 * must outlive c. */
void dr_chart_from_series(const struct dr_series *s, struct dr_chart *c, struct dr_chart_point *pt);

/* The chart's plain-language headline for its latest point (chart-headline.c). */
void dr_headline(const struct dr_series *s, char *out, size_t size);
/* The same for a public slide, in plain words: the latest value and its
 * change, where the latest complete period stands against the usual ups
 * and downs, and the target met or not; no SPC term (chart-headline.c). */
void dr_headline_public(const struct dr_series *s, char *out, size_t size);
/* The headline of small multiples of metric def, one judged series per
 * group (labels[g] names s[g]; word: "department"): the groups whose
 * latest complete point is a special cause, by type, else that every group
 * is within its limits ("no real change" only when no panel marks a
 * point), then the groups marked earlier in the window (chart-headline.c). */
void dr_headline_groups(const struct dr_metric_def *def, const struct dr_series *s, size_t n,
                        const char *const *labels, const char *word, char *out, size_t size);
/* Whether point i of s is a rate (a proportion, or a ratio whose
 * denominator counts cases) on fewer than s->min_den cases: shown greyed
 * with its n, never judged or compared (chart-headline-guard.c). */
bool dr_series_small_n(const struct dr_series *s, size_t i);
/* The same test for one value of metric def (NULL: not a metric) on den
 * cases: breakdown tables, tiles and bars ask it. */
bool dr_rate_small_n(const struct dr_metric_def *def, double den, int min_den);
/* The headline of a series whose latest value may not be judged: a rate
 * on too few cases, or a window privacy hid too much of. Writes it and
 * returns true; false (out untouched) when the headline may judge.
 * dr_headline() asks this first. */
bool dr_headline_guard(const struct dr_series *s, char *out, size_t size);
/* Index of the last point with a value that is not provisional (the one
 * the packet judges), or s->n when there is none. */
size_t dr_series_last_complete(const struct dr_series *s);
/* Whether the rules can say anything about point j: it has a value, not
 * on too few cases (dr_series_small_n), and a centre, and limits, or a chart without limits by design (run chart), or
 * a rule that fired without them. The headline, the summary table and the
 * chart's variation icon all ask this one question. */
bool dr_series_judged(const struct dr_series *s, size_t j);
/* "October 2026" or "Q4 2026" for point i. */
void dr_headline_period(const struct dr_series *s, size_t i, char *out, size_t size);

/* ---- signal episodes (chart-signals.c) ---- */

/* What a stretch of special-cause marks says. */
enum dr_episode_kind {
	DR_EPISODE_OUTSIDE,         /* beyond a process limit */
	DR_EPISODE_TREND,           /* rising or falling every period */
	DR_EPISODE_TWO_OF_THREE,    /* close to a limit, 2 of 3 */
	DR_EPISODE_RUN,             /* on one side of the centre (mdc run rule) */
	DR_EPISODE_LONG_RUN,        /* anhoej: a run longer than chance gives */
	DR_EPISODE_CROSSINGS,       /* anhoej: too few crossings; the run it ends on */
};

/* One episode: points first..last of one phase (the marked points in it,
 * and any unmarked or provisional ones between them). */
struct dr_episode {
	enum dr_episode_kind kind;
	int side;                   /* +1 above / rising, -1 below / falling */
	size_t first, last;
	enum dr_spc_point_type type;        /* improvement, concern, neutral high/low */
	int phase;
};

/* Whether the chart marks point i as a special cause: it has a value, is
 * not provisional, and its type is improvement, concern or neutral. */
bool dr_series_marked(const struct dr_series *s, size_t i);
/* The episodes of every marked point of s into ep (at most max, the
 * earliest kept), in order of their first point; returns how many. The
 * headline and the chart read the same marks through this. */
size_t dr_series_episodes(const struct dr_series *s, struct dr_episode *ep, size_t max);

#endif
