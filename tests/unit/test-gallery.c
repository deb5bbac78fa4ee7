/*
 * test-gallery.c -- every gallery chart (tests/gallery) traced: the
 * "-normal" item of each kind must match its golden trace in tests/golden/
 * byte for byte, and every item, at slide size, on paper, narrow and tiny,
 * must draw without a render.h state breach ("!!"), without a NAN or
 * infinite coordinate, and inside its box.
 *
 * To accept a changed drawing: DR_GOLDEN_UPDATE=1 tests/unit/test-gallery
 * (from the build folder, with srcdir set to the source folder) rewrites
 * the golden files; review the diff before committing it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/render.h"
#include "gallery.h"
#include "tap.h"
#include "testutil.h"
#include "charttest.h"

/* Reads a whole file; NULL when missing. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, k, m);
	fclose(m);
	fclose(f);
	return buf;
}

/* Counts numbers in t that are NAN/infinite, or coordinates far outside
 * the box (more than one box size beyond it). */
static int bad_numbers(const char *t, double w, double h)
{
	int bad = 0;
	/* Words after a space, outside the quoted strings of text calls (a
	 * French role may well begin "Infirmi\xc3\xa8res"). */
	bool quoted = false;
	for (const char *p = t; *p; p++) {
		if (*p == '"' && p[-1] != '\\')
			quoted = !quoted;
		if (*p == '\n')
			quoted = false;
		if (!quoted && (p == t || p[-1] == ' ') &&
		    (!strncmp(p, "nan", 3) || !strncmp(p, "-nan", 4) || !strncmp(p, "inf", 3) ||
		     !strncmp(p, "-inf", 4)))
			bad++;
	}
	/* Coordinates of path calls: "move X Y", "line X Y", "rect X Y W H",
	 * "circle X Y R", "text X Y ..." (render-trace.c). */
	const char *line = t;
	while (*line) {
		double x, y;
		if ((sscanf(line, "move %lf %lf", &x, &y) == 2 || sscanf(line, "line %lf %lf", &x, &y) == 2 ||
		     sscanf(line, "rect %lf %lf", &x, &y) == 2 || sscanf(line, "circle %lf %lf", &x, &y) == 2 ||
		     sscanf(line, "text %lf %lf", &x, &y) == 2) &&
		    (x < -1 || y < -1 || x > w + 1 || y > h + 1))
			bad++;
		const char *nl = strchr(line, '\n');
		if (!nl)
			break;
		line = nl + 1;
	}
	return bad;
}

int main(void)
{
	static struct gallery_item items[GALLERY_MAX];
	size_t n = gallery_all(items, GALLERY_MAX);
	const char *srcdir = getenv("srcdir");
	bool update = getenv("DR_GOLDEN_UPDATE") && *getenv("DR_GOLDEN_UPDATE") == '1';
	bool kinds[DR_CHART_NKINDS] = { false };
	static const double boxes[][2] = { { 800, 0 }, { 520, 300 }, { 260, 200 }, { 120, 60 },
	                                   { 24, 24 } };

	for (size_t i = 0; i < n; i++) {
		const struct gallery_item *it = &items[i];
		kinds[it->chart.kind] |= strstr(it->name, "-normal") != NULL;
		int breaches = 0, bad = 0, ends = 0;
		for (size_t b = 0; b < DR_NELEM(boxes); b++) {
			double w = boxes[b][0], h = boxes[b][1] ? boxes[b][1] : gallery_height(it);
			char *t = ct_trace(&it->chart, w, h);
			breaches += tu_count_lines(t, "!!");
			bad += bad_numbers(t, w, h);
			ends += strstr(t, "\nend\n") != NULL;
			free(t);
		}
		char name[160];
		snprintf(name, sizeof name, "%s: no state breaches at 5 sizes", it->name);
		tap_int(breaches, 0, name);
		snprintf(name, sizeof name, "%s: every coordinate finite and inside the box", it->name);
		tap_int(bad, 0, name);
		snprintf(name, sizeof name, "%s: every trace complete", it->name);
		tap_int(ends, (long)DR_NELEM(boxes), name);

		if (!strstr(it->name, "-normal"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/tests/golden/%s.trace", srcdir ? srcdir : ".", it->name);
		char *t = ct_trace(&it->chart, GALLERY_W, gallery_height(it));
		if (update) {
			FILE *f = fopen(path, "wb");
			if (!f || fputs(t, f) < 0 || fclose(f) != 0)
				perror(path);
		}
		char *want = slurp(path);
		snprintf(name, sizeof name, "%s: trace equals tests/golden/%s.trace", it->name, it->name);
		tap_ok(want && strcmp(t, want) == 0, name);
		if (want && strcmp(t, want) != 0) {
			/* Show the first differing line. */
			const char *a = t, *b = want;
			int line = 1;
			while (*a && *a == *b) {
				line += *a == '\n';
				a++;
				b++;
			}
			printf("# first difference at line %d\n", line);
		}
		free(want);
		free(t);
	}
	for (int k = 0; k < DR_CHART_NKINDS; k++) {
		char name[96];
		snprintf(name, sizeof name, "kind %s has a golden trace",
		         dr_chart_kind_name((enum dr_chart_kind)k));
		tap_ok(kinds[k], name);
	}
	return tap_done();
}
