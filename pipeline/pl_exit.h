/*
 * pl_exit.h: the exit codes every indeks program and run.sh use.
 *
 * They follow sysexits(3) so that cron and systemd report something
 * meaningful; docs/exit-codes.md lists them and tests check them exactly.
 */
#ifndef PL_EXIT_H
#define PL_EXIT_H

enum pl_exit {
	PL_EXIT_OK = 0,          /* the run succeeded */
	PL_EXIT_USAGE = 64,      /* bad command line */
	PL_EXIT_DATAERR = 65,    /* the input stream or methodology is malformed */
	PL_EXIT_NOINPUT = 66,    /* an input file or folder cannot be opened */
	PL_EXIT_SOFTWARE = 70,   /* an invariant failed (e.g. accounting) */
	PL_EXIT_CANTCREAT = 73,  /* an output cannot be created */
	PL_EXIT_IOERR = 74,      /* reading or writing failed part way */
	PL_EXIT_LOCKED = 75,     /* another run holds the lock (run.sh) */
	/* The run finished but rejected more than --max-reject-rate allows:
	 * outputs written, not published. Outside sysexits' 64-78 so it is
	 * never mistaken for one of them. */
	PL_EXIT_REJECTS = 79
};

#endif
