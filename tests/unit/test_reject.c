/*
 * test_reject.c: unit tests of pl_reject.h, the table of reject and
 * warning codes.
 *
 * Covers properties every code must keep however the table grows: a name
 * in upper case that maps back to the code, unique names, a scope that is
 * RECORD, FILE or WARNING, and a message in both languages (different
 * texts); the scopes of the codes the CSV reader and ingest rely on;
 * lookups of unknown or mis-cased names; and the language names.
 */
#include "unit.h"

#include "pl_reject.h"

static void test_every_code(void **state)
{
	(void)state;
	assert_true(PL_REJ_COUNT > 0);
	for (int i = 0; i < PL_REJ_COUNT; i++) {
		enum pl_reject_code c = (enum pl_reject_code)i;
		const char *name = pl_reject_name(c);
		assert_non_null(name);
		assert_true(name[0] != '\0');
		for (const char *p = name; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
				fail_msg("code name '%s' is not UPPER_SNAKE", name);
		assert_int_equal(pl_reject_from_name(name), i);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(pl_reject_name((enum pl_reject_code)j), name);
		enum pl_scope s = pl_reject_scope(c);
		assert_true(s == PL_SCOPE_RECORD || s == PL_SCOPE_FILE || s == PL_SCOPE_WARNING);
		const char *id = pl_reject_message(c, PL_LANG_ID);
		const char *en = pl_reject_message(c, PL_LANG_EN);
		assert_non_null(id);
		assert_non_null(en);
		assert_true(strlen(id) > 10 && strlen(en) > 10);
		assert_string_not_equal(id, en);
	}
}

static void test_known_codes(void **state)
{
	(void)state;
	assert_string_equal(pl_reject_name(PL_REJ_FILE_UNREADABLE), "FILE_UNREADABLE");
	assert_string_equal(pl_reject_name(PL_REJ_CSV_MALFORMED), "CSV_MALFORMED");
	assert_int_equal(pl_reject_scope(PL_REJ_FILE_UNREADABLE), PL_SCOPE_FILE);
	assert_int_equal(pl_reject_scope(PL_REJ_GZIP_CORRUPT), PL_SCOPE_FILE);
	assert_int_equal(pl_reject_scope(PL_REJ_CSV_MALFORMED), PL_SCOPE_RECORD);
	assert_int_equal(pl_reject_scope(PL_REJ_FIELD_TOO_LONG), PL_SCOPE_RECORD);
	assert_int_equal(pl_reject_scope(PL_REJ_SUPERSEDED), PL_SCOPE_RECORD);
	assert_int_equal(pl_reject_scope(PL_REJ_COLUMN_UNKNOWN), PL_SCOPE_WARNING);
	assert_int_equal(pl_reject_from_name("GZIP_CORRUPT"), PL_REJ_GZIP_CORRUPT);
	assert_int_equal(pl_reject_from_name("gzip_corrupt"), -1);
	assert_int_equal(pl_reject_from_name("GZIP_CORRUPT "), -1);
	assert_int_equal(pl_reject_from_name(""), -1);
	assert_int_equal(pl_reject_from_name("NO_SUCH_CODE"), -1);
}

static void test_languages(void **state)
{
	(void)state;
	assert_int_equal(pl_lang_from_name("id"), PL_LANG_ID);
	assert_int_equal(pl_lang_from_name("en"), PL_LANG_EN);
	assert_int_equal(pl_lang_from_name("ID"), -1);
	assert_int_equal(pl_lang_from_name("in"), -1);
	assert_int_equal(pl_lang_from_name(""), -1);
	assert_int_equal(pl_lang_from_name("english"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_code),
	    cmocka_unit_test(test_known_codes),
	    cmocka_unit_test(test_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
