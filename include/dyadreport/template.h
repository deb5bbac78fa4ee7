/*
 * template.h -- a packet template (dyadreport.ini(5), TEMPLATES), read with
 * inih from templates/NAME.ini.
 *
 * A template says what a packet is: its title, page size and orientation,
 * its audience, and an ordered list of pages, each with a kind and what it
 * shows. A site changes its packet by editing or adding a template, never C.
 *
 *   [template]
 *   title = Dyad review packet        ; printed on the cover and in the PDF info
 *   page_size = letter                ; letter | a4 | slide (16:9, 960 x 540 pt)
 *   orientation = portrait            ; portrait | landscape (slide: landscape only)
 *   audience = internal               ; internal | public
 *   type_scale = 1.0                  ; 0.75 .. 2: every type size is multiplied
 *   suppress_below = 5                ; optional: survey groups with fewer respondents
 *                                     ;   hidden (default: the config's; public >= 5)
 *   small_cells_below = 11            ; optional: counts from patient records in
 *                                     ;   1 .. N-1 hidden (internal default: off;
 *                                     ;   public: always, N >= 11)
 *   stamp = no                        ; yes: each chart file (PNG, SVG) carries its
 *                                     ;   title, headline, dyad, report month, "data
 *                                     ;   through" date and audience (chart.h stamp)
 *
 *   [page NAME]                       ; pages in file order; NAME is [a-z0-9-]+, unique
 *   kind = chart-grid                 ; cover | summary | chart-grid | chart | table |
 *                                     ; provider-table | data-quality | definitions |
 *                                     ; actions
 *   title = Access & productivity     ; the page's heading (default per kind)
 *   section = Access                  ; bookmark group (default: the title); pages of
 *                                     ; one section in a row share one bookmark
 *   metrics = no_show_rate, lead_days_median   ; metric keys (metric-table.c); on a
 *                                     ; table and a bar, pareto, heatmap or grouped
 *                                     ; chart: measures of `by` (metric-breakdown-table.c)
 *   chart = spc                       ; spc | bar | pareto | heatmap | multiples |
 *                                     ; grouped | sparkline | tile (chart.h kinds)
 *   by = department                   ; a breakdown (metric.h enum dr_breakdown)
 *   window = month                    ; month | 3-months | wave (default: wave for
 *                                     ; role and survey-department, else month)
 *   grid = 1x2                        ; chart-grid: columns x rows a page (1..4 each)
 *   headline = yes                    ; chart pages: the plain-language sentence
 *   y_axis = fitted                   ; spc and multiples charts: fitted | zero | whole
 *                                     ; (chart.h enum dr_chart_yaxis; whole: a share
 *                                     ; from 0% to 100%)
 *   note = ...                        ; a sentence printed under the page's title
 *
 * Which keys a kind takes (any other is an error with file and line):
 *   cover           title, metrics (the "At a glance" tiles, in order, at most
 *                   DR_COVER_TILES_MAX; default: the headline metric of each
 *                   domain -- no_show_rate, initial_denial_rate,
 *                   handoff_completion_rate, burnout_share -- whose extract
 *                   the template's other pages show)
 *   summary         title, section, metrics (default: every loaded metric), note
 *   chart-grid      title, section, metrics (required), grid (default 1x2), headline,
 *                   y_axis, note
 *   chart           title, section, metrics, chart (default spc), by, window,
 *                   headline, y_axis (spc and multiples only), note; by chart:
 *                     spc, tile, sparkline  one metric, no by
 *                     bar        by (not payer-reason), one measure or none (its first)
 *                     pareto     by = reason | service, one count measure or none (denials)
 *                     heatmap    by = payer-reason, one measure or none (denials)
 *                     multiples  by = department | handoff-type, one metric of its extract
 *                     grouped    by = role | survey-department, one measure
 *   table           title, section, by (required), window, metrics, note
 *   provider-table  title, section, window, note
 *   data-quality    title, section, note
 *   definitions     title, section, note
 *   actions         title, section, note (the dyad's open and closed actions and
 *                   comments of the report month, packet-actions.c)
 *
 * Errors (each printed as FILE:LINE: ..., all of them before failing):
 * unknown sections and keys, a key the page's kind does not take, a missing
 * kind, unknown values, unknown metric keys, a duplicated page or key, no
 * pages, lines inih would misread (over 198 bytes, indented), a chart page
 * breaking its chart's rule above, a table without by, window = wave with a
 * breakdown that is not a survey one (or month / 3-months with one), slide
 * with orientation = portrait, type_scale outside 0.75 .. 2, and in a public
 * template any provider-table page, any page by provider, payer,
 * payer-reason or service (no provider- or payer-level data in public), or
 * suppress_below below 5 or small_cells_below below 11.
 *
 * Default titles: cover "Cover", summary "Executive summary", chart-grid the
 * first metric's domain ("Handoffs"), chart the metric or measure and the
 * breakdown ("No-show rate by department"), table the breakdown's label
 * ("By weekday"), both followed by ", last 3 months" for window = 3-months;
 * provider-table "Providers", data-quality "Data quality", definitions
 * "How these numbers are calculated", actions "Actions".
 *
 * Ownership: struct dr_template owns its strings; dr_template_free().
 */
#ifndef DYADREPORT_TEMPLATE_H
#define DYADREPORT_TEMPLATE_H

#include "dyadreport/chart.h"
#include "dyadreport/metric.h"

struct dr_config;

enum dr_page_size { DR_PAGE_LETTER, DR_PAGE_A4, DR_PAGE_SLIDE };

/* A cover's "At a glance" row holds at most this many KPI tiles. */
#define DR_COVER_TILES_MAX 4
enum dr_orientation { DR_PORTRAIT, DR_LANDSCAPE };
/* enum dr_audience (internal, public) is in load.h: commentary rows carry one too. */

enum dr_page_kind {
	DR_PAGE_COVER,
	DR_PAGE_SUMMARY,
	DR_PAGE_CHART_GRID,
	DR_PAGE_CHART,
	DR_PAGE_TABLE,
	DR_PAGE_PROVIDER_TABLE,
	DR_PAGE_DATA_QUALITY,
	DR_PAGE_DEFINITIONS,
	DR_PAGE_ACTIONS,
	DR_NPAGE_KINDS
};

struct dr_template_page {
	char *name;                 /* NAME of [page NAME] */
	enum dr_page_kind kind;
	char *title;                /* never NULL after load (a default per kind) */
	char *section;              /* never NULL after load (default: title) */
	char *note;                 /* NULL when absent */
	enum dr_metric_id *metrics; /* metrics = ..., in the order written, where they are
	                             * metric keys (summary: none = every loaded metric;
	                             * cover: its tiles, none = the default headlines) */
	size_t nmetrics;
	int *measures;              /* table, and bar, pareto, heatmap, grouped charts:
	                             * metrics = ... as indices into dr_breakdown_measures(by);
	                             * a chart without metrics gets its default one; a
	                             * table without, none (= every column) */
	size_t nmeasures;
	enum dr_chart_kind chart;   /* chart = ... (default DR_CHART_SPC) */
	enum dr_breakdown by;       /* by = ... (default DR_BY_NONE) */
	enum dr_window window;      /* window = ... (default DR_WINDOW_MONTH) */
	int grid_cols, grid_rows;   /* grid = CxR (default 1x2) */
	bool headline;              /* headline = yes|no (default yes) */
	enum dr_chart_yaxis y_axis; /* y_axis = fitted|zero|whole (default fitted) */
	long line;                  /* line of the [page ...] header */
};

struct dr_template {
	char *path;                 /* the file read */
	char *name;                 /* its basename without .ini: "monthly-packet" */
	char *title;                /* default "Dyad review packet" */
	enum dr_page_size page_size;
	enum dr_orientation orientation;
	enum dr_audience audience;
	double type_scale;          /* default 1 */
	int suppress_below;         /* 0 when not set */
	int small_cells_below;      /* 0 when not set */
	bool stamp;                 /* stamp = yes|no (default no): stamped chart files */
	struct dr_template_page *pages;
	size_t npages;
};

/* Reads path; returns DR_OK or DR_EUSAGE after printing every error. */
int dr_template_load(const char *path, struct dr_template *t);

/*
 * Finds template spec (-t or [report] template): a spec holding a '/' or
 * ending in ".ini" is a path (relative to the current directory when it
 * comes from the command line, cmdline = true; else to the config's
 * folder); a NAME is looked up as NAME.ini in, in order: the folder named
 * by the environment variable DYADREPORT_TEMPLATES, the config's folder's
 * templates/, templates/ beside the running program and in its parent
 * folder (a build tree), and the installed $(pkgdatadir)/templates.
 * Returns a new string, or NULL after printing where it looked.
 */
char *dr_template_find(const char *spec, bool cmdline, const struct dr_config *cfg);

/* The thresholds a run with template t applies (metric.h struct dr_privacy):
 * survey groups: t's suppress_below, else the config's, raised to 5 in
 * public; patient-derived counts: t's small_cells_below, else 11 in public
 * and 0 (off) internal. */
struct dr_privacy dr_template_privacy(const struct dr_template *t, const struct dr_config *cfg);

/* Page width and height in points for the template's size and orientation
 * (letter 612 x 792, a4 595.28 x 841.89, slide 960 x 540). */
void dr_template_page_size(const struct dr_template *t, double *w, double *h);

/* The metrics of the "At a glance" tiles of cover page cover (may be NULL)
 * of t, in order, into ids[DR_COVER_TILES_MAX]; returns how many: the
 * cover's metrics = when given, else each domain's headline metric
 * (no_show_rate, initial_denial_rate, handoff_completion_rate,
 * burnout_share) whose extract another page of t shows (a metric or a
 * breakdown of it, a summary of every metric, the provider table). */
size_t dr_template_cover_tiles(const struct dr_template *t, const struct dr_template_page *cover,
                               enum dr_metric_id *ids);

/* "cover", "chart-grid", ...; "public" / "internal". */
const char *dr_page_kind_name(enum dr_page_kind k);
const char *dr_audience_name(enum dr_audience a);

/* The template language as data, for checks that the manual keeps up:
 * the i-th key (NULL past the last), and whether it may stand in
 * [template] and in a [page NAME]; the i-th y_axis value. */
const char *dr_template_key_name(size_t i, bool *in_template, bool *in_page);
const char *dr_template_yaxis_name(size_t i);

void dr_template_free(struct dr_template *t);

#endif
