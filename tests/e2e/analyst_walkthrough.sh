# docs/analyst-walkthrough.md works as written: last year's national run,
# this year's run for one province against it, the explanation and the
# year-over-year change (Kota Bima moves up from Kurang Inovatif).
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
cd "$ROOT" || die "no checkout"
out="$TMP/analyst runs" # a space: --previous is passed whole
expect_status 0 ./run.sh --out "$out"
expect_status 0 ./run.sh fixtures/submissions-2024 --province 52 --year 2024 \
	--previous "$out/latest" --out "$out"
run="$out/latest"
# Only NTB and its kabupaten and kota, of 2024, with national ranks.
awk -F, 'NR > 1 && ($1 != 2024 || ($2 != "52" && $2 !~ /^52\./)) { bad = 1 } END { exit bad }' \
	"$run/regions.csv" || die "regions outside NTB or 2024 in the scoped run"
[ "$(($(wc -l <"$run/regions.csv") - 1))" -eq 11 ] || die "NTB has 11 regions"
grep -q '^2024 52.72 Kota Bima' "$run/summary.txt" || die "no section for Kota Bima"
grep -q '^2024,52.06,' "$run/explain.csv" || die "no explanation for Kabupaten Bima"
grep -q '^2024,52.72,Kota Bima,2023,30.37,' "$run/changes.csv" || die "no change for Kota Bima"
grep -q ',Kurang Inovatif,Inovatif,up$' "$run/changes.csv" || die "Kota Bima did not move up"
grep -q 'Kota Bima *Kurang Inovatif -> Inovatif' "$run/summary.txt" || die "the move is not in the summary"
# The doc's own commands, as written, read those files.
sed -n '/^```sh$/,/^```$/p' "$ROOT/docs/analyst-walkthrough.md" | grep -q 'out/analyst/latest/changes.csv' ||
	die "the walk-through no longer shows the change"
