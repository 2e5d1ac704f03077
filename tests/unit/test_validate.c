/*
 * test_validate.c: unit tests of the validate stage (stages/validate.h),
 * driven in-process into a capture sink, with the real master list
 * (master/regions.csv) and methodology (methodology/, 2023 only).
 *
 * Covers: a valid innovation and a valid SPD record pass on unchanged
 * (every field, every answer); one test per reject code the stage emits
 * (YEAR_MISSING, YEAR_MALFORMED, YEAR_UNKNOWN naming the years available,
 * REGION_MISSING, REGION_UNKNOWN, ID_MISSING, NAME_MISSING, DATE_MISSING
 * for tanggal_kirim, DATE_MALFORMED for impossible and badly written dates
 * and times in every date column, LEVEL_RANGE for 4, -1, 2.5 and x in ind_
 * and verif_, STATUS_UNKNOWN, DATE_ORDER for a trial after the
 * implementation, DATE_AFTER_SUBMISSION for a date after tanggal_kirim),
 * each checking code, field, value, file,
 * line, stage and the context columns of the reject, and that the record
 * does not go on; several problems in one record give one reject each;
 * ROW_UNKNOWN for an answer row the method does not have and for a row of
 * the other aspect is warned once per file and row, the answer is dropped
 * and the record goes on; --lang en gives the English messages; other
 * kinds pass through; values normalize changed (raw rows) travel on with
 * the record and rejects quote them as written; the per-file acct record
 * at finish; a failing sink makes put and finish return -1.
 */
#include "stage_harness.h"

#include "validate.h"

/* A reject's message is the code's message in the run's language (the
 * wording lives in pipeline/pl_reject.h and is not pinned here), then
 * ": detail" when the stage adds one. */
static void expect_message(const struct hs_rec *r, enum pl_reject_code code, enum pl_lang lang,
			   const char *detail)
{
	struct pl_buf want = {0};
	pl_buf_adds(&want, pl_reject_message(code, lang));
	if (detail)
		pl_buf_printf(&want, ": %s", detail);
	assert_string_equal(hs_get(r, PL_REJ_MESSAGE), pl_buf_str(&want));
	pl_buf_free(&want);
}

struct fx {
	struct hs_data *d;
	struct hs_cap cap;
	struct pl_stage st;
	struct pl_group g;
};

/* The master list and methodology, loaded once for the whole group. */
static struct hs_data *shared_data;

/* YEAR_UNKNOWN's message: the code's, then ": " and the years that have a
 * methodology folder (2023 at least), each once, ascending. */
static void expect_years_message(const struct hs_rec *r, enum pl_lang lang)
{
	const char *msg = hs_get(r, PL_REJ_MESSAGE);
	const char *base = pl_reject_message(PL_REJ_YEAR_UNKNOWN, lang);
	assert_int_equal(strncmp(msg, base, strlen(base)), 0);
	const char *years = msg + strlen(base);
	assert_int_equal(strncmp(years, ": ", 2), 0);
	assert_non_null(strstr(years, "2023"));
	const struct pl_methods *ms = &shared_data->methods;
	const char *prev = years;
	for (int y = 1000; y <= 9999; y++) {
		if (!pl_methods_find(ms, y))
			continue;
		char buf[16];
		snprintf(buf, sizeof buf, "%d", y);
		const char *at = strstr(years, buf);
		if (!at || at < prev)
			fail_msg("year %d missing or out of order in '%s'", y, msg);
		prev = at;
	}
	assert_null(strstr(years, "2019"));
}

static int group_setup(void **state)
{
	(void)state;
	shared_data = hs_data_load("master/regions.csv", "methodology");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hs_data_free(shared_data);
	shared_data = NULL;
	return 0;
}

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	f->d = shared_data;
	f->d->ctx.lang = PL_LANG_ID;
	f->st = validate_new(&f->d->ctx, hs_sink(&f->cap));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	f->st.destroy(f->st.self);
	hs_cap_clear(&f->cap);
	pl_group_free(&f->g);
	f->d->ctx.lang = PL_LANG_ID;
	free(f);
	return 0;
}

/* A valid innovation of Kota Bima in dir/a.csv line 5. */
static void valid_inn(struct pl_group *g)
{
	hs_inn(g, "dir/a.csv", "5", "52.72", "INOV-01", "2023-07-10 08:30:00");
	hs_set(g, PL_SUB_NAMA, "Sistem Antrean Puskesmas");
	hs_set(g, PL_SUB_OPD, "Dinas Kesehatan");
	hs_ans(g, "16", "3", "perda.pdf", "");
	hs_ans(g, "17", "2", "", NULL);
	hs_ans(g, "35", "", "", "1");
}

/* A valid SPD record of Kota Bima in dir/spd.csv line 3. */
static void valid_spd(struct pl_group *g)
{
	hs_sub(g, "dir/spd.csv", "3", "spd", "2023", "52.72", "2023-07-11");
	hs_ans(g, "1", "3", "rpjmd.pdf", "");
	hs_ans(g, "2a", "0", "", "2");
	hs_ans(g, "15", "", NULL, NULL);
}

/* Checks that the one record put was rejected with exactly one reject of
 * this code naming field and value, and that it did not go on. */
static const struct hs_rec *expect_one_reject(struct fx *f, const char *file, const char *line,
					      const char *code, const char *field,
					      const char *value)
{
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 1);
	const struct hs_rec *r = hs_nth(&f->cap, PL_KIND_REJ, 0);
	assert_string_equal(hs_get(r, PL_REJ_CODE), code);
	assert_string_equal(hs_get(r, PL_REJ_FILE), file);
	assert_string_equal(hs_get(r, PL_REJ_LINE), line);
	assert_string_equal(hs_get(r, PL_REJ_FIELD), field);
	assert_string_equal(hs_get(r, PL_REJ_VALUE), value);
	assert_string_equal(hs_get(r, PL_REJ_STAGE), "validate");
	/* the message is the code's, in the run's language */
	int c = pl_reject_from_name(code);
	assert_true(c >= 0);
	const char *msg = pl_reject_message((enum pl_reject_code)c, f->d->ctx.lang);
	assert_true(strlen(msg) > 0);
	assert_int_equal(strncmp(hs_get(r, PL_REJ_MESSAGE), msg, strlen(msg)), 0);
	return r;
}

/* Snapshot of a group's head and answers, to compare with what came out. */
static void expect_passed_unchanged(struct fx *f, const struct hs_rec *before)
{
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 0);
	assert_int_equal(f->cap.n, 1);
	const struct hs_rec *r = &f->cap.v[0];
	assert_int_equal(r->kind, PL_KIND_SUB);
	for (size_t i = 0; i < PL_SUB_NF; i++) {
		if (!before->f[i]) {
			assert_null(r->f[i]);
			continue;
		}
		assert_non_null(r->f[i]);
		assert_string_equal(r->f[i], before->f[i]);
	}
	assert_int_equal(r->nraw, before->nraw);
	for (size_t a = 0; a < r->nraw; a++)
		for (size_t i = 0; i < PL_RAW_NF; i++)
			assert_string_equal(r->raw[a][i], before->raw[a][i]);
	assert_int_equal(r->nans, before->nans);
	for (size_t a = 0; a < r->nans; a++)
		for (size_t i = 0; i < PL_ANS_NF; i++) {
			if (!before->ans[a][i])
				assert_null(r->ans[a][i]);
			else
				assert_string_equal(r->ans[a][i], before->ans[a][i]);
		}
}

/* Puts g after copying it (through a second capture) for comparison. */
static void put_and_expect_unchanged(struct fx *f)
{
	struct hs_cap snap = {0};
	hs_cap_put(&snap, &f->g);
	hs_put(&f->st, &f->g);
	expect_passed_unchanged(f, &snap.v[0]);
	hs_cap_clear(&snap);
}

static void test_valid_innovation_passes_unchanged(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	put_and_expect_unchanged(f);
	/* status menunggu, empty status, and empty optional dates are valid */
	static const char *const statuses[] = {"menunggu", "ditolak", "", NULL};
	for (size_t i = 0; i < 4; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		hs_set(&f->g, PL_SUB_STATUS, statuses[i]);
		hs_set(&f->g, PL_SUB_TGL_UJI, "");
		hs_set(&f->g, PL_SUB_TGL_TERAP, NULL);
		put_and_expect_unchanged(f);
	}
	/* 29 February of a leap year, and the time forms of tanggal_kirim */
	static const char *const kirim[] = {"2024-02-29", "2023-07-10T08:30",
					    "2023-07-10 23:59:59", "2023-07-10T00:00:00"};
	for (size_t i = 0; i < 4; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		hs_set(&f->g, PL_SUB_TGL_KIRIM, kirim[i]);
		hs_set(&f->g, PL_SUB_TGL_UJI, "2020-01-02");
		hs_set(&f->g, PL_SUB_TGL_TERAP, "2020-02-29");
		put_and_expect_unchanged(f);
	}
}

static void test_raw_values_pass_and_are_quoted(void **state)
{
	struct fx *f = *state;
	/* as normalize sends it: canonical values, the written ones beside */
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_KODE, "52.72");
	pl_group_keep_raw(&f->g, PL_SUB_KODE, "5272");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2021-06-14");
	pl_group_keep_raw(&f->g, PL_SUB_TGL_TERAP, "14/06/2021");
	put_and_expect_unchanged(f);
	/* a reject quotes the value as written, not the canonical one */
	static const struct {
		size_t field;
		const char *canonical, *written, *code;
	} c[] = {
		{PL_SUB_KODE, "52.73", "5273", "REGION_UNKNOWN"},
		{PL_SUB_TAHUN, "2023.5", "2023,5", "YEAR_MALFORMED"},
		{PL_SUB_TGL_TERAP, "2021-02-30", "30/02/2021", "DATE_MALFORMED"},
		{PL_SUB_STATUS, "entah", "Entah", "STATUS_UNKNOWN"},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		hs_set(&f->g, c[i].field, c[i].canonical);
		pl_group_keep_raw(&f->g, c[i].field, c[i].written);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/a.csv", "5", c[i].code,
				  pl_schema_of(PL_KIND_SUB)->names[c[i].field], c[i].written);
	}
}

static void test_date_order(void **state)
{
	struct fx *f = *state;
	/* tried after it was implemented */
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TGL_UJI, "2022-05-01");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2022-01-10");
	hs_put(&f->st, &f->g);
	const struct hs_rec *r = expect_one_reject(f, "dir/a.csv", "5", "DATE_ORDER",
						   "tanggal_uji_coba", "2022-05-01");
	expect_message(r, PL_REJ_DATE_ORDER, PL_LANG_ID, "2022-05-01 > 2022-01-10");
	/* the same day is in order; so is a missing trial date */
	static const char *const uji[] = {"2022-01-10", "", NULL};
	for (size_t i = 0; i < 3; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		hs_set(&f->g, PL_SUB_TGL_UJI, uji[i]);
		hs_set(&f->g, PL_SUB_TGL_TERAP, "2022-01-10");
		hs_put(&f->st, &f->g);
		assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
		assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 1);
	}
}

static void test_date_after_submission(void **state)
{
	struct fx *f = *state;
	/* applied after the record was sent (2023-07-10 08:30) */
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2023-09-01");
	hs_put(&f->st, &f->g);
	const struct hs_rec *r = expect_one_reject(f, "dir/a.csv", "5", "DATE_AFTER_SUBMISSION",
						   "tanggal_penerapan", "2023-09-01");
	expect_message(r, PL_REJ_DATE_AFTER_SUBMISSION, PL_LANG_ID,
		       "2023-09-01 > 2023-07-10 08:30:00");
	/* both dates after it, and out of order: three rejects */
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TGL_UJI, "2023-08-02");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2023-08-01");
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 3);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, "DATE_AFTER_SUBMISSION"), 2);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, "DATE_ORDER"), 1);
	/* on the day it was sent is not after it */
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TGL_UJI, "2023-07-10");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2023-07-10");
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 1);
}

static void test_accounting(void **state)
{
	struct fx *f = *state;
	/* dir/a.csv: a valid innovation, a rejected one with two problems;
	 * dir/spd.csv: a valid SPD record */
	valid_inn(&f->g);
	hs_put(&f->st, &f->g);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_LINE, "6");
	hs_set(&f->g, PL_SUB_TAHUN, "");
	hs_set(&f->g, PL_SUB_NAMA, "");
	hs_put(&f->st, &f->g);
	valid_spd(&f->g);
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_ACCT), 0); /* only at the end */
	assert_int_equal(f->st.finish(f->st.self), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_ACCT), 2);
	const struct hs_rec *a = hs_find(&f->cap, PL_KIND_ACCT, PL_ACCT_FILE, "dir/a.csv");
	assert_non_null(a);
	assert_string_equal(hs_get(a, PL_ACCT_STAGE), "validate");
	/* in 2 = out 1 + rejected 1 (one record, two rejects) */
	assert_string_equal(hs_get(a, PL_ACCT_IN), "2");
	assert_string_equal(hs_get(a, PL_ACCT_OUT), "1");
	assert_string_equal(hs_get(a, PL_ACCT_REJECTED), "1");
	assert_string_equal(hs_get(a, PL_ACCT_SUPERSEDED), "0");
	a = hs_find(&f->cap, PL_KIND_ACCT, PL_ACCT_FILE, "dir/spd.csv");
	assert_non_null(a);
	assert_string_equal(hs_get(a, PL_ACCT_IN), "1");
	assert_string_equal(hs_get(a, PL_ACCT_OUT), "1");
	assert_string_equal(hs_get(a, PL_ACCT_REJECTED), "0");
}

static void test_valid_spd_passes_unchanged(void **state)
{
	struct fx *f = *state;
	valid_spd(&f->g);
	/* an SPD record needs no id, name, status or other dates */
	put_and_expect_unchanged(f);
	/* a province may report too */
	hs_cap_clear(&f->cap);
	hs_sub(&f->g, "dir/spd.csv", "4", "spd", "2023", "52", "2023-07-11");
	hs_ans(&f->g, "12", "1", "sk.pdf", NULL);
	put_and_expect_unchanged(f);
}

static void test_year_missing(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TAHUN, "");
	hs_put(&f->st, &f->g);
	const struct hs_rec *r =
		expect_one_reject(f, "dir/a.csv", "5", "YEAR_MISSING", "tahun", "");
	/* the context columns repeat what the record said */
	assert_string_equal(hs_get(r, PL_REJ_REC_KIND), "inovasi");
	assert_string_equal(hs_get(r, PL_REJ_TAHUN), "");
	assert_string_equal(hs_get(r, PL_REJ_KODE), "52.72");
	assert_string_equal(hs_get(r, PL_REJ_ID), "INOV-01");
	assert_string_equal(hs_get(r, PL_REJ_NAMA), "Sistem Antrean Puskesmas");
	assert_string_equal(hs_get(r, PL_REJ_OPD), "Dinas Kesehatan");
	expect_message(r, PL_REJ_YEAR_MISSING, PL_LANG_ID, NULL);
	/* a missing column is the same as an empty one */
	hs_cap_clear(&f->cap);
	valid_spd(&f->g);
	hs_set(&f->g, PL_SUB_TAHUN, NULL);
	hs_put(&f->st, &f->g);
	r = expect_one_reject(f, "dir/spd.csv", "3", "YEAR_MISSING", "tahun", "");
	assert_string_equal(hs_get(r, PL_REJ_REC_KIND), "spd");
}

static void test_year_malformed(void **state)
{
	struct fx *f = *state;
	static const char *const years[] = {"20x3", "23", "2023.5", "99999", "-2023", "2023 ",
					    "dua ribu"};
	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		hs_set(&f->g, PL_SUB_TAHUN, years[i]);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/a.csv", "5", "YEAR_MALFORMED", "tahun", years[i]);
	}
}

static void test_year_unknown(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TAHUN, "2019");
	hs_put(&f->st, &f->g);
	const struct hs_rec *r =
		expect_one_reject(f, "dir/a.csv", "5", "YEAR_UNKNOWN", "tahun", "2019");
	expect_years_message(r, PL_LANG_ID);
	/* no row is unknown when the year is: no ROW_UNKNOWN warning */
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 0);
}

static void test_region_missing(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_KODE, "");
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/a.csv", "5", "REGION_MISSING", "kode_wilayah", "");
	hs_cap_clear(&f->cap);
	valid_spd(&f->g);
	hs_set(&f->g, PL_SUB_KODE, NULL);
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/spd.csv", "3", "REGION_MISSING", "kode_wilayah", "");
}

static void test_region_unknown(void **state)
{
	struct fx *f = *state;
	/* 52.73 and 99 do not exist; 52.7 and 5272 are not canonical (normalize
	 * would have made 5272 canonical: validate is strict). */
	static const char *const codes[] = {"52.73", "99", "52.7", "5272", "52.72.1", "ABC"};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		hs_cap_clear(&f->cap);
		valid_spd(&f->g);
		hs_set(&f->g, PL_SUB_KODE, codes[i]);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/spd.csv", "3", "REGION_UNKNOWN", "kode_wilayah",
				  codes[i]);
	}
}

static void test_id_missing(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_ID, "");
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/a.csv", "5", "ID_MISSING", "id_inovasi", "");
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_ID, NULL);
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/a.csv", "5", "ID_MISSING", "id_inovasi", "");
}

static void test_name_missing(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_NAMA, "");
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/a.csv", "5", "NAME_MISSING", "nama_inovasi", "");
}

static void test_date_missing(void **state)
{
	struct fx *f = *state;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TGL_KIRIM, "");
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/a.csv", "5", "DATE_MISSING", "tanggal_kirim", "");
	hs_cap_clear(&f->cap);
	valid_spd(&f->g);
	hs_set(&f->g, PL_SUB_TGL_KIRIM, NULL);
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/spd.csv", "3", "DATE_MISSING", "tanggal_kirim", "");
}

static void test_date_malformed(void **state)
{
	struct fx *f = *state;
	static const char *const dates[] = {
		"2022-13-45",       /* month 13, day 45 */
		"2023-02-29",       /* 2023 is not a leap year */
		"2023-02-31",       /* 31 February */
		"2023-04-31",       /* April has 30 days */
		"2100-02-29",       /* a century that is not a leap year */
		"2023-00-10",       /* month 0 */
		"2023-07-00",       /* day 0 */
		"31 Februari 2023", /* written out */
		"10/07/2023",       /* not ISO */
		"2023-7-10",        /* one-digit month */
		"2023-07-10x",      /* trailing text */
	};
	static const size_t fields[] = {PL_SUB_TGL_UJI, PL_SUB_TGL_TERAP, PL_SUB_TGL_KIRIM};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
			hs_cap_clear(&f->cap);
			valid_inn(&f->g);
			hs_set(&f->g, fields[k], dates[i]);
			hs_put(&f->st, &f->g);
			expect_one_reject(f, "dir/a.csv", "5", "DATE_MALFORMED",
					  pl_schema_of(PL_KIND_SUB)->names[fields[k]], dates[i]);
		}
	/* times only where a time is allowed, and only valid ones */
	static const char *const kirim[] = {"2023-07-10 24:00", "2023-07-10T08:60",
					    "2023-07-10T08:30:60", "2023-07-10 8:30",
					    "2023-07-10T08"};
	for (size_t i = 0; i < sizeof kirim / sizeof kirim[0]; i++) {
		hs_cap_clear(&f->cap);
		valid_spd(&f->g);
		hs_set(&f->g, PL_SUB_TGL_KIRIM, kirim[i]);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/spd.csv", "3", "DATE_MALFORMED", "tanggal_kirim",
				  kirim[i]);
	}
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2021-06-14 08:00");
	hs_put(&f->st, &f->g);
	expect_one_reject(f, "dir/a.csv", "5", "DATE_MALFORMED", "tanggal_penerapan",
			  "2021-06-14 08:00");
}

static void test_level_range(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {"4", "-1", "2.5", "x", "10", "+1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* claimed level, on an innovation (row 17 of valid_inn) */
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		pl_set(&f->g, &f->g.ans[1], PL_ANS_LEVEL, bad[i]);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/a.csv", "5", "LEVEL_RANGE", "ind_17", bad[i]);
		/* verified level, on an SPD record (row 2a of valid_spd) */
		hs_cap_clear(&f->cap);
		valid_spd(&f->g);
		pl_set(&f->g, &f->g.ans[1], PL_ANS_VERIF, bad[i]);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/spd.csv", "3", "LEVEL_RANGE", "verif_2a", bad[i]);
	}
	/* every level 0-3 and blank is valid, in both columns */
	static const char *const good[] = {"0", "1", "2", "3", "", " "};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		pl_set(&f->g, &f->g.ans[0], PL_ANS_LEVEL, good[i]);
		pl_set(&f->g, &f->g.ans[0], PL_ANS_VERIF, good[i]);
		hs_put(&f->st, &f->g);
		assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
		assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 1);
	}
}

static void test_status_unknown(void **state)
{
	struct fx *f = *state;
	static const char *const bad[] = {"disetujui", "Diterima", "diterima ", "x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		hs_cap_clear(&f->cap);
		valid_inn(&f->g);
		hs_set(&f->g, PL_SUB_STATUS, bad[i]);
		hs_put(&f->st, &f->g);
		expect_one_reject(f, "dir/a.csv", "5", "STATUS_UNKNOWN", "status_verifikasi",
				  bad[i]);
	}
}

static void test_several_problems_one_reject_each(void **state)
{
	struct fx *f = *state;
	hs_inn(&f->g, "dir/b.csv", "9", "", "", "31 Februari 2023");
	hs_set(&f->g, PL_SUB_TAHUN, "20x3");
	hs_set(&f->g, PL_SUB_NAMA, " ");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2022-13-45");
	hs_set(&f->g, PL_SUB_STATUS, "disetujui");
	hs_ans(&f->g, "16", "4", "a.pdf", "x");
	hs_ans(&f->g, "17", "-1", "", "");
	hs_put(&f->st, &f->g);
	/* YEAR_MALFORMED, REGION_MISSING, ID_MISSING, NAME_MISSING,
	 * DATE_MALFORMED x2 (penerapan, kirim), STATUS_UNKNOWN, LEVEL_RANGE x3
	 * (ind_16, verif_16, ind_17) = 10 rejects, all about dir/b.csv:9 */
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 10);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_LINE, "9"), 10);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_FILE, "dir/b.csv"), 10);
	static const char *const one_each[] = {"YEAR_MALFORMED", "REGION_MISSING", "ID_MISSING",
					       "NAME_MISSING", "STATUS_UNKNOWN"};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, one_each[i]), 1);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, "DATE_MALFORMED"), 2);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REJ, PL_REJ_CODE, "LEVEL_RANGE"), 3);
	assert_non_null(hs_find2(&f->cap, PL_KIND_REJ, PL_REJ_FIELD, "tanggal_penerapan",
				 PL_REJ_VALUE, "2022-13-45"));
	assert_non_null(hs_find2(&f->cap, PL_KIND_REJ, PL_REJ_FIELD, "tanggal_kirim",
				 PL_REJ_VALUE, "31 Februari 2023"));
	assert_non_null(hs_find2(&f->cap, PL_KIND_REJ, PL_REJ_FIELD, "ind_16", PL_REJ_VALUE, "4"));
	assert_non_null(hs_find2(&f->cap, PL_KIND_REJ, PL_REJ_FIELD, "verif_16", PL_REJ_VALUE, "x"));
	assert_non_null(hs_find2(&f->cap, PL_KIND_REJ, PL_REJ_FIELD, "ind_17", PL_REJ_VALUE, "-1"));
	/* the next record is judged on its own */
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 1);
}

/* The answers of a passed record, as "row=level" joined by spaces. */
static void answers_of(const struct hs_rec *r, struct pl_buf *out)
{
	pl_buf_reset(out);
	for (size_t a = 0; a < r->nans; a++)
		pl_buf_printf(out, "%s%s=%s", a ? " " : "", r->ans[a][PL_ANS_ROW],
			      r->ans[a][PL_ANS_LEVEL] ? r->ans[a][PL_ANS_LEVEL] : "");
	if (!r->nans)
		pl_buf_adds(out, "");
}

static void test_row_unknown(void **state)
{
	struct fx *f = *state;
	struct pl_buf got = {0};
	/* innovation: row 99 is in no methodology, row 1 is an SPD row */
	valid_inn(&f->g); /* rows 16, 17, 35 */
	hs_ans(&f->g, "99", "3", "x.pdf", "");
	hs_ans(&f->g, "1", "9", "", ""); /* dropped, so its level is not judged */
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 2);
	const struct hs_rec *w = hs_find(&f->cap, PL_KIND_WARN, PL_REJ_VALUE, "99");
	assert_non_null(w);
	assert_string_equal(hs_get(w, PL_REJ_CODE), "ROW_UNKNOWN");
	assert_string_equal(hs_get(w, PL_REJ_FILE), "dir/a.csv");
	assert_string_equal(hs_get(w, PL_REJ_LINE), "5");
	assert_string_equal(hs_get(w, PL_REJ_FIELD), "ind_99");
	assert_string_equal(hs_get(w, PL_REJ_STAGE), "validate");
	expect_message(w, PL_REJ_ROW_UNKNOWN, PL_LANG_ID, NULL);
	w = hs_find(&f->cap, PL_KIND_WARN, PL_REJ_VALUE, "1");
	assert_non_null(w);
	assert_string_equal(hs_get(w, PL_REJ_CODE), "ROW_UNKNOWN");
	assert_string_equal(hs_get(w, PL_REJ_FIELD), "ind_1");
	/* the record went on without those answers, the others in order */
	const struct hs_rec *s = hs_nth(&f->cap, PL_KIND_SUB, 0);
	assert_non_null(s);
	answers_of(s, &got);
	assert_string_equal(pl_buf_str(&got), "16=3 17=2 35=");

	/* the same rows in the same file again: no new warning */
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_LINE, "6");
	hs_set(&f->g, PL_SUB_ID, "INOV-02");
	hs_ans(&f->g, "99", "1", "", "");
	hs_ans(&f->g, "1", "1", "", "");
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 1);
	answers_of(hs_nth(&f->cap, PL_KIND_SUB, 0), &got);
	assert_string_equal(pl_buf_str(&got), "16=3 17=2 35=");

	/* another file: warned again, once */
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_FILE, "dir/c.csv");
	hs_ans(&f->g, "99", "1", "", "");
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 1);
	assert_non_null(hs_find_code(&f->cap, PL_KIND_WARN, "ROW_UNKNOWN", "dir/c.csv", "5"));
	assert_int_equal(hs_count(&f->cap, PL_KIND_SUB), 1);

	/* an SPD record with an innovation row: warned, dropped, record goes on */
	hs_cap_clear(&f->cap);
	valid_spd(&f->g); /* rows 1, 2a, 15 */
	hs_ans(&f->g, "16", "3", "", "");
	hs_put(&f->st, &f->g);
	assert_int_equal(hs_count(&f->cap, PL_KIND_WARN), 1);
	w = hs_find_code(&f->cap, PL_KIND_WARN, "ROW_UNKNOWN", "dir/spd.csv", "3");
	assert_non_null(w);
	assert_string_equal(hs_get(w, PL_REJ_FIELD), "ind_16");
	assert_string_equal(hs_get(w, PL_REJ_VALUE), "16");
	answers_of(hs_nth(&f->cap, PL_KIND_SUB, 0), &got);
	assert_string_equal(pl_buf_str(&got), "1=3 2a=0 15=");
	pl_buf_free(&got);
}

static void test_lang_en(void **state)
{
	struct fx *f = *state;
	f->d->ctx.lang = PL_LANG_EN;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TAHUN, "2019");
	hs_put(&f->st, &f->g);
	const struct hs_rec *r =
		expect_one_reject(f, "dir/a.csv", "5", "YEAR_UNKNOWN", "tahun", "2019");
	expect_years_message(r, PL_LANG_EN);
	/* English, not the Indonesian text */
	assert_string_not_equal(pl_reject_message(PL_REJ_YEAR_UNKNOWN, PL_LANG_EN),
				pl_reject_message(PL_REJ_YEAR_UNKNOWN, PL_LANG_ID));
	assert_non_null(strstr(hs_get(r, PL_REJ_MESSAGE), "methodology"));
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	pl_set(&f->g, &f->g.ans[0], PL_ANS_LEVEL, "4");
	hs_put(&f->st, &f->g);
	r = expect_one_reject(f, "dir/a.csv", "5", "LEVEL_RANGE", "ind_16", "4");
	expect_message(r, PL_REJ_LEVEL_RANGE, PL_LANG_EN, NULL);
	hs_cap_clear(&f->cap);
	valid_inn(&f->g);
	hs_ans(&f->g, "99", "1", "", "");
	hs_put(&f->st, &f->g);
	r = hs_find_code(&f->cap, PL_KIND_WARN, "ROW_UNKNOWN", "dir/a.csv", "5");
	assert_non_null(r);
	expect_message(r, PL_REJ_ROW_UNKNOWN, PL_LANG_EN, NULL);
}

static void test_other_kinds_pass(void **state)
{
	struct fx *f = *state;
	static const enum pl_kind kinds[] = {PL_KIND_SRC, PL_KIND_REJ, PL_KIND_WARN,
					     PL_KIND_ACCT, PL_KIND_INN, PL_KIND_SPD, PL_KIND_REG};
	for (size_t k = 0; k < 7; k++) {
		pl_group_start(&f->g, kinds[k]);
		/* values that would be rejected in a submission */
		for (size_t i = 0; i < pl_schema_of(kinds[k])->nf; i++)
			pl_set(&f->g, &f->g.head, i, "9999");
		hs_put(&f->st, &f->g);
	}
	assert_int_equal(f->cap.n, 7);
	for (size_t k = 0; k < 7; k++) {
		assert_int_equal(f->cap.v[k].kind, kinds[k]);
		assert_string_equal(hs_get(&f->cap.v[k], 0), "9999");
	}
}

static void test_sink_failure(void **state)
{
	struct fx *f = *state;
	f->cap.fail = 1;
	valid_inn(&f->g);
	hs_set(&f->g, PL_SUB_TAHUN, ""); /* the reject cannot be sent */
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
	assert_int_equal(f->st.finish(f->st.self), -1);
}

static void test_sink_failure_on_pass(void **state)
{
	struct fx *f = *state;
	f->cap.fail = 1;
	valid_inn(&f->g);
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid_innovation_passes_unchanged, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_valid_spd_passes_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_values_pass_and_are_quoted, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_date_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_after_submission, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accounting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_several_problems_one_reject_each, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_row_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lang_en, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_kinds_pass, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sink_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sink_failure_on_pass, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
