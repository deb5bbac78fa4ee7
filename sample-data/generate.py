#!/usr/bin/env python3
"""Generate the dyadreport sample extracts (visits, denials, handoffs, burnout, commentary).

Usage: python3 generate.py [--out DIR] [--scale K] [--seed S] [--end YYYY-MM] [--months N]

Standard library only and deterministic: each extract draws from its own
random.Random("SEED/name") stream (string seeds are hashed with SHA-512, not
with Python's randomised hash), and only random(), uniform(), randint(),
randrange(), choice(), choices() and triangular() are used (no log/exp based
draws), so the bytes do not depend on time, locale, PYTHONHASHSEED or libm.
The built-in patterns are placed relative to --end (see README.md), and so
are commentary.csv's meetings: what the dyads said and decided about those
patterns in the last three months (no randomness; its texts quote the
default run's figures).
"""
import argparse
import calendar
import csv
import datetime as dt
import os
import random

# ---------------------------------------------------------------- constants
DYADS = [("oncology", ["ONC", "RADONC", "INF"]),
         ("primary-care", ["FM", "IM", "PEDS"]),
         ("surgery", ["GSURG", "ORTHO", "URO"])]
DEPTS = [d for _, ds in DYADS for d in ds]
DYAD_OF = {d: dy for dy, ds in DYADS for d in ds}

# Per department and month at scale 1: visits, auth requests, handoffs,
# survey respondents per wave, no-show factor, handoff completion rate.
VOLUME = {  # visits, auths, handoffs, survey, no-show x, completion
    "ONC": (135, 72, 60, 26, 0.6, 0.94), "RADONC": (80, 45, 15, 5, 0.5, 0.95),
    "INF": (110, 60, 30, 18, 0.5, 0.93), "FM": (170, 45, 45, 24, 1.2, 0.92),
    "IM": (165, 55, 60, 28, 1.1, 0.93), "PEDS": (135, 25, 35, 20, 1.4, 0.94),
    "GSURG": (100, 50, 160, 30, 0.9, 0.96), "ORTHO": (125, 62, 70, 22, 1.0, 0.95),
    "URO": (90, 40, 40, 14, 1.0, 0.94)}
PROVIDERS = {
    "ONC": ["Ana Ruiz", "Renée Lefèvre", "David Okafor", "Mei Lin Tan", "Samuel Goldberg",
            "Fatima Al-Sayed", "Kevin O'Neill", "Laura Bianchi"],
    "RADONC": ["Bjørn Østergaard", "Hannah Weiss", "Rahul Mehta", "Claire Dubois",
               "Marcus Johnson", "Yuki Tanaka", "Elena Petrova", "Thomas Wright"],
    "INF": ["Grace Kim", "Olivia Martínez", "Daniel Cohen", "Amara Nwosu", "Peter Novak",
            "Sofia Rossi", "James Patel", "Chloé Laurent"],
    "FM": ["O'Brien, Siobhán", "Michael Brown", "Aisha Rahman", "Carlos Mendoza",
           "Emily Carter", "Ibrahim Diallo", "Jessica Moore", "Minh Anh Nguyen"],
    "IM": ["Priya Raman", "Łukasz Wójcik", "Robert Taylor", "Sarah Goldstein",
           "Ahmed Hassan", "Linda Park", "Mateo García", "Karen Schmidt"],
    "PEDS": ["Zoë Lindström", "Noah Fischer", "Amelia Clarke", "Jun Watanabe",
             "Isabel Ferreira", "Benjamin Adler", "Maya Singh", "François Girard"],
    "GSURG": ["José Núñez", "William Harris", "Natalia Kowalska", "Omar Farouk",
              "Rebecca Stein", "Henrik Lindqvist", "Alicia Romero", "Christopher Hall"],
    "ORTHO": ["Søren Madsen", "Jennifer Adams", "Andrew Collins", "Paulo Costa",
              "Victoria Evans", "Raj Iyer", "Tomasz Zieliński", "Åsa Holmberg"],
    "URO": ["Steven Park", "Ingrid Halvorsen", "Luis Herrera", "Rachel Green",
            "Dmitri Volkov", "Nadia Haddad", "Patrick Murphy", "Ewa Nowak"]}
PRIMARY_SEASON = [1.15, 1.12, 1.04, 0.98, 0.96, 0.92, 0.86, 0.88, 1.00, 1.03, 1.07, 1.12]
OTHER_SEASON = [1.02, 1.01, 1.03, 1.00, 1.00, 0.98, 0.93, 0.94, 1.01, 1.03, 1.01, 0.93]
VISITS_PER_SESSION = 10  # booked slots per provider clinic day
EM_WRVU = {"NEW": [1.60, 2.60, 2.60, 3.50], "ESTABLISHED": [0.70, 1.30, 1.30, 1.92, 1.92, 2.80]}

PAYERS = [("Aetna", 15, 0.09), ("BlueCross BlueShield", 20, 0.08), ("Cigna", 12, 0.11),
          ("Humana", 11, 0.12), ("Medicare Advantage – Sunrise", 20, 0.11),
          ("UnitedHealthcare", 22, 0.10)]          # name, weight, initial denial rate
RISING_PAYER = "UnitedHealthcare"
RISE = [0.21, 0.22, 0.22, 0.23, 0.22, 0.23, 0.22]  # its rate over the last 7 months
DYAD_DENIAL_FACTOR = {"oncology": 1.10, "primary-care": 0.90, "surgery": 1.00}
SERVICES = {  # label or CPT/HCPCS code, weight, amount range
    "ONC": [("PET-CT", 4, 1500, 6000), ("78815", 2, 1500, 6000), ("MRI Brain", 3, 900, 3500),
            ("CT Chest", 3, 400, 1800), ("Genetic testing panel", 1, 2000, 8000)],
    "RADONC": [("IMRT planning", 3, 3000, 12000), ("77385", 3, 800, 2500),
               ("SBRT", 2, 8000, 22000), ("Proton therapy", 1, 15000, 25000)],
    "INF": [("Chemotherapy infusion", 4, 2000, 18000), ("96413", 3, 300, 900),
            ("J9271", 2, 9000, 24000), ("Iron infusion", 1, 500, 2500)],
    "FM": [("MRI Lumbar Spine", 3, 800, 2800), ("Sleep study", 3, 600, 3000),
           ("95810", 2, 600, 3000), ("CT Abdomen", 2, 500, 2200), ("GLP-1 agonist", 3, 900, 1400)],
    "IM": [("CT Abdomen", 3, 500, 2200), ("74177", 2, 500, 2200), ("Echocardiogram", 3, 400, 1800),
           ("Sleep study", 2, 600, 3000), ("Cardiac stress test", 2, 500, 2500),
           ("GLP-1 agonist", 3, 900, 1400)],
    "PEDS": [("MRI Brain", 2, 900, 3500), ("Growth hormone", 2, 1500, 6000),
             ("Speech therapy", 3, 100, 600), ("Allergy testing", 2, 150, 900)],
    "GSURG": [("Laparoscopic cholecystectomy", 3, 6000, 15000), ("47562", 2, 6000, 15000),
              ("Bariatric surgery", 2, 14000, 25000), ("CT Abdomen", 3, 500, 2200),
              ("Hernia repair", 2, 4000, 11000)],
    "ORTHO": [("Knee arthroplasty", 4, 15000, 25000), ("27447", 2, 15000, 25000),
              ("Hip arthroplasty", 2, 16000, 25000), ("MRI Knee, without contrast", 3, 700, 2600),
              ("Spinal fusion", 1, 18000, 25000)],
    "URO": [("Cystoscopy", 3, 400, 1800), ("52000", 2, 400, 1800), ("Prostate biopsy", 2, 1200, 4000),
            ("MRI Prostate", 2, 900, 3200), ("Lithotripsy", 2, 3000, 9000)]}
REASONS = [("MISSING_DOCUMENTATION", 30, 0.65), ("MEDICAL_NECESSITY", 25, 0.40),
           ("AUTHORIZATION", 15, 0.45), ("CODING_ERROR", 12, 0.70), ("ELIGIBILITY", 10, 0.20),
           ("TIMELY_FILING", 3, 0.10), ("OTHER", 5, 0.40)]   # code, weight, P(overturned)
EXTRACT_DELAY, STUCK_SHARE = 2, 0.03  # extract pulled 2 days after month end
DECISION_LAG_WEIGHTS = [7, 11, 13, 12, 10, 8, 6, 5, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1]  # 1..20 days

INPATIENT = {"GSURG", "ORTHO", "ONC"}
HANDOFF_MIX = {True: [("SHIFT_CHANGE", 45), ("DISCHARGE", 25), ("RESULT_FOLLOWUP", 15),
                      ("REFERRAL", 10), ("OTHER", 5)],
               False: [("SHIFT_CHANGE", 5), ("DISCHARGE", 5), ("RESULT_FOLLOWUP", 50),
                       ("REFERRAL", 30), ("OTHER", 10)]}
WINDOW = {"SHIFT_CHANGE": 1, "DISCHARGE": 48, "RESULT_FOLLOWUP": 168, "REFERRAL": 720, "OTHER": 72}
GIVEN_WINDOW = {"SHIFT_CHANGE": [0.5, 2], "DISCHARGE": [24, 72], "RESULT_FOLLOWUP": [72, 336],
                "REFERRAL": [336, 1440], "OTHER": [24, 168]}  # window_hours when a row states one
TREND_DEPT, TREND_FROM, TREND_TO, TREND_MONTHS = "GSURG", 0.96, 0.82, 9
# Primary care starts text-message reminders in April 2026: its no-show
# rate drops by about a third from then on (site.ini annotates it, rebase).
REMINDERS_DYAD, REMINDERS_FROM, REMINDERS_FACTOR = "primary-care", (2026, 4), 0.65

ROLES = [("PHYSICIAN", 25, 1.15), ("APP", 12, 1.0), ("NURSE", 40, 1.2), ("STAFF", 23, 0.8)]
BURNOUT_BEFORE, BURNOUT_AFTER = 0.45, [0.36, 0.34, 0.35, 0.35]
DYAD_BURNOUT_OFFSET = {"oncology": 0.03, "primary-care": -0.01, "surgery": 0.01}
KEY_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


# ---------------------------------------------------------------- helpers
def month_list(end, n):
    y, m = end
    out = []
    for _ in range(n):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def days_of(ym, weekdays_only=False):
    y, m = ym
    days = [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]
    return [d for d in days if not weekdays_only or d.weekday() < 5]


def alloc(expected, carry):
    """Error-diffusion rounding: integer counts whose running sum tracks the floats."""
    x = expected + carry[0]
    k = max(0, int(x + 0.5))
    carry[0] = x - k
    return k


def pick_k(rng, rows, k, weight=lambda r: 1.0):
    """k rows without replacement, favouring larger weights."""
    keyed = sorted(rows, key=lambda r: rng.random() / weight(r))
    return keyed[:k]


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def iso(d):
    return d.isoformat() if d else None


# ---------------------------------------------------------------- visits
def gen_visits(rng, months, k):
    nprov = 8 * max(1, -(-int(k) // 8))
    providers, pid_n = {}, 1000
    for dept in DEPTS:
        names = PROVIDERS[dept]
        providers[dept] = []
        for i in range(nprov):
            # at scale > 8: extra providers mix first and last names
            name = names[i] if i < 8 else "%s %s" % (
                names[i % 8].split()[0], names[(i * 3 + 1) % 8].split()[-1])
            pid_n += rng.randint(1, 9)
            providers[dept].append(("PR%04d" % pid_n, name, rng.choice([0.7, 1.0, 1.0, 1.3])))
    width = max(6, len(str(int(80000 * k))) + 1)
    used, pool = set(), {d: [] for d in DEPTS}

    def new_patient():
        while True:
            p = "P%0*d" % (width, rng.randrange(1, 10 ** width))
            if p not in used:
                used.add(p)
                return p
    for dept in DEPTS:
        pool[dept] = [new_patient() for _ in range(int(3 * VOLUME[dept][0] * k))]
    rows = []
    for idx, (y, m) in enumerate(months):
        month_rows = []
        for dept in DEPTS:
            base, _, _, _, ns_factor, _ = VOLUME[dept]
            if DYAD_OF[dept] == REMINDERS_DYAD and (y, m) >= REMINDERS_FROM:
                ns_factor *= REMINDERS_FACTOR
            season = (PRIMARY_SEASON if DYAD_OF[dept] == "primary-care" else OTHER_SEASON)[m - 1]
            n = int(base * k * season * (1 + 0.002 * idx) * rng.uniform(0.97, 1.03) + 0.5)
            days = days_of((y, m), weekdays_only=True)
            sessions, want = set(), -(-n // VISITS_PER_SESSION)
            while len(sessions) < min(want, len(days) * nprov):
                prov = rng.choices(providers[dept], [p[2] for p in providers[dept]])[0]
                sessions.add((rng.choice(days), prov))
            sessions = sorted(sessions)
            for i in range(n):
                day, (prov_id, prov_name, _) = sessions[i % len(sessions)]
                vtype = "NEW" if rng.random() < 0.20 else "ESTABLISHED"
                if vtype == "NEW":
                    same_dyad = [d for d in DEPTS if DYAD_OF[d] == DYAD_OF[dept] and d != dept]
                    pat = rng.choice(pool[rng.choice(same_dyad)]) if rng.random() < 0.3 else new_patient()
                    pool[dept].append(pat)
                    lead = int(rng.triangular(2, 60, 21))
                else:
                    u = rng.random()
                    pat = pool[dept][min(len(pool[dept]) - 1, int(len(pool[dept]) * (1 - u * u)))]
                    lead = int(rng.triangular(0, 60, 8))
                if rng.random() < 0.08:
                    status = "CANCELLED"
                elif rng.random() < 0.09 * ns_factor * (0.6 + 0.8 * lead / 60):
                    status = "NO_SHOW"
                else:
                    status = "COMPLETED"
                booked = None if rng.random() < 0.03 else day - dt.timedelta(days=lead)
                minutes = wrvu = None
                if status == "COMPLETED":
                    lo, hi = (30, 60) if vtype == "NEW" else (10, 40)
                    minutes = None if rng.random() < 0.02 else rng.randint(lo, hi)
                    w = rng.choice(EM_WRVU[vtype]) * (1.15 if DYAD_OF[dept] != "primary-care" else 1.0)
                    wrvu = None if rng.random() < 0.02 else "%.2f" % min(4.0, w)
                month_rows.append([day, dept, prov_id, i, pat, prov_name, vtype, status,
                                   iso(booked), minutes, wrvu])
        month_rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
        rows.extend(month_rows)
    out, vid = [], 10000
    for r in rows:
        vid += rng.randint(1, 3)
        out.append(["V%07d" % vid, iso(r[0]), r[4], r[2], r[5], r[1]] + r[6:])
    return out


# ---------------------------------------------------------------- denials
def deny(rng, r, policy_change, extract):
    """Mark a request DENIED with a reason and, for 40 %, an appeal."""
    w = [x[1] * (3 if policy_change and x[0] in ("MEDICAL_NECESSITY", "AUTHORIZATION") else 1)
         for x in REASONS]
    code, _, p_over = rng.choices(REASONS, w)[0]
    r["status"], r["reason"] = "DENIED", None if rng.random() < 0.02 else code
    if rng.random() < 0.40:
        if r["dec"] + dt.timedelta(days=rng.randint(15, 60)) > extract:
            r["appeal"] = "PENDING"  # appeal decisions take 15-60 days
        else:
            r["appeal"] = "OVERTURNED" if rng.random() < p_over else "UPHELD"


def gen_denials(rng, months, k):
    extract = days_of(months[-1])[-1] + dt.timedelta(days=EXTRACT_DELAY)
    rise_from = len(months) - len(RISE)
    rows = []
    for idx, ym in enumerate(months):
        month_rows, weekdays = [], days_of(ym, weekdays_only=True)
        for dyad, depts in DYADS:
            reqs = []
            for dept in depts:
                n = int(VOLUME[dept][1] * k * rng.uniform(0.92, 1.08) + 0.5)
                svc = SERVICES[dept]
                for _ in range(n):
                    s = rng.choices(svc, [x[1] for x in svc])[0]
                    payer = rng.choices(PAYERS, [p[1] for p in PAYERS])[0][0]
                    sub = rng.choice(weekdays)
                    lag = rng.choices(range(1, 21), DECISION_LAG_WEIGHTS)[0]
                    if payer == RISING_PAYER and idx >= rise_from:
                        lag = min(20, lag + 2)
                    dec = sub + dt.timedelta(days=lag)
                    status = "PENDING" if dec > extract else "APPROVED"
                    amount = None if rng.random() < 0.03 else "%.2f" % rng.uniform(s[2], s[3])
                    reqs.append({"dept": dept, "payer": payer, "svc": s[0], "sub": sub,
                                 "dec": None if status == "PENDING" else dec, "status": status,
                                 "reason": None, "appeal": None, "amount": amount})
            if idx == len(months) - 2:  # a few of last-but-one month's requests still stuck
                for r in pick_k(rng, reqs, int(len(reqs) * STUCK_SHARE + 0.5)):
                    r["status"], r["dec"] = "PENDING", None
            rising = idx >= rise_from
            jitter, carry = rng.uniform(*((0.98, 1.02) if rising else (0.95, 1.05))), [0.0]
            for payer, _, rate in PAYERS:
                hit = rising and payer == RISING_PAYER
                p = (RISE[idx - rise_from] if hit else rate) * DYAD_DENIAL_FACTOR[dyad] * jitter
                decided = [r for r in reqs if r["payer"] == payer and r["status"] != "PENDING"]
                for r in pick_k(rng, decided, alloc(len(decided) * p, carry)):
                    deny(rng, r, hit, extract)
            month_rows.extend(reqs)
        month_rows.sort(key=lambda r: (r["sub"], r["dept"], r["payer"], r["svc"]))
        rows.extend(month_rows)
    out, rid = [], 200000
    for r in rows:
        rid += rng.randint(1, 4)
        out.append(["PA%07d" % rid, r["dept"], r["payer"], r["svc"], iso(r["sub"]), iso(r["dec"]),
                    r["status"], r["reason"], r["appeal"], r["amount"]])
    return out


# ---------------------------------------------------------------- handoffs
def completion_rate(dept, idx, n_months, rng):
    """Target completion for a department-month; GSURG declines over the last months."""
    start = n_months - TREND_MONTHS
    if dept == TREND_DEPT and idx >= start:
        return TREND_FROM - (TREND_FROM - TREND_TO) * (idx - start + 1) / TREND_MONTHS
    # the trend department's neighbours stay nearly flat meanwhile, so the dyad trends too
    quiet = DYAD_OF[dept] == DYAD_OF[TREND_DEPT] and idx >= start - 1
    return VOLUME[dept][5] + rng.uniform(-0.003, 0.003) * (1 if quiet else 5)


def handoff_time(rng, day, htype):
    if rng.random() >= 0.30:  # 70 % of rows carry the date only
        return day.isoformat()
    if htype == "SHIFT_CHANGE":
        hh, mm = rng.choice([6, 7, 18, 19]), rng.choice([0, 15, 30, 45])
    else:
        hh, mm = rng.randint(8, 17), rng.randrange(0, 60, 5)
    return "%s %02d:%02d" % (day.isoformat(), hh, mm)


def gen_handoffs(rng, months, k):
    rows = []
    for idx, ym in enumerate(months):
        all_days, weekdays = days_of(ym), days_of(ym, weekdays_only=True)
        month_rows = []
        for dept in DEPTS:
            n = int(VOLUME[dept][2] * k * rng.uniform(0.93, 1.07) + 0.5)
            mix = HANDOFF_MIX[dept in INPATIENT]
            types = rng.choices([t for t, _ in mix], [w for _, w in mix], k=n)
            rate = completion_rate(dept, idx, len(months), rng)
            done = set(pick_k(rng, range(n), int(n * rate + 0.5)))
            for i, htype in enumerate(types):
                day = rng.choice(weekdays if htype in ("REFERRAL", "RESULT_FOLLOWUP") else all_days)
                given = rng.choice(GIVEN_WINDOW[htype]) if rng.random() < 0.08 else None
                hours = None
                if i in done:  # 85 % close within the window, the rest late
                    frac = rng.triangular(0.1, 1.0, 0.4) if rng.random() < 0.85 else rng.uniform(1.0, 3.0)
                    hours = "%.1f" % max(0.1, frac * (given or WINDOW[htype]))
                tool = rng.choices(["SBAR", "IPASS", "NONE", None], [35, 30, 25, 10])[0]
                month_rows.append([handoff_time(rng, day, htype), dept, htype,
                                   "Y" if i in done else "N", hours, given, tool])
        month_rows.sort(key=lambda r: (r[0], r[1], r[2]))
        rows.extend(month_rows)
    out, hid = [], 500000
    for r in rows:
        hid += rng.randint(1, 3)
        out.append(["H%07d" % hid] + r)
    return out


# ---------------------------------------------------------------- burnout
def likert(rng, weights):
    return None if rng.random() < 0.03 else rng.choices([1, 2, 3, 4, 5], weights)[0]


def response_key(rng, keys):
    while True:
        key = "".join(rng.choice(KEY_CHARS) for _ in range(10))
        if key not in keys:
            keys.add(key)
            return key


def gen_burnout(rng, months, k):
    waves = [(idx, ym) for idx, ym in enumerate(months) if ym[1] in (1, 4, 7, 10)]
    first_after = next((i for i, (idx, _) in enumerate(waves) if idx >= len(months) - 7), len(waves))
    role_factor = {r[0]: r[2] for r in ROLES}
    rows, keys = [], set()
    for w, (idx, (y, m)) in enumerate(waves):
        after = w - first_after  # >= 0 once the intervention has started
        for dyad, depts in DYADS:
            resp = []
            for dept in depts:
                n = int(VOLUME[dept][3] * k * rng.uniform(0.85, 1.15) + 0.5)
                admins = rng.choice([0, 1, 1, 2, 3]) if k < 2 else int(n * 0.06)
                for i in range(n):
                    role = "ADMINISTRATOR" if i < admins else rng.choices(ROLES, [r[1] for r in ROLES])[0][0]
                    resp.append((dept, role, rng.randint(1, 21)))
            if after < 0:
                target = BURNOUT_BEFORE + rng.uniform(-0.02, 0.02)
            else:
                target = BURNOUT_AFTER[min(after, len(BURNOUT_AFTER) - 1)]
            target += DYAD_BURNOUT_OFFSET[dyad]
            burned = set(pick_k(rng, range(len(resp)), int(len(resp) * target + 0.5),
                                lambda i: role_factor.get(resp[i][1], 0.9)))
            for i, (dept, role, day) in enumerate(resp):
                hot = i in burned
                score = rng.choices([3, 4, 5], [60, 28, 12])[0] if hot else rng.choices([1, 2], [35, 65])[0]
                sat = likert(rng, [15, 30, 30, 20, 5] if hot else [2, 8, 20, 45, 25])
                stress = likert(rng, [3, 10, 25, 35, 27] if hot else [10, 30, 35, 20, 5])
                trust = likert(rng, [10, 20, 35, 25, 10] if after < 0 else [6, 14, 32, 33, 15])
                team = likert(rng, [4, 10, 24, 42, 20])
                rows.append([response_key(rng, keys), iso(dt.date(y, m, day)), dept, role,
                             score, sat, stress, trust, team])
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    return rows


# ---------------------------------------------------------------- commentary
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]


def gen_commentary(months):
    """The dyad meetings of the last three months (E-2, E-1, E = --end): a
    comment per metric discussed, actions raised, carried, updated, closed
    and dropped. Rows in month order; a later row of the same (dyad, metric,
    action) updates it, an empty owner or due keeps the earlier one."""
    end = months[-1]

    def ym(n):  # (year, month) n months after --end
        i = end[0] * 12 + end[1] - 1 + n
        return i // 12, i % 12 + 1

    def mon(n):
        return "%04d-%02d" % ym(n)

    def name(n):
        return MONTH_NAMES[ym(n)[1] - 1]

    def due(n, day=None):  # the day-th (default: last) of the month n after --end
        y, m = ym(n)
        return dt.date(y, m, day or calendar.monthrange(y, m)[1]).isoformat()

    ONC, PC, SURG = "oncology", "primary-care", "surgery"
    DEN, NS, HO, BO = "initial_denial_rate", "no_show_rate", "handoff_completion_rate", "burnout_share"
    review = "Review medical-necessity denials with UnitedHealthcare's medical director"
    checklist = "Build the payer's prior-authorization checklist into the infusion order set"
    bedside = "Pilot a bedside shift-change checklist on the infusion unit"
    admin_time = "Keep four hours a month of protected admin time for every clinician"
    missed = "Call every patient who misses two visits in a row"
    front_desk = "Train front-desk staff to check UnitedHealthcare authorization rules at booking"
    second_text = "Add a second text reminder two days before new-patient visits"
    results = "Close result follow-ups older than 7 days every Friday"
    huddle = "Check open handoffs at the daily huddle on the general surgery ward"
    preop = "Move pre-op reminder calls to text messages"
    ipass = "I-PASS refresher for all general surgery nurses"
    join = "Join the oncology dyad's review with UnitedHealthcare"
    # dyad, metric, month, comment, action, owner, due, status, audience
    rows = [
        (ONC, DEN, mon(-2), "Above 14%% every month since %s; most of the rise is UnitedHealthcare "
         "(see the payer page). Agreed to take it to their medical director." % name(-4),
         review, "Mark Chen", due(-1), "open", "internal"),
        (ONC, HO, mon(-2), "", bedside, "Nurse manager, infusion", due(1), "open", "internal"),
        (PC, NS, mon(-2), "Text reminders are working. We will also call patients who miss two "
         "visits in a row.", missed, "Care coordinators", due(0), "open", "internal"),
        (PC, DEN, mon(-2), "", front_desk, "Siobh\u00e1n O'Connor", due(-1), "open", "internal"),
        (SURG, HO, mon(-2), "Below 90%% for the second month, and down every month since %s. All of "
         "the drop is on the general surgery ward; orthopaedics and urology are flat." % name(-9),
         huddle, "GSURG charge nurses", due(-1, 15), "open", "internal"),
        (SURG, NS, mon(-2), "", preop, "Surgical scheduling", due(0), "open", "internal"),

        (ONC, DEN, mon(-1), "No date yet from UnitedHealthcare for the review. Pharmacy will build "
         "the payer's checklist into the infusion orders in the meantime.",
         checklist, "Pharmacy informatics", due(0, 15), "open", "internal"),
        (ONC, BO, mon(-1), "", admin_time, "Dr. Ana Ruiz", due(0), "open", "public"),
        (PC, NS, mon(-1), "", second_text, "Patient access manager", due(0, 15), "open", "public"),
        (PC, HO, mon(-1), "", results, "IM practice lead", due(0), "open", "internal"),
        (SURG, HO, mon(-1), "The huddle checks have not started on nights yet. Adding an I-PASS "
         "refresher for the ward.", ipass, "Clinical nurse educator", due(0), "open", "internal"),
        (SURG, DEN, mon(-1), "", join, "Zo\u00eb \u00c5ngstr\u00f6m", due(0), "open", "internal"),

        (ONC, DEN, mon(0), "Above the average every month since %s, still mostly UnitedHealthcare "
         "medical-necessity and authorization denials. The payer meeting has not happened, so that "
         "action stays open." % name(-6), "", "", "", "", "internal"),
        (ONC, DEN, mon(0), "", checklist, "", "", "done", "internal"),
        (ONC, BO, mon(0), "Burnout has stayed under 40%% in all three survey waves since %s. "
         "Protected admin time for clinicians continues through the winter." % name(-6),
         "", "", "", "", "public"),
        (ONC, BO, mon(0), "", admin_time, "Mark Chen", due(3), "open", "public"),
        (ONC, NS, mon(0), "Up this month but within the usual range; we will look again in %s "
         "before acting." % name(1), "", "", "", "", "internal"),
        (ONC, HO, mon(0), "", bedside, "", "", "dropped", "internal"),
        (PC, NS, mon(0), "No-shows have stayed under the 8%% target every month since text "
         "reminders started in %s." % name(-6), "", "", "", "", "public"),
        (PC, NS, mon(0), "", second_text, "", "", "done", "public"),
        (PC, NS, mon(0), "", missed, "", "", "dropped", "internal"),
        (PC, "visits_completed", mon(0), "Back to about 430 completed visits a month after the "
         "usual summer dip.", "", "", "", "", "internal"),
        (PC, DEN, mon(0), "Above 11%% every month since %s. The front-desk training is overdue; "
         "until it happens we do not expect the rate to move." % name(-6),
         "", "", "", "", "internal"),
        (PC, HO, mon(0), "", results, "FM and IM practice leads", due(2, 15), "open", "internal"),
        (SURG, HO, mon(0), "Down again, every month since %s, all of it on the general surgery "
         "ward. The I-PASS refresher is done but too recent to show; escalating to the director "
         "of nursing." % name(-9), "", "", "", "", "internal"),
        (SURG, HO, mon(0), "", ipass, "", "", "done", "internal"),
        (SURG, NS, mon(0), "No-shows under the 8% target for the fifth month running.",
         "", "", "", "", "public"),
        (SURG, NS, mon(0), "", preop, "", "", "dropped", "internal"),
        (SURG, DEN, mon(0), "", join, "Revenue cycle director", due(2), "open", "internal"),
    ]
    return [list(r) for r in rows]


# ---------------------------------------------------------------- main
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=here)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=20261031)
    ap.add_argument("--end", default="2026-10")
    ap.add_argument("--months", type=int, default=25)
    a = ap.parse_args()
    end = tuple(int(x) for x in a.end.split("-"))
    if a.scale <= 0 or a.months < 1 or len(end) != 2 or not 1 <= end[1] <= 12:
        ap.error("need --scale > 0, --months >= 1 and --end YYYY-MM")
    months = month_list(end, a.months)
    os.makedirs(a.out, exist_ok=True)
    jobs = [("visits", gen_visits, ["visit_id", "visit_date", "patient_id", "provider_id",
                                    "provider_name", "department", "visit_type", "status",
                                    "booked_date", "duration_min", "wrvu"]),
            ("denials", gen_denials, ["request_id", "department", "payer", "service",
                                      "submitted_date", "decision_date", "status",
                                      "denial_reason", "appeal_status", "amount"]),
            ("handoffs", gen_handoffs, ["handoff_id", "handoff_date", "department", "handoff_type",
                                        "completed", "hours_to_complete", "window_hours",
                                        "structured_tool"]),
            ("burnout", gen_burnout, ["response_id", "survey_date", "department", "role", "burnout",
                                      "satisfaction", "stress", "trust_leadership", "teamwork"])]
    for name, fn, header in jobs:
        rows = fn(random.Random("%d/%s" % (a.seed, name)), months, a.scale)
        write_csv(os.path.join(a.out, name + ".csv"), header, rows)
        print("%s.csv: %d rows" % (name, len(rows)))
    rows = gen_commentary(months)
    write_csv(os.path.join(a.out, "commentary.csv"),
              ["dyad", "metric", "month", "comment", "action", "owner", "due", "status", "audience"],
              rows)
    print("commentary.csv: %d rows" % len(rows))


if __name__ == "__main__":
    main()
