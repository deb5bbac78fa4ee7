/*
 * config-int.h -- what config.c and config-table.c share, nothing more.
 *
 * A struct config_key row says in which kind of section a key may stand,
 * how its value is parsed and stored, and the help text. The table is the
 * single list of every key dyadreport accepts.
 *
 * config-ini.c's checked line reader, capped problem printer and value
 * checks are shared with the template reader (config-template.c).
 */
#ifndef DYADREPORT_CONFIG_INT_H
#define DYADREPORT_CONFIG_INT_H

#include <ini.h>
#include <stdbool.h>
#include <stdio.h>

#include "dyadreport/config.h"

/* SEC_VISITS .. SEC_COMMENTARY follow enum dr_extract's order. */
enum config_section {
	SEC_REPORT, SEC_INPUT, SEC_DYAD, SEC_TARGET, SEC_SPC, SEC_ANNOTATION, SEC_OUTPUT,
	SEC_VISITS, SEC_DENIALS, SEC_HANDOFFS, SEC_BURNOUT, SEC_COMMENTARY,
	SEC_NSECTIONS
};

/* Parses value into the config; section_arg is the ID of [dyad ID] or the
 * METRIC of [target METRIC]; returns NULL or a static error text. */
typedef const char *(*config_setter)(struct dr_config *cfg, void *item, const char *value,
                                     const char *key);

/* A key ending in '.' is a prefix: "col." stands for col.ANY (the setter
 * gets the whole key and reads what follows the prefix). */
struct config_key {
	enum config_section section;
	const char *key;
	config_setter set;
	const char *help;
};

extern const struct config_key dr_config_keys[];
extern const size_t dr_config_nkeys;

/* The key's row (exact name, or a prefix row with something after the
 * prefix), or NULL. */
const struct config_key *dr_config_key_find(enum config_section s, const char *key);

/* The key as messages name it: itself, or for a prefix row its pattern
 * (col.COLUMN, map.COLUMN.CODE, window.TYPE, chart.METRIC), since what
 * follows the prefix was written in the file. */
const char *dr_config_key_shown(const struct config_key *k);
/* Whether the key's value is a comma list (its continuation lines are
 * items). */
bool dr_config_key_is_list(const struct config_key *k);

/* ---- config-ini.c: reading any of dyadreport's INI files ---- */

/* At most this many problems are printed per file; dr_config_ini_finish()
 * then says how many more there were. */
#define DR_CONFIG_INI_SHOWN 10
/* A name read from a file is printed only when it is printable ASCII of at
 * most this many bytes (dr_config_ini_name). */
#define DR_CONFIG_INI_NAME_MAX 40

/* One INI file being read. The caller sets file, section, user and, if it
 * has them, known_key and is_list; the reader keeps line (the line being
 * handled; 0 outside the file) and counts errors. section() is called for
 * every "[name]" header with the trimmed name, whole, or with NULL for a
 * header without ']' (keys up to the next header belong to no section).
 * known_key() gives the program's own spelling of a key written as name, in
 * any section, or NULL: an indented line that sets one is refused. is_list()
 * says whether a key's value is a comma list: its continuation lines are
 * then joined with commas, else with one space. The handler gets each key
 * once, with its whole value, while line is the key's line. */
struct dr_config_ini {
	const char *file;
	void (*section)(void *user, const char *name);
	const char *(*known_key)(void *user, const char *name);
	bool (*is_list)(void *user, const char *name);
	void *user;
	long line;
	int errors;
	/* private to config-ini.c */
	int shown, hidden;          /* problems printed, and left out */
	FILE *fp;
	char *buf;                  /* the line being handed to inih */
	size_t bufsize, len, pos;
	int kind;                   /* enum line_kind of that line */
	bool open_value;            /* an indented line would continue a value */
	ini_handler handler;
	char *section_name;
	bool pending;               /* a value is being joined: */
	char *pend_name, *pend_value;
	size_t pend_len, pend_cap;
	long pend_line;
};

/* Reads ini->file through the checked line reader into handler (called with
 * ini->user); returns 0, or -1 when the file cannot be opened (printed as
 * "cannot read WHAT"). Either way ini->errors counts the problems. */
int dr_config_ini_parse(struct dr_config_ini *ini, const char *what, ini_handler handler);
/* Prints FILE:LINE: message at ini's current line and counts it; past the
 * first DR_CONFIG_INI_SHOWN problems, only counts it. */
void dr_config_ini_problem(struct dr_config_ini *ini, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* True once problems are only counted: no need to work out a message. */
bool dr_config_ini_muted(const struct dr_config_ini *ini);
/* Prints "and N more problems in FILE" when problems were left out. */
void dr_config_ini_finish(struct dr_config_ini *ini);
/* Trims leading and trailing white space in place. */
char *dr_config_ini_trim(char *s);
/* True for an id made of [a-z0-9-], not empty. */
bool dr_config_ini_valid_id(const char *s);
/* Splits a comma-separated list into *items (trimmed, empty items
 * skipped), replacing and freeing what was there; returns how many. */
size_t dr_config_ini_split(const char *v, char ***items, size_t *n);
/* A name read from a file (a dyad id, a page name), fit for a message:
 * what "s" when s is printable ASCII of at most DR_CONFIG_INI_NAME_MAX
 * bytes, else a description ("a dyad id of 57 bytes with a non-ASCII
 * byte"). Writes into out and returns it. */
const char *dr_config_ini_name(char *out, size_t size, const char *what, const char *s);
/* True when s may be printed bare: printable ASCII, 1 to
 * DR_CONFIG_INI_NAME_MAX bytes. */
bool dr_config_ini_printable(const char *s);
/* NULL when s is UTF-8 text without control characters, else a static
 * reason. */
const char *dr_config_ini_text(const char *s);
/* The closest known name to a typed one, for "did you mean ...?": feed
 * every candidate (known: compared; shown: printed, NULL for known); best
 * stays NULL unless one is within an edit or two. */
struct dr_config_ini_guess {
	const char *best;
	size_t dist;
};
void dr_config_ini_guess(struct dr_config_ini_guess *g, const char *typed, const char *known,
                         const char *shown);
/* Parses a whole number in [lo, hi]; NULL or a static reason. */
const char *dr_config_ini_int(const char *value, int lo, int hi, int *out);

#endif
