# The accounting check fires: a stream that claims one record more than it
# delivered, or loses an innovation on the way, makes emit exit 70 with the
# file named, and publish nothing.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
subs="$ROOT/fixtures/submissions"
"$BIN/indeks-ingest" "$subs" | "$BIN/indeks-normalize" | "$BIN/indeks-validate" |
	"$BIN/indeks-score" | "$BIN/indeks-rank" >"$TMP/stream" || die "stages failed"
expect_status 0 "$BIN/indeks-emit" --out "$TMP/good" <"$TMP/stream"

# One src record now claims a record more than its file delivered.
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "src" && !done && $5 > 0 { $5 = $5 + 1; done = 1 } { print }' \
	"$TMP/stream" >"$TMP/inflated"
cmp -s "$TMP/stream" "$TMP/inflated" && die "the test did not change the stream"
expect_status 70 "$BIN/indeks-emit" --out "$TMP/bad1" <"$TMP/inflated"
grep -q "accounting does not balance" "$TMP/.err" || die "no accounting message: $(cat "$TMP/.err")"
[ ! -e "$TMP/bad1" ] || die "a run folder was published despite the failed check"

# An innovation record disappears between score and emit.
awk -F '\t' '$1 == "inn" && !done { done = 1; next } { print }' "$TMP/stream" >"$TMP/lost"
expect_status 70 "$BIN/indeks-emit" --out "$TMP/bad2" <"$TMP/lost"
[ ! -e "$TMP/bad2" ] || die "a run folder was published despite the failed check"
ls -a "$TMP" | grep -q '\.tmp-' && die "a staging folder was left behind"
exit 0
