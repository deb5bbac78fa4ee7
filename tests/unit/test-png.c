/*
 * test-png.c -- the PNG encoder (src/render-png.c) holds pixels, not a
 * codec's bytes: surfaces of odd sizes and strides filled with random
 * colours are encoded, then read back here with zlib, checking the chunk
 * layout and CRCs, IHDR, one filter byte (0) per row and every pixel; the
 * same surface gives the same bytes twice; a surface of another format is
 * refused. The encoder's own deflate (src/render-deflate.c) is also tried
 * on a drawn chart (text, lines, bars, a gradient of many colours): every
 * pixel back, and no more than 10% larger than libdeflate at level 4 on
 * the same rows; and on rows too wide to refer to the row above.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <zlib.h>
#include <libdeflate.h>

#include "dyadreport/dyadreport.h"
#include "tap.h"
#include "../../src/render-int.h"

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* A surface w x h (stride: 0 for cairo's own, else that many bytes) of
 * pseudo-random colours from seed, with long runs of one colour as charts
 * have; its pixels as R G B bytes go to *rgb (malloc'd). data keeps the
 * storage of a surface made on our own stride. */
static cairo_surface_t *surface(int w, int h, int stride, uint32_t seed, unsigned char **rgb,
                                unsigned char **data)
{
	cairo_surface_t *s;
	*data = NULL;
	if (stride) {
		*data = calloc((size_t)stride * (size_t)h, 1);
		s = cairo_image_surface_create_for_data(*data, CAIRO_FORMAT_RGB24, w, h, stride);
	} else {
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	}
	cairo_surface_flush(s);
	unsigned char *px = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s);
	*rgb = malloc((size_t)w * (size_t)h * 3);
	uint32_t x = seed | 1, colour = 0xffffff;
	for (int y = 0; y < h; y++)
		for (int i = 0; i < w; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			if (x % 7 == 0)     /* a new colour now and then, else a run */
				colour = x >> 8;
			uint32_t v = colour | (x & 0xff000000u);    /* junk in the unused byte */
			memcpy(px + (size_t)st * (size_t)y + 4 * (size_t)i, &v, 4);
			unsigned char *o = *rgb + 3 * ((size_t)y * (size_t)w + (size_t)i);
			o[0] = (unsigned char)(colour >> 16);
			o[1] = (unsigned char)(colour >> 8);
			o[2] = (unsigned char)colour;
		}
	cairo_surface_mark_dirty(s);
	return s;
}

/* Checks png (len bytes) against w x h pixels rgb; returns a message or
 * NULL when it holds them exactly. */
static const char *check(const unsigned char *png, size_t len, int w, int h, const unsigned char *rgb)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	if (len < 8 || memcmp(png, sig, 8) != 0)
		return "signature";
	size_t at = 8, rowlen = 1 + 3 * (size_t)w, rawlen = rowlen * (size_t)h;
	unsigned char *idat = NULL;
	size_t nidat = 0;
	int chunks = 0;
	bool iend = false;
	const char *bad = NULL;
	while (!bad && at + 12 <= len && !iend) {
		size_t n = be32(png + at);
		const unsigned char *type = png + at + 4, *data = png + at + 8;
		if (at + 12 + n > len) {
			bad = "chunk past the end";
			break;
		}
		if (be32(data + n) != (uint32_t)crc32(crc32(0, NULL, 0), type, (uInt)(4 + n)))
			bad = "chunk CRC";
		else if (chunks == 0 && (memcmp(type, "IHDR", 4) != 0 || n != 13))
			bad = "IHDR first";
		else if (chunks == 0 && (be32(data) != (uint32_t)w || be32(data + 4) != (uint32_t)h ||
		                         data[8] != 8 || data[9] != 2 || data[10] || data[11] || data[12]))
			bad = "IHDR fields";
		else if (memcmp(type, "IDAT", 4) == 0) {
			idat = realloc(idat, nidat + n + 1);
			memcpy(idat + nidat, data, n);
			nidat += n;
		} else if (memcmp(type, "IEND", 4) == 0) {
			iend = n == 0;
		} else if (chunks > 0) {
			bad = "a chunk other than IHDR, IDAT, IEND";
		}
		at += 12 + n;
		chunks++;
	}
	if (!bad && (!iend || at != len))
		bad = "IEND last";
	unsigned char *raw = malloc(rawlen + 1);
	uLongf got = (uLongf)rawlen + 1;
	if (!bad && (uncompress(raw, &got, idat, (uLong)nidat) != Z_OK || got != rawlen))
		bad = "IDAT inflates to the rows";
	for (int y = 0; !bad && y < h; y++) {
		const unsigned char *r = raw + rowlen * (size_t)y;
		if (r[0] != 0)
			bad = "filter byte 0";
		else if (memcmp(r + 1, rgb + 3 * (size_t)w * (size_t)y, 3 * (size_t)w) != 0)
			bad = "pixels";
	}
	free(raw);
	free(idat);
	return bad;
}

/* The R G B bytes of an RGB24 surface's pixels (malloc'd). */
static unsigned char *pixels(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int st = cairo_image_surface_get_stride(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	unsigned char *rgb = malloc((size_t)w * (size_t)h * 3);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v;
			memcpy(&v, px + (size_t)st * (size_t)y + 4 * (size_t)x, 4);
			unsigned char *o = rgb + 3 * ((size_t)y * (size_t)w + (size_t)x);
			o[0] = (unsigned char)(v >> 16);
			o[1] = (unsigned char)(v >> 8);
			o[2] = (unsigned char)v;
		}
	return rgb;
}

/* A white 1600 x 900 RGB24 surface in *s, and a context to draw on it. */
static cairo_t *white_canvas(cairo_surface_t **s)
{
	*s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 900);
	cairo_t *cr = cairo_create(*s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	return cr;
}

/* A chart drawn as ours are: white, gridlines, bars, a polyline with
 * markers, words, and a gradient band (thousands of colours). */
static cairo_surface_t *drawn_chart(void)
{
	cairo_surface_t *s;
	cairo_t *cr = white_canvas(&s);
	cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
	cairo_set_line_width(cr, 1);
	for (int y = 100; y <= 800; y += 70) {
		cairo_move_to(cr, 120, y + 0.5);
		cairo_line_to(cr, 1540, y + 0.5);
	}
	cairo_stroke(cr);
	for (int i = 0; i < 13; i++) {
		cairo_set_source_rgb(cr, 0.1 + 0.05 * (i % 3), 0.4, 0.7);
		cairo_rectangle(cr, 140 + i * 108, 800 - 40 * (i % 9 + 3), 60, 40 * (i % 9 + 3));
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.8, 0.2, 0.1);
	cairo_set_line_width(cr, 3);
	for (int i = 0; i < 13; i++)
		cairo_line_to(cr, 170 + i * 108, 300 + 120 * ((i * 7) % 5) / 4.0);
	cairo_stroke(cr);
	for (int i = 0; i < 13; i++) {
		cairo_arc(cr, 170 + i * 108, 300 + 120 * ((i * 7) % 5) / 4.0, 7, 0, 6.2832);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 28);
	cairo_move_to(cr, 120, 60);
	cairo_show_text(cr, "No-show rate: 11.2% in October, within the limits");
	cairo_set_font_size(cr, 16);
	for (int i = 0; i < 13; i++) {
		cairo_move_to(cr, 150 + i * 108, 830);
		cairo_show_text(cr, i % 2 ? "Oct 26" : "Nov 25");
	}
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 860, 1600, 900);
	cairo_pattern_add_color_stop_rgb(g, 0, 0.9, 0.2, 0.2);
	cairo_pattern_add_color_stop_rgb(g, 1, 0.1, 0.3, 0.9);
	cairo_set_source(cr, g);
	cairo_rectangle(cr, 0, 860, 1600, 40);
	cairo_fill(cr);
	cairo_pattern_destroy(g);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

/* libdeflate's zlib stream at level 4 of the PNG rows of rgb (w x h):
 * its size, for comparison. */
static size_t libdeflate_size(const unsigned char *rgb, int w, int h)
{
	size_t rowlen = 1 + 3 * (size_t)w, n = rowlen * (size_t)h;
	unsigned char *rows = malloc(n);
	for (int y = 0; y < h; y++) {
		rows[rowlen * (size_t)y] = 0;
		memcpy(rows + rowlen * (size_t)y + 1, rgb + 3 * (size_t)w * (size_t)y, 3 * (size_t)w);
	}
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(4);
	size_t bound = libdeflate_zlib_compress_bound(c, n);
	unsigned char *out = malloc(bound);
	size_t len = libdeflate_zlib_compress(c, rows, n, out, bound);
	libdeflate_free_compressor(c);
	free(out);
	free(rows);
	return len;
}

/* The zlib stream's size inside a PNG: its IDAT's length (one IDAT). */
static size_t idat_size(const unsigned char *png, size_t len)
{
	for (size_t at = 8; at + 12 <= len; at += 12 + be32(png + at))
		if (memcmp(png + at + 4, "IDAT", 4) == 0)
			return be32(png + at);
	return 0;
}

int main(void)
{
	static const struct {
		int w, h, stride;
	} size[] = {
		{ 1, 1, 0 }, { 1, 7, 0 }, { 2, 3, 0 }, { 3, 2, 0 }, { 17, 9, 0 }, { 5, 4, 32 },
		{ 1, 3, 16 }, { 333, 121, 0 }, { 1600, 900, 0 },
		{ 11000, 4, 0 },        /* rows over 32 KiB: no match one row up */
	};
	for (size_t i = 0; i < sizeof size / sizeof size[0]; i++) {
		int w = size[i].w, h = size[i].h;
		unsigned char *rgb, *rgb2, *data, *data2, *png = NULL, *png2 = NULL;
		size_t len = 0, len2 = 0;
		cairo_surface_t *s = surface(w, h, size[i].stride, (uint32_t)(i * 7919 + 1), &rgb, &data);
		cairo_surface_t *t = surface(w, h, size[i].stride, (uint32_t)(i * 7919 + 1), &rgb2, &data2);
		int rc = dr_png_encode(s, &png, &len);
		int rc2 = dr_png_encode(t, &png2, &len2);
		const char *bad = rc == 0 ? check(png, len, w, h, rgb) : "encode failed";
		char name[160];
		snprintf(name, sizeof name, "%d x %d%s: every pixel read back%s%s", w, h,
		         size[i].stride ? " on a wider stride" : "", bad ? ", wrong: " : "", bad ? bad : "");
		tap_ok(!bad, name);
		snprintf(name, sizeof name, "%d x %d: the same bytes twice", w, h);
		tap_ok(rc2 == 0 && len == len2 && memcmp(png, png2, len) == 0, name);
		cairo_surface_destroy(s);
		cairo_surface_destroy(t);
		free(data);
		free(data2);
		free(rgb);
		free(rgb2);
		free(png);
		free(png2);
	}

	/* A flat chart-like image: far smaller than its raw rows. */
	cairo_surface_t *s;
	cairo_t *cr = white_canvas(&s);
	cairo_set_source_rgb(cr, 0, 0.37, 0.72);
	cairo_set_line_width(cr, 3);
	cairo_move_to(cr, 100, 800);
	cairo_line_to(cr, 1500, 120);
	cairo_stroke(cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	unsigned char *png = NULL;
	size_t len = 0;
	tap_ok(dr_png_encode(s, &png, &len) == 0 && len > 100 && len < 1600 * 900 * 3 / 100,
	       "a flat image with a line: under 1% of its raw size");
	free(png);
	cairo_surface_destroy(s);

	/* A drawn chart: every pixel back, and about libdeflate's size. */
	s = drawn_chart();
	unsigned char *rgb = pixels(s);
	size_t theirs = libdeflate_size(rgb, 1600, 900);
	int rc = dr_png_encode(s, &png, &len);
	const char *bad = rc == 0 ? check(png, len, 1600, 900, rgb) : "encode failed";
	char name[160];
	snprintf(name, sizeof name, "a drawn chart: every pixel read back%s%s", bad ? ", wrong: " : "",
	         bad ? bad : "");
	tap_ok(!bad, name);
	size_t ours = rc == 0 ? idat_size(png, len) : 0;
	snprintf(name, sizeof name, "a drawn chart: %zu bytes deflated, libdeflate level 4 %zu: "
	         "at most 10%% more", ours, theirs);
	tap_ok(ours > 0 && ours * 10 <= theirs * 11, name);
	free(png);
	free(rgb);
	cairo_surface_destroy(s);

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	png = (unsigned char *)"x";
	len = 1;
	tap_ok(dr_png_encode(s, &png, &len) == -1 && png == NULL && len == 0,
	       "an ARGB32 surface is refused");
	cairo_surface_destroy(s);
	cairo_debug_reset_static_data();
	return tap_done();
}
