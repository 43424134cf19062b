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

uint64_t core_hash(const void *data, size_t len, uint64_t seed);

/* A cheap hash of a word (any length, typically short): its first 8
 * bytes, or its first and last 4, or all its bytes, and its length, mixed
 * by one multiplication (Fibonacci hashing: the high bits are the good
 * ones). Words that share those bytes and their length collide, so it is
 * for tables that compare the words themselves, never for stored keys. */
uint64_t core_hash_word(const char *s, size_t len);

#endif
