/*
 * render-commentary.c -- renders the sample site's packets with a
 * commentary model built here (commentary.h), for tests/cli/commentary-pages.sh
 * to read with pdftotext: the comment beside its chart, the Actions page
 * month by month, and what a public template lets through.
 *
 * Usage: render-commentary CONFIG OUTDIR
 * Writes into OUTDIR, for the dyad primary-care (the model's rows are
 * listed in rows[] below, and a comment longer than a page on teamwork,
 * a metric no page of the packet draws as a chart):
 *   monthly-2026-08.pdf, -09, -10   the monthly packet of each month
 *   access-2026-10.pdf              the access report (landscape)
 *   town-hall.pdf                   the public slides, October
 *   th-STEM.svg, .png, .texts       each town-hall chart file: its SVG, its
 *                                   PNG and every string the PNG drew
 *   mp-STEM.texts                   the same for the monthly packet's charts
 *   none.pdf                        October without a commentary file
 *   oncology.pdf                    October for a dyad with no row
 * Exits 0, or 1 after printing what failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/font.h"
#include "dyadreport/load.h"
#include "dyadreport/metric.h"
#include "dyadreport/packet.h"
#include "dyadreport/quality.h"
#include "dyadreport/render.h"
#include "dyadreport/template.h"

/* The long comment: more than a chart shows; its last word only on the
 * Actions page. */
#define LONG_COMMENT                                                                              \
	"Burnout rose in the role survey and the dyad agreed it is not only workload: staff say "  \
	"the new rota takes away protected time, the on-call swaps are decided late, the rest "   \
	"rooms were closed for the move, and the feedback from the last wave was never shared "   \
	"back with the teams, so they do not believe the survey changes anything. We will bring " \
	"the rota back to the staff forum, publish the swaps a month ahead, reopen one rest room " \
	"and answer the last wave in writing before the next one opens. The forum meets on the "  \
	"first Tuesday; the administrator brings the rota options, the physician lead brings the " \
	"swap rules, and both report back at the next review with what the staff chose, what it " \
	"costs in cover, and which of the survey's free-text themes it answers, so that the next " \
	"wave can be read against a change the teams know about. TAILWORD"

static const struct dr_comment_row rows[] = {
	/* Raised in September with a past due date: OVERDUE in October. */
	{ .dyad = "primary-care", .metric = "no_show_rate", .month = 0, .action =
	  "Call every patient 48 h before the visit", .owner = "Dr. Priya Raman",
	  .status = DR_ACTION_OPEN, .audience = DR_AUDIENCE_INTERNAL, .line = 2 },
	/* Raised in August, closed by a done row in September. */
	{ .dyad = "primary-care", .metric = "initial_denial_rate", .month = -1, .action =
	  "Check prior-auth forms before sending", .owner = "Siobhan O'Connor",
	  .status = DR_ACTION_OPEN, .audience = DR_AUDIENCE_INTERNAL, .line = 3 },
	{ .dyad = "primary-care", .metric = "initial_denial_rate", .month = 0, .action =
	  "Check prior-auth forms before sending", .status = DR_ACTION_DONE,
	  .audience = DR_AUDIENCE_INTERNAL, .line = 4 },
	/* October's comments: internal with every character an escaper
	 * must mind, public, and long. */
	{ .dyad = "primary-care", .metric = "no_show_rate", .month = 1, .comment =
	  "=SUM(A1) <b>up</b> & \"why\" INTERNALNOTE", .audience = DR_AUDIENCE_INTERNAL, .line = 5 },
	{ .dyad = "primary-care", .metric = "handoff_completion_rate", .month = 1, .comment =
	  "=1+1 PUBLICNOTE <fine> & \"steady\"", .audience = DR_AUDIENCE_PUBLIC, .line = 6 },
	{ .dyad = "primary-care", .metric = "burnout_share", .month = 1, .comment = LONG_COMMENT,
	  .audience = DR_AUDIENCE_INTERNAL, .line = 7 },
	/* A public action, open, not overdue. */
	{ .dyad = "primary-care", .metric = "handoff_completion_rate", .month = 1, .action =
	  "Use the structured tool at every shift change", .owner = "Charge nurses",
	  .status = DR_ACTION_OPEN, .audience = DR_AUDIENCE_PUBLIC, .line = 8 },
};

static struct dr_fonts fonts;

struct loading {
	struct dr_metrics *m;
	struct dr_quality *q;
};

/* Every used row feeds the metrics and the data-quality counts, as a run's do. */
static void on_record(enum dr_extract e, const void *record, void *ctx)
{
	struct loading *l = ctx;
	dr_quality_row(l->q, e, record);
	dr_metrics_add(e, record, l->m);
}

static void on_file(enum dr_extract e, const struct dr_load_file *f, void *ctx)
{
	dr_quality_file(ctx, e, f);
}

/* Reads every configured extract into fresh metrics for report month last. */
static struct dr_metrics *load(const struct dr_config *cfg, const struct dr_template *tpl,
                               dr_month last, struct dr_quality *q)
{
	dr_month first = last - cfg->months + 1;
	dr_quality_init(q, first, last);
	struct dr_privacy priv = dr_template_privacy(tpl, cfg);
	struct dr_metrics *m = dr_metrics_new(cfg, first, last, &priv);
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		if (!cfg->input[e])
			continue;
		struct dr_load_options o = dr_config_load_options(cfg, e);
		o.wanted = dr_metrics_wants;
		o.wanted_ctx = m;
		o.file_done = on_file;
		o.file_ctx = q;
		struct loading l = { m, q };
		if (dr_load_extract((enum dr_extract)e, &o, &q->load[e], on_record, &l) != 0)
			return m;
		dr_metrics_mark_loaded(m, (enum dr_extract)e);
		q->loaded[e] = true;
	}
	dr_metrics_finish(m);
	return m;
}

static int write_file(const char *dir, const char *name, const unsigned char *buf, size_t len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len) {
		fprintf(stderr, "render-commentary: cannot write %s\n", path);
		if (f)
			fclose(f);
		return 1;
	}
	return fclose(f) != 0;
}

static int packet(const struct dr_packet_input *in, const char *dir, const char *name)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	int rc = dr_packet_pdf(in, &buf, &len, NULL);
	if (rc == 0)
		rc = write_file(dir, name, buf, len);
	else
		fprintf(stderr, "render-commentary: %s failed\n", name);
	free(buf);
	return rc;
}

struct chart_files {
	const char *dir, *prefix;
	bool svg;
};

/* Each chart file: its SVG (when asked) and the strings its PNG drew. */
static int chart_file(const char *stem, const struct dr_chart *c, void *ctx)
{
	const struct chart_files *cf = ctx;
	char name[512];
	unsigned char *buf = NULL;
	size_t len = 0;
	char *texts = NULL;
	size_t tlen = 0;
	FILE *t = open_memstream(&texts, &tlen);
	int rc = dr_render_png_logged(c, &fonts, 800, 450, &buf, &len, t);
	fclose(t);
	snprintf(name, sizeof name, "%s-%s.png", cf->prefix, stem);
	if (rc == 0 && cf->svg)
		rc = write_file(cf->dir, name, buf, len);
	free(buf);
	snprintf(name, sizeof name, "%s-%s.texts", cf->prefix, stem);
	if (rc == 0)
		rc = write_file(cf->dir, name, (const unsigned char *)texts, tlen);
	free(texts);
	if (rc == 0 && cf->svg) {
		rc = dr_render_svg(c, &fonts, 800, 450, &buf, &len);
		snprintf(name, sizeof name, "%s-%s.svg", cf->prefix, stem);
		if (rc == 0)
			rc = write_file(cf->dir, name, buf, len);
		free(buf);
	}
	if (rc)
		fprintf(stderr, "render-commentary: chart %s failed\n", stem);
	return rc;
}

/* The template NAME from DYADREPORT_TEMPLATES (else templates/). */
static int template(const char *name, struct dr_template *t)
{
	const char *dir = getenv("DYADREPORT_TEMPLATES");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.ini", dir ? dir : "templates", name);
	return dr_template_load(path, t);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: render-commentary CONFIG OUTDIR\n");
		return 2;
	}
	const char *dir = argv[2];
	struct dr_config cfg;
	struct dr_template monthly, hall, access;
	if (dr_config_load(argv[1], &cfg) != 0)
		return 1;
	if (template("monthly-packet", &monthly) || template("town-hall", &hall) ||
	    template("access", &access) || dr_fonts_open(&fonts, NULL, NULL) != 0)
		return 1;
	long d = dr_config_dyad_index(&cfg, "primary-care");
	if (d < 0)
		return 1;

	/* The model: months relative to September 2026. */
	dr_month sep = dr_month_make(2026, 9);
	struct dr_commentary *model = dr_commentary_new(&cfg, "commentary.csv");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct dr_comment_row r = rows[i];
		r.month = sep + rows[i].month;
		r.due = DR_NO_DATE;
		if (i == 0)
			r.due = dr_date_from_ymd(2026, 9, 20);
		else if (i == 1)
			r.due = dr_date_from_ymd(2026, 12, 1);
		else if (i == 6)
			r.due = dr_date_from_ymd(2026, 11, 30);
		dr_commentary_add(DR_COMMENTARY, &r, model);
	}
	/* A comment longer than a page: the Actions page goes on over the
	 * next, and nothing is lost. */
	static char huge[16384];
	size_t len = 0;
	for (int i = 0; i < 150; i++)
		len += (size_t)snprintf(huge + len, sizeof huge - len, "Sentence %d of a very long "
		                        "comment on teamwork, typed in one cell. ", i + 1);
	snprintf(huge + len, sizeof huge - len, "HUGEEND");
	struct dr_comment_row big = { .dyad = "primary-care", .metric = "teamwork_agree_share",
	                              .month = sep + 1, .comment = huge, .due = DR_NO_DATE,
	                              .audience = DR_AUDIENCE_INTERNAL, .line = 9 };
	dr_commentary_add(DR_COMMENTARY, &big, model);
	dr_commentary_finish(model);

	int rc = 0;
	for (int k = -1; k <= 1 && rc == 0; k++) {
		struct dr_quality q;
		dr_month at = sep + k;
		struct dr_metrics *m = load(&cfg, &monthly, at, &q);
		struct dr_packet_input in = {
			.cfg = &cfg, .dyad = (size_t)d, .metrics = m, .report_month = at,
			.first_month = at - cfg.months + 1, .generated = "2026-11-14", .quality = &q,
			.fonts = &fonts, .tpl = &monthly, .privacy = dr_template_privacy(&monthly, &cfg),
			.commentary = model,
		};
		char name[64];
		snprintf(name, sizeof name, "monthly-%d-%02d.pdf", dr_month_year(at), dr_month_mon(at));
		rc = packet(&in, dir, name);
		if (k == 1 && rc == 0) {
			struct chart_files cf = { dir, "mp", false };
			rc = dr_packet_each_chart(&in, chart_file, &cf);
			in.tpl = &access;
			if (rc == 0)
				rc = packet(&in, dir, "access-2026-10.pdf");
			in.tpl = &monthly;
			in.commentary = NULL;
			if (rc == 0)
				rc = packet(&in, dir, "none.pdf");
			in.commentary = model;
			in.dyad = (size_t)dr_config_dyad_index(&cfg, "oncology");
			if (rc == 0)
				rc = packet(&in, dir, "oncology.pdf");
		}
		dr_metrics_free(m);
		dr_quality_free(&q);
	}
	if (rc == 0) {              /* the public slides: their own privacy */
		struct dr_quality q;
		dr_month at = sep + 1;
		struct dr_metrics *m = load(&cfg, &hall, at, &q);
		struct dr_packet_input in = {
			.cfg = &cfg, .dyad = (size_t)d, .metrics = m, .report_month = at,
			.first_month = at - cfg.months + 1, .generated = "2026-11-14", .quality = &q,
			.fonts = &fonts, .tpl = &hall, .privacy = dr_template_privacy(&hall, &cfg),
			.commentary = model,
		};
		rc = packet(&in, dir, "town-hall.pdf");
		struct chart_files cf = { dir, "th", true };
		if (rc == 0)
			rc = dr_packet_each_chart(&in, chart_file, &cf);
		dr_metrics_free(m);
		dr_quality_free(&q);
	}
	dr_commentary_free(model);
	dr_fonts_close(&fonts);
	dr_template_free(&monthly);
	dr_template_free(&hall);
	dr_template_free(&access);
	dr_config_free(&cfg);
	return rc ? 1 : 0;
}
