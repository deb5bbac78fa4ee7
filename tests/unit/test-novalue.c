/*
 * test-novalue.c -- a metric without a value in the report month (issue
 * 16, point 1 follow-up: its extract holds no row of the month yet) never
 * shows an earlier month's value as the month's:
 *   - the KPI tile (chart-tile.c), through the trace backend: "No value"
 *     muted where the value goes, "for Oct 26" beside it, no change, no
 *     icons, the target and the sparkline of the earlier months kept; the
 *     same tile with an October value is unchanged;
 *   - the headline (chart-headline.c dr_headline) leads with the month
 *     that has no value and why, then the latest month that has one, and
 *     judges the target in that month, not "this month".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"
#include "charttest.h"
#include "testutil.h"
#include "tap.h"

#define N 13

static struct dr_chart_point pt[N];

/* A handoff-completion-like tile Oct 2025 .. Oct 2026, target 95%, icons
 * on (a concern that fails the target), October without a value. */
static struct dr_chart tile(void)
{
	static const double v[N] = { 0.94, 0.95, 0.93, 0.96, 0.94, 0.95, 0.92, 0.94, 0.96, 0.95,
	                             0.942, 0.93, NAN };
	for (int i = 0; i < N; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i, .y = v[i],
		                                 .cl = 0.94, .lcl = 0.90, .ucl = 0.98,
		                                 .type = DR_POINT_COMMON, .phase = 1 };
	pt[N - 2].type = DR_POINT_CONCERN;
	return (struct dr_chart){ .kind = DR_CHART_TILE, .title = "Handoff completion rate",
	                          .unit = DR_UNIT_PERCENT, .better = 1, .has_target = true,
	                          .target = 0.95, .n = N, .pt = pt, .icons = true,
	                          .variation = DR_POINT_CONCERN, .assurance = DR_ASSURE_FAIL,
	                          .reference = NAN };
}

/* The trace's group names, each once, joined by "|". */
static void groups(const char *t, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (const char *g = strstr(t, "group "); g; g = strstr(g + 1, "\ngroup ")) {
		if (*g == '\n')
			g++;
		size_t n = strcspn(g + 6, "\n");
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)n, g + 6);
		char key[132];
		snprintf(key, sizeof key, "|%s|", name);
		char have[2048];
		snprintf(have, sizeof have, "|%s|", out);
		if (strstr(have, key))
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", len ? "|" : "",
		                        name);
	}
}

/* The colour and text ("#rrggbb \"text\"") of each text of group in t,
 * joined by "|". */
static void texts(const char *t, const char *group, char *out, size_t size)
{
	char *copy = strdup(t), cur[128] = "", col[16] = "";
	size_t len = 0;
	out[0] = '\0';
	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "group ", 6) == 0) {
			snprintf(cur, sizeof cur, "%s", line + 6);
		} else if (strncmp(line, "colour ", 7) == 0) {
			snprintf(col, sizeof col, "%s", line + 7);
		} else if (strncmp(line, "text ", 5) == 0 && strcmp(cur, group) == 0) {
			const char *q = strchr(line, '"');
			len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s %s",
			                        len ? "|" : "", col, q ? q : "");
		}
	}
	free(copy);
}

static void tiles(void)
{
	struct dr_chart c = tile();
	char g[2048], s[512];
	char *t = ct_trace(&c, 400, 225);
	groups(t, g, sizeof g);
	tap_str(g, "border|title|value none|value note|target|sparkline centre|sparkline value|"
	           "sparkline last concern",
	        "tile, no October value: no value, change or icon groups; target and sparkline kept");
	texts(t, "value none", s, sizeof s);
	tap_str(s, "#768692 \"No value\"", "tile: \"No value\" in muted grey");
	texts(t, "value note", s, sizeof s);
	tap_str(s, "#768692 \"for Oct 26\"", "tile: \"for Oct 26\" beside it");
	texts(t, "target", s, sizeof s);
	tap_str(s, "#768692 \"Target 95%\"", "tile: the target stays");
	tap_ok(strstr(t, "\"93.0%\"") == NULL && strstr(t, "Sep 26") == NULL,
	       "tile: September's 93.0% is not shown as the latest value");
	tap_int(tu_count_lines(t, "!!"), 0, "tile 400 x 225: no render.h state breaches");
	free(t);

	/* The cover's tile size: the note still said, in full. */
	t = ct_trace(&c, 190, 110);
	texts(t, "value none", s, sizeof s);
	tap_str(s, "#768692 \"No value\"", "tile 190 x 110: \"No value\"");
	texts(t, "value note", s, sizeof s);
	tap_str(s, "#768692 \"for Oct 26\"", "tile 190 x 110: \"for Oct 26\"");
	tap_ok(strstr(t, "group icon") == NULL && strstr(t, "group change") == NULL,
	       "tile 190 x 110: no icon, no change");
	tap_int(tu_count_lines(t, "!!"), 0, "tile 190 x 110: no render.h state breaches");
	free(t);

	/* A quarter without a value (a survey wave not in yet). */
	c.period = DR_PERIOD_QUARTER;
	for (int i = 0; i < N; i++)
		pt[i].month = dr_month_make(2023, 10) + 3 * i;
	t = ct_trace(&c, 400, 225);
	texts(t, "value note", s, sizeof s);
	tap_str(s, "#768692 \"for Q4 26\"", "tile: a wave without a value reads \"for Q4 26\"");
	free(t);

	/* The same tile with an October value: value, change and icons as before. */
	c = tile();
	pt[N - 1].y = 0.91;
	t = ct_trace(&c, 400, 225);
	groups(t, g, sizeof g);
	tap_str(g, "border|title|icon assurance fail|icon variation concern-low|value|value note|"
	           "change neutral|target|sparkline centre|sparkline value|sparkline special|"
	           "sparkline last common",
	        "tile with an October value: value, change and icons");
	texts(t, "value", s, sizeof s);
	tap_str(s, "#212b32 \"91.0%\"", "tile: October's value in ink");
	texts(t, "change neutral", s, sizeof s);
	tap_str(s, "#425563 \"\u25bc 2.0 pts vs Sep\"", "tile: the change against September");
	free(t);

	/* Nothing at all: "No data", as before. */
	for (int i = 0; i < N; i++)
		pt[i].y = NAN;
	t = ct_trace(&c, 400, 225);
	texts(t, "nodata", s, sizeof s);
	tap_str(s, "#768692 \"No data\"", "tile, no value in any month: \"No data\"");
	free(t);
}

#define M 4

static dr_month period[M];
static double value[M], num[M], den[M];
static bool provisional[M], suppressed[M];
static struct dr_spc_point spc[M];

/* July .. October 2026 of metric id, October without a value: no row
 * (num and den NAN). */
static struct dr_series series(enum dr_metric_id id)
{
	static const double v[M] = { 0.94, 0.942, 0.93, NAN };
	for (int i = 0; i < M; i++) {
		period[i] = dr_month_make(2026, 7 + i);
		value[i] = v[i];
		num[i] = isnan(v[i]) ? NAN : v[i] * 100;
		den[i] = isnan(v[i]) ? NAN : 100;
		provisional[i] = suppressed[i] = false;
		spc[i] = (struct dr_spc_point){ .cl = 0.94, .lcl = 0.88, .ucl = 1.0, .phase = 1,
		                                .signal = DR_SIGNAL_NONE, .type = DR_POINT_COMMON };
	}
	return (struct dr_series){ .def = dr_metric_def(id), .n = M, .period = period, .value = value,
	                           .num = num, .den = den, .provisional = provisional,
	                           .suppressed = suppressed, .spc = spc,
	                           .better = dr_metric_def(id)->better, .rules = DR_SPC_MDC7,
	                           .chart = DR_SPC_I };
}

static void headlines(void)
{
	char out[600];
	struct dr_series s = series(DR_M_HANDOFF_COMPLETION_RATE);
	s.has_target = true;
	s.target = 0.95;
	s.summary.assurance = DR_ASSURE_HIT_AND_MISS;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No value for October 2026: the handoffs extract has no rows in it. "
	             "Handoff completion rate was 93.0% in September 2026, down from 94.2%. "
	             "Within the process limits: normal variation, not a real change. "
	             "Target 95.0%: not met in September 2026; the process will hit and miss it.",
	        "headline: no rows in October, September named, the target judged in September");

	s = series(DR_M_OVERTURN_RATE);
	num[M - 1] = den[M - 1] = 0;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No value for October 2026: no cases in it. "
	             "Appeal overturn rate was 93.0% in September 2026, down from 94.2%. "
	             "Within the process limits: normal variation, not a real change.",
	        "headline: rows but no cases in October");

	s = series(DR_M_NO_SHOW_RATE);
	suppressed[M - 1] = true;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No value for October 2026: hidden to protect privacy. "
	             "No-show rate was 93.0% in September 2026, down from 94.2%. "
	             "Within the process limits: normal variation, not a real change.",
	        "headline: October hidden for privacy");

	s = series(DR_M_NO_SHOW_RATE);
	value[M - 1] = 0.95;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No-show rate was 95.0% in October 2026, up from 93.0%. "
	             "Within the process limits: normal variation, not a real change.",
	        "headline: with an October value, as before");
}

/* A tile's change adds up with the printed values, and is only ever
 * against the period just before (never across a hidden month). */
static void changes(void)
{
	tap_num(dr_chart_printed_value(DR_UNIT_PERCENT, 0.33789), 33.8, 1e-12, "printed: 33.789% is 33.8");
	tap_num(dr_chart_printed_value(DR_UNIT_CURRENCY, 15203.4), 15203, 1e-12, "printed: $15,203");
	tap_num(dr_chart_printed_value(DR_UNIT_NUMBER, -1.834), -1.83, 1e-12, "printed: -1.83");
	tap_ok(isnan(dr_chart_printed_value(DR_UNIT_COUNT, NAN)), "printed: NAN has none");

	struct dr_chart c = tile();
	pt[N - 1].y = 0.33789;          /* 33.8% */
	pt[N - 2].y = 0.32449;          /* 32.4%: the raw change is 1.34, printed 1.4 */
	pt[N - 2].type = DR_POINT_COMMON;
	c.variation = DR_POINT_COMMON;
	c.assurance = DR_ASSURE_NONE;
	c.has_target = false;
	char *t = ct_trace(&c, 400, 225), txt[512];
	texts(t, "change neutral", txt, sizeof txt);
	tap_ok(strstr(txt, "1.4 pts") != NULL, "tile: 33.8% from 32.4% is 1.4 pts, as printed");
	free(t);
	pt[N - 2].y = NAN;              /* September hidden: no change against August */
	t = ct_trace(&c, 400, 225);
	char g[2048];
	groups(t, g, sizeof g);
	tap_ok(strstr(g, "change") == NULL, "tile: no change across a month without a value");
	tap_ok(strstr(g, "sparkline") != NULL, "tile: ... but the sparkline stays");
	free(t);
}

int main(void)
{
	tiles();
	changes();
	headlines();
	return tap_done();
}
