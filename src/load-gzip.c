/*
 * load-gzip.c -- a gzip stream inflated block by block, for load-csv.c.
 *
 * Takes: the compressed bytes of one file as they are read, in blocks of
 *        any size, and a sink for the text.
 * Does:  inflates them with zlib (gzip header and trailer, CRC and length
 *        checked) into a 64 KiB buffer, handing each full or final buffer
 *        to the sink; concatenated members (cat a.gz b.gz) are read one
 *        after the other as one text, as gzip -d does.
 * Returns: a reason when the data is not gzip or is damaged (zlib's own
 *        words), or when the file ends inside a member (truncated).
 * Owns: zlib's state (its 32 KiB window) and the output buffer: a fixed
 *       size whatever the file or its ratio, so a gzip bomb is only a long
 *       text, which the sink refuses as soon as it sees what it is.
 * Never: looks at the text itself.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dyadreport/dyadreport.h"
#include "load-int.h"

#define OUT_SIZE (64 * 1024)

struct dr_load_gzip {
	z_stream z;
	bool member_ended;          /* the last member so far is complete */
	unsigned char out[OUT_SIZE];
};

bool dr_load_gzip_magic(const char *buf, size_t n)
{
	return n >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b;
}

struct dr_load_gzip *dr_load_gzip_new(void)
{
	struct dr_load_gzip *g = dr_xcalloc(1, sizeof *g);
	/* 15 + 16: a gzip stream only (not zlib or raw deflate). */
	if (inflateInit2(&g->z, 15 + 16) != Z_OK) {
		free(g);
		return NULL;
	}
	return g;
}

/* zlib's reason for a failed inflate(), in words a user can act on. */
static const char *reason(const struct dr_load_gzip *g, int ret)
{
	if (ret == Z_MEM_ERROR)
		return "out of memory";
	return g->z.msg ? g->z.msg : "invalid data";
}

const char *dr_load_gzip_feed(struct dr_load_gzip *g, const char *in, size_t n,
                              bool (*sink)(const char *text, size_t len, void *ctx), void *ctx,
                              bool *stopped)
{
	*stopped = false;
	if (n == 0)
		return NULL;
	if (g->member_ended) {          /* another member follows the last one */
		inflateReset(&g->z);
		g->member_ended = false;
	}
	g->z.next_in = (unsigned char *)in;
	g->z.avail_in = (uInt)n;       /* n is one read block: far below 4 GiB */
	for (;;) {
		g->z.next_out = g->out;
		g->z.avail_out = OUT_SIZE;
		int ret = inflate(&g->z, Z_NO_FLUSH);
		size_t made = OUT_SIZE - g->z.avail_out;
		if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
			return reason(g, ret);
		if (made && !sink((const char *)g->out, made, ctx)) {
			*stopped = true;
			return NULL;
		}
		if (ret == Z_STREAM_END) {
			g->member_ended = true;
			if (g->z.avail_in == 0)
				return NULL;
			inflateReset(&g->z);    /* the next member */
			g->member_ended = false;
			continue;
		}
		/* Z_BUF_ERROR or a partly filled buffer: all input is taken in. */
		if (g->z.avail_in == 0 && g->z.avail_out != 0)
			return NULL;
		if (ret == Z_BUF_ERROR && made == 0)
			return NULL;
	}
}

bool dr_load_gzip_complete(const struct dr_load_gzip *g)
{
	return g->member_ended;
}

void dr_load_gzip_free(struct dr_load_gzip *g)
{
	if (!g)
		return;
	inflateEnd(&g->z);
	free(g);
}
