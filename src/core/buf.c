/*
 * src/core/buf.c -- growable byte buffer; see buf.h.
 */
#include "core/buf.h"
#include "core/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fil.h"

void core_buf_init(core_buf *b, size_t max_bytes)
{
    b->data = NULL;
    b->len = 0;
    b->size = 0;
    b->max_bytes = max_bytes;
}

static int buf_reserve(core_buf *b, size_t extra)
{
    if (b->max_bytes && b->len + extra > b->max_bytes) {
        return FIL_ETOOBIG;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->size) {
        return FIL_OK;
    }
    size_t size_new = b->size ? b->size : 64;
    while (size_new < need) {
        size_new *= 2;
    }
    char *p = core_realloc(b->data, size_new);
    if (!p) {
        return FIL_ENOMEM;
    }
    b->data = p;
    b->size = size_new;
    return FIL_OK;
}

int core_buf_append(core_buf *b, const void *data, size_t len)
{
    int rc = buf_reserve(b, len);
    if (rc) {
        return rc;
    }
    if (len) {
        memcpy(b->data + b->len, data, len);
    }
    b->len += len;
    b->data[b->len] = '\0';
    return FIL_OK;
}

int core_buf_append_str(core_buf *b, const char *s)
{
    return core_buf_append(b, s, strlen(s));
}

int core_buf_append_char(core_buf *b, char c)
{
    return core_buf_append(b, &c, 1);
}

int core_buf_append_uint(core_buf *b, unsigned long long v)
{
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return core_buf_append(b, digits + n, sizeof digits - n);
}

int core_buf_printf(core_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return FIL_EINVAL;
    }
    if ((size_t)n < sizeof small) {
        return core_buf_append(b, small, (size_t)n);
    }
    int rc = buf_reserve(b, (size_t)n);
    if (rc) {
        return rc;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return FIL_OK;
}

/* 1 when one of the 8 bytes of w is a control byte (below 0x20), '"' or
 * a backslash: those JSON escapes. Each test is the classic "a byte below
 * n" word trick (exact as a whole for n <= 128; below 1 is a zero byte of
 * w with the byte sought subtracted out). */
static int word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    uint64_t control = (w - ones * 0x20) & ~w;
    uint64_t zero = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
    return ((control | zero) & high) != 0;
}

int core_buf_append_json_stringn(core_buf *b, const char *s, size_t len)
{
    int rc = core_buf_append_char(b, '"');
    const char *run = s, *stop = s + len;
    for (const char *p = s; !rc && p < stop; p++) {
        uint64_t w;
        /* most text needs no escape: it is checked 8 bytes at a time */
        if (stop - p >= 8 && (memcpy(&w, p, 8), !word_needs_escape(w))) {
            p += 7;
            continue;
        }
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        rc = core_buf_append(b, run, (size_t)(p - run));
        run = p + 1;
        if (rc) {
            break;
        }
        switch (c) {
        case '"': rc = core_buf_append_str(b, "\\\""); break;
        case '\\': rc = core_buf_append_str(b, "\\\\"); break;
        case '\n': rc = core_buf_append_str(b, "\\n"); break;
        case '\t': rc = core_buf_append_str(b, "\\t"); break;
        case '\r': rc = core_buf_append_str(b, "\\r"); break;
        default: rc = core_buf_printf(b, "\\u%04x", c); break;
        }
    }
    if (!rc) {
        rc = core_buf_append(b, run, (size_t)(stop - run));
    }
    return rc ? rc : core_buf_append_char(b, '"');
}

int core_buf_append_json_string(core_buf *b, const char *s)
{
    return core_buf_append_json_stringn(b, s, strlen(s));
}

void core_buf_clear(core_buf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

char *core_buf_take(core_buf *b)
{
    char *p = b->data;
    if (!p) {
        p = core_calloc(1, 1);
    }
    core_buf_init(b, b->max_bytes);
    return p;
}

void core_buf_free(core_buf *b)
{
    free(b->data);
    core_buf_init(b, b->max_bytes);
}
