/*
 * spc-cli.c -- `dyadreport spc`: the SPC engine on any series, for analysts
 * and for tests (dyadreport(1), THE SPC SUBCOMMAND).
 *
 * Takes:   argv after "spc": options, then a CSV file (or stdin, or "-")
 *          with a header naming period, y and optionally n (any order,
 *          any case, other columns ignored); period is YYYY-MM or
 *          YYYY-MM-DD, strictly increasing; y and n numbers or empty.
 * Returns: an enum dr_exit value; on stdout one CSV row per input row, in
 *          input order, with the columns dyadreport(1) documents; numbers with 15
 *          significant digits, empty where there is no value. A row
 *          without a value still prints its phase's centre and the limits
 *          that do not depend on n (spc.h).
 * Owns:    the series arrays, freed before returning.
 * Never:   echoes a cell's value in a message (FILE:LINE: column X: what).
 * Policy:  --chart applies to anhoej; under mdc it is ignored with a
 *          warning (Making Data Count always uses an XmR chart). p, pp, u
 *          and up need the n column. --rebase names a period of the input
 *          (YYYY-MM matches a YYYY-MM-DD period of that month).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/run.h"
#include "dyadreport/spc.h"
#include "cli-int.h"
#include "load-int.h"

static const char spc_usage[] =
	"Usage: dyadreport spc [OPTIONS] [FILE.csv]\n"
	"Judge one series with the packet's SPC engine and print every point.\n"
	"FILE (or stdin) is a CSV with the header period,y or period,y,n: period\n"
	"is YYYY-MM or YYYY-MM-DD in increasing order; y and n may be empty for a\n"
	"missing month.\n"
	"\n"
	"  --rules R         mdc7 (default), mdc6 or anhoej\n"
	"  --chart C         anhoej only: i (default), mr, run, p, pp, u, up, c;\n"
	"                    p, pp, u and up plot y/n and need the n column\n"
	"  --baseline N      limits from the first N points (mdc: of each phase;\n"
	"                    anhoej: of the series, ignored with --rebase)\n"
	"  --rebase PERIOD   PERIOD starts a new phase; repeatable\n"
	"  --no-screen       keep moving ranges >= 3.267 x their mean\n"
	"  --multiply K      multiply y, centre and limits by K (e.g. 100)\n"
	"  --target V        target, in plotted units; gives the assurance column\n"
	"  --better D        higher, lower or neutral (default)\n"
	"  -h, --help        show this help\n"
	"\n"
	"Output columns: period,y,n,cl,lcl,ucl,phase,signal,signal_type,point_type,\n"
	"runs_signal,longest_run,longest_run_max,n_crossings,n_crossings_min,\n"
	"variation_icon,assurance. A row without a value keeps its phase's centre\n"
	"and the limits that do not depend on n (i, mr, c, mdc), as qicharts2 and\n"
	"NHSRplotthedots return them. Exit codes: 0 ok, 2 usage, 3 input error.\n";

/* The series as read. */
struct series {
	const char *display;
	int col_period, col_y, col_n;
	size_t n, cap;
	char **period;
	double *y, *den;
	int status;                 /* DR_OK or DR_EINPUT after a message */
};

/* YYYY-MM or YYYY-MM-DD with a valid month (and day 01..31). */
static bool valid_period(const char *s)
{
	size_t len = strlen(s);

	if (len != 7 && len != 10)
		return false;
	for (size_t i = 0; i < len; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	}
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = len == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* The header: where period, y and n are. */
static bool header(struct series *s, struct dr_load_row *row)
{
	s->col_period = s->col_y = s->col_n = -1;
	for (size_t i = 0; i < row->nstored; i++) {
		const char *name = dr_cli_trim(row->field[i].s, row->field[i].len);
		int *col = strcasecmp(name, "period") == 0 ? &s->col_period
		         : strcasecmp(name, "y") == 0 ? &s->col_y
		         : strcasecmp(name, "n") == 0 ? &s->col_n : NULL;
		if (!col)
			continue;
		if (*col >= 0) {
			dr_error_at(s->display, row->line, "column %s: named twice in the header", name);
			return false;
		}
		*col = (int)i;
	}
	if (s->col_period < 0 || s->col_y < 0) {
		dr_error_at(s->display, row->line, "the header must name the columns period and y (and n)");
		return false;
	}
	return true;
}

/* One data row into the series. */
static bool data_row(struct series *s, struct dr_load_row *row)
{
	static const char *const names[] = { "period", "y", "n" };
	int cols[] = { s->col_period, s->col_y, s->col_n };
	char *cell[3] = { NULL, NULL, NULL };
	double y, n = NAN;

	if (row->broken) {
		dr_error_at(s->display, row->line, "text after a closing quote");
		return false;
	}
	for (int c = 0; c < 3; c++) {
		if (cols[c] < 0)
			continue;
		if ((size_t)cols[c] >= row->nstored) {
			dr_error_at(s->display, row->line, "column %s: missing (short row)", names[c]);
			return false;
		}
		cell[c] = dr_cli_trim(row->field[cols[c]].s, row->field[cols[c]].len);
	}
	if (!valid_period(cell[0])) {
		dr_error_at(s->display, row->line, "column period: not YYYY-MM or YYYY-MM-DD");
		return false;
	}
	if (s->n > 0 && strcmp(cell[0], s->period[s->n - 1]) <= 0) {
		dr_error_at(s->display, row->line, "column period: not after the previous row's period");
		return false;
	}
	if (!dr_cli_number(cell[1], &y)) {
		dr_error_at(s->display, row->line, "column y: not a number");
		return false;
	}
	if (cell[2] && (!dr_cli_number(cell[2], &n) || n < 0)) {
		dr_error_at(s->display, row->line, "column n: not a number >= 0");
		return false;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->period = dr_xrealloc(s->period, s->cap * sizeof *s->period);
		s->y = dr_xrealloc(s->y, s->cap * sizeof *s->y);
		s->den = dr_xrealloc(s->den, s->cap * sizeof *s->den);
	}
	s->period[s->n] = dr_xstrdup(cell[0]);
	s->y[s->n] = y;
	s->den[s->n] = n;
	s->n++;
	return true;
}

/* dr_load_csv callback: the header first, then the rows. */
static bool on_row(struct dr_load_row *row, void *ctx)
{
	struct series *s = ctx;
	bool ok = s->col_period == -2 ? header(s, row) : data_row(s, row);

	if (!ok)
		s->status = DR_EINPUT;
	return ok;
}

/* Prints v with 15 significant digits, or nothing for NAN. */
static void num(FILE *out, double v)
{
	if (isnan(v))
		return;
	fprintf(out, "%.15g", v == 0 ? 0.0 : v);
}

/* Prints a runs count, empty when NA. */
static void count(FILE *out, int v)
{
	if (v >= 0)
		fprintf(out, "%d", v);
}

static void print(FILE *out, const struct series *s, const struct dr_spc_options *o,
                  const struct dr_spc_point *p, const struct dr_spc_summary *sum)
{
	bool anhoej = o->rules == DR_SPC_ANHOEJ;
	const char *icon = dr_spc_point_type_name(sum->variation);

	fputs("period,y,n,cl,lcl,ucl,phase,signal,signal_type,point_type,runs_signal,"
	      "longest_run,longest_run_max,n_crossings,n_crossings_min,variation_icon,"
	      "assurance\n", out);
	for (size_t i = 0; i < s->n; i++) {
		fprintf(out, "%s,", s->period[i]);
		num(out, p[i].y);
		fputc(',', out);
		if (s->col_n >= 0)
			num(out, s->den[i]);
		fputc(',', out);
		num(out, p[i].cl);
		fputc(',', out);
		num(out, p[i].lcl);
		fputc(',', out);
		num(out, p[i].ucl);
		fprintf(out, ",%d,%d,%s,%s,", p[i].phase, p[i].signal != DR_SIGNAL_NONE,
		        dr_spc_signal_name(p[i].signal),
		        anhoej ? "" : dr_spc_point_type_name(p[i].type));
		if (anhoej) {
			fprintf(out, "%d,", p[i].runs.signal);
			count(out, p[i].runs.longest);
			fputc(',', out);
			count(out, p[i].runs.longest_max);
			fputc(',', out);
			count(out, p[i].runs.crossings);
			fputc(',', out);
			count(out, p[i].runs.crossings_min);
			fputc(',', out);
		} else {
			fputs(",,,,,", out);
		}
		fprintf(out, "%s,%s\n", icon, dr_spc_assurance_name(sum->assurance));
	}
}

/* Index of the first period matching the --rebase argument, or n: the
 * same string, or the same month when either names a month only. */
static size_t find_period(const struct series *s, const char *want)
{
	size_t len = strlen(want);

	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->period[i], want) == 0 ||
		    ((len == 7 || strlen(s->period[i]) == 7) && strncmp(s->period[i], want, 7) == 0))
			return i;
	return s->n;
}

/* A usage error: message, then the hint. */
static int usage_error(const char *what, const char *arg)
{
	dr_error("spc: %s%s%s", what, arg ? ": " : "", arg ? arg : "");
	fputs("Try 'dyadreport spc --help'.\n", stderr);
	return DR_EUSAGE;
}

int dr_spc_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "chart", required_argument, NULL, 'c' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "rebase", required_argument, NULL, 'R' },
		{ "no-screen", no_argument, NULL, 'S' },
		{ "multiply", required_argument, NULL, 'm' },
		{ "target", required_argument, NULL, 't' },
		{ "better", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct dr_spc_options o;
	struct series s = { .col_period = -2 };
	const char **rebase_arg = dr_xcalloc((size_t)argc, sizeof *rebase_arg);
	size_t nrebase = 0, *rebase = NULL;
	struct dr_spc_point *p = NULL;
	struct dr_spc_summary sum;
	bool chart_given = false;
	int c, rc = DR_EUSAGE;
	char *end;

	dr_spc_options_init(&o);
	optind = 1;
	opterr = 0;                 /* our own message, with the dyadreport: prefix */
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!dr_spc_rules_parse(optarg, &o.rules)) {
				rc = usage_error("--rules must be mdc7, mdc6 or anhoej", NULL);
				goto out;
			}
			break;
		case 'c':
			if (!dr_spc_chart_parse(optarg, &o.chart)) {
				rc = usage_error("--chart must be i, mr, run, p, pp, u, up or c", NULL);
				goto out;
			}
			chart_given = true;
			break;
		case 'b':
			errno = 0;
			o.baseline = (size_t)strtoul(optarg, &end, 10);
			if (*optarg == '-' || end == optarg || *end || errno || o.baseline == 0) {
				rc = usage_error("--baseline must be a whole number of points >= 1", NULL);
				goto out;
			}
			break;
		case 'R': rebase_arg[nrebase++] = optarg; break;
		case 'S': o.screen = false; break;
		case 'm':
			if (!dr_cli_number(optarg, &o.multiply) || isnan(o.multiply) || o.multiply <= 0) {
				rc = usage_error("--multiply must be a number > 0", NULL);
				goto out;
			}
			break;
		case 't':
			if (!dr_cli_number(optarg, &o.target) || isnan(o.target)) {
				rc = usage_error("--target must be a number", NULL);
				goto out;
			}
			o.has_target = true;
			break;
		case 'B':
			if (!dr_spc_better_parse(optarg, &o.better)) {
				rc = usage_error("--better must be higher, lower or neutral", NULL);
				goto out;
			}
			break;
		case 'h':
			fputs(spc_usage, stdout);
			rc = DR_OK;
			goto out;
		default:
			rc = usage_error("unknown option or missing value", argv[optind - 1]);
			goto out;
		}
	}
	if (argc - optind > 1) {
		rc = usage_error("more than one input file given", NULL);
		goto out;
	}
	if (o.rules != DR_SPC_ANHOEJ && chart_given && o.chart != DR_SPC_I)
		dr_warn("spc: --chart is ignored under %s: Making Data Count always uses an XmR chart",
		        dr_spc_rules_name(o.rules));

	const char *path = optind < argc && strcmp(argv[optind], "-") != 0 ? argv[optind] : NULL;
	s.display = path ? path : "stdin";
	rc = dr_load_csv(path ? path : "/dev/stdin", s.display, ',', on_row, &s);
	if (rc == DR_OK)
		rc = s.status;
	if (rc != DR_OK)
		goto out;
	if (s.col_period == -2) {
		rc = DR_EINPUT;
		goto out;
	}
	if (o.rules == DR_SPC_ANHOEJ && dr_spc_chart_needs_den(o.chart) && s.col_n < 0) {
		rc = usage_error("this chart plots y/n: the input needs an n column",
		                 dr_spc_chart_name(o.chart));
		goto out;
	}

	rebase = dr_xcalloc(nrebase ? nrebase : 1, sizeof *rebase);
	for (size_t i = 0; i < nrebase; i++) {
		rebase[i] = find_period(&s, rebase_arg[i]);
		if (rebase[i] == s.n) {
			rc = usage_error("--rebase names no period of the input", rebase_arg[i]);
			goto out;
		}
	}
	o.rebase = rebase;
	o.nrebase = nrebase;
	o.den = s.col_n >= 0 ? s.den : NULL;

	p = dr_xcalloc(s.n ? s.n : 1, sizeof *p);
	dr_spc_judge(s.y, NULL, s.n, &o, p, &sum);
	print(stdout, &s, &o, p, &sum);
	rc = fflush(stdout) == 0 && !ferror(stdout) ? DR_OK : DR_EOUTPUT;
	if (rc != DR_OK)
		dr_error("spc: cannot write the output: %s", strerror(errno));
out:
	for (size_t i = 0; i < s.n; i++)
		free(s.period[i]);
	free(s.period);
	free(s.y);
	free(s.den);
	free(p);
	free(rebase);
	free(rebase_arg);
	return rc;
}
