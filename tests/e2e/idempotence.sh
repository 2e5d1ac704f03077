# The same inputs and methodology give byte-identical data files: two
# runs of run.sh (driver, then piped) publish the same bytes in every
# output (CSV, .csv.gz, summaries, report), and their manifests list the same outputs with the same sizes and
# checksums (only times and run ids differ). The gzip copies carry no time
# stamp or name, and hold exactly their CSV.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
first="$TMP/out/$(readlink "$TMP/out/latest")"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out" --piped
second="$TMP/out/$(readlink "$TMP/out/latest")"
[ "$first" != "$second" ] || die "the second run did not get its own folder"

# Every output, whatever emit writes: all but the run's own records
# (status, run.log, manifest.json).
(cd "$first" && ls | grep -v -x -e status -e run.log -e manifest.json) >"$TMP/outputs"
n=0
while read -r name; do
	cmp "$first/$name" "$second/$name" || die "$name differs between two runs on the same inputs"
	n=$((n + 1))
done <"$TMP/outputs"
[ "$n" -ge 12 ] || die "only $n data files compared"
# Nothing the second run has that the first lacks.
[ "$(ls "$first")" = "$(ls "$second")" ] || die "the runs hold different files"

# Every CSV has its gzip copy: deterministic header, same content.
for f in "$first"/*.csv; do
	case "$f" in *.excel.csv) continue ;; esac # people's copies, not the feed
	gz="$f.gz"
	[ -f "$gz" ] || die "no gzip copy of $(basename "$f")"
	# RFC 1952 header: magic, deflate, FLG 0 (no name), MTIME 0, OS 3.
	header=$(od -An -tx1 -N10 "$gz" | tr -d ' \n')
	case "$header" in
	1f8b0800000000000?03) ;;
	*) die "$(basename "$gz"): header $header has a name, a time stamp or another OS" ;;
	esac
	gzip -dc "$gz" | cmp - "$f" || die "$(basename "$gz") does not hold its CSV"
done

# The manifests agree on every output, byte for byte.
python3 - "$first/manifest.json" "$second/manifest.json" <<'PY' || die "the manifests' outputs differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
outs = lambda m: [(o["file"], o["bytes"], o["sha256"]) for o in m["outputs"]]
if outs(a) != outs(b):
    for x, y in zip(outs(a), outs(b)):
        if x != y:
            print("differs:", x, y)
    sys.exit(1)
for key in ("inputs", "methodology", "master", "accounting"):
    if a[key] != b[key]:
        print(key, "differs")
        sys.exit(1)
assert a["run"]["id"] != b["run"]["id"]
print(len(outs(a)), "outputs identical")
PY
# And they match sha256sum, computed independently.
(cd "$first" && xargs sha256sum -- <"$TMP/outputs") | awk '{ print $2, $1 }' | LC_ALL=C sort >"$TMP/sums"
python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for o in sorted(m["outputs"], key=lambda o: o["file"]):
    print(o["file"], o["sha256"])' "$first/manifest.json" >"$TMP/listed"
diff "$TMP/sums" "$TMP/listed" || die "manifest checksums differ from sha256sum"
