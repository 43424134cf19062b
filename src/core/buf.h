/*
 * src/core/buf.h -- growable byte buffer with a ceiling (after curl's dynbuf).
 *
 * Promise: the content is always NUL-terminated; appends either succeed
 * entirely or leave the buffer as it was and return FIL_ENOMEM or
 * FIL_ETOOBIG (past max_bytes).
 * Memory:  the buffer owns data; core_buf_take hands it to the caller, who
 *          frees it with free(); core_buf_free releases it. A pointer from
 *          data is dead after the next append.
 */
#ifndef FIL_CORE_BUF_H
#define FIL_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct core_buf {
    char *data;       /* NULL until the first append */
    size_t len;       /* bytes in use, NUL not counted */
    size_t size;      /* bytes allocated */
    size_t max_bytes; /* ceiling on len; 0 = none */
} core_buf;

void core_buf_init(core_buf *b, size_t max_bytes);
int core_buf_append(core_buf *b, const void *data, size_t len);
int core_buf_append_str(core_buf *b, const char *s);
int core_buf_append_char(core_buf *b, char c);
int core_buf_printf(core_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends v in decimal, as "%llu" would, without printf's cost (the
 * stories JSON writes a few numbers for each entity, quote and date). */
int core_buf_append_uint(core_buf *b, unsigned long long v);
/* Appends s as a JSON string literal, quotes included. */
int core_buf_append_json_string(core_buf *b, const char *s);
/* The same for the len bytes at s (NUL bytes are written as \u0000). */
int core_buf_append_json_stringn(core_buf *b, const char *s, size_t len);
/* Empties the buffer, keeping its memory. */
void core_buf_clear(core_buf *b);
/* Returns the content (never NULL; "" when empty); caller frees with free(). */
char *core_buf_take(core_buf *b);
void core_buf_free(core_buf *b);

#endif
