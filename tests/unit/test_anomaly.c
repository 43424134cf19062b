/*
 * tests/unit/test_anomaly.c -- every allocation failure on the way through
 * the public API is an ordinary error: no crash, no leak (ASan checks at
 * exit), no corrupted state. Built only in the FIL_TEST configuration.
 *
 * Method (after SQLite's malloc tests): run the whole scenario with the
 * allocator failing after n successful allocations, for n = 0, 1, 2, ...
 * until the scenario completes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "core/alloc.h"
#include "fil.h"

static const char *const lines[] = {
    "{\"id\":\"a1\",\"lang\":\"en\",\"published\":\"2026-02-03T08:00:00Z\","
    "\"title\":\"Storm closes the port of Rotterdam\","
    "\"text\":\"High winds closed the port of Rotterdam on Monday.\\nShare\"}",
    "{\"id\":\"a2\",\"source\":\"harbor.example\",\"published\":\"2026-02-03T09:00:00Z\","
    "\"title\":\"Rotterdam port shut by storm\","
    "\"text\":\"The port of Rotterdam was closed by high winds, said Jan de Vries.\"}",
    "{\"url\":\"https://journal.example/a\",\"title\":\"Le port de Rotterdam fermé\","
    "\"text\":\"« Nous attendons », a déclaré M. de Vries à l’AFP.\"}",
    "{\"title\":\"Both ways\",\"extra\":[1,2,3]}",
    "not json at all",
};

/* Reads the articles from a file and clusters them; FIL_OK when all went
 * through, else the first failure. */
static int scenario(const char *path)
{
    fil_error err;
    fil_engine *e = fil_open(NULL, &err);
    if (!e) {
        return err.code;
    }
    fil_reader *r = fil_reader_open(path, &err);
    int rc = r ? FIL_OK : err.code;
    while (!rc) {
        fil_article a;
        int got = fil_reader_next(r, &a, &err);
        if (got == FIL_EOF) {
            break;
        }
        if (got == FIL_ENOMEM) {
            rc = got;
        } else if (got == FIL_OK) {
            fil_assignment as;
            rc = fil_add(e, &a, &as, &err);
        } /* a bad record is skipped, as the CLI does */
    }
    char *json = NULL;
    size_t len;
    if (!rc) {
        rc = fil_events_json(e, &json, &len, &err);
    }
    fil_free(json);
    fil_reader_close(r);
    fil_close(e);
    return rc;
}

int main(void)
{
    const char *path = "test_anomaly.jsonl";
    FILE *f = fopen(path, "w");
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        fprintf(f, "%s\n", lines[i]);
    }
    fclose(f);

    long n = 0;
    int rc, only_enomem = 1;
    for (;; n++) {
        core_alloc_fail_after(n);
        rc = scenario(path);
        core_alloc_fail_after(-1);
        if (rc == FIL_OK) {
            break;
        }
        only_enomem &= rc == FIL_ENOMEM;
        if (n > 1000000) {
            break;
        }
    }
    printf("the scenario needs %ld allocations\n", n);
    CHECK(rc == FIL_OK, "with enough memory the scenario completes");
    CHECK(only_enomem, "every failure before that is reported as FIL_ENOMEM");
    CHECK(n > 50, "the scenario exercised many allocation points");
    remove(path);
    return check_summary("test_anomaly");
}
