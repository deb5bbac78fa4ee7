/*
 * g-heatmap.c -- gallery items of the heatmap (gallery.h): denials by payer
 * and reason over three months (7 x 6 counts with zeros and one hidden
 * cell); then hostile ones: no cells, one cell, all missing, 40-character
 * accented labels, values near a billion, a 30 x 25 table that cannot fit,
 * and a plain number with negative values.
 */
#include <math.h>
#include <stdio.h>

#include "gallery.h"

#define NPAY 7
#define NREA 6
#define MANY_R 30
#define MANY_C 25

static const char *const payers[NPAY] = {
	"Medicare", "Medicaid", "Blue Cross", "Aetna", "UnitedHealthcare", "Cigna", "Humana",
};

static const char *const reasons[NREA] = {
	"Prior authorization", "Medical necessity", "Eligibility", "Coding error",
	"Timely filing", "Duplicate claim",
};

static const double denials[NPAY][NREA] = {
	{ 1284, 962, 214, 377, 41, 0 },
	{ 2316, 1480, 1122, 508, 96, 23 },
	{ 845, 611, 133, 264, 0, 17 },
	{ 512, 433, 58, 191, 12, 0 },
	{ 1907, 1263, 301, 622, 75, 38 },
	{ 368, 290, 44, 127, -1, 14 },       /* -1: hidden (fewer than 11) */
	{ 455, 318, 71, 140, 19, 0 },
};

static struct dr_chart_cell normal_cell[NPAY * NREA], one_cell[1], missing_cell[9],
	long_cell[4 * 3], huge_cell[4 * 5], many_cell[MANY_R * MANY_C], neg_cell[5 * 4];

static const char *const long_rows[4] = {
	"Caisse régionale d'assurance maladie Île",
	"Mutuelle générale de l'Éducation Øresunds",
	"Krankenversicherung Müller & Söhne Köln",
	"Seguro de salud São João, Ñuñoa y Łódź 1",
};

static const char *const long_cols[3] = {
	"Autorisation préalable refusée – délai à",
	"Nécessité médicale non démontrée révisée",
	"Überschreitung der Einreichungsfrist für",
};

static const char *const small_rows[3] = { "Medicare", "Medicaid", "Aetna" };
static const char *const small_cols[3] = { "Jul", "Aug", "Sep" };
static const char *const one_row[1] = { "All payers" };
static const char *const one_col[1] = { "Prior authorization" };
static const char *const huge_rows[4] = { "Medicare", "Medicaid", "Commercial", "Self-pay" };
static const char *const huge_cols[5] = { "Q3 25", "Q4 25", "Q1 26", "Q2 26", "Q3 26" };
static const char *const neg_rows[5] = { "Cardiology", "Oncology", "Orthopedics", "Neurology",
	                                     "Pediatrics" };
static const char *const neg_cols[4] = { "Q4 25", "Q1 26", "Q2 26", "Q3 26" };

static char many_row_buf[MANY_R][16], many_col_buf[MANY_C][16];
static const char *many_rows[MANY_R], *many_cols[MANY_C];

static void fill(void)
{
	for (int i = 0; i < NPAY; i++)
		for (int j = 0; j < NREA; j++) {
			double v = denials[i][j];
			normal_cell[i * NREA + j] = (struct dr_chart_cell){ v < 0 ? 7 : v, v < 0, false, NAN };
		}
	one_cell[0] = (struct dr_chart_cell){ 42, false, false, NAN };
	for (int i = 0; i < 9; i++)
		missing_cell[i] = (struct dr_chart_cell){ NAN, false, false, NAN };
	for (int i = 0; i < 12; i++)
		long_cell[i] = (struct dr_chart_cell){ (double)((i * 37) % 90) + 5, false, false, NAN };
	long_cell[4].hidden = true;
	long_cell[7].value = NAN;
	for (int i = 0; i < 20; i++)
		huge_cell[i] = (struct dr_chart_cell){ 1.0e9 + (double)((i * 7919) % 97) * 1.37e7,
		                                       false, false, NAN };
	huge_cell[3].value = 0;
	for (int i = 0; i < MANY_R; i++) {
		snprintf(many_row_buf[i], sizeof many_row_buf[i], "Payer %02d", i + 1);
		many_rows[i] = many_row_buf[i];
	}
	for (int j = 0; j < MANY_C; j++) {
		snprintf(many_col_buf[j], sizeof many_col_buf[j], "Reason %02d", j + 1);
		many_cols[j] = many_col_buf[j];
	}
	for (int i = 0; i < MANY_R * MANY_C; i++)
		many_cell[i] = (struct dr_chart_cell){ (double)((i * 2654435761u) % 1000), false, false, NAN };
	many_cell[5].hidden = true;
	many_cell[31].value = NAN;
	static const double neg[5 * 4] = {
		-12.5, 3.2, 18.0, 7.4,
		0, -4.8, -27.3, 2.1,
		31.6, 22.9, 9.5, -0.6,
		5.5, NAN, -9.1, 14.2,
		-3.3, 1.0, 0.4, 26.8,
	};
	for (int i = 0; i < 20; i++)
		neg_cell[i] = (struct dr_chart_cell){ neg[i], false, false, NAN };
}

size_t gallery_heatmap(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	fill();
	struct dr_chart c = {
		.kind = DR_CHART_HEATMAP,
		.title = "Denials by payer and reason, last 3 months",
		.subtitle = "Initial claim denials, Jul\u2013Sep 2026, by payer and the payer's "
		            "stated reason",
		.footnote = "Counts of denied claims. Cells under 11 are hidden for privacy.",
		.unit = DR_UNIT_COUNT,
		.grid = { NPAY, NREA, payers, reasons, normal_cell },
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-normal", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_HEATMAP, .title = "Denials by payer and reason",
	                       .subtitle = "No denials in this period", .unit = DR_UNIT_COUNT };
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-empty", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_HEATMAP, .title = "One payer, one reason",
	                       .unit = DR_UNIT_COUNT,
	                       .grid = { 1, 1, one_row, one_col, one_cell } };
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-one", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_HEATMAP, .title = "All missing",
	                       .unit = DR_UNIT_COUNT, .footnote = "No cell has a value.",
	                       .grid = { 3, 3, small_rows, small_cols, missing_cell } };
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-all-missing", c, 0 };

	c = (struct dr_chart){
		.kind = DR_CHART_HEATMAP,
		.title = "Refus par organisme et motif \u2013 a forty-character title and more words",
		.subtitle = "Long, accented payer and reason names (Müller, Łódź, São Paulo), "
		            "one hidden cell and one without a value",
		.unit = DR_UNIT_COUNT,
		.grid = { 4, 3, long_rows, long_cols, long_cell },
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-long-names", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_HEATMAP, .title = "Claims volume by payer",
	                       .subtitle = "Values near a billion", .unit = DR_UNIT_COUNT,
	                       .grid = { 4, 5, huge_rows, huge_cols, huge_cell } };
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-huge", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_HEATMAP, .title = "Denials by payer and reason",
	                       .subtitle = "30 payers by 25 reasons: more than the box holds",
	                       .footnote = "Synthetic counts.", .unit = DR_UNIT_COUNT,
	                       .grid = { MANY_R, MANY_C, many_rows, many_cols, many_cell } };
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-many", c, 0 };

	c = (struct dr_chart){
		.kind = DR_CHART_HEATMAP, .title = "Change in denial rate by specialty",
		.subtitle = "Percentage points against the same quarter a year before; negative "
		            "is fewer denials",
		.footnote = "Values at or below 0 are left white; the number carries the sign.",
		.unit = DR_UNIT_NUMBER,
		.grid = { 5, 4, neg_rows, neg_cols, neg_cell },
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "heatmap-negative", c, 0 };
	return n;
}
