#!/usr/bin/env python3
"""Deterministic synthetic IID submissions for every region in the master.

Writes canonical wide CSV files (UTF-8, comma, LF, RFC 4180 quoting) in a
nested folder tree:

    OUT/<province>/<region>/<agency-slug>.csv        innovations of one agency
    OUT/<province>/<region>/<agency-slug>-revisi.csv a resubmission
    OUT/<province>/<region>/spd.csv                  the region's SPD answers
    OUT/<province>/<region>/spd-revisi.csv           an SPD resubmission
    OUT/<province>/rekap-<province>-inovasi.csv      a provincial system's
    OUT/<province>/rekap-<province>-spd.csv          export (several regions)

The same seed always gives byte-identical output.  Every record is valid:
the point is to exercise the scoring rules (divisor floor, jumlah cap,
dispositions, evidence, duplicates, ties), not the validator.  The scenarios
are planted on purpose and counted in the summary printed to stderr.

Usage:
    gen_submissions.py --seed N --out DIR [--year 2023] [--scale S]
                       [--master regions.csv] [--methodology DIR] [--gzip]
"""

import argparse
import bisect
import csv
import gzip
import io
import math
import os
import random
import zlib
import sys
from collections import Counter
from datetime import date, datetime, time, timedelta
from fractions import Fraction

# Share the reference's methodology loader; no __pycache__ in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import iid_ref  # noqa: E402  (the methodology loader; scoring is not used)

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "..", ".."))
MASTER_CANDIDATES = ["master/regions.csv", "fixtures/master/regions.csv"]

PROFILE_COLUMNS = [
    "tahun", "kode_wilayah", "nama_wilayah", "id_inovasi", "nama_inovasi",
    "perangkat_daerah", "bentuk", "jenis", "inisiator", "urusan", "tahapan",
    "tanggal_uji_coba", "tanggal_penerapan", "tanggal_kirim",
    "status_verifikasi",
]
SPD_PROFILE_COLUMNS = ["tahun", "kode_wilayah", "nama_wilayah", "tanggal_kirim"]

BENTUK = ["tata kelola pemerintahan daerah", "pelayanan publik",
          "inovasi daerah lainnya sesuai urusan"]
JENIS = ["digital", "non digital"]
INISIATOR = ["kepala daerah", "anggota dprd", "opd", "asn", "masyarakat"]

# (agency, the urusan it usually reports under, a topic for innovation names)
AGENCIES = [
    ("Dinas Pendidikan", "pendidikan", "Sekolah"),
    ("Dinas Kesehatan", "kesehatan", "Posyandu"),
    ("Rumah Sakit Umum Daerah", "kesehatan", "Rujukan Pasien"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang",
     "pekerjaan umum dan penataan ruang", "Jalan Mantap"),
    ("Dinas Perumahan dan Kawasan Permukiman",
     "perumahan rakyat dan kawasan permukiman", "Rumah Layak Huni"),
    ("Satuan Polisi Pamong Praja",
     "ketenteraman ketertiban umum dan pelindungan masyarakat", "Patroli"),
    ("Badan Penanggulangan Bencana Daerah",
     "ketenteraman ketertiban umum dan pelindungan masyarakat", "Siaga Bencana"),
    ("Dinas Sosial", "sosial", "Bansos Tepat"),
    ("Dinas Pariwisata", "pariwisata", "Desa Wisata"),
    ("Dinas Perhubungan", "perhubungan", "Angkutan"),
    ("Dinas Kependudukan dan Pencatatan Sipil",
     "administrasi kependudukan dan pencatatan sipil", "Adminduk"),
    ("Dinas Komunikasi dan Informatika", "komunikasi dan informatika",
     "Satu Data"),
    ("Dinas Penanaman Modal dan PTSP", "penanaman modal", "Perizinan"),
    ("Dinas Pertanian", "pertanian", "Petani Milenial"),
    ("Dinas Lingkungan Hidup", "lingkungan hidup", "Bank Sampah"),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan", "Musrenbang"),
    ("Badan Pendapatan Daerah", "keuangan", "Pajak Daerah"),
    ("Badan Kepegawaian Daerah", "kepegawaian", "ASN Berkinerja"),
]
ALL_URUSAN = sorted({a[1] for a in AGENCIES} | {"tenaga kerja", "pangan",
                                                "kebudayaan", "perdagangan"})
NAME_PREFIX = ["Aplikasi", "Layanan", "Gerakan", "Sistem Informasi",
               "Program", "Inovasi", "Klinik", "Sekolah Lapang"]
# A few names and notes carry commas and quotes so that files need RFC 4180
# quoting; none starts with = + - @ (those are formula-injection tests).
NAME_EXTRA = ["", "", "", "", " Terpadu", " Digital", ", Cepat dan Tepat",
              ' "Jemput Bola"', " Berbasis Desa", " Sehat, Cerdas, Mandiri"]
NOTES = ["", "revisi data", "lihat lampiran, hal. 2", 'status "sementara"',
         "dikirim ulang oleh admin", "data dari aplikasi daerah"]
EVIDENCE = ["SK-{n}/{y}.pdf", "Perbup-{n}-{y}.pdf", "Laporan Monev {y}.pdf",
            "foto-kegiatan-{n}.jpg", "Surat Tugas {n}/{y}.pdf",
            "video-inovasi-{n}.mp4", "Notulen Rapat {n}.docx"]


def slug(text):
    return "-".join(text.lower().replace(",", " ").split())


class Region:
    def __init__(self, code, name, level, parent):
        self.code, self.name, self.level = code, name, level
        self.province = code if level == "provinsi" else parent
        self.folder = f"{self.province}/{code}"


def read_master(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [Region(r["code"].strip(), r["name"].strip(),
                       r["level"].strip().lower(), r["parent_code"].strip())
                for r in csv.DictReader(f)]


def hundredths(x):
    """Methodology decimals are exact to 0.01 (the method page says so)."""
    h = x * 100
    assert h.denominator == 1, x
    return int(h)


def realize(weights_h, target_h, rng):
    """Levels 0..3, one per row, whose weighted sum (hundredths) is exactly
    target_h, or None.  A subset-sum table, walked back in random order so
    the answers do not all look alike."""
    reach = [{0}]
    for w in weights_h:
        reach.append({s + w * lv for s in reach[-1] for lv in range(4)})
    if target_h not in reach[-1]:
        return None
    levels, rest = [], target_h
    for i in range(len(weights_h) - 1, -1, -1):
        options = [lv for lv in range(4) if rest - weights_h[i] * lv in reach[i]]
        lv = rng.choice(options)
        levels.append(lv)
        rest -= weights_h[i] * lv
    return levels[::-1]


class Generator:
    def __init__(self, rng, regions, method, year, scale):
        self.rng = rng
        self.regions = regions
        self.m = method
        self.year = year
        self.scale = scale
        self.files = {}        # relative path -> (kind, [records])
        self.stats = Counter()
        self.notes = []        # lines for the summary
        self.kirim_from = date(year, 5, 25)
        self.kirim_to = date(year, 7, 28)
        self.inv_counts = {}   # region code -> distinct innovation ids

    # ---------------------------------------------------------- primitives

    def rand_date(self, lo, hi):
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def rand_kirim(self, lo=None, hi=None):
        """A submission time; bare dates (meaning midnight) and full
        timestamps are both canonical."""
        d = self.rand_date(lo or self.kirim_from, hi or self.kirim_to)
        if self.rng.random() < 0.4:
            return datetime.combine(d, time()), True
        t = time(self.rng.randint(7, 22), self.rng.randint(0, 59),
                 self.rng.randint(0, 59))
        return datetime.combine(d, t), False

    @staticmethod
    def fmt_kirim(dt, bare):
        return dt.strftime("%Y-%m-%d") if bare else dt.strftime("%Y-%m-%d %H:%M:%S")

    def evidence(self):
        tpl = self.rng.choice(EVIDENCE)
        return tpl.format(n=self.rng.randint(1, 250),
                          y=self.rng.randint(self.year - 3, self.year - 1))

    def answers(self, rows, quality):
        """Claimed level, evidence and verified level for each row.  quality
        (0..1) shifts a region's answers up or down so IIDs spread out."""
        out = {}
        for row in rows:
            r = self.rng.random
            claimed = ("" if r() < 0.06 else
                       str(min(3, int(self.rng.random() * 2 + quality * 2.2))))
            roll = r()
            if roll < 0.02:
                bukti = " "     # whitespace only: no evidence after trimming
            elif roll < 0.50 + 0.45 * quality:
                bukti = self.evidence()
            else:
                bukti = ""
            verif = str(self.rng.randint(0, 3)) if r() < 0.15 else ""
            out[f"ind_{row}"], out[f"bukti_{row}"], out[f"verif_{row}"] = \
                claimed, bukti, verif
        return out

    def fixed_answers(self, rows, levels):
        """Answers that score exactly `levels`: claimed and evidenced."""
        out = {}
        for row, lv in zip(rows, levels):
            out[f"ind_{row}"] = str(lv)
            out[f"bukti_{row}"] = self.evidence() if lv else ""
            out[f"verif_{row}"] = ""
        return out

    def count_answer(self, claimed, bukti, verif):
        s = self.stats
        s["answers written"] += 1
        if bukti and not bukti.strip():
            s["answers: whitespace-only bukti"] += 1
        if claimed == "":
            s["answers: empty claimed level"] += 1
        if verif:
            s["answers: verified level"] += 1
            if not bukti.strip():
                s["answers: verified level without evidence"] += 1
            if claimed != verif:
                s["answers: verified level differs from claimed"] += 1
        elif not bukti.strip():
            s["answers: no evidence and no verified level"] += 1
            if claimed not in ("", "0"):
                s["answers: claimed > 0 but unevidenced (scores 0)"] += 1

    # ------------------------------------------------------------ records

    def gate_urusan(self, region, idx, urusan):
        """Under a method with a basic-services gate, a third of the regions
        give their first innovations every gate urusan, a third all but one
        (just short of the gate, unless chance fills it), and a third keep
        their agencies' own: so the gate both opens and stays shut."""
        gate = sorted(self.m.gate_urusan or ())
        if not gate:
            return urusan
        mode = zlib.crc32(region.code.encode()) % 3
        if mode == 0 and idx < len(gate):
            return gate[idx]
        if mode == 1 and idx < self.m.gate_min - 1:
            return gate[idx]
        return urusan

    def innovation(self, region, idx, agency, kind="any", quality=0.5):
        """One innovation record.  kind: any (random disposition), scored
        (eligible, not ditolak), ditolak, or excluded."""
        rng = self.rng
        name, urusan, topic = agency
        if rng.random() < 0.2:
            urusan = rng.choice(ALL_URUSAN)
        urusan = self.gate_urusan(region, idx, urusan)
        kirim, bare = self.rand_kirim()

        status = rng.choices(["diterima", "menunggu", "", "ditolak"],
                             [55, 20, 17, 8])[0]
        if kind == "scored" and status == "ditolak":
            status = "diterima"
        if kind == "ditolak":
            status = "ditolak"
        if kind == "excluded" and status == "ditolak":
            status = "diterima"
        if kind == "any" and rng.random() < 0.07:
            # may stay ditolak: ditolak takes precedence over the window
            kind = "excluded"
            if status == "ditolak":
                self.stats["innovations: ditolak and outside the window"] += 1

        lo, hi = self.m.eligible_from, self.m.eligible_to
        uji = pen = ""
        if kind == "excluded":
            # before the window, or after it (but before submission); the
            # days right at the edges are the interesting ones
            if rng.random() < 0.5:
                p = (lo - timedelta(days=1) if rng.random() < 0.3 else
                     self.rand_date(lo - timedelta(days=900), lo - timedelta(days=1)))
                self.stats["innovations: excluded, before window"] += 1
            else:
                p = (hi + timedelta(days=1) if rng.random() < 0.3 else
                     self.rand_date(hi + timedelta(days=1),
                                    self.kirim_from - timedelta(days=1)))
                self.stats["innovations: excluded, after window"] += 1
            tahapan, pen = "penerapan", p.isoformat()
        else:
            tahapan = rng.choices(["penerapan", "uji coba", "inisiatif"],
                                  [80, 12, 8])[0]
            if kind == "scored" and tahapan != "penerapan" and rng.random() < 0.7:
                tahapan = "penerapan"
            if tahapan == "penerapan":
                edge = rng.random()
                p = lo if edge < 0.03 else hi if edge < 0.06 else \
                    self.rand_date(lo, hi)
                if p in (lo, hi):
                    self.stats["innovations: tanggal_penerapan on a window edge"] += 1
                pen = p.isoformat()
            elif tahapan == "uji coba":
                self.stats["innovations: empty tanggal_penerapan"] += 1
                # before any possible submission time, so that moving the
                # submission time for a duplicate keeps the dates in order
                p = self.rand_date(lo, self.kirim_from - timedelta(days=1))
            else:
                self.stats["innovations: empty tanggal_penerapan"] += 1
        if tahapan in ("penerapan", "uji coba"):
            # the trial precedes implementation (and submission)
            uji = (p - timedelta(days=rng.randint(0, 400))).isoformat()

        if status == "ditolak":
            self.stats["innovations: ditolak"] += 1
        title = (rng.choice(NAME_PREFIX) + " " + topic + rng.choice(NAME_EXTRA))
        rec = {
            "tahun": str(self.year),
            "kode_wilayah": region.code,
            "nama_wilayah": region.name,
            "id_inovasi": f"INV-{region.code.replace('.', '')}-{idx:04d}",
            "nama_inovasi": title,
            "perangkat_daerah": name,
            "bentuk": rng.choice(BENTUK),
            "jenis": rng.choice(JENIS),
            "inisiator": rng.choice(INISIATOR),
            "urusan": urusan,
            "tahapan": tahapan,
            "tanggal_uji_coba": uji,
            "tanggal_penerapan": pen,
            "tanggal_kirim": self.fmt_kirim(kirim, bare),
            "status_verifikasi": status,
        }
        rec.update(self.answers(self.m.sid_rows, quality))
        return rec

    def spd(self, region, quality):
        kirim, bare = self.rand_kirim()
        rec = {"tahun": str(self.year), "kode_wilayah": region.code,
               "nama_wilayah": region.name,
               "tanggal_kirim": self.fmt_kirim(kirim, bare)}
        rec.update(self.answers(self.m.spd_rows, quality))
        return rec

    def add(self, path, kind, rec):
        self.files.setdefault(path, (kind, []))[1].append(rec)

    def agency_file(self, region, agency):
        return f"{region.folder}/{slug(agency[0])}.csv"

    # ---------------------------------------------------------- a region

    def region_content(self, region, n, with_spd, kind="any", n_agencies=None):
        """Records for one region: n innovations spread over a few agency
        files, and an SPD record.  Returns [(path, kind, record)]."""
        rng = self.rng
        quality = rng.random()
        out = []
        if n:
            k = n_agencies or rng.randint(1, min(4, n))
            agencies = rng.sample(AGENCIES, k)
            for i in range(n):
                ag = agencies[i % k] if i < k else rng.choice(agencies)
                rec = self.innovation(region, i + 1, ag, kind, quality)
                out.append((self.agency_file(region, ag), "inovasi", rec))
        if with_spd:
            out.append((f"{region.folder}/spd.csv", "spd",
                        self.spd(region, quality)))
        return out

    def place(self, content):
        for path, kind, rec in content:
            self.add(path, kind, rec)
            if kind == "inovasi":
                self.inv_counts.setdefault(rec["kode_wilayah"], set()).add(
                    rec["id_inovasi"])

    def clone(self, content, template, target):
        """The same answers under another region: identical scores, so the
        regions tie (in their cluster, and in their province if shared)."""
        out = []
        for path, kind, rec in content:
            rec = dict(rec, kode_wilayah=target.code, nama_wilayah=target.name)
            out.append((path.replace(template.folder, target.folder, 1), kind, rec))
        return out

    # ----------------------------------------------------------- scenarios

    def duplicate(self, region, scenario):
        """Resubmit one of the region's innovations (already placed) with
        different answers, under the named scenario.  Returns True if done."""
        rng = self.rng
        cands = [(p, r) for p, (k, recs) in self.files.items() if k == "inovasi"
                 and p.startswith(region.folder + "/") and not p.endswith("-revisi.csv")
                 for r in recs if r["kode_wilayah"] == region.code]
        if not cands:
            return False
        path, orig = rng.choice(cands)
        # Pin the original's time away from the window edges so that the
        # copy can be earlier or later and still be a valid submission.
        base, bare = self.rand_kirim(self.kirim_from + timedelta(days=7),
                                     self.kirim_to - timedelta(days=7))
        orig["tanggal_kirim"] = self.fmt_kirim(base, bare)
        copy = dict(orig)
        copy.update(self.answers(self.m.sid_rows, rng.random()))
        later = base + timedelta(days=rng.randint(0, 5), hours=rng.randint(1, 20))
        earlier = base - timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 20))
        revisi = path[:-len(".csv")] + "-revisi.csv"    # sorts before path
        rekap = f"{region.province}/rekap-{region.province}-inovasi.csv"  # after

        if scenario == "later copy in a file read earlier (copy wins)":
            copy["tanggal_kirim"], target = self.fmt_kirim(later, False), revisi
        elif scenario == "earlier copy in a file read later (original wins)":
            copy["tanggal_kirim"], target = self.fmt_kirim(earlier, False), rekap
        elif scenario == "same time, copy read earlier (original wins)":
            target = revisi
        elif scenario == "same time, copy read later (copy wins)":
            target = rekap
        elif scenario == "bare date = midnight timestamp, copy read later (copy wins)":
            orig["tanggal_kirim"] = base.strftime("%Y-%m-%d")
            copy["tanggal_kirim"] = base.strftime("%Y-%m-%d") + " 00:00:00"
            target = rekap
        elif scenario == "later copy is ditolak (copy wins, scores 0)":
            orig["status_verifikasi"] = "diterima"
            copy["status_verifikasi"] = "ditolak"
            copy["tanggal_kirim"], target = self.fmt_kirim(later, False), revisi
        elif scenario == "original ditolak, later copy diterima (copy wins)":
            orig["status_verifikasi"] = "ditolak"
            copy["status_verifikasi"] = "diterima"
            copy["tanggal_kirim"], target = self.fmt_kirim(later, False), rekap
        else:
            raise AssertionError(scenario)
        self.add(target, "inovasi", copy)
        self.stats["duplicates: " + scenario] += 1
        return True

    def spd_twice(self, region, scenario):
        path = f"{region.folder}/spd.csv"
        orig = self.files[path][1][0]
        base, _ = self.rand_kirim(self.kirim_from + timedelta(days=7),
                                  self.kirim_to - timedelta(days=7))
        orig["tanggal_kirim"] = self.fmt_kirim(base, False)
        copy = dict(orig)
        copy.update(self.answers(self.m.spd_rows, self.rng.random()))
        later = self.fmt_kirim(base + timedelta(hours=self.rng.randint(1, 90)), False)
        earlier = self.fmt_kirim(base - timedelta(hours=self.rng.randint(1, 90)), False)
        rekap = f"{region.province}/rekap-{region.province}-spd.csv"
        if scenario == "later copy in spd-revisi.csv, read earlier (copy wins)":
            copy["tanggal_kirim"], target = later, f"{region.folder}/spd-revisi.csv"
        elif scenario == "same time in spd-revisi.csv, read earlier (original wins)":
            target = f"{region.folder}/spd-revisi.csv"
        elif scenario == "earlier copy in provincial file (original wins)":
            copy["tanggal_kirim"], target = earlier, rekap
        elif scenario == "same time in provincial file, read later (copy wins)":
            target = rekap
        else:
            raise AssertionError(scenario)
        self.add(target, "spd", copy)
        self.stats["spd sent twice: " + scenario] += 1

    def bound_content(self, region, target_h):
        """Content whose IID rounds to exactly target_h hundredths, or None.
        Searches SPD totals and innovation counts; every innovation is
        scored, every level claimed with evidence."""
        m, rng = self.m, self.rng
        spd_w = [hundredths(w) for w in m.spd_rows.values()]
        sid_w = [hundredths(w) for w in m.sid_rows.values()]
        spd_reach, sid_reach = {0}, {0}
        for w in spd_w:
            spd_reach = {s + w * lv for s in spd_reach for lv in range(4)}
        for w in sid_w:
            sid_reach = {s + w * lv for s in sid_reach for lv in range(4)}
        # IID rounds to t iff (t - 1/2)/100 <= (SPD + SID)/max_total*100 < (t + 1/2)/100
        t_lo = Fraction(2 * target_h - 1, 200) * m.max_total / 100
        t_hi = Fraction(2 * target_h + 1, 200) * m.max_total / 100
        sizes = list(range(m.divisor_floor, m.divisor_floor + 8)) + \
            list(range(1, m.divisor_floor))
        for n in sizes:
            d = max(m.divisor_floor, n)
            j = m.jumlah_per_innovation * min(n, m.jumlah_cap)
            for spd_h in sorted(spd_reach, reverse=True):
                spd = Fraction(spd_h, 100)
                # total of S_j (hundredths) must lie in [lo, hi)
                lo = math.ceil((t_lo - spd - j) * d * 100)
                hi = (t_hi - spd - j) * d * 100
                if hi <= 0 or lo > max(sid_reach) * n:
                    continue
                for total in range(max(lo, 0), min(int(hi) + 1, lo + 400)):
                    if total >= hi:
                        break
                    parts = self.split(total, n, sid_reach)
                    if parts is None:
                        continue
                    return self.bound_records(region, spd_w, sid_w, spd_h, parts)
        return None

    @staticmethod
    def split(total, n, reach):
        """n values from reach summing to total, as equal as possible."""
        values = sorted(reach)
        parts = []
        for k in range(n, 0, -1):
            want = -(-total // k)
            v = values[bisect.bisect_right(values, want) - 1]
            if total - v > values[-1] * (k - 1):
                return None
            parts.append(v)
            total -= v
        return parts if total == 0 else None

    def bound_records(self, region, spd_w, sid_w, spd_h, parts):
        content = []
        agencies = self.rng.sample(AGENCIES, 2)
        for i, s_h in enumerate(parts):
            rec = self.innovation(region, i + 1, agencies[i % 2], "scored")
            rec.update(self.fixed_answers(self.m.sid_rows,
                                          realize(sid_w, s_h, self.rng)))
            content.append((self.agency_file(region, agencies[i % 2]), "inovasi", rec))
        kirim, bare = self.rand_kirim()
        spd = {"tahun": str(self.year), "kode_wilayah": region.code,
               "nama_wilayah": region.name, "tanggal_kirim": self.fmt_kirim(kirim, bare)}
        spd.update(self.fixed_answers(self.m.spd_rows,
                                      realize(spd_w, spd_h, self.rng)))
        content.append((f"{region.folder}/spd.csv", "spd", spd))
        return content

    # ---------------------------------------------------------- the plan

    def run(self):
        rng = self.rng
        pool = list(self.regions)
        rng.shuffle(pool)

        def take(n, pred=lambda r: True):
            got = [r for r in pool if pred(r)][:n]
            for r in got:
                pool.remove(r)
            return got

        def role(name, regions):
            self.stats["regions: " + name] += len(regions)
            return regions

        # Ties in a province: three kabupaten of one province, same content.
        for prov in sorted({r.province for r in pool}):
            kabs = [r for r in pool if r.province == prov and r.level == "kabupaten"]
            if len(kabs) >= 3:
                break
        group_a = take(3, lambda r: r in kabs[:3])
        group_b = take(2, lambda r: r.level == "kota")    # kota, any province
        group_c = take(3, lambda r: r.level == "kota")    # SPD only, identical
        big = take(1, lambda r: r.level == "provinsi") + \
            take(1, lambda r: r.level == "kabupaten") + \
            take(1, lambda r: r.level == "kota")
        # regions left out of every scenario get no files at all
        role("no files at all", take(20) + take(2, lambda r: r.level == "provinsi"))
        spd_only = role("SPD only", take(15))
        spd_zero = role("SPD with every level 0 or unevidenced", take(2))
        no_spd = role("innovations but no SPD", take(40))
        ditolak_only = role("innovations all ditolak", take(3))
        excluded_only = role("innovations all excluded, no SPD", take(2))
        bound_regions = take(8, lambda r: r.level != "provinsi")

        def scale(n):
            return max(0, round(n * self.scale))

        # Most regions: a skewed count, so many fall under the divisor floor.
        normal = list(pool)
        for r in normal:
            n = scale(min(rng.randint(0, 25), rng.randint(0, 25)))
            self.place(self.region_content(r, n, with_spd=True))
        for r in no_spd:
            n = max(1, scale(rng.randint(1, 20)))
            self.place(self.region_content(r, n, with_spd=False))
        for r in spd_only:
            self.place(self.region_content(r, 0, with_spd=True))
        for r in spd_zero:
            content = self.region_content(r, 0, with_spd=True)
            for _p, _k, rec in content:
                for row in self.m.spd_rows:
                    if rec[f"ind_{row}"] not in ("", "0") or rec[f"verif_{row}"]:
                        rec[f"bukti_{row}"] = ""
                        rec[f"verif_{row}"] = ""
            self.place(content)
        for r in ditolak_only:
            self.place(self.region_content(r, rng.randint(1, 12), True, "ditolak"))
        for r in excluded_only:
            self.place(self.region_content(r, rng.randint(1, 5), False, "excluded"))

        # More than jumlah_cap counted innovations: the cap must bite.
        for r, n in zip(big, (self.m.jumlah_cap + 1, self.m.jumlah_cap + 12,
                              self.m.jumlah_cap + 40)):
            self.place(self.region_content(r, n, True, "scored", n_agencies=8))
            self.stats["regions: more than jumlah_cap counted innovations"] += 1

        # Identical content: shared ranks nationally and within a province.
        for group, n in ((group_a, 7), (group_b, 14), (group_c, 0)):
            tpl = self.region_content(group[0], n, with_spd=True)
            for r in group:
                self.place(tpl if r is group[0] else self.clone(tpl, group[0], r))
            self.notes.append("tie group (identical content): " +
                              " ".join(r.code for r in group))

        # IIDs exactly on the predicate bounds and one hundredth below them.
        targets = []
        for _name, bound in self.m.predicates:
            if bound > 0:
                targets.append(hundredths(bound))
                if bound > Fraction(1, 100):
                    targets.append(hundredths(bound) - 1)
        for r in bound_regions:
            while targets:
                t = targets.pop(0)
                content = self.bound_content(r, t)
                if content is None:
                    self.notes.append(f"predicate bound {iid_ref.fmt_hundredths(t)}: "
                                      "not reachable, skipped")
                    continue
                self.place(content)
                self.notes.append(f"predicate bound: {r.code} has IID "
                                  f"{iid_ref.fmt_hundredths(t)}")
                break
            else:
                # no bound left: an ordinary region
                self.place(self.region_content(r, rng.randint(0, 25), True))

        # Duplicates and SPD resubmissions on ordinary regions.
        scenarios = [
            "later copy in a file read earlier (copy wins)",
            "earlier copy in a file read later (original wins)",
            "same time, copy read earlier (original wins)",
            "same time, copy read later (copy wins)",
            "bare date = midnight timestamp, copy read later (copy wins)",
            "later copy is ditolak (copy wins, scores 0)",
            "original ditolak, later copy diterima (copy wins)",
        ]
        dup_regions = [r for r in normal if self.inv_counts.get(r.code)]
        rng.shuffle(dup_regions)
        for i, r in enumerate(dup_regions[:5 * len(scenarios)]):
            self.duplicate(r, scenarios[i % len(scenarios)])
        spd_scenarios = [
            "later copy in spd-revisi.csv, read earlier (copy wins)",
            "same time in spd-revisi.csv, read earlier (original wins)",
            "earlier copy in provincial file (original wins)",
            "same time in provincial file, read later (copy wins)",
        ]
        for i, r in enumerate(rng.sample(normal, 4 * len(spd_scenarios))):
            self.spd_twice(r, spd_scenarios[i % len(spd_scenarios)])

        n_inv = {c: len(ids) for c, ids in self.inv_counts.items()}
        self.stats["regions: 1-9 distinct innovations (under the floor)"] = \
            sum(1 for n in n_inv.values() if 0 < n < self.m.divisor_floor)
        self.stats["innovations: distinct (year, region, id)"] = sum(n_inv.values())

    # --------------------------------------------------------------- output

    def write(self, out, gzip_some):
        columns = {
            "inovasi": PROFILE_COLUMNS + [f"{p}_{row}" for row in self.m.sid_rows
                                         for p in ("ind", "bukti", "verif")],
            "spd": SPD_PROFILE_COLUMNS + [f"{p}_{row}" for row in self.m.spd_rows
                                         for p in ("ind", "bukti", "verif")],
        }
        for i, path in enumerate(sorted(self.files, key=lambda p: p.encode())):
            kind, recs = self.files[path]
            cols = list(columns[kind])
            # Column order and unknown columns must not matter to a reader.
            if self.rng.random() < 0.1:
                cols.insert(self.rng.randint(0, len(cols)), "catatan")
                for rec in recs:
                    rec["catatan"] = self.rng.choice(NOTES)
                self.stats["files: with an unknown column (catatan)"] += 1
            if self.rng.random() < 0.15:
                self.rng.shuffle(cols)
                self.stats["files: columns shuffled"] += 1
            if len({r["kode_wilayah"] for r in recs}) > 1:
                self.stats["files: holding several regions"] += 1
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(cols)
            for rec in recs:
                w.writerow([rec[c] for c in cols])
                for row in (self.m.sid_rows if kind == "inovasi" else self.m.spd_rows):
                    self.count_answer(rec[f"ind_{row}"], rec[f"bukti_{row}"],
                                      rec[f"verif_{row}"])
            data = buf.getvalue().encode("utf-8")
            if gzip_some and i % 13 == 0:
                # mtime 0 and no name keep compressed output deterministic
                gz = io.BytesIO()
                with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0) as g:
                    g.write(data)
                data, path = gz.getvalue(), path + ".gz"
                self.stats["files: gzip-compressed"] += 1
            full = os.path.join(out, *path.split("/"))
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
            self.stats["files"] += 1
            self.stats["records written (" + kind + ")"] += len(recs)


def default_path(given, candidates, what):
    if given:
        return given
    for c in candidates:
        p = os.path.join(REPO, c)
        if os.path.exists(p):
            return p
    sys.exit(f"gen_submissions: error: no {what} found; pass it explicitly")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the ordinary regions' innovation counts")
    ap.add_argument("--master", help="regions.csv (default: the repository's)")
    ap.add_argument("--methodology",
                    help="methodology folder (default: methodology/iid-YEAR)")
    ap.add_argument("--gzip", action="store_true",
                    help="gzip-compress every 13th file (off by default)")
    ap.add_argument("--quiet", action="store_true", help="no summary")
    args = ap.parse_args(argv)

    master = default_path(args.master, MASTER_CANDIDATES, "master regions.csv")
    mdir = default_path(args.methodology, [f"methodology/iid-{args.year}"],
                        "methodology folder")
    try:
        method = iid_ref.Method(mdir)
    except (iid_ref.RefError, OSError) as e:
        sys.exit(f"gen_submissions: error: {e}")
    if method.year != args.year:
        sys.exit(f"gen_submissions: error: {mdir} is for {method.year}, "
                 f"not {args.year}")
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"gen_submissions: error: {args.out} is not empty")

    gen = Generator(random.Random(args.seed), read_master(master), method,
                    args.year, args.scale)
    gen.run()
    gen.write(args.out, args.gzip)
    if not args.quiet:
        for key in sorted(gen.stats):
            print(f"{gen.stats[key]:7d}  {key}", file=sys.stderr)
        for line in gen.notes:
            print(f"         {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
