#!/bin/sh
# chunks.sh -- the largest extract cut into chunks and parsed on two threads
# (load-chunk.c) gives what one thread gives: every output file, every
# message (their lines, order and the per-reason cap) and the exit code.
# The visits extract is made messy on purpose: quoted fields with line ends
# and doubled quotes, CRLF rows among LF ones, duplicate ids (each a copy of
# a row ~300 rows back, so on both sides of many chunk cuts), rows of
# several bad reasons throughout (field count, bad date, unknown code, text
# after a closing quote), each reason past the message cap of 5. Chunks are
# forced small with DYADREPORT_CHUNK_BYTES, from 1 byte (a chunk a row) up.
# A stray quote in an unquoted field, which quote parity cannot see, sends
# the rest of the file back to the one-thread reader; a quoted field never
# closed and a gzip extract read as one thread would.
. "$top_srcdir/tests/lib/setup.sh"
export SOURCE_DATE_EPOCH=1700000000

D="$TMP/d"
mkdir "$D"
cp "$SAMPLE"/denials.csv "$SAMPLE"/handoffs.csv "$SAMPLE"/burnout.csv "$SAMPLE"/commentary.csv "$D"/
sed 's/^max_bad_rows = .*/max_bad_rows = 60%/' "$SAMPLE/site.ini" > "$D/site.ini"
grep -q '^max_bad_rows = 60%' "$D/site.ini" || fail "site.ini has no max_bad_rows line to change"
awk 'BEGIN { FS = "," }
NR == 1 { print; next }
{
	line = $0; n = NR
	if (n % 53 == 0)        # a quoted name over two lines, with doubled quotes
		line = $1 "," $2 "," $3 "," $4 ",\"Multi\nline \"\"name\"\"\"," $(NF-5) "," $(NF-4) "," $(NF-3) "," $(NF-2) "," $(NF-1) "," $NF
	if (n % 97 == 0 && prev[n % 300] != "") {      # the id of a row 300 back
		split(prev[n % 300], a, ",")
		sub(/^[^,]*/, a[1], line)
	}
	if (n % 101 == 0) sub(/,2025-/, ",2025-13-", line)
	if (n % 211 == 0) line = line ",extra"
	if (n % 307 == 0) sub(/,COMPLETED,/, ",WEIRD,", line)
	if (n % 401 == 0) sub(/,ONC,/, ",\"ONC\"x,", line)
	if (n % 59 == 0) printf "%s\r\n", line; else print line
	prev[n % 300] = $0
}' "$SAMPLE/visits.csv" > "$D/visits.csv"

# run NAME JOBS ENV...: --check (stdout, stderr, exit code) and -f csv output.
run() {
	name=$1; j=$2; shift 2
	rm -rf "$TMP/$name.o"
	set +e
	env "$@" "$DYADREPORT" -j "$j" --check "$D/site.ini" > "$TMP/$name.out" 2> "$TMP/$name.err"
	echo $? > "$TMP/$name.rc"
	env "$@" "$DYADREPORT" -j "$j" -q -f csv -o "$TMP/$name.o" "$D/site.ini" > /dev/null 2>&1
	echo $? >> "$TMP/$name.rc"
	env "$@" "$DYADREPORT" -j "$j" --check -v "$D/site.ini" 2> "$TMP/$name.v" > /dev/null
	set -e
}
# same NAME: NAME's messages, exit codes and files are the reference's.
same() {
	for x in out err rc; do
		cmp -s "$TMP/ref.$x" "$TMP/$1.$x" || fail "$1: $x differs: $(diff "$TMP/ref.$x" "$TMP/$1.$x" | head -5)"
	done
	if [ -d "$TMP/ref.o" ]; then
		diff -r "$TMP/ref.o" "$TMP/$1.o" > /dev/null || fail "$1: output files differ: $(diff -rq "$TMP/ref.o" "$TMP/$1.o" | head -3)"
	else
		[ ! -e "$TMP/$1.o" ] || fail "$1: wrote output where -j 1 wrote none"
	fi
}
# chunks NAME: the number of chunks NAME's -v says visits.csv was read in.
chunks() { sed -n 's/^dyadreport: visits.csv: \([0-9]*\) chunks parsed on 2 threads.*/\1/p' "$TMP/$1.v"; }

run ref 1
[ "$(cat "$TMP/ref.rc" | tr '\n' ' ')" = "0 0 " ] || fail "reference run exited $(cat "$TMP/ref.rc"): $(head -3 "$TMP/ref.err")"
for want in "wrong number of fields" "bad date" "unknown code" "duplicate id" "misplaced quote"; do
	grep -q "^dyadreport: visits.csv:[0-9]*: column [^ ]*: $want" "$TMP/ref.err" || fail "reference lacks a \"$want\" row"
	grep -q "^dyadreport: warning: visits.csv: [0-9]* more rows skipped ($want) not shown" "$TMP/ref.err" ||
		fail "reference lacks the cap line of \"$want\""
done
grep -q "chunks parsed" "$TMP/ref.v" && fail "-j 1 read in chunks"
[ -s "$TMP/ref.o/data-quality.csv" ] || fail "no data-quality.csv"
for cb in 1 300 65536; do
	run "c$cb" 2 DYADREPORT_CHUNK_BYTES=$cb
	same "c$cb"
	k=$(chunks "c$cb")
	[ -n "$k" ] && [ "$k" -ge 40 ] || fail "DYADREPORT_CHUNK_BYTES=$cb: read in '${k:-no}' chunks: $(grep visits "$TMP/c$cb.v" | head -3)"
	grep -q "the rest from line" "$TMP/c$cb.v" && fail "DYADREPORT_CHUNK_BYTES=$cb: went back to one thread"
done
pass "-j 2 in chunks of 1 B to 64 KiB (40 to 28k chunks): messages, counts and files of -j 1"

# All CRLF.
sed 's/$/\r/' "$D/visits.csv" > "$TMP/v" && mv "$TMP/v" "$D/visits.csv"
run ref 1
run crlf 2 DYADREPORT_CHUNK_BYTES=500
same crlf
[ "$(chunks crlf)" -ge 1000 ] || fail "CRLF file not read in chunks"
pass "a CRLF file: the same in chunks"

# A stray quote in an unquoted field (kept as a literal quote) two thirds in:
# the cut after it is inside quotes for the parity, the chunk does not end
# cleanly, and the rest is read by the one-thread reader.
awk 'NR == 20000 { sub(/,PR/, ",P\"R") } { print }' "$D/visits.csv" > "$TMP/v" && mv "$TMP/v" "$D/visits.csv"
grep -q 'P"R' "$D/visits.csv" || fail "no stray quote made"
run ref 1
run stray 2 DYADREPORT_CHUNK_BYTES=4096
same stray
grep -q "^dyadreport: visits.csv: [0-9]* chunks parsed on 2 threads, the rest from line [1-9][0-9][0-9][0-9][0-9] on one" "$TMP/stray.v" ||
	fail "stray quote: no way back to one thread: $(grep visits "$TMP/stray.v" | head -3)"
pass "a stray quote: the rest read on one thread, the same messages and files"

# A quoted field never closed near the end: the same error, line and exit code.
printf 'V9999999,2026-10-01,P1,PR1,"never closed,FM,NEW,COMPLETED,,20,1\n' >> "$D/visits.csv"
printf 'V9999998,2026-10-01,P1,PR1,x,FM,NEW,COMPLETED,,20,1\n' >> "$D/visits.csv"
run ref 1
run open 2 DYADREPORT_CHUNK_BYTES=4096
same open
grep -q "^dyadreport: visits.csv:[0-9]*: quoted field never closed" "$TMP/ref.err" || fail "no unclosed-quote error: $(tail -3 "$TMP/ref.err")"
[ "$(head -1 "$TMP/ref.rc")" = 3 ] || fail "unclosed quote: exit $(head -1 "$TMP/ref.rc"), want 3"
pass "a quoted field never closed: the same error and exit code 3"

# gzip: not cut (read on one thread), the same.
head -n 20000 "$D/visits.csv" | gzip -n > "$D/visits.csv.gz" && mv "$D/visits.csv.gz" "$D/visits.csv"
run ref 1
run gz 2 DYADREPORT_CHUNK_BYTES=4096
same gz
grep -q "visits.csv: .*chunks parsed" "$TMP/gz.v" && fail "a gzip extract was cut"
pass "gzip: read whole, the same"

# The header and the first row ended by a lone CR: the header's piece holds
# more than the header, so the file is read on one thread, each row once.
awk 'NR <= 2 { printf "%s\r", $0; next } { print }' "$SAMPLE/visits.csv" > "$D/visits.csv"
run ref 1
run cr 2 DYADREPORT_CHUNK_BYTES=4096
same cr
grep -q "^visits  *28455  *28455 " "$TMP/cr.out" || fail "lone CR: not every row read once: $(grep visits "$TMP/cr.out" | head -2)"
grep -q "visits.csv: .*chunks parsed" "$TMP/cr.v" && fail "a header ended by a lone CR was cut"
pass "a header ended by a lone CR: read whole, each row once"
