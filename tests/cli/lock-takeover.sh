#!/bin/sh
# lock-takeover.sh -- the output root's lock never has two holders and
# leaves no debris (names that are no lock: lock-odd.sh; an earlier
# version's lock file and killed takers: lock-killed.sh):
# - a stale lock taken over by 2 and by 4 runs at once: one warning, every
#   run writes (with --wait 0: each exits 0 or 4, one at least writes), and tests/inject/inject-lock.c (each run holding the lock
#   200 ms longer, so that they overlap) checks at each file a run commits
#   that its holder file is still the lock's only file (no two runs hold it
#   at once), and that takes and releases alternate;
# - a taker slowed down between reading the stale lock and moving it out
#   leaves the fresh lock another run took meanwhile in place.
. "$top_srcdir/tests/lib/setup.sh"

. "$top_srcdir/tests/lib/lock-takers.sh"

# (2) A stale lock taken over by 2, then 4 runs at once; then by 4 runs
# whose take-over is slowed, so a fresh lock appears under a slow taker.
together stale 2 "$TMP/o2"
together stale 4 "$TMP/o4"
# ... and by 4 runs that do not wait: each exits 0 or 4 (held), one at least 0.
stale "$TMP/o4n"
: > "$TMP/log"
pids=
for i in 1 2 3 4; do
	env LD_PRELOAD="$TMP/lock.so" DR_INJECT_LOCK_LOG="$TMP/log" DR_INJECT_LOCK_HOLD_MS=200 \
		"$DYADREPORT" -d oncology -f csv --wait 0 -o "$TMP/o4n" "$INI" > /dev/null 2> "$TMP/err-$i" &
	pids="$pids $!"
done
zeros=0
for p in $pids; do
	set +e; wait "$p"; rc=$?; set -e
	case $rc in 0) zeros=$((zeros + 1)) ;; 4) ;; *) cat "$TMP"/err-* >&2; fail "--wait 0 taker exited $rc" ;; esac
done
! grep VIOLATION "$TMP/log" || fail "--wait 0 takers: a run wrote without holding the lock"
[ "$zeros" -ge 1 ] || fail "--wait 0 takers: none wrote"
[ "$(grep -c "^acquire" "$TMP/log")" -eq "$zeros" ] || fail "--wait 0 takers: $zeros wrote, takes: $(cat "$TMP/log")"
for f in "$TMP"/err-*; do
	grep -q "taking over\|^dyadreport: 1 dyad" "$f" || grep -q "held by pid [0-9]* on $HOST since .*; try again later or use --wait" "$f" ||
		fail "--wait 0 taker's message: $(cat "$f")"
done
leftovers "$TMP/o4n"
rm -f "$TMP"/err-*
pass "2 and 4 runs at once on a stale lock: one takes it over, one holder at a time"
together stale 4 "$TMP/o4s" DR_INJECT_LOCK_DELAY_MS=300
grep -q "^lost " "$TMP/log" || fail "no taker found the stale lock gone (the race was not run)"
pass "a fresh lock that appears during a slow take-over survives"

pass lock-takeover
