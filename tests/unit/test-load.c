/*
 * test-load.c -- the CSV loader and its field parsers, through load.h only.
 *
 * Writes small extracts into a fresh temporary folder (mkdtemp under
 * $TMPDIR or /tmp), loads them with dr_load_extract() and checks the
 * records' values, the skip counts by reason, the exit codes for broken
 * files, and (with stderr sent to a file) that every message names
 * FILE:LINE: column NAME: and never a planted cell value. Prints TAP.
 * Owns: the temporary folder, removed at the end.
 */
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "dyadreport/diag.h"
#include "dyadreport/load.h"
#include "tap.h"
#include "testutil.h"

#define SECRET "SECRET-PATIENT-42"
#define MAXREC 64

static char tmpdir[512];

/* What the row callback saw: copies, since records die with the callback. */
struct seen {
	int n;
	struct dr_visit v[MAXREC];
	struct dr_denial d[MAXREC];
	struct dr_handoff h[MAXREC];
	struct dr_response r[MAXREC];
	struct dr_comment_row c[MAXREC];
	char *strs[MAXREC * 8];
	int nstrs;
};

/* Copies a string into the seen set (NULL stays NULL). */
static const char *keep(struct seen *s, const char *str)
{
	if (!str)
		return NULL;
	return s->strs[s->nstrs++] = strdup(str);
}

/* Row callback: copy the record and its strings. */
static void collect(enum dr_extract e, const void *rec, void *ctx)
{
	struct seen *s = ctx;
	if (s->n >= MAXREC)
		return;
	switch (e) {
	case DR_VISITS: {
		struct dr_visit v = *(const struct dr_visit *)rec;
		v.visit_id = keep(s, v.visit_id);
		v.patient_id = keep(s, v.patient_id);
		v.provider_id = keep(s, v.provider_id);
		v.provider_name = keep(s, v.provider_name);
		v.department = keep(s, v.department);
		s->v[s->n] = v;
		break;
	}
	case DR_DENIALS: {
		struct dr_denial d = *(const struct dr_denial *)rec;
		d.request_id = keep(s, d.request_id);
		d.department = keep(s, d.department);
		d.payer = keep(s, d.payer);
		d.service = keep(s, d.service);
		s->d[s->n] = d;
		break;
	}
	case DR_HANDOFFS: {
		struct dr_handoff h = *(const struct dr_handoff *)rec;
		h.handoff_id = keep(s, h.handoff_id);
		h.department = keep(s, h.department);
		s->h[s->n] = h;
		break;
	}
	case DR_BURNOUT: {
		struct dr_response r = *(const struct dr_response *)rec;
		r.response_id = keep(s, r.response_id);
		r.department = keep(s, r.department);
		s->r[s->n] = r;
		break;
	}
	case DR_COMMENTARY: {
		struct dr_comment_row c = *(const struct dr_comment_row *)rec;
		c.dyad = keep(s, c.dyad);
		c.metric = keep(s, c.metric);
		c.comment = keep(s, c.comment);
		c.action = keep(s, c.action);
		c.owner = keep(s, c.owner);
		s->c[s->n] = c;
		break;
	}
	default:
		break;
	}
	s->n++;
}

/* Frees the copies. */
static void forget(struct seen *s)
{
	for (int i = 0; i < s->nstrs; i++)
		free(s->strs[i]);
	memset(s, 0, sizeof *s);
}

/* Writes len bytes of data to tmpdir/name and returns the path (static). */
static const char *write_n(const char *name, const char *data, size_t len)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(99);
	}
	return path;
}

/* Writes a NUL-terminated text. */
static const char *write_file(const char *name, const char *data)
{
	return write_n(name, data, strlen(data));
}

/* stderr of the last load, captured. */
static const char *errbuf = "";

/* Loads path as extract e into *s with stderr captured in errbuf. */
static int load_full(enum dr_extract e, const char *path, struct dr_load_options *o,
                     struct dr_load_stats *st, struct seen *s)
{
	o->path = path;
	tu_stderr_begin();
	int rc = dr_load_extract(e, o, st, collect, s);
	errbuf = tu_stderr_end();
	return rc;
}

/* Loads with default options and display name "x.csv". */
static int load(enum dr_extract e, const char *path, struct dr_load_stats *st, struct seen *s)
{
	struct dr_load_options o = { .display = "x.csv" };
	return load_full(e, path, &o, st, s);
}

/* Days since the epoch, for expected values. */
static dr_date ymd(int y, int m, int d) { return dr_date_from_ymd(y, m, d); }

/* true if the captured stderr contains needle. */
static bool has(const char *needle) { return strstr(errbuf, needle) != NULL; }

#define VH "visit_id,visit_date,patient_id,provider_id,provider_name,department,visit_type,status,booked_date,duration_min,wrvu\n"

/* Excel on a shared drive: BOM + CRLF; every field of a record. */
static void test_bom_crlf(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("bom.csv",
		"\xEF\xBB\xBF\"visit_id\",visit_date,patient_id,provider_id,provider_name,department,visit_type,status,booked_date,duration_min,wrvu\r\n"
		"V1,2024-03-05,P1,D1,Ana Ruiz,ONC,NEW,COMPLETED,2024-02-20,30,2.5\r\n"
		"V2,2024-03-06,P2,D1,,ONC,established,no_show,,,\r\n");
	int rc = load(DR_VISITS, p, &st, &s);
	tap_int(rc, DR_OK, "BOM + CRLF: loads");
	tap_int(st.rows_read, 2, "BOM + CRLF: 2 rows (no phantom row from the LF)");
	tap_int(st.rows_used, 2, "BOM + CRLF: 2 used");
	tap_str(s.v[0].visit_id, "V1", "BOM + CRLF: quoted first header found");
	tap_int(s.v[0].visit_date, ymd(2024, 3, 5), "visit_date as dr_date");
	tap_int(s.v[0].booked_date, ymd(2024, 2, 20), "booked_date as dr_date");
	tap_str(s.v[0].patient_id, "P1", "patient_id");
	tap_str(s.v[0].provider_name, "Ana Ruiz", "provider_name");
	tap_str(s.v[0].department, "ONC", "department");
	tap_int(s.v[0].visit_type, DR_VISIT_NEW, "visit_type NEW");
	tap_int(s.v[0].status, DR_VISIT_COMPLETED, "status COMPLETED");
	tap_num(s.v[0].duration_min, 30, 0, "duration_min");
	tap_num(s.v[0].wrvu, 2.5, 0, "wrvu");
	tap_int(s.v[1].visit_type, DR_VISIT_ESTABLISHED, "codes match any case");
	tap_int(s.v[1].status, DR_VISIT_NO_SHOW, "status NO_SHOW");
	tap_ok(s.v[1].provider_name == NULL, "empty provider_name is NULL");
	tap_int(s.v[1].booked_date, DR_NO_DATE, "empty booked_date is DR_NO_DATE");
	tap_ok(isnan(s.v[1].duration_min) && isnan(s.v[1].wrvu), "empty numbers are NAN");
	tap_str(errbuf, "", "BOM + CRLF: no messages");
	forget(&s);
}

/* Quoted comma, newline and quotes; the line of the next row. */
static void test_quoted(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("quoted.csv", VH
		"V1,2024-03-05,P1,D1,\"Ruiz, Ana\",ONC,NEW,COMPLETED,,,\n"
		"V2,2024-03-05,P2,D1,\"José\nMüller \"\"Joe\"\"\",ONC,NEW,COMPLETED,,,\n"
		"V3,2024-13-05," SECRET ",D1,x,ONC,NEW,COMPLETED,,,\n");
	int rc = load(DR_VISITS, p, &st, &s);
	tap_int(rc, DR_OK, "quoted: loads");
	tap_str(s.v[0].provider_name, "Ruiz, Ana", "quoted comma kept");
	tap_str(s.v[1].provider_name, "José\nMüller \"Joe\"", "quoted newline and doubled quotes kept");
	tap_int(st.skipped[DR_SKIP_BAD_DATE], 1, "bad date after a 2-line row counted");
	tap_ok(has("dyadreport: x.csv:5: column visit_date: bad date\n"),
	       "row after a quoted newline reported at line 5");
	tap_ok(!has(SECRET), "message never holds the planted cell value");
	forget(&s);
}

/* Header names: any case, spaces, unknown columns, any order. */
static void test_header_forms(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("hdr.csv",
		" Visit_ID ,VISIT_DATE,Extra Column,patient_id,  Provider_Id,department,visit_type,STATUS\n"
		"V1,2024-01-31,whatever,P1,D1,ONC,NEW,CANCELLED\n");
	int rc = load(DR_VISITS, p, &st, &s);
	tap_int(rc, DR_OK, "header: case and spaces ignored, optional columns absent");
	tap_int(st.rows_used, 1, "header: row used");
	tap_str(s.v[0].provider_id, "D1", "header: mapped by name, not position");
	tap_int(s.v[0].status, DR_VISIT_CANCELLED, "header: STATUS mapped");
	tap_ok(isnan(s.v[0].wrvu) && s.v[0].provider_name == NULL, "header: absent optional columns empty");
	forget(&s);
}

/* One bad row per reason; the good ones still come through. */
static void test_bad_rows(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("bad.csv", VH
		"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"          /* 2 ok */
		"V2,2024-02-30,P1,D1,,ONC,NEW,COMPLETED,,,1\n"          /* 3 bad date */
		"V3,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,\n"            /* 4 field count */
		"V4,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,-1\n"         /* 5 negative */
		"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"          /* 6 duplicate */
		"V6,1989-12-31,P1,D1,,ONC,NEW,COMPLETED,,,1\n"          /* 7 range */
		"V7,2024-03-05,P1,D1,,ONC,NEW,ARRIVED,,,1\n"            /* 8 code */
		"V8,2024-03-05,P1,D1,\"Ana \xC3\",ONC,NEW,COMPLETED,,,1\n" /* 9 utf8 */
		"V9,2024-03-05,,D1,,ONC,NEW,COMPLETED,,,1\n"            /* 10 missing */
		"V10,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,abc,1\n"      /* 11 number */
		"V11,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1,extra\n"   /* 12 count */
		"V12,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,45,0.75\n");  /* 13 ok */
	int rc = load(DR_VISITS, p, &st, &s);
	tap_int(rc, DR_OK, "bad rows: file still loads");
	tap_int(st.rows_read, 12, "bad rows: read");
	tap_int(st.rows_used, 2, "bad rows: rest used");
	tap_str(s.v[1].visit_id, "V12", "bad rows: last good row delivered");
	tap_num(s.v[1].wrvu, 0.75, 0, "bad rows: last good row's wrvu");
	tap_int(st.skipped[DR_SKIP_BAD_DATE], 1, "2024-02-30 is a bad date");
	tap_int(st.skipped[DR_SKIP_FIELD_COUNT], 2, "short and long rows");
	tap_int(st.skipped[DR_SKIP_NEGATIVE], 1, "negative wrvu");
	tap_int(st.skipped[DR_SKIP_DUPLICATE_ID], 1, "duplicate visit_id");
	tap_int(st.skipped[DR_SKIP_DATE_RANGE], 1, "1989 out of range");
	tap_int(st.skipped[DR_SKIP_UNKNOWN_CODE], 1, "unknown status");
	tap_int(st.skipped[DR_SKIP_BAD_UTF8], 1, "invalid UTF-8 provider_name");
	tap_int(st.skipped[DR_SKIP_MISSING], 1, "missing patient_id");
	tap_int(st.skipped[DR_SKIP_BAD_NUMBER], 1, "duration not a number");
	tap_ok(has("x.csv:4: column #11: wrong number of fields (10, header has 11)"), "short row message");
	tap_ok(has("x.csv:12: column #12: wrong number of fields (12, header has 11)"), "long row message");
	tap_ok(has("x.csv:5: column wrvu: negative number"), "negative message");
	tap_ok(has("x.csv:6: column visit_id: duplicate id"), "duplicate message");
	tap_ok(has("x.csv:9: column provider_name: invalid UTF-8"), "utf8 message");
	tap_ok(has("x.csv:10: column patient_id: required value missing"), "missing message");
	forget(&s);
}

/* Denial rules: decision order, reasons only for DENIED rows. */
static void test_denials(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("den.csv",
		"request_id,department,payer,service,submitted_date,decision_date,status,denial_reason,appeal_status,amount\n"
		"R1,ONC,Acme,MRI Brain,2024-03-01,2024-03-05,DENIED,,,100\n"
		"R2,ONC," SECRET ",MRI Brain,2024-03-01,2024-02-28,DENIED,CODING_ERROR,,5\n"
		"R3,ONC,Acme,99213,2024-03-01,2024-03-01,APPROVED,MEDICAL_NECESSITY,OVERTURNED,1e3\n"
		"R4,ONC,Acme,99213,2024-03-01,,PENDING,,,\n"
		"R5,ONC,Acme,99213,2024-03-01,2024-03-02,denied,timely_filing,upheld,12.5\n");
	int rc = load(DR_DENIALS, p, &st, &s);
	tap_int(rc, DR_OK, "denials: loads");
	tap_int(st.rows_used, 4, "denials: 4 used");
	tap_int(st.skipped[DR_SKIP_DECISION_ORDER], 1, "decision before submission skipped");
	tap_ok(has("x.csv:3: column decision_date: decision before submission"), "decision order message");
	tap_ok(!has(SECRET), "denials: no cell value in messages");
	tap_int(s.d[0].status, DR_DENIAL_DENIED, "R1 DENIED");
	tap_int(s.d[0].reason, DR_REASON_UNSPECIFIED, "DENIED with empty reason: UNSPECIFIED, used");
	tap_int(s.d[0].appeal, DR_APPEAL_NONE, "empty appeal is NONE");
	tap_int(s.d[0].decision_date, ymd(2024, 3, 5), "decision_date");
	tap_int(s.d[1].reason, DR_REASON_UNSPECIFIED, "APPROVED row's reason is UNSPECIFIED regardless");
	tap_int(s.d[1].appeal, DR_APPEAL_OVERTURNED, "appeal OVERTURNED");
	tap_num(s.d[1].amount, 1000, 0, "amount 1e3");
	tap_int(s.d[2].decision_date, DR_NO_DATE, "pending: no decision date");
	tap_ok(isnan(s.d[2].amount), "pending: no amount");
	tap_int(s.d[3].reason, DR_REASON_TIMELY_FILING, "DENIED reason kept");
	tap_int(s.d[3].appeal, DR_APPEAL_UPHELD, "appeal UPHELD");
	tap_str(s.d[3].service, "99213", "service");
	tap_str(s.d[3].payer, "Acme", "payer");
	forget(&s);
}

/* Date-times, Y/N, window_hours > 0, optional tool. */
static void test_handoffs(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("hand.csv",
		"handoff_id,handoff_date,department,handoff_type,completed,hours_to_complete,window_hours,structured_tool\n"
		"H1,2024-03-05 13:45,ICU,SHIFT_CHANGE,Y,0.5,1,SBAR\n"
		"H2,2024-03-06T08:00:59,ICU,discharge,no,,,\n"
		"H3,2024-03-07,ICU,REFERRAL,true,700,0,IPASS\n"
		"H4,2024-03-07 25:00,ICU,REFERRAL,1,,,\n"
		"H5,2024-03-07,ICU,OTHER,maybe,,,\n"
		"H6,2024-03-07 00:00:00.000,ICU,RESULT_FOLLOWUP,0,,-2,NONE\n");
	int rc = load(DR_HANDOFFS, p, &st, &s);
	tap_int(rc, DR_OK, "handoffs: loads");
	tap_int(st.rows_used, 2, "handoffs: 2 used");
	tap_int(s.h[0].handoff_date, ymd(2024, 3, 5), "handoff_date with ' HH:MM' keeps the day");
	tap_ok(s.h[0].completed, "Y is true");
	tap_num(s.h[0].hours_to_complete, 0.5, 0, "hours_to_complete");
	tap_num(s.h[0].window_hours, 1, 0, "window_hours");
	tap_int(s.h[0].tool, DR_TOOL_SBAR, "tool SBAR");
	tap_int(s.h[0].type, DR_HANDOFF_SHIFT_CHANGE, "type SHIFT_CHANGE");
	tap_int(s.h[1].handoff_date, ymd(2024, 3, 6), "handoff_date with THH:MM:SS");
	tap_ok(!s.h[1].completed, "no is false");
	tap_int(s.h[1].tool, DR_TOOL_UNKNOWN, "empty tool is UNKNOWN");
	tap_ok(isnan(s.h[1].window_hours), "empty window is NAN");
	tap_int(st.skipped[DR_SKIP_OUT_OF_RANGE], 2, "window_hours 0 and -2 out of range");
	tap_int(st.skipped[DR_SKIP_BAD_DATE], 1, "hour 25 is a bad date");
	tap_int(st.skipped[DR_SKIP_UNKNOWN_CODE], 1, "completed 'maybe' unknown");
	forget(&s);
}

/* Scores 1..5, burnout required, others 0 when empty. */
static void test_burnout(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("burn.csv",
		"response_id,survey_date,department,role,burnout,satisfaction,stress,trust_leadership,teamwork\n"
		"S1,2024-03-05,ONC,NURSE,3,4,,5,1\n"
		"S2,2024-03-05,ONC,NURSE,6,4,,5,1\n"
		"S3,2024-03-05,ONC,APP,,4,,5,1\n"
		"S4,2024-03-05,ONC,APP,2,0,,5,1\n"
		"S5,2024-03-05,ONC,APP,2.5,1,,5,1\n");
	int rc = load(DR_BURNOUT, p, &st, &s);
	tap_int(rc, DR_OK, "burnout: loads");
	tap_int(st.rows_used, 1, "burnout: 1 used");
	tap_int(s.r[0].role, DR_ROLE_NURSE, "role");
	tap_int(s.r[0].burnout, 3, "burnout score");
	tap_int(s.r[0].satisfaction, 4, "satisfaction");
	tap_int(s.r[0].stress, 0, "empty stress is 0");
	tap_int(s.r[0].trust_leadership, 5, "trust");
	tap_int(s.r[0].teamwork, 1, "teamwork");
	tap_int(st.skipped[DR_SKIP_OUT_OF_RANGE], 3, "scores 6, 0 and 2.5 out of range");
	tap_int(st.skipped[DR_SKIP_MISSING], 1, "burnout required");
	tap_ok(has("x.csv:3: column burnout: out of range"), "score 6 message");
	forget(&s);
}

/* The latest month of a used row's own date, over every row whatever its
 * order: not a skipped row's, not an optional date's (booked_date, the
 * decision date). */
static void test_latest(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("latest.csv", VH
		"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,2024-12-20,,\n"
		"V2,2024-07-31,P2,D1,,ONC,NEW,COMPLETED,,,\n"
		"V3,2024-05-01,P3,D1,,ONC,NEW,COMPLETED,,,\n"
		"V4,2024-11-02,P4,D1,,ONC,NEW,WHATEVER,,,\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "latest: loads");
	tap_int(st.rows_used, 3, "latest: 3 used, 1 skipped");
	tap_int(st.latest, dr_month_make(2024, 7), "latest: 2024-07 (not the skipped row's 2024-11)");
	tap_int(st.earliest, dr_month_make(2024, 3), "earliest: 2024-03, whatever the row order");
	forget(&s);
	p = write_file("latest-den.csv",
		"request_id,department,payer,service,submitted_date,decision_date,status\n"
		"R1,ONC,A,X,2024-02-27,2024-04-02,APPROVED\n"
		"R2,ONC,A,X,2024-01-03,,PENDING\n");
	tap_int(load(DR_DENIALS, p, &st, &s), DR_OK, "latest denials: loads");
	tap_int(st.latest, dr_month_make(2024, 2), "latest denials: by submitted date, not decision");
	tap_int(st.earliest, dr_month_make(2024, 1), "earliest denials: by submitted date");
	forget(&s);
}

/* Files that cannot be read at all: DR_EINPUT with a reason. */
static void test_structural(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p;

	p = write_file("nocol.csv", "visit_id,visit_date,patient_id,department,visit_type,status\nV1,2024-01-01,P,ONC,NEW,COMPLETED\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "missing required column: DR_EINPUT");
	tap_ok(has("dyadreport: x.csv:1: required column provider_id missing"), "missing column named");

	p = write_file("dup.csv", "visit_id,visit_date,patient_id,provider_id,department,visit_type,status, STATUS \n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "duplicate header: DR_EINPUT");
	tap_ok(has("column status appears twice"), "duplicate header named");

	p = write_file("empty.csv", "");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "empty file: DR_EINPUT");
	tap_ok(has("x.csv: empty file"), "empty file message");
	p = write_file("bomonly.csv", "\xEF\xBB\xBF\r\n\r\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "BOM and blank lines only: DR_EINPUT");

	/* A header alone is an extract that holds no month yet: a warning and
	 * DR_OK, for the run's freshness check to name (issue 16). */
	p = write_file("hdronly.csv", VH "\n\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "header only: DR_OK");
	tap_ok(has("dyadreport: warning: x.csv: no data rows after the header: the extract holds no month"),
	       "header only: a warning");
	tap_int(st.rows_read, 0, "header only: no rows");
	tap_int(st.latest, -1, "header only: no latest month");
	tap_int(st.earliest, -1, "header only: no earliest month");

	p = write_file("unterm.csv", VH
		"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
		"V2,2024-03-05,P1,D1,\"Ana\n"
		"Ruiz,ONC,NEW,COMPLETED,,,1\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "unterminated quote: DR_EINPUT");
	tap_ok(has("x.csv:3: quoted field never closed"), "unterminated quote at the opening line");

	forget(&s);
	p = write_file("semi.csv", "visit_id;visit_date;patient_id\nV1;2024-03-05;P1\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "another delimiter: DR_EINPUT");
	tap_ok(has("x.csv:1: the header is a single column with ';' characters in it: "
	           "set delimiter = semicolon in [visits]"), "another delimiter: the fix is named");
	forget(&s);
	p = write_n("nulhdr.csv", "v\0i\0s\0,x\n1,2\n", 13);
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "NUL bytes in the header: DR_EINPUT");
	tap_ok(has("x.csv:1: the header holds NUL bytes: is the file UTF-16"), "NUL header: UTF-16 named");
	forget(&s);
	p = write_file("commas.csv", VH ",,,,,,,,,,\n"
		"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n , ,\t,,,,,,,,\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "rows of commas only: loads");
	tap_ok(st.rows_read == 1 && st.rows_used == 1 && dr_load_skipped(&st) == 0,
	       "rows of commas only are blank lines, not rows");
	forget(&s);
	p = write_file("hdrjunk.csv", "visit_id,\"visit\"_date,patient_id\nV1,2024-03-05,P1\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "broken quote in the header: DR_EINPUT");
	tap_ok(has("x.csv:1: text after a closing quote in the header"), "header broken quote message");
	forget(&s);

	tap_int(load(DR_VISITS, tmpdir, &st, &s), DR_EINPUT, "a directory: DR_EINPUT");
	tap_ok(has("x.csv: is a directory, not a regular file"), "a directory: named as one");
	char missing[1024];
	snprintf(missing, sizeof missing, "%s/nope.csv", tmpdir);
	tap_int(load(DR_VISITS, missing, &st, &s), DR_EINPUT, "missing file: DR_EINPUT");
	tap_ok(has("x.csv: cannot open: No such file or directory"), "missing file: strerror");

	p = write_n("utf16.csv", "\xFF\xFEv\0i\0", 6);
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "UTF-16 file: DR_EINPUT");
	forget(&s);
}

/* Delimiters, date formats, blank lines, line ends, no final newline. */
static void test_formats(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	struct dr_load_options o = { .display = "semi.csv", .delimiter = ';', .date_format = "%d.%m.%Y" };
	const char *p = write_file("semi.csv",
		"visit_id;visit_date;patient_id;provider_id;department;visit_type;status;wrvu\n"
		"\n"
		"V1;05.03.2024;P1;D1;ONC;NEW;COMPLETED;1.5\n"
		"   \n"
		"V2;29.02.2024;P1;D1;ONC;NEW;COMPLETED;2,5\n"
		"V3;5.3.2024 14:00;P1;D1;ONC;NEW;COMPLETED;3");
	tap_int(load_full(DR_VISITS, p, &o, &st, &s), DR_OK, "semicolon + %d.%m.%Y: loads");
	tap_int(st.rows_read, 3, "blank lines are not rows");
	tap_int(st.rows_used, 2, "semicolon: 2 used");
	tap_int(s.v[0].visit_date, ymd(2024, 3, 5), "%d.%m.%Y date");
	tap_int(s.v[1].visit_date, ymd(2024, 3, 5), "last row without trailing newline, time part");
	tap_num(s.v[1].wrvu, 3, 0, "last row's last field");
	tap_int(st.skipped[DR_SKIP_BAD_NUMBER], 1, "'2,5' is not a number");
	tap_ok(has("semi.csv:5: column wrvu: not a number"), "line count skips blank lines correctly");
	forget(&s);

	struct dr_load_options t = { .display = "tab.csv", .delimiter = '\t', .date_format = "%m/%d/%Y" };
	p = write_file("tab.csv",
		"visit_id\tvisit_date\tpatient_id\tprovider_id\tdepartment\tvisit_type\tstatus\r\n"
		"V1\t1/5/2024 1:45 PM\tP1\tD1\tONC\tNEW\tCOMPLETED\r\n"
		"\r\n"
		"V2\t12/31/2024\tP1\tD1\t\tNEW\tCOMPLETED\r\n");
	tap_int(load_full(DR_VISITS, p, &t, &st, &s), DR_OK, "tab + %m/%d/%Y: loads");
	tap_int(s.v[0].visit_date, ymd(2024, 1, 5), "%m/%d/%Y with AM/PM time");
	tap_ok(has("tab.csv:4: column department: required value missing"), "CRLF blank line counted once");
	forget(&s);

	p = write_file("cr.csv", VH "V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\r"
	               "V2,2024-03-05,P1,D1,\"a\rb\",ONC,NEW,COMPLETED,,,1\r"
	               "V3,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,x\r");
	/* the header ends in LF, the rest in bare CR (old Mac exports) */
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "bare CR line ends: loads");
	tap_int(st.rows_read, 3, "bare CR: 3 rows");
	tap_ok(has("x.csv:5: column wrvu: not a number"), "bare CR: lines counted");
	forget(&s);

	struct dr_load_options bad = { .display = "x.csv", .date_format = "%Y-%q-%d" };
	tap_int(load_full(DR_VISITS, p, &bad, &st, &s), DR_EUSAGE, "unsupported date format: DR_EUSAGE");
}

/* Quotes strict mode refuses: a stray one is kept, a broken one loses
 * its row (and only its row), counted under "misplaced quote". */
static void test_quote_recovery(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("stray.csv", VH
		"V1,2024-03-05,P1,D1,John \"JJ\" Smith,ONC,NEW,COMPLETED,,,1\n"
		"V2,2024-03-05,P1,D1,a\"\"b\",ONC,NEW,COMPLETED,,,1\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "stray quote in an unquoted field: loads");
	tap_int(st.rows_used, 2, "stray quote: both rows used");
	tap_str(s.v[0].provider_name, "John \"JJ\" Smith", "stray quotes kept literally");
	tap_str(s.v[1].provider_name, "a\"\"b\"", "several stray quotes kept literally");
	tap_str(errbuf, "", "stray quote: no message");
	forget(&s);

	p = write_file("junk.csv", VH
		"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
		"V2,2024-03-05,P1,D1,\"multi\nline\",ONC,NEW,COMPLETED,,,1\n"
		"V3,2024-03-05,P1,D1,\"Ana\"x,ONC,\"NEW\",COMPLETED,,,1\n"
		"V4,2024-03-05,P1,D1,\"" SECRET "\"\"x\"y,ONC,NEW,COMPLETED,,,1\r\n"
		"V5,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "text after a closing quote: the run goes on");
	tap_int(st.rows_read, 5, "broken rows are read");
	tap_int(st.rows_used, 3, "rows around the broken ones are used");
	tap_int(st.skipped[DR_SKIP_BAD_QUOTE], 2, "two rows skipped as misplaced quote");
	tap_ok(has("x.csv:5: column provider_name: misplaced quote"), "broken quote: line and column");
	tap_ok(has("x.csv:6: column provider_name: misplaced quote"), "broken quote after a doubled one");
	tap_ok(!has(SECRET), "broken quote: the cell is never printed");
	tap_str(s.v[2].visit_id, "V5", "the row after a CRLF-ended broken row is read");
	forget(&s);

	/* An opening quote left open swallows the next line; when a later quote
	 * closes it mid-line, both physical lines are lost and counted. */
	p = write_file("swallow.csv", VH
		"V1,2024-03-05,P1,D1,\"Ana,ONC,NEW,COMPLETED,,,1\n"
		"V2,2024-03-05,P1,D1,\"Bo\",ONC,NEW,COMPLETED,,,1\n"
		"V3,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "swallowed line: the run goes on");
	tap_int(st.skipped[DR_SKIP_BAD_QUOTE], 2, "swallowed line: both lines counted");
	tap_int(st.rows_read, 3, "swallowed line: lines read");
	tap_int(st.rows_used, 1, "swallowed line: the next row is used");
	tap_ok(has("x.csv:2: column provider_name: misplaced quote"), "swallowed line: starting line");
	tap_str(s.v[0].visit_id, "V3", "swallowed line: V3 read");
	forget(&s);

	/* Broken rows at a block boundary and at the end of the file. */
	size_t n = 200000;
	char *big = malloc(n + 1024), *w = big;
	w += sprintf(w, VH);
	int rows = 0;
	while ((size_t)(w - big) < n) {
		w += sprintf(w, "V%d,2024-03-05,P1,D1,%s,ONC,NEW,COMPLETED,,,1\n", rows,
		             rows % 97 == 5 ? "\"x\"y" : "ok");
		rows++;
	}
	w += sprintf(w, "VZ,2024-03-05,P1,D1,\"x\"y");
	p = write_n("many.csv", big, (size_t)(w - big));
	free(big);
	int broken = 1;
	for (int i = 0; i < rows; i++)
		broken += i % 97 == 5;
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "many broken rows: loads");
	tap_int(st.rows_read, rows + 1, "many broken rows: every row read");
	tap_int(st.skipped[DR_SKIP_BAD_QUOTE], broken, "many broken rows: each counted once");
	tap_int(st.rows_used, rows + 1 - broken, "many broken rows: the others used");
	forget(&s);
}

/* IGNORE maps, and the filled-column counts of the data-quality report. */
static void test_ignore_and_filled(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	struct dr_load_code_map map[] = { { "denial_reason", "CO-45", "IGNORE" },
	                                  { "denial_reason", "16", "MISSING_DOCUMENTATION" },
	                                  { "status", "Void", "ignore" } };
	struct dr_load_options o = { .display = "x.csv", .code_maps = map, .ncode_maps = 3 };
	const char *p = write_file("ign.csv",
		"request_id,department,payer,service,submitted_date,decision_date,status,denial_reason,amount\n"
		"R1,ONC,Aetna,MRI,2024-03-01,2024-03-02,DENIED,co-45,10\n"
		"R2,ONC,Aetna,MRI,2024-03-01,2024-03-02,DENIED,16,\n"
		"R3,ONC,Aetna,MRI,2024-03-01,,void,,\n"
		"R1,ONC,Aetna,MRI,2024-03-01,,APPROVED,,5\n"
		"R5,ONC,Aetna,MRI,2024-03-01,,APPROVED,,x\n");
	tap_int(load_full(DR_DENIALS, p, &o, &st, &s), DR_OK, "IGNORE maps: loads");
	tap_int(st.rows_read, 5, "IGNORE: rows read");
	tap_int(st.rows_ignored, 2, "IGNORE: reason and status codes ignore their rows");
	tap_int(st.rows_used, 2, "IGNORE: the others used");
	tap_int(dr_load_skipped(&st), 1, "IGNORE: ignored rows are not skipped rows");
	tap_str(s.d[1].request_id, "R1", "an ignored row's id does not count as seen");
	tap_int(s.d[0].reason, DR_REASON_MISSING_DOCUMENTATION, "map.denial_reason.16");
	int dd = dr_load_column_index(DR_DENIALS, "decision_date");
	int am = dr_load_column_index(DR_DENIALS, "amount");
	int ap = dr_load_column_index(DR_DENIALS, "appeal_status");
	tap_ok(st.present[dd] && st.present[am] && !st.present[ap], "present columns");
	tap_int(st.filled[dd], 1, "decision_date filled in 1 used row");
	tap_int(st.filled[am], 1, "amount filled in 1 used row");
	tap_int(st.filled[ap], 0, "absent column never filled");
	forget(&s);

	tap_ok(dr_load_code_map_check(DR_DENIALS, "denial_reason", "IGNORE") == NULL, "IGNORE is a valid map");
	tap_ok(dr_load_code_map_check(DR_HANDOFFS, "completed", "y") == NULL, "Y/N column maps to Y");
	tap_ok(dr_load_code_map_check(DR_HANDOFFS, "completed", "MAYBE") != NULL, "Y/N column refuses MAYBE");
	tap_ok(dr_load_code_map_check(DR_VISITS, "patient_id", "X") != NULL, "text column cannot be mapped");
	tap_ok(dr_load_code_map_check(DR_VISITS, "nope", "X") != NULL, "unknown column cannot be mapped");
	tap_ok(dr_load_code_map_check(DR_VISITS, "status", "no_show") == NULL, "codes in any case");
	tap_int(dr_load_code_of(DR_HANDOFFS, "handoff_type", "discharge"), DR_HANDOFF_DISCHARGE, "code of");
	tap_int(dr_load_column_index(DR_BURNOUT, "TEAMWORK"), 8, "column index in any case");
	tap_ok(dr_load_column_required(DR_VISITS, 0) && !dr_load_column_required(DR_VISITS, 4),
	       "required columns");
}

/* A site's header renames and code maps. */
static void test_overrides(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	struct dr_load_rename ren[] = { { "visit_date", "Appt Date" } };
	struct dr_load_code_map map[] = { { "status", "Arrived", "COMPLETED" }, { "visit_type", "N", "NEW" } };
	struct dr_load_options o = { .display = "x.csv", .renames = ren, .nrenames = 1,
	                             .code_maps = map, .ncode_maps = 2 };
	const char *p = write_file("site.csv",
		"visit_id,appt date,patient_id,provider_id,department,visit_type,status\n"
		"V1,2024-03-05,P1,D1,ONC,n,ARRIVED\n"
		"V2,2024-03-05,P1,D1,ONC,ESTABLISHED,completed\n");
	tap_int(load_full(DR_VISITS, p, &o, &st, &s), DR_OK, "rename + code map: loads");
	tap_int(st.rows_used, 2, "rename + code map: used");
	tap_int(s.v[0].status, DR_VISIT_COMPLETED, "map.status.Arrived = COMPLETED");
	tap_int(s.v[0].visit_type, DR_VISIT_NEW, "map.visit_type.N = NEW");
	tap_int(s.v[1].status, DR_VISIT_COMPLETED, "canonical code still accepted");
	forget(&s);

	struct dr_load_code_map badmap[] = { { "status", "Arrived", "HERE" } };
	struct dr_load_options b = { .display = "x.csv", .code_maps = badmap, .ncode_maps = 1 };
	tap_int(load_full(DR_VISITS, p, &b, &st, &s), DR_EUSAGE, "map to an unknown code: DR_EUSAGE");
	p = write_file("site2.csv", "visit_id,visit_date,patient_id,provider_id,department,visit_type,status\n");
	tap_int(load_full(DR_VISITS, p, &o, &st, &s), DR_EINPUT, "renamed column absent: DR_EINPUT");
	tap_ok(has("required column visit_date (header \"Appt Date\") missing"), "renamed column message");
	forget(&s);
}

/* A required column missing: each is named with the col. line that would
 * read a close header name (same name up to case and separators, or a
 * common export name), then the header it has, capped and escaped. */
static void test_header_hint(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	const char *p = write_file("hint.csv",
		"Visit ID,Appt Date,MRN,Provider,Dept,Type,Status\n"
		"V1,2024-03-05,P1,D1,ONC,NEW,COMPLETED\n");
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "hint: DR_EINPUT");
	tap_str(errbuf,
		"dyadreport: x.csv:1: required column visit_id missing; did you mean: col.visit_id = Visit ID  (in [visits])\n"
		"dyadreport: x.csv:1: required column visit_date missing; did you mean: col.visit_date = Appt Date  (in [visits])\n"
		"dyadreport: x.csv:1: required column patient_id missing; did you mean: col.patient_id = MRN  (in [visits])\n"
		"dyadreport: x.csv:1: required column provider_id missing\n"
		"dyadreport: x.csv:1: required column department missing; did you mean: col.department = Dept  (in [visits])\n"
		"dyadreport: x.csv:1: required column visit_type missing; did you mean: col.visit_type = Type  (in [visits])\n"
		"dyadreport: x.csv:1: the header has 7 names: \"Visit ID\", \"Appt Date\", \"MRN\", \"Provider\", "
		"\"Dept\", \"Type\", \"Status\"; give a missing column its header with col.COLUMN = Their Header in [visits]\n",
		"hint: every missing column, its col. line when a name is close, the header once");

	/* A rename that the header spells otherwise; a name another column
	 * reads is never offered; a name with ';' cannot be pasted. */
	struct dr_load_rename ren[] = { { "visit_date", "Appt Date" }, { "patient_id", "MRN" } };
	struct dr_load_options o = { .display = "x.csv", .renames = ren, .nrenames = 2 };
	p = write_file("hint2.csv", "visit_id,APPT-DATE,mrn;2,provider_id,department,visit_type,status\n");
	tap_int(load_full(DR_VISITS, p, &o, &st, &s), DR_EINPUT, "hint rename: DR_EINPUT");
	tap_str(errbuf,
		"dyadreport: x.csv:1: required column visit_date (header \"Appt Date\") missing; did you mean: col.visit_date = APPT-DATE  (in [visits])\n"
		"dyadreport: x.csv:1: required column patient_id (header \"MRN\") missing\n"
		"dyadreport: x.csv:1: the header has 7 names: \"visit_id\", \"APPT-DATE\", \"mrn;2\", \"provider_id\", "
		"\"department\", \"visit_type\", \"status\"; give a missing column its header with col.COLUMN = Their Header in [visits]\n",
		"hint rename: close to the rename, unpastable name not offered");

	/* The other extracts' export names. */
	p = write_file("hint3.csv", "Auth ID,Department,Payer Name,Procedure,Submission Date,Decision\n");
	tap_int(load(DR_DENIALS, p, &st, &s), DR_EINPUT, "hint denials: DR_EINPUT");
	tap_ok(has("required column request_id missing; did you mean: col.request_id = Auth ID  (in [denials])\n") &&
	       has("required column payer missing; did you mean: col.payer = Payer Name  (in [denials])\n") &&
	       has("required column service missing; did you mean: col.service = Procedure  (in [denials])\n") &&
	       has("required column submitted_date missing; did you mean: col.submitted_date = Submission Date  (in [denials])\n") &&
	       has("required column status missing; did you mean: col.status = Decision  (in [denials])\n"),
	       "hint denials: every column's export name");
	p = write_file("hint4.csv", "Handover ID,Date,Unit,Transition Type,Done\n");
	tap_int(load(DR_HANDOFFS, p, &st, &s), DR_EINPUT, "hint handoffs: DR_EINPUT");
	tap_ok(has("col.handoff_id = Handover ID  (in [handoffs])") && has("col.handoff_date = Date  (in [handoffs])") &&
	       has("col.department = Unit  (in [handoffs])") && has("col.handoff_type = Transition Type  (in [handoffs])") &&
	       has("col.completed = Done  (in [handoffs])"), "hint handoffs: every column's export name");
	p = write_file("hint5.csv", "Respondent ID,Timestamp,Clinic,Job Role,Burnout Score\n");
	tap_int(load(DR_BURNOUT, p, &st, &s), DR_EINPUT, "hint burnout: DR_EINPUT");
	tap_ok(has("col.response_id = Respondent ID  (in [burnout])") && has("col.survey_date = Timestamp  (in [burnout])") &&
	       has("col.department = Clinic  (in [burnout])") && has("col.role = Job Role  (in [burnout])") &&
	       has("col.burnout = Burnout Score  (in [burnout])"), "hint burnout: every column's export name");

	/* The list: 20 names at most, each cut to 40 bytes at a character,
	 * quotes and backslashes escaped, control and non-UTF-8 bytes as \xNN. */
	char head[2048] = "visit_id,\"say \"\"hi\"\"\\\",a\x01" "b\xFF,";
	strcat(head, "caf\xC3\xA9-0123456789012345678901234567890123456789,");
	for (int i = 4; i <= 25; i++)
		sprintf(head + strlen(head), "c%d%s", i, i < 25 ? "," : "\n");
	p = write_file("hint6.csv", head);
	tap_int(load(DR_VISITS, p, &st, &s), DR_EINPUT, "hint cap: DR_EINPUT");
	tap_ok(has("dyadreport: x.csv:1: the header has 26 names: \"visit_id\", \"say \\\"hi\\\"\\\\\", \"a\\x01b\\xFF\", "
	           "\"caf\xC3\xA9-0123456789012345678901234567890123...\", \"c4\", \"c5\", \"c6\", \"c7\", \"c8\", "
	           "\"c9\", \"c10\", \"c11\", \"c12\", \"c13\", \"c14\", \"c15\", \"c16\", \"c17\", \"c18\", \"c19\", "
	           "...; give a missing column"), "hint cap: 20 names, cut, escaped");
	forget(&s);
}

/* Writes a visits file whose row 2 has a quoted provider_name of 3 x 64 KiB
 * with line ends inside, one of them (at the point where libcsv's buffer
 * first fills) a CRLF or a lone CR; returns the line of the row after it. */
static long write_long(const char *name, const char *split, char **bufp, const char **path)
{
	size_t big = DR_LOAD_FIELD_MAX * 3;
	char *buf = malloc(big + 4096), *w = buf;
	w += sprintf(w, VH "V1,2024-03-05,P1,D1,\"");
	memset(w, 'a', big);
	for (size_t i = 999; i < big; i += 1000)
		w[i] = '\n';
	memcpy(w + 100, "\"\"", 2);             /* a doubled quote: stored as one byte */
	memcpy(w + 65600, split, 2);            /* last byte in libcsv's full buffer */
	memcpy(w + 2 * DR_LOAD_FIELD_MAX, "\r\n", 2);
	w += big;
	w += sprintf(w, "\",ONC,NEW,COMPLETED,,,1\n"
	             "V2,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,x\n");
	*path = write_n(name, buf, (size_t)(w - buf));
	long breaks = 0;
	for (char *q = buf; q < w; q++)
		breaks += *q == '\n' || (*q == '\r' && q[1] != '\n');
	*bufp = buf;
	return breaks;
}

/* Over-long fields and the per-reason message cap. */
static void test_limits(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	char *buf, *w, want[128];
	const char *p;
	for (int lone = 0; lone < 2; lone++) {
		long line = write_long("long.csv", lone ? "\rb" : "\r\n", &buf, &p);
		free(buf);
		tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "field over 64 KiB: file still loads");
		tap_int(st.skipped[DR_SKIP_TOO_LONG], 1, "field over 64 KiB: row skipped");
		tap_int(st.skipped[DR_SKIP_BAD_NUMBER], 1, "row after it parsed");
		snprintf(want, sizeof want, "x.csv:%ld: column wrvu: not a number", line);
		tap_ok(has(want), lone ? "line after a long field (lone CR at the cap)"
		                       : "line after a long field (CRLF at the cap)");
		tap_ok(has("x.csv:2: column provider_name: field over 64 KiB"), "long field message");
		forget(&s);
	}
	buf = malloc(DR_LOAD_FIELD_MAX + 4096);

	/* A long field in a column we do not read does not skip the row. */
	w = buf;
	w += sprintf(w, "visit_id,visit_date,notes,patient_id,provider_id,department,visit_type,status\nV1,2024-03-05,");
	memset(w, 'n', DR_LOAD_FIELD_MAX + 10);
	w += DR_LOAD_FIELD_MAX + 10;
	w += sprintf(w, ",P1,D1,ONC,NEW,COMPLETED\n");
	p = write_n("long2.csv", buf, (size_t)(w - buf));
	tap_int(load(DR_VISITS, p, &st, &s), DR_OK, "long unknown column: loads");
	tap_int(st.rows_used, 1, "long unknown column: row used");
	free(buf);
	forget(&s);

	/* At most max_messages lines per reason, then a summary. */
	char *many = malloc(4096);
	w = many + sprintf(many, VH);
	for (int i = 0; i < 8; i++)
		w += sprintf(w, "V%d,2024-99-01,P,D,,ONC,NEW,COMPLETED,,,\n", i);
	p = write_n("many.csv", many, (size_t)(w - many));
	struct dr_load_options o = { .display = "x.csv", .max_messages = 2 };
	load_full(DR_VISITS, p, &o, &st, &s);
	int n = 0;
	for (const char *q = errbuf; (q = strstr(q, "column visit_date: bad date")); q++)
		n++;
	tap_int(n, 2, "max_messages caps messages per reason");
	tap_ok(has("6 more rows skipped (bad date)"), "summary of the rest");
	free(many);
	forget(&s);
}

/* The field parsers on their own. */
static void test_fields(void)
{
	dr_date d = 0;
	enum dr_skip_reason why = DR_NSKIP;
	double v = 0;
	bool b = false;
#define DATE_OK(str, fmt, y, m, dd) \
	tap_ok(dr_load_parse_date(str, strlen(str), fmt, &d, &why) && d == ymd(y, m, dd), "date " str " with " fmt)
#define DATE_BAD(str, fmt, reason) \
	tap_ok(!dr_load_parse_date(str, strlen(str), fmt, &d, &why) && why == reason, "date " str " rejected (" #reason ")")
	DATE_OK("2024-02-29", "%Y-%m-%d", 2024, 2, 29);
	DATE_BAD("2023-02-29", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_OK("2000-02-29", "%Y-%m-%d", 2000, 2, 29);
	DATE_BAD("2100-02-29", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_OK("02/29/2024", "%m/%d/%Y", 2024, 2, 29);
	DATE_OK("2/9/2024", "%m/%d/%Y", 2024, 2, 9);
	DATE_OK("29.02.2024", "%d.%m.%Y", 2024, 2, 29);
	DATE_OK("2024-03-05 23:59:59", "%Y-%m-%d", 2024, 3, 5);
	DATE_OK("2024-03-05T07:05", "%Y-%m-%d", 2024, 3, 5);
	DATE_OK("2024-03-05 07:05", "%Y-%m-%d %H:%M", 2024, 3, 5);
	DATE_OK("03/05/2024", "%m/%d/%Y %H:%M", 2024, 3, 5);
	DATE_OK("2024-03-05", "%Y-%m-%dT%H:%M:%S", 2024, 3, 5);
	DATE_BAD("03/05/2024 07", "%m/%d/%Y %H:%M", DR_SKIP_BAD_DATE);
	DATE_BAD("03/05", "%m/%d %H:%M %Y", DR_SKIP_BAD_DATE);
	DATE_OK("2026-01-05T08:00:00Z", "%Y-%m-%d", 2026, 1, 5);
	DATE_OK("2026-01-05T23:30:00.123+01:00", "%Y-%m-%d", 2026, 1, 5);
	DATE_OK("2026-01-05 08:00-0500", "%Y-%m-%d", 2026, 1, 5);
	DATE_OK("2026-01-05T08:00:00Z", "%Y-%m-%dT%H:%M:%S", 2026, 1, 5);
	DATE_BAD("2026-01-05T08:00:00Q", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2026-01-05T08:00:00+1", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2026-01-05T08:00:00+01:0", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2026-01-05Z", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_OK("1990-01-01", "%Y-%m-%d", 1990, 1, 1);
	DATE_OK("2100-12-31", "%Y-%m-%d", 2100, 12, 31);
	DATE_BAD("2101-01-01", "%Y-%m-%d", DR_SKIP_DATE_RANGE);
	DATE_BAD("1989-12-31", "%Y-%m-%d", DR_SKIP_DATE_RANGE);
	DATE_BAD("2024-03-05 24:00", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2024-03-05 12:60", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2024-03-05x", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("24-03-05", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2024-3", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("03/05/2024", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2024-03-05 13:00 PM", "%Y-%m-%d", DR_SKIP_BAD_DATE);
	DATE_BAD("2024-03-05 07:05", "%Y-%m-%d %H:%M:%S", DR_SKIP_BAD_DATE);
	tap_ok(!dr_load_parse_date("2024-03-059", 10, "%Y-%m-%d", &d, &why) || d == ymd(2024, 3, 5),
	       "date: len bounds the input (no NUL needed)");
	/* Every day 0..32 of every month of years around the leap rules, in
	 * an order that makes months share and evict the parser's remembered
	 * month starts: each as dr_date_valid and dr_date_from_ymd say. */
	{
		static const int years[] = { 1990, 2000, 2023, 2024, 2100 };
		int wrong = 0, n = 0, parsed = 0;
		for (int day = 0; day <= 32; day++)
			for (int m = 1; m <= 12; m++)
				for (size_t k = 0; k < sizeof years / sizeof *years; k++) {
					char text[16];
					int y = years[(k + (size_t)m) % 5];
					snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, day);
					dr_date got = 0;
					bool ok = dr_load_parse_date(text, 10, "%Y-%m-%d", &got, &why);
					bool valid = dr_date_valid(y, m, day);
					wrong += ok != valid || (ok && got != dr_date_from_ymd(y, m, day)) ||
					         (!ok && why != DR_SKIP_BAD_DATE);
					parsed += ok;
					n++;
				}
		tap_int(wrong, 0, "dates: 1980 days of five years, each as dr_date_valid and "
		                  "dr_date_from_ymd have it");
		tap_int(n, 1980, "... all of them tried");
		/* each month meets each of the five years once: their days, 365 or
		 * 366 (2000 and 2024 leap, 1990, 2023 and 2100 not) */
		tap_int(parsed, 365 + 366 + 365 + 366 + 365, "... 1827 of them real days, each parsed");
	}
	tap_ok(dr_load_date_format_valid("%Y-%m-%d") && dr_load_date_format_valid("%d.%m.%Y %H:%M"),
	       "date formats valid");
	tap_ok(!dr_load_date_format_valid("%Y-%m") && !dr_load_date_format_valid("%Y-%m-%d %b")
	       && !dr_load_date_format_valid("%Y-%m-%d%") && !dr_load_date_format_valid("%Y%Y-%m-%d"),
	       "date formats invalid");

#define NUM_OK(str, want) \
	tap_ok(dr_load_parse_number(str, strlen(str), &v) && v == (want), "number " str)
#define NUM_BAD(str) tap_ok(!dr_load_parse_number(str, strlen(str), &v), "number '" str "' rejected")
	NUM_OK("12", 12);
	NUM_OK("-0.5", -0.5);
	NUM_OK("+3", 3);
	NUM_OK(".5", 0.5);
	NUM_OK("1e3", 1000);
	NUM_OK("2.5E-1", 0.25);
	NUM_BAD("nan");
	NUM_BAD("NaN");
	NUM_BAD("inf");
	NUM_BAD("-Infinity");
	NUM_BAD("0x10");
	NUM_BAD("");
	NUM_BAD("1,5");
	NUM_BAD("1e999");
	NUM_BAD("1.2.3");
	NUM_BAD("e3");
	NUM_BAD("1e");
	NUM_BAD("12 ");
	NUM_BAD("$5");

#define BOOL_IS(str, want) \
	tap_ok(dr_load_parse_bool(str, strlen(str), &b) && b == (want), "bool " str)
	BOOL_IS("Y", true);
	BOOL_IS("yes", true);
	BOOL_IS("TRUE", true);
	BOOL_IS("1", true);
	BOOL_IS("n", false);
	BOOL_IS("No", false);
	BOOL_IS("false", false);
	BOOL_IS("0", false);
	tap_ok(!dr_load_parse_bool("ye", 2, &b) && !dr_load_parse_bool("", 0, &b)
	       && !dr_load_parse_bool("\x11", 1, &b) && !dr_load_parse_bool("yess", 4, &b), "bool rejects others");

#define UTF8(str, want) tap_int(dr_load_utf8_valid(str, sizeof(str) - 1), want, "utf8 " #str)
	UTF8("plain", 1);
	UTF8("Jos\xC3\xA9 M\xC3\xBCller \xE2\x80\x93 \xCE\xA9", 1);
	UTF8("\xF0\x9F\x98\x80", 1);            /* 4-byte emoji */
	UTF8("\xF4\x8F\xBF\xBF", 1);            /* U+10FFFF */
	UTF8("\xC3", 0);                        /* truncated */
	UTF8("\xC0\xAF", 0);                    /* overlong */
	UTF8("\xE0\x80\xAF", 0);                /* overlong */
	UTF8("\xF0\x80\x80\xAF", 0);            /* overlong */
	UTF8("\xED\xA0\x80", 0);                /* surrogate */
	UTF8("\xF4\x90\x80\x80", 0);            /* above U+10FFFF */
	UTF8("\x80", 0);                        /* lone continuation */
	UTF8("\xFF", 0);
	UTF8("a\0b", 0);                        /* NUL */
	UTF8("\xE2\x82", 0);                    /* truncated 3-byte */
	/* the eight-bytes-at-a-time ASCII path, and what stops it */
	UTF8("abcdefghijklmnopqrstuvwxyz0123456789", 1);
	UTF8("abcdefghijklmnopqrstuvw\xC3\xA9", 1);
	UTF8("abcdefghijklmnop\xFFrstuvwxyz", 0);
	UTF8("abcdefghijk\0mnopqrstuvwxyz", 0);  /* NUL inside a block of 8 */
	UTF8("abcdefgh\x80", 0);
	UTF8("abcdefghijklmno\xE2\x82", 0);     /* truncated after 15 ASCII */

	tap_str(dr_extract_name(DR_HANDOFFS), "handoffs", "dr_extract_name");
	tap_str(dr_skip_reason_text(DR_SKIP_BAD_DATE), "bad date", "dr_skip_reason_text");
	for (int r = 0; r < DR_NSKIP; r++)
		if (!dr_skip_reason_text(r) || !*dr_skip_reason_text(r))
			tap_ok(0, "every reason has a text");
}


/* file_done's reports, names copied. */
struct files_seen {
	int n;
	char name[8][64];
	long read[8], used[8];
	dr_date first[8], last[8];
};

static void on_file(enum dr_extract e, const struct dr_load_file *f, void *ctx)
{
	struct files_seen *fs = ctx;
	(void)e;
	if (fs->n >= 8)
		return;
	snprintf(fs->name[fs->n], sizeof fs->name[0], "%s", f->name);
	fs->read[fs->n] = f->rows_read;
	fs->used[fs->n] = f->rows_used;
	fs->first[fs->n] = f->first;
	fs->last[fs->n] = f->last;
	fs->n++;
}

/* A glob: its files in name order as one extract, each with its own header
 * (columns in another order), a duplicate found across files, a hidden
 * file not matched; then two gzip members read as one text. */
static void test_files(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	struct files_seen fs = { 0 };
	char dir[600], pattern[700];
	snprintf(dir, sizeof dir, "%s/g", tmpdir);
	if (mkdir(dir, 0700) != 0) {
		perror(dir);
		exit(99);
	}
	write_file("g/v-02.csv",
	           "wrvu,duration_min,booked_date,status,visit_type,department,provider_name,"
	           "provider_id,patient_id,visit_date,visit_id\n"
	           ",,,COMPLETED,NEW,ONC,,PR1,P3,2024-02-03,V3\n"
	           ",,,COMPLETED,NEW,ONC,,PR1,P1,2024-02-10,V1\n");
	write_file("g/v-01.csv", VH
	           "V1,2024-01-20,P1,PR1,,ONC,NEW,COMPLETED,,,\n"
	           "V2,2024-01-05,P2,PR1,,ONC,NEW,COMPLETED,,,\n");
	write_file("g/v-03.csv", VH);
	write_file("g/.v-00.csv", "not,a,header\n");
	snprintf(pattern, sizeof pattern, "%s/g/v-*.csv", tmpdir);
	struct dr_load_options o = { .display = "g/v-*.csv", .file_done = on_file, .file_ctx = &fs };
	int rc = load_full(DR_VISITS, pattern, &o, &st, &s);
	tap_int(rc, DR_OK, "glob: loads");
	tap_int(fs.n, 3, "glob: three files (the hidden one not matched)");
	tap_str(fs.name[0], "g/v-01.csv", "glob: name order, named as configured (1)");
	tap_str(fs.name[1], "g/v-02.csv", "glob: name order (2)");
	tap_str(fs.name[2], "g/v-03.csv", "glob: name order (3)");
	tap_int(fs.read[0], 2, "glob: file 1 rows");
	tap_int(fs.first[0], ymd(2024, 1, 5), "glob: file 1 first date");
	tap_int(fs.last[0], ymd(2024, 1, 20), "glob: file 1 last date");
	tap_int(fs.read[1], 2, "glob: file 2 rows read");
	tap_int(fs.used[1], 1, "glob: file 2 rows used (the duplicate skipped)");
	tap_int(fs.first[1], ymd(2024, 2, 3), "glob: file 2 dates of used rows only");
	tap_int(fs.last[1], ymd(2024, 2, 3), "glob: file 2 last date");
	tap_int(fs.read[2], 0, "glob: header-only file: no rows");
	tap_int(fs.first[2], DR_NO_DATE, "glob: header-only file: no dates");
	tap_int(st.rows_read, 4, "glob: rows over all files");
	tap_int(st.skipped[DR_SKIP_DUPLICATE_ID], 1, "glob: a duplicate across files");
	tap_ok(has("g/v-02.csv:3: column visit_id: duplicate id"), "glob: named by its file and line");
	tap_int(s.n, 3, "glob: three records");
	tap_ok(s.n == 3 && strcmp(s.v[2].visit_id, "V3") == 0 && s.v[2].visit_date == ymd(2024, 2, 3),
	       "glob: reordered columns read by name");
	forget(&s);

	snprintf(pattern, sizeof pattern, "%s/g/w-*.csv", tmpdir);
	o = (struct dr_load_options){ .display = "g/w-*.csv" };
	tap_int(load_full(DR_VISITS, pattern, &o, &st, &s), DR_EINPUT, "glob: no match is an input error");
	tap_ok(has("dyadreport: g/w-*.csv: configured but missing: no file matches the pattern /") && has("/g/w-*.csv\n"),
	       "glob: no match names the pattern and its resolved path");

	/* Two members: what gzip makes of `cat a.gz b.gz`. */
	snprintf(pattern, sizeof pattern, "%s/g/two.gz", tmpdir);
	const char *part[2] = { VH "V1,2024-03-01,P1,PR1,,ONC,NEW,COMPLETED,,,\n",
	                        "V2,2024-03-02,P2,PR1,,ONC,NEW,COMPLETED,,,\n" };
	for (int k = 0; k < 2; k++) {
		gzFile z = gzopen(pattern, k ? "ab" : "wb");
		if (!z || gzputs(z, part[k]) < 0 || gzclose(z) != Z_OK) {
			perror(pattern);
			exit(99);
		}
	}
	fs.n = 0;
	o = (struct dr_load_options){ .display = "two.gz", .file_done = on_file, .file_ctx = &fs };
	tap_int(load_full(DR_VISITS, pattern, &o, &st, &s), DR_OK, "gzip: two members load");
	tap_int(st.rows_used, 2, "gzip: rows of both members");
	tap_ok(s.n == 2 && s.v[1].visit_date == ymd(2024, 3, 2), "gzip: second member's row read");
	tap_ok(fs.n == 1 && strcmp(fs.name[0], "two.gz") == 0 && fs.read[0] == 2, "gzip: one file row");
	forget(&s);
}

/* nftw callback: removes one entry. */
static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes the temporary folder and everything in it. */
static void cleanup(void)
{
	tu_cleanup();
	if (nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

#define CH "dyad,metric,month,comment,action,owner,due,status,audience\n"

/* commentary.csv: months as YYYY-MM or a date, codes in any case, empty
 * status and audience as OPEN and INTERNAL, free text read exactly, the
 * row's physical line, a row with neither comment nor action skipped on
 * column comment, bad UTF-8 skipped, and no id check. */
static void test_commentary(void)
{
	struct dr_load_stats st;
	struct seen s = { 0 };
	tap_str(dr_extract_name(DR_COMMENTARY), "commentary", "commentary: the source's name");
	tap_int((long)dr_load_ncolumns(DR_COMMENTARY), 9, "commentary: nine columns");
	tap_str(dr_load_column_type(DR_COMMENTARY, 2), "month", "commentary: month is of type month");
	tap_ok(dr_load_column_required(DR_COMMENTARY, 0) && dr_load_column_required(DR_COMMENTARY, 1) &&
	       dr_load_column_required(DR_COMMENTARY, 2) && !dr_load_column_required(DR_COMMENTARY, 3),
	       "commentary: dyad, metric and month required, comment not");
	tap_int(dr_load_code_of(DR_COMMENTARY, "status", "dropped"), DR_ACTION_DROPPED,
	        "commentary: status codes");
	tap_int(dr_load_code_of(DR_COMMENTARY, "audience", "Public"), DR_AUDIENCE_PUBLIC,
	        "commentary: audience codes");
	const char *p = write_file("commentary.csv", CH
		"oncology,no_show_rate,2026-10,\"Calls, \"\"reminders\"\"\nand texts\",,,,,\n" /* 2-3 */
		"oncology,no_show_rate,2026-09-14,,Call back,Ana,2026-09-30,done,Public\n"  /* 4 */
		"surgery,visits_completed,2026-10, x ,,,,Dropped,INTERNAL\n"                /* 5 */
		"surgery,visits_completed,2026-10,,,Bob,,,\n"          /* 6 neither */
		"oncology,no_show_rate,2026-10,\"Ana \xC3\",,,,,\n"    /* 7 utf8 */
		"oncology,no_show_rate,2026-10,y,,,,CLOSED,\n"          /* 8 code */
		"oncology,no_show_rate,1989-12,y,,,,,\n"                /* 9 range */
		"oncology,no_show_rate,2026-13," SECRET ",,,,,\n"       /* 10 bad month */
		"oncology,no_show_rate,2026-10,dup,,,,,\n"              /* 11 */
		"oncology,no_show_rate,2026-10,dup,,,,,\n"              /* 12 the same again */
		"oncology,no_show_rate,,y,,,,,\n");                     /* 13 no month */
	tap_int(load(DR_COMMENTARY, p, &st, &s), DR_OK, "commentary: loads");
	tap_int(st.rows_read, 11, "commentary: rows read");
	tap_int(st.rows_used, 5, "commentary: rows used");
	tap_str(s.c[0].comment, "Calls, \"reminders\"\nand texts",
	        "commentary: a comma, doubled quotes and a line break inside quotes read exactly");
	tap_str(s.c[0].dyad, "oncology", "commentary: dyad");
	tap_str(s.c[0].metric, "no_show_rate", "commentary: metric");
	tap_int(s.c[0].month, dr_month_make(2026, 10), "commentary: month YYYY-MM");
	tap_int(s.c[0].line, 2, "commentary: the row's physical line");
	tap_ok(s.c[0].action == NULL && s.c[0].owner == NULL && s.c[0].due == DR_NO_DATE,
	       "commentary: empty action, owner and due");
	tap_int(s.c[0].status, DR_ACTION_OPEN, "commentary: empty status is OPEN");
	tap_int(s.c[0].audience, DR_AUDIENCE_INTERNAL, "commentary: empty audience is INTERNAL");
	tap_int(s.c[1].month, dr_month_make(2026, 9), "commentary: a date's month");
	tap_int(s.c[1].line, 4, "commentary: the line after a two-line row");
	tap_ok(s.c[1].comment == NULL, "commentary: an action without a comment is used");
	tap_str(s.c[1].action, "Call back", "commentary: action");
	tap_str(s.c[1].owner, "Ana", "commentary: owner");
	tap_int(s.c[1].due, ymd(2026, 9, 30), "commentary: due");
	tap_int(s.c[1].status, DR_ACTION_DONE, "commentary: status in lower case");
	tap_int(s.c[1].audience, DR_AUDIENCE_PUBLIC, "commentary: audience in mixed case");
	tap_str(s.c[2].comment, "x", "commentary: a comment trimmed");
	tap_int(s.c[2].status, DR_ACTION_DROPPED, "commentary: DROPPED");
	tap_int(s.c[2].audience, DR_AUDIENCE_INTERNAL, "commentary: INTERNAL");
	tap_ok(s.c[3].line == 11 && s.c[4].line == 12, "commentary: the same row twice is used twice (no id)");
	tap_int(st.skipped[DR_SKIP_MISSING], 2, "commentary: neither comment nor action, and no month");
	tap_int(st.skipped[DR_SKIP_BAD_UTF8], 1, "commentary: bad UTF-8 skipped");
	tap_int(st.skipped[DR_SKIP_UNKNOWN_CODE], 1, "commentary: unknown status");
	tap_int(st.skipped[DR_SKIP_DATE_RANGE], 1, "commentary: month before 1990");
	tap_int(st.skipped[DR_SKIP_BAD_DATE], 1, "commentary: month 13");
	tap_int(st.skipped[DR_SKIP_DUPLICATE_ID], 0, "commentary: no duplicate check");
	tap_ok(has("x.csv:6: column comment: required value missing\n"),
	       "commentary: neither comment nor action named on column comment");
	tap_ok(has("x.csv:7: column comment: invalid UTF-8\n"), "commentary: UTF-8 message");
	tap_ok(has("x.csv:8: column status: unknown code\n"), "commentary: code message");
	tap_ok(has("x.csv:9: column month: date outside 1990..2100\n"), "commentary: range message");
	tap_ok(has("x.csv:10: column month: bad date\n"), "commentary: bad month message");
	tap_ok(has("x.csv:13: column month: required value missing\n"), "commentary: no month message");
	tap_ok(!has(SECRET), "commentary: messages never hold a cell");
	tap_int(st.earliest, dr_month_make(2026, 9), "commentary: earliest month of its used rows");
	tap_int(st.latest, dr_month_make(2026, 10), "commentary: latest month of its used rows");
	forget(&s);

	/* The site's date format, renames and code maps. */
	struct dr_load_rename ren[] = { { "comment", "Notes" }, { "month", "Meeting" } };
	struct dr_load_code_map map[] = { { "status", "Closed", "DONE" }, { "audience", "Everyone", "PUBLIC" } };
	struct dr_load_options o = { .display = "x.csv", .date_format = "%d/%m/%Y", .delimiter = ';',
	                             .renames = ren, .nrenames = 2, .code_maps = map, .ncode_maps = 2 };
	p = write_file("commentary-site.csv",
		"Dyad;Metric;Meeting;NOTES;Action;Due;Status;Audience\n"
		"oncology;no_show_rate;14/10/2026;Seen;Fix it;31/10/2026;closed;everyone\n"
		"oncology;no_show_rate;2026-11;Still YYYY-MM;;;;\n"
		"oncology;no_show_rate;2026-10-14;Not the format;;;;\n");
	tap_int(load_full(DR_COMMENTARY, p, &o, &st, &s), DR_OK, "commentary, site terms: loads");
	tap_int(st.rows_used, 2, "commentary, site terms: used");
	tap_int(s.c[0].month, dr_month_make(2026, 10), "commentary: month from a date in the site's format");
	tap_str(s.c[0].comment, "Seen", "commentary: col.comment = Notes");
	tap_int(s.c[0].due, ymd(2026, 10, 31), "commentary: due in the site's format");
	tap_int(s.c[0].status, DR_ACTION_DONE, "commentary: map.status.Closed = DONE");
	tap_int(s.c[0].audience, DR_AUDIENCE_PUBLIC, "commentary: map.audience.Everyone = PUBLIC");
	tap_int(s.c[1].month, dr_month_make(2026, 11), "commentary: YYYY-MM whatever the date format");
	tap_ok(has("x.csv:4: column month: bad date\n"), "commentary: a date in another format is bad");
	tap_ok(st.present[5] == false, "commentary: owner absent from the header");
	forget(&s);

	/* A header in the site's words: the col. lines to add. */
	p = write_file("commentary-hint.csv", "Dyad ID,Metric Key,Meeting Month,Comment\n");
	tap_int(load(DR_COMMENTARY, p, &st, &s), DR_EINPUT, "commentary hint: DR_EINPUT");
	tap_ok(has("x.csv:1: required column dyad missing; did you mean: col.dyad = Dyad ID  (in [commentary])\n") &&
	       has("x.csv:1: required column metric missing; did you mean: col.metric = Metric Key  (in [commentary])\n") &&
	       has("x.csv:1: required column month missing; did you mean: col.month = Meeting Month  (in [commentary])\n"),
	       "commentary hint: the col. lines in [commentary]");
	forget(&s);

	/* Free text up to the loader's 64 KiB field limit. */
	size_t big = DR_LOAD_FIELD_MAX - 16;
	char *text = malloc(big + 256);
	int n = snprintf(text, 256, CH "oncology,no_show_rate,2026-10,\"");
	memset(text + n, 'a', big);
	text[n + (int)big / 2] = ',';
	snprintf(text + n + big, 256 - (size_t)n, "\",,,,,\n");
	p = write_file("commentary-long.csv", text);
	tap_int(load(DR_COMMENTARY, p, &st, &s), DR_OK, "commentary, long text: loads");
	tap_int(st.rows_used, 1, "commentary: a comment of 64 KiB less 16 bytes is used");
	tap_ok(s.c[0].comment && strlen(s.c[0].comment) == big, "commentary: ... whole");
	forget(&s);
	free(text);
}

/* Runs every group in a fresh temporary folder; prints TAP. */
int main(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/test-load-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 99;
	}
	dr_diag_set_verbosity(DR_NORMAL);
	test_bom_crlf();
	test_quoted();
	test_header_forms();
	test_bad_rows();
	test_denials();
	test_handoffs();
	test_burnout();
	test_latest();
	test_structural();
	test_header_hint();
	test_formats();
	test_overrides();
	test_quote_recovery();
	test_ignore_and_filled();
	test_limits();
	test_fields();
	test_files();
	test_commentary();
	cleanup();
	return tap_done();
}
