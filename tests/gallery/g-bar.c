/*
 * g-bar.c -- gallery items of the bar kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_bar(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
