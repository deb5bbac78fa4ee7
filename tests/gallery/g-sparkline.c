/*
 * g-sparkline.c -- gallery items of the sparkline kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_sparkline(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
