/*
 * pl_method.h: a year's scoring method, loaded from its folder.
 *
 * A methodology folder (methodology/iid-2023/) holds method.conf (key =
 * value settings), indicators.csv (scoring rows with aspect and weight) and
 * predicates.csv (bounds). Nothing about a year is compiled in: the loader
 * reads the folder and checks it is coherent (weights exact to 0.01, rows
 * unique, bounds descending, max_total equal to the maxima of the rows), so
 * a typo in an edited table fails the run with the file and line instead of
 * producing a wrong index. The format is in methodology/README.md.
 *
 * Memory: pl_methods owns everything it loads; pl_methods_free releases it.
 * Errors: pl_methods_load returns -1 with a message in *err.
 */
#ifndef PL_METHOD_H
#define PL_METHOD_H

#include <stddef.h>
#include <stdint.h>

#include "pl_util.h"

enum pl_aspect { PL_ASPECT_SPD, PL_ASPECT_SID };

/* Dispositions an innovation can have; the method says which count where. */
enum pl_disposition {
	PL_DISP_SCORED = 1,
	PL_DISP_DITOLAK = 2,
	PL_DISP_EXCLUDED = 4
};

enum pl_evidence_rule {
	PL_EVIDENCE_VERIFIED_OR_EVIDENCED, /* verified, else claimed if evidenced */
	PL_EVIDENCE_VERIFIED_OR_CLAIMED,   /* verified, else claimed */
	PL_EVIDENCE_VERIFIED_ONLY          /* verified, else 0 */
};

struct pl_indicator {
	char *row;       /* scoring row id: "1", "2a", "16" */
	char *indicator; /* indicator number the row belongs to */
	enum pl_aspect aspect;
	char *variable;
	int64_t weight; /* hundredths */
	int mandatory;
	char *name;
};

struct pl_predicate {
	char *name;
	int64_t from; /* hundredths of IID; 0 means "exactly 0" */
};

struct pl_method {
	char *dir;
	char *name;
	int year;
	int64_t max_total;      /* hundredths */
	int64_t divisor_floor;  /* innovations */
	int64_t jumlah_per;     /* hundredths per counted innovation */
	int64_t jumlah_cap;     /* innovations */
	int64_t gate_min;       /* 0: no basic-services gate */
	char **gate_urusan;     /* lower case */
	size_t ngate;
	unsigned divisor_counts; /* PL_DISP_* bits */
	unsigned jumlah_counts;
	enum pl_evidence_rule evidence_rule;
	int32_t eligible_from, eligible_to; /* YYYYMMDD; 0 for open-ended */
	struct pl_indicator *ind;
	size_t nind;
	int64_t max_level; /* highest level of every row: levels are 0..max_level */
	struct pl_predicate *pred; /* from high to low; the last is 0 */
	size_t npred;
	/* pl_method_row's index, built once every row is loaded: row
	 * positions + 1 by hash of the row id (open addressing), 0 empty. */
	unsigned *row_slot;
	size_t row_mask;
};

struct pl_methods {
	struct pl_method *m;
	size_t n;
};

/* Loads dir, which is either one methodology folder (it has method.conf)
 * or a folder of them; two folders for one year are an error. */
int pl_methods_load(struct pl_methods *ms, const char *dir, struct pl_buf *err);
const struct pl_method *pl_methods_find(const struct pl_methods *ms, int year);
/* The years available, as "2023, 2024", for messages. */
void pl_methods_years(const struct pl_methods *ms, struct pl_buf *out);
void pl_methods_free(struct pl_methods *ms);

/* Index of the indicator row with this id, or -1. Called per answer, so
 * it hashes rather than searches (a linear search while loading). */
int pl_method_row(const struct pl_method *m, const char *row);
/* The same, trying the row at index guess first: a record's answers come
 * in its columns' order, so the row after the previous answer's is nearly
 * always the next one, found without hashing. Any guess is safe. */
static inline int pl_method_row_after(const struct pl_method *m, const char *row, int guess)
{
	/* Inline, and compared here rather than by strcmp: every answer of
	 * every record asks, in validate and in score, and ids are a few
	 * bytes. */
	if (guess >= 0 && (size_t)guess < m->nind) {
		const char *a = m->ind[guess].row, *b = row;
		while (*a && *a == *b)
			a++, b++;
		if (*a == *b)
			return guess;
	}
	return pl_method_row(m, row);
}
/* The predicate of a rounded IID in hundredths. */
const char *pl_method_predicate(const struct pl_method *m, int64_t iid);

#endif
