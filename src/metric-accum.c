/*
 * metric-accum.c -- streams records into per-dyad, per-month accumulators.
 *
 * dr_metrics_add() is the row callback of dr_load_extract(): it finds the
 * dyad that owns the row's department (case-insensitive, one hash lookup),
 * the month the row belongs to (visit, submitted, handoff or survey date),
 * and adds the row to counts, sums and histograms: the dyad's cell, and the
 * cells of its breakdown groups (department, weekday, handoff type, role).
 * Rows of the report month and the two before it also go to the provider,
 * payer and service key tables (a key's text is copied once, when it is
 * new; past DR_KEYS_MAX keys rows go to "Other"). Requests still pending at
 * the report month's end are counted by age whatever their month; a
 * dyad's requests are also counted as they stood at the end of the month
 * before (pending then, approved or denied by then). Rows
 * outside the range are otherwise ignored; rows of a department no dyad
 * owns are only counted. Rows a measure leaves out, or counts as what they
 * do not say, are counted by cause (metric-leftout.c).
 *
 * Patient ids are hashed at once into a struct dr_idset per dyad and
 * month (about 8 bytes a distinct patient) and never kept; the cell counts
 * the ones that were new.
 * Never: prints, allocates per row (sets, histograms and key tables grow
 * geometrically, only with new members).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metric-int.h"

/* Hours within which a handoff of each type counts as on time
 * (dyadreport.ini(5), [handoffs] window.TYPE). */
static const double default_window[DR_NHANDOFF_TYPES] = {
	[DR_HANDOFF_SHIFT_CHANGE] = 1,
	[DR_HANDOFF_DISCHARGE] = 48,
	[DR_HANDOFF_REFERRAL] = 720,
	[DR_HANDOFF_RESULT_FOLLOWUP] = 168,
	[DR_HANDOFF_OTHER] = 72,
};

/* c in lower case, ASCII only (as strcasecmp in the C locale the program
 * runs in), inline: this runs for every byte of every row's department. */
static inline unsigned char fold(unsigned char c)
{
	return (unsigned)(c - 'A') < 26 ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Case-insensitive hash of a department code. */
static uint64_t dept_hash(const char *s)
{
	uint64_t h = DR_HASH64_SEED;      /* FNV-1a over the lower-cased bytes */
	for (; *s; s++)
		h = (h ^ fold((unsigned char)*s)) * 0x100000001b3ULL;
	return h;
}

/* Whether a and b are the same text but for ASCII case. */
static inline bool same_code(const char *a, const char *b)
{
	for (; *a && fold((unsigned char)*a) == fold((unsigned char)*b); a++, b++)
		;
	return *a == *b;
}

/* The department entry of code (dyad and cell row), or NULL. */
static const struct dept *owner(const struct dr_metrics *m, const char *code)
{
	size_t mask = m->ndept_slots - 1;
	for (size_t i = (size_t)dept_hash(code) & mask; m->depts[i].code; i = (i + 1) & mask)
		if (same_code(m->depts[i].code, code))
			return &m->depts[i];
	return NULL;
}

/* owner() for a row's department text, first through m->seen[e]: a site
 * spells its few codes the same way row after row, so one compare of a
 * word replaces the case-folded hash and walk. Only extract e's thread
 * touches m->seen[e]. */
static const struct dept *owner_of(struct dr_metrics *m, enum dr_extract e, const char *code)
{
	uint64_t text = 0;
	size_t len = 0;
	for (; len < 8 && code[len]; len++)
		text |= (uint64_t)(unsigned char)code[len] << (8 * len);
	if (len == 0 || code[len])
		return owner(m, code);
	size_t k = (size_t)((text * 0x9E3779B97F4A7C15ULL) >> 58);
	if (m->seen[e][k].len == len && m->seen[e][k].text == text)
		return m->seen[e][k].dp;
	const struct dept *dp = owner(m, code);
	m->seen[e][k].text = text;
	m->seen[e][k].len = (unsigned char)len;
	m->seen[e][k].dp = dp;
	return dp;
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
	m->dept_first = dr_xcalloc(m->ndyads ? m->ndyads : 1, sizeof *m->dept_first);
	for (size_t d = 0; d < cfg->ndyads; d++) {
		m->dept_first[d] = ndepts;
		ndepts += cfg->dyads[d].ndepartments;
	}
	m->ndepts = ndepts;
	m->dept_cells = dr_xcalloc(ndepts * m->nmonths + 1, sizeof *m->dept_cells);
	m->wday_cells = dr_xcalloc(m->ndyads * 7 * m->nmonths + 1, sizeof *m->wday_cells);
	m->htype_cells = dr_xcalloc(m->ndyads * DR_NHANDOFF_TYPES * m->nmonths + 1, sizeof *m->htype_cells);
	m->role_cells = dr_xcalloc(m->ndyads * DR_NROLES * m->nmonths + 1, sizeof *m->role_cells);
	m->keys = dr_xcalloc(m->ndyads * DR_NKEYTABS + 1, sizeof *m->keys);
	m->patients = dr_xcalloc(m->ndyads * m->nmonths + 1, sizeof *m->patients);
	for (size_t i = 0; i < m->ndyads * m->nmonths; i++)
		dr_idset_init(&m->patients[i], 8);      /* a month's patients: 7 bytes each */
	m->pending_age = dr_xcalloc(m->ndyads + 1, sizeof *m->pending_age);
	dr_month next = last + 1;
	m->last_end = dr_date_from_ymd(dr_month_year(next), dr_month_mon(next), 1) - 1;
	m->before_end = dr_date_from_ymd(dr_month_year(last), dr_month_mon(last), 1) - 1;
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
			m->depts[i].index = m->dept_first[d] + j;
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

/* The lead-time bucket of a lead of days days. */
static int lead_bucket(long days)
{
	static const long upper[DR_NLEAD - 1] = { 7, 14, 30, 60, 90 };
	int b = 0;
	while (b < DR_NLEAD - 1 && days > upper[b])
		b++;
	return b;
}

/* x rounded to a whole histogram value, halves away from zero as lround
 * does; past DR_HIST_MAX, DR_HIST_MAX (lround of a value past LONG_MAX
 * would be negative: the row lost). For 0 <= x < DR_HIST_MAX, x less its
 * whole part is exact, so no call to libm: this runs for every visit's
 * minutes and every handoff's hours. */
static long hist_value(double x)
{
	if (x >= (double)DR_HIST_MAX)
		return DR_HIST_MAX;
	if (!(x >= 0))
		return lround(x);
	long whole = (long)x;
	return whole + (x - (double)whole >= 0.5);
}

/* A completed visit's provider-day, for visits per clinic day: the
 * provider and month as the key, the day of the month its bit. */
struct provider_day {
	uint64_t key;
	unsigned day;               /* 0..30 */
};

/* One visit into a; with pd (dyads and providers only), its provider-day
 * too. */
static void add_visit(struct visits_acc *a, const struct dr_visit *v, const struct provider_day *pd)
{
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
	if (v->booked_date != DR_NO_DATE && v->booked_date <= v->visit_date) {
		dr_hist_add(&a->lead_days, v->visit_date - v->booked_date);
		a->lead[lead_bucket(v->visit_date - v->booked_date)]++;
	}
	if (!isnan(v->duration_min))
		dr_hist_add(&a->minutes, hist_value(v->duration_min));
	if (pd)
		dr_dayset_add(&a->clinic_days, pd->key, pd->day);
}

/* One authorization request into a. */
static void add_denial(struct denials_acc *a, const struct dr_denial *r)
{
	a->rows++;
	switch (r->status) {
	case DR_DENIAL_PENDING:
		a->pending++;
		return;
	case DR_DENIAL_APPROVED:
		a->approved++;
		if (!isnan(r->amount)) {
			a->approved_amount += r->amount;
			a->approved_with_amount++;
		}
		break;
	case DR_DENIAL_DENIED:
		a->denied++;
		a->reason[r->reason]++;
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

/* Request r into a's counts as they stood at the end of day before_end
 * (dr_metrics_denials_before): pending then when it is pending now or was
 * decided after that day; a decided request without a decision date
 * counts as decided then. */
static void add_denial_before(struct denials_acc *a, const struct dr_denial *r, dr_date before_end)
{
	if (r->status == DR_DENIAL_PENDING ||
	    (r->decision_date != DR_NO_DATE && r->decision_date > before_end))
		a->pending_before++;
	else if (r->status == DR_DENIAL_APPROVED)
		a->approved_before++;
	else if (r->status == DR_DENIAL_DENIED)
		a->denied_before++;
}

/* One handoff into a. */
static void add_handoff(const struct dr_config *cfg, struct handoffs_acc *a, const struct dr_handoff *h)
{
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
	dr_hist_add(&a->tenths, hist_value(h->hours_to_complete * 10));
}

/* One survey response: burned out is 3 or more on Mini-Z 1.0, 3 or less
 * on Mini-Z 2.0, whose scale runs the other way. */
static void add_response(const struct dr_config *cfg, struct burnout_acc *a, const struct dr_response *r)
{
	const int item[DR_NITEMS] = { r->satisfaction, r->stress, r->trust_leadership, r->teamwork };
	a->respondents++;
	a->burned += cfg->burnout_scale == DR_SCALE_MINZ2 ? r->burnout <= 3 : r->burnout >= 3;
	for (int i = 0; i < DR_NITEMS; i++) {
		if (item[i] < 1 || item[i] > 5)     /* 0: left empty */
			continue;
		a->item_n[i]++;
		a->item_sum[i] += item[i];
		a->item_agree[i] += item[i] >= 4;
	}
}

/* Grows the slot array of t to n slots and puts every entry back. */
static void keys_rehash(struct keytab *t, size_t n)
{
	free(t->slot);
	t->slot = dr_xcalloc(n, sizeof *t->slot);
	t->nslots = n;
	for (size_t e = 0; e < t->n; e++) {
		size_t i = (size_t)(t->ent[e].hash ^ (t->ent[e].hash >> 29)) & (n - 1);
		while (t->slot[i])
			i = (i + 1) & (n - 1);
		t->slot[i] = e + 1;
	}
}

/* Appends an entry for key (copied) with label and accumulators of
 * visits or of requests; returns it. */
static struct keyent *keys_append(struct keytab *t, uint64_t h, const char *key, const char *label,
                                  bool visits)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->ent = dr_xreallocarray(t->ent, t->cap, sizeof *t->ent);
	}
	struct keyent *e = &t->ent[t->n++];
	e->hash = h;
	e->key = dr_xstrdup(key);
	e->label = dr_xstrdup(label);
	e->v = visits ? dr_xcalloc(2, sizeof *e->v) : NULL;
	e->d = visits ? NULL : dr_xcalloc(2, sizeof *e->d);
	return e;
}

/* A text's dr_hash64, as key tables and patient sets take it. */
static inline uint64_t text_hash(const char *s)
{
	return dr_hash64(s, strlen(s), DR_HASH64_SEED);
}

/* The entry of key, whose text_hash is h, in t (label used only when the
 * key is new; its accumulators of visits or of requests); past DR_KEYS_MAX
 * keys, "Other". */
static struct keyent *keys_get(struct keytab *t, uint64_t h, const char *key, const char *label,
                               bool visits)
{
	if ((t->n + 1) * 2 > t->nslots)
		keys_rehash(t, t->nslots ? t->nslots * 2 : 64);
	size_t mask = t->nslots - 1, i = (size_t)(h ^ (h >> 29)) & mask;
	for (; t->slot[i]; i = (i + 1) & mask) {
		struct keyent *e = &t->ent[t->slot[i] - 1];
		if (e->hash == h && strcmp(e->key, key) == 0)
			return e;
	}
	if (t->n - (t->other != 0) >= DR_KEYS_MAX) {
		if (!t->other) {
			keys_append(t, 0, "more", "Other", visits);
			t->other = t->n;    /* not in the slots: no row's key can reach it */
		}
		return &t->ent[t->other - 1];
	}
	keys_append(t, h, key, label, visits);
	t->slot[i] = t->n;
	return &t->ent[t->n - 1];
}

/* Which key-table accumulator month mo goes to: 0 the report month, 1 the
 * two before it, -1 none. */
static int key_window(const struct dr_metrics *m, dr_month mo)
{
	return mo == m->last ? 0 : mo >= m->last - 2 && mo < m->last ? 1 : -1;
}

/* A request still pending at the end of the report month, by age. */
static void add_pending(struct dr_metrics *m, size_t d, const struct dr_denial *r)
{
	if (r->submitted_date > m->last_end ||
	    (r->decision_date != DR_NO_DATE && r->decision_date <= m->last_end))
		return;
	long age = m->last_end - r->submitted_date;
	m->pending_age[d][age <= 7 ? 0 : age <= 14 ? 1 : age <= 30 ? 2 : 3]++;
}

/* The row's department and own date; false for an unknown extract. */
static bool dept_and_date(enum dr_extract e, const void *record, const char **dept, dr_date *date)
{
	switch (e) {
	case DR_VISITS:
		*dept = ((const struct dr_visit *)record)->department;
		*date = ((const struct dr_visit *)record)->visit_date;
		return true;
	case DR_DENIALS:
		*dept = ((const struct dr_denial *)record)->department;
		*date = ((const struct dr_denial *)record)->submitted_date;
		return true;
	case DR_HANDOFFS:
		*dept = ((const struct dr_handoff *)record)->department;
		*date = ((const struct dr_handoff *)record)->handoff_date;
		return true;
	case DR_BURNOUT:
		*dept = ((const struct dr_response *)record)->department;
		*date = ((const struct dr_response *)record)->survey_date;
		return true;
	default:
		return false;
	}
}

bool dr_metrics_wants(enum dr_extract e, const void *record, void *ctx)
{
	const struct dr_metrics *m = ctx;
	const char *dept;
	dr_date date;
	if (!dept_and_date(e, record, &dept, &date))
		return false;
	dr_month mo = dr_month_of(date);
	if (mo >= m->acc_first && mo <= m->last)
		return true;
	if (e != DR_DENIALS)
		return false;
	const struct dr_denial *r = record;     /* pending at the report month's end? */
	return r->submitted_date <= m->last_end &&
	       (r->decision_date == DR_NO_DATE || r->decision_date > m->last_end);
}

void dr_metrics_add(enum dr_extract e, const void *record, void *ctx)
{
	struct dr_metrics *m = ctx;
	const char *dept;
	dr_date date;
	if (!dept_and_date(e, record, &dept, &date))
		return;
	const struct dept *dp = owner_of(m, e, dept);
	int mday;
	dr_month mo = dr_month_day_of(date, &mday);
	bool in_window = mo >= m->first && mo <= m->last;
	if (!dp) {
		m->unowned[e]++;
		if (in_window)
			dr_left_out_unowned(&m->left[e], dept);
		return;
	}
	dr_left_out_row(&m->left[e], e, record, in_window, m->last_end);
	size_t d = dp->dyad;
	int kw = key_window(m, mo);
	struct keytab *keys = &m->keys[d * DR_NKEYTABS];
	if (e == DR_DENIALS) {
		const struct dr_denial *r = record;
		add_pending(m, d, r);
		if (kw >= 0) {
			add_denial(&keys_get(&keys[DR_KEYS_PAYER], text_hash(r->payer), r->payer, r->payer,
			                     false)->d[kw], r);
			add_denial(&keys_get(&keys[DR_KEYS_SERVICE], text_hash(r->service), r->service,
			                     r->service, false)->d[kw], r);
		}
	}
	struct cell *c = dr_metrics_cell(m, d, mo);     /* NULL: outside the cells' months */
	/* A visit's provider is hashed once: for its key-table row, and for
	 * its provider-day when a completed visit goes to a row or a cell
	 * (key: the provider's hash and the month). */
	const struct dr_visit *v = e == DR_VISITS ? record : NULL;
	bool day = v && v->status == DR_VISIT_COMPLETED && (kw >= 0 || c);
	uint64_t provider = v && (kw >= 0 || day) ? text_hash(v->provider_id) : 0;
	struct provider_day pd = { 0, 0 };
	if (day)
		pd = (struct provider_day){ dr_hash64(&mo, sizeof mo, provider), (unsigned)(mday - 1) };
	if (v && kw >= 0) {
		const char *label = v->provider_name ? v->provider_name : v->provider_id;
		add_visit(&keys_get(&keys[DR_KEYS_PROVIDER], provider, v->provider_id, label, true)->v[kw],
		          v, &pd);
	}
	if (!c)
		return;
	size_t month = (size_t)(mo - m->acc_first), nm = m->nmonths;
	struct dept_acc *dc = &m->dept_cells[dp->index * nm + month];
	switch (e) {
	case DR_VISITS: {
		add_visit(&c->v, v, &pd);
		if (v->status == DR_VISIT_COMPLETED)
			c->v.patients += dr_idset_add(&m->patients[d * nm + month], text_hash(v->patient_id));
		/* department measures are counts and histograms (metric-breakdown-
		 * table.c): no patient or clinic-day set per department */
		add_visit(&dc->v, v, NULL);
		add_visit(&m->wday_cells[(d * 7 + (size_t)dr_date_weekday(date)) * nm + month], v, NULL);
		break;
	}
	case DR_DENIALS:
		add_denial(&c->d, record);
		add_denial_before(&c->d, record, m->before_end);
		break;
	case DR_HANDOFFS: {
		const struct dr_handoff *h = record;
		add_handoff(m->cfg, &c->h, h);
		add_handoff(m->cfg, &m->htype_cells[(d * DR_NHANDOFF_TYPES + h->type) * nm + month], h);
		break;
	}
	case DR_BURNOUT: {
		const struct dr_response *r = record;
		add_response(m->cfg, &c->b, r);
		add_response(m->cfg, &dc->b, r);
		add_response(m->cfg, &m->role_cells[(d * DR_NROLES + r->role) * nm + month], r);
		break;
	}
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

void dr_metrics_take_left_out(struct dr_metrics *m, enum dr_extract e, struct dr_left_out *out)
{
	*out = m->left[e];
	memset(&m->left[e], 0, sizeof m->left[e]);
}
