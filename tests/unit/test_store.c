/*
 * tests/unit/test_store.c -- the store through the public API: articles
 * survive a close and come back through replay with the same decisions;
 * a stored id is not added twice, nor an id repeated inside a batch;
 * batches report bad lines by number; the full-text index catches up
 * with what is committed;
 * the readers answer, filter and refuse bad parameters; a read-only store
 * refuses to add. (A newer schema's refusal is in tests/e2e/store.sh.)
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "fil.h"

#define DB "test_store.db"

static void remove_db(void)
{
    unlink(DB);
    unlink(DB "-wal");
    unlink(DB "-shm");
}

static fil_article article(const char *id, const char *title, const char *text,
                           const char *published)
{
    fil_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.title = title;
    a.text = text;
    a.lang = "en";
    a.source = "Test Wire";
    a.published = published;
    return a;
}

static const char harbour[] =
    "Dockworkers at the port of Rotterdam walked out on Monday after wage talks with the "
    "terminal operators broke down. The union said the strike would last until a new offer "
    "was made. \xe2\x80\x9cWe will not go back for less,\xe2\x80\x9d said union leader Marloes "
    "Verbeek.";

/* Adds the three articles of the tests: two about the strike (one a copy),
 * one about something else. */
static void add_three(fil_store *s, uint64_t events[3])
{
    fil_article a[3] = {
        article("a1", "Rotterdam dockworkers walk out", harbour, "2026-02-03T08:00:00Z"),
        article("a2", "Rotterdam dockworkers walk out", harbour, "2026-02-03T09:00:00Z"),
        article("a3", "Orchestra opens its season in Vienna",
                "The orchestra opened its season with a new symphony by a young composer.",
                "2026-02-04T19:00:00Z"),
    };
    fil_error err = {0, ""};
    for (int i = 0; i < 3; i++) {
        fil_assignment as;
        int existing = -1;
        CHECK(fil_store_add(s, &a[i], &as, &existing, &err) == FIL_OK && existing == 0,
              "a new article is added");
        events[i] = as.event;
    }
    CHECK(fil_store_commit(s, &err) == FIL_OK, "a batch commits");
}

static void test_reopen(void)
{
    remove_db();
    fil_error err = {0, ""};
    fil_store *s = fil_store_open(DB, NULL, 0, NULL, NULL, &err);
    CHECK(s != NULL, "a new store opens");
    uint64_t events[3];
    add_three(s, events);
    CHECK(events[0] == events[1] && events[2] != events[0], "a copy joins its original's event");
    struct timespec tenth = {0, 100000000};
    for (int waited = 0; fil_store_unindexed(s) > 0 && waited < 300; waited++) {
        nanosleep(&tenth, NULL); /* 30 s at most: the sanitizers' build is slow */
    }
    CHECK(fil_store_unindexed(s) == 0, "the full-text index catches up with committed articles");
    CHECK(fil_store_close(s, &err) == FIL_OK, "closing refreshes and frees");

    s = fil_store_open(DB, NULL, 0, NULL, NULL, &err);
    CHECK(s != NULL && fil_store_article_count(s) == 3, "the articles come back");
    fil_article again = article("a3", "changed title", "changed text", NULL);
    fil_assignment as;
    int existing = 0;
    CHECK(fil_store_add(s, &again, &as, &existing, &err) == FIL_OK && existing == 1 &&
              as.event == events[2] && strcmp(as.id, "a3") == 0,
          "a stored id is not added again; its stored decision is given");
    fil_article next =
        article("a4", "Rotterdam strike enters second day", harbour, "2026-02-04T08:00:00Z");
    CHECK(fil_store_add(s, &next, &as, &existing, &err) == FIL_OK && existing == 0 &&
              as.event == events[0],
          "after replay the engine still knows the strike's event");
    CHECK(fil_store_close(s, &err) == FIL_OK, "closed again");
}

static int count_of(const char *json, const char *key)
{
    const char *p = strstr(json, key);
    return p ? atoi(p + strlen(key)) : -1;
}

static void test_readers(void)
{
    fil_error err = {0, ""};
    fil_store *s = fil_store_open(DB, NULL, FIL_STORE_READ_ONLY, NULL, NULL, &err);
    CHECK(s != NULL, "a store opens read-only");
    char *json = NULL;
    size_t len = 0;
    fil_query q = {0};
    CHECK(fil_store_events_json(s, &q, &json, &len, &err) == FIL_OK &&
              count_of(json, "\"total\":") == 2,
          "two events listed");
    fil_free(json);
    q.text = "Rotterdam";
    CHECK(fil_store_events_json(s, &q, &json, &len, &err) == FIL_OK &&
              count_of(json, "\"total\":") == 1,
          "events by text");
    fil_free(json);
    q.text = NULL;
    q.since = "last week";
    CHECK(fil_store_events_json(s, &q, &json, &len, &err) == FIL_EINVAL && json == NULL &&
              strstr(err.message, "since") != NULL,
          "a bad time is refused and named");
    q.since = NULL;
    q.entity = "Marloes Verbeek";
    CHECK(fil_store_events_json(s, &q, &json, &len, &err) == FIL_OK &&
              count_of(json, "\"total\":") == 1,
          "events by entity");
    fil_free(json);
    CHECK(fil_store_event_json(s, 0, &json, &len, &err) == FIL_OK &&
              strstr(json, "\"articles\":[{\"id\":\"a1\"") != NULL,
          "one event with its articles in time order");
    fil_free(json);
    CHECK(fil_store_event_json(s, 99, &json, &len, &err) == FIL_ENOTFOUND, "no event 99");
    CHECK(fil_store_article_json(s, "a2", &json, &len, &err) == FIL_OK &&
              strstr(json, "\"duplicate_of\":\"a1\"") != NULL,
          "an article with its original");
    fil_free(json);
    fil_query words = {.text = "rotterdam \"strike"};
    CHECK(fil_store_search_json(s, &words, &json, &len, &err) == FIL_OK &&
              count_of(json, "\"total\":") == 3,
          "search: every word, quotes taken as text");
    fil_free(json);
    fil_article a = article("a9", "t", "t", NULL);
    fil_assignment as;
    int existing;
    CHECK(fil_store_add(s, &a, &as, &existing, &err) == FIL_EINVAL, "read-only refuses to add");
    CHECK(fil_store_similar_json(s, "a1", "a2", &json, &len, &err) == FIL_EINVAL,
          "read-only has no engine for similarity");
    fil_store_close(s, NULL);
}

typedef struct lines_seen {
    int good, bad, bad_line;
} lines_seen;

static void on_line(void *ctx, uint32_t line, const fil_assignment *as, int existing,
                    const fil_error *err)
{
    lines_seen *seen = ctx;
    (void)existing;
    if (as) {
        seen->good++;
    } else if (err) {
        seen->bad++;
        seen->bad_line = (int)line;
    }
}

static void test_batch(void)
{
    fil_error err = {0, ""};
    fil_store *s = fil_store_open(DB, NULL, 0, NULL, NULL, &err);
    static const char batch[] = "{\"id\":\"b1\",\"title\":\"A first line\"}\n"
                                "\n"
                                "{\"id\":\"b2\",\"title\":\n"
                                "{\"id\":\"a1\",\"title\":\"already there\"}\r\n";
    lines_seen seen = {0, 0, 0};
    CHECK(s && fil_store_add_jsonl(s, batch, sizeof batch - 1, on_line, &seen, &err) == FIL_OK,
          "a batch goes in");
    CHECK(seen.good == 2 && seen.bad == 1 && seen.bad_line == 3,
          "bad lines are reported by number (blank lines count), good ones added");
    char *json;
    size_t len;
    CHECK(fil_store_similar_json(s, "a1", "a2", &json, &len, &err) == FIL_OK &&
              strstr(json, "\"same_event\":true") != NULL,
          "similarity of two stored articles");
    fil_free(json);
    CHECK(fil_store_similar_json(s, "a1", "zz", &json, &len, &err) == FIL_ENOTFOUND,
          "similarity with an unknown id");
    fil_store_close(s, NULL);
}

/* Rows wait in memory until the commit (past STORE_PENDING_BYTES, small
 * in the test build, they go into the open transaction early): an id
 * repeated inside a batch is still added once, and what is committed
 * comes back on reopen. */
static void test_pending(void)
{
    remove_db();
    fil_error err = {0, ""};
    fil_store *s = fil_store_open(DB, NULL, 0, NULL, NULL, &err);
    CHECK(s != NULL, "a new store opens");
    char id[16], title[64];
    fil_assignment as;
    uint64_t first_event = 0;
    int existing = 0, added = 0, repeated = 0;
    for (int i = 0; s && i < 40; i++) {
        int n = i % 10 == 9 ? i - 5 : i; /* every tenth repeats an id of this batch */
        snprintf(id, sizeof id, "p%d", n);
        snprintf(title, sizeof title, "Harbour strike, report %d", n);
        fil_article a = article(id, title, harbour, "2026-02-03T08:00:00Z");
        CHECK(fil_store_add(s, &a, &as, &existing, &err) == FIL_OK, "an article goes in");
        added += !existing;
        repeated += existing;
        CHECK(!existing || strcmp(as.id, id) == 0, "a repeated id gives its own decision");
        first_event = i == 0 ? as.event : first_event;
    }
    CHECK(added == 36 && repeated == 4, "each id of a batch is added once");
    CHECK(s && fil_store_commit(s, &err) == FIL_OK && fil_store_article_count(s) == 36,
          "the batch commits");
    fil_store_close(s, NULL);
    s = fil_store_open(DB, NULL, 0, NULL, NULL, &err);
    CHECK(s && fil_store_article_count(s) == 36, "every committed row comes back");
    fil_article again = article("p3", "changed", "changed", NULL);
    CHECK(s && fil_store_add(s, &again, &as, &existing, &err) == FIL_OK && existing == 1 &&
              as.event == first_event,
          "a committed id is found in the table");
    fil_store_close(s, NULL);
}

/* A refresh reads the engine's description back one event and storyline
 * at a time (store/derived.c): a title holding the bytes JSON gives
 * meaning to must not end its event early, and what a refresh of the
 * changes writes is what a full one writes. */
static void test_refresh_pieces(void)
{
    static const char odd[] = "A 5\" screen: brackets ] } [ { and a back\\slash in a title";
    static const char odd_json[] =
        "A 5\\\" screen: brackets ] } [ { and a back\\\\slash in a title";
    remove_db();
    fil_error err = {0, ""};
    fil_store *s = fil_store_open(DB, NULL, 0, NULL, NULL, &err);
    fil_article a[2] = {
        article("q1", odd, harbour, "2026-02-03T08:00:00Z"),
        article("q2", "Orchestra opens its season in Vienna",
                "The orchestra opened its season with a new symphony by a young composer.",
                "2026-02-04T19:00:00Z"),
    };
    uint64_t events[2];
    for (int i = 0; s && i < 2; i++) {
        fil_assignment as;
        int existing;
        CHECK(fil_store_add(s, &a[i], &as, &existing, &err) == FIL_OK &&
                  fil_store_commit(s, &err) == FIL_OK && fil_store_refresh(s, 0, &err) == FIL_OK,
              "an article, then a refresh of what changed");
        events[i] = as.event;
    }
    char *json = NULL, *changed = NULL;
    size_t len = 0;
    CHECK(s && fil_store_event_json(s, events[0], &changed, &len, &err) == FIL_OK &&
              strstr(changed, odd_json) != NULL,
          "the odd title is stored whole");
    CHECK(s && fil_store_event_json(s, events[1], &json, &len, &err) == FIL_OK &&
              strstr(json, "Orchestra opens its season") != NULL,
          "and the event after it too");
    fil_free(json);
    json = NULL;
    CHECK(s && fil_store_refresh(s, 1, &err) == FIL_OK &&
              fil_store_event_json(s, events[0], &json, &len, &err) == FIL_OK && changed &&
              strcmp(json, changed) == 0,
          "a full refresh writes the same event");
    fil_free(json);
    fil_free(changed);
    CHECK(s && fil_store_close(s, &err) == FIL_OK, "closed");
}

int main(void)
{
    test_reopen();
    test_readers();
    test_batch();
    test_pending();
    test_refresh_pieces();
    remove_db();
    return check_summary("test_store");
}
