/*
 * test_csvspectrum.c: conformance of pl_csv_read with csv-spectrum.
 *
 * tests/data/csv-spectrum/ is a verbatim copy of the csv-spectrum suite
 * (README.md there: source, commit, licence, and what the expectations
 * mean). For every csvs/NAME.csv this test parses the file with
 * pl_csv_read and compares it with the original json/NAME.json: an array
 * with one object per data record, keyed by the header's fields, every
 * value a string. pl_json_parse reads it, and a check below refuses any
 * other shape rather than guess. Each file is read with every chunk size
 * from 1 byte to its size, and a last test checks that the folder holds
 * exactly the cases listed here, each with its JSON, so a case added or
 * lost is noticed.
 */
#include "unit.h"

#include "pl_csvread.h"
#include "pl_jsonread.h"

static const char *const cases[] = {
    "comma_in_quotes",
    "empty",
    "empty_crlf",
    "escaped_quotes",
    "json",
    "newlines",
    "newlines_crlf",
    "quotes_and_newlines",
    "simple",
    "simple_crlf",
    "utf8",
};
enum { NCASES = sizeof cases / sizeof cases[0] };

static char base[PATH_MAX]; /* tests/data/csv-spectrum, as found */

static int setup(void **state)
{
	(void)state;
	unit_find_up("tests/data/csv-spectrum", base);
	return 0;
}

/* ---- the records pl_csv_read gives ---------------------------------------- */

struct rec {
	size_t nf;
	char **f;
};

struct recs {
	struct rec *r;
	size_t n, cap;
	int errors;
};

static int keep(void *ctx, const struct pl_csv_record *rec)
{
	struct recs *rs = ctx;
	if (rec->error) {
		rs->errors++;
		return 0;
	}
	pl_grow((void **)&rs->r, &rs->cap, rs->n + 1, sizeof *rs->r);
	struct rec *r = &rs->r[rs->n++];
	r->nf = rec->nf;
	r->f = pl_xcalloc(rec->nf, sizeof *r->f);
	for (size_t i = 0; i < rec->nf; i++)
		r->f[i] = pl_xstrdup(rec->f[i]);
	return 0;
}

static void recs_free(struct recs *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		for (size_t j = 0; j < rs->r[i].nf; j++)
			free(rs->r[i].f[j]);
		free(rs->r[i].f);
	}
	free(rs->r);
	memset(rs, 0, sizeof *rs);
}

/* ---- the expected records ------------------------------------------------ */

/*
 * What pl_json_parse gave, when it has the one shape csv-spectrum uses: an
 * array of objects whose every value is a string. NULL then, else what is
 * off; the comparison reads no further than that shape, so anything else
 * is refused rather than guessed at.
 */
static const char *flat_shape(const struct pl_jv *j)
{
	if (j->type != PL_J_ARR)
		return "not an array";
	for (size_t i = 0; i < j->n; i++) {
		if (j->v[i].type != PL_J_OBJ)
			return "a member that is not an object";
		for (size_t k = 0; k < j->v[i].n; k++)
			if (j->v[i].v[k].type != PL_J_STR)
				return "a value that is not a string";
	}
	return NULL;
}

/* The expected records of one case, in a; fails the test on bad JSON. */
static struct pl_jv expected(struct pl_arena *a, const char *path)
{
	size_t len;
	char *text = unit_read(path, &len);
	struct pl_jv j;
	struct pl_buf err = {0};
	if (pl_json_parse(a, text, len, &j, &err) != 0)
		fail_msg("%s: %s", path, pl_buf_str(&err));
	free(text);
	pl_buf_free(&err);
	const char *off = flat_shape(&j);
	if (off)
		fail_msg("%s: %s", path, off);
	return j;
}

/* The shape check, on the flat shape and on what it refuses. */
static void test_flat_shape(void **state)
{
	(void)state;
	static const struct {
		const char *json, *off;
	} t[] = {
	    {"[{\"a\": \"x\"}, {}, {\"k\": \"\", \"l\": \"2\"}]", NULL},
	    {"[]", NULL},
	    {"{}", "not an array"},
	    {"[[]]", "a member that is not an object"},
	    {"[{\"a\": 1}]", "a value that is not a string"},
	    {"[{\"a\": \"x\"}, {\"b\": null}]", "a value that is not a string"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct pl_arena a = {0};
		struct pl_buf err = {0};
		struct pl_jv j;
		if (pl_json_parse(&a, t[i].json, strlen(t[i].json), &j, &err) != 0)
			fail_msg("%s: %s", t[i].json, pl_buf_str(&err));
		const char *off = flat_shape(&j);
		if (t[i].off)
			assert_string_equal(off, t[i].off);
		else
			assert_null(off);
		pl_buf_free(&err);
		pl_arena_free(&a);
	}
}

/* ---- the comparison -------------------------------------------------------- */

static void compare(const char *name, const struct recs *rs, const struct pl_jv *j, size_t chunk)
{
	if (rs->errors)
		fail_msg("%s (chunk %zu): %d unreadable records", name, chunk, rs->errors);
	if (rs->n == 0)
		fail_msg("%s: no header record", name);
	if (rs->n - 1 != j->n)
		fail_msg("%s (chunk %zu): %zu data records, the JSON has %zu", name, chunk,
			 rs->n - 1, j->n);
	const struct rec *head = &rs->r[0];
	for (size_t i = 0; i < j->n; i++) {
		const struct rec *r = &rs->r[i + 1];
		const struct pl_jv *o = &j->v[i];
		if (r->nf != head->nf || o->n != head->nf)
			fail_msg("%s record %zu: %zu fields, header %zu, JSON keys %zu", name,
				 i + 1, r->nf, head->nf, o->n);
		for (size_t k = 0; k < o->n; k++) {
			size_t col = head->nf;
			for (size_t h = 0; h < head->nf; h++)
				if (strcmp(head->f[h], o->k[k]) == 0)
					col = h;
			if (col == head->nf)
				fail_msg("%s: JSON key '%s' is not a header field", name,
					 o->k[k]);
			if (strcmp(r->f[col], o->v[k].s) != 0)
				fail_msg("%s (chunk %zu) record %zu, '%s': got '%s', want '%s'",
					 name, chunk, i + 1, o->k[k], r->f[col], o->v[k].s);
		}
	}
}

static void test_case(void **state)
{
	const char *name = *state;
	struct pl_buf csv = {0}, js = {0};
	pl_buf_printf(&csv, "%s/csvs/%s.csv", base, name);
	pl_buf_printf(&js, "%s/json/%s.json", base, name);
	struct pl_arena a = {0};
	struct pl_jv j = expected(&a, js.p);
	size_t size;
	free(unit_read(csv.p, &size));
	for (size_t chunk = 0; chunk <= size; chunk++) { /* 0: the default */
		struct recs rs = {0};
		struct pl_csv_opts o = {.chunk = chunk};
		struct pl_csv_error err;
		int rc = pl_csv_read(csv.p, &o, keep, &rs, &err);
		if (rc != 0)
			fail_msg("%s: rc %d: %s", csv.p, rc, err.message);
		compare(name, &rs, &j, chunk);
		recs_free(&rs);
	}
	pl_arena_free(&a);
	pl_buf_free(&csv);
	pl_buf_free(&js);
}

static int listed(const char *file, const char *ext)
{
	size_t n = strlen(file), e = strlen(ext);
	if (n <= e || strcmp(file + n - e, ext) != 0)
		return 0;
	for (size_t i = 0; i < NCASES; i++)
		if (strlen(cases[i]) == n - e && strncmp(file, cases[i], n - e) == 0)
			return 1;
	return 0;
}

static void test_all_cases_listed(void **state)
{
	(void)state;
	const char *sub[] = {"csvs", "json"};
	const char *ext[] = {".csv", ".json"};
	for (int s = 0; s < 2; s++) {
		struct pl_buf dir = unit_join(base, sub[s]);
		DIR *d = opendir(dir.p);
		assert_non_null(d);
		int n = 0;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			if (!listed(e->d_name, ext[s]))
				fail_msg("%s/%s is not a case of this test", dir.p, e->d_name);
			n++;
		}
		closedir(d);
		assert_int_equal(n, NCASES);
		pl_buf_free(&dir);
	}
	/* The licence and provenance travel with the data. */
	struct pl_buf readme = unit_join(base, "README.md");
	char *text = unit_read(readme.p, NULL);
	assert_non_null(strstr(text, "BSD-2-Clause"));
	assert_non_null(strstr(text, "b251546d5ccb79217a61aa8ca623ce573977d7e1"));
	free(text);
	pl_buf_free(&readme);
}

int main(void)
{
	struct CMUnitTest tests[NCASES + 2];
	tests[0] = (struct CMUnitTest)cmocka_unit_test(test_flat_shape);
	for (size_t i = 0; i < NCASES; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(test_case, (void *)cases[i]);
		t.name = cases[i];
		tests[i + 1] = t;
	}
	tests[NCASES + 1] = (struct CMUnitTest)cmocka_unit_test(test_all_cases_listed);
	return _cmocka_run_group_tests("csvspectrum", tests, NCASES + 2, setup, NULL);
}
