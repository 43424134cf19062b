/*
 * tests/unit/test_api.c -- the public API as an embedder uses it: config
 * checks, two engines side by side, events as JSON, storyline ids that
 * hold when an article comes late with an early date, descriptions of
 * what changed, and descriptions handed over in pieces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fil.h"

static fil_article article(const char *id, const char *title, const char *text)
{
    fil_article a;
    memset(&a, 0, sizeof a);
    a.id = id;
    a.title = title;
    a.text = text;
    a.lang = "en";
    return a;
}

static void test_config(void)
{
    fil_config cfg;
    fil_config_default(&cfg);
    fil_error err = {0, ""};
    CHECK(fil_config_set(&cfg, "threshold", "0.4", &err) == FIL_OK && cfg.threshold == 0.4,
          "a setting by name");
    CHECK(fil_config_set(&cfg, "threshold", "1.5", &err) == FIL_EINVAL, "out of range refused");
    CHECK(fil_config_set(&cfg, "nonsense", "1", &err) == FIL_EINVAL, "unknown key refused");
    cfg.centroid_terms = 0;
    CHECK(fil_open(&cfg, &err) == NULL && err.code == FIL_EINVAL &&
              strstr(err.message, "centroid_terms") != NULL,
          "fil_open refuses a hand-filled field out of range, and names it");

    FILE *f = fopen("test_api.conf", "w");
    fputs("# comment\nthreshold = 0.2\n\nwindow_days = oops\n", f);
    fclose(f);
    fil_config_default(&cfg);
    CHECK(fil_config_load(&cfg, "test_api.conf", &err) == FIL_EINVAL &&
              strstr(err.message, "test_api.conf:4") != NULL,
          "a bad config line is reported with its number");
    CHECK(cfg.threshold == 0.2, "lines before it were applied");
    remove("test_api.conf");
}

static void test_two_engines(void)
{
    fil_error err;
    fil_engine *a = fil_open(NULL, &err), *b = fil_open(NULL, &err);
    CHECK(a && b, "two engines open in one process");
    fil_assignment as;
    fil_article x = article("x1", "Storm closes the port of Rotterdam",
                            "High winds closed the port of Rotterdam on Monday.");
    fil_article y = article("y1", "Rotterdam port shut by storm",
                            "The port of Rotterdam was closed by high winds on Monday.");
    fil_add(a, &x, &as, &err);
    fil_add(a, &y, &as, &err);
    CHECK(as.event == 0 && !as.is_new, "the second report joins the first event");
    fil_add(b, &y, &as, &err);
    CHECK(as.event == 0 && as.is_new, "the other engine starts from nothing");
    CHECK(fil_event_count(a) == 1 && fil_event_count(b) == 1, "engines do not share state");

    char *json;
    size_t len;
    CHECK(fil_events_json(a, &json, &len, &err) == FIL_OK, "events as JSON");
    CHECK(strstr(json, "\"articles\":[\"x1\",\"y1\"]") != NULL, "members listed in order");
    CHECK(strstr(json, "\"size\":2") != NULL, "event size");
    fil_free(json);
    fil_close(a);
    fil_close(b);
    fil_close(NULL); /* a no-op */
}

static void test_no_articles_kept(void)
{
    fil_config cfg;
    fil_config_default(&cfg);
    cfg.keep_articles = 0;
    fil_error err;
    fil_engine *e = fil_open(&cfg, &err);
    fil_article x = article(NULL, "A title only", NULL);
    fil_assignment as;
    CHECK(fil_add(e, &x, &as, &err) == FIL_OK && as.id && as.id[0] == 'h',
          "an article without an id gets a derived one");
    char *json = NULL;
    size_t len;
    CHECK(fil_events_json(e, &json, &len, &err) == FIL_EINVAL && json == NULL,
          "events JSON needs keep_articles");
    fil_close(e);
}

/* The storyline of the event whose JSON starts with event_key, or -1. */
static int storyline_of(const char *json, const char *event_key)
{
    const char *at = strstr(json, event_key);
    const char *sl = at ? strstr(at, "\"storyline\":") : NULL;
    return sl ? atoi(sl + strlen("\"storyline\":")) : -1;
}

static void test_storyline_ids(void)
{
    fil_error err;
    fil_engine *e = fil_open(NULL, &err);
    fil_article late = article("late", "Orchestra opens its season in Vienna",
                               "The orchestra opened its season with a new symphony.");
    late.published = "2026-02-10T19:00:00Z";
    fil_article early = article("early", "Storm closes the port of Rotterdam",
                                "High winds closed the port of Rotterdam on Monday.");
    early.published = "2026-02-01T08:00:00Z";
    fil_assignment as;
    char *json;
    size_t len;
    fil_add(e, &late, &as, &err);
    CHECK(fil_stories_changed_json(e, &json, &len, &err) == FIL_OK &&
              storyline_of(json, "{\"id\":0,") == 0 && !strstr(json, "storylines_gone"),
          "the first description lists everything, with no storylines gone");
    fil_free(json);
    fil_add(e, &early, &as, &err);
    CHECK(as.event == 1 && as.is_new, "the early article makes a second event");
    CHECK(fil_stories_changed_json(e, &json, &len, &err) == FIL_OK, "what changed");
    CHECK(!strstr(json, "{\"id\":0,") && storyline_of(json, "{\"id\":1,") == 1 &&
              strstr(json, "\"storylines_gone\":[]") != NULL,
          "only the new event and its storyline (id 1) are described again");
    fil_free(json);
    CHECK(fil_stories_json(e, &json, &len, &err) == FIL_OK &&
              storyline_of(json, "{\"id\":0,") == 0 && storyline_of(json, "{\"id\":1,") == 1,
          "linked first, the early event does not take the id of the storyline before it");
    fil_free(json);
    fil_close(e);
}

/* An event that did not grow is described again when its growth reads
 * differently (the stream's time moved past its last day), and not once
 * it reads the same. */
static void test_growth_follows_time(void)
{
    fil_error err;
    fil_engine *e = fil_open(NULL, &err);
    fil_article quiet = article("quiet", "Storm closes the port of Rotterdam",
                                "High winds closed the port of Rotterdam on Monday.");
    quiet.published = "2026-02-01T08:00:00Z";
    fil_article later = article("later", "Orchestra opens its season in Vienna",
                                "The orchestra opened its season with a new symphony.");
    later.published = "2026-02-05T19:00:00Z";
    fil_article after = article("after", "Chess champion keeps her title in Oslo",
                                "The champion drew the last game and kept her title.");
    after.published = "2026-02-05T19:30:00Z";
    fil_assignment as;
    char *json;
    size_t len;
    fil_add(e, &quiet, &as, &err);
    CHECK(fil_stories_changed_json(e, &json, &len, &err) == FIL_OK &&
              strstr(json, "\"last_day\":1") != NULL,
          "the first description: the event grew in its last day");
    fil_free(json);
    fil_add(e, &later, &as, &err);
    CHECK(fil_stories_changed_json(e, &json, &len, &err) == FIL_OK &&
              strstr(json, "{\"id\":0,") != NULL,
          "four days on, the quiet event is described again (its last day is empty)");
    fil_free(json);
    fil_add(e, &after, &as, &err);
    CHECK(fil_stories_changed_json(e, &json, &len, &err) == FIL_OK &&
              strstr(json, "{\"id\":0,") == NULL && strstr(json, "{\"id\":2,") != NULL,
          "once its growth reads the same, it is not");
    fil_free(json);
    fil_close(e);
}

/* A sink that gathers the pieces it is handed, and stops at piece
 * stop_at (0: never). */
typedef struct pieces {
    char *all;
    size_t len, count, stop_at;
} pieces;

static int gather_piece(void *ctx, const char *data, size_t len)
{
    pieces *p = ctx;
    if (p->stop_at && p->count + 1 == p->stop_at) {
        return 1;
    }
    char *grown = realloc(p->all, p->len + len + 1);
    if (!grown) {
        return 1;
    }
    memcpy(grown + p->len, data, len);
    p->all = grown;
    p->len += len;
    p->all[p->len] = 0;
    p->count++;
    return 0;
}

/* Whole or in pieces, a description is the same bytes; a sink that stops
 * stops it. */
static void test_written_in_pieces(void)
{
    fil_config cfg;
    fil_config_default(&cfg);
    cfg.stories = 1;
    fil_error err;
    fil_engine *e = fil_open(&cfg, &err);
    char id[32], w[6][8], title[128], text[512];
    fil_assignment as;
    for (int i = 0; i < 400; i++) { /* words of their own: an event each */
        snprintf(id, sizeof id, "a%d", i);
        for (int k = 0; k < 6; k++) {
            for (int c = 0; c < 7; c++) {
                w[k][c] = (char)('a' + (i * 7 + k * 5 + c * c * (k + 3) + (i >> c)) % 26);
            }
            w[k][7] = 0;
        }
        w[0][0] = (char)(w[0][0] - 'a' + 'A'); /* names, for the stories to find */
        w[4][0] = (char)(w[4][0] - 'a' + 'A');
        snprintf(title, sizeof title, "%s %s %s", w[0], w[1], w[2]);
        snprintf(text, sizeof text, "%s %s %s %s, %s %s. %s %s %s %s %s.", w[0], w[1], w[2], w[3],
                 w[4], w[5], w[0], w[2], w[4], w[1], w[3]);
        fil_article a = article(id, title, text);
        fil_add(e, &a, &as, &err);
    }
    char *json;
    size_t len;
    pieces got = {NULL, 0, 0, 0};
    CHECK(fil_stories_json(e, &json, &len, &err) == FIL_OK &&
              fil_stories_write(e, gather_piece, &got, &err) == FIL_OK,
          "stories whole and in pieces");
    CHECK(got.count >= 2 && got.len == len && memcmp(got.all, json, len) == 0,
          "the pieces (more than one) make the same bytes as the whole");
    fil_free(json);
    free(got.all);
    got = (pieces){NULL, 0, 0, 0};
    CHECK(fil_events_json(e, &json, &len, &err) == FIL_OK &&
              fil_events_write(e, gather_piece, &got, &err) == FIL_OK && got.len == len &&
              memcmp(got.all, json, len) == 0,
          "events in pieces make the same bytes as the whole");
    fil_free(json);
    free(got.all);
    got = (pieces){NULL, 0, 0, 2};
    CHECK(fil_stories_write(e, gather_piece, &got, &err) == FIL_EIO && got.count == 1 &&
              err.code == FIL_EIO,
          "a sink that stops at its second piece stops the description, the first handed over");
    free(got.all);
    fil_close(e);
}

int main(void)
{
    test_config();
    test_two_engines();
    test_no_articles_kept();
    test_storyline_ids();
    test_growth_follows_time();
    test_written_in_pieces();
    return check_summary("test_api");
}
