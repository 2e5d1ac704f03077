# The bundled set holds its submissions in the shapes and dialects agencies
# really send (fixtures/README.md); tests/data/canonical-submissions holds
# the same submissions as canonical CSV. ./run.sh on each gives the same
# regions.csv, byte for byte, and uses the same number of records; the
# shaped set does hold every shape; the twin is canonical; and the shaped
# files are what fixtures/shape.py writes from the twin today.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
fx="$ROOT/fixtures/submissions"
twin="$ROOT/tests/data/canonical-submissions"
expect_status 0 "$ROOT/run.sh" "$fx" --out "$TMP/shaped"
expect_status 0 "$ROOT/run.sh" "$twin" --out "$TMP/canonical"
shaped="$TMP/shaped/latest"
canonical="$TMP/canonical/latest"
cmp "$shaped/regions.csv" "$canonical/regions.csv" ||
	{ diff "$canonical/regions.csv" "$shaped/regions.csv" | head -20; die "regions.csv differs between the shaped and the canonical set"; }
used() { sed -n 's/.*"used": \([0-9]*\).*/\1/p' "$1/summary.json" | head -n 1; }
[ "$(used "$shaped")" = "$(used "$canonical")" ] || die "records used: shaped $(used "$shaped"), canonical $(used "$canonical")"
[ "$(used "$shaped")" -gt 100 ] || die "suspiciously few records used: $(used "$shaped")"

# Every shape is there and was read as that shape (files.csv: file, shape,
# kind, status, ...).
has() { grep -q "$1" "$shaped/files.csv" || die "no $2 in the bundled set (files.csv lacks $1)"; }
has ',xml,inovasi,ok,' "XML document"
has ',xml.gz,inovasi,ok,' "gzip XML document"
has ',xml,spd,ok,' "XML SPD document"
has ',csv,jawaban,ok,' "long CSV"
has ',csv.gz,jawaban,ok,' "gzip long CSV"
has '\.tsv,csv,inovasi,ok,' "tab-separated file"
has '\.tsv\.gz,csv.gz,inovasi,ok,' "gzip tab-separated file"
has ',GZIP_CORRUPT,' "corrupt gzip"
has ',XML_ENTITY,' "billion-laughs XML"
has ',XML_EXTERNAL,' "external-entity XML"
grep -q 'ENCODING_CONVERTED' "$shaped/warnings.csv" || die "no Windows-1252 file was converted"
bom_crlf_semicolon=0
for f in $(find "$fx" -name '*.csv'); do
	if head -c 3 "$f" | od -An -tx1 | grep -q 'ef bb bf' && head -n 1 "$f" | grep -q ';' &&
		head -n 1 "$f" | grep -q "$(printf '\r')"; then
		bom_crlf_semicolon=$((bom_crlf_semicolon + 1))
	fi
done
[ "$bom_crlf_semicolon" -ge 1 ] || die "no semicolon file with a BOM and CRLF"

# The twin is canonical CSV: .csv, no BOM, no CR, a comma-separated header
# with the canonical names (in any order, as the format allows).
for f in $(find "$twin" -type f); do
	case "$f" in *.csv) ;; *) die "not a .csv in the canonical set: $f" ;; esac
	for col in tahun kode_wilayah tanggal_kirim; do
		head -n 1 "$f" | tr ',' '\n' | grep -qx "$col" || die "no column $col in $f"
	done
	if grep -q "$(printf '\r')" "$f"; then die "CR in the canonical set: $f"; fi
done

# The shaped files are what fixtures/shape.py makes of the twin.
cp -R "$fx" "$TMP/regen"
python3 "$ROOT/fixtures/shape.py" "$TMP/regen" || die "fixtures/shape.py failed"
diff -r "$fx" "$TMP/regen" || die "fixtures/submissions is not what fixtures/shape.py writes: run it"
echo "regions.csv identical; $(used "$shaped") records used in both sets"
