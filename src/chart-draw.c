/*
 * chart-draw.c -- dr_chart_draw: hands a chart to the drawing function of
 * its kind (chart-KIND.c).
 *
 * Checks the box once for every kind (finite, at least 20 x 20 points, or
 * 4 x 4 for a sparkline) and
 * draws nothing for an unknown kind. Never: allocates or prints.
 */
#include <math.h>

#include "chart-int.h"

typedef void draw_fn(const struct dr_chart *c, const struct dr_render *r, double w, double h);

static const struct {
	const char *name;
	draw_fn *draw;
} kinds[DR_CHART_NKINDS] = {
	[DR_CHART_SPC] = { "spc", dr_chart_draw_spc },
	[DR_CHART_BAR] = { "bar", dr_chart_draw_bar },
	[DR_CHART_PARETO] = { "pareto", dr_chart_draw_pareto },
	[DR_CHART_HEATMAP] = { "heatmap", dr_chart_draw_heatmap },
	[DR_CHART_MULTIPLES] = { "multiples", dr_chart_draw_multiples },
	[DR_CHART_GROUPED] = { "grouped", dr_chart_draw_grouped },
	[DR_CHART_SPARKLINE] = { "sparkline", dr_chart_draw_sparkline },
	[DR_CHART_TILE] = { "tile", dr_chart_draw_tile },
};

const char *dr_chart_kind_name(enum dr_chart_kind k)
{
	return (unsigned)k < DR_CHART_NKINDS && kinds[k].name ? kinds[k].name : "";
}

void dr_chart_draw(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	double min = c && c->kind == DR_CHART_SPARKLINE ? 4 : 20;
	if (!c || !r || !isfinite(w) || !isfinite(h) || w < min || h < min)
		return;
	if ((unsigned)c->kind < DR_CHART_NKINDS && kinds[c->kind].draw)
		kinds[c->kind].draw(c, r, w, h);
}
