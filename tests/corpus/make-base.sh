#!/bin/sh
# make-base.sh -- writes the corpus's clean base extracts (tests/corpus/base/*.csv).
# Run once from tests/corpus/ when the base needs to change, then check every
# case's expect file: line numbers and counts refer to these files.
#
# 13 months (2025-10 .. 2026-10), 16 rows a month, 208 data rows per extract,
# so one or two bad rows stay within the default 1% limit (2 <= 2.08) and a
# third goes over it. Departments A1 and A2 belong to dyad alpha, B1 to beta.
# Every patient_id is PHI followed by 6 digits; no other cell contains "PHI",
# so the leak check can grep for PHI[0-9] anywhere. No cell holds a comma or
# a quote, so cases can edit a cell by splitting a line on commas.
set -eu
cd "$(dirname "$0")/base"
prog=$(cat <<'AWK'
BEGIN {
	n = split("A1 A2 B1", dept, " ")
	split("Ana Núñez|Li Wei|Zoë Park|Omar Haddad", pname, "|")
	split("ESTABLISHED ESTABLISHED ESTABLISHED NEW", vtype, " ")
	split("MISSING_DOCUMENTATION CODING_ERROR MEDICAL_NECESSITY AUTHORIZATION ELIGIBILITY TIMELY_FILING OTHER", reason, " ")
	split("Acme Health|Blue Plan|Medicare", payer, "|")
	split("MRI Brain|CT Chest|99214", service, "|")
	split("SHIFT_CHANGE DISCHARGE REFERRAL RESULT_FOLLOWUP OTHER", htype, " ")
	split("SBAR IPASS NONE -", tool, " ")
	split("PHYSICIAN APP NURSE ADMINISTRATOR STAFF", role, " ")
	if (which == "visits")
		print "visit_id,visit_date,patient_id,provider_id,provider_name,department,visit_type,status,booked_date,duration_min,wrvu"
	if (which == "denials")
		print "request_id,department,payer,service,submitted_date,decision_date,status,denial_reason,appeal_status,amount"
	if (which == "handoffs")
		print "handoff_id,handoff_date,department,handoff_type,completed,hours_to_complete,window_hours,structured_tool"
	if (which == "burnout")
		print "response_id,survey_date,department,role,burnout,satisfaction,stress,trust_leadership,teamwork"
	for (i = 1; i <= 208; i++) {
		m = int((i - 1) / 16); k = (i - 1) % 16
		y = 2025 + int((9 + m) / 12); mo = (9 + m) % 12 + 1
		py = 2025 + int((8 + m) / 12); pmo = (8 + m) % 12 + 1
		date = sprintf("%04d-%02d-%02d", y, mo, k + 1)
		d = dept[(i % 3) + 1]
		if (which == "visits") {
			prov = d == "B1" ? 3 + i % 2 : 1 + i % 2
			st = i % 10 == 3 ? "NO_SHOW" : i % 10 == 7 ? "CANCELLED" : "COMPLETED"
			booked = i % 11 == 0 ? "" : sprintf("%04d-%02d-%02d", py, pmo, k + 1)
			wrvu = i % 13 == 0 ? "" : sprintf("%.2f", 1.3 + (i % 5) * 0.4)
			printf "V%05d,%s,PHI%06d,PR%02d,%s,%s,%s,%s,%s,%d,%s\n", i, date,
			    100000 + (i * 7919) % 150, prov, pname[prov], d, vtype[(i % 4) + 1], st,
			    booked, 15 + (i * 7) % 30, wrvu
		} else if (which == "denials") {
			if (i % 17 == 0) { st = "PENDING"; dec = "" }
			else {
				st = i % 5 == 0 ? "DENIED" : "APPROVED"
				dec = sprintf("%04d-%02d-%02d", y, mo, k + 1 + i % 9)
			}
			rs = st == "DENIED" ? reason[(i / 5) % 7 + 1] : ""
			ap = st == "DENIED" && i % 3 == 1 ? "OVERTURNED" : st == "DENIED" && i % 3 == 2 ? "UPHELD" : ""
			printf "R%05d,%s,%s,%s,%s,%s,%s,%s,%s,%.2f\n", i, d, payer[i % 3 + 1],
			    service[int(i / 3) % 3 + 1], date, dec, st, rs, ap, 100 + (i * 37) % 900
		} else if (which == "handoffs") {
			done = i % 6 == 0 ? "N" : "Y"
			hrs = done == "Y" ? sprintf("%.1f", (i * 3) % 40 + 0.5) : ""
			win = i % 8 == 0 ? "24" : ""
			t = tool[i % 4 + 1]; if (t == "-") t = ""
			printf "H%05d,%s,%s,%s,%s,%s,%s,%s\n", i, date, d, htype[i % 5 + 1], done, hrs, win, t
		} else {
			sat = i % 9 == 0 ? "" : (i * 2) % 5 + 1
			printf "S%05d,%s,%s,%s,%d,%s,%d,%d,%d\n", i, date, d, role[i % 5 + 1],
			    (i * 3) % 5 + 1, sat, (i * 7) % 5 + 1, (i + 2) % 5 + 1, (i * 4) % 5 + 1
		}
	}
}
AWK
)
for e in visits denials handoffs burnout; do
	awk -v which=$e "$prog" > $e.csv
done
