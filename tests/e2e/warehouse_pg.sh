# The warehouse round trip on a real PostgreSQL: a throwaway server from
# the Debian packages (initdb and pg_ctl, as the postgres user when the
# tests run as root, since the server refuses root), on a unix socket in a
# temporary folder, no TCP port; docs/warehouse/schema.sql applied;
# docs/warehouse/load.sh loads two consecutive runs. Checked: each table's
# columns are the CSV's, row counts and values agree with the CSV files,
# the second load replaced the first (no row of the first run left, its
# changed values gone), a load that fails late (at suggestions) changes
# nothing (one transaction), loading a run again gives the same rows, a
# failed run is refused. The server is stopped whatever happens. Without
# PostgreSQL this test fails, saying why: scripts/deps.sh installs it.
. "$INDEKS_ROOT/tests/tools/e2e-lib.sh"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] ||
	die "no PostgreSQL server in /usr/lib/postgresql/*/bin: scripts/deps.sh installs the Debian package postgresql (make test as root does)"
command -v psql >/dev/null || die "no psql: scripts/deps.sh installs the Debian package postgresql"

# The server's folder: short (a unix socket path has a length limit), and
# owned by the user the server runs as.
pgdir=$(mktemp -d /tmp/indeks-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
	id postgres >/dev/null 2>&1 || die "no postgres user (the postgresql package creates it)"
	chown postgres "$pgdir"
	as_server() { runuser -u postgres -- "$@"; }
else
	as_server() { "$@"; }
fi
stop_server() {
	if [ -f "$pgdir/data/postmaster.pid" ]; then
		as_server "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 ||
			as_server "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1
	fi
	rm -rf "$pgdir"
}
trap 'stop_server; e2e_cleanup' EXIT

as_server "$pgbin/initdb" -D "$pgdir/data" -U indeks -A trust -E UTF8 --locale=C.UTF-8 \
	>"$TMP/initdb.log" 2>&1 || die "initdb failed: $(cat "$TMP/initdb.log")"
as_server "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 120 \
	-o "-k $pgdir -c listen_addresses=''" start >"$TMP/pg_ctl.log" 2>&1 ||
	die "the server did not start: $(cat "$TMP/pg_ctl.log" "$pgdir/server.log" 2>/dev/null)"
export PGHOST="$pgdir" PGUSER=indeks PGDATABASE=postgres
q() {
	psql -X -At -v ON_ERROR_STOP=1 -c "$1" || die "query failed: $1"
}
psql -X -q -v ON_ERROR_STOP=1 -f "$ROOT/docs/warehouse/schema.sql" >/dev/null ||
	die "schema.sql does not apply"
# Applying it again is harmless (CREATE ... IF NOT EXISTS).
psql -X -q -v ON_ERROR_STOP=1 -f "$ROOT/docs/warehouse/schema.sql" >/dev/null 2>&1 ||
	die "schema.sql does not apply twice"

# Run A on the fixtures; run B without the folder of the best kota, so
# some regions' values change between the two loads.
expect_status 0 "$ROOT/run.sh" --out "$TMP/out"
a=$(readlink "$TMP/out/latest")
a=${a#runs/}
# field FILE COLUMN WHERE-COLUMN VALUE...: a CSV column of the first row matching.
field() {
	python3 - "$@" <<'PY'
import csv, sys
path, col, conds = sys.argv[1], sys.argv[2], sys.argv[3:]
for r in csv.DictReader(open(path, newline="")):
    if all(r[conds[i]] == conds[i + 1] for i in range(0, len(conds), 2)):
        print(r[col])
        break
PY
}
best=$(field "$TMP/out/latest/regions.csv" region_code level kota rank_national 1)
[ -n "$best" ] || die "no kota ranked first in run A"
cp -R "$ROOT/fixtures/submissions" "$TMP/subs-b"
found=$(find "$TMP/subs-b" -type d -name "$best-*" | head -n 1)
[ -n "$found" ] || die "no fixture folder for region $best"
rm -rf "$found"
expect_status 0 "$ROOT/run.sh" "$TMP/subs-b" --out "$TMP/out"
b=$(readlink "$TMP/out/latest")
b=${b#runs/}
[ "$a" != "$b" ] || die "the two runs share a folder"
cmp -s "$TMP/out/runs/$a/regions.csv" "$TMP/out/runs/$b/regions.csv" && die "runs A and B do not differ"

# The tables hold the CSV columns, in order, after run_id.
for t in regions innovations rejects warnings files agencies explain suggestions clusters; do
	[ -f "$TMP/out/runs/$a/$t.csv" ] || continue
	cols=$(q "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
		WHERE table_schema = 'indeks' AND table_name = '$t' AND column_name <> 'run_id'")
	[ "$cols" = "$(head -n 1 "$TMP/out/runs/$a/$t.csv")" ] ||
		die "indeks.$t columns '$cols' are not $t.csv's '$(head -n 1 "$TMP/out/runs/$a/$t.csv")'"
done

# check_run ID: the database holds exactly run ID: every table its CSV's
# rows and no other run's; regions value for value; files' accounting and
# innovations' dispositions as in the CSV files; loads and runs name it.
tables="regions innovations rejects warnings files agencies explain suggestions clusters"
check_run() {
	dir="$TMP/out/runs/$1"
	# What the CSV files say, in one pass.
	python3 - "$dir" $tables <<'PY' >"$TMP/want" || die "cannot read run $1's CSV files"
import collections, csv, os, sys
d = sys.argv[1]
for t in sys.argv[2:]:
    if os.path.exists(f"{d}/{t}.csv"):
        print(t, sum(1 for _ in csv.DictReader(open(f"{d}/{t}.csv", newline=""))))
for f in csv.DictReader(open(f"{d}/files.csv", newline="")):
    print("file", f["file"], f["read"], f["used"], f["rejected"], f["superseded"])
disp = collections.Counter(r["disposition"] for r in csv.DictReader(open(f"{d}/innovations.csv", newline="")))
for k in sorted(disp):
    print("disposition", k, disp[k])
print("loads", next(csv.DictReader(open(f"{d}/regions.csv", newline="")))["year"], os.path.basename(d))
print("runs", os.path.basename(d))
PY
	# What the database says, in one session; counts over all runs, so
	# a row of another run shows as a difference.
	sql=""
	for t in $tables; do
		[ -f "$dir/$t.csv" ] && sql="$sql SELECT '$t ' || count(*) FROM indeks.$t WHERE run_id = '$1'
			AND (SELECT count(*) FROM indeks.$t) = (SELECT count(*) FROM indeks.$t WHERE run_id = '$1');"
	done
	psql -X -At -v ON_ERROR_STOP=1 >"$TMP/got" <<SQL || die "the checks failed to run"
$sql
SELECT 'file ' || file || ' ' || read || ' ' || used || ' ' || rejected || ' ' || superseded
	FROM indeks.files ORDER BY file COLLATE "C";
SELECT 'disposition ' || disposition || ' ' || count(*) FROM indeks.innovations
	GROUP BY disposition ORDER BY disposition COLLATE "C";
SELECT 'loads ' || string_agg(year || ' ' || run_id, ',') FROM indeks.loads;
SELECT 'runs ' || string_agg(run_id, ',') FROM indeks.runs;
SQL
	diff "$TMP/want" "$TMP/got" >"$TMP/diff" || die "the database differs from run $1: $(cat "$TMP/diff")"
	# Every region, value for value (numbers as the CSV writes them).
	q "COPY (SELECT year, region_code, region_name, level, province_code, spd, sid, jumlah_score,
		divisor, n_div, n_count, n_ditolak, n_excluded, avg_maturity, avg_maturity_pct, iid,
		predicate, rank_national, rank_province FROM indeks.regions ORDER BY year, region_code)
		TO STDOUT WITH (FORMAT csv, HEADER true)" >"$TMP/db-regions.csv"
	diff "$dir/regions.csv" "$TMP/db-regions.csv" >"$TMP/diff" ||
		die "indeks.regions differs from run $1's regions.csv: $(head -n 20 "$TMP/diff")"
}

export INDEKS_BIN="$BIN"
expect_status 0 "$ROOT/docs/warehouse/load.sh" "$TMP/out/runs/$a"
grep -q "loaded run $a" "$TMP/.out" || die "load.sh does not say what it loaded: $(cat "$TMP/.out")"
check_run "$a"
iid_a=$(q "SELECT iid FROM indeks.regions WHERE region_code = '$best'")

# The second load replaces the first: only run B's rows are left.
expect_status 0 "$ROOT/docs/warehouse/load.sh" "$TMP/out/latest"
check_run "$b"
iid_b=$(q "SELECT iid FROM indeks.regions WHERE region_code = '$best'")
[ "$iid_a" != "$iid_b" ] || die "region $best has IID $iid_a in both loads: the test shows nothing"
[ "$iid_b" = "$(field "$TMP/out/runs/$b/regions.csv" iid region_code "$best")" ] ||
	die "region $best: IID $iid_b in the database, not run B's"
[ "$(q "SELECT count(*) FROM indeks.runs WHERE run_id = '$a'")" = 0 ] || die "run A is still in indeks.runs"

# A load failing late (at suggestions) rolls back entirely: run B stays whole.
q "CREATE FUNCTION indeks.refuse() RETURNS trigger LANGUAGE plpgsql AS
	\$\$BEGIN RAISE EXCEPTION 'refused for the test'; END\$\$" >/dev/null
q "CREATE TRIGGER refuse BEFORE INSERT ON indeks.suggestions FOR EACH ROW EXECUTE FUNCTION indeks.refuse()" >/dev/null
expect_status 3 "$ROOT/docs/warehouse/load.sh" "$TMP/out/runs/$a"
grep -q "refused for the test" "$TMP/.err" || die "the load did not fail where intended: $(cat "$TMP/.err")"
check_run "$b"
q "DROP TRIGGER refuse ON indeks.suggestions; DROP FUNCTION indeks.refuse()" >/dev/null

# Loading the same run again gives the same rows.
expect_status 0 "$ROOT/docs/warehouse/load.sh" "$TMP/out/runs/$b"
check_run "$b"

# A run that failed, or no longer matches its manifest, is not loaded.
ls "$TMP/out/runs" >"$TMP/before"
expect_status 79 "$ROOT/run.sh" --out "$TMP/out" --max-reject-rate 0
failed=$(ls "$TMP/out/runs" | comm -13 "$TMP/before" -)
expect_status 65 "$ROOT/docs/warehouse/load.sh" "$TMP/out/runs/$failed"
cp -R "$TMP/out/runs/$b" "$TMP/tampered"
printf 'x' >>"$TMP/tampered/regions.csv.gz"
expect_status 65 "$ROOT/docs/warehouse/load.sh" "$TMP/tampered"
expect_status 66 "$ROOT/docs/warehouse/load.sh" "$TMP/no-such-run"
expect_status 64 "$ROOT/docs/warehouse/load.sh"
check_run "$b"
exit 0
