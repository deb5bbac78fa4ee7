#!/bin/sh
# memory.sh -- peak memory stays nearly flat as rows grow (issue 8) and as
# dyads grow (issue 22): rows are streamed into accumulators, never kept,
# and a dyad's accumulators take memory by distinct value, not by range.
# bench/bench-gen writes 100k- and 1M-visit extracts of 3 dyads (147k and
# 1.47M data rows in the four CSVs, ~13 and ~130 MB) and a 300k-visit one
# of 30 dyads (120 departments); `dyadreport -q -f csv` reads each under
# `/usr/bin/time -f %M` and must use, at 1M visits, less than 16 MiB more
# than at 100k and less than 64 MiB in all; at 30 dyads less than 48 MiB
# in all and less than 1.25 MiB a dyad more than 3 dyads at 100k visits
# (main before issue 22: 61 MiB, 1.7 MiB a dyad), having loaded every row.
# Skipped (77) without /usr/bin/time (Debian package `time`) or in a
# sanitizer build, whose shadow memory is not ours to measure.
. "$top_srcdir/tests/lib/setup.sh"
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time not installed (Debian package time)"; exit 77; }
case "${DR_SAN_CFLAGS:-}" in
*-fsanitize=*) echo "SKIP: sanitizer build ($DR_SAN_CFLAGS)"; exit 77 ;;
esac
: "${BENCH_GEN:?run through make check}"
[ -x "$BENCH_GEN" ] || fail "$BENCH_GEN not built"

GROWTH_MAX=16     # MiB more at 1M visits than at 100k
PEAK_MAX=64       # MiB at 1M visits
DYADS_PEAK_MAX=48 # MiB at 30 dyads, 300k visits
PER_DYAD_MAX=1280 # KiB a dyad more at 30 dyads / 300k than at 3 / 100k

# peak N [DYADS]: generates N visits (of DYADS dyads, default 3), runs
# dyadreport on them, prints peak RSS in KiB.
peak() {
	"$BENCH_GEN" "$1" "$TMP/v$1" ${2:-} || fail "bench-gen $1 ${2:-} failed"
	set +e
	/usr/bin/time -f %M -o "$TMP/rss$1" "$DYADREPORT" -q -f csv -o "$TMP/out$1" "$TMP/v$1/site.ini" \
		> "$TMP/out" 2> "$TMP/err"
	got=$?
	set -e
	[ "$got" -eq 0 ] || { cat "$TMP/err" >&2; fail "dyadreport on $1 visits exited $got"; }
	[ ! -s "$TMP/err" ] || fail "-q printed: $(head -3 "$TMP/err")"
	# The run read every row: data-quality.csv counts them.
	read_rows=$(sed -n 's/^"visits","rows_read","",\([0-9]*\),.*/\1/p' "$TMP/out$1/data-quality.csv")
	[ "$read_rows" = "$1" ] || fail "$1 visits generated, data-quality.csv says ${read_rows:-none} read"
	rm -rf "$TMP/v$1" "$TMP/out$1"
	kib=$(tail -n 1 "$TMP/rss$1")
	case $kib in ''|*[!0-9]*) fail "/usr/bin/time -f %M printed '$kib'" ;; esac
	echo "$kib"
}

small=$(peak 100000)
large=$(peak 1000000)
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "peak RSS: $(mib "$small") MiB at 100k visits, $(mib "$large") MiB at 1M visits" \
	"(+$(mib $((large - small))) MiB for 900k more visits)"

[ "$large" -lt $((small + GROWTH_MAX * 1024)) ] ||
	fail "peak RSS grew by $(mib $((large - small))) MiB from 100k to 1M visits (limit $GROWTH_MAX MiB)"
pass "peak RSS grows by less than $GROWTH_MAX MiB from 100k to 1M visits"
[ "$large" -lt $((PEAK_MAX * 1024)) ] ||
	fail "peak RSS at 1M visits is $(mib "$large") MiB (limit $PEAK_MAX MiB)"
pass "peak RSS at 1M visits is under $PEAK_MAX MiB"

dyads=$(peak 300000 30)
per_dyad=$(( (dyads - small) / 27 ))
echo "peak RSS: $(mib "$dyads") MiB at 30 dyads (300k visits)," \
	"$(mib "$per_dyad") MiB a dyad more than 3 dyads at 100k visits"
[ "$dyads" -lt $((DYADS_PEAK_MAX * 1024)) ] ||
	fail "peak RSS at 30 dyads is $(mib "$dyads") MiB (limit $DYADS_PEAK_MAX MiB)"
pass "peak RSS at 30 dyads is under $DYADS_PEAK_MAX MiB"
[ "$per_dyad" -lt "$PER_DYAD_MAX" ] ||
	fail "peak RSS grows by $(mib "$per_dyad") MiB a dyad (limit $PER_DYAD_MAX KiB)"
pass "peak RSS grows by less than $PER_DYAD_MAX KiB a dyad"
