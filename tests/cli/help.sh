#!/bin/sh
# help.sh -- --help to stdout with exit 0, --version names the libraries,
# misuse prints usage to stderr with exit 2.
. "$top_srcdir/tests/lib/setup.sh"

expect_exit 0 "$DYADREPORT" --help
grep -q "^Usage: dyadreport \[OPTIONS\] CONFIG.ini" "$TMP/out" || fail "usage line"
for opt in --period --months --output --dyad --formats --quiet --verbose --version; do
	grep -q -- "$opt" "$TMP/out" || fail "--help lacks $opt"
done
grep -q "Exit codes" "$TMP/out" || fail "--help lacks exit codes"
[ ! -s "$TMP/err" ] || fail "--help wrote to stderr"

expect_exit 0 "$DYADREPORT" -V
grep -q "^dyadreport " "$TMP/out" || fail "version line"
grep -q "cairo 1\." "$TMP/out" || fail "version names cairo"
grep -q "libharu 2\." "$TMP/out" || fail "version names libharu"
grep -q "libdeflate 1\." "$TMP/out" || fail "version names libdeflate (the PNG bytes depend on it)"

expect_exit 2 "$DYADREPORT"
grep -q "no CONFIG.ini given" "$TMP/err" || fail "missing config message"
grep -q "^Usage:" "$TMP/err" || fail "usage on stderr"
expect_exit 2 "$DYADREPORT" --no-such-option x.ini
expect_exit 2 "$DYADREPORT" a.ini b.ini
pass help
