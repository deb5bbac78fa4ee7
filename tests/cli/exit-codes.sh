#!/bin/sh
# exit-codes.sh -- the documented exit codes: 2 for config and usage errors,
# 3 for unusable extracts (never quoting a cell), 4 for unwritable output,
# 5 for a report month no extract holds (tests/cli/freshness.sh has more),
# and nothing half-written behind any of them.
. "$top_srcdir/tests/lib/setup.sh"

cp "$SAMPLE"/*.csv "$TMP/"
site() {  # site FILE EXTRA-LINES: a config for the copied sample data
	cat > "$1" <<INI
[report]
period = 2026-10
[input]
visits = visits.csv
denials = denials.csv
[dyad oncology]
name = Oncology
departments = ONC, RADONC, INF
$2
INI
}

site "$TMP/ok.ini" ""
expect_exit 0 "$DYADREPORT" -q -o "$TMP/out-ok" "$TMP/ok.ini"
[ -s "$TMP/out-ok/oncology/packet.pdf" ] || fail "packet written"
[ ! -s "$TMP/err" ] || fail "-q printed: $(cat "$TMP/err")"

expect_exit 2 "$DYADREPORT" "$TMP/missing.ini"
site "$TMP/typo.ini" "[reprot]"
expect_exit 2 "$DYADREPORT" -o "$TMP/out2" "$TMP/typo.ini"
grep -q "typo.ini:9: unknown section (use \[report\]" "$TMP/err" || fail "unknown section message"
grep -q "reprot" "$TMP/err" && fail "the unknown section echoed"
[ ! -e "$TMP/out2" ] || fail "config error wrote output"
expect_exit 2 "$DYADREPORT" -p 2026-13 -o "$TMP/out2" "$TMP/ok.ini"
expect_exit 2 "$DYADREPORT" -d nosuch -o "$TMP/out2" "$TMP/ok.ini"
grep -q "no dyad with id nosuch" "$TMP/err" || fail "-d unknown dyad message"

# An extract that is missing, or lacks a required column: exit 3.
sed 's/visits = visits.csv/visits = nowhere.csv/' "$TMP/ok.ini" > "$TMP/nofile.ini"
expect_exit 3 "$DYADREPORT" -o "$TMP/out3" "$TMP/nofile.ini"
grep -q "nowhere.csv" "$TMP/err" || fail "missing extract named"
[ ! -e "$TMP/out3" ] || fail "input error wrote output"
sed '1s/patient_id/patient/' "$SAMPLE/visits.csv" > "$TMP/visits.csv"
expect_exit 3 "$DYADREPORT" -o "$TMP/out3" "$TMP/ok.ini"
grep -q "patient_id" "$TMP/err" || fail "missing column named"

# Bad rows over the limit: exit 3; the message names line and column, never the value.
{ head -1 "$SAMPLE/visits.csv"; sed -n '2,101p' "$SAMPLE/visits.csv"; } > "$TMP/visits.csv"
awk -F, 'NR>1 && NR<=4 { $2 = "SECRET-NOT-A-DATE" } { print }' OFS=, "$TMP/visits.csv" > "$TMP/v2.csv"
mv "$TMP/v2.csv" "$TMP/visits.csv"
expect_exit 3 "$DYADREPORT" -o "$TMP/out3" "$TMP/ok.ini"
grep -q "visits.csv:2: column visit_date: " "$TMP/err" || fail "row message names file:line:column"
grep -q "SECRET" "$TMP/err" && fail "a cell value was printed"
grep -q "over the limit" "$TMP/err" || fail "limit message"
[ ! -e "$TMP/out3" ] || fail "bad rows wrote output"

# A report month in none of the extracts: exit 5, nothing written, even with -q.
cp "$SAMPLE/visits.csv" "$TMP/visits.csv"
expect_exit 5 "$DYADREPORT" -q -p 2027-10 -o "$TMP/out5" "$TMP/ok.ini"
grep -q "visits.csv: latest month 2026-10, report month 2027-10 not in the extracts" "$TMP/err" \
	|| fail "exit 5: latest month not named"
[ ! -e "$TMP/out5" ] || fail "exit 5 wrote output"

# Output that cannot be written: exit 4, nothing left behind.
cp "$SAMPLE/visits.csv" "$TMP/visits.csv"
mkdir -p "$TMP/ro"
chmod 555 "$TMP/ro"
if [ ! -w "$TMP/ro" ]; then   # root ignores permissions; then use a file as the folder
	expect_exit 4 "$DYADREPORT" -o "$TMP/ro/out" "$TMP/ok.ini"
fi
: > "$TMP/afile"
expect_exit 4 "$DYADREPORT" -o "$TMP/afile" "$TMP/ok.ini"
grep -q "afile" "$TMP/err" || fail "unwritable output named"
mkdir -p "$TMP/out4/oncology"
echo previous > "$TMP/out4/oncology/packet.pdf"
mkdir "$TMP/out4/oncology/metrics.csv"       # a folder where a file must go
expect_exit 4 "$DYADREPORT" -f csv,pdf -o "$TMP/out4" "$TMP/ok.ini"
[ "$(cat "$TMP/out4/oncology/packet.pdf")" = previous ] || fail "previous packet replaced after a failure"
ls "$TMP/out4/oncology" | grep -q tmp && fail "temporary file left behind"
chmod 755 "$TMP/ro"
pass exit-codes
