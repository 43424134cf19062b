/*
 * src/cli/cli.c -- messages, progress and the article loop; see cli.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* on a terminal, the message takes the place of a progress line being
     * redrawn (cli_progress), which the next report draws again below it */
    fprintf(stderr, "%sfil %s: ", isatty(STDERR_FILENO) ? "\r\033[K" : "", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_parse_count(const char *text, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (end == text || *end || errno || text[0] == '-' || v < min || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

int cli_want_progress(int flag)
{
    if (flag < 0) {
        return 0; /* --no-progress */
    }
    return flag > 0 || isatty(STDERR_FILENO);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_begin(cli_progress *p, const char *cmd, const char *unit, int on)
{
    p->cmd = cmd;
    p->unit = unit;
    p->on = on;
    p->redraw = isatty(STDERR_FILENO);
    p->start = now_seconds();
    p->last = p->start; /* the first report after half a second */
}

/* The seconds since cli_progress_begin when a line is due (at most two a
 * second, and always the last), else -1. */
static double progress_due(cli_progress *p, int last)
{
    if (!p->on) {
        return -1;
    }
    double t = now_seconds();
    if (!last && t - p->last < 0.5) {
        return -1;
    }
    p->last = t;
    return t - p->start > 1e-9 ? t - p->start : 1e-9;
}

/* How a report line starts and ends: redrawn in place on a terminal, a
 * line of its own elsewhere (a log file keeps every report readable, and
 * messages between reports stay on lines of their own). */
static const char *line_start(const cli_progress *p)
{
    return p->redraw ? "\r" : "";
}

static const char *line_end(const cli_progress *p, int last)
{
    return last || !p->redraw ? "\n" : "";
}

/* Shared by cli_progress_show and cli_progress_end. */
static void progress_count(cli_progress *p, uint64_t done, uint64_t total, int last)
{
    double elapsed = progress_due(p, last);
    if (elapsed < 0) {
        return;
    }
    fprintf(stderr, "%sfil %s: %llu", line_start(p), p->cmd, (unsigned long long)done);
    if (total) {
        fprintf(stderr, " of %llu", (unsigned long long)total);
    }
    fprintf(stderr, " %s, %.0f/s%s", p->unit, (double)done / elapsed, line_end(p, last));
    fflush(stderr);
}

void cli_progress_show(cli_progress *p, uint64_t done, uint64_t total)
{
    progress_count(p, done, total, 0);
}

void cli_progress_end(cli_progress *p, uint64_t done, uint64_t total)
{
    progress_count(p, done, total, 1);
}

/* The article loop's progress: articles, megabytes read, rate. */
typedef struct progress {
    cli_progress shown;
    uint64_t bytes_before; /* of readers already closed */
} progress;

static void progress_tick(progress *p, const cli_stats *s, uint64_t bytes, int last)
{
    double elapsed = progress_due(&p->shown, last);
    if (elapsed < 0) {
        return;
    }
    uint64_t done = s->accepted + s->rejected;
    fprintf(stderr, "%sfil %s: %llu articles, %.1f MB, %.0f articles/s%s", line_start(&p->shown),
            p->shown.cmd, (unsigned long long)done, (double)bytes / 1e6, (double)done / elapsed,
            line_end(&p->shown, last));
    fflush(stderr);
}

/* Runs fn over one reader's articles. */
static int read_all(const cli_input *in, fil_reader *r, cli_article_fn fn, void *ctx,
                    cli_stats *stats, progress *pr)
{
    for (;;) {
        fil_article a;
        fil_error err = {0, ""};
        int rc = fil_reader_next(r, &a, &err);
        if (rc == FIL_EOF) {
            return FIL_OK;
        }
        if (rc == FIL_ENOMEM) {
            cli_error(in->cmd, "%s", err.message);
            return rc;
        }
        if (rc == FIL_OK) {
            rc = fn(ctx, &a, &err);
            if (rc == FIL_ENOMEM || rc == FIL_EIO) {
                cli_error(in->cmd, "%s", err.message);
                return rc;
            }
            if (rc) {
                char place[512];
                cli_article_place(&a, place, sizeof place);
                cli_error(in->cmd, "%s: %s", place, err.message);
            }
        } else {
            cli_error(in->cmd, "%s", err.message);
        }
        if (rc) {
            stats->rejected++;
        } else {
            stats->accepted++;
            stats->repaired_articles += a.repaired > 0;
            stats->repaired_sequences += a.repaired;
        }
        progress_tick(pr, stats, pr->bytes_before + fil_reader_bytes(r), 0);
    }
}

int cli_for_each_article(const cli_input *in, cli_article_fn fn, void *ctx, cli_stats *stats)
{
    static char *const stdin_path[] = {"-"};
    char *const *paths = in->path_count > 0 ? in->paths : stdin_path;
    int count = in->path_count > 0 ? in->path_count : 1;
    progress pr = {.bytes_before = 0};
    cli_progress_begin(&pr.shown, in->cmd, "articles", in->progress);
    int rc = FIL_OK;
    for (int i = 0; i < count && rc != FIL_ENOMEM && rc != FIL_EIO; i++) {
        fil_error err = {0, ""};
        fil_reader *r = fil_reader_open(paths[i], &err);
        if (!r) {
            cli_error(in->cmd, "%s", err.message);
            stats->bad_files++;
            continue;
        }
        rc = read_all(in, r, fn, ctx, stats, &pr);
        pr.bytes_before += fil_reader_bytes(r);
        fil_reader_close(r);
    }
    progress_tick(&pr, stats, pr.bytes_before, 1);
    return rc;
}

void cli_article_place(const fil_article *a, char *out, size_t size)
{
    const char *origin = a->origin ? a->origin : "-";
    if (a->line) {
        snprintf(out, size, "%s:%u", origin, a->line);
    } else if (a->item) {
        snprintf(out, size, "%s: item %u", origin, a->item);
    } else {
        snprintf(out, size, "%s", origin);
    }
}

void cli_note_assignment(const char *cmd, const fil_article *a, const fil_assignment *as,
                         cli_stats *stats)
{
    if (as->time_ignored) {
        char place[512];
        cli_article_place(a, place, sizeof place);
        stats->times_ignored++;
        cli_error(cmd, "%s: published '%s' is not an ISO-8601 time; article kept, untimed", place,
                  a->published);
    }
}

void cli_print_summary(const char *cmd, const cli_stats *s)
{
    /* the unit is a plural in -s: one of them loses it */
    const char *unit = s->unit ? s->unit : "articles";
    int units = (int)strlen(unit) - (s->accepted == 1);
    fprintf(stderr, "fil %s: %llu %.*s accepted, %llu rejected", cmd,
            (unsigned long long)s->accepted, units, unit, (unsigned long long)s->rejected);
    if (s->bad_files) {
        fprintf(stderr, ", %llu unreadable file%s", (unsigned long long)s->bad_files,
                s->bad_files == 1 ? "" : "s");
    }
    if (s->times_ignored) {
        fprintf(stderr, ", %llu with an unreadable time", (unsigned long long)s->times_ignored);
    }
    if (s->repaired_articles) {
        fprintf(stderr, ", %llu repaired (%llu invalid UTF-8 sequences replaced)",
                (unsigned long long)s->repaired_articles,
                (unsigned long long)s->repaired_sequences);
    }
    fputc('\n', stderr);
}

int cli_read_stream(FILE *f, char **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
        if (n == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    if (buf) {
        buf[n] = '\0'; /* n < cap: the buffer grows as soon as it is full */
    }
    *out = buf;
    *len = n;
    return buf ? FIL_OK : FIL_ENOMEM;
}

int cli_for_each_json_line(const char *cmd, const char *path, cli_json_fn fn, void *ctx)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error(cmd, "%s: cannot open", path);
        return FIL_EIO;
    }
    char *line = NULL;
    size_t size = 0;
    unsigned no = 0;
    int rc = FIL_OK;
    while (!rc && getline(&line, &size, f) >= 0) {
        no++;
        cJSON *obj = cJSON_Parse(line);
        if (cJSON_IsObject(obj)) {
            rc = fn(ctx, obj, path, no);
        } else if (strspn(line, " \t\r\n") != strlen(line)) {
            cli_error(cmd, "%s:%u: not a JSON object, skipped", path, no);
        }
        cJSON_Delete(obj);
    }
    free(line);
    fclose(f);
    return rc;
}

int cli_reserve(void **items, size_t *capacity, size_t count, size_t item_size)
{
    if (count < *capacity) {
        return FIL_OK;
    }
    size_t cap = *capacity ? *capacity * 2 : 256;
    void *grown = realloc(*items, cap * item_size);
    if (!grown) {
        return FIL_ENOMEM;
    }
    *items = grown;
    *capacity = cap;
    return FIL_OK;
}
