/*
 * fuzz/fuzz_feed.c -- the RSS/Atom/RDF reader and the RFC 822 date
 * converter (src/markup/feed.h) on arbitrary bytes.
 *
 * Checks: no crash, UB, leak or hang; a feed either fails with a
 * documented code and holds no item, or every item's strings are valid
 * UTF-8 and every item has a text (possibly ""); an RFC 822 date that
 * converts gives an ISO-8601 time that fil_parse_time accepts.
 */
#include "fuzz.h"
#include "markup/feed.h"

static void check_rfc822(const uint8_t *data, size_t size)
{
    char text[64], iso[32];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    int64_t t;
    if (markup_feed_rfc822_iso(text, iso, sizeof iso) == FIL_OK) {
        FUZZ_CHECK(fil_parse_time(iso, &t) == FIL_OK, "a converted RFC 822 date is ISO-8601");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fil_error err;
    markup_feed feed = {0};
    int rc = markup_feed_parse((const char *)data, size, &feed, &err);
    FUZZ_CHECK(rc == FIL_OK || rc == FIL_ETOOBIG || rc == FIL_EPARSE || rc == FIL_EENCODING,
               "parsing succeeds or fails with a documented code");
    FUZZ_CHECK(rc == FIL_OK || feed.count == 0, "a failed feed holds no item");
    for (size_t i = 0; i < feed.count; i++) {
        const markup_page *p = &feed.items[i];
        FUZZ_CHECK(p->text, "every item has a text");
        const char *fields[] = {p->title, p->text, p->published, p->author, p->lang, p->url};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
            FUZZ_CHECK(fuzz_is_utf8(fields[k]), "every field is UTF-8");
        }
    }
    markup_feed_free(&feed);
    check_rfc822(data, size);
    return 0;
}
