/*
 * render-deflate.c -- dr_deflate_rows(): a zlib stream of PNG rows, made
 * for charts.
 *
 * A chart is mostly runs: a pixel like the one to its left (a flat area,
 * a gridline) or like the one above it (a bar, an axis; most rows equal
 * the row above). So at each position the repeats looked for are those
 * two, at distance 3 (one RGB pixel back; preferred on a tie, as it needs
 * no extra bits) and at distance rowlen (one row up), compared 16 bytes
 * at a time; only where neither gives MIN_MATCH bytes, one more candidate: the
 * last such position whose next 4 bytes hashed the same (a glyph drawn
 * again, in the manner of LZ4). Anything else is a literal byte. A general
 * compressor searches hash chains at every position; on the 84 charts of
 * a three-dyad run, libdeflate at level 4 took 0.74 s for 5.75 MB, this
 * 0.15 s for 5.85 MB (doc/guide.md, Performance).
 *
 * The tokens go out as deflate blocks (RFC 1951) with dynamic Huffman
 * codes built from each block's own counts, lengths limited to 15 bits
 * (7 for the code-length code) by halving the counts until they fit. Every
 * code has at least two symbols, so it is complete, as zlib's inflate
 * wants. Blocks hold up to BLOCK_TOKENS tokens, so memory is flat.
 *
 * Takes: data[0..rows * rowlen), rows of rowlen bytes (a PNG filter byte
 *        and the row's pixels, 3 bytes each), made ready a band of
 *        BAND_ROWS rows at a time by the caller's fill(), just ahead of
 *        the encoder, and summed (Adler-32) right then, so that each row
 *        is read from the cache, not memory, by both.
 * Appends: to the caller's buffer, a zlib stream (RFC 1950: header,
 *          deflate blocks, Adler-32): the same bytes for the same input
 *          on a machine of the same byte order.
 * Owns: the encoder's state (tokens, hash table: 320 KB), one per calling
 *       thread, kept for the next image and never freed.
 * Never: fails (allocation failure ends the program, as dr_xmalloc does).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dyadreport/dyadreport.h"
#include "render-int.h"

#define BLOCK_TOKENS (1u << 16)
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_DIST 32768
#define NLITLEN 286
#define NDIST 30
#define NCL 19
#define SEEN_BITS 14
/* Bytes a block of ntok tokens can take: its header, and at most 48 bits
 * a token (with the end of block). */
#define BLOCK_ROOM(ntok) (1024 + 6 * (size_t)(ntok))
/* Rows made ready at a time (75 KB of a 1600-pixel chart: in L2). */
#define BAND_ROWS 16

/* A token: a literal byte (< 256), or a match with its codes worked out:
 * MATCH | length code << 26 | distance code << 21 | the distance's extra
 * bits << 8 | the length's extra bits (see match()). */
#define MATCH 0x80000000u

/* ---- output bits, least significant first ---- */

struct bits {
	unsigned char *p;           /* next byte to write (room reserved) */
	uint64_t acc;
	unsigned n;                 /* bits in acc, < 32 between calls */
};

static inline void put(struct bits *b, uint32_t v, unsigned k)
{
	b->acc |= (uint64_t)v << b->n;
	b->n += k;
	if (b->n >= 32) {
		uint32_t w = (uint32_t)b->acc;
		b->p[0] = (unsigned char)w;
		b->p[1] = (unsigned char)(w >> 8);
		b->p[2] = (unsigned char)(w >> 16);
		b->p[3] = (unsigned char)(w >> 24);
		b->p += 4;
		b->acc >>= 32;
		b->n -= 32;
	}
}

/* Writes the bits left, padded with zeros to a whole byte. */
static void flush(struct bits *b)
{
	while (b->n > 0) {
		*b->p++ = (unsigned char)b->acc;
		b->acc >>= 8;
		b->n = b->n > 8 ? b->n - 8 : 0;
	}
	b->acc = 0;
}

/* ---- length and distance codes (RFC 1951, 3.2.5) ---- */

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                       35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                       3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* The code (0..28, for symbol 257 + it) of a match length 3..258: four
 * codes for each power of two of length - 3 from 8 on. */
static inline unsigned len_code(unsigned len)
{
	unsigned v = len - 3;
	if (len == MAX_MATCH)
		return 28;
	if (v < 8)
		return v;
	unsigned top = 31u - (unsigned)__builtin_clz(v);
	return 4 * (top - 1) + ((v >> (top - 2)) & 3);
}

/* The code (0..29) of a distance 1..32768, its extra bits and their value. */
static unsigned dist_code(unsigned d, unsigned *nextra, unsigned *extra)
{
	if (d <= 4) {
		*nextra = *extra = 0;
		return d - 1;
	}
	unsigned v = d - 1, top = 31u - (unsigned)__builtin_clz(v);     /* v >= 4: top >= 2 */
	*nextra = top - 1;
	*extra = v & ((1u << (top - 1)) - 1);
	return 2 * top + ((v >> (top - 1)) & 1);
}

/* ---- Huffman codes ---- */

struct code {
	uint8_t len[NLITLEN];
	uint16_t bits[NLITLEN];     /* the code, bit-reversed for put() */
};

struct leaf {
	uint32_t freq;
	uint16_t sym;
};

static int by_freq(const void *a, const void *b)
{
	const struct leaf *x = a, *y = b;
	if (x->freq != y->freq)
		return x->freq < y->freq ? -1 : 1;
	return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* Code lengths for freq[0..n), none over limit; at least two symbols must
 * have a count. Huffman's two-queue construction on the sorted leaves;
 * when the tree is too deep, the counts are halved (kept >= 1) and it is
 * built again. */
static void huffman(const uint32_t *freq, unsigned n, unsigned limit, uint8_t *len)
{
	struct leaf leaf[NLITLEN];
	uint32_t weight[2 * NLITLEN];
	uint16_t parent[2 * NLITLEN];
	uint8_t depth[2 * NLITLEN];
	unsigned m = 0;
	for (unsigned s = 0; s < n; s++)
		if (freq[s])
			leaf[m++] = (struct leaf){ freq[s], (uint16_t)s };
	memset(len, 0, n);
	qsort(leaf, m, sizeof *leaf, by_freq);
	for (;;) {
		for (unsigned i = 0; i < m; i++)
			weight[i] = leaf[i].freq;
		unsigned a = 0, b = m, next = m;        /* leaves a.., nodes b..next */
		while (next < 2 * m - 1) {
			unsigned pick[2];
			for (int k = 0; k < 2; k++)
				pick[k] = a < m && (b == next || weight[a] <= weight[b]) ? a++ : b++;
			weight[next] = weight[pick[0]] + weight[pick[1]];
			parent[pick[0]] = parent[pick[1]] = (uint16_t)next;
			next++;
		}
		unsigned deepest = 0;
		depth[2 * m - 2] = 0;
		for (unsigned i = 2 * m - 2; i-- > 0;) {
			depth[i] = (uint8_t)(depth[parent[i]] + 1);
			if (depth[i] > deepest)
				deepest = depth[i];
		}
		if (deepest <= limit) {
			for (unsigned i = 0; i < m; i++)
				len[leaf[i].sym] = depth[i];
			return;
		}
		for (unsigned i = 0; i < m; i++)         /* order kept: halving is monotone */
			leaf[i].freq = (leaf[i].freq >> 1) | 1;
	}
}

/* Canonical codes for the lengths c->len[0..n) (RFC 1951, 3.2.2). */
static void assign(struct code *c, unsigned n)
{
	unsigned count[16] = { 0 }, next[16];
	for (unsigned s = 0; s < n; s++)
		count[c->len[s]]++;
	count[0] = 0;
	unsigned code = 0;
	for (unsigned l = 1; l < 16; l++) {
		code = (code + count[l - 1]) << 1;
		next[l] = code;
	}
	for (unsigned s = 0; s < n; s++) {
		unsigned l = c->len[s];
		if (!l)
			continue;
		unsigned v = next[l]++, r = 0;
		for (unsigned k = 0; k < l; k++)
			r |= ((v >> k) & 1) << (l - 1 - k);
		c->bits[s] = (uint16_t)r;
	}
}

/* ---- blocks ---- */

struct encoder {
	uint32_t tok[BLOCK_TOKENS];
	uint32_t lfreq[NLITLEN], dfreq[NDIST];     /* of the tokens gathered */
	uint32_t seen[1u << SEEN_BITS];     /* the last literal position with
	                                     * each hash of its 4 bytes
	                                     * (UINT32_MAX: none) */
	unsigned ntok;
	struct dr_membuf *out;      /* the caller's; its len is b.p's, once done */
	struct bits b;
};

/* Run-length codes of the code lengths (RFC 1951, 3.2.7): symbols 0..18
 * in sym[], their extra bits' values in extra[]; returns how many. */
static unsigned rle_lengths(const uint8_t *l, unsigned n, uint8_t *sym, uint8_t *extra)
{
	unsigned k = 0;
	for (unsigned i = 0; i < n;) {
		unsigned run = 1;
		while (i + run < n && l[i + run] == l[i])
			run++;
		if (l[i] == 0 && run >= 3) {
			unsigned r = run > 138 ? 138 : run;
			sym[k] = r >= 11 ? 18 : 17;
			extra[k++] = (uint8_t)(r >= 11 ? r - 11 : r - 3);
			i += r;
		} else if (l[i] != 0 && run >= 4) {
			sym[k] = l[i];
			extra[k++] = 0;
			unsigned r = run - 1 > 6 ? 6 : run - 1;
			sym[k] = 16;
			extra[k++] = (uint8_t)(r - 3);
			i += 1 + r;
		} else {
			sym[k] = l[i];
			extra[k++] = 0;
			i++;
		}
	}
	return k;
}

/* Writes the tokens gathered as one dynamic-Huffman block. */
static void emit_block(struct encoder *e, bool last)
{
	uint32_t *lfreq = e->lfreq, *dfreq = e->dfreq;      /* counted by token() */
	lfreq[256]++;               /* end of block */
	lfreq[0] += lfreq[0] == 0;  /* two symbols at least in each code */
	dfreq[0] += dfreq[0] == 0;
	dfreq[1] += dfreq[1] == 0;
	struct code lit, dist, cl;
	huffman(lfreq, NLITLEN, 15, lit.len);
	huffman(dfreq, NDIST, 15, dist.len);
	assign(&lit, NLITLEN);
	assign(&dist, NDIST);

	unsigned hlit = NLITLEN, hdist = NDIST;
	while (hlit > 257 && !lit.len[hlit - 1])
		hlit--;
	while (hdist > 1 && !dist.len[hdist - 1])
		hdist--;
	uint8_t all[NLITLEN + NDIST], sym[NLITLEN + NDIST], extra[NLITLEN + NDIST];
	memcpy(all, lit.len, hlit);
	memcpy(all + hlit, dist.len, hdist);
	unsigned nsym = rle_lengths(all, hlit + hdist, sym, extra);
	uint32_t cfreq[NCL] = { 0 };
	for (unsigned i = 0; i < nsym; i++)
		cfreq[sym[i]]++;
	cfreq[0] += cfreq[0] == 0;
	cfreq[18] += cfreq[18] == 0;
	huffman(cfreq, NCL, 7, cl.len);
	assign(&cl, NCL);
	static const uint8_t order[NCL] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2,
	                                    14, 1, 15 };
	unsigned hclen = NCL;
	while (hclen > 4 && !cl.len[order[hclen - 1]])
		hclen--;

	/* room: the header, then at most 48 bits a token (and, for the last
	 * block, the flush and the Adler-32) */
	e->out->len = (size_t)(e->b.p - e->out->p);
	dr_membuf_reserve(e->out, BLOCK_ROOM(e->ntok));
	e->b.p = e->out->p + e->out->len;
	struct bits *b = &e->b;
	put(b, last, 1);
	put(b, 2, 2);               /* dynamic Huffman codes */
	put(b, hlit - 257, 5);
	put(b, hdist - 1, 5);
	put(b, hclen - 4, 4);
	for (unsigned i = 0; i < hclen; i++)
		put(b, cl.len[order[i]], 3);
	static const uint8_t cl_extra[3] = { 2, 3, 7 };
	for (unsigned i = 0; i < nsym; i++) {
		put(b, cl.bits[sym[i]], cl.len[sym[i]]);
		if (sym[i] >= 16)
			put(b, extra[i], cl_extra[sym[i] - 16]);
	}
	for (unsigned i = 0; i < e->ntok; i++) {
		uint32_t t = e->tok[i];
		if (!(t & MATCH)) {
			put(b, lit.bits[t], lit.len[t]);
			continue;
		}
		unsigned lc = (t >> 26) & 31, dc = (t >> 21) & 31;
		put(b, lit.bits[257 + lc], lit.len[257 + lc]);
		put(b, t & 0xff, len_extra[lc]);
		put(b, dist.bits[dc], dist.len[dc]);
		put(b, (t >> 8) & 0x1fff, dist_extra[dc]);
	}
	put(b, lit.bits[256], lit.len[256]);
	e->ntok = 0;
	memset(e->lfreq, 0, sizeof e->lfreq);
	memset(e->dfreq, 0, sizeof e->dfreq);
}

static inline void token(struct encoder *e, uint32_t t)
{
	e->tok[e->ntok++] = t;
	if (e->ntok == BLOCK_TOKENS)
		emit_block(e, false);
}

static inline void literal(struct encoder *e, unsigned char c)
{
	e->lfreq[c]++;
	token(e, c);
}

/* A repeat of len bytes (3..258) from dist back (1..32768). */
static inline void match(struct encoder *e, unsigned len, unsigned dist)
{
	unsigned lc = len_code(len), ne, ev, dc = dist_code(dist, &ne, &ev);
	e->lfreq[257 + lc]++;
	e->dfreq[dc]++;
	token(e, MATCH | lc << 26 | dc << 21 | ev << 8 | (len - len_base[lc]));
}

/* How many bytes from a equal those from b, up to max: 16 at a time with
 * SSE2 (every x86-64 has it), then 8, then one by one. */
static inline size_t same(const unsigned char *a, const unsigned char *b, size_t max)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; i + 16 <= max; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(a + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(b + i));
		unsigned diff = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xffffu;
		if (diff)
			return i + (size_t)__builtin_ctz(diff);
	}
#endif
	for (; i + 8 <= max; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			return i + (size_t)__builtin_clzll(x ^ y) / 8;
#else
			return i + (size_t)__builtin_ctzll(x ^ y) / 8;
#endif
	}
	while (i < max && a[i] == b[i])
		i++;
	return i;
}

/* Whether the first three bytes of the word here (data[i..i+4), as loaded)
 * equal those at p. */
static inline bool three_same(uint32_t here, const unsigned char *p)
{
	uint32_t there;
	memcpy(&there, p, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return ((here ^ there) >> 8) == 0;
#else
	return ((here ^ there) & 0xFFFFFFu) == 0;
#endif
}

void dr_deflate_rows(unsigned char *data, size_t rows, size_t rowlen, struct dr_membuf *out,
                     dr_rows_fill_fn fill, void *ctx)
{
	/* kept from one chart to the next (never freed): fresh pages for its
	 * 320 KB cost more than the clearing of seen[] */
	static _Thread_local struct encoder *e;
	if (!e)
		e = dr_xmalloc(sizeof *e);
	e->ntok = 0;
	memset(e->lfreq, 0, sizeof e->lfreq);
	memset(e->dfreq, 0, sizeof e->dfreq);
	memset(e->seen, 0xff, sizeof e->seen);
	size_t n = rows * rowlen;
	static const unsigned char header[2] = { 0x78, 0x01 };  /* deflate, 32 KiB
	                                                         * window; % 31 == 0 */
	/* Room for a full block's worst case from the start (emit_block
	 * reserves it): grown from a little, the buffer was copied into fresh
	 * pages two or three times an image. Only the pages written are
	 * touched. */
	dr_membuf_reserve(out, sizeof header + BLOCK_ROOM(BLOCK_TOKENS));
	dr_membuf_put(out, header, sizeof header);
	e->out = out;
	e->b = (struct bits){ .p = out->p + out->len };
	size_t up = rowlen <= MAX_DIST ? rowlen : 0;    /* 0: rows too wide to refer to */
	/* The rows made ready (and summed for the Adler-32) a band at a time,
	 * at least MAX_MATCH + 8 bytes ahead of i: a position compares up to
	 * MAX_MATCH bytes and hashes 4 (the rest is margin). */
	size_t ready = 0;
	uint32_t a = 1;
	for (size_t i = 0; i < n;) {
		while (ready < n && ready <= i + MAX_MATCH + 8) {
			size_t first = ready / rowlen;
			size_t end = rows - first < BAND_ROWS ? rows : first + BAND_ROWS;
			fill(ctx, first, end);
			a = libdeflate_adler32(a, data + ready, end * rowlen - ready);
			ready = end * rowlen;
		}
		/* positions before stop read only ready bytes */
		size_t stop = ready == n ? n : ready - (MAX_MATCH + 8);
		while (i < stop) {
			size_t max = n - i < MAX_MATCH ? n - i : MAX_MATCH, best = 0, dist = 0;
			/* Only a repeat of MIN_MATCH bytes or more counts, so the
			 * full compares start only where the first three bytes
			 * agree: at an antialiased edge (half the positions of a
			 * chart are literals) neither does, and two compares of
			 * three bytes replace two loops. */
			uint32_t here = 0;
			bool quick = n - i >= 4;
			if (quick)
				memcpy(&here, data + i, 4);
			if (i >= 3 && (!quick || three_same(here, data + i - 3))) {
				best = same(data + i, data + i - 3, max);
				dist = 3;
			}
			if (best < max && up && i >= up && (!quick || three_same(here, data + i - up))) {
				size_t l = same(data + i, data + i - up, max);
				if (l > best) {
					best = l;
					dist = up;
				}
			}
			if (best < MIN_MATCH && n - i >= 4) {
				/* (loaded again rather than reusing here: keeping
				 * here live across the compares cost 4% more
				 * instructions, measured) */
				uint32_t v;
				memcpy(&v, data + i, 4);
				uint32_t *slot = &e->seen[(v * 2654435761u) >> (32 - SEEN_BITS)];
				size_t at = *slot;
				*slot = (uint32_t)i;
				if (at < i && i - at <= MAX_DIST) {
					size_t l = same(data + i, data + at, max);
					if (l > best) {
						best = l;
						dist = i - at;
					}
				}
			}
			if (best >= MIN_MATCH) {
				match(e, (unsigned)best, (unsigned)dist);
				i += best;
			} else {
				literal(e, data[i]);
				i++;
			}
		}
	}
	emit_block(e, true);
	flush(&e->b);
	unsigned char *p = e->b.p;
	p[0] = (unsigned char)(a >> 24);
	p[1] = (unsigned char)(a >> 16);
	p[2] = (unsigned char)(a >> 8);
	p[3] = (unsigned char)a;
	out->len = (size_t)(p + 4 - out->p);
	e->out = NULL;
}
