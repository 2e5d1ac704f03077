#!/bin/sh
# bench/check.sh [SIZE]: the peers compute what indeks computes. Runs the
# pipeline, DuckDB (bench/iid.sql) and pandas (bench/iid_pandas.py) on the
# benchmark data set of SIZE innovations (default 40k, a national year) and
# compares every region's SPD, SID, J, D, counts, IID, predicate and ranks
# with indeks's regions.csv (tests/reference/compare_regions.py).
#
# A timing of a peer that computes something else compares nothing, so
# run.sh makes the same comparison on every size it times; this script is
# the quick check on its own, without timing.
#
# Exit status: 0 every peer agrees, 1 a peer differs or fails, 69 a peer or
# a program missing (bench/install-peers.sh, make bench).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
size=${1:-40k}

[ -x "$BUILD/bin/indeks" ] || { echo "check: $BUILD/bin/indeks missing: run make" >&2; exit 69; }
if ! command -v node >/dev/null 2>&1 || [ ! -f bench/node_modules/@duckdb/node-api/package.json ]; then
	echo "check: DuckDB missing: run bench/install-peers.sh" >&2
	exit 69
fi
/usr/bin/python3 -c 'import pandas' >/dev/null 2>&1 ||
	{ echo "check: pandas missing: run bench/install-peers.sh" >&2; exit 69; }

data=$(BUILD="$BUILD" bench/dataset.sh "$size")
work=$(mktemp -d "${TMPDIR:-/tmp}/indeks-check.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

"$BUILD/bin/indeks" run --out "$work/run" "$data" || { echo "check: indeks failed" >&2; exit 1; }
node bench/duckdb_iid.mjs --input "$data" --out "$work/duckdb.csv" ||
	{ echo "check: DuckDB failed" >&2; exit 1; }
/usr/bin/python3 bench/iid_pandas.py --input "$data" --out "$work/pandas.csv" ||
	{ echo "check: pandas failed" >&2; exit 1; }

status=0
for peer in duckdb pandas; do
	if python3 tests/reference/compare_regions.py "$work/$peer.csv" "$work/run/regions.csv"; then
		echo "check: $peer agrees with indeks on every region ($size)"
	else
		echo "check: FAIL: $peer differs from indeks on $size (above)" >&2
		status=1
	fi
done
exit $status
