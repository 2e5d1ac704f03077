#!/bin/sh
# Writes docs/reject-codes.md from the code table compiled into indeks
# (`indeks codes`), so the document cannot drift from the code; the test
# e2e/docs_current regenerates it and fails on any difference.
#   tests/tools/gen-reject-codes.sh [BIN_DIR] > docs/reject-codes.md
set -eu
bin=${1:-${INDEKS_BIN:-$(dirname "$0")/../../bin}}
cat <<'HEAD'
# Reject and warning codes

Generated from the code table in `pipeline/pl_reject.h` by
`make docs`; do not edit by hand. A code is never renamed or reused.

- **record**: the record is rejected whole and listed in `rejects.csv`
  with its file, line, field and value; it counts as rejected in the
  accounting (read = used + rejected + superseded). `SUPERSEDED` counts as
  superseded.
- **file**: the whole file could not be read; it is listed in `rejects.csv`
  (line 0 for a file that could not be opened or decompressed, the header
  line for a header problem) and in `files.csv` with status `unreadable`.
  None of its records were read.
- **warning**: nothing is lost; listed in `warnings.csv`.

Messages are in Bahasa Indonesia by default and in English with
`--lang en`; a detail (the years available, the record that superseded
this one, the field counts) follows after a colon.

| code | scope | pesan (id) | message (en) | example |
|---|---|---|---|---|
HEAD
"$bin/indeks" codes | awk -F '\t' '{ printf "| `%s` | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }'
