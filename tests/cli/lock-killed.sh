#!/bin/sh
# lock-killed.sh -- an earlier dyadreport's lock file, and takers killed
# mid-way (the rest: lock-takeover.sh, lock-odd.sh):
# - a stale lock file as dyadreport wrote it before lock folders, taken
#   over by 4 runs at once, one of them slowed between reading it and
#   linking it aside: one warning, one holder at a time (inject-lock.c);
# - a run killed just before putting its lock in place, or just after
#   moving a stale holder out, leaves private names that the next run that
#   holds the lock removes; that run takes the lock without waiting.
. "$top_srcdir/tests/lib/setup.sh"

HOST=$(uname -n)
INI="$SAMPLE/site.ini"
LOCK=.dyadreport.lock
# stale DIR: a lock of a process that is gone, as dyadreport writes one.
dead_pid() { sh -c 'exit 0' & p=$!; wait "$p"; echo "$p"; }
stale() {
	mkdir -p "$1/$LOCK"
	printf 'host=%s\npid=%s\nstarted=%s\n' "$HOST" "$(dead_pid)" "$(date +%s)" > "$1/$LOCK/holder-0123456789abcdef"
}
# legacy DIR: the same as the lock file of a dyadreport before lock folders.
legacy() {
	mkdir -p "$1"
	printf 'host=%s\npid=%s\nstarted=%s\n' "$HOST" "$(dead_pid)" "$(date +%s)" > "$1/$LOCK"
}
leftovers() {
	left=$(find "$1" -name "$LOCK*" -o -name '*.tmp*')
	[ -z "$left" ] || fail "left behind: $left"
}

# The shim.
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: no C compiler for the shim"; exit 77; }
"$CC" -shared -fPIC -o "$TMP/lock.so" "$top_srcdir/tests/inject/inject-lock.c" -ldl \
	|| { echo "SKIP: cannot build the LD_PRELOAD shim"; exit 77; }
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
# together MAKE N DIR [ENV...]: N runs at once on DIR's stale lock (made
# by MAKE: stale or legacy), all waiting; each must exit 0; the log must
# show N takes, alternating with releases.
together() {
	make=$1 n=$2 dir=$3; shift 3
	"$make" "$dir"
	: > "$TMP/log"
	pids=
	for i in $(seq "$n"); do
		env LD_PRELOAD="$TMP/lock.so" DR_INJECT_LOCK_LOG="$TMP/log" DR_INJECT_LOCK_HOLD_MS=200 "$@" \
			"$DYADREPORT" -d oncology -f csv --wait 60 -o "$dir" "$INI" > /dev/null 2> "$TMP/err-$i" &
		pids="$pids $!"
	done
	failed=
	for p in $pids; do
		wait "$p" || failed="$failed $?"
	done
	! grep VIOLATION "$TMP/log" || fail "$n together: a run wrote without holding the lock"
	[ -z "$failed" ] || { cat "$TMP"/err-* >&2; fail "$n together: runs exited$failed"; }
	awk -v n="$n" '
		$1 == "acquire" { if (held) bad = 1; held = $2; a++ }
		$1 == "release" { if (held != $2) bad = 1; held = ""; r++ }
		END { exit !(a == n && r == n && !bad) }' "$TMP/log" ||
		fail "$n together: takes and releases do not alternate: $(cat "$TMP/log")"
	[ "$(cat "$TMP"/err-* | grep -c "taking over the lock held by pid [0-9]* on $HOST .*: its process is gone")" -eq 1 ] ||
		fail "$n together: takeover warnings: $(cat "$TMP"/err-*)"
	! grep -q "no longer this run's" "$TMP"/err-* || fail "$n together: a lock was lost"
	[ -s "$dir/oncology/metrics.csv" ] || fail "$n together: no metrics"
	leftovers "$dir"
	rm -f "$TMP"/err-*
}

# (1) An earlier version's lock file.
together legacy 4 "$TMP/o4l" DR_INJECT_LOCK_DELAY_MS=300
grep -q "^lost " "$TMP/log" || fail "no taker found the earlier version's lock gone (the race was not run)"
pass "an earlier version's stale lock file is taken over by one of 4 runs"

# (2) Killed mid-way: before its lock is in place, or after moving a stale
# holder out. The next run takes the lock at once and leaves no debris.
mkdir -p "$TMP/o3"
expect_exit 137 env LD_PRELOAD="$TMP/lock.so" DR_INJECT_LOCK_KILL=place \
	"$DYADREPORT" -f csv -o "$TMP/o3" "$INI"
[ -n "$(find "$TMP/o3" -name "$LOCK.new.*")" ] || fail "the killed run left no private folder (test broken)"
expect_exit 0 "$DYADREPORT" -f csv --wait 0 -o "$TMP/o3" "$INI"
leftovers "$TMP/o3"
stale "$TMP/o3"
expect_exit 137 env LD_PRELOAD="$TMP/lock.so" DR_INJECT_LOCK_KILL=taken \
	"$DYADREPORT" -f csv -o "$TMP/o3" "$INI"
[ -d "$TMP/o3/$LOCK" ] && [ -z "$(ls -A "$TMP/o3/$LOCK")" ] || fail "killed taker: the lock is not left empty"
[ -n "$(find "$TMP/o3" -name "$LOCK.old.*")" ] || fail "killed taker left no aside (test broken)"
expect_exit 0 "$DYADREPORT" -f csv --wait 0 -o "$TMP/o3" "$INI"
grep -q "taking over" "$TMP/err" && fail "an empty lock was reported as taken over"
leftovers "$TMP/o3"
# A live run's private folder is left alone.
sleep 30 &
sleeper=$!
mkdir -p "$TMP/o3/$LOCK.new.$sleeper.0123456789abcdef.$(echo "$HOST" | tr -c 'A-Za-z0-9\n-' '_')"
expect_exit 0 "$DYADREPORT" -f csv -o "$TMP/o3" "$INI"
[ -d "$TMP/o3/$LOCK.new.$sleeper.0123456789abcdef.$(echo "$HOST" | tr -c 'A-Za-z0-9\n-' '_')" ] ||
	fail "a live run's private folder was removed"
kill "$sleeper"
pass "a killed taker's debris is removed by the next run; a live one's is kept"
pass lock-killed
