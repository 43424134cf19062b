/*
 * src/io/reader.c -- fil_reader: files, directories and stdin to articles.
 */
#define _POSIX_C_SOURCE 200809L
#include "io/reader.h"
#include "core/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/error.h"
#include "io/lines.h"
#include "io/record.h"
#include "markup/feed.h"
#include "markup/html.h"

/* Bytes looked at to tell a file's kind. */
#define IO_SNIFF_BYTES 4096

typedef enum { KIND_JSONL, KIND_TEXT, KIND_HTML, KIND_FEED, KIND_BINARY } file_kind;

struct fil_reader {
    char **paths; /* owned: files still to read, in order */
    size_t path_count, path_next;
    gzFile file;      /* current file, inflated when gzip; NULL between files */
    const char *path; /* current file's name, borrowed from paths */
    file_kind kind;
    io_lines lines;
    io_record record;
    markup_page page;    /* the current HTML page (owned) */
    markup_feed feed;    /* the current feed (owned); its items are handed out in order */
    size_t feed_next;    /* next item of feed */
    uint64_t bytes_done; /* bytes of finished files (inflated) */
};

static int path_push(fil_reader *r, const char *path)
{
    char **p = core_realloc(r->paths, (r->path_count + 1) * sizeof *p);
    if (!p) {
        return FIL_ENOMEM;
    }
    r->paths = p;
    r->paths[r->path_count] = core_strdup(path);
    return r->paths[r->path_count++] ? FIL_OK : FIL_ENOMEM;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_article_suffix(const char *name)
{
    static const char *const suffixes[] = {".jsonl", ".ndjson", ".json", ".txt", ".html", ".htm",
                                           ".xhtml", ".xml",    ".rss",  ".rdf", ".atom", ".gz"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t m = strlen(suffixes[i]);
        if (n > m && strcmp(name + n - m, suffixes[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Collects a directory's article files, recursively, sorted by name. */
static int collect_dir(fil_reader *r, const char *dir, fil_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        return core_error_set(err, FIL_EIO, "%s: %s", dir, strerror(errno));
    }
    char **names = NULL;
    size_t count = 0;
    int rc = FIL_OK;
    size_t dir_len = strlen(dir);
    const char *slash = dir_len && dir[dir_len - 1] == '/' ? "" : "/"; /* "pages/" + name */
    for (;;) {
        struct dirent *e = readdir(d);
        if (!e) {
            break;
        }
        if (e->d_name[0] == '.') {
            continue;
        }
        char **p = core_realloc(names, (count + 1) * sizeof *p);
        if (!p) {
            rc = FIL_ENOMEM;
            break;
        }
        names = p;
        size_t size = dir_len + strlen(e->d_name) + 2;
        char *full = core_malloc(size);
        if (!full) {
            rc = FIL_ENOMEM;
            break;
        }
        snprintf(full, size, "%s%s%s", dir, slash, e->d_name);
        names[count++] = full;
    }
    closedir(d);
    if (count > 1) {
        qsort(names, count, sizeof *names, compare_names);
    }
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (!rc && stat(names[i], &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                rc = collect_dir(r, names[i], err);
            } else if (has_article_suffix(names[i])) {
                rc = path_push(r, names[i]);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

fil_reader *fil_reader_open(const char *path, fil_error *err)
{
    fil_reader *r = core_calloc(1, sizeof *r);
    if (!r) {
        core_error_set(err, FIL_ENOMEM, "out of memory");
        return NULL;
    }
    io_record_init(&r->record);
    struct stat st;
    int rc;
    if (strcmp(path, "-") == 0) {
        rc = path_push(r, path);
    } else if (stat(path, &st) != 0) {
        rc = core_error_set(err, FIL_EIO, "%s: %s", path, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        rc = collect_dir(r, path, err);
    } else {
        rc = path_push(r, path);
    }
    if (rc) {
        if (rc == FIL_ENOMEM) {
            core_error_set(err, rc, "out of memory");
        }
        fil_reader_close(r);
        return NULL;
    }
    return r;
}

static int has_prefix_nocase(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    if (n < m) {
        return 0;
    }
    for (size_t i = 0; i < m; i++) {
        int c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != prefix[i]) {
            return 0;
        }
    }
    return 1;
}

/* 1 when "<html" stands somewhere in s[0..n), in any case. */
static int holds_html_tag(const char *s, size_t n)
{
    for (const char *p = memchr(s, '<', n); p; p = memchr(p + 1, '<', n - (size_t)(p + 1 - s))) {
        if (has_prefix_nocase(p, n - (size_t)(p - s), "<html")) {
            return 1;
        }
        if (p + 1 >= s + n) {
            break;
        }
    }
    return 0;
}

/* Index of the root element's '<' past the XML declaration, doctype and
 * comments, or n when the head has none. */
static size_t root_element(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
            i++;
        }
        if (i + 1 >= n || s[i] != '<' || (s[i + 1] != '?' && s[i + 1] != '!')) {
            return i;
        }
        int comment = has_prefix_nocase(s + i, n - i, "<!--");
        const char *end = NULL;
        for (size_t j = i + 1; j < n && !end; j++) {
            if (s[j] == '>' && (!comment || (j >= i + 6 && s[j - 1] == '-' && s[j - 2] == '-'))) {
                end = s + j;
            }
        }
        if (!end) {
            return n;
        }
        i = (size_t)(end - s) + 1;
    }
    return n;
}

/* The kind of a file from its first bytes (after inflating and after a
 * byte order mark), not from its name. */
static file_kind sniff_kind(const char *head, size_t n)
{
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
        i++;
    }
    if (i >= n || head[i] == '{') {
        return KIND_JSONL; /* an empty or blank file: no records, no complaint */
    }
    if (n >= 2 &&
        ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
        return KIND_HTML; /* UTF-16 with its BOM: markup (html.h reads the BOM) */
    }
    if (memchr(head, '\0', n)) {
        return KIND_BINARY;
    }
    if (head[i] != '<') {
        /* a page after stray text (a server's warning, a saved header) */
        return holds_html_tag(head, n) ? KIND_HTML : KIND_TEXT;
    }
    size_t root = root_element(head, n);
    const char *tag = head + root;
    size_t left = n - root;
    if (has_prefix_nocase(tag, left, "<rss") || has_prefix_nocase(tag, left, "<feed") ||
        has_prefix_nocase(tag, left, "<rdf:rdf")) {
        return KIND_FEED;
    }
    if (has_prefix_nocase(tag, left, "<html")) {
        return KIND_HTML;
    }
    return has_prefix_nocase(head + i, n - i, "<?xml") ? KIND_FEED : KIND_HTML;
}

static int report_read_error(fil_reader *r, int rc, fil_error *err);

static void close_file(fil_reader *r)
{
    if (r->file) {
        r->bytes_done += r->lines.bytes_read;
        gzclose(r->file);
        io_lines_free(&r->lines);
    }
    r->file = NULL;
    markup_page_free(&r->page);
    markup_feed_free(&r->feed);
    r->feed_next = 0;
}

/* Opens the next path through zlib (stdin on a duplicate descriptor, so
 * closing it leaves stdin open) and tells its kind. */
static int open_next_file(fil_reader *r, fil_error *err)
{
    close_file(r);
    if (r->path_next >= r->path_count) {
        return FIL_EOF;
    }
    r->path = r->paths[r->path_next++];
    int is_stdin = strcmp(r->path, "-") == 0;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(r->path, O_RDONLY);
    r->file = fd >= 0 ? gzdopen(fd, "rb") : NULL;
    if (!r->file) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
        }
        return core_error_set(err, FIL_EIO, "%s: %s", r->path, strerror(saved ? saved : ENOMEM));
    }
    gzbuffer(r->file, 1u << 17);
    io_lines_init(&r->lines, r->file, IO_MAX_LINE_BYTES);
    const char *head;
    size_t n;
    int rc = io_lines_peek(&r->lines, IO_SNIFF_BYTES, &head, &n);
    if (rc) {
        return report_read_error(r, rc, err);
    }
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        io_lines_skip(&r->lines, 3); /* editors on some systems write one */
        head += 3;
        n -= 3;
    }
    r->kind = sniff_kind(head, n);
    return FIL_OK;
}

/* The id of a file's article: its name without directory, ".gz" and
 * extension. */
static void id_from_path(const char *path, char *out, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".gz") == 0) {
        n -= 3;
    }
    const char *dot = NULL;
    for (size_t i = 1; i < n; i++) {
        dot = base[i] == '.' ? base + i : dot;
    }
    n = dot ? (size_t)(dot - base) : n;
    n = n < size - 1 ? n : size - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}

/* Reports a failed read of the current file, which is then done. */
static int report_read_error(fil_reader *r, int rc, fil_error *err)
{
    int gzip = r->file && !gzdirect(r->file), cut = r->file && r->lines.cut;
    close_file(r);
    if (rc == FIL_ELIMIT) {
        return core_error_set(err, rc, "%s: inflates to over %llu bytes (a zip bomb?), skipped",
                              r->path, (unsigned long long)IO_LINES_MAX_INFLATED);
    }
    if (rc == FIL_EIO && cut) {
        return core_error_set(err, rc, "%s: the gzip data ends early (the file is cut short)",
                              r->path);
    }
    if (rc == FIL_EIO) {
        return core_error_set(err, rc, "%s: read error%s", r->path, gzip ? " (broken gzip)" : "");
    }
    return core_error_set(err, rc, "%s: %s", r->path, fil_strerror(rc));
}

/* Reads the rest of the current file, at most max_bytes. */
static int read_whole(fil_reader *r, size_t max_bytes, const char **data, size_t *len,
                      fil_error *err)
{
    int rc = io_lines_rest(&r->lines, max_bytes, data, len);
    if (rc == FIL_ETOOBIG) {
        int gzip = !gzdirect(r->file);
        close_file(r);
        return core_error_set(err, rc, "%s: %s over %zu bytes, skipped", r->path,
                              gzip ? "inflates to" : "file", max_bytes);
    }
    return rc ? report_read_error(r, rc, err) : FIL_OK;
}

/* Prefixes err's message with the file name. */
static int name_error(fil_reader *r, int rc, fil_error *err)
{
    char msg[FIL_ERROR_SIZE];
    snprintf(msg, sizeof msg, "%s", err ? err->message : fil_strerror(rc));
    return core_error_set(err, rc, "%s: %s", r->path, msg);
}

/* Reads a whole text file as one article; the file is done afterwards. */
static int read_text_article(fil_reader *r, fil_article *out, fil_error *err)
{
    const char *body;
    size_t len;
    int rc = read_whole(r, IO_MAX_LINE_BYTES, &body, &len, err);
    if (rc) {
        return rc;
    }
    char id[256];
    id_from_path(strcmp(r->path, "-") == 0 ? "stdin" : r->path, id, sizeof id);
    rc = io_record_parse_text(&r->record, id, body, len, err);
    close_file(r);
    if (rc) {
        return name_error(r, rc, err);
    }
    *out = r->record.article;
    out->origin = r->path;
    return FIL_OK;
}

/* Reads a whole web page as one article; the file is done afterwards. */
static int read_html_article(fil_reader *r, fil_article *out, fil_error *err)
{
    const char *html;
    size_t len;
    int rc = read_whole(r, MARKUP_MAX_PAGE_BYTES, &html, &len, err);
    if (rc) {
        return rc;
    }
    markup_page page;
    rc = markup_html_extract(html, len, &page, err);
    close_file(r);
    if (rc) {
        return name_error(r, rc, err);
    }
    r->page = page;
    char id[256];
    id_from_path(strcmp(r->path, "-") == 0 ? "stdin" : r->path, id, sizeof id);
    rc = io_record_from_page(&r->record, id, &r->page, err);
    if (rc) {
        return name_error(r, rc, err);
    }
    *out = r->record.article;
    out->origin = r->path;
    return FIL_OK;
}

/* Hands out the next item of the current feed, reading the feed first. */
static int read_feed_article(fil_reader *r, fil_article *out, fil_error *err)
{
    if (r->file) {
        const char *xml;
        size_t len;
        int rc = read_whole(r, MARKUP_MAX_FEED_BYTES, &xml, &len, err);
        if (rc) {
            return rc;
        }
        rc = markup_feed_parse(xml, len, &r->feed, err);
        /* the file is done; the items stay until the next file */
        gzclose(r->file);
        r->bytes_done += r->lines.bytes_read;
        io_lines_free(&r->lines);
        r->file = NULL;
        if (rc) {
            markup_feed_free(&r->feed);
            return name_error(r, rc, err);
        }
    }
    if (r->feed_next >= r->feed.count) {
        return FIL_EOF;
    }
    size_t item = ++r->feed_next;
    int rc = io_record_from_page(&r->record, NULL, &r->feed.items[item - 1], err);
    if (rc) {
        return core_error_set(err, rc, "%s: item %zu: %s", r->path, item,
                              err ? err->message : fil_strerror(rc));
    }
    *out = r->record.article;
    out->origin = r->path;
    out->item = (uint32_t)item;
    return FIL_OK;
}

static int read_json_article(fil_reader *r, fil_article *out, fil_error *err)
{
    const char *line;
    size_t len;
    int rc;
    do {
        rc = io_lines_next(&r->lines, &line, &len);
    } while (rc == FIL_OK && strspn(line, " \t") == len); /* blank lines are not records */
    unsigned long long no = (unsigned long long)r->lines.line_number;
    if (rc == FIL_EOF) {
        close_file(r);
        return FIL_EOF;
    }
    if (rc == FIL_ETOOBIG) {
        return core_error_set(err, rc, "%s:%llu: line over %u bytes, skipped", r->path, no,
                              IO_MAX_LINE_BYTES);
    }
    if (rc) {
        return report_read_error(r, rc, err);
    }
    rc = io_record_parse_json(&r->record, line, len, err);
    if (rc) {
        char msg[FIL_ERROR_SIZE];
        snprintf(msg, sizeof msg, "%s", err ? err->message : fil_strerror(rc));
        return core_error_set(err, rc, "%s:%llu: %s", r->path, no, msg);
    }
    *out = r->record.article;
    out->line = (uint32_t)no;
    out->origin = r->path;
    return FIL_OK;
}

static int read_article(fil_reader *r, fil_article *out, fil_error *err)
{
    switch (r->kind) {
    case KIND_JSONL: return read_json_article(r, out, err);
    case KIND_TEXT: return read_text_article(r, out, err);
    case KIND_HTML: return read_html_article(r, out, err);
    case KIND_FEED: return read_feed_article(r, out, err);
    case KIND_BINARY: break;
    }
    close_file(r);
    return core_error_set(err, FIL_EENCODING,
                          "%s: binary data, not JSONL, text, a web page or a feed; skipped",
                          r->path);
}

int fil_reader_next(fil_reader *r, fil_article *out, fil_error *err)
{
    for (;;) {
        if (!r->file && !(r->kind == KIND_FEED && r->feed_next < r->feed.count)) {
            int rc = open_next_file(r, err);
            if (rc) {
                return rc; /* FIL_EOF, or a file that would not open: the next call goes on */
            }
        }
        int rc = read_article(r, out, err);
        if (rc != FIL_EOF) {
            return rc;
        }
        r->kind = KIND_JSONL; /* nothing pending */
    }
}

uint64_t fil_reader_bytes(const fil_reader *r)
{
    return r->bytes_done + (r->file ? r->lines.bytes_read : 0);
}

void fil_reader_close(fil_reader *r)
{
    if (!r) {
        return;
    }
    close_file(r);
    for (size_t i = 0; i < r->path_count; i++) {
        free(r->paths[i]);
    }
    free(r->paths);
    io_record_free(&r->record);
    free(r);
}
