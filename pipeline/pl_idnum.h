/*
 * pl_idnum.h: numbers as people in Indonesian offices write them.
 *
 * Indonesian notation uses ',' for decimals and '.' for thousands; plain
 * (computer) notation uses '.' for decimals. The rules, in order
 * (docs/normalization.md repeats them):
 *   - both ',' and '.': the last one is the decimal mark, the other groups
 *     thousands in threes ("1.234,56", "1,234.56");
 *   - only '.': if every '.' is followed by exactly three digits it groups
 *     thousands ("2.501" is 2501, "1.234.567"); a single '.' followed by
 *     any other number of digits is a decimal point ("2.5", "250.00");
 *   - only ',': a single ',' is a decimal comma ("2,5"), except when
 *     followed by exactly three digits ("1,234"), which is ambiguous
 *     (Indonesian 1.234 or English 1234) and refused; several are refused;
 *   - an optional leading '-'; nothing else.
 * The result is written in plain notation without grouping: "2501",
 * "1234.56", "2.5", with trailing fractional zeros dropped ("2.0" -> "2").
 */
#ifndef PL_IDNUM_H
#define PL_IDNUM_H

#include <stddef.h>

enum pl_idnum_result { PL_IDNUM_OK = 0, PL_IDNUM_MALFORMED = -1, PL_IDNUM_AMBIGUOUS = -2 };

/* Writes the plain form of s into out (at most n bytes with the NUL). */
enum pl_idnum_result pl_idnum_canonical(const char *s, char *out, size_t n);

#endif
