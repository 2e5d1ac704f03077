/*
 * ingest_internal.h: what the ingest modules share.
 *
 * ingest.c walks the input and sends each file to its reader by name:
 * ingest_csv.c (wide, profile and long CSV, any dialect), ingest_xml.c
 * (XML documents). Long-format answers and profile rows cannot be sent
 * when read: they are held by ingest_long.c, which assembles them into
 * records when the whole input has been read (docs/input-format.md, "Long
 * CSV"). Everything here reports through the one sink; a sink failure
 * sets sink_failed and every function then returns -1 at once.
 * ingest_readers.c reads files ahead on other threads, each with an ingest
 * of its own (ingest_fork) whose sink is memory.
 */
#ifndef INGEST_INTERNAL_H
#define INGEST_INTERNAL_H

#include <stddef.h>

#include "ingest.h"
#include "pl_files.h"
#include "pl_headers.h"
#include "pl_xml.h"

struct ingest_long;
struct ingest_csv_memo;

struct ingest {
	struct pl_ctx *ctx;
	struct pl_sink out;
	size_t chunk, max_field, max_xml, max_held;
	const struct pl_headers *headers;
	const struct pl_xml_schema *schema;
	struct pl_group g;       /* the record being built */
	struct pl_group scratch; /* rejects, warnings, src records */
	struct ingest_long *held; /* NULL in a reader thread's (ingest_readers.c) */
	struct ingest_csv_memo *csv_memo; /* ingest_csv.c's, or NULL */
	struct pl_buf csv_keep;           /* pl_csv_opts.keep, from file to file */
	struct pl_buf csv_rows;		  /* a file's answer row names (ingest_csv.c),
					     its memory kept from file to file */
	unsigned jobs;                    /* threads reading files */
	size_t max_ahead;                 /* ingest_opts.max_ahead */
	struct pl_stage (*ahead)(struct pl_ctx *, struct pl_sink); /* ingest_opts.ahead */
	int sink_failed;
};

/* A reader thread's ingest: in's tables and limits, its own group,
 * scratch and header cache, no held store, and out as its sink. A long or
 * profile file read with it fails as if the sink had (-1): it is read
 * again in order with the run's. */
void ingest_fork(struct ingest *reader, const struct ingest *in, struct pl_sink out);
/* Frees what a reader's ingest holds (and the run's group, scratch and
 * header cache: teardown calls it too). */
void ingest_fork_end(struct ingest *reader);

/* Reads one file (or reports it skipped or unreadable: error is its
 * errno) from path, or from memory when path is NULL. */
int ingest_file(struct ingest *in, const char *rel, const char *path, const void *data,
		size_t len, int error);
/* Reads every file of list in order: with in->jobs above 1, on that many
 * threads beside the caller, which puts the records on (ingest_readers.c).
 * Returns 0, or -1 when the sink failed. */
int ingest_read_list(struct ingest *in, const struct pl_file_list *list);

/* Sends a reject or warning about file:line (0: the whole file). */
int ingest_report(struct ingest *in, enum pl_reject_code code, const char *rel,
		  unsigned long line, const struct pl_row *sub, const char *field,
		  const char *value, const char *detail);
/* Sends the src record of a file. */
int ingest_src(struct ingest *in, const char *rel, const char *shape, const char *kind,
	       unsigned long records, const char *status, const char *code, const char *message);
/* Sends in->g (a record). */
int ingest_put(struct ingest *in);

/* Reads a CSV file (path) or CSV bytes in memory (data, when path is NULL). */
int ingest_csv(struct ingest *in, const char *rel, const char *shape, const char *path,
	       const void *data, size_t len);
/* Frees what ingest_csv kept from file to file. */
void ingest_csv_end(struct ingest *in);
/* Reads an XML document from path, or from memory when path is NULL. */
int ingest_xml(struct ingest *in, const char *rel, const char *shape, const char *path,
	       const void *data, size_t len);

/* The held rows of long files and profile files. */
struct ingest_long *ingest_long_new(size_t max_bytes);
void ingest_long_free(struct ingest_long *l);
/* Registers a file whose rows are held; returns its number. */
unsigned ingest_long_file(struct ingest_long *l, const char *rel, const char *shape,
			  const char *kind);
/* The file failed part way (it changed while read): its src says so. */
void ingest_long_file_failed(struct ingest_long *l, unsigned file, const char *code,
			     const char *message);
/* A row of the file that was rejected when read: it counts as a record of
 * its file. */
void ingest_long_count(struct ingest_long *l, unsigned file);
/* A profile row: a whole submission without answers (head fields of g). */
int ingest_long_profile(struct ingest_long *l, unsigned file, unsigned long line,
			const struct pl_row *head);
/* One long row: the key and profile fields in head (kind unset), one answer
 * (row, level, bukti, verif; NULL where the file has no such column). */
int ingest_long_answer(struct ingest_long *l, unsigned file, unsigned long line,
		       const struct pl_row *head, const char *row, const char *level,
		       const char *bukti, const char *verif);
/* Both return 0, or -1 when the memory budget is spent (the row was not
 * taken: the caller rejects it with ASSEMBLY_LIMIT). */

/* Sends every assembled record, its rejects, and the src of every held
 * file. Returns 0, or -1 when the sink failed. */
int ingest_long_finish(struct ingest_long *l, struct ingest *in);

#endif
