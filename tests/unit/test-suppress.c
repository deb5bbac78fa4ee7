/*
 * test-suppress.c -- the two privacy rules of metric-suppress.c: the
 * small-cell test and the complementary rule with 0, 1 and 2 groups hidden,
 * ties broken by name, a single group, and every group hidden; the hidden
 * groups' sum kept from being a small cell, and so any count a shown value
 * rests on (a rate's complement: dr_suppress_hidden_count). (When privacy hides too much of
 * a series to judge it: test-withhold.c.)
 */
#include <stdbool.h>

#include "dyadreport/metric.h"
#include "tap.h"

int main(void)
{
	/* Small cells: 0 < c < below, never when below <= 0. */
	tap_ok(!dr_suppress_small(0, 11), "0 is not small (identifies nobody)");
	tap_ok(dr_suppress_small(1, 11), "1 is small under 11");
	tap_ok(dr_suppress_small(10, 11), "10 is small under 11");
	tap_ok(!dr_suppress_small(11, 11), "11 is not");
	tap_ok(!dr_suppress_small(3, 0), "below 0: rule off");
	tap_ok(!dr_suppress_small(3, -1), "below -1: rule off");
	tap_ok(!dr_suppress_small(NAN, 11), "no count is not small");

	const char *name[] = { "C", "A", "B", "D" };
	double size[] = { 40, 20, 20, 3 };

	/* None hidden: nothing changes. */
	bool h0[4] = { false, false, false, false };
	tap_int((long)dr_suppress_complement(size, name, 4, h0), 0, "0 hidden -> 0");
	tap_ok(!h0[0] && !h0[1] && !h0[2] && !h0[3], "... none hidden");

	/* One hidden (D): the smallest shown is 20, A and B tie -> A by name. */
	bool h1[4] = { false, false, false, true };
	tap_int((long)dr_suppress_complement(size, name, 4, h1), 2, "1 hidden -> 2");
	tap_ok(h1[1] && !h1[2] && !h1[0] && h1[3], "... tie 20/20 broken by name: A, not B");

	/* Smallest shown without a tie. */
	double size2[] = { 40, 25, 20, 3 };
	bool h1b[4] = { false, false, false, true };
	dr_suppress_complement(size2, name, 4, h1b);
	tap_ok(h1b[2] && !h1b[1] && !h1b[0], "1 hidden: B (20) is the smallest shown");

	/* Two hidden already protect each other. */
	bool h2[4] = { false, true, false, true };
	tap_int((long)dr_suppress_complement(size, name, 4, h2), 2, "2 hidden -> 2, no more");
	tap_ok(!h2[0] && !h2[2], "... C and B stay shown");

	/* A single group that is hidden: nothing to add. */
	bool h3[1] = { true };
	tap_int((long)dr_suppress_complement(size, name, 1, h3), 1, "single group hidden -> 1");
	bool h4[1] = { false };
	tap_int((long)dr_suppress_complement(size, name, 1, h4), 0, "single group shown -> 0");

	/* All hidden. */
	bool h5[4] = { true, true, true, true };
	tap_int((long)dr_suppress_complement(size, name, 4, h5), 4, "all hidden -> 4");

	/* Two groups, one hidden: the other goes too. */
	bool h6[2] = { false, true };
	tap_int((long)dr_suppress_complement(size, name, 2, h6), 2, "2 groups, 1 hidden -> both");
	tap_ok(h6[0], "... C hidden");

	/* No groups. */
	tap_int((long)dr_suppress_complement(size, name, 0, h0), 0, "no groups -> 0");
	/* The hidden groups' sum: 3 + 2 = 5 is a small cell under 11, so the
	 * smallest shown (15) joins them: 20. */
	const char *rn[] = { "MEDICAL_NECESSITY", "CODING_ERROR", "ELIGIBILITY", "TIMELY_FILING" };
	double rs[] = { 30, 15, 3, 2 };
	bool hs[4] = { false, false, true, true };
	tap_int((long)dr_suppress_hidden_sum(rs, rn, 4, hs, 11), 3, "hidden sum 5: one more hidden");
	tap_ok(!hs[0] && hs[1] && hs[2] && hs[3], "... the smallest shown, coding error (15)");
	bool hs2[4] = { false, false, true, true };
	double rs2[] = { 30, 15, 8, 4 };
	tap_int((long)dr_suppress_hidden_sum(rs2, rn, 4, hs2, 11), 2, "hidden sum 12: nothing more");
	bool hs3[4] = { false, false, true, true };
	tap_int((long)dr_suppress_hidden_sum(rs, rn, 4, hs3, 0), 2, "below 0: rule off");
	bool hs4[4] = { false, false, false, false };
	tap_int((long)dr_suppress_hidden_sum(rs, rn, 4, hs4, 11), 0, "none hidden: none added");
	double rs5[] = { 12, 12, 3, 2 };
	bool hs5[4] = { false, false, true, true };
	dr_suppress_hidden_sum(rs5, rn, 4, hs5, 11);
	tap_ok(hs5[1] && !hs5[0], "tie 12/12 broken by name: CODING_ERROR");
	double rs6[] = { 4, 3 };
	bool hs6[2] = { false, true };
	tap_int((long)dr_suppress_hidden_sum(rs6, rn, 2, hs6, 11), 2, "every group hidden when the sum stays small");

	/* Any count: handoff types of sizes 60, 83, 40, 25 with 2, 13, 0, 0
	 * not completed; referral (60) and discharge (40) hidden. The hidden
	 * ones' 2 incomplete = All - shown: hide the smallest shown whose
	 * count adds, shift change (83), not other (25, none incomplete). */
	const char *hn[] = { "REFERRAL", "SHIFT_CHANGE", "DISCHARGE", "OTHER" };
	double hsz[] = { 60, 83, 40, 25 }, inc[] = { 2, 13, 0, 0 };
	bool hh[4] = { true, false, true, false };
	tap_int((long)dr_suppress_hidden_count(inc, hsz, hn, 4, hh, 11), 3,
	        "hidden incomplete 2: one more hidden");
	tap_ok(hh[1] && !hh[3], "... shift change (13 incomplete), not other (0)");
	double inc2[] = { 2, 0, 0, 0 };
	bool hh2[4] = { true, false, true, false };
	tap_int((long)dr_suppress_hidden_count(inc2, hsz, hn, 4, hh2, 11), 2,
	        "no shown group adds: the sum is the whole's own, nothing more hidden");
	double inc3[] = { 12, 13, 0, 0 };
	bool hh3[4] = { true, false, true, false };
	tap_int((long)dr_suppress_hidden_count(inc3, hsz, hn, 4, hh3, 11), 2, "hidden sum 12: nothing more");
	bool hh4[4] = { true, false, true, false };
	tap_int((long)dr_suppress_hidden_count(inc, hsz, hn, 4, hh4, 0), 2, "below 0: rule off");

	return tap_done();
}
