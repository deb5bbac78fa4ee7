#!/bin/sh
# lock.sh -- the output root's .dyadreport.lock (a folder with one holder
# file; see lock-odd.sh, lock-takeover.sh, lock-killed.sh): a live holder stops a run
# (exit 4 naming pid and host, nothing written) or makes it wait; a holder
# that is gone, or too old, is taken over with a warning; an unreadable lock
# is held, never deleted on sight; two runs on one folder never interleave
# and leave neither a lock nor a temporary file behind.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless qpdf

HOST=$(uname -n)
INI="$SAMPLE/site.ini"
RUN="$DYADREPORT -d oncology -d surgery"   # PNG and PDF: long enough to overlap
ms() { echo $(( $(date +%s%N) / 1000000 )); }
lock() {  # lock DIR HOST PID STARTED: a lock as another run writes it
	mkdir -p "$1/.dyadreport.lock"
	printf 'host=%s\npid=%s\nstarted=%s\n' "$2" "$3" "$4" > "$1/.dyadreport.lock/holder-00000000000000ff"
}
# leftovers DIR: fail when a lock or a temporary file is left under DIR.
leftovers() {
	left=$(find "$1" -name '.dyadreport.lock*' -o -name '*.tmp*' -o -name '*.stale*')
	[ -z "$left" ] || fail "left behind: $left"
}

# (1) A live holder on this host: --wait 0 exits 4 at once, names it, writes nothing.
sleep 30 &
sleeper=$!
lock "$TMP/o1" "$HOST" "$sleeper" "$(date +%s)"
cp "$TMP/o1/.dyadreport.lock/holder-00000000000000ff" "$TMP/held"
t0=$(ms)
expect_exit 0 $RUN --check "$INI"      # reading the extracts: slow under a sanitizer
t1=$(ms)
load=$((t1 - t0))
t0=$(ms)
expect_exit 4 $RUN --wait 0 -o "$TMP/o1" "$INI"
t1=$(ms)
[ $((t1 - t0 - load)) -lt 1500 ] || fail "--wait 0 took $((t1 - t0 - load)) ms more than reading the extracts"
grep -q "^dyadreport: $TMP/o1/.dyadreport.lock: held by pid $sleeper on $HOST since [0-9-]* [0-9:]* UTC; try again later or use --wait\$" "$TMP/err" ||
	fail "held message: $(cat "$TMP/err")"
[ -z "$(ls "$TMP/o1")" ] || fail "a held lock let files be written: $(ls "$TMP/o1")"
[ "$(ls -A "$TMP/o1/.dyadreport.lock")" = holder-00000000000000ff ] &&
	cmp -s "$TMP/held" "$TMP/o1/.dyadreport.lock/holder-00000000000000ff" || fail "another run's lock was changed"

# ... with --wait 2 and the holder gone after 1 s: taken over, exit 0.
set +e
$RUN --wait 2 -o "$TMP/o1" "$INI" > "$TMP/out" 2> "$TMP/err" &
run=$!
sleep 1
kill "$sleeper"
wait "$sleeper"
wait "$run"
rc=$?
set -e
[ "$rc" -eq 0 ] || { cat "$TMP/err" >&2; fail "--wait 2 after the holder ended exited $rc"; }
grep -q "warning: $TMP/o1/.dyadreport.lock: taking over the lock held by pid $sleeper on $HOST since .*: its process is gone" "$TMP/err" ||
	fail "takeover warning: $(cat "$TMP/err")"
[ -s "$TMP/o1/oncology/packet.pdf" ] || fail "no packet after the takeover"
leftovers "$TMP/o1"
pass "a live holder stops the run, or is waited for"

# (2) A stale lock of a process that is gone (a child already reaped).
sh -c 'exit 0' &
dead=$!
wait "$dead"
lock "$TMP/o2" "$HOST" "$dead" "$(date +%s)"
expect_exit 0 $RUN -f csv -o "$TMP/o2" "$INI"
grep -q "taking over the lock held by pid $dead on $HOST .*: its process is gone" "$TMP/err" ||
	fail "dead-pid warning: $(cat "$TMP/err")"
[ -s "$TMP/o2/oncology/metrics.csv" ] || fail "no metrics after taking over a dead lock"
leftovers "$TMP/o2"
# ... by one of three runs started together: one warning, all three take turns.
lock "$TMP/o2b" "$HOST" "$dead" 1
pids=
for i in 1 2 3; do
	"$DYADREPORT" -d oncology -f pdf --wait 60 -o "$TMP/o2b" "$INI" > /dev/null 2> "$TMP/err-$i" &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p" || { rc=$?; cat "$TMP"/err-? >&2; fail "a taker exited $rc"; }
done
[ "$(cat "$TMP"/err-? | grep -c "taking over")" -eq 1 ] || fail "takeover warnings: $(cat "$TMP"/err-?)"
grep -q "no longer this run's" "$TMP"/err-? && fail "two takers held the lock at once"
leftovers "$TMP/o2b"
pass "a dead process's lock is taken over"

# (3) Two runs together, both waiting: one after the other, same bytes as a lone run.
expect_exit 0 $RUN -o "$TMP/lone" "$INI"
set +e
$RUN -v --wait 60 -o "$TMP/both" "$INI" > /dev/null 2> "$TMP/err-a" &
a=$!
$RUN -v --wait 60 -o "$TMP/both" "$INI" > /dev/null 2> "$TMP/err-b" &
b=$!
wait "$a"; rca=$?
wait "$b"; rcb=$?
set -e
[ "$rca" -eq 0 ] && [ "$rcb" -eq 0 ] || { cat "$TMP/err-a" "$TMP/err-b" >&2; fail "together: exits $rca and $rcb"; }
waited=$(cat "$TMP/err-a" "$TMP/err-b" | grep -c "\.dyadreport\.lock: held by pid [0-9]* on $HOST .*; waiting up to 60 s") || true
[ "$waited" -eq 1 ] || { cat "$TMP/err-a" "$TMP/err-b" >&2; fail "$waited runs waited for the other, want 1"; }
n=0
for f in $(cd "$TMP/lone" && find . -name '*.pdf' | sort); do
	qpdf --check "$TMP/both/$f" > /dev/null 2>&1 || fail "$f fails qpdf --check"
	cmp -s "$TMP/lone/$f" "$TMP/both/$f" || fail "$f differs from a lone run's"
	n=$((n + 1))
done
[ "$n" -eq 3 ] || fail "$n PDFs, want 3 (two packets and the overview)"
leftovers "$TMP/both"
pass "two waiting runs take turns, bytes as a lone run's"

# (4) Two runs together without waiting: 0 and 0 or 4, nothing temporary left.
set +e
$RUN --wait 0 -o "$TMP/o4" "$INI" > /dev/null 2> "$TMP/err-a" &
a=$!
$RUN --wait 0 -o "$TMP/o4" "$INI" > /dev/null 2> "$TMP/err-b" &
b=$!
wait "$a"; rca=$?
wait "$b"; rcb=$?
set -e
case "$rca $rcb" in
"0 0" | "0 4" | "4 0") ;;
*) cat "$TMP/err-a" "$TMP/err-b" >&2; fail "together with --wait 0: exits $rca and $rcb" ;;
esac
for e in a b; do
	if grep -q "held by" "$TMP/err-$e"; then
		grep -q "held by pid [0-9]* on $HOST since" "$TMP/err-$e" || fail "loser's message: $(cat "$TMP/err-$e")"
	fi
done
for f in oncology/packet.pdf surgery/packet.pdf; do
	cmp -s "$TMP/lone/$f" "$TMP/o4/$f" || fail "$f differs from a lone run's"
done
leftovers "$TMP/o4"
pass "two runs without waiting: $rca and $rcb"

# (5) Another host's lock older than --stale-after: taken over.
lock "$TMP/o5" other-host.example 1 $(( $(date +%s) - 10 ))
expect_exit 4 $RUN -f csv -o "$TMP/o5" "$INI"        # 10 s is young by default
expect_exit 0 $RUN -f csv --stale-after 1 -o "$TMP/o5" "$INI"
grep -q "taking over the lock held by pid 1 on other-host.example .*: it is older than 1 s" "$TMP/err" ||
	fail "old lock warning: $(cat "$TMP/err")"
leftovers "$TMP/o5"
pass "an old lock of another host is taken over"

# (6) A lock that cannot be parsed is held, unless its file is older than --stale-after.
# Both as a lock folder and as a lock file of an earlier dyadreport.
for g in .dyadreport.lock/holder-1 .dyadreport.lock; do
	rm -rf "$TMP/o6"
	mkdir -p "$TMP/o6/.dyadreport.lock"
	[ "$g" = .dyadreport.lock ] && rmdir "$TMP/o6/.dyadreport.lock"
	printf 'not a lock' > "$TMP/o6/$g"
	expect_exit 4 $RUN -f csv -o "$TMP/o6" "$INI"
	grep -q "held by a run whose lock file cannot be read" "$TMP/err" || fail "garbled message: $(cat "$TMP/err")"
	[ "$(cat "$TMP/o6/$g")" = "not a lock" ] || fail "a garbled lock was touched"
	touch -d '@1000000000' "$TMP/o6/$g" "$TMP/o6/.dyadreport.lock"
	expect_exit 0 $RUN -f csv --stale-after 3600 -o "$TMP/o6" "$INI"
	grep -q "it cannot be read and is older than 3600 s" "$TMP/err" || fail "old garbled warning: $(cat "$TMP/err")"
	leftovers "$TMP/o6"
done

# Bad values are usage errors.
expect_exit 2 "$DYADREPORT" --wait -1 "$INI"
expect_exit 2 "$DYADREPORT" --stale-after 0 "$INI"
grep -q -- "--stale-after must be a whole number of seconds" "$TMP/err" || fail "--stale-after message"
pass lock
