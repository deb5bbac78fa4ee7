/*
 * run-int.h -- what run.c shares with its helpers: the worker pool that
 * renders dyads in parallel (run-jobs.c), the threads that read the
 * extracts side by side (run-load.c), and the progress line and stage
 * timings on stderr (run-progress.c). Internal to the run stage.
 */
#ifndef DYADREPORT_RUN_INT_H
#define DYADREPORT_RUN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dyadreport/load.h"

/* ---- run-load.c ---- */

/* One extract to read: what dr_load_extract takes, and what it gave. */
struct dr_run_load_task {
	enum dr_extract extract;
	struct dr_load_options options;
	struct dr_load_stats *stats;
	dr_load_row_fn fn;
	void *ctx;
	int rc;                     /* dr_load_extract's return */
	double secs;                /* its wall time */
};

/* Runs every task, up to `threads` at once (threads of this process). */
void dr_run_load_tasks(struct dr_run_load_task *task, size_t n, int threads);

/* ---- run-jobs.c ---- */

/* What one job (one dyad) reports; a fixed struct sent whole through a pipe
 * (far below PIPE_BUF, so each write is atomic). */
struct dr_run_job_result {
	int32_t item;               /* the job's item (a dyad index) */
	int32_t rc;                 /* enum dr_exit */
	int32_t files;              /* files written */
	int32_t pages;              /* PDF pages written */
	int32_t worker;             /* the worker process that ran it (0 in process) */
	double secs;                /* wall time of the job */
};

/* Runs item's job, filling res->files and res->pages; returns an enum
 * dr_exit value. Runs in a worker process when jobs > 1. */
typedef int (*dr_run_job_fn)(size_t item, struct dr_run_job_result *res, void *ctx);
/* Called in the calling process for every finished job, in the order they
 * finish. */
typedef void (*dr_run_job_done_fn)(const struct dr_run_job_result *res, void *ctx);
/* The name of an item for messages (a dyad id). */
typedef const char *(*dr_run_job_name_fn)(size_t item, void *ctx);

/*
 * Runs fn for items[0..n) with up to jobs worker processes forked now (the
 * caller's memory shared copy-on-write); jobs <= 1 or a single item runs
 * them in this process, in order, with no fork, stopping at the first
 * failure. Workers take the items in order as each becomes free; after a
 * failure, the other items with the failed item's name are skipped.
 * Returns the worst code (see
 * dr_run_jobs_worst); a worker that crashes or is killed counts as
 * DR_EINTERNAL, with a message naming the item it was on.
 */
int dr_run_jobs_each(const size_t *items, size_t n, int jobs, dr_run_job_fn fn,
                     dr_run_job_done_fn done, dr_run_job_name_fn name, void *ctx);

/* The worse of two exit codes: internal error (1) over output (4) over
 * input (3) over usage (2) over success (0). */
int dr_run_jobs_worst(int a, int b);

/* ---- run-progress.c ---- */

/* Turns the progress line on when stderr is a terminal and not -q. */
void dr_run_progress_start(void);
/* "NAME: 28,455 rows [#####.....]": bytes done of total for the bar (no
 * bar when total is 0). Redrawn at most ten times a second. */
void dr_run_progress_load(const char *name, long rows, long long done, long long total);
/* "dyads 2/3". */
void dr_run_progress_dyads(size_t done, size_t total);
/* Erases the line (before any other message, and at the end). */
void dr_run_progress_clear(void);
/* Seconds since *t0 (CLOCK_MONOTONIC). */
double dr_run_progress_since(const struct timespec *t0);

#endif
