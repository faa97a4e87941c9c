#!/bin/sh
# ensure-packages.sh PKG...: installs the Debian packages of the list that
# are missing (as root, with apt-get), without letting them start daemons.
# Elsewhere it only says what is missing; the test suites then skip what
# they cannot run. Used by 'make test', 'make demo' and .ci/run.

missing=
for pkg in "$@"; do
	dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q ' installed$' ||
		missing="$missing $pkg"
done
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
apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 ||
	{ apt-get update -q >/dev/null 2>&1 &&
	  apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; } ||
	echo "warning: could not install:$missing" >&2
[ -n "$created_policy" ] && rm -f $policy
exit 0
