#!/usr/bin/python3
"""The IID 2023 method (docs/scoring.md) in pandas, the peer `make bench`
times indeks against beside DuckDB (bench/iid.sql does the same in SQL).

Usage:
    iid_pandas.py --input DIR --out FILE [--methodology DIR] [--master FILE]

Reads every *.csv under DIR (canonical wide CSV, as bench/gen.c writes it),
validates levels (0..3 or empty; one bad level rejects the record), applies
the evidence rule (verified_or_evidenced), keeps the latest copy of each
record (tanggal_kirim, then the path), scores, aggregates per region with
D = max(divisor_floor, n_div) and J = jumlah_per_innovation x min(n_count,
jumlah_cap), ranks, and writes one row per master region in the columns of
regions.csv that tests/reference/compare_regions.py compares.

Files are read with pandas' C parser and reduced a batch at a time to one
compact row per record (points, validity, key, times): holding every field
of every file as Python strings would take gigabytes at 1M innovations, and
a pandas user would not do it either. Arithmetic is in integer hundredths,
with the one rounding (half up) done on integers, so the result is exact.

Run it with Debian's python3 (python3-pandas); bench/install-peers.sh
installs it. Exit status: 0 done, 2 input or settings refused.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
LEVELS = ["", "0", "1", "2", "3"]
BATCH_ROWS = 200_000


def fail(msg):
    print(f"iid_pandas: error: {msg}", file=sys.stderr)
    sys.exit(2)


def read_conf(path):
    conf = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                fail(f"{path}: not 'key = value': {line}")
            k, v = line.split("=", 1)
            conf[k.strip()] = v.strip()
    return conf


def hundredths(text):
    whole, _, frac = text.strip().partition(".")
    if not whole.isdigit() or len(frac) > 2 or (frac and not frac.isdigit()):
        fail(f"not a decimal with 2 places: {text!r}")
    return int(whole) * 100 + int(frac.ljust(2, "0") or 0)


class Method:
    def __init__(self, folder):
        conf = read_conf(os.path.join(folder, "method.conf"))

        def lst(k):
            return sorted(v.strip() for v in conf.get(k, "").split(",") if v.strip())

        if (conf.get("evidence_rule") != "verified_or_evidenced"
                or lst("divisor_counts") != ["ditolak", "scored"]
                or lst("jumlah_counts") != ["scored"] or conf.get("jumlah_gate_min")):
            fail("only the 2023 settings are implemented (verified_or_evidenced, "
                 "divisor scored+ditolak, jumlah scored, no gate)")
        self.divisor_floor = int(conf["divisor_floor"])
        self.jumlah_per_h = hundredths(conf["jumlah_per_innovation"])
        self.jumlah_cap = int(conf["jumlah_cap"])
        self.max_total_h = hundredths(conf["max_total"])
        self.eligible_from = pd.Timestamp(conf["eligible_from"])
        self.eligible_to = pd.Timestamp(conf["eligible_to"])
        ind = pd.read_csv(os.path.join(folder, "indicators.csv"), dtype=str,
                          keep_default_na=False)
        self.rows = {a: [r.strip() for r in ind.loc[ind.aspect.str.strip() == a, "row"]]
                     for a in ("sid", "spd")}
        self.weights_h = {a: np.array([hundredths(w) for w in
                                       ind.loc[ind.aspect.str.strip() == a, "weight"]],
                                      dtype=np.int64)
                          for a in ("sid", "spd")}
        pred = pd.read_csv(os.path.join(folder, "predicates.csv"), dtype=str,
                           keep_default_na=False)
        self.predicates = sorted(((hundredths(b), p.strip()) for p, b in
                                  zip(pred.predicate, pred.from_iid)), reverse=True)

    def predicate(self, iid_h):
        for bound, name in self.predicates:
            if bound == 0 and iid_h != 0:
                continue  # Tidak Dapat Dinilai only for exactly 0.00
            if bound <= iid_h:
                return name
        fail(f"no predicate for {iid_h}")


def input_files(root):
    """Every *.csv under root, in byte order of the path (as the pipeline)."""
    found = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".csv") and not name.startswith("."):
                found.append(os.path.join(dirpath, name))
    found.sort(key=lambda p: p.encode("utf-8", "surrogateescape"))
    return found


PROFILE = ["tahun", "kode_wilayah", "id_inovasi", "status_verifikasi", "tanggal_penerapan",
           "tanggal_kirim"]


class Batch:
    """Records of one kind (innovation or SPD) as one object array in a
    fixed column order: pandas' concat of thousands of small frames costs
    more than reading them, a single numpy concatenation does not."""

    def __init__(self, m, aspect):
        self.aspect = aspect
        self.rows = m.rows[aspect]
        self.cols = PROFILE + [f"{p}{r}" for r in self.rows
                               for p in ("ind_", "bukti_", "verif_")]
        self.arrays, self.files, self.n = [], [], 0

    def add(self, df, path):
        self.arrays.append(df.reindex(columns=self.cols, fill_value="").to_numpy(dtype=object))
        self.files.append(np.full(len(df), path, dtype=object))
        self.n += len(df)

    def take(self):
        arr, files = np.concatenate(self.arrays), np.concatenate(self.files)
        self.arrays, self.files, self.n = [], [], 0
        return arr, files


def strip(a):
    return np.char.strip(a.astype(str))


def compact(batch, m):
    """One row per record: key, times, status, points and validity."""
    arr, files = batch.take()
    p = {c: pd.Series(arr[:, i]) for i, c in enumerate(PROFILE)}
    out = pd.DataFrame({
        "tahun": pd.to_numeric(p["tahun"].str.strip(), errors="coerce"),
        "kode": p["kode_wilayah"].str.strip(),
        "filename": files,
        "innovation": batch.aspect == "sid",
        "id": p["id_inovasi"].str.strip(),
    })
    kirim = p["tanggal_kirim"].str.strip()
    # a bare date is midnight; one format keeps to_datetime on its fast path
    kirim = kirim.where(kirim.str.len() != 10, kirim + " 00:00:00")
    out["kirim"] = pd.to_datetime(kirim, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    out["ditolak"] = p["status_verifikasi"].str.strip().str.lower() == "ditolak"
    out["penerapan"] = pd.to_datetime(p["tanggal_penerapan"].str.strip(), format="%Y-%m-%d",
                                      errors="coerce")
    base = len(PROFILE)
    claimed = strip(arr[:, base::3])
    bukti = strip(arr[:, base + 1::3])
    verif = strip(arr[:, base + 2::3])
    out["invalid"] = ~(np.isin(claimed, LEVELS) & np.isin(verif, LEVELS)).all(axis=1)
    # evidence_rule = verified_or_evidenced
    chosen = np.where(verif != "", verif,
                      np.where((bukti != "") & (claimed != ""), claimed, "0"))
    chosen = np.where(np.isin(chosen, LEVELS[1:]), chosen, "0").astype(np.int64)
    out["points_h"] = chosen @ m.weights_h[batch.aspect]
    return out


def read_all(root, m):
    files = input_files(root)
    if not files:
        fail(f"{root}: no *.csv files")
    batches = {"sid": Batch(m, "sid"), "spd": Batch(m, "spd")}
    wanted = set(batches["sid"].cols) | set(batches["spd"].cols)
    parts = []
    for path in files:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                         engine="c", usecols=lambda c: c in wanted)
        # a file with an id_inovasi column holds innovations, else SPD
        batch = batches["sid" if "id_inovasi" in df.columns else "spd"]
        batch.add(df, path)
        if batch.n >= BATCH_ROWS:
            parts.append(compact(batch, m))
    for batch in batches.values():
        if batch.n:
            parts.append(compact(batch, m))
    return pd.concat(parts, ignore_index=True)


def score(recs, m, master):
    valid = recs.loc[~recs["invalid"]]
    # the latest tanggal_kirim wins; on equal times the path read last
    valid = valid.sort_values(["kirim", "filename"], kind="mergesort")
    latest = valid.drop_duplicates(["tahun", "kode", "innovation", "id"], keep="last")

    inn = latest.loc[latest["innovation"]].copy()
    outside = inn["penerapan"].notna() & ((inn["penerapan"] < m.eligible_from) |
                                          (inn["penerapan"] > m.eligible_to))
    inn["scored"] = ~inn["ditolak"] & ~outside
    inn["counted"] = inn["ditolak"] | inn["scored"]
    inn["scored_h"] = np.where(inn["scored"], inn["points_h"], 0)
    per = inn.groupby(["tahun", "kode"]).agg(n_div=("counted", "sum"),
                                             n_count=("scored", "sum"),
                                             sum_h=("scored_h", "sum")).reset_index()
    spd = latest.loc[~latest["innovation"], ["tahun", "kode", "points_h"]] \
        .rename(columns={"points_h": "spd_h"})

    years = pd.DataFrame({"tahun": sorted(latest["tahun"].dropna().unique())})
    reg = years.merge(master, how="cross")
    reg = reg.merge(per, how="left", on=["tahun", "kode"]) \
             .merge(spd, how="left", on=["tahun", "kode"])
    for c in ("n_div", "n_count", "sum_h", "spd_h"):
        reg[c] = reg[c].fillna(0).astype(np.int64)
    d = np.maximum(reg["n_div"], m.divisor_floor)
    j = m.jumlah_per_h * np.minimum(reg["n_count"], m.jumlah_cap)
    sid_num = reg["sum_h"] + j * d
    num = (reg["spd_h"] * d + sid_num) * 10000
    den = d * m.max_total_h
    reg["iid_h"] = (2 * num + den) // (2 * den)
    reg["sid_h"] = (2 * sid_num + d) // (2 * d)
    reg["d"], reg["j_h"] = d, j
    reg["predicate"] = [m.predicate(int(h)) for h in reg["iid_h"]]
    reg["rank_national"] = reg.groupby(["tahun", "level"])["iid_h"] \
        .rank(method="min", ascending=False).astype(int)
    local = reg["level"] != "provinsi"
    reg["rank_province"] = ""
    reg.loc[local, "rank_province"] = reg.loc[local].groupby(["tahun", "province"])["iid_h"] \
        .rank(method="min", ascending=False).astype(int).astype(str)
    return reg


def fmt(h):
    return [f"{v // 100}.{v % 100:02d}" for v in h.astype(np.int64)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--methodology", default=os.path.join(ROOT, "methodology", "iid-2023"))
    ap.add_argument("--master", default=os.path.join(ROOT, "master", "regions.csv"))
    args = ap.parse_args(argv)
    m = Method(args.methodology)
    master = pd.read_csv(args.master, dtype=str, keep_default_na=False)
    master = pd.DataFrame({
        "kode": master["code"].str.strip(),
        "level": master["level"].str.strip().str.lower(),
        "province": np.where(master["level"].str.strip().str.lower() == "provinsi",
                             master["code"].str.strip(), master["parent_code"].str.strip()),
    })
    reg = score(read_all(args.input, m), m, master)
    out = pd.DataFrame({
        "year": reg["tahun"].astype(int), "region_code": reg["kode"],
        "spd": fmt(reg["spd_h"]), "sid": fmt(reg["sid_h"]), "jumlah_score": fmt(reg["j_h"]),
        "divisor": reg["d"], "n_div": reg["n_div"], "n_count": reg["n_count"],
        "iid": fmt(reg["iid_h"]), "predicate": reg["predicate"],
        "rank_national": reg["rank_national"], "rank_province": reg["rank_province"],
    })
    out.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
