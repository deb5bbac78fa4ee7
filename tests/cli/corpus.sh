#!/bin/sh
# corpus.sh -- the malformed and unusual inputs of tests/corpus: every case
# is the clean base site (tests/corpus/base) changed as its expect file says,
# run with -v -f csv -o OUT, and checked for its exit code, messages, row
# counts (OUT/data-quality.csv) and, for every case, that no patient_id
# (PHI followed by digits, the base's pattern) reaches stdout, stderr or any
# file written, the PDF's text included. A failed run must leave no file.
# See tests/corpus/README for the expect file's words.
#
# Prints "ok N - CASE" or "not ok N - CASE" with the reasons as "# " lines
# and a TAP plan; exits 1 if any case failed. CORPUS_CASES="a b" runs only
# those cases. POSIX sh: runs under dash as under bash.
. "$top_srcdir/tests/lib/setup.sh"
set +e
CORPUS="$top_srcdir/tests/corpus"
. "$CORPUS/generate.sh"
EXTRACTS="visits denials handoffs burnout"
# Every reason a row can be skipped for, as printed (load.h).
REASONS="wrong number of fields
required value missing
bad date
date outside 1990..2100
unknown code
not a number
negative number
out of range
duplicate id
decision before submission
invalid UTF-8
field over 64 KiB
misplaced quote"
have() { command -v "$1" >/dev/null 2>&1; }
[ "$(id -u)" -eq 0 ] && ROOT=yes || ROOT=no

n=0
failed=0

# pop: moves the first word of $R into $W (blanks around it dropped).
pop() {
	R=${R#"${R%%[! 	]*}"}
	W=${R%%[ 	]*}
	R=${R#"$W"}
	R=${R#"${R%%[! 	]*}"}
}

# bad WHY: records one reason why the current case failed.
bad() {
	errs="$errs
$*"
}

# report NAME LINES STDERR: prints the TAP line of check number $n from
# $errs, with the reasons and the first LINES lines of STDERR on failure.
report() {
	if [ -z "$errs" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$errs" | sed '/^$/d; s/^/#   /'
		sed -n "1,$2s/^/#   stderr: /p" "$3"
		failed=$((failed + 1))
	fi
}

# conf_set FILE SECTION KEY VALUE|-: sets (or with -, removes) a key.
conf_set() {
	SEC=$2 KEY=$3 VAL=$4 awk '
	function flush() { if (insec && !done && del == 0) { print key " = " val; done = 1 } }
	BEGIN { sec = ENVIRON["SEC"]; key = ENVIRON["KEY"]; val = ENVIRON["VAL"]; del = val == "-" }
	/^\[/ {
		flush(); h = $0; sub(/^\[[ \t]*/, "", h); sub(/[ \t]*\].*$/, "", h)
		insec = h == sec; if (insec) found = 1; print; next
	}
	insec && /=/ {
		k = $0; sub(/[ \t]*=.*/, "", k)
		if (k == key) { if (!del) print key " = " val; done = 1; next }
	}
	{ print }
	END { flush(); if (!found && !del) { print ""; print "[" sec "]"; print key " = " val } }
	' "$1" > "$1.new" && mv "$1.new" "$1"
}

# build CASEDIR WORKDIR: the base, the case's own files, then its edits.
build() {
	cp "$CORPUS/base/"* "$2/" || return 1
	for f in "$1"/*; do
		case ${f##*/} in expect|README) ;; *) cp "$f" "$2/" ;; esac
	done
	chmod u+w "$2"/*    # a distcheck source tree is read-only
	while IFS= read -r R; do
		pop
		op=$W
		case $op in
		set)
			pop; f="$2/$W.csv"; pop; ln=$W; pop; col=$W
			put_cell "$f" "$ln" "$col" "$R" > "$f.new" && mv "$f.new" "$f" || return 1 ;;
		line|insert)
			pop; f="$2/$W.csv"; pop; ln=$W
			skip=$ln; [ "$op" = insert ] && skip=$((ln - 1))
			{ head -n "$((ln - 1))" "$f"; printf '%b\n' "$R"; tail -n "+$((skip + 1))" "$f"; } > "$f.new" &&
				mv "$f.new" "$f" || return 1 ;;
		append)
			pop; printf '%b\n' "$R" >> "$2/$W.csv" ;;
		delete)
			pop; f="$2/$W.csv"; pop
			sed "${W}d" "$f" > "$f.new" && mv "$f.new" "$f" || return 1 ;;
		filter)
			pop; f="$2/$W.csv"
			(eval "$R") < "$f" > "$f.new" && mv "$f.new" "$f" || return 1 ;;
		conf)
			pop; sec=$W
			case $R in
			-*) conf_set "$2/site.ini" "$sec" "${R#-}" - ;;
			*" = "*) conf_set "$2/site.ini" "$sec" "${R%% = *}" "${R#* = }" ;;
			*) false ;;
			esac || return 1 ;;
		shell)
			(cd "$2" && eval "$R") </dev/null || return 1 ;;
		esac
	done < "$1/expect"
	return 0
}

# count EXTRACT MEASURE [DETAIL]: a value of OUT/data-quality.csv; when that
# file was not written (exit 3), the -v line "FILE: N rows read, N used,
# N ignored, N skipped" and, per reason, the row messages plus "N more rows
# skipped (REASON) not shown". Prints nothing when there is no such count.
count() {
	if [ -f "$out/data-quality.csv" ]; then
		awk -F, -v e="$1" -v m="$2" -v d="${3-}" '{
			for (i = 1; i <= 4; i++) gsub(/^"|"$/, "", $i)
		} $1 == e && $2 == m && $3 == d { print $4; exit }' "$out/data-quality.csv"
		return
	fi
	awk -v f="$1.csv" -v m="$2" -v d="${3-}" '
	BEGIN { p = "dyadreport: " f ": " }
	index($0, p) == 1 && / rows read, / {
		k = split(substr($0, length(p) + 1), part, /, /)
		for (i = 1; i <= k; i++) {
			split(part[i], w, " ")
			v["rows_" (w[2] == "rows" ? w[3] : w[2])] = w[1]
		}
		seen = 1
	}
	m == "skipped" && index($0, "dyadreport: " f ":") == 1 && index($0, ": column ") &&
	    (index($0, ": " d " (") || substr($0, length($0) - length(d) - 1) == ": " d) { r++ }
	m == "skipped" && index($0, "dyadreport: warning: " f ": ") == 1 &&
	    index($0, " more rows skipped (" d ") not shown") {
		split(substr($0, length("dyadreport: warning: " f ": ") + 1), w, " "); r += w[1]
	}
	END {
		if (m == "skipped") { if (seen) print r + 0 }
		else if (seen && (m in v)) print v[m]
	}' "$err"
}

# check_case NAME: builds, runs and checks one case; prints its TAP line.
check_case() {
	name=$1
	cdir="$CORPUS/cases/$name"
	n=$((n + 1))
	errs=
	w="$TMP/case-$name"
	out="$w/OUT"
	err="$TMP/$name.err"
	stdout="$TMP/$name.out"
	mkdir -p "$w"

	# How to run it.
	args="-v -f csv"
	want_exit=0
	skip=
	pdf=no
	while IFS= read -r R; do
		pop
		case $W in
		args) args="$args $R" ;;
		exit) pop; want_exit=$W ;;
		skip-as-root) [ "$ROOT" = yes ] && skip="running as root, which reads any file" ;;
		requires) pop; have "$W" || skip="$W not installed" ;;
		pdftext~|nopdftext) pdf=yes; have pdftotext || skip="pdftotext not installed" ;;
		esac
	done < "$cdir/expect"
	if [ -n "$skip" ]; then
		echo "ok $n - $name # SKIP $skip"
		return
	fi
	[ "$pdf" = yes ] && args="$args -f pdf,csv"
	build "$cdir" "$w" || bad "could not build the case's inputs"

	set -f
	# shellcheck disable=SC2086
	(cd "$w" && "$DYADREPORT" $args -o OUT site.ini) > "$stdout" 2> "$err"
	rc=$?
	set +f

	[ "$rc" -eq "$want_exit" ] || bad "exit $rc, want $want_exit"
	grep -q 'runtime error: \|Sanitizer' "$err" && bad "a sanitizer report on stderr"

	# Nothing of a failed run, or of --check, may be left behind: not even
	# an empty output folder (-o OUT, or the config's default "out").
	if [ "$rc" -ne 0 ] || case " $args " in *" --check "*) true ;; *) false ;; esac; then
		left=$(find "$out" "$w/out" 2>/dev/null | head -3)
		[ -z "$left" ] || bad "left behind: $(echo "$left" | tr '\n' ' ')"
	fi
	[ "$rc" -eq 0 ] && [ "$want_exit" -eq 0 ] && case " $args " in *" --check "*) false ;; *) true ;; esac &&
		[ ! -f "$out/data-quality.csv" ] && bad "no data-quality.csv at the output root"

	# No patient id (nor any PHI-prefixed cell a case planted) anywhere.
	grep -aq 'PHI[0-9]' "$stdout" && bad "a patient id on stdout"
	grep -aq 'PHI[0-9]' "$err" && bad "a patient id on stderr"
	leak=$(grep -rla 'PHI[0-9]' "$out" "$w/out" 2>/dev/null | head -3)
	[ -z "$leak" ] || bad "a patient id in $(echo "$leak" | tr '\n' ' ')"
	pdftext="$TMP/$name.pdf.txt"
	: > "$pdftext"
	for p in "$out"/*/packet.pdf; do
		if [ ! -f "$p" ] || ! have pdftotext; then continue; fi
		pdftotext -enc UTF-8 "$p" - >> "$pdftext" 2>/dev/null || bad "pdftotext failed on ${p#"$w"/}"
	done
	grep -aq 'PHI[0-9]' "$pdftext" && bad "a patient id in the text of a packet"

	# What the expect file asks for.
	skipped_sum=
	while IFS= read -r R; do
		pop
		case $W in
		stderr)
			grep -Fxq "dyadreport: $R" "$err" || bad "no stderr line: dyadreport: $R" ;;
		stderr~)
			grep -Fq -- "$R" "$err" || bad "nothing on stderr contains: $R" ;;
		nostderr)
			grep -Fq -- "$R" "$err" && bad "stderr contains: $R" ;;
		stdout~)
			grep -Fq -- "$R" "$stdout" || bad "nothing on stdout contains: $R" ;;
		rowmsgs)
			pop; got=$(grep -c '^dyadreport: [^ ]*:[0-9][0-9]*: column ' "$err")
			[ "$got" -eq "$W" ] || bad "$got row messages, want $W" ;;
		read|used|ignored|unowned)
			m="rows_$W"; pop; e=$W; pop
			got=$(count "$e" "$m")
			[ "$got" = "$W" ] || bad "$e $m is '${got}', want $W" ;;
		skipped)
			pop; e=$W; reason=${R% *}; want=${R##* }
			got=$(count "$e" skipped "$reason")
			[ "$got" = "$want" ] || bad "$e skipped ($reason) is '${got}', want $want"
			skipped_sum="$skipped_sum $e:$want" ;;
		dq)
			pop; e=$W; pop; m=$W; pop; v=$W
			got=$(count "$e" "$m" "$R")
			[ "$v" = - ] && v=        # "-": no such row
			[ "$got" = "$v" ] || bad "$e $m $R is '${got}', want '$v'" ;;
		absent)
			pop; got=$(count "$W" rows_read)
			[ -z "$got" ] || bad "$W has data-quality rows; it is not configured" ;;
		metric~)
			cat "$out"/*/metrics.csv 2>/dev/null | grep -Fq -- "$R" || bad "no metrics.csv line contains: $R" ;;
		nometric~)
			cat "$out"/*/metrics.csv 2>/dev/null | grep -Fq -- "$R" && bad "metrics.csv contains: $R" ;;
		same-metrics)
			for b in "$TMP/base/OUT"/*/metrics.csv; do
				d=${b%/metrics.csv}; d=${d##*/}
				cmp -s "$b" "$out/$d/metrics.csv" || bad "$d/metrics.csv differs from the base run's"
			done ;;
		pdftext~)
			grep -Fq -- "$R" "$pdftext" || bad "no PDF text contains: $R" ;;
		nopdftext)
			grep -Fq -- "$R" "$pdftext" && bad "PDF text contains: $R" ;;
		esac
	done < "$cdir/expect"

	# data-quality.csv: its header, every reason listed (zeros included),
	# and read = used + skipped + ignored.
	dq="$out/data-quality.csv"
	if [ -f "$dq" ]; then
		problems=$(REASONS=$REASONS EXTRACTS=$EXTRACTS awk -F, '
		BEGIN { nr = split(ENVIRON["REASONS"], reason, "\n"); ne = split(ENVIRON["EXTRACTS"], ext, " ") }
		{ line = $0; for (i = 1; i <= 4; i++) gsub(/^"|"$/, "", $i) }
		NR == 1 {
			h = line; gsub(/["\r]/, "", h)
			if (h != "extract,measure,detail,value,note") print "data-quality.csv header is: " line
			next
		}
		$2 == "skipped" { has[$1, $3] = 1 }
		$2 ~ /^rows_/ { v[$1, $2] = $4; if ($2 == "rows_read") loaded[$1] = 1 }
		END {
			for (k = 1; k <= ne; k++) {
				e = ext[k]
				if (!(e in loaded)) continue
				for (j = 1; j <= nr; j++)
					if (!((e, reason[j]) in has)) print "data-quality.csv has no " e " skipped row for (" reason[j] ")"
				if (v[e, "rows_read"] + 0 != v[e, "rows_used"] + v[e, "rows_skipped"] + v[e, "rows_ignored"])
					print e ": rows_read " v[e, "rows_read"] " != used " v[e, "rows_used"] \
					    " + skipped " v[e, "rows_skipped"] " + ignored " v[e, "rows_ignored"]
			}
		}' "$dq")
		[ -z "$problems" ] || bad "$problems"
	fi

	# Every extract read skips exactly the rows the expect file names.
	for e in $EXTRACTS; do
		total=$(count "$e" rows_skipped)
		[ -n "$total" ] || continue
		want=0
		for s in $skipped_sum; do
			[ "${s%%:*}" = "$e" ] && want=$((want + ${s#*:}))
		done
		[ "$total" = "$want" ] || bad "$e: $total rows skipped, want $want"
	done

	report "$name" 12 "$err"
}

# The base run: clean, and the reference for same-metrics. Its visits hold
# the patient ids every leak check looks for.
mkdir -p "$TMP/base"
cp "$CORPUS/base/"* "$TMP/base/"
[ "$(grep -c '^V[0-9]*,[^,]*,PHI[0-9]\{6\},' "$TMP/base/visits.csv")" -eq 208 ] ||
	fail "tests/corpus/base/visits.csv: every patient_id must be PHI and 6 digits"
(cd "$TMP/base" && "$DYADREPORT" -v -f csv -o OUT site.ini) > "$TMP/base.out" 2> "$TMP/base.err"
rc=$?
n=1
if [ "$rc" -eq 0 ] && [ "$(grep -c ' rows read, .* 0 skipped$' "$TMP/base.err")" -eq 4 ] &&
   ! grep -q 'PHI[0-9]\|: column ' "$TMP/base.err" && ! grep -rq 'PHI[0-9]' "$TMP/base/OUT"; then
	echo "ok 1 - base (exit 0, no row skipped, no patient id)"
else
	echo "not ok 1 - base: exit $rc"
	sed 's/^/#   /' "$TMP/base.err"
	failed=1
fi

cases=${CORPUS_CASES:-$(cd "$CORPUS/cases" && ls)}
for c in $cases; do
	[ -f "$CORPUS/cases/$c/expect" ] || continue
	check_case "$c"
done

# --check validates and writes nothing: no output folder, the config's
# default one included, whatever the outcome.
for want in 0 2 3; do
	n=$((n + 1))
	w="$TMP/check-$want"
	mkdir -p "$w"
	cp "$CORPUS/base/"* "$w/"
	case $want in
	2) conf_set "$w/site.ini" report colour blue ;;
	3) rm "$w/denials.csv" ;;
	esac
	(cd "$w" && "$DYADREPORT" --check site.ini) > "$TMP/check.out" 2> "$TMP/check.err"
	rc=$?
	errs=
	[ "$rc" -eq "$want" ] || bad "exit $rc, want $want"
	[ -e "$w/out" ] && bad "--check created the output folder"
	[ "$want" -ne 0 ] || [ -s "$TMP/check.out" ] || bad "no summary on stdout"
	[ "$want" -ne 2 ] || grep -q "site.ini:[0-9]*: unknown key in \[report\]" "$TMP/check.err" || bad "no message for the unknown key"
	[ "$want" -ne 3 ] || grep -q "denials.csv" "$TMP/check.err" || bad "no message naming denials.csv"
	grep -aq 'PHI[0-9]' "$TMP/check.out" "$TMP/check.err" && bad "a patient id printed"
	report "--check exits $want and writes nothing" 5 "$TMP/check.err"
done

echo "1..$n"
[ "$failed" -eq 0 ] || { echo "FAIL: $failed of $n corpus cases" >&2; exit 1; }
echo "# corpus: all $n passed"
