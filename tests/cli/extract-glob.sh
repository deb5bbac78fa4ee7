#!/bin/sh
# extract-glob.sh -- extracts as they arrive: one file per month, gzipped or
# not, named by a glob in [input], give byte-identical metrics.csv to the
# single plain files; each file is listed with its rows and dates in
# data-quality.csv and --check; headers that disagree, an empty glob, a
# duplicate id across files, damaged and truncated gzip and a gzip bomb of
# zeros each exit as documented, naming the file.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
skip_unless gzip

cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$TMP/"
cd "$TMP"

# split.py OUTDIR [gz]: each sample extract split by the month of its own
# date into OUTDIR/EXTRACT-YYYY-MM.csv[.gz], each with the header (the csv
# module, so quoted commas and line ends survive). Writes OUTDIR.want: per
# file "NAME,ROWS,FIRST to LAST" from the rows' own dates.
cat > split.py <<'EOF'
import csv, gzip, os, sys
out, gz = sys.argv[1], len(sys.argv) > 2
dates = {'visits': 'visit_date', 'denials': 'submitted_date',
         'handoffs': 'handoff_date', 'burnout': 'survey_date'}
os.makedirs(out, exist_ok=True)
want = []
for x, col in dates.items():
    with open(x + '.csv', newline='', encoding='utf-8') as f:
        r = csv.reader(f)
        head = next(r)
        i = head.index(col)
        months = {}
        for row in r:
            months.setdefault(row[i][:7], []).append(row)
    for m in sorted(months):
        name = '%s/%s-%s.csv' % (out, x, m) + ('.gz' if gz else '')
        fp = (gzip.open(name, 'wt', 1, newline='', encoding='utf-8') if gz
              else open(name, 'w', newline='', encoding='utf-8'))
        w = csv.writer(fp, lineterminator='\n')
        w.writerow(head)
        w.writerows(months[m])
        fp.close()
        ds = [row[i][:10] for row in months[m]]
        want.append('%s,%d,%s to %s' % (name, len(ds), min(ds), max(ds)))
open(out + '.want', 'w').write('\n'.join(want) + '\n')
EOF

# config NAME PREFIX SUFFIX: NAME.ini reading PREFIX-EXTRACT-SUFFIX for
# each extract.
config() {
	sed -e "s#^\(visits\|denials\|handoffs\|burnout\) = .*#\1 = $2\1$3#" site.ini > "$1.ini"
	grep -qxF "visits = $2visits$3" "$1.ini" || fail "config $1: [input] not rewritten"
}
# run NAME: writes NAME-out with metrics and data quality only.
run() { expect_exit 0 "$DYADREPORT" -q -f csv -o "$TMP/$1-out" "$TMP/$1.ini"; }
# same_metrics NAME: every metrics.csv of NAME-out equals the plain run's;
# data-quality.csv too but for its file rows.
same_metrics() {
	n=0
	for f in plain-out/*/metrics.csv; do
		cmp -s "$f" "$1-out/${f#plain-out/}" || fail "$1: ${f#plain-out/} differs from the plain files'"
		n=$((n + 1))
	done
	[ "$n" -eq 3 ] || fail "$1: $n metrics.csv, want one per dyad (3)"
	grep -v '^"[a-z]*","file",' plain-out/data-quality.csv > dq-plain
	grep -v '^"[a-z]*","file",' "$1-out/data-quality.csv" > dq-other
	cmp -s dq-plain dq-other || fail "$1: data-quality.csv differs beyond its file rows"
}

cp site.ini plain.ini
run plain
# One plain file: one file row each, its rows and dates.
grep -qx '"visits","file","visits.csv",28455,"2024-10-01 to 2026-10-30"' plain-out/data-quality.csv \
	|| fail "plain: file row of visits.csv: $(grep '"file"' plain-out/data-quality.csv | head -1)"
[ "$(grep -c '^"[a-z]*","file",' plain-out/data-quality.csv)" -eq 5 ] || fail "plain: not one file row per extract and the commentary"
pass "one plain file per extract: one file row each"

# (1) one plain file per month; one visits file with its columns in
# another order (order is free, the names must agree).
python3 split.py drops
python3 - <<'EOF'
import csv
name = 'drops/visits-2025-06.csv'
rows = list(csv.reader(open(name, newline='', encoding='utf-8')))
with open(name, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows([r[::-1] for r in rows])
EOF
config split drops/ "-????-??.csv"
run split
same_metrics split
pass "one plain file per month (one with its columns reversed): same metrics.csv"

# Every file in data-quality.csv, in name order, with rows and dates.
python3 - <<'EOF' || fail "split: data-quality.csv file rows (above)"
import csv, sys
want = {}
for line in open('drops.want'):
    name, rows, dates = line.rstrip('\n').split(',', 2)
    want.setdefault(name.split('/')[1].split('-')[0], []).append([name, rows, dates])
got = {}
for r in csv.reader(open('split-out/data-quality.csv', newline='')):
    if r[1] == 'file':
        got.setdefault(r[0], []).append([r[2], r[3], r[4]])
bad = 0
for x in ('visits', 'denials', 'handoffs', 'burnout'):
    w = sorted(want[x], key=lambda f: f[0].encode())
    if got.get(x) != w:
        print('%s: got %s\nwant %s' % (x, got.get(x), w), file=sys.stderr)
        bad = 1
    if len(w) < 5:
        print('%s: only %d files' % (x, len(w)), file=sys.stderr)
        bad = 1
sys.exit(bad)
EOF
pass "data-quality.csv: a file row per file, in name order, with its rows and dates"

# --check lists them too.
expect_exit 0 "$DYADREPORT" --check split.ini
grep -qx '  file drops/visits-2025-06.csv: '"$(awk -F, '$1 == "drops/visits-2025-06.csv" { print $2 " rows, " $3 }' drops.want)" "$TMP/out" \
	|| fail "--check: no line for drops/visits-2025-06.csv: $(grep 'file drops/visits-2025-0[56]' "$TMP/out")"
[ "$(grep -c '^  file drops/' "$TMP/out")" -eq "$(wc -l < drops.want)" ] || fail "--check: not one line per file"
pass "--check: a line per file with its rows and dates"

# (2) the same, gzipped; (3) one .gz of each whole file.
python3 split.py gz gz
config gz gz/ "-????-??.csv.gz"
run gz
same_metrics gz
grep -q '^"burnout","file","gz/burnout-2026-10.csv.gz",' gz-out/data-quality.csv || fail "gz: no file row named as configured"
pass "one gzip file per month: same metrics.csv"
for x in visits denials handoffs burnout; do gzip -n -c "$x.csv" > "$x.csv.gz"; done
config whole "" ".csv.gz"
run whole
same_metrics whole
pass "each extract one .gz file: same metrics.csv"

# A header that names other columns than the first file's: exit 3 naming
# the file and the column, nothing written.
cp -r drops mism
python3 - <<'EOF'
import csv
name = 'mism/handoffs-2025-03.csv'
rows = list(csv.reader(open(name, newline='', encoding='utf-8')))
i = rows[0].index('structured_tool')
with open(name, 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows([r[:i] + r[i + 1:] for r in rows])
EOF
sed 's#drops/#mism/#' split.ini > mism.ini
expect_exit 3 "$DYADREPORT" -q -f csv -o "$TMP/mism-out" mism.ini
grep -q '^dyadreport: mism/handoffs-2025-03.csv:1: column structured_tool: missing here, yet in the header of mism/handoffs-2024-10.csv' "$TMP/err" \
	|| fail "header mismatch: $(cat "$TMP/err")"
[ ! -e mism-out ] || fail "header mismatch: wrote output"
pass "headers that disagree: exit 3 naming the file and the column"

# An empty glob: exit 3 naming the pattern.
sed 's#^denials = .*#denials = nowhere/denials-*.csv#' split.ini > empty.ini
expect_exit 3 "$DYADREPORT" -q -f csv -o "$TMP/empty-out" empty.ini
grep -qx "dyadreport: nowhere/denials-\\*.csv: configured but missing: no file matches the pattern $(pwd)/nowhere/denials-\\*.csv" "$TMP/err" \
	|| fail "empty glob: $(cat "$TMP/err")"
expect_exit 3 "$DYADREPORT" --check empty.ini
grep -qx 'denials   (configured but missing)' "$TMP/out" \
	|| fail "empty glob: --check does not say configured but missing: $(cat "$TMP/out")"
pass "a glob that matches nothing: exit 3 naming the pattern; --check says configured but missing"

# A match that is a folder: exit 3 as a folder always did.
mkdir drops/burnout-2099-01.csv
expect_exit 3 "$DYADREPORT" -q --check split.ini
grep -q '^dyadreport: drops/burnout-2099-01.csv: is a directory, not a regular file' "$TMP/err" \
	|| fail "folder match: $(cat "$TMP/err")"
rmdir drops/burnout-2099-01.csv
pass "a match that is not a regular file: exit 3"

# A visit of 2026-07 repeated at the end of the 2026-10 file: the duplicate
# is found across files, named by the later file and its line.
sed -n 2p drops/visits-2026-07.csv >> drops/visits-2026-10.csv
line=$(wc -l < drops/visits-2026-10.csv)
expect_exit 0 "$DYADREPORT" --check split.ini
grep -qx "dyadreport: drops/visits-2026-10.csv:$line: column visit_id: duplicate id" "$TMP/err" \
	|| fail "duplicate across files: $(cat "$TMP/err")"
pass "a duplicate id across two files: named by the second file and its line"

# gzip files of a glob that are truncated or damaged, and a bomb of zeros.
cp -r gz bad
sed 's#= gz/#= bad/#' gz.ini > bad.ini
size=$(wc -c < bad/visits-2026-09.csv.gz)
head -c $((size / 2)) gz/visits-2026-09.csv.gz > bad/visits-2026-09.csv.gz
expect_exit 3 "$DYADREPORT" -q --check bad.ini
grep -q '^dyadreport: bad/visits-2026-09.csv.gz: gzip data ends early (truncated) at line [0-9]* of the text inside' "$TMP/err" \
	|| fail "truncated gzip: $(cat "$TMP/err")"
pass "a truncated .gz of a glob: exit 3 naming it"
cp gz/visits-2026-09.csv.gz bad/
printf '\377\000\377\000\377\000' | dd of=bad/visits-2026-09.csv.gz bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect_exit 3 "$DYADREPORT" -q --check bad.ini
grep -q '^dyadreport: bad/visits-2026-09.csv.gz: damaged gzip data (zlib: ' "$TMP/err" \
	|| fail "damaged gzip: $(cat "$TMP/err")"
pass "a damaged .gz of a glob: exit 3 naming it"
cp gz/visits-2026-09.csv.gz bad/
head -c 200000000 /dev/zero | gzip -1 > bad/visits-2026-11.csv.gz
start=$(date +%s)
set +e
timeout 60 "$DYADREPORT" -q --check bad.ini >"$TMP/out" 2>"$TMP/err"
got=$?
set -e
secs=$(($(date +%s) - start))
[ "$got" -eq 3 ] || fail "gzip bomb: exit $got, want 3: $(cat "$TMP/err")"
grep -q '^dyadreport: bad/visits-2026-11.csv.gz:1: the header holds NUL bytes' "$TMP/err" \
	|| fail "gzip bomb: $(cat "$TMP/err")"
[ "$secs" -le 10 ] || fail "gzip bomb: took $secs s"
pass "a gzip of 200 MB of zeros: exit 3 at once ($secs s)"
