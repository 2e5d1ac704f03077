# Every documented exit code, exactly (docs/exit-codes.md).
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
exit 0
