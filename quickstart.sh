#!/bin/sh
# quickstart.sh -- from a fresh Debian 12 machine to sample packets:
# installs the missing Debian packages (apt-get; as root, or with sudo),
# builds dyadreport, and renders the packets of sample-data/ into sample-out/.
set -eu
cd "$(dirname "$0")"

PACKAGES="build-essential autoconf automake pkg-config git
libcsv-dev libhpdf-dev libcairo2-dev libinih-dev libfontconfig-dev libfreetype-dev
fonts-dejavu-core poppler-utils qpdf python3 time man-db groff-base bsdextrautils"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" \
		|| missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "quickstart: installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

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
