/*
 * tests/unit/test_io.c -- timestamps, the bounded line reader, and records.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fil.h"
#include "io/date.h"
#include "io/lines.h"
#include "io/record.h"

static void test_dates(void)
{
    int64_t t;
    CHECK(io_parse_time("2020-03-04T12:00:00Z", &t) == FIL_OK && t == 1583323200, "UTC timestamp");
    CHECK(io_parse_time("2020-03-04T14:00:00+02:00", &t) == FIL_OK && t == 1583323200,
          "an offset is applied");
    CHECK(io_parse_time("2014-03-10T17:02:00.294Z", &t) == FIL_OK && t == 1394470920,
          "fractions are accepted and ignored");
    CHECK(io_parse_time("2020-03-04", &t) == FIL_OK && t == 1583280000,
          "date alone is midnight UTC");
    CHECK(io_parse_time("1969-12-31T23:59:59Z", &t) == FIL_OK && t == -1, "before the epoch");
    CHECK(io_parse_time("2020-02-30", &t) == FIL_EPARSE, "day 30 of February is refused");
    CHECK(io_parse_time("2021-02-29", &t) == FIL_EPARSE, "29 February of a common year is refused");
    CHECK(io_parse_time("2020-02-29", &t) == FIL_OK, "29 February of a leap year is fine");
    CHECK(io_parse_time("2020-03-04T25:00", &t) == FIL_EPARSE, "hour 25 is refused");
    CHECK(io_parse_time("yesterday", &t) == FIL_EPARSE, "words are refused");
    CHECK(io_parse_time("2020-03-04T12:00:00Z junk", &t) == FIL_EPARSE, "trailing text is refused");
    /* Found by fuzz/fuzz_date.c: half a zone and an empty fraction were accepted. */
    CHECK(io_parse_time("2020-01-01+05:", &t) == FIL_EPARSE, "a zone colon without minutes");
    CHECK(io_parse_time("2020-01-01T10:00+0530", &t) == FIL_OK && t == 1577853000,
          "a zone without colon still counts");
    CHECK(io_parse_time("2020-03-04T12:00.", &t) == FIL_EPARSE, "a fraction point without digits");
    CHECK(io_parse_time("2020-03-04T12:00:00,5+01", &t) == FIL_OK && t == 1583319600,
          "a comma fraction and an hour zone");
}

/* A line reader of at most 500-byte lines over file f, from its start. */
static gzFile lines_open(FILE *f, io_lines *r)
{
    rewind(f);
    gzFile gz = gzdopen(dup(fileno(f)), "rb");
    io_lines_init(r, gz, 500);
    return gz;
}

static void lines_close(io_lines *r, gzFile gz, FILE *f)
{
    io_lines_free(r);
    gzclose(gz);
    fclose(f);
}

static void test_lines(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    fputs("first\r\n", mem);
    for (int i = 0; i < 100; i++) {
        fputs("0123456789", mem); /* a 1000-byte line */
    }
    fputs("\nlast", mem);
    fclose(mem);
    FILE *f = tmpfile();
    fwrite(text, 1, size, f);
    io_lines r;
    gzFile gz = lines_open(f, &r);
    const char *line;
    size_t len;
    CHECK(io_lines_next(&r, &line, &len) == FIL_OK && strcmp(line, "first") == 0,
          "a line loses its CR LF");
    CHECK(io_lines_next(&r, &line, &len) == FIL_ETOOBIG && r.line_number == 2,
          "an overlong line is reported with its number");
    CHECK(io_lines_next(&r, &line, &len) == FIL_OK && strcmp(line, "last") == 0 &&
              r.line_number == 3,
          "reading goes on after it; a last line without newline counts");
    CHECK(io_lines_next(&r, &line, &len) == FIL_EOF, "then the end");
    lines_close(&r, gz, f);
    free(text);
}

/* A gzip file whose second member is bad: the first member's lines come
 * out, then the read error (zlib fails the whole read that meets the bad
 * data; reads here are 64 bytes, so that read holds the first member's
 * end). */
static void test_lines_bad_gzip(void)
{
    FILE *f = tmpfile();
    gzFile w = gzdopen(dup(fileno(f)), "wb");
    for (int i = 0; i < 20; i++) {
        gzprintf(w, "line %d of the good member\n", i);
    }
    gzclose(w);
    /* a gzip header, then a block of the reserved type 3: bad data */
    static const unsigned char bad[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0, 0, 0, 0};
    fseek(f, 0, SEEK_END);
    fwrite(bad, 1, sizeof bad, f);
    io_lines r;
    gzFile gz = lines_open(f, &r);
    const char *line;
    size_t len;
    int rc, lines = 0, last_ok = 0;
    while ((rc = io_lines_next(&r, &line, &len)) == FIL_OK) {
        char want[64];
        snprintf(want, sizeof want, "line %d of the good member", lines);
        last_ok = strcmp(line, want) == 0;
        lines += last_ok;
    }
    CHECK(lines == 20 && last_ok, "every line of the good member comes out, in order");
    CHECK(rc == FIL_EIO, "then the bad data is a read error");
    lines_close(&r, gz, f);
}

static void test_records(void)
{
    io_record rec;
    io_record_init(&rec);
    fil_error err;
    const char *good =
        "{\"id\":7,\"title\":\"T\",\"text\":\"body\",\"story\":\"s1\",\"time\":null}";
    CHECK(io_record_parse_json(&rec, good, strlen(good), &err) == FIL_OK, "a good record parses");
    CHECK_STR(rec.article.id, "7", "a numeric id becomes text");
    CHECK_STR(rec.article.extra_json, "{\"story\":\"s1\"}", "unknown fields pass through");
    CHECK(rec.article.published == NULL, "a null field is absent");
    /* A repeated name: its last value counts; numeric ids are not run
     * together (found by fuzz/fuzz_jsonl.c). */
    const char *twice = "{\"id\":1,\"id\":2,\"title\":\"a\",\"title\":\"b\"}";
    CHECK(io_record_parse_json(&rec, twice, strlen(twice), &err) == FIL_OK, "repeated names parse");
    CHECK_STR(rec.article.id, "2", "the last numeric id counts");
    CHECK_STR(rec.article.title, "b", "the last title counts");
    const char *mixed = "{\"id\":1,\"id\":\"two\",\"title\":\"a\"}";
    CHECK(io_record_parse_json(&rec, mixed, strlen(mixed), &err) == FIL_OK, "mixed ids parse");
    CHECK_STR(rec.article.id, "two", "a string id after a numeric one counts");
    const char *bad = "{\"title\": \"cut";
    CHECK(io_record_parse_json(&rec, bad, strlen(bad), &err) == FIL_EPARSE, "truncated JSON");
    const char *empty = "{\"title\":\"  \",\"text\":\"\"}";
    CHECK(io_record_parse_json(&rec, empty, strlen(empty), &err) == FIL_EEMPTY,
          "blank title and text are refused");
    const char *damaged = "{\"title\":\"caf\xE9 ok\"}";
    CHECK(io_record_parse_json(&rec, damaged, strlen(damaged), &err) == FIL_OK &&
              rec.article.repaired == 1,
          "a stray Latin-1 byte is repaired and counted");
    const char binary[] = "{\"title\":\"\xFF\xFE\xFD\xFC\xFB\xFA\xF9\xF8\"}";
    CHECK(io_record_parse_json(&rec, binary, sizeof binary - 1, &err) == FIL_EENCODING,
          "mostly invalid bytes are binary, not text");
    const char *txt = "\n\n  Headline here\nBody line one.\nBody line two.";
    CHECK(io_record_parse_text(&rec, "seed-1", txt, strlen(txt), &err) == FIL_OK,
          "a text article parses");
    CHECK_STR(rec.article.title, "Headline here", "the first non-empty line is the title");
    CHECK_STR(rec.article.text, "Body line one.\nBody line two.", "the rest is the text");
    CHECK_STR(rec.article.id, "seed-1", "the id is given by the caller (the file name)");
    io_record_free(&rec);
}

/* Writes text to a fresh temporary file; returns its path (caller frees
 * and unlinks) or NULL. */
static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/fil-test-io-XXXXXX");
    int fd = path ? mkstemp(path) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        free(path);
        return NULL;
    }
    fputs(text, f);
    fclose(f);
    return path;
}

/* Reads every article of path; returns how many parsed and sets *bytes to
 * fil_reader_bytes at the end. */
static int read_all(const char *path, uint64_t *bytes)
{
    fil_error err;
    fil_reader *r = fil_reader_open(path, &err);
    int ok = 0;
    fil_article a;
    for (int rc = fil_reader_next(r, &a, &err); rc != FIL_EOF; rc = fil_reader_next(r, &a, &err)) {
        ok += rc == FIL_OK;
    }
    *bytes = fil_reader_bytes(r);
    fil_reader_close(r);
    return ok;
}

/* fil_reader_bytes counts what the reader steps over before the first
 * record (a BOM, leading blanks): at the end it equals the file's size
 * (found by fuzz/fuzz_text.c). */
static void test_reader_bytes(void)
{
    static const char *const files[] = {
        "\xEF\xBB\xBF\n  \n{\"title\":\"a\"}\n", /* JSONL after a BOM and blank lines */
        "\xEF\xBB\xBF  \r\nHeadline\nBody\n",    /* a text article after the same */
        " \n\t\n",                               /* blanks only: no record */
    };
    static const int articles[] = {1, 1, 0};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = write_temp(files[i]);
        uint64_t bytes = 0;
        CHECK(path && read_all(path, &bytes) == articles[i], "the reader finds the article");
        CHECK(bytes == strlen(files[i]), "every byte, BOM and blanks included, is counted");
        if (path) {
            unlink(path);
        }
        free(path);
    }
}

/* A JSONL gzip file cut short, here just before its trailer (inflate
 * has given every line but never sees the end): every article comes
 * out, then an error that says the file is cut short. */
static void test_reader_cut_gzip(void)
{
    char *path = write_temp("");
    gzFile w = path ? gzopen(path, "wb") : NULL;
    for (int i = 0; w && i < 20; i++) {
        gzprintf(w, "{\"id\":\"a%d\",\"title\":\"Title %d\"}\n", i, i);
    }
    struct stat st;
    int made =
        w && gzclose(w) == Z_OK && stat(path, &st) == 0 && truncate(path, st.st_size - 8) == 0;
    CHECK(made, "a gzip file cut before its trailer is made");
    fil_error err;
    fil_reader *r = made ? fil_reader_open(path, &err) : NULL;
    int articles = 0, cut_told = 0;
    fil_article a;
    for (int rc = r ? fil_reader_next(r, &a, &err) : FIL_EOF; rc != FIL_EOF;
         rc = fil_reader_next(r, &a, &err)) {
        articles += rc == FIL_OK;
        cut_told += rc == FIL_EIO && strstr(err.message, "cut short") != NULL;
    }
    CHECK(articles == 20, "every article before the cut comes out");
    CHECK(cut_told == 1, "then one error says the file is cut short");
    fil_reader_close(r);
    if (path) {
        unlink(path);
    }
    free(path);
}

int main(void)
{
    test_dates();
    test_lines();
    test_lines_bad_gzip();
    test_reader_cut_gzip();
    test_records();
    test_reader_bytes();
    return check_summary("test_io");
}
