#!/bin/sh
# sample-packets.sh -- the quick start's run on sample-data: for every dyad a
# packet that qpdf accepts, with no raster image, with the leaders' accented
# names and every chart title extractable as text; 1600x900 PNG charts; a
# metrics.csv in long format.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless qpdf
skip_unless pdftotext
skip_unless pdfimages

out="$TMP/packets"
expect_exit 0 "$DYADREPORT" -o "$out" "$SAMPLE/site.ini"
grep -q "3 dyads" "$TMP/err" || fail "summary line: $(cat "$TMP/err")"

# PNG size from the IHDR chunk: bytes 17-24 are width and height, big-endian.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }

dyads=$(sed -n 's/^\[dyad \(.*\)\]$/\1/p' "$SAMPLE/site.ini")
[ "$(echo "$dyads" | wc -l)" -eq 3 ] || fail "sample has 3 dyads"
for d in $dyads; do
	pdf="$out/$d/packet.pdf"
	[ -s "$pdf" ] || fail "$d: no packet"
	qpdf --check "$pdf" >/dev/null || fail "$d: qpdf --check"
	n=$(pdfimages -list "$pdf" 2>/dev/null | tail -n +3 | wc -l)
	[ "$n" -eq 0 ] || fail "$d: $n images in the PDF"
	pdftotext -enc UTF-8 "$pdf" "$TMP/$d.txt" 2>/dev/null
	txt="$TMP/$d.txt"
	name=$(awk -v s="[dyad $d]" '$0 == s { f = 1; next } /^\[/ { f = 0 } f && /^name *=/ { sub(/^name *= */, ""); print; exit }' "$SAMPLE/site.ini")
	grep -qF "$name" "$txt" || fail "$d: dyad name '$name' not in the text"
	for lead in physician administrator; do
		who=$(awk -v s="[dyad $d]" -v k="$lead" '$0 == s { f = 1; next } /^\[/ { f = 0 } f && $1 == k { sub(/^[a-z]+ *= */, ""); print; exit }' "$SAMPLE/site.ini")
		[ -z "$who" ] || grep -qF "$who" "$txt" || fail "$d: $lead '$who' not in the text"
	done
	for title in "Completed visits" "No-show rate" "New-patient share" "wRVU per visit" \
	    "Initial denial rate" "Appeal overturn rate" "Median days to decision" \
	    "Decisions over 7 days" "Handoff completion rate" "Completed within window" \
	    "Burnout" "Survey respondents"; do
		grep -qF "$title" "$txt" || fail "$d: chart title '$title' missing"
	done
	grep -q "Page 2 of [0-9]" "$txt" || fail "$d: footer with page X of Y"
	# A change that rounds to nothing is printed as ±0, never as a signed zero.
	grep -qE -- "(−|\+|-)0(\.0+)?( pts)?$" "$txt" && fail "$d: signed zero change in the summary"
	[ -s "$out/$d/metrics.csv" ] || fail "$d: no metrics.csv"
	head -1 "$out/$d/metrics.csv" | grep -q '^"dyad","metric","breakdown","key","month","value","numerator","denominator","center","lower","upper","signal"' \
		|| fail "$d: metrics.csv header"
	# 13 months of the monthly metrics, e.g. visits_completed.
	[ "$(grep -c "^\"$d\",\"visits_completed\",\"total\"" "$out/$d/metrics.csv")" -eq 13 ] || fail "$d: 13 months"
	ls "$out/$d/charts/"*.png >/dev/null 2>&1 || fail "$d: no PNG charts"
	for png in "$out/$d/charts/"*.png; do
		[ "$(png_size "$png")" = 1600x900 ] || fail "$png is $(png_size "$png")"
	done
done
# index.html at the root: links every dyad's packet.pdf and metrics.csv,
# every link (relative; '#' anchors aside) names a file that exists, and
# there is no script. The sample's names need no percent-encoding, so a
# link is the path itself.
idx="$out/index.html"
[ -s "$idx" ] || fail "no index.html"
grep -qi "<script" "$idx" && fail "index.html has a script"
grep -o 'href="[^"]*"' "$idx" | sed 's/^href="//; s/"$//' | grep -v '^#' > "$TMP/hrefs" || true
for d in $dyads; do
	for f in packet.pdf metrics.csv; do
		grep -qxF "$d/$f" "$TMP/hrefs" || fail "index.html does not link $d/$f"
	done
done
grep -qxF data-quality.csv "$TMP/hrefs" || fail "index.html does not link data-quality.csv"
while read -r h; do
	case $h in /*|*://*|*..*) fail "index.html link not relative to the root: $h" ;; esac
	[ -f "$out/$h" ] || fail "index.html links $h, which does not exist"
done < "$TMP/hrefs"
[ "$(wc -l < "$TMP/hrefs")" -eq "$(cd "$out" && find . -type f ! -name index.html | wc -l)" ] \
	|| fail "index.html does not link every file of the run"
# SPC in the sample (issue 4): primary care's text reminders start a new
# phase on its no-show chart, named in the headline; some chart has a
# special cause with its headline; the targets show all three assurance
# states; every packet explains the icons.
tr -s ' \n' '  ' < "$TMP/primary-care.txt" > "$TMP/pc.flat"
grep -q "Text reminders start" "$TMP/pc.flat" || fail "primary-care: no annotation on the no-show chart"
grep -q "No-show rate was [0-9.]*% in October 2026.*Limits recalculated from April 2026 (Text reminders start)" \
	"$TMP/pc.flat" || fail "primary-care: no-show headline does not name the rebase"
cat "$TMP"/*.txt | tr -s ' \n' '  ' | grep -q "limit: a concern" || fail "no special cause headline"
# Issue 16: the headline names every special cause the chart marks.
grep -q "Completed visits was 429 in October 2026, up from 427. January was above the upper limit: a real rise; January–July fell every month, July was below the lower limit and August was close to the lower limit: a real drop; October is back within the limits." \
	"$TMP/pc.flat" || fail "primary-care: completed visits headline does not name its marks"
# The change is of the printed numbers: 33.8% up from 32.4% is +1.4 pts
# (the unrounded values differ by 1.5).
grep -q "Burnout was 33.8% in Q4 2026, up from 32.4%." "$TMP/pc.flat" || fail "primary-care: burnout headline"
pdftotext -layout -enc UTF-8 "$out/primary-care/packet.pdf" - 2>/dev/null | grep -Eq "^ +Burnout +33\.8% +\+1\.4 pts " \
	|| fail "primary-care: the summary's burnout change is not of the printed values"
for state in pass fail hit_and_miss; do
	cat "$out"/*/metrics.csv | grep -q ",\"$state\",\"no\"" || fail "no chart with assurance $state"
done
for d in $dyads; do
	for words in "Variation icon" "Assurance icon" "Consistently passes the target" \
	    "Special cause: concern (higher)"; do
		grep -qF "$words" "$TMP/$d.txt" || fail "$d: icon legend lacks '$words'"
	done
done
[ "$(grep '^"primary-care","no_show_rate","total"' "$out/primary-care/metrics.csv" | cut -d, -f15 | sort -u | tr '\n' ' ')" = "1 2 " ] \
	|| fail "primary-care no_show_rate: phases are not 1 and 2"
# Issue 5: the cover's KPI tiles (with an arrow and "vs Sep") and the
# summary table's comparisons with last month and the same month last year.
for d in $dyads; do
	grep -q "At a glance" "$TMP/$d.txt" || fail "$d: no KPI tiles on the cover"
	grep -q -e "▲ .* vs Sep" -e "▼ .* vs Sep" "$TMP/$d.txt" || fail "$d: no tile change line"
	grep -q "vs Oct 25" "$TMP/$d.txt" || fail "$d: summary lacks the same month last year"
done
# [report] png_size sets the PNG and SVG size (issue 5).
mkdir -p "$TMP/sized"
sed -e 's/^formats = .*/formats = png, svg/' -e '/^formats/a png_size = 1280x720' \
	-e "s#^\(visits\|denials\|handoffs\|burnout\|commentary\) *= *#\1 = $SAMPLE/#" "$SAMPLE/site.ini" > "$TMP/sized/site.ini"
"$DYADREPORT" -q -d oncology -o "$TMP/sized/out" "$TMP/sized/site.ini" || fail "png_size run failed"
[ "$(png_size "$TMP/sized/out/oncology/charts/no_show_rate.png")" = 1280x720 ] || fail "png_size 1280x720 not applied"
grep -q 'width="1280px"' "$TMP/sized/out/oncology/charts/no_show_rate.svg" || fail "svg not 1280 px wide"
# The accented names of the sample must survive as text.
cat "$TMP"/*.txt | grep -q "Ångström\|Núñez" || fail "accented names lost"
pass sample-packets
