/*
 * chart-sparkline.c -- PLACEHOLDER: the sparkline kind is being written;
 * until then it draws nothing.
 */
#include "chart-int.h"

void dr_chart_draw_sparkline(const struct dr_chart *c, const struct dr_render *r, double w,
                             double h)
{
	(void)c;
	(void)r;
	(void)w;
	(void)h;
}
