/*
 * g-sparkline.c -- gallery items of the sparkline (gallery.h), drawn on an
 * 800 x 160 box so they can be seen: 13 months of a denial rate whose
 * centre steps down with the improvement (the last value provisional);
 * then hostile ones: no points, one point, all missing, 1e12 values, a
 * flat series, and gaps that leave a value alone.
 */
#include <math.h>

#include "gallery.h"

#define NSPARK 13
#define ASPECT 0.2

static struct dr_chart_point rate_pt[NSPARK], one_pt[1], missing_pt[NSPARK], huge_pt[NSPARK],
	flat_pt[NSPARK], gaps_pt[NSPARK];

/* 13 months of the denial rate: phase 1 to month 5, then phase 2 with
 * improvement signals and a provisional last month. */
static void fill_rate(void)
{
	static const double y[NSPARK] = {
		0.125, 0.138, 0.112, 0.121, 0.129, 0.109, 0.097, 0.095, 0.102,
		0.091, 0.094, 0.088, 0.084,
	};
	for (int i = 0; i < NSPARK; i++) {
		bool two = i >= 5;
		rate_pt[i] = (struct dr_chart_point){
			.month = dr_month_make(2025, 10) + i, .y = y[i],
			.cl = two ? 0.0945 : 0.125, .lcl = two ? 0.0603 : 0.0855,
			.ucl = two ? 0.1287 : 0.1645, .type = DR_POINT_COMMON,
			.hollow = i == NSPARK - 1, .phase = two ? 2 : 1,
		};
	}
	for (int i = 9; i < NSPARK; i++)
		rate_pt[i].type = DR_POINT_IMPROVEMENT;
}

/* Points of month m0 + i with value y[i] and no lines. */
static void fill_plain(struct dr_chart_point *pt, int n, const double *y, double cl)
{
	for (int i = 0; i < n; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i, .y = y[i],
		                                 .cl = cl, .lcl = NAN, .ucl = NAN,
		                                 .type = DR_POINT_COMMON, .phase = 1 };
}

size_t gallery_sparkline(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	fill_rate();
	struct dr_chart c = {
		.kind = DR_CHART_SPARKLINE, .title = "Initial denial rate",
		.unit = DR_UNIT_PERCENT, .better = -1, .has_target = true, .target = 0.08,
		.n = NSPARK, .pt = rate_pt,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-normal", c, ASPECT };

	c = (struct dr_chart){ .kind = DR_CHART_SPARKLINE, .title = "Empty", .n = 0, .pt = NULL };
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-empty", c, ASPECT };

	one_pt[0] = (struct dr_chart_point){ .month = dr_month_make(2026, 10), .y = 0.31,
	                                     .cl = NAN, .lcl = NAN, .ucl = NAN,
	                                     .type = DR_POINT_CONCERN, .hollow = true };
	c = (struct dr_chart){ .kind = DR_CHART_SPARKLINE, .unit = DR_UNIT_PERCENT, .n = 1,
	                       .pt = one_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-one", c, ASPECT };

	double y[NSPARK];
	for (int i = 0; i < NSPARK; i++)
		y[i] = NAN;
	fill_plain(missing_pt, NSPARK, y, NAN);
	c = (struct dr_chart){ .kind = DR_CHART_SPARKLINE, .unit = DR_UNIT_PERCENT, .n = NSPARK,
	                       .pt = missing_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-all-missing", c, ASPECT };

	for (int i = 0; i < NSPARK; i++)
		y[i] = 1e12 * (1 + 0.3 * sin(i * 0.9)) + (i == 7 ? 9e11 : 0);
	fill_plain(huge_pt, NSPARK, y, 1e12);
	huge_pt[7].type = DR_POINT_CONCERN;
	c = (struct dr_chart){ .kind = DR_CHART_SPARKLINE, .unit = DR_UNIT_CURRENCY, .better = -1,
	                       .n = NSPARK, .pt = huge_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-huge", c, ASPECT };

	for (int i = 0; i < NSPARK; i++)
		y[i] = 42;
	fill_plain(flat_pt, NSPARK, y, 42);
	c = (struct dr_chart){ .kind = DR_CHART_SPARKLINE, .unit = DR_UNIT_COUNT, .n = NSPARK,
	                       .pt = flat_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-flat", c, ASPECT };

	static const double gy[NSPARK] = { NAN, 31, 35, NAN, 28, NAN, NAN, 40, 38, 44, NAN, 36,
	                                   NAN };
	fill_plain(gaps_pt, NSPARK, gy, 36);
	gaps_pt[9].type = DR_POINT_NEUTRAL_HIGH;
	c = (struct dr_chart){ .kind = DR_CHART_SPARKLINE, .unit = DR_UNIT_COUNT, .n = NSPARK,
	                       .pt = gaps_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "sparkline-gaps", c, ASPECT };
	return n;
}
