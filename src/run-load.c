/*
 * run-load.c -- the configured extracts read side by side, one thread each
 * (the largest with helpers of its own).
 *
 * Takes: tasks (an extract, its loader options, its stats, the row callback)
 *        and the most threads to use (the run's -j).
 * Does:  dr_load_extract for every task, each with its wall time; with more
 *        than one thread, the tasks are taken in order by whichever thread
 *        is free (visits, the largest, first), the calling thread included.
 *        The largest task may use more threads (run.c sets its
 *        chunk_threads to -j: load-chunk.c starts N - 1 helpers that parse
 *        its chunks beside its own thread, which also settles their rows
 *        in file order), so with -j N up to 2N - 1 threads run while the
 *        other extracts are read.
 * Safe because: each task writes only its own stats and, through the row
 *        callback, only its own extract's accumulators (struct cell keeps
 *        visits, denials, handoffs and survey sums apart; key tables, the
 *        pending ages and the quality counts are per extract; a chunked
 *        extract's callback runs on its task's thread only); messages are
 *        whole lines under stderr's lock (diag.c). What the threads compute
 *        does not depend on their timing, so the files are the same for
 *        any -j; only the order of two extracts' row messages may vary.
 * Never: starts a thread for one task or one allowed thread; a thread that
 *        cannot be created leaves its share to the others.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "run-int.h"

struct pool {
	struct dr_run_load_task *task;
	size_t n;
	atomic_size_t next;
};

static void run_task(struct dr_run_load_task *t)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	t->rc = dr_load_extract(t->extract, &t->options, t->stats, t->fn, t->ctx);
	t->secs = dr_run_progress_since(&t0);
}

static void *work(void *vp)
{
	struct pool *p = vp;
	size_t i;
	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		run_task(&p->task[i]);
	return NULL;
}

void dr_run_load_tasks(struct dr_run_load_task *task, size_t n, int threads)
{
	size_t nt = threads > 1 ? (size_t)threads : 1;
	if (nt > n)
		nt = n;
	struct pool p = { task, n, 0 };
	/* One malloc arena for all threads: the sets that grow with rows are
	 * made of many small arrays, and a second arena's slack and
	 * fragmentation cost 10 MB at 5M visits; allocations are rare (a
	 * bucket growing), so the shared lock costs nothing measurable. */
	if (nt > 1)
		mallopt(M_ARENA_MAX, 1);
	pthread_t *tid = nt > 1 ? dr_xcalloc(nt - 1, sizeof *tid) : NULL;
	size_t started = 0;
	for (size_t k = 0; k + 1 < nt; k++)
		if (pthread_create(&tid[started], NULL, work, &p) == 0)
			started++;
	work(&p);
	for (size_t k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	free(tid);
}
