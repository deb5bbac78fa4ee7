/*
 * chart-int.h -- the drawing kit every chart kind shares (chart-kit.c).
 *
 * A struct dr_kit holds the backend, the box and the sizes derived from it
 * (text sizes, line width, margin), so every kind reads alike at slide size
 * (800 pt wide) and on paper (about 520 pt). The helpers wrap render.h:
 * pen (colour + width + dash), text in a colour, real text widths, fitting
 * with an ellipsis and wrapping at spaces (UTF-8 safe), markers in the
 * Making Data Count shapes, the title block, the footnote and the "no data"
 * message. The colours are the product's palette.
 *
 * Internal to the chart files (chart-*.c). Never: allocates, or draws
 * outside the box it is given.
 */
#ifndef DYADREPORT_CHART_INT_H
#define DYADREPORT_CHART_INT_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "dyadreport/chart.h"
#include "dyadreport/render.h"

#define C_INK        0x212b32u  /* title */
#define C_TEXT       0x425563u  /* subtitle, axis labels */
#define C_MUTED      0x768692u  /* footnote, "no data" */
#define C_GRID       0xe4e8eau
#define C_AXIS       0xaeb7bdu
#define C_LINE       0x3d4852u  /* the data line */
#define C_MEAN       0x5c6b77u
#define C_LIMIT      0x8a969fu
#define C_TARGET     0xd5281bu
#define C_COMMON     0x8a8d8fu
#define C_IMPROVE    0x289de0u
#define C_CONCERN    0xed8b00u
#define C_NEUTRAL    0x361475u
#define C_WHITE      0xffffffu
#define C_BAR        0x005eb8u  /* single-series bars (NHS blue) */
#define C_HIDDEN     0xf0f4f5u  /* background of a suppressed cell or bar */

#define TEXTMAX 512             /* longest text drawn, in bytes */
#define MAXANN 32               /* annotations drawn; later ones are left out */

/* Words appended into a fixed buffer (headlines, alt text): never
 * overruns; len may pass size, which says the text was cut. */
struct dr_words {
	char *s;
	size_t size, len;
};
/* Appends printf-style while there is room (chart-headline.c). */
void dr_words_put(struct dr_words *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The backend, the box and the sizes that follow from it. */
struct dr_kit {
	const struct dr_render *r;
	double w, h;
	double u;                   /* size factor: 0 at 520 pt wide, 1 at 800 */
	double pad;                 /* outer margin */
	double fs_title, fs_sub, fs_axis, fs_small;
	double lw;                  /* base line width */
};

/* The largest magnitude drawn: data beyond it (1e300, DBL_MAX, the
 * infinities) are no value, not a broken axis. */
#define DR_KIT_MAXABS 1e15

/* True when v can be drawn: finite and within DR_KIT_MAXABS. */
static inline bool dr_kit_ok(double v)
{
	return isfinite(v) && fabs(v) <= DR_KIT_MAXABS;
}

/* v when dr_kit_ok(v), else NAN: every kind reads its numbers through
 * this or dr_kit_ok. */
static inline double dr_kit_v(double v)
{
	return dr_kit_ok(v) ? v : NAN;
}

/* Fills k for a w x h box on backend r; no type smaller than min_text
 * points when min_text > 0 (struct dr_chart min_text). */
void dr_kit_init(struct dr_kit *k, const struct dr_render *r, double w, double h, double min_text);

/* Clamps v into [lo, hi]. */
double dr_kit_clamp(double v, double lo, double hi);

/* Names the next drawing calls (the trace prints it). */
void dr_kit_group(const struct dr_kit *k, const char *name);

/* Sets colour, width and dash in one call (between paths only). */
void dr_kit_pen(const struct dr_kit *k, uint32_t rgb, double width, enum dr_render_dash d);

/* Width of s in points, measured by the backend. */
double dr_kit_tw(const struct dr_kit *k, double size, bool bold, const char *s);

/* Draws s in colour rgb with its baseline at y. */
void dr_kit_text(const struct dr_kit *k, uint32_t rgb, double x, double y, double size,
                 bool bold, enum dr_render_align a, const char *s);

/* Draws s (regular, in the current colour) centred on x, or against the
 * box's edge (half a margin in) when centring would leave the box: axis
 * labels at the ends of an axis. */
void dr_kit_text_centred(const struct dr_kit *k, double x, double y, double size, const char *s);

/* Copies s into buf (at most TEXTMAX bytes), cut at a character boundary
 * with "…" so that it is at most maxw wide; returns buf. NULL s is "". */
const char *dr_kit_fit(const struct dr_kit *k, const char *s, double size, bool bold,
                       double maxw, char *buf, size_t bufsize);

/* Splits s into at most maxlines lines no wider than maxw, breaking at
 * spaces; the last line takes the rest, cut with "…". Returns the count. */
int dr_kit_wrap(const struct dr_kit *k, const char *s, double size, double maxw, int maxlines,
                char lines[][TEXTMAX]);

/* dr_kit_wrap in bold or regular type. */
int dr_kit_wrap_style(const struct dr_kit *k, const char *s, double size, bool bold, double maxw,
                      int maxlines, char lines[][TEXTMAX]);

/* The fewest decimals (up to 3) that print v exactly in unit, so a target
 * of 8% reads "8%", not "8.0%". */
int dr_kit_short_decimals(enum dr_chart_unit unit, double v);

/* On a count axis, steps of whole numbers only (a step below 1 becomes 1). */
void dr_kit_whole_ticks(enum dr_chart_unit unit, struct dr_chart_ticks *t);

/* The y axis's tick labels, right-aligned at x, tick lo at ylo and hi at
 * yhi, thinned so they never touch, each cut with "…" so that it stays
 * inside the box (a margin is capped; a label is not). Group "ylabels". */
void dr_kit_ylabels(const struct dr_kit *k, enum dr_chart_unit unit, const struct dr_chart_ticks *t,
                    double x, double ylo, double yhi);

/* Widens vlo..vhi over the drawable values of pt[0..n) and llo..lhi over
 * their centre and limits (start from INFINITY, -INFINITY). */
void dr_kit_points_range(const struct dr_chart_point *pt, size_t n, double *vlo, double *vhi,
                         double *llo, double *lhi);

/*
 * The y axis of the line charts (SPC, small multiples) over the values
 * vlo..vhi (the target included) and the centre and limit lines llo..lhi
 * (INFINITY/-INFINITY when none), as mode says (chart.h enum
 * dr_chart_yaxis; fitted: zero only when the gap to it is at most half the
 * span): lines never pull a count axis below 0, nor a percent axis below
 * 0 or above 100%, for a limit's sake (that limit is left off the plot);
 * a little air around the data; about DR_KIT_YTICKS intervals whatever the
 * box, so one metric gets the same ticks at every size; whole steps on a
 * count axis. Fills t and returns the decimals for line labels
 * ("UCL 14.2%").
 */
#define DR_KIT_YTICKS 5
int dr_kit_line_axis(enum dr_chart_unit unit, enum dr_chart_yaxis mode, double vlo, double vhi,
                     double llo, double lhi, struct dr_chart_ticks *t);

/* Adds a circle, or a diamond when diamond, of radius rad to the path. */
void dr_kit_shape(const struct dr_kit *k, double x, double y, double rad, bool diamond);

/* Draws one SPC marker: small grey circle for common cause, a larger
 * filled shape with a ring for special cause (concern: a diamond), an open
 * shape when hollow. */
void dr_kit_marker(const struct dr_kit *k, double x, double y, double rad,
                   enum dr_spc_point_type t, bool hollow);

/* True for the special-cause point types. */
bool dr_kit_is_special(enum dr_spc_point_type t);

/* Short name of a point type for trace groups ("improvement"). */
const char *dr_kit_type_word(enum dr_spc_point_type t);

/*
 * The title block of the non-SPC kinds: bold title on one line (cut with
 * "…"), subtitle wrapped on up to two lines, both within the box less the
 * margins and less reserve_right points at the right (for icons or a
 * legend). Returns the y below the block where the body may start. With
 * draw false it only measures.
 */
double dr_kit_header(const struct dr_kit *k, const struct dr_chart *c, double reserve_right,
                     bool draw);

/* Draws c->footnote (up to two lines of small type) at the bottom of the
 * box; returns the y above it where the body must end. Measures only when
 * draw is false. */
double dr_kit_footnote(const struct dr_kit *k, const struct dr_chart *c, bool draw);

/* "No data for this period" centred in the box x0..x1, y0..y1. */
void dr_kit_nodata(const struct dr_kit *k, double x0, double y0, double x1, double y1,
                   const char *msg);

/* A number labelled on a chart with this value axis: shortened like the
 * axis ("UCL 1.44M", "1.23B") when the axis is (counts, numbers and
 * amounts from a million up), else dr_chart_format_value with dec. */
void dr_kit_format_label(enum dr_chart_unit unit, double v, int dec,
                         const struct dr_chart_ticks *axis, char *out, size_t size);

/* How many icons (icon.h: variation, assurance) c asks to be drawn. */
int dr_kit_icon_count(const struct dr_chart *c);

/* Strokes hatching in rgb, lines width wide, over the rectangle x, y, w,
 * h: white over a filled bar so that series differ by more than colour,
 * or grey over a hidden cell. Style 0 none, 1 diagonal, 2 horizontal, 3
 * crossed (style is taken modulo 4). */
void dr_kit_hatch(const struct dr_kit *k, double x, double y, double w, double h, size_t style,
                  uint32_t rgb, double width);

/* Draws c's sparkline (chart-sparkline.c) into the w x h box whose
 * top-left corner is (x, y): the KPI tile embeds it. Sizes follow that
 * box, not k's. */
void dr_kit_sparkline(const struct dr_kit *k, const struct dr_chart *c, double x, double y,
                      double w, double h);

/* The widest period label with its year ("May 26", "Q4 26") for months
 * (per 1) or quarters (per 3) in size-point type. */
double dr_kit_period_label_width(const struct dr_kit *k, int per, double size);

/* How many periods apart the month (per 1) or quarter (per 3) labels
 * of an axis with slot points per period must be so that each has need
 * points: months 1, 2, 3, 4, 6, 12, then 24, 48, ...; quarters 1, 2, 4,
 * then 8, 16, ... (whole years where possible). */
double dr_kit_label_step(int per, double slot, double need);

/* What a line chart's legend lists (chart-legend.c). */
struct dr_kit_legend {
	bool mean, runs, limits, trial, target;
	bool improve, concern, neutral, provisional;   /* markers drawn */
	double line_scale;          /* the chart's line widths over the SPC chart's (0: 1) */
	bool small_n;               /* grey points of rates on too few cases */
};

/* Notes the marker kinds of point p (when it has a drawable value). */
void dr_kit_legend_point(struct dr_kit_legend *lg, const struct dr_chart_point *p);

/*
 * Draws the legend row ("Value", then what lg lists) at baseline y from x;
 * returns false, drawing nothing, when fewer than two items fit in maxw.
 * With dry true it only answers whether it would be drawn.
 */
bool dr_kit_legend(const struct dr_kit *k, const struct dr_kit_legend *lg, double x, double y,
                   double maxw, bool dry);

/* One drawing function per kind (chart-KIND.c), dispatched by
 * dr_chart_draw (chart-draw.c); same contract as dr_chart_draw. */
/* The stamp of c (c->stamp, not NULL) and c under it (chart-stamp.c). */
void dr_chart_draw_stamped(const struct dr_chart *c, const struct dr_render *r, double w, double h);
void dr_chart_draw_spc(const struct dr_chart *c, const struct dr_render *r, double w, double h);
void dr_chart_draw_bar(const struct dr_chart *c, const struct dr_render *r, double w, double h);
void dr_chart_draw_pareto(const struct dr_chart *c, const struct dr_render *r, double w, double h);
void dr_chart_draw_heatmap(const struct dr_chart *c, const struct dr_render *r, double w, double h);
void dr_chart_draw_multiples(const struct dr_chart *c, const struct dr_render *r, double w,
                             double h);
void dr_chart_draw_grouped(const struct dr_chart *c, const struct dr_render *r, double w,
                           double h);
void dr_chart_draw_sparkline(const struct dr_chart *c, const struct dr_render *r, double w,
                             double h);
void dr_chart_draw_tile(const struct dr_chart *c, const struct dr_render *r, double w, double h);
void dr_chart_draw_funnel(const struct dr_chart *c, const struct dr_render *r, double w, double h);

#endif
