/*
 * test-axis.c -- axes and colours that say only what the data say
 * (issue 16, point 6), through the trace backend (render-trace.c):
 *   - an SPC chart's y axis is fitted to the values, lines and target, and
 *     takes in zero only when zero is near (dr_kit_line_axis's rule: the
 *     gap to zero at most half the span) or the template asks (y_axis =
 *     zero | whole);
 *   - its tick labels depend on the data alone: the same at the PDF's and
 *     the PNG's box sizes (SPC and small multiples);
 *   - a KPI tile colours its value only by the point's SPC type and its
 *     change against the month before never; the executive summary's
 *     table likewise (dr_packet_summary_colours).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/packet.h"
#include "charttest.h"
#include "tap.h"

#define N 13

static struct dr_chart_point pt[N];

/* An XmR-like chart of N monthly values v[] with centre cl and limits. */
static struct dr_chart spc(enum dr_chart_unit unit, const double *v, double cl, double lcl,
                           double ucl)
{
	for (int i = 0; i < N; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i, .y = v[i],
		                                 .cl = cl, .lcl = lcl, .ucl = ucl,
		                                 .type = DR_POINT_COMMON, .phase = 1 };
	return (struct dr_chart){ .title = "Axis", .unit = unit, .n = N, .pt = pt,
	                          .target = NAN, .reference = NAN };
}

/* The texts of group in c's trace at w x h, joined by "|". */
static void texts(const struct dr_chart *c, double w, double h, const char *group, char *out,
                  size_t size)
{
	char *t = ct_trace(c, w, h), cur[128] = "";
	size_t len = 0;
	out[0] = '\0';
	for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "group ", 6) == 0) {
			snprintf(cur, sizeof cur, "%s", line + 6);
			continue;
		}
		char *q = strchr(line, '"');
		if (strncmp(line, "text ", 5) != 0 || strcmp(cur, group) != 0 || !q)
			continue;
		char *end = strrchr(line, '"');
		int n = (int)(end - q - 1);
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%.*s", len ? "|" : "",
		                        n, q + 1);
	}
	free(t);
}

/* The colour ("#rrggbb") last set before the first text of group in c's
 * trace at w x h; "" when the group draws no text. */
static void text_colour(const struct dr_chart *c, double w, double h, const char *group,
                        char *out, size_t size)
{
	char *t = ct_trace(c, w, h), cur[128] = "", col[16] = "";
	out[0] = '\0';
	for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "group ", 6) == 0)
			snprintf(cur, sizeof cur, "%s", line + 6);
		else if (strncmp(line, "colour ", 7) == 0)
			snprintf(col, sizeof col, "%s", line + 7);
		else if (strncmp(line, "text ", 5) == 0 && strcmp(cur, group) == 0) {
			snprintf(out, size, "%s", col);
			break;
		}
	}
	free(t);
}

static void fitted_axes(void)
{
	char a[512], b[512];
	/* Completed visits moving 115..134: no longer a flat line on 0..150. */
	static const double visits[N] = { 118, 121, 115, 126, 130, 134, 127, 122, 119, 124,
	                                   129, 131, 125 };
	struct dr_chart c = spc(DR_UNIT_COUNT, visits, 124.7, 109.1, 140.3);
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "100|110|120|130|140|150",
	        "counts 115-134, limits 109-140: fitted, not from 0");
	texts(&c, 520, 260, "ylabels", b, sizeof b);
	tap_str(b, a, "counts: the same ticks at 520 x 260 (PDF) as at 800 x 450 (PNG)");
	texts(&c, 960, 540, "ylabels", b, sizeof b);
	tap_str(b, a, "counts: the same ticks at 960 x 540 (slide)");

	c.y_axis = DR_YAXIS_ZERO;
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "0|20|40|60|80|100|120|140|160", "y_axis = zero: from 0");
	c.y_axis = DR_YAXIS_WHOLE;
	texts(&c, 800, 450, "ylabels", b, sizeof b);
	tap_str(b, a, "y_axis = whole on a count: as zero");

	/* A target away from the data stays on the axis. */
	c = spc(DR_UNIT_COUNT, visits, 124.7, 109.1, 140.3);
	c.has_target = true;
	c.target = 160;
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "100|120|140|160|180", "a target of 160 widens the fitted axis");

	/* A rate near zero: zero is within half the span, so the axis starts there. */
	static const double rate[N] = { 0.031, 0.042, 0.027, 0.051, 0.038, 0.046, 0.033, 0.029,
	                                0.044, 0.036, 0.040, 0.048, 0.035 };
	c = spc(DR_UNIT_PERCENT, rate, 0.0385, 0.012, 0.065);
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "0%|2%|4%|6%|8%", "a rate of 3-5% with limits 1.2-6.5%: from 0%");
	texts(&c, 520, 260, "ylabels", b, sizeof b);
	tap_str(b, a, "rate: the same ticks at 520 x 260");
	c.y_axis = DR_YAXIS_WHOLE;
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "0%|20%|40%|60%|80%|100%", "y_axis = whole: a share from 0% to 100%");

	/* A share far from zero: fitted. */
	static const double share[N] = { 0.91, 0.93, 0.92, 0.95, 0.94, 0.93, 0.96, 0.92, 0.94,
	                                 0.95, 0.93, 0.94, 0.96 };
	c = spc(DR_UNIT_PERCENT, share, 0.937, 0.895, 0.979);
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "88%|90%|92%|94%|96%|98%|100%", "a share of 91-96%: fitted, never over 100%");

	/* The rule's edge: values 40..60 leave zero off (gap 40 > half of 20);
	 * 10..30 take it in (gap 10 <= half of 20). */
	double v[N];
	for (int i = 0; i < N; i++)
		v[i] = 40 + 20.0 * (i % 5) / 4;
	c = spc(DR_UNIT_NUMBER, v, NAN, NAN, NAN);
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "35|40|45|50|55|60|65", "values 40..60: zero left off");
	for (int i = 0; i < N; i++)
		v[i] -= 30;
	c = spc(DR_UNIT_NUMBER, v, NAN, NAN, NAN);
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "0|10|20|30|40", "values 10..30: zero near, taken in");
	for (int i = 0; i < N; i++)
		v[i] = -v[i];
	c = spc(DR_UNIT_NUMBER, v, NAN, NAN, NAN);
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "-40|-30|-20|-10|0", "values -30..-10: zero near, at the top");
}

/* Small multiples: one fitted scale for the panels, the same at two sizes. */
static void multiples(void)
{
	static struct dr_chart_point p[2][N];
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < N; i++)
			p[k][i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i,
			                                   .y = 200 + 10 * k + (i * 7 % 11), .cl = 205 + 10 * k,
			                                   .lcl = 190 + 10 * k, .ucl = 220 + 10 * k,
			                                   .type = DR_POINT_COMMON, .phase = 1 };
	const struct dr_chart_panel panel[2] = { { "Cardiology", N, p[0] }, { "Oncology", N, p[1] } };
	struct dr_chart c = { .kind = DR_CHART_MULTIPLES, .title = "Visits", .unit = DR_UNIT_COUNT,
	                      .panel = panel, .npanel = 2, .target = NAN, .reference = NAN };
	char a[512], b[512];
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_str(a, "180|190|200|210|220|230|240", "multiples: counts 200..230 fitted, not from 0");
	texts(&c, 520, 300, "ylabels", b, sizeof b);
	tap_str(b, a, "multiples: the same ticks at 520 x 300");
	c.y_axis = DR_YAXIS_ZERO;
	texts(&c, 800, 450, "ylabels", a, sizeof a);
	tap_ok(strncmp(a, "0|", 2) == 0, "multiples: y_axis = zero starts at 0");
}

/* A tile of three values whose last point has type t (hollow: provisional). */
static void tile_colours(enum dr_spc_point_type t, bool hollow, int better, double last,
                         const char *want_value, const char *name)
{
	static struct dr_chart_point q[3];
	double v[3] = { 0.088, 0.091, last };
	for (int i = 0; i < 3; i++)
		q[i] = (struct dr_chart_point){ .month = dr_month_make(2026, 8) + i, .y = v[i],
		                                .cl = 0.09, .lcl = 0.05, .ucl = 0.13,
		                                .type = DR_POINT_COMMON, .phase = 1 };
	q[2].type = t;
	q[2].hollow = hollow;
	struct dr_chart c = { .kind = DR_CHART_TILE, .title = "No-show rate", .unit = DR_UNIT_PERCENT,
	                      .better = better, .n = 3, .pt = q, .target = NAN, .reference = NAN };
	char col[16], msg[160], words[256];
	text_colour(&c, 400, 225, "value", col, sizeof col);
	snprintf(msg, sizeof msg, "tile %s: value %s", name, want_value);
	tap_str(col, want_value, msg);
	text_colour(&c, 400, 225, "change neutral", col, sizeof col);
	snprintf(msg, sizeof msg, "tile %s: the change is neutral grey #425563", name);
	tap_str(col, "#425563", msg);
	texts(&c, 400, 225, "change neutral", words, sizeof words);
	snprintf(msg, sizeof msg, "tile %s: the change keeps its arrow", name);
	tap_str(words, last > 0.091 ? "\u25b2 2.1 pts vs Sep" : "\u25bc 2.1 pts vs Sep", msg);
}

static void tiles(void)
{
	/* A rise of 2.1 points when lower is better, yet common cause: no colour. */
	tile_colours(DR_POINT_COMMON, false, -1, 0.112, "#212b32", "common cause, worse");
	tile_colours(DR_POINT_COMMON, false, -1, 0.070, "#212b32", "common cause, better");
	tile_colours(DR_POINT_IMPROVEMENT, false, -1, 0.070, "#289de0", "improvement");
	tile_colours(DR_POINT_CONCERN, false, -1, 0.112, "#ed8b00", "concern");
	tile_colours(DR_POINT_NEUTRAL_HIGH, false, 0, 0.112, "#361475", "neutral");
	tile_colours(DR_POINT_CONCERN, true, -1, 0.112, "#212b32", "provisional");
	tap_int((long)dr_chart_value_colour(DR_POINT_NONE, 0x123456), 0x123456,
	        "value colour: not judged is the caller's text colour");
	tap_int((long)dr_chart_value_colour(DR_POINT_CONCERN, 0x123456), 0xed8b00,
	        "value colour: concern orange");
}

/* The executive summary's KPI table: the value by its verdict, changes muted. */
static void summary(void)
{
	enum { M = 4 };
	dr_month period[M];
	double value[M] = { 0.09, 0.095, 0.10, 0.14 }, num[M], den[M];
	bool prov[M] = { false };
	struct dr_spc_point sp[M];
	for (int i = 0; i < M; i++) {
		period[i] = dr_month_make(2026, 7 + i);
		num[i] = den[i] = NAN;
		sp[i] = (struct dr_spc_point){ .cl = 0.1, .lcl = 0.06, .ucl = 0.13, .phase = 1,
		                               .signal = DR_SIGNAL_NONE, .type = DR_POINT_COMMON };
	}
	struct dr_series s = { .def = dr_metric_def(DR_M_NO_SHOW_RATE), .n = M, .period = period,
	                       .value = value, .num = num, .den = den, .provisional = prov,
	                       .spc = sp, .better = -1, .rules = DR_SPC_MDC7, .chart = DR_SPC_I };
	struct dr_packet_row_colours col = dr_packet_summary_colours(&s, 2);
	tap_int((long)col.value, 0x1f2933, "summary: a common-cause value in ink");
	tap_int((long)col.change, 0x616e7c, "summary: its changes muted grey");
	sp[3].signal = DR_SIGNAL_OUTSIDE;
	sp[3].type = DR_POINT_CONCERN;
	col = dr_packet_summary_colours(&s, 3);
	tap_int((long)col.value, 0xed8b00, "summary: a concern in orange");
	tap_int((long)col.change, 0x616e7c, "summary: its changes still muted grey");
	sp[3].type = DR_POINT_IMPROVEMENT;
	col = dr_packet_summary_colours(&s, 3);
	tap_int((long)col.value, 0x289de0, "summary: an improvement in blue");
	prov[3] = true;
	col = dr_packet_summary_colours(&s, 3);
	tap_int((long)col.value, 0x1f2933, "summary: a provisional value is not judged: ink");
}

int main(void)
{
	fitted_axes();
	multiples();
	tiles();
	summary();
	return tap_done();
}
