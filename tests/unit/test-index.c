/*
 * test-index.c -- index.html at the output root: for a config of two dyads
 * (one with files made here, one without a folder) the page links every
 * file with a percent-encoded relative URL, escapes every text, sorts names
 * bytewise within PDFs, CSVs, charts and other files, skips temporary
 * files, the lock and anything deeper than 3 levels, says "no files yet",
 * and carries the data-quality numbers. Static: no script, no URL scheme.
 * With a commentary: each dyad's open and overdue actions, counted for
 * the template's audience, and no comment or action text.
 * Prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/quality.h"
#include "dyadreport/write.h"
#include "tap.h"
#include "testutil.h"

static const char site[] =
	"[report]\norganization = R&D <Health> \"North\"\nperiod = 2026-10\n"
	"[input]\nvisits = visits.csv\n"
	"[dyad oncology]\nname = Oncology & <Infusion>\nphysician = Dr. O'Brien\n"
	"administrator = Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m\ndepartments = ONC\n"
	"[dyad surgery]\nname = Surgery\ndepartments = SURG\n";

/* Writes size bytes of 'x' to out/oncology/rel. */
static void file(const char *rel, size_t size)
{
	char *text = malloc(size + 1);
	memset(text, 'x', size);
	text[size] = '\0';
	char name[256];
	snprintf(name, sizeof name, "out/oncology/%s", rel);
	tu_write(name, text);
	free(text);
}

static void folder(const char *rel)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", tu_scratch(), rel);
	if (mkdir(path, 0777) != 0) {
		perror(path);
		exit(99);
	}
}


static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* Offset of needle in hay, or -1. */
static long at(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	return p ? p - hay : -1;
}

/* One commentary row (month 2026-MM, due "YYYY-MM-DD" or NULL). */
static void add(struct dr_commentary *c, const char *dyad, const char *metric, int mon,
                const char *comment, const char *action, const char *due,
                enum dr_action_status st, enum dr_audience aud)
{
	static long line = 1;
	int y, m, d;
	struct dr_comment_row r = { .dyad = dyad, .metric = metric, .month = dr_month_make(2026, mon),
	                            .comment = comment, .action = action, .due = DR_NO_DATE,
	                            .status = st, .audience = aud, .line = ++line };
	if (due && sscanf(due, "%d-%d-%d", &y, &m, &d) == 3)
		r.due = dr_date_from_ymd(y, m, d);
	dr_commentary_add(DR_COMMENTARY, &r, c);
}

/* The meeting loop's line of each dyad, for an internal and a public run:
 * oncology has an action raised in August and overdue (due 2026-09-30),
 * one public and due in December, one internal without a due date, and a
 * public one closed in October; surgery only an internal comment. */
static void loop_lines(const char *root, const char *path, const struct dr_config *cfg,
                       const struct dr_quality *q)
{
	const enum dr_action_status O = DR_ACTION_OPEN, D = DR_ACTION_DONE;
	const enum dr_audience I = DR_AUDIENCE_INTERNAL, P = DR_AUDIENCE_PUBLIC;
	struct dr_commentary *c = dr_commentary_new(cfg, "commentary.csv");
	add(c, "oncology", "no_show_rate", 8, NULL, "Call-back <pilot>", "2026-09-30", O, I);
	add(c, "oncology", "no_show_rate", 9, NULL, "Reminder texts & calls", "2026-12-01", O, P);
	add(c, "oncology", "visits_completed", 10, "<script>x</script>", "Saturday list", NULL, O, I);
	add(c, "oncology", "no_show_rate", 9, NULL, "Template review", "2026-10-10", O, P);
	add(c, "oncology", "no_show_rate", 10, NULL, "Template review", NULL, D, P);
	add(c, "oncology", "no_show_rate", 11, NULL, "November's action", NULL, O, I);
	add(c, "surgery", "no_show_rate", 10, "<b>Bold</b> & co", NULL, NULL, O, I);
	dr_commentary_finish(c);

	struct dr_index_loop loop = { c, dr_month_make(2026, 10), false };
	tap_int(dr_write_index_staged(root, NULL, cfg, q, "October 2026", NULL, &loop), 0,
	        "index with the loop written");
	const char *html = tu_slurp(path);
	tap_ok(strstr(html, "<p class=\"loop\">3 open actions, 1 overdue</p>") != NULL,
	       "oncology: 3 open actions, 1 overdue (the closed one and November's not counted)");
	tap_ok(strstr(html, "<p class=\"loop\">No open actions</p>") != NULL, "surgery: no open actions");
	tap_ok(at(html, "3 open actions") < at(html, "id=\"d-surgery\""), "the count is in oncology's section");
	tap_ok(strstr(html, "script>") == NULL && strstr(html, "Bold") == NULL &&
	       strstr(html, "pilot") == NULL && strstr(html, "Reminder") == NULL,
	       "no comment or action text on the page");

	loop.public_only = true;
	tap_int(dr_write_index_staged(root, NULL, cfg, q, "October 2026", NULL, &loop), 0,
	        "public index written");
	html = tu_slurp(path);
	tap_ok(strstr(html, "<p class=\"loop\">1 open public action</p>") != NULL,
	       "public: oncology's one public open action, not overdue");
	tap_ok(strstr(html, "<p class=\"loop\">No open public actions</p>") != NULL,
	       "public: surgery has none");
	tap_int(count(html, "overdue"), 0, "public: the internal overdue action is not counted");

	tap_int(dr_write_index_staged(root, NULL, cfg, q, "October 2026", NULL, NULL), 0,
	        "index without commentary");
	tap_ok(strstr(tu_slurp(path), "class=\"loop\"") == NULL, "no commentary: no loop line");
	dr_commentary_free(c);
}

int main(void)
{
	struct dr_config cfg;
	if (dr_config_load(tu_write("site.ini", site), &cfg) != 0)
		return 99;
	const char *dirs[] = { "out", "out/oncology", "out/oncology/charts", "out/oncology/town-hall",
	                       "out/oncology/town-hall/charts", "out/oncology/a", "out/oncology/a/b",
	                       "out/oncology/a/b/c" };
	for (size_t i = 0; i < DR_NELEM(dirs); i++)
		folder(dirs[i]);
	file("packet.pdf", 2048);                   /* 2048 / 1024 = 2 KB */
	file("Zeta.pdf", 1);                        /* 1 byte rounds up to 1 KB */
	file("A\xC3\xB1o & m\xC3\xA1s.pdf", 0);     /* "Año & más.pdf": 0 KB */
	file("a/b/ok.pdf", 10);                     /* 3 levels deep: listed */
	file("a/b/c/deep.pdf", 10);                 /* 4 levels: not listed */
	file("town-hall/packet.pdf", 3000);         /* 3000 / 1024 = 2.93 -> 3 KB */
	file("metrics.csv", 1025);                  /* 1025 / 1024 = 1.001 -> 2 KB */
	file("charts/b.png", 10);
	file("charts/a.svg", 10);
	file("town-hall/charts/x.png", 10);
	file("notes.txt", 10);
	file(".x.tmp", 10);
	file("metrics.csv.tmp-AbC123", 10);
	file("dyadreport.lock", 10);
	tu_write("out/data-quality.csv", "\"extract\"\n");

	/* Visits: 1234 read = 1200 used + 4 ignored + 30 skipped (20 bad
	 * dates + 10 missing values); 7 rows of a department no dyad owns.
	 * 100 rows a month from 2025-01, May 2026 has 49 < 100 / 2: flagged. */
	struct dr_quality q;
	dr_month first = dr_month_make(2026, 1), last = dr_month_make(2026, 6);
	dr_quality_init(&q, first, last);
	q.loaded[DR_VISITS] = true;
	q.load[DR_VISITS].rows_read = 1234;
	q.load[DR_VISITS].rows_used = 1200;
	q.load[DR_VISITS].rows_ignored = 4;
	q.load[DR_VISITS].skipped[DR_SKIP_BAD_DATE] = 20;
	q.load[DR_VISITS].skipped[DR_SKIP_MISSING] = 10;
	q.unowned[DR_VISITS] = 7;
	struct dr_visit v = { .visit_id = "V", .department = "ONC" };
	for (dr_month mo = dr_month_make(2025, 1); mo <= last; mo++) {
		v.visit_date = dr_date_from_ymd(dr_month_year(mo), dr_month_mon(mo), 15);
		for (int i = 0; i < (mo == dr_month_make(2026, 5) ? 49 : 100); i++)
			dr_quality_row(&q, DR_VISITS, &v);
	}

	char root[512];
	snprintf(root, sizeof root, "%s/out", tu_scratch());
	tap_int(dr_write_index(root, &cfg, &q, "October 2026", "2026-11-14"), 0, "index written");
	char path[600];
	snprintf(path, sizeof path, "%s/index.html", root);
	char *html = strdup(tu_slurp(path));

	/* Static and self-contained. */
	tap_ok(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33) == 0, "HTML5, lang=en");
	tap_ok(strstr(html, "<meta charset=\"utf-8\">") != NULL, "UTF-8 meta charset");
	tap_ok(strstr(html, "name=\"viewport\"") != NULL, "viewport for phones");
	tap_ok(strcasestr(html, "<script") == NULL, "no script");
	tap_ok(strstr(html, "://") == NULL && strstr(html, "src=") == NULL && strstr(html, "<link") == NULL,
	       "no external resource");

	/* Every config string escaped. */
	tap_ok(strstr(html, "<title>R&amp;D &lt;Health&gt; &quot;North&quot; \xE2\x80\x94 dyad packets, "
	              "October 2026</title>") != NULL, "title escaped");
	tap_ok(strstr(html, "<h2>Oncology &amp; &lt;Infusion&gt;</h2>") != NULL, "dyad name escaped");
	tap_ok(strstr(html, "Dr. O&#39;Brien") != NULL, "apostrophe escaped");
	tap_ok(strstr(html, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m") != NULL, "UTF-8 names kept");
	tap_ok(strstr(html, "<Infusion>") == NULL && strstr(html, "R&D") == NULL, "no raw < or & from the config");
	tap_ok(strstr(html, "Generated 2026-11-14") != NULL, "generation date");

	/* Links: relative, each component percent-encoded; text escaped. */
	tap_ok(strstr(html, "<a href=\"oncology/A%C3%B1o%20%26%20m%C3%A1s.pdf\">A\xC3\xB1o &amp; "
	              "m\xC3\xA1s.pdf</a> <span class=\"size\">0 KB</span>") != NULL,
	       "space, & and accent encoded in the link, escaped in the text");
	tap_ok(strstr(html, "<a href=\"oncology/packet.pdf\">packet.pdf</a> <span class=\"size\">2 KB</span>")
	       != NULL, "packet.pdf, 2 KB");
	tap_ok(strstr(html, "<a href=\"oncology/Zeta.pdf\">Zeta.pdf</a> <span class=\"size\">1 KB</span>")
	       != NULL, "1 byte is 1 KB");
	tap_ok(strstr(html, "\">town-hall/packet.pdf</a> <span class=\"size\">3 KB</span>") != NULL,
	       "3000 bytes is 3 KB");
	tap_ok(strstr(html, "<a href=\"oncology/metrics.csv\">metrics.csv</a> <span class=\"size\">2 KB</span>")
	       != NULL, "metrics.csv, 1025 bytes is 2 KB");
	tap_ok(strstr(html, "href=\"oncology/town-hall/charts/x.png\"") != NULL, "3 levels deep");
	tap_ok(strstr(html, "href=\"oncology/a/b/ok.pdf\"") != NULL, "a/b/ok.pdf listed");
	tap_ok(strstr(html, "href=\"data-quality.csv\"") != NULL, "data-quality.csv linked");

	/* Skipped: temporary files, the lock, deeper than 3 levels. */
	tap_ok(strstr(html, ".x.tmp") == NULL, "hidden temporary file skipped");
	tap_ok(strstr(html, "tmp-AbC123") == NULL, "our temporary file skipped");
	tap_ok(strstr(html, "lock") == NULL, "lock skipped");
	tap_ok(strstr(html, "deep.pdf") == NULL, "4 levels deep skipped");

	/* PDFs bytewise ('A' 0x41 < 'Z' 0x5A < 'a' < 'p' < 't'), then CSVs,
	 * charts, other files. */
	const char *order[] = { "A%C3%B1o", "Zeta.pdf", "a/b/ok.pdf", "oncology/packet.pdf",
	                        "town-hall/packet.pdf", "metrics.csv", "charts/a.svg", "charts/b.png",
	                        "town-hall/charts/x.png", "notes.txt", "id=\"d-surgery\"" };
	bool sorted = true;
	for (size_t i = 0; i < DR_NELEM(order); i++)
		sorted = sorted && at(html, order[i]) >= 0 && (i == 0 || at(html, order[i - 1]) < at(html, order[i]));
	tap_ok(sorted, "PDFs, CSVs, charts, others; each sorted bytewise");
	tap_ok(at(html, "<h3>Packets (PDF)</h3>") < at(html, "<h3>Data (CSV)</h3>") &&
	       at(html, "<h3>Data (CSV)</h3>") < at(html, "<h3>Charts</h3>\n<ul class=\"charts\">") &&
	       at(html, "<h3>Charts</h3>") < at(html, "<h3>Other files</h3>"), "group headings in order");

	/* The dyad without a folder. */
	tap_int(count(html, "no files yet"), 1, "one dyad has no files yet");
	tap_ok(at(html, "id=\"d-surgery\"") < at(html, "no files yet"), "surgery has no files yet");
	tap_ok(at(html, "<a href=\"#d-oncology\">") >= 0 && at(html, "<a href=\"#d-surgery\">Surgery</a>") >= 0,
	       "contents link each dyad");

	/* Data quality. */
	tap_ok(strstr(html, "<th scope=\"row\">Rows read</th><td>1234</td>") != NULL, "rows read 1234");
	tap_ok(strstr(html, "<th scope=\"row\">Used</th><td>1200</td>") != NULL, "used 1200");
	tap_ok(strstr(html, "Ignored (mapped to IGNORE)</th><td>4</td>") != NULL, "ignored 4");
	tap_ok(strstr(html, "<th scope=\"row\">Skipped</th><td>30</td>") != NULL, "skipped 20 + 10 = 30");
	tap_ok(strstr(html, "skipped, bad date</th><td>20</td>") != NULL, "20 bad dates");
	tap_ok(strstr(html, "skipped, required value missing</th><td>10</td>") != NULL, "10 missing values");
	tap_ok(strstr(html, "skipped, unknown code") == NULL, "reasons with no row are left out");
	tap_ok(strstr(html, "Not in any dyad</th><td>7</td>") != NULL, "7 rows in no dyad");
	tap_ok(strstr(html, "<li>2026-05 has 49 rows, under half the median of the months before it (100): "
	              "possibly an incomplete extract</li>") != NULL, "May flagged as possibly incomplete");
	tap_int(count(html, "not configured"), 3, "denials, handoffs, burnout not configured");
	tap_ok(at(html, "<h3>denials</h3>\n<p class=\"none\">not configured</p>") >= 0, "denials not configured");

	/* The same inputs give the same bytes; no date when none is given. */
	tap_int(dr_write_index(root, &cfg, &q, "October 2026", "2026-11-14"), 0, "written again");
	tap_ok(strcmp(html, tu_slurp(path)) == 0, "same bytes on a second run");
	tap_int(dr_write_index(root, &cfg, &q, "October 2026", NULL), 0, "written without a date");
	tap_ok(strstr(tu_slurp(path), "Generated") == NULL, "no date printed");
	free(html);
	loop_lines(root, path, &cfg, &q);

	/* A root that is not there: an error, -1. */
	snprintf(root, sizeof root, "%s/missing", tu_scratch());
	tu_stderr_begin();
	int rc = dr_write_index(root, &cfg, &q, "October 2026", NULL);
	const char *err = tu_stderr_end();
	tap_int(rc, -1, "missing root: -1");
	tap_ok(strstr(err, "missing/index.html: cannot write") != NULL, "the message names the file");

	dr_quality_free(&q);
	dr_config_free(&cfg);
	tu_cleanup();
	return tap_done();
}
