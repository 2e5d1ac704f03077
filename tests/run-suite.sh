#!/bin/sh
# Runs every test against one build variant: the cmocka unit binaries, the
# golden cases and the end-to-end scripts. Prints one line per test and,
# last, "N passed, N failed" (cmocka cases count one each).
#   tests/run-suite.sh BUILD_DIR      e.g. build or build/san
# TEST_ONLY (environment), when set, names the tests to run, as they are
# printed (unit/test_ingest e2e/jobs golden/...); the others are skipped.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
cd "$root" || exit 1
export INDEKS_ROOT="$root" INDEKS_BIN="$build/bin"
passed=0
failed=0
log=$(mktemp)

ok() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
wanted() { [ -z "${TEST_ONLY:-}" ] || case " $TEST_ONLY " in *" $1 "*) true ;; *) false ;; esac; }
# The cases cmocka reports as PASSED or FAILED, summed over the groups of
# a test program; empty when it reports none.
cases() { sed -n "s/^\[  $1  \] \([0-9]*\) test.*/\1/p" "$log" | awk '{ s += $1 } END { if (NR) print s }'; }
bad() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; sed 's/^/      /' "$log" | tail -n 40; }

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=unit/$(basename "$t")
	wanted "$name" || continue
	if "$t" >"$log" 2>&1; then
		n=$(cases PASSED)
		passed=$((passed + ${n:-1}))
		printf 'ok    %s (%s cases)\n' "$name" "${n:-1}"
	else
		n=$(cases FAILED)
		p=$(cases PASSED)
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${n:-1} - 1))
		bad "$name"
	fi
done

for c in tests/golden/*/; do
	c=${c%/}
	[ -f "$c/cmd" ] || continue
	wanted "golden/$(basename "$c")" || continue
	if tests/tools/golden.sh "$c" >"$log" 2>&1; then ok "golden/$(basename "$c")"; else bad "golden/$(basename "$c")"; fi
done

for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	wanted "e2e/$(basename "$t" .sh)" || continue
	if sh "$t" >"$log" 2>&1; then ok "e2e/$(basename "$t" .sh)"; else bad "e2e/$(basename "$t" .sh)"; fi
done

rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
