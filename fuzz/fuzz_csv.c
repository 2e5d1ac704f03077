/*
 * fuzz_csv.c: libFuzzer target for the CSV reader and the CSV side of
 * ingest.
 *
 * The first input byte picks the read size (1 to 64 bytes, or the default)
 * so chunk boundaries fall everywhere; the rest is the file. The reader
 * runs alone with detection on: every record must come with a start line
 * that never goes back, and the fields of a record without an error must
 * be valid UTF-8 without NUL. The reader runs again with every line
 * through libcsv (opts.libcsv_only), and must give the same records: the
 * lines pl_csvline.h splits must come out as libcsv would split them.
 * Then ingest reads the same bytes as a .csv
 * file and fuzz_check.h checks what it sends and its accounting.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz`; tests/fuzz/replay.c
 * runs the same function on the kept inputs in `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "pl_csvread.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct order {
	unsigned long last;
	struct pl_buf seen; /* every record as text */
};

/* A record as text: its line, its error, its fields with their lengths. */
static void add_record(struct pl_buf *b, const struct pl_csv_record *rec)
{
	char n[64];
	snprintf(n, sizeof n, "%lu %d %zu:", rec->line, rec->error, rec->nf);
	pl_buf_adds(b, n);
	for (size_t i = 0; i < rec->nf; i++) {
		size_t len = strlen(rec->f[i]);
		snprintf(n, sizeof n, "%zu[", len);
		pl_buf_adds(b, n);
		pl_buf_add(b, rec->f[i], len);
		pl_buf_addc(b, ']');
	}
	pl_buf_addc(b, '\n');
}

static int check_record(void *ctx, const struct pl_csv_record *rec)
{
	struct order *o = ctx;
	FC_ASSERT(rec->line >= 1 && rec->line >= o->last, "a record line going back");
	o->last = rec->line;
	add_record(&o->seen, rec);
	FC_ASSERT(rec->error || rec->nf > 0, "a record without fields");
	FC_ASSERT(!rec->error || rec->nf == 0, "an error record with fields");
	for (size_t i = 0; i < rec->nf; i++)
		FC_ASSERT(pl_utf8_valid(rec->f[i], strlen(rec->f[i]), NULL),
			  "a field that is not UTF-8");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t chunk = 0;
	if (size) {
		chunk = data[0] % 65; /* 0: the default */
		data++;
		size--;
	}
	struct order o = {0};
	struct pl_csv_error err;
	struct pl_csv_opts opts = {.chunk = chunk, .detect = 1, .max_field = 256,
				   .max_fields = 64, .max_record = 2048};
	int rc = pl_csv_read_mem(data, size, &opts, check_record, &o, &err);
	FC_ASSERT(rc == 0 || (rc == -1 && err.code == PL_REJ_ENCODING_UNSUPPORTED),
		  "the reader failed on memory");
	struct order slow = {0};
	opts.libcsv_only = 1;
	int slow_rc = pl_csv_read_mem(data, size, &opts, check_record, &slow, &err);
	FC_ASSERT(slow_rc == rc && strcmp(pl_buf_str(&o.seen), pl_buf_str(&slow.seen)) == 0,
		  "lines split otherwise than by libcsv");
	pl_buf_free(&o.seen);
	pl_buf_free(&slow.seen);
	fc_ingest("fuzz.csv", data, size, chunk);
	return 0;
}
