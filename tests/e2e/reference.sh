# Generated submissions for all 552 regions, for every shipped year (one
# year with gzip files): every region's components, IID, predicate and
# ranks agree with tests/reference/iid_ref.py, written independently from
# the method page. Then all four years in one run: each scored with its own
# method, the same results.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
seed=1
for year in 2023 2024 2025 2026; do
	extra=""
	[ "$year" = 2024 ] && extra="--gzip"
	dir="$TMP/$year"
	# shellcheck disable=SC2086
	python3 "$ROOT/tests/reference/gen_submissions.py" --seed "$seed" --year "$year" $extra \
		--quiet --out "$TMP/all/$year" || die "generator failed ($year)"
	python3 "$ROOT/tests/reference/iid_ref.py" --methodology "$ROOT/methodology/iid-$year" \
		--master "$ROOT/master/regions.csv" --input "$TMP/all/$year" \
		--out "$dir.expected.csv" >/dev/null || die "reference failed ($year)"
	expect_status 0 indeks_run --out "$dir.run" "$TMP/all/$year"
	python3 "$ROOT/tests/reference/compare_regions.py" "$dir.expected.csv" \
		"$dir.run/regions.csv" || die "pipeline differs from the reference ($year)"
	seed=$((seed + 1))
done

# One run over the four years.
{
	head -n 1 "$TMP/2023.expected.csv"
	for year in 2023 2024 2025 2026; do tail -n +2 "$TMP/$year.expected.csv"; done
} >"$TMP/all.expected.csv"
expect_status 0 indeks_run --out "$TMP/all.run" "$TMP/all"
rows=$(($(wc -l <"$TMP/all.run/regions.csv") - 1))
[ "$rows" -eq $((4 * 552)) ] || die "the four-year run has $rows region rows, expected 2208"
python3 "$ROOT/tests/reference/compare_regions.py" "$TMP/all.expected.csv" \
	"$TMP/all.run/regions.csv" || die "the four-year run differs from the reference"
