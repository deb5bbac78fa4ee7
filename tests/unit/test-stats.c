/*
 * test-stats.c -- exact medians from histograms and the hash set (stats.c),
 * checked against values worked out by hand (R's median and quantile type 7),
 * and the exact id set (idset.c) on 2M random hashes and on ids as text:
 * a rising run, late and repeated ids, other shapes, 3M ids.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "dyadreport/stats.h"
#include "tap.h"

int main(void)
{
	struct dr_hist h = { 0 };
	tap_num(dr_hist_median(&h), NAN, 0, "empty histogram has no median");
	dr_hist_add(&h, 5);
	tap_num(dr_hist_median(&h), 5, 0, "one value");
	dr_hist_add(&h, 1);
	tap_num(dr_hist_median(&h), 3, 0, "two values: mean of both");
	long more[] = { 9, 2, 2, 100 };     /* 1 2 2 5 9 100 */
	for (size_t i = 0; i < 4; i++)
		dr_hist_add(&h, more[i]);
	tap_num(dr_hist_median(&h), 3.5, 0, "median of 1 2 2 5 9 100 is 3.5");
	tap_num(dr_hist_quantile(&h, 0.9), 54.5, 1e-12, "p90 (type 7): 9 + 0.5*(100-9)");
	tap_num(dr_hist_quantile(&h, 0), 1, 0, "p0 is the minimum");
	tap_num(dr_hist_quantile(&h, 1), 100, 0, "p100 is the maximum");
	/* Nearest rank: ceil(0.9 * 6) = 6th smallest of 1 2 2 5 9 100. */
	tap_num(dr_hist_rank(&h, 0.9), 100, 0, "p90 (nearest rank) of 6 values is the 6th");
	tap_num(dr_hist_rank(&h, 0.5), 2, 0, "p50 (nearest rank): ceil(3) = 3rd = 2");
	struct dr_hist ten = { 0 };
	tap_num(dr_hist_rank(&ten, 0.9), NAN, 0, "nearest rank of nothing: no value");
	for (long v = 1; v <= 10; v++)
		dr_hist_add(&ten, v);
	tap_num(dr_hist_rank(&ten, 0.9), 9, 0, "p90 of 1..10: ceil(0.9 * 10) = 9th = 9, not 10");
	dr_hist_add(&ten, 11);
	tap_num(dr_hist_rank(&ten, 0.9), 10, 0, "p90 of 1..11: ceil(9.9) = 10th = 10");
	/* Counts widen from 1 to 2 to 4 bytes as they grow, in either form,
	 * and every count stays exact: values 1 x 255, 2 x 256, 3 x 65536,
	 * 7 x 1 (sparse: four distinct values) give total 66048, median 3 and
	 * the 255th and 256th smallest 1 and 2. */
	struct dr_hist wide = { 0 };
	for (int i = 0; i < 255; i++)
		dr_hist_add(&wide, 1);
	dr_hist_add(&wide, 7);
	tap_ok(wide.width == 1 && !wide.dense, "counts up to 255: one byte each, sparse");
	for (int i = 0; i < 256; i++)
		dr_hist_add(&wide, 2);
	tap_ok(wide.width == 2, "a count of 256: two bytes each");
	for (int i = 0; i < 65536; i++)
		dr_hist_add(&wide, 3);
	tap_ok(wide.width == 4 && !wide.dense, "a count of 65536: four bytes each, still sparse");
	tap_int((long)wide.total, 66048, "widened: total 255 + 256 + 65536 + 1");
	tap_num(dr_hist_median(&wide), 3, 0, "widened: median 3");
	tap_num(dr_hist_rank(&wide, 255.0 / 66048), 1, 0, "widened: the 255th smallest is 1");
	tap_num(dr_hist_rank(&wide, 256.0 / 66048), 2, 0, "widened: the 256th smallest is 2");
	tap_num(dr_hist_rank(&wide, 1), 7, 0, "widened: the largest is 7");
	struct dr_hist wd = { 0 };
	for (long v = 0; v < 100; v++)      /* 100 distinct values: dense */
		dr_hist_add(&wd, v);
	tap_ok(wd.dense && wd.width == 1, "100 distinct values: dense, one byte a bin");
	for (int i = 0; i < 70000; i++)
		dr_hist_add(&wd, 50);
	tap_ok(wd.dense && wd.width == 4, "dense: a count of 70001 widens the bins to four bytes");
	dr_hist_add(&wd, 1000);              /* grows past the bins, wide */
	tap_num(dr_hist_median(&wd), 50, 0, "dense, widened and grown: median 50");
	tap_num(dr_hist_rank(&wd, 1), 1000, 0, "... the largest 1000");
	tap_num(dr_hist_rank(&wd, 50.0 / 70101), 49, 0, "... the 50th smallest 49");
	dr_hist_merge(&wide, &wd);
	tap_int((long)wide.total, 66048 + 70101, "a wide merge adds every count");
	tap_num(dr_hist_median(&wide), 50, 0, "... median of the merge: 50");
	dr_hist_free(&wide);
	dr_hist_free(&wd);

	/* Day sets: (key, day) pairs, counted exactly, merged by key. */
	struct dr_dayset da = { 0 }, db = { 0 };
	tap_int(dr_dayset_add(&da, 0, 3), 1, "day set: key 0 is a key like any other");
	tap_int(dr_dayset_add(&da, 7, 3), 1, "... another key, the same day: a new pair");
	tap_int(dr_dayset_add(&da, 7, 3), 0, "... the same pair again: not new");
	tap_int(dr_dayset_add(&da, 7, 31), 1, "day 31 is a day");
	tap_int(dr_dayset_add(&da, 7, 32), 0, "day 32 is not counted");
	dr_dayset_add(&db, 7, 3);
	dr_dayset_add(&db, 8, 0);
	dr_dayset_merge(&db, &da);
	tap_int((long)dr_dayset_size(&db), 4,
	        "day set merge: {(7,3), (8,0)} + {(0,3), (7,3), (7,31)} = 4 pairs");
	tap_int((long)dr_dayset_size(&da), 3, "... the source keeps its 3");
	dr_dayset_free(&da);
	dr_dayset_free(&db);

	/* struct dr_idset keeps bucket + remainder = the whole 64-bit hash, so
	 * 2M random hashes (2M^2 / 2^65 ~ 1e-7 chance of a true collision)
	 * must give 2M members: a remainder cut by even 20 bits would show
	 * hundreds of false duplicates. Both bucket widths in use. */
	unsigned widths[] = { 16, 8 };
	for (size_t w = 0; w < 2; w++) {
		struct dr_idset ids;
		dr_idset_init(&ids, widths[w]);
		uint64_t x = 0x9e3779b97f4a7c15u;
		long fresh = 0, again = 0;
		for (long i = 0; i < 2000000; i++) {
			uint64_t z = (x += 0x9e3779b97f4a7c15u);   /* splitmix64 */
			z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
			z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
			fresh += dr_idset_add(&ids, z ^ (z >> 31));
		}
		x = 0x9e3779b97f4a7c15u;
		for (long i = 0; i < 2000000; i += 1000) {  /* every 1000th again */
			uint64_t z;
			for (long k = 0; k < 1000; k++)
				z = (x += 0x9e3779b97f4a7c15u);
			z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
			z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
			again += dr_idset_add(&ids, z ^ (z >> 31));
		}
		tap_int(fresh, 2000000, widths[w] == 16 ? "idset (2^16 buckets): 2M random hashes, no false duplicate"
		                                     : "idset (2^8 buckets): 2M random hashes, no false duplicate");
		tap_int(again, 0, "... and each of 2,000 of them again is a duplicate");
		tap_int((long)ids.size, 2000000, "... size 2M");
		tap_int(ids.bits, widths[w] == 16 ? 16 : 15, widths[w] == 16
		        ? "... 2^16 buckets kept (30 a bucket)"
		        : "... 2^8 buckets split up to 2^15 (64 a bucket at most)");
		/* hashes one bit apart, in the low and the high bits */
		long near = 0;
		for (int b = 0; b < 64; b++)
			near += dr_idset_add(&ids, 1ULL << b) + dr_idset_add(&ids, (1ULL << b) | 1);
		tap_int(near, 127, "64 single-bit hashes and their +1 neighbours are 127 members (1|1 is one)");
		tap_int(dr_idset_add(&ids, 0) + dr_idset_add(&ids, 0), 1, "0 is a member like any other");
		dr_idset_free(&ids);
		tap_int((long)ids.size, 0, "freed set is empty");
	}
	/* dr_idset_add_id: rising ids go to the run, the rest to the buckets;
	 * an id is found again whichever part holds it. */
	{
		struct dr_idset ids = { 0 };
		char id[32];
		long fresh = 0;
		for (long i = 1; i <= 100000; i++) {          /* an increasing run */
			int n = snprintf(id, sizeof id, "V%08ld", i);
			fresh += dr_idset_add_id(&ids, id, (size_t)n);
		}
		tap_int(fresh, 100000, "idset run: 100,000 rising ids are all new");
		tap_ok(ids.bucket == NULL, "... kept in the run (no bucket allocated)");
		tap_int(dr_idset_add_id(&ids, "V00000001", 9), 0, "out of order: the first id again is a duplicate");
		tap_int(dr_idset_add_id(&ids, "V00050000", 9), 0, "... and one from the middle");
		tap_int(dr_idset_add_id(&ids, "V00100000", 9), 0, "... and the last");
		tap_int(dr_idset_add_id(&ids, "V0001", 5), 1, "V0001 is not V00000001 (digit count)");
		tap_int(dr_idset_add_id(&ids, "V0001", 5), 0, "... and is found again");
		tap_int(dr_idset_add_id(&ids, "W00000001", 9), 1, "another prefix: new");
		tap_int(dr_idset_add_id(&ids, "W00000001", 9), 0, "... found again (hashed)");
		tap_int(dr_idset_add_id(&ids, "00000001", 8), 1, "no prefix: not V00000001");
		tap_int(dr_idset_add_id(&ids, "V-7", 3), 1, "V-7: another prefix");
		tap_int(dr_idset_add_id(&ids, "Vabc", 4), 1, "no digits at the end: new");
		tap_int(dr_idset_add_id(&ids, "Vabc", 4), 0, "... found again");
		tap_int(dr_idset_add_id(&ids, "", 0), 1, "the empty id: new");
		tap_int(dr_idset_add_id(&ids, "", 0), 0, "... found again");
		tap_int(dr_idset_add_id(&ids, "V1234567890123456", 17), 1, "16 digits: hashed, new");
		tap_int(dr_idset_add_id(&ids, "V1234567890123456", 17), 0, "... found again");
		/* the last eight digits read at once: a byte just outside
		 * '0'..'9' (':' is '9' + 1, '/' is '0' - 1) is no digit, so these
		 * are not the ids their value would spell */
		struct dr_idset e8 = { 0 };
		tap_int(dr_idset_add_id(&e8, "P12345680", 9), 1, "eight digits: new");
		tap_int(dr_idset_add_id(&e8, "P1234567:", 9), 1, "P1234567: is not P12345680");
		tap_int(dr_idset_add_id(&e8, "P12345669", 9), 1, "a lower id: new");
		tap_int(dr_idset_add_id(&e8, "P1234567/", 9), 1, "P1234567/ is not P12345669");
		tap_int(dr_idset_add_id(&e8, "P1234\xb0" "678", 9), 1, "a high byte among the digits: new");
		tap_int(dr_idset_add_id(&e8, "P123456789012345", 16), 1, "fifteen digits: new");
		tap_int(dr_idset_add_id(&e8, "P123456789012346", 16), 1, "... the next: new");
		tap_int(dr_idset_add_id(&e8, "P123456789012345", 16), 0, "... the first again: found");
		tap_int(dr_idset_add_id(&e8, "P12345680", 9), 0, "P12345680 again: found");
		tap_int(dr_idset_add_id(&e8, "P1234567:", 9), 0, "P1234567: again: found");
		tap_int((long)e8.size, 7, "seven distinct ids");
		dr_idset_free(&e8);
		/* a gap in the run, filled later: hashed, then found */
		tap_int(dr_idset_add_id(&ids, "V00200000", 9), 1, "a jump ahead: new");
		tap_int(dr_idset_add_id(&ids, "V00150000", 9), 1, "an id in the gap: new");
		tap_int(dr_idset_add_id(&ids, "V00150000", 9), 0, "... found again");
		tap_int(dr_idset_add_id(&ids, "V00200000", 9), 0, "the run's last again: a duplicate");
		tap_int((long)ids.size, 100000 + 9, "size counts run and buckets");
		dr_idset_free(&ids);
		tap_int((long)ids.size, 0, "freed id set is empty");
	}
	{
		/* mixed: rising ids with every 7th id held back and given later,
		 * then every id again; plus far jumps (offsets past 2^32) */
		struct dr_idset ids = { 0 };
		char id[32];
		long fresh = 0, again = 0;
		for (long i = 1; i <= 50000; i++) {
			if (i % 7 == 0)
				continue;
			int n = snprintf(id, sizeof id, "PA%ld", i * 1000003L);
			fresh += dr_idset_add_id(&ids, id, (size_t)n);
		}
		for (long i = 7; i <= 50000; i += 7) {
			int n = snprintf(id, sizeof id, "PA%ld", i * 1000003L);
			fresh += dr_idset_add_id(&ids, id, (size_t)n);
		}
		for (long i = 50000; i >= 1; i--) {
			int n = snprintf(id, sizeof id, "PA%ld", i * 1000003L);
			again += dr_idset_add_id(&ids, id, (size_t)n);
		}
		tap_int(fresh, 50000, "idset mixed: 50,000 ids, every 7th late, all new");
		tap_int(again, 0, "... every one of them again, backwards, a duplicate");
		tap_int((long)ids.size, 50000, "... size 50,000");
		dr_idset_free(&ids);
	}
	{
		/* huge: 3M rising ids (184 run blocks), then 1,000 ids spread
		 * over them again, then 1,000 new ones past the end */
		struct dr_idset ids;
		dr_idset_init_for(&ids, 3000000);
		char id[32];
		long fresh = 0, again = 0, later = 0;
		for (long i = 0; i < 3000000; i++) {
			int n = snprintf(id, sizeof id, "H%010ld", 5 * i);
			fresh += dr_idset_add_id(&ids, id, (size_t)n);
		}
		for (long i = 0; i < 3000000; i += 3000) {
			int n = snprintf(id, sizeof id, "H%010ld", 5 * i);
			again += dr_idset_add_id(&ids, id, (size_t)n);
			n = snprintf(id, sizeof id, "H%010ld", 5 * i + 1);  /* between two */
			later += dr_idset_add_id(&ids, id, (size_t)n);
		}
		tap_int(fresh, 3000000, "idset huge: 3M rising ids all new");
		tap_int(again, 0, "... 1,000 of them again: duplicates");
		tap_int(later, 1000, "... 1,000 ids between them: new");
		tap_int((long)ids.size, 3001000, "... size");
		tap_ok(ids.bits == 17, "dr_idset_init_for(3M): 2^17 buckets (about 32 each)");
		dr_idset_free(&ids);
	}
	dr_hist_free(&ten);
	dr_hist_add(&h, -3);
	tap_int((long)h.total, 6, "negative values are ignored");

	struct dr_hist big = { 0 };
	dr_hist_add(&big, 9999999999L);
	tap_ok(big.cap <= 65536, "an absurd value cannot grow a histogram past 65,536 bins");
	tap_num(dr_hist_median(&big), 65535, 0, "... it is counted in the top bin");
	dr_hist_free(&big);

	struct dr_hist g = { 0 };
	dr_hist_add(&g, 2000);
	dr_hist_merge(&g, &h);
	tap_int((long)g.total, 7, "merge adds counts");
	tap_num(dr_hist_median(&g), 5, 0, "median after merge: 1 2 2 5 9 100 2000");
	dr_hist_free(&g);
	dr_hist_free(&h);

	/* 20000 keys x 31 days, each added twice and in two halves merged: the
	 * table grows through many doublings and every pair counts once; checked
	 * against the count of pairs made, 620000. */
	struct dr_dayset s = { 0 }, half = { 0 };
	long fresh = 0;
	for (int round = 0; round < 2; round++)
		for (uint64_t i = 0; i < 20000; i++)
			for (unsigned day = 0; day < 31; day++)
				fresh += dr_dayset_add(i < 10000 ? &s : &half, dr_hash64(&i, sizeof i, DR_HASH64_SEED), day);
	tap_int(fresh, 620000, "620000 distinct pairs added twice count once");
	dr_dayset_merge(&s, &half);
	dr_dayset_merge(&s, &half);
	tap_int((long)dr_dayset_size(&s), 620000, "... and once again after merging one half in twice");
	tap_ok(s.used == 20000 && s.cap == 32768, "one slot a key, at most 3/4 full");
	dr_dayset_free(&s);
	dr_dayset_free(&half);
	tap_ok(dr_hash64("abc", 3, DR_HASH64_SEED) == 0xe71fa2190541574bULL, "FNV-1a 64 of \"abc\"");
	return tap_done();
}
