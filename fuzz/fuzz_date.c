/*
 * fuzz/fuzz_date.c -- fil_parse_time (src/io/date.h) on arbitrary bytes.
 *
 * Checks: no crash, UB or leak on any text; only the forms date.h lists
 * are accepted (matched here, independently, with a POSIX regular
 * expression); an accepted time lies within a day and a half (the widest
 * zone offset, plus a leap second) of midnight UTC of the date it starts
 * with.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "fil.h"
#include "fuzz.h"
#include "io/date.h"

/* The grammar of date.h: date, optional time with optional seconds and
 * fraction, optional zone. */
static const char iso_form[] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}"
                               "([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2})?([.,][0-9]+)?)?"
                               "([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?$";

static int has_iso_form(const char *text)
{
    regex_t re;
    FUZZ_CHECK(regcomp(&re, iso_form, REG_EXTENDED | REG_NOSUB) == 0, "the grammar compiles");
    int match = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return match;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    int64_t t = 0;
    if (fil_parse_time(text, &t) == FIL_OK) {
        FUZZ_CHECK(has_iso_form(text), "only the documented forms are accepted");
        char day[11];
        memcpy(day, text, 10); /* accepted, so it starts with YYYY-MM-DD */
        day[10] = '\0';
        int64_t midnight = 0;
        FUZZ_CHECK(fil_parse_time(day, &midnight) == FIL_OK, "the date part parses alone");
        FUZZ_CHECK(midnight % 86400 == 0, "a bare date is midnight UTC");
        FUZZ_CHECK(t > midnight - 86400 && t < midnight + 2 * 86400 + 1,
                   "time of day and zone move the instant by less than a day and a half");
    }
    free(text);
    return 0;
}
