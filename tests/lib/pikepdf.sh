# pikepdf.sh -- sourced after setup.sh by the tests that run the tagged-PDF
# checker (tests/pdf/check-tagged.py): sets PY to a Python 3 that imports
# pikepdf (Debian's python3-pikepdf installs it for /usr/bin/python3, which
# another python3 earlier on PATH may not see) and CHECK_TAGGED to the
# checker. With no such Python the test is skipped (exit 77), except on CI
# (CI set), where a missing checker fails it.
PY=
for candidate in python3 /usr/bin/python3; do
	if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import pikepdf' 2>/dev/null; then
		PY=$candidate
		break
	fi
done
if [ -z "$PY" ]; then
	[ -z "${CI-}" ] || fail "python3-pikepdf is not installed (CI must run the tagged-PDF checker)"
	echo "SKIP: python3-pikepdf not installed"
	exit 77
fi
CHECK_TAGGED="$top_srcdir/tests/pdf/check-tagged.py"
