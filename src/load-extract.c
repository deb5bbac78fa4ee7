/*
 * load-extract.c -- dr_load_extract(): header to column map, row to record.
 *
 * Takes: an extract, its options (path or glob pattern, display name, date format,
 *        delimiter, a site's header renames and code maps) and a row
 *        callback.
 * Returns: DR_OK with every usable row handed to the callback as a typed
 *          record, every other row counted in struct dr_load_stats by
 *          reason, and the earliest and latest month of a used row's own
 *          date (its schema's first required date: two compares per row, folded
 *          into months once per file; the commentary, which has no date of
 *          its own, by its month column); DR_EINPUT
 *          or DR_EUSAGE as load.h says. A header alone is a warning, DR_OK.
 * Owns: one record (reused for every row) and the set of the ids used so
 *       far (a struct dr_idset of stats.h: rising ids exactly, 4 bytes
 *       each, others as 64-bit hashes; its buckets sized from the files'
 *       bytes): the only memory that grows with the file, and only with
 *       the rows the options' `wanted` accepts. Both are freed before
 *       returning.
 * Never: prints, stores or hashes for output a cell's value; messages name
 *        file, line, column and reason only (diag.h). Never allocates per
 *        row except when the id set grows (a bucket, or a run block).
 *
 * Files: the path's files (load-glob.c: one, or a pattern's matches in name
 * order) are read in turn as one extract: each header is mapped anew and
 * must name the same schema columns as the first file's (any order); the
 * id set and the counts run on across files; messages name the file the
 * row is in; the first file that fails ends the read. After each file,
 * file_done gets its rows and the dates of its used rows.
 *
 * Chunks: with options.chunk_threads > 1, a one-file extract (not the
 * commentary) may be read by load-chunk.c: the header here, then each
 * chunk's rows judged (everything below that depends on the row alone:
 * field count, code maps, cells, the cross-column rule) on a worker's copy
 * of this loader into a batch (the record with its text copied), and the
 * batches settled here in file order (counts, messages, the id set, dates,
 * the row callback), exactly as the rows would be one by one.
 *
 * Per row, in order: field count against the header (DR_SKIP_FIELD_COUNT,
 * named by the first extra or missing position "#N"); then every schema
 * column in schema order (load-schema.c order), so the first failing column
 * decides the reason; then the extract's cross-column rule; then the id
 * against the ids of wanted rows already used (not for the commentary,
 * which has no id). A record with a line field (the commentary's) gets
 * the row's physical line. Surrounding spaces are trimmed from
 * every cell, quoted or not, so quoting never changes a value; "" and an
 * empty cell are the same. A cell over DR_LOAD_FIELD_MAX skips its row only
 * when its column is one the schema reads.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dyadreport/diag.h"
#include "dyadreport/stats.h"
#include "load-int.h"

union record {
	struct dr_visit visit;
	struct dr_denial denial;
	struct dr_handoff handoff;
	struct dr_response response;
	struct dr_comment_row comment;
};

/* A site's code resolved to its column and enum value. */
struct code_map {
	const char *from;
	int value;                      /* IGNORED: drop the row */
};

enum { IGNORED = -2 };

/* Texts of each code column remembered with their values (a column holds a
 * handful of codes, row after row), two to each of 2^CODE_SET_BITS sets
 * (code_set()); a date column uses the first slot only, for its last text
 * (rows come by date: the next is often the same). */
#define CODE_SET_BITS 4
#define CODE_SETS (1u << CODE_SET_BITS)

/* A cell's text and the value it gave (a code, or a date). */
struct remembered {
	char text[22];
	unsigned char len;          /* 0: none yet */
	int32_t value;
};

struct loader {
	const struct dr_load_schema *schema;
	const char *file;
	const char *date_format;
	int max_messages;               /* < 0: no limit */
	struct dr_load_stats *stats;
	dr_load_row_fn fn;
	void *ctx;
	bool have_header;
	size_t header_n;
	long col[DR_LOAD_MAX_COLS];     /* file position of each column, -1 absent */
	const char *header[DR_LOAD_MAX_COLS];   /* header text that names it */
	struct code_map *maps;          /* grouped by column: */
	size_t map_begin[DR_LOAD_MAX_COLS], map_end[DR_LOAD_MAX_COLS];
	bool has_ignore[DR_LOAD_MAX_COLS];     /* a code of the column maps to IGNORE */
	bool any_ignore;                /* has_ignore holds a true */
	unsigned filled;                /* bit c: column c had a value in this row */
	unsigned run_mask;              /* the filled columns of the last used rows, */
	long run_len;                   /* how many, not yet in stats->filled */
	struct remembered last[DR_LOAD_MAX_COLS][2 * CODE_SETS];  /* per code
	                                 * column, two a set, the set by the
	                                 * text's length and ends (code_set());
	                                 * per date column, [0] */
	struct dr_idset ids;            /* the wanted ids used so far: over every
	                                 * file, so a duplicate across two files is
	                                 * found as within one */
	size_t id_len;                  /* bytes of the row's id (column 0) */
	size_t nfile;                   /* index of the file read (of a glob's) */
	const char *first_file;         /* the first file's name */
	bool first_present[DR_LOAD_MAX_COLS];  /* columns in the first file's header */
	dr_date file_first, file_last;  /* dates of the file's used rows so far */
	long date_col;                  /* the row's own date: the schema's first
	                                 * required date; -1: none */
	long month_col;                 /* else its required month (the
	                                 * commentary's): the first day of it */
	bool (*wanted)(enum dr_extract e, const void *record, void *ctx);
	void *wanted_ctx;
	size_t ntext;                   /* the schema's text columns, in order, */
	unsigned char text_col[DR_LOAD_MAX_COLS];   /* for chunk batches */
	size_t text_len[DR_LOAD_MAX_COLS];  /* bytes of each text cell of the
	                                 * row last filled (parse_cell) */
	union record rec;
};

static const char *const reason_texts[DR_NSKIP] = {
	[DR_SKIP_FIELD_COUNT] = "wrong number of fields",
	[DR_SKIP_MISSING] = "required value missing",
	[DR_SKIP_BAD_DATE] = "bad date",
	[DR_SKIP_DATE_RANGE] = "date outside 1990..2100",
	[DR_SKIP_UNKNOWN_CODE] = "unknown code",
	[DR_SKIP_BAD_NUMBER] = "not a number",
	[DR_SKIP_NEGATIVE] = "negative number",
	[DR_SKIP_OUT_OF_RANGE] = "out of range",
	[DR_SKIP_DUPLICATE_ID] = "duplicate id",
	[DR_SKIP_DECISION_ORDER] = "decision before submission",
	[DR_SKIP_BAD_UTF8] = "invalid UTF-8",
	[DR_SKIP_TOO_LONG] = "field over 64 KiB",
	[DR_SKIP_BAD_QUOTE] = "misplaced quote",
};

/* Short lower-case text for a reason. */
const char *dr_skip_reason_text(enum dr_skip_reason r)
{
	return (unsigned)r < DR_NSKIP ? reason_texts[r] : "?";
}

long dr_load_skipped(const struct dr_load_stats *st)
{
	long n = 0;
	for (int r = 0; r < DR_NSKIP; r++)
		n += st->skipped[r];
	return n;
}

/* Trims ASCII spaces and tabs from both ends of s[0..*len). */
static inline char *trim(char *s, size_t *len)
{
	size_t n = *len;
	/* most cells: nothing to trim (two compares of bytes above a tab or
	 * space: neither end is one) */
	if (n && (unsigned char)s[0] > ' ' && (unsigned char)s[n - 1] > ' ')
		return s;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* Counts skipped rows (more than one when a broken quote lost several
 * lines) and prints the first while under the per-reason limit. */
static void skip(struct loader *st, long line, long rows, enum dr_skip_reason why,
                 const char *column, const char *detail)
{
	long n = st->stats->skipped[why] += rows;
	if (st->max_messages < 0 || n - rows < st->max_messages)
		dr_warn_row(st->file, line, column, "%s%s", dr_skip_reason_text(why), detail);
}

/* The files of a glob are one extract: each header must name the same
 * schema columns as the first file's, in any order (columns we do not read
 * may differ). False after naming the first column that differs. */
static bool same_columns(struct loader *st, long line)
{
	const struct dr_load_schema *sc = st->schema;
	for (size_t c = 0; c < sc->ncols; c++) {
		bool here = st->col[c] >= 0;
		if (st->nfile == 0) {
			st->first_present[c] = here;
			continue;
		}
		if (here == st->first_present[c])
			continue;
		dr_error_at(st->file, line, "column %s: %s the header of %s: the files a pattern "
		            "matches are one extract and need the same columns (in any order)",
		            sc->cols[c].name, here ? "in this header but not in" : "missing here, yet in",
		            st->first_file);
		return false;
	}
	return true;
}

/* Makes the next row read a header again: no column mapped yet. */
static void forget_header(struct loader *st)
{
	st->have_header = false;
	for (size_t c = 0; c < st->schema->ncols; c++)
		st->col[c] = -1;
}

/* Maps the header's names to schema columns; false after printing why. */
static bool read_header(struct loader *st, struct dr_load_row *row)
{
	const struct dr_load_schema *sc = st->schema;
	bool ok = true;
	st->have_header = true;
	st->header_n = row->nfields;
	if (row->broken) {
		dr_error_at(st->file, row->line, "text after a closing quote in the header "
		            "(a quote inside a quoted name must be doubled)");
		return false;
	}
	if (row->nfields > DR_LOAD_MAX_FIELDS) {
		dr_error_at(st->file, row->line, "more than %d columns in the header", DR_LOAD_MAX_FIELDS);
		return false;
	}
	for (size_t i = 0; i < row->nstored; i++) {
		struct dr_load_field *f = &row->field[i];
		size_t len = f->len;
		char *s = trim(f->s, &len);
		if (f->cut)
			continue;
		for (size_t c = 0; c < sc->ncols; c++) {
			if (!dr_load_same_name(s, len, st->header[c]))
				continue;
			if (st->col[c] >= 0) {
				dr_error_at(st->file, row->line, "column %s appears twice in the header",
				            sc->cols[c].name);
				ok = false;
			}
			st->col[c] = (long)i;
		}
	}
	for (size_t i = 0; i < row->nstored; i++)
		if (memchr(row->field[i].s, '\0', row->field[i].len)) {
			dr_error_at(st->file, row->line, "the header holds NUL bytes: is the file UTF-16 "
			            "or binary? export the extract as CSV UTF-8");
			return false;
		}
	if (row->nfields == 1 && row->nstored == 1 && !row->field[0].cut) {
		/* One column: the export probably uses another delimiter. */
		static const struct { char c; const char *shown, *name; } other[] = {
			{ ';', "';'", "semicolon" }, { '\t', "tab", "tab" }, { '|', "'|'", "pipe" },
			{ ',', "','", "," },
		};
		for (size_t k = 0; k < DR_NELEM(other); k++)
			if (strchr(row->field[0].s, other[k].c)) {
				dr_error_at(st->file, row->line, "the header is a single column with %s "
				            "characters in it: set delimiter = %s in [%s]", other[k].shown,
				            other[k].name, dr_extract_name(sc->extract));
				return false;
			}
	}
	if (!dr_load_header_hint(sc, st->file, row, st->col, st->header))
		ok = false;
	for (size_t c = 0; c < sc->ncols; c++)
		st->stats->present[c] = st->col[c] >= 0;
	return ok && same_columns(st, row->line);
}

/* Whether a[0..n) and b[0..n) hold the same bytes, for n <= 24 (the
 * remembered texts): a few overlapping words, no call. */
static inline bool same_short(const char *a, const char *b, size_t n)
{
	uint64_t x, y, z, w;
	if (n >= 8) {
		uint64_t d = 0;
		size_t mid = n > 16 ? 8 : 0;
		memcpy(&x, a, 8), memcpy(&y, b, 8), d |= x ^ y;
		memcpy(&x, a + mid, 8), memcpy(&y, b + mid, 8), d |= x ^ y;
		memcpy(&z, a + n - 8, 8), memcpy(&w, b + n - 8, 8), d |= z ^ w;
		return d == 0;
	}
	if (n >= 4) {
		uint32_t p, q, r, t;
		memcpy(&p, a, 4), memcpy(&q, b, 4), memcpy(&r, a + n - 4, 4), memcpy(&t, b + n - 4, 4);
		return ((p ^ q) | (r ^ t)) == 0;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Whether r holds text s[0..len); its value in *value if so. */
static inline bool recall(const struct remembered *r, const char *s, size_t len, int32_t *value)
{
	if (len != r->len || !same_short(s, r->text, len))
		return false;
	*value = r->value;
	return true;
}

/* Keeps s[0..len) and its value in r, when the text fits. */
static inline void remember(struct remembered *r, const char *s, size_t len, int32_t value)
{
	if (len > sizeof r->text)
		return;
	memcpy(r->text, s, len);
	r->len = (unsigned char)len;
	r->value = value;
}

/* The set of code text s[0..len) (len > 0) in a column's remembered
 * texts: a multiplicative hash of its length and its first and last 8
 * bytes (COMPLETED and CANCELLED, the same length and ends letters, had
 * shared one slot of the sum of those, and a visits file alternates them). */
static inline size_t code_set(const char *s, size_t len)
{
	uint64_t a = 0, b = 0;
	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	} else if (len >= 4) {
		uint32_t p, q;
		memcpy(&p, s, 4);
		memcpy(&q, s + len - 4, 4);
		a = p;
		b = q;
	} else {
		for (size_t i = 0; i < len; i++)
			a = a << 8 | (unsigned char)s[i];
	}
	uint64_t x = (a ^ (b << 29 | b >> 35) ^ len) * 0x9E3779B97F4A7C15ULL;
	return (size_t)(x >> (64 - CODE_SET_BITS));
}

/* code_value() for a text not remembered in its set r: the site's map
 * first, then ours; the answer remembered. Out of line, so that the
 * remembered case inlines small. */
static __attribute__((noinline)) int code_value_new(struct loader *st, size_t c, const char *s,
                                                    size_t len, struct remembered *r)
{
	const struct dr_load_column *col = &st->schema->cols[c];
	int v = -1;
	bool mapped = false;
	for (size_t i = st->map_begin[c]; i < st->map_end[c] && !mapped; i++)
		if (dr_load_same_name(s, len, st->maps[i].from)) {
			v = st->maps[i].value;
			mapped = true;
		}
	if (!mapped) {
		bool b;
		v = col->type == DR_LOAD_BOOL ? (dr_load_parse_bool(s, len, &b) ? b : -1)
		                              : dr_load_code_value(col->codes, s, len);
	}
	if (len <= sizeof r[0].text) {  /* (a longer text is not remembered) */
		r[1] = r[0];            /* the older one goes */
		remember(&r[0], s, len, v);
	}
	return v;
}

/* The value of a code cell in column c: the site's map first, then ours. */
static inline __attribute__((always_inline)) int code_value(struct loader *st, size_t c,
                                                          const char *s, size_t len)
{
	/* A column holds a handful of codes, row after row: the remembered
	 * texts and their values answer most lookups with a compare or two;
	 * two a set, so that two codes with the same set do not evict each
	 * other row after row. */
	struct remembered *r = &st->last[c][2 * code_set(s, len)];
	int32_t known;
	if (recall(&r[0], s, len, &known) || recall(&r[1], s, len, &known))
		return known;
	return code_value_new(st, c, s, len, r);
}

/* Stores the value of an empty optional cell. */
static void set_empty(const struct dr_load_column *col, void *dst)
{
	switch (col->type) {
	case DR_LOAD_TEXT: *(const char **)dst = NULL; break;
	case DR_LOAD_DATE: *(dr_date *)dst = DR_NO_DATE; break;
	case DR_LOAD_CODE: memcpy(dst, &col->empty_code, sizeof(int)); break;
	case DR_LOAD_BOOL: *(bool *)dst = false; break;
	case DR_LOAD_NONNEG:
	case DR_LOAD_POSITIVE: *(double *)dst = NAN; break;
	case DR_LOAD_SCORE: *(int *)dst = 0; break;
	case DR_LOAD_MONTH: *(dr_month *)dst = -1; break;
	}
}

/* A month cell: YYYY-MM exactly, else a date in the extract's format
 * (its month); years as for dates. */
static enum dr_skip_reason parse_month(const struct loader *st, const char *s, size_t len,
                                       dr_month *out)
{
	if (len == 7 && s[4] == '-') {
		int y = 0, m = 0;
		for (size_t i = 0; i < 7; i++) {
			if (i == 4)
				continue;
			if (s[i] < '0' || s[i] > '9')
				return DR_SKIP_BAD_DATE;
			if (i < 4)
				y = y * 10 + (s[i] - '0');
			else
				m = m * 10 + (s[i] - '0');
		}
		if (m < 1 || m > 12)
			return DR_SKIP_BAD_DATE;
		if (y < DR_LOAD_YEAR_MIN || y > DR_LOAD_YEAR_MAX)
			return DR_SKIP_DATE_RANGE;
		*out = dr_month_make(y, m);
		return DR_NSKIP;
	}
	dr_date d;
	enum dr_skip_reason why = DR_SKIP_BAD_DATE;
	if (!dr_load_parse_date(s, len, st->date_format, &d, &why))
		return why;
	*out = dr_month_of(d);
	return DR_NSKIP;
}

/* Parses the non-empty cell s[0..len) of column c into dst; ascii: the
 * cell's bytes are known to be 0x01..0x7F (no UTF-8 check needed). */
static enum dr_skip_reason parse_cell(struct loader *st, size_t c, char *s, size_t len, bool ascii,
                                      void *dst)
{
	const struct dr_load_column *col = &st->schema->cols[c];
	enum dr_skip_reason why = DR_NSKIP;
	double v;
	int code;
	switch (col->type) {
	case DR_LOAD_TEXT:
		if (!ascii && !dr_load_utf8_valid(s, len))
			return DR_SKIP_BAD_UTF8;
		s[len] = '\0';
		*(const char **)dst = s;
		st->text_len[c] = len;
		return DR_NSKIP;
	case DR_LOAD_DATE:
		if (recall(&st->last[c][0], s, len, dst))  /* (a failed parse is never kept) */
			return DR_NSKIP;
		if (!dr_load_parse_date(s, len, st->date_format, dst, &why))
			return why;
		remember(&st->last[c][0], s, len, *(dr_date *)dst);
		return DR_NSKIP;
	case DR_LOAD_MONTH:
		return parse_month(st, s, len, dst);
	case DR_LOAD_CODE:
	case DR_LOAD_BOOL:
		if ((code = code_value(st, c, s, len)) < 0)
			return DR_SKIP_UNKNOWN_CODE;    /* IGNORED rows never get here */
		if (col->type == DR_LOAD_BOOL)
			*(bool *)dst = code;
		else
			memcpy(dst, &code, sizeof code);
		return DR_NSKIP;
	case DR_LOAD_NONNEG:
	case DR_LOAD_POSITIVE:
		if (!dr_load_parse_number(s, len, &v))
			return DR_SKIP_BAD_NUMBER;
		if (col->type == DR_LOAD_NONNEG && v < 0)
			return DR_SKIP_NEGATIVE;
		if (col->type == DR_LOAD_POSITIVE && v <= 0)
			return DR_SKIP_OUT_OF_RANGE;
		*(double *)dst = v == 0 ? 0.0 : v;      /* no -0 */
		return DR_NSKIP;
	case DR_LOAD_SCORE:
		if (!dr_load_parse_number(s, len, &v))
			return DR_SKIP_BAD_NUMBER;
		if (v < 1 || v > 5 || v != floor(v))
			return DR_SKIP_OUT_OF_RANGE;
		*(int *)dst = (int)v;
		return DR_NSKIP;
	}
	return DR_NSKIP;
}

/* Fills the record from a row; DR_NSKIP, or the first failing column's
 * reason with *bad set to that column. */
static enum dr_skip_reason fill(struct loader *st, struct dr_load_row *row, size_t *bad)
{
	const struct dr_load_schema *sc = st->schema;
	for (size_t c = 0; c < sc->ncols; c++) {
		const struct dr_load_column *col = &sc->cols[c];
		void *dst = (char *)&st->rec + col->offset;
		char *s = NULL;
		size_t len = 0;
		bool ascii = false;
		enum dr_skip_reason why;
		*bad = c;
		if (st->col[c] >= 0) {
			struct dr_load_field *f = &row->field[st->col[c]];
			if (f->cut)
				return DR_SKIP_TOO_LONG;
			len = f->len;
			s = trim(f->s, &len);
			ascii = f->ascii;
		}
		if (c == 0)
			st->id_len = len;
		if (len == 0) {
			if (col->required)
				return DR_SKIP_MISSING;
			set_empty(col, dst);
			continue;
		}
		st->filled |= 1u << c;
		if ((why = parse_cell(st, c, s, len, ascii, dst)) != DR_NSKIP)
			return why;
	}
	return DR_NSKIP;
}

/* A row of delimiters and spaces only (",,,,": spreadsheets export empty
 * formatted rows so) is a blank line, not a row. */
static bool empty_row(const struct dr_load_row *row)
{
	if (row->nfields > row->nstored)
		return false;
	for (size_t i = 0; i < row->nstored; i++) {
		const struct dr_load_field *f = &row->field[i];
		if (f->cut)
			return false;
		for (size_t k = 0; k < f->len; k++)
			if (f->s[k] != ' ' && f->s[k] != '\t')
				return false;
	}
	return true;
}

/* Whether a cell of the row holds a code the site maps to IGNORE. */
static bool ignored(struct loader *st, const struct dr_load_row *row)
{
	for (size_t c = 0; c < st->schema->ncols; c++) {
		long i = st->col[c];
		if (!st->has_ignore[c] || i < 0 || (size_t)i >= row->nstored || row->field[i].cut)
			continue;
		size_t len = row->field[i].len;
		char *s = trim(row->field[i].s, &len);
		if (len && code_value(st, c, s, len) == IGNORED)
			return true;
	}
	return false;
}

/* The name to print for field i of a row: its schema column, else "#N". */
static const char *column_at(const struct loader *st, size_t i, char *buf, size_t size)
{
	for (size_t c = 0; c < st->schema->ncols; c++)
		if (st->col[c] == (long)i)
			return st->schema->cols[c].name;
	snprintf(buf, size, "#%zu", i + 1);
	return buf;
}

/* What one data row came to before anything is counted (judge()); the
 * record itself is in the loader's rec for ROW_CHECKED. */
enum row_kind { ROW_EMPTY, ROW_BROKEN, ROW_FIELD_COUNT, ROW_IGNORED, ROW_CHECKED };

struct verdict {
	long line, lines;
	size_t nfields;
	enum row_kind kind;
	enum dr_skip_reason why;    /* ROW_CHECKED: DR_NSKIP, or the column's reason */
	size_t bad;                 /* its column */
	unsigned filled;
	size_t id_len;              /* bytes of its id (fill()'s st->id_len) */
};

/* The part of a row's handling that depends on the row alone (the column
 * map, the options): no counts, no messages, no id set, so that chunk
 * threads (load-chunk.c) can run it on their own loader copies. */
static void judge(struct loader *st, struct dr_load_row *row, struct verdict *v)
{
	const struct dr_load_schema *sc = st->schema;
	*v = (struct verdict){ .line = row->line, .lines = row->lines, .nfields = row->nfields,
	                       .why = DR_NSKIP };
	if (row->broken) {
		v->kind = ROW_BROKEN;
		return;
	}
	if (empty_row(row)) {
		v->kind = ROW_EMPTY;
		return;
	}
	if (row->nfields != st->header_n) {
		v->kind = ROW_FIELD_COUNT;
		return;
	}
	if (st->any_ignore && ignored(st, row)) {
		v->kind = ROW_IGNORED;
		return;
	}
	v->kind = ROW_CHECKED;
	st->filled = 0;
	v->why = fill(st, row, &v->bad);
	if (v->why == DR_NSKIP && sc->check)
		v->why = sc->check(&st->rec, &v->bad);
	v->filled = st->filled;
	v->id_len = st->id_len;
}

/* Adds the run of used rows that filled the same columns (run_mask) to
 * the stats' per-column counts: rows of an extract nearly all fill the
 * same ones, so one addition a run, not one a row and column. */
static void flush_filled(struct loader *st)
{
	unsigned mask = st->run_mask;
	for (size_t c = 0; mask; c++, mask >>= 1)
		st->stats->filled[c] += (mask & 1) * st->run_len;
	st->run_len = 0;
}

/* The rest, in file order: counts, messages, the duplicate check, the
 * dates and the row callback with the record rec (st->rec, or a chunk
 * batch's copy of it). */
static void settle(struct loader *st, const struct verdict *v, union record *rec)
{
	const struct dr_load_schema *sc = st->schema;
	size_t bad = v->bad;
	enum dr_skip_reason why = v->why;
	switch (v->kind) {
	case ROW_EMPTY:
		return;
	case ROW_BROKEN: {
		char pos[32];
		st->stats->rows_read += v->lines;
		skip(st, v->line, v->lines, DR_SKIP_BAD_QUOTE, column_at(st, v->nfields, pos, sizeof pos),
		     v->lines > 1 ? " (a quote inside a quoted field must be doubled; "
		                    "the row's following lines were lost too)"
		                  : " (a quote inside a quoted field must be doubled)");
		return;
	}
	case ROW_FIELD_COUNT: {
		char pos[32], detail[64];
		size_t first = (v->nfields < st->header_n ? v->nfields : st->header_n) + 1;
		st->stats->rows_read++;
		snprintf(pos, sizeof pos, "#%zu", first);
		snprintf(detail, sizeof detail, " (%zu, header has %zu)", v->nfields, st->header_n);
		skip(st, v->line, 1, DR_SKIP_FIELD_COUNT, pos, detail);
		return;
	}
	case ROW_IGNORED:
		st->stats->rows_read++;
		st->stats->rows_ignored++;
		return;
	case ROW_CHECKED:
		break;
	}
	st->stats->rows_read++;
	if (why == DR_NSKIP && !sc->no_id &&
	    (!st->wanted || st->wanted(sc->extract, rec, st->wanted_ctx))) {
		const char *id = *(const char **)((char *)rec + sc->cols[0].offset);
		if (!dr_idset_add_id(&st->ids, id, v->id_len)) {
			why = DR_SKIP_DUPLICATE_ID;
			bad = 0;
		}
	}
	if (why != DR_NSKIP) {
		skip(st, v->line, 1, why, sc->cols[bad].name, "");
		return;
	}
	st->stats->rows_used++;
	dr_date day = DR_NO_DATE;
	if (st->date_col >= 0)
		day = *(const dr_date *)((char *)rec + sc->cols[st->date_col].offset);
	else if (st->month_col >= 0) {
		dr_month mo = *(const dr_month *)((char *)rec + sc->cols[st->month_col].offset);
		day = dr_date_from_ymd(dr_month_year(mo), dr_month_mon(mo), 1);
	}
	if (day != DR_NO_DATE && (st->file_first == DR_NO_DATE || day < st->file_first))
		st->file_first = day;
	if (day != DR_NO_DATE && (st->file_last == DR_NO_DATE || day > st->file_last))
		st->file_last = day;
	if (sc->has_line) {
		*(long *)((char *)rec + sc->line_offset) = v->line;
		*(const char **)((char *)rec + sc->file_offset) = st->file;
	}
	if (v->filled != st->run_mask) {
		flush_filled(st);
		st->run_mask = v->filled;
	}
	st->run_len++;
	if (st->fn)
		st->fn(sc->extract, rec, st->ctx);
}

/* The CSV reader's callback: header first, then one record per row. */
static bool on_row(struct dr_load_row *row, void *vst)
{
	struct loader *st = vst;
	struct verdict v;
	if (!st->have_header)
		return read_header(st, row);
	judge(st, row, &v);
	settle(st, &v, &st->rec);
	return true;
}

/* ---- chunks (load-chunk.c): judged on a worker, settled here in order ---- */

/* A judged row; rec only for a checked row with no reason, its text
 * pointers made offsets + 1 into the batch's bytes (0 stays NULL) until
 * chunk_settle() turns them back into pointers where they lie. */
struct judged {
	struct verdict v;
	union record rec;
};

struct batch {
	struct judged *row;
	size_t n, cap;
	char *bytes;
	size_t nbytes, capbytes;
};

struct worker {
	struct loader st;           /* a copy of the file's loader: the column
	                             * map, the maps; its own record and cache */
	struct batch *b;
};

static void *worker_new(void *ctx)
{
	struct worker *w = dr_xcalloc(1, sizeof *w);
	w->st = *(const struct loader *)ctx;
	return w;
}

static void batch_free(void *vb)
{
	struct batch *b = vb;
	if (!b)
		return;
	free(b->row);
	free(b->bytes);
	free(b);
}

static void worker_free(void *vw)
{
	struct worker *w = vw;
	batch_free(w->b);
	free(w);
}

static void *worker_take(void *vw)
{
	struct worker *w = vw;
	struct batch *b = w->b;
	w->b = NULL;
	return b;
}

static void worker_reuse(void *vw, void *vb)
{
	struct worker *w = vw;
	struct batch *b = vb;
	batch_free(w->b);
	b->n = b->nbytes = 0;
	w->b = b;
}

/* A chunk's row: judged on the worker's loader, kept with its text (each
 * text cell's bytes as fill() measured them, NUL-ended). */
static bool chunk_row(struct dr_load_row *row, void *vw)
{
	struct worker *w = vw;
	struct loader *st = &w->st;
	const struct dr_load_schema *sc = st->schema;
	struct verdict v;
	judge(st, row, &v);
	if (v.kind == ROW_EMPTY)
		return true;
	struct batch *b = w->b ? w->b : (w->b = dr_xcalloc(1, sizeof *w->b));
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 1024;
		b->row = dr_xreallocarray(b->row, b->cap, sizeof *b->row);
	}
	struct judged *j = &b->row[b->n++];
	j->v = v;
	if (v.kind != ROW_CHECKED || v.why != DR_NSKIP)
		return true;
	j->rec = st->rec;
	for (size_t k = 0; k < st->ntext; k++) {
		size_t c = st->text_col[k];
		char *slot = (char *)&j->rec + sc->cols[c].offset;
		const char *p;
		memcpy(&p, slot, sizeof p);
		if (!p)
			continue;
		size_t len = st->text_len[c];
		if (b->nbytes + len + 1 > b->capbytes) {
			while (b->nbytes + len + 1 > b->capbytes)
				b->capbytes = b->capbytes ? 2 * b->capbytes : 64 * 1024;
			b->bytes = dr_xrealloc(b->bytes, b->capbytes);
		}
		(void)dr_load_copy_odd(b->bytes + b->nbytes, p, len);
		b->bytes[b->nbytes + len] = '\0';
		uintptr_t off = b->nbytes + 1;
		memcpy(slot, &off, sizeof off);
		b->nbytes += len + 1;
	}
	return true;
}

/* A chunk's rows in order, on the file's own loader, each record settled
 * where it lies in the batch (its text offsets made pointers again). */
static void chunk_settle(void *vb, long base, void *ctx)
{
	struct batch *b = vb;
	struct loader *st = ctx;
	const struct dr_load_schema *sc = st->schema;
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		struct judged *j = &b->row[i];
		j->v.line += base;
		if (j->v.kind == ROW_CHECKED && j->v.why == DR_NSKIP) {
			for (size_t k = 0; k < st->ntext; k++) {
				char *slot = (char *)&j->rec + sc->cols[st->text_col[k]].offset;
				uintptr_t off;
				memcpy(&off, slot, sizeof off);
				const char *p = off ? b->bytes + off - 1 : NULL;
				memcpy(slot, &p, sizeof p);
			}
		}
		settle(st, &j->v, &j->rec);
	}
}

static const struct dr_load_chunk_ops chunk_ops = {
	.worker_new = worker_new,
	.worker_free = worker_free,
	.judge = chunk_row,
	.take = worker_take,
	.settle = chunk_settle,
	.drop = batch_free,
	.reuse = worker_reuse,
};

/* Applies the options' renames and code maps; false after printing why. */
static bool apply_overrides(struct loader *st, const struct dr_load_options *opts)
{
	const struct dr_load_schema *sc = st->schema;
	bool ok = true;
	for (size_t k = 0; k < opts->nrenames; k++) {
		int c = dr_load_schema_find(sc, opts->renames[k].column);
		if (c < 0) {
			dr_error("%s: col.%s: no such column in %s", st->file, opts->renames[k].column,
			         dr_extract_name(sc->extract));
			ok = false;
		} else
			st->header[c] = opts->renames[k].header;
	}
	for (size_t k = 0; k < opts->ncode_maps; k++) {
		const struct dr_load_code_map *m = &opts->code_maps[k];
		const char *why = dr_load_code_map_check(sc->extract, m->column, m->to);
		if (why) {
			dr_error("%s: map.%s.%s = %s: %s", st->file, m->column, m->from, m->to, why);
			ok = false;
		}
	}
	if (!ok)
		return false;
	/* Valid maps only from here: grouped by column for code_value(). */
	if (opts->ncode_maps)
		st->maps = dr_xreallocarray(NULL, opts->ncode_maps, sizeof *st->maps);
	size_t n = 0;
	for (size_t c = 0; c < sc->ncols; c++) {
		st->map_begin[c] = n;
		for (size_t k = 0; k < opts->ncode_maps; k++) {
			const struct dr_load_code_map *m = &opts->code_maps[k];
			if (dr_load_schema_find(sc, m->column) != (int)c)
				continue;
			bool b = false;
			int v;
			if (dr_load_same_name(m->to, strlen(m->to), DR_LOAD_IGNORE)) {
				v = IGNORED;
				st->has_ignore[c] = st->any_ignore = true;
			} else if (sc->cols[c].type == DR_LOAD_CODE) {
				v = dr_load_code_value(sc->cols[c].codes, m->to, strlen(m->to));
			} else {
				dr_load_parse_bool(m->to, strlen(m->to), &b);
				v = b;
			}
			st->maps[n++] = (struct code_map){ m->from, v };
		}
		st->map_end[c] = n;
	}
	return ok;
}

/* Reads one extract (see load.h). */
int dr_load_extract(enum dr_extract e, const struct dr_load_options *opts,
                    struct dr_load_stats *stats, dr_load_row_fn fn, void *ctx)
{
	struct loader st = {
		.schema = dr_load_schema(e),
		.file = opts->display ? opts->display : opts->path,
		.date_format = opts->date_format ? opts->date_format : "%Y-%m-%d",
		.max_messages = opts->max_messages ? opts->max_messages : 5,
		.stats = stats,
		.fn = fn,
		.ctx = ctx,
		.wanted = opts->wanted,
		.wanted_ctx = opts->wanted_ctx,
		.date_col = -1,
		.month_col = -1,
	};
	char delim = opts->delimiter ? opts->delimiter : ',';
	int rc = DR_EUSAGE;
	memset(stats, 0, sizeof *stats);
	stats->latest = stats->earliest = -1;
	if (!st.schema)
		return DR_EINTERNAL;
	for (size_t c = st.schema->ncols; c-- > 0;) {
		st.col[c] = -1;
		st.header[c] = st.schema->cols[c].name;
		if (st.schema->cols[c].type == DR_LOAD_DATE && st.schema->cols[c].required)
			st.date_col = (long)c;
		if (st.schema->cols[c].type == DR_LOAD_MONTH && st.schema->cols[c].required)
			st.month_col = (long)c;
	}
	for (size_t c = 0; c < st.schema->ncols; c++)
		if (st.schema->cols[c].type == DR_LOAD_TEXT)
			st.text_col[st.ntext++] = (unsigned char)c;
	if (!dr_load_date_format_valid(st.date_format)) {
		dr_error("%s: unsupported date format \"%s\" (use %%Y %%m %%d, optionally %%H %%M %%S)",
		         st.file, st.date_format);
		return DR_EUSAGE;
	}
	if (delim == '"' || delim == '\r' || delim == '\n') {
		dr_error("%s: a quote or line end cannot be the delimiter", st.file);
		return DR_EUSAGE;
	}
	if (!apply_overrides(&st, opts))
		goto out;
	struct dr_load_files files;
	const char *pattern = st.file;
	rc = dr_load_files_expand(opts->path, pattern, &files);
	stats->no_match = files.no_match;
	st.first_file = files.n ? files.display[0] : pattern;
	/* The id set's buckets for the rows the bytes suggest (48 a row). */
	unsigned long long bytes = 0;
	for (size_t i = 0; i < files.n; i++) {
		struct stat fst;
		if (stat(files.path[i], &fst) == 0 && S_ISREG(fst.st_mode))
			bytes += (unsigned long long)fst.st_size;
	}
	dr_idset_init_for(&st.ids, bytes / 48);
	for (size_t i = 0; i < files.n && rc == DR_OK; i++) {
		long read0 = stats->rows_read, used0 = stats->rows_used;
		st.file = files.display[i];
		st.nfile = i;
		st.file_first = st.file_last = DR_NO_DATE;
		rc = DR_LOAD_NOT_CHUNKED;
		if (opts->chunk_threads > 1 && files.n == 1 && !st.schema->has_line) {
			forget_header(&st);
			rc = dr_load_csv_chunked(files.path[i], st.file, delim, on_row, &st, &chunk_ops,
			                         opts->chunk_threads, opts->progress, opts->progress_ctx);
		}
		if (rc == DR_LOAD_NOT_CHUNKED) {
			forget_header(&st);     /* also a header the chunks gave back */
			rc = dr_load_csv_progress(files.path[i], st.file, delim, on_row, &st, opts->progress,
			                          opts->progress_ctx, opts->pipelined);
		}
		/* The extract's months follow from its files' dates. */
		if (st.file_first != DR_NO_DATE) {
			dr_month a = dr_month_of(st.file_first), b = dr_month_of(st.file_last);
			if (stats->earliest < 0 || a < stats->earliest)
				stats->earliest = a;
			if (b > stats->latest)
				stats->latest = b;
		}
		if (rc == DR_OK && opts->file_done) {
			struct dr_load_file f = {
				.name = st.file, .rows_read = stats->rows_read - read0,
				.rows_used = stats->rows_used - used0,
				.first = st.file_first, .last = st.file_last,
			};
			opts->file_done(e, &f, opts->file_ctx);
		}
	}
	flush_filled(&st);
	st.file = pattern;
	dr_load_files_free(&files);
	if (rc == DR_OK && stats->rows_read == 0)
		dr_warn("%s: no data rows after the header: the extract holds no month", st.file);
	for (int r = 0; r < DR_NSKIP && st.max_messages >= 0; r++)
		if (stats->skipped[r] > st.max_messages)
			dr_warn("%s: %ld more rows skipped (%s) not shown", st.file,
			        stats->skipped[r] - st.max_messages, dr_skip_reason_text(r));
out:
	free(st.maps);
	dr_idset_free(&st.ids);
	return rc;
}
