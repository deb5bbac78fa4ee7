/*
 * metric-int.h -- the accumulators shared by metric-accum.c (rows in) and
 * metric-series.c (series out). Not visible to other stages.
 *
 * One struct cell per dyad x month of the accumulation range: counts, sums,
 * histograms for exact medians and hashed sets for distinct counts. The
 * breakdowns add, per dyad x group x month for groups known in advance
 * (department, weekday, handoff type, role), the part of a cell their
 * extract fills; a hash table of free-text keys per dyad (provider, payer,
 * service) with the visits or requests of the three months ending at the
 * report month; and per-dyad pending-age counts. Nothing here
 * grows with rows: only with distinct keys (set members, text keys, capped).
 */
#ifndef DYADREPORT_METRIC_INT_H
#define DYADREPORT_METRIC_INT_H

#include "dyadreport/config.h"
#include "dyadreport/leftout.h"
#include "dyadreport/metric.h"
#include "dyadreport/stats.h"

/* Lead-time buckets of the lead-time breakdown: 0-7, 8-14, 15-30, 31-60,
 * 61-90, 91+ days. */
#define DR_NLEAD 6
/* Pending-age buckets: 0-7, 8-14, 15-30, 31+ days at the month's end. */
#define DR_NPENDING_AGE 4
/* Survey items scored 1..5 beside burnout. */
enum { DR_ITEM_SATISFACTION, DR_ITEM_STRESS, DR_ITEM_TRUST, DR_ITEM_TEAMWORK, DR_NITEMS };

struct visits_acc {
	long rows, completed, new_completed, no_show, wrvu_n;
	long lead[DR_NLEAD];        /* completed visits with a booked date, by bucket */
	double wrvu_sum;
	struct dr_hist lead_days, minutes;
	long patients;              /* distinct patients of completed visits (dyad
	                             * cells only, counted through struct
	                             * dr_metrics' patients); -1 once two months
	                             * are merged, as a sum would overcount */
	struct dr_dayset clinic_days;  /* provider and month -> days worked */
};

struct denials_acc {
	long rows, approved, denied, pending, overturned, upheld, appeal_pending;
	long decided, over7, denied_with_amount, approved_with_amount;
	long reason[DR_NREASONS];   /* DENIED requests by reason */
	double denied_amount, approved_amount;
	struct dr_hist days;
	/* As the data stood at the end of the month before the report month
	 * (dyad cells only): requests pending then (PENDING now, or decided
	 * after that day), and those approved or denied by then. */
	long pending_before, approved_before, denied_before;
};

struct handoffs_acc {
	long rows, completed, within, tool_known, structured;
	struct dr_hist tenths;      /* hours to complete x 10 */
};

struct burnout_acc {
	long respondents, burned;
	long item_n[DR_NITEMS];     /* answered (score 1..5) */
	long item_sum[DR_NITEMS];
	long item_agree[DR_NITEMS]; /* scored 4 or 5 */
};

struct cell {
	struct visits_acc v;
	struct denials_acc d;
	struct handoffs_acc h;
	struct burnout_acc b;
};

/* A department's month: its visits and survey responses (denials and
 * handoffs have no department breakdown). The other breakdowns keep one
 * extract's part each (struct dr_metrics), a third to an eighth of a cell;
 * metric-breakdown.c reads a group's month as a whole cell (group_cell). */
struct dept_acc {
	struct visits_acc v;
	struct burnout_acc b;
};

struct dept {
	char *code;
	size_t dyad;
	size_t index;               /* into the department cells (all dyads' in order) */
};

/* A free-text key of one dyad's provider, payer or service breakdown. */
struct keyent {
	uint64_t hash;
	char *key, *label;
	/* [0] the report month, [1] the two months before: visits of a
	 * provider, requests of a payer or service (the other is NULL) */
	struct visits_acc *v;
	struct denials_acc *d;
};

enum { DR_KEYS_PROVIDER, DR_KEYS_PAYER, DR_KEYS_SERVICE, DR_NKEYTABS };
/* Most distinct keys per dyad per table; rows of further keys go to "Other". */
#define DR_KEYS_MAX 5000

struct keytab {
	struct keyent *ent;         /* in order of first appearance */
	size_t n, cap;
	size_t *slot;               /* entry index + 1, open addressing; 0 = empty */
	size_t nslots;
	size_t other;               /* entry index + 1 of "Other", 0 until needed */
};

/* Per-group series of one dyad for one breakdown (dr_metrics_group_series). */
struct group_series {
	size_t n;
	const char **label;         /* borrowed from the config or static text */
	struct dr_series *s;        /* n x DR_NMETRICS; def NULL where not built */
};

struct dr_metrics {
	const struct dr_config *cfg;
	struct dr_privacy priv;     /* thresholds applied to series and breakdowns */
	dr_month first, last;       /* the trend window */
	dr_month acc_first;         /* accumulation starts here (whole quarters) */
	size_t nmonths;             /* months accumulated: last - acc_first + 1 */
	size_t ndyads;
	struct cell *cells;         /* ndyads x nmonths */
	struct dept *depts;         /* department -> dyad, open addressing */
	size_t ndept_slots;
	struct {                    /* per extract (each is read by one thread):
	                             * department texts of up to 8 bytes as */
		uint64_t text;      /* rows spell them, exactly: their entry */
		const struct dept *dp;      /* (NULL: no dyad owns it) */
		unsigned char len;  /* 0: empty slot */
	} seen[DR_NEXTRACTS][64];
	bool loaded[DR_NEXTRACTS];
	long unowned[DR_NEXTRACTS];
	struct dr_left_out left[DR_NEXTRACTS];  /* rows left out, by cause (leftout.h) */
	struct dr_series *series;   /* ndyads x DR_NMETRICS, after finish */
	/* Breakdown accumulators. */
	size_t *dept_first;         /* per dyad: its first department cell row */
	size_t ndepts;              /* departments of every dyad */
	struct dept_acc *dept_cells;        /* ndepts x nmonths */
	struct visits_acc *wday_cells;      /* ndyads x 7 x nmonths */
	struct handoffs_acc *htype_cells;   /* ndyads x DR_NHANDOFF_TYPES x nmonths */
	struct burnout_acc *role_cells;     /* ndyads x DR_NROLES x nmonths */
	struct keytab *keys;        /* ndyads x DR_NKEYTABS */
	struct dr_idset *patients;  /* ndyads x nmonths: hashes of the patients
	                             * of completed visits, the one structure
	                             * that grows with rows */
	long (*pending_age)[DR_NPENDING_AGE];   /* per dyad, at the end of last */
	dr_date last_end;           /* last day of the report month */
	dr_date before_end;         /* last day of the month before it */
	struct group_series *gseries;   /* ndyads x 2 (department, handoff type), after finish */
};

/* Rows of extract e counted in cell c. */
static inline long dr_cell_rows(const struct cell *c, enum dr_extract e)
{
	switch (e) {
	case DR_VISITS: return c->v.rows;
	case DR_DENIALS: return c->d.rows;
	case DR_HANDOFFS: return c->h.rows;
	case DR_BURNOUT: return c->b.respondents;
	default: return 0;
	}
}

/* The cell of dyad d for month mo, or NULL outside the range. */
struct cell *dr_metrics_cell(struct dr_metrics *m, size_t d, dr_month mo);
/* Cell c plus src into dst (counts, sums, histograms, sets). */
void dr_metrics_cell_merge(struct cell *dst, const struct cell *src);
/* Frees one cell's sets and histograms. */
void dr_metrics_cell_free(struct cell *c);

/* Value, numerator and denominator of metric id over cell c (NAN where none);
 * returns whether the period is provisional (metric-series.c). */
bool dr_metrics_fill_point(enum dr_metric_id id, const struct cell *c, double *v, double *n, double *dn);
/* Most counts one value rests on. */
#define DR_RESTS_MAX 4
/* The counts from patient records that metric id's value over c rests on
 * (the public audience's cell-size rule): its numerator and denominator,
 * for a proportion its complement (denominator - numerator: 58 of 60
 * completed tells 2 incomplete), and any count the value gives away next
 * to the others printed (final denial rate: overturned); up to
 * DR_RESTS_MAX into out; returns how many. */
size_t dr_metrics_rests_on(enum dr_metric_id id, const struct cell *c, double out[DR_RESTS_MAX]);
/* Whether cell c's requests are more than 10% pending. */
bool dr_metrics_pending_provisional(const struct cell *c);
/* Builds the series of metric id over the month cells cells[0 .. nmonths)
 * (month acc_first onwards) with the run's privacy rules, unjudged. */
void dr_metrics_series_fill(const struct dr_metrics *m, const struct cell *cells,
                            enum dr_metric_id id, struct dr_series *s);
/* Judges a filled series for dyad d with SPC. */
void dr_metrics_series_judge(const struct dr_metrics *m, size_t d, struct dr_series *s);
void dr_metrics_series_free(struct dr_series *s);

/* Frees the breakdown accumulators and group series (metric-breakdown.c). */
void dr_metrics_breakdown_free_all(struct dr_metrics *m);
/* Builds the per-group series of every dyad (metric-breakdown.c). */
void dr_metrics_group_series_finish(struct dr_metrics *m);

#endif
