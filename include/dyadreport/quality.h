/*
 * quality.h -- the data-quality report of one run: per extract, the rows
 * read, used, ignored and skipped by reason, the rows no dyad owns, how
 * often each optional column is filled, and the months whose volume is so
 * low that the extract may be incomplete (doc/guide.md, Bad rows).
 *
 * The loader's counts (struct dr_load_stats), the metrics' unowned
 * counts and rows left out of a measure (leftout.h) are copied in after
 * each extract is read; dr_quality_row() is
 * called for every used row to count rows per month of the extract's own
 * date (visit, submitted, handoff, survey date).
 *
 * Freshness: each extract's latest month over all its rows (the loader's
 * struct dr_load_stats latest), and whether it holds the report month
 * (dr_quality_holds), for the run's gate, --check and the packet's cover.
 *
 * A month is flagged as possibly incomplete when its rows are fewer than
 * half the median of the up to 12 months before it, counting only months
 * since the extract's first row and needing at least 3 of them. Months
 * after the extract's latest month are not flagged (the freshness check
 * names the latest month instead). Survey responses come in waves, so
 * burnout is never flagged.
 *
 * Files: each file read (one per extract, or each file a glob matched),
 * with its rows and the dates of its used rows, for data-quality.csv and
 * --check.
 *
 * Commentary ([input] commentary, DR_COMMENTARY): its load counts and
 * files are kept beside the four extracts' (the arrays indexed by source
 * are DR_NSOURCES long), with the rows the commentary model left out for
 * a dyad or metric key the config does not know; it has no month counts,
 * no freshness and no left-out causes (those arrays stay DR_NEXTRACTS).
 *
 * Ownership: dr_quality_free() releases the month counts, left-out
 * counts and file lists.
 * Never: holds a cell's value (but the department codes no dyad owns,
 * leftout.h); memory does not grow with rows.
 */
#ifndef DYADREPORT_QUALITY_H
#define DYADREPORT_QUALITY_H

#include <stdio.h>

#include "dyadreport/leftout.h"
#include "dyadreport/load.h"

/* Months of history before the trend window used for the trailing median. */
#define DR_QUALITY_HISTORY 12

/* One file of an extract as read (struct dr_load_file, its name copied). */
struct dr_quality_file {
	char *name;
	long rows_read;
	dr_date first, last;        /* of its used rows; DR_NO_DATE: none */
};

struct dr_quality {
	dr_month first, last;               /* the trend window */
	bool loaded[DR_NSOURCES];           /* configured and read */
	bool absent[DR_NSOURCES];           /* configured, but no file at its path */
	struct dr_load_stats load[DR_NSOURCES];
	long unowned[DR_NEXTRACTS];         /* used rows of a department no dyad owns */
	long denied;                        /* DENIED rows */
	long denied_unspecified;            /* DENIED rows with no reason */
	/* rows used per month, first - DR_QUALITY_HISTORY .. last */
	long *month_rows[DR_NEXTRACTS];
	size_t nmonths;
	/* used rows of the trend window left out of a measure, by cause
	 * (leftout.h), moved in from the metrics after loading */
	struct dr_left_out left[DR_NEXTRACTS];
	/* every file read of each extract, in the order read (one, or each
	 * file of a glob pattern): its rows and the dates of its used rows */
	struct dr_quality_file *files[DR_NSOURCES];
	size_t nfiles[DR_NSOURCES];
	/* commentary rows left out for a dyad or metric key not in the config
	 * (dr_commentary_unknown) */
	long commentary_unknown;
};

void dr_quality_init(struct dr_quality *q, dr_month first, dr_month last);
/* Adds a file read whole to extract e's list (a dr_load_options file_done;
 * each extract's list is only touched by the thread reading it). */
void dr_quality_file(struct dr_quality *q, enum dr_extract e, const struct dr_load_file *f);
/* "2026-09-01 to 2026-09-30", or "no used row", for file f. */
void dr_quality_file_dates(const struct dr_quality_file *f, char *out, size_t size);
/* Counts one used row (a dr_load_row_fn's arguments). */
void dr_quality_row(struct dr_quality *q, enum dr_extract e, const void *record);
/* Rows used in month mo (0 outside the counted range). */
long dr_quality_month_rows(const struct dr_quality *q, enum dr_extract e, dr_month mo);
/* true if month mo of the trend window looks incomplete; *median gets the
 * trailing median it was compared with. */
bool dr_quality_low_month(const struct dr_quality *q, enum dr_extract e, dr_month mo, double *median);
/* If month mo looks incomplete, writes the sentence saying so ("2026-10 has
 * 12 rows, under half the median of the months before it (40): possibly an
 * incomplete extract") and returns true. */
bool dr_quality_low_note(const struct dr_quality *q, enum dr_extract e, dr_month mo,
                         char *buf, size_t size);
/* Share of used rows with a value in optional column c of extract e; NAN
 * when the header lacks the column or no row was used. denial_reason is
 * only given on DENIED rows, so its share is of those. */
double dr_quality_filled(const struct dr_quality *q, enum dr_extract e, size_t c);
/* Whether extract e (configured and read) holds month mo: a used row dated
 * in it, or, for the survey (a wave a quarter), in mo's quarter up to mo.
 * dr_quality_missing: configured and read, yet does not hold mo. */
bool dr_quality_holds(const struct dr_quality *q, enum dr_extract e, dr_month mo);
bool dr_quality_missing(const struct dr_quality *q, enum dr_extract e, dr_month mo);
/* Where month mo stands against extract e's used rows: a row dated in it
 * (held), before its earliest month, between its months (a gap), or after
 * its latest month (also when no row was used). */
enum dr_quality_place { DR_MONTH_HELD, DR_MONTH_BEFORE, DR_MONTH_GAP, DR_MONTH_AFTER };
enum dr_quality_place dr_quality_place(const struct dr_quality *q, enum dr_extract e, dr_month mo);
/* "2026-10", the latest month of extract e's used rows over the whole file
 * (struct dr_load_stats latest), or "none"; out holds 16 bytes. */
void dr_quality_latest_words(const struct dr_quality *q, enum dr_extract e, char *out, size_t size);
/* The latest date of extract e's used rows over all its files (struct
 * dr_quality_file last): a chart's "data through" date; DR_NO_DATE when
 * no row was used. */
dr_date dr_quality_latest_date(const struct dr_quality *q, enum dr_extract e);
/* Number of months of the trend window flagged for extract e. */
int dr_quality_low_months(const struct dr_quality *q, enum dr_extract e);

/* data-quality.csv (columns extract, measure, detail, value, note) into fp:
 * the four extracts, then the commentary's rows when it is configured;
 * returns 0 or -1 on a write error. */
int dr_quality_write_csv(const struct dr_quality *q, FILE *fp);
/* The human summary (--check) into fp; display: each source's name as
 * configured (DR_NSOURCES entries, NULL when not configured); the
 * commentary's line only when it is configured. */
void dr_quality_print(const struct dr_quality *q, const char *const display[DR_NSOURCES], FILE *fp);

void dr_quality_free(struct dr_quality *q);

#endif
