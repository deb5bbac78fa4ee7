/*
 * chart-bar.c -- the horizontal bar chart (DR_CHART_BAR): one bar per
 *         category, e.g. "Initial denial rate by payer".
 *
 * Input:  c->bar[0..nbar) in the order drawn (the caller sorts), c->unit,
 *         c->reference / reference_label (a dashed line, e.g. the rate of
 *         all payers; NAN: none), c->has_target / target, title, subtitle,
 *         footnote; a backend (render.h) and a w x h point box.
 * Output: drawing calls only, in this order: title block, footnote, grid
 *         and value axis, bars, reference and target lines, category
 *         labels, value labels, line labels, "+ N more not shown"; groups named
 *         "grid", "xlabels", "bar", "line reference", "line target",
 *         "labels", "values", "line labels", "note".
 * Look:   the SPC chart's sizes (struct dr_kit): NHS-blue bars from zero,
 *         light vertical grid at nice 1-2-5 ticks, the zero line darker;
 *         after each bar its value in ink ("14.2%") then "n = 1,234" in
 *         muted type (a rate on too few cases, small_n: a light grey bar
 *         and a muted value, "bar small-n"); a hidden bar draws no bar
 *         and no number but a muted
 *         "hidden (small numbers)"; a NAN value draws a muted "–". The
 *         reference is a dashed grey line, the target a dotted red one
 *         ("Target 8%"), each labelled above the bars.
 * Layout: category labels right-aligned in a column measured from their
 *         real widths, at most 35% of the box (longer ones cut with "…");
 *         the value axis is shortened so that every bar's labels end inside
 *         the box (when they would leave the plot less than 45% of the
 *         room, the n labels go, then the values); rows are 1.3 to 5 axis
 *         fonts high (bars at most 2.6), and rows that do not fit are left
 *         out with a muted "+ N more not shown"; tick labels are thinned to
 *         fit; reference and target lines break where they would cross a
 *         row's labels; the two line labels are pushed apart when they
 *         would meet.
 *         Axis: zero included (running below zero only for negative
 *         values), reference and target always on it; a percent axis stays
 *         within 0..100% unless the data leave it.
 * Never:  allocates, prints, draws outside the box or text on text, or
 *         emits a NAN/infinite coordinate (NAN, 1e300, no bars, NULL
 *         labels). Tests: test-gallery.c (tests/gallery/g-bar.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart-int.h"

#define HIDDEN_TEXT "hidden (small numbers)"

/* Everything the layout decides, in points, y-down. */
struct layout {
	struct dr_kit k;
	const struct dr_chart *c;
	size_t nshow;               /* rows drawn: bar[0..nshow) */
	double x0, x1;              /* value axis: left and right end */
	double y0, y1;              /* rows: top and bottom */
	double rh;                  /* row height */
	double gap;                 /* from an edge to its text */
	double sep;                 /* between a value and its n */
	int mode;                   /* labels after bars: 2 value and n, 1 value, 0 none */
	struct dr_chart_ticks t;
};

/* The x of value v on the axis, clamped into the plot. */
static double xval(const struct layout *L, double v)
{
	double span = L->t.hi - L->t.lo;
	double x = L->x0 + (v - L->t.lo) / span * (L->x1 - L->x0);
	return isfinite(x) ? dr_kit_clamp(x, L->x0, L->x1) : L->x0;
}

/* The y of row i's middle. */
static double ymid(const struct layout *L, size_t i)
{
	return L->y0 + (i + 0.5) * L->rh;
}

/* What row i says after its bar. */
enum row_kind { ROW_VALUE, ROW_HIDDEN, ROW_NAN };

static enum row_kind row_kind(const struct dr_chart_bar *b)
{
	return b->hidden ? ROW_HIDDEN : dr_kit_ok(b->value) ? ROW_VALUE : ROW_NAN;
}

/* Formats row i's value and n labels ("" when there is none). */
static void row_texts(const struct layout *L, size_t i, char (*val)[64], char (*n)[80])
{
	const struct dr_chart_bar *b = &L->c->bar[i];
	(*val)[0] = (*n)[0] = '\0';
	if (row_kind(b) != ROW_VALUE)
		return;
	dr_chart_format_value(L->c->unit, b->value, -1, *val, sizeof *val);
	if (dr_kit_ok(b->n)) {
		char num[64];
		dr_chart_format_value(DR_UNIT_COUNT, b->n, 0, num, sizeof num);
		snprintf(*n, sizeof *n, "n = %s", num);
	}
}

/* The width of row i's labels after its bar, in labelling mode. */
static double row_label_w(const struct layout *L, size_t i, int mode)
{
	const struct dr_chart_bar *b = &L->c->bar[i];
	switch (row_kind(b)) {
	case ROW_HIDDEN:
		return dr_kit_tw(&L->k, L->k.fs_small, false, HIDDEN_TEXT);
	case ROW_NAN:
		return dr_kit_tw(&L->k, L->k.fs_axis, false, "\u2013");
	default:
		break;
	}
	if (mode == 0)
		return 0;
	char val[64], n[80];
	row_texts(L, i, &val, &n);
	double wd = dr_kit_tw(&L->k, L->k.fs_axis, false, val);
	if (mode == 2 && n[0])
		wd += L->sep + dr_kit_tw(&L->k, L->k.fs_small, false, n);
	return wd;
}

/* Where row i's labels start, as a fraction of the axis: after the bar's
 * end for a value >= 0, after the zero line otherwise. */
static double row_anchor(const struct layout *L, size_t i)
{
	const struct dr_chart_bar *b = &L->c->bar[i];
	double v = row_kind(b) == ROW_VALUE && b->value > 0 ? b->value : 0;
	double f = (v - L->t.lo) / (L->t.hi - L->t.lo);
	return isfinite(f) ? dr_kit_clamp(f, 0, 1) : 1;
}

/* The value axis over the rows drawn, zero, reference and target. */
static void value_axis(struct layout *L, int approx)
{
	const struct dr_chart *c = L->c;
	double lo = 0, hi = 0;
	for (size_t i = 0; i < L->nshow; i++) {
		const struct dr_chart_bar *b = &c->bar[i];
		if (row_kind(b) != ROW_VALUE)
			continue;
		lo = fmin(lo, b->value);
		hi = fmax(hi, b->value);
	}
	if (dr_kit_ok(c->reference)) {
		lo = fmin(lo, c->reference);
		hi = fmax(hi, c->reference);
	}
	if (c->has_target && dr_kit_ok(c->target)) {
		lo = fmin(lo, c->target);
		hi = fmax(hi, c->target);
	}
	dr_chart_ticks(lo, hi, approx, &L->t);
	dr_kit_whole_ticks(c->unit, &L->t);
	if (c->unit == DR_UNIT_PERCENT && L->t.hi > 1 && hi <= 1) {
		L->t.hi = 1;            /* never past 100% unless the data are */
		L->t.n = (int)floor((L->t.hi - L->t.lo) / L->t.step + 1e-9) + 1;
	}
}

/*
 * The widest axis the labels after the bars allow in mode: each row's
 * labels, starting at its anchor, must end inside the box.
 */
static double axis_room(const struct layout *L, int mode)
{
	double right = L->k.w - L->k.pad, room = right - L->x0;
	for (size_t i = 0; i < L->nshow; i++) {
		double lw = row_label_w(L, i, mode);
		if (lw <= 0)
			continue;
		double f = row_anchor(L, i), need = L->gap + lw;
		if (f > 0)
			room = fmin(room, (right - L->x0 - need) / f);
	}
	return room;
}

/* Draws the grid, the zero line and the thinned tick labels. */
static void draw_axis(const struct layout *L)
{
	const struct dr_chart *c = L->c;
	const struct dr_render *r = L->k.r;
	char buf[64];
	dr_kit_group(&L->k, "grid");
	dr_kit_pen(&L->k, C_GRID, L->k.lw * 0.6, DR_DASH_SOLID);
	for (int i = 0; i < L->t.n; i++) {
		double x = xval(L, dr_chart_tick(&L->t, i));
		r->move_to(r->ctx, x, L->y0);
		r->line_to(r->ctx, x, L->y1);
	}
	r->stroke(r->ctx);
	dr_kit_pen(&L->k, C_AXIS, L->k.lw * 0.7, DR_DASH_SOLID);
	r->move_to(r->ctx, xval(L, 0), L->y0);
	r->line_to(r->ctx, xval(L, 0), L->y1);
	r->stroke(r->ctx);

	/* Thin the labels to every k-th tick, keeping the zero tick. */
	double fs = L->k.fs_axis, wmax = 0;
	int zero = 0;
	for (int i = 0; i < L->t.n; i++) {
		double v = dr_chart_tick(&L->t, i);
		if (v == 0)
			zero = i;
		dr_chart_format_tick(c->unit, v, &L->t, buf, sizeof buf);
		wmax = fmax(wmax, dr_kit_tw(&L->k, fs, false, buf));
	}
	double spacing = (L->x1 - L->x0) / fmax(L->t.n - 1, 1);
	int every = (int)dr_kit_clamp(ceil((wmax + fs * 0.8) / fmax(spacing, 0.01)), 1, 1000);
	dr_kit_group(&L->k, "xlabels");
	r->colour(r->ctx, C_TEXT);
	double base = L->y1 + fs * 1.2;
	for (int i = zero % every; i < L->t.n; i += every) {
		double v = dr_chart_tick(&L->t, i), x = xval(L, v);
		dr_chart_format_tick(c->unit, v, &L->t, buf, sizeof buf);
		dr_kit_text_centred(&L->k, x, base, fs, buf);
	}
}

/* True when row i's labels cover x (a vertical line there would cross
 * them). */
static bool labels_cover(const struct layout *L, size_t i, double x)
{
	double lw = row_label_w(L, i, L->mode);
	if (row_kind(&L->c->bar[i]) == ROW_HIDDEN && L->mode == 0)
		lw = fmin(lw, L->k.w - L->k.pad - xval(L, 0) - L->gap);
	if (lw <= 0)
		return false;
	double a = L->x0 + row_anchor(L, i) * (L->x1 - L->x0) + L->gap;
	return x > a - L->k.lw * 2 && x < a + lw + L->k.lw * 2;
}

/* Draws a vertical line at x from the top of the rows to their bottom,
 * broken where it would cross a row's labels. */
static void draw_vline(const struct layout *L, double x)
{
	const struct dr_render *r = L->k.r;
	double fs = L->k.fs_axis, from = L->y0;
	bool any = false;
	for (size_t i = 0; i < L->nshow; i++) {
		if (!labels_cover(L, i, x))
			continue;
		double a = ymid(L, i) - fs * 0.75, b = ymid(L, i) + fs * 0.65;
		if (a > from) {
			r->move_to(r->ctx, x, from);
			r->line_to(r->ctx, x, a);
			any = true;
		}
		from = fmax(from, b);
	}
	if (L->y1 > from) {
		r->move_to(r->ctx, x, from);
		r->line_to(r->ctx, x, L->y1);
		any = true;
	}
	if (any)
		r->stroke(r->ctx);
}

/* One labelled vertical line: reference or target. */
struct vline {
	double x;
	char text[TEXTMAX];
	uint32_t colour;
	double a, b;                /* the label's span once placed */
};

/* Places the labels of the lines above the rows: centred on their line,
 * kept inside the box, pushed to either side of their midpoint when two
 * would meet, and cut with "…" to the room they have. */
static void place_vlabels(const struct layout *L, struct vline *v, int n, double fs)
{
	double lo = L->k.pad, hi = L->k.w - L->k.pad, sep = fs * 0.8;
	for (int i = 0; i < n; i++) {
		double wd = fmin(dr_kit_tw(&L->k, fs, false, v[i].text), hi - lo);
		v[i].a = dr_kit_clamp(v[i].x - wd / 2, lo, hi - wd);
		v[i].b = v[i].a + wd;
	}
	if (n == 2) {
		if (v[1].x < v[0].x) {
			struct vline t = v[0];
			v[0] = v[1];
			v[1] = t;
		}
		if (v[0].b + sep > v[1].a) {
			double mid = dr_kit_clamp((v[0].x + v[1].x) / 2, lo + sep, hi - sep);
			double w0 = fmin(v[0].b - v[0].a, mid - sep / 2 - lo);
			double w1 = fmin(v[1].b - v[1].a, hi - mid - sep / 2);
			v[0].b = mid - sep / 2;
			v[0].a = v[0].b - fmax(w0, 0);
			v[1].a = mid + sep / 2;
			v[1].b = v[1].a + fmax(w1, 0);
		}
	}
	for (int i = 0; i < n; i++) {
		char buf[TEXTMAX];
		dr_kit_fit(&L->k, v[i].text, fs, false, v[i].b - v[i].a, buf, sizeof buf);
		memcpy(v[i].text, buf, sizeof buf);
	}
}

/* Draws the labels after the bars of every row. */
static void draw_values(const struct layout *L)
{
	const struct dr_kit *k = &L->k;
	char val[64], n[80], buf[TEXTMAX];
	double right = k->w - k->pad;
	dr_kit_group(k, "values");
	for (size_t i = 0; i < L->nshow; i++) {
		double x = L->x0 + row_anchor(L, i) * (L->x1 - L->x0) + L->gap;
		double base = ymid(L, i) + k->fs_axis * 0.35;
		switch (row_kind(&L->c->bar[i])) {
		case ROW_HIDDEN:
			if (right - x <= k->fs_small)
				continue;
			dr_kit_fit(k, HIDDEN_TEXT, k->fs_small, false, right - x, buf, sizeof buf);
			dr_kit_text(k, C_MUTED, x, base, k->fs_small, false, DR_ALIGN_LEFT, buf);
			continue;
		case ROW_NAN:
			dr_kit_text(k, C_MUTED, x, base, k->fs_axis, false, DR_ALIGN_LEFT,
			            "\u2013");
			continue;
		default:
			break;
		}
		if (L->mode == 0)
			continue;
		row_texts(L, i, &val, &n);
		double xn = x + dr_kit_tw(k, k->fs_axis, false, val) + L->sep;
		if (xn - L->sep > right + 0.01)
			continue;       /* a box too narrow for the layout's own estimate */
		dr_kit_text(k, L->c->bar[i].small_n ? C_MUTED : C_INK, x, base, k->fs_axis, false,
		            DR_ALIGN_LEFT, val);
		if (L->mode == 2 && n[0] && xn + dr_kit_tw(k, k->fs_small, false, n) <= right + 0.01)
			dr_kit_text(k, C_MUTED, xn, base, k->fs_small, false, DR_ALIGN_LEFT, n);
	}
}

void dr_chart_draw_bar(const struct dr_chart *c, const struct dr_render *r, double w, double h)
{
	struct dr_chart safe = *c;
	if (!c->bar)
		safe.nbar = 0;
	c = &safe;
	struct layout L = { .c = c };
	struct dr_kit *k = &L.k;
	dr_kit_init(k, r, w, h, c->min_text);
	char buf[TEXTMAX];

	/* Vertical: title block, line labels, rows, tick labels, note,
	 * footnote. Without room for one row the footnote goes, then all. */
	double top = dr_kit_header(k, c, 0, false);
	bool has_ref = dr_kit_ok(c->reference), has_target = c->has_target && dr_kit_ok(c->target);
	double vlab_h = has_ref || has_target ? k->fs_small * 1.5 : 0;
	double axis_h = k->fs_axis * 1.9, note_h = k->fs_small * 1.6;
	double rh_min = k->fs_axis * 1.3, rh_max = k->fs_axis * 5;
	bool foot = true;
	double bottom = dr_kit_footnote(k, c, false);
	if (bottom - top - vlab_h - axis_h < rh_min) {
		foot = false;
		bottom = h - k->pad;
	}
	dr_kit_header(k, c, 0, true);
	if (foot)
		dr_kit_footnote(k, c, true);
	double avail = bottom - top - vlab_h - axis_h;
	if (c->nbar == 0) {
		dr_kit_nodata(k, k->pad, top, w - k->pad, bottom, NULL);
		return;
	}
	if (avail < rh_min)
		return;
	L.nshow = c->nbar;
	if (c->nbar * rh_min > avail) {
		double rows = floor((avail - note_h) / rh_min);
		L.nshow = rows > 0 ? (size_t)rows : 0;
	}
	size_t hidden_rows = c->nbar - L.nshow;
	if (L.nshow == 0) {
		char num[48];
		dr_chart_format_value(DR_UNIT_COUNT, (double)c->nbar, 0, num, sizeof num);
		snprintf(buf, sizeof buf, "%s bars not shown", num);
		dr_kit_nodata(k, k->pad, top, w - k->pad, bottom, buf);
		return;
	}
	L.rh = fmin((avail - (hidden_rows ? note_h : 0)) / L.nshow, rh_max);
	L.y0 = top + vlab_h;
	L.y1 = L.y0 + L.nshow * L.rh;

	/* Horizontal: the label column, then the axis the labels after the
	 * bars leave room for. */
	L.gap = k->fs_axis * 0.6;
	L.sep = k->fs_small * 0.7;
	double lab_w = 0;
	for (size_t i = 0; i < L.nshow; i++)
		lab_w = fmax(lab_w, dr_kit_tw(k, k->fs_axis, false,
		                              c->bar[i].label ? c->bar[i].label : ""));
	lab_w = fmin(lab_w, w * 0.35);
	L.x0 = k->pad + lab_w + (lab_w > 0 ? L.gap : 0);
	double full = w - k->pad - L.x0;
	int approx = (int)dr_kit_clamp(full * 0.7 / (k->fs_axis * 6), 2, 10);
	value_axis(&L, approx);
	L.mode = 2;
	double room = axis_room(&L, 2);
	if (room < full * 0.45) {
		L.mode = 1;
		room = axis_room(&L, 1);
	}
	if (room < full * 0.45) {
		L.mode = 0;
		room = fmax(axis_room(&L, 0), full * 0.45);
	}
	L.x1 = L.x0 + fmax(room, 10);

	draw_axis(&L);

	/* Bars: from zero to the value. */
	double bh = fmin(L.rh * 0.62, k->fs_axis * 2.6);
	for (int pass = 0; pass < 2; pass++) {     /* then rates on too few cases, light grey */
		bool any = false;
		for (size_t i = 0; i < L.nshow; i++) {
			if (row_kind(&c->bar[i]) != ROW_VALUE || c->bar[i].small_n != (pass == 1))
				continue;
			double a = xval(&L, 0), b = xval(&L, c->bar[i].value);
			if (fabs(b - a) < 0.01)
				continue;
			if (!any) {
				dr_kit_group(k, pass ? "bar small-n" : "bar");
				r->colour(r->ctx, pass ? C_AXIS : C_BAR);
			}
			any = true;
			r->rect(r->ctx, fmin(a, b), ymid(&L, i) - bh / 2, fabs(b - a), bh);
		}
		if (any)
			r->fill(r->ctx);
	}

	/* Reference and target lines, broken around the rows' labels. */
	struct vline vl[2];
	int nvl = 0;
	if (has_ref) {
		vl[nvl] = (struct vline){ .x = xval(&L, c->reference), .colour = C_TEXT };
		if (c->reference_label && *c->reference_label)
			snprintf(vl[nvl].text, sizeof vl[nvl].text, "%s", c->reference_label);
		else
			dr_chart_format_value(c->unit, c->reference, -1, vl[nvl].text,
			                      sizeof vl[nvl].text);
		dr_kit_group(k, "line reference");
		dr_kit_pen(k, C_MEAN, k->lw, DR_DASH_DASHED);
		draw_vline(&L, vl[nvl].x);
		nvl++;
	}
	if (has_target) {
		char num[64];
		dr_chart_format_value(c->unit, c->target, dr_kit_short_decimals(c->unit, c->target), num,
		                      sizeof num);
		vl[nvl] = (struct vline){ .x = xval(&L, c->target), .colour = C_TARGET };
		snprintf(vl[nvl].text, sizeof vl[nvl].text, "Target %s", num);
		dr_kit_group(k, "line target");
		dr_kit_pen(k, C_TARGET, k->lw * 1.4, DR_DASH_DOTTED);
		draw_vline(&L, vl[nvl].x);
		nvl++;
	}

	/* Category labels, right-aligned against the axis. */
	if (lab_w > 0) {
		dr_kit_group(k, "labels");
		r->colour(r->ctx, C_TEXT);
		for (size_t i = 0; i < L.nshow; i++) {
			dr_kit_fit(k, c->bar[i].label, k->fs_axis, false, lab_w, buf, sizeof buf);
			double base = ymid(&L, i) + k->fs_axis * 0.35;
			if (!buf[0])
				continue;
			r->text(r->ctx, L.x0 - L.gap, base, k->fs_axis, false, DR_ALIGN_RIGHT, buf);
		}
	}
	draw_values(&L);

	if (nvl) {
		double fs = k->fs_small;
		place_vlabels(&L, vl, nvl, fs);
		dr_kit_group(k, "line labels");
		for (int i = 0; i < nvl; i++)
			if (vl[i].text[0])
				dr_kit_text(k, vl[i].colour, vl[i].a, L.y0 - fs * 0.45, fs, false,
				            DR_ALIGN_LEFT, vl[i].text);
	}
	if (hidden_rows) {
		char num[48], note[96];
		dr_chart_format_value(DR_UNIT_COUNT, (double)hidden_rows, 0, num, sizeof num);
		snprintf(note, sizeof note, "+ %s more not shown", num);
		dr_kit_group(k, "note");
		dr_kit_fit(k, note, k->fs_small, false, w - 2 * k->pad, buf, sizeof buf);
		dr_kit_text(k, C_MUTED, k->pad, L.y1 + axis_h + k->fs_small * 0.9, k->fs_small,
		            false, DR_ALIGN_LEFT, buf);
	}
}
