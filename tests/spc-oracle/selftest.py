#!/usr/bin/env python3
"""selftest.py -- checks oracle.py against published numbers before the
oracle is trusted to judge the C tool.

  * NHSRplotthedots vignette "deviations" (vignettes/deviations.Rmd:55-90):
    1,2,1,2,10,1,2,... (18 values) -> UPL 4.60, mean 1.94, LPL -0.72 with
    moving-range screening; UPL 6.95, LPL -3.06 without.
  * NHSRplotthedots snapshot tests/testthat/_snaps/ptd_spc_standard.md:
    rnorm(20) after set.seed(123) -> mean 0.142, LPL -3.01, UPL 3.29.
  * NHSRplotthedots unit tests (tests/testthat/test-ptd_calculate_point_type.R):
    the expected vectors of ptd_seven_point_one_side_mean,
    ptd_part_of_seven_trend, ptd_seven_point_trend, ptd_two_in_three.
  * The Anhoej thresholds (longest run max / crossings min) for 1..100 useful
    points, qicharts2 vignette Appendix 2 (vignettes/qicharts2.Rmd:892-899),
    as qicharts2 tabulates them.
  * Montgomery, Introduction to Statistical Quality Control, Example 7.1
    (p chart, 30 samples of 50 cans: p-bar 0.2313, UCL 0.4102, LCL 0.0524)
    and Example 7.3 (c chart, 26 samples: c-bar 19.85, UCL 33.22,
    LCL 6.48), the data behind qicharts2's tests/testthat/test_montgomery.R.
  * Behaviours the product states: points on the centre line neither break nor
    extend an Anhoej run; they break an NHS run; constant series; n = 24
    gives 8 / 8.

Prints one "# ok"/"# FAIL" line per check; exits 1 if any failed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print("# ok %s" % name)
    else:
        failures += 1
        print("# FAIL %s %s" % (name, detail))


def csv_of(values, n=None):
    lines = ["period,y" + (",n" if n else "")]
    y, m = 2020, 1
    for k, v in enumerate(values):
        cell = "" if v is None else repr(v) if isinstance(v, float) else str(v)
        lines.append("%04d-%02d,%s%s" % (y, m, cell, ("," + str(n[k])) if n else ""))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return "\n".join(lines) + "\n"


def run(values, opts, n=None):
    out = oracle.run_text(csv_of(values, n), opts)
    rows = [r.split(",") for r in out.strip().split("\n")[1:]]
    return [dict(zip(oracle.COLUMNS, r)) for r in rows]


def r2(x, d=2):
    return round(float(x), d)


# -- NHSRplotthedots deviations vignette
dev = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
r = run(dev, ["--rules", "mdc7"])[0]
check("deviations screened: UPL 4.60, mean 1.94, LPL -0.72",
      (r2(r["ucl"]), r2(r["cl"]), r2(r["lcl"])) == (4.60, 1.94, -0.72),
      str((r["ucl"], r["cl"], r["lcl"])))
r = run(dev, ["--rules", "mdc7", "--no-screen"])[0]
check("deviations unscreened: UPL 6.95, mean 1.94, LPL -3.06",
      (r2(r["ucl"]), r2(r["cl"]), r2(r["lcl"])) == (6.95, 1.94, -3.06),
      str((r["ucl"], r["cl"], r["lcl"])))

# -- NHSRplotthedots snapshot: set.seed(123); rnorm(20)
rn = [-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
      1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
      1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
      1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141]
r = run(rn, ["--rules", "mdc7"])[0]
check("ptd_spc_standard snapshot: mean 0.142, LPL -3.01, UPL 3.29",
      (r2(r["cl"], 3), r2(r["lcl"]), r2(r["ucl"])) == (0.142, -3.01, 3.29),
      str((r["cl"], r["lcl"], r["ucl"])))

# -- NHSRplotthedots unit tests of the rule helpers (L = 7)
osm = oracle.one_side_mean
check("seven_point_one_side_mean(numeric())", osm([], 7) == [])
check("seven_point_one_side_mean(rep(1,6))", osm([1] * 6, 7) == [0] * 6)
check("seven_point_one_side_mean(c(rep(1,6),-1))", osm([1] * 6 + [-1], 7) == [0] * 7)
check("seven_point_one_side_mean(c(rep(1,8),-1))",
      osm([1] * 8 + [-1], 7) == [0, 0, 0, 0, 0, 0, 1, 1, 0])
check("seven_point_one_side_mean(c(rep(-1,8),1))",
      osm([-1] * 8 + [1], 7) == [0, 0, 0, 0, 0, 0, 1, 1, 0])
po = oracle.part_of
check("part_of_seven_trend(rep(0,6))", po([0] * 6, 7) == [0] * 6)
check("part_of_seven_trend(c(rep(0,6),1,0))", po([0] * 6 + [1, 0], 7) == [1] * 7 + [0])
check("part_of_seven_trend(c(rep(0,7),1,0))", po([0] * 7 + [1, 0], 7) == [0] + [1] * 7 + [0])
check("part_of_seven_trend(c(rep(0,6),-1,0))", po([0] * 6 + [-1, 0], 7) == [1] * 7 + [0])
pt = oracle.point_trend
check("seven_point_trend(1:6)", pt(list(range(1, 7)), 7) == [0] * 6)
check("seven_point_trend(c(1:3,3:6))", pt([1, 2, 3, 3, 4, 5, 6], 7) == [0] * 7)
check("seven_point_trend(1:7)", pt(list(range(1, 8)), 7) == [0] * 6 + [1])
check("seven_point_trend(c(2,1:7,3))", pt([2] + list(range(1, 8)) + [3], 7) == [0] * 7 + [1, 0])
check("seven_point_trend(7:1)", pt(list(range(7, 0, -1)), 7) == [0] * 6 + [-1])
check("seven_point_trend(c(2,7:1,3))", pt([2] + list(range(7, 0, -1)) + [3], 7) == [0] * 7 + [-1, 0])
tt = oracle.two_in_three
check("two_in_three(numeric())", tt([], []) == [])
check("two_in_three(c(1,0,1),c(1,1,1))", tt([1, 0, 1], [1, 1, 1]) == [1, 1, 1])
check("two_in_three(c(0,1,1),c(1,1,1))", tt([0, 1, 1], [1, 1, 1]) == [1, 1, 1])
check("two_in_three(c(1,1,0),c(1,1,1))", tt([1, 1, 0], [1, 1, 1]) == [1, 1, 1])
check("two_in_three g", tt([0, 0, 1, 0, 1, 0, 0], [1] * 7) == [0, 0, 1, 1, 1, 0, 0])
check("two_in_three h", tt([0, 0, 1, 1, 0, 0, 0], [1] * 7) == [0, 1, 1, 1, 1, 0, 0])
check("two_in_three opposite sides", tt([1, 0, 1], [1, -1, 1]) == [0, 0, 0])
check("two_in_three opposite sides g",
      tt([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1]) == [0] * 7)
iv = [1, 0, 0, 1, 1]
it = tt(iv, [1] * 5)
check("part_of_two_in_three i", [1 if (a == 1 and b) else 0 for a, b in zip(it, iv)] == [0, 0, 0, 1, 1])
hv = [1, 0, 0, 1]
ht = tt(hv, [1] * 4)
check("part_of_two_in_three h", [1 if (a == 1 and b) else 0 for a, b in zip(ht, hv)] == [0, 0, 0, 0])

# -- Anhoej thresholds, n = 1..100 (qicharts2 vignette App. 2)
TABLE = """
3/0 4/0 5/0 5/0 5/0 6/1 6/1 6/1 6/2
6/2 6/2 7/3 7/3 7/4 7/4 7/4 7/5 7/5 7/6
7/6 7/6 7/7 8/7 8/8 8/8 8/8 8/9 8/9 8/10
8/10 8/11 8/11 8/11 8/12 8/12 8/13 8/13 8/14 8/14
8/14 8/15 8/15 8/16 8/16 8/17 9/17 9/17 9/18 9/18
9/19 9/19 9/20 9/20 9/21 9/21 9/21 9/22 9/22 9/23
9/23 9/24 9/24 9/25 9/25 9/25 9/26 9/26 9/27 9/27
9/28 9/28 9/29 9/29 9/29 9/30 9/30 9/31 9/31 9/32
9/32 9/33 9/33 9/34 9/34 9/34 9/35 9/35 9/36 9/36
9/37 10/37 10/38 10/38 10/39 10/39 10/39 10/40 10/40 10/41
10/41
"""
cells = TABLE.split()
bad = []
for n, cell in enumerate(cells, start=1):
    lmax, cmin = (int(x) for x in cell.split("/"))
    got = (oracle.longest_run_max(n), oracle.qbinom05(n - 1))
    if got != (lmax, cmin):
        bad.append("n=%d got %s want %s" % (n, got, (lmax, cmin)))
check("Anhoej thresholds n=1..100 (%d cells)" % len(cells),
      len(cells) == 100 and not bad, "; ".join(bad[:5]))

# qbinom by its definition (P(X <= c) >= 0.05, smallest c), from the pmf
from fractions import Fraction  # noqa: E402
from math import comb  # noqa: E402
bad = []
for m in range(0, 120):
    cdf = Fraction(0)
    for c in range(m + 1):
        cdf += Fraction(comb(m, c), 2 ** m)
        if cdf >= Fraction(1, 20):
            break
    if oracle.qbinom05(m) != c:
        bad.append(m)
check("qbinom(0.05, m, 0.5) for m = 0..119", not bad, str(bad[:5]))

# -- Montgomery Example 7.1 (p chart) and Example 7.3 (c chart)
cans = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
        8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]
r = run(cans, ["--rules", "anhoej", "--chart", "p"], n=[50] * 30)[0]
check("Montgomery 7.1 p chart: 0.2313 / 0.4102 / 0.0524",
      (r2(r["cl"], 4), r2(r["ucl"], 4), r2(r["lcl"], 4)) == (0.2313, 0.4102, 0.0524),
      str((r["cl"], r["ucl"], r["lcl"])))
boards = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17,
          13, 22, 18, 39, 30, 24, 16, 19, 17, 15]
rows = run(boards, ["--rules", "anhoej", "--chart", "c"])
r = rows[0]
# Montgomery rounds c-bar to 19.85 before the limits (33.22, 6.48); from the
# unrounded 516/26 they are 33.21 and 6.48, hence the 0.011 tolerance.
check("Montgomery 7.3 c chart: 19.85 / 33.22 / 6.48",
      r2(r["cl"]) == 19.85 and abs(float(r["ucl"]) - 33.22) < 0.011
      and abs(float(r["lcl"]) - 6.48) < 0.011,
      str((r["cl"], r["ucl"], r["lcl"])))
check("Montgomery 7.3: samples 6 and 20 beyond the limits",
      [k + 1 for k, x in enumerate(rows) if x["signal"] == "1"] == [6, 20])

# -- the product's behaviours
# 4 above, 1 on, 4 above: one Anhoej run of 8; the NHS run is broken.
seq = [6, 6, 6, 6, 5, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4, 4, 4, 5]   # median 5
rows = run(seq, ["--rules", "anhoej", "--chart", "run"])
check("run chart median 5, point on the centre skipped: longest run 8",
      rows[0]["cl"] == "5" and rows[0]["longest_run"] == "8"
      and rows[0]["n_crossings"] == "1",
      str((rows[0]["cl"], rows[0]["longest_run"], rows[0]["n_crossings"])))
# mean exactly 5; 3 above, 1 on, 3 above (no run), then 7 below (a run)
seq = [6, 7, 6, 5, 7, 6, 7, 3, 4, 3, 4, 3, 4, 3, 7]
rows = run(seq, ["--rules", "mdc7"])
check("NHS: a point on the mean breaks the run; 7 below is a run",
      rows[0]["cl"] == "5" and all(x["signal"] == "0" for x in rows[:7])
      and all(x["signal_type"] == "run" for x in rows[7:14])
      and rows[14]["signal"] == "0",
      str([(x["y"], x["signal_type"]) for x in rows]))
rows = run([4.2] * 15, ["--rules", "mdc7"])
check("constant, screened: centre, no limits, no signal",
      rows[0]["cl"] == "4.2" and rows[0]["lcl"] == "" and rows[0]["ucl"] == ""
      and all(x["signal"] == "0" for x in rows))
rows = run([4.2] * 15, ["--rules", "mdc7", "--no-screen"])
check("constant, unscreened: limits equal the centre, no signal",
      rows[0]["lcl"] == "4.2" and rows[0]["ucl"] == "4.2"
      and all(x["signal"] == "0" for x in rows))
rows = run([0.1] * 15, ["--rules", "anhoej", "--chart", "i"])
check("anhoej constant: no limits, no runs (n useful 0), no signal",
      rows[0]["lcl"] == "" and rows[0]["longest_run"] == ""
      and all(x["signal"] == "0" and x["runs_signal"] == "0" for x in rows))
check("n = 24 useful points: 8 / 8",
      (oracle.longest_run_max(24), oracle.qbinom05(23)) == (8, 8))
rows = run([5], ["--rules", "mdc7"])
check("one value: no centre", rows[0]["cl"] == "" and rows[0]["signal"] == "0")
rows = run([1, None, 2, 3], ["--rules", "anhoej", "--chart", "mr"])
check("mr chart: not bridged over a missing month",
      [x["y"] for x in rows] == ["", "", "", "1"], str([x["y"] for x in rows]))
# A2: a row without a value keeps its group's centre and constant limits.
rows = run([10, 12, None, 11, 13, 9], ["--rules", "anhoej", "--chart", "i"])
check("i chart, missing month: centre and both limits on its row",
      rows[2]["y"] == "" and rows[2]["cl"] == rows[0]["cl"] != ""
      and rows[2]["lcl"] == rows[0]["lcl"] != "" and rows[2]["ucl"] == rows[0]["ucl"] != ""
      and rows[2]["signal"] == "0", str(rows[2]))
rows = run([1, 3, 6, 10], ["--rules", "anhoej", "--chart", "mr"])
check("mr chart, first row: no value, centre 3, limits 0 and 3.267 * 3",
      (rows[0]["y"], rows[0]["cl"], rows[0]["lcl"], rows[0]["ucl"]) == ("", "3", "0", "9.801"),
      str(rows[0]))
rows = run([5, 6, 0, 4], ["--rules", "anhoej", "--chart", "p"], n=[50, 60, 0, 40])
check("p chart, n = 0: centre 0.1, limits empty (they depend on n)",
      (rows[2]["y"], rows[2]["cl"], rows[2]["lcl"], rows[2]["ucl"]) == ("", "0.1", "", "")
      and rows[0]["ucl"] != "", str(rows[2]))
rows = run([10, 12, None, 11, 13, 9], ["--rules", "mdc7"])
check("mdc, missing month: mean_col, lpl and upl on its row",
      rows[2]["cl"] == rows[0]["cl"] == "11" and rows[2]["lcl"] == rows[0]["lcl"] != ""
      and rows[2]["point_type"] == "", str(rows[2]))

print("# selftest: %d failure(s)" % failures)
sys.exit(1 if failures else 0)
