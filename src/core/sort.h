/*
 * src/core/sort.h -- sorting 32-bit keys fast (the per-article hot path),
 * and picking the first few of many items.
 *
 * Promise: core_sort_u32 sorts n keys ascending, using tmp (room for n
 * keys) as scratch. Below CORE_SORT_SMALL keys: insertion sort. Up to
 * CORE_SORT_ONE_PASS keys (an article's terms): one pass by the top byte,
 * then insertion sort, which moves keys only inside their bucket; fast for
 * well-spread keys such as hashes (a bucket holds ~n/256), quadratic in
 * the keys sharing a top byte otherwise. Beyond: an LSD radix sort (four
 * 8-bit passes, O(n)).
 */
#ifndef FIL_CORE_SORT_H
#define FIL_CORE_SORT_H

#include <stddef.h>
#include <stdint.h>

#define CORE_SORT_SMALL    32
#define CORE_SORT_ONE_PASS 2048

void core_sort_u32(uint32_t *a, size_t n, uint32_t *tmp);

/* The same for 64-bit keys (shingle and number hashes): insertion sort,
 * one pass by the top byte then insertion sort, or eight 8-bit passes. */
void core_sort_u64(uint64_t *a, size_t n, uint64_t *tmp);

/* Keys found in both of two ascending arrays of distinct keys: O(na + nb). */
size_t core_count_common_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* The indexes of the first k of n items (size bytes each, from base) in
 * the order of cmp, in that order, into first (room for k); items cmp
 * finds equal keep their order, as in a stable sort. Returns how many:
 * the smaller of n and k. Each item is compared with the k-th so far,
 * and only one that goes before it with more: about n compares when the
 * items come in no order, n k at worst. For reading the first few of
 * many, where a full sort moves every item. */
size_t core_first_k(const void *base, size_t n, size_t size, size_t k,
                    int (*cmp)(const void *, const void *), size_t *first);

#endif
