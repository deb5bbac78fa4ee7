/*
 * chart-scale.c -- the numbers and words on a chart's axes.
 *
 * Input:  data bounds and an approximate tick count; a value and its unit;
 *         a month and the chart's period.
 * Output: dr_chart_ticks(): a step from {1, 2, 5} x 10^k with bounds rounded
 *         out to whole steps; dr_chart_format_value(): "1,234", "12.3%",
 *         "$12,300", "4.5"; dr_chart_format_tick(): the same with the step's
 *         decimals, shortened to "1.5M" from a million up;
 *         dr_chart_month_label(): "Oct", "Oct 25", "Q3 26".
 * Owns:   nothing; writes only into the caller's buffers, always
 *         NUL-terminated (text is cut if out is too small).
 * Never:  allocates, prints, or depends on the locale (no %' flag, no
 *         localeconv: the thousands separator is always ",", the decimal
 *         point always ".").
 * Hostile input: NAN and infinite values print as an en dash; flat or
 *         non-finite ranges get padded or default bounds; tick counts stay
 *         small whatever the range.
 * Tests:  tests/unit/test-chart.c (ticks, formats, labels by hand).
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/chart.h"

#define BIG 1e300               /* bounds are clamped so that ranges stay finite */

/* Writes [-]prefix 1,234.5 suffix; x is already rounded by snprintf. */
static void format_plain(double x, int dec, const char *prefix, const char *suffix,
                         char *out, size_t size)
{
	char digits[400];
	if (dec < 0)
		dec = 0;
	if (dec > 6)
		dec = 6;
	if (fabs(x) >= 1e15) {
		snprintf(out, size, "%s%.3g%s", prefix, x, suffix);
		return;
	}
	snprintf(digits, sizeof digits, "%.*f", dec, fabs(x));
	bool zero = strspn(digits, "0.") == strlen(digits);
	const char *dot = strchr(digits, '.');
	size_t nint = dot ? (size_t)(dot - digits) : strlen(digits);

	char grouped[420];
	size_t g = 0;
	for (size_t i = 0; i < nint; i++) {
		if (i > 0 && (nint - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	snprintf(out, size, "%s%s%s%s%s", x < 0 && !zero ? "-" : "", prefix, grouped,
	         dot ? dot : "", suffix);
}

void dr_chart_format_value(enum dr_chart_unit unit, double v, int decimals, char *out, size_t size)
{
	if (size == 0)
		return;
	if (!isfinite(v)) {
		snprintf(out, size, "\u2013");
		return;
	}
	switch (unit) {
	case DR_UNIT_PERCENT:
		format_plain(v * 100, decimals < 0 ? 1 : decimals, "", "%", out, size);
		break;
	case DR_UNIT_COUNT:
		format_plain(v, decimals < 0 ? 0 : decimals, "", "", out, size);
		break;
	case DR_UNIT_CURRENCY:
		format_plain(v, decimals < 0 ? 0 : decimals, "$", "", out, size);
		break;
	case DR_UNIT_DAYS:
	case DR_UNIT_HOURS:
		format_plain(v, decimals < 0 ? 1 : decimals, "", "", out, size);
		break;
	case DR_UNIT_NUMBER:
	default:
		if (decimals < 0)
			decimals = fabs(v) >= 100 ? 0 : fabs(v) >= 10 ? 1 : 2;
		format_plain(v, decimals, "", "", out, size);
		break;
	}
}

double dr_chart_printed_value(enum dr_chart_unit unit, double v)
{
	char buf[96], digits[96];
	size_t k = 0;
	dr_chart_format_value(unit, v, -1, buf, sizeof buf);
	for (const char *q = buf; *q && k + 1 < sizeof digits; q++)
		if ((*q >= '0' && *q <= '9') || *q == '.' || *q == '-')
			digits[k++] = *q;
	digits[k] = '\0';
	return k && strpbrk(digits, "0123456789") ? strtod(digits, NULL) : NAN;
}

/* Intervals [min, max] spans when rounded out to multiples of s. */
static double intervals(double min, double max, double s)
{
	return ceil(max / s - 1e-9) - floor(min / s + 1e-9);
}

void dr_chart_ticks(double min, double max, int approx, struct dr_chart_ticks *t)
{
	if (!isfinite(min) && !isfinite(max)) {
		min = 0;
		max = 1;
	} else if (!isfinite(min)) {
		min = max;
	} else if (!isfinite(max)) {
		max = min;
	}
	if (min > max) {
		double tmp = min;
		min = max;
		max = tmp;
	}
	min = fmax(min, -BIG);
	max = fmin(max, BIG);
	if (approx < 1)
		approx = 1;
	if (approx > 20)
		approx = 20;
	if (max - min <= fmax(fabs(min), fabs(max)) * 1e-9) {
		if (max == 0) {
			max = 1;
		} else {
			double pad = fabs(max) * 0.1;
			min -= pad;
			max += pad;
		}
	}
	if (!(max - min >= 1e-12))
		max = min + 1e-12;      /* denormal or tiny ranges: a usable window */

	double raw = (max - min) / approx;
	double mag = pow(10, floor(log10(raw)));
	static const double mult[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50 };
	double best = 0, best_score = INFINITY, best_n = 0;
	for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
		double s = mag * mult[i];
		double n = intervals(min, max, s);
		if (!(s > 0) || !isfinite(n) || n < 1)
			continue;
		/* Closest count by ratio; on a tie of ratios (7 vs 3 for 5) the
		 * larger step, but on the same count the smaller, tighter one. */
		double score = fabs(log(n / approx));
		if (score < best_score - 1e-12 || (score <= best_score + 1e-12 && n != best_n)) {
			best = s;
			best_score = score;
			best_n = n;
		}
	}
	if (!(best > 0))
		best = max - min;
	double k0 = floor(min / best + 1e-9), k1 = ceil(max / best - 1e-9);
	if (k1 <= k0)
		k1 = k0 + 1;
	t->step = best;
	t->lo = k0 * best;
	t->hi = k1 * best;
	t->n = (int)fmin(k1 - k0 + 1, 1000);
}

double dr_chart_tick(const struct dr_chart_ticks *t, int i)
{
	double k0 = floor(t->lo / t->step + 0.5);
	double v = (k0 + i) * t->step;
	return fabs(v) < t->step * 1e-9 ? 0.0 : v;
}

int dr_chart_decimals(enum dr_chart_unit unit, double step)
{
	double s = unit == DR_UNIT_PERCENT ? step * 100 : step;
	if (!(s > 0) || !isfinite(s))
		return 0;
	double d = ceil(-log10(s) - 1e-9);
	return d < 0 ? 0 : d > 6 ? 6 : (int)d;
}

void dr_chart_format_tick(enum dr_chart_unit unit, double v, const struct dr_chart_ticks *t,
                          char *out, size_t size)
{
	double top = fmax(fabs(t->lo), fabs(t->hi));
	bool shorten = unit == DR_UNIT_COUNT || unit == DR_UNIT_NUMBER || unit == DR_UNIT_CURRENCY;
	if (shorten && top >= 1e6 && isfinite(v)) {
		static const struct { double div; const char *suffix; } sc[] = {
			{ 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" },
		};
		size_t i = 0;
		while (i + 1 < sizeof sc / sizeof sc[0] && top < sc[i].div)
			i++;
		int dec = v == 0 ? 0 : dr_chart_decimals(DR_UNIT_NUMBER, t->step / sc[i].div);
		format_plain(v / sc[i].div, dec, unit == DR_UNIT_CURRENCY ? "$" : "",
		             v == 0 ? "" : sc[i].suffix, out, size);
		return;
	}
	dr_chart_format_value(unit, v, dr_chart_decimals(unit, t->step), out, size);
}

void dr_chart_month_label(dr_month mo, enum dr_chart_period p, bool with_year,
                          char *out, size_t size)
{
	/* Months before year 0 would index past dr_month_abbr's table. */
	int mon = (int)(((long)mo % 12 + 12) % 12) + 1;
	long year = ((long)mo - (mon - 1)) / 12;
	int yy = (int)((year % 100 + 100) % 100);
	const char *abbr = dr_month_abbr(dr_month_make(2000, mon));
	if (p == DR_PERIOD_QUARTER)
		snprintf(out, size, "Q%d %02d", (mon - 1) / 3 + 1, yy);
	else if (with_year)
		snprintf(out, size, "%s %02d", abbr, yy);
	else
		snprintf(out, size, "%s", abbr);
}
