#!/bin/sh
# write-fail.sh -- a folder that turned read-only and a disk that fills up
# mid-run both exit 4 with the path and the system's reason, and leave every
# file of the previous good run byte-identical, with no temporary file.
#
# Read-only: as a normal user the previous run's dyad folder is chmod 555;
# root ignores modes, so it (and any user) also gets a read-only bind mount in
# a private mount namespace (unshare -rm) where the kernel allows one; root
# without it writes under /proc, which refuses new folders.
# Disk full: tests/inject/inject-io.c, built here with $CC and LD_PRELOADed,
# fails writes (or fsync) with ENOSPC after N bytes.
. "$top_srcdir/tests/lib/setup.sh"

cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$TMP/"
OUT="$TMP/o"
expect_exit 0 "$DYADREPORT" -q -o "$OUT" "$TMP/site.ini"
[ -s "$OUT/oncology/packet.pdf" ] || fail "first run wrote no packet"
snapshot() { (cd "$OUT" && find . -type f -exec cksum {} + | sort -k3); }
snapshot > "$TMP/before"
[ "$(wc -l < "$TMP/before")" -gt 20 ] || fail "first run wrote too few files"
# same_as_before WHAT: every previous file unchanged, no file added (a temporary one).
same_as_before() {
	snapshot > "$TMP/after"
	diff "$TMP/before" "$TMP/after" >&2 || fail "$1: files changed or left behind"
	if find "$OUT" -name '*.tmp-*' | grep -q .; then fail "$1: temporary file left"; fi
}
# A later month: its files would differ, so none may have been replaced.
LATER="-p 2026-09"

# (a) read-only folder
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$OUT/oncology" "$OUT/oncology/charts"
	expect_exit 4 "$DYADREPORT" -q $LATER -o "$OUT" "$TMP/site.ini"
	chmod 755 "$OUT/oncology" "$OUT/oncology/charts"
	grep -q "$OUT/oncology.*: Permission denied" "$TMP/err" || fail "chmod 555: message: $(cat "$TMP/err")"
	same_as_before "chmod 555"
	pass "read-only folder (chmod) exits 4"
fi
if unshare -rm true 2>/dev/null; then
	set +e
	unshare -rm sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 99
		shift; exec "$@"' sh "$OUT/oncology" "$DYADREPORT" -q $LATER -o "$OUT" "$TMP/site.ini" \
		>"$TMP/stdout" 2>"$TMP/err"
	got=$?
	set -e
	if [ "$got" -eq 99 ]; then
		echo "# no read-only bind mount here"
	else
		[ "$got" -eq 4 ] || { cat "$TMP/err" >&2; fail "read-only mount exited $got, want 4"; }
		# The new month is rendered aside; swapping it in over the
		# read-only mount point is what fails.
		grep -q "$OUT/oncology: cannot replace the folder: Device or resource busy" "$TMP/err" \
			|| fail "ro mount: message: $(cat "$TMP/err")"
		same_as_before "read-only mount"
		pass "read-only file system exits 4"
	fi
elif [ "$(id -u)" -eq 0 ]; then
	expect_exit 4 "$DYADREPORT" -q -o /proc/dyadreport-write-fail "$TMP/site.ini"
	grep -q "/proc/dyadreport-write-fail: cannot create folder" "$TMP/err" || fail "/proc: message"
	pass "unwritable /proc exits 4"
fi

# (b) disk full, at the first byte and part-way through the run; with the
# same inputs a file replaced before the failure has the same bytes.
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: no C compiler for the shim"; exit 77; }
"$CC" -shared -fPIC -o "$TMP/inject-io.so" "$top_srcdir/tests/inject/inject-io.c" -ldl \
	|| { echo "SKIP: cannot build the LD_PRELOAD shim"; exit 77; }
# A sanitizer build wants its runtime first; the shim only wraps libc calls.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
full() {  # full AT BYTES ARGS...: run dyadreport on a disk full after BYTES
	at=$1 n=$2; shift 2
	expect_exit 4 env LD_PRELOAD="$TMP/inject-io.so" DR_INJECT_ENOSPC_AT="$at" \
		DR_INJECT_ENOSPC_AFTER="$n" "$DYADREPORT" -q -o "$OUT" "$@" "$TMP/site.ini"
	# The first file written may be the output root's lock.
	grep -Eq "^dyadreport: $OUT/[^:]*: cannot write( the lock)?: No space left on device$" "$TMP/err" \
		|| fail "disk full ($at after $n): message: $(cat "$TMP/err")"
	same_as_before "disk full ($at after $n)"
}
full write 0 $LATER
full fsync 0 $LATER
full write 100000
full fsync 100000
full write 3000000
full fsync 3000000
# The shim itself: with room enough the run succeeds and writes the same bytes.
expect_exit 0 env LD_PRELOAD="$TMP/inject-io.so" DR_INJECT_ENOSPC_AFTER=1000000000 \
	"$DYADREPORT" -q -o "$OUT" "$TMP/site.ini"
same_as_before "disk with room"
pass "disk full exits 4 and keeps the previous files"
