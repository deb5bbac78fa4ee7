/*
 * render-hpdf-fontfile.c -- an embedded font's streams deflated once per
 * process instead of once per PDF.
 *
 * libharu 2.3.0 builds a TrueType font's subset (render-font.c marks nearly
 * every glyph used, so it is the same in every packet of a run) when the
 * document is saved, and deflates it there at zlib's default level: for
 * DejaVu Sans 225 KB into 108 KB, about 7 ms a font, a sixth of a packet's
 * save. dr_hpdf_fontfile_cache(font) wraps the font's before-write
 * callback: libharu's own callback first builds the font descriptor and the
 * streams, then each Flate stream it can reach (FontFile2, CIDToGIDMap,
 * ToUnicode) is looked up by its exact bytes in a process-wide table; on a
 * miss it is deflated by libdeflate at FONT_LEVEL (dr_zlib_deflate, which
 * also deflates the page streams, at their own level) and kept.
 * The stream object then holds the deflated bytes, written as they are,
 * and its write callback adds the `/Filter [ /FlateDecode ]` entry libharu
 * would have added last: the PDF is libharu's but for the font streams'
 * compressed bytes (and the lengths and offsets that follow from them),
 * the same in every document of a run.
 *
 * Keyed by the whole stream, compared byte for byte (never a hash), so a
 * document that uses other glyphs gets its own entry. At most NCACHE
 * entries; a later miss is deflated the same way and not kept.
 * Relies on: libharu 2.3.0's installed structures (hpdf_objects.h,
 *         hpdf_font.h, hpdf_streams.h): a Type0 TrueType font is a dict whose
 *         attr is a HPDF_FontAttr, and whose before_write_fn makes the
 *         descriptor with FontFile2 and sets each stream's filter. Anything
 *         else (another font type, a stream not in memory or not Flate, a
 *         callback already wrapped) is left to libharu untouched.
 * Threads: the table and the saved callback are behind one mutex.
 * Owns:   the table (malloc'd copies) until the process exits; it is
 *         reachable from a static, so leak checkers do not report it.
 * Tests:  tests/unit/test-fontfile.c (plain libharu's PDF once both are
 *         uncompressed by qpdf; one deflate per distinct stream);
 *         tests/cli/reproducible.sh and the output comparisons with main.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/font.h"
#include "render-int.h"

#define NCACHE 16
/* libdeflate's level for the font streams: zlib's default level's sizes
 * (within 1%) in about a third of its time. */
#define FONT_LEVEL 6

struct entry {
	unsigned char *raw, *z;     /* the stream as built, and deflated */
	size_t rawlen, zlen;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct entry table[NCACHE];
static size_t nentries;
static size_t ndeflated;        /* streams deflated here (the tests read it) */
static HPDF_Dict_BeforeWriteFunc libharu_before_write;

size_t dr_hpdf_fontfile_deflates(void)
{
	pthread_mutex_lock(&mu);
	size_t n = ndeflated;
	pthread_mutex_unlock(&mu);
	return n;
}

/* Gives stream dict d its deflated bytes, from the table or deflated now
 * (and kept when there is room); called with mu held. Leaves d to libharu
 * when it is not an in-memory Flate stream, or the bytes cannot be had. */
static void use_deflated(HPDF_Dict d)
{
	if (!dr_hpdf_stream_deflatable(d))
		return;
	size_t rawlen;
	unsigned char *raw = dr_hpdf_stream_bytes(d->stream, &rawlen);
	if (!raw)
		return;
	size_t i = 0;
	while (i < nentries && (table[i].rawlen != rawlen || memcmp(table[i].raw, raw, rawlen) != 0))
		i++;
	if (i < nentries) {
		free(raw);
		dr_hpdf_stream_give(d, table[i].z, table[i].zlen);   /* (not given:
		                                                      * libharu deflates it) */
		return;
	}
	size_t zlen;
	unsigned char *zc = dr_zlib_deflate(FONT_LEVEL, raw, rawlen, &zlen);
	if (!zc || !dr_hpdf_stream_give(d, zc, zlen)) {
		free(zc);           /* no compressor or no stream: libharu deflates it */
		free(raw);
		return;
	}
	ndeflated++;
	if (nentries < NCACHE) {
		table[nentries++] = (struct entry){ raw, zc, rawlen, zlen };
	} else {
		free(zc);
		free(raw);
	}
}

/* The font's before-write callback: libharu's, then the table. */
static HPDF_STATUS before_write(HPDF_Dict font)
{
	pthread_mutex_lock(&mu);
	HPDF_Dict_BeforeWriteFunc orig = libharu_before_write;
	pthread_mutex_unlock(&mu);
	HPDF_STATUS ret = orig(font);
	if (ret != HPDF_OK)
		return ret;
	HPDF_FontAttr attr = font->attr;
	HPDF_Dict desc = attr->fontdef ? attr->fontdef->descriptor : NULL;
	HPDF_Dict file = desc ? HPDF_Dict_GetItem(desc, "FontFile2", HPDF_OCLASS_DICT) : NULL;
	pthread_mutex_lock(&mu);
	use_deflated(file);
	use_deflated(attr->map_stream);
	use_deflated(attr->cmap_stream);
	pthread_mutex_unlock(&mu);
	return HPDF_OK;
}

bool dr_hpdf_is_tt_font(HPDF_Font font)
{
	return font && (font->header.obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT && font->attr &&
	       ((HPDF_FontAttr)font->attr)->type == HPDF_FONT_TYPE0_TT;
}

int dr_hpdf_fontfile_cache(HPDF_Font font)
{
	if (!dr_hpdf_is_tt_font(font) || !font->before_write_fn || font->before_write_fn == before_write)
		return -1;
	pthread_mutex_lock(&mu);
	if (!libharu_before_write)
		libharu_before_write = font->before_write_fn;
	bool ok = font->before_write_fn == libharu_before_write;
	pthread_mutex_unlock(&mu);
	if (!ok)
		return -1;
	font->before_write_fn = before_write;
	return 0;
}
