#!/bin/sh
# provisional.sh -- a provisional month (still closing) is never judged
# (issue 16 point 3): on the sample data, under mdc7 and anhoej, no row of
# any metrics.csv with provisional = yes has a signal (signal = 0, no
# signal_type, no special-cause point_type), though such rows exist and
# carry a value and the centre line; "Decisions over 7 days" October 2026
# of Primary Care, below the lower limit, is no longer an improvement. The
# packet says "still closing" by the point, in the legend and on the
# definitions page.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
skip_unless pdftotext

for rules in mdc7 anhoej; do
	cfg="$TMP/site-$rules.ini"
	sed -e "s#^\(visits\|denials\|handoffs\|burnout\|commentary\) = #&$SAMPLE/#" "$SAMPLE/site.ini" > "$cfg"
	printf '\n[spc]\nrules = %s\n' "$rules" >> "$cfg"
	expect_exit 0 "$DYADREPORT" -q -f csv,pdf -o "$TMP/out-$rules" "$cfg"
done

python3 - "$TMP" <<'PY' || fail "a provisional row has a signal (see above)"
import csv, glob, sys
tmp = sys.argv[1]
bad = checked = 0
for rules in ("mdc7", "anhoej"):
    for path in sorted(glob.glob(f"{tmp}/out-{rules}/*/metrics.csv")):
        for r in csv.DictReader(open(path, newline="")):
            if r["provisional"] != "yes" or r["breakdown"] != "total" or r["value"] == "":
                continue
            checked += 1
            if r["signal"] != "0" or r["signal_type"] != "" or r["point_type"].startswith("special"):
                bad += 1
                print(f"# {rules} {r['dyad']} {r['metric']} {r['month']}: signal {r['signal']}"
                      f" {r['signal_type']} {r['point_type']}")
print(f"# {checked} provisional rows with a value checked")
sys.exit(1 if bad or checked < 10 else 0)
PY
pass "no provisional row of any metrics.csv has a signal (mdc7, anhoej)"

row=$(grep '^"primary-care","decisions_over_7_days_share","total","","2026-10"' "$TMP/out-mdc7/primary-care/metrics.csv")
[ -n "$row" ] || fail "no Primary Care decisions_over_7_days_share October row"
echo "$row" | grep -q ',0,"","",1,"mdc7","i",,"common_cause","","yes","no","[^"]*",[0-9]*$' ||
	fail "decisions over 7 days October: $row"
pass "Primary Care decisions over 7 days, October (below the lower limit, provisional): not judged"

pdftotext "$TMP/out-mdc7/primary-care/packet.pdf" "$TMP/pc.txt" 2>/dev/null
grep -q "^still closing" "$TMP/pc.txt" || fail "no 'still closing' label by a provisional point"
grep -q "Still closing (provisional)" "$TMP/pc.txt" || fail "no 'Still closing (provisional)' legend"
tr '\n' ' ' < "$TMP/pc.txt" | grep -q "still closing.*, are provisional months: never judged" ||
	fail "the definitions page does not say provisional months are never judged"
pass "the packet labels provisional points and the definitions page explains them"
