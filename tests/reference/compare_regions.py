#!/usr/bin/env python3
"""Compare the reference's expected regions with the pipeline's regions.csv.

Usage:
    compare_regions.py expected.csv actual_regions.csv

Rows are matched on (year, region_code); columns are selected by header
name, so the pipeline may carry more columns, in any order.  Numeric columns
are compared as exact decimals (so "10" equals "10.00"); the predicate is
compared as text after trimming.  Formatting of the published file is
checked by the golden tests, not here.

Exit status: 0 when everything matches, 1 on any difference or a region
missing on either side, 2 when a file cannot be read or lacks a column.
"""

import csv
import sys
from decimal import Decimal, InvalidOperation

KEY = ("year", "region_code")
COLUMNS = ["iid", "predicate", "rank_national", "rank_province", "spd", "sid",
           "jumlah_score", "divisor", "n_div", "n_count"]
TEXT_COLUMNS = {"predicate"}
MAX_SHOWN = 20


class CompareError(Exception):
    pass


def load(path):
    """{(year, region_code): {column: value}}; duplicate keys are an error
    because a region listed twice is itself a pipeline bug."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in KEY + tuple(COLUMNS) if c not in header]
            if missing:
                raise CompareError(f"{path}: no column(s) {', '.join(missing)}")
            reader.fieldnames = header
            rows, dups = {}, []
            for rec in reader:
                key = (rec["year"].strip(), rec["region_code"].strip())
                if key in rows:
                    dups.append(key)
                rows[key] = {c: (rec[c] or "").strip() for c in COLUMNS}
            return rows, dups
    except OSError as e:
        raise CompareError(f"{path}: {e.strerror}") from None


def same(column, a, b):
    if a == b:
        return True
    if column in TEXT_COLUMNS or a == "" or b == "":
        return False
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    exp_path, act_path = argv[1], argv[2]
    try:
        expected, exp_dups = load(exp_path)
        actual, act_dups = load(act_path)
    except CompareError as e:
        print(f"compare_regions: error: {e}", file=sys.stderr)
        return 2

    problems = []
    for key in exp_dups:
        problems.append(f"{key[0]} {key[1]}: listed twice in the expected file")
    for key in act_dups:
        problems.append(f"{key[0]} {key[1]}: listed twice in the actual file")
    for key in sorted(expected.keys() - actual.keys()):
        problems.append(f"{key[0]} {key[1]}: missing from the actual file")
    for key in sorted(actual.keys() - expected.keys()):
        problems.append(f"{key[0]} {key[1]}: not expected (unknown region or year)")
    differing = set()
    for key in sorted(expected.keys() & actual.keys()):
        for col in COLUMNS:
            e, a = expected[key][col], actual[key][col]
            if not same(col, e, a):
                differing.add(key)
                problems.append(f"{key[0]} {key[1]}: {col}: expected {e!r}, "
                                f"got {a!r}")

    for line in problems[:MAX_SHOWN]:
        print(line)
    if len(problems) > MAX_SHOWN:
        print(f"... and {len(problems) - MAX_SHOWN} more differences")
    if problems:
        print(f"compare_regions: FAIL: {len(problems)} differences, "
              f"{len(differing)} of {len(expected)} regions differ")
        return 1
    print(f"compare_regions: ok: {len(expected)} regions match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
