/*
 * render-hpdf-ops.c -- a chart's path operators for a libharu page, the
 * bytes libharu writes, gathered and handed to the page's content stream
 * in one write.
 *
 * libharu's path and style operators (HPDF_Page_MoveTo, _LineTo,
 * _Rectangle, _Circle, _Stroke, _Fill, _SetRGBStroke, _SetDash, ...) each
 * clear a 512-byte buffer, check the page's state, format their numbers with
 * HPDF_FToA and append a few bytes to the stream through a byte-by-byte
 * copy: a chart's thousands of operators cost more than its text. Here the
 * same operators are formatted as libharu formats them (dr_pdf_ftoa is
 * HPDF_FToA's algorithm, to the byte: test-hpdf-ops compares them) into a
 * buffer that goes to the page's stream whenever anything else is to be
 * written there (dr_pdf_ops_flush), so the content stream holds the same
 * bytes in the same order.
 *
 * Takes: a page whose graphics mode libharu holds as page description for
 *        as long as the operators are gathered: the caller keeps the path
 *        state (render-hpdf.c), calls libharu for no path operator of its
 *        own meanwhile, and flushes before any other libharu call on the
 *        page.
 * Owns:  nothing beyond the struct; a failed write is libharu's error, as
 *        its own operators' are.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_error.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "render-int.h"

/* libharu's own: HPDF_LIMIT_MAX_REAL, HPDF_REAL_LEN, and the circle's
 * control-point factor of hpdf_page_operator.c. */
#define MAX_REAL 32767
#define REAL_LEN 11
static const HPDF_REAL KAPPA = 0.552F;

char *dr_pdf_ftoa(char *s, HPDF_REAL val)
{
	/* HPDF_FToA (libharu 2.3.0 hpdf_utils.c), step by step with the same
	 * types, so that every rounding is the same: an integer part, five
	 * decimals, trailing zeros and a bare point dropped ("-0" stays). */
	char buf[REAL_LEN + 1];
	char *start = s, *t = buf + REAL_LEN;
	if (val > MAX_REAL)
		val = MAX_REAL;
	else if (val < -MAX_REAL)
		val = -MAX_REAL;
	*t-- = 0;
	if (val < 0) {
		*s++ = '-';
		val = -val;
	}
	int32_t int_val = (int32_t)(val + 0.000005);
	int32_t fpart_val = (int32_t)((HPDF_REAL)(val - int_val + 0.000005) * 100000);
	for (int i = 0; i < 5; i++) {
		*t-- = (char)((char)(fpart_val % 10) + '0');
		fpart_val /= 10;
	}
	*t-- = '.';
	*t = '0';
	if (int_val == 0)
		t--;
	while (int_val > 0) {
		*t-- = (char)((char)(int_val % 10) + '0');
		int_val /= 10;
	}
	t++;
	while (*t)
		*s++ = *t++;
	s--;
	while (s > start) {
		if (*s == '0')
			*s = 0;
		else {
			if (*s == '.')
				*s = 0;
			break;
		}
		s--;
	}
	return *s == 0 ? s : s + 1;
}

void dr_pdf_ops_init(struct dr_pdf_ops *o, HPDF_Page page)
{
	o->page = page;
	o->n = 0;
}

void dr_pdf_ops_flush(struct dr_pdf_ops *o)
{
	if (!o->n)
		return;
	HPDF_PageAttr attr = (HPDF_PageAttr)o->page->attr;
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)o->buf, (HPDF_UINT)o->n) != HPDF_OK)
		HPDF_CheckError(o->page->error);
	o->n = 0;
}

/* Room for one more operator: at most 6 numbers of 12 bytes and a few
 * letters (a circle is 5 operators). */
#define OP_MAX 96

/* Where the next operator goes, flushing first when it might not fit. */
static char *room(struct dr_pdf_ops *o, size_t need)
{
	if (o->n + need > sizeof o->buf)
		dr_pdf_ops_flush(o);
	return o->buf + o->n;
}

static char *put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* "x y" */
static char *pair(char *p, HPDF_REAL x, HPDF_REAL y)
{
	p = dr_pdf_ftoa(p, x);
	*p++ = ' ';
	return dr_pdf_ftoa(p, y);
}

/* "x1 y1 x2 y2 x3 y3 c\n" */
static char *curve(char *p, HPDF_REAL x1, HPDF_REAL y1, HPDF_REAL x2, HPDF_REAL y2, HPDF_REAL x3,
                   HPDF_REAL y3)
{
	p = pair(p, x1, y1);
	*p++ = ' ';
	p = pair(p, x2, y2);
	*p++ = ' ';
	p = pair(p, x3, y3);
	return put(p, " c\n", 3);
}

void dr_pdf_ops_move_to(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y)
{
	char *p = room(o, OP_MAX);
	o->n = (size_t)(put(pair(p, x, y), " m\n", 3) - o->buf);
}

void dr_pdf_ops_line_to(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y)
{
	char *p = room(o, OP_MAX);
	o->n = (size_t)(put(pair(p, x, y), " l\n", 3) - o->buf);
}

void dr_pdf_ops_rect(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h)
{
	char *p = pair(room(o, OP_MAX), x, y);
	*p++ = ' ';
	o->n = (size_t)(put(pair(p, w, h), " re\n", 4) - o->buf);
}

void dr_pdf_ops_circle(struct dr_pdf_ops *o, HPDF_REAL x, HPDF_REAL y, HPDF_REAL ray)
{
	/* HPDF_Page_Circle: a move to the left point, four quarter curves */
	char *p = put(pair(room(o, 5 * OP_MAX), x - ray, y), " m\n", 3);
	p = curve(p, x - ray, y + ray * KAPPA, x - ray * KAPPA, y + ray, x, y + ray);
	p = curve(p, x + ray * KAPPA, y + ray, x + ray, y + ray * KAPPA, x + ray, y);
	p = curve(p, x + ray, y - ray * KAPPA, x + ray * KAPPA, y - ray, x, y - ray);
	p = curve(p, x - ray * KAPPA, y - ray, x - ray, y - ray * KAPPA, x - ray, y);
	o->n = (size_t)(p - o->buf);
}

/* An operator of no operands ("h", "S", "f", "n"). */
static void bare(struct dr_pdf_ops *o, const char *op)
{
	size_t k = strlen(op);
	char *p = room(o, k + 1);
	p = put(p, op, k);
	*p++ = '\n';
	o->n = (size_t)(p - o->buf);
}

void dr_pdf_ops_close(struct dr_pdf_ops *o)
{
	bare(o, "h");
}

void dr_pdf_ops_stroke(struct dr_pdf_ops *o)
{
	bare(o, "S");
}

void dr_pdf_ops_fill(struct dr_pdf_ops *o)
{
	bare(o, "f");
}

void dr_pdf_ops_end_path(struct dr_pdf_ops *o)
{
	bare(o, "n");
}

void dr_pdf_ops_rgb(struct dr_pdf_ops *o, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b)
{
	/* HPDF_Page_SetRGBStroke, then HPDF_Page_SetRGBFill: "r g b RG" and
	 * "r g b rg", the numbers formatted once */
	char *p = room(o, 2 * OP_MAX), *start = p;
	p = pair(p, r, g);
	*p++ = ' ';
	p = dr_pdf_ftoa(p, b);
	size_t k = (size_t)(p - start);
	p = put(p, " RG\n", 4);
	p = put(p, start, k);
	p = put(p, " rg\n", 4);
	o->n = (size_t)(p - o->buf);
}

void dr_pdf_ops_dash(struct dr_pdf_ops *o, const unsigned *ptn, size_t n)
{
	/* HPDF_Page_SetDash with phase 0: "[5 3 ] 0 d" (each element followed
	 * by a space), "[] 0 d" for solid lines; elements 1..100, n <= 8 */
	char *p = room(o, OP_MAX);
	*p++ = '[';
	for (size_t i = 0; i < n && i < 8; i++)
		p += snprintf(p, 8, "%u ", ptn[i] < 1 ? 1 : ptn[i] > 100 ? 100 : ptn[i]);
	o->n = (size_t)(put(p, "] 0 d\n", 6) - o->buf);
}

void dr_pdf_ops_line_width(struct dr_pdf_ops *o, HPDF_REAL w)
{
	/* HPDF_Page_SetLineWidth: HPDF_Stream_WriteReal, " w\n" */
	char *p = room(o, OP_MAX);
	o->n = (size_t)(put(dr_pdf_ftoa(p, w), " w\n", 3) - o->buf);
}
