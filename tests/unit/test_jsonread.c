/*
 * test_jsonread.c: unit tests of pl_jsonread.h, reading JSON back (the
 * manifest and the summary).
 *
 * Covers: every kind of value, nested, with keys in order; numbers kept as
 * written and read as integers when they are; string escapes (\" \\ \/ \b
 * \f \n \r \t, \u as UTF-8 of 1, 2 and 3 bytes, a surrogate pair as 4);
 * lookups of absent keys and of keys on a non-object; what is refused,
 * each with line and column: trailing commas, leading zeros, bare words,
 * single quotes, raw control characters, \u0000, lone surrogates, text
 * after the value, an unterminated string, empty input, nesting past 64;
 * writing a parsed tree back gives the same value again.
 */
#include "unit.h"

#include "pl_jsonread.h"

static void test_values(void **state)
{
	(void)state;
	struct pl_arena a = {0};
	struct pl_buf err = {0};
	struct pl_jv v;
	const char *text = "{\"tool\": {\"name\": \"indeks\", \"version\": \"0.1.0\"},\n"
			   " \"n\": 122, \"neg\": -5, \"dec\": 0.05, \"exp\": 1e3,\n"
			   " \"ok\": true, \"bad\": false, \"none\": null,\n"
			   " \"list\": [1, [2, {}], []], \"empty\": \"\"}";
	if (pl_json_parse(&a, text, strlen(text), &v, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(v.type, PL_J_OBJ);
	assert_int_equal(v.n, 10);
	assert_string_equal(v.k[0], "tool");
	assert_string_equal(v.k[9], "empty");
	assert_string_equal(pl_json_get_str(pl_json_get(&v, "tool"), "version"), "0.1.0");
	int64_t n = 0;
	assert_int_equal(pl_json_int(pl_json_get(&v, "n"), &n), 0);
	assert_int_equal(n, 122);
	assert_int_equal(pl_json_int(pl_json_get(&v, "neg"), &n), 0);
	assert_int_equal(n, -5);
	assert_string_equal(pl_json_get(&v, "dec")->s, "0.05");
	assert_int_equal(pl_json_int(pl_json_get(&v, "dec"), &n), -1); /* not an integer */
	assert_string_equal(pl_json_get(&v, "exp")->s, "1e3");
	assert_int_equal(pl_json_get(&v, "ok")->type, PL_J_BOOL);
	assert_string_equal(pl_json_get(&v, "ok")->s, "true");
	assert_string_equal(pl_json_get(&v, "bad")->s, "false");
	assert_int_equal(pl_json_get(&v, "none")->type, PL_J_NULL);
	const struct pl_jv *list = pl_json_get(&v, "list");
	assert_int_equal(list->type, PL_J_ARR);
	assert_int_equal(list->n, 3);
	assert_int_equal(list->v[1].n, 2);
	assert_int_equal(list->v[1].v[1].type, PL_J_OBJ);
	assert_int_equal(list->v[1].v[1].n, 0);
	assert_int_equal(list->v[2].n, 0);
	assert_string_equal(pl_json_get_str(&v, "empty"), "");
	/* Absent keys, wrong types. */
	assert_null(pl_json_get(&v, "nope"));
	assert_null(pl_json_get(list, "tool"));
	assert_null(pl_json_get(NULL, "tool"));
	assert_null(pl_json_get_str(&v, "n"));
	pl_buf_free(&err);
	pl_arena_free(&a);
}

static void string_is(const char *json, const char *want)
{
	struct pl_arena a = {0};
	struct pl_buf err = {0};
	struct pl_jv v;
	if (pl_json_parse(&a, json, strlen(json), &v, &err) != 0)
		fail_msg("%s: %s", json, pl_buf_str(&err));
	assert_int_equal(v.type, PL_J_STR);
	assert_string_equal(v.s, want);
	pl_buf_free(&err);
	pl_arena_free(&a);
}

static void test_escapes(void **state)
{
	(void)state;
	string_is("\"a\\\"b\\\\c\\/d\"", "a\"b\\c/d");
	string_is("\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t");
	string_is("\"\\u0041\"", "A");
	string_is("\"\\u00e9\"", "\xc3\xa9");     /* e acute: 2 bytes */
	string_is("\"\\u20AC\"", "\xe2\x82\xac");  /* euro sign: 3 bytes */
	string_is("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80"); /* a pair: 4 bytes */
	string_is("\"Kota Bima \xc3\xa9\"", "Kota Bima \xc3\xa9"); /* UTF-8 passes */
}

static void refused(const char *json, const char *where)
{
	struct pl_arena a = {0};
	struct pl_buf err = {0};
	struct pl_jv v;
	if (pl_json_parse(&a, json, strlen(json), &v, &err) != -1)
		fail_msg("accepted: %s", json);
	if (!strstr(pl_buf_str(&err), where))
		fail_msg("%s: message '%s' does not say '%s'", json, pl_buf_str(&err), where);
	pl_buf_free(&err);
	pl_arena_free(&a);
}

static void test_refused(void **state)
{
	(void)state;
	refused("[1, 2,]", "line 1, column 7");
	refused("{\"a\": 1,}", "expected a key");
	refused("[01]", "leading zero");
	refused("[1.]", "no digit after");
	refused("[1e]", "exponent");
	refused("[-]", "malformed number");
	refused("[nul]", "unexpected character");
	refused("['a']", "unexpected character");
	refused("[\"a\tb\"]", "control character");
	refused("[\"\\u0000\"]", "\\u0000");
	refused("[\"\\ud83d\"]", "high surrogate");
	refused("[\"\\ude00\"]", "low surrogate");
	refused("[\"\\x\"]", "unknown escape");
	refused("[\"\\u12\"]", "\\u escape");
	refused("{\"a\" 1}", "expected ':'");
	refused("[1 2]", "expected ',' or ']'");
	refused("{\"a\": 1 \"b\": 2}", "expected ',' or '}'");
	refused("{} {}", "text after the value");
	refused("\n\n  \"abc", "line 3, column 7: unterminated string");
	refused("", "unexpected end of input");
	refused("   ", "unexpected end of input");
	/* 64 levels are read, 65 are not. */
	char deep[200];
	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	deep[130] = '\0';
	refused(deep, "nested too deep");
	struct pl_arena a = {0};
	struct pl_buf err = {0};
	struct pl_jv v;
	assert_int_equal(pl_json_parse(&a, deep + 1, 128, &v, &err), 0);
	pl_buf_free(&err);
	pl_arena_free(&a);
}

static void test_write_back(void **state)
{
	(void)state;
	const char *text = "{\"a\": [1, -2.5e3, true, null, \"x\\\"y\\n\"], \"b\": {}, \"c\": []}";
	struct pl_arena a = {0};
	struct pl_buf err = {0}, out = {0}, again = {0};
	struct pl_jv v, w;
	assert_int_equal(pl_json_parse(&a, text, strlen(text), &v, &err), 0);
	pl_json_write(&out, &v);
	assert_string_equal(pl_buf_str(&out), text);
	assert_int_equal(pl_json_parse(&a, out.p, out.len, &w, &err), 0);
	pl_json_write(&again, &w);
	assert_string_equal(pl_buf_str(&again), text);
	pl_buf_free(&again);
	pl_buf_free(&out);
	pl_buf_free(&err);
	pl_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_write_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
