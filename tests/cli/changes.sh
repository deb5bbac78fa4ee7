#!/bin/sh
# changes.sh -- the executive summary's "What changed since last month" on
# the sample data (October 2026), against what this test works out on its
# own for every dyad:
#   verdicts: each monthly metric of metrics.csv judged again by
#     `dyadreport spc` (mdc7, neutral, rebased where metrics.csv's phase
#     steps up) on its values up to its latest complete month, now, and up
#     to September, last month; a new special cause when the latest point
#     is now special and was not on the same side, ended when it was and is
#     not. Metrics with a month left out of the judgement (provisional
#     before the last, or a rate on too few cases) are not checked here
#     (test-changes covers those rules);
#   targets: the latest complete value against site.ini's targets, now
#     and as of September;
#   months now final: the initial denial rate rebuilt from denials.csv as
#     it stood at the end of September (pending then: PENDING now or
#     decided after 2026-09-30), provisional then (over 10% pending) and
#     final now, when its printed value changed.
# The section's lines about the checked metrics must be exactly those, and
# some must exist (the test is not vacuous).
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
skip_unless pdftotext

cfg="$TMP/site.ini"
mkdir "$TMP/run"
sed -e "s#^\(visits\|denials\|handoffs\|burnout\|commentary\) = #&$SAMPLE/#" "$SAMPLE/site.ini" > "$cfg"
expect_exit 0 "$DYADREPORT" -q -f csv,pdf -o "$TMP/run" "$cfg"
for d in oncology primary-care surgery; do
	pdftotext -layout "$TMP/run/$d/packet.pdf" "$TMP/$d.txt"
done

python3 - "$TMP" "$DYADREPORT" "$SAMPLE" <<'PY' || fail "the changes section differs from the derivation (see above)"
import csv, subprocess, sys
tmp, exe, sample = sys.argv[1:4]
LABEL = {
    "visits_completed": "Completed visits", "new_patient_share": "New-patient share",
    "no_show_rate": "No-show rate", "distinct_patients": "Distinct patients seen",
    "wrvu_per_visit": "wRVU per visit", "visits_per_clinic_day": "Visits per clinic day",
    "lead_days_median": "Median lead time (days)", "visit_minutes_median": "Median visit length (min)",
    "auth_requests": "Authorization requests", "initial_denial_rate": "Initial denial rate",
    "final_denial_rate": "Final denial rate", "overturn_rate": "Appeal overturn rate",
    "decision_days_median": "Median days to decision",
    "decision_days_p90": "Days to decision, 90th percentile",
    "decisions_over_7_days_share": "Decisions over 7 days", "denied_amount": "Denied amount",
    "initial_denial_rate_amount": "Initial denial rate by amount",
    "handoff_completion_rate": "Handoff completion rate",
    "handoff_within_window_rate": "Completed within window",
    "structured_tool_share": "Structured tool use", "hours_to_complete_median": "Median hours to complete",
}
TARGET = {"initial_denial_rate": (0.08, -1), "handoff_completion_rate": (0.95, 1),
          "no_show_rate": (0.08, -1)}
DEPTS = {"oncology": {"ONC", "RADONC", "INF"}, "primary-care": {"FM", "IM", "PEDS"},
         "surgery": {"GSURG", "ORTHO", "URO"}}
MONTH = ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"]
REPORT, BEFORE, MIN_DEN = "2026-10", "2026-09", 20

def words(m):
    return f"{MONTH[int(m[5:]) - 1]} {m[:4]}"

def judge(rows):
    """(special side or '', has limits) of the last row, by dyadreport spc."""
    body = "period,y\n" + "".join(f"{r['month']},{r['value']}\n" for r in rows)
    args = [exe, "spc", "--rules", "mdc7", "--better", "neutral"]
    for a, b in zip(rows, rows[1:]):
        if b["phase"] != a["phase"]:
            args += ["--rebase", b["month"]]
    out = subprocess.run(args, input=body, capture_output=True, text=True, check=True).stdout
    last = list(csv.DictReader(out.splitlines()))[-1]
    limits = last["lcl"] != "" or last["ucl"] != ""
    t = last["point_type"]
    side = "high" if t == "special_cause_neutral_high" else "low" if t == "special_cause_neutral_low" else ""
    return side, limits

def section(dyad):
    text = open(f"{tmp}/{dyad}.txt", encoding="utf-8").read()
    start = text.index("What changed since last month")
    items, cur = [], None
    for line in text[start:].splitlines()[1:]:
        s = line.strip()
        if not s or s.startswith(("\f",)) or " · Page " in s:
            break
        if s.startswith("\u2022"):
            cur = s[1:].strip()
            items.append(cur)
        elif items:
            items[-1] += " " + s
    return items

bad = checked_metrics = expected_total = 0
for dyad in ("oncology", "primary-care", "surgery"):
    rows = {}
    for r in csv.DictReader(open(f"{tmp}/run/{dyad}/metrics.csv", newline="", encoding="utf-8")):
        if r["breakdown"] == "total" and r["metric"] in LABEL:
            rows.setdefault(r["metric"], []).append(r)
    items = section(dyad)
    expected, checked_labels = [], set()
    for key, rs in rows.items():
        rs.sort(key=lambda r: r["month"])
        complete = [i for i, r in enumerate(rs) if r["value"] != "" and r["provisional"] == "no"]
        if not complete:
            continue
        j = complete[-1]
        prefix = [i for i in complete if rs[i]["month"] <= BEFORE]
        if not prefix:
            continue
        k = prefix[-1]
        # Left out of the judgement somewhere: provisional before the
        # latest complete month, or a rate on too few cases.
        if any(r["provisional"] == "yes" for r in rs[:j + 1]):
            continue
        if any(r["value"] != "" and r["denominator"] != "" and float(r["denominator"]) < MIN_DEN
               and r["point_type"] == "" for r in rs):
            continue
        if rs[-1]["value"] != "" and rs[-1]["point_type"] == "" and rs[-1]["provisional"] == "no":
            continue
        now_rows = [r for r in rs[:j + 1] if r["value"] != ""]
        then_rows = [r for r in rs[:k + 1] if r["value"] != ""]
        now, now_lim = judge(now_rows)
        then, then_lim = judge(then_rows)
        if not now_lim or not then_lim:
            continue
        checked_metrics += 1
        label = LABEL[key]
        checked_labels.add(label)
        if now and now != then:
            expected.append(f"{label}: a new special cause in {words(rs[j]['month'])}")
        elif then and not now:
            expected.append(f"{label}: the special cause has ended: {words(rs[j]['month'])} is common cause")
        if key in TARGET:
            tv, better = TARGET[key]
            met = lambda v: v >= tv if better > 0 else v <= tv
            a, b = met(float(rs[k]["value"])), met(float(rs[j]["value"]))
            if a != b:
                expected.append(f"{label}: target {tv * 100:.1f}% newly {'met' if b else 'missed'}: "
                                f"{float(rs[j]['value']) * 100:.1f}% in {words(rs[j]['month'])}")
    # The initial denial rate as it stood at the end of September.
    then = {}
    for r in csv.DictReader(open(f"{sample}/denials.csv", newline="", encoding="utf-8")):
        if r["department"].upper() not in DEPTS[dyad]:
            continue
        mo = r["submitted_date"][:7]
        c = then.setdefault(mo, [0, 0, 0, 0])  # rows, pending, approved, denied
        c[0] += 1
        if r["status"] == "PENDING" or (r["decision_date"] and r["decision_date"] > "2026-09-30"):
            c[1] += 1
        elif r["status"] == "APPROVED":
            c[2] += 1
        elif r["status"] == "DENIED":
            c[3] += 1
    for r in rows.get("initial_denial_rate", []):
        mo = r["month"]
        if mo > BEFORE or mo not in then or r["provisional"] != "no" or r["value"] == "":
            continue
        n, pend, appr, den = then[mo]
        if not pend > 0.10 * n or appr + den < MIN_DEN or float(r["denominator"]) < MIN_DEN:
            continue
        was = f"{den / (appr + den) * 100:.1f}%"
        now = f"{float(r['value']) * 100:.1f}%"
        if was != now:
            line = f"Initial denial rate, {words(mo)}: {was} as of 30 September 2026 (then provisional), {now} now final."
            expected.append(line)
            checked_labels.add(line)
    got = [i for i in items if any(i.startswith(l + ":") for l in checked_labels)
           or i.startswith("Initial denial rate, ")]
    # Compare the checked lines: each expected one is the start of a got one.
    ok = len(got) == len(expected) and all(any(g.startswith(e) for g in got) for e in expected)
    print(f"# {dyad}: {len(items)} items, {len(expected)} expected among checked metrics")
    for e in expected:
        print(f"#   expected: {e}")
    if not ok:
        bad += 1
        for g in got:
            print(f"#   got:      {g}")
    expected_total += len(expected)
    if not items and "No verdict, target or phase changed" not in open(f"{tmp}/{dyad}.txt").read():
        bad += 1
        print(f"# {dyad}: neither a change nor the no-change sentence")
print(f"# {checked_metrics} metric series checked, {expected_total} changes expected")
sys.exit(1 if bad or checked_metrics < 20 or expected_total < 3 else 0)
PY
pass "the summary lists the verdict, target and now-final changes derived independently"
