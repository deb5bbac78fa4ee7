/*
 * test-loop-csv.c -- the meeting loop in metrics.csv: a commentary model
 * built with dr_commentary_add (as the loader will feed it) gives the
 * comment and the open-action count on each metric's report-month "total"
 * row and on no other row (not the per-department series of a multiples
 * page, not a breakdown table's groups, not an earlier month); a public
 * template's CSV carries only public rows; a comment starting with = + -
 * @ is neutralised; a comment with quotes, commas and a newline reads back
 * unchanged through Python's csv module. Prints TAP.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/metric.h"
#include "dyadreport/packet.h"
#include "dyadreport/template.h"
#include "dyadreport/write.h"
#include "tap.h"
#include "testutil.h"

static const char visits[] =
	"visit_id,visit_date,patient_id,provider_id,provider_name,department,visit_type,status,booked_date,duration_min,wrvu\n"
	"V1,2026-08-03,P1,PR1,Dr One,D1,NEW,COMPLETED,2026-07-22,20,2.0\n"
	"V2,2026-09-01,P2,PR1,Dr One,D1,ESTABLISHED,NO_SHOW,2026-08-31,,\n"
	"V3,2026-09-02,P3,PR2,Dr Two,D2,ESTABLISHED,COMPLETED,,40,1.5\n"
	"V4,2026-10-02,P4,PR2,Dr Two,D2,NEW,NO_SHOW,2026-09-01,,\n"
	"V5,2026-10-05,P5,PR1,Dr One,D1,ESTABLISHED,COMPLETED,2026-10-01,25,3.0\n"
	"V6,2026-10-06,P6,PR3,Dr Three,D3,NEW,COMPLETED,2026-10-01,25,3.0\n";

static const char site[] =
	"[report]\nperiod = 2026-10\nmonths = 3\n"
	"[input]\nvisits = visits.csv\n"
	"[dyad a]\ndepartments = D1, D2\n"
	"[dyad b]\ndepartments = D3\n";

/* Per-department small multiples (their series rows) and a table by
 * department (group rows): neither may carry the loop. */
static const char internal_tpl[] =
	"[template]\naudience = internal\n"
	"[page cover]\nkind = cover\n"
	"[page nsd]\nkind = chart\nchart = multiples\nmetrics = no_show_rate\nby = department\n"
	"[page tbl]\nkind = table\nby = department\n";
static const char public_tpl[] =
	"[template]\naudience = public\n"
	"[page cover]\nkind = cover\n";

static const char tricky[] = "We agreed: \"call-backs\" work, for now,\nreview in December";

static struct dr_commentary *model;

static void add(const char *dyad, const char *metric, int y, int m, const char *comment,
                const char *action, const char *owner, const char *due, enum dr_action_status st,
                enum dr_audience aud)
{
	static long line = 1;
	struct dr_comment_row r = {
		.dyad = dyad, .metric = metric, .month = dr_month_make(y, m), .comment = comment,
		.action = action, .owner = owner, .due = DR_NO_DATE, .status = st, .audience = aud,
		.line = ++line,
	};
	if (due) {
		int yy, mm, dd;
		if (sscanf(due, "%d-%d-%d", &yy, &mm, &dd) != 3)
			exit(99);
		r.due = dr_date_from_ymd(yy, mm, dd);
	}
	dr_commentary_add(DR_COMMENTARY, &r, model);
}

static void build_model(const struct dr_config *cfg)
{
	const enum dr_action_status O = DR_ACTION_OPEN, D = DR_ACTION_DONE;
	const enum dr_audience I = DR_AUDIENCE_INTERNAL, P = DR_AUDIENCE_PUBLIC;
	model = dr_commentary_new(cfg, "commentary.csv");
	/* a, no_show_rate, October: one public and one internal comment */
	add("a", "no_show_rate", 2026, 10, "=HYPERLINK(\"http://x\")", NULL, NULL, NULL, O, P);
	add("a", "no_show_rate", 2026, 10, tricky, NULL, NULL, NULL, O, I);
	/* September's comment: not October's row, not any row */
	add("a", "no_show_rate", 2026, 9, "September note", NULL, NULL, NULL, O, I);
	/* actions on no_show_rate: raised in August, open (internal); raised
	 * in September and done in October (public); raised in October (public) */
	add("a", "no_show_rate", 2026, 8, NULL, "Call-back pilot", "Clinic manager", "2026-09-30", O, I);
	add("a", "no_show_rate", 2026, 9, NULL, "Reminder texts", "IT", "2026-10-15", O, P);
	add("a", "no_show_rate", 2026, 10, NULL, "Reminder texts", NULL, NULL, D, P);
	add("a", "no_show_rate", 2026, 10, NULL, "Template review", "Scheduling lead", "2026-12-01", O, P);
	/* an action on another metric, and one after the report month */
	add("a", "visits_completed", 2026, 10, "+12 on September", "Open Saturday list", "Ops", NULL, O, I);
	add("a", "visits_completed", 2026, 11, NULL, "Later action", NULL, NULL, O, I);
	/* b: comments starting with - and @ */
	add("b", "no_show_rate", 2026, 10, "-5 points since the pilot", NULL, NULL, NULL, O, P);
	add("b", "visits_completed", 2026, 10, "@ops please confirm", NULL, NULL, NULL, O, P);
	dr_commentary_finish(model);
}

/* The rows of a metrics.csv, parsed by Python's csv module into
 * "metric|breakdown|key|month|comment|open_actions" lines, the comment's
 * newlines shown as \n. */
static char *python_rows(const char *path)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd,
	         "python3 -c 'import csv,sys\n"
	         "r = list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\")))\n"
	         "h = r[0]\n"
	         "print(\",\".join(h[-3:]))\n"
	         "for x in r[1:]:\n"
	         "    d = dict(zip(h, x))\n"
	         "    assert len(x) == len(h), x\n"
	         "    print(\"|\".join([d[\"metric\"], d[\"breakdown\"], d[\"key\"], d[\"month\"],"
	         " d[\"comment\"].replace(\"\\n\", \"\\\\n\"), d[\"open_actions\"]]))\n"
	         "' '%s'",
	         path);
	FILE *p = popen(cmd, "r");
	if (!p)
		exit(99);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t k;
	while ((k = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	tap_int(pclose(p), 0, "python's csv module reads the file, every row as wide as the header");
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* Writes dyad d's metrics.csv with template text tpl_text to name. */
static char *write_csv(const struct dr_config *cfg, const struct dr_metrics *m, size_t d,
                       const char *tpl_text, const char *name, const struct dr_commentary *c)
{
	struct dr_template tpl;
	if (dr_template_load(tu_write("tmpl.ini", tpl_text), &tpl) != 0)
		exit(99);
	struct dr_packet_input in = {
		.cfg = cfg, .dyad = d, .metrics = m, .report_month = dr_month_make(2026, 10),
		.first_month = dr_month_make(2026, 8), .tpl = &tpl, .commentary = c,
	};
	char path[600];
	snprintf(path, sizeof path, "%s/%s", tu_scratch(), name);
	tap_int(dr_write_metrics_csv(path, &in), 0, name);
	dr_template_free(&tpl);
	return python_rows(path);
}

int main(void)
{
	tu_write("visits.csv", visits);
	struct dr_config cfg;
	if (dr_config_load(tu_write("site.ini", site), &cfg) != 0)
		return 99;
	struct dr_metrics *m = dr_metrics_new(&cfg, dr_month_make(2026, 8), dr_month_make(2026, 10), NULL);
	struct dr_load_stats st = { 0 };
	struct dr_load_options lo = { .path = cfg.input[DR_VISITS], .display = cfg.input_raw[DR_VISITS] };
	if (dr_load_extract(DR_VISITS, &lo, &st, dr_metrics_add, m) != 0)
		return 99;
	dr_metrics_mark_loaded(m, DR_VISITS);
	dr_metrics_finish(m);
	build_model(&cfg);

	/* Internal: the comment joined in file order, 2 open actions. */
	char *in = write_csv(&cfg, m, 0, internal_tpl, "a-internal.csv", model);
	tap_ok(strncmp(in, "suppressed,comment,open_actions\n", 32) == 0, "header ends with comment, open_actions");
	tap_ok(strstr(in, "\nno_show_rate|total||2026-10|'=HYPERLINK(\"http://x\") We agreed: \"call-backs\" "
	                  "work, for now,\\nreview in December|2\n") != NULL,
	       "no_show_rate's October row: both comments in file order, quotes, comma and newline kept, "
	       "formula guarded; 2 open actions");
	tap_ok(strstr(in, "\nvisits_completed|total||2026-10|'+12 on September|1\n") != NULL,
	       "visits_completed's October row: its comment (guarded) and 1 open action (November's ignored)");
	tap_ok(strstr(in, "\nno_show_rate|total||2026-09||\n") != NULL, "September row: empty");
	tap_ok(strstr(in, "September note") == NULL, "September's comment is on no row");
	tap_ok(strstr(in, "\nnew_patient_share|total||2026-10||0\n") != NULL,
	       "a metric with no comment and no action: empty comment, 0 open actions");
	tap_int(count(in, "We agreed"), 1, "the comment is on exactly one row");
	/* rows of the multiples page's per-department series and the table */
	tap_ok(count(in, "|department|") > 0, "the per-department rows are there");
	bool dept_empty = true;
	for (const char *p = in; (p = strstr(p, "|department|")) != NULL; p++) {
		const char *eol = strchr(p, '\n');
		if (eol - p < 2 || eol[-1] != '|' || eol[-2] != '|')
			dept_empty = false;
	}
	tap_ok(dept_empty, "per-department series and table rows: comment and open_actions empty");
	free(in);

	/* Public: only public rows exist. */
	char *pub = write_csv(&cfg, m, 0, public_tpl, "a-public.csv", model);
	tap_ok(strstr(pub, "\nno_show_rate|total||2026-10|'=HYPERLINK(\"http://x\")|1\n") != NULL,
	       "public: only the public comment, 1 open action (Template review)");
	tap_ok(strstr(pub, "We agreed") == NULL && strstr(pub, "call-backs") == NULL,
	       "public: the internal comment is absent");
	tap_ok(strstr(pub, "\nvisits_completed|total||2026-10||0\n") != NULL,
	       "public: an internal comment and action leave an empty comment and 0");
	free(pub);

	/* b: - and @ guarded. */
	char *b = write_csv(&cfg, m, 1, internal_tpl, "b.csv", model);
	tap_ok(strstr(b, "\nno_show_rate|total||2026-10|'-5 points since the pilot|0\n") != NULL,
	       "a comment starting with - gets a leading '");
	tap_ok(strstr(b, "\nvisits_completed|total||2026-10|'@ops please confirm|0\n") != NULL,
	       "a comment starting with @ gets a leading '");
	free(b);

	/* No commentary configured: both columns empty on every row. */
	char *none = write_csv(&cfg, m, 0, internal_tpl, "a-none.csv", NULL);
	bool all_empty = true;
	for (const char *p = strchr(none, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
		const char *eol = strchr(p, '\n');
		if (eol - p < 2 || eol[-1] != '|' || eol[-2] != '|')
			all_empty = false;
	}
	tap_ok(all_empty, "no commentary: comment and open_actions empty on every row");
	free(none);

	dr_commentary_free(model);
	dr_metrics_free(m);
	dr_config_free(&cfg);
	tu_cleanup();
	return tap_done();
}
