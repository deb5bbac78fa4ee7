#!/usr/bin/env python3
"""make-seeds.py -- writes the fuzz targets' seed corpora from sample-data/
and the unit tests' fixtures.

Run from the top of the source tree:  python3 fuzz/make-seeds.py
It replaces fuzz/corpus/{load,config,fields}/ (a few dozen small files,
well under 200 KB in all). The seeds are committed; rerun this only when the
sample data, the fixtures in tests/unit/ or the fuzz targets' input layout
change.

fuzz-load inputs start with two option bytes (see fuzz/fuzz-load.c):
byte 0 = extract | delimiter << 2 | date format << 4 | renames 0x40 |
code maps 0x80; byte 1 = max_messages | verbose 4 | IGNORE maps 8 |
expansion 16 | date format bit 2 << 3 | commentary 0x40 (the extract
bits then unused). fuzz-fields inputs start with one
format byte. Seeds from sample-data/messy/ and site-messy.ini are made only
when those files exist.
"""
import csv
import gzip
import io
import os
import shutil
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TOP, "fuzz", "corpus")

VISITS, DENIALS, HANDOFFS, BURNOUT = range(4)
COMMA, SEMI, PIPE, TAB = range(4)
DELIM = {COMMA: ",", SEMI: ";", PIPE: "|", TAB: "\t"}
# date formats, as fuzz-load.c numbers them
F_DEFAULT, F_ISO, F_US, F_DE, F_DE_DAY, F_US_TIME, F_ISO_SECS, F_UK = range(8)
RENAMES, MAPS = 0x40, 0x80
M_DEFAULT, M_ALL, M_ONE, M_100 = range(4)
VERBOSE, IGNORE, EXPAND = 4, 8, 16
COMMENTARY = 0x40

VH = ("visit_id,visit_date,patient_id,provider_id,provider_name,department,"
      "visit_type,status,booked_date,duration_min,wrvu\n")
DH = ("request_id,department,payer,service,submitted_date,decision_date,"
      "status,denial_reason,appeal_status,amount\n")
HH = ("handoff_id,handoff_date,department,handoff_type,completed,"
      "hours_to_complete,window_hours,structured_tool\n")
BH = ("response_id,survey_date,department,role,burnout,satisfaction,stress,"
      "trust_leadership,teamwork\n")
CH = "dyad,metric,month,comment,action,owner,due,status,audience\n"

seeds = {"load": {}, "config": {}, "fields": {}}


def load_seed(name, extract, text, delim=COMMA, fmt=F_DEFAULT, flags=0, b1=0):
    body = text.encode("utf-8") if isinstance(text, str) else text
    head = bytes([extract | delim << 2 | (fmt & 3) << 4 | flags, b1 | (fmt & 4) << 3])
    seeds["load"][name] = head + body


def sample_rows(fname, n=12, extra_keys=()):
    """Header, the first n rows, then the first row showing each value of the
    columns in extra_keys (so denials get DENIED rows, appeals, ...)."""
    with open(os.path.join(TOP, "sample-data", fname), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    out = body[:n]
    for key in extra_keys:
        k = head.index(key)
        seen = {r[k] for r in out}
        for r in body:
            if r[k] not in seen and len(out) < 24:
                out.append(r)
                seen.add(r[k])
    return head, out


def to_csv(head, rows, delim=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\n")
    w.writerow(head)
    w.writerows(rows)
    return buf.getvalue()


def redate(rows, head, fmt, cols):
    """Rewrites ISO dates in cols into the US or German format."""
    out = []
    for r in rows:
        r = list(r)
        for c in cols:
            k = head.index(c)
            v = r[k]
            if len(v) == 10 and v[4] == "-":
                y, m, d = v[:4], v[5:7], v[8:10]
                if fmt == F_US:
                    r[k] = "%d/%d/%s" % (int(m), int(d), y)
                else:
                    r[k] = "%s.%s.%s 08:30" % (d, m, y)
        out.append(r)
    return out


def rename(head, pairs):
    return [pairs.get(h, h) for h in head]


def load_seeds():
    # the sample extracts, as shipped
    vh, vr = sample_rows("visits.csv", extra_keys=("status", "visit_type"))
    dh, dr = sample_rows("denials.csv", extra_keys=("status", "denial_reason", "appeal_status"))
    hh, hr = sample_rows("handoffs.csv", extra_keys=("handoff_type", "completed", "structured_tool"))
    bh, br = sample_rows("burnout.csv", extra_keys=("role",))
    load_seed("sample-visits", VISITS, to_csv(vh, vr))
    load_seed("sample-denials", DENIALS, to_csv(dh, dr), fmt=F_ISO)
    load_seed("sample-handoffs", HANDOFFS, to_csv(hh, hr))
    load_seed("sample-burnout", BURNOUT, to_csv(bh, br), fmt=F_ISO)

    # the same in other delimiters and date formats
    load_seed("visits-semicolon-us", VISITS,
              to_csv(vh, redate(vr, vh, F_US, ("visit_date", "booked_date")), ";"),
              delim=SEMI, fmt=F_US)
    load_seed("denials-pipe-de", DENIALS,
              to_csv(dh, redate(dr, dh, F_DE, ("submitted_date", "decision_date")), "|"),
              delim=PIPE, fmt=F_DE)
    load_seed("handoffs-tab-us", HANDOFFS,
              to_csv(hh, redate(hr, hh, F_US, ("handoff_date",)), "\t"),
              delim=TAB, fmt=F_US)
    load_seed("burnout-semicolon-de", BURNOUT,
              to_csv(bh, redate(br, bh, F_DE, ("survey_date",)), ";"),
              delim=SEMI, fmt=F_DE)

    # site header renames and code maps (site-messy.ini, as in fuzz-load.c)
    load_seed("visits-site", VISITS, to_csv(
        rename(vh, {"visit_id": "Appt ID", "visit_date": "Appt Date", "patient_id": "MRN",
                    "provider_id": "Prov ID", "provider_name": "Provider Name",
                    "department": "Dept", "visit_type": "Appt Type", "status": "Appt Status",
                    "booked_date": "Appt Made Date", "duration_min": "Appt Length",
                    "wrvu": "Work RVU"}),
        [r[:6] + [{"NEW": "New Patient", "ESTABLISHED": "Return Visit"}.get(r[6], r[6]),
                  {"COMPLETED": "Checked Out", "NO_SHOW": "No Show",
                   "CANCELLED": "Canceled"}.get(r[7], r[7])] + r[8:]
         for r in vr[:10]]), flags=RENAMES | MAPS)
    load_seed("denials-site", DENIALS, to_csv(
        rename(dh, {"request_id": "Auth Number", "department": "Ordering Dept",
                    "payer": "Payer Name", "service": "CPT/Service",
                    "submitted_date": "Submit Date", "decision_date": "Decision Dt",
                    "status": "Auth Status", "denial_reason": "CARC",
                    "appeal_status": "Appeal Status", "amount": "Billed Amount"}),
        [r[:6] + [{"DENIED": "Denied", "APPROVED": "Auth Approved",
                   "PENDING": "Pended"}.get(r[6], r[6]),
                  {"MISSING_DOCUMENTATION": "CO-16", "CODING_ERROR": "CO-4",
                   "MEDICAL_NECESSITY": "CO-50", "AUTHORIZATION": "CO-197",
                   "ELIGIBILITY": "CO-27", "TIMELY_FILING": "CO-29",
                   "OTHER": "CO-96"}.get(r[7], r[7]),
                  {"OVERTURNED": "Reversed", "UPHELD": "Affirmed",
                   "PENDING": "Open"}.get(r[8], r[8])] + r[9:] for r in dr]),
        flags=RENAMES | MAPS)
    load_seed("handoffs-site", HANDOFFS, to_csv(
        rename(hh, {"handoff_id": "Task ID", "handoff_date": "Due", "department": "Unit",
                    "handoff_type": "Task Type", "completed": "Task Status",
                    "hours_to_complete": "Hrs to Close", "window_hours": "Window (hrs)",
                    "structured_tool": "Comm Tool"}),
        [r[:3] + [{"SHIFT_CHANGE": "Shift Report", "DISCHARGE": "Discharge Summary",
                   "REFERRAL": "Referral Loop", "RESULT_FOLLOWUP": "Result Follow-up",
                   "OTHER": "Other Task"}.get(r[3], r[3]),
                  {"Y": "Closed", "N": "Open"}.get(r[4], r[4])] + r[5:7]
         + [{"IPASS": "I-PASS", "NONE": "Free Text"}.get(r[7], r[7])] for r in hr]),
        flags=RENAMES | MAPS)
    load_seed("burnout-site", BURNOUT, to_csv(
        rename(bh, {"response_id": "ResponseId", "survey_date": "RecordedDate",
                    "satisfaction": "Q1 Satisfaction", "stress": "Q2 Stress",
                    "burnout": "Q3 Burnout", "teamwork": "Q9 Teamwork",
                    "trust_leadership": "Q11 Trust Leaders"}),
        [r[:3] + [{"PHYSICIAN": "MD", "NURSE": "RN", "APP": "NP",
                   "ADMINISTRATOR": "Admin", "STAFF": "Staff"}.get(r[3], r[3])] + r[4:]
         for r in br]),
        flags=RENAMES | MAPS)

    # sample-data/messy/ (real-looking exports of the same rows), when present
    messy = [("visits", VISITS, SEMI, F_US, 0), ("denials", DENIALS, COMMA, F_DE_DAY, IGNORE),
             ("handoffs", HANDOFFS, TAB, F_US_TIME, 0), ("burnout", BURNOUT, PIPE, F_ISO_SECS, 0)]
    for name, extract, delim, fmt, b1 in messy:
        path = os.path.join(TOP, "sample-data", "messy", name + ".csv")
        if os.path.exists(path):
            with open(path, "rb") as f:
                lines = f.read().split(b"\n")
            load_seed("messy-" + name, extract, b"\n".join(lines[:20]) + b"\n",
                      delim=delim, fmt=fmt, flags=RENAMES | MAPS, b1=b1)

    load_seed("denials-ignore", DENIALS, DH +
              "R1,ONC,Acme,MRI,2024-03-01,2024-03-05,DENIED,CO-45,,100\n"
              "R2,ONC,Acme,MRI,2024-03-01,2024-03-05,DENIED,pr-1,,5\n"
              "R3,ONC,Acme,MRI,2024-03-01,2024-03-05,DENIED,CO-16,UPHELD,7\n"
              "R4,ONC,Acme,MRI,2024-03-01,2024-03-05,Denied,CODING_ERROR,Reversed,7\n",
              flags=MAPS, b1=IGNORE)

    # the fixtures of tests/unit/test-load.c
    load_seed("bom-crlf", VISITS,
              "\ufeff\"visit_id\",visit_date,patient_id,provider_id,provider_name,department,"
              "visit_type,status,booked_date,duration_min,wrvu\r\n"
              "V1,2024-03-05,P1,D1,Ana Ruiz,ONC,NEW,COMPLETED,2024-02-20,30,2.5\r\n"
              "V2,2024-03-06,P2,D1,,ONC,established,no_show,,,\r\n")
    load_seed("quoted", VISITS, VH +
              "V1,2024-03-05,P1,D1,\"Ruiz, Ana\",ONC,NEW,COMPLETED,,,\n"
              "V2,2024-03-05,P2,D1,\"José\nMüller \"\"Joe\"\"\",ONC,NEW,COMPLETED,,,\n"
              "V3,2024-13-05,P3,D1,x,ONC,NEW,COMPLETED,,,\n")
    load_seed("header-forms", VISITS,
              " Visit_ID ,VISIT_DATE,Extra Column,patient_id,  Provider_Id,department,visit_type,STATUS\n"
              "V1,2024-01-31,whatever,P1,D1,ONC,NEW,CANCELLED\n")
    load_seed("bad-rows", VISITS, VH.encode() +
              b"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
              b"V2,2024-02-30,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
              b"V3,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,\n"
              b"V4,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,-1\n"
              b"V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
              b"V6,1989-12-31,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
              b"V7,2024-03-05,P1,D1,,ONC,NEW,ARRIVED,,,1\n"
              b"V8,2024-03-05,P1,D1,\"Ana \xc3\",ONC,NEW,COMPLETED,,,1\n"
              b"V9,2024-03-05,,D1,,ONC,NEW,COMPLETED,,,1\n"
              b"V10,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,abc,1\n"
              b"V11,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1,extra\n"
              b"V12,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,45,0.75\n", b1=M_ALL | VERBOSE)
    load_seed("denial-rules", DENIALS, DH +
              "R1,ONC,Acme,MRI Brain,2024-03-01,2024-03-05,DENIED,,,100\n"
              "R2,ONC,Acme,MRI Brain,2024-03-01,2024-02-28,DENIED,CODING_ERROR,,5\n"
              "R3,ONC,Acme,99213,2024-03-01,2024-03-01,APPROVED,MEDICAL_NECESSITY,OVERTURNED,1e3\n"
              "R4,ONC,Acme,99213,2024-03-01,,PENDING,,,\n"
              "R5,ONC,Acme,99213,2024-03-01,2024-03-02,denied,timely_filing,upheld,12.5\n")
    load_seed("handoff-rules", HANDOFFS, HH +
              "H1,2024-03-05 13:45,ICU,SHIFT_CHANGE,Y,0.5,1,SBAR\n"
              "H2,2024-03-06T08:00:59,ICU,discharge,no,,,\n"
              "H3,2024-03-07,ICU,REFERRAL,true,700,0,IPASS\n"
              "H4,2024-03-07 25:00,ICU,REFERRAL,1,,,\n"
              "H5,2024-03-07,ICU,OTHER,maybe,,,\n"
              "H6,2024-03-07 00:00:00.000,ICU,RESULT_FOLLOWUP,0,,-2,NONE\n")
    load_seed("burnout-rules", BURNOUT, BH +
              "S1,2024-03-05,ONC,NURSE,3,4,,5,1\n"
              "S2,2024-03-05,ONC,NURSE,6,4,,5,1\n"
              "S3,2024-03-05,ONC,APP,,4,,5,1\n"
              "S4,2024-03-05,ONC,APP,2,0,,5,1\n"
              "S5,2024-03-05,ONC,APP,2.5,1,,5,1\n", b1=M_ONE)
    load_seed("missing-column", VISITS,
              "visit_id,visit_date,patient_id,department,visit_type,status\nV1,2024-01-01,P,ONC,NEW,COMPLETED\n")
    load_seed("duplicate-header", VISITS,
              "visit_id,visit_date,patient_id,provider_id,department,visit_type,status, STATUS \n")
    load_seed("empty", VISITS, "")
    load_seed("bom-only", HANDOFFS, "\ufeff\r\n\r\n")
    load_seed("header-only", VISITS, VH + "\n\n")
    load_seed("unterminated-quote", VISITS, VH +
              "V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
              "V2,2024-03-05,P1,D1,\"Ana\nRuiz,ONC,NEW,COMPLETED,,,1\n")
    load_seed("text-after-quote", VISITS, VH +
              "V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
              "V2,2024-03-05,P1,D1,\"multi\nline\",ONC,NEW,COMPLETED,,,1\n"
              "V3,2024-03-05,P1,D1,\"Ana\"x,ONC,NEW,COMPLETED,,,1\n")
    load_seed("stray-quote", VISITS, VH + "V1,2024-03-05,P1,D1,An\"a,ONC,NEW,COMPLETED,,,1\n")
    load_seed("utf16", VISITS, b"\xff\xfev\0i\0")
    load_seed("semicolon-blank-lines", VISITS,
              "visit_id;visit_date;patient_id;provider_id;department;visit_type;status;wrvu\n"
              "\n"
              "V1;05.03.2024 09:00;P1;D1;ONC;NEW;COMPLETED;1.5\n"
              "   \n"
              "V2;29.02.2024 10:15;P1;D1;ONC;NEW;COMPLETED;2,5\n"
              "V3;5.3.2024 14:00;P1;D1;ONC;NEW;COMPLETED;3", delim=SEMI, fmt=F_DE)
    load_seed("tab-crlf-ampm", VISITS,
              "visit_id\tvisit_date\tpatient_id\tprovider_id\tdepartment\tvisit_type\tstatus\r\n"
              "V1\t1/5/2024 1:45 PM\tP1\tD1\tONC\tNEW\tCOMPLETED\r\n"
              "\r\n"
              "V2\t12/31/2024\tP1\tD1\t\tNEW\tCOMPLETED\r\n", delim=TAB, fmt=F_US)
    load_seed("bare-cr", VISITS, VH +
              "V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\r"
              "V2,2024-03-05,P1,D1,\"a\rb\",ONC,NEW,COMPLETED,,,1\r"
              "V3,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,x\r")
    many = VH + "".join("V%d,2024-99-01,P,D,,ONC,NEW,COMPLETED,,,\n" % i for i in range(8))
    load_seed("many-bad", VISITS, many, b1=M_ONE | VERBOSE)
    # a field over 64 KiB (expanded from "\0\0" N C), line ends at the cap
    load_seed("long-field", VISITS, VH.encode() +
              b"V1,2024-03-05,P1,D1,\"\0\0\x3fa\r\n\0\0\x3fb\n\"\"x\",ONC,NEW,COMPLETED,,,1\n"
              b"V2,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,x\n", b1=EXPAND)
    # an unread column over 64 KiB, rows across the 64 KiB read block, a
    # broken quote after it
    # gzip (load-gzip.c): a whole file, two members, a truncated one
    gz_text = (VH + "V1,2024-03-05,P1,D1,,ONC,NEW,COMPLETED,,,1\n"
               "V2,2024-03-06,P2,D1,,ONC,NEW,NO_SHOW,,,\n").encode()
    load_seed("gzip", VISITS, gzip.compress(gz_text, mtime=0))
    load_seed("gzip-members", VISITS, gzip.compress(gz_text[:120], mtime=0) +
              gzip.compress(gz_text[120:], mtime=0))
    load_seed("gzip-truncated", VISITS, gzip.compress(gz_text, mtime=0)[:60])
    load_seed("block-boundary", VISITS,
              b"visit_id,visit_date,notes,patient_id,provider_id,department,visit_type,status\n"
              b"V1,2024-03-05,\0\0\x40n,P1,D1,ONC,NEW,COMPLETED\n"
              b"V2,2024-03-05,\0\0\x3en,P1,D1,ONC,NEW,COMPLETED\n"
              b"V3,2024-03-05,\"x\"y,P1,D1,ONC,NEW,COMPLETED\n", b1=EXPAND)
    # a row with more fields than the loader stores
    load_seed("wide-row", BURNOUT, BH + "S1,2024-03-05,ONC,NURSE,3" + "," * 4200 + "\n")
    commentary_seeds()


def commentary_seeds():
    """commentary.csv (byte 1 bit 6): as tests/unit/test-load.c writes it,
    in a site's terms (fuzz-load.c's renames and maps), and long text."""
    load_seed("commentary", 0, CH +
              "oncology,no_show_rate,2026-10,\"Calls, \"\"reminders\"\"\nand texts\",,,,,\n"
              "oncology,no_show_rate,2026-09-14,,Call back,Ana,2026-09-30,done,Public\n"
              "surgery,visits_completed,2026-10, x ,,,,Dropped,INTERNAL\n"
              "surgery,visits_completed,2026-10,,,Bob,,,\n"
              "oncology,no_show_rate,2026-10,\"Ana \xc3\",,,,,\n"
              "oncology,no_show_rate,2026-10,y,,,,CLOSED,\n"
              "oncology,no_show_rate,1989-12,y,,,,,\n"
              "oncology,no_show_rate,2026-13,z,,,,,\n"
              "oncology,no_show_rate,2026-10,dup,,,,,\n"
              "oncology,no_show_rate,2026-10,dup,,,,,\n", b1=COMMENTARY)
    load_seed("commentary-site", 0,
              "Dyad;Metric;Meeting Month;Notes;Action;Lead;Due;Status;Audience\n"
              "oncology;no_show_rate;14/10/2026;Seen;Fix it;Ana;31/10/2026;Closed;Everyone\n"
              "oncology;no_show_rate;2026-11;;Fix it;;;In progress;team only\n"
              "primary-care;initial_denial_rate;01/11/2026;=HYPERLINK(\"x\");;;;Parked;\n",
              delim=SEMI, fmt=F_UK, flags=RENAMES | MAPS, b1=COMMENTARY)
    load_seed("commentary-long", 0, CH.encode() +
              b"oncology,no_show_rate,2026-10,\"\0\0\x3ea\n\0\0\x01b\",,,,,\n"
              b"oncology,no_show_rate,2026-10,\"\0\0\x40c\",,,,,\n"
              b"oncology,no_show_rate,2026-10,ok,,,,,\n", b1=COMMENTARY | EXPAND)


GOOD = """; a comment
[report]
organization = Riverside Health
period = 2026-10
months = 13   ; inline comment
formats = pdf, png
max_bad_rows = 2%
label = Internal \u2014 no patient identifiers

[input]
visits = data/visits.csv
denials = /abs/denials.csv
delimiter = semicolon

[dyad oncology]
name = Oncology
physician = Dr. Jos\u00e9 N\u00fa\u00f1ez
administrator = Zo\u00eb \u00c5ngstr\u00f6m
departments = ONC, RADONC , INF

[dyad primary-care]
name = Primary care
departments = FM

[target initial_denial_rate]
value = 8%
better = lower
[target wrvu_per_visit]
value = 2.5
"""

SPEC = """[report]
organization = Riverside Health
period = last-month
months = 13
template = monthly-packet
output = out/%Y-%m            ; strftime of the report month
formats = pdf, png, csv
suppress_below = 5
max_bad_rows = 1%
label = Internal

[input]
visits = data/visits.csv
denials = data/denials.csv
handoffs = data/handoffs.csv
burnout = data/burnout.csv
date_format = %Y-%m-%d
delimiter = ,

[visits]
date_format = %m/%d/%Y
col.visit_date = Appt Date
map.status.Arrived = COMPLETED

[denials]
map.denial_reason.CO-45 = IGNORE
map.denial_reason.16 = MISSING_DOCUMENTATION

[dyad oncology]
name = Oncology
departments = ONC, RADONC, INF

[target handoff_completion_rate]
value = 95%
better = higher
"""


def config_seeds():
    c = seeds["config"]
    with open(os.path.join(TOP, "sample-data", "site.ini"), "rb") as f:
        c["sample-site"] = f.read()
    messy = os.path.join(TOP, "sample-data", "site-messy.ini")
    if os.path.exists(messy):
        with open(messy, "rb") as f:
            c["sample-site-messy"] = f.read()
    c["good"] = GOOD.encode()
    c["spec-example"] = SPEC.encode()
    c["minimal"] = b"[input]\nvisits = v.csv\n[dyad a]\ndepartments = X\n"
    c["unknown-key"] = (GOOD + "colour = blue\n").encode()
    c["unknown-section"] = (GOOD + "[reprot]\nperiod = 2026-10\n").encode()
    c["duplicate-section"] = (GOOD + "[dyad oncology]\nname = again\n").encode()
    c["department-twice"] = (GOOD + "[dyad other]\ndepartments = XYZ, onc\n").encode()
    c["reopened-report"] = (GOOD + "[report]\n").encode()
    c["duplicate-key"] = b"[report]\nmonths = 13\nmonths = 12\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n"
    c["indented"] = b"[report]\nperiod = 2026-10\n  months = 12\n[dyad a]\ndepartments=X\n[input]\nvisits=v.csv\n"
    c["long-line"] = b"[report]\nlabel = " + b"x" * 250 + b"\nmonths = 1\n[dyad a]\ndepartments=X\n"
    c["percent-over"] = b"[report]\nmax_bad_rows = 120%\n"
    c["bad-dyad-id"] = b"[dyad Bad_ID]\ndepartments = X\n"
    c["unknown-metric"] = b"[target no_such_metric]\nvalue = 1\n"
    c["no-equals"] = b"[report]\njust a line\n"
    c["no-dyad"] = b"[input]\nvisits = v.csv\n"
    c["no-departments"] = b"[dyad a]\nname = A\n[input]\nvisits = v.csv\n"
    c["bad-format"] = b"[report]\nformats = pdf, docx\n"
    c["bad-delimiter"] = b"[input]\ndelimiter = ::\n"
    c["extract-sections"] = (b"[input]\nvisits = v.csv\nhandoffs = h.csv\nburnout = b.csv\n"
                             b"[handoffs]\ndelimiter = tab\ndate_format = %m/%d/%Y %H:%M\n"
                             b"col.completed = Task Status\nmap.completed.Closed = Y\n"
                             b"window.discharge = 48\nwindow.SHIFT_CHANGE = 0.5\n"
                             b"[burnout]\nscale = minz2\ndelimiter = pipe\n"
                             b"col.burnout = Q3 Burnout\nmap.role.MD = PHYSICIAN\n"
                             b"[visits]\ncol.visit_date = Appt Date\ncol.booked_date = appt date\n"
                             b"map.status.x.y = COMPLETED\nmap.status. = NEW\nmap..a = NEW\n"
                             b"[dyad a]\ndepartments = X\n")
    c["commentary-section"] = (b"[input]\nvisits = v.csv\ncommentary = notes/*.csv\n"
                               b"[commentary]\ndelimiter = semicolon\ndate_format = %d/%m/%Y\n"
                               b"col.comment = Notes\ncol.month = Meeting Month\n"
                               b"map.status.Closed = DONE\nmap.audience.Everyone = PUBLIC\n"
                               b"[dyad oncology]\ndepartments = ONC\n")
    c["commentary-alone"] = b"[input]\ncommentary = c.csv\n[dyad a]\ndepartments = X\n"
    # found by fuzz-config: a run of spaces in a date format never matched
    c["regress-double-space"] = (b"[input]\nvisits = v.csv\ndelimiter = tab\n"
                                 b"date_format = %d.%m.%Y  %H:%M\n[dyad a]\ndepartments = X\n")
    # found by fuzz-config: a site code with a leading space never matched
    c["regress-spaced-code"] = (b"[input]\nburnout = b.csv\n[burnout]\nmap.role. MD = PHYSICIAN\n"
                                b"[dyad a]\ndepartments = X\n")
    c["crlf-bom-tab"] = ("\ufeff[report]\r\nperiod = 2026-01\r\n[input]\r\nvisits = v.csv\r\n"
                         "delimiter = tab\r\ndate_format = %d.%m.%Y %H:%M\r\n"
                         "[dyad x-1]\r\ndepartments = A,B\r\n[target no_show_rate]\r\n"
                         "value = 0.08\r\nbetter = neutral\r\n").encode()


def fields_seeds():
    f = seeds["fields"]
    for name, sel, cell in [
            ("iso", 0, b"2024-03-05"), ("iso-time", 0, b"2024-03-06T08:00:59"),
            ("iso-ms", 0, b"2024-03-07 00:00:00.000"), ("iso-pm", 0, b"2024-03-07 1:45 PM"),
            ("feb29", 0, b"2024-02-29"), ("range", 0, b"1989-12-31"),
            ("us", 1, b"1/5/2024 1:45 PM"), ("us-full", 1, b"12/31/2024"),
            ("de", 2, b"05.03.2024 14:00"), ("de-short", 2, b"5.3.2024 9:05"),
            ("custom", 3, b"%Y/%m/%d %H:%M:%S %%\x002024/03/05 13:45:10 %"),
            ("custom-bad", 3, b"%Y-%q-%d\x002024-01-01"),
            ("number-exp", 0, b"1e3"), ("number-neg", 0, b"-0.5"), ("number-comma", 0, b"2,5"),
            ("number-big", 0, b"1e309"), ("bool-yes", 0, b"YeS"), ("bool-false", 0, b"false"),
            ("utf8-ok", 0, "Jos\u00e9 \u00c5ngstr\u00f6m \U0001F600".encode()),
            ("utf8-cut", 0, b"Ana \xc3"), ("utf8-surrogate", 0, b"\xed\xa0\x80"),
            ("utf8-overlong", 0, b"\xe0\x80\xaf"), ("utf8-max", 0, b"\xf4\x90\x80\x80"),
            # found by fuzz-fields: a date alone parsed with a refused format;
            # a run of spaces in a format never matched
            ("regress-date-alone", 3, b"%Y/%m/%d %H:\xa9M% S%2%%\x002024/03/1"),
            ("regress-double-space", 3, b"%d.%m.%Y  %H:%M\x0005.03.2024 13:45")]:
        f[name] = bytes([sel]) + cell


def main():
    load_seeds()
    config_seeds()
    fields_seeds()
    total = 0
    for target, files in seeds.items():
        d = os.path.join(OUT, target)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for name, data in sorted(files.items()):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
            total += len(data)
    print("fuzz/corpus: %d seeds, %d bytes" % (sum(map(len, seeds.values())), total),
          file=sys.stderr)


if __name__ == "__main__":
    main()
