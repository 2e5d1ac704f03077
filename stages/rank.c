#include <stdlib.h>
#include <string.h>

#include "pl_exact.h"
#include "pl_parse.h"
#include "rank.h"

struct region_row {
	char **f; /* the reg record's fields, owned by the rank arena */
	int year;
	int level; /* 0 provinsi, 1 kabupaten or kota */
	int64_t iid, spd;
	uint64_t sid_num, sid_den;
	int64_t rank_national, rank_province;
};

struct rank {
	struct pl_ctx *ctx;
	struct pl_sink next;
	struct pl_arena keep;
	struct region_row *r;
	size_t n, cap;
	struct pl_group out;
	int failed;
};

static int64_t hundredths(const char *s)
{
	int neg = s[0] == '-';
	int64_t v = 0;
	if (pl_parse_hundredths(s + neg, &v))
		abort(); /* score writes these: a malformed one is a bug */
	return neg ? -v : v;
}

static uint64_t whole(const char *s)
{
	int64_t v;
	if (pl_parse_int(s, 0, INT64_MAX, &v))
		abort();
	return (uint64_t)v;
}

static int rank_put(void *self, struct pl_group *g)
{
	struct rank *k = self;
	if (g->head.kind != PL_KIND_REG)
		return k->next.put(k->next.self, g);
	pl_grow((void **)&k->r, &k->cap, k->n + 1, sizeof *k->r);
	struct region_row *r = &k->r[k->n++];
	memset(r, 0, sizeof *r);
	r->f = pl_arena_alloc(&k->keep, PL_REG_NF * sizeof *r->f);
	for (size_t i = 0; i < PL_REG_NF; i++)
		r->f[i] = pl_arena_strdup(&k->keep, pl_get(&g->head, i));
	r->year = (int)whole(r->f[PL_REG_YEAR]);
	r->level = strcmp(r->f[PL_REG_LEVEL], "provinsi") == 0 ? 0 : 1;
	r->iid = hundredths(r->f[PL_REG_IID]);
	r->spd = hundredths(r->f[PL_REG_SPD]);
	r->sid_num = whole(r->f[PL_REG_SID_NUM]);
	r->sid_den = whole(r->f[PL_REG_SID_DEN]);
	return 0;
}

/* The listing order within a cluster: IID, SID (exact), SPD, code. */
static int cmp_listing(const void *pa, const void *pb)
{
	const struct region_row *a = *(struct region_row *const *)pa;
	const struct region_row *b = *(struct region_row *const *)pb;
	if (a->iid != b->iid)
		return a->iid > b->iid ? -1 : 1;
	int c = pl_cmp_frac(b->sid_num, b->sid_den, a->sid_num, a->sid_den);
	if (c)
		return c;
	if (a->spd != b->spd)
		return a->spd > b->spd ? -1 : 1;
	return strcmp(a->f[PL_REG_CODE], b->f[PL_REG_CODE]);
}

/* Ranks one cluster, given in listing order: competition ranking on IID. */
static void assign(struct region_row **c, size_t n, int province)
{
	for (size_t i = 0; i < n; i++) {
		int64_t rank = (i && c[i]->iid == c[i - 1]->iid)
				       ? (province ? c[i - 1]->rank_province : c[i - 1]->rank_national)
				       : (int64_t)i + 1;
		*(province ? &c[i]->rank_province : &c[i]->rank_national) = rank;
	}
}

/* Cluster key: national clusters by year and level name; province
 * clusters by year and province, kabupaten and kota together. */
static int same_cluster(const struct region_row *a, const struct region_row *b, int province)
{
	if (a->year != b->year)
		return 0;
	if (province)
		return strcmp(a->f[PL_REG_PROVINCE], b->f[PL_REG_PROVINCE]) == 0;
	return strcmp(a->f[PL_REG_LEVEL], b->f[PL_REG_LEVEL]) == 0;
}

/*
 * Cluster order: year, then the cluster's key field (PL_REG_LEVEL or
 * PL_REG_PROVINCE), then listing order. pl_sort, like qsort, passes the
 * comparison no context, so each key gets a one-line comparison of its own
 * over this one.
 */
static int cmp_cluster(const void *pa, const void *pb, int key)
{
	const struct region_row *a = *(struct region_row *const *)pa;
	const struct region_row *b = *(struct region_row *const *)pb;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	int c = strcmp(a->f[key], b->f[key]);
	return c ? c : cmp_listing(pa, pb);
}

/* National and tag clusters: year and level. */
static int cmp_cluster_level(const void *pa, const void *pb)
{
	return cmp_cluster(pa, pb, PL_REG_LEVEL);
}

static int cmp_cluster_province(const void *pa, const void *pb)
{
	return cmp_cluster(pa, pb, PL_REG_PROVINCE);
}

static void rank_clusters(struct region_row **v, size_t n, int province)
{
	pl_sort(v, n, sizeof *v, province ? cmp_cluster_province : cmp_cluster_level);
	for (size_t i = 0; i < n;) {
		size_t end = i + 1;
		while (end < n && same_cluster(v[i], v[end], province))
			end++;
		assign(v + i, end - i, province);
		i = end;
	}
}

/* Each tag of the master is a further cluster: the regions carrying it,
 * per year and level, ranked like the national clusters. */
static int rank_tags(struct rank *k, struct region_row **v)
{
	const struct pl_master *m = k->ctx->master;
	for (size_t t = 0; m && t < m->ntags; t++) {
		size_t n = 0;
		for (size_t i = 0; i < k->n; i++) {
			const struct pl_region *reg = pl_master_find(m, k->r[i].f[PL_REG_CODE]);
			if (reg && reg->tagged[t])
				v[n++] = &k->r[i];
		}
		pl_sort(v, n, sizeof *v, cmp_cluster_level);
		int64_t rank = 0;
		size_t start = 0; /* first row of the current year and level */
		for (size_t i = 0; i < n; i++) {
			int same = i && v[i]->year == v[i - 1]->year &&
				   !strcmp(v[i]->f[PL_REG_LEVEL], v[i - 1]->f[PL_REG_LEVEL]);
			if (!same)
				start = i;
			if (!same || v[i]->iid != v[i - 1]->iid)
				rank = (int64_t)(i - start) + 1; /* ties keep the rank before */
			struct pl_group *g = &k->out;
			pl_group_start(g, PL_KIND_CLU);
			pl_set(g, &g->head, PL_CLU_YEAR, v[i]->f[PL_REG_YEAR]);
			pl_set(g, &g->head, PL_CLU_CLUSTER, m->tags[t]);
			pl_set(g, &g->head, PL_CLU_LEVEL, v[i]->f[PL_REG_LEVEL]);
			pl_set(g, &g->head, PL_CLU_REGION, v[i]->f[PL_REG_CODE]);
			pl_set(g, &g->head, PL_CLU_IID, v[i]->f[PL_REG_IID]);
			pl_set_int(g, &g->head, PL_CLU_RANK, (long long)rank);
			if (k->next.put(k->next.self, g) < 0)
				return -1;
		}
	}
	return 0;
}

static int cmp_output(const void *pa, const void *pb)
{
	const struct region_row *a = *(struct region_row *const *)pa;
	const struct region_row *b = *(struct region_row *const *)pb;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return strcmp(a->f[PL_REG_CODE], b->f[PL_REG_CODE]);
}

static int rank_finish(void *self)
{
	struct rank *k = self;
	struct region_row **v = pl_xmalloc((k->n ? k->n : 1) * sizeof *v);
	for (size_t i = 0; i < k->n; i++)
		v[i] = &k->r[i];
	rank_clusters(v, k->n, 0);
	size_t nlocal = 0;
	for (size_t i = 0; i < k->n; i++)
		if (k->r[i].level)
			v[nlocal++] = &k->r[i];
	rank_clusters(v, nlocal, 1);
	int rc = rank_tags(k, v);
	for (size_t i = 0; i < k->n; i++)
		v[i] = &k->r[i];
	pl_sort(v, k->n, sizeof *v, cmp_output);
	for (size_t i = 0; i < k->n && rc == 0; i++) {
		struct pl_group *g = &k->out;
		pl_group_start(g, PL_KIND_REG);
		for (size_t f = 0; f < PL_REG_NF; f++)
			pl_set(g, &g->head, f, v[i]->f[f]);
		pl_set_int(g, &g->head, PL_REG_RANK_NATIONAL, (long long)v[i]->rank_national);
		if (v[i]->level)
			pl_set_int(g, &g->head, PL_REG_RANK_PROVINCE,
				   (long long)v[i]->rank_province);
		else
			pl_set(g, &g->head, PL_REG_RANK_PROVINCE, "");
		rc = k->next.put(k->next.self, g);
	}
	free(v);
	return rc;
}

static void rank_destroy(void *self)
{
	struct rank *k = self;
	pl_arena_free(&k->keep);
	pl_group_free(&k->out);
	free(k->r);
	free(k);
}

struct pl_stage rank_new(struct pl_ctx *ctx, struct pl_sink next)
{
	struct rank *k = pl_xcalloc(1, sizeof *k);
	k->ctx = ctx;
	k->next = next;
	struct pl_stage s = {"rank", k, rank_put, rank_finish, rank_destroy};
	return s;
}
