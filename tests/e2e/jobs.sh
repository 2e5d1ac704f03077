# indeks run on several threads (--jobs N: files read and parsed on N
# threads, stages/ingest_readers.c, their records put through normalize,
# validate and score in order on the calling thread, rank and emit on one
# more, pipeline/pl_handoff.h) writes the same bytes as on one: on the
# fixtures (every shape, long and profile files, XML, rejects, warnings,
# near-duplicates) and on generated data for all 552 regions, large enough
# to fill the handoff's queue more than twice, with every optional output.
# A failure in a stage (no room for the temporary file) fails the run the
# same way on both, and publishes nothing.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"

same_outputs() {
	a=$1 b=$2 what=$3
	(cd "$a" && find . -type f | sort) >"$TMP/a.list"
	(cd "$b" && find . -type f | sort) >"$TMP/b.list"
	cmp -s "$TMP/a.list" "$TMP/b.list" || die "$what: different files: $(diff "$TMP/a.list" "$TMP/b.list")"
	[ "$(wc -l <"$TMP/a.list")" -ge 12 ] || die "$what: only $(wc -l <"$TMP/a.list") outputs"
	while read -r f; do
		cmp -s "$a/$f" "$b/$f" || die "$what: $f differs between $a and $b"
	done <"$TMP/a.list"
}

for j in 1 2 5; do
	expect_status 0 indeks_run --jobs "$j" --out "$TMP/fx$j" "$ROOT/fixtures/submissions"
done
same_outputs "$TMP/fx1" "$TMP/fx2" "fixtures, --jobs 2"
same_outputs "$TMP/fx1" "$TMP/fx5" "fixtures, --jobs 5"

python3 "$ROOT/tests/reference/gen_submissions.py" --seed 7 --year 2023 --scale 6 --gzip \
	--quiet --out "$TMP/gen" || die "generator failed"
for j in 1 2 3; do
	expect_status 0 indeks_run --jobs "$j" --excel --gzip-level 1 --out "$TMP/gen$j" "$TMP/gen"
done
same_outputs "$TMP/gen1" "$TMP/gen2" "generated data, --jobs 2"
same_outputs "$TMP/gen1" "$TMP/gen3" "generated data, --jobs 3"
# About 400 bytes per innovation cross the handoff to rank and emit (its
# innovations.csv row): 20,000 of them are some 30 batches of 256 KiB
# through a queue of 16.
rows=$(($(wc -l <"$TMP/gen2/innovations.csv") - 1))
[ "$rows" -gt 20000 ] || die "the generated set has only $rows innovations: too few to fill the queue"

# The temporary file cannot be made: score fails while reading threads run.
for j in 1 2; do
	TMPDIR="$TMP/no-such-folder" expect_status 74 indeks_run --jobs "$j" --out "$TMP/bad$j" \
		"$ROOT/fixtures/submissions"
	grep -q "cannot create a temporary file in '$TMP/no-such-folder' (TMPDIR)" "$TMP/.err" ||
		die "--jobs $j: the failure does not name the folder: $(cat "$TMP/.err")"
	[ ! -e "$TMP/bad$j" ] || die "--jobs $j: a failed run published a folder"
done

for j in 0 65 two; do
	expect_status 64 indeks_run --jobs "$j" --out "$TMP/x" "$ROOT/fixtures/submissions"
done
exit 0
