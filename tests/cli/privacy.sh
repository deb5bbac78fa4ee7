#!/bin/sh
# privacy.sh -- the public town-hall deck hides what doc/guide.md, Privacy says
# it must, on a tiny generated site whose hidden figures are known:
# survey groups under 5 (though the config says 3), patient-record counts of
# 1 to 10 and every rate resting on one, the complementary rule in every
# breakdown (no hidden figure equals all - sum(shown)), no provider or payer
# name in the slides; and the internal packet still shows what only the
# config's suppress_below = 3 would not hide. The expected hidden figures are
# worked out in python from the generated extracts, not read from dyadreport.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
skip_unless qpdf
skip_unless pdftotext

site="$TMP/site"
mkdir "$site"

# ---- the site: one dyad, 4 departments, 14 months ending 2026-10 ----
cat > "$TMP/gen.py" <<'PY'
# gen.py OUTDIR -- the tiny site of tests/cli/privacy.sh (deterministic): the
# extracts, site.ini, and truth.json with the counts written, the names and
# the hidden figures as the packet would print them.
import os, sys, json
out = sys.argv[1]
months = ["2025-%02d" % m for m in (9, 10, 11, 12)] + ["2026-%02d" % m for m in range(1, 11)]
W3 = ["2026-08", "2026-09", "2026-10"]          # the 3-month window of breakdowns
def day(mo, i):
    return "%s-%02d" % (mo, 1 + i % 28)
def minus(date, k):
    y, m, d = map(int, date.split("-"))
    d -= k
    while d < 1:
        m -= 1
        if m < 1:
            m, y = 12, y - 1
        d += 28
    return "%04d-%02d-%02d" % (y, m, d)

PROV = {"CARD": ("PR1", "Zebulon, Quentin"), "VASC": ("PR2", "Okonkwo-Vale, Imelda"),
        "ECHO": ("PR3", "Thistlewood, Barnaby"), "LAB": ("PR4", "Quarrington, Ysolde")}
# visits: (completed, no_show) per department and month
def vplan(mo):
    if mo == "2026-01":                 # a tiny month: 5 visits in all
        return {"CARD": (5, 0)}
    if mo == "2026-03":                 # 7 no-shows in all
        return {"CARD": (120, 5), "VASC": (40, 1), "ECHO": (25, 1), "LAB": (12, 0)}
    k = months.index(mo)
    return {"CARD": (120 + k, 15 + k % 3), "VASC": (40, 4), "ECHO": (25, 2), "LAB": (12, 1)}
vis = [["visit_id","visit_date","patient_id","provider_id","provider_name","department",
        "visit_type","status","booked_date","duration_min","wrvu"]]
n = 0
truth = {"visits": {}, "denials": {}, "handoffs": {}, "reason3": {}, "htype3": {}, "waves": {}, "waves_dept": {}}
for mo in months:
    plan = vplan(mo)
    t = {"completed": 0, "no_show": 0, "new": 0, "patients": set()}
    for dept in sorted(plan):
        comp, ns = plan[dept]
        pid, pname = PROV[dept]
        for i in range(comp + ns):
            n += 1
            st = "COMPLETED" if i < comp else "NO_SHOW"
            new = i % 5 == 0
            d = day(mo, i)
            patient = "P%05d" % (n % 997)
            vis.append(["V%06d" % n, d, patient, pid, pname, dept,
                        "NEW" if new else "ESTABLISHED", st, minus(d, i % 20),
                        str(20 + i % 15), "1.5"])
            if st == "COMPLETED":
                t["completed"] += 1
                t["new"] += new
                t["patients"].add(patient)
            else:
                t["no_show"] += 1
    t["patients"] = len(t["patients"])
    truth["visits"][mo] = t

# denials: reasons per month; approved per month; appeals
def dplan(mo):
    if mo == "2026-02":
        return 150, {"MEDICAL_NECESSITY": 5}, (1, 0)
    if mo in W3:
        k = W3.index(mo)
        return 120, {"MEDICAL_NECESSITY": 20, "MISSING_DOCUMENTATION": 8 + (k == 2),
                     "AUTHORIZATION": 5 - (k == 2), "CODING_ERROR": 2}, (3, 4)
    return 120, {"MEDICAL_NECESSITY": 20, "MISSING_DOCUMENTATION": 10, "OTHER": 5}, (3, 4)
PAYERS = ["Acme Mutual Health", "Zephyr Care Plan"]
den = [["request_id","department","payer","service","submitted_date","decision_date","status",
        "denial_reason","appeal_status","amount"]]
n = 0
for mo in months:
    approved, reasons, (over, upheld) = dplan(mo)
    rows = [("APPROVED", "")] * approved
    for r in sorted(reasons):
        rows += [("DENIED", r)] * reasons[r]
    ndenied = sum(reasons.values())
    appeals = 0
    for i, (st, r) in enumerate(rows):
        n += 1
        d = "%s-%02d" % (mo, 1 + i % 16)           # decided i % 12 days later
        app = ""
        if st == "DENIED":
            if appeals < over:
                app = "OVERTURNED"
            elif appeals < over + upheld:
                app = "UPHELD"
            appeals += 1
        den.append(["A%06d" % n, ["CARD", "VASC"][i % 2], PAYERS[i % 2], "MRI Brain", d,
                    "%s-%02d" % (mo, 1 + i % 16 + i % 12), st, r, app, "%d.00" % (1000 + i % 7 * 10)])
    if mo in W3:
        for r, c in reasons.items():
            truth["reason3"][r] = truth["reason3"].get(r, 0) + c
    truth["denials"][mo] = {"requests": approved + ndenied, "denied": ndenied,
                            "decided": approved + ndenied, "overturned": over, "upheld": upheld}

# handoffs: (rows, completed) per type and month
def hplan(mo):
    if mo == "2025-12":
        return {"SHIFT_CHANGE": (9, 4)}
    rf = (2, 1) if mo == "2026-08" else (2, 0) if mo == "2026-09" else (3, 1) if mo == "2026-10" else (15, 12)
    return {"SHIFT_CHANGE": (100, 90), "DISCHARGE": (30, 27),
            "REFERRAL": (14 if mo == "2026-10" else 13, 10), "RESULT_FOLLOWUP": rf}
HOURS = {"SHIFT_CHANGE": "0.5", "DISCHARGE": "24", "REFERRAL": "100", "RESULT_FOLLOWUP": "48"}
hof = [["handoff_id","handoff_date","department","handoff_type","completed","hours_to_complete",
        "window_hours","structured_tool"]]
n = 0
for mo in months:
    plan = hplan(mo)
    t = {"rows": 0, "completed": 0}
    for ty in sorted(plan):
        rows, comp = plan[ty]
        for i in range(rows):
            n += 1
            c = i < comp
            hof.append(["H%06d" % n, day(mo, i), "CARD", ty, "Y" if c else "N",
                        HOURS[ty] if c else "", "", "SBAR" if i % 2 == 0 else "NONE"])
        t["rows"] += rows
        t["completed"] += comp
        if mo in W3:
            g = truth["htype3"].setdefault(ty, {"rows": 0, "completed": 0, "structured": 0})
            g["rows"] += rows
            g["completed"] += comp
            g["structured"] += (rows + 1) // 2
    truth["handoffs"][mo] = t

# burnout: per wave, (role, department, n, burned)
WAVES = {
    "2025-10": [("NURSE", "CARD", 8, 4), ("STAFF", "CARD", 7, 3)],                       # 7/15
    "2026-01": [("NURSE", "CARD", 8, 4), ("STAFF", "CARD", 7, 4)],                       # 8/15
    "2026-04": [("NURSE", "CARD", 2, 2), ("STAFF", "CARD", 2, 1)],                       # 3/4
    "2026-07": [("NURSE", "CARD", 10, 4), ("STAFF", "CARD", 10, 3), ("PHYSICIAN", "CARD", 5, 3),
                ("APP", "CARD", 5, 2)],                                                  # 12/30
    "2026-10": [("PHYSICIAN", "CARD", 1, 1), ("APP", "VASC", 2, 1), ("ADMINISTRATOR", "CARD", 3, 2),
                ("STAFF", "CARD", 4, 1), ("NURSE", "CARD", 12, 5)],                      # 10/22
}
bur = [["response_id","survey_date","department","role","burnout","satisfaction","stress",
        "trust_leadership","teamwork"]]
n = 0
for w in sorted(WAVES):
    tw, td = {}, {}
    for role, dept, cnt, burned in WAVES[w]:
        for i in range(cnt):
            n += 1
            bur.append(["R%05d" % n, day(w, i), dept, role, "4" if i < burned else "1", "4", "3", "4", "4"])
        tw[role] = [cnt, burned]
        td[dept] = td.get(dept, 0) + cnt
    truth["waves"][w] = tw
    truth["waves_dept"][w] = td

def write(name, rows):
    with open(os.path.join(out, name), "w") as f:
        for r in rows:
            f.write(",".join('"%s"' % c if "," in c else c for c in r) + "\n")
write("visits.csv", vis)
write("denials.csv", den)
write("handoffs.csv", hof)
write("burnout.csv", bur)
with open(os.path.join(out, "site.ini"), "w") as f:
    f.write("""[report]
organization = Privacy Test Clinic
period = 2026-10
months = 13
output = out
formats = pdf, png, csv
suppress_below = 3
max_bad_rows = 1%
label = Test

[input]
visits = visits.csv
denials = denials.csv
handoffs = handoffs.csv
burnout = burnout.csv

[dyad heart]
name = Heart Centre
physician = Dr. Test Lead
administrator = Test Admin
departments = CARD, VASC, ECHO, LAB
""")
pct = lambda n, d: "%.1f%%" % (100.0 * n / d)
v3, d2 = truth["visits"]["2026-03"], truth["denials"]["2026-02"]
hidden_text = [pct(2, 3),                               # administrators' burnout, latest wave
               pct(3, 4),                               # the 4-respondent wave
               pct(2, 7),                               # result follow-up completion
               pct(4, 9),                               # handoff completion, 2025-12
               pct(v3["no_show"], v3["no_show"] + v3["completed"]),
               pct(d2["denied"], d2["decided"]),
               pct(3, 7),                               # overturn rate
               pct(truth["reason3"]["CODING_ERROR"], 105), pct(truth["reason3"]["AUTHORIZATION"], 105)]
with open(os.path.join(out, "truth.json"), "w") as f:
    json.dump({"hidden_text": hidden_text, "truth": truth, "providers": [p[1] for p in PROV.values()], "payers": PAYERS}, f, indent=1, sort_keys=True)
PY
python3 "$TMP/gen.py" "$site" || fail "generating the site"

# ---- the check, from truth.json ----
cat > "$TMP/check.py" <<'PY'
# check.py SITE PUBLIC_DIR INTERNAL_DIR -- privacy assertions of
# tests/cli/privacy.sh. Expected hidden figures come from truth.json (what
# gen.py wrote into the extracts), by the rules of doc/guide.md, Privacy, never
# from dyadreport's own output. Prints "FAIL: ..." lines; exits 1 on any.
import csv, json, os, sys
site, pub, internal = sys.argv[1:4]
T = json.load(open(os.path.join(site, "truth.json")))
tr = T["truth"]
errors = []
def fail(msg):
    errors.append(msg)
def small(c, below=11):                 # a count of 1 .. below-1
    return 0 < c < below
def rows(d):
    with open(os.path.join(d, "metrics.csv"), newline="") as f:
        return list(csv.DictReader(f))
def num(s):
    return None if s == "" else float(s)
P, I = rows(pub), rows(internal)
COUNTS = {"visits_completed", "distinct_patients", "auth_requests", "survey_respondents",
          "handoffs", "denials", "pending", "visits"}
SURVEY = {"survey_respondents", "burnout_share"}

# 1. No count cell of the public file is a small cell.
for r in P:
    survey = r["metric"] in SURVEY or r["breakdown"] in ("role", "survey-department")
    for col in ("value", "numerator"):
        v = num(r[col])
        if v is None or (col == "value" and r["metric"] not in COUNTS):
            continue
        if (small(v, 5) if survey else small(v)):
            fail("public %s %s %s %s: %s %g is a small cell" % (r["metric"], r["breakdown"], r["key"], r["month"], col, v))
    # counts and amounts carry their value as numerator; rates carry none
    if r["denominator"] != "" or (r["numerator"] not in ("", r["value"]) or
                                  (r["numerator"] != "" and r["metric"] not in COUNTS | {"denied_amount"})):
        fail("public %s %s: a rate's numerator or denominator is printed" % (r["metric"], r["month"]))
    if r["suppressed"] == "yes" and any(r[c] != "" for c in ("value", "numerator", "denominator", "center", "lower", "upper")):
        fail("public %s %s %s %s: hidden but has a number" % (r["metric"], r["breakdown"], r["key"], r["month"]))

# 2. The dyad's own series: (hidden?, value) per metric and month, from the
# counts each figure rests on (numerator, denominator, and the complement
# denominator - numerator: 58 of 60 tells 2 did not, as 2 of 60 would).
def rate(n, d, extra=()):
    if small(n) or small(d) or small(d - n) or any(small(x) for x in extra):
        return None
    return n / d
expect = {}
for mo, v in tr["visits"].items():
    C, NS, N, PT = v["completed"], v["no_show"], v["new"], v["patients"]
    expect[("visits_completed", mo)] = None if small(C) else C
    expect[("distinct_patients", mo)] = None if small(PT) else PT
    expect[("no_show_rate", mo)] = rate(NS, C + NS)
    expect[("new_patient_share", mo)] = rate(N, C)
for mo, v in tr["denials"].items():
    D, TT, O, U = v["denied"], v["decided"], v["overturned"], v["upheld"]
    expect[("auth_requests", mo)] = None if small(v["requests"]) else v["requests"]
    expect[("initial_denial_rate", mo)] = rate(D, TT)
    expect[("overturn_rate", mo)] = rate(O, O + U)
    # initial - final = overturned / decided, and auth_requests (= decided
    # here, nothing pending) is printed: a final rate shown next to the
    # initial one gives the overturned count, so it rests on it too.
    expect[("final_denial_rate", mo)] = rate(D - O, TT, (O,))
for mo, v in tr["handoffs"].items():
    expect[("handoff_completion_rate", mo)] = rate(v["completed"], v["rows"])
for w, roles in tr["waves"].items():
    n = sum(x[0] for x in roles.values())
    b = sum(x[1] for x in roles.values())
    expect[("survey_respondents", w)] = None if small(n, 5) else n
    expect[("burnout_share", w)] = None if small(n, 5) else b / n
seen = set()
for r in P:
    if r["breakdown"] != "total" or (r["metric"], r["month"]) not in expect:
        continue
    k = (r["metric"], r["month"])
    seen.add(k)
    want, got = expect[k], num(r["value"])
    if want is None:
        if got is not None or r["suppressed"] != "yes":
            fail("public %s %s: should be hidden (rests on a small count), is %s" % (k + (r["value"] or "empty",)))
    elif got is None or abs(got - want) > 1e-9:
        fail("public %s %s: want %g, got %s (suppressed=%s)" % (k + (want, r["value"], r["suppressed"])))
# every month of the window was checked (the window is 2025-10 .. 2026-10)
for k in expect:
    if k[1] >= "2025-10" and k not in seen:
        fail("public: no row for %s %s" % k)

# 3. Breakdowns: expected hidden groups, the complementary rule, no hidden
# figure equal to all - sum(shown).
def complement(size, hidden):
    """doc/guide.md, Privacy: exactly one hidden and another shown: hide the smallest shown
    (ties: key in byte order)."""
    if len(hidden) == 1 and len(size) > 1:
        pick = min((s, k) for k, s in size.items() if k not in hidden)
        hidden.add(pick[1])
    return hidden
def blocks(rs, bd):
    out = {}
    for r in rs:
        if r["breakdown"] == bd:
            out.setdefault((r["metric"], r["month"]), {})[r["key"]] = r
    return out
W3 = "2026-08..2026-10"
true_reason = {k: v for k, v in tr["reason3"].items() if v}
true_htype = tr["htype3"]
def waves_true(month):
    w = month.split("..")[0]
    return {k: v[0] for k, v in tr["waves"].get(w, {}).items() if v[0]}
cases = [("reason", "denials", lambda m: true_reason,
          lambda t: {k for k, c in t.items() if small(c)}),
         ("handoff-type", "handoffs", lambda m: {k: v["rows"] for k, v in true_htype.items()},
          lambda t: {k for k, v in true_htype.items()
                     if any(small(v[x]) for x in ("rows", "completed", "structured"))
                     or small(v["rows"] - v["completed"]) or small(v["rows"] - v["structured"])})]
for bd, cnt_metric, truth_of, first_rule in cases:
    bl = blocks(P, bd)
    if not bl:
        fail("public: no %s breakdown" % bd)
    for (metric, month), g in bl.items():
        t = truth_of(month)
        want = complement(t, first_rule(t))
        hid = {k for k, r in g.items() if k != "all" and r["suppressed"] == "yes"}
        if hid != want:
            fail("public %s %s %s: hidden %s, want %s" % (metric, bd, month, sorted(hid), sorted(want)))
for bd, below, rs, name in (("role", 5, P, "public"), ("role", 3, I, "internal"),
                            ("survey-department", 3, I, "internal")):
    bl = blocks(rs, bd)
    if not bl:
        fail("%s: no %s breakdown" % (name, bd))
    for (metric, month), g in bl.items():
        w = month.split("..")[0]
        if bd == "role":
            t = {k: v[0] for k, v in tr["waves"].get(w, {}).items()}
        else:
            t = {}
            for k, v in tr["waves_dept"].get(w, {}).items():
                t[k] = v
        want = complement(t, {k for k, c in t.items() if small(c, below)})
        hid = {k for k, r in g.items() if k != "all" and r["suppressed"] == "yes"}
        if hid != want:
            fail("%s %s %s %s: hidden %s, want %s" % (name, metric, bd, month, sorted(hid), sorted(want)))
for name, rs in (("public", P), ("internal", I)):
    for bd in ("reason", "handoff-type", "role", "survey-department"):
        for (metric, month), g in blocks(rs, bd).items():
            hid = [k for k, r in g.items() if k != "all" and r["suppressed"] == "yes"]
            if len(hid) == 1:
                fail("%s %s %s %s: exactly one group hidden (%s)" % (name, metric, bd, month, hid[0]))
            if metric not in COUNTS or "all" not in g or g["all"]["value"] == "":
                continue
            rest = float(g["all"]["value"]) - sum(float(r["value"]) for k, r in g.items()
                                                  if k != "all" and r["value"] != "")
            if bd == "role":
                t = waves_true(month)
            elif bd == "reason":
                t = true_reason
            elif bd == "handoff-type":
                t = {k: v["rows"] for k, v in true_htype.items()}
            else:
                t = tr["waves_dept"].get(month.split("..")[0], {})
            for k in hid:
                if abs(rest - t.get(k, -1)) < 1e-9:
                    fail("%s %s %s %s: hidden %s = all - shown" % (name, metric, bd, month, k))

# 4. Internal: the config's suppress_below (3) only, every count printed.
def cell(rs, metric, bd, key, month):
    for r in rs:
        if (r["metric"], r["breakdown"], r["key"], r["month"]) == (metric, bd, key, month):
            return r
    fail("internal: no row %s %s %s %s" % (metric, bd, key, month))
    return {"value": "", "suppressed": "?"}
for metric, bd, key, month, want in (
        ("survey_respondents", "role", "NURSE", "2026-10..2026-12", 12),
        ("survey_respondents", "role", "ADMINISTRATOR", "2026-10..2026-12", 3),
        ("survey_respondents", "role", "STAFF", "2026-10..2026-12", 4),
        ("survey_respondents", "total", "", "2026-04", 4),
        ("handoffs", "handoff-type", "RESULT_FOLLOWUP", W3, 7),
        ("denials", "reason", "CODING_ERROR", W3, 6),
        ("denials", "reason", "MEDICAL_NECESSITY", W3, 60),
        ("visits_completed", "total", "", "2026-01", 5),
        ("visits_completed", "total", "", "2026-10", tr["visits"]["2026-10"]["completed"])):
    r = cell(I, metric, bd, key, month)
    if num(r["value"]) != want or r["suppressed"] != "no":
        fail("internal %s %s %s %s: want %g shown, got '%s'" % (metric, bd, key, month, want, r["value"]))

# 5. The packets' text.
def text(d):
    return open(os.path.join(d, "packet.txt"), encoding="utf-8").read()
pt, it = text(pub), text(internal)
flat = " ".join(pt.split())
for who in T["providers"] + T["payers"]:
    for part in [who] + [w.strip(",") for w in who.split() if len(w) > 5]:
        if part in flat:
            fail("public packet names '%s'" % part)
for s in T["hidden_text"]:
    if s in flat:
        fail("public packet shows the hidden figure '%s'" % s)
iflat = " ".join(it.split())
for s in ("66.7%", "Zebulon"):
    if s not in iflat:
        fail("internal packet lacks '%s' (so the public check proves nothing)" % s)

for e in errors:
    print("FAIL: " + e)
sys.exit(1 if errors else 0)
PY

expect_exit 0 "$DYADREPORT" -q -t town-hall -o "$TMP/public" "$site/site.ini"
expect_exit 0 "$DYADREPORT" -q -t monthly-packet -o "$TMP/internal" "$site/site.ini"
pub="$TMP/public/heart/town-hall"
int="$TMP/internal/heart"
for d in "$pub" "$int"; do
	[ -s "$d/packet.pdf" ] && [ -s "$d/metrics.csv" ] || fail "$d: no packet or metrics.csv"
	qpdf --check "$d/packet.pdf" >/dev/null || fail "$d: qpdf --check"
	# pdftotext warns about libharu's ToUnicode CMap ("begincidrange"); any
	# other complaint is a failure.
	pdftotext -enc UTF-8 "$d/packet.pdf" "$d/packet.txt" 2>"$TMP/pdferr" || fail "$d: pdftotext"
	grep -v begincidrange "$TMP/pdferr" | grep . && fail "$d: pdftotext complains"
done
python3 "$TMP/check.py" "$site" "$pub" "$int" || fail "privacy of the public deck (above)"
pass "town-hall hides every small group and cell; internal shows them"
