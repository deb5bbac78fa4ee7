/*
 * stats.c -- histograms with exact medians that take memory by distinct
 * value, and the FNV-1a hash (see stats.h for the contract).
 *
 * Pure: no I/O, no globals. Allocation failure aborts through dr_x*.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/stats.h"

/* Values above DR_HIST_MAX (65,535 days, minutes or tenths of an hour)
 * are counted as it, so one absurd cell cannot make a histogram huge and
 * every value fits 16 bits; a median is exact unless it lies above the cap
 * itself.
 *
 * A histogram starts sparse: an open-addressing table of cap slots, a
 * count each (0 = empty) followed in the same block by the slots' 16-bit
 * values, grown by doubling at 3/4 full. When doubling would take more
 * bytes than an array of counts from 0 to the largest value, it turns
 * dense for good: count[v] for v < cap, grown by doubling. Either way the
 * same values are counted, so medians do not depend on the form; the
 * sparse form sorts its distinct values only when a median is asked.
 *
 * Counts are 1 byte wide until one would pass 255, then 2 bytes until one
 * would pass 65,535, then 4 (widen(): the same slots, wider): most
 * histograms are of a breakdown group's month (a provider, a weekday), a
 * few dozen rows, and a byte a count holds them in a quarter of the
 * memory. */

#define SPARSE_MIN 8            /* slots of a new table */
#define DENSE_MIN 64            /* bins of a new array */

/* The count at slot or bin i. */
static inline uint32_t get(const struct dr_hist *h, uint32_t i)
{
	switch (h->width) {
	case 1: return ((const uint8_t *)h->count)[i];
	case 2: return ((const uint16_t *)h->count)[i];
	default: return ((const uint32_t *)h->count)[i];
	}
}

/* Sets the count at slot or bin i to c (which fits the width). */
static inline void put(struct dr_hist *h, uint32_t i, uint32_t c)
{
	switch (h->width) {
	case 1: ((uint8_t *)h->count)[i] = (uint8_t)c; break;
	case 2: ((uint16_t *)h->count)[i] = (uint16_t)c; break;
	default: ((uint32_t *)h->count)[i] = c; break;
	}
}

/* The largest count `width` bytes hold. */
static inline uint32_t width_max(unsigned width)
{
	return width == 1 ? UINT8_MAX : width == 2 ? UINT16_MAX : UINT32_MAX;
}

/* The sparse values, after the cap counts (cap >= 8: 16-bit aligned). */
static uint16_t *values(const struct dr_hist *h)
{
	return (uint16_t *)((unsigned char *)h->count + (size_t)h->cap * h->width);
}

/* Bytes of a block of cap slots or bins with counts width bytes wide. */
static size_t block_bytes(uint32_t cap, unsigned width, bool dense)
{
	return (size_t)cap * (width + (dense ? 0 : sizeof(uint16_t)));
}

/* The sparse slot holding v, or the empty one where v would go. */
static uint32_t slot_of(const struct dr_hist *h, uint32_t v)
{
	const uint16_t *val = values(h);
	uint32_t mask = h->cap - 1, x = v * 0x9e3779b1u;    /* Fibonacci hashing */
	uint32_t i = (x ^ (x >> 16)) & mask;
	while (get(h, i) && val[i] != v)
		i = (i + 1) & mask;
	return i;
}

/* Bins of a dense array that holds value v. */
static uint32_t bins_for(uint32_t v)
{
	uint32_t n = DENSE_MIN;
	while (n <= v)
		n *= 2;
	return n;
}

/* Makes the counts width bytes wide, every slot or bin where it was. */
static void widen(struct dr_hist *h, unsigned width)
{
	struct dr_hist old = *h;
	h->width = (uint8_t)width;
	h->count = dr_xcalloc(1, block_bytes(h->cap, width, h->dense));
	for (uint32_t i = 0; i < h->cap; i++)
		put(h, i, get(&old, i));
	if (!h->dense)
		memcpy(values(h), values(&old), h->cap * sizeof(uint16_t));
	free(old.count);
}

/* Adds n to the count at slot or bin i, up to UINT32_MAX, widening the
 * counts when the sum needs it, and what was added to the total. */
static void bump(struct dr_hist *h, uint32_t i, uint64_t n)
{
	uint32_t c = get(h, i);
	uint64_t add = UINT32_MAX - c;
	if (n < add)
		add = n;
	c += (uint32_t)add;
	if (c > width_max(h->width))
		widen(h, c > UINT16_MAX ? 4 : 2);
	put(h, i, c);
	h->total += add;
}

/* Puts the sparse entries of h into a fresh table of cap slots, or (cap 0)
 * a dense array of bins bins; the counts keep their width. */
static void rebuild(struct dr_hist *h, uint32_t cap, uint32_t bins)
{
	struct dr_hist old = *h;
	const uint16_t *oval = values(&old);
	if (cap) {
		h->count = dr_xcalloc(1, block_bytes(cap, h->width, false));
		h->cap = cap;
	} else {
		h->count = dr_xcalloc(1, block_bytes(bins, h->width, true));
		h->cap = bins;
		h->dense = true;
		h->used = 0;
	}
	for (uint32_t i = 0; i < old.cap; i++) {
		uint32_t c = get(&old, i);
		if (!c)
			continue;
		uint32_t j = oval[i];
		if (!h->dense) {
			j = slot_of(h, oval[i]);
			values(h)[j] = oval[i];
		}
		put(h, j, c);
	}
	free(old.count);
}

/* Counts value v (0..DR_HIST_MAX) n more times. */
static void add_n(struct dr_hist *h, uint32_t v, uint64_t n)
{
	if (h->dense) {
		if (v >= h->cap) {
			uint32_t bins = bins_for(v);
			h->count = dr_xrealloc(h->count, block_bytes(bins, h->width, true));
			memset((unsigned char *)h->count + (size_t)h->cap * h->width, 0,
			       (size_t)(bins - h->cap) * h->width);
			h->cap = bins;
		}
		bump(h, v, n);
		return;
	}
	if (!h->cap) {
		h->width = 1;
		h->count = dr_xcalloc(1, block_bytes(SPARSE_MIN, h->width, false));
		h->cap = SPARSE_MIN;
	}
	uint32_t i = slot_of(h, v);
	if (!get(h, i)) {
		if ((h->used + 1) * 4 > h->cap * 3) {
			uint32_t max = v;
			for (uint32_t j = 0; j < h->cap; j++)
				if (get(h, j) && values(h)[j] > max)
					max = values(h)[j];
			uint32_t bins = bins_for(max);
			if (block_bytes(h->cap * 2, h->width, false) >= block_bytes(bins, h->width, true)) {
				rebuild(h, 0, bins);
				bump(h, v, n);
				return;
			}
			rebuild(h, h->cap * 2, 0);
			i = slot_of(h, v);
		}
		values(h)[i] = (uint16_t)v;
		h->used++;
	}
	bump(h, i, n);
}

/* Adds one to the count at slot or bin i if it stays within its width;
 * false (nothing changed) when the count must widen. */
static inline bool count_one(struct dr_hist *h, uint32_t i)
{
	uint32_t c = get(h, i);
	if (c == width_max(h->width))
		return false;
	put(h, i, c + 1);
	h->total++;
	return true;
}

void dr_hist_add(struct dr_hist *h, long v)
{
	if (v < 0)
		return;
	uint32_t u = v > DR_HIST_MAX ? DR_HIST_MAX : (uint32_t)v;
	/* Most adds count a value already there, in a count with room: done in
	 * place. A new value, a new bin or a count that must widen (or a full
	 * one, which add_n leaves) go the whole way. */
	uint32_t i = u;
	bool there = h->dense ? u < h->cap : h->cap && get(h, i = slot_of(h, u));
	if (there && count_one(h, i))
		return;
	add_n(h, u, 1);
}

void dr_hist_merge(struct dr_hist *dst, const struct dr_hist *src)
{
	if (!src->cap)
		return;
	const uint16_t *val = values(src);
	for (uint32_t i = 0; i < src->cap; i++) {
		uint32_t c = get(src, i);
		if (c)
			add_n(dst, src->dense ? i : val[i], c);
	}
}

/* Sorts e[0..m) of value << 32 | count (values 16-bit and distinct) by
 * value: two stable passes of 8 bits (radix), through tmp[0..m); the
 * order qsort gave, in a fraction of its time, as medians ask often. */
static void sort_by_value(uint64_t *e, uint64_t *tmp, size_t m)
{
	for (int shift = 32; shift <= 40; shift += 8) {
		size_t at[257] = { 0 };
		for (size_t i = 0; i < m; i++)
			at[((e[i] >> shift) & 0xff) + 1]++;
		for (int b = 0; b < 256; b++)
			at[b + 1] += at[b];
		for (size_t i = 0; i < m; i++)
			tmp[at[(e[i] >> shift) & 0xff]++] = e[i];
		memcpy(e, tmp, m * sizeof *e);
	}
}

/* The k[j]-th smallest values (0-based; k ascending, each < total) of a
 * non-empty histogram into out[j], j < n. */
static void kth(const struct dr_hist *h, const uint64_t *k, double *out, int n)
{
	uint64_t seen = 0;
	int j = 0;
	if (h->dense) {
		for (uint32_t v = 0; v < h->cap && j < n; v++) {
			seen += get(h, v);
			while (j < n && seen > k[j])
				out[j++] = (double)v;
		}
	} else {
		/* value << 32 | count: sorting orders by value */
		uint64_t *e = dr_xcalloc(2 * (size_t)h->used, sizeof *e);
		size_t m = 0;
		for (uint32_t i = 0; i < h->cap; i++) {
			uint32_t c = get(h, i);
			if (c)
				e[m++] = (uint64_t)values(h)[i] << 32 | c;
		}
		sort_by_value(e, e + h->used, m);
		for (size_t i = 0; i < m && j < n; i++) {
			seen += e[i] & UINT32_MAX;
			while (j < n && seen > k[j])
				out[j++] = (double)(e[i] >> 32);
		}
		free(e);
	}
	while (j < n)
		out[j++] = NAN;
}

double dr_hist_median(const struct dr_hist *h)
{
	if (!h->total)
		return NAN;
	uint64_t k[2] = { (h->total - 1) / 2, h->total / 2 };
	double v[2];
	kth(h, k, v, 2);
	return h->total % 2 ? v[1] : (v[0] + v[1]) / 2;
}

double dr_hist_quantile(const struct dr_hist *h, double p)
{
	if (!h->total)
		return NAN;
	double pos = p * (double)(h->total - 1);
	uint64_t lo = (uint64_t)floor(pos);
	double frac = pos - (double)lo;
	uint64_t k[2] = { lo, lo + 1 };
	double v[2];
	kth(h, k, v, 2);
	if (frac == 0)
		return v[0];
	return v[0] + frac * (v[1] - v[0]);
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
	double v;
	kth(h, &k, &v, 1);
	return v;
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
