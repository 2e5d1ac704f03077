#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_record.h"
#include "pl_util.h"

#define PL_NAME_FIELD(id, name) name,
static const char *const src_names[] = {PL_SRC_FIELDS(PL_NAME_FIELD)};
static const char *const sub_names[] = {PL_SUB_FIELDS(PL_NAME_FIELD)};
static const char *const ans_names[] = {PL_ANS_FIELDS(PL_NAME_FIELD)};
static const char *const raw_names[] = {PL_RAW_FIELDS(PL_NAME_FIELD)};
static const char *const rej_names[] = {PL_REJ_FIELDS(PL_NAME_FIELD)};
static const char *const acct_names[] = {PL_ACCT_FIELDS(PL_NAME_FIELD)};
static const char *const inn_names[] = {PL_INN_FIELDS(PL_NAME_FIELD)};
static const char *const spd_names[] = {PL_SPD_FIELDS(PL_NAME_FIELD)};
static const char *const reg_names[] = {PL_REG_FIELDS(PL_NAME_FIELD)};
static const char *const exp_names[] = {PL_EXP_FIELDS(PL_NAME_FIELD)};
static const char *const clu_names[] = {PL_CLU_FIELDS(PL_NAME_FIELD)};
static const char *const sug_names[] = {PL_SUG_FIELDS(PL_NAME_FIELD)};
#undef PL_NAME_FIELD

#define SCHEMA(tag, names) {tag, sizeof names / sizeof names[0], names}
static const struct pl_schema schemas[PL_KIND_COUNT] = {
	[PL_KIND_SRC] = SCHEMA("src", src_names),
	[PL_KIND_SUB] = SCHEMA("sub", sub_names),
	[PL_KIND_ANS] = SCHEMA("ans", ans_names),
	[PL_KIND_RAW] = SCHEMA("raw", raw_names),
	[PL_KIND_REJ] = SCHEMA("rej", rej_names),
	/* Warnings share the reject layout: one reader, one writer. */
	[PL_KIND_WARN] = SCHEMA("warn", rej_names),
	[PL_KIND_ACCT] = SCHEMA("acct", acct_names),
	[PL_KIND_INN] = SCHEMA("inn", inn_names),
	[PL_KIND_SPD] = SCHEMA("spd", spd_names),
	[PL_KIND_REG] = SCHEMA("reg", reg_names),
	[PL_KIND_EXP] = SCHEMA("exp", exp_names),
	[PL_KIND_CLU] = SCHEMA("clu", clu_names),
	[PL_KIND_SUG] = SCHEMA("sug", sug_names),
};
#undef SCHEMA

const struct pl_schema *pl_schema_of(enum pl_kind kind)
{
	return &schemas[kind];
}

int pl_kind_from_tag(const char *tag)
{
	for (int k = 0; k < PL_KIND_COUNT; k++)
		if (strcmp(schemas[k].tag, tag) == 0)
			return k;
	return -1;
}

static void row_init(struct pl_group *g, struct pl_row *r, enum pl_kind kind)
{
	size_t nf = schemas[kind].nf;
	r->kind = kind;
	r->f = pl_arena_alloc(&g->arena, nf * sizeof *r->f);
	memset(r->f, 0, nf * sizeof *r->f);
}

void pl_group_start(struct pl_group *g, enum pl_kind kind)
{
	pl_group_reset(g);
	row_init(g, &g->head, kind);
}

struct pl_row *pl_group_add_ans(struct pl_group *g)
{
	pl_grow((void **)&g->ans, &g->cap, g->nans + 1, sizeof *g->ans);
	struct pl_row *r = &g->ans[g->nans++];
	row_init(g, r, PL_KIND_ANS);
	return r;
}

struct pl_row *pl_group_add_raw(struct pl_group *g)
{
	pl_grow((void **)&g->raw, &g->rawcap, g->nraw + 1, sizeof *g->raw);
	struct pl_row *r = &g->raw[g->nraw++];
	row_init(g, r, PL_KIND_RAW);
	return r;
}

void pl_group_keep_raw(struct pl_group *g, size_t field, const char *value)
{
	const char *name = schemas[PL_KIND_SUB].names[field];
	for (size_t i = 0; i < g->nraw; i++)
		if (strcmp(g->raw[i].f[PL_RAW_FIELD], name) == 0)
			return;
	struct pl_row *r = pl_group_add_raw(g);
	pl_set(g, r, PL_RAW_FIELD, name);
	pl_set(g, r, PL_RAW_VALUE, value);
}

const char *pl_group_raw(const struct pl_group *g, size_t field)
{
	const char *name = schemas[PL_KIND_SUB].names[field];
	for (size_t i = 0; i < g->nraw; i++)
		if (strcmp(g->raw[i].f[PL_RAW_FIELD], name) == 0)
			return pl_get(&g->raw[i], PL_RAW_VALUE);
	return pl_get(&g->head, field);
}

void pl_group_reset(struct pl_group *g)
{
	pl_arena_reset(&g->arena);
	g->nans = 0;
	g->nraw = 0;
	g->head.f = NULL;
	g->normalized = PL_NORM_NOT;
	g->span = NULL;
	g->nspan = 0;
	g->shared = NULL;
	g->nshared = 0;
}

void pl_group_free(struct pl_group *g)
{
	pl_arena_free(&g->arena);
	free(g->ans);
	free(g->raw);
	memset(g, 0, sizeof *g);
}

void pl_setn(struct pl_group *g, struct pl_row *r, size_t i, const char *s,
	     size_t n)
{
	r->f[i] = s ? pl_arena_strndup(&g->arena, s, n) : NULL;
}

void pl_set(struct pl_group *g, struct pl_row *r, size_t i, const char *s)
{
	pl_setn(g, r, i, s, s ? strlen(s) : 0);
}

void pl_set_int(struct pl_group *g, struct pl_row *r, size_t i, long long v)
{
	char b[PL_INT_BUF];
	pl_fmt_int(b, v);
	pl_setn(g, r, i, b, strlen(b));
}

void pl_setf(struct pl_group *g, struct pl_row *r, size_t i, const char *fmt,
	     ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort(); /* only an invalid format does this: a bug */
	char *s = pl_arena_alloc(&g->arena, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r->f[i] = s;
}
