/*
 * tests/unit/test_clean.c -- boilerplate rules and the per-source learner.
 */
#include "check.h"
#include "clean/boilerplate.h"
#include "core/arena.h"
#include "fil.h"

static clean_output clean(clean_learner *l, const char *source, const char *title, const char *text,
                          core_arena *a)
{
    clean_output out = {0};
    clean_article(l, source, title, text, strlen(text), a, &out);
    return out;
}

int main(void)
{
    core_arena a;
    core_arena_init(&a, 4096, 0);
    clean_learner *l = clean_learner_new(3);

    clean_output o =
        clean(l, NULL,
              "FLASH INFO :", "\nLa Turquie exhorte la Russie\n\nLe texte suit.\nDiscuter\n", &a);
    CHECK_STR(o.title, "La Turquie exhorte la Russie",
              "a title that cleans away is replaced "
              "by the first text line");
    CHECK_STR(o.text, "Le texte suit.", "a lone 'Discuter' goes");

    o = clean(l, NULL, "BREAKING: Storm hits coast", "Share\nAccept cookies to continue\nWind.",
              &a);
    CHECK_STR(o.title, "Storm hits coast", "an announcing prefix leaves the title");
    CHECK_STR(o.text, "Wind.", "share and cookie lines go");

    o = clean(l, NULL, "T", "*Organisation interdite en Russie date 2020-03 Le conflit dure.", &a);
    CHECK_STR(o.text, "Le conflit dure.", "a footnote glued before a date stamp goes with it");

    o = clean(l, NULL, "T", "Fact one.\n*Footnote about something.\nFact two.", &a);
    CHECK_STR(o.text, "Fact one.\nFact two.", "a short footnote line goes");

    o = clean(l, NULL, "T", "Body.\nQue pensez-vous de cet article ?\n3\nNEWSLETTER\nMore.", &a);
    CHECK_STR(o.text, "Body.", "a comment-section opener ends the article");

    o = clean(l, NULL, "T", "Body.\nRÉSEAUX SOCIAUX\nEnd.", &a);
    CHECK_STR(o.text, "Body.\nEnd.", "a short heading in capitals goes");

    const char *footer = "Retrouvez toute l'actualité régionale chaque matin";
    char text[256];
    for (int i = 0; i < 4; i++) {
        snprintf(text, sizeof text, "Article %d says something new.\n%s", i, footer);
        o = clean(l, "journal.example", "T", text, &a);
        int kept = strstr(o.text, "Retrouvez") != NULL;
        CHECK(kept == (i < 2), i < 2 ? "a recurring line is kept until seen in 3 articles"
                                     : "then it is learned as the source's boilerplate");
    }
    snprintf(text, sizeof text, "Other outlet.\n%s", footer);
    o = clean(l, "other.example", "T", text, &a);
    CHECK(strstr(o.text, "Retrouvez") != NULL, "learning is per source");

    char long_title[400];
    memset(long_title, 'a', sizeof long_title - 1);
    memcpy(long_title, "First sentence of a paragraph. ", 31);
    long_title[sizeof long_title - 1] = '\0';
    o = clean(l, NULL, long_title, "Rest.", &a);
    CHECK_STR(o.title, "First sentence of a paragraph.", "a paragraph title is cut to a sentence");
    CHECK(strncmp(o.text, "First sentence", 14) == 0, "and kept whole at the head of the text");

    o = clean(l, NULL, "Newsletter: subscribe now", "", &a);
    CHECK_STR(o.title, "Newsletter: subscribe now", "a lone headline is never cleaned away");

    clean_learner_free(l);
    core_arena_free(&a);
    return check_summary("test_clean");
}
