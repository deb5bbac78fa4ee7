/*
 * gallery.c -- collects the sample charts of every kind (gallery.h).
 */
#include "gallery.h"

size_t gallery_all(struct gallery_item *out, size_t max)
{
	static size_t (*const kinds[])(struct gallery_item *, size_t) = {
		gallery_spc, gallery_bar, gallery_pareto, gallery_heatmap,
		gallery_multiples, gallery_grouped, gallery_sparkline, gallery_tile, gallery_funnel,
	};
	size_t n = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		n += kinds[k](out + n, max - n);
	return n;
}

double gallery_height(const struct gallery_item *it)
{
	double a = it->aspect > 0 ? it->aspect : 9.0 / 16.0;
	return GALLERY_W * a;
}
