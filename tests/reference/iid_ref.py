#!/usr/bin/env python3
"""Reference implementation of the Indeks Inovasi Daerah (IID) score.

Written from the method page (the scoring contract), independently of the
C pipeline, so that the two can check each other.  It reads only canonical
wide CSV submissions (the shape gen_submissions.py writes); the messy inputs
the pipeline must also accept are tested elsewhere.

All arithmetic is exact (fractions.Fraction); the only rounding is half up
to 2 decimals, once, at the end, as the method requires.

Usage:
    iid_ref.py --methodology DIR [--methodology DIR2 ...] --master regions.csv
               --input DIR --out expected.csv

Exit status: 0 on success, 2 on any input or methodology problem (this is a
test oracle: it refuses rather than guesses).
"""

import argparse
import csv
import gzip
import io
import os
import sys
from datetime import datetime
from fractions import Fraction

OUT_COLUMNS = [
    "year", "region_code", "level", "spd", "sid", "jumlah_score", "divisor",
    "n_div", "n_count", "iid", "predicate", "rank_national", "rank_province",
]

# Only the defaults of the switchable settings are implemented; anything
# else must stop the run, not silently compute the default.
SUPPORTED = {
    "divisor_counts": {"scored", "ditolak"},
    "jumlah_counts": {"scored"},
}
SUPPORTED_EVIDENCE_RULE = "verified_or_evidenced"


class RefError(Exception):
    """An input the reference refuses to interpret."""


# ---------------------------------------------------------------- numbers

def round_half_up_2dp(x):
    """Round a non-negative Fraction half up to hundredths; returns an int
    count of hundredths so that formatting is exact too."""
    if x < 0:
        raise RefError(f"negative score {x}")
    scaled = x * 100 + Fraction(1, 2)
    return scaled.numerator // scaled.denominator


def fmt_hundredths(h):
    return f"{h // 100}.{h % 100:02d}"


def parse_decimal(text, what):
    """Parse a plain decimal such as '0.38' exactly."""
    text = text.strip()
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise RefError(f"{what}: not a decimal number: {text!r}") from None
    if "/" in text:
        raise RefError(f"{what}: not a decimal number: {text!r}")
    return value


# ------------------------------------------------------------ methodology

class Method:
    """One year's methodology folder, as data."""

    def __init__(self, folder):
        self.folder = folder
        conf = read_conf(os.path.join(folder, "method.conf"))

        def need(key):
            if key not in conf:
                raise RefError(f"{folder}/method.conf: missing key {key!r}")
            return conf[key]

        self.year = int(need("year"))
        self.max_total = parse_decimal(need("max_total"), "max_total")
        self.divisor_floor = int(need("divisor_floor"))
        self.jumlah_per_innovation = parse_decimal(
            need("jumlah_per_innovation"), "jumlah_per_innovation")
        self.jumlah_cap = int(need("jumlah_cap"))

        gate_min = conf.get("jumlah_gate_min", "").strip()
        self.gate_min = int(gate_min) if gate_min else None
        self.gate_urusan = {
            norm_text(u) for u in conf.get("jumlah_gate_urusan", "").split("|")
            if u.strip()
        }
        if self.gate_min is not None and not self.gate_urusan:
            raise RefError(f"{folder}: jumlah_gate_min set without "
                           "jumlah_gate_urusan")

        for key, allowed in SUPPORTED.items():
            got = {v.strip() for v in need(key).split(",") if v.strip()}
            if got != allowed:
                raise RefError(
                    f"{folder}: {key} = {conf[key]!r} is not implemented by "
                    f"the reference (only {', '.join(sorted(allowed))})")
        if need("evidence_rule").strip() != SUPPORTED_EVIDENCE_RULE:
            raise RefError(
                f"{folder}: evidence_rule = {conf['evidence_rule']!r} is not "
                f"implemented by the reference (only {SUPPORTED_EVIDENCE_RULE})")

        self.eligible_from = parse_date(need("eligible_from"), "eligible_from")
        self.eligible_to = parse_date(need("eligible_to"), "eligible_to")

        self.spd_rows, self.sid_rows = read_indicators(
            os.path.join(folder, "indicators.csv"))
        self.predicates = read_predicates(
            os.path.join(folder, "predicates.csv"))

        # The conf promises this identity; a folder that breaks it would give
        # IIDs above 100, so refuse it here as the pipeline's loader does.
        implied = (3 * sum(self.spd_rows.values())
                   + 3 * sum(self.sid_rows.values())
                   + self.jumlah_per_innovation * self.jumlah_cap)
        if implied != self.max_total:
            raise RefError(f"{folder}: max_total {self.max_total} but the "
                           f"weights imply {implied}")

    def predicate(self, iid_h):
        """Predicate of a rounded IID given in hundredths."""
        iid = Fraction(iid_h, 100)
        for name, bound in self.predicates:
            # The zero row is 'Tidak Dapat Dinilai': only for exactly 0.00.
            if bound == 0 and iid != 0:
                continue
            if bound <= iid:
                return name
        raise RefError(f"{self.folder}: no predicate for IID {iid}")


def read_conf(path):
    conf = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise RefError(f"{path}:{lineno}: expected 'key = value'")
            key, value = line.split("=", 1)
            conf[key.strip()] = value.strip()
    return conf


def read_indicators(path):
    """Return ({spd row: weight}, {sid row: weight}), in file order."""
    spd, sid = {}, {}
    with open(path, encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            aspect = rec["aspect"].strip().lower()
            row = rec["row"].strip()
            weight = parse_decimal(rec["weight"], f"{path}: weight of {row}")
            if aspect == "spd":
                spd[row] = weight
            elif aspect == "sid":
                sid[row] = weight
            else:
                raise RefError(f"{path}: row {row}: unknown aspect {aspect!r}")
    if not spd or not sid:
        raise RefError(f"{path}: needs both spd and sid rows")
    return spd, sid


def read_predicates(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = [(r["predicate"].strip(),
                 parse_decimal(r["from_iid"], f"{path}: from_iid"))
                for r in csv.DictReader(f)]
    # The file is meant to be ordered high to low; sorting makes the rule
    # "first row whose bound is reached" independent of that promise.
    rows.sort(key=lambda r: r[1], reverse=True)
    return rows


# ------------------------------------------------------------------ input

def norm_text(s):
    return s.strip().casefold()


def parse_date(text, what):
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise RefError(f"{what}: not a YYYY-MM-DD date: {text!r}") from None


def parse_timestamp(text, what):
    """A bare date is midnight, so '2023-06-01' equals '2023-06-01 00:00:00'."""
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise RefError(f"{what}: not a timestamp: {text!r}")


def parse_level(text, what):
    text = text.strip()
    if text == "":
        return None
    if text not in ("0", "1", "2", "3"):
        raise RefError(f"{what}: level must be 0..3 or empty: {text!r}")
    return int(text)


def scored_level(rec, row, where):
    """evidence_rule = verified_or_evidenced: the verified level when present,
    else the claimed level when evidence is given, else 0 (an empty claimed
    level also scores 0)."""
    claimed = parse_level(rec[f"ind_{row}"], f"{where}: ind_{row}")
    verified = parse_level(rec[f"verif_{row}"], f"{where}: verif_{row}")
    if verified is not None:
        return verified
    if rec[f"bukti_{row}"].strip() and claimed is not None:
        return claimed
    return 0


def input_files(root):
    """Every *.csv and *.csv.gz under root, in sorted byte order of the path
    relative to root (this order breaks ties between duplicates)."""
    found = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".csv") or name.endswith(".csv.gz"):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                found.append((rel.encode("utf-8", "surrogateescape"), rel, full))
    found.sort()
    return [(rel, full) for _key, rel, full in found]


def read_csv_records(rel, full):
    """Yield (line number, record dict) with trimmed, lower-cased header names
    and trimmed values.  Wholly empty rows are skipped."""
    raw = open(full, "rb").read()
    if full.endswith(".gz"):
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = None
    for fields in reader:
        if header is None:
            header = [h.strip().lower() for h in fields]
            if len(set(header)) != len(header):
                raise RefError(f"{rel}: duplicate column names")
            continue
        if all(f.strip() == "" for f in fields):
            continue
        if len(fields) != len(header):
            raise RefError(f"{rel}:{reader.line_num}: {len(fields)} fields, "
                           f"header has {len(header)}")
        yield reader.line_num, {h: v.strip() for h, v in zip(header, fields)}


class Submissions:
    """Deduplicated innovation and SPD records, keyed by (year, region)."""

    def __init__(self, root, master, methods):
        self.innovations = {}   # (year, code, id) -> (kirim, record)
        self.spd = {}           # (year, code) -> (kirim, record)
        self.superseded = 0
        for rel, full in input_files(root):
            for lineno, rec in read_csv_records(rel, full):
                self._add(f"{rel}:{lineno}", rec, master, methods)

    def _add(self, where, rec, master, methods):
        for col in ("tahun", "kode_wilayah", "tanggal_kirim"):
            if col not in rec:
                raise RefError(f"{where}: no column {col!r}")
        if not rec["tahun"].isdigit():
            raise RefError(f"{where}: tahun is not a year: {rec['tahun']!r}")
        year = int(rec["tahun"])
        if year not in methods:
            raise RefError(f"{where}: no methodology given for year {year}")
        code = rec["kode_wilayah"]
        if code not in master:
            raise RefError(f"{where}: region {code!r} not in the master")
        kirim = parse_timestamp(rec["tanggal_kirim"], f"{where}: tanggal_kirim")
        method = methods[year]
        if "id_inovasi" in rec:
            rows = method.sid_rows
            key = (year, code, rec["id_inovasi"])
            table = self.innovations
        else:
            rows = method.spd_rows
            key = (year, code)
            table = self.spd
        for row in rows:
            for prefix in ("ind_", "bukti_", "verif_"):
                if prefix + row not in rec:
                    raise RefError(f"{where}: no column {prefix + row!r}")
        rec["_where"] = where
        # Latest submission wins; on equal times the record read later (we
        # read in sorted path order, rows in file order) wins, hence ">=".
        old = table.get(key)
        if old is not None:
            self.superseded += 1
            if kirim < old[0]:
                return
        table[key] = (kirim, rec)


# ---------------------------------------------------------------- scoring

def disposition(rec, method, where):
    if norm_text(rec.get("status_verifikasi", "")) == "ditolak":
        return "ditolak"
    penerapan = rec.get("tanggal_penerapan", "")
    if penerapan:
        day = parse_date(penerapan, f"{where}: tanggal_penerapan")
        if not method.eligible_from <= day <= method.eligible_to:
            return "excluded"
    return "scored"


def row_points(rec, rows, where):
    return sum((weight * scored_level(rec, row, where)
                for row, weight in rows.items()), Fraction(0))


class RegionScore:
    def __init__(self):
        self.spd = Fraction(0)
        self.sum_sj = Fraction(0)
        self.n_div = 0
        self.n_count = 0
        self.counted_urusan = set()


def score(master, methods, subs):
    """Return {(year, code): result dict} for every master region and every
    year that has any record (or the methodology year when none has)."""
    years = {k[0] for k in subs.innovations} | {k[0] for k in subs.spd}
    if not years:
        years = set(methods)
    acc = {(y, c): RegionScore() for y in years for c in master}

    for (year, code), (_kirim, rec) in subs.spd.items():
        acc[(year, code)].spd = row_points(
            rec, methods[year].spd_rows, rec["_where"])

    for (year, code, _id), (_kirim, rec) in subs.innovations.items():
        method, r, where = methods[year], acc[(year, code)], rec["_where"]
        disp = disposition(rec, method, where)
        if disp == "excluded":
            continue
        r.n_div += 1     # divisor_counts = scored, ditolak
        if disp == "scored":
            r.n_count += 1   # jumlah_counts = scored
            r.sum_sj += row_points(rec, method.sid_rows, where)
            r.counted_urusan.add(norm_text(rec.get("urusan", "")))

    results = {}
    for (year, code), r in acc.items():
        m = methods[year]
        divisor = max(m.divisor_floor, r.n_div)
        jumlah = m.jumlah_per_innovation * min(r.n_count, m.jumlah_cap)
        if (m.gate_min is not None
                and len(r.counted_urusan & m.gate_urusan) < m.gate_min):
            jumlah = Fraction(0)
        sid = r.sum_sj / divisor + jumlah
        iid_h = round_half_up_2dp((r.spd + sid) / m.max_total * 100)
        results[(year, code)] = {
            "year": str(year),
            "region_code": code,
            "level": master[code]["level"],
            "spd": fmt_hundredths(round_half_up_2dp(r.spd)),
            "sid": fmt_hundredths(round_half_up_2dp(sid)),
            "jumlah_score": fmt_hundredths(round_half_up_2dp(jumlah)),
            "divisor": str(divisor),
            "n_div": str(r.n_div),
            "n_count": str(r.n_count),
            "iid": fmt_hundredths(iid_h),
            "predicate": m.predicate(iid_h),
            "_iid_h": iid_h,
        }
    rank(master, results)
    return results


def competition_ranks(items):
    """items: [(key, iid_h)].  Equal IIDs share a rank, and the next rank
    skips (1, 2, 2, 4): a rank is 1 + the number of strictly better IIDs."""
    ranks = {}
    ordered = sorted(items, key=lambda kv: -kv[1])
    for pos, (key, iid_h) in enumerate(ordered):
        if pos > 0 and iid_h == ordered[pos - 1][1]:
            ranks[key] = ranks[ordered[pos - 1][0]]
        else:
            ranks[key] = pos + 1
    return ranks


def rank(master, results):
    national, provincial = {}, {}
    for (year, code), res in results.items():
        level = master[code]["level"]
        national.setdefault((year, level), []).append(
            ((year, code), res["_iid_h"]))
        if level != "provinsi":
            # kabupaten and kota together, within their parent province
            provincial.setdefault((year, master[code]["parent_code"]), []).append(
                ((year, code), res["_iid_h"]))
    for res in results.values():
        res["rank_province"] = ""
    for items in national.values():
        for key, r in competition_ranks(items).items():
            results[key]["rank_national"] = str(r)
    for items in provincial.values():
        for key, r in competition_ranks(items).items():
            results[key]["rank_province"] = str(r)


# ------------------------------------------------------------------- main

def read_master(path):
    master = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            code = rec["code"].strip()
            level = rec["level"].strip().lower()
            if level not in ("provinsi", "kabupaten", "kota"):
                raise RefError(f"{path}: region {code}: unknown level {level!r}")
            master[code] = {"level": level,
                            "parent_code": rec["parent_code"].strip()}
    for code, m in master.items():
        if m["level"] != "provinsi" and m["parent_code"] not in master:
            raise RefError(f"{path}: region {code}: unknown parent "
                           f"{m['parent_code']!r}")
    return master


def write_output(path, master, results):
    order = {code: i for i, code in enumerate(master)}
    keys = sorted(results, key=lambda k: (k[0], order[k[1]]))
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(OUT_COLUMNS)
        for k in keys:
            w.writerow([results[k][c] for c in OUT_COLUMNS])
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--methodology", action="append", required=True,
                    help="methodology folder (repeat for several years)")
    ap.add_argument("--master", required=True, help="regions.csv master list")
    ap.add_argument("--input", required=True, help="folder of submissions")
    ap.add_argument("--out", required=True, help="expected regions CSV")
    args = ap.parse_args(argv)
    try:
        methods = {}
        for folder in args.methodology:
            m = Method(folder)
            if m.year in methods:
                raise RefError(f"two methodologies for year {m.year}")
            methods[m.year] = m
        master = read_master(args.master)
        if not os.path.isdir(args.input):
            raise RefError(f"{args.input}: not a folder")
        subs = Submissions(args.input, master, methods)
        results = score(master, methods, subs)
        write_output(args.out, master, results)
        print(f"iid_ref: {len(results)} region rows, "
              f"{len(subs.innovations)} innovations, {len(subs.spd)} SPD "
              f"records, {subs.superseded} superseded copies", file=sys.stderr)
    except (RefError, OSError, KeyError, ValueError) as e:
        print(f"iid_ref: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
