/*
 * test-funnel-chart.c -- the words and labels of a funnel chart
 * (chart-headline-funnel.c, chart-funnel.c, chart-alt.c): the headline
 * names the groups outside the 99.8% limits as higher or lower, only when
 * the chart labels them (a public template's counts them instead), never
 * says better or worse; the chart draws a label beside each point outside
 * 99.8% and no other, and none without funnel_labels; the caption names
 * the overdispersion model; no funnel says "No comparison possible".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "charttest.h"
#include "dyadreport/chart.h"
#include "tap.h"

static struct dr_chart_funnel_point pt[6] = {
	{ "Dr Okafor", 900, 0.078, DR_FUNNEL_WITHIN, false },
	{ "Dr Lindqvist", 410, 0.054, DR_FUNNEL_BELOW_95, false },
	{ "Dr Moreau", 300, 0.030, DR_FUNNEL_BELOW_998, false },
	{ "Dr Haddad", 260, 0.115, DR_FUNNEL_ABOVE_95, false },
	{ "Dr Kowalski", 150, 0.240, DR_FUNNEL_ABOVE_998, false },
	{ "Dr Nobody", 0, NAN, DR_FUNNEL_NO_N, false },
};
static struct dr_funnel f = { DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_NONE, 0.08, NAN, NAN, 5 };

static struct dr_chart chart(bool labels)
{
	return (struct dr_chart){ .kind = DR_CHART_FUNNEL, .title = "No-show rate by provider",
	                          .unit = DR_UNIT_PERCENT, .better = -1, .fpt = pt, .nfpt = 6,
	                          .funnel = &f, .funnel_labels = labels, .x_label = "Visits (n)",
	                          .reference = NAN, .target = NAN };
}

/* Whether trace t draws text s. */
static bool draws(const char *t, const char *s)
{
	char q[128];
	snprintf(q, sizeof q, "\"%s\"", s);
	return strstr(t, q) != NULL;
}

int main(void)
{
	char h[512];
	struct dr_chart c = chart(true);
	dr_headline_funnel(&c, "providers", h, sizeof h);
	tap_str(h, "2 of 5 providers are outside the 99.8% limits: Dr Kowalski higher, Dr Moreau "
	        "lower; the rest are within what chance gives at their size.",
	        "labelled: names outside 99.8%, higher first, n = 0 not counted");
	tap_ok(!strstr(h, "better") && !strstr(h, "worse"), "never better or worse");

	c = chart(false);
	dr_headline_funnel(&c, "providers", h, sizeof h);
	tap_str(h, "2 of 5 providers are outside the 99.8% limits: 1 higher, 1 lower; the rest are "
	        "within what chance gives at their size.", "public: counted, no name");
	char alt[1024];
	dr_chart_alt(&c, h, alt, sizeof alt);
	tap_ok(!strstr(alt, "Dr "), "public: the alternative text names no provider");
	tap_ok(strstr(alt, "Binomial limits, no overdispersion adjustment") != NULL,
	       "alt text names the limits' model");

	/* Labels on the chart: outside 99.8% only, and none in public. */
	c = chart(true);
	char *t = ct_trace(&c, 800, 450);
	tap_ok(draws(t, "Dr Kowalski") && draws(t, "Dr Moreau"), "labels the two outside 99.8%");
	tap_ok(!draws(t, "Dr Haddad") && !draws(t, "Dr Okafor") && !draws(t, "Dr Lindqvist"),
	       "labels no point inside 99.8%");
	tap_ok(strstr(t, "group points outside 99.8") != NULL, "outside 99.8% drawn as its own group");
	free(t);
	c = chart(false);
	t = ct_trace(&c, 800, 450);
	tap_ok(!strstr(t, "Dr "), "public: no provider label drawn");
	tap_ok(strstr(t, "group point labels") == NULL, "public: no label group");
	free(t);

	/* A rate on too few cases: plotted grey, never judged, named or labelled. */
	struct dr_chart_funnel_point few[4] = { { "A", 100, 0.08, DR_FUNNEL_WITHIN, false },
	                                        { "B", 200, 0.30, DR_FUNNEL_ABOVE_998, false },
	                                        { "Dr Tiny", 6, 0.333, DR_FUNNEL_ABOVE_998, true },
	                                        { "C", 300, 0.07, DR_FUNNEL_WITHIN, false } };
	c = chart(true);
	c.fpt = few;
	c.nfpt = 4;
	c.funnel_min_den = 20;
	dr_headline_funnel(&c, "providers", h, sizeof h);
	tap_str(h, "1 of 3 providers is outside the 99.8% limits: B higher; the rest are within "
	        "what chance gives at their size. 1 with fewer than 20 cases is not judged.",
	        "small n: not counted or named, said apart");
	t = ct_trace(&c, 800, 450);
	tap_ok(!draws(t, "Dr Tiny") && draws(t, "B"), "small n: not labelled");
	tap_ok(strstr(t, "group points small-n") != NULL && draws(t, "too few cases"),
	       "small n: its own grey points and legend entry");
	free(t);

	/* None outside 99.8%. */
	struct dr_chart_funnel_point in[3] = { { "A", 100, 0.08, DR_FUNNEL_WITHIN, false },
	                                       { "B", 200, 0.12, DR_FUNNEL_ABOVE_95, false },
	                                       { "C", 300, 0.07, DR_FUNNEL_WITHIN, false } };
	c = chart(true);
	c.fpt = in;
	c.nfpt = 3;
	dr_headline_funnel(&c, "departments", h, sizeof h);
	tap_str(h, "All 3 departments are within the 99.8% limits: they differ by no more than "
	        "chance gives at their size (1 outside the 95% limits only, as about 1 group in 20 is "
	        "by chance alone).", "none outside 99.8%");

	/* No funnel: no comparison, and the chart says so without points. */
	c = chart(true);
	c.funnel = NULL;
	dr_headline_funnel(&c, "providers", h, sizeof h);
	tap_str(h, "No comparison possible: the limits could not be computed.", "no funnel");
	t = ct_trace(&c, 800, 450);
	tap_ok(draws(t, "No comparison possible") && !strstr(t, "group points"),
	       "no funnel: the chart says so and draws no point");
	free(t);
	c.nfpt = 0;
	c.funnel_hidden = 3;
	dr_headline_funnel(&c, "providers", h, sizeof h);
	tap_str(h, "No comparison possible: every group is hidden to protect privacy or has no "
	        "cases.", "every group hidden");

	/* Captions. */
	dr_chart_funnel_caption(&f, 0, h, sizeof h);
	tap_str(h, "Binomial limits, no overdispersion adjustment; target is the pooled rate of the "
	        "groups plotted", "caption: none");
	struct dr_funnel add = { DR_FUNNEL_PROPORTION, DR_FUNNEL_OD_ADDITIVE, 0.08, 2.5, 0.0123, 40 };
	dr_chart_funnel_caption(&add, 2, h, sizeof h);
	tap_str(h, "Limits widened for overdispersion, additive, tau^2 = 0.0123; target is the "
	        "pooled rate of the groups plotted \xC2\xB7 2 groups hidden for privacy (not plotted)",
	        "caption: additive with tau^2, hidden groups");
	struct dr_funnel mul = { DR_FUNNEL_POISSON, DR_FUNNEL_OD_MULTIPLICATIVE, 2, 1.84, NAN, 9 };
	dr_chart_funnel_caption(&mul, 1, h, sizeof h);
	tap_str(h, "Limits widened for overdispersion, multiplicative, phi = 1.84; target is the "
	        "pooled rate of the groups plotted \xC2\xB7 1 group hidden for privacy (not plotted)",
	        "caption: multiplicative with phi, one hidden");
	dr_chart_funnel_caption(NULL, 0, h, sizeof h);
	tap_str(h, "No comparison possible", "caption: no funnel");

	/* Truncation is safe. */
	c = chart(true);
	dr_headline_funnel(&c, "providers", h, 12);
	tap_ok(strlen(h) < 12, "a small buffer is never overrun");
	return tap_done();
}
