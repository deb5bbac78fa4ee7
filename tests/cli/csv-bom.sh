#!/bin/sh
# csv-bom.sh -- [output] csv_bom = yes puts the UTF-8 byte order mark (EF BB
# BF) first in every metrics.csv, data-quality.csv and overview.csv, and changes no
# other byte; without it (or with csv_bom = no) no file starts with it and
# every CSV is what it always was. dyadreport spc reads a series cut from a
# BOM metrics.csv and judges it as the packet did. The key stands in
# [output] only.
. "$top_srcdir/tests/lib/setup.sh"

cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$TMP/"
BOM=$(printf '\357\273\277')
# first3 FILE: the file's first three bytes in hex.
first3() { head -c 3 "$1" | od -An -tx1 | tr -d ' \n'; }
# csvs DIR: every CSV under DIR, relative, sorted.
csvs() { (cd "$1" && find . -name '*.csv' | sort); }

# Charts are left out (-f): they are most of a run's time and no CSV.
expect_exit 0 "$DYADREPORT" -q -f pdf,csv -o "$TMP/plain" "$TMP/site.ini"
cp "$TMP/site.ini" "$TMP/no.ini"
printf '\n[output]\ncsv_bom = no\n' >> "$TMP/no.ini"
expect_exit 0 "$DYADREPORT" -q -f csv -o "$TMP/no" "$TMP/no.ini"
cp "$TMP/site.ini" "$TMP/bom.ini"
printf '\n[output]\ncsv_bom = yes\n' >> "$TMP/bom.ini"
expect_exit 0 "$DYADREPORT" -q -f pdf,csv -o "$TMP/bom" "$TMP/bom.ini"

# One metrics.csv per dyad plus data-quality.csv and overview.csv: 3 + 2
# in the sample.
[ "$(csvs "$TMP/plain" | wc -l)" -eq 5 ] || fail "expected 5 CSV files, got: $(csvs "$TMP/plain")"
[ "$(csvs "$TMP/bom")" = "$(csvs "$TMP/plain")" ] || fail "csv_bom = yes wrote other CSV files"
for f in $(csvs "$TMP/plain"); do
	[ "$(first3 "$TMP/plain/$f")" = 226479 ] || [ "$(first3 "$TMP/plain/$f")" = 226578 ] \
		|| fail "$f without csv_bom starts with $(first3 "$TMP/plain/$f"), want a quoted header"
	cmp -s "$TMP/plain/$f" "$TMP/no/$f" || fail "$f: csv_bom = no differs from no [output] section"
	[ "$(first3 "$TMP/bom/$f")" = efbbbf ] || fail "$f with csv_bom = yes starts with $(first3 "$TMP/bom/$f")"
	tail -c +4 "$TMP/bom/$f" | cmp -s - "$TMP/plain/$f" || fail "$f: past the BOM, bytes differ"
	[ $(($(wc -c < "$TMP/bom/$f") - $(wc -c < "$TMP/plain/$f"))) -eq 3 ] || fail "$f: not exactly 3 bytes more"
done
pass "csv_bom = yes: 5 CSV files start with EF BB BF and are otherwise byte-identical"
# The packets do not change with it.
for f in oncology/packet.pdf surgery/packet.pdf; do
	cmp -s "$TMP/plain/$f" "$TMP/bom/$f" || fail "$f changed with csv_bom = yes"
done
pass "csv_bom leaves the PDF packets alone"

# dyadreport spc reads a series cut from a BOM metrics.csv (header renamed
# month -> period, value -> y; the BOM kept) and finds the packet's centre.
M="$TMP/bom/oncology/metrics.csv"
{ head -n 1 "$M" | sed 's/"month"/"period"/; s/"value"/"y"/'
  grep '^"oncology","visits_completed","total",' "$M"; } > "$TMP/series.csv"
[ "$(first3 "$TMP/series.csv")" = efbbbf ] || fail "the cut series lost its BOM"
[ "$(wc -l < "$TMP/series.csv")" -eq 14 ] || fail "expected 13 months of visits_completed"
expect_exit 0 "$DYADREPORT" spc "$TMP/series.csv"
# spc prints period,y,n,cl,...: its cl per month is metrics.csv's center.
cut -d, -f9 "$TMP/series.csv" | sed 1d > "$TMP/want-cl"
cut -d, -f4 "$TMP/out" | sed 1d > "$TMP/got-cl"
[ -s "$TMP/want-cl" ] && grep -q '^[0-9][0-9.]*$' "$TMP/want-cl" || fail "no centre in metrics.csv"
diff "$TMP/want-cl" "$TMP/got-cl" >&2 || fail "spc's centre line on the BOM file differs from metrics.csv"
head -n 1 "$TMP/out" | grep -q '^period,y,n,cl,' || fail "spc header: $(head -n 1 "$TMP/out")"
pass "dyadreport spc reads a BOM file cut from metrics.csv: same centre line"

# Only yes/no; only in [output].
cp "$TMP/site.ini" "$TMP/bad.ini"
printf '\n[output]\ncsv_bom = maybe\n' >> "$TMP/bad.ini"
expect_exit 2 "$DYADREPORT" -q -o "$TMP/x" "$TMP/bad.ini"
grep -q "bad.ini:[0-9]*: \[output\] csv_bom: must be yes or no" "$TMP/err" || fail "bad value: $(cat "$TMP/err")"
grep -q maybe "$TMP/err" && fail "the value was echoed"
sed 's/^\[report\]$/[report]\ncsv_bom = yes/' "$TMP/site.ini" > "$TMP/report.ini"
expect_exit 2 "$DYADREPORT" -q -o "$TMP/x" "$TMP/report.ini"
grep -q "report.ini:[0-9]*: unknown key in \[report\]: csv_bom belongs in \[output\]" "$TMP/err" \
	|| fail "csv_bom in [report]: $(cat "$TMP/err")"
[ ! -e "$TMP/x" ] || fail "a refused config wrote output"
pass "csv_bom takes yes or no, in [output] only"
