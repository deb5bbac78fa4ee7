#!/bin/sh
# overview.sh -- overview.pdf and overview.csv at the output root: the
# sample config plus a dyad owning a department no row has ("Empty
# Clinic"), monthly-packet, PDF and CSV:
#   - overview.csv has one row per dyad x metric, every dyad and every
#     metric of metrics.csv, each value, icon and target the same as the
#     dyad's own metrics.csv row of the month; the empty dyad's rows all
#     say no_data, with no value or icon;
#   - overview.pdf names every dyad and every metric, says "no data" as
#     often as the CSV (so the empty dyad's column has no gap), lists each
#     new special cause of the CSV in its "What changed this month", and
#     links each dyad's name to its packet, a file that exists, by a
#     relative /GoToR;
#   - overview.csv's funnel flags of the key rates are those `dyadreport
#     funnel` gives the dyads' numerators and denominators of the month
#     (from their metrics.csv), once the funnel engine is built in;
#   - index.html lists both; qpdf --check and the tagged checker pass;
#   - a public template's overview (town-hall) lists only the metrics its
#     slides show, links into <dyad>/town-hall/;
#   - a -d run of one dyad writes none (and removes the earlier ones),
#     and so does [report] overview = no.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
skip_unless pdftotext
skip_unless qpdf

cfg="$TMP/site.ini"
sed -e "s#^\(visits\|denials\|handoffs\|burnout\|commentary\) = #&$SAMPLE/#" "$SAMPLE/site.ini" > "$cfg"
cat >> "$cfg" <<'EOF'

[dyad empty]
name = Empty Clinic
physician = Dr. Nobody Here
administrator = No One
departments = NOROWS
EOF

expect_exit 0 "$DYADREPORT" -q -f csv,pdf -o "$TMP/run" "$cfg"
for f in overview.pdf overview.csv; do
	[ -f "$TMP/run/$f" ] || fail "the run of four dyads wrote no $f"
	grep -q "href=\"$f\"" "$TMP/run/index.html" || fail "index.html does not list $f"
done
pass "a run of four dyads writes overview.pdf and overview.csv, listed in index.html"

qpdf --check "$TMP/run/overview.pdf" >/dev/null 2>&1 || fail "overview.pdf: qpdf --check"
pdftotext -layout "$TMP/run/overview.pdf" "$TMP/overview.txt" 2>"$TMP/pdftotext.err" \
	|| fail "pdftotext cannot read overview.pdf"
[ ! -s "$TMP/pdftotext.err" ] || { cat "$TMP/pdftotext.err" >&2; fail "pdftotext warns"; }

python3 - "$TMP" <<'PY' || fail "overview.csv or overview.pdf differs from the packets' figures (see above)"
import csv, re, sys
tmp = sys.argv[1]
dyads = {"oncology": "Oncology", "primary-care": "Primary Care",
         "surgery": "Surgical Services", "empty": "Empty Clinic"}
LABEL = {
    "visits_completed": "Completed visits", "no_show_rate": "No-show rate",
    "initial_denial_rate": "Initial denial rate", "handoff_completion_rate": "Handoff completion rate",
    "burnout_share": "Burnout", "teamwork_mean": "Teamwork (mean)",
}
rows = list(csv.DictReader(open(f"{tmp}/run/overview.csv", encoding="utf-8")))
bad = []
metrics = sorted({r["metric"] for r in csv.DictReader(open(f"{tmp}/run/oncology/metrics.csv"))
                  if r["breakdown"] == "total"})
if len(metrics) < 30:
    bad.append(f"only {len(metrics)} metrics in oncology/metrics.csv")
if len(rows) != len(dyads) * len(metrics):
    bad.append(f"{len(rows)} rows, want {len(dyads)} dyads x {len(metrics)} metrics")
for d in dyads:
    got = sorted(r["metric"] for r in rows if r["dyad"] == d)
    if got != metrics:
        bad.append(f"{d}: metrics {got} differ from metrics.csv's")
# Every figure is the dyad's own metrics.csv row of the month.
def num(s):
    return None if s == "" else float(s)
checked = 0
for d in dyads:
    own = {}
    for r in csv.DictReader(open(f"{tmp}/run/{d}/metrics.csv", encoding="utf-8")):
        if r["breakdown"] == "total":
            own[(r["metric"], r["month"])] = r
    for r in rows:
        if r["dyad"] != d:
            continue
        m = own.get((r["metric"], r["month"]))
        if m is None:
            bad.append(f"{d} {r['metric']}: no metrics.csv row for {r['month']}")
            continue
        if num(r["value"]) != num(m["value"]):
            bad.append(f"{d} {r['metric']}: value {r['value']} vs metrics.csv {m['value']}")
        if r["status"] == "value" and r["variation_icon"] != m["variation_icon"]:
            bad.append(f"{d} {r['metric']}: variation {r['variation_icon']} vs {m['variation_icon']}")
        if r["assurance"] not in ("", m["assurance"]):
            bad.append(f"{d} {r['metric']}: assurance {r['assurance']} vs {m['assurance']}")
        if r["status"] == "value" and r["variation_icon"] == "":
            bad.append(f"{d} {r['metric']}: a value judged by nothing")
        checked += 1
if checked != len(rows):
    bad.append(f"checked {checked} of {len(rows)} rows")
targets = {"initial_denial_rate": 0.08, "handoff_completion_rate": 0.95, "no_show_rate": 0.08,
           "burnout_share": 0.40}
for r in rows:
    want = targets.get(r["metric"])
    if num(r["target"]) != want:
        bad.append(f"{r['dyad']} {r['metric']}: target {r['target']}, want {want}")
empty = [r for r in rows if r["dyad"] == "empty"]
for r in empty:
    if (r["status"], r["value"], r["variation_icon"], r["assurance"]) != ("no_data", "", "", ""):
        bad.append(f"empty {r['metric']}: {r['status']} {r['value']!r} {r['variation_icon']!r}")

text = open(f"{tmp}/overview.txt", encoding="utf-8").read()
for d, name in dyads.items():
    if name not in text:
        bad.append(f"the PDF does not name {name}")
for key, label in LABEL.items():
    if label not in text:
        bad.append(f"the PDF does not name {label}")
nodata_pdf = len(re.findall(r"no data(?!:)", text))
nodata_csv = sum(r["status"] == "no_data" for r in rows)
if nodata_pdf != nodata_csv or nodata_csv < len(metrics):
    bad.append(f"the PDF says 'no data' {nodata_pdf} times, the CSV {nodata_csv} (want >= {len(metrics)})")
changed = text.split("What changed this month", 2)[-1]
flat = " ".join(changed.split())
signals = [r for r in rows if "new_signal" in r["change"]]
if not signals:
    bad.append("no new special cause in the sample: the check is vacuous")
for r in signals:
    want = f"{dyads[r['dyad']]}: {LABEL.get(r['metric'], '?')}: a new special cause"
    if r["metric"] in LABEL and want not in flat:
        bad.append(f"What changed lacks: {want}")
if bad:
    print("\n".join(bad[:30]), file=sys.stderr)
    sys.exit(1)
print(f"ok: {len(rows)} rows, {checked} checked against metrics.csv, {nodata_csv} 'no data' cells")
PY
pass "overview.csv: every dyad x metric, each figure its metrics.csv's; the PDF the same, 'no data' in words"

# The funnel column: once the funnel engine is built in (dyadreport funnel
# runs), each key rate's flags are those dyadreport funnel gives the dyads'
# numerators and denominators of the month, read from their metrics.csv;
# while it is not, the column is empty.
if "$DYADREPORT" funnel --help 2>&1 | grep -q '^Usage: dyadreport funnel'; then engine=yes; else engine=no; fi
python3 - "$TMP" "$DYADREPORT" "$engine" <<'PY' || fail "overview.csv's funnel flags differ from dyadreport funnel's (see above)"
import csv, io, subprocess, sys
tmp, exe, engine = sys.argv[1:4]
rows = list(csv.DictReader(open(f"{tmp}/run/overview.csv", encoding="utf-8")))
keys = ["no_show_rate", "initial_denial_rate", "handoff_completion_rate", "burnout_share"]
bad = []
for r in rows:
    if r["funnel"] and (r["metric"] not in keys or engine == "no"):
        bad.append(f"{r['dyad']} {r['metric']}: funnel {r['funnel']!r}")
if engine == "yes":
    for key in keys:
        groups = []
        for r in rows:
            if r["metric"] != key or r["status"] != "value":
                continue
            for m in csv.DictReader(open(f"{tmp}/run/{r['dyad']}/metrics.csv", encoding="utf-8")):
                if m["metric"] == key and m["breakdown"] == "total" and m["month"] == r["month"]:
                    groups.append((r["dyad"], m["numerator"], m["denominator"]))
        want = {}
        if len(groups) >= 2:
            inp = "group,y,n\n" + "".join(f"{g},{y},{n}\n" for g, y, n in groups)
            out = subprocess.run([exe, "funnel", "-q"], input=inp, capture_output=True, text=True,
                                 check=True).stdout
            want = {x["group"]: x["flag"] for x in csv.DictReader(io.StringIO(out))}
        for r in rows:
            if r["metric"] == key and r["funnel"] != want.get(r["dyad"], ""):
                bad.append(f"{r['dyad']} {key}: funnel {r['funnel']!r}, dyadreport funnel says "
                           f"{want.get(r['dyad'], '')!r}")
        if len(want) < 3:
            bad.append(f"{key}: only {len(want)} dyads compared")
if bad:
    print("\n".join(bad[:20]), file=sys.stderr)
    sys.exit(1)
PY
if [ "$engine" = yes ]; then
	pass "overview.csv's funnel flags are dyadreport funnel's for the dyads' numbers of the month"
else
	pass "overview.csv's funnel column is empty while the funnel engine is not built in"
fi

expect_exit 0 "$DYADREPORT" -q -f csv,pdf -t town-hall -o "$TMP/public" "$cfg"
python3 - "$TMP" "$top_srcdir/templates/town-hall.ini" <<'PY' || fail "the public overview lists other metrics than its slides"
import csv, re, sys
tmp, tpl = sys.argv[1:3]
want = set()
page = {}
for line in open(tpl, encoding="utf-8"):
    line = line.split(";")[0].strip()
    if line.startswith("[page"):
        page = {}
    elif "=" in line:
        k, v = (x.strip() for x in line.split("=", 1))
        page[k] = v
        if "kind" in page and "metrics" in page and page["kind"] in ("chart", "chart-grid", "summary") \
                and "by" not in page:
            want |= {m.strip() for m in page["metrics"].split(",")}
got = {r["metric"] for r in csv.DictReader(open(f"{tmp}/public/overview.csv", encoding="utf-8"))}
if not want or got != want:
    print(f"metrics {sorted(got)}, want {sorted(want)}", file=sys.stderr)
    sys.exit(1)
PY
pass "a public template's overview lists only the metrics its slides show"

# Links and tags: pikepdf (skips here when it is not installed).
. "$top_srcdir/tests/lib/pikepdf.sh"
"$PY" "$CHECK_TAGGED" "$TMP/run/overview.pdf" "$TMP/public/overview.pdf" >&2 \
	|| fail "overview.pdf is not tagged as the packets are"
"$PY" - "$TMP" <<'PY' || fail "the dyads' links do not open their packets"
import os, sys, pikepdf
tmp = sys.argv[1]
for root, sub in (("run", ""), ("public", "/town-hall")):
    want = {f"{d}{sub}/packet.pdf" for d in ("oncology", "primary-care", "surgery", "empty")}
    got = set()
    pdf = pikepdf.open(f"{tmp}/{root}/overview.pdf")
    for page in pdf.pages:
        for a in page.obj.get("/Annots", []):
            act = a.get("/A")
            if act is None or act.get("/S") != pikepdf.Name.GoToR:
                print(f"{root}: a link that is not /GoToR", file=sys.stderr)
                sys.exit(1)
            got.add(str(act.F))
    if got != want:
        print(f"{root}: links {sorted(got)}, want {sorted(want)}", file=sys.stderr)
        sys.exit(1)
    for f in got:
        if not os.path.isfile(f"{tmp}/{root}/{f}"):
            print(f"{root}: {f} does not exist", file=sys.stderr)
            sys.exit(1)
PY
pass "overview.pdf is tagged, and each dyad's name opens its packet by a relative path"

# One dyad: no overview, and the earlier run's is removed with it.
expect_exit 0 "$DYADREPORT" -q -f csv,pdf -d oncology -o "$TMP/run" "$cfg"
for f in overview.pdf overview.csv; do
	[ ! -e "$TMP/run/$f" ] || fail "a run of one dyad left $f"
	! grep -q "href=\"$f\"" "$TMP/run/index.html" || fail "index.html lists $f after a run of one dyad"
done
pass "a run of one dyad (-d) writes no overview and removes the earlier one"

sed 's/^\[report\]$/&\noverview = no/' "$cfg" > "$TMP/no.ini"
expect_exit 0 "$DYADREPORT" -q -f csv -o "$TMP/no" "$TMP/no.ini"
[ ! -e "$TMP/no/overview.pdf" ] && [ ! -e "$TMP/no/overview.csv" ] || fail "overview = no wrote an overview"
[ -f "$TMP/no/oncology/metrics.csv" ] || fail "overview = no wrote no dyad files"
pass "[report] overview = no writes none"
