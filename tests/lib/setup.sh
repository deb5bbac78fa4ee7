# setup.sh -- sourced by every shell test: strict mode, a fixed locale and
# clock, a scratch folder removed on exit, and helpers to fail with a reason.
# Expects DYADREPORT, top_srcdir (set by Makefile.am's AM_TESTS_ENVIRONMENT).
set -eu
export LC_ALL=C TZ=UTC
: "${SOURCE_DATE_EPOCH:=1700000000}"
export SOURCE_DATE_EPOCH
: "${DYADREPORT:?run through make check}"
: "${top_srcdir:?run through make check}"
SAMPLE="$top_srcdir/sample-data"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyadreport-cli-XXXXXX")
trap 'rm -rf "$TMP"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
# skip_unless CMD: exit 77 (automake's skip) when a checking tool is missing.
skip_unless() { command -v "$1" >/dev/null 2>&1 || { echo "SKIP: $1 not installed"; exit 77; }; }
# expect_exit N CMD...: runs CMD, fails unless it exits with N.
expect_exit() {
	want=$1; shift
	set +e; "$@" >"$TMP/out" 2>"$TMP/err"; got=$?; set -e
	[ "$got" -eq "$want" ] || { cat "$TMP/err" >&2; fail "$* exited $got, want $want"; }
}
