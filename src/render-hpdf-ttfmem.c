/*
 * render-hpdf-ttfmem.c -- a loaded TrueType font read from memory when
 * libharu builds its subset, and each distinct subset built once per
 * process.
 *
 * libharu 2.3.0 keeps the font file open as a stdio stream for the
 * document's life and, when the document is saved, copies the subset out
 * of it (HPDF_TTFontDef_SaveFontData): a seek for every glyph and table and
 * a read of 2 or 4 bytes at a time, each read zeroing its buffer first;
 * every seek drops stdio's buffer, so a packet cost about 8,000 lseek(2)
 * and as many 4 KB refills. Then it checksums the subset 4 bytes a call
 * through its memory stream. A packet's subset is the same in every packet
 * of a run (render-font.c marks the same glyphs), yet it was built anew
 * each time: a twelfth of a packet's instructions.
 *
 * dr_hpdf_ttf_in_memory(), right after HPDF_LoadTTFontFromFile, reads the
 * whole file from libharu's own stdio stream and puts in its place a
 * callback stream over those bytes, with the file stream's behaviour:
 * reads past the end give what there is, zero the rest and return
 * HPDF_STREAM_EOF; a seek before the start is an error; tell and size as
 * for the file. The bytes are kept once per process for each distinct file
 * content (compared byte for byte), so documents share them.
 *
 * HPDF_TTFontDef_SaveFontData is defined here too: libharu calls it
 * through its PLT, so this definition is the one called (a libharu built
 * without that, e.g. with -Bsymbolic, simply never calls it: its own runs,
 * as before). It looks the subset up by what libharu's result depends on:
 * the font's bytes (the shared copy, so by address), the used-glyph flags
 * and the subset's tag names, all compared exactly; on a miss it calls
 * libharu's own (dlsym RTLD_NEXT) and keeps what it wrote and its Length1.
 * A hit writes those bytes and sets Length1: the PDF's bytes are the same.
 * A definition whose stream is not ours, or a non-empty or non-memory
 * target stream, goes straight to libharu's.
 *
 * Relies on: libharu 2.3.0's installed structures (hpdf_fontdef.h: a
 *         TrueType definition's attr is a HPDF_TTFontDefAttr whose stream
 *         is freed with the definition through HPDF_Stream_Free, which
 *         calls the stream's free_fn; SaveFontData writes only its target
 *         stream and attr->length1).
 * Leaves alone: a font of another type, or one whose file cannot be read
 *         whole: libharu reads the file. A definition whose stream has
 *         its own copy of the bytes (the kept table full) is not looked up
 *         for its subset: libharu builds it.
 * Threads: the process-wide tables are behind one mutex.
 * Owns:   the kept font bytes and subsets (at most NKEPT each) until the
 *         process exits, reachable from statics; each stream's position
 *         (malloc'd) and its own copy when the table is full, freed with
 *         the stream.
 * Tests:  tests/unit/test-fontfile.c (the swap, the stream's ends, one
 *         subset built for many documents; the PDF, once qpdf has decoded
 *         its streams, the same as plain libharu's).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* RTLD_NEXT */
#endif
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_streams.h>

#include "dyadreport/dyadreport.h"
#include "render-int.h"

#define NKEPT 8

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* A font file's bytes, kept for the process (or the stream's own copy). */
struct font {
	unsigned char *p;
	size_t len;
};
static struct font fonts[NKEPT];
static size_t nfonts;

/* A callback stream's state: the bytes and the position. */
struct bytes {
	const unsigned char *p;
	HPDF_UINT32 len;
	HPDF_UINT32 pos;
	unsigned char *own;         /* malloc'd copy when no room was kept */
};

static HPDF_STATUS read_fn(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct bytes *b = s->attr;
	HPDF_UINT left = b->pos < b->len ? b->len - b->pos : 0;
	HPDF_UINT n = *siz < left ? *siz : left;
	if (n)
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
	free(b->own);
	free(b);
	s->attr = NULL;
}

/* The kept copy of the file bytes p[0..len) (taking p), or NULL when there
 * is no room (p stays the caller's). */
static const unsigned char *keep_font(unsigned char *p, size_t len)
{
	pthread_mutex_lock(&mu);
	const unsigned char *kept = NULL;
	for (size_t i = 0; i < nfonts && !kept; i++)
		if (fonts[i].len == len && memcmp(fonts[i].p, p, len) == 0)
			kept = fonts[i].p;
	if (kept)
		free(p);
	else if (nfonts < NKEPT) {
		fonts[nfonts++] = (struct font){ p, len };
		kept = p;
	}
	pthread_mutex_unlock(&mu);
	return kept;
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
	if (len <= 0 || len > INT32_MAX || fseek(fp, 0, SEEK_SET) != 0) {
		if (was >= 0)
			fseek(fp, was, SEEK_SET);
		return;
	}
	unsigned char *p = dr_xmalloc((size_t)len);
	struct bytes *b = dr_xmalloc(sizeof *b);
	HPDF_Stream mem = NULL;
	if (fread(p, 1, (size_t)len, fp) == (size_t)len) {
		const unsigned char *kept = keep_font(p, (size_t)len);
		*b = (struct bytes){ kept ? kept : p, (HPDF_UINT32)len, (HPDF_UINT32)was, kept ? NULL : p };
		p = NULL;                       /* kept, or the stream's own */
		mem = HPDF_CallbackReader_New(def->mmgr, read_fn, seek_fn, tell_fn, size_fn, b);
		if (!mem) {
			p = b->own;
			HPDF_ResetError(pdf);   /* its allocation error: the file stream stays */
		}
	}
	if (!mem) {                         /* libharu goes on reading the file */
		fseek(fp, was, SEEK_SET);
		free(p);
		free(b);
		return;
	}
	mem->free_fn = free_fn;
	attr->stream = mem;
	HPDF_Stream_Free(file);
}

/* ---- the subset, built once ---- */

/* What a font subset depends on, and what libharu made of it. */
struct subset {
	const unsigned char *font;  /* a kept font's bytes */
	unsigned char *flgs;        /* nglyphs used-glyph flags */
	HPDF_UINT nglyphs;
	char tag[sizeof ((HPDF_TTFontDefAttr)0)->tag_name];
	char tag2[sizeof ((HPDF_TTFontDefAttr)0)->tag_name2];
	unsigned char *out;         /* what SaveFontData wrote */
	size_t outlen;
	HPDF_UINT length1;
};
static struct subset subsets[NKEPT];
static size_t nsubsets;
static size_t nbuilt;           /* subsets built by libharu (the tests read it) */

size_t dr_hpdf_subsets_built(void)
{
	pthread_mutex_lock(&mu);
	size_t n = nbuilt;
	pthread_mutex_unlock(&mu);
	return n;
}

typedef HPDF_STATUS (*save_font_data_fn)(HPDF_FontDef, HPDF_Stream);

/* libharu's own HPDF_TTFontDef_SaveFontData. */
static save_font_data_fn libharu_save(void)
{
	static save_font_data_fn fn;
	pthread_mutex_lock(&mu);
	if (!fn)
		fn = (save_font_data_fn)dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData");
	save_font_data_fn f = fn;
	pthread_mutex_unlock(&mu);
	return f;
}

/* The kept subset of a definition whose font bytes are font; NULL if none.
 * Called with mu held. */
static const struct subset *find_subset(const HPDF_TTFontDefAttr attr, const unsigned char *font)
{
	for (size_t i = 0; i < nsubsets; i++) {
		const struct subset *k = &subsets[i];
		if (k->font == font && k->nglyphs == attr->num_glyphs &&
		    memcmp(k->tag, attr->tag_name, sizeof k->tag) == 0 &&
		    memcmp(k->tag2, attr->tag_name2, sizeof k->tag2) == 0 &&
		    memcmp(k->flgs, attr->glyph_tbl.flgs, k->nglyphs) == 0)
			return k;
	}
	return NULL;
}

HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream);

HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream)
{
	save_font_data_fn save = libharu_save();
	if (!save)
		return HPDF_SetError(fontdef->error, HPDF_INVALID_OPERATION, 0);
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)fontdef->attr;
	const struct bytes *b = attr && attr->stream && attr->stream->read_fn == read_fn
	                        ? attr->stream->attr : NULL;
	if (!b || b->own || !attr->glyph_tbl.flgs || !stream || stream->type != HPDF_STREAM_MEMORY ||
	    stream->size != 0)
		return save(fontdef, stream);
	pthread_mutex_lock(&mu);
	const struct subset *k = find_subset(attr, b->p);
	pthread_mutex_unlock(&mu);
	if (k) {                /* kept subsets never change or go: no lock needed */
		HPDF_STATUS ret = HPDF_Stream_Write(stream, k->out, (HPDF_UINT)k->outlen);
		if (ret == HPDF_OK)
			attr->length1 = k->length1;
		return ret;
	}
	HPDF_STATUS ret = save(fontdef, stream);
	if (ret != HPDF_OK)
		return ret;
	size_t outlen;
	unsigned char *out = dr_hpdf_stream_bytes(stream, &outlen);
	pthread_mutex_lock(&mu);
	nbuilt++;
	if (out && nsubsets < NKEPT && !find_subset(attr, b->p)) {
		struct subset *n = &subsets[nsubsets++];
		n->font = b->p;
		n->nglyphs = attr->num_glyphs;
		n->flgs = dr_xmalloc(n->nglyphs ? n->nglyphs : 1);
		memcpy(n->flgs, attr->glyph_tbl.flgs, n->nglyphs);
		memcpy(n->tag, attr->tag_name, sizeof n->tag);
		memcpy(n->tag2, attr->tag_name2, sizeof n->tag2);
		n->out = out;
		n->outlen = outlen;
		n->length1 = attr->length1;
		out = NULL;
	}
	pthread_mutex_unlock(&mu);
	free(out);
	return ret;
}
