/*
 * render-hpdf-stream.c -- a libharu stream dictionary's bytes, and their
 * replacement by bytes already deflated; the page content streams of a
 * document deflated by libdeflate.
 *
 * libharu 2.3.0 deflates every Flate stream as it writes the document,
 * with zlib at its default level (6). dr_hpdf_deflate_pages(pdf), called
 * just before HPDF_SaveToStream, deflates each page's content stream (the
 * drawing operators: most of a packet's bytes) with libdeflate at LEVEL,
 * which on our packets makes the files within 1% of zlib's size at a
 * fraction of its CPU (level 6 made them under 2% smaller and cost 3% of
 * a three-dyad run's instructions more), and hands them to libharu
 * already deflated: the
 * stream's filter is set to none and its write callback adds the
 * `/Filter [ /FlateDecode ]` entry libharu would have added last, so the
 * document is laid out as before; only the deflated bytes differ.
 * render-hpdf-fontfile.c swaps in font streams the same way.
 *
 * Relies on: libharu 2.3.0's installed structures (hpdf_doc.h: the page
 *         list; hpdf_pages.h: a page's attr and its contents stream dict;
 *         hpdf_objects.h, hpdf_streams.h: a dict's stream, filter and
 *         write callback; hpdf_gstate.h: a page's saved graphics states;
 *         memory streams' buffers). A page whose contents is not an
 *         in-memory Flate stream, or that libharu would still write to as
 *         it saves (an open path or text object, a graphics state still
 *         saved: Page_BeforeWrite closes them), is left to libharu. A
 *         page keeps its stream twice (attr->stream, its contents'
 *         stream): both are pointed at the new one.
 * Also:   dr_zlib_deflate(), libdeflate's zlib format into a new buffer,
 *         for render-pdf-update.c and render-hpdf-fontfile.c too.
 * Owns:   one libdeflate compressor per level used and calling thread,
 *         made on first use and never freed.
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_gstate.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/render.h"
#include "render-int.h"

#define LEVEL 4

unsigned char *dr_hpdf_stream_bytes(HPDF_Stream s, size_t *len)
{
	*len = HPDF_Stream_Size(s);
	if (*len == 0)
		return NULL;
	unsigned char *p = dr_xmalloc(*len), *o = p;
	HPDF_UINT n = HPDF_MemStream_GetBufCount(s);
	for (HPDF_UINT i = 0; i < n; i++) {
		HPDF_UINT got = 0;
		HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(s, i, &got);
		if (!b || got > *len - (size_t)(o - p)) {
			free(p);
			return NULL;
		}
		memcpy(o, b, got);
		o += got;
	}
	if ((size_t)(o - p) != *len) {
		free(p);
		return NULL;
	}
	return p;
}

/* Writes the entry that HPDF_Dict_Write would have written last for a
 * Flate stream (HPDF_Array_Write's "[ " name " " "]"). */
static HPDF_STATUS write_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

bool dr_hpdf_stream_give(HPDF_Dict d, const unsigned char *z, size_t zlen)
{
	HPDF_Stream s = HPDF_MemStream_New(d->mmgr, (HPDF_UINT)zlen);
	if (s && HPDF_Stream_Write(s, z, (HPDF_UINT)zlen) != HPDF_OK) {
		HPDF_Stream_Free(s);
		s = NULL;
	}
	if (!s) {
		HPDF_Error_Reset(d->error);     /* libharu's own failure: left to it */
		return false;
	}
	HPDF_Stream_Free(d->stream);
	d->stream = s;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = write_filter;
	return true;
}

bool dr_hpdf_stream_deflatable(HPDF_Dict d)
{
	return d && d->stream && d->stream->type == HPDF_STREAM_MEMORY &&
	       d->filter == HPDF_STREAM_FILTER_FLATE_DECODE && !d->write_fn && !d->filterParams;
}

unsigned char *dr_zlib_deflate(int level, const unsigned char *data, size_t n, size_t *zlen)
{
	static _Thread_local struct libdeflate_compressor *kept[13];  /* by level, 0..12 */
	if (level < 0 || level > 12)
		return NULL;
	struct libdeflate_compressor *c = kept[level];
	if (!c && !(c = kept[level] = libdeflate_alloc_compressor(level)))
		return NULL;
	size_t bound = libdeflate_zlib_compress_bound(c, n);
	unsigned char *z = dr_xmalloc(bound);
	*zlen = libdeflate_zlib_compress(c, data, n, z, bound);
	if (*zlen == 0) {
		free(z);
		return NULL;
	}
	return z;
}

/* Deflates stream dict d with libdeflate and swaps the bytes in; false
 * (d untouched) when it cannot. */
static bool deflate_now(HPDF_Dict d)
{
	size_t rawlen, zlen;
	unsigned char *raw = dr_hpdf_stream_deflatable(d) ? dr_hpdf_stream_bytes(d->stream, &rawlen)
	                                                   : NULL;
	unsigned char *z = raw ? dr_zlib_deflate(LEVEL, raw, rawlen, &zlen) : NULL;
	free(raw);
	if (!z)
		return false;
	bool given = dr_hpdf_stream_give(d, z, zlen);
	free(z);
	return given;
}

void dr_hpdf_deflate_pages(HPDF_Doc pdf)
{
	HPDF_List pages = pdf ? pdf->page_list : NULL;
	for (HPDF_UINT i = 0; pages && i < pages->count; i++) {
		HPDF_Page page = HPDF_List_ItemAt(pages, i);
		HPDF_PageAttr attr = page ? page->attr : NULL;
		/* A page left inside a path or text object, or with a graphics
		 * state still saved, gets its closing operators written by
		 * libharu as it saves (Page_BeforeWrite): left to libharu. */
		if (!attr || attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION || !attr->gstate ||
		    attr->gstate->prev || attr->stream != attr->contents->stream)
			continue;
		if (deflate_now(attr->contents))
			attr->stream = attr->contents->stream;  /* the page's own pointer too */
	}
}
