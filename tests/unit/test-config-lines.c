/*
 * test-config-lines.c -- how the INI reader (config-ini.c) takes lines:
 * any length, values continued on indented lines, section names of any
 * length; and what its messages may say: never a value, an unknown key or
 * section name from the file, at most 10 of them per file, dyad ids named
 * only when short printable ASCII, text values checked as UTF-8. Site config
 * and templates alike.
 */
#include <time.h>

#include "dyadreport/config.h"
#include "dyadreport/template.h"
#include "tap.h"
#include "testutil.h"

/* What every config below needs besides the dyads under test. */
#define INPUT "[input]\nvisits = v.csv\n"

/* Loads text as a config; returns the exit code and the captured stderr. */
static int load(const char *text, struct dr_config *cfg, const char **err)
{
	const char *path = tu_write("site.ini", text);
	tu_stderr_begin();
	int rc = dr_config_load(path, cfg);
	*err = tu_stderr_end();
	return rc;
}

/* Loads text as a template, likewise. */
static int load_template(const char *text, struct dr_template *t, const char **err)
{
	const char *path = tu_write("tmpl.ini", text);
	tu_stderr_begin();
	int rc = dr_template_load(path, t);
	*err = tu_stderr_end();
	return rc;
}

/* Asserts that text fails (exit 2) with a message containing want. */
static void fails(const char *text, const char *want, const char *name)
{
	struct dr_config cfg;
	const char *err;
	int rc = load(text, &cfg, &err);
	tap_int(rc, 2, name);
	tap_ok(strstr(err, want) != NULL, name);
	if (!strstr(err, want))
		printf("#   stderr: %s#   wanted: %s\n", err, want);
	dr_config_free(&cfg);
}

/* Lines in s. */
static int lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* A heap string of n copies of c. */
static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void long_lines(void)
{
	struct dr_config cfg;
	const char *err;

	/* A 5,000-byte departments line: 715 codes D0000..D0714, ", " apart. */
	size_t size = 8000, len = 0;
	char *deps = malloc(size);
	for (int i = 0; len < 5000; i++)
		len += (size_t)snprintf(deps + len, size - len, "%sD%04d", i ? ", " : "", i);
	tap_int((long)len, 5003, "the departments line is 5,003 bytes");
	char *name = repeat('N', 300);
	char *text = dr_xasprintf("[report]\nlabel = %s\n" INPUT "[dyad a]\nname = %s\ndepartments = %s\n"
	                          "[dyad b]\ndepartments = X\n", name, name, deps);
	tap_int(load(text, &cfg, &err), 0, "a 5,000-byte departments line and a 300-byte name load");
	tap_str(err, "", "... silently");
	tap_int((long)cfg.ndyads, 2, "... both dyads read");
	tap_ok(cfg.ndyads == 2 && cfg.dyads[0].ndepartments == 715, "... every department of the long line");
	tap_str(cfg.ndyads == 2 ? cfg.dyads[0].departments[714] : "", "D0714", "... the last one whole");
	tap_int((long)strlen(cfg.ndyads ? cfg.dyads[0].name : ""), 300, "a 300-byte display name whole");
	tap_int((long)strlen(cfg.label), 300, "a 300-byte label whole");
	tap_str(cfg.ndyads == 2 ? cfg.dyads[1].departments[0] : "", "X", "the line after it is its own key");
	dr_config_free(&cfg);
	free(text);

	/* Line numbers after a long line stay right. */
	text = dr_xasprintf("[report]\nlabel = %s\nmonths = 1\n[dyad a]\ndepartments=X\n" INPUT, deps);
	fails(text, "site.ini:3: [report] months: must be a whole number", "line numbers after a long line");
	free(text);

	/* A dyad id and an annotation name of 120 bytes (inih cuts sections at 49). */
	char *id = repeat('d', 120);
	char *ann = repeat('A', 120);
	text = dr_xasprintf("[dyad %s]\ndepartments = X\n" INPUT "[annotation %s]\nmonth = 2026-01\n"
	                    "[dyad %.49s]\ndepartments = Y\n", id, ann, id);
	tap_int(load(text, &cfg, &err), 0, "a 120-byte section name loads");
	tap_ok(cfg.ndyads == 2 && strcmp(cfg.dyads[0].id, id) == 0, "... the dyad id whole");
	tap_ok(cfg.ndyads == 2 && strlen(cfg.dyads[1].id) == 49, "... not confused with its first 49 bytes");
	tap_ok(cfg.nannotations == 1 && strcmp(cfg.annotations[0].name, ann) == 0, "... the annotation name whole");
	dr_config_free(&cfg);
	free(text);
	text = dr_xasprintf("[dyad %s]\ndepartments = X\n" INPUT "[dyad %s]\ndepartments = Y\n", id, id);
	fails(text, "site.ini:5: section [dyad ID] appears twice (first on line 1)",
	      "a long id twice: named by its line, not printed");
	free(text);

	/* Over the 1 MiB limit: refused, never cut; the next line keeps its number. */
	char *huge = repeat('x', (1 << 20) + 10);
	text = dr_xasprintf("[report]\nlabel = %s\nmonths = 1\n", huge);
	fails(text, "site.ini:2: line is longer than 1048576 bytes", "a line over 1 MiB is refused");
	fails(text, "site.ini:3: [report] months: must be", "... and the next line keeps its number");
	free(text);
	free(huge);

	/* Templates too. */
	struct dr_template t;
	char *metrics = dr_xasprintf("no_show_rate%s", "");
	text = dr_xasprintf("[template]\ntitle = %s\n[page %s]\nkind = chart-grid\nmetrics = %s\n", name, id,
	                    metrics);
	tap_int(load_template(text, &t, &err), 0, "template: a 300-byte title and a 120-byte page name");
	tap_ok(t.title && strlen(t.title) == 300, "... the title whole");
	tap_ok(t.npages == 1 && strcmp(t.pages[0].name, id) == 0, "... the page name whole");
	dr_template_free(&t);
	free(text);
	free(metrics);
	free(id);
	free(ann);
	free(name);
	free(deps);
}

static void continuations(void)
{
	struct dr_config cfg;
	const char *err;
	tap_int(load("[dyad a]\ndepartments = A, B,\n  C, D,\n  E\n"
	             "name = Surgical\n\tand Perioperative\n  Services\n"
	             "[dyad b]\ndepartments =\n  F\n  G\n; a comment between\n  ; an indented one\n  H\n"
	             INPUT "[annotation ehr]\nmonth = 2026-01\nmetrics = no_show_rate,\n  new_patient_share\n"
	             "text = EHR\n  go-live ; inline comment\n", &cfg, &err), 0, "lists and text over indented lines");
	tap_str(err, "", "... silently");
	const struct dr_dyad *a = cfg.ndyads == 2 ? &cfg.dyads[0] : NULL, *b = a ? &cfg.dyads[1] : NULL;
	tap_ok(a && a->ndepartments == 5 && !strcmp(a->departments[2], "C") && !strcmp(a->departments[4], "E"),
	       "commas at line ends: A B C D E");
	tap_ok(b && b->ndepartments == 3 && !strcmp(b->departments[0], "F") && !strcmp(b->departments[2], "H"),
	       "one item per line, comment lines between: F G H");
	tap_str(a ? a->name : "", "Surgical and Perioperative Services", "text: a line break is one space");
	tap_ok(cfg.nannotations == 1 && cfg.annotations[0].nmetrics == 2, "annotation metrics over two lines");
	tap_str(cfg.nannotations ? cfg.annotations[0].text : "", "EHR go-live", "inline comment on a continuation");
	dr_config_free(&cfg);

	fails("[dyad a]\ndepartments = A\n\n  B\n" INPUT,
	      "site.ini:4: indented line, but no value to continue: an indented line continues the key = "
	      "value line right above it (no blank line between)", "a blank line ends a value");
	fails("[dyad a]\n  departments = A\n" INPUT, "site.ini:2: indented line, but no value to continue",
	      "an indented line after a section header");
	fails("[dyad a]\nname = A\n  departments = A\n" INPUT,
	      "site.ini:3: indented line sets key departments: write keys at the start of a line",
	      "an indented known key is not swallowed by the value above");
	fails("[dyad a]\ndepartments = A\n  [report]\n" INPUT, "site.ini:3: indented section header",
	      "an indented section header");
	fails("[report]\nperiod = 2026-10\n  months = 13\nmonths = 14\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:3: indented line sets key months", "an indented key is refused ...");
	struct dr_template t;
	tap_int(load_template("[page a]\nkind = chart-grid\nmetrics = no_show_rate,\n  new_patient_share\n"
	                      "  lead_days_median\ntitle = Access\n  and flow\n", &t, &err), 0,
	        "template: metrics over three lines");
	tap_ok(t.npages == 1 && t.pages[0].nmetrics == 3, "... three metrics");
	tap_str(t.npages ? t.pages[0].title : "", "Access and flow", "... title over two lines");
	dr_template_free(&t);
	tap_int(load_template("[page a]\nkind = cover\n  title = x\n", &t, &err), 2,
	        "template: an indented key is refused");
	tap_ok(strstr(err, "tmpl.ini:3: indented line sets key title") != NULL, "... naming the key");
}

/* Writes an /etc/passwd-like file whose account names must never be echoed. */
static const char passwd[] =
	"root:x:0:0:root:/root:/bin/bash\n"
	"alicexq:x:1000:1000:Alice Quinton,,,:/home/alicexq:/bin/bash\n"
	"bobzed:$6$salt$hashhashhash:19000:0:99999:7:::\n"
	"[carolyn]\n"
	"dave = 1\n"
	"[dyad Erin_Secret]\n"
	"[report]\n"
	"frankpw = hunter2\n"
	"months = gracepw\n"
	"[target heidi]\n";

static void quote_nothing(void)
{
	struct dr_config cfg;
	const char *err;
	static const char *const secrets[] = { "root", "alicexq", "Alice", "bobzed", "hash", "carolyn",
	                                       "dave", "frankpw", "hunter2", "gracepw",
	                                       "heidi", "/home", "bash" };
	tap_int(load(passwd, &cfg, &err), 2, "a passwd-like file as config: exit 2");
	tap_int(lines(err), 8, "... one message per bad line or section");
	int leaked = 0;
	for (size_t i = 0; i < DR_NELEM(secrets); i++)
		if (strstr(err, secrets[i])) {
			printf("#   leaked %s\n", secrets[i]);
			leaked++;
		}
	tap_int(leaked, 0, "... and none of its names or values in the messages");
	tap_ok(strstr(err, "site.ini:1: a key = value line stands before any section") != NULL,
	       "... saying what is wrong with line 1");
	tap_ok(strstr(err, "site.ini:8: unknown key in [report] (dyadreport.ini(5) lists the keys)") != NULL,
	       "... and with an unknown key");
	tap_ok(strstr(err, "site.ini:6: dyad id \"Erin_Secret\" is not allowed") != NULL,
	       "... a dyad id is the one name printed (short printable ASCII)");
	dr_config_free(&cfg);
	struct dr_template t;
	tap_int(load_template(passwd, &t, &err), 2, "... as a template: exit 2");
	leaked = 0;
	for (size_t i = 0; i < DR_NELEM(secrets); i++)
		leaked += strstr(err, secrets[i]) != NULL;
	tap_int(leaked, 0, "... none of its names either");
	tap_ok(strstr(err, "tmpl.ini:4: unknown section (use [template] or [page NAME])") != NULL,
	       "... unknown sections not named");

	/* A 100,000-line CSV: at most 10 problems and a count, quickly. */
	size_t size = 100001 * 64, len = 0;
	char *csv = malloc(size);
	len += (size_t)snprintf(csv, size, "visit_id,visit_date,patient_id,department,status,time\n");
	for (int i = 0; i < 100000; i++)
		len += (size_t)snprintf(csv + len, size - len, "V%d,2026-01-%02d,P%07d,ONC,COMPLETED,08:%02d\n",
		                        i, i % 28 + 1, i, i % 60);
	const char *path = tu_write("extract.csv", csv);
	free(csv);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tu_stderr_begin();
	int rc = dr_config_load(path, &cfg);
	err = tu_stderr_end();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	tap_int(rc, 2, "a 100,000-line CSV as config: exit 2");
	tap_int(lines(err), 11, "... 10 problems, then one line");
	tap_ok(strstr(err, "dyadreport: and 99991 more problems in ") != NULL, "... counting the rest");
	tap_ok(strstr(err, "P00") == NULL && strstr(err, "ONC") == NULL, "... quoting no cell");
	tap_ok(secs < 2, "... in under 2 s");
	dr_config_free(&cfg);

	/* Dyad ids: named when short printable ASCII, else described. */
	fails("[dyad Onc Ology]\ndepartments = X\n",
	      "site.ini:1: dyad id \"Onc Ology\" is not allowed: a dyad id may use only a-z, 0-9 and -",
	      "a printable bad id is named");
	char *id = dr_xasprintf("[dyad %s\xC3\xA9]\ndepartments = X\n", "onc-ology-onc-ology-onc-ology-onc-"
	                        "ology-onc-ology");
	fails(id, "site.ini:1: a dyad id of 51 bytes with a non-ASCII byte is not allowed: a dyad id may "
	      "use only a-z, 0-9 and -", "a long non-ASCII id is described, not printed");
	free(id);
	fails("[dyad a\x01]\ndepartments = X\n", "a dyad id of 2 bytes with a control character is not allowed",
	      "a control character in an id is described");

	/* Text values are UTF-8 without control characters. */
	fails("[dyad a]\nname = Onc\xE9ologie\ndepartments = X\n" INPUT,
	      "site.ini:2: [dyad a] name: is not UTF-8 text; save the file as UTF-8", "Latin-1 name refused");
	fails("[dyad a]\nname = \xC0\xAF\ndepartments = X\n" INPUT, "site.ini:2: [dyad a] name: is not UTF-8",
	      "overlong UTF-8 refused");
	fails("[dyad a]\nname = a\tb\ndepartments = X\n" INPUT, "site.ini:2: [dyad a] name: holds a control "
	      "character", "a tab in a name refused");
	fails("[report]\norganization = Ok\nlabel = \xED\xA0\x80\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:3: [report] label: is not UTF-8", "a UTF-16 surrogate refused");
	fails("[annotation \xFF]\nmonth = 2026-01\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:1: [annotation NAME]: is not UTF-8 text", "annotation name checked");
	tap_int(load_template("[template]\ntitle = R\xE9sum\xE9\n[page a]\nkind = cover\n", &t, &err), 2,
	        "template: a Latin-1 title refused");
	tap_ok(strstr(err, "tmpl.ini:2: [template] title: is not UTF-8 text") != NULL, "... naming the key");
	tap_int(load_template("[page a]\nkind = cover\nnote = \x1b[31mred\n", &t, &err), 2,
	        "template: an escape sequence in a note refused");
	tap_ok(strstr(err, "tmpl.ini:3: [page a] note: holds a control character") != NULL, "... naming the key");

	/* Unknown keys: a near miss is named from our own keys only. */
	fails("[dyad a]\ndepartmens = X\n" INPUT, "site.ini:2: unknown key in [dyad a] (did you mean departments?)",
	      "did you mean departments");
	/* The nearest key of the section, whatever the case, '-' for '_', a
	 * swap; a key of another section is named with its section. */
	fails("[report]\nSuppress-Below = 3\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:2: unknown key in [report] (did you mean suppress_below?)", "case and - for _");
	fails("[report]\nsuppress_belwo = 3\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:2: unknown key in [report] (did you mean suppress_below?)", "a transposition");
	fails("[report]\ndepartmnets = X\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:2: unknown key in [report] (did you mean departments? it belongs in [dyad ID])",
	      "a near miss of another section's key, with its section");
	fails("[dyad a]\ndepartments = X\npng_size = 10x10\n" INPUT,
	      "site.ini:3: unknown key in [dyad a]: png_size belongs in [report]",
	      "another section's key, with its section");
	fails("[dyad a]\ndepartments = X\n" INPUT "[visits]\ncol.visti_date = Appt Date\n",
	      "site.ini:6: [visits] col.COLUMN: no such column in this extract (did you mean "
	      "col.visit_date?)", "a near miss of a column");
	tap_int(load("[report]\nzorblax_secret = 1\nsuppress_belowzz = 2\n[dyad a]\ndepartments = X\n"
	             INPUT "[visits]\ncol.patient_secret = x\n", &cfg, &err), 2,
	        "unknown names: refused");
	tap_ok(!strstr(err, "zorblax") && !strstr(err, "belowzz") && !strstr(err, "secret"),
	       "an unknown key or column name is never echoed");
	dr_config_free(&cfg);
	tap_int(load_template("[template]\nkidn = cover\n[page a]\nkind = cover\npage-size = A4\n",
	                      &t, &err), 2, "template: keys of the other kind of section");
	tap_ok(strstr(err, "tmpl.ini:2: unknown key in [template] (did you mean kind? it belongs in a "
	              "[page NAME] section)") != NULL &&
	       strstr(err, "tmpl.ini:5: unknown key in [page a] (did you mean page_size? it belongs in "
	              "[template])") != NULL, "... named with where they belong");
	fails("months = 3\n[dyad a]\ndepartments = X\n" INPUT,
	      "site.ini:1: key months stands before any section", "a known key before any section is named");
	tap_int(load_template("[page a]\nkind = cover\ntitel = x\nmetrics = no_show_rat, xyzzy\n", &t, &err), 2,
	        "template: unknown key and metrics");
	tap_ok(strstr(err, "tmpl.ini:3: unknown key in [page a] (did you mean title?)") != NULL,
	       "... did you mean title");
	tap_ok(strstr(err, "tmpl.ini:4: metrics: item 1 is no metric (did you mean no_show_rate?)") != NULL,
	       "... a metric named by its place");
	tap_ok(strstr(err, "item 2 is no metric (see the definitions page for keys)") != NULL &&
	       !strstr(err, "xyzzy"), "... and never echoed");
}

int main(void)
{
	long_lines();
	continuations();
	quote_nothing();
	tu_cleanup();
	return tap_done();
}
