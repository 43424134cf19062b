/*
 * src/io/reader.h -- the article readers behind fil_reader_* (see fil.h).
 *
 * Promise: a path names a JSONL file, a plain-text article, a directory of
 * them (walked recursively, entries in byte order of their names, so runs
 * are deterministic), or "-" for stdin. A file is JSONL when its first
 * non-blank byte is '{', plain text otherwise (by content, not by name).
 * Every bad record is reported with "path:line: message" and skipped; the
 * next call goes on with the next record.
 * Limits: IO_MAX_LINE_BYTES per JSONL line and per text file.
 */
#ifndef FIL_IO_READER_H
#define FIL_IO_READER_H

#include "fil.h"

#define IO_MAX_LINE_BYTES (8u << 20)

#endif
