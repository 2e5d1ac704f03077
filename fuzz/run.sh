#!/bin/sh
# make fuzz: builds the libFuzzer targets with clang (build/fuzz/) and runs
# each, one after the other, for FUZZ_SECONDS seconds (default 60).
#   FUZZ_SECONDS=600 FUZZ_TARGETS="csv xml headers" fuzz/run.sh
# Seeds come from fuzz/corpus/<target>/ (kept in git); what the fuzzer
# learns goes to build/fuzz/corpus/<target>/ and a crash or a failed check
# to build/fuzz/artifacts/<target>/. Minimize a crash with
#   build/fuzz/fuzz_<target> -minimize_crash=1 -runs=100000 CRASH
# and keep the result in tests/fuzz/<target>/, where make test replays it.
# Prints, per target, the seconds run and the executions done.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-csv xml headers}
cc=${FUZZ_CC:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "make fuzz: needs clang with libFuzzer (apt-get install clang)" >&2
	exit 69
fi
flags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
make -s BUILD=build/fuzz CC="$cc" CFLAGS="$flags -fsanitize=fuzzer-no-link" build/fuzz/libindeks.a
cflags="-std=c11 -D_GNU_SOURCE -Ipipeline -Istages -Ifuzz $(pkg-config --cflags libxml-2.0 zlib)"
libs="$(pkg-config --libs libxml-2.0 zlib) -lcsv"
status=0
for t in $targets; do
	bin=build/fuzz/fuzz_$t
	# shellcheck disable=SC2086
	"$cc" $flags -fsanitize=fuzzer $cflags -o "$bin" "fuzz/fuzz_$t.c" build/fuzz/libindeks.a $libs
	mkdir -p "build/fuzz/corpus/$t" "build/fuzz/artifacts/$t"
	log=build/fuzz/fuzz_$t.log
	start=$(date +%s)
	if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="build/fuzz/artifacts/$t/" \
		"build/fuzz/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
		result=ok
	else
		result="FOUND SOMETHING (see $log and build/fuzz/artifacts/$t/)"
		status=1
	fi
	end=$(date +%s)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	echo "fuzz_$t: $((end - start)) s, ${execs:-?} executions, $result"
done
exit "$status"
