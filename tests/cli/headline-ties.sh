#!/bin/sh
# headline-ties.sh -- a breakdown's headline never ranks what its chart
# shows level: on the sample data, surgery's denial reasons Medical
# necessity and Missing documentation both have 14 of 54 denials in
# Aug-Oct 2026, so the Pareto's headline names both as first together;
# for every dyad, the reasons the headline names are exactly those with
# the most denials in the packet's own metrics.csv (an independent count).
. "$top_srcdir/tests/lib/setup.sh"
skip_unless pdftotext
skip_unless python3

expect_exit 0 "$DYADREPORT" -q -o "$TMP/pk" "$SAMPLE/site.ini"
pdftotext -raw "$TMP/pk/surgery/packet.pdf" - | tr '\n' ' ' > "$TMP/surgery.txt"
grep -q "Aug–Oct 2026: Medical necessity and Missing documentation came first together, each with 14 of 54, 26% of the whole." "$TMP/surgery.txt" \
	|| fail "surgery: the tied reasons are not both first"
! grep -q "Medical necessity came first with 14" "$TMP/surgery.txt" \
	|| fail "surgery: one of two tied reasons headlined alone"
pass "surgery: two reasons tied at 14 of 54 are first together"

for d in oncology primary-care surgery; do
	pdftotext -raw "$TMP/pk/$d/packet.pdf" - | tr '\n' ' ' > "$TMP/$d.txt"
	python3 - "$TMP/pk/$d/metrics.csv" "$TMP/$d.txt" <<'PY' || fail "$d: the Pareto headline's leaders differ from metrics.csv"
import csv, re, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline=""))
        if r["metric"] == "denials" and r["breakdown"] == "reason" and r["value"] != ""
        and r["key"] != "all" and r["suppressed"] == "no"]
top = max(float(r["value"]) for r in rows)
leaders = sorted(r["key"] for r in rows if float(r["value"]) == top)
text = open(sys.argv[2]).read()
m = re.search(r"Aug–Oct 2026: (.+?) came first (together, each with|with) (\d+) of (\d+)", text)
assert m, "no Pareto headline"
names = m.group(1).split(" and ")
assert int(m.group(3)) == top, (m.group(3), top)
assert (len(names) > 1) == (m.group(2) != "with"), m.group(0)
# the labels are the codes in words: MEDICAL_NECESSITY -> Medical necessity
named = {"Other reason": "OTHER", "Reason not given": "UNSPECIFIED"}
words = sorted(named.get(n, n.upper().replace(" ", "_")) for n in names)
assert words == leaders, (words, leaders)
PY
done
pass "every dyad's Pareto headline names exactly the reasons with the most denials"
