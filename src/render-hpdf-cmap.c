/*
 * render-hpdf-cmap.c -- a loaded TrueType font's character map made one
 * lookup deep, so that libharu does not scan it 65,536 times a document.
 *
 * libharu 2.3.0 finds a character's glyph (HPDF_TTFontDef_GetGlyphid) by
 * walking the cmap's format-4 segments from the first until one ends at or
 * after the character: for DejaVu Sans, hundreds of steps. HPDF_GetFont
 * asks it for every code 0..0xFFFF to build the CID font's widths and
 * CIDToGIDMap (hpdf_font_cid.c), and text measuring asks it for every
 * character: in a three-dyad run that was 7% of all instructions, and it
 * grows with the packets. dr_hpdf_cmap_flatten() rewrites the font
 * definition's in-memory cmap, between HPDF_LoadTTFontFromFile and
 * HPDF_GetFont, as two segments: 0..0xFFFE through a glyph array indexed
 * by the code itself, and 0xFFFF. Every answer is computed here from the
 * original segments by libharu's own arithmetic, so every code gets the
 * glyph it got before and the PDF's bytes do not change; the font file
 * embedded in the PDF is copied from the file, not from this table.
 *
 * Relies on: libharu 2.3.0's installed structures (hpdf_fontdef.h: a
 *         TrueType font definition's attr is a HPDF_TTFontDefAttr, whose
 *         cmap arrays are HPDF_GetMem blocks of the definition's mmgr, read
 *         only by HPDF_TTFontDef_GetGlyphid and freed with the definition).
 * Leaves alone: a font of another type, a format-0 cmap, and a format-4 cmap
 *         whose segments are not in rising order or do not end at 0xFFFF
 *         (libharu's walk could read past them): those stay as loaded.
 * Differs from libharu only where libharu reads past its glyph array (an
 *         index equal to its count): that code gets glyph 0 here.
 * Tests:  tests/unit/test-fontfile.c (every code's glyph, before and after;
 *         the PDF's bytes the same).
 */
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>

#include "render-int.h"

#define NCODES 65536

/* The glyph of code u by libharu's walk over cmap c (format 4), which
 * is known to end at 0xFFFF in rising order: i is the first segment that
 * ends at or after u. */
static HPDF_UINT16 glyph(const HPDF_TTF_CmapRange *c, HPDF_UINT i, HPDF_UINT u)
{
	HPDF_UINT nseg = c->seg_count_x2 / 2;
	if (c->start_count[i] > u)
		return 0;
	if (c->id_range_offset[i] == 0)
		return (HPDF_UINT16)(u + (HPDF_UINT16)c->id_delta[i]);
	HPDF_UINT idx = c->id_range_offset[i] / 2 + (u - c->start_count[i]) - (nseg - i);
	if (idx >= c->glyph_id_array_count)
		return 0;
	return (HPDF_UINT16)(c->glyph_id_array[idx] + (HPDF_UINT16)c->id_delta[i]);
}

void dr_hpdf_cmap_flatten(HPDF_Doc pdf, const char *font_name)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, font_name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return;
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_TTF_CmapRange *c = &attr->cmap;
	HPDF_UINT nseg = c->seg_count_x2 / 2;
	if (c->format != 4 || nseg == 0 || !c->end_count || !c->start_count || !c->id_delta ||
	    !c->id_range_offset || c->end_count[nseg - 1] != 0xFFFF)
		return;
	for (HPDF_UINT i = 1; i < nseg; i++)
		if (c->end_count[i] < c->end_count[i - 1])
			return;
	if (nseg == 2 && c->end_count[0] == 0xFFFE && c->id_range_offset[0] == 4)
		return;             /* flat already */

	HPDF_UINT16 *gid = HPDF_GetMem(def->mmgr, NCODES * sizeof *gid);
	HPDF_UINT16 *end = HPDF_GetMem(def->mmgr, 2 * sizeof *end);
	HPDF_UINT16 *start = HPDF_GetMem(def->mmgr, 2 * sizeof *start);
	HPDF_INT16 *delta = HPDF_GetMem(def->mmgr, 2 * sizeof *delta);
	HPDF_UINT16 *offset = HPDF_GetMem(def->mmgr, 2 * sizeof *offset);
	if (!gid || !end || !start || !delta || !offset) {
		HPDF_FreeMem(def->mmgr, gid);
		HPDF_FreeMem(def->mmgr, end);
		HPDF_FreeMem(def->mmgr, start);
		HPDF_FreeMem(def->mmgr, delta);
		HPDF_FreeMem(def->mmgr, offset);
		HPDF_ResetError(pdf);       /* out of memory: keep the slow table */
		return;
	}
	HPDF_UINT i = 0;
	for (HPDF_UINT u = 0; u < NCODES; u++) {
		while (c->end_count[i] < u)
			i++;
		gid[u] = glyph(c, i, u);
	}
	/* Segment 0: codes 0..0xFFFE, glyph gid[u] (libharu's index is
	 * offset / 2 + (u - 0) - (2 - 0) = u). Segment 1: 0xFFFF, by delta. */
	end[0] = 0xFFFE;
	start[0] = 0;
	delta[0] = 0;
	offset[0] = 4;
	end[1] = 0xFFFF;
	start[1] = 0xFFFF;
	delta[1] = (HPDF_INT16)(HPDF_UINT16)(gid[0xFFFF] - 0xFFFF);
	offset[1] = 0;
	HPDF_FreeMem(def->mmgr, c->end_count);
	HPDF_FreeMem(def->mmgr, c->start_count);
	HPDF_FreeMem(def->mmgr, c->id_delta);
	HPDF_FreeMem(def->mmgr, c->id_range_offset);
	if (c->glyph_id_array)
		HPDF_FreeMem(def->mmgr, c->glyph_id_array);
	c->seg_count_x2 = 4;
	c->end_count = end;
	c->start_count = start;
	c->id_delta = delta;
	c->id_range_offset = offset;
	c->glyph_id_array = gid;
	c->glyph_id_array_count = NCODES - 1;   /* libharu takes index == count */
}
