#!/bin/sh
# reproducible.sh -- two runs with the same SOURCE_DATE_EPOCH give
# byte-identical packets, charts and CSVs.
. "$top_srcdir/tests/lib/setup.sh"
export SOURCE_DATE_EPOCH=1700000000
"$DYADREPORT" -q -o "$TMP/a" "$SAMPLE/site.ini"
"$DYADREPORT" -q -o "$TMP/b" "$SAMPLE/site.ini"
n=$(find "$TMP/a" -type f | wc -l)
[ "$n" -gt 3 ] || fail "only $n files written"
diff -r "$TMP/a" "$TMP/b" >/dev/null || fail "outputs differ: $(diff -rq "$TMP/a" "$TMP/b" | head -3)"
find "$TMP/a" -name '*.tmp-*' | grep -q . && fail "temporary files left"
pass "reproducible ($n files)"
