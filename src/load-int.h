/*
 * load-int.h -- what the load-*.c files share and no other stage sees.
 *
 * load-csv.c turns a file into rows of raw fields with their physical line
 * (struct dr_load_row); load-schema.c describes each extract's columns as
 * data (struct dr_load_schema); load-field.c parses single values;
 * load-extract.c joins them: header -> column map, row -> typed record.
 *
 * Ownership: a row and its field bytes belong to the CSV reader and are
 * valid only during the row callback (which may modify the bytes in place,
 * e.g. to trim). Schemas are const tables that live for the whole program.
 */
#ifndef DYADREPORT_LOAD_INT_H
#define DYADREPORT_LOAD_INT_H

#include <stdint.h>
#include <string.h>

#include "dyadreport/load.h"

/* Fields stored per row; a wider row is still counted (and then skipped). */
#define DR_LOAD_MAX_FIELDS 4096

/* One field of a row: bytes at s[0..len), NUL at s[len]. */
struct dr_load_field {
	char *s;
	size_t len;
	size_t off;                 /* s as an offset into the row buffer */
	bool cut;                   /* over DR_LOAD_FIELD_MAX: s is "" */
	bool ascii;                 /* only bytes 0x01..0x7F: valid UTF-8 as is */
};

/* One non-blank CSV row. */
struct dr_load_row {
	long line;                  /* physical line where the row starts */
	long lines;                 /* broken rows: physical lines lost (>= 1) */
	bool broken;                /* text after a closing quote in field
	                             * nfields (0-based): the rest of the row up
	                             * to the next line end was dropped */
	size_t nfields;             /* fields in the row */
	size_t nstored;             /* min(nfields, DR_LOAD_MAX_FIELDS) */
	struct dr_load_field *field;
};

/* Called once per row (the header first); returns false to stop reading
 * after printing why. */
typedef bool (*dr_load_csv_fn)(struct dr_load_row *row, void *ctx);

/* Streams path through fn; returns DR_OK, DR_EINPUT or DR_EINTERNAL. */
int dr_load_csv(const char *path, const char *display, char delimiter,
                dr_load_csv_fn fn, void *ctx);
/* The same, calling progress (when not NULL) after each block read with the
 * bytes read so far and the file's size (0 if not a regular file). With
 * pipelined, fn and progress run on a second thread (load-pipe.c) while
 * this one parses; the rows, their order and every message are the same. */
int dr_load_csv_progress(const char *path, const char *display, char delimiter,
                         dr_load_csv_fn fn, void *ctx,
                         void (*progress)(long long done, long long total, void *pctx), void *pctx,
                         bool pipelined);

/* ---- hooks of load-csv.c for load-chunk.c ---- */
struct stat;
struct dr_load_watch;
/* dr_load_csv_progress from byte start (a record boundary after base
 * line ends, the header already delivered) to the end of the file. */
int dr_load_csv_from(const char *path, const char *display, char delimiter,
                     dr_load_csv_fn fn, void *ctx,
                     void (*progress)(long long done, long long total, void *pctx), void *pctx,
                     long long start, long base);
/* Opens an extract as dr_load_csv_progress does (a regular file only, or
 * -1 after printing why). */
int dr_load_csv_open(const char *path, const char *display, struct stat *st);
/* Reads until size bytes or the end of the file, each read() watched by w:
 * bytes read, or -1. */
long dr_load_csv_read(int fd, char *buf, size_t size, struct dr_load_watch *w);
/* Parses text[0..n), a piece of an extract that starts at a record
 * boundary (first: the file's start, with the BOM, UTF-16 and header
 * checks), through fn, lines counted from 1; at_eof: the file ends there.
 * Prints nothing. Returns whether the piece parsed without an error and
 * ended between two records, as the whole file's read would be at that
 * byte; else its rows are to be dropped and the file read on from the
 * piece's start by dr_load_csv_from, which says what is wrong. *lines:
 * its line ends; *stopped: fn returned false. */
bool dr_load_csv_chunk(const char *text, size_t n, char delimiter, bool first, bool at_eof,
                       dr_load_csv_fn fn, void *ctx, long *lines, bool *stopped);

/* ---- load-chunk.c: one large file parsed on several threads ---- */
/* Bytes per chunk (DYADREPORT_CHUNK_BYTES overrides it, for tests). */
#define DR_LOAD_CHUNK_BYTES (256 * 1024)
/* dr_load_csv_chunked's answer when it did not split the file and
 * delivered no row: read it with dr_load_csv_progress. */
#define DR_LOAD_NOT_CHUNKED (-1)
/* What the caller of dr_load_csv_chunked gives: a worker is a thread's own
 * copy of the row state; judge runs on it for every row of a chunk and
 * collects what it found in a batch, which take hands out (the worker
 * starts a new one, or reuses one it is given); settle then gets the batches on the calling thread in
 * file order, with the line ends before the chunk, and drop frees them. */
struct dr_load_chunk_ops {
	void *(*worker_new)(void *ctx);
	void (*worker_free)(void *w);
	dr_load_csv_fn judge;
	void *(*take)(void *w);
	void (*settle)(void *batch, long base, void *ctx);
	void (*drop)(void *batch);
	/* Gives a settled batch back to a worker to fill anew (its memory
	 * reused: no page faults per chunk). */
	void (*reuse)(void *w, void *batch);
};
/* Reads path as dr_load_csv_progress would, fn getting the header (and
 * every row when the file is read on one thread after all), ops the
 * chunks' rows; up to threads threads. DR_OK, DR_EINPUT, DR_EINTERNAL, or
 * DR_LOAD_NOT_CHUNKED having delivered nothing. */
int dr_load_csv_chunked(const char *path, const char *display, char delimiter,
                        dr_load_csv_fn fn, void *ctx, const struct dr_load_chunk_ops *ops,
                        int threads, void (*progress)(long long, long long, void *), void *pctx);

/* ---- load-pipe.c: rows from the reader's thread to a consumer thread ---- */
struct dr_load_pipe;
/* Starts the consumer thread running fn (and progress after each batch);
 * NULL if no thread could be started (then read without a pipe). */
struct dr_load_pipe *dr_load_pipe_start(dr_load_csv_fn fn, void *ctx,
                                        void (*progress)(long long, long long, void *),
                                        void *pctx, long long total);
/* Copies row and its nbytes of field bytes (offsets in row->field are into
 * bytes) into the pipe; false once fn has returned false. */
bool dr_load_pipe_push(struct dr_load_pipe *p, const struct dr_load_row *row,
                       const char *bytes, size_t nbytes);
/* File bytes read so far, for the progress of the next batch. */
void dr_load_pipe_fed(struct dr_load_pipe *p, long long fed);
/* Hands over the last rows, waits for the consumer, frees the pipe;
 * returns whether fn stopped the read. */
bool dr_load_pipe_finish(struct dr_load_pipe *p);

/* ---- load-gzip.c: a .gz extract inflated as it is read ---- */
struct dr_load_gzip;
/* Whether buf[0..n), a file's first bytes, starts with gzip's magic 1f 8b. */
bool dr_load_gzip_magic(const char *buf, size_t n);
/* A new inflater; NULL if zlib could not start one. */
struct dr_load_gzip *dr_load_gzip_new(void);
/* Inflates the next n compressed bytes, handing the text to sink in chunks
 * of up to 64 KiB; sink returns false to stop (then *stopped is true).
 * NULL, or zlib's reason when the data is damaged or not gzip. */
const char *dr_load_gzip_feed(struct dr_load_gzip *g, const char *in, size_t n,
                              bool (*sink)(const char *text, size_t len, void *ctx), void *ctx,
                              bool *stopped);
/* Whether the bytes fed so far end exactly at the end of a member (else
 * the file is truncated). */
bool dr_load_gzip_complete(const struct dr_load_gzip *g);
void dr_load_gzip_free(struct dr_load_gzip *g);

/* ---- load-glob.c: the files of one extract ---- */
struct dr_load_files {
	size_t n;
	char **path;                /* to open, in name order */
	char **display;             /* to print: as configured */
	bool no_match;              /* a pattern that matched no file (DR_EINPUT) */
};
/* The one file path names, or the files its glob pattern matches, sorted
 * by strcmp; DR_EINPUT after printing why (no match, a folder unreadable). */
int dr_load_files_expand(const char *path, const char *display, struct dr_load_files *files);
void dr_load_files_free(struct dr_load_files *files);

/* ---- schema ---- */

enum dr_load_type {
	DR_LOAD_TEXT,               /* const char *, UTF-8 checked */
	DR_LOAD_DATE,               /* dr_date */
	DR_LOAD_CODE,               /* an enum, from the column's code table */
	DR_LOAD_BOOL,               /* bool */
	DR_LOAD_NONNEG,             /* double >= 0 */
	DR_LOAD_POSITIVE,           /* double > 0 */
	DR_LOAD_SCORE,              /* int 1..5 */
	DR_LOAD_MONTH,              /* dr_month: YYYY-MM, or a date (its month) */
};

/* A canonical code and the enum value it stands for. */
struct dr_load_code {
	const char *name;
	int value;
};

struct dr_load_column {
	const char *name;           /* default header and the name in messages */
	enum dr_load_type type;
	bool required;
	size_t offset;              /* where in the record the value goes */
	const struct dr_load_code *codes;  /* DR_LOAD_CODE: ends with {NULL} */
	int empty_code;             /* DR_LOAD_CODE: value of an empty cell */
};

/* Cross-column rule on a filled record: DR_NSKIP, or a reason with *col set
 * to the index of the column to name. It may change codes and numbers but
 * never a text column: a chunk batch copies each text by the length
 * fill() measured (load-extract.c). */
typedef enum dr_skip_reason (*dr_load_check_fn)(void *record, size_t *col);

struct dr_load_schema {
	enum dr_extract extract;
	const struct dr_load_column *cols;  /* cols[0] is the row's unique id,
	                                     * unless no_id */
	size_t ncols;
	dr_load_check_fn check;             /* NULL when there is none */
	bool no_id;                         /* no id column: no duplicate check */
	bool has_line;                      /* the record has a `long line` at
	                                     * line_offset: the row's physical line */
	size_t line_offset;
	                                    /* and a `const char *file` at file_offset:
	                                     * the file's name in messages */
	size_t file_offset;
};

/* The schema of extract e (load-schema.c). */
const struct dr_load_schema *dr_load_schema(enum dr_extract e);
/* Index of the column named name (any case) in schema, or -1. */
int dr_load_schema_find(const struct dr_load_schema *schema, const char *name);
/* The value of code s[0..len) (any case) in table, or -1. */
int dr_load_code_value(const struct dr_load_code *table, const char *s, size_t len);
/* true if a[0..alen) equals the NUL-terminated b, ignoring ASCII case. */
bool dr_load_same_name(const char *a, size_t alen, const char *b);
/* Prints a message per required column of sc the header row lacks (col[c]
 * < 0; header[c]: the text column c is read from), with the col. line
 * that would read a close header name, then the header's names, capped
 * (load-header-hint.c); false when a column was missing. */
bool dr_load_header_hint(const struct dr_load_schema *sc, const char *file,
                         const struct dr_load_row *row, const long *col,
                         const char *const *header);

/* ---- load-watchdog.c: a read() that blocks too long ends the run ---- */
struct dr_load_watch;
/* Watches the reads of one file named display (kept, not copied); NULL
 * when no thread could be started (the reads are then unwatched). */
struct dr_load_watch *dr_load_watch_start(const char *display);
/* Around the open() (opening true) and each read(): a call inside for
 * over the timeout prints "DISPLAY: no data for N s ..." (or "no answer")
 * and _exit(DR_EINPUT). NULL is allowed. */
void dr_load_watch_enter(struct dr_load_watch *w, bool opening);
void dr_load_watch_leave(struct dr_load_watch *w);
/* Stops the thread and frees w; NULL is allowed. */
void dr_load_watch_stop(struct dr_load_watch *w);

/* ---- short copies ---- */

/* For dr_load_copy_odd: bytes of v below 0x0E (NUL, CR, LF and a few
 * other controls) or above 0x7F show as high bits (any such byte sets at
 * least one). */
static inline uint64_t dr_load_odd8(uint64_t v)
{
	return (((v - 0x0E0E0E0E0E0E0E0EULL) & ~v) | v) & 0x8080808080808080ULL;
}

static inline uint32_t dr_load_odd4(uint32_t v)
{
	return (((v - 0x0E0E0E0EU) & ~v) | v) & 0x80808080U;
}

/* Copies from[0..n) to `to` and tells whether the bytes hold one below
 * 0x0E or above 0x7F (a caller that only copies may ignore the answer):
 * word by word, reading and writing no byte outside them, and never
 * reading back what was just written (a load across several fresh stores
 * stalls). Fields and texts are short: inline beats memcpy. */
static inline bool dr_load_copy_odd(char *to, const char *from, size_t n)
{
	uint64_t a, b;
	uint32_t c, d;
	if (n >= 8 && n <= 16) {
		memcpy(&a, from, 8);
		memcpy(&b, from + n - 8, 8);
		memcpy(to, &a, 8);
		memcpy(to + n - 8, &b, 8);
		return (dr_load_odd8(a) | dr_load_odd8(b)) != 0;
	}
	if (n >= 4 && n < 8) {
		memcpy(&c, from, 4);
		memcpy(&d, from + n - 4, 4);
		memcpy(to, &c, 4);
		memcpy(to + n - 4, &d, 4);
		return (dr_load_odd4(c) | dr_load_odd4(d)) != 0;
	}
	if (n > 16) {
		uint64_t odd = 0;
		for (size_t i = 0; i + 8 <= n; i += 8) {
			memcpy(&a, from + i, 8);
			memcpy(to + i, &a, 8);
			odd |= dr_load_odd8(a);
		}
		memcpy(&a, from + n - 8, 8);
		memcpy(to + n - 8, &a, 8);
		return (odd | dr_load_odd8(a)) != 0;
	}
	bool odd = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)from[i];
		to[i] = (char)x;
		odd |= x < 0x0E || x > 0x7F;
	}
	return odd;
}

#endif
