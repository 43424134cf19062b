/*
 * src/cli/cmd_dedup.c -- fil dedup: copies, rewrites and their first
 * publisher; and fil eval dedup: precision and recall per kind against
 * gold labels.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"

static const char dedup_help[] =
    "usage: fil dedup [options] [files...]   (stdin when none)\n"
    "\n"
    "Finds copies and rewrites (MinHash sketches of word 4-grams, banded LSH, containment;\n"
    "src/dedup/) and prints one JSON line per article, in input order:\n"
    "  {id, duplicate_of, kind, containment, original_source}\n"
    "duplicate_of is the first publisher of what the article repeats (null for an original;\n"
    "a copy of a copy points to the first), kind is \"copy\" or \"rewrite\", containment the\n"
    "share of the article's word 4-grams found in the article it repeats. Publication time\n"
    "orders an article after its source; without times, arrival order does. Lines are\n"
    "written once all input is read, since an original may arrive after its copies.\n"
    "\n"
    "options:\n"
    "  --window N           compare each article with the N before it (default 50000;\n"
    "                       about 1.2 KiB of memory each)\n" CLI_PROGRESS_HELP
    "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil dedup < stream.jsonl > lineage.jsonl\n"
    "  fil dedup ../shared/data/seeds/\n";

static const char eval_dedup_help[] =
    "usage: fil eval dedup [--window N] FILE...\n"
    "\n"
    "Runs fil dedup over FILE... and scores it against each article's gold_kind (\"copy\",\n"
    "\"rewrite\"; absent for originals) and gold_duplicate_of (the id of the original).\n"
    "A detection counts as right when its kind and its first publisher are both right.\n"
    "Rewrites carrying gold_kept (the percentage of the original's sentences kept, as\n"
    "bench/gen_stream writes) are also scored among those keeping at least 40%.\n"
    "\n"
    "example:\n"
    "  bench/gen_stream 20000 --keep 10-90 > s.jsonl && fil eval dedup s.jsonl\n";

/* What is kept per article until the end. */
typedef struct held {
    char *id, *source, *gold_kind, *gold_of;
    int gold_kept; /* -1 when not given */
} held;

typedef struct dedup_run {
    fil_dedup *dedup;
    held *items;
    size_t count, capacity;
    int with_gold;
} dedup_run;

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void read_gold(const fil_article *a, held *h)
{
    cJSON *extra = a->extra_json ? cJSON_Parse(a->extra_json) : NULL;
    h->gold_kind =
        dup_or_null(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(extra, "gold_kind")));
    h->gold_of = dup_or_null(
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(extra, "gold_duplicate_of")));
    const cJSON *kept = cJSON_GetObjectItemCaseSensitive(extra, "gold_kept");
    h->gold_kept = cJSON_IsNumber(kept) ? kept->valueint : -1;
    cJSON_Delete(extra);
}

static int on_article(void *ctx, const fil_article *a, fil_error *err)
{
    dedup_run *run = ctx;
    if (cli_reserve((void **)&run->items, &run->capacity, run->count, sizeof *run->items)) {
        return FIL_ENOMEM;
    }
    fil_duplicate d;
    int rc = fil_dedup_add(run->dedup, a, &d, err);
    if (rc) {
        return rc;
    }
    held *h = &run->items[run->count++];
    memset(h, 0, sizeof *h);
    h->id = strdup(a->id ? a->id : "");
    h->source = dup_or_null(a->source);
    h->gold_kept = -1;
    if (run->with_gold) {
        read_gold(a, h);
    }
    return h->id ? FIL_OK : FIL_ENOMEM;
}

static void free_run(dedup_run *run)
{
    for (size_t i = 0; i < run->count; i++) {
        free(run->items[i].id);
        free(run->items[i].source);
        free(run->items[i].gold_kind);
        free(run->items[i].gold_of);
    }
    free(run->items);
    fil_dedup_close(run->dedup);
}

static void print_lineage(const dedup_run *run)
{
    for (size_t i = 0; i < run->count; i++) {
        fil_duplicate d;
        fil_dedup_get(run->dedup, i, &d);
        fputs("{\"id\":", stdout);
        cli_print_json_string(stdout, run->items[i].id);
        fputs(",\"duplicate_of\":", stdout);
        if (d.duplicate_of < 0) {
            fputs("null,\"kind\":null,\"containment\":0,\"original_source\":null}\n", stdout);
            continue;
        }
        const held *root = &run->items[d.duplicate_of];
        cli_print_json_string(stdout, root->id);
        printf(",\"kind\":\"%s\",\"containment\":%.3f,\"original_source\":", d.kind, d.containment);
        if (root->source) {
            cli_print_json_string(stdout, root->source);
        } else {
            fputs("null", stdout);
        }
        fputs("}\n", stdout);
    }
}

/* Reads every article through the detector. */
static int run_dedup(const char *cmd, char **paths, int count, int progress, uint32_t window,
                     dedup_run *run, cli_stats *stats)
{
    fil_config cfg;
    fil_config_default(&cfg);
    cfg.dedup_window = window;
    fil_error err = {0, ""};
    run->dedup = fil_dedup_open(&cfg, &err);
    if (!run->dedup) {
        cli_error(cmd, "%s", err.message);
        return FIL_EINVAL;
    }
    cli_input in = {cmd, paths, count, progress};
    return cli_for_each_article(&in, on_article, run, stats);
}

/* Parses --window, --progress, --no-progress and -h; returns -1 to go on,
 * else the exit status. */
static int parse_options(int argc, char **argv, const char *help, uint32_t *window, int *progress)
{
    enum { OPT_WINDOW = 1000 };
    const struct option longs[] = {
        {"window", required_argument, NULL, OPT_WINDOW},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        switch (c) {
        case OPT_WINDOW: {
            unsigned long v;
            if (cli_parse_count(optarg, 1, 100000000, &v)) {
                cli_error("dedup", "--window takes a count from 1 to 100000000");
                return CLI_EXIT_USAGE;
            }
            *window = (uint32_t)v;
            break;
        }
        case CLI_OPT_PROGRESS: *progress = 1; break;
        case CLI_OPT_NO_PROGRESS: *progress = -1; break;
        case 'h': fputs(help, stdout); return CLI_EXIT_OK;
        default: fputs(help, stderr); return CLI_EXIT_USAGE;
        }
    }
    return -1;
}

int cmd_dedup(int argc, char **argv)
{
    uint32_t window = 50000;
    int progress = 0;
    int status = parse_options(argc, argv, dedup_help, &window, &progress);
    if (status >= 0) {
        return status;
    }
    dedup_run run = {0};
    cli_stats stats = {0};
    int rc = run_dedup("dedup", argv + optind, argc - optind, cli_want_progress(progress), window,
                       &run, &stats);
    if (run.dedup) {
        print_lineage(&run);
    }
    cli_print_summary("dedup", &stats);
    free_run(&run);
    return rc || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * fil eval dedup
 * ---------------------------------------------------------------------- */

typedef struct kind_score {
    size_t predicted, gold, right;
} kind_score;

static void print_score(const char *name, const kind_score *s)
{
    double p = s->predicted ? (double)s->right / s->predicted : 0;
    double r = s->gold ? (double)s->right / s->gold : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-22s P=%.4f R=%.4f F1=%.4f predicted=%zu gold=%zu right=%zu\n", name, p, r, f1,
           s->predicted, s->gold, s->right);
}

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Scores copies, rewrites, and rewrites keeping >= 40% of the sentences
 * (predictions that are gold rewrites keeping less are left out of that
 * row's precision: they are neither asked for nor wrong). */
static void report(const dedup_run *run)
{
    kind_score copy = {0}, rewrite = {0}, rewrite40 = {0};
    for (size_t i = 0; i < run->count; i++) {
        const held *h = &run->items[i];
        fil_duplicate d;
        fil_dedup_get(run->dedup, i, &d);
        const char *root = d.duplicate_of >= 0 ? run->items[d.duplicate_of].id : NULL;
        int right = same(d.kind, h->gold_kind) && same(root, h->gold_of);
        int low_keep = same(h->gold_kind, "rewrite") && h->gold_kept >= 0 && h->gold_kept < 40;
        kind_score *s = same(d.kind, "copy") ? &copy : same(d.kind, "rewrite") ? &rewrite : NULL;
        if (s) {
            s->predicted++;
            s->right += right;
        }
        if (same(d.kind, "rewrite") && !low_keep) {
            rewrite40.predicted++;
            rewrite40.right += right;
        }
        copy.gold += same(h->gold_kind, "copy");
        rewrite.gold += same(h->gold_kind, "rewrite");
        rewrite40.gold += same(h->gold_kind, "rewrite") && !low_keep;
    }
    print_score("copy", &copy);
    print_score("rewrite", &rewrite);
    print_score("rewrite (kept >= 40%)", &rewrite40);
}

int cli_eval_dedup(int argc, char **argv)
{
    uint32_t window = 50000;
    int progress = 0;
    int status = parse_options(argc, argv, eval_dedup_help, &window, &progress);
    if (status >= 0) {
        return status;
    }
    if (optind >= argc) {
        fputs(eval_dedup_help, stderr);
        return CLI_EXIT_USAGE;
    }
    dedup_run run = {0};
    run.with_gold = 1;
    cli_stats stats = {0};
    int rc = run_dedup("eval", argv + optind, argc - optind, cli_want_progress(progress), window,
                       &run, &stats);
    if (!rc) {
        report(&run);
    }
    cli_print_summary("eval", &stats);
    free_run(&run);
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
