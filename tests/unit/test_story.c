/*
 * tests/unit/test_story.c -- what story/ makes of an event: its growth,
 * the sentences its summary is chosen from, who said its quotes, and its
 * entities and quotes merged over articles.
 */
#include <stdint.h>

#include "check.h"
#include "cluster/stream.h"
#include "story/growth.h"
#include "core/arena.h"
#include "core/buf.h"
#include "features/entities.h"
#include "story/aggregate.h"
#include "story/sentences.h"
#include "story/speakers.h"

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
    CHECK(story_count_words_upto(" un  deux\ttrois\n", 16, SIZE_MAX) == 3,
          "words are runs of non-blanks");
    CHECK(story_count_words_upto(" un  deux\ttrois\n", 16, 2) == 2, "words counted up to a most");
    CHECK(story_count_words_upto(" un  deux\ttrois\n", 16, 5) == 3, "fewer words than the most");
}

/* The speaker (a name in persons) of the quote whose words are `words`. */
static const char *speaker_of(const char *text, const char *lang, const char *words)
{
    static const char *const erdogan[] = {"Recep Tayyip Erdogan", "Erdogan"};
    static const char *const putin[] = {"Vladimir Poutine", "Poutine"};
    static const char *const trump[] = {"Donald Trump", "Trump"};
    static const story_person persons[] = {{erdogan, 2}, {putin, 2}, {trump, 2}};
    static const char *const names[] = {"Erdogan", "Poutine", "Trump"};
    core_arena arena;
    core_arena_init(&arena, 4096, 0);
    story_speakers sp;
    const char *at = strstr(text, words);
    long who = -1;
    if (at && story_speakers_index(&sp, text, strlen(text), lang, persons, 3, &arena) == 0) {
        who = story_find_speaker(&sp, (size_t)(at - text), (size_t)(at - text) + strlen(words));
    }
    core_arena_free(&arena);
    return who >= 0 ? names[who] : "nobody";
}

static void test_speakers(void)
{
    CHECK_STR(speaker_of("Poutine parle. «J'ai écrit à Monsieur Trump», a annoncé Recep Tayyip "
                         "Erdogan à Ankara.",
                         "fr", "J'ai écrit à Monsieur Trump"),
              "Erdogan",
              "a verb after the quote, then the name; a name inside the quote never counts");
    CHECK_STR(
        speaker_of("Vladimir Poutine a appelé. Donald Trump said: “We will talk to Erdogan soon.”",
                   "en", "We will talk to Erdogan soon."),
        "Trump", "a colon before the quote: the last name before it");
    CHECK_STR(
        speaker_of("Erdogan est arrivé. Erdogan a parlé. Vladimir Poutine aussi. «Nous voulons "
                   "la paix», a déclaré le président turc.",
                   "fr", "Nous voulons la paix"),
        "Erdogan", "a frame naming no one: the person named most often before");
    CHECK_STR(speaker_of("Donald Trump a parlé longtemps. «Ce fut utile», a-t-il ajouté.", "fr",
                         "Ce fut utile"),
              "Trump", "a pronoun frame: the most named before (here the only one)");
    CHECK_STR(speaker_of("Hier, Vladimir Poutine est arrivé.\n\n«Tout va bien» pour le Kremlin.",
                         "fr", "Tout va bien"),
              "Poutine", "no frame: the nearest name before");
    CHECK_STR(speaker_of("«Rien ne va plus» dans la ville.", "fr", "Rien ne va plus"), "nobody",
              "no person named: no speaker");
}

/* An entity as an article keeps it; names: "canonical\0display". */
static story_entity entity(const char *names, unsigned type, uint16_t count)
{
    return (story_entity){names, story_name_hash(names), count, (uint8_t)type};
}

/* Whether the first entity in out is named name. */
static int named(const core_buf *out, const char *name)
{
    char want[64];
    snprintf(want, sizeof want, "[{\"name\":\"%s\",", name);
    return strncmp(out->data, want, strlen(want)) == 0;
}

static void test_aggregate(void)
{
    story_entity a_ent[] = {entity("erdogan\0Erdoğan", FEATURES_ENTITY_PERSON, 1),
                            entity("idlib\0Idlib", FEATURES_ENTITY_PLACE, 1)};
    story_entity b_ent[] = {entity("idlib\0Idlib", FEATURES_ENTITY_PLACE, 2),
                            entity("erdogan\0Erdogan", FEATURES_ENTITY_PERSON, 3)};
    story_quote a_q[] = {{"J'ai fait parvenir ces demandes", 31, 7, "Erdoğan", "erdogan"}};
    story_quote b_q[] = {{"Autre chose encore dite", 23, 9, NULL, NULL},
                         {"j’ai fait parvenir ces demandes", 33, 7, NULL, NULL}};
    story_article arts[] = {{"a1", "Outlet A", a_ent, 2, a_q, 1},
                            {"b1", "Outlet B", b_ent, 2, b_q, 2}};
    core_arena arena;
    core_arena_init(&arena, 4096, 0);
    core_buf out;
    core_buf_init(&out, 0);
    CHECK(story_entities_json(arts, 2, &arena, &out) == 0, "entities merge");
    CHECK_STR(out.data,
              "[{\"name\":\"Erdogan\",\"canonical\":\"erdogan\",\"type\":\"person\",\"articles\":2,"
              "\"mentions\":4},{\"name\":\"Idlib\",\"canonical\":\"idlib\",\"type\":\"place\","
              "\"articles\":2,\"mentions\":3}]",
              "one entity per canonical name; spellings tied on articles: the most mentioned, "
              "though written second");
    core_buf_clear(&out);
    story_entity c_ent[] = {entity("erdogan\0Erdoğan", FEATURES_ENTITY_PERSON, 1)};
    story_article three[] = {arts[0], arts[1], {"c1", "Outlet C", c_ent, 1, NULL, 0}};
    CHECK(story_entities_json(three, 3, &arena, &out) == 0, "entities merge (three articles)");
    CHECK(named(&out, "Erdoğan"),
          "the spelling most articles write names the entity, over one said more often");
    core_buf_clear(&out);
    /* four spellings written once each fill the tally; a fifth, written twice, still wins */
    story_entity z[6] = {entity("zelensky\0Zelenski", FEATURES_ENTITY_PERSON, 1),
                         entity("zelensky\0Zelenskiy", FEATURES_ENTITY_PERSON, 1),
                         entity("zelensky\0Selenskyj", FEATURES_ENTITY_PERSON, 1),
                         entity("zelensky\0Zelensky", FEATURES_ENTITY_PERSON, 1),
                         entity("zelensky\0Zelenskyy", FEATURES_ENTITY_PERSON, 1),
                         entity("zelensky\0Zelenskyy", FEATURES_ENTITY_PERSON, 1)};
    story_article six[6];
    for (int i = 0; i < 6; i++) {
        six[i] = (story_article){"z", "Outlet", &z[i], 1, NULL, 0};
    }
    CHECK(story_entities_json(six, 6, &arena, &out) == 0, "entities merge (six articles)");
    CHECK(named(&out, "Zelenskyy"), "a spelling met after four others still counts");
    core_buf_clear(&out);
    CHECK(story_quotes_json(arts, 2, &arena, &out) == 0, "quotes merge");
    CHECK_STR(out.data,
              "[{\"text\":\"J'ai fait parvenir ces demandes\",\"speaker\":\"Erdoğan\",\"articles\":"
              "[\"a1\",\"b1\"],\"sources\":[\"Outlet A\",\"Outlet B\"]},{\"text\":\"Autre chose "
              "encore dite\",\"speaker\":null,\"articles\":[\"b1\"],\"sources\":[\"Outlet B\"]}]",
              "one quote per key, with every article and outlet, most carried first");
    core_buf_free(&out);
    core_arena_free(&arena);
}

int main(void)
{
    test_growth();
    test_sentences();
    test_speakers();
    test_aggregate();
    return check_summary("test_story");
}
