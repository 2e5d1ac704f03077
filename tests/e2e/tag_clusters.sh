# Tag columns of the master are further ranking clusters: a master with
# tertinggal and perbatasan columns gives clusters.csv, each tag ranked per
# level with shared ranks, and regions.csv unchanged.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
mkdir "$TMP/master"
cp "$ROOT/master/legacy-codes.csv" "$ROOT/master/region-aliases.csv" \
	"$ROOT/master/vocabulary.csv" "$TMP/master/"
# tertinggal: every kabupaten of NTB; perbatasan: Kota Bima and Kota Mataram.
awk -F, 'NR == 1 { print $0 ",tertinggal,perbatasan"; next }
	{ t = ($1 ~ /^52\.0/) ? "ya" : ""; p = ($1 == "52.71" || $1 == "52.72") ? "1" : "0"
	  print $0 "," t "," p }' "$ROOT/master/regions.csv" >"$TMP/master/regions.csv"
expect_status 0 "$BIN/indeks" run --master "$TMP/master/regions.csv" \
	--methodology "$ROOT/methodology" --out "$TMP/tagged" "$ROOT/fixtures/submissions"
expect_status 0 indeks_run --out "$TMP/plain" "$ROOT/fixtures/submissions"
cmp "$TMP/plain/regions.csv" "$TMP/tagged/regions.csv" || die "tags changed regions.csv"
[ "$(wc -l <"$TMP/plain/clusters.csv")" -eq 1 ] || die "a master without tags gave clusters"
# Each tag's regions, ranked by IID with competition ranks, per level.
python3 - "$TMP/tagged/regions.csv" "$TMP/tagged/clusters.csv" <<'PY' || die "cluster ranks are wrong"
import csv, sys
regions = {r["region_code"]: r for r in csv.DictReader(open(sys.argv[1]))}
clusters = list(csv.DictReader(open(sys.argv[2])))
want = {"tertinggal": [c for c in regions if c.startswith("52.0")],
        "perbatasan": ["52.71", "52.72"]}
bad = 0
for tag, codes in want.items():
    got = {c["region_code"]: c for c in clusters if c["cluster"] == tag}
    if sorted(got) != sorted(codes):
        print(tag, "holds", sorted(got), "expected", sorted(codes)); bad = 1; continue
    iids = sorted((float(regions[c]["iid"]) for c in codes), reverse=True)
    for c in codes:
        rank = 1 + sum(1 for v in iids if v > float(regions[c]["iid"]))
        if int(got[c]["rank"]) != rank or got[c]["iid"] != regions[c]["iid"]:
            print(tag, c, "rank", got[c]["rank"], "expected", rank); bad = 1
print("clusters checked")
sys.exit(bad)
PY
# A tag value that is not yes or no is refused with file and line.
line=$(grep -n '^52.01,' "$TMP/master/regions.csv" | cut -d: -f1)
sed "${line}s/,ya,0\$/,mungkin,0/" "$TMP/master/regions.csv" >"$TMP/master/bad.csv"
grep -q 'mungkin' "$TMP/master/bad.csv" || die "the test did not plant a bad tag value"
cp "$TMP/master/bad.csv" "$TMP/master/regions.csv"
expect_status 65 "$BIN/indeks" run --master "$TMP/master/regions.csv" \
	--methodology "$ROOT/methodology" --out "$TMP/bad" "$ROOT/fixtures/submissions"
grep -q "regions.csv:$line:" "$TMP/.err" || die "the bad tag is not located: $(cat "$TMP/.err")"
