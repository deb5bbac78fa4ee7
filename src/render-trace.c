/*
 * render-trace.c -- the render.h table as text, one line per drawing call.
 *
 * Input:  a chart and a box size in points, or any drawing callback (an
 *         icon of icon.h) through dr_render_trace_calls.
 * Output: lines on out, numbers with %.2f, text quoted with C escapes:
 *           group marker improvement hollow
 *           colour #289de0 / width 1.35 / dash dashed
 *           move 10.00 20.00 / line 30.00 40.00 / close
 *           rect X Y W H / circle X Y R / stroke / fill
 *           text X Y size 15.00 bold left "Initial denial rate"
 *         Golden tests diff or grep these lines (tests/golden/NAME.trace).
 * Metrics: text widths are a fixed estimate (0.55 em per character, 0.6
 *         bold), so a trace never depends on the installed fonts or on
 *         cairo/freetype versions; the layout decisions (thinning, margins)
 *         follow those estimates.
 * Checks: breaches of render.h's state rule are printed as lines starting
 *         with "!!" (colour/width/dash inside a path, text inside a path,
 *         line_to without move_to, stroke/fill without a path, a NAN or
 *         infinite number) so tests can assert the backends will not fail.
 * Owns:   nothing; never allocates.
 */
#include <math.h>
#include <stdio.h>

#include "dyadreport/chart.h"
#include "dyadreport/render.h"

/* A chart and its box, for draw_chart. */
struct trace_chart {
	const struct dr_chart *c;
	double w, h;
};

struct trace {
	FILE *out;
	bool path;                  /* a path is open */
	bool point;                 /* the path has a current point */
};

/* Prints a "!!" line when a number is not finite. */
static void check(struct trace *t, const char *what, double v)
{
	if (!isfinite(v))
		fprintf(t->out, "!! %s: non-finite number\n", what);
}

/* Prints a "!!" line when a state change happens inside a path. */
static void outside(struct trace *t, const char *what)
{
	if (t->path)
		fprintf(t->out, "!! %s inside a path\n", what);
}

/* Prints the call that sets the stroke and fill colour. */
static void t_colour(void *ctx, uint32_t rgb)
{
	struct trace *t = ctx;
	outside(t, "colour");
	fprintf(t->out, "colour #%06x\n", (unsigned)(rgb & 0xffffff));
}

/* Prints the call that sets the stroke width in points. */
static void t_line_width(void *ctx, double w)
{
	struct trace *t = ctx;
	outside(t, "width");
	check(t, "width", w);
	fprintf(t->out, "width %.2f\n", w);
}

/* Prints the call that sets solid, dashed (5 on, 3 off) or dotted (1 on, 2 off) strokes. */
static void t_dash(void *ctx, enum dr_render_dash d)
{
	struct trace *t = ctx;
	outside(t, "dash");
	fprintf(t->out, "dash %s\n", d == DR_DASH_DASHED ? "dashed" : d == DR_DASH_DOTTED ? "dotted" : "solid");
}

/* Prints the call that starts a subpath. */
static void t_move_to(void *ctx, double x, double y)
{
	struct trace *t = ctx;
	check(t, "move", x);
	check(t, "move", y);
	t->path = t->point = true;
	fprintf(t->out, "move %.2f %.2f\n", x, y);
}

/* Prints the call that extends the subpath with a straight segment. */
static void t_line_to(void *ctx, double x, double y)
{
	struct trace *t = ctx;
	check(t, "line", x);
	check(t, "line", y);
	if (!t->point)
		fprintf(t->out, "!! line without a current point\n");
	fprintf(t->out, "line %.2f %.2f\n", x, y);
}

/* Prints the call that closes the subpath. */
static void t_close(void *ctx)
{
	struct trace *t = ctx;
	if (!t->point)
		fprintf(t->out, "!! close without a current point\n");
	fprintf(t->out, "close\n");
}

/* Prints the call that adds a closed rectangle. */
static void t_rect(void *ctx, double x, double y, double w, double h)
{
	struct trace *t = ctx;
	check(t, "rect", x + y + w + h);
	t->path = t->point = true;
	fprintf(t->out, "rect %.2f %.2f %.2f %.2f\n", x, y, w, h);
}

/* Prints the call that adds a closed circle. */
static void t_circle(void *ctx, double x, double y, double r)
{
	struct trace *t = ctx;
	check(t, "circle", x + y + r);
	t->path = t->point = true;
	fprintf(t->out, "circle %.2f %.2f %.2f\n", x, y, r);
}

/* Ends the path for stroke and fill. */
static void paint(struct trace *t, const char *what)
{
	if (!t->path)
		fprintf(t->out, "!! %s without a path\n", what);
	t->path = t->point = false;
	fprintf(t->out, "%s\n", what);
}

/* Prints the call that strokes and ends the path. */
static void t_stroke(void *ctx) { paint(ctx, "stroke"); }
/* Prints the call that fills and ends the path. */
static void t_fill(void *ctx) { paint(ctx, "fill"); }

/* Prints s, escaping quotes, backslashes and control bytes, so that one
 * call stays one line whatever a label holds. */
static void escaped(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

/* Prints s quoted and escaped. */
static void quoted(FILE *out, const char *s)
{
	fputc('"', out);
	escaped(out, s);
	fputc('"', out);
}

/* Prints the call that draws text with its baseline at y, aligned to x. */
static void t_text(void *ctx, double x, double y, double size, bool bold,
                   enum dr_render_align a, const char *utf8)
{
	struct trace *t = ctx;
	outside(t, "text");
	check(t, "text", x + y + size);
	fprintf(t->out, "text %.2f %.2f size %.2f %s %s ", x, y, size, bold ? "bold" : "regular",
	        a == DR_ALIGN_CENTER ? "centre" : a == DR_ALIGN_RIGHT ? "right" : "left");
	quoted(t->out, utf8);
	fputc('\n', t->out);
}

/* 0.55 em per character (0.6 bold), counting UTF-8 lead bytes only. */
static double t_text_width(void *ctx, double size, bool bold, const char *utf8)
{
	(void)ctx;
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)utf8; s && *s; s++)
		n += (*s & 0xC0) != 0x80;
	return (double)n * size * (bold ? 0.6 : 0.55);
}

/* Prints the name of what follows. */
static void t_group(void *ctx, const char *name)
{
	struct trace *t = ctx;
	outside(t, "group");
	fputs("group ", t->out);
	escaped(t->out, name);         /* a name may carry a chart's label */
	fputc('\n', t->out);
}

void dr_render_trace_calls(FILE *out, double w, double h,
                           void (*draw)(const struct dr_render *r, void *arg), void *arg)
{
	struct trace t = { .out = out };
	struct dr_render r = {
		.ctx = &t,
		.colour = t_colour,
		.line_width = t_line_width,
		.dash = t_dash,
		.move_to = t_move_to,
		.line_to = t_line_to,
		.close = t_close,
		.rect = t_rect,
		.circle = t_circle,
		.stroke = t_stroke,
		.fill = t_fill,
		.text = t_text,
		.text_width = t_text_width,
		.group = t_group,
	};
	fprintf(out, "chart %.2f %.2f\n", w, h);
	if (draw)
		draw(&r, arg);
	if (t.path)
		fprintf(out, "!! path left open\n");
	fprintf(out, "end\n");
}

/* dr_chart_draw as a callback of dr_render_trace_calls. */
static void draw_chart(const struct dr_render *r, void *arg)
{
	const struct trace_chart *tc = arg;
	dr_chart_draw(tc->c, r, tc->w, tc->h);
}

void dr_render_trace(FILE *out, const struct dr_chart *c, double w, double h)
{
	struct trace_chart tc = { .c = c, .w = w, .h = h };
	dr_render_trace_calls(out, w, h, draw_chart, &tc);
}
