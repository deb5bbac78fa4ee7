/*
 * render-hpdf-ttfmem.c -- a loaded TrueType font read from memory, not
 * from its file, when libharu builds the font's subset.
 *
 * libharu 2.3.0 keeps the font file open as a stdio stream for the
 * document's life and, when the document is saved, copies the subset out
 * of it (HPDF_TTFontDef_SaveFontData): a seek for every glyph and table
 * and a read of 2 or 4 bytes at a time, each read zeroing its buffer
 * first. Every seek drops stdio's buffer, so a packet cost about 8,000
 * lseek(2) and as many refills of 4 KB: half the run's system calls.
 * dr_hpdf_ttf_in_memory() reads the whole file once from libharu's own
 * stdio stream, right after HPDF_LoadTTFontFromFile, and puts in its place a
 * callback stream over those bytes with the file stream's behaviour:
 * reads past the end give what there is and HPDF_STREAM_EOF, a seek before
 * the start is an error, tell and size as for the file. The same bytes
 * are read, so the PDF does not change.
 *
 * Relies on: libharu 2.3.0's installed structures (hpdf_fontdef.h: a
 *         TrueType definition's attr is a HPDF_TTFontDefAttr whose stream
 *         is freed with the definition through HPDF_Stream_Free, which
 *         calls the stream's free_fn).
 * Leaves alone: a font of another type, or one whose stream is not a file
 *         (already swapped) or cannot be read whole: libharu reads the file.
 * Owns:   nothing: the bytes and their position belong to the stream, on
 *         the document's memory manager, freed with the font definition.
 * Tests:  tests/unit/test-fontfile.c (the PDF's bytes the same as with the
 *         file stream).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_streams.h>

#include "render-int.h"

struct bytes {
	HPDF_BYTE *p;
	HPDF_UINT32 len;
	HPDF_UINT32 pos;
};

static HPDF_STATUS read_fn(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct bytes *b = s->attr;
	HPDF_UINT left = b->pos < b->len ? b->len - b->pos : 0;
	HPDF_UINT n = *siz < left ? *siz : left;
	memcpy(ptr, b->p + b->pos, n);
	if (n < *siz) {
		memset(ptr + n, 0, *siz - n);   /* as the file reader zeroes its buffer */
		*siz = n;
		b->pos = b->len > b->pos ? b->len : b->pos;
		return HPDF_STREAM_EOF;
	}
	b->pos += n;
	return HPDF_OK;
}

static HPDF_STATUS seek_fn(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct bytes *b = s->attr;
	long at = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ? (long)b->pos : (long)b->len;
	at += pos;
	if (at < 0)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	b->pos = (HPDF_UINT32)at;
	return HPDF_OK;
}

static HPDF_INT32 tell_fn(HPDF_Stream s)
{
	return (HPDF_INT32)((struct bytes *)s->attr)->pos;
}

static HPDF_UINT32 size_fn(HPDF_Stream s)
{
	return ((struct bytes *)s->attr)->len;
}

static void free_fn(HPDF_Stream s)
{
	struct bytes *b = s->attr;
	if (!b)
		return;
	HPDF_FreeMem(s->mmgr, b->p);
	HPDF_FreeMem(s->mmgr, b);
	s->attr = NULL;
}

void dr_hpdf_ttf_in_memory(HPDF_Doc pdf, const char *font_name)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, font_name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return;
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Stream file = attr->stream;
	if (!file || file->type != HPDF_STREAM_FILE || !file->attr)
		return;
	FILE *fp = file->attr;              /* a file stream's attr (hpdf_streams.c) */
	long was = ftell(fp), len = -1;
	if (was >= 0 && fseek(fp, 0, SEEK_END) == 0)
		len = ftell(fp);
	if (len <= 0 || len > INT32_MAX || fseek(fp, 0, SEEK_SET) != 0)
		return;
	struct bytes *b = HPDF_GetMem(def->mmgr, sizeof *b);
	HPDF_BYTE *p = b ? HPDF_GetMem(def->mmgr, (HPDF_UINT)len) : NULL;
	HPDF_Stream mem = NULL;
	if (p && fread(p, 1, (size_t)len, fp) == (size_t)len) {
		*b = (struct bytes){ p, (HPDF_UINT32)len, (HPDF_UINT32)was };
		mem = HPDF_CallbackReader_New(def->mmgr, read_fn, seek_fn, tell_fn, size_fn, b);
	}
	if (!mem) {                         /* libharu goes on reading the file */
		fseek(fp, was, SEEK_SET);
		if (p)
			HPDF_FreeMem(def->mmgr, p);
		if (b)
			HPDF_FreeMem(def->mmgr, b);
		return;
	}
	mem->free_fn = free_fn;
	attr->stream = mem;
	HPDF_Stream_Free(file);
}
