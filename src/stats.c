/*
 * stats.c -- histograms with exact medians, and a set of 64-bit hashes
 * (see stats.h for the contract).
 *
 * Pure: no I/O, no globals. Allocation failure aborts through dr_x*.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/stats.h"

/* Largest bin (DR_HIST_MAX): 65,535 days, minutes or tenths of an hour.
 * Larger values are counted there, so one absurd cell cannot make a
 * histogram huge (a bin is 8 bytes); a median is exact unless it lies
 * above the cap itself. */

/* Makes bin i exist. */
static void grow(struct dr_hist *h, size_t i)
{
	if (i < h->nbins)
		return;
	size_t n = h->nbins ? h->nbins : 64;
	while (n <= i)
		n *= 2;
	h->count = dr_xreallocarray(h->count, n, sizeof *h->count);
	memset(h->count + h->nbins, 0, (n - h->nbins) * sizeof *h->count);
	h->nbins = n;
}

void dr_hist_add(struct dr_hist *h, long v)
{
	if (v < 0)
		return;
	if (v > DR_HIST_MAX)
		v = DR_HIST_MAX;
	grow(h, (size_t)v);
	h->count[v]++;
	h->total++;
}

void dr_hist_merge(struct dr_hist *dst, const struct dr_hist *src)
{
	if (src->nbins)
		grow(dst, src->nbins - 1);
	for (size_t i = 0; i < src->nbins; i++)
		dst->count[i] += src->count[i];
	dst->total += src->total;
}

/* The k-th smallest value (0-based) of a non-empty histogram. */
static double kth(const struct dr_hist *h, uint64_t k)
{
	uint64_t seen = 0;
	for (size_t i = 0; i < h->nbins; i++) {
		seen += h->count[i];
		if (seen > k)
			return (double)i;
	}
	return NAN;
}

double dr_hist_median(const struct dr_hist *h)
{
	if (!h->total)
		return NAN;
	if (h->total % 2)
		return kth(h, h->total / 2);
	return (kth(h, h->total / 2 - 1) + kth(h, h->total / 2)) / 2;
}

double dr_hist_quantile(const struct dr_hist *h, double p)
{
	if (!h->total)
		return NAN;
	double pos = p * (double)(h->total - 1);
	uint64_t lo = (uint64_t)floor(pos);
	double frac = pos - (double)lo;
	double a = kth(h, lo);
	if (frac == 0)
		return a;
	return a + frac * (kth(h, lo + 1) - a);
}

double dr_hist_rank(const struct dr_hist *h, double p)
{
	if (!h->total)
		return NAN;
	/* The smallest value with at least p of the values at or below it:
	 * the ceil(p * N)-th smallest, 1-based (a tiny slack keeps 0.9 * 10
	 * from rounding up to 10th). */
	double r = ceil(p * (double)h->total - 1e-9);
	uint64_t k = r < 1 ? 0 : (uint64_t)r - 1;
	if (k >= h->total)
		k = h->total - 1;
	return kth(h, k);
}

void dr_hist_free(struct dr_hist *h)
{
	free(h->count);
	memset(h, 0, sizeof *h);
}

uint64_t dr_hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *b = p;
	uint64_t h = seed;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Puts h into a table known to have room. FNV's low bits are weak, so the
 * slot comes from a mixed hash (murmur3's finaliser). */
static int insert(uint64_t *slot, size_t cap, uint64_t h)
{
	size_t mask = cap - 1;
	uint64_t x = h ^ (h >> 33);
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	size_t i = (size_t)x & mask;
	while (slot[i]) {
		if (slot[i] == h)
			return 0;
		i = (i + 1) & mask;
	}
	slot[i] = h;
	return 1;
}

int dr_set64_add(struct dr_set64 *s, uint64_t h)
{
	if (h == 0) {
		int fresh = !s->has_zero;
		s->has_zero = true;
		return fresh;
	}
	if ((s->size + 1) * 4 > s->cap * 3) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		uint64_t *slot = dr_xcalloc(cap, sizeof *slot);
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i])
				insert(slot, cap, s->slot[i]);
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	int fresh = insert(s->slot, s->cap, h);
	s->size += (size_t)fresh;
	return fresh;
}

size_t dr_set64_size(const struct dr_set64 *s)
{
	return s->size + (s->has_zero ? 1 : 0);
}

void dr_set64_merge(struct dr_set64 *dst, const struct dr_set64 *src)
{
	for (size_t i = 0; i < src->cap; i++)
		if (src->slot[i])
			dr_set64_add(dst, src->slot[i]);
	if (src->has_zero)
		dr_set64_add(dst, 0);
}

void dr_set64_free(struct dr_set64 *s)
{
	free(s->slot);
	memset(s, 0, sizeof *s);
}
