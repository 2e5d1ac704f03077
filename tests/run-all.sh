#!/bin/sh
# make test: builds the default and the sanitizer variants, runs the whole
# suite on each, then the tests that run several threads under
# ThreadSanitizer, and ends with one line "N passed, N failed" for all.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
jobs=$(nproc 2>/dev/null || echo 2)
total_p=0
total_f=0
run_variant() {
	label=$1
	shift
	echo "== $label"
	if ! make -s -j"$jobs" "$@" all unit >/dev/null; then
		echo "FAIL  build ($label)"
		total_f=$((total_f + 1))
		return
	fi
	out=$(mktemp)
	tests/run-suite.sh "$build" | tee "$out"
	line=$(tail -n 1 "$out")
	rm -f "$out"
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	total_p=$((total_p + ${p:-0}))
	total_f=$((total_f + ${f:-1}))
}
build=build
run_variant "default build" BUILD=build
build=build/san
# LeakSanitizer is part of ASan here; abort on the first report.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1
run_variant "AddressSanitizer + UndefinedBehaviorSanitizer" BUILD=build/san \
	CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
build=build/tsan
# Every thread of indeks run: ingest's readers (test_ingest, jobs), score's
# regions (test_score), emit's writers (test_emit), the spill's second
# reader (test_spill), the handoff (test_handoff, jobs, fixtures_run). A
# data race is reported and fails the test.
export TSAN_OPTIONS=halt_on_error=1:exitcode=66
export TEST_ONLY="unit/test_handoff unit/test_ingest unit/test_score unit/test_emit unit/test_spill e2e/jobs e2e/fixtures_run"
run_variant "ThreadSanitizer (the tests that run threads)" BUILD=build/tsan \
	CFLAGS="-O1 -g -fsanitize=thread"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
