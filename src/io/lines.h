/*
 * src/io/lines.h -- a line reader over a FILE with a ceiling on line length.
 *
 * Promise: io_lines_next returns each line without its "\n" (and without a
 * trailing "\r"), numbered from 1. A line longer than max_bytes is skipped
 * whole and reported as FIL_ETOOBIG with its number; reading goes on.
 * A final line without "\n" is a line. Embedded NUL bytes are kept (the
 * length says where the line ends).
 * Memory:  the line is borrowed, valid until the next call; the reader
 *          owns its buffer (at most max_bytes plus one read chunk).
 */
#ifndef FIL_IO_LINES_H
#define FIL_IO_LINES_H

#include <stdint.h>
#include <stdio.h>

typedef struct io_lines {
    FILE *file; /* borrowed */
    char *buf;  /* owned; holds unread bytes at [start, end) */
    size_t size, start, end;
    size_t max_bytes;
    uint64_t line_number; /* of the line last returned; 0 before the first */
    uint64_t bytes_read;  /* total consumed from file */
    int at_eof;
} io_lines;

void io_lines_init(io_lines *r, FILE *file, size_t max_bytes);

/* FIL_OK with line and len set, FIL_EOF at the end, FIL_ETOOBIG for an
 * overlong line (skipped), FIL_EIO on a read error, FIL_ENOMEM. */
int io_lines_next(io_lines *r, const char **line, size_t *len);

void io_lines_free(io_lines *r);

#endif
