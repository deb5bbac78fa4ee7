/*
 * packet-words.c -- what the packet's pages read and say alike
 * (packet-int.h): the extracts a template page reads and, in words, those
 * that hold no row of the report month; what was hidden for privacy; a
 * breakdown's window; a metric's series for the dyad; the dyad's comment
 * on a metric, as the template's audience may read it. Paints nothing.
 */
#include <stdio.h>
#include <string.h>

#include "packet-int.h"

unsigned dr_packet_page_extracts(const struct dr_template_page *pg)
{
	unsigned all = (1u << DR_NEXTRACTS) - 1, mask = 0;
	switch (pg->kind) {
	case DR_PAGE_DATA_QUALITY:
	case DR_PAGE_DEFINITIONS:
	case DR_PAGE_ACTIONS:
	case DR_PAGE_COVER:
		return 0;
	case DR_PAGE_PROVIDER_TABLE:
		return 1u << DR_VISITS;
	default:
		break;
	}
	if (pg->by != DR_BY_NONE)
		mask |= 1u << dr_breakdown_extract(pg->by);
	for (size_t i = 0; i < pg->nmetrics; i++)
		mask |= 1u << dr_metric_def(pg->metrics[i])->extract;
	return mask ? mask : all;
}

size_t dr_packet_missing_words(const struct packet *p, unsigned mask, char *out, size_t size)
{
	const struct dr_quality *q = p->in->quality;
	size_t n = 0, len = 0, total = 0;
	out[0] = '\0';
	for (int e = 0; e < DR_NEXTRACTS; e++)
		total += (mask >> e & 1) && dr_quality_missing(q, e, p->in->report_month);
	for (int e = 0; e < DR_NEXTRACTS && len < size; e++) {
		if (!(mask >> e & 1) || !dr_quality_missing(q, e, p->in->report_month))
			continue;
		/* Its first month when the report month is before its data. */
		char month[16];
		bool before = dr_quality_place(q, e, p->in->report_month) == DR_MONTH_BEFORE;
		if (before)
			dr_month_format(q->load[e].earliest, month, sizeof month);
		else
			dr_quality_latest_words(q, e, month, sizeof month);
		const char *name = p->in->cfg->input_raw[e] ? p->in->cfg->input_raw[e] : dr_extract_name(e);
		len += (size_t)snprintf(out + len, size - len, "%s%s (%s month %s)",
		                        n == 0 ? "" : n + 1 == total ? " or " : ", ", name,
		                        before ? "first" : "latest", month);
		n++;
	}
	if (n == 0 || len >= size)
		return n;
	char head[96];
	snprintf(head, sizeof head, "No data for %s in ", p->period);
	size_t hl = strlen(head);
	if (hl + len + 64 < size) {
		memmove(out + hl, out, len + 1);
		memcpy(out, head, hl);
		snprintf(out + hl + len, size - hl - len, ": the month shows no value there, not 0.");
	}
	return n;
}

void dr_packet_hidden_words(size_t n, const char *unit, const char *why, char *out, size_t size)
{
	bool groups = strcmp(unit, "group") == 0;
	snprintf(out, size, "%zu %s%s hidden to protect privacy: %s%s", n, unit, n == 1 ? "" : "s",
	         why ? why : "small numbers", groups
	         ? ". A hidden group shows no number, and where one group alone would be hidden the "
	           "next smallest is hidden too, so no hidden figure can be worked out from the total."
	         : "; a hidden point is a gap, never zero, and is left out of the centre and limits.");
}

/* "October 2026", "Aug–Oct 2026" or "Q4 2026" for a breakdown's window. */
void dr_packet_window_words(const struct dr_breakdown_table *t, char *out, size_t size)
{
	if (t->window == DR_WINDOW_WAVE)
		dr_chart_period_words(t->from, DR_PERIOD_QUARTER, out, size);
	else if (t->from == t->to)
		snprintf(out, size, "%s %d", dr_month_name(t->to), dr_month_year(t->to));
	else
		snprintf(out, size, "%s\xE2\x80\x93%s %d", dr_month_abbr(t->from), dr_month_abbr(t->to),
		         dr_month_year(t->to));
}

char *dr_packet_flat_text(const char *s)
{
	char *t = dr_xstrdup(s ? s : "");
	for (char *c = t; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	return t;
}

size_t dr_packet_line_bytes(HPDF_Font f, double size, double width, const char *s)
{
	char buf[1024];
	size_t best = 0, i = 0;
	for (;;) {
		while (s[i] == ' ')
			i++;
		size_t wl = strcspn(s + i, " ");
		if (!wl || i + wl >= sizeof buf)
			break;
		memcpy(buf, s, i + wl);
		buf[i + wl] = '\0';
		if (dr_hpdf_text_width(f, size, buf) > width)
			break;
		best = i += wl;
	}
	return best;
}

const char *dr_packet_comment(const struct dr_packet_input *in, enum dr_metric_id id)
{
	if (!in->commentary || (int)id < 0 || id >= DR_NMETRICS)
		return NULL;
	const char *c = dr_commentary_comment(in->commentary, in->dyad, id, in->report_month,
	                                      in->tpl->audience == DR_AUDIENCE_PUBLIC);
	return c && *c ? c : NULL;
}

bool dr_packet_has_actions(const struct dr_template *t)
{
	for (size_t i = 0; i < t->npages; i++)
		if (t->pages[i].kind == DR_PAGE_ACTIONS)
			return true;
	return false;
}

const struct dr_series *dr_packet_series(const struct packet *p, enum dr_metric_id id)
{
	return dr_metrics_series(p->in->metrics, p->in->dyad, id);
}

bool dr_packet_domain_loaded(const struct packet *p, enum dr_domain d)
{
	for (int id = 0; id < DR_NMETRICS; id++)
		if ((int)dr_metric_def(id)->domain == (int)d && dr_packet_series(p, id))
			return true;
	return false;
}

