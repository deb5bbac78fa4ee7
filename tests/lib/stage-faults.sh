# stage-faults.sh -- sourced (after setup.sh) by the tests that break a run
# part-way (tests/cli/stage-kill.sh, tests/cli/stage-full.sh and their
# exhaustive forms in tests/faults/): builds the LD_PRELOAD shim
# (tests/inject/inject-io.c), a two-dyad site, and two reference outputs of
# the same folder: OLD (September, plus a town-hall packet of oncology in
# its subfolder) and NEW (October run over OLD). Then:
#   fresh_out          OUT becomes a copy of OLD
#   one_month WHAT     every dyad folder of OUT is OLD's or NEW's, whole
#                      (names and cksums of all it holds), or missing with
#                      OLD's whole beside it as .dyadreport-previous.<dyad>
#                      (no atomic exchange), and each root file is OLD's
#                      or NEW's
#   same_as_old WHAT   OUT is OLD byte for byte, nothing added
#   next_run_ok WHAT   an October run on OUT exits 0, OUT is then NEW
#                      exactly, with no staging area, previous folder or
#                      temporary file left
# DR_FAULTS=all (make check-faults) asks the caller for every fault point
# instead of a sample. FORMATS sets the site's formats.
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "SKIP: no C compiler for the shim"; exit 77; }
"$CC" -shared -fPIC -o "$TMP/inject-io.so" "$top_srcdir/tests/inject/inject-io.c" -ldl \
	|| { echo "SKIP: cannot build the LD_PRELOAD shim"; exit 77; }
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
FAULTS=${DR_FAULTS:-sample}

# Two dyads (oncology, surgery), so a run can publish one and not the other.
SITE="$TMP/site"
mkdir -p "$SITE"
cp "$SAMPLE"/*.csv "$SITE/"
sed -e '/^\[dyad primary-care\]/,/^$/d' -e '/^dyads = primary-care/d' \
	-e "s/^formats = .*/formats = ${FORMATS:-pdf, png, csv}/" "$SAMPLE/site.ini" > "$SITE/site.ini"
OLD="$TMP/old" NEW="$TMP/new" OUT="$TMP/o"
expect_exit 0 "$DYADREPORT" -q -p 2026-09 -o "$OLD" "$SITE/site.ini"
expect_exit 0 "$DYADREPORT" -q -p 2026-09 -t town-hall -d oncology -o "$OLD" "$SITE/site.ini"
cp -a "$OLD" "$NEW"
expect_exit 0 "$DYADREPORT" -q -p 2026-10 -o "$NEW" "$SITE/site.ini"
DYADS="oncology surgery"

# listing DIR: every entry below DIR (hidden ones too), files with cksums.
listing() {
	(cd "$1" && find . -mindepth 1 ! -type f | sort && find . -type f -exec cksum {} + | sort -k3)
}
for d in $DYADS; do
	listing "$OLD/$d" > "$TMP/old.$d"
	listing "$NEW/$d" > "$TMP/new.$d"
	! cmp -s "$TMP/old.$d" "$TMP/new.$d" || fail "$d: September and October have the same files"
done
grep -q " \./town-hall/packet.pdf$" "$TMP/old.oncology" || fail "no town-hall packet in the reference"
grep -q " \./town-hall/packet.pdf$" "$TMP/new.oncology" || fail "October run dropped the town-hall folder"
cmp -s "$OLD/oncology/town-hall/packet.pdf" "$NEW/oncology/town-hall/packet.pdf" \
	|| fail "October run changed the town-hall packet"
listing "$OLD" > "$TMP/old.all"
listing "$NEW" > "$TMP/new.all"

fresh_out() { rm -rf "$OUT"; cp -a "$OLD" "$OUT"; }

one_month() {
	for d in $DYADS; do
		if [ ! -e "$OUT/$d" ] && [ -d "$OUT/.dyadreport-previous.$d" ]; then
			# Killed between the two renames of a swap without atomic
			# exchange: the old folder waits beside it, whole, for
			# the next run to put it back.
			listing "$OUT/.dyadreport-previous.$d" | cmp -s - "$TMP/old.$d" ||
				fail "$1: $d's previous folder is not the old month whole"
			continue
		fi
		[ -d "$OUT/$d" ] || fail "$1: $d folder missing"
		listing "$OUT/$d" > "$TMP/got.$d"
		cmp -s "$TMP/got.$d" "$TMP/old.$d" || cmp -s "$TMP/got.$d" "$TMP/new.$d" || {
			diff "$TMP/old.$d" "$TMP/got.$d" >&2
			fail "$1: $d mixes two months"
		}
	done
	for f in index.html data-quality.csv; do
		cmp -s "$OUT/$f" "$OLD/$f" || cmp -s "$OUT/$f" "$NEW/$f" || fail "$1: $f neither month's"
	done
}

same_as_old() {
	listing "$OUT" > "$TMP/got.all"
	diff "$TMP/old.all" "$TMP/got.all" >&2 || fail "$1: output changed or debris left"
}

next_run_ok() {
	expect_exit 0 "$DYADREPORT" -q -p 2026-10 -o "$OUT" "$SITE/site.ini"
	listing "$OUT" > "$TMP/got.all"
	diff "$TMP/new.all" "$TMP/got.all" >&2 || fail "$1: the next run left debris or other files"
}

# faulty [VAR=VALUE...] "$DYADREPORT" [OPTION...]: an October run on OUT
# under the shim, with the shim's variables and dyadreport's options
# given; sets $got to its exit status (137 when killed), stderr in
# $TMP/err.
faulty() {
	rm -f "$TMP/count".*
	set +e
	# In a subshell whose own stderr is dropped: bash reports "Killed"
	# for each kill on it, which is the point of the test, not news.
	(env LD_PRELOAD="$TMP/inject-io.so" DR_INJECT_COUNT="$TMP/count" "$@" \
		-q -p 2026-10 -o "$OUT" "$SITE/site.ini" >"$TMP/out" 2>"$TMP/err"; exit $?) 2>/dev/null
	got=$?
	set -e
}

# counts (as faulty): how many renames and files an October run over a
# copy of OLD makes with no fault: sets $renames and $files.
counts() {
	fresh_out
	faulty "$@"
	[ "$got" -eq 0 ] || { cat "$TMP/err" >&2; fail "counting run exited $got"; }
	renames=$(wc -c < "$TMP/count.rename")
	files=$(wc -c < "$TMP/count.file")
}
