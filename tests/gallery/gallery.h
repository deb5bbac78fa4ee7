/*
 * gallery.h -- sample charts of every kind, normal and hostile, for the
 * golden trace test (tests/unit/test-gallery.c) and the rendered gallery
 * with its PNG/SVG/PDF agreement check (render-gallery.c, gallery.sh).
 *
 * Each g-KIND.c appends its items: a name ("bar-normal", "bar-long-names";
 * one per kind ends in "-normal" and has a golden trace in tests/golden/),
 * the chart, and the box's aspect (height / width). Every item is drawn on
 * a box 800 points wide (PNG and SVG at 2 px per point). The data live in
 * static storage inside each file; items stay valid for the program's life.
 */
#ifndef DYADREPORT_GALLERY_H
#define DYADREPORT_GALLERY_H

#include <stddef.h>

#include "dyadreport/chart.h"

#define GALLERY_MAX 128
#define GALLERY_W 800.0

struct gallery_item {
	const char *name;           /* file stem: [a-z0-9-]+ */
	struct dr_chart chart;
	double aspect;              /* box height / width; 0 means 9/16 */
};

/* Each appends at most max items to out and returns how many. */
size_t gallery_spc(struct gallery_item *out, size_t max);
size_t gallery_bar(struct gallery_item *out, size_t max);
size_t gallery_pareto(struct gallery_item *out, size_t max);
size_t gallery_heatmap(struct gallery_item *out, size_t max);
size_t gallery_multiples(struct gallery_item *out, size_t max);
size_t gallery_grouped(struct gallery_item *out, size_t max);
size_t gallery_sparkline(struct gallery_item *out, size_t max);
size_t gallery_tile(struct gallery_item *out, size_t max);
size_t gallery_funnel(struct gallery_item *out, size_t max);

/* Every item of every kind, in kind order; returns the count. */
size_t gallery_all(struct gallery_item *out, size_t max);

/* The box height of an item in points (GALLERY_W wide). */
double gallery_height(const struct gallery_item *it);

#endif
