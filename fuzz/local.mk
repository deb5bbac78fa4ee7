# fuzz/local.mk -- the libFuzzer targets, included by Makefile.am.
#
# Built only by ./configure --enable-fuzzing (CC=clang; Debian:
# libclang-rt-14-dev), which compiles the whole library with
# -fsanitize=fuzzer-no-link (FUZZ_CFLAGS, in AM_CFLAGS) and links these
# targets with -fsanitize=fuzzer (libFuzzer's main). Sources, seed corpora,
# dictionaries and scripts are in every tarball, so make distcheck passes
# with fuzzing on or off. Run them with fuzz/run [SECONDS].

FUZZ_TARGETS = fuzz/fuzz-load fuzz/fuzz-config fuzz/fuzz-fields fuzz/fuzz-chart

if ENABLE_FUZZING
noinst_PROGRAMS = $(FUZZ_TARGETS)
endif

fuzz_fuzz_load_SOURCES = fuzz/fuzz-load.c fuzz/fuzz-file.c fuzz/fuzz-file.h
fuzz_fuzz_load_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
fuzz_fuzz_load_LDADD = libdyad.a $(DEPS_LIBS)

fuzz_fuzz_config_SOURCES = fuzz/fuzz-config.c fuzz/fuzz-file.c fuzz/fuzz-file.h
fuzz_fuzz_config_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
fuzz_fuzz_config_LDADD = libdyad.a $(DEPS_LIBS)

fuzz_fuzz_fields_SOURCES = fuzz/fuzz-fields.c fuzz/fuzz-file.c fuzz/fuzz-file.h
fuzz_fuzz_fields_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
fuzz_fuzz_fields_LDADD = libdyad.a $(DEPS_LIBS)

fuzz_fuzz_chart_SOURCES = fuzz/fuzz-chart.c tests/gallery/chart-bytes.c tests/gallery/chart-bytes.h
fuzz_fuzz_chart_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
fuzz_fuzz_chart_LDADD = libdyad.a $(DEPS_LIBS)

EXTRA_DIST += \
	fuzz/run fuzz/make-seeds.py \
	fuzz/load.dict fuzz/config.dict fuzz/fields.dict fuzz/chart.dict \
	fuzz/corpus

