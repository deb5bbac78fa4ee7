/*
 * render-gallery.c -- renders every gallery chart (gallery.h) into OUTDIR:
 * NAME.png and NAME.svg (cairo, 1600 px wide), one page per chart in
 * gallery.pdf (libharu paths, the chart's 800-point box with a 20-point
 * margin), and the strings each backend drew: NAME.png.txt, NAME.svg.txt,
 * NAME.pdf.txt. pages.txt lists "PAGE NAME" per line. gallery.sh compares
 * them; people open the files to look.
 *
 * Usage: render-gallery OUTDIR. Exit 0, or 1 on any render or write error.
 */
#include <stdio.h>
#include <stdlib.h>

#include <hpdf.h>

#include "dyadreport/font.h"
#include "dyadreport/render.h"
#include "gallery.h"

static int errors;

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "render-gallery: libharu error 0x%04x detail %u\n", (unsigned)e,
	        (unsigned)detail);
	errors++;
}

static FILE *open_out(const char *dir, const char *name, const char *ext)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s%s", dir, name, ext);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		errors++;
	}
	return f;
}

static void put(const char *dir, const char *name, const char *ext, const unsigned char *buf,
                size_t len)
{
	FILE *f = open_out(dir, name, ext);
	if (f && (fwrite(buf, 1, len, f) != len || fclose(f) != 0)) {
		perror(name);
		errors++;
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: render-gallery OUTDIR\n");
		return 2;
	}
	const char *dir = argv[1];
	struct dr_fonts fonts;
	if (dr_fonts_open(&fonts, NULL, NULL) != 0)
		return 1;
	static struct gallery_item items[GALLERY_MAX];
	size_t n = gallery_all(items, GALLERY_MAX);

	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (dr_fonts_load_hpdf(&fonts, pdf) != 0)
		return 1;
	FILE *pages = open_out(dir, "pages", ".txt");
	for (size_t i = 0; i < n && pages; i++) {
		const struct gallery_item *it = &items[i];
		double h = gallery_height(it);
		int wpx = (int)(2 * GALLERY_W), hpx = (int)(2 * h + 0.5);
		unsigned char *buf;
		size_t len;
		FILE *log = open_out(dir, it->name, ".png.txt");
		if (!log || dr_render_png_logged(&it->chart, &fonts, wpx, hpx, &buf, &len, log) != 0) {
			fprintf(stderr, "render-gallery: %s: PNG failed\n", it->name);
			errors++;
		} else {
			put(dir, it->name, ".png", buf, len);
			free(buf);
		}
		if (log)
			fclose(log);
		log = open_out(dir, it->name, ".svg.txt");
		if (!log || dr_render_svg_logged(&it->chart, &fonts, wpx, hpx, &buf, &len, log) != 0) {
			fprintf(stderr, "render-gallery: %s: SVG failed\n", it->name);
			errors++;
		} else {
			put(dir, it->name, ".svg", buf, len);
			free(buf);
		}
		if (log)
			fclose(log);
		HPDF_Page page = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(page, (HPDF_REAL)(GALLERY_W + 40));
		HPDF_Page_SetHeight(page, (HPDF_REAL)(h + 40));
		log = open_out(dir, it->name, ".pdf.txt");
		if (log) {
			dr_render_hpdf_logged(pdf, page, &fonts, 20, 20, GALLERY_W, h, &it->chart, log);
			fclose(log);
		}
		fprintf(pages, "%zu %s\n", i + 1, it->name);
	}
	if (pages)
		fclose(pages);
	char path[1024];
	snprintf(path, sizeof path, "%s/gallery.pdf", dir);
	if (HPDF_SaveToFile(pdf, path) != HPDF_OK)
		errors++;
	HPDF_Free(pdf);
	dr_fonts_close(&fonts);
	printf("render-gallery: %zu charts in %s\n", n, dir);
	return errors ? 1 : 0;
}
