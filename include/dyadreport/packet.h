/*
 * packet.h -- one dyad's PDF packet, built with libharu in memory.
 *
 * The pages, in order: cover (dyad, both leads, period, contents), summary
 * table of every metric, one section per domain with its SPC charts drawn
 * as vector paths (render.h), and an "about these numbers" page (data
 * quality per extract and each metric's definition). A domain whose extract
 * was not loaded is left out and the cover says so. Every page but the
 * cover carries the footer "Dyad · Period · Page X of Y · label"; each
 * section gets a bookmark.
 *
 * The page list is data (a built-in plan) so that templates can replace it
 * without touching the page code. Text is DejaVu Sans embedded (font.h).
 *
 * Ownership: *buf is malloc'd; the caller frees it. Never: writes files
 * (the caller writes the buffer atomically), or prints a row's contents.
 */
#ifndef DYADREPORT_PACKET_H
#define DYADREPORT_PACKET_H

#include <stddef.h>

#include "dyadreport/config.h"
#include "dyadreport/font.h"
#include "dyadreport/load.h"
#include "dyadreport/metric.h"
#include "dyadreport/quality.h"

struct dr_packet_input {
	const struct dr_config *cfg;
	size_t dyad;                        /* index into cfg->dyads */
	const struct dr_metrics *metrics;
	dr_month report_month;
	dr_month first_month;
	const char *generated;              /* "2026-11-14", printed on the cover */
	const struct dr_quality *quality;   /* the run's data-quality counts */
	struct dr_fonts *fonts;
};

/* Builds the PDF; returns DR_OK or DR_EINTERNAL (libharu error printed). */
int dr_packet_pdf(const struct dr_packet_input *in, unsigned char **buf, size_t *len);

/* The metrics the packet charts, in page order, ending with DR_NMETRICS;
 * run.c writes one PNG per charted metric. */
const enum dr_metric_id *dr_packet_charted(void);

#endif
