/*
 * pl_encoding.h: which text encoding a file is in, and making it UTF-8.
 *
 * Agencies send UTF-8 (from current software) and Windows-1252 (from older
 * Excel, which saves "CSV" in the Windows code page). A file is classified
 * once, as a whole, by a scan over all its bytes (pl_enc_scan), because a
 * Windows-1252 file may hold its first accented letter on its last line:
 *
 * - every byte sequence valid UTF-8: UTF-8;
 * - some bytes not valid UTF-8, no valid multi-byte UTF-8 sequence at all,
 *   and every byte defined in Windows-1252: Windows-1252 (converted);
 * - otherwise (valid multi-byte sequences next to invalid bytes, or bytes
 *   Windows-1252 does not define): UTF-8 with damaged bytes. The records
 *   holding them are rejected; nothing is guessed.
 *
 * A NUL byte is never text: it makes a record invalid in every encoding
 * (downstream strings are C strings, and a NUL would cut a value short).
 *
 * Memory: the scanner is a plain struct with no allocation; conversion
 * writes into a caller's buffer. Nothing here fails other than by saying
 * "not valid".
 */
#ifndef PL_ENCODING_H
#define PL_ENCODING_H

#include <stddef.h>

enum pl_encoding {
	PL_ENC_UTF8,      /* valid UTF-8 (or plain ASCII) */
	PL_ENC_CP1252,    /* Windows-1252: convert every field */
	PL_ENC_UTF8_BAD,  /* meant as UTF-8, with bytes that are not */
};

/* Incremental classification; feed the bytes in any pieces. */
struct pl_enc_scan {
	unsigned need;           /* continuation bytes still expected */
	unsigned char lo, hi;    /* range of the next continuation byte */
	unsigned char pend[4];   /* the sequence being read */
	unsigned npend;
	unsigned long long valid_multi; /* complete multi-byte sequences */
	unsigned long long invalid;     /* bytes that are not valid UTF-8 */
	unsigned long long undefined;   /* of those, undefined in Windows-1252 */
	unsigned long long nul;         /* NUL bytes */
};

void pl_enc_scan_init(struct pl_enc_scan *s);
void pl_enc_scan_feed(struct pl_enc_scan *s, const void *data, size_t n);
/* Ends the input: an unfinished sequence at the end counts as invalid. */
void pl_enc_scan_end(struct pl_enc_scan *s);
enum pl_encoding pl_enc_scan_verdict(const struct pl_enc_scan *s);
/* "utf-8", "windows-1252" or "utf-8 (invalid bytes)" */
const char *pl_encoding_name(enum pl_encoding e);

/* Returns 1 when s[0..n) is valid UTF-8 without NUL bytes, else 0 and,
 * when bad is given, the offset of the first offending byte. */
int pl_utf8_valid(const char *s, size_t n, size_t *bad);

/* The UTF-8 length of s[0..n) read as Windows-1252 (at most 3n). */
size_t pl_cp1252_utf8_len(const char *s, size_t n);
/* Converts s[0..n) from Windows-1252 to UTF-8 into out, which holds
 * pl_cp1252_utf8_len(s, n) + 1 bytes; NUL-terminates, returns the length.
 * A byte Windows-1252 leaves undefined becomes U+FFFD (callers classify
 * files first, so a converted file has none). */
size_t pl_cp1252_to_utf8(const char *s, size_t n, char *out);

#endif
