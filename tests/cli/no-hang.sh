#!/bin/sh
# no-hang.sh -- inputs that would hang an unattended run end it instead:
# an extract that is a FIFO, /dev/zero, a folder or a socket exits 3 at once
# naming the file and what it is (also with --check); a config or template
# that is a FIFO or /dev/zero exits 2; an extract whose open() or read()
# blocks exits 3 after DYADREPORT_READ_TIMEOUT seconds, while one that is
# slow but moving is read whole; one that grows or shrinks while read exits
# 3, as does a /proc file. Nothing is written in any of these cases. spc
# still reads a pipe. The open() and read() faults come from
# tests/inject/inject-stall.c.
. "$top_srcdir/tests/lib/setup.sh"

mkdir -p "$TMP/site"
cp "$SAMPLE"/*.csv "$SAMPLE/site.ini" "$TMP/site/"
INI="$TMP/site/site.ini"
RUN="$DYADREPORT -f csv -d oncology"
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# refused KIND MESSAGE: denials.csv is KIND; the run and --check exit 3
# (a hang would be ended by timeout: exit 124).
refused() {
	for mode in run check; do
		if [ "$mode" = run ]; then
			expect_exit 3 timeout 60 $RUN -o "$TMP/o" "$INI"
		else
			expect_exit 3 timeout 60 $RUN --check "$INI"
		fi
		grep -qx "dyadreport: denials.csv: is $2, not a regular file" "$TMP/err" ||
			fail "$1 ($mode) message: $(cat "$TMP/err")"
		[ ! -e "$TMP/o" ] || fail "$1 ($mode): something was written"
	done
}

rm "$TMP/site/denials.csv"
mkfifo "$TMP/site/denials.csv"
refused FIFO "a FIFO (named pipe)"
rm "$TMP/site/denials.csv"
ln -s /dev/zero "$TMP/site/denials.csv"
refused /dev/zero "a character device"
rm "$TMP/site/denials.csv"
mkdir "$TMP/site/denials.csv"
refused folder "a directory"
rmdir "$TMP/site/denials.csv"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$TMP/site/denials.csv"
	refused socket "a socket"
	rm "$TMP/site/denials.csv"
fi
cp "$SAMPLE/denials.csv" "$TMP/site/"
pass "FIFO, /dev/zero, folder and socket extracts exit 3 at once"

# A config or a template that is not a regular file: exit 2, never a hang.
mkfifo "$TMP/fifo.ini"
expect_exit 2 timeout 60 "$DYADREPORT" "$TMP/fifo.ini"
grep -qx "dyadreport: $TMP/fifo.ini: cannot read config: not a regular file" "$TMP/err" ||
	fail "FIFO config message: $(cat "$TMP/err")"
expect_exit 2 timeout 60 $RUN -t /dev/zero -o "$TMP/o" "$INI"
grep -qx "dyadreport: /dev/zero: cannot read template: not a regular file" "$TMP/err" ||
	fail "/dev/zero template message: $(cat "$TMP/err")"
expect_exit 2 timeout 60 $RUN -t "$TMP/fifo.ini" -o "$TMP/o" "$INI"
grep -q "fifo.ini: cannot read template: not a regular file" "$TMP/err" ||
	fail "FIFO template message: $(cat "$TMP/err")"
[ ! -e "$TMP/o" ] || fail "a refused template let files be written"
pass "FIFO and /dev/zero config or template exit 2"

# A /proc file: regular, of size 0, yet with data: refused, exit 3.
sed 's#^denials = .*#denials = /proc/self/status#' "$SAMPLE/site.ini" > "$TMP/site/proc.ini"
expect_exit 3 timeout 60 $RUN -o "$TMP/o" "$TMP/site/proc.ini"
grep -qx "dyadreport: /proc/self/status: has a size of 0 bytes yet gives data (a /proc or other special file?): not a regular extract" "$TMP/err" ||
	fail "/proc message: $(cat "$TMP/err")"
[ ! -e "$TMP/o" ] || fail "a /proc extract let files be written"
pass "a /proc extract exits 3"

expect_exit 2 env DYADREPORT_READ_TIMEOUT=soon $RUN -o "$TMP/o" "$INI"
grep -qx "dyadreport: DYADREPORT_READ_TIMEOUT must be a number of seconds above 0" "$TMP/err" ||
	fail "bad timeout message: $(cat "$TMP/err")"
expect_exit 2 env DYADREPORT_READ_TIMEOUT=0 $RUN -o "$TMP/o" "$INI"

# The read() faults, through the shim.
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: no C compiler for the shim"; exit 77; }
"$CC" -shared -fPIC -o "$TMP/stall.so" "$top_srcdir/tests/inject/inject-stall.c" -ldl \
	|| { echo "SKIP: cannot build the LD_PRELOAD shim"; exit 77; }
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
shim() { env LD_PRELOAD="$TMP/stall.so" DR_INJECT_READ_FILE=/burnout.csv "$@"; }

# A read() that never returns, at the start and part-way: exit 3 after the
# timeout, the file named, nothing written.
for after in 0 65536; do
	t0=$(ms)
	expect_exit 3 shim DR_INJECT_READ_STALL_AFTER=$after DYADREPORT_READ_TIMEOUT=1 \
		timeout 60 $RUN -o "$TMP/o" "$INI"
	t1=$(ms)
	[ $((t1 - t0)) -ge 1000 ] || fail "stall after $after: exit 3 after $((t1 - t0)) ms, before the timeout"
	grep -qx "dyadreport: burnout.csv: no data for 1 s: the read is stuck (a network drive that stopped answering?); giving up (DYADREPORT_READ_TIMEOUT)" "$TMP/err" ||
		fail "stall message: $(cat "$TMP/err")"
	[ ! -e "$TMP/o" ] || fail "a stalled read let files be written"
done
# An open() that never returns (a dead mount hangs it too), with --check.
expect_exit 3 shim DR_INJECT_OPEN_STALL=1 DYADREPORT_READ_TIMEOUT=1 timeout 60 $RUN --check "$INI"
grep -qx "dyadreport: burnout.csv: no answer for 1 s: opening it is stuck (a network drive that stopped answering?); giving up (DYADREPORT_READ_TIMEOUT)" "$TMP/err" ||
	fail "open stall message: $(cat "$TMP/err")"
expect_exit 3 shim DR_INJECT_READ_STALL_AFTER=0 DYADREPORT_READ_TIMEOUT=0.5 timeout 60 $RUN --check "$INI"
grep -q "burnout.csv: no data for 0.5 s" "$TMP/err" || fail "--check stall: $(cat "$TMP/err")"
pass "an open() or read() that blocks ends the run with exit 3"

# Slow but moving: three reads of 500 ms each under a 2 s timeout, read whole.
expect_exit 0 $RUN -o "$TMP/ref" "$INI"
expect_exit 0 shim DR_INJECT_READ_DELAY_MS=500 DYADREPORT_READ_TIMEOUT=2 timeout 60 $RUN -o "$TMP/slow" "$INI"
cmp -s "$TMP/ref/oncology/metrics.csv" "$TMP/slow/oncology/metrics.csv" || fail "slow read: other metrics"
pass "a slow read that moves is not cut"

# Written to while read: grows at every read, or is cut before the first.
cp "$SAMPLE/burnout.csv" "$TMP/burnout.orig"
expect_exit 3 shim DR_INJECT_READ_GROW=x timeout 60 $RUN -o "$TMP/o" "$INI"
grep -qx "dyadreport: burnout.csv: grew past its size of $(wc -c < "$TMP/burnout.orig") bytes while it was read: is it still being written? run again once it is complete" "$TMP/err" ||
	fail "growing message: $(cat "$TMP/err")"
cp "$TMP/burnout.orig" "$TMP/site/burnout.csv"
expect_exit 3 shim DR_INJECT_READ_TRUNCATE=1000 timeout 60 $RUN -o "$TMP/o" "$INI"
grep -qx "dyadreport: burnout.csv: shrank from $(wc -c < "$TMP/burnout.orig") to 1000 bytes while it was read: is it being rewritten? run again once it is complete" "$TMP/err" ||
	fail "shrinking message: $(cat "$TMP/err")"
[ ! -e "$TMP/o" ] || fail "a file changed while read let files be written"
pass "an extract that grows or shrinks while read exits 3"

# spc reads a pipe and its standard input as before.
printf 'period,y\n2026-01,3\n2026-02,4\n2026-03,5\n' > "$TMP/series.csv"
cat "$TMP/series.csv" | "$DYADREPORT" spc > "$TMP/spc-pipe" 2>"$TMP/err" || fail "spc from a pipe: $(cat "$TMP/err")"
"$DYADREPORT" spc "$TMP/series.csv" > "$TMP/spc-file" 2>"$TMP/err" || fail "spc from a file"
cmp -s "$TMP/spc-pipe" "$TMP/spc-file" || fail "spc: a pipe reads otherwise than a file"
expect_exit 3 timeout 60 "$DYADREPORT" spc /dev/zero
grep -qx "dyadreport: /dev/zero: is a character device, not a regular file" "$TMP/err" ||
	fail "spc /dev/zero: $(cat "$TMP/err")"
pass "spc reads a pipe, refuses /dev/zero"
pass no-hang
