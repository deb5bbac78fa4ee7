#!/bin/sh
# quickstart.sh -- from a fresh Debian 12 machine to sample packets:
# installs the missing Debian packages, builds dyadreport, and renders the
# packets of sample-data/ into sample-out/.
#
# Packages (build-aux/need-packages.sh): only the missing ones, with
# apt-get as root, or with sudo as a user whose sudo works (it asks for a
# password only when run from a terminal). With neither it prints the
# apt-get install line to run as root and exits 1 before building. When
# nothing is missing it runs neither sudo nor apt-get.
#
#   ./quickstart.sh              packages, build, sample packets
#   ./quickstart.sh --deps-only  the packages only
set -eu
cd "$(dirname "$0")"
. ./build-aux/need-packages.sh

PACKAGES="build-essential autoconf automake pkg-config git
libcsv-dev libhpdf-dev libcairo2-dev libinih-dev libfontconfig-dev libfreetype-dev
fonts-dejavu-core poppler-utils qpdf python3 python3-pikepdf python3-scipy time man-db groff-base bsdextrautils zlib1g-dev libdeflate-dev"

case "${1-}" in
--deps-only | "") ;;
*) echo "usage: $0 [--deps-only]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086 # one word per package
need_packages quickstart $PACKAGES || exit 1
[ "${1-}" != --deps-only ] || exit 0

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure --quiet
make -j"$(nproc 2>/dev/null || echo 2)"

./dyadreport -o sample-out sample-data/site.ini
echo
echo "quickstart: packets are in sample-out/:"
for d in sample-out/*/; do
	echo "  ${d}packet.pdf  ${d}charts/  ${d}metrics.csv"
done
echo "quickstart: run the test suite with: make check"
