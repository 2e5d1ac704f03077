/*
 * test_emit.c: unit tests of the emit stage (stages/emit.h), driven
 * in-process with records built directly, publishing into a temp folder.
 *
 * Covers: the accounting when it balances (an innovation file claiming 2
 * records, one scored and one rejected with two problems; an SPD file with
 * one used and one superseded record; a warning that counts against
 * nothing): finish returns 0 and the run folder holds every file, with the
 * regions.csv header columns in order, the reject rows in rejects.csv, the
 * invalid innovation in innovations.csv and the per-file counts in
 * files.csv, and no staging folder is left; when it does not balance
 * (records lost after the last stage, more records than the file had, a
 * record of a file no src record announced, a stage that received less
 * than the one before sent on, a stage whose counts do not add up, a stage
 * that counts a reject it never listed) finish returns -1, exit code 70,
 * the error names the file (and the stage) and nothing is published; an
 * existing output
 * folder gives 73 and is left alone; a submission reaching emit is 70;
 * formula neutralization: text fields starting with = + - @ are written
 * with a leading apostrophe in rejects.csv and innovations.csv and
 * regions.csv text columns, numeric columns never are; ties in the
 * summary's top list follow the contract's listing order (SID, then SPD);
 * the summary's per-region section lists each region's own explanation and
 * suggestion rows, in arrival order, whether they arrive sorted by year and
 * region (as from score) or not; innovations.csv in year, region, id,
 * file and line order, whether its rows arrive in it (as from score) with
 * a few or more invalid rows to add, or in another order.
 */
#include <dirent.h>

#include "stage_harness.h"

#include "emit.h"
#include "pl_exit.h"

struct fx {
	struct pl_ctx ctx;
	struct pl_group g;
	char *tmp;  /* the parent folder */
	char *text; /* a file read by a test, freed in teardown */
	char *out;  /* tmp/run, the run folder emit must create */
	struct pl_stage st;
	int have_st;
};

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	f->tmp = hs_tmpdir();
	struct pl_buf b = {0};
	pl_buf_printf(&b, "%s/run", f->tmp);
	f->out = b.p;
	struct emit_opts o = {f->out};
	f->st = emit_new(&f->ctx, &o);
	f->have_st = 1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->have_st)
		f->st.destroy(f->st.self);
	pl_group_free(&f->g);
	pl_buf_free(&f->ctx.err);
	hs_rmrf(f->tmp);
	free(f->tmp);
	free(f->text);
	free(f->out);
	free(f);
	return 0;
}

static void put(struct fx *f)
{
	hs_put(&f->st, &f->g);
}

static void src(struct fx *f, const char *file, const char *kind, const char *records)
{
	pl_group_start(&f->g, PL_KIND_SRC);
	hs_set(&f->g, PL_SRC_FILE, file);
	hs_set(&f->g, PL_SRC_SHAPE, "csv");
	hs_set(&f->g, PL_SRC_KIND, kind);
	hs_set(&f->g, PL_SRC_RECORDS, records);
	hs_set(&f->g, PL_SRC_STATUS, "ok");
	hs_set(&f->g, PL_SRC_CODE, "");
	hs_set(&f->g, PL_SRC_MESSAGE, "");
	put(f);
}

static void inn(struct fx *f, const char *file, const char *line, const char *id,
		const char *nama, const char *disposition, const char *points)
{
	pl_group_start(&f->g, PL_KIND_INN);
	for (size_t i = 0; i < PL_INN_NF; i++)
		hs_set(&f->g, i, "");
	hs_set(&f->g, PL_INN_FILE, file);
	hs_set(&f->g, PL_INN_LINE, line);
	hs_set(&f->g, PL_INN_YEAR, "2023");
	hs_set(&f->g, PL_INN_REGION, "52.72");
	hs_set(&f->g, PL_INN_ID, id);
	hs_set(&f->g, PL_INN_NAMA, nama);
	hs_set(&f->g, PL_INN_DISPOSITION, disposition);
	hs_set(&f->g, PL_INN_REASON, disposition);
	hs_set(&f->g, PL_INN_CLAIMED, points);
	hs_set(&f->g, PL_INN_SCORED, points);
	hs_set(&f->g, PL_INN_COUNTED, points);
	hs_set(&f->g, PL_INN_UNEVIDENCED, "0");
	put(f);
}

static void spd(struct fx *f, const char *file, const char *line, const char *disposition)
{
	pl_group_start(&f->g, PL_KIND_SPD);
	hs_set(&f->g, PL_SPD_FILE, file);
	hs_set(&f->g, PL_SPD_LINE, line);
	hs_set(&f->g, PL_SPD_YEAR, "2023");
	hs_set(&f->g, PL_SPD_REGION, "52.72");
	hs_set(&f->g, PL_SPD_TGL_KIRIM, "2023-07-10");
	hs_set(&f->g, PL_SPD_DISPOSITION, disposition);
	hs_set(&f->g, PL_SPD_REASON, "");
	hs_set(&f->g, PL_SPD_CLAIMED, "21.00");
	hs_set(&f->g, PL_SPD_SCORED, "21.00");
	put(f);
}

/* A reject (or warning) about file:line of record id, named nama (NULL
 * for none), from the stage that found it. */
static void rej_of(struct fx *f, enum pl_kind kind, const char *stage, const char *file,
		   const char *line, const char *field, const char *value, const char *code,
		   const char *rec_kind, const char *id, const char *nama)
{
	pl_group_start(&f->g, kind);
	hs_set(&f->g, PL_REJ_FILE, file);
	hs_set(&f->g, PL_REJ_LINE, line);
	hs_set(&f->g, PL_REJ_FIELD, field);
	hs_set(&f->g, PL_REJ_VALUE, value);
	hs_set(&f->g, PL_REJ_CODE, code);
	hs_set(&f->g, PL_REJ_MESSAGE, "pesan uji");
	hs_set(&f->g, PL_REJ_STAGE, stage);
	hs_set(&f->g, PL_REJ_REC_KIND, rec_kind);
	hs_set(&f->g, PL_REJ_TAHUN, "2023");
	hs_set(&f->g, PL_REJ_KODE, "52.72");
	hs_set(&f->g, PL_REJ_ID, id);
	hs_set(&f->g, PL_REJ_NAMA, nama);
	hs_set(&f->g, PL_REJ_OPD, "");
	put(f);
}

/* The same about innovation INOV-2 ("Layanan Dua"), or an SPD record. */
static void rej_by(struct fx *f, enum pl_kind kind, const char *stage, const char *file,
		   const char *line, const char *field, const char *value, const char *code,
		   const char *rec_kind)
{
	int inn = strcmp(rec_kind, "inovasi") == 0;
	rej_of(f, kind, stage, file, line, field, value, code, rec_kind, inn ? "INOV-2" : NULL,
	       inn ? "Layanan Dua" : NULL);
}

/* A reject or warning made by validate. */
static void rej(struct fx *f, enum pl_kind kind, const char *file, const char *line,
		const char *field, const char *value, const char *code, const char *rec_kind)
{
	rej_by(f, kind, "validate", file, line, field, value, code, rec_kind);
}

/* A stage's counts for one file: received, sent on, rejected, superseded. */
static void counts(struct fx *f, const char *stage, const char *file, const char *in,
		   const char *out, const char *rejected, const char *superseded)
{
	pl_group_start(&f->g, PL_KIND_ACCT);
	hs_set(&f->g, PL_ACCT_STAGE, stage);
	hs_set(&f->g, PL_ACCT_FILE, file);
	hs_set(&f->g, PL_ACCT_IN, in);
	hs_set(&f->g, PL_ACCT_OUT, out);
	hs_set(&f->g, PL_ACCT_REJECTED, rejected);
	hs_set(&f->g, PL_ACCT_SUPERSEDED, superseded);
	put(f);
}

/* The counts of a file whose n records all went through every stage. */
static void acct_all_used(struct fx *f, const char *file, const char *n)
{
	counts(f, "normalize", file, n, n, "0", "0");
	counts(f, "validate", file, n, n, "0", "0");
	counts(f, "score", file, n, n, "0", "0");
}

static void reg(struct fx *f, const char *code, const char *name, const char *level,
		const char *iid, const char *sid_num, const char *spd_points, const char *rank)
{
	pl_group_start(&f->g, PL_KIND_REG);
	hs_set(&f->g, PL_REG_YEAR, "2023");
	hs_set(&f->g, PL_REG_CODE, code);
	hs_set(&f->g, PL_REG_NAME, name);
	hs_set(&f->g, PL_REG_LEVEL, level);
	hs_set(&f->g, PL_REG_PROVINCE, "52");
	hs_set(&f->g, PL_REG_SPD, spd_points);
	hs_set(&f->g, PL_REG_SID, "0.68");
	hs_set(&f->g, PL_REG_SID_NUM, sid_num);
	hs_set(&f->g, PL_REG_SID_DEN, "10");
	hs_set(&f->g, PL_REG_JUMLAH, "0.38");
	hs_set(&f->g, PL_REG_DIVISOR, "10");
	hs_set(&f->g, PL_REG_N_DIV, "1");
	hs_set(&f->g, PL_REG_N_COUNT, "1");
	hs_set(&f->g, PL_REG_N_DITOLAK, "0");
	hs_set(&f->g, PL_REG_N_EXCLUDED, "0");
	hs_set(&f->g, PL_REG_AVG, "3.00");
	hs_set(&f->g, PL_REG_AVG_PCT, "2.70");
	hs_set(&f->g, PL_REG_IID, iid);
	hs_set(&f->g, PL_REG_PREDICATE, "Kurang Inovatif");
	hs_set(&f->g, PL_REG_RANK_NATIONAL, rank);
	hs_set(&f->g, PL_REG_RANK_PROVINCE, rank);
	put(f);
}

/* ------------------------------------------------------ reading the CSV */

struct csv {
	char ***rows;
	size_t *nf;
	size_t n;
};

/* RFC 4180: quoted fields with "" for a quote; rows end with LF. */
static void csv_load(struct csv *c, const char *dir, const char *name)
{
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/%s", dir, name);
	char *text = hs_read(path.p);
	pl_buf_free(&path);
	memset(c, 0, sizeof *c);
	struct pl_buf field = {0};
	char **row = NULL;
	size_t nf = 0;
	int quoted = 0;
	for (const char *p = text; *p; p++) {
		if (quoted) {
			if (*p == '"' && p[1] == '"')
				pl_buf_addc(&field, '"'), p++;
			else if (*p == '"')
				quoted = 0;
			else
				pl_buf_addc(&field, *p);
			continue;
		}
		if (*p == '"') {
			quoted = 1;
		} else if (*p == ',' || *p == '\n') {
			row = pl_xrealloc(row, (nf + 1) * sizeof *row);
			row[nf++] = pl_xstrdup(pl_buf_str(&field));
			pl_buf_reset(&field);
			if (*p == '\n') {
				c->rows = pl_xrealloc(c->rows, (c->n + 1) * sizeof *c->rows);
				c->nf = pl_xrealloc(c->nf, (c->n + 1) * sizeof *c->nf);
				c->rows[c->n] = row;
				c->nf[c->n++] = nf;
				row = NULL;
				nf = 0;
			}
		} else {
			pl_buf_addc(&field, *p);
		}
	}
	/* every file ends with LF: nothing may be left over */
	assert_int_equal(nf, 0);
	assert_int_equal(field.len, 0);
	free(row);
	pl_buf_free(&field);
	free(text);
}

static void csv_free(struct csv *c)
{
	for (size_t r = 0; r < c->n; r++) {
		for (size_t i = 0; i < c->nf[r]; i++)
			free(c->rows[r][i]);
		free(c->rows[r]);
	}
	free(c->rows);
	free(c->nf);
	memset(c, 0, sizeof *c);
}

/* Row r joined with '|' (fields decoded), to compare whole rows. */
static void csv_row(const struct csv *c, size_t r, struct pl_buf *out)
{
	pl_buf_reset(out);
	assert_true(r < c->n);
	for (size_t i = 0; i < c->nf[r]; i++)
		pl_buf_printf(out, "%s%s", i ? "|" : "", c->rows[r][i]);
}

static void expect_row(const struct csv *c, size_t r, const char *want)
{
	struct pl_buf got = {0};
	csv_row(c, r, &got);
	assert_string_equal(pl_buf_str(&got), want);
	pl_buf_free(&got);
}

/* The entries of the parent folder other than the run folder. */
static int strays(const struct fx *f)
{
	DIR *d = opendir(f->tmp);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "run");
	closedir(d);
	return n;
}

/* ----------------------------------------------------------------- tests */

/* An innovation file k/a.csv of 2 records (line 2 scored, line 3 rejected
 * with two problems) and an SPD file k/spd.csv of 2 records (line 2 used,
 * line 3 superseded by line 2), a warning about k/a.csv, two regions. */
static void balanced_input(struct fx *f)
{
	src(f, "k/a.csv", "inovasi", "2");
	src(f, "k/spd.csv", "spd", "2");
	inn(f, "k/a.csv", "2", "INOV-1", "Posyandu Keliling", "scored", "9.00");
	rej(f, PL_KIND_REJ, "k/a.csv", "3", "ind_16", "4", "LEVEL_RANGE", "inovasi");
	rej(f, PL_KIND_REJ, "k/a.csv", "3", "tahun", "", "YEAR_MISSING", "inovasi");
	rej(f, PL_KIND_WARN, "k/a.csv", "2", "ind_99", "99", "ROW_UNKNOWN", "inovasi");
	spd(f, "k/spd.csv", "2", "used");
	spd(f, "k/spd.csv", "3", "superseded");
	rej_by(f, PL_KIND_REJ, "score", "k/spd.csv", "3", "tanggal_kirim", "2023-07-10",
	       "SUPERSEDED", "spd");
	/* stage by stage: k/a.csv 2 -> normalize 2 -> validate 1 (1 rejected)
	 * -> score 1; k/spd.csv 2 -> 2 -> 2 -> score 1 (1 superseded) */
	counts(f, "normalize", "k/a.csv", "2", "2", "0", "0");
	counts(f, "validate", "k/a.csv", "2", "1", "1", "0");
	counts(f, "score", "k/a.csv", "1", "1", "0", "0");
	counts(f, "normalize", "k/spd.csv", "2", "2", "0", "0");
	counts(f, "validate", "k/spd.csv", "2", "2", "0", "0");
	counts(f, "score", "k/spd.csv", "2", "1", "0", "1");
	reg(f, "52.71", "Kota Mataram", "kota", "0.00", "0", "0.00", "2");
	reg(f, "52.72", "Kota Bima", "kota", "8.67", "680", "21.00", "1");
}

static void test_balanced_publishes(void **state)
{
	struct fx *f = *state;
	balanced_input(f);
	assert_false(hs_exists(f->out)); /* nothing before finish */
	assert_int_equal(f->st.finish(f->st.self), 0);
	assert_int_equal(f->ctx.exit_code, 0);
	static const char *const files[] = {"regions.csv", "innovations.csv", "rejects.csv",
					    "warnings.csv", "files.csv", "agencies.csv",
					    "summary.txt", "summary.json"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct pl_buf p = {0};
		pl_buf_printf(&p, "%s/%s", f->out, files[i]);
		if (!hs_exists(p.p))
			fail_msg("%s was not published", files[i]);
		pl_buf_free(&p);
	}
	assert_int_equal(strays(f), 0); /* no staging folder left */

	struct csv c;
	csv_load(&c, f->out, "regions.csv");
	assert_int_equal(c.n, 3);
	expect_row(&c, 0,
		   "year|region_code|region_name|level|province_code|spd|sid|jumlah_score|"
		   "divisor|n_div|n_count|n_ditolak|n_excluded|avg_maturity|avg_maturity_pct|"
		   "iid|predicate|rank_national|rank_province");
	expect_row(&c, 2,
		   "2023|52.72|Kota Bima|kota|52|21.00|0.68|0.38|10|1|1|0|0|3.00|2.70|8.67|"
		   "Kurang Inovatif|1|1");
	csv_free(&c);

	csv_load(&c, f->out, "rejects.csv");
	/* header, two rows about line 3 of k/a.csv, one about k/spd.csv:3 */
	assert_int_equal(c.n, 4);
	expect_row(&c, 0, "file|line|field|value|code|message");
	expect_row(&c, 1, "k/a.csv|3|ind_16|4|LEVEL_RANGE|pesan uji");
	expect_row(&c, 2, "k/a.csv|3|tahun||YEAR_MISSING|pesan uji");
	expect_row(&c, 3, "k/spd.csv|3|tanggal_kirim|2023-07-10|SUPERSEDED|pesan uji");
	csv_free(&c);

	csv_load(&c, f->out, "warnings.csv");
	assert_int_equal(c.n, 2);
	expect_row(&c, 1, "k/a.csv|2|ind_99|99|ROW_UNKNOWN|pesan uji");
	csv_free(&c);

	/* read = used + rejected + superseded:
	 * k/a.csv:   2 = 1 + 1 (two rejects, one record) + 0, 1 warning
	 * k/spd.csv: 2 = 1 + 0 + 1 */
	csv_load(&c, f->out, "files.csv");
	assert_int_equal(c.n, 3);
	expect_row(&c, 0, "file|shape|kind|status|code|read|used|rejected|superseded|warnings");
	expect_row(&c, 1, "k/a.csv|csv|inovasi|ok||2|1|1|0|1");
	expect_row(&c, 2, "k/spd.csv|csv|spd|ok||2|1|0|1|0");
	csv_free(&c);

	/* the rejected innovation is listed too, disposition invalid, with
	 * both codes */
	csv_load(&c, f->out, "innovations.csv");
	assert_int_equal(c.n, 3);
	struct pl_buf row = {0};
	csv_row(&c, 1, &row);
	assert_non_null(strstr(pl_buf_str(&row), "|INOV-1|Posyandu Keliling|"));
	assert_non_null(strstr(pl_buf_str(&row), "|scored|"));
	csv_row(&c, 2, &row);
	assert_non_null(strstr(pl_buf_str(&row), "|INOV-2|Layanan Dua|"));
	assert_non_null(strstr(pl_buf_str(&row), "|invalid|LEVEL_RANGE; YEAR_MISSING|"));
	assert_non_null(strstr(pl_buf_str(&row), "|k/a.csv|3"));
	pl_buf_free(&row);
	csv_free(&c);

	struct pl_buf p = {0};
	pl_buf_printf(&p, "%s/summary.json", f->out);
	char *json = hs_read(p.p);
	pl_buf_free(&p);
	/* 2 + 2 read = 2 used + 1 rejected + 1 superseded */
	assert_non_null(strstr(json, "\"records_read\": 4, \"used\": 2, \"rejected\": 1, "
				     "\"superseded\": 1, \"balanced\": true"));
	free(json);
}

/* innovations.csv lists rows by year, region, id, file and line, however
 * they arrive. 32 scored rows ID-02, ID-04 .. ID-64 (at lines 2..33 of
 * k/a.csv) come in that order or reversed, and validate rejected nrej
 * records (ID-01, ID-33, ID-99 .. at the lines after), whose invalid rows
 * emit adds: a few are merged into rows that came sorted, more, or rows
 * that came in another order, make emit sort them all. */
static void rows_in_order(struct fx *f, int reversed, int nrej)
{
	static const char *const rej_ids[] = {"ID-01", "ID-33", "ID-99"};
	char n[16], line[16], id[16];
	snprintf(n, sizeof n, "%d", 32 + nrej);
	src(f, "k/a.csv", "inovasi", n);
	for (int r = 0; r < nrej; r++) {
		snprintf(line, sizeof line, "%d", 34 + r);
		rej_of(f, PL_KIND_REJ, "validate", "k/a.csv", line, "ind_16", "4", "LEVEL_RANGE",
		       "inovasi", rej_ids[r], "Ditolak");
	}
	for (int k = 0; k < 32; k++) {
		int i = reversed ? 31 - k : k;
		snprintf(line, sizeof line, "%d", 2 + i);
		snprintf(id, sizeof id, "ID-%02d", 2 * (i + 1));
		inn(f, "k/a.csv", line, id, "Layanan", "scored", "9.00");
	}
	char out[16];
	snprintf(out, sizeof out, "%d", 32);
	counts(f, "normalize", "k/a.csv", n, n, "0", "0");
	char rejected[16];
	snprintf(rejected, sizeof rejected, "%d", nrej);
	counts(f, "validate", "k/a.csv", n, out, rejected, "0");
	counts(f, "score", "k/a.csv", out, out, "0", "0");
	reg(f, "52.72", "Kota Bima", "kota", "8.67", "680", "21.00", "1");
	assert_int_equal(f->st.finish(f->st.self), 0);

	struct csv c;
	csv_load(&c, f->out, "innovations.csv");
	assert_int_equal(c.n, (size_t)(1 + 32 + nrej));
	size_t col = 0;
	while (col < c.nf[0] && strcmp(c.rows[0][col], "id_inovasi"))
		col++;
	assert_true(col < c.nf[0]);
	/* the ids in order: the invalid ones where they sort */
	int want = 0;
	for (size_t r = 1; r < c.n; r++) {
		int got = (int)strtol(c.rows[r][col] + 3, NULL, 10);
		assert_true(got > want);
		want = got;
		int invalid = got % 2 == 1;
		assert_true(!invalid || (got == 1 || got == 33 || got == 99));
	}
	csv_free(&c);
}

static void test_rows_sorted_few_invalid(void **state)
{
	rows_in_order(*state, 0, 2); /* 2 of 34 rows added: merged */
}

static void test_rows_sorted_more_invalid(void **state)
{
	rows_in_order(*state, 0, 3); /* 3 of 35: all sorted */
}

static void test_rows_reversed(void **state)
{
	rows_in_order(*state, 1, 2);
}

static void test_unbalanced_publishes_nothing(void **state)
{
	struct fx *f = *state;
	/* k/a.csv has 3 records; the stages agree (validate rejected one,
	 * score sent on 2), but only one scored record reached emit */
	src(f, "k/a.csv", "inovasi", "3");
	inn(f, "k/a.csv", "2", "INOV-1", "Posyandu", "scored", "9.00");
	rej(f, PL_KIND_REJ, "k/a.csv", "3", "ind_16", "4", "LEVEL_RANGE", "inovasi");
	counts(f, "normalize", "k/a.csv", "3", "3", "0", "0");
	counts(f, "validate", "k/a.csv", "3", "2", "1", "0");
	counts(f, "score", "k/a.csv", "2", "2", "0", "0");
	reg(f, "52.72", "Kota Bima", "kota", "0.51", "128", "0.00", "1");
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, PL_EXIT_SOFTWARE);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "k/a.csv"));
	assert_false(hs_exists(f->out));
	assert_int_equal(strays(f), 0);
}

static void test_too_many_records_publishes_nothing(void **state)
{
	struct fx *f = *state;
	/* one record counted twice as much as the file had */
	src(f, "k/a.csv", "inovasi", "1");
	acct_all_used(f, "k/a.csv", "1");
	inn(f, "k/a.csv", "2", "INOV-1", "Posyandu", "scored", "9.00");
	inn(f, "k/a.csv", "3", "INOV-2", "Posyandu", "excluded", "");
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_false(hs_exists(f->out));
}

static void test_unknown_file_publishes_nothing(void **state)
{
	struct fx *f = *state;
	/* a record of a file no src record announced */
	src(f, "k/a.csv", "inovasi", "1");
	acct_all_used(f, "k/a.csv", "1");
	inn(f, "k/a.csv", "2", "INOV-1", "Posyandu", "scored", "9.00");
	inn(f, "k/b.csv", "2", "INOV-2", "Posyandu", "scored", "9.00");
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "k/b.csv"));
	assert_false(hs_exists(f->out));
	assert_int_equal(strays(f), 0);
}

/* A file of 2 records, both scored, with the given validate counts. */
static void flow_input(struct fx *f, const char *v_in, const char *v_out, const char *v_rej)
{
	src(f, "k/a.csv", "inovasi", "2");
	inn(f, "k/a.csv", "2", "INOV-1", "Posyandu", "scored", "9.00");
	inn(f, "k/a.csv", "3", "INOV-2", "Layanan", "scored", "9.00");
	counts(f, "normalize", "k/a.csv", "2", "2", "0", "0");
	counts(f, "validate", "k/a.csv", v_in, v_out, v_rej, "0");
	counts(f, "score", "k/a.csv", "2", "2", "0", "0");
}

static void test_stage_counts_checked(void **state)
{
	struct fx *f = *state;
	/* validate received 1 of the 2 normalize sent on */
	flow_input(f, "1", "2", "0");
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "validate"));
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "k/a.csv"));
	assert_false(hs_exists(f->out));
	assert_int_equal(strays(f), 0);
}

static void test_stage_counts_unbalanced(void **state)
{
	struct fx *f = *state;
	/* validate: in 2, out 2, rejected 1: 2 != 2 + 1 */
	flow_input(f, "2", "2", "1");
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "validate"));
	assert_false(hs_exists(f->out));
}

static void test_stage_rejects_listed(void **state)
{
	struct fx *f = *state;
	/* validate counts a reject it never listed: in 3 = out 2 + rejected 1,
	 * and the file had 3 records, but no validate reject reached emit */
	src(f, "k/a.csv", "inovasi", "3");
	inn(f, "k/a.csv", "2", "INOV-1", "Posyandu", "scored", "9.00");
	inn(f, "k/a.csv", "3", "INOV-2", "Layanan", "scored", "9.00");
	counts(f, "normalize", "k/a.csv", "3", "3", "0", "0");
	counts(f, "validate", "k/a.csv", "3", "2", "1", "0");
	counts(f, "score", "k/a.csv", "2", "2", "0", "0");
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_false(hs_exists(f->out));
}

static void test_existing_out_dir(void **state)
{
	struct fx *f = *state;
	free(hs_mkdir(f->tmp, "run"));
	hs_write(f->out, "earlier.txt", "an earlier run\n");
	balanced_input(f);
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->ctx.exit_code, PL_EXIT_CANTCREAT);
	assert_int_equal(f->ctx.exit_code, 73);
	/* left alone: the earlier file only, and no staging folder beside it */
	struct pl_buf p = {0};
	pl_buf_printf(&p, "%s/earlier.txt", f->out);
	char *text = hs_read(p.p);
	assert_string_equal(text, "an earlier run\n");
	free(text);
	pl_buf_reset(&p);
	pl_buf_printf(&p, "%s/regions.csv", f->out);
	assert_false(hs_exists(p.p));
	pl_buf_free(&p);
	assert_int_equal(strays(f), 0);
}

static void test_submission_reaching_emit(void **state)
{
	struct fx *f = *state;
	hs_inn(&f->g, "k/a.csv", "2", "52.72", "INOV-1", "2023-07-10");
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
	assert_int_equal(f->ctx.exit_code, 70);
	assert_non_null(strstr(pl_buf_str(&f->ctx.err), "k/a.csv:2"));
}

static void test_formula_neutralization(void **state)
{
	struct fx *f = *state;
	src(f, "k/a.csv", "inovasi", "5");
	static const char *const values[] = {
		"=HYPERLINK(\"http://x.example/\",\"klik\")", "+62812", "-1", "@SUM(A1)",
		"\tindent"};
	static const char *const lines[] = {"2", "3", "4", "5", "6"};
	for (size_t i = 0; i < 5; i++)
		rej(f, PL_KIND_REJ, "k/a.csv", lines[i], "ind_16", values[i], "LEVEL_RANGE",
		    "inovasi");
	counts(f, "normalize", "k/a.csv", "5", "5", "0", "0");
	counts(f, "validate", "k/a.csv", "5", "0", "5", "0");
	/* text columns of regions.csv are neutralized, numbers are not, even
	 * one that begins with '-' */
	reg(f, "52.72", "=cmd|' /C calc'!A0", "kota", "12.34", "680", "-1.00", "1");
	assert_int_equal(f->st.finish(f->st.self), 0);

	struct csv c;
	csv_load(&c, f->out, "rejects.csv");
	assert_int_equal(c.n, 6);
	for (size_t i = 0; i < 5; i++) {
		struct pl_buf want = {0};
		pl_buf_printf(&want, "'%s", values[i]);
		assert_string_equal(c.rows[i + 1][3], pl_buf_str(&want));
		pl_buf_free(&want);
	}
	csv_free(&c);
	/* the raw text: the formula is inside quotes, after the apostrophe */
	struct pl_buf p = {0};
	pl_buf_printf(&p, "%s/rejects.csv", f->out);
	char *raw = hs_read(p.p);
	assert_non_null(strstr(raw, ",\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"klik\"\")\","));
	free(raw);

	csv_load(&c, f->out, "regions.csv");
	expect_row(&c, 1,
		   "2023|52.72|'=cmd|' /C calc'!A0|kota|52|-1.00|0.68|0.38|10|1|1|0|0|3.00|2.70|"
		   "12.34|Kurang Inovatif|1|1");
	csv_free(&c);
	pl_buf_reset(&p);
	pl_buf_printf(&p, "%s/regions.csv", f->out);
	raw = hs_read(p.p);
	assert_non_null(strstr(raw, ",-1.00,0.68,0.38,10,1,1,0,0,3.00,2.70,12.34,"));
	free(raw);

	/* innovations.csv: the invalid rows carry the submitted names */
	csv_load(&c, f->out, "innovations.csv");
	assert_int_equal(c.n, 6);
	assert_string_equal(c.rows[1][3], "Layanan Dua");
	csv_free(&c);
	pl_buf_free(&p);
}

static void test_innovation_text_neutralized(void **state)
{
	struct fx *f = *state;
	src(f, "k/a.csv", "inovasi", "1");
	acct_all_used(f, "k/a.csv", "1");
	inn(f, "k/a.csv", "2", "-INOV", "@Posyandu", "scored", "9.00");
	assert_int_equal(f->st.finish(f->st.self), 0);
	struct csv c;
	csv_load(&c, f->out, "innovations.csv");
	assert_int_equal(c.n, 2);
	/* year, region_code, id_inovasi, nama_inovasi, ... */
	assert_string_equal(c.rows[1][2], "'-INOV");
	assert_string_equal(c.rows[1][3], "'@Posyandu");
	/* claimed, scored, counted stay numbers */
	struct pl_buf row = {0};
	csv_row(&c, 1, &row);
	assert_non_null(strstr(pl_buf_str(&row), "|9.00|9.00|9.00|0|k/a.csv|2"));
	pl_buf_free(&row);
	csv_free(&c);
}

/* Contract (iid-method.md, local convention 7; docs/scoring.md): rows with
 * equal IID are listed by SID descending, then SPD descending, then code.
 * The summary's top list is such a listing. */
static void test_summary_top_tie_order(void **state)
{
	struct fx *f = *state;
	src(f, "k/a.csv", "inovasi", "0");
	/* equal IID and rank; 52.72 has the higher exact SID (900/10 > 800/10) */
	reg(f, "52.71", "Kota Mataram", "kota", "50.00", "800", "40.00", "1");
	reg(f, "52.72", "Kota Bima", "kota", "50.00", "900", "38.00", "1");
	assert_int_equal(f->st.finish(f->st.self), 0);
	struct pl_buf p = {0};
	pl_buf_printf(&p, "%s/summary.json", f->out);
	f->text = hs_read(p.p);
	pl_buf_free(&p);
	const char *bima = strstr(f->text, "\"region_code\": \"52.72\"");
	const char *mataram = strstr(f->text, "\"region_code\": \"52.71\"");
	assert_non_null(bima);
	assert_non_null(mataram);
	assert_true(bima < mataram);
}

static void exp_row(struct fx *f, const char *year, const char *code, const char *variable)
{
	pl_group_start(&f->g, PL_KIND_EXP);
	hs_set(&f->g, PL_EXP_YEAR, year);
	hs_set(&f->g, PL_EXP_REGION, code);
	hs_set(&f->g, PL_EXP_ASPECT, "sid");
	hs_set(&f->g, PL_EXP_VARIABLE, variable);
	hs_set(&f->g, PL_EXP_POINTS, "1.00");
	hs_set(&f->g, PL_EXP_MAX, "2.00");
	put(f);
}

static void sug_row(struct fx *f, const char *year, const char *code, const char *step)
{
	pl_group_start(&f->g, PL_KIND_SUG);
	for (size_t i = 0; i < PL_SUG_NF; i++)
		hs_set(&f->g, i, "");
	hs_set(&f->g, PL_SUG_YEAR, year);
	hs_set(&f->g, PL_SUG_REGION, code);
	hs_set(&f->g, PL_SUG_NEXT, "Inovatif");
	hs_set(&f->g, PL_SUG_GAP, "1.00");
	hs_set(&f->g, PL_SUG_STEP, step);
	hs_set(&f->g, PL_SUG_CHANGE, "innovation");
	hs_set(&f->g, PL_SUG_GAIN, "0.50");
	hs_set(&f->g, PL_SUG_IID_AFTER, "50.50");
	hs_set(&f->g, PL_SUG_PRED_AFTER, "Kurang Inovatif");
	put(f);
}

/* The per-region section of summary.txt from the regions 52.71, 52.72
 * and 52.73 (which sent nothing) and rows sent in the given order: each
 * region lists exactly its own rows, in the order they came. */
static void region_section(struct fx *f, int sorted)
{
	src(f, "k/a.csv", "inovasi", "0");
	reg(f, "52.71", "Kota Mataram", "kota", "50.00", "800", "40.00", "1");
	reg(f, "52.72", "Kota Bima", "kota", "50.00", "900", "38.00", "1");
	pl_group_start(&f->g, PL_KIND_REG);
	hs_set(&f->g, PL_REG_YEAR, "2023");
	hs_set(&f->g, PL_REG_CODE, "52.73");
	for (size_t i = PL_REG_CODE + 1; i < PL_REG_NF; i++)
		hs_set(&f->g, i, "");
	hs_set(&f->g, PL_REG_N_DIV, "0");
	hs_set(&f->g, PL_REG_SPD, "0.00");
	hs_set(&f->g, PL_REG_N_EXCLUDED, "0");
	put(f);
	if (sorted) {
		exp_row(f, "2022", "52.72", "Lama");
		exp_row(f, "2023", "52.71", "Mataram satu");
		exp_row(f, "2023", "52.71", "Mataram dua");
		exp_row(f, "2023", "52.72", "Bima satu");
		exp_row(f, "2023", "52.73", "Sepi");
		sug_row(f, "2023", "52.70", "9");
		sug_row(f, "2023", "52.72", "1");
		sug_row(f, "2023", "52.72", "2");
	} else {
		exp_row(f, "2023", "52.72", "Bima satu");
		exp_row(f, "2023", "52.71", "Mataram satu");
		exp_row(f, "2022", "52.72", "Lama");
		exp_row(f, "2023", "52.73", "Sepi");
		exp_row(f, "2023", "52.71", "Mataram dua");
		sug_row(f, "2023", "52.72", "1");
		sug_row(f, "2023", "52.70", "9");
		sug_row(f, "2023", "52.72", "2");
	}
	assert_int_equal(f->st.finish(f->st.self), 0);
	struct pl_buf p = {0};
	pl_buf_printf(&p, "%s/summary.txt", f->out);
	f->text = hs_read(p.p);
	pl_buf_free(&p);
	const char *section = strstr(f->text, "\nRincian per wilayah");
	assert_non_null(section);
	const char *want = "\n\n2023 52.71 Kota Mataram (kota)\n"
			   "  IID 50.00, Kurang Inovatif; peringkat nasional 1, di provinsi 1\n"
			   "  SPD 40.00 + SID 0.68 (J 0.38, D 10, 1 inovasi dalam pembagi)\n"
			   "  rata-rata kematangan 3.00 (2.70%)\n"
			   "    sid  Mataram satu                           1.00 / 2.00\n"
			   "    sid  Mataram dua                            1.00 / 2.00\n"
			   "\n2023 52.72 Kota Bima (kota)\n"
			   "  IID 50.00, Kurang Inovatif; peringkat nasional 1, di provinsi 1\n"
			   "  SPD 38.00 + SID 0.68 (J 0.38, D 10, 1 inovasi dalam pembagi)\n"
			   "  rata-rata kematangan 3.00 (2.70%)\n"
			   "    sid  Bima satu                              1.00 / 2.00\n"
			   "  kurang 1.00 poin menuju Inovatif; perubahan termurah:\n"
			   "     1. tambah satu inovasi (rata-rata kematangan): +0.50 -> 50.50 "
			   "Kurang Inovatif\n"
			   "     2. tambah satu inovasi (rata-rata kematangan): +0.50 -> 50.50 "
			   "Kurang Inovatif\n";
	const char *body = strchr(section + 1, '\n');
	assert_string_equal(body, want);
}

static void test_summary_region_details_sorted(void **state)
{
	region_section(*state, 1);
}

static void test_summary_region_details_unsorted(void **state)
{
	region_section(*state, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_balanced_publishes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unbalanced_publishes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_records_publishes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unknown_file_publishes_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_stage_counts_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_counts_unbalanced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stage_rejects_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_existing_out_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_submission_reaching_emit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_formula_neutralization, setup, teardown),
		cmocka_unit_test_setup_teardown(test_innovation_text_neutralized, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_top_tie_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_sorted_few_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_sorted_more_invalid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_reversed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_region_details_sorted, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_summary_region_details_unsorted, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
