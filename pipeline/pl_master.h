/*
 * pl_master.h: the master list of regions that submissions are checked
 * against and that every output row comes from.
 *
 * The file is CSV with the columns code, name, level (provinsi, kabupaten
 * or kota) and parent_code (the province of a kabupaten or kota, empty for
 * a province). Any other column is a tag (perbatasan, tertinggal, ...): a
 * region with 1, ya or yes there belongs to that tag's ranking cluster. Codes are Kemendagri
 * dotted codes ("52", "52.72").
 *
 * Beside the list, two optional files in the same folder are loaded when
 * present: legacy-codes.csv (old_code,new_code,name: codes retired when
 * provinces split, mapped to today's code) and region-aliases.csv
 * (alias,code: names people use that are not the official one, such as
 * "DKI Jakarta"). pl_master_resolve uses all three to turn what a
 * submission wrote into a region, never guessing (docs/normalization.md).
 *
 * Memory: pl_master owns its regions; pl_master_free releases them.
 * Errors: pl_master_load returns -1 with "file:line: reason" in *err.
 */
#ifndef PL_MASTER_H
#define PL_MASTER_H

#include <stddef.h>

#include "pl_util.h"

enum pl_level { PL_LEVEL_PROVINSI, PL_LEVEL_KABUPATEN, PL_LEVEL_KOTA, PL_LEVEL_COUNT };

struct pl_region {
	char *code;
	char *name;
	enum pl_level level;
	char *province; /* the province's code; its own code for a province */
	char *bare;     /* name folded, without its level prefix: "bima" */
	unsigned char *tagged; /* per master tag: 1 if the region has it */
	size_t namesakes; /* regions with this bare name, itself included */
};

struct pl_legacy {
	char *old_code, *new_code;
};

struct pl_alias {
	char *folded; /* the alias, folded */
	const struct pl_region *region;
};

struct pl_master {
	struct pl_region *r; /* sorted by code */
	size_t n;
	struct pl_legacy *legacy;
	size_t nlegacy;
	struct pl_alias *alias;
	size_t nalias;
	char **tags;     /* the tag columns, in file order */
	size_t ntags;
	size_t *tag_col; /* their columns in the file */
	/* pl_master_resolve's indexes, built by pl_master_load: the regions
	 * by bare name then code, the aliases by folded name then file order. */
	const struct pl_region **by_bare;
	const struct pl_alias **alias_by_name;
};

enum pl_resolve {
	PL_RESOLVE_OK,        /* region found (maybe through a legacy code) */
	PL_RESOLVE_NONE,      /* neither code nor name given */
	PL_RESOLVE_UNKNOWN,   /* the code, or the name, matches no region */
	PL_RESOLVE_AMBIGUOUS, /* the name alone fits several regions */
	PL_RESOLVE_MISMATCH   /* the code's region is not the one the name says */
};

enum { PL_RESOLVE_MAX_CANDIDATES = 8 };

struct pl_resolution {
	const struct pl_region *region;   /* when OK, or the code's region on MISMATCH */
	const char *legacy_code;          /* the retired code that was mapped, or NULL */
	const struct pl_region *candidates[PL_RESOLVE_MAX_CANDIDATES];
	size_t ncandidates;               /* AMBIGUOUS: who fits; MISMATCH: who the name is */
};

int pl_master_load(struct pl_master *m, const char *path, struct pl_buf *err);
/* Resolves a canonical code (or NULL/"") and a name as written (or
 * NULL/""): the code decides, the name must agree with it. */
enum pl_resolve pl_master_resolve(const struct pl_master *m, const char *code, const char *name,
				  struct pl_resolution *out);
/* Folds a region name for comparison: lower case, letters and digits
 * only, "kep." read as "kepulauan"; the level prefix ("Kabupaten", "Kab.",
 * "Kota", "Provinsi", or a trailing ", Kota") is removed and returned in
 * *level (-1 when none). The caller frees the result. */
char *pl_region_fold(const char *name, int *level);
/* The region with this canonical code, or NULL. */
const struct pl_region *pl_master_find(const struct pl_master *m, const char *code);
/* The same, trying *last first and remembering what it finds there:
 * records come file by file, so most ask for the region the one before
 * asked for, and one comparison replaces a bisection. *last starts NULL
 * and belongs to its caller's thread. */
const struct pl_region *pl_master_find_near(const struct pl_master *m,
					    const struct pl_region **last, const char *code);
void pl_master_free(struct pl_master *m);
const char *pl_level_name(enum pl_level level);

#endif
