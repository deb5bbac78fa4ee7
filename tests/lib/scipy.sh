# scipy.sh -- sourced after setup.sh by the tests that recompute numbers
# with scipy (tests/funnel/check_funnel.py): sets PY_SCIPY to a Python 3
# that imports scipy and numpy (Debian's python3-scipy installs them for
# /usr/bin/python3, which another python3 earlier on PATH may not see), or
# to nothing when there is none -- the test then reports its scipy checks
# as skipped. On CI (CI set) a missing scipy fails the test instead.
PY_SCIPY=
for candidate in python3 /usr/bin/python3; do
	if command -v "$candidate" >/dev/null 2>&1 &&
		"$candidate" -c 'import numpy, scipy.stats' 2>/dev/null; then
		PY_SCIPY=$candidate
		break
	fi
done
if [ -z "$PY_SCIPY" ] && [ -n "${CI-}" ]; then
	fail "python3-scipy is not installed (CI must run the independent funnel check)"
fi
