/*
 * g-multiples.c -- gallery items of the multiples kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_multiples(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
