/*
 * chart.h -- a device-free description of one chart, and how to draw it.
 *
 * The metric stage fills a struct dr_chart: its kind, titles, unit and the
 * data that kind reads (points for the SPC line chart, the sparkline and
 * the KPI tile; bars for the bar chart and the Pareto; a grid for the
 * heatmap and the grouped bars; panels for small multiples).
 * dr_chart_draw() lays it out and emits drawing calls on any backend of
 * render.h, so the PNG and SVG (cairo), the PDF (libharu paths) and the
 * text trace all come from the same description and agree.
 *
 * Units: the caller gives the box size in points; text sizes are points.
 * Coordinates in render.h are y-down from the box's top-left corner.
 *
 * Ownership: the chart does not own its strings or arrays; the caller keeps
 * them alive while drawing. Never: allocates memory that outlives a call,
 * touches files, or knows which device it draws on.
 */
#ifndef DYADREPORT_CHART_H
#define DYADREPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "dyadreport/dyadreport.h"
#include "dyadreport/funnel.h"
#include "dyadreport/spc.h"

struct dr_render;

enum dr_chart_unit {
	DR_UNIT_COUNT,              /* whole numbers, thousands separators, never below 0 */
	DR_UNIT_PERCENT,            /* values are proportions 0..1, printed as 12.3% */
	DR_UNIT_NUMBER,             /* plain decimal (e.g. wRVU per visit) */
	DR_UNIT_DAYS,               /* "4.5" (the title names the unit) */
	DR_UNIT_HOURS,              /* "4.5" likewise */
	DR_UNIT_CURRENCY,           /* "$12,300" */
};

enum dr_chart_period { DR_PERIOD_MONTH, DR_PERIOD_QUARTER };

/*
 * Where a line chart's y axis (SPC, small multiples) starts: the
 * templates' y_axis = fitted | zero | whole. Fitted, the default, spans
 * the values, centre, limits and target with a little air, and takes in
 * zero only when zero is near them: when the gap from zero to their
 * nearest end is at most half their span (they then fill at least two
 * thirds of the height). Zero: always from zero. Whole: a share from 0%
 * to 100% (any other unit as zero). The range and ticks depend on the
 * data and this choice only, never on the box: a metric reads on the
 * same axis in the packet, the PNG and the SVG.
 */
enum dr_chart_yaxis { DR_YAXIS_FITTED, DR_YAXIS_ZERO, DR_YAXIS_WHOLE };

/* What a chart draws, and which of its fields it reads. */
enum dr_chart_kind {
	DR_CHART_SPC,               /* pt[], ann[]: values, centre, limits, target, phases */
	DR_CHART_BAR,               /* bar[]: horizontal bars, value and n labels, reference */
	DR_CHART_PARETO,            /* bar[] (counts): bars by size, cumulative %, 80% guide */
	DR_CHART_HEATMAP,           /* grid (counts): row x column cells, count in each, legend */
	DR_CHART_MULTIPLES,         /* panel[]: one small line chart each, one shared y scale */
	DR_CHART_GROUPED,           /* grid: bars per column (survey wave), one per row (role) */
	DR_CHART_SPARKLINE,         /* pt[]: the line, its centre and the last point; no text */
	DR_CHART_TILE,              /* pt[]: KPI tile: latest value, change, icons, sparkline */
	DR_CHART_FUNNEL,            /* fpt[], funnel: groups' rates against their size, with the
	                             * 95% and 99.8% limits around the pooled rate */
};
#define DR_CHART_NKINDS 9

/* One bar of a bar chart or Pareto. */
struct dr_chart_bar {
	const char *label;          /* "Blue Cross", UTF-8; NULL is "" */
	double value;               /* in the chart's unit; NAN: no value */
	double n;                   /* printed as "n = 1,234" (a rate's denominator); NAN: none */
	bool hidden;                /* suppressed for privacy: no bar, no number, says so */
	bool small_n;               /* bar: a rate on fewer cases than min_denominator:
	                             * a light grey bar, its value muted (n printed) */
	bool other;                 /* Pareto: sums several categories (the hidden ones):
	                             * drawn last, grey, in the total and the cumulative share */
};

/* One group of a funnel plot (chart-funnel.c): its size and rate, judged
 * by dr_funnel_judge (funnel.h). Hidden groups are not given: the chart's
 * funnel_hidden counts them. */
struct dr_chart_funnel_point {
	const char *label;          /* "Dr A"; drawn only outside 99.8% with funnel_labels */
	double n;                   /* its size (visits, decided requests): the x axis */
	double rate;                /* in the chart's unit (a proportion 0..1); NAN: none */
	enum dr_funnel_flag flag;   /* where it lies against the limits */
	bool small_n;               /* a rate on fewer than min_denominator cases: drawn
	                             * light grey, never judged, labelled or named */
};

/* One cell of a grid chart. */
struct dr_chart_cell {
	double value;               /* NAN: no value (an empty cell, or no bar) */
	bool hidden;                /* suppressed for privacy */
	bool small_n;               /* grouped: a rate on fewer respondents than
	                             * min_denominator: a light grey bar, "n = 5" */
	double n;                   /* its denominator (printed when small_n) */
};

/* A table of cells: heatmap rows x columns, or grouped bars' series x groups. */
struct dr_chart_grid {
	size_t nrow, ncol;
	const char *const *row;     /* nrow labels (heatmap: payers; grouped: roles) */
	const char *const *col;     /* ncol labels (heatmap: reasons; grouped: waves) */
	const struct dr_chart_cell *cell;   /* nrow * ncol, row-major */
};

/* One panel of small multiples: a series with its own centre and limits. */
struct dr_chart_panel {
	const char *label;          /* "Cardiology" */
	size_t n;
	const struct dr_chart_point *pt;
};

struct dr_chart_point {
	dr_month month;             /* the period's first month */
	double y;                   /* NAN: missing, drawn as a gap */
	double cl, lcl, ucl;        /* NAN where there is no line */
	enum dr_spc_point_type type;
	bool hollow;                /* provisional: drawn as an open marker */
	bool small_n;               /* a rate on fewer cases than min_denominator: drawn
	                             * grey whatever its type, labelled "n = N" */
	double n;                   /* its denominator (printed when small_n); NAN: none */
	int phase;                  /* 1, 2, ...: centre and limits break between phases */
};

/* A dated note drawn on the chart as a labelled vertical marker. */
struct dr_chart_annotation {
	dr_month month;             /* the point it marks (a quarter's first month for waves) */
	const char *text;           /* short label, UTF-8 */
	bool rebase;                /* starts a new phase (limits recalculated) */
};

/*
 * The words a chart file carries so that it stands on its own on a slide
 * (templates' stamp = yes): above the chart c->headline (bold, at most
 * two lines, the rest cut with an ellipsis; the sparkline, which draws no
 * text, gets its title there too), under it one line "Dyad · Report month
 * October 2026 · Data through 31 October 2026 · Public". The stamp takes
 * its room from the box; the chart is laid out in what is left.
 */
struct dr_chart_stamp {
	const char *dyad;           /* "Primary Care" */
	const char *month;          /* the report month in words, "October 2026" */
	const char *through;        /* the latest date the chart's extract holds,
	                             * "31 October 2026"; NULL or "": not said */
	bool public_audience;       /* "Public", else "Internal" */
	const char *comment;        /* the dyad's comment on the chart's metric, on one
	                             * line: drawn under the headline after "Dyad
	                             * comment:" (at most three lines, cut with an
	                             * ellipsis) and added whole to the alternative
	                             * text; NULL: none */
};

struct dr_chart {
	enum dr_chart_kind kind;    /* 0: the SPC line chart */
	const char *title;          /* "Initial denial rate" */
	const char *subtitle;       /* definition in a few words */
	const char *footnote;       /* small type: chart type and rule set */
	enum dr_chart_unit unit;
	enum dr_chart_yaxis y_axis; /* SPC and multiples: fitted (0), zero or whole */
	enum dr_chart_period period;
	int better;                 /* +1 higher, -1 lower, 0 neutral (colours) */
	bool has_target;
	double target;
	size_t n;
	const struct dr_chart_point *pt;
	const struct dr_chart_annotation *ann;  /* in month order; may be NULL */
	size_t nann;
	/* The chart's icons, drawn beside the title (icon.h): variation from
	 * the last point, assurance of the target against the latest limits. */
	bool icons;
	enum dr_spc_point_type variation;
	enum dr_spc_assurance assurance;
	bool runs_signal;           /* anhoej: the latest phase fails the runs rules */
	bool trial_limits;          /* the latest phase rests on 12 or fewer points */
	/* Bar and Pareto: the bars, in the order drawn (a Pareto sorts them). */
	const struct dr_chart_bar *bar;
	size_t nbar;
	double reference;           /* bar: a dashed line, e.g. the dyad's overall rate; NAN: none */
	const char *reference_label; /* "All payers 12.1%" */
	/* Heatmap and grouped bars. */
	struct dr_chart_grid grid;
	/* Small multiples: panels on one y scale. */
	const struct dr_chart_panel *panel;
	size_t npanel;
	/* A large pale "DRAFT" behind the chart and a red "DRAFT" at its
	 * bottom right: the report month is in no extract (--allow-incomplete). */
	bool draft;
	/* The packet's plain-language headline of a chart file, for its
	 * alternative text (an SVG's <desc>) and its stamp; NULL: none. */
	const char *headline;
	/* A chart file's stamp (above); NULL: none (the packet's pages print
	 * these words themselves). */
	const struct dr_chart_stamp *stamp;
	/* The smallest type size, in points of the box, the chart may use
	 * (0: the sizes that follow from the box): a chart shown on a
	 * projected slide is laid out as in a smaller box, larger type. */
	double min_text;
	/* Funnel: the groups (fpt, nfpt), the funnel judged from them (NULL:
	 * no comparison possible; the points are then not drawn and the chart
	 * says so), how many groups were hidden for privacy (not plotted),
	 * whether points outside the 99.8% limits carry their labels (never a
	 * provider's or payer's in a public template), and the x axis's words
	 * ("Visits (n)"; NULL: "Size (n)") and the y axis's ("No-show rate";
	 * NULL: none). c->footnote names the
	 * overdispersion model (dr_chart_funnel_caption). */
	const struct dr_chart_funnel_point *fpt;
	size_t nfpt;
	const struct dr_funnel *funnel;
	size_t funnel_hidden;
	bool funnel_labels;
	int funnel_min_den;         /* [report] min_denominator, named for small_n points */
	const char *x_label, *y_label;
};

/*
 * Draws c, whatever its kind, filling a w x h point box (chart-draw.c
 * dispatches to chart-KIND.c). Any input is drawn without crashing and
 * without NAN coordinates: nothing to draw, all NAN, one value, huge
 * values, NULL or 40-character labels; what does not fit is left out or
 * cut with an ellipsis, never drawn over other text. A box smaller than
 * the kind needs (100 x 60 points; a tile 60 x 40; a sparkline 4 x 4)
 * draws nothing.
 *
 * The SPC line chart (chart-spc.c): title,
 * subtitle and variation status (with the icons when c->icons), y grid at
 * nice ticks, month axis, data line with typed markers, centre line and
 * process limits broken between phases, target, the last phase's values
 * at the right edge, annotation markers and labels, legend row (only what
 * is drawn, with the runs signal and a trial-limits note) and footnote.
 * Any input is drawn without crashing: n = 0, all NAN, one point, huge
 * values, annotations off the axis or with NULL text.
 */
void dr_chart_draw(const struct dr_chart *c, const struct dr_render *r, double w, double h);

/* The Making Data Count colour of a point type (0xRRGGBB): improvement
 * blue, concern orange, neutral purple, common grey. The packet's tables
 * use it too, so a word and its marker always share a colour. */
uint32_t dr_chart_type_colour(enum dr_spc_point_type t);

/* The colour a tile or a table prints a value in: only its SPC verdict's
 * (a special cause in dr_chart_type_colour), else the caller's text
 * colour (common cause, not judged). Changes against the month or year
 * before are never coloured: one month against another is no signal. */
uint32_t dr_chart_value_colour(enum dr_spc_point_type t, uint32_t text);

/* The i-th colour (0xRRGGBB, i modulo 8) of the colour-blind-safe
 * category palette (Okabe & Ito): bars of several series, heatmap-free
 * categories. Series also differ by hatching, never by colour alone. */
uint32_t dr_chart_palette(size_t i);

/* "October 2026", or "Q4 2026" for a quarterly chart: how headlines,
 * alt text and packet notes name one period (chart-headline.c). */
void dr_chart_period_words(dr_month mo, enum dr_chart_period p, char *out, size_t size);

/*
 * The chart's alternative text (chart-alt.c), for a screen reader (the
 * PDF's Figure /Alt) and for an SVG's <desc>: the headline (may be NULL
 * or ""; then the title), then the latest value, centre and limits in
 * words, then a stamp's comment ("Dyad comment: ..."). UTF-8, one paragraph, cut at a character boundary to size.
 */
void dr_chart_alt(const struct dr_chart *c, const char *headline, char *out, size_t size);

/* "spc", "bar", "pareto", "heatmap", "multiples", "grouped", "sparkline",
 * "tile", "funnel"; "" for an unknown kind. */
const char *dr_chart_kind_name(enum dr_chart_kind k);
/* The kind with this name ("spc", "bar", ...), or -1 (templates' chart = ...). */
int dr_chart_kind_find(const char *name);

/*
 * Formats v for the chart's unit into out: "12.3%", "1,234", "4.5",
 * "$12,300" (days and hours print as plain numbers; the title says the
 * unit). decimals < 0 picks a sensible number for the unit. A NAN or
 * infinite v prints as an en dash (U+2013). Used by the packet's tables
 * too, so axis, labels and tables print numbers alike.
 */
void dr_chart_format_value(enum dr_chart_unit unit, double v, int decimals, char *out, size_t size);

/* v as dr_chart_format_value prints it (decimals < 0), read back as a
 * number in the printed scale: a proportion 0.3379 gives 33.8 (percent
 * points), $15,203.4 gives 15203. NAN when v is not finite. Changes are
 * computed from it, so "33.8%, up from 32.4%" and "+1.4 pts" agree. */
double dr_chart_printed_value(enum dr_chart_unit unit, double v);

/* Axis ticks lo, lo + step, ..., hi (chart-scale.c). */
struct dr_chart_ticks {
	double lo, hi, step;
	int n;                      /* number of ticks, lo and hi included */
};

/*
 * Picks step from {1, 2, 5} x 10^k so that [min, max] rounded out to whole
 * steps has about approx intervals (0..0.237, 5 -> 0, 0.05, ..., 0.25).
 * A flat range is padded (0 -> 0..1, v -> v +- 10%); NAN/infinite bounds
 * fall back to 0..1.
 */
void dr_chart_ticks(double min, double max, int approx, struct dr_chart_ticks *t);

/* The i-th tick value (exactly 0 where it should be). */
double dr_chart_tick(const struct dr_chart_ticks *t, int i);

/* Decimals needed to print multiples of step distinctly in unit
 * (percent counts in percentage points): 0.05 -> 0 ("5%"), 0.2 -> 1. */
int dr_chart_decimals(enum dr_chart_unit unit, double step);

/* An axis label for tick v: dr_chart_format_value with the step's
 * decimals; counts, numbers and currency of a million or more are
 * shortened with K/M/B/T ("1.5M", "$2B"). */
void dr_chart_format_tick(enum dr_chart_unit unit, double v, const struct dr_chart_ticks *t,
                          char *out, size_t size);

/* "Oct", "Oct 25" with the year, or "Q3 26" for a quarter (always with
 * the year); mo is the period's first month. */
void dr_chart_month_label(dr_month mo, enum dr_chart_period p, bool with_year,
                          char *out, size_t size);

/*
 * The headline of grouped bars g (chart-headline-grouped.c), from the same
 * cells the chart draws: the highest value in the latest wave (the last
 * column) among the groups with enough respondents, never a small_n or
 * hidden one: "Burnout in Q4 2026: highest among Nurses at 30.0%. Too few
 * respondents to compare (fewer than 20): Physicians." label is the
 * measure ("Burnout"), when the wave in words ("Q4 2026"), min_den the
 * threshold named. Truncated safely to size.
 */
void dr_headline_grouped(const char *label, const char *when, enum dr_chart_unit unit,
                         const struct dr_chart_grid *g, int min_den, char *buf, size_t size);

/*
 * The headline of funnel chart c (chart-headline-funnel.c), from the same
 * points the chart draws; word names the groups in the plural
 * ("providers"): "2 of 14 providers are outside the 99.8% limits: Dr A
 * higher, Dr B lower; the rest are within what chance gives at their
 * size." Names only when c->funnel_labels (else "1 higher, 1 lower");
 * small_n groups are not judged: "3 with fewer than 20 cases are not
 * judged.";
 * "higher"/"lower", never "better"/"worse". With no funnel: "No
 * comparison possible ...". Truncated safely to size.
 */
void dr_headline_funnel(const struct dr_chart *c, const char *word, char *out, size_t size);

/* The caption of a funnel's limits (chart-headline-funnel.c): "Binomial
 * limits, no overdispersion adjustment", or "Limits widened for
 * overdispersion, additive, tau^2 = 0.0123" (multiplicative: phi = 1.84),
 * then " · 2 groups hidden for privacy (not plotted)" when hidden > 0.
 * f NULL: "No comparison possible" and the hidden count. */
void dr_chart_funnel_caption(const struct dr_funnel *f, size_t hidden, char *out, size_t size);

#endif
