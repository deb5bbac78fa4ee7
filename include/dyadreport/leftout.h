/*
 * leftout.h -- used rows that a measure leaves out, or counts as something
 * they do not say, counted per cause (doc/guide.md, Rows left out of a measure).
 *
 * Takes: every used row of an extract (the loader's skipped rows have their
 *        own line messages and are never counted here), whether a dyad owns
 *        its department, and the report's months.
 * Gives: a count per cause, and per department code no dyad owns its rows;
 *        once loading is done, a warning per cause with its count and
 *        column (dr_left_out_warn) and the same counts for data-quality.csv.
 * Counts: rows dated in the trend window by their own date (visit,
 *        submitted, handoff, survey date); rows outside it are not in the
 *        report, so not left out of it. One exception: a request counted
 *        in the pending-age table, which takes requests of any month up to
 *        the report month's end. A row of a department no dyad owns counts
 *        under that cause only.
 * Not a cause: an empty optional cell (no wRVU, no minutes, no booked
 *        date, no amount): each measure is defined over the rows that have
 *        its value, and data-quality.csv's column_filled gives the share.
 *        An empty cell that is counted as something else (a completed
 *        handoff with no hours, counted as late) is a cause.
 * Never: keeps or prints a cell's value, except a department code that is
 *        printable ASCII of at most DR_LEFT_CODE_MAX bytes (codes are not
 *        patient data); memory is a count per cause and at most
 *        DR_LEFT_CODES_MAX codes per extract.
 */
#ifndef DYADREPORT_LEFTOUT_H
#define DYADREPORT_LEFTOUT_H

#include <stdint.h>
#include <stdio.h>

#include "dyadreport/load.h"

/* The causes, in the order of their messages and data-quality rows. */
enum dr_left_cause {
	DR_LEFT_UNOWNED,                /* any extract: department no dyad owns */
	DR_LEFT_BOOKED_AFTER_VISIT,     /* visits: completed, booked after the visit */
	DR_LEFT_MINUTES_CAPPED,         /* visits: completed, over 65,535 minutes */
	DR_LEFT_DENIED_NO_REASON,       /* denials: DENIED, no reason: UNSPECIFIED */
	DR_LEFT_DECIDED_NO_DATE,        /* denials: APPROVED/DENIED, no decision date */
	DR_LEFT_PENDING_WITH_DATE,      /* denials: PENDING with a decision date */
	DR_LEFT_APPEAL_NOT_DENIED,      /* denials: an appeal status, not DENIED */
	DR_LEFT_COMPLETED_NO_HOURS,     /* handoffs: completed, no hours: late */
	DR_LEFT_HOURS_NOT_COMPLETED,    /* handoffs: not completed, hours given */
	DR_LEFT_HOURS_CAPPED,           /* handoffs: over 6,553.5 hours */
	DR_NLEFT
};

struct dr_left_cause_def {
	const char *key;                /* data-quality.csv detail: "booked_after_visit" */
	const char *columns;            /* "booked_date" or "status, decision_date" */
	const char *what;               /* "are COMPLETED with a booked date after ..." */
	const char *effect;             /* "left out of lead time" */
};

/* The definition of cause c; NULL when c does not apply to extract e
 * (DR_LEFT_UNOWNED applies to every extract). */
const struct dr_left_cause_def *dr_left_cause_def(enum dr_extract e, enum dr_left_cause c);

/* Most department codes kept per extract; rows of further codes are only
 * counted. */
#define DR_LEFT_CODES_MAX 256
/* Longest code printed, in bytes; longer or unprintable ones are counted
 * as such, never printed. */
#define DR_LEFT_CODE_MAX 32
/* Codes named in the warnings; the rest are summed in one line. */
#define DR_LEFT_CODES_SHOWN 10

/* One department code no dyad owns (compared ignoring ASCII case). */
struct dr_left_code {
	uint64_t hash;                  /* of the lower-cased code */
	char text[DR_LEFT_CODE_MAX + 1];/* as first seen; "" when not printable */
	long rows;
};

/* The counts of one extract. A zeroed struct is empty. */
struct dr_left_out {
	long rows[DR_NLEFT];
	struct dr_left_code *codes;     /* ncodes of them, in first-seen order */
	size_t ncodes;
	size_t *slot;                   /* code index + 1, open addressing */
	long more_rows;                 /* rows of codes past DR_LEFT_CODES_MAX */
};

/* Counts one row of department code dept that no dyad owns. */
void dr_left_out_unowned(struct dr_left_out *lo, const char *dept);
/* The causes of one owned row of extract e under those rules; in_window:
 * its own date is in the trend window; last_end: the report month's last
 * day (for the pending-age table). */
void dr_left_out_row(struct dr_left_out *lo, enum dr_extract e, const void *record, bool in_window,
                     dr_date last_end);

/* The codes, most rows first, then by text in byte order (unprintable
 * ones last); *n gets how many. The array is the caller's to free. */
struct dr_left_code *dr_left_out_sorted_codes(const struct dr_left_out *lo, size_t *n);

/* The warnings of extract e (display: its name in messages): one per
 * cause with rows, the codes of DR_LEFT_UNOWNED up to DR_LEFT_CODES_SHOWN
 * by count, then one line for the rest. */
void dr_left_out_warn(const struct dr_left_out *lo, enum dr_extract e, const char *display);
/* The same as lines "  left out, WHAT: N" for --check's summary. */
void dr_left_out_print(const struct dr_left_out *lo, enum dr_extract e, FILE *fp);

void dr_left_out_free(struct dr_left_out *lo);

#endif
