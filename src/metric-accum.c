/*
 * metric-accum.c -- streams records into per-dyad, per-month accumulators.
 *
 * dr_metrics_add() is the row callback of dr_load_extract(): it finds the
 * dyad that owns the row's department (case-insensitive, one hash lookup),
 * the month the row belongs to (visit, submitted, handoff or survey date),
 * and adds the row to counts, sums and histograms. Rows outside the range
 * are ignored; rows of a department no dyad owns are only counted.
 *
 * Patient ids are hashed at once into a 64-bit set and never kept.
 * Never: prints, allocates per row (sets and histograms grow geometrically).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metric-int.h"

/* Hours within which a handoff of each type counts as on time (SPEC.md). */
static const double default_window[DR_NHANDOFF_TYPES] = {
	[DR_HANDOFF_SHIFT_CHANGE] = 1,
	[DR_HANDOFF_DISCHARGE] = 48,
	[DR_HANDOFF_REFERRAL] = 720,
	[DR_HANDOFF_RESULT_FOLLOWUP] = 168,
	[DR_HANDOFF_OTHER] = 72,
};

/* Case-insensitive hash of a department code. */
static uint64_t dept_hash(const char *s)
{
	uint64_t h = DR_HASH64_SEED;      /* FNV-1a over the lower-cased bytes */
	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 0x100000001b3ULL;
	return h;
}

/* Index of the dyad owning department code, or -1. */
static long owner(const struct dr_metrics *m, const char *code)
{
	size_t mask = m->ndept_slots - 1;
	for (size_t i = (size_t)dept_hash(code) & mask; m->depts[i].code; i = (i + 1) & mask)
		if (strcasecmp(m->depts[i].code, code) == 0)
			return (long)m->depts[i].dyad;
	return -1;
}

struct dr_metrics *dr_metrics_new(const struct dr_config *cfg, dr_month first, dr_month last,
                                  const struct dr_privacy *priv)
{
	struct dr_metrics *m = dr_xcalloc(1, sizeof *m);
	m->cfg = cfg;
	m->priv = priv ? *priv : (struct dr_privacy){ .suppress_below = cfg->suppress_below };
	m->first = first;
	m->last = last;
	m->acc_first = first - (first % 3);     /* start of first's quarter */
	m->nmonths = (size_t)(last - m->acc_first + 1);
	m->ndyads = cfg->ndyads;
	m->cells = dr_xcalloc(m->ndyads * m->nmonths, sizeof *m->cells);

	size_t ndepts = 0;
	for (size_t d = 0; d < cfg->ndyads; d++)
		ndepts += cfg->dyads[d].ndepartments;
	m->ndept_slots = 16;
	while (m->ndept_slots < ndepts * 2)
		m->ndept_slots *= 2;
	m->depts = dr_xcalloc(m->ndept_slots, sizeof *m->depts);
	size_t mask = m->ndept_slots - 1;
	for (size_t d = 0; d < cfg->ndyads; d++)
		for (size_t j = 0; j < cfg->dyads[d].ndepartments; j++) {
			const char *code = cfg->dyads[d].departments[j];
			size_t i = (size_t)dept_hash(code) & mask;
			while (m->depts[i].code)
				i = (i + 1) & mask;
			m->depts[i].code = dr_xstrdup(code);
			m->depts[i].dyad = d;
		}
	return m;
}

struct cell *dr_metrics_cell(struct dr_metrics *m, size_t d, dr_month mo)
{
	if (mo < m->acc_first || mo > m->last)
		return NULL;
	return &m->cells[d * m->nmonths + (size_t)(mo - m->acc_first)];
}

void dr_metrics_mark_loaded(struct dr_metrics *m, enum dr_extract e)
{
	m->loaded[e] = true;
}

/* One visit. */
static void add_visit(struct cell *c, const struct dr_visit *v)
{
	struct visits_acc *a = &c->v;
	a->rows++;
	if (v->status == DR_VISIT_NO_SHOW)
		a->no_show++;
	if (v->status != DR_VISIT_COMPLETED)
		return;
	a->completed++;
	if (v->visit_type == DR_VISIT_NEW)
		a->new_completed++;
	if (!isnan(v->wrvu)) {
		a->wrvu_n++;
		a->wrvu_sum += v->wrvu;
	}
	if (v->booked_date != DR_NO_DATE && v->booked_date <= v->visit_date)
		dr_hist_add(&a->lead_days, v->visit_date - v->booked_date);
	if (!isnan(v->duration_min))
		dr_hist_add(&a->minutes, lround(v->duration_min));
	dr_set64_add(&a->patients, dr_hash64(v->patient_id, strlen(v->patient_id), DR_HASH64_SEED));
	uint64_t h = dr_hash64(v->provider_id, strlen(v->provider_id) + 1, DR_HASH64_SEED);
	dr_set64_add(&a->clinic_days, dr_hash64(&v->visit_date, sizeof v->visit_date, h));
}

/* One authorization request. */
static void add_denial(struct cell *c, const struct dr_denial *r)
{
	struct denials_acc *a = &c->d;
	a->rows++;
	switch (r->status) {
	case DR_DENIAL_PENDING:
		a->pending++;
		return;
	case DR_DENIAL_APPROVED:
		a->approved++;
		break;
	case DR_DENIAL_DENIED:
		a->denied++;
		if (!isnan(r->amount)) {
			a->denied_amount += r->amount;
			a->denied_with_amount++;
		}
		if (r->appeal == DR_APPEAL_OVERTURNED)
			a->overturned++;
		else if (r->appeal == DR_APPEAL_UPHELD)
			a->upheld++;
		else if (r->appeal == DR_APPEAL_PENDING)
			a->appeal_pending++;
		break;
	}
	if (r->decision_date != DR_NO_DATE) {
		long days = r->decision_date - r->submitted_date;
		a->decided++;
		a->over7 += days > 7;
		dr_hist_add(&a->days, days);
	}
}

/* One handoff. */
static void add_handoff(const struct dr_config *cfg, struct cell *c, const struct dr_handoff *h)
{
	struct handoffs_acc *a = &c->h;
	a->rows++;
	if (h->tool != DR_TOOL_UNKNOWN) {
		a->tool_known++;
		a->structured += h->tool == DR_TOOL_SBAR || h->tool == DR_TOOL_IPASS;
	}
	if (!h->completed)
		return;
	a->completed++;
	if (isnan(h->hours_to_complete))
		return;
	double window = !isnan(h->window_hours) ? h->window_hours
	              : !isnan(cfg->handoff_window[h->type]) ? cfg->handoff_window[h->type]
	              : default_window[h->type];
	a->within += h->hours_to_complete <= window;
	dr_hist_add(&a->tenths, lround(h->hours_to_complete * 10));
}

/* One survey response: burned out is 3 or more on Mini-Z 1.0, 3 or less
 * on Mini-Z 2.0, whose scale runs the other way. */
static void add_response(const struct dr_config *cfg, struct cell *c, const struct dr_response *r)
{
	c->b.respondents++;
	c->b.burned += cfg->burnout_scale == DR_SCALE_MINZ2 ? r->burnout <= 3 : r->burnout >= 3;
}

void dr_metrics_add(enum dr_extract e, const void *record, void *ctx)
{
	struct dr_metrics *m = ctx;
	const char *dept;
	dr_date date;
	switch (e) {
	case DR_VISITS:
		dept = ((const struct dr_visit *)record)->department;
		date = ((const struct dr_visit *)record)->visit_date;
		break;
	case DR_DENIALS:
		dept = ((const struct dr_denial *)record)->department;
		date = ((const struct dr_denial *)record)->submitted_date;
		break;
	case DR_HANDOFFS:
		dept = ((const struct dr_handoff *)record)->department;
		date = ((const struct dr_handoff *)record)->handoff_date;
		break;
	case DR_BURNOUT:
		dept = ((const struct dr_response *)record)->department;
		date = ((const struct dr_response *)record)->survey_date;
		break;
	default:
		return;
	}
	long d = owner(m, dept);
	if (d < 0) {
		m->unowned[e]++;
		return;
	}
	struct cell *c = dr_metrics_cell(m, (size_t)d, dr_month_of(date));
	if (!c)
		return;
	switch (e) {
	case DR_VISITS: add_visit(c, record); break;
	case DR_DENIALS: add_denial(c, record); break;
	case DR_HANDOFFS: add_handoff(m->cfg, c, record); break;
	case DR_BURNOUT: add_response(m->cfg, c, record); break;
	default: break;
	}
}

long dr_metrics_dyad_rows(const struct dr_metrics *m, size_t d, enum dr_extract e)
{
	long rows = 0;
	for (size_t i = 0; i < m->nmonths; i++)
		rows += dr_cell_rows(&m->cells[d * m->nmonths + i], e);
	return rows;
}

long dr_metrics_unowned(const struct dr_metrics *m, enum dr_extract e)
{
	return m->unowned[e];
}
