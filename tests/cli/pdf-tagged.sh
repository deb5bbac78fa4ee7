#!/bin/sh
# pdf-tagged.sh -- every packet of every shipped template (monthly-packet,
# town-hall, access) for every sample dyad is a tagged PDF that meets the
# machine-checkable part of PDF/UA-1: tests/pdf/check-tagged.py passes it
# (catalog, structure tree, parent tree, marked content, tables, headings,
# reading order, fonts, pdfinfo's "Tagged: yes", a silent pdftotext) and
# so does qpdf --check. And the tags are not a shell: each packet's tree
# has an H1 and a Figure (the monthly and access packets a TH too), and
# at least 75% of the bytes of text it shows are tagged content, not
# artifacts (footers, page numbers and rules are the rest: about 12% in
# the sample packets), so a packet drawn all as artifacts cannot pass.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless qpdf
skip_unless pdfinfo
skip_unless pdftotext
. "$top_srcdir/tests/lib/pikepdf.sh"

pdfs=
for t in monthly-packet town-hall access; do
	expect_exit 0 "$DYADREPORT" -q -t "$t" -o "$TMP/$t" "$SAMPLE/site.ini"
	found=$(find "$TMP/$t" -name packet.pdf | sort)
	[ "$(echo "$found" | grep -c .)" -eq 3 ] || fail "$t: $(echo "$found" | grep -c .) packets, want 3"
	for pdf in $found; do
		qpdf --check "$pdf" >/dev/null 2>&1 || fail "$t ${pdf#"$TMP/"}: qpdf --check"
	done
	pdfs="$pdfs $found"
done
pass "9 packets pass qpdf --check"

# One run of the checker over the nine packets (it goes on after a failing
# file); on failure, its first lines, then each kind of failure with the
# number of lines that report it.
# shellcheck disable=SC2086 # one word per file
if "$PY" "$CHECK_TAGGED" --summary $pdfs >"$TMP/all" 2>&1; then ok=yes; else ok=no; fi
grep -v '^check-tagged: [^ ]*: summary: ' "$TMP/all" >"$TMP/check" || true
if [ "$ok" = yes ]; then
	[ ! -s "$TMP/check" ] || { cat "$TMP/check" >&2; fail "the checker passed but printed"; }
	pass "every packet of every template is tagged PDF/UA-1 as far as a machine can tell"
else
	sed "s|$TMP/||" "$TMP/check" | head -10 >&2
	echo "... by kind:" >&2
	sed -e 's/^check-tagged: [^:]*: //' -e 's/^page [0-9]*: //' -e 's/, [0-9]* times*$//' "$TMP/check" \
		| sort | uniq -c | sort -rn | head -30 >&2
	fail "$(grep -c . "$TMP/check") failures of check-tagged in $(cut -d: -f2 "$TMP/check" | sort -u | grep -c .) of 9 packets"
fi

# Not a shell of tags: counts and bytes from the checker's summary lines.
for pdf in $pdfs; do
	name=${pdf#"$TMP/"}
	line=$(grep -F "check-tagged: $pdf: summary: " "$TMP/all") || fail "$name: no summary line"
	get() { echo "$line" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
	[ "$(get H1)" -ge 1 ] || fail "$name: no H1 in the structure tree"
	[ "$(get Figure)" -ge 1 ] || fail "$name: no Figure in the structure tree"
	case $name in
	town-hall/*) ;;
	*) [ "$(get TH)" -ge 1 ] || fail "$name: no TH in the structure tree" ;;
	esac
	tagged=$(get tagged) artifact=$(get artifact)
	[ $((tagged * 100)) -ge $(((tagged + artifact) * 75)) ] \
		|| fail "$name: $tagged of $((tagged + artifact)) bytes of text tagged, want 75% or more"
done
pass "each packet's tree has its headings, figures and tables, and holds 75% or more of its text"
