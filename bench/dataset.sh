#!/bin/sh
# bench/dataset.sh SIZE: prints the folder of the benchmark data set of SIZE
# innovations (40k, 1M, 4M or a number), generating it with bench/gen unless
# the cached one (BENCH_DATA/SIZE) was made by the same generator, seed,
# master list and methodology. Used by run.sh and check.sh.
#
# Settings: BENCH_SEED (default 2023), BENCH_DATA (default bench/data),
# BUILD (default build: the generator is BUILD/bench/gen).
# Exit status: 0 done, 1 generation failed, 64 bad size, 69 no generator.
set -eu
cd "$(dirname "$0")/.."

BENCH_SEED=${BENCH_SEED:-2023}
BENCH_DATA=${BENCH_DATA:-bench/data}
GEN="${BUILD:-build}/bench/gen"

[ $# -eq 1 ] || { echo "usage: bench/dataset.sh SIZE" >&2; exit 64; }
size=$1
case "$size" in
*[kK]) n=$((${size%?} * 1000)) ;;
*[mM]) n=$((${size%?} * 1000000)) ;;
*[!0-9]* | "") echo "bench: not a size: '$size' (use 40k, 1M, 4M or a number)" >&2; exit 64 ;;
*) n=$size ;;
esac
[ -x "$GEN" ] || { echo "bench: $GEN missing: run make bench" >&2; exit 69; }

dir="$BENCH_DATA/$size"
# What the files depend on; a change to any regenerates them.
stamp="seed $BENCH_SEED innovations $n $(cat bench/gen.c master/regions.csv \
	methodology/iid-2023/method.conf methodology/iid-2023/indicators.csv | cksum)"
if [ -d "$dir" ] && [ "$(cat "$dir.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$dir"
	exit 0
fi
echo "bench: generating $size ($n innovations) in $dir" >&2
rm -rf "$dir" "$dir.tmp" "$dir.stamp"
mkdir -p "$BENCH_DATA"
# Into a temporary folder first: an interrupted generation is never taken
# for a data set.
"$GEN" --seed "$BENCH_SEED" --innovations "$n" --out "$dir.tmp" >&2 || exit 1
mv "$dir.tmp" "$dir"
echo "$stamp" >"$dir.stamp"
echo "$dir"
