/*
 * test-chart.c -- the chart stage: scales, formats, layout and backends.
 *
 * Checks, as TAP: nice ticks and value formats worked out by hand; month
 * labels; dr_fonts_clean_utf8; a trace of a small SPC chart (edge labels,
 * hollow provisional markers, one marker per value, the x labels, no
 * render.h state breaches); a two-phase chart with icons beside the title
 * (not overlapped by it), centre and limits broken at the phase change,
 * the last phase's edge labels, annotation markers (dashed, solid for a
 * rebase) and labels (above the plot, staggered, never overlapping, cut
 * with an ellipsis), a runs signal and trial limits, a legend of only what
 * is drawn; percent and count axes that limits do not pull below 0 or
 * above 100%; hostile charts (n = 0, all NAN, one point, 1e12 values, a
 * 40-character title, a narrow box, with annotations off the axis and
 * NULL, empty, broken and 40-character labels) traced and rendered;
 * a 1600 x 900 PNG read back from its IHDR; an SVG in px; a libharu page
 * drawn with paths only (no /Image) whose text holds the title.
 *
 * With DR_CHART_OUT=DIR set, it also writes sample charts there for a
 * human to look at: chart-*.png, chart-*.svg and chart-page.pdf (one A4
 * landscape page with two charts as the packet will place them).
 *
 * Needs DejaVu Sans (fonts-dejavu-core); without it the font-dependent
 * checks fail with a clear message. Frees everything, then resets cairo's
 * and fontconfig's caches so LeakSanitizer sees no leaks.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>

#include "dyadreport/chart.h"
#include "dyadreport/font.h"
#include "dyadreport/render.h"
#include "tap.h"
#include "testutil.h"
#include "fonttest.h"
#include "charttest.h"

#define NSAMPLE 24

static struct dr_chart_point sample_pt[NSAMPLE];

/* A 24-month denial-rate chart: two phases, concern and improvement
 * signals, a missing month and two provisional months. */
static struct dr_chart sample_chart(void)
{
	static const double y[NSAMPLE] = {
		0.121, 0.134, 0.118, 0.127, 0.176, 0.131, 0.119, 0.125, 0.138, 0.112, NAN, 0.129,
		0.124, 0.109, 0.097, 0.095, 0.102, 0.091, 0.094, 0.088, 0.098, 0.093, 0.087, 0.083,
	};
	for (int i = 0; i < NSAMPLE; i++) {
		struct dr_chart_point *p = &sample_pt[i];
		p->month = dr_month_make(2024, 11) + i;
		p->y = y[i];
		bool phase2 = i >= 13;
		p->cl = phase2 ? 0.1012 : 0.1268;
		p->lcl = phase2 ? 0.0603 : 0.0855;
		p->ucl = phase2 ? 0.1421 : 0.1681;
		p->type = DR_POINT_COMMON;
		p->hollow = i >= NSAMPLE - 2;
		p->phase = phase2 ? 2 : 1;
	}
	sample_pt[4].type = DR_POINT_CONCERN;
	for (int i = 14; i < NSAMPLE; i++)
		sample_pt[i].type = DR_POINT_IMPROVEMENT;
	sample_pt[10].type = DR_POINT_NONE;
	return (struct dr_chart){
		.title = "Initial denial rate",
		.subtitle = "Prior-authorization requests denied at first decision, as a share of "
		            "decided requests (Oncology)",
		.footnote = "XmR chart, NHS Making Data Count rules (mdc7). Limits recalculated "
		            "from Jan 26 (new intake process). Hollow points: provisional months.",
		.unit = DR_UNIT_PERCENT,
		.period = DR_PERIOD_MONTH,
		.better = -1,
		.has_target = true,
		.target = 0.08,
		.n = NSAMPLE,
		.pt = sample_pt,
	};
}

static struct dr_chart_point count_pt[13];

/* 13 months of completed visits, higher is better, no target. */
static struct dr_chart count_chart(void)
{
	static const double y[13] = { 1212, 1288, 1175, 1302, 1251, 1240, 1333, 1297, 1264,
	                              1402, 1436, 1451, 1479 };
	for (int i = 0; i < 13; i++) {
		struct dr_chart_point *p = &count_pt[i];
		p->month = dr_month_make(2025, 10) + i;
		p->y = y[i];
		p->cl = 1256;
		p->lcl = 1071;
		p->ucl = 1441;
		p->type = i >= 9 ? DR_POINT_IMPROVEMENT : DR_POINT_COMMON;
		p->hollow = false;
	}
	count_pt[9].type = DR_POINT_COMMON;
	return (struct dr_chart){
		.title = "Visits completed",
		.subtitle = "Completed clinic visits per month",
		.footnote = "XmR chart, NHS Making Data Count rules (mdc7).",
		.unit = DR_UNIT_COUNT,
		.better = 1,
		.n = 13,
		.pt = count_pt,
	};
}

static struct dr_chart_point quarter_pt[8];

/* Eight quarters of a neutral share, with negative lower limits. */
static struct dr_chart quarter_chart(void)
{
	static const double y[8] = { 0.31, 0.29, 0.35, 0.33, 0.27, 0.30, 0.41, 0.46 };
	for (int i = 0; i < 8; i++) {
		struct dr_chart_point *p = &quarter_pt[i];
		p->month = dr_month_make(2025, 1) + 3 * i;
		p->y = y[i];
		p->cl = 0.34;
		p->lcl = -0.02;
		p->ucl = 0.70;
		p->type = i == 7 ? DR_POINT_NEUTRAL_HIGH : DR_POINT_COMMON;
		p->hollow = false;
	}
	return (struct dr_chart){
		.title = "Clinicians reporting burnout",
		.subtitle = "Share of survey respondents scoring 3 or more",
		.footnote = "XmR chart; survey waves are quarters.",
		.unit = DR_UNIT_PERCENT,
		.period = DR_PERIOD_QUARTER,
		.better = 0,
		.n = 8,
		.pt = quarter_pt,
	};
}

/* The text of a trace "text" line at p (the part between the quotes,
 * escapes kept) into out; false if p is not a text line. */
static bool text_of(const char *p, double *x, double *y, double *size, char *out, size_t n)
{
	if (sscanf(p, "text %lf %lf size %lf", x, y, size) != 3)
		return false;
	const char *q = strchr(p, '"');
	const char *e = q ? strchr(q + 1, '\n') : NULL;
	if (!q || !e || e - q < 2)
		return false;
	size_t len = (size_t)(e - q - 2) < n - 1 ? (size_t)(e - q - 2) : n - 1;
	memcpy(out, q + 1, len);
	out[len] = '\0';
	return true;
}

/* Characters (UTF-8 lead bytes) in s. */
static int nchars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Calls fn on every line of trace t (group lines included) with the name
 * of the group it belongs to. */
static void each_line(const char *t, void (*fn)(const char *group, const char *line, void *arg),
                      void *arg)
{
	char group[128] = "";
	for (const char *p = t; p && *p;) {
		const char *nl = strchr(p, '\n');
		if (strncmp(p, "group ", 6) == 0) {
			size_t len = (size_t)((nl ? nl : p + strlen(p)) - p - 6);
			if (len >= sizeof group)
				len = sizeof group - 1;
			memcpy(group, p + 6, len);
			group[len] = '\0';
		}
		fn(group, p, arg);
		p = nl ? nl + 1 : NULL;
	}
}

/* Marker centres in drawing order (the first circle of each "marker"
 * group). */
struct marks {
	double x[64];
	int n;
	bool want;
};

static void marks_fn(const char *group, const char *line, void *arg)
{
	struct marks *m = arg;
	double x, y, r;
	if (strncmp(line, "group ", 6) == 0)
		m->want = strncmp(group, "marker ", 7) == 0;
	else if (m->want && m->n < 64 && sscanf(line, "circle %lf %lf %lf", &x, &y, &r) == 3) {
		m->x[m->n++] = x;
		m->want = false;
	}
}

/* Subpaths started in the limit groups. */
static void limit_moves_fn(const char *group, const char *line, void *arg)
{
	if ((strcmp(group, "line lcl") == 0 || strcmp(group, "line ucl") == 0) &&
	    strncmp(line, "move ", 5) == 0)
		++*(int *)arg;
}

/* Horizontal line segments of the centre and limit groups: how many, and
 * how many span x = at (cross a phase boundary there). */
struct spans {
	double at;
	int n, across;
	double mx;
	bool moved;
};

static void spans_fn(const char *group, const char *line, void *arg)
{
	struct spans *s = arg;
	double x, y;
	if (strncmp(group, "line mean", 9) != 0 && strcmp(group, "line lcl") != 0 &&
	    strcmp(group, "line ucl") != 0)
		return;
	if (sscanf(line, "move %lf %lf", &x, &y) == 2) {
		s->mx = x;
		s->moved = true;
	} else if (s->moved && sscanf(line, "line %lf %lf", &x, &y) == 2) {
		double a = fmin(s->mx, x), b = fmax(s->mx, x);
		s->n++;
		s->across += a < s->at - 0.01 && b > s->at + 0.01;
		s->moved = false;
	}
}

/* Texts of one group kind: positions, sizes and strings. */
struct texts {
	const char *group;          /* exact group name */
	int n;
	double x[16], y[16], size[16];
	char s[16][160];
};

static void texts_fn(const char *group, const char *line, void *arg)
{
	struct texts *t = arg;
	if (strcmp(group, t->group) != 0 || t->n >= 16)
		return;
	if (text_of(line, &t->x[t->n], &t->y[t->n], &t->size[t->n], t->s[t->n], sizeof t->s[0]))
		t->n++;
}

/* True if some text of t equals s. */
static bool has_text(const struct texts *t, const char *s)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->s[i], s) == 0)
			return true;
	return false;
}

/* The y axis labels as numbers (percent signs and separators dropped). */
struct ylab {
	double lo, hi;
	int n;
};

static void ylab_fn(const char *group, const char *line, void *arg)
{
	struct ylab *yl = arg;
	double x, y, size;
	char s[64], digits[64];
	size_t k = 0;
	if (strcmp(group, "ylabels") != 0 || !text_of(line, &x, &y, &size, s, sizeof s))
		return;
	for (const char *p = s; *p && k < sizeof digits - 1; p++)
		if ((*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
			digits[k++] = *p;
	digits[k] = '\0';
	double v = atof(digits);
	yl->lo = yl->n ? fmin(yl->lo, v) : v;
	yl->hi = yl->n ? fmax(yl->hi, v) : v;
	yl->n++;
}

/* Big-endian 32-bit number at p. */
static long be32(const unsigned char *p)
{
	return (long)p[0] << 24 | (long)p[1] << 16 | (long)p[2] << 8 | (long)p[3];
}

/* Writes buf to DIR/name when DR_CHART_OUT is set. */
static void save(const char *name, const unsigned char *buf, size_t len)
{
	const char *dir = getenv("DR_CHART_OUT");
	if (!dir || !buf)
		return;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(buf, 1, len, f);
		fclose(f);
	}
}

static void test_ticks(void)
{
	struct dr_chart_ticks t;
	dr_chart_ticks(0, 0.237, 5, &t);
	tap_num(t.step, 0.05, 1e-12, "ticks 0..0.237: step 0.05");
	tap_num(t.lo, 0, 1e-12, "ticks 0..0.237: from 0");
	tap_num(t.hi, 0.25, 1e-12, "ticks 0..0.237: to 0.25");
	tap_int(t.n, 6, "ticks 0..0.237: 6 ticks");
	tap_num(dr_chart_tick(&t, 3), 0.15, 1e-12, "ticks 0..0.237: 4th is 0.15");

	dr_chart_ticks(0, 1234, 5, &t);
	tap_num(t.step, 200, 1e-9, "ticks 0..1234: step 200");
	tap_num(t.hi, 1400, 1e-9, "ticks 0..1234: to 1400");
	tap_int(t.n, 8, "ticks 0..1234: 8 ticks");

	dr_chart_ticks(-3.7, 12.2, 5, &t);
	tap_num(t.step, 5, 1e-9, "ticks -3.7..12.2: step 5");
	tap_num(t.lo, -5, 1e-9, "ticks -3.7..12.2: from -5");
	tap_num(t.hi, 15, 1e-9, "ticks -3.7..12.2: to 15");

	dr_chart_ticks(0.0712, 0.1683, 6, &t);
	tap_num(t.step, 0.02, 1e-12, "ticks 0.0712..0.1683: step 0.02");
	tap_num(t.lo, 0.06, 1e-12, "ticks 0.0712..0.1683: from 0.06");
	tap_num(t.hi, 0.18, 1e-12, "ticks 0.0712..0.1683: to 0.18");

	dr_chart_ticks(5, 5, 5, &t);
	tap_ok(t.lo < 5 && t.hi > 5 && t.n >= 3, "ticks flat 5..5 are padded");
	dr_chart_ticks(0, 0, 5, &t);
	tap_ok(t.lo == 0 && t.hi == 1, "ticks 0..0 become 0..1");
	dr_chart_ticks(NAN, NAN, 5, &t);
	tap_ok(t.lo == 0 && t.hi == 1, "ticks NAN become 0..1");
	dr_chart_ticks(0, 1e12, 5, &t);
	tap_num(t.step, 2e11, 1, "ticks 0..1e12: step 2e11");
	tap_int(t.n, 6, "ticks 0..1e12: 6 ticks");
	dr_chart_ticks(-1e308, 1e308, 5, &t);
	tap_ok(isfinite(t.lo) && isfinite(t.hi) && t.n >= 2 && t.n <= 1000,
	       "ticks -1e308..1e308 stay finite");
	dr_chart_ticks(1, 2, 1000, &t);
	tap_ok(t.n <= 21, "ticks: a silly count is capped");
}

static void test_formats(void)
{
	char b[64];
	dr_chart_format_value(DR_UNIT_COUNT, 1234, -1, b, sizeof b);
	tap_str(b, "1,234", "count 1234");
	dr_chart_format_value(DR_UNIT_COUNT, 1234567.4, -1, b, sizeof b);
	tap_str(b, "1,234,567", "count 1234567.4");
	dr_chart_format_value(DR_UNIT_COUNT, -1234, -1, b, sizeof b);
	tap_str(b, "-1,234", "count -1234");
	dr_chart_format_value(DR_UNIT_COUNT, 999, -1, b, sizeof b);
	tap_str(b, "999", "count 999 has no separator");
	dr_chart_format_value(DR_UNIT_PERCENT, 0.1234, -1, b, sizeof b);
	tap_str(b, "12.3%", "percent 0.1234");
	dr_chart_format_value(DR_UNIT_PERCENT, 0.08, 0, b, sizeof b);
	tap_str(b, "8%", "percent 0.08, 0 decimals");
	dr_chart_format_value(DR_UNIT_PERCENT, -0.0001, 1, b, sizeof b);
	tap_str(b, "0.0%", "percent -0.0001 has no minus sign");
	dr_chart_format_value(DR_UNIT_CURRENCY, 12300, -1, b, sizeof b);
	tap_str(b, "$12,300", "currency 12300");
	dr_chart_format_value(DR_UNIT_CURRENCY, -1200, -1, b, sizeof b);
	tap_str(b, "-$1,200", "currency -1200");
	dr_chart_format_value(DR_UNIT_DAYS, 4.5, -1, b, sizeof b);
	tap_str(b, "4.5", "days 4.5");
	dr_chart_format_value(DR_UNIT_NUMBER, 1.853, -1, b, sizeof b);
	tap_str(b, "1.85", "number 1.853");
	dr_chart_format_value(DR_UNIT_NUMBER, 1234.5, 1, b, sizeof b);
	tap_str(b, "1,234.5", "number 1234.5, 1 decimal");
	dr_chart_format_value(DR_UNIT_COUNT, NAN, -1, b, sizeof b);
	tap_str(b, "\u2013", "NAN prints as an en dash");
	dr_chart_format_value(DR_UNIT_COUNT, 1e300, -1, b, sizeof b);
	tap_ok(strlen(b) > 0 && strlen(b) < 20, "1e300 prints short");
	dr_chart_format_value(DR_UNIT_COUNT, 1234567, -1, b, 4);
	tap_int((long)strlen(b), 3, "a small buffer is cut, not overrun");

	struct dr_chart_ticks t;
	dr_chart_ticks(0, 0.237, 5, &t);
	dr_chart_format_tick(DR_UNIT_PERCENT, dr_chart_tick(&t, 1), &t, b, sizeof b);
	tap_str(b, "5%", "tick 0.05 on a 5% axis");
	dr_chart_ticks(0, 0.0237, 5, &t);
	dr_chart_format_tick(DR_UNIT_PERCENT, dr_chart_tick(&t, 1), &t, b, sizeof b);
	tap_str(b, "0.5%", "tick 0.005 on a 0.5% axis");
	dr_chart_ticks(0, 2.5e6, 5, &t);
	dr_chart_format_tick(DR_UNIT_COUNT, 1.5e6, &t, b, sizeof b);
	tap_str(b, "1.5M", "tick 1.5e6 shortened");
	dr_chart_format_tick(DR_UNIT_COUNT, 0, &t, b, sizeof b);
	tap_str(b, "0", "zero on a shortened axis is 0, not 0.0");
	dr_chart_ticks(0, 4e9, 4, &t);
	dr_chart_format_tick(DR_UNIT_CURRENCY, 2e9, &t, b, sizeof b);
	tap_str(b, "$2B", "currency tick 2e9 shortened");
	dr_chart_ticks(0, 1234, 5, &t);
	dr_chart_format_tick(DR_UNIT_COUNT, 1200, &t, b, sizeof b);
	tap_str(b, "1,200", "tick 1200 keeps its separator");
	tap_int(dr_chart_decimals(DR_UNIT_PERCENT, 0.05), 0, "decimals for a 5% step");
	tap_int(dr_chart_decimals(DR_UNIT_NUMBER, 0.2), 1, "decimals for a 0.2 step");
}

static void test_months(void)
{
	char b[16];
	dr_chart_month_label(dr_month_make(2025, 10), DR_PERIOD_MONTH, false, b, sizeof b);
	tap_str(b, "Oct", "month Oct");
	dr_chart_month_label(dr_month_make(2025, 10), DR_PERIOD_MONTH, true, b, sizeof b);
	tap_str(b, "Oct 25", "month Oct 25 with year");
	dr_chart_month_label(dr_month_make(2026, 1), DR_PERIOD_MONTH, true, b, sizeof b);
	tap_str(b, "Jan 26", "month Jan 26");
	dr_chart_month_label(dr_month_make(2026, 7), DR_PERIOD_QUARTER, false, b, sizeof b);
	tap_str(b, "Q3 26", "quarter Q3 26");
	dr_chart_month_label(dr_month_make(2000, 1), DR_PERIOD_MONTH, true, b, sizeof b);
	tap_str(b, "Jan 00", "month Jan 00");
	dr_chart_month_label(-5, DR_PERIOD_MONTH, true, b, sizeof b);
	tap_ok(strlen(b) >= 3, "a negative month does not crash");
}

static void test_clean(void)
{
	char b[64];
	dr_fonts_clean_utf8("Jos\xc3\xa9 \xe2\x80\x93 \xce\xa9", b, sizeof b);
	tap_str(b, "Jos\xc3\xa9 \xe2\x80\x93 \xce\xa9", "clean keeps valid BMP text");
	dr_fonts_clean_utf8("bad\xc3(x", b, sizeof b);
	tap_str(b, "bad\xef\xbf\xbd(x", "clean replaces a broken sequence");
	dr_fonts_clean_utf8("a\xf0\x9f\x98\x80" "b", b, sizeof b);
	tap_str(b, "a\xef\xbf\xbd" "b", "clean replaces an emoji (beyond the BMP)");
	dr_fonts_clean_utf8("a\tb\nc", b, sizeof b);
	tap_str(b, "a b c", "clean turns controls into spaces");
	dr_fonts_clean_utf8("\xc3\xa9\xc3\xa9", b, 4);
	tap_str(b, "\xc3\xa9", "clean cuts at a character boundary");
}

static void test_trace(void)
{
	struct dr_chart c = sample_chart();
	char *t = ct_trace(&c, 800, 450);
	int values = 0, hollow = 0;
	for (int i = 0; i < NSAMPLE; i++) {
		values += isfinite(sample_pt[i].y);
		hollow += isfinite(sample_pt[i].y) && sample_pt[i].hollow;
	}
	tap_int(tu_count_lines(t, "!!"), 0, "trace: no render.h state breaches");
	tap_int(tu_count_lines(t, "group marker "), values, "trace: one marker per value");
	/* Typed improvement in the input, drawn grey: still closing, never judged. */
	tap_int(tu_count_lines(t, "group marker none hollow"), hollow,
	        "trace: provisional points are hollow markers, untyped");
	tap_int(tu_count_lines(t, "group marker concern"), 1, "trace: the concern marker");
	tap_ok(strstr(t, "\"UCL 14.2%\"") != NULL, "trace: UCL label at the right edge");
	tap_ok(strstr(t, "\"LCL 6.0%\"") != NULL, "trace: LCL label");
	tap_ok(strstr(t, "\"Mean 10.1%\"") != NULL, "trace: Mean label");
	tap_ok(strstr(t, "\"Target 8%\"") != NULL, "trace: Target label");
	tap_ok(strstr(t, "bold left \"Initial denial rate\"") != NULL, "trace: bold title");
	/* 24 months at 800 pt: every other month, counted back from Oct 26,
	 * with the year on the first label and where the year changes. */
	tap_ok(strstr(t, "\"Dec 24\"") != NULL, "trace: first month label has the year");
	tap_ok(strstr(t, "\"Feb 26\"") != NULL, "trace: the year again when it changes");
	tap_ok(strstr(t, "\"Oct\"\n") != NULL && strstr(t, "\"Nov\"") == NULL,
	       "trace: thinned, and the latest month is labelled");
	tap_ok(strstr(t, "dash dotted") != NULL && strstr(t, "dash dashed") != NULL,
	       "trace: dotted target and dashed limits");
	tap_ok(strstr(t, "\"Aug: special cause \u2013 improvement\"") != NULL,
	       "trace: variation status, naming the month judged (later ones have no value)");
	tap_ok(strstr(t, "group legend") != NULL, "trace: legend at 800 x 450");
	/* Two phases: the UCL is two runs, so two move/line pairs. */
	const char *u = strstr(t, "group line ucl\n");
	const char *m = u ? strstr(u, "group line mean\n") : NULL;
	int moves = 0;
	for (const char *p = u; p && p < m && (p = strstr(p, "\nmove ")) && p < m; p++)
		moves++;
	tap_int(moves, 2, "trace: limits step at the phase boundary");
	free(t);

	/* The same chart in a narrow PDF-sized box thins the x labels. */
	t = ct_trace(&c, 260, 200);
	tap_int(tu_count_lines(t, "!!"), 0, "trace narrow: no breaches");
	tap_ok(strstr(t, "\"Dec\"") == NULL || strstr(t, "\"Nov\"") == NULL,
	       "trace narrow: month labels thinned");
	free(t);

	struct dr_chart q = quarter_chart();
	t = ct_trace(&q, 520, 260);
	tap_ok(strstr(t, "\"Q1 25\"") != NULL, "trace quarters: Q1 25");
	tap_ok(strstr(t, "\"0%\"") != NULL && strstr(t, "\"-") == NULL,
	       "trace quarters: a negative LCL does not take the axis below 0%");
	tap_ok(strstr(t, "\"LCL") == NULL, "trace quarters: the clipped LCL has no label");
	tap_int(tu_count_lines(t, "group marker neutral-high"), 1, "trace quarters: neutral marker");
	free(t);

	struct dr_chart k = count_chart();
	t = ct_trace(&k, 800, 450);
	tap_ok(strstr(t, "\"Oct 25\"") && strstr(t, "\"Nov\"") && strstr(t, "\"Dec\"") &&
	       strstr(t, "\"Jan 26\"") && strstr(t, "\"Oct\""),
	       "trace 13 months: Oct 25, Nov, Dec, Jan 26, ..., Oct");
	free(t);
	for (int i = 0; i < 13; i++)
		count_pt[i].lcl = -50;
	t = ct_trace(&k, 800, 450);
	tap_ok(strstr(t, "\"0\"") != NULL && strstr(t, "\"-") == NULL,
	       "trace counts: axis clamped at 0 despite a negative LCL");
	tap_ok(strstr(t, "\"LCL") == NULL, "trace counts: no label for an LCL below the axis");
	free(t);
}

#define NFEAT 20
static struct dr_chart_point feat_pt[NFEAT];
static struct dr_chart_annotation feat_ann[5];

/*
 * 20 months of a "higher is better" score in two phases: the same centre
 * in both (so only the phase breaks the line), other limits, one
 * improvement; four annotations on the axis (two in adjacent months, a
 * rebase where phase 2 starts, a 40-character label) and one before it;
 * icons, a runs signal and trial limits.
 */
static struct dr_chart feature_chart(void)
{
	for (int i = 0; i < NFEAT; i++) {
		bool two = i >= 10;
		feat_pt[i] = (struct dr_chart_point){
			.month = dr_month_make(2025, 3) + i,
			.y = 10 + ((i * 7) % 5 - 2) * 0.6 + (two ? 0.2 : 0),
			.cl = 10, .lcl = two ? 8.5 : 7, .ucl = two ? 11.5 : 13,
			.type = DR_POINT_COMMON, .phase = two ? 2 : 1,
		};
	}
	feat_pt[15].y = 12.4;
	feat_pt[15].type = DR_POINT_IMPROVEMENT;
	feat_ann[0] = (struct dr_chart_annotation){ dr_month_make(2024, 12), "Too early", false };
	feat_ann[1] = (struct dr_chart_annotation){ feat_pt[4].month, "EHR go-live", false };
	feat_ann[2] = (struct dr_chart_annotation){ feat_pt[5].month, "Staff survey", false };
	feat_ann[3] = (struct dr_chart_annotation){ feat_pt[10].month, "New rota", true };
	feat_ann[4] = (struct dr_chart_annotation){ feat_pt[17].month,
	                                            "A forty-character annotation label here!", false };
	return (struct dr_chart){
		.title = "Handoff completion score",
		.subtitle = "Mean score of audited handoffs",
		.footnote = "XmR chart (qicharts2 rules).",
		.unit = DR_UNIT_NUMBER,
		.better = 1,
		.n = NFEAT,
		.pt = feat_pt,
		.ann = feat_ann,
		.nann = 5,
		.icons = true,
		.variation = DR_POINT_IMPROVEMENT,
		.assurance = DR_ASSURE_PASS,
		.runs_signal = true,
		.trial_limits = true,
	};
}

/* The left edge of the first circle after the line "group NAME". */
static double icon_left(const char *t, const char *name)
{
	char g[128];
	double x, y, r;
	snprintf(g, sizeof g, "group %s\n", name);
	const char *p = strstr(t, g);
	p = p ? strstr(p, "\ncircle ") : NULL;
	if (!p || sscanf(p, "\ncircle %lf %lf %lf", &x, &y, &r) != 3)
		return NAN;
	return x - r;
}

/* The right end of the first text of group NAME (trace width estimate). */
static double text_right(const char *t, const char *name, bool bold)
{
	struct texts tx = { .group = name };
	each_line(t, texts_fn, &tx);
	if (tx.n < 1)
		return NAN;
	return tx.x[0] + nchars(tx.s[0]) * tx.size[0] * (bold ? 0.6 : 0.55);
}

static void test_icons_on_chart(void)
{
	struct dr_chart c = feature_chart();
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "icons: no breaches");
	tap_int(tu_count_lines(t, "group icon variation improvement-high"), 1,
	        "icons: variation icon (improvement, higher is better)");
	tap_int(tu_count_lines(t, "group icon assurance pass"), 1, "icons: assurance icon");
	double iv = icon_left(t, "icon variation improvement-high");
	double ia = icon_left(t, "icon assurance pass");
	tap_ok(iv < ia && ia < 800, "icons: variation left of assurance, inside the box");
	tap_ok(text_right(t, "title", true) <= iv, "icons: the title stops before the icons");
	struct texts st = { .group = "status" };
	each_line(t, texts_fn, &st);
	tap_ok(st.n == 1 && strcmp(st.s[0], "Special cause \u2013 improvement") == 0 && st.x[0] <= iv,
	       "icons: status words agree with the icon, right-aligned before it");
	free(t);

	/* A long title is cut before the icons, in a packet-sized box too. */
	char title[200];
	memset(title, 'W', sizeof title - 1);
	title[sizeof title - 1] = '\0';
	c.title = title;
	for (int b = 0; b < 2; b++) {
		t = ct_trace(&c, b ? 520 : 800, b ? 260 : 450);
		iv = icon_left(t, "icon variation improvement-high");
		tap_ok(tu_count_lines(t, "!!") == 0 && strstr(t, "\u2026\"") &&
		       text_right(t, "title", true) <= iv + 0.01,
		       b ? "icons 520 x 260: a long title is cut before the icons"
		         : "icons 800 x 450: a long title is cut before the icons");
		free(t);
	}
	c = feature_chart();
	c.icons = false;
	t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "group icon "), 0, "icons off: none drawn");
	free(t);
	c.icons = true;
	c.variation = DR_POINT_NONE;
	c.assurance = DR_ASSURE_NONE;
	t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "group icon "), 0, "icons on, nothing to show: none drawn");
	free(t);
	c.variation = DR_POINT_CONCERN;
	c.better = -1;
	t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "group icon variation concern-high"), 1,
	        "icons: concern when lower is better is high");
	free(t);
	/* Too narrow for icons: left out, the title keeps the line. */
	c = feature_chart();
	t = ct_trace(&c, 60, 40);
	tap_int(tu_count_lines(t, "!!"), 0, "icons in a 60 x 40 box: no breaches");
	free(t);
}

static void test_phases(void)
{
	struct dr_chart c = feature_chart();
	char *t = ct_trace(&c, 800, 450);
	struct marks m = { .n = 0 };
	each_line(t, marks_fn, &m);
	tap_int(m.n, NFEAT, "phases: one marker per point");
	double bx = m.n == NFEAT ? (m.x[9] + m.x[10]) / 2 : 0;
	struct spans sp = { .at = bx };
	each_line(t, spans_fn, &sp);
	tap_int(sp.across, 0, "phases: no centre or limit segment spans the phase change");
	tap_int(sp.n, 6, "phases: centre, LCL and UCL are two segments each");
	tap_ok(strstr(t, "group line mean runs-signal\ncolour #ed8b00\n") &&
	       strstr(t, "group line mean runs-signal\ncolour #ed8b00\nwidth") &&
	       strstr(strstr(t, "group line mean runs-signal"), "dash dashed"),
	       "runs signal: the latest centre is dashed orange");
	struct texts el = { .group = "edge labels" };
	each_line(t, texts_fn, &el);
	tap_ok(has_text(&el, "UCL 11.5") && has_text(&el, "LCL 8.5") && has_text(&el, "Mean 10.0"),
	       "phases: the right-edge labels are the last phase's");
	free(t);

	/* A last phase without limits has no limit labels, whatever came before. */
	for (int i = 10; i < NFEAT; i++)
		feat_pt[i].lcl = feat_pt[i].ucl = NAN;
	t = ct_trace(&c, 800, 450);
	tap_ok(strstr(t, "\"UCL") == NULL && strstr(t, "\"LCL") == NULL && strstr(t, "\"Mean 10.0\""),
	       "phases: no limit labels when the last phase has no limits");
	free(t);
}

/* True when no two texts of tx on the same baseline overlap (trace widths). */
static bool no_overlap(const struct texts *tx)
{
	for (int i = 0; i < tx->n; i++)
		for (int j = i + 1; j < tx->n; j++) {
			if (fabs(tx->y[i] - tx->y[j]) > 0.01)
				continue;
			double ai = tx->x[i], bi = ai + nchars(tx->s[i]) * tx->size[i] * 0.55;
			double aj = tx->x[j], bj = aj + nchars(tx->s[j]) * tx->size[j] * 0.55;
			if (ai < bj && aj < bi)
				return false;
		}
	return true;
}

static void test_annotations(void)
{
	struct dr_chart c = feature_chart();
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "group annotation\n"), 3, "annotations: three dashed markers on the axis");
	tap_int(tu_count_lines(t, "group annotation rebase"), 1, "annotations: one rebase marker");
	const char *pm = strstr(t, "group annotation\ncolour #768692\nwidth ");
	pm = pm ? strchr(pm + 35, '\n') : NULL;
	tap_ok(pm && strncmp(pm, "\ndash dashed\n", 13) == 0, "annotations: a plain marker is dashed");
	const char *rb = strstr(t, "group annotation rebase\n");
	double x, y0, y1, bx = 0;
	tap_ok(rb && strstr(rb, "dash solid\nmove ") == strstr(rb, "dash solid"),
	       "annotations: the rebase marker is solid");
	struct marks m = { .n = 0 };
	each_line(t, marks_fn, &m);
	if (m.n == NFEAT)
		bx = (m.x[9] + m.x[10]) / 2;
	const char *mv = rb ? strstr(rb, "\nmove ") : NULL;
	tap_ok(mv && sscanf(mv, "\nmove %lf %lf", &x, &y0) == 2 && fabs(x - bx) < 0.01,
	       "annotations: the rebase marker stands where phase 2 starts");
	struct texts lab = { .group = "annotation labels" };
	each_line(t, texts_fn, &lab);
	tap_int(lab.n, 4, "annotations: four labels");
	tap_ok(has_text(&lab, "EHR go-live") && has_text(&lab, "Staff survey") &&
	       has_text(&lab, "New rota") && has_text(&lab, "A forty-character annotation label here!"),
	       "annotations: the labels read as given at 800 x 450");
	tap_ok(!strstr(t, "Too early"), "annotations: one before the axis is left out");
	tap_ok(no_overlap(&lab), "annotations: labels do not overlap");
	double ye = 0, ys = 0;
	for (int i = 0; i < lab.n; i++) {
		if (strcmp(lab.s[i], "EHR go-live") == 0)
			ye = lab.y[i];
		if (strcmp(lab.s[i], "Staff survey") == 0)
			ys = lab.y[i];
	}
	tap_ok(ye != ys, "annotations: labels of adjacent months are staggered");
	/* Labels sit above the plot: the top grid line is below every baseline. */
	const char *g = strstr(t, "group grid\n");
	g = g ? strstr(g, "\nmove ") : NULL;
	double top = 1e9;
	for (const char *p = g; p && sscanf(p, "\nmove %lf %lf", &x, &y1) == 2; p = strstr(p + 1, "\nmove ")) {
		top = fmin(top, y1);
		if (strstr(p + 1, "\nstroke") < strstr(p + 1, "\nmove "))
			break;
	}
	bool above = lab.n > 0;
	for (int i = 0; i < lab.n; i++)
		above &= lab.y[i] < top;
	tap_ok(above, "annotations: labels above the plot area");
	free(t);

	/* A packet-sized box: the long label is cut with an ellipsis. */
	t = ct_trace(&c, 520, 260);
	struct texts small = { .group = "annotation labels" };
	each_line(t, texts_fn, &small);
	bool cut = false;
	for (int i = 0; i < small.n; i++)
		cut |= strncmp(small.s[i], "A forty", 7) == 0 && strstr(small.s[i], "\u2026");
	tap_ok(tu_count_lines(t, "!!") == 0 && cut && no_overlap(&small),
	       "annotations 520 x 260: a long label is cut with an ellipsis, none overlap");
	free(t);

	/* Many annotations in one month: no breaches, labels never overlap. */
	struct dr_chart_annotation many[50];
	for (int i = 0; i < 50; i++)
		many[i] = (struct dr_chart_annotation){ feat_pt[3].month, "Crowded", i % 2 };
	c.ann = many;
	c.nann = 50;
	t = ct_trace(&c, 800, 450);
	struct texts crowd = { .group = "annotation labels" };
	each_line(t, texts_fn, &crowd);
	tap_ok(tu_count_lines(t, "!!") == 0 && tu_count_lines(t, "end") == 1 && no_overlap(&crowd),
	       "annotations: 50 in one month are drawn without overlaps");
	free(t);
}

static void test_legend_kinds(void)
{
	struct dr_chart c = feature_chart();
	char *t = ct_trace(&c, 800, 450);
	struct texts lg = { .group = "legend" };
	each_line(t, texts_fn, &lg);
	tap_ok(has_text(&lg, "Improvement") && !has_text(&lg, "Concern") &&
	       !has_text(&lg, "Special cause") && !has_text(&lg, "Still closing (provisional)"),
	       "legend: only the marker kinds present (improvement)");
	tap_ok(has_text(&lg, "Mean \u2013 runs signal") && has_text(&lg, "Mean"),
	       "legend: the runs signal, and the earlier phase's mean");
	tap_ok(has_text(&lg, "trial limits (\u2264 12 points)"), "legend: trial limits note");
	free(t);

	c.runs_signal = c.trial_limits = false;
	feat_pt[15].type = DR_POINT_COMMON;
	t = ct_trace(&c, 800, 450);
	struct texts plain = { .group = "legend" };
	each_line(t, texts_fn, &plain);
	tap_ok(!has_text(&plain, "Improvement") && !has_text(&plain, "Concern") &&
	       !has_text(&plain, "trial limits (\u2264 12 points)") &&
	       !has_text(&plain, "Mean \u2013 runs signal") && has_text(&plain, "Process limits"),
	       "legend: common cause only lists no special-cause markers");
	free(t);

	struct dr_chart s = sample_chart();
	t = ct_trace(&s, 800, 450);
	struct texts both = { .group = "legend" };
	each_line(t, texts_fn, &both);
	tap_ok(has_text(&both, "Improvement") && has_text(&both, "Concern") &&
	       has_text(&both, "Still closing (provisional)"),
	       "legend: improvement, concern and provisional present");
	free(t);
}

/* Colours set in a group: each "colour #rrggbb" line, in order. */
struct colours {
	const char *group;
	char seen[256];
};

static void colours_fn(const char *group, const char *line, void *arg)
{
	struct colours *c = arg;
	if (strcmp(group, c->group) == 0 && strncmp(line, "colour #", 8) == 0 &&
	    strlen(c->seen) + 9 < sizeof c->seen) {
		strncat(c->seen, line + 7, 7);
		strcat(c->seen, " ");
	}
}

/*
 * A provisional point the rules would call special (typed improvement,
 * below the lower limit): drawn as an open grey circle, never blue, with
 * "still closing" beside it and in the legend; the chart's status is about
 * the latest complete point.
 */
static void test_provisional(void)
{
	struct dr_chart_point pt[13];
	for (int i = 0; i < 13; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 10) + i,
		                                 .y = 0.30 + 0.02 * (i % 3), .cl = 0.32, .lcl = 0.20,
		                                 .ucl = 0.44, .type = DR_POINT_COMMON, .phase = 1 };
	pt[12].y = 0.16;
	pt[12].type = DR_POINT_IMPROVEMENT;
	pt[12].hollow = true;
	struct dr_chart c = { .title = "Decisions over 7 days", .unit = DR_UNIT_PERCENT,
	                      .period = DR_PERIOD_MONTH, .better = -1, .n = 13, .pt = pt,
	                      .icons = true, .variation = DR_POINT_COMMON };
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "group marker none hollow"), 1, "provisional: one hollow untyped marker");
	tap_int(tu_count_lines(t, "group marker improvement"), 0, "provisional: no improvement marker");
	struct colours mk = { .group = "marker none hollow" };
	each_line(t, colours_fn, &mk);
	tap_str(mk.seen, "#ffffff #8a8d8f ", "provisional: a white fill, a grey #8a8d8f ring");
	tap_ok(strstr(t, "colour #289de0") == NULL, "provisional: nothing drawn improvement blue");
	struct texts lab = { .group = "provisional label" };
	each_line(t, texts_fn, &lab);
	tap_ok(lab.n == 1 && has_text(&lab, "still closing"), "provisional: \"still closing\" by the point");
	struct colours lc = { .group = "provisional label" };
	each_line(t, colours_fn, &lc);
	tap_str(lc.seen, "#ffffff #768692 ", "provisional: muted words on a white patch");
	struct texts lg = { .group = "legend" };
	each_line(t, texts_fn, &lg);
	tap_ok(has_text(&lg, "Still closing (provisional)") && !has_text(&lg, "Improvement"),
	       "provisional: legend names it, and no improvement");
	struct texts st = { .group = "status" };
	each_line(t, texts_fn, &st);
	tap_ok(has_text(&st, "Sep: common cause"), "provisional: status of the latest complete month, named");
	free(t);

	/* An earlier special cause: the status says it is about the latest month. */
	pt[3].type = DR_POINT_CONCERN;
	t = ct_trace(&c, 800, 450);
	struct texts st2 = { .group = "status" };
	each_line(t, texts_fn, &st2);
	tap_ok(has_text(&st2, "Sep: common cause"),
	       "status: the month judged named beside an earlier mark");
	free(t);
	pt[12].hollow = false;
	pt[12].type = DR_POINT_COMMON;
	pt[12].y = 0.30;
	t = ct_trace(&c, 800, 450);
	struct texts st4 = { .group = "status" };
	each_line(t, texts_fn, &st4);
	tap_ok(has_text(&st4, "Latest month: common cause"),
	       "status: the report month judged, common cause beside an earlier mark");
	free(t);
	pt[12].hollow = true;
	pt[12].y = 0.16;
	c.period = DR_PERIOD_QUARTER;
	t = ct_trace(&c, 800, 450);
	struct texts st3 = { .group = "status" };
	each_line(t, texts_fn, &st3);
	tap_ok(has_text(&st3, "Q3 26: common cause"), "status: a survey names its wave");
	free(t);
}

static void test_axis_clip(void)
{
	/* A share whose limits run past 0% and 100%. */
	struct dr_chart_point pt[8];
	static const double y[8] = { 0.31, 0.09, 0.35, 0.93, 0.27, 0.30, 0.41, 0.96 };
	for (int i = 0; i < 8; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 1) + i, .y = y[i],
		                                 .cl = 0.5, .lcl = -0.2, .ucl = 1.3,
		                                 .type = DR_POINT_COMMON, .phase = 1 };
	struct dr_chart c = { .title = "Share", .unit = DR_UNIT_PERCENT, .n = 8, .pt = pt };
	char *t = ct_trace(&c, 800, 450);
	struct ylab yl = { 0 };
	each_line(t, ylab_fn, &yl);
	tap_ok(yl.n >= 2 && yl.lo == 0 && yl.hi == 100, "percent axis: 0% to 100%, limits clipped");
	tap_ok(strstr(t, "\"UCL") == NULL && strstr(t, "\"LCL") == NULL, "percent axis: no clipped limit labels");
	struct texts lg = { .group = "legend" };
	each_line(t, texts_fn, &lg);
	tap_ok(!has_text(&lg, "Process limits"), "percent axis: no legend entry for limits not drawn");
	int moves = 0;
	each_line(t, limit_moves_fn, &moves);
	tap_int(moves, 0, "percent axis: no limit line outside the plot");
	free(t);
	/* Values below 0 (bad data) still show. */
	pt[1].y = -0.1;
	t = ct_trace(&c, 800, 450);
	yl = (struct ylab){ 0 };
	each_line(t, ylab_fn, &yl);
	tap_ok(yl.lo < 0, "percent axis: a negative value still takes the axis below 0");
	free(t);
	/* Counts: a negative LCL never takes the axis below 0. */
	for (int i = 0; i < 8; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 1) + i, .y = 3 + i % 3,
		                                 .cl = 4, .lcl = -2.5, .ucl = 10.5,
		                                 .type = DR_POINT_COMMON, .phase = 1 };
	c.unit = DR_UNIT_COUNT;
	t = ct_trace(&c, 800, 450);
	yl = (struct ylab){ 0 };
	each_line(t, ylab_fn, &yl);
	tap_ok(yl.lo == 0 && yl.hi >= 10.5, "count axis: from 0, the UCL on it");
	free(t);
}

/* The hostile charts, filled into c[]; returns how many. */
static int hostile(struct dr_chart *c, struct dr_chart_point *pt)
{
	int n = 0;
	c[n++] = (struct dr_chart){ .title = "No points", .n = 0, .pt = NULL };
	for (int i = 0; i < 6; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 1) + i, .y = NAN,
		                                 .cl = NAN, .lcl = NAN, .ucl = NAN };
	c[n++] = (struct dr_chart){ .title = "All missing", .unit = DR_UNIT_PERCENT, .n = 6, .pt = pt };
	pt[6] = (struct dr_chart_point){ .month = dr_month_make(2025, 1), .y = 0.5,
	                                 .cl = NAN, .lcl = NAN, .ucl = NAN, .type = DR_POINT_NONE };
	c[n++] = (struct dr_chart){ .title = "One point", .unit = DR_UNIT_PERCENT, .n = 1, .pt = pt + 6,
	                            .has_target = true, .target = 0.5 };
	for (int i = 0; i < 5; i++)
		pt[7 + i] = (struct dr_chart_point){ .month = dr_month_make(2025, 1) + i,
		                                     .y = 1e12 * (i + 1), .cl = 3e12, .lcl = -1e12,
		                                     .ucl = 7e12, .type = DR_POINT_CONCERN };
	c[n++] = (struct dr_chart){ .title = "Huge", .unit = DR_UNIT_CURRENCY, .better = 1,
	                            .n = 5, .pt = pt + 7 };
	for (int i = 0; i < 5; i++)
		pt[12 + i] = (struct dr_chart_point){ .month = dr_month_make(2025, 1) + i, .y = 7,
		                                      .cl = 7, .lcl = 7, .ucl = 7, .type = DR_POINT_COMMON,
		                                      .hollow = i == 4 };
	c[n++] = (struct dr_chart){
		.title = "A forty-character title for a chart xyz",
		.subtitle = "Flat series: every value is the same, and this subtitle is long enough "
		            "to need wrapping onto a second line and then some more words to be cut",
		.footnote = "\xff\xfe broken UTF-8 \xf0\x9f\x98\x80 and an emoji",
		.unit = DR_UNIT_COUNT, .n = 5, .pt = pt + 12 };
	/* Annotations, icons and notes on each: NULL, empty and 40-character
	 * labels, months far off the axis, all in one month. */
	static const struct dr_chart_annotation ann[] = {
		{ 24300, "A forty-character annotation label here!", true },
		{ 24300, NULL, false },
		{ 24301, "", false },
		{ 24302, "\xff\xfe broken \xf0\x9f\x98\x80 label", false },
		{ INT32_MIN, "Far before", false },
		{ INT32_MAX, "Far after", true },
	};
	for (int i = 0; i < n; i++) {
		c[i].ann = ann;
		c[i].nann = DR_NELEM(ann);
		c[i].icons = true;
		c[i].variation = (enum dr_spc_point_type)(i % 6);
		c[i].assurance = (enum dr_spc_assurance)(i % 4);
		c[i].runs_signal = i % 2;
		c[i].trial_limits = true;
		c[i].better = i % 3 - 1;
	}
	return n;
}

static void test_hostile_traces(void)
{
	struct dr_chart c[8];
	struct dr_chart_point pt[20];
	int n = hostile(c, pt);
	static const double box[][2] = { { 800, 450 }, { 520, 260 }, { 120, 60 }, { 20, 20 } };
	int breaches = 0, ends = 0;
	for (int i = 0; i < n; i++)
		for (size_t b = 0; b < DR_NELEM(box); b++) {
			char *t = ct_trace(&c[i], box[b][0], box[b][1]);
			breaches += tu_count_lines(t, "!!");
			ends += tu_count_lines(t, "end");
			free(t);
		}
	tap_int(breaches, 0, "hostile traces: no breaches, no NAN coordinates");
	tap_int(ends, n * (int)DR_NELEM(box), "hostile traces: all complete");
	char *t = ct_trace(&c[0], 800, 450);
	tap_ok(strstr(t, "No data for this period") != NULL, "n = 0 says there is no data");
	free(t);
	/* An 800-byte title of two-byte characters is cut to valid UTF-8. */
	char title[801], clean[1024];
	for (int i = 0; i < 400; i++)
		memcpy(title + 2 * i, "\xc3\xa9", 2);
	title[800] = '\0';
	struct dr_chart longer = c[2];
	longer.title = title;
	t = ct_trace(&longer, 520, 260);
	char *tl = strstr(t, "group title\ncolour #212b32\ntext ");
	char *q1 = tl ? strchr(tl, '"') : NULL, *q2 = q1 ? strchr(q1 + 1, '"') : NULL;
	if (q2)
		*q2 = '\0';
	dr_fonts_clean_utf8(q1 ? q1 + 1 : "", clean, sizeof clean);
	tap_ok(q1 && strcmp(clean, q1 + 1) == 0 && strstr(q1, "\u2026") && strlen(q1) < 600,
	       "a long UTF-8 title is cut at a character with an ellipsis");
	free(t);
	t = ct_trace(&c[3], 800, 450);
	tap_ok(strstr(t, "\"$6T\"") != NULL || strstr(t, "\"$8T\"") != NULL, "1e12 axis shortened to T");
	free(t);
}

static void test_png(const struct dr_fonts *f)
{
	struct dr_chart c = sample_chart();
	unsigned char *buf;
	size_t len;
	int rc = dr_render_png(&c, f, 1600, 900, &buf, &len);
	tap_int(rc, 0, "png: rendered");
	tap_ok(rc == 0 && len > 33 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	       memcmp(buf + 12, "IHDR", 4) == 0, "png: signature and IHDR");
	tap_int(rc == 0 ? be32(buf + 16) : 0, 1600, "png: 1600 px wide");
	tap_int(rc == 0 ? be32(buf + 20) : 0, 900, "png: 900 px high");
	tap_int(rc == 0 ? buf[25] : 0, 2, "png: colour type 2 (RGB, no alpha)");
	save("chart-denials.png", buf, len);
	free(buf);

	struct dr_chart k = count_chart(), q = quarter_chart();
	rc = dr_render_png(&k, f, 1600, 900, &buf, &len);
	save("chart-visits.png", buf, len);
	free(buf);
	rc |= dr_render_png(&q, f, 1600, 900, &buf, &len);
	save("chart-burnout.png", buf, len);
	free(buf);
	tap_int(rc, 0, "png: count and quarter charts");

	struct dr_chart h[8];
	struct dr_chart_point pt[20];
	int n = hostile(h, pt), bad = 0;
	for (int i = 0; i < n; i++) {
		char name[32];
		bad += dr_render_png(&h[i], f, 1600, 900, &buf, &len) != 0;
		snprintf(name, sizeof name, "chart-hostile-%d.png", i);
		save(name, buf, len);
		free(buf);
		bad += dr_render_png(&h[i], f, 200, 100, &buf, &len) != 0;
		free(buf);
	}
	tap_int(bad, 0, "png: hostile charts render");
	rc = dr_render_png(&c, f, 40000, 900, &buf, &len);
	tap_ok(rc == -1 && buf == NULL && len == 0, "png: 40000 px is refused");

	rc = dr_render_svg(&c, f, 1600, 900, &buf, &len);
	tap_ok(rc == 0 && tu_contains(buf, len, "<svg") && tu_contains(buf, len, "width=\"1600px\""),
	       "svg: rendered with px units");
	save("chart-denials.svg", buf, len);
	free(buf);
}

/* UTF-16BE hex of an ASCII string, as libharu writes CID text. */
static void hex16(const char *s, char *out)
{
	for (; *s; s++, out += 4)
		sprintf(out, "00%02X", (unsigned char)*s);
	*out = '\0';
}

static void test_hpdf(struct dr_fonts *f)
{
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	tap_int(dr_fonts_load_hpdf(f, pdf), 0, "hpdf: fonts embedded");
	HPDF_Page page = HPDF_AddPage(pdf);
	HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
	double pw = HPDF_Page_GetWidth(page), ph = HPDF_Page_GetHeight(page);

	struct dr_chart c = sample_chart(), k = count_chart();
	HPDF_Page_SetRGBFill(page, 0.13, 0.17, 0.2);
	dr_hpdf_text(page, f->hpdf.bold, 18, 40, ph - 50, DR_ALIGN_LEFT, "Oncology \xc2\xb7 October 2026");
	dr_render_hpdf(pdf, page, f, 40, ph / 2 - 30, 520, 260, &c);
	dr_render_hpdf(pdf, page, f, 40, 30, 380, 220, &k);
	struct dr_chart h[8];
	struct dr_chart_point pt[20];
	int n = hostile(h, pt);
	for (int i = 0; i < n; i++)
		dr_render_hpdf(pdf, page, f, 440 + (i % 2) * 190, 30 + (i / 2) * 75, 180, 70, &h[i]);
	(void)pw;

	double w1 = dr_hpdf_text_width(f->hpdf.regular, 18, "Jos\xc3\xa9 M\xc3\xbcller \xe2\x80\x93 \xce\xa9mega");
	tap_num(w1, 182.97, 0.01, "hpdf: text width as measured on Debian 12's libharu");

	HPDF_SaveToStream(pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	unsigned char *buf = malloc(size);
	HPDF_ReadFromStream(pdf, buf, &size);
	char hex[200];
	hex16("Initial denial rate", hex);
	tap_int(ft_hpdf_errors, 0, "hpdf: no libharu errors");
	tap_ok(size > 1000 && !tu_contains(buf, size, "/Subtype /Image") &&
	       !tu_contains(buf, size, "/XObject"), "hpdf: no images, paths only");
	tap_ok(tu_contains(buf, size, hex), "hpdf: the title text is on the page");
	hex16("UCL 14.2%", hex);
	tap_ok(tu_contains(buf, size, hex), "hpdf: the UCL label is on the page");
	tap_ok(tu_contains(buf, size, "[1 2 ] 0 d") && tu_contains(buf, size, "[5 3 ] 0 d"),
	       "hpdf: integer dash patterns");
	save("chart-page.pdf", buf, size);
	free(buf);
	HPDF_Free(pdf);
}

/* --allow-incomplete (issue 16): a draft chart gets a large pale "DRAFT"
 * centred in its box, drawn first so the chart lies over it; a tile (the
 * cover's, whose page carries the mark) and a chart that is no draft get
 * none. */
static void test_draft(void)
{
	struct dr_chart c = sample_chart();
	char *t = ct_trace(&c, 800, 450);
	tap_ok(strstr(t, "DRAFT") == NULL, "draft: none on a chart that is no draft");
	free(t);
	c.draft = true;
	t = ct_trace(&c, 800, 450);
	/* size min(800 / 4.2, 450 / 2.2) = 190.48; baseline 225 + 0.36 size. */
	const char *want = "group draft\ncolour #f2c4c4\n"
	                   "text 400.00 293.57 size 190.48 bold centre \"DRAFT\"\n";
	const char *at = strstr(t, want);
	tap_ok(at != NULL, "draft: pale bold DRAFT centred in the box");
	const char *title = strstr(t, "\"Initial denial rate\"");
	tap_ok(at && title && at < title, "draft: drawn before the title, behind the chart");
	tap_int(tu_count_lines(t, "!!"), 0, "draft: no render.h state breaches");
	free(t);
	c.kind = DR_CHART_TILE;
	t = ct_trace(&c, 200, 120);
	tap_ok(strstr(t, "DRAFT") == NULL, "draft: a tile carries no mark of its own");
	free(t);
}

int main(void)
{
	test_ticks();
	test_draft();
	test_formats();
	test_months();
	test_clean();
	test_trace();
	test_icons_on_chart();
	test_phases();
	test_annotations();
	test_legend_kinds();
	test_provisional();
	test_axis_clip();
	test_hostile_traces();

	struct dr_fonts f;
	bool have_fonts = ft_fonts_open(&f);
	if (have_fonts) {
		tap_ok(strstr(f.regular_path, "DejaVuSans") && strstr(f.bold_path, "Bold"),
		       "fonts: regular and bold files");
		test_png(&f);
		test_hpdf(&f);
	}
	struct dr_fonts g;
	tap_int(dr_fonts_open(&g, "/nonexistent/font.ttf", NULL), -1, "fonts: a bad path is an error");
	dr_fonts_close(&g);
	if (have_fonts) {
		/* Explicit paths, into a document that already speaks UTF-8. */
		char *reg = dr_xstrdup(f.regular_path), *bold = dr_xstrdup(f.bold_path);
		tap_int(dr_fonts_open(&g, reg, bold), 0, "fonts: explicit paths");
		HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		int before = ft_hpdf_errors;
		tap_ok(dr_fonts_load_hpdf(&g, pdf) == 0 && ft_hpdf_errors == before,
		       "fonts: load into a document with UTF-8 already on");
		HPDF_Free(pdf);
		dr_fonts_close(&g);
		free(reg);
		free(bold);
	}

	dr_fonts_close(&f);
	cairo_debug_reset_static_data();
	FcFini();
	return tap_done();
}
