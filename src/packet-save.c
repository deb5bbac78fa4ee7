/*
 * packet-save.c -- dr_draw_save(): a finished PDF (a packet or the
 * overview) as bytes.
 *
 * Takes: the drawing context of a document whose pages are all drawn and
 *        whose tagger, if any, is finished (dr_tags_finish).
 * Does:  deflates the page streams with libdeflate (dr_hpdf_deflate_pages,
 *        render-hpdf-stream.c), saves the document to libharu's memory
 *        stream, copies it out, and appends the structure tree
 *        (dr_tags_append) as an incremental update.
 * Returns: 0 with the bytes in *buf (malloc'd) / *len; -1 with *buf NULL
 *        when libharu or the tagger fails, or the saved document cannot
 *        be read back whole (or is empty).
 * Apart from packet-draw.c so that the drawing primitives' tests, which
 *        stand in for the tagger, do not link its writer.
 */
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "packet-draw.h"

int dr_draw_save(struct dr_draw *d, unsigned char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	dr_hpdf_deflate_pages(d->pdf);      /* libdeflate, not zlib (render-hpdf-stream.c) */
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK)
		return -1;
	HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf), got = size;
	unsigned char *b = dr_xmalloc(size ? size : 1);
	/* The bytes read decide, not the status: libharu may report the end of
	 * its stream (HPDF_STREAM_EOF) on a read that took every byte. A saved
	 * document is never empty, so nothing read is a failure too. */
	HPDF_ReadFromStream(d->pdf, b, &got);
	if (size == 0 || got != size) {
		free(b);
		return -1;
	}
	size_t n = got;
	if (dr_tags_append(d->tags, &b, &n) != 0) {     /* the structure tree */
		free(b);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
}
