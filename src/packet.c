/*
 * packet.c -- one dyad's PDF packet with libharu (see packet.h): the
 * document, and the walk over the template's pages.
 *
 * Page size, orientation, type scale and audience come from the template
 * (template.h); each template page is drawn by its kind's function
 * (packet-int.h, which says how the packet's files depend on each other)
 * and may take several PDF pages. Each template page gets a bookmark: pages that share a section hang under one section bookmark.
 * Page labels match the footer's numbers: a leading cover is "i", the body
 * is numbered from 1.
 * Footers ("Dyad · Period · Page X of Y · label") are drawn last, when the
 * page count is known; so is a draft's DRAFT mark on every page (packet.h).
 * A page whose extract holds no row of the report month says so under its
 * title.
 *
 * The packet is a tagged PDF (pdf-tags.h): the page kinds open the
 * structure elements around what they draw, in reading order; footers and
 * DRAFT marks, drawn last, are artifacts; the tree, /Lang and the rest
 * are written before saving.
 *
 * libharu errors are caught by a handler that records the first one; the
 * build then stops adding content and dr_packet_pdf() fails with
 * DR_EINTERNAL. The document has no dates and no /ID, so the same inputs
 * give the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/diag.h"
#include "packet-int.h"

/* libharu calls this on every error; the first one is kept. */
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct packet *p = user;
	if (!p->d.error) {
		p->d.error = error;
		dr_error("PDF library error 0x%04X (detail %u)", (unsigned)error, (unsigned)detail);
	}
}

/* "Dyad · Period · Page X of Y · label" on every page after the cover. */
static void footers(struct packet *p)
{
	char buf[512];
	const char *label = p->public_ ? "Public: small numbers are hidden" : p->in->cfg->label;
	double ts = dr_packet_table_scale(p);
	dr_draw_decor_begin(&p->d);
	for (size_t i = p->first_body_page; i < p->npages && !p->d.error; i++) {
		dr_draw_page(&p->d, p->pages[i]);
		snprintf(buf, sizeof buf, "%s \xC2\xB7 %s \xC2\xB7 Page %zu of %zu%s%s",
		         p->dyad->name, p->period, i + 1 - p->first_body_page,
		         p->npages - p->first_body_page, *label ? " \xC2\xB7 " : "", label);
		double y = p->bottom - fs(p, 28);
		dr_draw_hrule(&p->d, p->margin, p->w - p->margin, y + fs(p, 12), 0.4, RULE);
		dr_draw_text_fit(&p->d, p->d.font, fs(p, 8), MUTED, p->margin, y, p->w - 2 * p->margin, buf);
	}
	dr_draw_decor_end(&p->d);
	p->d.ts = ts;
}

/* --allow-incomplete with no extract holding the report month: on every
 * page, cover included, a pale diagonal "DRAFT" (20 % opaque, over the
 * content) and a red line saying why: under the cover's top band, centred
 * on the other pages' header line (between the dyad and the month). */
static void draft_marks(struct packet *p)
{
	if (!p->in->draft || p->d.error)
		return;
	char buf[256], brief[128];
	snprintf(brief, sizeof brief, "DRAFT \xE2\x80\x94 no extract holds %s", p->period);
	snprintf(buf, sizeof buf, "%s: every figure for the month shows no value", brief);
	HPDF_ExtGState gs = HPDF_CreateExtGState(p->d.pdf);
	if (!gs || p->d.error)
		return;
	HPDF_ExtGState_SetAlphaFill(gs, 0.2f);
	double size = fmin(p->w, p->h) * 0.24, a = atan2(p->h, p->w);
	dr_draw_decor_begin(&p->d);     /* drawn last, on earlier pages: artifacts */
	for (size_t i = 0; i < p->npages && !p->d.error; i++) {
		dr_draw_page(&p->d, p->pages[i]);
		dr_draw_watermark(&p->d, gs, p->d.bold, size, ALERT, p->w / 2, p->h / 2, a, "DRAFT");
		if (i < p->first_body_page)
			dr_draw_text_fit(&p->d, p->d.bold, fs(p, 9), ALERT, p->margin, p->h - 14 - fs(p, 9) - 6,
			                 p->w - 2 * p->margin, buf);
		else
			dr_draw_text(&p->d, p->d.bold, fs(p, 9), ALERT, p->w / 2, p->top, DR_ALIGN_CENTER, brief);
	}
	dr_draw_decor_end(&p->d);
}

/* Page labels: a leading cover is "i" (front matter), then the body is
 * numbered from 1, as its footers are. */
static void labels(struct packet *p)
{
	if (p->d.error || !p->npages)
		return;
	if (p->first_body_page > 0)
		HPDF_AddPageLabel(p->d.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
	if (p->first_body_page < p->npages)
		HPDF_AddPageLabel(p->d.pdf, (HPDF_UINT)p->first_body_page, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
}

/* The document's title: "Dyad — Template, October 2026". */
static void doc_title(const struct packet *p, char *out, size_t size)
{
	snprintf(out, size, "%s \xE2\x80\x94 %s, %s", p->dyad->name, p->tpl->title, p->period);
}

/* The packet's language (BCP 47, [report] language), for the catalog's /Lang. */
static const char *packet_language(const struct packet *p)
{
	return *p->in->cfg->language ? p->in->cfg->language : "en-US";
}

/* Sets title, author, subject and keywords (after the UTF-8 encoder is current). */
static void info(struct packet *p)
{
	char buf[512];
	doc_title(p, buf, sizeof buf);
	HPDF_SetInfoAttr(p->d.pdf, HPDF_INFO_TITLE, buf);
	snprintf(buf, sizeof buf, "%s; %s", p->dyad->physician, p->dyad->administrator);
	HPDF_SetInfoAttr(p->d.pdf, HPDF_INFO_AUTHOR, buf);
	snprintf(buf, sizeof buf, "%s for %s, %s (%s audience)", p->tpl->title,
	         *p->in->cfg->organization ? p->in->cfg->organization : p->dyad->name, p->period,
	         dr_audience_name(p->tpl->audience));
	HPDF_SetInfoAttr(p->d.pdf, HPDF_INFO_SUBJECT, buf);
	snprintf(buf, sizeof buf, "dyad review; %s; %s", p->tpl->name, p->dyad->id);
	HPDF_SetInfoAttr(p->d.pdf, HPDF_INFO_KEYWORDS, buf);
	HPDF_SetInfoAttr(p->d.pdf, HPDF_INFO_CREATOR, "dyadreport");
}

/* Draws every page of the template. */
static void pages(struct packet *p)
{
	for (size_t i = 0; i < p->tpl->npages && !p->d.error; i++) {
		p->pg = &p->tpl->pages[i];
		size_t before = p->npages;
		switch (p->pg->kind) {
		case DR_PAGE_COVER: dr_packet_cover(p); break;
		case DR_PAGE_SUMMARY: dr_packet_summary(p); break;
		case DR_PAGE_CHART_GRID: dr_packet_chart_grid(p); break;
		case DR_PAGE_CHART: dr_packet_chart_page(p); break;
		case DR_PAGE_TABLE: dr_packet_table(p); break;
		case DR_PAGE_PROVIDER_TABLE: dr_packet_provider_table(p); break;
		case DR_PAGE_DATA_QUALITY: dr_packet_data_quality(p); break;
		case DR_PAGE_DEFINITIONS: dr_packet_definitions(p); break;
		case DR_PAGE_ACTIONS: dr_packet_actions(p); break;
		default: break;
		}
		dr_packet_end(p);
		if (i == 0 && p->pg->kind == DR_PAGE_COVER && p->npages > before)
			p->first_body_page = p->npages;
	}
}

int dr_packet_pdf(const struct dr_packet_input *in, unsigned char **buf, size_t *len, int *npages)
{
	struct packet p = { .in = in, .tpl = in->tpl, .dyad = &in->cfg->dyads[in->dyad],
	                    .d.fonts = in->fonts };
	*buf = NULL;
	*len = 0;
	snprintf(p.period, sizeof p.period, "%s %d", dr_month_name(in->report_month),
	         dr_month_year(in->report_month));
	dr_template_page_size(p.tpl, &p.w, &p.h);
	p.d.ts = p.tpl->type_scale > 0 ? p.tpl->type_scale : 1;
	p.public_ = p.tpl->audience == DR_AUDIENCE_PUBLIC;
	p.margin = p.w > p.h ? 40 : 48;
	p.top = p.h - (p.w > p.h ? 36 : 54);
	p.bottom = p.w > p.h ? 46 : 56;
	if (p.d.ts > 1)
		p.bottom += 14 * (p.d.ts - 1);
	p.d.pdf = HPDF_New(on_error, &p);
	if (!p.d.pdf) {
		dr_error("cannot start a PDF document");
		return DR_EINTERNAL;
	}
	p.d.tags = dr_tags_new(p.d.pdf);
	if (!p.d.tags) {
		dr_error("cannot start a PDF document");
		HPDF_Free(p.d.pdf);
		return DR_EINTERNAL;
	}
	HPDF_SetCompressionMode(p.d.pdf, HPDF_COMP_ALL);
	if (dr_fonts_load_hpdf(in->fonts, p.d.pdf) == 0) {
		p.d.font = in->fonts->hpdf.regular;
		p.d.bold = in->fonts->hpdf.bold;
	}
	if (!p.d.error) {
		info(&p);
		HPDF_SetPageMode(p.d.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		p.root = HPDF_CreateOutline(p.d.pdf, NULL, p.dyad->name, HPDF_GetEncoder(p.d.pdf, "UTF-8"));
		HPDF_Outline_SetOpened(p.root, HPDF_TRUE);
		pages(&p);
		if (!p.npages)              /* every page was left out: say so on one */
			dr_packet_new_page(&p, false);
		labels(&p);
		draft_marks(&p);
		footers(&p);
		char title[512];
		doc_title(&p, title, sizeof title);
		if (!p.d.error && dr_tags_finish(p.d.tags, title, packet_language(&p)) != 0 && !p.d.error)
			p.d.error = HPDF_INVALID_OBJECT;
	}
	int rc = DR_OK;
	if (p.d.error || dr_draw_save(&p.d, buf, len) != 0) {
		dr_error("%s: cannot build the PDF packet", p.dyad->id);
		rc = DR_EINTERNAL;
	}
	if (npages)
		*npages = rc == DR_OK ? (int)p.npages : 0;
	free(p.pages);
	dr_tags_free(p.d.tags);
	HPDF_Free(p.d.pdf);
	return rc;
}
