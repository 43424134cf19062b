/*
 * src/core/sort.h -- sorting 32-bit keys fast (the per-article hot path).
 *
 * Promise: core_sort_u32 sorts n keys ascending with an LSD radix sort
 * (four 8-bit passes, O(n)), using tmp (room for n keys) as scratch.
 * For n below CORE_SORT_SMALL it uses insertion sort instead.
 */
#ifndef FIL_CORE_SORT_H
#define FIL_CORE_SORT_H

#include <stddef.h>
#include <stdint.h>

#define CORE_SORT_SMALL 32

void core_sort_u32(uint32_t *a, size_t n, uint32_t *tmp);

/* Keys found in both of two ascending arrays of distinct keys: O(na + nb). */
size_t core_count_common_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
