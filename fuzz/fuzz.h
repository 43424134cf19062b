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
#include <unistd.h>

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

/* Writes the input to a new temporary file (in $TMPDIR, else /tmp) whose
 * name goes to path; returns its descriptor, rewound. The caller unlinks
 * and closes it. */
static inline int fuzz_temp_file(const uint8_t *data, size_t size, char path[4096])
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, 4096, "%s/fil-fuzz-XXXXXX", dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0, "a temporary file can be made");
    FUZZ_CHECK(write(fd, data, size) == (ssize_t)size, "the input is written");
    FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0, "the file rewinds");
    return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
