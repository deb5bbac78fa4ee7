/*
 * chart-legend.c -- the legend row of the line charts (the SPC chart and
 * small multiples): one sample and word per thing the chart shows.
 *
 * Input:  a struct dr_kit_legend saying what is drawn (value line, mean,
 *         runs-signal mean, limits with a "trial limits" note, target,
 *         improvement / concern / neutral markers, provisional markers:
 *         "Still closing (provisional)" (a hollow point adds no type), the
 *         grey markers of rates on too few cases, last and only when the
 *         row has room)
 *         and the line scale of the chart's lines.
 * Output: the samples (short lines and MDC markers, as the chart draws
 *         them) and labels in small type on one row, in that order,
 *         named "legend" for the trace.
 * Layout: items are dropped from the end while the row is wider than
 *         maxw; fewer than two items means no legend at all.
 * Never:  allocates or draws outside the row it is given.
 */
#include "chart-int.h"

enum kind { VALUE, MEAN, RUNS, LIMITS, TRIAL, TARGET, IMPROVE, CONCERN, NEUTRAL, PROVISIONAL,
            SMALL_N };

struct item {
	enum kind kind;
	const char *label;
};

/* A short horizontal line sample. */
static void line_sample(const struct dr_kit *k, uint32_t rgb, double width,
                        enum dr_render_dash d, double x, double y, double len)
{
	dr_kit_pen(k, rgb, width, d);
	k->r->move_to(k->r->ctx, x, y);
	k->r->line_to(k->r->ctx, x + len, y);
	k->r->stroke(k->r->ctx);
}

/* Draws the sample of one entry centred vertically on y. */
static void sample(const struct dr_kit *k, enum kind kind, double s, double x, double y,
                   double len, double rad)
{
	double m = x + len / 2;
	switch (kind) {
	case VALUE:
		line_sample(k, C_LINE, k->lw * 1.3 * s, DR_DASH_SOLID, x, y, len);
		dr_kit_marker(k, m, y, rad, DR_POINT_COMMON, false);
		break;
	case TRIAL:
		break;          /* words only, beside the limits' sample */
	case RUNS:
		line_sample(k, C_CONCERN, k->lw * 1.2 * s, DR_DASH_DASHED, x, y, len);
		break;
	case MEAN:
		line_sample(k, C_MEAN, k->lw * s, DR_DASH_SOLID, x, y, len);
		break;
	case LIMITS:
		line_sample(k, C_LIMIT, k->lw * s, DR_DASH_DASHED, x, y, len);
		break;
	case TARGET:
		line_sample(k, C_TARGET, k->lw * 1.4 * s, DR_DASH_DOTTED, x, y, len);
		break;
	case IMPROVE:
		dr_kit_marker(k, m, y, rad, DR_POINT_IMPROVEMENT, false);
		break;
	case CONCERN:
		dr_kit_marker(k, m, y, rad, DR_POINT_CONCERN, false);
		break;
	case NEUTRAL:
		dr_kit_marker(k, m, y, rad, DR_POINT_NEUTRAL_HIGH, false);
		break;
	case PROVISIONAL:
		dr_kit_marker(k, m, y, rad, DR_POINT_NONE, true);
		break;
	case SMALL_N:
		k->r->colour(k->r->ctx, C_AXIS);
		dr_kit_shape(k, m, y, rad, false);
		k->r->fill(k->r->ctx);
		break;
	}
}

bool dr_kit_legend(const struct dr_kit *k, const struct dr_kit_legend *lg, double x, double y,
                   double maxw, bool dry)
{
	struct item it[12];
	int n = 0;
	it[n++] = (struct item){ VALUE, "Value" };
	if (lg->mean)
		it[n++] = (struct item){ MEAN, "Mean" };
	if (lg->runs)
		it[n++] = (struct item){ RUNS, "Mean \u2013 runs signal" };
	if (lg->limits)
		it[n++] = (struct item){ LIMITS, "Process limits" };
	if (lg->limits && lg->trial)
		it[n++] = (struct item){ TRIAL, "trial limits (\u2264 12 points)" };
	if (lg->target)
		it[n++] = (struct item){ TARGET, "Target" };
	if (lg->improve)
		it[n++] = (struct item){ IMPROVE, "Improvement" };
	if (lg->concern)
		it[n++] = (struct item){ CONCERN, "Concern" };
	if (lg->neutral)
		it[n++] = (struct item){ NEUTRAL, "Special cause" };
	if (lg->provisional)
		it[n++] = (struct item){ PROVISIONAL, "Still closing (provisional)" };

	double fs = k->fs_small, len = fs * 2.2, gap = fs * 0.5, sep = fs * 1.6;
	double wi[12], total = 0;
	for (int i = 0; i < n; i++) {
		bool words = it[i].kind == TRIAL;
		wi[i] = (words ? 0 : len + gap) + dr_kit_tw(k, fs, false, it[i].label);
		total += wi[i] + (i ? (words ? gap : sep) : 0);
	}
	while (n > 0 && total > maxw) {
		total -= wi[n - 1] + (n > 1 ? (it[n - 1].kind == TRIAL ? gap : sep) : 0);
		n--;
	}
	if (lg->small_n && n < 12 && total + sep + len + gap +
	    dr_kit_tw(k, fs, false, "Too few cases (n)") <= maxw) {
		it[n] = (struct item){ SMALL_N, "Too few cases (n)" };
		wi[n] = len + gap + dr_kit_tw(k, fs, false, it[n].label);
		total += wi[n++] + sep;
	}
	if (n < 2)
		return false;
	if (dry)
		return true;
	dr_kit_group(k, "legend");
	double mid = y - fs * 0.33, rad = fs * 0.36;
	double s = lg->line_scale > 0 ? lg->line_scale : 1;
	for (int i = 0; i < n; i++) {
		if (it[i].kind == TRIAL) {
			x -= sep - gap;     /* close to "Process limits" */
			dr_kit_text(k, C_MUTED, x, y, fs, false, DR_ALIGN_LEFT, it[i].label);
		} else {
			sample(k, it[i].kind, s, x, mid, len, rad);
			dr_kit_text(k, C_TEXT, x + len + gap, y, fs, false, DR_ALIGN_LEFT, it[i].label);
		}
		x += wi[i] + sep;
	}
	return true;
}

void dr_kit_legend_point(struct dr_kit_legend *lg, const struct dr_chart_point *p)
{
	if (!dr_kit_ok(p->y))
		return;
	lg->provisional |= p->hollow;
	lg->small_n |= p->small_n;
	if (p->hollow || p->small_n)
		return;         /* still closing, or too few cases: drawn grey, whatever its type */
	lg->improve |= p->type == DR_POINT_IMPROVEMENT;
	lg->concern |= p->type == DR_POINT_CONCERN;
	lg->neutral |= p->type == DR_POINT_NEUTRAL_HIGH || p->type == DR_POINT_NEUTRAL_LOW;
}
