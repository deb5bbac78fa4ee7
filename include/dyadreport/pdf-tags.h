/*
 * pdf-tags.h -- a tagged PDF (PDF/UA-1, ISO 14289-1) on a libharu 2.3
 * document: the structure tree, marked content, and the catalog entries
 * libharu cannot write (render-hpdf-tags.c builds them through libharu's
 * exported object layer, hpdf_objects.h).
 *
 * Model. The caller draws its pages in reading order and says what it is
 * drawing; the tagger writes the marked-content operators (BDC/EMC, or
 * /Artifact BMC/EMC) into the current page's content stream and grows the
 * structure tree: Document -> the elements opened under it.
 *   - Elements are opened with dr_tags_open (grouping: Sect, Table, THead,
 *     TBody, TR, L, LI; or leaves: H1, H2, H3, P, Lbl, LBody, TD, Caption,
 *     Note), dr_tags_th (a header cell with its /Scope) or dr_tags_figure
 *     (a Figure with /Alt), and closed with dr_tags_close, innermost first.
 *   - Before each paint (text, path, image) the caller says whether it is
 *     content of the innermost open element (dr_tags_content) or decoration
 *     (dr_tags_artifact: rules, bands, gridlines outside charts, footers,
 *     page numbers, watermarks). The tagger opens marked content lazily and
 *     switches only when the kind changes, so a paragraph interrupted by a
 *     rule gets two marked-content ids (MCIDs), both in the paragraph.
 *     Content painted when only grouping elements (or none) are open is
 *     put in a P of its own under the innermost one, so nothing painted is
 *     ever outside marked content.
 *   - An element may span pages: content after dr_tags_page continues it
 *     with a new MCID on the new page (a table that breaks across pages).
 *     dr_tags_page on a page seen before (footers drawn last) switches back
 *     to it; only artifacts should be painted there then.
 *   - Everything inside a Figure's marked content (a chart's text, lines
 *     and marks) is the figure: the chart backend needs no tags of its own.
 * Order. The tree's order is the order of the calls, which is the order
 * of the content streams: a checker compares the two.
 * Finish. dr_tags_finish, after the last page and before saving, writes
 * through libharu /StructParents and /Tabs /S on each page, the catalog's
 * /MarkInfo << /Marked true >>, /Lang, /ViewerPreferences <<
 * /DisplayDocTitle true >>, an XMP /Metadata stream (dc:title,
 * pdfuaid:part 1), PDF version 1.7, for every embedded font a ToUnicode
 * CMap of bfrange entries in place of libharu 2.3's identity
 * "begincidrange" (which every poppler tool warns about), and a
 * placeholder /StructTreeRoot (<< /Type /StructTreeRoot >>, no kids)
 * whose object number it keeps.
 * Append. The tree itself is not a libharu object: libharu 2.3 writes
 * each indirect object uncompressed (~100 bytes a structure element).
 * After saving, dr_tags_append(tags, &buf, &len) on the saved bytes adds
 * an incremental update (ISO 32000-1 7.5.6): one Flate object stream
 * (7.5.7) holding the StructTreeRoot (redefining the placeholder's
 * number) with its /ParentTree (/Kids leaves of 1024 pages when larger),
 * every StructElem (numbered from the old trailer's /Size, in tree
 * order; /K an integer for a single MCID, else an array of MCIDs,
 * /MCR dicts for other pages and child references; TH's /A << /O /Table
 * /Scope >>, Figure's /Alt and /A << /O /Layout /BBox >>), then a
 * cross-reference stream (7.5.8; /Prev = libharu's xref, /Root and /Info
 * kept) and "startxref N %%EOF". Without it the file is valid and says
 * Tagged, with an empty tree.
 * Errors: libharu's, through the document's error handler; the tagger
 * stops adding once HPDF_GetError(pdf) is set. Owns: its own small
 * bookkeeping (freed by dr_tags_free); the PDF objects belong to the
 * document. Same calls, same bytes.
 */
#ifndef DYADREPORT_PDF_TAGS_H
#define DYADREPORT_PDF_TAGS_H

#include <stddef.h>

#include <hpdf.h>

struct dr_tags;

enum dr_tags_scope { DR_SCOPE_COLUMN, DR_SCOPE_ROW, DR_SCOPE_BOTH };

/* A tagger for pdf (no pages yet is fine); memory from dr_xmalloc. */
struct dr_tags *dr_tags_new(HPDF_Doc pdf);
void dr_tags_free(struct dr_tags *t);

/* Makes page the one painted on next: closes the marked content open on
 * the page before, gives a new page its /StructParents. */
void dr_tags_page(struct dr_tags *t, HPDF_Page page);

/* Opens a standard structure element of type type ("Sect", "H1", "P",
 * "Table", "TR", "TD", "L", "LI", "LBody", ...) as the last child of the
 * innermost open element. */
void dr_tags_open(struct dr_tags *t, const char *type);
/* A table header cell: /TH with /A << /O /Table /Scope /Column|/Row|/Both >>. */
void dr_tags_th(struct dr_tags *t, enum dr_tags_scope scope);
/* A Figure with /Alt alt (UTF-8; cleaned to what a PDF text string holds)
 * and a /BBox of the box whose bottom-left is (x, y), w x h points. */
void dr_tags_figure(struct dr_tags *t, const char *alt, double x, double y, double w, double h);
/* Closes the innermost open element (and its marked content). */
void dr_tags_close(struct dr_tags *t);

/* The next paint on the current page is content of the innermost open
 * element / is an artifact. Cheap when nothing changes: call it before
 * every paint. */
void dr_tags_content(struct dr_tags *t);
void dr_tags_artifact(struct dr_tags *t);

/* Closes whatever is open and writes the catalog entries and the tree's
 * placeholder (see the top of this file); the tree comes with
 * dr_tags_append. title: the document title (dc:title);
 * lang: a BCP 47 tag such as "en-US". Returns 0, or -1 on a libharu error. */
int dr_tags_finish(struct dr_tags *t, const char *title, const char *lang);

/* After dr_tags_finish and HPDF_SaveToStream: appends the tree's update
 * (see the top of this file) to *buf, *len bytes of the saved document,
 * malloc'd; *buf is realloc'd and *len grown. Returns 0 (also for a NULL
 * tagger, and for a second call, which appends nothing), or -1 with *buf
 * and *len as they were: finish was not called or failed, or the bytes
 * end in no trailer libharu writes. */
int dr_tags_append(struct dr_tags *t, unsigned char **buf, size_t *len);

#endif
