/*
 * config-table.c -- every key of the site config, with its parser.
 *
 * One row per key: the section kind it belongs to, the function that checks
 * and stores its value, and a help line. config.c rejects any key that is not
 * here, so this table is the whole config language (dyadreport.ini(5)).
 *
 * Setters never print: they return NULL, or a short reason that config.c
 * prints with the file and line. They never echo the value back (a path may
 * be long, and a value may be a typo of something private).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config-int.h"
#include "dyadreport/metric.h"

/* Replaces *slot with a copy of value. */
static void set_string(char **slot, const char *value)
{
	free(*slot);
	*slot = dr_xstrdup(value);
}

/* Parses "8%" or "0.08" into a fraction in [0, 1]. */
static const char *parse_fraction(const char *value, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(value, &end);
	if (end == value || errno || !isfinite(v))
		return "not a number (write 8% or 0.08)";
	while (isspace((unsigned char)*end))
		end++;
	if (*end == '%') {
		v /= 100;
		end++;
	}
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return "not a number (write 8% or 0.08)";
	if (v < 0 || v > 1)
		return "must lie between 0% and 100%";
	*out = v;
	return NULL;
}

static const char *set_organization(struct dr_config *c, void *it, const char *v, const char *k)
{
	set_string(&c->organization, v);
	return NULL;
}

static const char *set_period(struct dr_config *c, void *it, const char *v, const char *k)
{
	dr_month mo;
	if (strcmp(v, "last-month") != 0 && dr_month_parse(v, &mo) != 0)
		return "must be YYYY-MM or last-month";
	set_string(&c->period, v);
	return NULL;
}

static const char *set_months(struct dr_config *c, void *it, const char *v, const char *k)
{
	return dr_config_ini_int(v, 2, 120, &c->months) ? "must be a whole number from 2 to 120" : NULL;
}

/* "WIDTHxHEIGHT" in pixels: 200..8000 each (an 8K slide at most). */
static const char *set_png_size(struct dr_config *c, void *it, const char *v, const char *k)
{
	static const char *const bad = "must be WIDTHxHEIGHT in pixels, each from 200 to 8000 "
	                               "(e.g. 1600x900)";
	char *end;
	errno = 0;
	long w = strtol(v, &end, 10);
	if (end == v || (*end != 'x' && *end != 'X') || errno)
		return bad;
	const char *p = end + 1;
	long h = strtol(p, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (end == p || *end || errno || w < 200 || w > 8000 || h < 200 || h > 8000 ||
	    !isdigit((unsigned char)*v) || !isdigit((unsigned char)*p))
		return bad;
	if (h * 800 < 60 * w)       /* the 800-point layout box would be under 60 high */
		return "is too flat for a chart: the height must be at least 3/40 of the width";
	c->png_width = (int)w;
	c->png_height = (int)h;
	return NULL;
}

static const char *set_template(struct dr_config *c, void *it, const char *v, const char *k)
{
	if (!*v)
		return "must not be empty";
	set_string(&c->template_name, v);
	return NULL;
}

static const char *set_output(struct dr_config *c, void *it, const char *v, const char *k)
{
	if (!*v)
		return "must not be empty";
	set_string(&c->output, v);
	return NULL;
}

static const char *set_formats(struct dr_config *c, void *it, const char *v, const char *k)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "pdf", DR_FORMAT_PDF }, { "png", DR_FORMAT_PNG },
		{ "svg", DR_FORMAT_SVG }, { "csv", DR_FORMAT_CSV },
	};
	unsigned bits = 0;
	const char *p = v;
	while (*p) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		size_t len = strcspn(p, ", \t");
		if (!len)
			break;
		size_t i;
		for (i = 0; i < DR_NELEM(names); i++)
			if (strlen(names[i].name) == len && strncasecmp(p, names[i].name, len) == 0)
				break;
		if (i == DR_NELEM(names))
			return "unknown format (use pdf, png, svg, csv)";
		bits |= names[i].bit;
		p += len;
	}
	if (!bits)
		return "names no format (use pdf, png, svg, csv)";
	c->formats = bits;
	return NULL;
}

static const char *set_suppress(struct dr_config *c, void *it, const char *v, const char *k)
{
	return dr_config_ini_int(v, 1, 1000, &c->suppress_below) ? "must be a whole number from 1 to 1000" : NULL;
}

/* min_denominator = N: a rate on fewer cases is shown greyed with its n
 * and never judged (0 turns the rule off). */
static const char *set_min_den(struct dr_config *c, void *it, const char *v, const char *k)
{
	return dr_config_ini_int(v, 0, 100000, &c->min_denominator)
	       ? "must be a whole number from 0 to 100000 (0 turns it off)" : NULL;
}

static const char *set_max_bad(struct dr_config *c, void *it, const char *v, const char *k)
{
	return parse_fraction(v, &c->max_bad_rows);
}

static const char *set_label(struct dr_config *c, void *it, const char *v, const char *k)
{
	set_string(&c->label, v);
	return NULL;
}

/* language = TAG: a BCP 47 tag's shape (en-US, fr-CA, es-419, zh-Hant-TW):
 * subtags of 1 to 8 letters or digits joined by hyphens, 2 to 35
 * characters in all, the first subtag a 2- or 3-letter language. */
static const char *set_language(struct dr_config *c, void *it, const char *v, const char *k)
{
	static const char *const bad = "must be a language tag such as en-US: letters, digits "
	                               "and hyphens, 2 to 35 characters, starting with a 2- or "
	                               "3-letter language";
	size_t len = strlen(v), first = strcspn(v, "-");
	if (len < 2 || len >= sizeof c->language || first < 2 || first > 3)
		return bad;
	for (size_t i = 0; i < first; i++)
		if (!isalpha((unsigned char)v[i]) || (unsigned char)v[i] >= 0x80)
			return bad;
	size_t run = 0;
	for (const char *p = v; ; p++) {
		if (*p == '-' || !*p) {
			if (run < 1 || run > 8)
				return bad;
			if (!*p)
				break;
			run = 0;
		} else if (isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) {
			run++;
		} else {
			return bad;
		}
	}
	memcpy(c->language, v, len + 1);
	return NULL;
}

/* visits = PATH etc.: the extract is named by the key. */
static const char *set_input(struct dr_config *c, void *it, const char *v, const char *k)
{
	for (int e = 0; e < DR_NSOURCES; e++) {
		if (strcmp(k, dr_extract_name(e)) != 0)
			continue;
		if (!*v)
			return "must name a file";
		set_string(&c->input_raw[e], v);
		free(c->input[e]);
		c->input[e] = dr_config_resolve(c, v);
		return NULL;
	}
	return "unknown extract";
}

/* A date format the loader reads (load.h). */
static const char *check_date_format(const char *v)
{
	if (!dr_load_date_format_valid(v))
		return "must hold %Y, %m and %d once each, optionally %H %M %S and other characters";
	return NULL;
}

static const char *set_date_format(struct dr_config *c, void *it, const char *v, const char *k)
{
	const char *err = check_date_format(v);
	if (!err)
		set_string(&c->date_format, v);
	return err;
}

/* The delimiter named by v. */
static const char *parse_delimiter(const char *v, char *out)
{
	/* inih ends a value at " ;", so ";" may also be written by name or quoted. */
	static const struct { const char *name; char delim; } names[] = {
		{ ",", ',' }, { "comma", ',' }, { "\",\"", ',' },
		{ ";", ';' }, { "semicolon", ';' }, { "\";\"", ';' },
		{ "|", '|' }, { "pipe", '|' }, { "\"|\"", '|' },
		{ "tab", '\t' }, { "\\t", '\t' },
	};
	for (size_t i = 0; i < DR_NELEM(names); i++)
		if (strcasecmp(v, names[i].name) == 0) {
			*out = names[i].delim;
			return NULL;
		}
	return "must be , | tab or semicolon (a bare ; starts a comment)";
}

static const char *set_delimiter(struct dr_config *c, void *it, const char *v, const char *k)
{
	return parse_delimiter(v, &c->delimiter);
}

/* ---- [visits], [denials], [handoffs], [burnout], [commentary]: item is the extract's
 * struct dr_extract_config, whose index in c->extract names the extract ---- */

static enum dr_extract extract_of(const struct dr_config *c, const void *it)
{
	return (enum dr_extract)((const struct dr_extract_config *)it - c->extract);
}

static const char *set_x_date_format(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_extract_config *x = it;
	const char *err = check_date_format(v);
	if (!err)
		set_string(&x->date_format, v);
	return err;
}

static const char *set_x_delimiter(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_extract_config *x = it;
	return parse_delimiter(v, &x->delimiter);
}

/* col.OUR = Their Header */
static const char *set_column(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_extract_config *x = it;
	const char *column = k + strlen("col.");
	enum dr_extract e = extract_of(c, it);
	if (dr_load_column_index(e, column) < 0) {
		/* The nearest of our column names: ours, never what was typed. */
		static char why[160];
		struct dr_config_ini_guess g = { 0 };
		for (size_t i = 0; i < dr_load_ncolumns(e); i++)
			dr_config_ini_guess(&g, column, dr_load_column_name(e, i), NULL);
		if (!g.best)
			return "no such column in this extract (see dyadreport.ini(5), EXTRACTS)";
		snprintf(why, sizeof why, "no such column in this extract (did you mean col.%s?)", g.best);
		return why;
	}
	if (!*v)
		return "must name the extract's header";
	for (size_t i = 0; i < x->nrenames; i++)
		if (strcasecmp(x->renames[i].header, v) == 0)
			return "this header is already given to another column";
	x->renames = dr_xreallocarray(x->renames, x->nrenames + 1, sizeof *x->renames);
	x->renames[x->nrenames++] = (struct dr_load_rename){ dr_xstrdup(column), dr_xstrdup(v) };
	return NULL;
}

/* map.FIELD.Their Code = OUR_CODE | IGNORE */
static const char *set_code_map(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_extract_config *x = it;
	const char *field = k + strlen("map.");
	const char *dot = strchr(field, '.');
	if (!dot || dot == field || !dot[1])
		return "write map.COLUMN.Their Code = OUR_CODE";
	if (dot[1] == ' ' || dot[1] == '\t')
		return "the site's code cannot start with a space (cells are read trimmed)";
	char *column = dr_xstrndup(field, (size_t)(dot - field));
	const char *err = dr_load_code_map_check(extract_of(c, it), column, v);
	if (err) {
		free(column);
		return err;
	}
	x->code_maps = dr_xreallocarray(x->code_maps, x->ncode_maps + 1, sizeof *x->code_maps);
	x->code_maps[x->ncode_maps++] = (struct dr_load_code_map){ column, dr_xstrdup(dot + 1), dr_xstrdup(v) };
	return NULL;
}

static const char *set_scale(struct dr_config *c, void *it, const char *v, const char *k)
{
	if (strcasecmp(v, "minz1") == 0)
		c->burnout_scale = DR_SCALE_MINZ1;
	else if (strcasecmp(v, "minz2") == 0)
		c->burnout_scale = DR_SCALE_MINZ2;
	else
		return "must be minz1 (3 or more is burnout) or minz2 (3 or less is burnout)";
	return NULL;
}

/* window.TYPE = hours */
static const char *set_window(struct dr_config *c, void *it, const char *v, const char *k)
{
	int type = dr_load_code_of(DR_HANDOFFS, "handoff_type", k + strlen("window."));
	if (type < 0)
		return "not a handoff type (shift_change, discharge, referral, result_followup, other)";
	char *end;
	errno = 0;
	double h = strtod(v, &end);
	if (end == v || *end || errno || !isfinite(h) || h <= 0)
		return "must be a number of hours above 0";
	c->handoff_window[type] = h;
	return NULL;
}

static const char *set_dyad_name(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_dyad *d = it;
	set_string(&d->name, v);
	return NULL;
}

static const char *set_physician(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_dyad *d = it;
	set_string(&d->physician, v);
	return NULL;
}

static const char *set_administrator(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_dyad *d = it;
	set_string(&d->administrator, v);
	return NULL;
}

/* A comma-separated list of department codes. */
static const char *set_departments(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_dyad *d = it;
	return dr_config_ini_split(v, &d->departments, &d->ndepartments) ? NULL : "lists no department";
}

static const char *set_target_value(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_target *t = it;
	const struct dr_metric_def *def = dr_metric_find(t->metric);
	const char *err;
	if (def && def->unit == DR_UNIT_PERCENT) {
		err = parse_fraction(v, &t->value);
	} else {
		char *end;
		errno = 0;
		t->value = strtod(v, &end);
		err = end == v || *end || errno || !isfinite(t->value) ? "not a number" : NULL;
	}
	if (!err)
		t->has_value = true;
	return err;
}

static const char *set_target_better(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_target *t = it;
	return dr_spc_better_parse(v, &t->better) ? NULL : "must be higher, lower or neutral";
}

/* yes/no, as the extracts' Y/N columns read it (also true/false, 1/0). */
static const char *parse_bool(const char *v, bool *out)
{
	return dr_load_parse_bool(v, strlen(v), out) ? NULL : "must be yes or no";
}

static const char *set_spc_rules(struct dr_config *c, void *it, const char *v, const char *k)
{
	if (strcmp(v, "western-electric") == 0)
		return "western-electric is not available; use mdc7, mdc6 or anhoej";
	return dr_spc_rules_parse(v, &c->spc.rules) ? NULL : "must be mdc7, mdc6 or anhoej";
}

static const char *set_spc_screen(struct dr_config *c, void *it, const char *v, const char *k)
{
	return parse_bool(v, &c->spc.screen);
}

static const char *set_spc_laney(struct dr_config *c, void *it, const char *v, const char *k)
{
	return parse_bool(v, &c->spc.laney);
}

/* baseline = N (first N points) or YYYY-MM..YYYY-MM. */
static const char *set_spc_baseline(struct dr_config *c, void *it, const char *v, const char *k)
{
	const char *dots = strstr(v, "..");
	c->spc.base_range = false;
	c->spc.baseline = 0;
	if (!dots)
		return dr_config_ini_int(v, 2, 1000, &c->spc.baseline) ? "must be a number of points (2 or more) "
		                                                 "or a range YYYY-MM..YYYY-MM" : NULL;
	char from[16], to[16];
	size_t len = (size_t)(dots - v);
	if (len >= sizeof from || strlen(dots + 2) >= sizeof to)
		return "must be a range YYYY-MM..YYYY-MM";
	memcpy(from, v, len);
	from[len] = '\0';
	strcpy(to, dots + 2);
	if (dr_month_parse(from, &c->spc.base_from) != 0 || dr_month_parse(to, &c->spc.base_to) != 0)
		return "must be a range YYYY-MM..YYYY-MM";
	if (c->spc.base_to < c->spc.base_from)
		return "range ends before it starts";
	c->spc.base_range = true;
	return NULL;
}

/* chart.METRIC = i | mr | run | p | pp | u | up | c (anhoej). */
static const char *set_spc_chart(struct dr_config *c, void *it, const char *v, const char *k)
{
	const struct dr_metric_def *def = dr_metric_find(k + strlen("chart."));
	enum dr_spc_chart chart;
	if (!def)
		return "chart.METRIC names no metric";
	if (!dr_spc_chart_parse(v, &chart))
		return "must be i, mr, run, p, pp, u, up or c";
	if ((chart == DR_SPC_P || chart == DR_SPC_PP) && def->kind != DR_KIND_PROPORTION)
		return "p and pp charts are for proportions";
	if ((chart == DR_SPC_U || chart == DR_SPC_UP) && def->kind != DR_KIND_PROPORTION &&
	    def->kind != DR_KIND_RATIO)
		return "u and up charts are for rates with a denominator";
	if (chart == DR_SPC_C && def->kind != DR_KIND_COUNT)
		return "c charts are for counts";
	c->spc.charts = dr_xreallocarray(c->spc.charts, c->spc.ncharts + 1, sizeof *c->spc.charts);
	c->spc.charts[c->spc.ncharts++] = (struct dr_spc_chart_choice){ dr_xstrdup(def->key), chart };
	return NULL;
}

static const char *set_ann_month(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_annotation *a = it;
	if (dr_month_parse(v, &a->month) != 0)
		return "must be YYYY-MM";
	a->has_month = true;
	return NULL;
}

static const char *set_ann_text(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_annotation *a = it;
	set_string(&a->text, v);
	return NULL;
}

/* metrics = all, or a comma-separated list of metric keys. */
static const char *set_ann_metrics(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_annotation *a = it;
	a->all_metrics = strcmp(v, "all") == 0;
	if (a->all_metrics) {
		dr_config_ini_split("", &a->metrics, &a->nmetrics);
		return NULL;
	}
	if (!dr_config_ini_split(v, &a->metrics, &a->nmetrics))
		return "must be all or a list of metric keys";
	for (size_t i = 0; i < a->nmetrics; i++)
		if (!dr_metric_find(a->metrics[i]))
			return "names a metric that does not exist (see the definitions page for keys)";
	return NULL;
}

/* dyads = all, or a comma-separated list of dyad ids (checked once all are read). */
static const char *set_ann_dyads(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_annotation *a = it;
	if (strcmp(v, "all") == 0) {
		dr_config_ini_split("", &a->dyads, &a->ndyads);
		return NULL;
	}
	return dr_config_ini_split(v, &a->dyads, &a->ndyads) ? NULL : "must be all or a list of dyad ids";
}

static const char *set_ann_rebase(struct dr_config *c, void *it, const char *v, const char *k)
{
	struct dr_annotation *a = it;
	return parse_bool(v, &a->rebase);
}

/* overview = no: no overview.pdf and overview.csv at the output root. */
static const char *set_overview(struct dr_config *c, void *it, const char *v, const char *k)
{
	return parse_bool(v, &c->overview);
}

/* csv_bom = yes: metrics.csv and data-quality.csv start with a UTF-8 BOM. */
static const char *set_csv_bom(struct dr_config *c, void *it, const char *v, const char *k)
{
	return parse_bool(v, &c->csv_bom);
}

const struct config_key dr_config_keys[] = {
	{ SEC_REPORT, "organization", set_organization, "name printed on the cover" },
	{ SEC_REPORT, "period", set_period, "report month: YYYY-MM or last-month" },
	{ SEC_REPORT, "months", set_months, "months in each trend (default 13)" },
	{ SEC_REPORT, "template", set_template, "template name or path" },
	{ SEC_REPORT, "output", set_output, "output root; strftime of the report month" },
	{ SEC_REPORT, "formats", set_formats, "any of pdf, png, svg, csv" },
	{ SEC_REPORT, "png_size", set_png_size, "chart images' size in pixels (default 1600x900)" },
	{ SEC_REPORT, "suppress_below", set_suppress, "smallest survey group shown" },
	{ SEC_REPORT, "min_denominator", set_min_den, "fewest cases a rate is judged on (default 20)" },
	{ SEC_REPORT, "max_bad_rows", set_max_bad, "share of bad rows per extract that fails the run" },
	{ SEC_REPORT, "label", set_label, "classification label in every footer" },
	{ SEC_REPORT, "language", set_language, "the packets' language, a BCP 47 tag (default en-US)" },
	{ SEC_REPORT, "overview", set_overview, "no: no overview.pdf of every dyad at the output root" },
	{ SEC_INPUT, "visits", set_input, "visits extract" },
	{ SEC_INPUT, "denials", set_input, "denials extract" },
	{ SEC_INPUT, "handoffs", set_input, "handoffs extract" },
	{ SEC_INPUT, "burnout", set_input, "burnout survey extract" },
	{ SEC_INPUT, "commentary", set_input, "the dyads' comments and actions (optional)" },
	{ SEC_INPUT, "date_format", set_date_format, "date format of every extract" },
	{ SEC_INPUT, "delimiter", set_delimiter, "field delimiter: , ; | or tab" },
#define EXTRACT_KEYS(sec) \
	{ sec, "date_format", set_x_date_format, "date format of this extract" }, \
	{ sec, "delimiter", set_x_delimiter, "field delimiter of this extract" }, \
	{ sec, "col.", set_column, "col.OUR = Their Header" }, \
	{ sec, "map.", set_code_map, "map.COLUMN.Their Code = OUR_CODE or IGNORE" }
	EXTRACT_KEYS(SEC_VISITS),
	EXTRACT_KEYS(SEC_DENIALS),
	EXTRACT_KEYS(SEC_HANDOFFS),
	{ SEC_HANDOFFS, "window.", set_window, "window.TYPE = hours a handoff may take" },
	EXTRACT_KEYS(SEC_BURNOUT),
	{ SEC_BURNOUT, "scale", set_scale, "minz1 or minz2 orientation of the burnout item" },
	EXTRACT_KEYS(SEC_COMMENTARY),
	{ SEC_DYAD, "name", set_dyad_name, "dyad's display name" },
	{ SEC_DYAD, "physician", set_physician, "physician lead" },
	{ SEC_DYAD, "administrator", set_administrator, "administrator lead" },
	{ SEC_DYAD, "departments", set_departments, "department codes the dyad owns" },
	{ SEC_TARGET, "value", set_target_value, "target value (8% or 0.08 for rates)" },
	{ SEC_TARGET, "better", set_target_better, "higher, lower or neutral" },
	{ SEC_SPC, "rules", set_spc_rules, "mdc7, mdc6 or anhoej" },
	{ SEC_SPC, "screen_outliers", set_spc_screen, "screen moving ranges >= 3.267 x mean: yes or no" },
	{ SEC_SPC, "laney", set_spc_laney, "anhoej: Laney p' and u' charts: yes or no" },
	{ SEC_SPC, "baseline", set_spc_baseline, "limits from the first N points or YYYY-MM..YYYY-MM" },
	{ SEC_SPC, "chart.", set_spc_chart, "chart.METRIC = i, mr, run, p, pp, u, up or c (anhoej)" },
	{ SEC_ANNOTATION, "month", set_ann_month, "month of the change: YYYY-MM" },
	{ SEC_ANNOTATION, "text", set_ann_text, "label drawn on the charts" },
	{ SEC_ANNOTATION, "metrics", set_ann_metrics, "all, or metric keys separated by commas" },
	{ SEC_ANNOTATION, "rebase", set_ann_rebase, "yes: new limits from this month on" },
	{ SEC_ANNOTATION, "dyads", set_ann_dyads, "all, or dyad ids separated by commas" },
	{ SEC_OUTPUT, "csv_bom", set_csv_bom, "yes: CSV files start with a UTF-8 BOM, for Excel" },
};

const size_t dr_config_nkeys = DR_NELEM(dr_config_keys);

const struct config_key *dr_config_key_find(enum config_section s, const char *key)
{
	for (size_t i = 0; i < dr_config_nkeys; i++) {
		const struct config_key *k = &dr_config_keys[i];
		size_t n = strlen(k->key);
		if (k->section != s)
			continue;
		if (k->key[n - 1] == '.' ? strncmp(k->key, key, n) == 0 && key[n] != '\0'
		                         : strcmp(k->key, key) == 0)
			return k;
	}
	return NULL;
}

const char *dr_config_key_shown(const struct config_key *k)
{
	static const char *const patterns[][2] = {
		{ "col.", "col.COLUMN" }, { "map.", "map.COLUMN.CODE" },
		{ "window.", "window.TYPE" }, { "chart.", "chart.METRIC" },
	};
	for (size_t i = 0; i < DR_NELEM(patterns); i++)
		if (strcmp(k->key, patterns[i][0]) == 0)
			return patterns[i][1];
	return k->key;
}

bool dr_config_key_is_list(const struct config_key *k)
{
	return k->set == set_formats || k->set == set_departments || k->set == set_ann_metrics ||
	       k->set == set_ann_dyads;
}
