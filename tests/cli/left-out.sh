#!/bin/sh
# left-out.sh -- every used row that a measure leaves out, or counts as
# something it does not say, is said once per cause per extract, with its
# count and column and never a cell's value (issue 17 point 5): on stderr
# as a warning (not with -q; with --check too), in data-quality.csv as
# left_out and unowned_department rows, and on --check's summary. A
# hand-made extract set holds each cause with known counts, plus rows that
# must not be counted: outside the trend window (2026-08..2026-10), not
# COMPLETED, skipped by the loader. The same lines with -j 1 and -j 4. A
# value past the histograms' cap, however large, is counted as the cap.
. "$top_srcdir/tests/lib/setup.sh"

site="$TMP/site"
mkdir "$site"
cd "$site"
cat > site.ini <<'EOF'
[report]
organization = Left Out Test
period = 2026-10
months = 3
output = out
formats = csv
max_bad_rows = 10%

[input]
visits = visits.csv
denials = denials.csv
handoffs = handoffs.csv
burnout = burnout.csv

[dyad clinic]
name = Clinic
physician = Dr. A
administrator = B
departments = ONC, FM
EOF

# rows N FORMAT: FORMAT (with %d for 1..N) N times.
rows() { i=1; while [ "$i" -le "$1" ]; do printf "$2\n" "$i"; i=$((i + 1)); done; }
long=$(printf 'X%.0s' $(seq 40))       # a 40-byte code: never printed

{
	echo visit_id,visit_date,patient_id,provider_id,provider_name,department,visit_type,status,booked_date,duration_min,wrvu
	rows 20 'V%02d,2026-10-05,P9000%02d,PR1,Dr One,ONC,NEW,COMPLETED,2026-09-20,30,1.5'
	rows 3 'VB%d,2026-09-10,P8000%d,PR1,Dr One,FM,NEW,COMPLETED,2026-09-15,30,1.5'   # booked after: 3
	rows 1 'VN%d,2026-09-10,P7000%d,PR1,Dr One,FM,NEW,NO_SHOW,2026-09-15,,'          # not COMPLETED
	rows 2 'VO%d,2025-01-10,P6000%d,PR1,Dr One,FM,NEW,COMPLETED,2025-01-15,30,1.5'   # before the window
	echo 'VM1,2026-08-10,P50001,PR1,Dr One,ONC,NEW,COMPLETED,2026-08-01,70000,1'     # minutes capped: 2
	echo 'VM2,2026-08-10,P50002,PR1,Dr One,ONC,NEW,COMPLETED,2026-08-01,1e300,1'
	echo 'VM3,2026-08-10,P50003,PR1,Dr One,ONC,NEW,COMPLETED,2026-08-01,30,1'
	rows 7 'VU%d,2026-10-01,P4000%d,PR2,,ORTHO,NEW,COMPLETED,,,'                     # ORTHO: 12
	rows 5 'Vu%d,2026-09-01,P4100%d,PR2,,ortho,NEW,NO_SHOW,,,'
	rows 4 'VX%d,2025-03-01,P4200%d,PR2,,ORTHO,NEW,COMPLETED,,,'                     # before the window
	rows 11 'VC%d,2026-10-02,P3000%d,PR2,,U%02d,NEW,COMPLETED,,,' | awk -F, -v OFS=, '{ $6 = sprintf("U%02d", NR) } 1'
	rows 2 'VE%d,2026-10-02,P2000%d,PR2,,ÉCOLE,NEW,COMPLETED,,,'                     # not ASCII
	echo "VL1,2026-10-02,P1000,PR2,,$long,NEW,COMPLETED,,,"                         # too long
	echo 'VS1,2026-13-02,P1001,PR2,,ORTHO,NEW,COMPLETED,,,'                         # skipped: bad date
} > visits.csv
{
	echo request_id,department,payer,service,submitted_date,decision_date,status,denial_reason,appeal_status,amount
	rows 10 'R%d,ONC,Acme,MRI,2026-10-01,2026-10-03,APPROVED,,,100'
	rows 4 'RD%d,ONC,Acme,MRI,2026-09-01,2026-09-03,DENIED,,,100'               # no reason: 4
	rows 1 'RO%d,ONC,Acme,MRI,2025-01-01,2025-01-03,DENIED,,,100'               # before the window
	rows 3 'RN%d,FM,Acme,MRI,2026-08-01,,APPROVED,,,100'                         # no decision date: 3
	rows 1 'RP%d,FM,Acme,MRI,2025-02-01,,DENIED,CODING_ERROR,,100'               # ... + 1 pending by age
	rows 1 'RF%d,FM,Acme,MRI,2026-11-01,,APPROVED,,,100'                         # after the report month
	rows 2 'RQ%d,FM,Acme,MRI,2026-10-01,2026-10-02,PENDING,,,100'                # pending with a date: 2
	rows 2 'RA%d,FM,Acme,MRI,2026-10-01,2026-10-02,APPROVED,,OVERTURNED,100'     # appeal, not denied: 2
	rows 1 'RU%d,ORTHO,Acme,MRI,2026-10-01,2026-10-02,APPROVED,,,100'            # ORTHO: 1
} > denials.csv
{
	echo handoff_id,handoff_date,department,handoff_type,completed,hours_to_complete,window_hours,structured_tool
	rows 5 'H%d,2026-10-01,ONC,DISCHARGE,Y,10,,SBAR'
	rows 3 'HN%d,2026-10-01,ONC,DISCHARGE,Y,,,SBAR'          # completed, no hours: 3
	rows 2 'HX%d,2026-09-01,ONC,DISCHARGE,N,5,,SBAR'         # not completed, hours: 2
	rows 1 'HC%d,2026-08-01,ONC,REFERRAL,Y,7000,,SBAR'       # over 6,553.5 hours: 1
	rows 2 'HO%d,2024-08-01,ONC,DISCHARGE,Y,,,SBAR'          # before the window
} > handoffs.csv
{
	echo response_id,survey_date,department,role,burnout,satisfaction,stress,trust_leadership,teamwork
	rows 6 'S%d,2026-10-01,ONC,NURSE,2,4,3,4,4'
	rows 1 'SH%d,2026-10-01,HR,NURSE,2,4,3,4,4'              # HR: 1
} > burnout.csv

W='dyadreport: warning:'
NO='which no dyad owns; left out of every measure'
{
	echo "$W visits.csv: column department: 12 rows of department ORTHO, $NO"
	for u in 01 02 03 04 05 06 07 08 09; do
		echo "$W visits.csv: column department: 1 row of department U$u, $NO"
	done
	echo "$W visits.csv: column department: 3 rows of 2 department codes that are not printable ASCII of at most 32 bytes, $NO"
	echo "$W visits.csv: column department: 2 more rows of 2 more department codes, $NO"
	echo "$W visits.csv: column booked_date: 3 rows are COMPLETED with a booked date after the visit date; left out of lead time"
	echo "$W visits.csv: column duration_min: 2 rows are COMPLETED with over 65,535 minutes; counted as 65,535 in the median minutes"
	echo "$W denials.csv: column department: 1 row of department ORTHO, $NO"
	echo "$W denials.csv: column denial_reason: 4 rows are DENIED with no reason; counted as reason UNSPECIFIED"
	echo "$W denials.csv: column decision_date: 4 rows are APPROVED or DENIED with no decision date; left out of decision days and counted as pending by age"
	echo "$W denials.csv: columns status, decision_date: 2 rows are PENDING with a decision date; counted as pending and left out of decision days"
	echo "$W denials.csv: column appeal_status: 2 rows have an appeal status but are not DENIED; left out of the overturn rate"
	echo "$W handoffs.csv: column hours_to_complete: 3 rows are completed with no hours to complete; counted as outside the window and left out of the median hours"
	echo "$W handoffs.csv: columns completed, hours_to_complete: 2 rows are not completed but have hours to complete; left out of the median hours"
	echo "$W handoffs.csv: column hours_to_complete: 1 row is completed in over 6,553.5 hours; counted as 6,553.5 in the median hours"
	echo "$W burnout.csv: column department: 1 row of department HR, $NO"
} > "$TMP/want"

# left_out_lines: the run's left-out warnings, in order.
left_out_lines() { grep -e 'no dyad owns' -e 'left out of' -e 'counted as' "$TMP/err" || true; }

for j in 1 4; do
	rm -rf out
	expect_exit 0 "$DYADREPORT" -j "$j" site.ini
	left_out_lines > "$TMP/got-$j"
	diff "$TMP/want" "$TMP/got-$j" >&2 || fail "-j $j: the left-out warnings differ from the expected ones"
	grep -q 'visits.csv:[0-9]*: column visit_date: bad date' "$TMP/err" || fail "-j $j: the skipped row is not reported"
	cp out/data-quality.csv "$TMP/dq-$j.csv"
done
cmp -s "$TMP/dq-1.csv" "$TMP/dq-4.csv" || fail "-j 4 wrote another data-quality.csv"
# Capped minutes are counted as 65,535, 1e300 too (not lost): median of 3.
grep -q '^"clinic","visit_minutes_median","total","","2026-08",65535,,3,' out/clinic/metrics.csv \
	|| fail "August's median minutes: $(grep '"visit_minutes_median","total","","2026-08"' out/clinic/metrics.csv)"
# Never a value: no patient id, no long or non-ASCII code in stderr.
! grep -q -e 'P[0-9]\{4\}' -e "$long" -e 'COLE' "$TMP/err" || fail "a cell's value in stderr: $(cat "$TMP/err")"
pass "each cause: one warning with its count and column, codes named only when printable; -j 1 = -j 4"

# data-quality.csv: every cause of the extract (0 included), in order.
grep -e ',"left_out",' -e ',"unowned_department",' -e ',"rows_unowned",' out/data-quality.csv > "$TMP/got"
cat > "$TMP/want" <<'EOF'
"visits","rows_unowned","",30,""
"visits","left_out","department_not_owned",26,"department: left out of every measure"
"visits","left_out","booked_after_visit",3,"booked_date: left out of lead time"
"visits","left_out","minutes_over_65535",2,"duration_min: counted as 65,535 in the median minutes"
"visits","unowned_department","ORTHO",12,""
"visits","unowned_department","U01",1,""
"visits","unowned_department","U02",1,""
"visits","unowned_department","U03",1,""
"visits","unowned_department","U04",1,""
"visits","unowned_department","U05",1,""
"visits","unowned_department","U06",1,""
"visits","unowned_department","U07",1,""
"visits","unowned_department","U08",1,""
"visits","unowned_department","U09",1,""
"visits","unowned_department","U10",1,""
"visits","unowned_department","U11",1,""
"visits","unowned_department","",3,"2 codes not printable ASCII of at most 32 bytes"
"denials","rows_unowned","",1,""
"denials","left_out","department_not_owned",1,"department: left out of every measure"
"denials","left_out","reason_counted_unspecified",4,"denial_reason: counted as reason UNSPECIFIED"
"denials","left_out","decided_without_date",4,"decision_date: left out of decision days and counted as pending by age"
"denials","left_out","pending_with_decision_date",2,"status, decision_date: counted as pending and left out of decision days"
"denials","left_out","appeal_not_denied",2,"appeal_status: left out of the overturn rate"
"denials","unowned_department","ORTHO",1,""
"handoffs","rows_unowned","",0,""
"handoffs","left_out","department_not_owned",0,"department: left out of every measure"
"handoffs","left_out","completed_without_hours",3,"hours_to_complete: counted as outside the window and left out of the median hours"
"handoffs","left_out","hours_not_completed",2,"completed, hours_to_complete: left out of the median hours"
"handoffs","left_out","hours_over_6553",1,"hours_to_complete: counted as 6,553.5 in the median hours"
"burnout","rows_unowned","",1,""
"burnout","left_out","department_not_owned",1,"department: left out of every measure"
"burnout","unowned_department","HR",1,""
EOF
diff "$TMP/want" "$TMP/got" >&2 || fail "data-quality.csv: left_out and unowned_department rows"
pass "data-quality.csv: a left_out row per cause, an unowned_department row per code"

# -q: no warning; the rows are still in data-quality.csv.
rm -rf out
expect_exit 0 "$DYADREPORT" -q site.ini
[ ! -s "$TMP/err" ] || fail "-q printed: $(cat "$TMP/err")"
grep -q '"visits","left_out","booked_after_visit",3,' out/data-quality.csv || fail "-q: left_out rows missing"
pass "-q: no warning, same data-quality.csv rows"

# A run that stops before writing (exit 5) prints its errors only.
expect_exit 5 "$DYADREPORT" -p 2027-10 -o "$TMP/late" site.ini
[ -z "$(left_out_lines)" ] || fail "exit 5: left-out warnings: $(left_out_lines)"
pass "a run that writes nothing says nothing of the rows left out"

# --check: the same warnings on stderr, the counts in the summary on stdout.
rm -rf out
expect_exit 0 "$DYADREPORT" --check site.ini
left_out_lines > "$TMP/got"
diff "$TMP/got-1" "$TMP/got" >&2 || fail "--check: other left-out warnings"
grep -qx '  rows that are COMPLETED with a booked date after the visit date, left out of lead time: 3' "$TMP/out" \
	|| fail "--check summary: $(cat "$TMP/out")"
grep -qx '  rows that belong to a department no dyad owns, left out of every measure: 26' "$TMP/out" \
	|| fail "--check summary: unowned: $(cat "$TMP/out")"
[ ! -e out ] || fail "--check wrote the output folder"
pass "--check: the same warnings, and the counts in its summary"
