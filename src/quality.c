/*
 * quality.c -- the data-quality report (see quality.h for the contract).
 *
 * Month counts live in one array per extract covering the trend window and
 * DR_QUALITY_HISTORY months before it; rows dated outside are not counted.
 * The CSV is long format so a new measure never changes its columns:
 *   extract, measure, detail, value, note
 * with measures rows_read, rows_used, rows_ignored, rows_skipped,
 * skipped (detail = reason), rows_unowned, denied_without_reason,
 * left_out (detail = cause, leftout.h; every cause of the extract, 0
 * included; note = its columns and what became of the rows),
 * unowned_department (detail = a code no dyad owns, most rows first, then
 * by code; codes not printed in one row with detail "" and a note),
 * column_filled (detail = column, value = share of used rows, note
 * "absent" when the header lacks it), month_rows (detail = YYYY-MM) and
 * low_volume_month (detail = YYYY-MM, note = the comparison),
 * latest_month (detail = YYYY-MM of the latest used row over the whole
 * file, or "none"), report_month_missing (detail = the report
 * month, only when the extract holds none of it) and file (one per file
 * read, in the order read: detail = its name as configured, value = its
 * data rows, note = "YYYY-MM-DD to YYYY-MM-DD" of its used rows' own
 * date, or "no used row"). An extract
 * that is not configured has one row, measure not_loaded.
 *
 * The commentary follows, only when configured (it is optional, and a
 * config without it keeps the file it had): extract "commentary", the
 * rows_* and skipped rows as above, rows_unknown_key (used rows the
 * commentary model left out for a dyad or metric key the config does not
 * know), a file row per file read (note "months YYYY-MM to YYYY-MM" of
 * its used rows, or "no used row") and column_filled of its optional
 * columns. It holds no month of data: no latest_month, month_rows or
 * low_volume_month rows.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/quality.h"
#include "dyadreport/stats.h"
#include "dyadreport/write.h"

void dr_quality_init(struct dr_quality *q, dr_month first, dr_month last)
{
	memset(q, 0, sizeof *q);
	q->first = first;
	q->last = last;
	q->nmonths = (size_t)(last - first + 1 + DR_QUALITY_HISTORY);
	for (int e = 0; e < DR_NEXTRACTS; e++)
		q->month_rows[e] = dr_xcalloc(q->nmonths, sizeof(long));
	for (int e = 0; e < DR_NSOURCES; e++)
		q->load[e].latest = q->load[e].earliest = -1;
}

void dr_quality_file(struct dr_quality *q, enum dr_extract e, const struct dr_load_file *f)
{
	q->files[e] = dr_xreallocarray(q->files[e], q->nfiles[e] + 1, sizeof *q->files[e]);
	q->files[e][q->nfiles[e]++] = (struct dr_quality_file){
		.name = dr_xstrdup(f->name), .rows_read = f->rows_read, .first = f->first, .last = f->last,
	};
}

/* YYYY-MM-DD of a date. */
static void day_text(dr_date d, char *out, size_t size)
{
	int y, m, dd;
	dr_date_to_ymd(d, &y, &m, &dd);
	snprintf(out, size, "%04d-%02d-%02d", y, m, dd);
}

void dr_quality_file_dates(const struct dr_quality_file *f, char *out, size_t size)
{
	char a[16], b[16];
	if (f->first == DR_NO_DATE) {
		snprintf(out, size, "no used row");
		return;
	}
	day_text(f->first, a, sizeof a);
	day_text(f->last, b, sizeof b);
	snprintf(out, size, "%s to %s", a, b);
}

/* The date a row is counted under. */
static dr_date row_date(enum dr_extract e, const void *record)
{
	switch (e) {
	case DR_VISITS: return ((const struct dr_visit *)record)->visit_date;
	case DR_DENIALS: return ((const struct dr_denial *)record)->submitted_date;
	case DR_HANDOFFS: return ((const struct dr_handoff *)record)->handoff_date;
	case DR_BURNOUT: return ((const struct dr_response *)record)->survey_date;
	default: return DR_NO_DATE;
	}
}

/* Index of month mo in month_rows, or -1. */
static long slot(const struct dr_quality *q, dr_month mo)
{
	long i = (long)(mo - (q->first - DR_QUALITY_HISTORY));
	return i >= 0 && (size_t)i < q->nmonths ? i : -1;
}

void dr_quality_row(struct dr_quality *q, enum dr_extract e, const void *record)
{
	if ((unsigned)e >= DR_NEXTRACTS)
		return;                 /* the commentary holds no month of data */
	if (e == DR_DENIALS) {
		const struct dr_denial *d = record;
		q->denied += d->status == DR_DENIAL_DENIED;
		q->denied_unspecified += d->status == DR_DENIAL_DENIED && d->reason == DR_REASON_UNSPECIFIED;
	}
	long i = slot(q, dr_month_of(row_date(e, record)));
	if (i >= 0)
		q->month_rows[e][i]++;
}

long dr_quality_month_rows(const struct dr_quality *q, enum dr_extract e, dr_month mo)
{
	long i = slot(q, mo);
	return i >= 0 && (unsigned)e < DR_NEXTRACTS && q->month_rows[e] ? q->month_rows[e][i] : 0;
}

double dr_quality_filled(const struct dr_quality *q, enum dr_extract e, size_t c)
{
	const struct dr_load_stats *st = &q->load[e];
	if (!st->present[c])
		return NAN;
	if (e == DR_DENIALS && (int)c == dr_load_column_index(e, "denial_reason"))
		return q->denied ? (double)(q->denied - q->denied_unspecified) / (double)q->denied : NAN;
	return st->rows_used ? (double)st->filled[c] / (double)st->rows_used : NAN;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

bool dr_quality_low_month(const struct dr_quality *q, enum dr_extract e, dr_month mo, double *median)
{
	long i = slot(q, mo);
	if (e == DR_BURNOUT || !q->loaded[e] || i < 0 || mo < q->first)
		return false;
	if (q->load[e].latest >= 0 && mo > q->load[e].latest)
		return false;               /* past the extract's end: the freshness check says so */
	const long *rows = q->month_rows[e];
	long start = 0;                 /* the extract's first month with rows */
	while (start < i && rows[start] == 0)
		start++;
	long from = i - DR_QUALITY_HISTORY > start ? i - DR_QUALITY_HISTORY : start;
	long n = i - from;
	if (n < 3)
		return false;
	long prev[DR_QUALITY_HISTORY];
	memcpy(prev, rows + from, (size_t)n * sizeof *prev);
	qsort(prev, (size_t)n, sizeof *prev, cmp_long);
	double med = n % 2 ? (double)prev[n / 2] : ((double)prev[n / 2 - 1] + (double)prev[n / 2]) / 2;
	if (median)
		*median = med;
	return med > 0 && (double)rows[i] < med / 2;
}

bool dr_quality_low_note(const struct dr_quality *q, enum dr_extract e, dr_month mo,
                         char *buf, size_t size)
{
	double med;
	if (!dr_quality_low_month(q, e, mo, &med))
		return false;
	char m[16];
	dr_month_format(mo, m, sizeof m);
	snprintf(buf, size, "%s has %ld rows, under half the median of the months before it "
	         "(%g): possibly an incomplete extract", m, dr_quality_month_rows(q, e, mo), med);
	return true;
}

bool dr_quality_holds(const struct dr_quality *q, enum dr_extract e, dr_month mo)
{
	if (!q->loaded[e])
		return false;
	/* Survey waves come once a quarter: any row of mo's quarter up to mo. */
	for (dr_month m = e == DR_BURNOUT ? mo - mo % 3 : mo; m <= mo; m++)
		if (dr_quality_month_rows(q, e, m) > 0)
			return true;
	return false;
}

bool dr_quality_missing(const struct dr_quality *q, enum dr_extract e, dr_month mo)
{
	return q->loaded[e] && !dr_quality_holds(q, e, mo);
}

enum dr_quality_place dr_quality_place(const struct dr_quality *q, enum dr_extract e, dr_month mo)
{
	const struct dr_load_stats *st = &q->load[e];
	if (dr_quality_month_rows(q, e, mo) > 0)
		return DR_MONTH_HELD;
	if (st->latest < 0 || mo > st->latest)
		return DR_MONTH_AFTER;
	return mo < st->earliest ? DR_MONTH_BEFORE : DR_MONTH_GAP;
}

void dr_quality_latest_words(const struct dr_quality *q, enum dr_extract e, char *out, size_t size)
{
	if (q->load[e].latest < 0)
		snprintf(out, size, "none");
	else
		dr_month_format(q->load[e].latest, out, size);
}

dr_date dr_quality_latest_date(const struct dr_quality *q, enum dr_extract e)
{
	dr_date last = DR_NO_DATE;
	for (size_t i = 0; q->files[e] && i < q->nfiles[e]; i++)
		if (q->files[e][i].last != DR_NO_DATE && (last == DR_NO_DATE || q->files[e][i].last > last))
			last = q->files[e][i].last;
	return last;
}

int dr_quality_low_months(const struct dr_quality *q, enum dr_extract e)
{
	int n = 0;
	for (dr_month mo = q->first; mo <= q->last; mo++)
		n += dr_quality_low_month(q, e, mo, NULL);
	return n;
}

/* One row of data-quality.csv. */
static void row(FILE *fp, enum dr_extract e, const char *measure, const char *detail,
                double value, const char *note)
{
	int col = 0;
	dr_csv_text(fp, &col, dr_extract_name(e));
	dr_csv_text(fp, &col, measure);
	dr_csv_text(fp, &col, detail);
	dr_csv_num(fp, &col, value);
	dr_csv_text(fp, &col, note);
	dr_csv_end(fp, &col);
}

/* The left_out rows of extract e, then its unowned_department rows. */
static void left_out_rows(FILE *fp, enum dr_extract e, const struct dr_left_out *lo)
{
	for (int c = 0; c < DR_NLEFT; c++) {
		const struct dr_left_cause_def *d = dr_left_cause_def(e, c);
		if (!d)
			continue;
		char note[256];
		snprintf(note, sizeof note, "%s: %s", d->columns, d->effect);
		row(fp, e, "left_out", d->key, (double)lo->rows[c], note);
	}
	size_t n, unprintable = 0;
	long unprintable_rows = 0;
	struct dr_left_code *v = dr_left_out_sorted_codes(lo, &n);
	for (size_t i = 0; i < n; i++) {
		if (*v[i].text) {
			row(fp, e, "unowned_department", v[i].text, (double)v[i].rows, "");
		} else {
			unprintable++;
			unprintable_rows += v[i].rows;
		}
	}
	free(v);
	if (unprintable) {
		char note[128];
		snprintf(note, sizeof note, "%zu codes not printable ASCII of at most %d bytes",
		         unprintable, DR_LEFT_CODE_MAX);
		row(fp, e, "unowned_department", "", (double)unprintable_rows, note);
	}
	if (lo->more_rows) {
		char note[128];
		snprintf(note, sizeof note, "codes past the first %d, not told apart", DR_LEFT_CODES_MAX);
		row(fp, e, "unowned_department", "", (double)lo->more_rows, note);
	}
}

/* "months 2026-09 to 2026-10" of a commentary file (its dates are the
 * first days of its rows' months), or "no used row". */
static void file_months(const struct dr_quality_file *f, char *out, size_t size)
{
	char a[16], b[16];
	if (f->first == DR_NO_DATE) {
		snprintf(out, size, "no used row");
		return;
	}
	dr_month_format(dr_month_of(f->first), a, sizeof a);
	dr_month_format(dr_month_of(f->last), b, sizeof b);
	snprintf(out, size, "months %s to %s", a, b);
}

/* What the loader made of source e's rows: read, used, ignored, skipped,
 * and skipped by reason (every reason, 0 included). */
static void read_rows(FILE *fp, enum dr_extract e, const struct dr_load_stats *st)
{
	row(fp, e, "rows_read", "", (double)st->rows_read, "");
	row(fp, e, "rows_used", "", (double)st->rows_used, "");
	row(fp, e, "rows_ignored", "", (double)st->rows_ignored, "");
	row(fp, e, "rows_skipped", "", (double)dr_load_skipped(st), "");
	for (int r = 0; r < DR_NSKIP; r++)
		row(fp, e, "skipped", dr_skip_reason_text(r), (double)st->skipped[r], "");
}

/* The commentary's rows of data-quality.csv (configured and read). */
static void commentary_rows(const struct dr_quality *q, FILE *fp)
{
	const enum dr_extract e = DR_COMMENTARY;
	const struct dr_load_stats *st = &q->load[e];
	read_rows(fp, e, st);
	row(fp, e, "rows_unknown_key", "", (double)q->commentary_unknown,
	    "a dyad id or metric key the config does not know: left out of every page");
	for (size_t i = 0; i < q->nfiles[e]; i++) {
		char months[64];
		file_months(&q->files[e][i], months, sizeof months);
		row(fp, e, "file", q->files[e][i].name, (double)q->files[e][i].rows_read, months);
	}
	for (size_t c = 0; c < dr_load_ncolumns(e); c++) {
		if (dr_load_column_required(e, c))
			continue;
		row(fp, e, "column_filled", dr_load_column_name(e, c),
		    st->present[c] ? dr_quality_filled(q, e, c) : 0, st->present[c] ? "" : "absent");
	}
}

int dr_quality_write_csv(const struct dr_quality *q, FILE *fp)
{
	int col = 0;
	const char *head[] = { "extract", "measure", "detail", "value", "note" };
	for (size_t i = 0; i < DR_NELEM(head); i++)
		dr_csv_text(fp, &col, head[i]);
	dr_csv_end(fp, &col);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		const struct dr_load_stats *st = &q->load[e];
		if (!q->loaded[e]) {
			row(fp, e, "not_loaded", "", NAN, "no extract configured");
			continue;
		}
		read_rows(fp, e, st);
		row(fp, e, "rows_unowned", "", (double)q->unowned[e], "");
		left_out_rows(fp, e, &q->left[e]);
		char latest[16];
		dr_quality_latest_words(q, e, latest, sizeof latest);
		row(fp, e, "latest_month", latest, NAN, "");
		if (dr_quality_missing(q, e, q->last)) {
			char m[16];
			dr_month_format(q->last, m, sizeof m);
			row(fp, e, "report_month_missing", m, NAN, "no row dated in the report month");
		}
		for (size_t i = 0; i < q->nfiles[e]; i++) {
			char dates[64];
			dr_quality_file_dates(&q->files[e][i], dates, sizeof dates);
			row(fp, e, "file", q->files[e][i].name, (double)q->files[e][i].rows_read, dates);
		}
		if (e == DR_DENIALS)
			row(fp, e, "denied_without_reason", "", (double)q->denied_unspecified, "");
		for (size_t c = 0; c < dr_load_ncolumns(e); c++) {
			if (dr_load_column_required(e, c))
				continue;
			row(fp, e, "column_filled", dr_load_column_name(e, c),
			    st->present[c] ? dr_quality_filled(q, e, c) : 0, st->present[c] ? "" : "absent");
		}
		for (dr_month mo = q->first; mo <= q->last; mo++) {
			char m[16];
			dr_month_format(mo, m, sizeof m);
			row(fp, e, "month_rows", m, (double)dr_quality_month_rows(q, e, mo), "");
		}
		for (dr_month mo = q->first; mo <= q->last; mo++) {
			char m[16], note[160];
			if (!dr_quality_low_note(q, e, mo, note, sizeof note))
				continue;
			dr_month_format(mo, m, sizeof m);
			row(fp, e, "low_volume_month", m, (double)dr_quality_month_rows(q, e, mo), note);
		}
	}
	if (q->loaded[DR_COMMENTARY])
		commentary_rows(q, fp);
	return ferror(fp) ? -1 : 0;
}

/* The commentary's lines of the --check summary (configured). */
static void commentary_print(const struct dr_quality *q, const char *display, FILE *fp)
{
	const enum dr_extract e = DR_COMMENTARY;
	const struct dr_load_stats *st = &q->load[e];
	if (!q->loaded[e]) {
		fprintf(fp, "%-9s %10s\n", dr_extract_name(e), q->absent[e] ? "(configured but missing)"
		        : "(not read: see the messages above)");
		return;
	}
	fprintf(fp, "%-9s %10ld %10ld %9ld %9ld %9s  %s\n", dr_extract_name(e), st->rows_read,
	        st->rows_used, st->rows_ignored, dr_load_skipped(st), "-", display);
	for (size_t i = 0; i < q->nfiles[e]; i++) {
		char months[64];
		file_months(&q->files[e][i], months, sizeof months);
		fprintf(fp, "  file %s: %ld rows, %s\n", q->files[e][i].name, q->files[e][i].rows_read,
		        months);
	}
	for (int r = 0; r < DR_NSKIP; r++)
		if (st->skipped[r])
			fprintf(fp, "  skipped, %s: %ld\n", dr_skip_reason_text(r), st->skipped[r]);
	if (q->commentary_unknown)
		fprintf(fp, "  left out, dyad or metric key not in the config: %ld\n", q->commentary_unknown);
	for (size_t c = 0; c < dr_load_ncolumns(e); c++)
		if (!dr_load_column_required(e, c) && !st->present[c])
			fprintf(fp, "  optional column %s: absent\n", dr_load_column_name(e, c));
}

void dr_quality_print(const struct dr_quality *q, const char *const display[DR_NSOURCES], FILE *fp)
{
	fprintf(fp, "%-9s %10s %10s %9s %9s %9s  %s\n", "extract", "read", "used", "ignored",
	        "skipped", "no dyad", "file");
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		const struct dr_load_stats *st = &q->load[e];
		if (!q->loaded[e]) {
			fprintf(fp, "%-9s %10s\n", dr_extract_name(e), q->absent[e] ? "(configured but missing)"
			        : display[e] ? "(not read: see the messages above)" : "(not configured)");
			continue;
		}
		fprintf(fp, "%-9s %10ld %10ld %9ld %9ld %9ld  %s\n", dr_extract_name(e), st->rows_read,
		        st->rows_used, st->rows_ignored, dr_load_skipped(st), q->unowned[e],
		        display[e] ? display[e] : "");
		char latest[16], m[16];
		dr_quality_latest_words(q, e, latest, sizeof latest);
		dr_month_format(q->last, m, sizeof m);
		fprintf(fp, "  latest month: %s%s%s\n", latest,
		        dr_quality_missing(q, e, q->last) ? "; no rows in the report month " : "",
		        dr_quality_missing(q, e, q->last) ? m : "");
		for (size_t i = 0; i < q->nfiles[e]; i++) {
			char dates[64];
			dr_quality_file_dates(&q->files[e][i], dates, sizeof dates);
			fprintf(fp, "  file %s: %ld rows, %s\n", q->files[e][i].name,
			        q->files[e][i].rows_read, dates);
		}
		for (int r = 0; r < DR_NSKIP; r++)
			if (st->skipped[r])
				fprintf(fp, "  skipped, %s: %ld\n", dr_skip_reason_text(r), st->skipped[r]);
		dr_left_out_print(&q->left[e], e, fp);
		for (size_t c = 0; c < dr_load_ncolumns(e); c++) {
			if (dr_load_column_required(e, c))
				continue;
			if (!st->present[c])
				fprintf(fp, "  optional column %s: absent\n", dr_load_column_name(e, c));
			else if (dr_quality_filled(q, e, c) < 1)
				fprintf(fp, "  optional column %s: filled in %.1f%% of %s rows\n",
				        dr_load_column_name(e, c), 100 * dr_quality_filled(q, e, c),
				        e == DR_DENIALS && (int)c == dr_load_column_index(e, "denial_reason")
				        ? "DENIED" : "used");
		}
		for (dr_month mo = q->first; mo <= q->last; mo++) {
			char note[160];
			if (dr_quality_low_note(q, e, mo, note, sizeof note))
				fprintf(fp, "  %s\n", note);
		}
	}
	if (display[DR_COMMENTARY])
		commentary_print(q, display[DR_COMMENTARY], fp);
}

void dr_quality_free(struct dr_quality *q)
{
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		free(q->month_rows[e]);
		dr_left_out_free(&q->left[e]);
	}
	for (int e = 0; e < DR_NSOURCES; e++) {
		for (size_t i = 0; i < q->nfiles[e]; i++)
			free(q->files[e][i].name);
		free(q->files[e]);
	}
	memset(q, 0, sizeof *q);
}
