#!/bin/sh
# withhold.sh -- on the sample data, the packet does not judge what it
# cannot (issue 16, points 4 and 5): the public town hall draws no centre,
# limits or verdict for a no-show series privacy hid 6 of 13 months of,
# and metrics.csv agrees; its denial Pareto quotes shares of the whole with
# the hidden reasons as one bar, never "of all shown"; a payer bar's n is
# its rate's own denominator; a rate on fewer than min_denominator cases
# is headlined without a comparison, and marked in the provider table;
# a survey group on too few respondents is never "highest among";
# min_denominator is parsed with FILE:LINE errors; a Pareto's hidden sum
# that would itself be a small cell takes the next smallest category in.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless pdftotext

txt() { pdftotext -layout "$1" - 2>/dev/null; }

# ---- town hall (public) ----
expect_exit 0 "$DYADREPORT" -q -o "$TMP/th" -t town-hall "$SAMPLE/site.ini"
for d in oncology primary-care surgery; do
	txt "$TMP/th/$d/town-hall/packet.pdf" > "$TMP/$d.txt"
	! grep -q "of all shown" "$TMP/$d.txt" || fail "$d: a public page says 'of all shown'"
done
pass "no public page says 'of all shown'"

# A public share never gives away a small complement: for every handoff
# type shown with its count n, neither n x rate nor n x (1 - rate) is 1-10.
python3 - "$TMP"/th/*/town-hall/metrics.csv <<'PY' || fail "a public handoff rate reveals a small count"
import csv, sys
bad = []
for path in sys.argv[1:]:
    rows = list(csv.DictReader(open(path, newline="")))
    n = {(r["key"], r["month"]): float(r["value"]) for r in rows
         if r["breakdown"] == "handoff-type" and r["metric"] == "handoffs" and r["value"] != ""}
    for r in rows:
        if r["breakdown"] == "handoff-type" and r["metric"] == "handoff_completion_rate" and r["value"] != "":
            k = (r["key"], r["month"])
            if k in n:
                done = round(n[k] * float(r["value"]))
                if 0 < done < 11 or 0 < n[k] - done < 11:
                    bad.append((path, k, n[k], r["value"]))
assert not bad, bad
PY
tr -s ' \n' ' ' < "$TMP/primary-care.txt" > "$TMP/pc1.txt"
grep -q "No value for October 2026: hidden to protect privacy. Handoff completion rate was 92.3% in July 2026. 9 of the 13 months cannot be shown publicly" "$TMP/pc1.txt" \
	|| fail "primary-care town hall: the handoff headline does not say October is hidden before naming July"
grep -q "Completion rate, Aug–Oct 2026: every group is hidden to protect privacy (small numbers), so none can be shown." "$TMP/pc1.txt" \
	|| fail "primary-care town hall: an all-hidden handoff-type chart does not say why it is empty"
pass "no public share reveals a small count or its complement"

tr -s ' \n' ' ' < "$TMP/oncology.txt" > "$TMP/onc1.txt"
grep -q "No-show rate was 5.3% in October 2026. 6 of the 13 months cannot be shown publicly (small numbers), too many to judge variation." "$TMP/onc1.txt" \
	|| fail "oncology no-show headline does not say the months cannot be shown"
! grep -q "No-show rate was 5.3% in October 2026[^.]*\. \(Within the process limits\|Normal ups and downs\)" "$TMP/onc1.txt" \
	|| fail "oncology no-show headline still judges the survivors"
pass "over-hidden no-show series: the headline says so, with no verdict"

m="$TMP/th/oncology/town-hall/metrics.csv"
rows=$(grep -c '^"oncology","no_show_rate","total"' "$m")
[ "$rows" -eq 13 ] || fail "oncology no-show: $rows rows, want 13"
# columns 9-11 centre, lower, upper; 12 signal; 14 point type; 19-20 icons
bad=$(grep '^"oncology","no_show_rate","total"' "$m" | awk -F, '$9 != "" || $10 != "" || $11 != "" || $12 != 0 || $14 != "\"\"" || $19 != "\"\"" || $20 != "\"\""' | wc -l)
[ "$bad" -eq 0 ] || fail "metrics.csv: $bad no-show rows carry a centre, limit, signal or icon from the survivors"
hidden=$(grep '^"oncology","no_show_rate","total"' "$m" | grep -c '"yes","[^"]*",[0-9]*$')  # suppressed, then comment and open_actions
[ "$hidden" -eq 6 ] || fail "oncology no-show: $hidden hidden months, want 6"
pass "metrics.csv: no centre, limits, signals or icons for the over-hidden series"

tr -s ' \n' ' ' < "$TMP/primary-care.txt" > "$TMP/pc1.txt"
grep -q "Aug–Oct 2026: Medical necessity came first with 17 of 40, 42% of the whole." "$TMP/pc1.txt" \
	|| fail "primary-care Pareto headline is not of the whole"
grep -q "Other, hidden (5)" "$TMP/pc1.txt" || fail "primary-care Pareto has no 'Other, hidden (5)' bar"
# 17 shown + 23 hidden = the 40 denials of the window (internal breakdown)
grep -q '^"primary-care","denials","reason","all","2026-08..2026-10",40,' "$TMP/th/primary-care/town-hall/metrics.csv" \
	|| fail "the window's 40 denials are not in metrics.csv"
pass "public Pareto: shares of the whole, hidden reasons as one bar"

# ---- the internal packet ----
expect_exit 0 "$DYADREPORT" -q -o "$TMP/in" -d primary-care "$SAMPLE/site.ini"
txt "$TMP/in/primary-care/packet.pdf" > "$TMP/in.txt"
# Each payer bar's "n =" is its initial denial rate's denominator (decided requests).
grep '^"primary-care","initial_denial_rate","payer","' "$TMP/in/primary-care/metrics.csv" | grep -v '"all"' \
	| awk -F, '{ print $8 }' | sort -n > "$TMP/den.txt"
grep -o 'n = [0-9,]*' "$TMP/in.txt" | sed 's/n = //; s/,//g' | sort -n > "$TMP/n.txt"
[ -s "$TMP/den.txt" ] || fail "no payer rows in metrics.csv"
while read -r den; do
	grep -qx "$den" "$TMP/n.txt" || fail "payer bar n = $den (its denominator) is not printed"
done < "$TMP/den.txt"
# The service and payer tables' Decided column is the rate's denominator,
# so Denials / Decided is the rate printed beside them.
python3 - "$TMP/in/primary-care/metrics.csv" <<'PY' || fail "Decided is not the initial denial rate's denominator"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
dec = {(r["breakdown"], r["key"]): r["value"] for r in rows if r["metric"] == "decided"}
rate = [(r["breakdown"], r["key"], r["denominator"]) for r in rows
        if r["metric"] == "initial_denial_rate" and r["breakdown"] in ("service", "payer")]
assert rate and all((b, k) in dec and float(dec[(b, k)]) == float(d) for b, k, d in rate if d), rate
PY
pass "a payer bar's n is its rate's own denominator; tables show it as Decided"

tr -s ' \n' ' ' < "$TMP/in.txt" > "$TMP/in1.txt"
grep -q "Appeal overturn rate was 0.0% in September 2026 on 1 case, too few to compare or judge (fewer than 20)." "$TMP/in1.txt" \
	|| fail "overturn headline on 1 case still compares"
grep -q "No value for October 2026: no cases in it. Appeal overturn rate was 0.0% in September 2026 on 1 case" "$TMP/in1.txt" \
	|| fail "overturn headline does not first say October has no value"
grep -Eq "^ +Appeal overturn rate +—‡ +— +— +— +n = 1: too few \(Sep\)$" "$TMP/in.txt" \
	|| fail "summary: the overturn row judges a September on 1 case"
grep -q "† A rate on fewer than 20 cases (grey): too few to compare or judge." "$TMP/in1.txt" \
	|| fail "provider table: no small-denominator footnote"
# Every overturn month rests on fewer than 20 decided appeals: none is in
# the centre or limits, so the series has none, and no signal.
rows=$(grep -c '^"primary-care","overturn_rate","total","","20[0-9-]*",[^,]*,[^,]*,[^,]*,,,,0,' "$TMP/in/primary-care/metrics.csv")
[ "$rows" -eq 13 ] || fail "overturn rate on 1-9 cases a month: $rows of 13 rows without centre, limits and signal"
pass "small denominators: headline without a comparison, tables marked, no limits from them"

# ---- survey by role: no group on too few respondents is the highest ----
expect_exit 0 "$DYADREPORT" -q -o "$TMP/onc" -d oncology "$SAMPLE/site.ini"
txt "$TMP/onc/oncology/packet.pdf" | tr -s ' \n' ' ' > "$TMP/onc.txt"
! grep -q "highest among Physicians at 46.7%" "$TMP/onc.txt" \
	|| fail "oncology burnout by role headlines Physicians on 15 respondents"
grep -q "Burnout in Q4 2026: Nurses at 42.9%. Too few respondents to compare (fewer than 20): Physicians, Staff." "$TMP/onc.txt" \
	|| fail "oncology burnout by role headline does not name the groups too small to compare"
grep -q "Burnout in Q4 2026: Nurses at 42.9%. Too few respondents to compare (fewer than 20): Physicians, Staff." "$TMP/onc1.txt" \
	|| fail "oncology town hall burnout by role headline"
grep -q "Burnout in Q4 2026: Nurses at 42.3%. Too few respondents to compare (fewer than 20): Physicians, Staff." "$TMP/in1.txt" \
	|| fail "primary-care burnout by role headline"
grep -q "Too few respondents (n)" "$TMP/onc.txt" || fail "the burnout by role legend does not explain grey"
pass "burnout by role: groups on too few respondents are never the highest, and the legend explains grey"

# ---- min_denominator ----
mkdir "$TMP/site"
cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$TMP/site/"
sed 's/^\[report\]$/[report]\nmin_denominator = twenty/' "$SAMPLE/site.ini" > "$TMP/site/site.ini"
line=$(grep -n '^min_denominator' "$TMP/site/site.ini" | cut -d: -f1)
expect_exit 2 "$DYADREPORT" -q -o "$TMP/bad" "$TMP/site/site.ini"
grep -q "site.ini:$line: \[report\] min_denominator: must be a whole number from 0 to 100000" "$TMP/err" \
	|| { cat "$TMP/err" >&2; fail "bad min_denominator not reported with FILE:LINE"; }
[ ! -e "$TMP/bad" ] || fail "a bad config wrote output"
sed 's/^\[report\]$/[report]\nmin_denominator = 0/' "$SAMPLE/site.ini" > "$TMP/site/site.ini"
expect_exit 0 "$DYADREPORT" -q -o "$TMP/off" -d primary-care "$TMP/site/site.ini"
txt "$TMP/off/primary-care/packet.pdf" | tr -s ' \n' ' ' > "$TMP/off.txt"
! grep -q "too few to compare" "$TMP/off.txt" || fail "min_denominator = 0 still withholds"
pass "min_denominator: bad value exits 2 with FILE:LINE; 0 turns it off"

# ---- small multiples in public: an over-hidden panel is not called "no real change" ----
cat > "$TMP/pub.ini" <<'INI'
[template]
title = Public multiples
audience = public

[page depts]
kind = chart
chart = multiples
metrics = no_show_rate
by = department
INI
expect_exit 0 "$DYADREPORT" -q -o "$TMP/pm" -t "$TMP/pub.ini" "$SAMPLE/site.ini"
txt "$TMP/pm/primary-care/pub/packet.pdf" | tr -s ' \n' ' ' > "$TMP/pm.txt"
grep -q "No-show rate: the latest month is within its own limits in every department that can be judged. Special causes earlier in the window: FM. 2 of 3 cannot be judged, too many months hidden for privacy." "$TMP/pm.txt" \
	|| fail "multiples headline does not name the panels it cannot judge"
txt "$TMP/pm/oncology/pub/packet.pdf" | tr -s ' \n' ' ' > "$TMP/pm2.txt"
grep -q "No-show rate: too many months are hidden for privacy to judge any department." "$TMP/pm2.txt" \
	|| fail "multiples headline judges panels that are all over-hidden"
pass "public small multiples: over-hidden panels are not judged"

# ---- a Pareto whose hidden categories sum to a small cell ----
# Aug-Oct 2026: medical necessity 30, coding error 15, eligibility 3,
# timely filing 2. The last two are hidden (1 to 10); their sum, 5, would
# be a small cell too, so coding error joins them: "Other, hidden (3)" = 20.
mkdir "$TMP/pz"
python3 - "$TMP/pz" <<'PY' || fail "generating the Pareto site"
import os, sys
out = sys.argv[1]
months = ["2025-%02d" % m for m in (10, 11, 12)] + ["2026-%02d" % m for m in range(1, 11)]
rows = [["request_id","department","payer","service","submitted_date","decision_date","status",
         "denial_reason","appeal_status","amount"]]
n = 0
for mo in months:
    plan = [("APPROVED", "")] * 60 + [("DENIED", "MEDICAL_NECESSITY")] * 10 + \
           [("DENIED", "CODING_ERROR")] * 5 + [("DENIED", "ELIGIBILITY")] * 1
    if mo in ("2026-08", "2026-09"):
        plan += [("DENIED", "TIMELY_FILING")]
    for i, (st, r) in enumerate(plan):
        n += 1
        rows.append(["R%06d" % n, "CARD", "Acme", "MRI", "%s-%02d" % (mo, 1 + i % 20),
                     "%s-%02d" % (mo, 3 + i % 20), st, r, "", "100.00"])
with open(os.path.join(out, "denials.csv"), "w") as f:
    for r in rows:
        f.write(",".join(r) + "\n")
with open(os.path.join(out, "site.ini"), "w") as f:
    f.write("[report]\nperiod = 2026-10\noutput = out\nformats = pdf, csv\n\n"
            "[input]\ndenials = denials.csv\n\n[dyad heart]\nname = Heart\ndepartments = CARD\n")
PY
cat > "$TMP/pz/pareto.ini" <<'INI'
[template]
title = Public Pareto
audience = public

[page reasons]
kind = chart
title = Why requests were denied
chart = pareto
by = reason
window = 3-months
INI
expect_exit 0 "$DYADREPORT" -q -t "$TMP/pz/pareto.ini" "$TMP/pz/site.ini"
txt "$TMP/pz/out/heart/pareto/packet.pdf" | tr -s ' \n' ' ' > "$TMP/pz.txt"
grep -q "Aug–Oct 2026: Medical necessity came first with 30 of 50, 60% of the whole." "$TMP/pz.txt" \
	|| { cat "$TMP/pz.txt" >&2; fail "Pareto headline is not of the whole 50"; }
grep -q "Other, hidden (3)" "$TMP/pz.txt" || fail "no 'Other, hidden (3)' bar"
grep -q "3 groups hidden to protect privacy" "$TMP/pz.txt" || fail "the note does not count coding error as hidden"
! grep -q "Coding error" "$TMP/pz.txt" || fail "coding error is still named"
grep -q "Other, hidden (3) 3 groups hidden" "$TMP/pz.txt" || grep -q " 30 .* 20 " "$TMP/pz.txt" \
	|| fail "the bars' 30 and 20 are not printed"
pass "a hidden sum that is itself a small cell takes the next smallest category in"
