/*
 * pl_stream.h: the text format between stage programs.
 *
 * One record per line, tab-separated, PostgreSQL COPY text escapes (\t, \n,
 * \r, \\) and \N for a missing field. The first column is the record's kind
 * tag; before the first record of a kind the writer declares its columns in
 * a line "#tag<TAB>col<TAB>col...", and the reader checks that declaration
 * against the schema it was built with, so programs of different versions
 * cannot be chained by accident. The stream opens with "#indeks-stream 1"
 * and closes with "#end": a stream cut short (a stage died) is an error,
 * never a smaller run.
 * docs/stream-format.md has the details and an example.
 *
 * Errors: pl_writer_* return -1 once a write failed (errno is kept);
 * pl_reader_next returns -1 for a malformed stream with a message in
 * r->error naming the line.
 */
#ifndef PL_STREAM_H
#define PL_STREAM_H

#include <stdio.h>

#include "pl_record.h"
#include "pl_util.h"

struct pl_writer {
	FILE *fp;
	unsigned declared; /* bit per kind whose columns were declared */
	int started;
	int failed;
	struct pl_buf line;
};

void pl_writer_init(struct pl_writer *w, FILE *fp);
int pl_writer_put(struct pl_writer *w, const struct pl_group *g);
/* Flushes; returns -1 if any write failed. Does not close fp. */
int pl_writer_finish(struct pl_writer *w);
void pl_writer_free(struct pl_writer *w);

/* Appends s to b with COPY text escapes (NULL as \N). */
void pl_stream_escape(struct pl_buf *b, const char *s);

struct pl_reader {
	FILE *fp;
	unsigned declared;
	unsigned long lineno;
	int ended; /* the end marker was read */
	char *line;     /* getline buffer */
	size_t linecap;
	int have_pending; /* a head line was read ahead of the group it starts */
	struct pl_buf pending;
	struct pl_buf error;
};

void pl_reader_init(struct pl_reader *r, FILE *fp);
/* Reads the next group into g: 1 read, 0 end of stream, -1 error. */
int pl_reader_next(struct pl_reader *r, struct pl_group *g);
void pl_reader_free(struct pl_reader *r);

#endif
