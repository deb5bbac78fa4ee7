/*
 * packet-about.c -- the data-quality and definitions page kinds.
 *
 * Data quality: what each extract held for this run, its latest month,
 * rows skipped by reason, rows left out of a measure by cause, optional
 * columns' fill, months that look incomplete. Definitions:
 * how to read an SPC chart under the site's rule set, the icons' legend,
 * the privacy rules the packet applied, and every metric's definition from
 * metric-table.c (numerator, denominator, what is left out) with the chart
 * type and rule set that judged it. Never: prints.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/icon.h"
#include "dyadreport/spc.h"
#include "packet-int.h"

/* A muted note line under an extract's row of the data-quality table. */
static void quality_note(struct packet *p, const char *msg)
{
	dr_packet_need(p, fs(p, 12));
	double y = p->y - fs(p, 12);
	dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin + 20, &y, p->w - 2 * p->margin - 20, fs(p, 11), msg);
	p->y = y + fs(p, 11);      /* wrap leaves y one line below the last */
}

/* Notes under one extract: its latest month (and whether it holds the
 * report month), skipped rows by reason, rows left out of a measure by
 * cause (leftout.h), optional
 * columns absent or partly filled, months that look incomplete. */
static void quality_notes(struct packet *p, enum dr_extract e)
{
	const struct dr_quality *q = p->in->quality;
	const struct dr_load_stats *st = &q->load[e];
	char buf[1024], num[32];
	size_t n = 0;
	dr_quality_latest_words(q, e, num, sizeof num);
	snprintf(buf, sizeof buf, "Latest month with rows: %s%s%s.", num,
	         dr_quality_missing(q, e, p->in->report_month) ? "; no rows in " : "",
	         dr_quality_missing(q, e, p->in->report_month) ? p->period : "");
	quality_note(p, buf);
	for (int r = 0; r < DR_NSKIP && n < sizeof buf; r++) {
		if (!st->skipped[r])
			continue;
		dr_chart_format_value(DR_UNIT_COUNT, (double)st->skipped[r], 0, num, sizeof num);
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s %s", n ? "; " : "Skipped: ",
		                      dr_skip_reason_text(r), num);
	}
	if (n) {
		if (n < sizeof buf - 1)
			buf[n++] = '.', buf[n] = '\0';
		quality_note(p, buf);
	}
	for (int c = 0; c < DR_NLEFT; c++) {
		const struct dr_left_cause_def *d = dr_left_cause_def(e, c);
		if (!d || !q->left[e].rows[c])
			continue;
		dr_chart_format_value(DR_UNIT_COUNT, (double)q->left[e].rows[c], 0, num, sizeof num);
		snprintf(buf, sizeof buf, "Rows of the trend window that %s (%s): %s; %s.", d->what,
		         d->columns, num, d->effect);
		quality_note(p, buf);
	}
	n = (size_t)snprintf(buf, sizeof buf, "Optional columns filled:");
	for (size_t c = 0; c < dr_load_ncolumns(e) && n < sizeof buf; c++) {
		if (dr_load_column_required(e, c))
			continue;
		if (!st->present[c])
			n += (size_t)snprintf(buf + n, sizeof buf - n, " %s absent;", dr_load_column_name(e, c));
		else
			n += (size_t)snprintf(buf + n, sizeof buf - n, " %s %.0f%%;", dr_load_column_name(e, c),
			                      isnan(dr_quality_filled(q, e, c)) ? 0 : 100 * dr_quality_filled(q, e, c));
	}
	if (n < sizeof buf && buf[n - 1] == ';')
		buf[n - 1] = '.';
	quality_note(p, buf);
	for (dr_month mo = q->first; mo <= q->last; mo++)
		if (dr_quality_low_note(q, e, mo, buf, sizeof buf))
			quality_note(p, buf);
}

/* The data-quality page: what each extract held and what was left out. */
void dr_packet_data_quality(struct packet *p)
{
	double ts = dr_packet_table_scale(p);
	const struct dr_quality *q = p->in->quality;
	char buf[512];
	dr_packet_begin(p, p->pg->title);
	snprintf(buf, sizeof buf, "Rows of each extract as read for this run (every dyad). A row that "
	         "cannot be used is skipped and counted by reason; a run fails only when more than "
	         "%g%% of an extract's rows are skipped. Ignored rows carry a code the site maps to "
	         "IGNORE (not events of this kind). \xE2\x80\x9CNot in any dyad\xE2\x80\x9D rows belong to a "
	         "department no dyad owns; \xE2\x80\x9CIn this dyad\xE2\x80\x9D rows to this dyad's "
	         "departments.", p->in->cfg->max_bad_rows * 100);
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13), buf);
	dr_draw_close(&p->d);
	p->y -= fs(p, 12);
	const double k = (p->w - 2 * p->margin) / 516;
	const double cols[] = { p->margin + 8, p->margin + 152 * k, p->margin + 214 * k,
	                        p->margin + 274 * k, p->margin + 334 * k, p->margin + 427 * k,
	                        p->w - p->margin };
	const char *heads[] = { "Extract", "Rows read", "Used", "Ignored", "Skipped", "Not in any dyad",
	                        "In this dyad" };
	/* A Table: a header row, then per extract a row named by it and a
	 * row of one cell with its notes. */
	dr_draw_open(&p->d, "Table");
	dr_draw_open(&p->d, "TR");
	for (size_t c = 0; c < DR_NELEM(heads); c++) {
		dr_draw_th(&p->d, DR_SCOPE_COLUMN);
		dr_draw_text(&p->d, p->d.bold, fs(p, 9), MUTED, cols[c], p->y, c ? DR_ALIGN_RIGHT : DR_ALIGN_LEFT, heads[c]);
		dr_draw_close(&p->d);
	}
	dr_draw_close(&p->d);
	p->y -= fs(p, 5);
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.8, INK);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		const struct dr_load_stats *st = &q->load[e];
		dr_packet_need(p, fs(p, 40));
		p->y -= fs(p, 16);
		dr_draw_open(&p->d, "TR");
		dr_draw_th(&p->d, DR_SCOPE_ROW);
		dr_draw_text(&p->d, p->d.bold, fs(p, 9.5), INK, cols[0], p->y, DR_ALIGN_LEFT, dr_extract_name(e));
		dr_draw_close(&p->d);
		if (!q->loaded[e]) {
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, p->d.font, fs(p, 9.5), MUTED, cols[1] + 12, p->y, DR_ALIGN_LEFT,
			     "not configured: its metrics and pages are left out of this packet");
			dr_draw_close(&p->d);
			dr_draw_close(&p->d);
			continue;
		}
		long vals[] = { st->rows_read, st->rows_used, st->rows_ignored, dr_load_skipped(st),
		                q->unowned[e], dr_metrics_dyad_rows(p->in->metrics, p->in->dyad, e) };
		for (size_t c = 0; c < DR_NELEM(vals); c++) {
			dr_chart_format_value(DR_UNIT_COUNT, (double)vals[c], 0, buf, sizeof buf);
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, p->d.font, fs(p, 9.5), INK, cols[c + 1], p->y, DR_ALIGN_RIGHT, buf);
			dr_draw_close(&p->d);
		}
		dr_draw_close(&p->d);
		dr_draw_open(&p->d, "TR");
		dr_draw_open(&p->d, "TD");
		quality_notes(p, e);
		dr_draw_close(&p->d);
		dr_draw_close(&p->d);
		p->y -= fs(p, 4);
	}
	dr_draw_close(&p->d);      /* the table */
	p->y -= fs(p, 8);
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.3, RULE);
	p->d.ts = ts;
}

/* Whether the template shows metric id on a summary, chart-grid or chart
 * page (a summary without metrics shows them all). */
static bool shown(const struct packet *p, enum dr_metric_id id)
{
	for (size_t i = 0; i < p->tpl->npages; i++) {
		const struct dr_template_page *pg = &p->tpl->pages[i];
		if (pg->kind == DR_PAGE_SUMMARY && pg->nmetrics == 0)
			return true;
		for (size_t k = 0; k < pg->nmetrics; k++)
			if (pg->metrics[k] == id)
				return true;
	}
	return false;
}

/* How to read the charts, then each metric's definition. */
/* The icons' legend: every variation icon, then every assurance icon. */
static void icon_legend(struct packet *p)
{
	static const struct { enum dr_spc_point_type t; int better; } var[] = {
		{ DR_POINT_COMMON, 0 },
		{ DR_POINT_IMPROVEMENT, 1 }, { DR_POINT_IMPROVEMENT, -1 },
		{ DR_POINT_CONCERN, -1 }, { DR_POINT_CONCERN, 1 },
		{ DR_POINT_NEUTRAL_HIGH, 0 }, { DR_POINT_NEUTRAL_LOW, 0 },
	};
	static const enum dr_spc_assurance assure[] = {
		DR_ASSURE_PASS, DR_ASSURE_FAIL, DR_ASSURE_HIT_AND_MISS,
	};
	const double col2 = p->w / 2 - 16, row = fs(p, 17);
	dr_packet_need(p, 20 + row * DR_NELEM(var));
	/* Each column in reading order: its heading (H3), then its list; an
	 * item's icon is in the item's body, which says it in words. */
	dr_draw_open(&p->d, "H3");
	dr_draw_text(&p->d, p->d.bold, fs(p, 10), INK, p->margin, p->y, DR_ALIGN_LEFT, "Variation icon (the latest point)");
	dr_draw_close(&p->d);
	double y = p->y - 6;
	dr_draw_open(&p->d, "L");
	for (size_t i = 0; i < DR_NELEM(var); i++) {
		y -= row;
		dr_draw_open(&p->d, "LI");
		dr_draw_open(&p->d, "LBody");
		dr_draw_variation_icon(&p->d, p->margin, y - 4, fs(p, 14), var[i].t, var[i].better);
		dr_draw_text(&p->d, p->d.font, fs(p, 8.5), INK, p->margin + fs(p, 20), y, DR_ALIGN_LEFT,
		     dr_icon_variation_label(var[i].t, var[i].better));
		dr_draw_close(&p->d);
		dr_draw_close(&p->d);
	}
	dr_draw_close(&p->d);
	dr_draw_open(&p->d, "H3");
	dr_draw_text(&p->d, p->d.bold, fs(p, 10), INK, col2, p->y, DR_ALIGN_LEFT, "Assurance icon (the target)");
	dr_draw_close(&p->d);
	y = p->y - 6;
	dr_draw_open(&p->d, "L");
	for (size_t i = 0; i < DR_NELEM(assure); i++) {
		y -= row;
		dr_draw_open(&p->d, "LI");
		dr_draw_open(&p->d, "LBody");
		dr_draw_assurance_icon(&p->d, col2, y - 4, fs(p, 14), assure[i]);
		dr_draw_text(&p->d, p->d.font, fs(p, 8.5), INK, col2 + fs(p, 20), y, DR_ALIGN_LEFT, dr_icon_assurance_label(assure[i]));
		dr_draw_close(&p->d);
		dr_draw_close(&p->d);
	}
	dr_draw_close(&p->d);
	y -= row;
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, col2, &y, p->w - p->margin - col2, fs(p, 11),
	     "Assurance compares the target with the latest phase's process limits: when both limits "
	     "are on the right side of it the process will meet it every month; when both are on the "
	     "wrong side it will not without a change; in between it will hit and miss.");
	dr_draw_close(&p->d);
	double left = p->y - 6 - row * (double)DR_NELEM(var) - 8;
	p->y = (y < left ? y : left) - fs(p, 22);
}

void dr_packet_definitions(struct packet *p)
{
	double ts = dr_packet_table_scale(p);
	dr_packet_begin(p, p->pg->title);
	char buf[512];
	dr_packet_need(p, fs(p, 60));
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 12), INK, p->margin, p->y, DR_ALIGN_LEFT, "How to read the charts");
	dr_draw_close(&p->d);
	p->y -= fs(p, 16);
	const struct dr_spc_config *spc = &p->in->cfg->spc;
	dr_draw_open(&p->d, "P");
	if (spc->rules == DR_SPC_ANHOEJ)
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13),
		     "Each chart is a statistical process control chart judged by the Anh\xC3\xB8j rules, as "
		     "the R package qicharts2 computes them: proportions on a p chart (limits from the "
		     "binomial spread of each month's denominator), rates per unit on a u chart, counts, "
		     "means and medians on an I chart; each chart's small type names its chart. The solid "
		     "line is the centre, the dashed lines the 3-sigma limits. A point outside the limits is "
		     "a special cause. The runs analysis judges each phase as a whole: an unusually long run "
		     "on one side of the centre, or too few crossings of it, means the process has shifted, "
		     "and the centre line is then drawn dashed orange. Blue marks an improvement, orange a "
		     "concern, purple a change where neither direction is better; grey points are normal "
		     "variation. Hollow grey points, labelled \xE2\x80\x9Cstill closing\xE2\x80\x9D, are provisional months: "
		     "never judged (no colour, in no rule, no icon) and left out of the centre and limits. "
		     "Months without data are gaps, never zero.");
	else
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13), spc->rules == DR_SPC_MDC6 ?
		     "Each chart is an XmR (individuals) chart judged by the NHS Making Data Count rules "
		     "(6-point variant). The solid line is the mean; the dashed lines are the process limits "
		     "(mean \xC2\xB1 2.66 \xC3\x97 the average month-to-month moving range, with unusually "
		     "large moving ranges screened out). A point is a special cause when it lies outside the "
		     "limits, when 6 points rise or fall in a row, when 2 of 3 points lie close to the same "
		     "limit, or when 6 points in a row lie on one side of the mean. Blue marks an improvement, "
		     "orange a concern, purple a change where neither direction is better; grey points are "
		     "normal variation. Hollow grey points, labelled \xE2\x80\x9Cstill closing\xE2\x80\x9D, are provisional "
		     "months: never judged (no colour, in no rule, no icon) and left out of the mean and "
		     "limits. Months without data are gaps, never zero."
		   :
		     "Each chart is an XmR (individuals) chart judged by the NHS Making Data Count rules. "
		     "The solid line is the mean; the dashed lines are the process limits (mean \xC2\xB1 2.66 "
		     "\xC3\x97 the average month-to-month moving range, with unusually large moving ranges "
		     "screened out). A point is a special cause when it lies outside the limits, when 7 points "
		     "rise or fall in a row, when 2 of 3 points lie close to the same limit, or when 7 points in "
		     "a row lie on one side of the mean. Blue marks an improvement, orange a concern, purple a "
		     "change where neither direction is better; grey points are normal variation. Hollow grey "
		     "points, labelled \xE2\x80\x9Cstill closing\xE2\x80\x9D, are provisional months: never judged (no colour, "
		     "in no rule, no icon) and left out of the mean and limits. Months without data are gaps, "
		     "never zero.");
	dr_draw_close(&p->d);
	p->y -= fs(p, 5);
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13),
	     "The sentence above each chart names every special cause the chart marks, with its "
	     "months, then where the latest complete month stands; it says normal variation only when "
	     "nothing is marked. "
	     "A vertical marker is a known change in the process; where it is labelled as a new phase, "
	     "the centre and limits are recalculated from that month on. Limits that rest on 12 or "
	     "fewer points are trial limits: read them with care. The vertical axis fits the values "
	     "and limits and starts at zero only where zero is near them, so read its labels before "
	     "judging the size of a change. In tiles and tables a value is coloured only when it is a "
	     "special cause; changes against the month or year before are never coloured.");
	dr_draw_close(&p->d);
	p->y -= fs(p, 10);
	icon_legend(p);
	if (p->in->cfg->min_denominator > 0) {
		snprintf(buf, sizeof buf, "A rate on fewer than %d cases swings by chance: it is drawn "
		         "light grey with its n (\xE2\x80\x9Cn = 6\xE2\x80\x9D), is left out of the centre "
		         "line and the limits, is not compared with the month before, sets no icon, and is "
		         "marked \xE2\x80\xA0 in tables.",
		         p->in->cfg->min_denominator);
		dr_packet_need(p, fs(p, 30));
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 13), buf);
		dr_draw_close(&p->d);
		p->y -= fs(p, 10);
	}
	const struct dr_privacy *priv = &p->in->privacy;
	dr_packet_need(p, fs(p, 40));
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 12), INK, p->margin, p->y, DR_ALIGN_LEFT, "What is hidden, and why");
	dr_draw_close(&p->d);
	p->y -= fs(p, 16);
	snprintf(buf, sizeof buf, "Survey results of a group (a wave, a role, a department) with fewer "
	         "than %d respondents are not shown, so no small group of staff can be identified.",
	         priv->suppress_below);
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13), buf);
	dr_draw_close(&p->d);
	p->y -= fs(p, 4);
	if (priv->small_cells_below > 0) {
		dr_packet_need(p, fs(p, 56));
		snprintf(buf, sizeof buf, "Counts taken from patient records (visits, requests, handoffs) "
		         "between 1 and %d are not shown, nor any rate, median or amount that rests on "
		         "such a count (the CMS cell-size rule). A rate's complement counts too: 58 of 60 "
		         "handoffs completed would tell that 2 were not, so that rate is hidden.",
		         priv->small_cells_below - 1);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 13), buf);
		dr_draw_close(&p->d);
		p->y -= fs(p, 4);
	}
	dr_packet_need(p, fs(p, 30));
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13),
	             "Where exactly one group of a breakdown would be hidden, the next smallest is "
	             "hidden too, so a hidden figure cannot be worked out from the total. A hidden "
	             "value is never shown as zero.");
	dr_draw_close(&p->d);
	if (priv->small_cells_below > 0) {
		p->y -= fs(p, 4);
		dr_packet_need(p, fs(p, 56));
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 13), "The hidden months are the small ones, so the rest are not a "
		             "fair sample: where more than a third of a chart's months are hidden, or too "
		             "few are left for the rules, the chart draws no centre line, limits or icons "
		             "and its headline says so. Hidden categories of a Pareto chart are shown "
		             "together as one \xE2\x80\x9COther, hidden\xE2\x80\x9D bar, so every share "
		             "is of the whole.");
		dr_draw_close(&p->d);
	}
	p->y -= fs(p, 14);

	dr_packet_need(p, fs(p, 40));
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 12), INK, p->margin, p->y, DR_ALIGN_LEFT, "How each metric is calculated");
	dr_draw_close(&p->d);
	p->y -= fs(p, 18);
	bool any = false;
	for (int id = 0; id < DR_NMETRICS; id++)
		any |= shown(p, id) && dr_packet_series(p, id);
	for (int id = 0; id < DR_NMETRICS; id++) {
		const struct dr_series *s = dr_packet_series(p, id);
		if (!s || (any && !shown(p, id)))
			continue;
		dr_packet_need(p, fs(p, 56));
		dr_draw_open(&p->d, "H3");
		dr_draw_text(&p->d, p->d.bold, fs(p, 9.5), INK, p->margin, p->y, DR_ALIGN_LEFT, s->def->label);
		dr_draw_close(&p->d);
		dr_draw_open(&p->d, "P");
		dr_draw_text(&p->d, p->d.font, fs(p, 8.5), MUTED, p->w - p->margin, p->y, DR_ALIGN_RIGHT, s->def->key);
		dr_draw_close(&p->d);
		p->y -= fs(p, 12);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9), INK, p->margin + 10, &p->y, p->w - 2 * p->margin - 10, fs(p, 11.5), s->def->definition);
		dr_draw_close(&p->d);
		if (s->def->denominator)
			snprintf(buf, sizeof buf, "Numerator: %s. Denominator: %s.", s->def->numerator, s->def->denominator);
		else
			snprintf(buf, sizeof buf, "Counts: %s.", s->def->numerator);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin + 10, &p->y, p->w - 2 * p->margin - 10, fs(p, 11), buf);
		dr_draw_close(&p->d);
		if (s->has_target) {
			char t[64];
			dr_chart_format_value(s->def->unit, s->target, -1, t, sizeof t);
			snprintf(buf, sizeof buf, "Judged on %s. Target %s (%s is better).",
			         dr_spc_describe(s->rules, s->chart), t, s->better > 0 ? "higher" : "lower");
		} else {
			snprintf(buf, sizeof buf, "Judged on %s.", dr_spc_describe(s->rules, s->chart));
		}
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin + 10, &p->y, p->w - 2 * p->margin - 10, fs(p, 11), buf);
		dr_draw_close(&p->d);
		p->y -= fs(p, 6);
	}
	p->d.ts = ts;
}

