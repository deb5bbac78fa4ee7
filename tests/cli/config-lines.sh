#!/bin/sh
# config-lines.sh -- the config and template reader from the command line:
# long lines and continued values run; a file that is not a config (an
# /etc/shadow-like one given with -t or as the config, a 100,000-line CSV)
# exits 2 quickly without printing any of its content, 10 problems at most;
# a display name that is not UTF-8 exits 2 before anything is written.
. "$top_srcdir/tests/lib/setup.sh"

cp "$SAMPLE"/*.csv "$TMP/"
deps=$(awk 'BEGIN { for (i = 0; i < 800; i++) printf "%sX%04d", i ? ", " : "", i }')
name=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "Onco " }')
cat > "$TMP/site.ini" <<INI
[report]
period = 2026-10
formats = csv
[input]
visits = visits.csv
[dyad oncology]
name = $name
departments = $deps,
  ONC, RADONC
  INF
INI
[ "$(wc -L < "$TMP/site.ini")" -gt 5000 ] || fail "the departments line is not over 5,000 bytes"
expect_exit 0 "$DYADREPORT" -q -o "$TMP/run" "$TMP/site.ini"
[ -s "$TMP/run/oncology/metrics.csv" ] || fail "a config with a 5,000-byte line wrote no metrics"
pass "a 5,000-byte line and a list over three lines run"

cat > "$TMP/shadow" <<'EOF'
root:$6$rootsalt$Zq1hashroot:19700:0:99999:7:::
daemon:*:19700:0:99999:7:::
alicequinn:$6$alsalt$hashalice:19700:0:99999:7:::
bobmarley:!:19700:0:99999:7:::
EOF
for opt in -t ""; do
	if [ -n "$opt" ]; then
		expect_exit 2 "$DYADREPORT" -t "$TMP/shadow" -o "$TMP/out2" "$TMP/site.ini"
	else
		expect_exit 2 "$DYADREPORT" -o "$TMP/out2" "$TMP/shadow"
	fi
	grep -q "shadow:1: a key = value line stands before any section" "$TMP/err" \
		|| fail "no message for line 1: $(cat "$TMP/err")"
	for secret in root daemon alicequinn bobmarley hash salt 19700 99999; do
		grep -q "$secret" "$TMP/err" && fail "${opt:-config}: stderr quotes $secret: $(cat "$TMP/err")"
	done
	[ ! -e "$TMP/out2" ] || fail "a shadow file as ${opt:-config} wrote output"
done
pass "a shadow-like file, as -t or as the config: exit 2, none of its names printed"

awk 'BEGIN { print "visit_id,visit_date,patient_id,department,status,time";
             for (i = 0; i < 100000; i++) printf "V%d,2026-01-%02d,PHI%06d,ONC,COMPLETED,08:%02d\n", i, i % 28 + 1, i, i % 60 }' \
	> "$TMP/extract.csv"
start=$(date +%s%N)
expect_exit 2 "$DYADREPORT" -o "$TMP/out3" "$TMP/extract.csv"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(wc -l < "$TMP/err")" -eq 11 ] || fail "$(wc -l < "$TMP/err") message lines, want 11"
grep -qx "dyadreport: and 99991 more problems in $TMP/extract.csv" "$TMP/err" \
	|| fail "no count of the other problems: $(tail -1 "$TMP/err")"
grep -q "PHI\|ONC" "$TMP/err" && fail "a cell quoted: $(cat "$TMP/err")"
[ "$ms" -lt 2000 ] || fail "a 100,000-line CSV as config took $ms ms"
pass "a 100,000-line CSV as config: exit 2, 11 lines, $ms ms"

printf '[report]\nperiod = 2026-10\n[input]\nvisits = visits.csv\n[dyad oncology]\nname = Onc\351logie\ndepartments = ONC\n' \
	> "$TMP/latin1.ini"
expect_exit 2 "$DYADREPORT" -o "$TMP/out4" "$TMP/latin1.ini"
grep -qx "dyadreport: $TMP/latin1.ini:6: \[dyad oncology\] name: is not UTF-8 text; save the file as UTF-8" \
	"$TMP/err" || fail "invalid UTF-8 name: $(cat "$TMP/err")"
[ ! -e "$TMP/out4" ] || fail "an invalid name wrote output"
pass "a display name that is not UTF-8: exit 2, key and line named"
