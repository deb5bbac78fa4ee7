/*
 * run-progress.c -- the progress line on stderr while a run works.
 *
 * Only when stderr is a terminal and -q was not given: one line redrawn in
 * place with \r (and erased to its end), "visits: 28,455 rows [#####.....]"
 * while an extract is read (the bar is bytes read of the file's size), then
 * "dyads 2/3" while packets are rendered. Every diag.h message erases the
 * line first (dr_diag_set_before_print), so no message lands after it, and
 * the run erases it before its summary. Redraws are held to ten a second
 * so a fast loader does not spend its time on the terminal.
 *
 * Prints names the program chose (extract names, counts), never a cell.
 * Process-wide state, like diag.c's verbosity, read and drawn under
 * stderr's lock, since the extracts' loader threads all report here.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "run-int.h"

#define BAR 20

static bool enabled;            /* stderr is a terminal and not -q */
static bool shown;              /* something is on the line now */
static struct timespec last;    /* when it was last drawn */
/* shown and last, taken after stderr's lock (which diag.c holds when it
 * calls dr_run_progress_clear), never before it */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

double dr_run_progress_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

void dr_run_progress_clear(void)
{
	flockfile(stderr);
	pthread_mutex_lock(&mu);
	if (shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		shown = false;
	}
	pthread_mutex_unlock(&mu);
	funlockfile(stderr);
}

void dr_run_progress_start(void)
{
	enabled = dr_diag_verbosity() != DR_QUIET && isatty(STDERR_FILENO);
	if (enabled)
		dr_diag_set_before_print(dr_run_progress_clear);
}

/* Draws line in place of the last one. */
static void draw(const char *line)
{
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	shown = true;
	clock_gettime(CLOCK_MONOTONIC, &last);
}

/* n with a comma every three digits: 28455 -> "28,455". */
static void grouped(long n, char *buf, size_t size)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%ld", n < 0 ? 0 : n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void dr_run_progress_load(const char *name, long rows, long long done, long long total)
{
	if (!enabled)
		return;
	bool finished = total > 0 && done >= total;
	flockfile(stderr);          /* several extracts may be read at once */
	pthread_mutex_lock(&mu);
	if (shown && !finished && dr_run_progress_since(&last) < 0.1) {
		pthread_mutex_unlock(&mu);
		funlockfile(stderr);
		return;
	}
	char count[40], bar[BAR + 3] = "", line[160];
	grouped(rows, count, sizeof count);
	if (total > 0) {
		int full = (int)((double)BAR * (double)(done < total ? done : total) / (double)total);
		bar[0] = '[';
		for (int i = 0; i < BAR; i++)
			bar[1 + i] = i < full ? '#' : '.';
		bar[BAR + 1] = ']';
		bar[BAR + 2] = '\0';
	}
	snprintf(line, sizeof line, "%s: %s rows %s", name, count, bar);
	draw(line);
	pthread_mutex_unlock(&mu);
	funlockfile(stderr);
}

void dr_run_progress_dyads(size_t done, size_t total)
{
	if (!enabled)
		return;
	char line[64];
	snprintf(line, sizeof line, "dyads %zu/%zu", done, total);
	flockfile(stderr);
	pthread_mutex_lock(&mu);
	draw(line);
	pthread_mutex_unlock(&mu);
	funlockfile(stderr);
}
