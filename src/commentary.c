/*
 * commentary.c -- the dyads' comments and actions (commentary.h).
 *
 * Takes: the usable rows of commentary.csv, one at a time.
 * Returns: per dyad, metric and month, the comment; per dyad and month, the
 *          actions open and those closed, each from its rows' history.
 * Owns: a copy of every kept row (strings in one allocation per row).
 * Never: prints a cell (a warning names the file, line and column only),
 *        or returns an internal row's text to a public_only query.
 */
#include <stdlib.h>
#include <string.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/diag.h"

/* Unknown-key warnings printed per column before they are only counted. */
#define MAX_WARNINGS 5

struct row {
	size_t dyad;
	enum dr_metric_id metric;
	dr_month month;
	char *comment, *action, *owner;     /* NULL when empty */
	dr_date due;
	enum dr_action_status status;
	enum dr_audience audience;
	long line;
	size_t seq;                         /* file order */
	/* on the first row with a comment of each (dyad, metric, month): the
	 * comments of all its rows, and of its public rows, joined (NULL: none) */
	char *joined_all, *joined_public;
};

struct dr_commentary {
	const struct dr_config *cfg;
	char *display;
	struct row *row;
	size_t n, cap;
	long unknown_dyad, unknown_metric;
	bool finished;
};

struct dr_commentary *dr_commentary_new(const struct dr_config *cfg, const char *display)
{
	struct dr_commentary *c = dr_xcalloc(1, sizeof *c);
	c->cfg = cfg;
	c->display = dr_xstrdup(display ? display : "commentary");
	return c;
}

static char *copy(const char *s)
{
	return s && *s ? dr_xstrdup(s) : NULL;
}

void dr_commentary_add(enum dr_extract e, const void *record, void *ctx)
{
	struct dr_commentary *c = ctx;
	const struct dr_comment_row *r = record;
	if (e != DR_COMMENTARY)
		return;
	long d = r->dyad ? dr_config_dyad_index(c->cfg, r->dyad) : -1;
	if (d < 0) {
		if (c->unknown_dyad++ < MAX_WARNINGS)
			dr_warn_row(r->file ? r->file : c->display, r->line, "dyad",
			            "no dyad with this id in the config: row left out");
		return;
	}
	const struct dr_metric_def *def = r->metric ? dr_metric_find(r->metric) : NULL;
	if (!def) {
		if (c->unknown_metric++ < MAX_WARNINGS)
			dr_warn_row(r->file ? r->file : c->display, r->line, "metric",
			            "not a metric key: row left out");
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->row = dr_xreallocarray(c->row, c->cap, sizeof *c->row);
	}
	c->row[c->n] = (struct row){
		.dyad = (size_t)d, .metric = def->id, .month = r->month,
		.comment = copy(r->comment), .action = copy(r->action), .owner = copy(r->owner),
		.due = r->due, .status = r->status, .audience = r->audience, .line = r->line,
		.seq = c->n,
	};
	c->n++;
}

/* Dyad, then month, then file order: each action's history in order. */
static int by_month(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->dyad != y->dyad)
		return x->dyad < y->dyad ? -1 : 1;
	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Whether row r is seen by a query with public_only. */
static bool seen(const struct row *r, bool public_only)
{
	return !public_only || r->audience == DR_AUDIENCE_PUBLIC;
}

/* The comments of the rows with row i's dyad, metric and month (from i on:
 * the rows are sorted), in file order, joined by a space; NULL if none. */
static char *join(const struct dr_commentary *c, size_t i, bool public_only)
{
	const struct row *r0 = &c->row[i];
	size_t len = 0;
	for (size_t k = i; k < c->n && c->row[k].dyad == r0->dyad && c->row[k].month == r0->month; k++) {
		const struct row *r = &c->row[k];
		if (r->comment && r->metric == r0->metric && seen(r, public_only))
			len += strlen(r->comment) + 1;
	}
	if (len == 0)
		return NULL;
	char *s = dr_xmalloc(len);
	size_t at = 0;
	for (size_t k = i; k < c->n && c->row[k].dyad == r0->dyad && c->row[k].month == r0->month; k++) {
		const struct row *r = &c->row[k];
		if (r->comment && r->metric == r0->metric && seen(r, public_only)) {
			if (at)
				s[at++] = ' ';
			size_t n = strlen(r->comment);
			memcpy(s + at, r->comment, n);
			at += n;
		}
	}
	s[at] = '\0';
	return s;
}

void dr_commentary_finish(struct dr_commentary *c)
{
	if (c->finished)
		return;
	c->finished = true;
	if (c->n)
		qsort(c->row, c->n, sizeof *c->row, by_month);
	for (size_t i = 0; i < c->n; i++) {
		struct row *r = &c->row[i];
		if (!r->comment)
			continue;
		bool first = true;
		for (size_t k = i; k-- > 0 && first;) {
			const struct row *p = &c->row[k];
			if (p->dyad != r->dyad || p->month != r->month)
				break;
			first = !(p->comment && p->metric == r->metric);
		}
		if (first) {
			r->joined_all = join(c, i, false);
			r->joined_public = join(c, i, true);
		}
	}
	if (c->unknown_dyad > MAX_WARNINGS)
		dr_warn("%s: %ld rows name a dyad the config does not have (the first %d are listed)",
		        c->display, c->unknown_dyad, MAX_WARNINGS);
	if (c->unknown_metric > MAX_WARNINGS)
		dr_warn("%s: %ld rows name no metric key (the first %d are listed)", c->display,
		        c->unknown_metric, MAX_WARNINGS);
}

long dr_commentary_rows(const struct dr_commentary *c)
{
	return c ? (long)c->n : 0;
}

long dr_commentary_unknown(const struct dr_commentary *c)
{
	return c ? c->unknown_dyad + c->unknown_metric : 0;
}

void dr_commentary_free(struct dr_commentary *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->row[i].comment);
		free(c->row[i].action);
		free(c->row[i].owner);
		free(c->row[i].joined_all);
		free(c->row[i].joined_public);
	}
	free(c->row);
	free(c->display);
	free(c);
}

/* The rows of dyad d: [*lo, *hi) of the sorted array. */
static void dyad_rows(const struct dr_commentary *c, size_t d, size_t *lo, size_t *hi)
{
	size_t i = 0;
	while (i < c->n && c->row[i].dyad < d)
		i++;
	*lo = i;
	while (i < c->n && c->row[i].dyad == d)
		i++;
	*hi = i;
}

const char *dr_commentary_comment(const struct dr_commentary *c, size_t d, enum dr_metric_id id,
                                  dr_month mo, bool public_only)
{
	if (!c)
		return NULL;
	size_t lo, hi;
	dyad_rows(c, d, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		const struct row *r = &c->row[i];
		if (r->month == mo && r->metric == id && r->comment)
			return public_only ? r->joined_public : r->joined_all;   /* the group's first */
	}
	return NULL;
}

/* The first day of the month after mo. */
static dr_date month_after(dr_month mo)
{
	dr_month next = mo + 1;
	return dr_date_from_ymd(dr_month_year(next), dr_month_mon(next), 1);
}

/* An action's rows next to each other: metric, text, then month and file
 * order (its history). */
static int by_key(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;
	if (x->metric != y->metric)
		return x->metric < y->metric ? -1 : 1;
	int t = strcmp(x->action, y->action);
	if (t)
		return t;
	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* An action being listed, with its first row's file order for ties. */
struct listed {
	struct dr_action a;
	size_t seq;
};

/* Open before closed, then raised month, metric, first row's file order. */
static int by_raised(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	bool xo = x->a.status == DR_ACTION_OPEN, yo = y->a.status == DR_ACTION_OPEN;
	if (xo != yo)
		return xo ? -1 : 1;
	if (x->a.raised != y->a.raised)
		return x->a.raised < y->a.raised ? -1 : 1;
	if (x->a.metric != y->a.metric)
		return x->a.metric < y->a.metric ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

size_t dr_commentary_actions(const struct dr_commentary *c, size_t d, dr_month at, bool public_only,
                             struct dr_action **out, size_t *nopen)
{
	*out = NULL;
	if (nopen)
		*nopen = 0;
	if (!c)
		return 0;
	size_t lo, hi, m = 0, n = 0, open = 0;
	dyad_rows(c, d, &lo, &hi);
	const struct row **r = dr_xcalloc(hi - lo + 1, sizeof *r);
	for (size_t i = lo; i < hi; i++)
		if (c->row[i].action && c->row[i].month <= at && seen(&c->row[i], public_only))
			r[m++] = &c->row[i];
	if (m)
		qsort(r, m, sizeof *r, by_key);
	struct listed *l = dr_xcalloc(m + 1, sizeof *l);
	for (size_t i = 0; i < m;) {
		struct dr_action *x = &l[n].a;
		*x = (struct dr_action){ .metric = r[i]->metric, .text = r[i]->action, .due = DR_NO_DATE,
		                         .raised = r[i]->month };
		l[n].seq = r[i]->seq;
		size_t k = i;
		for (; k < m && r[k]->metric == r[i]->metric && strcmp(r[k]->action, r[i]->action) == 0; k++) {
			x->status = r[k]->status;
			x->updated = r[k]->month;
			x->line = r[k]->line;
			if (r[k]->owner)
				x->owner = r[k]->owner;
			if (r[k]->due != DR_NO_DATE)
				x->due = r[k]->due;
			if (r[k]->seq < l[n].seq && r[k]->month == x->raised)
				l[n].seq = r[k]->seq;
		}
		i = k;
		bool is_open = x->status == DR_ACTION_OPEN;
		if (!is_open && x->updated != at)
			continue;       /* closed before `at`: no longer listed */
		x->overdue = is_open && x->due != DR_NO_DATE && x->due < month_after(at);
		open += is_open;
		n++;
	}
	free(r);
	if (n)
		qsort(l, n, sizeof *l, by_raised);
	struct dr_action *a = n ? dr_xcalloc(n, sizeof *a) : NULL;
	for (size_t i = 0; i < n; i++)
		a[i] = l[i].a;
	free(l);
	if (nopen)
		*nopen = open;
	*out = a;
	return n;
}

size_t dr_commentary_open_count(const struct dr_commentary *c, size_t d, dr_month at,
                                enum dr_metric_id id, bool public_only)
{
	struct dr_action *a;
	size_t nopen = 0, count = 0;
	size_t n = dr_commentary_actions(c, d, at, public_only, &a, &nopen);
	for (size_t i = 0; i < nopen && i < n; i++)
		count += id == DR_NMETRICS || a[i].metric == id;
	free(a);
	return count;
}
