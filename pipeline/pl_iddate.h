/*
 * pl_iddate.h: dates as people and spreadsheets write them.
 *
 * Accepted forms (docs/normalization.md has the rules and examples):
 *   - ISO: 2023-07-28, and 2023/07/28;
 *   - day first, as Indonesia writes: 28/07/2023, 28-07-2023, 28.07.2023,
 *     with one- or two-digit day and month; a two-digit year is 2000+YY
 *     (28-07-23 is 2023-07-28), since no submission predates 2000;
 *   - day, month name, year: 28 Juli 2023, 28 Jul 2023, 28 July 2023,
 *     Indonesian or English names, full or abbreviated, any case;
 *   - a spreadsheet serial number (Excel's 1900 system, 45135 is
 *     2023-07-28), between 25569 (1970-01-01) and 73050 (2099-12-31), with
 *     an optional fraction of a day for the time;
 * each optionally followed by a time hh:mm or hh:mm:ss (after a space or,
 * for ISO, a 'T'). What cannot be read, or names a day that does not exist
 * (31 Februari), is MALFORMED; a day-first date whose month is over 12
 * while the day is not (07/28/2023: month first?) is AMBIGUOUS. Nothing is
 * guessed.
 */
#ifndef PL_IDDATE_H
#define PL_IDDATE_H

#include <stddef.h>

enum pl_iddate_result { PL_IDDATE_OK = 0, PL_IDDATE_MALFORMED = -1, PL_IDDATE_AMBIGUOUS = -2 };

enum { PL_IDDATE_BUF = 32 }; /* "YYYY-MM-DD hh:mm:ss", NUL, and room */

/* Writes the canonical form: "YYYY-MM-DD", or "YYYY-MM-DD hh:mm:ss" when
 * a time was given and allow_time is set (a time where none is allowed is
 * MALFORMED). */
enum pl_iddate_result pl_iddate_canonical(const char *s, int allow_time,
					  char out[PL_IDDATE_BUF]);

#endif
