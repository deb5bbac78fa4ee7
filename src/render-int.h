/*
 * render-int.h -- internal to the cairo backend: the PNG encoder.
 */
#ifndef DR_RENDER_INT_H
#define DR_RENDER_INT_H

#include <stddef.h>

#include <cairo.h>

/* A flushed RGB24 image surface as PNG bytes (render-png.c); 0 or -1. */
int dr_png_encode(cairo_surface_t *s, unsigned char **buf, size_t *len);

#endif
