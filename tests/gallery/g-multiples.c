/*
 * g-multiples.c -- gallery items of small multiples (gallery.h): a no-show
 * rate by department over 13 months (6 panels with centre, limits and a
 * target; an improvement run, a concern point, a gap, the last month
 * provisional); then hostile ones: no panels, one panel, all missing,
 * 40-character accented names, counts near a billion, 24 panels, and
 * counts whose lower limits are negative.
 */
#include <math.h>

#include "gallery.h"

#define NMON 13
#define NMANY 24

/* A fixed wobble in [-1, 1] per month, so the data need no random numbers. */
static const double wob[NMON] = {
	0.3, -0.6, 0.9, -0.2, 0.1, -0.9, 0.6, -0.4, 0.8, -0.1, -0.7, 0.4, 0.0,
};

static struct dr_chart_point dept_pt[6][NMON], one_pt[NMON], miss_pt[3][8], long_pt[6][NMON],
	huge_pt[4][NMON], many_pt[NMANY][NMON], neg_pt[4][NMON];
static struct dr_chart_panel dept_panel[6], one_panel[1], miss_panel[3], long_panel[6],
	huge_panel[4], many_panel[NMANY], neg_panel[4];

static const char *const dept[6] = {
	"Cardiology", "Dermatology", "Endocrinology", "Gastroenterology", "Neurology",
	"Orthopaedics",
};

static const char *const long_names[6] = {
	"Chirurgie orthopédique et traumatologies",
	"Médecine physique et réadaptation – Nord",
	"Gastro-entérologie, hépatologie (Ørsted)",
	"Pneumologie, allergologie et sommeil Süd",
	"Oto-rhino-laryngologie, chirurgie du cou",
	"Neurologie vasculaire – unité Łódź/Opole",
};

static const char *const many_names[NMANY] = {
	"Allergy", "Audiology", "Cardiology", "Dermatology", "Diabetes", "ENT",
	"Endocrinology", "Gastroenterology", "Geriatrics", "Gynaecology", "Haematology",
	"Hepatology", "Infectious disease", "Nephrology", "Neurology", "Oncology",
	"Ophthalmology", "Orthopaedics", "Paediatrics", "Pain clinic", "Respiratory",
	"Rheumatology", "Sleep clinic", "Urology",
};

/* One month of a rate around cl with limits +- 3 sd. */
static struct dr_chart_point rate_point(int i, double y, double cl, double sd)
{
	return (struct dr_chart_point){
		.month = dr_month_make(2024, 10) + i, .y = y, .cl = cl, .lcl = fmax(cl - 3 * sd, 0),
		.ucl = cl + 3 * sd, .type = DR_POINT_COMMON, .hollow = i == NMON - 1, .phase = 1,
	};
}

static void fill_departments(void)
{
	static const double cl[6] = { 0.092, 0.118, 0.104, 0.131, 0.087, 0.076 };
	static const double sd[6] = { 0.011, 0.010, 0.012, 0.014, 0.010, 0.009 };
	for (int d = 0; d < 6; d++) {
		for (int i = 0; i < NMON; i++)
			dept_pt[d][i] = rate_point(i, cl[d] + sd[d] * wob[(i + d * 3) % NMON],
			                           cl[d], sd[d]);
		dept_panel[d] = (struct dr_chart_panel){ dept[d], NMON, dept_pt[d] };
	}
	/* Dermatology: the last eight months below the mean (better is lower). */
	for (int i = 5; i < NMON; i++) {
		dept_pt[1][i].y = 0.112 - 0.004 * (i - 5) * (i % 2 ? 1 : 0.6);
		dept_pt[1][i].type = DR_POINT_IMPROVEMENT;
	}
	/* Neurology: one month above the upper limit. */
	dept_pt[4][8].y = 0.127;
	dept_pt[4][8].type = DR_POINT_CONCERN;
	/* Gastroenterology: a month without data. */
	dept_pt[3][4].y = NAN;
	dept_pt[3][4].type = DR_POINT_NONE;
}

size_t gallery_multiples(struct gallery_item *out, size_t max)
{
	size_t n = 0;
	fill_departments();
	struct dr_chart c = {
		.kind = DR_CHART_MULTIPLES,
		.title = "No-show rate by department",
		.subtitle = "Booked outpatient appointments the patient did not attend, as a share "
		            "of booked appointments; one shared scale",
		.footnote = "p-charts, one per department, Anhøj rules (qicharts2). "
		            "Hollow points: provisional month.",
		.unit = DR_UNIT_PERCENT, .better = -1, .has_target = true, .target = 0.08,
		.panel = dept_panel, .npanel = 6,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-normal", c, 0 };

	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "No-show rate by department",
	                       .subtitle = "No department has booked appointments yet",
	                       .footnote = "No panels.", .unit = DR_UNIT_PERCENT };
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-empty", c, 0 };

	for (int i = 0; i < NMON; i++)
		one_pt[i] = rate_point(i, 0.21 + 0.02 * wob[i], 0.21, 0.012);
	one_pt[NMON - 1].hollow = false;
	one_pt[NMON - 1].y = 0.252;
	one_pt[NMON - 1].type = DR_POINT_CONCERN;
	one_panel[0] = (struct dr_chart_panel){ "Dermatology", NMON, one_pt };
	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "No-show rate, one department",
	                       .subtitle = "A single panel", .unit = DR_UNIT_PERCENT, .better = -1,
	                       .panel = one_panel, .npanel = 1 };
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-one", c, 0 };

	for (int d = 0; d < 3; d++) {
		for (int i = 0; i < 8; i++)
			miss_pt[d][i] = (struct dr_chart_point){
				.month = dr_month_make(2025, 3) + i, .y = NAN, .cl = NAN,
				.lcl = NAN, .ucl = NAN, .type = DR_POINT_NONE };
		miss_panel[d] = (struct dr_chart_panel){ dept[d], 8, miss_pt[d] };
	}
	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "All missing",
	                       .subtitle = "Three departments without a single value",
	                       .footnote = "No month has a value.", .unit = DR_UNIT_PERCENT,
	                       .panel = miss_panel, .npanel = 3 };
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-all-missing", c, 0 };

	for (int d = 0; d < 6; d++) {
		for (int i = 0; i < NMON; i++)
			long_pt[d][i] = (struct dr_chart_point){
				.month = dr_month_make(2025, 1) + i,
				.y = 4.2 + d * 0.6 + 0.5 * wob[(i + d) % NMON], .cl = 4.2 + d * 0.6,
				.lcl = 2.8 + d * 0.6, .ucl = 5.6 + d * 0.6, .type = DR_POINT_COMMON,
				.phase = 1 };
		long_panel[d] = (struct dr_chart_panel){ long_names[d], NMON, long_pt[d] };
	}
	c = (struct dr_chart){
		.kind = DR_CHART_MULTIPLES,
		.title = "Délai moyen de séjour par service hospitalier, en jours — "
		         "Île-de-France",
		.subtitle = "Forty-character department names with accents (Müller, Łódź, "
		            "São Paulo), cut with an ellipsis where the panel is too narrow "
		            "for them",
		.footnote = "XmR charts, one per service.", .unit = DR_UNIT_DAYS,
		.panel = long_panel, .npanel = 6,
	};
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-long-names", c, 0 };

	for (int d = 0; d < 4; d++) {
		double base = 1e9 * (1 + 0.3 * d);
		for (int i = 0; i < NMON; i++)
			huge_pt[d][i] = (struct dr_chart_point){
				.month = dr_month_make(2024, 7) + i,
				.y = base * (1 + 0.05 * wob[(i + d) % NMON]), .cl = base,
				.lcl = base * 0.88, .ucl = base * 1.12, .type = DR_POINT_COMMON,
				.phase = 1 };
		huge_panel[d] = (struct dr_chart_panel){ dept[d], NMON, huge_pt[d] };
	}
	huge_pt[2][NMON - 1].y = 1.6e9 * 1.2;
	huge_pt[2][NMON - 1].type = DR_POINT_NEUTRAL_HIGH;
	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "Claim lines processed",
	                       .subtitle = "Counts near a billion per department",
	                       .unit = DR_UNIT_COUNT, .panel = huge_panel, .npanel = 4 };
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-huge", c, 0 };

	for (int d = 0; d < NMANY; d++) {
		double cl = 0.06 + 0.004 * (d % 9);
		for (int i = 0; i < NMON; i++)
			many_pt[d][i] = rate_point(i, cl + 0.008 * wob[(i + d * 5) % NMON], cl,
			                           0.009);
		many_panel[d] = (struct dr_chart_panel){ many_names[d], NMON, many_pt[d] };
	}
	many_pt[7][6].y = 0.12;
	many_pt[7][6].type = DR_POINT_CONCERN;
	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "No-show rate, every clinic",
	                       .subtitle = "Twenty-four clinics; a smaller box shows the first "
	                                   "ones and says how many are left out",
	                       .footnote = "p-charts, one per clinic.", .unit = DR_UNIT_PERCENT,
	                       .better = -1, .panel = many_panel, .npanel = NMANY };
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-many", c, 0 };

	for (int d = 0; d < 4; d++) {
		for (int i = 0; i < NMON; i++)
			neg_pt[d][i] = (struct dr_chart_point){
				.month = dr_month_make(2025, 1) + i,
				.y = (double)((i * 7 + d * 3) % 5), .cl = 2, .lcl = -2.2,
				.ucl = 6.2, .type = DR_POINT_COMMON, .phase = 1 };
		neg_panel[d] = (struct dr_chart_panel){ dept[d + 2], NMON, neg_pt[d] };
	}
	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "Handoffs missed",
	                       .subtitle = "Counts whose lower limits are negative",
	                       .footnote = "c-charts: a lower limit below zero is not drawn.",
	                       .unit = DR_UNIT_COUNT, .better = -1, .panel = neg_panel,
	                       .npanel = 4 };
	if (n < max)
		out[n++] = (struct gallery_item){ "multiples-negative-lcl", c, 0 };
	return n;
}
