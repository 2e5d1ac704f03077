#!/bin/sh
# load.sh: loads one indeks run folder into PostgreSQL, replacing every
# assessment year it covers, in one transaction (load.sql).
#
#   docs/warehouse/load.sh RUN_DIR [PSQL_OPTION...]
#   e.g. docs/warehouse/load.sh /srv/indeks/out/latest -h db.example -d warehouse
#
# RUN_DIR may be OUT/latest (the link is resolved: the run id is the run
# folder's name). The run must have status SUCCEEDED and match its
# manifest (indeks verify, found through INDEKS_BIN or this checkout's
# bin/; without it the load stops unless INDEKS_LOAD_UNVERIFIED=1). The
# connection is psql's: options after RUN_DIR, or the PG* variables. The
# schema must exist (schema.sql). Needs psql and gzip.
# Exit: 0 loaded; 64 usage; 65 the run did not succeed or fails verify;
# 66 no run folder or manifest; 69 no psql or no indeks to verify with;
# psql's own otherwise (2: no connection; 3: the load failed and changed
# nothing). docs/warehouse/README.md has the details.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
	sed -n '4,6p' "$0" | sed 's/^# *//' >&2
	exit 64
fi
if ! run=$(cd "$1" 2>/dev/null && pwd -P); then
	echo "load.sh: error: no run folder '$1'" >&2
	exit 66
fi
shift
if [ ! -f "$run/manifest.json" ]; then
	echo "load.sh: error: '$run' has no manifest.json" >&2
	exit 66
fi
state=""
[ -f "$run/status" ] && read -r state _ <"$run/status"
if [ "$state" != SUCCEEDED ]; then
	echo "load.sh: error: run '$run' did not succeed (status: ${state:-none}); not loaded" >&2
	exit 65
fi
command -v psql >/dev/null || { echo "load.sh: error: psql is missing (Debian: postgresql-client)" >&2; exit 69; }

indeks="${INDEKS_BIN:-$here/../../bin}/indeks"
if [ -x "$indeks" ]; then
	"$indeks" verify "$run" >&2 || { echo "load.sh: error: '$run' does not match its manifest; not loaded" >&2; exit 65; }
elif [ "${INDEKS_LOAD_UNVERIFIED:-0}" = 1 ]; then
	echo "load.sh: warning: no indeks program to verify '$run' with; loading it unverified" >&2
else
	echo "load.sh: error: no indeks program ($indeks) to verify the run with;" \
		"set INDEKS_BIN, or INDEKS_LOAD_UNVERIFIED=1 to load anyway" >&2
	exit 69
fi

# load.sql reads the files relative to the run folder.
cd "$run"
exec psql -X -q --single-transaction -v ON_ERROR_STOP=1 "$@" -f "$here/load.sql"
