/*
 * test-doc-coverage.c -- dyadreport.ini(5) documents everything a user can
 * write, checked from the very tables the program reads and as man renders
 * the page, so the manual cannot drift from the parser.
 *
 * Takes:  DR_MAN5, the page's path (Makefile.am sets it to
 *         $(srcdir)/doc/dyadreport.ini.5), rendered with
 *         `MANWIDTH=200 man -l PAGE | col -bx` in the C locale.
 * Checks: every site-config key in the subsection of its kind of section
 *         (SITE CONFIG, [report] ... [commentary]); every template key in
 *         [template] and/or [page NAME], every page kind, chart kind,
 *         breakdown, window and y_axis value in [page NAME]; for each of the
 *         four extracts and the commentary every default column as an entry of its subsection
 *         with its type and, exactly when it is required, "required", and
 *         every canonical code of its code columns; every metric key under
 *         METRICS (in its extract's subsection) and every breakdown with
 *         each of its measures under METRICS, Breakdowns.
 * Skips:  (a TAP "1..0 # SKIP") when man or col is not installed.
 *
 * The rendered page is split by its headings: a line at column 0 is a .SH,
 * one indented 3 a .SS; in a .TP entry the tag is indented 7 and its body
 * more. Words are found whole (not inside a longer key), with the line
 * breaks of the rendering undone both ways (a word hyphenated at a line end,
 * or broken after its own hyphen).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/config.h"
#include "dyadreport/load.h"
#include "dyadreport/metric.h"
#include "dyadreport/template.h"
#include "tap.h"

/* The rendered page, one string per line. */
static char **line;
static size_t nlines;

static size_t indent(size_t i)
{
	size_t n = 0;
	while (line[i][n] == ' ')
		n++;
	return line[i][n] ? n : (size_t)-1;      /* a blank line has no indent */
}

/* A run of lines [from, to). */
struct span {
	size_t from, to;
};

/* The lines under the heading at indent depth (0: .SH, 3: .SS) inside
 * within whose text contains name; {0, 0} when there is none. */
static struct span heading(struct span within, size_t depth, const char *name)
{
	for (size_t i = within.from; i < within.to; i++) {
		if (indent(i) != depth || !strstr(line[i], name))
			continue;
		size_t j = i + 1;
		while (j < within.to && (indent(j) == (size_t)-1 || indent(j) > depth))
			j++;
		return (struct span){ i, j };
	}
	return (struct span){ 0, 0 };
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Whether word occurs whole in text (a word ending in '.' is a prefix key,
 * "col.", and is followed by anything). */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
		bool start = p == text || (!word_char(p[-1]) && p[-1] != '-' && p[-1] != '.');
		bool end = word[n - 1] == '.' || (!word_char(p[n]) && !(p[n] == '-' && word_char(p[n + 1])));
		if (start && end)
			return true;
	}
	return false;
}

/* The span's text joined three ways: a line end as a space, as nothing
 * after a hyphen ("last-" "month"), and as nothing with the hyphen dropped
 * ("suppress_be-" "low"). */
struct joined {
	char *text[3];
};

static struct joined join(struct span s)
{
	struct joined j;
	for (int way = 0; way < 3; way++) {
		size_t size = 1;
		for (size_t i = s.from; i < s.to; i++)
			size += strlen(line[i]) + 1;
		char *out = malloc(size), *o = out;
		for (size_t i = s.from; i < s.to; i++) {
			const char *l = line[i];
			while (*l == ' ')
				l++;
			size_t n = strlen(l);
			while (n && l[n - 1] == ' ')
				n--;
			memcpy(o, l, n);
			o += n;
			bool hyphen = n >= 2 && o[-1] == '-' && isalpha((unsigned char)o[-2]);
			if (way == 2 && hyphen)
				o--;
			if (!(way > 0 && hyphen))
				*o++ = ' ';
		}
		*o = '\0';
		j.text[way] = out;
	}
	return j;
}

static bool joined_has(const struct joined *j, const char *word)
{
	for (int way = 0; way < 3; way++)
		if (has_word(j->text[way], word))
			return true;
	return false;
}

static void joined_free(struct joined *j)
{
	for (int way = 0; way < 3; way++)
		free(j->text[way]);
}

/* Checks that span s (empty: the heading was not found) holds word. */
static void check_word(struct span s, const char *where, const char *what, const char *word)
{
	char name[256];
	snprintf(name, sizeof name, "%s documents %s %s", where, what, word);
	if (s.to == 0) {
		tap_ok(0, name);
		printf("#   no such section or entry in the rendered page\n");
		return;
	}
	struct joined j = join(s);
	tap_ok(joined_has(&j, word), name);
	joined_free(&j);
}

/* The .TP entry of s whose tag (indent 7) starts with word: the tag line
 * and its body; {0, 0} when there is none. */
static struct span entry(struct span s, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = s.from; i < s.to; i++) {
		const char *l = line[i] + 7;
		if (indent(i) != 7 || strncmp(l, word, n) != 0 || word_char(l[n]))
			continue;
		size_t j = i + 1;
		while (j < s.to && (indent(j) == (size_t)-1 || indent(j) > 7))
			j++;
		return (struct span){ i, j };
	}
	return (struct span){ 0, 0 };
}

/* Reads the rendered page; false when man or col is missing. */
static bool render(const char *page)
{
	if (system("command -v man >/dev/null 2>&1 && command -v col >/dev/null 2>&1") != 0)
		return false;
	setenv("DR_MAN_PAGE", page, 1);
	FILE *f = popen("LC_ALL=C MANWIDTH=200 MAN_KEEP_FORMATTING= man -l \"$DR_MAN_PAGE\" "
	                "2>/dev/null | col -bx", "r");
	if (!f)
		return false;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&buf, &cap, f)) >= 0) {
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
			buf[--len] = '\0';
		line = realloc(line, (nlines + 1) * sizeof *line);
		line[nlines++] = strdup(buf);
	}
	free(buf);
	pclose(f);
	return true;
}

static void site_config(struct span all)
{
	struct span sc = heading(all, 0, "SITE CONFIG");
	const char *section;
	size_t n = 0;
	for (const char *key; (key = dr_config_key_name(n, &section)) != NULL; n++) {
		char where[96];
		snprintf(where, sizeof where, "SITE CONFIG %s", section);
		check_word(heading(sc, 3, section), where, "key", key);
	}
	tap_ok(n >= 40, "the config table has its keys (40 or more)");
}

static void templates(struct span all)
{
	struct span t = heading(all, 0, "TEMPLATES");
	struct span tmpl = heading(t, 3, "[template]"), page = heading(t, 3, "[page NAME]");
	bool in_template, in_page;
	size_t n = 0;
	for (const char *key; (key = dr_template_key_name(n, &in_template, &in_page)) != NULL; n++) {
		if (in_template)
			check_word(tmpl, "TEMPLATES [template]", "key", key);
		if (in_page)
			check_word(page, "TEMPLATES [page NAME]", "key", key);
	}
	tap_ok(n >= 17, "the template table has its keys (17 or more)");
	for (int k = 0; k < DR_NPAGE_KINDS; k++)
		check_word(page, "TEMPLATES [page NAME]", "page kind", dr_page_kind_name(k));
	for (int k = 0; k < DR_CHART_NKINDS; k++)
		check_word(page, "TEMPLATES [page NAME]", "chart kind", dr_chart_kind_name(k));
	for (int w = DR_WINDOW_MONTH; w <= DR_WINDOW_WAVE; w++)
		check_word(page, "TEMPLATES [page NAME]", "window", dr_window_name(w));
	for (size_t i = 0; dr_template_yaxis_name(i); i++)
		check_word(page, "TEMPLATES [page NAME]", "y_axis", dr_template_yaxis_name(i));
}

/* The entry of column c of extract e: "NAME (TYPE)" or "NAME (TYPE,
 * required)", then its codes in its body. */
static void column(struct span ex, enum dr_extract e, size_t c)
{
	const char *name = dr_load_column_name(e, c);
	char want[128], what[320];
	snprintf(want, sizeof want, "%s (%s%s)", name, dr_load_column_type(e, c),
	         dr_load_column_required(e, c) ? ", required" : "");
	snprintf(what, sizeof what, "EXTRACTS %s documents column %s as \"%s\"", dr_extract_name(e),
	         name, want);
	struct span en = entry(ex, name);
	size_t n = strlen(want);
	const char *tag = en.to ? line[en.from] + 7 : "";
	bool same = strncmp(tag, want, n) == 0 && (tag[n] == '\0' || tag[n] == ' ');
	tap_ok(same, what);
	if (en.to && !same)
		printf("#   the page says \"%s\"\n", tag);
	const char *code;
	for (size_t i = 0; (code = dr_load_column_code(e, c, i)) != NULL; i++) {
		char where[96];
		snprintf(where, sizeof where, "EXTRACTS %s, column %s,", dr_extract_name(e), name);
		check_word(en, where, "code", code);
	}
}

static void extracts(struct span all)
{
	struct span ex = heading(all, 0, "EXTRACTS");
	size_t ncols = 0;
	for (int e = 0; e < DR_NSOURCES; e++) {
		char name[32];
		snprintf(name, sizeof name, "   %s", dr_extract_name(e));
		struct span s = { 0, 0 };
		for (size_t i = ex.from; i < ex.to; i++)     /* the .SS named exactly so */
			if (strcmp(line[i], name) == 0) {
				s = heading((struct span){ i, ex.to }, 3, dr_extract_name(e));
				break;
			}
		for (size_t c = 0; c < dr_load_ncolumns(e); c++, ncols++)
			column(s, e, c);
	}
	tap_ok(ncols >= 47, "the five schemas have their columns (47 or more)");
	check_word(ex, "EXTRACTS", "the code", DR_LOAD_IGNORE);
}

static void metrics(struct span all)
{
	struct span m = heading(all, 0, "METRICS");
	for (int id = 0; id < DR_NMETRICS; id++) {
		const struct dr_metric_def *def = dr_metric_def(id);
		char where[64];
		snprintf(where, sizeof where, "METRICS %s", dr_extract_name(def->extract));
		check_word(entry(heading(m, 3, dr_extract_name(def->extract)), def->key), where, "metric",
		           def->key);
	}
	struct span by = heading(m, 3, "Breakdowns");
	for (int b = DR_BY_NONE + 1; b < DR_NBREAKDOWNS; b++) {
		const char *name = dr_breakdown_name(b);
		char where[96];
		snprintf(where, sizeof where, "METRICS Breakdowns, %s,", name);
		struct span en = entry(by, name);
		check_word(en, where, "breakdown", name);
		size_t n;
		const struct dr_measure *ms = dr_breakdown_measures(b, &n);
		for (size_t i = 0; i < n; i++)
			check_word(en, where, "measure", ms[i].key);
	}
}

int main(void)
{
	const char *page = getenv("DR_MAN5");
	if (!page || !*page) {
		printf("Bail out! DR_MAN5 is not set: run through make check\n");
		return 1;
	}
	if (!render(page)) {
		printf("1..0 # SKIP man (man-db) or col (bsdextrautils) not installed\n");
		return 0;
	}
	tap_ok(nlines > 200, "man renders the page");
	struct span all = { 0, nlines };
	site_config(all);
	templates(all);
	extracts(all);
	metrics(all);
	for (size_t i = 0; i < nlines; i++)
		free(line[i]);
	free(line);
	return tap_done();
}
