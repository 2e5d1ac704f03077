/*
 * test_report.c: unit tests of report.html (stages/emit_report.c), written
 * from records held by an emit stage into a staging folder, as emit_finish
 * does, and read back.
 *
 * Covers: a page that stands alone (one inline script, no src= or external
 * URL anywhere); text from submissions escaped (an innovation named
 * <script>..., an agency named =HYPERLINK(...) with quotes); the ranking
 * tables per cluster, in rank order, with a link to each region's detail
 * view and the province filter's options; the predicate bands drawn from
 * the methodology when there is one, and none without it (the bars still
 * coloured); Bahasa Indonesia with decimal commas by default, English with
 * decimal points with PL_LANG_EN; a region's detail view with a bar per
 * variable, its innovations and its steps to the next predicate; the
 * change since an earlier run shown when changes.csv was staged before the
 * report (a column in the rankings and a line in the detail view) and
 * absent otherwise; and the same bytes for the same records.
 */
#include "stage_harness.h"

#include "emit.h"
#include "emit_internal.h"

struct fx {
	struct hs_data *data; /* methodology, for the bands */
	struct pl_ctx plain;  /* no methodology */
	struct pl_group g;
	char *tmp;
	struct pl_stage st;
	int have_st;
};

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	f->data = hs_data_load(NULL, "methodology");
	f->tmp = hs_tmpdir();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->have_st)
		f->st.destroy(f->st.self);
	pl_group_free(&f->g);
	hs_data_free(f->data);
	pl_buf_free(&f->plain.err);
	hs_rmrf(f->tmp);
	free(f->tmp);
	free(f);
	return 0;
}

static void start(struct fx *f, struct pl_ctx *ctx)
{
	if (f->have_st)
		f->st.destroy(f->st.self);
	struct emit_opts o = {f->tmp};
	f->st = emit_new(ctx, &o);
	f->have_st = 1;
}

static void put(struct fx *f)
{
	hs_put(&f->st, &f->g);
}

static void reg(struct fx *f, const char *code, const char *name, const char *level,
		const char *iid, const char *predicate, const char *rank, const char *rank_prov)
{
	pl_group_start(&f->g, PL_KIND_REG);
	for (size_t i = 0; i < PL_REG_NF; i++)
		hs_set(&f->g, i, "0");
	hs_set(&f->g, PL_REG_YEAR, "2023");
	hs_set(&f->g, PL_REG_CODE, code);
	hs_set(&f->g, PL_REG_NAME, name);
	hs_set(&f->g, PL_REG_LEVEL, level);
	hs_set(&f->g, PL_REG_PROVINCE, "52");
	hs_set(&f->g, PL_REG_SPD, strcmp(iid, "0.00") ? "21.00" : "0.00");
	hs_set(&f->g, PL_REG_SID, "0.68");
	hs_set(&f->g, PL_REG_SID_NUM, "680");
	hs_set(&f->g, PL_REG_SID_DEN, "10");
	hs_set(&f->g, PL_REG_AVG, "");
	hs_set(&f->g, PL_REG_AVG_PCT, "");
	hs_set(&f->g, PL_REG_IID, iid);
	hs_set(&f->g, PL_REG_PREDICATE, predicate);
	hs_set(&f->g, PL_REG_RANK_NATIONAL, rank);
	hs_set(&f->g, PL_REG_RANK_PROVINCE, rank_prov);
	put(f);
}

static void inn(struct fx *f, const char *line, const char *id, const char *nama, const char *opd,
		const char *disposition)
{
	pl_group_start(&f->g, PL_KIND_INN);
	for (size_t i = 0; i < PL_INN_NF; i++)
		hs_set(&f->g, i, "");
	hs_set(&f->g, PL_INN_FILE, "52/kesehatan.csv");
	hs_set(&f->g, PL_INN_LINE, line);
	hs_set(&f->g, PL_INN_YEAR, "2023");
	hs_set(&f->g, PL_INN_REGION, "52.72");
	hs_set(&f->g, PL_INN_ID, id);
	hs_set(&f->g, PL_INN_NAMA, nama);
	hs_set(&f->g, PL_INN_OPD, opd);
	hs_set(&f->g, PL_INN_DISPOSITION, disposition);
	hs_set(&f->g, PL_INN_COUNTED, "9.00");
	put(f);
}

static void exp_row(struct fx *f, const char *aspect, const char *variable, const char *points,
		    const char *max)
{
	pl_group_start(&f->g, PL_KIND_EXP);
	hs_set(&f->g, PL_EXP_YEAR, "2023");
	hs_set(&f->g, PL_EXP_REGION, "52.72");
	hs_set(&f->g, PL_EXP_ASPECT, aspect);
	hs_set(&f->g, PL_EXP_VARIABLE, variable);
	hs_set(&f->g, PL_EXP_POINTS, points);
	hs_set(&f->g, PL_EXP_MAX, max);
	put(f);
}

static void sug(struct fx *f, const char *step, const char *change, const char *after,
		const char *pred_after)
{
	pl_group_start(&f->g, PL_KIND_SUG);
	for (size_t i = 0; i < PL_SUG_NF; i++)
		hs_set(&f->g, i, "");
	hs_set(&f->g, PL_SUG_YEAR, "2023");
	hs_set(&f->g, PL_SUG_REGION, "52.72");
	hs_set(&f->g, PL_SUG_NEXT, "Inovatif");
	hs_set(&f->g, PL_SUG_GAP, "4.63");
	hs_set(&f->g, PL_SUG_STEP, step);
	hs_set(&f->g, PL_SUG_CHANGE, change);
	if (strcmp(change, "innovation")) {
		hs_set(&f->g, PL_SUG_FILE, "52/spd.csv");
		hs_set(&f->g, PL_SUG_LINE, "2");
		hs_set(&f->g, PL_SUG_ROW, "13b");
		hs_set(&f->g, PL_SUG_FROM, "0");
		hs_set(&f->g, PL_SUG_TO, "2");
	}
	hs_set(&f->g, PL_SUG_GAIN, "0.80");
	hs_set(&f->g, PL_SUG_IID_AFTER, after);
	hs_set(&f->g, PL_SUG_PRED_AFTER, pred_after);
	put(f);
}

/* A province, a kota with everything, a kota that sent nothing, a
 * kabupaten. */
static void records(struct fx *f)
{
	reg(f, "52", "Nusa Tenggara Barat", "provinsi", "27.27", "Kurang Inovatif", "1", "");
	reg(f, "52.04", "Kabupaten Sumbawa", "kabupaten", "17.33", "Kurang Inovatif", "1", "3");
	reg(f, "52.71", "Kota Mataram", "kota", "0.00", "Tidak Dapat Dinilai", "2", "2");
	reg(f, "52.72", "Kota Bima", "kota", "30.37", "Kurang Inovatif", "1", "1");
	inn(f, "2", "INOV-01", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\",\"y\")",
	    "scored");
	inn(f, "3", "INOV-02", "Posyandu R&D", "Dinas Kesehatan", "ditolak");
	exp_row(f, "spd", "Institusi", "29.75", "40.50");
	exp_row(f, "sid", "Infrastruktur", "8.90", "30.00");
	sug(f, "1", "evidence", "31.17", "Kurang Inovatif");
	sug(f, "2", "innovation", "35.26", "Inovatif");
}

/* Writes report.html from the held records (with changes.csv staged
 * first when given) and returns it (caller frees). */
static char *report(struct fx *f, const char *changes)
{
	struct out o = {.e = f->st.self};
	struct pl_buf dir = {0};
	pl_buf_printf(&dir, "%s/run", f->tmp);
	assert_int_equal(pl_outdir_begin(&o.dir, dir.p, &o.err), 0);
	if (changes) {
		FILE *fp = emit_open(&o, "changes.csv");
		assert_non_null(fp);
		fputs(changes, fp);
		emit_close(&o, fp, "changes.csv", 0);
	}
	write_report(&o);
	assert_int_equal(o.failed, 0);
	assert_int_equal(pl_outdir_commit(&o.dir, &o.err), 0);
	pl_buf_free(&o.err);
	pl_buf_printf(&dir, "/report.html");
	char *text = hs_read(dir.p);
	dir.len -= strlen("/report.html");
	dir.p[dir.len] = '\0';
	hs_rmrf(dir.p);
	pl_buf_free(&dir);
	return text;
}

static size_t count(const char *text, const char *what)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void has(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("report.html lacks: %s", what);
}

static void lacks(const char *text, const char *what)
{
	if (strstr(text, what))
		fail_msg("report.html has: %s", what);
}

static void test_stands_alone_and_escapes(void **state)
{
	struct fx *f = *state;
	start(f, &f->data->ctx);
	records(f);
	char *html = report(f, NULL);
	has(html, "<!DOCTYPE html>");
	assert_int_equal(count(html, "<script"), 1);
	lacks(html, "src=");
	lacks(html, "https://");
	lacks(html, "@import");
	has(html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
	lacks(html, "<script>alert");
	has(html, "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)");
	has(html, "Posyandu R&amp;D");
	free(html);
}

static void test_rankings_and_details(void **state)
{
	struct fx *f = *state;
	start(f, &f->data->ctx);
	records(f);
	char *html = report(f, NULL);
	has(html, "<html lang=\"id\">");
	has(html, "Ringkasan nasional");
	/* the kota table: Kota Bima (rank 1) before Kota Mataram (rank 2) */
	const char *kota = strstr(html, "data-level=\"kota\"");
	assert_non_null(kota);
	const char *bima = strstr(kota, "href=\"#r-2023-52.72\"");
	const char *mataram = strstr(kota, "href=\"#r-2023-52.71\"");
	assert_non_null(bima);
	assert_non_null(mataram);
	assert_true(bima < mataram);
	has(html, "data-v=\"30.37\">30,37</td>");
	has(html, "<option value=\"52\">Nusa Tenggara Barat</option>");
	/* a detail view per region; the one with data has its charts */
	has(html, "<section class=\"region has-data\" id=\"r-2023-52.72\"");
	has(html, "<section class=\"region\" id=\"r-2023-52.71\"");
	const char *detail = strstr(html, "id=\"r-2023-52.72\"");
	assert_int_equal(count(detail, "<rect class=\"fill\""), 2);
	has(detail, "29,75 / 40,50");
	has(detail, "ditolak verifikator");
	has(detail, "Menuju Inovatif");
	assert_int_equal(count(detail, "<li>"), 2);
	/* the province's panel: its kabupaten and kota, by rank there */
	const char *panel = strstr(html, "id=\"p-2023-52\"");
	assert_non_null(panel);
	const char *b = strstr(panel, "#r-2023-52.72"), *s = strstr(panel, "#r-2023-52.04");
	assert_true(b && s && b < s);
	/* bands from the methodology, 2023: Kurang Inovatif, Inovatif,
	 * Sangat Inovatif */
	assert_int_equal(count(html, "<rect class=\"band"), 6); /* histogram + panel */
	has(html, "IID \xE2\x89\xA5 60,01");
	/* no changes.csv: no change column or line */
	lacks(html, "Perubahan IID");
	lacks(html, "class=\"change\"");
	free(html);
}

static void test_english_and_no_methodology(void **state)
{
	struct fx *f = *state;
	f->plain.lang = PL_LANG_EN;
	start(f, &f->plain);
	records(f);
	char *html = report(f, NULL);
	has(html, "<html lang=\"en\">");
	has(html, "National overview");
	has(html, "data-v=\"30.37\">30.37</td>");
	lacks(html, "Ringkasan nasional");
	lacks(html, "30,37");
	/* without a methodology no bands, but the bars keep their colours:
	 * the best predicate seen first */
	lacks(html, "<rect class=\"band");
	has(html, "<span class=\"chip k0\">Kurang Inovatif</span>");
	has(html, "<span class=\"chip kz\">Tidak Dapat Dinilai</span>");
	free(html);
}

static void test_changes_shown(void **state)
{
	struct fx *f = *state;
	start(f, &f->data->ctx);
	records(f);
	char *html = report(f, "year,region_code,region_name,previous_year,iid_previous,iid,"
			       "iid_change,rank_national_previous,rank_national,"
			       "rank_national_change,rank_province_previous,rank_province,"
			       "predicate_previous,predicate,predicate_move\n"
			       "2023,52.72,Kota Bima,2022,29.12,30.37,1.25,3,1,2,2,1,"
			       "Tidak Dapat Dinilai,Kurang Inovatif,up\n"
			       "2023,52.71,Kota Mataram,2022,0.50,0.00,-0.50,1,2,-1,1,2,"
			       "Kurang Inovatif,Tidak Dapat Dinilai,down\n");
	has(html, "Perubahan IID");
	has(html, "data-v=\"1.25\">+1,25</td>");
	has(html, "data-v=\"-0.50\">-0,50</td>");
	has(html,
	    "Dibanding 2022: IID 29,12 \xE2\x86\x92 30,37 (+1,25); peringkat nasional 3 "
	    "\xE2\x86\x92 1; predikat Tidak Dapat Dinilai \xE2\x86\x92 Kurang Inovatif (naik).");
	has(html, "(turun)");
	free(html);
}

static void test_same_bytes(void **state)
{
	struct fx *f = *state;
	start(f, &f->data->ctx);
	records(f);
	char *a = report(f, NULL);
	start(f, &f->data->ctx);
	records(f);
	char *b = report(f, NULL);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_stands_alone_and_escapes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rankings_and_details, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_english_and_no_methodology, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changes_shown, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_bytes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
