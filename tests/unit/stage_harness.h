/*
 * stage_harness.h: what the stage tests (test_normalize, test_validate,
 * test_score, test_rank, test_emit) share: a capture sink, builders for
 * input groups, the shared inputs (master list, methodology) and temp
 * folders.
 *
 * The capture sink is a struct pl_sink whose put copies every group it
 * receives (kind, head fields, answer rows; a missing field stays NULL,
 * distinct from "") so that a test can look at a stage's output after the
 * stage has reused its groups. Lookups are by kind and by field value.
 *
 * Builders: hs_sub() starts a submission group with the columns every
 * record has; hs_inn() a valid 2023 innovation with plausible defaults that
 * a test then overrides with hs_set(); hs_ans() appends an answer row.
 *
 * Everything here is static inline, so each test binary takes only what it
 * uses; environment failures (a temp folder that cannot be made, a master
 * list that does not load) end the test through fail_msg().
 */
#ifndef STAGE_HARNESS_H
#define STAGE_HARNESS_H

#include "unit.h"

#include "pl_master.h"
#include "pl_method.h"
#include "pl_record.h"
#include "pl_stage.h"
#include "pl_util.h"
#include "pl_vocab.h"

/* ---------------------------------------------------------------- capture */

struct hs_rec {
	enum pl_kind kind;
	size_t nf;
	char **f;     /* nf fields, NULL where missing */
	size_t nans;
	char ***ans;  /* nans rows of PL_ANS_NF fields */
	size_t nraw;
	char ***raw;  /* nraw rows of PL_RAW_NF fields: values as written */
};

struct hs_cap {
	struct hs_rec *v;
	size_t n, cap;
	int fail;     /* put returns -1 (a failing sink) when set */
	size_t puts;  /* calls of put, including failed ones */
};

static inline char **hs_copy_fields(char *const *f, size_t nf)
{
	char **c = pl_xcalloc(nf ? nf : 1, sizeof *c);
	for (size_t i = 0; i < nf; i++)
		c[i] = f[i] ? pl_xstrdup(f[i]) : NULL;
	return c;
}

static inline void hs_free_fields(char **f, size_t nf)
{
	for (size_t i = 0; i < nf; i++)
		free(f[i]);
	free(f);
}

static inline int hs_cap_put(void *self, struct pl_group *g)
{
	struct hs_cap *c = self;
	c->puts++;
	if (c->fail)
		return -1;
	pl_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
	struct hs_rec *r = &c->v[c->n++];
	r->kind = g->head.kind;
	r->nf = pl_schema_of(g->head.kind)->nf;
	r->f = hs_copy_fields(g->head.f, r->nf);
	r->nans = g->nans;
	r->ans = pl_xcalloc(g->nans ? g->nans : 1, sizeof *r->ans);
	for (size_t i = 0; i < g->nans; i++)
		r->ans[i] = hs_copy_fields(g->ans[i].f, PL_ANS_NF);
	r->nraw = g->nraw;
	r->raw = pl_xcalloc(g->nraw ? g->nraw : 1, sizeof *r->raw);
	for (size_t i = 0; i < g->nraw; i++)
		r->raw[i] = hs_copy_fields(g->raw[i].f, PL_RAW_NF);
	return 0;
}

static inline struct pl_sink hs_sink(struct hs_cap *c)
{
	struct pl_sink s = {hs_cap_put, c};
	return s;
}

static inline void hs_cap_clear(struct hs_cap *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct hs_rec *r = &c->v[i];
		hs_free_fields(r->f, r->nf);
		for (size_t a = 0; a < r->nans; a++)
			hs_free_fields(r->ans[a], PL_ANS_NF);
		free(r->ans);
		for (size_t a = 0; a < r->nraw; a++)
			hs_free_fields(r->raw[a], PL_RAW_NF);
		free(r->raw);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

static inline size_t hs_count(const struct hs_cap *c, enum pl_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->v[i].kind == kind;
	return n;
}

/* The i-th record of a kind, in arrival order; NULL when there is none. */
static inline const struct hs_rec *hs_nth(const struct hs_cap *c, enum pl_kind kind, size_t i)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].kind == kind && i-- == 0)
			return &c->v[k];
	return NULL;
}

/* The value as written of sub field f (its raw row), or NULL when
 * normalize kept none for it. */
static inline const char *hs_raw(const struct hs_rec *r, size_t f)
{
	const char *name = pl_schema_of(PL_KIND_SUB)->names[f];
	for (size_t i = 0; i < r->nraw; i++)
		if (r->raw[i][PL_RAW_FIELD] && strcmp(r->raw[i][PL_RAW_FIELD], name) == 0)
			return r->raw[i][PL_RAW_VALUE] ? r->raw[i][PL_RAW_VALUE] : "";
	return NULL;
}

/* Field f of r, "" when missing (for assertions on values). */
static inline const char *hs_get(const struct hs_rec *r, size_t f)
{
	assert_non_null(r);
	assert_true(f < r->nf);
	return r->f[f] ? r->f[f] : "";
}

/* The first record of a kind whose field f equals value. */
static inline const struct hs_rec *hs_find(const struct hs_cap *c, enum pl_kind kind, size_t f,
					   const char *value)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].kind == kind && c->v[k].f[f] && strcmp(c->v[k].f[f], value) == 0)
			return &c->v[k];
	return NULL;
}

/* The first record of a kind whose fields f1 and f2 equal v1 and v2. */
static inline const struct hs_rec *hs_find2(const struct hs_cap *c, enum pl_kind kind, size_t f1,
					    const char *v1, size_t f2, const char *v2)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct hs_rec *r = &c->v[k];
		if (r->kind == kind && r->f[f1] && strcmp(r->f[f1], v1) == 0 && r->f[f2] &&
		    strcmp(r->f[f2], v2) == 0)
			return r;
	}
	return NULL;
}

/* How many records of a kind have field f equal to value. */
static inline size_t hs_count_eq(const struct hs_cap *c, enum pl_kind kind, size_t f,
				 const char *value)
{
	size_t n = 0;
	for (size_t k = 0; k < c->n; k++)
		n += c->v[k].kind == kind && c->v[k].f[f] && strcmp(c->v[k].f[f], value) == 0;
	return n;
}

/* A reject or warning with this code about this file and line. */
static inline const struct hs_rec *hs_find_code(const struct hs_cap *c, enum pl_kind kind,
						const char *code, const char *file,
						const char *line)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct hs_rec *r = &c->v[k];
		if (r->kind == kind && strcmp(hs_get(r, PL_REJ_CODE), code) == 0 &&
		    strcmp(hs_get(r, PL_REJ_FILE), file) == 0 &&
		    strcmp(hs_get(r, PL_REJ_LINE), line) == 0)
			return r;
	}
	return NULL;
}

/* Fails the test unless rows a and b have the same kind and fields (a
 * missing field only against a missing one). */
static inline void hs_assert_rows_equal(const struct pl_row *a, const struct pl_row *b)
{
	assert_int_equal(a->kind, b->kind);
	size_t nf = pl_schema_of(a->kind)->nf;
	for (size_t i = 0; i < nf; i++) {
		if (!a->f[i] || !b->f[i]) {
			if (a->f[i] != b->f[i])
				fail_msg("field %zu: '%s' vs '%s'", i,
					 a->f[i] ? a->f[i] : "(missing)",
					 b->f[i] ? b->f[i] : "(missing)");
			continue;
		}
		assert_string_equal(a->f[i], b->f[i]);
	}
}

/* The same for groups: head, answers and raw rows. */
static inline void hs_assert_groups_equal(const struct pl_group *a, const struct pl_group *b)
{
	hs_assert_rows_equal(&a->head, &b->head);
	assert_int_equal(a->nans, b->nans);
	for (size_t i = 0; i < a->nans; i++)
		hs_assert_rows_equal(&a->ans[i], &b->ans[i]);
	assert_int_equal(a->nraw, b->nraw);
	for (size_t i = 0; i < a->nraw; i++)
		hs_assert_rows_equal(&a->raw[i], &b->raw[i]);
}

/* --------------------------------------------------------------- builders */

static inline void hs_set(struct pl_group *g, size_t f, const char *v)
{
	pl_set(g, &g->head, f, v);
}

/* Starts a submission group: kind "inovasi" or "spd". */
static inline void hs_sub(struct pl_group *g, const char *file, const char *line,
			  const char *kind, const char *tahun, const char *kode,
			  const char *kirim)
{
	pl_group_start(g, PL_KIND_SUB);
	hs_set(g, PL_SUB_FILE, file);
	hs_set(g, PL_SUB_LINE, line);
	hs_set(g, PL_SUB_KIND, kind);
	hs_set(g, PL_SUB_TAHUN, tahun);
	hs_set(g, PL_SUB_KODE, kode);
	hs_set(g, PL_SUB_TGL_KIRIM, kirim);
}

/* A valid 2023 innovation of region kode: named "Inovasi <id>" (so that
 * innovations with different ids are not near-duplicates), no region
 * name, status diterima, tried 2021-01-04, applied 2021-06-14 (inside the
 * 2023 window), no answers yet. Every vocabulary value is canonical. */
static inline void hs_inn(struct pl_group *g, const char *file, const char *line,
			  const char *kode, const char *id, const char *kirim)
{
	hs_sub(g, file, line, "inovasi", "2023", kode, kirim);
	hs_set(g, PL_SUB_ID, id);
	if (id)
		pl_setf(g, &g->head, PL_SUB_NAMA, "Inovasi %s", id);
	hs_set(g, PL_SUB_OPD, "Dinas Kesehatan");
	hs_set(g, PL_SUB_BENTUK, "pelayanan publik");
	hs_set(g, PL_SUB_JENIS, "digital");
	hs_set(g, PL_SUB_INISIATOR, "opd");
	hs_set(g, PL_SUB_URUSAN, "kesehatan");
	hs_set(g, PL_SUB_TAHAPAN, "penerapan");
	hs_set(g, PL_SUB_TGL_UJI, "2021-01-04");
	hs_set(g, PL_SUB_TGL_TERAP, "2021-06-14");
	hs_set(g, PL_SUB_STATUS, "diterima");
}

/* Appends an answer; NULL for a column the file did not have. */
static inline struct pl_row *hs_ans(struct pl_group *g, const char *row, const char *level,
				    const char *bukti, const char *verif)
{
	struct pl_row *a = pl_group_add_ans(g);
	pl_set(g, a, PL_ANS_ROW, row);
	pl_set(g, a, PL_ANS_LEVEL, level);
	pl_set(g, a, PL_ANS_BUKTI, bukti);
	pl_set(g, a, PL_ANS_VERIF, verif);
	return a;
}

/* Puts g into a stage and expects success. */
static inline void hs_put(const struct pl_stage *st, struct pl_group *g)
{
	assert_int_equal(st->put(st->self, g), 0);
}

/* -------------------------------------------------------- shared inputs */

/* The master list, a methodology and the vocabularies, and a context
 * that points at them. */
struct hs_data {
	struct pl_master master;
	struct pl_methods methods;
	struct pl_vocab vocab;
	struct pl_ctx ctx;
};

/* Loads them; any may be NULL to leave it out. */
static inline struct hs_data *hs_data_load3(const char *master, const char *methodology,
					    const char *vocabulary)
{
	struct hs_data *d = pl_xcalloc(1, sizeof *d);
	struct pl_buf err = {0};
	if (master) {
		if (pl_master_load(&d->master, master, &err) < 0)
			fail_msg("cannot load %s (run from the repo root): %s", master,
				 pl_buf_str(&err));
		d->ctx.master = &d->master;
	}
	if (methodology) {
		if (pl_methods_load(&d->methods, methodology, &err) < 0)
			fail_msg("cannot load %s (run from the repo root): %s", methodology,
				 pl_buf_str(&err));
		d->ctx.methods = &d->methods;
	}
	if (vocabulary) {
		if (pl_vocab_load(&d->vocab, vocabulary, &err) < 0)
			fail_msg("cannot load %s (run from the repo root): %s", vocabulary,
				 pl_buf_str(&err));
		d->ctx.vocab = &d->vocab;
	}
	pl_buf_free(&err);
	d->ctx.lang = PL_LANG_ID;
	return d;
}

/* The master list and methodology (the stages after normalize). */
static inline struct hs_data *hs_data_load(const char *master, const char *methodology)
{
	return hs_data_load3(master, methodology, NULL);
}

static inline void hs_data_free(struct hs_data *d)
{
	if (!d)
		return;
	if (d->ctx.master)
		pl_master_free(&d->master);
	pl_methods_free(&d->methods); /* also frees a failed load's leftovers */
	pl_vocab_free(&d->vocab);
	pl_buf_free(&d->ctx.err);
	free(d);
}

/* ------------------------------------------------------------ temp files */

/*
 * unit.h's file helpers under the hs_ names the stage tests use;
 * hs_tmpdir and hs_mkdir return their paths malloc'ed, for fixtures that
 * keep them.
 */

/* A fresh folder under $TMPDIR (or /tmp); the caller frees the path. */
static inline char *hs_tmpdir(void)
{
	char *dir = pl_xmalloc(PATH_MAX);
	unit_tmpdir(dir);
	return dir;
}

/* Removes path and everything under it (symbolic links not followed). */
static inline void hs_rmrf(const char *path)
{
	unit_rmrf(path);
}

/* Writes dir/name (dir/name must not be a folder). */
static inline void hs_write(const char *dir, const char *name, const char *text)
{
	unit_write_in(dir, name, text);
}

/* Makes dir/name, a folder; returns its path (caller frees). */
static inline char *hs_mkdir(const char *dir, const char *name)
{
	unit_mkdir_in(dir, name);
	return unit_join(dir, name).p;
}

/* The whole file as a malloc'ed string. */
static inline char *hs_read(const char *path)
{
	return unit_read(path, NULL);
}

static inline int hs_exists(const char *path)
{
	return unit_exists(path);
}

/* Writes a methodology folder dir/name: method.conf (conf), indicators.csv
 * (rows, each "row,aspect,weight") and predicates.csv (the 2023 bounds
 * unless preds is given); returns the folder's path (caller frees). */
static inline char *hs_method_dir(const char *dir, const char *name, const char *conf,
				  const char *const *rows, size_t nrows, const char *preds)
{
	char *m = hs_mkdir(dir, name);
	hs_write(m, "method.conf", conf);
	struct pl_buf ind = {0};
	pl_buf_adds(&ind, "row,indicator,aspect,variable,weight,mandatory,name\n");
	for (size_t i = 0; i < nrows; i++) {
		/* "row,aspect,weight" -> the seven columns the loader wants */
		char *copy = pl_xstrdup(rows[i]);
		char *c1 = strchr(copy, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
		if (!c1 || !c2)
			fail_msg("bad test row '%s'", rows[i]);
		*c1 = *c2 = '\0';
		pl_buf_printf(&ind, "%s,%s,%s,Uji,%s,0,Baris %s\n", copy, copy, c1 + 1, c2 + 1,
			      copy);
		free(copy);
	}
	hs_write(m, "indicators.csv", pl_buf_str(&ind));
	pl_buf_free(&ind);
	hs_write(m, "predicates.csv",
		 preds ? preds
		       : "predicate,from_iid\nSangat Inovatif,60.01\nInovatif,35.00\n"
			 "Kurang Inovatif,0.01\nTidak Dapat Dinilai,0.00\n");
	return m;
}

#endif
