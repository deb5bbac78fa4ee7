/*
 * g-bar.c -- gallery items of the horizontal bar chart (gallery.h): the
 * initial denial rate of eight payers with n, the rate of all payers as a
 * reference and an 8% target; then hostile ones: no bars, one bar,
 * 40-character accented payer names with a hidden and a missing value,
 * counts near a billion, sixty bars, and negative values.
 */
#include <math.h>
#include <stdio.h>

#include "gallery.h"

static const struct dr_chart_bar normal_bar[] = {
	{ "Medicare Advantage", 0.187, 1432, false, false, false },
	{ "UnitedHealthcare", 0.164, 2210, false, false, false },
	{ "Aetna", 0.142, 1234, false, false, false },
	{ "Cigna", 0.131, 876, false, false, false },
	{ "Blue Cross Blue Shield", 0.118, 3104, false, false, false },
	{ "Medicaid managed care", 0.097, 2587, false, false, false },
	{ "Tricare", 0.074, 312, false, false, false },
	{ "Workers' compensation", 0.052, 95, false, false, false },
};

static const struct dr_chart_bar one_bar[] = {
	{ "All payers", 0.121, 11850, false, false, false },
};

static const struct dr_chart_bar long_bar[] = {
	{ "Caisse R\u00e9gionale d'Assurance Maladie \u00cele", 0.153, 980, false, false, false },
	{ "Mutuelle G\u00e9n\u00e9rale \u00c9ducation Nationale MG", 0.141, 1210, false, false, false },
	{ "Gro\u00dfhandelskrankenkasse Nordrhein-Westfa", 0.120, 7, true, false, false },
	{ "Medicaid Managed Care \u2013 S\u00e3o Paulo Regi\u00e3o", NAN, NAN, false, false, false },
	{ "\u00dcn\u00efc\u00f6d\u00e9 Health Plan of \u0141\u00f3d\u017a and Krak\u00f3w X", 0.088,
	  15320, false, false, false },
	{ NULL, 0.061, 44, false, false, false },
};

static const struct dr_chart_bar huge_bar[] = {
	{ "Commercial", 1.84e9, 4.1e9, false, false, false },
	{ "Medicare", 1.21e9, 3.3e9, false, false, false },
	{ "Medicaid", 9.7e8, 2.9e9, false, false, false },
	{ "Self-pay", 1.2e8, 6.4e8, false, false, false },
};

static const struct dr_chart_bar neg_bar[] = {
	{ "Cardiology", 4.1, 210, false, false, false },
	{ "Orthopedics", 2.6, 180, false, false, false },
	{ "Oncology", 0.4, 95, false, false, false },
	{ "Neurology", -0.8, 120, false, false, false },
	{ "Gastroenterology", -2.3, 160, false, false, false },
	{ "Dermatology", -5.7, 60, false, false, false },
};

#define NMANY 60
static struct dr_chart_bar many_bar[NMANY];
static char many_label[NMANY][32];

size_t gallery_bar(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	struct dr_chart c = {
		.kind = DR_CHART_BAR,
		.title = "Initial denial rate by payer",
		.subtitle = "Prior-authorization requests denied at first decision, trailing 3 "
		            "months, by payer",
		.footnote = "n: decided requests. Dashed line: all payers. Payers with fewer than "
		            "11 requests are hidden.",
		.unit = DR_UNIT_PERCENT, .better = -1, .has_target = true, .target = 0.08,
		.bar = normal_bar, .nbar = DR_NELEM(normal_bar),
		.reference = 0.121, .reference_label = "All payers 12.1%",
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-normal", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "No payers", .unit = DR_UNIT_PERCENT,
	                       .reference = NAN, .footnote = "No bar at all." };
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-empty", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Initial denial rate",
	                       .subtitle = "One bar only", .unit = DR_UNIT_PERCENT,
	                       .bar = one_bar, .nbar = 1, .reference = NAN };
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-one", c, 0 };

	c = (struct dr_chart){
		.kind = DR_CHART_BAR,
		.title = "Initial denial rate by payer, with payer names of forty characters",
		.subtitle = "Accented UTF-8 names (M\u00fcller, \u0141\u00f3d\u017a, "
		            "S\u00e3o Paulo), one hidden payer, one without a value, one "
		            "without a name",
		.footnote = "Hidden: fewer than 11 requests.",
		.unit = DR_UNIT_PERCENT, .bar = long_bar, .nbar = DR_NELEM(long_bar),
		.reference = 0.117,
		.reference_label = "All payers \u2013 a long reference label 11.7%",
		.has_target = true, .target = 0.1,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-long-names", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Claim lines by payer",
	                       .subtitle = "Counts near a billion, n in billions",
	                       .unit = DR_UNIT_COUNT, .bar = huge_bar, .nbar = DR_NELEM(huge_bar),
	                       .reference = 1.0e9, .reference_label = "Average 1.0B" };
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-huge", c, 0 };

	for (int i = 0; i < NMANY; i++) {
		snprintf(many_label[i], sizeof many_label[i], "Practice %02d", i + 1);
		many_bar[i] = (struct dr_chart_bar){ many_label[i], 0.25 - i * 0.0035,
		                                     (double)(100 + i * 37), false, false, false };
	}
	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Initial denial rate by practice",
	                       .subtitle = "Sixty practices, more than the height holds",
	                       .footnote = "Sorted by rate, highest first.",
	                       .unit = DR_UNIT_PERCENT, .bar = many_bar, .nbar = NMANY,
	                       .reference = 0.15, .reference_label = "All practices 15.0%" };
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-many", c, 0.9 };

	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Change in wRVU per visit",
	                       .subtitle = "This year against last, by service line",
	                       .unit = DR_UNIT_NUMBER, .bar = neg_bar, .nbar = DR_NELEM(neg_bar),
	                       .reference = -0.3, .reference_label = "All services -0.3" };
	if (n < max)
		out[n++] = (struct gallery_item){ "bar-negative", c, 0 };
	return n;
}
