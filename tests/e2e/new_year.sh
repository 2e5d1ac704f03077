# Adding a year is copying a folder and editing tables, without
# recompiling: a 2027 method (divisor floor 14, all six basic-service urusan
# required, its own window and bounds) scores generated 2027 submissions
# exactly as the independent reference reads the same folder.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
cp -R "$ROOT/methodology" "$TMP/methodology"
m="$TMP/methodology/iid-2027"
cp -R "$TMP/methodology/iid-2026" "$m"
sed -i -e 's/^year = 2026/year = 2027/' -e 's/^name = .*/name = Indeks Inovasi Daerah 2027/' \
	-e 's/^divisor_floor = 12/divisor_floor = 14/' -e 's/^jumlah_gate_min = 5/jumlah_gate_min = 6/' \
	-e 's/^eligible_from = 2024-01-01/eligible_from = 2025-01-01/' \
	-e 's/^eligible_to = 2025-12-31/eligible_to = 2026-12-31/' "$m/method.conf"
printf 'predicate,from_iid\nSangat Inovatif,70.01\nInovatif,45.01\nKurang Inovatif,0.01\nTidak Dapat Dinilai,0.00\n' \
	>"$m/predicates.csv"
grep -q '^divisor_floor = 14' "$m/method.conf" || die "the edit did not take"

python3 "$ROOT/tests/reference/gen_submissions.py" --seed 11 --year 2027 --methodology "$m" \
	--quiet --out "$TMP/subs" || die "generator failed"
python3 "$ROOT/tests/reference/iid_ref.py" --methodology "$m" --master "$ROOT/master/regions.csv" \
	--input "$TMP/subs" --out "$TMP/expected.csv" >/dev/null || die "reference failed"
expect_status 0 "$BIN/indeks" run --methodology "$TMP/methodology" --out "$TMP/run" "$TMP/subs"
python3 "$ROOT/tests/reference/compare_regions.py" "$TMP/expected.csv" "$TMP/run/regions.csv" ||
	die "the 2027 method is not scored as the reference reads it"
# The new floor and bounds really apply.
awk -F, 'NR > 1 && $9 < 14 { bad = 1 } END { exit bad }' "$TMP/run/regions.csv" ||
	die "a divisor below the 2027 floor of 14"
awk -F, 'NR > 1 && $17 == "Sangat Inovatif" && $16 < 70.01 { bad = 1 } END { exit bad }' \
	"$TMP/run/regions.csv" || die "a Sangat Inovatif region below the 2027 bound"
awk -F, 'NR > 1 && $17 == "Inovatif" && ($16 < 45.01 || $16 > 70.00) { bad = 1 } END { exit bad }' \
	"$TMP/run/regions.csv" || die "an Inovatif region outside the 2027 bounds"
