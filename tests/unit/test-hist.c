/*
 * test-hist.c -- struct dr_hist (stats.c) against a sort-based oracle:
 * random values in narrow and wide ranges (so histograms stay sparse or
 * turn dense), odd and even counts, values past DR_HIST_MAX and negative
 * ones, merges across both forms, empty histograms, memory that follows
 * the distinct values and counts that saturate instead of wrapping.
 * Every median, quantile and rank must equal the oracle's exactly.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "dyadreport/stats.h"
#include "tap.h"

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The oracle: the values as dr_hist_add counts them, sorted. */
struct sorted {
	long *v;
	size_t n;
};

static void oracle_add(struct sorted *o, long v)
{
	if (v < 0)
		return;
	o->v[o->n++] = v > DR_HIST_MAX ? DR_HIST_MAX : v;
}

static double o_median(const struct sorted *o)
{
	if (!o->n)
		return NAN;
	if (o->n % 2)
		return (double)o->v[o->n / 2];
	return ((double)o->v[o->n / 2 - 1] + (double)o->v[o->n / 2]) / 2;
}

static double o_quantile(const struct sorted *o, double p)
{
	if (!o->n)
		return NAN;
	double pos = p * (double)(o->n - 1);
	size_t lo = (size_t)floor(pos);
	double frac = pos - (double)lo, a = (double)o->v[lo];
	return frac == 0 ? a : a + frac * ((double)o->v[lo + 1] - a);
}

static double o_rank(const struct sorted *o, double p)
{
	if (!o->n)
		return NAN;
	double r = ceil(p * (double)o->n - 1e-9);
	size_t k = r < 1 ? 0 : (size_t)r - 1;
	return (double)o->v[k < o->n ? k : o->n - 1];
}

/* Whether h gives exactly the oracle's answers (sorting o first). */
static int agrees(const struct dr_hist *h, struct sorted *o)
{
	static const double p[] = { 0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1 };
	qsort(o->v, o->n, sizeof *o->v, cmp_long);
	int ok = h->total == o->n;
	double a = dr_hist_median(h), b = o_median(o);
	ok &= (isnan(a) && isnan(b)) || a == b;
	for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
		a = dr_hist_quantile(h, p[i]);
		b = o_quantile(o, p[i]);
		ok &= (isnan(a) && isnan(b)) || a == b;
		a = dr_hist_rank(h, p[i]);
		b = o_rank(o, p[i]);
		ok &= (isnan(a) && isnan(b)) || a == b;
	}
	if (!ok)
		printf("#   total %llu (oracle %zu): median %.17g, oracle %.17g\n",
		       (unsigned long long)h->total, o->n, dr_hist_median(h), o_median(o));
	return ok;
}

/* A random value in [lo, lo + span); with wild, now and then negative or
 * past the cap. */
static long draw_in(long lo, long span, int wild)
{
	unsigned r = wild ? (unsigned)(next() % 100) : 2;
	if (r == 0)
		return -1 - (long)(next() % 50);
	if (r == 1)
		return DR_HIST_MAX + (long)(next() % 100000);
	return lo + (long)(next() % (uint64_t)span);
}

static long draw(long lo, long span)
{
	return draw_in(lo, span, 1);
}

int main(void)
{
	enum { MAXN = 200001 };
	struct sorted o = { malloc(MAXN * sizeof *o.v), 0 }, o2 = { malloc(MAXN * sizeof *o2.v), 0 };
	if (!o.v || !o2.v)
		return 99;

	struct dr_hist e = { 0 };
	struct sorted none = { o.v, 0 };
	tap_ok(agrees(&e, &none), "empty: median, quantiles and ranks are NAN");
	dr_hist_merge(&e, &(struct dr_hist){ 0 });
	tap_ok(e.total == 0 && e.cap == 0, "empty merged into empty allocates nothing");

	/* n values in [lo, lo + span): small spans stay sparse, wide ones with
	 * many values turn dense; odd and even counts. */
	static const struct { long n, lo, span; int wild, dense; } cases[] = {
		{ 1, 0, 10, 1, 0 }, { 2, 5, 10, 1, 0 }, { 7, 0, 3, 1, 0 }, { 8, 0, 3, 1, 0 },
		{ 1001, 100, 50, 1, 0 }, { 1000, 100, 50, 1, 0 },
		/* 7200 distinct values: a table of 16k slots (96 KiB) beats 64k
		 * bins (256 KiB) once one value lies past the cap ... */
		{ 20001, 0, 7200, 1, 0 },
		/* ... while 8k bins (32 KiB) beat it without one */
		{ 20000, 0, 7200, 0, 1 }, { 20001, 0, 7200, 0, 1 },
		{ 200001, 0, 65536, 1, 1 }, { 5000, 30000, 400, 1, 0 },
		{ 99, 0, 100000, 1, 0 }, { 3000, 0, 64, 0, 1 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		struct dr_hist h = { 0 };
		o.n = 0;
		for (long i = 0; i < cases[c].n; i++) {
			long v = draw_in(cases[c].lo, cases[c].span, cases[c].wild);
			dr_hist_add(&h, v);
			oracle_add(&o, v);
		}
		char name[160];
		snprintf(name, sizeof name, "%ld values in [%ld, %ld)%s: as the sorted values say",
		         cases[c].n, cases[c].lo, cases[c].lo + cases[c].span,
		         cases[c].wild ? " and a few outside" : "");
		tap_ok(agrees(&h, &o), name);
		snprintf(name, sizeof name, "... kept %s", cases[c].dense ? "dense" : "sparse");
		tap_ok(h.dense == cases[c].dense, name);
		dr_hist_free(&h);
	}

	/* Memory follows the distinct values: 100k rows of 10 values spread
	 * over 0..7200 (a month of tenths of an hour) take 16 slots. */
	struct dr_hist few = { 0 };
	for (long i = 0; i < 100000; i++)
		dr_hist_add(&few, (i % 10) * 720);
	tap_ok(!few.dense && few.cap == 16 && few.width == 2,
	       "10 distinct values in 0..7200: a 16-slot table, 2-byte counts (64 bytes)");
	tap_num(dr_hist_median(&few), 3240, 0, "... median of 0, 720, .., 6480 (even halves): (2880+3600)/2");
	dr_hist_free(&few);
	struct dr_hist all = { 0 };
	for (long v = DR_HIST_MAX + 5; v >= 0; v--)
		dr_hist_add(&all, v);
	tap_ok(all.dense && all.cap == 65536, "every value 0..DR_HIST_MAX: 65,536 bins, no more");
	tap_num(dr_hist_rank(&all, 1), DR_HIST_MAX, 0, "... values past the cap counted at the cap");
	tap_int((long)all.total, DR_HIST_MAX + 6, "... and counted");
	dr_hist_free(&all);

	/* Merges: sparse into sparse, dense into sparse, sparse into dense,
	 * dense into dense; the result as the union of the values says. */
	static const long spans[2] = { 40, 20000 };
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++) {
			struct dr_hist ha = { 0 }, hb = { 0 };
			o.n = 0;
			o2.n = 0;
			for (long i = 0; i < 30001; i++) {
				long v = draw(10, spans[a]);
				dr_hist_add(&ha, v);
				oracle_add(&o, v);
			}
			for (long i = 0; i < 40000; i++) {
				long v = draw(0, spans[b]);
				dr_hist_add(&hb, v);
				oracle_add(&o, v);
				oracle_add(&o2, v);
			}
			dr_hist_merge(&ha, &hb);
			char name[120];
			snprintf(name, sizeof name, "merge of a %s histogram into a %s one: as the union says",
			         b ? "dense" : "sparse", a ? "dense" : "sparse");
			tap_ok(agrees(&ha, &o), name);
			tap_ok(agrees(&hb, &o2), "... the source is unchanged");
			dr_hist_free(&ha);
			dr_hist_free(&hb);
		}
	struct dr_hist into_empty = { 0 }, src = { 0 };
	o.n = 0;
	for (long v = 0; v < 9; v++) {
		dr_hist_add(&src, v * v);
		oracle_add(&o, v * v);
	}
	dr_hist_merge(&into_empty, &src);
	tap_ok(agrees(&into_empty, &o), "merge into an empty histogram copies the counts");
	dr_hist_merge(&into_empty, &(struct dr_hist){ 0 });
	tap_ok(agrees(&into_empty, &o), "merge of an empty histogram changes nothing");
	dr_hist_free(&into_empty);
	dr_hist_free(&src);

	/* Counts are 32 bits: merges that would pass 2^32 of one value stop
	 * there, and the total keeps agreeing with the counts. */
	struct dr_hist fa = { 0 }, fb = { 0 };
	dr_hist_add(&fa, 7);
	for (int i = 0; i < 30; i++) {     /* Fibonacci: past 2^32 by the 24th round */
		dr_hist_merge(&fb, &fa);
		dr_hist_merge(&fa, &fb);
	}
	tap_ok(fa.total == UINT32_MAX, "a count stops at 2^32 - 1, and the total with it");
	dr_hist_add(&fa, 9);
	tap_int((long)fa.total, (long)UINT32_MAX + 1, "... another value still counts");
	tap_num(dr_hist_median(&fa), 7, 0, "... and the median is still exact");
	tap_num(dr_hist_rank(&fa, 1), 9, 0, "... as is the top rank");
	dr_hist_free(&fa);
	dr_hist_free(&fb);

	free(o.v);
	free(o2.v);
	return tap_done();
}
