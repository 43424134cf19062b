/*
 * fuzz/fuzz_html.c -- the web page extractor and the HTML fragment
 * cleaner (src/markup/html.h) on arbitrary bytes.
 *
 * Checks: no crash, UB, leak or hang; extraction either fails with one of
 * its documented codes and leaves the page empty, or gives a text (never
 * NULL) and every string it gives is valid UTF-8; the fragment cleaner
 * succeeds on any input that is not over the size cap and gives UTF-8.
 */
#include "fuzz.h"
#include "markup/html.h"

static void check_page(const markup_page *p)
{
    FUZZ_CHECK(p->text, "an extracted page has a text");
    const char *fields[] = {p->title, p->text, p->published, p->author, p->lang, p->url, p->source};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        FUZZ_CHECK(fuzz_is_utf8(fields[i]), "every field is UTF-8");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fil_error err;
    markup_page page;
    int rc = markup_html_extract((const char *)data, size, &page, &err);
    FUZZ_CHECK(rc == FIL_OK || rc == FIL_ETOOBIG || rc == FIL_EENCODING || rc == FIL_EPARSE ||
                   rc == FIL_EEMPTY,
               "extraction succeeds or fails with a documented code");
    if (rc == FIL_OK) {
        check_page(&page);
    } else {
        FUZZ_CHECK(!page.title && !page.text, "a failed extraction leaves the page empty");
    }
    markup_page_free(&page);

    char *text = NULL;
    rc = markup_html_fragment_text((const char *)data, size, &text, &err);
    FUZZ_CHECK(rc != FIL_OK || (text && fuzz_is_utf8(text)), "fragment text is UTF-8");
    free(text);
    return 0;
}
