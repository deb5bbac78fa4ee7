# bench/local.mk -- the benchmark harness (issue 8), included by Makefile.am.
#
# `make bench` builds dyadreport, bench/bench-gen and bench/csv-floor, then
# runs bench/run from the build tree (bench/run says what it measures and
# how; BENCH_SIZES, BENCH_RUNS and BENCH_DATA tune it). Neither `make` nor
# `make check` runs the benchmark: bench/csv-floor is an EXTRA_PROGRAMS,
# built only here, and bench/bench-gen is a check_PROGRAMS because
# tests/cli/memory.sh generates its extracts with it. Sources and the
# script are in every tarball, so `make bench` works from one too.
# `make bench-packets` is at the end of this file.

check_PROGRAMS += bench/bench-gen
EXTRA_PROGRAMS = bench/csv-floor

bench_bench_gen_SOURCES = bench/bench-gen.c
bench_bench_gen_LDADD =

bench_csv_floor_SOURCES = bench/csv-floor.c
bench_csv_floor_LDADD = $(CSV_LIBS)

CLEANFILES = $(EXTRA_PROGRAMS)
EXTRA_DIST += bench/run

.PHONY: bench
bench: dyadreport$(EXEEXT) bench/bench-gen$(EXEEXT) bench/csv-floor$(EXEEXT)
	DYADREPORT_TEMPLATES='$(abs_top_srcdir)/templates' \
	BENCH_SRCDIR='$(abs_top_srcdir)' \
	$(SHELL) '$(srcdir)/bench/run'

# `make bench-packets [BEFORE=old/dyadreport]`: the sample packets' bytes
# and render times (bench/packet-cost), beside another build's when BEFORE
# names its binary; PACKET_COST_RUNS sets the runs (default 5).
EXTRA_DIST += bench/packet-cost
.PHONY: bench-packets
bench-packets: dyadreport$(EXEEXT)
	'$(srcdir)/bench/packet-cost' $(BEFORE) ./dyadreport$(EXEEXT)
