/*
 * load-header-hint.c -- what a site is told when its extract's header
 * lacks a required column: which column, the header it has, and the
 * `col.COLUMN = Their Header` line that would read a close name.
 *
 * Takes: the extract's schema, the header row, which file position each
 *        column was found at (-1: absent) and the header text each column
 *        is read from (its own name, or the site's col. rename).
 * Prints: per missing required column, in schema order,
 *           FILE:LINE: required column visit_date missing; did you mean:
 *           col.visit_date = Appt Date  (in [visits])
 *         (the "did you mean" part only when a header name is close; when a
 *         col. rename is wrong and the header has our own name, "remove
 *         col.visit_date from [visits]"), then
 *         once the header it has: its first HINT_NAMES_MAX names, each cut
 *         to HINT_NAME_BYTES bytes, quoted, with quotes, backslashes,
 *         control characters and bytes that are not UTF-8 escaped (\xNN).
 * Close: a header name no other column reads that is the column's name
 *        (or its col. rename) up to case, spaces, '-', '_' and '.'
 *        ("Visit Date", "VISIT-DATE"), else one of the common export
 *        names of the column in the table below ("Appt Date", "MRN").
 *        A name is suggested only when it can be pasted as is: printable
 *        UTF-8 of at most HINT_NAME_BYTES bytes, without ';' or '#'.
 * Never: prints a cell of a data row; the header names are the site's
 *        column names, not patient data, and are capped as above.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/diag.h"
#include "load-int.h"

/* The header names listed, and the bytes kept of each. */
#define HINT_NAMES_MAX 20
#define HINT_NAME_BYTES 40
/* A synonym of a column every extract has (department): a value past
 * every enum dr_extract, DR_COMMENTARY included. */
#define ANY_EXTRACT DR_NSOURCES

/* Common export names of the required columns, per extract. */
static const struct synonym {
	enum dr_extract extract;
	const char *column;
	const char *names[10];
} synonyms[] = {
	{ DR_VISITS, "visit_id", { "Encounter ID", "Encounter", "CSN", "Encounter Number",
	                           "Appointment ID", "Appt ID", "Visit Number", "Visit" } },
	{ DR_VISITS, "visit_date", { "Appt Date", "Appointment Date", "Encounter Date",
	                             "Date of Service", "DOS", "Service Date", "Appt Time",
	                             "Appointment Time", "Date" } },
	{ DR_VISITS, "patient_id", { "MRN", "Patient", "Medical Record Number", "Patient MRN",
	                             "PAT ID", "Person ID", "Member ID" } },
	{ DR_VISITS, "provider_id", { "NPI", "Provider NPI", "Prov ID", "Clinician ID",
	                              "Physician ID", "Provider Number" } },
	{ DR_VISITS, "visit_type", { "Appt Type", "Appointment Type", "Encounter Type", "Type",
	                             "New or Established", "Patient Type" } },
	{ DR_VISITS, "status", { "Appt Status", "Appointment Status", "Visit Status",
	                         "Encounter Status" } },
	{ DR_DENIALS, "request_id", { "Auth ID", "Authorization ID", "Prior Auth ID", "PA ID",
	                              "Auth Number", "Authorization Number", "Case ID",
	                              "Reference Number", "Request" } },
	{ DR_DENIALS, "payer", { "Payer Name", "Payor", "Insurance", "Insurer", "Plan",
	                         "Health Plan", "Carrier" } },
	{ DR_DENIALS, "service", { "Procedure", "Requested Service", "Service Description",
	                           "Drug", "Medication", "Item", "CPT" } },
	{ DR_DENIALS, "submitted_date", { "Submitted", "Submission Date", "Submit Date",
	                                  "Date Submitted", "Request Date", "Requested Date",
	                                  "Received Date" } },
	{ DR_DENIALS, "status", { "Decision", "Auth Status", "Authorization Status",
	                          "Request Status", "Determination", "Outcome" } },
	{ DR_HANDOFFS, "handoff_id", { "Hand-off ID", "Handover ID", "Transition ID", "Task ID",
	                               "Handoff" } },
	{ DR_HANDOFFS, "handoff_date", { "Handoff Time", "Handover Date", "Transition Date",
	                                 "Event Date", "Date", "Timestamp" } },
	{ DR_HANDOFFS, "handoff_type", { "Handover Type", "Transition Type", "Type" } },
	{ DR_HANDOFFS, "completed", { "Complete", "Done", "Is Completed", "Closed Loop",
	                              "Completed Y/N", "Loop Closed" } },
	{ DR_BURNOUT, "response_id", { "Respondent ID", "Survey ID", "Record ID",
	                               "Submission ID", "Response" } },
	{ DR_BURNOUT, "survey_date", { "Response Date", "Survey Completed", "Completed Date",
	                               "Submitted", "Date", "Timestamp" } },
	{ DR_BURNOUT, "role", { "Job Role", "Position", "Job Title", "Staff Role", "Discipline",
	                        "Profession" } },
	{ DR_BURNOUT, "burnout", { "Burnout Score", "Burnout Item", "Mini Z Burnout",
	                           "MiniZ Burnout" } },
	{ DR_COMMENTARY, "dyad", { "Dyad ID", "Dyad Id", "Dyad Key" } },
	{ DR_COMMENTARY, "metric", { "Metric Key", "Measure", "Measure Key", "KPI", "Indicator" } },
	{ DR_COMMENTARY, "month", { "Meeting Month", "Meeting Date", "Review Month", "Period",
	                            "Report Month", "Date" } },
	/* Every extract's department. */
	{ ANY_EXTRACT, "department", { "Dept", "Dept Code", "Department Code", "Dept ID",
	                                "Department ID", "Clinic", "Unit", "Cost Center",
	                                "Location", "Service Line" } },
};

/* Whether a and b are the same name up to case and the characters other
 * than ASCII letters and digits ("Visit-Date" and visit_date are). */
static bool loose_same(const char *a, size_t alen, const char *b)
{
	size_t i = 0, j = 0, blen = strlen(b);
	for (;;) {
		while (i < alen && !((a[i] | 0x20) >= 'a' && (a[i] | 0x20) <= 'z') &&
		       !(a[i] >= '0' && a[i] <= '9'))
			i++;
		while (j < blen && !((b[j] | 0x20) >= 'a' && (b[j] | 0x20) <= 'z') &&
		       !(b[j] >= '0' && b[j] <= '9'))
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		if ((a[i] | 0x20) != (b[j] | 0x20))
			return false;
		i++;
		j++;
	}
}

/* Length of the valid UTF-8 character at s (n bytes left) that is not a
 * control character (C0, DEL, C1), or 0. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	size_t len = dr_load_utf8_char((const char *)s, n);
	if ((len == 1 && (s[0] < 0x20 || s[0] == 0x7f)) || (len == 2 && s[0] == 0xC2 && s[1] < 0xA0))
		return 0;
	return len;
}

/* Whether the name can be pasted into a config line as is. */
static bool pastable(const char *s, size_t len)
{
	if (!len || len > HINT_NAME_BYTES || memchr(s, ';', len) || memchr(s, '#', len))
		return false;
	for (size_t i = 0, n; i < len; i += n)
		if (!(n = utf8_char((const unsigned char *)s + i, len - i)))
			return false;
	return true;
}

/* Text being built into a fixed buffer: cut, never overrun. */
struct text {
	char *s;
	size_t size, len;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	if (t->len + 1 >= t->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(t->s + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = t->len + (size_t)n < t->size ? t->len + (size_t)n : t->size - 1;
}

/* Appends the name quoted, cut to HINT_NAME_BYTES bytes ("..." after a
 * cut), escaping what is not printable UTF-8. */
static void add_name(struct text *t, const char *s, size_t len)
{
	add(t, "\"");
	size_t i = 0, n;
	for (; i < len && i < HINT_NAME_BYTES; i += n) {
		const unsigned char *c = (const unsigned char *)s + i;
		n = utf8_char(c, len - i);
		if (n && i + n > HINT_NAME_BYTES)
			break;
		if (n == 1 && (*c == '"' || *c == '\\'))
			add(t, "\\%c", *c);
		else if (n)
			add(t, "%.*s", (int)n, (const char *)c);
		else {
			add(t, "\\x%02X", *c);
			n = 1;
		}
	}
	add(t, "%s\"", i < len ? "..." : "");
}

/* Header name i of row, its surrounding spaces and tabs left out. */
static const char *name_at(const struct dr_load_row *row, size_t i, size_t *len)
{
	const struct dr_load_field *f = &row->field[i];
	const char *s = f->s;
	size_t n = f->len;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* The position of a header name close to column c that no column reads,
 * or -1. */
static long close_name(const struct dr_load_schema *sc, const struct dr_load_row *row,
                       const long *col, const char *const *header, size_t c)
{
	const char *name = sc->cols[c].name;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < row->nstored; i++) {
			const struct dr_load_field *f = &row->field[i];
			bool taken = f->cut;
			for (size_t k = 0; k < sc->ncols && !taken; k++)
				taken = col[k] == (long)i;
			if (taken)
				continue;
			size_t len;
			const char *s = name_at(row, i, &len);
			if (!pastable(s, len))
				continue;
			if (pass == 0 && (loose_same(s, len, name) || loose_same(s, len, header[c])))
				return (long)i;
			for (size_t k = 0; pass == 1 && k < DR_NELEM(synonyms); k++) {
				const struct synonym *y = &synonyms[k];
				if ((y->extract != sc->extract && y->extract != ANY_EXTRACT) ||
				    strcmp(y->column, name) != 0)
					continue;
				for (size_t j = 0; j < DR_NELEM(y->names) && y->names[j]; j++)
					if (loose_same(s, len, y->names[j]))
						return (long)i;
			}
		}
	return -1;
}

bool dr_load_header_hint(const struct dr_load_schema *sc, const char *file,
                         const struct dr_load_row *row, const long *col,
                         const char *const *header)
{
	const char *section = dr_extract_name(sc->extract);
	bool any = false;
	for (size_t c = 0; c < sc->ncols; c++) {
		if (col[c] >= 0 || !sc->cols[c].required)
			continue;
		any = true;
		char buf[512];
		struct text msg = { buf, sizeof buf, 0 };
		add(&msg, "required column %s", sc->cols[c].name);
		if (header[c] != sc->cols[c].name) {
			add(&msg, " (header ");
			add_name(&msg, header[c], strlen(header[c]));
			add(&msg, ")");
		}
		add(&msg, " missing");
		long i = close_name(sc, row, col, header, c);
		if (i >= 0) {
			size_t len;
			const char *s = name_at(row, (size_t)i, &len);
			if (header[c] != sc->cols[c].name && dr_load_same_name(s, len, sc->cols[c].name))
				add(&msg, "; the header has %s itself: remove col.%s from [%s]",
				    sc->cols[c].name, sc->cols[c].name, section);
			else
				add(&msg, "; did you mean: col.%s = %.*s  (in [%s])", sc->cols[c].name,
				    (int)len, s, section);
		}
		dr_error_at(file, row->line, "%s", buf);
	}
	if (!any)
		return true;
	char buf[HINT_NAMES_MAX * (HINT_NAME_BYTES * 4 + 8) + 64];
	struct text list = { buf, sizeof buf, 0 };
	for (size_t i = 0; i < row->nstored && i < HINT_NAMES_MAX; i++) {
		size_t len;
		const char *s = name_at(row, i, &len);
		add(&list, "%s", i ? ", " : "");
		if (row->field[i].cut)
			add(&list, "\"...\"");
		else
			add_name(&list, s, len);
	}
	dr_error_at(file, row->line, "the header has %zu name%s: %s%s; give a missing column its "
	            "header with col.COLUMN = Their Header in [%s]", row->nfields,
	            row->nfields == 1 ? "" : "s", buf, row->nfields > HINT_NAMES_MAX ? ", ..." : "",
	            section);
	return false;
}
