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
#include <sys/stat.h>

#include "core/buf.h"
#include "core/error.h"
#include "io/lines.h"
#include "io/record.h"

typedef enum { KIND_JSONL, KIND_TEXT } file_kind;

struct fil_reader {
    char **paths; /* owned: files still to read, in order */
    size_t path_count, path_next;
    FILE *file; /* current file; NULL between files */
    int file_is_stdin;
    const char *path; /* current file's name, borrowed from paths */
    file_kind kind;
    io_lines lines;
    io_record record;
    uint64_t bytes_done; /* bytes of finished files */
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
    static const char *const suffixes[] = {".jsonl", ".ndjson", ".json", ".txt"};
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
        size_t size = strlen(dir) + strlen(e->d_name) + 2;
        char *full = core_malloc(size);
        if (!full) {
            rc = FIL_ENOMEM;
            break;
        }
        snprintf(full, size, "%s/%s", dir, e->d_name);
        names[count++] = full;
    }
    closedir(d);
    qsort(names, count, sizeof *names, compare_names);
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

/* Steps over a UTF-8 byte order mark at the start of a seekable file
 * (editors on some systems write one); anything else is left unread.
 * Returns the bytes stepped over. */
static size_t skip_bom(FILE *f)
{
    unsigned char head[3];
    size_t n = fread(head, 1, sizeof head, f);
    if (n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) {
        return n;
    }
    if (fseek(f, 0, SEEK_SET) != 0) {
        /* not seekable (a pipe): give back what we can; only the first
         * byte matters to sniff_kind, and a pipe rarely starts with a BOM */
        clearerr(f);
        for (size_t i = n; i > 0; i--) {
            ungetc(head[i - 1], f);
        }
    }
    return 0;
}

/* Peeks at the first non-blank byte to tell JSONL from plain text; the
 * blanks before it are consumed and counted in *skipped. */
static file_kind sniff_kind(FILE *f, uint64_t *skipped)
{
    int c;
    for (;;) {
        c = getc(f);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            break;
        }
        (*skipped)++;
    }
    if (c != EOF) {
        ungetc(c, f);
    }
    /* An empty or blank file is read as JSONL: no records, no complaint. */
    return c == '{' || c == EOF ? KIND_JSONL : KIND_TEXT;
}

static void close_file(fil_reader *r)
{
    if (r->file) {
        r->bytes_done += r->lines.bytes_read;
        if (!r->file_is_stdin) {
            fclose(r->file);
        }
        io_lines_free(&r->lines);
    }
    r->file = NULL;
}

static int open_next_file(fil_reader *r, fil_error *err)
{
    close_file(r);
    if (r->path_next >= r->path_count) {
        return FIL_EOF;
    }
    r->path = r->paths[r->path_next++];
    r->file_is_stdin = strcmp(r->path, "-") == 0;
    r->file = r->file_is_stdin ? stdin : fopen(r->path, "rb");
    if (!r->file) {
        return core_error_set(err, FIL_EIO, "%s: %s", r->path, strerror(errno));
    }
    /* Bytes read before the line reader starts count as consumed, so that
     * fil_reader_bytes ends at the file's size (found by fuzz/fuzz_text.c,
     * 2026-12-04: a BOM and leading blank lines were left out). */
    uint64_t skipped = r->file_is_stdin ? 0 : skip_bom(r->file);
    r->kind = sniff_kind(r->file, &skipped);
    io_lines_init(&r->lines, r->file, IO_MAX_LINE_BYTES);
    r->lines.bytes_read = skipped;
    return FIL_OK;
}

/* The id of a .txt article: its file name without directory and extension. */
static void id_from_path(const char *path, char *out, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    n = n < size - 1 ? n : size - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}

/* Reads a whole text file as one article; the file is done afterwards. */
static int read_text_article(fil_reader *r, fil_article *out, fil_error *err)
{
    core_buf body;
    core_buf_init(&body, IO_MAX_LINE_BYTES);
    char chunk[65536];
    size_t n;
    int rc = FIL_OK;
    while (!rc) {
        n = fread(chunk, 1, sizeof chunk, r->file);
        if (n == 0) {
            break;
        }
        r->lines.bytes_read += n;
        rc = core_buf_append(&body, chunk, n);
    }
    if (rc == FIL_ETOOBIG) {
        rc = core_error_set(err, rc, "%s: file over %u bytes", r->path, IO_MAX_LINE_BYTES);
    } else if (!rc && ferror(r->file)) {
        rc = core_error_set(err, FIL_EIO, "%s: read error", r->path);
    } else if (!rc) {
        char id[256];
        id_from_path(r->file_is_stdin ? "stdin" : r->path, id, sizeof id);
        rc = io_record_parse_text(&r->record, id, body.data ? body.data : "", body.len, err);
        if (rc) {
            char msg[FIL_ERROR_SIZE];
            snprintf(msg, sizeof msg, "%s", err ? err->message : "");
            core_error_set(err, rc, "%s: %s", r->path, msg);
        }
    }
    core_buf_free(&body);
    close_file(r);
    if (!rc) {
        *out = r->record.article;
        out->origin = r->path;
    }
    return rc;
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
        close_file(r);
        return core_error_set(err, rc, "%s:%llu: %s", r->path, no, fil_strerror(rc));
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

int fil_reader_next(fil_reader *r, fil_article *out, fil_error *err)
{
    for (;;) {
        if (!r->file) {
            int rc = open_next_file(r, err);
            if (rc) {
                return rc; /* FIL_EOF, or a file that would not open: the next call goes on */
            }
        }
        int rc =
            r->kind == KIND_TEXT ? read_text_article(r, out, err) : read_json_article(r, out, err);
        if (rc != FIL_EOF) {
            return rc;
        }
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
