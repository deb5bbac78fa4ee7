/*
 * run-jobs.c -- -j N: dyads rendered by N worker processes after one load.
 *
 * Takes a list of items (parts of dyads, in config order) and a job
 * function. With more than one job and more than one item it forks the
 * workers after the caller has loaded every extract and finished the
 * metrics, so each worker sees them copy-on-write and nothing is loaded
 * twice. Items are handed out one at a time, in order, to whichever worker
 * is free (each worker has its own item pipe), so a dyad with more charts
 * or a slower part does not leave the other cores idle. Which process
 * renders an item never changes its bytes: the job function alone decides
 * them, so -j 1 and -j 8 write the same files.
 *
 * Each worker sends one fixed-size struct dr_run_job_result per item
 * through one shared pipe (writes below PIPE_BUF are atomic) and leaves
 * with _exit() and its worst enum dr_exit code when its item pipe closes:
 * no atexit handler or stdio buffer of the parent runs twice. After a
 * failure the remaining items of the same dyad (same name) are not handed
 * out; other dyads go on. The parent reads results until every worker has
 * closed the shared pipe, then reaps them all; a worker killed by a signal
 * or leaving without reporting is an internal error naming the dyad it was
 * on. With one job everything runs in this process, in order, and stops at
 * the first failure.
 *
 * A worker dies with the process that forked it (PR_SET_PDEATHSIG), so
 * a run killed with kill -9 leaves no worker writing behind it.
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
#include <sys/prctl.h>
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

/* A worker's life: items read from its own pipe until the main process
 * closes it, each result down the shared pipe; exits with the worst code. */
static _Noreturn void worker(size_t w, int cmd, int out, dr_run_job_fn fn, void *ctx)
{
	int rc = DR_OK;
	uint64_t item;
	int r;
	while ((r = read_full(cmd, &item, sizeof item)) == 1) {
		struct dr_run_job_result res;
		rc = dr_run_jobs_worst(rc, run_one((size_t)item, fn, ctx, &res));
		res.worker = (int32_t)w;
		if (write_full(out, &res, sizeof res) != 0) {
			dr_error("cannot report to the main process: %s", strerror(errno));
			rc = dr_run_jobs_worst(rc, DR_EINTERNAL);
			break;
		}
	}
	if (r < 0)
		rc = dr_run_jobs_worst(rc, DR_EINTERNAL);
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

/* The parent's view of the pool. */
struct pool {
	const size_t *items;
	size_t n, next;             /* items[next] is the next to hand out */
	int *cmd;                   /* write end of each worker's item pipe, -1 closed */
	size_t *on;                 /* the item index each worker is on, n when none */
	bool *failed_item;          /* per item index: it failed */
	dr_run_job_name_fn name;
	void *ctx;
};

/* Whether item i belongs to a group (a dyad: same name) that already failed. */
static bool group_failed(const struct pool *p, size_t i)
{
	const char *nm = p->name(p->items[i], p->ctx);
	for (size_t k = 0; k < p->n; k++)
		if (p->failed_item[k] && strcmp(p->name(p->items[k], p->ctx), nm) == 0)
			return true;
	return false;
}

/* Hands worker w its next item, or closes its pipe when none is left. */
static void hand_out(struct pool *p, size_t w)
{
	while (p->next < p->n && group_failed(p, p->next))
		p->next++;
	if (p->next < p->n && p->cmd[w] >= 0) {
		uint64_t item = p->items[p->next];
		if (write_full(p->cmd[w], &item, sizeof item) == 0) {
			p->on[w] = p->next++;
			return;
		}
	}
	p->on[w] = p->n;
	if (p->cmd[w] >= 0)
		close(p->cmd[w]);
	p->cmd[w] = -1;
}

int dr_run_jobs_each(const size_t *items, size_t n, int jobs, dr_run_job_fn fn,
                     dr_run_job_done_fn done, dr_run_job_name_fn name, void *ctx)
{
	size_t nw = jobs > 1 ? (size_t)jobs : 1;
	if (nw > n)
		nw = n;
	if (nw <= 1)
		return in_process(items, n, fn, done, ctx);

	int res_fd[2];
	if (pipe(res_fd) != 0) {
		dr_error("cannot start worker processes: %s", strerror(errno));
		return DR_EINTERNAL;
	}
	struct pool p = {
		.items = items, .n = n, .name = name, .ctx = ctx,
		.cmd = dr_xcalloc(nw, sizeof *p.cmd), .on = dr_xcalloc(nw, sizeof *p.on),
		.failed_item = dr_xcalloc(n, sizeof *p.failed_item),
	};
	int *cmd_read = dr_xcalloc(nw, sizeof *cmd_read);
	pid_t *pids = dr_xcalloc(nw, sizeof *pids);
	bool *failed = dr_xcalloc(nw, sizeof *failed);
	int rc = DR_OK;
	for (size_t w = 0; w < nw; w++) {
		int fd[2];
		if (pipe(fd) != 0) {
			p.cmd[w] = cmd_read[w] = -1;
			continue;
		}
		cmd_read[w] = fd[0];
		p.cmd[w] = fd[1];
	}
	/* A worker gone early must not kill us when we hand it an item. */
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	fflush(NULL);               /* no buffered output copied into the workers */
	pid_t parent = getpid();
	for (size_t w = 0; w < nw; w++) {
		pids[w] = cmd_read[w] >= 0 ? fork() : -1;
		if (pids[w] == 0) {
			/* A run killed (kill -9 by a scheduler) takes its workers
			 * with it: none goes on writing into a staging area the
			 * next run removes. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(DR_EINTERNAL);
			signal(SIGPIPE, old_pipe);
			close(res_fd[0]);
			for (size_t k = 0; k < nw; k++) {  /* only its own item pipe */
				if (p.cmd[k] >= 0)
					close(p.cmd[k]);
				if (k != w && cmd_read[k] >= 0)
					close(cmd_read[k]);
			}
			worker(w, cmd_read[w], res_fd[1], fn, ctx);
		}
		if (cmd_read[w] >= 0)
			close(cmd_read[w]);
		if (pids[w] < 0) {
			dr_error("cannot start worker process %zu of %zu: %s", w + 1, nw, strerror(errno));
			rc = DR_EINTERNAL;
			if (p.cmd[w] >= 0)
				close(p.cmd[w]);
			p.cmd[w] = -1;
			p.on[w] = n;
			continue;
		}
	}
	close(res_fd[1]);
	for (size_t w = 0; w < nw; w++)
		if (pids[w] > 0)
			hand_out(&p, w);

	struct dr_run_job_result res;
	int r;
	while ((r = read_full(res_fd[0], &res, sizeof res)) == 1) {
		size_t w = (size_t)res.worker;
		if (w >= nw || p.on[w] >= n) {
			rc = DR_EINTERNAL;
			continue;
		}
		if (res.rc != DR_OK) {
			p.failed_item[p.on[w]] = true;
			failed[w] = true;
		}
		done(&res, ctx);
		rc = dr_run_jobs_worst(rc, res.rc);
		hand_out(&p, w);
	}
	if (r < 0) {
		dr_error("cannot read the worker processes' reports: %s", strerror(errno));
		rc = DR_EINTERNAL;
	}
	close(res_fd[0]);
	for (size_t w = 0; w < nw; w++)
		if (p.cmd[w] >= 0)
			close(p.cmd[w]);

	for (size_t w = 0; w < nw; w++) {
		if (pids[w] <= 0)
			continue;
		int status;
		pid_t got;
		while ((got = waitpid(pids[w], &status, 0)) < 0 && errno == EINTR)
			;
		size_t at = p.on[w];
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
				/* it left without reporting a failure, or with an item undone */
				dr_error("dyad %s: the worker process rendering it exited with code %d "
				         "before finishing", what, code);
				code = DR_EINTERNAL;
			}
		}
		rc = dr_run_jobs_worst(rc, code);
	}
	signal(SIGPIPE, old_pipe);
	free(failed);
	free(pids);
	free(cmd_read);
	free(p.failed_item);
	free(p.on);
	free(p.cmd);
	return rc;
}
