#!/bin/sh
# periods.sh -- the report month and the output folder (issue 7 item 2):
# `period = last-month` is the month before today, or before
# SOURCE_DATE_EPOCH when it is set (also across a year boundary); -p YYYY-MM
# overrides it; `[report] output = out/%Y-%m` is expanded from the report
# month and resolved against the config's folder. Without SOURCE_DATE_EPOCH
# the generation date appears on the cover only: never in the CSVs or
# index.html.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless pdftotext

mkdir "$TMP/site" "$TMP/elsewhere"
cp "$SAMPLE"/*.csv "$TMP/site/"
sed -e 's/^period = .*/period = last-month/' -e 's|^output = .*|output = out/%Y-%m|' \
	"$SAMPLE/site.ini" >"$TMP/site/site.ini"
cd "$TMP/elsewhere"

# 2026-11-15 12:00 UTC: last month is October 2026.
SOURCE_DATE_EPOCH=1794744000 expect_exit 0 "$DYADREPORT" -q -f csv,pdf -d oncology ../site/site.ini
[ -s "$TMP/site/out/2026-10/oncology/packet.pdf" ] || fail "last-month: no out/2026-10 under the config's folder"
[ ! -e "$TMP/elsewhere/out" ] || fail "output resolved against the current folder"
pdftotext -l 1 "$TMP/site/out/2026-10/oncology/packet.pdf" "$TMP/cover.txt" 2>/dev/null
grep -q "October 2026" "$TMP/cover.txt" || fail "last-month: cover is not October 2026"
grep -q "Generated 2026-11-15" "$TMP/cover.txt" || fail "cover: generation date from SOURCE_DATE_EPOCH"
pass "last-month from SOURCE_DATE_EPOCH, output pattern under the config's folder"

# 2026-01-10: last month is December 2025 (the year before).
SOURCE_DATE_EPOCH=1768046400 expect_exit 0 "$DYADREPORT" -q -f csv -d oncology ../site/site.ini
[ -s "$TMP/site/out/2025-12/oncology/metrics.csv" ] || fail "last-month across the new year: no out/2025-12"
grep -q '"2025-12"' "$TMP/site/out/2025-12/oncology/metrics.csv" || fail "2025-12 is not in the series"
grep -q '"2026-01"' "$TMP/site/out/2025-12/oncology/metrics.csv" && fail "a month after the report month"
pass "last-month across a year boundary"

# -p overrides the config; a bad period is a usage error.
expect_exit 0 "$DYADREPORT" -q -f csv -d oncology -p 2026-09 ../site/site.ini
[ -s "$TMP/site/out/2026-09/oncology/metrics.csv" ] || fail "-p 2026-09: no out/2026-09"
expect_exit 2 "$DYADREPORT" -q -p 2026-13 ../site/site.ini
expect_exit 2 "$DYADREPORT" -q -p yesterday ../site/site.ini
pass "-p YYYY-MM, and bad periods exit 2"

# Without SOURCE_DATE_EPOCH: today's date on the cover, nowhere else.
rm -rf "$TMP/site/out"
today=$(date -u +%Y-%m-%d)
env -u SOURCE_DATE_EPOCH "$DYADREPORT" -q -p 2026-10 -d oncology ../site/site.ini \
	|| fail "run without SOURCE_DATE_EPOCH"
root="$TMP/site/out/2026-10"
pdftotext -l 1 "$root/oncology/packet.pdf" "$TMP/cover.txt" 2>/dev/null
case $(date -u +%Y-%m-%d) in
"$today") grep -q "Generated $today" "$TMP/cover.txt" || fail "cover: no generation date" ;;
esac
for f in "$root/index.html" "$root/data-quality.csv" "$root/oncology/metrics.csv"; do
	grep -q "$today" "$f" && fail "$f holds the generation date"
done
pdftotext -f 2 "$root/oncology/packet.pdf" - 2>/dev/null | grep -q "$today" \
	&& fail "the date appears past the cover"
pass "without SOURCE_DATE_EPOCH the date is on the cover only"
