/*
 * test-template.c -- the template reader (config-template.c): the three
 * shipped templates, a small one written here, every error with its line,
 * the privacy thresholds a template implies, page sizes, and where
 * dr_template_find looks. Runs under make check, which sets
 * DYADREPORT_TEMPLATES to the source tree's templates/.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "dyadreport/config.h"
#include "dyadreport/template.h"
#include "tap.h"
#include "testutil.h"

/* Loads text as scratch/name; returns the exit code and the captured stderr. */
static int load(const char *name, const char *text, struct dr_template *t, const char **err)
{
	const char *path = tu_write(name, text);
	tu_stderr_begin();
	int rc = dr_template_load(path, t);
	*err = tu_stderr_end();
	return rc;
}

/* Asserts that text fails with DR_EUSAGE and a message holding want
 * ("bad.ini:LINE: ..."). */
static void fails(const char *text, const char *want, const char *name)
{
	struct dr_template t;
	const char *err;
	int rc = load("bad.ini", text, &t, &err);
	tap_int(rc, 2, name);
	tap_ok(strstr(err, want) != NULL, name);
	if (!strstr(err, want))
		printf("#   stderr: %s#   wanted: %s\n", err, want);
	tap_int((long)t.npages, 0, "... and the struct is left empty");
	dr_template_free(&t);
}

/* The shipped template NAME.ini from the source tree. */
static int load_shipped(const char *name, struct dr_template *t)
{
	const char *dir = getenv("DYADREPORT_TEMPLATES");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.ini", dir ? dir : "templates", name);
	return dr_template_load(path, t);
}

static void monthly_packet(void)
{
	static const struct { const char *name; enum dr_page_kind kind; } want[] = {
		{ "cover", DR_PAGE_COVER }, { "summary", DR_PAGE_SUMMARY },
		{ "actions", DR_PAGE_ACTIONS },
		{ "access", DR_PAGE_CHART_GRID }, { "access-departments", DR_PAGE_CHART },
		{ "no-show-funnel", DR_PAGE_CHART },
		{ "denials", DR_PAGE_CHART_GRID }, { "denial-reasons", DR_PAGE_CHART },
		{ "denial-payers", DR_PAGE_CHART }, { "denial-payers-funnel", DR_PAGE_CHART },
		{ "payer-reasons", DR_PAGE_CHART },
		{ "services", DR_PAGE_TABLE }, { "pending", DR_PAGE_TABLE },
		{ "handoffs", DR_PAGE_CHART_GRID }, { "handoff-types", DR_PAGE_TABLE },
		{ "handoff-types-funnel", DR_PAGE_CHART },
		{ "wellbeing", DR_PAGE_CHART_GRID }, { "burnout-roles", DR_PAGE_CHART },
		{ "survey-roles", DR_PAGE_TABLE }, { "survey-departments", DR_PAGE_TABLE },
		{ "providers", DR_PAGE_PROVIDER_TABLE }, { "providers-funnel", DR_PAGE_CHART }, { "data-quality", DR_PAGE_DATA_QUALITY },
		{ "definitions", DR_PAGE_DEFINITIONS },
	};
	struct dr_template t;
	tap_int(load_shipped("monthly-packet", &t), 0, "monthly-packet loads");
	tap_str(t.name, "monthly-packet", "its name is the file's");
	tap_str(t.title, "Dyad review packet", "title");
	tap_int(t.page_size, DR_PAGE_LETTER, "letter");
	tap_int(t.orientation, DR_PORTRAIT, "portrait");
	tap_int(t.audience, DR_AUDIENCE_INTERNAL, "internal");
	tap_num(t.type_scale, 1, 0, "type_scale defaults to 1");
	tap_int((long)t.npages, (long)DR_NELEM(want), "24 pages");
	for (size_t i = 0; i < DR_NELEM(want) && i < t.npages; i++) {
		tap_str(t.pages[i].name, want[i].name, "page order");
		tap_int(t.pages[i].kind, want[i].kind, want[i].name);
	}
	if (t.npages != DR_NELEM(want))
		goto out;
	const struct dr_template_page *p = &t.pages[3];
	tap_str(p->title, "Access & productivity", "access title");
	tap_int((long)p->nmetrics, 6, "access: 6 metrics");
	tap_int(p->metrics[5], DR_M_VISITS_PER_CLINIC_DAY, "... in the order written");
	tap_int(p->grid_cols * 10 + p->grid_rows, 12, "grid 1x2");
	p = &t.pages[4];
	tap_int(p->chart, DR_CHART_MULTIPLES, "access-departments: multiples");
	tap_int(p->by, DR_BY_DEPARTMENT, "... by department");
	tap_int(p->metrics[0], DR_M_NO_SHOW_RATE, "... of no_show_rate");
	tap_str(p->section, "Access & productivity", "... in the access section");
	p = &t.pages[5];
	tap_int(p->chart, DR_CHART_FUNNEL, "no-show-funnel: funnel");
	tap_int(p->by, DR_BY_DEPARTMENT, "... by department");
	tap_int(p->measures[0], 1, "... of the no_show_rate measure");
	p = &t.pages[9];
	tap_int(p->chart, DR_CHART_FUNNEL, "denial-payers-funnel: funnel");
	tap_int(p->measures[0], 2, "... of the initial_denial_rate measure");
	tap_int(p->window, DR_WINDOW_3_MONTHS, "... over 3 months");
	p = &t.pages[7];
	tap_int(p->chart, DR_CHART_PARETO, "denial-reasons: pareto");
	tap_int(p->window, DR_WINDOW_3_MONTHS, "... over 3 months");
	/* reason measures: denials (0), share (1); a pareto defaults to denials */
	tap_int((long)p->nmeasures, 1, "... one measure by default");
	tap_int(p->measures[0], 0, "... denials");
	p = &t.pages[8];
	/* payer measures: auth_requests (0), decided (1), initial_denial_rate (2), ... */
	tap_int(p->measures[0], 2, "denial-payers: the initial_denial_rate measure");
	tap_int((long)p->nmetrics, 0, "... held as a measure, not a metric");
	tap_int(t.pages[17].window, DR_WINDOW_WAVE, "burnout-roles: read by wave by default");
	tap_int(t.pages[19].by, DR_BY_SURVEY_DEPARTMENT, "survey-departments by survey-department");
	tap_int(t.pages[20].window, DR_WINDOW_MONTH, "providers: month");
	tap_int(t.pages[21].chart, DR_CHART_FUNNEL, "providers-funnel: funnel");
	tap_int(t.pages[21].by, DR_BY_PROVIDER, "... by provider");
	tap_str(t.pages[0].title, "Cover", "default cover title");
	tap_str(t.pages[1].title, "Executive summary", "default summary title");
	tap_int((long)t.pages[1].nmetrics, 0, "summary: every loaded metric");
	tap_str(t.pages[22].title, "Data quality", "default data-quality title");
	tap_str(t.pages[23].title, "How these numbers are calculated", "default definitions title");
	tap_str(t.pages[23].section, t.pages[23].title, "section defaults to the title");
	{
		/* No metrics = on the cover: every domain's headline, as the
		 * pages show all four extracts. */
		enum dr_metric_id ids[DR_COVER_TILES_MAX];
		size_t n = dr_template_cover_tiles(&t, &t.pages[0], ids);
		tap_int((long)t.pages[0].nmetrics, 0, "monthly cover: no metrics written");
		tap_int((long)n, 4, "monthly cover: 4 default tiles");
		tap_ok(n == 4 && ids[0] == DR_M_NO_SHOW_RATE && ids[1] == DR_M_INITIAL_DENIAL_RATE &&
		       ids[2] == DR_M_HANDOFF_COMPLETION_RATE && ids[3] == DR_M_BURNOUT_SHARE,
		       "monthly cover: no-show, initial denial, handoff completion, burnout");
	}
out:
	dr_template_free(&t);
}

static void town_hall(void)
{
	struct dr_template t;
	tap_int(load_shipped("town-hall", &t), 0, "town-hall loads");
	tap_int(t.page_size, DR_PAGE_SLIDE, "slide");
	tap_int(t.orientation, DR_LANDSCAPE, "landscape");
	tap_int(t.audience, DR_AUDIENCE_PUBLIC, "public");
	tap_num(t.type_scale, 1.5, 0, "type_scale 1.5");
	tap_int((long)t.npages, 10, "10 pages");
	if (t.npages == 10) {
		tap_str(t.pages[1].name, "no-shows", "no-shows second");
		tap_int(t.pages[1].chart, DR_CHART_SPC, "... an SPC chart");
		tap_str(t.pages[1].title, "No-show rate", "... titled by its metric");
		tap_str(t.pages[4].title, "Why requests were denied, last 3 months", "denial-reasons title");
		tap_int(t.pages[6].chart, DR_CHART_BAR, "handoff-types: bar");
		tap_int(t.pages[6].by, DR_BY_HANDOFF_TYPE, "... by handoff type");
		/* handoff measures: handoffs (0), handoff_completion_rate (1) */
		tap_int(t.pages[6].measures[0], 1, "... of the completion rate");
		tap_str(t.pages[6].title, "Handoff completion rate by handoff type, last 3 months",
		        "... default title: metric, breakdown, window");
		tap_int(t.pages[8].chart, DR_CHART_GROUPED, "burnout-roles: grouped");
		tap_int(t.pages[9].kind, DR_PAGE_DEFINITIONS, "definitions last");
	}
	double w, h;
	dr_template_page_size(&t, &w, &h);
	tap_num(w, 960, 0, "slide width 960");
	tap_num(h, 540, 0, "slide height 540");
	dr_template_free(&t);
}

static void access_report(void)
{
	struct dr_template t;
	tap_int(load_shipped("access", &t), 0, "access loads");
	tap_int(t.orientation, DR_LANDSCAPE, "landscape");
	tap_int(t.audience, DR_AUDIENCE_INTERNAL, "internal");
	tap_int((long)t.npages, 13, "13 pages");
	if (t.npages == 13) {
		tap_int(t.pages[2].kind, DR_PAGE_ACTIONS, "actions after the summary");
		tap_str(t.pages[2].title, "Actions", "... default title");
		tap_int((long)t.pages[1].nmetrics, 6, "summary: 6 metrics");
		tap_int(t.pages[1].metrics[5], DR_M_DISTINCT_PATIENTS, "... distinct_patients last");
		tap_str(t.pages[5].title, "Median lead time (days) by department",
		        "lead-departments default title");
		tap_str(t.pages[8].title, "By weekday, last 3 months", "weekday-table default title");
		/* lead-time measures: visits (0), share (1) */
		tap_int(t.pages[10].measures[0], 1, "lead-time: the share measure");
		tap_int(t.pages[10].by, DR_BY_LEAD_TIME, "... by lead time");
		/* The cover's tiles are access metrics only, as listed. */
		enum dr_metric_id ids[DR_COVER_TILES_MAX];
		size_t n = dr_template_cover_tiles(&t, &t.pages[0], ids);
		tap_int((long)n, 4, "access cover: 4 tiles");
		static const enum dr_metric_id want[] = {
			DR_M_NO_SHOW_RATE, DR_M_LEAD_DAYS_MEDIAN, DR_M_NEW_PATIENT_SHARE,
			DR_M_VISITS_COMPLETED,
		};
		for (size_t i = 0; i < n && i < DR_NELEM(want); i++)
			tap_str(dr_metric_def(ids[i])->key, dr_metric_def(want[i])->key,
			        "access cover: tiles in the order written");
	}
	double w, h;
	dr_template_page_size(&t, &w, &h);
	tap_num(w, 792, 0, "letter landscape: 792 wide");
	tap_num(h, 612, 0, "... 612 high");
	dr_template_free(&t);
}

/* Two pages in another order, every optional key, comments and CRLF. */
static void small_template(void)
{
	struct dr_template t;
	const char *err;
	int rc = load("mine.ini",
	              "; mine\r\n"
	              "[page last-first]\r\n"
	              "kind = definitions\r\n"
	              "title = Read me first   ; inline comment\r\n"
	              "[template]\r\n"
	              "page_size = a4\r\n"
	              "suppress_below = 7\r\n"
	              "small_cells_below = 11\r\n"
	              "[page grid]\r\n"
	              "kind = chart-grid\r\n"
	              "metrics = handoff_completion_rate\r\n"
	              "grid = 2x3\r\n"
	              "headline = no\r\n"
	              "note = Handoffs only.\r\n", &t, &err);
	tap_int(rc, 0, "a written template loads");
	tap_str(err, "", "... silently");
	tap_str(t.name, "mine", "name from the file");
	tap_str(t.title, "Dyad review packet", "default title");
	tap_int((long)t.npages, 2, "two pages");
	if (t.npages == 2) {
		tap_str(t.pages[0].name, "last-first", "file order kept");
		tap_int(t.pages[0].kind, DR_PAGE_DEFINITIONS, "definitions first");
		tap_str(t.pages[0].title, "Read me first", "title without the comment");
		tap_int(t.pages[0].line, 2, "page line");
		tap_int(t.pages[1].grid_cols, 2, "grid columns");
		tap_int(t.pages[1].grid_rows, 3, "grid rows");
		tap_ok(!t.pages[1].headline, "headline = no");
		tap_str(t.pages[1].note, "Handoffs only.", "note");
		tap_str(t.pages[1].title, "Handoffs", "chart-grid title: the metric's domain");
		tap_int(t.pages[1].line, 9, "second page line");
		tap_ok(t.pages[0].note == NULL, "no note: NULL");
	}
	double w, h;
	dr_template_page_size(&t, &w, &h);
	tap_num(w, 595.28, 1e-9, "a4 width");
	tap_num(h, 841.89, 1e-9, "a4 height");

	struct dr_config cfg = { .suppress_below = 3 };
	struct dr_privacy pr = dr_template_privacy(&t, &cfg);
	tap_int(pr.suppress_below, 7, "internal: the template's suppress_below");
	tap_int(pr.small_cells_below, 11, "internal: the template's small_cells_below");
	dr_template_free(&t);
}

/* Without metrics = a cover's tiles are the headlines of the extracts the
 * other pages show: a visits-only template gets the no-show tile alone. */
static void cover_tiles(void)
{
	struct dr_template t;
	const char *err;
	enum dr_metric_id ids[DR_COVER_TILES_MAX];
	int rc = load("visits.ini",
	              "[page cover]\nkind = cover\n"
	              "[page lead]\nkind = chart\nchart = bar\nby = lead-time\n"
	              "[page new]\nkind = chart\nmetrics = new_patient_share\n"
	              "[page dq]\nkind = data-quality\n[page defs]\nkind = definitions\n", &t, &err);
	tap_int(rc, 0, "visits-only template loads");
	size_t n = rc ? 0 : dr_template_cover_tiles(&t, &t.pages[0], ids);
	tap_int((long)n, 1, "visits-only cover: one default tile");
	tap_ok(n == 1 && ids[0] == DR_M_NO_SHOW_RATE, "... the no-show rate");
	dr_template_free(&t);

	rc = load("handoffs.ini",
	          "[page cover]\nkind = cover\n"
	          "[page table]\nkind = table\nby = handoff-type\n"
	          "[page burnout]\nkind = chart\nmetrics = burnout_share\n", &t, &err);
	n = rc ? 0 : dr_template_cover_tiles(&t, &t.pages[0], ids);
	tap_ok(n == 2 && ids[0] == DR_M_HANDOFF_COMPLETION_RATE && ids[1] == DR_M_BURNOUT_SHARE,
	       "a breakdown's extract counts: handoff completion and burnout, in domain order");
	dr_template_free(&t);

	rc = load("summary.ini", "[page cover]\nkind = cover\nmetrics = denied_amount\n"
	          "[page s]\nkind = summary\n", &t, &err);
	n = rc ? 0 : dr_template_cover_tiles(&t, &t.pages[0], ids);
	tap_ok(n == 1 && ids[0] == DR_M_DENIED_AMOUNT, "metrics = on the cover wins");
	n = rc ? 0 : dr_template_cover_tiles(&t, NULL, ids);
	tap_int((long)n, 4, "no cover page given, a summary of every metric: all four headlines");
	dr_template_free(&t);
}

static void privacy(void)
{
	struct dr_config cfg = { .suppress_below = 3 };
	struct dr_template t = { .audience = DR_AUDIENCE_PUBLIC };
	struct dr_privacy pr = dr_template_privacy(&t, &cfg);
	tap_int(pr.suppress_below, 5, "public: config 3 raised to 5");
	tap_int(pr.small_cells_below, 11, "public: small cells 11 by default");
	t.small_cells_below = 12;
	t.suppress_below = 8;
	pr = dr_template_privacy(&t, &cfg);
	tap_int(pr.small_cells_below, 12, "public: template 12 kept");
	tap_int(pr.suppress_below, 8, "public: template 8 kept");
	t = (struct dr_template){ .audience = DR_AUDIENCE_INTERNAL };
	pr = dr_template_privacy(&t, &cfg);
	tap_int(pr.suppress_below, 3, "internal: the config's 3");
	tap_int(pr.small_cells_below, 0, "internal: small cells off");
	tap_str(dr_audience_name(DR_AUDIENCE_PUBLIC), "public", "audience name");
	tap_str(dr_page_kind_name(DR_PAGE_PROVIDER_TABLE), "provider-table", "kind name");

	double w, h;
	t.page_size = DR_PAGE_LETTER;
	dr_template_page_size(&t, &w, &h);
	tap_num(w * 1000 + h, 612792, 0, "letter portrait 612 x 792");
	t.page_size = DR_PAGE_A4;
	t.orientation = DR_LANDSCAPE;
	dr_template_page_size(&t, &w, &h);
	tap_num(w, 841.89, 1e-9, "a4 landscape: 841.89 wide");
}

#define T "[template]\n"
#define PAGE "[page p]\n"

static void errors(void)
{
	fails("[page a]\nkind = cover\n[reprot]\n", "bad.ini:3: unknown section (use [template] or [page NAME])",
	      "unknown section, not echoed");
	fails("[page a]\nkind = cover\ncolour = red\n", "bad.ini:3: unknown key in [page a] (dyadreport.ini(5), "
	      "TEMPLATES, lists the keys)", "unknown page key, not echoed");
	fails(T "title = x\nfont = y\n[page a]\nkind = cover\n", "bad.ini:3: unknown key in [template] "
	      "(dyadreport.ini(5), TEMPLATES, lists the keys)", "unknown template key");
	fails("[page a]\nkind = data-quality\nmetrics = no_show_rate\n",
	      "bad.ini:3: key metrics does not apply to a data-quality page", "key the kind does not take");
	fails("[page a]\nkind = cover\nmetrics = no_show_rate, lead_days_median, new_patient_share, "
	      "visits_completed, burnout_share\n",
	      "bad.ini:3: a cover shows at most 4 tiles: metrics lists 5", "a cover of 5 tiles");
	fails("[page a]\nkind = cover\nmetrics = no_show_rate, no_such_metric\n",
	      "bad.ini:3: metrics: item 2 is no metric (see the definitions page for keys)",
	      "unknown cover metric, by its place");
	fails("[page a]\ntitle = A\n", "bad.ini:1: [page a] needs kind", "missing kind");
	fails("[page a]\nkind = poster\n", "bad.ini:2: kind must be", "unknown kind");
	fails("[page a]\nkind = cover\n[page a]\nkind = summary\n", "bad.ini:3: [page a] appears twice (first on line 1)",
	      "duplicated page");
	fails("[page a]\nkind = cover\nkind = summary\n", "bad.ini:3: [page a] key kind is set twice (first on line 2)",
	      "duplicated key");
	fails("[page A_1]\nkind = cover\n", "bad.ini:1: page name \"A_1\" is not allowed: a page name may use "
	      "only a-z, 0-9 and -", "bad page name, named");
	fails(T "title = Nothing\n", "no [page NAME] section", "no pages");
	fails("title = x\n[page a]\nkind = cover\n", "bad.ini:1: key title stands before any section",
	      "key before any section");
	fails("[page a]\nkind = summary\nmetrics = no_show_rate, no_such_metric\n",
	      "bad.ini:3: metrics: item 2 is no metric", "unknown metric");
	fails("[page a]\n  kind = cover\n", "bad.ini:2: indented line, but no value to continue",
	      "indented line after a header");
	char longline[300];
	snprintf(longline, sizeof longline, "[page a]\nkind = cover\ntitle = %0200d\nx = 1\n", 0);
	fails(longline, "bad.ini:4: unknown key in [page a]", "a 200-byte title is read whole, next line right");
	fails("[page a]\nkind = chart-grid\n", "bad.ini:1: [page a]: a chart-grid needs metrics",
	      "chart-grid without metrics");
	fails("[page a]\nkind = chart-grid\nmetrics = no_show_rate\ngrid = 5x1\n",
	      "bad.ini:4: grid must be", "grid out of range");
	fails("[page a]\nkind = chart\nmetrics = no_show_rate\nheadline = maybe\n",
	      "bad.ini:4: headline must be yes or no", "headline not yes/no");

	/* chart pages */
	fails(PAGE "kind = chart\nchart = pie\nmetrics = no_show_rate\n", "bad.ini:3: chart must be",
	      "unknown chart");
	fails(PAGE "kind = chart\nchart = spc\nmetrics = no_show_rate, lead_days_median\n",
	      "bad.ini:4: chart = spc needs exactly one metric", "spc: two metrics");
	fails(PAGE "kind = chart\nchart = tile\n", "bad.ini:1: chart = tile needs exactly one metric",
	      "tile: no metric");
	fails(PAGE "kind = chart\nchart = sparkline\nmetrics = no_show_rate\nby = department\n",
	      "bad.ini:5: chart = sparkline takes no by", "sparkline: a by");
	fails(PAGE "kind = chart\nchart = bar\nmetrics = no_show_rate\n",
	      "bad.ini:1: chart = bar needs by", "bar without by");
	fails(PAGE "kind = chart\nchart = bar\nby = payer-reason\n",
	      "bad.ini:4: chart = bar needs by", "bar by payer-reason");
	fails(PAGE "kind = chart\nchart = bar\nby = payer\nmetrics = share\n",
	      "bad.ini:5: metrics: item 1 is not a measure of by = payer", "bar: not a measure");
	fails(PAGE "kind = chart\nchart = bar\nby = payer\nmetrics = auth_requests, denied_amount\n",
	      "bad.ini:5: chart = bar takes one measure", "bar: two measures");
	fails(PAGE "kind = chart\nchart = pareto\nby = payer\n",
	      "bad.ini:4: chart = pareto needs by = reason or service", "pareto by payer");
	fails(PAGE "kind = chart\nchart = pareto\nby = reason\nmetrics = share\n",
	      "bad.ini:5: chart = pareto needs a count", "pareto of a share");
	fails(PAGE "kind = chart\nchart = funnel\nby = weekday\nmetrics = no_show_rate\n",
	      "bad.ini:4: chart = funnel needs by = provider, payer, department or handoff-type",
	      "funnel by weekday");
	fails(PAGE "kind = chart\nchart = funnel\nby = department\n",
	      "bad.ini:1: chart = funnel needs exactly one rate", "funnel without a rate");
	fails(PAGE "kind = chart\nchart = funnel\nby = payer\nmetrics = denied_amount\n",
	      "bad.ini:5: chart = funnel needs a rate with a numerator and a denominator; "
	      "denied_amount is none", "funnel of an amount");
	fails(PAGE "kind = chart\nchart = funnel\nby = department\nmetrics = lead_days_median\n",
	      "bad.ini:5: chart = funnel needs a rate", "funnel of a median");
	{
		struct dr_template t;
		const char *err;
		int rc = load("good.ini", PAGE "kind = chart\nchart = funnel\nby = handoff-type\n"
		              "metrics = handoff_completion_rate\n", &t, &err);
		tap_int(rc, 0, "funnel of handoff completion by type loads");
		if (rc == 0) {
			tap_int(t.pages[0].chart, DR_CHART_FUNNEL, "... a funnel");
			tap_int(t.pages[0].measures[0],
			        dr_breakdown_measure_find(DR_BY_HANDOFF_TYPE, "handoff_completion_rate"),
			        "... of the completion rate");
			dr_template_free(&t);
		}
	}
	fails(PAGE "kind = chart\nchart = heatmap\nby = reason\n",
	      "bad.ini:4: chart = heatmap needs by = payer-reason", "heatmap by reason");
	fails(PAGE "kind = chart\nchart = multiples\nby = weekday\nmetrics = no_show_rate\n",
	      "bad.ini:4: chart = multiples needs by = department or handoff-type", "multiples by weekday");
	fails(PAGE "kind = chart\nchart = multiples\nby = handoff-type\nmetrics = no_show_rate\n",
	      "bad.ini:5: chart = multiples by handoff-type needs a metric of the handoffs extract",
	      "multiples: a metric of another extract");
	fails(PAGE "kind = chart\nchart = multiples\nby = department\n",
	      "bad.ini:1: chart = multiples needs exactly one metric", "multiples without a metric");
	fails(PAGE "kind = chart\nchart = grouped\nby = department\nmetrics = burnout_share\n",
	      "bad.ini:4: chart = grouped needs by = role or survey-department", "grouped by department");
	fails(PAGE "kind = chart\nchart = grouped\nby = role\n",
	      "bad.ini:1: chart = grouped needs exactly one survey measure", "grouped without a measure");
	fails(PAGE "kind = chart\nchart = bar\nby = nowhere\n", "bad.ini:4: by must be a breakdown",
	      "unknown breakdown");

	/* tables and windows */
	fails(PAGE "kind = table\nwindow = month\n", "bad.ini:1: [page p]: a table needs by", "table without by");
	fails(PAGE "kind = table\nby = weekday\nmetrics = no_show_rate, denials\n",
	      "bad.ini:4: metrics: item 2 is not a measure of by = weekday", "table: not a measure");
	fails(PAGE "kind = table\nby = weekday\nwindow = wave\n", "bad.ini:4: window = wave is for survey",
	      "wave with a visits breakdown");
	fails(PAGE "kind = table\nby = role\nwindow = 3-months\n",
	      "bad.ini:4: a survey breakdown is read by wave", "3-months with a survey breakdown");
	fails(PAGE "kind = provider-table\nwindow = wave\n", "bad.ini:3: window = wave is for survey",
	      "wave on the provider table");
	fails(PAGE "kind = table\nby = weekday\nwindow = year\n", "bad.ini:4: window must be",
	      "unknown window");

	/* [template] */
	fails(T "page_size = legal\n" PAGE "kind = cover\n", "bad.ini:2: page_size must be", "unknown size");
	fails(T "page_size = slide\norientation = portrait\n" PAGE "kind = cover\n",
	      "bad.ini:3: a slide (page_size = slide) is landscape only", "portrait slide");
	fails(T "type_scale = 0.5\n" PAGE "kind = cover\n", "bad.ini:2: type_scale must be",
	      "type_scale under 0.75");
	fails(T "type_scale = 2.5\n" PAGE "kind = cover\n", "bad.ini:2: type_scale must be",
	      "type_scale over 2");
	fails(T "audience = everyone\n" PAGE "kind = cover\n", "bad.ini:2: audience must be",
	      "unknown audience");
	fails(T "[template]\n" PAGE "kind = cover\n", "bad.ini:2: section [template] appears twice",
	      "[template] twice");

	/* public */
	fails(T "audience = public\nsuppress_below = 4\n" PAGE "kind = cover\n",
	      "bad.ini:3: suppress_below must be 5 or more in a public template", "public suppress 4");
	fails(T "audience = public\nsmall_cells_below = 10\n" PAGE "kind = cover\n",
	      "bad.ini:3: small_cells_below must be 11 or more in a public template", "public cells 10");
	fails(T "audience = public\n" PAGE "kind = provider-table\n",
	      "bad.ini:3: [page p]: no provider- or payer-level data in a public template",
	      "public provider table");
	static const char *const private_by[] = { "provider", "payer", "payer-reason", "service" };
	for (size_t i = 0; i < DR_NELEM(private_by); i++) {
		char text[200], want[120];
		snprintf(text, sizeof text, PAGE "kind = table\nby = %s\n[template]\naudience = public\n",
		         private_by[i]);
		snprintf(want, sizeof want, "bad.ini:3: no provider- or payer-level data in a public "
		         "template (by = %s)", private_by[i]);
		fails(text, want, private_by[i]);
	}

	/* all errors are printed, not only the first */
	struct dr_template t;
	const char *err;
	int rc = load("bad.ini", "[page a]\nkind = poster\n[page b]\nkind = chart\nchart = pie\n"
	              "metrics = no_show_rate\n", &t, &err);
	tap_int(rc, 2, "two errors: DR_EUSAGE");
	tap_ok(strstr(err, "bad.ini:2:") && strstr(err, "bad.ini:5:"), "... both printed");
	dr_template_free(&t);
}

/* dr_template_find: a path, then DYADREPORT_TEMPLATES, the config's
 * templates/, ...; NULL with the folders named when there is none. */
static void find(void)
{
	char dir[600], sub[700], cfgdir[700], tdir[800];
	snprintf(dir, sizeof dir, "%s", tu_scratch());
	snprintf(sub, sizeof sub, "%s/env", dir);
	snprintf(cfgdir, sizeof cfgdir, "%s/site", dir);
	snprintf(tdir, sizeof tdir, "%s/site/templates", dir);
	mkdir(sub, 0700);
	mkdir(cfgdir, 0700);
	mkdir(tdir, 0700);
	tu_write("env/both.ini", "");
	tu_write("site/templates/both.ini", "");
	tu_write("site/templates/local.ini", "");
	tu_write("site/own.ini", "");
	struct dr_config cfg = { .dir = cfgdir };
	char want[900];

	setenv("DYADREPORT_TEMPLATES", sub, 1);
	char *p = dr_template_find("both", false, &cfg);
	snprintf(want, sizeof want, "%s/both.ini", sub);
	tap_str(p, want, "DYADREPORT_TEMPLATES first");
	free(p);
	p = dr_template_find("local", false, &cfg);
	snprintf(want, sizeof want, "%s/local.ini", tdir);
	tap_str(p, want, "then the config's templates/");
	free(p);
	unsetenv("DYADREPORT_TEMPLATES");
	p = dr_template_find("both", false, &cfg);
	snprintf(want, sizeof want, "%s/both.ini", tdir);
	tap_str(p, want, "without the variable: the config's templates/");
	free(p);

	p = dr_template_find("own.ini", false, &cfg);
	snprintf(want, sizeof want, "%s/own.ini", cfgdir);
	tap_str(p, want, "a config's path: relative to the config's folder");
	free(p);
	snprintf(want, sizeof want, "%s/own.ini", cfgdir);
	p = dr_template_find(want, true, &cfg);
	tap_str(p, want, "a command-line path: as given");
	free(p);

	tu_stderr_begin();
	p = dr_template_find("nosuch", true, &cfg);
	const char *err = tu_stderr_end();
	tap_ok(p == NULL, "unknown name: NULL");
	tap_ok(strstr(err, "no nosuch.ini in") && strstr(err, tdir), "... naming where it looked");
	tu_stderr_begin();
	p = dr_template_find("nowhere/x.ini", true, &cfg);
	err = tu_stderr_end();
	tap_ok(p == NULL && strstr(err, "nowhere/x.ini: no such file"), "missing path: NULL, named");
}

/* y_axis = fitted | zero | whole on spc and multiples charts (chart.h). */
static void y_axis(void)
{
	struct dr_template t;
	const char *err;
	int rc = load("axes.ini",
	              "[page grid]\nkind = chart-grid\nmetrics = no_show_rate\ny_axis = whole\n"
	              "[page one]\nkind = chart\nmetrics = visits_completed\ny_axis = zero\n"
	              "[page many]\nkind = chart\nchart = multiples\nby = department\n"
	              "metrics = no_show_rate\ny_axis = fitted\n"
	              "[page plain]\nkind = chart\nmetrics = visits_completed\n", &t, &err);
	tap_int(rc, 0, "y_axis: a template with y_axis loads");
	tap_str(err, "", "y_axis: ... silently");
	if (t.npages == 4) {
		tap_int(t.pages[0].y_axis, DR_YAXIS_WHOLE, "y_axis = whole on a chart-grid");
		tap_int(t.pages[1].y_axis, DR_YAXIS_ZERO, "y_axis = zero on an spc chart");
		tap_int(t.pages[2].y_axis, DR_YAXIS_FITTED, "y_axis = fitted on small multiples");
		tap_int(t.pages[3].y_axis, DR_YAXIS_FITTED, "y_axis: fitted by default");
	} else {
		tap_int((long)t.npages, 4, "y_axis: four pages");
	}
	dr_template_free(&t);
	fails("[page a]\nkind = chart\nmetrics = no_show_rate\ny_axis = log\n",
	      "bad.ini:4: y_axis must be fitted, zero or whole", "y_axis unknown");
	fails("[page a]\nkind = chart\nchart = tile\nmetrics = no_show_rate\ny_axis = zero\n",
	      "bad.ini:5: y_axis applies to chart = spc or multiples", "y_axis on a tile");
	fails("[page a]\nkind = summary\ny_axis = zero\n",
	      "bad.ini:3: key y_axis does not apply to a summary page", "y_axis on a summary");
}

int main(void)
{
	monthly_packet();
	town_hall();
	access_report();
	small_template();
	cover_tiles();
	privacy();
	errors();
	find();
	y_axis();
	tu_cleanup();
	return tap_done();
}
