/*
 * test_groupbytes.c: unit tests of pl_groupbytes.h, a group as bytes for
 * passing it between threads.
 *
 * Covers: a group without a span (missing and empty fields, answer and
 * raw rows, normalize's mark) decoded unchanged; a group whose span holds
 * some of its strings, others made elsewhere, one changed in place before
 * encoding: decoded unchanged after the span itself was overwritten, so
 * nothing points back into it; a decoded group encoding to the same bytes
 * again; shared bytes (a file's answer row names) carried after the span
 * and decoded as part of it; several groups in one buffer, each decode returning where the
 * next starts; and the span of a real CSV record (pl_csvread.h's block).
 */
#include "stage_harness.h"

#include "pl_csvread.h"
#include "pl_groupbytes.h"

static void assert_groups_equal(const struct pl_group *a, const struct pl_group *b)
{
	assert_int_equal(a->normalized, b->normalized);
	hs_assert_groups_equal(a, b);
}

/* A decoded group d, encoded again, makes the bytes b it came from, and
 * those decode to the same group. */
static void assert_encodes_again(const struct pl_group *d, const struct pl_buf *b)
{
	struct pl_group again = {0};
	struct pl_buf b2 = {0};
	pl_group_encode(&b2, d);
	assert_int_equal(b2.len, b->len);
	assert_memory_equal(b2.p, b->p, b->len);
	pl_group_decode(&again, b2.p);
	assert_groups_equal(d, &again);
	pl_group_free(&again);
	pl_buf_free(&b2);
}

/* A submission with a missing field, an empty one, two answers and a raw
 * row, all its strings its own. */
static void make_plain(struct pl_group *g)
{
	pl_group_start(g, PL_KIND_SUB);
	pl_set(g, &g->head, PL_SUB_FILE, "11/01/dinas.csv");
	pl_set(g, &g->head, PL_SUB_LINE, "7");
	pl_set(g, &g->head, PL_SUB_NAMA, "");
	for (int k = 0; k < 2; k++) {
		struct pl_row *a = pl_group_add_ans(g);
		pl_setf(g, a, PL_ANS_ROW, "%d", 16 + k);
		pl_set(g, a, PL_ANS_LEVEL, k ? "3" : "");
	}
	pl_group_keep_raw(g, PL_SUB_TAHUN, " 2023 ");
	g->normalized = PL_NORM_REJECTED;
}

static void test_plain(void **state)
{
	(void)state;
	struct pl_group g = {0}, d = {0};
	struct pl_buf b = {0};
	make_plain(&g);
	pl_group_encode(&b, &g);
	char *end = pl_group_decode(&d, b.p);
	assert_ptr_equal(end, b.p + b.len);
	assert_groups_equal(&g, &d);
	assert_null(d.head.f[PL_SUB_TAHUN]);
	assert_string_equal(d.head.f[PL_SUB_NAMA], "");
	assert_null(d.span);
	pl_group_free(&g);
	pl_group_free(&d);
	pl_buf_free(&b);
}

/* Shared bytes: a file's answer row names, which every record of it uses,
 * carried after the span instead of name by name. */
static void test_shared(void **state)
{
	(void)state;
	char block[] = "2023\0"
		       "3\0"
		       "1";
	char names[] = "16\0"
		       "17";
	struct pl_group g = {0}, d = {0};
	struct pl_buf b = {0};
	pl_group_start(&g, PL_KIND_SUB);
	g.span = block;
	g.nspan = sizeof block;
	g.shared = names;
	g.nshared = sizeof names;
	pl_set(&g, &g.head, PL_SUB_FILE, "52/01/dinas.csv");
	pl_set_own(&g.head, PL_SUB_TAHUN, block);
	for (int k = 0; k < 2; k++) {
		struct pl_row *a = pl_group_add_ans(&g);
		pl_set_own(a, PL_ANS_ROW, names + 3 * k);
		pl_set_own(a, PL_ANS_LEVEL, block + 5 + 2 * k);
	}
	pl_group_encode(&b, &g);
	size_t codes = 4 * (pl_schema_of(PL_KIND_SUB)->nf + 2 * pl_schema_of(PL_KIND_ANS)->nf);
	assert_int_equal(b.len,
			 5 * 4 + sizeof block + sizeof names + codes + sizeof "52/01/dinas.csv");
	memset(block, '#', sizeof block);
	memset(names, '#', sizeof names);
	pl_group_decode(&d, b.p);
	assert_string_equal(d.head.f[PL_SUB_TAHUN], "2023");
	assert_int_equal(d.nans, 2);
	assert_string_equal(d.ans[0].f[PL_ANS_ROW], "16");
	assert_string_equal(d.ans[1].f[PL_ANS_ROW], "17");
	assert_string_equal(d.ans[0].f[PL_ANS_LEVEL], "3");
	assert_string_equal(d.ans[1].f[PL_ANS_LEVEL], "1");
	/* Decoded, the span and the shared bytes are one span: encoded
	 * again, the same bytes. */
	assert_int_equal(d.nspan, sizeof block + sizeof names);
	assert_null(d.shared);
	assert_encodes_again(&d, &b);
	pl_group_free(&g);
	pl_group_free(&d);
	pl_buf_free(&b);
}

/* The span: fields of a record in one block, as pl_csvread passes them. */
static void test_span(void **state)
{
	(void)state;
	char block[] = "2023\0"
		       "52.01\0"
		       "  Lapak  Digital \0"
		       "3\0"
		       "bukti.pdf\0"
		       "unused";
	struct pl_group g = {0}, d = {0};
	struct pl_buf b = {0};
	pl_group_start(&g, PL_KIND_SUB);
	g.span = block;
	g.nspan = sizeof block - 1;
	pl_set(&g, &g.head, PL_SUB_FILE, "52/01/dinas.csv"); /* made elsewhere */
	pl_set_own(&g.head, PL_SUB_TAHUN, block);
	pl_set_own(&g.head, PL_SUB_KODE, block + 5);
	pl_set_own(&g.head, PL_SUB_NAMA, block + 11);
	struct pl_row *a = pl_group_add_ans(&g);
	pl_set(&g, a, PL_ANS_ROW, "16");
	pl_set_own(a, PL_ANS_LEVEL, block + 29);
	pl_set_own(a, PL_ANS_BUKTI, block + 31);
	/* normalize shortens a string in place, and replaces another */
	memcpy(block + 11, "Lapak Digital", sizeof "Lapak Digital");
	pl_set(&g, &g.head, PL_SUB_KODE, "52.01");
	pl_group_encode(&b, &g);
	/* Bytes in the span that no field uses are carried too; the strings
	 * made elsewhere follow their codes. */
	size_t inline_bytes = sizeof "52/01/dinas.csv" + sizeof "52.01" + sizeof "16";
	size_t codes = 4 * (pl_schema_of(PL_KIND_SUB)->nf + pl_schema_of(PL_KIND_ANS)->nf);
	assert_int_equal(b.len, 5 * 4 + g.nspan + codes + inline_bytes);
	memset(block, '#', sizeof block - 1); /* the record is gone */
	pl_group_decode(&d, b.p);
	assert_string_equal(d.head.f[PL_SUB_FILE], "52/01/dinas.csv");
	assert_string_equal(d.head.f[PL_SUB_TAHUN], "2023");
	assert_string_equal(d.head.f[PL_SUB_KODE], "52.01");
	assert_string_equal(d.head.f[PL_SUB_NAMA], "Lapak Digital");
	assert_null(d.head.f[PL_SUB_ID]);
	assert_int_equal(d.nans, 1);
	assert_string_equal(d.ans[0].f[PL_ANS_ROW], "16");
	assert_string_equal(d.ans[0].f[PL_ANS_LEVEL], "3");
	assert_string_equal(d.ans[0].f[PL_ANS_BUKTI], "bukti.pdf");
	assert_null(d.ans[0].f[PL_ANS_VERIF]);
	/* The decoded group's strings lie in its span: encoded again, it
	 * makes the same bytes. */
	assert_ptr_equal(d.span, b.p + 5 * 4);
	assert_int_equal(d.nspan, g.nspan);
	assert_encodes_again(&d, &b);
	pl_group_free(&g);
	pl_group_free(&d);
	pl_buf_free(&b);
}

static void test_many(void **state)
{
	(void)state;
	struct pl_group g = {0}, d = {0};
	struct pl_buf b = {0};
	char block[] = "x\0y";
	for (int i = 0; i < 100; i++) {
		if (i % 2) {
			make_plain(&g);
			pl_setf(&g, &g.head, PL_SUB_LINE, "%d", i);
		} else {
			pl_group_start(&g, PL_KIND_SUB);
			g.span = block;
			g.nspan = sizeof block;
			pl_set_own(&g.head, PL_SUB_ID, block + (i % 4 ? 2 : 0));
			pl_setf(&g, &g.head, PL_SUB_LINE, "%d", i);
		}
		pl_group_encode(&b, &g);
	}
	char *p = b.p;
	for (int i = 0; i < 100; i++) {
		p = pl_group_decode(&d, p);
		char line[16];
		snprintf(line, sizeof line, "%d", i);
		assert_string_equal(d.head.f[PL_SUB_LINE], line);
		if (i % 2) {
			assert_int_equal(d.nans, 2);
			assert_int_equal(d.nraw, 1);
			assert_null(d.span);
		} else {
			assert_int_equal(d.nans, 0);
			assert_string_equal(d.head.f[PL_SUB_ID], i % 4 ? "y" : "x");
		}
	}
	assert_ptr_equal(p, b.p + b.len);
	pl_group_free(&g);
	pl_group_free(&d);
	pl_buf_free(&b);
}

/* A CSV record's block holds its fields, so a group made of them is
 * carried in its span. */
struct one {
	struct pl_buf bytes;
	int n;
};

static int on_record(void *ctx, const struct pl_csv_record *rec)
{
	struct one *o = ctx;
	struct pl_group g = {0};
	pl_group_start(&g, PL_KIND_SUB);
	g.span = rec->block;
	g.nspan = rec->nblock;
	for (size_t i = 0; i < rec->nf; i++) {
		assert_true(rec->f[i] >= rec->block && rec->f[i] < rec->block + rec->nblock);
		pl_set_own(&g.head, PL_SUB_TAHUN + i, rec->f[i]);
	}
	size_t before = o->bytes.len;
	pl_group_encode(&o->bytes, &g);
	/* header, span, codes: no string was copied on its own */
	assert_int_equal(o->bytes.len - before,
			 5 * 4 + rec->nblock + 4 * pl_schema_of(PL_KIND_SUB)->nf);
	pl_group_free(&g);
	o->n++;
	return 0;
}

static void test_csv_block(void **state)
{
	(void)state;
	static const char csv[] = "2023,\"52,01\",Lapak\n2024,,\"say \"\"hi\"\"\"\n";
	struct one o = {0};
	struct pl_csv_error err = {0};
	struct pl_csv_opts opts = {0};
	assert_int_equal(pl_csv_read_mem(csv, sizeof csv - 1, &opts, on_record, &o, &err), 0);
	assert_int_equal(o.n, 2);
	struct pl_group d = {0};
	char *p = pl_group_decode(&d, o.bytes.p);
	assert_string_equal(d.head.f[PL_SUB_TAHUN], "2023");
	assert_string_equal(d.head.f[PL_SUB_KODE], "52,01");
	assert_string_equal(d.head.f[PL_SUB_NAMA_WILAYAH], "Lapak");
	pl_group_decode(&d, p);
	assert_string_equal(d.head.f[PL_SUB_TAHUN], "2024");
	assert_string_equal(d.head.f[PL_SUB_KODE], "");
	assert_string_equal(d.head.f[PL_SUB_NAMA_WILAYAH], "say \"hi\"");
	pl_group_free(&d);
	pl_buf_free(&o.bytes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),     cmocka_unit_test(test_span),
	    cmocka_unit_test(test_shared),    cmocka_unit_test(test_many),
	    cmocka_unit_test(test_csv_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
