/*
 * config-template.c -- reads a packet template (templates/NAME.ini) into a
 * struct dr_template, finds one by name, and answers what a template
 * implies: its privacy thresholds, its page size and its cover's tiles
 * (template.h).
 *
 * Input:  a path read through config-ini.c's checked line reader (the same
 *         rules as the site config: lines of any length, a value continued
 *         on indented lines; metrics = is a list, other values text).
 * How:    the handler only records each key's raw value and line, per
 *         section; once the whole file is read, [template] is checked, then
 *         each page in file order (a page's kind may come after its other
 *         keys), so every message carries the line of the key at fault.
 * Output: DR_OK and a filled struct, or DR_EUSAGE after printing every
 *         problem as FILE:LINE: ...; the struct is then empty (freeable).
 * Owns:   the struct owns its strings and arrays (dr_template_free).
 * Never:  echoes a value, an unknown key or section name back in a message
 *         (a page name only when short printable ASCII), or reads anything
 *         but path. Text values must be UTF-8 without control characters.
 * Keys:   the tkeys[] table below is the whole template language.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config-int.h"
#include "dyadreport/diag.h"
#include "dyadreport/template.h"

#ifndef DR_TEMPLATE_DIR
#define DR_TEMPLATE_DIR "/usr/local/share/dyadreport/templates"
#endif

enum tkey {
	K_TITLE, K_PAGE_SIZE, K_ORIENTATION, K_AUDIENCE, K_TYPE_SCALE, K_SUPPRESS, K_SMALL_CELLS,
	K_STAMP,
	K_KIND, K_SECTION, K_NOTE, K_METRICS, K_CHART, K_BY, K_WINDOW, K_GRID, K_HEADLINE,
	K_Y_AXIS, NKEYS
};

#define KIND(k) (1u << DR_PAGE_##k)
#define ALL_KINDS ((1u << DR_NPAGE_KINDS) - 1)
#define TEXT_KINDS (ALL_KINDS & ~KIND(COVER))

/* Every key: where it may stand ([template], and which page kinds). */
static const struct {
	const char *name;
	bool in_template;
	unsigned kinds;
} tkeys[NKEYS] = {
	[K_TITLE] = { "title", true, ALL_KINDS },
	[K_PAGE_SIZE] = { "page_size", true, 0 },
	[K_ORIENTATION] = { "orientation", true, 0 },
	[K_AUDIENCE] = { "audience", true, 0 },
	[K_TYPE_SCALE] = { "type_scale", true, 0 },
	[K_SUPPRESS] = { "suppress_below", true, 0 },
	[K_SMALL_CELLS] = { "small_cells_below", true, 0 },
	[K_STAMP] = { "stamp", true, 0 },
	[K_KIND] = { "kind", false, ALL_KINDS },
	[K_SECTION] = { "section", false, TEXT_KINDS },
	[K_NOTE] = { "note", false, TEXT_KINDS },
	[K_METRICS] = { "metrics", false, KIND(COVER) | KIND(SUMMARY) | KIND(CHART_GRID) | KIND(CHART) |
	                                  KIND(TABLE) },
	[K_CHART] = { "chart", false, KIND(CHART) },
	[K_BY] = { "by", false, KIND(CHART) | KIND(TABLE) },
	[K_WINDOW] = { "window", false, KIND(CHART) | KIND(TABLE) | KIND(PROVIDER_TABLE) },
	[K_GRID] = { "grid", false, KIND(CHART_GRID) },
	[K_HEADLINE] = { "headline", false, KIND(CHART_GRID) | KIND(CHART) },
	[K_Y_AXIS] = { "y_axis", false, KIND(CHART_GRID) | KIND(CHART) },
};

/* y_axis = ..., in enum dr_chart_yaxis order. */
static const char *const yaxis_names[] = { "fitted", "zero", "whole" };

static const char *const kind_names[DR_NPAGE_KINDS] = {
	"cover", "summary", "chart-grid", "chart", "table", "provider-table", "data-quality",
	"definitions", "actions",
};

static const char *const default_titles[DR_NPAGE_KINDS] = {
	[DR_PAGE_COVER] = "Cover",
	[DR_PAGE_SUMMARY] = "Executive summary",
	[DR_PAGE_CHART_GRID] = "Charts",
	[DR_PAGE_CHART] = "Chart",
	[DR_PAGE_TABLE] = "Table",
	[DR_PAGE_PROVIDER_TABLE] = "Providers",
	[DR_PAGE_DATA_QUALITY] = "Data quality",
	[DR_PAGE_DEFINITIONS] = "How these numbers are calculated",
	[DR_PAGE_ACTIONS] = "Actions",
};

/* One section as written: each key's value and line (NULL: absent). */
struct raw {
	char *name;                 /* NAME of [page NAME]; NULL for [template] */
	char label[64];             /* "[page NAME]" as messages name it */
	long line;                  /* of the header */
	char *val[NKEYS];
	long at[NKEYS];
};

struct tparser {
	struct dr_config_ini ini;
	struct raw tmpl;            /* [template] */
	bool tmpl_seen;
	struct raw *pages;
	size_t npages;
	struct raw *cur;            /* the section being read; NULL in a bad one */
	bool any_section;
	bool public;                /* audience = public (known after [template]) */
};

/* ini's current line set to line, for a message about it. */
static struct dr_config_ini *at(struct tparser *p, long line)
{
	p->ini.line = line;
	return &p->ini;
}

/* The index of name in names[n], or -1. */
static int find_name(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Section callback: [template] or [page NAME]. */
static void begin_section(void *user, const char *name)
{
	struct tparser *p = user;
	char what[128];
	p->cur = NULL;
	p->any_section = true;
	if (!name)
		return;
	if (strcmp(name, "template") == 0) {
		if (p->tmpl_seen) {
			dr_config_ini_problem(&p->ini, "section [template] appears twice (first on line %ld)",
			                      p->tmpl.line);
			return;
		}
		p->tmpl_seen = true;
		p->tmpl.line = p->ini.line;
		snprintf(p->tmpl.label, sizeof p->tmpl.label, "%s", "[template]");
		p->cur = &p->tmpl;
		return;
	}
	if (strncmp(name, "page ", 5) != 0) {
		dr_config_ini_problem(&p->ini, "%s", "unknown section (use [template] or [page NAME])");
		return;
	}
	const char *id = name + 5;
	while (*id == ' ')
		id++;
	if (!dr_config_ini_valid_id(id)) {
		dr_config_ini_problem(&p->ini, "%s is not allowed: a page name may use only a-z, 0-9 "
		                      "and -", dr_config_ini_name(what, sizeof what, "page name", id));
		return;
	}
	for (size_t i = 0; i < p->npages; i++)
		if (strcmp(p->pages[i].name, id) == 0) {
			dr_config_ini_problem(&p->ini, "%s appears twice (first on line %ld)",
			                      p->pages[i].label, p->pages[i].line);
			return;
		}
	p->pages = dr_xreallocarray(p->pages, p->npages + 1, sizeof *p->pages);
	p->cur = &p->pages[p->npages++];
	memset(p->cur, 0, sizeof *p->cur);
	p->cur->name = dr_xstrdup(id);
	if (dr_config_ini_printable(id))
		snprintf(p->cur->label, sizeof p->cur->label, "[page %s]", id);
	else
		snprintf(p->cur->label, sizeof p->cur->label, "%s", "[page NAME]");
	p->cur->line = p->ini.line;
}

/* The key written as name, in [template] (tmpl) or a page, or NKEYS. */
static int find_key(const char *name, bool tmpl)
{
	for (int k = 0; k < NKEYS; k++)
		if (strcmp(tkeys[k].name, name) == 0 && (tmpl ? tkeys[k].in_template : tkeys[k].kinds))
			return k;
	return NKEYS;
}

/* known_key callback: our spelling of a key of either kind of section. */
static const char *known_key(void *user, const char *name)
{
	int k = find_key(name, true);
	if (k == NKEYS)
		k = find_key(name, false);
	return k == NKEYS ? NULL : tkeys[k].name;
}

/* is_list callback: metrics = is the one list. */
static bool is_list(void *user, const char *name)
{
	return strcmp(name, tkeys[K_METRICS].name) == 0;
}

/* Reports a key the section does not have, naming only keys of ours. */
static void unknown_key(struct tparser *p, const char *name, bool tmpl)
{
	if (dr_config_ini_muted(&p->ini)) {
		dr_config_ini_problem(&p->ini, "%s", "unknown key");     /* counted only */
		return;
	}
	if (find_key(name, !tmpl) != NKEYS) {
		dr_config_ini_problem(&p->ini, "unknown key in %s: %s belongs in %s", p->cur->label,
		                      tkeys[find_key(name, !tmpl)].name,
		                      tmpl ? "a [page NAME] section" : "[template]");
		return;
	}
	struct dr_config_ini_guess g = { 0 };
	for (int k = 0; k < NKEYS; k++)
		if (tmpl ? tkeys[k].in_template : tkeys[k].kinds != 0)
			dr_config_ini_guess(&g, name, tkeys[k].name, NULL);
	struct dr_config_ini_guess other = { 0 };
	for (int k = 0; k < NKEYS && !g.best; k++)
		if (tmpl ? tkeys[k].kinds != 0 : tkeys[k].in_template)
			dr_config_ini_guess(&other, name, tkeys[k].name, NULL);
	if (g.best)
		dr_config_ini_problem(&p->ini, "unknown key in %s (did you mean %s?)", p->cur->label,
		                      g.best);
	else if (other.best)
		dr_config_ini_problem(&p->ini, "unknown key in %s (did you mean %s? it belongs in %s)",
		                      p->cur->label, other.best, tmpl ? "a [page NAME] section"
		                      : "[template]");
	else
		dr_config_ini_problem(&p->ini, "unknown key in %s (dyadreport.ini(5), TEMPLATES, lists "
		                      "the keys)", p->cur->label);
}

/* ini_handler: records one key = value of the current section. */
static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct tparser *p = user;
	if (!p->any_section) {
		const char *known = known_key(p, name);
		dr_config_ini_problem(&p->ini, "%s%s stands before any section: the file must start "
		                      "with [template] or [page NAME]", known ? "key " : "a key = value "
		                      "line", known ? known : "");
		return 1;
	}
	if (!p->cur)
		return 1;       /* the section's error is already reported */
	bool tmpl = p->cur == &p->tmpl;
	int k = find_key(name, tmpl);
	if (k == NKEYS) {
		unknown_key(p, name, tmpl);
		return 1;
	}
	if (p->cur->val[k]) {
		dr_config_ini_problem(&p->ini, "%s key %s is set twice (first on line %ld)",
		                      p->cur->label, tkeys[k].name, p->cur->at[k]);
		return 1;
	}
	const char *why = dr_config_ini_text(value);
	if (why) {
		dr_config_ini_problem(&p->ini, "%s %s: %s", p->cur->label, tkeys[k].name, why);
		return 1;
	}
	p->cur->val[k] = dr_xstrdup(value);
	p->cur->at[k] = p->ini.line;
	return 1;
}

/* Parses a number in [lo, hi]; false when it is not one. */
static bool parse_double(const char *v, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (end == v || *end || errno || !isfinite(d) || d < lo || d > hi)
		return false;
	*out = d;
	return true;
}

/* Checks [template] into t. */
static void check_template(struct tparser *p, struct dr_template *t)
{
	static const char *const sizes[] = { "letter", "a4", "slide" };
	static const char *const orientations[] = { "portrait", "landscape" };
	static const char *const audiences[] = { "internal", "public" };
	struct raw *r = &p->tmpl;
	int i;

	t->title = dr_xstrdup(r->val[K_TITLE] && *r->val[K_TITLE] ? r->val[K_TITLE]
	                                                            : "Dyad review packet");
	if (r->val[K_TITLE] && !*r->val[K_TITLE])
		dr_config_ini_problem(at(p, r->at[K_TITLE]), "%s", "title must not be empty");
	t->type_scale = 1;
	if (r->val[K_PAGE_SIZE]) {
		if ((i = find_name(sizes, DR_NELEM(sizes), r->val[K_PAGE_SIZE])) < 0)
			dr_config_ini_problem(at(p, r->at[K_PAGE_SIZE]), "%s",
			                      "page_size must be letter, a4 or slide");
		else
			t->page_size = (enum dr_page_size)i;
	}
	t->orientation = t->page_size == DR_PAGE_SLIDE ? DR_LANDSCAPE : DR_PORTRAIT;
	if (r->val[K_ORIENTATION]) {
		if ((i = find_name(orientations, DR_NELEM(orientations), r->val[K_ORIENTATION])) < 0)
			dr_config_ini_problem(at(p, r->at[K_ORIENTATION]), "%s",
			                      "orientation must be portrait or landscape");
		else if (t->page_size == DR_PAGE_SLIDE && i == DR_PORTRAIT)
			dr_config_ini_problem(at(p, r->at[K_ORIENTATION]), "%s",
			                      "a slide (page_size = slide) is landscape only");
		else
			t->orientation = (enum dr_orientation)i;
	}
	if (r->val[K_AUDIENCE]) {
		if ((i = find_name(audiences, DR_NELEM(audiences), r->val[K_AUDIENCE])) < 0)
			dr_config_ini_problem(at(p, r->at[K_AUDIENCE]), "%s",
			                      "audience must be internal or public");
		else
			t->audience = (enum dr_audience)i;
	}
	p->public = t->audience == DR_AUDIENCE_PUBLIC;
	if (r->val[K_TYPE_SCALE] && !parse_double(r->val[K_TYPE_SCALE], 0.75, 2, &t->type_scale))
		dr_config_ini_problem(at(p, r->at[K_TYPE_SCALE]), "%s",
		                      "type_scale must be a number from 0.75 to 2");
	if (r->val[K_SUPPRESS]) {
		if (dr_config_ini_int(r->val[K_SUPPRESS], 1, 1000, &t->suppress_below))
			dr_config_ini_problem(at(p, r->at[K_SUPPRESS]), "%s",
			                      "suppress_below must be a whole number from 1 to 1000");
		else if (p->public && t->suppress_below < 5)
			dr_config_ini_problem(at(p, r->at[K_SUPPRESS]), "%s",
			                      "suppress_below must be 5 or more in a public template");
	}
	if (r->val[K_SMALL_CELLS]) {
		if (dr_config_ini_int(r->val[K_SMALL_CELLS], 0, 1000, &t->small_cells_below))
			dr_config_ini_problem(at(p, r->at[K_SMALL_CELLS]), "%s",
			                      "small_cells_below must be a whole number from 0 to 1000");
		else if (p->public && t->small_cells_below < 11)
			dr_config_ini_problem(at(p, r->at[K_SMALL_CELLS]), "%s",
			                      "small_cells_below must be 11 or more in a public template");
	}
	if (r->val[K_STAMP] &&
	    !dr_load_parse_bool(r->val[K_STAMP], strlen(r->val[K_STAMP]), &t->stamp))
		dr_config_ini_problem(at(p, r->at[K_STAMP]), "%s", "stamp must be yes or no");
}

/* Whether by is a survey breakdown (read by wave). */
static bool survey_by(enum dr_breakdown by)
{
	return by == DR_BY_ROLE || by == DR_BY_SURVEY_DEPARTMENT;
}

/* Whether a page of this kind (and chart) names measures of its `by`. */
static bool takes_measures(const struct dr_template_page *pg)
{
	return pg->kind == DR_PAGE_TABLE ||
	       (pg->kind == DR_PAGE_CHART &&
	        (pg->chart == DR_CHART_BAR || pg->chart == DR_CHART_PARETO ||
	         pg->chart == DR_CHART_HEATMAP || pg->chart == DR_CHART_GROUPED ||
	         pg->chart == DR_CHART_FUNNEL));
}

/* Adds metric or measure key (item of metrics =) to pg, or prints why it
 * cannot, naming only the item's place and our own keys. */
static void add_metric(struct tparser *p, struct dr_template_page *pg, const char *key,
                       size_t item, long line)
{
	struct dr_config_ini_guess g = { 0 };
	if (takes_measures(pg)) {
		if (pg->by == DR_BY_NONE)
			return;         /* the missing by is reported */
		int m = dr_breakdown_measure_find(pg->by, key);
		if (m < 0) {
			size_t n;
			const struct dr_measure *ms = dr_breakdown_measures(pg->by, &n);
			for (size_t i = 0; i < n; i++)
				dr_config_ini_guess(&g, key, ms[i].key, NULL);
			dr_config_ini_problem(at(p, line), "metrics: item %zu is not a measure of by = %s%s%s%s",
			                      item, dr_breakdown_name(pg->by), g.best ? " (did you mean " : "",
			                      g.best ? g.best : "", g.best ? "?)" : "");
			return;
		}
		pg->measures = dr_xreallocarray(pg->measures, pg->nmeasures + 1, sizeof *pg->measures);
		pg->measures[pg->nmeasures++] = m;
		return;
	}
	const struct dr_metric_def *def = dr_metric_find(key);
	if (!def) {
		for (int i = 0; i < DR_NMETRICS; i++)
			dr_config_ini_guess(&g, key, dr_metric_def(i)->key, NULL);
		dr_config_ini_problem(at(p, line), "metrics: item %zu is no metric%s%s%s", item,
		                      g.best ? " (did you mean " : " (see the definitions page for keys)",
		                      g.best ? g.best : "", g.best ? "?)" : "");
		return;
	}
	pg->metrics = dr_xreallocarray(pg->metrics, pg->nmetrics + 1, sizeof *pg->metrics);
	pg->metrics[pg->nmetrics++] = def->id;
}

/* The rule of chart = spc | ... on pg (template.h): its by, and how many
 * metrics or measures it takes (n: as written; an unknown one is already
 * reported and leaves pg's arrays short). */
static void check_chart(struct tparser *p, const struct raw *r, struct dr_template_page *pg,
                        size_t n)
{
	long by_at = r->val[K_BY] ? r->at[K_BY] : r->line;
	long m_at = r->val[K_METRICS] ? r->at[K_METRICS] : r->line;
	const char *chart = dr_chart_kind_name(pg->chart);
	bool by_bad = r->val[K_BY] && pg->by == DR_BY_NONE;     /* reported already */
	switch (pg->chart) {
	case DR_CHART_SPC: case DR_CHART_TILE: case DR_CHART_SPARKLINE:
		if (pg->by != DR_BY_NONE)
			dr_config_ini_problem(at(p, by_at), "chart = %s takes no by", chart);
		if (n != 1)
			dr_config_ini_problem(at(p, m_at), "chart = %s needs exactly one metric", chart);
		break;
	case DR_CHART_BAR:
		if (!by_bad && (pg->by == DR_BY_NONE || pg->by == DR_BY_PAYER_REASON))
			dr_config_ini_problem(at(p, by_at), "%s", "chart = bar needs by (any breakdown "
			                      "but payer-reason: use chart = heatmap)");
		if (n > 1)
			dr_config_ini_problem(at(p, m_at), "%s", "chart = bar takes one measure");
		break;
	case DR_CHART_PARETO:
		if (pg->by != DR_BY_REASON && pg->by != DR_BY_SERVICE) {
			if (!by_bad)
				dr_config_ini_problem(at(p, by_at), "%s",
				                      "chart = pareto needs by = reason or service");
			break;
		}
		if (!r->val[K_METRICS])
			pg->measures[0] = dr_breakdown_measure_find(pg->by, "denials");
		if (n > 1) {
			dr_config_ini_problem(at(p, m_at), "%s", "chart = pareto takes one measure");
		} else if (pg->nmeasures == 1) {
			size_t nm;
			const struct dr_measure *ms = dr_breakdown_measures(pg->by, &nm);
			if (ms[pg->measures[0]].unit != DR_UNIT_COUNT)
				dr_config_ini_problem(at(p, m_at), "%s", "chart = pareto needs a count "
				                      "(bars sorted by size, cumulative share)");
		}
		break;
	case DR_CHART_FUNNEL:
		if (pg->by != DR_BY_PROVIDER && pg->by != DR_BY_PAYER && pg->by != DR_BY_DEPARTMENT &&
		    pg->by != DR_BY_HANDOFF_TYPE) {
			if (!by_bad)
				dr_config_ini_problem(at(p, by_at), "%s", "chart = funnel needs by = provider, "
				                      "payer, department or handoff-type");
		} else if (n != 1) {
			dr_config_ini_problem(at(p, m_at), "%s", "chart = funnel needs exactly one rate "
			                      "(metrics = no_show_rate, initial_denial_rate, ...)");
		} else if (pg->nmeasures == 1) {
			size_t nm;
			const struct dr_measure *ms = dr_breakdown_measures(pg->by, &nm);
			const struct dr_metric_def *def = dr_metric_find(ms[pg->measures[0]].key);
			if (!def || def->kind != DR_KIND_PROPORTION)
				dr_config_ini_problem(at(p, m_at), "chart = funnel needs a rate with a "
				                      "numerator and a denominator; %s is none",
				                      ms[pg->measures[0]].key);
		}
		break;
	case DR_CHART_HEATMAP:
		if (!by_bad && pg->by != DR_BY_PAYER_REASON)
			dr_config_ini_problem(at(p, by_at), "%s", "chart = heatmap needs by = payer-reason");
		if (n > 1)
			dr_config_ini_problem(at(p, m_at), "%s", "chart = heatmap takes one measure");
		break;
	case DR_CHART_MULTIPLES:
		if (pg->by != DR_BY_DEPARTMENT && pg->by != DR_BY_HANDOFF_TYPE) {
			if (!by_bad)
				dr_config_ini_problem(at(p, by_at), "%s", "chart = multiples needs by = "
				                      "department or handoff-type");
		} else if (n != 1) {
			dr_config_ini_problem(at(p, m_at), "%s", "chart = multiples needs exactly one metric");
		} else if (pg->nmetrics == 1 &&
		           dr_metric_def(pg->metrics[0])->extract != dr_breakdown_extract(pg->by)) {
			dr_config_ini_problem(at(p, m_at), "chart = multiples by %s needs a metric of the "
			                      "%s extract", dr_breakdown_name(pg->by),
			                      dr_extract_name(dr_breakdown_extract(pg->by)));
		}
		break;
	case DR_CHART_GROUPED:
		if (!survey_by(pg->by)) {
			if (!by_bad)
				dr_config_ini_problem(at(p, by_at), "%s", "chart = grouped needs by = role or "
				                      "survey-department");
		} else if (n != 1) {
			dr_config_ini_problem(at(p, m_at), "%s", "chart = grouped needs exactly one survey "
			                      "measure");
		}
		break;
	default:
		break;
	}
}

/* "No-show rate", or the measure's label, for a chart page's title. */
static const char *chart_subject(const struct dr_template_page *pg)
{
	if (pg->nmetrics)
		return dr_metric_def(pg->metrics[0])->label;
	if (pg->nmeasures && pg->by != DR_BY_NONE) {
		size_t n;
		const struct dr_measure *m = &dr_breakdown_measures(pg->by, &n)[pg->measures[0]];
		const struct dr_metric_def *def = dr_metric_find(m->key);
		return def ? def->label : m->label;
	}
	return NULL;
}

/* The default title of pg (template.h). */
static char *default_title(const struct dr_template_page *pg)
{
	const char *by = dr_breakdown_label(pg->by);
	const char *when = pg->window == DR_WINDOW_3_MONTHS ? ", last 3 months" : "";
	const char *what;
	switch (pg->kind) {
	case DR_PAGE_CHART_GRID:
		return dr_xstrdup(pg->nmetrics ? dr_domain_label(dr_metric_def(pg->metrics[0])->domain)
		                               : default_titles[pg->kind]);
	case DR_PAGE_CHART:
		what = chart_subject(pg);
		if (pg->by == DR_BY_NONE)
			return dr_xstrdup(what ? what : default_titles[pg->kind]);
		if (what && strncmp(by, "By ", 3) == 0)
			return dr_xasprintf("%s by %s%s", what, by + 3, when);
		return dr_xasprintf("%s%s", by, when);
	case DR_PAGE_TABLE:
		if (pg->by == DR_BY_NONE)
			return dr_xstrdup(default_titles[pg->kind]);
		return dr_xasprintf("%s%s", by, when);
	default:
		return dr_xstrdup(default_titles[pg->kind]);
	}
}

/* Checks one page as written into pg. */
static void check_page(struct tparser *p, const struct raw *r, struct dr_template_page *pg)
{
	static const enum tkey text_keys[] = { K_TITLE, K_SECTION, K_NOTE };
	size_t written = 0;         /* entries of metrics = */
	int i;
	pg->name = dr_xstrdup(r->name);
	pg->line = r->line;
	pg->chart = DR_CHART_SPC;
	pg->grid_cols = 1;
	pg->grid_rows = 2;
	pg->headline = true;
	if (!r->val[K_KIND]) {
		dr_config_ini_problem(at(p, r->line), "%s needs kind = cover, summary, chart-grid, "
		                      "chart, table, provider-table, data-quality, definitions or actions",
		                      r->label);
		goto text;
	}
	if ((i = find_name(kind_names, DR_NELEM(kind_names), r->val[K_KIND])) < 0) {
		dr_config_ini_problem(at(p, r->at[K_KIND]), "%s", "kind must be cover, summary, "
		                      "chart-grid, chart, table, provider-table, data-quality, definitions "
		                      "or actions");
		goto text;
	}
	pg->kind = (enum dr_page_kind)i;
	for (int k = 0; k < NKEYS; k++)
		if (r->val[k] && !(tkeys[k].kinds & (1u << pg->kind)))
			dr_config_ini_problem(at(p, r->at[k]), "key %s does not apply to a %s page",
			                      tkeys[k].name, kind_names[pg->kind]);

	if (r->val[K_CHART] && pg->kind == DR_PAGE_CHART) {
		if ((i = dr_chart_kind_find(r->val[K_CHART])) < 0)
			dr_config_ini_problem(at(p, r->at[K_CHART]), "%s", "chart must be spc, bar, pareto, "
			                      "heatmap, multiples, grouped, sparkline or tile");
		else
			pg->chart = (enum dr_chart_kind)i;
	}
	bool by_ok = true;
	if (r->val[K_BY] && (tkeys[K_BY].kinds & (1u << pg->kind))) {
		if ((i = dr_breakdown_find(r->val[K_BY])) <= 0) {
			dr_config_ini_problem(at(p, r->at[K_BY]), "%s", "by must be a breakdown: department, "
			                      "weekday, lead-time, provider, reason, payer, payer-reason, "
			                      "service, pending-age, handoff-type, role or survey-department");
			by_ok = false;
		} else {
			pg->by = (enum dr_breakdown)i;
		}
	}
	if (pg->kind == DR_PAGE_TABLE && !r->val[K_BY])
		dr_config_ini_problem(at(p, r->line), "%s: a table needs by = a breakdown", r->label);

	pg->window = survey_by(pg->by) ? DR_WINDOW_WAVE : DR_WINDOW_MONTH;
	if (r->val[K_WINDOW] && (tkeys[K_WINDOW].kinds & (1u << pg->kind))) {
		if ((i = dr_window_find(r->val[K_WINDOW])) < 0)
			dr_config_ini_problem(at(p, r->at[K_WINDOW]), "%s",
			                      "window must be month, 3-months or wave");
		else if (by_ok && (i == DR_WINDOW_WAVE) != survey_by(pg->by))
			dr_config_ini_problem(at(p, r->at[K_WINDOW]), "%s", i == DR_WINDOW_WAVE
			                      ? "window = wave is for survey breakdowns (by = role or "
			                        "survey-department)"
			                      : "a survey breakdown is read by wave: use window = wave "
			                        "or leave window out");
		else
			pg->window = (enum dr_window)i;
	}

	if (r->val[K_METRICS] && (tkeys[K_METRICS].kinds & (1u << pg->kind))) {
		char **keys = NULL;
		size_t nkeys = 0;
		written = dr_config_ini_split(r->val[K_METRICS], &keys, &nkeys);
		if (!written)
			dr_config_ini_problem(at(p, r->at[K_METRICS]), "%s", "metrics lists no metric");
		for (size_t j = 0; j < nkeys; j++)
			add_metric(p, pg, keys[j], j + 1, r->at[K_METRICS]);
		for (size_t j = 0; j < nkeys; j++)
			free(keys[j]);
		free(keys);
	}
	if (pg->kind == DR_PAGE_COVER && pg->nmetrics > DR_COVER_TILES_MAX)
		dr_config_ini_problem(at(p, r->at[K_METRICS]), "a cover shows at most %d tiles: "
		                      "metrics lists %zu", DR_COVER_TILES_MAX, pg->nmetrics);
	if (pg->kind == DR_PAGE_CHART_GRID && !r->val[K_METRICS])
		dr_config_ini_problem(at(p, r->line), "%s: a chart-grid needs metrics", r->label);
	if (pg->kind == DR_PAGE_CHART) {
		if (takes_measures(pg) && !r->val[K_METRICS] && pg->by != DR_BY_NONE &&
		    pg->chart != DR_CHART_GROUPED) {
			pg->measures = dr_xcalloc(1, sizeof *pg->measures);     /* the first measure */
			pg->nmeasures = 1;
		}
		check_chart(p, r, pg, written);
	}

	if (r->val[K_GRID] && pg->kind == DR_PAGE_CHART_GRID) {
		char x;
		int c, rows, used = 0;
		if (sscanf(r->val[K_GRID], "%d%c%d%n", &c, &x, &rows, &used) != 3 ||
		    r->val[K_GRID][used] || (x != 'x' && x != 'X') || c < 1 || c > 4 || rows < 1 || rows > 4)
			dr_config_ini_problem(at(p, r->at[K_GRID]), "%s", "grid must be COLUMNSxROWS, "
			                      "each from 1 to 4 (e.g. 1x2)");
		else
			pg->grid_cols = c, pg->grid_rows = rows;
	}
	if (r->val[K_HEADLINE] && (tkeys[K_HEADLINE].kinds & (1u << pg->kind)) &&
	    !dr_load_parse_bool(r->val[K_HEADLINE], strlen(r->val[K_HEADLINE]), &pg->headline))
		dr_config_ini_problem(at(p, r->at[K_HEADLINE]), "%s", "headline must be yes or no");

	if (r->val[K_Y_AXIS] && (tkeys[K_Y_AXIS].kinds & (1u << pg->kind))) {
		if ((i = find_name(yaxis_names, DR_NELEM(yaxis_names), r->val[K_Y_AXIS])) < 0)
			dr_config_ini_problem(at(p, r->at[K_Y_AXIS]), "%s",
			                      "y_axis must be fitted, zero or whole");
		else if (pg->kind == DR_PAGE_CHART && pg->chart != DR_CHART_SPC &&
		         pg->chart != DR_CHART_MULTIPLES)
			dr_config_ini_problem(at(p, r->at[K_Y_AXIS]), "%s",
			                      "y_axis applies to chart = spc or multiples");
		else
			pg->y_axis = (enum dr_chart_yaxis)i;
	}

	if (p->public && pg->kind == DR_PAGE_PROVIDER_TABLE)
		dr_config_ini_problem(at(p, r->line), "%s: no provider- or payer-level data in a "
		                      "public template (provider-table)", r->label);
	if (p->public && (pg->by == DR_BY_PROVIDER || pg->by == DR_BY_PAYER ||
	                  pg->by == DR_BY_PAYER_REASON || pg->by == DR_BY_SERVICE))
		dr_config_ini_problem(at(p, r->at[K_BY]), "no provider- or payer-level data in a public "
		                      "template (by = %s)", dr_breakdown_name(pg->by));
text:
	for (size_t j = 0; j < DR_NELEM(text_keys); j++)
		if (r->val[text_keys[j]] && !*r->val[text_keys[j]])
			dr_config_ini_problem(at(p, r->at[text_keys[j]]), "%s must not be empty",
			                      tkeys[text_keys[j]].name);
	pg->title = r->val[K_TITLE] && *r->val[K_TITLE] ? dr_xstrdup(r->val[K_TITLE])
	                                                : default_title(pg);
	pg->section = r->val[K_SECTION] && *r->val[K_SECTION] ? dr_xstrdup(r->val[K_SECTION])
	                                                      : dr_xstrdup(pg->title);
	if (r->val[K_NOTE] && *r->val[K_NOTE])
		pg->note = dr_xstrdup(r->val[K_NOTE]);
}

/* Frees what a raw section holds. */
static void raw_free(struct raw *r)
{
	free(r->name);
	for (int k = 0; k < NKEYS; k++)
		free(r->val[k]);
}

/* "monthly-packet" from ".../monthly-packet.ini". */
static char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *b = slash ? slash + 1 : path;
	size_t n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".ini") == 0)
		n -= 4;
	return dr_xstrndup(b, n);
}

int dr_template_load(const char *path, struct dr_template *t)
{
	memset(t, 0, sizeof *t);
	struct tparser p = { 0 };
	p.ini = (struct dr_config_ini){ .file = path, .section = begin_section,
	                                .known_key = known_key, .is_list = is_list, .user = &p };
	if (dr_config_ini_parse(&p.ini, "template", handler) == 0) {
		t->path = dr_xstrdup(path);
		t->name = base_name(path);
		check_template(&p, t);
		if (p.npages == 0 && p.ini.errors == 0)
			dr_config_ini_problem(at(&p, 0), "%s", "no [page NAME] section: the packet would "
			                      "be empty");
		t->pages = dr_xcalloc(p.npages ? p.npages : 1, sizeof *t->pages);
		t->npages = p.npages;
		for (size_t i = 0; i < p.npages; i++)
			check_page(&p, &p.pages[i], &t->pages[i]);
	}
	raw_free(&p.tmpl);
	for (size_t i = 0; i < p.npages; i++)
		raw_free(&p.pages[i]);
	free(p.pages);
	dr_config_ini_finish(&p.ini);
	if (p.ini.errors) {
		dr_template_free(t);
		return DR_EUSAGE;
	}
	return DR_OK;
}

/* Whether a file is there to read. */
static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* The folder of the running program, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return dr_path_dir(buf);
}

char *dr_template_find(const char *spec, bool cmdline, const struct dr_config *cfg)
{
	if (!spec || !*spec) {
		dr_error("%s", "no template named");
		return NULL;
	}
	size_t len = strlen(spec);
	if (strchr(spec, '/') || (len > 4 && strcmp(spec + len - 4, ".ini") == 0)) {
		char *path = cmdline || !cfg ? dr_xstrdup(spec) : dr_config_resolve(cfg, spec);
		if (exists(path))
			return path;
		dr_error("template %s: no such file", path);
		free(path);
		return NULL;
	}

	char *dirs[5];
	size_t n = 0;
	const char *env = getenv("DYADREPORT_TEMPLATES");
	if (env && *env)
		dirs[n++] = dr_xstrdup(env);
	if (cfg && cfg->dir)
		dirs[n++] = dr_xasprintf("%s/templates", cfg->dir);
	char *exe = exe_dir();
	if (exe) {
		char *parent = dr_path_dir(exe);
		dirs[n++] = dr_xasprintf("%s/templates", exe);
		dirs[n++] = dr_xasprintf("%s/templates", strcmp(parent, "/") ? parent : "");
		free(parent);
		free(exe);
	}
	dirs[n++] = dr_xstrdup(DR_TEMPLATE_DIR);

	char *found = NULL;
	for (size_t i = 0; i < n && !found; i++) {
		char *path = dr_xasprintf("%s/%s.ini", dirs[i], spec);
		if (exists(path))
			found = path;
		else
			free(path);
	}
	if (!found) {
		size_t size = 64;
		for (size_t i = 0; i < n; i++)
			size += strlen(dirs[i]) + 2;
		char *list = dr_xcalloc(1, size);
		for (size_t i = 0; i < n; i++) {
			if (i)
				strcat(list, ", ");
			strcat(list, dirs[i]);
		}
		dr_error("template %s: no %s.ini in %s (set DYADREPORT_TEMPLATES or give a path)",
		         spec, spec, list);
		free(list);
	}
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	return found;
}

struct dr_privacy dr_template_privacy(const struct dr_template *t, const struct dr_config *cfg)
{
	bool public = t->audience == DR_AUDIENCE_PUBLIC;
	struct dr_privacy pr;
	pr.suppress_below = t->suppress_below ? t->suppress_below : cfg ? cfg->suppress_below : 5;
	if (public && pr.suppress_below < 5)
		pr.suppress_below = 5;
	pr.small_cells_below = t->small_cells_below ? t->small_cells_below : public ? 11 : 0;
	if (public && pr.small_cells_below < 11)
		pr.small_cells_below = 11;
	return pr;
}

/* Whether a page of the template other than the cover shows figures from
 * extract e: a metric of it, a breakdown of it, a summary of every metric
 * or the provider table (visits). */
static bool template_shows(const struct dr_template *t, enum dr_extract e)
{
	for (size_t i = 0; i < t->npages; i++) {
		const struct dr_template_page *pg = &t->pages[i];
		switch (pg->kind) {
		case DR_PAGE_COVER: case DR_PAGE_DATA_QUALITY: case DR_PAGE_DEFINITIONS:
		case DR_PAGE_ACTIONS:
			continue;
		case DR_PAGE_PROVIDER_TABLE:
			if (e == DR_VISITS)
				return true;
			continue;
		default:
			break;
		}
		if (pg->kind == DR_PAGE_SUMMARY && pg->nmetrics == 0)
			return true;
		if (pg->by != DR_BY_NONE && dr_breakdown_extract(pg->by) == e)
			return true;
		for (size_t k = 0; k < pg->nmetrics; k++)
			if (dr_metric_def(pg->metrics[k])->extract == e)
				return true;
	}
	return false;
}

/* The cover page's metrics = when given; else each domain's headline
 * metric whose extract the template's pages show, so an access report
 * never opens on denial, handoff or burnout tiles. */
size_t dr_template_cover_tiles(const struct dr_template *t, const struct dr_template_page *cover,
                               enum dr_metric_id *ids)
{
	static const enum dr_metric_id headline[] = {
		DR_M_NO_SHOW_RATE, DR_M_INITIAL_DENIAL_RATE, DR_M_HANDOFF_COMPLETION_RATE,
		DR_M_BURNOUT_SHARE,
	};
	size_t n = 0;
	if (cover && cover->nmetrics) {
		for (size_t i = 0; i < cover->nmetrics && n < DR_COVER_TILES_MAX; i++)
			ids[n++] = cover->metrics[i];
		return n;
	}
	for (size_t i = 0; i < DR_NELEM(headline) && n < DR_COVER_TILES_MAX; i++)
		if (template_shows(t, dr_metric_def(headline[i])->extract))
			ids[n++] = headline[i];
	return n;
}

void dr_template_page_size(const struct dr_template *t, double *w, double *h)
{
	switch (t->page_size) {
	case DR_PAGE_SLIDE:
		*w = 960, *h = 540;
		return;
	case DR_PAGE_A4:
		*w = 595.28, *h = 841.89;
		break;
	default:
		*w = 612, *h = 792;
		break;
	}
	if (t->orientation == DR_LANDSCAPE) {
		double x = *w;
		*w = *h;
		*h = x;
	}
}

const char *dr_template_key_name(size_t i, bool *in_template, bool *in_page)
{
	if (i >= NKEYS)
		return NULL;
	if (in_template)
		*in_template = tkeys[i].in_template;
	if (in_page)
		*in_page = tkeys[i].kinds != 0;
	return tkeys[i].name;
}

const char *dr_template_yaxis_name(size_t i)
{
	return i < DR_NELEM(yaxis_names) ? yaxis_names[i] : NULL;
}

const char *dr_page_kind_name(enum dr_page_kind k)
{
	return (unsigned)k < DR_NPAGE_KINDS ? kind_names[k] : "";
}

const char *dr_audience_name(enum dr_audience a)
{
	return a == DR_AUDIENCE_PUBLIC ? "public" : "internal";
}

void dr_template_free(struct dr_template *t)
{
	free(t->path);
	free(t->name);
	free(t->title);
	for (size_t i = 0; i < t->npages; i++) {
		struct dr_template_page *pg = &t->pages[i];
		free(pg->name);
		free(pg->title);
		free(pg->section);
		free(pg->note);
		free(pg->metrics);
		free(pg->measures);
	}
	free(t->pages);
	memset(t, 0, sizeof *t);
}
