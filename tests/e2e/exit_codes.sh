# Every documented exit code, exactly (docs/exit-codes.md); 74 (a write
# failing) is write_failure.sh's, 137 (a program killed) kill_run.sh's.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
subs="$ROOT/fixtures/submissions"
expect_status 64 "$BIN/indeks"
expect_status 64 "$BIN/indeks" frobnicate
expect_status 64 "$BIN/indeks-ingest"
expect_status 64 "$BIN/indeks-ingest" --bogus "$subs"
expect_status 64 "$BIN/indeks-normalize" --lang xx
expect_status 64 "$BIN/indeks-emit"
expect_status 64 "$BIN/indeks-rank" "$subs"
expect_status 64 "$ROOT/run.sh" --bogus
expect_status 0 "$BIN/indeks-score" --help
grep -q "Exit codes" "$TMP/.out" || die "--help does not list the exit codes"

expect_status 66 indeks_run --out "$TMP/r1" "$TMP/no-such-folder"

cp -R "$ROOT/methodology/iid-2023" "$TMP/method"
sed -i 's/^16,16,sid,Infrastruktur,3.00/16,16,sid,Infrastruktur,3.001/' "$TMP/method/indicators.csv"
expect_status 65 "$BIN/indeks" run --methodology "$TMP/method" --out "$TMP/r2" "$subs"
grep -q "indicators.csv:22" "$TMP/.err" || die "the methodology error does not name file and line: $(cat "$TMP/.err")"

printf 'not a stream\n' >"$TMP/garbage"
expect_status 65 "$BIN/indeks-rank" <"$TMP/garbage"

mkdir "$TMP/exists"
expect_status 73 indeks_run --out "$TMP/exists" "$subs"
expect_status 73 indeks_run --into "$TMP/no-such-run" "$subs"

# Options of the nightly job, refused before anything runs.
expect_status 64 indeks_run --out "$TMP/r3" --into "$TMP/exists" "$subs"
expect_status 64 "$BIN/indeks-emit" --out "$TMP/r3" --gzip-level 0 </dev/null
expect_status 64 "$BIN/indeks-emit" --out "$TMP/r3" --max-reject-rate 2 </dev/null
expect_status 64 "$ROOT/run.sh" --keep 0
expect_status 64 "$ROOT/run.sh" --gzip-level 10
expect_status 64 "$ROOT/run.sh" --max-reject-rate 5%

# run.sh: success, rejects over the threshold (79, not published), input
# missing (66), locked (75); each failed run's folder says which.
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
good=$(readlink "$TMP/out/latest")
expect_status 79 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate 0
expect_status 66 "$ROOT/run.sh" "$TMP/no-such-folder" --out "$TMP/out"
[ "$(readlink "$TMP/out/latest")" = "$good" ] || die "a failed run moved latest"
[ "$(cat "$TMP/out/runs"/*/status | LC_ALL=C sort | tr '\n' ,)" = "FAILED 66,FAILED 79,SUCCEEDED," ] ||
	die "statuses: $(cat "$TMP/out/runs"/*/status)"
exec 8>"$TMP/out/.lock"
flock -n 8 || die "cannot take the lock"
expect_status 75 "$ROOT/run.sh" --out "$TMP/out"
exec 8>&-

# The manifest and verify commands.
run="$TMP/out/$good"
expect_status 64 "$BIN/indeks" manifest "$run" "$subs"
expect_status 64 "$BIN/indeks" manifest --started 2024-06-01 --finished 2024-06-01T02:15:00Z \
	--exit-status 0 "$run" "$subs"
expect_status 66 "$BIN/indeks" manifest --started 2024-06-01T02:15:00Z \
	--finished 2024-06-01T02:15:00Z --exit-status 0 "$TMP/no-such-run" "$subs"
expect_status 73 "$BIN/indeks" manifest --started 2024-06-01T02:15:00Z \
	--finished 2024-06-01T02:15:00Z --exit-status 0 "$run" "$subs"
expect_status 0 "$BIN/indeks" verify "$run"
echo "x" >>"$run/files.csv"
expect_status 65 "$BIN/indeks" verify "$run"
expect_status 66 "$BIN/indeks" verify "$TMP/no-such-run"
exit 0
