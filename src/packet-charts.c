/*
 * packet-charts.c -- the chart-grid and chart page kinds, and every chart
 * a template page draws, built once for the PDF and the PNG/SVG files.
 *
 * build() turns a template page (and, on a chart grid, its k-th metric)
 * into a struct dr_chart with its storage, a file stem, a plain-language
 * headline and the privacy note of what was hidden:
 *   spc, tile, sparkline  the dyad's series of the metric (chart-model.c)
 *   bar                   a breakdown's groups, one measure, with n and the
 *                         dyad's overall value as the reference line
 *   pareto                a breakdown's counts (reasons, services), hidden ones
 *                         as one "Other, hidden (k)" bar, shares of the whole
 *   heatmap               the payer x reason grid
 *   multiples             the metric's series per department / handoff type
 *   grouped               a survey measure per role / department over the
 *                         last four waves
 *   funnel                a breakdown's groups' rate (numerator over
 *                         denominator) against its denominator, judged by
 *                         funnel.h around the pooled rate; hidden groups
 *                         and a summed "Other" are not plotted and the
 *                         caption says so; a rate on fewer than
 *                         min_denominator cases is plotted grey and not
 *                         judged (it stays in the pooled rate); labels only where the audience
 *                         may read a group's name (never a provider or payer
 *                         in public)
 * Headlines only ever quote values that are shown. Under the headline, the
 * dyad's comment on the chart's metric for the report month (commentary.h;
 * public rows only in a public template), set apart and attributed; a
 * stamped chart file carries it too (chart-stamp.c). Never: prints.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-int.h"

#define WAVES 4

/* A chart built from a template page, with the storage it points into. */
struct page_chart {
	struct dr_chart c;
	char stem[160];
	char title[256];
	char subtitle[256];
	char reflabel[160];
	char footnote[320];
	char headline[640];
	size_t nhidden;
	const char *why;
	const struct dr_series *series;     /* spc, tile, sparkline */
	enum dr_metric_id metric;           /* the metric drawn (for its comment);
	                                     * DR_NMETRICS: a measure that is none */
	struct dr_chart_point *pt;
	struct dr_chart_bar *bar;
	struct dr_chart_cell *cell;
	const char **rowl, **coll;
	char (*wave)[16];
	struct dr_chart_panel *panel;
	struct dr_chart_point *panel_pt;
	struct dr_breakdown_table *table[WAVES];
	struct dr_chart_funnel_point *fpt;  /* funnel */
	struct dr_funnel funnel;
	char xlabel[160];
};

static void page_chart_free(struct page_chart *pc)
{
	free(pc->pt);
	free(pc->bar);
	free(pc->cell);
	free(pc->rowl);
	free(pc->coll);
	free(pc->wave);
	free(pc->panel);
	free(pc->panel_pt);
	free(pc->fpt);
	for (int i = 0; i < WAVES; i++)
		dr_breakdown_free(pc->table[i]);
}

/* The measure a breakdown page shows: its `metrics =` key, else the
 * fallback key when the breakdown has it, else its first measure. */
static int page_measure(const struct dr_template_page *pg, const char *fallback)
{
	int i = pg->nmeasures ? pg->measures[0] : -1;
	if (i < 0 && fallback)
		i = dr_breakdown_measure_find(pg->by, fallback);
	return i < 0 ? 0 : i;
}


/* Whether g sums several groups ("Other (N)", or keys past the cap): a
 * headline never names it as the largest. */
static bool is_other(const struct dr_group *g)
{
	return strcmp(g->key, "other") == 0 || strcmp(g->key, "more") == 0;
}

/* The chart's own small type also says how many points were hidden, so a
 * PNG taken alone to a slide explains its gaps. */
static void footnote_hidden(struct page_chart *pc)
{
	if (!pc->nhidden)
		return;
	if (pc->series && pc->series->too_hidden) {
		/* No centre or limits are drawn: the rule set's formula would mislead. */
		snprintf(pc->footnote, sizeof pc->footnote, "%zu of %zu %s hidden for privacy (gaps): too "
		         "many to draw a centre line or limits from the rest", pc->nhidden, pc->series->n,
		         pc->c.period == DR_PERIOD_QUARTER ? "waves" : "months");
		pc->c.footnote = pc->footnote;
		return;
	}
	snprintf(pc->footnote, sizeof pc->footnote, "%s%s%zu %s hidden for privacy (gaps)",
	         pc->c.footnote ? pc->c.footnote : "", pc->c.footnote ? " \xC2\xB7 " : "", pc->nhidden,
	         pc->c.period == DR_PERIOD_QUARTER ? (pc->nhidden == 1 ? "wave" : "waves")
	                                           : (pc->nhidden == 1 ? "month" : "months"));
	pc->c.footnote = pc->footnote;
}

/* Target and direction of a measure that is a metric of the config. */
static void measure_target(const struct dr_packet_input *in, const char *key, struct dr_chart *c)
{
	const struct dr_metric_def *def = dr_metric_find(key);
	const struct dr_target *t = dr_config_target(in->cfg, key);
	c->better = t ? t->better : def ? def->better : 0;
	c->has_target = t && t->has_value;
	c->target = c->has_target ? t->value : NAN;
}

/*
 * A Pareto with hidden categories: they become one grey "Other, hidden (k)"
 * bar, the window's total minus the shown counts, so the bars and the
 * cumulative share are of the whole, never of what is shown. When that sum
 * is itself a small cell (1 .. small_cells_below - 1), the smallest shown
 * categories join it until it is not, or none is left: no figure of a
 * small cell is printed, and none can be worked out. The complementary
 * rule already left two or more categories hidden, so the sum gives none
 * of them away. Returns the whole (NAN when the total is itself hidden:
 * then no bar is added and no share is claimed); *nbar grows by the bar.
 */
static double hidden_other(const struct dr_packet_input *in, struct page_chart *pc,
                           const struct dr_breakdown_table *t, int mi, size_t *nbar)
{
	double whole = t->total.hidden ? NAN : t->total.v[mi].value;
	size_t nhid = 0;
	if (!isfinite(whole))
		return NAN;
	for (size_t i = 0; i < *nbar; i++)
		nhid += pc->bar[i].hidden;
	if (nhid == 0)
		return whole;
	double sum = whole;
	for (size_t i = 0; i < *nbar; i++)
		if (!pc->bar[i].hidden && isfinite(pc->bar[i].value))
			sum -= pc->bar[i].value;
	while (sum > 0 && dr_suppress_small(sum, in->privacy.small_cells_below)) {
		size_t pick = *nbar;
		for (size_t i = 0; i < *nbar; i++)
			if (!pc->bar[i].hidden && isfinite(pc->bar[i].value) &&
			    (pick == *nbar || pc->bar[i].value <= pc->bar[pick].value))
				pick = i;
		if (pick == *nbar)
			break;
		sum += pc->bar[pick].value;
		pc->bar[pick] = (struct dr_chart_bar){ .label = pc->bar[pick].label, .value = NAN, .n = NAN,
		                                       .hidden = true };
		pc->nhidden++;
		nhid++;
	}
	snprintf(pc->reflabel, sizeof pc->reflabel, "Other, hidden (%zu)", nhid);
	pc->bar[(*nbar)++] = (struct dr_chart_bar){ .label = pc->reflabel, .value = sum, .n = NAN,
	                                            .other = true };
	return whole;
}

/* Whether cell v of measure m is a rate on fewer than min_denominator cases. */
static bool small_rate(const struct dr_packet_input *in, const struct dr_measure *m,
                       const struct dr_cell_value *v)
{
	return !isnan(v->value) && dr_rate_small_n(dr_metric_find(m->key), v->den,
	                                            in->cfg->min_denominator);
}

/* Whether group i of table t may lead a bar chart's headline for measure
 * mi in pass 0 (a percentage on 10 or more cases) or pass 1 (any): shown,
 * not the hidden groups' "Other", a value, and not a rate on too few
 * cases. */
static bool may_lead(const struct dr_packet_input *in, const struct page_chart *pc,
                     const struct dr_breakdown_table *t, size_t i, int mi, int pass)
{
	const struct dr_measure *m = &t->measure[mi];
	const struct dr_group *g = &t->group[i];
	return !pc->bar[i].hidden && !is_other(g) && !isnan(g->v[mi].value) &&
	       !small_rate(in, m, &g->v[mi]) && (pass || m->unit != DR_UNIT_PERCENT || g->n >= 10);
}

/* A bar or Pareto chart of measure mi of table t. */
static void bars(const struct dr_packet_input *in, struct page_chart *pc, struct dr_breakdown_table *t,
                 int mi, enum dr_chart_kind kind)
{
	const struct dr_measure *m = &t->measure[mi];
	char when[64], v[64];
	pc->bar = dr_xcalloc(t->ngroup + 1, sizeof *pc->bar);
	for (size_t i = 0; i < t->ngroup; i++) {
		const struct dr_group *g = &t->group[i];
		/* A bar's n is what its own value rests on: a rate's denominator
		 * (decided requests, not every request), a median's values. */
		double n = dr_metric_find(m->key) && isfinite(g->v[mi].den) ? g->v[mi].den : g->n;
		pc->bar[i] = (struct dr_chart_bar){ .label = g->label, .value = g->v[mi].value,
		                                    .n = kind == DR_CHART_BAR ? n : NAN,
		                                    .hidden = g->hidden,
		                                    .small_n = kind == DR_CHART_BAR && !g->hidden &&
		                                               small_rate(in, m, &g->v[mi]) };
	}
	size_t nbar = t->ngroup;
	pc->nhidden = t->nhidden;
	double whole = kind == DR_CHART_PARETO && m->unit == DR_UNIT_COUNT
	               ? hidden_other(in, pc, t, mi, &nbar) : NAN;
	pc->c.kind = kind;
	pc->c.bar = pc->bar;
	pc->c.nbar = nbar;
	pc->c.unit = m->unit;
	pc->c.reference = NAN;
	if (kind == DR_CHART_BAR && !t->total.hidden && m->unit != DR_UNIT_COUNT &&
	    strcmp(m->key, "share") != 0 && !isnan(t->total.v[mi].value)) {
		dr_chart_format_value(m->unit, t->total.v[mi].value, -1, v, sizeof v);
		snprintf(pc->reflabel, sizeof pc->reflabel, "All %s", v);
		pc->c.reference = t->total.v[mi].value;
		pc->c.reference_label = pc->reflabel;
	}
	measure_target(in, m->key, &pc->c);
	dr_packet_window_words(t, when, sizeof when);
	snprintf(pc->subtitle, sizeof pc->subtitle, "%s, %s%s", m->label, when,
	         t->provisional ? " (provisional: requests still pending)" : "");
	pc->c.subtitle = pc->subtitle;
	pc->why = t->hidden_why;

	/* Headline: the largest shown value against the whole dyad. */
	/* A rate of a handful of requests is no headline: groups of 10 or
	 * more come first, and a rate on fewer than min_denominator cases
	 * never does. */
	const struct dr_group *top = NULL;
	size_t nsmall = 0;
	int pass;
	for (pass = 0; pass < 2 && !top; pass++)
		for (size_t i = 0; i < t->ngroup; i++) {
			nsmall += pass == 0 && !t->group[i].hidden && small_rate(in, m, &t->group[i].v[mi]);
			if (may_lead(in, pc, t, i, mi, pass) &&
			    (!top || t->group[i].v[mi].value > top->v[mi].value))
				top = &t->group[i];
		}
	if (!top && nsmall) {
		snprintf(pc->headline, sizeof pc->headline, "%s, %s: every group rests on fewer than %d "
		         "cases, too few to compare.", m->label, when, in->cfg->min_denominator);
		return;
	}
	if (!top) {
		if (t->nhidden > 0 && t->nhidden == t->ngroup)
			snprintf(pc->headline, sizeof pc->headline, "%s, %s: every group is hidden to protect "
			         "privacy (small numbers), so none can be shown.", m->label, when);
		else
			snprintf(pc->headline, sizeof pc->headline, "%s, %s: no value to show.", m->label, when);
		return;
	}
	/* Lead time is one distribution: say where the waits lie. */
	if (kind == DR_CHART_BAR &&
	    dr_lead_time_headline(t, mi, when, pc->headline, sizeof pc->headline))
		return;
	dr_chart_format_value(m->unit, top->v[mi].value, -1, v, sizeof v);
	/* Groups showing the same value as the top one share first place: a
	 * headline naming one of them would rank what the chart shows level. */
	const char *lead[2] = { top->label, NULL };
	size_t nlead = 0;
	for (size_t i = 0; i < t->ngroup; i++) {
		char w[64];
		if (!may_lead(in, pc, t, i, mi, pass - 1))
			continue;
		dr_chart_format_value(m->unit, t->group[i].v[mi].value, -1, w, sizeof w);
		if (strcmp(w, v) == 0 && nlead++ < 2)
			lead[nlead - 1] = t->group[i].label;
	}
	char leaders[160];
	if (nlead == 2)
		snprintf(leaders, sizeof leaders, "%s and %s", lead[0], lead[1]);
	else if (nlead > 2)
		snprintf(leaders, sizeof leaders, "%zu %s", nlead,
		         kind == DR_CHART_PARETO ? "categories" : "groups");
	else
		snprintf(leaders, sizeof leaders, "%s", top->label);
	/* "A came first with" or "A and B came first together, each with" */
	const char *with = nlead > 1 ? " together, each with" : " with";
	const char *at = nlead > 1 ? ", each at" : " at";
	if (kind == DR_CHART_PARETO) {
		/* A share is of the whole, hidden categories included; without
		 * the whole (itself hidden) no share is claimed. */
		char all[64];
		if (!(whole > 0)) {
			snprintf(pc->headline, sizeof pc->headline, "%s: %s came first%s %s.", when, leaders,
			         with, v);
			return;
		}
		dr_chart_format_value(m->unit, whole, -1, all, sizeof all);
		snprintf(pc->headline, sizeof pc->headline, "%s: %s came first%s %s of %s, %.0f%% of the "
		         "whole.", when, leaders, with, v, all, 100 * top->v[mi].value / whole);
		return;
	}
	if (!isnan(pc->c.reference))
		snprintf(pc->headline, sizeof pc->headline, "%s: highest for %s%s %s, against %s for the "
		         "whole dyad.", when, leaders, at, v, pc->reflabel + 4);
	else
		snprintf(pc->headline, sizeof pc->headline, "%s: highest for %s%s %s.", when, leaders, at, v);
}

/* The groups' word in the plural, for a funnel's headline. */
static const char *groups_word(enum dr_breakdown by)
{
	switch (by) {
	case DR_BY_PROVIDER: return "providers";
	case DR_BY_PAYER: return "payers";
	case DR_BY_HANDOFF_TYPE: return "handoff types";
	case DR_BY_SERVICE: return "services";
	default: return "departments";
	}
}

/*
 * A funnel of measure mi of table t (a proportion: its groups' numerators
 * and denominators). Hidden groups and a summed "Other" are left out and
 * counted in the caption; a group without cases is left out. When
 * dr_funnel_judge fails (no group with cases) the chart says no comparison
 * is possible.
 */
static void funnel(const struct dr_packet_input *in, struct page_chart *pc,
                   const struct dr_breakdown_table *t, int mi)
{
	const struct dr_measure *m = &t->measure[mi];
	const struct dr_metric_def *def = dr_metric_find(m->key);
	size_t ng = t->ngroup, k = 0, other = 0;
	double *y = dr_xcalloc(ng + 1, sizeof *y), *n = dr_xcalloc(ng + 1, sizeof *n);
	struct dr_funnel_point *fp = dr_xcalloc(ng + 1, sizeof *fp);
	pc->fpt = dr_xcalloc(ng + 1, sizeof *pc->fpt);
	for (size_t i = 0; i < ng; i++) {
		const struct dr_group *g = &t->group[i];
		const struct dr_cell_value *v = &g->v[mi];
		if (g->hidden)
			continue;
		if (is_other(g)) {
			other++;
			continue;
		}
		if (!isfinite(v->num) || !isfinite(v->den) || !(v->den > 0))
			continue;
		y[k] = v->num;
		n[k] = v->den;
		pc->fpt[k] = (struct dr_chart_funnel_point){ .label = g->label, .n = v->den,
		                                             .rate = v->num / v->den,
		                                             .small_n = small_rate(in, m, v) };
		k++;
	}
	bool ok = k > 0 && dr_funnel_judge(y, n, k, def && def->kind != DR_KIND_PROPORTION
	                                   ? DR_FUNNEL_POISSON : DR_FUNNEL_PROPORTION,
	                                   DR_FUNNEL_OD_AUTO, NAN, &pc->funnel, fp) == 0;
	for (size_t i = 0; ok && i < k; i++) {
		pc->fpt[i].rate = fp[i].rate;
		pc->fpt[i].flag = fp[i].flag;
	}
	free(y);
	free(n);
	free(fp);
	pc->nhidden = t->nhidden;
	pc->why = t->hidden_why;
	pc->c.kind = DR_CHART_FUNNEL;
	pc->c.unit = m->unit;
	pc->c.fpt = pc->fpt;
	pc->c.nfpt = k;
	pc->c.funnel = ok ? &pc->funnel : NULL;
	pc->c.funnel_hidden = t->nhidden;
	pc->c.funnel_min_den = in->cfg->min_denominator;
	pc->c.funnel_labels = !(in->tpl->audience == DR_AUDIENCE_PUBLIC &&
	                        (t->by == DR_BY_PROVIDER || t->by == DR_BY_PAYER ||
	                         t->by == DR_BY_SERVICE));
	measure_target(in, m->key, &pc->c);
	pc->c.has_target = false;       /* the funnel's target is the pooled rate */
	pc->c.target = NAN;
	const char *den = def && def->denominator ? def->denominator : "cases";
	snprintf(pc->xlabel, sizeof pc->xlabel, "%c%s (n)",
	         *den >= 'a' && *den <= 'z' ? *den - 'a' + 'A' : *den, den + 1);
	pc->c.x_label = pc->xlabel;
	pc->c.y_label = m->label;
	char when[64];
	dr_packet_window_words(t, when, sizeof when);
	snprintf(pc->subtitle, sizeof pc->subtitle, "%s against %s, %s%s", m->label, den, when,
	         t->provisional ? " (provisional: requests still pending)" : "");
	pc->c.subtitle = pc->subtitle;
	dr_chart_funnel_caption(pc->c.funnel, t->nhidden, pc->footnote, sizeof pc->footnote);
	if (other) {
		size_t len = strlen(pc->footnote);
		snprintf(pc->footnote + len, sizeof pc->footnote - len, " \xC2\xB7 \"Other\" (several "
		         "groups summed) not plotted");
	}
	pc->c.footnote = pc->footnote;
	char head[512];
	dr_headline_funnel(&pc->c, groups_word(t->by), head, sizeof head);
	if (head[0] >= 'A' && head[0] <= 'Z' && head[1] != ' ')
		head[0] = (char)(head[0] - 'A' + 'a');  /* after a colon */
	snprintf(pc->headline, sizeof pc->headline, "%s, %s: %s", m->label, when, head);
}

/* The payer x reason heatmap of table t. */
static void heatmap(struct page_chart *pc, struct dr_breakdown_table *t)
{
	size_t nr = t->ngroup, nc = t->ncol;
	char when[64];
	pc->cell = dr_xcalloc(nr * nc > 0 ? nr * nc : 1, sizeof *pc->cell);
	pc->rowl = dr_xcalloc(nr ? nr : 1, sizeof *pc->rowl);
	const struct dr_group *topg = NULL;
	size_t topc = 0;
	double best = -1;
	for (size_t r = 0; r < nr; r++) {
		pc->rowl[r] = t->group[r].label;
		for (size_t c = 0; c < nc; c++) {
			const struct dr_cell_value *v = &t->cell[r * nc + c];
			bool hid = t->cell_hidden && t->cell_hidden[r * nc + c];
			pc->cell[r * nc + c] = (struct dr_chart_cell){ .value = hid ? NAN : v->value,
			                                               .hidden = hid };
			if (!hid && !is_other(&t->group[r]) && !isnan(v->value) && v->value > best) {
				best = v->value;
				topg = &t->group[r];
				topc = c;
			}
		}
	}
	pc->c.kind = DR_CHART_HEATMAP;
	pc->c.unit = DR_UNIT_COUNT;
	pc->c.grid = (struct dr_chart_grid){ .nrow = nr, .ncol = nc, .row = pc->rowl,
	                                     .col = t->col_label, .cell = pc->cell };
	dr_packet_window_words(t, when, sizeof when);
	snprintf(pc->subtitle, sizeof pc->subtitle, "Denied requests by payer and reason, %s", when);
	pc->c.subtitle = pc->subtitle;
	pc->nhidden = t->nhidden;
	pc->why = t->hidden_why;
	/* Cells level with the top one share first place (counts: exact). */
	size_t ntop = 0, r2 = 0, c2 = 0;
	for (size_t k = 0; topg && k < nr * nc; k++) {
		const struct dr_chart_cell *cell = &pc->cell[k];
		if (!cell->hidden && !is_other(&t->group[k / nc]) && cell->value == best &&
		    ntop++ == 1) {
			r2 = k / nc;
			c2 = k % nc;
		}
	}
	if (topg && ntop == 2)
		snprintf(pc->headline, sizeof pc->headline, "%s: the most denials were %s for %s and %s "
		         "for %s (%.0f each).", when, t->col_label[topc], topg->label, t->col_label[c2],
		         t->group[r2].label, best);
	else if (topg && ntop > 2)
		snprintf(pc->headline, sizeof pc->headline, "%s: the most denials for one payer and "
		         "reason were %.0f, in %zu pairs.", when, best, ntop);
	else if (topg)
		snprintf(pc->headline, sizeof pc->headline, "%s: the most denials were %s for %s (%.0f).",
		         when, t->col_label[topc], topg->label, best);
	else
		snprintf(pc->headline, sizeof pc->headline, "No denials to show for %s.", when);
}

/* Small multiples of metric id per group of breakdown by. */
static bool multiples(const struct dr_packet_input *in, struct page_chart *pc, enum dr_breakdown by,
                      enum dr_metric_id id)
{
	size_t n = 0;
	const char *const *labels = NULL;
	const struct dr_series *s = dr_metrics_group_series(in->metrics, in->dyad, by, id, &n, &labels);
	const struct dr_metric_def *def = dr_metric_def(id);
	if (!s)
		return false;
	size_t total = 0;
	for (size_t g = 0; g < n; g++)
		total += s[g].n;
	pc->panel = dr_xcalloc(n ? n : 1, sizeof *pc->panel);
	pc->panel_pt = dr_xcalloc(total ? total : 1, sizeof *pc->panel_pt);
	size_t off = 0;
	for (size_t g = 0; g < n; g++) {
		struct dr_chart tmp = { 0 };
		dr_chart_from_series(&s[g], &tmp, pc->panel_pt + off);
		pc->panel[g] = (struct dr_chart_panel){ .label = labels[g], .n = s[g].n,
		                                        .pt = pc->panel_pt + off };
		off += s[g].n;
		for (size_t i = 0; i < s[g].n; i++)
			pc->nhidden += s[g].suppressed[i];
	}
	pc->c.kind = DR_CHART_MULTIPLES;
	pc->c.panel = pc->panel;
	pc->c.npanel = n;
	pc->c.unit = def->unit;
	pc->c.period = def->period;
	pc->c.footnote = n ? dr_spc_describe(s[0].rules, s[0].chart) : NULL;
	measure_target(in, def->key, &pc->c);
	/* The definition is a sentence of its own (it may end in a full
	 * stop): never ".,", one full stop between the two. */
	size_t dlen = strlen(def->definition);
	while (dlen > 0 && (def->definition[dlen - 1] == '.' || def->definition[dlen - 1] == ' '))
		dlen--;
	snprintf(pc->subtitle, sizeof pc->subtitle, "%.*s. Each %s has its own centre and limits.",
	         (int)dlen, def->definition, by == DR_BY_DEPARTMENT ? "department" : "handoff type");
	pc->c.subtitle = pc->subtitle;
	pc->why = "each rests on 1 to 10 patients' records (CMS cell-size rule)";
	dr_headline_groups(def, s, n, labels, by == DR_BY_DEPARTMENT ? "department" : "handoff type",
	                   pc->headline, sizeof pc->headline);
	return true;
}

/* Grouped bars: measure mi of a survey breakdown over the last WAVES
 * waves that have respondents; false when none has. */
static bool grouped(const struct dr_packet_input *in, struct page_chart *pc,
                    const struct dr_template_page *pg)
{
	int mi = page_measure(pg, "burnout_share");
	const char *keys[64];
	size_t nkeys = 0, nwaves = 0;
	struct dr_breakdown_table *w[WAVES] = { 0 };
	pc->wave = dr_xcalloc(WAVES, sizeof *pc->wave);
	dr_month q = in->report_month - in->report_month % 3;
	for (int k = WAVES - 1; k >= 0; k--) {
		struct dr_breakdown_table *t = dr_metrics_breakdown(in->metrics, in->dyad, pg->by,
		                                                    DR_WINDOW_WAVE, q - 3 * k);
		if (!t)
			continue;
		if (t->ngroup == 0) {
			dr_breakdown_free(t);
			continue;
		}
		pc->table[nwaves] = w[nwaves] = t;
		dr_chart_month_label(t->from, DR_PERIOD_QUARTER, true, pc->wave[nwaves], sizeof pc->wave[0]);
		for (size_t g = 0; g < t->ngroup && nkeys < DR_NELEM(keys); g++) {
			size_t i = 0;
			while (i < nkeys && strcmp(keys[i], t->group[g].key) != 0)
				i++;
			if (i == nkeys)
				keys[nkeys++] = t->group[g].key;
		}
		pc->nhidden += t->nhidden;
		if (t->hidden_why)
			pc->why = t->hidden_why;
		nwaves++;
	}
	if (nwaves == 0)
		return false;
	pc->rowl = dr_xcalloc(nkeys ? nkeys : 1, sizeof *pc->rowl);
	pc->coll = dr_xcalloc(WAVES, sizeof *pc->coll);
	pc->cell = dr_xcalloc(nkeys * nwaves > 0 ? nkeys * nwaves : 1, sizeof *pc->cell);
	for (size_t c = 0; c < nwaves; c++)
		pc->coll[c] = pc->wave[c];
	const struct dr_measure *m = NULL;
	size_t nm;
	const struct dr_measure *ms = dr_breakdown_measures(pg->by, &nm);
	m = &ms[mi];
	for (size_t r = 0; r < nkeys; r++)
		for (size_t c = 0; c < nwaves; c++) {
			struct dr_chart_cell *cell = &pc->cell[r * nwaves + c];
			cell->value = NAN;
			for (size_t g = 0; g < w[c]->ngroup; g++) {
				const struct dr_group *gr = &w[c]->group[g];
				if (strcmp(gr->key, keys[r]) != 0)
					continue;
				pc->rowl[r] = gr->label;
				cell->hidden = gr->hidden;
				cell->value = gr->hidden ? NAN : gr->v[mi].value;
				/* A rate on too few respondents: grey with its n,
				 * never the highest in the headline. */
				cell->small_n = !gr->hidden && small_rate(in, m, &gr->v[mi]);
				cell->n = gr->v[mi].den;
			}
		}
	pc->c.kind = DR_CHART_GROUPED;
	pc->c.unit = m->unit;
	pc->c.period = DR_PERIOD_QUARTER;
	pc->c.grid = (struct dr_chart_grid){ .nrow = nkeys, .ncol = nwaves, .row = pc->rowl,
	                                     .col = pc->coll, .cell = pc->cell };
	measure_target(in, m->key, &pc->c);
	snprintf(pc->subtitle, sizeof pc->subtitle, "%s %s, last %zu survey waves", m->label,
	         pg->by == DR_BY_ROLE ? "by role" : "by department", nwaves);
	pc->c.subtitle = pc->subtitle;

	char when[64];
	dr_packet_window_words(w[nwaves - 1], when, sizeof when);      /* "Q4 2026" */
	dr_headline_grouped(m->label, when, m->unit, &pc->c.grid, in->cfg->min_denominator,
	                    pc->headline, sizeof pc->headline);
	return true;
}

/* The metric a breakdown's measure key is (initial_denial_rate by payer),
 * or DR_NMETRICS (denials, share). */
static enum dr_metric_id measure_metric(const char *key)
{
	const struct dr_metric_def *def = key ? dr_metric_find(key) : NULL;
	return def ? def->id : DR_NMETRICS;
}

/*
 * Builds the chart of template page pg (its k-th metric on a chart grid)
 * into pc. Returns false when there is nothing to draw (its extract was
 * not loaded); pc must be freed with page_chart_free either way.
 */
static bool build(const struct dr_packet_input *in, const struct dr_template_page *pg, size_t k,
                  struct page_chart *pc)
{
	memset(pc, 0, sizeof *pc);
	pc->metric = DR_NMETRICS;
	snprintf(pc->title, sizeof pc->title, "%s", pg->title);
	pc->c.title = pc->title;
	pc->c.y_axis = pg->y_axis;
	pc->c.reference = NAN;
	pc->c.target = NAN;
	enum dr_chart_kind kind = pg->kind == DR_PAGE_CHART_GRID ? DR_CHART_SPC : pg->chart;
	if (pg->kind == DR_PAGE_CHART_GRID || pg->by == DR_BY_NONE) {
		if (k >= pg->nmetrics)
			return false;
		const struct dr_series *s = dr_metrics_series(in->metrics, in->dyad, pg->metrics[k]);
		if (!s || s->n == 0)
			return false;
		pc->series = s;
		pc->metric = s->def->id;
		pc->pt = dr_xcalloc(s->n, sizeof *pc->pt);
		dr_chart_from_series(s, &pc->c, pc->pt);
		pc->c.kind = kind;
		if (pg->kind == DR_PAGE_CHART_GRID)
			pc->c.title = s->def->label;
		snprintf(pc->stem, sizeof pc->stem, "%s", s->def->key);
		(in->tpl->audience == DR_AUDIENCE_PUBLIC ? dr_headline_public : dr_headline)
			(s, pc->headline, sizeof pc->headline);
		if (in->tpl->audience == DR_AUDIENCE_PUBLIC) {  /* SPC terms: definitions page */
			pc->c.trial_limits = false;
			pc->c.footnote = NULL;
		}
		for (size_t i = 0; i < s->n; i++)
			pc->nhidden += s->suppressed[i];
		pc->why = s->def->extract == DR_BURNOUT ? "too few respondents or answers to show"
		          : "each rests on 1 to 10 patients' records (CMS cell-size rule)";
		footnote_hidden(pc);
		return true;
	}
	if (!in->quality->loaded[dr_breakdown_extract(pg->by)])
		return false;
	const char *measure = NULL;
	switch (kind) {
	case DR_CHART_MULTIPLES:
		snprintf(pc->stem, sizeof pc->stem, "%s-by-%s", dr_metric_def(pg->metrics[0])->key,
		         dr_breakdown_name(pg->by));
		if (!pg->nmetrics || !multiples(in, pc, pg->by, pg->metrics[0]))
			return false;
		pc->metric = pg->metrics[0];
		footnote_hidden(pc);
		return true;
	case DR_CHART_GROUPED:
		if (!grouped(in, pc, pg))
			return false;
		measure = dr_breakdown_measures(pg->by, &(size_t){ 0 })[page_measure(pg, "burnout_share")].key;
		pc->metric = measure_metric(measure);
		snprintf(pc->stem, sizeof pc->stem, "%s-by-%s", measure, dr_breakdown_name(pg->by));
		return true;
	default:
		break;
	}
	struct dr_breakdown_table *t = dr_metrics_breakdown(in->metrics, in->dyad, pg->by, pg->window,
	                                                    in->report_month);
	if (!t)
		return false;
	pc->table[0] = t;
	if (kind == DR_CHART_HEATMAP) {
		heatmap(pc, t);
		measure = "denials";
	} else if (kind == DR_CHART_FUNNEL) {
		int mi = page_measure(pg, NULL);
		funnel(in, pc, t, mi);
		measure = t->measure[mi].key;
		pc->metric = measure_metric(measure);
		snprintf(pc->stem, sizeof pc->stem, "%s-funnel-by-%s", measure, dr_breakdown_name(pg->by));
		return true;
	} else {
		int mi = page_measure(pg, kind == DR_CHART_PARETO ? "denials" : NULL);
		bars(in, pc, t, mi, kind == DR_CHART_PARETO ? DR_CHART_PARETO : DR_CHART_BAR);
		measure = t->measure[mi].key;
	}
	pc->metric = measure_metric(measure);
	snprintf(pc->stem, sizeof pc->stem, "%s-by-%s", measure, dr_breakdown_name(pg->by));
	return true;
}

/* The lines s takes wrapped to width (dr_draw_wrap), drawing nothing. */
static size_t wrapped_lines(const struct packet *p, double size, double width, const char *s)
{
	struct dr_draw measure = p->d;
	measure.page = NULL;
	double y = 0;
	return *s ? dr_draw_wrap_max(&measure, p->d.font, size, INK, 0, &y, width, 1, s, SIZE_MAX) : 0;
}

/*
 * The dyad's comment under a chart's headline, from baseline *y down in
 * the w-wide column at x, set apart from the generated words: a tinted
 * band with an accent rule on its left (artifacts) and in it one P,
 * "Dyad comment:" in bold, then the text as typed, in at most max_lines
 * lines (3 or more); a longer one is cut with an ellipsis and a line
 * saying where the full text is (the Actions page, when the template has
 * one). *y ends under the band.
 */
static void comment_block(struct packet *p, const char *comment, double x, double *y, double w,
                          size_t max_lines)
{
	static const char label[] = "Dyad comment: ";
	char *text = dr_packet_flat_text(comment);
	double size = fs(p, 8.5), lead = fs(p, 11), inset = fs(p, 7), pad = fs(p, 4);
	double tw = w - inset - fs(p, 4), lw = dr_hpdf_text_width(p->d.bold, size, label);
	size_t first = dr_packet_line_bytes(p->d.font, size, tw - lw, text);
	char head[1024];
	snprintf(head, sizeof head, "%.*s", (int)first, text);
	const char *rest = text + first;
	while (*rest == ' ')
		rest++;
	if (max_lines < 3)
		max_lines = 3;
	size_t need = 1 + wrapped_lines(p, size, tw, rest);
	bool cut = need > max_lines;
	size_t lines = cut ? max_lines : need;
	double top = *y + size * 0.8 + pad, bottom = *y - (double)(lines - 1) * lead - size * 0.3 - pad;
	dr_draw_box(&p->d, x, bottom, w, top - bottom, BAND);
	dr_draw_box(&p->d, x, bottom, fs(p, 2.5), top - bottom, ACCENT);
	double ty = *y;
	dr_draw_open(&p->d, "P");
	dr_draw_text(&p->d, p->d.bold, size, INK, x + inset, ty, DR_ALIGN_LEFT, label);
	if (*head)
		dr_draw_text(&p->d, p->d.font, size, INK, x + inset + lw, ty, DR_ALIGN_LEFT, head);
	ty -= lead;
	if (*rest)
		dr_draw_wrap_max(&p->d, p->d.font, size, INK, x + inset, &ty, tw, lead, rest,
		                 cut ? max_lines - 2 : need - 1);
	if (cut)        /* one line, cut to the band like the text above it */
		dr_draw_wrap_max(&p->d, p->d.font, size, MUTED, x + inset, &ty, tw, lead,
		                 dr_packet_has_actions(p->in->tpl) ? "(full text on the Actions page)"
		                                                  : "(shortened: the full text is in "
		                                                    "the commentary file)", 1);
	dr_draw_close(&p->d);
	*y = bottom - fs(p, 6);
	free(text);
}

/* A chart in the w x h box whose top-left is (x, p->y): its headline
 * (P), the dyad's comment on its metric for the report month (a P set
 * apart, comment_block), the chart (a Figure, its alternative text the
 * headline's), and under it what was hidden and why (P). */
static void chart_block(struct packet *p, struct page_chart *pc, double x, double w, double h)
{
	/* The headline takes at most a third of the box (the rest ends with an
	 * ellipsis), so a chart of a full grid keeps room to be drawn. */
	double y = p->y;
	size_t max_lines = (size_t)floor(h / 3 / fs(p, 13));
	if (p->pg->headline && *pc->headline && max_lines > 0) {
		dr_draw_open(&p->d, "P");
		dr_draw_wrap_max(&p->d, p->d.bold, fs(p, 10), INK, x, &y, w, fs(p, 13), pc->headline, max_lines);
		dr_draw_close(&p->d);
	}
	const char *comment = dr_packet_comment(p->in, pc->metric);
	if (comment) {
		/* A few lines, taken from the chart's height, never the margin. */
		double lines = floor(h / 5 / fs(p, 11));
		comment_block(p, comment, x, &y, w, lines > 5 ? 5 : lines < 3 ? 3 : (size_t)lines);
	}
	char note[512] = "";
	if (pc->nhidden) {
		bool points = pc->series || pc->c.kind == DR_CHART_MULTIPLES;
		dr_packet_hidden_words(pc->nhidden, !points ? "group" : pc->c.period == DR_PERIOD_QUARTER
		                       ? "wave" : "month", pc->why, note, sizeof note);
	}
	double lead = fs(p, 11);
	double note_h = *note ? lead * (1 + floor(dr_hpdf_text_width(p->d.font, fs(p, 8.5), note) / w)) +
	                        fs(p, 4) : 0;
	double chart_h = h - (p->y - y) - fs(p, 6) - note_h;
	pc->c.min_text = dr_packet_slide_min_text(p->in->tpl, p->d.ts);
	char alt[1024];
	dr_chart_alt(&pc->c, pc->headline, alt, sizeof alt);
	dr_draw_chart(&p->d, &pc->c, alt, x, y - chart_h, w, chart_h, true);
	if (*note) {
		double ny = y - chart_h - fs(p, 10);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, x, &ny, w, lead, note);
		dr_draw_close(&p->d);
	}
}

void dr_packet_chart_grid(struct packet *p)
{
	const struct dr_template_page *pg = p->pg;
	int cols = pg->grid_cols > 0 ? pg->grid_cols : 1, rows = pg->grid_rows > 0 ? pg->grid_rows : 2;
	size_t slot = 0, per_page = (size_t)(cols * rows);
	double gap = 14, cell_w = 0, cell_h = 0, top = 0;
	/* A cell must hold a headline and a drawable chart, and, when a chart
	 * of the page carries the dyad's comment, its band of three lines
	 * (comment_block) too: a comment never costs a chart its room. */
	double min_cell = fs(p, 110);
	for (size_t k = 0; k < pg->nmetrics; k++)
		if (dr_packet_comment(p->in, pg->metrics[k])) {
			min_cell += fs(p, 48);
			break;
		}
	for (size_t k = 0; k < pg->nmetrics && !p->d.error; k++) {
		struct page_chart pc;
		if (!build(p->in, pg, k, &pc)) {
			page_chart_free(&pc);
			continue;
		}
		if (slot % per_page == 0) {
			if (slot == 0)
				dr_packet_begin(p, pg->title);
			else
				dr_packet_new_page(p, true);
			top = p->y;
			/* Fewer cells a page when the template's would be too small to
			 * hold a headline and a chart at this page's type size. */
			while (rows > 1 && (top - p->bottom - (rows - 1) * gap) / rows < min_cell)
				rows--;
			while (cols > 1 && (p->w - 2 * p->margin - (cols - 1) * gap) / cols < fs(p, 110))
				cols--;
			per_page = (size_t)(cols * rows);
			cell_w = (p->w - 2 * p->margin - (cols - 1) * gap) / cols;
			cell_h = (top - p->bottom - (rows - 1) * gap) / rows;
		}
		size_t at = slot % per_page;
		double x = p->margin + (double)(at % (size_t)cols) * (cell_w + gap);
		p->y = top - (double)(at / (size_t)cols) * (cell_h + gap);
		chart_block(p, &pc, x, cell_w, cell_h);
		slot++;
		page_chart_free(&pc);
	}
}

void dr_packet_chart_page(struct packet *p)
{
	struct page_chart pc;
	if (!build(p->in, p->pg, 0, &pc)) {
		page_chart_free(&pc);
		return;
	}
	dr_packet_begin(p, p->pg->title);
	chart_block(p, &pc, p->margin, p->w - 2 * p->margin, p->y - p->bottom);
	page_chart_free(&pc);
}

int dr_packet_each_chart(const struct dr_packet_input *in,
                         int (*fn)(const char *stem, const struct dr_chart *c, void *ctx), void *ctx)
{
	char (*done)[160] = NULL;
	size_t ndone = 0;
	int rc = 0;
	for (size_t i = 0; i < in->tpl->npages && rc == 0; i++) {
		const struct dr_template_page *pg = &in->tpl->pages[i];
		if (pg->kind != DR_PAGE_CHART && pg->kind != DR_PAGE_CHART_GRID)
			continue;
		size_t n = pg->kind == DR_PAGE_CHART_GRID ? pg->nmetrics : 1;
		for (size_t k = 0; k < n && rc == 0; k++) {
			struct page_chart pc;
			if (build(in, pg, k, &pc)) {
				size_t j = 0;
				while (j < ndone && strcmp(done[j], pc.stem) != 0)
					j++;
				if (j == ndone) {
					done = dr_xreallocarray(done, ndone + 1, sizeof *done);
					memcpy(done[ndone++], pc.stem, sizeof pc.stem);
					struct dr_packet_stamp st;
					dr_packet_chart_file(in, pc.series ? pc.series->def->extract
					                     : dr_breakdown_extract(pg->by), pc.headline,
					                     dr_packet_comment(in, pc.metric), &pc.c, &st);
					rc = fn(pc.stem, &pc.c, ctx);
				}
			}
			page_chart_free(&pc);
		}
	}
	free(done);
	return rc;
}
