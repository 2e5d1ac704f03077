/*
 * pl_jsonread.h: reads JSON (RFC 8259) into a tree, for the manifest
 * (verify reads it back) and the summary the manifest copies its
 * accounting from.
 *
 * Strict: one value, nothing after it but white space; no comments, no
 * trailing commas, no leading zeros; strings may not hold raw control
 * characters or \u0000 (values are C strings). Nesting deeper than 64 is
 * refused, so hostile input cannot exhaust the stack. Duplicate keys are
 * kept; pl_json_get returns the first.
 *
 * Memory: every node and string lives in the arena the caller passes;
 * pl_arena_free releases the whole tree. Errors: pl_json_parse returns -1
 * with "line L, column C: what" in *err.
 */
#ifndef PL_JSONREAD_H
#define PL_JSONREAD_H

#include <stddef.h>
#include <stdint.h>

#include "pl_arena.h"
#include "pl_util.h"

enum pl_jtype { PL_J_NULL, PL_J_BOOL, PL_J_NUM, PL_J_STR, PL_J_ARR, PL_J_OBJ };

struct pl_jv {
	enum pl_jtype type;
	/* STR: the decoded string; NUM: the number as written; BOOL: "true"
	 * or "false"; NULL: "null". */
	const char *s;
	size_t n;             /* ARR, OBJ: number of members */
	struct pl_jv *v;      /* ARR, OBJ: the members */
	const char *const *k; /* OBJ: their keys, parallel to v */
};

int pl_json_parse(struct pl_arena *a, const char *text, size_t len, struct pl_jv *out,
		  struct pl_buf *err);
/* The member key of an object; NULL when absent or obj is not an object. */
const struct pl_jv *pl_json_get(const struct pl_jv *obj, const char *key);
/* A member's string; NULL unless it exists and is a string. */
const char *pl_json_get_str(const struct pl_jv *obj, const char *key);
/* A number that is an integer in int64 range: 0, else -1. */
int pl_json_int(const struct pl_jv *v, int64_t *out);
/* Writes v back as compact JSON (numbers as written, keys in order). */
void pl_json_write(struct pl_buf *b, const struct pl_jv *v);

#endif
