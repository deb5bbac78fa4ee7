/*
 * chart-sparkline.c -- PLACEHOLDER: the sparkline kind is being written; until then it
 * draws its title and "not drawn yet".
 */
#include "chart-int.h"

void dr_chart_draw_sparkline(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	struct dr_kit k;
	dr_kit_init(&k, r, w, h);
	double top = dr_kit_header(&k, c, 0, true);
	dr_kit_nodata(&k, k.pad, top, w - k.pad, h - k.pad, "not drawn yet");
}
