/*
 * overview.h -- the whole system at a glance: overview.pdf and
 * overview.csv at the output root, for the executives who read no single
 * dyad's packet (doc/guide.md, "What a run writes").
 *
 * Built from the metrics the run already computed (struct dr_metrics,
 * with its privacy thresholds applied): no second pass over the extracts.
 * The model (overview-model.c) is a matrix of metric rows x dyad columns,
 * one cell per pair: the dyad's latest value in the report month, the
 * variation and assurance of its latest complete point as the packet's
 * summary table judges them, its target, and the changes of this month
 * (changes.h) that are new special causes or targets newly met or missed.
 * The key rates (no-show, initial denial, handoff completion, burnout
 * share) are also compared across the dyads in a funnel plot (funnel.h).
 * A dyad with no value for a metric has a cell that says so ("no data",
 * "hidden", a rate on too few cases), never a gap.
 *
 * The metrics are the ones the run's template shows (its summary pages'
 * metrics, none = every metric; its chart-grid and single-metric chart
 * pages'), whose extract was loaded; the dyads those the run rendered, in
 * config order.
 *
 * overview-pdf.c draws the PDF (a cover, the matrix split over landscape
 * pages by dyad columns, what changed this month by domain), tagged like
 * the packets, each dyad's column header linking to its packet file by a
 * relative path. overview-csv.c writes one row per dyad x metric.
 *
 * Ownership: struct dr_overview owns its arrays; the series it points to
 * belong to the metrics. Never: reads a record, prints a cell's value.
 */
#ifndef DYADREPORT_OVERVIEW_H
#define DYADREPORT_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "dyadreport/changes.h"
#include "dyadreport/config.h"
#include "dyadreport/font.h"
#include "dyadreport/funnel.h"
#include "dyadreport/metric.h"
#include "dyadreport/template.h"

struct dr_overview_input {
	const struct dr_config *cfg;
	const struct dr_metrics *metrics;
	const struct dr_template *tpl;      /* the run's template: audience, metrics, folder */
	const bool *rendered;               /* per dyad of cfg: rendered by this run */
	dr_month report_month;
	const char *generated;              /* "2026-11-14", printed on the cover */
	struct dr_fonts *fonts;
	bool draft;                         /* no extract holds the report month */
};

/* What one cell says. */
enum dr_overview_state {
	DR_OVERVIEW_VALUE,          /* a value for the report month */
	DR_OVERVIEW_NO_DATA,        /* no value in the report month (no rows, no cases) */
	DR_OVERVIEW_HIDDEN,         /* privacy hid it */
};

/* Bits of the changes of a cell (1u << kind), of the kinds listed. */
#define DR_OVERVIEW_CHANGES ((1u << DR_CHANGE_NEW_SIGNAL) | (1u << DR_CHANGE_TARGET_MET) | \
                             (1u << DR_CHANGE_TARGET_MISSED))

struct dr_overview_cell {
	const struct dr_series *s;  /* the dyad's series of the metric (never NULL) */
	enum dr_overview_state state;
	double value;               /* NAN unless state is VALUE */
	bool provisional;           /* the value's month is still closing */
	bool small;                 /* a rate on too few cases: not judged */
	bool judged;                /* a value, and the latest complete point is judged:
	                             * icons apply */
	enum dr_spc_point_type variation;   /* of the series' summary when judged, else NONE */
	enum dr_spc_assurance assurance;    /* NONE when not judged or no target */
	unsigned changes;           /* 1u << enum dr_change_kind, within DR_OVERVIEW_CHANGES */
};

/* The key rates the overview compares across dyads with a funnel plot
 * (funnel.h), when the template shows them. */
#define DR_OVERVIEW_MAX_FUNNELS 4

/*
 * One funnel: metric's value in the report month (survey: the latest
 * wave) of each dyad as y = numerator of n = denominator, proportions
 * judged around the pooled rate with the overdispersion model the
 * dispersion test picks (DR_FUNNEL_OD_AUTO). A dyad whose value privacy
 * hid is left out and counted (hidden); one without cases is left out
 * (pt[c].flag DR_FUNNEL_NO_N). judged is false when fewer than two dyads
 * have cases or the engine declines: then there is no comparison.
 */
struct dr_overview_funnel {
	enum dr_metric_id metric;
	size_t row;                 /* its row of the matrix */
	bool judged;
	struct dr_funnel f;
	struct dr_funnel_point *pt; /* per column; flag NO_N for a dyad left out */
	double *y, *n;              /* per column, as judged (NAN: left out) */
	size_t hidden;              /* dyads whose value privacy hid */
	bool provisional;           /* a compared value is provisional */
};

struct dr_overview {
	size_t *dyad;               /* cfg indices of the columns, in config order */
	size_t ndyads;
	enum dr_metric_id metric[DR_NMETRICS];  /* the rows, in metric (domain) order */
	size_t nmetrics;
	struct dr_overview_cell *cell;  /* nmetrics x ndyads, row-major */
	struct dr_changes *changes;     /* per column: its changes of the listed kinds */
	struct dr_overview_funnel funnel[DR_OVERVIEW_MAX_FUNNELS];  /* the listed key rates,
	                                                             * judged or not */
	size_t nfunnels;
};

/* Builds the matrix; false (o zeroed) when fewer than two dyads were
 * rendered or no metric was loaded. */
bool dr_overview_build(const struct dr_overview_input *in, struct dr_overview *o);
void dr_overview_free(struct dr_overview *o);
static inline const struct dr_overview_cell *dr_overview_at(const struct dr_overview *o,
                                                            size_t row, size_t col)
{
	return &o->cell[row * o->ndyads + col];
}
/* The judged funnel of matrix row row, or NULL (not a key rate, or no
 * comparison). */
const struct dr_overview_funnel *dr_overview_funnel_of(const struct dr_overview *o, size_t row);
/* "new_signal", "target_met", "target_missed" (CSV); "" for others. */
const char *dr_overview_change_name(enum dr_change_kind k);
/* The packet file of dyad d relative to the output root:
 * "<id>/packet.pdf", or "<id>/<template>/packet.pdf" for a template other
 * than monthly-packet (run.c's dyad folders). Caller frees. */
char *dr_overview_packet_path(const struct dr_config *cfg, size_t d, const struct dr_template *tpl);

/* The PDF (overview-pdf.c); DR_OK or DR_EINTERNAL; *buf malloc'd. */
int dr_overview_pdf(const struct dr_overview_input *in, const struct dr_overview *o,
                    unsigned char **buf, size_t *len, int *npages);
/* overview.csv at path (overview-csv.c): 0, or -1 after a message. */
int dr_overview_csv(const char *path, const struct dr_overview_input *in,
                    const struct dr_overview *o);

#endif
