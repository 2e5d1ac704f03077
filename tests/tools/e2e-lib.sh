# Sourced by the end-to-end tests: paths, a scratch folder removed on exit,
# and assertions that say what differed.
set -u
ROOT=${INDEKS_ROOT:?run through tests/run-suite.sh}
BIN=${INDEKS_BIN:?run through tests/run-suite.sh}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

die() {
	echo "FAILED: $*" >&2
	exit 1
}

# expect_status WANT CMD...: runs CMD, checks its exit status exactly.
expect_status() {
	want=$1
	shift
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	got=$?
	[ "$got" = "$want" ] || { cat "$TMP/.err" >&2; die "'$*' exited $got, expected $want"; }
}

# The whole pipeline in one process on INPUT into a new run folder OUT.
indeks_run() {
	"$BIN/indeks" run --master "$ROOT/master/regions.csv" \
		--methodology "$ROOT/methodology" "$@"
}
