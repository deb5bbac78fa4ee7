/*
 * chart-alt.c -- a chart's alternative text (chart.h dr_chart_alt), for
 * the PDF's Figure /Alt and an SVG's <desc>.
 *
 * The headline (else the title), then what the chart shows, in words,
 * read from the same struct dr_chart it draws, with the numbers printed
 * as the chart prints them (dr_chart_format_value):
 *   spc            "Latest: 6.9% in October 2026. Centre 6.4%; expected
 *                  range 2.5% to 10.3%. Target 8%." -- the last period and
 *                  the centre and limits of its phase; "no value" for a
 *                  NAN, "not judged (too few cases)" for a small n
 *   tile, sparkline  the latest value likewise, without limits
 *   bar, pareto    "Largest: A 12.0%, B 10.0%, C 9.0%." -- the three
 *                  largest bars with enough cases; how many are hidden
 *   heatmap        the three largest cells, "row, column: value"
 *   grouped        the three highest groups in the last column (wave)
 *   multiples      the three highest panels' latest values
 * Then a stamped chart file's dyad comment, "Dyad comment: ..." (the
 * SVG escapes it). One paragraph; cut at a UTF-8 character boundary to
 * fit out.
 * Never: allocates, or names a hidden or small-n value as the largest.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "chart-int.h"

#define TOP 3                   /* how many categories are named */

/* Drops a UTF-8 sequence that the cut left incomplete at the end of s. */
static void cut_at_character(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < want)
		s[i - 1] = '\0';
}

/* v as the chart prints it, or "no value". */
static void value_words(const struct dr_chart *c, double v, char *out, size_t size)
{
	if (isfinite(v))
		dr_chart_format_value(c->unit, v, -1, out, size);
	else
		snprintf(out, size, "no value");
}

/* The latest period of a line chart, tile or sparkline; with its centre
 * and limits for the SPC chart. */
static void latest_point(const struct dr_chart *c, struct dr_words *o)
{
	if (!c->pt || c->n == 0) {
		dr_words_put(o, " No values to show.");
		return;
	}
	const struct dr_chart_point *p = &c->pt[c->n - 1];
	char v[64], when[32];
	value_words(c, p->y, v, sizeof v);
	dr_chart_period_words(p->month, c->period, when, sizeof when);
	dr_words_put(o, " Latest: %s in %s", v, when);
	if (isfinite(p->y) && p->small_n)
		dr_words_put(o, ", not judged (too few cases)");
	else if (isfinite(p->y) && p->hollow)
		dr_words_put(o, ", provisional");
	dr_words_put(o, ".");
	if (c->kind == DR_CHART_SPC && isfinite(p->cl)) {
		char cl[64], lo[64], hi[64];
		value_words(c, p->cl, cl, sizeof cl);
		value_words(c, p->lcl, lo, sizeof lo);
		value_words(c, p->ucl, hi, sizeof hi);
		dr_words_put(o, " Centre %s", cl);
		if (isfinite(p->lcl) && isfinite(p->ucl))
			dr_words_put(o, "; expected range %s to %s", lo, hi);
		else if (isfinite(p->ucl))
			dr_words_put(o, "; expected up to %s", hi);
		else if (isfinite(p->lcl))
			dr_words_put(o, "; expected from %s", lo);
		dr_words_put(o, ".");
	}
	if (c->kind != DR_CHART_SPARKLINE && c->has_target && isfinite(c->target)) {
		char t[64];
		value_words(c, c->target, t, sizeof t);
		dr_words_put(o, " Target %s.", t);
	}
}

/* One named value a category chart shows. */
struct named {
	const char *label, *label2;     /* label2: a heatmap's column, or NULL */
	double value;
};

/* Keeps the TOP largest values in top[] (largest first); *n counts them. */
static void keep_top(struct named *top, size_t *n, struct named x)
{
	size_t i = *n < TOP ? (*n)++ : TOP;
	if (i == TOP) {
		if (!(x.value > top[TOP - 1].value))
			return;
		i = TOP - 1;
	}
	while (i > 0 && x.value > top[i - 1].value) {
		top[i] = top[i - 1];
		i--;
	}
	top[i] = x;
}

/* "Largest: A 12.0%, B 10.0%." or "No values to show." */
static void put_top(const struct dr_chart *c, struct dr_words *o, const char *intro,
                    const struct named *top, size_t n)
{
	if (n == 0) {
		dr_words_put(o, " No values to show.");
		return;
	}
	dr_words_put(o, " %s: ", intro);
	for (size_t i = 0; i < n; i++) {
		char v[64];
		value_words(c, top[i].value, v, sizeof v);
		if (top[i].label2)
			dr_words_put(o, "%s%s, %s %s", i ? "; " : "", top[i].label ? top[i].label : "",
			    top[i].label2, v);
		else
			dr_words_put(o, "%s%s %s", i ? ", " : "", top[i].label ? top[i].label : "", v);
	}
	dr_words_put(o, ".");
}

/* How many values the chart hides for privacy, in words. */
static void put_hidden(struct dr_words *o, size_t hidden, const char *what)
{
	if (hidden)
		dr_words_put(o, " %zu %s%s hidden to protect privacy.", hidden, what, hidden == 1 ? "" : "s");
}

static void bars(const struct dr_chart *c, struct dr_words *o)
{
	struct named top[TOP];
	size_t n = 0, hidden = 0;
	for (size_t i = 0; c->bar && i < c->nbar; i++) {
		const struct dr_chart_bar *b = &c->bar[i];
		hidden += b->hidden;
		if (!b->hidden && !b->small_n && !b->other && isfinite(b->value))
			keep_top(top, &n, (struct named){ b->label, NULL, b->value });
	}
	put_top(c, o, "Largest", top, n);
	if (c->kind == DR_CHART_BAR && isfinite(c->reference) && c->reference_label &&
	    *c->reference_label)
		dr_words_put(o, " Reference line: %s.", c->reference_label);
	put_hidden(o, hidden, "group");
}

static void heatmap(const struct dr_chart *c, struct dr_words *o)
{
	const struct dr_chart_grid *g = &c->grid;
	struct named top[TOP];
	size_t n = 0, hidden = 0;
	for (size_t r = 0; g->cell && r < g->nrow; r++)
		for (size_t k = 0; k < g->ncol; k++) {
			const struct dr_chart_cell *x = &g->cell[r * g->ncol + k];
			hidden += x->hidden;
			if (!x->hidden && isfinite(x->value) && x->value > 0)
				keep_top(top, &n, (struct named){ g->row ? g->row[r] : NULL,
				                                  g->col && g->col[k] ? g->col[k] : "",
				                                  x->value });
		}
	put_top(c, o, "Largest", top, n);
	put_hidden(o, hidden, "cell");
}

static void grouped(const struct dr_chart *c, struct dr_words *o)
{
	const struct dr_chart_grid *g = &c->grid;
	if (!g->cell || g->ncol == 0 || g->nrow == 0) {
		dr_words_put(o, " No values to show.");
		return;
	}
	size_t last = g->ncol - 1, n = 0, few = 0;
	struct named top[TOP];
	for (size_t r = 0; r < g->nrow; r++) {
		const struct dr_chart_cell *x = &g->cell[r * g->ncol + last];
		few += !x->hidden && x->small_n;
		if (!x->hidden && !x->small_n && isfinite(x->value))
			keep_top(top, &n, (struct named){ g->row ? g->row[r] : NULL, NULL, x->value });
	}
	char intro[96];
	snprintf(intro, sizeof intro, "Highest in %s", g->col && g->col[last] ? g->col[last] : "the latest wave");
	put_top(c, o, intro, top, n);
	if (few)
		dr_words_put(o, " %zu group%s with too few respondents to compare.", few, few == 1 ? "" : "s");
}

static void multiples(const struct dr_chart *c, struct dr_words *o)
{
	struct named top[TOP];
	size_t n = 0;
	dr_month when = 0;
	bool have_when = false;
	for (size_t i = 0; c->panel && i < c->npanel; i++) {
		const struct dr_chart_panel *p = &c->panel[i];
		if (!p->pt || p->n == 0)
			continue;
		const struct dr_chart_point *last = &p->pt[p->n - 1];
		if (!have_when || last->month > when)
			when = last->month;
		have_when = true;
		if (isfinite(last->y) && !last->small_n)
			keep_top(top, &n, (struct named){ p->label, NULL, last->y });
	}
	char intro[96], w[32] = "the latest period";
	if (have_when)
		dr_chart_period_words(when, c->period, w, sizeof w);
	snprintf(intro, sizeof intro, "Highest in %s", w);
	put_top(c, o, intro, top, n);
}

/* A funnel: what is plotted against what, and the limits' model; names
 * only what the chart labels. */
static void funnel(const struct dr_chart *c, struct dr_words *o)
{
	if (!c->funnel) {
		put_hidden(o, c->funnel_hidden, "group");
		return;
	}
	char t[64], cap[256];
	dr_chart_format_value(c->unit, c->funnel->target, -1, t, sizeof t);
	size_t n = 0;
	for (size_t i = 0; c->fpt && i < c->nfpt; i++)
		n += c->fpt[i].flag != DR_FUNNEL_NO_N && isfinite(c->fpt[i].rate) && c->fpt[i].n > 0;
	dr_words_put(o, " Funnel plot of %zu %s against their size (%s), around the rate of them all, %s,"
	             " with 95%% and 99.8%% limits.", n, n == 1 ? "rate" : "rates",
	             c->x_label ? c->x_label : "size", t);
	dr_chart_funnel_caption(c->funnel, 0, cap, sizeof cap);
	dr_words_put(o, " %s.", cap);
	put_hidden(o, c->funnel_hidden, "group");
}

void dr_chart_alt(const struct dr_chart *c, const char *headline, char *out, size_t size)
{
	if (!size)
		return;
	struct dr_words o = { out, size, 0 };
	out[0] = '\0';
	const char *head = headline && *headline ? headline : c->title && *c->title ? c->title : "Chart";
	dr_words_put(&o, "%s", head);
	size_t hl = strlen(head);
	if (hl && !strchr(".!?", head[hl - 1]))
		dr_words_put(&o, ".");
	switch (c->kind) {
	case DR_CHART_SPC:
	case DR_CHART_TILE:
	case DR_CHART_SPARKLINE:
		latest_point(c, &o);
		break;
	case DR_CHART_BAR:
	case DR_CHART_PARETO:
		bars(c, &o);
		break;
	case DR_CHART_HEATMAP:
		heatmap(c, &o);
		break;
	case DR_CHART_GROUPED:
		grouped(c, &o);
		break;
	case DR_CHART_MULTIPLES:
		multiples(c, &o);
		break;
	case DR_CHART_FUNNEL:
		funnel(c, &o);
		break;
	}
	/* A stamped chart file's comment (the packet's pages print theirs). */
	if (c->stamp && c->stamp->comment && *c->stamp->comment)
		dr_words_put(&o, " Dyad comment: %s", c->stamp->comment);
	if (o.len >= size)
		cut_at_character(out);
}
