#!/bin/sh
# freshness.sh -- the report month must be in the data (issue 16 point 1).
# A month no extract holds a row of exits 5, names each extract's latest
# month (also with -q) and writes nothing, not even the output folder or a
# lock; --check prints every extract's latest month and exits 5 the same;
# a month some extracts lack is published with a warning naming them, and
# the cover and their pages say so ("no value", never 0), and no tile,
# summary row or headline shows the month before's value as the month's
# ("No value for Oct 26", "—‡", "No value for October 2026: ...");
# --allow-incomplete publishes an empty month with DRAFT on every page and
# chart; a header-only extract is a warning, exit 0. On copies of the sample extracts, whose
# latest month is 2026-10 in every extract.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless pdftotext

site="$TMP/site"
mkdir "$site"
cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$site/"
cd "$site"

# latest_lines MONTH: what stderr must say of each extract for MONTH.
latest_lines() {
	for x in visits denials handoffs burnout; do
		echo "dyadreport: $x.csv: latest month 2026-10, report month $1 not in the extracts"
	done
}
# pages PDF: its number of pages.
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# page_text PDF N: the text of page N, lines joined by spaces.
page_text() { pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" - 2>/dev/null | tr '\n' ' '; }

# ---- a month after the extracts: exit 5, nothing written ----
for q in "" -q; do
	# shellcheck disable=SC2086
	expect_exit 5 "$DYADREPORT" $q -p 2027-10 -o "$TMP/late" site.ini
	latest_lines 2027-10 > "$TMP/want"
	grep "latest month" "$TMP/err" > "$TMP/got" || true
	diff "$TMP/want" "$TMP/got" >&2 || fail "-p 2027-10 ${q:-(not quiet)}: stderr does not name each extract's latest month"
	grep -qx "dyadreport: report month 2027-10 is in none of the extracts: nothing written (exit 5); rerun once its extracts arrive, or publish a draft with --allow-incomplete" "$TMP/err" \
		|| fail "-p 2027-10 ${q:-(not quiet)}: no closing line: $(cat "$TMP/err")"
	[ "$(grep -c . "$TMP/err")" -eq 5 ] || fail "-p 2027-10 ${q:-(not quiet)}: other messages too: $(cat "$TMP/err")"
	[ ! -e "$TMP/late" ] || fail "-p 2027-10 ${q:-(not quiet)}: the output folder was made"
	[ ! -s "$TMP/out" ] || fail "-p 2027-10 ${q:-(not quiet)}: printed on stdout"
done
# The config's own output folder (../sample-out, from the config's folder) too.
expect_exit 5 "$DYADREPORT" -q -p 2026-11 site.ini
latest_lines 2026-11 > "$TMP/want"
grep "latest month" "$TMP/err" > "$TMP/got" || true
diff "$TMP/want" "$TMP/got" >&2 || fail "-p 2026-11: stderr"
[ ! -e "$TMP/sample-out" ] || fail "-p 2026-11: the config's output folder was made"
[ -z "$(ls -A "$TMP" | grep -v -e '^site$' -e '^out$' -e '^err$' -e '^want$' -e '^got$')" ] \
	|| fail "-p 2026-11 left something behind: $(ls -A "$TMP")"
# last-month before the month's extracts arrive (2026-12-02: November).
SOURCE_DATE_EPOCH=1796212800 expect_exit 5 "$DYADREPORT" -q -p last-month -o "$TMP/late" site.ini
grep -q "report month 2026-11 not in the extracts" "$TMP/err" || fail "last-month: $(cat "$TMP/err")"
[ ! -e "$TMP/late" ] || fail "last-month: the output folder was made"
pass "a month after the extracts exits 5, names each extract's latest month (also with -q), writes nothing"

# ---- --check prints each extract's latest month ----
expect_exit 0 "$DYADREPORT" --check site.ini
[ "$(grep -cx "  latest month: 2026-10" "$TMP/out")" -eq 4 ] || fail "--check: latest months: $(cat "$TMP/out")"
grep -qx "check passed: the config and every extract can be used" "$TMP/out" || fail "--check 2026-10 did not pass"
expect_exit 5 "$DYADREPORT" -q --check -p 2027-10 site.ini
[ "$(grep -cx "  latest month: 2026-10; no rows in the report month 2027-10" "$TMP/out")" -eq 4 ] \
	|| fail "--check -p 2027-10: $(cat "$TMP/out")"
grep -qx "check failed: the report month is in none of the extracts" "$TMP/out" || fail "--check -p 2027-10: last line"
latest_lines 2027-10 > "$TMP/want"
grep "latest month" "$TMP/err" > "$TMP/got" || true
diff "$TMP/want" "$TMP/got" >&2 || fail "--check -p 2027-10: stderr"
pass "--check prints each extract's latest month, exit 5 for a month in no extract"

# ---- some extracts lack the month: published, said in words ----
grep -v ',2026-10-' "$SAMPLE/handoffs.csv" > handoffs.csv
expect_exit 0 "$DYADREPORT" -d oncology -f pdf,csv -o "$TMP/part" site.ini
grep -qx "dyadreport: warning: handoffs.csv: latest month 2026-09, no rows dated in the report month 2026-10: its figures for the month show no value, not 0" "$TMP/err" \
	|| fail "partial: no warning naming handoffs.csv: $(cat "$TMP/err")"
grep -q "possibly an incomplete extract" "$TMP/err" && fail "partial: a low-volume warning for a month past the extract's end"
grep -Eq "(visits|denials|burnout).csv: latest month" "$TMP/err" && fail "partial: an extract that holds the month named"
pdf="$TMP/part/oncology/packet.pdf"
note="No data for October 2026 in handoffs.csv (latest month 2026-09): the month shows no value there, not 0."
page_text "$pdf" 1 | grep -qF "$note" || fail "partial: the cover does not say it: $(page_text "$pdf" 1)"
handoff_pages=0
n=$(pages "$pdf")
i=2
while [ "$i" -le "$n" ]; do
	title=$(pdftotext -f "$i" -l "$i" "$pdf" - 2>/dev/null | grep -v '^$' | sed -n 3p)
	case $title in
	Handoffs | "Executive summary")
		page_text "$pdf" "$i" | grep -qF "$note" || fail "partial: page $i ($title) does not say it"
		[ "$title" = Handoffs ] && handoff_pages=$((handoff_pages + 1)) ;;
	"Access & productivity" | "Authorizations & denials" | Well-being | Providers)
		page_text "$pdf" "$i" | grep -qF "No data for" && fail "partial: page $i ($title) says it" ;;
	esac
	i=$((i + 1))
done
[ "$handoff_pages" -ge 2 ] || fail "partial: $handoff_pages handoffs pages (continuations included), want 2 or more"
pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | grep -qx "Latest month with rows: 2026-09; no rows in October 2026." \
	|| fail "partial: the data-quality page does not give handoffs' latest month"
[ "$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | grep -cx "Latest month with rows: 2026-10.")" -eq 3 ] \
	|| fail "partial: the data-quality page does not give the other extracts' latest month"
# No value, numerator or denominator; the phase's centre and its constant
# (mdc) limits are still carried, as the SPC packages return them.
grep -qx '"oncology","handoff_completion_rate","total","","2026-10",,,,0\.[0-9]*,0\.[0-9]*,0\.[0-9]*,0,"","",.*' "$TMP/part/oncology/metrics.csv" \
	|| fail "partial: metrics.csv handoff_completion_rate 2026-10 is not an empty value with its centre line"
grep -q '"oncology","no_show_rate","total","","2026-10",0\.' "$TMP/part/oncology/metrics.csv" \
	|| fail "partial: metrics.csv no_show_rate 2026-10 lost its value"
grep -q '^"handoffs","report_month_missing","2026-10",,' "$TMP/part/data-quality.csv" \
	|| fail "partial: data-quality.csv has no report_month_missing row"
grep -q '^"handoffs","latest_month","2026-09",,' "$TMP/part/data-quality.csv" \
	|| fail "partial: data-quality.csv has no latest_month row"
pass "a month some extracts lack: exit 0, a warning naming them, the cover and their pages say it"

# Nothing shows September's value as October's: the cover's handoff tile,
# the summary's Latest cell and the headlines say the month has no value.
cover=$(page_text "$pdf" 1 | tr -s ' ')
printf '%s\n' "$cover" | grep -qF "Handoff completion rate No value for Oct 26 Target 95%" \
	|| fail "partial: the handoff tile does not say No value for Oct 26: $cover"
printf '%s\n' "$cover" | grep -qF "Sep 26" && fail "partial: a cover tile shows a September value"
printf '%s\n' "$cover" | grep -qF "93.0%" && fail "partial: the cover shows September's 93.0%"
printf '%s\n' "$cover" | grep -qF "No-show rate 5.3% ▲ 2.1 pts vs Sep" \
	&& printf '%s\n' "$cover" | grep -qF "Burnout 38.8% ▲ 2.6 pts vs Q3 26" \
	|| fail "partial: the tiles of extracts that hold the month lost their value: $cover"
summary=$(pdftotext -layout -enc UTF-8 "$pdf" - 2>/dev/null | sed -n '/Executive summary/,/How to read/p')
for m in "Handoff completion rate" "Completed within window" "Structured tool use" "Median hours to complete"; do
	printf '%s\n' "$summary" | grep -Eq "^  $m +—‡ +— +— +(95\.0%|—) +Common cause \(Sep\)\$" \
		|| fail "partial: summary row $m: $(printf '%s\n' "$summary" | grep "$m")"
done
printf '%s\n' "$summary" | grep -Eq "^  No-show rate +5\.3% " || fail "partial: summary lost October's no-show rate"
i=2
found=0
while [ "$i" -le "$n" ]; do
	if page_text "$pdf" "$i" | grep -qF "Executive summary"; then
		page_text "$pdf" "$i" | tr -s ' ' | grep -qF "—‡ no value for October 2026, not 0: its extract has no rows in the month, or the month has no cases (such as no appeals decided). Its changes are blank; its SPC words name the month they judge." \
			&& found=1
	fi
	i=$((i + 1))
done
[ "$found" -eq 1 ] || fail "partial: the summary has no footnote for —‡"
pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr -s '\n ' ' ' \
	| grep -qF "No value for October 2026: the handoffs extract has no rows in it. Handoff completion rate was 93.0% in September 2026, down from 94.2%." \
	|| fail "partial: the handoff headline does not lead with October's missing value"
pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr -s '\n ' ' ' | grep -qF "Target 95.0%: not met this month" \
	&& fail "partial: a headline judges the target \"this month\" on September's value"
pass "a month some extracts lack: the tile, the summary and the headlines say it has no value"

# ---- --allow-incomplete: DRAFT on every page and chart ----
cp "$SAMPLE/handoffs.csv" handoffs.csv
expect_exit 0 "$DYADREPORT" -q --allow-incomplete -p 2027-10 -d oncology -f pdf,svg -o "$TMP/draft" site.ini
[ ! -s "$TMP/err" ] || fail "--allow-incomplete -q printed: $(cat "$TMP/err")"
pdf="$TMP/draft/oncology/packet.pdf"
n=$(pages "$pdf")
[ "$n" -ge 20 ] || fail "--allow-incomplete: $n pages"
i=1
while [ "$i" -le "$n" ]; do
	page_text "$pdf" "$i" | grep -qF "DRAFT — no extract holds October 2027" \
		|| fail "--allow-incomplete: page $i has no DRAFT line"
	i=$((i + 1))
done
page_text "$pdf" 1 | grep -qF "DRAFT — no extract holds October 2027: every figure for the month shows no value" \
	|| fail "--allow-incomplete: the cover's DRAFT line"
page_text "$pdf" 1 | grep -qF "DRAFT, published with --allow-incomplete. No data for October 2027 in visits.csv (latest month 2026-10)" \
	|| fail "--allow-incomplete: the cover does not say why: $(page_text "$pdf" 1)"
grep -qF "October 2027 — DRAFT, no extract holds the month" "$TMP/draft/index.html" \
	|| fail "--allow-incomplete: index.html does not say DRAFT"
charts=0
for svg in "$TMP/draft/oncology/charts"/*.svg; do
	# The mark's pale red, #f2c4c4, as cairo writes it.
	grep -q 'rgb(94.901961%,76.862745%,76.862745%)' "$svg" || fail "--allow-incomplete: no DRAFT mark in ${svg##*/}"
	charts=$((charts + 1))
done
[ "$charts" -ge 10 ] || fail "--allow-incomplete: $charts charts"
# A run that is no draft has no mark.
expect_exit 0 "$DYADREPORT" -q -d oncology -f pdf,svg -o "$TMP/fresh" site.ini
grep -l 'rgb(94.901961%,76.862745%,76.862745%)' "$TMP/fresh/oncology/charts"/*.svg && fail "a chart of a fresh month has the DRAFT mark"
pdftotext "$TMP/fresh/oncology/packet.pdf" - 2>/dev/null | grep -q "DRAFT\|No data for\|the handoffs extract has no rows" && fail "a fresh month's packet says DRAFT or No data"
grep -q "DRAFT" "$TMP/fresh/index.html" && fail "a fresh month's index.html says DRAFT"
pass "--allow-incomplete: exit 0, DRAFT on each of $n pages and $charts charts"

# ---- a header-only extract: a warning, exit 0 ----
head -n 1 "$SAMPLE/burnout.csv" > burnout.csv
expect_exit 0 "$DYADREPORT" -d oncology -f csv -o "$TMP/hdr" site.ini
grep -qx "dyadreport: warning: burnout.csv: no data rows after the header: the extract holds no month" "$TMP/err" \
	|| fail "header only: no warning: $(cat "$TMP/err")"
grep -qx "dyadreport: warning: burnout.csv: latest month none, no rows dated in the report month 2026-10: its figures for the month show no value, not 0" "$TMP/err" \
	|| fail "header only: not named as lacking the month: $(cat "$TMP/err")"
[ -s "$TMP/hdr/oncology/metrics.csv" ] || fail "header only: nothing written"
# Every extract header-only: no extract holds the month.
for x in visits denials handoffs; do head -n 1 "$SAMPLE/$x.csv" > "$x.csv"; done
expect_exit 5 "$DYADREPORT" -q -o "$TMP/none" site.ini
grep -qx "dyadreport: visits.csv: latest month none, report month 2026-10 not in the extracts" "$TMP/err" \
	|| fail "all header-only: $(cat "$TMP/err")"
[ ! -e "$TMP/none" ] || fail "all header-only: the output folder was made"
pass "a header-only extract: a warning and exit 0; all of them: exit 5"
