/*
 * config.c -- reads the site config with inih and checks it against
 * config-table.c (see config.h for the contract).
 *
 * The file is read through config-ini.c's checked line reader (Debian's
 * inih gives no line numbers; the reader takes lines of any length and
 * joins a value's indented continuation lines), which hands every section
 * header to begin_section(): unknown and duplicated sections are caught even
 * when they hold no key.
 *
 * Every problem is printed as FILE:LINE: what is wrong (the first 10, then a
 * count); loading goes on to find the others, then fails with DR_EUSAGE.
 * A config line is data: messages name the section ("[dyad oncology]", a
 * dyad id only when short printable ASCII), our own key names and the
 * place of a list item, never a value, an unknown key or section name.
 * Every value must be UTF-8 text without control characters.
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
	long line;
	char *key;
};

/* A known section seen, for duplicates. */
struct seen_section {
	char *name;
	long line;
};

struct parser {
	struct dr_config_ini ini;   /* file, current line, errors */
	struct dr_config *cfg;
	/* the section the next keys belong to */
	enum config_section kind;
	bool any_section;           /* a header was read */
	bool section_ok;            /* false inside an unknown section */
	long section_line;
	void *item;                 /* the dyad or target being filled */
	char label[96];             /* the section as messages name it */
	struct seen_section *sections;
	size_t nsections;
	struct seen_key *keys;
	size_t nkeys;
};

/* The extract whose own section is [name], or -1. */
static int extract_section(const char *name)
{
	for (int e = 0; e < DR_NSOURCES; e++)
		if (strcmp(name, dr_extract_name(e)) == 0)
			return e;
	return -1;
}

/* How a kind of section is written, for "belongs in ...". */
static const char *kind_name(enum config_section s)
{
	static const char *const names[SEC_VISITS] = {
		[SEC_REPORT] = "[report]", [SEC_INPUT] = "[input]", [SEC_DYAD] = "[dyad ID]",
		[SEC_TARGET] = "[target METRIC]", [SEC_SPC] = "[spc]",
		[SEC_ANNOTATION] = "[annotation NAME]", [SEC_OUTPUT] = "[output]",
	};
	static char extract[DR_NSOURCES][24];
	if (s < SEC_VISITS)
		return names[s];
	int e = (int)(s - SEC_VISITS);
	snprintf(extract[e], sizeof extract[e], "[%s]", dr_extract_name(e));
	return extract[e];
}

/* "[KIND name]" ("[dyad oncology]"), or "[KIND PLACEHOLDER]" ("[dyad ID]")
 * when the name is not fit to print. */
static const char *section_label(char *out, size_t size, const char *kind, const char *placeholder,
                                 const char *name)
{
	snprintf(out, size, "[%s %s]", kind, dr_config_ini_printable(name) ? name : placeholder);
	return out;
}

static const char *dyad_label(char *out, size_t size, const char *id)
{
	return section_label(out, size, "dyad", "ID", id);
}

static const char *annotation_label(char *out, size_t size, const char *name)
{
	return section_label(out, size, "annotation", "NAME", name);
}

/* The first known section of this name, or NULL; records it otherwise. */
static const struct seen_section *seen_before(struct parser *p, const char *name)
{
	for (size_t i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].name, name) == 0)
			return &p->sections[i];
	p->sections = dr_xreallocarray(p->sections, p->nsections + 1, sizeof *p->sections);
	p->sections[p->nsections++] = (struct seen_section){ dr_xstrdup(name), p->ini.line };
	return NULL;
}

/* Kind, label and duplicate check of the section [name]; false when it is
 * refused (the problem is printed). */
static bool classify_section(struct parser *p, const char *name)
{
	char what[128];
	static const struct { const char *name; enum config_section kind; } single[] = {
		{ "report", SEC_REPORT }, { "input", SEC_INPUT }, { "spc", SEC_SPC },
		{ "output", SEC_OUTPUT },
	};
	size_t one = 0;
	while (one < DR_NELEM(single) && strcmp(name, single[one].name) != 0)
		one++;
	if (one < DR_NELEM(single)) {
		p->kind = single[one].kind;
		snprintf(p->label, sizeof p->label, "[%s]", name);
	} else if (extract_section(name) >= 0) {
		p->kind = SEC_VISITS + extract_section(name);
		snprintf(p->label, sizeof p->label, "[%s]", name);
	} else if (strncmp(name, "dyad ", 5) == 0) {
		const char *id = name + 5;
		while (*id == ' ')
			id++;
		if (!dr_config_ini_valid_id(id)) {
			dr_config_ini_problem(&p->ini, "%s is not allowed: a dyad id may use only a-z, 0-9 "
			                      "and -", dr_config_ini_name(what, sizeof what, "dyad id", id));
			return false;
		}
		p->kind = SEC_DYAD;
		dyad_label(p->label, sizeof p->label, id);
	} else if (strncmp(name, "target ", 7) == 0) {
		const char *metric = name + 7;
		while (*metric == ' ')
			metric++;
		if (!dr_metric_find(metric)) {
			struct dr_config_ini_guess g = { 0 };
			for (int m = 0; m < DR_NMETRICS; m++)
				dr_config_ini_guess(&g, metric, dr_metric_def(m)->key, NULL);
			dr_config_ini_problem(&p->ini, "[target METRIC]: no such metric%s%s%s",
			                      g.best ? " (did you mean " : " (see the definitions page for "
			                      "keys)", g.best ? g.best : "", g.best ? "?)" : "");
			return false;
		}
		p->kind = SEC_TARGET;
		snprintf(p->label, sizeof p->label, "[target %s]", dr_metric_find(metric)->key);
	} else if (strncmp(name, "annotation ", 11) == 0) {
		const char *id = name + 11;
		while (*id == ' ')
			id++;
		const char *why = dr_config_ini_text(id);
		if (!*id || why) {
			dr_config_ini_problem(&p->ini, "[annotation NAME]: %s", *id ? why : "needs a name");
			return false;
		}
		p->kind = SEC_ANNOTATION;
		annotation_label(p->label, sizeof p->label, id);
	} else if (strcmp(name, "dyad") == 0 || strcmp(name, "target") == 0 ||
	           strcmp(name, "annotation") == 0) {
		dr_config_ini_problem(&p->ini, "[%s] needs %s", name, name[0] == 'd' ? "an id: [dyad ID]"
		                      : name[0] == 't' ? "a metric: [target METRIC]"
		                      : "a name: [annotation NAME]");
		return false;
	} else {
		dr_config_ini_problem(&p->ini, "%s", "unknown section (use [report], [input], [dyad ID], "
		                      "[target METRIC], [spc], [annotation NAME], [output], [visits], "
		                      "[denials], [handoffs], [burnout] or [commentary])");
		return false;
	}
	const struct seen_section *first = seen_before(p, name);
	if (first) {
		dr_config_ini_problem(&p->ini, "section %s appears twice (first on line %ld)",
		                      p->label, first->line);
		return false;
	}
	return true;
}

/* Starts a new section from a "[...]" line (name already trimmed; NULL
 * for a broken header). */
static void begin_section(void *user, const char *name)
{
	struct parser *p = user;
	struct dr_config *cfg = p->cfg;
	p->any_section = true;
	p->section_ok = false;
	p->section_line = p->ini.line;
	p->item = NULL;
	if (!name || !classify_section(p, name))
		return;
	const char *id = strchr(name, ' ');
	while (id && *id == ' ')
		id++;
	switch (p->kind) {
	case SEC_DYAD: {
		cfg->dyads = dr_xreallocarray(cfg->dyads, cfg->ndyads + 1, sizeof *cfg->dyads);
		struct dr_dyad *d = &cfg->dyads[cfg->ndyads++];
		memset(d, 0, sizeof *d);
		d->id = dr_xstrdup(id);
		d->line = p->ini.line;
		p->item = d;
		break;
	}
	case SEC_TARGET: {
		const struct dr_metric_def *def = dr_metric_find(id);
		cfg->targets = dr_xreallocarray(cfg->targets, cfg->ntargets + 1, sizeof *cfg->targets);
		struct dr_target *t = &cfg->targets[cfg->ntargets++];
		memset(t, 0, sizeof *t);
		t->metric = dr_xstrdup(def->key);
		t->better = def->better;
		p->item = t;
		break;
	}
	case SEC_SPC:
		cfg->spc.line = p->ini.line;
		break;
	case SEC_ANNOTATION: {
		cfg->annotations = dr_xreallocarray(cfg->annotations, cfg->nannotations + 1,
		                                    sizeof *cfg->annotations);
		struct dr_annotation *a = &cfg->annotations[cfg->nannotations++];
		memset(a, 0, sizeof *a);
		a->name = dr_xstrdup(id);
		a->all_metrics = true;
		a->line = p->ini.line;
		p->item = a;
		break;
	}
	default:
		if (p->kind >= SEC_VISITS)
			p->item = &cfg->extract[p->kind - SEC_VISITS];
		break;
	}
	p->section_ok = true;
}

/* The first line the key was set on in this section, or 0 (and records
 * it). */
static long set_before(struct parser *p, const char *key)
{
	for (size_t i = 0; i < p->nkeys; i++)
		if (p->keys[i].section_line == p->section_line && strcasecmp(p->keys[i].key, key) == 0)
			return p->keys[i].line;
	p->keys = dr_xreallocarray(p->keys, p->nkeys + 1, sizeof *p->keys);
	p->keys[p->nkeys].section_line = p->section_line;
	p->keys[p->nkeys].line = p->ini.line;
	p->keys[p->nkeys].key = dr_xstrdup(key);
	p->nkeys++;
	return 0;
}

/* The dyad before self that owns self's department item i (any case), or
 * NULL; *theirs is the item's place in that dyad's list (1-based). */
static const struct dr_dyad *claimed_department(const struct dr_config *cfg,
                                                const struct dr_dyad *self, size_t i,
                                                size_t *theirs)
{
	for (size_t d = 0; d < cfg->ndyads && &cfg->dyads[d] != self; d++) {
		const struct dr_dyad *o = &cfg->dyads[d];
		for (size_t j = 0; j < o->ndepartments; j++)
			if (strcasecmp(o->departments[j], self->departments[i]) == 0) {
				*theirs = j + 1;
				return o;
			}
	}
	return NULL;
}

/* The key written as name, as messages name it: for a prefix row, with
 * the column, type or metric when it is one of ours (col.visit_date,
 * map.status.CODE), else its pattern (dr_config_key_shown). */
static const char *key_shown(const struct parser *p, const struct config_key *k, const char *name,
                             char *out, size_t size)
{
	const char *rest = name + strlen(k->key);
	enum dr_extract e = (enum dr_extract)(p->kind - SEC_VISITS);
	int i;
	if (strcmp(k->key, "col.") == 0 && (i = dr_load_column_index(e, rest)) >= 0) {
		snprintf(out, size, "col.%s", dr_load_column_name(e, (size_t)i));
	} else if (strcmp(k->key, "map.") == 0) {
		char *column = dr_xstrndup(rest, strcspn(rest, "."));
		i = dr_load_column_index(e, column);
		free(column);
		if (i < 0)
			return dr_config_key_shown(k);
		snprintf(out, size, "map.%s.CODE", dr_load_column_name(e, (size_t)i));
	} else if (strcmp(k->key, "chart.") == 0 && dr_metric_find(rest)) {
		snprintf(out, size, "chart.%s", dr_metric_find(rest)->key);
	} else if (strcmp(k->key, "window.") == 0 && dr_config_ini_valid_id(rest) &&
	           strlen(rest) <= DR_CONFIG_INI_NAME_MAX &&
	           dr_load_code_of(DR_HANDOFFS, "handoff_type", rest) >= 0) {
		snprintf(out, size, "window.%s", rest);
	} else {
		return dr_config_key_shown(k);
	}
	return out;
}

/* The row of a key written as name in any section, or NULL. */
static const struct config_key *any_section_key(const char *name)
{
	for (int s = 0; s < SEC_NSECTIONS; s++) {
		const struct config_key *k = dr_config_key_find((enum config_section)s, name);
		if (k)
			return k;
	}
	return NULL;
}

/* known_key callback: the key's own spelling, whatever the section. */
static const char *known_key(void *user, const char *name)
{
	const struct config_key *k = any_section_key(name);
	return k ? dr_config_key_shown(k) : NULL;
}

/* is_list callback. */
static bool is_list(void *user, const char *name)
{
	struct parser *p = user;
	const struct config_key *k = p->section_ok ? dr_config_key_find(p->kind, name) : NULL;
	return k && dr_config_key_is_list(k);
}

/* The key nearest to name (a family key such as col. compared by its
 * head, "col." of "col.x"), among the keys of section kind when `in` is
 * true, else among every other section's; NULL when none is close, else
 * the key with *shown set to the name to print. */
static const struct config_key *nearest_key(const char *name, const char *head,
                                            enum config_section kind, bool in, const char **shown)
{
	struct dr_config_ini_guess g = { 0 };
	const struct config_key *best = NULL;
	for (size_t i = 0; i < dr_config_nkeys; i++) {
		const struct config_key *k = &dr_config_keys[i];
		const char *before = g.best;
		if ((k->section == kind) != in)
			continue;
		if (k->key[strlen(k->key) - 1] != '.')
			dr_config_ini_guess(&g, name, k->key, NULL);
		else if (head)
			dr_config_ini_guess(&g, head, k->key, dr_config_key_shown(k));
		if (g.best != before)
			best = k;
	}
	*shown = g.best;
	return best;
}

/* Reports a key this section does not have, naming only keys of ours. */
static void unknown_key(struct parser *p, const char *name)
{
	if (dr_config_ini_muted(&p->ini)) {
		dr_config_ini_problem(&p->ini, "%s", "unknown key");     /* counted only */
		return;
	}
	const struct config_key *elsewhere = any_section_key(name);
	if (elsewhere) {
		dr_config_ini_problem(&p->ini, "unknown key in %s: %s belongs in %s", p->label,
		                      dr_config_key_shown(elsewhere), kind_name(elsewhere->section));
		return;
	}
	const char *dot = strchr(name, '.');
	char *head = dot ? dr_xstrndup(name, (size_t)(dot - name) + 1) : NULL;
	const char *shown, *other_shown;
	const struct config_key *near = nearest_key(name, head, p->kind, true, &shown);
	/* No key of this section is close: perhaps a key of another one. */
	const struct config_key *other = near ? NULL : nearest_key(name, head, p->kind, false, &other_shown);
	free(head);
	if (near)
		dr_config_ini_problem(&p->ini, "unknown key in %s (did you mean %s?)", p->label, shown);
	else if (other)
		dr_config_ini_problem(&p->ini, "unknown key in %s (did you mean %s? it belongs in %s)",
		                      p->label, other_shown, kind_name(other->section));
	else
		dr_config_ini_problem(&p->ini, "unknown key in %s (dyadreport.ini(5) lists the keys)",
		                      p->label);
}

/* ini_handler: one key = value of the current section. */
static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parser *p = user;
	if (!p->any_section) {
		const char *known = known_key(p, name);
		dr_config_ini_problem(&p->ini, "%s%s stands before any section: the file must start "
		                      "with a [section] header", known ? "key " : "a key = value line",
		                      known ? known : "");
		return 1;
	}
	if (p->ini.line == 0 || !p->section_ok)
		return 1;       /* error already reported for the section */
	const struct config_key *k = dr_config_key_find(p->kind, name);
	if (!k) {
		unknown_key(p, name);
		return 1;
	}
	char buf[96];
	const char *shown = key_shown(p, k, name, buf, sizeof buf);
	long first = set_before(p, name);
	if (first) {
		dr_config_ini_problem(&p->ini, "%s key %s is set twice (first on line %ld)", p->label,
		                      shown, first);
		return 1;
	}
	const char *err = dr_config_ini_text(name) ? "the key is not UTF-8 text; save the file "
	                                             "as UTF-8" : dr_config_ini_text(value);
	if (!err)
		err = k->set(p->cfg, p->item, value, name);
	if (err) {
		dr_config_ini_problem(&p->ini, "%s %s: %s", p->label, shown, err);
		return 1;
	}
	if (p->kind == SEC_DYAD && strcmp(name, "departments") == 0) {
		const struct dr_dyad *self = p->item;
		for (size_t i = 0; i < self->ndepartments; i++) {
			size_t theirs = 0;
			const struct dr_dyad *owner = claimed_department(p->cfg, self, i, &theirs);
			char other[96];
			if (owner)
				dr_config_ini_problem(&p->ini, "%s departments: item %zu is already owned "
				                      "by %s (its item %zu, line %ld): a department belongs "
				                      "to one dyad", p->label, i + 1,
				                      dyad_label(other, sizeof other, owner->id), theirs,
				                      owner->line);
		}
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
	cfg->overview = true;
	cfg->max_bad_rows = 0.01;
	cfg->label = dr_xstrdup("Internal");
	snprintf(cfg->language, sizeof cfg->language, "en-US");
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
				dr_config_ini_problem(&p->ini, "[%s]: columns %s and %s would both read the same "
				        "header; give the other one its own col. line", dr_extract_name(e),
				        dr_load_column_name(e, a), dr_load_column_name(e, b));
}

/* Checks what only the whole file can tell. */
static void final_checks(struct parser *p)
{
	struct dr_config *cfg = p->cfg;
	char label[96];
	p->ini.line = 0;
	if (cfg->ndyads == 0)
		dr_config_ini_problem(&p->ini, "%s", "no [dyad ID] section: nothing to report on");
	for (size_t i = 0; i < cfg->ndyads; i++) {
		struct dr_dyad *d = &cfg->dyads[i];
		p->ini.line = d->line;
		if (!d->ndepartments)
			dr_config_ini_problem(&p->ini, "%s needs departments",
			                      dyad_label(label, sizeof label, d->id));
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
		annotation_label(label, sizeof label, a->name);
		if (!a->has_month)
			dr_config_ini_problem(&p->ini, "%s needs month = YYYY-MM", label);
		if (!a->text)
			a->text = dr_xstrdup(a->name);
		for (size_t j = 0; j < a->ndyads; j++) {
			if (dr_config_dyad_index(cfg, a->dyads[j]) >= 0)
				continue;
			struct dr_config_ini_guess g = { 0 };
			for (size_t d = 0; d < cfg->ndyads; d++)
				if (dr_config_ini_printable(cfg->dyads[d].id))
					dr_config_ini_guess(&g, a->dyads[j], cfg->dyads[d].id, NULL);
			dr_config_ini_problem(&p->ini, "%s dyads: item %zu names no [dyad ID]%s%s%s", label,
			                      j + 1, g.best ? " (did you mean " : "", g.best ? g.best : "",
			                      g.best ? "?)" : "");
		}
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
	bool any = false;       /* a data extract: the commentary alone has no figure */
	for (int e = 0; e < DR_NSOURCES; e++) {
		const struct dr_extract_config *x = &cfg->extract[e];
		any |= e < DR_NEXTRACTS && cfg->input[e] != NULL;
		header_clash(p, e);
		if (!cfg->input[e] && (x->date_format || x->delimiter || x->nrenames || x->ncode_maps))
			dr_warn("%s: [%s] has settings, but [input] names no %s%s", p->ini.file,
			        dr_extract_name(e), dr_extract_name(e), e < DR_NEXTRACTS ? " extract" : "");
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
	p.ini = (struct dr_config_ini){ .file = path, .section = begin_section,
	                                .known_key = known_key, .is_list = is_list, .user = &p };
	if (dr_config_ini_parse(&p.ini, "config", handler) == 0 && p.ini.errors == 0)
		final_checks(&p);
	dr_config_ini_finish(&p.ini);

	for (size_t i = 0; i < p.nsections; i++)
		free(p.sections[i].name);
	free(p.sections);
	for (size_t i = 0; i < p.nkeys; i++)
		free(p.keys[i].key);
	free(p.keys);
	return p.ini.errors ? DR_EUSAGE : DR_OK;
}

const char *dr_config_key_name(size_t i, const char **section)
{
	if (i >= dr_config_nkeys)
		return NULL;
	if (section)
		*section = kind_name(dr_config_keys[i].section);
	return dr_config_keys[i].key;
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
	for (int e = 0; e < DR_NSOURCES; e++) {
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
