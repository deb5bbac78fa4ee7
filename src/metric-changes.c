/*
 * metric-changes.c -- what changed since last month (changes.h): the
 * verdict, target and phase changes of each summary metric, and the denial
 * months that were provisional last month and are final now, as a list the
 * summary page only prints.
 *
 * Last month's series is the same data cut after the month before the
 * report month and judged again (dr_metrics_series_as_of); the months now
 * final come from the counts of each month's requests as they stood then
 * (dr_metrics_denials_before). Memory: the list grows with changes only.
 * Never: prints, or judges anything the summary table would not judge.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/changes.h"
#include "metric-int.h"

void dr_changes_init(struct dr_changes *l)
{
	memset(l, 0, sizeof *l);
}

void dr_changes_free(struct dr_changes *l)
{
	free(l->c);
	memset(l, 0, sizeof *l);
}

static void push(struct dr_changes *l, const struct dr_change *c)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->c = dr_xreallocarray(l->c, l->cap, sizeof *l->c);
	}
	l->c[l->n++] = *c;
}

enum dr_unjudged dr_changes_unjudged(const struct dr_series *s, size_t *at)
{
	*at = s ? s->n : 0;
	if (!s || s->n == 0)
		return DR_UNJUDGED_NO_VALUE;
	size_t j = dr_series_last_complete(s);
	*at = j;
	if (s->too_hidden)
		return DR_UNJUDGED_HIDDEN;
	/* The summary table gives the report period's n, not a verdict. */
	if (dr_series_small_n(s, s->n - 1) || (j < s->n && dr_series_small_n(s, j)))
		return DR_UNJUDGED_FEW_CASES;
	if (j >= s->n)
		return DR_UNJUDGED_NO_VALUE;
	return dr_series_judged(s, j) ? DR_UNJUDGED_NONE : DR_UNJUDGED_NO_LIMITS;
}

static bool special(enum dr_spc_point_type t)
{
	return t == DR_POINT_IMPROVEMENT || t == DR_POINT_CONCERN || t == DR_POINT_NEUTRAL_HIGH ||
	       t == DR_POINT_NEUTRAL_LOW;
}

/* Whether s's latest complete value can be held against its target:
 * *met says whether it meets it, *at which point it is. */
static bool target_state(const struct dr_series *s, size_t *at, bool *met)
{
	if (!s || s->n == 0 || !s->has_target || !isfinite(s->target))
		return false;
	size_t j = dr_series_last_complete(s);
	if (j >= s->n || dr_series_small_n(s, j) || dr_series_small_n(s, s->n - 1))
		return false;
	*at = j;
	*met = s->better >= 0 ? s->value[j] >= s->target : s->value[j] <= s->target;
	return true;
}

void dr_changes_of_series(const struct dr_series *now, const struct dr_series *then,
                          dr_month report, struct dr_changes *l)
{
	if (!now || now->n == 0)
		return;
	struct dr_change c = { .def = now->def, .value = NAN, .was_value = NAN, .target = NAN };
	size_t j, k;
	enum dr_unjudged why_now = dr_changes_unjudged(now, &j);
	enum dr_unjudged why_then = dr_changes_unjudged(then, &k);
	if (why_now == DR_UNJUDGED_NONE && why_then == DR_UNJUDGED_NONE) {
		c.at = now->period[j];
		c.was_at = then->period[k];
		c.type = now->spc[j].type;
		c.was_type = then->spc[k].type;
		c.signal = now->spc[j].signal;
		if (special(c.type) && c.was_type != c.type) {
			c.kind = DR_CHANGE_NEW_SIGNAL;
			push(l, &c);
		} else if (special(c.was_type) && !special(c.type)) {
			c.kind = DR_CHANGE_SIGNAL_ENDED;
			push(l, &c);
		}
	} else if ((why_now == DR_UNJUDGED_NONE) != (why_then == DR_UNJUDGED_NONE)) {
		c.kind = DR_CHANGE_NOT_JUDGED;
		bool judged_now = why_now == DR_UNJUDGED_NONE;
		c.why = judged_now ? why_then : why_now;
		c.at = judged_now ? now->period[j] : now->period[now->n - 1];
		c.was_at = judged_now ? (then && then->n ? then->period[then->n - 1] : report - 1)
		                      : then->period[k];
		c.type = judged_now ? now->spc[j].type : DR_POINT_NONE;
		c.was_type = judged_now ? DR_POINT_NONE : then->spc[k].type;
		push(l, &c);
	}

	bool met, was_met;
	if (target_state(now, &j, &met) && target_state(then, &k, &was_met) && met != was_met) {
		struct dr_change t = { .kind = met ? DR_CHANGE_TARGET_MET : DR_CHANGE_TARGET_MISSED,
		                       .def = now->def, .at = now->period[j], .was_at = then->period[k],
		                       .value = now->value[j], .was_value = then->value[k],
		                       .target = now->target };
		push(l, &t);
	}

	for (size_t a = 0; a < now->nann; a++)
		if (now->ann[a].rebase && now->ann[a].month == report) {
			struct dr_change p = { .kind = DR_CHANGE_PHASE, .def = now->def, .at = report,
			                       .value = NAN, .was_value = NAN, .target = NAN,
			                       .text = now->ann[a].text ? now->ann[a].text : "" };
			push(l, &p);
		}
}

/* Whether count c would be hidden as a small cell under m's privacy. */
static bool small_cell(const struct dr_metrics *m, double c)
{
	return dr_suppress_small(c, m->priv.small_cells_below);
}

void dr_changes_now_final(const struct dr_metrics *m, size_t d, const struct dr_series *now,
                          struct dr_changes *l)
{
	if (!now || now->def->id != DR_M_INITIAL_DENIAL_RATE)
		return;
	for (size_t i = 0; i < now->n; i++) {
		struct dr_denials_before b;
		if (!dr_metrics_denials_before(m, d, now->period[i], &b) || b.rows == 0)
			continue;
		bool was_provisional = (double)b.pending_then > 0.10 * (double)b.rows;
		if (!was_provisional || now->provisional[i] || now->suppressed[i] ||
		    isnan(now->value[i]) || dr_series_small_n(now, i))
			continue;
		double decided = (double)(b.approved_then + b.denied_then);
		/* A value then on too few cases, or resting on a small count in
		 * public, is not quoted; nor is one whose difference from now's
		 * gives a small count away (the requests decided since, denied
		 * or approved). */
		if (dr_rate_small_n(now->def, decided, now->min_den) ||
		    (decided > 0 && (small_cell(m, (double)b.denied_then) || small_cell(m, decided) ||
		                     small_cell(m, (double)b.approved_then))) ||
		    small_cell(m, (double)(b.denied_now - b.denied_then)) ||
		    small_cell(m, (double)(b.approved_now - b.approved_then)))
			continue;
		double then = decided > 0 ? (double)b.denied_then / decided : NAN;
		char a[32] = "", z[32] = "";
		if (!isnan(then))
			dr_chart_format_value(now->def->unit, then, -1, a, sizeof a);
		dr_chart_format_value(now->def->unit, now->value[i], -1, z, sizeof z);
		if (strcmp(a, z) == 0)
			continue;
		struct dr_change c = { .kind = DR_CHANGE_NOW_FINAL, .def = now->def, .at = now->period[i],
		                       .was_at = now->period[now->n - 1] - 1,
		                       .value = now->value[i], .was_value = then, .target = NAN };
		push(l, &c);
	}
}

static int cmp_change(const void *a, const void *b)
{
	const struct dr_change *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->kind == DR_CHANGE_PHASE) {
		int t = strcmp(x->text, y->text);
		if (t)
			return t;
	}
	if (x->def->id != y->def->id)
		return x->def->id < y->def->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

void dr_changes_build(const struct dr_metrics *m, size_t d, dr_month report,
                      const bool listed[DR_NMETRICS], struct dr_changes *l)
{
	for (int id = 0; id < DR_NMETRICS; id++) {
		const struct dr_series *now = listed[id] ? dr_metrics_series(m, d, id) : NULL;
		if (!now)
			continue;
		struct dr_series then;
		bool have = dr_metrics_series_as_of(m, d, id, report - 1, &then);
		dr_changes_of_series(now, have ? &then : NULL, report, l);
		dr_changes_now_final(m, d, now, l);
		if (have)
			dr_series_as_of_free(&then);
	}
	if (l->n > 1)
		qsort(l->c, l->n, sizeof *l->c, cmp_change);
}

bool dr_changes_any_judged(const struct dr_changes *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->c[i].kind < DR_CHANGE_NOW_FINAL)
			return true;
	return false;
}

/* ---- words ---- */

struct words {
	char *s;
	size_t size, len;
};

static void put(struct words *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct words *o, const char *fmt, ...)
{
	if (o->len >= o->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->s + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len += (size_t)k;
}

/* "October 2026", or "Q4 2026" for a survey wave. */
static void when(struct words *o, const struct dr_metric_def *def, dr_month mo)
{
	if (def->period == DR_PERIOD_QUARTER)
		put(o, "Q%d %d", (dr_month_mon(mo) - 1) / 3 + 1, dr_month_year(mo));
	else
		put(o, "%s %d", dr_month_name(mo), dr_month_year(mo));
}

static const char *verdict(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_IMPROVEMENT: return "an improvement";
	case DR_POINT_CONCERN: return "a concern";
	case DR_POINT_NEUTRAL_HIGH: return "a special cause (higher)";
	case DR_POINT_NEUTRAL_LOW: return "a special cause (lower)";
	case DR_POINT_COMMON: return "common cause";
	default: return "not judged";
	}
}

static const char *rule(enum dr_spc_signal s)
{
	switch (s) {
	case DR_SIGNAL_OUTSIDE: return "beyond a process limit";
	case DR_SIGNAL_TREND: return "a trend";
	case DR_SIGNAL_TWO_OF_THREE: return "two of three points near a limit";
	case DR_SIGNAL_RUN: return "a run on one side of the centre line";
	default: return "the runs rules";
	}
}

static const char *reason(enum dr_unjudged why)
{
	switch (why) {
	case DR_UNJUDGED_FEW_CASES: return "too few cases";
	case DR_UNJUDGED_HIDDEN: return "too much hidden for privacy";
	case DR_UNJUDGED_NO_LIMITS: return "its phase has no limits yet";
	default: return "no complete value";
	}
}

static void value(struct words *o, const struct dr_metric_def *def, double v)
{
	char buf[32];
	if (isnan(v)) {
		put(o, "no value");
		return;
	}
	dr_chart_format_value(def->unit, v, -1, buf, sizeof buf);
	put(o, "%s", buf);
}

size_t dr_change_words(const struct dr_changes *l, size_t k, char *out, size_t size)
{
	if (size == 0 || k >= l->n)
		return 0;
	struct words o = { out, size, 0 };
	out[0] = '\0';
	const struct dr_change *c = &l->c[k];
	const char *label = c->def->label;
	size_t used = 1;
	switch (c->kind) {
	case DR_CHANGE_NEW_SIGNAL:
		put(&o, "%s: a new special cause in ", label);
		when(&o, c->def, c->at);
		put(&o, ", %s (%s); ", verdict(c->type), rule(c->signal));
		when(&o, c->def, c->was_at);
		put(&o, " was %s.", verdict(c->was_type));
		break;
	case DR_CHANGE_SIGNAL_ENDED:
		put(&o, "%s: the special cause has ended: ", label);
		when(&o, c->def, c->at);
		put(&o, " is common cause; ");
		when(&o, c->def, c->was_at);
		put(&o, " was %s.", verdict(c->was_type));
		break;
	case DR_CHANGE_NOT_JUDGED:
		if (c->type != DR_POINT_NONE) {
			put(&o, "%s: judged this month, ", label);
			when(&o, c->def, c->at);
			put(&o, " is %s; last month it could not be judged (%s).", verdict(c->type),
			    reason(c->why));
		} else {
			put(&o, "%s: not judged this month (%s); ", label, reason(c->why));
			when(&o, c->def, c->was_at);
			put(&o, " was %s.", verdict(c->was_type));
		}
		break;
	case DR_CHANGE_TARGET_MET:
	case DR_CHANGE_TARGET_MISSED: {
		bool met = c->kind == DR_CHANGE_TARGET_MET;
		put(&o, "%s: target ", label);
		value(&o, c->def, c->target);
		put(&o, " newly %s: ", met ? "met" : "missed");
		value(&o, c->def, c->value);
		put(&o, " in ");
		when(&o, c->def, c->at);
		put(&o, ", against ");
		value(&o, c->def, c->was_value);
		put(&o, " in ");
		when(&o, c->def, c->was_at);
		put(&o, ".");
		break;
	}
	case DR_CHANGE_PHASE:
		put(&o, "New phase from ");
		when(&o, c->def, c->at);
		put(&o, ": %s \xE2\x80\x94 %s", c->text, label);
		while (k + used < l->n && l->c[k + used].kind == DR_CHANGE_PHASE &&
		       strcmp(l->c[k + used].text, c->text) == 0 && l->c[k + used].at == c->at) {
			put(&o, ", %s", l->c[k + used].def->label);
			used++;
		}
		put(&o, ".");
		break;
	case DR_CHANGE_NOW_FINAL:
		put(&o, "%s, ", label);
		when(&o, c->def, c->at);
		put(&o, ": ");
		value(&o, c->def, c->was_value);
		{       /* "as of 30 September 2026": the last day of the month before */
			int y, mo, day;
			dr_date_to_ymd(dr_date_from_ymd(dr_month_year(c->was_at + 1),
			                                dr_month_mon(c->was_at + 1), 1) - 1, &y, &mo, &day);
			put(&o, " as of %d %s %d (then provisional), ", day, dr_month_name(c->was_at), y);
		}
		value(&o, c->def, c->value);
		put(&o, " now final.");
		break;
	default:
		break;
	}
	return used;
}
