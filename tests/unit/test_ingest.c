/*
 * test_ingest.c: unit tests of the ingest stage (stages/ingest.h), run on
 * small trees of files into a capture sink.
 *
 * Covers: headers through the synonym table (OPD, Judul Inovasi, KODE
 * WILAYAH, Indikator 16, Bukti Dukung 16, Verifikasi 16) and a synonym
 * colliding with its canonical name (HEADER_DUPLICATE); files sharing a
 * header, with others between them, placed alike; a header with the
 * region by name only; HEADER_MIXED; a Windows-1252 file (one
 * ENCODING_CONVERTED warning, values converted); the long layout: a
 * profile file and answers spread over two files assembled into one
 * record named by the profile row, profile columns on the long rows
 * instead, SPD answers (empty id), keys written differently (5272 /
 * 52.72, 2023.0 / 2023), an answer repeated identically and one given in
 * parts (level in one file, verified level in another), conflicting
 * answers and profiles rejected with both places named (values compared
 * as normalize reads them: 2,0 is 2.0, 01/07/2023 is 2023-07-01, case and
 * spaces do not count), an empty
 * indikator, a row without a year on its own, profile rows without
 * answers sent one by one (an innovation profile without its id kept
 * apart from the region's SPD answers), a broken row of a long file rejected at its
 * line and counted in its file; the memory budget (ASSEMBLY_LIMIT for the
 * rows past it and for the submission it cut); XML records with the
 * document's fields and their start lines; and for every case the
 * accounting ingest owes emit: per file, src records = records sent +
 * distinct lines rejected. Every case is read again on three threads,
 * with and without a stage on the reading threads (ingest_opts.ahead),
 * and must give the same records in the same order.
 */
#include "stage_harness.h"

#include "ingest.h"

struct fx {
	char *dir;
	struct hs_cap cap;
	struct pl_ctx ctx;
};

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	f->dir = hs_tmpdir();
	f->ctx.lang = PL_LANG_EN;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	hs_rmrf(f->dir);
	free(f->dir);
	hs_cap_clear(&f->cap);
	pl_buf_free(&f->ctx.err);
	free(f);
	return 0;
}

/* The accounting: per src, records = subs sent + distinct rejected lines. */
static void check_accounting(const struct hs_cap *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct hs_rec *src = &c->v[i];
		if (src->kind != PL_KIND_SRC)
			continue;
		const char *file = hs_get(src, PL_SRC_FILE);
		long subs = (long)hs_count_eq(c, PL_KIND_SUB, PL_SUB_FILE, file);
		long rejected = 0;
		for (size_t r = 0; r < c->n; r++) {
			const struct hs_rec *rj = &c->v[r];
			if (rj->kind != PL_KIND_REJ || strcmp(hs_get(rj, PL_REJ_FILE), file) != 0 ||
			    pl_reject_scope(pl_reject_from_name(hs_get(rj, PL_REJ_CODE))) !=
				    PL_SCOPE_RECORD)
				continue;
			int seen = 0;
			for (size_t q = 0; q < r && !seen; q++)
				seen = c->v[q].kind == PL_KIND_REJ &&
				       strcmp(hs_get(&c->v[q], PL_REJ_FILE), file) == 0 &&
				       strcmp(hs_get(&c->v[q], PL_REJ_LINE), hs_get(rj, PL_REJ_LINE)) == 0;
			rejected += !seen;
		}
		long records = strtol(hs_get(src, PL_SRC_RECORDS), NULL, 10);
		if (records != subs + rejected)
			fail_msg("%s: src says %ld records, sent %ld, rejected %ld", file, records, subs,
				 rejected);
	}
}

static int same_fields(char *const *a, char *const *b, size_t nf)
{
	for (size_t i = 0; i < nf; i++)
		if ((a[i] == NULL) != (b[i] == NULL) || (a[i] && strcmp(a[i], b[i]) != 0))
			return 0;
	return 1;
}

static int same_record(const struct hs_rec *a, const struct hs_rec *b)
{
	if (a->kind != b->kind || a->nans != b->nans || a->nraw != b->nraw ||
	    !same_fields(a->f, b->f, a->nf))
		return 0;
	for (size_t i = 0; i < a->nans; i++)
		if (!same_fields(a->ans[i], b->ans[i], PL_ANS_NF))
			return 0;
	for (size_t i = 0; i < a->nraw; i++)
		if (!same_fields(a->raw[i], b->raw[i], PL_RAW_NF))
			return 0;
	return 1;
}

/* An ingest_opts.ahead stage that only marks each submission as done on
 * a reading thread (as normalize_ahead_new does), and counts the stages
 * made and destroyed. */
static int marks_made, marks_destroyed;

static int mark_put(void *self, struct pl_group *g)
{
	struct pl_sink *next = self;
	if (g->head.kind == PL_KIND_SUB)
		g->normalized = PL_NORM_PASSED;
	return next->put(next->self, g);
}

static int mark_finish(void *self)
{
	(void)self;
	fail_msg("ingest called the finish of its ahead stage");
	return -1;
}

static void mark_destroy(void *self)
{
	free(self);
	marks_destroyed++; /* under the test's thread: readers are joined */
}

static struct pl_stage mark_new(struct pl_ctx *ctx, struct pl_sink next)
{
	(void)ctx;
	struct pl_sink *s = pl_xmalloc(sizeof *s);
	*s = next;
	marks_made++;
	return (struct pl_stage){"mark", s, mark_put, mark_finish, mark_destroy};
}

/* The caller's side of it: counts and clears the marks. */
struct marks {
	struct hs_cap *cap;
	size_t marked;
};

static int unmark_put(void *self, struct pl_group *g)
{
	struct marks *m = self;
	m->marked += g->normalized == PL_NORM_PASSED;
	g->normalized = PL_NORM_NOT;
	return hs_cap_put(m->cap, g);
}

/* Reads the folder on one thread into f->cap, then on three (with files
 * read ahead, and with every file given up by the readers and read again
 * in its turn), without and with an ahead stage: the records must be the
 * same, in the same order. A file given up was read in its turn: none of
 * its records may come marked. */
static void run(struct fx *f, const struct ingest_opts *o)
{
	const char *in[] = {f->dir};
	hs_cap_clear(&f->cap);
	assert_int_equal(ingest_run(in, 1, o, &f->ctx, hs_sink(&f->cap)), 0);
	check_accounting(&f->cap);
	for (size_t v = 0; v < 4; v++) {
		size_t ahead = v % 2;
		struct ingest_opts p = o ? *o : (struct ingest_opts){0};
		p.jobs = 3;
		p.max_ahead = ahead; /* 0: the default; 1: nothing fits */
		p.ahead = v >= 2 ? mark_new : NULL;
		struct hs_cap par = {0};
		struct marks m = {&par, 0};
		marks_made = marks_destroyed = 0;
		assert_int_equal(ingest_run(in, 1, &p, &f->ctx, (struct pl_sink){unmark_put, &m}), 0);
		/* One per reading thread and one for the caller, which reads
		 * ahead too while it waits; no threads for a single file. */
		size_t files = hs_count(&f->cap, PL_KIND_SRC);
		assert_int_equal(marks_made, p.ahead && files > 1 ? 4 : 0);
		assert_int_equal(marks_destroyed, marks_made);
		if (!p.ahead || ahead == 1)
			assert_int_equal(m.marked, 0);
		assert_int_equal(par.n, f->cap.n);
		for (size_t i = 0; i < par.n; i++)
			if (!same_record(&par.v[i], &f->cap.v[i]))
				fail_msg("record %zu (%s) differs on three threads (max_ahead %zu%s)", i,
					 pl_schema_of(f->cap.v[i].kind)->tag, ahead,
					 p.ahead ? ", marked ahead" : "");
		hs_cap_clear(&par);
	}
}

static const struct hs_rec *sub_at(const struct fx *f, const char *file, const char *line)
{
	const struct hs_rec *r = hs_find2(&f->cap, PL_KIND_SUB, PL_SUB_FILE, file, PL_SUB_LINE, line);
	if (!r)
		fail_msg("no record at %s:%s", file, line);
	return r;
}

static const struct hs_rec *src_of(const struct fx *f, const char *file)
{
	const struct hs_rec *r = hs_find(&f->cap, PL_KIND_SRC, PL_SRC_FILE, file);
	if (!r)
		fail_msg("no src for %s", file);
	return r;
}

/* Answer i of a record as "row level bukti verif" (missing as \N). */
static char *answer(const struct hs_rec *r, size_t i)
{
	assert_true(i < r->nans);
	struct pl_buf b = {0};
	for (size_t k = 0; k < PL_ANS_NF; k++)
		pl_buf_printf(&b, "%s%s", k ? " " : "", r->ans[i][k] ? r->ans[i][k] : "\\N");
	return b.p;
}

static void answer_is(const struct hs_rec *r, size_t i, const char *want)
{
	char *a = answer(r, i);
	assert_string_equal(a, want);
	free(a);
}

static void test_synonyms(void **state)
{
	struct fx *f = *state;
	hs_write(f->dir, "a.csv",
		 "Tahun Penilaian,KODE WILAYAH ,OPD,Judul Inovasi,ID Inovasi,Tgl Kirim,"
		 "Indikator 16,Bukti Dukung 16,Verifikasi 16,Catatan\n"
		 "2023,52.06,Dinas Kesehatan,Posyandu,A-1,2023-07-01,3,SK 1,2,x\n");
	hs_write(f->dir, "b.csv", "tahun,OPD,Perangkat Daerah,kode_wilayah\n2023,a,b,52\n");
	hs_write(f->dir, "c.csv", "tahun,nama_wilayah,id_inovasi,ind_16\n2023,Kab. Bima,B-1,3\n");
	hs_write(f->dir, "d.csv", "tahun,kode_wilayah,ind_16,indikator,level\n2023,52,1,16,3\n");
	run(f, NULL);
	const struct hs_rec *r = sub_at(f, "a.csv", "2");
	assert_string_equal(hs_get(r, PL_SUB_KODE), "52.06");
	assert_string_equal(hs_get(r, PL_SUB_OPD), "Dinas Kesehatan");
	assert_string_equal(hs_get(r, PL_SUB_NAMA), "Posyandu");
	assert_string_equal(hs_get(r, PL_SUB_ID), "A-1");
	assert_string_equal(hs_get(r, PL_SUB_TGL_KIRIM), "2023-07-01");
	assert_string_equal(hs_get(r, PL_SUB_KIND), "inovasi");
	assert_int_equal(r->nans, 1);
	answer_is(r, 0, "16 3 SK 1 2");
	const struct hs_rec *w = hs_find_code(&f->cap, PL_KIND_WARN, "COLUMN_UNKNOWN", "a.csv", "1");
	assert_non_null(w);
	assert_string_equal(hs_get(w, PL_REJ_VALUE), "Catatan");
	/* OPD and Perangkat Daerah are one column named twice. */
	const struct hs_rec *d = hs_find_code(&f->cap, PL_KIND_REJ, "HEADER_DUPLICATE", "b.csv", "1");
	assert_non_null(d);
	assert_string_equal(hs_get(d, PL_REJ_FIELD), "perangkat_daerah");
	assert_string_equal(hs_get(d, PL_REJ_VALUE), "Perangkat Daerah");
	assert_string_equal(hs_get(src_of(f, "b.csv"), PL_SRC_STATUS), "unreadable");
	/* The region by name alone is a submission: normalize resolves it. */
	assert_string_equal(hs_get(sub_at(f, "c.csv", "2"), PL_SUB_NAMA_WILAYAH), "Kab. Bima");
	assert_non_null(hs_find_code(&f->cap, PL_KIND_REJ, "HEADER_MIXED", "d.csv", "1"));
}

/* Files sharing a header (the usual case) place their columns as the
 * first did, whatever came between: another header, a header refused for
 * a duplicate column, more distinct headers than ingest keeps. */
static void test_headers_repeated(void **state)
{
	struct fx *f = *state;
	const char head[] = "tahun,KODE WILAYAH,ID Inovasi,Indikator 16,Catatan\n";
	const char dup[] = "tahun,OPD,Perangkat Daerah,kode_wilayah\n2023,a,b,52\n";
	struct pl_buf b = {0};
	pl_buf_printf(&b, "%s2023,52.06,A-1,3,x\n", head);
	hs_write(f->dir, "1.csv", b.p);
	pl_buf_reset(&b);
	pl_buf_printf(&b, "%s2023,52.07,A-2,2,y\n", head);
	hs_write(f->dir, "2.csv", b.p);
	hs_write(f->dir, "3.csv", dup);
	hs_write(f->dir, "4.csv", dup);
	hs_write(f->dir, "5.csv", "KODE WILAYAH,tahun,Indikator 16,ID Inovasi,Catatan\n"
				  "52.08,2023,1,A-5,z\n");
	hs_write(f->dir, "6.csv", "tahun,kode_wilayah,id_inovasi,ind_17\n2023,52,A-6,1\n");
	hs_write(f->dir, "7.csv", "tahun,kode_wilayah,id_inovasi,ind_18\n2023,52,A-7,1\n");
	hs_write(f->dir, "8.csv", "tahun,kode_wilayah,id_inovasi,ind_19\n2023,52,A-8,1\n");
	pl_buf_reset(&b);
	pl_buf_printf(&b, "%s2023,52.09,A-9,0,w\n", head);
	hs_write(f->dir, "9.csv", b.p);
	pl_buf_free(&b);
	run(f, NULL);
	static const struct {
		const char *file, *kode, *id, *answer;
	} want[] = {
		{"1.csv", "52.06", "A-1", "16 3 \\N \\N"},
		{"2.csv", "52.07", "A-2", "16 2 \\N \\N"},
		{"5.csv", "52.08", "A-5", "16 1 \\N \\N"},
		{"9.csv", "52.09", "A-9", "16 0 \\N \\N"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct hs_rec *r = sub_at(f, want[i].file, "2");
		assert_string_equal(hs_get(r, PL_SUB_KODE), want[i].kode);
		assert_string_equal(hs_get(r, PL_SUB_ID), want[i].id);
		assert_int_equal(r->nans, 1);
		answer_is(r, 0, want[i].answer);
		const struct hs_rec *w =
			hs_find_code(&f->cap, PL_KIND_WARN, "COLUMN_UNKNOWN", want[i].file, "1");
		assert_non_null(w);
		assert_string_equal(hs_get(w, PL_REJ_VALUE), "Catatan");
	}
	for (int i = 3; i <= 4; i++) {
		const char *file = i == 3 ? "3.csv" : "4.csv";
		const struct hs_rec *d =
			hs_find_code(&f->cap, PL_KIND_REJ, "HEADER_DUPLICATE", file, "1");
		assert_non_null(d);
		assert_string_equal(hs_get(d, PL_REJ_VALUE), "Perangkat Daerah");
		assert_string_equal(hs_get(src_of(f, file), PL_SRC_STATUS), "unreadable");
	}
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 4);
	answer_is(sub_at(f, "8.csv", "2"), 0, "19 1 \\N \\N");
}

static void test_windows_1252(void **state)
{
	struct fx *f = *state;
	hs_write(f->dir, "w.csv",
		 "tahun;kode_wilayah;id_inovasi;nama_inovasi;ind_16\r\n"
		 "2023;52.06;W-1;Caf\xE9 \x93Sehat\x94;3\r\n"
		 "2023;52.06;W-2;Ibu \x96 Anak;2\r\n");
	run(f, NULL);
	assert_string_equal(hs_get(sub_at(f, "w.csv", "2"), PL_SUB_NAMA),
			    "Caf\xC3\xA9 \xE2\x80\x9CSehat\xE2\x80\x9D");
	assert_string_equal(hs_get(sub_at(f, "w.csv", "3"), PL_SUB_NAMA), "Ibu \xE2\x80\x93 Anak");
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 1);
	const struct hs_rec *w = hs_find_code(&f->cap, PL_KIND_WARN, "ENCODING_CONVERTED", "w.csv", "0");
	assert_non_null(w);
	assert_string_equal(hs_get(w, PL_REJ_VALUE), "windows-1252");
}

static void test_long_assembled(void **state)
{
	struct fx *f = *state;
	/* The profile, in a file without answer columns. */
	hs_write(f->dir, "1-profil.csv",
		 "tahun,kode_wilayah,id_inovasi,nama_inovasi,perangkat_daerah,tanggal_kirim\n"
		 "2023,52.71,M-1,Pasar Murah,Dinas Sosial,2023-07-20\n");
	/* Answers over two files, the key written two ways. */
	hs_write(f->dir, "2-jawaban-a.csv",
		 "tahun,kode_wilayah,id_inovasi,indikator,level,bukti,level_verifikasi\n"
		 "2023,5271,M-1,16,3,SK 1,\n"
		 "2023,5271,M-1,17,2,,\n"
		 "2023,52.71,,1,3,Perda 2,\n");
	hs_write(f->dir, "3-jawaban-b.csv",
		 "tahun,kode_wilayah,id_inovasi,indikator,level,level_verifikasi\n"
		 "2023.0,52.71,M-1,16,3.0,2\n"   /* the same claim, and now the verified level */
		 "2023,52.71,M-1,18,1,\n");
	/* SPD answers need a date: given as a profile column here. */
	hs_write(f->dir, "4-spd.csv",
		 "tahun,kode_wilayah,tanggal_kirim,indikator,level\n"
		 "2023,52.71,2023-07-21,2a,2\n");
	run(f, NULL);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 2);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	const struct hs_rec *r = sub_at(f, "1-profil.csv", "2");
	assert_string_equal(hs_get(r, PL_SUB_KIND), "inovasi");
	assert_string_equal(hs_get(r, PL_SUB_NAMA), "Pasar Murah");
	assert_string_equal(hs_get(r, PL_SUB_KODE), "52.71"); /* as the profile wrote it */
	assert_string_equal(hs_get(r, PL_SUB_TGL_KIRIM), "2023-07-20");
	assert_int_equal(r->nans, 3);
	answer_is(r, 0, "16 3 SK 1 2");
	answer_is(r, 1, "17 2 \\N \\N");
	answer_is(r, 2, "18 1 \\N \\N");
	/* The SPD answers: one submission of 52.71 made of rows in two files,
	 * named by its first row. */
	const struct hs_rec *s = sub_at(f, "2-jawaban-a.csv", "4");
	assert_string_equal(hs_get(s, PL_SUB_KIND), "spd");
	assert_string_equal(hs_get(s, PL_SUB_TGL_KIRIM), "2023-07-21");
	assert_int_equal(s->nans, 2);
	answer_is(s, 0, "1 3 Perda 2 \\N");
	answer_is(s, 1, "2a 2 \\N \\N");
	/* The records count where they are named. */
	assert_string_equal(hs_get(src_of(f, "1-profil.csv"), PL_SRC_RECORDS), "1");
	assert_string_equal(hs_get(src_of(f, "2-jawaban-a.csv"), PL_SRC_RECORDS), "1");
	assert_string_equal(hs_get(src_of(f, "3-jawaban-b.csv"), PL_SRC_RECORDS), "0");
	assert_string_equal(hs_get(src_of(f, "4-spd.csv"), PL_SRC_RECORDS), "0");
	assert_string_equal(hs_get(src_of(f, "2-jawaban-a.csv"), PL_SRC_KIND), "jawaban");
	assert_string_equal(hs_get(src_of(f, "1-profil.csv"), PL_SRC_KIND), "inovasi");
}

static void test_long_profile_columns(void **state)
{
	struct fx *f = *state;
	hs_write(f->dir, "jawaban.csv",
		 "tahun,kode_wilayah,id_inovasi,nama_inovasi,tanggal_kirim,indikator,level,bukti\n"
		 "2023,52.71,K-1,Kartu Sehat,2023-07-01,16,3,SK\n"
		 "2023,52.71,K-1,,,17,1,\n"                  /* empty cells give nothing */
		 "2023,52.71,K-1,Kartu  Sehat ,2023-07-01,18,2,\n"  /* same after trimming */
		 "2023,52.71,K-1,KARTU SEHAT,01/07/2023,19,\"2,0\",\n" /* same read as normalize does */
		 "2023,52.71,K-1,Kartu Sehat,2023-07-01,19,2.0,\n");  /* the same answer again */
	run(f, NULL);
	const struct hs_rec *r = sub_at(f, "jawaban.csv", "2");
	assert_string_equal(hs_get(r, PL_SUB_NAMA), "Kartu Sehat");
	assert_string_equal(hs_get(r, PL_SUB_TGL_KIRIM), "2023-07-01");
	assert_int_equal(r->nans, 4);
	answer_is(r, 3, "19 2,0 \\N \\N"); /* the first spelling given */
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
}

static void test_long_conflicts(void **state)
{
	struct fx *f = *state;
	hs_write(f->dir, "a.csv",
		 "tahun,kode_wilayah,id_inovasi,nama_inovasi,indikator,level,bukti\n"
		 "2023,52.71,C-1,Satu,16,3,SK\n"     /* 2 */
		 "2023,52.71,C-2,Dua,16,1,\n"        /* 3 */
		 "2023,52.71,C-3,Tiga,,1,\n"         /* 4: no indikator */
		 ",52.71,C-4,Empat,16,1,\n");        /* 5: no year: alone */
	hs_write(f->dir, "b.csv",
		 "tahun,kode_wilayah,id_inovasi,nama_inovasi,indikator,level,bukti\n"
		 "2023,52.71,C-1,Satu,16,2,SK\n"     /* 2: another level for row 16 */
		 "2023,52.71,C-2,Dua Lagi,17,1,\n"   /* 3: another name */
		 "2023,52.71,C-4,Empat,16,1,\n"      /* 4: a key of its own */
		 "2023,52.71,C-1,Satu,17,1\n");      /* 5: too few fields */
	run(f, NULL);
	const struct hs_rec *c1 = hs_find_code(&f->cap, PL_KIND_REJ, "ANSWER_CONFLICT", "a.csv", "2");
	assert_non_null(c1);
	assert_string_equal(hs_get(c1, PL_REJ_FIELD), "ind_16");
	assert_string_equal(hs_get(c1, PL_REJ_VALUE), "2");
	assert_string_equal(hs_get(c1, PL_REJ_ID), "C-1");
	assert_non_null(strstr(hs_get(c1, PL_REJ_MESSAGE), "'3' (a.csv:2) / '2' (b.csv:2)"));
	const struct hs_rec *c2 = hs_find_code(&f->cap, PL_KIND_REJ, "PROFILE_CONFLICT", "a.csv", "3");
	assert_non_null(c2);
	assert_string_equal(hs_get(c2, PL_REJ_FIELD), "nama_inovasi");
	assert_non_null(strstr(hs_get(c2, PL_REJ_MESSAGE), "'Dua' (a.csv:3) / 'Dua Lagi' (b.csv:3)"));
	const struct hs_rec *c3 = hs_find_code(&f->cap, PL_KIND_REJ, "INDICATOR_MISSING", "a.csv", "4");
	assert_non_null(c3);
	assert_non_null(strstr(hs_get(c3, PL_REJ_MESSAGE), "a.csv:4"));
	assert_non_null(hs_find_code(&f->cap, PL_KIND_REJ, "FIELD_COUNT", "b.csv", "5"));
	/* No record of C-1, C-2, C-3; the yearless row and C-4 go on alone. */
	assert_null(hs_find(&f->cap, PL_KIND_SUB, PL_SUB_ID, "C-1"));
	assert_null(hs_find(&f->cap, PL_KIND_SUB, PL_SUB_ID, "C-2"));
	assert_null(hs_find(&f->cap, PL_KIND_SUB, PL_SUB_ID, "C-3"));
	assert_string_equal(hs_get(sub_at(f, "a.csv", "5"), PL_SUB_ID), "C-4");
	assert_string_equal(hs_get(sub_at(f, "b.csv", "4"), PL_SUB_ID), "C-4");
	assert_string_equal(hs_get(src_of(f, "a.csv"), PL_SRC_RECORDS), "4");
	assert_string_equal(hs_get(src_of(f, "b.csv"), PL_SRC_RECORDS), "2");
}

static void test_profiles_alone(void **state)
{
	struct fx *f = *state;
	/* Without long answers, profile rows are records as they always were:
	 * two copies of one key are two records (score settles them). */
	hs_write(f->dir, "p.csv",
		 "tahun,kode_wilayah,id_inovasi,nama_inovasi,tanggal_kirim\n"
		 "2023,52.04,P-1,Lama,2023-07-01\n"
		 "2023,52.04,P-1,Baru,2023-07-09\n");
	/* An innovation whose id is missing is not the region's SPD
	 * submission, though an empty id names that in the long layout. */
	hs_write(f->dir, "q.csv",
		 "tahun,kode_wilayah,id_inovasi,nama_inovasi,tanggal_kirim\n"
		 "2023,52.04,,Tanpa id,2023-07-01\n");
	hs_write(f->dir, "r.csv",
		 "tahun,kode_wilayah,id_inovasi,indikator,level\n"
		 "2023,52.04,,1,3\n");
	run(f, NULL);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 4);
	const struct hs_rec *q = sub_at(f, "q.csv", "2");
	assert_string_equal(hs_get(q, PL_SUB_KIND), "inovasi");
	assert_int_equal(q->nans, 0);
	const struct hs_rec *spd = sub_at(f, "r.csv", "2");
	assert_string_equal(hs_get(spd, PL_SUB_KIND), "spd");
	assert_int_equal(spd->nans, 1);
	assert_string_equal(hs_get(sub_at(f, "p.csv", "2"), PL_SUB_NAMA), "Lama");
	assert_string_equal(hs_get(sub_at(f, "p.csv", "3"), PL_SUB_NAMA), "Baru");
	assert_int_equal(sub_at(f, "p.csv", "3")->nans, 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
}

static void test_budget(void **state)
{
	struct fx *f = *state;
	struct pl_buf b = {0};
	pl_buf_adds(&b, "tahun,kode_wilayah,id_inovasi,indikator,level\n");
	for (int i = 0; i < 2000; i++)
		pl_buf_printf(&b, "2023,52.71,B-%d,%d,1\n", i / 20, 16 + i % 20);
	hs_write(f->dir, "big.csv", b.p);
	pl_buf_free(&b);
	struct ingest_opts o = {.max_held = 32 * 1024};
	run(f, &o);
	/* Some rows were held, then the budget ran out: every later row is
	 * refused at its line, and the submission being read when it ran out
	 * is rejected whole. The accounting (checked in run) still balances. */
	size_t refused = hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, "ASSEMBLY_LIMIT");
	size_t sent = hs_count(&f->cap, PL_KIND_SUB);
	assert_true(sent > 0 && sent < 100);
	assert_true(refused > 1000);
	for (size_t i = 0; i < f->cap.n; i++) {
		const struct hs_rec *r = &f->cap.v[i];
		if (r->kind == PL_KIND_SUB)
			assert_int_equal(r->nans, 20); /* only whole submissions */
	}
}

static void test_xml(void **state)
{
	struct fx *f = *state;
	hs_write(f->dir, "k.xml",
		 "<?xml version=\"1.0\"?>\n"
		 "<kiriman versi=\"1\">\n"
		 "  <tahun>2023</tahun>\n"
		 "  <kode_wilayah>52.06</kode_wilayah>\n"
		 "  <perangkat_daerah>Dinas Kesehatan</perangkat_daerah>\n"
		 "  <tanggal_kirim>2023-07-12</tanggal_kirim>\n"
		 "  <inovasi>\n"                                      /* 7 */
		 "    <id_inovasi>X-1</id_inovasi>\n"
		 "    <nama_inovasi>Satu &amp; Dua</nama_inovasi>\n"
		 "    <jawaban indikator=\"16\" level=\"3\" bukti=\"SK\" verif=\"\"/>\n"
		 "  </inovasi>\n"
		 "  <inovasi><id_inovasi>X-2</id_inovasi><nama_inovasi>Tiga</nama_inovasi>"
		 "<tahapan>uji coba</tahapan></inovasi>\n"             /* 12 */
		 "  <spd><jawaban indikator=\"1\" level=\"2\"/></spd>\n" /* 13 */
		 "</kiriman>\n");
	hs_write(f->dir, "rusak.xml", "<kiriman versi=\"1\">\n<tahun>2023</tahun>\n</kiriman>\n");
	run(f, NULL);
	const struct hs_rec *a = sub_at(f, "k.xml", "7");
	assert_string_equal(hs_get(a, PL_SUB_NAMA), "Satu & Dua");
	assert_string_equal(hs_get(a, PL_SUB_OPD), "Dinas Kesehatan");
	assert_string_equal(hs_get(a, PL_SUB_TGL_KIRIM), "2023-07-12");
	answer_is(a, 0, "16 3 SK ");
	const struct hs_rec *b = sub_at(f, "k.xml", "12");
	assert_string_equal(hs_get(b, PL_SUB_TAHAPAN), "uji coba");
	assert_int_equal(b->nans, 0);
	assert_null(b->f[PL_SUB_BENTUK]); /* absent element: missing */
	const struct hs_rec *s = sub_at(f, "k.xml", "13");
	assert_string_equal(hs_get(s, PL_SUB_KIND), "spd");
	answer_is(s, 0, "1 2 \\N \\N");
	const struct hs_rec *src = src_of(f, "k.xml");
	assert_string_equal(hs_get(src, PL_SRC_KIND), "inovasi+spd");
	assert_string_equal(hs_get(src, PL_SRC_RECORDS), "3");
	const struct hs_rec *bad = hs_find_code(&f->cap, PL_KIND_REJ, "XML_SCHEMA", "rusak.xml", "1");
	assert_non_null(bad);
	assert_string_equal(hs_get(bad, PL_REJ_FIELD), "kiriman");
	assert_string_equal(hs_get(src_of(f, "rusak.xml"), PL_SRC_STATUS), "unreadable");
}

static void test_memory_entry(void **state)
{
	struct fx *f = *state;
	const char text[] = "tahun,kode_wilayah,id_inovasi,ind_16\n2023,52.04,M-1,3\n";
	hs_cap_clear(&f->cap);
	assert_int_equal(ingest_memory("x/mem.csv", text, sizeof text - 1, NULL, &f->ctx,
				       hs_sink(&f->cap)),
			 0);
	check_accounting(&f->cap);
	assert_string_equal(hs_get(sub_at(f, "x/mem.csv", "2"), PL_SUB_ID), "M-1");
	hs_cap_clear(&f->cap);
	assert_int_equal(ingest_memory("notes.txt", "x", 1, NULL, &f->ctx, hs_sink(&f->cap)), 0);
	assert_non_null(hs_find_code(&f->cap, PL_KIND_WARN, "FILE_SKIPPED", "notes.txt", "0"));
}

static void test_sink_fails(void **state)
{
	struct fx *f = *state;
	hs_write(f->dir, "a.csv", "tahun,kode_wilayah,id_inovasi,ind_16\n2023,52.04,M-1,3\n");
	const char *in[] = {f->dir};
	hs_cap_clear(&f->cap);
	f->cap.fail = 1;
	assert_int_equal(ingest_run(in, 1, NULL, &f->ctx, hs_sink(&f->cap)), -1);
	assert_int_equal(f->cap.puts, 1); /* it stops at the first failure */
	/* On three threads too, with files read ahead when it fails. */
	for (int i = 0; i < 40; i++) {
		char name[24]; /* any int fits: the compiler checks the whole range */
		snprintf(name, sizeof name, "b%02d.csv", i);
		hs_write(f->dir, name, "tahun,kode_wilayah,id_inovasi,ind_16\n2023,52.04,M-2,3\n");
	}
	struct ingest_opts par = {.jobs = 3};
	hs_cap_clear(&f->cap);
	f->cap.fail = 1;
	assert_int_equal(ingest_run(in, 1, &par, &f->ctx, hs_sink(&f->cap)), -1);
	assert_int_equal(f->cap.puts, 1);
	const char *missing[] = {"/nonexistent/indeks-input"};
	assert_int_equal(ingest_run(missing, 1, NULL, &f->ctx, hs_sink(&f->cap)), -1);
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "cannot open input"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_synonyms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_headers_repeated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_windows_1252, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_assembled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_profile_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profiles_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xml, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memory_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sink_fails, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
