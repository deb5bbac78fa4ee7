/*
 * metric-series.c -- turns the accumulators into one series per dyad and
 * metric, and judges each series with SPC.
 *
 * Monthly metrics get one point per month of the trend window; survey
 * metrics one point per quarter (a survey wave) whose months meet the
 * window. A point has no value (NAN) when its extract has no row for the
 * dyad in that period or its denominator is zero -- never 0.
 *
 * Provisional periods (doc/guide.md, "Templates"): a month whose requests are more
 * than 10% still pending is provisional for the denial metrics; a month
 * whose appeals are mostly still open is provisional for the overturn rate.
 * They are plotted hollow and left out of the SPC centre and limits.
 *
 * Privacy: a survey wave with 0 < respondents < suppress_below is hidden,
 * and so is an item mean or agree share fewer than suppress_below answered;
 * with small_cells_below > 0 (public audience) so is a point of a visits,
 * denials or handoffs metric resting on a small count (dr_metrics_rests_on:
 * a proportion's numerator, denominator or complement, so 58 of 60 is
 * hidden as surely as 2 of 60).
 * A hidden point keeps no number (value, num, den NAN) and is marked
 * suppressed. When hiding leaves too little to judge without bias, the
 * judged series keeps no centre, limits, signals or icons
 * (dr_suppress_unjudge). The same fill and judge serve the per-group
 * series.
 *
 * The series as it stood a month earlier (dr_metrics_series_as_of, for the
 * summary's "what changed") is the same fill cut after that month and the
 * same judgement; the caller owns it.
 *
 * Owns the series arrays (freed by dr_metrics_free). Never prints.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metric-int.h"

/* Sums the survey counts of cells (month acc_first onwards) over months
 * [from, to], none after month last, into *out (the quarterly metrics read
 * nothing else). */
static void sum_cells(const struct dr_metrics *m, const struct cell *cells, dr_month from, dr_month to,
                      dr_month last, struct cell *out)
{
	memset(out, 0, sizeof *out);
	for (dr_month mo = from; mo <= to; mo++) {
		if (mo < m->acc_first || mo > last)
			continue;
		const struct burnout_acc *b = &cells[mo - m->acc_first].b;
		out->b.respondents += b->respondents;
		out->b.burned += b->burned;
		for (int i = 0; i < DR_NITEMS; i++) {
			out->b.item_n[i] += b->item_n[i];
			out->b.item_sum[i] += b->item_sum[i];
			out->b.item_agree[i] += b->item_agree[i];
		}
	}
}

void dr_metrics_cell_merge(struct cell *dst, const struct cell *src)
{
	struct visits_acc *v = &dst->v;
	const struct visits_acc *sv = &src->v;
	/* distinct patients do not add up: a merge of two months has none */
	v->patients = v->rows == 0 ? sv->patients : sv->rows == 0 ? v->patients : -1;
	v->rows += sv->rows;
	v->completed += sv->completed;
	v->new_completed += sv->new_completed;
	v->no_show += sv->no_show;
	v->wrvu_n += sv->wrvu_n;
	v->wrvu_sum += sv->wrvu_sum;
	for (int i = 0; i < DR_NLEAD; i++)
		v->lead[i] += sv->lead[i];
	dr_hist_merge(&v->lead_days, &sv->lead_days);
	dr_hist_merge(&v->minutes, &sv->minutes);
	dr_dayset_merge(&v->clinic_days, &sv->clinic_days);

	struct denials_acc *d = &dst->d;
	const struct denials_acc *sd = &src->d;
	d->rows += sd->rows;
	d->approved += sd->approved;
	d->denied += sd->denied;
	d->pending += sd->pending;
	d->overturned += sd->overturned;
	d->upheld += sd->upheld;
	d->appeal_pending += sd->appeal_pending;
	d->decided += sd->decided;
	d->over7 += sd->over7;
	d->denied_with_amount += sd->denied_with_amount;
	d->approved_with_amount += sd->approved_with_amount;
	d->pending_before += sd->pending_before;
	d->approved_before += sd->approved_before;
	d->denied_before += sd->denied_before;
	d->denied_amount += sd->denied_amount;
	d->approved_amount += sd->approved_amount;
	for (int i = 0; i < DR_NREASONS; i++)
		d->reason[i] += sd->reason[i];
	dr_hist_merge(&d->days, &sd->days);

	struct handoffs_acc *h = &dst->h;
	const struct handoffs_acc *sh = &src->h;
	h->rows += sh->rows;
	h->completed += sh->completed;
	h->within += sh->within;
	h->tool_known += sh->tool_known;
	h->structured += sh->structured;
	dr_hist_merge(&h->tenths, &sh->tenths);

	dst->b.respondents += src->b.respondents;
	dst->b.burned += src->b.burned;
	for (int i = 0; i < DR_NITEMS; i++) {
		dst->b.item_n[i] += src->b.item_n[i];
		dst->b.item_sum[i] += src->b.item_sum[i];
		dst->b.item_agree[i] += src->b.item_agree[i];
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

/* A p-th quantile by nearest rank: value only. */
static void rank(const struct dr_hist *h, double p, double *v, double *n, double *dn)
{
	*v = dr_hist_rank(h, p);
	*n = NAN;
	*dn = (double)h->total;
}

/* The item a survey metric reads, or -1. */
static int item_of(enum dr_metric_id id, bool *agree)
{
	int k = (int)id - (int)DR_M_SATISFACTION_MEAN;
	*agree = k % 2 == 1;
	return k >= 0 && (int)id <= (int)DR_M_TEAMWORK_AGREE_SHARE ? k / 2 : -1;
}

bool dr_metrics_pending_provisional(const struct cell *c)
{
	return c->d.rows > 0 && (double)c->d.pending > 0.10 * (double)c->d.rows;
}

bool dr_metrics_fill_point(enum dr_metric_id id, const struct cell *c, double *v, double *n, double *dn)
{
	const struct visits_acc *va = &c->v;
	const struct denials_acc *da = &c->d;
	const struct handoffs_acc *ha = &c->h;
	*v = *n = *dn = NAN;
	if (dr_cell_rows(c, dr_metric_def(id)->extract) == 0)
		return false;

	double decided = (double)(da->approved + da->denied);
	bool pending = dr_metrics_pending_provisional(c);
	bool agree;
	int item = item_of(id, &agree);
	if (item >= 0) {
		const struct burnout_acc *b = &c->b;
		ratio(agree ? b->item_agree[item] : b->item_sum[item], b->item_n[item], v, n, dn);
		return false;
	}
	bool appeals_provisional = pending || da->appeal_pending > da->overturned + da->upheld;
	switch (id) {
	case DR_M_VISITS_COMPLETED: count(va->completed, v, n, dn); break;
	case DR_M_NEW_PATIENT_SHARE: ratio(va->new_completed, va->completed, v, n, dn); break;
	case DR_M_NO_SHOW_RATE: ratio(va->no_show, va->completed + va->no_show, v, n, dn); break;
	case DR_M_DISTINCT_PATIENTS: count(va->patients >= 0 ? (double)va->patients : NAN, v, n, dn); break;
	case DR_M_WRVU_PER_VISIT: ratio(va->wrvu_sum, va->wrvu_n, v, n, dn); break;
	case DR_M_VISITS_PER_CLINIC_DAY:
		ratio(va->completed, (double)dr_dayset_size(&va->clinic_days), v, n, dn);
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
	case DR_M_DECISION_DAYS_P90: rank(&da->days, 0.9, v, n, dn); return pending;
	case DR_M_DECISIONS_OVER_7_DAYS_SHARE: ratio(da->over7, da->decided, v, n, dn); return pending;
	case DR_M_DENIED_AMOUNT: count(da->denied_amount, v, n, dn); return pending;
	case DR_M_INITIAL_DENIAL_RATE_AMOUNT:
		ratio(da->denied_amount, da->denied_amount + da->approved_amount, v, n, dn);
		return pending;
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

size_t dr_metrics_rests_on(enum dr_metric_id id, const struct cell *c, double out[DR_RESTS_MAX])
{
	const struct visits_acc *va = &c->v;
	const struct denials_acc *da = &c->d;
	const struct handoffs_acc *ha = &c->h;
	const struct dr_metric_def *def = dr_metric_def(id);
	double v, num, den;
	switch (id) {
	case DR_M_WRVU_PER_VISIT: out[0] = (double)va->wrvu_n; return 1;
	case DR_M_DENIED_AMOUNT:
	case DR_M_INITIAL_DENIAL_RATE_AMOUNT:
		out[0] = (double)da->denied_with_amount;
		out[1] = (double)(da->denied_with_amount + da->approved_with_amount);
		out[2] = (double)da->approved_with_amount;    /* the complement */
		return 3;
	case DR_M_LEAD_DAYS_MEDIAN: out[0] = (double)va->lead_days.total; return 1;
	case DR_M_VISIT_MINUTES_MEDIAN: out[0] = (double)va->minutes.total; return 1;
	case DR_M_DECISION_DAYS_MEDIAN:
	case DR_M_DECISION_DAYS_P90: out[0] = (double)da->days.total; return 1;
	case DR_M_FINAL_DENIAL_RATE:
		/* The initial rate minus the final one is overturned / decided,
		 * and the request count is printed: the final rate gives the
		 * overturned count away unless it rests on it too. */
		out[0] = (double)(da->denied - da->overturned);
		out[1] = (double)(da->approved + da->denied);
		out[2] = (double)da->overturned;
		out[3] = (double)(da->approved + da->overturned);  /* its complement */
		return 4;
	case DR_M_HOURS_TO_COMPLETE_MEDIAN: out[0] = (double)ha->tenths.total; return 1;
	default: break;
	}
	dr_metrics_fill_point(id, c, &v, &num, &den);
	if (def->kind == DR_KIND_COUNT) {
		out[0] = num;
		return 1;
	}
	out[0] = num;       /* rates: numerator and denominator (counts) */
	out[1] = den;
	if (def->kind != DR_KIND_PROPORTION)
		return 2;
	/* A share's complement is a count too: 58 of 60 completed tells
	 * that 2 were not, as plainly as 2 of 60 would. */
	out[2] = den - num;
	return 3;
}

/* Whether a point of metric id over c is hidden by the public small-cell
 * rule (only patient-record extracts; surveys have their own rule). */
static bool small_point(const struct dr_metrics *m, enum dr_metric_id id, const struct cell *c)
{
	double cnt[DR_RESTS_MAX];
	if (m->priv.small_cells_below <= 0 || dr_metric_def(id)->extract == DR_BURNOUT ||
	    dr_cell_rows(c, dr_metric_def(id)->extract) == 0)
		return false;
	size_t k = dr_metrics_rests_on(id, c, cnt);
	for (size_t i = 0; i < k; i++)
		if (dr_suppress_small(cnt[i], m->priv.small_cells_below))
			return true;
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
	const struct dr_target *t = dr_config_target(cfg, s->def->key);
	s->better = t ? t->better : s->def->better;
	s->has_target = t && t->has_value;
	s->target = s->has_target ? t->value : NAN;

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
	/* Left out of the centre, the limits and every rule, and never judged:
	 * a month still closing, and a rate on too few cases (its swings are
	 * chance, and would widen the limits every other month is judged by). */
	bool *out = dr_xcalloc(n ? n : 1, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = s->provisional[i] || dr_series_small_n(s, i);
	/* Under p and u charts the engine plots num/den itself: the same values. */
	dr_spc_judge(dr_spc_chart_needs_den(o.chart) ? s->num : s->value, out, n, &o,
	             s->spc, &s->summary);
	free(out);
	free(rebase);
	free(base);
}

/* dr_metrics_series_fill over the months up to last (<= m->last): the
 * series as it stood at the end of month last. */
static void fill_until(const struct dr_metrics *m, const struct cell *cells, enum dr_metric_id id,
                       dr_month last, struct dr_series *s)
{
	const struct dr_metric_def *def = dr_metric_def(id);
	bool quarterly = def->period == DR_PERIOD_QUARTER;
	dr_month start = quarterly ? m->acc_first : m->first;
	int step = quarterly ? 3 : 1;
	size_t n = (size_t)((last - start) / step + 1);

	s->def = def;
	s->n = n;
	s->min_den = m->cfg->min_denominator;
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
			sum_cells(m, cells, mo, mo + 2, last, &quarter);
			c = &quarter;
		} else {
			c = &cells[mo - m->acc_first];
		}
		s->provisional[i] = dr_metrics_fill_point(id, c, &s->value[i], &s->num[i], &s->den[i]);
		if (!isfinite(s->value[i]))     /* e.g. amounts summing past DBL_MAX */
			s->value[i] = NAN;
		/* A survey group this small could identify people; in public, so
		 * could a count of 1 to 10 patients' records: hide either. */
		bool agree;
		if ((def->extract == DR_BURNOUT && c->b.respondents > 0 &&
		     c->b.respondents < m->priv.suppress_below) || small_point(m, id, c) ||
		    (item_of(id, &agree) >= 0 && s->den[i] > 0 && s->den[i] < m->priv.suppress_below)) {
			s->value[i] = s->num[i] = s->den[i] = NAN;
			s->suppressed[i] = true;
		}
	}
}

void dr_metrics_series_fill(const struct dr_metrics *m, const struct cell *cells,
                            enum dr_metric_id id, struct dr_series *s)
{
	fill_until(m, cells, id, m->last, s);
}

void dr_metrics_series_judge(const struct dr_metrics *m, size_t d, struct dr_series *s)
{
	judge(m->cfg, m->cfg->dyads[d].id, s, s->def->period == DR_PERIOD_QUARTER ? 3 : 1);
	/* Hidden months are the small ones: too many, and the survivors'
	 * centre and limits would mislead (metric-suppress.c). */
	dr_suppress_unjudge(s);
	/* A rate on too few cases was judged like a month still closing (no
	 * signal or type, judge() above); the latest one sets no icon either,
	 * not even from an earlier month (chart-headline-guard.c). */
	size_t j = dr_series_last_complete(s);
	if (j < s->n && dr_series_small_n(s, j)) {
		s->summary.variation = DR_POINT_NONE;
		s->summary.assurance = DR_ASSURE_NONE;
	}
}

void dr_metrics_finish(struct dr_metrics *m)
{
	m->series = dr_xcalloc(m->ndyads * DR_NMETRICS + 1, sizeof *m->series);
	for (size_t d = 0; d < m->ndyads; d++)
		for (int id = 0; id < DR_NMETRICS; id++)
			if (m->loaded[dr_metric_def(id)->extract]) {
				struct dr_series *s = &m->series[d * DR_NMETRICS + (size_t)id];
				dr_metrics_series_fill(m, &m->cells[d * m->nmonths], id, s);
				dr_metrics_series_judge(m, d, s);
			}
	dr_metrics_group_series_finish(m);
	/* The patient sets only counted new patients as rows came in (the
	 * cells hold the counts): freed now, so the render workers forked
	 * after this do not carry them (dr_metrics_free frees them again,
	 * harmlessly). */
	for (size_t i = 0; i < m->ndyads * m->nmonths; i++)
		dr_idset_free(&m->patients[i]);
}

const struct dr_series *dr_metrics_series(const struct dr_metrics *m, size_t d, enum dr_metric_id id)
{
	if (!m->series || d >= m->ndyads)
		return NULL;
	const struct dr_series *s = &m->series[d * DR_NMETRICS + (size_t)id];
	return s->def ? s : NULL;
}

bool dr_metrics_series_as_of(const struct dr_metrics *m, size_t d, enum dr_metric_id id, dr_month at,
                             struct dr_series *out)
{
	memset(out, 0, sizeof *out);
	if (d >= m->ndyads || (int)id < 0 || id >= DR_NMETRICS ||
	    !m->loaded[dr_metric_def(id)->extract] || at < m->first || at >= m->last)
		return false;
	fill_until(m, &m->cells[d * m->nmonths], id, at, out);
	dr_metrics_series_judge(m, d, out);
	return true;
}

void dr_series_as_of_free(struct dr_series *s)
{
	dr_metrics_series_free(s);
	memset(s, 0, sizeof *s);
}

bool dr_metrics_denials_before(const struct dr_metrics *m, size_t d, dr_month mo,
                               struct dr_denials_before *out)
{
	memset(out, 0, sizeof *out);
	if (d >= m->ndyads || !m->loaded[DR_DENIALS] || mo < m->acc_first || mo >= m->last)
		return false;
	const struct denials_acc *a = &m->cells[d * m->nmonths + (size_t)(mo - m->acc_first)].d;
	*out = (struct dr_denials_before){
		.rows = a->rows, .pending_then = a->pending_before, .approved_then = a->approved_before,
		.denied_then = a->denied_before, .pending_now = a->pending, .approved_now = a->approved,
		.denied_now = a->denied,
	};
	return true;
}

void dr_metrics_cell_free(struct cell *c)
{
	dr_hist_free(&c->v.lead_days);
	dr_hist_free(&c->v.minutes);
	dr_dayset_free(&c->v.clinic_days);
	dr_hist_free(&c->d.days);
	dr_hist_free(&c->h.tenths);
}

void dr_metrics_series_free(struct dr_series *s)
{
	free(s->period);
	free(s->value);
	free(s->num);
	free(s->den);
	free(s->provisional);
	free(s->suppressed);
	free(s->spc);
	free(s->ann);
}

void dr_metrics_free(struct dr_metrics *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndyads * m->nmonths; i++)
		dr_metrics_cell_free(&m->cells[i]);
	dr_metrics_breakdown_free_all(m);
	free(m->cells);
	for (size_t i = 0; i < m->ndyads * m->nmonths; i++)
		dr_idset_free(&m->patients[i]);
	free(m->patients);
	for (size_t i = 0; i < m->ndept_slots; i++)
		free(m->depts[i].code);
	free(m->depts);
	for (int e = 0; e < DR_NEXTRACTS; e++)
		dr_left_out_free(&m->left[e]);
	if (m->series) {
		for (size_t i = 0; i < m->ndyads * DR_NMETRICS; i++)
			dr_metrics_series_free(&m->series[i]);
		free(m->series);
	}
	free(m);
}
