/*
 * idset.c -- struct dr_idset: the ids already used, 6 bytes each, exact.
 *
 * The duplicate-id check keeps one member per wanted row, millions at 5M
 * visits, so it is the structure that sets peak memory. struct dr_set64
 * would take 8 bytes a slot at 37-75 % load, plus the old table while a
 * doubling rehashes (16 to 32 bytes a member at the worst moment). Here the
 * 64-bit hash is first mixed by a bijection (murmur3's finaliser), then its
 * top B bits pick one of 2^B buckets and only the other 64 - B bits are
 * stored (6 bytes for B = 16, the default; 7 for B = 12, for sets of tens
 * of thousands): bucket and remainder together are the whole hash, so
 * nothing is lost. Buckets are small arrays grown by half: 7 to 9 bytes a
 * member, no big rehash ever, and a lookup scans one bucket.
 *
 * Owns: the bucket array (allocated at the first add) and each bucket's
 * entries; dr_idset_free releases them. A zeroed struct is an empty set.
 * Never: allocates per add, except when a bucket grows.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/stats.h"

#define DEFAULT_BITS 16

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
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap + b->cap / 2 : 4;
		b->e = dr_xrealloc(b->e, (size_t)b->cap * width + 8);
	}
	uint64_t le = htole64(key);
	memcpy(b->e + (size_t)b->n * width, &le, width);
	b->n++;
	s->size++;
	return 1;
}

void dr_idset_free(struct dr_idset *s)
{
	if (s->bucket)
		for (size_t i = 0; i < (size_t)1 << s->bits; i++)
			free(s->bucket[i].e);
	free(s->bucket);
	unsigned char bits = s->bits;
	memset(s, 0, sizeof *s);
	s->bits = bits;
}
