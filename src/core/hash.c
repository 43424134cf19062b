/*
 * src/core/hash.c -- wrapper over xxHash; see hash.h.
 */
#include "core/hash.h"

#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

uint64_t core_hash(const void *data, size_t len, uint64_t seed)
{
    return XXH3_64bits_withSeed(data, len, seed);
}

/* Fixed-size loads: a memcpy of a variable length is a call and a
 * store-forwarding stall, at every token of its callers. */
uint64_t core_hash_word(const char *s, size_t len)
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
