/*
 * chart-headline-grouped.c -- the headline of grouped bars (survey
 * results by role or department, one group of bars per wave).
 *
 * Input:  the grid the chart draws (struct dr_chart_grid, chart.h): its
 *         last column is the latest wave; each cell a value, hidden
 *         (privacy) or small_n (a rate on fewer respondents than
 *         [report] min_denominator, drawn light grey with its n).
 * Output: one sentence in the caller's buffer, never naming a hidden or
 *         small_n group as highest, and never quoting their values:
 *           "Burnout in Q4 2026: highest among Nurses at 30.0%."
 *           "... highest among Nurses at 30.0%. Too few respondents to
 *            compare (fewer than 20): Physicians, Staff."
 *           "Burnout in Q4 2026: Nurses at 30.0%. Too few respondents to
 *            compare (fewer than 20): Physicians." (one group to compare)
 *           "Burnout in Q4 2026: every group shown has fewer than 20
 *            respondents, too few to compare."
 *           "Burnout: no survey group large enough to show."
 *         Up to three small groups are named, then "and N more".
 * Never:  allocates, prints, or writes past size.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "dyadreport/chart.h"

/* Appends to buf at *len, never past size. */
static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	if (*len >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	*len = n < 0 ? size : *len + (size_t)n;
	if (*len >= size)
		*len = size;
}

void dr_headline_grouped(const char *label, const char *when, enum dr_chart_unit unit,
                         const struct dr_chart_grid *g, int min_den, char *buf, size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	size_t top = 0, neligible = 0, nsmall = 0, len = 0;
	size_t col = g->ncol ? g->ncol - 1 : 0;
	const struct dr_chart_cell *cell = g->cell && g->ncol ? g->cell + col : NULL;
	for (size_t r = 0; cell && r < g->nrow; r++) {
		const struct dr_chart_cell *e = &cell[r * g->ncol];
		if (e->hidden || isnan(e->value))
			continue;
		if (e->small_n) {
			nsmall++;
			continue;
		}
		if (neligible++ == 0 || e->value > cell[top * g->ncol].value)
			top = r;
	}
	const char *const *row = g->row;
#define ROW(r) (row && row[r] ? row[r] : "")
	if (neligible == 0 && nsmall == 0) {
		add(buf, size, &len, "%s: no survey group large enough to show.", label);
		return;
	}
	if (neligible == 0) {
		add(buf, size, &len, "%s in %s: every group shown has fewer than %d respondents, too "
		    "few to compare.", label, when, min_den);
		return;
	}
	char v[64];
	dr_chart_format_value(unit, cell[top * g->ncol].value, -1, v, sizeof v);
	if (neligible == 1 && nsmall > 0)
		add(buf, size, &len, "%s in %s: %s at %s.", label, when, ROW(top), v);
	else
		add(buf, size, &len, "%s in %s: highest among %s at %s.", label, when, ROW(top), v);
	if (nsmall == 0)
		return;
	add(buf, size, &len, " Too few respondents to compare (fewer than %d): ", min_den);
	size_t named = 0;
	for (size_t r = 0; r < g->nrow; r++) {
		const struct dr_chart_cell *e = &cell[r * g->ncol];
		if (e->hidden || isnan(e->value) || !e->small_n)
			continue;
		if (named == 3) {
			add(buf, size, &len, " and %zu more", nsmall - named);
			break;
		}
		add(buf, size, &len, "%s%s", named ? ", " : "", ROW(r));
		named++;
	}
	add(buf, size, &len, ".");
#undef ROW
}
