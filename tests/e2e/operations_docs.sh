# The scheduling that docs/operations.md documents works as written: its
# crontab line, run the way cron runs it (/bin/sh -c, a bare environment),
# and the ExecStart of contrib/systemd/indeks-nightly.service, run from its
# WorkingDirectory, each publish a run of generated uploads; the unit files
# are well formed (and pass systemd-analyze verify where systemd is
# installed); the methodology digest in a manifest is what the documented
# sha256sum command gives. Paths /opt/indeks and /srv/indeks are mapped
# to the checkout and a scratch folder.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
doc="$ROOT/docs/operations.md"
service="$ROOT/contrib/systemd/indeks-nightly.service"
timer="$ROOT/contrib/systemd/indeks-nightly.timer"
srv="$TMP/srv"
mkdir -p "$srv/out"
python3 "$ROOT/tests/reference/gen_submissions.py" --seed 3 --quiet --out "$srv/uploads" ||
	die "generator failed"
map() {
	sed -e "s|/opt/indeks|$ROOT|g" -e "s|/srv/indeks|$srv|g"
}

# The crontab line: the only line of the ```crontab block.
awk '/^```crontab/ { on = 1; next } /^```/ { on = 0 } on' "$doc" >"$TMP/crontab"
[ "$(grep -vc '^#' "$TMP/crontab")" -eq 1 ] || die "docs/operations.md needs exactly one crontab line: $(cat "$TMP/crontab")"
line=$(grep -v '^#' "$TMP/crontab")
set -f
# shellcheck disable=SC2086
set -- $line
set +f
for f in "$1" "$2" "$3" "$4" "$5"; do
	echo "$f" | grep -Eqx '[0-9*,/-]+' || die "crontab time field '$f' is malformed"
done
cmd=$(echo "$line" | cut -d' ' -f6-)
case "$cmd" in *%*) die "the crontab command has a %, which cron turns into a new line" ;; esac
echo "$cmd" | grep -q '^/opt/indeks/run.sh ' || die "the crontab line does not run /opt/indeks/run.sh"
# As cron runs it: /bin/sh -c and a bare environment. INDEKS_BIN only
# picks the build under test.
env -i PATH=/usr/bin:/bin HOME="$TMP" SHELL=/bin/sh LOGNAME=indeks INDEKS_BIN="$BIN" \
	/bin/sh -c "$(echo "$cmd" | map)" </dev/null
status=$?
[ "$status" -eq 0 ] || die "the crontab command exited $status: $(tail -n 5 "$srv/out/nightly.log" 2>/dev/null)"
[ -L "$srv/out/latest" ] || die "the crontab command published nothing"
[ "$(cat "$srv/out/latest/status")" = SUCCEEDED ] || die "the crontab run is not SUCCEEDED"
grep -q "SUCCEEDED: published" "$srv/out/nightly.log" || die "the cron log does not say the run succeeded"
cron_run=$(readlink "$srv/out/latest")

# The unit files: sections and Key=Value lines only, the keys that matter.
for unit in "$service" "$timer"; do
	bad=$(grep -v -E '^(#.*|;.*|\[[A-Za-z]+\]|[A-Za-z]+=.*|)$' "$unit")
	[ -z "$bad" ] || die "$(basename "$unit"): lines that are not unit syntax: $bad"
done
grep -qx 'Type=oneshot' "$service" || die "the service is not a oneshot"
grep -qx 'User=indeks' "$service" || die "the service does not run as indeks"
grep -qx 'Unit=indeks-nightly.service' "$timer" || die "the timer does not start the service"
grep -q '^OnCalendar=' "$timer" || die "the timer has no OnCalendar"
grep -qx 'WantedBy=timers.target' "$timer" || die "the timer cannot be enabled"
wd=$(sed -n 's/^WorkingDirectory=//p' "$service" | map)
exec_start=$(sed -n 's/^ExecStart=//p' "$service" | map)
[ -d "$wd" ] || die "WorkingDirectory '$wd' does not exist"
if command -v systemd-analyze >/dev/null; then
	mkdir "$TMP/units"
	map <"$service" >"$TMP/units/indeks-nightly.service"
	map <"$timer" >"$TMP/units/indeks-nightly.timer"
	systemd-analyze verify "$TMP/units/indeks-nightly.service" "$TMP/units/indeks-nightly.timer" ||
		die "systemd-analyze verify refuses the units"
	systemd-analyze calendar "$(sed -n 's/^OnCalendar=//p' "$timer")" >/dev/null ||
		die "systemd-analyze refuses the timer's OnCalendar"
else
	echo "note: systemd-analyze is not installed; the units were checked for syntax only"
fi
# ExecStart as systemd runs it: no shell, split on spaces, in the
# WorkingDirectory, with systemd's default PATH.
# shellcheck disable=SC2086
(cd "$wd" && env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin INDEKS_BIN="$BIN" \
	$exec_start) >"$TMP/unit.out" 2>&1 </dev/null
status=$?
[ "$status" -eq 0 ] || die "the service's ExecStart exited $status: $(tail -n 5 "$TMP/unit.out")"
[ "$(readlink "$srv/out/latest")" != "$cron_run" ] || die "the service's run was not published"
for f in "$srv/out/$cron_run"/*.csv; do
	cmp -s "$f" "$srv/out/latest/$(basename "$f")" || die "$(basename "$f") differs between two runs"
done

# The methodology digest, as docs/operations.md says to recompute it.
want=$(cd "$ROOT/methodology" && find . -name '.*' ! -name . -prune -o -type f -print |
	sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["methodology"]["sha256"])' \
	"$srv/out/latest/manifest.json" >"$TMP/digest"
[ "$(cat "$TMP/digest")" = "$want" ] || die "the manifest's methodology digest $(cat "$TMP/digest") is not sha256sum's $want"
exit 0
