/*
 * run.c -- the pipeline: config -> load -> metrics + SPC -> charts, packet
 * and CSV per dyad, the month published all at once.
 *
 * Extracts are read once for all dyads (the loader streams; metrics keep
 * only per-dyad, per-month accumulators). The commentary ([input]
 * commentary), when configured, is read beside them into its model
 * (commentary.h), handed to every packet: its rows count against the
 * bad-row limit like an extract's, but it holds no month of data, so it
 * takes no part in the freshness check, the low-month or the empty-dyad
 * warnings. The bad-row limit is applied per
 * extract after it is read, before anything is written. Outputs go to
 * OUT/<dyad-id>/packet.pdf, OUT/<dyad-id>/charts/<metric>.png|svg and
 * OUT/<dyad-id>/metrics.csv.
 *
 * The output root is locked (write-lock.c) from before its first file is
 * written until the run ends, on every path out. Under the lock, what runs
 * cut short left is tidied, every dyad is rendered into a staging area
 * inside the root, and only when all rendered are the dyad folders,
 * data-quality.csv and index.html swapped in (write-stage.c): a failed run
 * publishes nothing.
 *
 * Before the output root is made or locked, the freshness check: a report
 * month that no extract holds a row of stops the run with DR_ENOMONTH
 * (unless --allow-incomplete: a DRAFT), one that some extracts lack is a
 * warning naming them.
 *
 * Returns DR_OK, DR_EINPUT (an extract unusable or too dirty), DR_ENOMONTH
 * (the report month in no extract), DR_EOUTPUT
 * (a file could not be written) or DR_EINTERNAL. Prints a one-line summary
 * unless quiet.
 */
#include <errno.h>
#include <math.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyadreport/commentary.h"
#include "dyadreport/diag.h"
#include "dyadreport/font.h"
#include "dyadreport/metric.h"
#include "dyadreport/overview.h"
#include "dyadreport/packet.h"
#include "dyadreport/quality.h"
#include "dyadreport/render.h"
#include "dyadreport/run.h"
#include "dyadreport/template.h"
#include "dyadreport/write.h"
#include "run-int.h"


/* Now, or SOURCE_DATE_EPOCH when set (reproducible builds convention). */
static time_t now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!*end && !errno && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

int dr_run_report_month(const char *period, dr_month *out)
{
	if (strcmp(period, "last-month") == 0) {
		time_t t = now();
		struct tm tm;
		gmtime_r(&t, &tm);
		*out = dr_month_make(tm.tm_year + 1900, tm.tm_mon + 1) - 1;
		return 0;
	}
	return dr_month_parse(period, out);
}

/* The output root: -o as given, else the config's pattern expanded for the
 * report month and resolved against the config's folder. */
static char *output_root(const struct dr_config *cfg, const struct dr_run_options *o, dr_month mo)
{
	if (o->output)
		return dr_xstrdup(o->output);
	struct tm tm = { .tm_year = dr_month_year(mo) - 1900, .tm_mon = dr_month_mon(mo) - 1, .tm_mday = 1 };
	char buf[4096];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The pattern is the site's own [report] output setting. */
	size_t n = strftime(buf, sizeof buf, cfg->output, &tm);
#pragma GCC diagnostic pop
	if (n == 0)
		snprintf(buf, sizeof buf, "%s", cfg->output);
	return dr_config_resolve(cfg, buf);
}

struct loading {
	struct dr_metrics *metrics;
	struct dr_quality *quality;
};

/* The loader's row callback: every used row feeds metrics and quality. */
static void on_record(enum dr_extract e, const void *record, void *ctx)
{
	struct loading *l = ctx;
	dr_quality_row(l->quality, e, record);
	dr_metrics_add(e, record, l->metrics);
}

/* The loader's file callback: each file read goes on the data-quality list. */
static void on_file(enum dr_extract e, const struct dr_load_file *f, void *ctx)
{
	dr_quality_file(ctx, e, f);
}

/* What to check when most rows of an extract fail for one reason. */
static const char *hint(const struct dr_load_stats *st)
{
	int top = 0;
	for (int r = 1; r < DR_NSKIP; r++)
		if (st->skipped[r] > st->skipped[top])
			top = r;
	if (2 * st->skipped[top] < st->rows_read)
		return "";
	switch (top) {
	case DR_SKIP_BAD_DATE: return "; most dates do not match date_format: check it in [input] or the extract's own section";
	case DR_SKIP_BAD_UTF8: return "; most text is not UTF-8: export the extract as CSV UTF-8";
	case DR_SKIP_FIELD_COUNT: return "; most rows have another number of fields than the header: check the delimiter";
	case DR_SKIP_UNKNOWN_CODE: return "; most codes are unknown: map the site's codes with map.COLUMN.Code = OUR_CODE";
	case DR_SKIP_MISSING: return "; most rows lack a required value: check col. mappings";
	default: return "";
	}
}

/* The loader's progress callback: rows so far and a bar of bytes read. */
struct load_progress {
	const char *name;
	const struct dr_load_stats *st;
};

static void on_progress(long long done, long long total, void *ctx)
{
	const struct load_progress *lp = ctx;
	dr_run_progress_load(lp->name, lp->st->rows_read, done, total);
}

/* Whether nothing is at path: no such file, or a folder on its way is
 * missing (a pattern with wildcards is not a path: the loader lists it). */
static bool absent(const char *path)
{
	struct stat sb;
	return !strpbrk(path, "*?[") && stat(path, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

/* Reads every configured extract into m and q, and the commentary (when
 * configured) into comm, up to `threads` side by side (run-load.c), then
 * reports each in config order and applies the bad-row limit (any bad row
 * when strict). Every extract is read even after one fails, so a single
 * run reports every input problem; each configured extract with no file at
 * its path is named with that absolute path. */
static int load_all(const struct dr_config *cfg, struct dr_metrics *m, struct dr_quality *q,
                    struct dr_commentary *comm, bool strict, int threads)
{
	struct loading l = { m, q };
	struct dr_run_load_task task[DR_NSOURCES];
	struct load_progress lp[DR_NSOURCES];
	size_t n = 0;
	int worst = DR_OK;
	for (int e = 0; e < DR_NSOURCES; e++) {
		if (!cfg->input[e])
			continue;
		if (absent(cfg->input[e])) {
			dr_error("%s: configured but missing: no file %s ([input] %s)", cfg->input_raw[e],
			         cfg->input[e], dr_extract_name(e));
			q->absent[e] = true;
			worst = DR_EINPUT;
			continue;
		}
		struct dr_run_load_task *t = &task[n];
		lp[n] = (struct load_progress){ dr_extract_name(e), &q->load[e] };
		*t = (struct dr_run_load_task){
			.extract = e, .options = dr_config_load_options(cfg, e),
			.stats = &q->load[e], .fn = on_record, .ctx = &l,
		};
		t->options.progress = on_progress;
		t->options.progress_ctx = &lp[n];
		if (e == DR_COMMENTARY) {
			t->fn = dr_commentary_add;
			t->ctx = comm;
		} else {
			t->options.wanted = dr_metrics_wants;
			t->options.wanted_ctx = m;
		}
		t->options.file_done = on_file;
		t->options.file_ctx = q;
		n++;
	}
	/* With cores to spare, the largest extract is cut into chunks parsed
	 * and checked on up to `threads` threads (load-chunk.c), or when it
	 * cannot be cut (gzip, a pattern) parsed on one thread while a second
	 * checks the rows (load-pipe.c): it is most of the bytes. */
	if (threads > 1 && n > 0) {
		size_t big = 0;
		off_t most = -1;
		for (size_t i = 0; i < n; i++) {
			struct stat sb;
			if (stat(task[i].options.path, &sb) == 0 && sb.st_size > most) {
				most = sb.st_size;
				big = i;
			}
		}
		task[big].options.pipelined = true;
		task[big].options.chunk_threads = threads;
	}
	dr_run_load_tasks(task, n, threads);

	for (size_t i = 0; i < n; i++) {
		enum dr_extract e = task[i].extract;
		struct dr_load_stats *st = &q->load[e];
		int rc = task[i].rc;
		dr_info("%s: loaded in %.2f s", cfg->input_raw[e], task[i].secs);
		if (rc == DR_EUSAGE)
			return rc;
		if (rc != DR_OK) {
			q->absent[e] = st->no_match;    /* configured, but no file is there */
			worst = rc;
			continue;
		}
		if (e < DR_NEXTRACTS)
			dr_metrics_mark_loaded(m, e);
		q->loaded[e] = true;
		long skipped = dr_load_skipped(st);
		dr_info("%s: %ld rows read, %ld used, %ld ignored, %ld skipped", cfg->input_raw[e],
		        st->rows_read, st->rows_used, st->rows_ignored, skipped);
		if (strict && skipped > 0) {
			dr_error("%s: %ld of %ld rows could not be used (--strict allows none)",
			         cfg->input_raw[e], skipped, st->rows_read);
			worst = DR_EINPUT;
		} else if ((double)skipped > cfg->max_bad_rows * (double)st->rows_read) {
			dr_error("%s: %ld of %ld rows could not be used, over the limit of %g%% "
			         "([report] max_bad_rows)%s", cfg->input_raw[e], skipped,
			         st->rows_read, cfg->max_bad_rows * 100, hint(st));
			worst = DR_EINPUT;
		}
	}
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		q->unowned[e] = dr_metrics_unowned(m, e);
		dr_metrics_take_left_out(m, e, &q->left[e]);
	}
	if (comm) {
		dr_commentary_finish(comm);
		q->commentary_unknown = dr_commentary_unknown(comm);
	}
	return worst;
}

/* Why extract e lacks the report month rm, into out: its first month when
 * rm is before its data, the months around rm when rm falls in a gap, else
 * its latest month. */
static void missing_words(const struct dr_config *cfg, const struct dr_quality *q,
                          enum dr_extract e, const char *rm, char *out, size_t size)
{
	const struct dr_load_stats *st = &q->load[e];
	char first[16], latest[16];
	dr_month_format(st->earliest, first, sizeof first);
	dr_quality_latest_words(q, e, latest, sizeof latest);
	switch (dr_quality_place(q, e, q->last)) {
	case DR_MONTH_BEFORE:
		snprintf(out, size, "%s: first month %s, report month %s is before its data",
		         cfg->input_raw[e], first, rm);
		break;
	case DR_MONTH_GAP:
		snprintf(out, size, "%s: months %s to %s, but no rows dated in the report month %s",
		         cfg->input_raw[e], first, latest, rm);
		break;
	default:
		snprintf(out, size, "%s: latest month %s, report month %s not in the extracts",
		         cfg->input_raw[e], latest, rm);
		break;
	}
}

/*
 * The freshness check (run.h): DR_ENOMONTH after naming every extract's
 * months when none has a row dated in the report month (a warning and
 * *draft when allow is set), else a warning per extract that lacks the
 * month. Each extract is named by what is true of it: its first month when
 * the report month is before its data, the months around the report month
 * when it falls in a gap, else its latest month. Always printed: errors
 * ignore -q.
 */
static int freshness(const struct dr_config *cfg, const struct dr_quality *q, bool allow, bool *draft)
{
	char rm[16], latest[16], why[512];
	dr_month_format(q->last, rm, sizeof rm);
	bool any = false, all_before = true, all_after = true;
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		if (!q->loaded[e])
			continue;
		enum dr_quality_place at = dr_quality_place(q, e, q->last);
		any |= at == DR_MONTH_HELD;
		all_before &= at == DR_MONTH_BEFORE;
		all_after &= at == DR_MONTH_AFTER;
	}
	*draft = !any && allow;
	for (int e = 0; e < DR_NEXTRACTS; e++) {
		if (!q->loaded[e] || (any && !dr_quality_missing(q, e, q->last)))
			continue;
		dr_quality_latest_words(q, e, latest, sizeof latest);
		missing_words(cfg, q, e, rm, why, sizeof why);
		if (any && dr_quality_place(q, e, q->last) == DR_MONTH_AFTER)
			dr_warn("%s: latest month %s, no rows dated in the report month %s: its "
			        "figures for the month show no value, not 0", cfg->input_raw[e], latest, rm);
		else if (any)
			dr_warn("%s: its figures for the month show no value, not 0", why);
		else if (allow)
			dr_warn("%s", why);
		else
			dr_error("%s", why);
	}
	if (any)
		return DR_OK;
	const char *where = all_before ? "before the data of every extract" : "in none of the extracts";
	if (allow) {
		dr_warn("report month %s is %s: published as a DRAFT (--allow-incomplete)", rm, where);
		return DR_OK;
	}
	dr_error("report month %s is %s: nothing written (exit 5); %s", rm, where,
	         all_before ? "choose a month the extracts cover (-p or [report] period)"
	         : all_after ? "rerun once its extracts arrive, or publish a draft with "
	                       "--allow-incomplete"
	         : "see each extract's months above, or publish a draft with --allow-incomplete");
	return DR_ENOMONTH;
}

/* A warning per month that looks like an incomplete extract. */
static void warn_low_months(const struct dr_config *cfg, const struct dr_quality *q)
{
	for (int e = 0; e < DR_NEXTRACTS; e++)
		for (dr_month mo = q->first; mo <= q->last; mo++) {
			char note[160];
			if (dr_quality_low_note(q, e, mo, note, sizeof note))
				dr_warn("%s: %s", cfg->input_raw[e], note);
		}
}

/* A warning per cause of rows left out of a measure (leftout.h), per
 * extract in config order: after loading, so the same for any -j; only
 * for a run that goes on to write (or --check), like the low months. */
static void warn_left_out(const struct dr_config *cfg, const struct dr_quality *q)
{
	for (int e = 0; e < DR_NEXTRACTS; e++)
		if (q->loaded[e])
			dr_left_out_warn(&q->left[e], e, cfg->input_raw[e]);
}

/* data-quality.csv in dir (the staging area); a UTF-8 BOM first when bom. */
static int write_quality_csv(const char *dir, const struct dr_quality *q, bool bom)
{
	struct dr_wfile w;
	char *path = dr_xasprintf("%s/data-quality.csv", dir);
	int rc = dr_write_open(&w, path);
	free(path);
	if (rc != 0)
		return -1;
	dr_csv_begin(w.fp, bom);
	dr_quality_write_csv(q, w.fp);
	return dr_write_commit(&w);
}

/* What write_chart needs for each chart of the packet. */
struct charts_out {
	const char *dir;
	const struct dr_config *cfg;
	struct dr_fonts *fonts;
	bool draft;                 /* mark every chart DRAFT */
	int *files;
	int rc;
	size_t part, nparts;        /* write charts k with k % nparts == part */
	size_t k;                   /* charts seen so far */
};

/* charts/<stem>.png and .svg for one chart of the packet (packet.h). */
static int write_chart(const char *stem, const struct dr_chart *c, void *ctx)
{
	struct charts_out *o = ctx;
	if (o->k++ % o->nparts != o->part)
		return 0;
	for (int svg = 0; svg < 2; svg++) {
		if (!(o->cfg->formats & (svg ? DR_FORMAT_SVG : DR_FORMAT_PNG)))
			continue;
		unsigned char *buf = NULL;
		size_t len = 0;
		struct dr_chart marked = *c;
		marked.draft = o->draft;
		c = &marked;
		int rc = svg ? dr_render_svg(c, o->fonts, o->cfg->png_width, o->cfg->png_height, &buf, &len)
		             : dr_render_png(c, o->fonts, o->cfg->png_width, o->cfg->png_height, &buf, &len);
		if (rc != 0) {
			dr_error("%s: cannot render chart", stem);
			return o->rc = DR_EINTERNAL;
		}
		char *path = dr_xasprintf("%s/%s.%s", o->dir, stem, svg ? "svg" : "png");
		rc = dr_write_buffer(path, buf, len);
		free(path);
		free(buf);
		if (rc != 0)
			return o->rc = DR_EOUTPUT;
		(*o->files)++;
	}
	return 0;
}

/* The folder of one dyad's files: ROOT/<dyad> for monthly-packet, the
 * default template, else ROOT/<dyad>/<template name>, so two templates'
 * packets, charts and metrics never overwrite each other. ROOT is the
 * run's staging area. */
static char *dyad_dir(const char *root, const struct dr_dyad *dy, const struct dr_template *tpl)
{
	if (strcmp(tpl->name, "monthly-packet") == 0)
		return dr_xasprintf("%s/%s", root, dy->id);
	return dr_xasprintf("%s/%s/%s", root, dy->id, tpl->name);
}

/* One part of a dyad's files: part 0 its metrics CSV and PDF packet, part
 * 1 + p its charts k with k % nchart_parts == p (charts are most of the
 * render time, so -j N splits them to keep N cores busy). */
static int render_dyad(const struct dr_config *cfg, const char *root, struct dr_packet_input *in,
                       size_t part, size_t nchart_parts, int *files, int *pages)
{
	const struct dr_dyad *dy = &cfg->dyads[in->dyad];
	char *dir = dyad_dir(root, dy, in->tpl);
	char *charts = dr_xasprintf("%s/charts", dir);
	int rc = DR_OK;
	if (dr_write_mkdirs(dir) != 0 ||
	    ((cfg->formats & (DR_FORMAT_PNG | DR_FORMAT_SVG)) && dr_write_mkdirs(charts) != 0)) {
		rc = DR_EOUTPUT;
		goto out;
	}
	if (part > 0) {
		if (cfg->formats & (DR_FORMAT_PNG | DR_FORMAT_SVG)) {
			struct charts_out co = { charts, cfg, in->fonts, in->draft, files, DR_OK, part - 1,
			                         nchart_parts, 0 };
			dr_packet_each_chart(in, write_chart, &co);
			rc = co.rc;
		}
		goto out;
	}
	if (cfg->formats & DR_FORMAT_CSV) {
		char *path = dr_xasprintf("%s/metrics.csv", dir);
		int w = dr_write_metrics_csv(path, in);
		free(path);
		if (w != 0) {
			rc = DR_EOUTPUT;
			goto out;
		}
		(*files)++;
	}
	if (cfg->formats & DR_FORMAT_PDF) {
		unsigned char *buf = NULL;
		size_t len = 0;
		int npages = 0;
		rc = dr_packet_pdf(in, &buf, &len, &npages);
		if (rc == DR_OK) {
			char *path = dr_xasprintf("%s/packet.pdf", dir);
			if (dr_write_buffer(path, buf, len) != 0) {
				rc = DR_EOUTPUT;
			} else {
				(*files)++;
				*pages += npages;
			}
			free(path);
		}
		free(buf);
	}
out:
	free(charts);
	free(dir);
	return rc;
}

/* Whether dyad id was picked with -d (every dyad when none was). */
static bool selected(const struct dr_run_options *o, const char *id)
{
	if (!o->ndyads)
		return true;
	for (size_t i = 0; i < o->ndyads; i++)
		if (strcmp(o->dyads[i], id) == 0)
			return true;
	return false;
}

/* What every dyad's job needs (run-jobs.c), and the totals the parent
 * keeps from the jobs' results. fonts are opened by the first job of each
 * process, so worker processes never share FreeType state. */
struct rendering {
	struct dr_packet_input in;      /* all but .dyad */
	const char *root;
	struct dr_fonts fonts;
	bool fonts_open;
	size_t nparts;                  /* items per dyad: 1 + its chart parts */
	size_t done, total;             /* dyads */
	int dyads, files, pages;
	struct dyad_tally {             /* per dyad, as its parts come in */
		size_t parts;
		int files, pages;
		double secs;
	} *tally;
};

/* Item i is part i % nparts of dyad i / nparts. */
static int render_job(size_t item, struct dr_run_job_result *res, void *ctx)
{
	struct rendering *r = ctx;
	if (!r->fonts_open) {
		if (dr_fonts_open(&r->fonts, NULL, NULL) != 0)
			return DR_EINTERNAL;
		r->fonts_open = true;
	}
	struct dr_packet_input in = r->in;
	in.dyad = item / r->nparts;
	in.fonts = &r->fonts;
	int files = 0, pages = 0;
	int rc = render_dyad(in.cfg, r->root, &in, item % r->nparts, r->nparts - 1, &files, &pages);
	res->files = files;
	res->pages = pages;
	return rc;
}

/* A part finished (in the parent): totals; once a dyad's parts are all in,
 * its -v line (time summed over its parts) and the progress line. */
static void render_done(const struct dr_run_job_result *res, void *ctx)
{
	struct rendering *r = ctx;
	size_t d = (size_t)res->item / r->nparts;
	struct dyad_tally *t = &r->tally[d];
	r->files += res->files;
	r->pages += res->pages;
	t->files += res->files;
	t->pages += res->pages;
	t->secs += res->secs;
	if (++t->parts < r->nparts)
		return;
	r->dyads++;
	dr_info("dyad %s: %d files, %d pages in %.2f s", r->in.cfg->dyads[d].id, t->files, t->pages,
	        t->secs);
	dr_run_progress_dyads(++r->done, r->total);
}

/* A dyad's id, for the pool's messages. */
static const char *render_name(size_t item, void *ctx)
{
	const struct rendering *r = ctx;
	return r->in.cfg->dyads[item / r->nparts].id;
}

/* Finds and reads the template of -t, else of [report] template. */
static int load_template(const struct dr_config *cfg, const struct dr_run_options *o,
                         struct dr_template *tpl)
{
	bool cmdline = o->template_spec != NULL;
	char *path = dr_template_find(cmdline ? o->template_spec : cfg->template_name, cmdline, cfg);
	if (!path)
		return DR_EUSAGE;
	int rc = dr_template_load(path, tpl);
	free(path);
	return rc;
}

/* A warning per dyad that no row of any extract belongs to; none when the
 * trend window holds no row at all (a draft of a month before the data:
 * the freshness check said so, the department codes are not to blame). */
static void warn_empty_dyads(const struct dr_config *cfg, const struct dr_metrics *m,
                             const struct dr_quality *q)
{
	long window = 0;
	for (int e = 0; e < DR_NEXTRACTS; e++)
		for (dr_month mo = q->first; mo <= q->last; mo++)
			window += dr_quality_month_rows(q, e, mo);
	for (size_t d = 0; d < cfg->ndyads && window > 0; d++) {
		long rows = 0;
		for (int e = 0; e < DR_NEXTRACTS; e++)
			rows += cfg->input[e] ? dr_metrics_dyad_rows(m, d, e) : 0;
		if (rows == 0)
			dr_warn("%s:%ld: dyad %s: no row of any extract in the trend window belongs to its "
			        "departments (check the department codes)", cfg->path, cfg->dyads[d].line,
			        cfg->dyads[d].id);
	}
}

/* overview.pdf and overview.csv (overview.h) into the staging area when
 * the run rendered two or more dyads and [report] overview is on: the PDF
 * when the run writes PDFs, the CSV when it writes CSVs. *wrote gets the
 * names written, in the order they are to be swapped in. */
static int write_overview(const struct dr_config *cfg, const char *staged,
                          const struct dr_overview_input *in, const char **wrote, size_t *nwrote,
                          int *files, int *pages)
{
	struct timespec t0, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	struct dr_overview ov;
	if (!cfg->overview || !(cfg->formats & (DR_FORMAT_PDF | DR_FORMAT_CSV)) ||
	    !dr_overview_build(in, &ov))
		return DR_OK;
	int rc = DR_OK;
	if (cfg->formats & DR_FORMAT_CSV) {
		char *path = dr_xasprintf("%s/overview.csv", staged);
		rc = dr_overview_csv(path, in, &ov) == 0 ? DR_OK : DR_EOUTPUT;
		free(path);
		if (rc == DR_OK) {
			wrote[(*nwrote)++] = "overview.csv";
			(*files)++;
		}
	}
	if (rc == DR_OK && (cfg->formats & DR_FORMAT_PDF)) {
		unsigned char *buf = NULL;
		size_t len = 0;
		int npages = 0;
		rc = dr_overview_pdf(in, &ov, &buf, &len, &npages);
		if (rc == DR_OK) {
			char *path = dr_xasprintf("%s/overview.pdf", staged);
			rc = dr_write_buffer(path, buf, len) == 0 ? DR_OK : DR_EOUTPUT;
			free(path);
		}
		free(buf);
		if (rc == DR_OK) {
			wrote[(*nwrote)++] = "overview.pdf";
			(*files)++;
			*pages += npages;
		}
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	dr_info("overview of %zu dyads: %.2f s (%.2f s of CPU)", ov.ndyads, dr_run_progress_since(&t0),
	        (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9);
	dr_overview_free(&ov);
	return rc;
}

/* After the commit: an overview this run did not write (one dyad, or
 * [report] overview = no) is removed, so the root never holds one that
 * describes another run's figures. */
static void remove_stale_overview(const char *root, const char *const *wrote, size_t nwrote)
{
	static const char *const names[] = { "overview.pdf", "overview.csv" };
	for (size_t i = 0; i < 2; i++) {
		bool kept = false;
		for (size_t k = 0; k < nwrote; k++)
			kept |= strcmp(wrote[k], names[i]) == 0;
		char *path = dr_xasprintf("%s/%s", root, names[i]);
		struct stat sb;
		if (!kept && lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(path) != 0)
			dr_warn("%s: cannot remove the previous overview: %s", path, strerror(errno));
		free(path);
	}
}

/* data-quality.csv, then index.html (last, so it lists every file as it
 * will be once the staged folders are in; a draft's title says DRAFT),
 * both into the staging area. */
static int write_root_files(const struct dr_config *cfg, const char *root, const char *staged,
                            const struct dr_quality *q, dr_month last, bool draft,
                            const struct dr_index_loop *loop, int *files)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (write_quality_csv(staged, q, cfg->csv_bom) != 0)
		return DR_EOUTPUT;
	(*files)++;
	char period[96];
	snprintf(period, sizeof period, "%s %d%s", dr_month_name(last), dr_month_year(last),
	         draft ? " \xE2\x80\x94 DRAFT, no extract holds the month" : "");
	/* The generation date is printed on the cover only (reproducible
	 * bytes everywhere else, with or without SOURCE_DATE_EPOCH). */
	if (dr_write_index_staged(root, staged, cfg, q, period, NULL, loop) != 0)
		return DR_EOUTPUT;
	(*files)++;
	dr_info("index and data quality: %.2f s", dr_run_progress_since(&t0));
	return DR_OK;
}

/* The one-line summary at the end of a run; the output root as an
 * absolute path with no symbolic link or "..", so a relative output
 * setting that leads out of the config's folder says where files went. */
static void summary(const struct dr_quality *q, int dyads, int pages, int files, const char *root,
                    double secs)
{
	char *real = realpath(root, NULL);
	if (real)
		root = real;
	long skipped = 0;
	for (int e = 0; e < DR_NSOURCES; e++)
		skipped += dr_load_skipped(&q->load[e]);
	fprintf(stderr, "dyadreport: %d dyad%s, %d page%s, %d files in %s, %.1f s, %ld row%s skipped\n",
	        dyads, dyads == 1 ? "" : "s", pages, pages == 1 ? "" : "s", files, root, secs,
	        skipped, skipped == 1 ? "" : "s");
	free(real);
}

int dr_run(const struct dr_config *cfg, const struct dr_run_options *o)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < o->ndyads; i++)
		if (dr_config_dyad_index(cfg, o->dyads[i]) < 0) {
			dr_error("no dyad with id %s in %s", o->dyads[i], cfg->path);
			return DR_EUSAGE;
		}
	dr_month last;
	if (dr_run_report_month(cfg->period, &last) != 0) {
		dr_error("period must be YYYY-MM or last-month");
		return DR_EUSAGE;
	}
	dr_month first = last - cfg->months + 1;

	/* A bad template exits 2 before any extract is read. */
	struct dr_template tpl;
	int trc = load_template(cfg, o, &tpl);
	if (trc != DR_OK)
		return trc;

	struct dr_quality q;
	dr_quality_init(&q, first, last);
	struct dr_privacy priv = dr_template_privacy(&tpl, cfg);
	struct dr_metrics *m = dr_metrics_new(cfg, first, last, &priv);
	struct dr_commentary *comm = cfg->input[DR_COMMENTARY]
	                             ? dr_commentary_new(cfg, cfg->input_raw[DR_COMMENTARY]) : NULL;
	struct rendering r = { 0 };
	size_t *items = NULL;
	struct timespec tm0;
	struct dr_lock lock = { 0 };
	struct dr_stage stage = { 0 };
	char *root = NULL;
	int files = 0, dyads = 0;
	dr_run_progress_start();
	struct timespec ti0;
	clock_gettime(CLOCK_MONOTONIC, &ti0);
	int rc = load_all(cfg, m, &q, comm, o->strict, o->jobs);
	dr_info("ingest: %.2f s", dr_run_progress_since(&ti0));
	bool draft = false;
	if (o->check) {
		if (rc != DR_EUSAGE) {
			warn_left_out(cfg, &q);
			dr_quality_print(&q, (const char *const *)cfg->input_raw, stdout);
			if (rc == DR_OK)
				rc = freshness(cfg, &q, o->allow_incomplete, &draft);
			printf("%s\n", rc == DR_OK ? "check passed: the config and every extract can be used"
			                : rc == DR_ENOMONTH ? "check failed: the report month is in none of the extracts"
			                                    : "check failed: see the messages above");
		}
		goto out;
	}
	if (rc != DR_OK || (rc = freshness(cfg, &q, o->allow_incomplete, &draft)) != DR_OK)
		goto out;
	warn_left_out(cfg, &q);
	warn_low_months(cfg, &q);
	clock_gettime(CLOCK_MONOTONIC, &tm0);
	dr_metrics_finish(m);
	/* The id sets of the load are freed; give their pages back before the
	 * render workers fork, so a worker's peak memory does not carry them. */
	malloc_trim(0);
	warn_empty_dyads(cfg, m, &q);
	dr_info("metrics: %.2f s", dr_run_progress_since(&tm0));

	root = output_root(cfg, o, last);
	if (dr_write_mkdirs(root) != 0 ||
	    dr_write_lock(root, o->wait_seconds, o->stale_after_seconds, &lock) != 0) {
		rc = DR_EOUTPUT;
		goto out;
	}
	/* Under the lock: what a run cut short left is put back or removed,
	 * then this run renders into its own staging area (write-stage.c). */
	struct timespec locked;
	clock_gettime(CLOCK_REALTIME, &locked);
	if (dr_stage_tidy(root, &locked) != 0 || dr_stage_begin(&stage, root) != 0) {
		rc = DR_EOUTPUT;
		goto out;
	}
	char generated[32];
	time_t t = now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(generated, sizeof generated, "%Y-%m-%d", &tm);

	/* With -j N, each dyad's charts are split in three parts beside its
	 * packet, and the parts are handed to whichever worker is free. */
	r.nparts = o->jobs > 1 ? 4 : 2;
	r.tally = dr_xcalloc(cfg->ndyads ? cfg->ndyads : 1, sizeof *r.tally);
	items = dr_xcalloc((cfg->ndyads ? cfg->ndyads : 1) * r.nparts, sizeof *items);
	size_t nitems = 0, ndyads_sel = 0;
	for (size_t d = 0; d < cfg->ndyads; d++) {
		if (!selected(o, cfg->dyads[d].id))
			continue;
		ndyads_sel++;
		for (size_t p = 1; p <= r.nparts; p++)  /* charts first, the packet last */
			items[nitems++] = d * r.nparts + p % r.nparts;
	}
	r.in = (struct dr_packet_input){
		.cfg = cfg, .metrics = m, .report_month = last,
		.first_month = first, .generated = generated, .draft = draft,
	};
	r.in.quality = &q;
	r.in.tpl = &tpl;
	r.in.privacy = priv;
	r.in.commentary = comm;
	r.root = stage.dir;
	r.total = ndyads_sel;
	dr_run_progress_dyads(0, ndyads_sel);
	struct timespec tr0;
	clock_gettime(CLOCK_MONOTONIC, &tr0);
	rc = dr_run_jobs_each(items, nitems, o->jobs, render_job, render_done, render_name, &r);
	dr_info("render: %.2f s", dr_run_progress_since(&tr0));
	dyads = r.dyads;
	files = r.files;
	/* Publish all or nothing: once every dyad rendered, each staged
	 * folder is completed with what this run does not write, the root
	 * files are written beside them, and all are swapped in. */
	bool own_folder = strcmp(tpl.name, "monthly-packet") == 0;
	for (size_t d = 0; d < cfg->ndyads && rc == DR_OK; d++)
		if (selected(o, cfg->dyads[d].id) &&
		    dr_stage_dyad(&stage, cfg->dyads[d].id, own_folder ? NULL : tpl.name) != 0)
			rc = DR_EOUTPUT;
	/* index.html's open-action counts, for the template's audience. */
	struct dr_index_loop loop = { r.in.commentary, last, tpl.audience == DR_AUDIENCE_PUBLIC };
	/* The root files, swapped in after the dyads in this order: the
	 * overview (when written), data-quality.csv, index.html last. */
	const char *root_files[4];
	size_t nroot = 0, nover = 0;
	if (rc == DR_OK) {
		bool *rendered = dr_xcalloc(cfg->ndyads ? cfg->ndyads : 1, sizeof *rendered);
		for (size_t d = 0; d < cfg->ndyads; d++)
			rendered[d] = selected(o, cfg->dyads[d].id);
		struct dr_overview_input ovin = {
			.cfg = cfg, .metrics = m, .tpl = &tpl, .rendered = rendered, .report_month = last,
			.generated = generated, .fonts = &r.fonts, .draft = draft,
		};
		if (!r.fonts_open && dr_fonts_open(&r.fonts, NULL, NULL) != 0)
			rc = DR_EINTERNAL;
		else
			r.fonts_open = true;
		if (rc == DR_OK)
			rc = write_overview(cfg, stage.dir, &ovin, root_files, &nover, &files, &r.pages);
		free(rendered);
		nroot = nover;
	}
	if (rc == DR_OK)
		rc = write_root_files(cfg, root, stage.dir, &q, last, draft, &loop, &files);
	root_files[nroot++] = "data-quality.csv";
	root_files[nroot++] = "index.html";
	if (rc == DR_OK && dr_stage_commit(&stage, root_files, nroot) != 0)
		rc = DR_EOUTPUT;
	if (rc == DR_OK)
		remove_stale_overview(root, root_files, nover);
	dr_run_progress_clear();
	if (rc == DR_OK && dr_diag_verbosity() != DR_QUIET)
		summary(&q, dyads, r.pages, files, root, dr_run_progress_since(&t0));
out:
	dr_run_progress_clear();
	dr_stage_end(&stage);
	dr_write_unlock(&lock);
	free(items);
	free(r.tally);
	free(root);
	if (r.fonts_open)
		dr_fonts_close(&r.fonts);
	dr_metrics_free(m);
	if (comm)
		dr_commentary_free(comm);
	dr_quality_free(&q);
	dr_template_free(&tpl);
	return rc;
}
