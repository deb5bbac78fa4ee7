/*
 * overview-pdf.c -- overview.pdf (overview.h): every dyad on a few
 * landscape letter pages, for the executives who sponsor the dyads.
 *
 * Pages: a cover (organization, report month, trend window, the dyads
 * with their leads, each name linking to its packet, and the generation
 * note); "Every metric, every dyad", a Making Data Count style matrix of
 * metric rows (grouped by domain) x dyad columns, each cell the dyad's
 * latest value with its variation and assurance icons, split by dyad
 * columns over as many pages as it takes (the metric column repeated,
 * a table per group of columns) and continued on a new page when its
 * rows run out of room (the header row repeated as decoration); then
 * "What changed this month": per domain, every dyad's new special causes
 * and targets newly met or missed, in the words a packet's summary uses
 * (changes.h); then "Comparing the dyads", two funnel plots a page
 * (chart-funnel.c) of the key rates the model judged (overview.h), each
 * dyad a named point against its cases, with the chart's headline above.
 *
 * A cell with no value says why in words ("no data", "hidden"), never a
 * blank; a rate on too few cases is grey with a dagger and no icons, a
 * provisional value has an asterisk; the value is coloured only by its
 * SPC verdict, as in the packet's summary table. Links: each dyad's name
 * on the cover and its column header carry a /GoToR action to its packet
 * file by a path relative to the overview (the output root), opened at
 * its first page; no link when the run writes no PDF packets.
 *
 * Tags (pdf-tags.h), as the packets: the cover's title is the H1,
 * sections H2, domains in the changes H3; the matrix a Table whose header
 * row has column headers and whose metric rows are named by their first
 * cell; a cell's icons are a Figure whose alternative text says them in
 * words; running headers, footers, repeated header rows, rules and the
 * DRAFT mark are artifacts. Footers "System overview · Month · Page X of
 * Y · label" on every page after the cover; page labels i, then 1...
 *
 * libharu errors are latched by a handler (the first one is printed);
 * the build then stops and dr_overview_pdf fails with DR_EINTERNAL. No
 * dates or /ID in the file: same inputs, same bytes. Never: prints a
 * value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_objects.h>

#include "dyadreport/diag.h"
#include "dyadreport/icon.h"
#include "dyadreport/overview.h"
#include "dyadreport/packet.h"
#include "packet-draw.h"

#define INK 0x1f2933
#define MUTED 0x616e7c
#define RULE 0xc8d0d8
#define ACCENT 0x005eb8
#define ALERT 0xa61b1b

#define PAGE_W 792.0            /* US letter, landscape */
#define PAGE_H 612.0
#define MARGIN 40.0
#define TOP (PAGE_H - 36)
#define BOTTOM 46.0
#define METRIC_W 178.0          /* the metric column */
#define COL_MIN 76.0            /* narrowest dyad column */
#define COL_MAX 120.0
#define ROW 15.0
#define ICON 11.0

struct ov {
	const struct dr_overview_input *in;
	const struct dr_overview *o;
	struct dr_draw d;
	HPDF_Page *pages;
	size_t npages;
	HPDF_Outline root;
	double y;
	bool public_;
	bool links;                 /* the run writes PDF packets to link to */
	char period[64];
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct ov *v = user;
	if (!v->d.error) {
		v->d.error = error;
		dr_error("PDF library error 0x%04X (detail %u)", (unsigned)error, (unsigned)detail);
	}
}

/* A new page; after the cover, the running header (an artifact). */
static void new_page(struct ov *v)
{
	if (v->d.error)
		return;
	HPDF_Page page = HPDF_AddPage(v->d.pdf);
	if (!page)
		return;
	dr_draw_page(&v->d, page);
	HPDF_Page_SetWidth(page, (HPDF_REAL)PAGE_W);
	HPDF_Page_SetHeight(page, (HPDF_REAL)PAGE_H);
	v->pages = dr_xreallocarray(v->pages, v->npages + 1, sizeof *v->pages);
	v->pages[v->npages++] = page;
	v->y = TOP;
	if (v->npages > 1) {
		dr_draw_decor_begin(&v->d);
		const char *org = v->in->cfg->organization;
		dr_draw_text(&v->d, v->d.font, 9, MUTED, MARGIN, v->y, DR_ALIGN_LEFT,
		             *org ? org : "System overview");
		dr_draw_text(&v->d, v->d.font, 9, MUTED, PAGE_W - MARGIN, v->y, DR_ALIGN_RIGHT, v->period);
		dr_draw_decor_end(&v->d);
		v->y -= 28;
	}
}

/* A bookmark to the current page. */
static void bookmark(struct ov *v, const char *title)
{
	if (v->d.error || !v->d.page)
		return;
	HPDF_Outline o = HPDF_CreateOutline(v->d.pdf, v->root, title, HPDF_GetEncoder(v->d.pdf, "UTF-8"));
	HPDF_Destination dst = HPDF_Page_CreateDestination(v->d.page);
	if (o && dst) {
		HPDF_Destination_SetFit(dst);
		HPDF_Outline_SetDestination(o, dst);
	}
}

/* An H2 at the cursor. */
static void heading(struct ov *v, const char *s)
{
	dr_draw_open(&v->d, "H2");
	dr_draw_text_fit(&v->d, v->d.bold, 15, INK, MARGIN, v->y, PAGE_W - 2 * MARGIN, s);
	dr_draw_close(&v->d);
	v->y -= 8;
	dr_draw_hrule(&v->d, MARGIN, PAGE_W - MARGIN, v->y, 1.2, ACCENT);
	v->y -= 18;
}

/* A muted paragraph at the cursor. */
static void note(struct ov *v, double size, const char *s)
{
	dr_draw_open(&v->d, "P");
	dr_draw_wrap(&v->d, v->d.font, size, MUTED, MARGIN, &v->y, PAGE_W - 2 * MARGIN, size + 3.5, s);
	dr_draw_close(&v->d);
}

/*
 * A link over the box (x, y, w, h) to the packet of dyad d: a link
 * annotation whose action is /GoToR to the packet file (a path relative
 * to this file, which sits at the output root), at its first page. Built
 * from libharu's URI link, its action rewritten through the object layer
 * (libharu 2.3 has no remote-go-to call).
 */
static void link_packet(struct ov *v, size_t d, double x, double y, double w, double h)
{
	if (!v->links || v->d.error || !v->d.page)
		return;
	char *rel = dr_overview_packet_path(v->in->cfg, d, v->in->tpl);
	HPDF_Rect r = { (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(x + w), (HPDF_REAL)(y + h) };
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(v->d.page, r, rel);
	HPDF_Dict act = a ? HPDF_Dict_GetItem(a, "A", HPDF_OCLASS_DICT) : NULL;
	if (act) {
		HPDF_MMgr mm = v->d.pdf->mmgr;
		HPDF_Array dst = HPDF_Array_New(mm);
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		HPDF_Dict_RemoveElement(act, "URI");
		HPDF_Dict_AddName(act, "S", "GoToR");
		HPDF_Dict_Add(act, "F", HPDF_String_New(mm, rel, NULL));
		if (dst) {
			HPDF_Array_AddNumber(dst, 0);
			HPDF_Array_AddName(dst, "Fit");
			HPDF_Dict_Add(act, "D", dst);
		}
		char *what = dr_xasprintf("Open the packet of %s", v->in->cfg->dyads[d].id);
		HPDF_Dict_Add(a, "Contents", HPDF_String_New(mm, what, NULL));
		free(what);
	}
	free(rel);
}

/* ---- the cover ---- */

static void cover(struct ov *v)
{
	const struct dr_config *cfg = v->in->cfg;
	const struct dr_overview *o = v->o;
	new_page(v);
	bookmark(v, "Cover");
	dr_draw_box(&v->d, 0, PAGE_H - 14, PAGE_W, 14, ACCENT);
	double left = MARGIN, width = PAGE_W - 2 * MARGIN, y = PAGE_H - 64;
	dr_draw_open(&v->d, "Sect");
	if (*cfg->organization) {
		dr_draw_open(&v->d, "P");
		dr_draw_text_fit(&v->d, v->d.font, 13, MUTED, left, y, width, cfg->organization);
		dr_draw_close(&v->d);
		y -= 38;
	}
	dr_draw_open(&v->d, "H1");
	dr_draw_text_fit(&v->d, v->d.bold, 30, INK, left, y, width, "System overview");
	dr_draw_close(&v->d);
	y -= 14;
	dr_draw_hrule(&v->d, left, left + 120, y, 3, ACCENT);
	y -= 24;
	char buf[512];
	snprintf(buf, sizeof buf, "Every dyad at a glance, %s: each metric's latest value and "
	         "verdict, what changed this month across the system, and a link to each dyad's "
	         "packet (%s).", v->period, v->in->tpl->title);
	dr_draw_open(&v->d, "P");
	dr_draw_wrap(&v->d, v->d.font, 12, INK, left, &y, width, 16, buf);
	dr_draw_close(&v->d);
	y -= 4;
	dr_month first = v->in->report_month - cfg->months + 1;
	snprintf(buf, sizeof buf, "Report month %s \xC2\xB7 trend window %s %d \xE2\x80\x93 %s %d "
	         "(%d months) \xC2\xB7 %zu dyads", v->period, dr_month_abbr(first),
	         dr_month_year(first), dr_month_abbr(v->in->report_month),
	         dr_month_year(v->in->report_month), cfg->months, o->ndyads);
	dr_draw_open(&v->d, "P");
	dr_draw_text_fit(&v->d, v->d.font, 11, MUTED, left, y, width, buf);
	dr_draw_close(&v->d);
	y -= 16;
	if (v->in->draft) {
		snprintf(buf, sizeof buf, "DRAFT, published with --allow-incomplete: no extract holds "
		         "%s, so every figure for the month shows no value.", v->period);
		dr_draw_open(&v->d, "P");
		dr_draw_wrap(&v->d, v->d.bold, 10, ALERT, left, &y, width, 13, buf);
		dr_draw_close(&v->d);
	}
	y -= 14;

	/* The dyads: name (a link to its packet) and leads, in columns. */
	double foot = BOTTOM + 30;
	dr_draw_open(&v->d, "H2");
	dr_draw_text(&v->d, v->d.bold, 13, INK, left, y, DR_ALIGN_LEFT, "The dyads");
	dr_draw_close(&v->d);
	y -= 20;
	double line = 24, room = y - foot - 10;
	size_t per_col = room > line ? (size_t)(room / line) : 1;
	size_t ncols = (o->ndyads + per_col - 1) / per_col;
	if (ncols > 3)
		ncols = 3;
	size_t shown = per_col * ncols < o->ndyads ? per_col * ncols - 1 : o->ndyads;
	double col_w = width / (double)ncols;
	dr_draw_open(&v->d, "L");
	for (size_t c = 0; c < shown; c++) {
		const struct dr_dyad *dy = &cfg->dyads[o->dyad[c]];
		double x = left + (double)(c / per_col) * col_w, yy = y - (double)(c % per_col) * line;
		dr_draw_open(&v->d, "LI");
		dr_draw_open(&v->d, "LBody");
		dr_draw_text_fit(&v->d, v->d.bold, 10.5, v->links ? ACCENT : INK, x, yy, col_w - 12, dy->name);
		double tw = fmin(dr_hpdf_text_width(v->d.bold, 10.5, dy->name), col_w - 12);
		link_packet(v, o->dyad[c], x, yy - 3, tw, 13);
		snprintf(buf, sizeof buf, "%s%s%s", dy->physician, *dy->physician && *dy->administrator
		         ? " \xC2\xB7 " : "", dy->administrator);
		dr_draw_text_fit(&v->d, v->d.font, 8.5, MUTED, x, yy - 10, col_w - 12, buf);
		dr_draw_close(&v->d);
		dr_draw_close(&v->d);
	}
	if (shown < o->ndyads) {
		double x = left + (double)(shown / per_col) * col_w, yy = y - (double)(shown % per_col) * line;
		snprintf(buf, sizeof buf, "and %zu more: every dyad heads a column of the matrix",
		         o->ndyads - shown);
		dr_draw_open(&v->d, "LI");
		dr_draw_open(&v->d, "LBody");
		dr_draw_text_fit(&v->d, v->d.font, 10, MUTED, x, yy, col_w - 12, buf);
		dr_draw_close(&v->d);
		dr_draw_close(&v->d);
	}
	dr_draw_close(&v->d);       /* the list */

	y = foot;
	dr_draw_hrule(&v->d, MARGIN, PAGE_W - MARGIN, y + 14, 0.5, RULE);
	dr_draw_open(&v->d, "P");
	dr_draw_wrap(&v->d, v->d.font, 9, MUTED, MARGIN, &y, PAGE_W - 2 * MARGIN, 12, v->public_
	             ? "Built from the same figures as the dyads' packets, prepared for a public "
	               "audience: counts of 1 to 10 patients and small staff survey groups are hidden."
	             : "Built from the same figures as the dyads' packets: each verdict is the "
	               "packet's own statistical process control (SPC) judgement. No patient "
	               "identifiers appear in this overview.");
	dr_draw_close(&v->d);
	snprintf(buf, sizeof buf, "Generated %s \xC2\xB7 %s", v->in->generated,
	         v->public_ ? "Public: small numbers are hidden" : cfg->label);
	dr_draw_open(&v->d, "P");
	dr_draw_text_fit(&v->d, v->d.font, 9, MUTED, MARGIN, y - 2, PAGE_W - 2 * MARGIN, buf);
	dr_draw_close(&v->d);
	dr_draw_close(&v->d);       /* the Sect */
}

/* ---- the matrix ---- */

struct notes {
	bool provisional, small, nodata, hidden;
};

/* The header row of dyad columns [c0, c1) at the cursor, each dyad's
 * name on up to two lines (the second ends with an ellipsis when it is
 * longer), a link to its packet; as decoration on a continuation page
 * (repeated), with links either way. */
static void header_row(struct ov *v, size_t c0, size_t c1, double cw, bool repeat)
{
	if (repeat)
		dr_draw_decor_begin(&v->d);
	else
		dr_draw_open(&v->d, "TR");
	double x = MARGIN + METRIC_W, low = v->y;
	if (!repeat)
		dr_draw_th(&v->d, DR_SCOPE_COLUMN);
	dr_draw_text(&v->d, v->d.bold, 9, MUTED, MARGIN, v->y - 10, DR_ALIGN_LEFT, "Metric");
	if (!repeat)
		dr_draw_close(&v->d);
	for (size_t c = c0; c < c1; c++, x += cw) {
		size_t d = v->o->dyad[c];
		const char *name = v->in->cfg->dyads[d].name;
		if (!repeat)
			dr_draw_th(&v->d, DR_SCOPE_COLUMN);
		double y = v->y, w = cw - 8;
		bool one = dr_hpdf_text_width(v->d.bold, 8.5, name) <= w;
		if (one)                /* a short name sits on the lower line */
			y -= 10;
		size_t lines = dr_draw_wrap_max(&v->d, v->d.bold, 8.5, v->links ? ACCENT : INK, x + 4, &y,
		                                w, 10, name, 2);
		if (!repeat)
			dr_draw_close(&v->d);
		double top = one ? v->y - 10 : v->y;
		link_packet(v, d, x + 4, top - 10 * (double)(lines ? lines - 1 : 0) - 3, w, 10 * (double)lines + 2);
		low = fmin(low, y + 10);
	}
	if (repeat)
		dr_draw_decor_end(&v->d);
	else
		dr_draw_close(&v->d);
	v->y = fmin(low, v->y - 10) - 6;
	dr_draw_hrule(&v->d, MARGIN, MARGIN + METRIC_W + cw * (double)(c1 - c0), v->y, 0.8, INK);
	v->y -= 4;
}

/* Makes room for h points in the table, continuing on a new page with
 * the header row repeated, and the domain (dom >= 0) whose rows go on,
 * "(continued)": decoration. */
static void table_need(struct ov *v, double h, size_t c0, size_t c1, double cw, int dom)
{
	if (v->y - h >= BOTTOM + 8)
		return;
	new_page(v);
	header_row(v, c0, c1, cw, true);
	if (dom < 0)
		return;
	char buf[96];
	snprintf(buf, sizeof buf, "%s (continued)", dr_domain_label(dom));
	v->y -= ROW;
	dr_draw_decor_begin(&v->d);
	dr_draw_text(&v->d, v->d.bold, 10, ACCENT, MARGIN, v->y, DR_ALIGN_LEFT, buf);
	dr_draw_decor_end(&v->d);
	v->y -= 4;
}

/* One cell in the column whose left edge is x. */
static void cell(struct ov *v, const struct dr_overview_cell *c, double x, double cw, struct notes *n)
{
	char buf[64];
	const char *text;
	uint32_t rgb = MUTED;
	HPDF_Font f = v->d.font;
	if (c->state == DR_OVERVIEW_HIDDEN) {
		text = "hidden";
		n->hidden = true;
	} else if (c->state == DR_OVERVIEW_NO_DATA) {
		text = "no data";
		n->nodata = true;
	} else {
		dr_chart_format_value(c->s->def->unit, c->value, -1, buf, sizeof buf);
		if (c->provisional) {
			strcat(buf, "*");
			n->provisional = true;
		}
		if (c->small) {
			strcat(buf, "\xE2\x80\xA0");
			n->small = true;
		} else {
			rgb = dr_packet_summary_colours(c->s, c->s->n - 1).value;
		}
		text = buf;
		f = v->d.bold;
	}
	/* The icons at the column's right edge, the value right-aligned
	 * before them: both line up down the column. */
	bool var = c->variation != DR_POINT_NONE, ass = c->assurance != DR_ASSURE_NONE;
	double icons_x = x + cw - 4 - (2 * ICON + 2), value_right = icons_x - 4;
	double size = 9, room = value_right - (x + 4);
	while (size > 6.5 && dr_hpdf_text_width(f, size, text) > room)
		size -= 0.5;
	dr_draw_open(&v->d, "TD");
	if (var || ass) {
		char alt[256];
		snprintf(alt, sizeof alt, "%s%s%s", var ? dr_icon_variation_label(c->variation, c->s->better)
		         : "", var && ass ? "; " : "", ass ? dr_icon_assurance_label(c->assurance) : "");
		if (v->d.tags && !v->d.error)
			dr_tags_figure(v->d.tags, alt, icons_x, v->y - 3, 2 * ICON + 2, ICON);
		if (var)
			dr_draw_variation_icon(&v->d, icons_x, v->y - 3, ICON, c->variation, c->s->better);
		if (ass)
			dr_draw_assurance_icon(&v->d, icons_x + ICON + 2, v->y - 3, ICON, c->assurance);
		if (v->d.tags && !v->d.error)
			dr_tags_close(v->d.tags);
	}
	dr_draw_text(&v->d, f, size, rgb, value_right, v->y, DR_ALIGN_RIGHT, text);
	dr_draw_close(&v->d);
}

/* The matrix for dyad columns [c0, c1), page by page. */
static void matrix_part(struct ov *v, size_t c0, size_t c1, double cw, struct notes *n)
{
	const struct dr_overview *o = v->o;
	header_row(v, c0, c1, cw, false);
	double right = MARGIN + METRIC_W + cw * (double)(c1 - c0);
	for (int dom = 0; dom < DR_NDOMAINS; dom++) {
		bool any = false;
		for (size_t r = 0; r < o->nmetrics; r++) {
			const struct dr_metric_def *def = dr_metric_def(o->metric[r]);
			if ((int)def->domain != dom)
				continue;
			if (!any) {
				table_need(v, 2 * ROW + 8, c0, c1, cw, -1);
				v->y -= ROW;
				dr_draw_open(&v->d, "TR");
				dr_draw_open(&v->d, "TD");
				dr_draw_text(&v->d, v->d.bold, 10, ACCENT, MARGIN, v->y, DR_ALIGN_LEFT,
				             dr_domain_label(dom));
				dr_draw_close(&v->d);
				dr_draw_close(&v->d);
				v->y -= 4;
				any = true;
			}
			table_need(v, ROW + 4, c0, c1, cw, dom);
			v->y -= ROW;
			dr_draw_open(&v->d, "TR");
			dr_draw_th(&v->d, DR_SCOPE_ROW);
			dr_draw_text_fit(&v->d, v->d.font, 9, INK, MARGIN + 8, v->y, METRIC_W - 12, def->label);
			dr_draw_close(&v->d);
			for (size_t c = c0; c < c1; c++)
				cell(v, dr_overview_at(o, r, c), MARGIN + METRIC_W + cw * (double)(c - c0), cw, n);
			dr_draw_close(&v->d);
			v->y -= 5;
			dr_draw_hrule(&v->d, MARGIN, right, v->y, 0.3, RULE);
		}
	}
}

static void matrix(struct ov *v)
{
	const struct dr_overview *o = v->o;
	double room = PAGE_W - 2 * MARGIN - METRIC_W;
	size_t fit = (size_t)(room / COL_MIN);
	size_t groups = (o->ndyads + fit - 1) / fit;
	size_t per = (o->ndyads + groups - 1) / groups;
	double cw = fmin(room / (double)per, COL_MAX);
	struct notes n = { false, false, false, false };
	char buf[320];
	for (size_t g = 0; g < groups; g++) {
		size_t c0 = g * per, c1 = c0 + per < o->ndyads ? c0 + per : o->ndyads;
		new_page(v);
		if (g == 0)
			bookmark(v, "Every metric, every dyad");
		dr_draw_open(&v->d, "Sect");
		if (groups > 1)
			snprintf(buf, sizeof buf, "Every metric, every dyad (dyads %zu\xE2\x80\x93%zu of %zu)",
			         c0 + 1, c1, o->ndyads);
		else
			snprintf(buf, sizeof buf, "Every metric, every dyad");
		heading(v, buf);
		if (g == 0) {
			note(v, 8.5, "Each cell is the dyad's latest value (the report month; survey metrics: "
			     "the latest wave), coloured only when SPC judges it a special cause (blue an "
			     "improvement, orange a concern, purple neither), as on each packet's summary. "
			     "The icons judge the latest complete point: variation against the trend's "
			     "process limits, assurance whether the process will meet its target (no "
			     "target: no assurance icon). Each dyad's name opens its packet.");
			v->y -= 6;
		}
		dr_draw_open(&v->d, "Table");
		matrix_part(v, c0, c1, cw, &n);
		dr_draw_close(&v->d);
		v->y -= 14;
		if (n.provisional)
			note(v, 8, "* provisional: the month is still closing (over 10% of its requests "
			     "pending, or most appeals open).");
		if (n.small) {
			snprintf(buf, sizeof buf, "\xE2\x80\xA0 a rate on fewer than %d cases: too few to "
			         "judge, so no icons.", v->in->cfg->min_denominator);
			note(v, 8, buf);
		}
		if (n.nodata) {
			snprintf(buf, sizeof buf, "no data: no value for %s, not 0 (no rows of the "
			         "dyad in the extract for the month, or no cases); no icons, as nothing "
			         "of the month is judged.", v->period);
			note(v, 8, buf);
		}
		if (n.hidden)
			note(v, 8, v->public_ ? "hidden: the value rests on 1 to 10 patients' records or on "
			     "a survey group too small to show." : "hidden: the survey wave had too few "
			     "respondents to show.");
		dr_draw_close(&v->d);   /* the Sect */
		n = (struct notes){ false, false, false, false };
	}
}

/* ---- what changed ---- */

static void changes(struct ov *v)
{
	const struct dr_overview *o = v->o;
	new_page(v);
	bookmark(v, "What changed this month");
	dr_draw_open(&v->d, "Sect");
	heading(v, "What changed this month");
	note(v, 9, "Across the system, by domain: each dyad's new special causes and targets "
	     "newly met or missed since last month (last month is the same data as it stood at the "
	     "end of the month before).");
	v->y -= 8;
	size_t total = 0;
	for (int dom = 0; dom < DR_NDOMAINS; dom++) {
		bool any = false;
		for (size_t c = 0; c < o->ndyads; c++)
			for (size_t k = 0; k < o->changes[c].n; k++) {
				const struct dr_change *ch = &o->changes[c].c[k];
				if ((int)ch->def->domain != dom)
					continue;
				if (!any) {
					if (v->y < BOTTOM + 60)
						new_page(v);
					v->y -= 6;
					dr_draw_open(&v->d, "H3");
					dr_draw_text(&v->d, v->d.bold, 11, ACCENT, MARGIN, v->y, DR_ALIGN_LEFT,
					             dr_domain_label(dom));
					dr_draw_close(&v->d);
					v->y -= 16;
					dr_draw_open(&v->d, "L");
					any = true;
				}
				char words[900], line[1100];
				dr_change_words(&o->changes[c], k, words, sizeof words);
				snprintf(line, sizeof line, "%s: %s", v->in->cfg->dyads[o->dyad[c]].name, words);
				if (v->y < BOTTOM + 30)
					new_page(v);
				dr_draw_open(&v->d, "LI");
				dr_draw_open(&v->d, "Lbl");
				dr_draw_text(&v->d, v->d.bold, 9.5, ACCENT, MARGIN, v->y, DR_ALIGN_LEFT,
				             "\xE2\x80\xA2");
				dr_draw_close(&v->d);
				dr_draw_open(&v->d, "LBody");
				dr_draw_wrap(&v->d, v->d.font, 9.5, INK, MARGIN + 10, &v->y,
				             PAGE_W - 2 * MARGIN - 10, 13, line);
				dr_draw_close(&v->d);
				dr_draw_close(&v->d);
				v->y -= 3;
				total++;
			}
		if (any)
			dr_draw_close(&v->d);   /* the list */
	}
	if (!total) {
		dr_draw_open(&v->d, "P");
		dr_draw_text_fit(&v->d, v->d.font, 10, INK, MARGIN, v->y, PAGE_W - 2 * MARGIN,
		                 "No dyad has a new special cause, or a target newly met or missed, "
		                 "this month.");
		dr_draw_close(&v->d);
	}
	dr_draw_close(&v->d);   /* the Sect */
}

/* ---- the funnels ---- */

/* The funnel fu as a chart in the box whose bottom-left is (x, y), its
 * headline above it: the dyads' rates against their cases, each named
 * (dyads are no individuals: a public overview names them too). */
static void funnel_chart(struct ov *v, const struct dr_overview_funnel *fu, double x, double top,
                         double w, double h)
{
	const struct dr_overview *o = v->o;
	const struct dr_metric_def *def = dr_metric_def(fu->metric);
	struct dr_chart_funnel_point *fpt = dr_xcalloc(o->ndyads, sizeof *fpt);
	size_t k = 0;
	char when[48] = "";
	for (size_t c = 0; c < o->ndyads; c++) {
		if (fu->pt[c].flag == DR_FUNNEL_NO_N)
			continue;
		if (!*when) {
			const struct dr_series *s = dr_overview_at(o, fu->row, c)->s;
			dr_headline_period(s, s->n - 1, when, sizeof when);
		}
		fpt[k++] = (struct dr_chart_funnel_point){
			.label = v->in->cfg->dyads[o->dyad[c]].name, .n = fu->n[c], .rate = fu->pt[c].rate,
			.flag = fu->pt[c].flag,
		};
	}
	const char *den = def->denominator ? def->denominator : "cases";
	char sub[256], foot[256], xl[160], head[600], line[700], alt[2048];
	snprintf(sub, sizeof sub, "Each dyad's rate, %s, against its %s%s", when, den,
	         fu->provisional ? " (provisional: requests still pending)" : "");
	snprintf(xl, sizeof xl, "%c%s (n)", *den >= 'a' && *den <= 'z' ? *den - 'a' + 'A' : *den,
	         den + 1);
	dr_chart_funnel_caption(&fu->f, fu->hidden, foot, sizeof foot);
	struct dr_chart c = {
		.kind = DR_CHART_FUNNEL, .title = def->label, .subtitle = sub, .footnote = foot,
		.unit = def->unit, .target = NAN, .reference = NAN, .fpt = fpt, .nfpt = k,
		.funnel = &fu->f, .funnel_hidden = fu->hidden, .funnel_labels = true, .x_label = xl,
		.y_label = def->label, .draft = v->in->draft,
	};
	dr_headline_funnel(&c, "dyads", head, sizeof head);
	snprintf(line, sizeof line, "%s: %s", def->label, head);
	double y = top;
	dr_draw_open(&v->d, "P");
	dr_draw_wrap_max(&v->d, v->d.bold, 9.5, INK, x, &y, w, 12.5, line, 3);
	dr_draw_close(&v->d);
	c.headline = head;
	dr_chart_alt(&c, head, alt, sizeof alt);
	dr_draw_chart(&v->d, &c, alt, x, top - h, w, y - 4 - (top - h), true);
	free(fpt);
}

/* "Comparing the dyads": two funnels a page, side by side; none when no
 * key rate could be compared. */
static void funnels(struct ov *v)
{
	const struct dr_overview *o = v->o;
	const struct dr_overview_funnel *fu[DR_OVERVIEW_MAX_FUNNELS];
	size_t n = 0;
	for (size_t i = 0; i < o->nfunnels; i++)
		if (o->funnel[i].judged)
			fu[n++] = &o->funnel[i];
	if (!n)
		return;
	double gap = 24, w = (PAGE_W - 2 * MARGIN - gap) / 2;
	for (size_t i = 0; i < n; i++) {
		if (i % 2 == 0) {
			new_page(v);
			if (i == 0) {
				bookmark(v, "Comparing the dyads");
				dr_draw_open(&v->d, "Sect");
				heading(v, "Comparing the dyads: funnel plots");
				note(v, 8.5, "Each dot is a dyad's rate against its number of cases. The funnel "
				     "is the range chance alone gives around the system's pooled rate at each "
				     "size (95% and 99.8% limits, widened when the dyads differ more than "
				     "chance allows, as the caption says): a dyad outside the 99.8% limits "
				     "differs by more than chance; one inside does not, however far its bare "
				     "rate is from the others'. Outside is no verdict of better or worse: case "
				     "mix and coding differ between services.");
				v->y -= 8;
			}
		}
		double h = v->y - BOTTOM - 8;
		funnel_chart(v, fu[i], MARGIN + (double)(i % 2) * (w + gap), v->y, w, h);
	}
	dr_draw_close(&v->d);   /* the Sect */
}

/* ---- the document ---- */

static void footers(struct ov *v)
{
	char buf[512];
	const char *label = v->public_ ? "Public: small numbers are hidden" : v->in->cfg->label;
	dr_draw_decor_begin(&v->d);
	for (size_t i = 1; i < v->npages && !v->d.error; i++) {
		dr_draw_page(&v->d, v->pages[i]);
		snprintf(buf, sizeof buf, "System overview \xC2\xB7 %s \xC2\xB7 Page %zu of %zu%s%s",
		         v->period, i, v->npages - 1, *label ? " \xC2\xB7 " : "", label);
		double y = BOTTOM - 28;
		dr_draw_hrule(&v->d, MARGIN, PAGE_W - MARGIN, y + 12, 0.4, RULE);
		dr_draw_text_fit(&v->d, v->d.font, 8, MUTED, MARGIN, y, PAGE_W - 2 * MARGIN, buf);
	}
	if (v->in->draft) {
		HPDF_ExtGState gs = HPDF_CreateExtGState(v->d.pdf);
		if (gs && !v->d.error) {
			HPDF_ExtGState_SetAlphaFill(gs, 0.2f);
			for (size_t i = 0; i < v->npages && !v->d.error; i++) {
				dr_draw_page(&v->d, v->pages[i]);
				dr_draw_watermark(&v->d, gs, v->d.bold, PAGE_H * 0.24, ALERT, PAGE_W / 2,
				                  PAGE_H / 2, atan2(PAGE_H, PAGE_W), "DRAFT");
			}
		}
	}
	dr_draw_decor_end(&v->d);
	if (!v->d.error) {
		HPDF_AddPageLabel(v->d.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
		if (v->npages > 1)
			HPDF_AddPageLabel(v->d.pdf, 1, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
	}
}

static void info(struct ov *v, const char *title)
{
	const struct dr_config *cfg = v->in->cfg;
	char buf[512];
	HPDF_SetInfoAttr(v->d.pdf, HPDF_INFO_TITLE, title);
	snprintf(buf, sizeof buf, "Every dyad at a glance for %s, %s (%s audience)",
	         *cfg->organization ? cfg->organization : "the system", v->period,
	         dr_audience_name(v->in->tpl->audience));
	HPDF_SetInfoAttr(v->d.pdf, HPDF_INFO_SUBJECT, buf);
	snprintf(buf, sizeof buf, "dyad review; overview; %s", v->in->tpl->name);
	HPDF_SetInfoAttr(v->d.pdf, HPDF_INFO_KEYWORDS, buf);
	HPDF_SetInfoAttr(v->d.pdf, HPDF_INFO_CREATOR, "dyadreport");
}

int dr_overview_pdf(const struct dr_overview_input *in, const struct dr_overview *o,
                    unsigned char **buf, size_t *len, int *npages)
{
	struct ov v = { .in = in, .o = o, .d.fonts = in->fonts, .d.ts = 1 };
	*buf = NULL;
	*len = 0;
	v.public_ = in->tpl->audience == DR_AUDIENCE_PUBLIC;
	v.links = (in->cfg->formats & DR_FORMAT_PDF) != 0;
	snprintf(v.period, sizeof v.period, "%s %d", dr_month_name(in->report_month),
	         dr_month_year(in->report_month));
	char title[256];
	snprintf(title, sizeof title, "%s%sSystem overview, %s", in->cfg->organization,
	         *in->cfg->organization ? " \xE2\x80\x94 " : "", v.period);
	v.d.pdf = HPDF_New(on_error, &v);
	if (!v.d.pdf) {
		dr_error("cannot start a PDF document");
		return DR_EINTERNAL;
	}
	v.d.tags = dr_tags_new(v.d.pdf);
	HPDF_SetCompressionMode(v.d.pdf, HPDF_COMP_ALL);
	if (v.d.tags && dr_fonts_load_hpdf(in->fonts, v.d.pdf) == 0) {
		v.d.font = in->fonts->hpdf.regular;
		v.d.bold = in->fonts->hpdf.bold;
	} else if (!v.d.error) {
		v.d.error = HPDF_INVALID_OBJECT;
	}
	if (!v.d.error) {
		info(&v, title);
		HPDF_SetPageMode(v.d.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		v.root = HPDF_CreateOutline(v.d.pdf, NULL, "System overview",
		                            HPDF_GetEncoder(v.d.pdf, "UTF-8"));
		HPDF_Outline_SetOpened(v.root, HPDF_TRUE);
		cover(&v);
		matrix(&v);
		changes(&v);
		funnels(&v);
		footers(&v);
		const char *lang = *in->cfg->language ? in->cfg->language : "en-US";
		if (!v.d.error && dr_tags_finish(v.d.tags, title, lang) != 0 && !v.d.error)
			v.d.error = HPDF_INVALID_OBJECT;
	}
	int rc = DR_OK;
	if (v.d.error || dr_draw_save(&v.d, buf, len) != 0) {
		dr_error("overview.pdf: cannot build the PDF");
		rc = DR_EINTERNAL;
	}
	if (npages)
		*npages = rc == DR_OK ? (int)v.npages : 0;
	free(v.pages);
	dr_tags_free(v.d.tags);
	HPDF_Free(v.d.pdf);
	return rc;
}
