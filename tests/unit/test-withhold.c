/*
 * test-withhold.c -- where the packet must not judge (issue 16, points 4
 * and 5): a rate on fewer than min_denominator cases (chart-headline-guard.c
 * dr_series_small_n, chart-model.c, chart-spc.c), and a public series that
 * privacy hid too much of (metric-suppress.c dr_suppress_too_many and
 * dr_suppress_unjudge), a public Pareto's "Other, hidden" bar
 * (chart-pareto.c) and a KPI tile on too few cases (chart-tile.c). Exact
 * headline sentences, icons and colours through the trace.
 */
#include <math.h>
#include <string.h>

#include "charttest.h"
#include "dyadreport/chart.h"
#include "dyadreport/metric.h"
#include "tap.h"
#include "testutil.h"

#define N 13

static dr_month period[N];
static double value[N], num[N], den[N];
static bool provisional[N], suppressed[N];
static struct dr_spc_point spc[N];

/* A 13-month series Oct 2025 .. Oct 2026 of metric id: num[i] / den[i],
 * judged by mdc7 on the values given. */
static struct dr_series series(enum dr_metric_id id, const double *nu, const double *de)
{
	for (int i = 0; i < N; i++) {
		period[i] = dr_month_make(2025, 10 + i);
		num[i] = nu[i];
		den[i] = de[i];
		value[i] = de[i] > 0 ? nu[i] / de[i] : NAN;
		provisional[i] = suppressed[i] = false;
	}
	struct dr_series s = { .def = dr_metric_def(id), .n = N, .period = period, .value = value,
	                       .num = num, .den = den, .provisional = provisional,
	                       .suppressed = suppressed, .spc = spc,
	                       .better = dr_metric_def(id)->better, .rules = DR_SPC_MDC7,
	                       .chart = DR_SPC_I, .min_den = 20 };
	struct dr_spc_options o;
	dr_spc_options_init(&o);
	o.better = s.better;
	dr_spc_judge(value, provisional, N, &o, spc, &s.summary);
	return s;
}

/* Path moves drawn under trace group g (exactly that name). */
static int paths_in(const char *t, const char *g)
{
	int n = 0;
	bool in = false;
	for (const char *p = t; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (strncmp(p, "group ", 6) == 0)
			in = len - 6 == strlen(g) && strncmp(p + 6, g, len - 6) == 0;
		else if (in && strncmp(p, "move ", 5) == 0)
			n++;
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

/* Hides point i as the series fill does. */
static void hide(struct dr_series *s, size_t i)
{
	s->value[i] = s->num[i] = s->den[i] = NAN;
	s->suppressed[i] = true;
}

static void test_small_n(void)
{
	char out[512];
	double nu[N] = { 8, 9, 10, 8, 9, 7, 8, 9, 10, 9, 8, 4, 0 };
	double de[N] = { 30, 32, 31, 29, 30, 28, 31, 30, 33, 30, 29, 9, 1 };
	struct dr_series s = series(DR_M_OVERTURN_RATE, nu, de);
	tap_ok(!dr_series_small_n(&s, 0), "30 cases is not small");
	tap_ok(dr_series_small_n(&s, 11) && dr_series_small_n(&s, 12), "9 and 1 cases are (fewer than 20)");
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Appeal overturn rate was 0.0% in October 2026 on 1 case, too few to compare or judge "
	             "(fewer than 20).", "headline: no change claimed on 1 case");
	s.value[12] = s.num[12] = s.den[12] = NAN;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No value for October 2026: the denials extract has no rows in it. "
	             "Appeal overturn rate was 44.4% in September 2026 on 9 cases, too few to compare or judge "
	             "(fewer than 20).", "headline: no October, then 9 cases, plural");
	s.value[12] = s.num[12] = 0;
	s.den[12] = 1;
	s.provisional[12] = true;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Appeal overturn rate was 0.0% in October 2026 (provisional) on 1 case, too few to compare "
	             "or judge (fewer than 20).", "headline: a provisional month on 1 case");
	s.provisional[12] = false;

	/* The month before on too few cases is no baseline to compare with. */
	s.num[12] = 6;
	s.den[12] = 30;
	s.value[12] = 0.2;
	dr_headline(&s, out, sizeof out);
	tap_ok(strncmp(out, "Appeal overturn rate was 20.0% in October 2026. ", 48) == 0,
	       "headline: no 'down from' a month on 9 cases");
	/* A still-closing month on enough cases, the latest complete on too few. */
	s.provisional[12] = true;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "September 2026, the latest complete month: too few cases to judge (9, fewer than 20).") != NULL,
	       "headline: the latest complete month on 9 cases is not judged");
	tap_ok(!dr_series_judged(&s, 11), "dr_series_judged: not a month on 9 cases");
	s.provisional[12] = false;
	s.num[12] = 0;
	s.den[12] = 1;
	s.value[12] = 0;

	s.min_den = 0;
	tap_ok(!dr_series_small_n(&s, 0 + 12), "min_denominator 0 turns the rule off");
	dr_headline(&s, out, sizeof out);
	tap_ok(strncmp(out, "Appeal overturn rate was 0.0% in October 2026, down from 44.4%.", 63) == 0,
	       "... and the headline compares again");
	s.min_den = 20;

	/* Not rates of cases: the dollar-weighted rate, a count, a median. */
	s.def = dr_metric_def(DR_M_INITIAL_DENIAL_RATE_AMOUNT);
	tap_ok(!dr_series_small_n(&s, 12), "the dollar-weighted rate counts dollars, not cases");
	s.def = dr_metric_def(DR_M_VISITS_PER_CLINIC_DAY);
	tap_ok(!dr_series_small_n(&s, 12), "visits per clinic day counts days, not cases");
	s.def = dr_metric_def(DR_M_OVERTURN_RATE);

	/* The chart: the latest point grey with its n, no icons. */
	s.spc[12].type = DR_POINT_IMPROVEMENT;        /* whatever the rules said */
	s.summary.variation = DR_POINT_IMPROVEMENT;
	s.summary.assurance = DR_ASSURE_FAIL;
	struct dr_chart c = { 0 };
	struct dr_chart_point pt[N];
	dr_chart_from_series(&s, &c, pt);
	tap_ok(pt[12].small_n && pt[12].n == 1 && pt[11].small_n && !pt[10].small_n,
	       "chart: small_n points carry their n");
	tap_int(c.variation, DR_POINT_NONE, "chart: no variation icon for a rate on 1 case");
	tap_int(c.assurance, DR_ASSURE_NONE, "chart: no assurance icon either");
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "trace: no breaches");
	tap_int(tu_count_lines(t, "group marker small-n"), 2, "trace: two grey small-n markers");
	tap_int(tu_count_lines(t, "group marker improvement"), 0, "trace: no improvement colour on them");
	tap_ok(strstr(t, "\"n = 1\"") != NULL && strstr(t, "\"n = 9\"") != NULL,
	       "trace: each labelled with its n");
	tap_int(tu_count_lines(t, "group icon"), 0, "trace: no icons");
	tap_ok(strstr(t, "#aeb7bd") != NULL, "trace: light grey #aeb7bd");
	tap_ok(strstr(t, "\"Too few cases (n)\"") != NULL, "trace: the legend explains the grey points");
	tap_ok(strstr(t, "\"Improvement\"") == NULL, "trace: ... and lists no improvement for them");
	free(t);
}

static void test_too_hidden(void)
{
	char out[512];
	double nu[N] = { 12, 14, 13, 12, 15, 14, 13, 12, 14, 13, 15, 14, 16 };
	double de[N] = { 250, 260, 255, 250, 270, 265, 255, 250, 260, 255, 270, 265, 300 };
	struct dr_series s = series(DR_M_NO_SHOW_RATE, nu, de);
	tap_int((long)dr_suppress_min_points(DR_SPC_MDC7), 7, "mdc7 needs 7 points");
	tap_int((long)dr_suppress_min_points(DR_SPC_MDC6), 6, "mdc6 needs 6 points");
	tap_int((long)dr_suppress_min_points(DR_SPC_ANHOEJ), 10, "anhoej needs 10 points");
	tap_ok(!dr_suppress_too_many(&s), "nothing hidden: judged");
	hide(&s, 2);
	hide(&s, 5);
	hide(&s, 8);
	hide(&s, 11);
	tap_ok(!dr_suppress_too_many(&s), "4 of 13 hidden, 9 left: judged");
	hide(&s, 0);
	tap_ok(dr_suppress_too_many(&s), "5 of 13 hidden (more than a third): not judged");
	dr_suppress_unjudge(&s);
	tap_ok(s.too_hidden, "unjudge marks the series");
	int lines = 0, signals = 0;
	for (int i = 0; i < N; i++) {
		lines += !isnan(s.spc[i].cl) || !isnan(s.spc[i].lcl) || !isnan(s.spc[i].ucl);
		signals += s.spc[i].signal != DR_SIGNAL_NONE || s.spc[i].type != DR_POINT_NONE;
	}
	tap_int(lines, 0, "no centre or limits from the survivors");
	tap_int(signals, 0, "no signals or point types");
	tap_int(s.summary.variation, DR_POINT_NONE, "no variation");
	tap_int(s.summary.assurance, DR_ASSURE_NONE, "no assurance");
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No-show rate was 5.3% in October 2026. 5 of the 13 months cannot be shown publicly "
	             "(small numbers), too many to judge variation: no centre line or limits are drawn.",
	        "headline says it plainly, with no verdict");

	s.has_target = true;
	s.target = 0.05;
	struct dr_chart c = { 0 };
	struct dr_chart_point pt[N];
	dr_chart_from_series(&s, &c, pt);
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "trace: no breaches");
	tap_int(paths_in(t, "line mean"), 0, "trace: no centre line");
	tap_int(paths_in(t, "line ucl") + paths_in(t, "line lcl"), 0, "trace: no limits");
	tap_ok(paths_in(t, "line target") > 0, "trace: the target is still drawn");
	tap_int(tu_count_lines(t, "group icon"), 0, "trace: no icons");
	tap_int(tu_count_lines(t, "group marker "), 8, "trace: the 8 survivors are still drawn");
	free(t);

	/* Few survivors though little is hidden: a short window. */
	s = series(DR_M_NO_SHOW_RATE, nu, de);
	s.n = 6;
	hide(&s, 1);
	tap_ok(dr_suppress_too_many(&s), "1 of 6 hidden, 5 left: fewer than mdc7's 7");
	s.n = N;
	s.suppressed[1] = false;
	s.rules = DR_SPC_ANHOEJ;
	hide(&s, 1);
	hide(&s, 2);
	hide(&s, 3);
	tap_ok(!dr_suppress_too_many(&s), "anhoej: 3 of 13 hidden, 10 left: judged");
	s.provisional[12] = true;
	tap_ok(dr_suppress_too_many(&s), "... a provisional month does not count: 9 left");
}

/* A public Pareto: the hidden categories as one grey bar, in the whole. */
static void test_pareto_other(void)
{
	struct dr_chart_bar bar[] = {
		{ .label = "Medical necessity", .value = 17, .n = NAN },
		{ .label = "Coding error", .value = NAN, .n = NAN, .hidden = true },
		{ .label = "Eligibility", .value = NAN, .n = NAN, .hidden = true },
		{ .label = "Other, hidden (2)", .value = 23, .n = NAN, .other = true },
	};
	struct dr_chart c = { .kind = DR_CHART_PARETO, .title = "Why requests were denied",
	                      .unit = DR_UNIT_COUNT, .bar = bar, .nbar = 4, .reference = NAN };
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "pareto: no breaches");
	tap_ok(strstr(t, "\"Other, hidden (2)\"") != NULL, "pareto: the hidden bar keeps its label");
	tap_int(tu_count_lines(t, "group bar other"), 1, "pareto: drawn as the grey last bar");
	tap_ok(strstr(t, "\"23\"") != NULL && strstr(t, "\"17\"") != NULL, "pareto: both counts printed");
	tap_ok(strstr(t, "\"2 categories hidden (small numbers)\"") != NULL, "pareto: the note still counts them");
	free(t);
}

/* A bar of a rate on 6 cases: light grey, its value muted, its n printed. */
static void test_bar(void)
{
	struct dr_chart_bar bar[] = {
		{ .label = "Aetna", .value = 0.091, .n = 55 },
		{ .label = "Cigna", .value = 0.333, .n = 6, .small_n = true },
	};
	struct dr_chart c = { .kind = DR_CHART_BAR, .title = "Initial denial rate by payer",
	                      .unit = DR_UNIT_PERCENT, .bar = bar, .nbar = 2, .reference = NAN };
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "bar: no breaches");
	tap_int(tu_count_lines(t, "group bar small-n"), 1, "bar: the rate on 6 cases drawn apart");
	tap_ok(strstr(t, "group bar small-n\ncolour #aeb7bd") != NULL, "bar: ... in light grey");
	tap_ok(strstr(t, "group bar\ncolour #005eb8") != NULL, "bar: the other in NHS blue");
	tap_ok(strstr(t, "\"n = 6\"") != NULL && strstr(t, "\"n = 55\"") != NULL, "bar: each with its n");
	free(t);
}

/* A KPI tile whose latest rate rests on 6 cases. */
static void test_tile(void)
{
	struct dr_chart_point pt[3] = {
		{ .month = dr_month_make(2026, 8), .y = 0.2, .cl = 0.2, .n = 40, .type = DR_POINT_COMMON },
		{ .month = dr_month_make(2026, 9), .y = 0.25, .cl = 0.2, .n = 40, .type = DR_POINT_COMMON },
		{ .month = dr_month_make(2026, 10), .y = 0.5, .cl = 0.2, .n = 6, .small_n = true,
		  .type = DR_POINT_CONCERN },
	};
	struct dr_chart c = { .kind = DR_CHART_TILE, .title = "No-show rate", .unit = DR_UNIT_PERCENT,
	                      .better = -1, .n = 3, .pt = pt, .reference = NAN };
	char *t = ct_trace(&c, 400, 225);
	tap_int(tu_count_lines(t, "!!"), 0, "tile: no breaches");
	tap_ok(strstr(t, "\"n = 6\"") != NULL, "tile: the value's n beside it");
	tap_int(tu_count_lines(t, "group change"), 0, "tile: no month-on-month change on 6 cases");
	tap_ok(strstr(t, "#aeb7bd") != NULL, "tile: the value greyed");
	tap_int(tu_count_lines(t, "group sparkline last concern"), 0, "tile: its sparkline dot is not a concern");
	free(t);
	pt[2].small_n = false;
	pt[2].n = 60;
	t = ct_trace(&c, 400, 225);
	tap_int(tu_count_lines(t, "group change "), 1, "tile on 60 cases: the change is shown");
	tap_ok(strstr(t, "\"n = 60\"") == NULL, "... and no n");
	tap_int(tu_count_lines(t, "group sparkline last concern"), 1, "... its dot in the concern colour");
	free(t);
}

int main(void)
{
	test_small_n();
	test_too_hidden();
	test_pareto_other();
	test_bar();
	test_tile();
	return tap_done();
}
