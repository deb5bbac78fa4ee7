/*
 * g-heatmap.c -- gallery items of the heatmap kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_heatmap(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
