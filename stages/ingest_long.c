/*
 * ingest_long.c: assembles long-format answers and profile rows into
 * records once the whole input has been read.
 *
 * The key of a submission is (tahun, kode_wilayah, id_inovasi), compared
 * as a clerk means it: white space trimmed, "2023.0" as 2023, the region
 * code by its digits (52.72, 5272, "52 72" and 5272.0 are one region) or,
 * without a code, the region's name in any case; an empty id is the
 * region's SPD submission (an innovation profile row without its id
 * stands alone instead). Every long row and every profile row with one
 * key belongs to one submission, from whichever file. A row without a
 * year or a region has no key: it is a submission of its own (and
 * validate rejects it with its line).
 *
 * For a key with long rows: the profile is what its profile rows and the
 * profile columns of its long rows say, and each answer what its long
 * rows say. A value given twice must be the same (numbers and dates as
 * normalize will read them, text ignoring case and extra spaces; an empty
 * cell gives nothing); otherwise the submission is rejected
 * (PROFILE_CONFLICT, ANSWER_CONFLICT) and nothing is guessed. It is sent
 * as one record named by its first profile row, or by its first long row
 * when it has none, and counts as a record of that file only.
 *
 * A key with profile rows only: each row is sent as its own record, as a
 * wide row without answer columns always was (two of them are duplicates
 * for score to settle).
 *
 * Memory: everything held is counted against a budget; a row that would
 * pass it is refused (the caller rejects it, ASSEMBLY_LIMIT) and the
 * submission it belonged to is rejected too, being incomplete.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"
#include "pl_iddate.h"
#include "pl_idnum.h"

enum {
	MAX_ANSWERS = 256, /* distinct indicator rows of one submission */
	MAX_PROBLEMS = 20, /* problems listed per submission */
};

struct place {
	unsigned file;
	unsigned long line;
};

/* The first value given for a field, and where. */
struct given {
	char *v;
	struct place at;
};

struct held_answer {
	char *row;
	struct given level, bukti, verif;
};

struct held_profile {
	struct place at;
	char *f[PL_SUB_NF];
};

struct problem {
	enum pl_reject_code code;
	char *field, *value, *detail;
};

struct held_sub {
	char *key;
	struct place first, first_profile;
	int has_profile, has_long;
	struct given f[PL_SUB_NF];
	struct held_profile *profiles;
	size_t nprofiles;
	struct held_answer *ans;
	size_t nans, acap;
	struct problem *probs;
	size_t nprobs;
};

struct held_file {
	char *rel, *shape, *kind, *code, *message;
	unsigned long records;
};

struct ingest_long {
	size_t max_bytes, used;
	int full; /* the budget was spent */
	struct held_file *files;
	size_t nfiles, fcap;
	struct held_sub *subs;
	size_t nsubs, scap;
	size_t *slots; /* hash of keys: index + 1 into subs, 0 empty */
	size_t nslots;
};

/* ------------------------------------------------------------ strings */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Trimmed, inner runs of white space made one space (a new string). */
static char *squeeze(const char *s)
{
	char *out = pl_xstrdup(s);
	pl_squeeze(out);
	return out;
}

/* A region code by its digits: 52.72, 5272, "52 72", 5272.0 -> 5272; 52,
 * 52.0 -> 52. Anything else stays as written (validate judges it). This
 * only decides which rows are one region; normalize writes the code. */
static void fold_code(char *s)
{
	size_t len = strlen(s);
	if (len > 2 && strcmp(s + len - 2, ".0") == 0 && (len == 4 || len == 6))
		s[len -= 2] = '\0';
	char digits[5];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (is_digit(*p)) {
			if (n == 4)
				return;
			digits[n++] = *p;
		} else if ((*p != '.' && *p != ' ') || n != 2) {
			return;
		}
	}
	if (n == 2 || n == 4) {
		memcpy(s, digits, n);
		s[n] = '\0';
	}
}

enum compare { AS_TEXT, AS_NUMBER, AS_CODE, AS_DATE };

/* The form two values are compared in (a new string): the value as
 * normalize will read it where that is certain (numbers in Indonesian or
 * plain notation, dates in any accepted form), else the text trimmed and
 * in lower case, so "3", "3.0" and "3,0" agree and so do "Kota Bima" and
 * "KOTA BIMA". Only agreement is decided here; normalize writes the
 * canonical values. */
static char *comparable(const char *v, enum compare how)
{
	char *s = squeeze(v);
	char buf[PL_IDDATE_BUF];
	if (how == AS_NUMBER && strlen(s) < sizeof buf &&
	    pl_idnum_canonical(s, buf, sizeof buf) == PL_IDNUM_OK) {
		free(s);
		return pl_xstrdup(buf);
	}
	if (how == AS_DATE && pl_iddate_canonical(s, 1, buf) == PL_IDDATE_OK) {
		free(s);
		return pl_xstrdup(buf);
	}
	if (how == AS_CODE)
		fold_code(s);
	else
		pl_ascii_lower(s);
	return s;
}

static enum compare compare_for_field(size_t f)
{
	switch (f) {
	case PL_SUB_TAHUN: return AS_NUMBER;
	case PL_SUB_KODE: return AS_CODE;
	case PL_SUB_TGL_UJI:
	case PL_SUB_TGL_TERAP:
	case PL_SUB_TGL_KIRIM: return AS_DATE;
	}
	return AS_TEXT;
}

/* ------------------------------------------------------------ memory */

/* What an allocation of n bytes costs: malloc rounds up to 16 bytes with
 * 8 of its own, 32 at least. An estimate, but a close one. */
static size_t cost(size_t n)
{
	size_t c = (n + 8 + 15) & ~(size_t)15;
	return c < 32 ? 32 : c;
}

static char *keep(struct ingest_long *l, const char *s)
{
	if (!s)
		return NULL;
	l->used += cost(strlen(s) + 1);
	return pl_xstrdup(s);
}

/* ------------------------------------------------------------ the key map */

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t *slot_of(struct ingest_long *l, const char *key)
{
	size_t mask = l->nslots - 1;
	for (size_t i = (size_t)hash(key) & mask;; i = (i + 1) & mask) {
		size_t *s = &l->slots[i];
		if (*s == 0 || strcmp(l->subs[*s - 1].key, key) == 0)
			return s;
	}
}

static void grow_map(struct ingest_long *l)
{
	size_t *old = l->slots, nold = l->nslots;
	l->nslots = nold ? nold * 2 : 1024;
	l->slots = pl_xcalloc(l->nslots, sizeof *l->slots);
	l->used += (l->nslots - nold) * sizeof *l->slots;
	for (size_t i = 0; i < nold; i++)
		if (old[i])
			*slot_of(l, l->subs[old[i] - 1].key) = old[i];
	free(old);
}

/* The key of a head row, or NULL for a row without a year or a region.
 * The region is its code by digits or, for a row without a code, its name
 * in lower case (normalize resolves names; rows naming one region two ways
 * are not joined here). */
static char *key_of(const struct pl_row *head)
{
	char *tahun = comparable(pl_get(head, PL_SUB_TAHUN), AS_NUMBER);
	char *kode = comparable(pl_get(head, PL_SUB_KODE), AS_CODE);
	char *nama = comparable(pl_get(head, PL_SUB_NAMA_WILAYAH), AS_TEXT);
	char *id = squeeze(pl_get(head, PL_SUB_ID)); /* ids are compared as written */
	char *key = NULL;
	if (*tahun && (*kode || *nama)) {
		struct pl_buf b = {0};
		/* \x1f cannot occur in a value that means anything here */
		if (*kode)
			pl_buf_printf(&b, "%s\x1f%s\x1f%s", tahun, kode, id);
		else
			pl_buf_printf(&b, "%s\x1fnama:%s\x1f%s", tahun, nama, id);
		key = b.p;
	}
	free(tahun);
	free(kode);
	free(nama);
	free(id);
	return key;
}

static struct held_sub *find_sub(struct ingest_long *l, const char *key)
{
	if (!key || !l->nslots)
		return NULL;
	size_t s = *slot_of(l, key);
	return s ? &l->subs[s - 1] : NULL;
}

/* The submission of a key, made when first seen; a row without a key gets
 * one of its own. */
static struct held_sub *sub_for(struct ingest_long *l, char *key, struct place at)
{
	if (!key) {
		struct pl_buf b = {0};
		pl_buf_printf(&b, "\x1e%u:%lu", at.file, at.line);
		key = b.p;
	}
	if ((l->nsubs + 1) * 2 > l->nslots)
		grow_map(l);
	size_t *slot = slot_of(l, key);
	if (*slot) {
		free(key);
		return &l->subs[*slot - 1];
	}
	size_t cap = l->scap;
	pl_grow((void **)&l->subs, &l->scap, l->nsubs + 1, sizeof *l->subs);
	l->used += (l->scap - cap) * sizeof *l->subs + cost(strlen(key) + 1);
	struct held_sub *s = &l->subs[l->nsubs++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->first = at;
	*slot = l->nsubs;
	return s;
}

/* ------------------------------------------------------------ merging */

static const char *rel_of(const struct ingest_long *l, struct place at)
{
	return l->files[at.file].rel;
}

static void add_problem(struct ingest_long *l, struct held_sub *s, enum pl_reject_code code,
			const char *field, const char *value, const char *detail)
{
	if (s->nprobs >= MAX_PROBLEMS)
		return; /* enough for a clerk to see what is wrong */
	s->probs = pl_xrealloc(s->probs, (s->nprobs + 1) * sizeof *s->probs);
	struct problem *p = &s->probs[s->nprobs++];
	p->code = code;
	p->field = keep(l, field);
	p->value = keep(l, value);
	p->detail = keep(l, detail);
	l->used += sizeof *p;
}

/* Takes a value for a field: the first one given is kept; a different one
 * later is a conflict. An empty value gives nothing. */
static void merge(struct ingest_long *l, struct held_sub *s, struct given *g, const char *v,
		  struct place at, enum compare how, enum pl_reject_code code, const char *field)
{
	if (!v || pl_is_blank(v))
		return;
	if (!g->v) {
		g->v = keep(l, v);
		g->at = at;
		return;
	}
	char *a = comparable(g->v, how), *b = comparable(v, how);
	if (strcmp(a, b) != 0) {
		struct pl_buf d = {0};
		pl_buf_printf(&d, "'%s' (%s:%lu) / '%s' (%s:%lu)", g->v, rel_of(l, g->at),
			      g->at.line, v, rel_of(l, at), at.line);
		add_problem(l, s, code, field, v, d.p);
		pl_buf_free(&d);
	}
	free(a);
	free(b);
}

static void merge_head(struct ingest_long *l, struct held_sub *s, const struct pl_row *head,
		       struct place at)
{
	const struct pl_schema *sc = pl_schema_of(PL_KIND_SUB);
	for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
		merge(l, s, &s->f[f], head->f[f], at, compare_for_field(f), PL_REJ_PROFILE_CONFLICT,
		      sc->names[f]);
}

/* ------------------------------------------------------------ the API */

struct ingest_long *ingest_long_new(size_t max_bytes)
{
	struct ingest_long *l = pl_xcalloc(1, sizeof *l);
	l->max_bytes = max_bytes;
	return l;
}

unsigned ingest_long_file(struct ingest_long *l, const char *rel, const char *shape,
			  const char *kind)
{
	pl_grow((void **)&l->files, &l->fcap, l->nfiles + 1, sizeof *l->files);
	struct held_file *f = &l->files[l->nfiles];
	memset(f, 0, sizeof *f);
	f->rel = pl_xstrdup(rel);
	f->shape = pl_xstrdup(shape);
	f->kind = pl_xstrdup(kind);
	return (unsigned)l->nfiles++;
}

void ingest_long_file_failed(struct ingest_long *l, unsigned file, const char *code,
			     const char *message)
{
	struct held_file *f = &l->files[file];
	free(f->code);
	free(f->message);
	f->code = pl_xstrdup(code);
	f->message = pl_xstrdup(message);
}

void ingest_long_count(struct ingest_long *l, unsigned file)
{
	l->files[file].records++;
}

/* Whether one more row fits; when it does not, the submission the row
 * belonged to (if it is held already) is incomplete and rejected. */
static int room(struct ingest_long *l, const struct pl_row *head, struct place at)
{
	if (!l->full && l->used <= l->max_bytes)
		return 1;
	l->full = 1;
	char *key = key_of(head);
	struct held_sub *s = find_sub(l, key);
	free(key);
	if (s && !(s->nprobs && s->probs[s->nprobs - 1].code == PL_REJ_ASSEMBLY_LIMIT)) {
		struct pl_buf d = {0};
		pl_buf_printf(&d, "%s:%lu", rel_of(l, at), at.line);
		add_problem(l, s, PL_REJ_ASSEMBLY_LIMIT, "", "", d.p);
		pl_buf_free(&d);
	}
	return 0;
}

int ingest_long_profile(struct ingest_long *l, unsigned file, unsigned long line,
			const struct pl_row *head)
{
	struct place at = {file, line};
	if (!room(l, head, at))
		return -1;
	/* An innovation without its id is not the region's SPD submission
	 * (the key an empty id means): it stands alone, for validate to
	 * reject. */
	int lost_id = strcmp(l->files[file].kind, "inovasi") == 0 &&
		      pl_is_blank(pl_get(head, PL_SUB_ID));
	struct held_sub *s = sub_for(l, lost_id ? NULL : key_of(head), at);
	if (!s->has_profile) {
		s->has_profile = 1;
		s->first_profile = at;
	}
	merge_head(l, s, head, at);
	s->profiles = pl_xrealloc(s->profiles, (s->nprofiles + 1) * sizeof *s->profiles);
	struct held_profile *p = &s->profiles[s->nprofiles++];
	p->at = at;
	for (size_t f = 0; f < PL_SUB_NF; f++)
		p->f[f] = f >= PL_SUB_TAHUN ? keep(l, head->f[f]) : NULL;
	l->used += sizeof *p;
	return 0;
}

static struct held_answer *answer_for(struct ingest_long *l, struct held_sub *s, const char *row)
{
	for (size_t i = 0; i < s->nans; i++)
		if (strcmp(s->ans[i].row, row) == 0)
			return &s->ans[i];
	if (s->nans >= MAX_ANSWERS)
		return NULL;
	size_t cap = s->acap;
	pl_grow((void **)&s->ans, &s->acap, s->nans + 1, sizeof *s->ans);
	l->used += (s->acap - cap) * sizeof *s->ans;
	struct held_answer *a = &s->ans[s->nans++];
	memset(a, 0, sizeof *a);
	a->row = keep(l, row);
	return a;
}

int ingest_long_answer(struct ingest_long *l, unsigned file, unsigned long line,
		       const struct pl_row *head, const char *row, const char *level,
		       const char *bukti, const char *verif)
{
	struct place at = {file, line};
	if (!room(l, head, at))
		return -1;
	struct held_sub *s = sub_for(l, key_of(head), at);
	s->has_long = 1;
	merge_head(l, s, head, at);
	char *r = squeeze(row ? row : "");
	struct pl_buf where = {0};
	pl_buf_printf(&where, "%s:%lu", rel_of(l, at), line);
	if (!*r) {
		add_problem(l, s, PL_REJ_INDICATOR_MISSING, "indikator", "", where.p);
	} else {
		struct held_answer *a = answer_for(l, s, r);
		if (!a) {
			add_problem(l, s, PL_REJ_ASSEMBLY_LIMIT, "indikator", r, where.p);
		} else {
			struct pl_buf name = {0};
			pl_buf_printf(&name, "ind_%s", r);
			merge(l, s, &a->level, level, at, AS_NUMBER, PL_REJ_ANSWER_CONFLICT, name.p);
			pl_buf_reset(&name);
			pl_buf_printf(&name, "bukti_%s", r);
			merge(l, s, &a->bukti, bukti, at, AS_TEXT, PL_REJ_ANSWER_CONFLICT, name.p);
			pl_buf_reset(&name);
			pl_buf_printf(&name, "verif_%s", r);
			merge(l, s, &a->verif, verif, at, AS_NUMBER, PL_REJ_ANSWER_CONFLICT, name.p);
			pl_buf_free(&name);
		}
	}
	pl_buf_free(&where);
	free(r);
	return 0;
}

/* ------------------------------------------------------------ sending */

static void head_start(struct ingest *in, const struct ingest_long *l, struct place at,
		       const char *kind)
{
	struct pl_group *g = &in->g;
	pl_group_start(g, PL_KIND_SUB);
	pl_set(g, &g->head, PL_SUB_FILE, rel_of(l, at));
	pl_set_int(g, &g->head, PL_SUB_LINE, (long long)at.line);
	pl_set(g, &g->head, PL_SUB_KIND, kind);
}

static int send_profiles(struct ingest_long *l, struct held_sub *s, struct ingest *in)
{
	for (size_t i = 0; i < s->nprofiles; i++) {
		const struct held_profile *p = &s->profiles[i];
		head_start(in, l, p->at, l->files[p->at.file].kind);
		for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
			pl_set(&in->g, &in->g.head, f, p->f[f]);
		l->files[p->at.file].records++;
		if (ingest_put(in) < 0)
			return -1;
	}
	return 0;
}

static int send_assembled(struct ingest_long *l, struct held_sub *s, struct ingest *in)
{
	struct place at = s->has_profile ? s->first_profile : s->first;
	const char *id = s->f[PL_SUB_ID].v;
	head_start(in, l, at, id && !pl_is_blank(id) ? "inovasi" : "spd");
	struct pl_group *g = &in->g;
	for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
		pl_set(g, &g->head, f, s->f[f].v);
	l->files[at.file].records++;
	if (s->nprobs) {
		for (size_t i = 0; i < s->nprobs; i++) {
			const struct problem *p = &s->probs[i];
			if (ingest_report(in, p->code, rel_of(l, at), at.line, &g->head, p->field,
					  p->value, p->detail) < 0)
				return -1;
		}
		return 0;
	}
	for (size_t i = 0; i < s->nans; i++) {
		const struct held_answer *a = &s->ans[i];
		struct pl_row *r = pl_group_add_ans(g);
		pl_set(g, r, PL_ANS_ROW, a->row);
		pl_set(g, r, PL_ANS_LEVEL, a->level.v);
		pl_set(g, r, PL_ANS_BUKTI, a->bukti.v);
		pl_set(g, r, PL_ANS_VERIF, a->verif.v);
	}
	return ingest_put(in);
}

int ingest_long_finish(struct ingest_long *l, struct ingest *in)
{
	for (size_t i = 0; i < l->nsubs; i++) {
		struct held_sub *s = &l->subs[i];
		if ((s->has_long ? send_assembled(l, s, in) : send_profiles(l, s, in)) < 0)
			return -1;
	}
	for (size_t i = 0; i < l->nfiles; i++) {
		const struct held_file *f = &l->files[i];
		if (ingest_src(in, f->rel, f->shape, f->code ? "" : f->kind, f->records,
			       f->code ? "unreadable" : "ok", f->code ? f->code : "",
			       f->message ? f->message : "") < 0)
			return -1;
	}
	return 0;
}

static void free_given(struct given *g)
{
	free(g->v);
}

void ingest_long_free(struct ingest_long *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nsubs; i++) {
		struct held_sub *s = &l->subs[i];
		free(s->key);
		for (size_t f = 0; f < PL_SUB_NF; f++)
			free_given(&s->f[f]);
		for (size_t p = 0; p < s->nprofiles; p++)
			for (size_t f = 0; f < PL_SUB_NF; f++)
				free(s->profiles[p].f[f]);
		free(s->profiles);
		for (size_t a = 0; a < s->nans; a++) {
			free(s->ans[a].row);
			free_given(&s->ans[a].level);
			free_given(&s->ans[a].bukti);
			free_given(&s->ans[a].verif);
		}
		free(s->ans);
		for (size_t p = 0; p < s->nprobs; p++) {
			free(s->probs[p].field);
			free(s->probs[p].value);
			free(s->probs[p].detail);
		}
		free(s->probs);
	}
	free(l->subs);
	free(l->slots);
	for (size_t i = 0; i < l->nfiles; i++) {
		struct held_file *f = &l->files[i];
		free(f->rel);
		free(f->shape);
		free(f->kind);
		free(f->code);
		free(f->message);
	}
	free(l->files);
	free(l);
}
