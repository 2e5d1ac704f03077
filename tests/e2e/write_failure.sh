# A write that fails part way (the file-size limit stands in for a full
# disk) fails the run with exit 74 and publishes nothing: no run folder
# from the programs alone, and through run.sh a folder marked FAILED 74
# with no output in it, no staging folder left, and out/latest still on
# the previous good run. The limit is set at several sizes so the failure
# lands in different files (small ones, large ones, the gzip copies).
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
good=$(readlink "$TMP/out/latest")
(cd "$TMP/out/$good" && sha256sum -- *) >"$TMP/good.sums"
# Ignored, SIGXFSZ turns into EFBIG from write(2), which the stage must see.
(
	trap '' XFSZ
	ulimit -f 64
	"$BIN/indeks" run --master "$ROOT/master/regions.csv" --methodology "$ROOT/methodology" \
		--out "$TMP/out/runs/broken" "$ROOT/fixtures/submissions"
) 2>"$TMP/err"
status=$?
[ "$status" -eq 74 ] || die "exit $status under a failing write, expected 74: $(cat "$TMP/err")"
grep -q "cannot write" "$TMP/err" || die "the failure does not say what: $(cat "$TMP/err")"
[ ! -e "$TMP/out/runs/broken" ] || die "a partial run folder was published"
ls -a "$TMP/out/runs" | grep -q 'tmp-' && die "a staging folder was left behind"

# Through run.sh: the failure is reported, the run's folder says so, and
# latest does not move.
for blocks in 1 64 400; do
	ls "$TMP/out/runs" >"$TMP/before"
	# stderr through a pipe: the limit applies to files, and the messages
	# must not be what fails.
	(
		trap '' XFSZ
		ulimit -f "$blocks"
		"$ROOT/run.sh" --out "$TMP/out" 2>&1 >/dev/null
		echo $? >"$TMP/status"
	) | cat >"$TMP/err"
	status=$(cat "$TMP/status")
	[ "$status" -eq 74 ] || die "run.sh exited $status with ulimit -f $blocks, expected 74: $(cat "$TMP/err")"
	grep -q "cannot write" "$TMP/err" || die "ulimit -f $blocks: no reason given: $(cat "$TMP/err")"
	[ "$(readlink "$TMP/out/latest")" = "$good" ] || die "out/latest moved after a failed run"
	(cd "$TMP/out/$good" && sha256sum -c --quiet "$TMP/good.sums") || die "the published run changed"
	new=$(ls "$TMP/out/runs" | comm -13 "$TMP/before" -)
	[ "$(echo "$new" | wc -w)" -eq 1 ] || die "expected one new run folder, got: $new"
	d="$TMP/out/runs/$new"
	[ "$(cat "$d/status")" = "FAILED 74" ] || die "ulimit -f $blocks: status '$(cat "$d/status")'"
	left=$(ls -A "$d" | grep -v -x -e status -e run.log -e manifest.json)
	[ -z "$left" ] || die "ulimit -f $blocks: the failed run left outputs: $left"
done
exit 0
