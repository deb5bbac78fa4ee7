/*
 * icon.h -- the variation and assurance icons, drawn as vector shapes.
 *
 * Our own design, in the spirit of NHS "Making Data Count" (doc/guide.md, SPC),
 * made only of render.h calls (circles, paths, text), so the PNG, the SVG
 * and the PDF draw the same sharp icon at any size; no image files.
 *
 *   Variation: a filled disc in the point type's colour (dr_chart_type_colour)
 *   with a white mini run chart. Common cause: grey, a zigzag around a
 *   centre line, no letter. Special cause: the run ends in a larger point
 *   that leaves the line upwards ("H") or downwards ("L"), with the letter
 *   in the free corner; the point is a circle for improvement and neutral
 *   and a diamond for concern, like the chart's own markers, so the kind
 *   reads without colour too.
 *   Assurance: a white disc with a thick ring, and a horizontal target
 *   line. Pass: blue ring, "P" above the line. Fail: orange ring, "F".
 *   Hit and miss: grey ring, a wave that crosses the target line.
 *
 * Direction: improvement is high when better = +1 and low when better = -1;
 * concern the other way round; neutral high/low come from the type. With
 * better = 0 an improvement or concern has no direction: its run still
 * rises but no letter is drawn.
 *
 * Coordinates as render.h: points, y-down; (x, y) is the top-left corner
 * of the icon's size x size box. Each icon names itself through r->group:
 * "icon variation improvement-high", "icon assurance pass", ...
 * DR_POINT_NONE, DR_ASSURE_NONE, unknown values, a NULL r, a non-finite
 * position, or a size that is not in (0, 1e6] points draw nothing.
 *
 * Never: allocates, keeps state, or draws outside the box.
 */
#ifndef DYADREPORT_ICON_H
#define DYADREPORT_ICON_H

#include "dyadreport/spc.h"

struct dr_render;

/* Draws the variation icon of point type t for a metric whose better is
 * +1 (higher), -1 (lower) or 0 (neutral). */
void dr_icon_draw_variation(const struct dr_render *r, double x, double y, double size,
                            enum dr_spc_point_type t, int better);

/* Draws the assurance icon a. */
void dr_icon_draw_assurance(const struct dr_render *r, double x, double y, double size,
                            enum dr_spc_assurance a);

/* Short names for traces and CSV: "common", "improvement-high",
 * "improvement-low", "improvement" (better = 0), "concern-high", ...,
 * "neutral-high", "neutral-low"; "pass", "fail", "hit-and-miss"; "" for
 * NONE or an unknown value. Static storage. */
const char *dr_icon_variation_name(enum dr_spc_point_type t, int better);
const char *dr_icon_assurance_name(enum dr_spc_assurance a);

/* Legend words: "Common cause variation", "Special cause: improvement
 * (higher)", "Special cause: concern (lower)", "Special cause: neither
 * better nor worse (higher)", ...; "Consistently passes the target",
 * "Consistently fails the target", "Hit and miss: the target lies within
 * the process limits"; "" for NONE or an unknown value. Static storage. */
const char *dr_icon_variation_label(enum dr_spc_point_type t, int better);
const char *dr_icon_assurance_label(enum dr_spc_assurance a);

#endif
