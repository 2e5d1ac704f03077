# The suggested changes are worth what suggestions.csv says: apply every
# evidence and answer step to generated submissions for all 552 regions,
# score again, and each region's IID must be exactly the iid_after of its
# last applied step (and its predicate that step's predicate_after).
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
python3 "$ROOT/tests/reference/gen_submissions.py" --seed 5 --quiet --out "$TMP/subs" ||
	die "generator failed"
expect_status 0 indeks_run --out "$TMP/before" "$TMP/subs"
[ "$(wc -l <"$TMP/before/suggestions.csv")" -gt 100 ] || die "too few suggestions to test"
cp -R "$TMP/subs" "$TMP/changed"
python3 - "$TMP/before/suggestions.csv" "$TMP/changed" "$TMP/predicted.csv" <<'PY' ||
import csv, os, sys
sugg, root, predicted = sys.argv[1:]
steps = {}
for s in csv.DictReader(open(sugg)):
    key = (s["year"], s["region_code"])
    if s["change"] == "innovation" or key in steps and steps[key][-1]["change"] == "innovation":
        steps.setdefault(key, []).append(dict(s, change="innovation"))
        continue
    steps.setdefault(key, []).append(s)
edits = {}  # file -> line -> [(change, row)]
last = {}
for key, ss in steps.items():
    applied = [s for s in ss if s["change"] != "innovation"]
    if not applied:
        continue
    last[key] = applied[-1]
    for s in applied:
        edits.setdefault(s["file"], {}).setdefault(int(s["line"]), []).append(s)
for rel, lines in edits.items():
    path = os.path.join(root, rel)
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for line, ss in lines.items():
        rec = rows[line - 1]  # generated files hold one record per line
        for s in ss:
            rec[header.index("bukti_" + s["row"])] = "bukti tambahan"
            if s["change"] == "answer":
                rec[header.index("ind_" + s["row"])] = s["level_after"]
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
with open(predicted, "w") as f:
    for (year, code), s in sorted(last.items()):
        f.write(f"{year},{code},{s['iid_after']},{s['predicate_after']}\n")
print(f"{len(last)} regions changed in {len(edits)} files")
PY
	die "applying the suggestions failed"
expect_status 0 indeks_run --out "$TMP/after" "$TMP/changed"
[ "$(wc -l <"$TMP/predicted.csv")" -gt 50 ] || die "too few regions had suggestions to apply"
awk -F, 'NR == FNR { want[$1 "," $2] = $3 "," $4; next }
	FNR > 1 && ($1 "," $2) in want {
		got = $16 "," $17
		if (got != want[$1 "," $2]) { print $1 "," $2 ": predicted " want[$1 "," $2] ", got " got; bad++ }
		n++
	}
	END { print n " regions re-scored"; exit bad > 0 }' "$TMP/predicted.csv" "$TMP/after/regions.csv" ||
	die "a suggestion is not worth what it says"
