#!/bin/sh
# Installs the Debian packages indeks needs to build, run and test; used by
# ./run.sh and `make test`. As root it installs what is missing; otherwise
# it names exactly what is missing and the command that installs it.
set -eu

# build and run; test adds cmocka (unit tests) and python3 (reference
# implementation and the csv-spectrum conformance check).
PACKAGES="gcc make pkg-config libcsv-dev zlib1g-dev libxml2-dev libcmocka-dev python3"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "indeks: installing missing Debian packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
	exit 0
fi

echo "indeks: missing Debian packages:$missing" >&2
echo "indeks: install them with: sudo apt-get install$missing" >&2
exit 1
