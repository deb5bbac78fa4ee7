/*
 * test-config.c -- the site config reader (config.c, config-table.c):
 * defaults, every key kind, paths resolved against the config's folder, and
 * each error reported with file and line, all before giving up.
 */
#include <math.h>

#include "dyadreport/config.h"
#include "tap.h"
#include "testutil.h"

static const char good[] =
	"; a comment\n"
	"[report]\n"
	"organization = Riverside Health\n"
	"period = 2026-10\n"
	"months = 13   ; inline comment\n"
	"formats = pdf, png\n"
	"max_bad_rows = 2%\n"
	"label = Internal \xE2\x80\x94 no patient identifiers\n"
	"\n"
	"[input]\n"
	"visits = data/visits.csv\n"
	"denials = /abs/denials.csv\n"
	"delimiter = semicolon\n"
	"\n"
	"[dyad oncology]\n"
	"name = Oncology\n"
	"physician = Dr. Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez\n"
	"administrator = Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m\n"
	"departments = ONC, RADONC , INF\n"
	"\n"
	"[dyad primary-care]\n"
	"name = Primary care\n"
	"departments = FM\n"
	"\n"
	"[target initial_denial_rate]\n"
	"value = 8%\n"
	"better = lower\n"
	"[target wrvu_per_visit]\n"
	"value = 2.5\n";

/* Loads text as a config; returns the exit code and the captured stderr. */
static int load(const char *text, struct dr_config *cfg, const char **err)
{
	const char *path = tu_write("site.ini", text);
	tu_stderr_begin();
	int rc = dr_config_load(path, cfg);
	*err = tu_stderr_end();
	return rc;
}

/* Asserts that text fails with a message containing want. */
static void fails(const char *text, const char *want, const char *name)
{
	struct dr_config cfg;
	const char *err;
	int rc = load(text, &cfg, &err);
	tap_int(rc, 2, name);
	tap_ok(strstr(err, want) != NULL, name);
	if (!strstr(err, want))
		printf("#   stderr: %s#   wanted: %s\n", err, want);
	dr_config_free(&cfg);
}

int main(void)
{
	struct dr_config cfg;
	const char *err;
	tap_int(load(good, &cfg, &err), 0, "good config loads");
	tap_str(err, "", "... silently");
	tap_str(cfg.organization, "Riverside Health", "organization");
	tap_str(cfg.period, "2026-10", "period");
	tap_int(cfg.months, 13, "months with an inline comment");
	tap_int((long)cfg.formats, DR_FORMAT_PDF | DR_FORMAT_PNG, "formats");
	tap_num(cfg.max_bad_rows, 0.02, 1e-15, "2% is 0.02");
	tap_int(cfg.suppress_below, 5, "default suppress_below");
	tap_int(cfg.min_denominator, 20, "default min_denominator is 20");
	tap_str(cfg.template_name, "monthly-packet", "default template");
	tap_str(cfg.language, "en-US", "default language en-US");
	tap_int(cfg.delimiter, ';', "delimiter");
	char want[600];
	snprintf(want, sizeof want, "%s/data/visits.csv", tu_scratch());
	char *real = realpath(tu_scratch(), NULL);
	snprintf(want, sizeof want, "%s/data/visits.csv", real);
	free(real);
	tap_str(cfg.input[DR_VISITS], want, "relative path resolves against the config's folder");
	tap_str(cfg.input_raw[DR_VISITS], "data/visits.csv", "path as written is kept for messages");
	tap_str(cfg.input[DR_DENIALS], "/abs/denials.csv", "absolute path kept");
	tap_ok(cfg.input[DR_HANDOFFS] == NULL, "omitted extract is NULL");
	tap_int((long)cfg.ndyads, 2, "two dyads");
	tap_str(cfg.dyads[0].id, "oncology", "dyad id");
	tap_str(cfg.dyads[0].physician, "Dr. Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez", "UTF-8 name intact");
	tap_int((long)cfg.dyads[0].ndepartments, 3, "three departments");
	tap_str(cfg.dyads[0].departments[1], "RADONC", "department trimmed");
	tap_str(cfg.dyads[1].physician, "", "missing physician is empty");
	const struct dr_target *t = dr_config_target(&cfg, "initial_denial_rate");
	tap_ok(t && fabs(t->value - 0.08) < 1e-15 && t->better == -1, "target 8%, lower");
	t = dr_config_target(&cfg, "wrvu_per_visit");
	tap_ok(t && t->value == 2.5 && t->better == 0, "plain-number target, metric's default direction");
	tap_int(dr_config_dyad_index(&cfg, "primary-care"), 1, "dyad lookup");
	tap_ok(cfg.png_width == 1600 && cfg.png_height == 900, "png_size defaults to 1600x900");
	tap_int(dr_config_set(&cfg, "report", "png_size", "1280x720", "command line", 0), 0,
	        "png_size 1280x720");
	tap_ok(cfg.png_width == 1280 && cfg.png_height == 720, "... read as 1280 by 720");
	static const char *const bad_sizes[] = { "1600", "1600x", "x900", "100x900", "1600x9000",
	                                         "1600x900x2", "-1600x900", "1600 x 900",
	                                         "8000x200" };
	int refused = 0;
	tu_stderr_begin();
	for (size_t i = 0; i < DR_NELEM(bad_sizes); i++)
		refused += dr_config_set(&cfg, "report", "png_size", bad_sizes[i], "command line", 0) == -1;
	err = tu_stderr_end();
	tap_int(refused, (long)DR_NELEM(bad_sizes), "png_size: malformed and out-of-range sizes refused");
	tap_ok(strstr(err, "png_size: must be WIDTHxHEIGHT") != NULL, "... saying what is expected");
	tap_ok(cfg.png_width == 1280 && cfg.png_height == 720, "... leaving the size as it was");
	tap_int(dr_config_set(&cfg, "report", "period", "last-month", "command line", 0), 0, "-p last-month");
	tu_stderr_begin();
	int rc = dr_config_set(&cfg, "report", "months", "zero", "command line", 0);
	err = tu_stderr_end();
	tap_int(rc, -1, "-m zero refused");
	tap_ok(strstr(err, "command line: months:") != NULL, "... naming the option");
	tap_ok(!cfg.csv_bom, "csv_bom defaults to no");
	dr_config_free(&cfg);

	char bad[4096];
	snprintf(bad, sizeof bad, "%s[output]\ncsv_bom = yes\n", good);
	tap_int(load(bad, &cfg, &err), 0, "[output] csv_bom = yes loads");
	tap_ok(cfg.csv_bom, "... and sets csv_bom");
	dr_config_free(&cfg);
	snprintf(bad, sizeof bad, "%scolour = blue\n", good);
	fails(bad, "site.ini:30: unknown key in [target wrvu_per_visit] (dyadreport.ini(5) lists the keys)",
	      "unknown key, with line");
	snprintf(bad, sizeof bad, "%s[reprot]\nperiod = 2026-10\n", good);
	fails(bad, "site.ini:30: unknown section (use [report], [input], [dyad ID]", "unknown section, with line");
	snprintf(bad, sizeof bad, "%s[dyad oncology]\nname = again\n", good);
	fails(bad, "site.ini:30: section [dyad oncology] appears twice (first on line 15)", "duplicate section");
	snprintf(bad, sizeof bad, "%s[dyad other]\ndepartments = XYZ, onc\n", good);
	fails(bad, "site.ini:31: [dyad other] departments: item 2 is already owned by [dyad oncology] "
	      "(its item 1, line 15): a department belongs to one dyad",
	      "department claimed twice, named by its place in both dyads");
	snprintf(bad, sizeof bad, "%s[report]\n", good);
	fails(bad, "section [report] appears twice", "re-opened section");
	fails("[report]\nmin_denominator = 12.5\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n",
	      "site.ini:2: [report] min_denominator: must be a whole number from 0 to 100000",
	      "min_denominator: not a whole number, with line");
	fails("[report]\nmonths = 13\nmin_denominator = -1\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n",
	      "site.ini:3: [report] min_denominator: must be a whole number from 0 to 100000",
	      "min_denominator: negative refused, with line");
	{
		struct dr_config c2;
		const char *e2;
		tap_int(load("[report]\nmin_denominator = 30\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n",
		             &c2, &e2), 0, "min_denominator = 30 loads");
		tap_int(c2.min_denominator, 30, "... read as 30");
		dr_config_free(&c2);
	}
	fails("[report]\nmonths = 13\nmonths = 12\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n",
	      "site.ini:3: [report] key months is set twice (first on line 2)", "duplicate key");
	fails("[report]\nperiod = 2026-10\n  months = 12\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n",
	      "site.ini:3: indented line sets key months: write keys at the start of a line",
	      "indented key is an error, not a continuation");
	fails("[report]\nperiod = 2026-10\n\n  months\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n",
	      "site.ini:4: indented line, but no value to continue", "indented line after a blank line");
	{
		static const char *const good_tags[] = { "fr-CA", "es-419", "zh-Hant-TW", "de", "gsw",
		                                         "sgn-BE-FR", "en-US-x-twain",
		                                         "en-aaaaaaaa-bbbbbbbb-cccccccc-ddddd" };
		for (size_t i = 0; i < sizeof good_tags / sizeof good_tags[0]; i++) {
			char text[200], name[80];
			struct dr_config c2;
			const char *e2;
			snprintf(text, sizeof text, "[report]\nlanguage = %s\n[dyad a]\ndepartments=X\n"
			         "[input]\nvisits=v.csv\n", good_tags[i]);
			snprintf(name, sizeof name, "language = %s is read as written", good_tags[i]);
			int loaded = load(text, &c2, &e2);
			tap_ok(loaded == 0 && strcmp(c2.language, good_tags[i]) == 0, name);
			dr_config_free(&c2);
		}
		static const char *const bad_tags[] = { "e", "english", "e1-US", "en_US", "en--US", "en-",
		                                        "-en", "en-US!", "en-abcdefghi", "\xC3\xA9n-US",
		                                        "en-aaaaaaaa-bbbbbbbb-cccccccc-dddddd" };
		for (size_t i = 0; i < sizeof bad_tags / sizeof bad_tags[0]; i++) {
			char text[200], name[80];
			snprintf(text, sizeof text, "[report]\nmonths = 13\nlanguage = %s\n", bad_tags[i]);
			snprintf(name, sizeof name, "language = %s refused, with line", bad_tags[i]);
			fails(text, "site.ini:3: [report] language: must be a language tag such as en-US", name);
		}
		tap_int(dr_config_set(&cfg, "report", "language", "nl-BE", "command line", 0), 0,
		        "language set as a setting");
		tap_str(cfg.language, "nl-BE", "... and stored");
	}
	fails("[report]\nmax_bad_rows = 120%\n", "site.ini:2: [report] max_bad_rows: must lie between", "percent over 100");
	fails("[dyad Bad_ID]\ndepartments = X\n", "site.ini:1: dyad id \"Bad_ID\" is not allowed: a dyad id may "
	      "use only a-z, 0-9 and -", "dyad id charset, the id named");
	fails("[target no_such_metric]\nvalue = 1\n", "site.ini:1: [target METRIC]: no such metric (see the "
	      "definitions page for keys)", "unknown target metric, not echoed");
	fails("[target no_show_rat]\nvalue = 1\n", "[target METRIC]: no such metric (did you mean "
	      "no_show_rate?)", "a near miss of a metric is named");
	fails("[report]\njust a line\n", "site.ini:2: expected key = value", "line without =");
	fails("[annotation]\nmonth = 2026-04\n", "site.ini:1: [annotation] needs a name: [annotation NAME]",
	      "annotation without a name");
	fails("[input]\nvisits = v.csv\n", "no [dyad ID] section", "no dyad");
	fails("[dyad a]\nname = A\n[input]\nvisits = v.csv\n", "[dyad a] needs departments", "dyad without departments");
	fails("[report]\nformats = pdf, docx\n", "site.ini:2: [report] formats: unknown format", "bad format");
	fails("[input]\ndelimiter = ::\n", "site.ini:2: [input] delimiter: must be", "bad delimiter");

	/* Per-extract sections. */
	static const char site[] =
		"[input]\nvisits = v.csv\ndenials = d.csv\nhandoffs = h.csv\ndelimiter = ,\n"
		"[dyad a]\ndepartments = X\n"
		"[visits]\n"
		"delimiter = semicolon\n"
		"date_format = %m/%d/%Y %H:%M\n"
		"col.visit_date = Appt Date\n"
		"COL.x = y\n"
		"map.status.No Show = NO_SHOW\n"
		"map.status.Arrived.Late = completed\n"
		"[denials]\n"
		"map.denial_reason.CO-45 = IGNORE\n"
		"[handoffs]\n"
		"window.discharge = 36\n"
		"map.completed.Closed = Y\n"
		"[burnout]\n"
		"scale = minz2\n";
	tap_int(load(site, &cfg, &err), 2, "per-extract sections: COL.x is unknown (keys are lower case)");
	tap_ok(strstr(err, "site.ini:12: unknown key in [visits] (did you mean col.COLUMN?)") != NULL, "... with its line");
	dr_config_free(&cfg);
	char fixed[sizeof site];
	snprintf(fixed, sizeof fixed, "%s", site);
	char *col = strstr(fixed, "COL.x = y\n");
	memmove(col, col + 10, strlen(col + 10) + 1);
	tap_int(load(fixed, &cfg, &err), 0, "per-extract sections load");
	tap_str(err, "", "... silently");
	const struct dr_extract_config *x = &cfg.extract[DR_VISITS];
	tap_int(x->delimiter, ';', "[visits] delimiter");
	tap_str(x->date_format, "%m/%d/%Y %H:%M", "[visits] date_format");
	tap_ok(x->nrenames == 1 && !strcmp(x->renames[0].column, "visit_date") &&
	       !strcmp(x->renames[0].header, "Appt Date"), "col.visit_date = Appt Date");
	tap_ok(x->ncode_maps == 2 && !strcmp(x->code_maps[0].column, "status") &&
	       !strcmp(x->code_maps[0].from, "No Show") && !strcmp(x->code_maps[0].to, "NO_SHOW"),
	       "map.status.No Show = NO_SHOW");
	tap_str(x->ncode_maps == 2 ? x->code_maps[1].from : "", "Arrived.Late", "a code may hold dots");
	tap_str(cfg.extract[DR_DENIALS].code_maps[0].to, "IGNORE", "map to IGNORE");
	tap_num(cfg.handoff_window[DR_HANDOFF_DISCHARGE], 36, 0, "window.discharge");
	tap_ok(isnan(cfg.handoff_window[DR_HANDOFF_REFERRAL]), "other windows stay default");
	tap_int(cfg.burnout_scale, DR_SCALE_MINZ2, "scale = minz2");
	struct dr_load_options lo = dr_config_load_options(&cfg, DR_VISITS);
	tap_ok(lo.delimiter == ';' && !strcmp(lo.date_format, "%m/%d/%Y %H:%M") && lo.nrenames == 1 &&
	       lo.ncode_maps == 2 && !strcmp(lo.display, "v.csv"), "load options of [visits]");
	lo = dr_config_load_options(&cfg, DR_DENIALS);
	tap_ok(lo.delimiter == ',' && !strcmp(lo.date_format, "%Y-%m-%d"), "[input] defaults elsewhere");
	dr_config_free(&cfg);

	/* [input] commentary and [commentary]: read like an extract's. */
	static const char notes[] =
		"[dyad a]\ndepartments = X\n[input]\nvisits = v.csv\ncommentary = notes/*.csv\n"
		"[commentary]\ndelimiter = semicolon\ndate_format = %d/%m/%Y\ncol.comment = Notes\n"
		"map.status.Closed = DONE\nmap.audience.Everyone = PUBLIC\n";
	tap_int(load(notes, &cfg, &err), 0, "[input] commentary and [commentary] load");
	tap_str(err, "", "... silently");
	tap_str(cfg.input_raw[DR_COMMENTARY], "notes/*.csv", "commentary path as written");
	tap_ok(cfg.input[DR_COMMENTARY] && cfg.input[DR_COMMENTARY][0] == '/' &&
	       strstr(cfg.input[DR_COMMENTARY], "/notes/*.csv"), "commentary path resolved against the config's folder");
	lo = dr_config_load_options(&cfg, DR_COMMENTARY);
	tap_ok(lo.delimiter == ';' && !strcmp(lo.date_format, "%d/%m/%Y") && lo.nrenames == 1 &&
	       !strcmp(lo.renames[0].header, "Notes") && lo.ncode_maps == 2 &&
	       !strcmp(lo.display, "notes/*.csv"), "load options of [commentary]");
	dr_config_free(&cfg);
	fails("[dyad a]\ndepartments = X\n[input]\ncommentary = c.csv\n", "[input] names no extract",
	      "a commentary alone is no extract");
	tap_int(load("[dyad a]\ndepartments = X\n[input]\nvisits = v.csv\n[commentary]\ncol.comment = N\n",
	             &cfg, &err), 0, "[commentary] without [input] commentary loads");
	tap_ok(strstr(err, "[commentary] has settings, but [input] names no commentary\n") != NULL,
	       "... with a warning");
	dr_config_free(&cfg);

	static const char *const bad_extract[][3] = {
		{ "[commentary]\ncol.coment = N\n", "site.ini:2: [commentary] col.COLUMN: no such column in this "
		  "extract (did you mean col.comment?)", "[commentary] col. of no column" },
		{ "[commentary]\nmap.status.Closed = SHUT\n", "[commentary] map.status.CODE: not one of the "
		  "column's codes", "[commentary] map to an unknown code" },
		{ "[commentary]\nmap.month.X = Y\n", "not a code column", "[commentary] map of the month" },
		{ "[commentary]\nscale = minz2\n", "unknown key in [commentary]: scale belongs in [burnout]",
		  "[commentary] takes no scale" },
		{ "[visits]\ncol.nope = X\n", "site.ini:2: [visits] col.COLUMN: no such column in this extract (see "
		  "dyadreport.ini(5), EXTRACTS)", "col. of no column" },
		{ "[visits]\ncol.visit_date =\n", "col.visit_date: must name", "col. with no header" },
		{ "[visits]\ncol.visit_date = A\ncol.booked_date = a\n", "site.ini:3: [visits] col.booked_date: this header",
		  "one header for two columns" },
		{ "[visits]\nmap.status.X = HERE\n", "site.ini:2: [visits] map.status.CODE: not one of the column's codes (see "
		  "dyadreport.ini(5), EXTRACTS), nor IGNORE", "map to an unknown code" },
		{ "[visits]\nmap.patient_id.X = Y\n", "not a code column", "map of a text column" },
		{ "[visits]\nmap.status = COMPLETED\n", "write map.COLUMN.Their Code", "map without a code" },
		{ "[visits]\nmap.status.A = COMPLETED\nmap.status.a = NO_SHOW\n", "site.ini:3: [visits] key map.status.CODE is set twice (first on line 2)",
		  "the same code twice, any case" },
		{ "[visits]\ndate_format = %d/%m\n", "date_format: must hold", "date format without a year" },
		{ "[visits]\ndelimiter = x\n", "delimiter: must be", "bad extract delimiter" },
		{ "[visits]\nscale = minz2\n", "site.ini:2: unknown key in [visits]: scale belongs in [burnout]",
		  "scale outside [burnout]: where it goes" },
		{ "[burnout]\nscale = 3\n", "scale: must be minz1", "bad scale" },
		{ "[handoffs]\nwindow.lunch = 3\n", "[handoffs] window.TYPE: not a handoff type", "window of no type" },
		{ "[handoffs]\nwindow.discharge = -1\n", "[handoffs] window.discharge: must be a number", "negative window" },
		{ "[visits]\n[visits]\n", "section [visits] appears twice", "extract section twice" },
		{ "[handoffs]\nmap.completed.Done = MAYBE\n", "must map to Y, N or IGNORE", "Y/N map" },
		{ "[burnout]\nmap.role. MD = PHYSICIAN\n", "site.ini:2: [burnout] map.role.CODE: the site's code cannot start "
		  "with a space", "a code starting with a space could never match a trimmed cell" },
		{ "[visits]\ncol.visit_date = Patient_ID\n", "[visits]: columns visit_date and patient_id would "
		  "both read the same header; give the other one its own col. line", "rename onto another column's default header" },
	};
	for (size_t i = 0; i < DR_NELEM(bad_extract); i++) {
		snprintf(bad, sizeof bad, "%s[dyad a]\ndepartments = X\n[input]\nvisits = v.csv\n",
		         bad_extract[i][0]);
		fails(bad, bad_extract[i][1], bad_extract[i][2]);
	}

	/* [spc] and [annotation NAME]. */
	static const char spc[] =
		"[dyad a]\ndepartments = X\n[dyad b]\ndepartments = Y\n[input]\nvisits = v.csv\n"
		"[spc]\nrules = anhoej\nbaseline = 2025-01..2025-12\nscreen_outliers = no\nlaney = yes\n"
		"chart.visits_completed = c\nchart.no_show_rate = run\n"
		"[annotation reminders]\nmonth = 2026-04\ntext = Text reminders start\n"
		"metrics = no_show_rate, new_patient_share\ndyads = b\nrebase = yes\n"
		"[annotation ehr]\nmonth = 2025-11\n";
	tap_int(load(spc, &cfg, &err), 0, "[spc] and annotations load");
	tap_str(err, "", "... silently");
	tap_ok(cfg.spc.rules == DR_SPC_ANHOEJ && !cfg.spc.screen && cfg.spc.laney, "rules, screening, laney");
	tap_ok(cfg.spc.base_range && cfg.spc.base_from == dr_month_make(2025, 1) &&
	       cfg.spc.base_to == dr_month_make(2025, 12), "baseline range");
	tap_ok(dr_config_chart(&cfg, "visits_completed") && dr_config_chart(&cfg, "visits_completed")->chart == DR_SPC_C,
	       "chart.visits_completed = c");
	tap_ok(dr_config_chart(&cfg, "no_show_rate")->chart == DR_SPC_RUN, "chart.no_show_rate = run");
	tap_ok(dr_config_chart(&cfg, "new_patient_share") == NULL, "no chart choice: by kind");
	tap_int((long)cfg.nannotations, 2, "two annotations");
	const struct dr_annotation *an = &cfg.annotations[0];
	tap_ok(an->month == dr_month_make(2026, 4) && an->rebase && !an->all_metrics && an->nmetrics == 2,
	       "annotation month, rebase, metrics");
	tap_ok(dr_annotation_covers(an, "new_patient_share", "b") && !dr_annotation_covers(an, "new_patient_share", "a") &&
	       !dr_annotation_covers(an, "visits_completed", "b"), "annotation covers its metrics in its dyads");
	an = &cfg.annotations[1];
	tap_ok(an->all_metrics && !an->rebase && strcmp(an->text, "ehr") == 0 &&
	       dr_annotation_covers(an, "burnout_share", "a"), "annotation defaults: all metrics, no rebase, text = name");
	dr_config_free(&cfg);
	tap_int(load("[dyad a]\ndepartments = X\n[input]\nvisits = v.csv\n[spc]\nbaseline = 12\n"
	             "chart.visits_completed = c\n", &cfg, &err), 0, "chart.METRIC under mdc loads");
	tap_ok(strstr(err, "apply to rules = anhoej only") != NULL, "... with a warning");
	tap_ok(cfg.spc.baseline == 12 && !cfg.spc.base_range && cfg.spc.rules == DR_SPC_MDC7, "baseline = 12, mdc7 default");
	dr_config_free(&cfg);
	tap_int(load("[dyad a]\ndepartments = X\n[input]\nvisits = v.csv\n[spc]\nrules = anhoej\nbaseline = 12\n"
	             "[annotation x]\nmonth = 2026-01\nrebase = yes\n", &cfg, &err), 0, "anhoej baseline with a rebase loads");
	tap_ok(strstr(err, "site.ini:5: [spc] baseline = N is ignored") != NULL, "... with a warning naming [spc]");
	dr_config_free(&cfg);
	static const char *const bad_spc[][3] = {
		{ "[spc]\nrules = shewhart\n", "site.ini:6: [spc] rules: must be mdc7, mdc6 or anhoej", "unknown rule set" },
		{ "[spc]\nrules = western-electric\n", "western-electric is not available", "western-electric named" },
		{ "[spc]\nbaseline = 1\n", "baseline: must be a number of points", "baseline of 1" },
		{ "[spc]\nbaseline = 2025-12..2025-01\n", "range ends before it starts", "backward range" },
		{ "[spc]\nbaseline = 2025-13..2026-01\n", "must be a range YYYY-MM..YYYY-MM", "bad month in range" },
		{ "[spc]\nscreen_outliers = maybe\n", "must be yes or no", "bad yes/no" },
		{ "[spc]\nchart.visits = p\n", "chart.METRIC names no metric", "chart of no metric" },
		{ "[spc]\nchart.visits_completed = p\n", "p and pp charts are for proportions", "p chart of a count" },
		{ "[spc]\nchart.lead_days_median = c\n", "c charts are for counts", "c chart of a median" },
		{ "[spc]\nchart.no_show_rate = xbar\n", "must be i, mr, run, p, pp, u, up or c", "unknown chart" },
		{ "[spc]\ncolour = red\n", "site.ini:6: unknown key in [spc] (dyadreport.ini(5) lists the keys)", "unknown [spc] key" },
		{ "[annotation x]\ntext = y\n", "site.ini:5: [annotation x] needs month", "annotation without month" },
		{ "[annotation x]\nmonth = April\n", "month: must be YYYY-MM", "bad annotation month" },
		{ "[annotation x]\nmonth = 2026-04\nmetrics = no_shows\n", "names a metric that does not exist",
		  "annotation of an unknown metric" },
		{ "[annotation x]\nmonth = 2026-04\ndyads = zz\n", "site.ini:5: [annotation x] dyads: item 1 names no [dyad ID]",
		  "annotation of an unknown dyad" },
		{ "[annotation x]\nmonth = 2026-04\nrebase = sometimes\n", "must be yes or no", "bad rebase" },
		{ "[annotation x]\nmonth = 2026-04\ndyads = a, aa\n", "site.ini:5: [annotation x] dyads: item 2 "
		  "names no [dyad ID] (did you mean a?)", "annotation of a near-miss dyad" },
	};
	for (size_t i = 0; i < DR_NELEM(bad_spc); i++) {
		snprintf(bad, sizeof bad, "[dyad a]\ndepartments = X\n[input]\nvisits = v.csv\n%s", bad_spc[i][0]);
		fails(bad, bad_spc[i][1], bad_spc[i][2]);
	}

	tu_stderr_begin();
	rc = dr_config_load("/nonexistent/site.ini", &cfg);
	err = tu_stderr_end();
	tap_int(rc, 2, "missing config file is a usage error");
	tap_ok(strstr(err, "/nonexistent/site.ini: cannot read config") != NULL, "... naming the file");
	dr_config_free(&cfg);
	tu_cleanup();
	return tap_done();
}
