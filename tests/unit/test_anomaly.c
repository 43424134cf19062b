/*
 * tests/unit/test_anomaly.c -- every allocation failure on the way through
 * the public API is an ordinary error: no crash, no leak (ASan checks at
 * exit), no corrupted state. Built only in the FIL_TEST configuration.
 * The input is a directory with JSONL, a web page and a feed, so the
 * readers, the HTML extractor and the feed reader are all on the path.
 *
 * Method (after SQLite's malloc tests): run the whole scenario with the
 * allocator failing after n successful allocations, for n = 0, 1, 2, ...
 * until the scenario completes.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

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

/* A web page and a feed, read from the same directory as the JSONL. */
static const char page_html[] =
    "<html lang=\"en\"><head><title>Port reopens</title>"
    "<meta property=\"article:published_time\" content=\"2026-02-04T08:00:00Z\"></head><body>"
    "<nav><a href=\"/\">Home</a></nav><div class=\"story\"><p>The port of Rotterdam reopened "
    "on Tuesday, a day after the storm, and the first ships came in.</p><p>Nobody was hurt, "
    "said Jan de Vries.</p></div><div class=\"share\">Share</div></body></html>";
static const char feed_rss[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><language>nl</language>"
    "<item><title>Haven van Rotterdam weer open</title><description>&lt;p&gt;De haven is weer "
    "open.&lt;/p&gt;</description><pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate></item>"
    "<item><title>Schepen varen weer</title><pubDate>someday</pubDate></item></channel></rss>";

/* Articles for similarity and near-duplicates: a dispatch, its copy with a
 * footer (published earlier, arriving later), and a French report. */
static const fil_article pieces[] = {
    {.id = "d1",
     .lang = "en",
     .published = "2026-02-03T10:00:00Z",
     .title = "Storm closes the port of Rotterdam",
     .text = "High winds closed the port of Rotterdam on Monday, and ships waited at sea. "
             "\"We expect to reopen the port by Tuesday morning\", said Jan de Vries, a spokesman. "
             "\"Nobody was hurt in the harbour tonight\", he added."},
    {.id = "d2",
     .source = "copy.example",
     .published = "2026-02-03T08:00:00Z",
     .title = "Rotterdam port closed by storm",
     .text = "High winds closed the port of Rotterdam on Monday, and ships waited at sea. "
             "\"We expect to reopen the port by Tuesday morning\", said Jan de Vries, a spokesman. "
             "\"Nobody was hurt in the harbour tonight\", he added.\nShare this article"},
    {.id = "d3",
     .url = "https://journal.example/b",
     .title = "Le port de Rotterdam ferm\xc3\xa9",
     .text = "\xc2\xab Nous attendons la r\xc3\xa9ouverture demain \xc2\xbb, a d\xc3\xa9"
             "clar\xc3\xa9 M. de Vries \xc3\xa0 l\xe2\x80\x99"
             "AFP."},
};

/* Scores two articles with the reasons, then runs near-duplicate
 * detection over all of them and reads back every lineage. */
static int similarity_and_dedup(fil_engine *e)
{
    fil_error err;
    fil_similarity_result sim;
    int rc = fil_similarity(e, &pieces[0], &pieces[2], FIL_SIMILARITY_WHY, &sim, &err);
    fil_free(sim.why);
    if (rc) {
        return rc;
    }
    fil_dedup *d = fil_dedup_open(NULL, &err);
    if (!d) {
        return err.code;
    }
    size_t n = sizeof pieces / sizeof pieces[0];
    fil_duplicate dup;
    for (size_t i = 0; !rc && i < n; i++) {
        rc = fil_dedup_add(d, &pieces[i], &dup, &err);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        rc = fil_dedup_get(d, i, &dup);
    }
    fil_dedup_close(d);
    return rc;
}

/* Finds the dates of every piece and merges them into a timeline. */
static int dates_and_timeline(fil_engine *e)
{
    fil_error err;
    fil_timeline *t = fil_timeline_new();
    int rc = t ? FIL_OK : FIL_ENOMEM;
    for (size_t i = 0; !rc && i < sizeof pieces / sizeof pieces[0]; i++) {
        fil_date_list l;
        rc = fil_dates(e, &pieces[i], &l, &err);
        rc = rc ? rc : fil_timeline_add(t, pieces[i].id, pieces[i].source, &l, &err);
        fil_free(l.dates);
    }
    char *json = NULL;
    size_t len;
    rc = rc ? rc : fil_timeline_json(t, &json, &len, &err);
    fil_free(json);
    fil_timeline_free(t);
    return rc;
}

/* Finds the entities of every piece (the first call builds the
 * gazetteer, thousands of names: its failures are covered too). */
static int entities(fil_engine *e)
{
    fil_error err;
    int rc = FIL_OK;
    for (size_t i = 0; !rc && i < sizeof pieces / sizeof pieces[0]; i++) {
        const fil_entity *ent;
        size_t n;
        rc = fil_entities(e, &pieces[i], &ent, &n, NULL, &err);
    }
    return rc;
}

/* Reads the articles from a file and clusters them; FIL_OK when all went
 * through, else the first failure. */
static int scenario(const char *path)
{
    fil_error err;
    fil_config cfg;
    fil_config_default(&cfg);
    cfg.stories = 1; /* what stories keep per article, and their output, fail too */
    fil_engine *e = fil_open(&cfg, &err);
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
    json = NULL;
    if (!rc) {
        rc = fil_stories_json(e, &json, &len, &err);
    }
    fil_free(json);
    if (!rc) {
        rc = similarity_and_dedup(e);
    }
    if (!rc) {
        rc = dates_and_timeline(e);
    }
    if (!rc) {
        rc = entities(e);
    }
    fil_reader_close(r);
    fil_close(e);
    return rc;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    const char *path = "test_anomaly.d";
    mkdir(path, 0700);
    FILE *f = fopen("test_anomaly.d/a.jsonl", "w");
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        fprintf(f, "%s\n", lines[i]);
    }
    fclose(f);
    write_file("test_anomaly.d/b.html", page_html);
    write_file("test_anomaly.d/c.rss", feed_rss);

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
    remove("test_anomaly.d/a.jsonl");
    remove("test_anomaly.d/b.html");
    remove("test_anomaly.d/c.rss");
    remove(path);
    return check_summary("test_anomaly");
}
