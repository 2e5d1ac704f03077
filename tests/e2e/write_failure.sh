# A write that fails part way (the file-size limit stands in for a full
# disk) fails the run with exit 74, publishes nothing, leaves no staging
# folder, and leaves out/latest on the previous good run.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
good=$(readlink "$TMP/out/latest")
# Ignored, SIGXFSZ turns into EFBIG from write(2), which the stage must see.
(
	trap '' XFSZ
	ulimit -f 64
	"$BIN/indeks" run --master "$ROOT/master/regions.csv" --methodology "$ROOT/methodology" \
		--out "$TMP/out/runs/broken" "$ROOT/fixtures/submissions"
) 2>"$TMP/err"
status=$?
[ "$status" -eq 74 ] || die "exit $status under a failing write, expected 74: $(cat "$TMP/err")"
[ ! -e "$TMP/out/runs/broken" ] || die "a partial run folder was published"
ls -a "$TMP/out/runs" | grep -q 'tmp-' && die "a staging folder was left behind"

# Through run.sh: the failure is reported and latest does not move.
(
	trap '' XFSZ
	ulimit -f 64
	"$ROOT/run.sh" --out "$TMP/out"
) >/dev/null 2>&1
status=$?
[ "$status" -eq 74 ] || die "run.sh exited $status under a failing write, expected 74"
[ "$(readlink "$TMP/out/latest")" = "$good" ] || die "out/latest moved after a failed run"
[ "$(ls "$TMP/out/runs" | wc -l)" -eq 1 ] || die "the failed run left a folder: $(ls "$TMP/out/runs")"
exit 0
