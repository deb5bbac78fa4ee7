/*
 * overview-model.c -- the overview's matrix (overview.h): which dyads and
 * metrics, and what each cell says, from the judged series the run
 * already holds.
 *
 * A cell mirrors the packet's summary table (packet-summary.c): the value
 * of the series' last point (the report month, or the latest survey
 * wave), "hidden" when privacy hid it, "no data" when it has no value;
 * the icons only beside a value, when the latest complete point is
 * judged (dr_series_judged) and the latest value is not a rate on too
 * few cases (the summary table also judges an earlier month beside "—",
 * naming it; a cell has no room to).
 * Its changes are those dr_changes_build lists for the dyad that are new
 * special causes or targets newly met or missed. Never: prints.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/overview.h"

/* Whether template t shows metric id: on a summary page (none listed:
 * every metric), a chart-grid page, or a chart page of one metric. */
static bool shown(const struct dr_template *t, enum dr_metric_id id, bool *any_listed)
{
	bool on = false;
	for (size_t i = 0; i < t->npages; i++) {
		const struct dr_template_page *pg = &t->pages[i];
		bool lists = pg->kind == DR_PAGE_SUMMARY || pg->kind == DR_PAGE_CHART_GRID ||
		             (pg->kind == DR_PAGE_CHART && pg->by == DR_BY_NONE);
		if (!lists)
			continue;
		if (pg->kind == DR_PAGE_SUMMARY && pg->nmetrics == 0)
			on = *any_listed = true;
		for (size_t k = 0; k < pg->nmetrics; k++) {
			*any_listed = true;
			on |= pg->metrics[k] == id;
		}
	}
	return on;
}

static void build_funnels(struct dr_overview *o);

static void fill_cell(struct dr_overview_cell *c, const struct dr_series *s)
{
	*c = (struct dr_overview_cell){ .s = s, .state = DR_OVERVIEW_NO_DATA, .value = NAN };
	if (s->n == 0)
		return;
	size_t i = s->n - 1;
	if (s->suppressed[i])
		c->state = DR_OVERVIEW_HIDDEN;
	else if (!isnan(s->value[i])) {
		c->state = DR_OVERVIEW_VALUE;
		c->value = s->value[i];
		c->provisional = s->provisional[i];
		c->small = dr_series_small_n(s, i);
	}
	/* Icons beside a value only: beside "no data" they would judge
	 * another month than the cell names. */
	size_t j = dr_series_last_complete(s);
	c->judged = c->state == DR_OVERVIEW_VALUE && j < s->n && dr_series_judged(s, j) && !c->small;
	c->variation = c->judged ? s->summary.variation : DR_POINT_NONE;
	c->assurance = c->judged && s->has_target ? s->summary.assurance : DR_ASSURE_NONE;
}

bool dr_overview_build(const struct dr_overview_input *in, struct dr_overview *o)
{
	memset(o, 0, sizeof *o);
	const struct dr_config *cfg = in->cfg;
	size_t n = 0;
	for (size_t d = 0; d < cfg->ndyads; d++)
		n += in->rendered[d];
	if (n < 2)
		return false;
	/* Rows: the metrics the template shows (every one when it lists
	 * none), loaded for the run. */
	bool any_listed = false, on[DR_NMETRICS];
	for (int id = 0; id < DR_NMETRICS; id++)
		on[id] = shown(in->tpl, id, &any_listed);
	for (int id = 0; id < DR_NMETRICS; id++) {
		if (any_listed && !on[id])
			continue;
		for (size_t d = 0; d < cfg->ndyads; d++)
			if (in->rendered[d] && dr_metrics_series(in->metrics, d, id)) {
				o->metric[o->nmetrics++] = id;
				break;
			}
	}
	if (o->nmetrics == 0)
		return false;
	/* In domain order, then metric order (the table's order within). */
	for (size_t a = 1; a < o->nmetrics; a++)
		for (size_t b = a; b > 0 && dr_metric_def(o->metric[b - 1])->domain >
		                            dr_metric_def(o->metric[b])->domain; b--) {
			enum dr_metric_id t = o->metric[b];
			o->metric[b] = o->metric[b - 1];
			o->metric[b - 1] = t;
		}
	o->dyad = dr_xcalloc(n, sizeof *o->dyad);
	for (size_t d = 0; d < cfg->ndyads; d++)
		if (in->rendered[d])
			o->dyad[o->ndyads++] = d;
	o->cell = dr_xcalloc(o->nmetrics * o->ndyads, sizeof *o->cell);
	o->changes = dr_xcalloc(o->ndyads, sizeof *o->changes);
	bool listed[DR_NMETRICS] = { false };
	for (size_t r = 0; r < o->nmetrics; r++)
		listed[o->metric[r]] = true;
	for (size_t c = 0; c < o->ndyads; c++) {
		size_t d = o->dyad[c];
		struct dr_changes all;
		dr_changes_init(&all);
		dr_changes_build(in->metrics, d, in->report_month, listed, &all);
		dr_changes_init(&o->changes[c]);
		for (size_t k = 0; k < all.n; k++) {
			if (!(DR_OVERVIEW_CHANGES & (1u << all.c[k].kind)))
				continue;
			struct dr_changes *l = &o->changes[c];
			if (l->n == l->cap) {
				l->cap = l->cap ? 2 * l->cap : 8;
				l->c = dr_xreallocarray(l->c, l->cap, sizeof *l->c);
			}
			l->c[l->n++] = all.c[k];
		}
		dr_changes_free(&all);
		for (size_t r = 0; r < o->nmetrics; r++) {
			struct dr_overview_cell *cell = &o->cell[r * o->ndyads + c];
			const struct dr_series *s = dr_metrics_series(in->metrics, d, o->metric[r]);
			if (!s) {   /* not loaded for this dyad: never happens, as extracts are per run */
				*cell = (struct dr_overview_cell){ .state = DR_OVERVIEW_NO_DATA, .value = NAN };
				continue;
			}
			fill_cell(cell, s);
			for (size_t k = 0; k < o->changes[c].n; k++)
				if (o->changes[c].c[k].def->id == o->metric[r])
					cell->changes |= 1u << o->changes[c].c[k].kind;
		}
	}
	build_funnels(o);
	return true;
}

/* The rates compared across dyads, in this order. */
static const enum dr_metric_id funnel_metrics[DR_OVERVIEW_MAX_FUNNELS] = {
	DR_M_NO_SHOW_RATE, DR_M_INITIAL_DENIAL_RATE, DR_M_HANDOFF_COMPLETION_RATE, DR_M_BURNOUT_SHARE,
};

/* Judges the funnel of matrix row r (a proportion) across the columns. */
static void judge_funnel(struct dr_overview *o, size_t r, struct dr_overview_funnel *fu)
{
	size_t n = o->ndyads, k = 0;
	fu->metric = o->metric[r];
	fu->row = r;
	fu->pt = dr_xcalloc(n, sizeof *fu->pt);
	fu->y = dr_xcalloc(n, sizeof *fu->y);
	fu->n = dr_xcalloc(n, sizeof *fu->n);
	double *y = dr_xcalloc(n, sizeof *y), *m = dr_xcalloc(n, sizeof *m);
	size_t *col = dr_xcalloc(n, sizeof *col);
	for (size_t c = 0; c < n; c++) {
		const struct dr_overview_cell *cell = dr_overview_at(o, r, c);
		const struct dr_series *s = cell->s;
		fu->y[c] = fu->n[c] = NAN;
		fu->pt[c] = (struct dr_funnel_point){ .rate = NAN, .flag = DR_FUNNEL_NO_N };
		if (cell->state == DR_OVERVIEW_HIDDEN) {
			fu->hidden++;
			continue;
		}
		if (!s || s->n == 0 || cell->state != DR_OVERVIEW_VALUE)
			continue;
		double num = s->num[s->n - 1], den = s->den[s->n - 1];
		if (!isfinite(num) || !isfinite(den) || !(den > 0) || num < 0 || num > den)
			continue;
		fu->y[c] = y[k] = num;
		fu->n[c] = m[k] = den;
		col[k++] = c;
		fu->provisional |= cell->provisional;
	}
	struct dr_funnel_point *pt = dr_xcalloc(k ? k : 1, sizeof *pt);
	fu->judged = k >= 2 && dr_funnel_judge(y, m, k, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_AUTO, NAN,
	                                       &fu->f, pt) == 0;
	for (size_t i = 0; fu->judged && i < k; i++)
		fu->pt[col[i]] = pt[i];
	free(pt);
	free(col);
	free(m);
	free(y);
}

static void build_funnels(struct dr_overview *o)
{
	for (size_t i = 0; i < DR_OVERVIEW_MAX_FUNNELS; i++)
		for (size_t r = 0; r < o->nmetrics; r++)
			if (o->metric[r] == funnel_metrics[i] &&
			    dr_metric_def(o->metric[r])->kind == DR_KIND_PROPORTION)
				judge_funnel(o, r, &o->funnel[o->nfunnels++]);
}

const struct dr_overview_funnel *dr_overview_funnel_of(const struct dr_overview *o, size_t row)
{
	for (size_t i = 0; i < o->nfunnels; i++)
		if (o->funnel[i].row == row && o->funnel[i].judged)
			return &o->funnel[i];
	return NULL;
}

void dr_overview_free(struct dr_overview *o)
{
	for (size_t i = 0; i < o->nfunnels; i++) {
		free(o->funnel[i].pt);
		free(o->funnel[i].y);
		free(o->funnel[i].n);
	}
	for (size_t c = 0; c < o->ndyads; c++)
		dr_changes_free(&o->changes[c]);
	free(o->changes);
	free(o->cell);
	free(o->dyad);
	memset(o, 0, sizeof *o);
}

const char *dr_overview_change_name(enum dr_change_kind k)
{
	switch (k) {
	case DR_CHANGE_NEW_SIGNAL: return "new_signal";
	case DR_CHANGE_TARGET_MET: return "target_met";
	case DR_CHANGE_TARGET_MISSED: return "target_missed";
	default: return "";
	}
}

char *dr_overview_packet_path(const struct dr_config *cfg, size_t d, const struct dr_template *tpl)
{
	if (strcmp(tpl->name, "monthly-packet") == 0)
		return dr_xasprintf("%s/packet.pdf", cfg->dyads[d].id);
	return dr_xasprintf("%s/%s/packet.pdf", cfg->dyads[d].id, tpl->name);
}
