/*
 * test_score.c: unit tests of the score stage (stages/score.h), driven
 * in-process into a capture sink, against values computed by hand.
 *
 * With the real master list and the 2023 methodology:
 *  (a) one innovation claiming level 3 with evidence on every row:
 *      S = 111.00, D = 10, J = 0.38, SID = 11.48, IID 4.59; with a full
 *      SPD (63) IID = 29.79; every column of the reg, inn and spd records;
 *  (b) the evidence rule per answer: claim without evidence 0, verified
 *      level overrides claim and evidence (verified 0, verified above the
 *      claim, verified without evidence), empty claim 0; SPD records too;
 *  (c) ditolak counts in n_div with 0 points and not in n_count, even when
 *      applied outside the window; excluded (applied before eligible_from
 *      or after eligible_to) counts nowhere; the window edges 2021-01-01 and
 *      2022-12-31 are inside; an empty or missing tanggal_penerapan is
 *      scored;
 *  (d) duplicates: the later tanggal_kirim wins whatever the arrival order;
 *      equal tanggal_kirim (a bare date is midnight): the later arrival
 *      wins; three copies; losers come out as SUPERSEDED rejects naming the
 *      winner's file:line and as inn records with disposition superseded;
 *      SPD duplicates likewise; the same id in another region is not a
 *      duplicate; near-duplicates (same folded name and agency, another
 *      id) are warned, naming the first, and both count; the per-file
 *      acct record (in, out, superseded);
 *  (f) the jumlah cap at 200 (199, 200, 201 innovations);
 *  (h) every master region gets a reg record (552), a region with nothing
 *      gets 0.00 Tidak Dapat Dinilai, no records gives no reg records;
 *      other kinds pass through at once; a failing sink fails finish.
 * With small methodologies written to a temp folder:
 *  (e) rounding edges: IID exactly x.xx5 (up) and just below, directly and
 *      through a division by D = 500, and regions on 60.01, 60.00, 35.00,
 *      34.99, 0.01, 0.005 and 0.00 with their predicates;
 *  (f) the basic-services gate (jumlah_gate_min = 2), counting only the
 *      urusan of innovations counted in J and of the winning copies;
 *  (g) evidence_rule verified_or_claimed and verified_only, divisor_counts
 *      = scored, jumlah_counts = scored, ditolak, an open-ended window;
 *  (h) two years in one run: each year's regions, the same id in two
 *      years is two innovations.
 */
#include "stage_harness.h"

#include "score.h"

/* The 2023 rows and weights (methodology/iid-2023/indicators.csv):
 * SID 16:3 17:2 18:2 19:2 20:1 21:2 22:1 23:1 24:1 25:1 26:1 27:1 28:2 29:1
 *     30:2 31:3 32:2 33:3 34:2 35:4, sum 37, so 111 at level 3;
 * SPD 1:1 2a:1 2b:1 3:1 4:1 5a:.75 5b:.75 6:1.5 7:1.5 8:1.5 9:1 10a:.75
 *     10b:.75 11a:.75 11b:.75 12:2 13a:1 13b:1 14:1 15:1, sum 21, so 63. */
static const char *const sid_rows[] = {"16", "17", "18", "19", "20", "21", "22",
				       "23", "24", "25", "26", "27", "28", "29",
				       "30", "31", "32", "33", "34", "35"};
static const char *const spd_rows[] = {"1",  "2a", "2b", "3",   "4",   "5a",  "5b",
				       "6",  "7",  "8",  "9",   "10a", "10b", "11a",
				       "11b", "12", "13a", "13b", "14",  "15"};

static const char TDD[] = "Tidak Dapat Dinilai";
static const char KURANG[] = "Kurang Inovatif";
static const char INOVATIF[] = "Inovatif";
static const char SANGAT[] = "Sangat Inovatif";

static struct hs_data *real; /* master/regions.csv + methodology/ (2023) */

static int group_setup(void **state)
{
	(void)state;
	real = hs_data_load("master/regions.csv", "methodology");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	hs_data_free(real);
	real = NULL;
	return 0;
}

struct fx {
	struct hs_cap cap;
	struct pl_group g;
	struct pl_stage st;
	int have_st;
	char *tmp;          /* temp folder for methodologies, when made */
	struct hs_data *own; /* master + a temp methodology, when loaded */
};

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	real->ctx.lang = PL_LANG_ID;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->have_st)
		f->st.destroy(f->st.self);
	hs_cap_clear(&f->cap);
	pl_group_free(&f->g);
	hs_data_free(f->own);
	if (f->tmp)
		hs_rmrf(f->tmp);
	free(f->tmp);
	free(f);
	return 0;
}

/* A fresh score stage on ctx, output into a cleared capture. */
static void start(struct fx *f, struct pl_ctx *ctx)
{
	if (f->have_st)
		f->st.destroy(f->st.self);
	hs_cap_clear(&f->cap);
	f->st = score_new(ctx, hs_sink(&f->cap));
	f->have_st = 1;
}

static void finish(struct fx *f)
{
	assert_int_equal(f->st.finish(f->st.self), 0);
}

static void put(struct fx *f)
{
	hs_put(&f->st, &f->g);
}

/* Every SID row at this level, with evidence. */
static void all_sid(struct pl_group *g, const char *level)
{
	for (size_t i = 0; i < 20; i++)
		hs_ans(g, sid_rows[i], level, "bukti.pdf", "");
}

static void spd_all(struct fx *f, const char *file, const char *line, const char *kode,
		    const char *kirim, const char *level)
{
	hs_sub(&f->g, file, line, "spd", "2023", kode, kirim);
	for (size_t i = 0; i < 20; i++)
		hs_ans(&f->g, spd_rows[i], level, "bukti.pdf", "");
	put(f);
}

/* An innovation with one answer, row 16 (weight 3) at level 3: S = 9.00. */
static void inn_nine(struct fx *f, const char *file, const char *line, const char *kode,
		     const char *id)
{
	hs_inn(&f->g, file, line, kode, id, "2023-07-10");
	hs_ans(&f->g, "16", "3", "bukti.pdf", "");
	put(f);
}

static const struct hs_rec *reg(const struct fx *f, const char *year, const char *code)
{
	const struct hs_rec *r =
		hs_find2(&f->cap, PL_KIND_REG, PL_REG_YEAR, year, PL_REG_CODE, code);
	if (!r)
		fail_msg("no reg record for %s %s", year, code);
	return r;
}

static const struct hs_rec *inn(const struct fx *f, const char *file, const char *line)
{
	const struct hs_rec *r =
		hs_find2(&f->cap, PL_KIND_INN, PL_INN_FILE, file, PL_INN_LINE, line);
	if (!r)
		fail_msg("no inn record for %s:%s", file, line);
	return r;
}

static void expect_iid(const struct fx *f, const char *year, const char *code, const char *iid,
		       const char *predicate)
{
	const struct hs_rec *r = reg(f, year, code);
	if (strcmp(hs_get(r, PL_REG_IID), iid) != 0 ||
	    strcmp(hs_get(r, PL_REG_PREDICATE), predicate) != 0)
		fail_msg("%s %s: IID %s %s, expected %s %s", year, code, hs_get(r, PL_REG_IID),
			 hs_get(r, PL_REG_PREDICATE), iid, predicate);
}

/* -------------------------------------------------------------- (a) */

static void test_full_marks_one_innovation(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	/* 52.71: the innovation alone; 52.72: the same plus a full SPD */
	hs_inn(&f->g, "k/mataram.csv", "2", "52.71", "INOV-1", "2023-07-10");
	all_sid(&f->g, "3");
	put(f);
	hs_inn(&f->g, "k/bima.csv", "2", "52.72", "INOV-1", "2023-07-10");
	all_sid(&f->g, "3");
	put(f);
	spd_all(f, "k/spd.csv", "2", "52.72", "2023-07-11 09:00", "3");
	finish(f);

	/* S = 3 x 37 = 111.00; n_div = n_count = 1; D = max(10, 1) = 10;
	 * J = 0.38 x 1 = 0.38; SID = 111/10 + 0.38 = 11.48, exact:
	 * sid_num = 11100 + 38 x 10 = 11480 hundredths over sid_den 10.
	 * 52.71: IID = 11.48 / 250 x 100 = 4.592 -> 4.59.
	 * 52.72: SPD = 3 x 21 = 63.00; IID = (63 + 11.48)/250 x 100 = 29.792
	 *        -> 29.79, below 35.00: Kurang Inovatif. */
	expect_iid(f, "2023", "52.71", "4.59", KURANG);
	const struct hs_rec *r = reg(f, "2023", "52.72");
	static const struct {
		size_t f;
		const char *v;
	} want[] = {
		{PL_REG_NAME, "Kota Bima"}, {PL_REG_LEVEL, "kota"},
		{PL_REG_PROVINCE, "52"},    {PL_REG_SPD, "63.00"},
		{PL_REG_SID, "11.48"},      {PL_REG_SID_NUM, "11480"},
		{PL_REG_SID_DEN, "10"},     {PL_REG_JUMLAH, "0.38"},
		{PL_REG_DIVISOR, "10"},     {PL_REG_N_DIV, "1"},
		{PL_REG_N_COUNT, "1"},      {PL_REG_N_DITOLAK, "0"},
		{PL_REG_N_EXCLUDED, "0"},
		/* mean S over 1 scored = 111.00, of 111 max = 100.00 % */
		{PL_REG_AVG, "111.00"},     {PL_REG_AVG_PCT, "100.00"},
		{PL_REG_IID, "29.79"},      {PL_REG_PREDICATE, "Kurang Inovatif"},
		{PL_REG_RANK_NATIONAL, ""}, {PL_REG_RANK_PROVINCE, ""},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strcmp(hs_get(r, want[i].f), want[i].v) != 0)
			fail_msg("52.72 %s = '%s', expected '%s'",
				 pl_schema_of(PL_KIND_REG)->names[want[i].f], hs_get(r, want[i].f),
				 want[i].v);

	const struct hs_rec *n = inn(f, "k/bima.csv", "2");
	assert_string_equal(hs_get(n, PL_INN_YEAR), "2023");
	assert_string_equal(hs_get(n, PL_INN_REGION), "52.72");
	assert_string_equal(hs_get(n, PL_INN_ID), "INOV-1");
	assert_string_equal(hs_get(n, PL_INN_DISPOSITION), "scored");
	assert_string_equal(hs_get(n, PL_INN_CLAIMED), "111.00");
	assert_string_equal(hs_get(n, PL_INN_SCORED), "111.00");
	assert_string_equal(hs_get(n, PL_INN_COUNTED), "111.00");
	assert_string_equal(hs_get(n, PL_INN_UNEVIDENCED), "0");
	assert_string_equal(hs_get(n, PL_INN_TGL_TERAP), "2021-06-14");
	assert_string_equal(hs_get(n, PL_INN_URUSAN), "kesehatan");

	assert_int_equal(hs_count(&f->cap, PL_KIND_SPD), 1);
	const struct hs_rec *s = hs_nth(&f->cap, PL_KIND_SPD, 0);
	assert_string_equal(hs_get(s, PL_SPD_FILE), "k/spd.csv");
	assert_string_equal(hs_get(s, PL_SPD_LINE), "2");
	assert_string_equal(hs_get(s, PL_SPD_YEAR), "2023");
	assert_string_equal(hs_get(s, PL_SPD_REGION), "52.72");
	assert_string_equal(hs_get(s, PL_SPD_TGL_KIRIM), "2023-07-11 09:00");
	assert_string_equal(hs_get(s, PL_SPD_DISPOSITION), "used");
	assert_string_equal(hs_get(s, PL_SPD_CLAIMED), "63.00");
	assert_string_equal(hs_get(s, PL_SPD_SCORED), "63.00");
	/* one output per input record, no rejects */
	assert_int_equal(hs_count(&f->cap, PL_KIND_INN), 2);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
}

/* -------------------------------------------------------------- (b) */

static void test_evidence_rule(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	/* One innovation per case in 52.72, one answer on row 17 (weight 2). */
	static const struct {
		const char *level, *bukti, *verif;
		const char *claimed, *scored, *unevidenced;
	} c[] = {
		/* claimed 3 without evidence: 0; claimed 2 x 3 = 6.00 */
		{"3", "", NULL, "6.00", "0.00", "1"},
		/* claimed 3 with evidence: 2 x 3 = 6.00 */
		{"3", "sk.pdf", "", "6.00", "6.00", "0"},
		/* verified 0 overrides claim and evidence: 0 */
		{"3", "sk.pdf", "0", "6.00", "0.00", "0"},
		/* verified 3 above claimed 1: 2 x 3 = 6.00 (claimed 2 x 1) */
		{"1", "sk.pdf", "3", "2.00", "6.00", "0"},
		/* verified 1 without evidence: 2 x 1 = 2.00 (claimed 2 x 2) */
		{"2", "", "1", "4.00", "2.00", "0"},
		/* empty claim with evidence: 0 */
		{"", "sk.pdf", "", "0.00", "0.00", "0"},
		/* no answer columns at all: 0 */
		{NULL, NULL, NULL, "0.00", "0.00", "0"},
		/* claimed 0 without evidence is not "unevidenced" */
		{"0", "", "", "0.00", "0.00", "0"},
	};
	enum { N = sizeof c / sizeof c[0] };
	char line[24];
	for (size_t i = 0; i < N; i++) {
		snprintf(line, sizeof line, "%zu", i + 2);
		hs_inn(&f->g, "k/e.csv", line, "52.72", line, "2023-07-10");
		hs_ans(&f->g, "17", c[i].level, c[i].bukti, c[i].verif);
		put(f);
	}
	/* and an SPD record of 52.71: row 12 (w 2) claimed 3 without evidence
	 * = 0; row 8 (w 1.5) claimed 2 with evidence = 3.00; row 1 (w 1)
	 * claimed 3 without evidence but verified 2 = 2.00. SPD = 5.00,
	 * claimed = 6.00 + 3.00 + 3.00 = 12.00. */
	hs_sub(&f->g, "k/spd.csv", "2", "spd", "2023", "52.71", "2023-07-10");
	hs_ans(&f->g, "12", "3", "", "");
	hs_ans(&f->g, "8", "2", "opini.pdf", "");
	hs_ans(&f->g, "1", "3", "", "2");
	put(f);
	finish(f);
	for (size_t i = 0; i < N; i++) {
		snprintf(line, sizeof line, "%zu", i + 2);
		const struct hs_rec *r = inn(f, "k/e.csv", line);
		if (strcmp(hs_get(r, PL_INN_SCORED), c[i].scored) ||
		    strcmp(hs_get(r, PL_INN_CLAIMED), c[i].claimed) ||
		    strcmp(hs_get(r, PL_INN_UNEVIDENCED), c[i].unevidenced))
			fail_msg("case %zu: claimed %s scored %s unevidenced %s, expected %s %s %s", i,
				 hs_get(r, PL_INN_CLAIMED), hs_get(r, PL_INN_SCORED),
				 hs_get(r, PL_INN_UNEVIDENCED), c[i].claimed, c[i].scored,
				 c[i].unevidenced);
		assert_string_equal(hs_get(r, PL_INN_COUNTED), c[i].scored);
	}
	/* 52.72: sum S = 0 + 6 + 0 + 6 + 2 + 0 + 0 + 0 = 14.00 over 8 scored;
	 * D = 10; J = 0.38 x 8 = 3.04; SID = 1.40 + 3.04 = 4.44;
	 * IID = 4.44 / 2.5 = 1.776 -> 1.78. */
	const struct hs_rec *r = reg(f, "2023", "52.72");
	assert_string_equal(hs_get(r, PL_REG_JUMLAH), "3.04");
	assert_string_equal(hs_get(r, PL_REG_SID), "4.44");
	/* mean maturity 14.00 / 8 = 1.75; 1.75/111 = 1.5766 % -> 1.58 */
	assert_string_equal(hs_get(r, PL_REG_AVG), "1.75");
	assert_string_equal(hs_get(r, PL_REG_AVG_PCT), "1.58");
	expect_iid(f, "2023", "52.72", "1.78", KURANG);
	const struct hs_rec *s = hs_nth(&f->cap, PL_KIND_SPD, 0);
	assert_string_equal(hs_get(s, PL_SPD_CLAIMED), "12.00");
	assert_string_equal(hs_get(s, PL_SPD_SCORED), "5.00");
	/* 52.71: SPD 5.00 only: IID = 5 / 250 x 100 = 2.00 */
	assert_string_equal(hs_get(reg(f, "2023", "52.71"), PL_REG_SPD), "5.00");
	expect_iid(f, "2023", "52.71", "2.00", KURANG);
}

/* -------------------------------------------------------------- (c) */

static void test_ditolak_counts_in_divisor_only(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	char line[24];
	for (int i = 0; i < 10; i++) {
		snprintf(line, sizeof line, "%d", i + 2);
		inn_nine(f, "k/a.csv", line, "52.72", line); /* S = 9.00 each */
	}
	/* rejected by the verifiers, applied in 2019 (outside the window):
	 * still ditolak, not excluded */
	hs_inn(&f->g, "k/a.csv", "20", "52.72", "TOLAK", "2023-07-10");
	hs_set(&f->g, PL_SUB_STATUS, "ditolak");
	hs_set(&f->g, PL_SUB_TGL_TERAP, "2019-08-01");
	all_sid(&f->g, "3");
	put(f);
	finish(f);
	/* n_div = 10 + 1 = 11 = D; n_count = 10; J = 0.38 x 10 = 3.80;
	 * sum S = 90.00 (the ditolak one adds 0);
	 * sid_num = 9000 + 380 x 11 = 13180, sid_den 11;
	 * SID = 13180/11 = 1198.18.. hundredths -> 11.98;
	 * IID = (13180/11) / 25000 x 10000 = 479.27.. hundredths -> 4.79.
	 * (Were ditolak not in D: D = 10, SID = 9 + 3.8 = 12.80, IID 5.12.) */
	const struct hs_rec *r = reg(f, "2023", "52.72");
	assert_string_equal(hs_get(r, PL_REG_N_DIV), "11");
	assert_string_equal(hs_get(r, PL_REG_DIVISOR), "11");
	assert_string_equal(hs_get(r, PL_REG_N_COUNT), "10");
	assert_string_equal(hs_get(r, PL_REG_N_DITOLAK), "1");
	assert_string_equal(hs_get(r, PL_REG_N_EXCLUDED), "0");
	assert_string_equal(hs_get(r, PL_REG_JUMLAH), "3.80");
	assert_string_equal(hs_get(r, PL_REG_SID_NUM), "13180");
	assert_string_equal(hs_get(r, PL_REG_SID_DEN), "11");
	assert_string_equal(hs_get(r, PL_REG_SID), "11.98");
	/* mean maturity over the 10 scored only: 90/10 = 9.00; 9/111 = 8.108 % */
	assert_string_equal(hs_get(r, PL_REG_AVG), "9.00");
	assert_string_equal(hs_get(r, PL_REG_AVG_PCT), "8.11");
	expect_iid(f, "2023", "52.72", "4.79", KURANG);
	const struct hs_rec *n = inn(f, "k/a.csv", "20");
	assert_string_equal(hs_get(n, PL_INN_DISPOSITION), "ditolak");
	assert_string_equal(hs_get(n, PL_INN_CLAIMED), "111.00");
	assert_string_equal(hs_get(n, PL_INN_COUNTED), "0.00");
}

static void test_excluded_and_window_edges(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	/* window 2021-01-01..2022-12-31, inclusive */
	static const struct {
		const char *line, *terap, *status, *disposition, *counted;
	} c[] = {
		{"2", "2021-01-01", "menunggu", "scored", "9.00"}, /* first day */
		{"3", "2022-12-31", "", "scored", "9.00"},         /* last day */
		{"4", "", "diterima", "scored", "9.00"},           /* not applied yet */
		{"5", NULL, NULL, "scored", "9.00"},               /* no column */
		{"6", "2020-12-31", "diterima", "excluded", ""},   /* a day early */
		{"7", "2023-01-01", "menunggu", "excluded", ""},   /* a day late */
	};
	for (size_t i = 0; i < 6; i++) {
		hs_inn(&f->g, "k/w.csv", c[i].line, "52.71", c[i].line, "2023-07-10");
		hs_set(&f->g, PL_SUB_TGL_TERAP, c[i].terap);
		hs_set(&f->g, PL_SUB_STATUS, c[i].status);
		if (strcmp(c[i].disposition, "excluded") == 0)
			all_sid(&f->g, "3"); /* 111 points that must not count */
		else
			hs_ans(&f->g, "16", "3", "bukti.pdf", ""); /* 9.00 */
		put(f);
	}
	finish(f);
	for (size_t i = 0; i < 6; i++) {
		const struct hs_rec *r = inn(f, "k/w.csv", c[i].line);
		assert_string_equal(hs_get(r, PL_INN_DISPOSITION), c[i].disposition);
		assert_string_equal(hs_get(r, PL_INN_COUNTED), c[i].counted);
	}
	/* 4 scored x 9.00 = 36.00; n_div = n_count = 4; n_excluded = 2;
	 * D = 10; J = 0.38 x 4 = 1.52; SID = 3.60 + 1.52 = 5.12;
	 * IID = 5.12 / 2.5 = 2.048 -> 2.05 */
	const struct hs_rec *r = reg(f, "2023", "52.71");
	assert_string_equal(hs_get(r, PL_REG_N_DIV), "4");
	assert_string_equal(hs_get(r, PL_REG_N_COUNT), "4");
	assert_string_equal(hs_get(r, PL_REG_N_EXCLUDED), "2");
	assert_string_equal(hs_get(r, PL_REG_SID), "5.12");
	expect_iid(f, "2023", "52.71", "2.05", KURANG);
}

/* -------------------------------------------------------------- (d) */

/* The SUPERSEDED reject about file:line, naming the winner. */
static void expect_superseded(const struct fx *f, const char *file, const char *line,
			      const char *kirim, const char *kind, const char *winner)
{
	const struct hs_rec *r = hs_find_code(&f->cap, PL_KIND_REJ, "SUPERSEDED", file, line);
	if (!r)
		fail_msg("no SUPERSEDED reject for %s:%s", file, line);
	assert_string_equal(hs_get(r, PL_REJ_FIELD), "tanggal_kirim");
	assert_string_equal(hs_get(r, PL_REJ_VALUE), kirim);
	assert_string_equal(hs_get(r, PL_REJ_STAGE), "score");
	assert_string_equal(hs_get(r, PL_REJ_REC_KIND), kind);
	assert_string_equal(hs_get(r, PL_REJ_TAHUN), "2023");
	struct pl_buf want = {0};
	pl_buf_printf(&want, "%s: %s", pl_reject_message(PL_REJ_SUPERSEDED, PL_LANG_ID), winner);
	assert_string_equal(hs_get(r, PL_REJ_MESSAGE), pl_buf_str(&want));
	pl_buf_free(&want);
}

static void dup_pair(struct fx *f, int later_first)
{
	start(f, &real->ctx);
	for (int k = 0; k < 2; k++) {
		if ((k == 0) == (later_first != 0)) {
			/* sent later: S = row 16 at level 1 = 3.00 */
			hs_inn(&f->g, "k/b.csv", "4", "52.72", "DUP", "2023-07-24 16:40:00");
			hs_ans(&f->g, "16", "1", "bukti.pdf", "");
		} else {
			/* sent earlier: S = 111.00 */
			hs_inn(&f->g, "k/a.csv", "2", "52.72", "DUP", "2023-07-10");
			all_sid(&f->g, "3");
		}
		put(f);
	}
	finish(f);
	/* the later copy (3.00) counts: D = 10, J = 0.38,
	 * SID = 0.30 + 0.38 = 0.68, IID = 0.68/2.5 = 0.272 -> 0.27
	 * (had the earlier 111.00 copy counted: 4.59) */
	expect_iid(f, "2023", "52.72", "0.27", KURANG);
	assert_string_equal(hs_get(reg(f, "2023", "52.72"), PL_REG_N_DIV), "1");
	assert_string_equal(hs_get(inn(f, "k/b.csv", "4"), PL_INN_DISPOSITION), "scored");
	const struct hs_rec *lost = inn(f, "k/a.csv", "2");
	assert_string_equal(hs_get(lost, PL_INN_DISPOSITION), "superseded");
	assert_string_equal(hs_get(lost, PL_INN_COUNTED), "");
	assert_non_null(strstr(hs_get(lost, PL_INN_REASON), "k/b.csv:4"));
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 1);
	expect_superseded(f, "k/a.csv", "2", "2023-07-10", "inovasi", "k/b.csv:4");
	const struct hs_rec *r = hs_nth(&f->cap, PL_KIND_REJ, 0);
	assert_string_equal(hs_get(r, PL_REJ_KODE), "52.72");
	assert_string_equal(hs_get(r, PL_REJ_ID), "DUP");
	assert_string_equal(hs_get(r, PL_REJ_NAMA), "Inovasi DUP");
	assert_int_equal(hs_count(&f->cap, PL_KIND_INN), 2);
}

static void test_duplicate_later_kirim_wins(void **state)
{
	struct fx *f = *state;
	dup_pair(f, 0); /* the later-sent copy arrives second */
	dup_pair(f, 1); /* the later-sent copy arrives first */
}

static void test_duplicate_equal_kirim_later_arrival_wins(void **state)
{
	struct fx *f = *state;
	for (int order = 0; order < 2; order++) {
		start(f, &real->ctx);
		/* "2023-07-10" is midnight, the same time as "2023-07-10 00:00:00" */
		const char *first_file = order ? "k/z.csv" : "k/a.csv";
		const char *second_file = order ? "k/a.csv" : "k/z.csv";
		hs_inn(&f->g, first_file, "2", "52.72", "DUP", "2023-07-10");
		hs_ans(&f->g, "16", "1", "bukti.pdf", ""); /* 3.00 */
		put(f);
		hs_inn(&f->g, second_file, "3", "52.72", "DUP", "2023-07-10 00:00:00");
		all_sid(&f->g, "3"); /* 111.00 */
		put(f);
		finish(f);
		/* the second arrival (111.00) counts: IID 4.59 as in (a) */
		expect_iid(f, "2023", "52.72", "4.59", KURANG);
		assert_string_equal(hs_get(inn(f, first_file, "2"), PL_INN_DISPOSITION),
				    "superseded");
		assert_string_equal(hs_get(inn(f, second_file, "3"), PL_INN_DISPOSITION), "scored");
		struct pl_buf w = {0};
		pl_buf_printf(&w, "%s:3", second_file);
		expect_superseded(f, first_file, "2", "2023-07-10", "inovasi", pl_buf_str(&w));
		pl_buf_free(&w);
	}
}

static void test_duplicate_three_copies_and_other_region(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	static const char *const kirim[] = {"2023-07-01", "2023-07-20", "2023-07-10"};
	static const char *const lines[] = {"2", "3", "4"};
	for (size_t i = 0; i < 3; i++) {
		hs_inn(&f->g, "k/a.csv", lines[i], "52.72", "TRIPLE", kirim[i]);
		hs_ans(&f->g, "16", "3", "bukti.pdf", ""); /* 9.00 each */
		put(f);
	}
	/* the same id in another region is another innovation */
	inn_nine(f, "k/b.csv", "2", "52.71", "TRIPLE");
	finish(f);
	/* line 3 (07-20) wins; lines 2 and 4 both name it */
	assert_string_equal(hs_get(inn(f, "k/a.csv", "3"), PL_INN_DISPOSITION), "scored");
	expect_superseded(f, "k/a.csv", "2", "2023-07-01", "inovasi", "k/a.csv:3");
	expect_superseded(f, "k/a.csv", "4", "2023-07-10", "inovasi", "k/a.csv:3");
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 2);
	assert_string_equal(hs_get(inn(f, "k/b.csv", "2"), PL_INN_DISPOSITION), "scored");
	/* each region: one 9.00 innovation: SID = 0.90 + 0.38 = 1.28,
	 * IID = 1.28 / 2.5 = 0.512 -> 0.51 */
	expect_iid(f, "2023", "52.72", "0.51", KURANG);
	expect_iid(f, "2023", "52.71", "0.51", KURANG);
	assert_string_equal(hs_get(reg(f, "2023", "52.72"), PL_REG_N_DIV), "1");
}

static void test_duplicate_spd(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	/* 52.72: the later-sent (level 1 everywhere: 21.00) arrives first */
	spd_all(f, "s/spd1.csv", "2", "52.72", "2023-08-01", "1");
	spd_all(f, "s/spd2.csv", "2", "52.72", "2023-07-01 10:00", "3");
	/* 52.71: equal times: the later arrival (level 1: 21.00) wins */
	spd_all(f, "s/spd1.csv", "3", "52.71", "2023-07-05", "3");
	spd_all(f, "s/spd2.csv", "3", "52.71", "2023-07-05 00:00", "1");
	finish(f);
	/* SPD = 21.00, nothing else: IID = 21 / 250 x 100 = 8.40 */
	expect_iid(f, "2023", "52.72", "8.40", KURANG);
	expect_iid(f, "2023", "52.71", "8.40", KURANG);
	assert_string_equal(hs_get(reg(f, "2023", "52.72"), PL_REG_SPD), "21.00");
	assert_int_equal(hs_count(&f->cap, PL_KIND_SPD), 4);
	const struct hs_rec *lost =
		hs_find2(&f->cap, PL_KIND_SPD, PL_SPD_FILE, "s/spd2.csv", PL_SPD_LINE, "2");
	assert_non_null(lost);
	assert_string_equal(hs_get(lost, PL_SPD_DISPOSITION), "superseded");
	assert_non_null(strstr(hs_get(lost, PL_SPD_REASON), "s/spd1.csv:2"));
	assert_string_equal(hs_get(lost, PL_SPD_SCORED), "63.00");
	const struct hs_rec *won =
		hs_find2(&f->cap, PL_KIND_SPD, PL_SPD_FILE, "s/spd1.csv", PL_SPD_LINE, "2");
	assert_string_equal(hs_get(won, PL_SPD_DISPOSITION), "used");
	expect_superseded(f, "s/spd2.csv", "2", "2023-07-01 10:00", "spd", "s/spd1.csv:2");
	expect_superseded(f, "s/spd1.csv", "3", "2023-07-05", "spd", "s/spd2.csv:3");
	const struct hs_rec *r = hs_find_code(&f->cap, PL_KIND_REJ, "SUPERSEDED", "s/spd2.csv", "2");
	assert_string_equal(hs_get(r, PL_REJ_KODE), "52.72");
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 2);
}

/* An innovation of 52.72 with this name and agency. */
static void named_inn(struct fx *f, const char *file, const char *line, const char *kode,
		      const char *id, const char *nama, const char *opd)
{
	hs_inn(&f->g, file, line, kode, id, "2023-07-10");
	hs_set(&f->g, PL_SUB_NAMA, nama);
	hs_set(&f->g, PL_SUB_OPD, opd);
	hs_ans(&f->g, "16", "3", "bukti.pdf", ""); /* 9.00 */
	put(f);
}

static void test_near_duplicate_warned_both_count(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	named_inn(f, "k/a.csv", "2", "52.72", "A-1", "Posyandu Digital", "Dinas Kesehatan");
	named_inn(f, "k/b.csv", "5", "52.72", "A-7", "posyandu  DIGITAL", "DINAS KESEHATAN");
	named_inn(f, "k/b.csv", "6", "52.72", "A-9", "Posyandu-Digital", "Dinas Kesehatan");
	/* not near-duplicates: another agency, another region */
	named_inn(f, "k/b.csv", "7", "52.72", "B-1", "Posyandu Digital", "Dinas Sosial");
	named_inn(f, "k/c.csv", "2", "52.71", "A-7", "Posyandu Digital", "Dinas Kesehatan");
	finish(f);
	/* a warning on each later one, naming the first; nothing dropped */
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_WARN, PL_REJ_CODE, "NEAR_DUPLICATE"), 2);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	static const char *const later[][2] = {{"5", "A-7"}, {"6", "A-9"}};
	for (size_t i = 0; i < 2; i++) {
		const struct hs_rec *w =
			hs_find_code(&f->cap, PL_KIND_WARN, "NEAR_DUPLICATE", "k/b.csv", later[i][0]);
		assert_non_null(w);
		assert_string_equal(hs_get(w, PL_REJ_FIELD), "id_inovasi");
		assert_string_equal(hs_get(w, PL_REJ_VALUE), later[i][1]);
		assert_string_equal(hs_get(w, PL_REJ_STAGE), "score");
		assert_non_null(strstr(hs_get(w, PL_REJ_MESSAGE), "A-1 (k/a.csv:2)"));
	}
	/* 52.72: four scored innovations of 9.00 = 36.00; D = 10;
	 * J = 0.38 x 4 = 1.52; SID = 3.60 + 1.52 = 5.12; IID = 2.048 -> 2.05 */
	assert_string_equal(hs_get(reg(f, "2023", "52.72"), PL_REG_N_COUNT), "4");
	expect_iid(f, "2023", "52.72", "2.05", KURANG);
}

static void test_accounting(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	/* k/a.csv: DUP (sent 07-01) and X; k/b.csv: DUP again (sent 07-20);
	 * k/s.csv: an SPD record */
	hs_inn(&f->g, "k/a.csv", "2", "52.72", "DUP", "2023-07-01");
	put(f);
	inn_nine(f, "k/a.csv", "3", "52.72", "X");
	hs_inn(&f->g, "k/b.csv", "2", "52.72", "DUP", "2023-07-20");
	put(f);
	spd_all(f, "k/s.csv", "2", "52.72", "2023-07-10", "1");
	assert_int_equal(hs_count(&f->cap, PL_KIND_ACCT), 0);
	finish(f);
	assert_int_equal(hs_count(&f->cap, PL_KIND_ACCT), 3);
	static const struct {
		const char *file, *in, *out, *superseded;
	} want[] = {
		{"k/a.csv", "2", "1", "1"}, /* line 2 lost to k/b.csv:2 */
		{"k/b.csv", "1", "1", "0"},
		{"k/s.csv", "1", "1", "0"},
	};
	for (size_t i = 0; i < 3; i++) {
		const struct hs_rec *a = hs_find(&f->cap, PL_KIND_ACCT, PL_ACCT_FILE, want[i].file);
		assert_non_null(a);
		assert_string_equal(hs_get(a, PL_ACCT_STAGE), "score");
		assert_string_equal(hs_get(a, PL_ACCT_IN), want[i].in);
		assert_string_equal(hs_get(a, PL_ACCT_OUT), want[i].out);
		assert_string_equal(hs_get(a, PL_ACCT_REJECTED), "0");
		assert_string_equal(hs_get(a, PL_ACCT_SUPERSEDED), want[i].superseded);
	}
}

/* -------------------------------------------------------------- (f) */

static void test_jumlah_cap(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	static const char *const regions[] = {"52.01", "52.02", "52.03"};
	static const int count[] = {199, 200, 201};
	char line[24];
	for (size_t k = 0; k < 3; k++)
		for (int i = 0; i < count[k]; i++) {
			/* innovations with no answers: S = 0, but counted */
			snprintf(line, sizeof line, "%d", i + 2);
			hs_inn(&f->g, regions[k], line, regions[k], line, "2023-07-10");
			put(f);
		}
	finish(f);
	/* sum S = 0, D = n: SID = J.
	 * 199: J = 0.38 x 199 = 75.62; IID = 75.62 / 2.5 = 30.248 -> 30.25
	 * 200: J = 0.38 x 200 = 76.00; IID = 76 / 2.5 = 30.40
	 * 201: J = 0.38 x min(201, 200) = 76.00; IID 30.40 */
	static const char *const j[] = {"75.62", "76.00", "76.00"};
	static const char *const iid[] = {"30.25", "30.40", "30.40"};
	static const char *const n[] = {"199", "200", "201"};
	for (size_t k = 0; k < 3; k++) {
		const struct hs_rec *r = reg(f, "2023", regions[k]);
		assert_string_equal(hs_get(r, PL_REG_JUMLAH), j[k]);
		assert_string_equal(hs_get(r, PL_REG_SID), j[k]);
		assert_string_equal(hs_get(r, PL_REG_N_COUNT), n[k]);
		assert_string_equal(hs_get(r, PL_REG_DIVISOR), n[k]);
		expect_iid(f, "2023", regions[k], iid[k], KURANG);
	}
}

/* -------------------------------------------- temp methodologies (e-h) */

struct conf {
	const char *year, *max_total, *floor, *jumlah_per, *jumlah_cap;
	const char *gate_min, *gate_urusan, *div, *jum, *rule, *from, *to;
};

static char *conf_text(const struct conf *c)
{
	struct pl_buf b = {0};
	pl_buf_printf(&b,
		      "# written by test_score.c\n"
		      "year = %s\nname = Uji\nmax_total = %s\nmax_level = 3\n"
		      "divisor_floor = %s\njumlah_per_innovation = %s\njumlah_cap = %s\n"
		      "jumlah_gate_min = %s\njumlah_gate_urusan = %s\n"
		      "divisor_counts = %s\njumlah_counts = %s\nevidence_rule = %s\n"
		      "eligible_from = %s\neligible_to = %s\n",
		      c->year, c->max_total, c->floor, c->jumlah_per, c->jumlah_cap,
		      c->gate_min ? c->gate_min : "", c->gate_urusan ? c->gate_urusan : "",
		      c->div ? c->div : "scored, ditolak", c->jum ? c->jum : "scored",
		      c->rule ? c->rule : "verified_or_evidenced", c->from ? c->from : "",
		      c->to ? c->to : "");
	return b.p;
}

/* Writes a methodology folder under f->tmp (made on first use) and, unless
 * parent_only, loads it with the real master into f->own. */
static char *make_method(struct fx *f, const char *name, const struct conf *c,
			 const char *const *rows, size_t nrows)
{
	if (!f->tmp)
		f->tmp = hs_tmpdir();
	char *text = conf_text(c);
	char *dir = hs_method_dir(f->tmp, name, text, rows, nrows, NULL);
	free(text);
	return dir;
}

static void load_own(struct fx *f, const char *methodology)
{
	hs_data_free(f->own);
	f->own = hs_data_load("master/regions.csv", methodology);
}

/* Rounding edges. max_total = 200.00, divisor_floor 1, J = 0.01 x min(n, 2):
 * with no innovation D = 1 and J = 0, so IID = SPD / 200 x 100 = SPD / 2.
 * SPD rows forty 40.00, ten 10.00 and b4..b0 2.56, 0.64, 0.16, 0.04, 0.01
 * (base-4 digits of hundredths, levels 0-3); SID rows s100 1.00, s033 0.33,
 * s001 0.01 and pad 11.91 (never answered). Sum of weights = 53.41 + 13.25
 * = 66.66; 3 x 66.66 + 0.01 x 2 = 199.98 + 0.02 = 200.00 = max_total. */
static const char *const edge_rows[] = {
	"forty,spd,40.00", "ten,spd,10.00", "b4,spd,2.56",  "b3,spd,0.64",
	"b2,spd,0.16",     "b1,spd,0.04",   "b0,spd,0.01",  "s100,sid,1.00",
	"s033,sid,0.33",   "s001,sid,0.01", "pad,sid,11.91",
};

/* An SPD record of year 2030 for kode: levels of forty ten b4 b3 b2 b1 b0. */
static void edge_spd(struct fx *f, const char *kode, const char *levels)
{
	static const char *const rows[] = {"forty", "ten", "b4", "b3", "b2", "b1", "b0"};
	hs_sub(&f->g, "e/spd.csv", kode, "spd", "2030", kode, "2030-07-01");
	for (size_t i = 0; i < 7; i++) {
		char lv[2] = {levels[i], '\0'};
		hs_ans(&f->g, rows[i], lv, "bukti.pdf", "");
	}
	put(f);
}

/* n innovations of year 2030 in kode, the first ones answering s100, s033
 * or s001 as given (a NULL row: no answer). */
static void edge_innovations(struct fx *f, const char *kode, int n, const char *const (*ans)[2],
			     size_t nans)
{
	char line[24];
	for (int i = 0; i < n; i++) {
		snprintf(line, sizeof line, "%d", i + 2);
		hs_inn(&f->g, kode, line, kode, line, "2030-07-01");
		hs_set(&f->g, PL_SUB_TAHUN, "2030");
		if ((size_t)i < nans)
			hs_ans(&f->g, ans[i][0], ans[i][1], "bukti.pdf", "");
		put(f);
	}
}

static void test_rounding_edges(void **state)
{
	struct fx *f = *state;
	struct conf c = {"2030", "200.00", "1", "0.01", "2"};
	char *dir = make_method(f, "edge", &c, edge_rows, sizeof edge_rows / sizeof *edge_rows);
	load_own(f, dir);
	free(dir);
	start(f, &f->own->ctx);
	/*            levels: forty ten b4 b3 b2 b1 b0 */
	edge_spd(f, "11", "3000002");    /* 120.00 + 0.02 = 120.02 -> 60.01 */
	edge_spd(f, "11.01", "3000000"); /* 120.00 -> 60.00 */
	edge_spd(f, "11.02", "1300000"); /* 40 + 30 = 70.00 -> 35.00 */
	/* 40 + 20 + 3x2.56 + 3x0.64 + 2x0.16 + 1x0.04 + 2x0.01
	 * = 60 + 7.68 + 1.92 + 0.32 + 0.04 + 0.02 = 69.98 -> 34.99 */
	edge_spd(f, "11.03", "1233212");
	edge_spd(f, "11.04", "0000002"); /* 0.02 -> 0.01 */
	edge_spd(f, "11.05", "0000001"); /* 0.01 -> exactly 0.005 -> 0.01 (up) */
	/* 3 x 0.64 + 2 x 0.04 + 1 x 0.01 = 1.92 + 0.08 + 0.01 = 2.01
	 * -> exactly 1.005 -> 1.01 (in binary floating point 2.01/200*100 is
	 * 1.00499999.. and would round to 1.00) */
	edge_spd(f, "11.06", "0003021");
	edge_spd(f, "11.07", "0000000"); /* an SPD record worth 0 -> 0.00 */
	/* 11.08 sends nothing -> 0.00 */

	/* Through a division: 500 innovations (n_div = D = 500), J = 0.01 x
	 * min(500, 2) = 0.02, SPD 1.98 (3 x 0.64 + 1 x 0.04 + 2 x 0.01).
	 * IID_h = (SPD_h x D + sum_h + J_h x D) x 10000 / (D x 20000)
	 *       = (198 x 500 + sum_h + 2 x 500) / 1000 = (100000 + sum_h) / 1000.
	 * 11.09: sum = 3.00 + 1.00 + 0.99 = 4.99: 100499/1000 = 100.499
	 *        hundredths (IID 1.00499) -> 1.00, just below the half;
	 * 11.10: sum = 4.99 + 0.01 = 5.00: 100500/1000 = 100.5 -> 1.01. */
	edge_spd(f, "11.09", "0003012");
	edge_spd(f, "11.10", "0003012");
	static const char *const below[][2] = {{"s100", "3"}, {"s100", "1"}, {"s033", "3"}};
	static const char *const half[][2] = {
		{"s100", "3"}, {"s100", "1"}, {"s033", "3"}, {"s001", "1"}};
	edge_innovations(f, "11.09", 500, below, 3);
	edge_innovations(f, "11.10", 500, half, 4);
	finish(f);

	expect_iid(f, "2030", "11", "60.01", SANGAT);
	expect_iid(f, "2030", "11.01", "60.00", INOVATIF);
	expect_iid(f, "2030", "11.02", "35.00", INOVATIF);
	expect_iid(f, "2030", "11.03", "34.99", KURANG);
	expect_iid(f, "2030", "11.04", "0.01", KURANG);
	expect_iid(f, "2030", "11.05", "0.01", KURANG);
	expect_iid(f, "2030", "11.06", "1.01", KURANG);
	expect_iid(f, "2030", "11.07", "0.00", TDD);
	expect_iid(f, "2030", "11.08", "0.00", TDD);
	expect_iid(f, "2030", "11.09", "1.00", KURANG);
	expect_iid(f, "2030", "11.10", "1.01", KURANG);
	assert_string_equal(hs_get(reg(f, "2030", "11.03"), PL_REG_SPD), "69.98");
	/* 11.09: sid_num = 499 + 2 x 500 = 1499 over 500 (2.998 -> 3 hundredths) */
	const struct hs_rec *r = reg(f, "2030", "11.09");
	assert_string_equal(hs_get(r, PL_REG_SID_NUM), "1499");
	assert_string_equal(hs_get(r, PL_REG_SID_DEN), "500");
	assert_string_equal(hs_get(r, PL_REG_SID), "0.03");
	assert_string_equal(hs_get(r, PL_REG_JUMLAH), "0.02");
}

/* Gate: rows p (spd 1.00) and s (sid 1.00), J = 1.00 x min(n, 10), floor 1:
 * max_total = 3 + 3 + 10 = 16.00. With no answers sum S = 0 and SPD = 0, so
 * IID = J / 16 x 100. */
static const char *const small_rows[] = {"p,spd,1.00", "s,sid,1.00"};

static void gate_inn(struct fx *f, const char *kode, const char *line, const char *id,
		     const char *urusan, const char *status, const char *terap, const char *kirim)
{
	hs_inn(&f->g, "g/a.csv", line, kode, id, kirim);
	hs_set(&f->g, PL_SUB_TAHUN, "2030");
	hs_set(&f->g, PL_SUB_URUSAN, urusan);
	hs_set(&f->g, PL_SUB_STATUS, status);
	hs_set(&f->g, PL_SUB_TGL_TERAP, terap);
	put(f);
}

static void test_basic_services_gate(void **state)
{
	struct fx *f = *state;
	struct conf c = {"2030",     "16.00", "1", "1.00", "10", "2",
			 "pendidikan | kesehatan | sosial",
			 NULL,       NULL,    NULL, "2021-01-01", "2022-12-31"};
	char *dir = make_method(f, "gate", &c, small_rows, 2);
	load_own(f, dir);
	free(dir);
	start(f, &f->own->ctx);
	const char *in = "2021-06-14", *out = "2019-01-01", *k = "2030-07-01";
	/* 11.01: two of the list (case does not matter) */
	gate_inn(f, "11.01", "2", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.01", "3", "B", "Kesehatan", "diterima", in, k);
	/* 11.02: the same urusan twice is one */
	gate_inn(f, "11.02", "4", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.02", "5", "B", "pendidikan", "menunggu", in, k);
	/* 11.03: one of the list and one not on it */
	gate_inn(f, "11.03", "6", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.03", "7", "B", "pariwisata", "diterima", in, k);
	/* 11.04: the second urusan only on a ditolak innovation */
	gate_inn(f, "11.04", "8", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.04", "9", "B", "kesehatan", "ditolak", in, k);
	/* 11.05: the second urusan only on an excluded innovation */
	gate_inn(f, "11.05", "10", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.05", "11", "B", "kesehatan", "diterima", out, k);
	/* 11.06: three of the list */
	gate_inn(f, "11.06", "12", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.06", "13", "B", "sosial", "", in, k);
	gate_inn(f, "11.06", "14", "C", "kesehatan", "diterima", in, k);
	/* 11.07: the second urusan only on a superseded copy */
	gate_inn(f, "11.07", "15", "A", "pendidikan", "diterima", in, k);
	gate_inn(f, "11.07", "16", "B", "kesehatan", "diterima", in, "2030-07-01");
	gate_inn(f, "11.07", "17", "B", "pariwisata", "diterima", in, "2030-07-20");
	finish(f);
	/* 11.01: 2 urusan >= 2: J = 1.00 x 2 = 2.00, D = 2;
	 *        IID = 2.00 / 16 x 100 = 12.50 */
	expect_iid(f, "2030", "11.01", "12.50", KURANG);
	assert_string_equal(hs_get(reg(f, "2030", "11.01"), PL_REG_JUMLAH), "2.00");
	/* 11.02, 11.03, 11.04, 11.05, 11.07: one urusan of the list: J = 0 */
	static const char *const zero[] = {"11.02", "11.03", "11.04", "11.05", "11.07"};
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(hs_get(reg(f, "2030", zero[i]), PL_REG_JUMLAH), "0.00");
		expect_iid(f, "2030", zero[i], "0.00", TDD);
	}
	/* the gate takes J only: the counts stand */
	assert_string_equal(hs_get(reg(f, "2030", "11.02"), PL_REG_N_COUNT), "2");
	assert_string_equal(hs_get(reg(f, "2030", "11.04"), PL_REG_N_DIV), "2");
	assert_string_equal(hs_get(reg(f, "2030", "11.05"), PL_REG_N_EXCLUDED), "1");
	/* 11.06: J = 3.00, D = 3: IID = 3 / 16 x 100 = 18.75 */
	expect_iid(f, "2030", "11.06", "18.75", KURANG);
}

/* Switchable settings, on the small method (max_total 16.00, floor 1,
 * J = 1.00 x min(n, 10)); IID_h = (SPD_h x D + sum_h + J_h x D) x 10000 /
 * (D x 1600).
 *  11.01: three innovations, one answer on s (weight 1) each:
 *    I1 claimed 3 without evidence; I2 claimed 2 with evidence;
 *    I3 claimed 1, verified 3.  n = 3: D = 3, J = 3.00.
 *  11.02: one innovation s claimed 3 with evidence, one ditolak.
 *  11.03: one innovation s claimed 3 with evidence, applied in 1999. */
struct variant {
	const char *name, *div, *jum, *rule, *from, *to;
	const char *iid[3];
	const char *scored_i1, *scored_i2, *scored_i3;
};

static const struct variant variants[] = {
	/* default rules, window 2021..2022:
	 * 11.01: sum = 0 + 2 + 3 = 5: (500 + 300 x 3) x 10000 / 4800
	 *        = 14000000/4800 = 2916.67 -> 29.17
	 * 11.02: D = 2 (scored + ditolak), J = 1.00 (scored):
	 *        (300 + 100 x 2) x 10000 / 3200 = 1562.5 -> 15.63 (half up)
	 * 11.03: excluded: nothing counts -> 0.00 */
	{"default", NULL, NULL, NULL, "2021-01-01", "2022-12-31",
	 {"29.17", "15.63", "0.00"}, "0.00", "2.00", "3.00"},
	/* verified_or_claimed, open-ended window:
	 * 11.01: sum = 3 + 2 + 3 = 8: (800 + 900) x 10000 / 4800 = 3541.67
	 *        -> 35.42 (Inovatif)
	 * 11.02: as default: 15.63
	 * 11.03: no window: scored 3, D = 1, J = 1: (300 + 100) x 10000 /
	 *        1600 = 2500 -> 25.00 */
	{"claimed", NULL, NULL, "verified_or_claimed", NULL, NULL,
	 {"35.42", "15.63", "25.00"}, "3.00", "2.00", "3.00"},
	/* verified_only, open-ended window:
	 * 11.01: sum = 0 + 0 + 3 = 3: (300 + 900) x 10000 / 4800 = 2500 -> 25.00
	 * 11.02: S = 0: (0 + 100 x 2) x 10000 / 3200 = 625 -> 6.25
	 * 11.03: S = 0: (0 + 100) x 10000 / 1600 = 625 -> 6.25 */
	{"verified", NULL, NULL, "verified_only", NULL, NULL,
	 {"25.00", "6.25", "6.25"}, "0.00", "0.00", "3.00"},
	/* divisor_counts = scored: 11.02: D = 1, J = 1.00:
	 *        (300 + 100) x 10000 / 1600 = 2500 -> 25.00 */
	{"div-scored", "scored", NULL, NULL, "2021-01-01", "2022-12-31",
	 {"29.17", "25.00", "0.00"}, "0.00", "2.00", "3.00"},
	/* jumlah_counts = scored, ditolak: 11.02: D = 2, J = 2.00:
	 *        (300 + 200 x 2) x 10000 / 3200 = 2187.5 -> 21.88 */
	{"jum-both", NULL, "scored, ditolak", NULL, "2021-01-01", "2022-12-31",
	 {"29.17", "21.88", "0.00"}, "0.00", "2.00", "3.00"},
};

static void sw_inn(struct fx *f, const char *kode, const char *line, const char *level,
		   const char *bukti, const char *verif)
{
	hs_inn(&f->g, "w/a.csv", line, kode, line, "2030-07-01");
	hs_set(&f->g, PL_SUB_TAHUN, "2030");
	hs_ans(&f->g, "s", level, bukti, verif);
}

static void test_switchable_settings(void **state)
{
	struct fx *f = *state;
	static const char *const codes[] = {"11.01", "11.02", "11.03"};
	for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
		const struct variant *w = &variants[v];
		struct conf c = {"2030", "16.00", "1",    "1.00", "10",   NULL,
				 NULL,   w->div,  w->jum, w->rule, w->from, w->to};
		char *dir = make_method(f, w->name, &c, small_rows, 2);
		load_own(f, dir);
		free(dir);
		start(f, &f->own->ctx);
		sw_inn(f, "11.01", "2", "3", "", NULL);
		put(f);
		sw_inn(f, "11.01", "3", "2", "sk.pdf", "");
		put(f);
		sw_inn(f, "11.01", "4", "1", "", "3");
		put(f);
		sw_inn(f, "11.02", "5", "3", "sk.pdf", "");
		put(f);
		sw_inn(f, "11.02", "6", "3", "sk.pdf", "");
		hs_set(&f->g, PL_SUB_STATUS, "ditolak");
		put(f);
		sw_inn(f, "11.03", "7", "3", "sk.pdf", "");
		hs_set(&f->g, PL_SUB_TGL_TERAP, "1999-01-01");
		put(f);
		finish(f);
		for (size_t k = 0; k < 3; k++) {
			const struct hs_rec *r = reg(f, "2030", codes[k]);
			if (strcmp(hs_get(r, PL_REG_IID), w->iid[k]) != 0)
				fail_msg("variant %s, %s: IID %s, expected %s", w->name, codes[k],
					 hs_get(r, PL_REG_IID), w->iid[k]);
		}
		assert_string_equal(hs_get(inn(f, "w/a.csv", "2"), PL_INN_SCORED), w->scored_i1);
		assert_string_equal(hs_get(inn(f, "w/a.csv", "3"), PL_INN_SCORED), w->scored_i2);
		assert_string_equal(hs_get(inn(f, "w/a.csv", "4"), PL_INN_SCORED), w->scored_i3);
	}
	expect_iid(f, "2030", "11.01", "29.17", KURANG); /* the last variant */
}

/* -------------------------------------------------------------- (h) */

static void test_every_master_region(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	inn_nine(f, "k/a.csv", "2", "52.72", "INOV-1");
	finish(f);
	assert_int_equal(real->master.n, 552);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REG), 552);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REG, PL_REG_YEAR, "2023"), 552);
	/* 38 provinces, 416 kabupaten, 98 kota: each master region once */
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REG, PL_REG_LEVEL, "provinsi"), 38);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REG, PL_REG_LEVEL, "kabupaten"), 416);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REG, PL_REG_LEVEL, "kota"), 98);
	for (size_t i = 0; i < real->master.n; i++)
		assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REG, PL_REG_CODE,
					     real->master.r[i].code),
				 1);
	/* Aceh sent nothing: D = 10 (the floor), everything 0 */
	const struct hs_rec *r = reg(f, "2023", "11");
	static const struct {
		size_t f;
		const char *v;
	} want[] = {
		{PL_REG_NAME, "Aceh"},   {PL_REG_LEVEL, "provinsi"}, {PL_REG_PROVINCE, "11"},
		{PL_REG_SPD, "0.00"},    {PL_REG_SID, "0.00"},       {PL_REG_SID_NUM, "0"},
		{PL_REG_JUMLAH, "0.00"}, {PL_REG_DIVISOR, "10"},     {PL_REG_N_DIV, "0"},
		{PL_REG_N_COUNT, "0"},   {PL_REG_AVG, ""},           {PL_REG_AVG_PCT, ""},
		{PL_REG_IID, "0.00"},    {PL_REG_PREDICATE, TDD},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strcmp(hs_get(r, want[i].f), want[i].v) != 0)
			fail_msg("11 %s = '%s', expected '%s'",
				 pl_schema_of(PL_KIND_REG)->names[want[i].f], hs_get(r, want[i].f),
				 want[i].v);
	/* 52.72 with one 9.00 innovation: 0.51 as in (d) */
	expect_iid(f, "2023", "52.72", "0.51", KURANG);
	/* a kabupaten's province is its parent */
	assert_string_equal(hs_get(reg(f, "2023", "52.01"), PL_REG_PROVINCE), "52");
}

static void test_no_records_no_regions(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	finish(f);
	assert_int_equal(f->cap.n, 0);
}

static void test_two_years(void **state)
{
	struct fx *f = *state;
	/* a folder of two methodologies, 2030 and 2031 (the small method) */
	struct conf c30 = {"2030", "16.00", "1", "1.00", "10"};
	struct conf c31 = {"2031", "16.00", "2", "1.00", "10"}; /* floor 2 */
	free(make_method(f, "iid-2030", &c30, small_rows, 2));
	free(make_method(f, "iid-2031", &c31, small_rows, 2));
	load_own(f, f->tmp);
	assert_int_equal(f->own->methods.n, 2);
	start(f, &f->own->ctx);
	/* the same id in 11.01 in both years: two innovations, no duplicate */
	sw_inn(f, "11.01", "2", "3", "sk.pdf", "");
	put(f);
	sw_inn(f, "11.01", "3", "3", "sk.pdf", "");
	hs_set(&f->g, PL_SUB_TAHUN, "2031");
	hs_set(&f->g, PL_SUB_ID, "2"); /* the id of line 2 */
	put(f);
	finish(f);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REJ), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REG), 2 * 552);
	assert_int_equal(hs_count_eq(&f->cap, PL_KIND_REG, PL_REG_YEAR, "2031"), 552);
	/* 2030: S = 3, D = max(1, 1) = 1, J = 1: (300 + 100) x 10000 / 1600
	 *       = 2500 -> 25.00
	 * 2031: D = max(2, 1) = 2: (300 + 100 x 2) x 10000 / (2 x 1600)
	 *       = 1562.5 -> 15.63 */
	expect_iid(f, "2030", "11.01", "25.00", KURANG);
	expect_iid(f, "2031", "11.01", "15.63", KURANG);
	expect_iid(f, "2031", "11.02", "0.00", TDD);
	/* reg records come year by year */
	assert_string_equal(hs_get(hs_nth(&f->cap, PL_KIND_REG, 0), PL_REG_YEAR), "2030");
	assert_string_equal(hs_get(hs_nth(&f->cap, PL_KIND_REG, 552), PL_REG_YEAR), "2031");
}

static void test_pass_through_and_sink_failure(void **state)
{
	struct fx *f = *state;
	start(f, &real->ctx);
	pl_group_start(&f->g, PL_KIND_SRC);
	hs_set(&f->g, PL_SRC_FILE, "k/a.csv");
	put(f);
	pl_group_start(&f->g, PL_KIND_REJ);
	hs_set(&f->g, PL_REJ_CODE, "LEVEL_RANGE");
	put(f);
	/* passed on at once, before finish */
	assert_int_equal(f->cap.n, 2);
	assert_int_equal(f->cap.v[0].kind, PL_KIND_SRC);
	assert_string_equal(hs_get(&f->cap.v[0], PL_SRC_FILE), "k/a.csv");
	assert_int_equal(f->cap.v[1].kind, PL_KIND_REJ);
	inn_nine(f, "k/a.csv", "2", "52.72", "INOV-1");
	assert_int_equal(f->cap.n, 2); /* held until the end */
	f->cap.fail = 1;
	assert_int_equal(f->st.finish(f->st.self), -1);
	assert_int_equal(f->cap.puts, 3); /* stopped at the first failure */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_marks_one_innovation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evidence_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ditolak_counts_in_divisor_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_excluded_and_window_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_later_kirim_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_equal_kirim_later_arrival_wins,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_three_copies_and_other_region, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_spd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near_duplicate_warned_both_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_accounting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rounding_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jumlah_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_basic_services_gate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_switchable_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_master_region, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_records_no_regions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_years, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pass_through_and_sink_failure, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
