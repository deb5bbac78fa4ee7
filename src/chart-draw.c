/*
 * chart-draw.c -- dr_chart_draw: hands a chart to the drawing function of
 * its kind (chart-KIND.c); the kinds' names (dr_chart_kind_name, _find).
 *
 * Checks the box once for every kind (finite, and at least the kind's
 * smallest box: 100 x 60 points for the charts, 60 x 40 for a tile, 4 x 4
 * for a sparkline) and
 * draws nothing for an unknown kind. A stamped chart (c->stamp) is drawn
 * by chart-stamp.c: the stamp, then the chart in the box left. A draft
 * chart (c->draft) gets a large pale "DRAFT" across its middle first,
 * behind everything the kind draws (not a sparkline or a tile: their page
 * carries the mark). Never:
 * allocates or prints.
 */
#include <math.h>
#include <string.h>

#include "chart-int.h"

typedef void draw_fn(const struct dr_chart *c, const struct dr_render *r, double w, double h);

/* Each kind with the smallest box it can lay out without drawing
 * outside it; in a smaller box nothing is drawn. */
static const struct {
	const char *name;
	draw_fn *draw;
	double min_w, min_h;
} kinds[DR_CHART_NKINDS] = {
	[DR_CHART_SPC] = { "spc", dr_chart_draw_spc, 100, 60 },
	[DR_CHART_BAR] = { "bar", dr_chart_draw_bar, 100, 60 },
	[DR_CHART_PARETO] = { "pareto", dr_chart_draw_pareto, 100, 60 },
	[DR_CHART_HEATMAP] = { "heatmap", dr_chart_draw_heatmap, 100, 60 },
	[DR_CHART_MULTIPLES] = { "multiples", dr_chart_draw_multiples, 100, 60 },
	[DR_CHART_GROUPED] = { "grouped", dr_chart_draw_grouped, 100, 60 },
	[DR_CHART_SPARKLINE] = { "sparkline", dr_chart_draw_sparkline, 4, 4 },
	[DR_CHART_TILE] = { "tile", dr_chart_draw_tile, 60, 40 },
	[DR_CHART_FUNNEL] = { "funnel", dr_chart_draw_funnel, 100, 60 },
};

const char *dr_chart_kind_name(enum dr_chart_kind k)
{
	return (unsigned)k < DR_CHART_NKINDS && kinds[k].name ? kinds[k].name : "";
}

int dr_chart_kind_find(const char *name)
{
	for (int k = 0; k < DR_CHART_NKINDS; k++)
		if (kinds[k].name && strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

void dr_chart_draw(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	if (!c || !r || (unsigned)c->kind >= DR_CHART_NKINDS || !kinds[c->kind].draw)
		return;
	if (!isfinite(w) || !isfinite(h) || w < kinds[c->kind].min_w || h < kinds[c->kind].min_h)
		return;
	if (c->stamp) {
		dr_chart_draw_stamped(c, r, w, h);
		return;
	}
	if (c->draft && c->kind != DR_CHART_SPARKLINE && c->kind != DR_CHART_TILE) {
		double size = fmin(w / 4.2, h / 2.2);
		if (r->group)
			r->group(r->ctx, "draft");
		r->colour(r->ctx, 0xF2C4C4);
		r->text(r->ctx, w / 2, h / 2 + size * 0.36, size, true, DR_ALIGN_CENTER, "DRAFT");
	}
	kinds[c->kind].draw(c, r, w, h);
}
