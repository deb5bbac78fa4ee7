#!/bin/sh
# man.sh -- the manual pages keep up with the program: every long option
# that `dyadreport --help`, `dyadreport spc --help` and `dyadreport funnel
# --help` print is in dyadreport.1, every key of src/config-table.c (all of
# [report] among them) is in dyadreport.ini.5, and groff renders both
# without a warning.
. "$top_srcdir/tests/lib/setup.sh"

MAN1="$top_srcdir/doc/dyadreport.1"
MAN5="$top_srcdir/doc/dyadreport.ini.5"
[ -s "$MAN1" ] && [ -s "$MAN5" ] || fail "manual pages missing"

# man(7) source writes a hyphen as \-
roff() { printf '%s' "$1" | sed 's/-/\\-/g'; }

"$DYADREPORT" --help > "$TMP/help"
"$DYADREPORT" spc --help > "$TMP/spc-help"
"$DYADREPORT" funnel --help >> "$TMP/spc-help"
n=0
for opt in $(cat "$TMP/help" "$TMP/spc-help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -qF -- "$(roff "$opt")" "$MAN1" || fail "dyadreport.1 lacks $opt"
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail "only $n long options found in --help"
for opt in --period --template --check --rules --rebase; do
	grep -q -- "$opt" "$TMP/help" "$TMP/spc-help" || fail "--help lacks $opt: the scan above is broken"
done
pass "dyadreport.1 has all $n long options"

keys=$(sed -n 's/^[[:space:]]*{ *SEC_REPORT, "\([a-z_]*\)".*/\1/p' "$top_srcdir/src/config-table.c")
[ "$(echo "$keys" | wc -w)" -ge 10 ] || fail "found too few [report] keys in config-table.c: $keys"
sed -n '/^\.SS "\[report\]"/,/^\.SS/p' "$MAN5" > "$TMP/report-section"
for key in $keys; do
	grep -qx "\.B $key" "$TMP/report-section" || fail "dyadreport.ini.5 [report] lacks $key"
done
for key in $(sed -n 's/^[[:space:]]*{ *SEC_[A-Z]*, "\([a-z_.]*\)".*/\1/p' "$top_srcdir/src/config-table.c" |
             sed 's/\.$//' | sort -u); do
	grep -q "$key" "$MAN5" || fail "dyadreport.ini.5 lacks key $key"
done
pass "dyadreport.ini.5 has every config key"

skip_unless groff
for page in "$MAN1" "$MAN5"; do
	groff -man -Tutf8 -ww -z "$page" 2> "$TMP/warn" || fail "groff failed on $page"
	[ ! -s "$TMP/warn" ] || fail "groff warns on $page: $(cat "$TMP/warn")"
	LC_ALL=C.UTF-8 groff -man -Tutf8 -P-cbou "$page" 2>/dev/null | grep -q "SEE ALSO" || fail "$page renders no SEE ALSO"
done
pass "groff renders both pages without a warning"
