/*
 * g-spc.c -- gallery items of the SPC line chart (gallery.h): a 24-month
 * denial rate with two phases, signals of both kinds, a target, an
 * annotation and provisional months; then hostile ones: all missing, one
 * point, huge currency values, a 40-character title with long
 * annotations, and a count whose lower limit is negative.
 */
#include <math.h>

#include "gallery.h"

#define NRATE 24

static struct dr_chart_point rate_pt[NRATE], missing_pt[6], one_pt[1], huge_pt[6],
	long_pt[13], neg_pt[13];

static const struct dr_chart_annotation rate_ann[] = {
	{ 0, "New intake process", true },
};

static const struct dr_chart_annotation long_ann[] = {
	{ 0, "A forty-character annotation label here!", true },
	{ 0, "Ünïcödé – façade of a long name, Ωmega", false },
};

static struct dr_chart_annotation rate_ann_m[1], long_ann_m[2];

static void fill_rate(void)
{
	static const double y[NRATE] = {
		0.121, 0.134, 0.118, 0.127, 0.176, 0.131, 0.119, 0.125, 0.138, 0.112, NAN, 0.129,
		0.124, 0.109, 0.097, 0.095, 0.102, 0.091, 0.094, 0.088, 0.098, 0.093, 0.087, 0.083,
	};
	for (int i = 0; i < NRATE; i++) {
		bool two = i >= 13;
		rate_pt[i] = (struct dr_chart_point){
			.month = dr_month_make(2024, 11) + i, .y = y[i],
			.cl = two ? 0.1012 : 0.1268, .lcl = two ? 0.0603 : 0.0855,
			.ucl = two ? 0.1421 : 0.1681, .type = DR_POINT_COMMON,
			.hollow = i >= NRATE - 2, .phase = two ? 2 : 1,
		};
	}
	rate_pt[4].type = DR_POINT_CONCERN;
	for (int i = 14; i < NRATE; i++)
		rate_pt[i].type = DR_POINT_IMPROVEMENT;
	rate_pt[10].type = DR_POINT_NONE;
	rate_ann_m[0] = rate_ann[0];
	rate_ann_m[0].month = rate_pt[13].month;
}

size_t gallery_spc(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	fill_rate();
	struct dr_chart base = {
		.kind = DR_CHART_SPC,
		.title = "Initial denial rate",
		.subtitle = "Prior-authorization requests denied at first decision, as a share of "
		            "decided requests",
		.footnote = "p-chart, Anhøj rules (qicharts2). Hollow points: provisional months.",
		.unit = DR_UNIT_PERCENT, .better = -1, .has_target = true, .target = 0.08,
		.n = NRATE, .pt = rate_pt, .ann = rate_ann_m, .nann = 1, .icons = true,
		.variation = DR_POINT_IMPROVEMENT, .assurance = DR_ASSURE_FAIL,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "spc-normal", base, 0 };

	for (int i = 0; i < 6; i++)
		missing_pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 1) + i, .y = NAN,
		                                         .cl = NAN, .lcl = NAN, .ucl = NAN };
	struct dr_chart c = { .title = "All missing", .unit = DR_UNIT_PERCENT, .n = 6,
	                      .pt = missing_pt, .footnote = "No month has a value." };
	if (n < max)
		out[n++] = (struct gallery_item){ "spc-all-missing", c, 0 };

	one_pt[0] = (struct dr_chart_point){ .month = dr_month_make(2026, 10), .y = 0.5, .cl = NAN,
	                                     .lcl = NAN, .ucl = NAN, .type = DR_POINT_NONE };
	c = (struct dr_chart){ .title = "One point", .unit = DR_UNIT_PERCENT, .n = 1, .pt = one_pt,
	                       .has_target = true, .target = 0.5 };
	if (n < max)
		out[n++] = (struct gallery_item){ "spc-one-point", c, 0 };

	for (int i = 0; i < 6; i++)
		huge_pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 12) + i,
		                                      .y = 1e12 * (i + 1), .cl = 3e12, .lcl = -1e12,
		                                      .ucl = 7e12, .type = DR_POINT_CONCERN };
	c = (struct dr_chart){ .title = "Denied amount", .subtitle = "Billed amount of denied claims",
	                       .unit = DR_UNIT_CURRENCY, .better = -1, .n = 6, .pt = huge_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "spc-huge", c, 0 };

	for (int i = 0; i < 13; i++)
		long_pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i,
		                                      .y = 4 + (i % 3) * 0.5, .cl = 4.5, .lcl = 2.9,
		                                      .ucl = 6.1, .type = DR_POINT_COMMON, .phase = 1 };
	for (int k = 0; k < 2; k++) {
		long_ann_m[k] = long_ann[k];
		long_ann_m[k].month = long_pt[4 + k].month;
	}
	c = (struct dr_chart){
		.title = "A forty-character title for a chart xyz and then a lot more words",
		.subtitle = "A subtitle long enough to need wrapping onto a second line, with "
		            "accents (Müller, Łódź, São Paulo) and then more words to be cut off",
		.footnote = "\xff\xfe broken UTF-8 \xf0\x9f\x98\x80 and an emoji",
		.unit = DR_UNIT_DAYS, .n = 13, .pt = long_pt, .ann = long_ann_m, .nann = 2,
		.icons = true, .variation = DR_POINT_COMMON, .assurance = DR_ASSURE_HIT_AND_MISS,
		.trial_limits = true,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "spc-long-labels", c, 0 };

	for (int i = 0; i < 13; i++)
		neg_pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i,
		                                     .y = (double)((i * 7) % 5), .cl = 2, .lcl = -2.2,
		                                     .ucl = 6.2, .type = DR_POINT_COMMON };
	c = (struct dr_chart){ .title = "Handoffs missed", .subtitle = "A count with a negative LCL",
	                       .unit = DR_UNIT_COUNT, .better = -1, .n = 13, .pt = neg_pt };
	if (n < max)
		out[n++] = (struct gallery_item){ "spc-negative-lcl", c, 0 };
	return n;
}
