/*
 * gen.c: canonical wide CSV submissions at any size, for `make bench`.
 *
 *   gen --innovations N --out DIR [--seed S] [--master FILE]
 *       [--methodology DIR] [--invalid-ppm P] [--per-file K] [--max-agencies A]
 *
 * Writes every region of the master list a folder of agency files, as the
 * national collection does (tests/reference/gen_submissions.py has the
 * same tree, planted for correctness; this one is built for volume):
 *
 *   DIR/<province>/<region>/<agency-slug>.csv         innovations of one agency
 *   DIR/<province>/<region>/<agency-slug>-revisi.csv  resubmissions (read before)
 *   DIR/<province>/<region>/spd.csv, spd-revisi.csv   the region's SPD record
 *   DIR/<province>/rekap-<province>-inovasi.csv       a provincial export (read after)
 *
 * N is the number of distinct innovations; resubmitted copies come on top
 * (about 0.5%). Regions get a skewed share (a lognormal weight: a few big
 * kota and provinces, many small kabupaten); about 1% send nothing and 1.5%
 * only their SPD record. A region's innovations go to ceil(n / K) agency
 * files (K = 8 by default, so a national year of 40,000 is about 5,000
 * files), at most A (48) agencies: at 1M and 4M files grow, not multiply.
 *
 * Contents follow docs/input-format.md and the vocabularies of
 * master/vocabulary.csv: every record is valid except about P per million
 * innovations (500 by default) carrying a level of 4 (LEVEL_RANGE), so that
 * validation has something to do. Some are ditolak or menunggu, some lie
 * outside the eligibility window of the method (excluded), some answers are
 * claimed without evidence, some evidence is only a blank (no evidence once
 * trimmed), a few names need RFC 4180 quoting, a few files carry an unknown
 * column or shuffled columns. Duplicates never share a file with their
 * original and never tie within one, so the winner is decided by
 * tanggal_kirim, then by the byte order of the path alone (what a peer
 * without line numbers can reproduce).
 *
 * Deterministic: the same seed and arguments give byte-identical files.
 * Each region draws from its own generator seeded by (seed, region), so the
 * tree does not depend on the order things are written in.
 *
 * Exit status: 0 done, 64 usage, 66 master or methodology unreadable,
 * 73 output folder not creatable or not empty, 74 write failed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pl_banned.h"

enum { EX_USAGE_ = 64, EX_NOINPUT_ = 66, EX_CANTCREAT_ = 73, EX_IOERR_ = 74 };

static void die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(code);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EX_IOERR_, "out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

/* ------------------------------------------------------------ randomness */

/* xoshiro256**, seeded through splitmix64: fast, and the same stream on
 * every platform (rand() is neither). */
struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n); the multiply-shift bias is below 2^-32 for the n
 * used here, far under anything a benchmark can see. */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

static double rng_gauss(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);
	return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(6.283185307179586 * v);
}

#define PICK(r, arr) (arr[rng_below((r), sizeof(arr) / sizeof(arr)[0])])

/* --------------------------------------------------------------- buffers */

struct buf {
	char *p;
	size_t n, cap;
};

static void buf_need(struct buf *b, size_t more)
{
	if (b->n + more <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->n + more)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

static void buf_put(struct buf *b, const char *s, size_t n)
{
	buf_need(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static void buf_putc(struct buf *b, char c)
{
	buf_need(b, 1);
	b->p[b->n++] = c;
}

static void buf_putu(struct buf *b, unsigned long v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	buf_need(b, (size_t)n);
	while (n)
		b->p[b->n++] = tmp[--n];
}

/* One CSV field, quoted only when RFC 4180 requires it. */
static void buf_field(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* ----------------------------------------------------------------- dates */

/* Days since 1970-01-01 of a civil date, and back (Hinnant's algorithms):
 * windows and offsets are plain integer arithmetic then. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* "YYYY-MM-DD" into out (11 bytes). */
static void fmt_day(char *out, long day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static long parse_day(const char *s, const char *what)
{
	int y, m, d;
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		die(EX_NOINPUT_, "%s: not a YYYY-MM-DD date: '%s'", what, s);
	return days_from_civil(y, m, d);
}

/* A submission time: seconds since the epoch, and whether it is written
 * as a bare date (which means midnight, as docs/input-format.md says). */
struct kirim {
	long long t;
	int bare;
};

static void fmt_kirim(char *out, struct kirim k)
{
	fmt_day(out, (long)(k.t / 86400));
	if (k.bare)
		return;
	unsigned s = (unsigned)(k.t % 86400), part[3] = {s / 3600, s / 60 % 60, s % 60};
	char *w = out + 10;
	for (int i = 0; i < 3; i++) {
		*w++ = i ? ':' : ' ';
		*w++ = (char)('0' + part[i] / 10);
		*w++ = (char)('0' + part[i] % 10);
	}
	*w = '\0';
}

/* ------------------------------------------------------- vocabularies */

/* Agencies a region's innovations come from: name, the urusan it usually
 * reports under (canonical, master/vocabulary.csv) and topics for names. */
struct agency {
	const char *name, *urusan, *topic[3];
};

static const struct agency AGENCIES[] = {
	{"Dinas Pendidikan", "pendidikan", {"Sekolah", "Literasi", "Guru"}},
	{"Dinas Kesehatan", "kesehatan", {"Posyandu", "Stunting", "Imunisasi"}},
	{"Rumah Sakit Umum Daerah", "kesehatan", {"Rujukan Pasien", "Antrean", "Rekam Medis"}},
	{"Dinas Pekerjaan Umum dan Penataan Ruang", "pekerjaan umum dan penataan ruang",
	 {"Jalan Mantap", "Drainase", "Tata Ruang"}},
	{"Dinas Perumahan dan Kawasan Permukiman", "perumahan rakyat dan kawasan permukiman",
	 {"Rumah Layak Huni", "Sanitasi", "Kawasan Kumuh"}},
	{"Satuan Polisi Pamong Praja", "ketenteraman ketertiban umum dan pelindungan masyarakat",
	 {"Patroli", "Ketertiban", "Perda"}},
	{"Badan Penanggulangan Bencana Daerah",
	 "ketenteraman ketertiban umum dan pelindungan masyarakat",
	 {"Siaga Bencana", "Evakuasi", "Peringatan Dini"}},
	{"Dinas Sosial", "sosial", {"Bansos Tepat", "Disabilitas", "Lansia"}},
	{"Dinas Pariwisata", "pariwisata", {"Desa Wisata", "Festival", "Homestay"}},
	{"Dinas Perhubungan", "perhubungan", {"Angkutan", "Parkir", "Terminal"}},
	{"Dinas Kependudukan dan Pencatatan Sipil", "administrasi kependudukan dan pencatatan sipil",
	 {"Adminduk", "Akta Kelahiran", "KTP Elektronik"}},
	{"Dinas Komunikasi dan Informatika", "komunikasi dan informatika",
	 {"Satu Data", "Jaringan Desa", "Aduan Warga"}},
	{"Dinas Penanaman Modal dan PTSP", "penanaman modal", {"Perizinan", "Investasi", "OSS"}},
	{"Dinas Pertanian", "pertanian", {"Petani Milenial", "Pupuk", "Irigasi"}},
	{"Dinas Lingkungan Hidup", "lingkungan hidup", {"Bank Sampah", "Kualitas Udara", "Hutan Kota"}},
	{"Badan Perencanaan Pembangunan Daerah", "perencanaan", {"Musrenbang", "Data Pembangunan", "Evaluasi"}},
	{"Badan Pendapatan Daerah", "keuangan", {"Pajak Daerah", "Retribusi", "PBB"}},
	{"Badan Kepegawaian dan Pengembangan SDM", "kepegawaian", {"ASN Berkinerja", "Absensi", "Diklat"}},
	{"Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan", {"Aset Daerah", "Belanja", "Kas Daerah"}},
	{"Inspektorat Daerah", "pengawasan", {"Pengawasan", "Gratifikasi", "Audit"}},
	{"Sekretariat Daerah", "administrasi pemerintahan", {"Tata Naskah", "Rapat", "Protokol"}},
	{"Dinas Tenaga Kerja", "tenaga kerja", {"Bursa Kerja", "Pelatihan Kerja", "Pengupahan"}},
	{"Dinas Ketahanan Pangan", "pangan", {"Lumbung Pangan", "Pekarangan", "Harga Pangan"}},
	{"Dinas Kebudayaan", "kebudayaan", {"Cagar Budaya", "Sanggar", "Bahasa Daerah"}},
	{"Dinas Perdagangan", "perdagangan", {"Pasar Rakyat", "Harga Barang", "Metrologi"}},
	{"Dinas Perindustrian", "perindustrian", {"Industri Kecil", "Kemasan", "Sentra"}},
	{"Dinas Koperasi dan UKM", "koperasi usaha kecil dan menengah", {"UMKM", "Koperasi", "Kredit Usaha"}},
	{"Dinas Pemberdayaan Masyarakat dan Desa", "pemberdayaan masyarakat dan desa",
	 {"Dana Desa", "BUMDes", "Desa Digital"}},
	{"Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
	 "pemberdayaan perempuan dan pelindungan anak", {"Ramah Anak", "Perempuan", "Pengaduan"}},
	{"Dinas Pengendalian Penduduk dan KB", "pengendalian penduduk dan keluarga berencana",
	 {"Kampung KB", "Keluarga", "Remaja"}},
	{"Dinas Kepemudaan dan Olahraga", "kepemudaan dan olahraga", {"Atlet", "Pemuda", "Gelanggang"}},
	{"Dinas Perpustakaan dan Kearsipan", "perpustakaan", {"Perpustakaan", "Arsip", "Pojok Baca"}},
	{"Dinas Kelautan dan Perikanan", "kelautan dan perikanan", {"Nelayan", "Budidaya", "Ikan"}},
	{"Dinas Pertanahan", "pertanahan", {"Sertifikat Tanah", "Batas Desa", "Tanah"}},
	{"Dinas Statistik dan Persandian", "statistik", {"Statistik Sektoral", "Sandi", "Data"}},
	{"Badan Riset dan Inovasi Daerah", "penelitian dan pengembangan",
	 {"Kajian", "Inovasi Desa", "Riset"}},
	{"Kecamatan Kota", "administrasi pemerintahan", {"Layanan Kecamatan", "Kelurahan", "PATEN"}},
	{"Kecamatan Utara", "administrasi pemerintahan", {"Layanan Kecamatan", "Kelurahan", "PATEN"}},
	{"Kecamatan Selatan", "administrasi pemerintahan", {"Layanan Kecamatan", "Kelurahan", "PATEN"}},
	{"Kecamatan Timur", "administrasi pemerintahan", {"Layanan Kecamatan", "Kelurahan", "PATEN"}},
	{"Kecamatan Barat", "administrasi pemerintahan", {"Layanan Kecamatan", "Kelurahan", "PATEN"}},
	{"Kecamatan Tengah", "administrasi pemerintahan", {"Layanan Kecamatan", "Kelurahan", "PATEN"}},
	{"Puskesmas Kota", "kesehatan", {"Puskesmas", "Ibu Hamil", "Gizi"}},
	{"Puskesmas Pesisir", "kesehatan", {"Puskesmas", "Ibu Hamil", "Gizi"}},
	{"UPTD Pengelolaan Sampah", "lingkungan hidup", {"Sampah", "Daur Ulang", "TPS"}},
	{"UPTD Balai Latihan Kerja", "tenaga kerja", {"Pelatihan Kerja", "Sertifikasi", "Magang"}},
	{"RSUD Pratama", "kesehatan", {"Rujukan Pasien", "Rawat Jalan", "Farmasi"}},
	{"Bagian Organisasi Setda", "administrasi pemerintahan", {"Reformasi Birokrasi", "SOP", "Pelayanan"}},
};
enum { NAGENCIES = sizeof AGENCIES / sizeof AGENCIES[0] };

static const char *const URUSAN_ANY[] = {
	"pendidikan", "kesehatan", "sosial", "tenaga kerja", "pangan", "lingkungan hidup",
	"perhubungan", "komunikasi dan informatika", "penanaman modal", "pariwisata",
	"pertanian", "perdagangan", "kebudayaan", "administrasi pemerintahan", "keuangan",
};
static const char *const BENTUK[] = {"tata kelola pemerintahan daerah", "pelayanan publik",
				     "inovasi daerah lainnya sesuai urusan"};
static const char *const JENIS[] = {"digital", "non digital"};
static const char *const INISIATOR[] = {"kepala daerah", "anggota dprd", "opd", "asn",
					"masyarakat"};
static const char *const SYLLABLE[] = {"SI", "GA", "PA", "TU", "MA", "RI", "KA", "LA", "NA",
				       "DU", "BE", "PE", "TA", "SE", "MO", "JA", "RA", "WA",
				       "LI", "KU", "BA", "CE", "DE", "GO"};
static const char *const SYLLABLE_END[] = {"", "", "P", "K", "T", "N", "S", "NG", "R"};
static const char *const NAME_PREFIX[] = {
	"Aplikasi", "Layanan", "Gerakan", "Sistem Informasi", "Program", "Inovasi", "Klinik",
	"Sekolah Lapang", "Pusat Layanan", "Kampung", "Gerai", "Sapa", "Jemput Bola",
};
/* A few carry commas and quotes, so files need RFC 4180 quoting. */
static const char *const NAME_EXTRA[] = {
	"", "", "", "", "", "", " Terpadu", " Digital", " Berbasis Desa", " Keliling",
	" Online", ", Cepat dan Tepat", " \"Satu Pintu\"", " Sehat, Cerdas, Mandiri",
};
static const char *const CATATAN[] = {"", "", "revisi data", "lihat lampiran, hal. 2",
				      "dikirim ulang oleh admin", "data dari aplikasi daerah"};

/* --------------------------------------------------------- master, method */

struct region {
	char *code, *name, *level, *parent;
	char *province; /* own code for a province */
	char *slug;     /* for evidence addresses */
	double weight, quality;
	long n;         /* distinct innovations */
	int role;       /* ROLE_* */
};

enum { ROLE_NORMAL, ROLE_NONE, ROLE_SPD_ONLY };

/* Splits one CSV line (quotes honoured, no line breaks inside) in place. */
static size_t split_csv(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *w = line, *r = line;
	while (n < max) {
		f[n++] = w;
		int q = *r == '"';
		if (q)
			r++;
		for (;;) {
			if (!*r || *r == '\n' || *r == '\r')
				break;
			if (q && *r == '"') {
				if (r[1] == '"') {
					*w++ = '"';
					r += 2;
					continue;
				}
				q = 0;
				r++;
				continue;
			}
			if (!q && *r == ',')
				break;
			*w++ = *r++;
		}
		int more = *r == ',';
		*w++ = '\0';
		if (!more)
			break;
		r++;
	}
	return n;
}

static char *slugify(const char *s)
{
	size_t n = strlen(s);
	char *out = xrealloc(NULL, n + 1), *w = out;
	for (; *s; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			*w++ = c;
		else if (w > out && w[-1] != '-')
			*w++ = '-';
	}
	while (w > out && w[-1] == '-')
		w--;
	*w = '\0';
	return out;
}

static struct region *read_master(const char *path, size_t *nout)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		die(EX_NOINPUT_, "cannot read master '%s': %s", path, strerror(errno));
	char line[1024];
	char *f[8];
	struct region *r = NULL;
	size_t n = 0;
	int col[4] = {-1, -1, -1, -1};
	static const char *const want[4] = {"code", "name", "level", "parent_code"};
	if (!fgets(line, sizeof line, fp))
		die(EX_NOINPUT_, "%s: empty", path);
	size_t nf = split_csv(line, f, 8);
	for (size_t i = 0; i < nf; i++)
		for (int k = 0; k < 4; k++)
			if (strcmp(f[i], want[k]) == 0)
				col[k] = (int)i;
	for (int k = 0; k < 4; k++)
		if (col[k] < 0)
			die(EX_NOINPUT_, "%s: no column '%s'", path, want[k]);
	while (fgets(line, sizeof line, fp)) {
		nf = split_csv(line, f, 8);
		if (nf < 4 || !f[col[0]][0])
			continue;
		r = xrealloc(r, (n + 1) * sizeof *r);
		struct region *g = &r[n++];
		memset(g, 0, sizeof *g);
		g->code = xstrdup(f[col[0]]);
		g->name = xstrdup(f[col[1]]);
		g->level = xstrdup(f[col[2]]);
		g->parent = xstrdup(f[col[3]]);
		g->province = xstrdup(strcmp(g->level, "provinsi") == 0 ? g->code : g->parent);
		g->slug = slugify(g->name);
	}
	fclose(fp);
	if (!n)
		die(EX_NOINPUT_, "%s: no regions", path);
	*nout = n;
	return r;
}

#define MAXROWS 64
struct method {
	char *sid[MAXROWS], *spd[MAXROWS];
	size_t nsid, nspd;
	long eligible_from, eligible_to;
	int year;
};

static void read_method(const char *dir, struct method *m)
{
	char path[4096], line[4096];
	memset(m, 0, sizeof *m);
	snprintf(path, sizeof path, "%s/method.conf", dir);
	FILE *fp = fopen(path, "r");
	if (!fp)
		die(EX_NOINPUT_, "cannot read '%s': %s", path, strerror(errno));
	char from[64] = "", to[64] = "", year[64] = "";
	while (fgets(line, sizeof line, fp)) {
		char key[64], val[64];
		if (line[0] == '#' || sscanf(line, " %63[a-z_] = %63s", key, val) != 2)
			continue;
		if (strcmp(key, "eligible_from") == 0)
			snprintf(from, sizeof from, "%s", val);
		else if (strcmp(key, "eligible_to") == 0)
			snprintf(to, sizeof to, "%s", val);
		else if (strcmp(key, "year") == 0)
			snprintf(year, sizeof year, "%s", val);
	}
	fclose(fp);
	if (!from[0] || !to[0] || !year[0])
		die(EX_NOINPUT_, "%s: needs year, eligible_from and eligible_to", path);
	m->eligible_from = parse_day(from, "eligible_from");
	m->eligible_to = parse_day(to, "eligible_to");
	char *end;
	long y = strtol(year, &end, 10);
	if (*end || y < 1000 || y > 9999)
		die(EX_NOINPUT_, "%s: year '%s'", path, year);
	m->year = (int)y;

	snprintf(path, sizeof path, "%s/indicators.csv", dir);
	fp = fopen(path, "r");
	if (!fp)
		die(EX_NOINPUT_, "cannot read '%s': %s", path, strerror(errno));
	char *f[16];
	int crow = -1, caspect = -1;
	if (!fgets(line, sizeof line, fp))
		die(EX_NOINPUT_, "%s: empty", path);
	size_t nf = split_csv(line, f, 16);
	for (size_t i = 0; i < nf; i++) {
		if (strcmp(f[i], "row") == 0)
			crow = (int)i;
		if (strcmp(f[i], "aspect") == 0)
			caspect = (int)i;
	}
	if (crow < 0 || caspect < 0)
		die(EX_NOINPUT_, "%s: needs row and aspect columns", path);
	while (fgets(line, sizeof line, fp)) {
		nf = split_csv(line, f, 16);
		if ((size_t)(crow > caspect ? crow : caspect) >= nf)
			continue;
		if (strcmp(f[caspect], "sid") == 0 && m->nsid < MAXROWS)
			m->sid[m->nsid++] = xstrdup(f[crow]);
		else if (strcmp(f[caspect], "spd") == 0 && m->nspd < MAXROWS)
			m->spd[m->nspd++] = xstrdup(f[crow]);
	}
	fclose(fp);
	if (!m->nsid || !m->nspd)
		die(EX_NOINPUT_, "%s: needs sid and spd rows", path);
}

/* --------------------------------------------------------------- records */

/* One answer: claimed and verified level as a character ('\0' empty, '4'
 * out of range), the evidence as written. */
struct answer {
	char claimed, verif;
	char bukti[80];
};

struct record {
	char id[32], nama[160], uji[11], pen[11], kirim[20];
	long pen_day; /* tanggal_penerapan in days, 0 when empty */
	const char *opd, *bentuk, *jenis, *inisiator, *urusan, *tahapan, *status, *catatan;
	struct answer ans[MAXROWS];
};

/* Columns of a file: profile fields by number, then answers as
 * COL_ANS + 3 * row + part (0 ind, 1 bukti, 2 verif). */
enum {
	C_TAHUN, C_KODE, C_NAMA_WIL, C_ID, C_NAMA, C_OPD, C_BENTUK, C_JENIS, C_INISIATOR,
	C_URUSAN, C_TAHAPAN, C_UJI, C_PEN, C_KIRIM, C_STATUS, C_CATATAN, COL_ANS
};
static const char *const COL_NAME[COL_ANS] = {
	"tahun", "kode_wilayah", "nama_wilayah", "id_inovasi", "nama_inovasi", "perangkat_daerah",
	"bentuk", "jenis", "inisiator", "urusan", "tahapan", "tanggal_uji_coba",
	"tanggal_penerapan", "tanggal_kirim", "status_verifikasi", "catatan",
};

struct layout {
	int col[COL_ANS + 3 * MAXROWS];
	size_t ncol;
};

struct gen {
	struct method m;
	struct region *reg;
	size_t nreg;
	const char *out;
	uint64_t seed;
	double invalid_rate;
	long per_file;
	size_t max_agencies;
	long kirim_from, kirim_to; /* days */
	/* what was written, for the summary */
	unsigned long long bytes;
	long files, inn_records, spd_records, dups, spd_dups, invalid, ditolak, excluded;
};

static void layout_default(struct layout *l, int innovation, size_t nrows)
{
	l->ncol = 0;
	if (innovation) {
		for (int c = C_TAHUN; c <= C_STATUS; c++)
			l->col[l->ncol++] = c;
	} else {
		static const int spd_cols[] = {C_TAHUN, C_KODE, C_NAMA_WIL, C_KIRIM};
		for (size_t i = 0; i < 4; i++)
			l->col[l->ncol++] = spd_cols[i];
	}
	for (size_t r = 0; r < nrows; r++)
		for (int p = 0; p < 3; p++)
			l->col[l->ncol++] = COL_ANS + 3 * (int)r + p;
}

/* Column order and unknown columns must not matter to a reader: a few
 * files have either, as agencies' systems produce them. */
static void layout_vary(struct layout *l, struct rng *r)
{
	if (rng_chance(r, 0.02))
		l->col[l->ncol++] = C_CATATAN;
	if (rng_chance(r, 0.01))
		for (size_t i = l->ncol - 1; i > 0; i--) {
			size_t j = rng_below(r, (uint32_t)(i + 1));
			int t = l->col[i];
			l->col[i] = l->col[j];
			l->col[j] = t;
		}
}

static void put_header(struct buf *b, const struct layout *l, const char *const *rows)
{
	static const char *const prefix[3] = {"ind_", "bukti_", "verif_"};
	for (size_t i = 0; i < l->ncol; i++) {
		if (i)
			buf_putc(b, ',');
		int c = l->col[i];
		if (c < COL_ANS) {
			buf_puts(b, COL_NAME[c]);
		} else {
			buf_puts(b, prefix[(c - COL_ANS) % 3]);
			buf_puts(b, rows[(c - COL_ANS) / 3]);
		}
	}
	buf_putc(b, '\n');
}

static void put_record(struct buf *b, const struct layout *l, const struct gen *g,
		       const struct region *reg, const struct record *rec)
{
	for (size_t i = 0; i < l->ncol; i++) {
		if (i)
			buf_putc(b, ',');
		int c = l->col[i];
		if (c >= COL_ANS) {
			const struct answer *a = &rec->ans[(c - COL_ANS) / 3];
			switch ((c - COL_ANS) % 3) {
			case 0:
				if (a->claimed)
					buf_putc(b, a->claimed);
				break;
			case 1:
				buf_field(b, a->bukti);
				break;
			default:
				if (a->verif)
					buf_putc(b, a->verif);
			}
			continue;
		}
		switch (c) {
		case C_TAHUN: buf_putu(b, (unsigned long)g->m.year, 0); break;
		case C_KODE: buf_puts(b, reg->code); break;
		case C_NAMA_WIL: buf_field(b, reg->name); break;
		case C_ID: buf_field(b, rec->id); break;
		case C_NAMA: buf_field(b, rec->nama); break;
		case C_OPD: buf_field(b, rec->opd); break;
		case C_BENTUK: buf_puts(b, rec->bentuk); break;
		case C_JENIS: buf_puts(b, rec->jenis); break;
		case C_INISIATOR: buf_puts(b, rec->inisiator); break;
		case C_URUSAN: buf_puts(b, rec->urusan); break;
		case C_TAHAPAN: buf_puts(b, rec->tahapan); break;
		case C_UJI: buf_puts(b, rec->uji); break;
		case C_PEN: buf_puts(b, rec->pen); break;
		case C_KIRIM: buf_puts(b, rec->kirim); break;
		case C_STATUS: buf_puts(b, rec->status); break;
		case C_CATATAN: buf_field(b, rec->catatan ? rec->catatan : ""); break;
		}
	}
	buf_putc(b, '\n');
}

/* An evidence reference as agencies write them: a decree, a report, a
 * photo, a link to the region's portal. Sizes vary as real ones do. */
static void evidence(char *out, size_t n, struct rng *r, const struct region *reg, int year)
{
	unsigned k = 1 + rng_below(r, 250);
	int y = year - 1 - (int)rng_below(r, 3);
	switch (rng_below(r, 10)) {
	case 0: snprintf(out, n, "SK No. %u/%d", k, y); break;
	case 1: snprintf(out, n, "Perbup-%u-%d.pdf", k, y); break;
	case 2: snprintf(out, n, "Monev-%d.pdf", y); break;
	case 3: snprintf(out, n, "foto-%u.jpg", k); break;
	case 4: snprintf(out, n, "ST %u/%d", k, y); break;
	case 5: snprintf(out, n, "https://inovasi.%.40s.go.id/b/%u.pdf", reg->slug, k); break;
	case 6: snprintf(out, n, "video-%u.mp4", k); break;
	case 7: snprintf(out, n, "Notulen %u, %d.docx", k, y); break;
	case 8: snprintf(out, n, "SOP-%u.pdf", k); break;
	default: snprintf(out, n, "Lap-%d.pdf", y); break;
	}
}

/* Levels for every row; quality (0..1) shifts a region's answers so that
 * IIDs spread over every predicate. */
static void answers(struct answer *ans, size_t nrows, struct rng *r, double quality,
		    const struct region *reg, int year)
{
	for (size_t i = 0; i < nrows; i++) {
		struct answer *a = &ans[i];
		if (rng_chance(r, 0.06)) {
			a->claimed = '\0';
		} else {
			int lv = (int)(rng_unit(r) * 2 + quality * 2.2);
			a->claimed = (char)('0' + (lv > 3 ? 3 : lv));
		}
		double roll = rng_unit(r);
		if (roll < 0.02)
			snprintf(a->bukti, sizeof a->bukti, " "); /* blank: no evidence once trimmed */
		else if (roll < 0.50 + 0.45 * quality)
			evidence(a->bukti, sizeof a->bukti, r, reg, year);
		else
			a->bukti[0] = '\0';
		a->verif = rng_chance(r, 0.15) ? (char)('0' + rng_below(r, 4)) : '\0';
	}
}

static struct kirim rand_kirim(struct rng *r, long from, long to)
{
	struct kirim k;
	long day = from + (long)rng_below(r, (uint32_t)(to - from + 1));
	k.bare = rng_chance(r, 0.4);
	k.t = (long long)day * 86400;
	if (!k.bare)
		k.t += (7 + rng_below(r, 16)) * 3600LL + rng_below(r, 3600);
	return k;
}

static void innovation(struct gen *g, struct rng *r, const struct region *reg, long idx,
		       const struct agency *ag, struct record *rec, struct kirim k)
{
	long lo = g->m.eligible_from, hi = g->m.eligible_to;
	char acr[16] = "";
	int nsyl = 2 + (int)rng_below(r, 2);
	for (int i = 0; i < nsyl; i++) {
		size_t n = strlen(acr);
		snprintf(acr + n, sizeof acr - n, "%s", PICK(r, SYLLABLE));
	}
	size_t n = strlen(acr);
	snprintf(acr + n, sizeof acr - n, "%s", PICK(r, SYLLABLE_END));
	snprintf(rec->nama, sizeof rec->nama, "%s (%s %s%s)", acr, PICK(r, NAME_PREFIX),
		 ag->topic[rng_below(r, 3)], PICK(r, NAME_EXTRA));
	snprintf(rec->id, sizeof rec->id, "INV-%.2s%.2s-%05ld", reg->code,
		 strlen(reg->code) > 3 ? reg->code + 3 : "00", idx);
	rec->opd = ag->name;
	rec->bentuk = PICK(r, BENTUK);
	rec->jenis = PICK(r, JENIS);
	rec->inisiator = PICK(r, INISIATOR);
	rec->urusan = rng_chance(r, 0.2) ? PICK(r, URUSAN_ANY) : ag->urusan;
	double s = rng_unit(r);
	rec->status = s < 0.55 ? "diterima" : s < 0.75 ? "menunggu" : s < 0.92 ? "" : "ditolak";
	rec->catatan = PICK(r, CATATAN);
	fmt_kirim(rec->kirim, k);
	rec->uji[0] = rec->pen[0] = '\0';
	long kday = (long)(k.t / 86400), pen = 0;
	double t = rng_unit(r);
	if (t < 0.07) {
		/* outside the window: before it, or after it but before sending */
		rec->tahapan = "penerapan";
		pen = rng_chance(r, 0.5) ? lo - 1 - (long)rng_below(r, 900)
					 : hi + 1 + (long)rng_below(r, (uint32_t)(g->kirim_from - hi - 8));
	} else if (t < 0.80) {
		rec->tahapan = "penerapan";
		pen = lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
	} else if (t < 0.92) {
		rec->tahapan = "uji coba";
		long d = lo + (long)rng_below(r, (uint32_t)(g->kirim_from - 8 - lo));
		fmt_day(rec->uji, d);
	} else {
		rec->tahapan = "inisiatif";
	}
	rec->pen_day = pen;
	if (pen) {
		if (pen > kday)
			pen = kday; /* never implemented after it was sent */
		rec->pen_day = pen;
		fmt_day(rec->pen, pen);
		fmt_day(rec->uji, pen - (long)rng_below(r, 400));
	}
	answers(rec->ans, g->m.nsid, r, reg->quality, reg, g->m.year);
	if (rng_chance(r, g->invalid_rate)) {
		/* One level out of range: the whole record is rejected. */
		struct answer *a = &rec->ans[rng_below(r, (uint32_t)g->m.nsid)];
		if (rng_chance(r, 0.5))
			a->claimed = '4';
		else
			a->verif = '4';
		g->invalid++;
	}
}

/* ----------------------------------------------------------------- files */

static void mkdir_p(const char *path)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
			die(EX_CANTCREAT_, "cannot create '%s': %s", tmp, strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
		die(EX_CANTCREAT_, "cannot create '%s': %s", tmp, strerror(errno));
}

static void write_file(struct gen *g, const char *path, const struct buf *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		die(EX_CANTCREAT_, "cannot create '%s': %s", path, strerror(errno));
	size_t off = 0;
	while (off < b->n) {
		ssize_t w = write(fd, b->p + off, b->n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die(EX_IOERR_, "cannot write '%s': %s", path, strerror(errno));
		off += (size_t)w;
	}
	if (close(fd) < 0)
		die(EX_IOERR_, "cannot write '%s': %s", path, strerror(errno));
	g->bytes += b->n;
	g->files++;
}

/* An agency's file and its resubmissions, built in memory then written. */
struct afile {
	const struct agency *ag;
	char *slug;
	struct layout lay, rev_lay;
	struct buf body, rev;
};

/* The provincial export: copies of innovations of any of its regions. */
struct rekap {
	struct layout lay;
	struct buf body;
};

enum { DUP_SCENARIOS = 7 };

/* Resubmits rec (already written) as a copy with new answers: which copy
 * wins is decided by tanggal_kirim, or on equal times by the path. */
static void duplicate(struct gen *g, struct rng *r, const struct region *reg, struct afile *af,
		      struct rekap *rk, struct record *orig, struct kirim base, int scenario)
{
	struct record copy = *orig;
	answers(copy.ans, g->m.nsid, r, rng_unit(r), reg, g->m.year);
	struct kirim later = {base.t + (long long)(1 + rng_below(r, 5 * 24)) * 3600, 0};
	struct kirim earlier = {base.t - (long long)(1 + rng_below(r, 5 * 24)) * 3600, 0};
	int to_revisi = 0;
	switch (scenario) {
	case 0: /* later copy in a file read earlier: the copy wins */
		fmt_kirim(copy.kirim, later);
		to_revisi = 1;
		break;
	case 1: /* earlier copy in a file read later: the original wins */
		fmt_kirim(copy.kirim, earlier);
		break;
	case 2: /* same time, copy read earlier: the original wins */
		to_revisi = 1;
		break;
	case 3: /* same time, copy read later: the copy wins */
		break;
	case 4: { /* a bare date is midnight: equal times, the copy read later wins */
		struct kirim midnight = {base.t - base.t % 86400, 0};
		struct kirim bare = {midnight.t, 1};
		fmt_kirim(orig->kirim, bare);
		fmt_kirim(copy.kirim, midnight);
		break;
	}
	case 5: /* the later copy is ditolak: it wins and scores 0 */
		copy.status = "ditolak";
		fmt_kirim(copy.kirim, later);
		to_revisi = 1;
		break;
	default: /* the original ditolak, a later copy diterima */
		orig->status = "ditolak";
		copy.status = "diterima";
		fmt_kirim(copy.kirim, later);
		break;
	}
	if (to_revisi)
		put_record(&af->rev, &af->rev_lay, g, reg, &copy);
	else
		put_record(&rk->body, &rk->lay, g, reg, &copy);
	g->dups++;
}

static void path_of(char *out, size_t n, const struct gen *g, const struct region *reg,
		    const char *name)
{
	snprintf(out, n, "%s/%s/%s/%s", g->out, reg->province, reg->code, name);
}

static void spd_file(struct gen *g, struct rng *r, const struct region *reg)
{
	struct layout lay;
	struct record rec;
	struct buf b = {0};
	char path[4096];
	memset(&rec, 0, sizeof rec);
	layout_default(&lay, 0, g->m.nspd);
	layout_vary(&lay, r);
	put_header(&b, &lay, (const char *const *)g->m.spd);
	int twice = rng_chance(r, 0.03);
	struct kirim k = twice ? rand_kirim(r, g->kirim_from + 7, g->kirim_to - 7)
			       : rand_kirim(r, g->kirim_from, g->kirim_to);
	k.bare = twice ? 0 : k.bare;
	fmt_kirim(rec.kirim, k);
	rec.catatan = PICK(r, CATATAN);
	answers(rec.ans, g->m.nspd, r, reg->quality, reg, g->m.year);
	put_record(&b, &lay, g, reg, &rec);
	path_of(path, sizeof path, g, reg, "spd.csv");
	write_file(g, path, &b);
	g->spd_records++;
	if (twice) {
		/* spd-revisi.csv is read before spd.csv: a later copy wins by
		 * time, an equal one loses by the path. */
		struct kirim c = rng_chance(r, 0.5)
					 ? (struct kirim){k.t + (long long)(1 + rng_below(r, 90)) * 3600, 0}
					 : k;
		fmt_kirim(rec.kirim, c);
		answers(rec.ans, g->m.nspd, r, rng_unit(r), reg, g->m.year);
		b.n = 0;
		put_header(&b, &lay, (const char *const *)g->m.spd);
		put_record(&b, &lay, g, reg, &rec);
		path_of(path, sizeof path, g, reg, "spd-revisi.csv");
		write_file(g, path, &b);
		g->spd_records++;
		g->spd_dups++;
	}
	free(b.p);
}

static void region_files(struct gen *g, size_t ri, struct rekap *rk)
{
	const struct region *reg = &g->reg[ri];
	struct rng r;
	rng_seed(&r, g->seed, ri + 1);
	if (reg->role == ROLE_NONE)
		return;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s/%s", g->out, reg->province, reg->code);
	mkdir_p(path);
	spd_file(g, &r, reg);
	if (reg->role == ROLE_SPD_ONLY || reg->n == 0)
		return;

	size_t nf = (size_t)((reg->n + g->per_file - 1) / g->per_file);
	if (nf > g->max_agencies)
		nf = g->max_agencies;
	/* Which agencies send: a partial shuffle of the list. */
	size_t pick[NAGENCIES];
	for (size_t i = 0; i < NAGENCIES; i++)
		pick[i] = i;
	for (size_t i = 0; i < nf; i++) {
		size_t j = i + rng_below(&r, (uint32_t)(NAGENCIES - i));
		size_t t = pick[i];
		pick[i] = pick[j];
		pick[j] = t;
	}
	struct afile *af = calloc(nf, sizeof *af);
	if (!af)
		die(EX_IOERR_, "out of memory");
	for (size_t i = 0; i < nf; i++) {
		af[i].ag = &AGENCIES[pick[i]];
		af[i].slug = slugify(af[i].ag->name);
		layout_default(&af[i].lay, 1, g->m.nsid);
		layout_vary(&af[i].lay, &r);
		af[i].rev_lay = af[i].lay;
		put_header(&af[i].body, &af[i].lay, (const char *const *)g->m.sid);
		put_header(&af[i].rev, &af[i].rev_lay, (const char *const *)g->m.sid);
	}
	struct record rec;
	for (long i = 0; i < reg->n; i++) {
		/* Every agency sends at least one; then a few send most. */
		size_t k = (size_t)i < nf ? (size_t)i : (size_t)(nf * pow(rng_unit(&r), 1.6));
		struct afile *f = &af[k < nf ? k : nf - 1];
		int dup = rng_chance(&r, 0.005);
		struct kirim kt = dup ? rand_kirim(&r, g->kirim_from + 7, g->kirim_to - 7)
				      : rand_kirim(&r, g->kirim_from, g->kirim_to);
		innovation(g, &r, reg, i + 1, f->ag, &rec, kt);
		/* The copy is made before the original is written: two
		 * scenarios change the original too. */
		if (dup)
			duplicate(g, &r, reg, f, rk, &rec, kt, (int)rng_below(&r, DUP_SCENARIOS));
		put_record(&f->body, &f->lay, g, reg, &rec);
		g->inn_records++;
		g->ditolak += strcmp(rec.status, "ditolak") == 0;
		g->excluded += rec.pen_day &&
			       (rec.pen_day < g->m.eligible_from || rec.pen_day > g->m.eligible_to);
	}
	for (size_t i = 0; i < nf; i++) {
		char name[256];
		snprintf(name, sizeof name, "%s.csv", af[i].slug);
		path_of(path, sizeof path, g, reg, name);
		write_file(g, path, &af[i].body);
		/* a header alone is no resubmission */
		const char *eol = memchr(af[i].rev.p, '\n', af[i].rev.n);
		size_t header_len = (size_t)(eol - af[i].rev.p) + 1;
		if (af[i].rev.n > header_len) {
			snprintf(name, sizeof name, "%s-revisi.csv", af[i].slug);
			path_of(path, sizeof path, g, reg, name);
			write_file(g, path, &af[i].rev);
		}
		free(af[i].body.p);
		free(af[i].rev.p);
		free(af[i].slug);
	}
	free(af);
}

/* ------------------------------------------------------------------ plan */

/* Each region's share of the N innovations: a lognormal weight (a few big
 * ones, a long tail of small ones), largest remainders so the total is N. */
static void plan(struct gen *g, long total)
{
	struct rng r;
	rng_seed(&r, g->seed, 0);
	double sum = 0;
	size_t active = 0;
	for (size_t i = 0; i < g->nreg; i++) {
		struct region *reg = &g->reg[i];
		double u = rng_unit(&r);
		reg->role = u < 0.01 ? ROLE_NONE : u < 0.025 ? ROLE_SPD_ONLY : ROLE_NORMAL;
		reg->weight = exp(0.9 * rng_gauss(&r));
		if (strcmp(reg->level, "provinsi") == 0)
			reg->weight *= 1.5;
		reg->quality = rng_unit(&r);
		if (reg->role == ROLE_NORMAL) {
			sum += reg->weight;
			active++;
		}
	}
	if (!active)
		die(EX_USAGE_, "no region left to receive innovations");
	long given = 0;
	double *rem = xrealloc(NULL, g->nreg * sizeof *rem);
	for (size_t i = 0; i < g->nreg; i++) {
		struct region *reg = &g->reg[i];
		rem[i] = -1;
		if (reg->role != ROLE_NORMAL)
			continue;
		double share = (double)total * reg->weight / sum;
		reg->n = (long)share;
		rem[i] = share - (double)reg->n;
		given += reg->n;
	}
	while (given < total) {
		size_t best = 0;
		for (size_t i = 1; i < g->nreg; i++)
			if (rem[i] > rem[best])
				best = i;
		g->reg[best].n++;
		rem[best] = -1;
		given++;
	}
	free(rem);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void usage(void)
{
	fputs("usage: gen --innovations N --out DIR [--seed S] [--master FILE]\n"
	      "           [--methodology DIR] [--invalid-ppm P] [--per-file K]\n"
	      "           [--max-agencies A]\n",
	      stderr);
	exit(EX_USAGE_);
}

static long long number(const char *s, const char *what, long long min, long long max)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		die(EX_USAGE_, "%s: not a number from %lld to %lld: '%s'", what, min, max, s);
	return v;
}

int main(int argc, char **argv)
{
	struct gen g;
	memset(&g, 0, sizeof g);
	const char *master = "master/regions.csv", *mdir = "methodology/iid-2023";
	long long total = -1, invalid_ppm = 500;
	g.seed = 2023;
	g.per_file = 8;
	g.max_agencies = 48;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			usage();
		if (strcmp(a, "--innovations") == 0)
			total = number(v, a, 0, 100000000);
		else if (strcmp(a, "--out") == 0)
			g.out = v;
		else if (strcmp(a, "--seed") == 0)
			g.seed = (uint64_t)number(v, a, 0, INT64_MAX);
		else if (strcmp(a, "--master") == 0)
			master = v;
		else if (strcmp(a, "--methodology") == 0)
			mdir = v;
		else if (strcmp(a, "--invalid-ppm") == 0)
			invalid_ppm = number(v, a, 0, 1000000);
		else if (strcmp(a, "--per-file") == 0)
			g.per_file = (long)number(v, a, 1, 1000000);
		else if (strcmp(a, "--max-agencies") == 0)
			g.max_agencies = (size_t)number(v, a, 1, NAGENCIES);
		else
			usage();
		i++;
	}
	if (total < 0 || !g.out)
		usage();
	g.invalid_rate = (double)invalid_ppm / 1e6;

	DIR *d = opendir(g.out);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				die(EX_CANTCREAT_, "'%s' is not empty", g.out);
		closedir(d);
	}
	mkdir_p(g.out);

	g.reg = read_master(master, &g.nreg);
	read_method(mdir, &g.m);
	/* Sent between late May and late July of the assessment year, after
	 * any implementation date the window allows. */
	g.kirim_from = days_from_civil(g.m.year, 5, 25);
	g.kirim_to = days_from_civil(g.m.year, 7, 28);
	if (g.m.eligible_to + 30 >= g.kirim_from)
		die(EX_NOINPUT_, "%s: the eligibility window must end before May of its year", mdir);
	plan(&g, total);

	/* Provinces in code order; each province's regions, then its export. */
	char **provs = xrealloc(NULL, g.nreg * sizeof *provs);
	size_t nprov = 0;
	for (size_t i = 0; i < g.nreg; i++)
		if (strcmp(g.reg[i].level, "provinsi") == 0)
			provs[nprov++] = g.reg[i].code;
	qsort(provs, nprov, sizeof *provs, cmp_str);
	for (size_t p = 0; p < nprov; p++) {
		struct rekap rk;
		memset(&rk, 0, sizeof rk);
		layout_default(&rk.lay, 1, g.m.nsid);
		put_header(&rk.body, &rk.lay, (const char *const *)g.m.sid);
		size_t header_len = rk.body.n;
		for (size_t i = 0; i < g.nreg; i++)
			if (strcmp(g.reg[i].province, provs[p]) == 0)
				region_files(&g, i, &rk);
		if (rk.body.n > header_len) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s/rekap-%s-inovasi.csv", g.out, provs[p],
				 provs[p]);
			write_file(&g, path, &rk.body);
		}
		free(rk.body.p);
	}
	free(provs);

	fprintf(stderr,
		"gen: %ld files, %.1f MB; %ld innovation records (%lld distinct, %ld resubmitted "
		"copies; of the originals %ld ditolak, %ld outside the window); %ld with a level "
		"out of range; %ld SPD records (%ld copies)\n",
		g.files, (double)g.bytes / 1e6, g.inn_records + g.dups, total, g.dups, g.ditolak,
		g.excluded, g.invalid, g.spd_records, g.spd_dups);
	return 0;
}
