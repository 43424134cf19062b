/*
 * fuzz/fuzz_text.c -- the article reader behind fil_reader_* on one file:
 * the input is written to a temporary file, which the reader sniffs (a
 * UTF-8 BOM is skipped; '{' first means JSONL, anything else a plain-text
 * article) and reads to the end (src/io/reader.h, src/io/record.h).
 *
 * Checks: no crash, UB or leak; the reader ends (fewer records than bytes)
 * and reports every byte, BOM included, as consumed (for gzip, every byte
 * inflate gives, counted independently: fuzz.h); an article has a non-blank title or
 * text in valid UTF-8, and a plain-text title holds no line break; every
 * error names the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fil.h"
#include "fuzz.h"

static void check_article(const fil_article *a)
{
    FUZZ_CHECK(fuzz_is_utf8(a->title) && fuzz_is_utf8(a->text), "title and text are UTF-8");
    FUZZ_CHECK((a->title && a->title[0]) || (a->text && a->text[0]), "title or text present");
    if (a->line == 0 && a->title) {
        FUZZ_CHECK(!strchr(a->title, '\n'), "a text article's or a page's title is one line");
    }
}

/* size is the bytes the file holds, inflated; gzip says whether the
 * reader is bound to read exactly that many (fuzz.h). After an error of
 * a ceiling (a file, or a JSONL line, that only gzip data can inflate
 * past) the reader may stop short: no more than size is then asked. */
static void read_all(const char *path, size_t size, fuzz_gzip_state gzip)
{
    fil_error err = {0};
    fil_reader *r = fil_reader_open(path, &err);
    FUZZ_CHECK(r, "the file opens");
    size_t calls = 0;
    int over = 0;
    for (;;) {
        fil_article a;
        int rc = fil_reader_next(r, &a, &err);
        if (rc == FIL_EOF) {
            break;
        }
        calls++;
        FUZZ_CHECK(calls <= size + 1, "the reader ends");
        if (rc == FIL_OK) {
            check_article(&a);
        } else {
            FUZZ_CHECK(strncmp(err.message, path, strlen(path)) == 0, "errors name the file");
            over |= rc == FIL_ETOOBIG || rc == FIL_ELIMIT;
        }
    }
    FUZZ_CHECK(gzip == FUZZ_GZIP_WHOLE && !over ? fil_reader_bytes(r) == size
                                                : fil_reader_bytes(r) <= size,
               "every byte is consumed");
    fil_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4096];
    close(fuzz_temp_file(data, size, path));
    fuzz_gzip_state gzip = FUZZ_GZIP_WHOLE;
    int zipped = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    read_all(path, zipped ? fuzz_gzip_inflated_size(data, size, &gzip) : size, gzip);
    unlink(path);
    return 0;
}
