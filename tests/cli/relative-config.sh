#!/bin/sh
# relative-config.sh -- a scheduler starts dyadreport from some other folder
# with a relative path to the config: the extracts and the output (relative
# in the config) resolve against the config's folder, never the current one.
. "$top_srcdir/tests/lib/setup.sh"

mkdir -p "$TMP/share/site" "$TMP/elsewhere"
cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$TMP/share/site/"
grep -q '^output = \.\./sample-out$' "$TMP/share/site/site.ini" || fail "sample config's output is not relative"
cd "$TMP/elsewhere"
expect_exit 0 "$DYADREPORT" -q -d oncology ../share/site/site.ini
for f in oncology/packet.pdf oncology/metrics.csv data-quality.csv index.html; do
	[ -s "$TMP/share/sample-out/$f" ] || fail "$f not written under the config's folder"
done
[ -z "$(ls -A "$TMP/elsewhere")" ] || fail "wrote into the current folder: $(ls -A)"
[ ! -e "$TMP/sample-out" ] || fail "output resolved against the current folder"
pass "relative config from another folder"
