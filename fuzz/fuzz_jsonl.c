/*
 * fuzz/fuzz_jsonl.c -- the JSONL record reader: the input is a JSONL file,
 * read line by line (src/io/lines.h, lines over 1 KiB skipped) and each
 * line parsed into one reused record (src/io/record.h).
 *
 * Checks: no crash, UB or leak; every line is accounted for; a parsed
 * article has a non-blank title or text, and every string it carries is
 * valid UTF-8 (repair happens before anything else sees the text); the
 * pass-through fields form a JSON object again; an error carries a
 * message.
 */
#include <cjson/cJSON.h>
#include <stdio.h>

#include "fil.h"
#include "fuzz.h"
#include "io/lines.h"
#include "io/record.h"

#define FUZZ_MAX_LINE 1024u

static void check_article(const fil_article *a)
{
    const char *fields[] = {a->id, a->url, a->source, a->lang, a->published, a->title, a->text};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        FUZZ_CHECK(fuzz_is_utf8(fields[i]), "article strings are valid UTF-8");
    }
    FUZZ_CHECK((a->title && a->title[0]) || (a->text && a->text[0]), "title or text present");
    if (a->extra_json) {
        cJSON *extra = cJSON_Parse(a->extra_json);
        FUZZ_CHECK(cJSON_IsObject(extra), "extra_json is a JSON object");
        cJSON_Delete(extra);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0; /* fmemopen wants at least one byte */
    }
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f) {
        return 0;
    }
    io_lines lines;
    io_lines_init(&lines, f, FUZZ_MAX_LINE);
    io_record rec;
    io_record_init(&rec);
    const char *line;
    size_t len;
    for (;;) {
        int rc = io_lines_next(&lines, &line, &len);
        if (rc == FIL_EOF) {
            break;
        }
        FUZZ_CHECK(rc == FIL_OK || rc == FIL_ETOOBIG, "a line or an overlong line");
        FUZZ_CHECK(lines.line_number <= size, "at most one line per byte");
        if (rc == FIL_ETOOBIG) {
            continue;
        }
        FUZZ_CHECK(len <= FUZZ_MAX_LINE, "lines respect the ceiling");
        fil_error err = {0};
        if (io_record_parse_json(&rec, line, len, &err) == FIL_OK) {
            check_article(&rec.article);
        } else {
            FUZZ_CHECK(err.code != FIL_OK && err.message[0], "an error has a message");
        }
    }
    FUZZ_CHECK(lines.bytes_read == size, "every byte is read");
    io_record_free(&rec);
    io_lines_free(&lines);
    fclose(f);
    return 0;
}
