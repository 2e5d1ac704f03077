/*
 * test_master.c: unit tests of pl_master.h, the region master list.
 *
 * Loads the real master/regions.csv (found from the working directory; the
 * suite runs from the repo root) and checks what master/README.md states:
 * 552 regions, 38 provinsi, 416 kabupaten, 98 kota; 52.72 is Kota Bima, a
 * kota of province 52 (Nusa Tenggara Barat); regions sorted by code; every
 * kabupaten/kota points at a province of the list. Small masters written to
 * a temp folder check lookups, extra and reordered columns, and that broken
 * lists are refused with "file:line: reason": a duplicate code, an unknown
 * level, a parent that is not a province (a kabupaten, or absent), a
 * province with a parent, a missing column, a wrong field count, an empty
 * code, an empty list and a missing file.
 *
 * pl_master_resolve searches indexes (regions by folded name, aliases by
 * folded alias, the code's own name first); a linear search written here
 * from the documented rules must give the same resolution for every
 * region's name, alias and code, written in several ways, paired with the
 * right code, a wrong one and none: aliases whose folded forms collide,
 * more namesakes than the candidates' room, and names that are no region.
 */
#include "unit.h"

#include "pl_master.h"

static char tmp[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmrf(tmp);
	return 0;
}

static void test_real_master(void **state)
{
	(void)state;
	char path[PATH_MAX];
	unit_find_up("master/regions.csv", path);
	struct pl_master m = {0};
	struct pl_buf err = {0};
	if (pl_master_load(&m, path, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(m.n, 552);
	size_t count[PL_LEVEL_COUNT] = {0};
	for (size_t i = 0; i < m.n; i++) {
		count[m.r[i].level]++;
		if (i)
			assert_true(strcmp(m.r[i - 1].code, m.r[i].code) < 0);
		const struct pl_region *p = pl_master_find(&m, m.r[i].province);
		assert_non_null(p);
		assert_int_equal(p->level, PL_LEVEL_PROVINSI);
		if (m.r[i].level == PL_LEVEL_PROVINSI)
			assert_string_equal(m.r[i].province, m.r[i].code);
		else /* PP.KK belongs to province PP */
			assert_memory_equal(m.r[i].code, m.r[i].province, 2);
	}
	assert_int_equal(count[PL_LEVEL_PROVINSI], 38);
	assert_int_equal(count[PL_LEVEL_KABUPATEN], 416);
	assert_int_equal(count[PL_LEVEL_KOTA], 98);

	const struct pl_region *bima = pl_master_find(&m, "52.72");
	assert_non_null(bima);
	assert_string_equal(bima->code, "52.72");
	assert_string_equal(bima->name, "Kota Bima");
	assert_int_equal(bima->level, PL_LEVEL_KOTA);
	assert_string_equal(bima->province, "52");
	const struct pl_region *ntb = pl_master_find(&m, "52");
	assert_non_null(ntb);
	assert_string_equal(ntb->name, "Nusa Tenggara Barat");
	assert_int_equal(ntb->level, PL_LEVEL_PROVINSI);
	assert_string_equal(ntb->province, "52");

	assert_null(pl_master_find(&m, "52.99"));
	assert_null(pl_master_find(&m, "5272"));
	assert_null(pl_master_find(&m, "52.72 "));
	assert_null(pl_master_find(&m, ""));

	/* Remembering the last region gives what the bisection gives: the
	 * same region again, another, an unknown code (which leaves the one
	 * remembered), a code that only starts like it. */
	const struct pl_region *last = NULL;
	assert_ptr_equal(pl_master_find_near(&m, &last, "52.72"), bima);
	assert_ptr_equal(last, bima);
	assert_ptr_equal(pl_master_find_near(&m, &last, "52.72"), bima);
	assert_null(pl_master_find_near(&m, &last, "52.99"));
	assert_ptr_equal(last, bima);
	assert_null(pl_master_find_near(&m, &last, "52.7"));
	assert_ptr_equal(pl_master_find_near(&m, &last, "52"), ntb);
	assert_ptr_equal(last, ntb);
	for (size_t i = 0; i < m.n; i++)
		assert_ptr_equal(pl_master_find_near(&m, &last, m.r[i].code), &m.r[i]);
	pl_master_free(&m);
	assert_int_equal(m.n, 0);
	assert_null(m.r);
	pl_buf_free(&err);
}

static void test_level_names(void **state)
{
	(void)state;
	assert_string_equal(pl_level_name(PL_LEVEL_PROVINSI), "provinsi");
	assert_string_equal(pl_level_name(PL_LEVEL_KABUPATEN), "kabupaten");
	assert_string_equal(pl_level_name(PL_LEVEL_KOTA), "kota");
}

static char *write_master(const char *name, const char *text)
{
	struct pl_buf p = unit_join(tmp, name);
	unit_write_str(p.p, text);
	return p.p;
}

static void test_small_master(void **state)
{
	(void)state;
	/* Columns in another order, a tag column, rows not sorted. */
	char *path = write_master("small.csv", "level,perbatasan,parent_code,name,code\n"
					       "kota,ya,52,Kota Bima,52.72\n"
					       "provinsi,,,Nusa Tenggara Barat,52\n"
					       "kabupaten,tidak,52,Kabupaten Bima,52.06\n"
					       "provinsi,,,Lampung,18\n"
					       "kota,1,18,Kota Metro,18.72\n");
	struct pl_master m = {0};
	struct pl_buf err = {0};
	if (pl_master_load(&m, path, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(m.n, 5);
	const char *order[] = {"18", "18.72", "52", "52.06", "52.72"};
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(m.r[i].code, order[i]);
	const struct pl_region *r = pl_master_find(&m, "52.06");
	assert_non_null(r);
	assert_string_equal(r->name, "Kabupaten Bima");
	assert_int_equal(r->level, PL_LEVEL_KABUPATEN);
	assert_string_equal(r->province, "52");
	r = pl_master_find(&m, "18.72");
	assert_string_equal(r->province, "18");
	assert_null(pl_master_find(&m, "18.71"));
	/* The extra column is a tag: ya and 1 in, tidak and empty out. */
	assert_int_equal(m.ntags, 1);
	assert_string_equal(m.tags[0], "perbatasan");
	assert_int_equal(pl_master_find(&m, "52.72")->tagged[0], 1);
	assert_int_equal(pl_master_find(&m, "18.72")->tagged[0], 1);
	assert_int_equal(pl_master_find(&m, "52.06")->tagged[0], 0);
	assert_int_equal(pl_master_find(&m, "52")->tagged[0], 0);
	pl_master_free(&m);
	pl_buf_free(&err);
	free(path);
}

/* Loading text must fail with "<path>:<line>: " and phrase. */
static void refused(const char *name, const char *text, unsigned long line, const char *phrase)
{
	char *path = write_master(name, text);
	struct pl_master m = {0};
	struct pl_buf err = {0};
	int rc = pl_master_load(&m, path, &err);
	if (rc != -1)
		fail_msg("%s accepted (rc %d), want '%s'", name, rc, phrase);
	struct pl_buf want = {0};
	pl_buf_printf(&want, "%s:%lu: ", path, line);
	const char *msg = pl_buf_str(&err);
	if (strncmp(msg, want.p, want.len) != 0 || !strstr(msg, phrase))
		fail_msg("message '%s', want '%s...%s'", msg, want.p, phrase);
	pl_buf_free(&want);
	pl_master_free(&m);
	pl_buf_free(&err);
	free(path);
}

/* The rules of pl_master_resolve, searched linearly. */
static enum pl_resolve ref_resolve(const struct pl_master *m, const char *code, const char *name,
				   struct pl_resolution *out)
{
	memset(out, 0, sizeof *out);
	int has_code = code && *code, has_name = name && *name;
	if (!has_code && !has_name)
		return PL_RESOLVE_NONE;
	const struct pl_region *by_code = NULL;
	if (has_code) {
		by_code = pl_master_find(m, code);
		for (size_t i = 0; !by_code && i < m->nlegacy; i++)
			if (strcmp(m->legacy[i].old_code, code) == 0) {
				by_code = pl_master_find(m, m->legacy[i].new_code);
				out->legacy_code = m->legacy[i].old_code;
			}
		if (!by_code)
			return PL_RESOLVE_UNKNOWN;
		out->region = by_code;
		if (!has_name)
			return PL_RESOLVE_OK;
	}
	int level;
	char *bare = pl_region_fold(name, &level);
	size_t n = 0;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->r[i].bare, bare) == 0 && (level < 0 || (int)m->r[i].level == level)) {
			if (n < PL_RESOLVE_MAX_CANDIDATES)
				out->candidates[n] = &m->r[i];
			n++;
		}
	for (size_t i = 0; n == 0 && i < m->nalias; i++)
		if (strcmp(m->alias[i].folded, bare) == 0)
			out->candidates[n++] = m->alias[i].region;
	free(bare);
	out->ncandidates = n < PL_RESOLVE_MAX_CANDIDATES ? n : PL_RESOLVE_MAX_CANDIDATES;
	if (by_code) {
		for (size_t i = 0; i < out->ncandidates; i++)
			if (out->candidates[i] == by_code) {
				out->ncandidates = 0;
				return PL_RESOLVE_OK;
			}
		return PL_RESOLVE_MISMATCH;
	}
	if (n == 1) {
		out->region = out->candidates[0];
		out->ncandidates = 0;
		return PL_RESOLVE_OK;
	}
	return n == 0 ? PL_RESOLVE_UNKNOWN : PL_RESOLVE_AMBIGUOUS;
}

/* pl_master_resolve agrees with ref_resolve on code and name; returns
 * the resolution. */
static enum pl_resolve same_resolution(const struct pl_master *m, const char *code,
				       const char *name)
{
	struct pl_resolution got, want;
	enum pl_resolve g = pl_master_resolve(m, code, name, &got);
	enum pl_resolve w = ref_resolve(m, code, name, &want);
	if (g != w)
		fail_msg("code '%s' name '%s': %d, want %d", code ? code : "(null)",
			 name ? name : "(null)", g, w);
	assert_ptr_equal(got.region, want.region);
	assert_ptr_equal(got.legacy_code, want.legacy_code);
	assert_int_equal(got.ncandidates, want.ncandidates);
	for (size_t i = 0; i < got.ncandidates; i++)
		assert_ptr_equal(got.candidates[i], want.candidates[i]);
	return g;
}

/* A name written the ways submissions write it. */
static void name_variants(const struct pl_region *r, struct pl_buf *v, size_t nv)
{
	const char *bare_start = r->name;
	static const char *const prefixes[] = {"Kabupaten ", "Kota ", "Provinsi "};
	for (size_t i = 0; i < 3; i++)
		if (strncmp(r->name, prefixes[i], strlen(prefixes[i])) == 0)
			bare_start = r->name + strlen(prefixes[i]);
	static const char *const level_word[] = {"Provinsi", "Kab.", "Kota"};
	for (size_t i = 0; i < nv; i++)
		pl_buf_reset(&v[i]);
	pl_buf_adds(&v[0], r->name);
	pl_buf_adds(&v[1], bare_start);
	pl_buf_printf(&v[2], "  %s  ", r->name);
	pl_buf_printf(&v[3], "%s, %s", bare_start, level_word[r->level]);
	pl_buf_printf(&v[4], "%s %s", level_word[(r->level + 1) % 3], bare_start);
	for (const char *p = r->name; *p; p++) /* upper case */
		pl_buf_addc(&v[5], (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
}

static void test_resolve_real(void **state)
{
	(void)state;
	char path[PATH_MAX];
	unit_find_up("master/regions.csv", path);
	struct pl_master m = {0};
	struct pl_buf err = {0};
	if (pl_master_load(&m, path, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_true(m.nalias > 0 && m.nlegacy > 0);
	struct pl_buf v[6] = {0};
	size_t ok = 0;
	for (size_t i = 0; i < m.n; i++) {
		const struct pl_region *r = &m.r[i];
		/* the region's own name with its code resolves to it */
		struct pl_resolution res;
		assert_int_equal(pl_master_resolve(&m, r->code, r->name, &res), PL_RESOLVE_OK);
		assert_ptr_equal(res.region, r);
		name_variants(r, v, 6);
		/* a neighbour's code and a far region's code: mismatches */
		const char *codes[] = {r->code, m.r[(i + 1) % m.n].code,
				       m.r[(i + m.n / 2) % m.n].code, "", NULL};
		for (size_t k = 0; k < 6; k++)
			for (size_t c = 0; c < 5; c++)
				ok += same_resolution(&m, codes[c], pl_buf_str(&v[k])) == PL_RESOLVE_OK;
	}
	for (size_t i = 0; i < m.nalias; i++) {
		const struct pl_region *r = m.alias[i].region;
		/* the alias as its folded form: it folds to itself */
		assert_int_equal(same_resolution(&m, NULL, m.alias[i].folded), PL_RESOLVE_OK);
		assert_int_equal(same_resolution(&m, r->code, m.alias[i].folded), PL_RESOLVE_OK);
		same_resolution(&m, m.r[0].code, m.alias[i].folded);
	}
	for (size_t i = 0; i < m.nlegacy; i++) {
		const struct pl_region *r = pl_master_find(&m, m.legacy[i].new_code);
		assert_int_equal(same_resolution(&m, m.legacy[i].old_code, r->name), PL_RESOLVE_OK);
		same_resolution(&m, m.legacy[i].old_code, "Kota Bima");
	}
	static const char *const misses[] = {"Atlantis", "Kota Atlantis", "", "  ", "Kab.",
					      "kota", ",", "Bima, Provinsi", "Kep. Seribu"};
	for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
		for (size_t c = 0; c < 3; c++)
			same_resolution(&m, (const char *[]){"52.72", "", "99.99"}[c], misses[i]);
	assert_true(ok > m.n);
	for (size_t k = 0; k < 6; k++)
		pl_buf_free(&v[k]);
	pl_master_free(&m);
	pl_buf_free(&err);
}

static void test_resolve_collisions(void **state)
{
	(void)state;
	/* Ten kabupaten named Sama, one per province: more than the
	 * candidates' room; aliases that fold alike for different regions. */
	struct pl_buf text = {0};
	pl_buf_adds(&text, "code,name,level,parent_code\n");
	for (int p = 11; p <= 20; p++)
		pl_buf_printf(&text, "%d,Provinsi %d,provinsi,\n%d.01,Kabupaten Sama,kabupaten,%d\n"
				     "%d.71,Kota Sama,kota,%d\n",
			      p, p, p, p, p, p);
	char *path = write_master("regions.csv", text.p);
	struct pl_buf alias = unit_join(tmp, "region-aliases.csv");
	unit_write_str(alias.p, "alias,code\nSama Raya,12.01\nsama-raya,13.01\nSAMA RAYA,14.01\n"
				"Kep. Sama,15.71\nKepulauan Sama,16.71\nKota Sama,17.71\n");
	struct pl_master m = {0};
	struct pl_buf err = {0};
	if (pl_master_load(&m, path, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(m.nalias, 6);
	for (size_t i = 0; i < m.n; i++)
		assert_int_equal(m.r[i].namesakes, m.r[i].level == PL_LEVEL_PROVINSI ? 1 : 20);
	static const char *const names[] = {"Sama", "Kabupaten Sama", "Kota Sama", "Sama, Kota",
					    "Sama Raya", "sama raya", "Kep. Sama",
					    "Kepulauan Sama", "Provinsi 12", "12", "Lain"};
	size_t n[5] = {0};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		for (size_t i = 0; i < m.n; i++)
			n[same_resolution(&m, m.r[i].code, names[k])]++;
		n[same_resolution(&m, NULL, names[k])]++;
	}
	/* 12.01 .. 18.01 are the first eight kabupaten Sama; 19.01 and 20.01
	 * are past the candidates' room, and so is every second kota */
	struct pl_resolution res;
	assert_int_equal(pl_master_resolve(&m, "18.01", "Kabupaten Sama", &res), PL_RESOLVE_OK);
	assert_int_equal(pl_master_resolve(&m, "19.01", "Kabupaten Sama", &res),
			 PL_RESOLVE_MISMATCH);
	assert_int_equal(res.ncandidates, PL_RESOLVE_MAX_CANDIDATES);
	assert_string_equal(res.candidates[0]->code, "11.01");
	/* the first alias in file order wins among those that fold alike */
	assert_int_equal(pl_master_resolve(&m, NULL, "SAMA-RAYA", &res), PL_RESOLVE_OK);
	assert_string_equal(res.region->code, "12.01");
	assert_int_equal(pl_master_resolve(&m, "13.01", "Sama Raya", &res), PL_RESOLVE_MISMATCH);
	assert_true(n[PL_RESOLVE_OK] && n[PL_RESOLVE_MISMATCH] && n[PL_RESOLVE_UNKNOWN] &&
		    n[PL_RESOLVE_AMBIGUOUS]);
	pl_master_free(&m);
	pl_buf_free(&err);
	pl_buf_free(&alias);
	pl_buf_free(&text);
	free(path);
}

#define HEAD "code,name,level,parent_code\n"
#define NTB  "52,Nusa Tenggara Barat,provinsi,\n"

static void test_duplicate_code(void **state)
{
	(void)state;
	/* Found after sorting, so the message has no line of its own (0). */
	refused("dup.csv", HEAD NTB "52.72,Kota Bima,kota,52\n52.72,Kota Bima Lagi,kota,52\n", 0,
		"region code '52.72' appears twice");
	refused("dup-prov.csv", HEAD NTB "52.72,Kota Bima,kota,52\n" NTB, 0,
		"region code '52' appears twice");
}

static void test_unknown_level(void **state)
{
	(void)state;
	refused("level.csv", HEAD NTB "52.72,Kota Bima,kecamatan,52\n", 3,
		"level must be provinsi, kabupaten or kota, not 'kecamatan'");
	refused("level-case.csv", HEAD NTB "52.72,Kota Bima,Kota,52\n", 3, "not 'Kota'");
	refused("level-empty.csv", HEAD NTB "52.72,Kota Bima,,52\n", 3, "not ''");
}

static void test_parent_not_province(void **state)
{
	(void)state;
	/* The parent is a kabupaten of the list. */
	refused("parent-kab.csv",
		HEAD NTB "52.06,Kabupaten Bima,kabupaten,52\n52.72,Kota Bima,kota,52.06\n", 0,
		"parent_code '52.06' is not a province of the list");
	/* The parent is not in the list at all. */
	refused("parent-absent.csv", HEAD NTB "18.72,Kota Metro,kota,18\n", 0,
		"parent_code '18' is not a province of the list");
	/* A kota without parent, a province with one. */
	refused("parent-empty.csv", HEAD NTB "52.72,Kota Bima,kota,\n", 3,
		"parent_code must be empty for a province and set otherwise");
	refused("province-parent.csv", HEAD NTB "18,Lampung,provinsi,52\n", 3,
		"parent_code must be empty for a province");
}

static void test_other_refusals(void **state)
{
	(void)state;
	refused("no-level.csv", "code,name,parent_code\n52,NTB,\n", 1, "missing column 'level'");
	refused("short.csv", HEAD NTB "52.72,Kota Bima,kota\n", 3, "wrong number of fields");
	refused("long.csv", HEAD NTB "52.72,Kota Bima,kota,52,x\n", 3, "wrong number of fields");
	refused("no-code.csv", HEAD NTB ",Kota Bima,kota,52\n", 3, "code and name are required");
	refused("no-name.csv", HEAD NTB "52.72,,kota,52\n", 3, "code and name are required");
	refused("bad-quote.csv", HEAD NTB "52.72,\"Kota \"Bima,kota,52\n", 3, "malformed CSV");
	refused("empty.csv", HEAD, 0, "no regions");

	struct pl_buf missing = unit_join(tmp, "no-such.csv");
	struct pl_master m = {0};
	struct pl_buf err = {0};
	assert_int_equal(pl_master_load(&m, missing.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), missing.p));
	assert_non_null(strstr(pl_buf_str(&err), "cannot read"));
	pl_master_free(&m);
	pl_buf_free(&err);
	pl_buf_free(&missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_master),	   cmocka_unit_test(test_level_names),
	    cmocka_unit_test(test_small_master),   cmocka_unit_test(test_duplicate_code),
	    cmocka_unit_test(test_unknown_level),  cmocka_unit_test(test_parent_not_province),
	    cmocka_unit_test(test_other_refusals), cmocka_unit_test(test_resolve_real),
	    cmocka_unit_test(test_resolve_collisions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
