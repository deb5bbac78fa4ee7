/*
 * chart-bytes.c -- builds a chart from arbitrary bytes and checks its
 * trace (chart-bytes.h).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "dyadreport/render.h"
#include "chart-bytes.h"
#include "charttest.h"

struct reader {
	const uint8_t *p;
	size_t n;
};

static unsigned u8(struct reader *r)
{
	if (!r->n)
		return 0;
	r->n--;
	return *r->p++;
}

/* A number: mostly from a table of awkward and ordinary values, sometimes
 * 8 raw bytes. */
static double num(struct reader *r)
{
	static const double table[] = {
		0, -0.0, 1, -1, 0.5, 0.08, 0.125, 0.9999, 1.0001, 2, 3, 7, 12, 99.5, 100, 1234,
		-2.2, -1e6, 1e6, 1e9, 1e12, 1e15, 1e300, -1e300, DBL_MAX, -DBL_MAX, DBL_MIN,
		4.9e-324, 1e-9, NAN, INFINITY, -INFINITY,
	};
	unsigned sel = u8(r);
	if (sel < 200)
		return table[sel % (sizeof table / sizeof table[0])] *
		       (sel >= 32 && sel < 96 ? (sel % 7 + 1) / 7.0 : 1);
	double d;
	uint8_t b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)u8(r);
	memcpy(&d, b, sizeof d);
	return d;
}

/* A label of raw bytes (0..80, NUL ends it early), or NULL. */
static const char *label(struct chart_bytes *cb, struct reader *r)
{
	unsigned len = u8(r);
	if (len == 255 || cb->ntext >= CB_TEXTS)
		return NULL;
	len %= 81;
	char *t = cb->text[cb->ntext++];
	size_t i = 0;
	for (; i < len; i++)
		t[i] = (char)u8(r);
	t[i] = '\0';
	return t;
}

static void points(struct reader *r, struct dr_chart_point *pt, size_t n)
{
	dr_month m = dr_month_make(2025, 1) + (int)(u8(r) % 24) - 12;
	int phase = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned f = u8(r);
		phase += (f & 0x40) != 0;
		m += 1 + (f & 0x80 ? (int)(u8(r) % 5) : 0);
		pt[i] = (struct dr_chart_point){
			.month = f == 0xff ? (dr_month)(int)(u8(r) << 24) : m,
			.y = num(r), .cl = num(r), .lcl = num(r), .ucl = num(r),
			.type = (enum dr_spc_point_type)(f % 6), .hollow = f & 0x08,
			.phase = phase,
		};
	}
}

void chart_from_bytes(struct chart_bytes *cb, const uint8_t *data, size_t size)
{
	struct reader rd = { data, size }, *r = &rd;
	memset(cb, 0, sizeof *cb);
	struct dr_chart *c = &cb->c;
	unsigned k = u8(r);
	c->kind = (enum dr_chart_kind)(k % DR_CHART_NKINDS);
	c->y_axis = (enum dr_chart_yaxis)((k >> 3) % 3);      /* fitted, zero, whole */
	static const double sizes[] = { 1, 4, 20, 24, 60, 100, 120, 190, 260, 400, 520, 800, 1600 };
	cb->w = sizes[u8(r) % 13] + u8(r) % 7;
	cb->h = sizes[u8(r) % 13] + u8(r) % 5;
	unsigned f = u8(r);
	c->unit = (enum dr_chart_unit)(f % 6);
	c->period = f & 0x08 ? DR_PERIOD_QUARTER : DR_PERIOD_MONTH;
	c->better = (int)((f >> 4) % 3) - 1;
	c->has_target = f & 0x80;
	c->target = num(r);
	c->reference = u8(r) & 1 ? num(r) : NAN;
	c->reference_label = label(cb, r);
	c->title = label(cb, r);
	c->subtitle = label(cb, r);
	c->footnote = label(cb, r);
	unsigned g = u8(r);
	c->icons = g & 1;
	c->variation = (enum dr_spc_point_type)((g >> 1) % 6);
	c->assurance = (enum dr_spc_assurance)((g >> 4) % 4);
	c->runs_signal = g & 0x40;
	c->trial_limits = g & 0x80;

	c->n = u8(r) % (CB_POINTS + 1);
	points(r, cb->pt, c->n);
	c->pt = cb->pt;
	size_t nann = u8(r) % 5;
	for (size_t i = 0; i < nann; i++)
		cb->ann[i] = (struct dr_chart_annotation){
			.month = c->n ? cb->pt[u8(r) % c->n].month : 0, .text = label(cb, r),
			.rebase = u8(r) & 1 };
	c->ann = nann ? cb->ann : NULL;
	c->nann = nann;

	c->nbar = u8(r) % (CB_BARS + 1);
	for (size_t i = 0; i < c->nbar; i++) {
		unsigned h = u8(r);
		cb->bar[i] = (struct dr_chart_bar){ .label = h & 1 ? label(cb, r) : "Payer",
		                                    .value = num(r), .n = h & 2 ? num(r) : NAN,
		                                    .hidden = h & 4 };
	}
	c->bar = cb->bar;

	size_t nrow = u8(r) % (CB_ROWS + 1), ncol = u8(r) % (CB_COLS + 1);
	for (size_t i = 0; i < nrow; i++)
		cb->row[i] = label(cb, r);
	for (size_t j = 0; j < ncol; j++)
		cb->col[j] = label(cb, r);
	for (size_t i = 0; i < nrow * ncol; i++) {
		unsigned h = u8(r);
		cb->cell[i] = (struct dr_chart_cell){ .value = h & 1 ? NAN : num(r), .hidden = h & 2 };
	}
	c->grid = (struct dr_chart_grid){ nrow, ncol, cb->row, cb->col, cb->cell };

	c->npanel = u8(r) % (CB_PANELS + 1);
	for (size_t i = 0; i < c->npanel; i++) {
		size_t n = u8(r) % (CB_POINTS + 1);
		points(r, cb->ppt[i], n);
		cb->panel[i] = (struct dr_chart_panel){ .label = label(cb, r), .n = n, .pt = cb->ppt[i] };
	}
	c->panel = cb->panel;

	for (size_t i = 0; i < c->nbar; i++)
		cb->fpt[i] = (struct dr_chart_funnel_point){ .label = cb->bar[i].label, .n = cb->bar[i].n,
		                                             .rate = cb->bar[i].value,
		                                             .flag = (enum dr_funnel_flag)(u8(r) % 7) };
	c->fpt = cb->fpt;
	c->nfpt = c->nbar;
	unsigned fl = u8(r);
	cb->funnel = (struct dr_funnel){ .model = (enum dr_funnel_model)(fl & 1),
	                                 .od = (enum dr_funnel_od)((fl >> 1) % 3), .target = num(r),
	                                 .phi = num(r), .tau2 = num(r), .used = c->nbar };
	c->funnel = fl & 0x80 ? NULL : &cb->funnel;
	c->funnel_hidden = u8(r) % 4;
	c->funnel_labels = fl & 0x40;
	c->x_label = fl & 0x20 ? label(cb, r) : NULL;
	c->y_label = fl & 0x10 ? label(cb, r) : NULL;
}

/* The width render-trace.c gives the quoted string q (its escapes undone):
 * 0.55 em per character, 0.6 bold, counting UTF-8 lead bytes. */
static double trace_width(const char *q, double size, bool bold)
{
	size_t n = 0;
	for (const char *p = q ? q + 1 : ""; *p && *p != '"' && *p != '\n'; p++) {
		if (*p == '\\') {
			p += p[1] == 'x' ? 3 : 1;      /* \xNN or \" or \\: one byte */
			n++;
			continue;
		}
		n += ((unsigned char)*p & 0xC0) != 0x80;
	}
	return (double)n * size * (bold ? 0.6 : 0.55);
}

/* The first broken rule of trace t in a w x h box, or NULL. */
static const char *broken(const char *t, double w, double h)
{
	if (strstr(t, "\n!!") || !strncmp(t, "!!", 2))
		return "a render.h state breach (!!)";
	if (!strstr(t, "\nend\n"))
		return "the trace is incomplete";
	for (const char *line = t; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (!strncmp(line, "text ", 5)) {
			/* text X Y size S WEIGHT ALIGN "...": the numbers, then the
			 * string's extent as the trace backend measures it. */
			double x, y, s;
			char weight[16], align[16];
			if (sscanf(line, "text %lf %lf size %lf %15s %15s", &x, &y, &s, weight,
			           align) != 5 || !isfinite(x) || !isfinite(y) || !isfinite(s))
				return "a text call with a non-finite number";
			if (x < -1 || y < -1 || x > w + 1 || y > h + 1)
				return "text placed outside the box";
			double tw = trace_width(strchr(line, '"'), s, !strcmp(weight, "bold"));
			double left = !strcmp(align, "left") ? x : !strcmp(align, "right") ? x - tw
			                                                                   : x - tw / 2;
			if (left < -1 || left + tw > w + 1)
				return "text running out of the box";
			continue;
		}
		if (!strncmp(line, "group ", 6) || !strncmp(line, "chart ", 6))
			continue;
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char buf[160];
		snprintf(buf, sizeof buf, "%.*s", (int)(len < 159 ? len : 159), line);
		if (strstr(buf, "nan") || strstr(buf, "inf"))
			return "a non-finite number";
		double x, y;
		if ((sscanf(buf, "move %lf %lf", &x, &y) == 2 || sscanf(buf, "line %lf %lf", &x, &y) == 2 ||
		     sscanf(buf, "rect %lf %lf", &x, &y) == 2 || sscanf(buf, "circle %lf %lf", &x, &y) == 2) &&
		    (x < -1 || y < -1 || x > w + 1 || y > h + 1))
			return "a path point outside the box";
	}
	return NULL;
}

int chart_bytes_check(const struct chart_bytes *cb, char *why, size_t size)
{
	char *t = ct_trace(&cb->c, cb->w, cb->h);
	const char *b = broken(t, cb->w, cb->h);
	if (b)
		snprintf(why, size, "%s chart in %.0f x %.0f: %s", dr_chart_kind_name(cb->c.kind),
		         cb->w, cb->h, b);
	free(t);
	return b ? -1 : 0;
}
