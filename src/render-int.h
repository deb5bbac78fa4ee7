/*
 * render-int.h -- internal to the cairo backend: the PNG encoder and the
 * byte buffer both backends' streams write to.
 */
#ifndef DR_RENDER_INT_H
#define DR_RENDER_INT_H

#include <stddef.h>

#include <cairo.h>

/* A growing byte buffer (PNG and SVG output in memory). */
struct dr_membuf {
	unsigned char *p;
	size_t len, cap;
};
/* Appends n bytes, growing the buffer by doubling (render-png.c). */
void dr_membuf_put(struct dr_membuf *m, const void *data, size_t n);

/* A flushed RGB24 image surface as PNG bytes (render-png.c); 0 or -1. */
int dr_png_encode(cairo_surface_t *s, unsigned char **buf, size_t *len);

/* Gives the SVG document in m role="img", a <title> and a <desc> right
 * after its root element, named by aria-labelledby (render-svg-label.c). */
void dr_svg_label(struct dr_membuf *m, const char *title, const char *desc);

#endif
