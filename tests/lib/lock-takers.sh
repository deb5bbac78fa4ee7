# lock-takers.sh -- what the lock tests share (sourced after setup.sh):
# stale and legacy locks as dyadreport writes them, the check that no lock
# name or temporary file is left, and together(): N runs at once on a stale
# lock under tests/inject/inject-lock.c, which must take it one at a time.
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

