/*
 * test-alt.c -- a chart's alternative text (chart-alt.c): the headline or
 * the title, then the latest value, centre and limits of an SPC chart in
 * words, printed as the chart prints them; the largest categories of a
 * bar, Pareto, heatmap, grouped and multiples chart, never a hidden or
 * small-n one; cut at a character boundary.
 */
#include <math.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "tap.h"

static struct dr_chart_point pt[3];

/* An SPC chart of a rate over August to October 2026. */
static struct dr_chart spc(void)
{
	for (int i = 0; i < 3; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2026, 8 + i), .y = 0.1 + i * 0.01,
		                                 .cl = 0.101, .lcl = 0.062, .ucl = 0.14, .n = NAN,
		                                 .phase = 1 };
	pt[2].y = 0.124;
	return (struct dr_chart){ .kind = DR_CHART_SPC, .title = "No-show rate",
	                          .unit = DR_UNIT_PERCENT, .n = 3, .pt = pt, .target = NAN,
	                          .reference = NAN };
}

int main(void)
{
	char out[512];
	struct dr_chart c = spc();
	dr_chart_alt(&c, "No-show rate was 12.4% in October 2026.", out, sizeof out);
	tap_str(out, "No-show rate was 12.4% in October 2026. Latest: 12.4% in October 2026. "
	        "Centre 10.1%; expected range 6.2% to 14.0%.", "spc: headline, latest, centre, limits");

	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "No-show rate. Latest: 12.4% in October 2026. Centre 10.1%; expected range "
	        "6.2% to 14.0%.", "spc: no headline gives the title");

	c.has_target = true;
	c.target = 0.08;
	pt[2].lcl = NAN;
	dr_chart_alt(&c, "", out, sizeof out);
	tap_str(out, "No-show rate. Latest: 12.4% in October 2026. Centre 10.1%; expected up to "
	        "14.0%. Target 8.0%.", "spc: one limit, target");

	pt[2].y = NAN;
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "No-show rate. Latest: no value in October 2026. Centre 10.1%; expected up to "
	        "14.0%. Target 8.0%.", "spc: NAN is no value");

	c = spc();
	pt[2].small_n = true;
	pt[2].cl = pt[2].lcl = pt[2].ucl = NAN;
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "No-show rate. Latest: 12.4% in October 2026, not judged (too few cases).",
	        "spc: small n is not judged, no limits drawn none said");

	c = spc();
	c.kind = DR_CHART_TILE;
	c.period = DR_PERIOD_QUARTER;
	c.unit = DR_UNIT_COUNT;
	pt[2].y = 12468;
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "No-show rate. Latest: 12,468 in Q4 2026.", "tile: latest value, a quarter");

	struct dr_chart_bar bar[5] = {
		{ .label = "Blue Cross", .value = 0.121, .n = 400 },
		{ .label = "Aetna", .value = 0.30, .n = 8, .small_n = true },
		{ .label = "Medicare", .value = 0.152, .n = 900 },
		{ .label = "Cigna", .value = NAN, .hidden = true },
		{ .label = "Medicaid", .value = 0.094, .n = 500 },
	};
	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Denial rate by payer",
	                       .unit = DR_UNIT_PERCENT, .bar = bar, .nbar = 5, .reference = 0.12,
	                       .reference_label = "All payers 12.0%", .target = NAN };
	dr_chart_alt(&c, "October 2026: highest for Medicare at 15.2%.", out, sizeof out);
	tap_str(out, "October 2026: highest for Medicare at 15.2%. Largest: Medicare 15.2%, "
	        "Blue Cross 12.1%, Medicaid 9.4%. Reference line: All payers 12.0%. 1 group hidden "
	        "to protect privacy.", "bar: three largest, never small n or hidden");

	struct dr_chart_cell cell[4] = {
		{ .value = 45 }, { .value = 3, .hidden = true }, { .value = 12 }, { .value = 0 },
	};
	const char *rows[] = { "Aetna", "Cigna" }, *cols[] = { "Eligibility", "Coding" };
	c = (struct dr_chart){ .kind = DR_CHART_HEATMAP, .title = "Denials by payer and reason",
	                       .unit = DR_UNIT_COUNT,
	                       .grid = { 2, 2, rows, cols, cell }, .reference = NAN };
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "Denials by payer and reason. Largest: Aetna, Eligibility 45; Cigna, "
	        "Eligibility 12. 1 cell hidden to protect privacy.", "heatmap: largest cells");

	struct dr_chart_cell wave[6] = {
		{ .value = 0.2 }, { .value = 0.3 }, { .value = 0.1 }, { .value = 0.5, .small_n = true, .n = 5 },
		{ .value = 0.25 }, { .value = 0.22 },
	};
	const char *roles[] = { "Nurses", "Physicians", "Staff" }, *waves[] = { "Q3 2026", "Q4 2026" };
	c = (struct dr_chart){ .kind = DR_CHART_GROUPED, .title = "Burnout by role",
	                       .unit = DR_UNIT_PERCENT, .grid = { 3, 2, roles, waves, wave },
	                       .reference = NAN };
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "Burnout by role. Highest in Q4 2026: Nurses 30.0%, Staff 22.0%. 1 group with "
	        "too few respondents to compare.", "grouped: latest wave, small n left out");

	struct dr_chart_point a[1] = { { .month = dr_month_make(2026, 10), .y = 0.05, .n = NAN } },
	                      b[1] = { { .month = dr_month_make(2026, 10), .y = 0.08, .n = NAN } };
	struct dr_chart_panel panel[2] = { { "Cardiology", 1, a }, { "Oncology", 1, b } };
	c = (struct dr_chart){ .kind = DR_CHART_MULTIPLES, .title = "No-show rate by department",
	                       .unit = DR_UNIT_PERCENT, .panel = panel, .npanel = 2,
	                       .reference = NAN };
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "No-show rate by department. Highest in October 2026: Oncology 8.0%, "
	        "Cardiology 5.0%.", "multiples: latest value of each panel");

	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Empty", .reference = NAN };
	dr_chart_alt(&c, NULL, out, sizeof out);
	tap_str(out, "Empty. No values to show.", "bar: nothing to show");

	/* "Caf\xC3\xA9" cut in the middle of the two-byte e-acute. */
	c = (struct dr_chart){ .kind = DR_CHART_BAR, .title = "Caf\xC3\xA9", .reference = NAN };
	char small[5];
	dr_chart_alt(&c, NULL, small, sizeof small);
	tap_str(small, "Caf", "cut at a character boundary");
	dr_chart_alt(&c, NULL, out, 0);
	tap_ok(1, "size 0 writes nothing");
	return tap_done();
}
