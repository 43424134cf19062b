/*
 * src/cli/cli.h -- what the fil subcommands share: messages, progress,
 * and the loop over input articles with per-record error reports.
 *
 * Only the CLI prints. Messages go to stderr as "fil <cmd>: <message>".
 * Exit codes: 0 success, 1 bad data or I/O, 2 usage.
 */
#ifndef FIL_CLI_H
#define FIL_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "fil.h"

#define CLI_EXIT_OK    0
#define CLI_EXIT_DATA  1
#define CLI_EXIT_USAGE 2

void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Counts for the closing summary line. */
typedef struct cli_stats {
    uint64_t accepted, rejected;
    uint64_t repaired_articles, repaired_sequences;
    uint64_t bad_files;
    uint64_t times_ignored; /* articles whose 'published' could not be read */
    const char *unit;       /* what the counts count, a plural in -s; NULL: "articles" */
} cli_stats;

/* Called per good record. Return FIL_OK to count it accepted, or an error
 * code with err filled to have it reported and counted rejected; return
 * FIL_ENOMEM or FIL_EIO to stop the loop. */
typedef int (*cli_article_fn)(void *ctx, const fil_article *a, fil_error *err);

typedef struct cli_input {
    const char *cmd; /* for messages */
    char **paths;    /* NULL or empty: stdin */
    int path_count;
    int progress; /* 1: report progress on stderr */
} cli_input;

/* Reads every article of every path, calling fn. Bad records and missing
 * files are reported with file and line and the loop goes on. Returns
 * FIL_OK, or the code that stopped it. */
int cli_for_each_article(const cli_input *in, cli_article_fn fn, void *ctx, cli_stats *stats);

/* "fil cluster: 635 accepted, 2 rejected ..." on stderr. */
void cli_print_summary(const char *cmd, const cli_stats *stats);

/* Where an article came from, for messages: "file:line", "file: item N"
 * (feeds) or "file". */
void cli_article_place(const fil_article *a, char *out, size_t size);

/* Warns (file and line) when an article's 'published' was unreadable and
 * counts it; the article itself was accepted. */
void cli_note_assignment(const char *cmd, const fil_article *a, const fil_assignment *as,
                         cli_stats *stats);

/* Called per JSON object of a JSONL file with its line number (1-based);
 * the object is freed after the call. Return FIL_OK to go on. */
struct cJSON;
typedef int (*cli_json_fn)(void *ctx, const struct cJSON *obj, const char *path, unsigned line);

/* Runs fn over the JSON objects of the lines of path; a line that is not
 * one is reported ("not a JSON object, skipped") and blank lines are
 * passed over. FIL_EIO (reported) when the file cannot be opened, else
 * FIL_OK or the code that fn returned to stop. */
int cli_for_each_json_line(const char *cmd, const char *path, cli_json_fn fn, void *ctx);

/* Makes room for one more item in a growable array (*items of *capacity
 * items of item_size bytes, count in use), doubling it; FIL_ENOMEM when
 * memory runs out (the array is then unchanged). */
int cli_reserve(void **items, size_t *capacity, size_t count, size_t item_size);

/* Reads all of f into *out (NUL-terminated, *len bytes); caller frees.
 * FIL_ENOMEM when memory runs out. */
int cli_read_stream(FILE *f, char **out, size_t *len);

/* A whole decimal number in [min, max] from an option's text into *out;
 * -1 when the text is not one (the caller names the option). */
int cli_parse_count(const char *text, unsigned long min, unsigned long max, unsigned long *out);

/* 1 when --progress was given or stderr is a terminal (and not --no-progress). */
int cli_want_progress(int flag);

/* --progress and --no-progress, for the commands that can run long: the
 * entries of a getopt_long table, their codes (distinct from any
 * command's own), and their help lines. A command keeps a flag: 1 for
 * --progress, -1 for --no-progress, 0 for neither (cli_want_progress). */
#define CLI_OPT_PROGRESS    900
#define CLI_OPT_NO_PROGRESS 901
/* (clang-format would split the second entry over four lines) */
/* clang-format off */
#define CLI_PROGRESS_LONGS                                                                         \
    {"progress", no_argument, NULL, CLI_OPT_PROGRESS},                                             \
    {"no-progress", no_argument, NULL, CLI_OPT_NO_PROGRESS}
/* clang-format on */
#define CLI_PROGRESS_HELP                                                                          \
    "  --progress           report progress on stderr (default: when stderr is a terminal)\n"      \
    "  --no-progress        never report progress\n"

/* A count of work done, shown on stderr at most twice a second while on:
 * "fil similar: 12000 of 201295 pairs, 9100/s" (unit: "pairs"). On a
 * terminal the line is redrawn in place; elsewhere each report is a line. */
typedef struct cli_progress {
    const char *cmd, *unit; /* borrowed */
    int on, redraw;         /* redraw: stderr is a terminal */
    double start, last;     /* monotonic seconds */
} cli_progress;

void cli_progress_begin(cli_progress *p, const char *cmd, const char *unit, int on);
/* total: 0 when unknown. */
void cli_progress_show(cli_progress *p, uint64_t done, uint64_t total);
/* The final count, and the line ends. */
void cli_progress_end(cli_progress *p, uint64_t done, uint64_t total);

/* Opens the store named by --db (cmd_ingest.c), reporting the replay on
 * stderr when progress is 1; NULL after printing why (also when db is
 * NULL). */
fil_store *cli_open_store(const char *cmd, const char *db, const fil_config *cfg, unsigned flags,
                          int progress);

/* Subcommands: argv[0] is the subcommand name. */
int cmd_cluster(int argc, char **argv);
int cmd_dates(int argc, char **argv);
int cmd_dedup(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_langid(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_train(int argc, char **argv);

/* fil eval dedup (cmd_dedup.c). */
int cli_eval_dedup(int argc, char **argv);

/* fil eval dates (cmd_dates.c). */
int cli_eval_dates(int argc, char **argv);

/* fil eval entities (cmd_entities.c). */
int cli_eval_entities(int argc, char **argv);

#endif
