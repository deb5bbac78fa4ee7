/*
 * config-table.c -- every key of the site config, with its parser.
 *
 * One row per key: the section kind it belongs to, the function that checks
 * and stores its value, and a help line. config.c rejects any key that is not
 * here, so this table is the whole config language (SPEC.md section 2).
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

/* Parses a whole number in [lo, hi]. */
static const char *parse_int(const char *value, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (end == value || *end || errno)
		return "not a whole number";
	if (v < lo || v > hi)
		return "out of range";
	*out = (int)v;
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
	return parse_int(v, 2, 120, &c->months) ? "must be a whole number from 2 to 120" : NULL;
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
	return parse_int(v, 1, 1000, &c->suppress_below) ? "must be a whole number from 1 to 1000" : NULL;
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

/* visits = PATH etc.: the extract is named by the key. */
static const char *set_input(struct dr_config *c, void *it, const char *v, const char *k)
{
	for (int e = 0; e < DR_NEXTRACTS; e++) {
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

static const char *set_date_format(struct dr_config *c, void *it, const char *v, const char *k)
{
	if (!strstr(v, "%Y") || !strstr(v, "%m") || !strstr(v, "%d"))
		return "must contain %Y, %m and %d";
	set_string(&c->date_format, v);
	return NULL;
}

static const char *set_delimiter(struct dr_config *c, void *it, const char *v, const char *k)
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
			c->delimiter = names[i].delim;
			return NULL;
		}
	return "must be , | tab or semicolon (a bare ; starts a comment)";
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
	for (size_t i = 0; i < d->ndepartments; i++)
		free(d->departments[i]);
	d->ndepartments = 0;
	const char *p = v;
	while (*p) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		size_t len = strcspn(p, ",");
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (!len)
			break;
		d->departments = dr_xreallocarray(d->departments, d->ndepartments + 1, sizeof(char *));
		d->departments[d->ndepartments++] = dr_xstrndup(p, len);
		p += len;
		while (*p && *p != ',')
			p++;
	}
	return d->ndepartments ? NULL : "lists no department";
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
	if (strcmp(v, "higher") == 0)
		t->better = 1;
	else if (strcmp(v, "lower") == 0)
		t->better = -1;
	else if (strcmp(v, "neutral") == 0)
		t->better = 0;
	else
		return "must be higher, lower or neutral";
	return NULL;
}

const struct config_key dr_config_keys[] = {
	{ SEC_REPORT, "organization", set_organization, "name printed on the cover" },
	{ SEC_REPORT, "period", set_period, "report month: YYYY-MM or last-month" },
	{ SEC_REPORT, "months", set_months, "months in each trend (default 13)" },
	{ SEC_REPORT, "template", set_template, "template name or path" },
	{ SEC_REPORT, "output", set_output, "output root; strftime of the report month" },
	{ SEC_REPORT, "formats", set_formats, "any of pdf, png, svg, csv" },
	{ SEC_REPORT, "suppress_below", set_suppress, "smallest survey group shown" },
	{ SEC_REPORT, "max_bad_rows", set_max_bad, "share of bad rows per extract that fails the run" },
	{ SEC_REPORT, "label", set_label, "classification label in every footer" },
	{ SEC_INPUT, "visits", set_input, "visits extract" },
	{ SEC_INPUT, "denials", set_input, "denials extract" },
	{ SEC_INPUT, "handoffs", set_input, "handoffs extract" },
	{ SEC_INPUT, "burnout", set_input, "burnout survey extract" },
	{ SEC_INPUT, "date_format", set_date_format, "date format of every extract" },
	{ SEC_INPUT, "delimiter", set_delimiter, "field delimiter: , ; | or tab" },
	{ SEC_DYAD, "name", set_dyad_name, "dyad's display name" },
	{ SEC_DYAD, "physician", set_physician, "physician lead" },
	{ SEC_DYAD, "administrator", set_administrator, "administrator lead" },
	{ SEC_DYAD, "departments", set_departments, "department codes the dyad owns" },
	{ SEC_TARGET, "value", set_target_value, "target value (8% or 0.08 for rates)" },
	{ SEC_TARGET, "better", set_target_better, "higher, lower or neutral" },
};

const size_t dr_config_nkeys = DR_NELEM(dr_config_keys);

const struct config_key *dr_config_key_find(enum config_section s, const char *key)
{
	for (size_t i = 0; i < dr_config_nkeys; i++)
		if (dr_config_keys[i].section == s && strcmp(dr_config_keys[i].key, key) == 0)
			return &dr_config_keys[i];
	return NULL;
}
