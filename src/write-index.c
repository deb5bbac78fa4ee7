/*
 * write-index.c -- index.html at the output root (doc/guide.md, "What a run writes"): the
 * page people open on the shared drive to find each dyad's packet, charts
 * and CSVs, with the run's data-quality summary.
 *
 * Input:  the output root, the config (dyads in config order, organization,
 *         extract names), the run's struct dr_quality, the period as printed
 *         ("October 2026") and the generation date or NULL.
 * Files:  found by scanning ROOT/<dyad id>/ now, not by what this run wrote,
 *         so packets of dyads left out with -d stay listed. Regular files
 *         only (symbolic links are not followed), at most 3 levels deep
 *         (town-hall/charts/x.png); names starting with '.', containing
 *         ".tmp" (our temporary files) or ending in ".lock" are skipped.
 *         Grouped PDFs, CSVs, charts (PNG, SVG), other files; each group
 *         sorted bytewise (strcmp), so the page is the same on every file
 *         system. Sizes in KB, rounded up, so a file is never "0 KB".
 * Output: static HTML5, UTF-8, lang="en", an inline <style> and nothing
 *         else: no script, no external resource, works over file://. Links
 *         are relative to the root with every path component percent-encoded
 *         (RFC 3986 unreserved characters kept); every text, from the config
 *         or a file name, is HTML-escaped. A file name that is not UTF-8 is
 *         shown in its percent-encoded form.
 * Overview: when the root (the staging area, for a run) holds
 *         overview.pdf or overview.csv (overview.h), a "System overview"
 *         section lists them before the dyads, first in the navigation.
 * Loop:   with a commentary (write.h, struct dr_index_loop), each dyad's
 *         section says how many of its actions are open as of the report
 *         month and how many of those are overdue ("3 open actions, 1
 *         overdue", "No open actions"), counting only public rows for a
 *         public template ("2 open public actions"). Comments are not listed: the page is a file
 *         list, a comment belongs beside its chart (PDF) and its metric's
 *         row (metrics.csv).
 * Owns:   the file list of one dyad at a time (memory grows with files, never
 *         with rows). Never reads an extract or prints a cell value.
 * Errors: a folder that cannot be read or a failed write: message, -1, and
 *         the previous index.html stays (atomic write).
 * Tests:  tests/unit/test-index.c; tests/cli/sample-packets.sh follows links.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/diag.h"
#include "dyadreport/load.h"
#include "dyadreport/quality.h"
#include "dyadreport/write.h"

/* Deepest file listed: DYAD/a/b/file is 3 components below the dyad. */
#define MAX_DEPTH 3

enum group { G_PDF, G_CSV, G_CHART, G_OTHER, G_N };

static const char *const group_title[G_N] = { "Packets (PDF)", "Data (CSV)", "Charts", "Other files" };

struct entry {
	char *rel;                  /* path below the dyad folder, '/'-separated */
	long long size;
};

struct list {
	struct entry *e;
	size_t n, cap;
};

/* Text with & < > " ' escaped. */
static void put_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		const char *e = dr_xml_entity(*s);
		if (e)
			fputs(e, fp);
		else
			putc(*s, fp);
	}
}

/* A relative path as a URL: each component percent-encoded, '/' kept
 * between them. The result is plain ASCII, safe inside an attribute. */
static void put_url(FILE *fp, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			putc(c, fp);
		else
			fprintf(fp, "%%%02X", c);
	}
}

/* A file name as text: escaped, or its URL form when not UTF-8. */
static void put_name(FILE *fp, const char *s)
{
	if (dr_load_utf8_valid(s, strlen(s)))
		put_text(fp, s);
	else
		put_url(fp, s);
}

/* Our temporary files, hidden files and the output lock. */
static bool skipped_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || strstr(name, ".tmp") ||
	       (n >= 5 && strcmp(name + n - 5, ".lock") == 0);
}

static enum group group_of(const char *rel)
{
	const char *dot = strrchr(rel, '.');
	if (!dot || strchr(dot, '/'))
		return G_OTHER;
	if (strcasecmp(dot, ".pdf") == 0)
		return G_PDF;
	if (strcasecmp(dot, ".csv") == 0)
		return G_CSV;
	if (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".svg") == 0)
		return G_CHART;
	return G_OTHER;
}

/* Adds the regular files of dir (rel is its path below the dyad folder,
 * "" for the folder itself) to l, descending while depth < MAX_DEPTH.
 * Returns 0, 1 when dir does not exist, or -1 after a message. */
static int scan(const char *dir, const char *rel, int depth, struct list *l)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1;
		dr_error("%s: cannot read folder: %s", dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	struct dirent *de;
	while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
		if (skipped_name(de->d_name))
			continue;
		struct stat st;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;           /* gone since readdir (a rename): not listed */
		char *r = *rel ? dr_xasprintf("%s/%s", rel, de->d_name) : dr_xstrdup(de->d_name);
		if (S_ISREG(st.st_mode)) {
			if (l->n == l->cap) {
				l->cap = l->cap ? 2 * l->cap : 16;
				l->e = dr_xreallocarray(l->e, l->cap, sizeof *l->e);
			}
			l->e[l->n].rel = r;
			l->e[l->n++].size = (long long)st.st_size;
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth + 1 < MAX_DEPTH) {
			char *sub = dr_xasprintf("%s/%s", dir, de->d_name);
			rc = scan(sub, r, depth + 1, l) < 0 ? -1 : 0;
			free(sub);
		}
		free(r);
	}
	if (rc == 0 && errno != 0) {
		dr_error("%s: cannot read folder: %s", dir, strerror(errno));
		rc = -1;
	}
	closedir(d);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->rel, ((const struct entry *)b)->rel);
}

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->e[i].rel);
	free(l->e);
	memset(l, 0, sizeof *l);
}

/* One <li>: the link (root-relative: DYAD/REL) and the size. */
static void put_file(FILE *fp, const char *dyad, const struct entry *e)
{
	fputs("<li><a href=\"", fp);
	if (dyad) {
		put_url(fp, dyad);
		putc('/', fp);
	}
	put_url(fp, e->rel);
	fputs("\">", fp);
	put_name(fp, e->rel);
	fprintf(fp, "</a> <span class=\"size\">%lld KB</span></li>\n", (e->size + 1023) / 1024);
}

/* Dyad d's open actions as of the loop's month, and how many of them are
 * overdue: "3 open actions, 1 overdue", "1 open action", "No open
 * actions"; "open public actions" for a public template, whose counts
 * leave internal rows out. */
static void put_loop(FILE *fp, const struct dr_index_loop *loop, size_t d)
{
	struct dr_action *a = NULL;
	size_t nopen = 0, overdue = 0;
	dr_commentary_actions(loop->commentary, d, loop->at, loop->public_only, &a, &nopen);
	for (size_t i = 0; i < nopen; i++)
		overdue += a[i].overdue;
	free(a);
	const char *which = loop->public_only ? " public" : "";
	fputs("<p class=\"loop\">", fp);
	if (nopen == 0)
		fprintf(fp, "No open%s actions", which);
	else
		fprintf(fp, "%zu open%s action%s", nopen, which, nopen == 1 ? "" : "s");
	if (overdue)
		fprintf(fp, ", %zu overdue", overdue);
	fputs("</p>\n", fp);
}

/* The section of dyad d: its files in staged/<id> when staged holds
 * that folder (the run's staging area), else in root/<id>. */
static int put_dyad(FILE *fp, const char *root, const char *staged, const struct dr_config *cfg,
                    size_t d, const struct dr_index_loop *loop)
{
	const struct dr_dyad *dy = &cfg->dyads[d];
	struct list l = { 0 };
	int rc = 1;
	if (staged) {
		char *dir = dr_xasprintf("%s/%s", staged, dy->id);
		rc = scan(dir, "", 0, &l);
		free(dir);
	}
	if (rc == 1) {
		char *dir = dr_xasprintf("%s/%s", root, dy->id);
		rc = scan(dir, "", 0, &l);
		free(dir);
	}
	if (rc < 0) {
		list_free(&l);
		return -1;
	}
	if (l.n)
		qsort(l.e, l.n, sizeof *l.e, cmp_entry);

	fputs("<section id=\"d-", fp);
	put_url(fp, dy->id);
	fputs("\">\n<h2>", fp);
	put_text(fp, dy->name);
	fputs("</h2>\n", fp);
	if (*dy->physician || *dy->administrator) {
		fputs("<p class=\"who\">", fp);
		if (*dy->physician) {
			fputs("Physician lead: ", fp);
			put_text(fp, dy->physician);
		}
		if (*dy->physician && *dy->administrator)
			fputs(" &middot; ", fp);
		if (*dy->administrator) {
			fputs("Administrator lead: ", fp);
			put_text(fp, dy->administrator);
		}
		fputs("</p>\n", fp);
	}
	if (loop && loop->commentary)
		put_loop(fp, loop, d);
	if (l.n == 0)
		fputs("<p class=\"none\">no files yet</p>\n", fp);
	for (int g = 0; g < G_N; g++) {
		bool any = false;
		for (size_t i = 0; i < l.n; i++) {
			if ((int)group_of(l.e[i].rel) != g)
				continue;
			if (!any)
				fprintf(fp, "<h3>%s</h3>\n<ul%s>\n", group_title[g],
				        g == G_CHART ? " class=\"charts\"" : "");
			any = true;
			put_file(fp, dy->id, &l.e[i]);
		}
		if (any)
			fputs("</ul>\n", fp);
	}
	fputs("</section>\n", fp);
	list_free(&l);
	return 0;
}

/* One row of a quality table. */
static void put_count(FILE *fp, const char *what, long n)
{
	fprintf(fp, "<tr><th scope=\"row\">%s</th><td>%ld</td></tr>\n", what, n);
}

/* The data-quality summary: a table per extract, then flagged months. */
static void put_quality(FILE *fp, const char *root, const struct dr_config *cfg,
                        const struct dr_quality *q)
{
	fputs("<section id=\"quality\">\n<h2>Data quality</h2>\n", fp);
	char *path = dr_xasprintf("%s/data-quality.csv", root);
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		struct entry e = { .rel = "data-quality.csv", .size = (long long)st.st_size };
		fputs("<ul>\n", fp);
		put_file(fp, NULL, &e);
		fputs("</ul>\n", fp);
	}
	free(path);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		const struct dr_load_stats *ls = &q->load[e];
		fprintf(fp, "<h3>%s</h3>\n", dr_extract_name(e));
		if (!q->loaded[e]) {
			fputs("<p class=\"none\">not configured</p>\n", fp);
			continue;
		}
		if (cfg->input_raw[e]) {
			fputs("<p class=\"file\">", fp);
			put_text(fp, cfg->input_raw[e]);
			fputs("</p>\n", fp);
		}
		fputs("<table>\n", fp);
		put_count(fp, "Rows read", ls->rows_read);
		put_count(fp, "Used", ls->rows_used);
		put_count(fp, "Ignored (mapped to IGNORE)", ls->rows_ignored);
		put_count(fp, "Skipped", dr_load_skipped(ls));
		for (int r = 0; r < DR_NSKIP; r++)
			if (ls->skipped[r]) {
				fputs("<tr class=\"why\"><th scope=\"row\">skipped, ", fp);
				put_text(fp, dr_skip_reason_text(r));
				fprintf(fp, "</th><td>%ld</td></tr>\n", ls->skipped[r]);
			}
		put_count(fp, "Not in any dyad", q->unowned[e]);
		if (e == DR_DENIALS && q->denied_unspecified)
			put_count(fp, "Denied without a reason", q->denied_unspecified);
		fputs("</table>\n", fp);
		bool any = false;
		for (dr_month mo = q->first; mo <= q->last; mo++) {
			char note[160];
			if (!dr_quality_low_note(q, e, mo, note, sizeof note))
				continue;
			fputs(any ? "" : "<ul class=\"low\">\n", fp);
			any = true;
			fputs("<li>", fp);
			put_text(fp, note);
			fputs("</li>\n", fp);
		}
		if (any)
			fputs("</ul>\n", fp);
		else
			fputs("<p class=\"none\">No month flagged as a possibly incomplete extract.</p>\n", fp);
	}
	fputs("</section>\n", fp);
}

/* The system overview's files (overview.h) in dir, the run's staging
 * area or the root: a section before the dyads' when there is any. */
static bool has_overview(const char *dir)
{
	static const char *const names[] = { "overview.pdf", "overview.csv" };
	bool any = false;
	for (size_t i = 0; i < 2; i++) {
		char *path = dr_xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		any |= lstat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
	}
	return any;
}

static void put_overview(FILE *fp, const char *dir)
{
	static const char *const names[] = { "overview.pdf", "overview.csv" };
	fputs("<section id=\"overview\">\n<h2>System overview</h2>\n"
	      "<p class=\"who\">Every dyad at a glance</p>\n<ul>\n", fp);
	for (size_t i = 0; i < 2; i++) {
		char *path = dr_xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			struct entry e = { .rel = (char *)names[i], .size = (long long)st.st_size };
			put_file(fp, NULL, &e);
		}
		free(path);
	}
	fputs("</ul>\n</section>\n", fp);
}

/* "<organization> — dyad packets, <period>", or "Dyad packets, <period>". */
static void put_title(FILE *fp, const char *org, const char *period)
{
	if (*org) {
		put_text(fp, org);
		fputs(" \xE2\x80\x94 dyad packets, ", fp);
	} else {
		fputs("Dyad packets, ", fp);
	}
	put_text(fp, period);
}

static const char style[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
	"max-width:48em;margin:0 auto;padding:1em;line-height:1.45;color:#1a1a1a;background:#fff}\n"
	"h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.25em;margin:.2em 0}"
	"h3{font-size:1em;margin:.9em 0 .2em}\n"
	"section{border-top:1px solid #ccc;margin-top:1.2em;padding-top:.4em}\n"
	"ul{margin:.2em 0;padding-left:1.2em}li{margin:.15em 0;overflow-wrap:anywhere}\n"
	"ul.charts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2em 1.2em}\n"
	"a{color:#0645ad}.size,.who,.file,.none,.generated{color:#555}.loop{font-weight:600}.size{font-size:.85em}\n"
	"table{border-collapse:collapse}th,td{padding:.15em .8em .15em 0;text-align:left;"
	"border-bottom:1px solid #eee}td{text-align:right;font-variant-numeric:tabular-nums}\n"
	"tr.why th{font-weight:normal;padding-left:1em}\n";

int dr_write_index(const char *root, const struct dr_config *cfg, const struct dr_quality *q,
                   const char *period, const char *generated)
{
	return dr_write_index_staged(root, NULL, cfg, q, period, generated, NULL);
}

int dr_write_index_staged(const char *root, const char *staged, const struct dr_config *cfg,
                          const struct dr_quality *q, const char *period, const char *generated,
                          const struct dr_index_loop *loop)
{
	struct dr_wfile w;
	char *path = dr_xasprintf("%s/index.html", staged ? staged : root);
	int rc = dr_write_open(&w, path);
	free(path);
	if (rc != 0)
		return -1;
	FILE *fp = w.fp;
	const char *org = cfg->organization ? cfg->organization : "";
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", fp);
	put_title(fp, org, period);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
	put_title(fp, org, period);
	fputs("</h1>\n", fp);
	if (generated) {
		fputs("<p class=\"generated\">Generated ", fp);
		put_text(fp, generated);
		fputs("</p>\n", fp);
	}
	bool overview = has_overview(staged ? staged : root);
	fputs("<nav>\n<ul>\n", fp);
	if (overview)
		fputs("<li><a href=\"#overview\">System overview</a></li>\n", fp);
	for (size_t d = 0; d < cfg->ndyads; d++) {
		fputs("<li><a href=\"#d-", fp);
		put_url(fp, cfg->dyads[d].id);
		fputs("\">", fp);
		put_text(fp, cfg->dyads[d].name);
		fputs("</a></li>\n", fp);
	}
	fputs("<li><a href=\"#quality\">Data quality</a></li>\n</ul>\n</nav>\n</header>\n<main>\n", fp);
	if (overview)
		put_overview(fp, staged ? staged : root);
	for (size_t d = 0; d < cfg->ndyads; d++)
		if (put_dyad(fp, root, staged, cfg, d, loop) != 0) {
			dr_write_abort(&w);
			return -1;
		}
	put_quality(fp, staged ? staged : root, cfg, q);
	fputs("</main>\n</body>\n</html>\n", fp);
	return dr_write_commit(&w);
}
