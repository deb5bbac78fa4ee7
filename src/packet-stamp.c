/*
 * packet-stamp.c -- the packet's charts fitted for a slide: their
 * smallest type and a chart file's stamp (chart.h struct dr_chart_stamp).
 *
 * On a slide template (page_size = slide) no chart text reads smaller
 * than 14 pt projected: in the PDF, where the chart is drawn enlarged by
 * the type scale, and in the chart files, whose 800-point box is shown
 * across the 960-point slide (x 1.2). With stamp = yes a chart file
 * carries its headline, the dyad, the report month, the "data through"
 * date (the latest date its extract holds, dr_quality_latest_date) and
 * the audience, and the dyad's comment on the chart's metric (the caller
 * asks dr_packet_comment, so a public template gets public rows only).
 * Never: draws or prints; allocates only a passing copy of the comment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-int.h"

/* Projected type no smaller than this, points on the 960 x 540 slide. */
#define SLIDE_MIN_TEXT 14.0
/* A chart file's logical box (render.h) shown across the slide. */
#define FILE_ON_SLIDE (960.0 / 800.0)

double dr_packet_slide_min_text(const struct dr_template *t, double scale)
{
	if (t->page_size != DR_PAGE_SLIDE)
		return 0;
	return SLIDE_MIN_TEXT / (scale > 1 ? scale : 1);
}

void dr_packet_chart_file(const struct dr_packet_input *in, enum dr_extract e,
                          const char *headline, const char *comment, struct dr_chart *c,
                          struct dr_packet_stamp *st)
{
	c->headline = headline;
	c->min_text = dr_packet_slide_min_text(in->tpl, FILE_ON_SLIDE);
	if (!in->tpl->stamp)
		return;
	snprintf(st->month, sizeof st->month, "%s %d", dr_month_name(in->report_month),
	         dr_month_year(in->report_month));
	st->through[0] = '\0';
	dr_date last = in->quality ? dr_quality_latest_date(in->quality, e) : DR_NO_DATE;
	if (last != DR_NO_DATE) {
		int y, m, d;
		dr_date_to_ymd(last, &y, &m, &d);
		snprintf(st->through, sizeof st->through, "%d %s %d", d,
		         dr_month_name(dr_month_make(y, m)), y);
	}
	st->words = (struct dr_chart_stamp){
		.dyad = in->cfg->dyads[in->dyad].name,
		.month = st->month,
		.through = st->through,
		.public_audience = in->tpl->audience == DR_AUDIENCE_PUBLIC,
	};
	if (comment) {
		char *flat = dr_packet_flat_text(comment);
		size_t n = strlen(flat);
		if (n >= sizeof st->comment) {
			n = sizeof st->comment - 1;
			while (n > 0 && ((unsigned char)flat[n] & 0xC0) == 0x80)
				n--;        /* flat[n] continues a character: cut before it */
		}
		memcpy(st->comment, flat, n);
		st->comment[n] = '\0';
		free(flat);
		st->words.comment = st->comment;
	}
	c->stamp = &st->words;
}
