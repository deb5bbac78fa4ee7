/*
 * g-tile.c -- gallery items of the tile kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_tile(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
