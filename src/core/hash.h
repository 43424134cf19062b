/*
 * src/core/hash.h -- the one hash function of fil (xxHash XXH3, 64 bits),
 * and a quick mix for short words in in-memory tables.
 *
 * Promise: the same bytes and seed give the same value on every platform,
 * so term keys, ids and sketches are stable across runs and machines.
 */
#ifndef FIL_CORE_HASH_H
#define FIL_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

uint64_t core_hash(const void *data, size_t len, uint64_t seed);

/* A cheap hash of a word (any length, typically short): its first 8
 * bytes, or its first and last 4, or all its bytes, and its length, mixed
 * by one multiplication (Fibonacci hashing: the high bits are the good
 * ones). Words that share those bytes and their length collide, so it is
 * for tables that compare the words themselves, never for stored keys.
 * Inline, with fixed-size loads: its callers hash every token of a text,
 * and a call or a memcpy of a variable length costs more than the hash. */
static inline uint64_t core_hash_word(const char *s, size_t len)
{
    uint64_t x = 0;
    if (len >= 8) {
        memcpy(&x, s, 8);
    } else if (len >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + len - 4, 4);
        x = lo | (uint64_t)hi << 32;
    } else {
        for (size_t i = 0; i < len; i++) {
            x |= (uint64_t)(unsigned char)s[i] << (8 * i);
        }
    }
    return (x ^ (uint64_t)len * 0x2545f4914f6cdd1dull) * 0x9e3779b97f4a7c15ull;
}

#endif
