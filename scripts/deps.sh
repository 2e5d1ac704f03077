#!/bin/sh
# Installs the Debian packages indeks needs; used by ./run.sh (to build
# and run) and `make test` (to test as well). As root it installs what is
# missing; otherwise it names exactly what is missing and the command that
# installs it.
#   scripts/deps.sh [run|test]      (default: test, everything)
set -eu

# Build and run: what a nightly machine needs.
RUN_PACKAGES="gcc make pkg-config libcsv-dev zlib1g-dev libxml2-dev"
# Tests add cmocka (unit tests), python3 (reference implementation and the
# csv-spectrum conformance check), postgresql (a throwaway server and
# psql for the warehouse round trip, tests/e2e/warehouse_pg.sh) and
# chromium (report.html opened in a real browser, tests/e2e/report_browser.sh).
TEST_PACKAGES="libcmocka-dev python3 postgresql chromium"

case "${1:-test}" in
run) PACKAGES=$RUN_PACKAGES ;;
test) PACKAGES="$RUN_PACKAGES $TEST_PACKAGES" ;;
*) echo "usage: scripts/deps.sh [run|test]" >&2; exit 64 ;;
esac

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
