#!/bin/sh
# run.sh: the entry point. Installs what is missing (as root), builds, runs
# the six stages on a folder of submissions and publishes the run.
#
#   ./run.sh [INPUT_DIR] [--out DIR] [--master FILE] [--methodology DIR]
#            [--lang id|en] [--piped]
#
# INPUT_DIR defaults to the bundled fixtures/submissions. Each run gets its
# own folder DIR/runs/<UTC time>; DIR/latest is switched to it, atomically,
# only once every output was written and the accounting balanced. A failed
# run publishes nothing and leaves DIR/latest where it was. --piped runs
# the six stage programs as a shell pipeline instead of the one-process
# driver (same outputs; slower; shows each stage on its own).
# Exit codes: docs/exit-codes.md (0 success, 64 usage, 75 locked, ...).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
input="$here/fixtures/submissions"
out="$here/out"
master=""
methodology=""
lang="id"
piped=0

usage() {
	sed -n '4,5p' "$0" | sed 's/^# *//' >&2
	exit 64
}

while [ $# -gt 0 ]; do
	case "$1" in
	--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	--master) [ $# -ge 2 ] || usage; master=$2; shift 2 ;;
	--methodology) [ $# -ge 2 ] || usage; methodology=$2; shift 2 ;;
	--lang) [ $# -ge 2 ] || usage; lang=$2; shift 2 ;;
	--piped) piped=1; shift ;;
	-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "run.sh: error: unknown option '$1'" >&2; usage ;;
	*) input=$1; shift ;;
	esac
done

"$here/scripts/deps.sh" || exit 69
# INDEKS_BIN runs another build's programs (the tests use it to run this
# script under the sanitizers); otherwise build the checkout's own.
if [ -n "${INDEKS_BIN:-}" ]; then
	bin=$INDEKS_BIN
else
	make -s -C "$here" all >&2 || exit 70
	bin="$here/bin"
fi

mkdir -p "$out/runs"
# One run at a time per output folder: a second one exits at once.
exec 9>"$out/.lock"
if ! flock -n 9; then
	echo "run.sh: error: another run is using '$out' (lock '$out/.lock')" >&2
	exit 75
fi

id=$(date -u +%Y%m%dT%H%M%SZ)
n=1
run="$out/runs/$id"
while [ -e "$run" ]; do
	n=$((n + 1))
	run="$out/runs/$id-$n"
done

set -- --lang "$lang"
[ -n "$master" ] && set -- "$@" --master "$master"
[ -n "$methodology" ] && set -- "$@" --methodology "$methodology"

status=0
if [ "$piped" -eq 1 ]; then
	# pipefail is not POSIX: collect each stage's status through a file.
	rcs=$(mktemp)
	{
		{ "$bin/indeks-ingest" --lang "$lang" "$input"; echo "ingest $?" >>"$rcs"; } |
		{ "$bin/indeks-normalize" --lang "$lang"; echo "normalize $?" >>"$rcs"; } |
		{ "$bin/indeks-validate" "$@"; echo "validate $?" >>"$rcs"; } |
		{ "$bin/indeks-score" "$@"; echo "score $?" >>"$rcs"; } |
		{ "$bin/indeks-rank"; echo "rank $?" >>"$rcs"; } |
		{ "$bin/indeks-emit" --lang "$lang" --out "$run"; echo "emit $?" >>"$rcs"; }
	}
	status=$(awk '$2 != 0 { print $2; exit }' "$rcs")
	status=${status:-0}
	rm -f "$rcs"
else
	"$bin/indeks" run "$@" --out "$run" "$input" || status=$?
fi

if [ "$status" -ne 0 ]; then
	echo "run.sh: error: the run failed (exit $status); '$out/latest' is unchanged" >&2
	exit "$status"
fi

# Switch latest atomically: a new link, renamed over the old one.
ln -sfn "runs/$(basename "$run")" "$out/.latest.new"
mv -T "$out/.latest.new" "$out/latest"
echo "run.sh: published $run" >&2
cat "$run/summary.txt" >&2
