#!/usr/bin/env python3
"""oracle.py -- an independent reference for `dyadreport spc`.

Pure Python 3 (standard library only), transcribed from the reference
packages' own R source, not from dyadreport's C code:

  * anhoej: qicharts2 0.8.1 with library(qicharts2) attached (moving-range
    screening on), R/helper.functions.R: qic.run, qic.i, qic.mr, qic.p,
    qic.pp, qic.c, qic.u, qic.up, runs.analysis, crsignal, qic.agg;
  * mdc7 / mdc6: NHSRplotthedots 0.2.2, R/ptd_spc_standard.R,
    R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R,
    R/ptd_add_rebase_column.R,

with the product policies of doc/guide.md, SPC ("Our product's choices").

Usage:
  oracle.py [OPTIONS] [FILE]      prints the CSV `dyadreport spc` must print
  oracle.py --tap DIR             compares DIR/*.out (the C tool's output)
                                  with the oracle for every case listed in
                                  DIR/cases.txt (written by gen.py), as TAP

R semantics reproduced: mean() is the exactly rounded mean (R sums in long
double and adds a correction pass; the exact rational mean rounded once is at
least as accurate, and the comparison tolerance absorbs the difference);
sum() likewise; median() of an even count is the rounded mean of the two
middle values; diff() runs over the subset vector and NA next to a missing
month is dropped by na.rm (never bridged); screening is one pass with strict
`<` against 3.267 * the unscreened mean MR; limits use the packages' exact
operation order (qicharts2: cl +- 3 * (amr / 1.128); NHS: mean +- 2.66 * amr);
qbinom(0.05, m, 0.5) is computed exactly with integers; longest run max is
round(log2(n)) + 3; multiply is applied after all statistics and before the
sigma test (anhoej); strict comparisons everywhere.

ASSUMPTIONS where doc/guide.md is silent (the C tool may legitimately differ; a
mismatch on one of these is a question for the spec, not necessarily a bug):
  A1. "Values in a phase" counts the rows of the phase that have a plotted
      value before any moving-range transform (for --chart mr: rows with a
      y, not moving ranges, so a phase of 2 adjacent values has one moving
      range and, as in qicharts2, cl = that range, ucl = 3.267 * cl). A phase
      with fewer than 2 such values gets no centre, no limits, signal 0,
      point_type common_cause (mdc; "no signal"), runs_signal 0 (anhoej) and
      empty runs columns. Otherwise the reference computation is used even
      when the baseline window itself holds fewer than 2 values (gen.py never
      makes such cases).
  A2. A row with no plotted value (missing y, missing n, n = 0 where n is
      used, the first row of a phase on an mr chart) prints y empty,
      signal 0, signal_type empty and point_type empty (mdc), and the
      centre and limits the packages put on every row of the group:
      NHSRplotthedots' mean_col/lpl/upl (mutate over the rebase group) and
      qicharts2's cl/lcl/ucl (qic.i, qic.mr, qic.c constant; qic.run no
      limits; qic.p/pp/u/up limits from that row's n, which is 0 after
      complete.cases and sum(na.rm = TRUE), so infinite and then NA in
      qic.agg). Its phase and (anhoej) the phase's runs columns are still
      printed.
  A3. The `n` column echoes the input n (as a number, %.15g), empty if the
      input cell is empty. It is not multiplied.
  A4. mdc with --multiply K: the value fed to the XmR computation is
      (y/n)*K (or y*K without n), i.e. the statistics are computed on the
      plotted values, as a user of NHSRplotthedots would pass them.
  A5. anhoej with an n column and --chart i|mr|run: y is y/n (qicharts2's
      aggregation with n); --chart c uses y and gen.py never gives it n.
  A6. --rebase PERIOD matches a row whose period denotes the same month
      (YYYY-MM and YYYY-MM-01 are the same); a rebase on the first row or on
      a period not in the data changes nothing; phase = 1 + number of rebase
      rows after the first row, up to and including this row.
  A7. --baseline N counts rows (months, missing ones included), as both
      packages do (row_number() / xx). anhoej: the first N rows of the series,
      ignored when any --rebase is given; mdc: the first N rows of each phase.
  A8. variation_icon is taken from the last row that has a plotted value;
      empty if no row has one. For anhoej the "run longer than
      longest_run_max" clause does not apply to --chart mr (qicharts2 turns
      the runs signal off for MR charts), and a point on the centre line
      belongs to no run.
  A9. assurance uses the last row of the last phase that has both lcl and
      ucl (as printed, i.e. multiplied and clamped); empty if none, if no
      --target, or if --better is neutral.
      pass/fail/hit_and_miss = consistent_pass/consistent_fail/inconsistent.
  A10. Default --rules mdc7, default --chart (anhoej) i, default --better
      neutral, default --multiply 1.
  A11. Input rows are in chronological order (one per month); the output
      echoes each input period text unchanged.
  A12. mdc, limits not-a-number (screening dropped every moving range):
      NHSRplotthedots still evaluates the trend and 7-on-one-side rules
      (an NA limit only makes outside_limits and close_to_limits NA, which
      case_when skips), and every other point is "Common Cause". So a
      constant series prints the centre, no limits, point_type common_cause
      (the product's rule: "every point common cause"), and a phase whose values
      differ only across missing months (5,5,5,5,,1,1,1,1,1,1,1,1) still
      gets its run signal.
  A13. anhoej variation_icon is common_cause when the last point has a value
      but no centre (a phase with fewer than 2 values).
  A14. anhoej variation_icon: a last point in the latest run of a part whose
      only runs signal is too few crossings (n_crossings < n_crossings_min,
      longest_run <= longest_run_max) is typed by the run's
      side, like a point of a run longer than longest_run_max (dyadreport's
      choice: too few crossings say the process shifted, the latest run
      says to which side).
"""

import math
import os
import sys
from fractions import Fraction

HEADER = ("period,y,n,cl,lcl,ucl,phase,signal,signal_type,point_type,"
          "runs_signal,longest_run,longest_run_max,n_crossings,"
          "n_crossings_min,variation_icon,assurance")
COLUMNS = HEADER.split(",")
TEXT_COLUMNS = {"period", "signal_type", "point_type", "variation_icon",
                "assurance", "phase", "signal", "runs_signal", "longest_run",
                "longest_run_max", "n_crossings", "n_crossings_min"}
NAN = float("nan")
CHARTS = ("i", "mr", "run", "p", "pp", "u", "up", "c")


class UsageError(Exception):
    pass


# ---------------------------------------------------------------- R helpers

def isna(x):
    """R's is.na for our doubles: None (NA) or NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def r_mean(xs):
    """mean(x) of non-missing doubles (callers drop NA first); NaN if empty."""
    xs = list(xs)
    if not xs:
        return NAN
    return float(sum(Fraction(x) for x in xs) / len(xs))


def r_sum(xs):
    """sum(x, na.rm = TRUE) of finite doubles, rounded once."""
    return float(sum((Fraction(x) for x in xs), Fraction(0)))


def r_median(xs):
    """median(x, na.rm = TRUE); NA if empty."""
    s = sorted(xs)
    k = len(s)
    if k == 0:
        return NAN
    h = k // 2
    if k % 2:
        return s[h]
    return float((Fraction(s[h - 1]) + Fraction(s[h])) / 2)


def r_sign(x):
    if isna(x):
        return None
    return (x > 0) - (x < 0)


def finite(x):
    return x is not None and math.isfinite(x)


def qbinom05(m):
    """qbinom(0.05, m, 0.5): smallest c with P(Bin(m, 1/2) <= c) >= 0.05,
    exactly: 20 * sum_{i<=c} C(m, i) >= 2^m."""
    total = 2 ** m
    acc = 0
    c = 0
    coef = 1
    while True:
        acc += coef
        if 20 * acc >= total:
            return c
        coef = coef * (m - c) // (c + 1)
        c += 1


def longest_run_max(n):
    """round(log2(n)) + 3 (no .5 ties for integer n, so round() is safe)."""
    return int(round(math.log2(n))) + 3


def rle_lengths(v):
    out = []
    for x in v:
        if out and out[-1][0] == x:
            out[-1][1] += 1
        else:
            out.append([x, 1])
    return out


def runs_analysis(ys, cl):
    """qicharts2 runs.analysis over one part (all points included).
    ys: plotted (unmultiplied) values with None for missing; cl: the centre.
    Returns dict with n_useful, longest_run, longest_run_max, n_crossings,
    n_crossings_min, runs_signal, and 'useful' = list of (row index, sign)."""
    useful = []
    for k, y in enumerate(ys):
        if isna(y) or isna(cl):
            continue
        s = r_sign(y - cl)
        if s is None or s == 0:
            continue
        useful.append((k, s))
    n = len(useful)
    res = {"n_useful": n, "useful": useful}
    if n:
        runs = rle_lengths([s for _, s in useful])
        lr = max(r[1] for r in runs)
        lmax = longest_run_max(n)
        nc = max(len(runs) - 1, 0)
        cmin = qbinom05(max(n - 1, 0))
        res.update(longest_run=lr, longest_run_max=lmax, n_crossings=nc,
                   n_crossings_min=cmin,
                   runs_signal=not (nc >= cmin and lr <= lmax))
    else:
        res.update(longest_run=None, longest_run_max=None, n_crossings=None,
                   n_crossings_min=None, runs_signal=False)
    return res


def screened_amr(mrs, screen, limit=3.267):
    """mean MR, then (if screen) one pass dropping MR >= limit * mean."""
    mrs = [m for m in mrs if not isna(m)]
    amr = r_mean(mrs)
    if screen:
        ul = limit * amr
        mrs = [m for m in mrs if m < ul]  # NaN ul: nothing kept
        amr = r_mean(mrs)
    return amr


def diff_abs(vals):
    """abs(diff(v)) over a subset vector; NA where either side is NA."""
    out = []
    for a, b in zip(vals, vals[1:]):
        out.append(None if isna(a) or isna(b) else abs(b - a))
    return out


# ---------------------------------------------------------------- input

def parse_month(text):
    t = text.strip()
    parts = t.split("-")
    try:
        if len(parts) == 2:
            return (int(parts[0]), int(parts[1]), 1)
        if len(parts) == 3:
            return (int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        pass
    raise UsageError("bad period %r" % text)


def parse_num(cell):
    cell = cell.strip()
    if cell == "" or cell.upper() == "NA":
        return None
    return float(cell)


def read_series(text):
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise UsageError("empty input")
    head = [h.strip() for h in lines[0].split(",")]
    if head == ["period", "y"]:
        has_n = False
    elif head == ["period", "y", "n"]:
        has_n = True
    else:
        raise UsageError("bad header %r" % lines[0])
    rows = []
    for ln in lines[1:]:
        cells = ln.split(",")
        if len(cells) != len(head):
            raise UsageError("bad row %r" % ln)
        y = parse_num(cells[1])
        n = parse_num(cells[2]) if has_n else None
        rows.append((cells[0].strip(), y, n))
    return rows, has_n


def parse_options(argv):
    o = {"rules": "mdc7", "chart": "i", "baseline": None, "rebase": [],
         "screen": True, "multiply": 1.0, "target": None, "better": "neutral",
         "file": None}
    it = iter(argv)
    for a in it:
        if a.startswith("--") and "=" in a:
            a, v = a.split("=", 1)
            rest = [v]
        else:
            rest = []

        def val():
            return rest[0] if rest else next(it)
        if a == "--rules":
            o["rules"] = val()
            if o["rules"] not in ("mdc7", "mdc6", "anhoej"):
                raise UsageError("bad --rules")
        elif a == "--chart":
            o["chart"] = val()
            if o["chart"] not in CHARTS:
                raise UsageError("bad --chart")
        elif a == "--baseline":
            o["baseline"] = int(val())
        elif a == "--rebase":
            o["rebase"].append(val())
        elif a == "--no-screen":
            o["screen"] = False
        elif a == "--multiply":
            o["multiply"] = float(val())
        elif a == "--target":
            o["target"] = float(val())
        elif a == "--better":
            o["better"] = val()
            if o["better"] not in ("higher", "lower", "neutral"):
                raise UsageError("bad --better")
        elif a == "-" or not a.startswith("-"):
            o["file"] = a
        else:
            raise UsageError("unknown option %s" % a)
    return o


# ---------------------------------------------------------------- engine

def phases_of(rows, rebases):
    keys = set(parse_month(p) for p in rebases)  # A6: YYYY-MM = YYYY-MM-01
    ph = []
    cur = 1
    for k, (period, _, _) in enumerate(rows):
        if k > 0 and parse_month(period) in keys:
            cur += 1
        ph.append(cur)
    return ph


def plotted_base(rows, has_n, rules, chart):
    """Value before multiply, None when the month has no value."""
    out = []
    for _, y, n in rows:
        use_n = has_n and not (rules == "anhoej" and chart == "c")
        if y is None:
            out.append(None)
        elif use_n:
            if n is None or n == 0:
                out.append(None)
            else:
                out.append(y / n)
        else:
            out.append(y)
    return out


def side_type(side, better):
    if better == "neutral":
        return "special_cause_neutral_high" if side > 0 else "special_cause_neutral_low"
    good = side > 0 if better == "higher" else side < 0
    return "special_cause_improvement" if good else "special_cause_concern"


# -- NHSRplotthedots rules (ptd_calculate_point_type.R), L = 7 or 6

def one_side_mean(rtm, L):
    vp = [0] * (L - 1) + list(rtm)
    out = []
    for i in range(L - 1, len(vp)):
        out.append(1 if (vp[i] != 0 and all(vp[i] == vp[i - j] for j in range(1, L))) else 0)
    return out


def part_of(v, L):
    vp = list(v) + [0] * (L - 1)
    return [1 if any(abs(vp[i + j]) == 1 for j in range(L)) else 0
            for i in range(len(v))]


def point_trend(y, L):
    if len(y) < L:
        return [0] * len(y)
    out = [0] * (L - 1)
    for i in range(L - 1, len(y)):
        d = [r_sign(y[i - j] - y[i - j - 1]) for j in range(L - 1)]
        if all(x == 1 for x in d):
            out.append(1)
        elif all(x == -1 for x in d):
            out.append(-1)
        else:
            out.append(0)
    return out


def two_in_three(close, rtm):
    if not close:
        return []
    vp = [0, 0] + [1 if c else 0 for c in close] + [0, 0]
    rp = [0, 0] + list(rtm) + [0, 0]
    out = []
    for i in range(len(close)):
        fire = False
        for s in (0, 1, 2):
            w = range(i + s, i + s + 3)
            if sum(vp[k] for k in w) >= 2 and abs(sum(rp[k] for k in w)) == 3:
                fire = True
        out.append(1 if fire else 0)
    return out


def nhs_special_cause_type(y, rtm, close, outside, L):
    """Labels per ptd_special_cause_type, on the compressed series."""
    m = len(y)
    p_trend = part_of(point_trend(y, L), L)
    tit = two_in_three(close, rtm)
    p_two = [1 if (tit[i] == 1 and close[i]) else 0 for i in range(m)]
    p_side = part_of(one_side_mean(rtm, L), L)
    sdy = [r_sign(y[i + 1] - y[i]) for i in range(m - 1)]
    lab = []
    for i in range(m):
        nxt = p_trend[i + 1] if i + 1 < m else 0
        if nxt and p_trend[i]:
            s = sdy[i] if i < m - 1 else sdy[-1]
        else:
            s = sdy[i - 1] if i > 0 else 0
        ab = "Above" if rtm[i] > 0 else "Below"
        if outside[i]:
            lab.append(("outside_limits", "Above UCL" if rtm[i] == 1 else "Below LCL"))
        elif p_trend[i]:
            lab.append(("trend", "7 Point Trend (%screasing)" % ("In" if s == 1 else "De")))
        elif p_two[i]:
            lab.append(("two_of_three", "2 in 3 %s CL" % ab))
        elif p_side[i]:
            lab.append(("run", "7 Points %s CL" % ab))
        else:
            lab.append(("", "Common Cause"))
    return lab


def nhs_point_type(label, better):
    if "Above" in label or "Increasing" in label:
        v = 1
    elif "Below" in label or "Decreasing" in label:
        v = -1
    else:
        v = 0
    if v == 0:
        return "common_cause"
    return side_type(v, better)


def compute_mdc(rows, has_n, o, ph):
    L = 7 if o["rules"] == "mdc7" else 6
    K = o["multiply"]
    base = plotted_base(rows, has_n, "mdc", "i")
    vals = [None if v is None else v * K for v in base]
    N = len(rows)
    out = [dict() for _ in range(N)]
    limit = 2.66
    limitclose = 2 * (limit / 3)
    for p in sorted(set(ph)):
        idx = [k for k in range(N) if ph[k] == p]
        have = [k for k in idx if vals[k] is not None]
        for k in idx:
            out[k].update(y=vals[k], cl=None, lcl=None, ucl=None, signal=0,
                          signal_type="",
                          point_type="common_cause" if vals[k] is not None else "")
        if len(have) < 2:  # A1
            continue
        fixn = o["baseline"] if o["baseline"] is not None else math.inf
        fix = [vals[k] if j < fixn else None for j, k in enumerate(idx)]
        mean = r_mean([v for v in fix if v is not None])
        mr = diff_abs(fix)
        amr = screened_amr(mr, o["screen"])
        lpl = mean - (limit * amr)
        upl = mean + (limit * amr)
        nlpl = mean - (limitclose * amr)
        nupl = mean + (limitclose * amr)
        has_lim = not (math.isnan(lpl) or math.isnan(upl))
        if math.isnan(mean):
            continue
        for k in idx:  # A2: every row of the group carries them
            out[k].update(cl=mean, lcl=lpl if has_lim else None,
                          ucl=upl if has_lim else None)
        ys = [vals[k] for k in have]
        outside = [has_lim and (v > upl or v < lpl) for v in ys]
        rtm = [r_sign(v - mean) for v in ys]
        close = [has_lim and (not outside[i]) and (ys[i] < nlpl or ys[i] > nupl)
                 for i in range(len(ys))]
        labs = nhs_special_cause_type(ys, rtm, close, outside, L)
        for i, k in enumerate(have):
            st, lab = labs[i]
            out[k].update(cl=mean, lcl=lpl if has_lim else None,
                          ucl=upl if has_lim else None,
                          signal=1 if st else 0, signal_type=st,
                          point_type=nhs_point_type(lab, o["better"]))
    for k in range(N):
        out[k].update(runs_signal=None, longest_run=None, longest_run_max=None,
                      n_crossings=None, n_crossings_min=None)
    # variation icon: last row with a value (A8)
    icon = ""
    for k in range(N - 1, -1, -1):
        if out[k]["y"] is not None:
            icon = out[k]["point_type"]
            break
    return out, icon


# -- qicharts2 chart functions (helper.functions.R), one part at a time

def qic_part(chart, u, B, screen):
    """run, i, mr, c. u: plotted values (unmultiplied) of the part, None =
    missing (NaN in R); B: baseline flags.
    Returns (y, cl, lcl[], ucl[]) before multiply; limits may be NaN/inf."""
    m = len(u)
    nan_list = [NAN] * m
    if chart == "run":
        cl = r_median([u[k] for k in range(m) if B[k] and u[k] is not None])
        return u, cl, nan_list, nan_list
    if chart == "i":
        cl = r_mean([u[k] for k in range(m) if B[k] and u[k] is not None])
        sub = [None if u[k] is None else u[k] - cl for k in range(m) if B[k]]
        amr = screened_amr(diff_abs(sub), screen)
        stdev = amr / 1.128
        return u, cl, [cl - 3 * stdev] * m, [cl + 3 * stdev] * m
    if chart == "mr":
        y = [None] + diff_abs(u)
        cl = r_mean([y[k] for k in range(m) if B[k] and y[k] is not None])
        return y, cl, [0.0] * m, [3.267 * cl] * m
    if chart == "c":
        cl = r_mean([u[k] for k in range(m) if B[k] and u[k] is not None])
        sd = math.sqrt(cl) if cl >= 0 else NAN
        lcl = cl - 3 * sd
        if lcl < 0 and math.isfinite(lcl):
            lcl = 0.0
        return u, cl, [lcl] * m, [cl + 3 * sd] * m
    raise AssertionError("p, pp, u, up go through qic_ratio")


def qic_ratio(chart, u, ynum, n, B, screen):
    """p, pp, u, up. ynum: raw numerators (None where the row is missing),
    n: raw denominators (0 where missing), u = ynum/n or None."""
    m = len(u)
    num = r_sum([ynum[k] for k in range(m) if B[k] and ynum[k] is not None])
    den = r_sum([n[k] for k in range(m) if B[k] and n[k] is not None])
    cl = num / den if den != 0 else (NAN if num == 0 else math.copysign(math.inf, num))

    def sd_of(k):
        nk = n[k] if n[k] is not None else 0.0
        with_p = chart in ("p", "pp")
        var = cl * (1 - cl) if with_p else cl
        if nk == 0:
            if var == 0 or math.isnan(var):
                return NAN
            return math.inf if var > 0 else NAN
        q = var / nk
        return math.sqrt(q) if q >= 0 else NAN
    sd = [sd_of(k) for k in range(m)]
    if chart in ("pp", "up"):
        z = []
        for k in range(m):
            if not B[k]:
                continue
            if u[k] is None:
                z.append(None)
                continue
            num_z = u[k] - cl
            den_z = sd[k]
            if den_z == 0:
                zz = NAN if num_z == 0 or math.isnan(num_z) else math.copysign(math.inf, num_z)
            elif math.isinf(den_z):
                zz = 0.0 if math.isfinite(num_z) else NAN
            else:
                zz = num_z / den_z
            z.append(zz)
        mrs = []
        for a, b in zip(z, z[1:]):
            if isna(a) or isna(b):
                mrs.append(None)
            else:
                d = b - a
                mrs.append(None if math.isnan(d) else abs(d))
        # Inf MRs: mean is Inf, screening keeps the finite ones (< Inf)
        amr = screened_amr_inf(mrs, screen)
        sigma_z = amr / 1.128
        sd = [mul(s, sigma_z) for s in sd]
    lcl, ucl = [], []
    for k in range(m):
        lo = cl - 3 * sd[k] if not math.isnan(sd[k]) else NAN
        hi = cl + 3 * sd[k] if not math.isnan(sd[k]) else NAN
        if chart in ("p", "pp") and hi > 1 and math.isfinite(hi):
            hi = 1.0
        if lo < 0 and math.isfinite(lo):
            lo = 0.0
        lcl.append(lo)
        ucl.append(hi)
    return u, cl, lcl, ucl


def mul(a, b):
    if math.isnan(a) or math.isnan(b):
        return NAN
    if (math.isinf(a) and b == 0) or (math.isinf(b) and a == 0):
        return NAN
    return a * b


def screened_amr_inf(mrs, screen):
    mrs = [x for x in mrs if not isna(x)]
    if not mrs:
        return NAN
    if any(math.isinf(x) for x in mrs):
        amr = math.inf
    else:
        amr = r_mean(mrs)
    if screen:
        ul = 3.267 * amr
        mrs = [x for x in mrs if x < ul]
        if not mrs:
            return NAN
        amr = math.inf if any(math.isinf(x) for x in mrs) else r_mean(mrs)
    return amr


def compute_anhoej(rows, has_n, o, ph):
    chart = o["chart"]
    K = o["multiply"]
    N = len(rows)
    u = plotted_base(rows, has_n, "anhoej", chart)
    if chart in ("p", "pp", "u", "up") and not has_n:
        raise UsageError("--chart %s needs an n column" % chart)
    # qicharts2: rows with y or n missing have both NA; y.sum NA, n sum 0
    ynum = []
    nden = []
    for _, y, n in rows:
        if has_n and (y is None or n is None):
            ynum.append(None)
            nden.append(0.0)
        else:
            ynum.append(y)
            nden.append(n if has_n else None)
    freeze = o["baseline"] if (o["baseline"] is not None and not o["rebase"]) else math.inf
    out = [dict() for _ in range(N)]
    part_runs = {}
    for p in sorted(set(ph)):
        idx = [k for k in range(N) if ph[k] == p]
        B = [(k + 1) <= freeze for k in idx]
        up = [u[k] for k in idx]
        if chart in ("p", "pp", "u", "up"):
            y, cl, lcl, ucl = qic_ratio(chart, up, [ynum[k] for k in idx],
                                        [nden[k] for k in idx], B, o["screen"])
        else:
            y, cl, lcl, ucl = qic_part(chart, up, B, o["screen"])
        ra = runs_analysis(y, cl)
        nvals = sum(1 for v in up if v is not None)
        if nvals < 2:  # A1
            ra = runs_analysis([], NAN)
        part_runs[p] = (ra, y, cl, idx)
        for j, k in enumerate(idx):
            yk = y[j]
            row = {"y": None if isna(yk) else yk * K}
            ok = nvals >= 2  # A2: rows without a value keep cl and limits
            c = cl * K if ok and not isna(cl) else None
            lo = lcl[j] * K if ok else None
            hi = ucl[j] * K if ok else None
            if c is None:
                lo = hi = None
            lo = lo if finite(lo) else None
            hi = hi if finite(hi) else None
            sig = row["y"] is not None and ((hi is not None and row["y"] > hi) or
                                            (lo is not None and row["y"] < lo))
            row.update(cl=c, lcl=lo, ucl=hi, signal=1 if sig else 0,
                       signal_type="outside_limits" if sig else "",
                       point_type="",
                       runs_signal=0 if chart == "mr" else (1 if ra["runs_signal"] else 0),
                       longest_run=ra["longest_run"],
                       longest_run_max=ra["longest_run_max"],
                       n_crossings=ra["n_crossings"],
                       n_crossings_min=ra["n_crossings_min"])
            out[k] = row
    # variation icon (A8)
    icon = ""
    for k in range(N - 1, -1, -1):
        r = out[k]
        if r["y"] is None:
            continue
        if r["signal"]:
            side = 1 if (r["ucl"] is not None and r["y"] > r["ucl"]) else -1
            icon = side_type(side, o["better"])
        elif chart != "mr" and r["cl"] is not None:
            ra, y, cl, idx = part_runs[ph[k]]
            j = idx.index(k)
            icon = "common_cause"
            runs = []  # (start pos, length, sign) over useful points
            for pos, (rk, s) in enumerate(ra["useful"]):
                if runs and runs[-1][2] == s:
                    runs[-1][1] += 1
                    runs[-1][3].append(rk)
                else:
                    runs.append([pos, 1, s, [rk]])
            for n_run, (_, length, s, members) in enumerate(runs):
                if j not in members or ra["longest_run_max"] is None:
                    continue
                # A14: a long run, or the latest run of a part with too few
                # crossings, carries its side.
                if length > ra["longest_run_max"] or (
                        n_run == len(runs) - 1 and ra["longest_run"] <= ra["longest_run_max"]
                        and ra["n_crossings"] < ra["n_crossings_min"]):
                    icon = side_type(s, o["better"])
        else:
            icon = "common_cause"
        break
    return out, icon


def assurance(out, ph, o):
    if o["target"] is None or o["better"] == "neutral" or not out:
        return ""
    last = max(ph)
    for k in range(len(out) - 1, -1, -1):
        if ph[k] != last:
            break
        r = out[k]
        if r["lcl"] is None or r["ucl"] is None:
            continue
        t = o["target"]
        if t > r["ucl"]:
            return "fail" if o["better"] == "higher" else "pass"
        if t < r["lcl"]:
            return "pass" if o["better"] == "higher" else "fail"
        return "hit_and_miss"
    return ""


def compute(rows, has_n, o):
    """Returns the list of output rows as lists of cell strings."""
    ph = phases_of(rows, o["rebase"])
    if o["rules"] == "anhoej":
        out, icon = compute_anhoej(rows, has_n, o, ph)
    else:
        out, icon = compute_mdc(rows, has_n, o, ph)
    ass = assurance(out, ph, o)
    cells = []
    for k, (period, _, n) in enumerate(rows):
        r = out[k]
        cells.append([
            period, fmt(r["y"]), fmt(n), fmt(r["cl"]), fmt(r["lcl"]),
            fmt(r["ucl"]), str(ph[k]), str(r["signal"]), r["signal_type"],
            r["point_type"], fmt_int(r["runs_signal"]),
            fmt_int(r["longest_run"]), fmt_int(r["longest_run_max"]),
            fmt_int(r["n_crossings"]), fmt_int(r["n_crossings_min"]),
            icon, ass])
    return cells


def fmt(x):
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ""
    s = "%.15g" % x
    return "0" if s == "-0" else s


def fmt_int(x):
    return "" if x is None else "%d" % x


def render(cells):
    return "\n".join([HEADER] + [",".join(c) for c in cells]) + "\n"


def run_text(text, argv):
    o = parse_options(argv)
    rows, has_n = read_series(text)
    return render(compute(rows, has_n, o))


# ---------------------------------------------------------------- TAP mode

def close_enough(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def compare(got, want):
    """First difference between two CSV texts, or None."""
    g = got.rstrip("\n").split("\n")
    w = want.rstrip("\n").split("\n")
    if g[0].rstrip("\r") != w[0]:
        return "header: got %r, want %r" % (g[0], w[0])
    if len(g) != len(w):
        return "%d data rows, want %d" % (len(g) - 1, len(w) - 1)
    for i in range(1, len(w)):
        gc = g[i].rstrip("\r").split(",")
        wc = w[i].split(",")
        if len(gc) != len(wc):
            return "row %d: %d fields, want %d: %s" % (i, len(gc), len(wc), g[i])
        for col, a, b in zip(COLUMNS, gc, wc):
            if a == b:
                continue
            if col in TEXT_COLUMNS or a == "" or b == "":
                return "row %d (%s) column %s: got %r, want %r" % (i, wc[0], col, a, b)
            try:
                fa, fb = float(a), float(b)
            except ValueError:
                return "row %d (%s) column %s: got %r, want %r" % (i, wc[0], col, a, b)
            if not close_enough(fa, fb):
                return "row %d (%s) column %s: got %s, want %s" % (i, wc[0], col, a, b)
    return None


def tap(d, first=1):
    """Checks every case of d/cases.txt; prints TAP lines numbered from
    `first` (no plan). Returns (count, failures)."""
    num = first - 1
    failed = 0
    with open(os.path.join(d, "cases.txt")) as f:
        cases = [ln.rstrip("\n").split("\t") for ln in f if ln.strip()]
    for case in cases:
        cid, desc, opts = case[0], case[1], case[2].split() if len(case) > 2 else []
        num += 1
        path = os.path.join(d, cid + ".csv")
        with open(path) as f:
            text = f.read()
        want = run_text(text, opts)
        why = None
        rc_path = os.path.join(d, cid + ".rc")
        rc = open(rc_path).read().strip() if os.path.exists(rc_path) else "0"
        if rc != "0":
            err = ""
            ep = os.path.join(d, cid + ".err")
            if os.path.exists(ep):
                err = open(ep, errors="replace").read().strip().split("\n")[0]
            why = "exit %s: %s" % (rc, err)
        else:
            with open(os.path.join(d, cid + ".out"), errors="replace") as f:
                got = f.read()
            why = compare(got, want)
        label = "%s %s (spc %s %s.csv)" % (cid, desc, " ".join(opts), cid)
        if why is None:
            print("ok %d - %s" % (num, label))
        else:
            failed += 1
            print("not ok %d - %s" % (num, label))
            print("# %s" % why)
    return num - first + 1, failed


def main(argv):
    if argv and argv[0] == "--tap":
        first = int(argv[2]) if len(argv) > 2 else 1
        _, failed = tap(argv[1], first)
        return 1 if failed else 0
    try:
        o = parse_options(argv)
        if o["file"] in (None, "-"):
            text = sys.stdin.read()
        else:
            with open(o["file"]) as f:
                text = f.read()
        sys.stdout.write(run_text(text, [a for a in argv if a != o["file"]]))
    except UsageError as e:
        sys.stderr.write("oracle.py: %s\n" % e)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
