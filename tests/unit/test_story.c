/*
 * tests/unit/test_story.c -- what story/ makes of an event: its growth,
 * and the sentences its summary is chosen from.
 */
#include <stdint.h>

#include "check.h"
#include "cluster/stream.h"
#include "story/growth.h"
#include "story/sentences.h"

#define HOUR (int64_t)3600
#define DAY  (24 * HOUR)

static void test_growth(void)
{
    int64_t now = 100 * DAY;
    /* a new event: 6 articles spread over the last day, stream rate 2 */
    int64_t burst[6];
    for (int i = 0; i < 6; i++) {
        burst[i] = now - 23 * HOUR + i * 4 * HOUR; /* the last at now - 3 h */
    }
    story_growth_result g = story_growth(burst, 6, now, 2.0);
    CHECK(g.last_day == 6 && g.last_hour == 0, "six in the day, none in the last hour");
    CHECK_NEAR(g.score, 3.0, 1e-9, "a new event against the stream: 6 / 2");

    /* a steady event: 10 a day for 5 days, then 10 in the last day */
    int64_t steady[60];
    for (int i = 0; i < 60; i++) {
        steady[i] = now - 6 * DAY + 1 + (int64_t)i * (6 * DAY - 2) / 59;
    }
    g = story_growth(steady, 60, now, 2.0);
    CHECK(g.last_day == 10, "ten in the last day");
    CHECK(g.score > 0.8 && g.score < 1.3, "a steady event scores about 1 against its own past");

    /* the same burst packed into the last hour ranks above the spread one */
    int64_t packed[6];
    for (int i = 0; i < 6; i++) {
        packed[i] = now - i * 60;
    }
    g = story_growth(packed, 6, now, 2.0);
    CHECK(g.last_hour == 6, "six in the last hour");
    CHECK_NEAR(g.score, 3.0 * sqrt(7.0 / 1.25), 1e-9,
               "a burst still going is lifted by sqrt((6 + 1) / (6 / 24 + 1))");

    int64_t old[2] = {now - 10 * DAY, now - 9 * DAY};
    g = story_growth(old, 2, now, 2.0);
    CHECK(g.last_day == 0 && g.score == 0, "nothing lately: growth 0");

    int64_t untimed[2] = {CLUSTER_NO_TIME, CLUSTER_NO_TIME};
    g = story_growth(untimed, 2, now, 2.0);
    CHECK(g.last_day == 0 && g.score == 0, "untimed articles take no part");
}

/* Splits text and compares the sentences with want[], n of them. */
static void check_split(const char *text, const char *const *want, size_t n, const char *what)
{
    size_t pos = 0, got = 0, len = strlen(text);
    story_span span;
    int same = 1;
    while (story_next_sentence(text, len, &pos, &span)) {
        same &= got < n && strlen(want[got]) == span.len &&
                memcmp(text + span.offset, want[got], span.len) == 0;
        if (got < n && !same) {
            fprintf(stderr, "    sentence %zu: got '%.*s'\n", got, (int)span.len,
                    text + span.offset);
        }
        got++;
    }
    CHECK(same && got == n, what);
}

static void test_sentences(void)
{
    const char *plain[] = {"Il pleut.", "Le vent souffle!", "Qui sait?"};
    check_split("Il pleut. Le vent souffle! Qui sait?", plain, 3, "three marks, three sentences");
    const char *abbr[] = {"M. Dupont et Mr. Smith ont vu le Dr. Who aux U.S. hier.",
                          "Puis ils sont partis."};
    check_split("M. Dupont et Mr. Smith ont vu le Dr. Who aux U.S. hier. Puis ils sont partis.",
                abbr, 2, "short capitalised abbreviations do not end a sentence");
    const char *german[] = {"Am 5. März kam es zu Protesten."};
    check_split(
        "Am 5. März kam es zu Protesten.", german, 1,
        "an ordinal before a capitalised month: the price of the rule is one sentence here");
    const char *lower[] = {"Il est 5 h. du matin, etc. et tout va bien."};
    check_split("Il est 5 h. du matin, etc. et tout va bien.", lower, 1,
                "a full stop before a lower-case word ends nothing");
    const char *quoted_text = "«C'est fini.» Il a ri.\n“Yes.” Then he left.\nEnde.";
    const char *quoted[] = {"«C'est fini.»", "Il a ri.", "“Yes.”", "Then he left.", "Ende."};
    check_split(quoted_text, quoted, 5,
                "closing quotes stay with their sentence; lines end sentences");
    const char *ellipsis[] = {"Et puis\xE2\x80\xA6", "Plus rien."};
    check_split("Et puis\xE2\x80\xA6 Plus rien.", ellipsis, 2, "an ellipsis ends a sentence");
    const char *accent[] = {"Il est parti.", "\xC3\x89lise reste."};
    check_split("Il est parti. \xC3\x89lise reste.", accent, 2,
                "an accented capital opens a sentence");
    check_split("  \n \n", NULL, 0, "blank text has no sentence");
    CHECK(story_count_words(" un  deux\ttrois\n", 16) == 3, "words are runs of non-blanks");
}

int main(void)
{
    test_growth();
    test_sentences();
    return check_summary("test_story");
}
