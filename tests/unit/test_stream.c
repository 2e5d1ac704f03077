/*
 * test_stream.c: unit tests of pl_stream.h (the text format between stage
 * programs) and pl_record.h (schemas, groups and their fields).
 *
 * Covers: the schemas (tags, column counts and names of the contract, and
 * unique tags for every kind); group building (all fields missing at
 * start, copies, pl_get, pl_setf, answers, raw values, reset and reuse);
 * COPY escapes of tab, newline, CR and backslash, and \N for missing as
 * distinct from empty; the exact bytes the writer produces (magic line,
 * one declaration per kind, end marker); writer -> reader round trips (via
 * tmpfile) of groups with and without answers and raw values, and of
 * awkward values; an empty stream; the "#end" marker (a stream without it,
 * or with data after it, is refused); write errors (/dev/full); and the
 * reader's refusal of malformed streams, each with the line number in the
 * message: missing or wrong magic, empty input, a record of an undeclared
 * or unknown kind, a wrong field count, bad escapes, a column declaration
 * that differs from the schema, a truncated last line, and an answer or
 * raw value with no submission before it.
 */
#include "stage_harness.h"

#include "pl_record.h"
#include "pl_stream.h"

#define MAGIC	 "#indeks-stream 1\n"
#define SRC_DECL "#src\tfile\tshape\tkind\trecords\tstatus\tcode\tmessage\n"
#define ANS_DECL "#ans\trow\tlevel\tbukti\tverif\n"
#define SRC_ROW	 "src\ta.csv\twide\tsub\t3\tok\t\t\\N\n"
#define ANS_ROW	 "ans\t16\t3\tdoc.pdf\t\\N\n"
#define RAW_DECL "#raw\tfield\tvalue\n"
#define END	 "#end\n"

/* ---- schemas and groups ------------------------------------------------ */

static void test_schemas(void **state)
{
	(void)state;
	static const struct {
		enum pl_kind kind;
		const char *tag;
		size_t nf;
		const char *first, *last;
	} want[] = {
	    {PL_KIND_SRC, "src", 7, "file", "message"},
	    {PL_KIND_SUB, "sub", 18, "file", "status_verifikasi"},
	    {PL_KIND_ANS, "ans", 4, "row", "verif"},
	    {PL_KIND_RAW, "raw", 2, "field", "value"},
	    {PL_KIND_REJ, "rej", 13, "file", "perangkat_daerah"},
	    {PL_KIND_WARN, "warn", 13, "file", "perangkat_daerah"},
	    {PL_KIND_INN, "inn", 21, "file", "unevidenced_answers"},
	    {PL_KIND_SPD, "spd", 9, "file", "scored_points"},
	    {PL_KIND_REG, "reg", 21, "year", "rank_province"},
	};
	/* The kinds of docs/stream-format.md, as the stages rely on them. */
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct pl_schema *sc = pl_schema_of(want[i].kind);
		assert_string_equal(sc->tag, want[i].tag);
		assert_int_equal(sc->nf, want[i].nf);
		assert_string_equal(sc->names[0], want[i].first);
		assert_string_equal(sc->names[sc->nf - 1], want[i].last);
		assert_int_equal(pl_kind_from_tag(want[i].tag), want[i].kind);
	}
	assert_int_equal(pl_schema_of(PL_KIND_SUB)->nf, PL_SUB_NF);
	assert_int_equal(pl_schema_of(PL_KIND_REG)->nf, PL_REG_NF);
	assert_string_equal(pl_schema_of(PL_KIND_SUB)->names[PL_SUB_KODE], "kode_wilayah");
	assert_string_equal(pl_schema_of(PL_KIND_REG)->names[PL_REG_IID], "iid");
	assert_string_equal(pl_schema_of(PL_KIND_ANS)->names[PL_ANS_BUKTI], "bukti");
	/* Every kind (including any added later): a unique tag that maps back
	 * to it, and named columns. */
	for (int k = 0; k < PL_KIND_COUNT; k++) {
		const struct pl_schema *sc = pl_schema_of((enum pl_kind)k);
		assert_non_null(sc->tag);
		assert_true(sc->tag[0] != '\0' && sc->tag[0] != '#');
		assert_null(strchr(sc->tag, '\t'));
		assert_int_equal(pl_kind_from_tag(sc->tag), k);
		assert_true(sc->nf >= 1);
		for (size_t i = 0; i < sc->nf; i++) {
			assert_true(sc->names[i][0] != '\0');
			assert_null(strpbrk(sc->names[i], "\t\n\\"));
		}
	}
	assert_int_equal(pl_kind_from_tag("SRC"), -1);
	assert_int_equal(pl_kind_from_tag(""), -1);
	assert_int_equal(pl_kind_from_tag("src "), -1);
	assert_int_equal(pl_kind_from_tag("#src"), -1);
}

static void test_group_fields(void **state)
{
	(void)state;
	struct pl_group g = {0};
	pl_group_start(&g, PL_KIND_SUB);
	assert_int_equal(g.head.kind, PL_KIND_SUB);
	assert_int_equal(g.nans, 0);
	for (size_t i = 0; i < PL_SUB_NF; i++) {
		assert_null(g.head.f[i]);
		assert_string_equal(pl_get(&g.head, i), "");
	}
	char kode[] = "52.72";
	pl_set(&g, &g.head, PL_SUB_KODE, kode);
	kode[0] = 'X'; /* pl_set copied it */
	assert_string_equal(g.head.f[PL_SUB_KODE], "52.72");
	pl_set(&g, &g.head, PL_SUB_NAMA, "");
	assert_non_null(g.head.f[PL_SUB_NAMA]); /* empty is not missing */
	assert_string_equal(pl_get(&g.head, PL_SUB_NAMA), "");
	pl_setn(&g, &g.head, PL_SUB_ID, "INV-001,rest", 7);
	assert_string_equal(g.head.f[PL_SUB_ID], "INV-001");
	pl_setf(&g, &g.head, PL_SUB_LINE, "%lu", 12345UL);
	assert_string_equal(g.head.f[PL_SUB_LINE], "12345");
	pl_set(&g, &g.head, PL_SUB_KODE, NULL);
	assert_null(g.head.f[PL_SUB_KODE]);

	struct pl_row *a = pl_group_add_ans(&g);
	assert_int_equal(a->kind, PL_KIND_ANS);
	for (size_t i = 0; i < PL_ANS_NF; i++)
		assert_null(a->f[i]);
	pl_set(&g, a, PL_ANS_ROW, "16");
	for (int i = 0; i < 40; i++) /* past the first capacity of answers */
		pl_setf(&g, pl_group_add_ans(&g), PL_ANS_ROW, "r%d", i);
	assert_int_equal(g.nans, 41);
	assert_string_equal(g.ans[0].f[PL_ANS_ROW], "16");
	assert_string_equal(g.ans[40].f[PL_ANS_ROW], "r39");

	/* Raw values: the first spelling of a field is kept; a field without
	 * one reads as the head field. */
	pl_set(&g, &g.head, PL_SUB_TAHUN, "2023");
	pl_group_keep_raw(&g, PL_SUB_TAHUN, " 2O23");
	pl_group_keep_raw(&g, PL_SUB_TAHUN, "2023.0");
	pl_group_keep_raw(&g, PL_SUB_TGL_KIRIM, "28/07/2023");
	assert_int_equal(g.nraw, 2);
	assert_int_equal(g.raw[0].kind, PL_KIND_RAW);
	assert_string_equal(g.raw[0].f[PL_RAW_FIELD], "tahun");
	assert_string_equal(g.raw[0].f[PL_RAW_VALUE], " 2O23");
	assert_string_equal(g.raw[1].f[PL_RAW_FIELD], "tanggal_kirim");
	assert_string_equal(pl_group_raw(&g, PL_SUB_TAHUN), " 2O23");
	assert_string_equal(pl_group_raw(&g, PL_SUB_TGL_KIRIM), "28/07/2023");
	assert_string_equal(pl_group_raw(&g, PL_SUB_ID), "INV-001");
	assert_string_equal(pl_group_raw(&g, PL_SUB_KODE), ""); /* missing */

	pl_group_reset(&g);
	assert_int_equal(g.nans, 0);
	assert_int_equal(g.nraw, 0);
	pl_group_start(&g, PL_KIND_REJ);
	assert_int_equal(g.head.kind, PL_KIND_REJ);
	for (size_t i = 0; i < PL_REJ_NF; i++)
		assert_null(g.head.f[i]);
	assert_int_equal(g.nans, 0);
	pl_group_free(&g);
	assert_null(g.ans);
	assert_int_equal(g.nans, 0);
}

/* ---- escapes ------------------------------------------------------------ */

static void escaped_is(const char *s, const char *want)
{
	struct pl_buf b = {0};
	pl_buf_adds(&b, "<");
	pl_stream_escape(&b, s);
	pl_buf_adds(&b, ">");
	assert_string_equal(pl_buf_str(&b), want);
	pl_buf_free(&b);
}

static void test_escape(void **state)
{
	(void)state;
	escaped_is(NULL, "<\\N>");
	escaped_is("", "<>");
	escaped_is("plain text", "<plain text>");
	escaped_is("a\tb", "<a\\tb>");
	escaped_is("line1\nline2", "<line1\\nline2>");
	escaped_is("cr\r", "<cr\\r>");
	escaped_is("back\\slash", "<back\\\\slash>");
	escaped_is("\\N", "<\\\\N>"); /* a literal backslash-N is not missing */
	escaped_is("\\", "<\\\\>");
	escaped_is("\t\n\r\\", "<\\t\\n\\r\\\\>");
	escaped_is("\\\\t", "<\\\\\\\\t>");
	escaped_is("Kota Bima \xca\xa4", "<Kota Bima \xca\xa4>");
}

/* ---- writer output ------------------------------------------------------ */

static char *written(const struct pl_group *const *gs, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	struct pl_writer w;
	pl_writer_init(&w, fp);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(pl_writer_put(&w, gs[i]), 0);
	assert_int_equal(pl_writer_finish(&w), 0);
	pl_writer_free(&w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

static void test_writer_bytes(void **state)
{
	(void)state;
	struct pl_group a = {0}, r = {0}, b = {0};
	pl_group_start(&a, PL_KIND_SRC);
	pl_set(&a, &a.head, PL_SRC_FILE, "a.csv");
	pl_set(&a, &a.head, PL_SRC_SHAPE, "wide");
	pl_set(&a, &a.head, PL_SRC_KIND, "sub");
	pl_set(&a, &a.head, PL_SRC_RECORDS, "3");
	pl_set(&a, &a.head, PL_SRC_STATUS, "ok");
	pl_set(&a, &a.head, PL_SRC_CODE, "");
	pl_group_start(&r, PL_KIND_REJ);
	pl_set(&r, &r.head, PL_REJ_FILE, "a.csv");
	pl_set(&r, &r.head, PL_REJ_LINE, "2");
	pl_set(&r, &r.head, PL_REJ_MESSAGE, "two\nlines\tand\\");
	pl_group_start(&b, PL_KIND_SRC);
	pl_set(&b, &b.head, PL_SRC_FILE, "b.csv");
	const struct pl_group *gs[] = {&a, &r, &b};
	char *text = written(gs, 3);
	assert_string_equal(
	    text, MAGIC SRC_DECL SRC_ROW
	    "#rej\tfile\tline\tfield\tvalue\tcode\tmessage\tstage\trecord_kind"
	    "\ttahun\tkode_wilayah\tid_inovasi\tnama_inovasi\tperangkat_daerah\n"
	    "rej\ta.csv\t2\t\\N\t\\N\t\\N\ttwo\\nlines\\tand\\\\\t\\N\t\\N\t\\N\t\\N"
	    "\t\\N\t\\N\t\\N\n"
	    "src\tb.csv\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n" END);
	free(text);
	pl_group_free(&a);
	pl_group_free(&r);
	pl_group_free(&b);
}

static void test_writer_answers_bytes(void **state)
{
	(void)state;
	struct pl_group s = {0};
	pl_group_start(&s, PL_KIND_SUB);
	pl_set(&s, &s.head, PL_SUB_FILE, "f.csv");
	struct pl_row *a = pl_group_add_ans(&s);
	pl_set(&s, a, PL_ANS_ROW, "16");
	pl_set(&s, a, PL_ANS_LEVEL, "3");
	pl_set(&s, a, PL_ANS_BUKTI, "doc.pdf");
	pl_group_keep_raw(&s, PL_SUB_TAHUN, "2O23\t");
	const struct pl_group *gs[] = {&s, &s};
	char *text = written(gs, 2);
	/* The sub declaration, the head, the ans declaration once, the answer,
	 * the raw declaration once and the raw value; then the second group
	 * without any declaration. */
	const char *sub_nulls = "\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N"
				"\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n";
	struct pl_buf want = {0};
	pl_buf_adds(&want, MAGIC "#sub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_printf(&want, "\t%s", pl_schema_of(PL_KIND_SUB)->names[i]);
	pl_buf_printf(&want, "\nsub\tf.csv%s" ANS_DECL ANS_ROW RAW_DECL "raw\ttahun\t2O23\\t\n",
		      sub_nulls);
	pl_buf_printf(&want, "sub\tf.csv%s" ANS_ROW "raw\ttahun\t2O23\\t\n" END, sub_nulls);
	assert_string_equal(text, pl_buf_str(&want));
	assert_non_null(strstr(text, "\ttanggal_uji_coba\t"));
	pl_buf_free(&want);
	free(text);
	pl_group_free(&s);
}

static void test_empty_stream(void **state)
{
	(void)state;
	char *text = written(NULL, 0);
	assert_string_equal(text, MAGIC END); /* an empty stream still says what it is */
	FILE *fp = fmemopen(text, strlen(text), "r");
	struct pl_reader r;
	struct pl_group g = {0};
	pl_reader_init(&r, fp);
	assert_int_equal(pl_reader_next(&r, &g), 0);
	assert_int_equal(pl_reader_next(&r, &g), 0);
	pl_reader_free(&r);
	pl_group_free(&g);
	fclose(fp);
	free(text);
}

static void test_writer_errors(void **state)
{
	(void)state;
	struct pl_group g = {0};
	pl_group_start(&g, PL_KIND_SRC);
	pl_set(&g, &g.head, PL_SRC_FILE, "a.csv");
	struct pl_writer w;

	/* Unbuffered: the put itself fails, and the writer stays failed. */
	FILE *fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	pl_writer_init(&w, fp);
	errno = 0;
	assert_int_equal(pl_writer_put(&w, &g), -1);
	assert_int_equal(errno, ENOSPC);
	assert_int_equal(pl_writer_put(&w, &g), -1);
	assert_int_equal(pl_writer_finish(&w), -1);
	pl_writer_free(&w);
	fclose(fp);

	/* Buffered: the loss shows at finish. */
	fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	pl_writer_init(&w, fp);
	assert_int_equal(pl_writer_put(&w, &g), 0);
	assert_int_equal(pl_writer_finish(&w), -1);
	assert_int_equal(pl_writer_put(&w, &g), -1);
	pl_writer_free(&w);
	fclose(fp);

	/* An empty stream on a full disk fails too. */
	fp = fopen("/dev/full", "w");
	pl_writer_init(&w, fp);
	assert_int_equal(pl_writer_finish(&w), -1);
	pl_writer_free(&w);
	fclose(fp);
	pl_group_free(&g);
}

/* ---- round trips -------------------------------------------------------- */

static const char *const awkward[] = {
    "",
    "plain",
    "a\tb",
    "line1\nline2",
    "crlf\r\n",
    "back\\slash",
    "\\N",
    "\\",
    "\\t is not a tab",
    "ends with\\",
    "\t\n\r\\",
    "#not a comment",
    "ans\tlike",
    "src",
    "Kota Bima \xca\xa4",
    "  spaces  ",
};
enum { NAWK = sizeof awkward / sizeof awkward[0] };

/* Fills every field of a row from awkward[], missing every third one. */
static void fill(struct pl_group *g, struct pl_row *r, size_t seed)
{
	size_t nf = pl_schema_of(r->kind)->nf;
	for (size_t i = 0; i < nf; i++) {
		size_t k = seed + i;
		pl_set(g, r, i, k % 3 == 2 ? NULL : awkward[k % NAWK]);
	}
}

static void make_group(struct pl_group *g, enum pl_kind kind, size_t nans, size_t nraw, size_t seed)
{
	pl_group_start(g, kind);
	fill(g, &g->head, seed);
	for (size_t i = 0; i < nans; i++)
		fill(g, pl_group_add_ans(g), seed + 7 * (i + 1));
	for (size_t i = 0; i < nraw; i++)
		fill(g, pl_group_add_raw(g), seed + 11 * (i + 1));
}

static void test_round_trip_groups(void **state)
{
	(void)state;
	static const struct {
		enum pl_kind kind;
		size_t nans, nraw;
	} plan[] = {
	    {PL_KIND_SRC, 0, 0}, {PL_KIND_SUB, 2, 0},  {PL_KIND_SUB, 0, 0}, {PL_KIND_REJ, 0, 0},
	    {PL_KIND_SUB, 3, 2}, {PL_KIND_WARN, 0, 0}, {PL_KIND_SUB, 1, 0}, {PL_KIND_SUB, 0, 1},
	    {PL_KIND_SUB, 1, 1}, {PL_KIND_INN, 0, 0},  {PL_KIND_SPD, 0, 0}, {PL_KIND_REG, 0, 0},
	    {PL_KIND_SUB, 5, 3},
	};
	enum { N = sizeof plan / sizeof plan[0] };
	struct pl_group in[N];
	memset(in, 0, sizeof in);
	FILE *fp = tmpfile();
	assert_non_null(fp);
	struct pl_writer w;
	pl_writer_init(&w, fp);
	for (size_t i = 0; i < N; i++) {
		make_group(&in[i], plan[i].kind, plan[i].nans, plan[i].nraw, i * 5);
		assert_int_equal(pl_writer_put(&w, &in[i]), 0);
	}
	assert_int_equal(pl_writer_finish(&w), 0);
	pl_writer_free(&w);
	rewind(fp);

	struct pl_reader r;
	struct pl_group out = {0};
	pl_reader_init(&r, fp);
	for (size_t i = 0; i < N; i++) {
		int rc = pl_reader_next(&r, &out);
		if (rc != 1)
			fail_msg("group %zu: rc %d: %s", i, rc, pl_buf_str(&r.error));
		hs_assert_groups_equal(&in[i], &out);
	}
	assert_int_equal(pl_reader_next(&r, &out), 0);
	pl_reader_free(&r);
	pl_group_free(&out);
	for (size_t i = 0; i < N; i++)
		pl_group_free(&in[i]);
	fclose(fp);
}

static void test_round_trip_values(void **state)
{
	(void)state;
	/* Every awkward value in every position of a src row, plus missing
	 * and a field longer than any line buffer. */
	struct pl_group in = {0}, out = {0};
	FILE *fp = tmpfile();
	struct pl_writer w;
	pl_writer_init(&w, fp);
	for (size_t v = 0; v <= NAWK; v++) {
		pl_group_start(&in, PL_KIND_SRC);
		for (size_t i = 0; i < PL_SRC_NF; i++)
			pl_set(&in, &in.head, i, v == NAWK ? NULL : awkward[v]);
		assert_int_equal(pl_writer_put(&w, &in), 0);
	}
	char *longv = malloc(200001);
	for (size_t i = 0; i < 200000; i++)
		longv[i] = "ab\t\\\n"[i % 5];
	longv[200000] = '\0';
	pl_group_start(&in, PL_KIND_SRC);
	pl_set(&in, &in.head, PL_SRC_MESSAGE, longv);
	assert_int_equal(pl_writer_put(&w, &in), 0);
	assert_int_equal(pl_writer_finish(&w), 0);
	pl_writer_free(&w);
	rewind(fp);

	struct pl_reader r;
	pl_reader_init(&r, fp);
	for (size_t v = 0; v <= NAWK; v++) {
		assert_int_equal(pl_reader_next(&r, &out), 1);
		for (size_t i = 0; i < PL_SRC_NF; i++) {
			if (v == NAWK)
				assert_null(out.head.f[i]);
			else
				assert_string_equal(out.head.f[i], awkward[v]);
		}
	}
	assert_int_equal(pl_reader_next(&r, &out), 1);
	assert_null(out.head.f[PL_SRC_FILE]);
	assert_string_equal(out.head.f[PL_SRC_MESSAGE], longv);
	assert_int_equal(pl_reader_next(&r, &out), 0);
	pl_reader_free(&r);
	pl_group_free(&in);
	pl_group_free(&out);
	free(longv);
	fclose(fp);
}

/* The reader on hand-written text. */
static void test_reader_handwritten(void **state)
{
	(void)state;
	struct pl_buf t = {0};
	pl_buf_adds(&t, MAGIC SRC_DECL SRC_ROW);
	pl_buf_adds(&t, "src\t\t\t\t\t\t\t\n"); /* seven empty fields */
	pl_buf_adds(&t, "src\t\\N\ta\\\\N\t\\\\\t\\t\\n\\r\tx\ty\tz\n" END);
	FILE *fp = fmemopen(t.p, t.len, "r");
	struct pl_reader r;
	struct pl_group g = {0};
	pl_reader_init(&r, fp);
	assert_int_equal(pl_reader_next(&r, &g), 1);
	assert_int_equal(g.head.kind, PL_KIND_SRC);
	assert_string_equal(g.head.f[PL_SRC_FILE], "a.csv");
	assert_string_equal(g.head.f[PL_SRC_CODE], "");
	assert_null(g.head.f[PL_SRC_MESSAGE]);
	assert_int_equal(pl_reader_next(&r, &g), 1);
	for (size_t i = 0; i < PL_SRC_NF; i++)
		assert_string_equal(g.head.f[i], "");
	assert_int_equal(pl_reader_next(&r, &g), 1);
	assert_null(g.head.f[0]);
	assert_string_equal(g.head.f[1], "a\\N");
	assert_string_equal(g.head.f[2], "\\");
	assert_string_equal(g.head.f[3], "\t\n\r");
	assert_string_equal(g.head.f[6], "z");
	assert_int_equal(pl_reader_next(&r, &g), 0);
	pl_reader_free(&r);
	pl_group_free(&g);
	fclose(fp);
	pl_buf_free(&t);
}

/* ---- malformed streams --------------------------------------------------- */

/* Reads text: ngood groups succeed, then -1 with an error that starts with
 * "stream line <line>: " and contains phrase. */
static void refused(const char *text, int ngood, unsigned long line, const char *phrase)
{
	size_t len = strlen(text);
	FILE *fp = tmpfile(); /* fmemopen of an empty buffer is not portable */
	assert_non_null(fp);
	if (len)
		assert_int_equal(fwrite(text, 1, len, fp), len);
	rewind(fp);
	struct pl_reader r;
	struct pl_group g = {0};
	pl_reader_init(&r, fp);
	for (int i = 0; i < ngood; i++) {
		int rc = pl_reader_next(&r, &g);
		if (rc != 1)
			fail_msg("group %d should be read: rc %d: %s", i, rc, pl_buf_str(&r.error));
	}
	int rc = pl_reader_next(&r, &g);
	if (rc != -1)
		fail_msg("accepted (rc %d) a stream that should fail with '%s'", rc, phrase);
	char prefix[64];
	snprintf(prefix, sizeof prefix, "stream line %lu: ", line);
	const char *msg = pl_buf_str(&r.error);
	if (strncmp(msg, prefix, strlen(prefix)) != 0 || !strstr(msg, phrase))
		fail_msg("error '%s', want '%s...%s'", msg, prefix, phrase);
	pl_reader_free(&r);
	pl_group_free(&g);
	fclose(fp);
}

static void test_refuse_magic(void **state)
{
	(void)state;
	refused(SRC_DECL SRC_ROW, 0, 1, "not an indeks stream");
	refused("#indeks-stream 2\n" SRC_DECL SRC_ROW, 0, 1, "not an indeks stream");
	refused("#indeks-stream 1 \n" SRC_DECL SRC_ROW, 0, 1, "not an indeks stream");
	refused("#indeks-stream 1\r\n" SRC_DECL SRC_ROW, 0, 1, "not an indeks stream");
	refused("", 0, 0, "empty input");
	refused("#indeks-stream 1", 0, 1, "truncated");
}

static void test_refuse_undeclared(void **state)
{
	(void)state;
	refused(MAGIC SRC_ROW, 0, 2, "before its column declaration");
	/* src declared, ans not. */
	refused(MAGIC SRC_DECL SRC_ROW ANS_ROW, 1, 4, "before its column declaration");
	refused(MAGIC SRC_DECL "zzz\ta\n", 0, 3, "unknown record kind");
	refused(MAGIC SRC_DECL "Src\ta\tb\tc\td\te\tf\tg\n", 0, 3, "unknown record kind");
	refused(MAGIC "#zzz\ta\tb\n" SRC_DECL SRC_ROW, 0, 2, "unknown record kind");
	refused(MAGIC SRC_DECL "\n", 0, 3, "record without fields");
	refused(MAGIC SRC_DECL "src\n", 0, 3, "record without fields");
}

static void test_refuse_field_count(void **state)
{
	(void)state;
	refused(MAGIC SRC_DECL "src\ta\tb\n", 0, 3, "wrong number of fields");
	refused(MAGIC SRC_DECL "src\ta\tb\tc\td\te\tf\n", 0, 3, "wrong number of fields");
	refused(MAGIC SRC_DECL "src\ta\tb\tc\td\te\tf\tg\th\n", 0, 3, "wrong number of fields");
	refused(MAGIC SRC_DECL "src\ta\tb\tc\td\te\tf\tg\t\n", 0, 3, "wrong number of fields");
	refused(MAGIC SRC_DECL ANS_DECL SRC_ROW SRC_ROW "src\t\t\n", 2, 6,
		"wrong number of fields");
}

static void test_refuse_escape(void **state)
{
	(void)state;
	refused(MAGIC SRC_DECL "src\ta\\xb\tb\tc\td\te\tf\tg\n", 0, 3, "bad backslash escape");
	refused(MAGIC SRC_DECL "src\ta\tb\tc\td\te\tf\tg\\\n", 0, 3, "bad backslash escape");
	refused(MAGIC SRC_DECL "src\tx\\N\tb\tc\td\te\tf\tg\n", 0, 3, "bad backslash escape");
	refused(MAGIC SRC_DECL "src\t\\\tb\tc\td\te\tf\tg\n", 0, 3, "bad backslash escape");
	refused(MAGIC SRC_DECL "src\t\\0\tb\tc\td\te\tf\tg\n", 0, 3, "bad backslash escape");
}

static void test_refuse_declaration(void **state)
{
	(void)state;
	const char *differs = "columns differ";
	/* One column short, one renamed, one extra, two swapped, none. */
	refused(MAGIC "#src\tfile\tshape\tkind\trecords\tstatus\tcode\n" SRC_ROW, 0, 2, differs);
	refused(MAGIC "#src\tfile\tshape\tkind\trecords\tstate\tcode\tmessage\n" SRC_ROW, 0, 2,
		differs);
	refused(MAGIC "#src\tfile\tshape\tkind\trecords\tstatus\tcode\tmessage\textra\n" SRC_ROW, 0,
		2, differs);
	refused(MAGIC "#src\tshape\tfile\tkind\trecords\tstatus\tcode\tmessage\n" SRC_ROW, 0, 2,
		differs);
	refused(MAGIC "#src\n" SRC_ROW, 0, 2, differs);
	refused(MAGIC "#src\t\n" SRC_ROW, 0, 2, differs);
	/* A later, different declaration of a kind already declared. */
	refused(MAGIC SRC_DECL SRC_ROW "#src\tfile\n" SRC_ROW, 1, 4, differs);
	/* warn must be declared with the reject columns. */
	refused(MAGIC "#warn\tfile\n", 0, 2, differs);
}

static void test_refuse_truncated(void **state)
{
	(void)state;
	/* The last line has no newline: the groups before it are read, then
	 * the reader says the stream is truncated rather than passing on a
	 * record that may have lost its end. */
	refused(MAGIC SRC_DECL SRC_ROW "src\ta.csv\twide\tsub\t3\tok\t\t\\N", 1, 4, "truncated");
	refused(MAGIC SRC_DECL "#ans\trow", 0, 3, "truncated");
	/* Inside a submission's answers. */
	struct pl_buf t = {0};
	pl_buf_adds(&t, MAGIC "#sub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_printf(&t, "\t%s", pl_schema_of(PL_KIND_SUB)->names[i]);
	pl_buf_adds(&t, "\nsub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_adds(&t, "\tv");
	pl_buf_adds(&t, "\n" ANS_DECL ANS_ROW "ans\t17\t2\t\t");
	refused(t.p, 0, 6, "truncated");
	pl_buf_free(&t);
}

static void test_end_marker(void **state)
{
	(void)state;
	/* A stream cut short (a stage died) is an error, never a smaller run. */
	refused(MAGIC SRC_DECL SRC_ROW, 1, 3, "ends without its end marker");
	refused(MAGIC, 0, 1, "ends without its end marker");
	/* Also when the last group is a submission whose answers were read. */
	struct pl_buf t = {0};
	pl_buf_adds(&t, MAGIC "#sub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_printf(&t, "\t%s", pl_schema_of(PL_KIND_SUB)->names[i]);
	pl_buf_adds(&t, "\nsub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_adds(&t, "\tv");
	pl_buf_adds(&t, "\n" ANS_DECL ANS_ROW);
	refused(t.p, 0, 5, "ends without its end marker");
	/* With the marker the same group is whole. */
	pl_buf_adds(&t, END);
	FILE *fp = fmemopen(t.p, t.len, "r");
	struct pl_reader r;
	struct pl_group g = {0};
	pl_reader_init(&r, fp);
	assert_int_equal(pl_reader_next(&r, &g), 1);
	assert_int_equal(g.nans, 1);
	assert_int_equal(pl_reader_next(&r, &g), 0);
	pl_reader_free(&r);
	pl_group_free(&g);
	fclose(fp);
	pl_buf_free(&t);
}

/* Data after the end marker is refused, and the message names the line of
 * that data (line 5 here), not the marker's. */
static void test_data_after_end(void **state)
{
	(void)state;
	refused(MAGIC SRC_DECL SRC_ROW END SRC_ROW, 1, 5, "data after the end marker");
	refused(MAGIC END END, 0, 3, "data after the end marker");
}

static void test_refuse_orphan_answer(void **state)
{
	(void)state;
	refused(MAGIC ANS_DECL ANS_ROW, 0, 3, "without a submission before it");
	refused(MAGIC SRC_DECL ANS_DECL SRC_ROW ANS_ROW, 1, 5, "without a submission before it");
	refused(MAGIC RAW_DECL "raw\ttahun\t2O23\n", 0, 3, "without a submission before it");
}

/* A submission with answers, then a malformed head: the group is returned
 * whole, and the error names the head's line. */
static void test_error_after_group(void **state)
{
	(void)state;
	struct pl_buf t = {0};
	pl_buf_adds(&t, MAGIC "#sub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_printf(&t, "\t%s", pl_schema_of(PL_KIND_SUB)->names[i]);
	pl_buf_adds(&t, "\nsub");
	for (size_t i = 0; i < PL_SUB_NF; i++)
		pl_buf_printf(&t, "\tv%zu", i);
	pl_buf_adds(&t, "\n" ANS_DECL ANS_ROW ANS_ROW SRC_DECL "src\tonly\ttwo\n");
	FILE *fp = fmemopen(t.p, t.len, "r");
	struct pl_reader r;
	struct pl_group g = {0};
	pl_reader_init(&r, fp);
	assert_int_equal(pl_reader_next(&r, &g), 1);
	assert_int_equal(g.head.kind, PL_KIND_SUB);
	assert_string_equal(g.head.f[PL_SUB_STATUS], "v17");
	assert_int_equal(g.nans, 2);
	assert_string_equal(g.ans[1].f[PL_ANS_BUKTI], "doc.pdf");
	assert_null(g.ans[1].f[PL_ANS_VERIF]);
	assert_int_equal(pl_reader_next(&r, &g), -1);
	assert_string_equal(pl_buf_str(&r.error), "stream line 8: wrong number of fields");
	pl_reader_free(&r);
	pl_group_free(&g);
	fclose(fp);
	pl_buf_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_schemas),
	    cmocka_unit_test(test_group_fields),
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_writer_bytes),
	    cmocka_unit_test(test_writer_answers_bytes),
	    cmocka_unit_test(test_empty_stream),
	    cmocka_unit_test(test_writer_errors),
	    cmocka_unit_test(test_round_trip_groups),
	    cmocka_unit_test(test_round_trip_values),
	    cmocka_unit_test(test_reader_handwritten),
	    cmocka_unit_test(test_refuse_magic),
	    cmocka_unit_test(test_refuse_undeclared),
	    cmocka_unit_test(test_refuse_field_count),
	    cmocka_unit_test(test_refuse_escape),
	    cmocka_unit_test(test_refuse_declaration),
	    cmocka_unit_test(test_refuse_truncated),
	    cmocka_unit_test(test_end_marker),
	    cmocka_unit_test(test_data_after_end),
	    cmocka_unit_test(test_refuse_orphan_answer),
	    cmocka_unit_test(test_error_after_group),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
