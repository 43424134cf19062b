/*
 * src/features/termvec.h -- TF-IDF sub-vectors of an article, with document
 * frequencies learned from the stream itself.
 *
 * Promise: features_analyze turns a cleaned title and text in a known
 * language into three sparse vectors, each sorted by key and L2-normalised:
 *  - title:    stems of the title's content words;
 *  - text:     stems of the content words of title and body together;
 *  - entities: entity-like tokens, language-neutral (accent-stripped,
 *              unstemmed): capitalised words not at a sentence start, or at
 *              one when the stream has seen the word as a name before, and
 *              numbers of two or more characters (counts, years, dates);
 *  - phrases:  word trigrams of the body (folded words, stopwords kept,
 *              not three stopwords alone), a fixed 1-in-FEATURES_PHRASE_SAMPLE
 *              sample of them by hash, weighted 1 each: a shared quote or
 *              sentence, the mark of one dispatch retold.
 * Weights are (1 + ln tf) * idf with idf = ln((N + 1) / (df + 1)) + 1 over
 * the N articles seen so far. The article's own terms are counted into df
 * first (no second pass over the stream, so early articles see few
 * documents; that is the price of being online).
 * Keys: 32-bit hashes of the stem (feature hashing: no string table; a
 *       collision merges two terms, rare at this width). Title and text
 *       share keys, so a stem has one key whatever the language, which lets
 *       shared names and numbers meet across languages; entity keys use
 *       another seed.
 * Memory: vectors live in the arena. The df table owns a map bounded by
 *       FEATURES_MAX_TERMS; when full it forgets terms seen in one article.
 * Text made only of stopwords is keyed by its (unstemmed) words instead;
 * text with no word at all ("<>") gives empty vectors.
 * Errors: FIL_ENOMEM (arena or map).
 */
#ifndef FIL_FEATURES_TERMVEC_H
#define FIL_FEATURES_TERMVEC_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/map.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

#define FEATURES_MAX_TERMS     (1u << 23)
#define FEATURES_MAX_NAMES     (1u << 20)
#define FEATURES_CACHED_WORDS  (1u << 18) /* 8 MiB of cache */
#define FEATURES_PHRASE_SAMPLE 4
#define FEATURES_LOGGED_TF     64 /* term counts whose log is kept at hand */
#define FEATURES_KEPT_IDF      64 /* document frequencies whose idf is kept at hand */

typedef struct features_term {
    uint32_t key;
    float weight;
} features_term;

typedef struct features_vector {
    features_term *terms; /* sorted by key; arena memory */
    uint32_t count;
} features_vector;

typedef struct features_doc {
    features_vector title, text, entities, phrases;
    int has_body; /* 1 when the text beyond the title gave terms: a full article */
    char lang[8]; /* the language analysed with */
} features_doc;

/* What a caller learns of a word once and then reads at each of its
 * tokens (the story stage: a word's entity class and date word), from the
 * word's language and folded form. Its answers are kept with the word's
 * keys in the word cache; FEATURES_CLASS_UNKNOWN marks a token whose
 * class was not looked up (one-letter words, which skip the cache). */
typedef uint64_t (*features_word_class_fn)(void *arg, const char *lang, const char *folded,
                                           size_t len);
#define FEATURES_CLASS_UNKNOWN UINT64_MAX

/* Everything analysis needs that outlives one article. Owned by the engine. */
typedef struct features_context {
    core_map df;                             /* key -> articles containing it */
    core_map names;                          /* entity keys seen capitalised inside a sentence */
    struct features_cached_word *word_cache; /* FEATURES_CACHED_WORDS slots, direct-mapped */
    features_word_class_fn word_class;       /* NULL: none (features_context_set_word_class) */
    void *word_class_arg;
    text_fold_cache *folds;          /* non-ASCII words folded, with or without accents */
    uint64_t doc_count;              /* N */
    const text_stopwords *stopwords; /* borrowed */
    text_stemmers *stemmers;         /* borrowed */
    uint32_t max_tokens;
    double log_tf[FEATURES_LOGGED_TF]; /* log(tf) for tf >= 1: most weights need one */
    /* idf by df below FEATURES_KEPT_IDF (most terms are rare), for
     * doc_count == idf_n; 0 = not computed yet */
    double idf[FEATURES_KEPT_IDF];
    uint64_t idf_n;
} features_context;

/* FIL_ENOMEM when the word cache cannot be had. */
int features_context_init(features_context *ctx, const text_stopwords *sw, text_stemmers *st,
                          uint32_t max_tokens);
void features_context_free(features_context *ctx);

/* Makes fn(arg, ...) ctx's word classifier, before ctx analyses a word
 * (the cache holds no class for words met before): from then on
 * features_count gives each token's class. */
void features_context_set_word_class(features_context *ctx, features_word_class_fn fn, void *arg);

/* update_df: 1 to count this article into df (the stream), 0 to only
 * weigh it against what has been seen (e.g. re-analysing a title). */
int features_analyze(features_context *ctx, const char *lang, const char *title, size_t title_len,
                     const char *text, size_t text_len, int update_df, core_arena *arena,
                     features_doc *out);

/* The text vector features_analyze gives a text with no title and
 * update_df 0 (doc.text), without the title, phrase and entity vectors
 * nor what they cost: for a caller that weighs many sentences
 * (story/summary.c). It leaves ctx as it was (features_analyze records
 * the text's names), but for its word cache. *out lives in arena. */
int features_text_vector(features_context *ctx, const char *lang, const char *text, size_t len,
                         core_arena *arena, features_vector *out);

/* An article's terms before weighing: what features_analyze finds in the
 * words alone, so that an article analysed twice (fil_learn, then
 * fil_similarity) need not be tokenised and stemmed twice. The names among
 * the capitalised words, and the weights, depend on the stream so far and
 * are settled by features_weigh. All arrays live in one arena. */
typedef struct features_counts {
    features_vector title, text, phrases; /* weight = term count; sorted by key */
    /* when the text gave no term: its words with stopwords, counted, used
     * when it names nothing either ("Both ways") */
    features_vector bare_title, bare_text;
    uint32_t *candidates;   /* entity keys of numbers and capitalised words, in text order */
    uint8_t *kinds;         /* per candidate: number, name inside or at the start of a sentence */
    size_t candidate_count; /* all of them, past cap too: each one can teach a name */
    uint32_t cap;           /* room of each key list; keys past it are dropped */
    /* features_token_key of each token of the title, then of the text, in
     * order; NULL (word_count 0) when a tokenisation may have stopped at
     * max_tokens. The tokens of title, a line break and text are these. */
    uint32_t *word_keys;
    size_t word_count;
    /* with a word classifier, the class of each of those tokens (as
     * word_keys), or FEATURES_CLASS_UNKNOWN; NULL without one */
    uint64_t *word_classes;
    /* the tokens of title and text (features_count's arena; a copy has none) */
    const text_token *title_tokens, *text_tokens;
    size_t title_token_count, text_token_count;
    int has_body;
    char lang[8];
} features_counts;

/* The text keys features_text_vector counts in the bytes [from, to) of
 * the text c counted (the keys of c's tokens there), into keys (room for
 * c->text_token_count); how many, or -1 when the counts cannot tell: no
 * word keys, a hyphenated word (its parts count too) or no key at all. */
long features_text_keys_between(const features_counts *c, size_t from, size_t to, uint32_t *keys);

/* features_text_vector's vector of a text from its n keys (as
 * features_text_keys_between gives them), weighed now: the same vector,
 * without reading the words again. *out lives in arena. */
int features_text_vector_of_keys(features_context *ctx, const uint32_t *keys, size_t n,
                                 core_arena *arena, features_vector *out);

/* Starts fetching the document frequencies of n keys (core/prefetch.h),
 * which features_text_vector_of_keys reads: a caller about to weigh many
 * short texts asks for all their keys first, so that the misses overlap.
 * Changes nothing. */
void features_prefetch_keys(const features_context *ctx, const uint32_t *keys, size_t n);

/* features_analyze in two steps: features_count reads the words (it
 * changes nothing in ctx but its word cache), features_weigh settles names
 * and weights as features_analyze would at that point of the stream. The
 * two together give exactly what features_analyze gives. */
int features_count(features_context *ctx, const char *lang, const char *title, size_t title_len,
                   const char *text, size_t text_len, core_arena *arena, features_counts *out);
int features_weigh(features_context *ctx, const features_counts *c, int update_df,
                   core_arena *arena, features_doc *out);

/* What features_weigh with update_df does to ctx, without the weights:
 * settles the names of c (is_name, in text order) and counts the text and
 * entity terms of c into df. For a caller that only learns the stream
 * (fil_learn): ctx ends exactly as after features_weigh(ctx, c, 1, ...),
 * at a fraction of the cost (no idf, log or norm per term). Scratch from
 * the arena; FIL_ENOMEM when it or the df map is full. */
int features_learn(features_context *ctx, const features_counts *c, core_arena *arena);

/* A deep copy of c in the arena (e.g. one that outlives the scratch
 * arena). FIL_ENOMEM when it is full. */
int features_counts_copy(const features_counts *c, core_arena *arena, features_counts *out);

/* The form a word is keyed by: its Snowball stem in lang, accents stripped
 * (arena). NULL when the arena is full. */
const char *features_bare_stem(features_context *ctx, const char *lang, const char *folded,
                               size_t len, core_arena *arena, size_t *out_len);

/* The key a token gets in title/text vectors, or 0 for a stopword or a
 * token too short to carry a topic. Labels use it to name centroid terms. */
uint32_t features_token_key(features_context *ctx, const char *lang, const text_token *tok,
                            core_arena *arena);

/* The key a token gets in entity vectors (accent-stripped, unstemmed),
 * whether or not this occurrence counts as a name; 0 for a stopword or a
 * one-character token. */
uint32_t features_entity_key(features_context *ctx, const char *lang, const text_token *tok,
                             core_arena *arena);

/* Inverse document frequency of a key over the articles counted so far:
 * ln((N + 1) / (df + 1)) + 1, the weight features_analyze gives. */
double features_idf(features_context *ctx, uint32_t key);

/* Sorts v's terms by key and merges equal keys, summing their weights
 * (in the order the terms came, so the sums are reproducible). O(n);
 * FIL_ENOMEM when the scratch arena is full. */
int features_sum_by_key(features_vector *v, core_arena *scratch);

/* Sorts v's terms by key, stably (equal keys keep their order), without
 * merging them: the first step of features_sum_by_key, for a caller that
 * merges runs its own way. FIL_ENOMEM when the scratch arena is full. */
int features_sort_by_key(features_vector *v, core_arena *scratch);

/* Scales v to unit L2 norm; an all-zero vector is left as it is. */
void features_normalize(features_vector *v);

/* Keeps the k heaviest terms of a key-sorted vector, in key order; among
 * equal weights the smallest keys stay. O(n) (radix select); scratch from
 * the arena. Returns the new count. */
uint32_t features_prune(features_vector *v, uint32_t k, core_arena *scratch);

/* qsort comparator of features_term: heaviest first, ties by smaller key. */
int features_compare_heaviest(const void *a, const void *b);

/* Dot product of two key-sorted vectors. */
double features_dot(const features_vector *a, const features_vector *b);

/* A vector laid out for many dot products with short vectors (centroids):
 * an open-addressing table of its keys, in the arena. features_table_dot
 * visits the short side in key order, so it gives the very same sum as
 * features_dot. */
typedef struct features_table {
    uint32_t *keys; /* 0 = empty slot (keys are never 0) */
    float *weights; /* 0 in an empty slot */
    uint32_t mask;  /* slots - 1; slots a power of two >= 4 * count */
    uint32_t shift; /* 32 - log2(slots) */
    uint32_t count;
} features_table;

int features_table_build(const features_vector *v, core_arena *arena, features_table *out);
double features_table_dot(const features_table *t, const features_term *terms, uint32_t n);

#endif
