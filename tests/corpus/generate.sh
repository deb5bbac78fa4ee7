# generate.sh -- sourced by tests/cli/corpus.sh: helpers that build a case's
# extracts from the base ones at test time. Large or binary inputs (a 5 MB
# field, a 100,000-field row, NUL bytes, invalid UTF-8, UTF-16) are made here
# rather than committed, so the repository stays small.
#
# Filters read an extract on stdin and write the new one on stdout; an expect
# file calls them as `filter EXTRACT FUNCTION ARGS...`. They assume the base
# layout: comma-separated, no quoted cells, one row per line.
# POSIX sh and awk only; no bash, no GNU extensions.

# col_index FILE NAME: 1-based position of column NAME in FILE's header.
col_index() {
	awk -F, -v n="$2" 'NR == 1 {
		for (i = 1; i <= NF; i++) {
			h = $i; gsub(/^[ \t"]+|[ \t"\r]+$/, "", h)
			if (tolower(h) == tolower(n)) { print i; exit }
		}
		exit
	}' "$1"
}

# put_cell FILE LINE COLUMN VALUE: cell COLUMN of physical line LINE becomes
# VALUE, with printf %b escapes (\0ooo octal bytes, \t, \r, \n) expanded, so
# a cell can hold any byte, NUL included. Writes the new file on stdout.
put_cell() {
	_c=$(col_index "$1" "$3")
	[ -n "$_c" ] || { echo "put_cell: no column $3 in $1" >&2; return 1; }
	head -n "$(($2 - 1))" "$1"
	sed -n "$2p" "$1" | awk -F, -v c="$_c" '{ for (i = 1; i < c; i++) printf "%s,", $i }'
	printf '%b' "$4"
	sed -n "$2p" "$1" | awk -F, -v c="$_c" '{ for (i = c + 1; i <= NF; i++) printf ",%s", $i; printf "\n" }'
	tail -n "+$(($2 + 1))" "$1"
}

# repeat N CHAR: N copies of CHAR, no newline (awk doubles a string, so a
# 5 MB field takes a few milliseconds).
repeat() {
	awk -v n="$1" -v c="$2" 'BEGIN {
		s = c
		while (length(s) < n) s = s s
		printf "%s", substr(s, 1, n)
	}'
}

# long_field LINE COLUMN BYTES: cell COLUMN of LINE becomes BYTES x's.
long_field() {
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_c=$(col_index "$_f" "$2")
	head -n "$(($1 - 1))" "$_f"
	sed -n "$1p" "$_f" | awk -F, -v c="$_c" '{ for (i = 1; i < c; i++) printf "%s,", $i }'
	repeat "$3" x
	sed -n "$1p" "$_f" | awk -F, -v c="$_c" '{ for (i = c + 1; i <= NF; i++) printf ",%s", $i; printf "\n" }'
	tail -n "+$(($1 + 1))" "$_f"
	rm -f "$_f"
}

# add_column NAME VALUE: appends a column NAME holding VALUE on every row
# (VALUE may use NR, e.g. "PHI9" NR, as an awk expression).
add_column() {
	awk -v name="$1" "{ print \$0 \",\" (NR == 1 ? name : $2) }"
}

# wide_row LINE NFIELDS: physical line LINE becomes a row of NFIELDS fields,
# the row's own cells first (so the patient id is in it) then empty ones.
wide_row() {
	awk -v l="$1" -v n="$2" 'NR != l { print; next } {
		printf "%s", $0
		for (i = split($0, f, ",") + 1; i <= n; i++) printf ","
		printf "\n"
	}'
}

# wide_header NCOLUMNS: the header gets extra columns x1, x2, ... up to
# NCOLUMNS in all; data rows are left as they are.
wide_header() {
	awk -v n="$1" 'NR != 1 { print; next } {
		printf "%s", $0
		for (i = split($0, f, ",") + 1; i <= n; i++) printf ",x%d", i
		printf "\n"
	}'
}

# reverse_columns: every row's fields in reverse order.
reverse_columns() {
	awk -F, -v OFS=, '{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? OFS : "\n") }'
}

# delimit D: commas become D (the base has no comma inside a cell).
delimit() {
	awk -F, -v d="$1" '{ for (i = 1; i <= NF; i++) printf "%s%s", $i, (i < NF ? d : "\n") }'
}

# quote_all: every field in double quotes.
quote_all() {
	awk -F, '{ for (i = 1; i <= NF; i++) printf "\"%s\"%s", $i, (i < NF ? "," : "\n") }'
}

# header_case upper|title|spaces: the header's names upper-cased
# (VISIT_ID), title-cased (Visit_id), or padded with spaces: odd columns
# bare, even ones inside quotes.
header_case() {
	awk -F, -v how="$1" 'NR > 1 { print; next } {
		for (i = 1; i <= NF; i++) {
			h = $i
			if (how == "upper") h = toupper(h)
			if (how == "title") h = toupper(substr(h, 1, 1)) substr(h, 2)
			if (how == "spaces") h = i % 2 ? "  " h "   " : "\"  " h " \""
			printf "%s%s", h, (i < NF ? "," : "\n")
		}
	}'
}

# cells_case upper|lower|mixed COLUMN...: the cells of the named columns
# re-cased ("mixed": first letter upper, rest lower, e.g. No_show).
cells_case() {
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_how=$1
	shift
	_cols=
	for _n in "$@"; do
		_cols="$_cols $(col_index "$_f" "$_n")"
	done
	awk -F, -v OFS=, -v how="$_how" -v cols="$_cols" 'BEGIN { n = split(cols, c, " ") }
	NR > 1 { for (k = 1; k <= n; k++) {
		v = $c[k]
		$c[k] = how == "upper" ? toupper(v) : how == "lower" ? tolower(v) : toupper(substr(v, 1, 1)) tolower(substr(v, 2))
	} } { print }' "$_f"
	rm -f "$_f"
}

# line_ends crlf|cr: LF line ends become CRLF or lone CR.
line_ends() {
	if [ "$1" = crlf ]; then
		awk '{ printf "%s\r\n", $0 }'
	else
		awk '{ printf "%s\r", $0 }'
	fi
}

# bom: a UTF-8 byte-order mark in front.
bom() {
	printf '\357\273\277'
	cat
}

# no_final_newline: the last line loses its line end.
no_final_newline() {
	awk 'NR > 1 { printf "\n" } { printf "%s", $0 }'
}

# blank_lines: an empty line after every 50th line and two at the end.
blank_lines() {
	awk '{ print } NR % 50 == 0 { print "" } END { print ""; print "" }'
}

# redate AWK COLUMN...: every YYYY-MM-DD cell of the columns is split into
# d[1] (year), d[2] (month), d[3] (day) and replaced by the awk expression
# AWK (which may use NR).
redate() {
	_expr=$1
	shift
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_cols=
	for _n in "$@"; do
		_cols="$_cols $(col_index "$_f" "$_n")"
	done
	awk -F, -v OFS=, -v cols="$_cols" 'BEGIN { n = split(cols, c, " ") }
	NR > 1 { for (k = 1; k <= n; k++) if (split($c[k], d, "-") == 3)
		$c[k] = '"$_expr"' } { print }' "$_f"
	rm -f "$_f"
}

# us_dates COLUMN...: YYYY-MM-DD cells of the columns become M/D/YYYY
# without leading zeros, as Excel writes them.
us_dates() {
	redate '(d[2] + 0) "/" (d[3] + 0) "/" d[1]' "$@"
}

# date_times COLUMN: the column's dates (not its empty cells) get a time part, in the styles
# exports use: "2026-01-05 13:45", "2026-01-05T08:00:00",
# "2026-01-05 1:05 PM" and "2026-01-05 00:00:00.000".
date_times() {
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_c=$(col_index "$_f" "$1")
	awk -F, -v OFS=, -v c="$_c" 'NR > 1 && $c != "" {
		k = NR % 4
		$c = $c (k == 0 ? " 13:45" : k == 1 ? "T08:00:00" : k == 2 ? " 1:05 PM" : " 00:00:00.000")
	} { print }' "$_f"
	rm -f "$_f"
}

# map_cells COLUMN FROM TO: cells of COLUMN equal to FROM become TO.
map_cells() {
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_c=$(col_index "$_f" "$1")
	awk -F, -v OFS=, -v c="$_c" -v from="$2" -v to="$3" 'NR > 1 && $c == from { $c = to } { print }' "$_f"
	rm -f "$_f"
}

# rename_header OLD NEW: header name OLD becomes NEW.
rename_header() {
	awk -F, -v OFS=, -v old="$1" -v new="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == old) $i = new } { print }'
}

# drop_column NAME: the column is removed from every row.
drop_column() {
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_c=$(col_index "$_f" "$1")
	awk -F, -v c="$_c" '{ o = ""; sep = ""; for (i = 1; i <= NF; i++) if (i != c) { o = o sep $i; sep = "," } print o }' "$_f"
	rm -f "$_f"
}

# utf16 le|be|le-nobom: the file re-encoded as UTF-16 (needs iconv).
utf16() {
	case $1 in
	le) printf '\377\376'; iconv -f UTF-8 -t UTF-16LE ;;
	be) printf '\376\377'; iconv -f UTF-8 -t UTF-16BE ;;
	le-nobom) iconv -f UTF-8 -t UTF-16LE ;;
	esac
}

# long_quoted_field LINE COLUMN BYTES CHUNK: cell COLUMN of LINE becomes a
# quoted field of BYTES bytes made of CHUNK (printf %b escapes) repeated,
# e.g. 999 x's and a LF: a huge cell that also spans many physical lines.
long_quoted_field() {
	_f=$(mktemp "${TMPDIR:-/tmp}/corpus-XXXXXX")
	cat > "$_f"
	_c=$(col_index "$_f" "$2")
	head -n "$(($1 - 1))" "$_f"
	sed -n "$1p" "$_f" | awk -F, -v c="$_c" '{ for (i = 1; i < c; i++) printf "%s,", $i }'
	printf '"'
	CHUNK=$(printf '%b.' "$4") awk -v n="$3" 'BEGIN {
		s = substr(ENVIRON["CHUNK"], 1, length(ENVIRON["CHUNK"]) - 1)
		while (length(s) < n) s = s s
		printf "%s", substr(s, 1, n)
	}'
	printf '"'
	sed -n "$1p" "$_f" | awk -F, -v c="$_c" '{ for (i = c + 1; i <= NF; i++) printf ",%s", $i; printf "\n" }'
	tail -n "+$(($1 + 1))" "$_f"
	rm -f "$_f"
}

# dotted_dates COLUMN...: YYYY-MM-DD cells of the columns become DD.MM.YYYY
# (German and Swiss exports), every fourth with a time " HH:MM".
dotted_dates() {
	redate 'd[3] "." d[2] "." d[1] (NR % 4 ? "" : " 07:30")' "$@"
}

# pad_rows HEADER_BYTES ROW_BYTES: CRLF line ends, and a last column "x..."
# that pads the header to HEADER_BYTES and every row to ROW_BYTES (line end
# included), so a case can put a CRLF exactly across a 64 KiB read block.
pad_rows() {
	LC_ALL=C awk -v h="$1" -v l="$2" '{
		s = $0 ","
		n = (NR == 1 ? h : l) - 2 - length(s)
		if (n < 1) { print "pad_rows: line " NR " is too long" > "/dev/stderr"; exit 1 }
		p = "x"
		while (length(p) < n) p = p p
		printf "%s%s\r\n", s, substr(p, 1, n)
	}'
}
