/*
 * test_json.c: unit tests of pl_json.h, the JSON string escaping of
 * summaries and manifests.
 *
 * Covers: plain text quoted as is; '"' and '\' escaped; LF and tab as \n
 * and \t; every other control character (CR, 0x01, 0x1f) as \u00XX;
 * DEL and UTF-8 bytes passed through; NULL and "" as ""; appending to what
 * the buffer already holds; pl_json_key as the escaped key, a colon and a
 * space.
 */
#include "unit.h"

#include "pl_json.h"

static void str_is(const char *s, const char *want)
{
	struct pl_buf b = {0};
	pl_json_str(&b, s);
	assert_string_equal(pl_buf_str(&b), want);
	pl_buf_free(&b);
}

static void test_plain(void **state)
{
	(void)state;
	str_is("Kota Bima", "\"Kota Bima\"");
	str_is("", "\"\"");
	str_is(NULL, "\"\"");
	str_is("52.72", "\"52.72\"");
	str_is("a/b", "\"a/b\""); /* '/' needs no escape */
}

static void test_escapes(void **state)
{
	(void)state;
	str_is("say \"hi\"", "\"say \\\"hi\\\"\"");
	str_is("C:\\data", "\"C:\\\\data\"");
	str_is("line1\nline2", "\"line1\\nline2\"");
	str_is("a\tb", "\"a\\tb\"");
	str_is("cr\r", "\"cr\\u000d\"");
	str_is("\x01", "\"\\u0001\"");
	str_is("\x1f", "\"\\u001f\"");
	str_is("\x7f", "\"\x7f\"");
	str_is("\b\f", "\"\\u0008\\u000c\"");
	str_is("Kota Bima \xca\xa4 \xe2\x82\xac", "\"Kota Bima \xca\xa4 \xe2\x82\xac\"");
	str_is("\"\\\n\t", "\"\\\"\\\\\\n\\t\"");
}

static void test_appends_and_key(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	pl_buf_adds(&b, "{");
	pl_json_key(&b, "region_code");
	pl_json_str(&b, "52.72");
	pl_buf_adds(&b, ", ");
	pl_json_key(&b, "odd \"key\"\n");
	pl_json_str(&b, NULL);
	pl_buf_adds(&b, "}");
	assert_string_equal(pl_buf_str(&b),
			    "{\"region_code\": \"52.72\", \"odd \\\"key\\\"\\n\": \"\"}");
	pl_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_appends_and_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
