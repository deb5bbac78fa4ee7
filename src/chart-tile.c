/*
 * chart-tile.c -- the KPI tile: one metric as a card for the executive
 * summary (about 190 x 110 points on paper) or a slide (400 x 225).
 *
 * Input:  c->title, c->unit, c->period, c->better, c->has_target/target,
 *         c->icons/variation/assurance and c->pt[0..n) (the latest value
 *         is the last finite y; the change is against the finite y before
 *         it; the last point is the report period, so a NAN y there means
 *         the period has no value); any box of at least 60 x 40 points.
 * Output: drawing calls only, in the groups "border", "title", the icons'
 *         own ("icon variation ...", "icon assurance ..."), "value",
 *         "value note", "change neutral|none",
 *         "target", the sparkline's (chart-sparkline.c), or "nodata".
 * Look:   a thin C_GRID border; the title bold at the top left (up to two
 *         lines, cut with "…") with the icons (icon.h) at the top right;
 *         the latest value large and bold in the chart's unit, coloured
 *         only by its SPC verdict (dr_chart_value_colour: a judged special
 *         cause in its type's colour, else C_INK; a provisional value is
 *         never judged), with its month and "(provisional)" in small muted
 *         type beside it; the change against the previous value ("▲ 1.2
 *         pts vs Sep" for a percent, "▼ 12 (−3.4%) vs Sep" otherwise, "No
 *         change vs Sep") always in the neutral C_TEXT, the arrow saying
 *         the direction without colour (Making Data Count: a change from
 *         one month to the next is no signal, so it gets no signal colour);
 *         "Target 8%" muted; the sparkline across the bottom (from two
 *         values on). A latest rate on too few cases (small_n) is light
 *         grey with "n = 6" beside it and no change row: too few to
 *         compare. No value at all: "No data" muted under the title.
 *         No value in the report period (the last point's y is NAN, e.g.
 *         its extract holds no row of the month yet) while earlier ones
 *         have one: "No value" muted and bold in smaller type where the
 *         value goes, "for Oct 26" beside or below it (always shown, cut
 *         with "…" at worst), no change, no icons (they would judge
 *         an earlier month as if it were this one), the target and the
 *         sparkline of the earlier values as usual; the group "value
 *         none" instead of "value".
 * Layout: every size follows the box (scale 1 at 400 x 225, text never
 *         below what reads on paper at 190 x 110); rows are stacked from
 *         the top and the sparkline takes the rest of the height (at most
 *         a third). When the rows do not fit, the type shrinks a little,
 *         then the sparkline, the target, the notes, the title's second
 *         line and the change are left out in that order. Numbers of a
 *         million or more read "$956B" (three digits, M/B/T); a value
 *         still too wide shrinks, then "…" cuts it. Every label is
 *         measured (dr_kit_tw).
 * Never:  allocates, prints, draws outside its box, draws text on text,
 *         or emits a NAN/infinite coordinate (n = 0, all NAN, one value,
 *         1e12 values, 40-character UTF-8 titles).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/icon.h"
#include "chart-int.h"

/* What may be left out when the rows do not fit, in this order. */
enum drop { DROP_NONE, DROP_SPARK, DROP_TARGET, DROP_TITLE2, DROP_CHANGE, DROP_N };

/* Everything the layout decides, in points, y-down. */
struct tile {
	struct dr_kit k;
	const struct dr_chart *c;
	size_t last, prev;          /* indices of the latest and previous values; n: none */
	bool absent;                /* the report period (last point) has no value */
	/* sizes */
	double pad, fs_title, fs_value, fs_change, fs_small, isz;
	int nicons;
	/* rows */
	char title[2][TEXTMAX];
	int ntitle;
	double title_base;          /* first line */
	char value[64];
	double value_fs, value_base, value_w;
	char note[2][48];           /* month, "(provisional)"; or "for Oct 26" */
	int nnote;
	bool note_below;            /* below[] on a row of its own */
	char below[48];
	double note_base;
	char change[128];
	uint32_t change_col;
	const char *change_word;
	double change_base;
	char target[64];
	bool target_beside;         /* right-aligned on the change row */
	double target_base;
	bool spark;
	double spark_y0, spark_y1;
	double body_y0;             /* below the title and icons */
};

/* v in unit; a count, number or amount of a million or more is cut to
 * three digits with M/B/T ("$956B", "$1.05T"): a tile is read at a glance. */
static void number(enum dr_chart_unit unit, double v, int dec, char *out, size_t size)
{
	bool big = unit == DR_UNIT_COUNT || unit == DR_UNIT_NUMBER || unit == DR_UNIT_CURRENCY;
	if (big && isfinite(v) && fabs(v) >= 1e6) {
		struct dr_chart_ticks t = { .lo = 0, .hi = fabs(v), .n = 2,
		                            .step = pow(10, floor(log10(fabs(v))) - 2) };
		dr_chart_format_tick(unit, v, &t, out, size);
		return;
	}
	dr_chart_format_value(unit, v, dec, out, size);
}

/* Formats the change from the previous value, the longest form that fits
 * maxw: with the relative change and the month, without the month, the
 * bare amount; "…" as the last resort. Sets the colour and the word for
 * the trace. */
static void change_text(struct tile *T, double maxw)
{
	const struct dr_chart *c = T->c;
	const struct dr_chart_point *a = &c->pt[T->prev], *b = &c->pt[T->last];
	/* From the printed numbers, so the change adds up with them (for a
	 * share, in percentage points already). */
	double d = dr_chart_printed_value(c->unit, b->y) - dr_chart_printed_value(c->unit, a->y);
	char month[32], amt[64], rel[64] = "", cand[3][128];
	int ncand = 0;
	dr_chart_month_label(a->month, c->period, false, month, sizeof month);
	if (c->unit == DR_UNIT_PERCENT) {
		/* Percentage points: 8.8% to 8.3% is "0.5 pts". */
		double pts = fabs(d);
		dr_chart_format_value(DR_UNIT_NUMBER, pts, 1, amt, sizeof amt);
		strcat(amt, fabs(pts - 1) < 0.05 ? " pt" : " pts");
	} else {
		number(c->unit, fabs(d), -1, amt, sizeof amt);
		double r = fabs(d) / fabs(a->y) * 100;
		if (a->y != 0 && isfinite(r) && r < 1e4 && d != 0) {
			char num[32];
			dr_chart_format_value(DR_UNIT_NUMBER, r, r < 10 ? 1 : 0, num, sizeof num);
			snprintf(rel, sizeof rel, " (%s%s%%)", d > 0 ? "+" : "\u2212", num);
		}
	}
	T->change_col = C_TEXT;         /* never a signal colour */
	T->change_word = "neutral";
	if (!strpbrk(amt, "123456789")) {       /* rounds to nothing */
		T->change_word = "none";
		snprintf(cand[ncand++], sizeof cand[0], "No change vs %s", month);
		snprintf(cand[ncand++], sizeof cand[0], "No change");
	} else {
		const char *arrow = d > 0 ? "\u25b2" : "\u25bc";
		snprintf(cand[ncand++], sizeof cand[0], "%s %s%s vs %s", arrow, amt, rel, month);
		snprintf(cand[ncand++], sizeof cand[0], "%s %s%s", arrow, amt, rel);
		snprintf(cand[ncand++], sizeof cand[0], "%s %s", arrow, amt);
	}
	for (int i = 0; i < ncand; i++)
		if (dr_kit_tw(&T->k, T->fs_change, false, cand[i]) <= maxw) {
			memcpy(T->change, cand[i], sizeof T->change);
			return;
		}
	dr_kit_fit(&T->k, cand[ncand - 1], T->fs_change, false, maxw, T->change, sizeof T->change);
}

/* Sets the sizes for scale g (1 at a 400 x 225 tile). */
static void sizes(struct tile *T, double g)
{
	T->pad = 12 * g;
	T->fs_title = 15 * g;
	T->fs_value = 40 * g;
	T->fs_change = fmax(12.5 * g, 6.5);    /* still legible on paper */
	T->fs_small = fmax(10.5 * g, 5.5);
	T->isz = T->fs_title * 1.9;
}

/* Fits the value into maxw: in smaller type (down to 1.2 times the
 * change's), then cut with "…". */
static void value_text(struct tile *T, double maxw)
{
	const struct dr_chart *c = T->c;
	T->value_fs = T->fs_value;
	if (T->absent) {            /* words, in smaller type than a number */
		T->value_fs = T->fs_value * 0.6;
		snprintf(T->value, sizeof T->value, "No value");
	} else {
		number(c->unit, c->pt[T->last].y, -1, T->value, sizeof T->value);
	}
	double wd = dr_kit_tw(&T->k, T->value_fs, true, T->value);
	if (wd > maxw)
		T->value_fs = fmax(T->value_fs * maxw / wd, T->fs_change * 1.2);
	char buf[sizeof T->value];
	dr_kit_fit(&T->k, T->value, T->value_fs, true, maxw, buf, sizeof buf);
	memcpy(T->value, buf, sizeof buf);
	T->value_w = dr_kit_tw(&T->k, T->value_fs, true, T->value);
}

/*
 * Lays the rows out at the current sizes, leaving out what drop says.
 * Returns true when everything placed fits the box's height.
 */
static bool place(struct tile *T, enum drop drop)
{
	const struct dr_chart *c = T->c;
	double w = T->k.w, h = T->k.h, inner = w - 2 * T->pad;
	bool has_value = T->last < c->n;

	/* Title and icons. */
	T->nicons = dr_kit_icon_count(c);
	double igap = T->isz * 0.2;
	double icons_w = T->nicons ? T->nicons * T->isz + (T->nicons - 1) * igap +
	                             T->fs_title * 0.6 : 0;
	if (icons_w > inner * 0.5)
		T->nicons = 0, icons_w = 0;
	T->ntitle = dr_kit_wrap_style(&T->k, c->title, T->fs_title, true, fmax(inner - icons_w, 1),
	                      drop >= DROP_TITLE2 ? 1 : 2, T->title);
	T->title_base = T->pad + T->fs_title * 0.8;
	double y = T->pad;
	if (T->ntitle)
		y = T->title_base + (T->ntitle - 1) * T->fs_title * 1.2 + T->fs_title * 0.25;
	if (T->nicons)
		y = fmax(y, T->pad + T->isz);
	T->body_y0 = y;
	if (!has_value)
		return y + T->fs_change * 2 <= h - T->pad;

	/* The value, then its notes beside it or the provisional note below;
	 * for a report period without a value, the dash and what it means. */
	value_text(T, inner);
	T->value_base = y + T->fs_title * 0.7 + T->value_fs * 0.74;
	y = T->value_base + T->value_fs * 0.2;
	const struct dr_chart_point *p = &c->pt[T->absent ? c->n - 1 : T->last];
	T->nnote = 0;
	T->note_below = false;
	T->below[0] = '\0';
	if (T->absent) {
		char month[32];
		dr_chart_month_label(p->month, c->period, true, month, sizeof month);
		snprintf(T->note[T->nnote++], sizeof T->note[0], "for %s", month);
		memcpy(T->below, T->note[0], sizeof T->below);
	} else {
		dr_chart_month_label(p->month, c->period, true, T->note[T->nnote++], sizeof T->note[0]);
		if (p->small_n && dr_kit_ok(p->n)) {
			char num[12];
			dr_chart_format_value(DR_UNIT_COUNT, fmin(p->n, 1e9), 0, num, sizeof num);
			snprintf(T->note[T->nnote++], sizeof T->note[0], "n = %.11s%s", num,
			         p->hollow ? ", provisional" : "");
		} else if (p->hollow) {
			snprintf(T->note[T->nnote++], sizeof T->note[0], "(provisional)");
			snprintf(T->below, sizeof T->below, "(provisional)");
		}
	}
	double room = inner - T->value_w - T->fs_small * 0.6;
	bool two_rows = T->value_fs * 0.72 >= T->fs_small * 1.95;
	while (T->nnote > 0) {
		double nw = 0;
		for (int i = 0; i < T->nnote; i++)
			nw = fmax(nw, dr_kit_tw(&T->k, T->fs_small, false, T->note[i]));
		if (nw <= room && (T->nnote == 1 || two_rows))
			break;
		/* Drop the month first; a provisional or no-value note may go
		 * below, cut to the width when it must. */
		memmove(T->note[0], T->note[1], sizeof T->note[0]);
		T->nnote--;
		if (T->nnote == 0 && T->below[0] && (T->absent || drop < DROP_TARGET)) {
			char buf[sizeof T->below];
			dr_kit_fit(&T->k, T->below, T->fs_small, false, inner, buf, sizeof buf);
			memcpy(T->below, buf, sizeof buf);
			T->note_below = true;
			T->note_base = y + T->fs_small * 1.1;
			y = T->note_base + T->fs_small * 0.3;
		}
	}

	/* The change, with the target beside it or on its own row; none
	 * without a value this period. */
	T->change[0] = T->target[0] = '\0';
	/* Only against the period just before: across a gap (a hidden or
	 * empty month) the arrow would read as last month's change. */
	bool change = !T->absent && T->prev < c->n && T->prev + 1 == T->last && drop < DROP_CHANGE &&
	              !p->small_n;      /* too few to compare */
	double row_y = y;
	if (change) {
		change_text(T, inner);
		T->change_base = y + T->fs_change * 1.2;
		y = T->change_base + T->fs_change * 0.3;
	}
	if (c->has_target && dr_kit_ok(c->target) && drop < DROP_TARGET) {
		char num[48];
		number(c->unit, c->target, dr_kit_short_decimals(c->unit, c->target), num, sizeof num);
		snprintf(T->target, sizeof T->target, "Target %s", num);
		double tw = dr_kit_tw(&T->k, T->fs_small, false, T->target);
		double cw = change ? dr_kit_tw(&T->k, T->fs_change, false, T->change) : 0;
		T->target_beside = change && cw + T->fs_change * 1.2 + tw <= inner;
		if (T->target_beside) {
			T->target_base = T->change_base;
		} else if (tw <= inner) {
			T->target_base = fmax(y, row_y) + T->fs_small * 1.25;
			y = T->target_base + T->fs_small * 0.3;
		} else {
			T->target[0] = '\0';
		}
	}

	/* The sparkline takes the rest, at most a third of the box; a single
	 * value has no shape to show. */
	T->spark = drop < DROP_SPARK && T->last < c->n && T->prev < c->n;
	if (T->spark) {
		T->spark_y1 = h - T->pad;
		T->spark_y0 = fmax(y + T->fs_change * 0.5, T->spark_y1 - h * 0.33);
		return T->spark_y1 - T->spark_y0 >= fmax(T->fs_change * 1.3, 8);
	}
	return y <= h - T->pad * 0.5;
}

/* Draws the laid-out tile. */
static void draw(const struct tile *T)
{
	const struct dr_kit *k = &T->k;
	const struct dr_chart *c = T->c;
	double w = k->w, h = k->h, inner = w - 2 * T->pad;

	dr_kit_group(k, "border");
	double bw = dr_kit_clamp(T->fs_title / 15, 0.5, 1.5);
	dr_kit_pen(k, C_GRID, bw, DR_DASH_SOLID);
	k->r->rect(k->r->ctx, bw / 2, bw / 2, w - bw, h - bw);
	k->r->stroke(k->r->ctx);

	if (T->ntitle) {
		dr_kit_group(k, "title");
		for (int i = 0; i < T->ntitle; i++)
			dr_kit_text(k, C_INK, T->pad, T->title_base + i * T->fs_title * 1.2,
			            T->fs_title, true, DR_ALIGN_LEFT, T->title[i]);
	}
	if (T->nicons) {
		double ix = w - T->pad - T->isz;
		if (*dr_icon_assurance_name(c->assurance)) {
			dr_icon_draw_assurance(k->r, ix, T->pad, T->isz, c->assurance);
			ix -= T->isz * 1.2;
		}
		if (*dr_icon_variation_name(c->variation, c->better))
			dr_icon_draw_variation(k->r, ix, T->pad, T->isz, c->variation, c->better);
	}

	if (T->last >= c->n) {
		char buf[TEXTMAX];
		dr_kit_group(k, "nodata");
		dr_kit_text(k, C_MUTED, w / 2, (T->body_y0 + h - T->pad) / 2 + T->fs_change * 0.35,
		            T->fs_change, false, DR_ALIGN_CENTER,
		            dr_kit_fit(k, "No data", T->fs_change, false, inner, buf, sizeof buf));
		return;
	}

	dr_kit_group(k, T->absent ? "value none" : "value");
	const struct dr_chart_point *p = &c->pt[T->last];
	uint32_t col = T->absent ? C_MUTED
	             : p->small_n ? C_AXIS           /* too few cases: never judged */
	             : p->hollow ? C_INK : dr_chart_value_colour(p->type, C_INK);
	dr_kit_text(k, col, T->pad, T->value_base, T->value_fs, true, DR_ALIGN_LEFT, T->value);
	if (T->nnote || T->note_below) {
		dr_kit_group(k, "value note");
		double x = T->pad + T->value_w + T->fs_small * 0.6;
		for (int i = 0; i < T->nnote; i++)
			dr_kit_text(k, C_MUTED, x,
			            T->value_base - (T->nnote - 1 - i) * T->fs_small * 1.25,
			            T->fs_small, false, DR_ALIGN_LEFT, T->note[i]);
		if (T->note_below)
			dr_kit_text(k, C_MUTED, T->pad, T->note_base, T->fs_small, false,
			            DR_ALIGN_LEFT, T->below);
	}
	if (T->change[0]) {
		char name[64];
		snprintf(name, sizeof name, "change %s", T->change_word);
		dr_kit_group(k, name);
		dr_kit_text(k, T->change_col, T->pad, T->change_base, T->fs_change, false,
		            DR_ALIGN_LEFT, T->change);
	}
	if (T->target[0]) {
		dr_kit_group(k, "target");
		dr_kit_text(k, C_MUTED, T->target_beside ? w - T->pad : T->pad, T->target_base,
		            T->fs_small, false, T->target_beside ? DR_ALIGN_RIGHT : DR_ALIGN_LEFT,
		            T->target);
	}
	if (T->spark)
		dr_kit_sparkline(k, c, T->pad, T->spark_y0, inner, T->spark_y1 - T->spark_y0);
}

void dr_chart_draw_tile(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	struct dr_chart empty = *c;
	if (!c->pt)
		empty.n = 0;
	struct tile T = { .c = &empty };
	dr_kit_init(&T.k, r, w, h, c->min_text);
	T.last = T.prev = empty.n;
	/* The last point is the report period: without a value there the
	 * tile says so, and shows no icons judging an earlier period. */
	T.absent = empty.n > 0 && !dr_kit_ok(empty.pt[empty.n - 1].y);
	if (T.absent)
		empty.icons = false;
	for (size_t i = empty.n; i-- > 0;)
		if (dr_kit_ok(empty.pt[i].y)) {
			if (T.last == empty.n) {
				T.last = i;
			} else {
				T.prev = i;
				break;
			}
		}

	/*
	 * Scale 1 at 400 x 225; type shrinks slower than the box (to about
	 * 0.6 at 190 x 110) so it still reads on paper. Then the first of:
	 * everything at full size or a little smaller, less the sparkline,
	 * less the target, and so on.
	 */
	double g = pow(fmin(w / 400, h / 225), 0.65);
	bool done = false;
	for (int drop = DROP_NONE; drop < DROP_N && !done; drop++)
		for (int shrink = 0; shrink < 3 && !done; shrink++) {
			sizes(&T, g * pow(0.9, shrink));
			done = place(&T, (enum drop)drop);
		}
	for (int shrink = 3; shrink < 10 && !done; shrink++) {
		sizes(&T, g * pow(0.9, shrink));
		done = place(&T, DROP_CHANGE);
	}
	draw(&T);
}
