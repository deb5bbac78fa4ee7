/*
 * fuzz-load.c -- libFuzzer target for dr_load_extract(): load-csv.c,
 * load-extract.c, load-schema.c and load-field.c on hostile files.
 *
 * Input: two option bytes, then the bytes of the CSV file.
 *   byte 0  bits 0-1  extract: visits, denials, handoffs, burnout (unless
 *                     byte 1 bit 6)
 *           bits 2-3  delimiter: , ; | tab
 *           bits 4-5  date format, with byte 1 bit 5 as bit 2: default,
 *                     %Y-%m-%d, %m/%d/%Y, %d.%m.%Y %H:%M, %d.%m.%Y,
 *                     %m/%d/%Y %H:%M, %Y-%m-%d %H:%M:%S, %d/%m/%Y
 *           bit 6     the site's header renames (col.X = Header)
 *           bit 7     the site's code maps (map.col.Code = CODE)
 *   byte 1  bits 0-1  max_messages: default, all, 1, 100
 *           bit 2     verbose messages (formatted, then thrown away)
 *           bit 3     denials: map CO-45 and PR-1 to IGNORE
 *           bit 4     expand "\0\0" N C in the file to (N + 1) KiB of byte C,
 *                     so short inputs reach the over-64-KiB field path and
 *                     the reader's block boundaries
 *           bit 5     see bits 4-5 of byte 0
 *           bit 6     the commentary (DR_COMMENTARY) instead of an extract
 * The site is sample-data/site-messy.ini: its renames and code maps, per
 * extract; for the commentary, a site that calls comment "Notes" and
 * month "Meeting Month" and maps its own status and audience words.
 * Checks (a broken one aborts, which libFuzzer reports as a crash): the
 * return code is one load.h allows; every record keeps load.h's contract
 * (strings NUL-ended, trimmed, valid UTF-8, required ones non-empty; dates
 * inside 1990..2100; codes inside their enums; numbers NAN or in range;
 * a commentary row has a comment or an action, a month inside 1990..2100
 * and its physical line, after the previous row's);
 * the callback ran rows_used times; rows read = used + ignored + skipped;
 * no row is ignored without an IGNORE map; a column is filled in at most
 * rows_used rows, and only when present.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/diag.h"
#include "dyadreport/load.h"
#include "fuzz-file.h"

#define EXPAND_MAX (1024 * 1024)

static const char delimiters[4] = { ',', ';', '|', '\t' };
static const char *const date_formats[8] = {
	NULL, "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y %H:%M",
	"%d.%m.%Y", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y",
};
static const int max_messages[4] = { 0, -1, 1, 100 };

/* A site's renames and code maps: sample-data/site-messy.ini's. */
static const struct dr_load_rename ren_visits[] = {
	{ "visit_id", "Appt ID" }, { "visit_date", "Appt Date" }, { "patient_id", "MRN" },
	{ "provider_id", "Prov ID" }, { "provider_name", "Provider Name" },
	{ "department", "Dept" }, { "visit_type", "Appt Type" }, { "status", "Appt Status" },
	{ "booked_date", "Appt Made Date" }, { "duration_min", "Appt Length" },
	{ "wrvu", "Work RVU" },
};
static const struct dr_load_rename ren_denials[] = {
	{ "request_id", "Auth Number" }, { "department", "Ordering Dept" },
	{ "payer", "Payer Name" }, { "service", "CPT/Service" },
	{ "submitted_date", "Submit Date" }, { "decision_date", "Decision Dt" },
	{ "status", "Auth Status" }, { "denial_reason", "CARC" },
	{ "appeal_status", "Appeal Status" }, { "amount", "Billed Amount" },
};
static const struct dr_load_rename ren_handoffs[] = {
	{ "handoff_id", "Task ID" }, { "handoff_date", "Due" }, { "department", "Unit" },
	{ "handoff_type", "Task Type" }, { "completed", "Task Status" },
	{ "hours_to_complete", "Hrs to Close" }, { "window_hours", "Window (hrs)" },
	{ "structured_tool", "Comm Tool" },
};
static const struct dr_load_rename ren_burnout[] = {
	{ "response_id", "ResponseId" }, { "survey_date", "RecordedDate" },
	{ "satisfaction", "Q1 Satisfaction" }, { "stress", "Q2 Stress" },
	{ "burnout", "Q3 Burnout" }, { "teamwork", "Q9 Teamwork" },
	{ "trust_leadership", "Q11 Trust Leaders" },
};

static const struct dr_load_code_map map_visits[] = {
	{ "visit_type", "New Patient", "NEW" }, { "visit_type", "Return Visit", "ESTABLISHED" },
	{ "status", "Arrived", "COMPLETED" }, { "status", "Checked Out", "COMPLETED" },
	{ "status", "No Show", "NO_SHOW" }, { "status", "NoShow", "NO_SHOW" },
	{ "status", "Canceled", "CANCELLED" }, { "status", "Cancelled", "CANCELLED" },
};
static const struct dr_load_code_map map_denials[] = {
	{ "status", "Approved", "APPROVED" }, { "status", "Auth Approved", "APPROVED" },
	{ "status", "Denied", "DENIED" }, { "status", "In Review", "PENDING" },
	{ "status", "Pended", "PENDING" },
	{ "denial_reason", "CO-16", "MISSING_DOCUMENTATION" },
	{ "denial_reason", "CO-252", "MISSING_DOCUMENTATION" },
	{ "denial_reason", "CO-4", "CODING_ERROR" }, { "denial_reason", "CO-11", "CODING_ERROR" },
	{ "denial_reason", "CO-50", "MEDICAL_NECESSITY" },
	{ "denial_reason", "CO-197", "AUTHORIZATION" },
	{ "denial_reason", "CO-27", "ELIGIBILITY" }, { "denial_reason", "CO-29", "TIMELY_FILING" },
	{ "denial_reason", "CO-96", "OTHER" },
	{ "appeal_status", "Open", "PENDING" }, { "appeal_status", "Reversed", "OVERTURNED" },
	{ "appeal_status", "Affirmed", "UPHELD" },
	/* the IGNORE maps last, used with byte 1 bit 3 */
	{ "denial_reason", "CO-45", DR_LOAD_IGNORE }, { "denial_reason", "PR-1", DR_LOAD_IGNORE },
};
enum { DENIAL_NIGNORE = 2 };
static const struct dr_load_code_map map_handoffs[] = {
	{ "handoff_type", "Shift Report", "SHIFT_CHANGE" },
	{ "handoff_type", "Discharge Summary", "DISCHARGE" },
	{ "handoff_type", "Referral Loop", "REFERRAL" },
	{ "handoff_type", "Result Follow-up", "RESULT_FOLLOWUP" },
	{ "handoff_type", "Critical Result Callback", "RESULT_FOLLOWUP" },
	{ "handoff_type", "Other Task", "OTHER" },
	{ "completed", "Closed", "Y" }, { "completed", "Open", "N" },
	{ "structured_tool", "I-PASS", "IPASS" }, { "structured_tool", "Free Text", "NONE" },
};
static const struct dr_load_code_map map_burnout[] = {
	{ "role", "MD", "PHYSICIAN" }, { "role", "DO", "PHYSICIAN" }, { "role", "NP", "APP" },
	{ "role", "PA", "APP" }, { "role", "RN", "NURSE" }, { "role", "Admin", "ADMINISTRATOR" },
	{ "role", "Staff", "STAFF" },
};

static const struct dr_load_rename ren_commentary[] = {
	{ "comment", "Notes" }, { "month", "Meeting Month" }, { "owner", "Lead" },
};
static const struct dr_load_code_map map_commentary[] = {
	{ "status", "Closed", "DONE" }, { "status", "In progress", "OPEN" },
	{ "status", "Parked", "DROPPED" }, { "audience", "Everyone", "PUBLIC" },
	{ "audience", "Team only", "INTERNAL" },
};

struct site {
	const struct dr_load_rename *renames;
	size_t nrenames;
	const struct dr_load_code_map *maps;
	size_t nmaps;               /* without the IGNORE maps */
};

static const struct site sites[DR_NSOURCES] = {
	[DR_VISITS] = { ren_visits, DR_NELEM(ren_visits), map_visits, DR_NELEM(map_visits) },
	[DR_DENIALS] = { ren_denials, DR_NELEM(ren_denials), map_denials,
	                 DR_NELEM(map_denials) - DENIAL_NIGNORE },
	[DR_HANDOFFS] = { ren_handoffs, DR_NELEM(ren_handoffs), map_handoffs, DR_NELEM(map_handoffs) },
	[DR_BURNOUT] = { ren_burnout, DR_NELEM(ren_burnout), map_burnout, DR_NELEM(map_burnout) },
	[DR_COMMENTARY] = { ren_commentary, DR_NELEM(ren_commentary), map_commentary,
	                    DR_NELEM(map_commentary) },
};

/* What the row callback counts. */
struct run {
	long rows;
	long line;                  /* the last commentary row's line */
};

static dr_date first_day, last_day;
static bool replaying;          /* DR_FUZZ_STDERR set: show warnings too */

/* Says which rule broke on fd 2 (the program's stderr stream is silenced)
 * and aborts. */
static void fail(const char *what)
{
	dprintf(2, "fuzz-load: contract broken: %s\n", what);
	abort();
}

/* A string the loader hands out: NUL-ended, trimmed, valid UTF-8. */
static void check_text(const char *s, bool required)
{
	if (!s) {
		if (required)
			fail("required text is NULL");
		return;
	}
	size_t n = strlen(s);
	if (n == 0)
		fail("text is empty (empty cells are NULL or skipped)");
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		fail("text not trimmed");
	if (!dr_load_utf8_valid(s, n))
		fail("text not valid UTF-8");
}

/* A date: inside the loader's year range, or DR_NO_DATE when optional. */
static void check_date(dr_date d, bool required)
{
	if (d == DR_NO_DATE && !required)
		return;
	if (d < first_day || d > last_day)
		fail("date outside 1990..2100");
}

/* A number that is NAN when empty, else >= lo (or > lo when strict). */
static void check_number(double v, double lo, bool strict)
{
	if (isnan(v))
		return;
	if (!isfinite(v) || v < lo || (strict && v == lo))
		fail("number out of range");
	if (v == 0 && signbit(v))
		fail("negative zero");
}

/* A score: 1..5, or 0 when optional and empty. */
static void check_score(int v, bool required)
{
	if (v < (required ? 1 : 0) || v > 5)
		fail("score out of range");
}

/* Row callback: every record must keep load.h's contract. */
static void on_record(enum dr_extract e, const void *rec, void *ctx)
{
	struct run *run = ctx;
	run->rows++;
	switch (e) {
	case DR_VISITS: {
		const struct dr_visit *v = rec;
		check_text(v->visit_id, true);
		check_text(v->patient_id, true);
		check_text(v->provider_id, true);
		check_text(v->provider_name, false);
		check_text(v->department, true);
		check_date(v->visit_date, true);
		check_date(v->booked_date, false);
		if ((unsigned)v->visit_type > DR_VISIT_ESTABLISHED || (unsigned)v->status > DR_VISIT_CANCELLED)
			fail("visit code out of range");
		check_number(v->duration_min, 0, false);
		check_number(v->wrvu, 0, false);
		break;
	}
	case DR_DENIALS: {
		const struct dr_denial *d = rec;
		check_text(d->request_id, true);
		check_text(d->department, true);
		check_text(d->payer, true);
		check_text(d->service, true);
		check_date(d->submitted_date, true);
		check_date(d->decision_date, false);
		if (d->decision_date != DR_NO_DATE && d->decision_date < d->submitted_date)
			fail("decision before submission");
		if ((unsigned)d->status > DR_DENIAL_PENDING || (unsigned)d->reason >= DR_NREASONS
		    || (unsigned)d->appeal > DR_APPEAL_UPHELD)
			fail("denial code out of range");
		if (d->status != DR_DENIAL_DENIED && d->reason != DR_REASON_UNSPECIFIED)
			fail("reason on a row that is not DENIED");
		check_number(d->amount, 0, false);
		break;
	}
	case DR_HANDOFFS: {
		const struct dr_handoff *h = rec;
		check_text(h->handoff_id, true);
		check_text(h->department, true);
		check_date(h->handoff_date, true);
		if ((unsigned)h->type >= DR_NHANDOFF_TYPES || (unsigned)h->tool > DR_TOOL_NONE)
			fail("handoff code out of range");
		check_number(h->hours_to_complete, 0, false);
		check_number(h->window_hours, 0, true);
		break;
	}
	case DR_BURNOUT: {
		const struct dr_response *r = rec;
		check_text(r->response_id, true);
		check_text(r->department, true);
		check_date(r->survey_date, true);
		if ((unsigned)r->role >= DR_NROLES)
			fail("role out of range");
		check_score(r->burnout, true);
		check_score(r->satisfaction, false);
		check_score(r->stress, false);
		check_score(r->trust_leadership, false);
		check_score(r->teamwork, false);
		break;
	}
	case DR_COMMENTARY: {
		const struct dr_comment_row *c = rec;
		check_text(c->dyad, true);
		check_text(c->metric, true);
		check_text(c->comment, false);
		check_text(c->action, false);
		check_text(c->owner, false);
		if (!c->comment && !c->action)
			fail("commentary row with neither comment nor action");
		if (c->month < dr_month_of(first_day) || c->month > dr_month_of(last_day))
			fail("month outside 1990..2100");
		check_date(c->due, false);
		if ((unsigned)c->status > DR_ACTION_DROPPED || (unsigned)c->audience > DR_AUDIENCE_PUBLIC)
			fail("commentary code out of range");
		if (c->line < 2 || c->line <= run->line)
			fail("commentary line not after the header and the previous row");
		run->line = c->line;
		break;
	}
	default:
		fail("unknown extract in callback");
	}
}

/* Expands "\0\0" N C to (N + 1) KiB of C; returns a new buffer and *out_n. */
static uint8_t *expand(const uint8_t *data, size_t size, size_t *out_n)
{
	uint8_t *out = malloc(EXPAND_MAX + size);
	size_t n = 0;
	if (!out)
		abort();
	for (size_t i = 0; i < size; i++) {
		if (i + 3 < size && data[i] == 0 && data[i + 1] == 0) {
			size_t k = ((size_t)data[i + 2] + 1) * 1024;
			if (n + k <= EXPAND_MAX) {
				memset(out + n, data[i + 3], k);
				n += k;
			}
			i += 3;
			continue;
		}
		out[n++] = data[i];
	}
	*out_n = n;
	return out;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	replaying = !fz_silence();
	first_day = dr_date_from_ymd(DR_LOAD_YEAR_MIN, 1, 1);
	last_day = dr_date_from_ymd(DR_LOAD_YEAR_MAX, 12, 31);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	uint8_t a = data[0], b = data[1];
	enum dr_extract e = (b & 0x40) ? DR_COMMENTARY : (enum dr_extract)(a & 3);
	bool ignore = (b & 8) && e == DR_DENIALS;
	const struct site *site = &sites[e];
	const struct dr_load_code_map *maps = NULL;
	size_t nmaps = 0;
	if (a & 0x80) {
		maps = site->maps;
		nmaps = site->nmaps + (ignore ? DENIAL_NIGNORE : 0);
	} else if (ignore) {
		maps = site->maps + site->nmaps;
		nmaps = DENIAL_NIGNORE;
	}
	const char *path;
	if (b & 0x10) {
		size_t n;
		uint8_t *big = expand(data + 2, size - 2, &n);
		path = fz_write("extract.csv", big, n);
		free(big);
	} else
		path = fz_write("extract.csv", data + 2, size - 2);

	struct dr_load_options opts = {
		.path = path,
		.display = "extract.csv",
		.date_format = date_formats[((a >> 4) & 3) | ((b >> 3) & 4)],
		.delimiter = delimiters[(a >> 2) & 3],
		.max_messages = max_messages[b & 3],
		.renames = (a & 0x40) ? site->renames : NULL,
		.nrenames = (a & 0x40) ? site->nrenames : 0,
		.code_maps = maps,
		.ncode_maps = nmaps,
	};
	struct dr_load_stats stats;
	struct run run = { 0 };
	dr_diag_set_verbosity((b & 4) ? DR_VERBOSE : replaying ? DR_NORMAL : DR_QUIET);
	int rc = dr_load_extract(e, &opts, &stats, on_record, &run);
	if (rc != DR_OK && rc != DR_EINPUT)
		fail("return code not allowed by load.h (the options are valid)");
	if (run.rows != stats.rows_used)
		fail("rows_used differs from the callbacks made");
	for (int r = 0; r < DR_NSKIP; r++)
		if (stats.skipped[r] < 0)
			fail("negative skip count");
	if (stats.rows_ignored < 0 || (stats.rows_ignored > 0 && !ignore))
		fail("rows ignored without an IGNORE map");
	if (stats.rows_used + stats.rows_ignored + dr_load_skipped(&stats) != stats.rows_read)
		fail("rows read differ from used + ignored + skipped");
	for (size_t c = 0; c < DR_LOAD_MAX_COLS; c++)
		if (stats.filled[c] < 0 || stats.filled[c] > stats.rows_used
		    || (stats.filled[c] > 0 && !stats.present[c]))
			fail("filled count out of range or for an absent column");
	/* A header alone is DR_OK (issue 16); the latest month is there
	 * exactly when a row was used. */
	if ((stats.rows_used > 0) != (stats.latest >= 0))
		fail("latest month set without a used row, or missing after one");
	return 0;
}
