#!/bin/sh
# privacy-complement.sh -- on the sample data, the public town-hall deck
# gives no small count away through a rate's complement: for every group a
# public metrics.csv shows with a rate and its n (handoff types, the "All"
# row included), neither n x rate nor n x (1 - rate) rounds to 1 .. 10, and
# neither does the hidden groups' sum (All less the shown groups), for the
# rate's numerator or complement nor for a count such as denials by reason.
# The internal packet still shows the rates the public deck hides (the
# oncology referral's 58 of 60 handoffs completed).
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3

expect_exit 0 "$DYADREPORT" -q -o "$TMP/th" -t town-hall "$SAMPLE/site.ini"
expect_exit 0 "$DYADREPORT" -q -o "$TMP/mp" -t monthly-packet "$SAMPLE/site.ini"

cat > "$TMP/check.py" <<'PY'
import csv, glob, sys
bad = []
small = lambda c: 1 <= round(c) <= 10
RATES = {"handoff-type": ("handoffs", ("handoff_completion_rate", "handoff_within_window_rate"))}
COUNTS = {"reason": "denials", "handoff-type": "handoffs"}
files = sorted(glob.glob(sys.argv[1] + "/*/town-hall/metrics.csv"))
if not files:
    bad.append("no public metrics.csv")
checked = 0
for f in files:
    rows = [r for r in csv.DictReader(open(f)) if r["breakdown"] != "total"]
    val = {}
    for r in rows:
        val[(r["breakdown"], r["month"], r["metric"], r["key"])] = (
            float(r["value"]) if r["value"] else None, r["suppressed"] == "yes")
    blocks = {(r["breakdown"], r["month"]) for r in rows}
    for bd, month in sorted(blocks):
        keys = sorted({r["key"] for r in rows if (r["breakdown"], r["month"]) == (bd, month)})
        groups = [k for k in keys if k != "all"]
        if bd in COUNTS:
            cm = COUNTS[bd]
            shown = [val[(bd, month, cm, k)][0] for k in groups if val.get((bd, month, cm, k), (None,))[0] is not None]
            nhid = sum(1 for k in groups if val.get((bd, month, cm, k), (None, False))[1])
            for c in shown:
                checked += 1
                if small(c):
                    bad.append("%s %s %s: a shown count of %g" % (f, bd, month, c))
            tot = val.get((bd, month, cm, "all"), (None,))[0]
            if nhid and tot is not None and small(tot - sum(shown)):
                bad.append("%s %s %s %s: hidden groups sum to %g" % (f, bd, month, cm, tot - sum(shown)))
        if bd in RATES:
            nm, rates = RATES[bd]
            for rm in rates:
                num_shown = inc_shown = 0.0
                nhid = 0
                for k in keys:
                    n = val.get((bd, month, nm, k), (None,))[0]
                    v, hid = val.get((bd, month, rm, k), (None, False))
                    if k != "all" and hid:
                        nhid += 1
                    if v is None:
                        continue
                    if n is None:
                        bad.append("%s %s %s %s %s: a rate without its n" % (f, bd, month, rm, k))
                        continue
                    checked += 1
                    for what, c in (("numerator", n * v), ("complement", n * (1 - v))):
                        if small(c):
                            bad.append("%s %s %s %s %s: n %g x rate %g gives a %s of %g"
                                       % (f, bd, month, rm, k, n, v, what, round(c)))
                    if k != "all":
                        num_shown += n * v
                        inc_shown += n * (1 - v)
                n = val.get((bd, month, nm, "all"), (None,))[0]
                v = val.get((bd, month, rm, "all"), (None,))[0]
                if nhid and n is not None and v is not None:
                    for what, c in (("numerator", n * v - num_shown), ("complement", n * (1 - v) - inc_shown)):
                        if small(c):
                            bad.append("%s %s %s %s: All less the shown groups gives the hidden a %s of %g"
                                       % (f, bd, month, rm, what, round(c)))
if checked < 10:
    bad.append("only %d public figures checked" % checked)
for b in bad:
    print("FAIL: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
python3 "$TMP/check.py" "$TMP/th" || fail "a public figure gives a small count away (above)"

# The rule is public only: the internal packet shows oncology's referral
# handoffs, 58 of 60 completed (2 incomplete), which the town hall hides.
m="$TMP/mp/oncology/metrics.csv"
grep -q '^"oncology","handoff_completion_rate","handoff-type","REFERRAL","2026-08..2026-10",0.966666666666667,58,60,' "$m" ||
	fail "internal: oncology referral completion 58 / 60 not shown"
grep -q '^"oncology","handoff_completion_rate","handoff-type","REFERRAL","2026-08..2026-10",,,,.*"yes","",$' \
	"$TMP/th/oncology/town-hall/metrics.csv" || fail "public: oncology referral completion 58 / 60 not hidden"
pass "no public rate, n or All row gives a small count away through its complement"
