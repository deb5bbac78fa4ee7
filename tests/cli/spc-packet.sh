#!/bin/sh
# spc-packet.sh -- the packet and `dyadreport spc` are one engine: for every
# sample dyad and metric, under mdc7 and under anhoej (p, u and I charts by
# metric kind, one metric forced to a c chart), the centre, limits, phase and
# signals in metrics.csv equal what `dyadreport spc` prints for the same
# series (numerator and denominator for p and u charts, the rebase
# annotation as --rebase). Series with provisional or hidden points are left
# out (the subcommand has no exclude flag); every other series is compared.
# Point types are compared as common or special: the subcommand runs with
# the neutral direction. A month without a value (not hidden) carries its
# phase's centre and its constant limits (p, u: none), signal 0.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3

for rules in mdc7 anhoej; do
	cfg="$TMP/site-$rules.ini"
	# min_denominator = 0: every rate is judged, as the subcommand judges
	# it (a rate on too few cases is left out of the limits otherwise, like
	# a provisional month; withhold.sh tests that).
	sed -e "s#^\(visits\|denials\|handoffs\|burnout\|commentary\) = #&$SAMPLE/#" \
	    -e 's#^\[report\]$#&\nmin_denominator = 0#' "$SAMPLE/site.ini" > "$cfg"
	printf '\n[spc]\nrules = %s\n' "$rules" >> "$cfg"
	[ "$rules" = anhoej ] && printf 'chart.auth_requests = c\n' >> "$cfg"
	expect_exit 0 "$DYADREPORT" -f csv -o "$TMP/out-$rules" "$cfg"
done

python3 - "$DYADREPORT" "$TMP" <<'PY'
import csv, math, subprocess, sys
exe, tmp = sys.argv[1], sys.argv[2]
checked = bad = 0
def num(s):
    return float(s) if s != "" else math.nan
def kind(t):
    # The packet knows each metric's better direction, the subcommand runs
    # neutral: compare common cause / special cause / none.
    return "special" if t.startswith("special_cause") else t
def same(a, b):
    a, b = num(a), num(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))
for rules in ("mdc7", "anhoej"):
    series = {}
    import glob
    for path in sorted(glob.glob(f"{tmp}/out-{rules}/*/metrics.csv")):
        for r in csv.DictReader(open(path, newline="")):
            series.setdefault((r["dyad"], r["metric"], r["breakdown"], r["key"]), []).append(r)
    charts = set()
    for (dyad, metric, by, key), rows in sorted(series.items()):
        # Series only (the dyad's, and per department or handoff type);
        # breakdown tables have no chart (a funnel page's department table
        # shares its keys with the department series: its rows are left).
        rows = [r for r in rows if r["chart"] != ""]
        if not rows or any(r["provisional"] == "yes" or r["suppressed"] == "yes" for r in rows):
            continue
        if by != "total":
            metric = f"{metric} {by}={key}"
        chart = rows[0]["chart"]
        charts.add(chart)
        pu = chart in ("p", "pp", "u", "up")
        lines = ["period,y,n" if pu else "period,y"]
        for r in rows:
            lines.append(f"{r['month']},{r['numerator']},{r['denominator']}" if pu
                         else f"{r['month']},{r['numerator'] if chart == 'c' else r['value']}")
        args = [exe, "spc", "--rules", rules]
        if rules == "anhoej":
            args += ["--chart", chart]
        for prev, r in zip(rows, rows[1:]):
            if r["phase"] != prev["phase"]:
                args += ["--rebase", r["month"]]
        out = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True)
        got = list(csv.DictReader(out.stdout.splitlines()))
        ok = out.returncode == 0 and len(got) == len(rows)
        for r, g in zip(rows, got) if ok else []:
            ok &= same(r["value"], g["y"]) and same(r["center"], g["cl"])
            ok &= same(r["lower"], g["lcl"]) and same(r["upper"], g["ucl"])
            ok &= r["phase"] == g["phase"] and r["signal"] == g["signal"]
            ok &= r["signal_type"] == g["signal_type"]
            if rules != "anhoej":
                ok &= kind(r["point_type"]) == kind(g["point_type"])
            else:
                ok &= r["runs_signal"] == g["runs_signal"]
            ok &= kind(r["variation_icon"]) == kind(g["variation_icon"])
        checked += 1
        if not ok:
            bad += 1
            print(f"FAIL: {rules} {dyad} {metric}: packet and dyadreport spc differ: {out.stderr.strip()}",
                  file=sys.stderr)
    # A month without a value (not hidden) keeps its phase's centre, and
    # its limits where they do not depend on n (i, c; p and u: empty), with
    # signal 0 -- provisional series included. The sample's October appeal
    # overturn rate (no appeal decided yet) is one.
    gaps = 0
    for (dyad, metric, by, key), rows in sorted(series.items()):
        chart = rows[0]["chart"]
        if chart == "":
            continue
        for r in rows:
            if r["value"] != "" or r["suppressed"] == "yes":
                continue
            peers = [q for q in rows if q["phase"] == r["phase"] and q["value"] != ""
                     and q["provisional"] == "no"]
            if len(peers) < 2:
                continue
            gaps += 1
            pu = chart in ("p", "pp", "u", "up")
            ok = r["center"] != "" and same(r["center"], peers[-1]["center"]) and r["signal"] == "0"
            ok &= (r["lower"], r["upper"]) == ("", "") if pu else \
                (same(r["lower"], peers[-1]["lower"]) and same(r["upper"], peers[-1]["upper"]))
            if not ok:
                bad += 1
                print(f"FAIL: {rules} {dyad} {metric} {by}={key} {r['month']}: a month without a value "
                      f"has centre {r['center']!r}, limits {r['lower']!r}..{r['upper']!r}, signal {r['signal']}",
                      file=sys.stderr)
    if gaps == 0:
        bad += 1
        print(f"FAIL: {rules}: no month without a value in the sample series", file=sys.stderr)
    want = {"mdc7": {"i"}, "anhoej": {"i", "p", "u", "c"}}[rules]
    if not want <= charts:
        bad += 1
        print(f"FAIL: {rules}: charts seen {sorted(charts)}, want at least {sorted(want)}", file=sys.stderr)
print(f"ok: {checked} series compared")
sys.exit(1 if bad or checked < 60 else 0)
PY
