/*
 * src/io/reader.h -- the article readers behind fil_reader_* (see fil.h).
 *
 * Promise: a path names a file, a directory (walked recursively, files
 * with the suffixes listed in fil.h, entries in byte order of their names,
 * so runs are deterministic), or "-" for stdin. Each file is read through
 * zlib, so gzip is inflated transparently, and its kind is told by its
 * first 4 KiB after inflating, not by its name: JSONL when the first
 * non-blank byte is '{'; binary (refused) with a NUL byte; a feed when the
 * root element is rss, feed or rdf:RDF (or any other XML document, which
 * markup/feed.h then refuses); a web page for other markup, or for text
 * with "<html" in those 4 KiB (after a server's stray warning); plain
 * text otherwise. A web page is one article (markup/html.h), a feed one per
 * item (markup/feed.h; fil_article.item numbers them).
 * Every bad record is reported with "path:line: message" (JSONL), "path:
 * item N: message" (feeds) or "path: message" and skipped; the next call
 * goes on with the next record or file.
 * Limits: IO_MAX_LINE_BYTES per JSONL line and per text file,
 *         MARKUP_MAX_PAGE_BYTES per page, MARKUP_MAX_FEED_BYTES per feed
 *         (after inflating), IO_LINES_MAX_INFLATED out of one gzip file.
 */
#ifndef FIL_IO_READER_H
#define FIL_IO_READER_H

#include "fil.h"

#define IO_MAX_LINE_BYTES (8u << 20)

#endif
