#!/bin/sh
# stage-full.sh -- the disk fills up at a file of a run
# (tests/inject/inject-io.c, DR_INJECT_ENOSPC_FILE=N: the run's N-th file
# fails with ENOSPC, at a write or at its fsync as NFS and SMB report it):
# the run exits 4 naming a path under the output and the reason, the
# output is the previous run's byte for byte with nothing added (no
# dyad published, no staging area, no temporary file), and the next run
# succeeds and leaves exactly October's files. make check fails a few
# files of a PDF and CSV run (the first dyad's first, the second dyad's
# first, data-quality.csv and index.html); make check-faults
# (DR_FAULTS=all) every file of a run with charts, with -j 1 at a write
# and -j 2 at the fsync.
. "$top_srcdir/tests/lib/setup.sh"
[ "${DR_FAULTS:-}" = all ] || FORMATS="pdf, csv"
. "$top_srcdir/tests/lib/stage-faults.sh"

# full_each LABEL AT OPTION SAMPLE: fails file N of an October run over a
# copy of OLD for every N (DR_FAULTS=all) or for N in SAMPLE ("last" and
# "last-1" count back from the last file).
full_each() {
	label=$1 where=$2 opt=$3 sample=$4
	counts DR_INJECT_ENOSPC_AT="$where" "$DYADREPORT" "$opt"
	if [ "$FAULTS" = all ]; then
		at=$(seq 1 "$files")
	else
		at=$(for s in $sample; do case $s in last) echo "$files";;
			last-*) echo $((files - ${s#last-}));; *) echo "$s";; esac; done)
	fi
	for n in $at; do
		fresh_out
		faulty DR_INJECT_ENOSPC_AT="$where" DR_INJECT_ENOSPC_FILE="$n" "$DYADREPORT" "$opt"
		[ "$got" -eq 4 ] || { cat "$TMP/err" >&2; fail "$label: file $n of $files full: exited $got"; }
		grep -Eq "^dyadreport: $OUT/[^:]*: cannot write: No space left on device$" "$TMP/err" \
			|| fail "$label: file $n full: message: $(cat "$TMP/err")"
		same_as_old "$label: file $n of $files full"
		next_run_ok "$label: after file $n of $files full"
	done
	pass "$label: disk full at file $(echo $at | tr ' ' ,) of $files: exit 4, previous output kept, then a clean run"
}
full_each "-j 1, at a write" write -j1 "1 3 last-1 last"
[ "$FAULTS" != all ] || full_each "-j 2, at fsync" fsync -j2 ""
