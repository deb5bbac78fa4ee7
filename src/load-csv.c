/*
 * load-csv.c -- one CSV file as a stream of rows, each with its start line.
 *
 * Takes: a path, the name to print, a delimiter and a row callback.
 * Returns: DR_OK once every non-blank row (header first) went to the
 *          callback; DR_EINPUT after printing FILE[:LINE]: why (missing, not
 *          a regular file, unreadable, empty, UTF-16, a quoted field never
 *          closed, which swallows the rest of the file; grown or shrunk
 *          while read; gzip data damaged or truncated; NUL bytes before
 *          the header's line end).
 * gzip:    a file whose first two bytes are 1f 8b (whatever its name) is
 *          inflated block by block as it is read (load-gzip.c), members
 *          one after the other; the checks below apply to its compressed
 *          bytes, the CSV rules to the text inside.
 * Never hangs: the file is opened with O_NONBLOCK, so a FIFO without a
 *          writer does not block open(); only a regular file is read (a
 *          FIFO, /dev/zero or any device is refused; spc's input may also be
 *          a pipe or terminal), and only up to the size it had at open. An
 *          extract's open() or read() that blocks (a dead network mount) is
 *          ended by load-watchdog.c after DYADREPORT_READ_TIMEOUT seconds.
 * Owns: a 64 KiB read block (and for gzip zlib's state and a 64 KiB text
 *       block), libcsv's field buffer (capped near
 *       DR_LOAD_FIELD_MAX) and one reused row buffer; freed before returning.
 * Never: holds more than one row, prints a cell, or allocates per row once
 *        the row buffer has grown to the widest row.
 *
 * libcsv runs with CSV_STRICT|CSV_STRICT_FINI (a stray or unclosed quote is
 * an error, never a field swallowing the file) and CSV_REPALL_NL, so every
 * unquoted line end reaches on_row (libcsv 3.0.3): LF, CRLF and a lone
 * CR each end one physical line, quoted ones are counted in the field data,
 * and 0-field rows (blank lines, the LF of a CRLF) are not rows. Fields are
 * copied into our own NUL-ended row buffer, so no APPEND_NULL/EMPTY_IS_NULL.
 * Over-long fields: libcsv's realloc is capped; at the cap csv_parse stops
 * with CSV_ENOMEM, its state saved; drain() drops the field's bytes (keeping
 * the few libcsv later subtracts) and parsing resumes, quote state intact,
 * so memory stays flat and the row is marked cut. This touches the public
 * struct csv_parser fields entry_buf/entry_pos/spaces/status (libcsv 3.0.x).
 *
 * Quotes that strict mode refuses are recovered from, never fatal:
 * - a quote inside an unquoted field (John "JJ" Smith) is kept literally,
 *   as Excel and Python read it: that one byte is re-fed with CSV_STRICT off;
 * - text after a closing quote ("ab"c) makes the row unreadable: the row is
 *   handed over marked broken (with the lines it spans), the parser is reset
 *   and the bytes up to the next line end are dropped.
 * Only a quoted field still open at the end of the file is fatal.
 *
 * For load-chunk.c: the same reader parses a piece of a file held in memory
 * (dr_load_csv_chunk: lines from 1, nothing printed, whether it ended
 * between two records), and reads on from a byte offset and line count
 * (dr_load_csv_from) when a piece did not.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "load-int.h"

#define BLOCK (64 * 1024)
#define BUF_CAP (DR_LOAD_FIELD_MAX + 64)

struct reader {
	struct csv_parser p;
	dr_load_csv_fn fn;
	void *ctx;
	char *buf;                  /* the row's field bytes, each NUL-ended */
	size_t buflen, bufcap;
	struct dr_load_field *f;    /* the row's stored fields */
	size_t fcap;
	size_t nfields;             /* fields seen in the row so far */
	long lf;                    /* line ends passed so far */
	long row_line;              /* line where the current row started */
	long field_line;            /* line where the current field started */
	bool after_cr;              /* the last event was a row ended by CR */
	bool cut;                   /* the field in progress was drained */
	bool skipping;              /* dropping a broken row's bytes up to a line end */
	bool any_row;
	bool stop;
	struct dr_load_pipe *pipe;  /* rows go to a consumer thread, or NULL */
	bool extract;               /* an extract (not spc's input): a header must come */
	bool internal;              /* libcsv or zlib failed on its own (DR_EINTERNAL) */
	long long text_fed;         /* bytes of text parsed so far (inflated if gzip) */
	long err_line;              /* the file's error, printed at the end */
	char err[160];              /* (after the rows' own messages); "" none */
};

/* Keeps the error that ends the read, to print once every row before it
 * has had its say (the rows may still be in the pipe). */
__attribute__((format(printf, 3, 4)))
static void fail(struct reader *r, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, sizeof r->err, fmt, ap);
	va_end(ap);
	r->err_line = line;
}

/* Hands a row to the callback, here or through the pipe; false to stop. */
static bool deliver(struct reader *r, struct dr_load_row *row)
{
	r->any_row = true;
	if (r->pipe)
		return dr_load_pipe_push(r->pipe, row, r->buf, row->nstored ? r->buflen : 0);
	return r->fn(row, r->ctx);
}

/* libcsv's realloc, refusing to grow a field buffer past BUF_CAP. */
static void *capped_realloc(void *p, size_t n)
{
	return n > BUF_CAP ? NULL : realloc(p, n);
}

/* Line ends in s[0..n): LF, CRLF and lone CR count once each; a CR at the
 * very end is left pending in *cr for whatever follows. */
static __attribute__((cold, noinline)) long count_breaks(const char *s, size_t n, bool *cr)
{
	long k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			k++;
			*cr = false;
		} else {
			k += *cr;
			*cr = s[i] == '\r';
		}
	}
	return k;
}

/* What scan() tells of a field's bytes. */
enum { HAS_LINE_END = 1, NOT_ASCII = 2 };

static const uint64_t ONES = 0x0101010101010101ULL, HIGHS = 0x8080808080808080ULL;

/* on_field() relies on fcap, doubled from 32, reaching the maximum exactly */
_Static_assert(DR_LOAD_MAX_FIELDS % 32 == 0 &&
               (DR_LOAD_MAX_FIELDS / 32 & (DR_LOAD_MAX_FIELDS / 32 - 1)) == 0,
               "DR_LOAD_MAX_FIELDS must be 32 times a power of two");

/* Bytes of v equal to c show as high bits (exact: no false ones). */
static inline uint64_t eq8(uint64_t v, unsigned char c)
{
	uint64_t x = v ^ (ONES * c);
	return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/* What the word v holds of scan()'s two kinds. */
static inline unsigned what8(uint64_t v)
{
	return (eq8(v, '\n') | eq8(v, '\r') ? HAS_LINE_END : 0) |
	       (eq8(v, 0) | (v & HIGHS) ? NOT_ASCII : 0);
}

/* For a field that dr_load_copy_odd() flagged: whether s[0..n) holds a
 * CR or LF, and a NUL or a byte >= 0x80; word by word from 8 bytes
 * (overlapping words for the end), as such fields (accented names) are
 * common. */
static __attribute__((noinline)) unsigned scan(const char *s, size_t n)
{
	unsigned what = 0;
	if (n >= 8) {
		uint64_t v;
		for (size_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&v, s + i, 8);
			what |= what8(v);
		}
		memcpy(&v, s + n - 8, 8);
		return what | what8(v);
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r')
			what |= HAS_LINE_END;
		else if (c == 0 || c >= 0x80)
			what |= NOT_ASCII;
	}
	return what;
}

/* Records field nfields as the len bytes copied to to (at the row buffer's
 * end), NUL-terminated. */
static inline void keep(struct reader *r, char *to, size_t len, bool cut, bool ascii)
{
	struct dr_load_field *f = &r->f[r->nfields];
	f->s = to;
	f->off = r->buflen;
	f->len = len;
	f->cut = cut;
	f->ascii = ascii;
	to[len] = '\0';
	r->buflen += len + 1;
}

/* keep() for a field copied to to that dr_load_copy_odd() found odd (a
 * line end, a NUL, a byte >= 0x80); returns what scan() says of it. */
static unsigned keep_scanned(struct reader *r, char *to, const char *data, size_t len, bool cut)
{
	unsigned what = scan(data, len);
	keep(r, to, len, cut, !(what & NOT_ASCII));
	return what;
}

/* Appends one field to the row buffer, growing the field array or row
 * buffer as needed; returns what scan() says of it. */
static unsigned store(struct reader *r, const char *data, size_t len, bool cut)
{
	if (r->nfields >= r->fcap) {
		r->fcap = r->fcap ? 2 * r->fcap : 32;
		r->f = dr_xreallocarray(r->f, r->fcap, sizeof *r->f);
	}
	if (r->buflen + len + 1 > r->bufcap) {
		while (r->buflen + len + 1 > r->bufcap)
			r->bufcap = r->bufcap ? 2 * r->bufcap : 1024;
		r->buf = dr_xrealloc(r->buf, r->bufcap);
		for (size_t i = 0; i < r->nfields; i++)     /* it moved */
			r->f[i].s = r->buf + r->f[i].off;
	}
	char *to = r->buf + r->buflen;
	if (dr_load_copy_odd(to, data, len))
		return keep_scanned(r, to, data, len, cut);
	keep(r, to, len, cut, true);
	return 0;
}

/* on_field() for all but a short field with room in the row: stores the
 * field (or marks it cut), grows the buffers. */
static __attribute__((cold, noinline)) unsigned on_field_slow(struct reader *r, const char *data, size_t len)
{
	bool cut = r->cut || len > DR_LOAD_FIELD_MAX;
	r->cut = false;
	if (r->nfields < DR_LOAD_MAX_FIELDS && !cut)
		return store(r, data, len, false);
	/* not kept, but its quoted line ends still count */
	if (r->nfields < DR_LOAD_MAX_FIELDS)
		store(r, data, 0, true);
	return memchr(data, '\n', len) || memchr(data, '\r', len) ? HAS_LINE_END : 0;
}

/* Counts a stored field: its quoted line ends (what: scan()'s flags), and
 * where the next one starts. */
static inline void field_done(struct reader *r, const char *data, size_t len, unsigned what)
{
	if (what & HAS_LINE_END) {
		bool cr = false;
		r->lf += count_breaks(data, len, &cr);
		r->lf += cr;        /* a CR just before the closing quote */
	}
	r->nfields++;
	r->field_line = r->lf + 1;
}

/* on_field() for a short field with room that dr_load_copy_odd() found
 * odd, already copied to to. */
static __attribute__((noinline)) void odd_field(struct reader *r, char *to, const char *data,
                                                size_t len)
{
	field_done(r, data, len, keep_scanned(r, to, data, len, false));
}

/* on_field() for a long field, or one without room in the row. odd_field
 * and slow_field are out of line so that the common case calls nothing and
 * saves no registers. */
static __attribute__((noinline)) void slow_field(struct reader *r, const char *data, size_t len)
{
	field_done(r, data, len, on_field_slow(r, data, len));
}

/* libcsv field callback: count quoted line ends, keep the bytes. */
static void on_field(void *data, size_t len, void *vr)
{
	struct reader *r = vr;
	if (r->stop)
		return;
	r->after_cr = false;
	/* (fcap never passes DR_LOAD_MAX_FIELDS: store() doubles it from 32
	 * only below it; so nfields < fcap says nfields < the maximum too) */
	if ((len <= 64) & (r->nfields < r->fcap) & !r->cut & (r->buflen + 64 + 1 <= r->bufcap)) {
		/* most fields: printable ASCII, no line end, done here without a
		 * call; the others copied once too, then looked at out of line */
		char *to = r->buf + r->buflen;
		if (dr_load_copy_odd(to, data, len)) {
			odd_field(r, to, data, len);
			return;
		}
		keep(r, to, len, false, true);
		field_done(r, data, len, 0);
		return;
	}
	slow_field(r, data, len);
}

/* libcsv row callback: hand a non-blank row over, then count its line end. */
static void on_row(int c, void *vr)
{
	struct reader *r = vr;
	if (r->stop)
		return;
	if (r->nfields > 0) {
		struct dr_load_row row = {
			.line = r->row_line,
			.nfields = r->nfields,
			.nstored = r->nfields < DR_LOAD_MAX_FIELDS ? r->nfields : DR_LOAD_MAX_FIELDS,
			.field = r->f,
		};
		if (!deliver(r, &row))
			r->stop = true;
	}
	if (c == '\r' || (c == '\n' && !r->after_cr))
		r->lf++;
	r->after_cr = c == '\r';
	r->nfields = 0;
	r->buflen = 0;
	r->row_line = r->field_line = r->lf + 1;
}

/* Empties libcsv's full field buffer mid-field (see the file comment). */
static void drain(struct reader *r)
{
	struct csv_parser *p = &r->p;
	char *b = (char *)p->entry_buf;
	bool cr = false;
	size_t keep = p->spaces ? 2 : 1;    /* libcsv subtracts spaces (+1 quote) */
	if (keep > p->entry_pos)
		keep = p->entry_pos;
	r->lf += count_breaks(b, p->entry_pos, &cr);
	memset(b, 'x', keep);
	if (cr)
		b[keep - 1] = '\r';         /* still pending: may be a CRLF */
	p->entry_pos = keep;
	p->spaces = p->spaces ? 1 : 0;
	p->status = CSV_SUCCESS;
	r->cut = true;
}

/* Turns libcsv's CSV_STRICT on or off (the recoveries below need one call
 * without it). */
static void set_strict(struct csv_parser *p, bool on)
{
	int opts = csv_get_opts(p);
	csv_set_opts(p, (unsigned char)(on ? opts | CSV_STRICT : opts & ~CSV_STRICT));
}

/* Re-feeds the quote byte at s with CSV_STRICT off, so that it becomes
 * part of the unquoted field; bytes consumed (0 when libcsv must first
 * grow or drain its buffer). */
static size_t literal_quote(struct reader *r, const char *s)
{
	set_strict(&r->p, false);
	size_t k = csv_parse(&r->p, s, 1, on_field, on_row, r);
	set_strict(&r->p, true);
	return k;
}

/* Text after a closing quote: hands the row over as broken and resets the
 * parser; the caller then drops bytes up to the next line end. */
static void broken_row(struct reader *r)
{
	struct csv_parser *p = &r->p;
	bool cr = false;
	r->lf += count_breaks((const char *)p->entry_buf, p->entry_pos, &cr) + cr;
	struct dr_load_row row = {
		.line = r->row_line,
		.lines = r->lf + 1 - r->row_line + 1,
		.broken = true,
		.nfields = r->nfields,
		.nstored = 0,
		.field = r->f,
	};
	if (!deliver(r, &row))
		r->stop = true;
	set_strict(p, false);
	csv_fini(p, NULL, NULL, NULL);  /* resets the parser; no callback */
	set_strict(p, true);
	r->nfields = 0;
	r->buflen = 0;
	r->cut = false;
	r->after_cr = false;
	r->skipping = true;
}

/* Bytes of s[0..n) before the next line end (n when there is none). */
static size_t to_line_end(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != '\n' && s[i] != '\r')
		i++;
	return i;
}

/* Reads until buf is full or the file ends; bytes read, or -1. Each
 * read() is watched by w (a read that blocks too long ends the run). */
static ssize_t read_block(int fd, char *buf, size_t size, struct dr_load_watch *w)
{
	size_t got = 0;
	while (got < size) {
		dr_load_watch_enter(w, false);
		ssize_t n = read(fd, buf + got, size - got);
		dr_load_watch_leave(w);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* What a file of mode m is, for "is a FIFO, not a regular file". */
static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO (named pipe)"
	     : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
	     : S_ISSOCK(m) ? "a socket" : "not a file";
}

/* Opens path for reading without blocking in open() (a FIFO with no
 * writer would), then keeps only a regular file, or with stream (spc's
 * standard input or a pipe it was given) also a FIFO, socket or terminal.
 * Anything else, such as /dev/zero, whose read never ends, is refused:
 * "FILE: is a character device, not a regular file". */
static int open_file(const char *path, const char *display, bool stream, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;      /* a socket cannot be opened at all: say what it is */
		if (stat(path, st) == 0 && !S_ISREG(st->st_mode) && !stream)
			dr_error_at(display, 0, "is %s, not a regular file", file_kind(st->st_mode));
		else
			dr_error_at(display, 0, "cannot open: %s", strerror(e));
		return -1;
	}
	if (fstat(fd, st) != 0) {
		dr_error_at(display, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	bool ok = S_ISREG(st->st_mode) ||
	          (stream && (S_ISFIFO(st->st_mode) || S_ISSOCK(st->st_mode) || isatty(fd)));
	if (!ok) {
		dr_error_at(display, 0, "is %s, not a regular file", file_kind(st->st_mode));
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
		dr_error_at(display, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int load(const char *path, const char *display, char delimiter, dr_load_csv_fn fn, void *ctx,
                void (*progress)(long long, long long, void *), void *pctx, bool pipelined,
                bool stream, off_t start, long base);

/* Streams path through fn, one row at a time. */
int dr_load_csv(const char *path, const char *display, char delimiter,
                dr_load_csv_fn fn, void *ctx)
{
	return load(path, display, delimiter, fn, ctx, NULL, NULL, false, true, 0, 0);
}

/* dr_load_csv, reporting bytes read after every block. */
int dr_load_csv_progress(const char *path, const char *display, char delimiter,
                         dr_load_csv_fn fn, void *ctx,
                         void (*progress)(long long done, long long total, void *pctx), void *pctx,
                         bool pipelined)
{
	return load(path, display, delimiter, fn, ctx, progress, pctx, pipelined, false, 0, 0);
}

/* dr_load_csv_progress from byte start on, a record boundary after base
 * line ends, the header already delivered (load-chunk.c's way back). */
int dr_load_csv_from(const char *path, const char *display, char delimiter,
                     dr_load_csv_fn fn, void *ctx,
                     void (*progress)(long long done, long long total, void *pctx), void *pctx,
                     long long start, long base)
{
	return load(path, display, delimiter, fn, ctx, progress, pctx, false, false, (off_t)start, base);
}

/* Parses text[0..n), the next bytes of the file's text (inflated when it
 * is gzip); false to stop: a callback stopped the read, or r->err says why
 * (r->internal for libcsv's own failure). */
static bool feed(struct reader *r, const char *text, size_t n)
{
	size_t pos = 0;
	if (r->text_fed == 0 && n >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE')
	                                  || (text[0] == '\xFE' && text[1] == '\xFF'))) {
		fail(r, 0, "UTF-16 text; export the extract as CSV in UTF-8");
		return false;
	}
	if (r->text_fed == 0 && n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	r->text_fed += n;
	/* A NUL before the header's line end: binary data, such as a gzip bomb
	 * of zeros. Said at once rather than after the whole (endless) line;
	 * load-extract.c refuses such a header anyway. */
	if (r->extract && !r->any_row) {
		size_t end = pos + to_line_end(text + pos, n - pos);
		if (memchr(text + pos, '\0', end - pos)) {
			fail(r, r->row_line, "the header holds NUL bytes: is the file UTF-16 or binary? "
			     "export the extract as CSV UTF-8");
			return false;
		}
	}
	while (pos < n) {
		if (r->skipping) {
			pos += to_line_end(text + pos, n - pos);
			if (pos == n)
				break;
			r->skipping = false;
		}
		pos += csv_parse(&r->p, text + pos, n - pos, on_field, on_row, r);
		if (r->stop)
			return false;
		if (pos == n)
			break;
		int err = csv_error(&r->p);
		if (err == CSV_ENOMEM && csv_get_buffer_size(&r->p) >= DR_LOAD_FIELD_MAX) {
			drain(r);
		} else if (err == CSV_EPARSE && !r->p.quoted) {
			r->p.status = CSV_SUCCESS;
			pos += literal_quote(r, text + pos);
		} else if (err == CSV_EPARSE) {
			broken_row(r);
			if (r->stop)
				return false;
		} else {
			fail(r, 0, "%s", csv_strerror(err));
			r->internal = true;
			return false;
		}
	}
	return true;
}

/* feed() as the sink of load-gzip.c. */
static bool feed_inflated(const char *text, size_t n, void *vr)
{
	return feed(vr, text, n);
}

/* Either of the above: stream is true for dr_load_csv (spc's input). */
static int load(const char *path, const char *display, char delimiter, dr_load_csv_fn fn, void *ctx,
                void (*progress)(long long, long long, void *), void *pctx, bool pipelined,
                bool stream, off_t start, long base)
{
	struct reader r = { .fn = fn, .ctx = ctx, .row_line = base + 1, .field_line = base + 1,
	                    .lf = base, .extract = !stream, .any_row = start > 0, .text_fed = start };
	int rc = DR_EINPUT;
	off_t fed = start;          /* file bytes read before this block */
	char *block = NULL;
	struct dr_load_gzip *gz = NULL;
	struct stat fst;
	/* Watched from the open(): on a dead network mount, open() and
	 * fstat() hang as much as read() does. */
	struct dr_load_watch *watch = stream ? NULL : dr_load_watch_start(display);
	dr_load_watch_enter(watch, true);
	int fd = open_file(path, display, stream, &fst);
	dr_load_watch_leave(watch);
	if (fd < 0) {
		dr_load_watch_stop(watch);
		return DR_EINPUT;
	}
	/* A regular file is read up to the size it had when opened: one that
	 * grows meanwhile (still being written, or /proc's files of size 0)
	 * is refused rather than read half-way or for ever. For a gzip file
	 * these are its compressed bytes. */
	bool regular = S_ISREG(fst.st_mode);
	long long total = regular ? (long long)fst.st_size : 0;
	if (start > 0 && lseek(fd, start, SEEK_SET) != start) {
		dr_error_at(display, 0, "cannot read: %s", strerror(errno));
		dr_load_watch_stop(watch);
		close(fd);
		return DR_EINPUT;
	}
	csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	csv_set_delim(&r.p, (unsigned char)delimiter);
	csv_set_realloc_func(&r.p, capped_realloc);
	csv_set_blk_size(&r.p, 1024);
	block = dr_xmalloc(BLOCK);
	if (pipelined)
		r.pipe = dr_load_pipe_start(fn, ctx, progress, pctx, total);
	for (;;) {
		ssize_t n = read_block(fd, block, BLOCK, watch);
		if (n < 0) {
			fail(&r, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (regular && n == 0 && fed < total) {
			fail(&r, 0, "shrank from %lld to %lld bytes while it was read: is it being "
			     "rewritten? run again once it is complete", total, (long long)fed);
			goto out;
		}
		if (n == 0)
			break;
		if (regular && (long long)fed + n > total) {
			if (total == 0)
				fail(&r, 0, "has a size of 0 bytes yet gives data (a /proc or other special "
				     "file?): not a regular extract");
			else
				fail(&r, 0, "grew past its size of %lld bytes while it was read: is it still "
				     "being written? run again once it is complete", total);
			goto out;
		}
		/* gzip is known by its first two bytes, whatever the file's name. */
		if (fed == 0 && dr_load_gzip_magic(block, (size_t)n) && !(gz = dr_load_gzip_new())) {
			fail(&r, 0, "cannot start zlib to inflate this gzip file");
			r.internal = true;
			goto out;
		}
		if (gz) {
			bool stopped;
			const char *why = dr_load_gzip_feed(gz, block, (size_t)n, feed_inflated, &r, &stopped);
			if (stopped)
				goto out;
			if (why) {
				fail(&r, 0, "damaged gzip data (zlib: %s) at line %ld of the text "
				     "inside: copy the file again", why, r.lf + 1);
				goto out;
			}
		} else if (!feed(&r, block, (size_t)n)) {
			goto out;
		}
		fed += n;
		if (r.pipe)
			dr_load_pipe_fed(r.pipe, (long long)fed);  /* progress from the consumer */
		else if (progress)
			progress((long long)fed, total, pctx);
	}
	if (gz && !dr_load_gzip_complete(gz)) {
		fail(&r, 0, "gzip data ends early (truncated) at line %ld of the text inside: "
		     "copy the file again", r.lf + 1);
		goto out;
	}
	if (csv_fini(&r.p, on_field, on_row, &r) != 0) {
		fail(&r, r.field_line, "quoted field never closed");
		goto out;
	}
	if (r.stop)
		goto out;
	if (!r.any_row) {
		fail(&r, 0, "empty file (no header)");
		goto out;
	}
	rc = DR_OK;
out:
	if (r.internal)
		rc = DR_EINTERNAL;
	/* The consumer first: the rows' messages, then the file's. A callback
	 * that stopped the read has said why; the reader's later error (it may
	 * have read on to the end) is not the reason. */
	if (r.pipe && dr_load_pipe_finish(r.pipe)) {
		r.stop = true;
		r.err[0] = '\0';
		if (rc == DR_OK)
			rc = DR_EINPUT;
	}
	dr_load_watch_stop(watch);
	if (r.err[0])
		dr_error_at(display, r.err_line, "%s", r.err);
	dr_load_gzip_free(gz);
	csv_free(&r.p);
	free(block);
	free(r.buf);
	free(r.f);
	close(fd);
	return rc;
}

/* ---- hooks of load-chunk.c: the same reader over pieces of a file ---- */

int dr_load_csv_open(const char *path, const char *display, struct stat *st)
{
	return open_file(path, display, false, st);
}

long dr_load_csv_read(int fd, char *buf, size_t size, struct dr_load_watch *w)
{
	return (long)read_block(fd, buf, size, w);
}

/* A piece of an extract: see load-int.h. */
bool dr_load_csv_chunk(const char *text, size_t n, char delimiter, bool first, bool at_eof,
                       dr_load_csv_fn fn, void *ctx, long *lines, bool *stopped)
{
	struct reader r = { .fn = fn, .ctx = ctx, .row_line = 1, .field_line = 1, .extract = true,
	                    .any_row = !first, .text_fed = !first };
	csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	csv_set_delim(&r.p, (unsigned char)delimiter);
	csv_set_realloc_func(&r.p, capped_realloc);
	csv_set_blk_size(&r.p, 1024);
	bool ok = feed(&r, text, n);
	if (ok && at_eof)
		ok = csv_fini(&r.p, on_field, on_row, &r) == 0;
	/* Clean: every byte parsed, no error, and the parser between records
	 * (libcsv's ROW_NOT_BEGUN is 0), as it would be at this byte when
	 * reading the whole file. */
	bool clean = ok && !r.stop && !r.err[0] && !r.skipping && !r.cut && !r.after_cr &&
	             r.nfields == 0 && (at_eof || (r.p.pstate == 0 && r.p.entry_pos == 0 && !r.p.quoted));
	*lines = r.lf;
	*stopped = r.stop;
	csv_free(&r.p);
	free(r.buf);
	free(r.f);
	return clean;
}
