/*
 * chart-bytes.h -- a chart of any kind built from arbitrary bytes, and the
 * check that its trace keeps the drawing contract. Shared by the libFuzzer
 * target fuzz/fuzz-chart.c and the seeded test tests/unit/test-chart-random.c.
 *
 * The bytes choose the kind and its y axis mode, the box (from 1 x 1 to
 * 1600 x 1600 points, and the extremes), the unit, period, direction,
 * target and reference, then
 * the data: numbers drawn from a table of awkward values (0, -0, NAN, +-INF,
 * 1e300, DBL_MAX, denormals, 0.08, 1e12...) or taken raw from 8 input
 * bytes, and labels of raw input bytes (invalid UTF-8, control characters,
 * 0 to 80 bytes); a funnel's groups come from the bars' labels, values
 * and n, with a raw flag, judged against a target and model of raw bytes
 * (or none). Everything lives inside struct chart_bytes.
 */
#ifndef DYADREPORT_CHART_BYTES_H
#define DYADREPORT_CHART_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "dyadreport/chart.h"

#define CB_POINTS 40
#define CB_BARS 80
#define CB_ROWS 12
#define CB_COLS 12
#define CB_PANELS 12
#define CB_TEXTS 48

struct chart_bytes {
	struct dr_chart c;
	double w, h;
	struct dr_chart_point pt[CB_POINTS];
	struct dr_chart_annotation ann[4];
	struct dr_chart_bar bar[CB_BARS];
	struct dr_chart_cell cell[CB_ROWS * CB_COLS];
	const char *row[CB_ROWS], *col[CB_COLS];
	struct dr_chart_panel panel[CB_PANELS];
	struct dr_chart_point ppt[CB_PANELS][CB_POINTS];
	struct dr_chart_funnel_point fpt[CB_BARS];
	struct dr_funnel funnel;
	char text[CB_TEXTS][81];
	int ntext;
};

/* Fills cb from data (any bytes; missing bytes read as 0). */
void chart_from_bytes(struct chart_bytes *cb, const uint8_t *data, size_t size);

/*
 * Draws cb->c on the trace backend in its box and checks the contract:
 * the trace is complete ("end"), has no state breach ("!!"), no NAN or
 * infinite number, and no coordinate more than 1 point outside the box.
 * Returns 0, or -1 with the first broken rule in why.
 */
int chart_bytes_check(const struct chart_bytes *cb, char *why, size_t size);

#endif
