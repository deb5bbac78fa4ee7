/*
 * test-distribution.c -- the lead-time headline (chart-distribution.c):
 * a sentence about the distribution (where half of the visits fall, the
 * most common wait, the waits over 60 days), never "highest for a bucket".
 * Each case builds a lead-time table by hand and asserts the exact text.
 */
#include <math.h>
#include <string.h>

#include "dyadreport/metric.h"
#include "tap.h"

#define NB 6

static const char *const keys[NB] = { "0-7", "8-14", "15-30", "31-60", "61-90", "91+" };
static struct dr_group group[NB];
static struct dr_cell_value cell[NB][2];
static struct dr_breakdown_table table;

/*
 * A lead-time table of the buckets with counts c[] (as metric-breakdown.c
 * builds it: a bucket with no visits is left out; -1 = hidden). Measures:
 * visits (0), share (1) of the shown total plus the hidden ones' hidden.
 */
static const struct dr_breakdown_table *lead(const double c[NB])
{
	size_t n = 0, nm;
	double total = 0;
	for (int i = 0; i < NB; i++)
		total += c[i] > 0 ? c[i] : 0;
	memset(&table, 0, sizeof table);
	table.by = DR_BY_LEAD_TIME;
	table.measure = dr_breakdown_measures(DR_BY_LEAD_TIME, &nm);
	table.nmeasure = nm;
	for (int i = 0; i < NB; i++) {
		if (c[i] == 0)
			continue;
		bool hid = c[i] < 0;
		cell[n][0] = (struct dr_cell_value){ .value = hid ? NAN : c[i], .num = NAN, .den = NAN };
		cell[n][1] = (struct dr_cell_value){ .value = hid ? NAN : c[i] / total, .num = NAN,
		                                     .den = NAN };
		group[n] = (struct dr_group){ .key = (char *)keys[i], .label = (char *)keys[i],
		                              .n = hid ? NAN : c[i], .hidden = hid, .v = cell[n] };
		n++;
	}
	table.group = group;
	table.ngroup = n;
	return &table;
}

/* The headline of counts c under measure mi, or "(none)". */
static const char *say(const double c[NB], int mi)
{
	static char out[512];
	if (!dr_lead_time_headline(lead(c), mi, "October 2026", out, sizeof out))
		return "(none)";
	return out;
}

int main(void)
{
	tap_int(dr_breakdown_measure_find(DR_BY_LEAD_TIME, "share"), 1, "share is measure 1");

	/* The sample's primary care: 53 85 161 118 (417 visits); 33.1% within
	 * 14 days, 71.7% within 30; nothing over 60 days. */
	const double sample[NB] = { 53, 85, 161, 118, 0, 0 };
	tap_str(say(sample, 1),
	        "October 2026: the median wait was 15–30 days; the most common wait was "
	        "15\xE2\x80\x93" "30 days (38.6%); none waited over 60 days.",
	        "sample: half within 30 days, mode 15-30, no long waits");

	/* A long tail: 100 visits, 40 in 0-7 and 20 more by 14 days: the
	 * running share reaches half in 8-14; 10 + 5 over 60 days. */
	const double tail[NB] = { 40, 20, 15, 10, 10, 5 };
	tap_str(say(tail, 1),
	        "October 2026: the median wait was 8–14 days; the most common wait was "
	        "0\xE2\x80\x93" "7 days (40.0%); 15.0% waited over 60 days.",
	        "tail: half within 14 days, 15% over 60 days");

	/* Exactly half by 7 days: at least half waited no longer than 7. */
	const double even[NB] = { 50, 0, 0, 0, 0, 50 };
	tap_str(say(even, 1),
	        "October 2026: the median wait was 0–7 days; the most common wait was "
	        "0\xE2\x80\x93" "7 days (50.0%); 50.0% waited over 60 days.",
	        "a tie: the first bucket is the most common; half within 7 days");

	/* Most visits in the open bucket. */
	const double late[NB] = { 10, 0, 0, 0, 20, 70 };
	tap_str(say(late, 1),
	        "October 2026: the median wait was over 90 days; the most common wait "
	        "was over 90 days (70.0%); 90.0% waited over 60 days.",
	        "open bucket: more than half over 90 days");

	/* The count measure quotes visits, as its bars show them. */
	tap_str(say(sample, 0),
	        "October 2026: the median wait was 15–30 days; the most common wait was "
	        "15\xE2\x80\x93" "30 days (161 visits); none waited over 60 days.",
	        "counts: visits, not shares");
	const double one[NB] = { 0, 0, 0, 0, 0, 1 };
	tap_str(say(one, 0),
	        "October 2026: the median wait was over 90 days; the most common wait "
	        "was over 90 days (1 visit); 1 visit waited over 60 days.",
	        "counts: one visit, singular");

	/* A hidden bucket: the running share is unknown; only the mode. */
	const double hidden[NB] = { 53, 85, 161, 118, -1, 0 };
	tap_str(say(hidden, 1),
	        "October 2026: the most common wait among the groups shown was 15\xE2\x80\x93" "30 days "
	        "(38.6%).",
	        "hidden bucket: the mode among those shown, no half or tail claim");

	/* Nothing to describe, or not a lead-time table: false. */
	const double none[NB] = { 0, 0, 0, 0, 0, 0 };
	tap_str(say(none, 1), "(none)", "no visits: no sentence");
	lead(sample);
	table.by = DR_BY_WEEKDAY;
	char out[64] = "untouched";
	tap_ok(!dr_lead_time_headline(&table, 1, "October 2026", out, sizeof out),
	       "another breakdown: false");
	tap_str(out, "untouched", "... and out untouched");
	lead(sample);
	group[0].key = (char *)"MON";
	tap_ok(!dr_lead_time_headline(&table, 1, "October 2026", out, sizeof out),
	       "an unknown bucket key: false");
	tap_ok(!dr_lead_time_headline(lead(sample), 2, "October 2026", out, sizeof out),
	       "a measure out of range: false");
	return tap_done();
}
