/*
 * write-metrics.c -- one dyad's metrics.csv, long format (doc/guide.md, "What a run writes"):
 * dyad, metric, breakdown, key, month, value, numerator, denominator,
 * center, lower, upper, signal, then the SPC detail columns, then the
 * meeting loop's comment and open_actions.
 *
 * Rows: every loaded metric's monthly (or wave) series with breakdown
 * "total"; then every breakdown the template's pages show (tables and
 * breakdown charts), one row per group and measure plus the "all" group,
 * month "YYYY-MM" or "YYYY-MM..YYYY-MM" for the window; then the
 * per-group series of small-multiples pages. A series month without a
 * value (missing, or n = 0) still carries its phase's centre, and its
 * limits where they do not depend on n (spc.h), as qicharts2 and
 * NHSRplotthedots return them; its signal is 0. Hidden values are empty
 * cells with suppressed = yes, and a hidden month has no centre or limits
 * either. In a public run numerators and denominators are left empty too,
 * so no count can be read off a rate.
 *
 * The meeting loop (commentary.h): on each metric's "total" row of the
 * period holding the report month (the month itself; for a survey metric
 * the wave holding it), comment is the dyad's comment on the metric for
 * the report month and open_actions the number of its actions open then;
 * both are empty on every other row, and on every row when no
 * [input] commentary is configured. A public run reads the commentary
 * public_only, so an internal comment or action never reaches its CSV.
 * The comment is free text: write-csv.c quotes it and guards a formula.
 *
 * Starts with a UTF-8 BOM when [output] csv_bom = yes. Written atomically
 * (write.h). Never: prints a row's value.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/config.h"
#include "dyadreport/metric.h"
#include "dyadreport/packet.h"
#include "dyadreport/write.h"

static const char *const head[] = {
	"dyad", "metric", "breakdown", "key", "month", "value", "numerator", "denominator", "center",
	"lower", "upper", "signal", "signal_type", "point_type", "phase", "rules", "chart",
	"runs_signal", "variation_icon", "assurance", "provisional", "suppressed", "comment",
	"open_actions",
};

struct out {
	FILE *fp;
	int col;
	const char *dyad;
	bool public_;
	const struct dr_commentary *commentary;     /* NULL: not configured */
	size_t d;                                   /* the dyad's index */
	dr_month report_month;
};

/* The index of the last point of s whose period starts at or before the
 * report month (the month itself, or the survey wave holding it), or
 * s->n when there is none. */
static size_t report_point(const struct out *o, const struct dr_series *s)
{
	size_t at = s->n;
	for (size_t i = 0; i < s->n; i++)
		if (s->period[i] <= o->report_month)
			at = i;
	return at;
}

/* The comment and open_actions cells of a row: filled on the report
 * point of a dyad's own series, empty otherwise. */
static void loop_cells(struct out *o, const struct dr_series *s, bool report_row)
{
	if (!o->commentary || !report_row) {
		dr_csv_text(o->fp, &o->col, "");
		dr_csv_num(o->fp, &o->col, NAN);
		return;
	}
	dr_csv_text(o->fp, &o->col, dr_commentary_comment(o->commentary, o->d, s->def->id,
	                                                  o->report_month, o->public_));
	dr_csv_num(o->fp, &o->col, (double)dr_commentary_open_count(o->commentary, o->d,
	                                                            o->report_month, s->def->id,
	                                                            o->public_));
}

/* One series' rows under breakdown by and group key; own is the dyad's
 * own series (breakdown "total"), the one that carries the loop. */
static void series_rows(struct out *o, const struct dr_series *s, const char *by, const char *key,
                        bool own)
{
	size_t report = own ? report_point(o, s) : s->n;
	for (size_t i = 0; i < s->n; i++) {
		char mo[16];
		const struct dr_spc_point *p = &s->spc[i];
		bool anhoej = s->rules == DR_SPC_ANHOEJ;
		dr_month_format(s->period[i], mo, sizeof mo);
		dr_csv_text(o->fp, &o->col, o->dyad);
		dr_csv_text(o->fp, &o->col, s->def->key);
		dr_csv_text(o->fp, &o->col, by);
		dr_csv_text(o->fp, &o->col, key);
		dr_csv_text(o->fp, &o->col, mo);
		dr_csv_num(o->fp, &o->col, s->value[i]);
		dr_csv_num(o->fp, &o->col, o->public_ && s->def->kind != DR_KIND_COUNT ? NAN : s->num[i]);
		dr_csv_num(o->fp, &o->col, o->public_ ? NAN : s->den[i]);
		/* A month without a value keeps its phase's centre and constant
		 * limits (spc.h); a hidden one carries no number at all. */
		bool hidden = s->suppressed[i];
		dr_csv_num(o->fp, &o->col, hidden ? NAN : p->cl);
		dr_csv_num(o->fp, &o->col, hidden ? NAN : p->lcl);
		dr_csv_num(o->fp, &o->col, hidden ? NAN : p->ucl);
		dr_csv_num(o->fp, &o->col, p->signal != DR_SIGNAL_NONE);
		dr_csv_text(o->fp, &o->col, dr_spc_signal_name(p->signal));
		dr_csv_text(o->fp, &o->col, dr_spc_point_type_name(p->type));
		dr_csv_num(o->fp, &o->col, p->phase);
		dr_csv_text(o->fp, &o->col, dr_spc_rules_name(s->rules));
		dr_csv_text(o->fp, &o->col, dr_spc_chart_name(s->chart));
		dr_csv_num(o->fp, &o->col, anhoej ? p->runs.signal : NAN);
		dr_csv_text(o->fp, &o->col, dr_spc_point_type_name(s->summary.variation));
		dr_csv_text(o->fp, &o->col, dr_spc_assurance_name(s->summary.assurance));
		dr_csv_text(o->fp, &o->col, s->provisional[i] ? "yes" : "no");
		dr_csv_text(o->fp, &o->col, s->suppressed[i] ? "yes" : "no");
		loop_cells(o, s, i == report);
		dr_csv_end(o->fp, &o->col);
	}
}

/* One group's rows of breakdown table t. */
static void group_rows(struct out *o, const struct dr_breakdown_table *t, const struct dr_group *g,
                       const char *when)
{
	for (size_t mi = 0; mi < t->nmeasure; mi++) {
		const struct dr_cell_value *v = &g->v[mi];
		bool count = t->measure[mi].unit == DR_UNIT_COUNT;
		dr_csv_text(o->fp, &o->col, o->dyad);
		dr_csv_text(o->fp, &o->col, t->measure[mi].key);
		dr_csv_text(o->fp, &o->col, dr_breakdown_name(t->by));
		dr_csv_text(o->fp, &o->col, g->key);
		dr_csv_text(o->fp, &o->col, when);
		dr_csv_num(o->fp, &o->col, g->hidden ? NAN : v->value);
		dr_csv_num(o->fp, &o->col, g->hidden || (o->public_ && !count) ? NAN : v->num);
		dr_csv_num(o->fp, &o->col, g->hidden || o->public_ ? NAN : v->den);
		for (int k = 0; k < 3; k++)         /* center, lower, upper */
			dr_csv_num(o->fp, &o->col, NAN);
		for (int k = 0; k < 9; k++)         /* signal .. assurance: no SPC for a group */
			dr_csv_text(o->fp, &o->col, "");
		dr_csv_text(o->fp, &o->col, t->provisional ? "yes" : "no");
		dr_csv_text(o->fp, &o->col, g->hidden ? "yes" : "no");
		loop_cells(o, NULL, false);
		dr_csv_end(o->fp, &o->col);
	}
}

/* Every group of a breakdown table, and the whole dyad as key "all". */
static void table_rows(struct out *o, const struct dr_breakdown_table *t)
{
	char when[40], a[16], b[16];
	dr_month_format(t->from, a, sizeof a);
	dr_month_format(t->to, b, sizeof b);
	if (t->from == t->to)
		snprintf(when, sizeof when, "%s", a);
	else
		snprintf(when, sizeof when, "%s..%s", a, b);
	for (size_t g = 0; g < t->ngroup; g++)
		group_rows(o, t, &t->group[g], when);
	group_rows(o, t, &t->total, when);
}

int dr_write_metrics_csv(const char *path, const struct dr_packet_input *in)
{
	struct dr_wfile w;
	if (dr_write_open(&w, path) != 0)
		return -1;
	struct out o = { .fp = w.fp, .dyad = in->cfg->dyads[in->dyad].id,
	                 .public_ = in->tpl->audience == DR_AUDIENCE_PUBLIC,
	                 .commentary = in->commentary, .d = in->dyad,
	                 .report_month = in->report_month };
	dr_csv_begin(o.fp, in->cfg->csv_bom);
	for (size_t i = 0; i < DR_NELEM(head); i++)
		dr_csv_text(o.fp, &o.col, head[i]);
	dr_csv_end(o.fp, &o.col);
	for (int id = 0; id < DR_NMETRICS; id++) {
		const struct dr_series *s = dr_metrics_series(in->metrics, in->dyad, id);
		if (s)
			series_rows(&o, s, "total", "", true);
	}

	/* Each (breakdown, window, month) and (breakdown, metric) once. */
	struct done { enum dr_breakdown by; enum dr_window w; dr_month at; int metric; } done[64];
	size_t ndone = 0;
	for (size_t i = 0; i < in->tpl->npages; i++) {
		const struct dr_template_page *pg = &in->tpl->pages[i];
		enum dr_breakdown by = pg->kind == DR_PAGE_PROVIDER_TABLE ? DR_BY_PROVIDER : pg->by;
		if (by == DR_BY_NONE || (pg->kind != DR_PAGE_TABLE && pg->kind != DR_PAGE_CHART &&
		                         pg->kind != DR_PAGE_PROVIDER_TABLE))
			continue;
		bool multiples = pg->kind == DR_PAGE_CHART && pg->chart == DR_CHART_MULTIPLES;
		bool waves = pg->kind == DR_PAGE_CHART && pg->chart == DR_CHART_GROUPED;
		for (int k = waves ? 3 : 0; k >= 0; k--) {
			enum dr_window win = waves ? DR_WINDOW_WAVE : pg->window;
			dr_month at = waves ? in->report_month - in->report_month % 3 - 3 * k
			              : win == DR_WINDOW_WAVE
			              ? dr_metrics_latest_wave(in->metrics, in->dyad, in->report_month)
			              : in->report_month;
			int metric = multiples && pg->nmetrics ? (int)pg->metrics[0] : -1;
			size_t j = 0;
			while (j < ndone && !(done[j].by == by && done[j].w == win && done[j].at == at &&
			                      done[j].metric == metric))
				j++;
			if (j < ndone || ndone == DR_NELEM(done))
				continue;
			done[ndone++] = (struct done){ by, win, at, metric };
			if (multiples) {
				size_t n = 0;
				const char *const *labels = NULL;
				const struct dr_series *s = dr_metrics_group_series(in->metrics, in->dyad, by,
				                                                    (enum dr_metric_id)metric, &n,
				                                                    &labels);
				for (size_t g = 0; s && g < n; g++)
					series_rows(&o, &s[g], dr_breakdown_name(by), labels[g], false);
				continue;
			}
			struct dr_breakdown_table *t = dr_metrics_breakdown(in->metrics, in->dyad, by, win, at);
			if (t)
				table_rows(&o, t);
			dr_breakdown_free(t);
		}
	}
	return dr_write_commit(&w);
}
