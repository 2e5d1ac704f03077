#!/bin/sh
# Installs the peers `make bench` compares indeks with, doing the same job:
# DuckDB through its npm package (@duckdb/node-api, into bench/node_modules,
# never committed) and pandas from Debian (python3-pandas, for the system
# python3). As root it installs what is missing with apt; as another user it
# names what is missing. The peers are optional: run.sh measures what is
# installed and says what it skipped.
set -eu
cd "$(dirname "$0")"

# One version, so that numbers from two machines compare the same DuckDB.
DUCKDB_NODE_VERSION=${DUCKDB_NODE_VERSION:-1.5.6-r.1}

root=0
[ "$(id -u)" -eq 0 ] && root=1

apt_install() {
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends "$@" >&2
}

status=0

if ! command -v npm >/dev/null 2>&1; then
	if [ $root -eq 1 ]; then
		echo "install-peers: installing nodejs and npm" >&2
		apt_install nodejs npm
	else
		echo "install-peers: npm missing: sudo apt-get install nodejs npm" >&2
		status=1
	fi
fi
if command -v npm >/dev/null 2>&1; then
	if [ -f node_modules/@duckdb/node-api/package.json ] &&
	   grep -q "\"version\": \"$DUCKDB_NODE_VERSION\"" node_modules/@duckdb/node-api/package.json; then
		echo "install-peers: @duckdb/node-api $DUCKDB_NODE_VERSION already installed" >&2
	else
		echo "install-peers: installing @duckdb/node-api $DUCKDB_NODE_VERSION into bench/node_modules" >&2
		# --no-save: nothing to commit but node_modules, which is ignored.
		npm install --prefix . --no-save --no-package-lock --no-audit --no-fund \
			--loglevel=error "@duckdb/node-api@$DUCKDB_NODE_VERSION" >&2
	fi
fi

# Debian's pandas lives with Debian's python3, not with any other python
# first on PATH.
if ! /usr/bin/python3 -c 'import pandas' >/dev/null 2>&1; then
	if [ $root -eq 1 ]; then
		echo "install-peers: installing python3-pandas" >&2
		apt_install python3-pandas
	else
		echo "install-peers: pandas missing: sudo apt-get install python3-pandas" >&2
		status=1
	fi
fi
exit $status
