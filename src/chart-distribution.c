/*
 * chart-distribution.c -- the headline of the lead-time distribution
 * (by = lead-time): a sentence that describes where the visits' waits lie,
 * not which bucket "came highest" (metric.h dr_lead_time_headline).
 *
 * Takes:   a lead-time breakdown table (buckets 0-7, 8-14, 15-30, 31-60,
 *          61-90 and 91+ days in that order, keys as metric-breakdown.c
 *          writes them; a bucket with no visits is left out, so it holds
 *          0), the measure the chart shows (share or visits) and the
 *          window's words ("October 2026").
 * Returns: "October 2026: the median wait was 15–30 days; the most common
 *          wait was 15–30 days (38.6%); none waited over 60 days." -- the
 *          bucket where the cumulative count first reaches half (the band
 *          the median falls in), the largest bucket with its shown value,
 *          and the share
 *          (or count) of waits over LONG_WAIT days. With a hidden bucket
 *          the cumulative counts are unknown: only the most common wait
 *          among the buckets shown is named.
 * Never:   quotes a number the chart does not show (the tail's value is
 *          the sum of the shown values of its buckets), prints, allocates.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"

/* Waits past two months are the long tail the sentence ends with. */
#define LONG_WAIT 60

#define EN_DASH "\xE2\x80\x93"

/* A bucket key "15-30" or "91+" into its bounds in days (hi = -1: open);
 * false for any other key. */
static bool bounds(const char *key, long *lo, long *hi)
{
	char *end;
	*lo = strtol(key, &end, 10);
	if (end == key || *lo < 0)
		return false;
	if (strcmp(end, "+") == 0) {
		*hi = -1;
		return true;
	}
	if (*end != '-')
		return false;
	const char *h = end + 1;
	*hi = strtol(h, &end, 10);
	return end != h && *end == '\0' && *hi >= *lo;
}

/* "15–30 days" or "over 90 days" for bucket lo..hi. */
static void span(long lo, long hi, char *out, size_t size)
{
	if (hi < 0)
		snprintf(out, size, "over %ld days", lo - 1);
	else
		snprintf(out, size, "%ld" EN_DASH "%ld days", lo, hi);
}

bool dr_lead_time_headline(const struct dr_breakdown_table *t, int mi, const char *when,
                           char *out, size_t size)
{
	if (!t || t->by != DR_BY_LEAD_TIME || mi < 0 || (size_t)mi >= t->nmeasure || size == 0)
		return false;
	enum dr_chart_unit unit = t->measure[mi].unit;
	const struct dr_group *top = NULL;
	long top_lo = 0, top_hi = 0;
	double total = 0, tail = 0;
	bool hidden = false, any_tail = false;
	for (size_t i = 0; i < t->ngroup; i++) {
		const struct dr_group *g = &t->group[i];
		long lo, hi;
		if (!bounds(g->key, &lo, &hi))
			return false;
		if (g->hidden || isnan(g->n) || isnan(g->v[mi].value)) {
			hidden = true;
			continue;
		}
		total += g->n;
		if (lo > LONG_WAIT) {
			tail += g->v[mi].value;
			any_tail |= g->n > 0;
		}
		if (g->n > 0 && (!top || g->v[mi].value > top->v[mi].value)) {
			top = g;
			top_lo = lo;
			top_hi = hi;
		}
	}
	if (!top || total <= 0)
		return false;

	char v[64], mode[48];
	dr_chart_format_value(unit, top->v[mi].value, -1, v, sizeof v);
	span(top_lo, top_hi, mode, sizeof mode);
	if (hidden) {
		snprintf(out, size, "%s: the most common wait among the groups shown was %s (%s).", when,
		         mode, v);
		return true;
	}

	/* The bucket where the running count first reaches half of all visits. */
	char half[96];
	double cum = 0;
	for (size_t i = 0; i < t->ngroup; i++) {
		const struct dr_group *g = &t->group[i];
		long lo, hi;
		bounds(g->key, &lo, &hi);
		cum += g->n;
		if (2 * cum < total)
			continue;
		/* The band the median falls in, never a bound read as the median. */
		char band[48];
		span(lo, hi, band, sizeof band);
		snprintf(half, sizeof half, "the median wait was %s", band);
		break;
	}

	char tl[96];
	if (!any_tail) {
		snprintf(tl, sizeof tl, "none waited over %d days", LONG_WAIT);
	} else {
		char tv[64];
		dr_chart_format_value(unit, tail, -1, tv, sizeof tv);
		snprintf(tl, sizeof tl, "%s%s waited over %d days", tv,
		         unit == DR_UNIT_PERCENT ? "" : tail == 1 ? " visit" : " visits", LONG_WAIT);
	}
	snprintf(out, size, "%s: %s; the most common wait was %s (%s%s); %s.", when, half, mode, v,
	         unit == DR_UNIT_PERCENT ? "" : top->n == 1 ? " visit" : " visits", tl);
	return true;
}
