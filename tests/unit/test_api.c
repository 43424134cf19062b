/*
 * tests/unit/test_api.c -- the public API as an embedder uses it: config
 * checks, two engines side by side, events as JSON.
 */
#include <stdio.h>
#include <stdlib.h>

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

int main(void)
{
    test_config();
    test_two_engines();
    test_no_articles_kept();
    return check_summary("test_api");
}
