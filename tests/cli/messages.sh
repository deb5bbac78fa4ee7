#!/bin/sh
# messages.sh -- messages that say how to fix it (issue 18 point 3), on
# copies of the sample site, each asserted whole:
# - an unknown key names its section and the nearest key of ours, or the
#   section a key (or a near miss of one) belongs in; never the typed name;
# - a missing required column lists the header found and the col. line that
#   reads a close name; the lines it suggests make the extract load;
# - a department claimed twice names the dyad that owns it;
# - a configured extract that is not there: "configured but missing" with
#   its absolute path, for every one, exit 3 (also with --check);
# - a report month before the data names each extract's first month, exit 5;
#   a month in a gap names the months around it; an extract whose data
#   starts after the month is a warning, the run publishes, and the packet
#   names its first month.
. "$top_srcdir/tests/lib/setup.sh"

site="$TMP/site"
mkdir "$site"
cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$site/"
cd "$site"
site=$(pwd -P)

# only_lines WANT: stderr is exactly the lines of WANT (a file).
only_lines() {
	diff "$1" "$TMP/err" >&2 || fail "$2: stderr differs (above: want < > got)"
}

# ---- unknown keys ----
sed -e 's/^suppress_below = 5/Suppress-Below = 5/' \
    -e 's/^delimiter = ,/delimiter = ,\npng_size = 800x600\ndepartmnets = X/' \
    -e 's/^departments = FM, IM, PEDS/departments = FM, IM, PEDS\nsecret_zorblax = 1/' site.ini > keys.ini
expect_exit 2 "$DYADREPORT" --check keys.ini
cat > "$TMP/want" <<'EOF'
dyadreport: keys.ini:12: unknown key in [report] (did you mean suppress_below?)
dyadreport: keys.ini:24: unknown key in [input]: png_size belongs in [report]
dyadreport: keys.ini:25: unknown key in [input] (did you mean departments? it belongs in [dyad ID])
dyadreport: keys.ini:38: unknown key in [dyad primary-care] (dyadreport.ini(5) lists the keys)
EOF
only_lines "$TMP/want" "unknown keys"
pass "an unknown key names its section and the nearest key of ours, or where it belongs"

# ---- a missing required column: the header found, the col. lines ----
mkdir renamed
cp site.ini denials.csv handoffs.csv burnout.csv commentary.csv renamed/
{ echo "Visit ID,Appt Date,MRN,Provider,provider_name,Dept,Visit-Type,Appt Status,booked_date,duration_min,wrvu"
  tail -n +2 visits.csv; } > renamed/visits.csv
expect_exit 3 "$DYADREPORT" -q --check renamed/site.ini
cat > "$TMP/want" <<'EOF'
dyadreport: visits.csv:1: required column visit_id missing; did you mean: col.visit_id = Visit ID  (in [visits])
dyadreport: visits.csv:1: required column visit_date missing; did you mean: col.visit_date = Appt Date  (in [visits])
dyadreport: visits.csv:1: required column patient_id missing; did you mean: col.patient_id = MRN  (in [visits])
dyadreport: visits.csv:1: required column provider_id missing
dyadreport: visits.csv:1: required column department missing; did you mean: col.department = Dept  (in [visits])
dyadreport: visits.csv:1: required column visit_type missing; did you mean: col.visit_type = Visit-Type  (in [visits])
dyadreport: visits.csv:1: required column status missing; did you mean: col.status = Appt Status  (in [visits])
dyadreport: visits.csv:1: the header has 11 names: "Visit ID", "Appt Date", "MRN", "Provider", "provider_name", "Dept", "Visit-Type", "Appt Status", "booked_date", "duration_min", "wrvu"; give a missing column its header with col.COLUMN = Their Header in [visits]
EOF
only_lines "$TMP/want" "missing columns"
grep -qx "visits    (not read: see the messages above)" "$TMP/out" || fail "--check table: $(cat "$TMP/out")"
# The suggested lines, pasted, with the one column no name was close to.
{ echo "[visits]"
  sed -n 's/.*did you mean: \(col\.[a-z_]* = .*\)  (in \[visits\])$/\1/p' "$TMP/err"
  echo "col.provider_id = Provider"; } >> renamed/site.ini
expect_exit 0 "$DYADREPORT" -q --check renamed/site.ini
grep -qx "visits         28455      28455         0         0         0  visits.csv" "$TMP/out" \
	|| fail "the suggested col. lines do not read the extract: $(cat "$TMP/out")"
pass "a missing column lists the header and the col. lines that read it"

# ---- a department owned by another dyad ----
sed 's/^departments = GSURG, ORTHO, URO/departments = GSURG, onc, URO, fm/' site.ini > owned.ini
expect_exit 2 "$DYADREPORT" --check owned.ini
cat > "$TMP/want" <<'EOF'
dyadreport: owned.ini:41: [dyad surgery] departments: item 2 is already owned by [dyad oncology] (its item 1, line 25): a department belongs to one dyad
dyadreport: owned.ini:41: [dyad surgery] departments: item 4 is already owned by [dyad primary-care] (its item 1, line 31): a department belongs to one dyad
EOF
only_lines "$TMP/want" "departments owned twice"
pass "a department claimed twice names the dyad that owns it"

# ---- configured but missing ----
sed -e 's/^visits = visits.csv/visits = drops\/visits-2026.csv/' \
    -e 's/^burnout = burnout.csv/burnout = survey.csv/' site.ini > absent.ini
expect_exit 3 "$DYADREPORT" --check absent.ini
cat > "$TMP/want" <<EOF
dyadreport: drops/visits-2026.csv: configured but missing: no file $site/drops/visits-2026.csv ([input] visits)
dyadreport: survey.csv: configured but missing: no file $site/survey.csv ([input] burnout)
EOF
grep "configured but missing" "$TMP/err" > "$TMP/got" || true
diff "$TMP/want" "$TMP/got" >&2 || fail "--check: configured but missing"
[ "$(grep -cx "visits    (configured but missing)\|burnout   (configured but missing)" "$TMP/out")" -eq 2 ] \
	|| fail "--check table: $(cat "$TMP/out")"
grep -qx "check failed: see the messages above" "$TMP/out" || fail "--check: last line"
expect_exit 3 "$DYADREPORT" -q -o "$TMP/absent" absent.ini
diff "$TMP/want" "$TMP/err" >&2 || fail "a run: configured but missing"
[ ! -e "$TMP/absent" ] || fail "a run with a missing extract wrote"
pass "every configured extract that is not there is named with its absolute path, exit 3"

# ---- a report month before the data, in a gap, partly before ----
expect_exit 5 "$DYADREPORT" -q -p 2019-01 -o "$TMP/early" site.ini
cat > "$TMP/want" <<'EOF'
dyadreport: visits.csv: first month 2024-10, report month 2019-01 is before its data
dyadreport: denials.csv: first month 2024-10, report month 2019-01 is before its data
dyadreport: handoffs.csv: first month 2024-10, report month 2019-01 is before its data
dyadreport: burnout.csv: first month 2024-10, report month 2019-01 is before its data
dyadreport: report month 2019-01 is before the data of every extract: nothing written (exit 5); choose a month the extracts cover (-p or [report] period)
EOF
only_lines "$TMP/want" "-p 2019-01"
[ ! -e "$TMP/early" ] || fail "-p 2019-01 wrote"
expect_exit 5 "$DYADREPORT" -q --check -p 2019-01 site.ini
only_lines "$TMP/want" "--check -p 2019-01"
expect_exit 0 "$DYADREPORT" --allow-incomplete -f csv -p 2019-01 -o "$TMP/early" site.ini
grep -q "department codes" "$TMP/err" && fail "a draft before the data blames the department codes"
grep -qx "dyadreport: warning: report month 2019-01 is before the data of every extract: published as a DRAFT (--allow-incomplete)" "$TMP/err" \
	|| fail "--allow-incomplete -p 2019-01: $(cat "$TMP/err")"
pass "a month before the data names each extract's first month, exit 5"

mkdir gap
cp site.ini commentary.csv gap/
for x in visits denials handoffs burnout; do grep -v ',2025-0[23]-' "$x.csv" > "gap/$x.csv"; done
expect_exit 5 "$DYADREPORT" -q -p 2025-03 -o "$TMP/gap" gap/site.ini
cat > "$TMP/want" <<'EOF'
dyadreport: visits.csv: months 2024-10 to 2026-10, but no rows dated in the report month 2025-03
dyadreport: denials.csv: months 2024-10 to 2026-10, but no rows dated in the report month 2025-03
dyadreport: handoffs.csv: months 2024-10 to 2026-10, but no rows dated in the report month 2025-03
dyadreport: burnout.csv: months 2024-10 to 2026-10, but no rows dated in the report month 2025-03
dyadreport: report month 2025-03 is in none of the extracts: nothing written (exit 5); see each extract's months above, or publish a draft with --allow-incomplete
EOF
only_lines "$TMP/want" "-p 2025-03 (a gap)"
pass "a month in a gap names the months around it, exit 5"

mkdir late
cp site.ini visits.csv denials.csv burnout.csv commentary.csv late/
grep -v ',2024-1[0-2]-' handoffs.csv > late/handoffs.csv
expect_exit 0 "$DYADREPORT" -f pdf,csv -d oncology -p 2024-11 -o "$TMP/late" late/site.ini
grep -qx "dyadreport: warning: handoffs.csv: first month 2025-01, report month 2024-11 is before its data: its figures for the month show no value, not 0" "$TMP/err" \
	|| fail "an extract starting after the month: $(cat "$TMP/err")"
grep -q "latest month" "$TMP/err" && fail "an extract starting after the month is named by its latest month"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$TMP/late/oncology/packet.pdf" - 2>/dev/null | tr '\n' ' ' \
		| grep -q "No data for November 2024 in handoffs.csv (first month 2025-01): the month shows no value there, not 0." \
		|| fail "the packet does not name handoffs.csv's first month"
fi
pass "an extract whose data starts after the report month is a warning naming its first month"
