/*
 * packet.h -- one dyad's PDF packet, built with libharu in memory, with
 * the pages its template lists (template.h), in order.
 *
 * Page kinds: cover, summary (KPI table and talking points), chart-grid
 * (SPC charts of several metrics), chart (one chart of a metric or a
 * breakdown, with its headline), table (a breakdown), provider-table,
 * data-quality, definitions and actions (the dyad's open and closed
 * actions and the month's comments, from the commentary; a chart's page
 * prints the comment on its metric under its headline). A page whose extract was not loaded is left
 * out and the cover says so. Every page but the cover carries the footer
 * "Dyad · Period · Page X of Y · label"; every template page gets a
 * bookmark, under its section's. Charts are vector paths (render.h); text
 * is DejaVu Sans embedded (font.h).
 *
 * Privacy: the metrics and breakdowns arrive with the run's thresholds
 * applied (hidden values carry no number); pages say how many groups
 * were hidden and why.
 *
 * Ownership: *buf is malloc'd; the caller frees it. Never: writes files
 * (the caller writes the buffer atomically), or prints a row's contents.
 */
#ifndef DYADREPORT_PACKET_H
#define DYADREPORT_PACKET_H

#include <stddef.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/font.h"
#include "dyadreport/load.h"
#include "dyadreport/metric.h"
#include "dyadreport/quality.h"
#include "dyadreport/template.h"

struct dr_packet_input {
	const struct dr_config *cfg;
	size_t dyad;                        /* index into cfg->dyads */
	const struct dr_metrics *metrics;
	dr_month report_month;
	dr_month first_month;
	const char *generated;              /* "2026-11-14", printed on the cover */
	const struct dr_quality *quality;   /* the run's data-quality counts */
	struct dr_fonts *fonts;
	const struct dr_template *tpl;      /* the pages */
	struct dr_privacy privacy;          /* the thresholds the metrics applied */
	bool draft;                         /* no extract holds the report month
	                                     * (--allow-incomplete): DRAFT on every
	                                     * page and chart */
	const struct dr_commentary *commentary;     /* [input] commentary; NULL when
	                                             * not configured */
};

/* Builds the PDF; returns DR_OK or DR_EINTERNAL (libharu error printed).
 * *npages (when not NULL) gets the number of PDF pages, 0 on failure. */
int dr_packet_pdf(const struct dr_packet_input *in, unsigned char **buf, size_t *len, int *npages);

/*
 * Calls fn once for every chart the template's pages draw, built exactly as
 * the PDF draws it, with a file stem unique in the packet
 * ("no_show_rate", "no_show_rate-by-department", "denials-by-reason"), so
 * PNG and SVG files match the pages. Stops at fn's first non-zero return
 * and returns it; 0 when every call returned 0.
 */
int dr_packet_each_chart(const struct dr_packet_input *in,
                         int (*fn)(const char *stem, const struct dr_chart *c, void *ctx),
                         void *ctx);

/*
 * The colours (0xRRGGBB) of point i of s in the executive summary's KPI
 * table (packet-summary.c): the value only in its SPC verdict's colour
 * (dr_chart_value_colour; a provisional or unjudged value in ink), the
 * changes against the month and the year before always in muted grey,
 * whichever way they go.
 */
struct dr_packet_row_colours {
	uint32_t value, change;
};
struct dr_packet_row_colours dr_packet_summary_colours(const struct dr_series *s, size_t i);

/*
 * The Actions page's "Since raised" (packet-verdict.c): what the SPC rules
 * said of judged series s (NULL: no data) after month raised, up to month
 * at -- "improvement signal (Oct 2026)", "concern signal (Oct–Nov 2026),
 * part of one that began before the action (Aug 2026)", "no signal:
 * common-cause variation (2 months judged)", "not judged (too few cases)",
 * "too soon to judge: raised this month". The raised month itself is what
 * prompted the action, so it is never "since".
 */
void dr_action_verdict(const struct dr_series *s, dr_month raised, dr_month at, char *out,
                       size_t size);

#endif
