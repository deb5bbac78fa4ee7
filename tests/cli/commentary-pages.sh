#!/bin/sh
# commentary-pages.sh -- the dyad's comments and actions on the pages
# (tests/gallery/render-commentary builds a commentary model and renders
# the sample site's Primary Care packets with it; its rows are listed
# there). Read with pdftotext, page by page:
# - a comment appears under the headline of every chart of its metric,
#   "Dyad comment:" first, exactly as typed (<, &, " and a leading =),
#   and on no other page but the Actions page, which has it in full
#   (over the next page when it is longer than a page); a long one is cut
#   on the charts and says where the rest is;
# - the Actions page: an action raised in September with a due date in
#   September is OVERDUE in October; an action closed by a done row in
#   September is open in August, closed in September and gone in October;
#   without a commentary file, or with no row for the dyad, one sentence;
# - an internal comment or action reaches no public output: not the
#   town-hall PDF's text, not the strings its PNG charts drew, not its
#   SVGs; the public comment does, escaped in the SVG;
# - the packets pass the tagged-PDF checker.
. "$top_srcdir/tests/lib/setup.sh"
skip_unless pdftotext
skip_unless pdfinfo

RENDER=$(dirname "$DYADREPORT")/tests/gallery/render-commentary
OUT=$TMP/out
mkdir -p "$OUT"
"$RENDER" "$SAMPLE/site.ini" "$OUT" 2>"$TMP/render-err" || { cat "$TMP/render-err" >&2; fail "render-commentary failed"; }
pass "render-commentary rendered every packet"

# pages PDF: each page's text into PDF.N.txt; prints the page count.
pages() {
	n=$(pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p')
	i=1
	while [ "$i" -le "$n" ]; do
		pdftotext -layout -f "$i" -l "$i" "$1" "$1.$i.txt" 2>/dev/null
		i=$((i + 1))
	done
	echo "$n"
}
# with PDF STRING: the numbers of the pages whose text holds STRING, one line.
with() {
	i=1 found=
	while [ -f "$1.$i.txt" ]; do
		grep -qF -e "$2" "$1.$i.txt" && found="$found $i"
		i=$((i + 1))
	done
	echo "${found# }"
}

INTERNAL='=SUM(A1) <b>up</b> & "why" INTERNALNOTE'
PUBLIC='=1+1 PUBLICNOTE <fine> & "steady"'
OCT=$OUT/monthly-2026-10.pdf
pages "$OCT" >/dev/null
# The no-show rate's charts: its SPC chart in the access grid and its
# small multiples, whose subtitle is the metric's definition (the
# definitions page, which has it too, draws no chart), and its funnel
# plots by department and by provider, whose subtitle names the rate
# against its denominator.
charts=$( { with "$OCT" "No-shows over completed and no-show visits"
            with "$OCT" "No-show rate against completed + no-show visits"; } | tr ' ' '\n' |
         sort -n | uniq | tr '\n' ' ')
charts=${charts% }
defs=$(with "$OCT" "How these numbers are calculated")
drawn=
for i in $charts; do
	case " $defs " in *" $i "*) ;; *) drawn="$drawn $i" ;; esac
done
drawn=${drawn# }
[ "$(echo "$drawn" | wc -w)" -eq 4 ] || fail "no-show rate drawn on pages '$drawn', want 4 pages"
commented=$(with "$OCT" "Dyad comment: $INTERNAL")
[ "$commented" = "$drawn" ] || fail "the no-show comment is on pages '$commented', its charts on '$drawn'"
actions=$(with "$OCT" "Open actions")
[ "$(echo "$actions" | wc -w)" -eq 1 ] || fail "Open actions on pages '$actions', want one"
[ "$(with "$OCT" INTERNALNOTE)" = "$actions $drawn" ] \
	|| fail "the no-show comment's text on pages '$(with "$OCT" INTERNALNOTE)', want '$actions $drawn'"
grep -qF -e "$INTERNAL" "$OCT.$actions.txt" || fail "Actions page: the comment not in full"
pass "a comment is printed beside its chart, exactly as typed, and nowhere else"

# The long comment: cut on its charts (the well-being grid and burnout by
# role), whole on the Actions page.
cut=$(with "$OCT" "(full text on the Actions page)")
burnout=$(with "$OCT" "Dyad comment: Burnout rose")
[ "$(echo "$burnout" | wc -w)" -eq 2 ] || fail "the burnout comment on pages '$burnout', want 2"
for i in $burnout; do
	case " $cut " in *" $i "*) ;; *) fail "page $i: the long comment is not cut" ;; esac
done
[ "$(with "$OCT" TAILWORD)" = "$actions" ] || fail "the long comment's end on pages '$(with "$OCT" TAILWORD)'"
# One longer than a page: the Actions page goes on over the next pages,
# every sentence of it, in order.
first=$(with "$OCT" "Sentence 1 of a very long") last=$(with "$OCT" HUGEEND)
[ "$first" -gt "$actions" ] && [ "$last" -gt "$first" ] \
	|| fail "the page-long comment starts on page '$first' and ends on '$last' (Actions: $actions)"
# The text joined over its pages, without their running header, title
# and footer.
pdftotext -f "$first" -l "$last" "$OCT" - 2>/dev/null | tr -d '\f' \
	| grep -v -e '^Primary Care' -e '^October 2026$' -e '^Actions$' | tr '\n' ' ' | tr -s ' ' >"$TMP/long.txt"
i=1
while [ "$i" -le 150 ]; do
	grep -qF "Sentence $i of a very long comment on teamwork, typed in one cell." "$TMP/long.txt" \
		|| fail "the page-long comment lost sentence $i"
	i=$((i + 1))
done
pass "a long comment is cut on its charts and whole on the Actions page, over pages if need be"

# open_row PDF ACTION: the Actions page's line holding the action's first words.
open_part() { sed -n '/Open actions/,/Closed this month/p' "$1"; }
closed_part() { sed -n '/Closed this month/,/Comments this month/p' "$1"; }
open_part "$OCT.$actions.txt" | grep -q "Call every patient 48 h.*OVERDUE" \
	|| fail "October: the September action due 20 Sep is not OVERDUE"
open_part "$OCT.$actions.txt" | grep -q "20 Sep" || fail "October: its due date"
open_part "$OCT.$actions.txt" | grep -q "1 month" || fail "October: its age"
open_part "$OCT.$actions.txt" | grep -q "Use the structured tool.*open$" \
	|| fail "October: the action due 30 Nov is open, not overdue"
pass "an action raised in September with a past due date is OVERDUE in October"

for m in 08 09; do
	pdf=$OUT/monthly-2026-$m.pdf
	pages "$pdf" >/dev/null
	eval "p$m=\$(with \"\$pdf\" 'Open actions')"
done
AUG=$OUT/monthly-2026-08.pdf.$p08.txt SEP=$OUT/monthly-2026-09.pdf.$p09.txt
open_part "$AUG" | grep -q "Check prior-auth forms" || fail "August: the action raised then is not open"
closed_part "$AUG" | grep -q "Check prior-auth" && fail "August: the action is closed already"
open_part "$SEP" | grep -q "Check prior-auth" && fail "September: the done action is still open"
closed_part "$SEP" | grep -q "Check prior-auth forms before sending *done" \
	|| fail "September: the done action is not under Closed this month"
grep -q "Check prior-auth" "$OCT.$actions.txt" && fail "October: the action closed in September is listed"
pass "a done row closes the action in its month; it is gone the month after"

pdftotext "$OUT/none.pdf" "$TMP/none.txt"
grep -q "Commentary is not configured" "$TMP/none.txt" || fail "no commentary: no sentence"
grep -q "Open actions" "$TMP/none.txt" && fail "no commentary: an empty table"
grep -q "Dyad comment" "$TMP/none.txt" && fail "no commentary: a comment"
pdftotext "$OUT/oncology.pdf" "$TMP/oncology.txt"
grep -q "No action is open as of October 2026 and none was closed" "$TMP/oncology.txt" \
	|| fail "a dyad with no row: no sentence"
pdftotext -layout "$OUT/access-2026-10.pdf" "$TMP/access.txt"
grep -q "Call every patient 48 h.*OVERDUE" "$TMP/access.txt" || fail "access report: no Actions page"
pass "without commentary or rows the Actions page says so in one sentence"

# Public: the town-hall PDF, its PNGs' strings and its SVGs.
pdftotext "$OUT/town-hall.pdf" "$TMP/hall.txt"
for s in INTERNALNOTE TAILWORD "Call every patient" "Check prior-auth"; do
	grep -qF -e "$s" "$TMP/hall.txt" && fail "town-hall PDF: internal text '$s'"
	grep -lF -e "$s" "$OUT"/th-*.texts "$OUT"/th-*.svg >&2 && fail "town-hall charts: internal text '$s'"
done
grep -qF -e "Dyad comment: $PUBLIC" "$TMP/hall.txt" || fail "town-hall PDF: the public comment is missing"
ls "$OUT"/th-*.svg >/dev/null || fail "no town-hall SVG"
pass "no internal comment or action in the town-hall PDF, PNG strings or SVGs"

# The public comment on the handoff completion rate's chart files: drawn
# as typed, escaped in the SVG's <desc>, never raw.
grep -qxF -e "$PUBLIC" "$OUT/th-handoff_completion_rate.texts" \
	|| fail "the stamped PNG did not draw the comment as typed"
grep -qxF -e "Dyad comment:" "$OUT/th-handoff_completion_rate.texts" || fail "the stamped PNG: no label"
grep -qF -e 'Dyad comment: =1+1 PUBLICNOTE &lt;fine&gt; &amp; &quot;steady&quot;</desc>' \
	"$OUT/th-handoff_completion_rate.svg" || fail "the SVG's <desc> lacks the escaped comment"
grep -qF -e '<fine>' "$OUT/th-handoff_completion_rate.svg" && fail "the SVG holds the comment unescaped"
grep -l "Dyad comment" "$OUT"/th-no_show_rate.texts "$OUT"/mp-*.texts >&2 \
	&& fail "a chart file without a public comment (or unstamped) carries one"
pass "a stamped chart file carries the public comment, escaped in the SVG"

if command -v qpdf >/dev/null 2>&1; then
	. "$top_srcdir/tests/lib/pikepdf.sh"
	"$PY" "$CHECK_TAGGED" "$OCT" "$OUT/town-hall.pdf" "$OUT/access-2026-10.pdf" \
		"$OUT/monthly-2026-09.pdf" "$OUT/none.pdf" "$OUT/oncology.pdf" >"$TMP/check" 2>&1 \
		|| { head -20 "$TMP/check" >&2; fail "a packet with commentary is not tagged PDF/UA-1"; }
	pass "the packets with comments and actions pass the tagged-PDF checker"
fi
