/*
 * fuzz/fuzz_jsonl.c -- the JSONL record reader: the input is a JSONL file,
 * read line by line (src/io/lines.h, lines over 1 KiB skipped) and each
 * line parsed into one reused record (src/io/record.h).
 *
 * Checks: no crash, UB or leak; every byte of the file is read (for a
 * gzip file, every byte inflate gives, counted independently: fuzz.h)
 * and corrupt gzip data ends in a read error, as cut data may, whole data
 * never; a parsed
 * article has a non-blank title or text, and every string it carries is
 * valid UTF-8 (repair happens before anything else sees the text); its
 * known fields hold the last value the line gives for them, and the
 * other fields, all of them, pass through as a JSON object; an error
 * carries a message.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <unistd.h>
#include <zlib.h>

#include "fil.h"
#include "fuzz.h"
#include "io/lines.h"
#include "io/record.h"

#define FUZZ_MAX_LINE 1024u

/* The field a known name fills (record.h), as an index into the array
 * check_fields builds; -1 for other names. */
static int field_of(const char *name)
{
    static const char *const names[] = {"id",        "url",  "source", "lang",  "language",
                                        "published", "time", "date",   "title", "text"};
    static const int slots[] = {0, 1, 2, 3, 3, 4, 4, 4, 5, 6};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], name) == 0) {
            return slots[i];
        }
    }
    return -1;
}

/* The article's known fields are what the line says, read independently:
 * for each name the last string given (for "id" also a number, as text);
 * other names, and only they, pass through in extra_json. */
static void check_fields(const io_record *rec)
{
    const fil_article *a = &rec->article;
    const char *got[] = {a->id, a->url, a->source, a->lang, a->published, a->title, a->text};
    char want[7][512] = {{0}};
    int set[7] = {0}, others = 0;
    cJSON *line = cJSON_ParseWithLength(rec->repaired.data, rec->repaired.len);
    for (cJSON *item = line ? line->child : NULL; item; item = item->next) {
        int k = field_of(item->string);
        others += k < 0;
        if (k >= 0 && cJSON_IsString(item)) {
            snprintf(want[k], sizeof want[k], "%s", item->valuestring);
            set[k] = 1;
        } else if (k == 0 && cJSON_IsNumber(item)) {
            snprintf(want[k], sizeof want[k], "%.0f", item->valuedouble);
            set[k] = 1;
        }
    }
    for (int k = 0; k < 7; k++) {
        FUZZ_CHECK(!set[k] == !got[k], "a known field is set when the line gives it");
        FUZZ_CHECK(!set[k] || strncmp(got[k], want[k], sizeof want[k] - 1) == 0,
                   "a known field holds the last value the line gives");
    }
    cJSON *extra = a->extra_json ? cJSON_Parse(a->extra_json) : NULL;
    FUZZ_CHECK(!a->extra_json || cJSON_IsObject(extra), "extra_json is a JSON object");
    FUZZ_CHECK(cJSON_GetArraySize(extra) == others, "every other field passes through");
    cJSON_Delete(extra);
    cJSON_Delete(line);
}

static void check_article(const io_record *rec)
{
    const fil_article *a = &rec->article;
    const char *fields[] = {a->id, a->url, a->source, a->lang, a->published, a->title, a->text};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        FUZZ_CHECK(fuzz_is_utf8(fields[i]), "article strings are valid UTF-8");
    }
    FUZZ_CHECK((a->title && a->title[0]) || (a->text && a->text[0]), "title or text present");
    check_fields(rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the line reader reads through zlib (plain files pass through), so
     * the bytes go to a temporary file it can open */
    char path[4096];
    int fd = fuzz_temp_file(data, size, path);
    unlink(path);
    gzFile f = gzdopen(fd, "rb");
    FUZZ_CHECK(f != NULL, "zlib opens the file");
    io_lines lines;
    io_lines_init(&lines, f, FUZZ_MAX_LINE);
    fuzz_gzip_state gzip = FUZZ_GZIP_WHOLE;
    size_t inflated = gzdirect(f) ? size : fuzz_gzip_inflated_size(data, size, &gzip);
    int failed = 0;
    io_record rec;
    io_record_init(&rec);
    const char *line;
    size_t len;
    for (;;) {
        int rc = io_lines_next(&lines, &line, &len);
        if (rc == FIL_EOF) {
            break;
        }
        if (rc == FIL_EIO) {
            FUZZ_CHECK(gzip != FUZZ_GZIP_WHOLE, "a read error only on corrupt or cut gzip data");
            failed = 1;
            break;
        }
        FUZZ_CHECK(rc == FIL_OK || rc == FIL_ETOOBIG, "a line or an overlong line");
        FUZZ_CHECK(lines.line_number <= lines.bytes_read, "at most one line per byte");
        if (rc == FIL_ETOOBIG) {
            continue;
        }
        FUZZ_CHECK(len <= FUZZ_MAX_LINE, "lines respect the ceiling");
        fil_error err = {0};
        if (io_record_parse_json(&rec, line, len, &err) == FIL_OK) {
            check_article(&rec);
        } else {
            FUZZ_CHECK(err.code != FIL_OK && err.message[0], "an error has a message");
        }
    }
    FUZZ_CHECK(gzip == FUZZ_GZIP_WHOLE ? lines.bytes_read == inflated
                                       : lines.bytes_read <= inflated,
               "every byte is read");
    FUZZ_CHECK(failed || gzip != FUZZ_GZIP_CORRUPT, "corrupt gzip data ends in a read error");
    io_record_free(&rec);
    io_lines_free(&lines);
    gzclose(f);
    return 0;
}
