#!/bin/sh
# template.sh -- -t/--template: a name is looked up (and where it was looked
# for is printed when missing), a path is read as given, and a bad template
# exits 2 with FILE:LINE before any extract is read or anything written.
. "$top_srcdir/tests/lib/setup.sh"

cat > "$TMP/site.ini" <<INI
[report]
period = 2026-10
[input]
visits = $SAMPLE/visits.csv
[dyad oncology]
departments = ONC, RADONC, INF
INI

expect_exit 2 "$DYADREPORT" -t nosuch -o "$TMP/outdir" "$TMP/site.ini"
grep -q "template nosuch: no nosuch.ini in $DYADREPORT_TEMPLATES, $TMP/templates" "$TMP/err" \
	|| fail "-t nosuch names where it looked: $(cat "$TMP/err")"
[ ! -e "$TMP/outdir" ] || fail "a missing template wrote output"

cat > "$TMP/bad.ini" <<INI
[template]
title = Bad
[page cover]
kind = cover
colour = red
INI
expect_exit 2 "$DYADREPORT" --template "$TMP/bad.ini" -o "$TMP/outdir" "$TMP/site.ini"
grep -q "$TMP/bad.ini:5: unknown key in \[page cover\]" "$TMP/err" \
	|| fail "unknown key reported with FILE:LINE: $(cat "$TMP/err")"
grep -q "colour" "$TMP/err" && fail "the unknown key echoed: $(cat "$TMP/err")"
[ ! -e "$TMP/outdir" ] || fail "a bad template wrote output"

# [report] template: a name found in the config's folder's templates/.
mkdir "$TMP/templates"
cp "$TMP/bad.ini" "$TMP/templates/mine.ini"
printf 'template = mine\n' > "$TMP/tail.ini"
sed '/^period/r '"$TMP/tail.ini" "$TMP/site.ini" > "$TMP/site2.ini"
expect_exit 2 "$DYADREPORT" --check "$TMP/site2.ini"
grep -q "$TMP/templates/mine.ini:5: unknown key in \[page cover\]" "$TMP/err" \
	|| fail "[report] template found beside the config: $(cat "$TMP/err")"

# A shipped template by name, and the same one by a relative path.
expect_exit 0 "$DYADREPORT" -q --check -t town-hall "$TMP/site.ini"
(cd "$top_srcdir" && "$DYADREPORT" -q --check -t templates/access.ini "$TMP/site.ini" >/dev/null) \
	|| fail "-t with a path relative to the current folder"
pass "template option"
