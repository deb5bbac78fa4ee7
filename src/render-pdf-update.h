/*
 * render-pdf-update.h -- an incremental update (ISO 32000-1 7.5.6)
 * appended to a saved PDF, its objects packed into one Flate-compressed
 * object stream (7.5.7) and indexed by a cross-reference stream (7.5.8).
 *
 * Use: dr_pdf_update_new reads the end of the saved file (the last
 * "startxref" and the trailer before it: /Size, /Root, /Info, /ID);
 * dr_pdf_update_object starts an object (a number below the old /Size
 * redefines that object; dr_pdf_update_next gives new numbers from it),
 * dr_pdf_update_puts/_putf append to its body (direct objects only: no
 * "obj"/"endobj", no streams); dr_pdf_update_write appends the object
 * stream, the xref stream (/Prev = the old xref) and "startxref ..
 * %%EOF" to the caller's malloc'd buffer, growing it with realloc.
 * The file must be PDF 1.5 or later and not encrypted (new_ refuses one
 * with /Encrypt). Same calls, same bytes (zlib at a fixed level).
 * Errors: new_ returns NULL when the end of the file is not a classic
 * "trailer << .. >> startxref N" (as libharu writes it); a put with no
 * object started is sticky and makes write return -1, leaving the buffer
 * as it was. Memory comes from dr_xmalloc and friends (exit when none).
 */
#ifndef DYADREPORT_RENDER_PDF_UPDATE_H
#define DYADREPORT_RENDER_PDF_UPDATE_H

#include <stddef.h>

struct dr_pdf_update;

struct dr_pdf_update *dr_pdf_update_new(const unsigned char *pdf, size_t len);
void dr_pdf_update_free(struct dr_pdf_update *u);

/* A new object number: the old /Size, then one more each call. */
int dr_pdf_update_next(struct dr_pdf_update *u);
/* Starts object num (generation 0); what is put next is its body. */
void dr_pdf_update_object(struct dr_pdf_update *u, int num);
void dr_pdf_update_puts(struct dr_pdf_update *u, const char *s);
void dr_pdf_update_putn(struct dr_pdf_update *u, const void *s, size_t n);
void dr_pdf_update_putf(struct dr_pdf_update *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends the update to *pdf (*len bytes, malloc'd). Returns 0, or -1
 * (no objects, an earlier failed put, an object defined twice, a zlib
 * error) with *pdf intact. */
int dr_pdf_update_write(struct dr_pdf_update *u, unsigned char **pdf, size_t *len);

#endif
