/*
 * funnel-cli.c -- `dyadreport funnel`: the funnel engine (funnel.h) on any
 * list of groups, for analysts and for tests (dyadreport(1), THE FUNNEL
 * SUBCOMMAND).
 *
 * Takes:   argv after "funnel": options, then a CSV file (or stdin, or
 *          "-") with a header naming group, y and n (any order, any case,
 *          other columns ignored); y and n numbers >= 0 (whole numbers,
 *          y <= n, for proportions); n empty or 0 for a group with none.
 * Returns: an enum dr_exit value; on stdout one CSV row per input row, in
 *          input order: group,y,n,rate,target,lower95,upper95,lower998,
 *          upper998,z,flag,od,phi,tau2 -- numbers with 15 significant
 *          digits, empty where there is none; the group as a CSV text cell
 *          (always quoted). od, phi and tau2 are the same on every row;
 *          stderr also gets one "dyadreport: funnel: ..." line naming them
 *          (unless -q).
 * Owns:    the group arrays, freed before returning.
 * Never:   echoes a cell's value in a message (FILE:LINE: column X: what).
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
#include "dyadreport/funnel.h"
#include "dyadreport/run.h"
#include "dyadreport/write.h"
#include "cli-int.h"
#include "load-int.h"

static const char funnel_usage[] =
	"Usage: dyadreport funnel [OPTIONS] [GROUPS.csv]\n"
	"Compare groups' rates in a funnel plot: print each group's exact control\n"
	"limits at its size, its z-score and whether it lies outside them.\n"
	"GROUPS.csv (or stdin, or -) has the header group,y,n: y events out of n\n"
	"(a proportion), or y events over n units of exposure (a rate). A group\n"
	"with n empty or 0 is listed with the flag \"no n\" and left out.\n"
	"\n"
	"  --model M            proportion (default; binomial, y <= n, whole\n"
	"                       numbers) or poisson (y events over n units)\n"
	"  --target X           compare with X (a proportion in (0, 1), a rate > 0)\n"
	"                       instead of the pooled rate sum(y) / sum(n)\n"
	"  --overdispersion OD  none: exact binomial (Poisson) limits;\n"
	"                       multiplicative: normal limits widened by sqrt(phi);\n"
	"                       additive: random effects, sd = sqrt(s^2 + tau^2);\n"
	"                       auto (default): additive when phi > 1, else none,\n"
	"                       as FunnelPlotR does (phi from z-scores winsorised\n"
	"                       at 10% each side)\n"
	"  -q, --quiet          no information line on stderr\n"
	"  -h, --help           show this help\n"
	"\n"
	"Output columns: group,y,n,rate,target,lower95,upper95,lower998,upper998,\n"
	"z,flag,od,phi,tau2. flag is within, above 95%, below 95%, above 99.8%,\n"
	"below 99.8% or no n; od is the overdispersion model used (never auto),\n"
	"also named with phi and tau2 on stderr. Exit codes: 0 ok, 2 usage,\n"
	"3 input error.\n";

/* The groups as read. */
struct groups {
	const char *display;
	enum dr_funnel_model model;
	int col_group, col_y, col_n;    /* col_group -2: no header yet */
	size_t n, cap;
	char **name;
	double *y, *den;
	int status;                     /* DR_OK or DR_EINPUT after a message */
};

/* The header: where group, y and n are. */
static bool header(struct groups *g, struct dr_load_row *row)
{
	g->col_group = g->col_y = g->col_n = -1;
	for (size_t i = 0; i < row->nstored; i++) {
		const char *name = dr_cli_trim(row->field[i].s, row->field[i].len);
		int *col = strcasecmp(name, "group") == 0 ? &g->col_group
		         : strcasecmp(name, "y") == 0 ? &g->col_y
		         : strcasecmp(name, "n") == 0 ? &g->col_n : NULL;
		if (!col)
			continue;
		if (*col >= 0) {
			dr_error_at(g->display, row->line, "column %s: named twice in the header", name);
			return false;
		}
		*col = (int)i;
	}
	if (g->col_group < 0 || g->col_y < 0 || g->col_n < 0) {
		dr_error_at(g->display, row->line, "the header must name the columns group, y and n");
		return false;
	}
	return true;
}

/* One data row into the groups. */
static bool data_row(struct groups *g, struct dr_load_row *row)
{
	static const char *const names[] = { "group", "y", "n" };
	int cols[] = { g->col_group, g->col_y, g->col_n };
	char *cell[3];
	double y, n;
	bool proportion = g->model == DR_FUNNEL_PROPORTION;

	if (row->broken) {
		dr_error_at(g->display, row->line, "text after a closing quote");
		return false;
	}
	for (int c = 0; c < 3; c++) {
		if ((size_t)cols[c] >= row->nstored) {
			dr_error_at(g->display, row->line, "column %s: missing (short row)", names[c]);
			return false;
		}
		cell[c] = dr_cli_trim(row->field[cols[c]].s, row->field[cols[c]].len);
	}
	if (!dr_cli_number(cell[2], &n) || n < 0 || (proportion && n != floor(n))) {
		dr_error_at(g->display, row->line, "column n: not a %s >= 0, or empty",
		            proportion ? "whole number" : "number");
		return false;
	}
	bool has_n = !isnan(n) && n > 0;
	if (!dr_cli_number(cell[1], &y) || (has_n && isnan(y)) || y < 0 ||
	    (proportion && !isnan(y) && y != floor(y))) {
		dr_error_at(g->display, row->line, "column y: not a %s >= 0",
		            proportion ? "whole number" : "number");
		return false;
	}
	if (proportion && has_n && y > n) {
		dr_error_at(g->display, row->line, "column y: more events than n");
		return false;
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->name = dr_xrealloc(g->name, g->cap * sizeof *g->name);
		g->y = dr_xrealloc(g->y, g->cap * sizeof *g->y);
		g->den = dr_xrealloc(g->den, g->cap * sizeof *g->den);
	}
	g->name[g->n] = dr_xstrdup(cell[0]);
	g->y[g->n] = y;
	g->den[g->n] = n;
	g->n++;
	return true;
}

/* dr_load_csv callback: the header first, then the rows. */
static bool on_row(struct dr_load_row *row, void *ctx)
{
	struct groups *g = ctx;
	bool ok = g->col_group == -2 ? header(g, row) : data_row(g, row);

	if (!ok)
		g->status = DR_EINPUT;
	return ok;
}

static const char *od_name(enum dr_funnel_od od)
{
	static const char *const names[] = { "none", "multiplicative", "additive", "auto" };
	return (unsigned)od < sizeof names / sizeof names[0] ? names[od] : "?";
}

static bool od_parse(const char *s, enum dr_funnel_od *out)
{
	for (enum dr_funnel_od od = DR_FUNNEL_OD_NONE; od <= DR_FUNNEL_OD_AUTO; od++)
		if (strcmp(s, od_name(od)) == 0) {
			*out = od;
			return true;
		}
	return false;
}

static void print(FILE *out, const struct groups *g, const struct dr_funnel *f,
                  const struct dr_funnel_point *p)
{
	int col = 0;

	fputs("group,y,n,rate,target,lower95,upper95,lower998,upper998,z,flag,od,phi,tau2\n", out);
	for (size_t i = 0; i < g->n; i++) {
		dr_csv_text(out, &col, g->name[i]);
		dr_csv_num(out, &col, g->y[i]);
		dr_csv_num(out, &col, g->den[i]);
		dr_csv_num(out, &col, p[i].rate);
		dr_csv_num(out, &col, f->target);
		dr_csv_num(out, &col, p[i].lower95);
		dr_csv_num(out, &col, p[i].upper95);
		dr_csv_num(out, &col, p[i].lower998);
		dr_csv_num(out, &col, p[i].upper998);
		dr_csv_num(out, &col, p[i].z);
		fprintf(out, ",%s,%s", dr_funnel_flag_name(p[i].flag), od_name(f->od));
		dr_csv_num(out, &col, f->phi);
		dr_csv_num(out, &col, f->tau2);
		dr_csv_end(out, &col);
	}
}

/* A usage error: message, then the hint. */
static int usage_error(const char *what)
{
	dr_error("funnel: %s", what);
	fputs("Try 'dyadreport funnel --help'.\n", stderr);
	return DR_EUSAGE;
}

int dr_funnel_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "target", required_argument, NULL, 't' },
		{ "overdispersion", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct groups g = { .col_group = -2, .model = DR_FUNNEL_PROPORTION };
	enum dr_funnel_od od = DR_FUNNEL_OD_AUTO;
	double target = NAN;
	bool quiet = false;
	struct dr_funnel_point *p = NULL;
	struct dr_funnel f;
	int c, rc = DR_EUSAGE;

	optind = 1;
	opterr = 0;                 /* our own message, with the dyadreport: prefix */
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (strcmp(optarg, "proportion") == 0)
				g.model = DR_FUNNEL_PROPORTION;
			else if (strcmp(optarg, "poisson") == 0)
				g.model = DR_FUNNEL_POISSON;
			else {
				rc = usage_error("--model must be proportion or poisson");
				goto out;
			}
			break;
		case 't':
			if (!dr_cli_number(optarg, &target) || !(target > 0)) {
				rc = usage_error("--target must be a number > 0");
				goto out;
			}
			break;
		case 'o':
			if (!od_parse(optarg, &od)) {
				rc = usage_error("--overdispersion must be none, multiplicative, "
				                 "additive or auto");
				goto out;
			}
			break;
		case 'q': quiet = true; break;
		case 'h':
			fputs(funnel_usage, stdout);
			rc = DR_OK;
			goto out;
		default:
			dr_error("funnel: unknown option or missing value: %s", argv[optind - 1]);
			fputs("Try 'dyadreport funnel --help'.\n", stderr);
			goto out;
		}
	}
	if (argc - optind > 1) {
		rc = usage_error("more than one input file given");
		goto out;
	}
	if (g.model == DR_FUNNEL_PROPORTION && !isnan(target) && !(target < 1)) {
		rc = usage_error("--target must be below 1 for proportions");
		goto out;
	}

	const char *path = optind < argc && strcmp(argv[optind], "-") != 0 ? argv[optind] : NULL;
	g.display = path ? path : "stdin";
	rc = dr_load_csv(path ? path : "/dev/stdin", g.display, ',', on_row, &g);
	if (rc == DR_OK)
		rc = g.status;
	if (rc != DR_OK)
		goto out;
	if (g.col_group == -2) {
		dr_error("%s: empty: no header", g.display);
		rc = DR_EINPUT;
		goto out;
	}

	p = dr_xcalloc(g.n ? g.n : 1, sizeof *p);
	if (dr_funnel_judge(g.y, g.den, g.n, g.model, od, target, &f, p) != 0) {
		dr_error("%s: no group has n > 0", g.display);
		rc = DR_EINPUT;
		goto out;
	}
	if (!quiet)
		fprintf(stderr, "dyadreport: funnel: %zu groups, target %.15g, overdispersion %s "
		        "(phi %.6g, tau2 %.6g)\n", f.used, f.target, od_name(f.od), f.phi, f.tau2);
	print(stdout, &g, &f, p);
	rc = fflush(stdout) == 0 && !ferror(stdout) ? DR_OK : DR_EOUTPUT;
	if (rc != DR_OK)
		dr_error("funnel: cannot write the output: %s", strerror(errno));
out:
	for (size_t i = 0; i < g.n; i++)
		free(g.name[i]);
	free(g.name);
	free(g.y);
	free(g.den);
	free(p);
	return rc;
}
