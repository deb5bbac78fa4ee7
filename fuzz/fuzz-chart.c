/*
 * fuzz-chart.c -- libFuzzer target for the chart kinds: the input bytes
 * become a chart of any kind, box and data (tests/gallery/chart-bytes.c:
 * awkward numbers, raw-byte labels, any counts), drawn on the trace
 * backend. Checks (a broken one aborts): the trace is complete, has no
 * render.h state breach, no NAN or infinite number and nothing outside
 * the box; AddressSanitizer and UBSan watch the drawing code itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "chart-bytes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct chart_bytes cb;
	char why[256];
	chart_from_bytes(&cb, data, size);
	if (chart_bytes_check(&cb, why, sizeof why) != 0) {
		fprintf(stderr, "fuzz-chart: contract broken: %s\n", why);
		abort();
	}
	return 0;
}
