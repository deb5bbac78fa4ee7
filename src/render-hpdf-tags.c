/*
 * render-hpdf-tags.c -- the tagger of pdf-tags.h.
 *
 * STUB: every call does nothing yet (the structure tree and marked
 * content are being built on a branch); the interface is final.
 */
#include <stdlib.h>

#include "dyadreport/pdf-tags.h"

struct dr_tags {
	HPDF_Doc pdf;
};

struct dr_tags *dr_tags_new(HPDF_Doc pdf)
{
	struct dr_tags *t = calloc(1, sizeof *t);
	if (t)
		t->pdf = pdf;
	return t;
}

void dr_tags_free(struct dr_tags *t) { free(t); }
void dr_tags_page(struct dr_tags *t, HPDF_Page page) { (void)t; (void)page; }
void dr_tags_open(struct dr_tags *t, const char *type) { (void)t; (void)type; }
void dr_tags_th(struct dr_tags *t, enum dr_tags_scope scope) { (void)t; (void)scope; }
void dr_tags_figure(struct dr_tags *t, const char *alt, double x, double y, double w, double h)
{
	(void)t; (void)alt; (void)x; (void)y; (void)w; (void)h;
}
void dr_tags_close(struct dr_tags *t) { (void)t; }
void dr_tags_content(struct dr_tags *t) { (void)t; }
void dr_tags_artifact(struct dr_tags *t) { (void)t; }
int dr_tags_finish(struct dr_tags *t, const char *title, const char *lang)
{
	(void)t; (void)title; (void)lang;
	return 0;
}
