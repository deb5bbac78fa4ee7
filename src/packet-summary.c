/*
 * packet-summary.c -- the summary page kind: the KPI table (latest value,
 * change against the month before and the same month a year before,
 * target, a sparkline of the trend, the SPC icons and words) for the
 * template page's metrics (every loaded metric when it names none), grouped
 * by domain, then up to three talking points: the headlines of the metrics
 * whose latest point is a special cause or that fail their target. The
 * latest value is coloured only by its SPC verdict, the changes never
 * (dr_packet_summary_colours): one month against another is no signal.
 * A metric without a value in the report month (its extract holds no row
 * of it yet, or the month has no cases) shows "—‡" as Latest, never an
 * earlier month's value, with a footnote saying so; its SPC words name the
 * month they judge ("Common cause (Sep)"). A latest rate on fewer than
 * [report] min_denominator cases is grey with a dagger (†), gets no
 * changes, icons or verdict ("n = 1: too few"), and is never a
 * talking point.
 *
 * Columns are laid out for the page's width; type follows the template's
 * scale. Tags: talking points are a list; the KPI table a Table whose
 * header row has column headers and whose metric rows are named by their
 * first cell (row headers); a domain's name is a row of its own; the
 * sparkline is a Figure in its cell, the SPC icons are in the cell whose
 * words say the same; rules are artifacts.
 *
 * After the table and its notes, "What changed since last month": the
 * list metric-changes.c computes for the page's metrics (verdicts, targets,
 * phases, months now final), an H2 and a list. Never: prints.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/changes.h"
#include "dyadreport/icon.h"
#include "packet-int.h"

const char *dr_packet_variation_words(enum dr_spc_point_type t, uint32_t *rgb)
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

struct dr_packet_row_colours dr_packet_summary_colours(const struct dr_series *s, size_t i)
{
	bool judged = i < s->n && !s->provisional[i] && dr_series_judged(s, i);
	return (struct dr_packet_row_colours){
		.value = dr_chart_value_colour(judged ? s->spc[i].type : DR_POINT_NONE, INK),
		.change = MUTED,
	};
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
	/* From the printed numbers, so the change adds up with them. */
	double d = dr_chart_printed_value(s->def->unit, now) - dr_chart_printed_value(s->def->unit, before);
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

/* Whether metric id is on this summary page. */
static bool listed(const struct packet *p, enum dr_metric_id id)
{
	if (p->pg->nmetrics == 0)
		return true;
	for (size_t i = 0; i < p->pg->nmetrics; i++)
		if (p->pg->metrics[i] == id)
			return true;
	return false;
}

/* Whether the page has any metric with a series. */
static bool any_metric(const struct packet *p)
{
	for (int id = 0; id < DR_NMETRICS; id++)
		if (listed(p, id) && dr_packet_series(p, id))
			return true;
	return false;
}

/* How much a series' latest judged point asks for attention: 3 concern,
 * 2 target failed, 1 improvement, 0 nothing to say. */
static int attention(const struct dr_series *s)
{
	size_t j = dr_series_last_complete(s);
	if (j >= s->n || !dr_series_judged(s, j) || dr_series_small_n(s, j))
		return 0;
	if (s->spc[j].type == DR_POINT_CONCERN)
		return 3;
	if (s->has_target && s->summary.assurance == DR_ASSURE_FAIL)
		return 2;
	return s->spc[j].type == DR_POINT_IMPROVEMENT;
}

/* One item of a bulleted list (LI: the bullet as its Lbl, text wrapped in
 * its LBody), kept on one page with the line after it. */
static void bullet(struct packet *p, const char *text)
{
	dr_packet_need(p, fs(p, 28));
	dr_draw_open(&p->d, "LI");
	dr_draw_open(&p->d, "Lbl");
	dr_draw_text(&p->d, p->d.bold, fs(p, 9.5), ACCENT, p->margin, p->y, DR_ALIGN_LEFT, "\xE2\x80\xA2");
	dr_draw_close(&p->d);
	dr_draw_open(&p->d, "LBody");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin + fs(p, 10), &p->y,
	             p->w - 2 * p->margin - fs(p, 10), fs(p, 13), text);
	dr_draw_close(&p->d);
	dr_draw_close(&p->d);
	p->y -= fs(p, 3);
}

/* Up to three talking points: the most pressing metrics' headlines. */
static void talking_points(struct packet *p)
{
	const struct dr_series *pick[3];
	size_t n = 0;
	for (int level = 3; level >= 1 && n < 3; level--)
		for (int id = 0; id < DR_NMETRICS && n < 3; id++) {
			const struct dr_series *s = dr_packet_series(p, id);
			if (s && listed(p, id) && attention(s) == level)
				pick[n++] = s;
		}
	if (!n)
		return;
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 11), INK, p->margin, p->y, DR_ALIGN_LEFT, "Talking points");
	dr_draw_close(&p->d);
	p->y -= fs(p, 16);
	dr_draw_open(&p->d, "L");
	for (size_t i = 0; i < n; i++) {
		char buf[600];
		dr_headline(pick[i], buf, sizeof buf);
		bullet(p, buf);
	}
	dr_draw_close(&p->d);
	p->y -= fs(p, 10);
}

/* "What changed since last month" (changes.h): one list item per change,
 * grouped in the list's order; a sentence when no verdict, target or phase
 * changed (the months now final are still listed). */
static void what_changed(struct packet *p)
{
	bool on[DR_NMETRICS];
	for (int id = 0; id < DR_NMETRICS; id++)
		on[id] = listed(p, id);
	struct dr_changes l;
	dr_changes_init(&l);
	dr_changes_build(p->in->metrics, p->in->dyad, p->in->report_month, on, &l);
	dr_packet_need(p, fs(p, 48));
	p->y -= fs(p, 8);
	dr_draw_open(&p->d, "H2");
	dr_draw_text(&p->d, p->d.bold, fs(p, 11), INK, p->margin, p->y, DR_ALIGN_LEFT,
	             "What changed since last month");
	dr_draw_close(&p->d);
	p->y -= fs(p, 16);
	if (!dr_changes_any_judged(&l)) {
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), INK, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 13), "No verdict, target or phase changed since last month.");
		dr_draw_close(&p->d);
		p->y -= fs(p, 3);
	}
	if (l.n) {
		dr_draw_open(&p->d, "L");
		for (size_t k = 0; k < l.n;) {
			char buf[900];
			size_t used = dr_change_words(&l, k, buf, sizeof buf);
			bullet(p, buf);
			k += used ? used : 1;
		}
		dr_draw_close(&p->d);
	}
	dr_changes_free(&l);
}

void dr_packet_summary(struct packet *p)
{
	if (!any_metric(p))
		return;
	double ts = dr_packet_table_scale(p);
	dr_packet_begin(p, p->pg->title);
	talking_points(p);
	/* Right edges of the number columns (the width of a portrait letter
	 * page spread over this page's); the sparkline from C_TREND, the icons
	 * from C_SPC, then the variation words. */
	enum { C_METRIC, C_LATEST, C_MONTH, C_YEAR, C_TARGET, C_TREND, C_SPC, NCOLS };
	static const double base[NCOLS] = { 0, 188, 242, 296, 334, 342, 388 };
	double k = (p->w - 2 * p->margin) / 516, right[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		right[c] = p->margin + base[c] * k;
	double icon = fs(p, ICON), trend_w = 40 * k, row = fs(p, 14);
	double words_x = right[C_SPC] + 2 * icon + 5, body = fs(p, 9.5);
	char buf[256], vs_month[32], vs_year[300];
	snprintf(vs_month, sizeof vs_month, "vs %s", dr_month_abbr(p->in->report_month - 1));
	dr_chart_month_label(p->in->report_month - 12, DR_PERIOD_MONTH, true, buf, sizeof buf);
	snprintf(vs_year, sizeof vs_year, "vs %s", buf);
	const char *const heads[NCOLS] = { "Metric", "Latest", vs_month, vs_year, "Target", "Trend",
	                                   "SPC" };
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, body, MUTED, p->margin, &p->y, p->w - 2 * p->margin, fs(p, 13),
	     "Latest is the report month, compared with the month before and the same month a year "
	     "before (survey metrics: the latest wave, against the wave before and the same wave a "
	     "year before). Latest is coloured only when SPC judges it a special cause (blue an "
	     "improvement, orange a concern, purple neither); the changes are never coloured, as "
	     "one month against another is no signal. Trend is the whole trend, its latest point in the colour of its SPC "
	     "type. SPC shows two icons: "
	     "variation judges the latest complete point against the trend's process limits "
	     "(\xE2\x80\x9C" "Common cause\xE2\x80\x9D means no real change); assurance says "
	     "whether the process will meet the target. The definitions pages explain both.");
	dr_draw_close(&p->d);
	p->y -= 8;
	/* The table: a header row of column headers; per domain a row naming
	 * it, then a row per metric named by its first cell; the sparkline is
	 * a Figure in its cell, the icons sit in the cell that says them. */
	dr_draw_open(&p->d, "Table");
	dr_draw_open(&p->d, "TR");
	for (int c = 0; c < NCOLS; c++) {
		bool left = c == C_METRIC || c >= C_TREND;
		dr_draw_th(&p->d, DR_SCOPE_COLUMN);
		dr_draw_text(&p->d, p->d.bold, fs(p, 9), MUTED, right[c], p->y,
		             left ? DR_ALIGN_LEFT : DR_ALIGN_RIGHT, heads[c]);
		dr_draw_close(&p->d);
	}
	dr_draw_close(&p->d);
	p->y -= 6;
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.8, INK);
	p->y -= 4;
	bool provisional = false, hidden = false, novalue = false, small_any = false;
	for (int dom = 0; dom < DR_NDOMAINS; dom++) {
		bool any = false;
		for (int id = 0; id < DR_NMETRICS; id++) {
			const struct dr_series *s = dr_packet_series(p, id);
			if (!s || (int)s->def->domain != dom || !listed(p, id) || s->n == 0)
				continue;
			if (!any) {
				dr_packet_need(p, 2 * row + fs(p, 12));
				p->y -= fs(p, 16);
				dr_draw_open(&p->d, "TR");
				dr_draw_open(&p->d, "TD");
				dr_draw_text(&p->d, p->d.bold, fs(p, 10), ACCENT, p->margin, p->y, DR_ALIGN_LEFT,
				             dr_domain_label(dom));
				dr_draw_close(&p->d);
				dr_draw_close(&p->d);
				p->y -= 6;
				any = true;
			}
			dr_packet_need(p, row + 6);
			p->y -= row;
			size_t i = s->n - 1;
			double now = s->value[i], before = i ? s->value[i - 1] : NAN, year_ago = NAN;
			for (size_t k2 = 0; k2 < i; k2++)
				if (s->period[k2] == s->period[i] - 12)
					year_ago = s->value[k2];
			dr_chart_format_value(s->def->unit, now, -1, buf, sizeof buf);
			if (s->provisional[i] && !isnan(now)) {
				strcat(buf, "*");
				provisional = true;
			}
			/* A rate on too few cases: grey, marked, never compared or judged. */
			bool small = dr_series_small_n(s, i);
			if (small) {
				strcat(buf, "\xE2\x80\xA0");
				small_any = true;
				before = year_ago = NAN;
			}
			const char *latest = isnan(now) ? (s->suppressed[i] ? "hidden" : "\xE2\x80\x94\xE2\x80\xA1")
			                                : buf;
			hidden |= s->suppressed[i];
			novalue |= isnan(now) && !s->suppressed[i];
			double latest_w = dr_hpdf_text_width(p->d.bold, body, latest);
			struct dr_packet_row_colours col = dr_packet_summary_colours(s, i);
			dr_draw_open(&p->d, "TR");
			dr_draw_th(&p->d, DR_SCOPE_ROW);
			dr_draw_text_fit(&p->d, p->d.font, body, INK, p->margin + 8, p->y,
			                 right[C_LATEST] - latest_w - 8 - (p->margin + 8), s->def->label);
			dr_draw_close(&p->d);
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, p->d.bold, body, small ? MUTED : col.value, right[C_LATEST], p->y,
			             DR_ALIGN_RIGHT, latest);
			dr_draw_close(&p->d);
			change_words(s, now, before, buf, sizeof buf);
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, p->d.font, body, col.change, right[C_MONTH], p->y, DR_ALIGN_RIGHT, buf);
			dr_draw_close(&p->d);
			change_words(s, now, year_ago, buf, sizeof buf);
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, p->d.font, body, col.change, right[C_YEAR], p->y, DR_ALIGN_RIGHT, buf);
			dr_draw_close(&p->d);
			if (s->has_target)
				dr_chart_format_value(s->def->unit, s->target, -1, buf, sizeof buf);
			else
				snprintf(buf, sizeof buf, "\xE2\x80\x94");
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, p->d.font, body, INK, right[C_TARGET], p->y, DR_ALIGN_RIGHT, buf);
			dr_draw_close(&p->d);
			dr_draw_open(&p->d, "TD");
			dr_packet_draw_series(p, s, DR_CHART_SPARKLINE, right[C_TREND], p->y - 2.5, trend_w,
			                      fs(p, 12));
			dr_draw_close(&p->d);
			uint32_t rgb;
			size_t j = dr_series_last_complete(s);
			bool judged = j < s->n && dr_series_judged(s, j) && !small;
			const char *w = dr_packet_variation_words(judged ? s->spc[j].type : DR_POINT_NONE, &rgb);
			/* A rate on too few cases, this month's or the month judged
			 * instead, gives its n rather than a verdict. */
			size_t few = small ? i : j < s->n && dr_series_small_n(s, j) ? j : s->n;
			size_t at = few < s->n ? few : j;       /* the month the words are about */
			char when[32] = "";
			if (at < s->n && at != i) {
				if (s->def->period == DR_PERIOD_MONTH)
					snprintf(when, sizeof when, " (%s)", dr_month_abbr(s->period[at]));
				else {
					char wave[24];
					dr_chart_month_label(s->period[at], s->def->period, true, wave, sizeof wave);
					snprintf(when, sizeof when, " (%s)", wave);
				}
			}
			if (few < s->n) {
				char num[32];
				dr_chart_format_value(DR_UNIT_COUNT, s->den[few], 0, num, sizeof num);
				snprintf(buf, sizeof buf, "n = %s: too few%s", num, when);
				rgb = MUTED;
			} else {
				snprintf(buf, sizeof buf, "%s%s", w, when);
			}
			dr_draw_open(&p->d, "TD");
			if (judged)
				dr_draw_variation_icon(&p->d, right[C_SPC], p->y - 2.5, icon,
				                       s->summary.variation, s->better);
			if (judged)
				dr_draw_assurance_icon(&p->d, right[C_SPC] + icon + 3, p->y - 2.5, icon,
				                       s->summary.assurance);
			dr_draw_text_fit(&p->d, p->d.font, fs(p, 8), rgb, words_x, p->y,
			                 p->w - p->margin - words_x, buf);
			dr_draw_close(&p->d);
			dr_draw_close(&p->d);      /* the row */
			p->y -= 5;
			dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.3, RULE);
		}
	}
	dr_draw_close(&p->d);              /* the table */
	p->y -= fs(p, 16);
	if (provisional) {
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 11), "* provisional: the month is still closing (over 10% of its "
		             "requests pending, or most appeals open).");
		dr_draw_close(&p->d);
	}
	if (novalue) {
		snprintf(buf, sizeof buf, "\xE2\x80\x94\xE2\x80\xA1 no value for %s, not 0: its extract "
		         "has no rows in the month, or the month has no cases (such as no appeals "
		         "decided). Its changes are blank; its SPC words name the month they judge.",
		         p->period);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 11), buf);
		dr_draw_close(&p->d);
	}
	if (small_any) {
		char note[160];
		snprintf(note, sizeof note, "\xE2\x80\xA0 a rate on fewer than %d cases (its n in the SPC "
		         "column): too few to compare or judge.", p->in->cfg->min_denominator);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 11), note);
		dr_draw_close(&p->d);
	}
	if (hidden) {
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 11), p->public_
		             ? "hidden: the value rests on 1 to 10 patients' records or on a survey "
		               "group too small to show, so it is not shown."
		             : "hidden: the survey wave had too few respondents to show.");
		dr_draw_close(&p->d);
	}
	what_changed(p);
	p->d.ts = ts;
}
