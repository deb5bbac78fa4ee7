/*
 * g-tile.c -- gallery items of the KPI tile (gallery.h), on a 16:9-ish
 * 400 x 225 shape drawn 800 points wide: a falling denial rate with the
 * improvement and fail icons and a target not met; a rising count of
 * visits in the thousands; then hostile ones: no points, one value, a
 * provisional latest value, a 40-character accented title, and 1e12
 * amounts.
 */
#include <math.h>

#include "gallery.h"

#define NTILE 13
#define ASPECT (225.0 / 400.0)

static struct dr_chart_point rate_pt[NTILE], count_pt[NTILE], one_pt[1], prov_pt[NTILE],
	long_pt[NTILE], huge_pt[NTILE];

/* 13 months from Oct 2025 of values y, centre cl, all common cause. */
static void fill(struct dr_chart_point *pt, const double *y, double cl)
{
	for (int i = 0; i < NTILE; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i, .y = y[i],
		                                 .cl = cl, .lcl = NAN, .ucl = NAN,
		                                 .type = DR_POINT_COMMON, .phase = 1 };
}

size_t gallery_tile(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	static const double rate[NTILE] = {
		0.125, 0.138, 0.112, 0.121, 0.129, 0.109, 0.097, 0.095, 0.102,
		0.091, 0.094, 0.088, 0.083,
	};
	fill(rate_pt, rate, NAN);
	for (int i = 0; i < NTILE; i++) {
		bool two = i >= 5;
		rate_pt[i].cl = two ? 0.0945 : 0.125;
		rate_pt[i].phase = two ? 2 : 1;
		rate_pt[i].type = i >= 9 ? DR_POINT_IMPROVEMENT : DR_POINT_COMMON;
	}
	struct dr_chart c = {
		.kind = DR_CHART_TILE, .title = "Initial denial rate", .unit = DR_UNIT_PERCENT,
		.better = -1, .has_target = true, .target = 0.08, .n = NTILE, .pt = rate_pt,
		.icons = true, .variation = DR_POINT_IMPROVEMENT, .assurance = DR_ASSURE_FAIL,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-normal", c, ASPECT };

	static const double visits[NTILE] = {
		11820, 12040, 11650, 12210, 11980, 12330, 12110, 12450, 12380,
		12290, 12510, 12468, 12893,
	};
	fill(count_pt, visits, 12240);
	count_pt[NTILE - 1].type = DR_POINT_IMPROVEMENT;
	c = (struct dr_chart){
		.kind = DR_CHART_TILE, .title = "Visits completed", .unit = DR_UNIT_COUNT,
		.better = 1, .n = NTILE, .pt = count_pt, .icons = true,
		.variation = DR_POINT_IMPROVEMENT, .assurance = DR_ASSURE_NONE,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-count", c, ASPECT };

	c = (struct dr_chart){ .kind = DR_CHART_TILE, .title = "Handoffs missed",
	                       .unit = DR_UNIT_COUNT, .better = -1, .n = 0, .pt = NULL };
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-empty", c, ASPECT };

	one_pt[0] = (struct dr_chart_point){ .month = dr_month_make(2026, 10), .y = 4.5,
	                                     .cl = NAN, .lcl = NAN, .ucl = NAN,
	                                     .type = DR_POINT_NONE };
	c = (struct dr_chart){ .kind = DR_CHART_TILE, .title = "New-patient lead time (days)",
	                       .unit = DR_UNIT_DAYS, .better = -1, .has_target = true,
	                       .target = 7, .n = 1, .pt = one_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-one", c, ASPECT };

	static const double noshow[NTILE] = {
		0.071, 0.068, 0.074, 0.066, 0.07, 0.072, 0.069, 0.065, 0.071,
		0.067, 0.07, 0.068, 0.074,
	};
	fill(prov_pt, noshow, 0.0696);
	prov_pt[NTILE - 1].hollow = true;
	c = (struct dr_chart){ .kind = DR_CHART_TILE, .title = "No-show rate",
	                       .unit = DR_UNIT_PERCENT, .better = -1, .n = NTILE, .pt = prov_pt,
	                       .icons = true, .variation = DR_POINT_COMMON,
	                       .assurance = DR_ASSURE_HIT_AND_MISS, .has_target = true,
	                       .target = 0.07 };
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-provisional", c, ASPECT };

	static const double share[NTILE] = {
		0.41, 0.43, 0.4, 0.44, 0.42, 0.45, 0.43, 0.44, 0.46,
		0.45, 0.47, 0.46, 0.46,
	};
	fill(long_pt, share, 0.44);
	c = (struct dr_chart){
		.kind = DR_CHART_TILE,
		.title = "Überweisungen mit vollständiger Dokumentation à São Paulo, Łódź und Genève",
		.unit = DR_UNIT_PERCENT, .better = 1, .n = NTILE, .pt = long_pt, .icons = true,
		.variation = DR_POINT_COMMON, .assurance = DR_ASSURE_PASS, .has_target = true,
		.target = 0.4,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-long-title", c, ASPECT };

	double amount[NTILE];
	for (int i = 0; i < NTILE; i++)
		amount[i] = 1e12 * (1 + 0.25 * sin(i * 0.8));
	fill(huge_pt, amount, 1e12);
	c = (struct dr_chart){ .kind = DR_CHART_TILE, .title = "Denied amount",
	                       .unit = DR_UNIT_CURRENCY, .better = -1, .n = NTILE, .pt = huge_pt,
	                       .has_target = true, .target = 7.5e11 };
	if (n < max)
		out[n++] = (struct gallery_item){ "tile-huge", c, ASPECT };
	return n;
}
