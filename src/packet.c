/*
 * packet.c -- one dyad's PDF packet with libharu (see packet.h): the
 * document, and the walk over the template's pages.
 *
 * Page size, orientation, type scale and audience come from the template
 * (template.h); each template page is drawn by its kind's function
 * (packet-int.h) and may take several PDF pages. Each template page gets a
 * bookmark: pages that share a section hang under one section bookmark.
 * Page labels match the footer's numbers: a leading cover is "i", the body
 * is numbered from 1.
 * Footers ("Dyad · Period · Page X of Y · label") are drawn last, when the
 * page count is known; so is a draft's DRAFT mark on every page (packet.h).
 * A page whose extract holds no row of the report month says so under its
 * title.
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
	if (!p->error) {
		p->error = error;
		dr_error("PDF library error 0x%04X (detail %u)", (unsigned)error, (unsigned)detail);
	}
}

/* Sets the fill colour from 0xRRGGBB. */
static void fill_rgb(HPDF_Page pg, uint32_t rgb)
{
	HPDF_Page_SetRGBFill(pg, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f,
	                     (rgb & 255) / 255.0f);
}

/* Sets the stroke colour from 0xRRGGBB. */
static void stroke_rgb(HPDF_Page pg, uint32_t rgb)
{
	HPDF_Page_SetRGBStroke(pg, ((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f,
	                       (rgb & 255) / 255.0f);
}

void dr_packet_text(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x, double y,
                    enum dr_render_align align, const char *s)
{
	if (p->error || !p->page)
		return;
	fill_rgb(p->page, rgb);
	dr_hpdf_text(p->page, f, size, x, y, align, s);
}

/* The smallest a fitted text is set, as a share of its size. */
#define SHRINK_MIN 0.85

void dr_packet_text_fit(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x,
                        double y, double maxw, const char *s)
{
	char buf[256];
	size_t len = strlen(s);
	if (len >= sizeof buf - 4) {
		len = sizeof buf - 4;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;      /* s[len] continues a character: cut before it */
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	/* A little too long: set it up to 15 % smaller, whole, rather than
	 * cut a word ("Days to decision, 90th perce…"); only then cut. */
	double w = dr_hpdf_text_width(f, size, buf);
	if (w > maxw && maxw > 0)
		size = maxw / w >= SHRINK_MIN ? size * maxw / w : size * SHRINK_MIN;
	while (len > 0 && dr_hpdf_text_width(f, size, buf) > maxw) {
		do
			len--;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		memcpy(buf + len, "\xE2\x80\xA6", 4);       /* U+2026 and the NUL */
	}
	dr_packet_text(p, f, size, rgb, x, y, DR_ALIGN_LEFT, buf);
}

void dr_packet_hrule(struct packet *p, double x0, double x1, double y, double width, uint32_t rgb)
{
	if (p->error || !p->page)
		return;
	stroke_rgb(p->page, rgb);
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

void dr_packet_box(struct packet *p, double x, double y, double w, double h, uint32_t rgb)
{
	if (p->error || !p->page)
		return;
	fill_rgb(p->page, rgb);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

size_t dr_packet_wrap_max(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x,
                          double *y, double width, double leading, const char *s, size_t max_lines)
{
	char line[1024];
	size_t len = 0, drawn = 0;
	const char *w = s;
	while (*w && drawn < max_lines) {
		while (*w == ' ')
			w++;
		size_t wl = strcspn(w, " ");
		if (!wl)
			break;
		char trial[1024];
		snprintf(trial, sizeof trial, "%.*s%s%.*s", (int)len, line, len ? " " : "", (int)wl, w);
		if (len && dr_hpdf_text_width(f, size, trial) > width) {
			if (drawn + 1 == max_lines) {
				/* The last line allowed: end it with an ellipsis that fits,
				 * dropping whole UTF-8 characters from its end. */
				for (;;) {
					snprintf(trial, sizeof trial, "%.*s\xE2\x80\xA6", (int)len, line);
					if (!len || dr_hpdf_text_width(f, size, trial) <= width)
						break;
					do
						len--;
					while (len && ((unsigned char)line[len] & 0xC0) == 0x80);
				}
				snprintf(line, sizeof line, "%s", trial);
				len = strlen(line);
				break;
			}
			dr_packet_text(p, f, size, rgb, x, *y, DR_ALIGN_LEFT, line);
			*y -= leading;
			drawn++;
			snprintf(line, sizeof line, "%.*s", (int)wl, w);
		} else {
			snprintf(line, sizeof line, "%s", trial);
		}
		len = strlen(line);
		w += wl;
	}
	if (len && drawn < max_lines) {
		dr_packet_text(p, f, size, rgb, x, *y, DR_ALIGN_LEFT, line);
		*y -= leading;
		drawn++;
	}
	return drawn;
}

void dr_packet_wrap(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x, double *y,
                    double width, double leading, const char *s)
{
	dr_packet_wrap_max(p, f, size, rgb, x, y, width, leading, s, SIZE_MAX);
}

void dr_packet_new_page(struct packet *p, bool with_title)
{
	if (p->error)
		return;
	p->page = HPDF_AddPage(p->pdf);
	if (!p->page)
		return;
	HPDF_Page_SetWidth(p->page, (HPDF_REAL)p->w);
	HPDF_Page_SetHeight(p->page, (HPDF_REAL)p->h);
	p->pages = dr_xreallocarray(p->pages, p->npages + 1, sizeof *p->pages);
	p->pages[p->npages++] = p->page;
	p->y = p->top;
	if (with_title && p->title) {
		dr_packet_text(p, p->font, fs(p, 9), MUTED, p->margin, p->y, DR_ALIGN_LEFT, p->dyad->name);
		dr_packet_text(p, p->font, fs(p, 9), MUTED, p->w - p->margin, p->y, DR_ALIGN_RIGHT,
		               p->period);
		p->y -= fs(p, 26);
		dr_packet_text_fit(p, p->bold, fs(p, 18), INK, p->margin, p->y, p->w - 2 * p->margin,
		                   p->title);
		p->y -= fs(p, 10);
		dr_packet_hrule(p, p->margin, p->w - p->margin, p->y, 1.5, ACCENT);
		p->y -= fs(p, 22);
		/* Continuation pages too: each page that shows the extract says so. */
		char buf[512];
		if (p->pg && p->pg->kind != DR_PAGE_COVER &&
		    dr_packet_missing_words(p, dr_packet_page_extracts(p->pg), buf, sizeof buf)) {
			dr_packet_wrap(p, p->bold, fs(p, 9.5), ALERT, p->margin, &p->y,
			               p->w - 2 * p->margin, fs(p, 13), buf);
			p->y -= fs(p, 6);
		}
	}
}

/* A bookmark under parent to the current page's top. */
static HPDF_Outline bookmark(struct packet *p, HPDF_Outline parent, const char *title)
{
	if (p->error || !p->page)
		return NULL;
	HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, title, HPDF_GetEncoder(p->pdf, "UTF-8"));
	HPDF_Destination d = HPDF_Page_CreateDestination(p->page);
	if (o && d) {
		HPDF_Destination_SetXYZ(d, 0, (HPDF_REAL)p->h, 1);
		HPDF_Outline_SetDestination(o, d);
	}
	return o;
}

void dr_packet_begin(struct packet *p, const char *title)
{
	p->title = title;
	dr_packet_new_page(p, p->pg->kind != DR_PAGE_COVER);
	const char *sec = p->pg->section;
	if (!p->section_outline || !p->section_name || strcmp(p->section_name, sec) != 0) {
		p->section_outline = bookmark(p, p->root, sec);
		p->section_name = sec;
		if (strcmp(sec, title) != 0)
			bookmark(p, p->section_outline, title);
	} else {
		bookmark(p, p->section_outline, title);
	}
	dr_packet_page_note(p);
}

void dr_packet_need(struct packet *p, double h)
{
	if (p->y - h < p->bottom)
		dr_packet_new_page(p, true);
}

unsigned dr_packet_page_extracts(const struct dr_template_page *pg)
{
	unsigned all = (1u << DR_NEXTRACTS) - 1, mask = 0;
	switch (pg->kind) {
	case DR_PAGE_DATA_QUALITY:
	case DR_PAGE_DEFINITIONS:
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

void dr_packet_page_note(struct packet *p)
{
	if (!p->pg->note || p->pg->kind == DR_PAGE_COVER)
		return;
	dr_packet_wrap(p, p->font, fs(p, 9.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
	               fs(p, 13), p->pg->note);
	p->y -= fs(p, 6);
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

void dr_packet_hidden_note(struct packet *p, size_t nhidden, const char *why)
{
	if (!nhidden)
		return;
	char buf[512];
	dr_packet_hidden_words(nhidden, "group", why, buf, sizeof buf);
	dr_packet_wrap(p, p->font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
	               fs(p, 11), buf);
}

/* "October 2026", "Aug–Oct 2026" or "Q4 2026" for a breakdown's window. */
void dr_packet_window_words(const struct dr_breakdown_table *t, char *out, size_t size)
{
	if (t->window == DR_WINDOW_WAVE)
		snprintf(out, size, "Q%d %d", (dr_month_mon(t->from) - 1) / 3 + 1, dr_month_year(t->from));
	else if (t->from == t->to)
		snprintf(out, size, "%s %d", dr_month_name(t->to), dr_month_year(t->to));
	else
		snprintf(out, size, "%s\xE2\x80\x93%s %d", dr_month_abbr(t->from), dr_month_abbr(t->to),
		         dr_month_year(t->to));
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

void dr_packet_draw_chart(struct packet *p, const struct dr_chart *c, double x, double y, double w,
                          double h)
{
	if (p->error || !p->page)
		return;
	/* Charts lay their type out in points of their box: a larger type
	 * scale draws the chart in a smaller box, scaled up. */
	double s = p->ts > 1 ? p->ts : 1;
	HPDF_Page_GSave(p->page);
	HPDF_Page_Concat(p->page, (HPDF_REAL)s, 0, 0, (HPDF_REAL)s, (HPDF_REAL)x, (HPDF_REAL)y);
	dr_render_hpdf(p->pdf, p->page, p->in->fonts, 0, 0, w / s, h / s, c);
	HPDF_Page_GRestore(p->page);
}

void dr_packet_draw_series(struct packet *p, const struct dr_series *s, enum dr_chart_kind k,
                           double x, double y, double w, double h)
{
	if (p->error || s->n == 0)
		return;
	struct dr_chart_point *pt = dr_xcalloc(s->n, sizeof *pt);
	struct dr_chart c = { 0 };
	dr_chart_from_series(s, &c, pt);
	c.kind = k;
	if (k == DR_CHART_SPARKLINE || k == DR_CHART_TILE)
		dr_render_hpdf(p->pdf, p->page, p->in->fonts, x, y, w, h, &c);
	else
		dr_packet_draw_chart(p, &c, x, y, w, h);
	free(pt);
}

/* "Dyad · Period · Page X of Y · label" on every page after the cover. */
static void footers(struct packet *p)
{
	char buf[512];
	const char *label = p->public_ ? "Public: small numbers are hidden" : p->in->cfg->label;
	double ts = dr_packet_table_scale(p);
	for (size_t i = p->first_body_page; i < p->npages && !p->error; i++) {
		p->page = p->pages[i];
		snprintf(buf, sizeof buf, "%s \xC2\xB7 %s \xC2\xB7 Page %zu of %zu%s%s",
		         p->dyad->name, p->period, i + 1 - p->first_body_page,
		         p->npages - p->first_body_page, *label ? " \xC2\xB7 " : "", label);
		double y = p->bottom - fs(p, 28);
		dr_packet_hrule(p, p->margin, p->w - p->margin, y + fs(p, 12), 0.4, RULE);
		dr_packet_text_fit(p, p->font, fs(p, 8), MUTED, p->margin, y, p->w - 2 * p->margin, buf);
	}
	p->ts = ts;
}

/* --allow-incomplete with no extract holding the report month: on every
 * page, cover included, a pale diagonal "DRAFT" (20 % opaque, over the
 * content) and a red line saying why: under the cover's top band, centred
 * on the other pages' header line (between the dyad and the month). */
static void draft_marks(struct packet *p)
{
	if (!p->in->draft || p->error)
		return;
	char buf[256], brief[128];
	snprintf(brief, sizeof brief, "DRAFT \xE2\x80\x94 no extract holds %s", p->period);
	snprintf(buf, sizeof buf, "%s: every figure for the month shows no value", brief);
	HPDF_ExtGState gs = HPDF_CreateExtGState(p->pdf);
	if (!gs || p->error)
		return;
	HPDF_ExtGState_SetAlphaFill(gs, 0.2f);
	double size = fmin(p->w, p->h) * 0.24, a = atan2(p->h, p->w);
	double tw = dr_hpdf_text_width(p->bold, size, "DRAFT");
	for (size_t i = 0; i < p->npages && !p->error; i++) {
		p->page = p->pages[i];
		HPDF_Page_GSave(p->page);
		HPDF_Page_SetExtGState(p->page, gs);
		HPDF_Page_Concat(p->page, (HPDF_REAL)cos(a), (HPDF_REAL)sin(a), (HPDF_REAL)-sin(a),
		                 (HPDF_REAL)cos(a), (HPDF_REAL)(p->w / 2), (HPDF_REAL)(p->h / 2));
		dr_packet_text(p, p->bold, size, ALERT, -tw / 2, -size * 0.36, DR_ALIGN_LEFT, "DRAFT");
		HPDF_Page_GRestore(p->page);
		if (i < p->first_body_page)
			dr_packet_text_fit(p, p->bold, fs(p, 9), ALERT, p->margin, p->h - 14 - fs(p, 9) - 6,
			                   p->w - 2 * p->margin, buf);
		else
			dr_packet_text(p, p->bold, fs(p, 9), ALERT, p->w / 2, p->top, DR_ALIGN_CENTER, brief);
	}
}

/* Page labels: a leading cover is "i" (front matter), then the body is
 * numbered from 1, as its footers are. */
static void labels(struct packet *p)
{
	if (p->error || !p->npages)
		return;
	if (p->first_body_page > 0)
		HPDF_AddPageLabel(p->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
	if (p->first_body_page < p->npages)
		HPDF_AddPageLabel(p->pdf, (HPDF_UINT)p->first_body_page, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
}

/* Sets title, author, subject and keywords (after the UTF-8 encoder is current). */
static void info(struct packet *p)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s \xE2\x80\x94 %s, %s", p->dyad->name, p->tpl->title, p->period);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, buf);
	snprintf(buf, sizeof buf, "%s; %s", p->dyad->physician, p->dyad->administrator);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, buf);
	snprintf(buf, sizeof buf, "%s for %s, %s (%s audience)", p->tpl->title,
	         *p->in->cfg->organization ? p->in->cfg->organization : p->dyad->name, p->period,
	         dr_audience_name(p->tpl->audience));
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, buf);
	snprintf(buf, sizeof buf, "dyad review; %s; %s", p->tpl->name, p->dyad->id);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_KEYWORDS, buf);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "dyadreport");
}

/* Copies the saved document out of libharu's stream. */
static int save(struct packet *p, unsigned char **buf, size_t *len)
{
	if (HPDF_SaveToStream(p->pdf) != HPDF_OK)
		return -1;
	HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf);
	*buf = dr_xmalloc(size);
	HPDF_UINT32 got = size;
	if (HPDF_ReadFromStream(p->pdf, *buf, &got) != HPDF_OK && got != size) {
		free(*buf);
		*buf = NULL;
		return -1;
	}
	*len = got;
	return 0;
}

/* Draws every page of the template. */
static void pages(struct packet *p)
{
	for (size_t i = 0; i < p->tpl->npages && !p->error; i++) {
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
		default: break;
		}
		if (i == 0 && p->pg->kind == DR_PAGE_COVER && p->npages > before)
			p->first_body_page = p->npages;
	}
}

int dr_packet_pdf(const struct dr_packet_input *in, unsigned char **buf, size_t *len, int *npages)
{
	struct packet p = { .in = in, .tpl = in->tpl, .dyad = &in->cfg->dyads[in->dyad] };
	*buf = NULL;
	*len = 0;
	snprintf(p.period, sizeof p.period, "%s %d", dr_month_name(in->report_month),
	         dr_month_year(in->report_month));
	dr_template_page_size(p.tpl, &p.w, &p.h);
	p.ts = p.tpl->type_scale > 0 ? p.tpl->type_scale : 1;
	p.public_ = p.tpl->audience == DR_AUDIENCE_PUBLIC;
	p.margin = p.w > p.h ? 40 : 48;
	p.top = p.h - (p.w > p.h ? 36 : 54);
	p.bottom = p.w > p.h ? 46 : 56;
	if (p.ts > 1)
		p.bottom += 14 * (p.ts - 1);
	p.pdf = HPDF_New(on_error, &p);
	if (!p.pdf) {
		dr_error("cannot start a PDF document");
		return DR_EINTERNAL;
	}
	HPDF_SetCompressionMode(p.pdf, HPDF_COMP_ALL);
	if (dr_fonts_load_hpdf(in->fonts, p.pdf) == 0) {
		p.font = in->fonts->hpdf.regular;
		p.bold = in->fonts->hpdf.bold;
	}
	if (!p.error) {
		info(&p);
		HPDF_SetPageMode(p.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		p.root = HPDF_CreateOutline(p.pdf, NULL, p.dyad->name, HPDF_GetEncoder(p.pdf, "UTF-8"));
		HPDF_Outline_SetOpened(p.root, HPDF_TRUE);
		pages(&p);
		if (!p.npages)              /* every page was left out: say so on one */
			dr_packet_new_page(&p, false);
		labels(&p);
		draft_marks(&p);
		footers(&p);
	}
	int rc = DR_OK;
	if (p.error || save(&p, buf, len) != 0) {
		dr_error("%s: cannot build the PDF packet", p.dyad->id);
		rc = DR_EINTERNAL;
	}
	if (npages)
		*npages = rc == DR_OK ? (int)p.npages : 0;
	free(p.pages);
	HPDF_Free(p.pdf);
	return rc;
}
