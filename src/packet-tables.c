/*
 * packet-tables.c -- the table and provider-table page kinds: one
 * breakdown (metric.h) as a table, a row per group and a column per
 * measure (the template's `metrics =`, else every measure), the dyad's
 * total last, continued on new pages as needed.
 *
 * A hidden group's row reads "hidden" and holds no number; the note under
 * the table says how many groups were hidden and why. A rate on fewer
 * than [report] min_denominator cases is grey with a dagger, explained
 * under the table ("33.3%†" for a provider's 6 visits). Tags: one Table
 * however many pages it takes; its header row holds column headers (an
 * artifact where a continuation page repeats it), each row is named by
 * its first cell (a row header).
 *
 * The provider table ends with a column "No-show rate vs funnel": where
 * each provider's no-show rate lies against the funnel's limits around the
 * rate of all providers shown (funnel.h: "within", "above 95%", "below
 * 99.8%", ...; "within" muted, the others in ink), judged on the same numerators and
 * denominators as the table prints. Rows keep the table's order; nothing
 * is coloured by rank. A rate on fewer than min_denominator cases reads
 * "too few" (it stays in the pooled rate, but is not judged, as the
 * dagger under the table says). A provider without visits reads "–"; when
 * no comparison is possible the column reads "–" and a note says so.
 * Never: prints.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-int.h"

/* The funnel column of the provider table: each group's flag (judged[i]
 * false: not judged, "–"); ok false: no comparison possible. */
struct funnel_col {
	bool on, ok;
	enum dr_funnel_flag *flag;
	bool *judged;
	bool *few;                  /* a rate on fewer than min_denominator cases */
};

#define FUNNEL_COL (-1)         /* col[] entry of the funnel column */
#define FUNNEL_HEAD "No-show rate vs funnel"

/* Judges the no-show rates of t's shown groups (not hidden, not a summed
 * "Other", with visits) in a funnel around their pooled rate. */
static void funnel_column(const struct packet *p, const struct dr_breakdown_table *t,
                          struct funnel_col *fc)
{
	*fc = (struct funnel_col){ 0 };
	int mi = dr_breakdown_measure_find(t->by, "no_show_rate");
	if (mi < 0)
		return;
	fc->on = true;
	size_t ng = t->ngroup, k = 0;
	fc->flag = dr_xcalloc(ng + 1, sizeof *fc->flag);
	fc->judged = dr_xcalloc(ng + 1, sizeof *fc->judged);
	fc->few = dr_xcalloc(ng + 1, sizeof *fc->few);
	double *y = dr_xcalloc(ng + 1, sizeof *y), *n = dr_xcalloc(ng + 1, sizeof *n);
	size_t *at = dr_xcalloc(ng + 1, sizeof *at);
	struct dr_funnel_point *pt = dr_xcalloc(ng + 1, sizeof *pt);
	for (size_t i = 0; i < ng; i++) {
		const struct dr_group *g = &t->group[i];
		const struct dr_cell_value *v = &g->v[mi];
		if (g->hidden || strcmp(g->key, "other") == 0 || strcmp(g->key, "more") == 0 ||
		    !isfinite(v->num) || !isfinite(v->den) || !(v->den > 0))
			continue;
		y[k] = v->num;
		n[k] = v->den;
		fc->few[i] = dr_rate_small_n(dr_metric_find("no_show_rate"), v->den,
		                             p->in->cfg->min_denominator);
		at[k++] = i;
	}
	struct dr_funnel f;
	fc->ok = k > 0 && dr_funnel_judge(y, n, k, DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_AUTO, NAN, &f,
	                                  pt) == 0;
	for (size_t j = 0; fc->ok && j < k; j++) {
		fc->flag[at[j]] = pt[j].flag;
		fc->judged[at[j]] = pt[j].flag != DR_FUNNEL_NO_N;
	}
	free(y);
	free(n);
	free(at);
	free(pt);
}

/* The heading of column c. */
static const char *column_label(const struct dr_breakdown_table *t, int c)
{
	return c == FUNNEL_COL ? FUNNEL_HEAD : t->measure[c].label;
}

/* Column indexes of table t that page pg shows, in order; returns how many. */
static size_t columns(const struct dr_template_page *pg, const struct dr_breakdown_table *t, int *col)
{
	size_t n = 0;
	for (size_t i = 0; i < pg->nmeasures && n < 16; i++)
		if (pg->measures[i] >= 0 && (size_t)pg->measures[i] < t->nmeasure)
			col[n++] = pg->measures[i];
	for (size_t i = 0; n == 0 && i < t->nmeasure && i < 16; i++)
		col[i] = (int)i;
	return n ? n : (t->nmeasure < 16 ? t->nmeasure : 16);
}

/* Draws one row: label, then each column's value right-aligned; a rate on
 * fewer than min_denominator cases is grey with a dagger (*marked set). */
static void row(struct packet *p, const char *label, const struct dr_group *g,
                const struct dr_breakdown_table *t, const int *col, size_t ncol, double label_w,
                double col_w, HPDF_Font f, bool *marked, const struct funnel_col *fc, size_t gi)
{
	double size = fs(p, 8.5), y = p->y;
	dr_draw_open(&p->d, "TR");
	dr_draw_th(&p->d, DR_SCOPE_ROW);
	dr_draw_text_fit(&p->d, f, size, INK, p->margin + 4, y, label_w - 8, label);
	dr_draw_close(&p->d);
	if (g->hidden) {
		dr_draw_open(&p->d, "TD");
		dr_draw_text(&p->d, p->d.font, size, MUTED, p->margin + label_w + col_w - 4, y, DR_ALIGN_RIGHT,
		             "hidden");
		dr_draw_close(&p->d);
		dr_draw_close(&p->d);
		return;
	}
	for (size_t c = 0; c < ncol; c++) {
		char buf[64];
		if (col[c] == FUNNEL_COL) {
			bool judged = fc && fc->ok && gi < t->ngroup && fc->judged[gi];
			enum dr_funnel_flag fl = judged ? fc->flag[gi] : DR_FUNNEL_NO_N;
			bool few = judged && fc->few[gi];
			if (few) {
				judged = false;     /* a rate on too few cases is not judged */
				fl = DR_FUNNEL_NO_N;
			}
			bool out = fl == DR_FUNNEL_ABOVE_998 || fl == DR_FUNNEL_BELOW_998;
			const char *word = judged ? dr_funnel_flag_name(fl) : few ? "too few"
			                   : "\xE2\x80\x93";
			/* Outside 99.8% in bold where the column holds it; within muted. */
			HPDF_Font wf = out && dr_hpdf_text_width(p->d.bold, fs(p, 8.5), word) <= col_w - 10
			               ? p->d.bold : p->d.font;
			dr_draw_open(&p->d, "TD");
			dr_draw_text(&p->d, wf, fs(p, 8.5),
			             judged && fl != DR_FUNNEL_WITHIN ? INK : MUTED,
			             p->margin + label_w + (double)(c + 1) * col_w - 4, y, DR_ALIGN_RIGHT, word);
			dr_draw_close(&p->d);
			continue;
		}
		const struct dr_measure *m = &t->measure[col[c]];
		dr_chart_format_value(m->unit, g->v[col[c]].value, -1, buf, sizeof buf);
		bool small = !isnan(g->v[col[c]].value) &&
		             dr_rate_small_n(dr_metric_find(m->key), g->v[col[c]].den,
		                             p->in->cfg->min_denominator);
		if (small) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, "\xE2\x80\xA0");     /* U+2020 dagger */
			*marked = true;
		}
		dr_draw_open(&p->d, "TD");
		dr_draw_text(&p->d, f, size, small ? MUTED : INK,
		             p->margin + label_w + (double)(c + 1) * col_w - 4, y, DR_ALIGN_RIGHT, buf);
		dr_draw_close(&p->d);
	}
	dr_draw_close(&p->d);
}

/* The header row: column labels wrapped in up to three lines; column
 * headers, or artifacts when repeated on a continuation page. */
static void header(struct packet *p, const struct dr_breakdown_table *t, const char *first,
                   const int *col, size_t ncol, double label_w, double col_w, bool repeated)
{
	double size = fs(p, 7.5), lead = fs(p, 9), top = p->y, low = p->y;
	/* The type shrinks (to 5.5 points at least) until every word fits its column. */
	for (size_t c = 0; c < ncol; c++) {
		char word[64];
		for (const char *s = column_label(t, col[c]); *s; s += strspn(s, " ")) {
			size_t wl = strcspn(s, " ");
			snprintf(word, sizeof word, "%.*s", (int)(wl < 63 ? wl : 63), s);
			double ww = dr_hpdf_text_width(p->d.bold, size, word);
			if (ww > col_w - 6 && ww > 0)
				size = fmax(fs(p, 5.5), size * (col_w - 6) / ww);
			s += wl;
		}
	}
	if (repeated) {
		dr_draw_decor_begin(&p->d);
	} else {
		dr_draw_open(&p->d, "TR");
		dr_draw_th(&p->d, DR_SCOPE_COLUMN);
	}
	dr_draw_text(&p->d, p->d.bold, size, MUTED, p->margin + 4, top, DR_ALIGN_LEFT, first);
	if (!repeated)
		dr_draw_close(&p->d);
	for (size_t c = 0; c < ncol; c++) {
		if (!repeated)
			dr_draw_th(&p->d, DR_SCOPE_COLUMN);
		/* Right-aligned wrapping: measure each line, draw it from the right. */
		const char *s = column_label(t, col[c]);
		char line[200] = "";
		double y = top, right = p->margin + label_w + (double)(c + 1) * col_w - 4;
		size_t len = 0;
		while (*s) {
			while (*s == ' ')
				s++;
			size_t wl = strcspn(s, " ");
			char trial[200];
			if (snprintf(trial, sizeof trial, "%s%s%.*s", line, len ? " " : "", (int)wl, s) >=
			    (int)sizeof trial)
				break;
			if (len && dr_hpdf_text_width(p->d.bold, size, trial) > col_w - 6) {
				dr_draw_text(&p->d, p->d.bold, size, MUTED, right, y, DR_ALIGN_RIGHT, line);
				y -= lead;
				snprintf(line, sizeof line, "%.*s", (int)wl, s);
			} else {
				snprintf(line, sizeof line, "%s", trial);
			}
			len = strlen(line);
			s += wl;
		}
		dr_draw_text(&p->d, p->d.bold, size, MUTED, right, y, DR_ALIGN_RIGHT, line);
		if (!repeated)
			dr_draw_close(&p->d);
		if (y < low)
			low = y;
	}
	if (repeated)
		dr_draw_decor_end(&p->d);
	else
		dr_draw_close(&p->d);
	p->y = low - fs(p, 5);
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.8, INK);
}

/* A breakdown table titled by the page, with its notes. */
static void table(struct packet *p, enum dr_breakdown by, const char *first, bool funnel)
{
	dr_month at = p->pg->window == DR_WINDOW_WAVE
	              ? dr_metrics_latest_wave(p->in->metrics, p->in->dyad, p->in->report_month)
	              : p->in->report_month;
	struct dr_breakdown_table *t = dr_metrics_breakdown(p->in->metrics, p->in->dyad, by,
	                                                    p->pg->window, at);
	if (!t)
		return;
	double ts = dr_packet_table_scale(p);
	dr_packet_begin(p, p->pg->title);
	int col[17];
	size_t ncol = columns(p->pg, t, col);
	struct funnel_col fc = { 0 };
	if (funnel) {
		funnel_column(p, t, &fc);
		if (fc.on)
			col[ncol++] = FUNNEL_COL;
	}
	char when[96], buf[512];
	dr_packet_window_words(t, when, sizeof when);
	snprintf(buf, sizeof buf, "%s%s%s.", t->window == DR_WINDOW_WAVE ? "Survey wave " : "", when,
	         t->provisional ? " (provisional: some requests of the period are still pending)" : "");
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
	             fs(p, 13), buf);
	dr_draw_close(&p->d);
	p->y -= fs(p, 8);
	double width = p->w - 2 * p->margin;
	double label_w = fmax(width * (ncol > 6 ? 0.18 : 0.30), width - (double)ncol * fs(p, 62));
	double col_w = ncol ? (width - label_w) / (double)ncol : 0;
	double rowh = fs(p, 13);
	bool marked = false;
	/* One Table across pages: a continuation page's repeated header row
	 * is an artifact. */
	dr_draw_open(&p->d, "Table");
	header(p, t, first, col, ncol, label_w, col_w, false);
	if (t->ngroup == 0) {
		p->y -= rowh;
		dr_draw_open(&p->d, "TR");
		dr_draw_open(&p->d, "TD");
		dr_draw_text(&p->d, p->d.font, fs(p, 9), MUTED, p->margin + 4, p->y, DR_ALIGN_LEFT,
		             "Nothing to show for this period.");
		dr_draw_close(&p->d);
		dr_draw_close(&p->d);
	}
	for (size_t i = 0; i < t->ngroup && !p->d.error; i++) {
		if (p->y - rowh < p->bottom + rowh) {
			dr_packet_new_page(p, true);
			header(p, t, first, col, ncol, label_w, col_w, true);
		}
		p->y -= rowh;
		if (i % 2 == 1)
			dr_draw_box(&p->d, p->margin, p->y - fs(p, 3.5), width, rowh, BAND);
		row(p, t->group[i].label, &t->group[i], t, col, ncol, label_w, col_w, p->d.font, &marked,
		    &fc, i);
	}
	p->y -= 5;
	dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 0.5, INK);
	p->y -= rowh;
	row(p, "All", &t->total, t, col, ncol, label_w, col_w, p->d.bold, &marked, NULL, SIZE_MAX);
	dr_draw_close(&p->d);
	p->y -= fs(p, 18);
	if (marked) {
		snprintf(buf, sizeof buf, "\xE2\x80\xA0 A rate on fewer than %d cases (grey): too few to "
		         "compare or judge.", p->in->cfg->min_denominator);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 11), buf);
		dr_draw_close(&p->d);
	}
	if (fc.on) {
		snprintf(buf, sizeof buf, fc.ok ? "%s: where each provider's no-show rate lies against "
		         "the 95%% and 99.8%% limits that chance gives at its number of visits, around "
		         "the rate of all providers shown (\xE2\x80\x9Cwithin\xE2\x80\x9D in grey). Hidden providers "
		         "are not judged, nor a rate on too few cases (\xE2\x80\xA0)." : "%s: no comparison possible (the limits could not be "
		         "computed).", FUNNEL_HEAD);
		dr_draw_open(&p->d, "P");
		dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
		             fs(p, 11), buf);
		dr_draw_close(&p->d);
	}
	free(fc.flag);
	free(fc.judged);
	free(fc.few);
	dr_packet_hidden_note(p, t->nhidden, t->hidden_why);
	dr_breakdown_free(t);
	p->d.ts = ts;
}

/* The heading of a breakdown's first column. */
static const char *group_word(enum dr_breakdown by)
{
	switch (by) {
	case DR_BY_WEEKDAY: return "Weekday";
	case DR_BY_LEAD_TIME: return "Lead time";
	case DR_BY_PROVIDER: return "Provider";
	case DR_BY_REASON: return "Reason";
	case DR_BY_PAYER: case DR_BY_PAYER_REASON: return "Payer";
	case DR_BY_SERVICE: return "Service";
	case DR_BY_PENDING_AGE: return "Age at month end";
	case DR_BY_HANDOFF_TYPE: return "Handoff type";
	case DR_BY_ROLE: return "Role";
	default: return "Department";
	}
}

void dr_packet_table(struct packet *p)
{
	table(p, p->pg->by, group_word(p->pg->by), false);
}

void dr_packet_provider_table(struct packet *p)
{
	if (p->public_)         /* a public template never lists providers */
		return;
	table(p, DR_BY_PROVIDER, "Provider", true);
}
