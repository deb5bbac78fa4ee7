#!/bin/sh
# template-packets.sh -- every shipped template renders for every sample dyad:
# qpdf --check passes; page size, page count, the bookmark tree and the page
# labels are the ones the template asks for; the public deck keeps its
# footer label and leaves out provider and payer pages. A template written
# here from scratch (two pages, definitions first) renders too, with no
# code change.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless qpdf
skip_unless pdftotext
skip_unless pdfinfo
skip_unless python3

dyads="primary-care surgery oncology"

# outline PDF: the bookmark tree, one title a line, children indented by two.
outline() {
	qpdf --json=2 --json-key=outlines "$1" | python3 -c '
import json, sys
def walk(items, depth):
    for o in items:
        print("  " * depth + o["title"])
        walk(o.get("kids", []), depth + 1)
walk(json.load(sys.stdin)["outlines"], 0)'
}

# labels PDF: the page-label ranges as "index style start".
labels() {
	qpdf --json=2 --json-key=pagelabels "$1" | python3 -c '
import json, sys
for r in json.load(sys.stdin)["pagelabels"]:
    print(r["index"], r["label"].get("/S", "-"), r["label"].get("/St", 1))'
}

# check TEMPLATE PDF DYAD-NAME PAGES SIZE EXPECTED-OUTLINE-FILE
check() {
	t=$1 pdf=$2 name=$3 pages=$4 size=$5 want=$6
	[ -s "$pdf" ] || fail "$t: no $pdf"
	qpdf --check "$pdf" >/dev/null 2>&1 || fail "$t $name: qpdf --check"
	[ "$(qpdf --show-npages "$pdf")" -eq "$pages" ] \
		|| fail "$t $name: $(qpdf --show-npages "$pdf") pages, want $pages"
	pdfinfo "$pdf" 2>/dev/null | grep -q "^Page size: *$size pts" || fail "$t $name: page size not $size"
	{ echo "$name"; sed 's/^/  /' "$want"; } >"$TMP/want-outline"
	outline "$pdf" >"$TMP/got-outline"
	diff -u "$TMP/want-outline" "$TMP/got-outline" >&2 || fail "$t $name: bookmarks differ"
	[ "$(labels "$pdf" | tr '\n' ';')" = "0 /r 1;1 /D 1;" ] || fail "$t $name: page labels"
	pdftotext "$pdf" "$TMP/$t.txt" 2>/dev/null
	n=$((pages - 1))
	grep -q "Page $n of $n" "$TMP/$t.txt" || fail "$t $name: footer of the last page"
}

cat >"$TMP/monthly-packet" <<'EOF'
Cover
Executive summary
Actions
Access & productivity
  No-show rate by department
  No-show rate by department: funnel plot
Authorizations & denials
  Denials by reason, last 3 months
  Initial denial rate by payer, last 3 months
  Initial denial rate by payer: funnel plot
  Denials by payer and reason, last 3 months
  Top services by denials, last 3 months
  Requests pending at month end
Handoffs
  Handoffs by type, last 3 months
  Handoff completion by type: funnel plot, last 3 months
Well-being
  Burnout by role
  Survey by role, latest wave
  Survey by department, latest wave
Providers
  No-show rate by provider: funnel plot
Data quality
How these numbers are calculated
EOF
cat >"$TMP/town-hall" <<'EOF'
Cover
No-show rate
Median lead time (days)
Initial denial rate
Why requests were denied, last 3 months
Handoff completion rate
Handoff completion rate by handoff type, last 3 months
Burnout
Burnout by role
How these numbers are calculated
EOF
cat >"$TMP/access" <<'EOF'
Cover
Executive summary
Actions
No-show rate by department
No-show rate by department: funnel plot
Median lead time (days) by department
By department, this month
No-show rate by weekday, last 3 months
By weekday, last 3 months
New-patient share
Lead time from booking to visit
Data quality
How these numbers are calculated
EOF

for t in monthly-packet town-hall access; do
	out="$TMP/out-$t"
	expect_exit 0 "$DYADREPORT" -q -t "$t" -o "$out" "$SAMPLE/site.ini"
	case $t in
	monthly-packet) pages=34 size="612 x 792" sub= ;;
	town-hall) pages=13 size="960 x 540" sub=/town-hall ;;
	access) pages=14 size="792 x 612" sub=/access ;;
	esac
	for d in $dyads; do
		name=$(sed -n "/^\[dyad $d\]/,/^\[/s/^name *= *//p" "$SAMPLE/site.ini" | head -1)
		check "$t" "$out/$d$sub/packet.pdf" "$name" "$pages" "$size" "$TMP/$t"
		# Sentences are joined with one full stop: never "left out., each".
		grep -n '\.,' "$TMP/$t.txt" >&2 && fail "$t $d: a full stop followed by a comma"
		[ -s "$out/$d$sub/metrics.csv" ] || fail "$t $d: no metrics.csv"
		ls "$out/$d$sub/charts/"*.png >/dev/null 2>&1 || fail "$t $d: no charts"
	done
	pdfinfo "$out/primary-care$sub/packet.pdf" 2>/dev/null | grep -q "^Subject:.*$( \
		sed -n 's/^title *= *//p' "$top_srcdir/templates/$t.ini")" || fail "$t: PDF subject"
	pass "$t: $pages pages for each of $dyads"
done

# The public deck: its label in every footer, no provider or payer page,
# no provider or payer chart.
grep -q "Public: small numbers are hidden" "$TMP/town-hall.txt" || fail "town-hall: public footer"
ls "$TMP/out-town-hall/primary-care/town-hall/charts" | grep -Eq 'payer|provider' \
	&& fail "town-hall: a payer or provider chart"
grep -Eq '"(provider|payer|payer-reason|service)",' "$TMP/out-town-hall/primary-care/town-hall/metrics.csv" \
	&& fail "town-hall: provider or payer rows in metrics.csv"
# The internal packet lists providers.
grep -q '"provider",' "$TMP/out-monthly-packet/primary-care/metrics.csv" \
	|| fail "monthly-packet: no provider rows in metrics.csv"
pass "public deck without provider- or payer-level data"

# The access report: its cover's tiles are access metrics only (cover
# metrics = ...), the small multiples' subtitle is two sentences, and the
# lead-time headline describes the distribution (primary care: 53, 85, 161
# and 118 visits in 0-7, 8-14, 15-30 and 31-60 days: 71.7% by 30 days).
pdf="$TMP/out-access/primary-care/access/packet.pdf"
pdftotext -l 1 "$pdf" "$TMP/access-cover.txt" 2>/dev/null
grep -q "At a glance" "$TMP/access-cover.txt" || fail "access cover: no tiles"
grep -q "Completed visits" "$TMP/access-cover.txt" || fail "access cover: no completed-visits tile"
grep -q "Median lead time" "$TMP/access-cover.txt" || fail "access cover: no lead-time tile"
grep -Ei "denial|handoff|burnout" "$TMP/access-cover.txt" >&2 && fail "access cover: a tile of another domain"
pdftotext "$pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$TMP/access-flat.txt"
grep -qF "No-shows over completed and no-show visits; cancelled visits are left out. Each department has its own centre and limits." \
	"$TMP/access-flat.txt" || fail "access: the multiples subtitle"
grep -qF "October 2026: the median wait was 15–30 days; the most common wait was 15–30 days (38.6%); none waited over 60 days." \
	"$TMP/access-flat.txt" || fail "access: the lead-time headline"
grep -q "highest for [0-9-]* days" "$TMP/access-flat.txt" && fail "access: a bucket 'highest for' headline"
# The monthly packet's cover keeps its four domain headlines by default.
pdftotext -l 1 "$TMP/out-monthly-packet/primary-care/packet.pdf" - 2>/dev/null \
	| grep -c "No-show rate\|Initial denial rate\|Handoff completion\|Burnout" | grep -qx 4 \
	|| fail "monthly-packet cover: not the four domain tiles"
pass "access: access tiles on the cover, two-sentence subtitles, a distribution headline"

# A template written from scratch: A4, definitions first, then one chart.
cat >"$TMP/two-pages.ini" <<'EOF'
[template]
title = Two pages
page_size = a4
[page defs]
kind = definitions
title = Read me first
[page noshow]
kind = chart
metrics = no_show_rate
EOF
expect_exit 0 "$DYADREPORT" -q -t "$TMP/two-pages.ini" -d oncology -o "$TMP/mine" "$SAMPLE/site.ini"
pdf="$TMP/mine/oncology/two-pages/packet.pdf"
qpdf --check "$pdf" >/dev/null 2>&1 || fail "two-pages: qpdf --check"
pdfinfo "$pdf" 2>/dev/null | grep -q "^Page size: *595.* x 841.* pts (A4)" || fail "two-pages: not A4"
[ "$(outline "$pdf" | tr '\n' ';')" = "Oncology;  Read me first;  No-show rate;" ] \
	|| fail "two-pages: bookmarks $(outline "$pdf" | tr '\n' ';')"
pdftotext "$pdf" "$TMP/mine.txt" 2>/dev/null
# The definitions come first, the chart after them; no cover, so page 1 has a footer.
first_defs=$(grep -n "How to read the charts" "$TMP/mine.txt" | head -1 | cut -d: -f1)
first_chart=$(grep -n "^No-show rate was" "$TMP/mine.txt" | head -1 | cut -d: -f1)
[ -n "$first_defs" ] && [ -n "$first_chart" ] && [ "$first_defs" -lt "$first_chart" ] \
	|| fail "two-pages: pages not in the template's order"
grep -q "Page 1 of" "$TMP/mine.txt" || fail "two-pages: footer on the first page"
[ "$(labels "$pdf" | tr '\n' ';')" = "0 /D 1;" ] || fail "two-pages: page labels"
ls "$TMP/mine/oncology/two-pages/charts/no_show_rate.png" >/dev/null || fail "two-pages: chart PNG"
pass "a template written from scratch renders in its own order"

# A full grid: twelve charts on one letter page. Each cell's headline is cut
# to a third of the cell, so every chart is still drawn (its rule set,
# "(mdc7)", in small type
# shows in the text); an uncut headline used to fill the cell and leave no
# chart at all.
cat >"$TMP/grid.ini" <<'EOF2'
[template]
title = Grid
[page g]
kind = chart-grid
grid = 4x3
metrics = no_show_rate,auth_requests,initial_denial_rate,overturn_rate,denied_amount,burnout_share,stress_mean,teamwork_mean,visits_completed,lead_days_median,final_denial_rate,wrvu_per_visit
EOF2
expect_exit 0 "$DYADREPORT" -q -t "$TMP/grid.ini" -d oncology -o "$TMP/grid" "$SAMPLE/site.ini"
pdf="$TMP/grid/oncology/grid/packet.pdf"
qpdf --check "$pdf" >/dev/null 2>&1 || fail "grid: qpdf --check"
[ "$(qpdf --show-npages "$pdf")" -eq 1 ] || fail "grid: twelve charts not on one page"
n=$(pdftotext "$pdf" - 2>/dev/null | grep -c "(mdc7)")
[ "$n" -eq 12 ] || fail "grid: $n of 12 charts drawn"
pass "a 4x3 chart grid draws all twelve charts"

# The same grid on slides at type 1.5 cannot hold twelve readable charts a
# slide: the cells a slide holds shrink in number, never below a drawable
# chart, and all twelve are drawn over more slides.
sed 's/^title = Grid$/title = Grid\npage_size = slide\ntype_scale = 1.5/' "$TMP/grid.ini" >"$TMP/slides.ini"
expect_exit 0 "$DYADREPORT" -q -t "$TMP/slides.ini" -d oncology -o "$TMP/slides" "$SAMPLE/site.ini"
pdf="$TMP/slides/oncology/slides/packet.pdf"
qpdf --check "$pdf" >/dev/null 2>&1 || fail "slide grid: qpdf --check"
pages=$(qpdf --show-npages "$pdf")
[ "$pages" -gt 1 ] || fail "slide grid: twelve charts crammed on one slide"
n=$(pdftotext "$pdf" - 2>/dev/null | grep -c "(mdc7)")
[ "$n" -eq 12 ] || fail "slide grid: $n of 12 charts drawn"
pass "a 4x3 grid on slides at type 1.5: all twelve charts over $pages slides"
