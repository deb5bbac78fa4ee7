#!/usr/bin/env python3
"""Write messy copies of the sample extracts into sample-data/messy/.

Usage: python3 make-messy.py [--src DIR] [--out DIR] [--seed S]

Reads the clean visits, denials, handoffs, burnout and commentary CSVs and writes them
again the way real EHR, claims and survey-tool exports look: renamed and
reordered headers, extra columns, other delimiters and date formats, site
codes, a byte-order mark and CRLF line ends, and about 0.5 % of broken rows
added between the good ones. Every good row keeps its values, so
site-messy.ini (which maps all of this back) must give exactly the metrics
of site.ini; tests/cli/messy-sample.sh checks that.

Standard library only and deterministic: every extract draws from its own
random.Random("SEED/messy/name") stream (string seeds are hashed with
SHA-512), so the bytes do not depend on time, locale or PYTHONHASHSEED.
"""
import argparse
import csv
import datetime as dt
import os
import random

KEY_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"   # as generate.py's survey keys


class Raw(str):
    """A cell written exactly as given: no quoting, delimiters left bare."""


# ---------------------------------------------------------------- helpers
def read_clean(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def latin1(text):
    """text as a Latin-1/cp1252 export writes it: bytes that are not UTF-8."""
    return text.encode("cp1252").decode("utf-8", "surrogateescape")


def cell(value, delim, quote):
    if isinstance(value, Raw):
        return str(value)
    v = "" if value is None else str(value)
    if quote and v or any(c in v for c in (delim, '"', "\r", "\n")):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_extract(path, delim, eol, bom, header, rows, quoted=()):
    """rows: lists of cells; columns whose index is in quoted are always quoted."""
    lines = [delim.join(cell(h, delim, False) for h in header)]
    for r in rows:
        lines.append(delim.join(cell(v, delim, i in quoted) for i, v in enumerate(r)))
    data = (eol.join(lines) + eol).encode("utf-8", "surrogateescape")
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)
    return len(data) + (3 if bom else 0)


def case_variant(rng, code):
    """Sites type their codes by hand: mostly as defined, sometimes not."""
    u = rng.random()
    return code if u < 0.82 else code.upper() if u < 0.93 else code.lower()


def ymd(s):
    return dt.date(int(s[0:4]), int(s[5:7]), int(s[8:10]))


def us_date(d, pad=True):
    return d.strftime("%m/%d/%Y") if pad else "%d/%d/%d" % (d.month, d.day, d.year)


def spread(rng, n, k):
    """k positions in 0..n-1, one in each of k equal slices of the file."""
    return [rng.randrange(i * n // k, max(i * n // k + 1, (i + 1) * n // k)) for i in range(k)]


class Inserter:
    """Rows added after clean rows, with new ids taken from gaps in the
    clean ids (prefix + zero-padded number, increasing down the file)."""

    def __init__(self, ids, prefix, width):
        self.prefix, self.width = prefix, width
        self.num = [int(i[len(prefix):]) for i in ids]
        self.taken = set(self.num)
        self.after = {}                 # clean row index -> rows added after it

    def new_id(self, p):
        """(row index j >= p, an unused id between row j and row j+1)."""
        n = len(self.num)
        for j in range(p, n):
            hi = self.num[j + 1] if j + 1 < n else self.num[j] + 10
            for k in range(self.num[j] + 1, hi):
                if k not in self.taken:
                    self.taken.add(k)
                    return j, "%s%0*d" % (self.prefix, self.width, k)
        raise SystemExit("no free id after row %d" % p)

    def add(self, j, row):
        self.after.setdefault(j, []).append(row)

    def merged(self, good):
        out = []
        for j, row in enumerate(good):
            out.append(row)
            out.extend(self.after.get(j, []))
        return out


class KeyInserter(Inserter):
    """Rows added after clean rows, with new random survey keys."""

    def __init__(self, rng, keys):
        super().__init__([], "", 0)
        self.rng, self.keys = rng, set(keys)

    def new_id(self, p):
        while True:
            k = "".join(self.rng.choice(KEY_CHARS) for _ in range(10))
            if k not in self.keys:
                self.keys.add(k)
                return p, k


def kinds_list(counts):
    return [k for k, n in counts for _ in range(n)]


def place(rng, ins, n, kinds, make):
    """Adds one row per kind, spread through the file; make(kind, j, new_id)."""
    rng.shuffle(kinds)
    made = {}
    for kind, p in zip(kinds, spread(rng, n, len(kinds))):
        if kind == "duplicate_id":
            j, new = p, None
        else:
            j, new = ins.new_id(p)
        ins.add(j, make(kind, j, new))
        made[kind] = made.get(kind, 0) + 1
    return made


# ---------------------------------------------------------------- visits
VISIT_COLS = [  # header as the site's export writes it, our column (or an extra)
    ("Location", "x_location"), ("APPT DATE", "visit_date"), ("Appt ID", "visit_id"),
    (" Dept ", "department"), ("Provider Name", "provider_name"), ("prov id", "provider_id"),
    ("MRN", "patient_id"), ("Appt Type", "visit_type"), ("Appt Status", "status"),
    ("Appt Made Date", "booked_date"), ("Appt Length", "duration_min"), ("Work RVU", "wrvu"),
    ("Comments", "x_comments")]
VISIT_STATUS = {"COMPLETED": [("Arrived", 55), ("Checked Out", 45)],
                "NO_SHOW": [("No Show", 70), ("NOSHOW", 30)],
                "CANCELLED": [("Canceled", 60), ("Cancelled", 40)]}
VISIT_TYPE = {"NEW": "New Patient", "ESTABLISHED": "Return Visit"}
LOCATION = {"ONC": "CC", "RADONC": "CC", "INF": "CC", "FM": "NORTH", "IM": "NORTH",
            "PEDS": "NORTH", "GSURG": "MAIN", "ORTHO": "MAIN", "URO": "MAIN"}
VISIT_NOTES = ['Pt asked for "early" slot, confirmed by phone', "Interpreter needed; Spanish",
               "Rescheduled from 3/4, see note", 'Ride booked, "Medicaid transport"',
               "Late check-in; seen anyway", "Copay collected, $20",
               "Forms mailed\r\nCall back if no reply"]
LATIN1_NAMES = {"Renée Lefèvre", "José Núñez", "Chloé Laurent", "Zoë Lindström", "Søren Madsen",
                "Åsa Holmberg", "François Girard", "Olivia Martínez", "Mateo García",
                "Bjørn Østergaard", "O'Brien, Siobhán"}


def messy_visits(rng, clean):
    def good(r):
        d = {k: r.get(k, "") for _, k in VISIT_COLS}
        d["visit_date"] = us_date(ymd(r["visit_date"]), pad=False)      # Excel: 1/5/2024
        if r["booked_date"]:
            d["booked_date"] = us_date(ymd(r["booked_date"]))
            if rng.random() < 0.02:
                d["booked_date"] += " 12:00:00 AM"                     # a date-time cell
        codes = VISIT_STATUS[r["status"]]
        d["status"] = case_variant(rng, rng.choices([c for c, _ in codes], [w for _, w in codes])[0])
        d["visit_type"] = case_variant(rng, VISIT_TYPE[r["visit_type"]])
        if rng.random() < 0.05:
            d["department"] += " "
        d["x_location"] = LOCATION[r["department"]]
        u = rng.random()
        d["x_comments"] = "" if u > 0.02 else VISIT_NOTES[-1] if u < 0.0005 else rng.choice(VISIT_NOTES[:-1])
        return d

    rows = [good(r) for r in clean]
    ins = Inserter([r["visit_id"] for r in clean], "V", 7)

    def make(kind, j, new):
        if kind == "duplicate_id":      # a re-exported earlier row: same id, same values
            return [rows[max(0, j - rng.randint(1, 200))][k] for _, k in VISIT_COLS]
        if kind == "bad_utf8":          # a provider name written in cp1252
            t = next(i for i in list(range(j, len(rows))) + list(range(j - 1, -1, -1))
                     if rows[i]["provider_name"] in LATIN1_NAMES)
            d = dict(rows[t])
            d["provider_name"] = latin1(d["provider_name"])
        else:
            d = dict(rows[j])
        d["visit_id"] = new
        d["patient_id"] = rows[max(0, j - rng.randint(0, 50))]["patient_id"]
        d["x_comments"] = ""
        day = ymd(clean[j]["visit_date"])
        if kind == "bad_date":
            d["visit_date"] = rng.choice(["%d/%d/%d" % (day.day + 12, day.month, day.year) if day.day <= 19
                                          else "13/%d/%d" % (day.day, day.year),
                                          day.isoformat(), day.strftime("%m/%d/%y"),
                                          "2/30/%d" % day.year])
        elif kind == "date_1899":       # Excel's day zero
            d["booked_date"] = "12/30/1899"
        elif kind == "unknown_code":
            if rng.random() < 0.6:
                d["status"] = rng.choice(["Rescheduled", "Bumped", "Left Without Being Seen"])
            else:
                d["visit_type"] = "Telehealth"
        elif kind == "missing":
            d[rng.choice(["visit_date", "department", "status", "provider_id", "visit_type"])] = ""
        elif kind == "negative":
            if rng.random() < 0.5:
                d["wrvu"] = "-%s" % (d["wrvu"] or "1.30")                # a charge reversal
            else:
                d["duration_min"] = "-%d" % rng.randint(5, 40)
        elif kind == "not_a_number":
            if rng.random() < 0.5:
                d["wrvu"] = (d["wrvu"] or "1.92").replace(".", ",")       # decimal comma
            else:
                d["duration_min"] = "%d min" % rng.randint(10, 60)
        elif kind == "too_few_fields":
            return [d[k] for _, k in VISIT_COLS][:-rng.randint(1, 3)]
        elif kind == "too_many_fields":  # "Last, First" turned into "Last; First", unquoted
            name = d["provider_name"] or "Ruiz, Ana"
            d["provider_name"] = Raw("; ".join(reversed(name.split(" ", 1))) if ", " not in name
                                     else name.replace(", ", "; "))
        elif kind == "broken_quote":
            d["x_comments"] = Raw('"Needs interpreter "Spanish" per family"')
        return [d[k] for _, k in VISIT_COLS]

    counts = [("bad_date", 16), ("date_1899", 10), ("unknown_code", 16), ("missing", 14),
              ("negative", 12), ("not_a_number", 14), ("too_few_fields", 8),
              ("too_many_fields", 10), ("broken_quote", 10), ("bad_utf8", 12), ("duplicate_id", 20)]
    made = place(rng, ins, len(rows), kinds_list(counts), make)
    out = ins.merged([[d[k] for _, k in VISIT_COLS] for d in rows])
    return [h for h, _ in VISIT_COLS], out, made, {}


# ---------------------------------------------------------------- denials
DENIAL_COLS = [
    ("Submit Date", "submitted_date"), ("Auth Number", "request_id"), ("ordering dept", "department"),
    ("Payer Name", "payer"), ("Plan Type", "x_plan"), ("CPT/Service", "service"),
    ("AUTH STATUS", "status"), ("Decision Dt", "decision_date"), ("CARC", "denial_reason"),
    ("Appeal Status", "appeal_status"), ("Billed Amount", "amount"), ("Notes", "x_notes")]
DENIAL_TEXT = {"payer", "service", "x_notes"}   # the export quotes its free-text columns
DENIAL_STATUS = {"APPROVED": [("Approved", 70), ("Auth Approved", 30)], "DENIED": [("Denied", 1)],
                 "PENDING": [("In Review", 60), ("Pended", 40)]}
CARC = {"MISSING_DOCUMENTATION": ["CO-16", "CO-252"], "CODING_ERROR": ["CO-4", "CO-11"],
        "MEDICAL_NECESSITY": ["CO-50"], "AUTHORIZATION": ["CO-197"], "ELIGIBILITY": ["CO-27"],
        "TIMELY_FILING": ["CO-29"], "OTHER": ["CO-96"]}
APPEAL = {"PENDING": "Open", "OVERTURNED": "Reversed", "UPHELD": "Affirmed"}
PLANS = {"Aetna": "PPO", "BlueCross BlueShield": "PPO", "Cigna": "HMO", "Humana": "HMO",
         "Medicare Advantage – Sunrise": "MA", "UnitedHealthcare": "Commercial"}
DENIAL_NOTES = ['Peer-to-peer requested, "urgent"', "Resubmitted with notes, see fax",
                'Payer says "not on file", called twice', "Clinicals sent 2x, no reply"]


def de_date(d):
    return d.strftime("%d.%m.%Y")


def messy_denials(rng, clean):
    def good(r):
        d = {k: r.get(k, "") for _, k in DENIAL_COLS}
        d["submitted_date"] = de_date(ymd(r["submitted_date"]))
        d["decision_date"] = de_date(ymd(r["decision_date"])) if r["decision_date"] else ""
        codes = DENIAL_STATUS[r["status"]]
        d["status"] = case_variant(rng, rng.choices([c for c, _ in codes], [w for _, w in codes])[0])
        d["denial_reason"] = rng.choice(CARC[r["denial_reason"]]) if r["denial_reason"] else ""
        d["appeal_status"] = case_variant(rng, APPEAL[r["appeal_status"]]) if r["appeal_status"] else ""
        d["x_plan"] = PLANS[r["payer"]]
        d["x_notes"] = rng.choice(DENIAL_NOTES) if rng.random() < 0.03 else ""
        return d

    rows = [good(r) for r in clean]
    ins = Inserter([r["request_id"] for r in clean], "PA", 7)
    extract_day = dt.date(2026, 11, 2)

    def adjustment(j, new):
        """A claim line that is not a denial: contractual adjustment or copay."""
        d = dict(rows[j])
        sub = ymd(clean[j]["submitted_date"])
        d.update(request_id=new, status=case_variant(rng, "Denied"),
                 decision_date=de_date(min(extract_day, sub + dt.timedelta(days=rng.randint(3, 15)))),
                 denial_reason=rng.choice(["CO-45", "CO-45", "PR-1"]), appeal_status="", x_notes="",
                 amount="%.2f" % rng.uniform(40, 900))
        return [d[k] for _, k in DENIAL_COLS]

    def make(kind, j, new):
        if kind == "ignored":
            return adjustment(j, new)
        if kind == "duplicate_id":
            return [rows[max(0, j - rng.randint(1, 100))][k] for _, k in DENIAL_COLS]
        d = dict(rows[j])
        d["request_id"], d["x_notes"] = new, ""
        sub = ymd(clean[j]["submitted_date"])
        if not d["decision_date"]:
            d["decision_date"] = de_date(sub + dt.timedelta(days=rng.randint(2, 9)))
            d["status"] = "Approved"
        if kind == "bad_date":
            d["submitted_date"] = rng.choice([sub.isoformat(), us_date(sub),
                                              "31.%02d.%d" % (rng.choice([2, 4, 6, 9, 11]), sub.year)])
        elif kind == "date_1899":
            d["decision_date"] = "30.12.1899"
        elif kind == "unknown_code":
            u = rng.random()
            if u < 0.4:
                d["status"] = "Withdrawn"
            elif u < 0.7:
                d["status"], d["denial_reason"] = "Denied", "CO-97"
            else:
                d["status"], d["denial_reason"], d["appeal_status"] = "Denied", "CO-50", "Escalated"
        elif kind == "missing":
            d[rng.choice(["payer", "submitted_date", "department", "status"])] = ""
        elif kind == "negative":
            d["amount"] = "-%.2f" % rng.uniform(100, 2000)                # a refund line
        elif kind == "not_a_number":
            d["amount"] = rng.choice(["$1,250.00", "N/A", "1.250,00"])
        elif kind == "decision_order":
            d["decision_date"] = de_date(sub - dt.timedelta(days=rng.randint(1, 6)))
        elif kind == "bad_utf8":        # the payer name from a cp1252 export
            d["payer"] = latin1("Medicare Advantage – Sunrise")
        elif kind == "too_few_fields":
            return [d[k] for _, k in DENIAL_COLS][:-rng.randint(1, 3)]
        elif kind == "too_many_fields":  # a label with a comma, not quoted
            d["service"] = Raw("MRI Knee, without contrast")
        elif kind == "broken_quote":
            d["x_notes"] = Raw('"Payer says "not on file" again"')
        return [d[k] for _, k in DENIAL_COLS]

    counts = [("bad_date", 6), ("date_1899", 4), ("unknown_code", 6), ("missing", 5), ("negative", 4),
              ("not_a_number", 5), ("too_few_fields", 3), ("too_many_fields", 4), ("broken_quote", 4),
              ("bad_utf8", 5), ("duplicate_id", 6), ("decision_order", 6)]
    n_ignored = len(rows) // 100
    kinds = kinds_list(counts) + ["ignored"] * n_ignored
    made = place(rng, ins, len(rows), kinds, make)
    ignored = made.pop("ignored")
    out = ins.merged([[d[k] for _, k in DENIAL_COLS] for d in rows])
    return [h for h, _ in DENIAL_COLS], out, made, {"ignored (CO-45, PR-1)": ignored}


# ---------------------------------------------------------------- handoffs
HANDOFF_COLS = [
    ("Unit", "department"), ("Task ID", "handoff_id"), ("Task Type", "handoff_type"),
    ("Due", "handoff_date"), ("Assigned Role", "x_role"), ("Task Status", "completed"),
    ("Hrs to Close", "hours_to_complete"), ("Window (hrs)", "window_hours"),
    ("Comm Tool", "structured_tool"), ("Comments", "x_comments")]
HANDOFF_TYPE = {"SHIFT_CHANGE": ["Shift Report"], "DISCHARGE": ["Discharge Summary"],
                "REFERRAL": ["Referral Loop"],
                "RESULT_FOLLOWUP": ["Result Follow-up", "Critical Result Callback"],
                "OTHER": ["Other Task"]}
TOOL = {"SBAR": "SBAR", "IPASS": "I-PASS", "NONE": "Free Text", "": ""}
HANDOFF_ROLE = {"SHIFT_CHANGE": "RN", "DISCHARGE": "CM", "REFERRAL": "MA",
                "RESULT_FOLLOWUP": "RN", "OTHER": "Clerk"}
HANDOFF_NOTES = ['Family asked for "teach-back", done', "Faxed twice, no answer",
                 'Pending "final read" from radiology', "Left VM, will retry"]


def messy_handoffs(rng, clean):
    def when(s):
        day = ymd(s)
        return "%s %s" % (us_date(day), s[11:16] if len(s) > 10 else "00:00")

    def good(r):
        d = {k: r.get(k, "") for _, k in HANDOFF_COLS}
        d["handoff_date"] = when(r["handoff_date"])
        d["handoff_type"] = case_variant(rng, rng.choice(HANDOFF_TYPE[r["handoff_type"]]))
        d["completed"] = "Closed" if r["completed"] == "Y" else "Open"
        d["structured_tool"] = TOOL[r["structured_tool"]]
        d["x_role"] = HANDOFF_ROLE[r["handoff_type"]]
        d["x_comments"] = rng.choice(HANDOFF_NOTES) if rng.random() < 0.03 else ""
        return d

    rows = [good(r) for r in clean]
    ins = Inserter([r["handoff_id"] for r in clean], "H", 7)

    def make(kind, j, new):
        if kind == "duplicate_id":
            return [rows[max(0, j - rng.randint(1, 100))][k] for _, k in HANDOFF_COLS]
        d = dict(rows[j])
        d["handoff_id"], d["x_comments"] = new, ""
        day = ymd(clean[j]["handoff_date"])
        if kind == "bad_date":
            d["handoff_date"] = rng.choice(["%s noon" % us_date(day),        # words, not a time
                                            "%s 24:%02d" % (us_date(day), rng.randrange(0, 60, 15)),
                                            "%02d/%02d/%d 08:00" % (day.day + 12 if day.day <= 19 else 13,
                                                                    day.month, day.year)])
        elif kind == "date_1899":
            d["handoff_date"] = "12/30/1899 00:00"
        elif kind == "unknown_code":
            if rng.random() < 0.6:
                d["handoff_type"] = "Transfer Note"
            else:
                d["completed"] = "Cancelled"
        elif kind == "missing":
            d[rng.choice(["department", "handoff_date", "completed", "handoff_type"])] = ""
        elif kind == "negative":
            d["completed"], d["hours_to_complete"] = "Closed", "-%.1f" % rng.uniform(0.2, 5)
        elif kind == "not_a_number":
            if rng.random() < 0.5:
                d["completed"], d["hours_to_complete"] = "Closed", "n/a"
            else:
                d["window_hours"] = "48h"
        elif kind == "zero_window":
            d["window_hours"] = "0"
        elif kind == "bad_utf8":        # a no-break space from a cp1252 export
            d["department"] = latin1(d["department"] + "\u00a0")
        elif kind == "too_few_fields":
            return [d[k] for _, k in HANDOFF_COLS][:-rng.randint(1, 3)]
        elif kind == "too_many_fields":  # a tab typed into the comment
            d["x_comments"] = Raw("Paged\tno answer")
        elif kind == "broken_quote":
            d["x_comments"] = Raw('"Waiting on "final read" from radiology"')
        return [d[k] for _, k in HANDOFF_COLS]

    counts = [("bad_date", 7), ("date_1899", 4), ("unknown_code", 7), ("missing", 6), ("negative", 5),
              ("not_a_number", 6), ("zero_window", 4), ("too_few_fields", 3), ("too_many_fields", 4),
              ("broken_quote", 4), ("bad_utf8", 5), ("duplicate_id", 8)]
    made = place(rng, ins, len(rows), kinds_list(counts), make)
    out = ins.merged([[d[k] for _, k in HANDOFF_COLS] for d in rows])
    return [h for h, _ in HANDOFF_COLS], out, made, {}


# ---------------------------------------------------------------- burnout
BURNOUT_COLS = [
    ("ResponseId", "response_id"), ("RecordedDate", "survey_date"), ("Survey", "x_survey"),
    ("Department", "department"), ("Role", "role"), ("Q1 Satisfaction", "satisfaction"),
    ("Q2 Stress", "stress"), ("Q3 Burnout", "burnout"), ("Q9 Teamwork", "teamwork"),
    ("Q11 Trust Leaders", "trust_leadership"), ("Comments", "x_comments")]
ROLE = {"PHYSICIAN": [("MD", 80), ("DO", 20)], "APP": [("NP", 65), ("PA", 35)],
        "NURSE": [("RN", 1)], "ADMINISTRATOR": [("Admin", 1)], "STAFF": [("Staff", 1)]}
SURVEY_NOTES = ["Too many inbox messages, not enough time", 'More "protected" admin time, please',
                "Staffing is short on nights, weekends too"]


def messy_burnout(rng, clean):
    def good(r):
        d = {k: r.get(k, "") for _, k in BURNOUT_COLS}
        day = ymd(r["survey_date"])
        d["survey_date"] = "%s %02d:%02d:%02d" % (day.isoformat(), rng.randint(7, 22),
                                                  rng.randrange(60), rng.randrange(60))
        d["x_survey"] = "Mini-Z 2.0 %d-Q%d" % (day.year, (day.month + 2) // 3)
        codes = ROLE[r["role"]]
        d["role"] = case_variant(rng, rng.choices([c for c, _ in codes], [w for _, w in codes])[0])
        d["burnout"] = str(6 - int(r["burnout"]))       # Mini-Z 2.0: higher is better
        d["x_comments"] = rng.choice(SURVEY_NOTES) if rng.random() < 0.04 else ""
        return d

    rows = [good(r) for r in clean]
    ins = KeyInserter(rng, (r["response_id"] for r in clean))

    def make(kind, j, new):
        if kind == "duplicate_id":      # the same response submitted twice
            return [rows[max(0, j - rng.randint(1, 40))][k] for _, k in BURNOUT_COLS]
        d = dict(rows[j])
        d["response_id"], d["x_comments"] = new, ""
        if kind == "score_7":           # a 7-point item pasted into a 5-point column
            d["stress"] = "7"
        elif kind == "bad_date":
            d["survey_date"] = d["survey_date"][:5] + "13" + d["survey_date"][7:]
        elif kind == "date_1899":
            d["survey_date"] = "1899-12-30 00:00:00"
        elif kind == "unknown_code":
            d["role"] = "Resident"
        elif kind == "missing":
            d["burnout"] = ""
        elif kind == "too_many_fields":
            d["x_comments"] = Raw("Charting at home|every night")
        elif kind == "broken_quote":
            d["x_comments"] = Raw('"We need "real" breaks"')
        elif kind == "bad_utf8":
            d["department"] = latin1(d["department"] + "\u00a0")
        return [d[k] for _, k in BURNOUT_COLS]

    counts = [("score_7", 1), ("bad_date", 1), ("date_1899", 1), ("unknown_code", 1), ("missing", 1),
              ("too_many_fields", 1), ("broken_quote", 1), ("bad_utf8", 1), ("duplicate_id", 1)]
    made = place(rng, ins, len(rows), kinds_list(counts), make)
    out = ins.merged([[d[k] for _, k in BURNOUT_COLS] for d in rows])
    return [h for h, _ in BURNOUT_COLS], out, made, {}


# ---------------------------------------------------------------- commentary
# The dyad meetings' action log kept in a shared spreadsheet: Excel CSV
# (BOM, CRLF), day-first dates, the meeting's date instead of its month.
COMMENTARY_COLS = [("Item", "x_item"), ("Meeting Date", "month"), ("Dyad", "dyad"),
                   ("KPI", "metric"), ("Discussion", "comment"), ("Action Item", "action"),
                   ("Owner", "owner"), ("Due By", "due"), ("Status", "status"),
                   ("Visibility", "audience"), ("Minutes By", "x_minutes")]
COMMENTARY_STATUS = {"": [""], "open": ["Open", "In Progress"], "done": ["Complete"],
                     "dropped": ["Withdrawn"]}
COMMENTARY_AUDIENCE = {"internal": "Dyad only", "public": "Town hall"}
MINUTES_BY = {"oncology": "M. Chen", "primary-care": "S. O'Connor", "surgery": "Z. \u00c5ngstr\u00f6m"}


def uk_date(d):
    return d.strftime("%d/%m/%Y")


def messy_commentary(rng, clean):
    def meeting(month):     # the second Tuesday of the month
        first = dt.date(int(month[0:4]), int(month[5:7]), 1)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)

    rows = []
    for i, r in enumerate(clean):
        d = dict(r)
        d["x_item"] = str(i + 1)
        d["month"] = uk_date(meeting(r["month"]))
        d["due"] = uk_date(ymd(r["due"])) if r["due"] else ""
        d["status"] = rng.choice(COMMENTARY_STATUS[r["status"]])
        d["audience"] = COMMENTARY_AUDIENCE[r["audience"]]
        d["x_minutes"] = MINUTES_BY[r["dyad"]]
        rows.append([d[k] for _, k in COMMENTARY_COLS])
    # A row for a dyad the site config does not have: a warning naming
    # the line, and the row left out (no row is broken: max_bad_rows is a
    # share, and this file is small).
    rows.append(["%d" % (len(rows) + 1), rows[-1][1], "cardiology", "no_show_rate",
                 "Cardiology will join this review once its departments are set up.",
                 "", "", "", "", "Dyad only", "M. Chen"])
    return [h for h, _ in COMMENTARY_COLS], rows, {}, {"unknown dyad": 1}


# ---------------------------------------------------------------- main
JOBS = [  # name, maker, delimiter, line end, BOM, always-quoted columns
    ("visits", messy_visits, ";", "\r\n", True, ()),
    ("denials", messy_denials, ",", "\r\n", False,
     tuple(i for i, (_, k) in enumerate(DENIAL_COLS) if k in DENIAL_TEXT)),
    ("handoffs", messy_handoffs, "\t", "\n", False, ()),
    ("burnout", messy_burnout, "|", "\r\n", True, ()),
    ("commentary", messy_commentary, ",", "\r\n", True, ()),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=here, help="folder of the clean extracts")
    ap.add_argument("--out", default=os.path.join(here, "messy"))
    ap.add_argument("--seed", type=int, default=20261031)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name, fn, delim, eol, bom, quoted in JOBS:
        clean = read_clean(os.path.join(a.src, name + ".csv"))
        rng = random.Random("%d/messy/%s" % (a.seed, name))
        header, rows, made, extra = fn(rng, clean)
        size = write_extract(os.path.join(a.out, name + ".csv"), delim, eol, bom, header, rows, quoted)
        bad = sum(made.values())
        print("%s.csv: %d rows (%d good, %d broken = %.2f %%%s), %d bytes" % (
            name, len(rows), len(clean), bad, 100.0 * bad / len(rows),
            "".join(", %d %s" % (v, k) for k, v in extra.items()), size))
        print("  broken: " + ", ".join("%s %d" % (k, made[k]) for k in sorted(made)))


if __name__ == "__main__":
    main()
