/*
 * test-hpdf-stream.c -- page content streams deflated by libdeflate before
 * libharu saves (src/render-hpdf-stream.c): a finished page's stream is
 * swapped for deflated bytes that inflate back to its operators, with the
 * page's own stream pointer moved too, and the saved document says
 * FlateDecode; a page that libharu would still write to as it saves (a
 * graphics state left saved, a text object left open) is left to libharu
 * and saves whole, without touching freed memory.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/render.h"
#include "tap.h"
#include "testutil.h"
#include "../../src/render-int.h"

/* A document of one page with a stroked line; open: 0 balanced, 1 a
 * graphics state left saved, 2 a text object left open. */
static HPDF_Doc one_page(int open, HPDF_Page *page)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	*page = HPDF_AddPage(pdf);
	HPDF_Page_MoveTo(*page, 10, 10);
	HPDF_Page_LineTo(*page, 100, 100);
	HPDF_Page_Stroke(*page);
	if (open == 1)
		HPDF_Page_GSave(*page);
	if (open == 2)
		HPDF_Page_BeginText(*page);
	return pdf;
}

/* Saves pdf; the bytes (malloc'd) and their length, NULL on failure. */
static unsigned char *saved(HPDF_Doc pdf, size_t *len)
{
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return NULL;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
	unsigned char *buf = malloc(size ? size : 1);
	HPDF_ReadFromStream(pdf, buf, &size);
	*len = size;
	return buf;
}

int main(void)
{
	HPDF_Page page;
	HPDF_Doc pdf = one_page(0, &page);
	HPDF_PageAttr attr = page->attr;
	size_t rawlen, zlen, len;
	unsigned char *raw = dr_hpdf_stream_bytes(attr->contents->stream, &rawlen);
	dr_hpdf_deflate_pages(pdf);
	tap_ok(attr->contents->filter == HPDF_STREAM_FILTER_NONE && attr->contents->write_fn != NULL,
	       "finished page: its stream swapped for deflated bytes");
	tap_ok(attr->stream == attr->contents->stream, "finished page: the page's own pointer moved too");
	unsigned char *z = dr_hpdf_stream_bytes(attr->contents->stream, &zlen);
	unsigned char *back = malloc(rawlen + 1);
	uLongf got = (uLongf)rawlen + 1;
	tap_ok(raw && z && uncompress(back, &got, z, (uLong)zlen) == Z_OK && got == rawlen &&
	       memcmp(back, raw, rawlen) == 0, "finished page: the bytes inflate to its operators");
	unsigned char *pdfbytes = saved(pdf, &len);
	tap_ok(pdfbytes && tu_contains(pdfbytes, len, "/Filter [ /FlateDecode ]"),
	       "finished page: saved, its stream marked FlateDecode");
	free(pdfbytes);
	free(back);
	free(z);
	free(raw);
	HPDF_Free(pdf);

	for (int open = 1; open <= 2; open++) {
		pdf = one_page(open, &page);
		attr = page->attr;
		dr_hpdf_deflate_pages(pdf);
		tap_ok(attr->contents->filter == HPDF_STREAM_FILTER_FLATE_DECODE &&
		       attr->contents->write_fn == NULL,
		       open == 1 ? "a graphics state left saved: the page left to libharu"
		                 : "a text object left open: the page left to libharu");
		pdfbytes = saved(pdf, &len);
		tap_ok(pdfbytes && len > 100 && tu_contains(pdfbytes, len, "%%EOF"),
		       open == 1 ? "a graphics state left saved: saved whole"
		                 : "a text object left open: saved whole");
		free(pdfbytes);
		HPDF_Free(pdf);
	}
	return tap_done();
}
