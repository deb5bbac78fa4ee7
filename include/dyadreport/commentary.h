/*
 * commentary.h -- what the dyads decided: comments, actions, owners and
 * due dates, read from [input] commentary (dyadreport.ini(5), COMMENTARY).
 *
 * The loader hands every usable row of commentary.csv (struct
 * dr_comment_row, load.h) to dr_commentary_add(), which warns about a dyad
 * or metric key the config does not know (naming the file and line, never
 * the cell) and keeps the rest. dr_commentary_finish() then orders them;
 * after it the model is read-only and may be read by many threads and
 * forked processes.
 *
 * Comments: the comment of (dyad, metric, month) is every row's comment for
 * that key, in file order, joined by a space.
 *
 * Actions: an action is identified by (dyad, metric, action text); its
 * rows, in month order (file order within a month), are its history: the
 * first row's month is when it was raised; the latest row at or before the
 * report month gives its status, and its owner and due date (the latest
 * non-empty one of each). Rows after the report month are ignored, so a
 * rerun of an old month gives the packet it gave then. An action is open
 * at month `at` when its latest row at or before `at` says open; it was
 * closed in `at` when that row is dated `at` and says done or dropped. It
 * is overdue when it is open and its due date is before the first day of
 * the month after `at` (the date has passed by the time the month's packet
 * is read).
 *
 * Audience: every query takes public_only. With it, rows whose audience is
 * internal do not exist: no text, owner, date or count of theirs is
 * returned, so an internal comment cannot reach a public output.
 *
 * Ownership: the model copies what it keeps; strings it returns live until
 * dr_commentary_free(). Memory grows with the rows of commentary.csv (a
 * few per dyad and month, typed by people), never with the data extracts.
 */
#ifndef DYADREPORT_COMMENTARY_H
#define DYADREPORT_COMMENTARY_H

#include "dyadreport/dyadreport.h"
#include "dyadreport/load.h"
#include "dyadreport/metric.h"

struct dr_config;
struct dr_commentary;

/* An empty model for cfg's dyads; display names the file in warnings. */
struct dr_commentary *dr_commentary_new(const struct dr_config *cfg, const char *display);
/* Row callback for dr_load_extract(DR_COMMENTARY, ...) (ctx = the model).
 * A row whose dyad is not a dyad id of the config, or whose metric is not
 * a metric key, is a warning "DISPLAY:LINE: column dyad: no dyad with this
 * id in the config" (or "column metric: not a metric key") and is left out. */
void dr_commentary_add(enum dr_extract e, const void *record, void *ctx);
/* Sorts the rows; call once after the load, before any query. */
void dr_commentary_finish(struct dr_commentary *c);
/* Rows kept (after the unknown keys were left out), and rows left out for
 * an unknown dyad or metric key. */
long dr_commentary_rows(const struct dr_commentary *c);
long dr_commentary_unknown(const struct dr_commentary *c);
void dr_commentary_free(struct dr_commentary *c);

/* The comment of dyad d (index into cfg->dyads) on metric id for month mo,
 * or NULL when there is none. */
const char *dr_commentary_comment(const struct dr_commentary *c, size_t d, enum dr_metric_id id,
                                  dr_month mo, bool public_only);

/* One action as of a month (dr_commentary_actions). */
struct dr_action {
	enum dr_metric_id metric;
	const char *text;
	const char *owner;          /* NULL when no row gave one */
	dr_date due;                /* DR_NO_DATE when no row gave one */
	dr_month raised;            /* month of its first row */
	dr_month updated;           /* month of its latest row at or before `at` */
	enum dr_action_status status;       /* as of `at` */
	bool overdue;               /* open, and due before the month after `at` */
	long line;                  /* line of its latest row, for tracing */
};

/*
 * The actions of dyad d as of month at into *out (an array the caller
 * frees; its strings belong to c): first every action open at `at`, by
 * raised month, then metric, then file order; then those closed in `at`,
 * in the same order. *nopen gets how many are open (the first ones).
 * Returns the number of actions written.
 */
size_t dr_commentary_actions(const struct dr_commentary *c, size_t d, dr_month at, bool public_only,
                             struct dr_action **out, size_t *nopen);
/* Actions of dyad d open at `at`: on metric id, or on any metric when id
 * is DR_NMETRICS. */
size_t dr_commentary_open_count(const struct dr_commentary *c, size_t d, dr_month at,
                                enum dr_metric_id id, bool public_only);

#endif
