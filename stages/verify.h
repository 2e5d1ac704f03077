/*
 * verify.h: checks a run folder against its manifest.json: every output
 * listed must be there with the size and sha256 recorded, and no other
 * output may be there. The warehouse load runs it before loading.
 *
 * Reports one line per problem on out, then one closing line:
 *   MISSING NAME          listed, not in the folder
 *   MISMATCH NAME: ...    a different size or sha256 (both given)
 *   UNREADABLE NAME: ...  there, but cannot be read
 *   EXTRA NAME            an output the manifest does not list
 *
 * Returns an exit code (pl_exit.h): 0 when everything matches;
 * PL_EXIT_DATAERR when anything differs, or the manifest is malformed
 * (*err says where); PL_EXIT_NOINPUT when the run folder or its manifest
 * does not exist; PL_EXIT_IOERR when the manifest cannot be read. Memory: nothing is kept after it returns.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdio.h>

#include "pl_util.h"

int verify_run(const char *run_dir, FILE *out, struct pl_buf *err);

#endif
