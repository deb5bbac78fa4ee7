/*
 * run.h -- one report run, stage by stage (run.c is the table of contents).
 *
 * Load every configured extract once, compute and judge every metric for
 * every dyad, then write each selected dyad's packet, charts and metrics
 * CSV under the output root, and the run's data-quality.csv at the root.
 * With check set, stop after loading: print the data-quality summary on
 * stdout and write nothing. Returns an enum dr_exit value.
 *
 * Freshness: after loading and before anything is written, when no
 * extract has a row dated in the report month, every extract's latest
 * month is named on stderr (even with -q) and the run returns DR_ENOMONTH
 * having written nothing (--check too), unless allow_incomplete: then the
 * month is published with a DRAFT mark on every page and chart. When only
 * some extracts lack the month (the survey: its quarter up to the month),
 * the run publishes, warns naming them, and the packet says so.
 */
#ifndef DYADREPORT_RUN_H
#define DYADREPORT_RUN_H

#include "dyadreport/config.h"

struct dr_run_options {
	const char *output;         /* -o: output root as given (relative to cwd); NULL = config */
	const char *template_spec;  /* -t: template name or path (relative to cwd); NULL =
	                             * config's [report] template */
	const char **dyads;         /* -d: ids to render; NULL/0 = every dyad */
	size_t ndyads;
	bool check;                 /* --check: read and report only, write nothing */
	bool strict;                /* --strict: any skipped row fails the run */
	bool allow_incomplete;      /* --allow-incomplete: publish a report month no
	                             * extract holds, marked DRAFT on every page and
	                             * chart, instead of exiting DR_ENOMONTH */
	int jobs;                   /* -j: dyads rendered in parallel processes,
	                             * 1..64; 0 or 1 = in this process, no fork */
	long wait_seconds;          /* --wait: how long to wait for another run's lock (0) */
	long stale_after_seconds;   /* --stale-after: a lock this old is taken over;
	                             * 0 = DR_LOCK_STALE_DEFAULT (6 h) */
};

int dr_run(const struct dr_config *cfg, const struct dr_run_options *o);

/* The report month for a period setting ("last-month" or "YYYY-MM"),
 * relative to SOURCE_DATE_EPOCH when set, else today. */
int dr_run_report_month(const char *period, dr_month *out);

/* `dyadreport spc ARGS` (spc-cli.c): argv[0] is "spc". Returns an enum
 * dr_exit value. */
int dr_spc_main(int argc, char **argv);

/* `dyadreport funnel ARGS` (funnel-cli.c): argv[0] is "funnel". Returns an
 * enum dr_exit value. */
int dr_funnel_main(int argc, char **argv);

#endif
