/*
 * config.h -- the site config (dyadreport.ini(5), SITE CONFIG), read with inih.
 *
 * dr_config_load() reads CONFIG.ini into a struct dr_config that is read-only
 * afterwards. Every key is checked against config-table.c: unknown sections
 * and keys, duplicated sections and keys, a department claimed by two dyads,
 * and the lines Debian's inih would misread (longer than its 200-byte buffer,
 * or indented so that they would continue the previous value) are errors with
 * file and line. All errors are printed before the load fails.
 *
 * Paths in [input] are resolved against the config file's folder, never the
 * current directory. Command-line options reach the same checks through
 * dr_config_set() with file "command line".
 *
 * Ownership: the struct owns every string; dr_config_free() releases them.
 */
#ifndef DYADREPORT_CONFIG_H
#define DYADREPORT_CONFIG_H

#include "dyadreport/dyadreport.h"
#include "dyadreport/load.h"
#include "dyadreport/spc.h"

enum dr_format { DR_FORMAT_PDF = 1, DR_FORMAT_PNG = 2, DR_FORMAT_SVG = 4, DR_FORMAT_CSV = 8 };

struct dr_dyad {
	char *id;                   /* [a-z0-9-]+, used in paths */
	char *name;
	char *physician;
	char *administrator;
	char **departments;
	size_t ndepartments;
	long line;                  /* line of the [dyad ...] header */
};

struct dr_target {
	char *metric;               /* a key of metric-table.c */
	double value;
	int better;                 /* +1 higher, -1 lower, 0 neutral */
	bool has_value;
};

/* An extract's own section ([visits], [denials], [handoffs], [burnout],
 * [commentary]): how this site's export differs from the default columns. */
struct dr_extract_config {
	char *date_format;          /* NULL: [input] date_format */
	char delimiter;             /* 0: [input] delimiter */
	struct dr_load_rename *renames;         /* col.OUR = Their Header */
	size_t nrenames;
	struct dr_load_code_map *code_maps;     /* map.FIELD.Their Code = OUR */
	size_t ncode_maps;
};

/* A known process change ([annotation NAME]): drawn on the charts of its
 * metrics; with rebase it starts a new SPC phase at its month. */
struct dr_annotation {
	char *name;                 /* NAME of the section */
	dr_month month;             /* month = YYYY-MM (required) */
	bool has_month;
	char *text;                 /* text = ... (default: NAME) */
	bool all_metrics;           /* metrics = all (the default) */
	char **metrics;             /* metrics = key, key, ... */
	size_t nmetrics;
	bool rebase;                /* rebase = yes|no (default no) */
	char **dyads;               /* dyads = id, id, ... (default: every dyad) */
	size_t ndyads;
	long line;                  /* line of the section header */
};

/* A chart type chosen for one metric ([spc] chart.METRIC, anhoej only). */
struct dr_spc_chart_choice {
	char *metric;
	enum dr_spc_chart chart;
};

/* The [spc] section. */
struct dr_spc_config {
	enum dr_spc_rules rules;    /* rules = mdc7 (default) | mdc6 | anhoej */
	bool screen;                /* screen_outliers = yes (default) | no */
	bool laney;                 /* laney = no (default) | yes: pp and up under anhoej */
	int baseline;               /* baseline = N: first N points; 0 = all */
	bool base_range;            /* baseline = YYYY-MM..YYYY-MM */
	dr_month base_from, base_to;
	struct dr_spc_chart_choice *charts;
	size_t ncharts;
	long line;                  /* line of [spc], 0 when absent */
};

/* Mini-Z orientation of the burnout item ([burnout] scale). */
enum dr_burnout_scale {
	DR_SCALE_MINZ1,             /* 1 best .. 5 worst; 3 or more is burnout */
	DR_SCALE_MINZ2,             /* 5 best .. 1 worst; 3 or less is burnout */
};

struct dr_config {
	char *path;                 /* as given */
	char *dir;                  /* folder relative paths resolve against */
	char *organization;
	char *period;               /* "last-month" or "YYYY-MM" */
	int months;
	char *template_name;
	char *output;               /* strftime pattern, resolved later */
	unsigned formats;           /* enum dr_format bits */
	int png_width, png_height;  /* [report] png_size, default 1600 x 900 (also the SVG's px) */
	int suppress_below;
	int min_denominator;        /* [report] min_denominator: a rate on fewer cases is greyed
	                             * with its n and never judged (default 20; 0 = off) */
	double max_bad_rows;        /* a fraction: 0.01 = 1% */
	char *label;
	char language[36];          /* [report] language: the packets' BCP 47 tag, the PDF's
	                             * /Lang (default en-US) */
	bool overview;              /* [report] overview: a run of two or more dyads writes
	                             * overview.pdf and overview.csv at the root (default yes) */
	bool csv_bom;               /* [output] csv_bom: metrics.csv and data-quality.csv start
	                             * with a UTF-8 BOM, for Excel (default no) */
	/* [input]: the four extracts, then the commentary (DR_COMMENTARY) */
	char *input[DR_NSOURCES];   /* resolved paths, NULL when omitted */
	char *input_raw[DR_NSOURCES];       /* as written, for messages */
	char *date_format;
	char delimiter;
	struct dr_extract_config extract[DR_NSOURCES];
	enum dr_burnout_scale burnout_scale;
	double handoff_window[DR_NHANDOFF_TYPES];   /* [handoffs] window.TYPE; NAN = default */
	struct dr_dyad *dyads;
	size_t ndyads;
	struct dr_target *targets;
	size_t ntargets;
	struct dr_spc_config spc;
	struct dr_annotation *annotations;
	size_t nannotations;
};

/* Loads path; returns DR_OK or DR_EUSAGE (errors printed). */
int dr_config_load(const char *path, struct dr_config *cfg);
/* The config language as data, for checks that the manual keeps up: the
 * i-th key of the table config.c reads ("organization"; "col." for the
 * col.COLUMN family), with *section set to its kind of section as written
 * in messages ("[report]", "[dyad ID]", "[visits]"); NULL past the last. */
const char *dr_config_key_name(size_t i, const char **section);
/* Applies one setting as if it stood in the file at file:line; returns 0 or
 * -1 after printing why. Used by the command line for -p, -m, -o, -f. */
int dr_config_set(struct dr_config *cfg, const char *section, const char *key,
                  const char *value, const char *file, long line);
/* Whether annotation a applies to the metric with this key in the dyad
 * with this id. */
bool dr_annotation_covers(const struct dr_annotation *a, const char *metric, const char *dyad);
/* The chart type [spc] chart.METRIC chose for metric, or NULL. */
const struct dr_spc_chart_choice *dr_config_chart(const struct dr_config *cfg, const char *metric);
/* The target for a metric key, or NULL. */
const struct dr_target *dr_config_target(const struct dr_config *cfg, const char *metric);
/* The loader options for extract e as this config sets them (path, name
 * for messages, date format, delimiter, renames, code maps). */
struct dr_load_options dr_config_load_options(const struct dr_config *cfg, enum dr_extract e);
/* Index of the dyad with this id, or -1. */
long dr_config_dyad_index(const struct dr_config *cfg, const char *id);
/* Resolves path against cfg->dir unless absolute; a new string. */
char *dr_config_resolve(const struct dr_config *cfg, const char *path);
void dr_config_free(struct dr_config *cfg);

#endif
