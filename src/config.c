/*
 * config.c -- reads the site config with inih and checks it against
 * config-table.c (see config.h for the contract).
 *
 * The file is read through config-ini.c's checked line reader (Debian's
 * inih gives no line numbers, cuts long lines and joins indented ones), which
 * hands every section header to begin_section(): unknown and duplicated
 * sections are caught even when they hold no key.
 *
 * Every problem is printed as FILE:LINE: what is wrong; loading goes on to
 * find the others, then fails with DR_EUSAGE.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-int.h"
#include "dyadreport/diag.h"
#include "dyadreport/metric.h"

struct seen_key {
	long section_line;
	char *key;
};

struct parser {
	struct dr_config_ini ini;   /* file, current line, errors */
	struct dr_config *cfg;
	/* the section the next keys belong to */
	enum config_section kind;
	bool section_ok;            /* false inside an unknown section */
	long section_line;
	void *item;                 /* the dyad or target being filled */
	char **sections;            /* every section header seen, for duplicates */
	size_t nsections;
	struct seen_key *keys;
	size_t nkeys;
};

/* The extract whose own section is [name], or -1. */
static int extract_section(const char *name)
{
	for (int e = 0; e < DR_NEXTRACTS; e++)
		if (strcmp(name, dr_extract_name(e)) == 0)
			return e;
	return -1;
}

/* Starts a new section from a "[...]" line (name already trimmed; NULL
 * for a broken header). */
static void begin_section(void *user, const char *name)
{
	struct parser *p = user;
	struct dr_config *cfg = p->cfg;
	p->section_ok = false;
	p->section_line = p->ini.line;
	p->item = NULL;
	if (!name)
		return;
	for (size_t i = 0; i < p->nsections; i++) {
		if (strcmp(p->sections[i], name) == 0) {
			dr_config_ini_problem(&p->ini, "section [%s] appears twice", name);
			return;
		}
	}
	p->sections = dr_xreallocarray(p->sections, p->nsections + 1, sizeof(char *));
	p->sections[p->nsections++] = dr_xstrdup(name);

	if (strcmp(name, "report") == 0) {
		p->kind = SEC_REPORT;
	} else if (strcmp(name, "input") == 0) {
		p->kind = SEC_INPUT;
	} else if (extract_section(name) >= 0) {
		p->kind = SEC_VISITS + extract_section(name);
		p->item = &cfg->extract[extract_section(name)];
	} else if (strncmp(name, "dyad ", 5) == 0) {
		const char *id = name + 5;
		while (*id == ' ')
			id++;
		if (!dr_config_ini_valid_id(id)) {
			dr_config_ini_problem(&p->ini, "%s", "dyad id must use only a-z, 0-9 and -");
			return;
		}
		p->kind = SEC_DYAD;
		cfg->dyads = dr_xreallocarray(cfg->dyads, cfg->ndyads + 1, sizeof *cfg->dyads);
		struct dr_dyad *d = &cfg->dyads[cfg->ndyads++];
		memset(d, 0, sizeof *d);
		d->id = dr_xstrdup(id);
		d->line = p->ini.line;
		p->item = d;
	} else if (strncmp(name, "target ", 7) == 0) {
		const char *metric = name + 7;
		while (*metric == ' ')
			metric++;
		if (!dr_metric_find(metric)) {
			dr_config_ini_problem(&p->ini, "[target %s]: no such metric", metric);
			return;
		}
		p->kind = SEC_TARGET;
		cfg->targets = dr_xreallocarray(cfg->targets, cfg->ntargets + 1, sizeof *cfg->targets);
		struct dr_target *t = &cfg->targets[cfg->ntargets++];
		memset(t, 0, sizeof *t);
		t->metric = dr_xstrdup(metric);
		t->better = dr_metric_find(metric)->better;
		p->item = t;
	} else if (strcmp(name, "spc") == 0) {
		p->kind = SEC_SPC;
		cfg->spc.line = p->ini.line;
	} else if (strncmp(name, "annotation ", 11) == 0) {
		const char *id = name + 11;
		while (*id == ' ')
			id++;
		if (!*id) {
			dr_config_ini_problem(&p->ini, "%s", "[annotation NAME] needs a name");
			return;
		}
		p->kind = SEC_ANNOTATION;
		cfg->annotations = dr_xreallocarray(cfg->annotations, cfg->nannotations + 1,
		                                    sizeof *cfg->annotations);
		struct dr_annotation *a = &cfg->annotations[cfg->nannotations++];
		memset(a, 0, sizeof *a);
		a->name = dr_xstrdup(id);
		a->all_metrics = true;
		a->line = p->ini.line;
		p->item = a;
	} else {
		dr_config_ini_problem(&p->ini, "unknown section [%s]", name);
		return;
	}
	p->section_ok = true;
}

/* Records section/key; false when the key was already set in this section. */
static bool first_time(struct parser *p, const char *key)
{
	for (size_t i = 0; i < p->nkeys; i++)
		if (p->keys[i].section_line == p->section_line && strcasecmp(p->keys[i].key, key) == 0)
			return false;
	p->keys = dr_xreallocarray(p->keys, p->nkeys + 1, sizeof *p->keys);
	p->keys[p->nkeys].section_line = p->section_line;
	p->keys[p->nkeys].key = dr_xstrdup(key);
	p->nkeys++;
	return true;
}

/* A department already owned by an earlier dyad. */
static const char *claimed_department(const struct dr_config *cfg, const struct dr_dyad *self)
{
	for (size_t i = 0; i < self->ndepartments; i++)
		for (size_t d = 0; d < cfg->ndyads; d++) {
			const struct dr_dyad *o = &cfg->dyads[d];
			for (size_t j = 0; o != self && j < o->ndepartments; j++)
				if (strcasecmp(o->departments[j], self->departments[i]) == 0)
					return self->departments[i];
		}
	return NULL;
}

/* ini_handler: one key = value of the current section. */
static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parser *p = user;
	if (p->ini.line == 0 || !p->section_ok)
		return 1;       /* error already reported for the section */
	if (!*section) {
		dr_config_ini_problem(&p->ini, "key %s stands before any section", name);
		return 1;
	}
	const struct config_key *k = dr_config_key_find(p->kind, name);
	if (!k) {
		dr_config_ini_problem(&p->ini, "unknown key %s in this section", name);
		return 1;
	}
	if (!first_time(p, name)) {
		dr_config_ini_problem(&p->ini, "key %s is set twice in this section", name);
		return 1;
	}
	const char *err = k->set(p->cfg, p->item, value, name);
	if (err) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s: %s", name, err);
		dr_config_ini_problem(&p->ini, "%s", msg);
		return 1;
	}
	if (p->kind == SEC_DYAD && strcmp(name, "departments") == 0) {
		const char *dup = claimed_department(p->cfg, p->item);
		if (dup)
			dr_config_ini_problem(&p->ini, "department %s is already owned by another dyad", dup);
	}
	return 1;
}

/* Fills the defaults dyadreport.ini(5) documents. */
static void defaults(struct dr_config *cfg)
{
	cfg->organization = dr_xstrdup("");
	cfg->period = dr_xstrdup("last-month");
	cfg->months = 13;
	cfg->png_width = 1600;
	cfg->png_height = 900;
	cfg->template_name = dr_xstrdup("monthly-packet");
	cfg->output = dr_xstrdup("out/%Y-%m");
	cfg->formats = DR_FORMAT_PDF | DR_FORMAT_PNG | DR_FORMAT_CSV;
	cfg->suppress_below = 5;
	cfg->min_denominator = 20;
	cfg->max_bad_rows = 0.01;
	cfg->label = dr_xstrdup("Internal");
	cfg->date_format = dr_xstrdup("%Y-%m-%d");
	cfg->delimiter = ',';
	cfg->burnout_scale = DR_SCALE_MINZ1;
	for (int t = 0; t < DR_NHANDOFF_TYPES; t++)
		cfg->handoff_window[t] = NAN;
	cfg->spc.rules = DR_SPC_MDC7;
	cfg->spc.screen = true;
}

/* The header column c of extract e is read from: its col. rename, else
 * its own name. */
static const char *header_of(const struct dr_config *cfg, enum dr_extract e, size_t c)
{
	const struct dr_extract_config *x = &cfg->extract[e];
	const char *name = dr_load_column_name(e, c);
	for (size_t i = 0; i < x->nrenames; i++)
		if (strcasecmp(x->renames[i].column, name) == 0)
			return x->renames[i].header;
	return name;
}

/* Two columns of one extract must not read the same header (a rename onto
 * another column's default name would feed one cell to both). */
static void header_clash(struct parser *p, enum dr_extract e)
{
	size_t n = dr_load_ncolumns(e);
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			if (strcasecmp(header_of(p->cfg, e, a), header_of(p->cfg, e, b)) == 0)
				dr_config_ini_problem(&p->ini, "[%s]: columns %s and %s would both read the header \"%s\"; "
				        "give the other one its own col. line", dr_extract_name(e),
				        dr_load_column_name(e, a), dr_load_column_name(e, b),
				        header_of(p->cfg, e, a));
}

/* Checks what only the whole file can tell. */
static void final_checks(struct parser *p)
{
	struct dr_config *cfg = p->cfg;
	p->ini.line = 0;
	if (cfg->ndyads == 0)
		dr_config_ini_problem(&p->ini, "%s", "no [dyad ID] section: nothing to report on");
	for (size_t i = 0; i < cfg->ndyads; i++) {
		struct dr_dyad *d = &cfg->dyads[i];
		p->ini.line = d->line;
		if (!d->ndepartments)
			dr_config_ini_problem(&p->ini, "[dyad %s] needs departments", d->id);
		if (!d->name)
			d->name = dr_xstrdup(d->id);
		if (!d->physician)
			d->physician = dr_xstrdup("");
		if (!d->administrator)
			d->administrator = dr_xstrdup("");
	}
	bool rebase = false;
	for (size_t i = 0; i < cfg->nannotations; i++) {
		struct dr_annotation *a = &cfg->annotations[i];
		p->ini.line = a->line;
		if (!a->has_month)
			dr_config_ini_problem(&p->ini, "[annotation %s] needs month = YYYY-MM", a->name);
		if (!a->text)
			a->text = dr_xstrdup(a->name);
		for (size_t j = 0; j < a->ndyads; j++)
			if (dr_config_dyad_index(cfg, a->dyads[j]) < 0)
				dr_config_ini_problem(&p->ini, "[annotation %s] dyads: no [dyad %s]", a->name, a->dyads[j]);
		rebase |= a->rebase;
	}
	p->ini.line = cfg->spc.line;
	if (cfg->spc.rules != DR_SPC_ANHOEJ && (cfg->spc.ncharts || cfg->spc.laney))
		dr_warn("%s:%ld: [spc] chart.METRIC and laney apply to rules = anhoej only; "
		        "Making Data Count uses XmR charts", p->ini.file, p->ini.line);
	if (cfg->spc.rules == DR_SPC_ANHOEJ && cfg->spc.baseline && rebase)
		dr_warn("%s:%ld: [spc] baseline = N is ignored on charts with a rebase under anhoej "
		        "(as qicharts2 ignores freeze with parts); a YYYY-MM..YYYY-MM range is not",
		        p->ini.file, p->ini.line);
	p->ini.line = 0;
	for (size_t i = 0; i < cfg->ntargets; i++)
		if (!cfg->targets[i].has_value)
			dr_config_ini_problem(&p->ini, "[target %s] needs a value", cfg->targets[i].metric);
	bool any = false;
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		const struct dr_extract_config *x = &cfg->extract[e];
		any |= cfg->input[e] != NULL;
		header_clash(p, e);
		if (!cfg->input[e] && (x->date_format || x->delimiter || x->nrenames || x->ncode_maps))
			dr_warn("%s: [%s] has settings, but [input] names no %s extract", p->ini.file,
			        dr_extract_name(e), dr_extract_name(e));
	}
	if (!any)
		dr_config_ini_problem(&p->ini, "%s", "[input] names no extract");
}

/* The absolute folder that holds path. */
static char *folder_of(const char *path)
{
	char *dir = dr_path_dir(path);
	char *abs = realpath(dir, NULL);
	if (abs) {
		free(dir);
		return abs;
	}
	return dir;
}

int dr_config_load(const char *path, struct dr_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	defaults(cfg);
	cfg->path = dr_xstrdup(path);
	cfg->dir = folder_of(path);

	struct parser p = { .cfg = cfg };
	p.ini = (struct dr_config_ini){ .file = path, .section = begin_section, .user = &p };
	if (dr_config_ini_parse(&p.ini, "config", handler) == 0 && p.ini.errors == 0)
		final_checks(&p);

	for (size_t i = 0; i < p.nsections; i++)
		free(p.sections[i]);
	free(p.sections);
	for (size_t i = 0; i < p.nkeys; i++)
		free(p.keys[i].key);
	free(p.keys);
	return p.ini.errors ? DR_EUSAGE : DR_OK;
}

int dr_config_set(struct dr_config *cfg, const char *section, const char *key,
                  const char *value, const char *file, long line)
{
	enum config_section s = strcmp(section, "input") == 0 ? SEC_INPUT : SEC_REPORT;
	const struct config_key *k = dr_config_key_find(s, key);
	const char *err = k ? k->set(cfg, NULL, value, key) : "unknown setting";
	if (err) {
		dr_error_at(file, line, "%s: %s", key, err);
		return -1;
	}
	return 0;
}

bool dr_annotation_covers(const struct dr_annotation *a, const char *metric, const char *dyad)
{
	bool mine = a->ndyads == 0;
	for (size_t i = 0; i < a->ndyads && !mine; i++)
		mine = strcmp(a->dyads[i], dyad) == 0;
	if (!mine)
		return false;
	if (a->all_metrics)
		return true;
	for (size_t i = 0; i < a->nmetrics; i++)
		if (strcmp(a->metrics[i], metric) == 0)
			return true;
	return false;
}

const struct dr_spc_chart_choice *dr_config_chart(const struct dr_config *cfg, const char *metric)
{
	const struct dr_spc_chart_choice *found = NULL;
	for (size_t i = 0; i < cfg->spc.ncharts; i++)
		if (strcmp(cfg->spc.charts[i].metric, metric) == 0)
			found = &cfg->spc.charts[i];
	return found;
}

const struct dr_target *dr_config_target(const struct dr_config *cfg, const char *metric)
{
	for (size_t i = 0; i < cfg->ntargets; i++)
		if (strcmp(cfg->targets[i].metric, metric) == 0)
			return &cfg->targets[i];
	return NULL;
}

struct dr_load_options dr_config_load_options(const struct dr_config *cfg, enum dr_extract e)
{
	const struct dr_extract_config *x = &cfg->extract[e];
	return (struct dr_load_options){
		.path = cfg->input[e],
		.display = cfg->input_raw[e],
		.date_format = x->date_format ? x->date_format : cfg->date_format,
		.delimiter = x->delimiter ? x->delimiter : cfg->delimiter,
		.renames = x->renames,
		.nrenames = x->nrenames,
		.code_maps = x->code_maps,
		.ncode_maps = x->ncode_maps,
	};
}

long dr_config_dyad_index(const struct dr_config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->ndyads; i++)
		if (strcmp(cfg->dyads[i].id, id) == 0)
			return (long)i;
	return -1;
}

char *dr_config_resolve(const struct dr_config *cfg, const char *path)
{
	if (path[0] == '/' || !cfg->dir)
		return dr_xstrdup(path);
	return dr_xasprintf("%s/%s", cfg->dir, path);
}

void dr_config_free(struct dr_config *cfg)
{
	free(cfg->path);
	free(cfg->dir);
	free(cfg->organization);
	free(cfg->period);
	free(cfg->template_name);
	free(cfg->output);
	free(cfg->label);
	free(cfg->date_format);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		struct dr_extract_config *x = &cfg->extract[e];
		free(cfg->input[e]);
		free(cfg->input_raw[e]);
		free(x->date_format);
		for (size_t i = 0; i < x->nrenames; i++) {
			free((char *)x->renames[i].column);
			free((char *)x->renames[i].header);
		}
		free(x->renames);
		for (size_t i = 0; i < x->ncode_maps; i++) {
			free((char *)x->code_maps[i].column);
			free((char *)x->code_maps[i].from);
			free((char *)x->code_maps[i].to);
		}
		free(x->code_maps);
	}
	for (size_t i = 0; i < cfg->ndyads; i++) {
		struct dr_dyad *d = &cfg->dyads[i];
		free(d->id);
		free(d->name);
		free(d->physician);
		free(d->administrator);
		for (size_t j = 0; j < d->ndepartments; j++)
			free(d->departments[j]);
		free(d->departments);
	}
	free(cfg->dyads);
	for (size_t i = 0; i < cfg->ntargets; i++)
		free(cfg->targets[i].metric);
	free(cfg->targets);
	for (size_t i = 0; i < cfg->spc.ncharts; i++)
		free(cfg->spc.charts[i].metric);
	free(cfg->spc.charts);
	for (size_t i = 0; i < cfg->nannotations; i++) {
		struct dr_annotation *a = &cfg->annotations[i];
		free(a->name);
		free(a->text);
		for (size_t j = 0; j < a->nmetrics; j++)
			free(a->metrics[j]);
		free(a->metrics);
		for (size_t j = 0; j < a->ndyads; j++)
			free(a->dyads[j]);
		free(a->dyads);
	}
	free(cfg->annotations);
	memset(cfg, 0, sizeof *cfg);
}
