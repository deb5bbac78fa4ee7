/*
 * test-chart-random.c -- thousands of hostile charts of every kind, built
 * from seeded pseudo-random bytes (tests/gallery/chart-bytes.c, the same
 * builder the fuzz target fuzz/fuzz-chart uses), each drawn on the trace
 * backend: no state breach, no NAN or infinite number, nothing outside the
 * box, every trace complete. CHART_RANDOM_SEED=N and CHART_RANDOM_COUNT=N
 * (default 4000) explore further; a failure prints the seed and the case,
 * and CHART_RANDOM_DUMP=CASE prints that case's trace.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/render.h"
#include "chart-bytes.h"
#include "tap.h"

static uint64_t state;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

int main(void)
{
	const char *s = getenv("CHART_RANDOM_SEED"), *n = getenv("CHART_RANDOM_COUNT");
	const char *dump = getenv("CHART_RANDOM_DUMP");     /* case number: print its trace */
	uint64_t seed = s && *s ? strtoull(s, NULL, 10) : 20261122;
	long count = n && *n ? strtol(n, NULL, 10) : 4000;
	state = seed ? seed : 1;
	static struct chart_bytes cb;
	static uint8_t buf[4096];
	long failed[DR_CHART_NKINDS] = { 0 }, drawn[DR_CHART_NKINDS] = { 0 };
	for (long i = 0; i < count; i++) {
		size_t len = 16 + next() % 2048;
		for (size_t j = 0; j < len; j++)
			buf[j] = (uint8_t)(next() >> 24);
		buf[0] = (uint8_t)(i % DR_CHART_NKINDS);    /* every kind in turn */
		if (i % 3 == 0) {                           /* a slide-sized box */
			buf[1] = 11;
			buf[3] = 8;
		}
		chart_from_bytes(&cb, buf, len);
		char why[256];
		drawn[cb.c.kind]++;
		if (dump && atol(dump) == i)
			dr_render_trace(stdout, &cb.c, cb.w, cb.h);
		if (chart_bytes_check(&cb, why, sizeof why) != 0) {
			if (failed[cb.c.kind]++ < 3)
				printf("# seed %llu case %ld: %s\n", (unsigned long long)seed, i, why);
		}
	}
	/* Grids whose nrow * ncol overflows size_t draw nothing rather than
	 * read past their one cell (the review found the heatmap did). */
	static const struct dr_chart_cell one = { 7, false, false, NAN };
	static const char *const lab[2] = { "a", "b" };
	int breaches = 0;
	for (int k = DR_CHART_HEATMAP; k <= DR_CHART_GROUPED; k += DR_CHART_GROUPED - DR_CHART_HEATMAP) {
		memset(&cb, 0, sizeof cb);
		cb.c.kind = (enum dr_chart_kind)k;
		cb.c.grid = (struct dr_chart_grid){ SIZE_MAX / 2 + 2, 2, lab, lab, &one };
		cb.w = 800;
		cb.h = 450;
		char why[256];
		breaches += chart_bytes_check(&cb, why, sizeof why) != 0;
	}
	tap_int(breaches, 0, "heatmap and grouped bars with an overflowing nrow * ncol draw nothing");

	/* The fuzz target's seeds and the crashes it once found
	 * (fuzz/corpus/chart/regress-*), so they stay fixed without clang. */
	const char *src = getenv("srcdir");
	char dirpath[1024];
	snprintf(dirpath, sizeof dirpath, "%s/fuzz/corpus/chart", src && *src ? src : ".");
	DIR *d = opendir(dirpath);
	int seeds = 0, seed_bad = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		size_t len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		chart_from_bytes(&cb, buf, len);
		char why[256];
		seeds++;
		if (chart_bytes_check(&cb, why, sizeof why) != 0) {
			seed_bad++;
			printf("# %s: %s\n", e->d_name, why);
		}
	}
	if (d)
		closedir(d);
	tap_ok(seeds > 0 && seed_bad == 0, "every fuzz seed and past crash keeps the drawing contract");

	for (int k = 0; k < DR_CHART_NKINDS; k++) {
		char name[96];
		snprintf(name, sizeof name, "%ld random %s charts keep the drawing contract", drawn[k],
		         dr_chart_kind_name((enum dr_chart_kind)k));
		tap_int(failed[k], 0, name);
	}
	return tap_done();
}
