#!/usr/bin/env python3
"""check_funnel.py -- `dyadreport funnel` against an independent computation.

Usage: check_funnel.py DYADREPORT

Runs DYADREPORT funnel on constructed group sets and recomputes every
output cell here, from scipy and numpy only (nothing shared with the C
engine): the exact limits by Spiegelhalter 2005 appendix A.1.1 from
scipy.stats.binom / scipy.stats.poisson (ppf, cdf, pmf), and FunnelPlotR's
dispersion (z-scores on the arcsine / square-root scale, winsorised at the
10th and 90th percentiles, phi, DerSimonian-Laird tau^2, additive when
phi > 1) written out again in numpy. Every number must agree to 1e-9
(relative above 1), every flag, the model used and the row order.

Prints TAP ("ok N - WHAT" / "not ok N - WHAT") and a plan; exits 1 if any
check failed.
"""
import csv
import io
import math
import subprocess
import sys

import numpy as np
from scipy import stats

TOL = 1e-9
QS = {"lower95": 0.025, "upper95": 0.975, "lower998": 0.001, "upper998": 0.999}


def exact_limit(model, n, target, q):
    """Spiegelhalter A.1.1: r smallest with P(X <= r) >= q, limit (r - alpha) / n."""
    dist = stats.binom(n, target) if model == "proportion" else stats.poisson(n * target)
    r = int(dist.ppf(q))
    while r > 0 and dist.cdf(r - 1) >= q:
        r -= 1
    while dist.cdf(r) < q:
        r += 1
    alpha = (dist.cdf(r) - q) / dist.pmf(r)
    return max(0.0, (r - alpha) / n)


def g(model, x):
    return math.sqrt(x) if model == "poisson" else math.asin(math.sqrt(x))


def g_inverse(model, v):
    if v <= 0:
        return 0.0
    if model == "poisson":
        return v * v
    if v >= math.pi / 2:
        return 1.0
    return math.sin(v) ** 2


def expected(rows, model, od, target):
    """The whole output, computed independently: (per-row dicts, od used, phi, tau2)."""
    used = [(y, n) for _, y, n in rows if n not in ("", 0)]
    ys = np.array([y for y, _ in used], float)
    ns = np.array([n for _, n in used], float)
    theta = ys.sum() / ns.sum() if target is None else target
    s = 1 / (2 * np.sqrt(ns))
    gfun = np.sqrt if model == "poisson" else (lambda x: np.arcsin(np.sqrt(x)))
    z0 = (gfun(ys / ns) - g(model, theta)) / s
    lz, uz = np.quantile(z0, [0.1, 0.9])        # numpy "linear" = R type 7
    k = len(z0)
    phi = float(np.mean(np.clip(z0, lz, uz) ** 2))
    w = 1 / s ** 2
    denom = w.sum() - (w ** 2).sum() / w.sum()
    tau2 = 0.0 if k * phi < k - 1 or denom <= 0 else max(0.0, (k * phi - (k - 1)) / denom)
    if od == "auto":
        od = "additive" if phi > 1 else "none"
    out = []
    for group, y, n in rows:
        if n in ("", 0):
            out.append({"group": group, "flag": "no n", "target": theta})
            continue
        rate = y / n
        if od == "none":
            sd = 1 / (2 * math.sqrt(n))
            lim = {c: exact_limit(model, n, theta, q) for c, q in QS.items()}
        else:
            sd = (math.sqrt(max(phi, 1) / (4 * n)) if od == "multiplicative"
                  else math.sqrt(1 / (4 * n) + tau2))
            lim = {c: g_inverse(model, g(model, theta) + stats.norm.ppf(q) * sd)
                   for c, q in QS.items()}
        if rate > lim["upper998"]:
            flag = "above 99.8%"
        elif rate < lim["lower998"]:
            flag = "below 99.8%"
        elif rate > lim["upper95"]:
            flag = "above 95%"
        elif rate < lim["lower95"]:
            flag = "below 95%"
        else:
            flag = "within"
        row = {"group": group, "rate": rate, "target": theta, "flag": flag,
               "z": (g(model, rate) - g(model, theta)) / sd}
        row.update(lim)
        out.append(row)
    return out, od, phi, tau2


def close(got, want):
    return abs(got - want) <= TOL * max(1.0, abs(want))


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, what, ok, detail=""):
        self.n += 1
        print(("ok" if ok else "not ok"), self.n, "-", what)
        if not ok:
            self.failed += 1
            for line in detail.splitlines()[:8]:
                print("#  ", line)


def run_case(tap, binary, what, rows, model="proportion", od="auto", target=None,
             want_od=None):
    text = "group,y,n\n" + "".join(f"{grp},{y},{n}\n" for grp, y, n in rows)
    args = [binary, "funnel", "--model", model, "--overdispersion", od]
    if target is not None:
        args += ["--target", repr(target)]
    proc = subprocess.run(args, input=text, capture_output=True, text=True)
    if proc.returncode != 0:
        tap.check(what, False, f"exit {proc.returncode}\n{proc.stderr}")
        return None
    got = list(csv.DictReader(io.StringIO(proc.stdout)))
    want, od_used, phi, tau2 = expected(rows, model, od, target)
    problems = []
    if len(got) != len(want):
        problems.append(f"{len(got)} rows, want {len(want)}")
    for g_row, w_row in zip(got, want):
        if g_row["group"] != w_row["group"] or g_row["flag"] != w_row["flag"]:
            problems.append(f"{g_row['group']}: flag {g_row['flag']!r}, want {w_row['flag']!r}")
        if g_row["od"] != od_used:
            problems.append(f"{g_row['group']}: od {g_row['od']}, want {od_used}")
        for col in ("phi", "tau2"):
            if not close(float(g_row[col]), phi if col == "phi" else tau2):
                problems.append(f"{col} {g_row[col]}, want {phi if col == 'phi' else tau2!r}")
        for col in ("rate", "target", "z") + tuple(QS):
            if col not in w_row:
                if g_row[col] != "":
                    problems.append(f"{g_row['group']}: {col} {g_row[col]!r}, want empty")
                continue
            if g_row[col] == "" or not close(float(g_row[col]), w_row[col]):
                problems.append(f"{g_row['group']}: {col} {g_row[col]!r}, want {w_row[col]!r}")
    if want_od is not None and od_used != want_od:
        problems.append(f"the independent computation chose {od_used}, the case wants {want_od}")
    if want_od is not None and f"overdispersion {want_od}" not in proc.stderr:
        problems.append(f"stderr does not name overdispersion {want_od}: {proc.stderr.strip()}")
    tap.check(what, not problems, "\n".join(problems))
    return got


def main():
    binary = sys.argv[1]
    tap = Tap()
    sizes = [1, 5, 37, 500, 20000]

    # Proportions at fixed targets near 0, at 0.5 and near 1, exact limits
    # (od none), groups at several n with rates below, at and above target.
    for target in (0.002, 0.5, 0.97):
        rows = []
        for n in sizes:
            for shift, tag in ((-3, "lo"), (0, "mid"), (3, "hi")):
                mean = n * target
                y = min(n, max(0, round(mean + shift * math.sqrt(n * target * (1 - target)))))
                rows.append((f"n{n}{tag}", y, n))
        run_case(tap, binary, f"proportion limits exact, target {target}, n 1..20000",
                 rows, od="none", target=target)

    # The pooled target, with a group of n = 0 listed and left out.
    rows = [("a", 2, 5), ("b", 9, 37), ("none", 0, 0), ("c", 61, 500), ("d", 2512, 20000),
            ("e", 1, 1)]
    got = run_case(tap, binary, "pooled proportion target, n = 0 row listed as no n",
                   rows, od="none")
    if got:
        tap.check("the n = 0 row keeps its place and has no rate or limits",
                  got[2]["group"] == "none" and got[2]["rate"] == "" and
                  got[2]["upper998"] == "" and got[2]["flag"] == "no n")

    # Poisson counts: y events over n units of exposure (visits / 100, say).
    for target in (0.03, 2.5):
        rows = []
        for n in (1, 5.5, 37, 500, 20000):
            mean = n * target
            for shift, tag in ((-3, "lo"), (0, "mid"), (3, "hi")):
                rows.append((f"n{n}{tag}", max(0, round(mean + shift * math.sqrt(mean))), n))
        run_case(tap, binary, f"poisson limits exact, target {target}", rows,
                 model="poisson", od="none", target=target)

    # Overdispersed by construction: 20 groups of 300..1250 whose true rates
    # are spread evenly from 0.05 to 0.40 (y = round(rate * n)): far wider
    # than binomial chance, so phi >> 1 and auto picks additive with tau^2.
    od_rows = []
    for i in range(20):
        n = 300 + 50 * i
        od_rows.append((f"g{i:02d}", round((0.05 + 0.35 * ((i * 7) % 20) / 19) * n), n))
    run_case(tap, binary, "overdispersed set: auto picks additive, tau^2 matches",
             od_rows, want_od="additive")
    run_case(tap, binary, "overdispersed set: multiplicative limits", od_rows,
             od="multiplicative")
    run_case(tap, binary, "overdispersed set: additive limits, given target", od_rows,
             od="additive", target=0.2)

    # Not overdispersed: every group at the pooled rate to the nearest event
    # (12% of n), so the z-scores are all near 0, phi < 1: auto picks none.
    calm = [(f"c{i}", round(0.12 * n), n) for i, n in enumerate((50, 80, 120, 200, 333, 400,
                                                                  640, 900, 1000, 1500))]
    run_case(tap, binary, "calm set: auto picks none (exact limits)", calm, want_od="none")

    # Rates, overdispersed: the square-root scale.
    rc_rows = [(f"r{i}", round((0.5 + 0.2 * i) * n / 10), n / 10)
               for i, n in enumerate(range(400, 2400, 100))]
    run_case(tap, binary, "overdispersed poisson set: auto, square-root scale", rc_rows,
             model="poisson")

    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
