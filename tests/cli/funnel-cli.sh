#!/bin/sh
# funnel-cli.sh -- `dyadreport funnel` end to end (dyadreport(1), THE
# FUNNEL SUBCOMMAND): the header variants it accepts, stdin and "-", the
# output header and number format, the n = 0 rows, the overdispersion line
# on stderr, the exit codes (2 for bad options, 3 for bad input, with
# "dyadreport: FILE:LINE: column X: ..." messages that never quote the
# cell), and every number recomputed independently with scipy by
# tests/funnel/check_funnel.py (skipped without python3-scipy, failed on CI).
#
# Hand values: Binomial(10, 0.5) limits 0.00024, 59.6/450, 345.4/450,
# 0.89976 (worked out in tests/unit/test-funnel.c).
#
# Prints "ok N - WHAT" / "not ok N - WHAT" and a TAP plan; exits 1 if any
# check failed. POSIX sh.
. "$top_srcdir/tests/lib/setup.sh"
. "$top_srcdir/tests/lib/scipy.sh"
set +e

n=0
failed=0
HEADER=group,y,n,rate,target,lower95,upper95,lower998,upper998,z,flag,od,phi,tau2

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
same() {
	[ "$1" = "$2" ] && return 0
	echo "#   got:  $1"
	echo "#   want: $2"
	return 1
}
# funnel ARGS...: runs `dyadreport funnel ARGS` into $TMP/out, $TMP/err, $rc.
funnel() {
	"$DYADREPORT" funnel "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
# cell ROW COLUMN: COLUMN (by header name) of data row ROW (from 1); the
# test's group names and flags hold no commas.
cell() {
	awk -F, -v r="$1" -v c="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		NR == r + 1 { print $k }' "$TMP/out"
}
# near GOT WANT TOL: |GOT - WANT| <= TOL (GOT must be a number).
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		d = g - w; if (d < 0) d = -d
		if (g != "" && d <= t) exit 0
		print "#   got: " g ", want: " w " +- " t; exit 1 }'
}
rows() { awk 'END { print NR - 1 }' "$TMP/out"; }
stderr_lacks() { ! grep -q -- "$1" "$TMP/err"; }
stderr_has() { grep -q -- "$1" "$TMP/err"; }
no_stdout() { [ ! -s "$TMP/out" ]; }

# --- a given target: the hand values --------------------------------
printf 'group,y,n\nward a,8,10\nward b,0,10\nward c,5,10\nclosed,,0\n' >"$TMP/ten.csv"
funnel --target 0.5 --overdispersion none "$TMP/ten.csv"
check "exit 0" same "$rc" 0
check "output header exactly as documented" same "$(head -1 "$TMP/out")" "$HEADER"
check "one row per input row, in input order" same "$(rows) $(cell 4 group)" '4 "closed"'
check "lower998 0.00024 (A.1.1 by hand)" near "$(cell 1 lower998)" 0.00024 1e-15
check "lower95 59.6/450 at 15 digits" same "$(cell 1 lower95)" 0.132444444444444
check "upper95 345.4/450" same "$(cell 1 upper95)" 0.767555555555556
check "upper998 0.89976" same "$(cell 1 upper998)" 0.89976
check "8/10 above 95%" same "$(cell 1 flag)" "above 95%"
check "0/10 below 99.8%" same "$(cell 2 flag)" "below 99.8%"
check "5/10 within, z 0" same "$(cell 3 flag)/$(cell 3 z)" "within/0"
check "the given target on every row" same "$(cell 2 target)" 0.5
check "n = 0: listed as no n, rate and limits empty" \
	same "$(cell 4 flag)|$(cell 4 rate)|$(cell 4 lower95)|$(cell 4 z)" "no n|||"
# z = 2 sqrt(10) (asin sqrt(y/10) - pi/4): 2.03490, -4.96729, 0; type-7
# 10th/90th percentiles -3.97383, 1.62792; phi = (3.97383^2 + 1.62792^2) / 3
# = 6.14719; w = 40 each: tau2 = (3 phi - 2) / (120 - 4800/120) = 0.205520.
check "od none on every row" same "$(cell 1 od)/$(cell 4 od)" none/none
check "phi still reported: 6.14719" near "$(cell 4 phi)" 6.14719 5e-6
check "tau2 still reported: 0.205520" near "$(cell 4 tau2)" 0.205520 5e-6
check "stderr names the model used with phi and tau2" \
	stderr_has "dyadreport: funnel: 3 groups, target 0.5, overdispersion none (phi "
funnel -q --target 0.5 --overdispersion none "$TMP/ten.csv"
check "-q: no information line" same "$(cat "$TMP/err")" ""

# --- header in any order and case, other columns ignored; stdin, "-" -
printf 'N,note,Y,Group\n10,x,8,a\n10,y,0,b\n' >"$TMP/cased.csv"
funnel "$TMP/cased.csv"
check "header in any order and case" same "$rc/$(cell 1 group)/$(cell 1 y)/$(cell 1 n)" '0/"a"/8/10'
check "pooled target sum(y)/sum(n)" same "$(cell 1 target)" 0.4
"$DYADREPORT" funnel <"$TMP/cased.csv" >"$TMP/stdin.out" 2>"$TMP/err"
check "stdin when no file" cmp -s "$TMP/stdin.out" "$TMP/out"
"$DYADREPORT" funnel - <"$TMP/cased.csv" >"$TMP/dash.out" 2>"$TMP/err"
check "\"-\" is stdin" cmp -s "$TMP/dash.out" "$TMP/out"

# --- poisson -----------------------------------------------------------
printf 'group,y,n\nclinic,7,2.5\n' >"$TMP/rate.csv"
funnel --model poisson --target 1 --overdispersion none "$TMP/rate.csv"
check "poisson: fractional exposure, rate 2.8" same "$rc/$(cell 1 rate)" 0/2.8
funnel --model proportion "$TMP/rate.csv"
check "proportion: fractional n is an input error (exit 3)" same "$rc" 3
check "...FILE:LINE: column n: message" \
	stderr_has "dyadreport: $TMP/rate.csv:2: column n: not a whole number >= 0"

# --- input errors: exit 3, FILE:LINE: column X, never the cell ---------
printf 'group,y,n\na,secret42,10\n' >"$TMP/bad.csv"
funnel "$TMP/bad.csv"
check "y not a number: exit 3" same "$rc" 3
check "...names file, line and column" stderr_has "dyadreport: $TMP/bad.csv:2: column y: not a whole number >= 0"
check "...never echoes the cell" stderr_lacks secret42
check "...no output" no_stdout
printf 'group,y,n\na,11,10\n' >"$TMP/over.csv"
funnel "$TMP/over.csv"
check "y > n: exit 3, column y" same "$rc/$(grep -c 'over.csv:2: column y: more events than n' "$TMP/err")" 3/1
printf 'group,y\na,1\n' >"$TMP/non.csv"
funnel "$TMP/non.csv"
check "header without n: exit 3" same "$rc" 3
check "...says which columns" stderr_has "the header must name the columns group, y and n"
printf 'group,y,n\na,0,0\n' >"$TMP/zero.csv"
funnel "$TMP/zero.csv"
check "no group with n > 0: exit 3" same "$rc" 3
funnel "$TMP/missing.csv"
check "unreadable file: exit 3" same "$rc" 3

# --- usage errors: exit 2 ----------------------------------------------
funnel --overdispersion some "$TMP/ten.csv"
check "bad --overdispersion: exit 2" same "$rc" 2
check "...says the choices" stderr_has "none, multiplicative, additive or auto"
funnel --model binomial "$TMP/ten.csv"
check "bad --model: exit 2" same "$rc" 2
funnel --target 1.5 "$TMP/ten.csv"
check "proportion target >= 1: exit 2" same "$rc" 2
funnel --target abc "$TMP/ten.csv"
check "--target not a number: exit 2" same "$rc" 2
funnel --bogus "$TMP/ten.csv"
check "unknown option: exit 2" same "$rc" 2
funnel "$TMP/ten.csv" "$TMP/ten.csv"
check "two files: exit 2" same "$rc" 2
funnel --help
check "--help: exit 0 and names every option" \
	same "$rc/$(grep -c -e --model -e --target -e --overdispersion "$TMP/out")" 0/3

# --- every number against scipy ----------------------------------------
if [ -n "$PY_SCIPY" ]; then
	"$PY_SCIPY" "$top_srcdir/tests/funnel/check_funnel.py" "$DYADREPORT" >"$TMP/oracle" 2>&1
	orc=$?
	sed -n 's/^/# scipy: /p' "$TMP/oracle"
	check "every limit, z, phi, tau2 and flag agrees with scipy to 1e-9" same "$orc" 0
else
	n=$((n + 1))
	echo "ok $n - every number against scipy # SKIP python3-scipy not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
