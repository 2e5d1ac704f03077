#include <stdlib.h>
#include <string.h>

#include "pl_json.h"
#include "pl_jsonread.h"
#include "pl_parse.h"

enum { MAX_DEPTH = 64 }; /* arrays and objects inside each other */

struct parser {
	struct pl_arena *a;
	const char *p, *start, *end;
	struct pl_buf *err;
	struct pl_buf scratch; /* a string being decoded */
};

static int fail(struct parser *ps, const char *what)
{
	long line = 1, col = 1;
	for (const char *q = ps->start; q < ps->p && q < ps->end; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	pl_buf_reset(ps->err);
	pl_buf_printf(ps->err, "line %ld, column %ld: %s", line, col, what);
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int literal(struct parser *ps, const char *word, enum pl_jtype type, struct pl_jv *out)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character");
	ps->p += n;
	out->type = type;
	out->s = word;
	return 0;
}

static int digits(struct parser *ps)
{
	const char *from = ps->p;
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > from;
}

static int number(struct parser *ps, struct pl_jv *out)
{
	const char *from = ps->p;
	if (*ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0') {
		ps->p++;
		if (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			return fail(ps, "a number may not have a leading zero");
	} else if (!digits(ps)) {
		return fail(ps, "malformed number");
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!digits(ps))
			return fail(ps, "malformed number: no digit after '.'");
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!digits(ps))
			return fail(ps, "malformed number: no digit in the exponent");
	}
	out->type = PL_J_NUM;
	out->s = pl_arena_strndup(ps->a, from, (size_t)(ps->p - from));
	return 0;
}

static int hex4(struct parser *ps, unsigned *out)
{
	if (ps->end - ps->p < 4)
		return fail(ps, "truncated \\u escape");
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = *ps->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail(ps, "malformed \\u escape");
	}
	*out = v;
	return 0;
}

static void utf8(struct pl_buf *b, unsigned cp)
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

static int escape(struct parser *ps, struct pl_buf *b)
{
	if (ps->p >= ps->end)
		return fail(ps, "unterminated string");
	char c = *ps->p++;
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit = c ? strchr(from, c) : NULL;
	if (hit) {
		pl_buf_addc(b, to[hit - from]);
		return 0;
	}
	if (c != 'u')
		return fail(ps, "unknown escape in a string");
	unsigned cp;
	if (hex4(ps, &cp) < 0)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(ps, "a low surrogate without a high one");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		unsigned lo;
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return fail(ps, "a high surrogate without a low one");
		ps->p += 2;
		if (hex4(ps, &lo) < 0)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(ps, "a high surrogate without a low one");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return fail(ps, "\\u0000 in a string");
	utf8(b, cp);
	return 0;
}

static int string(struct parser *ps, const char **out)
{
	struct pl_buf *b = &ps->scratch;
	pl_buf_reset(b);
	ps->p++; /* the opening quote */
	for (;;) {
		if (ps->p >= ps->end)
			return fail(ps, "unterminated string");
		unsigned char c = (unsigned char)*ps->p;
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(ps, "a control character in a string");
		ps->p++;
		if (c == '\\') {
			if (escape(ps, b) < 0)
				return -1;
		} else {
			pl_buf_addc(b, (char)c);
		}
	}
	ps->p++;
	*out = pl_arena_strndup(ps->a, b->p ? b->p : "", b->len);
	return 0;
}

static int value(struct parser *ps, struct pl_jv *out, int depth);

/* Members are gathered in a growable array, then moved into the arena so
 * the tree is freed with it. */
static int members(struct parser *ps, struct pl_jv *out, int depth, int object)
{
	struct pl_jv *v = NULL;
	const char **k = NULL;
	size_t n = 0, cap = 0, kcap = 0;
	char close = object ? '}' : ']';
	int rc = -1;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		rc = 0;
		goto done;
	}
	for (;;) {
		pl_grow((void **)&v, &cap, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		if (object) {
			pl_grow((void **)&k, &kcap, n + 1, sizeof *k);
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != '"') {
				fail(ps, "expected a key in quotes");
				goto done;
			}
			if (string(ps, &k[n]) < 0)
				goto done;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				fail(ps, "expected ':' after a key");
				goto done;
			}
			ps->p++;
		}
		if (value(ps, &v[n], depth + 1) < 0)
			goto done;
		n++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			rc = 0;
			break;
		}
		fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
		goto done;
	}
done:
	if (rc == 0) {
		out->type = object ? PL_J_OBJ : PL_J_ARR;
		out->n = n;
		if (n) {
			out->v = pl_arena_alloc(ps->a, n * sizeof *v);
			memcpy(out->v, v, n * sizeof *v);
			if (object) {
				const char **kk = pl_arena_alloc(ps->a, n * sizeof *k);
				memcpy(kk, k, n * sizeof *k);
				out->k = kk;
			}
		}
	}
	free(v);
	free(k);
	return rc;
}

static int value(struct parser *ps, struct pl_jv *out, int depth)
{
	if (depth >= MAX_DEPTH)
		return fail(ps, "nested too deep");
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end of input");
	memset(out, 0, sizeof *out);
	switch (*ps->p) {
	case '{':
		return members(ps, out, depth, 1);
	case '[':
		return members(ps, out, depth, 0);
	case '"':
		out->type = PL_J_STR;
		return string(ps, &out->s);
	case 't':
		return literal(ps, "true", PL_J_BOOL, out);
	case 'f':
		return literal(ps, "false", PL_J_BOOL, out);
	case 'n':
		return literal(ps, "null", PL_J_NULL, out);
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return number(ps, out);
		return fail(ps, "unexpected character");
	}
}

int pl_json_parse(struct pl_arena *a, const char *text, size_t len, struct pl_jv *out,
		  struct pl_buf *err)
{
	struct parser ps = {a, text, text, text + len, err, {0}};
	memset(out, 0, sizeof *out);
	int rc = value(&ps, out, 0);
	if (rc == 0) {
		skip_ws(&ps);
		if (ps.p != ps.end)
			rc = fail(&ps, "text after the value");
	}
	pl_buf_free(&ps.scratch);
	return rc;
}

const struct pl_jv *pl_json_get(const struct pl_jv *obj, const char *key)
{
	if (!obj || obj->type != PL_J_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->k[i], key) == 0)
			return &obj->v[i];
	return NULL;
}

const char *pl_json_get_str(const struct pl_jv *obj, const char *key)
{
	const struct pl_jv *v = pl_json_get(obj, key);
	return v && v->type == PL_J_STR ? v->s : NULL;
}

int pl_json_int(const struct pl_jv *v, int64_t *out)
{
	if (!v || v->type != PL_J_NUM)
		return -1;
	return pl_parse_int(v->s, INT64_MIN, INT64_MAX, out) == 0 ? 0 : -1;
}

void pl_json_write(struct pl_buf *b, const struct pl_jv *v)
{
	switch (v->type) {
	case PL_J_STR:
		pl_json_str(b, v->s);
		break;
	case PL_J_ARR:
	case PL_J_OBJ:
		pl_buf_addc(b, v->type == PL_J_OBJ ? '{' : '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				pl_buf_adds(b, ", ");
			if (v->type == PL_J_OBJ)
				pl_json_key(b, v->k[i]);
			pl_json_write(b, &v->v[i]);
		}
		pl_buf_addc(b, v->type == PL_J_OBJ ? '}' : ']');
		break;
	default:
		pl_buf_adds(b, v->s);
	}
}
