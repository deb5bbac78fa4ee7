/*
 * test-packet-draw.c -- the packet's drawing primitives (src/packet-draw.h)
 * tell the tagger what they paint, before they paint it.
 *
 * This program defines the tagger's functions (pdf-tags.h) itself, so the
 * primitives link against a recorder that writes each call to a log; the
 * checks, as TAP, read that log: text and icons are content (artifacts
 * while decoration is in force, which nests), rules, boxes and the
 * watermark are artifacts, a chart is a Figure with its alt text and box
 * around its paint, structure calls pass through, a page switch reaches
 * the tagger; nothing is said or painted without a page or after an
 * error; and with no tagger the same paint still reaches the page.
 *
 * Needs DejaVu Sans (fonts-dejavu-core) for the chart and icons.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hpdf.h>
#include <hpdf_pages.h>

#include "../../src/packet-draw.h"
#include "dyadreport/font.h"
#include "dyadreport/pdf-tags.h"
#include "tap.h"
#include "fonttest.h"

/* The recorder: every tagger call appended to one line of words. */
static char tag_log[4096];

static void say(const char *word, const char *arg)
{
	size_t n = strlen(tag_log);
	snprintf(tag_log + n, sizeof tag_log - n, "%s%s ", word, arg);
}

struct dr_tags { int unused; };
static struct dr_tags recorder;

struct dr_tags *dr_tags_new(HPDF_Doc pdf) { (void)pdf; return &recorder; }
void dr_tags_free(struct dr_tags *t) { (void)t; }
void dr_tags_page(struct dr_tags *t, HPDF_Page page) { (void)t; (void)page; say("page", ""); }
void dr_tags_open(struct dr_tags *t, const char *type) { (void)t; say("open:", type); }
void dr_tags_th(struct dr_tags *t, enum dr_tags_scope scope)
{
	(void)t;
	say("th:", scope == DR_SCOPE_COLUMN ? "column" : scope == DR_SCOPE_ROW ? "row" : "both");
}
void dr_tags_figure(struct dr_tags *t, const char *alt, double x, double y, double w, double h)
{
	(void)t;
	char box[96];
	snprintf(box, sizeof box, "figure[%.0f %.0f %.0f %.0f]:", x, y, w, h);
	say(box, alt);
}
void dr_tags_close(struct dr_tags *t) { (void)t; say("close", ""); }
void dr_tags_content(struct dr_tags *t) { (void)t; say("content", ""); }
void dr_tags_artifact(struct dr_tags *t) { (void)t; say("artifact", ""); }
int dr_tags_finish(struct dr_tags *t, const char *title, const char *lang)
{
	(void)t; (void)title; (void)lang;
	return 0;
}

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	(void)detail;
	struct dr_draw *d = user;
	if (!d->error)
		d->error = e;
}

/* Runs step on a fresh context and returns the log it left. */
static const char *logged(struct dr_draw *d, void (*step)(struct dr_draw *))
{
	tag_log[0] = '\0';
	step(d);
	return tag_log;
}

static void text(struct dr_draw *d)
{
	dr_draw_text(d, d->font, 10, 0x000000, 50, 700, DR_ALIGN_LEFT, "Hello");
}
static void decor_text(struct dr_draw *d)
{
	dr_draw_decor_begin(d);
	dr_draw_decor_begin(d);
	dr_draw_text(d, d->font, 10, 0x000000, 50, 700, DR_ALIGN_LEFT, "Page 1 of 2");
	dr_draw_decor_end(d);
	dr_draw_text(d, d->font, 10, 0x000000, 50, 690, DR_ALIGN_RIGHT, "still decoration");
	dr_draw_decor_end(d);
	dr_draw_text(d, d->font, 10, 0x000000, 50, 680, DR_ALIGN_LEFT, "content again");
}
static void rule_and_box(struct dr_draw *d)
{
	dr_draw_hrule(d, 10, 100, 500, 1, 0xc8d0d8);
	dr_draw_box(d, 10, 400, 90, 20, 0xeef3f8);
}
static void structure(struct dr_draw *d)
{
	dr_draw_open(d, "Table");
	dr_draw_open(d, "TR");
	dr_draw_th(d, DR_SCOPE_COLUMN);
	dr_draw_close(d);
	dr_draw_th(d, DR_SCOPE_ROW);
	dr_draw_close(d);
	dr_draw_close(d);
	dr_draw_close(d);
}
static void wrapped(struct dr_draw *d)
{
	double y = 600;
	dr_draw_wrap(d, d->font, 10, 0, 50, &y, 60, 12, "one two three four five six seven eight");
}
static void icons(struct dr_draw *d)
{
	dr_draw_variation_icon(d, 50, 300, 12, DR_POINT_CONCERN, 1);
	dr_draw_assurance_icon(d, 70, 300, 12, DR_ASSURE_PASS);
}
static void watermark(struct dr_draw *d)
{
	HPDF_ExtGState gs = HPDF_CreateExtGState(d->pdf);
	HPDF_ExtGState_SetAlphaFill(gs, 0.2f);
	dr_draw_watermark(d, gs, d->font, 100, 0xa61b1b, 300, 400, 0.9, "DRAFT");
}
static void chart(struct dr_draw *d)
{
	struct dr_chart_point pt[3] = {
		{ .month = 24300, .y = 0.1, .cl = 0.1, .lcl = 0.05, .ucl = 0.15 },
		{ .month = 24301, .y = 0.12, .cl = 0.1, .lcl = 0.05, .ucl = 0.15 },
		{ .month = 24302, .y = 0.09, .cl = 0.1, .lcl = 0.05, .ucl = 0.15 },
	};
	struct dr_chart c = { .kind = DR_CHART_SPC, .title = "Rate", .unit = DR_UNIT_PERCENT,
	                      .pt = pt, .n = 3, .reference = NAN, .target = NAN };
	dr_draw_chart(d, &c, "Rate held steady", 40, 100, 300, 200, true);
	dr_draw_chart(d, &c, "A sparkline", 40, 50, 40, 12, false);
}

int main(void)
{
	struct dr_fonts f;
	if (!ft_fonts_open(&f))
		return tap_done();
	struct dr_draw d = { .ts = 1.5, .fonts = &f };
	d.pdf = HPDF_New(on_error, &d);
	tap_int(dr_fonts_load_hpdf(&f, d.pdf), 0, "fonts embedded");
	d.font = f.hpdf.regular;
	d.bold = f.hpdf.bold;
	d.tags = dr_tags_new(d.pdf);

	/* No page yet: nothing is said, nothing painted. */
	tap_str(logged(&d, text), "", "no page: text says nothing to the tagger");
	tap_str(logged(&d, rule_and_box), "", "no page: rule and box say nothing");

	tag_log[0] = '\0';
	dr_draw_page(&d, HPDF_AddPage(d.pdf));
	tap_str(tag_log, "page ", "dr_draw_page tells the tagger");
	tap_str(logged(&d, text), "content ", "text is content");
	tap_str(logged(&d, decor_text), "artifact artifact content ",
	        "text is an artifact while decoration is in force, and it nests");
	tap_str(logged(&d, rule_and_box), "artifact artifact ", "rules and boxes are artifacts");
	tap_str(logged(&d, structure), "open:Table open:TR th:column close th:row close close close ",
	        "structure calls pass through in order");
	tap_str(logged(&d, wrapped), "content content content content ",
	        "wrapped text: content before each line");
	tap_str(logged(&d, icons), "content content ", "icons are content of the open element");
	tap_str(logged(&d, watermark), "artifact ", "the watermark is an artifact");
	tap_str(logged(&d, chart),
	        "figure[40 100 300 200]:Rate held steady content close "
	        "figure[40 50 40 12]:A sparkline content close ",
	        "a chart is a Figure with its alt and box around its paint, scaled or not");
	tap_int(d.error, 0, "no libharu errors");

	/* Untagged: the same paint reaches the page. */
	HPDF_Stream content = ((HPDF_PageAttr)d.page->attr)->stream;
	HPDF_UINT32 before = HPDF_Stream_Size(content);
	d.tags = NULL;
	tap_str(logged(&d, text), "", "no tagger: nothing is said");
	tap_ok(HPDF_Stream_Size(content) > before, "no tagger: the text is still painted");

	/* After an error: nothing. */
	d.tags = &recorder;
	d.error = HPDF_INVALID_OBJECT;
	tap_str(logged(&d, text), "", "after an error: text says nothing");
	tap_str(logged(&d, chart), "", "after an error: a chart says nothing");

	HPDF_Free(d.pdf);
	dr_fonts_close(&f);
	cairo_debug_reset_static_data();
	FcFini();
	return tap_done();
}
