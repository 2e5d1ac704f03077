# Sourced by the end-to-end tests: paths, a scratch folder removed on exit,
# and assertions that say what differed.
set -u
ROOT=${INDEKS_ROOT:?run through tests/run-suite.sh}
BIN=${INDEKS_BIN:?run through tests/run-suite.sh}
TMP=$(mktemp -d)
# Processes a test started and must not outlive it (runs it stopped at a
# pause point): killed on exit, whatever the outcome.
E2E_KILL=""
e2e_cleanup() {
	for p in $E2E_KILL; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$TMP"
}
trap e2e_cleanup EXIT

# track PID: kill PID on exit; track -PGID: its whole process group.
track() {
	E2E_KILL="$E2E_KILL $1"
}

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

# alive PID: the process exists and has not exited (a zombie has).
alive() {
	[ -r "/proc/$1/stat" ] && ! sed 's/^.*) //' "/proc/$1/stat" | grep -q '^Z'
}

# wait_paused FILE PID: waits until a test hook (pl_testhook.h, run.sh's
# pause_at) wrote its pid to FILE and that process has stopped itself, and
# prints the pid. Fails at once if PID ended first; the long limit is only
# a guard against a hung test, never a measure of speed.
wait_paused() {
	i=0
	while [ ! -s "$1" ] || ! stopped "$(cat "$1")"; do
		alive "$2" || die "the run ended before reaching its pause point"
		i=$((i + 1))
		[ "$i" -lt 6000 ] || die "no pause point reached in 10 minutes"
		sleep 0.1
	done
	cat "$1"
}

# stopped PID: the process is stopped (SIGSTOP).
stopped() {
	[ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | grep -q '^T'
}

# pgid PID: the process group of PID (a run started with setsid leads its own).
pgid() {
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $3 }'
}
