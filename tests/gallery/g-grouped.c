/*
 * g-grouped.c -- gallery items of the grouped bars (gallery.h): burnout
 * share by role over five survey waves with a target and one cell hidden
 * for privacy; then hostile ones: an empty grid, one wave of one role,
 * all missing, 40-character accented role names, counts near 1e9, 16
 * waves of 8 roles, and mean scores on a 1-5 scale.
 */
#include <math.h>
#include <stddef.h>

#include "gallery.h"

#define CELL(v) { (v), false, false, NAN }
#define HIDDEN { NAN, true, false, NAN }

static const char *const waves5[] = { "Q1 25", "Q2 25", "Q3 25", "Q4 25", "Q1 26" };
static const char *const roles4[] = { "Physician", "Nurse", "APP", "Admin staff" };

static const struct dr_chart_cell burnout[4 * 5] = {
	CELL(0.46), CELL(0.44), CELL(0.41), CELL(0.43), CELL(0.38),
	CELL(0.52), CELL(0.55), CELL(0.49), CELL(0.47), CELL(0.45),
	CELL(0.39), HIDDEN, CELL(0.36), CELL(0.33), CELL(0.31),
	CELL(0.28), CELL(0.31), CELL(0.27), CELL(0.29), CELL(0.24),
};

static const char *const one_wave[] = { "Q1 26" };
static const char *const one_role[] = { "Physician" };
static const struct dr_chart_cell one_cell[1] = { CELL(0.42) };

static const struct dr_chart_cell missing[4 * 5] = {
	CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN),
	CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN),
	CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN),
	CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN), CELL(NAN),
};

static const char *const long_roles[] = {
	"Médecins hospitaliers à temps très plein",
	"Équipes soignantes de réanimation adulte",
	"Kinésithérapeutes et ergothérapeutes (Î)",
};
static const char *const long_waves[] = { "Printemps 2025 (vague pilote)", "Automne 2025",
                                          "Printemps 2026 — après la fusion" };
static const struct dr_chart_cell long_cells[3 * 3] = {
	CELL(0.47), CELL(0.44), CELL(0.40),
	CELL(0.58), CELL(0.51), CELL(0.49),
	CELL(0.35), HIDDEN, CELL(0.30),
};

static const char *const huge_roles[] = { "Commercial", "Medicare", "Medicaid" };
static const struct dr_chart_cell huge_cells[3 * 4] = {
	CELL(1.23e9), CELL(1.31e9), CELL(1.18e9), CELL(1.42e9),
	CELL(8.7e8), CELL(9.1e8), CELL(9.6e8), CELL(1.02e9),
	CELL(4.4e8), CELL(4.1e8), CELL(NAN), CELL(4.9e8),
};

#define NMANYW 16
#define NMANYR 8
static const char *const many_waves[NMANYW] = {
	"Q1 23", "Q2 23", "Q3 23", "Q4 23", "Q1 24", "Q2 24", "Q3 24", "Q4 24",
	"Q1 25", "Q2 25", "Q3 25", "Q4 25", "Q1 26", "Q2 26", "Q3 26", "Q4 26",
};
static const char *const many_roles[NMANYR] = {
	"Physician", "Nurse", "APP", "Admin staff", "Pharmacist", "Therapist", "Technician",
	"Resident",
};
static struct dr_chart_cell many_cells[NMANYR * NMANYW];

static const char *const mean_roles[] = { "Physician", "Nurse", "APP", "Admin staff" };
static const struct dr_chart_cell mean_cells[4 * 3] = {
	CELL(3.42), CELL(3.61), CELL(3.88),
	CELL(3.15), CELL(3.27), CELL(3.49),
	CELL(3.71), CELL(3.80), CELL(3.76),
	CELL(4.02), CELL(3.95), CELL(4.21),
};

size_t gallery_grouped(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	struct dr_chart c = {
		.kind = DR_CHART_GROUPED,
		.title = "Burnout by role",
		.subtitle = "Share of respondents reporting one or more symptoms of burnout, "
		            "per survey wave",
		.footnote = "Mini-Z single-item burnout measure. Cells with fewer than 5 "
		            "respondents are hidden.",
		.unit = DR_UNIT_PERCENT, .better = -1, .has_target = true, .target = 0.3,
		.grid = { 4, 5, roles4, waves5, burnout },
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-normal", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "Empty grid",
	                       .subtitle = "No waves, no roles", .unit = DR_UNIT_PERCENT };
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-empty", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "One wave, one role",
	                       .unit = DR_UNIT_PERCENT, .grid = { 1, 1, one_role, one_wave,
	                                                          one_cell } };
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-one", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "All missing",
	                       .subtitle = "Every cell is NAN", .unit = DR_UNIT_PERCENT,
	                       .footnote = "No wave has a value.",
	                       .grid = { 4, 5, roles4, waves5, missing } };
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-all-missing", c, 0 };

	c = (struct dr_chart){
		.kind = DR_CHART_GROUPED,
		.title = "Épuisement professionnel par métier — une enquête très longue à lire",
		.subtitle = "Part des répondants (Müller, Łódź, São Paulo) avec au moins un "
		            "symptôme, par vague d'enquête, et encore des mots pour couper",
		.unit = DR_UNIT_PERCENT, .has_target = true, .target = 0.455,
		.grid = { 3, 3, long_roles, long_waves, long_cells },
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-long-names", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "Claims billed by payer",
	                       .subtitle = "Billed amount, counted per wave",
	                       .unit = DR_UNIT_COUNT,
	                       .grid = { 3, 4, huge_roles, waves5, huge_cells } };
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-huge", c, 0 };

	for (size_t r = 0; r < NMANYR; r++)
		for (size_t g = 0; g < NMANYW; g++)
			many_cells[r * NMANYW + g] = (struct dr_chart_cell){
				.value = 0.2 + 0.04 * (double)r + 0.1 * sin((double)(g + r) * 0.7),
				.hidden = (r * 7 + g * 3) % 23 == 5,
			};
	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "Burnout by role, four years",
	                       .subtitle = "Sixteen waves of eight roles",
	                       .unit = DR_UNIT_PERCENT,
	                       .grid = { NMANYR, NMANYW, many_roles, many_waves, many_cells } };
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-many", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "Teamwork climate",
	                       .subtitle = "Mean score on a 1\u20135 scale (5: best)",
	                       .unit = DR_UNIT_NUMBER, .better = 1, .has_target = true,
	                       .target = 4,
	                       .grid = { 4, 3, mean_roles, waves5 + 2, mean_cells } };
	if (n < max)
		out[n++] = (struct gallery_item){ "grouped-mean-score", c, 0 };
	return n;
}
