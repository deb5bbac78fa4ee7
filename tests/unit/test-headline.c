/*
 * test-headline.c -- the plain-language sentence under each chart
 * (chart-headline.c): it follows the printed numbers, names every kind of
 * special cause the chart marks in its window (series judged by the real
 * engine, one per signal kind), never judges a provisional period, claims
 * a change only when a rule fired, and states the target.
 */
#include <math.h>
#include <string.h>

#include "dyadreport/metric.h"
#include "tap.h"

#define N 4

static dr_month period[N];
static double value[N], num[N], den[N];
static bool provisional[N];
static struct dr_spc_point spc[N];

/* A 4-month series ending October 2026 of metric id. */
static struct dr_series series(enum dr_metric_id id, double a, double b, double c, double d)
{
	double v[N] = { a, b, c, d };
	for (int i = 0; i < N; i++) {
		period[i] = dr_month_make(2026, 7 + i);
		value[i] = v[i];
		num[i] = den[i] = NAN;
		provisional[i] = false;
		spc[i] = (struct dr_spc_point){ .cl = 0.5, .lcl = 0.1, .ucl = 0.9, .phase = 1,
		                                .signal = DR_SIGNAL_NONE, .type = DR_POINT_COMMON };
	}
	return (struct dr_series){ .def = dr_metric_def(id), .n = N, .period = period, .value = value,
	                           .num = num, .den = den, .provisional = provisional, .spc = spc,
	                           .better = dr_metric_def(id)->better, .rules = DR_SPC_MDC7,
	                           .chart = DR_SPC_I };
}

#define M 24

static dr_month mperiod[M];
static double mvalue[M], mnan[M];
static bool mprov[M];
static struct dr_spc_point mspc[M];
static size_t mrebase[1];

/*
 * A series of metric id judged by the real engine: y[0..n) ending October
 * 2026, the months with prov[] set provisional (left out as the packet
 * leaves them out), a rebase at index `rebase` when > 0.
 */
static struct dr_series judged(enum dr_metric_id id, enum dr_spc_rules rules, const double *y,
                               size_t n, size_t nprov, size_t rebase)
{
	struct dr_spc_options o;
	dr_spc_options_init(&o);
	o.rules = rules;
	o.better = dr_metric_def(id)->better;
	if (rebase > 0) {
		mrebase[0] = rebase;
		o.rebase = mrebase;
		o.nrebase = 1;
	}
	for (size_t i = 0; i < n; i++) {
		mperiod[i] = dr_month_make(2026, 10) - (dr_month)(n - 1 - i);
		mvalue[i] = y[i];
		mnan[i] = NAN;
		mprov[i] = i + nprov >= n;
	}
	struct dr_series s = { .def = dr_metric_def(id), .n = n, .period = mperiod, .value = mvalue,
	                       .num = mnan, .den = mnan, .provisional = mprov, .spc = mspc,
	                       .better = o.better, .rules = rules, .chart = DR_SPC_I };
	dr_spc_judge(y, mprov, n, &o, mspc, &s.summary);
	return s;
}

/* The judgement part of the headline (after the first sentence). */
static const char *verdict_of(const char *h)
{
	const char *p = strstr(h, ". ");
	return p ? p + 2 : h;
}

/* Every marked point of s lies in an episode of its own kind. */
static bool marks_covered(const struct dr_series *s)
{
	struct dr_episode ep[M];
	size_t n = dr_series_episodes(s, ep, M);
	for (size_t i = 0; i < s->n; i++) {
		if (!dr_series_marked(s, i))
			continue;
		bool in = false;
		for (size_t k = 0; k < n; k++)
			in |= ep[k].first <= i && i <= ep[k].last;
		if (!in)
			return false;
	}
	return true;
}

/* Headlines written from the signals the chart draws, one kind at a time. */
static void test_episodes(void)
{
	char out[1024];
	struct dr_series s;
	/* 16 months of common cause around 100 (mean 100.1875, limits about +-9). */
	static const double base[] = { 100, 103, 98, 101, 99, 102, 97, 100,
	                               103, 99, 101, 98, 102, 100, 99, 101 };
	double y[M];
#define SET(...) do { const double v_[] = { __VA_ARGS__ }; memcpy(y, v_, sizeof v_); } while (0)
#define HEAD(id, rules, n, nprov, rebase) \
	(s = judged(id, rules, y, n, nprov, rebase), dr_headline(&s, out, sizeof out), verdict_of(out))

	memcpy(y, base, sizeof base);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 16, 0, 0),
	        "Within the process limits: normal variation, not a real change.",
	        "episodes: none in a common-cause window");

	memcpy(y, base, sizeof base);
	y[15] = 125;
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 16, 0, 0),
	        "October was above the upper limit: a real rise.",
	        "episodes: outside high, the latest month");
	tap_ok(marks_covered(&s), "episodes: outside high covers its mark");

	memcpy(y, base, sizeof base);
	y[9] = 75;
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 16, 0, 0),
	        "April was below the lower limit: a real drop; October is back within "
	        "the limits.",
	        "episodes: outside low, ended earlier");

	memcpy(y, base, sizeof base);
	y[9] = 125;
	tap_str(HEAD(DR_M_NO_SHOW_RATE, DR_SPC_MDC7, 16, 0, 0),
	        "April was above the upper limit: a concern; October is back within "
	        "the limits.",
	        "episodes: outside high, lower is better: a concern");

	SET(100, 103, 98, 101, 99, 102, 97, 100, 103, 99, 96, 97, 98, 99, 100, 101, 102);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 17, 0, 0),
	        "April\u2013October rose every month: a real rise.",
	        "episodes: trend up to the latest month");

	SET(100, 103, 98, 101, 104, 103, 102, 101, 100, 99, 98, 101, 99, 102, 97, 100);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 16, 0, 0),
	        "November 2025\u2013May 2026 fell every month: a real drop; October "
	        "shows no special cause.",
	        "episodes: trend down, ended earlier");

	SET(100, 103, 98, 101, 99, 102, 97, 100, 103, 99, 101, 98, 102, 100, 108, 103, 108);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 17, 0, 0),
	        "August and October were close to the upper limit: a real rise.",
	        "episodes: two of three close to the upper limit");

	SET(100, 103, 98, 101, 99, 102, 97, 100, 104, 102, 103, 105, 102, 104, 103, 97, 99);
	tap_str(HEAD(DR_M_HANDOFF_COMPLETION_RATE, DR_SPC_MDC7, 17, 0, 0),
	        "February\u2013August ran above the centre line: an improvement; "
	        "October shows no special cause.",
	        "episodes: run above, higher is better");

	SET(100, 103, 98, 101, 99, 102, 97, 100, 97, 98, 96, 97, 95, 98, 96, 97, 96);
	tap_str(HEAD(DR_M_HANDOFF_COMPLETION_RATE, DR_SPC_MDC7, 17, 0, 0),
	        "February\u2013October ran below the centre line: a concern.",
	        "episodes: run below to the latest month, a concern");

	/* Several kinds in one window (the Primary Care visits pattern). */
	SET(404, 423, 449, 468, 456, 417, 411, 396, 379, 362, 376, 427, 429);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 13, 0, 0),
	        "January was above the upper limit: a real rise; January\u2013July "
	        "fell every month, July was below the lower limit and August was close "
	        "to the lower limit: a real drop; October is back within the limits.",
	        "episodes: outside, trend and two of three in one window");
	tap_ok(marks_covered(&s), "episodes: every mark is in an episode");
	tap_ok(strstr(out, "normal variation") == NULL, "episodes: never normal variation over marks");

	/* A rebase: each phase has its own episodes; the note follows. */
	memcpy(y, base, sizeof base);
	for (int i = 10; i < 16; i++)
		y[i] += 20;
	y[5] = 75;
	struct dr_chart_annotation ann = { dr_month_make(2026, 5), "New rota", true };
	s = judged(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, y, 16, 0, 10);
	s.ann = &ann;
	s.nann = 1;
	dr_headline(&s, out, sizeof out);
	tap_str(verdict_of(out),
	        "December 2025 was below the lower limit: a real drop; October is back "
	        "within the limits. Limits recalculated from May 2026 (New rota). "
	        "Trial limits: 12 or fewer points so far.", "episodes: a rebase phase");

	/* A provisional last month beyond the limits is not judged. */
	memcpy(y, base, sizeof base);
	y[9] = 75;
	y[15] = 140;
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_MDC7, 16, 1, 0),
	        "April was below the lower limit: a real drop; September, the latest "
	        "complete month, is back within the limits.",
	        "episodes: provisional last month not judged");
	tap_int(s.spc[15].signal, DR_SIGNAL_NONE, "provisional: no signal though far above");
	tap_int(s.spc[15].type, DR_POINT_NONE, "provisional: no point type");

	/* anhoej: a long run and too few crossings. */
	SET(100, 103, 98, 101, 99, 102, 97, 100, 104, 102, 103, 105, 102, 104, 103, 104, 102, 103);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_ANHOEJ, 18, 0, 0),
	        "January\u2013October ran above the centre line (more than 7 in a row "
	        "is unlikely by chance): a real rise.",
	        "episodes: anhoej long run");
	SET(98, 99, 98, 99, 98, 101, 102, 101, 102, 101, 98, 99, 98, 99, 98, 99);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_ANHOEJ, 16, 0, 0),
	        "The centre line was crossed only 2 times where at least 4 crossings "
	        "are expected, and May\u2013October are below it: a real drop.",
	        "episodes: anhoej too few crossings");
	/* 12 points: longest 6 <= 7, 1 crossing < 3. */
	SET(98, 99, 98, 99, 98, 99, 101, 102, 101, 102, 101, 102);
	tap_str(HEAD(DR_M_VISITS_COMPLETED, DR_SPC_ANHOEJ, 12, 0, 0),
	        "The centre line was crossed only once where at least 3 crossings are expected, and "
	        "May\u2013October are above it: a real rise. Trial limits: 12 or fewer points so far.",
	        "episodes: anhoej crossed once");
#undef SET
#undef HEAD
}

/* Small multiples: the latest special causes, and those earlier. */
static void test_groups(void)
{
	const struct dr_metric_def *def = dr_metric_def(DR_M_NO_SHOW_RATE);
	static dr_month per[2][N];
	static double val[2][N], nan4[N] = { NAN, NAN, NAN, NAN };
	static bool prov[2][N];
	static struct dr_spc_point pt[2][N];
	struct dr_series g[2];
	const char *const labels[2] = { "FM", "PEDS" };
	char out[512];

	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < N; i++) {
			per[k][i] = dr_month_make(2026, 7 + i);
			val[k][i] = 0.06;
			prov[k][i] = false;
			pt[k][i] = (struct dr_spc_point){ .cl = 0.06, .lcl = 0.02, .ucl = 0.10, .phase = 1,
			                                  .type = DR_POINT_COMMON };
		}
		g[k] = (struct dr_series){ .def = def, .n = N, .period = per[k], .value = val[k],
		                           .num = nan4, .den = nan4, .provisional = prov[k],
		                           .spc = pt[k], .better = -1, .rules = DR_SPC_MDC7 };
	}
	dr_headline_groups(def, g, 2, labels, "department", out, sizeof out);
	tap_str(out, "No-show rate: every department varies within its own limits \u2014 no real change.",
	        "groups: nothing marked");
	val[1][1] = 0.12;
	pt[1][1].signal = DR_SIGNAL_OUTSIDE;
	pt[1][1].type = DR_POINT_CONCERN;
	dr_headline_groups(def, g, 2, labels, "department", out, sizeof out);
	tap_str(out, "No-show rate: the latest month is within its own limits in every department. "
	             "Special causes earlier in the window: PEDS.",
	        "groups: a mark earlier is named, never 'no real change'");
	val[0][3] = 0.01;
	pt[0][3].signal = DR_SIGNAL_OUTSIDE;
	pt[0][3].type = DR_POINT_IMPROVEMENT;
	dr_headline_groups(def, g, 2, labels, "department", out, sizeof out);
	tap_str(out, "No-show rate: a real change, not noise, in FM (improvement). Special causes "
	             "earlier in the window: PEDS.", "groups: the latest and the earlier");
	/* A provisional latest point is not the one judged. */
	prov[0][3] = true;
	pt[0][3].signal = DR_SIGNAL_NONE;
	pt[0][3].type = DR_POINT_NONE;
	dr_headline_groups(def, g, 2, labels, "department", out, sizeof out);
	tap_str(out, "No-show rate: the latest month is within its own limits in every department. "
	             "Special causes earlier in the window: PEDS.", "groups: provisional not judged");
	dr_headline_groups(def, g, 0, labels, "department", out, sizeof out);
	tap_str(out, "No-show rate: no groups to show.", "groups: none");
}

int main(void)
{
	test_episodes();
	test_groups();
	char out[512];
	struct dr_series s = series(DR_M_WRVU_PER_VISIT, 1.8, 1.9, 1.8214, 1.8194);
	dr_headline(&s, out, sizeof out);
	tap_str(out, "wRVU per visit was 1.82 in October 2026, unchanged from 1.82. "
	             "Within the process limits: normal variation, not a real change.",
	        "equal printed values read as unchanged");

	s = series(DR_M_NO_SHOW_RATE, 0.05, 0.06, 0.07, 0.12);
	for (int i = 0; i < N; i++)
		s.spc[i].cl = 0.06, s.spc[i].lcl = 0.02, s.spc[i].ucl = 0.10;
	s.spc[3].signal = DR_SIGNAL_OUTSIDE;
	s.spc[3].type = DR_POINT_CONCERN;
	s.has_target = true;
	s.target = 0.08;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No-show rate was 12.0% in October 2026, up from 7.0%. October was above the "
	             "upper limit: a concern. Target 8.0%: not met.",
	        "a signal is named, with the target");

	s = series(DR_M_INITIAL_DENIAL_RATE, 0.14, 0.14, 0.15, 0.13);
	for (int i = 0; i < N; i++)
		s.spc[i].cl = 0.12;
	s.provisional[3] = true;
	for (int i = 0; i < 3; i++)
		s.spc[i].signal = DR_SIGNAL_RUN, s.spc[i].type = DR_POINT_CONCERN;
	s.spc[3].signal = DR_SIGNAL_NONE;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Initial denial rate was 13.0% in October 2026 (provisional), down from 15.0%. "
	             "July\u2013September ran above the centre line: a concern.",
	        "a provisional month is reported, the latest complete one judged");

	s = series(DR_M_BURNOUT_SHARE, 0.4, NAN, NAN, NAN);
	s.spc[0].lcl = s.spc[0].ucl = NAN;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Too few points to judge variation.") != NULL, "no limits: no verdict");
	tap_ok(strstr(out, "up from") == NULL && strstr(out, "down from") == NULL, "no previous value, no change");

	/* A trend names the month it began; the assurance reads in words. */
	s = series(DR_M_HANDOFF_COMPLETION_RATE, 0.90, 0.91, 0.93, 0.95);
	for (int i = 0; i < N; i++) {
		s.spc[i].cl = 0.92;
		s.spc[i].lcl = 0.85;
		s.spc[i].ucl = 0.99;
		s.spc[i].signal = DR_SIGNAL_TREND;
		s.spc[i].type = DR_POINT_IMPROVEMENT;
	}
	s.has_target = true;
	s.target = 0.95;
	s.summary.assurance = DR_ASSURE_HIT_AND_MISS;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Handoff completion rate was 95.0% in October 2026, up from 93.0%. July\u2013October "
	             "rose every month: an improvement. Target 95.0%: met this month; the process will "
	             "hit and miss it.",
	        "trend since its first month, hit-and-miss target");
	s.summary.assurance = DR_ASSURE_FAIL;
	s.target = 0.995;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Target 99.5%: not met, and the process will not meet it without a change.") != NULL,
	       "failing assurance");
	s.summary.assurance = DR_ASSURE_PASS;
	s.target = 0.80;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Target 80.0%: met, and the process consistently meets it.") != NULL,
	       "passing assurance");

	/* A rebase names the annotation the limits start from. */
	struct dr_chart_annotation ann = { dr_month_make(2026, 9), "Text reminders start", true };
	s = series(DR_M_NO_SHOW_RATE, 0.10, 0.11, 0.06, 0.07);
	s.spc[2].phase = s.spc[3].phase = 2;
	s.ann = &ann;
	s.nann = 1;
	s.summary.trial_limits = true;
	dr_headline(&s, out, sizeof out);
	tap_str(out, "No-show rate was 7.0% in October 2026, up from 6.0%. Within the process limits: "
	             "normal variation, not a real change. Limits recalculated from September 2026 "
	             "(Text reminders start). Trial limits: 12 or fewer points so far.",
	        "rebase and trial limits named");

	/* anhoej: the runs analysis judges the phase. */
	s = series(DR_M_NO_SHOW_RATE, 0.10, 0.11, 0.12, 0.13);
	s.rules = DR_SPC_ANHOEJ;
	s.chart = DR_SPC_P;
	for (int i = 0; i < N; i++)
		s.spc[i].runs = (struct dr_spc_runs){ .signal = true, .useful = 12, .longest = 9,
		                                      .longest_max = 7, .crossings = 3, .crossings_min = 3 };
	s.spc[3].type = DR_POINT_CONCERN;
	dr_headline(&s, out, sizeof out);
	tap_str(out,
	        "No-show rate was 13.0% in October 2026, up from 12.0%. October ran "
	        "above the centre line (more than 7 in a row is unlikely by chance): a "
	        "concern.", "anhoej long run");
	for (int i = 0; i < N; i++)
		s.spc[i].runs.longest = 5, s.spc[i].runs.crossings = 1;
	s.spc[3].type = DR_POINT_COMMON;
	dr_headline(&s, out, sizeof out);
	tap_str(out,
	        "No-show rate was 13.0% in October 2026, up from 12.0%. Special cause: "
	        "only 1 crossing of the centre line where at least 3 are expected.", "anhoej too few crossings");

	s = series(DR_M_INITIAL_DENIAL_RATE, 0.1, 0.1, 0.1, 0.1);
	for (int i = 0; i < N; i++)
		s.provisional[i] = true;
	dr_headline(&s, out, sizeof out);
	tap_ok(strstr(out, "Every period is provisional: too early to judge variation.") != NULL,
	       "all provisional: no verdict");

	s = series(DR_M_VISITS_COMPLETED, NAN, NAN, NAN, NAN);
	dr_headline(&s, out, sizeof out);
	tap_str(out, "Completed visits: no data in this period.", "no data at all");

	/* A public slide's headline: plain words, no limits, rules or phases. */
	s = series(DR_M_NO_SHOW_RATE, 0.05, 0.06, 0.07, 0.12);
	for (int i = 0; i < N; i++)
		s.spc[i].cl = 0.06, s.spc[i].lcl = 0.02, s.spc[i].ucl = 0.10;
	s.spc[3].signal = DR_SIGNAL_OUTSIDE;
	s.spc[3].type = DR_POINT_CONCERN;
	s.has_target = true;
	s.target = 0.08;
	s.summary.trial_limits = true;
	dr_headline_public(&s, out, sizeof out);
	tap_str(out, "No-show rate was 12.0% in October 2026, up from 7.0%. A real change for the "
	             "worse, not chance. Target 8.0%: missed this month.", "public: a concern in plain words");
	s.spc[3].signal = DR_SIGNAL_NONE;
	s.spc[3].type = DR_POINT_COMMON;
	dr_headline_public(&s, out, sizeof out);
	tap_str(out, "No-show rate was 12.0% in October 2026, up from 7.0%. Normal ups and downs: no "
	             "real change. Target 8.0%: missed this month.", "public: no trial limits, no process limits");
	s.spc[1].type = DR_POINT_IMPROVEMENT;
	s.provisional[3] = true;
	dr_headline_public(&s, out, sizeof out);
	tap_str(out, "No-show rate was 12.0% in October 2026 (provisional), up from 7.0%. Last "
	             "complete month, September 2026: normal ups and downs now; the chart marks earlier "
	             "real changes. Target 8.0%: missed this month.", "public: the latest complete month judged");
	/* The target's assurance in plain words: "met" alone would hide a
	 * process that will miss it some months. */
	s = series(DR_M_NO_SHOW_RATE, 0.05, 0.06, 0.07, 0.07);
	for (int i = 0; i < N; i++)
		s.spc[i].cl = 0.06, s.spc[i].lcl = 0.02, s.spc[i].ucl = 0.10;
	s.has_target = true;
	s.target = 0.08;
	s.summary.assurance = DR_ASSURE_HIT_AND_MISS;
	dr_headline_public(&s, out, sizeof out);
	tap_str(out, "No-show rate was 7.0% in October 2026, unchanged from 7.0%. Normal ups and downs: "
	             "no real change. Target 8.0%: met this month; some months it will be missed.",
	        "public: met, but hit and miss");
	s.summary.assurance = DR_ASSURE_PASS;
	dr_headline_public(&s, out, sizeof out);
	tap_ok(strstr(out, "Target 8.0%: met this month, as it is month after month.") != NULL,
	       "public: met, and consistently");
	s.summary.assurance = DR_ASSURE_FAIL;
	s.target = 0.03;
	dr_headline_public(&s, out, sizeof out);
	tap_ok(strstr(out, "Target 3.0%: missed this month; it will stay missed without a change.") != NULL,
	       "public: missed, and will stay missed");
	return tap_done();
}
