/*
 * charttest.h -- the trace of a chart as a string, for the chart tests
 * (test-chart.c, test-gallery.c, the hostile-chart builder chart-bytes.c).
 */
#ifndef DYADREPORT_CHARTTEST_H
#define DYADREPORT_CHARTTEST_H

#include <stdio.h>
#include <stdlib.h>

#include "dyadreport/render.h"

/* Every drawing call of c in a w x h box (render.h's trace backend), as a
 * malloc'd string the caller frees. */
static inline char *ct_trace(const struct dr_chart *c, double w, double h)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	dr_render_trace(f, c, w, h);
	fclose(f);
	return buf;
}

#endif
