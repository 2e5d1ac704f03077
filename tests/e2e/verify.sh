# indeks verify checks a run folder against its manifest.json: a run as
# published passes; a changed byte, a truncated gzip copy, a missing file
# and an output the manifest does not list are each reported by name and
# fail it (65); a malformed manifest or one naming a path outside the run
# folder is refused (65); no run folder or no manifest is 66. Exit codes in
# docs/exit-codes.md.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
run="$TMP/out/$(readlink "$TMP/out/latest")"
expect_status 0 "$BIN/indeks" verify "$run"
grep -q "all [0-9]* outputs match" "$TMP/.out" || die "no closing line: $(cat "$TMP/.out")"
expect_status 0 "$BIN/indeks" verify "$TMP/out/latest"

# Work on a copy, so each change is checked alone.
fresh() {
	rm -rf "$TMP/copy"
	cp -R "$run" "$TMP/copy"
}

# One changed byte, same size.
fresh
sed -i '2s/^\(.\)/X/' "$TMP/copy/regions.csv"
expect_status 65 "$BIN/indeks" verify "$TMP/copy"
grep -q "^MISMATCH regions.csv: " "$TMP/.out" || die "the changed file is not named: $(cat "$TMP/.out")"
[ "$(grep -c '^MISMATCH\|^MISSING\|^EXTRA' "$TMP/.out")" -eq 1 ] || die "more than the change reported: $(cat "$TMP/.out")"

# A truncated gzip copy, a missing file, an extra file: all reported.
fresh
head -c 100 "$run/innovations.csv.gz" >"$TMP/copy/innovations.csv.gz"
rm "$TMP/copy/rejects.csv"
echo "x" >"$TMP/copy/notes.csv"
expect_status 65 "$BIN/indeks" verify "$TMP/copy"
grep -q "^MISMATCH innovations.csv.gz: 100 bytes" "$TMP/.out" || die "truncation not reported: $(cat "$TMP/.out")"
grep -q "^MISSING rejects.csv" "$TMP/.out" || die "missing file not reported: $(cat "$TMP/.out")"
grep -q "^EXTRA notes.csv" "$TMP/.out" || die "extra file not reported: $(cat "$TMP/.out")"
grep -q "3 problems" "$TMP/.out" || die "closing line: $(cat "$TMP/.out")"

# The run's own records are not outputs: a longer log changes nothing.
fresh
echo "an operator's note" >>"$TMP/copy/run.log"
expect_status 0 "$BIN/indeks" verify "$TMP/copy"

# A manifest that is not JSON, and one that points outside the folder.
fresh
echo '{"outputs": [' >"$TMP/copy/manifest.json"
expect_status 65 "$BIN/indeks" verify "$TMP/copy"
grep -q "malformed: line 2" "$TMP/.err" || die "no position for a malformed manifest: $(cat "$TMP/.err")"
fresh
printf '{"outputs": [{"file": "../../etc/passwd", "bytes": 1, "sha256": "%064d"}]}\n' 0 >"$TMP/copy/manifest.json"
expect_status 65 "$BIN/indeks" verify "$TMP/copy"
grep -q "plain file name" "$TMP/.err" || die "a path out of the folder was not refused: $(cat "$TMP/.err")"

# Nothing to check.
rm "$TMP/copy/manifest.json"
expect_status 66 "$BIN/indeks" verify "$TMP/copy"
expect_status 66 "$BIN/indeks" verify "$TMP/no-such-run"
expect_status 64 "$BIN/indeks" verify
expect_status 64 "$BIN/indeks" verify "$run" "$run"
exit 0
