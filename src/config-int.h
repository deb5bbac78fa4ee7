/*
 * config-int.h -- what config.c and config-table.c share, nothing more.
 *
 * A struct config_key row says in which kind of section a key may stand,
 * how its value is parsed and stored, and the help text. The table is the
 * single list of every key dyadreport accepts.
 */
#ifndef DYADREPORT_CONFIG_INT_H
#define DYADREPORT_CONFIG_INT_H

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

#endif
