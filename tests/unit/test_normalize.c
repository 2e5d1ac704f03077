/*
 * test_normalize.c: unit tests of the normalize stage (stages/normalize.h),
 * driven in-process into a capture sink, with the real master list
 * (master/regions.csv and the legacy-code and alias tables beside it) and
 * vocabularies (master/vocabulary.csv). The rules are
 * docs/normalization.md.
 *
 * Covers: region codes written 52.72, 5272, 52 72, 5272.0, 52.0 and 52
 * become 52.72 or 52, keeping what was written as a raw row; codes that are
 * not on the list (52.7, ABC, 52.72.1, 52.7.0, AB.0) are rejected as
 * REGION_UNKNOWN quoting the value exactly as written (normalize rejects
 * them itself: the brief's "pass through" predates docs/normalization.md);
 * regions by name (Kab. Bima, Kota Bima without a code, a missing code
 * column), REGION_AMBIGUOUS, CODE_NAME_MISMATCH, REGION_MISSING, a retired
 * Papua code mapped with a REGION_CODE_MAPPED warning; white space trimmed
 * and collapsed in every field of the head and of every answer, file, line
 * and kind left alone, a missing field left missing; years and levels
 * written as floats or in Indonesian notation (2023.0, 2023,0, 2.023, 2.0,
 * 3,0) become integers, anything else (2.5, 2,5, x, -1) is left for
 * validate; status and the other vocabularies through their synonyms
 * (DITERIMA, disetujui, Uji-Coba, PUPR), unknown values rejected with
 * STATUS_UNKNOWN or VALUE_UNKNOWN; dates day-first, with month names or as
 * spreadsheet serials, DATE_MALFORMED and DATE_AMBIGUOUS; several problems
 * give one reject each and the record does not go on; other kinds pass
 * through untouched; the per-file acct record at finish; a failing sink.
 *
 * Every test runs twice: once on the stage alone, and once as a run with
 * threads reading ahead uses it (ingest_opts.ahead): normalize_ahead_new
 * does the work, the groups cross as bytes (pl_groupbytes.h), and the
 * stage counts and passes on what it marked. Both must give the same
 * records. test_marked_by_ahead shows that the stage trusts the marks.
 */
#include "stage_harness.h"

#include "normalize.h"
#include "pl_groupbytes.h"

static struct hs_data *shared; /* master + vocabulary, loaded once */

static int group_setup(void **state)
{
	(void)state;
	shared = hs_data_load3("master/regions.csv", NULL, "master/vocabulary.csv");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hs_data_free(shared);
	shared = NULL;
	return 0;
}

struct fx {
	struct hs_cap cap;
	struct pl_stage st;
	struct pl_group g;
};

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	shared->ctx.lang = PL_LANG_ID;
	f->st = normalize_new(&shared->ctx, hs_sink(&f->cap));
	*state = f;
	return 0;
}

/* normalize_ahead_new's stage, then its groups as bytes, as in a slot of
 * ingest's readers, then the stage: put goes to the first, finish to the
 * last. */
struct ahead_pair {
	struct pl_stage ahead, stage;
	struct pl_buf bytes;
	struct pl_group g;
};

static int slot_put(void *self, struct pl_group *g)
{
	struct ahead_pair *p = self;
	pl_buf_reset(&p->bytes);
	pl_group_encode(&p->bytes, g);
	pl_group_decode(&p->g, p->bytes.p);
	return p->stage.put(p->stage.self, &p->g);
}

static int pair_put(void *self, struct pl_group *g)
{
	struct ahead_pair *p = self;
	return p->ahead.put(p->ahead.self, g);
}

static int pair_finish(void *self)
{
	struct ahead_pair *p = self;
	if (p->ahead.finish(p->ahead.self) < 0)
		return -1;
	return p->stage.finish(p->stage.self);
}

static void pair_destroy(void *self)
{
	struct ahead_pair *p = self;
	p->ahead.destroy(p->ahead.self);
	p->stage.destroy(p->stage.self);
	pl_buf_free(&p->bytes);
	pl_group_free(&p->g);
	free(p);
}

static int setup_ahead(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	shared->ctx.lang = PL_LANG_ID;
	struct ahead_pair *p = pl_xcalloc(1, sizeof *p);
	p->stage = normalize_new(&shared->ctx, hs_sink(&f->cap));
	p->ahead = normalize_ahead_new(&shared->ctx, (struct pl_sink){slot_put, p});
	f->st = (struct pl_stage){"normalize", p, pair_put, pair_finish, pair_destroy};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	f->st.destroy(f->st.self);
	hs_cap_clear(&f->cap);
	pl_group_free(&f->g);
	free(f);
	return 0;
}

/* An SPD record of dir/a.csv line 2 with this region code and name. */
static void spd_rec(struct fx *f, const char *code, const char *name)
{
	hs_sub(&f->g, "dir/a.csv", "2", "spd", "2023", code, "2023-07-10");
	hs_set(&f->g, PL_SUB_NAMA_WILAYAH, name);
}

/* Puts the group; returns the sub that came out, or NULL when none did. */
static const struct hs_rec *run(struct fx *f)
{
	hs_cap_clear(&f->cap);
	hs_put(&f->st, &f->g);
	return hs_nth(&f->cap, PL_KIND_SUB, 0);
}

/* Checks that the record was rejected with one reject of code about
 * field, quoting value, and went no further. */
static const struct hs_rec *expect_reject(const struct fx *f, const char *code, const char *field,
					  const char *value)
{
	if (hs_count(&f->cap, PL_KIND_SUB) != 0)
		fail_msg("the record went on; expected %s on %s = '%s'", code, field, value);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 1);
	const struct hs_rec *r = hs_nth(&f->cap, PL_KIND_REJ, 0);
	assert_string_equal(hs_get(r, PL_REJ_CODE), code);
	assert_string_equal(hs_get(r, PL_REJ_FIELD), field);
	assert_string_equal(hs_get(r, PL_REJ_VALUE), value);
	assert_string_equal(hs_get(r, PL_REJ_FILE), "dir/a.csv");
	assert_string_equal(hs_get(r, PL_REJ_LINE), "2");
	assert_string_equal(hs_get(r, PL_REJ_STAGE), "normalize");
	int c = pl_reject_from_name(code);
	assert_true(c >= 0);
	const char *msg = pl_reject_message((enum pl_reject_code)c, shared->ctx.lang);
	assert_int_equal(strncmp(hs_get(r, PL_REJ_MESSAGE), msg, strlen(msg)), 0);
	return r;
}

static void test_region_codes_canonical(void **state)
{
	struct fx *f = *state;
	static const char *const cases[][2] = {
		{"52.72", "52.72"},    /* already canonical */
		{"5272", "52.72"},     /* digits only: province 52, kota 72 */
		{"52 72", "52.72"},    /* space as the separator */
		{"5272.0", "52.72"},   /* a spreadsheet float of 5272 */
		{"52.0", "52"},        /* a spreadsheet float of the province 52 */
		{"52", "52"},          /* a province */
		{"  52.72 ", "52.72"}, /* surrounding white space */
		{"\t5272\t", "52.72"}, /* tabs */
		{"52   72", "52.72"},  /* a run of spaces collapses to the separator */
		{"1101", "11.01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		spd_rec(f, cases[i][0], NULL);
		const struct hs_rec *r = run(f);
		if (!r || strcmp(hs_get(r, PL_SUB_KODE), cases[i][1]) != 0)
			fail_msg("'%s' -> '%s', expected '%s'", cases[i][0],
				 r ? hs_get(r, PL_SUB_KODE) : "(rejected)", cases[i][1]);
		assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	}
	/* what was written travels with the record when it changed */
	spd_rec(f, "5272", NULL);
	const struct hs_rec *r = run(f);
	assert_non_null(hs_raw(r, PL_SUB_KODE));
	assert_string_equal(hs_raw(r, PL_SUB_KODE), "5272");
	spd_rec(f, "52.72", "Kota Bima");
	r = run(f);
	assert_null(hs_raw(r, PL_SUB_KODE));
	assert_int_equal(r->nraw, 0);
}

static void test_region_codes_unknown_rejected(void **state)
{
	struct fx *f = *state;
	static const char *const cases[][2] = {
		{"52.7", "52.7"},       /* three digits */
		{"ABC", "ABC"},         /* not a number */
		{"52.72.1", "52.72.1"}, /* a village-level code */
		{"527", "527"},         /* three digits, no separator */
		{"52.73", "52.73"},     /* well formed, not on the list */
		{"99", "99"},           /* no such province */
		{"52.7.0", "52.7.0"},   /* quoted as written, not as "52.7" */
		{"AB.0", "AB.0"},       /* nor as "AB" */
		{" 52.7 ", "52.7"},     /* white space is not part of the value */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		spd_rec(f, cases[i][0], NULL);
		run(f);
		expect_reject(f, "REGION_UNKNOWN", "kode_wilayah", cases[i][1]);
	}
}

static void test_region_by_name(void **state)
{
	struct fx *f = *state;
	/* no code: the name decides when one region has it */
	static const char *const named[][3] = {
		{"", "Kab. Bima", "52.06"},
		{"", "Kota Bima", "52.72"},
		{"", "KOTA  BIMA", "52.72"},
		{"", "Bima, Kota", "52.72"},
		{NULL, "Kota Bima", "52.72"}, /* no code column at all */
		{"52.72", " kota  bima ", "52.72"}, /* code and name agree */
		{"5272", "Kota Bima", "52.72"},
	};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		spd_rec(f, named[i][0], named[i][1]);
		const struct hs_rec *r = run(f);
		if (!r || strcmp(hs_get(r, PL_SUB_KODE), named[i][2]) != 0)
			fail_msg("code '%s' name '%s' -> '%s', expected %s",
				 named[i][0] ? named[i][0] : "(missing)", named[i][1],
				 r ? hs_get(r, PL_SUB_KODE) : "(rejected)", named[i][2]);
	}
	/* Kabupaten Bima and Kota Bima: a bare name is not enough */
	spd_rec(f, "", "Bima");
	run(f);
	const struct hs_rec *r = expect_reject(f, "REGION_AMBIGUOUS", "nama_wilayah", "Bima");
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "52.06"));
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "52.72"));
	/* the code is never corrected from the name */
	spd_rec(f, "52.72", "Kabupaten Bima");
	run(f);
	r = expect_reject(f, "CODE_NAME_MISMATCH", "nama_wilayah", "Kabupaten Bima");
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "52.06"));
	/* neither code nor name */
	spd_rec(f, "", "");
	run(f);
	expect_reject(f, "REGION_MISSING", "kode_wilayah", "");
	/* a name on no list */
	spd_rec(f, "", "Kota Atlantis");
	run(f);
	expect_reject(f, "REGION_UNKNOWN", "nama_wilayah", "Kota Atlantis");
	/* a retired Papua code: mapped, with a warning, and the record goes on */
	spd_rec(f, "91.01", NULL);
	r = run(f);
	assert_non_null(r);
	assert_string_equal(hs_get(r, PL_SUB_KODE), "93.01");
	assert_string_equal(hs_raw(r, PL_SUB_KODE), "91.01");
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 1);
	const struct hs_rec *w = hs_nth(&f->cap, PL_KIND_WARN, 0);
	assert_string_equal(hs_get(w, PL_REJ_CODE), "REGION_CODE_MAPPED");
	assert_string_equal(hs_get(w, PL_REJ_VALUE), "91.01");
	assert_non_null(strstr(hs_get(w, PL_REJ_MESSAGE), "93.01"));
}

static void test_white_space_every_field(void **state)
{
	struct fx *f = *state;
	struct pl_group *g = &f->g;
	/* file, line and kind identify the record and are not values: they
	 * are left exactly as ingest set them. */
	hs_sub(g, "dir/ a  b.csv", "7", "inovasi", " 2023 ", " 52 72 ", " 2023-07-10  08:30 ");
	static const size_t text[] = {PL_SUB_ID, PL_SUB_NAMA, PL_SUB_OPD};
	for (size_t i = 0; i < 3; i++)
		hs_set(g, text[i], "  alpha \t beta\r\n\n gamma  ");
	hs_set(g, PL_SUB_NAMA_WILAYAH, " kota\t bima ");
	hs_set(g, PL_SUB_BENTUK, "  pelayanan   publik ");
	hs_set(g, PL_SUB_JENIS, " digital");
	hs_set(g, PL_SUB_INISIATOR, NULL); /* missing stays missing */
	hs_set(g, PL_SUB_URUSAN, "kesehatan ");
	hs_set(g, PL_SUB_TAHAPAN, " uji  coba ");
	hs_set(g, PL_SUB_TGL_UJI, " 2021-01-04");
	hs_set(g, PL_SUB_TGL_TERAP, "2021-06-14\t");
	hs_set(g, PL_SUB_STATUS, "  diterima  ");
	hs_ans(g, " 16 ", "\t3 ", "  http://bukti  satu ", " 2 ");
	hs_ans(g, "17", "   ", NULL, "");
	const struct hs_rec *r = run(f);
	assert_non_null(r);
	assert_int_equal(f->cap.n, 1);
	assert_string_equal(hs_get(r, PL_SUB_FILE), "dir/ a  b.csv");
	assert_string_equal(hs_get(r, PL_SUB_LINE), "7");
	assert_string_equal(hs_get(r, PL_SUB_KIND), "inovasi");
	assert_string_equal(hs_get(r, PL_SUB_TAHUN), "2023");
	assert_string_equal(hs_get(r, PL_SUB_KODE), "52.72");
	assert_string_equal(hs_get(r, PL_SUB_NAMA_WILAYAH), "kota bima");
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(hs_get(r, text[i]), "alpha beta gamma");
	assert_string_equal(hs_get(r, PL_SUB_BENTUK), "pelayanan publik");
	assert_string_equal(hs_get(r, PL_SUB_JENIS), "digital");
	assert_null(r->f[PL_SUB_INISIATOR]);
	assert_string_equal(hs_get(r, PL_SUB_URUSAN), "kesehatan");
	assert_string_equal(hs_get(r, PL_SUB_TAHAPAN), "uji coba");
	assert_string_equal(hs_get(r, PL_SUB_TGL_UJI), "2021-01-04");
	assert_string_equal(hs_get(r, PL_SUB_TGL_TERAP), "2021-06-14");
	assert_string_equal(hs_get(r, PL_SUB_TGL_KIRIM), "2023-07-10 08:30:00");
	assert_string_equal(hs_get(r, PL_SUB_STATUS), "diterima");
	assert_int_equal(r->nans, 2);
	assert_string_equal(r->ans[0][PL_ANS_ROW], "16");
	assert_string_equal(r->ans[0][PL_ANS_LEVEL], "3");
	assert_string_equal(r->ans[0][PL_ANS_BUKTI], "http://bukti satu");
	assert_string_equal(r->ans[0][PL_ANS_VERIF], "2");
	assert_string_equal(r->ans[1][PL_ANS_ROW], "17");
	assert_string_equal(r->ans[1][PL_ANS_LEVEL], ""); /* blank: unanswered */
	assert_null(r->ans[1][PL_ANS_BUKTI]);
	assert_string_equal(r->ans[1][PL_ANS_VERIF], "");
}

/* White space after a stretch that needs no change: a tab, a doubled
 * space, a trailing space or line end, each after single spaces. */
static void test_white_space_after_clean_start(void **state)
{
	struct fx *f = *state;
	struct pl_group *g = &f->g;
	hs_inn(g, "dir/a.csv", "2", "52.72", "INOV 1\r", "2023-07-10");
	hs_set(g, PL_SUB_NAMA, "Sistem Informasi\tDesa");
	hs_set(g, PL_SUB_OPD, "Dinas Kesehatan  Kota");
	hs_set(g, PL_SUB_NAMA_WILAYAH, "Kota Bima");
	hs_ans(g, "16", "3", "http://a b\n", "2");
	hs_ans(g, "17", "2", "satu dua tiga", "");
	const struct hs_rec *r = run(f);
	assert_non_null(r);
	assert_string_equal(hs_get(r, PL_SUB_ID), "INOV 1");
	assert_string_equal(hs_get(r, PL_SUB_NAMA), "Sistem Informasi Desa");
	assert_string_equal(hs_get(r, PL_SUB_OPD), "Dinas Kesehatan Kota");
	assert_string_equal(hs_get(r, PL_SUB_NAMA_WILAYAH), "Kota Bima");
	assert_string_equal(r->ans[0][PL_ANS_BUKTI], "http://a b");
	assert_string_equal(r->ans[1][PL_ANS_BUKTI], "satu dua tiga");
}

static void test_year_numbers(void **state)
{
	struct fx *f = *state;
	static const char *const cases[][2] = {
		{"2023.0", "2023"}, {"2023.00", "2023"}, {"2023,0", "2023"}, {" 2023.0 ", "2023"},
		{"2.023", "2023"},  /* '.' before exactly three digits groups thousands */
		{"2023", "2023"},   {"2023.5", "2023.5"}, {"20x3", "20x3"},   {"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		hs_sub(&f->g, "dir/a.csv", "2", "spd", cases[i][0], "52.72", "2023-07-10");
		const struct hs_rec *r = run(f);
		assert_non_null(r);
		if (strcmp(hs_get(r, PL_SUB_TAHUN), cases[i][1]) != 0)
			fail_msg("tahun '%s' -> '%s', expected '%s'", cases[i][0],
				 hs_get(r, PL_SUB_TAHUN), cases[i][1]);
	}
	hs_sub(&f->g, "dir/a.csv", "2", "spd", "2023.0", "52.72", "2023-07-10");
	const struct hs_rec *r = run(f);
	assert_string_equal(hs_raw(r, PL_SUB_TAHUN), "2023.0");
}

static void test_level_numbers(void **state)
{
	struct fx *f = *state;
	/* claimed and verified levels; what is not a whole number is left as
	 * written for validate's LEVEL_RANGE */
	static const char *const cases[][2] = {
		{"2.0", "2"}, {"3.00", "3"}, {"3,0", "3"},   {"0.0", "0"},   {"2.5", "2.5"},
		{"2,5", "2,5"}, {"x", "x"},  {"-1", "-1"},   {"4", "4"},     {"1", "1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		hs_sub(&f->g, "dir/a.csv", "2", "spd", "2023", "52.72", "2023-07-10");
		hs_ans(&f->g, "1", cases[i][0], "bukti.pdf", cases[i][0]);
		const struct hs_rec *r = run(f);
		assert_non_null(r);
		assert_int_equal(r->nans, 1);
		if (strcmp(r->ans[0][PL_ANS_LEVEL], cases[i][1]) != 0 ||
		    strcmp(r->ans[0][PL_ANS_VERIF], cases[i][1]) != 0)
			fail_msg("level '%s' -> '%s' / verif -> '%s', expected '%s'", cases[i][0],
				 r->ans[0][PL_ANS_LEVEL], r->ans[0][PL_ANS_VERIF], cases[i][1]);
		assert_string_equal(r->ans[0][PL_ANS_ROW], "1");
	}
	/* a row id or bukti that looks like a number is not a level */
	hs_sub(&f->g, "dir/a.csv", "2", "spd", "2023", "52.72", "2023-07-10");
	hs_ans(&f->g, "10.0", "1", "2.0", NULL);
	const struct hs_rec *r = run(f);
	assert_string_equal(r->ans[0][PL_ANS_ROW], "10.0");
	assert_string_equal(r->ans[0][PL_ANS_BUKTI], "2.0");
}

static void test_status_vocabulary(void **state)
{
	struct fx *f = *state;
	static const char *const cases[][2] = {
		{"DITERIMA", "diterima"}, {" Ditolak ", "ditolak"}, {"MenungGU", "menunggu"},
		{"disetujui", "diterima"}, {"Tidak Lolos", "ditolak"},
		{"belum diverifikasi", "menunggu"}, {"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
		hs_set(&f->g, PL_SUB_STATUS, cases[i][0]);
		hs_set(&f->g, PL_SUB_NAMA, "Sistem INFORMASI");
		const struct hs_rec *r = run(f);
		if (!r || strcmp(hs_get(r, PL_SUB_STATUS), cases[i][1]) != 0)
			fail_msg("status '%s' -> '%s', expected '%s'", cases[i][0],
				 r ? hs_get(r, PL_SUB_STATUS) : "(rejected)", cases[i][1]);
		/* other text is not folded */
		assert_string_equal(hs_get(r, PL_SUB_NAMA), "Sistem INFORMASI");
	}
	hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
	hs_set(&f->g, PL_SUB_STATUS, "Belum  Dinilai");
	run(f);
	expect_reject(f, "STATUS_UNKNOWN", "status_verifikasi", "Belum Dinilai");
}

static void test_other_vocabularies(void **state)
{
	struct fx *f = *state;
	static const struct {
		size_t field;
		const char *written, *canonical;
	} cases[] = {
		{PL_SUB_TAHAPAN, "Uji-Coba", "uji coba"},
		{PL_SUB_TAHAPAN, "UJICOBA", "uji coba"},
		{PL_SUB_JENIS, "non-digital", "non digital"},
		{PL_SUB_JENIS, "Daring", "digital"},
		{PL_SUB_URUSAN, "PUPR", "pekerjaan umum dan penataan ruang"},
		{PL_SUB_URUSAN, "Dukcapil", "administrasi kependudukan dan pencatatan sipil"},
		{PL_SUB_INISIATOR, "Wali Kota", "kepala daerah"},
		{PL_SUB_BENTUK, "Layanan Publik", "pelayanan publik"},
	};
	/* Each case twice in a row: the second time the stage remembers the
	 * spelling from the record before, and must give the same. */
	for (size_t i = 0; i < 2 * sizeof cases / sizeof cases[0]; i++) {
		size_t c = i / 2;
		hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
		hs_set(&f->g, cases[c].field, cases[c].written);
		const struct hs_rec *r = run(f);
		if (!r || strcmp(hs_get(r, cases[c].field), cases[c].canonical) != 0)
			fail_msg("'%s' -> '%s', expected '%s'", cases[c].written,
				 r ? hs_get(r, cases[c].field) : "(rejected)", cases[c].canonical);
		assert_string_equal(hs_raw(r, cases[c].field), cases[c].written);
	}
	/* unknown: rejected, the accepted values in the message, also right
	 * after a known spelling of the field and before it again */
	hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
	hs_set(&f->g, PL_SUB_TAHAPAN, "percobaan");
	run(f);
	const struct hs_rec *r = expect_reject(f, "VALUE_UNKNOWN", "tahapan", "percobaan");
	hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
	hs_set(&f->g, PL_SUB_TAHAPAN, "UJICOBA");
	assert_string_equal(hs_get(run(f), PL_SUB_TAHAPAN), "uji coba");
	hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
	hs_set(&f->g, PL_SUB_TAHAPAN, "percobaan");
	run(f);
	r = expect_reject(f, "VALUE_UNKNOWN", "tahapan", "percobaan");
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "inisiatif"));
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "uji coba"));
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "penerapan"));
	/* free text is not controlled */
	hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
	hs_set(&f->g, PL_SUB_OPD, "Badan Apa Saja");
	assert_non_null(run(f));
}

static void test_dates(void **state)
{
	struct fx *f = *state;
	static const struct {
		size_t field;
		const char *written, *canonical;
	} ok[] = {
		{PL_SUB_TGL_TERAP, "28/07/2022", "2022-07-28"}, /* day first */
		{PL_SUB_TGL_TERAP, "1/9/2021", "2021-09-01"},
		{PL_SUB_TGL_TERAP, "28 Juli 2022", "2022-07-28"},
		{PL_SUB_TGL_TERAP, "2022/07/28", "2022-07-28"},
		{PL_SUB_TGL_UJI, "44562", "2022-01-01"}, /* spreadsheet serial */
		{PL_SUB_TGL_KIRIM, "20/07/2023 10:15", "2023-07-20 10:15:00"},
		{PL_SUB_TGL_KIRIM, "2023-07-20T10:15", "2023-07-20 10:15:00"},
		{PL_SUB_TGL_KIRIM, "2023-07-20", "2023-07-20"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
		hs_set(&f->g, PL_SUB_TGL_UJI, NULL);
		hs_set(&f->g, ok[i].field, ok[i].written);
		const struct hs_rec *r = run(f);
		if (!r || strcmp(hs_get(r, ok[i].field), ok[i].canonical) != 0)
			fail_msg("'%s' -> '%s', expected '%s'", ok[i].written,
				 r ? hs_get(r, ok[i].field) : "(rejected)", ok[i].canonical);
	}
	static const struct {
		size_t field;
		const char *written, *code;
	} bad[] = {
		{PL_SUB_TGL_TERAP, "31 Februari 2021", "DATE_MALFORMED"}, /* no such day */
		{PL_SUB_TGL_TERAP, "29/02/2021", "DATE_MALFORMED"},
		{PL_SUB_TGL_TERAP, "2022-13-45", "DATE_MALFORMED"},
		{PL_SUB_TGL_UJI, "kemarin", "DATE_MALFORMED"},
		{PL_SUB_TGL_TERAP, "05/13/2021", "DATE_AMBIGUOUS"}, /* month first? */
		{PL_SUB_TGL_TERAP, "2021-06-14 08:00", "DATE_MALFORMED"}, /* no time here */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		hs_inn(&f->g, "dir/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
		hs_set(&f->g, bad[i].field, bad[i].written);
		run(f);
		expect_reject(f, bad[i].code, pl_schema_of(PL_KIND_SUB)->names[bad[i].field],
			      bad[i].written);
	}
}

static void test_several_problems_one_reject_each(void **state)
{
	struct fx *f = *state;
	hs_inn(&f->g, "dir/a.csv", "2", "52.7", "INOV-1", "31 Februari 2023");
	hs_set(&f->g, PL_SUB_STATUS, "entahlah");
	hs_set(&f->g, PL_SUB_TAHAPAN, "percobaan");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "05/13/2021");
	run(f);
	/* REGION_UNKNOWN, DATE_AMBIGUOUS (penerapan), DATE_MALFORMED (kirim),
	 * VALUE_UNKNOWN (tahapan), STATUS_UNKNOWN: five, one record */
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 5);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_LINE, "2"), 5);
	static const char *const codes[] = {"REGION_UNKNOWN", "DATE_AMBIGUOUS", "DATE_MALFORMED",
					    "VALUE_UNKNOWN", "STATUS_UNKNOWN"};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, codes[i]), 1);
	assert_non_null(hs_find2(&f->cap, PL_KIND_REJ, PL_REJ_FIELD, "tanggal_kirim", PL_REJ_VALUE,
				 "31 Februari 2023"));
}

/* Builds a record of a non-submission kind with every field set to v. */
static void other_record(struct pl_group *g, enum pl_kind kind, const char *v)
{
	pl_group_start(g, kind);
	for (size_t i = 0; i < pl_schema_of(kind)->nf; i++)
		pl_set(g, &g->head, i, v);
}

static void test_other_kinds_untouched(void **state)
{
	struct fx *f = *state;
	static const enum pl_kind kinds[] = {PL_KIND_SRC, PL_KIND_REJ, PL_KIND_WARN, PL_KIND_ACCT,
					     PL_KIND_INN, PL_KIND_SPD, PL_KIND_REG};
	enum { NK = sizeof kinds / sizeof kinds[0] };
	/* values normalize would change in a submission */
	static const char *const values[] = {"  5272 ", "2023.0", "DITERIMA", "a  b"};
	for (size_t k = 0; k < NK; k++)
		for (size_t v = 0; v < 4; v++) {
			other_record(&f->g, kinds[k], values[v]);
			hs_put(&f->st, &f->g);
		}
	assert_int_equal(f->cap.n, NK * 4); /* one out per one in */
	for (size_t i = 0; i < f->cap.n; i++) {
		const struct hs_rec *r = &f->cap.v[i];
		assert_int_equal(r->kind, kinds[i / 4]);
		for (size_t j = 0; j < r->nf; j++)
			assert_string_equal(r->f[j], values[i % 4]);
	}
	pl_group_start(&f->g, PL_KIND_REJ); /* missing fields stay missing */
	hs_put(&f->st, &f->g);
	const struct hs_rec *r = &f->cap.v[f->cap.n - 1];
	for (size_t j = 0; j < r->nf; j++)
		assert_null(r->f[j]);
	/* no submission, no counts of its own */
	size_t before = f->cap.n;
	assert_int_equal(f->st.finish(f->st.self), 0);
	assert_int_equal(f->cap.n, before);
}

static void test_accounting(void **state)
{
	struct fx *f = *state;
	/* dir/a.csv: 3 records, one rejected; dir/b.csv: 1 record */
	hs_inn(&f->g, "dir/a.csv", "2", "52.72", "A", "2023-07-10");
	hs_put(&f->st, &f->g);
	hs_inn(&f->g, "dir/a.csv", "3", "52.7", "B", "2023-07-10");
	hs_put(&f->st, &f->g);
	hs_inn(&f->g, "dir/a.csv", "4", "5272", "C", "2023-07-10");
	hs_put(&f->st, &f->g);
	hs_sub(&f->g, "dir/b.csv", "2", "spd", "2023", "52.72", "2023-07-10");
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_ACCT), 0); /* only at the end */
	assert_int_equal(f->st.finish(f->st.self), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 3);
	assert_int_equal(hs_count(&f->cap, PL_KIND_ACCT), 2);
	const struct hs_rec *a = hs_find(&f->cap, PL_KIND_ACCT, PL_ACCT_FILE, "dir/a.csv");
	assert_non_null(a);
	assert_string_equal(hs_get(a, PL_ACCT_STAGE), "normalize");
	assert_string_equal(hs_get(a, PL_ACCT_IN), "3");
	assert_string_equal(hs_get(a, PL_ACCT_OUT), "2");
	assert_string_equal(hs_get(a, PL_ACCT_REJECTED), "1");
	assert_string_equal(hs_get(a, PL_ACCT_SUPERSEDED), "0");
	a = hs_find(&f->cap, PL_KIND_ACCT, PL_ACCT_FILE, "dir/b.csv");
	assert_non_null(a);
	assert_string_equal(hs_get(a, PL_ACCT_IN), "1");
	assert_string_equal(hs_get(a, PL_ACCT_OUT), "1");
	assert_string_equal(hs_get(a, PL_ACCT_REJECTED), "0");
}

static void test_lang_en(void **state)
{
	struct fx *f = *state;
	shared->ctx.lang = PL_LANG_EN;
	spd_rec(f, "52.72", "Kabupaten Bima");
	run(f);
	const struct hs_rec *r = expect_reject(f, "CODE_NAME_MISMATCH", "nama_wilayah",
					       "Kabupaten Bima");
	/* the detail is in English too */
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "code 52.72 is Kota Bima"));
}

static void test_order_and_sink_failure(void **state)
{
	struct fx *f = *state;
	const char *ids[] = {"A", "B", "C"};
	for (size_t i = 0; i < 3; i++) {
		hs_inn(&f->g, "dir/a.csv", "2", "5272", ids[i], "2023-07-10");
		hs_put(&f->st, &f->g);
	}
	assert_int_equal(f->cap.n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(hs_get(&f->cap.v[i], PL_SUB_ID), ids[i]);
	f->cap.fail = 1;
	hs_inn(&f->g, "dir/a.csv", "5", "5272", "D", "2023-07-10");
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
	hs_inn(&f->g, "dir/a.csv", "6", "52.7", "E", "2023-07-10"); /* its reject fails */
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
	pl_group_start(&f->g, PL_KIND_SRC);
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
	assert_int_equal(f->st.finish(f->st.self), -1); /* its acct records fail */
}

/* The stage takes a marked submission as normalized already: it counts
 * it, passes it on unchanged or drops it, and clears the mark. */
static void test_marked_by_ahead(void **state)
{
	struct fx *f = *state;
	hs_inn(&f->g, "dir/a.csv", "2", "5272", " A ", "2023-07-10");
	f->g.normalized = PL_NORM_PASSED;
	const struct hs_rec *r = run(f);
	assert_non_null(r);
	assert_string_equal(hs_get(r, PL_SUB_KODE), "5272"); /* as marked: not again */
	assert_string_equal(hs_get(r, PL_SUB_ID), " A ");
	assert_int_equal(f->g.normalized, PL_NORM_NOT);
	hs_inn(&f->g, "dir/a.csv", "3", "52.72", "B", "2023-07-10");
	f->g.normalized = PL_NORM_REJECTED;
	assert_null(run(f));
	assert_int_equal(f->cap.n, 0); /* its rejects came before it */
	assert_int_equal(f->st.finish(f->st.self), 0);
	const struct hs_rec *a = hs_find(&f->cap, PL_KIND_ACCT, PL_ACCT_FILE, "dir/a.csv");
	assert_non_null(a);
	assert_string_equal(hs_get(a, PL_ACCT_IN), "2");
	assert_string_equal(hs_get(a, PL_ACCT_OUT), "1");
	assert_string_equal(hs_get(a, PL_ACCT_REJECTED), "1");
}

/* normalize_ahead_new's marks: the outcome on the submission, a
 * rejected one sent on too, after its reject; no counts at its finish. */
static void test_ahead_marks(void **state)
{
	struct fx *f = *state;
	struct pl_stage ahead = normalize_ahead_new(&shared->ctx, hs_sink(&f->cap));
	hs_inn(&f->g, "dir/a.csv", "2", "5272", "A", "2023-07-10");
	hs_put(&ahead, &f->g);
	assert_int_equal(f->g.normalized, PL_NORM_PASSED);
	assert_string_equal(hs_get(hs_nth(&f->cap, PL_KIND_SUB, 0), PL_SUB_KODE), "52.72");
	hs_inn(&f->g, "dir/a.csv", "3", "52.7", "B", "2023-07-10");
	hs_put(&ahead, &f->g);
	assert_int_equal(f->g.normalized, PL_NORM_REJECTED);
	assert_int_equal(f->cap.n, 3);
	assert_int_equal(f->cap.v[1].kind, PL_KIND_REJ);
	assert_int_equal(f->cap.v[2].kind, PL_KIND_SUB);
	assert_int_equal(ahead.finish(ahead.self), 0);
	assert_int_equal(f->cap.n, 3);
	/* A failure of its sink fails that put only. */
	f->cap.fail = 1;
	hs_inn(&f->g, "dir/a.csv", "4", "52.7", "C", "2023-07-10");
	assert_int_equal(ahead.put(ahead.self, &f->g), -1);
	f->cap.fail = 0;
	hs_inn(&f->g, "dir/a.csv", "5", "5272", "D", "2023-07-10");
	hs_put(&ahead, &f->g);
	ahead.destroy(ahead.self);
}

#define NORMALIZE_TESTS(setup)                                                              \
	cmocka_unit_test_setup_teardown(test_region_codes_canonical, setup, teardown),        \
	cmocka_unit_test_setup_teardown(test_region_codes_unknown_rejected, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_region_by_name, setup, teardown),                \
	cmocka_unit_test_setup_teardown(test_white_space_every_field, setup, teardown),       \
	cmocka_unit_test_setup_teardown(test_white_space_after_clean_start, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_year_numbers, setup, teardown),                  \
	cmocka_unit_test_setup_teardown(test_level_numbers, setup, teardown),                 \
	cmocka_unit_test_setup_teardown(test_status_vocabulary, setup, teardown),             \
	cmocka_unit_test_setup_teardown(test_other_vocabularies, setup, teardown),            \
	cmocka_unit_test_setup_teardown(test_dates, setup, teardown),                         \
	cmocka_unit_test_setup_teardown(test_several_problems_one_reject_each, setup,         \
					teardown),                                            \
	cmocka_unit_test_setup_teardown(test_other_kinds_untouched, setup, teardown),         \
	cmocka_unit_test_setup_teardown(test_accounting, setup, teardown),                    \
	cmocka_unit_test_setup_teardown(test_lang_en, setup, teardown),                       \
	cmocka_unit_test_setup_teardown(test_order_and_sink_failure, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		NORMALIZE_TESTS(setup),
		cmocka_unit_test_setup_teardown(test_marked_by_ahead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ahead_marks, setup, teardown),
	};
	const struct CMUnitTest ahead[] = {NORMALIZE_TESTS(setup_ahead)};
	int failed = cmocka_run_group_tests_name("normalize", tests, group_setup, group_teardown);
	return failed + cmocka_run_group_tests_name("normalize through normalize_ahead", ahead,
						    group_setup, group_teardown);
}
