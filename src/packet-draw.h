/*
 * packet-draw.h -- the packet's drawing primitives: text, fitted text,
 * wrapped text, rules, boxes, charts and icons on one libharu page.
 *
 * They know nothing of pages, templates or the packet: each takes a small
 * drawing context (struct dr_draw: the document, the page painted on, the
 * fonts, the type scale, the tagger and the error latch) and paints at the
 * coordinates given (PDF points, origin bottom-left). Nothing is painted
 * while the page is NULL or once a libharu error has been latched. Never:
 * adds pages, moves a cursor, allocates memory that outlives a call.
 *
 * Tags (pdf-tags.h). Each primitive tells the tagger what it paints before
 * painting: text and icons are content of the innermost open structure
 * element (an artifact while dr_draw_decor_begin is in force: running
 * headers, repeated titles, footers); rules, boxes and watermarks are
 * always artifacts; a chart is a Figure of its own with its alternative
 * text. The callers open and close the elements (dr_draw_open, _th,
 * _close) around what they draw, in reading order. With no tagger (tags
 * NULL) the same pixels are painted, untagged.
 */
#ifndef DYADREPORT_PACKET_DRAW_H
#define DYADREPORT_PACKET_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "dyadreport/chart.h"
#include "dyadreport/pdf-tags.h"
#include "dyadreport/render.h"

struct dr_draw {
	HPDF_Doc pdf;
	HPDF_Page page;                     /* painted on; NULL: nothing is */
	HPDF_Font font, bold;               /* the body and bold faces */
	const struct dr_fonts *fonts;       /* for charts and icons */
	double ts;                          /* type scale, for charts in a box */
	struct dr_tags *tags;               /* the structure tree; NULL: untagged */
	int decor;                          /* > 0: text and icons are artifacts too */
	HPDF_STATUS error;                  /* the first libharu error: stops painting */
};

/* Makes page the one painted on (and the tagger's current page). */
void dr_draw_page(struct dr_draw *d, HPDF_Page page);
/* The finished document's bytes in *buf (malloc'd) / *len: its page
 * streams deflated (dr_hpdf_deflate_pages), saved, the structure tree
 * appended when tagged; 0, or -1 (nothing in *buf) when libharu or the
 * tagger fails. Shared by the packet and the overview. */
int dr_draw_save(struct dr_draw *d, unsigned char **buf, size_t *len);
/* Opens structure element type ("Sect", "H1", "P", "L", "LI", "Lbl",
 * "LBody", "Table", "TR", "TD", ...) under the innermost open one. */
void dr_draw_open(struct dr_draw *d, const char *type);
/* Opens a table header cell of scope (column headers, a row's name). */
void dr_draw_th(struct dr_draw *d, enum dr_tags_scope scope);
/* Closes the innermost open element. */
void dr_draw_close(struct dr_draw *d);
/* Until the matching dr_draw_decor_end, text and icons are artifacts:
 * decoration that repeats or frames the content (nests). */
void dr_draw_decor_begin(struct dr_draw *d);
void dr_draw_decor_end(struct dr_draw *d);

/* s at baseline y, aligned on x. */
void dr_draw_text(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x, double y,
                  enum dr_render_align align, const char *s);
/* s left-aligned within maxw: set up to 15 % smaller when that makes it
 * fit, else cut with an ellipsis at that size. */
void dr_draw_text_fit(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x,
                      double y, double maxw, const char *s);
/* As dr_draw_wrap, but at most max_lines lines: the last one ends with an
 * ellipsis when text is left over. Returns the lines drawn. */
size_t dr_draw_wrap_max(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x,
                        double *y, double width, double leading, const char *s, size_t max_lines);
/* Draws s wrapped to width from baseline *y down; *y ends one line below the last. */
void dr_draw_wrap(struct dr_draw *d, HPDF_Font f, double size, uint32_t rgb, double x, double *y,
                  double width, double leading, const char *s);
/* A horizontal rule from x0 to x1 at y. */
void dr_draw_hrule(struct dr_draw *d, double x0, double x1, double y, double width, uint32_t rgb);
/* A filled box whose bottom-left is (x, y). */
void dr_draw_box(struct dr_draw *d, double x, double y, double w, double h, uint32_t rgb);
/* Chart c in the box whose bottom-left is (x, y), w x h points, as one
 * Figure whose alternative text is alt (chart.h dr_chart_alt); scaled:
 * its type follows the type scale (a larger scale draws the chart in a
 * smaller box, scaled up), else it is drawn as laid out (sparkline, tile). */
void dr_draw_chart(struct dr_draw *d, const struct dr_chart *c, const char *alt, double x,
                   double y, double w, double h, bool scaled);
/* An icon of icon.h in the size x size box whose bottom-left is (x, y):
 * content of the open element, which must say the same in words. */
void dr_draw_variation_icon(struct dr_draw *d, double x, double y, double size,
                            enum dr_spc_point_type t, int better);
void dr_draw_assurance_icon(struct dr_draw *d, double x, double y, double size,
                            enum dr_spc_assurance a);
/* s in font f at size, centred on (cx, cy) and turned by angle radians,
 * painted through graphics state gs (a fill opacity): a watermark, an
 * artifact. */
void dr_draw_watermark(struct dr_draw *d, HPDF_ExtGState gs, HPDF_Font f, double size,
                       uint32_t rgb, double cx, double cy, double angle, const char *s);

#endif
