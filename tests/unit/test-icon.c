/*
 * test-icon.c -- the variation and assurance icons of icon.h.
 *
 * Checks, as TAP, on traces (dr_render_trace_calls): each icon names itself
 * ("group icon variation concern-low"), fills its disc in the point type's
 * colour, draws H or L by the direction rules of doc/guide.md's SPC section (improvement
 * high when higher is better, concern the other way round, neutral from
 * the type), a diamond only for concern, P / F / a letterless wave for
 * assurance; every coordinate stays inside the icon's box; NONE, unknown
 * values, a NULL table and silly sizes draw nothing; no render.h state
 * breaches. Then the names and legend words, and the libharu entry points
 * on a real page (no libharu errors, paths only, nothing before the fonts
 * are loaded).
 *
 * Needs DejaVu Sans (fonts-dejavu-core) for the libharu part only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>

#include "dyadreport/chart.h"
#include "dyadreport/font.h"
#include "dyadreport/icon.h"
#include "dyadreport/render.h"
#include "tap.h"
#include "testutil.h"
#include "fonttest.h"

/* What to draw in a trace: one icon in a box. */
struct job {
	bool assurance;
	int what;                   /* point type or assurance */
	int better;
	double x, y, size;
	bool null_table;
};

/* Draws the job's icon (dr_render_trace_calls callback). */
static void draw(const struct dr_render *r, void *arg)
{
	const struct job *j = arg;
	const struct dr_render *use = j->null_table ? NULL : r;
	if (j->assurance)
		dr_icon_draw_assurance(use, j->x, j->y, j->size, (enum dr_spc_assurance)j->what);
	else
		dr_icon_draw_variation(use, j->x, j->y, j->size, (enum dr_spc_point_type)j->what,
		                       j->better);
}

/* The trace of one job as a malloc'd string. */
static char *trace(struct job j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	dr_render_trace_calls(f, 100, 100, draw, &j);
	fclose(f);
	return buf;
}

/* True when every move, line, circle (with its radius) and text position
 * of trace t lies in the box x, y, size (a hair of tolerance). */
static bool inside(const char *t, double x, double y, double size)
{
	double lo_x = x - 0.01, hi_x = x + size + 0.01, lo_y = y - 0.01, hi_y = y + size + 0.01;
	for (const char *p = t; p && *p;) {
		double a, b, c;
		if (sscanf(p, "move %lf %lf", &a, &b) == 2 || sscanf(p, "line %lf %lf", &a, &b) == 2 ||
		    sscanf(p, "text %lf %lf", &a, &b) == 2) {
			if (a < lo_x || a > hi_x || b < lo_y || b > hi_y)
				return false;
		} else if (sscanf(p, "circle %lf %lf %lf", &a, &b, &c) == 3) {
			if (a - c < lo_x || a + c > hi_x || b - c < lo_y || b + c > hi_y)
				return false;
		}
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	return true;
}

/* Every variation icon: name, colour, letter, shape, box. */
static void test_variation(void)
{
	static const struct {
		enum dr_spc_point_type t;
		int better;
		const char *name, *letter;
		bool diamond;
	} v[] = {
		{ DR_POINT_COMMON, 1, "common", NULL, false },
		{ DR_POINT_COMMON, 0, "common", NULL, false },
		{ DR_POINT_IMPROVEMENT, 1, "improvement-high", "\"H\"", false },
		{ DR_POINT_IMPROVEMENT, -1, "improvement-low", "\"L\"", false },
		{ DR_POINT_IMPROVEMENT, 0, "improvement", NULL, false },
		{ DR_POINT_CONCERN, 1, "concern-low", "\"L\"", true },
		{ DR_POINT_CONCERN, -1, "concern-high", "\"H\"", true },
		{ DR_POINT_NEUTRAL_HIGH, 0, "neutral-high", "\"H\"", false },
		{ DR_POINT_NEUTRAL_HIGH, -1, "neutral-high", "\"H\"", false },
		{ DR_POINT_NEUTRAL_LOW, 1, "neutral-low", "\"L\"", false },
	};
	for (size_t i = 0; i < DR_NELEM(v); i++) {
		char name[128], group[96], colour[64];
		char *t = trace((struct job){ .what = v[i].t, .better = v[i].better,
		                              .x = 10, .y = 20, .size = 18 });
		snprintf(group, sizeof group, "group icon variation %s\n", v[i].name);
		snprintf(colour, sizeof colour, "colour #%06x\ncircle 19.00 29.00 9.00\nfill",
		         (unsigned)dr_chart_type_colour(v[i].t));
		snprintf(name, sizeof name, "variation %s (better %d): named, coloured disc",
		         v[i].name, v[i].better);
		tap_ok(strstr(t, group) && strstr(t, colour), name);
		snprintf(name, sizeof name, "variation %s (better %d): %s", v[i].name, v[i].better,
		         v[i].letter ? v[i].letter : "no letter");
		tap_ok(v[i].letter ? strstr(t, v[i].letter) && tu_count_lines(t, "text ") == 1
		                   : tu_count_lines(t, "text ") == 0, name);
		snprintf(name, sizeof name, "variation %s: %s", v[i].name,
		         v[i].diamond ? "diamond points (concern)" : "round points");
		tap_ok((tu_count_lines(t, "close") > 0) == v[i].diamond, name);
		snprintf(name, sizeof name, "variation %s: inside its box, no breaches", v[i].name);
		tap_ok(inside(t, 10, 20, 18) && tu_count_lines(t, "!!") == 0, name);
		snprintf(name, sizeof name, "variation name %s", v[i].name);
		tap_str(dr_icon_variation_name(v[i].t, v[i].better), v[i].name, name);
		free(t);
	}
	/* High and low are mirror images: the last point is above or below. */
	char *h = trace((struct job){ .what = DR_POINT_NEUTRAL_HIGH, .size = 20 });
	char *l = trace((struct job){ .what = DR_POINT_NEUTRAL_LOW, .size = 20 });
	double yh = 0, yl = 0, x;
	for (const char *p = h; (p = strstr(p, "\nline ")); p++)
		if (sscanf(p, "\nline %lf %lf", &x, &yh) != 2)
			break;
	for (const char *p = l; (p = strstr(p, "\nline ")); p++)
		if (sscanf(p, "\nline %lf %lf", &x, &yl) != 2)
			break;
	tap_ok(yh < 10 && yl > 10, "variation: the run ends high for H, low for L");
	free(h);
	free(l);
}

/* The assurance icons. */
static void test_assurance(void)
{
	static const struct {
		enum dr_spc_assurance a;
		const char *name, *letter;
		uint32_t colour;
	} v[] = {
		{ DR_ASSURE_PASS, "pass", "\"P\"", 0x289de0 },
		{ DR_ASSURE_FAIL, "fail", "\"F\"", 0xed8b00 },
		{ DR_ASSURE_HIT_AND_MISS, "hit-and-miss", NULL, 0x8a8d8f },
	};
	for (size_t i = 0; i < DR_NELEM(v); i++) {
		char name[128], want[64];
		char *t = trace((struct job){ .assurance = true, .what = v[i].a, .x = 0, .y = 0, .size = 16 });
		snprintf(want, sizeof want, "group icon assurance %s\n", v[i].name);
		snprintf(name, sizeof name, "assurance %s: named", v[i].name);
		tap_ok(strstr(t, want) != NULL, name);
		snprintf(want, sizeof want, "colour #%06x\n", (unsigned)v[i].colour);
		snprintf(name, sizeof name, "assurance %s: ring colour", v[i].name);
		tap_ok(strstr(t, want) != NULL, name);
		snprintf(name, sizeof name, "assurance %s: %s", v[i].name, v[i].letter ? v[i].letter : "a wave, no letter");
		tap_ok(v[i].letter ? strstr(t, v[i].letter) && tu_count_lines(t, "text ") == 1
		                   : tu_count_lines(t, "text ") == 0 && tu_count_lines(t, "line ") > 10, name);
		snprintf(name, sizeof name, "assurance %s: inside its box, no breaches", v[i].name);
		tap_ok(inside(t, 0, 0, 16) && tu_count_lines(t, "!!") == 0, name);
		snprintf(name, sizeof name, "assurance name %s", v[i].name);
		tap_str(dr_icon_assurance_name(v[i].a), v[i].name, name);
		free(t);
	}
}

/* Nothing drawn for NONE, unknown values, a NULL table or a bad box. */
static void test_nothing(void)
{
	static const struct job jobs[] = {
		{ .what = DR_POINT_NONE, .size = 16 },
		{ .what = 99, .size = 16 },
		{ .what = -1, .size = 16 },
		{ .assurance = true, .what = DR_ASSURE_NONE, .size = 16 },
		{ .assurance = true, .what = 42, .size = 16 },
		{ .what = DR_POINT_COMMON, .size = 0 },
		{ .what = DR_POINT_COMMON, .size = -5 },
		{ .what = DR_POINT_COMMON, .size = NAN },
		{ .what = DR_POINT_COMMON, .size = INFINITY },
		{ .what = DR_POINT_COMMON, .size = 16, .x = NAN },
		{ .assurance = true, .what = DR_ASSURE_PASS, .size = 16, .y = -INFINITY },
		{ .what = DR_POINT_CONCERN, .size = 16, .null_table = true },
		{ .assurance = true, .what = DR_ASSURE_FAIL, .size = 16, .null_table = true },
	};
	int drawn = 0;
	for (size_t i = 0; i < DR_NELEM(jobs); i++) {
		char *t = trace(jobs[i]);
		drawn += strcmp(t, "chart 100.00 100.00\nend\n") != 0;
		free(t);
	}
	tap_int(drawn, 0, "NONE, unknown values, NULL table and bad boxes draw nothing");
	char *t = trace((struct job){ .what = DR_POINT_CONCERN, .better = 1, .size = 0.3 });
	tap_int(tu_count_lines(t, "!!"), 0, "a 0.3 pt icon: no breaches");
	free(t);
	t = trace((struct job){ .what = DR_POINT_IMPROVEMENT, .better = 1, .size = 1e5, .x = -1e5 });
	tap_int(tu_count_lines(t, "!!"), 0, "a huge icon: no breaches");
	free(t);
}

/* Legend words and names. */
static void test_words(void)
{
	tap_str(dr_icon_variation_label(DR_POINT_COMMON, 1), "Common cause variation", "label common");
	tap_str(dr_icon_variation_label(DR_POINT_IMPROVEMENT, 1), "Special cause: improvement (higher)",
	        "label improvement, higher is better");
	tap_str(dr_icon_variation_label(DR_POINT_IMPROVEMENT, -1), "Special cause: improvement (lower)",
	        "label improvement, lower is better");
	tap_str(dr_icon_variation_label(DR_POINT_CONCERN, 1), "Special cause: concern (lower)",
	        "label concern, higher is better");
	tap_str(dr_icon_variation_label(DR_POINT_CONCERN, -1), "Special cause: concern (higher)",
	        "label concern, lower is better");
	tap_str(dr_icon_variation_label(DR_POINT_NEUTRAL_LOW, 0),
	        "Special cause: neither better nor worse (lower)", "label neutral low");
	tap_str(dr_icon_variation_label(DR_POINT_NONE, 1), "", "label none is empty");
	tap_str(dr_icon_variation_label((enum dr_spc_point_type)77, 1), "", "label unknown is empty");
	tap_str(dr_icon_assurance_label(DR_ASSURE_PASS), "Consistently passes the target", "label pass");
	tap_str(dr_icon_assurance_label(DR_ASSURE_FAIL), "Consistently fails the target", "label fail");
	tap_str(dr_icon_assurance_label(DR_ASSURE_HIT_AND_MISS),
	        "Hit and miss: the target lies within the process limits", "label hit and miss");
	tap_str(dr_icon_assurance_label(DR_ASSURE_NONE), "", "label no assurance is empty");
	tap_str(dr_icon_assurance_name((enum dr_spc_assurance)9), "", "name of an unknown assurance");
}

/* The size of a one-page document, with a variation icon drawn on the
 * page first when draw is set (the fonts are never loaded). */
static HPDF_UINT32 bare_size(struct dr_fonts *f, bool draw)
{
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	HPDF_Page page = HPDF_AddPage(pdf);
	if (draw)
		dr_render_hpdf_variation_icon(pdf, page, f, 10, 10, 16, DR_POINT_CONCERN, 1);
	HPDF_SaveToStream(pdf);
	HPDF_UINT32 n = HPDF_GetStreamSize(pdf);
	HPDF_Free(pdf);
	return n;
}

static void test_hpdf(struct dr_fonts *f)
{
	HPDF_UINT32 before = bare_size(f, false);
	tap_int((long)bare_size(f, true), (long)before, "hpdf icon: nothing before the fonts are loaded");
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	HPDF_Page page = HPDF_AddPage(pdf);
	tap_int(dr_fonts_load_hpdf(f, pdf), 0, "hpdf icon: fonts embedded");
	double x = 20;
	for (int t = DR_POINT_NONE; t <= DR_POINT_NEUTRAL_LOW; t++)
		for (int b = -1; b <= 1; b++, x += 18)
			dr_render_hpdf_variation_icon(pdf, page, f, x, 700, 16, (enum dr_spc_point_type)t, b);
	x = 20;
	for (int a = DR_ASSURE_NONE; a <= DR_ASSURE_HIT_AND_MISS; a++, x += 22)
		dr_render_hpdf_assurance_icon(pdf, page, f, x, 670, 20, (enum dr_spc_assurance)a);
	dr_render_hpdf_assurance_icon(pdf, page, f, 10, 10, NAN, DR_ASSURE_PASS);
	dr_render_hpdf_variation_icon(NULL, page, f, 10, 10, 16, DR_POINT_COMMON, 0);
	/* Inside an open path nothing is drawn and nothing breaks. */
	HPDF_Page_MoveTo(page, 1, 1);
	dr_render_hpdf_assurance_icon(pdf, page, f, 10, 10, 16, DR_ASSURE_FAIL);
	HPDF_Page_EndPath(page);
	HPDF_Page_SetRGBFill(page, 0, 0, 0);
	HPDF_Page_Rectangle(page, 0, 0, 1, 1);
	HPDF_Page_Fill(page);

	HPDF_SaveToStream(pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	unsigned char *buf = malloc(size);
	HPDF_ReadFromStream(pdf, buf, &size);
	tap_int(ft_hpdf_errors, 0, "hpdf icon: no libharu errors");
	tap_ok(size > 2000 && !tu_contains(buf, size, "/Subtype /Image") &&
	       !tu_contains(buf, size, "/XObject"), "hpdf icon: paths only, no images");
	tap_ok(tu_contains(buf, size, "<0048>") && tu_contains(buf, size, "<004C>") &&
	       tu_contains(buf, size, "<0050>") && tu_contains(buf, size, "<0046>"),
	       "hpdf icon: the letters H, L, P and F are on the page");
	const char *dir = getenv("DR_CHART_OUT");
	if (dir) {
		char path[1024];
		snprintf(path, sizeof path, "%s/icons.pdf", dir);
		FILE *out = fopen(path, "wb");
		if (out) {
			fwrite(buf, 1, size, out);
			fclose(out);
		}
	}
	free(buf);
	HPDF_Free(pdf);
}

int main(void)
{
	test_variation();
	test_assurance();
	test_nothing();
	test_words();

	struct dr_fonts f;
	if (ft_fonts_open(&f))
		test_hpdf(&f);
	dr_fonts_close(&f);
	cairo_debug_reset_static_data();
	FcFini();
	return tap_done();
}
