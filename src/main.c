/*
 * main.c -- the command line: options in, dr_run() called, exit code out.
 *
 * Options that change settings (-p, -m, -f) go through dr_config_set(), the
 * same checks as the config file; -t and -o are paths relative to the
 * current directory, so they go to dr_run() as given. -h prints usage to stdout and exits 0;
 * misuse prints it to stderr and exits 2. main() returns only enum dr_exit
 * values.
 */
#include <cairo.h>
#include <errno.h>
#include <getopt.h>
#include <hpdf.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dyadreport/config.h"
#include "dyadreport/diag.h"
#include "dyadreport/load.h"
#include "dyadreport/run.h"

static const char usage_text[] =
	"Usage: dyadreport [OPTIONS] CONFIG.ini\n"
	"       dyadreport spc [OPTIONS] [SERIES.csv]   (see dyadreport spc --help)\n"
	"       dyadreport funnel [OPTIONS] [GROUPS.csv] (see dyadreport funnel --help)\n"
	"Turn a hospital's monthly extracts into a PDF packet, PNG charts and a\n"
	"metrics CSV for every physician-administrator dyad in CONFIG.ini.\n"
	"\n"
	"  -p, --period P      report month: YYYY-MM or last-month (default: config)\n"
	"  -m, --months N      months in each trend (default: config, else 13)\n"
	"  -t, --template T    template: a NAME (templates/NAME.ini, looked up in\n"
	"                      $DYADREPORT_TEMPLATES, the config's folder's templates/,\n"
	"                      beside the program, then the installed ones) or a path\n"
	"                      to an .ini file (default: config [report] template,\n"
	"                      else monthly-packet)\n"
	"  -o, --output DIR    output root; dyad folders go straight into DIR\n"
	"                      (default: config [report] output, relative to the config)\n"
	"  -d, --dyad ID       only this dyad; repeatable (default: every dyad)\n"
	"  -f, --formats LIST  any of pdf,png,svg,csv (default: config, else pdf,png,csv)\n"
	"  -j, --jobs N        up to N extracts read at once (threads), then dyads\n"
	"                      rendered in N processes, 1 to 64 (default: 1); the\n"
	"                      files are the same for any N\n"
	"      --check         read the config and every extract, print the data-quality\n"
	"                      summary and each extract's latest month on stdout,\n"
	"                      write nothing (exit 0, 2, 3 or 5)\n"
	"      --strict        fail (exit 3) on any row that cannot be used, not only\n"
	"                      over [report] max_bad_rows\n"
	"      --allow-incomplete\n"
	"                      publish a report month that no extract holds (else\n"
	"                      exit 5), with DRAFT on every page and chart (exit 0)\n"
	"      --wait SECONDS  when another run holds the output folder's lock, wait up to\n"
	"                      SECONDS for it, then exit 4 (default: 0)\n"
	"      --stale-after SECONDS\n"
	"                      take over a lock older than SECONDS, or whose process\n"
	"                      is gone (same host), with a warning (default: 21600, 6 h)\n"
	"  -q, --quiet         print errors only\n"
	"  -v, --verbose       also print rows read per extract and each stage's time\n"
	"  -h, --help          show this help and exit\n"
	"  -V, --version       show the version and the libraries' versions\n"
	"\n"
	"dyadreport spc judges one series (period,y[,n] CSV) with the same SPC engine\n"
	"and prints every point's centre, limits and signals: see dyadreport spc --help.\n"
	"dyadreport funnel compares groups' rates (group,y,n CSV) in a funnel plot and\n"
	"prints each group's exact limits, z-score and flag: see dyadreport funnel --help.\n"
	"\n"
	"Rows that cannot be used are skipped, counted by reason and reported as\n"
	"FILE:LINE: column NAME: reason (never the cell's value).\n"
	"\n"
	"Exit codes: 0 all files written; 1 internal error; 2 usage or config error;\n"
	"3 input error (extract missing or unreadable, required column missing,\n"
	"bad rows over [report] max_bad_rows); 4 output error (cannot write);\n"
	"5 report month not in the extracts: no extract has a row dated in it, each\n"
	"extract's latest month (or first, for a month before its data) is named,\n"
	"nothing is written (retry later, or choose a month the data covers).\n"
	"An extract that lacks the month while others hold it is a warning; the\n"
	"packet says which extracts have no data for the month.\n"
	"Files are written to a temporary name and renamed: none is ever half-written.\n"
	"With SOURCE_DATE_EPOCH set, the same inputs give byte-identical files.\n";

/* Prints usage to stdout (status 0) or stderr, and exits with status. */
static void usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

/* --version: ours and the libraries' (libdeflate's as built: the PDF
 * streams' bytes depend on it). */
static void version(void)
{
	printf("dyadreport %s\n", PACKAGE_VERSION);
	printf("cairo %s, libharu %s, libdeflate %s, inih, libcsv 3\n", cairo_version_string(),
	       HPDF_VERSION_TEXT, LIBDEFLATE_VERSION_STRING);
	exit(DR_OK);
}

/* A whole number of seconds, at least min, for option name; else exit 2. */
static long seconds(const char *name, const char *arg, long min)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > 366L * 24 * 3600) {
		dr_error("%s must be a whole number of seconds, at least %ld", name, min);
		usage(DR_EUSAGE);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "months", required_argument, NULL, 'm' },
		{ "template", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "dyad", required_argument, NULL, 'd' },
		{ "formats", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "check", no_argument, NULL, 'C' },
		{ "strict", no_argument, NULL, 'S' },
		{ "wait", required_argument, NULL, 'W' },
		{ "stale-after", required_argument, NULL, 'A' },
		{ "allow-incomplete", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 },
	};
	/* Settings are applied after the config is read, in command-line order. */
	struct { const char *key, *value; } set[64];
	size_t nset = 0;
	struct dr_run_options ro = { 0 };
	const char **dyads = calloc((size_t)argc, sizeof *dyads);
	int c;

	if (argc >= 2 && strcmp(argv[1], "spc") == 0) {
		free(dyads);
		return dr_spc_main(argc - 1, argv + 1);
	}
	if (argc >= 2 && strcmp(argv[1], "funnel") == 0) {
		free(dyads);
		return dr_funnel_main(argc - 1, argv + 1);
	}
	while ((c = getopt_long(argc, argv, "p:m:t:o:d:f:j:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': case 'm': case 'f':
			if (nset == DR_NELEM(set))
				usage(DR_EUSAGE);
			set[nset].key = c == 'p' ? "period" : c == 'm' ? "months" : "formats";
			set[nset++].value = optarg;
			break;
		case 'o': ro.output = optarg; break;
		case 't': ro.template_spec = optarg; break;
		case 'C': ro.check = true; break;
		case 'S': ro.strict = true; break;
		case 'I': ro.allow_incomplete = true; break;
		case 'W': ro.wait_seconds = seconds("--wait", optarg, 0); break;
		case 'A': ro.stale_after_seconds = seconds("--stale-after", optarg, 1); break;
		case 'd': dyads[ro.ndyads++] = optarg; break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 1 || n > 64) {
				dr_error("-j: jobs must be a whole number from 1 to 64");
				free(dyads);
				usage(DR_EUSAGE);
			}
			ro.jobs = (int)n;
			break;
		}
		case 'q': dr_diag_set_verbosity(DR_QUIET); break;
		case 'v': dr_diag_set_verbosity(DR_VERBOSE); break;
		case 'h': free(dyads); usage(DR_OK); break;
		case 'V': free(dyads); version(); break;
		default: free(dyads); usage(DR_EUSAGE);
		}
	}
	if (optind != argc - 1) {
		dr_error(optind == argc ? "no CONFIG.ini given" : "more than one CONFIG.ini given");
		free(dyads);
		usage(DR_EUSAGE);
	}
	ro.dyads = dyads;
	double read_timeout;
	if (dr_load_read_timeout(&read_timeout) != 0) {
		dr_error("DYADREPORT_READ_TIMEOUT must be a number of seconds above 0");
		free(dyads);
		return DR_EUSAGE;
	}

	struct dr_config cfg;
	int rc = dr_config_load(argv[optind], &cfg);
	for (size_t i = 0; rc == DR_OK && i < nset; i++)
		if (dr_config_set(&cfg, "report", set[i].key, set[i].value, "command line", 0) != 0)
			rc = DR_EUSAGE;
	if (rc == DR_OK)
		rc = dr_run(&cfg, &ro);
	dr_config_free(&cfg);
	free(dyads);
	return rc;
}
