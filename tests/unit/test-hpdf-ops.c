/*
 * test-hpdf-ops.c -- path and colour operators written as libharu writes
 * them (src/render-hpdf-ops.c): dr_pdf_ftoa gives HPDF_FToA's bytes for
 * edge values and two million random ones; a page drawn through
 * dr_pdf_ops_* has, byte for byte, the content stream of the same page
 * drawn through libharu's HPDF_Page_* operators, with thousands of
 * operators (several flushes of the buffer), random coordinates, colours,
 * widths and dash patterns, and libharu reports no error.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "dyadreport/dyadreport.h"
#include "tap.h"
#include "fonttest.h"
#include "../../src/render-int.h"

/* Whether dr_pdf_ftoa(v) is HPDF_FToA(v), as a string. */
static bool same_number(HPDF_REAL v)
{
	char a[64], b[64];
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	char *ea = HPDF_FToA(a, v, a + 63);
	char *eb = dr_pdf_ftoa(b, v);
	*ea = 0;
	*eb = 0;
	if (strcmp(a, b) != 0) {
		printf("# %.9g: libharu \"%s\", ours \"%s\"\n", (double)v, a, b);
		return false;
	}
	return true;
}

static double uniform(unsigned *seed)
{
	return (double)rand_r(seed) / ((double)RAND_MAX + 1);
}

/* Runs `mine` when ours, else libharu's `haru`. */
#define BOTH(mine, haru) do { if (ours) { mine; } else { haru; } } while (0)

/* One random operator on a page, through libharu (ours false) or
 * dr_pdf_ops (ours true), from the same random numbers; in_path tracks
 * the path as render-hpdf.c does. */
static void random_op(HPDF_Page page, struct dr_pdf_ops *o, bool ours, unsigned *seed,
                      bool *in_path)
{
	HPDF_REAL x = (HPDF_REAL)(uniform(seed) * 700 - 50), y = (HPDF_REAL)(uniform(seed) * 900 - 50);
	HPDF_REAL w = (HPDF_REAL)(uniform(seed) * 300), h = (HPDF_REAL)(uniform(seed) * 300);
	int kind = rand_r(seed) % 9;
	if (!*in_path && kind >= 4) {   /* colour, width and dash only between paths */
		if (kind % 3 == 2) {
			/* solid, or 2 or 4 elements of 1..100 */
			unsigned ptn[4];
			HPDF_UINT16 ptn16[4];
			size_t n = (size_t)(rand_r(seed) % 3) * 2;
			for (size_t i = 0; i < n; i++)
				ptn16[i] = (HPDF_UINT16)(ptn[i] = 1 + (unsigned)rand_r(seed) % 100);
			BOTH(dr_pdf_ops_dash(o, ptn, n), HPDF_Page_SetDash(page, n ? ptn16 : NULL, (HPDF_UINT)n, 0));
		} else if (kind % 3) {
			HPDF_REAL r = (HPDF_REAL)(rand_r(seed) % 256) / 255.0f;
			HPDF_REAL g = (HPDF_REAL)(rand_r(seed) % 256) / 255.0f;
			HPDF_REAL b = (HPDF_REAL)(rand_r(seed) % 256) / 255.0f;
			BOTH(dr_pdf_ops_rgb(o, r, g, b),
			     HPDF_Page_SetRGBStroke(page, r, g, b); HPDF_Page_SetRGBFill(page, r, g, b));
		} else {
			HPDF_REAL lw = (HPDF_REAL)(0.1 + uniform(seed) * 4);
			BOTH(dr_pdf_ops_line_width(o, lw), HPDF_Page_SetLineWidth(page, lw));
		}
		return;
	}
	switch (kind) {
	case 0:
		BOTH(dr_pdf_ops_move_to(o, x, y), HPDF_Page_MoveTo(page, x, y));
		*in_path = true;
		break;
	case 1:
		if (*in_path)
			BOTH(dr_pdf_ops_line_to(o, x, y), HPDF_Page_LineTo(page, x, y));
		break;
	case 2:
		BOTH(dr_pdf_ops_rect(o, x, y, w, h), HPDF_Page_Rectangle(page, x, y, w, h));
		*in_path = true;
		break;
	case 3:
		BOTH(dr_pdf_ops_circle(o, x, y, w / 20 + 0.25f),
		     HPDF_Page_Circle(page, x, y, w / 20 + 0.25f));
		*in_path = true;
		break;
	default:                        /* (in a path: see above) */
		if (rand_r(seed) % 3 == 0) {
			BOTH(dr_pdf_ops_close(o), HPDF_Page_ClosePath(page));
			break;
		}
		switch (rand_r(seed) % 3) {
		case 0: BOTH(dr_pdf_ops_stroke(o), HPDF_Page_Stroke(page)); break;
		case 1: BOTH(dr_pdf_ops_fill(o), HPDF_Page_Fill(page)); break;
		default: BOTH(dr_pdf_ops_end_path(o), HPDF_Page_EndPath(page));
		}
		*in_path = false;
	}
}

/* A page of nops random operators (seed), through libharu or ours; its
 * content stream's bytes, malloc'd. */
static unsigned char *page_bytes(bool ours, unsigned seed, int nops, size_t *len)
{
	HPDF_Doc pdf = HPDF_New(ft_on_hpdf_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	HPDF_Page page = HPDF_AddPage(pdf);
	struct dr_pdf_ops *o = malloc(sizeof *o);
	dr_pdf_ops_init(o, page);
	bool in_path = false;
	for (int i = 0; i < nops; i++)
		random_op(page, o, ours, &seed, &in_path);
	if (in_path)
		BOTH(dr_pdf_ops_end_path(o), HPDF_Page_EndPath(page));
	dr_pdf_ops_flush(o);
	HPDF_Page_GSave(page);          /* a libharu operator after ours */
	HPDF_Page_GRestore(page);
	unsigned char *b = dr_hpdf_stream_bytes(((HPDF_PageAttr)page->attr)->stream, len);
	free(o);
	HPDF_Free(pdf);
	return b;
}

int main(void)
{
	static const double edges[] = {
		0, -0.0, 1, -1, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.000004, 0.000005, 0.000006,
		-0.000004, -0.000005, 0.0000049, 0.999994, 0.999995, 0.999996, 9.999995, 12.345675,
		99999, 32766.99999, 32767, 32767.5, 32768, 40000, 1e9, -32767, -32768, -1e9, 1e-30,
		-1e-30, 255.0 / 255, 128.0 / 255, 1.0 / 255, 254.0 / 255, 842, 595.2756, 0.1f, 1e-5,
		FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX, INFINITY, -INFINITY,
	};
	long same = 0;
	for (size_t i = 0; i < DR_NELEM(edges); i++)
		same += same_number((HPDF_REAL)edges[i]);
	tap_int(same, (long)DR_NELEM(edges), "edge values: HPDF_FToA's bytes");

	same = 0;
	for (int k = -100000; k <= 100000; k++)
		same += same_number((HPDF_REAL)(k / 100000.0f));
	tap_int(same, 200001, "-1..1 in steps of 0.00001: HPDF_FToA's bytes");

	unsigned seed = 20261207;
	same = 0;
	for (int i = 0; i < 2000000; i++) {
		double m = uniform(&seed);
		double v = i % 2 ? (m * 2 - 1) * 40000 : (m * 2 - 1) * pow(10, rand_r(&seed) % 9 - 5);
		same += same_number((HPDF_REAL)v);
	}
	tap_int(same, 2000000, "two million random values: HPDF_FToA's bytes");

	for (unsigned s = 1; s <= 4; s++) {
		int nops = s == 1 ? 20 : 3000;
		size_t na, nb;
		unsigned char *a = page_bytes(false, s, nops, &na), *b = page_bytes(true, s, nops, &nb);
		char what[96];
		snprintf(what, sizeof what, "%d random operators (seed %u): libharu's content stream",
		         nops, s);
		tap_ok(a && b && na == nb && memcmp(a, b, na) == 0, what);
		if (s == 2)
			tap_ok(na > 3 * sizeof ((struct dr_pdf_ops *)0)->buf,
			       "... several buffers' worth of operators");
		free(a);
		free(b);
	}
	tap_int(ft_hpdf_errors, 0, "libharu reported no error");
	return tap_done();
}
