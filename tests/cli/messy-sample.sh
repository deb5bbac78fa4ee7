#!/bin/sh
# messy-sample.sh -- sample-data/site-messy.ini over the messy copies of the
# sample extracts (renamed headers, ; | and tab, US and German dates, site
# codes, BOM + CRLF, ~0.5 % broken rows; see sample-data/make-messy.py) gives
# every dyad a metrics.csv byte-identical to the clean site.ini's. The broken
# rows are counted in data-quality.csv and stay under the 1 % limit, the
# CO-45/PR-1 lines are ignored, not skipped, the rows left out of a measure
# are the clean copy's (17 DENIED without a reason), and no patient id of the messy
# visits file reaches stderr or any output file.
. "$top_srcdir/tests/lib/setup.sh"

clean="$TMP/clean"
messy="$TMP/messy"
loud="$TMP/messy-loud"
[ -s "$SAMPLE/site-messy.ini" ] || fail "no sample-data/site-messy.ini"
for x in visits denials handoffs burnout; do
	[ -s "$SAMPLE/messy/$x.csv" ] || fail "no sample-data/messy/$x.csv (python3 make-messy.py)"
done

expect_exit 0 "$DYADREPORT" -q -f csv -o "$clean" "$SAMPLE/site.ini"
expect_exit 0 "$DYADREPORT" -q -f csv -o "$messy" "$SAMPLE/site-messy.ini"

# The same metrics, byte for byte.
dyads=$(sed -n 's/^\[dyad \(.*\)\]$/\1/p' "$SAMPLE/site.ini")
[ "$(echo "$dyads" | wc -l)" -eq 3 ] || fail "sample has 3 dyads"
[ "$(sed -n 's/^\[dyad \(.*\)\]$/\1/p' "$SAMPLE/site-messy.ini")" = "$dyads" ] || fail "site-messy.ini has other dyads"
for d in $dyads; do
	[ -s "$clean/$d/metrics.csv" ] || fail "$d: no clean metrics.csv"
	[ -s "$messy/$d/metrics.csv" ] || fail "$d: no messy metrics.csv"
	cmp -s "$clean/$d/metrics.csv" "$messy/$d/metrics.csv" \
		|| fail "$d: metrics differ: $(diff "$clean/$d/metrics.csv" "$messy/$d/metrics.csv" | head -8)"
done

# data-quality.csv (long format: extract,measure,detail,value,note). The
# columns read here hold no comma, so quotes are dropped before splitting.
dq() {  # dq ROOT EXTRACT MEASURE: the value of that row, or "none"
	awk -F, -v e="$2" -v m="$3" '{ gsub(/"/, "") } $1 == e && $2 == m && $3 == "" { v = $4 }
		END { print v == "" ? "none" : v }' "$1/data-quality.csv"
}
for root in "$clean" "$messy"; do
	[ -s "$root/data-quality.csv" ] || fail "no data-quality.csv in $root"
	head -1 "$root/data-quality.csv" | grep -q '^"\{0,1\}extract"\{0,1\},"\{0,1\}measure' \
		|| fail "data-quality.csv header: $(head -1 "$root/data-quality.csv")"
done
int() { case $1 in ''|*[!0-9]*) fail "$2 is '$1', not a count" ;; esac; }
for x in visits denials handoffs burnout; do
	read=$(dq "$messy" $x rows_read); int "$read" "$x rows_read"
	used=$(dq "$messy" $x rows_used); int "$used" "$x rows_used"
	skipped=$(dq "$messy" $x rows_skipped); int "$skipped" "$x rows_skipped"
	ignored=$(dq "$messy" $x rows_ignored)
	[ "$ignored" = none ] && ignored=0
	int "$ignored" "$x rows_ignored"
	[ "$skipped" -gt 0 ] || fail "$x: no skipped rows in the messy copy"
	[ $((skipped * 100)) -lt "$read" ] || fail "$x: $skipped of $read rows skipped, not under 1 %"
	[ $((used + skipped + ignored)) -eq "$read" ] \
		|| fail "$x: used $used + skipped $skipped + ignored $ignored != read $read"
	n=$(awk -F, -v e=$x '{ gsub(/"/, "") } $1 == e && $2 == "skipped" { s += $4 } END { print s + 0 }' "$messy/data-quality.csv")
	[ "$n" -eq "$skipped" ] || fail "$x: skipped by reason add up to $n, not $skipped"
	cskipped=$(dq "$clean" $x rows_skipped); int "$cskipped" "clean $x rows_skipped"
	[ "$cskipped" -eq 0 ] || fail "clean $x: $cskipped rows skipped"
	cused=$(dq "$clean" $x rows_used)
	# Ids are checked for duplicates among the rows in the report's range
	# only (memory follows the report, not the file), so a re-exported row
	# older than the trend counts as used: never fewer used than clean.
	[ "$used" -ge "$cused" ] || fail "$x: $used rows used from the messy copy, $cused from the clean one"
done
[ "$(dq "$messy" denials rows_ignored)" -gt 0 ] || fail "denials: no rows ignored (CO-45, PR-1)"

# Without -q: the skipped rows are reported by file, line and column ...
expect_exit 0 "$DYADREPORT" -f csv -o "$loud" "$SAMPLE/site-messy.ini"
cp "$TMP/err" "$TMP/messy.err"
grep -q "messy/visits.csv:[0-9][0-9]*: column [a-z_]*: bad date" "$TMP/messy.err" \
	|| fail "no 'column ...: bad date' message: $(head -5 "$TMP/messy.err")"
cmp -s "$messy/oncology/metrics.csv" "$loud/oncology/metrics.csv" || fail "-q changed the metrics"
# ... and the one cause of rows left out of a measure in the sample data (17
# DENIED rows of the trend window without a reason), the same as the clean
# copy's in data-quality.csv.
[ "$(grep -c 'no dyad owns\|left out of\|counted as' "$TMP/messy.err")" -eq 1 ] &&
grep -qx "dyadreport: warning: messy/denials.csv: column denial_reason: 17 rows are DENIED with no reason; counted as reason UNSPECIFIED" "$TMP/messy.err" \
	|| fail "left-out warnings: $(grep 'no dyad owns\|left out of\|counted as' "$TMP/messy.err")"
[ "$(grep '"left_out"' "$clean/data-quality.csv")" = "$(grep '"left_out"' "$messy/data-quality.csv")" ] \
	|| fail "left_out rows differ between the clean and messy copies"

# ... and never with a cell's value: no patient id (MRN) of the messy visits
# file in stderr or in any file written.
grep -ao 'P[0-9]\{6\}' "$SAMPLE/messy/visits.csv" | sort -u > "$TMP/ids"
[ "$(wc -l < "$TMP/ids")" -gt 1000 ] || fail "patient ids not found in messy/visits.csv"
if grep -Fqf "$TMP/ids" "$TMP/messy.err"; then
	fail "a patient id in stderr, line $(grep -nFf "$TMP/ids" "$TMP/messy.err" | head -1 | cut -d: -f1)"
fi
leak=$(grep -rlFf "$TMP/ids" "$messy" "$loud" || true)
[ -z "$leak" ] || fail "a patient id in $leak"
pass messy-sample
