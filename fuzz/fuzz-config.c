/*
 * fuzz-config.c -- libFuzzer target for dr_config_load() (config.c,
 * config-table.c and Debian's inih underneath).
 *
 * Input: the bytes of a site config, written to site.ini in the scratch
 * folder (fuzz-file.c), so relative [input] paths resolve against it.
 * Checks (a broken one aborts): the return code is DR_OK or DR_EUSAGE; a
 * loaded config keeps config.h's promises (dyad ids [a-z0-9-]+ and found
 * by dr_config_dyad_index, no department owned by two dyads, every target
 * found by dr_config_target and holding a value, every omitted extract NULL
 * in both input arrays, resolved paths absolute, a data extract among
 * them); the loader options it gives for each extract and the commentary
 * (dr_config_load_options) pass the schema's checks, and a one-row file
 * written in the config's own terms (delimiter, date format, header
 * renames, site codes) loads with its row used or ignored;
 * dr_config_free() releases all of it, a failed load included
 * (LeakSanitizer checks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dyadreport/config.h"
#include "dyadreport/diag.h"
#include "dyadreport/load.h"
#include "fuzz-file.h"

/* Says which rule broke and aborts. */
static void fail(const char *what)
{
	dprintf(2, "fuzz-config: contract broken: %s\n", what);
	abort();
}

/* A value for each schema column (dyadreport.ini(5), EXTRACTS); NULL for a date. */
static const struct { const char *column, *value; } values[] = {
	{ "visit_id", "V1" }, { "patient_id", "P1" }, { "provider_id", "D1" },
	{ "provider_name", "Ana" }, { "department", "ONC" }, { "visit_type", "NEW" },
	{ "duration_min", "30" }, { "wrvu", "1.5" }, { "request_id", "R1" },
	{ "payer", "Acme" }, { "service", "MRI" }, { "denial_reason", "OTHER" },
	{ "appeal_status", "UPHELD" }, { "amount", "100" }, { "handoff_id", "H1" },
	{ "handoff_type", "OTHER" }, { "completed", "Y" }, { "hours_to_complete", "2" },
	{ "window_hours", "4" }, { "structured_tool", "SBAR" }, { "response_id", "S1" },
	{ "role", "NURSE" }, { "burnout", "3" }, { "satisfaction", "3" }, { "stress", "3" },
	{ "trust_leadership", "3" }, { "teamwork", "3" },
	{ "dyad", "oncology" }, { "metric", "no_show_rate" }, { "comment", "Seen" },
	{ "action", "Call back" }, { "owner", "Ana" }, { "audience", "PUBLIC" },
	{ "month", NULL }, { "due", NULL },
	{ "visit_date", NULL }, { "booked_date", NULL }, { "submitted_date", NULL },
	{ "decision_date", NULL }, { "handoff_date", NULL }, { "survey_date", NULL },
};

/* Appends s to buf as a quoted CSV field. */
static void put_field(char *buf, size_t size, size_t *n, const char *s)
{
	*n += (size_t)snprintf(buf + *n, size - *n, "\"");
	for (; *s && *n + 4 < size; s++) {
		if (*s == '"')
			buf[(*n)++] = '"';
		buf[(*n)++] = *s;
	}
	*n += (size_t)snprintf(buf + *n, size - *n, "\"");
}


/* The header a site's file has for column c: its rename, or the name. */
static const char *header_of(const struct dr_load_options *o, enum dr_extract e, size_t c)
{
	const char *name = dr_load_column_name(e, c);
	const char *h = name;
	for (size_t k = 0; k < o->nrenames; k++)
		if (strcasecmp(o->renames[k].column, name) == 0)
			h = o->renames[k].header;
	return h;
}

/*
 * The loader options a loaded config gives must be ones the loader takes,
 * and a file written the way the config describes the site's export (its
 * delimiter, date format, header renames and site codes) must load: one
 * row, used, or ignored when its code is mapped to IGNORE.
 */
static void check_load_options(const struct dr_config *cfg)
{
	static char csv[16384];
	for (int ei = 0; ei < DR_NSOURCES; ei++) {
		enum dr_extract e = (enum dr_extract)ei;
		struct dr_load_options o = dr_config_load_options(cfg, e);
		struct dr_load_stats stats;
		const char *fmt = o.date_format ? o.date_format : "%Y-%m-%d";
		char delim = o.delimiter ? o.delimiter : ',';
		char date[512];         /* a format line is at most 198 bytes */
		if (!dr_load_date_format_valid(fmt))
			fail("config gives a date format the loader refuses");
		if (delim == '"' || delim == '\r' || delim == '\n')
			fail("config gives a quote or line end as the delimiter");
		for (size_t k = 0; k < o.nrenames; k++)
			if (dr_load_column_index(e, o.renames[k].column) < 0)
				fail("config renames a column the extract lacks");
		for (size_t k = 0; k < o.ncode_maps; k++)
			if (dr_load_code_map_check(e, o.code_maps[k].column, o.code_maps[k].to) != NULL)
				fail("config gives a code map the schema refuses");

		/* Header, then one row of valid values in the site's own terms. */
		size_t ncols = dr_load_ncolumns(e), n = 0;
		bool known = true, distinct = true;
		fz_format_date(fmt, date, sizeof date);
		for (size_t c = 0; c < ncols; c++) {
			if (c)
				csv[n++] = delim;
			put_field(csv, sizeof csv, &n, header_of(&o, e, c));
			for (size_t c2 = 0; c2 < c; c2++)
				if (strcasecmp(header_of(&o, e, c), header_of(&o, e, c2)) == 0)
					distinct = false;
		}
		csv[n++] = '\n';
		for (size_t c = 0; c < ncols; c++) {
			const char *name = dr_load_column_name(e, c), *v = NULL;
			size_t i;
			for (i = 0; i < DR_NELEM(values); i++)
				if (strcmp(values[i].column, name) == 0)
					break;
			if (strcmp(name, "status") == 0)
				v = e == DR_VISITS ? "COMPLETED" : e == DR_COMMENTARY ? "DONE" : "DENIED";
			else if (i == DR_NELEM(values)) {
				known = false;
				v = "1";
			} else
				v = values[i].value ? values[i].value : date;
			for (size_t k = 0; k < o.ncode_maps; k++)
				if (strcasecmp(o.code_maps[k].column, name) == 0
				    && strcasecmp(o.code_maps[k].to, DR_LOAD_IGNORE) != 0) {
					v = o.code_maps[k].from;
					break;
				}
			if (c)
				csv[n++] = delim;
			put_field(csv, sizeof csv, &n, v);
		}
		csv[n++] = '\n';
		o.path = fz_write("extract.csv", (const uint8_t *)csv, n);
		o.display = "extract.csv";
		int rc = dr_load_extract(e, &o, &stats, NULL, NULL);
		if (rc != DR_OK && rc != DR_EINPUT)
			fail("dr_load_extract refuses options the config accepted");
		if (known && distinct && (rc != DR_OK || stats.rows_used + stats.rows_ignored != 1))
			fail("a row in the config's own terms does not load");
	}
}

/* The promises of a loaded config. */
static void check(const struct dr_config *cfg)
{
	for (size_t i = 0; i < cfg->ndyads; i++) {
		const struct dr_dyad *d = &cfg->dyads[i];
		if (!d->id || !d->id[0]
		    || strspn(d->id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(d->id))
			fail("dyad id outside [a-z0-9-]+");
		if (dr_config_dyad_index(cfg, d->id) != (long)i)
			fail("dyad id not unique or not found");
		if (!d->name || !d->physician || !d->administrator)
			fail("dyad text NULL");
		if (d->ndepartments == 0)
			fail("dyad without departments");
		for (size_t j = 0; j < d->ndepartments; j++) {
			if (!d->departments[j] || !d->departments[j][0])
				fail("empty department");
			for (size_t i2 = 0; i2 < i; i2++)
				for (size_t j2 = 0; j2 < cfg->dyads[i2].ndepartments; j2++)
					if (strcasecmp(cfg->dyads[i2].departments[j2], d->departments[j]) == 0)
						fail("department owned by two dyads");
		}
	}
	if (cfg->ndyads == 0)
		fail("loaded without a dyad");
	for (size_t i = 0; i < cfg->ntargets; i++) {
		if (dr_config_target(cfg, cfg->targets[i].metric) != &cfg->targets[i])
			fail("target not unique or not found");
		if (!cfg->targets[i].has_value)
			fail("target without a value");
	}
	bool any = false;
	for (int e = 0; e < DR_NSOURCES; e++) {
		if (!cfg->input[e] != !cfg->input_raw[e])
			fail("input and input_raw disagree");
		if (cfg->input[e] && cfg->input[e][0] != '/')
			fail("resolved input path not absolute");
		any |= e < DR_NEXTRACTS && cfg->input[e] != NULL;
	}
	if (!any)
		fail("loaded without an extract");
	if (cfg->months <= 0)
		fail("months not positive");
	if (!(cfg->max_bad_rows >= 0 && cfg->max_bad_rows <= 1))
		fail("max_bad_rows outside 0..1");
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	dr_diag_set_verbosity(fz_silence() ? DR_QUIET : DR_NORMAL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dr_config cfg;
	const char *path = fz_write("site.ini", data, size);
	memset(&cfg, 0, sizeof cfg);
	int rc = dr_config_load(path, &cfg);
	if (rc != DR_OK && rc != DR_EUSAGE)
		fail("return code not DR_OK or DR_EUSAGE");
	if (rc == DR_OK) {
		check(&cfg);
		check_load_options(&cfg);
	}
	dr_config_free(&cfg);
	return 0;
}
