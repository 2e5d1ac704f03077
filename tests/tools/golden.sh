#!/bin/sh
# Runs one golden case: a folder with a `cmd` script, its inputs, and
# expected/ holding what it must produce: `status` (exit code), `stdout`,
# `stderr` when present, and `out/` (files the command writes under out/).
# The case runs in a scratch copy, with the build's programs on PATH.
#   tests/tools/golden.sh CASE_DIR           check
#   UPDATE_GOLDEN=1 tests/tools/golden.sh CASE_DIR   (re)write expected/,
#   then review the change with `git diff` before committing it.
set -u
case_dir=$(cd "$1" && pwd)
bin=${INDEKS_BIN:?INDEKS_BIN must name the bin folder of a build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir"/. "$work"/
rm -rf "$work/expected"
cd "$work" || exit 1
PATH="$bin:$PATH" INDEKS_ROOT=${INDEKS_ROOT:-} sh ./cmd >"$work/.stdout" 2>"$work/.stderr"
status=$?
# Messages name the build folder; drop it so both variants compare equal.
sed -i "s|$bin/||g" "$work/.stderr"

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	rm -rf "$case_dir/expected"
	mkdir -p "$case_dir/expected"
	echo "$status" >"$case_dir/expected/status"
	cp "$work/.stdout" "$case_dir/expected/stdout"
	[ -s "$work/.stderr" ] && cp "$work/.stderr" "$case_dir/expected/stderr"
	[ -d "$work/out" ] && cp -R "$work/out" "$case_dir/expected/out"
	echo "updated $case_dir/expected"
	exit 0
fi

fail=0
want=$(cat "$case_dir/expected/status")
if [ "$status" != "$want" ]; then
	echo "exit status $status, expected $want"
	fail=1
fi
if ! diff -u "$case_dir/expected/stdout" "$work/.stdout"; then fail=1; fi
if [ -f "$case_dir/expected/stderr" ] && ! diff -u "$case_dir/expected/stderr" "$work/.stderr"; then
	fail=1
fi
if [ -d "$case_dir/expected/out" ] || [ -d "$work/out" ]; then
	if ! diff -ru "$case_dir/expected/out" "$work/out"; then fail=1; fi
fi
[ "$fail" -eq 0 ] || { echo "--- stderr:"; cat "$work/.stderr"; }
exit "$fail"
