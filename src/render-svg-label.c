/*
 * render-svg-label.c -- names a chart's SVG for screen readers: the root
 * <svg> element gets role="img" and aria-labelledby="chart-title
 * chart-desc", and right after it come <title id="chart-title"> (the
 * chart's title) and <desc id="chart-desc"> (its alternative text,
 * dr_chart_alt), XML-escaped.
 *
 * Input: cairo's SVG document in a struct dr_membuf. Never: changes
 * anything but the root element's attributes and the two elements added;
 * a document without a root <svg ...> is left as it is.
 */
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "render-int.h"

/* Appends s to m with &, <, >, " and ' escaped. */
static void put_escaped(struct dr_membuf *m, const char *s)
{
	for (; s && *s; s++) {
		const char *e = dr_xml_entity(*s);
		if (e)
			dr_membuf_put(m, e, strlen(e));
		else
			dr_membuf_put(m, s, 1);
	}
}

static void put_text(struct dr_membuf *m, const char *s)
{
	dr_membuf_put(m, s, strlen(s));
}

void dr_svg_label(struct dr_membuf *m, const char *title, const char *desc)
{
	static const char attrs[] = " role=\"img\" aria-labelledby=\"chart-title chart-desc\"";
	const unsigned char *root = m->len >= 5 ? memmem(m->p, m->len, "<svg", 4) : NULL;
	if (!root)
		return;
	size_t at = (size_t)(root - m->p);
	const unsigned char *gt = memchr(root, '>', m->len - at);
	if (!gt)
		return;
	size_t close = (size_t)(gt - m->p);
	if (close > at && m->p[close - 1] == '/')
		return;                 /* an empty document: nothing to label */
	struct dr_membuf out = { 0 };
	dr_membuf_put(&out, m->p, close);
	put_text(&out, attrs);
	put_text(&out, ">\n<title id=\"chart-title\">");
	put_escaped(&out, title);
	put_text(&out, "</title>\n<desc id=\"chart-desc\">");
	put_escaped(&out, desc);
	put_text(&out, "</desc>");
	dr_membuf_put(&out, m->p + close + 1, m->len - close - 1);
	free(m->p);
	*m = out;
}
