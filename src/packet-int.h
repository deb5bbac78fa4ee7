/*
 * packet-int.h -- what the packet's files share: the document being built,
 * its page geometry and type scale, the page flow and the words every page
 * kind uses. Not visible to other stages.
 *
 * The arrows point one way: packet.c (the document: fonts, bookmarks'
 * root, page labels, footers, info, save; and the walk over the
 * template's pages) -> the page kinds, one function each in
 * packet-cover.c, packet-summary.c, packet-charts.c, packet-tables.c,
 * packet-about.c and packet-actions.c -> the page flow (packet-page.c:
 * new page, title band, bookmarks, room left) and the pages' shared words
 * and look-ups (packet-words.c) -> the drawing primitives (packet-draw.h),
 * which know nothing of pages. Coordinates are PDF points, origin bottom-left.
 */
#ifndef DYADREPORT_PACKET_INT_H
#define DYADREPORT_PACKET_INT_H

#include <hpdf.h>

#include "dyadreport/packet.h"
#include "dyadreport/render.h"
#include "dyadreport/template.h"
#include "packet-draw.h"

#define INK 0x1f2933
#define MUTED 0x616e7c
#define RULE 0xc8d0d8
#define ACCENT 0x005eb8
#define BAND 0xeef3f8
#define ALERT 0xa61b1b          /* DRAFT and missing-month notes */

/* Icon size in the summary table and the legend, points (before scaling). */
#define ICON 12.0

struct packet {
	const struct dr_packet_input *in;
	const struct dr_template *tpl;
	const struct dr_template_page *pg;  /* the template page being drawn */
	const struct dr_dyad *dyad;
	struct dr_draw d;                   /* the document, the page filled, fonts, type scale */
	HPDF_Outline root;
	HPDF_Outline section_outline;       /* the current section's bookmark */
	const char *section_name;           /* its template section, for grouping */
	HPDF_Page *pages;
	size_t npages;
	size_t first_body_page;             /* pages before it (the cover) get no footer */
	double y;                           /* next baseline on the page filled */
	double w, h;                        /* page size */
	double margin, top, bottom;         /* content box: x margin, top and bottom baselines */
	bool public_;                       /* public audience */
	const char *title;                  /* heading repeated on continuation pages */
	bool heading_pending;               /* the next page is a template page's first */
	bool sect_open;                     /* the template page's Sect is open */
	char period[64];                    /* "October 2026" */
};

/* Type size s scaled by the template. */
static inline double fs(const struct packet *p, double s) { return s * p->d.ts; }

/* Caps the type scale at what columns laid out for a portrait letter page
 * (516 points wide) fit on this page; returns the scale to restore. */
static inline double dr_packet_table_scale(struct packet *p)
{
	double old = p->d.ts, fit = (p->w - 2 * p->margin) / 516;
	p->d.ts = p->d.ts < (fit > 1 ? fit : 1) ? p->d.ts : (fit > 1 ? fit : 1);
	return old;
}

/* A new page; with_title repeats the page title band (continuations) and
 * the missing-month note of the extracts the page reads. */
void dr_packet_new_page(struct packet *p, bool with_title);
/* Opens the template page's first PDF page with its title and bookmark,
 * in a Sect of its own (tags). */
void dr_packet_begin(struct packet *p, const char *title);
/* Closes the Sect of the template page begun last, if any (after its
 * page kind has closed whatever it opened). */
void dr_packet_end(struct packet *p);
/* Makes room for h points, continuing on a new page when needed. */
void dr_packet_need(struct packet *p, double h);
/* The note under a page's title (the template's note =), if any; the
 * missing-month note of the extracts a page reads (dr_packet_missing_words)
 * is drawn under every titled page's heading by dr_packet_new_page. */
void dr_packet_page_note(struct packet *p);
/* The extracts template page pg reads, as bits 1u << e (a summary or grid
 * without metrics: every extract; data quality and definitions: none). */
unsigned dr_packet_page_extracts(const struct dr_template_page *pg);
/* For the extracts of mask that are read but hold no row of the report
 * month (quality.h dr_quality_missing): "No data for October 2026 in
 * handoffs.csv (latest month 2026-09): the month shows no value there, not
 * 0." into out ("first month 2025-01" for an extract whose data starts
 * after the report month); returns how many extracts it names (0: out is
 * ""). */
size_t dr_packet_missing_words(const struct packet *p, unsigned mask, char *out, size_t size);
/* "N months hidden to protect privacy: why; ...": unit is "group", "month"
 * or "wave" (singular; pluralised for n). */
void dr_packet_hidden_words(size_t n, const char *unit, const char *why, char *out, size_t size);
/* A muted privacy note: "N groups hidden: why." at the current position. */
void dr_packet_hidden_note(struct packet *p, size_t nhidden, const char *why);
/* "October 2026", "Aug–Oct 2026" or "Q4 2026" for a breakdown's window. */
void dr_packet_window_words(const struct dr_breakdown_table *t, char *out, size_t size);
/* Free text typed in a cell (a comment, an action) for one drawn
 * paragraph: a copy with every control character (a line break) as a
 * space; the caller frees it. */
char *dr_packet_flat_text(const char *s);
/* The bytes of s's leading words that fit width in font f at size (at
 * most 1023; 0: not even its first word): one line of a paragraph. */
size_t dr_packet_line_bytes(HPDF_Font f, double size, double width, const char *s);
/* The comment on metric id (DR_NMETRICS: none) for the dyad and report
 * month, as the template's audience may read it (public: public rows
 * only); NULL when there is none or no commentary is configured. */
const char *dr_packet_comment(const struct dr_packet_input *in, enum dr_metric_id id);
/* Whether template t has an Actions page (the full comments are there). */
bool dr_packet_has_actions(const struct dr_template *t);
/* The series of metric id for this dyad, or NULL. */
const struct dr_series *dr_packet_series(const struct packet *p, enum dr_metric_id id);
/* Draws series s as a chart of kind k, a Figure whose alternative text
 * is its headline's (dr_chart_alt). */
void dr_packet_draw_series(struct packet *p, const struct dr_series *s, enum dr_chart_kind k,
                           double x, double y, double w, double h);
/* Whether any metric of domain d has a series. */
bool dr_packet_domain_loaded(const struct packet *p, enum dr_domain d);

/* Page kinds. */
void dr_packet_cover(struct packet *p);
void dr_packet_summary(struct packet *p);
void dr_packet_chart_grid(struct packet *p);
void dr_packet_chart_page(struct packet *p);
void dr_packet_table(struct packet *p);
void dr_packet_provider_table(struct packet *p);
void dr_packet_data_quality(struct packet *p);
void dr_packet_definitions(struct packet *p);
void dr_packet_actions(struct packet *p);

/* "Common cause", ... in the charts' colours (summary and tables). */
const char *dr_packet_variation_words(enum dr_spc_point_type t, uint32_t *rgb);

/* A chart file's stamp with its storage (packet-stamp.c). */
struct dr_packet_stamp {
	struct dr_chart_stamp words;
	char month[32], through[48];
	char comment[2048];         /* on one line, cut at a character */
};
/* Fits chart c of extract e for a file (PNG, SVG) of in's template: its
 * headline (for the SVG's <desc>), on a slide its smallest type, and its
 * stamp (pointing into st) when the template says stamp = yes, with the
 * dyad's comment on the chart's metric (dr_packet_comment; NULL: none). */
void dr_packet_chart_file(const struct dr_packet_input *in, enum dr_extract e,
                          const char *headline, const char *comment, struct dr_chart *c,
                          struct dr_packet_stamp *st);
/* The smallest chart type, in points of the chart's own box, that reads
 * as 14 pt on a projected slide (page_size = slide; else 0) when the box
 * is shown enlarged by scale: the page's type scale in the PDF, 1.2 for a
 * chart file (its 800-point box shown across the 960-point slide). */
double dr_packet_slide_min_text(const struct dr_template *t, double scale);

#endif
