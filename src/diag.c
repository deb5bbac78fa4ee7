/*
 * diag.c -- the one error printer (see diag.h).
 *
 * Takes format strings written by the program and names from the schema or
 * the config; it is never handed a cell value. Each message is written
 * under stderr's lock, so extracts read by several threads (run-load.c)
 * never mix two messages on one line.
 */
#include <stdarg.h>
#include <stdio.h>

#include "dyadreport/diag.h"

static enum dr_verbosity verbosity = DR_NORMAL;
static void (*before_print)(void);

void dr_diag_set_before_print(void (*fn)(void)) { before_print = fn; }

void dr_diag_set_verbosity(enum dr_verbosity v) { verbosity = v; }
enum dr_verbosity dr_diag_verbosity(void) { return verbosity; }

__attribute__((format(printf, 2, 0)))
static void vprint(const char *prefix, const char *fmt, va_list ap)
{
	flockfile(stderr);          /* one whole line, whatever other threads print */
	if (before_print)
		before_print();
	fputs("dyadreport: ", stderr);
	if (prefix)
		fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void dr_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint(NULL, fmt, ap);
	va_end(ap);
}

void dr_warn(const char *fmt, ...)
{
	va_list ap;
	if (verbosity == DR_QUIET)
		return;
	va_start(ap, fmt);
	vprint("warning: ", fmt, ap);
	va_end(ap);
}

void dr_info(const char *fmt, ...)
{
	va_list ap;
	if (verbosity < DR_VERBOSE)
		return;
	va_start(ap, fmt);
	vprint(NULL, fmt, ap);
	va_end(ap);
}

void dr_error_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	flockfile(stderr);
	if (before_print)
		before_print();
	if (line > 0)
		fprintf(stderr, "dyadreport: %s:%ld: ", file, line);
	else
		fprintf(stderr, "dyadreport: %s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

void dr_warn_row(const char *file, long line, const char *column, const char *fmt, ...)
{
	va_list ap;
	if (verbosity == DR_QUIET)
		return;
	flockfile(stderr);
	if (before_print)
		before_print();
	fprintf(stderr, "dyadreport: %s:%ld: column %s: ", file, line, column);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}
