/*
 * src/io/lines.h -- a line reader over a file, gzip-compressed or not, with
 * a ceiling on line length and on inflated size.
 *
 * Promise: io_lines_next returns each line without its "\n" (and without a
 * trailing "\r"), numbered from 1. A line longer than max_bytes is skipped
 * whole and reported as FIL_ETOOBIG with its number; reading goes on.
 * A final line without "\n" is a line. Embedded NUL bytes are kept (the
 * length says where the line ends).
 * The file is read through zlib, which inflates gzip data and passes
 * other bytes through unchanged. More than IO_LINES_MAX_INFLATED bytes out
 * of a gzip file is FIL_ELIMIT (a zip bomb): the rest is not read. Bad
 * gzip data is FIL_EIO, at every call once the lines before it are read:
 * all those of gzip members that ended before it, but what the read that
 * met it had inflated of its own member is lost (zlib does not say how
 * much of that was good); io_lines_rest then hands out nothing. A gzip
 * file cut short (zlib says so for most) gives its lines, the last one
 * as far as it goes, then FIL_EIO with cut set where the end would be;
 * io_lines_rest hands out what there is, as of a page cut short.
 * io_lines_peek shows the bytes ahead without consuming them (to tell the
 * kind of a file); io_lines_rest hands over everything left at once.
 * Memory:  the line is borrowed, valid until the next call; the reader
 *          owns its buffer (at most max_bytes plus one read chunk).
 */
#ifndef FIL_IO_LINES_H
#define FIL_IO_LINES_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#define IO_LINES_MAX_INFLATED ((uint64_t)1 << 30)

typedef struct io_lines {
    gzFile file; /* borrowed */
    char *buf;   /* owned; holds unread bytes at [start, end) */
    size_t size, start, end;
    size_t max_bytes;
    uint64_t line_number; /* of the line last returned; 0 before the first */
    uint64_t bytes_read;  /* total consumed from file */
    int at_eof;
    int failed; /* zlib failed on bad data; what came before it is in buf */
    int cut;    /* the gzip data ended inside a member (read to its end) */
} io_lines;

void io_lines_init(io_lines *r, gzFile file, size_t max_bytes);

/* FIL_OK with line and len set, FIL_EOF at the end, FIL_ETOOBIG for an
 * overlong line (skipped), FIL_EIO on a read error, FIL_ELIMIT past the
 * inflated ceiling, FIL_ENOMEM. */
int io_lines_next(io_lines *r, const char **line, size_t *len);

/* Up to want bytes ahead (fewer at the end of the file), not consumed;
 * borrowed until the next call. FIL_OK or a read error as above. */
int io_lines_peek(io_lines *r, size_t want, const char **data, size_t *avail);

/* Consumes n bytes of those io_lines_peek showed. */
void io_lines_skip(io_lines *r, size_t n);

/* Everything left in the file, NUL-terminated (borrowed until the next
 * call); FIL_ETOOBIG when it is over max_bytes (the rest is then not
 * read), or a read error as above. */
int io_lines_rest(io_lines *r, size_t max_bytes, const char **data, size_t *len);

void io_lines_free(io_lines *r);

#endif
