/*
 * g-pareto.c -- gallery items of the Pareto chart (gallery.h): nine denial
 * reasons with realistic counts in no particular order; then hostile ones:
 * no reasons, one reason, 40-character reason names, forty reasons (the
 * tail merged into "Other"), two hidden reasons, counts near a billion,
 * and every count zero.
 */
#include <math.h>
#include <stdio.h>

#include "gallery.h"

static const struct dr_chart_bar normal_bar[] = {
	{ "Coding error", 212, NAN, false, false, false },
	{ "Missing prior authorization", 486, NAN, false, false, false },
	{ "Eligibility", 341, NAN, false, false, false },
	{ "Timely filing", 57, NAN, false, false, false },
	{ "Medical necessity", 398, NAN, false, false, false },
	{ "Duplicate claim", 133, NAN, false, false, false },
	{ "Bundling", 88, NAN, false, false, false },
	{ "Missing documentation", 165, NAN, false, false, false },
	{ "Other payer primary", 41, NAN, false, false, false },
};

static const struct dr_chart_bar one_bar[] = {
	{ "Missing prior authorization", 27, NAN, false, false, false },
};

static const struct dr_chart_bar long_bar[] = {
	{ "Authorization missing for the outpatient", 310, NAN, false, false, false },
	{ "Informaci\u00f3n del asegurado no coincide \u2013 ", 255, NAN, false, false, false },
	{ "Medizinische Notwendigkeit nicht belegt!", 190, NAN, false, false, false },
	{ "Supercalifragilisticexpialidociousnessxy", 120, NAN, false, false, false },
	{ "Dossier incomplet : pi\u00e8ces justificatives", 64, NAN, false, false, false },
	{ NULL, 12, NAN, false, false, false },
};

static const struct dr_chart_bar hidden_bar[] = {
	{ "Eligibility", 96, NAN, false, false, false },
	{ "Coding error", 71, NAN, false, false, false },
	{ "Experimental treatment", 4, NAN, true, false, false },
	{ "Medical necessity", 58, NAN, false, false, false },
	{ "Out-of-network provider", 6, NAN, true, false, false },
	{ "Timely filing", 22, NAN, false, false, false },
	{ "Unreadable reason code", NAN, NAN, false, false, false },
	{ "Duplicate claim", 19, NAN, false, false, false },
	{ "Adjustment reversal", -3, NAN, false, false, false },
};

static const struct dr_chart_bar huge_bar[] = {
	{ "Commercial", 1.84e9, NAN, false, false, false },
	{ "Medicare", 1.21e9, NAN, false, false, false },
	{ "Medicaid", 9.7e8, NAN, false, false, false },
	{ "Self-pay", 1.2e8, NAN, false, false, false },
	{ "Workers' compensation", 4.4e7, NAN, false, false, false },
};

static const struct dr_chart_bar zero_bar[] = {
	{ "Coding error", 0, NAN, false, false, false },
	{ "Eligibility", 0, NAN, false, false, false },
	{ "Timely filing", 0, NAN, false, false, false },
};

#define NMANY 40
static struct dr_chart_bar many_bar[NMANY];
static char many_label[NMANY][40];

size_t gallery_pareto(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	struct dr_chart c = {
		.kind = DR_CHART_PARETO,
		.title = "Denials by reason",
		.subtitle = "Initial denials of prior-authorization requests, trailing 3 months",
		.footnote = "Reasons as coded by the payer (CARC groups). Line: cumulative "
		            "share of all denials.",
		.unit = DR_UNIT_COUNT, .reference = NAN,
		.bar = normal_bar, .nbar = DR_NELEM(normal_bar),
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-normal", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_PARETO, .title = "Denials by reason",
	                       .subtitle = "No reasons at all", .unit = DR_UNIT_COUNT,
	                       .reference = NAN };
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-empty", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_PARETO, .title = "Denials by reason",
	                       .subtitle = "One reason only", .unit = DR_UNIT_COUNT,
	                       .bar = one_bar, .nbar = 1, .reference = NAN };
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-one", c, 0 };

	c = (struct dr_chart){
		.kind = DR_CHART_PARETO,
		.title = "Denials by reason, with reason names of forty characters each",
		.subtitle = "Accented UTF-8 (Informaci\u00f3n, pi\u00e8ces), one word longer "
		            "than a slot, one reason without a name",
		.footnote = "Names are cut with an ellipsis after two lines.",
		.unit = DR_UNIT_COUNT, .bar = long_bar, .nbar = DR_NELEM(long_bar),
		.reference = NAN,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-long-names", c, 0 };

	for (int i = 0; i < NMANY; i++) {
		snprintf(many_label[i], sizeof many_label[i], "Reason code %d", 100 + i * 7);
		/* unsorted, with ties */
		many_bar[i] = (struct dr_chart_bar){ many_label[i], (double)((i * 37) % 23 + 2) * 9,
		                                     NAN, false, false, false };
	}
	c = (struct dr_chart){ .kind = DR_CHART_PARETO, .title = "Denials by reason code",
	                       .subtitle = "Forty reason codes: the smallest merged into Other",
	                       .unit = DR_UNIT_COUNT, .bar = many_bar, .nbar = NMANY,
	                       .reference = NAN };
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-many", c, 0 };

	c = (struct dr_chart){
		.kind = DR_CHART_PARETO, .title = "Denials by reason",
		.subtitle = "Two reasons hidden for small numbers, one without a count, one "
		            "negative",
		.footnote = "Reasons with fewer than 11 denials are hidden.",
		.unit = DR_UNIT_COUNT, .bar = hidden_bar, .nbar = DR_NELEM(hidden_bar),
		.reference = NAN,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-hidden", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_PARETO, .title = "Denied amount by payer",
	                       .subtitle = "Billed amount of denied claims, near a billion dollars",
	                       .unit = DR_UNIT_CURRENCY, .bar = huge_bar,
	                       .nbar = DR_NELEM(huge_bar), .reference = NAN };
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-huge", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_PARETO, .title = "Denials by reason",
	                       .subtitle = "No denial in the period", .unit = DR_UNIT_COUNT,
	                       .bar = zero_bar, .nbar = DR_NELEM(zero_bar), .reference = NAN };
	if (n < max)
		out[n++] = (struct gallery_item){ "pareto-all-zero", c, 0 };
	return n;
}
