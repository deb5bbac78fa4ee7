/*
 * metric-int.h -- the accumulators shared by metric-accum.c (rows in) and
 * metric-series.c (series out). Not visible to other stages.
 *
 * One struct cell per dyad x month of the accumulation range: counts, sums,
 * histograms for exact medians and hashed sets for distinct counts. Nothing
 * here grows with rows except the sets.
 */
#ifndef DYADREPORT_METRIC_INT_H
#define DYADREPORT_METRIC_INT_H

#include "dyadreport/config.h"
#include "dyadreport/metric.h"
#include "dyadreport/stats.h"

struct visits_acc {
	long rows, completed, new_completed, no_show, wrvu_n;
	double wrvu_sum;
	struct dr_hist lead_days, minutes;
	struct dr_set64 patients, clinic_days;
};

struct denials_acc {
	long rows, approved, denied, pending, overturned, upheld, appeal_pending;
	long decided, over7, denied_with_amount;
	double denied_amount;
	struct dr_hist days;
};

struct handoffs_acc {
	long rows, completed, within, tool_known, structured;
	struct dr_hist tenths;      /* hours to complete x 10 */
};

struct burnout_acc {
	long respondents, burned;
};

struct cell {
	struct visits_acc v;
	struct denials_acc d;
	struct handoffs_acc h;
	struct burnout_acc b;
};

struct dept {
	char *code;
	size_t dyad;
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
	bool loaded[DR_NEXTRACTS];
	long unowned[DR_NEXTRACTS];
	struct dr_series *series;   /* ndyads x DR_NMETRICS, after finish */
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

#endif
