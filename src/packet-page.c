/*
 * packet-page.c -- the page flow of a packet (packet-int.h): a new PDF
 * page with the page's title band repeated on continuations, the first
 * page of a template page with its bookmark and note, making room for a
 * block, the notes under a page's title and what a page hid, and a
 * series drawn as a chart at the current page.
 *
 * It keeps the page list the footers and page labels number, and the
 * cursor p->y; it paints only through the primitives (packet-draw.h).
 * Tags: each template page is one Sect, opened by dr_packet_begin and
 * closed by dr_packet_end (or the next begin); its continuation pages stay
 * in it. The title is its H1, notes are P; what a continuation page
 * repeats (title, missing-month note) and the running header are
 * artifacts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "packet-int.h"

void dr_packet_new_page(struct packet *p, bool with_title)
{
	if (p->d.error)
		return;
	HPDF_Page page = HPDF_AddPage(p->d.pdf);
	if (!page)
		return;
	dr_draw_page(&p->d, page);
	HPDF_Page_SetWidth(p->d.page, (HPDF_REAL)p->w);
	HPDF_Page_SetHeight(p->d.page, (HPDF_REAL)p->h);
	p->pages = dr_xreallocarray(p->pages, p->npages + 1, sizeof *p->pages);
	p->pages[p->npages++] = p->d.page;
	p->y = p->top;
	/* The first page of a template page states its title (H1) and its
	 * missing-month note (P); a continuation repeats them as artifacts,
	 * as it does the running header of dyad and month. */
	bool first = p->heading_pending;
	p->heading_pending = false;
	if (with_title && p->title) {
		dr_draw_decor_begin(&p->d);
		dr_draw_text(&p->d, p->d.font, fs(p, 9), MUTED, p->margin, p->y, DR_ALIGN_LEFT, p->dyad->name);
		dr_draw_text(&p->d, p->d.font, fs(p, 9), MUTED, p->w - p->margin, p->y, DR_ALIGN_RIGHT,
		             p->period);
		if (first)
			dr_draw_decor_end(&p->d);
		p->y -= fs(p, 26);
		if (first)
			dr_draw_open(&p->d, "H1");
		dr_draw_text_fit(&p->d, p->d.bold, fs(p, 18), INK, p->margin, p->y, p->w - 2 * p->margin,
		                 p->title);
		if (first)
			dr_draw_close(&p->d);
		p->y -= fs(p, 10);
		dr_draw_hrule(&p->d, p->margin, p->w - p->margin, p->y, 1.5, ACCENT);
		p->y -= fs(p, 22);
		/* Continuation pages too: each page that shows the extract says so. */
		char buf[512];
		if (p->pg && p->pg->kind != DR_PAGE_COVER &&
		    dr_packet_missing_words(p, dr_packet_page_extracts(p->pg), buf, sizeof buf)) {
			if (first)
				dr_draw_open(&p->d, "P");
			dr_draw_wrap(&p->d, p->d.bold, fs(p, 9.5), ALERT, p->margin, &p->y,
			             p->w - 2 * p->margin, fs(p, 13), buf);
			if (first)
				dr_draw_close(&p->d);
			p->y -= fs(p, 6);
		}
		if (!first)
			dr_draw_decor_end(&p->d);
	}
}

/* A bookmark under parent to the current page's top. */
static HPDF_Outline bookmark(struct packet *p, HPDF_Outline parent, const char *title)
{
	if (p->d.error || !p->d.page)
		return NULL;
	HPDF_Outline o = HPDF_CreateOutline(p->d.pdf, parent, title, HPDF_GetEncoder(p->d.pdf, "UTF-8"));
	HPDF_Destination d = HPDF_Page_CreateDestination(p->d.page);
	if (o && d) {
		HPDF_Destination_SetXYZ(d, 0, (HPDF_REAL)p->h, 1);
		HPDF_Outline_SetDestination(o, d);
	}
	return o;
}

void dr_packet_begin(struct packet *p, const char *title)
{
	p->title = title;
	dr_packet_end(p);
	dr_draw_open(&p->d, "Sect");
	p->sect_open = true;
	p->heading_pending = true;
	dr_packet_new_page(p, p->pg->kind != DR_PAGE_COVER);
	p->heading_pending = false;
	const char *sec = p->pg->section;
	if (!p->section_outline || !p->section_name || strcmp(p->section_name, sec) != 0) {
		p->section_outline = bookmark(p, p->root, sec);
		p->section_name = sec;
		if (strcmp(sec, title) != 0)
			bookmark(p, p->section_outline, title);
	} else {
		bookmark(p, p->section_outline, title);
	}
	dr_packet_page_note(p);
}

void dr_packet_end(struct packet *p)
{
	if (p->sect_open)
		dr_draw_close(&p->d);
	p->sect_open = false;
}

void dr_packet_need(struct packet *p, double h)
{
	if (p->y - h < p->bottom)
		dr_packet_new_page(p, true);
}

void dr_packet_page_note(struct packet *p)
{
	if (!p->pg->note || p->pg->kind == DR_PAGE_COVER)
		return;
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 9.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
	             fs(p, 13), p->pg->note);
	dr_draw_close(&p->d);
	p->y -= fs(p, 6);
}

void dr_packet_hidden_note(struct packet *p, size_t nhidden, const char *why)
{
	if (!nhidden)
		return;
	char buf[512];
	dr_packet_hidden_words(nhidden, "group", why, buf, sizeof buf);
	dr_draw_open(&p->d, "P");
	dr_draw_wrap(&p->d, p->d.font, fs(p, 8.5), MUTED, p->margin, &p->y, p->w - 2 * p->margin,
	             fs(p, 11), buf);
	dr_draw_close(&p->d);
}

void dr_packet_draw_series(struct packet *p, const struct dr_series *s, enum dr_chart_kind k,
                           double x, double y, double w, double h)
{
	if (p->d.error || s->n == 0)
		return;
	struct dr_chart_point *pt = dr_xcalloc(s->n, sizeof *pt);
	struct dr_chart c = { 0 };
	dr_chart_from_series(s, &c, pt);
	c.kind = k;
	char headline[640], alt[1024];
	dr_headline(s, headline, sizeof headline);
	dr_chart_alt(&c, headline, alt, sizeof alt);
	dr_draw_chart(&p->d, &c, alt, x, y, w, h, k != DR_CHART_SPARKLINE && k != DR_CHART_TILE);
	free(pt);
}

