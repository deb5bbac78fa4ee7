/*
 * idset.c -- struct dr_idset: the ids already used, exact, 4 to 9 bytes each.
 *
 * The duplicate-id check keeps one member per wanted row, millions at 5M
 * visits, so it is the structure that sets peak memory, and it is asked
 * once a row, so its cost per add is ingest's. Two parts:
 *
 * The run (dr_idset_add_id only). Extracts number their rows: V000001,
 * V000002, ... An id that is a fixed prefix (the first such id's, up to 15
 * bytes) and then 1 to 15 digits has a key, (digit count << 50) | number,
 * that differs exactly when the id does. Keys that rise row after row are
 * appended to a sorted run of blocks (a 64-bit base, then 4-byte offsets
 * from it): no hashing, no search, 4 bytes a member. A key at or below the
 * run's last is looked up by binary search in the run, and if absent goes
 * to the buckets (by its hash) like any other id; a key above the run's
 * last cannot be in the buckets (they hold only ids below the run's last
 * when added, or of another shape), so membership stays exact.
 *
 * The buckets, for everything else. A plain hash set would take 8 bytes a
 * slot at 37-75 % load, plus the old table while a doubling rehashes (16 to
 * 32 bytes a member at the worst moment). Here the 64-bit hash is first
 * mixed by a bijection (murmur3's finaliser), then its top B bits pick one
 * of 2^B buckets and only the other 64 - B bits are stored (6 bytes for
 * B = 16, the default; 7 for B <= 15): bucket and remainder together are
 * the whole hash, so nothing is lost. Buckets are small arrays grown by
 * half: 7 to 9 bytes a member, and a lookup scans one bucket.
 * dr_idset_init_for picks B for an expected size (32 a bucket), so that a
 * big extract's buckets stay short (the loader guesses its rows from the
 * file's bytes) and never need to grow. A set that outgrows its buckets
 * anyway (64 a bucket on average, as a dyad-month's patients with 2^8) has
 * them doubled, up to 2^20: each bucket splits in two by the top bit of its
 * remainders, bucket after bucket, so no second table is ever held whole
 * (the extra memory is the new bucket array and one bucket).
 *
 * Owns: the bucket array (allocated at the first hashed add) and each
 * bucket's entries, the run and its blocks; dr_idset_free releases them. A
 * zeroed struct is an empty set.
 * Never: allocates per add, except when a bucket grows or a run block
 * (16,384 ids) fills.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/stats.h"

#define DEFAULT_BITS 16
#define MAX_BITS 20             /* 16 MiB of buckets, for 32M members */
#define PER_BUCKET 32           /* members a bucket, for dr_idset_init_for */
#define GROW_AT 64              /* members a bucket on average: split them */
#define RUN_BLOCK 16384         /* offsets in one run block (64 KiB) */
#define PREFIX_MAX 15
#define DIGITS_MAX 15           /* 10^15 < 2^50 */

/* A block of the run: keys base + off[i], rising. */
struct run_block {
	uint64_t base;
	uint32_t n;
	uint32_t *off;              /* RUN_BLOCK offsets */
};

struct dr_idset_run {
	char prefix[PREFIX_MAX];    /* the ids' shared prefix */
	unsigned char plen;
	uint64_t last;              /* the largest key, in the last block */
	struct run_block *blk;
	size_t nblk, capblk;
};

struct dr_idset_bucket {
	unsigned char *e;           /* n entries of `width` bytes, little-endian,
	                             * and 8 spare bytes so any entry loads as 8 */
	uint32_t n, cap;
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* 8 bytes at p as a little-endian number (one load on x86 and ARM). */
static uint64_t load64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return le64toh(v);
}

void dr_idset_init(struct dr_idset *s, unsigned bucket_bits)
{
	memset(s, 0, sizeof *s);
	s->bits = (unsigned char)(bucket_bits >= 8 && bucket_bits <= 24 ? bucket_bits : DEFAULT_BITS);
}

void dr_idset_init_for(struct dr_idset *s, uint64_t members)
{
	unsigned b = 8;
	while (b < MAX_BITS && ((uint64_t)PER_BUCKET << b) < members)
		b++;
	dr_idset_init(s, b);
}

/* Appends remainder key, `width` bytes, to bucket b. */
static void append(struct dr_idset_bucket *b, uint64_t key, size_t width)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap + b->cap / 2 : 4;
		b->e = dr_xrealloc(b->e, (size_t)b->cap * width + 8);
	}
	uint64_t le = htole64(key);
	memcpy(b->e + (size_t)b->n * width, &le, width);
	b->n++;
}

/* Doubles the buckets: bucket i splits into 2i and 2i + 1 by the top bit
 * of its remainders, which is then no longer stored. One bucket's entries
 * are freed as soon as they are split, so the extra memory is the new
 * bucket array and one bucket. */
static void split(struct dr_idset *s)
{
	unsigned ob = s->bits;
	size_t ow = (size_t)(64 - ob + 7) / 8, nw = (size_t)(64 - ob - 1 + 7) / 8;
	uint64_t omask = ow == 8 ? ~0ULL : (1ULL << (8 * ow)) - 1;
	uint64_t top = 1ULL << (63 - ob);       /* the remainder's top bit */
	size_t n = (size_t)1 << ob;
	struct dr_idset_bucket *nb = dr_xcalloc(2 * n, sizeof *nb);
	for (size_t i = 0; i < n; i++) {
		struct dr_idset_bucket *o = &s->bucket[i];
		for (uint32_t k = 0; k < o->n; k++) {
			uint64_t key = load64(o->e + (size_t)k * ow) & omask;
			append(&nb[2 * i + ((key & top) != 0)], key & (top - 1), nw);
		}
		free(o->e);
	}
	free(s->bucket);
	s->bucket = nb;
	s->bits = (unsigned char)(ob + 1);
}

int dr_idset_add(struct dr_idset *s, uint64_t h)
{
	if (!s->bucket) {
		if (!s->bits)
			s->bits = DEFAULT_BITS;
		s->bucket = dr_xcalloc((size_t)1 << s->bits, sizeof *s->bucket);
	}
	size_t width = (size_t)(64 - s->bits + 7) / 8;  /* bytes of remainder */
	uint64_t mask = width == 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
	uint64_t x = mix(h);
	struct dr_idset_bucket *b = &s->bucket[x >> (64 - s->bits)];
	uint64_t key = x & mask & ((1ULL << (64 - s->bits)) - 1);
	const unsigned char *p = b->e;
	for (uint32_t i = 0; i < b->n; i++, p += width)
		if ((load64(p) & mask) == key)
			return 0;
	append(b, key, width);
	s->size++;
	s->nhashed++;
	if (s->nhashed > ((size_t)GROW_AT << s->bits) && s->bits < MAX_BITS)
		split(s);
	return 1;
}

/* Whether the 8 bytes of x (the first in its low byte) are all '0'..'9':
 * each byte's high nibble is 3, and adding 6 leaves it 3 (no digit past 9). */
static inline bool eight_digits(uint64_t x)
{
	const uint64_t hi = 0xF0F0F0F0F0F0F0F0ULL;
	return ((x & hi) | (((x + 0x0606060606060606ULL) & hi) >> 4)) == 0x3333333333333333ULL;
}

/* The number the 8 digits of x spell, the first (low byte) the most
 * significant: pairs, then fours, then the eight (D. Lemire's unrolled
 * parse). */
static inline uint64_t eight_digits_value(uint64_t x)
{
	const uint64_t mask = 0x000000FF000000FFULL;
	const uint64_t mul1 = 100 + (1000000ULL << 32), mul2 = 1 + (10000ULL << 32);
	x -= 0x3030303030303030ULL;
	x = x * 10 + (x >> 8);
	return (((x & mask) * mul1) + (((x >> 16) & mask) * mul2)) >> 32;
}

/* The key of id[0..len) if it has the run's shape (*key set), else false.
 * The first such id fixes the prefix. */
static bool run_key(struct dr_idset *s, const char *id, size_t len, uint64_t *key)
{
	size_t i = len;
	uint64_t v = 0, place = 1;      /* the digits at the end, read backwards */
	if (len >= 8) {                 /* the last eight at once, when all digits */
		uint64_t x = load64((const unsigned char *)id + len - 8);
		if (eight_digits(x)) {
			v = eight_digits_value(x);
			place = 100000000;
			i = len - 8;
		}
	}
	while (i > 0 && (unsigned)(id[i - 1] - '0') <= 9 && len - i < DIGITS_MAX) {
		v += (uint64_t)(id[i - 1] - '0') * place;
		place *= 10;
		i--;
	}
	size_t ndig = len - i;
	if (ndig == 0 || (i > 0 && (unsigned)(id[i - 1] - '0') <= 9) || i > PREFIX_MAX)
		return false;           /* no digits, more than 15, or a long prefix */
	struct dr_idset_run *r = s->run;
	if (!r) {
		r = s->run = dr_xcalloc(1, sizeof *r);
		memcpy(r->prefix, id, i);
		r->plen = (unsigned char)i;
	} else {
		if (i != r->plen)
			return false;
		for (size_t k = 0; k < i; k++)  /* prefixes are short: no memcmp call */
			if (id[k] != r->prefix[k])
				return false;
	}
	*key = (uint64_t)ndig << 50 | v;
	return true;
}

/* Appends key, above every key of the run. */
static void run_append(struct dr_idset_run *r, uint64_t key)
{
	struct run_block *b = r->nblk ? &r->blk[r->nblk - 1] : NULL;
	if (!b || b->n == RUN_BLOCK || key - b->base > UINT32_MAX) {
		if (r->nblk == r->capblk) {
			r->capblk = r->capblk ? 2 * r->capblk : 16;
			r->blk = dr_xreallocarray(r->blk, r->capblk, sizeof *r->blk);
		}
		b = &r->blk[r->nblk++];
		b->base = key;
		b->n = 0;
		b->off = dr_xreallocarray(NULL, RUN_BLOCK, sizeof *b->off);
	}
	b->off[b->n++] = (uint32_t)(key - b->base);
	r->last = key;
}

/* Whether key (below the run's last) is in the run: binary searches. */
static bool run_has(const struct dr_idset_run *r, uint64_t key)
{
	size_t lo = 0, hi = r->nblk;        /* the last block with base <= key */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->blk[mid].base <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	const struct run_block *b = &r->blk[lo - 1];
	if (key - b->base > UINT32_MAX)
		return false;
	uint32_t off = (uint32_t)(key - b->base);
	lo = 0;
	hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->off[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->n && b->off[lo] == off;
}

int dr_idset_add_id(struct dr_idset *s, const char *id, size_t len)
{
	uint64_t key;
	if (run_key(s, id, len, &key)) {
		struct dr_idset_run *r = s->run;
		if (r->nblk == 0 || key > r->last) {
			run_append(r, key);
			s->size++;
			return 1;
		}
		if (key == r->last || run_has(r, key))
			return 0;
	}
	return dr_idset_add(s, dr_hash64(id, len, DR_HASH64_SEED));
}

void dr_idset_free(struct dr_idset *s)
{
	if (s->run) {
		for (size_t i = 0; i < s->run->nblk; i++)
			free(s->run->blk[i].off);
		free(s->run->blk);
		free(s->run);
	}
	if (s->bucket)
		for (size_t i = 0; i < (size_t)1 << s->bits; i++)
			free(s->bucket[i].e);
	free(s->bucket);
	unsigned char bits = s->bits;
	memset(s, 0, sizeof *s);
	s->bits = bits;
}
