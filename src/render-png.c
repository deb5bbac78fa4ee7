/*
 * render-png.c -- dr_png_encode(): a cairo RGB24 image as PNG bytes, fast.
 *
 * cairo_surface_write_to_png() runs libpng with every row filter tried and
 * zlib level 6: for our charts (1600 x 900, large flat areas, thin
 * antialiased lines) that was 85 % of a dyad's render time. Here each row
 * is written unfiltered (filter type 0) and the whole image is deflated in
 * one call by render-deflate.c, which looks only for the repeats charts
 * are made of (the pixel to the left, the pixel above): about a fifth of
 * libdeflate's CPU at level 4 for files 2 % larger (libdeflate and zlib
 * were measured before it: doc/guide.md, Performance). The Sub, Up and
 * Average filters only made the files larger. A palette would be
 * smaller still, but antialiasing gives our charts 900 to 2,100 colours,
 * more than a PNG palette holds, so RGB it is (lossless).
 *
 * Takes: a flushed CAIRO_FORMAT_RGB24 image surface, whose pixels it
 *        overwrites: the PNG's rows are built in place (the caller only
 *        destroys the surface afterwards).
 * Returns: 0 and a malloc'd PNG in *buf / *len (8-bit RGB, no interlace,
 *          no ancillary chunks, one IDAT: the same bytes on every run), or
 *          -1 (surface untouched) on a surface of another format or size.
 */
#include <endian.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "dyadreport/dyadreport.h"
#include "render-int.h"

void dr_membuf_reserve(struct dr_membuf *o, size_t n)
{
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 65536;
		while (cap < o->len + n)
			cap *= 2;
		o->p = dr_xrealloc(o->p, cap);
		o->cap = cap;
	}
}

void dr_membuf_put(struct dr_membuf *o, const void *data, size_t n)
{
	if (n == 0)
		return;
	dr_membuf_reserve(o, n);
	memcpy(o->p + o->len, data, n);
	o->len += n;
}

static void put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

/* Writes the chunk whose data (n bytes) is at p + 8: its length before,
 * its type, and its CRC after; returns the bytes written (12 + n). */
static size_t chunk(unsigned char *p, const char type[4], size_t n)
{
	put32(p, (uint32_t)n);
	memcpy(p + 4, type, 4);
	put32(p + 8 + n, (uint32_t)libdeflate_crc32(0, p + 4, 4 + n));
	return 12 + n;
}

#if defined(__x86_64__) || defined(__i386__)
#include <tmmintrin.h>
#define FOUR_AT_ONCE 1

/* The row's pixels four at a time with SSSE3's byte shuffle (every x86-64
 * made since 2007 has it; asked once at run time), while at least eight
 * are left, so that each 16-byte store (12 bytes of R G B, 4 that the
 * next store overwrites) stays inside the row. The next four pixels are
 * read before the current four are written, which keeps the in-place
 * order safe even in the first row. Returns the pixels done, with the
 * next pixel's value, read before the last store, in *next. */
__attribute__((target("ssse3")))
static int four_at_once(const unsigned char *src, unsigned char *p, int w, uint32_t *next)
{
	const __m128i to_rgb = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
	__m128i ahead = _mm_loadu_si128((const __m128i *)src);
	int x = 0;
	for (; x + 8 <= w; x += 4) {
		__m128i cur = ahead;
		ahead = _mm_loadu_si128((const __m128i *)(src + 4 * (size_t)(x + 4)));
		_mm_storeu_si128((__m128i *)(p + 3 * (size_t)x), _mm_shuffle_epi8(cur, to_rgb));
	}
	*next = (uint32_t)_mm_cvtsi128_si32(ahead);
	return x;
}

static bool have_ssse3(void)
{
	static _Thread_local int known = -1;
	if (known < 0)
		known = __builtin_cpu_supports("ssse3") ? 1 : 0;
	return known;
}
#endif

/* A surface's pixels, for rows_in_place(). */
struct surface_rows {
	unsigned char *data;
	int w, stride;
};

/* dr_rows_fill_fn for dr_deflate_rows: rewrites rows [first, end) of the
 * surface ctx (struct surface_rows), in place, as the PNG's rows: a filter
 * byte (0, none), then R G B per pixel. Each row is read a pixel ahead of
 * where it is written, and a row of 1 + 3w bytes never reaches past the
 * start of its source row of stride >= 4w bytes, so nothing is overwritten
 * before it is read; rows must come in order (a row lands below its own
 * source and above every row before it). Fresh pages cost more than the
 * copy itself (a 4 MB buffer per chart doubled the encode time). Four
 * pixels at a time where the CPU can (four_at_once), the rest one by one.
 * The encoder asks for a band of rows just before it reads them, so they
 * are converted, summed and compressed while in the cache: one pass over
 * the chart's memory instead of three. */
static void rows_in_place(void *ctx, size_t first, size_t end)
{
	const struct surface_rows *sr = ctx;
	unsigned char *data = sr->data;
	int w = sr->w, stride = sr->stride;
	size_t rowlen = 1 + 3 * (size_t)w;
	for (size_t y = first; y < end; y++) {
		const unsigned char *src = data + (size_t)stride * (size_t)y;
		unsigned char *p = data + rowlen * (size_t)y + 1;
		uint32_t next;
		int x = 0;
#ifdef FOUR_AT_ONCE
		if (w >= 8 && have_ssse3()) {
			x = four_at_once(src, p, w, &next);
			p += 3 * (size_t)x;
		} else
#endif
			memcpy(&next, src, sizeof next);
		for (; x < w; x++, p += 3) {
			uint32_t cur = next;            /* 0x00RRGGBB */
			if (x + 1 < w)
				memcpy(&next, src + 4 * (size_t)(x + 1), sizeof next);
			/* as bytes R G B and a spare that the next pixel
			 * overwrites: one store instead of three; the row's
			 * last pixel stores 3 bytes, as the next row's first
			 * pixel may not have been read yet */
			uint32_t rgb = htobe32(cur << 8);
			memcpy(p, &rgb, x + 1 < w ? 4 : 3);
		}
		/* filter: none; written last, as in the first row it is the
		 * first pixel's first byte */
		data[rowlen * (size_t)y] = 0;
	}
}

int dr_png_encode(cairo_surface_t *s, unsigned char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24)
		return -1;
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	unsigned char *data = cairo_image_surface_get_data(s);
	if (w <= 0 || h <= 0 || stride < 4 * w || !data)
		return -1;

	/* signature, IHDR (12 + 13), IDAT (12 + the zlib stream, which the
	 * encoder appends in place), IEND (12); chunk() writes each one's
	 * length, type and CRC around its data */
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct dr_membuf m = { 0 };
	dr_membuf_put(&m, sig, sizeof sig);
	dr_membuf_reserve(&m, 25 + 8);
	unsigned char *ihdr = m.p + m.len + 8;
	memset(ihdr, 0, 13);        /* compression, filter, interlace: 0 */
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;                /* bit depth */
	ihdr[9] = 2;                /* colour type: RGB */
	m.len += chunk(m.p + m.len, "IHDR", 13);
	size_t idat = m.len;
	m.len += 8;
	struct surface_rows sr = { data, w, stride };
	dr_deflate_rows(data, (size_t)h, 1 + 3 * (size_t)w, &m, rows_in_place, &sr);
	dr_membuf_reserve(&m, 4 + 12);
	m.len = idat + chunk(m.p + idat, "IDAT", m.len - idat - 8);
	m.len += chunk(m.p + m.len, "IEND", 0);
	*buf = dr_xrealloc(m.p, m.len);     /* kept until written: no spare room */
	*len = m.len;
	return 0;
}
