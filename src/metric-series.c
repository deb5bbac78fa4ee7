/*
 * metric-series.c -- turns the accumulators into one series per dyad and
 * metric, and judges each series with SPC.
 *
 * Monthly metrics get one point per month of the trend window; survey
 * metrics one point per quarter (a survey wave) whose months meet the
 * window. A point has no value (NAN) when its extract has no row for the
 * dyad in that period or its denominator is zero -- never 0.
 *
 * Provisional periods (SPEC.md section 3): a month whose requests are more
 * than 10% still pending is provisional for the denial metrics; a month
 * whose appeals are mostly still open is provisional for the overturn rate.
 * They are plotted hollow and left out of the SPC centre and limits.
 *
 * Owns the series arrays (freed by dr_metrics_free). Never prints.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metric-int.h"

/* Sums the cells of dyad d over months [from, to] into *out. */
static void sum_cells(struct dr_metrics *m, size_t d, dr_month from, dr_month to, struct cell *out)
{
	memset(out, 0, sizeof *out);
	for (dr_month mo = from; mo <= to; mo++) {
		struct cell *c = dr_metrics_cell(m, d, mo);
		if (!c)
			continue;
		out->b.respondents += c->b.respondents;
		out->b.burned += c->b.burned;
	}
}

/* value = num / den, NAN when den is 0. */
static void ratio(double num, double den, double *v, double *n, double *dn)
{
	*n = num;
	*dn = den;
	*v = den > 0 ? num / den : NAN;
}

/* A count: value = numerator, no denominator. */
static void count(double num, double *v, double *n, double *dn)
{
	*v = num;
	*n = num;
	*dn = NAN;
}

/* A median: value only. */
static void median(const struct dr_hist *h, double scale, double *v, double *n, double *dn)
{
	*v = dr_hist_median(h) / scale;
	*n = NAN;
	*dn = (double)h->total;
}

/* Fills point i of series s from cell c; returns whether the period is
 * provisional. */
static bool fill_point(enum dr_metric_id id, const struct cell *c, double *v, double *n, double *dn)
{
	const struct visits_acc *va = &c->v;
	const struct denials_acc *da = &c->d;
	const struct handoffs_acc *ha = &c->h;
	*v = *n = *dn = NAN;
	if (dr_cell_rows(c, dr_metric_def(id)->extract) == 0)
		return false;

	double decided = (double)(da->approved + da->denied);
	bool pending = da->rows > 0 && (double)da->pending > 0.10 * (double)da->rows;
	bool appeals_provisional = pending || da->appeal_pending > da->overturned + da->upheld;
	switch (id) {
	case DR_M_VISITS_COMPLETED: count(va->completed, v, n, dn); break;
	case DR_M_NEW_PATIENT_SHARE: ratio(va->new_completed, va->completed, v, n, dn); break;
	case DR_M_NO_SHOW_RATE: ratio(va->no_show, va->completed + va->no_show, v, n, dn); break;
	case DR_M_DISTINCT_PATIENTS: count((double)dr_set64_size(&va->patients), v, n, dn); break;
	case DR_M_WRVU_PER_VISIT: ratio(va->wrvu_sum, va->wrvu_n, v, n, dn); break;
	case DR_M_VISITS_PER_CLINIC_DAY:
		ratio(va->completed, (double)dr_set64_size(&va->clinic_days), v, n, dn);
		break;
	case DR_M_LEAD_DAYS_MEDIAN: median(&va->lead_days, 1, v, n, dn); break;
	case DR_M_VISIT_MINUTES_MEDIAN: median(&va->minutes, 1, v, n, dn); break;
	case DR_M_AUTH_REQUESTS: count(da->rows, v, n, dn); return false;
	case DR_M_INITIAL_DENIAL_RATE: ratio(da->denied, decided, v, n, dn); return pending;
	case DR_M_FINAL_DENIAL_RATE:
		ratio(da->denied - da->overturned, decided, v, n, dn);
		return appeals_provisional;
	case DR_M_OVERTURN_RATE:
		ratio(da->overturned, da->overturned + da->upheld, v, n, dn);
		return appeals_provisional;
	case DR_M_DECISION_DAYS_MEDIAN: median(&da->days, 1, v, n, dn); return pending;
	case DR_M_DECISIONS_OVER_7_DAYS_SHARE: ratio(da->over7, da->decided, v, n, dn); return pending;
	case DR_M_DENIED_AMOUNT: count(da->denied_amount, v, n, dn); return pending;
	case DR_M_HANDOFF_COMPLETION_RATE: ratio(ha->completed, ha->rows, v, n, dn); break;
	case DR_M_HANDOFF_WITHIN_WINDOW_RATE: ratio(ha->within, ha->rows, v, n, dn); break;
	case DR_M_STRUCTURED_TOOL_SHARE: ratio(ha->structured, ha->tool_known, v, n, dn); break;
	case DR_M_HOURS_TO_COMPLETE_MEDIAN: median(&ha->tenths, 10, v, n, dn); break;
	case DR_M_SURVEY_RESPONDENTS: count(c->b.respondents, v, n, dn); break;
	case DR_M_BURNOUT_SHARE: ratio(c->b.burned, c->b.respondents, v, n, dn); break;
	default: break;
	}
	return false;
}

/* The chart type of s under the site's [spc] settings. */
static enum dr_spc_chart chart_type(const struct dr_config *cfg, const struct dr_metric_def *def)
{
	const struct dr_spc_chart_choice *choice = dr_config_chart(cfg, def->key);
	if (cfg->spc.rules != DR_SPC_ANHOEJ)
		return DR_SPC_I;
	if (choice)
		return choice->chart;
	switch (def->kind) {
	case DR_KIND_PROPORTION: return cfg->spc.laney ? DR_SPC_PP : DR_SPC_P;
	case DR_KIND_RATIO: return cfg->spc.laney ? DR_SPC_UP : DR_SPC_U;
	default: return DR_SPC_I;
	}
}

/* Index of the point whose period (step months long) holds month mo:
 * 0 before the window, s->n after it. */
static size_t point_of(const struct dr_series *s, int step, dr_month mo)
{
	size_t i = 0;
	while (i < s->n && s->period[i] + step - 1 < mo)
		i++;
	return i;
}

/* Annotations of the window (for the chart), and the phases they start. */
static size_t annotations(const struct dr_config *cfg, const char *dyad, struct dr_series *s,
                          int step, size_t *rebase)
{
	size_t nrebase = 0;
	s->ann = dr_xcalloc(cfg->nannotations ? cfg->nannotations : 1, sizeof *s->ann);
	for (size_t k = 0; k < cfg->nannotations; k++) {
		const struct dr_annotation *a = &cfg->annotations[k];
		size_t i = point_of(s, step, a->month);
		if (!dr_annotation_covers(a, s->def->key, dyad) || s->n == 0 || i == s->n ||
		    a->month < s->period[0])
			continue;
		/* In month order; the config's order breaks ties. */
		size_t at = s->nann;
		while (at > 0 && s->ann[at - 1].month > a->month)
			at--;
		memmove(s->ann + at + 1, s->ann + at, (s->nann - at) * sizeof *s->ann);
		s->ann[at] = (struct dr_chart_annotation){ .month = a->month, .text = a->text,
		                                           .rebase = a->rebase };
		s->nann++;
		if (a->rebase && i > 0)
			rebase[nrebase++] = i;
	}
	return nrebase;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Judges s with the site's SPC settings, annotations and target. */
static void judge(const struct dr_config *cfg, const char *dyad, struct dr_series *s, int step)
{
	size_t n = s->n;
	size_t *rebase = dr_xcalloc(cfg->nannotations ? cfg->nannotations : 1, sizeof *rebase);
	bool *base = NULL;
	struct dr_spc_options o;

	dr_spc_options_init(&o);
	s->rules = o.rules = cfg->spc.rules;
	s->chart = o.chart = chart_type(cfg, s->def);
	o.screen = cfg->spc.screen;
	if (dr_spc_chart_needs_den(o.chart))
		o.den = s->den;
	o.nrebase = annotations(cfg, dyad, s, step, rebase);
	qsort(rebase, o.nrebase, sizeof *rebase, cmp_size);
	o.rebase = rebase;
	if (cfg->spc.base_range) {
		base = dr_xcalloc(n ? n : 1, sizeof *base);
		for (size_t i = 0; i < n; i++)
			base[i] = s->period[i] + step - 1 >= cfg->spc.base_from &&
			          s->period[i] <= cfg->spc.base_to;
		o.base = base;
	} else {
		o.baseline = (size_t)cfg->spc.baseline;
	}
	o.better = s->better;
	o.has_target = s->has_target;
	o.target = s->target;
	/* Under p and u charts the engine plots num/den itself: the same values. */
	dr_spc_judge(dr_spc_chart_needs_den(o.chart) ? s->num : s->value, s->provisional, n, &o,
	             s->spc, &s->summary);
	free(rebase);
	free(base);
}

/* Builds and judges the series of metric id for dyad d. */
static void build(struct dr_metrics *m, size_t d, enum dr_metric_id id, struct dr_series *s)
{
	const struct dr_metric_def *def = dr_metric_def(id);
	bool quarterly = def->period == DR_PERIOD_QUARTER;
	dr_month start = quarterly ? m->acc_first : m->first;
	int step = quarterly ? 3 : 1;
	size_t n = (size_t)((m->last - start) / step + 1);

	s->def = def;
	s->n = n;
	s->period = dr_xcalloc(n, sizeof *s->period);
	s->value = dr_xcalloc(n, sizeof *s->value);
	s->num = dr_xcalloc(n, sizeof *s->num);
	s->den = dr_xcalloc(n, sizeof *s->den);
	s->provisional = dr_xcalloc(n, sizeof *s->provisional);
	s->suppressed = dr_xcalloc(n, sizeof *s->suppressed);
	s->spc = dr_xcalloc(n, sizeof *s->spc);
	for (size_t i = 0; i < n; i++) {
		dr_month mo = start + (dr_month)i * step;
		s->period[i] = mo;
		struct cell quarter;
		const struct cell *c;
		if (quarterly) {
			sum_cells(m, d, mo, mo + 2, &quarter);
			c = &quarter;
		} else {
			c = dr_metrics_cell(m, d, mo);
		}
		s->provisional[i] = fill_point(id, c, &s->value[i], &s->num[i], &s->den[i]);
		if (!isfinite(s->value[i]))     /* e.g. amounts summing past DBL_MAX */
			s->value[i] = NAN;
		if (def->extract == DR_BURNOUT && c->b.respondents > 0 &&
		    c->b.respondents < m->priv.suppress_below) {
			/* A survey group this small could identify people: hide it. */
			s->value[i] = s->num[i] = s->den[i] = NAN;
			s->suppressed[i] = true;
		}
	}

	const struct dr_target *t = dr_config_target(m->cfg, def->key);
	s->better = t ? t->better : def->better;
	s->has_target = t && t->has_value;
	s->target = s->has_target ? t->value : NAN;

	judge(m->cfg, m->cfg->dyads[d].id, s, step);
}

void dr_metrics_finish(struct dr_metrics *m)
{
	m->series = dr_xcalloc(m->ndyads * DR_NMETRICS, sizeof *m->series);
	for (size_t d = 0; d < m->ndyads; d++)
		for (int id = 0; id < DR_NMETRICS; id++)
			if (m->loaded[dr_metric_def(id)->extract])
				build(m, d, id, &m->series[d * DR_NMETRICS + (size_t)id]);
}

const struct dr_series *dr_metrics_series(const struct dr_metrics *m, size_t d, enum dr_metric_id id)
{
	if (!m->series || d >= m->ndyads)
		return NULL;
	const struct dr_series *s = &m->series[d * DR_NMETRICS + (size_t)id];
	return s->def ? s : NULL;
}

/* Frees one cell's sets and histograms. */
static void free_cell(struct cell *c)
{
	dr_hist_free(&c->v.lead_days);
	dr_hist_free(&c->v.minutes);
	dr_set64_free(&c->v.patients);
	dr_set64_free(&c->v.clinic_days);
	dr_hist_free(&c->d.days);
	dr_hist_free(&c->h.tenths);
}

void dr_metrics_free(struct dr_metrics *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndyads * m->nmonths; i++)
		free_cell(&m->cells[i]);
	free(m->cells);
	for (size_t i = 0; i < m->ndept_slots; i++)
		free(m->depts[i].code);
	free(m->depts);
	if (m->series) {
		for (size_t i = 0; i < m->ndyads * DR_NMETRICS; i++) {
			struct dr_series *s = &m->series[i];
			free(s->period);
			free(s->value);
			free(s->num);
			free(s->den);
			free(s->provisional);
			free(s->suppressed);
			free(s->spc);
			free(s->ann);
		}
		free(m->series);
	}
	free(m);
}
