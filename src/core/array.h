/*
 * src/core/array.h -- growing a plain C array by doubling.
 *
 * Promise: core_array_reserve makes room for at least `need` items of
 * item_size bytes in *array, doubling from `first` as needed; on failure
 * *array and *capacity are unchanged and FIL_ENOMEM is returned, so the
 * caller's data is never lost. The old pointer is dead after a success.
 * Overflow of the byte size is a failure, not a wrap.
 */
#ifndef FIL_CORE_ARRAY_H
#define FIL_CORE_ARRAY_H

#include <stddef.h>

int core_array_reserve(void **array, size_t *capacity, size_t need, size_t item_size, size_t first);

#endif
