/*
 * src/core/hash.h -- the one hash function of fil (xxHash XXH3, 64 bits).
 *
 * Promise: the same bytes and seed give the same value on every platform,
 * so term keys, ids and sketches are stable across runs and machines.
 */
#ifndef FIL_CORE_HASH_H
#define FIL_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t core_hash(const void *data, size_t len, uint64_t seed);

#endif
