# kill -9 at any point of a run leaves OUT/latest on the previous run with
# every file intact, and the killed run's folder recognisable: RUNNING,
# until the next run marks it "FAILED interrupted" and removes what it
# left half-made. The kill lands exactly where intended: a test hook
# (pl_testhook.h in the programs, pause_at in run.sh) stops the run at a
# named point, and the whole process group is killed there.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
out="$TMP/out"
expect_status 0 "$ROOT/run.sh" --out "$out"
good=$(readlink "$out/latest")
(cd "$out/$good" && sha256sum -- *) >"$TMP/good.sums"
nfiles=$(wc -l <"$TMP/good.sums")

# latest still on the good run, with every file as it was.
check_untouched() {
	[ "$(readlink "$out/latest")" = "$good" ] || die "$1: latest moved to $(readlink "$out/latest")"
	(cd "$out/$good" && sha256sum -c --quiet "$TMP/good.sums") || die "$1: the published run changed"
	[ "$(ls "$out/$good" | wc -l)" -eq "$nfiles" ] || die "$1: files were added to the published run"
	"$BIN/indeks" verify "$out/latest" >/dev/null || die "$1: the published run fails verify"
}

# Only the program killed, not run.sh: run.sh marks its own folder at once.
ls "$out/runs" >"$TMP/before"
rm -f "$TMP/paused"
INDEKS_TEST_PAUSE_AT=before-commit INDEKS_TEST_PAUSE_FILE="$TMP/paused" \
	"$ROOT/run.sh" --out "$out" >"$TMP/run.log" 2>&1 &
sh_pid=$!
track "$sh_pid"
driver=$(wait_paused "$TMP/paused" "$sh_pid") || exit 1
kill -9 "$driver" || die "cannot kill the program"
wait "$sh_pid"
status=$?
E2E_KILL=""
[ "$status" -eq 137 ] || die "run.sh exited $status after its program was killed, expected 137"
check_untouched "program killed"
new=$(ls "$out/runs" | comm -13 "$TMP/before" -)
[ "$(cat "$out/runs/$new/status")" = "FAILED 137" ] ||
	die "status '$(cat "$out/runs/$new/status")', expected 'FAILED 137'"
grep -q "FAILED (exit 137)" "$out/runs/$new/run.log" || die "run.log does not say the run failed"

killed=""
for point in mid-stream before-commit mid-commit before-manifest before-publish \
	"mid-stream --piped" "before-commit --piped" "mid-commit --piped"; do
	ls "$out/runs" >"$TMP/before"
	rm -f "$TMP/paused"
	# shellcheck disable=SC2086
	INDEKS_TEST_PAUSE_AT=${point%% *} INDEKS_TEST_PAUSE_FILE="$TMP/paused" \
		setsid "$ROOT/run.sh" --out "$out" ${point#"${point%% *}"} >"$TMP/run.log" 2>&1 &
	leader=$!
	track "-$leader"
	wait_paused "$TMP/paused" "$leader" >/dev/null || exit 1
	[ "$(pgid "$leader")" = "$leader" ] || die "$point: the run does not lead its own process group"
	kill -9 -"$leader" || die "$point: cannot kill the run"
	wait "$leader"
	E2E_KILL=""
	check_untouched "$point"
	new=$(ls "$out/runs" | comm -13 "$TMP/before" -)
	[ -n "$new" ] || die "$point: the killed run left no folder"
	[ "$(cat "$out/runs/$new/status")" = RUNNING ] ||
		die "$point: status '$(cat "$out/runs/$new/status")', expected RUNNING"
	killed="$killed $new"
	# The kill landed where it was meant to.
	d="$out/runs/$new"
	outputs=$(ls "$d" | grep -c '\.csv$')
	staged=$(ls -A "$d" | grep -c '^\.staging-')
	case "$point" in
	mid-stream*) [ "$outputs" -eq 0 ] && [ ! -e "$d/manifest.json" ] ;;
	before-commit*) [ "$outputs" -eq 0 ] && [ "$staged" -eq 1 ] ;;
	mid-commit*) [ "$outputs" -eq 1 ] && [ "$staged" -eq 1 ] ;;
	before-manifest) [ "$outputs" -gt 1 ] && [ "$staged" -eq 0 ] && [ ! -e "$d/manifest.json" ] ;;
	before-publish) [ "$outputs" -gt 1 ] && [ -f "$d/manifest.json" ] ;;
	esac || die "$point: the kill did not land there: $(ls -A "$d")"
done

# Every run marks the killed ones before it; the one after the last kill
# marks that one, cleans up after them all, and publishes.
expect_status 0 "$ROOT/run.sh" --out "$out"
for k in $killed; do
	[ "$(cat "$out/runs/$k/status")" = "FAILED interrupted" ] ||
		die "$k: status '$(cat "$out/runs/$k/status")', expected 'FAILED interrupted'"
	grep -q "marked FAILED interrupted" "$out/runs/$k/run.log" || die "$k: run.log does not say it"
	ls -A "$out/runs/$k" | grep -q '^\.' && die "$k: hidden leftovers: $(ls -A "$out/runs/$k")"
done
ls -a "$out"/runs/*/ | grep -q '^\.staging-' && die "a staging folder was left behind"
# (each run marks the ones before it: the last kill is this run's to mark)
grep -q "run $new was left RUNNING" "$TMP/.err" || die "the run after the kills did not report $new"
[ "$(readlink "$out/latest")" != "$good" ] || die "the run after the kills did not publish"
[ "$(cat "$out/latest/status")" = SUCCEEDED ] || die "latest is not SUCCEEDED"
expect_status 0 "$BIN/indeks" verify "$out/latest"
# Same inputs: the same data files as the first good run.
for f in "$out/$good"/*.csv "$out/$good"/*.csv.gz; do
	cmp -s "$f" "$out/latest/$(basename "$f")" || die "$(basename "$f") differs after the kills"
done
exit 0
