/*
 * src/core/array.c -- doubling arrays; see array.h.
 */
#include "core/array.h"
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>

#include "fil.h"

int core_array_reserve(void **array, size_t *capacity, size_t need, size_t item_size, size_t first)
{
    if (need <= *capacity) {
        return FIL_OK;
    }
    size_t cap = *capacity ? *capacity : first;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            return FIL_ENOMEM;
        }
        cap *= 2;
    }
    if (cap > SIZE_MAX / item_size) {
        return FIL_ENOMEM;
    }
    void *p = core_realloc(*array, cap * item_size);
    if (!p) {
        return FIL_ENOMEM;
    }
    *array = p;
    *capacity = cap;
    return FIL_OK;
}
