#!/bin/sh
# slide-charts.sh -- the town-hall deck reads projected and its chart files
# stand on their own: on every chart page of every sample dyad's packet the
# smallest chart text (Tf size x text matrix x the chart's scale, from the
# content streams with pikepdf) is at least 14 pt; no page with a chart
# says "trial limit" (the definitions do); every chart SVG has role="img"
# and a <title> and a non-empty <desc> (the alt text) right after its root;
# and a copy of the template with stamp = no writes other chart files.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
skip_unless pdftotext
# Debian's python3-pikepdf is for the system python, which may not be first on PATH.
PY=
for p in python3 /usr/bin/python3; do
	"$p" -c 'import pikepdf' 2>/dev/null && { PY=$p; break; }
done
[ -n "$PY" ] || { echo "SKIP: python3-pikepdf not installed"; exit 77; }

"$DYADREPORT" -q -t town-hall -f pdf,png,svg -o "$TMP/out" "$SAMPLE/site.ini" \
	|| fail "town-hall run"

for d in primary-care surgery oncology; do
	pdf="$TMP/out/$d/town-hall/packet.pdf"
	[ -s "$pdf" ] || fail "$d: no packet"
	# smallest chart text per page: text shown under a scaled CTM (a chart box)
	"$PY" - "$pdf" >"$TMP/sizes" <<'PY' || fail "$d: cannot read the packet"
import sys, pikepdf
def mul(a, b):
    return [a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3],
            a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
            a[4]*b[0] + a[5]*b[2] + b[4], a[4]*b[1] + a[5]*b[3] + b[5]]
pdf = pikepdf.open(sys.argv[1])
for no, page in enumerate(pdf.pages, 1):
    ctm, stack, tm, size, smallest, shown = [1, 0, 0, 1, 0, 0], [], [1, 0, 0, 1, 0, 0], 0, None, 0
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == 'q': stack.append(ctm)
        elif op == 'Q': ctm = stack.pop()
        elif op == 'cm': ctm = mul([float(x) for x in operands], ctm)
        elif op == 'BT': tm = [1, 0, 0, 1, 0, 0]
        elif op == 'Tm': tm = [float(x) for x in operands]
        elif op == 'Tf': size = float(operands[1])
        elif op in ('Tj', 'TJ', "'", '"') and abs(ctm[0] - 1) > 0.01:
            eff = size * abs(tm[3]) * abs(ctm[3])
            smallest = eff if smallest is None else min(smallest, eff)
            shown += 1
    if shown:
        print(no, "%.2f" % smallest, shown)
PY
	[ "$(wc -l <"$TMP/sizes")" -ge 8 ] || fail "$d: chart text on only $(wc -l <"$TMP/sizes") pages"
	while read -r page size n; do
		python3 -c "import sys; sys.exit(0 if $size >= 13.995 else 1)" \
			|| fail "$d: page $page: chart text of $size pt (< 14)"
	done <"$TMP/sizes"
	while read -r page size n; do
		pdftotext -f "$page" -l "$page" "$pdf" - 2>/dev/null | grep -qi "trial limit" \
			&& fail "$d: chart page $page says trial limits"
	done <"$TMP/sizes"
	pdftotext "$pdf" - 2>/dev/null | grep -qi "trial limit" \
		|| fail "$d: the definitions no longer explain trial limits"
	for svg in "$TMP/out/$d/town-hall/charts/"*.svg; do
		python3 - "$svg" <<'PY' || fail "$d: $(basename "$svg"): not labelled"
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert root.get("role") == "img"
assert root.get("aria-labelledby") == "chart-title chart-desc"
assert root[0].tag == ns + "title" and root[0].get("id") == "chart-title" and root[0].text
assert root[1].tag == ns + "desc" and root[1].get("id") == "chart-desc" and len(root[1].text) > 40
PY
	done
done
pass "town-hall: chart text >= 14 pt, no trial limits on chart pages, SVGs labelled"

grep -q '^stamp = yes' "$top_srcdir/templates/town-hall.ini" || fail "town-hall is not stamped"
sed 's/^stamp = yes/stamp = no/' "$top_srcdir/templates/town-hall.ini" >"$TMP/unstamped.ini"
"$DYADREPORT" -q -t "$TMP/unstamped.ini" -d primary-care -f png -o "$TMP/plain" "$SAMPLE/site.ini" \
	|| fail "unstamped run"
a="$TMP/out/primary-care/town-hall/charts/no_show_rate.png"
b="$TMP/plain/primary-care/unstamped/charts/no_show_rate.png"
[ -s "$b" ] || fail "unstamped: no chart file"
cmp -s "$a" "$b" && fail "stamp = no wrote the same chart file as stamp = yes"
pass "stamp = no leaves the chart files unstamped"
