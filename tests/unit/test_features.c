/*
 * tests/unit/test_features.c -- streaming TF-IDF sub-vectors, quotations,
 * character grams and word prefixes.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "core/arena.h"
#include "features/chargrams.h"
#include "features/quotes.h"
#include "features/termvec.h"
#include "fil.h"
#include "text/tokenize.h"

static double norm(const features_vector *v)
{
    double s = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        s += (double)v->terms[i].weight * v->terms[i].weight;
    }
    return sqrt(s);
}

static int sorted(const features_vector *v)
{
    for (uint32_t i = 1; i < v->count; i++) {
        if (v->terms[i - 1].key >= v->terms[i].key) {
            return 0;
        }
    }
    return 1;
}

/* The quotations of s, in the arena. */
static size_t quotes(const char *s, core_arena *a, features_quote **q)
{
    size_t n = 0;
    CHECK(features_find_quotes(s, strlen(s), a, q, &n) == FIL_OK, "quotations are sought");
    return n;
}

/* 1 when q spans exactly the bytes between the first `open` and the first
 * `close` after it in s. */
static int spans(const features_quote *q, const char *s, const char *open, const char *close)
{
    const char *o = strstr(s, open);
    const char *c = o ? strstr(o + strlen(open), close) : NULL;
    return c && q->offset == (size_t)(o + strlen(open) - s) &&
           q->len == (size_t)(c - (o + strlen(open)));
}

static void test_quote_marks(core_arena *a)
{
    features_quote *q;
    const char *fr = "Il a dit \xc2\xab nous partirons demain matin \xc2\xbb hier soir.";
    CHECK(quotes(fr, a, &q) == 1 && spans(&q[0], fr, "\xc2\xab", "\xc2\xbb"),
          "a quotation in \xc2\xab \xc2\xbb is found with its offset and length");
    CHECK(q[0].words == 4, "its words are counted");
    const char *en = "She said \xe2\x80\x9cthe bridge will reopen soon\xe2\x80\x9d on Monday.";
    CHECK(quotes(en, a, &q) == 1 && spans(&q[0], en, "\xe2\x80\x9c", "\xe2\x80\x9d"),
          "a quotation in \xe2\x80\x9c \xe2\x80\x9d is found");
    const char *de = "Er sagte \xe2\x80\x9ewir schaffen das schon\xe2\x80\x9c gestern.";
    CHECK(quotes(de, a, &q) == 1 && spans(&q[0], de, "\xe2\x80\x9e", "\xe2\x80\x9c"),
          "a quotation in \xe2\x80\x9e \xe2\x80\x9c is found");
    const char *st = "He said \"we will rebuild the bridge\" today.";
    CHECK(quotes(st, a, &q) == 1 && spans(&q[0], st, "\"", "\""),
          "a quotation in straight quotes is found");
    const char *two = "\"one two three\" and then \xc2\xab four five six \xc2\xbb";
    CHECK(quotes(two, a, &q) == 2 && q[0].offset < q[1].offset, "quotations come in text order");
}

static void test_quote_limits(core_arena *a)
{
    features_quote *q;
    CHECK(quotes("He said \"two words\" and \xc2\xab oui \xc2\xbb.", a, &q) == 0,
          "fewer than 3 words is not a quotation");
    const char *open = "\xc2\xab this mark never closes, but \"this one does close\" later";
    CHECK(quotes(open, a, &q) == 1 && spans(&q[0], open, "\"", "\""),
          "an unclosed mark is skipped and the quotation after it found");
    CHECK(quotes("\"one two three\n\nfour five\"", a, &q) == 0,
          "a quotation does not run over a blank line");

    features_quote *x, *y, *z;
    quotes("\xc2\xab Nous partirons demain matin \xc2\xbb", a, &x);
    quotes("\xe2\x80\x9cnous partirons, demain matin\xe2\x80\x9d", a, &y);
    quotes("\"nous resterons demain matin\"", a, &z);
    CHECK(x[0].key == y[0].key, "one quotation typeset two ways has one key");
    CHECK(x[0].key != z[0].key, "another quotation has another key");
    CHECK(x[0].key != 0 && z[0].key != 0, "keys are never 0");
}

/* Character grams of s (language lang): of all content words, of the
 * capitalised ones, and the word prefixes. */
typedef struct gram_pair {
    features_vector all, names, prefixes;
} gram_pair;

static gram_pair grams(features_context *fx, const char *lang, const char *s, core_arena *a)
{
    text_token *t;
    size_t n;
    gram_pair g = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
    CHECK(text_tokenize(s, strlen(s), 1000, a, &t, &n) == FIL_OK, "the text is tokenized");
    CHECK(features_char_grams(fx, lang, t, n, NULL, a, &g.all, &g.names, &g.prefixes) == FIL_OK,
          "grams are made");
    return g;
}

static void test_chargrams(features_context *fx, core_arena *a)
{
    const char *s1 = "yesterday the Rotterdam harbour closed early because of strong winds";
    const char *s2 = "heavy rain flooded several streets across Rotterdam overnight";
    gram_pair g1 = grams(fx, "en", s1, a), g1b = grams(fx, "en", s1, a),
              g2 = grams(fx, "en", s2, a);
    CHECK_NEAR(features_dot(&g1.all, &g1b.all), 1.0, 1e-5, "identical token lists have cosine 1");
    CHECK(sorted(&g1.all) && fabs(norm(&g1.all) - 1) < 1e-5,
          "the gram vector is key-sorted, unit length");
    CHECK(features_dot(&g1.all, &g2.all) < 0.9, "two texts that differ have cosine below 1");
    CHECK(g1.names.count > 0 && g1.names.count < g1.all.count, "the name grams are fewer");
    CHECK_NEAR(features_dot(&g1.names, &g2.names), 1.0, 1e-5,
               "name grams keep only the shared capitalised word: cosine 1");
    /* accent-stripped forms of non-ASCII words come from a cache the
     * second time: the same grams, exactly */
    const char *s3 = "Präsident Erdoğan trifft Präsident Müller in Moskau; «Erdoğan» spricht";
    gram_pair g3 = grams(fx, "en", s3, a), g3b = grams(fx, "en", s3, a);
    int same =
        g3.all.count == g3b.all.count && g3.all.count > 0 &&
        memcmp(g3.all.terms, g3b.all.terms, g3.all.count * sizeof *g3.all.terms) == 0 &&
        g3.names.count == g3b.names.count &&
        memcmp(g3.names.terms, g3b.names.terms, g3.names.count * sizeof *g3.names.terms) == 0;
    CHECK(same, "grams of non-ASCII words are the same from the cache");
    gram_pair none = grams(fx, "en", "no names in this text at all", a);
    CHECK(none.names.count == 0 && none.all.count > 0,
          "a text without capitalised words has grams but no name grams");
}

/* Word prefixes of s (language lang), in the arena. */
static features_vector prefixes(features_context *fx, const char *lang, const char *s,
                                core_arena *a)
{
    return grams(fx, lang, s, a).prefixes;
}

/* The smallest and the largest weight of v. */
static void weight_range(const features_vector *v, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        *lo = fmin(*lo, v->terms[i].weight);
        *hi = fmax(*hi, v->terms[i].weight);
    }
}

/* Runs after articles with "munitions" were analysed into fx (French). */
static void test_prefixes(features_context *fx, core_arena *a)
{
    features_vector p1 = prefixes(fx, "fr", "La Turquie", a);
    features_vector p2 = prefixes(fx, "fr", "la diplomatie turque", a);
    CHECK(p1.count == 1 && p2.count == 2, "one prefix per content word: turq; dipl, turq");
    CHECK(sorted(&p2) && fabs(norm(&p2) - 1) < 1e-5,
          "the prefix vector is key-sorted, unit length");
    CHECK(features_dot(&p1, &p2) > 0.5, "Turquie and turque meet through their prefix");
    features_vector none = prefixes(fx, "en", "in 2020 the war was on", a);
    CHECK(none.count == 0, "numbers, stopwords and words under four letters give no prefix");
    /* unseen words share one idf: only tf sets the weights, damped */
    double lo, hi;
    features_vector tf = prefixes(fx, "en", "zebrafish zebras quokka", a);
    weight_range(&tf, &lo, &hi);
    CHECK(tf.count == 2 && fabs(hi / lo - (1 + log(2.0))) < 1e-4,
          "a prefix twice weighs (1 + ln 2) times one met once");
    /* the idf is that of the words: a word the context has seen weighs less */
    features_vector seen = prefixes(fx, "fr", "munitions zibelines", a);
    features_vector muni = prefixes(fx, "fr", "munitions", a);
    weight_range(&seen, &lo, &hi);
    int light = seen.count == 2 && muni.count == 1 &&
                seen.terms[seen.terms[0].key == muni.terms[0].key ? 0 : 1].weight == lo && lo < hi;
    CHECK(light, "a prefix weighs as rare as the words that carry it: muni less than zibe");
}

static int same_vector(const features_vector *x, const features_vector *y)
{
    return x->count == y->count &&
           (x->count == 0 || memcmp(x->terms, y->terms, x->count * sizeof *x->terms) == 0);
}

static int same_doc(const features_doc *x, const features_doc *y)
{
    return same_vector(&x->title, &y->title) && same_vector(&x->text, &y->text) &&
           same_vector(&x->entities, &y->entities) && same_vector(&x->phrases, &y->phrases) &&
           x->has_body == y->has_body && strcmp(x->lang, y->lang) == 0;
}

/* features_count then features_weigh give what features_analyze gives,
 * also when the counts were taken earlier in the stream (fil_learn keeps
 * them for fil_similarity): two contexts see the same articles, one
 * analysing them whole, the other in two steps. */
static void test_count_then_weigh(text_stopwords *sw, text_stemmers *st, core_arena *a)
{
    static const char *const docs[][3] = {
        {"fr", "Erdogan demande des munitions",
         "Le président Erdogan a demandé des munitions à Washington le 4 mars 2020."},
        {"fr", "Washington répond", "Washington refuse. Erdogan insiste, Jean-Pierre aussi."},
        {"en", "Both ways", ""},
        {"en", "<>", ""},
        {"en", "The", "Ankara said on Monday that Ankara-Moscow talks would go on."},
        {"de", "Die Kanzlerin in Paris", "Merkel traf Macron in Paris. Paris war grau."},
    };
    size_t n = sizeof docs / sizeof docs[0];
    features_context whole, steps;
    CHECK(features_context_init(&whole, sw, st, 1000) == FIL_OK &&
              features_context_init(&steps, sw, st, 1000) == FIL_OK,
          "two contexts open");
    features_counts early[6];
    int same = 1, keys_match = 1;
    for (size_t i = 0; i < n; i++) {
        const char *lang = docs[i][0], *t = docs[i][1], *x = docs[i][2];
        features_doc d1, d2;
        CHECK(features_count(&steps, lang, t, strlen(t), x, strlen(x), a, &early[i]) == FIL_OK,
              "counted");
        CHECK(features_analyze(&whole, lang, t, strlen(t), x, strlen(x), 1, a, &d1) == FIL_OK &&
                  features_weigh(&steps, &early[i], 1, a, &d2) == FIL_OK,
              "learned both ways");
        same &= same_doc(&d1, &d2);
        /* the word keys are those of the tokens of title, a line break, text */
        char joined[256];
        snprintf(joined, sizeof joined, "%s\n%s", t, x);
        text_token *tok;
        size_t count;
        CHECK(text_tokenize(joined, strlen(joined), 1000, a, &tok, &count) == FIL_OK, "tokens");
        keys_match &= early[i].word_count == count && (count == 0 || early[i].word_keys);
        for (size_t j = 0; keys_match && j < count; j++) {
            keys_match &= early[i].word_keys[j] == features_token_key(&steps, lang, &tok[j], a);
        }
    }
    CHECK(same, "count then weigh equals analyse, article by article");
    CHECK(keys_match, "word keys are features_token_key of the joined tokens");
    for (size_t i = 0; i < n; i++) { /* scored later, against the whole stream */
        const char *lang = docs[i][0], *t = docs[i][1], *x = docs[i][2];
        features_doc d1, d2;
        features_analyze(&whole, lang, t, strlen(t), x, strlen(x), 0, a, &d1);
        features_weigh(&steps, &early[i], 0, a, &d2);
        same &= same_doc(&d1, &d2);
    }
    CHECK(same, "counts taken early weigh as a late analysis does");
    CHECK(whole.doc_count == steps.doc_count && whole.names.count == steps.names.count,
          "both contexts learned the same");
    /* features_learn leaves a context as features_weigh with update_df does */
    features_context learned;
    features_context_init(&learned, sw, st, 1000);
    for (size_t i = 0; i < n; i++) {
        CHECK(features_learn(&learned, &early[i], a) == FIL_OK, "learned without weights");
    }
    int same_learning = learned.doc_count == steps.doc_count &&
                        learned.df.count == steps.df.count &&
                        learned.names.count == steps.names.count;
    for (size_t i = 0; i < n; i++) {
        features_doc d1, d2;
        features_weigh(&steps, &early[i], 0, a, &d1);
        features_weigh(&learned, &early[i], 0, a, &d2);
        same_learning &= same_doc(&d1, &d2);
    }
    CHECK(same_learning, "learning without weights teaches df and names as weighing does");
    features_context_free(&learned);
    /* names are settled when weighed: "Ankara" opening a sentence is a
     * name only once the stream has seen it inside one */
    features_context fresh;
    features_context_init(&fresh, sw, st, 1000);
    const char *opening = "Ankara waits for news.", *inside = "Talks went on in Ankara.";
    features_counts c;
    features_doc before, after, other_doc;
    features_count(&fresh, "en", "x", 1, opening, strlen(opening), a, &c);
    features_weigh(&fresh, &c, 0, a, &before);
    features_analyze(&fresh, "en", "y", 1, inside, strlen(inside), 1, a, &other_doc);
    features_weigh(&fresh, &c, 0, a, &after);
    CHECK(before.entities.count == 0 && after.entities.count == 1,
          "a sentence-opening word counted early is a name once the stream knows it");
    features_context_free(&fresh);

    features_counts copy;
    core_arena other;
    core_arena_init(&other, 1024, 0);
    features_doc d1, d2;
    CHECK(features_counts_copy(&early[1], &other, &copy) == FIL_OK, "counts are copied");
    features_weigh(&steps, &early[1], 0, a, &d1);
    features_weigh(&steps, &copy, 0, a, &d2);
    CHECK(same_doc(&d1, &d2), "a copy weighs as the original");
    core_arena_free(&other);
    features_context_free(&whole);
    features_context_free(&steps);
}

/* features_text_vector gives features_analyze's text vector for a text
 * with no title, weighed without counting, and learns no name. */
static void test_text_vector(features_context *fx, core_arena *a)
{
    static const char *const texts[] = {
        "Le président Erdogan a demandé des munitions à Washington le 4 mars 2020.",
        "A cease-fire in north-west Syria was agreed by Qwzrtland and Moscow.",
        "Both ways and the", /* stopwords only: the bare words */
        "",
    };
    int same = 1;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *lang = t == 0 ? "fr" : "en";
        features_doc doc;
        features_vector v;
        int rc = features_analyze(fx, lang, "", 0, texts[t], strlen(texts[t]), 0, a, &doc);
        rc = rc ? rc : features_text_vector(fx, lang, texts[t], strlen(texts[t]), a, &v);
        same = same && !rc && v.count == doc.text.count;
        for (uint32_t i = 0; same && i < v.count; i++) {
            same = v.terms[i].key == doc.text.terms[i].key &&
                   v.terms[i].weight == doc.text.terms[i].weight;
        }
    }
    CHECK(same, "the text vector is features_analyze's, key for key and weight for weight");
    size_t names = fx->names.count;
    const char *fresh = "Then the envoy Vbnmqx met the mayor of Plokstad in private.";
    features_vector v;
    CHECK(features_text_vector(fx, "en", fresh, strlen(fresh), a, &v) == FIL_OK && v.count > 0 &&
              fx->names.count == names,
          "weighing a text's words learns none of its names");
}

/* A sentence's vector from its article's counts (the keys of the tokens
 * between its bytes) is the one features_text_vector reads from its
 * words; the counts decline where they cannot tell (a hyphenated word,
 * whose parts count too, or a sentence of stopwords). */
static void test_text_keys(features_context *fx, core_arena *a)
{
    const char *text = "The minister met the envoys in Geneva on Monday. Nothing was signed. "
                       "A cease-fire is far off. And so it was.";
    features_counts c;
    int rc = features_count(fx, "en", "Talks", 5, text, strlen(text), a, &c);
    uint32_t *keys = core_arena_alloc(a, (c.text_token_count + 1) * sizeof *keys);
    CHECK(!rc && keys, "an article is counted");
    if (rc || !keys) {
        return;
    }
    static const char *const sentences[] = {"The minister met the envoys in Geneva on Monday.",
                                            "Nothing was signed."};
    int same = 1;
    for (size_t k = 0; k < 2; k++) {
        size_t from = (size_t)(strstr(text, sentences[k]) - text), len = strlen(sentences[k]);
        long n = features_text_keys_between(&c, from, from + len, keys);
        features_vector by_keys, by_words;
        same = same && n > 0 &&
               features_text_vector_of_keys(fx, keys, (size_t)n, a, &by_keys) == FIL_OK &&
               features_text_vector(fx, "en", sentences[k], len, a, &by_words) == FIL_OK &&
               by_keys.count == by_words.count;
        for (uint32_t i = 0; same && i < by_keys.count; i++) {
            same = by_keys.terms[i].key == by_words.terms[i].key &&
                   by_keys.terms[i].weight == by_words.terms[i].weight;
        }
    }
    CHECK(same, "a sentence's vector from the article's keys is the one from its words");
    size_t hyphen = (size_t)(strstr(text, "A cease-fire") - text);
    size_t stop = (size_t)(strstr(text, "And so it was.") - text);
    CHECK(features_text_keys_between(&c, hyphen, hyphen + 24, keys) < 0,
          "a hyphenated word leaves the sentence to its words");
    CHECK(features_text_keys_between(&c, stop, stop + 14, keys) < 0,
          "so does a sentence without a key");
}

int main(void)
{
    core_arena a;
    core_arena_init(&a, 4096, 0);
    text_stopwords *sw = text_stopwords_new();
    text_stemmers *st = text_stemmers_new();
    features_context fx;
    CHECK(features_context_init(&fx, sw, st, 1000) == FIL_OK, "the context opens");

    features_doc d1, d2, d3;
    const char *t1 = "Erdogan demande des munitions";
    const char *x1 = "Le président Erdogan a demandé des munitions à Washington le 4 mars 2020.";
    CHECK(features_analyze(&fx, "fr", t1, strlen(t1), x1, strlen(x1), 1, &a, &d1) == FIL_OK,
          "an article is analysed");
    CHECK(fx.doc_count == 1, "df counts the article");
    CHECK(d1.title.count == 3, "title terms: erdogan, demand, munit (stopword des dropped)");
    CHECK(sorted(&d1.text) && sorted(&d1.title) && sorted(&d1.entities), "vectors key-sorted");
    CHECK_NEAR(norm(&d1.text), 1.0, 1e-5, "text vector is unit length");
    CHECK_NEAR(norm(&d1.entities), 1.0, 1e-5, "entity vector is unit length");
    CHECK(d1.entities.count == 3, "entities: Erdogan, Washington, 2020 (not 4, one digit)");

    const char *t2 = "Erdoğan réclame des munitions";
    CHECK(features_analyze(&fx, "fr", t2, strlen(t2), "", 0, 1, &a, &d2) == FIL_OK, "title only");
    CHECK(features_dot(&d1.title, &d2.title) > 0.4, "accent-folded names and stems meet");

    const char *t3 = "Ouragan sur la Floride";
    features_analyze(&fx, "fr", t3, strlen(t3), "", 0, 1, &a, &d3);
    CHECK(features_dot(&d1.title, &d3.title) == 0, "unrelated titles share nothing");

    uint64_t before = fx.doc_count;
    features_analyze(&fx, "fr", t3, strlen(t3), "", 0, 0, &a, &d3);
    CHECK(fx.doc_count == before, "update_df 0 leaves the stream's counts alone");

    features_doc stop;
    CHECK(features_analyze(&fx, "en", "Both ways", 9, "", 0, 1, &a, &stop) == FIL_OK &&
              stop.text.count == 2,
          "a title of stopwords keeps its words");
    features_doc none;
    CHECK(features_analyze(&fx, "en", "<>", 2, "", 0, 1, &a, &none) == FIL_OK &&
              none.text.count == 0,
          "a title with no word gives empty vectors, not an error");

    /* 2026-11-22 review: hyphen parts were not bounded by the key lists'
     * room, and a text of many-part words overflowed them. */
    size_t reps = 21000;
    const char *unit = "ab-cd-ef-gh-ij-kl-mn-op ";
    char *many = malloc(reps * strlen(unit) + 1);
    for (size_t i = 0; i < reps; i++) {
        memcpy(many + i * strlen(unit), unit, strlen(unit));
    }
    many[reps * strlen(unit)] = '\0';
    features_doc big;
    CHECK(features_analyze(&fx, "en", "headline", 8, many, strlen(many), 1, &a, &big) == FIL_OK,
          "a text of many-part hyphenated words stays within its key lists");
    free(many);

    /* features_prune without scratch memory still keeps at most k terms */
    features_term terms[6] = {{1, 0.1f}, {2, 0.9f}, {3, 0.5f}, {4, 0.9f}, {5, 0.2f}, {6, 0.7f}};
    features_vector v = {terms, 6};
    core_arena tiny;
    core_arena_init(&tiny, 8, 1); /* refuses every allocation */
    CHECK(features_prune(&v, 3, &tiny) == 3 && v.count == 3, "prune keeps k terms without scratch");
    CHECK(v.terms[0].key == 2 && v.terms[1].key == 4 && v.terms[2].key == 6,
          "the heaviest three, in key order");
    core_arena_free(&tiny);

    test_quote_marks(&a);
    test_quote_limits(&a);
    test_chargrams(&fx, &a);
    test_prefixes(&fx, &a);
    test_count_then_weigh(sw, st, &a);
    test_text_vector(&fx, &a);
    test_text_keys(&fx, &a);

    features_context_free(&fx);
    text_stemmers_free(st);
    text_stopwords_free(sw);
    core_arena_free(&a);
    return check_summary("test_features");
}
