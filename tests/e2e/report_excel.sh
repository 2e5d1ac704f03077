# The files for people and the warehouse's copies, on submissions whose
# cells would run as formulas in a spreadsheet (=HYPERLINK(...), +1+1,
# @SUM(...), -2+3 as an innovation's name and agency):
# - regions.csv, innovations.csv, agencies.csv ... (for people): those cells
#   neutralized with a leading apostrophe, numbers as they are;
# - NAME.excel.csv (--excel): the same for Excel in the Indonesian locale: a
#   UTF-8 byte-order mark, ';', CRLF, decimal numbers with a comma, codes
#   like 52.72 untouched, the cells neutralized;
# - NAME.csv.gz (--gzip-level, the warehouse): the raw values, exactly as
#   submitted, and no scratch file left behind;
# and the people's files are the same bytes with or without the copies, and
# the stage programs piped give what the driver gives.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
bima="$ROOT/fixtures/submissions/52-nusa-tenggara-barat/52.72-kota-bima"
mkdir -p "$TMP/in"
cp "$bima/spd.csv" "$TMP/in/spd.csv"
python3 - "$bima/dinas-kesehatan.csv" "$TMP/in/hostile.csv" <<'PY' || die "cannot write the hostile submission"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
h = rows[0]
rows[1][h.index("nama_inovasi")] = '=HYPERLINK("http://x","y")'
rows[1][h.index("perangkat_daerah")] = "+1+1"
rows[2][h.index("nama_inovasi")] = "@SUM(A1:A9)"
rows[2][h.index("perangkat_daerah")] = "-2+3"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PY

expect_status 0 indeks_run --excel --gzip-level 6 --out "$TMP/run" "$TMP/in"
expect_status 0 indeks_run --out "$TMP/plain" "$TMP/in"

python3 - "$TMP/run" <<'PY' || die "the people's, Excel and warehouse files are not as they must be (above)"
import csv, gzip, io, os, sys
run = sys.argv[1]
bad = []
def check(ok, what):
    if not ok:
        bad.append(what)
hostile = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1:A9)", "-2+3"]
decimals = {"spd", "sid", "jumlah_score", "avg_maturity", "avg_maturity_pct", "iid", "claimed_points",
            "scored_points", "counted_points", "points", "max_points", "iid_lacking", "iid_gain",
            "iid_after"}

def people(name):
    with open(os.path.join(run, name), encoding="utf-8", newline="") as f:
        return list(csv.reader(f))

def warehouse(name):
    with gzip.open(os.path.join(run, name + ".gz"), "rt", encoding="utf-8", newline="") as f:
        return list(csv.reader(f))

def excel(name):
    raw = open(os.path.join(run, name[:-4] + ".excel.csv"), "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), name + ": the Excel copy has no byte-order mark")
    check(raw.count(b"\n") == raw.count(b"\r\n") and raw.endswith(b"\r\n"), name + ": the Excel copy is not CRLF")
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))

# agencies.csv names a file's agency by its first record: +1+1.
for name, columns, values in (("innovations.csv", ("nama_inovasi", "perangkat_daerah"), hostile),
                              ("agencies.csv", ("perangkat_daerah",), ["+1+1"])):
    p, w, x = people(name), warehouse(name), excel(name)
    header = p[0]
    check(w[0] == header and x[0] == header, name + ": the copies have other columns")
    check(len(p) == len(w) == len(x), name + ": the copies have other rows")
    cols = [header.index(c) for c in columns]
    seen_people = [r[c] for r in p[1:] for c in cols]
    seen_raw = [r[c] for r in w[1:] for c in cols]
    seen_excel = [r[c] for r in x[1:] for c in cols]
    for v in values:
        check(v in seen_raw, "%s.gz: %r is not there as submitted" % (name, v))
        check("'" + v not in seen_raw, "%s.gz: %r was neutralized in the warehouse copy" % (name, v))
        check("'" + v in seen_people, "%s: %r is not neutralized" % (name, v))
        check(v not in seen_people, "%s: %r is there as a live formula" % (name, v))
        check("'" + v in seen_excel, "%s (Excel): %r is not neutralized" % (name, v))
    # Every other cell: the Excel copy says what the people's file says,
    # decimals with a comma, and no number is ever neutralized.
    for rp, rx in zip(p[1:], x[1:]):
        for col, vp, vx in zip(header, rp, rx):
            want = vp.replace(".", ",") if col in decimals else vp
            check(vx == want, "%s (Excel) %s: %r, expected %r" % (name, col, vx, want))
            if col in decimals or col in ("line", "read", "files", "year"):
                check(not vp.startswith("'"), "%s %s: the number %r was neutralized" % (name, col, vp))

# regions: decimals with a comma in Excel, codes untouched.
p, x = people("regions.csv"), excel("regions.csv")
h = p[0]
row = next(r for r in p[1:] if r[h.index("region_code")] == "52.72")
xrow = next(r for r in x[1:] if r[h.index("region_code")] == "52.72")
check(xrow[h.index("iid")] == row[h.index("iid")].replace(".", ","), "regions (Excel): the IID has no decimal comma")
check("," in xrow[h.index("iid")] and float(row[h.index("iid")]) > 0, "regions: Kota Bima should have an IID")
check(xrow[h.index("region_code")] == "52.72", "regions (Excel): the region code was changed")
check(xrow[h.index("province_code")] == "52", "regions (Excel): the province code was changed")
check(warehouse("regions.csv") == p, "regions.csv.gz differs from regions.csv (nothing in it is hostile)")

left = [f for f in os.listdir(run) if f.startswith(".") or f.endswith(".raw")]
check(not left, "scratch files left in the run folder: %r" % left)
for b in bad:
    print("FAILED: " + b)
sys.exit(1 if bad else 0)
PY

# Without the options: no copies, and the people's files are the same bytes.
for f in "$TMP/plain"/*; do
	n=$(basename "$f")
	cmp -s "$f" "$TMP/run/$n" || die "$n differs when the copies are written too"
done
ls "$TMP/plain" | grep -E '\.excel\.csv$|\.gz$' && die "copies written without --excel or --gzip-level"

# The stage programs, piped: emit takes --excel and --gzip-level alike.
"$BIN/indeks-ingest" "$TMP/in" | "$BIN/indeks-normalize" --master "$ROOT/master/regions.csv" |
	"$BIN/indeks-validate" --master "$ROOT/master/regions.csv" --methodology "$ROOT/methodology" |
	"$BIN/indeks-score" --master "$ROOT/master/regions.csv" --methodology "$ROOT/methodology" |
	"$BIN/indeks-rank" --master "$ROOT/master/regions.csv" |
	"$BIN/indeks-emit" --excel --gzip-level 6 --out "$TMP/piped" 2>"$TMP/piped.err" ||
	{ cat "$TMP/piped.err" >&2; die "the piped stages failed"; }
diff -r "$TMP/run" "$TMP/piped" || die "the piped stages differ from the driver"
