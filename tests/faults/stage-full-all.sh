#!/bin/sh
# stage-full-all.sh -- make check-faults: tests/cli/stage-full.sh at every
# fault point, not a sample (minutes, not seconds).
DR_FAULTS=all
. "$top_srcdir/tests/cli/stage-full.sh"
