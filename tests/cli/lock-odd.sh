#!/bin/sh
# lock-odd.sh -- a name at the output root's lock that is no lock (a
# dangling symlink, a symlink to a folder, a FIFO) is never followed or
# opened and never spun on: exit 4 saying what it is, at once with --wait 0,
# after --wait with little CPU (back-off to 1 s); taken once it is removed
# during --wait.
. "$top_srcdir/tests/lib/setup.sh"
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time not installed"; exit 77; }

INI="$SAMPLE/site.ini"
LOCK=.dyadreport.lock
ms() { echo $(( $(date +%s%N) / 1000000 )); }
leftovers() {
	left=$(find "$1" -name "$LOCK*" -o -name '*.tmp*')
	[ -z "$left" ] || fail "left behind: $left"
}

# (1) Names at the lock that are no lock.
mkdir -p "$TMP/o1" "$TMP/elsewhere"
ln -s "$TMP/nowhere" "$TMP/o1/$LOCK"
# --wait 0 exits at once; --wait 3 waits 3 s more with back-off, not a
# spin: under 0.5 s more CPU (user+system) than --wait 0 (the time and CPU
# of reading the extracts, slow under a sanitizer, is in both).
cpu_ms() {  # the last line: time(1) may first say the exit status
	awk '/^[0-9.]+ [0-9.]+$/ { v = ($1 + $2) * 1000 } END { printf "%d", v }' "$TMP/cpu"
}
t0=$(ms)
expect_exit 4 /usr/bin/time -f '%U %S' -o "$TMP/cpu" timeout 60 "$DYADREPORT" -f csv --wait 0 -o "$TMP/o1" "$INI"
t1=$(ms)
grep -qx "dyadreport: $TMP/o1/$LOCK: is a symbolic link, not a lock dyadreport made: remove it" "$TMP/err" ||
	fail "symlink message: $(cat "$TMP/err")"
base=$((t1 - t0)) cpu0=$(cpu_ms)
t0=$(ms)
expect_exit 4 /usr/bin/time -f '%U %S' -o "$TMP/cpu" timeout 60 "$DYADREPORT" -f csv --wait 3 -o "$TMP/o1" "$INI"
t1=$(ms)
more=$((t1 - t0 - base))
[ "$more" -ge 2500 ] && [ "$more" -lt 6000 ] || fail "--wait 3 took $more ms more than --wait 0 on a dangling symlink"
cpu=$(( $(cpu_ms) - cpu0 ))
[ "$cpu" -lt 500 ] || fail "waiting 3 s on a dangling symlink used $cpu ms of CPU"
[ -L "$TMP/o1/$LOCK" ] && [ ! -e "$TMP/nowhere" ] || fail "the symlink was changed or followed"
# ... removed during --wait: the run takes the lock and writes.
set +e
"$DYADREPORT" -f csv --wait 10 -o "$TMP/o1" "$INI" > /dev/null 2> "$TMP/err" &
run=$!
sleep 1
rm "$TMP/o1/$LOCK"
wait "$run"
rc=$?
set -e
[ "$rc" -eq 0 ] || { cat "$TMP/err" >&2; fail "symlink removed during --wait: exit $rc"; }
[ -s "$TMP/o1/oncology/metrics.csv" ] || fail "no metrics once the symlink was removed"
leftovers "$TMP/o1"
# A symlink to a folder: never followed, the folder untouched.
ln -s "$TMP/elsewhere" "$TMP/o1/$LOCK"
expect_exit 4 timeout 60 "$DYADREPORT" -f csv -o "$TMP/o1" "$INI"
grep -q "$LOCK: is a symbolic link, not a lock dyadreport made" "$TMP/err" || fail "dir symlink: $(cat "$TMP/err")"
[ -z "$(ls -A "$TMP/elsewhere")" ] || fail "the symlink's folder was written to"
rm "$TMP/o1/$LOCK"
# A FIFO: never opened (that would block).
mkfifo "$TMP/o1/$LOCK"
expect_exit 4 timeout 60 "$DYADREPORT" -f csv --wait 1 -o "$TMP/o1" "$INI"
grep -qx "dyadreport: $TMP/o1/$LOCK: is a FIFO, not a lock dyadreport made: remove it" "$TMP/err" ||
	fail "FIFO message: $(cat "$TMP/err")"
rm "$TMP/o1/$LOCK"
pass "a symlink or FIFO lock: exit 4, no spin, --wait honoured"

pass lock-odd
