/*
 * fuzz/fuzz.h -- what the libFuzzer targets in fuzz/ share.
 *
 * Each target feeds the bytes libFuzzer gives it to one parser of outside
 * input and checks the parser's promises (its header comment) on the
 * result. FUZZ_CHECK turns a broken promise into an abort, which libFuzzer
 * records as a crash with the input that caused it; ASan and UBSan do the
 * same for memory errors, leaks and undefined behaviour.
 */
#ifndef FIL_FUZZ_H
#define FIL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

#define FUZZ_CHECK(cond, what)                                                                     \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: broken promise: %s  [%s]\n", __FILE__, __LINE__, what, #cond); \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* 1 when s is NULL or a NUL-terminated string of valid UTF-8. */
static inline int fuzz_is_utf8(const char *s)
{
    return !s || core_utf8_count_invalid(s, strlen(s), 0) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
