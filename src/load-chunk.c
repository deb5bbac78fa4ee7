/*
 * load-chunk.c -- one large extract file parsed on several threads, its
 * rows settled in file order on the calling thread.
 *
 * Takes: a file, its delimiter, the caller's sequential row callback (for
 *        the header and any way back) and struct dr_load_chunk_ops (a
 *        worker's own row state that judges rows into a batch; the batch
 *        settled on the calling thread), the threads allowed.
 * Does:  reads the file in pieces at record boundaries: the header record
 *        first, on this thread; then chunks of about DR_LOAD_CHUNK_BYTES,
 *        each cut at the first line end at or after that size that lies
 *        outside quotes (quote parity counted from the start of the file,
 *        so quoted line ends are never cut). Whichever thread is free takes
 *        the next chunk (reading it under the lock, with the watchdog, as
 *        the sequential reader would), parses it with its own libcsv
 *        parser (load-csv.c) and judges its rows into its own batch; this
 *        thread settles the batches strictly in chunk order, each row's
 *        line being the chunk's line plus the lines of the chunks before.
 *        So the rows reach the counts, messages (and their cap), the
 *        duplicate-id set and the row callback in the order, and with the
 *        lines, of a read on one thread, whatever the threads' timing.
 * Way back: a chunk that did not end cleanly between two records (a quote
 *        the parity could not see, a broken row running past the cut, a
 *        quoted field never closed, a read error, the file grown or
 *        shrunk) is dropped with every chunk after it, and the file is read
 *        on from that chunk's start by the sequential reader, which says
 *        what is wrong as it always does.
 * Never: splits a file under 2 chunks, not regular, gzip, or whose header
 *        record does not end within the first chunk (then it returns
 *        DR_LOAD_NOT_CHUNKED having delivered nothing); holds more than
 *        4 x threads + 2 chunks and their batches at once.
 * Testing/tuning: DYADREPORT_CHUNK_BYTES (a whole number of bytes >= 1)
 *        overrides the chunk size, so that tests cut small files into many
 *        chunks.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "load-int.h"

#define READ_STEP (64 * 1024)

struct slot {
	void *batch;                /* the chunk's judged rows */
	long long start, end;       /* its bytes in the file */
	long lines;                 /* its line ends */
	bool done;                  /* parsed (batch, lines and clean set) */
	bool clean;
};

struct engine {
	const struct dr_load_chunk_ops *ops;
	void *ctx;
	char delim;
	size_t chunk;               /* bytes per chunk, before the cut */
	int fd;
	struct dr_load_watch *watch;
	long long size;             /* the file's size at open */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* under mu: */
	long long off;              /* where the next chunk starts */
	char *carry;                /* bytes read past the last cut */
	size_t ncarry, capcarry;
	bool eof;                   /* the last chunk has been taken */
	bool stop;                  /* no more chunks: the caller goes back */
	size_t next;                /* chunks taken */
	size_t settled;             /* chunks settled */
	size_t nring;
	struct slot *ring;          /* chunk k in ring[k % nring] */
	void **spare;               /* settled batches to reuse */
	size_t nspare;
};

/* The chunk size: DYADREPORT_CHUNK_BYTES, else DR_LOAD_CHUNK_BYTES. */
static size_t chunk_bytes(void)
{
	const char *s = getenv("DYADREPORT_CHUNK_BYTES");
	if (s && *s) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(s, &end, 10);
		if (!*end && !errno && v >= 1 && v <= (1ULL << 30))
			return (size_t)v;
	}
	return DR_LOAD_CHUNK_BYTES;
}

/* Where the first record of buf[from..n) ends: just past the first LF at
 * or after `from` outside quotes, *in being the quote parity at `from`
 * (kept up to date); 0 when there is none in buf. */
static size_t cut_after(const char *buf, size_t from, size_t n, bool *in)
{
	for (size_t i = from; i < n; i++) {
		if (buf[i] == '"')
			*in = !*in;
		else if (buf[i] == '\n' && !*in)
			return i + 1;
	}
	return 0;
}

/* Quote parity change over buf[0..n): whether it holds an odd number of
 * quotes. */
static bool odd_quotes(const char *buf, size_t n)
{
	bool odd = false;
	const char *p = buf, *end = buf + n;
	while (p < end && (p = memchr(p, '"', (size_t)(end - p)))) {
		odd = !odd;
		p++;
	}
	return odd;
}

/* Reads the next piece into *buf (grown as needed): the carried bytes and
 * more, up to the first record boundary at or after `want` bytes, or the
 * end of the file. Called under mu. False on a read error, when the file
 * ended before its size at open or goes on past it, or (max > 0) when no
 * record boundary comes within max bytes. */
static bool read_piece(struct engine *g, char **buf, size_t *cap, size_t want, size_t max,
                       size_t *len, bool *last)
{
	size_t n = 0, scanned = 0;
	bool in = false;
	size_t need = (want > g->ncarry ? want : g->ncarry) + READ_STEP;
	if (*cap < need) {
		*cap = need;
		*buf = dr_xrealloc(*buf, *cap);
	}
	if (g->ncarry)
		memcpy(*buf, g->carry, g->ncarry);
	n = g->ncarry;
	g->ncarry = 0;
	long long read_to = g->off + (long long)n;     /* file offset after buf[n-1] */
	for (;;) {
		/* fill up to want (or the next step when looking for the cut) */
		size_t goal = n < want ? want : n + READ_STEP;
		if (*cap < goal) {
			*cap = goal + READ_STEP;
			*buf = dr_xrealloc(*buf, *cap);
		}
		long long left = g->size - read_to;
		size_t ask = goal - n;
		if ((long long)ask > left)
			ask = (size_t)left;
		if (ask > 0) {
			long got = dr_load_csv_read(g->fd, *buf + n, ask, g->watch);
			if (got < 0 || (size_t)got != ask)
				return false;   /* an error, or shrunk */
			n += (size_t)got;
			read_to += got;
		}
		if (read_to == g->size) {
			char c;
			if (dr_load_csv_read(g->fd, &c, 1, g->watch) != 0)
				return false;   /* grown */
		}
		if (n >= want || read_to == g->size) {
			if (scanned < want && n > scanned) {
				size_t upto = n < want ? n : want;
				in ^= odd_quotes(*buf + scanned, upto - scanned);
				scanned = upto;
			}
			size_t c = n > scanned ? cut_after(*buf, scanned, n, &in) : 0;
			if (c) {
				g->ncarry = n - c;
				if (g->capcarry < g->ncarry) {
					g->capcarry = g->ncarry + READ_STEP;
					g->carry = dr_xrealloc(g->carry, g->capcarry);
				}
				if (g->ncarry)
					memcpy(g->carry, *buf + c, g->ncarry);
				*len = c;
				*last = read_to == g->size && g->ncarry == 0;
				return true;
			}
			scanned = n;
			if (read_to == g->size) {
				*len = n;
				*last = true;
				return true;
			}
			if (max && n >= max)
				return false;
		}
	}
}

/* Takes the next chunk for this thread to parse: its index and bytes;
 * false when there is none (end of file, or stopped), or, unless wait
 * (the settling thread must never wait here), while the ring is full;
 * with wait, waits for a free place. */
static bool take(struct engine *g, bool wait, size_t *k, char **buf, size_t *cap, size_t *len,
                 bool *last)
{
	pthread_mutex_lock(&g->mu);
	while (wait && !g->eof && !g->stop && g->next - g->settled >= g->nring)
		pthread_cond_wait(&g->cv, &g->mu);
	if (g->eof || g->stop || g->next - g->settled >= g->nring) {
		pthread_mutex_unlock(&g->mu);
		return false;
	}
	*k = g->next++;
	struct slot *s = &g->ring[*k % g->nring];
	*s = (struct slot){ .start = g->off };
	if (!read_piece(g, buf, cap, g->chunk, 0, len, last)) {
		s->done = true;     /* not clean: the caller reads on from start */
		g->eof = true;
		pthread_cond_broadcast(&g->cv);
		pthread_mutex_unlock(&g->mu);
		*len = 0;
		return false;
	}
	g->off += (long long)*len;
	s->end = g->off;
	if (*last)
		g->eof = true;
	pthread_mutex_unlock(&g->mu);
	return true;
}

/* Parses chunk k, text[0..n), on a worker's state; marks it done. */
static void parse(struct engine *g, void *w, size_t k, const char *text, size_t n, bool last)
{
	long lines = 0;
	bool stopped;
	pthread_mutex_lock(&g->mu);
	void *spare = g->nspare ? g->spare[--g->nspare] : NULL;
	pthread_mutex_unlock(&g->mu);
	if (spare)
		g->ops->reuse(w, spare);
	bool clean = dr_load_csv_chunk(text, n, g->delim, false, last, g->ops->judge, w, &lines,
	                               &stopped);
	void *batch = g->ops->take(w);
	pthread_mutex_lock(&g->mu);
	struct slot *s = &g->ring[k % g->nring];
	s->batch = batch;
	s->lines = lines;
	s->clean = clean;
	s->done = true;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

struct helper {
	struct engine *g;
	void *w;
	pthread_t tid;
};

static void *helper_main(void *vp)
{
	struct helper *h = vp;
	char *buf = NULL;
	size_t cap = 0, k, n;
	bool last;
	while (take(h->g, true, &k, &buf, &cap, &n, &last))
		parse(h->g, h->w, k, buf, n, last);
	free(buf);
	return NULL;
}

/* Counts the header piece's rows for dr_load_csv_chunked. */
struct header_ctx {
	dr_load_csv_fn fn;
	void *ctx;
	long rows;
};

static bool header_row(struct dr_load_row *row, void *vp)
{
	struct header_ctx *h = vp;
	/* Only the header goes to fn: a second row in the piece (lines ended
	 * by a lone CR) means the file is read on one thread after all. */
	return ++h->rows > 1 || h->fn(row, h->ctx);
}

int dr_load_csv_chunked(const char *path, const char *display, char delimiter,
                        dr_load_csv_fn fn, void *ctx, const struct dr_load_chunk_ops *ops,
                        int threads, void (*progress)(long long, long long, void *), void *pctx)
{
	struct engine g = { .ops = ops, .ctx = ctx, .delim = delimiter, .chunk = chunk_bytes() };
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 2 * (off_t)g.chunk)
		return DR_LOAD_NOT_CHUNKED;
	g.watch = dr_load_watch_start(display);
	dr_load_watch_enter(g.watch, true);
	g.fd = dr_load_csv_open(path, display, &st);
	dr_load_watch_leave(g.watch);
	if (g.fd < 0) {
		dr_load_watch_stop(g.watch);
		return DR_EINPUT;
	}
	g.size = (long long)st.st_size;
	int rc = DR_LOAD_NOT_CHUNKED;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	bool last = false;
	/* The header record, on this thread; no gzip, and it must end in the
	 * first chunk. */
	if (!read_piece(&g, &buf, &cap, 1, g.chunk + READ_STEP, &n, &last) || last || dr_load_gzip_magic(buf, n)) {
		close(g.fd);
		dr_load_watch_stop(g.watch);
		free(buf);
		free(g.carry);
		return DR_LOAD_NOT_CHUNKED;
	}
	struct header_ctx hc = { fn, ctx, 0 };
	long base = 0;
	bool stopped;
	bool clean = dr_load_csv_chunk(buf, n, delimiter, true, false, header_row, &hc, &base, &stopped);
	if (stopped) {
		rc = DR_EINPUT;     /* the header was refused, and said why */
		goto out;
	}
	if (!clean || hc.rows != 1)
		goto out;           /* nothing settled: read it all on one thread */
	g.off = (long long)n;
	if (progress)
		progress(g.off, g.size, pctx);

	pthread_mutex_init(&g.mu, NULL);
	pthread_cond_init(&g.cv, NULL);
	size_t nhelp = threads > 1 ? (size_t)threads - 1 : 0;
	g.nring = 4 * (size_t)threads + 2;   /* room for the settling thread to lag */
	g.ring = dr_xcalloc(g.nring, sizeof *g.ring);
	g.spare = dr_xcalloc(g.nring + nhelp + 1, sizeof *g.spare);  /* every batch there is */
	struct helper *help = dr_xcalloc(nhelp + 1, sizeof *help);
	size_t started = 0;
	for (size_t i = 0; i < nhelp; i++) {
		help[started] = (struct helper){ .g = &g, .w = ops->worker_new(ctx) };
		if (pthread_create(&help[started].tid, NULL, helper_main, &help[started]) == 0)
			started++;
		else
			ops->worker_free(help[started].w);
	}
	void *mine = ops->worker_new(ctx);
	long long back = -1;        /* where to read on sequentially, if anywhere */
	for (;;) {
		pthread_mutex_lock(&g.mu);
		struct slot *s = &g.ring[g.settled % g.nring];
		bool have = false, finished = false;
		for (;;) {
			if (g.settled < g.next && s->done) {
				have = true;
				break;
			}
			if (g.settled == g.next && g.eof) {
				finished = true;
				break;
			}
			if (!g.eof && !g.stop && g.next - g.settled < g.nring)
				break;  /* nothing ready: parse a chunk here meanwhile */
			pthread_cond_wait(&g.cv, &g.mu);
		}
		pthread_mutex_unlock(&g.mu);
		if (finished)
			break;
		if (!have) {
			size_t k;
			if (take(&g, false, &k, &buf, &cap, &n, &last))
				parse(&g, mine, k, buf, n, last);
			continue;
		}
		if (!s->clean) {
			back = s->start;
			ops->drop(s->batch);
			s->batch = NULL;
			break;
		}
		ops->settle(s->batch, base, ctx);
		base += s->lines;
		if (progress)
			progress(s->end, g.size, pctx);
		pthread_mutex_lock(&g.mu);
		if (s->batch)
			g.spare[g.nspare++] = s->batch;
		s->batch = NULL;
		g.settled++;
		pthread_cond_broadcast(&g.cv);
		pthread_mutex_unlock(&g.mu);
	}
	pthread_mutex_lock(&g.mu);
	g.stop = true;
	pthread_cond_broadcast(&g.cv);
	pthread_mutex_unlock(&g.mu);
	for (size_t i = 0; i < started; i++) {
		pthread_join(help[i].tid, NULL);
		ops->worker_free(help[i].w);
	}
	ops->worker_free(mine);
	for (size_t i = 0; i < g.nring; i++)
		if (g.ring[i].batch)
			ops->drop(g.ring[i].batch);
	for (size_t i = 0; i < g.nspare; i++)
		ops->drop(g.spare[i]);
	free(g.spare);
	free(help);
	free(g.ring);
	pthread_cond_destroy(&g.cv);
	pthread_mutex_destroy(&g.mu);
	close(g.fd);
	g.fd = -1;
	dr_load_watch_stop(g.watch);
	g.watch = NULL;
	free(buf);
	free(g.carry);
	if (back >= 0) {
		dr_info("%s: %zu chunks parsed on %zu threads, the rest from line %ld on one "
		        "(a quote or row the chunks could not cut cleanly, or a read problem)",
		        display, g.settled, started + 1, base + 1);
		return dr_load_csv_from(path, display, delimiter, fn, ctx, progress, pctx, back, base);
	}
	dr_info("%s: %zu chunks parsed on %zu threads", display, g.settled, started + 1);
	return DR_OK;
out:
	close(g.fd);
	dr_load_watch_stop(g.watch);
	free(buf);
	free(g.carry);
	return rc;
}
