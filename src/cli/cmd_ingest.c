/*
 * src/cli/cmd_ingest.c -- fil ingest: articles into a store (fil_store_*),
 * in batches, resumable; and fil search: full-text search of a store.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"

static const char ingest_help[] =
    "usage: fil ingest --db FILE [options] [files or directories...]   (stdin when none)\n"
    "\n"
    "Adds articles to a SQLite database (created when missing): each is clustered as\n"
    "fil cluster would, with its copies, storyline, entities, quotes and timeline, and\n"
    "the events and storylines are written to their tables at the end. Articles become\n"
    "durable in batches, one transaction each; an article id already stored is skipped,\n"
    "so ingesting the same input again is a no-op and an interrupted run can simply be\n"
    "started again. On opening, the stored articles are replayed through the engine (the\n"
    "clustering state is rebuilt from them); use the same settings on every run, or the\n"
    "replay reports that the stored decisions no longer match.\n"
    "Prints {\"db\", \"articles\", \"added\", \"existing\", \"rejected\", \"events\"} on stdout.\n"
    "\n"
    "options:\n"
    "  --db FILE            the database (required)\n"
    "  --batch N            articles per transaction (default 1000)\n" CLI_ENGINE_OPTIONS_HELP
        CLI_PROGRESS_HELP "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil ingest --db news.db examples/articles.jsonl\n"
    "  fil ingest --db news.db --batch 5000 < stream.jsonl\n";

static const char search_help[] =
    "usage: fil search --db FILE [--limit N] [--offset N] WORDS...\n"
    "\n"
    "Full-text search over the titles and texts of a store's articles (SQLite FTS5,\n"
    "accents optional: \"cessez-le-feu\" finds \"cessez-le-feu\", \"Erdogan\" finds\n"
    "\"Erdoğan\"). Every word must occur. Prints {\"total\", \"offset\", \"limit\",\n"
    "\"results\": [{id, title, source, lang, published, event, snippet}]}, best first;\n"
    "in snippets the matched words are wrapped in U+E000 and U+E001.\n"
    "\n"
    "options:\n"
    "  --db FILE            the database (required)\n"
    "  --limit N            results per page (default 50, at most 500)\n"
    "  --offset N           results to skip\n"
    "  -h, --help           this help\n"
    "\n"
    "example:\n"
    "  fil search --db news.db \"Idlib cessez-le-feu\"\n";

typedef struct ingest_run {
    fil_store *store;
    unsigned long batch;
    uint64_t added, existing, in_batch;
} ingest_run;

/* The replay of a store's articles on opening, as progress. */
static void on_replay(void *ctx, uint64_t done, uint64_t total)
{
    if (done == total) {
        cli_progress_end(ctx, done, total);
    } else {
        cli_progress_show(ctx, done, total);
    }
}

static int on_article(void *ctx, const fil_article *a, fil_error *err)
{
    ingest_run *run = ctx;
    fil_assignment as;
    int existing;
    int rc = fil_store_add(run->store, a, &as, &existing, err);
    if (rc) {
        /* a failed add may have left the batch half written: stop */
        return rc == FIL_EEMPTY || rc == FIL_EPARSE ? rc : FIL_EIO;
    }
    run->added += !existing;
    run->existing += existing;
    if (!existing && ++run->in_batch >= run->batch) {
        run->in_batch = 0;
        rc = fil_store_commit(run->store, err);
    }
    return rc ? FIL_EIO : FIL_OK;
}

fil_store *cli_open_store(const char *cmd, const char *db, const fil_config *cfg, unsigned flags,
                          int progress)
{
    if (!db) {
        cli_error(cmd, "--db FILE is required");
        return NULL;
    }
    fil_error err = {0, ""};
    cli_progress report;
    cli_progress_begin(&report, cmd, "articles replayed", progress);
    fil_store *store = fil_store_open(db, cfg, flags, on_replay, &report, &err);
    if (!store) {
        cli_error(cmd, "%s", err.message);
    }
    return store;
}

int cmd_ingest(int argc, char **argv)
{
    cli_engine_options eo;
    cli_engine_options_init(&eo);
    const char *db = NULL;
    int progress = 0;
    unsigned long batch = 1000;
    enum { OPT_DB = 1000, OPT_BATCH };
    struct option longs[CLI_ENGINE_OPTION_COUNT + 6] = {
        {"db", required_argument, NULL, OPT_DB},
        {"batch", required_argument, NULL, OPT_BATCH},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
    };
    cli_engine_options_append(longs, 5);
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_BATCH:
            if (cli_parse_count(optarg, 1, 10000000, &batch)) {
                cli_error("ingest", "--batch takes a count from 1 to 10000000");
                return CLI_EXIT_USAGE;
            }
            break;
        case CLI_OPT_PROGRESS: progress = 1; break;
        case CLI_OPT_NO_PROGRESS: progress = -1; break;
        case 'h': fputs(ingest_help, stdout); return CLI_EXIT_OK;
        default:
            if (cli_engine_options_parse(&eo, c, optarg, "ingest")) {
                fputs(ingest_help, stderr);
                return CLI_EXIT_USAGE;
            }
        }
    }
    int show = cli_want_progress(progress);
    fil_store *store = cli_open_store("ingest", db, &eo.config, 0, show);
    if (!store) {
        return db ? CLI_EXIT_DATA : CLI_EXIT_USAGE;
    }
    cli_stats stats = {0};
    ingest_run run = {store, batch, 0, 0, 0};
    cli_input in = {"ingest", argv + optind, argc - optind, show};
    int rc = cli_for_each_article(&in, on_article, &run, &stats);
    fil_error err = {0, ""};
    uint64_t articles = fil_store_article_count(store);
    uint64_t events = fil_event_count(fil_store_engine(store));
    /* after a failed add, what the batch holds is still a prefix of the
     * stream the engine saw, so it is committed like any other */
    int closed = fil_store_close(store, &err);
    if (closed) {
        cli_error("ingest", "%s", err.message);
    }
    printf("{\"db\":");
    cli_print_json_string(stdout, db);
    printf(",\"articles\":%llu,\"added\":%llu,\"existing\":%llu,\"rejected\":%llu,"
           "\"events\":%llu}\n",
           (unsigned long long)articles, (unsigned long long)run.added,
           (unsigned long long)run.existing, (unsigned long long)stats.rejected,
           (unsigned long long)events);
    cli_print_summary("ingest", &stats);
    return rc || closed || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
}

/* Joins argv[from..] with spaces into a malloc'd string. */
static char *join_words(int argc, char **argv, int from)
{
    size_t n = 1;
    for (int i = from; i < argc; i++) {
        n += strlen(argv[i]) + 1;
    }
    char *text = malloc(n);
    if (text) {
        text[0] = '\0';
        for (int i = from; i < argc; i++) {
            strcat(strcat(text, i > from ? " " : ""), argv[i]);
        }
    }
    return text;
}

int cmd_search(int argc, char **argv)
{
    const char *db = NULL;
    unsigned long limit = 0, offset = 0;
    enum { OPT_DB = 1000, OPT_LIMIT, OPT_OFFSET };
    static const struct option longs[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"offset", required_argument, NULL, OPT_OFFSET},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        unsigned long *count = c == OPT_LIMIT ? &limit : &offset;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_LIMIT:
        case OPT_OFFSET:
            if (cli_parse_count(optarg, c == OPT_LIMIT, 100000000, count)) {
                cli_error("search", "--%s takes a count", c == OPT_LIMIT ? "limit" : "offset");
                return CLI_EXIT_USAGE;
            }
            break;
        case 'h': fputs(search_help, stdout); return CLI_EXIT_OK;
        default: fputs(search_help, stderr); return CLI_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("search", "no words to search for");
        fputs(search_help, stderr);
        return CLI_EXIT_USAGE;
    }
    fil_store *store = cli_open_store("search", db, NULL, FIL_STORE_READ_ONLY, 0);
    char *words = store ? join_words(argc, argv, optind) : NULL;
    if (!store || !words) {
        fil_store_close(store, NULL);
        return db ? CLI_EXIT_DATA : CLI_EXIT_USAGE;
    }
    fil_query q = {.text = words, .limit = (uint32_t)limit, .offset = (uint32_t)offset};
    fil_error err = {0, ""};
    char *json;
    size_t len;
    int rc = fil_store_search_json(store, &q, &json, &len, &err);
    if (rc) {
        cli_error("search", "%s", err.message);
    } else {
        printf("%s\n", json);
        fil_free(json);
    }
    free(words);
    fil_store_close(store, NULL);
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
