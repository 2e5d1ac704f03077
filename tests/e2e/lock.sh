# Runs never overlap: a second run.sh on the same output folder while one
# is going exits at once with 75, says why, and makes no run folder; the
# first is unaffected and publishes. Deterministic: the first run is
# stopped by a test hook while it holds the lock, not raced with sleeps.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
mkdir -p "$TMP/out/runs"

# The lock held the way run.sh holds it (flock on OUT/.lock).
exec 8>"$TMP/out/.lock"
flock -n 8 || die "cannot take the lock for the test"
expect_status 75 "$ROOT/run.sh" --out "$TMP/out"
grep -q "another run is using" "$TMP/.err" || die "no lock message: $(cat "$TMP/.err")"
[ -z "$(ls "$TMP/out/runs")" ] || die "a refused run made a run folder"
exec 8>&-

# A real run, stopped mid-stream while it holds the lock.
INDEKS_TEST_PAUSE_AT=mid-stream INDEKS_TEST_PAUSE_FILE="$TMP/paused" \
	"$ROOT/run.sh" --out "$TMP/out" >"$TMP/first.out" 2>"$TMP/first.err" &
first=$!
track "$first"
driver=$(wait_paused "$TMP/paused" "$first") || exit 1
track "$driver"
expect_status 75 "$ROOT/run.sh" --out "$TMP/out"
grep -q "another run is using" "$TMP/.err" || die "no lock message: $(cat "$TMP/.err")"
[ "$(ls "$TMP/out/runs" | wc -l)" -eq 1 ] || die "the refused run made a run folder: $(ls "$TMP/out/runs")"
[ ! -e "$TMP/out/latest" ] || die "latest exists before the first run finished"

# The first run goes on and publishes as if nothing happened.
kill -CONT "$driver"
wait "$first"
status=$?
E2E_KILL="" # both ended: their pids are no longer ours to kill
[ "$status" -eq 0 ] || die "the first run exited $status: $(cat "$TMP/first.err")"
[ -f "$TMP/out/latest/regions.csv" ] || die "the first run did not publish"
[ "$(cat "$TMP/out/latest/status")" = SUCCEEDED ] || die "status: $(cat "$TMP/out/latest/status")"
# and the lock is free again
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
exit 0
