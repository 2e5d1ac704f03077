#!/usr/bin/env python3
"""Builds a golden case that pins one year's rounding edges.

For each target IID it finds, with exact fractions, a region (SPD record,
n scored innovations, k ditolak ones) whose exact IID is the target, writes
the submissions, and writes a README with the arithmetic so the expected
regions.csv can be checked by hand. Used once per shipped year; the case's
expected output is then reviewed against the README, not trusted from here.

    make-year-case.py YEAR OUT_DIR TARGET[:LABEL] ...   (TARGET like 60.005)
"""
import csv
import os
import sys
from fractions import Fraction as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SPD_CODES = ["52.01", "52.02", "52.03", "52.04", "52.05", "52.06", "52.07", "52.08",
             "52.71", "52.72"]


def load(year):
    folder = os.path.join(ROOT, "methodology", f"iid-{year}")
    rows = list(csv.DictReader(open(os.path.join(folder, "indicators.csv"))))
    conf = {}
    for line in open(os.path.join(folder, "method.conf")):
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            conf[k.strip()] = v.strip()
    preds = list(csv.DictReader(open(os.path.join(folder, "predicates.csv"))))
    return rows, conf, preds


def hundredths(w):
    return int(round(F(w) * 100))


def reachable(rows):
    """Every sum (hundredths) of weight x level, with one way to reach it."""
    best = {0: {}}
    for r in rows:
        w = hundredths(r["weight"])
        nxt = {}
        for s, levels in best.items():
            for lv in range(4):
                nxt.setdefault(s + w * lv, dict(levels, **{r["row"]: lv}))
        best = nxt
    return best


def find(exact, conf, spd_sums, gate):
    floor = int(conf["divisor_floor"])
    for n in range(1, 40):
        for k in range(0, 6):
            d = max(floor, n + k)
            j = F(38, 100) * min(n, 200) if gate else F(0)
            for p in sorted(spd_sums, reverse=True):
                sigma = (exact * F(5, 2) - F(p, 100) - j) * d
                if sigma.denominator == 1 and 0 < sigma <= 111 * n:
                    return n, k, d, p, int(sigma), j
    return None


def predicate(iid, preds):
    for p in preds[:-1]:
        if iid >= F(p["from_iid"]):
            return p["predicate"]
    return preds[-1]["predicate"]


def main():
    year, out = int(sys.argv[1]), sys.argv[2]
    targets = sys.argv[3:]
    rows, conf, preds = load(year)
    spd_rows = [r for r in rows if r["aspect"] == "spd"]
    sid_rows = [r for r in rows if r["aspect"] == "sid"]
    spd_sums, sid_sums = reachable(spd_rows), reachable(sid_rows)
    gate = [u.strip() for u in conf.get("jumlah_gate_urusan", "").split("|") if u.strip()]
    gate_min = int(conf["jumlah_gate_min"]) if conf.get("jumlah_gate_min") else 0
    os.makedirs(os.path.join(out, "src"), exist_ok=True)
    master = [["code", "name", "level", "parent_code"], ["52", "Nusa Tenggara Barat", "provinsi", ""]]
    readme = [f"# Rounding edges of {year}", "",
              f"Built by `tests/tools/make-year-case.py {year}`; each region below is",
              "computed by hand from its files. Weights and bounds are those of",
              f"`methodology/iid-{year}`. In every region all answers carry evidence.", ""]
    inn_hdr = ["tahun", "kode_wilayah", "id_inovasi", "nama_inovasi", "perangkat_daerah",
               "urusan", "tanggal_penerapan", "tanggal_kirim", "status_verifikasi"]
    for r in sid_rows:
        inn_hdr += [f"ind_{r['row']}", f"bukti_{r['row']}"]
    spd_hdr = ["tahun", "kode_wilayah", "tanggal_kirim"]
    for r in spd_rows:
        spd_hdr += [f"ind_{r['row']}", f"bukti_{r['row']}"]
    terap = conf["eligible_from"]
    kirim = f"{year}-07-01"
    for i, arg in enumerate(targets):
        target, _, label = arg.partition(":")
        code = SPD_CODES[i]
        name = f"Kota Uji {i + 1}" if code.startswith("52.7") else f"Kabupaten Uji {i + 1}"
        master.append([code, name, "kota" if code.startswith("52.7") else "kabupaten", "52"])
        if target == "0":
            readme += [f"## {code} {name}: nothing sent", "",
                       "No SPD record, no innovation: IID 0.00, "
                       f"{predicate(F(0), preds)}.", ""]
            continue
        gate_short = label == "gate-short"
        found = find(F(target), conf, spd_sums, gate=not gate_short)
        if not found:
            sys.exit(f"no combination reaches {target}")
        n, k, d, p, sigma, j = found
        # The scored innovations share sigma; each scores at most 111.
        parts, left = [], sigma
        for m in range(n):
            s = min(11100 // 100, left - 0 * (n - m - 1))
            s = min(s, left)
            parts.append(s)
            left -= s
        assert left == 0
        urusan = (gate * 40)[: n] if gate else ["kesehatan"] * n
        if gate_short:
            urusan = [gate[m % (gate_min - 1)] for m in range(n)]
        recs = []
        for m, s in enumerate(parts):
            levels = sid_sums[s * 100]
            rec = {"tahun": year, "kode_wilayah": code, "id_inovasi": f"U{i + 1}-{m + 1:02d}",
                   "nama_inovasi": f"Inovasi uji {i + 1}.{m + 1}", "perangkat_daerah": f"Dinas {m + 1}",
                   "urusan": urusan[m], "tanggal_penerapan": terap, "tanggal_kirim": kirim,
                   "status_verifikasi": "diterima"}
            for row, lv in levels.items():
                rec[f"ind_{row}"], rec[f"bukti_{row}"] = lv, ("bukti" if lv else "")
            recs.append(rec)
        for m in range(k):
            recs.append({"tahun": year, "kode_wilayah": code, "id_inovasi": f"U{i + 1}-T{m + 1}",
                         "nama_inovasi": f"Inovasi ditolak {i + 1}.{m + 1}",
                         "perangkat_daerah": "Dinas Ditolak", "urusan": "sosial",
                         "tanggal_penerapan": terap, "tanggal_kirim": kirim,
                         "status_verifikasi": "ditolak", "ind_16": 3, "bukti_16": "bukti"})
        with open(os.path.join(out, "src", f"{code}-inovasi.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=inn_hdr, lineterminator="\n")
            w.writeheader()
            w.writerows(recs)
        spd = {"tahun": year, "kode_wilayah": code, "tanggal_kirim": kirim}
        for row, lv in spd_sums[p].items():
            spd[f"ind_{row}"], spd[f"bukti_{row}"] = lv, ("bukti" if lv else "")
        with open(os.path.join(out, "src", f"{code}-spd.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=spd_hdr, lineterminator="\n")
            w.writeheader()
            w.writerow(spd)
        covered = len(set(urusan) & set(gate))
        if gate and covered < gate_min:
            j = F(0)
        sid = F(sigma, 1) / d + j
        iid = (F(p, 100) + sid) / 250 * 100
        rounded = (iid * 100 * 2 + 1) // 2
        readme += [f"## {code} {name}: target {target}" + (f" ({label})" if label else ""), "",
                   f"- SPD = {F(p, 100)} (levels {dict(spd_sums[p])} x weights)",
                   f"- {n} scored innovations with S = {', '.join(map(str, parts))}: sum {sigma}",
                   f"- {k} ditolak (count in the divisor with 0 points)",
                   f"- D = max({conf['divisor_floor']}, {n + k}) = {d}",
                   (f"- urusan covered: {covered} of the {len(gate)} gate urusan "
                    f"(at least {gate_min} needed)" if gate else "- no gate"),
                   f"- J = {'0.38 x ' + str(n) + ' = ' + str(float(j)) if j else '0'}",
                   f"- SID = {sigma} / {d} + {float(j)} = {sid} = {float(sid)}",
                   f"- IID = ({F(p, 100)} + {sid}) / 250 x 100 = {iid} = {float(iid)}",
                   f"- rounded half up: {rounded / 100:.2f}, {predicate(F(rounded, 100), preds)}",
                   ""]
    with open(os.path.join(out, "master.csv"), "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(master)
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("\n".join(readme))


if __name__ == "__main__":
    main()
