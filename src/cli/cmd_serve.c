/*
 * src/cli/cmd_serve.c -- fil serve: a store behind the HTTP API and web
 * page of src/serve/ (docs/API.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "serve/server.h"

static const char serve_help[] =
    "usage: fil serve --db FILE [options]\n"
    "\n"
    "Serves a store (made by fil ingest, or created empty) over HTTP: the JSON API of\n"
    "docs/API.md (/api/events, /api/storylines, /api/articles, /api/search, /api/similar,\n"
    "/healthz, /metrics) and a web page at / (a river of events, event and storyline\n"
    "pages, search). POST /api/articles adds JSONL batches; they are durable before the\n"
    "answer, and events and storylines follow within --refresh seconds (or five times\n"
    "the last refresh's length, when that is longer). Reads never wait for writes: posts\n"
    "and refreshes run on a thread of their own. Binds 127.0.0.1 unless --listen says\n"
    "otherwise. Stops on SIGINT or SIGTERM, committing everything.\n"
    "\n"
    "options:\n"
    "  --db FILE            the database (required; replayed on start, as fil ingest does)\n"
    "  --port N             TCP port (default 8080; 0: any free port, printed on stderr)\n"
    "  --listen ADDR        address to bind (default 127.0.0.1; 0.0.0.0 exposes the server)\n"
    "  --max-body BYTES     largest posted batch (default 67108864); larger ones get 413\n"
    "  --max-header BYTES   largest request line and headers (default 16384)\n"
    "  --idle-timeout S     close connections silent for S seconds (default 10)\n"
    "  --max-connections N  open client connections at most (default 4096)\n"
    "  --refresh S          seconds between refreshes of events after posts (default "
    "1)\n" CLI_ENGINE_OPTIONS_HELP
    "  --progress           report the replay's progress on stderr (default: on a terminal)\n"
    "  --no-progress        never report progress\n"
    "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil ingest --db news.db examples/articles.jsonl && fil serve --db news.db --port 8080\n"
    "  curl -s 'localhost:8080/api/events?lang=fr&limit=5'\n"
    "  curl -s -X POST localhost:8080/api/articles --data-binary @batch.jsonl\n";

static void on_log(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "fil serve: %s\n", line);
}

/* One numeric option into *out; -1 (after saying why) when bad. */
static int parse_option(const char *name, const char *text, unsigned long min, unsigned long max,
                        unsigned long *out)
{
    if (cli_parse_count(text, min, max, out)) {
        cli_error("serve", "--%s takes a whole number from %lu to %lu", name, min, max);
        return -1;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    cli_engine_options eo;
    cli_engine_options_init(&eo);
    serve_options so;
    serve_options_default(&so);
    const char *db = NULL;
    int progress = 0;
    unsigned long n;
    enum {
        OPT_DB = 1000,
        OPT_PORT,
        OPT_LISTEN,
        OPT_BODY,
        OPT_HEADER,
        OPT_IDLE,
        OPT_CONNS,
        OPT_REFRESH,
    };
    struct option longs[CLI_ENGINE_OPTION_COUNT + 12] = {
        {"db", required_argument, NULL, OPT_DB},
        {"port", required_argument, NULL, OPT_PORT},
        {"listen", required_argument, NULL, OPT_LISTEN},
        {"max-body", required_argument, NULL, OPT_BODY},
        {"max-header", required_argument, NULL, OPT_HEADER},
        {"idle-timeout", required_argument, NULL, OPT_IDLE},
        {"max-connections", required_argument, NULL, OPT_CONNS},
        {"refresh", required_argument, NULL, OPT_REFRESH},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
    };
    cli_engine_options_append(longs, 11);
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        int bad = 0;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_LISTEN: so.listen = optarg; break;
        case OPT_PORT:
            bad = parse_option("port", optarg, 0, 65535, &n);
            so.port = (unsigned)n;
            break;
        case OPT_BODY:
            bad = parse_option("max-body", optarg, 1024, 1ul << 32, &n);
            so.max_body_bytes = n;
            break;
        case OPT_HEADER:
            bad = parse_option("max-header", optarg, 1024, 1ul << 24, &n);
            so.max_header_bytes = n;
            break;
        case OPT_IDLE:
            bad = parse_option("idle-timeout", optarg, 1, 86400, &n);
            so.idle_seconds = (unsigned)n;
            break;
        case OPT_CONNS:
            bad = parse_option("max-connections", optarg, 1, 1000000, &n);
            so.max_connections = (unsigned)n;
            break;
        case OPT_REFRESH:
            bad = parse_option("refresh", optarg, 1, 3600, &n);
            so.refresh_seconds = (double)n;
            break;
        case CLI_OPT_PROGRESS: progress = 1; break;
        case CLI_OPT_NO_PROGRESS: progress = -1; break;
        case 'h': fputs(serve_help, stdout); return CLI_EXIT_OK;
        default: bad = cli_engine_options_parse(&eo, c, optarg, "serve");
        }
        if (bad) {
            fputs(serve_help, stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("serve", "unexpected argument '%s'", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    fil_store *store = cli_open_store("serve", db, &eo.config, 0, cli_want_progress(progress));
    if (!store) {
        return db ? CLI_EXIT_DATA : CLI_EXIT_USAGE;
    }
    fil_error err = {0, ""};
    int rc = serve_run(store, db, &so, on_log, NULL, &err);
    if (rc) {
        cli_error("serve", "%s", err.message);
    }
    fil_error close_err = {0, ""};
    if (fil_store_close(store, &close_err)) {
        cli_error("serve", "%s", close_err.message);
        rc = rc ? rc : close_err.code;
    }
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
