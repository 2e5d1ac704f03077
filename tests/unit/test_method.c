/*
 * test_method.c: unit tests of pl_method.h, the loader of a year's scoring
 * method from its methodology folder.
 *
 * Loads the real methodology/iid-2023 of the repository (found from the
 * working directory; the suite runs from the repo root) and checks it
 * against the values its README states: year 2023, 40 rows (20 spd, 20
 * sid), weight sums 21.00 and 37.00, max_total 250.00, divisor floor 10,
 * jumlah 0.38 x 200, the switchable settings, predicates 60.01 / 35.00 /
 * 0.01 / 0.00, and pl_method_predicate at every edge. Then copies of the
 * folder, each broken in one way, are written to a temp folder and must
 * be refused with a message naming the file and line: a weight with three
 * decimals, a duplicated row, an unknown aspect, predicates not descending,
 * max_total not matching the rows, an unknown setting, a missing key, two
 * folders for the same year, and a few more.
 */
#include "unit.h"

#include "pl_method.h"

static char real[PATH_MAX]; /* methodology/iid-2023, as found */
static char tmp[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	unit_find_up("methodology/iid-2023", real);
	unit_tmpdir(tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmrf(tmp);
	return 0;
}

static void test_real_2023(void **state)
{
	(void)state;
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	if (pl_methods_load(&ms, real, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(ms.n, 1);
	const struct pl_method *m = pl_methods_find(&ms, 2023);
	assert_non_null(m);
	assert_ptr_equal(m, &ms.m[0]);
	assert_null(pl_methods_find(&ms, 2024));
	assert_null(pl_methods_find(&ms, 0));
	assert_int_equal(m->year, 2023);
	assert_string_equal(m->name, "Indeks Inovasi Daerah 2023");
	assert_string_equal(m->dir, real);

	assert_int_equal(m->nind, 40);
	size_t nspd = 0, nsid = 0;
	int64_t wspd = 0, wsid = 0;
	for (size_t i = 0; i < m->nind; i++) {
		if (m->ind[i].aspect == PL_ASPECT_SPD) {
			nspd++;
			wspd += m->ind[i].weight;
		} else {
			assert_int_equal(m->ind[i].aspect, PL_ASPECT_SID);
			nsid++;
			wsid += m->ind[i].weight;
		}
	}
	assert_int_equal(nspd, 20);
	assert_int_equal(nsid, 20);
	assert_int_equal(wspd, 2100); /* 21.00 */
	assert_int_equal(wsid, 3700); /* 37.00 */
	assert_int_equal(m->max_level, 3);
	assert_int_equal(m->max_total, 25000);
	assert_int_equal(m->divisor_floor, 10);
	assert_int_equal(m->jumlah_per, 38);
	assert_int_equal(m->jumlah_cap, 200);
	/* 3 x 21 + 3 x 37 + 0.38 x 200 = 250 */
	assert_int_equal(3 * wspd + 3 * wsid + m->jumlah_per * m->jumlah_cap, m->max_total);

	assert_int_equal(m->gate_min, 0);
	assert_int_equal(m->ngate, 0);
	assert_int_equal(m->divisor_counts, PL_DISP_SCORED | PL_DISP_DITOLAK);
	assert_int_equal(m->jumlah_counts, PL_DISP_SCORED);
	assert_int_equal(m->evidence_rule, PL_EVIDENCE_VERIFIED_OR_EVIDENCED);
	assert_int_equal(m->eligible_from, 20210101);
	assert_int_equal(m->eligible_to, 20221231);

	/* Rows in file order, looked up by id. */
	assert_string_equal(m->ind[0].row, "1");
	assert_int_equal(pl_method_row(m, "1"), 0);
	assert_int_equal(pl_method_row(m, "2a"), 1);
	assert_int_equal(pl_method_row(m, "35"), 39);
	assert_int_equal(pl_method_row(m, "36"), -1); /* jumlah: not a row */
	assert_int_equal(pl_method_row(m, "2"), -1);
	assert_int_equal(pl_method_row(m, ""), -1);
	const struct pl_indicator *r5a = &m->ind[pl_method_row(m, "5a")];
	assert_string_equal(r5a->indicator, "5");
	assert_int_equal(r5a->weight, 75);
	assert_int_equal(r5a->mandatory, 1);
	assert_string_equal(r5a->variable, "Institusi");
	const struct pl_indicator *r35 = &m->ind[39];
	assert_int_equal(r35->aspect, PL_ASPECT_SID);
	assert_int_equal(r35->weight, 400);
	assert_string_equal(r35->name, "Video inovasi");
	assert_int_equal(m->ind[pl_method_row(m, "2b")].mandatory, 0);
	/* The index finds every row at its own place; near misses miss. */
	for (size_t i = 0; i < m->nind; i++)
		assert_int_equal(pl_method_row(m, m->ind[i].row), (int)i);
	static const char *const misses[] = {"2A", "2a ", " 2a", "5", "5ab", "01", "350", "a"};
	for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
		assert_int_equal(pl_method_row(m, misses[i]), -1);
	/* A guess only saves the hashing: right, wrong or out of range, the
	 * answer is pl_method_row's. "2" guessed at "2a" is a prefix, not
	 * the row. */
	int nind = (int)m->nind;
	for (int i = 0; i < nind; i++) {
		int guesses[] = {i, i + 1, i - 1, 0, -1, nind, nind + 7};
		for (size_t k = 0; k < sizeof guesses / sizeof *guesses; k++)
			assert_int_equal(pl_method_row_after(m, m->ind[i].row, guesses[k]), i);
	}
	for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
		for (int g = -1; g <= nind; g++)
			assert_int_equal(pl_method_row_after(m, misses[i], g), -1);
	assert_int_equal(pl_method_row_after(m, "2", 1), -1);

	assert_int_equal(m->npred, 4);
	const char *names[] = {"Sangat Inovatif", "Inovatif", "Kurang Inovatif",
			       "Tidak Dapat Dinilai"};
	const int64_t from[] = {6001, 3500, 1, 0};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(m->pred[i].name, names[i]);
		assert_int_equal(m->pred[i].from, from[i]);
	}

	struct pl_buf years = {0};
	pl_methods_years(&ms, &years);
	assert_string_equal(pl_buf_str(&years), "2023");
	pl_buf_free(&years);
	pl_methods_free(&ms);
	assert_int_equal(ms.n, 0);
	assert_null(ms.m);
	pl_buf_free(&err);
}

static void test_predicate_edges(void **state)
{
	(void)state;
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	assert_int_equal(pl_methods_load(&ms, real, &err), 0);
	const struct pl_method *m = pl_methods_find(&ms, 2023);
	assert_non_null(m);
	assert_string_equal(pl_method_predicate(m, 10000), "Sangat Inovatif");
	assert_string_equal(pl_method_predicate(m, 6001), "Sangat Inovatif");
	assert_string_equal(pl_method_predicate(m, 6000), "Inovatif");
	assert_string_equal(pl_method_predicate(m, 3501), "Inovatif");
	assert_string_equal(pl_method_predicate(m, 3500), "Inovatif");
	assert_string_equal(pl_method_predicate(m, 3499), "Kurang Inovatif");
	assert_string_equal(pl_method_predicate(m, 2), "Kurang Inovatif");
	assert_string_equal(pl_method_predicate(m, 1), "Kurang Inovatif");
	assert_string_equal(pl_method_predicate(m, 0), "Tidak Dapat Dinilai");
	pl_methods_free(&ms);
	pl_buf_free(&err);
}

/* The parent folder (a folder of methodology folders) loads the same. */
static void test_real_parent_folder(void **state)
{
	(void)state;
	char parent[PATH_MAX];
	unit_find_up("methodology", parent);
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	if (pl_methods_load(&ms, parent, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_non_null(pl_methods_find(&ms, 2023));
	assert_int_equal(pl_methods_find(&ms, 2023)->nind, 40);
	pl_methods_free(&ms);
	pl_buf_free(&err);
}

/* ---- broken copies -------------------------------------------------------- */

struct edit {
	const char *file; /* method.conf, indicators.csv or predicates.csv */
	const char *old;  /* must occur in the real file */
	const char *repl;
};

/* Where the message of a broken copy must point. */
enum { ANY_LINE = -1, AT_EDIT = -2, AT_END = -3 };

struct edited {
	long edit_line; /* 1-based line where the replacement text starts */
	long nlines;	/* lines of the edited file */
};

static long count_newlines(const char *s, size_t n)
{
	long c = 0;
	for (size_t i = 0; i < n; i++)
		c += s[i] == '\n';
	return c;
}

/* Copies the real folder to dir, applying the edits (each to the first
 * occurrence of its text). Line numbers are computed from the real files,
 * so the expectations follow edits of methodology/ without hard-coding. */
static struct edited copy_edited(const char *dir, const struct edit *edits, size_t nedits)
{
	static const char *const files[] = {"method.conf", "indicators.csv", "predicates.csv"};
	struct edited info = {0, 0};
	if (mkdir(dir, 0777) != 0)
		fail_msg("mkdir %s: %s", dir, strerror(errno));
	for (size_t f = 0; f < 3; f++) {
		struct pl_buf src = unit_join(real, files[f]);
		char *text = unit_read(src.p, NULL);
		pl_buf_free(&src);
		int touched = 0;
		for (size_t e = 0; e < nedits; e++) {
			if (strcmp(edits[e].file, files[f]) != 0)
				continue;
			char *at = strstr(text, edits[e].old);
			if (!at)
				fail_msg("'%s' not found in the real %s", edits[e].old, files[f]);
			info.edit_line = 1 + count_newlines(text, (size_t)(at - text)) +
					 (edits[e].repl[0] == '\n');
			struct pl_buf b = {0};
			pl_buf_add(&b, text, (size_t)(at - text));
			pl_buf_adds(&b, edits[e].repl);
			pl_buf_adds(&b, at + strlen(edits[e].old));
			free(text);
			text = b.p;
			touched = 1;
		}
		if (touched)
			info.nlines = count_newlines(text, strlen(text));
		unit_write_in(dir, files[f], text);
		free(text);
	}
	return info;
}

/* Loads path: must fail with a message "<dir>/<file>:<line>: ..." holding
 * phrase; line ANY_LINE accepts any line number. */
static void refused_at(const char *path, const char *dir, const char *file, long line,
		       const char *phrase)
{
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	int rc = pl_methods_load(&ms, path, &err);
	const char *msg = pl_buf_str(&err);
	if (rc != -1)
		fail_msg("broken copy accepted (rc %d), want '%s'", rc, phrase);
	struct pl_buf prefix = {0};
	pl_buf_printf(&prefix, "%s/%s:", dir, file);
	if (strncmp(msg, prefix.p, prefix.len) != 0)
		fail_msg("message '%s' does not start with '%s'", msg, prefix.p);
	const char *p = msg + prefix.len;
	char *end;
	long got = strtol(p, &end, 10);
	if (end == p || strncmp(end, ": ", 2) != 0)
		fail_msg("message '%s' has no line number after the file", msg);
	if (line != ANY_LINE && got != line)
		fail_msg("message '%s': line %ld, want %ld", msg, got, line);
	if (!strstr(end, phrase))
		fail_msg("message '%s' does not say '%s'", msg, phrase);
	pl_buf_free(&prefix);
	pl_methods_free(&ms);
	pl_buf_free(&err);
}

/* One folder with one edit, loaded directly; where is AT_EDIT (the line
 * of the edit), AT_END (the last line of the edited file) or ANY_LINE. The
 * message must name file, which need not be the file edited. */
static void broken(const char *name, const char *file, const char *old, const char *repl,
		   long where, const char *phrase)
{
	struct pl_buf dir = unit_join(tmp, name);
	struct edit e = {file, old, repl};
	struct edited info = copy_edited(dir.p, &e, 1);
	long line = where == AT_EDIT ? info.edit_line : where == AT_END ? info.nlines : where;
	refused_at(dir.p, dir.p, file, line, phrase);
	pl_buf_free(&dir);
}

static void test_copy_unchanged_loads(void **state)
{
	(void)state;
	/* The copying itself changes nothing: an unedited copy loads. */
	struct pl_buf dir = unit_join(tmp, "unchanged");
	copy_edited(dir.p, NULL, 0);
	/* The line of an edit is counted right: row 5a is the sixth row of
	 * indicators.csv, after the header, so line 7. */
	struct pl_buf dir2 = unit_join(tmp, "line-count");
	struct edit e = {"indicators.csv", "\n5a,5,spd,", "\n5a,5,spd,"};
	struct edited info = copy_edited(dir2.p, &e, 1);
	assert_int_equal(info.edit_line, 7);
	assert_int_equal(info.nlines, 41);
	pl_buf_free(&dir2);
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	if (pl_methods_load(&ms, dir.p, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(ms.m[0].nind, 40);
	pl_methods_free(&ms);
	pl_buf_free(&err);
	pl_buf_free(&dir);
}

static void test_broken_weight_decimals(void **state)
{
	(void)state;
	broken("w3", "indicators.csv", "\n5a,5,spd,Institusi,0.75,", "\n5a,5,spd,Institusi,0.755,",
	       AT_EDIT, "weight must be a number with at most 2 decimals, not '0.755'");
	broken("wneg", "indicators.csv", "\n16,16,sid,Infrastruktur,3.00,",
	       "\n16,16,sid,Infrastruktur,-3.00,", AT_EDIT, "weight");
	broken("wtext", "indicators.csv", "\n2b,2,spd,Institusi,1.00,",
	       "\n2b,2,spd,Institusi,satu,", AT_EDIT, "weight");
}

static void test_broken_duplicate_row(void **state)
{
	(void)state;
	broken("dup", "indicators.csv", "\n2b,2,spd", "\n2a,2,spd", AT_EDIT,
	       "row '2a' appears twice");
	broken("dup-last", "indicators.csv", "\n35,35,sid", "\n1,35,sid", AT_EDIT,
	       "row '1' appears twice");
}

static void test_broken_aspect(void **state)
{
	(void)state;
	broken("aspect", "indicators.csv", "\n16,16,sid,", "\n16,16,xyz,", AT_EDIT,
	       "aspect must be spd or sid, not 'xyz'");
	broken("aspect-case", "indicators.csv", "\n1,1,spd,", "\n1,1,SPD,", AT_EDIT, "aspect");
}

static void test_broken_predicates(void **state)
{
	(void)state;
	broken("pred-up", "predicates.csv", "\nInovatif,35.00", "\nInovatif,65.00", AT_EDIT,
	       "bounds must be listed from high to low");
	broken("pred-equal", "predicates.csv", "\nInovatif,35.00", "\nInovatif,60.01", AT_EDIT,
	       "high to low");
	broken("pred-over", "predicates.csv", "Sangat Inovatif,60.01", "Sangat Inovatif,100.01",
	       AT_EDIT, "from_iid must be 0.00 to 100.00");
	/* The list must end with the 0.00 bound. The check runs after all
	 * files are read and reports under method.conf, so only ask that the
	 * message names predicates.csv. */
	struct pl_buf dir = unit_join(tmp, "pred-no-zero");
	struct edit e = {"predicates.csv", "\nTidak Dapat Dinilai,0.00", ""};
	copy_edited(dir.p, &e, 1);
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	assert_int_equal(pl_methods_load(&ms, dir.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), dir.p));
	assert_non_null(strstr(pl_buf_str(&err), "predicates.csv must end with a 0.00 bound"));
	pl_methods_free(&ms);
	pl_buf_free(&err);
	pl_buf_free(&dir);
}

static void test_broken_max_total(void **state)
{
	(void)state;
	/* The setting off by one hundredth ... */
	broken("max", "method.conf", "max_total = 250.00", "max_total = 249.99", ANY_LINE,
	       "max_total does not equal the maxima of the rows (250.00)");
	/* ... or a row's weight changed under it. */
	struct pl_buf dir = unit_join(tmp, "max-row");
	struct edit e = {"indicators.csv", "\n1,1,spd,Institusi,1.00,",
			 "\n1,1,spd,Institusi,1.01,"};
	copy_edited(dir.p, &e, 1);
	refused_at(dir.p, dir.p, "method.conf", ANY_LINE, "(250.03)");
	pl_buf_free(&dir);
	/* jumlah_cap is part of the total too: 0.38 x 201 adds 0.38. */
	broken("max-cap", "method.conf", "jumlah_cap = 200", "jumlah_cap = 201", ANY_LINE,
	       "(250.38)");
}

static void test_broken_settings(void **state)
{
	(void)state;
	broken("unknown", "method.conf", "\nname = ", "\ncolour = blue\nname = ", AT_EDIT,
	       "unknown setting 'colour'");
	broken("typo", "method.conf", "divisor_floor = 10", "divisor_flor = 10", AT_EDIT,
	       "unknown setting 'divisor_flor'");
	broken("no-eq", "method.conf", "jumlah_cap = 200", "jumlah_cap 200", AT_EDIT,
	       "expected 'key = value'");
	broken("bad-year", "method.conf", "year = 2023", "year = 23", AT_EDIT,
	       "year must be four digits");
	broken("bad-rule", "method.conf", "= verified_or_evidenced", "= verified_or_guessed",
	       AT_EDIT, "unknown evidence_rule 'verified_or_guessed'");
	broken("bad-date", "method.conf", "eligible_to = 2022-12-31", "eligible_to = 2022-02-30",
	       AT_EDIT, "expected a date");
	broken("bad-counts", "method.conf", "jumlah_counts = scored",
	       "jumlah_counts = scored, excluded", AT_EDIT, "'scored' and 'ditolak'");
	broken("max3", "method.conf", "max_total = 250.00", "max_total = 250.001", AT_EDIT,
	       "at most 2 decimals");
	broken("mandatory", "indicators.csv", "\n3,3,spd,Institusi,1.00,1,",
	       "\n3,3,spd,Institusi,1.00,2,", AT_EDIT, "mandatory must be 0 or 1");
	broken("no-column", "indicators.csv", "row,indicator,aspect,variable,weight,",
	       "row,indicator,aspect,variable,bobot,", AT_EDIT, "missing column 'weight'");
	broken("short-row", "indicators.csv", "\n14,14,spd,Ekosistem Inovasi dan Kajian,1.00,0,",
	       "\n14,14,spd,Ekosistem Inovasi dan Kajian,1.00,", AT_EDIT, "wrong number of fields");
}

static void test_broken_missing_key(void **state)
{
	(void)state;
	/* A missing key is noticed at the end of the file. */
	broken("no-floor", "method.conf", "divisor_floor = 10\n", "", AT_END,
	       "divisor_floor, jumlah_per_innovation, jumlah_cap, divisor_counts and "
	       "jumlah_counts are all required");
	broken("no-year", "method.conf", "year = 2023\n", "", AT_END, "no 'year' setting");
	broken("no-counts", "method.conf", "divisor_counts = scored, ditolak\n", "", AT_END,
	       "are all required");
}

static void test_two_folders_same_year(void **state)
{
	(void)state;
	struct pl_buf top = unit_join(tmp, "twice");
	assert_int_equal(mkdir(top.p, 0777), 0);
	struct pl_buf a = unit_join(top.p, "iid-2023"), b = unit_join(top.p, "iid-2023-copy");
	copy_edited(a.p, NULL, 0);
	copy_edited(b.p, NULL, 0);
	/* Folders are loaded in name order, so the second is the copy. */
	refused_at(top.p, b.p, "method.conf", ANY_LINE, "a second methodology for the same year");
	pl_buf_free(&a);
	pl_buf_free(&b);
	pl_buf_free(&top);
}

static void test_two_years(void **state)
{
	(void)state;
	struct pl_buf top = unit_join(tmp, "years");
	assert_int_equal(mkdir(top.p, 0777), 0);
	struct pl_buf a = unit_join(top.p, "b-2024"), b = unit_join(top.p, "a-2023");
	struct edit e = {"method.conf", "year = 2023", "year = 2024"};
	copy_edited(a.p, &e, 1);
	copy_edited(b.p, NULL, 0);
	unit_write_in(top.p, "README.md", "not a methodology\n");
	unit_mkdir_in(top.p, "empty"); /* no method.conf: ignored */
	unit_mkdir_in(top.p, ".hidden");
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	if (pl_methods_load(&ms, top.p, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(ms.n, 2);
	assert_non_null(pl_methods_find(&ms, 2023));
	assert_non_null(pl_methods_find(&ms, 2024));
	assert_int_not_equal(pl_methods_find(&ms, 2023), pl_methods_find(&ms, 2024));
	struct pl_buf years = {0};
	pl_methods_years(&ms, &years);
	assert_string_equal(pl_buf_str(&years), "2023, 2024");
	pl_buf_free(&years);
	pl_methods_free(&ms);
	pl_buf_free(&err);
	pl_buf_free(&a);
	pl_buf_free(&b);
	pl_buf_free(&top);
}

static void test_no_methodology(void **state)
{
	(void)state;
	struct pl_methods ms = {0};
	struct pl_buf err = {0};
	struct pl_buf missing = unit_join(tmp, "nowhere");
	assert_int_equal(pl_methods_load(&ms, missing.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "cannot open methodology folder"));
	assert_non_null(strstr(pl_buf_str(&err), missing.p));
	pl_methods_free(&ms);

	struct pl_buf empty = unit_join(tmp, "empty-top");
	assert_int_equal(mkdir(empty.p, 0777), 0);
	assert_int_equal(pl_methods_load(&ms, empty.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "no methodology folder"));
	pl_methods_free(&ms);

	/* method.conf present, a table missing. */
	struct pl_buf dir = unit_join(tmp, "no-predicates");
	copy_edited(dir.p, NULL, 0);
	struct pl_buf pred = unit_join(dir.p, "predicates.csv");
	assert_int_equal(unlink(pred.p), 0);
	refused_at(dir.p, dir.p, "predicates.csv", 0, "cannot read");
	pl_buf_free(&pred);
	pl_buf_free(&dir);
	pl_buf_free(&empty);
	pl_buf_free(&missing);
	pl_buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_2023),
	    cmocka_unit_test(test_predicate_edges),
	    cmocka_unit_test(test_real_parent_folder),
	    cmocka_unit_test(test_copy_unchanged_loads),
	    cmocka_unit_test(test_broken_weight_decimals),
	    cmocka_unit_test(test_broken_duplicate_row),
	    cmocka_unit_test(test_broken_aspect),
	    cmocka_unit_test(test_broken_predicates),
	    cmocka_unit_test(test_broken_max_total),
	    cmocka_unit_test(test_broken_settings),
	    cmocka_unit_test(test_broken_missing_key),
	    cmocka_unit_test(test_two_folders_same_year),
	    cmocka_unit_test(test_two_years),
	    cmocka_unit_test(test_no_methodology),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
