/*
 * write.h -- every file dyadreport writes goes through here.
 *
 * Atomic files: dr_write_open() creates a temporary file in the target's own
 * folder; dr_write_commit() flushes, fsyncs, closes, renames it over the
 * target and fsyncs the folder; dr_write_abort() removes it. A reader never
 * sees a half-written file, and on failure the previous file stays.
 * dr_write_buffer() does all of it for a buffer in memory.
 *
 * CSV: cells written with libcsv (always quoted), numbers bare; a text cell
 * that starts with = + - @, a tab or a carriage return gets a leading '
 * so a spreadsheet never runs it as a formula.
 *
 * Errors are printed with the path and the system's reason; the functions
 * return 0 or -1 (the caller exits DR_EOUTPUT).
 */
#ifndef DYADREPORT_WRITE_H
#define DYADREPORT_WRITE_H

#include <stddef.h>
#include <stdio.h>

struct dr_wfile {
	FILE *fp;
	char *path;                 /* the target */
	char *tmp;                  /* the temporary name */
};

/* Creates the folder and its parents (mode 0777 & umask). */
int dr_write_mkdirs(const char *dir);
int dr_write_open(struct dr_wfile *w, const char *path);
int dr_write_commit(struct dr_wfile *w);
void dr_write_abort(struct dr_wfile *w);
int dr_write_buffer(const char *path, const void *buf, size_t len);

/* CSV cells: a text cell (quoted, formula-guarded), a number (%.15g; empty
 * when NAN), and the end of a row. Separators are written for you. */
void dr_csv_text(FILE *fp, int *col, const char *s);
void dr_csv_num(FILE *fp, int *col, double v);
void dr_csv_end(FILE *fp, int *col);

struct dr_packet_input;
/* One dyad's metrics.csv (write-metrics.c): every series, then every
 * breakdown the template shows; hidden values empty, and in a public run
 * no numerators or denominators. */
int dr_write_metrics_csv(const char *path, const struct dr_packet_input *in);

#endif
