/*
 * pl_files.h: lists the files under an input folder, recursively, in a
 * stable order.
 *
 * Paths are sorted by byte order of their path relative to the folder, so a
 * run reads files in the same order on every machine (file order breaks
 * ties between duplicates). Hidden entries (starting with '.') are skipped;
 * symbolic links to files are followed, links to folders are not (no
 * loops). A sub-folder that cannot be opened is listed as an entry with
 * error set, so the caller can report it and go on.
 *
 * Memory: pl_file_list owns its strings; pl_file_list_free releases them.
 */
#ifndef PL_FILES_H
#define PL_FILES_H

#include <stddef.h>

struct pl_file_entry {
	char *path; /* as given: root/relative */
	char *rel;  /* relative to the root */
	int error;  /* errno when the entry could not be opened, else 0 */
};

struct pl_file_list {
	struct pl_file_entry *e;
	size_t n, cap;
};

/* Lists root (a folder, or a single file). Returns -1 with errno if root
 * itself cannot be opened. */
int pl_file_list_build(struct pl_file_list *l, const char *root);
void pl_file_list_free(struct pl_file_list *l);

#endif
