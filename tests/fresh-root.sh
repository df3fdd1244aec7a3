#!/bin/sh
# fresh-root.sh: proves the README's two commands on a fresh Debian 12.
#
# Builds a minimal Debian 12 (bookworm) root with debootstrap, from the
# Debian mirror the host's apt is configured with; clones this repository
# (its HEAD, committed work only) into it with ../shared beside it when
# the host has it; installs only what the README asks for first (git,
# make); then runs `make demo` and `make check` inside, as root, exactly
# as a new user would.  Prints the last lines of each and exits non-zero
# when either fails.  Not part of `make check`: it needs root, network to
# the Debian mirror, about 2 GB of disk and 10-20 minutes.
#
#   sh tests/fresh-root.sh [ROOTDIR]	(default: a new directory in /var/tmp)
#
# KEEP=1 leaves the root in place for a look inside
# (chroot ROOTDIR /bin/bash); it is removed otherwise.
set -eu

[ "$(id -u)" = 0 ] || { echo "fresh-root.sh: run as root" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$(mktemp -d /var/tmp/pia-fresh.XXXXXX)}
log=$root.log

if ! command -v debootstrap >/dev/null 2>&1; then
	echo "fresh-root.sh: installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap \
	    >/dev/null
fi

# The mirror the host uses (deb822 sources or a one-line list).
mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ \
    { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { echo "fresh-root.sh: no Debian mirror in the host's apt sources" >&2; exit 2; }

mounted=""
cleanup() {
	for m in $mounted; do umount -l "$root$m" 2>/dev/null || true; done
	if [ "${KEEP:-0}" != 1 ]; then
		rm -rf "$root"
	else
		echo "fresh-root.sh: root kept in $root"
	fi
}
trap cleanup EXIT INT TERM

echo "fresh-root.sh: debootstrap bookworm into $root (log: $log)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log" 2>&1 || {
	tail -n 20 "$log"; exit 1; }

for m in /proc /sys /dev /dev/pts; do
	mount --bind "$m" "$root$m"
	mounted="$m $mounted"
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# The clone as a user makes it, and the shared data beside it.
mkdir -p "$root/work"
git clone -q "$repo" "$root/work/pia"
if [ -d "$repo/../shared" ]; then
	cp -r "$repo/../shared" "$root/work/shared"
fi

run() {
	chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	    LANG=C.UTF-8 /bin/sh -c "$1"
}

echo "fresh-root.sh: apt-get install git make (the README's first step)"
run 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git make >/dev/null'

rc=0
echo "fresh-root.sh: make demo"
if run 'cd /work/pia && make demo' >"$root.demo" 2>&1; then
	echo "make demo: ok"
else
	echo "make demo: FAILED"; rc=1
fi
tail -n 8 "$root.demo"

echo "fresh-root.sh: make check"
if run 'cd /work/pia && make check' >"$root.check" 2>&1; then
	echo "make check: ok"
else
	echo "make check: FAILED"; rc=1
fi
grep -E '^FAIL' "$root.check" | head -n 20 || true
tail -n 3 "$root.check"
echo "fresh-root.sh: logs: $log $root.demo $root.check"
exit $rc
