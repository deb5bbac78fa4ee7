#!/bin/sh
# jobs.sh -- -j N: the same bytes for any N (every file, index.html and
# data-quality.csv included), the worst worker's exit code, -j bounds; and
# terminal manners: the summary line's five numbers, -q silent, a progress
# line only on a terminal.
. "$top_srcdir/tests/lib/setup.sh"
export SOURCE_DATE_EPOCH=1700000000
FORMATS=pdf,png,svg,csv

for j in 1 3 8; do
	expect_exit 0 "$DYADREPORT" -q -j "$j" -f "$FORMATS" -o "$TMP/j$j" "$SAMPLE/site.ini"
done
(cd "$TMP/j1" && find . -type f | sort) > "$TMP/files1"
n=$(wc -l < "$TMP/files1")
[ "$n" -gt 100 ] || fail "only $n files written with -j 1"
grep -qx './index.html' "$TMP/files1" || fail "no index.html"
grep -qx './data-quality.csv' "$TMP/files1" || fail "no data-quality.csv"
for j in 3 8; do
	(cd "$TMP/j$j" && find . -type f | sort) > "$TMP/files$j"
	cmp -s "$TMP/files1" "$TMP/files$j" || fail "-j $j wrote other files: $(diff "$TMP/files1" "$TMP/files$j" | head -3)"
	while read -r f; do
		cmp -s "$TMP/j1/$f" "$TMP/j$j/$f" || fail "-j 1 and -j $j differ in $f"
	done < "$TMP/files1"
done
pass "-j 1, -j 3 and -j 8 give the same $n files, byte for byte"

# The summary: dyads, pages, files, seconds, skipped rows, all true.
expect_exit 0 "$DYADREPORT" -j 3 -o "$TMP/s" "$SAMPLE/site.ini"
[ ! -s "$TMP/out" ] || fail "stdout not empty"
line=$(tail -n 1 "$TMP/err")
echo "$line" | grep -Eq "^dyadreport: 3 dyads, [0-9]+ pages, [0-9]+ files in $TMP/s, [0-9]+\.[0-9] s, [0-9]+ rows? skipped$" \
	|| fail "summary line: $line"
pages=$(echo "$line" | sed 's/.* dyads, \([0-9]*\) pages.*/\1/')
files=$(echo "$line" | sed 's/.* pages, \([0-9]*\) files.*/\1/')
want_pages=0
for pdf in "$TMP"/s/*/packet.pdf "$TMP"/s/overview.pdf; do
	p=$(grep -a -c '/Type /Page$' "$pdf")
	want_pages=$((want_pages + p))
done
[ "$pages" -eq "$want_pages" ] || fail "summary says $pages pages, the PDFs have $want_pages"
[ "$files" -eq "$(find "$TMP/s" -type f | wc -l)" ] || fail "summary says $files files"
echo "$line" | grep -q ", 0 rows skipped$" || fail "sample data has no bad row: $line"
pass "summary: $line"

# -q: nothing at all; -v: a time for every stage.
expect_exit 0 "$DYADREPORT" -q -j 2 -o "$TMP/q" "$SAMPLE/site.ini"
[ ! -s "$TMP/err" ] && [ ! -s "$TMP/out" ] || fail "-q printed: $(cat "$TMP/err")"
expect_exit 0 "$DYADREPORT" -v -j 2 -o "$TMP/v" "$SAMPLE/site.ini"
for want in "visits.csv: loaded in " "burnout.csv: loaded in " "metrics: " \
            "dyad oncology: 30 files, 34 pages in " "dyad surgery: 30 files, 34 pages in " "index and data quality: "; do
	grep -q "^dyadreport: $want" "$TMP/err" || fail "-v lacks \"$want\": $(cat "$TMP/err")"
done
grep -q "$(printf '\r')" "$TMP/err" && fail "progress line drawn on a file"
pass "-q silent, -v timings, no progress line off a terminal"

# Bounds of -j.
for bad in 0 65 x 2x ""; do
	expect_exit 2 "$DYADREPORT" -j "$bad" -o "$TMP/bad" "$SAMPLE/site.ini"
	grep -q "jobs must be a whole number from 1 to 64" "$TMP/err" || fail "-j '$bad' message"
done
[ ! -e "$TMP/bad" ] || fail "-j misuse wrote output"
pass "-j outside 1..64 exits 2"

# A dyad's folder is a file (not a report's, never removed): exit 4 naming
# the path; a run publishes all of its dyads or none, so no dyad and no
# index is written, and nothing is left behind.
mkdir -p "$TMP/f"
: > "$TMP/f/primary-care"
expect_exit 4 "$DYADREPORT" -j 3 -o "$TMP/f" "$SAMPLE/site.ini"
grep -q "$TMP/f/primary-care" "$TMP/err" || fail "failing path not named: $(cat "$TMP/err")"
# All or nothing: the other dyads rendered, but none is published.
[ ! -e "$TMP/f/oncology" ] && [ ! -e "$TMP/f/surgery" ] || fail "other dyads published after a failure"
[ ! -e "$TMP/f/index.html" ] || fail "index written after a failure"
[ -f "$TMP/f/primary-care" ] || fail "the file in the way was removed"
[ "$(ls -A "$TMP/f")" = "primary-care" ] || fail "debris left: $(ls -A "$TMP/f")"
pass "a file in the way of a dyad folder makes the run exit 4, nothing published"

# On a terminal: the progress line, redrawn with \r, then erased.
if command -v script >/dev/null 2>&1 &&
   script -qc true /dev/null >/dev/null 2>&1 </dev/null; then
	script -qc "\"$DYADREPORT\" -j 2 -o \"$TMP/t\" \"$SAMPLE/site.ini\"" /dev/null \
		</dev/null > "$TMP/tty" 2>&1 || fail "run on a terminal failed: $(cat "$TMP/tty")"
	grep -aq "visits: [0-9,]* rows \[[#.]*\]" "$TMP/tty" || fail "no load progress: $(od -c "$TMP/tty" | head)"
	grep -aq "dyads 3/3" "$TMP/tty" || fail "no dyad progress"
	grep -aq "$(printf '\r')" "$TMP/tty" || fail "progress not redrawn with CR"
	grep -aq "dyadreport: 3 dyads, " "$TMP/tty" || fail "no summary on a terminal"
	script -qc "\"$DYADREPORT\" -q -j 2 -o \"$TMP/tq\" \"$SAMPLE/site.ini\"" /dev/null \
		</dev/null > "$TMP/ttyq" 2>&1 || fail "-q run on a terminal failed"
	[ ! -s "$TMP/ttyq" ] || fail "-q printed on a terminal: $(od -c "$TMP/ttyq" | head -3)"
	pass "progress line on a terminal, none with -q"
else
	echo "skip: script(1) cannot make a terminal here"
fi

# Extracts read side by side (-j 4: one thread each) over the messy copies,
# whose bad rows are spread over all four files: the same files and the same
# row messages as -j 1, each message a whole line (order may differ).
expect_exit 0 "$DYADREPORT" -j 1 -f csv -o "$TMP/m1" "$SAMPLE/site-messy.ini"
sort "$TMP/err" | grep -v " s, " > "$TMP/m1.err"
expect_exit 0 "$DYADREPORT" -j 4 -f csv -o "$TMP/m4" "$SAMPLE/site-messy.ini"
sort "$TMP/err" | grep -v " s, " > "$TMP/m4.err"
diff -r "$TMP/m1" "$TMP/m4" >/dev/null || fail "-j 4 wrote other files than -j 1 on the messy extracts"
cmp -s "$TMP/m1.err" "$TMP/m4.err" || fail "-j 4 printed other messages: $(diff "$TMP/m1.err" "$TMP/m4.err" | head -5)"
n=$(grep -c "^dyadreport: .*:[0-9]*: column " "$TMP/m4.err")
[ "$n" -ge 8 ] || fail "expected row messages from several extracts, got $n"
pass "extracts read by 4 threads: same files, same $n row messages, whole lines"

# The largest extract is parsed on one thread and checked on another with
# -j 2 (load-pipe.c): a file error at its end, and a header that stops the
# read at once, print what -j 1 prints, in the same order, with the same exit.
mkdir -p "$TMP/pipe"
cp "$SAMPLE"/site.ini "$SAMPLE"/denials.csv "$SAMPLE"/handoffs.csv "$SAMPLE"/burnout.csv "$TMP/pipe/"
# run_both NAME: -j 1 and -j 2 on $TMP/pipe, both exit 3 with the same stderr.
run_both() {
	for j in 1 2; do
		expect_exit 3 "$DYADREPORT" -j $j -f csv -o "$TMP/pipe/$1$j" "$TMP/pipe/site.ini"
		cp "$TMP/err" "$TMP/pipe/$1.err$j"
	done
	cmp -s "$TMP/pipe/$1.err1" "$TMP/pipe/$1.err2" \
		|| fail "$1: -j 2 printed otherwise: $(diff "$TMP/pipe/$1.err1" "$TMP/pipe/$1.err2" | head -5)"
}
{ cat "$SAMPLE/visits.csv"; printf 'V9,2026-10-01,P1,PR1,"never closed,FM\n'; } > "$TMP/pipe/visits.csv"
run_both quote
grep -q "visits.csv:[0-9]*: quoted field never closed" "$TMP/pipe/quote.err2" \
	|| fail "no unclosed-quote message: $(cat "$TMP/pipe/quote.err2")"
sed '1s/patient_id/patient/' "$SAMPLE/visits.csv" > "$TMP/pipe/visits.csv"
run_both header
grep -q "patient_id" "$TMP/pipe/header.err2" || fail "no missing-column message: $(cat "$TMP/pipe/header.err2")"
pass "the pipelined extract ends and fails as in one thread"
