#!/bin/sh
# bench/run.sh: what `make bench` runs (docs/performance.md reads its output).
#
# For each size, on the same generated data set: the libcsv parse floor
# (bench/parse_floor), the whole pipeline (`indeks run`: every stage, every
# default output, into a fresh folder each time) and, when installed
# (bench/install-peers.sh), DuckDB running bench/iid.sql and pandas running
# bench/iid_pandas.py. Prints wall time, CPU time (user + system), peak
# memory (maximum resident set), MB/s of input and the ratios to the floor
# and to DuckDB, and adds the table to bench/results-<UTC date>.md. The
# peers' per-region results are compared with the pipeline's regions.csv
# (tests/reference/compare_regions.py): a peer that computes something else
# is no comparison, so a difference fails the run.
#
# Settings (environment):
#   BENCH_SIZES       sizes to run, in innovations (default "40k 1M 4M")
#   BENCH_RUNS        runs per program and size; the fastest counts (default 3
#                     below 1M innovations, 1 from 1M up)
#   BENCH_SEED        generator seed (default 2023)
#   BENCH_DATA        where data sets are cached (default bench/data)
#   BENCH_PEERS       peers to run if installed (default "duckdb pandas")
#   BENCH_PANDAS_MAX  largest size pandas runs at (default 1M: it needs about
#                     3.7 GB at 1M and grows with the records)
#   BUILD             the build folder with bin/indeks and bench/ (default build)
#   BENCH_RESULTS     where the table is added (default bench/results-<date>.md)
#   BENCH_LABEL       what to call the indeks measured in the results, when
#                     BUILD is not this checkout's build (e.g. "indeks 1a2b3c4")
#
# Data sets are generated once (bench/gen) and kept while the generator, the
# seed and the master list are unchanged. Wall times on a machine with other
# work running vary: the CPU time is the steadier number.
#
# Exit status: 0 done, 1 a program failed or a peer's results differ,
# 69 a required program missing (build it with `make bench`).
set -eu
cd "$(dirname "$0")/.."

BENCH_SIZES=${BENCH_SIZES:-"40k 1M 4M"}
BENCH_RUNS=${BENCH_RUNS:-}
BENCH_SEED=${BENCH_SEED:-2023}
BENCH_DATA=${BENCH_DATA:-bench/data}
BENCH_PEERS=${BENCH_PEERS:-"duckdb pandas"}
BENCH_PANDAS_MAX=${BENCH_PANDAS_MAX:-1M}
BUILD=${BUILD:-build}

INDEKS="$BUILD/bin/indeks"
GEN="$BUILD/bench/gen"
FLOOR="$BUILD/bench/parse_floor"
TIME=/usr/bin/time

say() { printf '%s\n' "$*" >&2; }
die() {
	say "bench: error: $*"
	exit 1
}

for prog in "$INDEKS" "$GEN" "$FLOOR"; do
	[ -x "$prog" ] || { say "bench: $prog missing: run make bench"; exit 69; }
done
# GNU time reports peak memory; the shell's time keyword does not.
[ -x "$TIME" ] || { say "bench: $TIME missing: apt-get install time"; exit 69; }

# "40k" -> 40000, "1M" -> 1000000; a plain number is taken as is.
count_of() {
	case "$1" in
	*[kK]) echo $((${1%?} * 1000)) ;;
	*[mM]) echo $((${1%?} * 1000000)) ;;
	*[!0-9]* | "") die "not a size: '$1' (use 40k, 1M, 4M or a number)" ;;
	*) echo "$1" ;;
	esac
}

have_duckdb() {
	case " $BENCH_PEERS " in *" duckdb "*) ;; *) return 1 ;; esac
	command -v node >/dev/null 2>&1 && [ -f bench/node_modules/@duckdb/node-api/package.json ]
}

have_pandas() {
	case " $BENCH_PEERS " in *" pandas "*) ;; *) return 1 ;; esac
	/usr/bin/python3 -c 'import pandas' >/dev/null 2>&1
}

# measure NAME COMMAND...: runs COMMAND BENCH_RUNS times and appends
# "NAME wall cpu peak_kb" of the fastest run to $results; $fresh, when set,
# is a folder removed before each run (outside the timing). The command's
# output goes to $work/NAME.log; a failure stops the bench.
measure() {
	name=$1
	shift
	best=""
	i=1
	while [ "$i" -le "$runs" ]; do
		[ -n "${fresh:-}" ] && rm -rf "$fresh"
		if ! "$TIME" -f '%e %U %S %M' -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1; then
			cat "$work/$name.log" >&2
			die "$name failed on $size (log above)"
		fi
		line=$(tail -n 1 "$work/$name.time")
		wall=${line%% *}
		if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
			best=$line
		fi
		i=$((i + 1))
	done
	# wall, user + system, peak KB
	echo "$best" | awk -v n="$name" '{ printf "%s %s %.2f %s\n", n, $1, $2 + $3, $4 }' >>"$results"
}

# Which indeks was measured: the checkout's commit only when the binary is
# the checkout's own build; a build elsewhere is named by BENCH_LABEL.
describe_indeks() {
	if [ -n "${BENCH_LABEL:-}" ]; then
		echo "$BENCH_LABEL"
	elif [ "$BUILD" = build ]; then
		printf 'indeks %s' "$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
		git diff --quiet HEAD -- pipeline stages 2>/dev/null ||
			printf ' with uncommitted changes to pipeline/ or stages/'
	else
		echo "indeks from a build folder outside this checkout (BENCH_LABEL unset)"
	fi
}

date=$(date -u +%Y-%m-%d)
out=${BENCH_RESULTS:-bench/results-$date.md}
work=$(mktemp -d "${TMPDIR:-/tmp}/indeks-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
table="$work/table.md"

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
{
	echo "# indeks benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Machine: $(nproc) cores ($cpu), $mem memory; load average at the start $load_start."
	echo "Fastest of ${BENCH_RUNS:-3 (1 from 1M up)} runs per program and size; data seed $BENCH_SEED;"
	echo "$(describe_indeks); binary checksum $(cksum <"$INDEKS" | cut -d' ' -f1)."
	echo "CPU = user + system seconds; peak = maximum resident set; MB/s = input MB / wall;"
	echo "x floor = wall / the floor's wall, x floor CPU = CPU / the floor's CPU, x DuckDB = wall / DuckDB's wall."
	echo
	echo "| size | files | input MB | program | wall s | CPU s | peak MB | MB/s | x floor | x floor CPU | x DuckDB |"
	echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$table"

status=0
for size in $BENCH_SIZES; do
	n=$(count_of "$size")
	runs=${BENCH_RUNS:-$([ "$n" -lt 1000000 ] && echo 3 || echo 1)}
	data=$(BUILD="$BUILD" BENCH_SEED="$BENCH_SEED" BENCH_DATA="$BENCH_DATA" \
		bench/dataset.sh "$size") || die "no data set for $size"
	results="$work/results.$size"
	: >"$results"

	# One untimed pass reads every file into the page cache, so the first
	# program measured does not pay for the disk and the others not.
	"$FLOOR" "$data" >"$work/floor.count"
	read -r _ files _ bytes _ records _ fields _ errors <"$work/floor.count"
	[ "$errors" -eq 0 ] || die "libcsv found $errors errors in $data"
	say "bench: $size: $files files, $bytes bytes, $records records, $fields fields"

	measure floor "$FLOOR" "$data"

	# A fresh run folder each time: nothing of a run is reused.
	fresh="$work/run"
	measure indeks "$INDEKS" run --out "$work/run" "$data"
	fresh=""
	cp "$work/run/regions.csv" "$work/indeks.regions.csv"
	rm -rf "$work/run"

	if have_duckdb; then
		measure duckdb node bench/duckdb_iid.mjs --input "$data" --out "$work/duckdb.csv"
		if ! python3 tests/reference/compare_regions.py "$work/duckdb.csv" \
			"$work/indeks.regions.csv" >"$work/cmp.log" 2>&1; then
			cat "$work/cmp.log" >&2
			say "bench: FAIL: DuckDB's per-region results differ from indeks on $size"
			status=1
		else
			say "bench: $size: DuckDB $(tail -n 1 "$work/cmp.log")"
		fi
	else
		say "bench: DuckDB not installed or not asked for (bench/install-peers.sh)"
	fi

	if have_pandas && [ "$n" -le "$(count_of "$BENCH_PANDAS_MAX")" ]; then
		measure pandas /usr/bin/python3 bench/iid_pandas.py --input "$data" --out "$work/pandas.csv"
		if ! python3 tests/reference/compare_regions.py "$work/pandas.csv" \
			"$work/indeks.regions.csv" >"$work/cmp.log" 2>&1; then
			cat "$work/cmp.log" >&2
			say "bench: FAIL: pandas' per-region results differ from indeks on $size"
			status=1
		else
			say "bench: $size: pandas $(tail -n 1 "$work/cmp.log")"
		fi
	elif have_pandas; then
		say "bench: pandas skipped at $size (BENCH_PANDAS_MAX=$BENCH_PANDAS_MAX)"
	else
		say "bench: pandas not installed or not asked for (bench/install-peers.sh)"
	fi

	awk -v size="$size" -v files="$files" -v bytes="$bytes" '
		{ name[NR] = $1; wall[NR] = $2; cpu[NR] = $3; peak[NR] = $4
		  if ($1 == "floor") { floor = $2; fcpu = $3 }
		  if ($1 == "duckdb") duck = $2 }
		END {
			mb = bytes / 1e6
			for (i = 1; i <= NR; i++) {
				w = wall[i] > 0 ? wall[i] : 0.01
				xf = floor > 0 ? sprintf("%.1f", w / floor) : "-"
				xc = fcpu > 0 ? sprintf("%.1f", cpu[i] / fcpu) : "-"
				xd = duck > 0 ? sprintf("%.3f", w / duck) : "-"
				printf "| %s | %d | %.1f | %s | %.2f | %.2f | %.0f | %.1f | %s | %s | %s |\n",
					size, files, mb, name[i], wall[i], cpu[i], peak[i] / 1024,
					mb / w, xf, xc, xd
			}
		}' "$results" >>"$table"
done

echo >>"$table"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$table"
# Every run of a day in one file, the newest last.
if [ -s "$out" ]; then
	{ echo; echo "---"; echo; cat "$table"; } >>"$out"
else
	cp "$table" "$out"
fi
cat "$table"
say "bench: table added to $out"
exit $status
