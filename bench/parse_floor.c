/*
 * parse_floor.c: the floor `make bench` measures indeks against.
 *
 *   parse_floor DIR...
 *
 * Parses every *.csv file under each DIR with libcsv, on one core, with the
 * options the pipeline's reader uses (CSV_STRICT | CSV_STRICT_FINI, comma),
 * and only counts: no copy of a field is kept, nothing is converted. This is
 * the least any program must do to read these bytes with this parser, so a
 * pipeline's time divided by this one says what everything else costs.
 * Prints one line: files, bytes, records, fields. Errors from the parser are
 * counted, not fatal (the data sets are well-formed; a count above zero means
 * they are not).
 *
 * Exit status: 0 done, 64 usage, 66 a folder or file unreadable.
 */
#define _XOPEN_SOURCE 700
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pl_banned.h"

struct counts {
	unsigned long long files, bytes, records, fields, errors;
};

static struct counts total;
static struct csv_parser parser;
/* Large reads: the floor should be the parser, not the system calls. */
static char chunk[1 << 20];

static void on_field(void *s, size_t len, void *ctx)
{
	(void)s;
	(void)len;
	((struct counts *)ctx)->fields++;
}

static void on_record(int c, void *ctx)
{
	(void)c;
	((struct counts *)ctx)->records++;
}

static int has_csv_suffix(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcmp(path + n - 4, ".csv") == 0;
}

static int parse_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "parse_floor: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "parse_floor: cannot read '%s': %s\n", path, strerror(errno));
			close(fd);
			csv_free(&parser);
			return -1;
		}
		if (n == 0)
			break;
		total.bytes += (unsigned long long)n;
		if (csv_parse(&parser, chunk, (size_t)n, on_field, on_record, &total) != (size_t)n) {
			total.errors++;
			break;
		}
	}
	if (csv_fini(&parser, on_field, on_record, &total) != 0)
		total.errors++;
	csv_free(&parser);
	close(fd);
	total.files++;
	return 0;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F && has_csv_suffix(path))
		return parse_file(path) < 0 ? 1 : 0;
	if (type == FTW_DNR || type == FTW_NS) {
		fprintf(stderr, "parse_floor: cannot read '%s'\n", path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: parse_floor DIR...\n", stderr);
		return 64;
	}
	for (int i = 1; i < argc; i++)
		if (nftw(argv[i], visit, 64, FTW_PHYS) != 0) {
			fprintf(stderr, "parse_floor: cannot walk '%s'\n", argv[i]);
			return 66;
		}
	printf("files %llu bytes %llu records %llu fields %llu errors %llu\n", total.files,
	       total.bytes, total.records, total.fields, total.errors);
	return 0;
}
