#!/bin/sh
# commentary-load.sh -- [input] commentary is read like an extract (issue 20
# point 1): a row whose dyad or metric the config does not know is a
# warning naming FILE:LINE and the column, never the cell, and is counted
# as rows_unknown_key in data-quality.csv; skipped rows are counted by
# reason there and in --check; they count against max_bad_rows and
# --strict (exit 3); a configured file that is missing exits 3; a glob
# pattern reads a file per month as one commentary; the
# commentary holds no month of data, so a month only it has still exits 5;
# the four extracts' rows of data-quality.csv stay as they were without it.
# On copies of the sample extracts (latest month 2026-10), CSV output only.
. "$top_srcdir/tests/lib/setup.sh"

site="$TMP/site"
mkdir "$site"
cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$site/"
cd "$site"
# The sample's 1% bad-row limit would fail on any bad row of a short file.
sed -e 's/^max_bad_rows = .*/max_bad_rows = 50%/' -e '/^commentary = /d' site.ini > base.ini
sed -e 's/^burnout = burnout.csv$/&\ncommentary = commentary.csv/' base.ini > with.ini
grep -qx "commentary = commentary.csv" with.ini || fail "test setup: no [input] commentary line"

# Every cell that must never reach a message holds a ZZ marker.
cat > commentary.csv <<'EOF'
dyad,metric,month,comment,action,owner,due,status,audience
oncology,no_show_rate,2026-10,"Up again, ""see"" the
reminder calls",,,,,
ZZdyad-nobody,no_show_rate,2026-10,ZZcomment1,,,,,
oncology,ZZno_such_metric,2026-10,ZZcomment2,,,,,
oncology,no_show_rate,2026-09-14,,Call patients,Ana,2026-09-30,open,PUBLIC
oncology,no_show_rate,ZZ2026-13,ZZcomment3,,,,,
surgery,initial_denial_rate,2026-10,,,ZZowner,,,
EOF

# ---- a run: warnings name file, line and column; data-quality.csv counts ----
expect_exit 0 "$DYADREPORT" -f csv -o "$TMP/run" with.ini
for want in \
	"dyadreport: commentary.csv:4: column dyad: no dyad with this id in the config: row left out" \
	"dyadreport: commentary.csv:5: column metric: not a metric key: row left out" \
	"dyadreport: commentary.csv:7: column month: bad date" \
	"dyadreport: commentary.csv:8: column comment: required value missing"; do
	grep -qxF "$want" "$TMP/err" || fail "stderr lacks \"$want\": $(cat "$TMP/err")"
done
! grep -q ZZ "$TMP/err" "$TMP/out" || fail "a cell reached a message: $(grep ZZ "$TMP/err" "$TMP/out")"
grep -q ", 2 rows skipped$" "$TMP/err" || fail "the summary does not count the commentary's skipped rows: $(tail -1 "$TMP/err")"
dq="$TMP/run/data-quality.csv"
for want in \
	'"commentary","rows_read","",6,""' \
	'"commentary","rows_used","",4,""' \
	'"commentary","rows_skipped","",2,""' \
	'"commentary","skipped","bad date",1,""' \
	'"commentary","skipped","required value missing",1,""' \
	'"commentary","rows_unknown_key","",2,"a dyad id or metric key the config does not know: left out of every page"' \
	'"commentary","file","commentary.csv",6,"months 2026-09 to 2026-10"' \
	'"commentary","column_filled","audience",0.25,""'; do
	grep -qxF "$want" "$dq" || fail "data-quality.csv lacks $want: $(grep commentary "$dq")"
done
! grep -q ZZ "$dq" || fail "a cell reached data-quality.csv"
pass "unknown dyad and metric keys and bad rows: FILE:LINE: column, no cell; counted in data-quality.csv"

# ---- the four extracts' rows stay byte-identical without a commentary ----
expect_exit 0 "$DYADREPORT" -q -f csv -o "$TMP/plain" base.ini
! grep -q '^"commentary"' "$TMP/plain/data-quality.csv" || fail "commentary rows without a commentary"
grep -v '^"commentary"' "$dq" > "$TMP/four"
cmp "$TMP/four" "$TMP/plain/data-quality.csv" >&2 || fail "the extracts' data-quality rows changed with a commentary"
pass "data-quality.csv: the extracts' rows as without a commentary, none for an absent one"

# ---- --check: the commentary's line ----
expect_exit 0 "$DYADREPORT" --check with.ini
grep -Eq '^commentary +6 +4 +0 +2 +- +commentary.csv$' "$TMP/out" || fail "--check: no commentary line: $(cat "$TMP/out")"
grep -qx "  file commentary.csv: 6 rows, months 2026-09 to 2026-10" "$TMP/out" || fail "--check: no file line"
grep -qx "  left out, dyad or metric key not in the config: 2" "$TMP/out" || fail "--check: no unknown-key line"
grep -qx "  skipped, bad date: 1" "$TMP/out" || fail "--check: no skipped line"
grep -q "commentary.csv:4: column dyad" "$TMP/err" || fail "--check: no unknown-dyad warning"
! grep -q ZZ "$TMP/err" "$TMP/out" || fail "--check: a cell reached a message"
expect_exit 0 "$DYADREPORT" --check base.ini
! grep -q "^commentary" "$TMP/out" || fail "--check: a commentary line without a commentary"
pass "--check prints the commentary's rows, files, skips and unknown keys"

# ---- --strict and max_bad_rows: exit 3 ----
expect_exit 3 "$DYADREPORT" --strict -f csv -o "$TMP/strict" with.ini
grep -qxF "dyadreport: commentary.csv: 2 of 6 rows could not be used (--strict allows none)" "$TMP/err" \
	|| fail "--strict: $(cat "$TMP/err")"
[ ! -e "$TMP/strict/data-quality.csv" ] || fail "--strict: files were published"
sed -e 's/^max_bad_rows = .*/max_bad_rows = 10%/' with.ini > tight.ini
expect_exit 3 "$DYADREPORT" -f csv -o "$TMP/tight" tight.ini
grep -qF "dyadreport: commentary.csv: 2 of 6 rows could not be used, over the limit of 10% ([report] max_bad_rows)" "$TMP/err" \
	|| fail "max_bad_rows: $(cat "$TMP/err")"
pass "the commentary's bad rows fail --strict and max_bad_rows (exit 3)"

# ---- a configured but missing file: exit 3, as for an extract ----
sed -e 's/^commentary = .*/commentary = notes\/none.csv/' with.ini > missing.ini
expect_exit 3 "$DYADREPORT" -f csv -o "$TMP/missing" missing.ini
grep -qxF "dyadreport: notes/none.csv: configured but missing: no file $site/notes/none.csv ([input] commentary)" "$TMP/err" \
	|| fail "missing file: $(cat "$TMP/err")"
expect_exit 3 "$DYADREPORT" --check missing.ini
grep -Eq '^commentary +\(configured but missing\)$' "$TMP/out" || fail "--check missing: $(cat "$TMP/out")"
pass "a configured commentary that is missing exits 3 with its absolute path"

# ---- a glob pattern: one commentary over a file per month (columns in any order) ----
mkdir notes
printf '%s\n' 'dyad,metric,month,comment,action' 'oncology,no_show_rate,2026-09,September,' > notes/2026-09.csv
printf '%s\n' 'metric,dyad,action,month,comment' 'no_show_rate,oncology,Call back,2026-10,' \
	'no_show_rate,oncology,Text too,2026-10,' > notes/2026-10.csv
sed -e 's/^commentary = .*/commentary = notes\/*.csv/' with.ini > glob.ini
expect_exit 0 "$DYADREPORT" -q -f csv -o "$TMP/glob" glob.ini
for want in \
	'"commentary","rows_used","",3,""' \
	'"commentary","file","notes/2026-09.csv",1,"months 2026-09 to 2026-09"' \
	'"commentary","file","notes/2026-10.csv",2,"months 2026-10 to 2026-10"'; do
	grep -qxF "$want" "$TMP/glob/data-quality.csv" || fail "glob: data-quality.csv lacks $want"
done
# A warning names the file of the pattern the row is in, not the pattern.
printf '%s\n' 'dyad,metric,month,comment,action' 'oncology,no_show_rate,2026-08,August,' \
	'cardiology,no_show_rate,2026-08,Nobody,' > notes/2026-08.csv
expect_exit 0 "$DYADREPORT" -f csv -o "$TMP/glob2" glob.ini
grep -qxF "dyadreport: notes/2026-08.csv:3: column dyad: no dyad with this id in the config: row left out" "$TMP/err" \
	|| fail "glob: the unknown dyad's warning does not name its file: $(grep cardiology -c "$TMP/err") $(grep 'column dyad' "$TMP/err")"
rm notes/2026-08.csv
pass "a glob pattern reads each file as part of one commentary; a warning names its file"


# ---- the commentary holds no month: a month only it has exits 5 ----
printf '%s\n' 'dyad,metric,month,comment' 'oncology,no_show_rate,2026-11,Next month' > commentary.csv
expect_exit 5 "$DYADREPORT" -f csv -p 2026-11 -o "$TMP/nov" with.ini
grep -q "report month 2026-11 is in none of the extracts" "$TMP/err" || fail "2026-11: $(cat "$TMP/err")"
! grep -q "commentary.csv: latest month" "$TMP/err" || fail "2026-11: the commentary was named as an extract"
[ ! -e "$TMP/nov" ] || fail "2026-11: the output folder was made"
# ...and one that lacks the report month is no warning.
expect_exit 0 "$DYADREPORT" -f csv -p 2026-10 -o "$TMP/oct" with.ini
! grep -q "commentary.csv" "$TMP/err" || fail "2026-10: the commentary was warned about: $(cat "$TMP/err")"
pass "a month only the commentary holds still exits 5; one it lacks is no warning"
