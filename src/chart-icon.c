/*
 * chart-icon.c -- the variation and assurance icons on any render.h backend.
 *
 * Input:  a struct dr_render, the icon's box (top-left x, y and its size in
 *         points, y-down) and what to show: a point type with the metric's
 *         better direction, or an assurance.
 * Output: drawing calls only, inside the box, named by r->group
 *         ("icon variation concern-low", "icon assurance pass"). The same
 *         calls serve the charts' title line (chart-draw.c) and the PDF
 *         packet's tables (dr_render_hpdf_variation_icon in render-hpdf.c).
 * Design: every shape is laid out on a unit disc (radius 1, y-down) and
 *         scaled, so the icon is one drawing at every size; line widths
 *         have a floor of 0.5 pt so a 12 pt icon stays crisp. Variation
 *         icons are filled discs in the point type's colour with a white
 *         run chart; assurance icons are white discs with a thick ring and
 *         a target line, so the two families differ in shape as well as in
 *         content (see icon.h for each icon).
 * Colours: dr_chart_type_colour (improvement blue, concern orange, neutral
 *         purple, common grey), so icons, markers and table words agree;
 *         pass is improvement blue, fail concern orange.
 * Never:  allocates, keeps state, or draws NAN coordinates: NONE, unknown
 *         values and a non-finite or non-positive size draw nothing.
 *         Tests: test-icon.c (traces), test-chart.c (icons on charts).
 */
#include <math.h>
#include <stdio.h>

#include "dyadreport/chart.h"
#include "dyadreport/icon.h"
#include "dyadreport/render.h"

#define C_WHITE 0xffffffu

/* One icon being drawn: the render table and the unit disc's placement. */
struct icon {
	const struct dr_render *r;
	double cx, cy, rad;         /* centre and radius in points */
};

/* Direction of a special cause on the icon. */
enum dir { DIR_NONE, DIR_HIGH, DIR_LOW };

/* The x, y of unit-disc coordinates u, v. */
static double ux(const struct icon *I, double u) { return I->cx + u * I->rad; }
static double uy(const struct icon *I, double v) { return I->cy + v * I->rad; }

/* Sets a solid pen of width w (unit-disc units, at least 0.5 pt). */
static void pen(const struct icon *I, uint32_t rgb, double w)
{
	I->r->colour(I->r->ctx, rgb);
	I->r->line_width(I->r->ctx, fmax(w * I->rad, 0.5));
	I->r->dash(I->r->ctx, DR_DASH_SOLID);
}

/* Fills a circle of radius rr at u, v in the current colour. */
static void dot(const struct icon *I, double u, double v, double rr)
{
	I->r->circle(I->r->ctx, ux(I, u), uy(I, v), rr * I->rad);
	I->r->fill(I->r->ctx);
}

/* Fills a diamond of half-diagonal d at u, v in the current colour. */
static void diamond(const struct icon *I, double u, double v, double d)
{
	I->r->move_to(I->r->ctx, ux(I, u), uy(I, v - d));
	I->r->line_to(I->r->ctx, ux(I, u + d), uy(I, v));
	I->r->line_to(I->r->ctx, ux(I, u), uy(I, v + d));
	I->r->line_to(I->r->ctx, ux(I, u - d), uy(I, v));
	I->r->close(I->r->ctx);
	I->r->fill(I->r->ctx);
}

/* Strokes the polyline through n unit-disc points. */
static void polyline(const struct icon *I, const double (*p)[2], int n)
{
	for (int i = 0; i < n; i++) {
		if (i == 0)
			I->r->move_to(I->r->ctx, ux(I, p[i][0]), uy(I, p[i][1]));
		else
			I->r->line_to(I->r->ctx, ux(I, p[i][0]), uy(I, p[i][1]));
	}
	I->r->stroke(I->r->ctx);
}

/* Draws a bold capital centred on u, v (cap height about 0.73 em). */
static void letter(const struct icon *I, uint32_t rgb, double u, double v, double em,
                   const char *s)
{
	double size = em * I->rad;
	I->r->colour(I->r->ctx, rgb);
	I->r->text(I->r->ctx, ux(I, u), uy(I, v) + size * 0.365, size, true, DR_ALIGN_CENTER, s);
}

/* Names the icon for backends that care. */
static void name(const struct dr_render *r, const char *family, const char *what)
{
	char buf[64];
	if (!r->group)
		return;
	snprintf(buf, sizeof buf, "icon %s %s", family, what);
	r->group(r->ctx, buf);
}

/* Sets up I for the box, or returns false when nothing can be drawn. */
static bool place(struct icon *I, const struct dr_render *r, double x, double y, double size)
{
	if (!r || !isfinite(x) || !isfinite(y) || !isfinite(size) || size <= 0 || size > 1e6)
		return false;
	*I = (struct icon){ .r = r, .cx = x + size / 2, .cy = y + size / 2, .rad = size / 2 };
	return true;
}

/* The direction of a special cause of type t, or DIR_NONE. */
static enum dir direction(enum dr_spc_point_type t, int better)
{
	switch (t) {
	case DR_POINT_IMPROVEMENT: return better > 0 ? DIR_HIGH : better < 0 ? DIR_LOW : DIR_NONE;
	case DR_POINT_CONCERN: return better > 0 ? DIR_LOW : better < 0 ? DIR_HIGH : DIR_NONE;
	case DR_POINT_NEUTRAL_HIGH: return DIR_HIGH;
	case DR_POINT_NEUTRAL_LOW: return DIR_LOW;
	default: return DIR_NONE;
	}
}

const char *dr_icon_variation_name(enum dr_spc_point_type t, int better)
{
	enum dir d = direction(t, better);
	switch (t) {
	case DR_POINT_COMMON: return "common";
	case DR_POINT_IMPROVEMENT:
		return d == DIR_HIGH ? "improvement-high" : d == DIR_LOW ? "improvement-low" : "improvement";
	case DR_POINT_CONCERN:
		return d == DIR_HIGH ? "concern-high" : d == DIR_LOW ? "concern-low" : "concern";
	case DR_POINT_NEUTRAL_HIGH: return "neutral-high";
	case DR_POINT_NEUTRAL_LOW: return "neutral-low";
	default: return "";
	}
}

const char *dr_icon_assurance_name(enum dr_spc_assurance a)
{
	switch (a) {
	case DR_ASSURE_PASS: return "pass";
	case DR_ASSURE_FAIL: return "fail";
	case DR_ASSURE_HIT_AND_MISS: return "hit-and-miss";
	default: return "";
	}
}

const char *dr_icon_variation_label(enum dr_spc_point_type t, int better)
{
	enum dir d = direction(t, better);
	switch (t) {
	case DR_POINT_COMMON: return "Common cause variation";
	case DR_POINT_IMPROVEMENT:
		return d == DIR_HIGH ? "Special cause: improvement (higher)"
		     : d == DIR_LOW ? "Special cause: improvement (lower)"
		                    : "Special cause: improvement";
	case DR_POINT_CONCERN:
		return d == DIR_HIGH ? "Special cause: concern (higher)"
		     : d == DIR_LOW ? "Special cause: concern (lower)"
		                    : "Special cause: concern";
	case DR_POINT_NEUTRAL_HIGH: return "Special cause: neither better nor worse (higher)";
	case DR_POINT_NEUTRAL_LOW: return "Special cause: neither better nor worse (lower)";
	default: return "";
	}
}

const char *dr_icon_assurance_label(enum dr_spc_assurance a)
{
	switch (a) {
	case DR_ASSURE_PASS: return "Consistently passes the target";
	case DR_ASSURE_FAIL: return "Consistently fails the target";
	case DR_ASSURE_HIT_AND_MISS: return "Hit and miss: the target lies within the process limits";
	default: return "";
	}
}

/* Common cause: a zigzag of five points around a centre line. */
static void common_glyph(const struct icon *I)
{
	static const double run[5][2] = {
		{ -0.56, 0.2 }, { -0.28, -0.26 }, { 0, 0.24 }, { 0.28, -0.24 }, { 0.56, 0.18 },
	};
	static const double centre[2][2] = { { -0.76, 0 }, { 0.76, 0 } };
	pen(I, C_WHITE, 0.05);
	polyline(I, centre, 2);
	pen(I, C_WHITE, 0.1);
	polyline(I, run, 5);
	for (int i = 0; i < 5; i++)
		dot(I, run[i][0], run[i][1], 0.12);
}

/* Special cause: a low, flat run whose last point leaves upwards (or, for
 * DIR_LOW, the mirror image), the letter in the free corner. */
static void special_glyph(const struct icon *I, enum dir d, bool concern)
{
	static const double high[5][2] = {
		{ -0.6, 0.42 }, { -0.34, 0.3 }, { -0.08, 0.44 }, { 0.18, 0.1 }, { 0.46, -0.34 },
	};
	double run[5][2];
	double flip = d == DIR_LOW ? -1 : 1;
	for (int i = 0; i < 5; i++) {
		run[i][0] = high[i][0];
		run[i][1] = high[i][1] * flip;
	}
	pen(I, C_WHITE, 0.1);
	polyline(I, run, 5);
	for (int i = 0; i < 3; i++)
		dot(I, run[i][0], run[i][1], 0.1);
	/* The special points: the chart's marker shapes, bigger. */
	for (int i = 3; i < 5; i++) {
		if (concern)
			diamond(I, run[i][0], run[i][1], i == 4 ? 0.25 : 0.17);
		else
			dot(I, run[i][0], run[i][1], i == 4 ? 0.19 : 0.13);
	}
	if (d != DIR_NONE)
		letter(I, C_WHITE, -0.3, -0.28 * flip, 0.82, d == DIR_HIGH ? "H" : "L");
}

void dr_icon_draw_variation(const struct dr_render *r, double x, double y, double size,
                            enum dr_spc_point_type t, int better)
{
	struct icon I;
	const char *what = dr_icon_variation_name(t, better);
	if (!*what || !place(&I, r, x, y, size))
		return;
	name(r, "variation", what);
	r->colour(r->ctx, dr_chart_type_colour(t));
	r->circle(r->ctx, I.cx, I.cy, I.rad);
	r->fill(r->ctx);
	if (t == DR_POINT_COMMON)
		common_glyph(&I);
	else
		special_glyph(&I, direction(t, better), t == DR_POINT_CONCERN);
}

void dr_icon_draw_assurance(const struct dr_render *r, double x, double y, double size,
                            enum dr_spc_assurance a)
{
	struct icon I;
	const char *what = dr_icon_assurance_name(a);
	if (!*what || !place(&I, r, x, y, size))
		return;
	uint32_t col = dr_chart_type_colour(a == DR_ASSURE_PASS ? DR_POINT_IMPROVEMENT
	                                    : a == DR_ASSURE_FAIL ? DR_POINT_CONCERN
	                                                          : DR_POINT_COMMON);
	name(r, "assurance", what);
	/* White face, then the ring inside the box. */
	double ring = 0.16;
	r->colour(r->ctx, C_WHITE);
	r->circle(r->ctx, I.cx, I.cy, I.rad);
	r->fill(r->ctx);
	pen(&I, col, ring);
	r->circle(r->ctx, I.cx, I.cy, I.rad * (1 - ring / 2));
	r->stroke(r->ctx);
	if (a == DR_ASSURE_HIT_AND_MISS) {
		/* A thin target line and a bold wave that keeps crossing it. */
		static const double target[2][2] = { { -0.7, 0 }, { 0.7, 0 } };
		double wave[17][2];
		for (int i = 0; i < 17; i++) {
			wave[i][0] = -0.56 + 1.12 * i / 16;
			wave[i][1] = -0.34 * sin(i / 16.0 * 3 * 3.14159265358979323846);
		}
		pen(&I, col, 0.07);
		polyline(&I, target, 2);
		pen(&I, col, 0.14);
		polyline(&I, wave, 17);
		return;
	}
	static const double target[2][2] = { { -0.62, 0.42 }, { 0.62, 0.42 } };
	pen(&I, col, 0.12);
	polyline(&I, target, 2);
	letter(&I, col, 0, -0.08, 0.92, a == DR_ASSURE_PASS ? "P" : "F");
}
