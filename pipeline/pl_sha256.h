/*
 * pl_sha256.h: SHA-256 (FIPS 180-4), for the checksums of a run's
 * manifest and the verify command.
 *
 * Small and dependency-free on purpose: the manifest must be reproducible
 * with the standard sha256sum, and nothing else in the pipeline needs a
 * crypto library. tests/unit/test_sha256.c checks it against the FIPS
 * 180-4 / NIST test vectors.
 *
 * Memory: the context is a plain struct, nothing to free. Errors: only
 * pl_sha256_file can fail (-1 with errno set); the rest cannot.
 */
#ifndef PL_SHA256_H
#define PL_SHA256_H

#include <stddef.h>
#include <stdint.h>

enum { PL_SHA256_LEN = 32, PL_SHA256_HEX = 65 /* 64 digits and a NUL */ };

struct pl_sha256 {
	uint32_t h[8];
	uint64_t bytes;        /* message length so far */
	unsigned char buf[64]; /* a block not yet complete */
	size_t nbuf;
};

void pl_sha256_init(struct pl_sha256 *s);
void pl_sha256_update(struct pl_sha256 *s, const void *data, size_t n);
/* Writes the digest; the context must be initialised again before reuse. */
void pl_sha256_final(struct pl_sha256 *s, unsigned char out[PL_SHA256_LEN]);

/* The digest as 64 lower-case hex digits, as sha256sum prints it. */
void pl_sha256_hex(const unsigned char d[PL_SHA256_LEN], char hex[PL_SHA256_HEX]);
/* One call: the hex digest of n bytes. */
void pl_sha256_hex_of(const void *data, size_t n, char hex[PL_SHA256_HEX]);
/* The hex digest and size of a whole file; -1 with errno if it cannot be
 * opened or read. */
int pl_sha256_file(const char *path, char hex[PL_SHA256_HEX], uint64_t *size);

#endif
