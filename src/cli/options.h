/*
 * src/cli/options.h -- engine options shared by the subcommands that run
 * the engine (cluster, eval, train): --config, --set, --threshold,
 * --window-days.
 */
#ifndef FIL_CLI_OPTIONS_H
#define FIL_CLI_OPTIONS_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "fil.h"

#define CLI_ENGINE_OPTIONS_HELP                                                                    \
    "  --config FILE        read settings ('key = value' lines) from FILE\n"                       \
    "  --set KEY=VALUE      one setting (repeatable); the keys are the fields of fil_config\n"     \
    "                       in fil.h: threshold, threshold_full, weight_title, weight_text,\n"     \
    "                       weight_entities, weight_phrases, weight_time, time_sigma_days,\n"      \
    "                       untimed_factor, weight_size, window_days, window_articles,\n"          \
    "                       centroid_terms, lookup_terms, max_postings, max_candidates,\n"         \
    "                       max_article_bytes, max_tokens, boilerplate_min_count,\n"               \
    "                       dedup_window, storyline_threshold, storyline_entity_weight,\n"         \
    "                       storyline_window_days, stories\n"                                      \
    "  --threshold X        join an event when the score reaches X (0..1); sets both\n"            \
    "                       threshold (headlines) and threshold_full (full articles)\n"            \
    "  --window-days N      events idle N days of stream time leave the index, and an\n"           \
    "                       article joins no event more than N days from its own date\n"

#define CLI_ENGINE_OPTION_COUNT 4

typedef struct cli_engine_options {
    fil_config config;
} cli_engine_options;

void cli_engine_options_init(cli_engine_options *eo);

/* Writes the engine options into longs[at..], followed by a zero entry;
 * longs must have room for CLI_ENGINE_OPTION_COUNT + 1 more entries. */
void cli_engine_options_append(struct option *longs, int at);

/* Handles one getopt_long result; returns 0 when it was an engine option
 * and was applied, 1 (after printing why) otherwise. */
int cli_engine_options_parse(cli_engine_options *eo, int c, const char *arg, const char *cmd);

/* Writes s as a JSON string literal. */
void cli_print_json_string(FILE *out, const char *s);

/* Articles read into memory, with owned copies of their strings. */
typedef struct cli_held_article {
    fil_article a;
    int64_t time_s;   /* published; INT64_MAX when untimed, so it sorts last */
    uint64_t arrival; /* place in the input */
} cli_held_article;

typedef struct cli_article_set {
    cli_held_article *items;
    size_t count, capacity;
} cli_article_set;

/* Reads all articles of in into set (reporting bad records as
 * cli_for_each_article does), then sorts them by time when asked (stable). */
int cli_read_articles(const cli_input *in, int sort_by_time, cli_article_set *set,
                      cli_stats *stats);
void cli_article_set_free(cli_article_set *set);

/* Like cli_for_each_article, but reads all articles first and hands them
 * to fn in order of their published time (stable; untimed ones last). */
int cli_for_each_article_by_time(const cli_input *in, cli_article_fn fn, void *ctx,
                                 cli_stats *stats);

#endif
