/*
 * g-grouped.c -- gallery items of the grouped kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_grouped(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
