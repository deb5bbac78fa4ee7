#!/bin/sh
# spc-cli.sh -- `dyadreport spc` end to end (doc/guide.md, "dyadreport
# spc"): the header variants it accepts, stdin and "-", the output header
# and number format, the published deviations-vignette limits, the anhoej
# columns, and the exit codes: 2 for bad options, 3 for bad input with
# "dyadreport: FILE:LINE: column X: ..." messages that never quote the cell.
#
# Published values: NHSRplotthedots vignettes/deviations.Rmd (the series
# 1,2,1,2,10,1,2,...: UPL 4.60 / mean 1.94 / LPL -0.72 screened, 6.95 /
# -3.06 unscreened); the full digits are worked out in tests/unit/test-spc.c
# (mean 35/18; screened mR-bar 1, +- 2.66; unscreened mR-bar 32/17).
#
# Prints "ok N - WHAT" / "not ok N - WHAT" and a TAP plan; exits 1 if any
# check failed. POSIX sh.
. "$top_srcdir/tests/lib/setup.sh"
set +e

n=0
failed=0
HEADER=period,y,n,cl,lcl,ucl,phase,signal,signal_type,point_type
HEADER=$HEADER,runs_signal,longest_run,longest_run_max,n_crossings,n_crossings_min
HEADER=$HEADER,variation_icon,assurance

# check WHAT CMD...: one TAP line, ok when CMD succeeds.
check() {
	what=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what"
		sed -n '1,5s/^/#   stderr: /p' "$TMP/err"
		failed=$((failed + 1))
	fi
}

# same A B: the strings are equal (and say what differed when not).
same() {
	[ "$1" = "$2" ] && return 0
	echo "#   got:  $1"
	echo "#   want: $2"
	return 1
}

# spc ARGS...: runs `dyadreport spc ARGS` into $TMP/out, $TMP/err, $rc.
spc() {
	"$DYADREPORT" spc "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# spc_in FILE ARGS...: the same with FILE on stdin.
spc_in() {
	f=$1
	shift
	"$DYADREPORT" spc "$@" <"$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# cell ROW COLUMN: COLUMN (by header name) of data row ROW (from 1).
cell() {
	awk -F, -v r="$1" -v c="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		NR == r + 1 { print $k }' "$TMP/out"
}

# column COLUMN: the column's values, one per row, joined by spaces.
column() {
	awk -F, -v c="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		{ printf "%s%s", sep, $k; sep = " " }' "$TMP/out"
}

# near GOT WANT TOL: |GOT - WANT| <= TOL (GOT must be a number).
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		d = g - w; if (d < 0) d = -d
		if (g != "" && d <= t) exit 0
		print "#   got: " g ", want: " w " +- " t; exit 1 }'
}

# runs ROW: the five runs columns of data row ROW, comma-separated.
runs() {
	r=$(cell "$1" runs_signal)
	for c in longest_run longest_run_max n_crossings n_crossings_min; do
		r="$r,$(cell "$1" "$c")"
	done
	echo "$r"
}

rows() { awk 'END { print NR - 1 }' "$TMP/out"; }
stderr_lacks() { ! grep -q -- "$1" "$TMP/err"; }
stderr_has() { grep -q -- "$1" "$TMP/err"; }
no_stdout() { [ ! -s "$TMP/out" ]; }

# The deviations vignette series, 18 months from 2021-03.
VIG="1 2 1 2 10 1 2 1 2 1 2 1 2 1 2 1 2 1"
{
	echo "period,y"
	m=3 yr=2021
	for v in $VIG; do
		printf '%d-%02d,%s\n' "$yr" "$m" "$v"
		m=$((m + 1))
		[ "$m" -gt 12 ] && m=1 yr=$((yr + 1))
	done
} >"$TMP/vig.csv"

# --- the vignette, screened (default mdc7) ---------------------------
spc "$TMP/vig.csv"
check "vignette: exit 0" same "$rc" 0
check "output header exactly as documented" same "$(head -1 "$TMP/out")" "$HEADER"
check "one row per input row" same "$(rows)" 18
check "rows in input order" same "$(cell 1 period) $(cell 18 period)" "2021-03 2022-08"
check "vignette: UPL 4.60444444444444 (15 digits)" same "$(cell 1 ucl)" 4.60444444444444
check "vignette: mean 1.94444444444444" same "$(cell 1 cl)" 1.94444444444444
check "vignette: LPL -0.715555555555556" same "$(cell 1 lcl)" -0.715555555555556
check "vignette: same limits on every row" \
	same "$(awk -F, 'NR > 1 { print $4 "/" $5 "/" $6 }' "$TMP/out" | sort -u)" \
	"1.94444444444444/-0.715555555555556/4.60444444444444"
check "vignette: only the 10 signals" same "$(column signal)" "0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0"
check "vignette: signal_type outside_limits" same "$(cell 5 signal_type)" outside_limits
check "vignette: point_type neutral high" same "$(cell 5 point_type)" special_cause_neutral_high
check "vignette: others common cause" same "$(cell 6 point_type)" common_cause
check "vignette: y printed as given" same "$(cell 5 y)" 10
check "vignette: no n column, n empty" same "$(cell 5 n)" ""
check "vignette: phase 1" same "$(cell 18 phase)" 1
check "mdc: runs columns empty" same "$(runs 1)" ",,,,"
check "vignette: variation icon from the last point" same "$(cell 5 variation_icon)" common_cause
check "no target: assurance empty" same "$(cell 1 assurance)" ""
check "vignette: nothing on stderr" [ ! -s "$TMP/err" ]
cp "$TMP/out" "$TMP/vig.out"

# --- unscreened ------------------------------------------------------
spc --no-screen "$TMP/vig.csv"
check "unscreened: UPL 6.95150326797386" same "$(cell 1 ucl)" 6.95150326797386
check "unscreened: LPL -3.06261437908497" same "$(cell 18 lcl)" -3.06261437908497
check "unscreened: mean unchanged" same "$(cell 1 cl)" 1.94444444444444

# --- stdin and "-" ---------------------------------------------------
spc_in "$TMP/vig.csv"
check "stdin: exit 0" same "$rc" 0
check "stdin: same output as the file" cmp -s "$TMP/out" "$TMP/vig.out"
spc_in "$TMP/vig.csv" -
check "\"-\": same output as the file" cmp -s "$TMP/out" "$TMP/vig.out"

# --- header variants -------------------------------------------------
# Columns in any order and case, an extra column, a UTF-8 BOM and CRLF.
awk -F, 'NR == 1 { print "\357\273\277Y,Note,PERIOD\r"; next }
	{ print $2 ",x" NR "," $1 "\r" }' "$TMP/vig.csv" >"$TMP/variant.csv"
spc "$TMP/variant.csv"
check "BOM, CRLF, reordered, mixed case, extra column: exit 0" same "$rc" 0
check "header variants: same output" cmp -s "$TMP/out" "$TMP/vig.out"
{ printf 'y,period\n'; awk -F, 'NR > 1 { print $2 "," $1 }' "$TMP/vig.csv"; } >"$TMP/rev.csv"
spc "$TMP/rev.csv"
check "y before period: same output" cmp -s "$TMP/out" "$TMP/vig.out"
{
	printf 'Period,Y,comment\n'
	awk -F, 'NR > 1 { print $0 ",\"a, b\"" }' "$TMP/vig.csv"
} >"$TMP/extra.csv"
spc "$TMP/extra.csv"
check "extra quoted column with a comma: same output" cmp -s "$TMP/out" "$TMP/vig.out"
sed 's/^\([0-9-]*\),/\1-15,/; 1s/.*/period,y/' "$TMP/vig.csv" >"$TMP/days.csv"
spc "$TMP/days.csv"
check "YYYY-MM-DD periods: exit 0" same "$rc" 0
check "YYYY-MM-DD periods: printed as given" same "$(cell 1 period)" 2021-03-15
check "YYYY-MM-DD periods: same limits" same "$(cell 1 ucl)" 4.60444444444444

# --- options ---------------------------------------------------------
spc --target 5 --better higher "$TMP/vig.csv"
check "target above UPL, higher better: fail" \
	same "$(cell 1 assurance)$(cell 18 assurance)" failfail
check "higher better: the 10 is an improvement" \
	same "$(cell 5 point_type)" special_cause_improvement
spc --target 5 --better lower "$TMP/vig.csv"
check "target above UPL, lower better: pass" same "$(cell 1 assurance)" pass
check "lower better: the 10 is a concern" same "$(cell 5 point_type)" special_cause_concern
spc --target 2 --better lower "$TMP/vig.csv"
check "target inside the limits: hit_and_miss" same "$(cell 1 assurance)" hit_and_miss
spc --target 5 "$TMP/vig.csv"
check "neutral (default): no assurance" same "$(cell 1 assurance)" ""

# --rebase: the named period is the first of phase 2 (phase 1: 1 2 1 2 10
# 1 2, MRs 1 1 1 8 9 1, mean 19/7; phase 2: 1 2 1 2 ... from 2021-10).
spc --rebase 2021-10 "$TMP/vig.csv"
check "rebase: exit 0" same "$rc" 0
check "rebase: phases" same "$(column phase)" "1 1 1 1 1 1 1 2 2 2 2 2 2 2 2 2 2 2"
# Phase 2: 11 values 1 2 1 2 1 2 1 2 1 2 1, mean 16/11 = 1.45454545454545,
# MRs all 1: UPL 16/11 + 2.66 = 4.114545... (the last printed digit
# depends on the double's rounding, so compared within 1e-12).
check "rebase: phase 2 mean 16/11" same "$(cell 8 cl)" 1.45454545454545
check "rebase: phase 2 UPL 16/11 + 2.66" near "$(cell 18 ucl)" 4.1145454545454545 1e-12
spc --rebase 2021-10 "$TMP/days.csv"
check "rebase YYYY-MM matches a YYYY-MM-DD period" same "$(cell 8 phase)" 2

# --baseline 4: 1 2 1 2: mean 1.5, MRs 1 1 1: UPL 1.5 + 2.66 = 4.16.
spc --baseline 4 "$TMP/vig.csv"
check "baseline 4: UPL 4.16 on the last row" same "$(cell 18 ucl)" 4.16
check "baseline 4: the 10 outside" same "$(cell 5 signal)" 1

# --rules mdc6 vs mdc7: 6 points rising is a trend only under mdc6.
{
	echo "period,y"
	i=0
	for v in 5 3 5 3 5 3 1 2 3 4 5 6; do
		i=$((i + 1))
		printf '2021-%02d,%s\n' "$i" "$v"
	done
} >"$TMP/trend.csv"
spc --rules mdc6 "$TMP/trend.csv"
check "mdc6: 6-point trend" same "$(cell 12 signal_type)" trend
spc --rules mdc7 "$TMP/trend.csv"
check "mdc7: no 7-point trend" same "$(cell 12 signal_type)" ""

# --chart is ignored under mdc, with a warning.
spc --chart c "$TMP/vig.csv"
check "--chart under mdc: exit 0" same "$rc" 0
check "--chart under mdc: same XmR output" cmp -s "$TMP/out" "$TMP/vig.out"
check "--chart under mdc: warns" stderr_has "warning"

# --- anhoej ----------------------------------------------------------
# I chart on the vignette: 35/18 -+ 3/1.128 (screened mR-bar 1):
# 4.60401891252955 / -0.715130023640662. Runs: 18 useful, longest 2
# (the 2, 10), 16 crossings; n = 18: max 7, min 5.
spc --rules anhoej "$TMP/vig.csv"
check "anhoej i: UCL 35/18 + 3/1.128" same "$(cell 1 ucl)" 4.60401891252955
check "anhoej i: LCL 35/18 - 3/1.128" same "$(cell 1 lcl)" -0.715130023640662
check "anhoej: point_type empty" same "$(cell 5 point_type)" ""
check "anhoej: signal outside_limits" same "$(cell 5 signal)$(cell 5 signal_type)" 1outside_limits
check "anhoej: runs columns" same "$(runs 1)" "0,2,7,16,5"
check "anhoej: runs on every row" same "$(column n_crossings_min | tr ' ' '\n' | sort -u)" 5

# p chart with clamping, an n = 0 month and a missing month:
# y 1 3 0 - 4 2 of n 1 4 0 6 10 5: p-bar 10/20 = 0.5; n = 10: 0.5 -+
# 3 sqrt(0.025) = 0.974341649025257 / 0.0256583509747431; n = 1, 4, 5:
# clamped to 1 and 0. Useful 4: longest 2, 1 crossing; n = 4: 5 / 0.
cat >"$TMP/p.csv" <<'CSV'
period,y,n
2021-01,1,1
2021-02,3,4
2021-03,0,0
2021-04,,6
2021-05,4,10
2021-06,2,5
CSV
spc --rules anhoej --chart p "$TMP/p.csv"
check "p: exit 0" same "$rc" 0
check "p: plots y/n" same "$(column y)" "1 0.75   0.4 0.4"
check "p: n echoed" same "$(column n)" "1 4 0 6 10 5"
# qicharts2 keeps cl on every row; the limits of a month without n (0
# after complete.cases) are infinite and so blank.
check "p: pooled centre on every row, months without a value too" \
	same "$(column cl)" "0.5 0.5 0.5 0.5 0.5 0.5"
check "p: UCL clamped to 1" same "$(column ucl)" "1 1   0.974341649025257 1"
check "p: LCL clamped to 0" same "$(column lcl)" "0 0   0.0256583509747431 0"
check "p: runs columns" same "$(runs 1)" "0,2,5,1,0"
spc --rules anhoej --chart p --multiply 100 --target 99 --better higher "$TMP/p.csv"
check "p x100: y" same "$(column y)" "100 75   40 40"
check "p x100: limits" same "$(cell 5 lcl)/$(cell 5 ucl)" "2.56583509747431/97.4341649025257"
check "p x100: target in plotted units, last limits 0 .. 100" \
	same "$(cell 1 assurance)" hit_and_miss

# Rows without a value keep their part's centre and the limits that do not
# depend on n, as qicharts2 and NHSRplotthedots return them.
# I: 10 12 - 11 13 9: mean 11; MRs 2 2 4 (none across the gap), 8/3;
# anhoej 11 -+ 3 (8/3) / 1.128 = 11 -+ 7.09219858156028; mdc 11 -+ 2.66
# (8/3) = 11 -+ 7.09333333333333.
printf 'period,y\n2021-01,10\n2021-02,12\n2021-03,\n2021-04,11\n2021-05,13\n2021-06,9\n' \
	>"$TMP/gap.csv"
spc --rules anhoej --chart i "$TMP/gap.csv"
check "gap i: exit 0" same "$rc" 0
check "gap i: no value on the gap" same "$(cell 3 y)" ""
check "gap i: centre and both limits on the gap" \
	same "$(cell 3 cl)/$(cell 3 lcl)/$(cell 3 ucl)" 11/3.90780141843972/18.0921985815603
check "gap i: the gap has no signal" same "$(cell 3 signal)$(cell 3 signal_type)" 0
spc --rules mdc7 "$TMP/gap.csv"
check "gap mdc: mean and process limits on the gap" \
	same "$(cell 3 cl)/$(cell 3 lcl)/$(cell 3 ucl)" 11/3.90666666666667/18.0933333333333
check "gap mdc: the gap has no point type" same "$(cell 3 signal)/$(cell 3 point_type)" 0/
# MR chart, row 1: no moving range, yet qic.mr's centre, LCL 0 and UCL.
# MRs 2 2 4 of 10 12 14 10: centre 8/3, UCL 3.267 * 8/3 = 8.712.
printf 'period,y\n2021-01,10\n2021-02,12\n2021-03,14\n2021-04,10\n' >"$TMP/mr.csv"
spc --rules anhoej --chart mr "$TMP/mr.csv"
check "mr: row 1 has no value" same "$(cell 1 y)" ""
check "mr: row 1 has the centre, LCL 0 and the UCL" \
	same "$(cell 1 cl)/$(cell 1 lcl)/$(cell 1 ucl)" 2.66666666666667/0/8.712
check "mr: row 1 no signal" same "$(cell 1 signal)" 0

# c chart: the NIST wafer counts, centre 16, limits 4 .. 28 (e-Handbook
# 6.3.3.1); the 31 (row 24) signals, the 28 on the UCL (row 3) does not.
{
	echo "period,y"
	i=0
	for v in 16 14 28 16 12 20 10 12 10 17 19 17 14 16 15 13 14 16 11 20 11 19 16 31 13; do
		i=$((i + 1))
		printf '%d-%02d,%s\n' $((2020 + (i - 1) / 12)) $(((i - 1) % 12 + 1)) "$v"
	done
} >"$TMP/c.csv"
spc --rules anhoej --chart c "$TMP/c.csv"
check "c: centre 16, limits 4 .. 28" same "$(cell 1 cl)/$(cell 1 lcl)/$(cell 1 ucl)" 16/4/28
check "c: only the 31 signals" same "$(awk -F, 'NR > 1 && $8 == 1 { print $1 }' "$TMP/out")" 2021-12
check "c: 5 points on the centre dropped, 20 useful" same "$(runs 1)" "0,5,7,10,6"

# run chart: median, no limits.
spc --rules anhoej --chart run "$TMP/vig.csv"
check "run chart: median 1.5 (9 ones, 8 twos, one 10)" same "$(cell 1 cl)" 1.5
check "run chart: no limits" same "$(cell 1 lcl)$(cell 1 ucl)" ""
# mr chart: first point none; MRs 1 1 1 8 9 and twelve 1s: mean 32/17.
spc --rules anhoej --chart mr "$TMP/vig.csv"
check "mr: first row empty y" same "$(cell 1 y)" ""
check "mr: MR 9 on row 6" same "$(cell 6 y)" 9
check "mr: centre 32/17" same "$(cell 2 cl)" 1.88235294117647
check "mr: LCL 0" same "$(cell 2 lcl)" 0
check "mr: never a runs signal" same "$(column runs_signal | tr ' ' '\n' | sort -u)" 0

# --- usage errors: exit 2, nothing on stdout --------------------------
spc --help
check "--help: exit 0" same "$rc" 0
check "--help: usage line" grep -q "^Usage: dyadreport spc" "$TMP/out"
for opt in --rules --chart --baseline --rebase --no-screen --multiply --target --better; do
	check "--help mentions $opt" grep -q -- "$opt" "$TMP/out"
done
check "--help: nothing on stderr" [ ! -s "$TMP/err" ]

usage() {  # usage WHAT ARGS...: exit 2, no output, a message on stderr
	what=$1
	shift
	spc "$@"
	check "$what: exit 2" same "$rc" 2
	check "$what: no output" no_stdout
	check "$what: says so" [ -s "$TMP/err" ]
}
usage "--rules x" --rules x "$TMP/vig.csv"
usage "--chart p without an n column" --rules anhoej --chart p "$TMP/vig.csv"
usage "--chart u without an n column" --rules anhoej --chart u "$TMP/vig.csv"
usage "--chart unknown" --rules anhoej --chart xbar "$TMP/vig.csv"
usage "--baseline 0" --baseline 0 "$TMP/vig.csv"
usage "--baseline -3" --baseline -3 "$TMP/vig.csv"
usage "--baseline 4x" --baseline 4x "$TMP/vig.csv"
usage "--rebase to a missing period" --rebase 2030-01 "$TMP/vig.csv"
usage "two files" "$TMP/vig.csv" "$TMP/vig.csv"
usage "--multiply 0" --multiply 0 "$TMP/vig.csv"
usage "--better sideways" --better sideways "$TMP/vig.csv"
usage "--target abc" --target abc "$TMP/vig.csv"
usage "unknown option" --no-such-option "$TMP/vig.csv"
spc --rebase 2030-01 "$TMP/vig.csv"
check "--rebase message names the period" stderr_has "2030-01"

# --- input errors: exit 3, FILE:LINE: column X, never the cell ---------
bad() {  # bad WHAT FILE DISPLAY LINE COLUMN SECRET: exit 3, message, no value
	spc "$2"
	check "$1: exit 3" same "$rc" 3
	check "$1: no output" no_stdout
	check "$1: dyadreport: $3:$4: column $5:" stderr_has "^dyadreport: $3:$4: column $5: "
	check "$1: the value is not quoted" stderr_lacks "$6"
}
printf 'period,y\n2021-01,1\n2021-02,12x34\n' >"$TMP/bad-y.csv"
bad "y not a number" "$TMP/bad-y.csv" "$TMP/bad-y.csv" 3 y 12x34
printf 'period,y,n\n2021-01,1,5\n2021-02,1,-98765\n' >"$TMP/bad-n.csv"
bad "negative n" "$TMP/bad-n.csv" "$TMP/bad-n.csv" 3 n 98765
printf 'period,y,n\n2021-01,1,7q7q7\n' >"$TMP/bad-n2.csv"
bad "n not a number" "$TMP/bad-n2.csv" "$TMP/bad-n2.csv" 2 n 7q7q7
printf 'period,y\n2021-01,1\n2021-77,2\n' >"$TMP/bad-p.csv"
bad "month 77" "$TMP/bad-p.csv" "$TMP/bad-p.csv" 3 period 2021-77
printf 'period,y\n2021-01,1\nMarch-4242,2\n' >"$TMP/bad-p2.csv"
bad "period not a date" "$TMP/bad-p2.csv" "$TMP/bad-p2.csv" 3 period 4242
printf 'period,y\n2021-01,1\n2021-02,2\n2019-05,3\n' >"$TMP/bad-order.csv"
bad "period going back" "$TMP/bad-order.csv" "$TMP/bad-order.csv" 4 period 2019-05
printf 'period,y\n2021-01,1\n2021-01,2\n' >"$TMP/bad-dup.csv"
bad "repeated period" "$TMP/bad-dup.csv" "$TMP/bad-dup.csv" 3 period 2021-01
# From stdin the message names "stdin".
"$DYADREPORT" spc <"$TMP/bad-y.csv" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "stdin: bad y exits 3" same "$rc" 3
check "stdin: message names stdin:3: column y" stderr_has "^dyadreport: stdin:3: column y: "
check "stdin: the value is not quoted" stderr_lacks 12x34
# An unterminated quote: exit 3, FILE:LINE, the cell never echoed.
printf 'period,y\n2021-01,1\n2021-02,"55x66\n2021-03,3\n' >"$TMP/bad-q.csv"
spc "$TMP/bad-q.csv"
check "unterminated quote: exit 3" same "$rc" 3
check "unterminated quote: no output" no_stdout
check "unterminated quote: FILE:LINE" stderr_has "^dyadreport: $TMP/bad-q.csv:3: "
check "unterminated quote: the value is not quoted" stderr_lacks 55x66
# A header without y; an empty file; a missing file.
printf 'period,value\n2021-01,1\n' >"$TMP/no-y.csv"
spc "$TMP/no-y.csv"
check "no y column: exit 3" same "$rc" 3
check "no y column: names the columns" stderr_has "period and y"
: >"$TMP/empty.csv"
spc "$TMP/empty.csv"
check "empty file: exit 3" same "$rc" 3
spc "$TMP/nowhere.csv"
check "missing file: exit 3" same "$rc" 3
check "missing file: named" stderr_has "nowhere.csv"

echo "1..$n"
[ "$failed" -eq 0 ]
