#include <stdlib.h>
#include <string.h>

#include "pl_intern.h"
#include "pl_parse.h"
#include "pl_tally.h"
#include "validate.h"

static const char STAGE[] = "validate";

struct validate {
	struct pl_ctx *ctx;
	struct pl_sink next;
	struct pl_group scratch;
	struct pl_buf detail;
	struct pl_tally tally;
	struct pl_intern warned; /* "file<TAB>row" keys already warned */
	const struct pl_region *last_region; /* the last record's */
	int problems;         /* of the record being checked */
	int failed;
};

static void problem(struct validate *v, const struct pl_group *g, enum pl_reject_code code,
		    const char *field, const char *value, const char *detail)
{
	const struct pl_row *h = &g->head;
	if (pl_reject_scope(code) != PL_SCOPE_WARNING)
		v->problems++;
	if (pl_report(v->next, &v->scratch, v->ctx, STAGE, code, h->f[PL_SUB_FILE],
		      h->f[PL_SUB_LINE], h, field, value, detail) < 0)
		v->failed = 1;
}

/* A record's dates as read: yyyymmdd, and for tanggal_kirim
 * yyyymmddhhmmss (pl_parse.h), each with whether it was read. */
struct dates {
	int64_t uji, terap, kirim;
	int has_uji, has_terap, has_kirim;
};

/* Reads date field f into *out (a timestamp for tanggal_kirim). Returns 1
 * when it holds one; 0 when it is blank (reported when required) or
 * malformed (reported). */
static int check_date(struct validate *v, const struct pl_group *g, size_t f, int required,
		      int64_t *out)
{
	const char *s = g->head.f[f];
	const char *name = pl_schema_of(PL_KIND_SUB)->names[f];
	if (pl_is_blank(s)) {
		if (required)
			problem(v, g, PL_REJ_DATE_MISSING, name, "", NULL);
		return 0;
	}
	int32_t d;
	int bad = f == PL_SUB_TGL_KIRIM ? pl_parse_timestamp(s, out) : pl_parse_date(s, &d);
	if (bad) {
		problem(v, g, PL_REJ_DATE_MALFORMED, name, pl_group_raw(g, f), NULL);
		return 0;
	}
	if (f != PL_SUB_TGL_KIRIM)
		*out = d;
	return 1;
}

/* The dates must tell a possible story: a trial before implementation,
 * and neither after the record was sent. Unreadable dates were reported
 * by check_date already. */
static void check_date_order(struct validate *v, const struct pl_group *g, const struct dates *dt)
{
	const struct pl_row *h = &g->head;
	if (dt->has_uji && dt->has_terap && dt->uji > dt->terap) {
		pl_buf_reset(&v->detail);
		pl_buf_printf(&v->detail, "%s > %s", pl_get(h, PL_SUB_TGL_UJI), pl_get(h, PL_SUB_TGL_TERAP));
		problem(v, g, PL_REJ_DATE_ORDER, "tanggal_uji_coba", pl_group_raw(g, PL_SUB_TGL_UJI),
			v->detail.p);
	}
	static const size_t before_kirim[] = {PL_SUB_TGL_UJI, PL_SUB_TGL_TERAP};
	for (size_t i = 0; dt->has_kirim && i < 2; i++) {
		int64_t d = i ? dt->terap : dt->uji;
		if (!(i ? dt->has_terap : dt->has_uji) || d <= dt->kirim / 1000000)
			continue;
		size_t f = before_kirim[i];
		pl_buf_reset(&v->detail);
		pl_buf_printf(&v->detail, "%s > %s", pl_get(h, f), pl_get(h, PL_SUB_TGL_KIRIM));
		problem(v, g, PL_REJ_DATE_AFTER_SUBMISSION, pl_schema_of(PL_KIND_SUB)->names[f],
			pl_group_raw(g, f), v->detail.p);
	}
}

static const struct pl_method *check_year(struct validate *v, const struct pl_group *g)
{
	const char *s = g->head.f[PL_SUB_TAHUN];
	int64_t year;
	if (pl_is_blank(s)) {
		problem(v, g, PL_REJ_YEAR_MISSING, "tahun", "", NULL);
		return NULL;
	}
	if (pl_parse_int(s, 1000, 9999, &year)) {
		problem(v, g, PL_REJ_YEAR_MALFORMED, "tahun", pl_group_raw(g, PL_SUB_TAHUN), NULL);
		return NULL;
	}
	const struct pl_method *m = pl_methods_find(v->ctx->methods, (int)year);
	if (!m) {
		pl_buf_reset(&v->detail);
		pl_methods_years(v->ctx->methods, &v->detail);
		problem(v, g, PL_REJ_YEAR_UNKNOWN, "tahun", s, pl_buf_str(&v->detail));
	}
	return m;
}

/* Reports the level s, out of the method's range, of answer row. */
static void level_range(struct validate *v, const struct pl_group *g, const char *prefix,
			const char *row, const char *s)
{
	pl_buf_reset(&v->detail);
	pl_buf_printf(&v->detail, "%s%s", prefix, row);
	char *field = pl_xstrdup(pl_buf_str(&v->detail));
	problem(v, g, PL_REJ_LEVEL_RANGE, field, s, NULL);
	free(field);
}

/* Checked inline, two per answer (pl_is_blank and most of pl_parse_int
 * are inline); only a level out of range is reported, by level_range. */
static inline void check_level(struct validate *v, const struct pl_group *g, const char *prefix,
			       const char *row, const char *s, int64_t max)
{
	int64_t level;
	if (!pl_is_blank(s) && pl_parse_int(s, 0, max, &level) != 0)
		level_range(v, g, prefix, row, s);
}

/* Warns once per file and row: the column is the problem, not each record. */
static void unknown_row(struct validate *v, const struct pl_group *g, const char *row)
{
	pl_buf_reset(&v->detail);
	pl_buf_printf(&v->detail, "%s\t%s", pl_get(&g->head, PL_SUB_FILE), row);
	const char *key = pl_buf_str(&v->detail);
	/* A set by hash: a file whose every record has the unknown column asks
	 * once per record, which a search of the keys so far made quadratic.
	 * Numbers are given in order, so a key seen before has one below the
	 * count before it was added. */
	uint32_t known = v->warned.n;
	if (pl_intern_add(&v->warned, key) < known)
		return;
	pl_buf_reset(&v->detail);
	pl_buf_printf(&v->detail, "ind_%s", row);
	char *field = pl_xstrdup(pl_buf_str(&v->detail));
	problem(v, g, PL_REJ_ROW_UNKNOWN, field, row, NULL);
	free(field);
}

/* Drops answers the year's method does not score for this kind of record;
 * checks the levels of the others. */
static void check_answers(struct validate *v, struct pl_group *g, const struct pl_method *m)
{
	enum pl_aspect want = strcmp(pl_get(&g->head, PL_SUB_KIND), "inovasi") == 0
				      ? PL_ASPECT_SID
				      : PL_ASPECT_SPD;
	size_t kept = 0;
	int idx = -1;
	for (size_t i = 0; i < g->nans; i++) {
		struct pl_row *a = &g->ans[i];
		const char *row = pl_get(a, PL_ANS_ROW);
		idx = m ? pl_method_row_after(m, row, idx + 1) : -1;
		if (m && (idx < 0 || m->ind[idx].aspect != want)) {
			unknown_row(v, g, row);
			continue;
		}
		int64_t max = m ? m->max_level : 3;
		check_level(v, g, "ind_", row, a->f[PL_ANS_LEVEL], max);
		check_level(v, g, "verif_", row, a->f[PL_ANS_VERIF], max);
		g->ans[kept++] = *a;
	}
	g->nans = kept;
}

static int validate_put(void *self, struct pl_group *g)
{
	struct validate *v = self;
	if (g->head.kind != PL_KIND_SUB)
		return v->next.put(v->next.self, g);
	const struct pl_row *h = &g->head;
	int innovation = strcmp(pl_get(h, PL_SUB_KIND), "inovasi") == 0;
	const char *file = pl_get(h, PL_SUB_FILE);
	pl_tally_count(&v->tally, file, PL_TALLY_IN);
	v->problems = 0;
	const struct pl_method *m = check_year(v, g);
	const char *code = h->f[PL_SUB_KODE];
	if (pl_is_blank(code))
		problem(v, g, PL_REJ_REGION_MISSING, "kode_wilayah", "", NULL);
	else if (!pl_master_find_near(v->ctx->master, &v->last_region, code))
		problem(v, g, PL_REJ_REGION_UNKNOWN, "kode_wilayah", pl_group_raw(g, PL_SUB_KODE), NULL);
	struct dates dt = {0};
	if (innovation) {
		if (pl_is_blank(h->f[PL_SUB_ID]))
			problem(v, g, PL_REJ_ID_MISSING, "id_inovasi", "", NULL);
		if (pl_is_blank(h->f[PL_SUB_NAMA]))
			problem(v, g, PL_REJ_NAME_MISSING, "nama_inovasi", "", NULL);
		dt.has_uji = check_date(v, g, PL_SUB_TGL_UJI, 0, &dt.uji);
		dt.has_terap = check_date(v, g, PL_SUB_TGL_TERAP, 0, &dt.terap);
		const char *status = pl_get(h, PL_SUB_STATUS);
		if (*status && strcmp(status, "diterima") && strcmp(status, "ditolak") &&
		    strcmp(status, "menunggu"))
			problem(v, g, PL_REJ_STATUS_UNKNOWN, "status_verifikasi",
				pl_group_raw(g, PL_SUB_STATUS), NULL);
	}
	dt.has_kirim = check_date(v, g, PL_SUB_TGL_KIRIM, 1, &dt.kirim);
	if (innovation)
		check_date_order(v, g, &dt);
	check_answers(v, g, m);
	if (v->failed)
		return -1;
	if (v->problems) {
		/* rejected: the rejects went on, the record goes no further */
		pl_tally_count(&v->tally, file, PL_TALLY_REJECTED);
		return 0;
	}
	pl_tally_count(&v->tally, file, PL_TALLY_OUT);
	return v->next.put(v->next.self, g);
}

static int validate_finish(void *self)
{
	struct validate *v = self;
	if (v->failed)
		return -1;
	return pl_tally_send(&v->tally, STAGE, v->next, &v->scratch);
}

static void validate_destroy(void *self)
{
	struct validate *v = self;
	pl_group_free(&v->scratch);
	pl_buf_free(&v->detail);
	pl_intern_free(&v->warned);
	pl_tally_free(&v->tally);
	free(v);
}

struct pl_stage validate_new(struct pl_ctx *ctx, struct pl_sink next)
{
	struct validate *v = pl_xcalloc(1, sizeof *v);
	v->ctx = ctx;
	v->next = next;
	struct pl_stage s = {"validate", v, validate_put, validate_finish, validate_destroy};
	return s;
}
