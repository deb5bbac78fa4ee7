#!/bin/sh
# reproducible.sh -- two runs with the same SOURCE_DATE_EPOCH give
# byte-identical packets, PNG and SVG charts, CSVs and index.html, for the
# internal packet and the public town-hall deck, whatever folder they are
# started from and whatever the time zone.
. "$top_srcdir/tests/lib/setup.sh"
export SOURCE_DATE_EPOCH=1700000000
F=pdf,png,svg,csv
mkdir "$TMP/cwd"
for t in monthly-packet town-hall; do
	"$DYADREPORT" -q -t "$t" -f "$F" -o "$TMP/a" "$SAMPLE/site.ini"
	(cd "$TMP/cwd" && TZ=Pacific/Kiritimati "$DYADREPORT" -q -t "$t" -f "$F" -o "$TMP/b" "$SAMPLE/site.ini")
done
n=$(find "$TMP/a" -type f | wc -l)
[ "$n" -gt 100 ] || fail "only $n files written"
find "$TMP/a" -name '*.svg' | grep -q . || fail "no SVG written"
[ -s "$TMP/a/index.html" ] || fail "no index.html"
diff -r "$TMP/a" "$TMP/b" >/dev/null || fail "outputs differ: $(diff -rq "$TMP/a" "$TMP/b" | head -3)"
find "$TMP/a" -name '*.tmp-*' | grep -q . && fail "temporary files left"
pass "reproducible ($n files, two templates, PDF PNG SVG CSV HTML)"
