/*
 * load.h -- the four extracts, read as a stream of typed records.
 *
 * dr_load_extract() reads one CSV file (or the files a glob pattern matches,
 * in name order, as one extract; gzip inflated as read) in fixed-size
 * blocks with libcsv
 * (strict mode), strips a UTF-8 byte-order mark, accepts LF and CRLF, matches
 * header names to the default schema (dyadreport.ini(5), EXTRACTS)
 * case-insensitively (surrounding spaces ignored, unknown columns ignored),
 * and calls the row callback once
 * per usable row with a typed record. Rows that cannot be used are skipped
 * and counted by reason; the first few of each reason are reported through
 * diag.h as FILE:LINE: column NAME: reason. Line numbers are physical lines,
 * the header being line 1.
 *
 * Ownership: a record and every string in it belong to the loader and are
 * valid only during the callback; copy what you keep.
 * Never: prints or stores a cell's value (a cell may hold patient data), or
 * holds more than one row in memory (only the set of ids seen, as 64-bit
 * hashes, for duplicate detection).
 */
#ifndef DYADREPORT_LOAD_H
#define DYADREPORT_LOAD_H

#include "dyadreport/dyadreport.h"

/* The four data extracts (DR_NEXTRACTS: the ones metrics, freshness and
 * data quality loop over), then the commentary the dyads write themselves
 * ([input] commentary): read by the same loader with the same options,
 * but it never holds a month of data. DR_NSOURCES counts all five. */
enum dr_extract {
	DR_VISITS, DR_DENIALS, DR_HANDOFFS, DR_BURNOUT, DR_NEXTRACTS,
	DR_COMMENTARY = DR_NEXTRACTS, DR_NSOURCES
};

/* "visits", "denials", "handoffs", "burnout", "commentary". */
const char *dr_extract_name(enum dr_extract e);

/* ---- visits.csv ---- */
enum dr_visit_type { DR_VISIT_NEW, DR_VISIT_ESTABLISHED };
enum dr_visit_status { DR_VISIT_COMPLETED, DR_VISIT_NO_SHOW, DR_VISIT_CANCELLED };

struct dr_visit {
	const char *visit_id;
	const char *patient_id;     /* only ever hashed for distinct counts */
	const char *provider_id;
	const char *provider_name;  /* NULL when the column or the cell is empty */
	const char *department;
	dr_date visit_date;
	dr_date booked_date;        /* DR_NO_DATE when empty */
	enum dr_visit_type visit_type;
	enum dr_visit_status status;
	double duration_min;        /* NAN when empty */
	double wrvu;                /* NAN when empty */
};

/* ---- denials.csv ---- */
enum dr_denial_status { DR_DENIAL_APPROVED, DR_DENIAL_DENIED, DR_DENIAL_PENDING };
enum dr_denial_reason {
	DR_REASON_MISSING_DOCUMENTATION,
	DR_REASON_CODING_ERROR,
	DR_REASON_MEDICAL_NECESSITY,
	DR_REASON_AUTHORIZATION,
	DR_REASON_ELIGIBILITY,
	DR_REASON_TIMELY_FILING,
	DR_REASON_OTHER,
	DR_REASON_UNSPECIFIED,      /* DENIED with an empty reason, or not denied */
	DR_NREASONS
};
enum dr_appeal { DR_APPEAL_NONE, DR_APPEAL_PENDING, DR_APPEAL_OVERTURNED, DR_APPEAL_UPHELD };

struct dr_denial {
	const char *request_id;
	const char *department;
	const char *payer;
	const char *service;
	dr_date submitted_date;
	dr_date decision_date;      /* DR_NO_DATE while pending */
	enum dr_denial_status status;
	enum dr_denial_reason reason;
	enum dr_appeal appeal;
	double amount;              /* NAN when empty */
};

/* ---- handoffs.csv ---- */
enum dr_handoff_type {
	DR_HANDOFF_SHIFT_CHANGE, DR_HANDOFF_DISCHARGE, DR_HANDOFF_REFERRAL,
	DR_HANDOFF_RESULT_FOLLOWUP, DR_HANDOFF_OTHER, DR_NHANDOFF_TYPES
};
enum dr_handoff_tool { DR_TOOL_UNKNOWN, DR_TOOL_SBAR, DR_TOOL_IPASS, DR_TOOL_NONE };

struct dr_handoff {
	const char *handoff_id;
	const char *department;
	dr_date handoff_date;       /* the date part of a date or date-time */
	enum dr_handoff_type type;
	bool completed;
	double hours_to_complete;   /* NAN when empty */
	double window_hours;        /* NAN when empty: use the type's default */
	enum dr_handoff_tool tool;  /* DR_TOOL_UNKNOWN when empty */
};

/* ---- burnout.csv ---- */
enum dr_role { DR_ROLE_PHYSICIAN, DR_ROLE_APP, DR_ROLE_NURSE, DR_ROLE_ADMINISTRATOR, DR_ROLE_STAFF, DR_NROLES };

struct dr_response {
	const char *response_id;
	const char *department;
	dr_date survey_date;
	enum dr_role role;
	int burnout;                /* 1..5, as exported (scale applied by metrics) */
	int satisfaction;           /* 1..5, 0 when empty */
	int stress;
	int trust_leadership;
	int teamwork;
};

/* ---- commentary.csv: what the dyad decided (commentary.h) ---- */
enum dr_action_status { DR_ACTION_OPEN, DR_ACTION_DONE, DR_ACTION_DROPPED };
/* Who may read a packet (a template's audience) or a commentary row. */
enum dr_audience { DR_AUDIENCE_INTERNAL, DR_AUDIENCE_PUBLIC };

struct dr_comment_row {
	const char *dyad;           /* a dyad id of the config (not checked here) */
	const char *metric;         /* a metric key (not checked here) */
	dr_month month;             /* the meeting month: YYYY-MM, or a date in the
	                             * extract's date format (its month) */
	const char *comment;        /* NULL when empty */
	const char *action;         /* NULL when empty; a row has a comment or an action */
	const char *owner;          /* NULL when empty */
	dr_date due;                /* DR_NO_DATE when empty */
	enum dr_action_status status;       /* empty: open */
	enum dr_audience audience;          /* empty: internal */
	long line;                  /* physical line of the row, for warnings */
	const char *file;           /* the file it is in, as named in messages (one
	                             * file of a glob pattern); valid during the
	                             * callback only */
};

/* Why a row was skipped. */
enum dr_skip_reason {
	DR_SKIP_FIELD_COUNT,        /* wrong number of fields */
	DR_SKIP_MISSING,            /* a required field is empty */
	DR_SKIP_BAD_DATE,           /* not a date in the expected format */
	DR_SKIP_DATE_RANGE,         /* a date outside 1990..2100 */
	DR_SKIP_UNKNOWN_CODE,       /* a code not in the schema */
	DR_SKIP_BAD_NUMBER,         /* not a number */
	DR_SKIP_NEGATIVE,           /* a negative number where >= 0 is required */
	DR_SKIP_OUT_OF_RANGE,       /* a score outside 1..5, a window <= 0 */
	DR_SKIP_DUPLICATE_ID,       /* the id was seen on an earlier row */
	DR_SKIP_DECISION_ORDER,     /* decision before submission */
	DR_SKIP_BAD_UTF8,           /* invalid UTF-8 in a text field */
	DR_SKIP_TOO_LONG,           /* a field over 64 KiB */
	DR_SKIP_BAD_QUOTE,          /* text after a closing quote: the row is lost */
	DR_NSKIP
};

/* Short lower-case text for a reason: "bad date", "unknown code", ... */
const char *dr_skip_reason_text(enum dr_skip_reason r);

/* Upper bound on the number of columns of any extract's schema. */
#define DR_LOAD_MAX_COLS 16

struct dr_load_stats {
	long rows_read;             /* data rows, header excluded */
	long rows_used;             /* rows passed to the callback */
	long rows_ignored;          /* rows with a code mapped to IGNORE */
	long skipped[DR_NSKIP];
	/* Per schema column (dr_load_column_name): in the header, and the
	 * number of used rows with a value in it. */
	bool present[DR_LOAD_MAX_COLS];
	long filled[DR_LOAD_MAX_COLS];
	/* The latest month of a used row's own date (visit, submitted,
	 * handoff, survey date; the commentary's month) over the whole file,
	 * whatever the trend window; -1 when no row was used. */
	dr_month latest;
	/* The earliest month of the same dates; -1 when no row was used. */
	dr_month earliest;
	/* The path is a glob pattern that matched no file (DR_EINPUT). */
	bool no_match;
};

/* Rows read but neither used nor ignored. */
long dr_load_skipped(const struct dr_load_stats *st);

/* The code a site maps rows to when they are not events of the extract at
 * all (`map.denial_reason.CO-45 = IGNORE`): counted, never used. */
#define DR_LOAD_IGNORE "IGNORE"

/* ---- the default schema, for config checks and reports ---- */
size_t dr_load_ncolumns(enum dr_extract e);
/* Name of column c ("visit_date"), or NULL past the end. */
const char *dr_load_column_name(enum dr_extract e, size_t c);
bool dr_load_column_required(enum dr_extract e, size_t c);
/* Column c's type as dyadreport.ini(5) names it: "text", "date", "code",
 * "Y/N", "number >= 0", "number > 0", "integer 1-5" or "month"; NULL past
 * the end. */
const char *dr_load_column_type(enum dr_extract e, size_t c);
/* The i-th canonical code of code column c, in documented order; NULL
 * past the last (and for a column that is not a code column). */
const char *dr_load_column_code(enum dr_extract e, size_t c, size_t i);
/* Index of the column called name (any case), or -1. */
int dr_load_column_index(enum dr_extract e, const char *name);
/* The enum value of a canonical code of a code column (any case), or -1. */
int dr_load_code_of(enum dr_extract e, const char *column, const char *code);
/* NULL if `map.COLUMN.x = to` is a valid code map of extract e, else why
 * not (no such column, not a code column, not one of its codes). */
const char *dr_load_code_map_check(enum dr_extract e, const char *column, const char *to);

/* A site's header for one of our columns: `col.visit_date = Appt Date`. */
struct dr_load_rename {
	const char *column;         /* schema name, e.g. "visit_date" */
	const char *header;         /* the site's header text, e.g. "Appt Date" */
};

/* A site's code for one of ours: `map.status.Arrived = COMPLETED`. */
struct dr_load_code_map {
	const char *column;         /* schema name of a code or Y/N column */
	const char *from;           /* the site's code, matched case-insensitively */
	const char *to;             /* one of the column's canonical codes */
};

/* One file of an extract, read whole: its rows and the dates of its used
 * rows (the extract's own date: visit, submitted, handoff, survey date;
 * for the commentary, the first day of its month). */
struct dr_load_file {
	const char *name;           /* as configured: "drops/visits-2026-09.csv" */
	long rows_read;             /* data rows, header excluded */
	long rows_used;
	dr_date first, last;        /* earliest and latest; DR_NO_DATE: none used */
};

struct dr_load_options {
	const char *path;           /* file to read, or a glob pattern (load-glob.c) */
	const char *display;        /* name used in messages (e.g. the path as configured) */
	const char *date_format;    /* strptime-style; NULL = "%Y-%m-%d" */
	char delimiter;             /* 0 = ',' */
	int max_messages;           /* messages printed per reason; 0 = 5, < 0 = all */
	const struct dr_load_rename *renames;     /* NULL = schema names */
	size_t nrenames;
	const struct dr_load_code_map *code_maps; /* NULL = canonical codes only */
	size_t ncode_maps;
	/* Optional: called after every block read (64 KiB) with the bytes read
	 * so far and the file's size (0 when unknown, e.g. a pipe), for a
	 * progress line. Never sees a row. */
	void (*progress)(long long done, long long total, void *ctx);
	void *progress_ctx;
	/* Optional: whether a valid row can change any figure of the run (its
	 * date is in the report's range, say). A row it refuses is still used
	 * and handed to the row callback, but its id is not kept for the
	 * duplicate check, so that memory follows the report's range rather
	 * than the file's length. NULL: every row's id is kept. */
	bool (*wanted)(enum dr_extract e, const void *record, void *ctx);
	void *wanted_ctx;
	/* Parse on this thread while a second one checks and accumulates the
	 * rows before (for the largest extract when cores allow). The row
	 * callback and progress then run on that thread; rows, their order
	 * and messages are the same. */
	bool pipelined;
	/* When over 1: a large extract file may be cut into chunks parsed and
	 * checked on up to this many threads, the rows then counted and handed
	 * to the row callback in file order on the calling thread
	 * (load-chunk.c); rows, their order and messages are the same. */
	int chunk_threads;
	/* Optional: called after each file of the extract is read whole, in
	 * the order read (the name is valid only during the call). */
	void (*file_done)(enum dr_extract e, const struct dr_load_file *f, void *ctx);
	void *file_ctx;
};

/* Called once per usable row; record points at the struct for the extract.
 * May be NULL (e.g. --check only counts). */
typedef void (*dr_load_row_fn)(enum dr_extract e, const void *record, void *ctx);

/*
 * Reads one extract. Returns DR_OK, or DR_EINPUT after printing why the file
 * as a whole cannot be read (missing, no file matching a pattern, files of
 * a pattern whose headers name other columns, gzip data damaged or
 * truncated, not a regular file, empty, a required
 * column missing, a duplicate header, a broken quote, changed while read;
 * an open() or read() stuck past the read timeout ends the process with
 * DR_EINPUT, see below), or DR_EUSAGE
 * when the options themselves are wrong (unsupported date format or
 * delimiter, a rename or code map naming no such column or code). Skipped
 * rows do not make it fail: the caller applies the bad-row limit to *stats.
 * A header with no data rows is a warning and DR_OK (an extract that holds
 * no month yet: the run's freshness check names it).
 * *stats is zeroed first and holds the counts so far even on failure.
 */
int dr_load_extract(enum dr_extract e, const struct dr_load_options *opts,
                    struct dr_load_stats *stats, dr_load_row_fn fn, void *ctx);

/* How long the open() or one read() of an extract may block before the run
 * ends with DR_EINPUT (load-watchdog.c): DYADREPORT_READ_TIMEOUT seconds,
 * else this. */
#define DR_LOAD_READ_TIMEOUT_DEFAULT 120.0
/* The read timeout in *seconds; -1 when DYADREPORT_READ_TIMEOUT is set but
 * not a number of seconds > 0 (a usage error). */
int dr_load_read_timeout(double *seconds);

/* ---- field parsers (load-field.c): pure, no I/O; s need not end in NUL ---- */

/* Longest field kept, in bytes; a longer one skips its row (DR_SKIP_TOO_LONG). */
#define DR_LOAD_FIELD_MAX (64 * 1024)
/* Dates outside these years are DR_SKIP_DATE_RANGE. */
#define DR_LOAD_YEAR_MIN 1990
#define DR_LOAD_YEAR_MAX 2100

/*
 * true if fmt is a date format the loader understands: %Y %m %d exactly once
 * each, optionally %H %M %S, %% and literal characters (for config checks).
 */
bool dr_load_date_format_valid(const char *fmt);
/*
 * Parses s[0..len) with fmt. After a format without %H, a time part
 * " HH:MM[:SS[.fff]][ AM|PM]" or "THH:MM[:SS[.fff]]" is accepted and dropped;
 * a format with a time part also reads a date alone (the time is optional).
 * Returns true and sets *out, or false with *why = DR_SKIP_BAD_DATE or
 * DR_SKIP_DATE_RANGE.
 */
bool dr_load_parse_date(const char *s, size_t len, const char *fmt, dr_date *out,
                        enum dr_skip_reason *why);
/* A finite decimal number ("12", "-0.5", "1e3"); no NaN, inf, hex or ",". */
bool dr_load_parse_number(const char *s, size_t len, double *out);
/* Y/N, yes/no, true/false, 1/0, any case. */
bool dr_load_parse_bool(const char *s, size_t len, bool *out);
/* Well-formed UTF-8 without NUL bytes, overlongs or surrogates. */
bool dr_load_utf8_valid(const char *s, size_t len);
/* Bytes of the one well-formed UTF-8 character at s (n bytes left), or 0
 * (NUL, malformed, cut short, or n == 0). */
size_t dr_load_utf8_char(const char *s, size_t n);

#endif
