/*
 * dyadreport.h -- the vocabulary every stage shares.
 *
 * Exit codes (the only values main() returns), calendar dates and months as
 * plain integers, and the allocation helpers that abort on failure.
 *
 * Dates are whole days since 1970-01-01 (proleptic Gregorian, no time zone):
 * an int32_t, DR_NO_DATE when a field is empty. Months are
 * year * 12 + (month - 1), so consecutive months differ by one and the
 * month before January 2026 is December 2025.
 *
 * Never: prints, reads files, or keeps global state.
 */
#ifndef DYADREPORT_DYADREPORT_H
#define DYADREPORT_DYADREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dr_exit {
	DR_OK = 0,          /* every requested file written */
	DR_EINTERNAL = 1,   /* a bug or an out-of-memory */
	DR_EUSAGE = 2,      /* bad command line or config */
	DR_EINPUT = 3,      /* an extract is missing, unreadable or too dirty */
	DR_EOUTPUT = 4,     /* an output cannot be written */
	DR_ENOMONTH = 5,    /* the report month is in none of the extracts: nothing
	                     * written (retry when the month's extracts arrive) */
};

/* Days since 1970-01-01; DR_NO_DATE marks an empty optional date. */
typedef int32_t dr_date;
#define DR_NO_DATE INT32_MIN

/* year * 12 + (month - 1). */
typedef int32_t dr_month;

/* Days since the epoch of a valid y-m-d (no range check). */
dr_date dr_date_from_ymd(int y, int m, int d);
/* Inverse of dr_date_from_ymd. */
void dr_date_to_ymd(dr_date date, int *y, int *m, int *d);
/* 1 if y-m-d is a real calendar day, else 0. */
int dr_date_valid(int y, int m, int d);
/* Day of week, 0 = Monday .. 6 = Sunday. */
int dr_date_weekday(dr_date date);

static inline dr_month dr_month_make(int y, int m) { return (dr_month)(y * 12 + (m - 1)); }
static inline int dr_month_year(dr_month mo) { return mo / 12; }
static inline int dr_month_mon(dr_month mo) { return mo % 12 + 1; }
/* The month a date falls in. */
dr_month dr_month_of(dr_date date);
/* The month a date falls in, and its day of that month (1..31) in *day. */
dr_month dr_month_day_of(dr_date date, int *day);
/* "2026-10" into out (at least 8 bytes). */
void dr_month_format(dr_month mo, char *out, size_t size);
/* Parses "YYYY-MM"; returns 0 and sets *mo, or -1. */
int dr_month_parse(const char *s, dr_month *mo);
/* English month name ("October") and abbreviation ("Oct"). */
const char *dr_month_name(dr_month mo);
const char *dr_month_abbr(dr_month mo);

/* Allocation that never returns NULL: on failure it prints and exits 1. */
void *dr_xmalloc(size_t n);
void *dr_xcalloc(size_t n, size_t size);
void *dr_xrealloc(void *p, size_t n);
void *dr_xreallocarray(void *p, size_t n, size_t size);
char *dr_xstrdup(const char *s);
char *dr_xstrndup(const char *s, size_t n);
/* The folder part of path ("." when there is none, "/" for "/x"); a new
 * string. */
char *dr_path_dir(const char *path);
/* printf into a new string. */
char *dr_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The XML (and HTML) entity that stands for c -- &amp; &lt; &gt; &quot;
 * &#39; -- or NULL when c stands for itself: index.html, the SVG's
 * labels and the PDF's XMP escape text with it. */
static inline const char *dr_xml_entity(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

#define DR_NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
