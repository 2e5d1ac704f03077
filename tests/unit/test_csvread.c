/*
 * test_csvread.c: unit tests of pl_csvread.h, the CSV reader (plain or gzip).
 *
 * Covers: quoted fields holding commas, line breaks and doubled quotes;
 * CRLF records (and CRLF kept inside a quoted field); a missing final
 * newline; blank rows skipped (empty, CR only, white space only, empty
 * fields only); fields passed untrimmed; the start line of every record,
 * including multi-line quoted records and blank lines before them;
 * unbalanced or stray quotes reported as CSV_MALFORMED with no fields and
 * reading resuming on the next line; a field over max_field reported as
 * FIELD_TOO_LONG (one of exactly max_field bytes accepted); max_fields and
 * max_record reported as RECORD_TOO_LONG; another delimiter; a callback
 * that stops the read; gzip files read transparently (written here with
 * zlib's gzopen); a truncated or damaged gzip reported as GZIP_CORRUPT
 * having passed no record; a missing file or a folder as FILE_UNREADABLE;
 * with opts.detect, a UTF-8 BOM, Excel's "sep=" line, the delimiter,
 * Windows-1252 converted, damaged UTF-8 and NUL refused per record, UTF-16
 * and xlsx refused per file. Every input is read with every chunk size from
 * 1 byte to past its size, from a file, its gzip copy and memory
 * (pl_csv_read_mem), and must give the same records each time.
 *
 * Records are compared as text, one line per record: "LINE:[f1][f2]" or
 * "LINE:!CODE" for an unreadable record.
 */
#include "unit.h"

#include "pl_csvread.h"
#include "pl_reject.h"

static char tmp[PATH_MAX];
/* A buffer lent to every other read, kept from file to file as ingest
 * keeps its own: a file of any size (whole or streamed) after any other. */
static struct pl_buf lent;
static unsigned reads;

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
	pl_buf_free(&lent);
	return 0;
}

static int collect(void *ctx, const struct pl_csv_record *rec)
{
	struct pl_buf *b = ctx;
	pl_buf_printf(b, "%lu:", rec->line);
	if (rec->error) {
		pl_buf_printf(b, "!%s", pl_reject_name(rec->error));
		if (rec->nf != 0)
			pl_buf_adds(b, "(error record with fields)");
	}
	for (size_t i = 0; i < rec->nf; i++)
		pl_buf_printf(b, "[%s]", rec->f[i]);
	pl_buf_addc(b, '\n');
	return 0;
}

/* Reads path with these options; returns the records as text. */
static char *read_with(const char *path, size_t chunk, size_t max_field, unsigned char delim,
		       size_t whole_max, int *rc, struct pl_csv_error *err)
{
	struct pl_buf b = {0};
	struct pl_csv_opts o = {.delim = delim,
				.chunk = chunk,
				.max_field = max_field,
				.whole_max = whole_max,
				.keep = reads++ % 2 ? &lent : NULL};
	pl_buf_adds(&b, "");
	*rc = pl_csv_read(path, &o, collect, &b, err);
	return b.p;
}

static char *write_plain(const char *name, const char *data, size_t len)
{
	struct pl_buf p = unit_join(tmp, name);
	unit_write(p.p, data, len);
	return p.p;
}

static char *write_gz(const char *name, const char *data, size_t len)
{
	struct pl_buf p = unit_join(tmp, name);
	unit_write_gz(p.p, data, len);
	return p.p;
}

/* Reads path with every chunk size 1..len+1 and the default; each must
 * succeed and give want. A gzip file is read whole before it is parsed,
 * and kept by that read unless it holds more than whole_max bytes (here
 * from one byte to all of them): then it is read again. */
static void same_for_every_chunk(const char *path, size_t len, size_t max_field,
				 unsigned char delim, const char *want)
{
	const size_t whole[] = {0, 1, len > 1 ? len - 1 : 1, len ? len : 1};
	for (size_t w = 0; w < sizeof whole / sizeof whole[0]; w++)
		for (size_t chunk = 0; chunk <= len + 1; chunk++) {
			int rc = -2;
			struct pl_csv_error err = {0};
			char *got = read_with(path, chunk, max_field, delim, whole[w], &rc, &err);
			if (rc != 0)
				fail_msg("%s chunk %zu whole_max %zu: rc %d (%s)", path, chunk,
					 whole[w], rc, err.message);
			if (strcmp(got, want) != 0)
				fail_msg("%s chunk %zu whole_max %zu:\n--- got\n%s--- want\n%s", path,
					 chunk, whole[w], got, want);
			free(got);
		}
}

/* pl_csv_read_mem over the same bytes, every chunk size: the same records. */
static void same_from_memory(const char *data, size_t len, size_t max_field, unsigned char delim,
			     const char *want)
{
	for (size_t chunk = 0; chunk <= len + 1; chunk++) {
		struct pl_buf b = {0};
		pl_buf_adds(&b, "");
		struct pl_csv_opts o = {.delim = delim, .chunk = chunk, .max_field = max_field};
		struct pl_csv_error err;
		int rc = pl_csv_read_mem(data, len, &o, collect, &b, &err);
		if (rc != 0 || strcmp(b.p, want) != 0)
			fail_msg("memory, chunk %zu: rc %d\n--- got\n%s--- want\n%s", chunk, rc,
				 b.p, want);
		pl_buf_free(&b);
	}
}

/* The same check on a plain copy, a gzip copy and the bytes in memory. */
static void check(const char *name, const char *data, size_t max_field, unsigned char delim,
		  const char *want)
{
	size_t len = strlen(data);
	same_from_memory(data, len, max_field, delim, want);
	char *plain = write_plain(name, data, len);
	same_for_every_chunk(plain, len, max_field, delim, want);
	struct pl_buf gzname = {0};
	pl_buf_printf(&gzname, "%s.gz", name);
	char *gz = write_gz(gzname.p, data, len);
	same_for_every_chunk(gz, len, max_field, delim, want);
	free(plain);
	free(gz);
	pl_buf_free(&gzname);
}

static void test_quoted_fields(void **state)
{
	(void)state;
	check("quoted.csv",
	      "id,name,note\n"
	      "1,\"Budi, S.Kom\",\"line1\nline2\"\n"
	      "2,\"say \"\"hi\"\"\",x\n"
	      "3,\"\",\"\"\"\"\n"
	      "4,\"a,\"\"b\"\",\nc\",\"\"\"\"\"\"\n",
	      0, 0,
	      "1:[id][name][note]\n"
	      "2:[1][Budi, S.Kom][line1\nline2]\n"
	      "4:[2][say \"hi\"][x]\n"
	      "5:[3][][\"]\n"
	      "6:[4][a,\"b\",\nc][\"\"]\n");
}

static void test_crlf(void **state)
{
	(void)state;
	check("crlf.csv", "a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n", 0, 0,
	      "1:[a][b]\n2:[1][x\r\ny]\n4:[2][3]\n");
	check("crlf-noeol.csv", "a,b\r\n\r\n1,2", 0, 0, "1:[a][b]\n3:[1][2]\n");
}

static void test_missing_final_newline(void **state)
{
	(void)state;
	check("noeol.csv", "a,b\n1,2", 0, 0, "1:[a][b]\n2:[1][2]\n");
	check("noeol-quoted.csv", "a\n\"x,\ny\"", 0, 0, "1:[a]\n2:[x,\ny]\n");
	check("noeol-empty-last.csv", "a,b\n1,", 0, 0, "1:[a][b]\n2:[1][]\n");
	check("one-field.csv", "x", 0, 0, "1:[x]\n");
}

static void test_blank_rows_skipped(void **state)
{
	(void)state;
	check("blank.csv", "\n\na,b\n\n1,2\n\r\n   \n,\n\t\n\"\",\"\"\n3,4\n\n\n", 0, 0,
	      "3:[a][b]\n5:[1][2]\n11:[3][4]\n");
	check("only-blank.csv", "\n\r\n \n,,\n", 0, 0, "");
	check("empty.csv", "", 0, 0, "");
}

static void test_not_trimmed(void **state)
{
	(void)state;
	check("spaces.csv", " a , b \n\tx\t,\" y \"\n", 0, 0, "1:[ a ][ b ]\n2:[\tx\t][ y ]\n");
}

static void test_start_lines(void **state)
{
	(void)state;
	/* A record's line is where it starts: after blank lines, and not
	 * moved by the line breaks inside a quoted field before it. */
	check("lines.csv",
	      "h\n"		/* 1 */
	      "\n"		/* 2 */
	      "\n"		/* 3 */
	      "\"a\nb\n\nc\"\n" /* 4-7 */
	      "\n"		/* 8 */
	      "x,\"\n\"\n"	/* 9-10 */
	      "\"\n\n\n\",y\n"	/* 11-14 */
	      "last\n",		/* 15 */
	      0, 0, "1:[h]\n4:[a\nb\n\nc]\n9:[x][\n]\n11:[\n\n\n][y]\n15:[last]\n");
}

static void test_malformed_resumes(void **state)
{
	(void)state;
	check("malformed.csv",
	      "a,b\n"		 /* 1 */
	      "1,x\"y\n"	 /* 2: a quote inside an unquoted field */
	      "2,3\n"		 /* 3 */
	      "\"abc\"x,1\n"	 /* 4: text after a closing quote */
	      "4,5\n"		 /* 5 */
	      "\"open,6\n"	 /* 6: opens a quote that runs on ... */
	      "7,8\n"		 /* 7 */
	      "9,\"q\"z\n"	 /* 8: ... until this stray quote */
	      "10,11\n"		 /* 9 */
	      "\"never closed\n" /* 10: unbalanced to the end of the file */
	      "12\n",		 /* 11 */
	      0, 0,
	      "1:[a][b]\n2:!CSV_MALFORMED\n3:[2][3]\n4:!CSV_MALFORMED\n5:[4][5]\n"
	      "6:!CSV_MALFORMED\n9:[10][11]\n10:!CSV_MALFORMED\n");
	/* Without a final newline after the bad line. */
	check("malformed-last.csv", "a\n1\"2", 0, 0, "1:[a]\n2:!CSV_MALFORMED\n");
}

static void test_field_too_long(void **state)
{
	(void)state;
	check("long.csv",
	      "a,b\n"
	      "1,123456789012\n"
	      "2,3\n"
	      "\"x\",\"123456789\"\n"
	      "4,5\n"
	      "1234567,x\n"
	      "123456789012345678901234567890\n"
	      "6,7",
	      8, 0,
	      "1:[a][b]\n2:!FIELD_TOO_LONG\n3:[2][3]\n4:!FIELD_TOO_LONG\n5:[4][5]\n"
	      "6:[1234567][x]\n7:!FIELD_TOO_LONG\n8:[6][7]\n");
	/* The default limit (1 MiB) lets a long field through. */
	size_t n = 300000;
	char *big = malloc(n + 16);
	memcpy(big, "a\n", 2);
	memset(big + 2, 'z', n);
	memcpy(big + 2 + n, "\nb\n", 4);
	char *path = write_plain("big.csv", big, strlen(big));
	int rc;
	struct pl_csv_error err;
	char *got = read_with(path, 0, 0, 0, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(strlen(got), strlen("1:[a]\n2:[]\n3:[b]\n") + n);
	assert_memory_equal(got + strlen(got) - 6, "3:[b]\n", 6);
	free(got);
	free(path);
	free(big);
}

/* The limit is max_field bytes: a field of exactly max_field bytes is not
 * "over" it, one byte more is, wherever the field stands (last in the file
 * without a newline too), and however far over it goes. */
static void test_field_at_limit(void **state)
{
	(void)state;
	check("limit.csv", "a,b\n12345678,x\n123456789,x\n", 8, 0,
	      "1:[a][b]\n2:[12345678][x]\n3:!FIELD_TOO_LONG\n");
	check("limit-eof.csv", "a,b\nx,12345678", 8, 0, "1:[a][b]\n2:[x][12345678]\n");
	check("over-eof.csv", "a,b\nx,123456789", 8, 0, "1:[a][b]\n2:!FIELD_TOO_LONG\n");
	/* Far over the limit, then a record that must still be read. */
	struct pl_buf t = {0};
	pl_buf_adds(&t, "a,b\n1,");
	for (int i = 0; i < 3000; i++)
		pl_buf_addc(&t, (char)('a' + i % 26));
	pl_buf_adds(&t, "\n\"2\",\"");
	for (int i = 0; i < 300; i++)
		pl_buf_addc(&t, 'q');
	pl_buf_adds(&t, "\"\n3,4\n");
	check("far-over.csv", t.p, 8, 0,
	      "1:[a][b]\n2:!FIELD_TOO_LONG\n3:!FIELD_TOO_LONG\n4:[3][4]\n");
	pl_buf_free(&t);
}

/* max_fields and max_record bound a whole record (RECORD_TOO_LONG). */
static void test_record_limits(void **state)
{
	(void)state;
	const char *fields = "a,b,c\n1,2,3,4\n5,6,7\n\"x\n\",,,\n8,9,10\n";
	const char *want_fields = "1:[a][b][c]\n2:!RECORD_TOO_LONG\n3:[5][6][7]\n"
				  "4:!RECORD_TOO_LONG\n6:[8][9][10]\n";
	const char *bytes = "abcde,fghij\nabcde,fghijk\nx\n";
	const char *want_bytes = "1:[abcde][fghij]\n2:!RECORD_TOO_LONG\n3:[x]\n";
	struct {
		const char *data, *want;
		size_t max_fields, max_record;
	} c[] = {{fields, want_fields, 3, 0}, {bytes, want_bytes, 0, 10}};
	for (size_t i = 0; i < 2; i++) {
		size_t len = strlen(c[i].data);
		for (size_t chunk = 0; chunk <= len + 1; chunk++) {
			struct pl_buf b = {0};
			pl_buf_adds(&b, "");
			struct pl_csv_opts o = {.chunk = chunk,
						.max_fields = c[i].max_fields,
						.max_record = c[i].max_record};
			struct pl_csv_error err;
			assert_int_equal(pl_csv_read_mem(c[i].data, len, &o, collect, &b, &err), 0);
			if (strcmp(b.p, c[i].want) != 0)
				fail_msg("case %zu chunk %zu:\n--- got\n%s--- want\n%s", i, chunk,
					 b.p, c[i].want);
			pl_buf_free(&b);
		}
	}
}

/* ---- opts.detect: dialect and encoding found from the file ------------- */

struct detected {
	struct pl_buf text;
	struct pl_csv_info info;
};

static int collect_info(void *ctx, const struct pl_csv_record *rec)
{
	struct detected *d = ctx;
	d->info = *rec->info;
	return collect(&d->text, rec);
}

/* Reads len bytes with detect, from memory with every chunk size and from
 * a file; each read must give want and the same info. */
static struct pl_csv_info detect_is(const char *name, const char *data, size_t len,
				    const char *want)
{
	struct pl_csv_info first = {0};
	char *path = write_plain(name, data, len);
	for (size_t chunk = 0; chunk <= len + 2; chunk++) {
		struct detected d = {{0}, {0}};
		pl_buf_adds(&d.text, "");
		struct pl_csv_opts o = {.chunk = chunk, .detect = 1};
		struct pl_csv_error err;
		int rc = chunk <= len ? pl_csv_read_mem(data, len, &o, collect_info, &d, &err)
				      : pl_csv_read(path, &o, collect_info, &d, &err);
		if (rc != 0 || strcmp(d.text.p, want) != 0)
			fail_msg("%s chunk %zu: rc %d (%s)\n--- got\n%s--- want\n%s", name, chunk,
				 rc, rc ? err.message : "", d.text.p, want);
		if (chunk == 0)
			first = d.info;
		assert_int_equal(d.info.delim, first.delim);
		assert_int_equal(d.info.encoding, first.encoding);
		pl_buf_free(&d.text);
	}
	free(path);
	return first;
}

static void test_detect_dialect(void **state)
{
	(void)state;
	const char bom[] = "\xef\xbb\xbfkode;nama\n52.72;Kota Bima\n";
	struct pl_csv_info i =
	    detect_is("bom.csv", bom, sizeof bom - 1, "1:[kode][nama]\n2:[52.72][Kota Bima]\n");
	assert_int_equal(i.bom, 1);
	assert_int_equal(i.delim, ';');
	assert_int_equal(i.sep_line, 0);
	assert_int_equal(i.encoding, PL_ENC_UTF8);
	/* Excel's "sep=" line names the delimiter and is not a record; the
	 * lines keep their physical numbers. */
	const char sep[] = "sep=|\na|b\n1|2\n";
	i = detect_is("sep.csv", sep, sizeof sep - 1, "2:[a][b]\n3:[1][2]\n");
	assert_int_equal(i.sep_line, 1);
	assert_int_equal(i.delim, '|');
	const char tab[] = "a\tb\tc\n1\t2,5\t3\n";
	i = detect_is("tab.csv", tab, sizeof tab - 1, "1:[a][b][c]\n2:[1][2,5][3]\n");
	assert_int_equal(i.delim, '\t');
	/* Without detect a BOM is just bytes of the first field. */
	check("bom-kept.csv",
	      "\xef\xbb\xbf"
	      "a,b\n",
	      0, 0,
	      "1:[\xef\xbb\xbf"
	      "a][b]\n");
}

static void test_detect_encoding(void **state)
{
	(void)state;
	/* Windows-1252 (no valid UTF-8 sequence anywhere): converted. */
	const char cp[] = "nama,kota\nCaf\xe9,Bekasi\n";
	struct pl_csv_info i =
	    detect_is("cp1252.csv", cp, sizeof cp - 1, "1:[nama][kota]\n2:[Caf\xc3\xa9][Bekasi]\n");
	assert_int_equal(i.encoding, PL_ENC_CP1252);
	/* UTF-8 with one damaged byte: only that record is refused. */
	const char bad[] = "a,b\n\xc3\xa9,1\n\xe9x,2\n3,4\n";
	i = detect_is("damaged.csv", bad, sizeof bad - 1,
		      "1:[a][b]\n2:[\xc3\xa9][1]\n3:!ENCODING_INVALID\n4:[3][4]\n");
	assert_int_equal(i.encoding, PL_ENC_UTF8_BAD);
	/* A NUL is never text. */
	const char nul[] = "a,b\n1,x\0y\n2,3\n";
	detect_is("nul.csv", nul, sizeof nul - 1, "1:[a][b]\n2:!ENCODING_INVALID\n3:[2][3]\n");
}

static void test_detect_unsupported(void **state)
{
	(void)state;
	static const struct {
		const char *name, *data;
		size_t len;
	} c[] = {
	    {"utf16.csv",
	     "\xff\xfe"
	     "a\0,\0b\0\n\0",
	     10},
	    {"book.csv", "PK\x03\x04\x14\0\0\0\x08\0", 10},
	};
	for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
		char *path = write_plain(c[k].name, c[k].data, c[k].len);
		struct pl_buf b = {0};
		pl_buf_adds(&b, "");
		struct pl_csv_opts o = {.detect = 1};
		struct pl_csv_error err;
		assert_int_equal(pl_csv_read(path, &o, collect, &b, &err), -1);
		assert_int_equal(err.code, PL_REJ_ENCODING_UNSUPPORTED);
		assert_string_equal(b.p, ""); /* nothing passed */
		pl_buf_free(&b);
		free(path);
	}
}

static void test_other_delimiter(void **state)
{
	(void)state;
	check("semi.csv", "a;b,c\n\"x;y\";2\n", 0, ';', "1:[a][b,c]\n2:[x;y][2]\n");
	check("tab.csv", "a\tb\n1\t\"2\t3\"\n", 0, '\t', "1:[a][b]\n2:[1][2\t3]\n");
}

struct stopper {
	int seen;
};

static int stop_at_second(void *ctx, const struct pl_csv_record *rec)
{
	struct stopper *s = ctx;
	(void)rec;
	return ++s->seen == 2 ? 7 : 0;
}

static void test_callback_stops(void **state)
{
	(void)state;
	const char *data = "a\nb\nc\nd\n";
	char *path = write_plain("stop.csv", data, strlen(data));
	for (size_t chunk = 0; chunk <= 9; chunk++) {
		struct stopper s = {0};
		struct pl_csv_opts o = {.chunk = chunk};
		struct pl_csv_error err;
		assert_int_equal(pl_csv_read(path, &o, stop_at_second, &s, &err), 7);
		assert_int_equal(s.seen, 2);
	}
	/* NULL options mean the defaults. */
	struct stopper s = {0};
	struct pl_csv_error err;
	assert_int_equal(pl_csv_read(path, NULL, stop_at_second, &s, &err), 7);
	free(path);
}

/* ---- lines split without libcsv (pl_csvline.h) ------------------------- */

static uint32_t next_random(uint32_t *x)
{
	/* xorshift32: the same files on every run */
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* A random file of lines that are mostly records in the common form
 * (plain, empty and quoted fields, doubled quotes, delimiters and line
 * breaks inside quotes, now and then a long field), with stray quotes, lone CRs, NULs, spaces next
 * to quotes, blank lines and bytes that are not UTF-8 thrown in. */
static size_t random_csv(uint32_t *x, char *out, size_t cap)
{
	static const char plain[] = "ab ;\t\xc3\xa9";
	static const char junk[] = "\"\r\n \0,;\xff";
	size_t n = 0;
	unsigned lines = next_random(x) % 6;
	for (unsigned l = 0; l < lines && n + 700 < cap; l++) {
		unsigned fields = 1 + next_random(x) % 5;
		for (unsigned f = 0; f < fields && n + 620 < cap; f++) {
			if (f)
				out[n++] = ',';
			unsigned kind = next_random(x) % 4, len = next_random(x) % 7;
			/* Now and then a well-formed field longer than the buffer
			 * libcsv may have for every variant's max_field. */
			int long_field = next_random(x) % 64 == 0;
			if (long_field)
				len = 300;
			if (kind == 0)
				out[n++] = '"';
			for (unsigned i = 0; i < len; i++) {
				uint32_t r = next_random(x);
				if (r % 23 == 0 && !long_field)
					out[n++] = junk[r / 23 % (sizeof junk - 1)];
				else if (kind == 0 && r % 5 == 0 && r % 2)
					out[n++] = ','; /* inside quotes */
				else if (kind == 0 && r % 5 == 0) {
					out[n++] = '"'; /* doubled */
					out[n++] = '"';
				} else
					out[n++] = plain[r % (sizeof plain - 1)];
			}
			if (kind == 0 && next_random(x) % 8)
				out[n++] = '"';
		}
		out[n++] = next_random(x) % 4 ? '\n' : '\r';
		if (out[n - 1] == '\r' && next_random(x) % 2)
			out[n++] = '\n';
	}
	return n;
}

/* Random files read with and without pl_csvline.h, with every option that
 * changes what a line gives (limits, NUL checks with detect, another
 * delimiter) and chunk sizes that cut lines anywhere: the same records. */
static void test_split_same_as_libcsv(void **state)
{
	(void)state;
	const struct pl_csv_opts variants[] = {
	    {.max_field = 0},
	    {.max_field = 3, .max_fields = 4, .max_record = 12},
	    {.detect = 1, .max_field = 5},
	    {.delim = ';', .max_field = 4},
	};
	const size_t chunks[] = {0, 1, 3, 16};
	uint32_t x = 2463534242u;
	char data[4096];
	for (int file = 0; file < 3000; file++) {
		size_t len = random_csv(&x, data, sizeof data);
		for (size_t v = 0; v < sizeof variants / sizeof *variants; v++)
			for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
				struct pl_buf got[2] = {{0}};
				int rc[2];
				for (int only = 0; only < 2; only++) {
					struct pl_csv_opts o = variants[v];
					o.chunk = chunks[c];
					o.libcsv_only = only;
					struct pl_csv_error err;
					pl_buf_adds(&got[only], "");
					rc[only] = pl_csv_read_mem(data, len, &o, collect,
								   &got[only], &err);
				}
				if (rc[0] != rc[1] || strcmp(got[0].p, got[1].p) != 0)
					fail_msg(
					    "file %d, options %zu, chunk %zu: '%.*s'\n--- split\n%s"
					    "--- libcsv\n%s",
					    file, v, chunks[c], (int)len, data, got[0].p, got[1].p);
				pl_buf_free(&got[0]);
				pl_buf_free(&got[1]);
			}
	}
}

static void test_gzip_transparent(void **state)
{
	(void)state;
	/* check() already reads a gzip copy of every input above; here the
	 * file name says nothing: the content decides. */
	const char *data = "kode,nama\n52.72,Kota Bima\n";
	char *gz = write_gz("no-suffix", data, strlen(data));
	size_t n;
	char *raw = unit_read(gz, &n);
	assert_true(n >= 2 && (unsigned char)raw[0] == 0x1f && (unsigned char)raw[1] == 0x8b);
	free(raw);
	same_for_every_chunk(gz, strlen(data), 0, 0, "1:[kode][nama]\n2:[52.72][Kota Bima]\n");
	free(gz);
}

/* A gzip file big enough that a cut lands well inside the deflate data. */
static char *big_gz(size_t *gzlen, struct pl_buf *text)
{
	for (int i = 0; i < 3000; i++)
		pl_buf_printf(text, "%d,inovasi-%d,%d\n", i, i * 7919 % 10007, i * i);
	char *path = write_gz("big.csv.gz", text->p, text->len);
	char *bytes = unit_read(path, gzlen);
	free(path);
	return bytes;
}

/* Reading path fails with code; a gzip file fails having passed nothing
 * (pl_csvread.h: it is read whole before its first record, whether it is
 * kept in memory or read again). */
static void expect_failure(const char *path, size_t chunk, size_t whole_max,
			   enum pl_reject_code code)
{
	int rc = 0;
	struct pl_csv_error err;
	memset(&err, 0x55, sizeof err);
	char *got = read_with(path, chunk, 0, 0, whole_max, &rc, &err);
	if (code == PL_REJ_GZIP_CORRUPT && got[0] != '\0')
		fail_msg("%s: records passed before the failure:\n%.200s", path, got);
	free(got);
	if (rc != -1)
		fail_msg("%s (chunk %zu): rc %d, want -1", path, chunk, rc);
	assert_int_equal(err.code, code);
	assert_true(err.message[0] != '\0');
	assert_non_null(memchr(err.message, '\0', sizeof err.message));
	assert_null(strstr(err.message, tmp)); /* the caller names the file */
}

static void test_gzip_corrupt(void **state)
{
	(void)state;
	size_t n;
	struct pl_buf text = {0};
	char *bytes = big_gz(&n, &text);
	assert_true(n > 1000);
	const size_t chunks[] = {0, 1, 7, 4096};
	/* Cut in half, and cut by only the last 4 bytes (the length trailer). */
	char *half = write_plain("half.csv.gz", bytes, n / 2);
	char *notail = write_plain("notail.csv.gz", bytes, n - 4);
	/* The CRC trailer damaged: the data decompresses but does not check. */
	bytes[n - 6] ^= 0x5a;
	char *badcrc = write_plain("badcrc.csv.gz", bytes, n);
	for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
		for (size_t whole_max = 0; whole_max <= 1; whole_max++) {
			expect_failure(half, chunks[i], whole_max, PL_REJ_GZIP_CORRUPT);
			expect_failure(notail, chunks[i], whole_max, PL_REJ_GZIP_CORRUPT);
			expect_failure(badcrc, chunks[i], whole_max, PL_REJ_GZIP_CORRUPT);
		}
	/* The intact file reads in full. */
	bytes[n - 6] ^= 0x5a;
	char *good = write_plain("good.csv.gz", bytes, n);
	int rc;
	struct pl_csv_error err;
	char *got = read_with(good, 0, 0, 0, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(got, "3000:[2999][inovasi-"));
	assert_null(strstr(got, "3001:"));
	free(got);
	free(good);
	free(half);
	free(notail);
	free(badcrc);
	free(bytes);
	pl_buf_free(&text);
}

static void test_unreadable(void **state)
{
	(void)state;
	struct pl_buf missing = unit_join(tmp, "no-such-file.csv");
	struct stopper s = {0};
	struct pl_csv_error err;
	assert_int_equal(pl_csv_read(missing.p, NULL, stop_at_second, &s, &err), -1);
	assert_int_equal(s.seen, 0);
	assert_int_equal(err.code, PL_REJ_FILE_UNREADABLE);
	assert_string_equal(err.message, strerror(ENOENT));
	pl_buf_free(&missing);
	/* A folder opens but cannot be read. */
	expect_failure(tmp, 0, 0, PL_REJ_FILE_UNREADABLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quoted_fields),	  cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_missing_final_newline), cmocka_unit_test(test_blank_rows_skipped),
	    cmocka_unit_test(test_not_trimmed),		  cmocka_unit_test(test_start_lines),
	    cmocka_unit_test(test_malformed_resumes),	  cmocka_unit_test(test_field_too_long),
	    cmocka_unit_test(test_field_at_limit),	  cmocka_unit_test(test_record_limits),
	    cmocka_unit_test(test_detect_dialect),	  cmocka_unit_test(test_detect_encoding),
	    cmocka_unit_test(test_detect_unsupported),	  cmocka_unit_test(test_other_delimiter),
	    cmocka_unit_test(test_callback_stops),	  cmocka_unit_test(test_gzip_transparent),
	    cmocka_unit_test(test_gzip_corrupt),	  cmocka_unit_test(test_unreadable),
	    cmocka_unit_test(test_split_same_as_libcsv),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
