/*
 * emit_agencies.c: agencies.csv, the accounting per region and agency
 * (perangkat daerah), so a provincial coordinator sees at a glance whose
 * files had problems and whom to call.
 *
 * A file belongs to the region and agency its records name: scored
 * innovation and SPD records first (their region code is canonical), then
 * rejected ones (as written). SPD files are listed under the agency "SPD";
 * a file none of whose records could be read stays unattributed.
 */
#include <stdlib.h>
#include <string.h>

#include "emit_internal.h"

static void attribute(struct emit *e, enum pl_kind kind, size_t region, size_t agency)
{
	struct held_list *l = &e->kind[kind];
	for (size_t i = 0; i < l->n; i++) {
		char **f = l->v[i].f;
		struct account *a = account_of(e, f[0]);
		if (!a || a->region)
			continue;
		a->region = f[region];
		a->agency = kind == PL_KIND_SPD ? "SPD" : f[agency];
		if (kind == PL_KIND_REJ && !strcmp(f[PL_REJ_REC_KIND], "spd"))
			a->agency = "SPD";
	}
}

struct agency {
	const char *region, *agency, *name;
	long files, read, used, rejected, superseded, warnings;
};

static int cmp_agency(const void *pa, const void *pb)
{
	const struct agency *a = pa, *b = pb;
	int c = strcmp(a->region, b->region);
	return c ? c : strcmp(a->agency, b->agency);
}

static const char *region_name(const struct emit *e, const char *code)
{
	const struct held_list *l = &e->kind[PL_KIND_REG];
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].f[PL_REG_CODE], code) == 0)
			return l->v[i].f[PL_REG_NAME];
	return "";
}

void attribute_files(struct emit *e)
{
	for (size_t i = 0; i < e->inn.n; i++) {
		const struct inn_ref *r = &e->inn.v[i];
		struct account *a = inn_account(e, r);
		if (a && !a->region) {
			a->region = emit_name(e, r->region);
			a->agency = emit_name(e, r->opd);
		}
	}
	attribute(e, PL_KIND_SPD, PL_SPD_REGION, PL_SPD_REGION);
	attribute(e, PL_KIND_REJ, PL_REJ_KODE, PL_REJ_OPD);
}

void write_agencies(struct out *o)
{
	struct emit *e = o->e;
	/* One entry per file, sorted by region and agency, then the files of
	 * one agency summed: linear in files after the sort. */
	struct agency *ag = pl_xcalloc(e->nacc ? e->nacc : 1, sizeof *ag);
	for (size_t i = 0; i < e->nacc; i++) {
		const struct account *a = &e->acc[i];
		ag[i] = (struct agency){a->region ? a->region : "", a->agency ? a->agency : "", "",
					1, a->read, a->used, a->rejected, a->superseded, a->warnings};
	}
	pl_sort(ag, e->nacc, sizeof *ag, cmp_agency);
	size_t n = 0;
	for (size_t i = 0; i < e->nacc; i++) {
		if (n && !cmp_agency(&ag[n - 1], &ag[i])) {
			ag[n - 1].files += ag[i].files;
			ag[n - 1].read += ag[i].read;
			ag[n - 1].used += ag[i].used;
			ag[n - 1].rejected += ag[i].rejected;
			ag[n - 1].superseded += ag[i].superseded;
			ag[n - 1].warnings += ag[i].warnings;
			continue;
		}
		ag[n] = ag[i];
		/* Agencies come region by region: the name is looked up (in
		 * every region's row) once per region. */
		ag[n].name = n && !strcmp(ag[n - 1].region, ag[n].region)
				 ? ag[n - 1].name
				 : region_name(e, ag[n].region);
		n++;
	}
	static const char *const cols[] = {"region_code", "region_name", "perangkat_daerah",
					   "files", "read", "used", "rejected",
					   "superseded", "warnings"};
	struct emit_csv csv;
	if (emit_csv_open(&csv, o, "agencies.csv", cols, sizeof cols / sizeof *cols) == 0) {
		for (size_t i = 0; i < n; i++) {
			emit_csv_text(&csv, ag[i].region);
			emit_csv_text(&csv, ag[i].name);
			emit_csv_text(&csv, ag[i].agency);
			emit_csv_long(&csv, ag[i].files);
			emit_csv_long(&csv, ag[i].read);
			emit_csv_long(&csv, ag[i].used);
			emit_csv_long(&csv, ag[i].rejected);
			emit_csv_long(&csv, ag[i].superseded);
			emit_csv_long(&csv, ag[i].warnings);
			emit_csv_end(&csv);
		}
		emit_csv_close(&csv);
	}
	free(ag);
}
