#!/bin/sh
# stage-kill.sh -- kill -9 at a rename of a run (tests/inject/inject-io.c,
# DR_INJECT_KILL_AT=N: the run's N-th rename kills it instead): after
# each, every dyad folder is one month whole (September's or October's),
# so is each root file, and the next run succeeds and leaves exactly
# October's files, no staging area, previous folder or temporary file.
# Runs with -j 1, with no atomic exchange (as on NFS and SMB), and a first
# run into an empty folder. make check kills at a few renames of the commit
# (the swaps and root files, where two months meet); make check-faults
# (DR_FAULTS=all) at every rename, and with -j 2 too.
. "$top_srcdir/tests/lib/setup.sh"
[ "${DR_FAULTS:-}" = all ] || FORMATS="pdf, csv"
. "$top_srcdir/tests/lib/stage-faults.sh"

# kill_each LABEL VAR=VALUE OPTION SAMPLE: kills an October run over a copy
# of OLD at every rename (DR_FAULTS=all) or at the renames SAMPLE counts
# back from the last (0 is the last).
kill_each() {
	label=$1 var=$2 opt=$3 sample=$4
	counts "$var" "$DYADREPORT" "$opt"
	if [ "$FAULTS" = all ]; then
		at=$(seq 1 "$renames")
	else
		at=$(for b in $sample; do echo $((renames - b)); done)
	fi
	for n in $at; do
		fresh_out
		faulty "$var" DR_INJECT_KILL_AT="$n" "$DYADREPORT" "$opt"
		[ "$got" -eq 137 ] || { cat "$TMP/err" >&2; fail "$label: kill at rename $n: exited $got"; }
		one_month "$label: kill at rename $n of $renames"
		next_run_ok "$label: after a kill at rename $n of $renames"
	done
	pass "$label: killed at rename $(echo $at | tr ' ' ,) of $renames: each folder one month, then a clean run"
}
# The last renames of a run with two dyads are the commit: with an atomic
# exchange, oncology's swap, surgery's, data-quality.csv, index.html; with
# none, oncology aside and in, surgery aside and in, then the root files.
kill_each "-j 1" DR_INJECT_NO_EXCHANGE=0 -j1 "2 0"
kill_each "no atomic exchange" DR_INJECT_NO_EXCHANGE=1 -j1 "4"
[ "$FAULTS" != all ] || kill_each "-j 2" DR_INJECT_NO_EXCHANGE=0 -j2 ""

# A first run into an empty folder, killed: each dyad folder is missing or
# October's whole; the next run writes all of October.
FIRST="$TMP/first"
expect_exit 0 "$DYADREPORT" -q -p 2026-10 -o "$FIRST" "$SITE/site.ini"
for d in $DYADS; do listing "$FIRST/$d" > "$TMP/first.$d"; done
listing "$FIRST" > "$TMP/first.all"
rm -rf "$OUT"; mkdir "$OUT"
faulty DR_INJECT_NO_EXCHANGE=0 "$DYADREPORT"
first=$(wc -c < "$TMP/count.rename")
if [ "$FAULTS" = all ]; then at=$(seq 1 "$first"); else at=$((first - 2)); fi
for n in $at; do
	rm -rf "$OUT"; mkdir "$OUT"
	faulty DR_INJECT_KILL_AT="$n" "$DYADREPORT"
	[ "$got" -eq 137 ] || { cat "$TMP/err" >&2; fail "first run: kill at rename $n: exited $got"; }
	for d in $DYADS; do
		[ ! -e "$OUT/$d" ] || { listing "$OUT/$d" | cmp -s - "$TMP/first.$d"; } ||
			fail "first run: kill at rename $n: $d is not October's whole"
	done
	expect_exit 0 "$DYADREPORT" -q -p 2026-10 -o "$OUT" "$SITE/site.ini"
	listing "$OUT" | diff "$TMP/first.all" - >&2 || fail "first run: after a kill at rename $n: debris"
done
pass "first run killed at rename $(echo $at | tr ' ' ,) of $first: no half folder, then a clean run"
