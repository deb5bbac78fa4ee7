/*
 * chart-alt.c -- a chart's alternative text (chart.h dr_chart_alt).
 *
 * STUB: the headline (or the title) only, for now; the latest value,
 * centre and limits in words come on a branch. The interface is final.
 */
#include <stdio.h>

#include "dyadreport/chart.h"

void dr_chart_alt(const struct dr_chart *c, const char *headline, char *out, size_t size)
{
	if (!size)
		return;
	snprintf(out, size, "%s", headline && *headline ? headline : c->title ? c->title : "Chart");
}
