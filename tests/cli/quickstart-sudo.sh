#!/bin/sh
# quickstart-sudo.sh -- quickstart.sh's package step (build-aux/need-packages.sh)
# with fake dpkg-query, id, sudo and apt-get first on a PATH that holds
# nothing else of use: as root apt-get runs itself; as a user with a working
# sudo it runs through sudo (with DEBIAN_FRONTEND passed through sudo's
# reset environment); with no sudo, or a sudo that needs a password and no
# terminal to ask on, the exact apt-get install line of the missing packages
# is printed and the script exits 1 before building; at a terminal sudo -v
# asks once; with nothing missing neither sudo nor apt-get runs and the
# build goes on. Every command the fakes see is logged and compared whole.
. "$top_srcdir/tests/lib/setup.sh"

TREE="$TMP/tree"
BIN="$TMP/bin"
LOG="$TMP/log"
mkdir -p "$TREE/build-aux" "$BIN"
cp "$top_srcdir/quickstart.sh" "$TREE/"
cp "$top_srcdir/build-aux/need-packages.sh" "$TREE/build-aux/"
export LOG

# The few real tools the scripts use besides the fakes.
for tool in dirname grep env chmod mkdir; do
	real=$(command -v "$tool") || fail "no $tool"
	ln -s "$real" "$BIN/$tool"
done
fake() { { echo '#!/bin/sh'; cat; } > "$BIN/$1"; chmod +x "$BIN/$1"; }
# dpkg-query -W -f=... PKG: installed unless PKG is in $FAKE_MISSING.
fake dpkg-query <<'EOF'
for pkg; do :; done
for m in $FAKE_MISSING; do
	[ "$m" != "$pkg" ] || { echo "dpkg-query: no packages found matching $pkg" >&2; exit 1; }
done
echo "install ok installed"
EOF
fake id <<'EOF'
[ "$1" = -u ] && echo "$FAKE_UID"
EOF
# sudo -n true: $FAKE_SUDO_N; sudo -v (asks for the password): $FAKE_SUDO_V;
# sudo CMD: runs CMD.
fake_sudo() {
	fake sudo <<'EOF'
echo "sudo $*" >> "$LOG"
case $1 in
-n) exit "$FAKE_SUDO_N" ;;
-v) exit "$FAKE_SUDO_V" ;;
esac
exec "$@"
EOF
}
fake_sudo
fake apt-get <<'EOF'
echo "apt-get $* [DEBIAN_FRONTEND=${DEBIAN_FRONTEND-}]" >> "$LOG"
exit "${FAKE_APT_STATUS:-0}"
EOF
# The build: autoreconf makes a configure that makes a Makefile; make makes
# a dyadreport that makes sample-out/oncology.
fake autoreconf <<'EOF'
echo "autoreconf $*" >> "$LOG"
printf '#!/bin/sh\necho "configure $*" >> "$LOG"; echo all: > Makefile\n' > configure
chmod +x configure
EOF
fake make <<'EOF'
echo "make $*" >> "$LOG"
printf '#!/bin/sh\necho "dyadreport $*" >> "$LOG"; mkdir -p sample-out/oncology\n' > dyadreport
chmod +x dyadreport
EOF

# quickstart WANT UID SUDO_N SUDO_V MISSING [ARG]: runs the copy with stdin
# not a terminal; fails unless it exits WANT. Its stdout and stderr are in
# $TMP/out and $TMP/err, the fakes' log in $LOG.
quickstart() {
	want=$1 uid=$2 sudo_n=$3 sudo_v=$4 missing=$5
	shift 5
	rm -f "$LOG" "$TREE/configure" "$TREE/Makefile" "$TREE/dyadreport"
	rm -rf "$TREE/sample-out"
	: > "$LOG"
	set +e
	env -u DEBIAN_FRONTEND PATH="$BIN" FAKE_UID="$uid" FAKE_SUDO_N="$sudo_n" FAKE_SUDO_V="$sudo_v" \
		FAKE_MISSING="$missing" "$TREE/quickstart.sh" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
	got=$?
	set -e
	[ "$got" -eq "$want" ] || { cat "$TMP/err" >&2; fail "quickstart.sh $* (uid $uid) exited $got, want $want"; }
}
# log_is LINES...: the fakes saw exactly these commands, in this order (none
# when no LINES).
log_is() {
	: > "$TMP/want-log"
	[ $# -eq 0 ] || printf '%s\n' "$@" > "$TMP/want-log"
	diff "$TMP/want-log" "$LOG" >&2 || fail "$what: commands run differ"
}
UPDATE_ROOT="apt-get update -qq [DEBIAN_FRONTEND=]"
INSTALL_2="apt-get install -y -qq --no-install-recommends libcsv-dev qpdf [DEBIAN_FRONTEND=noninteractive]"
BUILD="autoreconf -fi
configure --quiet
make -j2
dyadreport -o sample-out sample-data/site.ini"
LINE="apt-get update && apt-get install --no-install-recommends libcsv-dev qpdf"

what="root"
quickstart 0 0 1 1 "libcsv-dev qpdf" --deps-only
log_is "$UPDATE_ROOT" "$INSTALL_2"
grep -qx "quickstart: installing: libcsv-dev qpdf" "$TMP/out" || fail "root: says what it installs: $(cat "$TMP/out")"
quickstart 0 0 1 1 "libcsv-dev qpdf"
log_is "$UPDATE_ROOT" "$INSTALL_2" "$BUILD"
pass "root: apt-get runs itself, for the 2 missing packages only, then the build"

what="user with sudo"
quickstart 0 1000 0 1 "libcsv-dev qpdf" --deps-only
log_is "sudo -n true" "sudo apt-get update -qq" "$UPDATE_ROOT" \
	"sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libcsv-dev qpdf" \
	"$INSTALL_2"
grep -qx "quickstart: installing: libcsv-dev qpdf (with sudo)" "$TMP/out" || fail "sudo: message: $(cat "$TMP/out")"
pass "user with a working sudo: sudo apt-get, DEBIAN_FRONTEND passed through sudo"

what="user without sudo"
rm "$BIN/sudo"
quickstart 1 1000 0 0 "libcsv-dev qpdf"
log_is
if [ -e "$TREE/configure" ] || [ -e "$TREE/sample-out" ]; then fail "without sudo the build ran"; fi
grep -qx "quickstart: missing Debian packages: libcsv-dev qpdf" "$TMP/err" || fail "no sudo: $(cat "$TMP/err")"
grep -qx "quickstart: installing them needs root, and sudo is not installed." "$TMP/err" \
	|| fail "no sudo: why: $(cat "$TMP/err")"
grep -qx "quickstart: run this as root, then run $TREE/quickstart.sh again:" "$TMP/err" \
	|| fail "no sudo: what to do: $(cat "$TMP/err")"
grep -qxF "$LINE" "$TMP/err" || fail "no sudo: the exact apt-get line: $(cat "$TMP/err")"
[ ! -s "$TMP/out" ] || fail "no sudo: stdout: $(cat "$TMP/out")"
pass "no sudo: the exact apt-get install line on stderr, exit 1, no build"
fake_sudo

what="sudo needs a password, no terminal"
quickstart 1 1000 1 0 "libcsv-dev qpdf"
log_is "sudo -n true"
grep -qx "quickstart: installing them needs root, and sudo needs a password and there is no terminal to ask for it on." \
	"$TMP/err" || fail "sudo -n fails: why: $(cat "$TMP/err")"
grep -qxF "$LINE" "$TMP/err" || fail "sudo -n fails: the exact apt-get line: $(cat "$TMP/err")"
[ ! -e "$TREE/configure" ] || fail "sudo -n fails: the build ran"
pass "sudo that needs a password, no terminal: the line, exit 1, no password prompt, no build"

what="nothing missing"
quickstart 0 1000 0 0 "" --deps-only
log_is
quickstart 0 1000 0 0 ""
log_is "$BUILD"
[ -d "$TREE/sample-out/oncology" ] || fail "nothing missing: no sample-out"
pass "nothing missing: no sudo, no apt-get, the build runs"

what="apt-get fails"
FAKE_APT_STATUS=100 quickstart 1 0 1 1 "qpdf"
log_is "$UPDATE_ROOT"
grep -qx "quickstart: apt-get could not install: qpdf" "$TMP/err" || fail "apt-get fails: $(cat "$TMP/err")"
[ ! -e "$TREE/configure" ] || fail "apt-get failed, yet the build ran"
pass "apt-get failing: exit 1 before building"

what="bad argument"
quickstart 2 0 0 0 "qpdf" --deps
log_is
grep -q "usage: .*quickstart.sh \[--deps-only\]" "$TMP/err" || fail "usage: $(cat "$TMP/err")"
pass "an unknown argument: usage, exit 2, nothing installed"

# At a terminal, sudo -v asks for the password once: granted, then sudo
# apt-get; refused, the line and exit 1. script(1) gives the terminal.
if script=$(command -v script); then
	what="terminal, password given"
	for v in 0 1; do
		: > "$LOG"
		set +e
		env -u DEBIAN_FRONTEND PATH="$BIN" SHELL=/bin/sh FAKE_UID=1000 FAKE_SUDO_N=1 FAKE_SUDO_V=$v \
			FAKE_MISSING=qpdf "$script" -qec "$TREE/quickstart.sh --deps-only" /dev/null \
			</dev/null >"$TMP/out" 2>&1
		got=$?
		set -e
		if [ "$v" -eq 0 ]; then
			[ "$got" -eq 0 ] || { cat "$TMP/out" >&2; fail "terminal, sudo -v ok: exited $got"; }
			grep -q "needs root; sudo asks for your password" "$TMP/out" || fail "tty: $(cat "$TMP/out")"
			log_is "sudo -n true" "sudo -v" "sudo apt-get update -qq" "$UPDATE_ROOT" \
				"sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qpdf" \
				"apt-get install -y -qq --no-install-recommends qpdf [DEBIAN_FRONTEND=noninteractive]"
		else
			what="terminal, password refused"
			[ "$got" -eq 1 ] || { cat "$TMP/out" >&2; fail "terminal, sudo -v refused: exited $got"; }
			log_is "sudo -n true" "sudo -v"
			grep -q "and sudo did not let you in" "$TMP/out" || fail "tty refused: $(cat "$TMP/out")"
			grep -qF "apt-get update && apt-get install --no-install-recommends qpdf" "$TMP/out" \
				|| fail "tty refused: no line: $(cat "$TMP/out")"
		fi
	done
	pass "at a terminal sudo -v asks once: granted, sudo apt-get; refused, the line and exit 1"
else
	echo "# no script(1): the terminal cases are not run"
fi
