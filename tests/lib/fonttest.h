/*
 * fonttest.h -- for the C unit tests that make PDFs with the report's
 * fonts: a libharu error handler that counts what it reports (a test ends
 * by asserting the count), and the fonts opened or the test ended.
 * Include after tap.h.
 */
#ifndef DYADREPORT_FONTTEST_H
#define DYADREPORT_FONTTEST_H

#include <stdbool.h>
#include <stdio.h>

#include <hpdf.h>

#include "dyadreport/font.h"

/* libharu errors reported so far, each also printed as a TAP comment. */
static int ft_hpdf_errors __attribute__((unused));

static inline void ft_on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
	(void)data;
	ft_hpdf_errors++;
	printf("# libharu error 0x%04x detail %u\n", (unsigned)e, (unsigned)detail);
}

/* Opens the default fonts into f as a test's first assertion; false when
 * they cannot be found (the test then ends: return tap_done()). */
static inline bool ft_fonts_open(struct dr_fonts *f)
{
	int rc = dr_fonts_open(f, NULL, NULL);
	tap_int(rc, 0, "fonts: DejaVu Sans found");
	return rc == 0;
}

#endif
