/*
 * g-pareto.c -- gallery items of the pareto kind (gallery.h). PLACEHOLDER: none yet.
 */
#include "gallery.h"

size_t gallery_pareto(struct gallery_item *out, size_t max)
{
	(void)out;
	(void)max;
	return 0;
}
