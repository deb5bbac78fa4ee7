#!/usr/bin/env python3
"""gen.py -- deterministic random series for the `dyadreport spc` oracle test.

  gen.py [--seed S] [--count N] OUTDIR

writes OUTDIR/cNNN.csv (input of `dyadreport spc`) and OUTDIR/cases.txt, one
line per case: ID<TAB>DESCRIPTION<TAB>OPTIONS (options separated by single
spaces; no option value contains a blank). The same seed and count always
give the same files (random.Random(seed), no clock, no environment).

Covered: plain series, shifts, trends, outliers, missing months (empty y),
zero denominators, constant series, short series (0-3 points), ties on the
centre line (integer data whose mean or median is one of the values),
proportions with n (p, pp, and mdc on y/n), counts (c), rates (u, up,
multiply 1000), rebases, baselines, --no-screen, --multiply 100/1000,
targets above, below and inside the last phase's limits, --better
higher/lower/neutral, under mdc7, mdc6 and anhoej with every chart.

Cases the oracle cannot judge without a spec decision are avoided: rebase on
the first row, --chart c with an n column, y > n on a p chart, a baseline
window holding fewer than 2 values in a phase that has 2 or more, mdc
baselines under 12 (NHSRplotthedots refuses fix_after_n_points < 12), and
targets equal to a limit.
"""

import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402  (used to place targets against the limits)


def poisson(r, lam):
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, int(round(r.gauss(lam, math.sqrt(lam)))))
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= r.random()
        if p <= L:
            return k
        k += 1


def binom(r, n, p):
    return sum(1 for _ in range(n) if r.random() < p)


def periods(r, count):
    y, m = r.randint(2015, 2026), r.randint(1, 12)
    day = r.random() < 0.15
    out = []
    for _ in range(count):
        out.append("%04d-%02d%s" % (y, m, "-01" if day else ""))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def shape(r, kind, length, mu, sd):
    """A list of floats of the given kind."""
    v = [r.gauss(mu, sd) for _ in range(length)]
    if kind == "shift" and length > 4:
        at = r.randint(length // 3, 2 * length // 3)
        d = r.choice([-1, 1]) * r.uniform(1.5, 3) * sd
        v = [x + (d if i >= at else 0) for i, x in enumerate(v)]
    elif kind == "trend" and length > 8:
        tl = r.randint(6, min(10, length))
        at = r.randint(0, length - tl)
        step = r.choice([-1, 1]) * r.uniform(0.3, 1.0) * sd
        base = v[at]
        for j in range(tl):
            v[at + j] = base + step * j + r.uniform(-0.05, 0.05) * abs(step)
    elif kind == "outlier" and length > 2:
        for _ in range(r.randint(1, 2)):
            k = r.randrange(length)
            v[k] = mu + r.choice([-1, 1]) * r.uniform(4, 8) * sd
    elif kind == "drift" and length > 4:
        v = [x + i * sd * 0.15 for i, x in enumerate(v)]
    return v


def tie_series(r, length, m):
    """Integers whose mean is exactly m (symmetric deviations, shuffled)."""
    half = [r.randint(1, 3) for _ in range(length // 2)]
    v = [m + d for d in half] + [m - d for d in half]
    if length % 2:
        v.append(m)
    # a few extra points exactly on the centre
    for _ in range(r.randint(0, 3)):
        if v:
            v[r.randrange(len(v))] = m
            # keep the mean exact: restore the symmetric sum
    s = sum(v) - m * len(v)
    if s and v:
        v[0] -= s
    r.shuffle(v)
    return v


def crafted(r, length):
    """Series aimed at the rules' corners: a trend ending on the last point,
    a rise and a fall sharing a peak, two rises joined by a tie (R labels the
    joint "Decreasing"), 2 of 3 in the outer third at the end, a run of L-1
    and of L around a point exactly on the mean, a long run at the end."""
    t = r.choice(["end_trend", "peak", "tie_trends", "end_two_of_three",
                  "on_mean_run", "end_run", "end_trend_short"])
    base = [r.choice([-1, 1]) * r.randint(0, 3) for _ in range(max(length, 1))]
    m = r.randint(10, 60)
    v = [m + b for b in base]
    L = r.choice([6, 7, 8])
    if t in ("end_trend", "end_trend_short") and length >= L + 2:
        k = L if t == "end_trend" else L - 1
        step = r.choice([-1, 1])
        start = length - k
        for j in range(k):
            v[start + j] = m + step * (j - k // 2)
    elif t == "peak" and length >= 2 * L + 1:
        at = r.randint(0, length - 2 * L + 1)
        for j in range(L):
            v[at + j] = m - 3 + j
        for j in range(L - 1):
            v[at + L + j] = m - 3 + L - 2 - j
    elif t == "tie_trends" and length >= 2 * L + 2:
        at = r.randint(0, length - 2 * L)
        for j in range(L):
            v[at + j] = m - 4 + j
        for j in range(L):
            v[at + L + j] = m - 4 + L - 1 + j
    elif t == "end_two_of_three" and length >= 8:
        sd = 1.6
        v = [m + r.gauss(0, sd) for _ in range(length)]
        sign = r.choice([-1, 1])
        v[-1] = m + sign * 2.3 * sd
        v[-2] = m + sign * 0.5 * sd
        v[-3] = m + sign * 2.4 * sd
        v = [round(x, 2) for x in v]
    elif t == "on_mean_run" and length >= 16:
        # symmetric integers (mean exactly m) with a block above the mean
        k = r.choice([L - 1, L])
        half = length // 2
        ups = [r.randint(1, 3) for _ in range(half)]
        v = [m + u for u in ups] + [m - u for u in ups] + ([m] if length % 2 else [])
        block = v[:k] + [m] + v[k:2 * k]
        rest = v[2 * k:]
        rest = [x for x in rest if x != m] + [m] * (rest.count(m) - 1)
        r.shuffle(rest)
        v = (rest[:len(rest) // 2] + block + rest[len(rest) // 2:])[:length]
        s = sum(v) - m * len(v)
        v[0] -= s
    elif t == "end_run" and length >= 12:
        k = r.randint(7, 12)
        sign = r.choice([-1, 1])
        for j in range(length - k, length):
            v[j] = m + sign * r.randint(1, 3)
    return v[:length]


def num(x, dec):
    if dec == 0:
        return "%d" % int(round(x))
    s = "%.*f" % (dec, x)
    return "0" if s in ("-0", "-0.0", "-0.00") else s


class Case:
    def __init__(self, desc, header_n, rows, opts):
        self.desc, self.has_n, self.rows, self.opts = desc, header_n, rows, opts

    def csv(self):
        head = "period,y,n" if self.has_n else "period,y"
        lines = [head] + [",".join(c) for c in self.rows]
        return "\n".join(lines) + "\n"


def blank_some(r, rows, frac, has_n, zero_den=False):
    for k in range(len(rows)):
        if r.random() < frac:
            if has_n and zero_den and r.random() < 0.5:
                rows[k][1] = "0"
                rows[k][2] = "0"
            elif has_n and r.random() < 0.3:
                rows[k][2] = ""
            else:
                rows[k][1] = ""


def make_values(r, kind, length, chart, with_n):
    """Rows [y, n] (strings) for a chart family."""
    rows = []
    if chart in ("p", "pp") or (with_n == "prop"):
        p0 = r.choice([0.02, 0.1, 0.3, 0.5, 0.8, 0.97])
        nbase = r.choice([30, 100, 400])
        vals = shape(r, kind, length, p0, 0.05)
        for x in vals:
            n = max(1, int(nbase * r.uniform(0.5, 1.5)))
            p = min(max(x, 0.0), 1.0)
            rows.append([str(binom(r, n, p)), str(n)])
        if kind == "constant":
            rows = [["0", str(max(1, int(nbase * r.uniform(0.5, 1.5))))] for _ in range(length)]
        return rows
    if chart in ("u", "up") or (with_n == "rate"):
        rate = r.choice([0.5, 2.0, 8.0])
        vals = shape(r, kind, length, rate, rate * 0.3)
        for x in vals:
            n = r.randint(500, 5000)
            rows.append([str(poisson(r, max(x, 0) * n / 1000)), str(n)])
        return rows
    if chart == "c":
        lam = r.choice([1.5, 6, 20])
        vals = shape(r, kind, length, lam, math.sqrt(lam))
        if kind == "constant":
            return [[str(int(lam))] for _ in range(length)]
        return [[str(poisson(r, max(x, 0)))] for x in vals]
    # continuous (i, mr, run, mdc)
    if kind == "crafted":
        return [[num(x, 0 if isinstance(x, int) else 2)] for x in crafted(r, length)]
    if kind == "ties":
        m = r.randint(3, 40)
        return [[str(x)] for x in tie_series(r, length, m)]
    if kind == "constant":
        c = r.choice(["5", "0.1", "12.5", "0", "-3.2"])
        return [[c] for _ in range(length)]
    mu = r.choice([0, 5, 50, 1234.5, 0.25])
    sd = r.choice([1, 0.2, 10, 0.01]) if mu != 1234.5 else 40
    sd = min(sd, abs(mu) / 2) if mu else sd
    dec = r.choice([0, 1, 2, 3]) if sd >= 1 else r.choice([2, 3, 4])
    vals = shape(r, kind, length, mu, sd)
    return [[num(x, dec)] for x in vals]


def phase_starts(rows_periods, opts):
    starts = set()
    it = iter(opts)
    for a in it:
        if a == "--rebase":
            starts.add(rows_periods.index(next(it)))
    return starts


def baseline_ok(case, rules, chart):
    """No phase with >= 2 values may have fewer than 2 in its baseline."""
    o = oracle.parse_options(case.opts)
    rows = [(p, oracle.parse_num(y), oracle.parse_num(n[0]) if n else None)
            for p, y, *n in case.rows]
    if o["baseline"] is None:
        return True
    ph = oracle.phases_of(rows, o["rebase"])
    vals = oracle.plotted_base(rows, case.has_n, rules, chart)
    if rules == "anhoej" and o["rebase"]:
        return True
    for p in set(ph):
        idx = [k for k in range(len(rows)) if ph[k] == p]
        have = [k for k in idx if vals[k] is not None]
        if len(have) < 2:
            continue
        if rules == "anhoej":
            win = [k for k in idx if k < o["baseline"]]
        else:
            win = idx[:o["baseline"]]
        if sum(1 for k in win if vals[k] is not None) < 2:
            return False
    return True


def place_target(r, case, where):
    """A --target value above/below/inside the last phase's limits."""
    text = case.csv()
    try:
        out = oracle.compute(*oracle.read_series(text), oracle.parse_options(case.opts))
    except oracle.UsageError:
        return None
    lim = None
    for row in reversed(out):
        if row[4] != "" and row[5] != "":
            lim = (float(row[4]), float(row[5]))
            break
    if lim is None:
        ys = [float(c[1]) for c in out if c[1] != ""]
        if not ys:
            return "%.6g" % r.uniform(0, 10)
        lim = (min(ys), max(ys))
    lo, hi = lim
    w = max(hi - lo, abs(hi) * 1e-3, 1e-3)
    if where == "above":
        t = hi + w * r.uniform(0.05, 0.5)
    elif where == "below":
        t = lo - w * r.uniform(0.05, 0.5)
    else:
        t = lo + w * r.uniform(0.2, 0.8)
    return "%.6g" % t


def make_case(r, k):
    rules = r.choice(["mdc7", "mdc7", "mdc7", "mdc6", "mdc6",
                      "anhoej", "anhoej", "anhoej", "anhoej", "anhoej"])
    chart = "i"
    if rules == "anhoej":
        chart = r.choice(["i", "i", "run", "mr", "p", "p", "pp", "u", "up", "c"])
    kind = r.choice(["plain", "plain", "shift", "shift", "trend", "trend",
                     "outlier", "drift", "missing", "missing", "ties",
                     "constant", "short", "crafted", "crafted"])
    if kind == "short":
        length = r.choice([0, 1, 2, 3, 3, 2])
    else:
        length = r.choice([8, 12, 15, 20, 24, 24, 30, 36, 48, 60, 100])
    with_n = None
    if rules != "anhoej" and r.random() < 0.3:
        with_n = r.choice(["prop", "rate"])
    elif rules == "anhoej" and chart in ("i", "run", "mr") and r.random() < 0.15:
        with_n = "prop"
    has_n = chart in ("p", "pp", "u", "up") or with_n is not None
    vals = make_values(r, "plain" if kind in ("missing", "short") else kind,
                       length, chart, with_n)
    pers = periods(r, length)
    rows = [[pers[i]] + vals[i] for i in range(length)]
    if kind == "missing" or (kind != "constant" and r.random() < 0.12):
        blank_some(r, rows, r.choice([0.05, 0.1, 0.25]), has_n, zero_den=has_n)
    if kind == "constant" and length > 4 and r.random() < 0.3:
        blank_some(r, rows, 0.1, has_n)
    opts = ["--rules", rules]
    if rules == "anhoej":
        opts += ["--chart", chart]
    desc = [rules] + ([chart] if rules == "anhoej" else []) + [kind, "len%d" % length]
    if has_n:
        desc.append("n")
    # rebases
    if length >= 10 and r.random() < 0.3:
        cands = list(range(2, length))
        for at in sorted(r.sample(cands, r.choice([1, 1, 2]))):
            opts += ["--rebase", pers[at]]
        desc.append("rebase")
    # baseline
    if r.random() < 0.25 and length >= 4:
        if rules == "anhoej":
            b = r.randint(3, max(3, min(length, 24)))
        else:
            b = r.randint(12, 20)
        opts += ["--baseline", str(b)]
        desc.append("baseline")
    if r.random() < 0.25:
        opts.append("--no-screen")
        desc.append("noscreen")
    mult = None
    if with_n == "prop" or chart in ("p", "pp"):
        if r.random() < 0.6:
            mult = "100"
    elif with_n == "rate" or chart in ("u", "up"):
        if r.random() < 0.7:
            mult = "1000"
    elif rules == "anhoej" and r.random() < 0.1:
        mult = r.choice(["100", "1000"])
    if mult:
        opts += ["--multiply", mult]
        desc.append("x" + mult)
    better = r.choice(["higher", "lower", "neutral", None])
    if better:
        opts += ["--better", better]
        desc.append(better)
    case = Case("-".join(desc), has_n, rows, opts)
    if r.random() < 0.5 and length > 0:
        where = r.choice(["above", "below", "inside"])
        t = place_target(r, case, where)
        if t is not None:
            case.opts += ["--target", t]
            case.desc += "-target_" + where
    return case, rules, chart


def generate(seed, count):
    r = random.Random(seed)
    cases = []
    while len(cases) < count:
        case, rules, chart = make_case(r, len(cases))
        if not baseline_ok(case, rules, chart):
            continue
        cases.append(case)
    return cases


def main(argv):
    seed, count, outdir = 20240601, 300, None
    it = iter(argv)
    for a in it:
        if a == "--seed":
            seed = int(next(it))
        elif a == "--count":
            count = int(next(it))
        else:
            outdir = a
    if outdir is None:
        sys.stderr.write("usage: gen.py [--seed S] [--count N] OUTDIR\n")
        return 2
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "cases.txt"), "w") as f:
        for i, c in enumerate(generate(seed, count)):
            cid = "c%03d" % (i + 1)
            with open(os.path.join(outdir, cid + ".csv"), "w") as g:
                g.write(c.csv())
            f.write("%s\t%s\t%s\n" % (cid, c.desc, " ".join(c.opts)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
