# The accounting check fires: a stream that claims one record more than it
# delivered, loses an innovation on the way, or loses a submission between
# two stages makes emit exit 70 naming the file (and the stage), and
# publish nothing. A stage that dies mid-stream is caught too.
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
# A submission vanishes between normalize and validate: the flow check
# names the stage that did not receive it.
"$BIN/indeks-ingest" "$subs" | "$BIN/indeks-normalize" |
	awk '/^#/ { print; next } $1 == "sub" && !done { done = 1; skip = 1; next }
	     skip && ($1 == "ans" || $1 == "raw") { next } { skip = 0; print }' |
	"$BIN/indeks-validate" | "$BIN/indeks-score" | "$BIN/indeks-rank" >"$TMP/gap"
expect_status 70 "$BIN/indeks-emit" --out "$TMP/bad3" <"$TMP/gap"
grep -q "stage validate" "$TMP/.err" || die "the stage is not named: $(cat "$TMP/.err")"
[ ! -e "$TMP/bad3" ] || die "a run folder was published despite the failed check"

# A stage that dies part way leaves a stream without its end marker.
head -n 40 "$TMP/stream" >"$TMP/cut"
expect_status 65 "$BIN/indeks-emit" --out "$TMP/bad4" <"$TMP/cut"
grep -q "end marker" "$TMP/.err" || die "a cut stream was not recognised: $(cat "$TMP/.err")"
[ ! -e "$TMP/bad4" ] || die "a run folder was published from a cut stream"
ls -a "$TMP" | grep -q '\.tmp-' && die "a staging folder was left behind"
exit 0
