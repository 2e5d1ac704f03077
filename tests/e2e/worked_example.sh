# docs/worked-example.md computes three regions by hand from the fixtures;
# its closing ```expected block must match the pipeline's regions.csv.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 indeks_run --out "$TMP/run" "$ROOT/fixtures/submissions"
awk '/^```expected/{on=1; next} /^```/{on=0} on' "$ROOT/docs/worked-example.md" >"$TMP/expected.csv"
[ "$(wc -l <"$TMP/expected.csv")" -ge 4 ] || die "no expected block with three regions in the worked example"
python3 - "$TMP/expected.csv" "$TMP/run/regions.csv" <<'PY' || die "the worked example disagrees with the pipeline"
import csv, sys
want = list(csv.DictReader(open(sys.argv[1])))
got = {r["region_code"]: r for r in csv.DictReader(open(sys.argv[2]))}
bad = 0
for w in want:
    g = got[w["region_code"]]
    for col, v in w.items():
        if g[col] != v:
            print(f"{w['region_code']} {col}: worked example {v}, pipeline {g[col]}")
            bad = 1
print(f"{len(want)} regions checked")
sys.exit(bad)
PY
