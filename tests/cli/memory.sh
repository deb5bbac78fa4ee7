#!/bin/sh
# memory.sh -- peak memory stays nearly flat as rows grow (issue 8): rows
# are streamed into accumulators, never kept. bench/bench-gen writes 100k-
# and 1M-visit extracts (147k and 1.47M data rows in the four CSVs,
# ~13 and ~130 MB); `dyadreport -q -f csv` reads each under
# `/usr/bin/time -f %M` and must use, at 1M visits, less than 16 MiB more
# than at 100k and less than 64 MiB in all, having loaded every row.
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

# peak N: generates N visits, runs dyadreport on them, prints peak RSS in KiB.
peak() {
	"$BENCH_GEN" "$1" "$TMP/v$1" || fail "bench-gen $1 failed"
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
