/*
 * src/core/utf8.h -- UTF-8 decoding, validation and repair.
 *
 * Promise: strict RFC 3629 decoding (no overlongs, no surrogates, nothing
 * past U+10FFFF). Repair replaces each maximal invalid subpart with U+FFFD,
 * as Unicode recommends (chapter 3, "U+FFFD substitution of maximal
 * subparts"), so the same bytes always repair the same way.
 * Used by:  io (readers validate before anything else sees the text) and
 *           text (tokenizer decoding).
 */
#ifndef FIL_CORE_UTF8_H
#define FIL_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes (1-4) and sets *cp, or returns the length of the invalid subpart
 * (>= 1) and sets *cp to -1. n must be > 0. */
size_t core_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Number of invalid subparts in s; 0 means valid UTF-8. Stops counting at
 * limit when limit > 0. */
size_t core_utf8_count_invalid(const char *s, size_t n, size_t limit);

/* Appends s to out with every invalid subpart replaced by U+FFFD; adds the
 * number replaced to *repaired. Returns FIL_OK or the buffer's error. */
int core_utf8_repair(const char *s, size_t n, core_buf *out, uint32_t *repaired);

/* Largest length <= n that does not cut a multi-byte sequence of valid s;
 * s must hold more than n bytes (the byte at s[n] is read). */
size_t core_utf8_boundary(const char *s, size_t n);

/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t core_utf8_encode(int32_t cp, char *out);

#endif
