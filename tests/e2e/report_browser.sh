# report.html of the bundled fixtures in a real browser (headless Chromium,
# driven by tests/tools/report_browser.py over the DevTools protocol): the
# regions, ranks and charts it must hold against the run's CSV files,
# filtering by typing and by province, sorting, a region's detail view, a
# phone-sized window, print, no request but the file itself and no console
# error. Keeps screenshots of the overview, the province panels, one region
# and the phone view in the build's screenshots/ folder. Without Chromium
# it fails and says why: it is never skipped.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
command -v python3 >/dev/null 2>&1 || die "python3 is missing (scripts/deps.sh installs it)"
command -v chromium >/dev/null 2>&1 ||
	die "Chromium is not installed, so the report cannot be checked in a browser: run scripts/deps.sh as root (it installs the Debian package 'chromium')"

indeks_run --out "$TMP/run" "$ROOT/fixtures/submissions" >"$TMP/run.out" 2>"$TMP/run.err" ||
	{ cat "$TMP/run.err" >&2; die "the pipeline failed on the fixtures"; }
[ -s "$TMP/run/report.html" ] || die "no report.html in the run folder"

# Nothing in the page may point outside it: the browser check below also
# counts requests, this names the line.
if grep -nE '<(script|img|iframe|link|source|video|audio)[^>]+(src|href)="(https?:|//)|@import|url\(' "$TMP/run/report.html" >"$TMP/ext"; then
	head -5 "$TMP/ext" >&2
	die "report.html refers to something outside itself"
fi

shots=$(cd "$BIN/.." && pwd)/screenshots
python3 -B "$ROOT/tests/tools/report_browser.py" "$TMP/run" "$shots" || die "report.html failed in the browser (above)"
for s in overview provinces region phone; do
	[ -s "$shots/report-$s.png" ] || die "no screenshot report-$s.png"
done
echo "screenshots in $shots"
