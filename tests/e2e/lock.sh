# A second run.sh on the same output folder while one is going exits at
# once with 75 and says why; the first is unaffected.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
mkdir -p "$TMP/out"
# Hold the lock the way a running run.sh does.
flock -o "$TMP/out/.lock" sleep 5 &
holder=$!
sleep 0.3
expect_status 75 "$ROOT/run.sh" --out "$TMP/out"
grep -q "another run" "$TMP/.err" || die "no lock message"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
