/*
 * src/cli/cmd_similar.c -- fil similar: how alike two articles are, and why;
 * or every pair of a pair file.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/pairs.h"

static const char similar_help[] =
    "usage: fil similar [options] A B\n"
    "       fil similar --pairs FILE [options]\n"
    "\n"
    "Scores how alike two articles are on the scale of SemEval-2022 Task 8 (1 = very\n"
    "similar .. 4 = very dissimilar) for overall, geography, entities, time and narrative,\n"
    "says whether they report the same event, and why: shared entities and quotes, the gap\n"
    "in days, and the features the model saw (src/cluster/similarity.h).\n"
    "A and B are article files: JSON or JSONL (the first record) or .txt. With --pairs,\n"
    "FILE holds one pair per line ({\"pair_id\", \"a\": {...}, \"b\": {...}}; fil eval pairs\n"
    "--help) and one JSON line per pair is written. Words are weighed by how rare they\n"
    "are among all the articles given (and those of --background).\n"
    "\n"
    "options:\n"
    "  --pairs FILE         score every pair of FILE ('-': stdin)\n"
    "  --background FILE    also count the articles of FILE (JSONL, .txt, directory) into\n"
    "                       the word statistics; repeatable\n"
    "  --why / --no-why     include the evidence (default: with A B yes, with --pairs no)\n"
    "  --model FILE         use the model in FILE instead of the built-in one\n" CLI_PROGRESS_HELP
    "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil similar ../shared/data/seeds/000.txt ../shared/data/seeds/001.txt\n"
    "  fil similar --pairs ../shared/data/pairs/semeval22_train.jsonl > scores.jsonl\n";

typedef struct similar_options {
    const char *pairs, *model;
    char *background[16];
    int background_count, why;
    int progress; /* 1: report progress on stderr */
} similar_options;

static void print_result(const char *key, const char *value, const fil_similarity_result *r)
{
    printf("{\"%s\":", key);
    cli_print_json_string(stdout, value ? value : "");
    printf(",\"overall\":%.2f,\"geography\":%.2f,\"entities\":%.2f,\"time\":%.2f,"
           "\"narrative\":%.2f,\"same_event\":%s",
           r->overall, r->geography, r->entities, r->time, r->narrative,
           r->same_event ? "true" : "false");
    if (r->why) {
        printf(",\"why\":%s", r->why);
    }
    puts("}");
}

static int learn_article(void *ctx, const fil_article *a, fil_error *err)
{
    return fil_learn(ctx, a, err);
}

/* Counts the --background articles into the engine's statistics. */
static int learn_background(fil_engine *e, const similar_options *o)
{
    if (!o->background_count) {
        return FIL_OK;
    }
    cli_input in = {"similar", (char **)o->background, o->background_count, o->progress};
    cli_stats stats = {0};
    return cli_for_each_article(&in, learn_article, e, &stats);
}

static int score_pairs(fil_engine *e, const similar_options *o)
{
    cli_pair_set set = {0};
    cli_stats stats = {0};
    stats.unit = "pairs";
    fil_error err = {0, ""};
    int rc = cli_read_pairs("similar", o->pairs, &set, &stats);
    rc = rc ? rc : cli_learn_pairs(e, &set, &err);
    cli_progress shown;
    cli_progress_begin(&shown, "similar", "pairs", o->progress);
    size_t scored = 0;
    for (size_t i = 0; !rc && i < set.count; i++) {
        fil_similarity_result r;
        rc = fil_similarity(e, &set.items[i].side[0], &set.items[i].side[1],
                            o->why > 0 ? FIL_SIMILARITY_WHY : 0, &r, &err);
        if (!rc) {
            print_result("pair_id", set.items[i].pair_id, &r);
            scored++;
        }
        fil_free(r.why);
        cli_progress_show(&shown, scored, set.count);
    }
    cli_progress_end(&shown, scored, set.count);
    if (rc && err.message[0]) {
        cli_error("similar", "%s", err.message);
    }
    cli_print_summary("similar", &stats);
    cli_pair_set_free(&set);
    return rc ? rc : stats.rejected ? FIL_EPARSE : FIL_OK;
}

/* The first article of a file, with owned strings in held. */
static int read_first(const char *path, cli_article_set *held)
{
    cli_input in = {"similar", (char **)&path, 1, 0};
    cli_stats stats = {0};
    int rc = cli_read_articles(&in, 0, held, &stats);
    if (!rc && held->count == 0) {
        cli_error("similar", "%s: no article", path);
        rc = FIL_EEMPTY;
    }
    return rc;
}

static int score_two(fil_engine *e, const similar_options *o, const char *pa, const char *pb)
{
    cli_article_set a = {0}, b = {0};
    fil_error err = {0, ""};
    fil_similarity_result r = {0};
    int rc = read_first(pa, &a);
    rc = rc ? rc : read_first(pb, &b);
    rc = rc ? rc : fil_learn(e, &a.items[0].a, &err);
    rc = rc ? rc : fil_learn(e, &b.items[0].a, &err);
    rc = rc ? rc
            : fil_similarity(e, &a.items[0].a, &b.items[0].a, o->why ? FIL_SIMILARITY_WHY : 0, &r,
                             &err);
    if (!rc) {
        char ids[512];
        snprintf(ids, sizeof ids, "%s / %s", a.items[0].a.id ? a.items[0].a.id : pa,
                 b.items[0].a.id ? b.items[0].a.id : pb);
        print_result("pair", ids, &r);
    } else if (err.message[0]) {
        cli_error("similar", "%s", err.message);
    }
    fil_free(r.why);
    cli_article_set_free(&a);
    cli_article_set_free(&b);
    return rc;
}

static int parse_options(int argc, char **argv, similar_options *o)
{
    enum { OPT_PAIRS = 1000, OPT_BACKGROUND, OPT_WHY, OPT_NO_WHY, OPT_MODEL };
    const struct option longs[] = {
        {"pairs", required_argument, NULL, OPT_PAIRS},
        {"background", required_argument, NULL, OPT_BACKGROUND},
        {"why", no_argument, NULL, OPT_WHY},
        {"no-why", no_argument, NULL, OPT_NO_WHY},
        {"model", required_argument, NULL, OPT_MODEL},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        switch (c) {
        case OPT_PAIRS: o->pairs = optarg; break;
        case OPT_BACKGROUND:
            if (o->background_count == 16) {
                cli_error("similar", "at most 16 --background files");
                return CLI_EXIT_USAGE;
            }
            o->background[o->background_count++] = optarg;
            break;
        case OPT_WHY: o->why = 1; break;
        case OPT_NO_WHY: o->why = 0; break;
        case OPT_MODEL: o->model = optarg; break;
        case CLI_OPT_PROGRESS: o->progress = 1; break;
        case CLI_OPT_NO_PROGRESS: o->progress = -1; break;
        case 'h': fputs(similar_help, stdout); return CLI_EXIT_OK;
        default: fputs(similar_help, stderr); return CLI_EXIT_USAGE;
        }
    }
    int files = argc - optind;
    if ((o->pairs && files != 0) || (!o->pairs && files != 2)) {
        fputs(similar_help, stderr);
        return CLI_EXIT_USAGE;
    }
    return -1;
}

int cmd_similar(int argc, char **argv)
{
    similar_options o = {0};
    o.why = -1; /* not said: the mode decides */
    int status = parse_options(argc, argv, &o);
    if (status >= 0) {
        return status;
    }
    o.why = o.why < 0 ? !o.pairs : o.why;
    o.progress = cli_want_progress(o.progress);
    fil_error err = {0, ""};
    fil_engine *e = fil_open(NULL, &err);
    if (!e) {
        cli_error("similar", "%s", err.message);
        return CLI_EXIT_DATA;
    }
    int rc = FIL_OK;
    if (o.model) {
        FILE *f = fopen(o.model, "rb");
        char *text = NULL;
        size_t len;
        rc = f ? cli_read_stream(f, &text, &len) : FIL_EIO;
        rc = rc ? rc : fil_similarity_use(e, text, &err);
        if (rc) {
            cli_error("similar", "%s: %s", o.model, err.message[0] ? err.message : "cannot read");
        }
        free(text);
        if (f) {
            fclose(f);
        }
    }
    rc = rc ? rc : learn_background(e, &o);
    rc = rc ? rc : o.pairs ? score_pairs(e, &o) : score_two(e, &o, argv[optind], argv[optind + 1]);
    fil_close(e);
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
