/*
 * packet.c -- one dyad's PDF packet with libharu (see packet.h).
 *
 * Letter portrait pages. The page list comes from a built-in plan (a table
 * of sections and the metrics each charts, two charts a page) so that a
 * template can later supply it instead. Pages are added as the content
 * needs them; footers ("Dyad · Period · Page X of Y · label") are drawn
 * last, when the page count is known.
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

#include <hpdf.h>

#include "dyadreport/diag.h"
#include "dyadreport/icon.h"
#include "dyadreport/packet.h"
#include "dyadreport/render.h"

#define PAGE_W 612.0
#define PAGE_H 792.0
#define MARGIN 48.0
#define CONTENT_TOP (PAGE_H - 54.0)
#define CONTENT_BOTTOM 56.0

#define INK 0x1f2933
#define MUTED 0x616e7c
#define RULE 0xc8d0d8
#define ACCENT 0x005eb8
#define BAND 0xeef3f8

/* The built-in plan: each domain's charts, in order. */
static const enum dr_metric_id charted[] = {
	DR_M_VISITS_COMPLETED, DR_M_NO_SHOW_RATE, DR_M_NEW_PATIENT_SHARE, DR_M_WRVU_PER_VISIT,
	DR_M_INITIAL_DENIAL_RATE, DR_M_OVERTURN_RATE, DR_M_DECISION_DAYS_MEDIAN,
	DR_M_DECISIONS_OVER_7_DAYS_SHARE,
	DR_M_HANDOFF_COMPLETION_RATE, DR_M_HANDOFF_WITHIN_WINDOW_RATE,
	DR_M_BURNOUT_SHARE, DR_M_SURVEY_RESPONDENTS,
	DR_NMETRICS,
};

const enum dr_metric_id *dr_packet_charted(void)
{
	return charted;
}

struct packet {
	const struct dr_packet_input *in;
	const struct dr_dyad *dyad;
	HPDF_Doc pdf;
	HPDF_Font font, bold;
	HPDF_Outline root;
	HPDF_Page *pages;
	size_t npages;
	HPDF_Page page;             /* the page being filled */
	double y;                   /* next baseline on it */
	const char *section;        /* title repeated on continuation pages */
	HPDF_STATUS error;
	char period[64];            /* "October 2026" */
};

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

/* Text in a colour. */
static void text(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x, double y,
                 enum dr_render_align align, const char *s)
{
	if (p->error)
		return;
	fill_rgb(p->page, rgb);
	dr_hpdf_text(p->page, f, size, x, y, align, s);
}

/* A horizontal rule. */
static void hrule(struct packet *p, double x0, double x1, double y, double width, uint32_t rgb)
{
	if (p->error)
		return;
	stroke_rgb(p->page, rgb);
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

/* A filled rectangle. */
static void box(struct packet *p, double x, double y, double w, double h, uint32_t rgb)
{
	if (p->error)
		return;
	fill_rgb(p->page, rgb);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

/* Draws s wrapped to width, starting at baseline *y; moves *y down. */
static void wrap(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x, double *y,
                 double width, double leading, const char *s)
{
	char line[1024];
	size_t len = 0;
	const char *w = s;
	while (*w) {
		while (*w == ' ')
			w++;
		size_t wl = strcspn(w, " ");
		if (!wl)
			break;
		char trial[1024];
		snprintf(trial, sizeof trial, "%.*s%s%.*s", (int)len, line, len ? " " : "", (int)wl, w);
		if (len && dr_hpdf_text_width(f, size, trial) > width) {
			text(p, f, size, rgb, x, *y, DR_ALIGN_LEFT, line);
			*y -= leading;
			snprintf(line, sizeof line, "%.*s", (int)wl, w);
		} else {
			snprintf(line, sizeof line, "%s", trial);
		}
		len = strlen(line);
		w += wl;
	}
	if (len) {
		text(p, f, size, rgb, x, *y, DR_ALIGN_LEFT, line);
		*y -= leading;
	}
}

/* Starts a new page; content pages get the section title band. */
static void new_page(struct packet *p, bool with_title)
{
	if (p->error)
		return;
	p->page = HPDF_AddPage(p->pdf);
	if (!p->page)
		return;
	HPDF_Page_SetWidth(p->page, (HPDF_REAL)PAGE_W);
	HPDF_Page_SetHeight(p->page, (HPDF_REAL)PAGE_H);
	p->pages = dr_xreallocarray(p->pages, p->npages + 1, sizeof *p->pages);
	p->pages[p->npages++] = p->page;
	p->y = CONTENT_TOP;
	if (with_title && p->section) {
		text(p, p->font, 9, MUTED, MARGIN, p->y, DR_ALIGN_LEFT, p->dyad->name);
		text(p, p->font, 9, MUTED, PAGE_W - MARGIN, p->y, DR_ALIGN_RIGHT, p->period);
		p->y -= 26;
		text(p, p->bold, 18, INK, MARGIN, p->y, DR_ALIGN_LEFT, p->section);
		p->y -= 10;
		hrule(p, MARGIN, PAGE_W - MARGIN, p->y, 1.5, ACCENT);
		p->y -= 22;
	}
}

/* Opens a section: a new page and a bookmark. */
static void section(struct packet *p, const char *title)
{
	p->section = title;
	new_page(p, true);
	if (p->error || !p->page)
		return;
	HPDF_Outline o = HPDF_CreateOutline(p->pdf, p->root, title, HPDF_GetEncoder(p->pdf, "UTF-8"));
	HPDF_Destination d = HPDF_Page_CreateDestination(p->page);
	if (o && d) {
		HPDF_Destination_SetXYZ(d, 0, (HPDF_REAL)PAGE_H, 1);
		HPDF_Outline_SetDestination(o, d);
	}
}

/* Makes room for h points, continuing the section on a new page if needed. */
static void need(struct packet *p, double h)
{
	if (p->y - h < CONTENT_BOTTOM)
		new_page(p, true);
}

/* The series of metric id for this dyad, or NULL. */
static const struct dr_series *series(const struct packet *p, enum dr_metric_id id)
{
	return dr_metrics_series(p->in->metrics, p->in->dyad, id);
}

/* Whether any metric of domain d has a series (its extract was loaded). */
static bool domain_loaded(const struct packet *p, enum dr_domain d)
{
	for (int id = 0; id < DR_NMETRICS; id++)
		if ((int)dr_metric_def(id)->domain == (int)d && series(p, id))
			return true;
	return false;
}

/* The cover page. */
/* Draws series s as a chart of kind k (chart.h) in the w x h box whose
 * bottom-left corner is (x, y). */
static void draw_series(struct packet *p, const struct dr_series *s, enum dr_chart_kind k,
                        double x, double y, double w, double h)
{
	if (p->error || s->n == 0)
		return;
	struct dr_chart_point *pt = dr_xcalloc(s->n, sizeof *pt);
	struct dr_chart c = { 0 };
	dr_chart_from_series(s, &c, pt);
	c.kind = k;
	dr_render_hpdf(p->pdf, p->page, p->in->fonts, x, y, w, h, &c);
	free(pt);
}

/*
 * "At a glance" on the cover: one KPI tile (chart.h DR_CHART_TILE: latest
 * value, change, icons, target, sparkline) per loaded domain's headline
 * metric, in one row whose heading's baseline is at top, when the space
 * above the cover's footnote allows.
 */
static void at_a_glance(struct packet *p, double top)
{
	static const enum dr_metric_id headline[] = {
		DR_M_NO_SHOW_RATE, DR_M_INITIAL_DENIAL_RATE, DR_M_HANDOFF_COMPLETION_RATE,
		DR_M_BURNOUT_SHARE,
	};
	const struct dr_series *tiles[DR_NELEM(headline)];
	size_t n = 0;
	for (size_t i = 0; i < DR_NELEM(headline); i++)
		if ((tiles[n] = series(p, headline[i])) && tiles[n]->n > 0)
			n++;
	double gap = 8, w = (PAGE_W - 2 * MARGIN - 3 * gap) / 4, h = fmin(top - 18 - 140, 100);
	if (n == 0 || h < 70 || p->error)
		return;
	text(p, p->bold, 12, INK, MARGIN, top, DR_ALIGN_LEFT, "At a glance");
	for (size_t i = 0; i < n; i++) {
		draw_series(p, tiles[i], DR_CHART_TILE, MARGIN + i * (w + gap), top - 12 - h, w, h);
	}
}

static void cover(struct packet *p)
{
	const struct dr_config *cfg = p->in->cfg;
	new_page(p, false);
	if (p->error)
		return;
	box(p, 0, PAGE_H - 14, PAGE_W, 14, ACCENT);
	double y = PAGE_H - 120;
	if (*cfg->organization) {
		text(p, p->font, 13, MUTED, MARGIN, y, DR_ALIGN_LEFT, cfg->organization);
		y -= 22;
	}
	text(p, p->font, 13, MUTED, MARGIN, y, DR_ALIGN_LEFT, "Dyad review packet");
	y -= 46;
	text(p, p->bold, 32, INK, MARGIN, y, DR_ALIGN_LEFT, p->dyad->name);
	y -= 18;
	hrule(p, MARGIN, MARGIN + 120, y, 3, ACCENT);
	y -= 36;

	const char *labels[] = { "Physician lead", "Administrator lead" };
	const char *names[] = { p->dyad->physician, p->dyad->administrator };
	for (int i = 0; i < 2; i++) {
		text(p, p->font, 10, MUTED, MARGIN, y, DR_ALIGN_LEFT, labels[i]);
		text(p, p->bold, 14, INK, MARGIN + 130, y, DR_ALIGN_LEFT, *names[i] ? names[i] : "\xE2\x80\x94");
		y -= 26;
	}
	y -= 10;
	char buf[512], a[16], b[16];
	text(p, p->font, 10, MUTED, MARGIN, y, DR_ALIGN_LEFT, "Report month");
	text(p, p->font, 12, INK, MARGIN + 130, y, DR_ALIGN_LEFT, p->period);
	y -= 22;
	snprintf(a, sizeof a, "%s %d", dr_month_abbr(p->in->first_month), dr_month_year(p->in->first_month));
	snprintf(b, sizeof b, "%s %d", dr_month_abbr(p->in->report_month), dr_month_year(p->in->report_month));
	snprintf(buf, sizeof buf, "%s \xE2\x80\x93 %s (%d months)", a, b, cfg->months);
	text(p, p->font, 10, MUTED, MARGIN, y, DR_ALIGN_LEFT, "Trend window");
	text(p, p->font, 12, INK, MARGIN + 130, y, DR_ALIGN_LEFT, buf);
	y -= 22;
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->dyad->ndepartments && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", p->dyad->departments[i]);
	text(p, p->font, 10, MUTED, MARGIN, y, DR_ALIGN_LEFT, "Departments");
	wrap(p, p->font, 12, INK, MARGIN + 130, &y, PAGE_W - 2 * MARGIN - 130, 16, buf);
	y -= 30;

	text(p, p->bold, 12, INK, MARGIN, y, DR_ALIGN_LEFT, "In this packet");
	y -= 20;
	const char *items[] = { "Summary of every metric", NULL, NULL, NULL, NULL, "Data quality",
	                        "About these numbers" };
	for (int d = 0; d < DR_NDOMAINS; d++)
		items[d + 1] = domain_loaded(p, d) ? dr_domain_label(d) : NULL;
	for (size_t i = 0; i < DR_NELEM(items); i++) {
		if (!items[i])
			continue;
		text(p, p->font, 11, INK, MARGIN + 12, y, DR_ALIGN_LEFT, items[i]);
		y -= 18;
	}
	for (int d = 0; d < DR_NDOMAINS; d++) {
		if (domain_loaded(p, d))
			continue;
		snprintf(buf, sizeof buf, "Not in this packet: %s (no extract configured).", dr_domain_label(d));
		text(p, p->font, 10, MUTED, MARGIN + 12, y, DR_ALIGN_LEFT, buf);
		y -= 16;
	}

	at_a_glance(p, y - 14);

	y = 110;
	hrule(p, MARGIN, PAGE_W - MARGIN, y + 16, 0.5, RULE);
	wrap(p, p->font, 9, MUTED, MARGIN, &y, PAGE_W - 2 * MARGIN, 13,
	     "Every chart is a statistical process control (SPC) chart: a point outside the process "
	     "limits, or a run or trend the rules flag, is a real change; anything else is normal "
	     "month-to-month variation. No patient identifiers appear in this packet.");
	snprintf(buf, sizeof buf, "Generated %s \xC2\xB7 %s", p->in->generated, cfg->label);
	text(p, p->font, 9, MUTED, MARGIN, y - 4, DR_ALIGN_LEFT, buf);
}

/* "Common cause" etc. for the summary table, in the charts' colours. */
static const char *variation_words(enum dr_spc_point_type t, uint32_t *rgb)
{
	*rgb = t == DR_POINT_COMMON || t == DR_POINT_NONE ? MUTED : dr_chart_type_colour(t);
	switch (t) {
	case DR_POINT_COMMON: return "Common cause";
	case DR_POINT_IMPROVEMENT: return "Improvement";
	case DR_POINT_CONCERN: return "Concern";
	case DR_POINT_NEUTRAL_HIGH: return "Special cause (higher)";
	case DR_POINT_NEUTRAL_LOW: return "Special cause (lower)";
	default: return "Too few points";
	}
}

/* Change from the previous point: "+2.1 pts" for rates, "+12" else. */
static void change_words(const struct dr_series *s, double now, double before, char *out, size_t size)
{
	if (isnan(now) || isnan(before)) {
		snprintf(out, size, "\xE2\x80\x94");
		return;
	}
	/* The change carries as many decimals as the value printed beside it,
	 * and its sign is that of the rounded change (never "-0.00"). */
	char v[32];
	int dec = 1;
	double d = (now - before) * (s->def->unit == DR_UNIT_PERCENT ? 100 : 1);
	if (s->def->unit != DR_UNIT_PERCENT) {
		dr_chart_format_value(s->def->unit, now, -1, v, sizeof v);
		const char *dot = strchr(v, '.');
		dec = dot ? (int)strspn(dot + 1, "0123456789") : 0;
	}
	double scale = pow(10, dec);
	double r = round(fabs(d) * scale) / scale;
	const char *sign = r == 0 ? "\xC2\xB1" : d > 0 ? "+" : "\xE2\x88\x92";
	if (s->def->unit == DR_UNIT_PERCENT) {
		snprintf(out, size, "%s%.1f pts", sign, r);
	} else {
		dr_chart_format_value(s->def->unit, r, dec, v, sizeof v);
		snprintf(out, size, "%s%s", sign, v);
	}
}

/* Icon size in the summary table and the legend, points. */
#define ICON 12.0

/* Draws s left-aligned, cut with an ellipsis at a character boundary so
 * that it is at most maxw wide. */
static void text_fit(struct packet *p, HPDF_Font f, double size, uint32_t rgb, double x, double y,
                     double maxw, const char *s)
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
	while (len > 0 && dr_hpdf_text_width(f, size, buf) > maxw) {
		do
			len--;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		memcpy(buf + len, "\xE2\x80\xA6", 4);       /* U+2026 and the NUL */
	}
	text(p, f, size, rgb, x, y, DR_ALIGN_LEFT, buf);
}

/* The summary table: every metric whose extract was loaded. */
static void summary(struct packet *p)
{
	section(p, "Summary");
	/* Right edges of the number columns; the sparkline from TREND_X, the
	 * icons from SPC_X, then the variation words. */
	enum { C_METRIC, C_LATEST, C_MONTH, C_YEAR, C_TARGET, C_TREND, C_SPC, NCOLS };
	static const double right[NCOLS] = { MARGIN, 236, 290, 344, 382, 390, 436 };
	static const double TREND_W = 40, WORDS_X = 436 + 2 * ICON + 5;
	char buf[256], vs_month[32], vs_year[300];
	snprintf(vs_month, sizeof vs_month, "vs %s", dr_month_abbr(p->in->report_month - 1));
	dr_chart_month_label(p->in->report_month - 12, DR_PERIOD_MONTH, true, buf, sizeof buf);
	snprintf(vs_year, sizeof vs_year, "vs %s", buf);
	const char *const heads[NCOLS] = { "Metric", "Latest", vs_month, vs_year, "Target", "Trend",
	                                   "SPC" };
	wrap(p, p->font, 9.5, MUTED, MARGIN, &p->y, PAGE_W - 2 * MARGIN, 13,
	     "Latest is the report month, compared with the month before and the same month a year "
	     "before (survey metrics: the latest wave, against the wave before and the same wave a "
	     "year before). Trend is the whole trend, its latest point in the colour of its SPC "
	     "type. SPC shows two icons: "
	     "variation judges the latest complete point against the trend's process limits "
	     "(\xE2\x80\x9C" "Common cause\xE2\x80\x9D means no real change); assurance says "
	     "whether the process will meet the target. Their legend is under \xE2\x80\x9C" "About these "
	     "numbers\xE2\x80\x9D.");
	p->y -= 8;
	for (int c = 0; c < NCOLS; c++) {
		bool left = c == C_METRIC || c >= C_TREND;
		text(p, p->bold, 9, MUTED, right[c], p->y, left ? DR_ALIGN_LEFT : DR_ALIGN_RIGHT,
		     heads[c]);
	}
	p->y -= 6;
	hrule(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, INK);
	p->y -= 4;
	for (int dom = 0; dom < DR_NDOMAINS; dom++) {
		if (!domain_loaded(p, dom))
			continue;
		need(p, 40);
		p->y -= 16;
		text(p, p->bold, 10, ACCENT, MARGIN, p->y, DR_ALIGN_LEFT, dr_domain_label(dom));
		p->y -= 6;
		for (int id = 0; id < DR_NMETRICS; id++) {
			const struct dr_series *s = series(p, id);
			if (!s || (int)s->def->domain != dom)
				continue;
			need(p, 20);
			p->y -= 14;
			size_t i = s->n - 1;
			double now = s->value[i], before = i ? s->value[i - 1] : NAN, year_ago = NAN;
			for (size_t k = 0; k < i; k++)
				if (s->period[k] == s->period[i] - 12)
					year_ago = s->value[k];
			dr_chart_format_value(s->def->unit, now, -1, buf, sizeof buf);
			if (s->provisional[i])
				strcat(buf, "*");
			const char *latest = isnan(now) ? "\xE2\x80\x94" : buf;
			double latest_w = dr_hpdf_text_width(p->bold, 9.5, latest);
			text_fit(p, p->font, 9.5, INK, MARGIN + 8, p->y,
			         right[C_LATEST] - latest_w - 8 - (MARGIN + 8), s->def->label);
			text(p, p->bold, 9.5, INK, right[C_LATEST], p->y, DR_ALIGN_RIGHT, latest);
			change_words(s, now, before, buf, sizeof buf);
			text(p, p->font, 9.5, INK, right[C_MONTH], p->y, DR_ALIGN_RIGHT, buf);
			change_words(s, now, year_ago, buf, sizeof buf);
			text(p, p->font, 9.5, INK, right[C_YEAR], p->y, DR_ALIGN_RIGHT, buf);
			if (s->has_target)
				dr_chart_format_value(s->def->unit, s->target, -1, buf, sizeof buf);
			else
				snprintf(buf, sizeof buf, "\xE2\x80\x94");
			text(p, p->font, 9.5, INK, right[C_TARGET], p->y, DR_ALIGN_RIGHT, buf);
			draw_series(p, s, DR_CHART_SPARKLINE, right[C_TREND], p->y - 2.5, TREND_W, 12);
			uint32_t rgb;
			size_t j = dr_series_last_complete(s);
			bool judged = j < s->n && dr_series_judged(s, j);
			const char *w = variation_words(judged ? s->spc[j].type : DR_POINT_NONE, &rgb);
			if (j < s->n && j != i && s->def->period == DR_PERIOD_MONTH)
				snprintf(buf, sizeof buf, "%s (%s)", w, dr_month_abbr(s->period[j]));
			else
				snprintf(buf, sizeof buf, "%s", w);
			if (judged)
				dr_render_hpdf_variation_icon(p->pdf, p->page, p->in->fonts, right[C_SPC],
				                              p->y - 2.5, ICON, s->summary.variation, s->better);
			dr_render_hpdf_assurance_icon(p->pdf, p->page, p->in->fonts, right[C_SPC] + ICON + 3,
			                              p->y - 2.5, ICON, s->summary.assurance);
			text_fit(p, p->font, 8, rgb, WORDS_X, p->y, PAGE_W - MARGIN - WORDS_X, buf);
			p->y -= 5;
			hrule(p, MARGIN, PAGE_W - MARGIN, p->y, 0.3, RULE);
		}
	}
	p->y -= 16;
	text(p, p->font, 8.5, MUTED, MARGIN, p->y, DR_ALIGN_LEFT,
	     "* provisional: the month is still closing (over 10% of its requests pending, or most appeals open).");
}

/* One chart with its headline, height h, at the current position. */
static void chart_block(struct packet *p, const struct dr_series *s, double h)
{
	need(p, h);
	if (p->error)
		return;
	char headline[512];
	dr_headline(s, headline, sizeof headline);
	double y = p->y;
	wrap(p, p->bold, 10, INK, MARGIN, &y, PAGE_W - 2 * MARGIN, 13, headline);
	double chart_h = h - (p->y - y) - 14;
	draw_series(p, s, DR_CHART_SPC, MARGIN, y - chart_h, PAGE_W - 2 * MARGIN, chart_h);
	p->y = y - chart_h - 14;
}

/* One section per domain: two charts a page. */
static void domains(struct packet *p)
{
	for (int dom = 0; dom < DR_NDOMAINS; dom++) {
		if (!domain_loaded(p, dom))
			continue;
		section(p, dr_domain_label(dom));
		double h = (p->y - CONTENT_BOTTOM) / 2 - 4;
		for (const enum dr_metric_id *id = charted; *id != DR_NMETRICS; id++) {
			const struct dr_series *s = series(p, *id);
			if (s && (int)s->def->domain == dom)
				chart_block(p, s, h);
		}
	}
}

/* A muted note line under an extract's row of the data-quality table. */
static void quality_note(struct packet *p, const char *msg)
{
	need(p, 12);
	double y = p->y - 12;
	wrap(p, p->font, 8.5, MUTED, MARGIN + 20, &y, PAGE_W - 2 * MARGIN - 20, 11, msg);
	p->y = y + 11;      /* wrap leaves y one line below the last */
}

/* Notes under one extract: skipped rows by reason, reasonless denials,
 * optional columns absent or partly filled, months that look incomplete. */
static void quality_notes(struct packet *p, enum dr_extract e)
{
	const struct dr_quality *q = p->in->quality;
	const struct dr_load_stats *st = &q->load[e];
	char buf[1024], num[32];
	size_t n = 0;
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
	if (e == DR_DENIALS && q->denied_unspecified) {
		dr_chart_format_value(DR_UNIT_COUNT, (double)q->denied_unspecified, 0, num, sizeof num);
		snprintf(buf, sizeof buf, "Denied without a reason (counted as denied, reason "
		         "unspecified): %s", num);
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
static void data_quality(struct packet *p)
{
	const struct dr_quality *q = p->in->quality;
	char buf[512];
	section(p, "Data quality");
	snprintf(buf, sizeof buf, "Rows of each extract as read for this run (every dyad). A row that "
	         "cannot be used is skipped and counted by reason; a run fails only when more than "
	         "%g%% of an extract's rows are skipped. Ignored rows carry a code the site maps to "
	         "IGNORE (not events of this kind). \xE2\x80\x9CNot in any dyad\xE2\x80\x9D rows belong to a "
	         "department no dyad owns; \xE2\x80\x9CIn this dyad\xE2\x80\x9D rows to this dyad's "
	         "departments.", p->in->cfg->max_bad_rows * 100);
	wrap(p, p->font, 9.5, INK, MARGIN, &p->y, PAGE_W - 2 * MARGIN, 13, buf);
	p->y -= 12;
	const double cols[] = { MARGIN + 8, 200, 262, 322, 382, 475, PAGE_W - MARGIN };
	const char *heads[] = { "Extract", "Rows read", "Used", "Ignored", "Skipped", "Not in any dyad",
	                        "In this dyad" };
	for (size_t c = 0; c < DR_NELEM(heads); c++)
		text(p, p->bold, 9, MUTED, cols[c], p->y, c ? DR_ALIGN_RIGHT : DR_ALIGN_LEFT, heads[c]);
	p->y -= 5;
	hrule(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, INK);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		const struct dr_load_stats *st = &q->load[e];
		need(p, 40);
		p->y -= 16;
		text(p, p->bold, 9.5, INK, cols[0], p->y, DR_ALIGN_LEFT, dr_extract_name(e));
		if (!q->loaded[e]) {
			text(p, p->font, 9.5, MUTED, cols[1] + 12, p->y, DR_ALIGN_LEFT,
			     "not configured: its metrics and pages are left out of this packet");
			continue;
		}
		long vals[] = { st->rows_read, st->rows_used, st->rows_ignored, dr_load_skipped(st),
		                q->unowned[e], dr_metrics_dyad_rows(p->in->metrics, p->in->dyad, e) };
		for (size_t c = 0; c < DR_NELEM(vals); c++) {
			dr_chart_format_value(DR_UNIT_COUNT, (double)vals[c], 0, buf, sizeof buf);
			text(p, p->font, 9.5, INK, cols[c + 1], p->y, DR_ALIGN_RIGHT, buf);
		}
		quality_notes(p, e);
		p->y -= 4;
	}
	p->y -= 8;
	hrule(p, MARGIN, PAGE_W - MARGIN, p->y, 0.3, RULE);
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
	const double col2 = PAGE_W / 2 - 16, row = 17;
	need(p, 20 + row * DR_NELEM(var));
	text(p, p->bold, 10, INK, MARGIN, p->y, DR_ALIGN_LEFT, "Variation icon (the latest point)");
	text(p, p->bold, 10, INK, col2, p->y, DR_ALIGN_LEFT, "Assurance icon (the target)");
	double y = p->y - 6;
	for (size_t i = 0; i < DR_NELEM(var); i++) {
		y -= row;
		dr_render_hpdf_variation_icon(p->pdf, p->page, p->in->fonts, MARGIN, y - 4, 14,
		                              var[i].t, var[i].better);
		text(p, p->font, 8.5, INK, MARGIN + 20, y, DR_ALIGN_LEFT,
		     dr_icon_variation_label(var[i].t, var[i].better));
	}
	y = p->y - 6;
	for (size_t i = 0; i < DR_NELEM(assure); i++) {
		y -= row;
		dr_render_hpdf_assurance_icon(p->pdf, p->page, p->in->fonts, col2, y - 4, 14, assure[i]);
		text(p, p->font, 8.5, INK, col2 + 20, y, DR_ALIGN_LEFT, dr_icon_assurance_label(assure[i]));
	}
	y -= row;
	wrap(p, p->font, 8.5, MUTED, col2, &y, PAGE_W - MARGIN - col2, 11,
	     "Assurance compares the target with the latest phase's process limits: when both limits "
	     "are on the right side of it the process will meet it every month; when both are on the "
	     "wrong side it will not without a change; in between it will hit and miss.");
	double left = p->y - 6 - row * (double)DR_NELEM(var) - 8;
	p->y = (y < left ? y : left) - 10;
}

static void about(struct packet *p)
{
	section(p, "About these numbers");
	char buf[512];
	need(p, 60);
	text(p, p->bold, 12, INK, MARGIN, p->y, DR_ALIGN_LEFT, "How to read the charts");
	p->y -= 16;
	const struct dr_spc_config *spc = &p->in->cfg->spc;
	if (spc->rules == DR_SPC_ANHOEJ)
		wrap(p, p->font, 9.5, INK, MARGIN, &p->y, PAGE_W - 2 * MARGIN, 13,
		     "Each chart is a statistical process control chart judged by the Anh\xC3\xB8j rules, as "
		     "the R package qicharts2 computes them: proportions on a p chart (limits from the "
		     "binomial spread of each month's denominator), rates per unit on a u chart, counts, "
		     "means and medians on an I chart; each chart's small type names its chart. The solid "
		     "line is the centre, the dashed lines the 3-sigma limits. A point outside the limits is "
		     "a special cause. The runs analysis judges each phase as a whole: an unusually long run "
		     "on one side of the centre, or too few crossings of it, means the process has shifted, "
		     "and the centre line is then drawn dashed orange. Blue marks an improvement, orange a "
		     "concern, purple a change where neither direction is better; grey points are normal "
		     "variation. Hollow points are provisional months, left out of the centre and limits. "
		     "Months without data are gaps, never zero.");
	else
		wrap(p, p->font, 9.5, INK, MARGIN, &p->y, PAGE_W - 2 * MARGIN, 13, spc->rules == DR_SPC_MDC6 ?
		     "Each chart is an XmR (individuals) chart judged by the NHS Making Data Count rules "
		     "(6-point variant). The solid line is the mean; the dashed lines are the process limits "
		     "(mean \xC2\xB1 2.66 \xC3\x97 the average month-to-month moving range, with unusually "
		     "large moving ranges screened out). A point is a special cause when it lies outside the "
		     "limits, when 6 points rise or fall in a row, when 2 of 3 points lie close to the same "
		     "limit, or when 6 points in a row lie on one side of the mean. Blue marks an improvement, "
		     "orange a concern, purple a change where neither direction is better; grey points are "
		     "normal variation. Hollow points are provisional months, left out of the mean and "
		     "limits. Months without data are gaps, never zero."
		     :
		     "Each chart is an XmR (individuals) chart judged by the NHS Making Data Count rules. "
		     "The solid line is the mean; the dashed lines are the process limits (mean \xC2\xB1 2.66 "
		     "\xC3\x97 the average month-to-month moving range, with unusually large moving ranges "
		     "screened out). A point is a special cause when it lies outside the limits, when 7 points "
		     "rise or fall in a row, when 2 of 3 points lie close to the same limit, or when 7 points in "
		     "a row lie on one side of the mean. Blue marks an improvement, orange a concern, purple a "
		     "change where neither direction is better; grey points are normal variation. Hollow points "
		     "are provisional months, left out of the mean and limits. Months without data are gaps, never zero.");
	p->y -= 5;
	wrap(p, p->font, 9.5, INK, MARGIN, &p->y, PAGE_W - 2 * MARGIN, 13,
	     "A vertical marker is a known change in the process; where it is labelled as a new phase, "
	     "the centre and limits are recalculated from that month on. Limits that rest on 12 or "
	     "fewer points are trial limits: read them with care.");
	p->y -= 10;
	icon_legend(p);
	snprintf(buf, sizeof buf, "Survey results of a wave with fewer than %d respondents are not shown, "
	         "so no small group can be identified.", p->in->cfg->suppress_below);
	wrap(p, p->font, 9.5, INK, MARGIN, &p->y, PAGE_W - 2 * MARGIN, 13, buf);
	p->y -= 14;

	need(p, 40);
	text(p, p->bold, 12, INK, MARGIN, p->y, DR_ALIGN_LEFT, "How each metric is calculated");
	p->y -= 18;
	for (int id = 0; id < DR_NMETRICS; id++) {
		const struct dr_series *s = series(p, id);
		if (!s)
			continue;
		need(p, 44);
		text(p, p->bold, 9.5, INK, MARGIN, p->y, DR_ALIGN_LEFT, s->def->label);
		text(p, p->font, 8.5, MUTED, PAGE_W - MARGIN, p->y, DR_ALIGN_RIGHT, s->def->key);
		p->y -= 12;
		wrap(p, p->font, 9, INK, MARGIN + 10, &p->y, PAGE_W - 2 * MARGIN - 10, 11.5, s->def->definition);
		if (s->def->denominator)
			snprintf(buf, sizeof buf, "Numerator: %s. Denominator: %s.", s->def->numerator, s->def->denominator);
		else
			snprintf(buf, sizeof buf, "Counts: %s.", s->def->numerator);
		wrap(p, p->font, 8.5, MUTED, MARGIN + 10, &p->y, PAGE_W - 2 * MARGIN - 10, 11, buf);
		p->y -= 6;
	}
}

/* "Dyad · Period · Page X of Y · label" on every page but the cover. */
static void footers(struct packet *p)
{
	char buf[512];
	for (size_t i = 1; i < p->npages && !p->error; i++) {
		p->page = p->pages[i];
		snprintf(buf, sizeof buf, "%s \xC2\xB7 %s \xC2\xB7 Page %zu of %zu \xC2\xB7 %s",
		         p->dyad->name, p->period, i + 1, p->npages, p->in->cfg->label);
		hrule(p, MARGIN, PAGE_W - MARGIN, 40, 0.4, RULE);
		text(p, p->font, 8, MUTED, PAGE_W / 2, 28, DR_ALIGN_CENTER, buf);
	}
}

/* Sets title, author and subject (after the UTF-8 encoder is current). */
static void info(struct packet *p)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s \xE2\x80\x94 dyad review, %s", p->dyad->name, p->period);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, buf);
	snprintf(buf, sizeof buf, "%s; %s", p->dyad->physician, p->dyad->administrator);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, buf);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, "Monthly dyad review packet");
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

int dr_packet_pdf(const struct dr_packet_input *in, unsigned char **buf, size_t *len)
{
	struct packet p = { .in = in, .dyad = &in->cfg->dyads[in->dyad] };
	*buf = NULL;
	*len = 0;
	snprintf(p.period, sizeof p.period, "%s %d", dr_month_name(in->report_month),
	         dr_month_year(in->report_month));
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
		cover(&p);
		summary(&p);
		domains(&p);
		data_quality(&p);
		about(&p);
		footers(&p);
	}
	int rc = DR_OK;
	if (p.error || save(&p, buf, len) != 0) {
		dr_error("%s: cannot build the PDF packet", p.dyad->id);
		rc = DR_EINTERNAL;
	}
	free(p.pages);
	HPDF_Free(p.pdf);
	return rc;
}
