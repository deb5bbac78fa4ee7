#!/bin/sh
# gallery.sh -- renders the gallery of every chart kind, normal and hostile
# (tests/gallery/render-gallery) into tests/gallery-out/ of the build
# folder, kept after the run so people can open the PNGs, SVGs and
# gallery.pdf, and holds the three backends to one drawing: for each chart
# the PNG, the SVG and the PDF drew the same strings in the same order; the
# PDF page really carries them (pdftotext); the PDF has no images, only
# vector paths (pdfimages -list); qpdf --check passes.
#
# Prints TAP; exits 1 if any check failed. POSIX sh.
. "$top_srcdir/tests/lib/setup.sh"
set +e
skip_unless pdftotext
skip_unless pdfimages
skip_unless qpdf

OUT=$(pwd)/tests/gallery-out
RENDER=$(dirname "$DYADREPORT")/tests/gallery/render-gallery
rm -rf "$OUT"
mkdir -p "$OUT"
n=0
failed=0
check() {
	what=$1
	shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what"
		failed=$((failed + 1))
	fi
}

check "render-gallery renders every chart" "$RENDER" "$OUT"
check "gallery.pdf passes qpdf --check" qpdf --check "$OUT/gallery.pdf"
pdfimages -list "$OUT/gallery.pdf" 2>/dev/null >"$TMP/images"
check "gallery.pdf has no images (vector paths only)" test "$(wc -l <"$TMP/images")" -eq 2

# contains_all PAGE_TEXT STRINGS: every non-blank line of STRINGS, without
# its spaces, occurs in PAGE_TEXT without its spaces.
contains_all() {
	tr -d ' \n\f' <"$1" >"$TMP/flat"
	while IFS= read -r s; do
		s=$(printf '%s' "$s" | tr -d ' ')
		[ -n "$s" ] || continue
		grep -qF -- "$s" "$TMP/flat" || { echo "missing: $s" >&2; return 1; }
	done <"$2"
}

while read -r page name; do
	check "$name: PNG and SVG drew the same strings" cmp "$OUT/$name.png.txt" "$OUT/$name.svg.txt"
	check "$name: PNG and PDF drew the same strings" cmp "$OUT/$name.png.txt" "$OUT/$name.pdf.txt"
	pdftotext -q -f "$page" -l "$page" "$OUT/gallery.pdf" "$TMP/page.txt"
	check "$name: the PDF page carries every string" contains_all "$TMP/page.txt" "$OUT/$name.pdf.txt"
	check "$name: PNG is 1600 px wide" sh -c \
		"od -An -tu1 -j16 -N4 '$OUT/$name.png' | tr -s ' ' | grep -qx ' 0 0 6 64'"
done <"$OUT/pages.txt"

echo "1..$n"
[ "$failed" -eq 0 ]
