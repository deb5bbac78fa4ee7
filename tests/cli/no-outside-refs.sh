#!/bin/sh
# no-outside-refs.sh -- the project is self-contained: no shipped file
# sends the reader to a file outside it (a "shared" folder beside the
# project, the product spec's Markdown files), and none names a path of a
# build machine (a home or work folder, a scratch folder under /tmp, the
# root's home), in:
#   - the source tree: `git ls-files` in a git checkout, else every file
#     under top_srcdir (so inside `make distcheck` it is the tarball's);
#   - a dist tarball beside the build, when one is there (else skipped);
#   - the installed files: the man pages, templates and guide as they are
#     in the tree, and the built program, whose debug information must
#     name its source folder as "." (Makefile.am's PREFIX_MAP_CFLAGS).
# doc/guide.md must not copy the reference tables of dyadreport.ini(5):
# it lists no extract's default columns.
# The patterns are written so that this file does not match them itself.
. "$top_srcdir/tests/lib/setup.sh"

# Files that may hold such text on purpose, each with why:
#   tests/unit/test-config-lines.c  hostile config lines (a passwd entry with
#                                   a home folder) that must never be echoed
allowed='tests/unit/test-config-lines.c'

# forbidden FILE...: prints the lines of FILE... that point outside the
# project. Lines making a fresh scratch folder (mktemp) are fine.
forbidden() {
	grep -InE '\.\./shared|(SPEC|INPUTS|LIBRARIES|STYLE|SPC)[.]md|/(work|home|root|Users)/|/tmp/[A-Za-z0-9]' "$@" |
		grep -v 'mktemp' || true
}

# scan DIR LIST: checks the files named in LIST (relative to DIR).
scan() {
	: > "$TMP/hits"
	while IFS= read -r f; do
		case " $allowed " in *" $f "*) continue ;; esac
		[ -f "$1/$f" ] || continue
		forbidden "$1/$f" | sed "s|^|$f:|" >> "$TMP/hits"
	done < "$2"
	if [ -s "$TMP/hits" ]; then
		cut -c1-200 "$TMP/hits" >&2
		return 1
	fi
}

# 1. The source tree.
if git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
   git -C "$top_srcdir" ls-files > "$TMP/files" 2>/dev/null && [ -s "$TMP/files" ]; then
	what="git ls-files"
else
	# No git (make distcheck, an unpacked tarball): every file of the tree,
	# less what a build adds: a build folder inside it (one holding a
	# config.status, as make distcheck's _build/sub) and, in a build in the
	# tree itself, the files configure and make write, which name the
	# build's own folders by design.
	(cd "$top_srcdir" && find . -mindepth 2 -name config.status | sed 's|^\./||; s|/config.status$||') > "$TMP/builds"
	(cd "$top_srcdir" && find . -type f ! -path './.git/*' ! -path './autom4te.cache/*' | sed 's|^\./||') |
		grep -vxE 'config\.(log|status|h)|Makefile|stamp-h1|test-suite\.log|.*\.(log|trs|o|a)|tests/(tmp|gallery-out)/.*' |
		while IFS= read -r f; do
			inbuild=no
			while IFS= read -r b; do
				case "$f" in "$b"/*) inbuild=yes ;; esac
			done < "$TMP/builds"
			[ "$inbuild" = yes ] || echo "$f"
		done > "$TMP/files"
	what="every file under the source tree, less build products"
fi
n=$(wc -l < "$TMP/files")
[ "$n" -ge 100 ] || fail "only $n files found ($what): the listing is broken"
scan "$top_srcdir" "$TMP/files" || fail "files in the source tree point outside it (above)"
pass "none of $n files ($what) points outside the project"

# The check finds what it looks for.
printf 'see ../%s/%s.md\nin /%s/someone/x\nat /%s/build7/y\n' shared SPEC home tmp > "$TMP/bad"
[ "$(forbidden "$TMP/bad" | wc -l)" -eq 3 ] || fail "the patterns miss a planted reference"
printf 'TMP=$(mktemp -d /%s/x-XXXXXX)\nshared drive, %s\n' tmp SPC.py > "$TMP/good"
[ -z "$(forbidden "$TMP/good")" ] || fail "the patterns flag a fresh scratch folder"
pass "the patterns find planted references and pass a mktemp line"

# 2. This version's dist tarball, when one was made (make dist); a tarball
# of an earlier version left in the folder is not ours to judge. Inside
# make distcheck the tree scanned in 1 is the tarball's own content.
tarball=${DR_DIST_TARBALL-}
if [ -n "$tarball" ] && [ -f "$tarball" ]; then
	mkdir "$TMP/dist"
	tar -xzf "$tarball" -C "$TMP/dist"
	top=$(ls "$TMP/dist")
	(cd "$TMP/dist/$top" && find . -type f | sed 's|^\./||') > "$TMP/dist-files"
	scan "$TMP/dist/$top" "$TMP/dist-files" || fail "$(basename "$tarball") points outside itself (above)"
	pass "none of the $(wc -l < "$TMP/dist-files") files of $(basename "$tarball") points outside it"
else
	echo "note: no dist tarball of this version in the build folder: its check is skipped"
fi

# 3. What make install puts in place: the program, the man pages, the
# templates and the guide (the last three are checked as source above).
if command -v readelf >/dev/null 2>&1; then
	readelf --debug-dump=info "$DYADREPORT" 2>/dev/null | grep 'DW_AT_comp_dir' |
		sed 's/.*): //; s/.*DW_AT_comp_dir *: *//' | sort -u > "$TMP/comp-dirs"
	if grep -qxF "$top_srcdir" "$TMP/comp-dirs" || grep -qxF "$(cd "$builddir" && pwd)" "$TMP/comp-dirs"; then
		fail "dyadreport's debug information names its build folder: $(tr '\n' ' ' < "$TMP/comp-dirs")"
	fi
	pass "dyadreport's debug information names no build folder"
else
	echo "note: readelf not installed: the program's debug information is not checked"
fi

# 4. The guide holds no copy of the reference tables: for each extract, at
# most half of its default columns whose names cannot be plain words (those
# with a "_", as dyadreport.ini(5), EXTRACTS, lists them) may be named in
# doc/guide.md; a table of them would name them all.
guide="$top_srcdir/doc/guide.md"
[ -s "$guide" ] || fail "doc/guide.md missing"
sed -n '/^\.SH EXTRACTS/,/^\.SH /p' "$top_srcdir/doc/dyadreport.ini.5" |
	awk '/^\.SS "(visits|denials|handoffs|burnout)"/ { split($0, q, "\""); ex = q[2] }
	     /^\.SS "Rows/ { ex = "" }
	     ex != "" && /^\.BR [a-z]+_[a-z_]+ " \(/ { print ex, $2 }' > "$TMP/columns"
[ "$(wc -l < "$TMP/columns")" -ge 20 ] || fail "found only $(wc -l < "$TMP/columns") columns in dyadreport.ini.5"
for ex in visits denials handoffs burnout; do
	total=$(grep -c "^$ex " "$TMP/columns")
	named=0
	for col in $(sed -n "s/^$ex //p" "$TMP/columns"); do
		grep -qw -- "$col" "$guide" && named=$((named + 1))
	done
	[ $((named * 2)) -le "$total" ] ||
		fail "doc/guide.md names $named of the $total $ex columns: the column reference belongs in dyadreport.ini(5) only"
done
grep -q 'dyadreport\.ini(5)' "$guide" || fail "doc/guide.md does not point to dyadreport.ini(5)"
pass "doc/guide.md copies no column table and points to dyadreport.ini(5)"
