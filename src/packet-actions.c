/*
 * packet-actions.c -- the actions page kind: what the dyad decided, as of
 * the report month (commentary.h), so the next meeting can ask whether it
 * worked.
 *
 *   Open actions        every action open at the report month (raised this
 *                       month or carried forward): metric, action, owner,
 *                       due date, age in whole months since raised, what
 *                       the SPC rules said since (dr_action_verdict) and
 *                       its status, "OVERDUE" in bold red when the due
 *                       date has passed (the word carries it, not colour)
 *   Closed this month   actions whose row of the report month says done
 *                       or dropped: metric, action, status, owner
 *   Comments this month each metric's comment in full (a chart prints at
 *                       most a few lines of it)
 *
 * With nothing to list, one sentence says so and how to record actions;
 * without [input] commentary, one sentence says it is not configured.
 * A public template reads public rows only. Text typed by people goes
 * through the packet's text primitives, on one line per paragraph (a line
 * break typed in a cell is a space). Tags: an H2 per part, each table one
 * Table across pages (a continuation's repeated header row is an
 * artifact), paragraphs P. Never: prints.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-int.h"

/* Lines a table cell may take; the rest is cut with an ellipsis. */
#define CELL_LINES 12
#define MAX_COLS 7

struct column {
	const char *head;
	double share;               /* of the table's width */
};

/* A table being drawn: its columns and their left edges. */
struct table {
	const struct column *col;
	size_t ncol;
	double x[MAX_COLS + 1];
	double size, lead;
	size_t rows;
};

static void table_init(struct packet *p, struct table *t, const struct column *col, size_t ncol)
{
	double width = p->w - 2 * p->margin, x = p->margin;
	*t = (struct table){ .col = col, .ncol = ncol, .size = fs(p, 8.5), .lead = fs(p, 11) };
	for (size_t i = 0; i < ncol; i++) {
		t->x[i] = x;
		x += width * col[i].share;
	}
	t->x[ncol] = p->margin + width;
}

/* The lines s takes in column i (at most CELL_LINES), drawing nothing. */
static size_t cell_lines(const struct packet *p, const struct table *t, size_t i, HPDF_Font f,
                         const char *s)
{
	struct dr_draw measure = p->d;
	measure.page = NULL;
	double y = 0;
	size_t n = dr_draw_wrap_max(&measure, f, t->size, INK, 0, &y, t->x[i + 1] - t->x[i] - 6,
	                            t->lead, s, CELL_LINES);
	return n ? n : 1;
}

/* The header row: column headers, or artifacts when repeated on a
 * continuation page; a rule under it. */
static void header(struct packet *p, struct table *t, bool repeated)
{
	size_t lines = 1;
	for (size_t i = 0; i < t->ncol; i++) {
		size_t n = cell_lines(p, t, i, p->d.bold, t->col[i].head);
		lines = n > lines ? n : lines;
	}
	if (repeated)
		dr_draw_decor_begin(&p->d);
	else
		dr_draw_open(&p->d, "TR");
	for (size_t i = 0; i < t->ncol; i++) {
		double y = p->y;
		if (!repeated)
			dr_draw_th(&p->d, DR_SCOPE_COLUMN);
		dr_draw_wrap_max(&p->d, p->d.bold, t->size, MUTED, t->x[i] + 3, &y, t->x[i + 1] - t->x[i] - 6,
		                 t->lead, t->col[i].head, CELL_LINES);
		if (!repeated)
			dr_draw_close(&p->d);
	}
	if (repeated)
		dr_draw_decor_end(&p->d);
	else
		dr_draw_close(&p->d);
	p->y -= (double)(lines - 1) * t->lead + fs(p, 5);
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.8, INK);
	p->y -= t->lead;
}

/* One row of cells text[i] (font bold where bold[i], colour rgb[i]),
 * continued on a new page, under a repeated header, when it does not fit. */
static void row(struct packet *p, struct table *t, const char *const *text, const bool *bold,
                const uint32_t *rgb)
{
	size_t lines = 1;
	for (size_t i = 0; i < t->ncol; i++) {
		size_t n = cell_lines(p, t, i, bold[i] ? p->d.bold : p->d.font, text[i]);
		lines = n > lines ? n : lines;
	}
	double h = (double)lines * t->lead;
	if (p->y - h + t->lead < p->bottom + t->lead) {
		dr_packet_new_page(p, true);
		header(p, t, true);
	}
	if (t->rows++ % 2 == 1)
		dr_draw_box(&p->d, p->margin, p->y - h + t->lead - fs(p, 3.5), p->w - 2 * p->margin, h, BAND);
	dr_draw_open(&p->d, "TR");
	for (size_t i = 0; i < t->ncol; i++) {
		double y = p->y;
		dr_draw_open(&p->d, "TD");
		dr_draw_wrap_max(&p->d, bold[i] ? p->d.bold : p->d.font, t->size, rgb[i], t->x[i] + 3, &y,
		                 t->x[i + 1] - t->x[i] - 6, t->lead, text[i], CELL_LINES);
		dr_draw_close(&p->d);
	}
	dr_draw_close(&p->d);
	p->y -= h;
}

/* Closes the Table: a rule under its last row. */
static void table_end(struct packet *p, const struct table *t)
{
	dr_draw_close(&p->d);
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y + t->lead - fs(p, 5), 0.5, INK);
	p->y -= fs(p, 10);
}

/* A part's heading, kept with a few lines of what follows it. */
static void heading(struct packet *p, const char *s)
{
	dr_packet_need(p, fs(p, 70));
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 12), INK, p->margin, p->y, DR_ALIGN_LEFT, s);
	dr_draw_close(&p->d);
	p->y -= fs(p, 18);
}

/* A paragraph of s (label, when not NULL, is its first line, in bold):
 * on a new page when it does not fit here, and one that is longer than
 * half a page goes on over the next pages, line by line, one P. */
static void paragraph(struct packet *p, const char *label, const char *s, uint32_t rgb)
{
	double size = fs(p, 9.5), lead = fs(p, 13), width = p->w - 2 * p->margin;
	struct dr_draw measure = p->d;
	measure.page = NULL;
	double y = 0;
	size_t n = dr_draw_wrap_max(&measure, p->d.font, size, rgb, 0, &y, width, lead, s, SIZE_MAX);
	dr_packet_need(p, fmin((double)(n + (label != NULL)) * lead, (p->top - p->bottom) / 2));
	dr_draw_open(&p->d, "P");
	if (label) {
		dr_draw_text_fit(&p->d, p->d.bold, size, INK, p->margin, p->y, width, label);
		p->y -= lead;
	}
	char line[1024];
	for (const char *rest = s; *rest && !p->d.error;) {
		while (*rest == ' ')
			rest++;
		size_t len = dr_packet_line_bytes(p->d.font, size, width, rest);
		bool too_wide = len == 0;       /* one word wider than the line: alone, fitted */
		if (too_wide)
			len = strcspn(rest, " ");
		if (len == 0)
			break;
		size_t keep = len < sizeof line ? len : sizeof line - 1;
		while (keep > 0 && keep < len && ((unsigned char)rest[keep] & 0xC0) == 0x80)
			keep--;             /* rest[keep] continues a character: cut before it */
		memcpy(line, rest, keep);
		line[keep] = '\0';
		if (p->y < p->bottom)
			dr_packet_new_page(p, true);
		if (too_wide)
			dr_draw_text_fit(&p->d, p->d.font, size, rgb, p->margin, p->y, width, line);
		else
			dr_draw_text(&p->d, p->d.font, size, rgb, p->margin, p->y, DR_ALIGN_LEFT, line);
		p->y -= lead;
		rest += len;
	}
	dr_draw_close(&p->d);
	p->y -= fs(p, 6);
}

/* "15 Sep 2026", or "none". */
static void due_words(dr_date due, char *out, size_t size)
{
	if (due == DR_NO_DATE) {
		snprintf(out, size, "none");
		return;
	}
	int y, m, d;
	dr_date_to_ymd(due, &y, &m, &d);
	snprintf(out, size, "%d %s %d", d, dr_month_abbr(dr_month_make(y, m)), y);
}

/* "2 months (raised Aug 2026)", "raised this month". */
static void age_words(dr_month raised, dr_month at, char *out, size_t size)
{
	int months = (int)(at - raised);
	if (months <= 0)
		snprintf(out, size, "raised this month");
	else
		snprintf(out, size, "%d month%s (raised %s %d)", months, months == 1 ? "" : "s",
		         dr_month_abbr(raised), dr_month_year(raised));
}

static const char *status_word(const struct dr_action *a)
{
	switch (a->status) {
	case DR_ACTION_DONE: return "done";
	case DR_ACTION_DROPPED: return "dropped";
	default: return a->overdue ? "OVERDUE" : "open";
	}
}

static void open_actions(struct packet *p, const struct dr_action *a, size_t nopen)
{
	static const struct column cols[] = {
		{ "Metric", 0.14 }, { "Action", 0.24 }, { "Owner", 0.11 }, { "Due", 0.10 },
		{ "Age", 0.12 }, { "Since raised", 0.18 }, { "Status", 0.11 },
	};
	char buf[160];
	heading(p, "Open actions");
	if (nopen == 0) {
		snprintf(buf, sizeof buf, "No action is open as of %s.", p->period);
		paragraph(p, NULL, buf, INK);
		return;
	}
	struct table t;
	table_init(p, &t, cols, DR_NELEM(cols));
	dr_draw_open(&p->d, "Table");
	header(p, &t, false);
	for (size_t i = 0; i < nopen && !p->d.error; i++) {
		char due[48], age[96], since[512];
		char *action = dr_packet_flat_text(a[i].text), *owner = dr_packet_flat_text(a[i].owner);
		due_words(a[i].due, due, sizeof due);
		age_words(a[i].raised, p->in->report_month, age, sizeof age);
		dr_action_verdict(dr_packet_series(p, a[i].metric), a[i].raised, p->in->report_month,
		                  since, sizeof since);
		const char *text[] = { dr_metric_def(a[i].metric)->label, action, *owner ? owner : "none",
		                       due, age, since, status_word(&a[i]) };
		const bool bold[] = { false, false, false, false, false, false, a[i].overdue };
		const uint32_t rgb[] = { INK, INK, INK, a[i].overdue ? ALERT : INK, INK, INK,
		                         a[i].overdue ? ALERT : INK };
		row(p, &t, text, bold, rgb);
		free(action);
		free(owner);
	}
	table_end(p, &t);
	/* What "Since raised" and "OVERDUE" mean, once. */
	bool overdue = false;
	for (size_t i = 0; i < nopen; i++)
		overdue |= a[i].overdue;
	paragraph(p, NULL, overdue ? "Since raised: what the chart's rules show in the months after "
	          "the action was raised (the month it was raised is what prompted it). OVERDUE: still "
	          "open, and its due date has passed by the end of the month."
	          : "Since raised: what the chart's rules show in the months after the action was "
	          "raised (the month it was raised is what prompted it).", MUTED);
}

static void closed_actions(struct packet *p, const struct dr_action *a, size_t n)
{
	static const struct column cols[] = {
		{ "Metric", 0.20 }, { "Action", 0.46 }, { "Status", 0.14 }, { "Owner", 0.20 },
	};
	char buf[160];
	heading(p, "Closed this month");
	if (n == 0) {
		snprintf(buf, sizeof buf, "No action was closed in %s.", p->period);
		paragraph(p, NULL, buf, INK);
		return;
	}
	struct table t;
	table_init(p, &t, cols, DR_NELEM(cols));
	dr_draw_open(&p->d, "Table");
	header(p, &t, false);
	for (size_t i = 0; i < n && !p->d.error; i++) {
		char *action = dr_packet_flat_text(a[i].text), *owner = dr_packet_flat_text(a[i].owner);
		const char *text[] = { dr_metric_def(a[i].metric)->label, action, status_word(&a[i]),
		                       *owner ? owner : "none" };
		const bool bold[] = { false, false, false, false };
		const uint32_t rgb[] = { INK, INK, INK, INK };
		row(p, &t, text, bold, rgb);
		free(action);
		free(owner);
	}
	table_end(p, &t);
}

/* How many metrics have a comment for the report month. */
static size_t comments(const struct packet *p)
{
	size_t n = 0;
	for (int id = 0; id < DR_NMETRICS; id++)
		n += dr_packet_comment(p->in, (enum dr_metric_id)id) != NULL;
	return n;
}

static void comments_part(struct packet *p)
{
	char buf[160];
	heading(p, "Comments this month");
	if (comments(p) == 0) {
		snprintf(buf, sizeof buf, "No comment was recorded for %s.", p->period);
		paragraph(p, NULL, buf, INK);
		return;
	}
	for (int id = 0; id < DR_NMETRICS && !p->d.error; id++) {
		const char *c = dr_packet_comment(p->in, (enum dr_metric_id)id);
		if (!c)
			continue;
		char *text = dr_packet_flat_text(c);
		paragraph(p, dr_metric_def((enum dr_metric_id)id)->label, text, INK);
		free(text);
	}
}

void dr_packet_actions(struct packet *p)
{
	double ts = dr_packet_table_scale(p);
	dr_packet_begin(p, p->pg->title);
	const struct dr_commentary *c = p->in->commentary;
	if (!c) {
		paragraph(p, NULL, "Commentary is not configured: with [input] commentary set in the "
		          "site config, this page lists the dyad's open actions, their owners and due "
		          "dates, the actions closed this month and the month's comments.", INK);
		p->d.ts = ts;
		return;
	}
	struct dr_action *a = NULL;
	size_t nopen = 0;
	size_t n = dr_commentary_actions(c, p->in->dyad, p->in->report_month, p->public_, &a, &nopen);
	if (n == 0 && comments(p) == 0) {
		char buf[512];
		snprintf(buf, sizeof buf, "No action is open as of %s and none was closed this month. "
		         "To record one, add a row with the metric, the action, its owner, due date and "
		         "status to the commentary file ([input] commentary in the site config).",
		         p->period);
		paragraph(p, NULL, buf, INK);
	} else {
		open_actions(p, a, nopen);
		closed_actions(p, a + nopen, n - nopen);
		comments_part(p);
	}
	free(a);
	p->d.ts = ts;
}
