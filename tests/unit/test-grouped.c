/*
 * test-grouped.c -- grouped bars (survey results by role) on too few
 * respondents (issue 16, point 5): the headline (chart-headline-grouped.c
 * dr_headline_grouped) never names a small_n or hidden group as highest,
 * and the chart (chart-grouped.c) draws a rate on too few respondents
 * light grey with its n, explains the grey in the legend only when drawn,
 * and lists only series with a bar. Exact sentences, colours and texts
 * through the trace.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charttest.h"
#include "dyadreport/chart.h"
#include "tap.h"
#include "testutil.h"

#define NROW 5
#define NCOL 2

static const char *const roles[NROW] = { "Physicians", "APPs", "Nurses", "Administrators",
	                                 "Staff" };
static const char *const waves[NCOL] = { "Q3 26", "Q4 26" };
static struct dr_chart_cell cell[NROW * NCOL];

/* Sets role r in wave c: a rate v on n respondents (small below 20), or
 * hidden when n is 0, or no value when v is NAN. */
static void set(size_t r, size_t c, double v, double n)
{
	cell[r * NCOL + c] = (struct dr_chart_cell){ .value = n > 0 ? v : NAN, .hidden = n == 0,
	                                             .small_n = n > 0 && !isnan(v) && n < 20,
	                                             .n = n };
}

static struct dr_chart_grid grid(void)
{
	return (struct dr_chart_grid){ .nrow = NROW, .ncol = NCOL, .row = roles, .col = waves,
	                               .cell = cell };
}

static const char *headline(void)
{
	static char out[640];
	struct dr_chart_grid g = grid();
	dr_headline_grouped("Burnout", "Q4 2026", DR_UNIT_PERCENT, &g, 20, out, sizeof out);
	return out;
}

/* Every role of both waves on enough respondents, Administrators hidden. */
static void all_large(void)
{
	for (size_t c = 0; c < NCOL; c++) {
		set(0, c, 0.40, 30);
		set(1, c, 0.30, 25);
		set(2, c, 0.429, 21);
		set(3, c, 0, 0);
		set(4, c, 0.35, 40);
	}
}

static void test_headline(void)
{
	all_large();
	tap_str(headline(), "Burnout in Q4 2026: highest among Nurses at 42.9%.",
	        "enough respondents everywhere: the highest group");

	/* The sample's oncology Q4: Physicians 46.7% on 15, Staff 40% on 5. */
	set(0, 1, 0.467, 15);
	tap_str(headline(), "Burnout in Q4 2026: highest among Nurses at 42.9%. Too few respondents to "
	                    "compare (fewer than 20): Physicians.",
	        "a taller bar on 15 respondents is never the highest");
	tap_ok(strstr(headline(), "46.7%") == NULL, "... and its value is not quoted");

	set(1, 1, 0.30, 0);                     /* APPs hidden */
	set(4, 1, 0.40, 5);
	tap_str(headline(), "Burnout in Q4 2026: Nurses at 42.9%. Too few respondents to compare "
	                    "(fewer than 20): Physicians, Staff.",
	        "one group left to compare: no 'highest among'");

	set(2, 1, 0.429, 19);
	tap_str(headline(), "Burnout in Q4 2026: every group shown has fewer than 20 respondents, too "
	                    "few to compare.", "every group small: nothing is compared");

	for (size_t r = 0; r < NROW; r++)
		set(r, 1, 0.5, 0);
	tap_str(headline(), "Burnout: no survey group large enough to show.", "every group hidden");

	/* Only the latest wave is headlined; a high earlier wave does not count. */
	all_large();
	set(4, 0, 0.9, 40);
	tap_str(headline(), "Burnout in Q4 2026: highest among Nurses at 42.9%.",
	        "the latest wave only");

	/* More than three small groups: three named, then a count. */
	set(0, 1, 0.5, 3);
	set(1, 1, 0.5, 4);
	set(3, 1, 0.5, 6);
	set(4, 1, 0.5, 7);
	tap_str(headline(), "Burnout in Q4 2026: Nurses at 42.9%. Too few respondents to compare "
	                    "(fewer than 20): Physicians, APPs, Administrators and 1 more.",
	        "three small groups named, the rest counted");

	/* A tiny buffer is cut safely. */
	char tiny[12];
	struct dr_chart_grid g = grid();
	dr_headline_grouped("Burnout", "Q4 2026", DR_UNIT_PERCENT, &g, 20, tiny, sizeof tiny);
	tap_str(tiny, "Burnout in ", "truncated safely");
}

/* The lines of trace t under group g (exactly that name), as a malloc'd
 * string; "" when the group is not there. */
static char *section(const char *t, const char *g)
{
	size_t cap = strlen(t) + 1, len = 0;
	char *out = malloc(cap);
	bool in = false;
	for (const char *p = t; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (strncmp(p, "group ", 6) == 0)
			in = n - 7 == strlen(g) && strncmp(p + 6, g, n - 7) == 0;
		else if (in) {
			memcpy(out + len, p, n);
			len += n;
		}
		p = nl ? nl + 1 : NULL;
	}
	out[len] = '\0';
	return out;
}

static void test_chart(void)
{
	char want[32];
	all_large();
	set(0, 1, 0.467, 15);                   /* Physicians Q4 on 15 */
	set(4, 1, 0.40, 5);                     /* Staff Q4 on 5 */
	set(1, 1, 0.30, 12);                    /* APPs Q4 on 12 */
	struct dr_chart c = { .kind = DR_CHART_GROUPED, .title = "Burnout by role",
	                      .unit = DR_UNIT_PERCENT, .period = DR_PERIOD_QUARTER,
	                      .target = NAN, .reference = NAN, .grid = grid() };
	char *t = ct_trace(&c, 800, 450);
	tap_int(tu_count_lines(t, "!!"), 0, "trace: no breaches");

	char *s = section(t, "bar small-n Physicians");
	tap_ok(strstr(s, "colour #aeb7bd\nrect ") != NULL, "Physicians Q4 on 15: a light grey bar");
	tap_int(tu_count_lines(s, "rect "), 1, "... one bar (Q3 is on 30)");
	free(s);
	s = section(t, "bar Physicians");
	snprintf(want, sizeof want, "colour #%06x\nrect ", (unsigned)dr_chart_palette(0));
	tap_ok(strstr(s, want) != NULL, "Physicians Q3 on 30: its series colour");
	tap_int(tu_count_lines(s, "rect "), 1, "... one bar");
	free(s);
	s = section(t, "bar small-n Staff");
	tap_ok(strstr(s, "colour #aeb7bd\nrect ") != NULL, "Staff Q4 on 5: light grey");
	free(s);
	s = section(t, "bar small-n APPs");
	tap_ok(strstr(s, "colour #aeb7bd\nrect ") != NULL, "APPs Q4 on 12: light grey");
	tap_ok(strstr(s, "colour #ffffff") != NULL && tu_count_lines(s, "move ") > 3,
	       "... hatched as its series (white diagonals)");
	free(s);
	s = section(t, "bar Nurses");
	snprintf(want, sizeof want, "colour #%06x\nrect ", (unsigned)dr_chart_palette(2));
	tap_ok(strstr(s, want) != NULL, "Nurses on 21: its series colour");
	tap_int(tu_count_lines(s, "rect "), 2, "... both waves");
	free(s);
	tap_ok(strstr(t, "group bar small-n Nurses") == NULL, "no grey Nurses bar");

	s = section(t, "value labels");
	tap_ok(strstr(s, "colour #768692\ntext ") != NULL, "small-n values muted");
	tap_ok(strstr(s, "\"n = 15\"") != NULL || strstr(s, "\"n=15\"") != NULL,
	       "Physicians labelled with n = 15");
	tap_ok(strstr(s, "\"n = 5\"") != NULL || strstr(s, "\"n=5\"") != NULL,
	       "Staff labelled with n = 5");
	tap_ok(strstr(s, "\"n = 30\"") == NULL && strstr(s, "\"n=30\"") == NULL,
	       "no n on a rate on enough respondents");
	free(s);

	s = section(t, "legend");
	tap_ok(strstr(s, "\"Too few respondents (n)\"") != NULL, "legend explains the grey");
	tap_ok(strstr(s, "colour #aeb7bd\nrect ") != NULL, "... with a light grey swatch");
	tap_ok(strstr(s, "\"Administrators\"") == NULL, "hidden in every wave: not in the legend");
	tap_ok(strstr(s, "\"Physicians\"") && strstr(s, "\"APPs\"") && strstr(s, "\"Nurses\"") &&
	       strstr(s, "\"Staff\""), "the four series with bars are");
	free(s);
	tap_int(tu_count_lines(t, "group hidden"), 1, "the hidden cells still draw their dots");
	free(t);

	/* Narrow bars (many waves in a packet's column): every small-n bar
	 * whose value is labelled still says its n, in smaller type when
	 * "n=15" is wider than its bar; none is dropped while another is kept. */
	for (int w = 200; w <= 440; w += 40) {
		char what[96];
		c.grid = grid();
		t = ct_trace(&c, w, 450);
		s = section(t, "value labels");
		int values = 0;
		for (const char *q = s; (q = strstr(q, "%\"")) != NULL; q++)
			values++;
		snprintf(what, sizeof what, "width %d: n = 15, 5 and 12 all labelled (%d values)", w, values);
		tap_ok(values == 0 || ((strstr(s, "\"n = 15\"") || strstr(s, "\"n=15\"")) &&
		                       (strstr(s, "\"n = 5\"") || strstr(s, "\"n=5\"")) &&
		                       (strstr(s, "\"n = 12\"") || strstr(s, "\"n=12\""))), what);
		free(s);
		free(t);
	}

	/* Nothing small: no grey and no grey legend entry. */
	all_large();
	c.grid = grid();
	t = ct_trace(&c, 800, 450);
	tap_ok(strstr(t, "group bar small-n") == NULL, "no small-n bars");
	s = section(t, "legend");
	tap_ok(strstr(s, "Too few respondents") == NULL && strstr(s, "#aeb7bd") == NULL,
	       "no grey legend entry when no grey bar is drawn");
	tap_ok(strstr(s, "\"Administrators\"") == NULL, "still no Administrators");
	free(s);
	s = section(t, "value labels");
	tap_ok(strstr(s, "n = ") == NULL && strstr(s, "n=") == NULL, "no n labels");
	tap_ok(strstr(s, "#768692") == NULL, "no muted values");
	free(s);
	free(t);

	/* A series with a value in one wave only stays in the legend. */
	set(3, 0, 0.25, 22);
	c.grid = grid();
	t = ct_trace(&c, 800, 450);
	s = section(t, "legend");
	tap_ok(strstr(s, "\"Administrators\"") != NULL, "a bar in one wave: in the legend");
	snprintf(want, sizeof want, "colour #%06x\n", (unsigned)dr_chart_palette(3));
	tap_ok(strstr(s, want) != NULL, "... in its own series colour");
	free(s);
	free(t);
}

int main(void)
{
	test_headline();
	test_chart();
	return tap_done();
}
