/*
 * pl_json.h: just enough JSON writing for summaries and manifests.
 *
 * The caller lays out objects and arrays; these append correctly escaped
 * strings (control characters as \u00XX, UTF-8 passed through) to a buffer.
 */
#ifndef PL_JSON_H
#define PL_JSON_H

#include "pl_util.h"

void pl_json_str(struct pl_buf *b, const char *s);
/* "key": (and a space) with the key escaped. */
void pl_json_key(struct pl_buf *b, const char *key);

#endif
