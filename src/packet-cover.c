/*
 * packet-cover.c -- the cover page kind: organization, the template's
 * title, the dyad and its two leads, report month, trend window and
 * departments, the packet's contents (its template sections, in order, and
 * the domains left out for want of an extract), the extracts that hold no
 * row of the report month ("No data for October 2026 in handoffs.csv ...",
 * after "DRAFT" when no extract does), "At a glance" KPI tiles (the cover
 * page's metrics =, else the headline metric of each domain the template's
 * pages show) and the generation note.
 *
 * Portrait pages stack everything in one column; landscape pages and
 * slides put the contents in a right-hand column. Tags: the dyad's name
 * is the H1 (organization and template title before it are P), the leads
 * and months a list of labelled items, the contents an H2 and a list,
 * each tile a Figure under the "At a glance" H2; bands and rules are
 * artifacts. Never: prints.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "packet-int.h"

/* Whether template page pg shows anything for this dyad (its extract was
 * loaded), so the contents list only what the packet holds. */
static bool page_shown(const struct packet *p, const struct dr_template_page *pg)
{
	switch (pg->kind) {
	case DR_PAGE_COVER:
		return false;
	case DR_PAGE_CHART_GRID:
	case DR_PAGE_SUMMARY:
		if (pg->nmetrics == 0)
			return true;
		for (size_t i = 0; i < pg->nmetrics; i++)
			if (dr_packet_series(p, pg->metrics[i]))
				return true;
		return false;
	case DR_PAGE_CHART:
		if (pg->by != DR_BY_NONE)
			return p->in->quality->loaded[dr_breakdown_extract(pg->by)];
		return pg->nmetrics && dr_packet_series(p, pg->metrics[0]);
	case DR_PAGE_TABLE:
		return p->in->quality->loaded[dr_breakdown_extract(pg->by)];
	case DR_PAGE_PROVIDER_TABLE:
		return p->in->quality->loaded[DR_VISITS];
	default:
		return true;
	}
}

/*
 * "At a glance": one KPI tile (chart.h DR_CHART_TILE: latest value,
 * change, icons, target, sparkline) per cover metric (above) that is
 * loaded, in one row whose heading's baseline is at top, h points high.
 */
static void at_a_glance(struct packet *p, double top, double h)
{
	enum dr_metric_id ids[DR_COVER_TILES_MAX];
	size_t nids = dr_template_cover_tiles(p->tpl, p->pg, ids);
	const struct dr_series *tiles[DR_COVER_TILES_MAX];
	size_t n = 0;
	for (size_t i = 0; i < nids; i++)
		if ((tiles[n] = dr_packet_series(p, ids[i])) && tiles[n]->n > 0)
			n++;
	double gap = 8, w = (p->w - 2 * p->margin - 3 * gap) / DR_COVER_TILES_MAX;
	if (n == 0 || h < 70 || p->d.error)
		return;
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 12), INK, p->margin, top, DR_ALIGN_LEFT, "At a glance");
	dr_draw_close(&p->d);
	for (size_t i = 0; i < n; i++)
		dr_packet_draw_series(p, tiles[i], DR_CHART_TILE, p->margin + (double)i * (w + gap),
		                      top - fs(p, 12) - h, w, h);
}

/* The contents: each template section once, in order, from baseline *y
 * (an H2 and a list), then the domains left out (a P each). */
static void contents(struct packet *p, double x, double *y, double width, double floor)
{
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 12), INK, x, *y, DR_ALIGN_LEFT, "In this packet");
	dr_draw_close(&p->d);
	*y -= fs(p, 20);
	const char *last = NULL;
	bool full = false;
	dr_draw_open(&p->d, "L");
	for (size_t i = 0; i < p->tpl->npages; i++) {
		const struct dr_template_page *pg = &p->tpl->pages[i];
		if (!page_shown(p, pg) || (last && strcmp(last, pg->section) == 0))
			continue;
		last = pg->section;
		if ((full = *y < floor))
			break;
		dr_draw_open(&p->d, "LI");
		dr_draw_open(&p->d, "LBody");
		dr_draw_text_fit(&p->d, p->d.font, fs(p, 11), INK, x + 12, *y, width - 12, pg->section);
		dr_draw_close(&p->d);
		dr_draw_close(&p->d);
		*y -= fs(p, 15);
	}
	dr_draw_close(&p->d);
	if (full)
		return;
	char buf[256];
	for (int d = 0; d < DR_NDOMAINS; d++) {
		if (dr_packet_domain_loaded(p, d) || *y < floor)
			continue;
		snprintf(buf, sizeof buf, "Not in this packet: %s (no extract configured).",
		         dr_domain_label(d));
		dr_draw_open(&p->d, "P");
		dr_draw_text_fit(&p->d, p->d.font, fs(p, 10), MUTED, x + 12, *y, width - 12, buf);
		dr_draw_close(&p->d);
		*y -= fs(p, 16);
	}
}

/* A labelled item of a list: LI, its Lbl open; then its LBody; closed. */
static void label_open(struct packet *p)
{
	dr_draw_open(&p->d, "LI");
	dr_draw_open(&p->d, "Lbl");
}

static void label_body(struct packet *p)
{
	dr_draw_close(&p->d);
	dr_draw_open(&p->d, "LBody");
}

static void label_close(struct packet *p)
{
	dr_draw_close(&p->d);
	dr_draw_close(&p->d);
}

void dr_packet_cover(struct packet *p)
{
	const struct dr_config *cfg = p->in->cfg;
	bool wide = p->w > p->h;
	double ts = p->d.ts;
	p->d.ts = fmin(ts, 1.2);      /* a cover holds too much for the largest type */
	dr_packet_begin(p, p->pg->title);
	if (p->d.error)
		return;
	dr_draw_box(&p->d, 0, p->h - 14, p->w, 14, ACCENT);
	double left = p->margin, width = wide ? (p->w - 2 * p->margin) * 0.58 : p->w - 2 * p->margin;
	double y = p->h - (wide ? 70 : 120);
	if (*cfg->organization) {
		dr_draw_open(&p->d, "P");
		dr_draw_text_fit(&p->d, p->d.font, fs(p, 13), MUTED, left, y, width, cfg->organization);
		dr_draw_close(&p->d);
		y -= fs(p, 22);
	}
	dr_draw_open(&p->d, "P");
	dr_draw_text_fit(&p->d, p->d.font, fs(p, 13), MUTED, left, y, width, p->tpl->title);
	dr_draw_close(&p->d);
	y -= fs(p, 40);
	dr_draw_open(&p->d, "H1");         /* the cover's title: whose packet it is */
	dr_draw_text_fit(&p->d, p->d.bold, fs(p, 32), INK, left, y, width, p->dyad->name);
	dr_draw_close(&p->d);
	y -= fs(p, 16);
	dr_draw_hrule(&p->d, left, left + 120, y, 3, ACCENT);
	y -= fs(p, 30);

	double label_w = fs(p, 130);
	const char *labels[] = { "Physician lead", "Administrator lead" };
	const char *names[] = { p->dyad->physician, p->dyad->administrator };
	/* The leads, report month, trend window and departments: a list of
	 * labelled items. */
	dr_draw_open(&p->d, "L");
	for (int i = 0; i < 2; i++) {
		label_open(p);
		dr_draw_text(&p->d, p->d.font, fs(p, 10), MUTED, left, y, DR_ALIGN_LEFT, labels[i]);
		label_body(p);
		dr_draw_text_fit(&p->d, p->d.bold, fs(p, 14), INK, left + label_w, y, width - label_w,
		                 *names[i] ? names[i] : "\xE2\x80\x94");
		label_close(p);
		y -= fs(p, 24);
	}
	y -= fs(p, 6);
	char buf[512], a[16], b[16];
	label_open(p);
	dr_draw_text(&p->d, p->d.font, fs(p, 10), MUTED, left, y, DR_ALIGN_LEFT, "Report month");
	label_body(p);
	dr_draw_text(&p->d, p->d.font, fs(p, 12), INK, left + label_w, y, DR_ALIGN_LEFT, p->period);
	label_close(p);
	y -= fs(p, 20);
	snprintf(a, sizeof a, "%s %d", dr_month_abbr(p->in->first_month), dr_month_year(p->in->first_month));
	snprintf(b, sizeof b, "%s %d", dr_month_abbr(p->in->report_month), dr_month_year(p->in->report_month));
	snprintf(buf, sizeof buf, "%s \xE2\x80\x93 %s (%d months)", a, b, cfg->months);
	label_open(p);
	dr_draw_text(&p->d, p->d.font, fs(p, 10), MUTED, left, y, DR_ALIGN_LEFT, "Trend window");
	label_body(p);
	dr_draw_text(&p->d, p->d.font, fs(p, 12), INK, left + label_w, y, DR_ALIGN_LEFT, buf);
	label_close(p);
	y -= fs(p, 20);
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->dyad->ndepartments && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "",
		                        p->dyad->departments[i]);
	label_open(p);
	dr_draw_text(&p->d, p->d.font, fs(p, 10), MUTED, left, y, DR_ALIGN_LEFT, "Departments");
	label_body(p);
	dr_draw_wrap(&p->d, p->d.font, fs(p, 12), INK, left + label_w, &y, width - label_w, fs(p, 16), buf);
	label_close(p);
	dr_draw_close(&p->d);      /* the list */
	/* Extracts without a row of the report month, in words. */
	len = p->in->draft ? (size_t)snprintf(buf, sizeof buf, "DRAFT, published with "
	                                      "--allow-incomplete. ") : 0;
	if (dr_packet_missing_words(p, (1u << DR_NEXTRACTS) - 1, buf + len, sizeof buf - len)) {
		y -= fs(p, 6);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.bold, fs(p, 10), ALERT, left, &y, width, fs(p, 13), buf);
		dr_draw_close(&p->d);
	}

	/* The footnote block at the bottom, tiles above it, contents between. */
	double foot = p->bottom + (wide ? 4 : 54);
	double tiles_h = wide ? fmin(120, p->h * 0.26) : 100;
	double tiles_top = foot + 34 + tiles_h + fs(p, 12);
	if (wide) {
		double cy = p->h - 70, cx = p->margin + width + 24;
		contents(p, cx, &cy, p->w - p->margin - cx, fmax(tiles_top, y) + 10);
	} else {
		y -= fs(p, 24);
		contents(p, left, &y, width, tiles_top + 16);
	}
	if (y - 14 < tiles_top) {       /* the tiles shrink to stay clear of the text */
		tiles_top = y - 14;
		tiles_h = tiles_top - fs(p, 12) - foot - 34;
	}
	at_a_glance(p, tiles_top, fmin(tiles_h, 120));

	y = foot;
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, y + fs(p, 14), 0.5, RULE);
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9), MUTED, p->margin, &y, p->w - 2 * p->margin, fs(p, 12),
	             p->public_
	             ? "Every chart is a statistical process control (SPC) chart: a point outside the "
	               "limits, or a run or trend the rules flag, is a real change; anything else is "
	               "normal variation. Prepared for a public audience: counts of 1 to 10 patients "
	               "and small staff survey groups are hidden."
	             : "Every chart is a statistical process control (SPC) chart: a point outside the "
	               "process limits, or a run or trend the rules flag, is a real change; anything "
	               "else is normal month-to-month variation. No patient identifiers appear in "
	               "this packet.");
	dr_draw_close(&p->d);
	snprintf(buf, sizeof buf, "Generated %s \xC2\xB7 %s", p->in->generated,
	         p->public_ ? "Public: small numbers are hidden" : cfg->label);
	dr_draw_open(&p->d, "P");
	dr_draw_text_fit(&p->d, p->d.font, fs(p, 9), MUTED, p->margin, y - 2, p->w - 2 * p->margin, buf);
	dr_draw_close(&p->d);
	p->d.ts = ts;
}
