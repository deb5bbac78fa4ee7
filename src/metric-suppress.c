/*
 * metric-suppress.c -- the two privacy rules every series and breakdown
 * applies (metric.h): the small-cell test and the complementary rule.
 *
 * dr_suppress_small() says whether one count is a small cell: more than
 * zero and fewer than the threshold (a threshold of 0 or less turns the
 * rule off; zero itself is never small, it identifies nobody).
 *
 * dr_suppress_complement() runs after the first rule has marked groups
 * hidden: when exactly one group is hidden and at least one is shown, the
 * hidden figure could be worked out as the total minus the shown ones, so
 * the shown group with the smallest size is hidden too (ties: the name in
 * byte order, the smaller first). Two or more hidden groups already protect
 * each other. It never un-hides a group.
 *
 * Pure: no I/O, no allocation, no globals. Never prints.
 */
#include <string.h>

#include "dyadreport/metric.h"

bool dr_suppress_small(double c, int below)
{
	return below > 0 && c > 0 && c < below;
}

size_t dr_suppress_complement(const double *size, const char *const *name, size_t n, bool *hidden)
{
	size_t nhidden = 0, pick = n;
	for (size_t i = 0; i < n; i++)
		nhidden += hidden[i];
	if (nhidden != 1 || nhidden == n)
		return nhidden;
	for (size_t i = 0; i < n; i++) {
		if (hidden[i])
			continue;
		if (pick == n || size[i] < size[pick] ||
		    (size[i] == size[pick] && strcmp(name[i], name[pick]) < 0))
			pick = i;
	}
	hidden[pick] = true;
	return 2;
}
