# Millions of rows do not exhaust memory: ingest streams a wide file of
# 1,000,000 rows, and holds at most its budget (256 MiB) of long-format
# answers, refusing the rest with ASSEMBLY_LIMIT at their lines, all under
# a 600 MB address-space limit. The sanitizer build reserves terabytes of
# address space, so there the limit cannot apply and the test says so;
# tests/golden/ingest-limits (200,000 rows) and test_ingest (the budget)
# run in both builds.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
case "$BIN" in
*/san/*) echo "skipped under the sanitizers: ulimit -v cannot apply"; exit 0 ;;
esac
awk 'BEGIN {
	print "tahun,kode_wilayah,id_inovasi,nama_inovasi,tanggal_kirim,ind_16,bukti_16"
	for (i = 1; i <= 1000000; i++) printf "2023,52.04,W-%d,Inovasi %d,2023-07-28,%d,SK %d\n", i, i, i % 4, i
}' >"$TMP/wide.csv"
awk 'BEGIN {
	print "tahun,kode_wilayah,id_inovasi,indikator,level,bukti"
	for (i = 0; i < 2000000; i++) printf "2023,52.04,L-%d,%d,%d,SK %d\n", int(i / 20), 16 + i % 20, i % 4, i
}' >"$TMP/long.csv"
(ulimit -v 600000 && "$BIN/indeks-ingest" "$TMP/wide.csv") >"$TMP/wide.out" 2>"$TMP/wide.err" ||
	{ cat "$TMP/wide.err"; die "ingest of 1,000,000 wide rows failed under the limit"; }
[ "$(grep -c '^sub	' "$TMP/wide.out")" -eq 1000000 ] || die "not every wide row was sent"
(ulimit -v 600000 && "$BIN/indeks-ingest" "$TMP/long.csv") >"$TMP/long.out" 2>"$TMP/long.err" ||
	{ cat "$TMP/long.err"; die "ingest of 2,000,000 long rows failed under the limit"; }
refused=$(grep -c '	ASSEMBLY_LIMIT	' "$TMP/long.out")
sent=$(grep -c '^sub	' "$TMP/long.out")
records=$(awk -F '\t' '$1 == "src" { print $5 }' "$TMP/long.out")
[ "$refused" -gt 0 ] || die "the budget never ran out: nothing refused"
[ "$sent" -gt 10000 ] || die "only $sent long submissions were assembled"
# Each refused row is a record of its own; the submission cut by the
# budget is one record, rejected; the others were sent.
[ "$records" -eq $((sent + refused)) ] || die "src says $records records, sent $sent + refused $refused"
echo "wide: 1000000 sent; long: $sent assembled, $refused refused"
