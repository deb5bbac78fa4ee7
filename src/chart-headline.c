/*
 * chart-headline.c -- the plain-language sentences under each chart.
 *
 * "No-show rate was 6.9% in October 2026, up from 4.9%. Within the process
 * limits: normal variation, not a real change. Limits recalculated from
 * April 2026 (Text reminders start). Target 8.0%: met this month; the
 * process will hit and miss it."
 *
 * When the last (report) period has no value, the sentence begins with
 * why: "No value for October 2026: the handoffs extract has no rows in
 * it." (or
 * "hidden to protect privacy", "no cases in it"), then goes on with the
 * latest period that has one.
 *
 * In order: the latest value and period (provisional named), the change
 * from the previous period in printed numbers, what SPC says over the
 * chart's window, the phase the limits come from when there was a rebase,
 * and the target with its assurance. A rate on too few cases, or a series
 * privacy hid too much of, gets no comparison or verdict at all
 * (dr_headline_guard, chart-headline-guard.c).
 *
 * What SPC says is written from the marks the chart draws (the signal
 * episodes of chart-signals.c), so the two cannot disagree: every kind of
 * special cause drawn is named with its periods and its verdict, then
 * where the latest complete period stands: "January was above the upper
 * limit: a real rise; January–July fell every month and July was below
 * the lower limit: a real drop; October is back within the limits." Only
 * a window without a mark reads "normal variation, not a real change". A
 * provisional period is still closing and never judged. Months in the
 * latest period's year go without the year.
 *
 * For a public slide (dr_headline_public) the same first sentence, then
 * in plain words only where the latest complete period stands ("Normal
 * ups and downs: no real change.", "A real improvement, not chance.") and
 * whether the target is met: no limits,
 * rules, phases or trial limits named (the definitions page explains
 * them), so it fits two lines of a slide.
 *
 * Small multiples (dr_headline_groups): the groups whose latest complete
 * point is a special cause, then the groups marked only earlier; "no real
 * change" only when no panel marks a point.
 *
 * Takes a judged struct dr_series and writes into the caller's buffer
 * (truncated safely). Never: allocates, prints, or invents a direction
 * the rules do not give.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"
#include "chart-int.h"

void dr_words_put(struct dr_words *o, const char *fmt, ...)
{
	va_list ap;
	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->s + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	o->len = n < 0 ? o->size : o->len + (size_t)n;
}

void dr_chart_period_words(dr_month mo, enum dr_chart_period p, char *out, size_t size)
{
	if (p == DR_PERIOD_QUARTER)
		snprintf(out, size, "Q%d %d", (dr_month_mon(mo) - 1) / 3 + 1, dr_month_year(mo));
	else
		snprintf(out, size, "%s %d", dr_month_name(mo), dr_month_year(mo));
}

/* "October 2026" or "Q4 2026". */
void dr_headline_period(const struct dr_series *s, size_t i, char *out, size_t size)
{
	dr_chart_period_words(s->period[i], s->def->period, out, size);
}

size_t dr_series_last_complete(const struct dr_series *s)
{
	for (size_t i = s->n; i-- > 0;)
		if (!isnan(s->value[i]) && !s->provisional[i])
			return i;
	return s->n;
}

bool dr_series_judged(const struct dr_series *s, size_t j)
{
	if (j >= s->n || isnan(s->value[j]) || isnan(s->spc[j].cl) || dr_series_small_n(s, j))
		return false;           /* no value, no lines, or too few cases */
	const struct dr_spc_point *p = &s->spc[j];
	return !isnan(p->lcl) || !isnan(p->ucl) || s->chart == DR_SPC_RUN ||
	       p->signal != DR_SIGNAL_NONE || p->runs.signal;
}

/* Most episodes a headline names; a longer list ends "and more". */
#define MAX_EPISODES 48

/* "July" in the latest point's year, else "July 2025" ("Q3", "Q3 2025");
 * year < 0: never the year, > 0: always. */
static void when(struct dr_words *o, const struct dr_series *s, size_t i, size_t ref, int year)
{
	dr_month mo = s->period[i];
	if (s->def->period == DR_PERIOD_QUARTER)
		dr_words_put(o, "Q%d", (dr_month_mon(mo) - 1) / 3 + 1);
	else
		dr_words_put(o, "%s", dr_month_name(mo));
	if (year > 0 || (year == 0 && dr_month_year(mo) != dr_month_year(s->period[ref])))
		dr_words_put(o, " %d", dr_month_year(mo));
}

/* "July", "March\u2013August", "March\u2013May 2025", "November 2025\u2013May 2026". */
static void range(struct dr_words *o, const struct dr_series *s, const struct dr_episode *e, size_t ref)
{
	int y1 = dr_month_year(s->period[e->first]), y2 = dr_month_year(s->period[e->last]);
	when(o, s, e->first, ref, e->first != e->last && y1 == y2 ? -1 : 0);
	if (e->first != e->last) {
		dr_words_put(o, "\u2013");
		when(o, s, e->last, ref, y1 != y2 ? 1 : 0);
	}
}

/* "an improvement", "a concern", "a real rise" or "a real drop". */
static const char *verdict(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_IMPROVEMENT: return "an improvement";
	case DR_POINT_CONCERN: return "a concern";
	case DR_POINT_NEUTRAL_HIGH: return "a real rise";
	default: return "a real drop";
	}
}

static bool same_group(const struct dr_episode *a, const struct dr_episode *b)
{
	return a->kind == b->kind && a->side == b->side;
}

/*
 * One clause for the episodes of ep[0..n) of the same kind and side as
 * ep[g], e.g. "May and July were above the upper limit".
 */
static void clause(struct dr_words *o, const struct dr_series *s, const struct dr_episode *ep,
                   size_t n, size_t g, size_t ref)
{
	const struct dr_episode *e = &ep[g];
	const char *centre = s->chart == DR_SPC_RUN ? "median" : "centre line";
	const char *hi = e->side > 0 ? "above" : "below";
	const struct dr_spc_runs *r = &s->spc[e->first].runs;
	size_t count = 0, points = 0;

	for (size_t k = g; k < n; k++)
		if (same_group(&ep[k], e))
			count++, points += ep[k].last - ep[k].first + 1;
	if (e->kind == DR_EPISODE_CROSSINGS) {
		if (r->crossings == 0)
			dr_words_put(o, "the %s was never crossed where at least %d crossings are expected, and ",
			    centre, r->crossings_min);
		else if (r->crossings == 1)
			dr_words_put(o, "the %s was crossed only once where at least %d crossings are "
			    "expected, and ", centre, r->crossings_min);
		else
			dr_words_put(o, "the %s was crossed only %d times where at least %d crossings are "
			    "expected, and ", centre, r->crossings, r->crossings_min);
	}
	for (size_t k = g, done = 0; k < n; k++) {
		if (!same_group(&ep[k], e))
			continue;
		if (done > 0)
			dr_words_put(o, "%s", done + 1 == count ? " and " : ", ");
		range(o, s, &ep[k], ref);
		done++;
	}
	const char *be = points > 1 ? "were" : "was";
	switch (e->kind) {
	case DR_EPISODE_OUTSIDE:
		dr_words_put(o, " %s %s the %s limit", be, hi, e->side > 0 ? "upper" : "lower");
		break;
	case DR_EPISODE_TREND:
		dr_words_put(o, " %s every %s", e->side > 0 ? "rose" : "fell",
		    s->def->period == DR_PERIOD_QUARTER ? "wave" : "month");
		break;
	case DR_EPISODE_TWO_OF_THREE:
		dr_words_put(o, " %s close to the %s limit", be, e->side > 0 ? "upper" : "lower");
		break;
	case DR_EPISODE_RUN:
		dr_words_put(o, " ran %s the %s", hi, centre);
		break;
	case DR_EPISODE_LONG_RUN:
		dr_words_put(o, " ran %s the %s (more than %d in a row is unlikely by chance)", hi, centre,
		    r->longest_max);
		break;
	case DR_EPISODE_CROSSINGS:
		dr_words_put(o, " %s %s it", points > 1 ? "are" : "is", hi);
		break;
	}
}

/*
 * What the rules say over the chart's window, from the marks it draws:
 * every kind of special cause with its periods and verdict, then where
 * the latest complete point j stands. Returns false (nothing written)
 * when no point is marked.
 */
static bool episodes(struct dr_words *o, const struct dr_series *s, size_t i, size_t j)
{
	struct dr_episode ep[MAX_EPISODES];
	size_t n = dr_series_episodes(s, ep, MAX_EPISODES);
	bool first[MAX_EPISODES], outside = false, in_episode = false;
	enum dr_spc_point_type last_verdict = DR_POINT_NONE;
	size_t start = o->len;

	if (n == 0)
		return false;
	/* A group (kind and side) is told once, where it first appears. */
	for (size_t k = 0; k < n; k++) {
		first[k] = true;
		for (size_t b = 0; b < k; b++)
			first[k] &= !same_group(&ep[b], &ep[k]);
		outside |= ep[k].kind == DR_EPISODE_OUTSIDE;
		in_episode |= ep[k].first <= j && j <= ep[k].last && dr_series_marked(s, j);
	}
	for (size_t k = 0; k < n; k++) {
		if (!first[k])
			continue;
		/* Groups with one verdict share it: "A, B and C: a concern". */
		size_t next = k + 1;
		while (next < n && !first[next])
			next++;
		bool more_same = next < n && ep[next].type == ep[k].type;
		if (last_verdict == ep[k].type)
			dr_words_put(o, "%s", more_same ? ", " : " and ");
		else if (last_verdict != DR_POINT_NONE)
			dr_words_put(o, "; ");
		clause(o, s, ep, n, k, i);
		if (!more_same)
			dr_words_put(o, ": %s", verdict(ep[k].type));
		last_verdict = ep[k].type;
	}
	if (n == MAX_EPISODES)
		dr_words_put(o, " (and more)");
	if (!in_episode && dr_series_judged(s, j)) {
		dr_words_put(o, "; ");
		when(o, s, j, i, 0);
		if (j != i)
			dr_words_put(o, ", the latest complete %s,", s->def->period == DR_PERIOD_QUARTER ? "wave" : "month");
		dr_words_put(o, " %s", outside ? "is back within the limits" : "shows no special cause");
	}
	dr_words_put(o, ".");
	if (start < o->size && o->s[start] >= 'a' && o->s[start] <= 'z')
		o->s[start] = (char)(o->s[start] - 'a' + 'A');
	return true;
}

/* What the rules say when no point is marked: point j is judged alone. */
static void judgement(struct dr_words *o, const struct dr_series *s, size_t j, bool lower)
{
	const struct dr_spc_point *p = &s->spc[j];

	if (dr_series_small_n(s, j)) {
		char n[32];
		dr_chart_format_value(DR_UNIT_COUNT, s->den[j], 0, n, sizeof n);
		dr_words_put(o, "%soo few cases to judge (%s, fewer than %d).", lower ? "t" : "T", n, s->min_den);
		return;
	}
	if (!dr_series_judged(s, j)) {
		dr_words_put(o, "%s", lower ? "too few points to judge variation." : "Too few points to judge variation.");
		return;
	}
	if (s->rules == DR_SPC_ANHOEJ && p->runs.signal) {
		/* A runs signal with no point to carry it: the phase as a whole. */
		const char *centre = s->chart == DR_SPC_RUN ? "median" : "centre line";
		if (p->runs.longest > p->runs.longest_max)
			dr_words_put(o, "%special cause: a run of %d points on one side of the %s (more than %d "
			    "is unlikely by chance).", lower ? "s" : "S", p->runs.longest, centre,
			    p->runs.longest_max);
		else
			dr_words_put(o, "%special cause: only %d crossing%s of the %s where at least %d are "
			    "expected.", lower ? "s" : "S", p->runs.crossings,
			    p->runs.crossings == 1 ? "" : "s", centre, p->runs.crossings_min);
		return;
	}
	if (isnan(p->ucl) && isnan(p->lcl))
		dr_words_put(o, "%s", lower ? "no sign of a shift or trend: random variation."
		                   : "No sign of a shift or trend: random variation.");
	else
		dr_words_put(o, "%s", lower ? "within the process limits: normal variation, not a real change."
		                   : "Within the process limits: normal variation, not a real change.");
}

/* "Limits recalculated from April 2026 (Text reminders start)." when the
 * latest phase was started by an annotation; trial limits named. */
static void phase_note(struct dr_words *o, const struct dr_series *s, size_t j)
{
	size_t start = j;
	while (start > 0 && s->spc[start - 1].phase == s->spc[j].phase)
		start--;
	if (start > 0) {
		char when[32];
		const char *why = NULL;
		dr_headline_period(s, start, when, sizeof when);
		for (size_t a = 0; a < s->nann; a++)
			if (s->ann[a].rebase && s->ann[a].month >= s->period[start] &&
			    s->ann[a].month < s->period[start] + (s->def->period == DR_PERIOD_QUARTER ? 3 : 1))
				why = s->ann[a].text;
		dr_words_put(o, " Limits recalculated from %s%s%s%s.", when, why ? " (" : "", why ? why : "",
		    why ? ")" : "");
	}
	if (s->summary.trial_limits && !isnan(s->spc[j].ucl))
		dr_words_put(o, " Trial limits: 12 or fewer points so far.");
}

/* "Target 8.0%: met this month; the process will hit and miss it." */
/* What a target sentence needs of period i: "this month" ("this wave",
 * or "in September 2026" when the report period has no value) into now,
 * the target as printed into tgt; returns whether i's value meets it. */
static bool target_facts(const struct dr_series *s, size_t i, char *now, size_t now_size,
                         char *tgt, size_t tgt_size)
{
	if (i + 1 < s->n) {         /* the report period has no value: name i's */
		char when[48];
		dr_headline_period(s, i, when, sizeof when);
		snprintf(now, now_size, "in %s", when);
	} else {
		snprintf(now, now_size, "%s", s->def->period == DR_PERIOD_QUARTER ? "this wave"
		                                                                  : "this month");
	}
	dr_chart_format_value(s->def->unit, s->target, -1, tgt, tgt_size);
	return s->better >= 0 ? s->value[i] >= s->target : s->value[i] <= s->target;
}

static void target_note(struct dr_words *o, const struct dr_series *s, size_t i)
{
	char tgt[32], now[64];
	bool met = target_facts(s, i, now, sizeof now, tgt, sizeof tgt);
	dr_words_put(o, " Target %s: ", tgt);
	switch (s->summary.assurance) {
	case DR_ASSURE_PASS:
		if (met)
			dr_words_put(o, "met, and the process consistently meets it.");
		else
			dr_words_put(o, "not met %s, though the process normally meets it.", now);
		break;
	case DR_ASSURE_FAIL:
		if (met)
			dr_words_put(o, "met %s, but the process normally does not.", now);
		else
			dr_words_put(o, "not met, and the process will not meet it without a change.");
		break;
	case DR_ASSURE_HIT_AND_MISS:
		dr_words_put(o, "%s %s; the process will hit and miss it.", met ? "met" : "not met", now);
		break;
	default:
		dr_words_put(o, "%s.", met ? "met" : "not met");
		break;
	}
}

/* The public headline's verdict on the latest complete point j (i: the
 * latest with a value), in plain words: no limits, rules or runs named. */
static void plain_verdict(struct dr_words *o, const struct dr_series *s, size_t i, size_t j)
{
	char verdict[160];
	const struct dr_spc_point *p = &s->spc[j];
	bool earlier = false;
	for (size_t k = 0; k < j; k++)
		earlier |= s->spc[k].type > DR_POINT_COMMON && !isnan(s->value[k]);
	if (dr_series_small_n(s, j))
		snprintf(verdict, sizeof verdict, "Too few cases to judge.");
	else if (!dr_series_judged(s, j))
		snprintf(verdict, sizeof verdict, "Too few %ss so far to judge.",
		         s->def->period == DR_PERIOD_QUARTER ? "wave" : "month");
	else if (p->type == DR_POINT_IMPROVEMENT)
		snprintf(verdict, sizeof verdict, "A real improvement, not chance.");
	else if (p->type == DR_POINT_CONCERN)
		snprintf(verdict, sizeof verdict, "A real change for the worse, not chance.");
	else if (p->type == DR_POINT_NEUTRAL_HIGH)
		snprintf(verdict, sizeof verdict, "A real rise, not chance.");
	else if (p->type == DR_POINT_NEUTRAL_LOW)
		snprintf(verdict, sizeof verdict, "A real drop, not chance.");
	else if (s->rules == DR_SPC_ANHOEJ && p->runs.signal)
		snprintf(verdict, sizeof verdict, "A real change, not chance.");
	else if (earlier)
		snprintf(verdict, sizeof verdict, "Normal ups and downs now; the chart marks earlier "
		         "real changes.");
	else
		snprintf(verdict, sizeof verdict, "Normal ups and downs: no real change.");
	if (j != i) {
		char jw[32];
		dr_headline_period(s, j, jw, sizeof jw);
		verdict[0] = (char)(verdict[0] - 'A' + 'a');
		dr_words_put(o, "Last complete %s, %s: %s", s->def->period == DR_PERIOD_QUARTER ? "wave" : "month",
		    jw, verdict);
	} else {
		dr_words_put(o, "%s", verdict);
	}
}

/* The target on a public slide: met or missed, and what the process
 * will do, in plain words (the assurance of target_note, no SPC terms):
 * "met" alone would hide that a process that hits and misses it will
 * miss it some months. */
static void plain_target(struct dr_words *o, const struct dr_series *s, size_t i)
{
	char tgt[32], now[64];
	const char *unit = s->def->period == DR_PERIOD_QUARTER ? "wave" : "month";
	bool met = target_facts(s, i, now, sizeof now, tgt, sizeof tgt);
	dr_words_put(o, " Target %s: %s %s", tgt, met ? "met" : "missed", now);
	switch (s->summary.assurance) {
	case DR_ASSURE_PASS:
		if (met)
			dr_words_put(o, ", as it is %s after %s.", unit, unit);
		else
			dr_words_put(o, ", though it is usually met.");
		break;
	case DR_ASSURE_FAIL:
		dr_words_put(o, "%s", met ? ", but it is usually missed." : "; it will stay missed without a change.");
		break;
	case DR_ASSURE_HIT_AND_MISS:
		dr_words_put(o, "; some %ss it will be %s.", unit, met ? "missed" : "met");
		break;
	default:
		dr_words_put(o, ".");
		break;
	}
}

/* dr_headline, or in plain words for a public slide (dr_headline_public). */
static void headline(const struct dr_series *s, char *buf, size_t size, bool plain)
{
	struct dr_words o = { buf, size, 0 };
	size_t last = s->n;
	if (size == 0)
		return;
	buf[0] = '\0';
	while (last > 0 && isnan(s->value[last - 1]))
		last--;
	char when[32], v[32], prev[32];
	if (last > 0 && last < s->n) {
		/* The report period (the last) has no value: say so first, so
		 * the latest value is not read as this period's. */
		dr_headline_period(s, s->n - 1, when, sizeof when);
		size_t k = s->n - 1;
		dr_words_put(&o, "No value for %s: ", when);
		if (s->suppressed && s->suppressed[k])
			dr_words_put(&o, "hidden to protect privacy. ");
		else if (!s->num || !s->den || (isnan(s->num[k]) && isnan(s->den[k])))
			dr_words_put(&o, "the %s extract has no rows in it. ", dr_extract_name(s->def->extract));
		else
			dr_words_put(&o, "no cases in it. ");
	}
	/* Too few cases, or too much hidden: no comparison or verdict. */
	if (o.len < size && dr_headline_guard(s, buf + o.len, size - o.len)) {
		/* On a slide the chart shows what is not drawn; no SPC terms. */
		char *limits = plain ? strstr(buf, ": no centre line or limits are drawn.") : NULL;
		if (limits)
			strcpy(limits, ".");
		return;
	}
	if (last == 0) {
		dr_words_put(&o, "%s: no data in this period.", s->def->label);
		return;
	}
	size_t i = last - 1;
	dr_headline_period(s, i, when, sizeof when);
	dr_chart_format_value(s->def->unit, s->value[i], -1, v, sizeof v);
	dr_words_put(&o, "%s was %s in %s%s", s->def->label, v, when, s->provisional[i] ? " (provisional)" : "");
	/* A month before on too few cases is no baseline: no comparison. */
	if (i > 0 && !isnan(s->value[i - 1]) && !dr_series_small_n(s, i - 1)) {
		dr_chart_format_value(s->def->unit, s->value[i - 1], -1, prev, sizeof prev);
		/* Judged on the printed numbers: "1.82, down from 1.82" reads as a slip. */
		const char *dir = strcmp(v, prev) == 0 ? "unchanged from"
		                : s->value[i] > s->value[i - 1] ? "up from" : "down from";
		dr_words_put(&o, ", %s %s", dir, prev);
	}
	dr_words_put(&o, ". ");
	/* Judge the latest complete period: a provisional one is still closing. */
	size_t j = dr_series_last_complete(s);
	if (j == s->n) {
		dr_words_put(&o, "Every period is provisional: too early to judge variation.");
	} else if (plain) {
		plain_verdict(&o, s, i, j);
	} else if (episodes(&o, s, i, j)) {
		phase_note(&o, s, j);
	} else {
		if (j != i) {
			char jw[32];
			dr_headline_period(s, j, jw, sizeof jw);
			dr_words_put(&o, "%s, the latest complete %s: ", jw,
			    s->def->period == DR_PERIOD_QUARTER ? "wave" : "month");
		}
		judgement(&o, s, j, j != i);
		phase_note(&o, s, j);
	}
	if (s->has_target && plain) {
		plain_target(&o, s, i);
	} else if (s->has_target) {
		target_note(&o, s, i);
	}
}

void dr_headline(const struct dr_series *s, char *buf, size_t size)
{
	headline(s, buf, size, false);
}

void dr_headline_public(const struct dr_series *s, char *buf, size_t size)
{
	headline(s, buf, size, true);
}

void dr_headline_groups(const struct dr_metric_def *def, const struct dr_series *s, size_t n,
                        const char *const *labels, const char *word, char *buf, size_t size)
{
	char nbuf[400] = "", ebuf[300] = "";
	struct dr_words o = { buf, size, 0 }, now = { nbuf, sizeof nbuf, 0 }, before = { ebuf, sizeof ebuf, 0 };
	size_t flagged = 0, earlier = 0, unjudged = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (n == 0) {
		dr_words_put(&o, "%s: no groups to show.", def->label);
		return;
	}
	for (size_t g = 0; g < n; g++) {
		if (s[g].too_hidden) {  /* privacy hid too much of it to judge */
			unjudged++;
			continue;
		}
		size_t j = dr_series_last_complete(&s[g]);
		enum dr_spc_point_type t = j < s[g].n && dr_series_judged(&s[g], j) &&
		                           !dr_series_small_n(&s[g], j) ? s[g].spc[j].type : DR_POINT_NONE;
		if (t != DR_POINT_COMMON && t != DR_POINT_NONE) {
			dr_words_put(&now, "%s%s (%s)", flagged++ ? ", " : "", labels[g],
			    t == DR_POINT_CONCERN ? "concern" : t == DR_POINT_IMPROVEMENT ? "improvement"
			                                     : "special cause");
			continue;
		}
		/* Marked earlier in the window, not now: said too. */
		bool marked = false;
		for (size_t i = 0; i < s[g].n && !marked; i++)
			marked = dr_series_marked(&s[g], i);
		if (marked)
			dr_words_put(&before, "%s%s", earlier++ ? ", " : "", labels[g]);
	}
	const char *label = def->label;
	if (unjudged == n) {
		dr_words_put(&o, "%s: too many months are hidden for privacy to judge any %s.", label, word);
		return;
	}
	if (flagged)
		dr_words_put(&o, "%s: a real change, not noise, in %s.%s", label, nbuf,
		    unjudged ? " Some cannot be judged: too many months hidden." : "");
	else if (earlier)
		dr_words_put(&o, "%s: the latest %s is within its own limits in every %s%s.", label,
		    def->period == DR_PERIOD_QUARTER ? "wave" : "month", word,
		    unjudged ? " that can be judged" : "");
	else if (unjudged)
		dr_words_put(&o, "%s: no real change where it can be judged; %zu of %zu cannot be judged, too many "
		    "months hidden for privacy.", label, unjudged, n);
	else
		dr_words_put(&o, "%s: every %s varies within its own limits \xE2\x80\x94 no real change.", label, word);
	if (earlier)
		dr_words_put(&o, " Special causes earlier in the window: %s.", ebuf);
	if (earlier && unjudged && !flagged)
		dr_words_put(&o, " %zu of %zu cannot be judged, too many months hidden for privacy.", unjudged, n);
}
