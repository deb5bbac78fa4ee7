/*
 * load-watchdog.c -- ends the run when a read of an extract makes no
 * progress: a dead network mount, a file system that never answers.
 *
 * Takes: the extract's name to print; the reader calls dr_load_watch_enter()
 *        before its open() and each read(), dr_load_watch_leave() after.
 * Does:  a thread per watched file wakes a few times a second; when one
 *        read() has been blocked for longer than the read timeout, it prints
 *        "FILE: no data for N s (...)" (or for an open(), "no answer")
 *        and ends the process with _exit(3)
 *        (DR_EINPUT). Nothing needs releasing then: extracts are all read
 *        before the output root is locked or any file is written (run.c),
 *        and _exit() ends every thread, even one stuck in the kernel.
 * Timeout: DYADREPORT_READ_TIMEOUT seconds (a decimal number > 0), default
 *        DR_LOAD_READ_TIMEOUT_DEFAULT; dr_load_read_timeout() checks it.
 * Never: interrupts a read that is slow but moving (each read() that
 *        returns resets the clock), or watches anything but open() and
 *        read() of an extract.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "load-int.h"

struct dr_load_watch {
	const char *display;
	double limit;               /* seconds */
	atomic_llong since_ns;      /* when the call in progress began; 0: none */
	atomic_bool opening;        /* that call is open(), not read() */
	bool done;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t tid;
};

static long long mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int dr_load_read_timeout(double *seconds)
{
	*seconds = DR_LOAD_READ_TIMEOUT_DEFAULT;
	const char *s = getenv("DYADREPORT_READ_TIMEOUT");
	if (!s || !*s)
		return 0;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v) || v <= 0 || v > 1e6)
		return -1;
	*seconds = v;
	return 0;
}

static void *watch(void *vw)
{
	struct dr_load_watch *w = vw;
	/* Wake about 10 times per limit, at most every 250 ms. */
	long long tick = (long long)(w->limit * 1e8);
	if (tick > 250000000LL)
		tick = 250000000LL;
	if (tick < 10000000LL)
		tick = 10000000LL;
	pthread_mutex_lock(&w->mu);
	while (!w->done) {
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		long long ns = until.tv_nsec + tick;
		until.tv_sec += (time_t)(ns / 1000000000LL);
		until.tv_nsec = (long)(ns % 1000000000LL);
		pthread_cond_timedwait(&w->cv, &w->mu, &until);
		long long since = atomic_load(&w->since_ns);
		if (!w->done && since && (double)(mono_ns() - since) / 1e9 > w->limit) {
			if (atomic_load(&w->opening))
				dr_error_at(w->display, 0, "no answer for %g s: opening it is stuck (a network "
				            "drive that stopped answering?); giving up (DYADREPORT_READ_TIMEOUT)",
				            w->limit);
			else
				dr_error_at(w->display, 0, "no data for %g s: the read is stuck (a network drive "
				            "that stopped answering?); giving up (DYADREPORT_READ_TIMEOUT)", w->limit);
			_exit(DR_EINPUT);
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct dr_load_watch *dr_load_watch_start(const char *display)
{
	double limit;
	if (dr_load_read_timeout(&limit) != 0)
		limit = DR_LOAD_READ_TIMEOUT_DEFAULT;   /* main() refuses a bad value first */
	struct dr_load_watch *w = dr_xcalloc(1, sizeof *w);
	w->display = display;
	w->limit = limit;
	atomic_init(&w->since_ns, 0);
	atomic_init(&w->opening, false);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&w->tid, NULL, watch, w) != 0) {
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w);
		return NULL;        /* read unwatched rather than not at all */
	}
	return w;
}

void dr_load_watch_enter(struct dr_load_watch *w, bool opening)
{
	if (w) {
		atomic_store(&w->opening, opening);
		atomic_store(&w->since_ns, mono_ns());
	}
}

void dr_load_watch_leave(struct dr_load_watch *w)
{
	if (w)
		atomic_store(&w->since_ns, 0);
}

void dr_load_watch_stop(struct dr_load_watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->tid, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
