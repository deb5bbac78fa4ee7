/*
 * chart-pareto.c -- the Pareto chart (DR_CHART_PARETO): counts by
 *         category, largest first, with their cumulative share, e.g.
 *         "Denials by reason".
 *
 * Input:  c->bar[0..nbar) in any order (value: the count, in c->unit;
 *         n is not read), title, subtitle, footnote; a backend (render.h)
 *         and a w x h point box.
 * Output: drawing calls only, in this order: title block and footnote,
 *         grid and left axis labels, right axis labels, bars, 80% guide,
 *         cumulative line and markers, count labels, category labels,
 *         note; groups named "grid", "ylabels", "ylabels right", "bar",
 *         "bar other", "guide", "line cumulative", "values", "xlabels",
 *         "note".
 * Look:   the SPC chart's sizes (struct dr_kit): NHS-blue vertical bars on
 *         a zero baseline, left axis of counts at nice 1-2-5 ticks with a
 *         light grid; right axis 0..100% ("Cumulative %"); the cumulative
 *         share as a dark line with small ringed markers at each bar's
 *         centre; a dashed grey guide at 80% labelled "80%" on the right
 *         axis. A merged tail, "Other (k)", is the last bar, in grey;
 *         bars marked `other` (the hidden categories summed, "Other,
 *         hidden (5)") always go in that last bar, under their own label
 *         when nothing else is merged.
 * Layout: bars are sorted by value, largest first (ties keep the input
 *         order), through an index array on the stack holding the MAXCAT
 *         largest; the rest always fall in "Other". A slot is at least 5.5
 *         axis fonts wide: when the categories need more, the tail is
 *         merged into "Other (k)" (k categories). Count labels above the
 *         bars when every one fits its slot (shortened to "1.2B" if need
 *         be), else none; category labels wrapped on up to two lines
 *         within their slot, cut with "…". The count axis leaves room for
 *         the labels above the tallest bar; right-axis labels that would
 *         meet the "80%" label are left out.
 *         Left out of the bars and the cumulative share: hidden bars and
 *         bars with no valid count (NAN, infinite or negative: a count
 *         below zero is nonsense, so it is not guessed to be 0); a muted
 *         note under the chart says how many ("2 categories hidden").
 *         All counts zero: bars of zero height with "0", no cumulative
 *         line, and a muted "All counts are zero".
 * Never:  allocates, prints, draws outside the box or text on text, or
 *         emits a NAN/infinite coordinate (no bars, 1e300, NULL labels).
 *         Tests: test-gallery.c (tests/gallery/g-pareto.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"

#define MAXCAT 64               /* categories sorted; smaller ones go to "Other" */

/* The bars once sorted and merged. */
struct cats {
	size_t idx[MAXCAT];         /* the largest categories, largest first */
	size_t nk;                  /* how many idx holds */
	size_t nvalid;              /* categories with a valid count */
	size_t nhidden, ninvalid;   /* left out */
	double total;               /* sum of the valid counts */
	double evicted;             /* sum of the valid counts that did not fit idx */
	double fixed;               /* sum of the valid `other` bars (always in the last bar) */
	size_t nfixed;              /* how many */
	const char *fixed_label;    /* the first one's label */
};

/* Everything the layout decides, in points, y-down. */
struct layout {
	struct dr_kit k;
	const struct dr_chart *c;
	const struct cats *s;
	size_t nbars;               /* bars drawn, "Other" included */
	bool other;                 /* the last bar merges the tail */
	double other_v;             /* its value */
	size_t other_k;             /* and how many it merges */
	double x0, x1, y0, y1;      /* plot area */
	double slot;
	struct dr_chart_ticks t;
	bool cumulative;            /* the total is > 0 and finite */
	double rad, ring;           /* cumulative markers: radius and white ring */
};

/* Sorts the valid categories into s, largest first, stable. */
static void collect(const struct dr_chart *c, struct cats *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < c->nbar; i++) {
		const struct dr_chart_bar *b = &c->bar[i];
		if (b->hidden) {
			s->nhidden++;
			continue;
		}
		double v = b->value;
		if (!dr_kit_ok(v) || v < 0) {
			s->ninvalid++;
			continue;
		}
		s->total += v;
		if (b->other) {
			if (!s->nfixed)
				s->fixed_label = b->label;
			s->fixed += v;
			s->nfixed++;
			continue;
		}
		s->nvalid++;
		size_t pos = s->nk;
		while (pos > 0 && c->bar[s->idx[pos - 1]].value < v)
			pos--;
		if (s->nk == MAXCAT) {
			if (pos == MAXCAT) {
				s->evicted += v;
				continue;
			}
			s->evicted += c->bar[s->idx[MAXCAT - 1]].value;
			s->nk--;
		}
		memmove(&s->idx[pos + 1], &s->idx[pos], (s->nk - pos) * sizeof s->idx[0]);
		s->idx[pos] = i;
		s->nk++;
	}
}

/* The value of bar j as drawn. */
static double bar_value(const struct layout *L, size_t j)
{
	if (L->other && j == L->nbars - 1)
		return L->other_v;
	return L->c->bar[L->s->idx[j]].value;
}

/* The label of bar j as drawn ("Other (k)" for the merged tail). */
static const char *bar_label(const struct layout *L, size_t j, char *buf, size_t size)
{
	if (L->other && j == L->nbars - 1 && L->other_k == 0)
		return L->s->fixed_label ? L->s->fixed_label : "";
	if (L->other && j == L->nbars - 1) {
		char num[48];
		dr_chart_format_value(DR_UNIT_COUNT, (double)L->other_k, 0, num, sizeof num);
		snprintf(buf, size, "Other (%s)", num);
		return buf;
	}
	const char *s = L->c->bar[L->s->idx[j]].label;
	return s ? s : "";
}

/* Chooses how many bars fit (slots of at least min wide) and merges the
 * tail into "Other". */
static void choose_bars(struct layout *L, double min)
{
	const struct cats *s = L->s;
	double fit = floor((L->x1 - L->x0) / min);
	size_t nfit = fit >= 2 ? (fit < MAXCAT ? (size_t)fit : MAXCAT) : 2;
	L->other = s->nvalid > nfit || s->nfixed > 0;
	if (!L->other) {
		L->nbars = s->nvalid;
		return;
	}
	if (s->nvalid + 1 <= nfit) {        /* only the given `other` bars: no tail merged */
		L->nbars = s->nvalid + 1;
		L->other_v = s->fixed;
		L->other_k = 0;
		return;
	}
	L->nbars = nfit;
	size_t shown = nfit - 1;
	L->other_v = s->evicted + s->fixed;
	for (size_t j = shown; j < s->nk; j++)
		L->other_v += L->c->bar[s->idx[j]].value;
	L->other_k = s->nvalid - shown + s->nfixed;
}

/* The count axis over the bars drawn, with headroom for their labels. */
static void count_axis(struct layout *L, double head)
{
	double hi = 0;
	for (size_t j = 0; j < L->nbars; j++)
		hi = fmax(hi, bar_value(L, j));
	hi = fmin(hi, 1e300);
	double span = L->y1 - L->y0, frac = span > 0 ? fmin(head / span, 0.3) : 0;
	int approx = (int)dr_kit_clamp(span / (L->k.fs_axis * 4.2), 2, 8);
	dr_chart_ticks(0, hi > 0 ? hi / (1 - frac) : 0, approx, &L->t);
	dr_kit_whole_ticks(L->c->unit, &L->t);      /* lo stays 0: the ticks start there */
}

/* The widest left-axis label. */
static double ylabel_w(const struct layout *L)
{
	char buf[64];
	double wd = 0;
	for (int i = 0; i < L->t.n; i++) {
		dr_chart_format_tick(L->c->unit, dr_chart_tick(&L->t, i), &L->t, buf, sizeof buf);
		wd = fmax(wd, dr_kit_tw(&L->k, L->k.fs_axis, false, buf));
	}
	return wd;
}

/* The y of count v, clamped into the plot. */
static double ycount(const struct layout *L, double v)
{
	double y = L->y1 - (v - L->t.lo) / (L->t.hi - L->t.lo) * (L->y1 - L->y0);
	return isfinite(y) ? dr_kit_clamp(y, L->y0, L->y1) : L->y1;
}

/* The y of share p (0..1) on the right axis. */
static double yshare(const struct layout *L, double p)
{
	return L->y1 - dr_kit_clamp(p, 0, 1) * (L->y1 - L->y0);
}

/* The x of slot j's centre. */
static double xslot(const struct layout *L, size_t j)
{
	return L->x0 + (j + 0.5) * L->slot;
}

/*
 * Formats the count labels into out (one per bar, 32 bytes each) so that
 * every one fits the slot: in full ("1,234"), else shortened like the
 * axis ("1.23B"). Returns false when even those do not all fit.
 */
static bool count_labels(const struct layout *L, char (*out)[32], double fs)
{
	double maxw = L->slot * 0.95;
	for (int pass = 0; pass < 2; pass++) {
		bool fits = true;
		for (size_t j = 0; j < L->nbars && fits; j++) {
			double v = bar_value(L, j);
			if (pass == 0) {
				dr_chart_format_value(L->c->unit, v, -1, out[j], sizeof out[j]);
			} else {
				struct dr_chart_ticks t = L->t;
				t.step = fmax(fabs(t.hi), 1) / 100;
				dr_chart_format_tick(L->c->unit, v, &t, out[j], sizeof out[j]);
			}
			fits = dr_kit_tw(&L->k, fs, false, out[j]) <= maxw;
		}
		if (fits)
			return true;
	}
	return false;
}

/* The cumulative share after bar j. */
static double share_after(const struct layout *L, size_t j)
{
	double cum = 0;
	for (size_t i = 0; i <= j; i++)
		cum += bar_value(L, i);
	return cum / L->s->total;
}

/* The y of the cumulative line at x, between slot j and slot j2. */
static double line_at(const struct layout *L, size_t j, size_t j2, double x)
{
	double ya = yshare(L, share_after(L, j)), yb = yshare(L, share_after(L, j2));
	double xa = xslot(L, j), xb = xslot(L, j2);
	return ya + (yb - ya) * (x - xa) / (xb - xa);
}

/*
 * True when a label of width wd with its baseline at base over slot j
 * would touch the cumulative line, its marker or the 80% guide.
 */
static bool count_hits(const struct layout *L, size_t j, double wd, double base, double fs)
{
	if (!L->cumulative)
		return false;
	double top = base - fs * 0.8, bot = base + fs * 0.25, pad = L->k.lw * 1.5;
	double xc = xslot(L, j), xa = xc - wd / 2 - pad, xb = xc + wd / 2 + pad;
	double yg = yshare(L, 0.8), ym = yshare(L, share_after(L, j));
	double lo = ym, hi = ym, r = L->rad + L->ring + pad;
	if (yg > top - pad && yg < bot + pad)
		return true;
	if (ym + r > top && ym - r < bot)
		return true;
	if (j > 0) {
		double y = line_at(L, j - 1, j, xa);
		lo = fmin(lo, y);
		hi = fmax(hi, y);
	}
	if (j + 1 < L->nbars) {
		double y = line_at(L, j, j + 1, xb);
		lo = fmin(lo, y);
		hi = fmax(hi, y);
	}
	return hi + pad > top && lo - pad < bot;
}

/*
 * Where bar j's count label goes, clear of the cumulative line: above the
 * bar, else above the line, else in white inside the bar's top, else in
 * white inside the bar below the line (and below the 80% guide); inside
 * the grey "Other" bar the text stays dark. Returns the baseline (NAN: no
 * place) and the colour in *col.
 */
static double place_count(const struct layout *L, size_t j, const char *text, double fs,
                          uint32_t *col)
{
	double wd = dr_kit_tw(&L->k, fs, false, text), ybar = ycount(L, bar_value(L, j));
	double limit = L->y0 - fs * 0.2, clear = L->rad + L->ring + fs * 0.3;
	double xc = xslot(L, j), lo = INFINITY, hi = -INFINITY;
	if (L->cumulative) {
		lo = hi = yshare(L, share_after(L, j));
		if (j > 0) {
			double y = line_at(L, j - 1, j, xc - wd / 2);
			lo = fmin(lo, y);
			hi = fmax(hi, y);
		}
		if (j + 1 < L->nbars) {
			double y = line_at(L, j, j + 1, xc + wd / 2);
			lo = fmin(lo, y);
			hi = fmax(hi, y);
		}
	}
	double yg = L->cumulative ? yshare(L, 0.8) : -INFINITY;
	double cand[5] = { ybar - fs * 0.45, lo - clear - fs * 0.25, ybar + fs * 1.15,
	                   hi + clear + fs * 0.8, fmax(hi, yg) + clear + fs * 0.8 };
	for (int i = 0; i < 5; i++) {
		double base = cand[i];
		bool inside = i >= 2;
		if (!isfinite(base) || base - fs * 0.8 < limit)
			continue;
		if (inside ? base - fs * 0.8 < ybar + L->k.lw || base + fs * 0.3 > L->y1
		           : base + fs * 0.25 > ybar)
			continue;
		if (count_hits(L, j, wd, base, fs))
			continue;
		bool grey = L->other && j == L->nbars - 1;
		*col = inside && !grey ? C_WHITE : C_INK;
		return base;
	}
	return NAN;
}

/* Draws the left grid, the baseline and the thinned count labels. */
static void left_axis(const struct layout *L)
{
	const struct dr_render *r = L->k.r;
	dr_kit_group(&L->k, "grid");
	dr_kit_pen(&L->k, C_GRID, L->k.lw * 0.6, DR_DASH_SOLID);
	for (int i = 0; i < L->t.n; i++) {
		double y = ycount(L, dr_chart_tick(&L->t, i));
		r->move_to(r->ctx, L->x0, y);
		r->line_to(r->ctx, L->x1, y);
	}
	r->stroke(r->ctx);
	dr_kit_pen(&L->k, C_AXIS, L->k.lw * 0.7, DR_DASH_SOLID);
	r->move_to(r->ctx, L->x0, L->y1);
	r->line_to(r->ctx, L->x1, L->y1);
	r->stroke(r->ctx);
	dr_kit_ylabels(&L->k, L->c->unit, &L->t, L->x0 - L->k.fs_axis * 0.6, L->y1, L->y0);
}

/* Draws the right axis: "Cumulative %" above it, then 0..100% labels
 * clear of the 80% guide's label (which the guide draws). */
static void right_axis(const struct layout *L, double x)
{
	static const int pct[] = { 0, 100, 40, 60, 20 };
	double fs = L->k.fs_axis, taken[6];
	int ntaken = 0;
	taken[ntaken++] = yshare(L, 0.8);
	dr_kit_group(&L->k, "ylabels right");
	dr_kit_text(&L->k, C_TEXT, L->k.w - L->k.pad, L->y0 - fs * 0.6 - L->k.fs_small * 0.3,
	            L->k.fs_small, false, DR_ALIGN_RIGHT, "Cumulative %");
	L->k.r->colour(L->k.r->ctx, C_TEXT);
	for (size_t i = 0; i < DR_NELEM(pct); i++) {
		double y = yshare(L, pct[i] / 100.0);
		bool clear = true;
		for (int j = 0; j < ntaken; j++)
			clear &= fabs(taken[j] - y) >= fs * 1.15;
		if (!clear)
			continue;
		taken[ntaken++] = y;
		char buf[16];
		snprintf(buf, sizeof buf, "%d%%", pct[i]);
		L->k.r->text(L->k.r->ctx, x, y + fs * 0.35, fs, false, DR_ALIGN_LEFT, buf);
	}
}

/* The note on what was left out ("" when nothing was). */
static void note_text(const struct cats *s, char *out, size_t size)
{
	char a[96] = "", b[96] = "", num[48];
	if (s->nhidden) {
		dr_chart_format_value(DR_UNIT_COUNT, (double)s->nhidden, 0, num, sizeof num);
		snprintf(a, sizeof a, "%s %s hidden (small numbers)", num,
		         s->nhidden == 1 ? "category" : "categories");
	}
	if (s->ninvalid) {
		dr_chart_format_value(DR_UNIT_COUNT, (double)s->ninvalid, 0, num, sizeof num);
		snprintf(b, sizeof b, "%s %s without a valid count left out", num,
		         s->ninvalid == 1 ? "category" : "categories");
	}
	snprintf(out, size, "%s%s%s", a, a[0] && b[0] ? "; " : "", b);
}

void dr_chart_draw_pareto(const struct dr_chart *c, const struct dr_render *r, double w,
                          double h)
{
	struct dr_chart safe = *c;
	if (!c->bar)
		safe.nbar = 0;
	c = &safe;
	struct cats s;
	collect(c, &s);
	struct layout L = { .c = c, .s = &s };
	struct dr_kit *k = &L.k;
	dr_kit_init(k, r, w, h, c->min_text);
	char buf[TEXTMAX], note[TEXTMAX];
	note_text(&s, note, sizeof note);
	L.cumulative = s.total > 0 && isfinite(s.total);

	/* Vertical: title block, right axis title, plot, two lines of
	 * category labels, note, footnote. Without room for a plot of three
	 * axis fonts the footnote goes, then all but the title block. */
	double fs = k->fs_axis;
	double top = dr_kit_header(k, c, 0, false);
	double axt_h = L.cumulative ? k->fs_small * 1.6 : 0;
	double clab_h = fs * 3.1, note_h = note[0] ? k->fs_small * 1.6 : 0;
	bool foot = true;
	double bottom = dr_kit_footnote(k, c, false);
	if (bottom - note_h - clab_h - top - axt_h < fs * 3) {
		foot = false;
		bottom = h - k->pad;
	}
	dr_kit_header(k, c, 0, true);
	if (foot)
		dr_kit_footnote(k, c, true);
	if (note[0] && bottom - top > k->fs_small * 1.5) {
		dr_kit_group(k, "note");
		dr_kit_text(k, C_MUTED, k->pad, bottom - k->fs_small * 0.35, k->fs_small, false,
		            DR_ALIGN_LEFT, dr_kit_fit(k, note, k->fs_small, false, w - 2 * k->pad,
		                                      buf, sizeof buf));
	}
	if (s.nvalid == 0 && s.nfixed == 0) {
		dr_kit_nodata(k, k->pad, top, w - k->pad, bottom - note_h, NULL);
		return;
	}
	L.y0 = top + axt_h;
	L.y1 = bottom - note_h - clab_h;
	if (L.y1 - L.y0 < fs * 3)
		return;

	/* Horizontal: left labels measured on the largest single count
	 * first, the bars chosen, then measured again with "Other". */
	double head = k->fs_small * 1.5;
	double right_w = L.cumulative ? dr_kit_tw(k, fs, false, "100%") + fs * 0.6 : fs * 0.5;
	L.x1 = w - k->pad - right_w;
	L.nbars = 1;
	count_axis(&L, head);
	L.x0 = k->pad + fmin(ylabel_w(&L), w * 0.3) + fs * 0.6;
	if (L.x1 < L.x0 + 10)
		L.x1 = L.x0 + 10;
	choose_bars(&L, fs * 5.5);
	count_axis(&L, head);
	L.x0 = k->pad + fmin(ylabel_w(&L), w * 0.3) + fs * 0.6;
	if (L.x1 < L.x0 + 10)
		L.x1 = L.x0 + 10;
	L.slot = (L.x1 - L.x0) / (double)L.nbars;
	L.ring = k->lw * 0.8;
	L.rad = fmax(fmin(dr_kit_clamp(2.2 + 1.0 * k->u, 1.5, 5), L.slot * 0.25), 1.0);

	left_axis(&L);
	if (L.cumulative)
		right_axis(&L, L.x1 + fs * 0.6);

	/* Bars, the merged tail in grey. */
	double bw = fmin(L.slot * 0.7, fs * 7);
	size_t nplain = L.other ? L.nbars - 1 : L.nbars;
	for (int pass = 0; pass < 2; pass++) {
		size_t from = pass ? nplain : 0, to = pass ? L.nbars : nplain;
		bool any = false;
		for (size_t j = from; j < to; j++) {
			double y = ycount(&L, bar_value(&L, j));
			if (L.y1 - y < 0.01)
				continue;
			if (!any) {
				dr_kit_group(k, pass ? "bar other" : "bar");
				r->colour(r->ctx, pass ? C_LIMIT : C_BAR);
			}
			any = true;
			r->rect(r->ctx, xslot(&L, j) - bw / 2, y, bw, L.y1 - y);
		}
		if (any)
			r->fill(r->ctx);
	}

	/* The 80% guide, its label on the right axis, and the cumulative
	 * line with its markers. */
	if (L.cumulative) {
		double yg = yshare(&L, 0.8);
		dr_kit_group(k, "guide");
		dr_kit_pen(k, C_MUTED, k->lw * 0.8, DR_DASH_DASHED);
		r->move_to(r->ctx, L.x0, yg);
		r->line_to(r->ctx, L.x1, yg);
		r->stroke(r->ctx);
		dr_kit_text(k, C_INK, L.x1 + fs * 0.6, yg + fs * 0.35, fs, true, DR_ALIGN_LEFT,
		            "80%");

		dr_kit_group(k, "line cumulative");
		double rad = L.rad, ring = L.ring;
		if (L.nbars > 1) {
			dr_kit_pen(k, C_LINE, k->lw * 1.3, DR_DASH_SOLID);
			double cum = 0;
			for (size_t j = 0; j < L.nbars; j++) {
				cum += bar_value(&L, j);
				double x = xslot(&L, j), y = yshare(&L, cum / s.total);
				if (j)
					r->line_to(r->ctx, x, y);
				else
					r->move_to(r->ctx, x, y);
			}
			r->stroke(r->ctx);
		}
		for (int pass = 0; pass < 2; pass++) {
			double cum = 0;
			r->colour(r->ctx, pass ? C_LINE : C_WHITE);
			for (size_t j = 0; j < L.nbars; j++) {
				cum += bar_value(&L, j);
				r->circle(r->ctx, xslot(&L, j), yshare(&L, cum / s.total),
				          pass ? rad : rad + ring);
			}
			r->fill(r->ctx);
		}
	}

	/* Count labels above the bars, when they all fit, each moved clear
	 * of the cumulative line. */
	char vals[MAXCAT][32];
	if (count_labels(&L, vals, k->fs_small)) {
		dr_kit_group(k, "values");
		for (size_t j = 0; j < L.nbars; j++) {
			uint32_t col;
			double base = place_count(&L, j, vals[j], k->fs_small, &col);
			if (!isfinite(base))
				continue;
			dr_kit_text(k, col, xslot(&L, j), base, k->fs_small, false, DR_ALIGN_CENTER,
			            vals[j]);
		}
	}

	/* Category labels, wrapped in their slots. */
	dr_kit_group(k, "xlabels");
	r->colour(r->ctx, C_TEXT);
	for (size_t j = 0; j < L.nbars; j++) {
		char lines[2][TEXTMAX];
		int n = dr_kit_wrap(k, bar_label(&L, j, buf, sizeof buf), fs, L.slot - fs * 0.7, 2,
		                     lines);
		for (int i = 0; i < n; i++)
			r->text(r->ctx, xslot(&L, j), L.y1 + fs * (1.25 + 1.2 * i), fs, false,
			        DR_ALIGN_CENTER, lines[i]);
	}
	if (!L.cumulative && s.total == 0)
		dr_kit_nodata(k, L.x0, L.y0, L.x1, L.y1, "All counts are zero");
}
