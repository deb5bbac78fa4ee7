/*
 * test-stamp.c -- a chart file's stamp (chart-stamp.c) and the smallest
 * type of a slide chart (struct dr_chart min_text), read from the render
 * trace: a stamped chart draws its headline above and the dyad, report
 * month, data-through date and audience under the chart, and the chart's
 * own text stays between them; an unstamped chart draws none of these
 * words; a stamp's comment is labelled, between the headline and the
 * chart, cut at three lines; with min_text no text is drawn smaller, the
 * legend included.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/chart.h"
#include "dyadreport/render.h"
#include "tap.h"

#define N 14

static struct dr_chart_point pt[N];

/* A 14-month SPC chart of a rate ending October 2026, with a target. */
static struct dr_chart spc(void)
{
	for (int i = 0; i < N; i++)
		pt[i] = (struct dr_chart_point){ .month = dr_month_make(2025, 9 + i),
		                                 .y = 0.1 + 0.01 * (i % 3), .cl = 0.11, .lcl = 0.07,
		                                 .ucl = 0.15, .n = NAN, .phase = 1,
		                                 .type = DR_POINT_COMMON };
	return (struct dr_chart){ .kind = DR_CHART_SPC, .title = "No-show rate",
	                          .subtitle = "No-shows over completed and no-show visits.",
	                          .footnote = "XmR chart", .unit = DR_UNIT_PERCENT, .better = -1,
	                          .has_target = true, .target = 0.08, .n = N, .pt = pt,
	                          .reference = NAN, .trial_limits = true };
}

/* The trace of c in a w x h box, malloc'd. */
static char *trace(const struct dr_chart *c, double w, double h)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	dr_render_trace(f, c, w, h);
	fclose(f);
	return buf;
}

/* The text lines of a trace: baseline y and size of every text line whose
 * string contains needle (NULL: any); returns how many, with the least and
 * greatest y and the smallest size. */
struct texts {
	int n;
	double ymin, ymax, smallest;
};
static struct texts texts(const char *tr, const char *needle)
{
	struct texts t = { 0, INFINITY, -INFINITY, INFINITY };
	for (const char *l = tr; l && *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l) : strlen(l);
		double x, y, size;
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)(len < 1023 ? len : 1023), l);
		if (sscanf(line, "text %lf %lf size %lf", &x, &y, &size) == 3 &&
		    (!needle || strstr(line, needle))) {
			t.n++;
			t.ymin = fmin(t.ymin, y);
			t.ymax = fmax(t.ymax, y);
			t.smallest = fmin(t.smallest, size);
		}
		l = end ? end + 1 : NULL;
	}
	return t;
}

int main(void)
{
	static const char *headline = "No-show rate was 10.0% in October 2026, down from 12.0%. "
	                              "Normal ups and downs: no real change. Target 8.0%: "
	                              "not met.";
	static const char *line = "Primary Care \xC2\xB7 Report month October 2026 \xC2\xB7 Data "
	                          "through 30 October 2026 \xC2\xB7 Public";
	struct dr_chart_stamp st = { .dyad = "Primary Care", .month = "October 2026",
	                             .through = "30 October 2026", .public_audience = true };
	struct dr_chart c = spc();
	c.headline = headline;

	char *plain = trace(&c, 800, 450);
	tap_ok(!strstr(plain, "No-show rate was"), "unstamped: no headline drawn");
	tap_ok(!strstr(plain, "Report month"), "unstamped: no report month");
	tap_ok(!strstr(plain, "Data through"), "unstamped: no data-through date");
	tap_ok(!strstr(plain, "Public"), "unstamped: no audience");

	c.stamp = &st;
	char *tr = trace(&c, 800, 450);
	tap_ok(!strstr(tr, "!!"), "stamped: no render.h state breaches");
	struct texts head = texts(tr, "No-show rate was"), foot = texts(tr, line);
	tap_int(head.n, 1, "stamped: the headline's first line is drawn");
	tap_ok(strstr(tr, "not met.\"") != NULL, "stamped: ... and its end, on a second line");
	tap_int(foot.n, 1, "stamped: dyad, report month, data through and audience on one line");
	tap_ok(foot.ymax <= 450 && head.ymin > 0, "stamped: both inside the box");
	struct texts title = texts(tr, "\"No-show rate\""), all = texts(tr, NULL);
	tap_int(title.n, 1, "stamped: the chart's title is drawn");
	tap_ok(title.ymin > head.ymax, "stamped: the chart's title under the headline");
	tap_ok(all.ymax == foot.ymax, "stamped: no chart text under the stamp line");

	/* The dyad's comment: under the headline, above the chart's title,
	 * labelled, at most three lines; the chart still fits. */
	static const char *comment = "We will call every patient 48 h before the visit and check "
	                             "the reminder texts reach them; the clinic leads report back "
	                             "next month with the calls made, the numbers that bounced, "
	                             "and what the patients told us about why they did not come, "
	                             "so the dyad can decide whether to keep the calls, change "
	                             "the script, or stop them and try a text the day before "
	                             "instead, and what that would cost the front desk. ENDWORD";
	st.comment = comment;
	free(tr);
	tr = trace(&c, 800, 450);
	struct texts label = texts(tr, "\"Dyad comment:\""), first = texts(tr, "\"We will call");
	title = texts(tr, "\"No-show rate\"");
	head = texts(tr, "No-show rate was");
	tap_ok(!strstr(tr, "!!"), "comment: no render.h state breaches");
	tap_int(label.n, 1, "comment: labelled once, in bold");
	tap_ok(strstr(tr, "bold left \"Dyad comment:\"") != NULL, "comment: ... the label bold");
	tap_ok(first.n == 1 && first.ymin == label.ymin, "comment: its text on the label's line");
	tap_ok(label.ymin > head.ymax && title.ymin > label.ymin,
	       "comment: under the headline, above the chart's title");
	tap_ok(!strstr(tr, "ENDWORD") && strstr(tr, "\xe2\x80\xa6\"") != NULL,
	       "comment: cut at three lines with an ellipsis");
	tap_ok(texts(tr, NULL).ymax == foot.ymax, "comment: no chart text under the stamp line");
	st.comment = NULL;

	st.public_audience = false;
	st.through = NULL;
	free(tr);
	tr = trace(&c, 800, 450);
	tap_ok(strstr(tr, "\"Primary Care \xC2\xB7 Report month October 2026 \xC2\xB7 Internal\"")
	       != NULL, "stamped: internal, no date known: the date left out");

	c.kind = DR_CHART_SPARKLINE;
	free(tr);
	tr = trace(&c, 800, 450);
	tap_ok(strstr(tr, "\"No-show rate\"") != NULL, "stamped sparkline: the stamp gives its title");

	/* A slide's chart file: 14 pt when its 800-point box is shown 960 wide
	 * (the trace prints sizes to 0.01). */
	c = spc();
	c.min_text = 14.0 / 1.2;
	free(tr);
	tr = trace(&c, 800, 450);
	struct texts t = texts(tr, NULL), legend = texts(tr, "Target\"");
	tap_ok(t.smallest >= 14.0 / 1.2 - 0.006, "min_text: no text smaller, 800 x 450");
	tap_ok(legend.n >= 1, "min_text: the legend is still drawn");
	tap_ok(!strstr(tr, "!!"), "min_text: no state breaches");
	/* The packet's slide: the chart box drawn x1.5 (type_scale). */
	c.min_text = 14.0 / 1.5;
	free(tr);
	tr = trace(&c, 576, 230);
	t = texts(tr, NULL);
	tap_ok(t.smallest >= 14.0 / 1.5 - 0.006, "min_text: no text smaller, 576 x 230");
	tap_ok(t.n > 10, "min_text: the chart's text is drawn");
	free(tr);
	free(plain);
	return tap_done();
}
