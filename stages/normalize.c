#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "pl_iddate.h"
#include "pl_idnum.h"
#include "pl_intern.h"
#include "pl_tally.h"

static const char STAGE[] = "normalize";

static const size_t controlled[] = {PL_SUB_BENTUK, PL_SUB_JENIS, PL_SUB_INISIATOR,
				    PL_SUB_URUSAN, PL_SUB_TAHAPAN, PL_SUB_STATUS};
enum { NCONTROLLED = sizeof controlled / sizeof *controlled };

/* Spellings of the controlled fields already matched, with their
 * canonical values: records repeat a handful of spellings per field, which
 * a hash and one strcmp then settle instead of folding and searching the
 * vocabulary. Direct-mapped by the hash of the spelling; unknown values
 * are never kept. */
enum { MEMO_SLOTS = 32 };

struct vocab_memo {
	struct pl_buf written;
	const char *canon; /* NULL: empty slot */
};

struct normalize {
	struct pl_ctx *ctx;
	struct pl_sink next;
	struct pl_group scratch;
	struct pl_buf detail;
	struct pl_tally tally;
	struct vocab_memo memo[NCONTROLLED][MEMO_SLOTS];
	/* The last region resolved, by its code and name as the record gave
	 * them: records come file by file, and a file's repeat them, so the
	 * name is folded and looked up once per file, not per record. */
	struct pl_buf region_code, region_name;
	int region_known;
	enum pl_resolve region_rc;
	struct pl_resolution region_res;
	int problems;
	int failed;
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 52, 52.0, 5272, 5272.0, 52.72, 52 72 -> 52 or 52.72; else unchanged.
 * s must have room for "PP.KK" and its NUL (6 bytes). */
static void canonical_code(char *s)
{
	char digits[5];
	size_t n = 0;
	size_t len = strlen(s);
	/* A float-formatted code: only a trailing ".0" is a float artefact. */
	if (len > 2 && strcmp(s + len - 2, ".0") == 0 && (len == 4 || len == 6))
		s[len -= 2] = '\0';
	for (char *p = s; *p; p++) {
		if (is_digit(*p)) {
			if (n == 4)
				return;
			digits[n++] = *p;
		} else if ((*p != '.' && *p != ' ') || n != 2) {
			return; /* a separator is only allowed after the province */
		}
	}
	if (n == 2)
		memcpy(s, digits, 2), s[2] = '\0';
	else if (n == 4)
		s[0] = digits[0], s[1] = digits[1], s[2] = '.', s[3] = digits[2],
		s[4] = digits[3], s[5] = '\0';
}

static void problem(struct normalize *nz, const struct pl_group *g, enum pl_reject_code code,
		    size_t field, const char *detail)
{
	const struct pl_row *h = &g->head;
	if (pl_reject_scope(code) != PL_SCOPE_WARNING)
		nz->problems++;
	if (pl_report(nz->next, &nz->scratch, nz->ctx, STAGE, code, h->f[PL_SUB_FILE],
		      h->f[PL_SUB_LINE], h, pl_schema_of(PL_KIND_SUB)->names[field],
		      pl_group_raw(g, field), detail) < 0)
		nz->failed = 1;
}

/* Replaces head field f with value, keeping what was written (a missing
 * field, such as a code filled in from the name, was written empty). */
static void replace(struct pl_group *g, size_t f, const char *value)
{
	if (g->head.f[f] && strcmp(g->head.f[f], value) == 0)
		return;
	pl_group_keep_raw(g, f, g->head.f[f]);
	pl_set(g, &g->head, f, value);
}

static const char *lang_text(const struct normalize *nz, const char *id, const char *en)
{
	return nz->ctx->lang == PL_LANG_EN ? en : id;
}

static void region(struct normalize *nz, struct pl_group *g)
{
	struct pl_row *h = &g->head;
	const char *written = h->f[PL_SUB_KODE];
	size_t len = written ? strlen(written) : 0;
	if (len && len < 16) {
		/* Room to grow: "5272" becomes "52.72". */
		char code[16];
		memcpy(code, written, len + 1);
		canonical_code(code);
		replace(g, PL_SUB_KODE, code);
	}
	const char *code = pl_get(h, PL_SUB_KODE), *name = pl_get(h, PL_SUB_NAMA_WILAYAH);
	if (!nz->region_known || strcmp(code, pl_buf_str(&nz->region_code)) ||
	    strcmp(name, pl_buf_str(&nz->region_name))) {
		nz->region_rc = pl_master_resolve(nz->ctx->master, code, name, &nz->region_res);
		pl_buf_reset(&nz->region_code);
		pl_buf_adds(&nz->region_code, code);
		pl_buf_reset(&nz->region_name);
		pl_buf_adds(&nz->region_name, name);
		nz->region_known = 1;
	}
	enum pl_resolve r = nz->region_rc;
	const struct pl_resolution *res = &nz->region_res;
	int by_code = !pl_is_blank(h->f[PL_SUB_KODE]);
	pl_buf_reset(&nz->detail);
	switch (r) {
	case PL_RESOLVE_OK:
		if (res->legacy_code) {
			pl_buf_printf(&nz->detail, "%s -> %s (%s)", res->legacy_code,
				      res->region->code, res->region->name);
			problem(nz, g, PL_REJ_REGION_CODE_MAPPED, PL_SUB_KODE, nz->detail.p);
		}
		replace(g, PL_SUB_KODE, res->region->code);
		return;
	case PL_RESOLVE_NONE:
		problem(nz, g, PL_REJ_REGION_MISSING, PL_SUB_KODE, NULL);
		return;
	case PL_RESOLVE_UNKNOWN:
		problem(nz, g, PL_REJ_REGION_UNKNOWN, by_code ? PL_SUB_KODE : PL_SUB_NAMA_WILAYAH,
			NULL);
		return;
	case PL_RESOLVE_AMBIGUOUS:
		for (size_t i = 0; i < res->ncandidates; i++)
			pl_buf_printf(&nz->detail, "%s%s %s", i ? ", " : "",
				      res->candidates[i]->code, res->candidates[i]->name);
		problem(nz, g, PL_REJ_REGION_AMBIGUOUS, PL_SUB_NAMA_WILAYAH, nz->detail.p);
		return;
	case PL_RESOLVE_MISMATCH:
		pl_buf_printf(&nz->detail, "%s %s %s %s", lang_text(nz, "kode", "code"),
			      res->region->code, lang_text(nz, "adalah", "is"), res->region->name);
		if (res->ncandidates)
			pl_buf_printf(&nz->detail, "; %s %s",
				      lang_text(nz, "nama itu milik", "that name is"),
				      res->candidates[0]->code);
		problem(nz, g, PL_REJ_CODE_NAME_MISMATCH, PL_SUB_NAMA_WILAYAH, nz->detail.p);
		return;
	}
}

/* A year or a level written with Indonesian or plain notation ("3,0",
 * "2023.0"). Only a whole number replaces the value: anything else is left
 * as written for validate to reject, quoting what the clerk typed. */
static void number_any(struct pl_group *g, struct pl_row *r, size_t f, int head)
{
	char out[64];
	const char *v = r->f[f]; /* neither NULL nor empty: see number */
	if (!v[strspn(v, "0123456789")])
		return;
	if (pl_idnum_canonical(v, out, sizeof out) != PL_IDNUM_OK ||
	    strspn(out, "0123456789") != strlen(out))
		return;
	if (head)
		replace(g, f, out);
	else if (strcmp(v, out) != 0)
		pl_set(g, r, f, out);
}

/* Digits alone are already their own plain form; most levels are one
 * digit or empty (two per answer), and are passed over without a call. */
static inline void number(struct pl_group *g, struct pl_row *r, size_t f, int head)
{
	const char *v = r->f[f];
	if (!v || !v[0] || (v[0] >= '0' && v[0] <= '9' && !v[1]))
		return;
	number_any(g, r, f, head);
}

static void date(struct normalize *nz, struct pl_group *g, size_t f, int allow_time)
{
	char out[PL_IDDATE_BUF];
	const char *s = g->head.f[f];
	if (!s || !*s)
		return;
	switch (pl_iddate_canonical(s, allow_time, out)) {
	case PL_IDDATE_OK:
		replace(g, f, out);
		break;
	case PL_IDDATE_AMBIGUOUS:
		problem(nz, g, PL_REJ_DATE_AMBIGUOUS, f, NULL);
		break;
	case PL_IDDATE_MALFORMED:
		problem(nz, g, PL_REJ_DATE_MALFORMED, f, NULL);
		break;
	}
}

static void vocabulary(struct normalize *nz, struct pl_group *g, size_t i)
{
	size_t f = controlled[i];
	const char *name = pl_schema_of(PL_KIND_SUB)->names[f];
	const char *s = g->head.f[f];
	if (!s || !*s)
		return;
	struct vocab_memo *memo = &nz->memo[i][pl_hash(PL_HASH_INIT, s, strlen(s)) % MEMO_SLOTS];
	if (memo->canon && strcmp(s, memo->written.p) == 0) {
		replace(g, f, memo->canon);
		return;
	}
	if (!pl_vocab_controls(nz->ctx->vocab, name))
		return;
	const char *canon = pl_vocab_match(nz->ctx->vocab, name, s);
	if (canon) {
		pl_buf_reset(&memo->written);
		pl_buf_adds(&memo->written, s);
		memo->canon = canon;
		replace(g, f, canon);
		return;
	}
	pl_buf_reset(&nz->detail);
	pl_vocab_accepted(nz->ctx->vocab, name, &nz->detail);
	problem(nz, g, f == PL_SUB_STATUS ? PL_REJ_STATUS_UNKNOWN : PL_REJ_VALUE_UNKNOWN, f,
		f == PL_SUB_STATUS ? NULL : nz->detail.p);
}

/* Normalizes the submission g in place; returns whether it passed. Its
 * rejects and warnings are sent on (nz->failed when that failed). */
static int normalize_sub(struct normalize *nz, struct pl_group *g)
{
	struct pl_row *h = &g->head;
	nz->problems = 0;
	nz->failed = 0;
	/* Squeezing only shrinks a field, so it works in place; the value as
	 * written differs from it in white space only. */
	for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
		if (h->f[f])
			pl_squeeze(h->f[f]);
	number(g, h, PL_SUB_TAHUN, 1);
	region(nz, g);
	date(nz, g, PL_SUB_TGL_UJI, 0);
	date(nz, g, PL_SUB_TGL_TERAP, 0);
	date(nz, g, PL_SUB_TGL_KIRIM, 1);
	for (size_t i = 0; i < NCONTROLLED; i++)
		vocabulary(nz, g, i);
	for (size_t i = 0; i < g->nans; i++) {
		struct pl_row *a = &g->ans[i];
		for (size_t f = 0; f < PL_ANS_NF; f++)
			if (a->f[f])
				pl_squeeze(a->f[f]);
		number(g, a, PL_ANS_LEVEL, 0);
		number(g, a, PL_ANS_VERIF, 0);
	}
	return !nz->problems;
}

static int normalize_put(void *self, struct pl_group *g)
{
	struct normalize *nz = self;
	if (g->head.kind != PL_KIND_SUB)
		return nz->next.put(nz->next.self, g);
	const char *file = pl_get(&g->head, PL_SUB_FILE);
	pl_tally_count(&nz->tally, file, PL_TALLY_IN);
	int passed;
	if (g->normalized != PL_NORM_NOT) {
		passed = g->normalized == PL_NORM_PASSED;
		g->normalized = PL_NORM_NOT;
	} else {
		passed = normalize_sub(nz, g);
		if (nz->failed)
			return -1;
	}
	pl_tally_count(&nz->tally, file, passed ? PL_TALLY_OUT : PL_TALLY_REJECTED);
	return passed ? nz->next.put(nz->next.self, g) : 0;
}

/* On a thread reading ahead: the work, not the counts. A rejected
 * submission is sent on too, marked, so that the stage counts it. */
static int normalize_ahead_put(void *self, struct pl_group *g)
{
	struct normalize *nz = self;
	if (g->head.kind != PL_KIND_SUB)
		return nz->next.put(nz->next.self, g);
	int passed = normalize_sub(nz, g);
	if (nz->failed)
		return -1;
	g->normalized = passed ? PL_NORM_PASSED : PL_NORM_REJECTED;
	return nz->next.put(nz->next.self, g);
}

static int normalize_finish(void *self)
{
	struct normalize *nz = self;
	return pl_tally_send(&nz->tally, STAGE, nz->next, &nz->scratch);
}

static void normalize_destroy(void *self)
{
	struct normalize *nz = self;
	pl_group_free(&nz->scratch);
	pl_buf_free(&nz->detail);
	pl_buf_free(&nz->region_code);
	pl_buf_free(&nz->region_name);
	pl_tally_free(&nz->tally);
	for (size_t i = 0; i < NCONTROLLED; i++)
		for (size_t k = 0; k < MEMO_SLOTS; k++)
			pl_buf_free(&nz->memo[i][k].written);
	free(nz);
}

struct pl_stage normalize_new(struct pl_ctx *ctx, struct pl_sink next)
{
	struct normalize *nz = pl_xcalloc(1, sizeof *nz);
	nz->ctx = ctx;
	nz->next = next;
	struct pl_stage s = {"normalize", nz, normalize_put, normalize_finish, normalize_destroy};
	return s;
}

static int normalize_ahead_finish(void *self)
{
	(void)self;
	return 0;
}

struct pl_stage normalize_ahead_new(struct pl_ctx *ctx, struct pl_sink next)
{
	struct pl_stage s = normalize_new(ctx, next);
	s.put = normalize_ahead_put;
	s.finish = normalize_ahead_finish;
	return s;
}
