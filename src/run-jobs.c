/*
 * run-jobs.c -- -j N: dyads rendered by N worker processes after one load.
 *
 * Takes a list of items (dyad indexes, in config order) and a job function.
 * With more than one job and more than one item it forks the workers after
 * the caller has loaded every extract and finished the metrics, so each
 * worker sees them copy-on-write and nothing is loaded twice. The items are
 * dealt out statically, item i to worker i % N: which process renders a
 * dyad is fixed by the command line, never by timing, and the job function
 * alone decides a dyad's bytes, so -j 1 and -j 8 write the same files.
 *
 * Each worker runs its items in order, sends one fixed-size struct
 * dr_run_job_result per item through one shared pipe (writes below
 * PIPE_BUF are atomic), stops at its first failure and leaves with _exit()
 * and its enum dr_exit code: no atexit handler or stdio buffer of the
 * parent runs twice. The parent reads results until every worker has
 * closed the pipe, then reaps them all; a worker killed by a signal or
 * leaving without reporting is an internal error naming the item it was on.
 *
 * Never: shares FreeType/cairo state between processes (the job function
 * opens its own fonts in each process), or lets a worker touch files the
 * parent writes after the pool (index.html, data-quality.csv).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/diag.h"
#include "run-int.h"

/* The rank of an exit code: higher is worse. */
static int rank(int rc)
{
	switch (rc) {
	case DR_OK: return 0;
	case DR_EUSAGE: return 1;
	case DR_EINPUT: return 2;
	case DR_EOUTPUT: return 3;
	default: return 4;          /* DR_EINTERNAL and anything unknown */
	}
}

int dr_run_jobs_worst(int a, int b)
{
	int r = rank(a) >= rank(b) ? a : b;
	return rank(r) == 4 ? DR_EINTERNAL : r;
}

/* Runs one item in this process, timing it. */
static int run_one(size_t item, dr_run_job_fn fn, void *ctx, struct dr_run_job_result *res)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(res, 0, sizeof *res);
	res->item = (int32_t)item;
	res->rc = fn(item, res, ctx);
	res->secs = dr_run_progress_since(&t0);
	return res->rc;
}

/* Writes all of len bytes; -1 on error. */
static int write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads exactly len bytes: 1, 0 at end of file, -1 on error. */
static int read_full(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)n;
	}
	return 1;
}

/* A worker's life: its share of the items, each result down the pipe. */
static _Noreturn void worker(const size_t *items, size_t n, size_t w, size_t nw, int fd,
                             dr_run_job_fn fn, void *ctx)
{
	int rc = DR_OK;
	for (size_t i = w; i < n; i += nw) {
		struct dr_run_job_result res;
		rc = run_one(items[i], fn, ctx, &res);
		if (write_full(fd, &res, sizeof res) != 0) {
			dr_error("cannot report to the main process: %s", strerror(errno));
			rc = dr_run_jobs_worst(rc, DR_EINTERNAL);
		}
		if (rc != DR_OK)
			break;
	}
	fflush(stdout);
	fflush(stderr);
	_exit(rc);
}

/* Every item in this process, in order, stopping at the first failure. */
static int in_process(const size_t *items, size_t n, dr_run_job_fn fn, dr_run_job_done_fn done,
                      void *ctx)
{
	int rc = DR_OK;
	for (size_t i = 0; i < n && rc == DR_OK; i++) {
		struct dr_run_job_result res;
		rc = run_one(items[i], fn, ctx, &res);
		done(&res, ctx);
	}
	return rc;
}

/* The first item of worker w that sent no result: the one it was on. */
static size_t current_item(const size_t *items, size_t n, size_t w, size_t nw, const bool *reported)
{
	for (size_t i = w; i < n; i += nw)
		if (!reported[i])
			return i;
	return n;
}

int dr_run_jobs_each(const size_t *items, size_t n, int jobs, dr_run_job_fn fn,
                     dr_run_job_done_fn done, dr_run_job_name_fn name, void *ctx)
{
	size_t nw = jobs > 1 ? (size_t)jobs : 1;
	if (nw > n)
		nw = n;
	if (nw <= 1)
		return in_process(items, n, fn, done, ctx);

	int fds[2];
	if (pipe(fds) != 0) {
		dr_error("cannot start worker processes: %s", strerror(errno));
		return DR_EINTERNAL;
	}
	pid_t *pids = dr_xcalloc(nw, sizeof *pids);
	bool *reported = dr_xcalloc(n, sizeof *reported);
	int rc = DR_OK;
	size_t started = 0;
	fflush(NULL);               /* no buffered output copied into the workers */
	for (size_t w = 0; w < nw; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(fds[0]);
			worker(items, n, w, nw, fds[1], fn, ctx);
		}
		if (pids[w] < 0) {
			dr_error("cannot start worker process %zu of %zu: %s", w + 1, nw, strerror(errno));
			rc = DR_EINTERNAL;
			break;
		}
		started++;
	}
	close(fds[1]);

	/* A worker's failure is reported with its item; remember whose. */
	bool *failed = dr_xcalloc(nw, sizeof *failed);
	struct dr_run_job_result res;
	int r;
	while ((r = read_full(fds[0], &res, sizeof res)) == 1) {
		for (size_t i = 0; i < n; i++)
			if (items[i] == (size_t)res.item && !reported[i]) {
				reported[i] = true;
				if (res.rc != DR_OK)
					failed[i % nw] = true;
				break;
			}
		done(&res, ctx);
		rc = dr_run_jobs_worst(rc, res.rc);
	}
	if (r < 0) {
		dr_error("cannot read the worker processes' reports: %s", strerror(errno));
		rc = DR_EINTERNAL;
	}
	close(fds[0]);

	for (size_t w = 0; w < started; w++) {
		int status;
		pid_t got;
		while ((got = waitpid(pids[w], &status, 0)) < 0 && errno == EINTR)
			;
		size_t at = current_item(items, n, w, nw, reported);
		const char *what = at < n ? name(items[at], ctx) : "(after its last dyad)";
		int code;
		if (got < 0) {
			dr_error("dyad %s: cannot wait for its worker process: %s", what, strerror(errno));
			code = DR_EINTERNAL;
		} else if (WIFSIGNALED(status)) {
			dr_error("dyad %s: the worker process rendering it was killed by signal %d (%s)",
			         what, WTERMSIG(status), strsignal(WTERMSIG(status)));
			code = DR_EINTERNAL;
		} else {
			code = WIFEXITED(status) ? WEXITSTATUS(status) : DR_EINTERNAL;
			if (!failed[w] && (code != DR_OK || at < n)) {
				/* it left without reporting a failure, or with dyads undone */
				dr_error("dyad %s: the worker process rendering it exited with code %d "
				         "before finishing", what, code);
				code = DR_EINTERNAL;
			}
		}
		rc = dr_run_jobs_worst(rc, code);
	}
	free(failed);
	free(reported);
	free(pids);
	return rc;
}
