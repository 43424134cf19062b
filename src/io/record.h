/*
 * src/io/record.h -- one JSONL line or one .txt file to a fil_article.
 *
 * Promise: io_record_parse_json accepts a line that is a JSON object with
 * at least a non-empty "title" or "text" string. Known fields (id, url,
 * source, lang, published, title, text; "time" and "date" are read as
 * published, "language" as lang) fill the article; every other field is
 * kept, untouched, in extra_json. A numeric id is turned into text. When
 * a known name repeats, its last string (for id, string or number) counts.
 * io_record_parse_text takes a whole plain-text article: the first
 * non-empty line is the title, the rest the text.
 * Errors: FIL_EENCODING for binary data (a NUL byte, or invalid UTF-8 in
 *         more than 1 byte in 16), FIL_EPARSE for bad JSON or a non-object,
 *         FIL_EEMPTY for no title and no text, each with a message in err
 *         (without file or line: the caller adds them). Lesser invalid
 *         UTF-8 is repaired with U+FFFD and counted in article->repaired.
 * Memory: the record owns every string the article points to, until the
 *         next parse into it or io_record_free.
 */
#ifndef FIL_IO_RECORD_H
#define FIL_IO_RECORD_H

#include <stddef.h>

#include "core/buf.h"
#include "fil.h"
#include "markup/html.h"

typedef struct io_record {
    fil_article article;
    struct cJSON *json; /* parsed line; owns title, text... */
    char *extra;        /* owned: extra_json */
    core_buf repaired;  /* the line after UTF-8 repair */
    core_buf derived;   /* owned storage for derived strings (id, title of .txt) */
} io_record;

void io_record_init(io_record *rec);
int io_record_parse_json(io_record *rec, const char *line, size_t len, fil_error *err);
int io_record_parse_text(io_record *rec, const char *id, const char *body, size_t len,
                         fil_error *err);
/* Points the article at page's strings (borrowed: page must outlive the
 * article) with the given id (copied; NULL: derived later). The text is
 * checked as io_record_parse_text checks it. */
int io_record_from_page(io_record *rec, const char *id, const markup_page *page, fil_error *err);
void io_record_free(io_record *rec);

#endif
