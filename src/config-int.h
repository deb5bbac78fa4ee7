/*
 * config-int.h -- what config.c and config-table.c share, nothing more.
 *
 * A struct config_key row says in which kind of section a key may stand,
 * how its value is parsed and stored, and the help text. The table is the
 * single list of every key dyadreport accepts.
 *
 * config-ini.c's checked line reader and value parsers are shared with the
 * template reader (config-template.c).
 */
#ifndef DYADREPORT_CONFIG_INT_H
#define DYADREPORT_CONFIG_INT_H

#include <ini.h>
#include <stdbool.h>
#include <stdio.h>

#include "dyadreport/config.h"

/* SEC_VISITS .. SEC_BURNOUT follow enum dr_extract's order. */
enum config_section {
	SEC_REPORT, SEC_INPUT, SEC_DYAD, SEC_TARGET, SEC_SPC, SEC_ANNOTATION,
	SEC_VISITS, SEC_DENIALS, SEC_HANDOFFS, SEC_BURNOUT,
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

/* ---- config-ini.c: reading any of dyadreport's INI files ---- */

/* One INI file being read. The caller sets file, section and user; the
 * reader keeps line (the line being handled; 0 outside the file) and
 * counts errors. section() is called for every "[name]" header with the
 * trimmed name, or with NULL for a header without ']' (keys up to the next
 * header belong to no section). */
struct dr_config_ini {
	const char *file;
	void (*section)(void *user, const char *name);
	void *user;
	long line;
	int errors;
	FILE *fp;                   /* private to config-ini.c */
	char *buf;
	size_t bufsize;
};

/* Reads ini->file through the checked line reader into handler (called with
 * ini->user); returns 0, or -1 when the file cannot be opened (printed as
 * "cannot read WHAT"). Either way ini->errors counts what was printed. */
int dr_config_ini_parse(struct dr_config_ini *ini, const char *what, ini_handler handler);
/* Prints FILE:LINE: message at ini's current line and counts it. */
void dr_config_ini_problem(struct dr_config_ini *ini, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Trims leading and trailing white space in place. */
char *dr_config_ini_trim(char *s);
/* True for an id made of [a-z0-9-], not empty. */
bool dr_config_ini_valid_id(const char *s);
/* Splits a comma-separated list into *items (trimmed, empty items
 * skipped), replacing and freeing what was there; returns how many. */
size_t dr_config_ini_split(const char *v, char ***items, size_t *n);
/* Parses a whole number in [lo, hi]; NULL or a static reason. */
const char *dr_config_ini_int(const char *value, int lo, int hi, int *out);

#endif
