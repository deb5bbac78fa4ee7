/*
 * dayset.c -- struct dr_dayset: distinct (key, day) pairs, exact, counted
 * as a 32-bit mask of days for each key (see stats.h for the contract).
 *
 * Visits per clinic day counts the distinct provider-days of a dyad's
 * month: a thousand or more a month per dyad, each a 64-bit hash (8 bytes
 * at a 37-75 % load: 11 to 21 bytes) in a plain hash set. A provider works
 * many days of one month, so here the key is the provider and month
 * (hashed) and its days are bits of one mask: 12 bytes a slot for all of
 * that provider's days, the same count (a pair is new exactly when its bit
 * was clear), and a merge of months or cells is an OR per key.
 *
 * The table: open addressing, cap slots (a power of two), keys then masks
 * in one block; a mask of 0 marks an empty slot (a key is only stored with
 * a day), so every 64-bit key, 0 included, is a key like any other.
 * Grown by doubling at 3/4 full.
 * Pure: no I/O, no globals. Allocation failure aborts through dr_x*.
 */
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/stats.h"

#define FIRST_CAP 8

/* The masks after a table's keys; NULL for the empty set's NULL table
 * (no arithmetic on NULL, which UBSan stops on as clang builds it). */
static uint32_t *masks(uint64_t *keys, uint32_t cap)
{
	return cap ? (uint32_t *)(keys + cap) : NULL;
}

/* The slot of key in a table of cap slots: its own, or the empty one
 * where it would go. FNV's low bits are weak: the slot comes from a mixed
 * key (the first round of murmur3's finaliser). */
static uint32_t slot_of(const uint64_t *keys, const uint32_t *mask, uint32_t cap, uint64_t key)
{
	uint64_t x = key ^ (key >> 33);
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	uint32_t i = (uint32_t)x & (cap - 1);
	while (mask[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

/* Grows s to cap slots, every key and mask kept. */
static void regrow(struct dr_dayset *s, uint32_t cap)
{
	uint64_t *keys = dr_xcalloc(cap, sizeof *keys + sizeof(uint32_t));
	uint32_t *mask = masks(keys, cap);
	const uint32_t *old = masks(s->key, s->cap);
	for (uint32_t i = 0; i < s->cap; i++)
		if (old[i]) {
			uint32_t j = slot_of(keys, mask, cap, s->key[i]);
			keys[j] = s->key[i];
			mask[j] = old[i];
		}
	free(s->key);
	s->key = keys;
	s->cap = cap;
}

/* ORs days into key's mask; returns how many of them were new. */
static unsigned add_mask(struct dr_dayset *s, uint64_t key, uint32_t days)
{
	if ((s->used + 1) * 4 > s->cap * 3)
		regrow(s, s->cap ? s->cap * 2 : FIRST_CAP);
	uint32_t *mask = masks(s->key, s->cap);
	uint32_t i = slot_of(s->key, mask, s->cap, key);
	if (!mask[i]) {
		s->key[i] = key;
		s->used++;
	}
	unsigned fresh = (unsigned)__builtin_popcount(days & ~mask[i]);
	mask[i] |= days;
	s->size += fresh;
	return fresh;
}

int dr_dayset_add(struct dr_dayset *s, uint64_t key, unsigned day)
{
	return day < 32 ? (int)add_mask(s, key, (uint32_t)1 << day) : 0;
}

size_t dr_dayset_size(const struct dr_dayset *s)
{
	return s->size;
}

void dr_dayset_merge(struct dr_dayset *dst, const struct dr_dayset *src)
{
	const uint32_t *mask = masks(src->key, src->cap);
	for (uint32_t i = 0; i < src->cap; i++)
		if (mask[i])
			add_mask(dst, src->key[i], mask[i]);
}

void dr_dayset_free(struct dr_dayset *s)
{
	free(s->key);
	memset(s, 0, sizeof *s);
}
