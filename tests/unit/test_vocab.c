/*
 * test_vocab.c: unit tests of pl_vocab.h, the controlled vocabularies.
 *
 * pl_vocab_match searches each field's spellings sorted by folded form. A
 * linear search written here from the documented rule (the first entry in
 * file order whose field and folded spelling are equal) must give the same
 * answer for every spelling of the real master/vocabulary.csv written as
 * it is, in upper case, with hyphens and extra spaces, for its own field
 * and for every other field, and for spellings that are no entry. A small
 * table checks a long written value (folded off the stack), a spelling
 * that folds to nothing, the loader's clash check still refusing a synonym
 * that already means another value, and fields that are not controlled.
 */
#include "unit.h"

#include "pl_intern.h"
#include "pl_vocab.h"

static char tmp[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmrf(tmp);
	return 0;
}

static const char *ref_match(const struct pl_vocab *v, const char *field, const char *written)
{
	char *folded = pl_vocab_fold(written);
	const char *found = NULL;
	for (size_t i = 0; i < v->n && !found; i++)
		if (strcmp(v->e[i].field, field) == 0 && strcmp(v->e[i].folded, folded) == 0)
			found = v->e[i].value;
	free(folded);
	return found;
}

static int ref_controls(const struct pl_vocab *v, const char *field)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->e[i].field, field) == 0)
			return 1;
	return 0;
}

static const char *const fields[] = {"bentuk", "jenis", "inisiator", "urusan", "tahapan",
				     "status_verifikasi", "nama_inovasi", "", "Urusan"};

/* pl_vocab_match agrees with ref_match for written in every field;
 * returns how many fields it matched in. */
static size_t same_everywhere(const struct pl_vocab *v, const char *written)
{
	size_t n = 0;
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
		const char *got = pl_vocab_match(v, fields[k], written);
		const char *want = ref_match(v, fields[k], written);
		if (got != want)
			fail_msg("%s '%s': '%s', want '%s'", fields[k], written, got ? got : "(none)",
				 want ? want : "(none)");
		n += got != NULL;
	}
	return n;
}

static void test_real_vocabulary(void **state)
{
	(void)state;
	char path[PATH_MAX];
	unit_find_up("master/vocabulary.csv", path);
	struct pl_vocab v = {0};
	struct pl_buf err = {0};
	if (pl_vocab_load(&v, path, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_true(v.n > 100);
	assert_int_equal(v.nfields, 6);
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
		assert_int_equal(pl_vocab_controls(&v, fields[k]), ref_controls(&v, fields[k]));
	assert_true(pl_vocab_controls(&v, "urusan"));
	assert_false(pl_vocab_controls(&v, "nama_inovasi"));
	struct pl_buf w = {0};
	for (size_t i = 0; i < v.n; i++) {
		const struct pl_vocab_entry *e = &v.e[i];
		/* every spelling finds its value in its field */
		const char *got = pl_vocab_match(&v, e->field, e->folded);
		if (!got || strcmp(got, e->value) != 0)
			fail_msg("%s '%s' -> '%s', want '%s'", e->field, e->folded,
				 got ? got : "(none)", e->value);
		assert_ptr_equal(pl_vocab_match(&v, e->field, e->value), ref_match(&v, e->field, e->value));
		same_everywhere(&v, e->value);
		same_everywhere(&v, e->folded);
		pl_buf_reset(&w);
		for (const char *p = e->value; *p; p++) /* "UJI-COBA " */
			pl_buf_addc(&w, *p == ' ' ? '-' : (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
		pl_buf_adds(&w, "  ");
		assert_true(same_everywhere(&v, w.p) >= 1);
		/* a letter more or less is another spelling */
		pl_buf_reset(&w);
		pl_buf_printf(&w, "%sx", e->folded);
		same_everywhere(&v, w.p);
		pl_buf_reset(&w);
		pl_buf_printf(&w, "%.*s", (int)strlen(e->folded) / 2, e->folded);
		same_everywhere(&v, w.p);
	}
	static const char *const misses[] = {"", "-", "  ", "percobaan", "zzz", "0", "a"};
	for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
		assert_int_equal(same_everywhere(&v, misses[i]), 0);
	pl_buf_free(&w);
	pl_vocab_free(&v);
	assert_int_equal(v.nfields, 0);
	assert_null(pl_vocab_match(&v, "urusan", "pupr"));
	pl_buf_free(&err);
}

static void test_small_vocabulary(void **state)
{
	(void)state;
	struct pl_buf path = unit_join(tmp, "vocabulary.csv");
	unit_write_str(path.p, "field,value,also\n"
			       "warna,merah,red|-|merah tua\n"
			       "warna,biru,blue\n"
			       "rasa,manis,merah\n");
	struct pl_vocab v = {0};
	struct pl_buf err = {0};
	if (pl_vocab_load(&v, path.p, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(v.nfields, 2);
	assert_string_equal(pl_vocab_match(&v, "warna", "RED"), "merah");
	assert_string_equal(pl_vocab_match(&v, "warna", "Merah-Tua"), "merah");
	assert_string_equal(pl_vocab_match(&v, "rasa", "merah"), "manis");
	/* "-" folds to nothing, so an all-punctuation value means merah */
	assert_string_equal(pl_vocab_match(&v, "warna", "?!"), "merah");
	assert_null(pl_vocab_match(&v, "rasa", "?!"));
	assert_null(pl_vocab_match(&v, "bau", "merah"));
	/* ASCII letters and digits only: other bytes are dropped */
	char *folded = pl_vocab_fold("Uji-Coba \xc3\x89 2!");
	assert_string_equal(folded, "ujicoba2");
	free(folded);
	assert_null(pl_vocab_match(&v, "warna", "M\xc3\xa9rah"));    /* "mrah" */
	assert_string_equal(pl_vocab_match(&v, "warna", "ME\xcc\x81RAH"), "merah");
	/* longer than any stack buffer */
	struct pl_buf w = {0};
	for (int i = 0; i < 300; i++)
		pl_buf_adds(&w, i % 2 ? "-" : "B");
	assert_null(pl_vocab_match(&v, "warna", w.p));
	pl_buf_reset(&w);
	for (int i = 0; i < 600; i++)
		pl_buf_addc(&w, " .-"[i % 3]);
	pl_buf_adds(&w, "Blue");
	assert_string_equal(pl_vocab_match(&v, "warna", w.p), "biru");
	assert_ptr_equal(pl_vocab_match(&v, "warna", w.p), ref_match(&v, "warna", w.p));
	pl_buf_reset(&err);
	pl_vocab_free(&v);
	/* the loader's own lookups still refuse a clash */
	unit_write_str(path.p, "field,value,also\nwarna,merah,red\nwarna,biru,R-E-D\n");
	assert_int_equal(pl_vocab_load(&v, path.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "a synonym already means merah"));
	pl_vocab_free(&v);
	pl_buf_free(&w);
	pl_buf_free(&err);
	pl_buf_free(&path);
}

/* The hash of a folded string without folding it: the same as hashing
 * pl_vocab_fold's copy, equal for spellings that fold alike and, for
 * these, different for those that do not; lengths on both sides of the
 * eight bytes it takes at a time. */
static void test_fold_hash(void **state)
{
	(void)state;
	static const char *const cases[] = {
	    "",
	    "Uji Coba",
	    "uji-coba",
	    "UJI  COBA!",
	    "Dinas Kesehatan",
	    "dinaskesehatan",
	    "Inovasi \"E-KTP\", Kab. Aceh",
	    "123 abc",
	    "\xc3\xa9t\xc3\xa9",
	    " \t\r\n",
	    "abcdefg",
	    "abcdefgh",
	    "abcdefghi",
	    "abcdefgh a",
	    "abcdefghabcdefgh",
	    "abcdefghabcdefg",
	};
	enum { N = sizeof cases / sizeof *cases };
	for (size_t i = 0; i < N; i++) {
		char *f = pl_vocab_fold(cases[i]);
		for (uint64_t h = 0; h < 2; h++) {
			uint64_t start = h ? 42 : PL_HASH_INIT;
			assert_true(pl_vocab_fold_hash(start, cases[i]) ==
				    pl_vocab_fold_hash(start, f));
		}
		for (size_t j = 0; j < N; j++) {
			char *g = pl_vocab_fold(cases[j]);
			int same = strcmp(f, g) == 0;
			assert_int_equal(pl_vocab_fold_hash(PL_HASH_INIT, cases[i]) ==
					     pl_vocab_fold_hash(PL_HASH_INIT, cases[j]),
					 same);
			free(g);
		}
		free(f);
	}
	assert_true(pl_vocab_fold_hash(PL_HASH_INIT, "Uji Coba") ==
		    pl_vocab_fold_hash(PL_HASH_INIT, "uji-coba"));
	assert_true(pl_vocab_fold_hash(PL_HASH_INIT, "Uji Coba") !=
		    pl_vocab_fold_hash(PL_HASH_INIT, "Uji Cobaa"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_vocabulary),
	    cmocka_unit_test(test_small_vocabulary),
	    cmocka_unit_test(test_fold_hash),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
