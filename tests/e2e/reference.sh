# Generated submissions for all 552 regions (two seeds, one with gzip
# files): every region's IID, predicate, components and ranks agree with
# tests/reference/iid_ref.py, written independently from the method page.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
for args in "--seed 1" "--seed 7 --gzip"; do
	name=$(echo "$args" | tr -d ' -')
	# shellcheck disable=SC2086
	python3 "$ROOT/tests/reference/gen_submissions.py" $args --quiet --out "$TMP/$name/subs" ||
		die "generator failed"
	python3 "$ROOT/tests/reference/iid_ref.py" --methodology "$ROOT/methodology/iid-2023" \
		--master "$ROOT/master/regions.csv" --input "$TMP/$name/subs" \
		--out "$TMP/$name/expected.csv" >/dev/null || die "reference failed"
	expect_status 0 indeks_run --out "$TMP/$name/run" "$TMP/$name/subs"
	python3 "$ROOT/tests/reference/compare_regions.py" "$TMP/$name/expected.csv" \
		"$TMP/$name/run/regions.csv" || die "pipeline differs from the reference ($args)"
done
