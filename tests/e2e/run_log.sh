# Logs for operators: run.sh prints one line per stage (records in, out,
# rejected, superseded and seconds) on stderr and appends the same lines
# to the run folder's run.log, with run.sh's own start and end lines; the
# counts agree with the accounting. Not on a terminal there is no
# progress line (under cron or systemd: silence but for the log); on a
# terminal (a pseudo-terminal through script(1)) there is one, cleared at
# the end. The piped mode logs each stage program's line the same way.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
run="$TMP/out/$(readlink "$TMP/out/latest")"
for s in ingest normalize validate score rank emit; do
	n=$(grep -c "indeks stage=$s in=[0-9]* out=[0-9]* rejected=[0-9]* superseded=[0-9]* seconds=[0-9.]*$" "$run/run.log")
	[ "$n" -eq 1 ] || die "run.log has $n lines for stage $s: $(cat "$run/run.log")"
	grep -q "indeks stage=$s " "$TMP/.err" || die "stderr has no line for stage $s"
done
grep -q "run.sh run .* RUNNING" "$run/run.log" || die "run.log does not say the run started"
grep -q "run.sh run .* SUCCEEDED" "$run/run.log" || die "run.log does not say the run succeeded"
# The stage lines on stderr are the ones in run.log.
grep "indeks stage=" "$TMP/.err" >"$TMP/err-lines"
grep "indeks stage=" "$run/run.log" | diff - "$TMP/err-lines" || die "stderr and run.log differ"

# The counts are the accounting's: ingest read what summary.json says was
# read, each stage received what the one before sent on, and the rejects
# and superseded add up.
python3 - "$run/run.log" "$run/summary.json" <<'PY' || die "the stage counts disagree with the accounting"
import json, re, sys
lines = {}
for line in open(sys.argv[1]):
    m = re.search(r"stage=(\w+) in=(\d+) out=(\d+) rejected=(\d+) superseded=(\d+)", line)
    if m:
        lines[m[1]] = tuple(int(x) for x in m.groups()[1:])
acc = json.load(open(sys.argv[2]))["accounting"]
order = ["ingest", "normalize", "validate", "score"]
assert lines["ingest"][0] == acc["records_read"], (lines["ingest"], acc)
for a, b in zip(order, order[1:]):
    assert lines[a][1] == lines[b][0], (a, lines[a], b, lines[b])
for s in order:
    i, o, r, sup = lines[s]
    assert i == o + r + sup, (s, lines[s])
assert sum(lines[s][2] for s in order) == acc["rejected"], (lines, acc)
assert sum(lines[s][3] for s in order) == acc["superseded"], (lines, acc)
assert lines["rank"][0] == lines["rank"][1] > 0, lines["rank"]
print("stage counts agree with the accounting")
PY

# Not a terminal: no progress line, no carriage return.
if grep -q 'records read:' "$TMP/.err" || tr -d '\n' <"$TMP/.err" | grep -q "$(printf '\r')"; then
	die "a progress line went to a stderr that is not a terminal"
fi
# A terminal: the progress line shows, and is cleared.
script -qec "'$BIN/indeks' run --master '$ROOT/master/regions.csv' --methodology '$ROOT/methodology' \
	--out '$TMP/tty' '$ROOT/fixtures/submissions'" /dev/null >"$TMP/tty.out" </dev/null ||
	die "the run on a terminal failed: $(cat "$TMP/tty.out")"
grep -q "$(printf '\r')indeks: records read: [0-9]" "$TMP/tty.out" || die "no progress line on a terminal: $(od -c "$TMP/tty.out" | head)"
grep -q "$(printf '\r\033')\[K" "$TMP/tty.out" || die "the progress line is not cleared"
[ -f "$TMP/tty/regions.csv" ] || die "the run on a terminal did not publish"

# The piped mode: one line per stage program, in run.log and on stderr.
expect_status 0 "$ROOT/run.sh" --out "$TMP/out" --piped
run="$TMP/out/$(readlink "$TMP/out/latest")"
for s in ingest normalize validate score rank emit; do
	[ "$(grep -c "indeks stage=$s " "$run/run.log")" -eq 1 ] || die "piped: no single line for $s in run.log"
done
# Without --log the programs stay quiet on stderr (they are filters).
expect_status 0 indeks_run --out "$TMP/quiet" "$ROOT/fixtures/submissions"
[ ! -s "$TMP/.err" ] || die "indeks run without --log wrote to stderr: $(cat "$TMP/.err")"
exit 0
