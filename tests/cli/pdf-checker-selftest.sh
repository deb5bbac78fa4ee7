#!/bin/sh
# pdf-checker-selftest.sh -- the tagged-PDF checker asserts something: a
# small good tagged PDF (tests/pdf/make-fixtures.py) passes it with no
# message, and each broken variant fails it (exit 1) with every message
# the fixtures script expects for it, and no variant is left unchecked.
# One broken file alone exits 1 too, and a usage error exits 2.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless pdfinfo
skip_unless pdftotext
. "$top_srcdir/tests/lib/pikepdf.sh"

font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -r "$font" ] || fail "no $font (Debian package fonts-dejavu-core)"
"$PY" "$top_srcdir/tests/pdf/make-fixtures.py" "$TMP/fx" "$font" || fail "make-fixtures.py"

expect_exit 0 "$PY" "$CHECK_TAGGED" "$TMP/fx/good.pdf"
if [ -s "$TMP/out" ] || [ -s "$TMP/err" ]; then
	cat "$TMP/out" "$TMP/err" >&2
	fail "good.pdf: the checker printed something"
fi
pass "good.pdf passes with no message"
# --summary: its elements, and the 14+18+5+3 bytes of text it shows, tagged.
expect_exit 0 "$PY" "$CHECK_TAGGED" --summary "$TMP/fx/good.pdf"
[ "$(cat "$TMP/out")" = "check-tagged: $TMP/fx/good.pdf: summary: H1=1 H2=0 Figure=1 Table=1 TH=1 tagged=40 artifact=0" ] \
	|| fail "good.pdf --summary: $(cat "$TMP/out")"
pass "good.pdf --summary counts its elements and its tagged text"

# The fixtures script's variants, and no PDF the test does not know of.
variants=$(cut -f1 "$TMP/fx/expected" | sort -u)
[ "$(echo "$variants" | wc -l)" -ge 25 ] || fail "only $(echo "$variants" | wc -l) variants"
for f in "$TMP/fx/"*.pdf; do
	n=$(basename "$f" .pdf)
	[ "$n" = good ] || echo "$variants" | grep -qx "$n" || fail "$n.pdf has no expected message"
done

# All variants in one run (the checker goes on to the next file after a
# failing one): it exits 1, and says for each file what its variant broke.
files=
for n in $variants; do files="$files $TMP/fx/$n.pdf"; done
# shellcheck disable=SC2086 # one word per file
expect_exit 1 "$PY" "$CHECK_TAGGED" $files
for n in $variants; do
	grep -F "check-tagged: $TMP/fx/$n.pdf: " "$TMP/out" >"$TMP/got" || fail "$n: no failure"
	grep "^$n	" "$TMP/fx/expected" | cut -f2 >"$TMP/want"
	while IFS= read -r msg; do
		grep -qF "$msg" "$TMP/got" || { cat "$TMP/got" >&2; fail "$n: no message '$msg'"; }
	done <"$TMP/want"
	pass "$n fails: $(head -1 "$TMP/want")"
done

# Every line it prints is a failure line; a usage error exits 2.
expect_exit 1 "$PY" "$CHECK_TAGGED" "$TMP/fx/good.pdf" "$TMP/fx/no-lang.pdf"
[ "$(grep -vc '^check-tagged: .*no-lang.pdf: ' "$TMP/out")" -eq 0 ] || fail "a line about another file or not a failure line"
expect_exit 2 "$PY" "$CHECK_TAGGED"
expect_exit 2 "$PY" "$CHECK_TAGGED" "$TMP/none.pdf"
pass "one line per failure for the broken file only; usage errors exit 2"
