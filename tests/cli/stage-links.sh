#!/bin/sh
# stage-links.sh -- what a run finds in the output root is never followed
# out of it: a symbolic link at a dyad's folder is replaced by the folder
# (a warning naming it), what it pointed to untouched; a file there stops
# the run before anything is published; leftovers of runs cut short are
# removed (a swap cut short is put back first), but a symbolic link that
# looks like one is never followed; other templates' subfolders and links
# in them survive a run, and folders keep their mode; the summary line
# names the output root resolved
# (output = ../../x leaves the config's folder: allowed, and said).
. "$top_srcdir/tests/lib/setup.sh"

SITE="$TMP/a/b/site"
mkdir -p "$SITE"
cp "$SAMPLE"/*.csv "$SITE/"
sed -e '/^\[dyad primary-care\]/,/^$/d' -e '/^dyads = primary-care/d' \
	-e 's/^formats = .*/formats = pdf, csv/' -e 's|^output = .*|output = ../../../x|' \
	"$SAMPLE/site.ini" > "$SITE/site.ini"
ROOT="$TMP/x"

# The summary names where the files went, as an absolute resolved path.
mkdir "$TMP/elsewhere"
(cd "$TMP/elsewhere" && "$DYADREPORT" -p 2026-09 ../a/b/site/site.ini) 2>"$TMP/err" \
	|| fail "first run: $(cat "$TMP/err")"
real=$(cd "$ROOT" && pwd -P)
grep -q "^dyadreport: 2 dyads, [0-9]* pages, 8 files in $real, " "$TMP/err" \
	|| fail "summary does not name $real: $(cat "$TMP/err")"
pass "output = ../../../x: the summary names $real"

# Outside the root: a folder a link points to, holding what looks like ours.
OUTSIDE="$TMP/outside"
mkdir -p "$OUTSIDE/charts"
echo keep > "$OUTSIDE/packet.pdf"
echo keep > "$OUTSIDE/charts/x.png.tmp-abcdef"
echo keep > "$OUTSIDE/metrics.csv.tmp-ghijkl"
(cd "$OUTSIDE" && find . -type f -exec cksum {} + | sort) > "$TMP/outside.before"
touch -d '2020-01-01' "$OUTSIDE/charts/x.png.tmp-abcdef" "$OUTSIDE/metrics.csv.tmp-ghijkl"

rm -rf "$ROOT/surgery"
ln -s "$OUTSIDE" "$ROOT/surgery"                      # a dyad folder that is a link
ln -s "$OUTSIDE" "$ROOT/.dyadreport-staging-abcdef"   # looks like a leftover staging area
ln -s "$OUTSIDE/charts" "$ROOT/oncology/links-out"    # a site's own link in a dyad folder
mkdir -p "$ROOT/oncology/town-hall"
echo th > "$ROOT/oncology/town-hall/packet.pdf"      # another template's subfolder
# Leftovers of a run cut short: a staging area, a temporary file, and an
# interrupted swap without exchange (folder missing, its previous beside it).
mkdir -p "$ROOT/.dyadreport-staging-zzzzzz/oncology"
echo x > "$ROOT/.dyadreport-staging-zzzzzz/oncology/packet.pdf"
echo x > "$ROOT/oncology/packet.pdf.tmp-qwerty"
echo mine > "$ROOT/oncology/town-hall/notes.txt.tmp-abcdef"   # not ours: stays
touch -d '2020-01-01' "$ROOT/oncology/town-hall/notes.txt.tmp-abcdef"
cp -a "$ROOT/oncology" "$TMP/oncology.sept"
mv "$ROOT/oncology" "$ROOT/.dyadreport-previous.oncology"
rm "$TMP/oncology.sept/packet.pdf.tmp-qwerty"

# A -d surgery run: oncology is put back as it was, leftovers go, links stay.
expect_exit 0 "$DYADREPORT" -p 2026-10 -d surgery "$SITE/site.ini"
# Messages name the root as the config gives it.
AS_GIVEN="$SITE/../../../x"
grep -q "warning: $AS_GIVEN/surgery: a symbolic link, not a folder: replaced" "$TMP/err" \
	|| fail "no warning naming the link: $(cat "$TMP/err")"
grep -q "warning: $AS_GIVEN/oncology: put back as it was before a run that was cut short" "$TMP/err" \
	|| fail "no warning for the folder put back: $(cat "$TMP/err")"
[ -d "$ROOT/surgery" ] && [ ! -L "$ROOT/surgery" ] || fail "the link was not replaced by a folder"
[ -s "$ROOT/surgery/packet.pdf" ] || fail "surgery not written"
(cd "$OUTSIDE" && find . -type f -exec cksum {} + | sort) | diff "$TMP/outside.before" - >&2 \
	|| fail "wrote or removed through a link"
[ -L "$ROOT/.dyadreport-staging-abcdef" ] || fail "a link named like a staging area was removed"
(cd "$TMP/oncology.sept" && find . -exec ls -ld {} + | awk '{print $1, $NF}' | sort) > "$TMP/o1"
(cd "$ROOT/oncology" && find . -exec ls -ld {} + | awk '{print $1, $NF}' | sort) > "$TMP/o2"
diff "$TMP/o1" "$TMP/o2" >&2 || fail "oncology not put back as it was"
[ ! -e "$ROOT/.dyadreport-previous.oncology" ] && [ ! -e "$ROOT/.dyadreport-staging-zzzzzz" ] &&
	[ ! -e "$ROOT/oncology/packet.pdf.tmp-qwerty" ] || fail "leftovers not removed: $(ls -A "$ROOT")"
[ -f "$ROOT/oncology/town-hall/notes.txt.tmp-abcdef" ] || fail "another program's temporary file removed"
# index.html, written in the staging area, lists both: surgery as staged,
# oncology as it is in the root, and no leftover.
for f in oncology/packet.pdf oncology/metrics.csv surgery/packet.pdf surgery/metrics.csv; do
	grep -q "<a href=\"$f\">" "$ROOT/index.html" || fail "index.html does not link $f"
done
! grep -q "tmp-\|dyadreport-" "$ROOT/index.html" || fail "index.html lists a leftover"
pass "a linked dyad folder is replaced, not followed; leftovers removed, a cut swap put back"

# A full run: other templates' subfolders and a site's links are carried,
# and a folder a site closed keeps its mode in the new month.
chmod 750 "$ROOT/oncology"
chmod 705 "$ROOT/oncology/town-hall"
expect_exit 0 "$DYADREPORT" -q -p 2026-10 "$SITE/site.ini"
[ "$(stat -c %a "$ROOT/oncology")" = 750 ] || fail "oncology lost its mode 750"
[ "$(stat -c %a "$ROOT/oncology/town-hall")" = 705 ] || fail "a carried folder lost its mode 705"
[ "$(cat "$ROOT/oncology/town-hall/packet.pdf")" = th ] || fail "town-hall subfolder lost"
[ "$(readlink "$ROOT/oncology/links-out")" = "$OUTSIDE/charts" ] || fail "a site's link lost or changed"
[ ! -e "$ROOT/oncology/packet.pdf.tmp-qwerty" ] || fail "leftover carried"
(cd "$OUTSIDE" && find . -type f -exec cksum {} + | sort) | diff "$TMP/outside.before" - >&2 \
	|| fail "wrote or removed through a link"
# A -t town-hall run replaces only that subfolder, the rest carried.
cksum "$ROOT/oncology/packet.pdf" > "$TMP/pdf.before"
expect_exit 0 "$DYADREPORT" -q -p 2026-10 -t town-hall -d oncology "$SITE/site.ini"
[ "$(head -c 2 "$ROOT/oncology/town-hall/packet.pdf")" != th ] || fail "town-hall not replaced"
[ "$(stat -c %a "$ROOT/oncology")" = 750 ] && [ "$(stat -c %a "$ROOT/oncology/town-hall")" = 705 ] \
	|| fail "a town-hall run changed the folders' modes"
cksum "$ROOT/oncology/packet.pdf" | cmp -s - "$TMP/pdf.before" || fail "monthly packet changed by a town-hall run"
[ "$(readlink "$ROOT/oncology/links-out")" = "$OUTSIDE/charts" ] || fail "a site's link lost"
pass "other templates' subfolders and a site's links survive a run"

# A file where a dyad's folder belongs: exit 4 naming it, nothing published.
rm -rf "$ROOT/surgery"
echo mine > "$ROOT/surgery"
(cd "$ROOT" && find . -exec cksum {} + 2>/dev/null | sort) > "$TMP/root.before"
expect_exit 4 "$DYADREPORT" -q -p 2026-09 "$SITE/site.ini"
grep -q "^dyadreport: $AS_GIVEN/surgery: not a folder" "$TMP/err" || fail "message: $(cat "$TMP/err")"
(cd "$ROOT" && find . -exec cksum {} + 2>/dev/null | sort) | diff "$TMP/root.before" - >&2 \
	|| fail "something was published or left behind"
pass "a file at a dyad's folder: exit 4, nothing published"
