/*
 * src/cli/pairs.h -- files of article pairs with gold similarity, for
 * fil similar --pairs, fil eval pairs and fil train pairs.
 *
 * A pair file is JSONL, one pair per line: {"pair_id", "a": {article},
 * "b": {article}, "lang1", "lang2", "overall", "geography", "entities",
 * "time", "narrative"} (the form of SemEval-2022 Task 8 in
 * ../shared/data/pairs). An article object has the fields of the article
 * record (id, title, text, lang, published, source, url); lang1 and lang2
 * stand in for a missing lang. Gold scores are optional (NaN when absent).
 * A line that is not a JSON object, or lacks an article with a title or
 * text on either side, is reported with its line number and skipped.
 */
#ifndef FIL_CLI_PAIRS_H
#define FIL_CLI_PAIRS_H

#include <stddef.h>

#include "cli/cli.h"
#include "fil.h"

#define CLI_DIMENSIONS 5 /* overall, geography, entities, time, narrative */

typedef struct cli_pair {
    fil_article side[2]; /* strings owned by the pair */
    double gold[CLI_DIMENSIONS];
    char *pair_id;          /* owned; "line N" when the file has none */
    char language_pair[24]; /* "en-de" from lang1/lang2 or the articles' langs; "" unknown */
} cli_pair;

typedef struct cli_pair_set {
    cli_pair *items;
    size_t count, capacity;
} cli_pair_set;

extern const char *const cli_dimension_names[CLI_DIMENSIONS];

/* Reads a pair file; bad lines are reported (cmd: "eval", ...) and counted
 * in stats. FIL_EIO when the file cannot be read, FIL_ENOMEM. */
int cli_read_pairs(const char *cmd, const char *path, cli_pair_set *set, cli_stats *stats);
void cli_pair_set_free(cli_pair_set *set);

/* Counts every distinct article (by id) of the set into the engine's
 * document frequencies (fil_learn), in id order. */
int cli_learn_pairs(fil_engine *engine, const cli_pair_set *set, fil_error *err);

/* Assigns each pair a fold in [0, k) so that no article is in two folds:
 * pairs that share an article (transitively) share a fold; groups go to
 * folds in turn, in order of first appearance. fold: set->count entries. */
int cli_pair_folds(const cli_pair_set *set, int k, int *fold);

/* Pearson correlation of x and y (n values); NaN when undefined. */
double cli_pearson(const double *x, const double *y, size_t n);

int cli_eval_pairs(int argc, char **argv);
int cli_train_pairs(int argc, char **argv);

#endif
