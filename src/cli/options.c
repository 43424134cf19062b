/*
 * src/cli/options.c -- shared engine options and helpers; see options.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/options.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_CONFIG = 2000, OPT_SET, OPT_THRESHOLD, OPT_WINDOW };

void cli_engine_options_init(cli_engine_options *eo)
{
    fil_config_default(&eo->config);
}

void cli_engine_options_append(struct option *longs, int at)
{
    const struct option engine[CLI_ENGINE_OPTION_COUNT + 1] = {
        {"config", required_argument, NULL, OPT_CONFIG},
        {"set", required_argument, NULL, OPT_SET},
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"window-days", required_argument, NULL, OPT_WINDOW},
        {NULL, 0, NULL, 0},
    };
    memcpy(longs + at, engine, sizeof engine);
}

int cli_engine_options_parse(cli_engine_options *eo, int c, const char *arg, const char *cmd)
{
    fil_error err = {0, ""};
    int rc;
    switch (c) {
    case OPT_CONFIG: rc = fil_config_load(&eo->config, arg, &err); break;
    case OPT_SET: {
        char key[64];
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : 0;
        if (!eq || n >= sizeof key) {
            cli_error(cmd, "--set takes KEY=VALUE, not '%s'", arg);
            return 1;
        }
        memcpy(key, arg, n);
        key[n] = '\0';
        rc = fil_config_set(&eo->config, key, eq + 1, &err);
        break;
    }
    case OPT_THRESHOLD:
        rc = fil_config_set(&eo->config, "threshold", arg, &err);
        rc = rc ? rc : fil_config_set(&eo->config, "threshold_full", arg, &err);
        break;
    case OPT_WINDOW: rc = fil_config_set(&eo->config, "window_days", arg, &err); break;
    default: return 1; /* getopt has already said what was wrong */
    }
    if (rc) {
        cli_error(cmd, "%s", err.message);
        return 1;
    }
    return 0;
}

void cli_print_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fputc('\\', out);
            fputc(*p, out);
        } else if (*p == '\n') {
            fputs("\\n", out);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* ------------------------------------------------------------------------
 * Reading everything, then replaying in time order
 * ---------------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void held_free(cli_held_article *h)
{
    free((char *)h->a.id);
    free((char *)h->a.url);
    free((char *)h->a.source);
    free((char *)h->a.lang);
    free((char *)h->a.published);
    free((char *)h->a.title);
    free((char *)h->a.text);
    free((char *)h->a.extra_json);
    free((char *)h->a.origin);
}

static int hold(void *ctx, const fil_article *a, fil_error *err)
{
    cli_article_set *h = ctx;
    if (cli_reserve((void **)&h->items, &h->capacity, h->count, sizeof *h->items)) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return FIL_ENOMEM;
    }
    cli_held_article *it = &h->items[h->count];
    it->a = *a;
    it->a.id = dup_or_null(a->id);
    it->a.url = dup_or_null(a->url);
    it->a.source = dup_or_null(a->source);
    it->a.lang = dup_or_null(a->lang);
    it->a.published = dup_or_null(a->published);
    it->a.title = dup_or_null(a->title);
    it->a.text = dup_or_null(a->text);
    it->a.extra_json = dup_or_null(a->extra_json);
    it->a.origin = dup_or_null(a->origin);
    it->arrival = h->count;
    if (!a->published || fil_parse_time(a->published, &it->time_s) != FIL_OK) {
        it->time_s = INT64_MAX;
    }
    h->count++;
    return FIL_OK;
}

static int by_time(const void *x, const void *y)
{
    const cli_held_article *a = x, *b = y;
    if (a->time_s != b->time_s) {
        return a->time_s < b->time_s ? -1 : 1;
    }
    return (a->arrival > b->arrival) - (a->arrival < b->arrival);
}

int cli_read_articles(const cli_input *in, int sort_by_time, cli_article_set *set, cli_stats *stats)
{
    int rc = cli_for_each_article(in, hold, set, stats);
    if (sort_by_time && set->count > 1) {
        qsort(set->items, set->count, sizeof *set->items, by_time);
    }
    return rc;
}

void cli_article_set_free(cli_article_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        held_free(&set->items[i]);
    }
    free(set->items);
    memset(set, 0, sizeof *set);
}

int cli_for_each_article_by_time(const cli_input *in, cli_article_fn fn, void *ctx,
                                 cli_stats *stats)
{
    cli_article_set set = {0};
    cli_stats read_stats = {0};
    int rc = cli_read_articles(in, 1, &set, &read_stats);
    stats->rejected += read_stats.rejected;
    stats->bad_files += read_stats.bad_files;
    for (size_t i = 0; !rc && i < set.count; i++) {
        const fil_article *a = &set.items[i].a;
        fil_error err = {0, ""};
        int r = fn(ctx, a, &err);
        if (r == FIL_ENOMEM || r == FIL_EIO) {
            rc = r;
        }
        if (r) {
            cli_error(in->cmd, "%s:%u: %s", a->origin ? a->origin : "-", a->line, err.message);
            stats->rejected++;
        } else {
            stats->accepted++;
            stats->repaired_articles += a->repaired > 0;
            stats->repaired_sequences += a->repaired;
        }
    }
    cli_article_set_free(&set);
    return rc;
}
