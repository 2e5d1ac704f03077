/*
 * pl_master.h: the master list of regions that submissions are checked
 * against and that every output row comes from.
 *
 * The file is CSV with the columns code, name, level (provinsi, kabupaten
 * or kota) and parent_code (the province of a kabupaten or kota, empty for
 * a province); any other column is ignored here. Codes are Kemendagri
 * dotted codes ("52", "52.72").
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
};

struct pl_master {
	struct pl_region *r; /* sorted by code */
	size_t n;
};

int pl_master_load(struct pl_master *m, const char *path, struct pl_buf *err);
/* The region with this canonical code, or NULL. */
const struct pl_region *pl_master_find(const struct pl_master *m, const char *code);
void pl_master_free(struct pl_master *m);
const char *pl_level_name(enum pl_level level);

#endif
