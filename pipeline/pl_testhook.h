/*
 * pl_testhook.h: named points where a test can stop the program, to kill
 * it there (kill -9) and check what a crash at that moment leaves behind.
 *
 * When the environment variable INDEKS_TEST_PAUSE_AT names the point
 * reached, the process writes its pid to the file INDEKS_TEST_PAUSE_FILE
 * (when set) and stops itself with SIGSTOP: the test waits for the file,
 * then kills the process, or lets it go on with SIGCONT. Without the
 * variable this does nothing, so production runs never stop.
 *
 * Points (docs/operations.md lists them with run.sh's own): mid-stream
 * (emit received its first record), before-commit (every output written
 * to staging), mid-commit (some outputs moved into the run folder, not
 * all).
 */
#ifndef PL_TESTHOOK_H
#define PL_TESTHOOK_H

void pl_testhook(const char *point);

#endif
