/*
 * diag.h -- the one place that prints messages to the user.
 *
 * Every message goes to stderr and starts with "dyadreport: ". Row-level
 * problems name the file, the physical line and the column, never a cell's
 * value: the functions here take no cell text at all, only names chosen by
 * the program (column names come from the schema or the config).
 *
 * Verbosity is process-wide: -q silences warnings and progress, -v adds
 * stage timings. Errors are always printed.
 */
#ifndef DYADREPORT_DIAG_H
#define DYADREPORT_DIAG_H

enum dr_verbosity { DR_QUIET = 0, DR_NORMAL = 1, DR_VERBOSE = 2 };

void dr_diag_set_verbosity(enum dr_verbosity v);
/* fn (NULL for none) runs before every message is printed: the progress
 * line (run-progress.c) clears itself there so no message lands on it. */
void dr_diag_set_before_print(void (*fn)(void));
enum dr_verbosity dr_diag_verbosity(void);

/* "dyadreport: MESSAGE" (always printed). */
void dr_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "dyadreport: warning: MESSAGE" (not with -q). */
void dr_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "dyadreport: MESSAGE" only with -v. */
void dr_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "dyadreport: FILE:LINE: MESSAGE" (always printed); line 0 omits it. */
void dr_error_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "dyadreport: FILE:LINE: column COLUMN: MESSAGE" (not with -q). */
void dr_warn_row(const char *file, long line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
