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

. "$top_srcdir/tests/lib/lock-takers.sh"

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
