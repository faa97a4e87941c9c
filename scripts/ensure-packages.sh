#!/bin/sh
# ensure-packages.sh PKG...: installs the Debian packages of the list that
# are missing (as root, with apt-get), without letting them start daemons.
# Elsewhere it only says what is missing; the test suites then skip what
# they cannot run. As root, a package it cannot install is an error (exit
# 1): CI must not go on to skip the tests that needed it. Used by
# 'make test', 'make demo' and .ci/run.

# not_installed PKG...: those of the list dpkg does not have installed
not_installed() {
	for pkg; do
		dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q ' installed$' ||
			printf ' %s' "$pkg"
	done
}

missing=$(not_installed "$@")
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "note: missing packages:$missing (install them as root with apt-get)" >&2
	exit 0
fi

echo "installing:$missing" >&2
# policy-rc.d: no service starts on install (a DHCP server must not start
# on the machine's own interfaces).
policy=/usr/sbin/policy-rc.d
created_policy=
if [ ! -e $policy ]; then
	printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy && created_policy=1
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >"${TMPDIR:-/tmp}/apt.$$" 2>&1 ||
	{ apt-get update -q >/dev/null 2>&1 &&
	  apt-get install -y -q --no-install-recommends $missing >"${TMPDIR:-/tmp}/apt.$$" 2>&1; }
[ -n "$created_policy" ] && rm -f $policy
# shellcheck disable=SC2086
still=$(not_installed $missing)
if [ -n "$still" ]; then
	echo "error: could not install:$still" >&2
	tail -n 5 "${TMPDIR:-/tmp}/apt.$$" >&2
	rm -f "${TMPDIR:-/tmp}/apt.$$"
	exit 1
fi
rm -f "${TMPDIR:-/tmp}/apt.$$"
exit 0
