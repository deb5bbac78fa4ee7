# need-packages.sh -- sourced (POSIX sh, bash too) by quickstart.sh and
# .ci/run: make sure some Debian packages are installed, with root's rights
# only when one is missing.
#
# need_packages WHO PKG...
#   Asks dpkg-query which PKGs are not installed; none: returns 0 and runs
#   nothing else (no sudo, no apt-get). Else it runs apt-get update and
#   apt-get install of the missing ones only:
#     - as root (id -u is 0): apt-get itself;
#     - as a user whose sudo works without a password (sudo -n true): with
#       sudo;
#     - as a user whose sudo asks for a password, when standard input is a
#       terminal: sudo -v asks once, then sudo as above. With no terminal
#       (CI, a pipe, cron) there is no one to ask, so it does not try;
#     - else (no sudo, or sudo refused or not askable): prints to stderr,
#       prefixed "WHO: ", the missing packages and the exact line to run as
#       root, and returns 1 without running apt-get.
#   Returns 0 once the packages are in, 1 when they are not (apt-get
#   failed: its own messages, then one line of ours).
# Sets no variable but need_packages_* ones.

need_packages() {
	need_packages_who=$1
	shift
	need_packages_missing=
	for need_packages_p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$need_packages_p" 2>/dev/null |
			grep -q "install ok installed" ||
			need_packages_missing="$need_packages_missing $need_packages_p"
	done
	[ -n "$need_packages_missing" ] || return 0

	if [ "$(id -u)" -eq 0 ]; then
		need_packages_sudo=
	elif ! command -v sudo >/dev/null 2>&1; then
		need_packages_why="sudo is not installed"
		need_packages_sudo=no
	elif sudo -n true 2>/dev/null; then
		need_packages_sudo=sudo
	elif [ -t 0 ]; then
		echo "$need_packages_who: installing$need_packages_missing needs root; sudo asks for your password"
		if sudo -v; then
			need_packages_sudo=sudo
		else
			need_packages_why="sudo did not let you in"
			need_packages_sudo=no
		fi
	else
		need_packages_why="sudo needs a password and there is no terminal to ask for it on"
		need_packages_sudo=no
	fi
	if [ "$need_packages_sudo" = no ]; then
		{
			echo "$need_packages_who: missing Debian packages:$need_packages_missing"
			echo "$need_packages_who: installing them needs root, and $need_packages_why."
			echo "$need_packages_who: run this as root, then run $0 again:"
			echo "apt-get update && apt-get install --no-install-recommends$need_packages_missing"
		} >&2
		return 1
	fi

	echo "$need_packages_who: installing:$need_packages_missing${need_packages_sudo:+ (with sudo)}"
	# sudo resets the environment: env passes DEBIAN_FRONTEND through it.
	# shellcheck disable=SC2086 # the package list splits on purpose
	if $need_packages_sudo apt-get update -qq &&
		$need_packages_sudo env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $need_packages_missing; then
		return 0
	fi
	echo "$need_packages_who: apt-get could not install:$need_packages_missing" >&2
	return 1
}
