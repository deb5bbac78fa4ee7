/*
 * stats.h -- small numeric building blocks with no I/O.
 *
 * struct dr_hist: a histogram of whole numbers 0..DR_HIST_MAX (days,
 * minutes, tenths of an hour) that gives exact medians and quantiles
 * without keeping the values. Memory follows the data, not the range: a
 * small hash table of distinct value -> count (3 to 6 bytes a slot, at
 * most 3/4 full), turned into a plain array of counts from 0 to the
 * largest value (1 to 4 bytes a bin) once that is smaller; a count is 1,
 * 2 or 4 bytes wide, as wide as the largest needs. So a month of a dozen
 * distinct values costs a few dozen bytes, and no histogram ever exceeds
 * 256 KiB.
 *
 * struct dr_dayset: distinct (key, day) pairs, for visits per clinic day
 * (key: a provider and month, hashed; day: of the month): a 32-bit mask of
 * days per key, 12 bytes a slot for all of a key's days.
 * dr_hash64() is FNV-1a over bytes, stable across runs and machines.
 *
 * Ownership: each struct owns its arrays; *_free() releases them. A zeroed
 * struct is a valid empty one.
 */
#ifndef DYADREPORT_STATS_H
#define DYADREPORT_STATS_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct dr_hist {
	void *count;                /* dense: count[v]; sparse: cap counts (0 = an
	                             * empty slot), then cap uint16_t values;
	                             * each count `width` bytes */
	uint32_t cap;               /* slots or bins, a power of two; 0 = none */
	uint32_t used;              /* sparse: slots in use */
	uint64_t total;             /* values counted */
	bool dense;
	uint8_t width;              /* bytes of a count: 1, 2 or 4 (0: none yet) */
};

/* Largest value a histogram tells apart; larger ones are counted as it. */
#define DR_HIST_MAX 65535L

/* Adds value v (>= 0; values above DR_HIST_MAX are counted as DR_HIST_MAX;
 * a value already counted UINT32_MAX times is not counted again). */
void dr_hist_add(struct dr_hist *h, long v);
/* Adds every count of src into dst (dst += src; src is unchanged). */
void dr_hist_merge(struct dr_hist *dst, const struct dr_hist *src);
/* Median as R's median(): mean of the two middle values for an even count;
 * NAN when empty. */
double dr_hist_median(const struct dr_hist *h);
/* Quantile by R's type 7 (the default of quantile()); NAN when empty. */
double dr_hist_quantile(const struct dr_hist *h, double p);
/* Quantile by the nearest-rank rule: the ceil(p * N)-th smallest value,
 * always one of the values (p90 of 1..10 is 9); NAN when empty. */
double dr_hist_rank(const struct dr_hist *h, double p);
void dr_hist_free(struct dr_hist *h);

struct dr_dayset {
	uint64_t *key;              /* cap keys, then cap 32-bit masks (0 = empty) */
	uint32_t cap;               /* a power of two, or 0 */
	uint32_t used;              /* keys */
	size_t size;                /* pairs: the masks' bits */
};

/* FNV-1a of n bytes, continuing from seed (use DR_HASH64_SEED to start). */
#define DR_HASH64_SEED 0xcbf29ce484222325ULL
uint64_t dr_hash64(const void *p, size_t n, uint64_t seed);
/* Adds the pair (key, day), day 0..31 (a day past 31 is not counted);
 * returns 1 if it was new, 0 if already present. */
int dr_dayset_add(struct dr_dayset *s, uint64_t key, unsigned day);
/* Number of pairs. */
size_t dr_dayset_size(const struct dr_dayset *s);
/* Adds every pair of src to dst. */
void dr_dayset_merge(struct dr_dayset *dst, const struct dr_dayset *src);
void dr_dayset_free(struct dr_dayset *s);

/* struct dr_idset: an exact set of 64-bit hashes in 7 to 9 bytes a member,
 * with no whole-table rehash (idset.c): for duplicate ids and distinct
 * patients. A zeroed struct is an empty set with 2^16 buckets (more once
 * it holds 64 a bucket). Ids given as text
 * (dr_idset_add_id) that rise row after row (V0001, V0002, ...) are kept
 * exactly in a sorted run of 4 bytes a member instead of being hashed. */
struct dr_idset {
	struct dr_idset_bucket *bucket;
	size_t size;
	size_t nhashed;             /* members in the buckets (size less the run) */
	unsigned char bits;         /* log2 of the buckets; 0 = 16 */
	struct dr_idset_run *run;   /* the rising ids; NULL until the first */
};
/* An empty set with 2^bucket_bits buckets (8..24; about size / 16 suits). */
void dr_idset_init(struct dr_idset *s, unsigned bucket_bits);
/* An empty set with buckets for about `members` hashes (32 a bucket). */
void dr_idset_init_for(struct dr_idset *s, uint64_t members);
/* Adds h; returns 1 if it was new, 0 if already present. */
int dr_idset_add(struct dr_idset *s, uint64_t h);
/* Adds the id id[0..len): 1 if new, 0 if already present. An id equal to
 * another is always found; two different ids are told apart exactly when
 * either went to the run, else by dr_hash64(id, len, DR_HASH64_SEED), the
 * hash dr_idset_add would be given. Do not mix with dr_idset_add on one set. */
int dr_idset_add_id(struct dr_idset *s, const char *id, size_t len);
void dr_idset_free(struct dr_idset *s);

#endif
