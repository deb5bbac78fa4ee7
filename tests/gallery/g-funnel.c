/*
 * g-funnel.c -- gallery items of the funnel plot (gallery.h): fourteen
 * providers' no-show rates on 18 to 900 visits, two outside the 99.8%
 * limits of the binomial (labelled); the same unlabelled, as a public template draws it;
 * then hostile ones: no groups, one group, 40-character names, forty
 * widely spread departments (overdispersed: the additive model), sizes
 * within a narrow range (a linear axis), rates of 0% and 100% around a
 * target near zero, and a funnel that could not be judged. Each funnel
 * is judged by dr_funnel_judge (funnel.h) from the groups' counts.
 */
#include <math.h>
#include <stdio.h>

#include "gallery.h"

#define MAXG 40

/* One judged set: counts in, chart points and funnel out. */
struct set {
	size_t n;
	double y[MAXG], size[MAXG];
	const char *label[MAXG];
	struct dr_chart_funnel_point pt[MAXG];
	struct dr_funnel f;
	bool ok;
};

static void judge(struct set *s, enum dr_funnel_od od)
{
	struct dr_funnel_point fp[MAXG];
	s->ok = dr_funnel_judge(s->y, s->size, s->n, DR_FUNNEL_PROPORTION, od, NAN, &s->f, fp) == 0;
	for (size_t i = 0; i < s->n; i++)
		s->pt[i] = (struct dr_chart_funnel_point){ s->label[i], s->size[i],
		                                           s->ok ? fp[i].rate : s->y[i] / s->size[i],
		                                           s->ok ? fp[i].flag : DR_FUNNEL_WITHIN,
		                                           s->size[i] < 20 };
}

static struct dr_chart base(const char *title, const struct set *s)
{
	return (struct dr_chart){
		.kind = DR_CHART_FUNNEL, .title = title, .unit = DR_UNIT_PERCENT, .better = -1,
		.subtitle = "No-show rate against visits booked, October 2026",
		.fpt = s->pt, .nfpt = s->n, .funnel = s->ok ? &s->f : NULL, .funnel_labels = true,
		.x_label = "Visits (n)", .y_label = "No-show rate", .reference = NAN, .target = NAN,
	};
}

size_t gallery_funnel(struct gallery_item *out, size_t max)
{
	static struct set normal = {
		14,
		{ 70, 22, 41, 9, 30, 12, 25, 6, 19, 4, 8, 2, 3, 5 },
		{ 900, 410, 380, 300, 260, 220, 200, 150, 120, 90, 60, 40, 25, 18 },
		{ "Dr Okafor", "Dr Lindqvist", "Dr Patel", "Dr Moreau", "Dr Haddad", "Dr Chen",
		  "Dr Alvarez", "Dr Kowalski", "Dr Nakamura", "Dr Brennan", "Dr Osei", "Dr Ivanova",
		  "Dr Silva", "Dr Dubois" },
		{ { 0 } }, { 0 }, false,
	};
	static struct set spread, narrow, extreme, one, longn;
	static char names[MAXG][24];
	static char caption[8][256];
	size_t n = 0;
	judge(&normal, DR_FUNNEL_OD_NONE);
	struct dr_chart c;

	if (n < max) {
		c = base("No-show rate by provider", &normal);
		dr_chart_funnel_caption(c.funnel, 0, caption[0], sizeof caption[0]);
		c.footnote = caption[0];
		out[n++] = (struct gallery_item){ "funnel-normal", c, 0 };
	}
	if (n < max) {
		c = base("No-show rate by provider", &normal);
		c.funnel_labels = false;
		dr_chart_funnel_caption(c.funnel, 2, caption[1], sizeof caption[1]);
		c.footnote = caption[1];
		c.funnel_hidden = 2;
		out[n++] = (struct gallery_item){ "funnel-unlabelled", c, 0 };
	}
	if (n < max) {
		c = base("No-show rate by provider", &normal);
		c.nfpt = 0;
		c.funnel = NULL;
		out[n++] = (struct gallery_item){ "funnel-empty", c, 0 };
	}
	if (n < max) {
		one = (struct set){ 1, { 12 }, { 140 }, { "Cardiology" }, { { 0 } }, { 0 }, false };
		judge(&one, DR_FUNNEL_OD_AUTO);
		out[n++] = (struct gallery_item){ "funnel-one", base("No-show rate by department", &one),
		                                  0 };
	}
	if (n < max) {
		longn = (struct set){ 4, { 80, 2, 30, 40 }, { 400, 120, 300, 410 },
		                      { "Supercalifragilisticexpialidociousnessxy",
		                        "Informaci\u00f3n del asegurado no coincide \u2013 ",
		                        NULL, "Medizinische Notwendigkeit nicht belegt!" },
		                      { { 0 } }, { 0 }, false };
		judge(&longn, DR_FUNNEL_OD_NONE);
		out[n++] = (struct gallery_item){ "funnel-long-names",
		                                  base("Initial denial rate by payer", &longn), 0 };
	}
	if (n < max) {
		spread.n = MAXG;
		for (size_t i = 0; i < MAXG; i++) {
			snprintf(names[i], sizeof names[i], "Department %zu", i + 1);
			spread.label[i] = names[i];
			spread.size[i] = 60 + 37 * (double)((i * 7) % MAXG);
			double p = 0.04 + 0.2 * (double)((i * 13) % MAXG) / MAXG;
			spread.y[i] = round(p * spread.size[i]);
		}
		judge(&spread, DR_FUNNEL_OD_AUTO);
		c = base("No-show rate by department", &spread);
		dr_chart_funnel_caption(c.funnel, 0, caption[2], sizeof caption[2]);
		c.footnote = caption[2];
		out[n++] = (struct gallery_item){ "funnel-overdispersed", c, 0 };
	}
	if (n < max) {
		narrow = (struct set){ 5, { 40, 52, 47, 61, 20 }, { 400, 420, 390, 450, 410 },
		                       { "Ward A", "Ward B", "Ward C", "Ward D", "Ward E" },
		                       { { 0 } }, { 0 }, false };
		judge(&narrow, DR_FUNNEL_OD_NONE);
		out[n++] = (struct gallery_item){ "funnel-linear",
		                                  base("Handoff completion by type", &narrow), 0 };
	}
	if (n < max) {
		extreme = (struct set){ 6, { 0, 0, 1, 3, 2, 5 }, { 5, 2000, 900, 3, 1500, 5 },
		                        { "Tiny", "Big", "Mid", "Three of three", "Large", "All" },
		                        { { 0 } }, { 0 }, false };
		judge(&extreme, DR_FUNNEL_OD_NONE);
		out[n++] = (struct gallery_item){ "funnel-extreme",
		                                  base("Initial denial rate by payer", &extreme), 0 };
	}
	if (n < max) {
		c = base("No-show rate by provider", &normal);
		c.funnel = NULL;
		dr_chart_funnel_caption(NULL, 0, caption[3], sizeof caption[3]);
		c.footnote = caption[3];
		out[n++] = (struct gallery_item){ "funnel-no-comparison", c, 0 };
	}
	return n;
}
