/*
 * test-sample-truth.c -- on the shipped sample data, every SPC headline
 * agrees with the marks its chart draws, and no still-closing month is
 * judged: under both rule sets (mdc7, anhoej) and both audiences (internal,
 * and public with patient counts of 1-10 hidden), for every dyad and
 * metric.
 *
 * The sample is loaded the way a run loads it (config, loader, metrics);
 * the marks are read from the chart model (dr_chart_from_series), the very
 * points the chart draws, and the sentence from dr_headline.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/config.h"
#include "dyadreport/load.h"
#include "dyadreport/metric.h"
#include "tap.h"

static bool marked(enum dr_spc_point_type t)
{
	return t == DR_POINT_IMPROVEMENT || t == DR_POINT_CONCERN || t == DR_POINT_NEUTRAL_HIGH ||
	       t == DR_POINT_NEUTRAL_LOW;
}

/* Words that say nothing happened, and words that claim something did. */
static const char *const calm[] = { "normal variation", "not a real change", "random variation" };
static const char *const claim[] = { "Special cause", "special cause", "an improvement", "a concern",
	                             "a real rise", "a real drop", "above the upper limit",
	                             "below the lower limit" };

static bool says_any(const char *s, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, w[i]))
			return true;
	return false;
}

struct tally {
	long series, marked_series, provisional, bad_provisional, calm_over_marks, claim_without_marks;
};

static void check(const char *config, enum dr_spc_rules rules, const struct dr_privacy *priv,
                  struct tally *t)
{
	struct dr_config cfg;
	if (dr_config_load(config, &cfg) != DR_OK) {
		tap_ok(0, "sample config loads");
		return;
	}
	cfg.spc.rules = rules;
	dr_month last = dr_month_make(2026, 10);
	struct dr_metrics *m = dr_metrics_new(&cfg, last - cfg.months + 1, last, priv);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		if (!cfg.input[e])
			continue;
		struct dr_load_options o = dr_config_load_options(&cfg, e);
		o.wanted = dr_metrics_wants;
		o.wanted_ctx = m;
		struct dr_load_stats st;
		memset(&st, 0, sizeof st);
		if (dr_load_extract(e, &o, &st, dr_metrics_add, m) == DR_OK)
			dr_metrics_mark_loaded(m, e);
	}
	dr_metrics_finish(m);
	for (size_t d = 0; d < cfg.ndyads; d++)
		for (int id = 0; id < DR_NMETRICS; id++) {
			const struct dr_series *s = dr_metrics_series(m, d, id);
			if (!s)
				continue;
			struct dr_chart_point *pt = calloc(s->n ? s->n : 1, sizeof *pt);
			struct dr_chart c;
			memset(&c, 0, sizeof c);
			dr_chart_from_series(s, &c, pt);
			bool any = false;
			for (size_t i = 0; i < s->n; i++) {
				any |= marked(pt[i].type);
				if (s->provisional[i] && !isnan(s->value[i])) {
					t->provisional++;
					if (s->spc[i].signal != DR_SIGNAL_NONE || marked(pt[i].type) ||
					    marked(s->spc[i].type)) {
						t->bad_provisional++;
						fprintf(stderr, "# provisional point judged: %s %s %zu\n",
						        cfg.dyads[d].id, s->def->key, i);
					}
				}
			}
			char h[2048];
			dr_headline(s, h, sizeof h);
			t->series++;
			if (any) {
				t->marked_series++;
				if (says_any(h, calm, sizeof calm / sizeof *calm)) {
					t->calm_over_marks++;
					fprintf(stderr, "# %s %s: %s\n", cfg.dyads[d].id, s->def->key, h);
				}
			} else if (says_any(h, claim, sizeof claim / sizeof *claim)) {
				t->claim_without_marks++;
				fprintf(stderr, "# %s %s: %s\n", cfg.dyads[d].id, s->def->key, h);
			}
			free(pt);
		}
	dr_metrics_free(m);
	dr_config_free(&cfg);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	char config[1024];
	snprintf(config, sizeof config, "%s/sample-data/site.ini", top && *top ? top : ".");
	static const enum dr_spc_rules rules[] = { DR_SPC_MDC7, DR_SPC_ANHOEJ };
	static const struct dr_privacy audience[] = { { 5, 0 }, { 5, 11 } };
	static const char *const audience_name[] = { "internal", "public" };
	for (size_t r = 0; r < 2; r++)
		for (size_t a = 0; a < 2; a++) {
			struct tally t = { 0 };
			char name[160];
			check(config, rules[r], &audience[a], &t);
			snprintf(name, sizeof name, "%s, %s: every metric of every dyad has a series (%ld)",
			         dr_spc_rules_name(rules[r]), audience_name[a], t.series);
			tap_ok(t.series >= 3 * 20, name);
			snprintf(name, sizeof name, "%s, %s: some series are marked (%ld), some provisional (%ld)",
			         dr_spc_rules_name(rules[r]), audience_name[a], t.marked_series, t.provisional);
			tap_ok(t.marked_series > 0 && t.provisional > 0, name);
			snprintf(name, sizeof name, "%s, %s: no provisional point has a signal or a mark",
			         dr_spc_rules_name(rules[r]), audience_name[a]);
			tap_int(t.bad_provisional, 0, name);
			snprintf(name, sizeof name, "%s, %s: no headline says normal variation over marks",
			         dr_spc_rules_name(rules[r]), audience_name[a]);
			tap_int(t.calm_over_marks, 0, name);
			snprintf(name, sizeof name, "%s, %s: no headline claims a change no mark shows",
			         dr_spc_rules_name(rules[r]), audience_name[a]);
			tap_int(t.claim_without_marks, 0, name);
		}
	return tap_done();
}
