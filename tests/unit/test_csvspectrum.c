/*
 * test_csvspectrum.c: conformance of pl_csv_read with csv-spectrum.
 *
 * tests/data/csv-spectrum/ is a verbatim copy of the csv-spectrum suite
 * (README.md there: source, commit, licence, and what the expectations
 * mean). For every csvs/NAME.csv this test parses the file with
 * pl_csv_read and compares it with the original json/NAME.json: an array
 * with one object per data record, keyed by the header's fields, every
 * value a string. A small JSON reader for exactly that flat shape is
 * below; it refuses anything else rather than guess. Each file is read
 * with every chunk size from 1 byte to its size, and a last test checks
 * that the folder holds exactly the cases listed here, each with its JSON,
 * so a case added or lost is noticed.
 */
#include "unit.h"

#include "pl_csvread.h"

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

/* ---- a JSON reader for [ { "key": "string", ... }, ... ] ------------------- */

struct obj {
	size_t n;
	char **key, **val;
};

struct json {
	struct obj *o;
	size_t n;
};

struct cursor {
	const char *p;
	const char *file;
};

static void skip_ws(struct cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

static void expect(struct cursor *c, char ch)
{
	skip_ws(c);
	if (*c->p != ch)
		fail_msg("%s: expected '%c' at '%.20s'", c->file, ch, c->p);
	c->p++;
}

static unsigned hex4(struct cursor *c)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char h = *c->p++;
		v <<= 4;
		if (h >= '0' && h <= '9')
			v |= (unsigned)(h - '0');
		else if (h >= 'a' && h <= 'f')
			v |= (unsigned)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			v |= (unsigned)(h - 'A' + 10);
		else
			fail_msg("%s: bad \\u escape", c->file);
	}
	return v;
}

static void put_utf8(struct pl_buf *b, unsigned cp)
{
	if (cp < 0x80) {
		pl_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		pl_buf_addc(b, (char)(0xc0 | cp >> 6));
		pl_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		pl_buf_addc(b, (char)(0xe0 | cp >> 12));
		pl_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		pl_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		pl_buf_addc(b, (char)(0xf0 | cp >> 18));
		pl_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		pl_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		pl_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A JSON string, unescaped, in a malloc'ed buffer. */
static char *json_string(struct cursor *c)
{
	expect(c, '"');
	struct pl_buf b = {0};
	pl_buf_add(&b, "", 0);
	for (;;) {
		unsigned char ch = (unsigned char)*c->p++;
		if (ch == '"')
			break;
		if (ch == '\0' || ch < 0x20)
			fail_msg("%s: unterminated string or raw control character", c->file);
		if (ch != '\\') {
			pl_buf_addc(&b, (char)ch);
			continue;
		}
		char e = *c->p++;
		switch (e) {
		case '"':
			pl_buf_addc(&b, '"');
			break;
		case '\\':
			pl_buf_addc(&b, '\\');
			break;
		case '/':
			pl_buf_addc(&b, '/');
			break;
		case 'b':
			pl_buf_addc(&b, '\b');
			break;
		case 'f':
			pl_buf_addc(&b, '\f');
			break;
		case 'n':
			pl_buf_addc(&b, '\n');
			break;
		case 'r':
			pl_buf_addc(&b, '\r');
			break;
		case 't':
			pl_buf_addc(&b, '\t');
			break;
		case 'u': {
			unsigned cp = hex4(c);
			if (cp >= 0xd800 && cp < 0xdc00) { /* a surrogate pair */
				if (c->p[0] != '\\' || c->p[1] != 'u')
					fail_msg("%s: lone surrogate", c->file);
				c->p += 2;
				unsigned lo = hex4(c);
				if (lo < 0xdc00 || lo >= 0xe000)
					fail_msg("%s: bad surrogate pair", c->file);
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			put_utf8(&b, cp);
			break;
		}
		default:
			fail_msg("%s: bad escape \\%c", c->file, e);
		}
	}
	return b.p;
}

static struct json json_parse(const char *text, const char *file)
{
	struct cursor c = {text, file};
	struct json j = {NULL, 0};
	expect(&c, '[');
	skip_ws(&c);
	if (*c.p == ']') {
		c.p++;
	} else {
		for (;;) {
			j.o = pl_xrealloc(j.o, (j.n + 1) * sizeof *j.o);
			struct obj *o = &j.o[j.n++];
			memset(o, 0, sizeof *o);
			expect(&c, '{');
			skip_ws(&c);
			if (*c.p == '}') {
				c.p++;
			} else {
				for (;;) {
					o->key = pl_xrealloc(o->key, (o->n + 1) * sizeof *o->key);
					o->val = pl_xrealloc(o->val, (o->n + 1) * sizeof *o->val);
					o->key[o->n] = json_string(&c);
					expect(&c, ':');
					skip_ws(&c);
					if (*c.p != '"')
						fail_msg(
						    "%s: a value that is not a string: '%.20s'",
						    file, c.p);
					o->val[o->n++] = json_string(&c);
					skip_ws(&c);
					if (*c.p == ',') {
						c.p++;
						continue;
					}
					expect(&c, '}');
					break;
				}
			}
			skip_ws(&c);
			if (*c.p == ',') {
				c.p++;
				continue;
			}
			expect(&c, ']');
			break;
		}
	}
	skip_ws(&c);
	if (*c.p)
		fail_msg("%s: text after the array: '%.20s'", file, c.p);
	return j;
}

static void json_free(struct json *j)
{
	for (size_t i = 0; i < j->n; i++) {
		for (size_t k = 0; k < j->o[i].n; k++) {
			free(j->o[i].key[k]);
			free(j->o[i].val[k]);
		}
		free(j->o[i].key);
		free(j->o[i].val);
	}
	free(j->o);
	memset(j, 0, sizeof *j);
}

/* The reader itself, on a JSON text with every escape and an empty array. */
static void test_json_reader(void **state)
{
	(void)state;
	struct json j =
	    json_parse(" [ {\"a\\u0062\" : \"x\\n\\r\\t\\\"\\\\\\/\\u00e9\\ud83d\\ude00\"},"
		       "{}, {\"k\":\"\", \"l\":\"2\"} ] \n",
		       "inline");
	assert_int_equal(j.n, 3);
	assert_int_equal(j.o[0].n, 1);
	assert_string_equal(j.o[0].key[0], "ab");
	assert_string_equal(j.o[0].val[0], "x\n\r\t\"\\/\xc3\xa9\xf0\x9f\x98\x80");
	assert_int_equal(j.o[1].n, 0);
	assert_int_equal(j.o[2].n, 2);
	assert_string_equal(j.o[2].key[1], "l");
	assert_string_equal(j.o[2].val[1], "2");
	json_free(&j);
	j = json_parse("[]", "inline");
	assert_int_equal(j.n, 0);
	json_free(&j);
}

/* ---- the comparison -------------------------------------------------------- */

static void compare(const char *name, const struct recs *rs, const struct json *j, size_t chunk)
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
		const struct obj *o = &j->o[i];
		if (r->nf != head->nf || o->n != head->nf)
			fail_msg("%s record %zu: %zu fields, header %zu, JSON keys %zu", name,
				 i + 1, r->nf, head->nf, o->n);
		for (size_t k = 0; k < o->n; k++) {
			size_t col = head->nf;
			for (size_t h = 0; h < head->nf; h++)
				if (strcmp(head->f[h], o->key[k]) == 0)
					col = h;
			if (col == head->nf)
				fail_msg("%s: JSON key '%s' is not a header field", name,
					 o->key[k]);
			if (strcmp(r->f[col], o->val[k]) != 0)
				fail_msg("%s (chunk %zu) record %zu, '%s': got '%s', want '%s'",
					 name, chunk, i + 1, o->key[k], r->f[col], o->val[k]);
		}
	}
}

static void test_case(void **state)
{
	const char *name = *state;
	struct pl_buf csv = {0}, js = {0};
	pl_buf_printf(&csv, "%s/csvs/%s.csv", base, name);
	pl_buf_printf(&js, "%s/json/%s.json", base, name);
	char *text = unit_read(js.p, NULL);
	struct json j = json_parse(text, js.p);
	free(text);
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
	json_free(&j);
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
	tests[0] = (struct CMUnitTest)cmocka_unit_test(test_json_reader);
	for (size_t i = 0; i < NCASES; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(test_case, (void *)cases[i]);
		t.name = cases[i];
		tests[i + 1] = t;
	}
	tests[NCASES + 1] = (struct CMUnitTest)cmocka_unit_test(test_all_cases_listed);
	return _cmocka_run_group_tests("csvspectrum", tests, NCASES + 2, setup, NULL);
}
