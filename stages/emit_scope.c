/*
 * emit_scope.c: an analyst's view of a run: only some provinces, only one
 * year (--province, --year).
 *
 * Everything is scored and ranked nationally first, and the accounting is
 * checked on the whole input; only then are the records outside the scope
 * dropped from what is written. So a kabupaten keeps its national rank
 * (ranks stay national) while the files show only the provinces asked
 * for: their own rows and their kabupaten and kota.
 */
#include <string.h>

#include "emit_internal.h"

/* Where each kind keeps its year and its region code (-1: none). */
static const struct {
	enum pl_kind kind;
	int year, code;
} located[] = {
	{PL_KIND_REG, PL_REG_YEAR, PL_REG_CODE},
	{PL_KIND_SPD, PL_SPD_YEAR, PL_SPD_REGION},
	{PL_KIND_EXP, PL_EXP_YEAR, PL_EXP_REGION},
	{PL_KIND_SUG, PL_SUG_YEAR, PL_SUG_REGION},
	{PL_KIND_REJ, PL_REJ_TAHUN, PL_REJ_KODE},
	{PL_KIND_WARN, PL_REJ_TAHUN, PL_REJ_KODE},
};

/* A region is in scope when its province (the first two digits of its
 * code) is one asked for. */
static int in_provinces(const char *code, const char *const *prov, size_t nprov)
{
	if (!nprov)
		return 1;
	for (size_t i = 0; i < nprov; i++)
		if (strncmp(code, prov[i], 2) == 0 && (code[2] == '\0' || code[2] == '.'))
			return 1;
	return 0;
}

void apply_scope(struct emit *e, const char *const *prov, size_t nprov, const char *year)
{
	if (!nprov && !year)
		return;
	for (size_t k = 0; k < sizeof located / sizeof *located; k++) {
		struct held_list *l = &e->kind[located[k].kind];
		size_t kept = 0;
		for (size_t i = 0; i < l->n; i++) {
			char **f = l->v[i].f;
			if (year && strcmp(f[located[k].year], year) != 0)
				continue;
			if (!in_provinces(f[located[k].code], prov, nprov))
				continue;
			l->v[kept++] = l->v[i];
		}
		l->n = kept;
	}
	size_t kept_inn = 0;
	for (size_t i = 0; i < e->inn.n; i++) {
		const struct inn_ref *r = &e->inn.v[i];
		if (year && strcmp(emit_name(e, r->year), year) != 0)
			continue;
		if (!in_provinces(emit_name(e, r->region), prov, nprov))
			continue;
		e->inn.v[kept_inn++] = *r;
	}
	e->inn.n = kept_inn;
	/* Files, and so agencies, by the region their records name. */
	size_t kept = 0;
	for (size_t i = 0; i < e->nacc; i++)
		if (!nprov || (e->acc[i].region && in_provinces(e->acc[i].region, prov, nprov)))
			e->acc[kept++] = e->acc[i];
	e->nacc = kept;
}
