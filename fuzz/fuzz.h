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
#include <zlib.h>

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

/* What inflate makes of a gzip file, as zlib's gzread reads it: members
 * one after another while the next two bytes are the gzip magic, anything
 * after the last member ignored. */
typedef enum {
    FUZZ_GZIP_WHOLE,  /* every member ends: gzread delivers exactly the count */
    FUZZ_GZIP_CUT,    /* the last member is cut short: gzread delivers at most
                         the count, and mostly says so (zlib 1.2.13 was seen to
                         give one byte fewer, and no word, of a member cut
                         inside a match) */
    FUZZ_GZIP_CORRUPT /* bad data: gzread fails, having delivered at most it */
} fuzz_gzip_state;

/* The bytes inflate gives from data, counted independently of the
 * reader; *state says how far gzread is bound to the count. */
static inline size_t fuzz_gzip_inflated_size(const uint8_t *data, size_t size,
                                             fuzz_gzip_state *state)
{
    z_stream s = {0};
    unsigned char out[4096];
    size_t total = 0;
    FUZZ_CHECK(inflateInit2(&s, 15 + 16) == Z_OK, "inflate starts");
    s.next_in = (Bytef *)(uintptr_t)data;
    s.avail_in = (uInt)size;
    int rc;
    do {
        s.next_out = out;
        s.avail_out = sizeof out;
        rc = inflate(&s, Z_NO_FLUSH);
        total += sizeof out - s.avail_out;
        if (rc == Z_STREAM_END && s.avail_in >= 2 && s.next_in[0] == 0x1f && s.next_in[1] == 0x8b) {
            inflateReset(&s);
            rc = Z_OK;
        }
    } while (rc == Z_OK);
    *state = rc == Z_STREAM_END  ? FUZZ_GZIP_WHOLE
             : rc == Z_BUF_ERROR ? FUZZ_GZIP_CUT
                                 : FUZZ_GZIP_CORRUPT;
    inflateEnd(&s);
    return total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
