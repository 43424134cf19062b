/*
 * src/core/utf8.c -- strict UTF-8; see utf8.h.
 */
#include "core/utf8.h"

#include <string.h>

#include "fil.h"

size_t core_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    int32_t v;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlongs */
        hi = c == 0xED ? 0x9F : 0xBF; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        unsigned char lo_i = i == 1 ? lo : 0x80, hi_i = i == 1 ? hi : 0xBF;
        if (i >= n || s[i] < lo_i || s[i] > hi_i) {
            *cp = -1;
            return i; /* the maximal invalid subpart ends before s[i] */
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* How many bytes from s on are ASCII (at most n). News text is mostly
 * ASCII, so it is skipped 8 bytes at a time. */
static size_t ascii_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        if (w & 0x8080808080808080ULL) {
            break;
        }
    }
    while (i < n && s[i] < 0x80) {
        i++;
    }
    return i;
}

size_t core_utf8_count_invalid(const char *s, size_t n, size_t limit)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0;
    size_t i = 0;
    while (i < n) {
        i += ascii_prefix(p + i, n - i);
        if (i == n) {
            break;
        }
        int32_t cp;
        i += core_utf8_decode(p + i, n - i, &cp);
        if (cp < 0 && ++bad == limit) {
            break;
        }
    }
    return bad;
}

int core_utf8_repair(const char *s, size_t n, core_buf *out, uint32_t *repaired)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        i += ascii_prefix(p + i, n - i);
        if (i == n) {
            break;
        }
        int32_t cp;
        size_t len = core_utf8_decode(p + i, n - i, &cp);
        if (cp < 0) {
            int rc = core_buf_append(out, s + run, i - run);
            if (!rc) {
                rc = core_buf_append(out, replacement, 3);
            }
            if (rc) {
                return rc;
            }
            (*repaired)++;
            run = i + len;
        }
        i += len;
    }
    return core_buf_append(out, s + run, n - run);
}

size_t core_utf8_boundary(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    while (n > 0 && (p[n] & 0xC0) == 0x80) {
        n--;
    }
    return n;
}

size_t core_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
