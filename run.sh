#!/bin/sh
# run.sh: the entry point and the nightly job. Installs what is missing (as
# root), builds, runs the six stages on a folder of submissions into a run
# folder of its own, writes the run's manifest and publishes the run.
#
#   ./run.sh [INPUT_DIR] [--out DIR] [--master FILE] [--methodology DIR]
#            [--lang id|en] [--piped] [--keep N] [--max-reject-rate R]
#            [--gzip-level N] [--previous RUN_DIR] [--province 52[,53]]
#            [--year YYYY] [--excel]
#
# INPUT_DIR defaults to the bundled fixtures/submissions. Each run gets its
# own folder DIR/runs/<UTC time> with a `status` file (RUNNING, then
# SUCCEEDED or FAILED <exit code>), run.log (one line per stage), the
# outputs (every CSV also as .csv.gz, level --gzip-level, default 6) and
# manifest.json. DIR/latest is switched to it atomically, and only when the
# run succeeded: a failed or killed run leaves DIR/latest where it was, and
# the next run marks a run folder left RUNNING by a kill "FAILED interrupted".
# Only one run at a time per DIR (exit 75 otherwise). --keep N keeps the N
# newest run folders (default 14), never the one DIR/latest points to.
# --max-reject-rate R fails the run (exit 79, not published) when more than
# R (0 to 1, e.g. 0.05) of the records read were rejected. --piped runs the
# six stage programs as a shell pipeline instead of the one-process driver
# (same outputs; slower; shows each stage on its own). --previous compares
# with an earlier run folder (changes.csv); --province and --year cut the
# files to an analyst's provinces and year, ranks staying national.
# --excel also writes NAME.excel.csv copies for Excel (docs/report.md).
# Exit codes: docs/exit-codes.md; operations: docs/operations.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
input="$here/fixtures/submissions"
out="$here/out"
master=""
methodology=""
lang="id"
piped=0
keep=14
rate=""
gzip_level=6
previous=""
excel=0
province=""
year=""

usage() {
	sed -n '6,9p' "$0" | sed 's/^# *//' >&2
	exit 64
}

# matches VALUE ERE: VALUE, one line, is wholly ERE.
matches() {
	case "$1" in *"
"*) return 1 ;; esac
	printf '%s\n' "$1" | grep -Eqx "$2"
}

bad_value() {
	echo "run.sh: error: $1" >&2
	usage
}

while [ $# -gt 0 ]; do
	case "$1" in
	--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	--master) [ $# -ge 2 ] || usage; master=$2; shift 2 ;;
	--methodology) [ $# -ge 2 ] || usage; methodology=$2; shift 2 ;;
	--lang) [ $# -ge 2 ] || usage; lang=$2; shift 2 ;;
	--piped) piped=1; shift ;;
	--keep)
		[ $# -ge 2 ] || usage
		matches "$2" '[1-9][0-9]{0,5}' || bad_value "--keep takes a number of runs, 1 or more"
		keep=$2; shift 2 ;;
	--max-reject-rate)
		[ $# -ge 2 ] || usage
		# The same shape the programs accept: 0 to 1, at most six decimals.
		matches "$2" '0(\.[0-9]{1,6})?|1(\.0{1,6})?' ||
			bad_value "--max-reject-rate takes a share from 0 to 1, e.g. 0.05"
		rate=$2; shift 2 ;;
	--previous) [ $# -ge 2 ] || usage; previous=$2; shift 2 ;;
	--excel) excel=1; shift ;;
	--province) [ $# -ge 2 ] || usage; province=$2; shift 2 ;;
	--year) [ $# -ge 2 ] || usage; year=$2; shift 2 ;;
	--gzip-level)
		[ $# -ge 2 ] || usage
		matches "$2" '[1-9]' || bad_value "--gzip-level takes a level from 1 to 9"
		gzip_level=$2; shift 2 ;;
	-h|--help) sed -n '2,/^# Exit codes/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "run.sh: error: unknown option '$1'" >&2; usage ;;
	*) input=$1; shift ;;
	esac
done

"$here/scripts/deps.sh" run || exit 69
# INDEKS_BIN runs another build's programs (the tests use it to run this
# script under the sanitizers); otherwise build the checkout's own.
if [ -n "${INDEKS_BIN:-}" ]; then
	bin=$INDEKS_BIN
else
	make -s -C "$here" all >&2 || exit 70
	bin="$here/bin"
fi

mkdir -p "$out/runs" || exit 73
# One run at a time per output folder: a second one exits at once. The
# lock lives as long as the open descriptor, in this shell and in the
# programs it starts, so it is released however the run ends.
exec 9>"$out/.lock"
if ! flock -n 9; then
	echo "run.sh: error: another run is using '$out' (lock '$out/.lock')" >&2
	exit 75
fi

run=""
# One line to stderr and, once the run has its folder, to its run.log.
say() {
	line="$(date -u +%Y-%m-%dT%H:%M:%SZ) run.sh $*"
	# Neither a closed stderr nor a full disk may stop the run half way.
	echo "$line" >&2 || true
	if [ -n "$run" ]; then echo "$line" >>"$run/run.log" || true; fi
}

# status FOLDER TEXT: replaced whole (a new file renamed over the old one),
# so a reader never sees half of it.
set_status() {
	printf '%s\n' "$2" >"$1/.status.tmp" && mv -f "$1/.status.tmp" "$1/status"
}

# Test hook, like pl_testhook.h in the programs: stop at a named point so a
# test can kill the run exactly there. Does nothing unless asked.
pause_at() {
	[ "${INDEKS_TEST_PAUSE_AT:-}" = "$1" ] || return 0
	if [ -n "${INDEKS_TEST_PAUSE_FILE:-}" ]; then
		echo $$ >"$INDEKS_TEST_PAUSE_FILE.tmp" && mv "$INDEKS_TEST_PAUSE_FILE.tmp" "$INDEKS_TEST_PAUSE_FILE"
	fi
	kill -STOP $$
}

# We hold the lock, so a run folder still RUNNING is one whose run was
# killed (kill -9, a reboot): it will never finish. Mark it, and remove
# what killed runs left half-made (staging folders, temporary files).
for st in "$out"/runs/*/status; do
	[ -f "$st" ] || continue
	state=""
	read -r state _ <"$st" || true
	[ "$state" = RUNNING ] || continue
	d=$(dirname "$st")
	set_status "$d" "FAILED interrupted" || true
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) run.sh marked FAILED interrupted by the next run: it stopped without finishing" >>"$d/run.log" || true
	say "run $(basename "$d") was left RUNNING by a run that was killed: marked FAILED interrupted"
done
rm -rf "$out"/runs/.new-* "$out"/runs/.*.tmp-* "$out"/runs/*/.staging-* \
	"$out"/runs/*/.status.tmp "$out"/runs/*/.rcs
rm -f "$out/.latest.new"

# The run folder: made hidden with its status, then renamed into place, so
# no run folder ever exists without a status.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
started=$now
stamp=$(echo "$now" | tr -d ':-')
new="$out/runs/.new-$$"
if ! mkdir "$new" || ! set_status "$new" RUNNING; then
	echo "run.sh: error: cannot create a run folder in '$out/runs'" >&2
	exit 73
fi
id=$stamp
n=1
while [ -e "$out/runs/$id" ]; do
	n=$((n + 1))
	id="$stamp-$n"
done
if ! mv -T "$new" "$out/runs/$id"; then
	echo "run.sh: error: cannot create the run folder '$out/runs/$id'" >&2
	exit 73
fi
run="$out/runs/$id"
mode=driver
[ "$piped" -eq 1 ] && mode=piped
say "run $id RUNNING: input '$input', $mode, pid $$"

set -- --lang "$lang"
[ -n "$master" ] && set -- "$@" --master "$master"
[ -n "$methodology" ] && set -- "$@" --methodology "$methodology"
# Options the checks above made free of spaces, passed unquoted.
policy="--gzip-level=$gzip_level"
[ -n "$rate" ] && policy="$policy --max-reject-rate=$rate"
[ "$excel" -eq 1 ] && policy="$policy --excel"
# The analyst's view (docs/analyst-walkthrough.md) is passed below as
# ${previous:+"--previous=$previous"} and the like: one word each when
# set, none when not, so a folder with spaces stays whole.
runlog="$run/run.log"

status=0
if [ "$piped" -eq 1 ]; then
	# pipefail is not POSIX: collect each stage's status through a file.
	rcs="$run/.rcs"
	: >"$rcs"
	# shellcheck disable=SC2086
	{
		{ "$bin/indeks-ingest" --lang "$lang" --log "$runlog" "$input"; echo "ingest $?" >>"$rcs"; } |
		{ "$bin/indeks-normalize" --lang "$lang" --log "$runlog"; echo "normalize $?" >>"$rcs"; } |
		{ "$bin/indeks-validate" "$@" --log "$runlog"; echo "validate $?" >>"$rcs"; } |
		{ "$bin/indeks-score" "$@" --log "$runlog"; echo "score $?" >>"$rcs"; } |
		{ "$bin/indeks-rank" --log "$runlog"; echo "rank $?" >>"$rcs"; } |
		{ "$bin/indeks-emit" "$@" --into "$run" $policy ${previous:+"--previous=$previous"} \
			${province:+"--province=$province"} ${year:+"--year=$year"} --log "$runlog"
		  echo "emit $?" >>"$rcs"; }
	}
	# The first stage that failed names the run's status: the later ones
	# only saw a cut stream.
	for s in ingest normalize validate score rank emit; do
		rc=$(awk -v s="$s" '$1 == s { print $2 }' "$rcs")
		if [ "${rc:-1}" -ne 0 ]; then status=${rc:-70}; break; fi
	done
	rm -f "$rcs"
else
	# shellcheck disable=SC2086
	"$bin/indeks" run "$@" --into "$run" $policy ${previous:+"--previous=$previous"} \
		${province:+"--province=$province"} ${year:+"--year=$year"} --log "$runlog" \
		"$input" || status=$?
fi
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# The manifest, for failed runs too: it says what they read.
pause_at before-manifest
set --
[ -n "$master" ] && set -- "$@" --master "$master"
[ -n "$methodology" ] && set -- "$@" --methodology "$methodology"
mstatus=0
"$bin/indeks" manifest "$@" --started "$started" --finished "$finished" \
	--exit-status "$status" "$run" "$input" || mstatus=$?
[ "$status" -eq 0 ] && status=$mstatus

# Keeps the newest --keep run folders and the one latest points to. Names
# are UTC times (a -N suffix for a later run in the same second), so
# sorting them sorts by age.
prune() {
	current=$(readlink "$out/latest" 2>/dev/null || true)
	current=${current#runs/}
	for d in "$out"/runs/*; do
		matches "${d##*/}" '[0-9]{8}T[0-9]{6}Z(-[0-9]+)?' && echo "${d##*/}"
	done | sort -t- -k1,1r -k2,2nr | tail -n +$((keep + 1)) |
		while read -r old; do
			[ "$old" = "$current" ] && continue
			[ "$old" = "$id" ] && continue
			rm -rf "${out:?}/runs/$old"
			say "removed run $old (--keep $keep)"
		done
}

if [ "$status" -ne 0 ]; then
	set_status "$run" "FAILED $status" || true
	say "run $id FAILED (exit $status): '$out/latest' is unchanged"
	echo "run.sh: error: the run failed (exit $status); '$out/latest' is unchanged" >&2 || true
	prune || true
	exit "$status"
fi

pause_at before-publish
if ! set_status "$run" SUCCEEDED; then
	echo "run.sh: error: cannot write the status of '$run'; '$out/latest' is unchanged" >&2
	exit 74
fi
# Switch latest atomically: a new link, renamed over the old one.
if ! { ln -sfn "runs/$id" "$out/.latest.new" && mv -T "$out/.latest.new" "$out/latest"; }; then
	say "run $id SUCCEEDED but '$out/latest' could not be switched to it"
	exit 74
fi
say "run $id SUCCEEDED: published as '$out/latest'"
prune || true
cat "$run/summary.txt" >&2 || true
