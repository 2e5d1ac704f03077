/*
 * pl_simd.h: what the SSE2 scans of short strings share.
 *
 * Fields are a few bytes long, so finding a field's end or its first
 * special byte 16 bytes at a time beats the C library's calls only when
 * the first load needs no set-up: a 16-byte load at the field's start,
 * which may read past its terminating NUL. That is safe while the 16
 * bytes stay within the field's page (x86 pages are 4 KiB or larger),
 * as the C library's own string functions rely on; functions that do it
 * are marked PL_READS_PAST_END, so that the sanitizers, which would see a
 * read of bytes that belong to no object of ours, leave them alone. Where
 * the bytes would cross a page, callers fall back to a byte loop.
 *
 * emmintrin.h includes <stdlib.h>, whose inline functions pl_banned.h's
 * macros break: a file including this one includes <stdlib.h> before
 * pl_util.h.
 */
#ifndef PL_SIMD_H
#define PL_SIMD_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define PL_SIMD 1
#endif

#define PL_READS_PAST_END __attribute__((no_sanitize_address, no_sanitize_thread))

/* Whether the 16 bytes at p lie within one page. */
static inline int pl_simd_in_page(const void *p)
{
	return ((uintptr_t)p & 4095) <= 4096 - 16;
}

#endif
