/*
 * pl_vocab.h: the controlled vocabularies (bentuk, jenis, inisiator,
 * urusan, tahapan, status_verifikasi) and their synonyms, kept as data.
 *
 * The table (master/vocabulary.csv) has one row per accepted value:
 * field, value (the canonical spelling) and also (other spellings,
 * separated by '|'). A written value matches when it equals a value or a
 * synonym after folding: lower case, letters and digits only, so "Uji
 * Coba", "uji-coba" and "UJICOBA" are one spelling. Fields without rows are
 * not controlled.
 *
 * Memory: pl_vocab owns its strings; pl_vocab_free releases them.
 * Errors: pl_vocab_load returns -1 with "file:line: reason" in *err.
 */
#ifndef PL_VOCAB_H
#define PL_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "pl_util.h"

struct pl_vocab_entry {
	char *field;
	char *value;  /* canonical */
	char *folded; /* a spelling, folded: one entry per spelling */
};

/* A controlled field's spellings, sorted by folded spelling, then in file
 * order: what pl_vocab_match searches per record. */
struct pl_vocab_field {
	const char *name;
	const struct pl_vocab_entry **by_folded;
	size_t n;
};

struct pl_vocab {
	struct pl_vocab_entry *e;
	size_t n;
	struct pl_vocab_field *fields; /* built by pl_vocab_load, in file order */
	size_t nfields;
};

int pl_vocab_load(struct pl_vocab *v, const char *path, struct pl_buf *err);
/* Whether the field is controlled. */
int pl_vocab_controls(const struct pl_vocab *v, const char *field);
/* The canonical value the written one means, or NULL when unknown. The
 * first entry in file order wins, should two spellings fold alike. */
const char *pl_vocab_match(const struct pl_vocab *v, const char *field, const char *written);
/* Appends the field's canonical values, comma-separated, for messages. */
void pl_vocab_accepted(const struct pl_vocab *v, const char *field, struct pl_buf *out);
void pl_vocab_free(struct pl_vocab *v);
/* Folds a spelling: lower case, ASCII letters and digits only. */
char *pl_vocab_fold(const char *s);
/* A hash of pl_vocab_fold(s), continuing from h, without making the
 * folded copy: spellings that fold alike hash alike. Not pl_hash's: only
 * its own values are compared. */
uint64_t pl_vocab_fold_hash(uint64_t h, const char *s);

#endif
