/*
 * src/io/lines.c -- bounded line reader; see lines.h.
 */
#include "io/lines.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "fil.h"

#ifdef FIL_TEST
#define LINES_CHUNK 64u /* small reads, so refills and overlong-line skips run in tests */
#else
#define LINES_CHUNK (1u << 20)
#endif

void io_lines_init(io_lines *r, gzFile file, size_t max_bytes)
{
    memset(r, 0, sizeof *r);
    r->file = file;
    r->max_bytes = max_bytes;
}

void io_lines_free(io_lines *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Moves unread bytes to the front and reads more. Returns bytes added, 0 at
 * EOF, FIL_EIO (also at every call after bad gzip data) or FIL_ENOMEM.
 * Leaves at least one spare byte past end, so the caller can always
 * terminate the last line in place. */
static long fill(io_lines *r)
{
    if (r->at_eof) {
        return r->failed ? FIL_EIO : 0;
    }
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->size - r->end < LINES_CHUNK) {
        /* doubling keeps a long line linear to read */
        size_t size_new = r->end + LINES_CHUNK > 2 * r->size ? r->end + LINES_CHUNK : 2 * r->size;
        char *p = core_realloc(r->buf, size_new);
        if (!p) {
            return FIL_ENOMEM;
        }
        r->buf = p;
        r->size = size_new;
    }
    size_t room = r->size - r->end - 1;
    z_off_t before = gztell(r->file);
    int got = gzread(r->file, r->buf + r->end, room < INT32_MAX ? (unsigned)room : INT32_MAX);
    if (got <= 0) {
        int code;
        gzerror(r->file, &code);
        r->at_eof = 1;
        r->failed = got < 0 || (code != Z_OK && code != Z_BUF_ERROR);
        r->cut = got == 0 && code == Z_BUF_ERROR; /* zlib's "unexpected end of file" */
        /* bad gzip data: zlib fails the whole call, but the gzip members
         * it finished in it are in the buffer, and counted by gztell */
        z_off_t after = got < 0 ? gztell(r->file) : before;
        if (before < 0 || after <= before) {
            return r->failed ? FIL_EIO : 0;
        }
        got = (int)(after - before);
    }
    size_t n = (size_t)got;
    if (r->bytes_read + n > IO_LINES_MAX_INFLATED && !gzdirect(r->file)) {
        r->at_eof = 1;
        return FIL_ELIMIT;
    }
    r->end += n;
    r->bytes_read += n;
    return (long)n;
}

/* Drops bytes up to and including the next newline; the line was too long. */
static int skip_line(io_lines *r)
{
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl) {
            r->start = (size_t)(nl - r->buf) + 1;
            return FIL_ETOOBIG;
        }
        r->start = r->end;
        long got = fill(r);
        if (got <= 0) {
            return got < 0 ? (int)got : FIL_ETOOBIG;
        }
    }
}

int io_lines_next(io_lines *r, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes past start already known to hold no newline */
    if (!r->buf) {
        long got = fill(r);
        if (got < 0) {
            return (int)got;
        }
    }
    for (;;) {
        char *base = r->buf + r->start;
        size_t avail = r->end - r->start;
        char *nl = avail > scanned ? memchr(base + scanned, '\n', avail - scanned) : NULL;
        size_t n = nl ? (size_t)(nl - base) : avail;
        if (n > r->max_bytes) {
            r->line_number++;
            return skip_line(r);
        }
        if (nl || (r->at_eof && avail > 0)) {
            r->line_number++;
            r->start += nl ? n + 1 : n;
            if (n > 0 && base[n - 1] == '\r') {
                n--;
            }
            base[n] = '\0'; /* safe: the newline or spare room is there */
            *line = base;
            *len = n;
            return FIL_OK;
        }
        scanned = avail;
        long got = fill(r);
        if (got < 0) {
            return (int)got;
        }
        if (got == 0 && r->start == r->end) {
            return r->cut ? FIL_EIO : FIL_EOF;
        }
    }
}

int io_lines_peek(io_lines *r, size_t want, const char **data, size_t *avail)
{
    while (r->end - r->start < want && !r->at_eof) {
        long got = fill(r);
        if (got < 0) {
            return (int)got;
        }
    }
    *data = r->buf ? r->buf + r->start : "";
    *avail = r->end - r->start;
    return FIL_OK;
}

void io_lines_skip(io_lines *r, size_t n)
{
    r->start += n < r->end - r->start ? n : r->end - r->start;
}

int io_lines_rest(io_lines *r, size_t max_bytes, const char **data, size_t *len)
{
    while (!r->at_eof) {
        if (r->end - r->start > max_bytes) {
            return FIL_ETOOBIG;
        }
        long got = fill(r);
        if (got < 0) {
            return (int)got;
        }
    }
    if (r->end - r->start > max_bytes) {
        return FIL_ETOOBIG;
    }
    if (r->failed) {
        return FIL_EIO; /* a whole document is not handed out in part */
    }
    *data = r->buf ? r->buf + r->start : "";
    *len = r->end - r->start;
    if (r->buf) {
        r->buf[r->end] = '\0'; /* fill leaves a spare byte */
    }
    r->start = r->end;
    return FIL_OK;
}
