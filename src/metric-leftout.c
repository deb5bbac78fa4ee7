/*
 * metric-leftout.c -- rows a measure leaves out, counted per cause (see
 * leftout.h for the contract; doc/guide.md, "Rows left out of a measure").
 *
 * Each cause mirrors one test in metric-accum.c that drops a used row from
 * a measure or counts it as something it does not say; a new such test
 * there needs its cause here. Department codes no dyad owns go to a small
 * open-addressing table per extract, keyed by the hash of the lower-cased
 * code (owner() in metric-accum.c ignores case too); only a printable
 * ASCII code of at most DR_LEFT_CODE_MAX bytes keeps its text.
 * Never: allocates per row (the table is made once, at its first code).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/diag.h"
#include "dyadreport/leftout.h"
#include "dyadreport/stats.h"

/* Per extract, per cause; DR_LEFT_UNOWNED's entry is the same for all. */
static const struct dr_left_cause_def unowned_def = {
	"department_not_owned", "department", "belong to a department no dyad owns",
	"left out of every measure",
};

static const struct dr_left_cause_def defs[DR_NLEFT] = {
	[DR_LEFT_BOOKED_AFTER_VISIT] = {
		"booked_after_visit", "booked_date",
		"are COMPLETED with a booked date after the visit date", "left out of lead time" },
	[DR_LEFT_MINUTES_CAPPED] = {
		"minutes_over_65535", "duration_min",
		"are COMPLETED with over 65,535 minutes", "counted as 65,535 in the median minutes" },
	[DR_LEFT_DENIED_NO_REASON] = {
		"reason_counted_unspecified", "denial_reason",
		"are DENIED with no reason", "counted as reason UNSPECIFIED" },
	[DR_LEFT_DECIDED_NO_DATE] = {
		"decided_without_date", "decision_date",
		"are APPROVED or DENIED with no decision date",
		"left out of decision days and counted as pending by age" },
	[DR_LEFT_PENDING_WITH_DATE] = {
		"pending_with_decision_date", "status, decision_date",
		"are PENDING with a decision date", "counted as pending and left out of decision days" },
	[DR_LEFT_APPEAL_NOT_DENIED] = {
		"appeal_not_denied", "appeal_status",
		"have an appeal status but are not DENIED", "left out of the overturn rate" },
	[DR_LEFT_COMPLETED_NO_HOURS] = {
		"completed_without_hours", "hours_to_complete",
		"are completed with no hours to complete",
		"counted as outside the window and left out of the median hours" },
	[DR_LEFT_HOURS_NOT_COMPLETED] = {
		"hours_not_completed", "completed, hours_to_complete",
		"are not completed but have hours to complete", "left out of the median hours" },
	[DR_LEFT_HOURS_CAPPED] = {
		"hours_over_6553", "hours_to_complete",
		"are completed in over 6,553.5 hours", "counted as 6,553.5 in the median hours" },
};

/* The extract each cause but DR_LEFT_UNOWNED belongs to. */
static const enum dr_extract cause_extract[DR_NLEFT] = {
	[DR_LEFT_BOOKED_AFTER_VISIT] = DR_VISITS,
	[DR_LEFT_MINUTES_CAPPED] = DR_VISITS,
	[DR_LEFT_DENIED_NO_REASON] = DR_DENIALS,
	[DR_LEFT_DECIDED_NO_DATE] = DR_DENIALS,
	[DR_LEFT_PENDING_WITH_DATE] = DR_DENIALS,
	[DR_LEFT_APPEAL_NOT_DENIED] = DR_DENIALS,
	[DR_LEFT_COMPLETED_NO_HOURS] = DR_HANDOFFS,
	[DR_LEFT_HOURS_NOT_COMPLETED] = DR_HANDOFFS,
	[DR_LEFT_HOURS_CAPPED] = DR_HANDOFFS,
};

const struct dr_left_cause_def *dr_left_cause_def(enum dr_extract e, enum dr_left_cause c)
{
	if (c == DR_LEFT_UNOWNED)
		return &unowned_def;
	if ((int)c < 0 || c >= DR_NLEFT || cause_extract[c] != e)
		return NULL;
	return &defs[c];
}

#define NSLOTS (2 * DR_LEFT_CODES_MAX)

void dr_left_out_unowned(struct dr_left_out *lo, const char *dept)
{
	lo->rows[DR_LEFT_UNOWNED]++;
	uint64_t h = DR_HASH64_SEED;    /* FNV-1a over the lower-cased bytes */
	bool printable = true;
	size_t len = 0;
	for (const char *s = dept; *s; s++, len++) {
		unsigned char ch = (unsigned char)*s;
		h = (h ^ (unsigned char)tolower(ch)) * 0x100000001b3ULL;
		printable &= ch >= 0x20 && ch < 0x7f;
	}
	printable &= len > 0 && len <= DR_LEFT_CODE_MAX;
	if (!lo->slot) {
		lo->slot = dr_xcalloc(NSLOTS, sizeof *lo->slot);
		lo->codes = dr_xcalloc(DR_LEFT_CODES_MAX, sizeof *lo->codes);
	}
	size_t i = (size_t)(h ^ (h >> 29)) & (NSLOTS - 1);
	for (; lo->slot[i]; i = (i + 1) & (NSLOTS - 1))
		if (lo->codes[lo->slot[i] - 1].hash == h) {
			lo->codes[lo->slot[i] - 1].rows++;
			return;
		}
	if (lo->ncodes == DR_LEFT_CODES_MAX) {
		lo->more_rows++;
		return;
	}
	struct dr_left_code *c = &lo->codes[lo->ncodes++];
	c->hash = h;
	c->rows = 1;
	if (printable)
		memcpy(c->text, dept, len + 1);
	lo->slot[i] = lo->ncodes;
}

void dr_left_out_row(struct dr_left_out *lo, enum dr_extract e, const void *record, bool in_window,
                     dr_date last_end)
{
	/* a value that rounds past the histograms' cap (NAN compares false) */
	const double capped = (double)DR_HIST_MAX + 0.5;
	switch (e) {
	case DR_VISITS: {
		const struct dr_visit *v = record;
		if (!in_window || v->status != DR_VISIT_COMPLETED)
			return;
		lo->rows[DR_LEFT_BOOKED_AFTER_VISIT] += v->booked_date != DR_NO_DATE && v->booked_date > v->visit_date;
		lo->rows[DR_LEFT_MINUTES_CAPPED] += v->duration_min >= capped;
		return;
	}
	case DR_DENIALS: {
		const struct dr_denial *r = record;
		bool decided = r->status != DR_DENIAL_PENDING;
		/* the pending-age table takes requests of any month */
		lo->rows[DR_LEFT_DECIDED_NO_DATE] += decided && r->decision_date == DR_NO_DATE &&
		                                      r->submitted_date <= last_end;
		if (!in_window)
			return;
		lo->rows[DR_LEFT_DENIED_NO_REASON] += r->status == DR_DENIAL_DENIED && r->reason == DR_REASON_UNSPECIFIED;
		lo->rows[DR_LEFT_PENDING_WITH_DATE] += !decided && r->decision_date != DR_NO_DATE;
		lo->rows[DR_LEFT_APPEAL_NOT_DENIED] += r->status != DR_DENIAL_DENIED && r->appeal != DR_APPEAL_NONE;
		return;
	}
	case DR_HANDOFFS: {
		const struct dr_handoff *h = record;
		if (!in_window)
			return;
		bool hours = !isnan(h->hours_to_complete);
		lo->rows[DR_LEFT_COMPLETED_NO_HOURS] += h->completed && !hours;
		lo->rows[DR_LEFT_HOURS_NOT_COMPLETED] += !h->completed && hours;
		lo->rows[DR_LEFT_HOURS_CAPPED] += h->completed && h->hours_to_complete * 10 >= capped;
		return;
	}
	default:
		return;
	}
}

/* Most rows first; then printable codes by text, unprintable ones last. */
static int cmp_code(const void *a, const void *b)
{
	const struct dr_left_code *x = a, *y = b;
	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	if (!*x->text != !*y->text)
		return *x->text ? -1 : 1;
	int c = strcmp(x->text, y->text);
	if (c)
		return c;
	return (x->hash > y->hash) - (x->hash < y->hash);
}

struct dr_left_code *dr_left_out_sorted_codes(const struct dr_left_out *lo, size_t *n)
{
	struct dr_left_code *v = dr_xcalloc(lo->ncodes, sizeof *v);
	if (lo->ncodes)
		memcpy(v, lo->codes, lo->ncodes * sizeof *v);
	qsort(v, lo->ncodes, sizeof *v, cmp_code);
	*n = lo->ncodes;
	return v;
}

/* "are ..." / "have ..." for one row: "is ..." / "has ...". */
static void predicate(char *out, size_t size, const char *what, long n)
{
	if (n != 1)
		snprintf(out, size, "%s", what);
	else if (strncmp(what, "are ", 4) == 0)
		snprintf(out, size, "is %s", what + 4);
	else if (strncmp(what, "have ", 5) == 0)
		snprintf(out, size, "has %s", what + 5);
	else
		snprintf(out, size, "%s", what);
}

/* "column X" or "columns X, Y". */
static const char *columns_word(const struct dr_left_cause_def *d)
{
	return strchr(d->columns, ',') ? "columns" : "column";
}

void dr_left_out_warn(const struct dr_left_out *lo, enum dr_extract e, const char *display)
{
	if (lo->rows[DR_LEFT_UNOWNED]) {
		size_t n, shown = 0, unprintable = 0, rest = 0;
		long unprintable_rows = 0, rest_rows = lo->more_rows;
		struct dr_left_code *v = dr_left_out_sorted_codes(lo, &n);
		for (size_t i = 0; i < n; i++) {
			if (!*v[i].text) {
				unprintable++;
				unprintable_rows += v[i].rows;
			} else if (shown < DR_LEFT_CODES_SHOWN) {
				shown++;
				dr_warn("%s: column department: %ld row%s of department %s, which no dyad owns; "
				        "left out of every measure", display, v[i].rows, v[i].rows == 1 ? "" : "s",
				        v[i].text);
			} else {
				rest++;
				rest_rows += v[i].rows;
			}
		}
		if (unprintable)
			dr_warn("%s: column department: %ld row%s of %zu department code%s that %s not "
			        "printable ASCII of at most %d bytes, which no dyad owns; left out of every "
			        "measure", display, unprintable_rows, unprintable_rows == 1 ? "" : "s",
			        unprintable, unprintable == 1 ? "" : "s", unprintable == 1 ? "is" : "are",
			        DR_LEFT_CODE_MAX);
		if (rest_rows)
			dr_warn("%s: column department: %ld more row%s of %s%zu more department code%s, "
			        "which no dyad owns; left out of every measure", display, rest_rows,
			        rest_rows == 1 ? "" : "s", lo->more_rows ? "over " : "", rest,
			        rest == 1 && !lo->more_rows ? "" : "s");
		free(v);
	}
	for (int c = DR_LEFT_UNOWNED + 1; c < DR_NLEFT; c++) {
		const struct dr_left_cause_def *d = dr_left_cause_def(e, c);
		long n = lo->rows[c];
		if (!d || !n)
			continue;
		char what[160];
		predicate(what, sizeof what, d->what, n);
		dr_warn("%s: %s %s: %ld row%s %s; %s", display, columns_word(d), d->columns, n,
		        n == 1 ? "" : "s", what, d->effect);
	}
}

void dr_left_out_print(const struct dr_left_out *lo, enum dr_extract e, FILE *fp)
{
	for (int c = 0; c < DR_NLEFT; c++) {
		const struct dr_left_cause_def *d = dr_left_cause_def(e, c);
		if (d && lo->rows[c])
			fprintf(fp, "  rows that %s, %s: %ld\n", d->what, d->effect, lo->rows[c]);
	}
}

void dr_left_out_free(struct dr_left_out *lo)
{
	free(lo->codes);
	free(lo->slot);
	memset(lo, 0, sizeof *lo);
}
