#!/bin/sh
# spc-oracle.sh -- `dyadreport spc` against an independent Python oracle
# (tests/spc-oracle/oracle.py, transcribed from qicharts2 0.8.1 and
# NHSRplotthedots 0.2.2) on random series the C code has never seen.
#
# Test 1 is the oracle's own self-check against published numbers
# (selftest.py). Then gen.py writes SPC_ORACLE_COUNT (300) seeded cases, each
# is run through `$DYADREPORT spc OPTIONS FILE` and compared field by field
# with the oracle: text fields equal, numbers within 1e-9 relative-or-absolute
# (|a - b| <= 1e-9 * max(1, |b|)). One TAP line per case; a failure names the
# first differing row and column as a "# " line.
#
# SPC_ORACLE_SEED=S and SPC_ORACLE_COUNT=N pick other cases;
# SPC_ORACLE_KEEP=DIR keeps the cases and both outputs in DIR.
# POSIX sh: runs under dash as under bash.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless python3
set +e
ORACLE="$top_srcdir/tests/spc-oracle"
seed=${SPC_ORACLE_SEED:-20240601}
count=${SPC_ORACLE_COUNT:-300}
cases=${SPC_ORACLE_KEEP:-$TMP/cases}
tab=$(printf '\t')

if python3 "$ORACLE/selftest.py" >"$TMP/selftest.log" 2>&1; then
	echo "ok 1 - oracle self-check against published numbers"
	selfok=yes
else
	echo "not ok 1 - oracle self-check against published numbers"
	grep -v '^# ok' "$TMP/selftest.log" | sed 's/^#* *//; s/^/# /'
	selfok=no
fi

python3 "$ORACLE/gen.py" --seed "$seed" --count "$count" "$cases" \
	|| { echo "not ok 2 - gen.py"; echo "1..2"; exit 1; }

while IFS="$tab" read -r id _desc opts; do
	# shellcheck disable=SC2086 # options are blank-free words by gen.py's contract
	"$DYADREPORT" spc $opts "$cases/$id.csv" >"$cases/$id.out" 2>"$cases/$id.err"
	echo $? >"$cases/$id.rc"
done <"$cases/cases.txt"

python3 "$ORACLE/oracle.py" --tap "$cases" 2 >"$TMP/tap"
cat "$TMP/tap"
n=$(grep -c '^ok \|^not ok ' "$TMP/tap")
bad=$(grep -c '^not ok ' "$TMP/tap")
n=$((n + 1))
[ "$selfok" = yes ] || bad=$((bad + 1))
echo "1..$n"
if [ "$bad" -ne 0 ]; then
	echo "# $bad of $n failed; cases: python3 tests/spc-oracle/gen.py --seed $seed --count $count DIR," \
		"then: dyadreport spc OPTIONS DIR/cNNN.csv vs python3 tests/spc-oracle/oracle.py OPTIONS DIR/cNNN.csv"
	echo "FAIL: $bad of $n spc-oracle cases" >&2
	exit 1
fi
echo "# spc-oracle: all $n passed"
