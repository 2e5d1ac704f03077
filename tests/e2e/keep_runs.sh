# --keep N keeps the N newest run folders, whatever their state, and never
# removes the one out/latest points to, even when it is older; other
# entries of runs/ are not touched. Several runs in the same second get
# -2, -3 ... suffixes and still age in the order they were made.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
out="$TMP/out"
made=""
run_one() {
	ls "$out/runs" 2>/dev/null >"$TMP/before"
	expect_status "$@"
	new=$(ls "$out/runs" | comm -13 "$TMP/before" -)
	made="$made $new"
}
# A good run, then failing ones (a rate of 0 refuses any reject: 79).
run_one 0 "$ROOT/run.sh" --out "$out" --keep 2
good=$(readlink "$out/latest")
good=${good#runs/}
mkdir "$out/runs/not-a-run"
for i in 1 2 3 4 5 6 7 8 9 10 11; do
	run_one 79 "$ROOT/run.sh" --out "$out" --keep 2 --max-reject-rate 0
done
newest2=$(echo $made | tr ' ' '\n' | tail -n 2 | LC_ALL=C sort | tr '\n' ' ')
left=$(ls "$out/runs" | grep -v -x -e "$good" -e not-a-run | LC_ALL=C sort | tr '\n' ' ')
[ "$left" = "$newest2" ] || die "kept '$left', expected the two newest '$newest2' (made:$made)"
[ -d "$out/runs/$good" ] || die "the run latest points to was removed"
[ "$(readlink "$out/latest")" = "runs/$good" ] || die "latest moved"
[ -d "$out/runs/not-a-run" ] || die "a folder that is not a run was removed"
grep -q "removed run" "$TMP/.err" || die "removals are not logged"

# A new good run: now the old latest may go.
run_one 0 "$ROOT/run.sh" --out "$out" --keep 2
[ ! -d "$out/runs/$good" ] || die "the old latest was kept beyond --keep once latest moved on"
[ "$(ls "$out/runs" | grep -vc -x not-a-run)" -eq 2 ] || die "not two runs kept: $(ls "$out/runs")"

for bad in 0 -1 x 1.5 ""; do
	expect_status 64 "$ROOT/run.sh" --out "$out" --keep "$bad"
done
exit 0
