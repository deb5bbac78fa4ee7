/*
 * metric-breakdown.c -- one dyad's metrics split by group (department,
 * weekday, lead time, provider, reason, payer, payer x reason, service,
 * pending age, handoff type, role, survey department), and the per-group
 * monthly series of visits and handoff metrics.
 *
 * Takes the accumulators metric-accum.c filled (metric-int.h): per-month
 * cells for groups known in advance, the key tables of the report month and
 * the two before it, the pending-age counts at the report month's end. Each
 * group's cells are summed over the window and every column whose key is a
 * metric is computed by the same arithmetic as the dyad's own series
 * (dr_metrics_fill_point), so a group's rate means what the chart's means.
 *
 * Privacy is applied here, before anything leaves: survey groups with
 * 0 < respondents < suppress_below are hidden; with small_cells_below > 0,
 * any group whose size or a count a shown value rests on is 1 .. below - 1
 * (a rate's numerator, denominator or complement: 58 of 60 hides as 2 of
 * 60 would);
 * then the complementary rule (dr_suppress_complement) by size, and in
 * public the hidden groups' sum is kept from being a small cell
 * (dr_suppress_hidden_sum), nor any other count a shown value rests on, a
 * rate's complement included (dr_suppress_hidden_count). A hidden
 * group keeps no number: n and every value, numerator and denominator are
 * NAN.
 *
 * Ownership: a table and its strings belong to the caller until
 * dr_breakdown_free(); group series belong to struct dr_metrics.
 * Never prints, never reads a record.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metric-int.h"

/* Most groups listed; the rest are summed into "Other (N)". */
#define MAX_GROUPS 40

/* A table with the storage its borrowed pointers need. */
struct table {
	struct dr_breakdown_table t;    /* first: freed through its address */
	char why[160];
	const char *col[DR_NREASONS];
};

/* One group before privacy: its cells summed over the window and, for
 * breakdowns of counts (lead time, reason, pending age, payer x reason,
 * service), the count it is sorted and sized by. */
struct raw {
	char *key, *label;
	struct cell c;
	double count;
	double n;
};

static const char *const weekday_key[7] = { "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN" };
static const char *const weekday_label[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char *const lead_key[DR_NLEAD] = { "0-7", "8-14", "15-30", "31-60", "61-90", "91+" };
static const char *const lead_label[DR_NLEAD] = {
	"0-7 days", "8-14 days", "15-30 days", "31-60 days", "61-90 days", "Over 90 days",
};
static const char *const pending_key[DR_NPENDING_AGE] = { "0-7", "8-14", "15-30", "31+" };
static const char *const pending_label[DR_NPENDING_AGE] = {
	"0-7 days", "8-14 days", "15-30 days", "Over 30 days",
};
/* Canonical codes of load-schema.c; UNSPECIFIED is a denial left empty. */
static const char *const reason_key[DR_NREASONS] = {
	"MISSING_DOCUMENTATION", "CODING_ERROR", "MEDICAL_NECESSITY", "AUTHORIZATION",
	"ELIGIBILITY", "TIMELY_FILING", "OTHER", "UNSPECIFIED",
};
static const char *const reason_label[DR_NREASONS] = {
	"Missing documentation", "Coding error", "Medical necessity", "Authorization",
	"Eligibility", "Timely filing", "Other reason", "Reason not given",
};
static const char *const htype_key[DR_NHANDOFF_TYPES] = {
	"SHIFT_CHANGE", "DISCHARGE", "REFERRAL", "RESULT_FOLLOWUP", "OTHER",
};
static const char *const htype_label[DR_NHANDOFF_TYPES] = {
	"Shift change", "Discharge", "Referral", "Result follow-up", "Other",
};
static const char *const role_key[DR_NROLES] = { "PHYSICIAN", "APP", "NURSE", "ADMINISTRATOR", "STAFF" };
static const char *const role_label[DR_NROLES] = {
	"Physicians", "APPs", "Nurses", "Administrators", "Staff",
};

/* ---- collecting groups ---- */

struct raws {
	struct raw *r;
	size_t n, cap;
};

/* A new empty group with copies of key and label. */
static struct raw *raw_new(struct raws *rs, const char *key, const char *label)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->r = dr_xreallocarray(rs->r, rs->cap, sizeof *rs->r);
	}
	struct raw *r = &rs->r[rs->n++];
	memset(r, 0, sizeof *r);
	r->key = dr_xstrdup(key);
	r->label = dr_xstrdup(label);
	return r;
}

static void raw_free(struct raw *r)
{
	free(r->key);
	free(r->label);
	dr_metrics_cell_free(&r->c);
}

/* Which array a group row is in: a breakdown's, or the dyads' own cells
 * (a row a dyad; whole cells). */
enum group_kind { GROUPS_DEPT, GROUPS_WEEKDAY, GROUPS_HTYPE, GROUPS_ROLE, GROUPS_DYAD };

/* Month i (from acc_first) of group row `row` of array k as a whole cell:
 * its part's counters copied, its histograms and sets shared (a
 * breakdown's freed through such a view by groups_free only; a dyad's
 * cells, with the dyad's), the other parts zero. */
static struct cell group_cell(const struct dr_metrics *m, enum group_kind k, size_t row, size_t i)
{
	struct cell c;
	memset(&c, 0, sizeof c);
	size_t at = row * m->nmonths + i;
	switch (k) {
	case GROUPS_DYAD: c = m->cells[at]; break;
	case GROUPS_DEPT:
		c.v = m->dept_cells[at].v;
		c.b = m->dept_cells[at].b;
		break;
	case GROUPS_WEEKDAY: c.v = m->wday_cells[at]; break;
	case GROUPS_HTYPE: c.h = m->htype_cells[at]; break;
	case GROUPS_ROLE: c.b = m->role_cells[at]; break;
	}
	return c;
}

/* Accumulator a (0: the report month, 1: the two before) of key entry e
 * as a whole cell: its visits or requests copied, their histograms and
 * sets shared (as group_cell), the rest zero. */
static struct cell key_cell(const struct keyent *e, int a)
{
	struct cell c;
	memset(&c, 0, sizeof c);
	if (e->v)
		c.v = e->v[a];
	else
		c.d = e->d[a];
	return c;
}

/* Sums the months [from, to] of group row `row` of array k into out. */
static void sum_group_months(const struct dr_metrics *m, enum group_kind k, size_t row, dr_month from,
                             dr_month to, struct cell *out)
{
	for (dr_month mo = from; mo <= to; mo++)
		if (mo >= m->acc_first && mo <= m->last) {
			struct cell c = group_cell(m, k, row, (size_t)(mo - m->acc_first));
			dr_metrics_cell_merge(out, &c);
		}
}

/* The size of a group (metric.h: what n counts for each breakdown). */
static double size_of(enum dr_breakdown by, const struct raw *r)
{
	const struct cell *c = &r->c;
	switch (by) {
	case DR_BY_DEPARTMENT:
	case DR_BY_WEEKDAY: return (double)(c->v.completed + c->v.no_show);
	case DR_BY_PROVIDER: return (double)c->v.completed;
	case DR_BY_PAYER: return (double)c->d.rows;
	case DR_BY_SERVICE: return (double)c->d.rows;
	case DR_BY_HANDOFF_TYPE: return (double)c->h.rows;
	case DR_BY_ROLE:
	case DR_BY_SURVEY_DEPARTMENT: return (double)c->b.respondents;
	default: return r->count;     /* lead time, reason, payer x reason, pending age */
	}
}

/* One group per enum value: rows first .. first + n - 1 of breakdown
 * array k, each summed over [from, to]. */
static void cell_groups(const struct dr_metrics *m, struct raws *rs, enum group_kind k, size_t first,
                        size_t n, const char *const *keys, const char *const *labels,
                        dr_month from, dr_month to)
{
	for (size_t j = 0; j < n; j++)
		sum_group_months(m, k, first + j, from, to, &raw_new(rs, keys[j], labels[j])->c);
}

/* One group per bucket of a count array (lead times, reasons, pending ages). */
static void count_groups(struct raws *rs, const long *counts, size_t n, const char *const *keys,
                         const char *const *labels)
{
	for (size_t j = 0; j < n; j++)
		raw_new(rs, keys[j], labels[j])->count = (double)counts[j];
}

/* The groups of by for dyad d over [from, to], in no particular order. */
static void collect(const struct dr_metrics *m, size_t d, enum dr_breakdown by, enum dr_window w,
                    dr_month at, dr_month from, dr_month to, struct raws *rs)
{
	struct cell sum;
	switch (by) {
	case DR_BY_DEPARTMENT:
	case DR_BY_SURVEY_DEPARTMENT:
		for (size_t j = 0; j < m->cfg->dyads[d].ndepartments; j++) {
			const char *code = m->cfg->dyads[d].departments[j];
			struct raw *r = raw_new(rs, code, code);
			sum_group_months(m, GROUPS_DEPT, m->dept_first[d] + j, from, to, &r->c);
		}
		break;
	case DR_BY_WEEKDAY:
		cell_groups(m, rs, GROUPS_WEEKDAY, d * 7, 7, weekday_key, weekday_label, from, to);
		break;
	case DR_BY_HANDOFF_TYPE:
		cell_groups(m, rs, GROUPS_HTYPE, d * DR_NHANDOFF_TYPES, DR_NHANDOFF_TYPES, htype_key,
		            htype_label, from, to);
		break;
	case DR_BY_ROLE:
		cell_groups(m, rs, GROUPS_ROLE, d * DR_NROLES, DR_NROLES, role_key, role_label, from, to);
		break;
	case DR_BY_LEAD_TIME:
	case DR_BY_REASON:
		memset(&sum, 0, sizeof sum);
		sum_group_months(m, GROUPS_DYAD, d, from, to, &sum);
		if (by == DR_BY_LEAD_TIME)
			count_groups(rs, sum.v.lead, DR_NLEAD, lead_key, lead_label);
		else
			count_groups(rs, sum.d.reason, DR_NREASONS, reason_key, reason_label);
		dr_metrics_cell_free(&sum);
		break;
	case DR_BY_PENDING_AGE:
		if (at == m->last)
			count_groups(rs, m->pending_age[d], DR_NPENDING_AGE, pending_key, pending_label);
		break;
	case DR_BY_PROVIDER:
	case DR_BY_PAYER:
	case DR_BY_PAYER_REASON:
	case DR_BY_SERVICE: {
		if (at != m->last || w == DR_WINDOW_WAVE)
			break;
		int k = by == DR_BY_PROVIDER ? DR_KEYS_PROVIDER : by == DR_BY_SERVICE ? DR_KEYS_SERVICE
		                                                                     : DR_KEYS_PAYER;
		const struct keytab *t = &m->keys[d * DR_NKEYTABS + (size_t)k];
		for (size_t e = 0; e < t->n; e++) {
			struct raw *r = raw_new(rs, t->ent[e].key, t->ent[e].label);
			for (int a = 0; a < (w == DR_WINDOW_3_MONTHS ? 2 : 1); a++) {
				struct cell c = key_cell(&t->ent[e], a);
				dr_metrics_cell_merge(&r->c, &c);
			}
			r->count = (double)r->c.d.denied;
		}
		break;
	}
	default:
		break;
	}
	/* Sizes; groups with no rows are left out. */
	bool counted = by == DR_BY_LEAD_TIME || by == DR_BY_REASON || by == DR_BY_PENDING_AGE ||
	               by == DR_BY_PAYER_REASON;
	size_t kept = 0;
	for (size_t i = 0; i < rs->n; i++) {
		struct raw *r = &rs->r[i];
		r->n = size_of(by, r);
		if (counted ? r->count == 0 : dr_cell_rows(&r->c, dr_breakdown_extract(by)) == 0)
			raw_free(r);
		else
			rs->r[kept++] = *r;
	}
	rs->n = kept;
}

/* ---- ordering ---- */

static int by_size(const void *a, const void *b)
{
	const struct raw *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int by_count(const void *a, const void *b)
{
	const struct raw *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Puts the groups in display order and sums those past MAX_GROUPS into
 * one "Other (N)". */
static void order(enum dr_breakdown by, struct raws *rs)
{
	if (rs->n == 0)
		return;
	switch (by) {
	case DR_BY_WEEKDAY:
	case DR_BY_LEAD_TIME:
	case DR_BY_PENDING_AGE:
	case DR_BY_ROLE:
		return;     /* natural order, already so and few */
	case DR_BY_REASON:
	case DR_BY_SERVICE:
		qsort(rs->r, rs->n, sizeof *rs->r, by_count);
		break;
	default:
		qsort(rs->r, rs->n, sizeof *rs->r, by_size);
		break;
	}
	if (rs->n <= MAX_GROUPS)
		return;
	struct raw other = { 0 };
	size_t nother = rs->n - MAX_GROUPS;
	for (size_t i = MAX_GROUPS; i < rs->n; i++) {
		dr_metrics_cell_merge(&other.c, &rs->r[i].c);
		other.count += rs->r[i].count;
		other.n += rs->r[i].n;
		raw_free(&rs->r[i]);
	}
	other.key = dr_xstrdup("other");
	other.label = dr_xasprintf("Other (%zu)", nother);
	rs->r[MAX_GROUPS] = other;
	rs->n = MAX_GROUPS + 1;
}

/* ---- values ---- */

/* Column j of group r (total: the whole), with the counts it rests on. */
static void measure(const struct dr_measure *ms, const struct raw *r,
                    const struct raw *total, struct dr_cell_value *out, double cnt[DR_RESTS_MAX], size_t *ncnt)
{
	const struct dr_metric_def *def = dr_metric_find(ms->key);
	*out = (struct dr_cell_value){ NAN, NAN, NAN };
	*ncnt = 0;
	if (def) {
		dr_metrics_fill_point(def->id, &r->c, &out->value, &out->num, &out->den);
		if (!isfinite(out->value))
			out->value = NAN;
		*ncnt = dr_metrics_rests_on(def->id, &r->c, cnt);
		return;
	}
	if (strcmp(ms->key, "decided") == 0) {
		/* The initial denial rate's own denominator: requests decided
		 * (pending ones are in Requests, not in the rate). */
		double v, num;
		dr_metrics_fill_point(DR_M_INITIAL_DENIAL_RATE, &r->c, &v, &num, &out->den);
		out->value = out->num = isfinite(out->den) ? out->den : 0;
		out->den = NAN;
		cnt[0] = out->value;
		*ncnt = 1;
		return;
	}
	double c = strcmp(ms->key, "handoffs") == 0 ? (double)r->c.h.rows : r->count;
	if (strcmp(ms->key, "share") == 0) {
		out->num = c;
		out->den = total->count;
		out->value = total->count > 0 ? c / total->count : NAN;
		cnt[0] = out->num;
		cnt[1] = out->den;
		*ncnt = 2;
	} else {    /* "visits", "denials", "pending", "handoffs": a count */
		out->value = out->num = c;
		cnt[0] = c;
		*ncnt = 1;
	}
}

/* Fills group g from r; returns whether the public small-cell rule hides it. */
static bool fill_group(const struct dr_metrics *m, enum dr_breakdown by, const struct raw *r,
                       const struct raw *total, struct dr_group *g, const struct dr_measure *ms,
                       size_t nms)
{
	int below = m->priv.small_cells_below;
	bool survey = dr_breakdown_extract(by) == DR_BURNOUT;
	bool small = !survey && dr_suppress_small(r->n, below);
	g->key = dr_xstrdup(r->key);
	g->label = dr_xstrdup(r->label);
	g->n = r->n;
	g->v = dr_xcalloc(nms ? nms : 1, sizeof *g->v);
	for (size_t j = 0; j < nms; j++) {
		double cnt[DR_RESTS_MAX];
		size_t k;
		measure(&ms[j], r, total, &g->v[j], cnt, &k);
		/* An item fewer than suppress_below people answered is hidden
		 * on its own, even in a group large enough to show. */
		if (survey && g->v[j].den > 0 && g->v[j].den < m->priv.suppress_below &&
		    (strstr(ms[j].key, "_mean") || strstr(ms[j].key, "_agree_share")))
			g->v[j] = (struct dr_cell_value){ NAN, NAN, NAN };
		if (survey || isnan(g->v[j].value))
			continue;
		for (size_t i = 0; i < k; i++)
			small |= dr_suppress_small(cnt[i], below);
	}
	if (survey)
		return r->n > 0 && r->n < m->priv.suppress_below;
	return small;
}

/* Empties group g of every number. */
static void hide(struct dr_group *g, size_t nms)
{
	g->hidden = true;
	g->n = NAN;
	for (size_t j = 0; j < nms; j++)
		g->v[j] = (struct dr_cell_value){ NAN, NAN, NAN };
}

/* The dyad's own metric whose monthly counts a breakdown measure sums:
 * the metric of the same key, or for a plain count the rate whose
 * numerator or denominator it is; NULL when none. */
static const struct dr_metric_def *measure_metric(const char *key)
{
	const struct dr_metric_def *def = dr_metric_find(key);
	if (def)
		return def;
	if (strcmp(key, "denials") == 0)
		return dr_metric_def(DR_M_INITIAL_DENIAL_RATE);
	if (strcmp(key, "handoffs") == 0)
		return dr_metric_def(DR_M_HANDOFF_COMPLETION_RATE);
	if (strcmp(key, "visits") == 0)
		return dr_metric_def(DR_M_LEAD_DAYS_MEDIAN);
	return NULL;
}

/* Whether a month of [from, to] has a hidden point in one of dyad d's own
 * monthly series that table t's measures sum (the public small-cell
 * rule): the window's total minus its other months would give it away. */
static bool window_month_hidden(const struct dr_metrics *m, size_t d,
                                const struct dr_breakdown_table *t, dr_month from, dr_month to)
{
	for (size_t j = 0; m->series && j < t->nmeasure; j++) {
		const struct dr_metric_def *def = measure_metric(t->measure[j].key);
		if (!def || def->period != DR_PERIOD_MONTH)
			continue;
		const struct dr_series *s = &m->series[d * DR_NMETRICS + (size_t)def->id];
		for (size_t i = 0; s->def && i < s->n; i++)
			if (s->suppressed[i] && s->period[i] >= from && s->period[i] <= to)
				return true;
	}
	return false;
}

/* In public, every count a shown value of the k listed groups rests on
 * (a rate's numerator and complement too) must not sum to a small cell
 * over the hidden groups: the "All" row's rate and n less the shown
 * groups' would give that sum away (58 + 40 of 100 hidden handoffs
 * completed, printed as All 168 / 183 less shift change 70 / 83, tells 2
 * incomplete). Repeats until no count hides another group. */
static void hidden_counts(const struct dr_metrics *m, const struct raws *rs, const size_t *idx,
                          const double *size, const char *const *name, size_t k, bool *hidden,
                          const struct dr_measure *ms, size_t nms, const struct raw *total)
{
	double *count = dr_xcalloc(k ? k : 1, sizeof *count);
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t j = 0; j < nms; j++)
			for (size_t c = 0; c < DR_RESTS_MAX; c++) {
				bool any = false;
				for (size_t i = 0; i < k; i++) {
					double cnt[DR_RESTS_MAX];
					size_t nc = 0;
					struct dr_cell_value v;
					measure(&ms[j], &rs->r[idx[i]], total, &v, cnt, &nc);
					count[i] = c < nc && !isnan(v.value) && cnt[c] > 0 ? cnt[c] : 0;
					any |= count[i] > 0;
				}
				if (!any)
					continue;
				size_t before = 0, after;
				for (size_t i = 0; i < k; i++)
					before += hidden[i];
				after = dr_suppress_hidden_count(count, size, name, k, hidden,
				                                 m->priv.small_cells_below);
				changed |= after != before;
			}
	}
	free(count);
}

/* The payer x reason grid: counts per payer row and reason column (the
 * reasons that occur, most frequent first), the small rule per cell, then
 * the complementary rule per row and per column until nothing changes. */
static void grid(const struct dr_metrics *m, struct table *tb, const struct raws *rs)
{
	struct dr_breakdown_table *t = &tb->t;
	double tot[DR_NREASONS] = { 0 };
	int col[DR_NREASONS];
	size_t ncol = 0;
	for (size_t i = 0; i < rs->n; i++)
		for (int k = 0; k < DR_NREASONS; k++)
			tot[k] += (double)rs->r[i].c.d.reason[k];
	for (int k = 0; k < DR_NREASONS; k++)
		if (tot[k] > 0) {
			size_t at = ncol++;
			while (at > 0 && (tot[col[at - 1]] < tot[k] ||
			                  (tot[col[at - 1]] == tot[k] &&
			                   strcmp(reason_key[col[at - 1]], reason_key[k]) > 0))) {
				col[at] = col[at - 1];
				at--;
			}
			col[at] = k;
		}
	for (size_t j = 0; j < ncol; j++)
		tb->col[j] = reason_label[col[j]];
	t->ncol = ncol;
	t->col_label = tb->col;
	size_t nr = t->ngroup, ncell = nr * ncol;
	t->cell = dr_xcalloc(ncell ? ncell : 1, sizeof *t->cell);
	t->cell_hidden = dr_xcalloc(ncell ? ncell : 1, sizeof *t->cell_hidden);
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < ncol; j++) {
			double c = (double)rs->r[i].c.d.reason[col[j]];
			t->cell[i * ncol + j] = (struct dr_cell_value){ c, c, NAN };
			t->cell_hidden[i * ncol + j] = t->group[i].hidden ||
			                               dr_suppress_small(c, m->priv.small_cells_below);
		}

	/* Complementary rule over the non-zero cells of each row and column. */
	size_t most = nr > ncol ? nr : ncol;
	double *size = dr_xcalloc(most + 1, sizeof *size);
	const char **name = dr_xcalloc(most + 1, sizeof *name);
	bool *hid = dr_xcalloc(most + 1, sizeof *hid);
	size_t *at = dr_xcalloc(most + 1, sizeof *at);
	for (bool changed = true; changed;) {
		changed = false;
		for (int pass = 0; pass < 2; pass++) {
			size_t nline = pass ? ncol : nr, nalong = pass ? nr : ncol;
			for (size_t a = 0; a < nline; a++) {
				size_t k = 0;
				for (size_t b = 0; b < nalong; b++) {
					size_t idx = pass ? b * ncol + a : a * ncol + b;
					if (t->cell[idx].num == 0 || isnan(t->cell[idx].num))
						continue;
					size[k] = t->cell[idx].num;
					name[k] = pass ? rs->r[b].key : reason_key[col[b]];
					hid[k] = t->cell_hidden[idx];
					at[k++] = idx;
				}
				dr_suppress_complement(size, name, k, hid);
				for (size_t q = 0; q < k; q++)
					if (hid[q] && !t->cell_hidden[at[q]]) {
						t->cell_hidden[at[q]] = true;
						changed = true;
					}
			}
		}
	}
	for (size_t i = 0; i < ncell; i++)
		if (t->cell_hidden[i])
			t->cell[i] = (struct dr_cell_value){ NAN, NAN, NAN };
	free(size);
	free(name);
	free(hid);
	free(at);
}

struct dr_breakdown_table *dr_metrics_breakdown(const struct dr_metrics *m, size_t d,
                                                enum dr_breakdown by, enum dr_window w,
                                                dr_month at)
{
	if (by <= DR_BY_NONE || by >= DR_NBREAKDOWNS || d >= m->ndyads ||
	    !m->loaded[dr_breakdown_extract(by)])
		return NULL;
	struct table *tb = dr_xcalloc(1, sizeof *tb);
	struct dr_breakdown_table *t = &tb->t;
	t->by = by;
	t->window = w;
	t->measure = dr_breakdown_measures(by, &t->nmeasure);
	switch (w) {
	case DR_WINDOW_MONTH: t->from = t->to = at; break;
	case DR_WINDOW_3_MONTHS: t->from = at - 2; t->to = at; break;
	case DR_WINDOW_WAVE: t->from = at - at % 3; t->to = t->from + 2; break;
	}
	if (by == DR_BY_PENDING_AGE)
		t->from = t->to = at;
	if (dr_breakdown_extract(by) == DR_DENIALS)
		for (dr_month mo = t->from; mo <= t->to; mo++)
			if (mo >= m->acc_first && mo <= m->last &&
			    dr_metrics_pending_provisional(&m->cells[d * m->nmonths + (size_t)(mo - m->acc_first)]))
				t->provisional = true;

	struct raws rs = { 0 };
	collect(m, d, by, w, at, t->from, t->to, &rs);
	struct raw total = { .key = (char *)"all", .label = (char *)"All" };
	for (size_t i = 0; i < rs.n; i++) {
		dr_metrics_cell_merge(&total.c, &rs.r[i].c);
		total.count += rs.r[i].count;
	}
	total.n = size_of(by, &total);
	order(by, &rs);

	/* Values and the first rule. */
	bool survey = dr_breakdown_extract(by) == DR_BURNOUT;
	t->ngroup = rs.n;
	t->group = dr_xcalloc(rs.n ? rs.n : 1, sizeof *t->group);
	bool *hidden = dr_xcalloc(rs.n ? rs.n : 1, sizeof *hidden);
	double *size = dr_xcalloc(rs.n ? rs.n : 1, sizeof *size);
	const char **name = dr_xcalloc(rs.n ? rs.n : 1, sizeof *name);
	size_t *idx = dr_xcalloc(rs.n ? rs.n : 1, sizeof *idx), k = 0;
	for (size_t i = 0; i < rs.n; i++) {
		bool h = fill_group(m, by, &rs.r[i], &total, &t->group[i], t->measure, t->nmeasure);
		if (h)
			hide(&t->group[i], t->nmeasure);
		if (!h && rs.r[i].n == 0)
			continue;   /* shown with size 0 (only cancellations): hiding it protects nothing */
		hidden[k] = h;
		size[k] = rs.r[i].n;
		name[k] = rs.r[i].key;
		idx[k++] = i;
	}
	bool total_hidden = fill_group(m, by, &total, &total, &t->total, t->measure, t->nmeasure);
	/* A window of several months whose one month is hidden in the dyad's
	 * own series would give that month away as the window's total minus
	 * the other months (each a shown rate times a shown count): in public
	 * such a window shows nothing. */
	bool window_hidden = !survey && m->priv.small_cells_below > 0 && t->from != t->to &&
	                     window_month_hidden(m, d, t, t->from,
	                                         t->to < m->last ? t->to : m->last);
	if (window_hidden) {
		total_hidden = true;
		for (size_t i = 0; i < k; i++)
			hidden[i] = true;
		for (size_t i = 0; i < rs.n; i++)
			if (!t->group[i].hidden)
				hide(&t->group[i], t->nmeasure);
	}
	/* Then the complementary rule, by size, among groups of some size, and
	 * in public the hidden groups' sum must not be a small cell either. */
	dr_suppress_complement(size, name, k, hidden);
	if (!survey && m->priv.small_cells_below > 0) {
		dr_suppress_hidden_sum(size, name, k, hidden, m->priv.small_cells_below);
		hidden_counts(m, &rs, idx, size, name, k, hidden, t->measure, t->nmeasure, &total);
	}
	for (size_t i = 0; i < k; i++)
		if (hidden[i] && !t->group[idx[i]].hidden)
			hide(&t->group[idx[i]], t->nmeasure);
	for (size_t i = 0; i < rs.n; i++)
		t->nhidden += t->group[i].hidden;
	if (total_hidden)
		hide(&t->total, t->nmeasure);
	if (by == DR_BY_PAYER_REASON)
		grid(m, tb, &rs);
	bool any = t->nhidden > 0 || total_hidden;
	for (size_t i = 0; i < t->ngroup * t->ncol; i++)
		any |= t->cell_hidden[i];
	if (any) {
		if (survey)
			snprintf(tb->why, sizeof tb->why, "fewer than %d respondents", m->priv.suppress_below);
		else if (window_hidden)
			snprintf(tb->why, sizeof tb->why, "a month of the period rests on 1 to %d patients' "
			         "records (CMS cell-size rule), so no total of the period is shown",
			         m->priv.small_cells_below - 1);
		else
			snprintf(tb->why, sizeof tb->why, "1 to %d patients' records (CMS cell-size rule)",
			         m->priv.small_cells_below - 1);
		t->hidden_why = tb->why;
	}

	for (size_t i = 0; i < rs.n; i++)
		raw_free(&rs.r[i]);
	free(rs.r);
	dr_metrics_cell_free(&total.c);
	free(hidden);
	free(size);
	free(name);
	free(idx);
	return t;
}

/* Frees what group g owns. */
static void group_free(struct dr_group *g)
{
	free(g->key);
	free(g->label);
	free(g->v);
}

void dr_breakdown_free(struct dr_breakdown_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ngroup; i++)
		group_free(&t->group[i]);
	free(t->group);
	group_free(&t->total);
	free(t->cell);
	free(t->cell_hidden);
	free((struct table *)t);
}

/* ---- per-group series ---- */

/* Builds, hides and judges the series of every group of one breakdown of
 * dyad d: groups are rows first .. first + ngroups - 1 of breakdown array
 * kind with rows in the trend window; metrics those of extract e. */
static void group_series(struct dr_metrics *m, size_t d, enum group_kind kind, size_t first,
                         size_t ngroups, const char *const *labels, enum dr_extract e,
                         struct group_series *gs)
{
	size_t nm = m->nmonths, *row = dr_xcalloc(ngroups + 1, sizeof *row);
	/* every group's months as whole cells (parts borrowed), as the series
	 * arithmetic reads them */
	struct cell *cells = dr_xcalloc(ngroups * nm + 1, sizeof *cells);
	for (size_t g = 0; g < ngroups; g++)
		for (size_t i = 0; i < nm; i++)
			cells[g * nm + i] = group_cell(m, kind, first + g, i);
	gs->n = 0;
	for (size_t g = 0; g < ngroups; g++) {
		long rows = 0;
		for (dr_month mo = m->first; mo <= m->last; mo++)
			rows += dr_cell_rows(&cells[g * nm + (size_t)(mo - m->acc_first)], e);
		if (rows > 0)
			row[gs->n++] = g;
	}
	gs->label = dr_xcalloc(gs->n + 1, sizeof *gs->label);
	for (size_t k = 0; k < gs->n; k++)
		gs->label[k] = labels[row[k]];
	gs->s = dr_xcalloc(gs->n * DR_NMETRICS + 1, sizeof *gs->s);
	double *size = dr_xcalloc(gs->n + 1, sizeof *size);
	const char **name = dr_xcalloc(gs->n + 1, sizeof *name);
	bool *hid = dr_xcalloc(gs->n + 1, sizeof *hid);
	size_t *at = dr_xcalloc(gs->n + 1, sizeof *at);
	for (int id = 0; id < DR_NMETRICS; id++) {
		if (dr_metric_def(id)->extract != e)
			continue;
		struct dr_series *s = &gs->s[(size_t)id * gs->n];
		for (size_t k = 0; k < gs->n; k++)
			dr_metrics_series_fill(m, &cells[row[k] * nm], id, &s[k]);
		/* The complementary rule per month across the groups with a point. */
		for (size_t i = 0; gs->n && i < s[0].n; i++) {
			size_t q = 0;
			for (size_t k = 0; k < gs->n; k++) {
				if (!s[k].suppressed[i] && isnan(s[k].value[i]))
					continue;
				size[q] = !isnan(s[k].den[i]) ? s[k].den[i] : s[k].num[i];
				if (!s[k].suppressed[i] && !(size[q] > 0))
					continue;   /* nothing to protect with */
				name[q] = gs->label[k];
				hid[q] = s[k].suppressed[i];
				at[q++] = k;
			}
			dr_suppress_complement(size, name, q, hid);
			for (size_t k = 0; k < q; k++)
				if (hid[k] && !s[at[k]].suppressed[i]) {
					struct dr_series *x = &s[at[k]];
					x->value[i] = x->num[i] = x->den[i] = NAN;
					x->suppressed[i] = true;
				}
		}
		for (size_t k = 0; k < gs->n; k++)
			dr_metrics_series_judge(m, d, &s[k]);
	}
	free(size);
	free(name);
	free(hid);
	free(at);
	free(row);
	free(cells);
}

void dr_metrics_group_series_finish(struct dr_metrics *m)
{
	m->gseries = dr_xcalloc(m->ndyads * 2 + 1, sizeof *m->gseries);
	for (size_t d = 0; d < m->ndyads; d++) {
		if (m->loaded[DR_VISITS])
			group_series(m, d, GROUPS_DEPT, m->dept_first[d], m->cfg->dyads[d].ndepartments,
			             (const char *const *)m->cfg->dyads[d].departments, DR_VISITS,
			             &m->gseries[d * 2]);
		if (m->loaded[DR_HANDOFFS])
			group_series(m, d, GROUPS_HTYPE, d * DR_NHANDOFF_TYPES, DR_NHANDOFF_TYPES,
			             htype_label, DR_HANDOFFS, &m->gseries[d * 2 + 1]);
	}
}

const struct dr_series *dr_metrics_group_series(const struct dr_metrics *m, size_t d,
                                                enum dr_breakdown by, enum dr_metric_id id,
                                                size_t *n, const char *const **labels)
{
	*n = 0;
	if (labels)
		*labels = NULL;
	if (!m->gseries || d >= m->ndyads || (int)id < 0 || id >= DR_NMETRICS)
		return NULL;
	enum dr_extract e = dr_metric_def(id)->extract;
	const struct group_series *gs;
	if (by == DR_BY_DEPARTMENT && e == DR_VISITS && m->loaded[e])
		gs = &m->gseries[d * 2];
	else if (by == DR_BY_HANDOFF_TYPE && e == DR_HANDOFFS && m->loaded[e])
		gs = &m->gseries[d * 2 + 1];
	else
		return NULL;
	*n = gs->n;
	if (labels)
		*labels = gs->label;
	return gs->n ? &gs->s[(size_t)id * gs->n] : NULL;
}

/* Frees what rows x nmonths months of breakdown array k own, and the
 * array (each month's part, through a whole-cell view that owns it). */
static void groups_free(struct dr_metrics *m, enum group_kind k, void *array, size_t rows)
{
	for (size_t i = 0; i < rows * m->nmonths; i++) {
		struct cell c = group_cell(m, k, i / m->nmonths, i % m->nmonths);
		dr_metrics_cell_free(&c);
	}
	free(array);
}

void dr_metrics_breakdown_free_all(struct dr_metrics *m)
{
	groups_free(m, GROUPS_DEPT, m->dept_cells, m->ndepts);
	groups_free(m, GROUPS_WEEKDAY, m->wday_cells, m->ndyads * 7);
	groups_free(m, GROUPS_HTYPE, m->htype_cells, m->ndyads * DR_NHANDOFF_TYPES);
	groups_free(m, GROUPS_ROLE, m->role_cells, m->ndyads * DR_NROLES);
	for (size_t i = 0; i < m->ndyads * DR_NKEYTABS; i++) {
		struct keytab *t = &m->keys[i];
		for (size_t e = 0; e < t->n; e++) {
			free(t->ent[e].key);
			free(t->ent[e].label);
			for (int a = 0; a < 2; a++) {
				struct cell c = key_cell(&t->ent[e], a);  /* it owns the part */
				dr_metrics_cell_free(&c);
			}
			free(t->ent[e].v);
			free(t->ent[e].d);
		}
		free(t->ent);
		free(t->slot);
	}
	free(m->keys);
	free(m->pending_age);
	free(m->dept_first);
	if (m->gseries) {
		for (size_t i = 0; i < m->ndyads * 2; i++) {
			struct group_series *gs = &m->gseries[i];
			for (size_t k = 0; k < gs->n * DR_NMETRICS; k++)
				dr_metrics_series_free(&gs->s[k]);
			free(gs->s);
			free(gs->label);
		}
		free(m->gseries);
	}
}

dr_month dr_metrics_latest_wave(const struct dr_metrics *m, size_t d, dr_month at)
{
	const struct dr_series *s = dr_metrics_series(m, d, DR_M_SURVEY_RESPONDENTS);
	for (size_t i = s ? s->n : 0; i-- > 0;)
		if (s->period[i] <= at && (s->suppressed[i] || s->num[i] > 0))
			return s->period[i];
	return at;
}
