# --max-reject-rate: a run that rejected more than the share allowed of
# the records it read fails with 79 and is not published (out/latest stays
# on the previous run), though its outputs are kept in its folder, marked
# FAILED 79, for reading the rejects; a rate the run stays within
# publishes. The share is exact: the fixtures reject 10 of 124 records
# (8.06%), so 0.0806 fails and 0.0807 passes. A malformed rate is a usage
# error (64) before any run folder is made.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
good=$(readlink "$TMP/out/latest")
read_n=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["accounting"]; print(a["records_read"], a["rejected"])' \
	"$TMP/out/latest/summary.json")
set -- $read_n
records=$1
rejected=$2
[ "$rejected" -gt 0 ] || die "the fixtures reject nothing: the test cannot fail a run"
# The largest share that fails and the smallest that passes, to six decimals.
fail_at=$(python3 -c "import math; print('%.6f' % (math.ceil($rejected / $records * 1e6 - 1) / 1e6))")
pass_at=$(python3 -c "import math; print('%.6f' % (math.ceil($rejected / $records * 1e6) / 1e6))")

ls "$TMP/out/runs" >"$TMP/before"
expect_status 79 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate "$fail_at"
grep -q "$rejected of $records records read were rejected" "$TMP/.err" ||
	die "the failure does not say how many: $(cat "$TMP/.err")"
[ "$(readlink "$TMP/out/latest")" = "$good" ] || die "a run over the threshold was published"
new=$(ls "$TMP/out/runs" | comm -13 "$TMP/before" -)
d="$TMP/out/runs/$new"
[ "$(cat "$d/status")" = "FAILED 79" ] || die "status '$(cat "$d/status")', expected 'FAILED 79'"
[ -f "$d/rejects.csv" ] || die "the rejects of the failed run are not there to read"
python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["run"]["exit_status"] != 79)' \
	"$d/manifest.json" || die "the manifest does not record exit status 79"
expect_status 0 "$BIN/indeks" verify "$d"

expect_status 0 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate "$pass_at"
[ "$(readlink "$TMP/out/latest")" != "$good" ] || die "a run within the threshold was not published"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate 1
expect_status 79 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate 0

# The programs apply the same policy.
expect_status 79 indeks_run --max-reject-rate "$fail_at" --out "$TMP/direct" "$ROOT/fixtures/submissions"
[ -f "$TMP/direct/regions.csv" ] || die "indeks run over the threshold kept no outputs"
expect_status 0 indeks_run --max-reject-rate "$pass_at" --out "$TMP/direct2" "$ROOT/fixtures/submissions"

# Malformed rates: refused before anything runs.
ls "$TMP/out/runs" >"$TMP/before"
for bad in 5% 1.5 -0.1 .5 0.1234567 abc ""; do
	expect_status 64 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate "$bad"
	expect_status 64 indeks_run --max-reject-rate "$bad" --out "$TMP/bad" "$ROOT/fixtures/submissions"
done
[ "$(ls "$TMP/out/runs")" = "$(cat "$TMP/before")" ] || die "a refused command made a run folder"
exit 0
