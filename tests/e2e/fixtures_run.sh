# ./run.sh on the bundled fixtures: exits 0, publishes out/latest with all
# 552 regions, matches the reviewed expected tree, gives the same files when
# the six stage programs are piped, and the same bytes when run again.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
latest="$TMP/out/latest"
[ -L "$latest" ] || die "out/latest is not a link"
[ -f "$latest/regions.csv" ] || die "no regions.csv in out/latest"
rows=$(($(wc -l <"$latest/regions.csv") - 1))
[ "$rows" -eq 552 ] || die "regions.csv has $rows regions, expected 552"
# The run's own records (status, log, manifest) and the gzip copies
# (idempotence.sh checks those) are not in the reviewed tree.
diff -ru -x status -x run.log -x manifest.json -x '*.gz' "$ROOT/tests/e2e/expected-fixtures" "$latest/" ||
	die "outputs differ from tests/e2e/expected-fixtures"

first=$(readlink "$latest")
expect_status 0 "$ROOT/run.sh" --out "$TMP/out" --piped
second=$(readlink "$latest")
[ "$first" != "$second" ] || die "the second run did not get its own folder"
diff -r -x status -x run.log -x manifest.json "$TMP/out/$first" "$TMP/out/$second" ||
	die "piped stages differ from the driver"
