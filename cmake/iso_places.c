/*
 * cmake/iso_places.c -- build-time tool: country and region names from
 * Debian's iso-codes, with their translations, as one text table.
 *
 * usage: iso_places ISO_JSON_DIR LOCALE_DIR OUT.txt lang...
 *
 * Reads ISO_JSON_DIR/iso_3166-1.json and iso_3166-2.json (the English
 * names) and, for each lang, LOCALE_DIR/<lang>/LC_MESSAGES/iso_3166-1.mo
 * and iso_3166-2.mo (GNU gettext catalogues: English msgid -> translated
 * msgstr). Writes one line per distinct name of a place:
 *   C<TAB>code<TAB>name   a country (ISO 3166-1 alpha-2)
 *   R<TAB>code<TAB>name   a region (ISO 3166-2 subdivision)
 * The first line of a code carries its English common name (or its name),
 * the canonical one. Names given as "Catalunya [Cataluña]" give both.
 * Run at build time so that the library needs no files at run time and
 * every build of one iso-codes version gives the same table. Exits 1 with
 * a message when an input cannot be read.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct mo_file {
    unsigned char *bytes;
    size_t len;
    uint32_t count, orig, trans; /* strings, offsets of the two tables */
} mo_file;

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = 0;
        *len = (size_t)n;
    }
    return b;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Loads a little-endian .mo catalogue; an absent one is empty. */
static void mo_load(mo_file *m, const char *path)
{
    memset(m, 0, sizeof *m);
    m->bytes = read_all(path, &m->len);
    if (!m->bytes || m->len < 28 || le32(m->bytes) != 0x950412deu) {
        m->count = 0;
        return;
    }
    m->count = le32(m->bytes + 8);
    m->orig = le32(m->bytes + 12);
    m->trans = le32(m->bytes + 16);
    if ((uint64_t)m->orig + 8ull * m->count > m->len ||
        (uint64_t)m->trans + 8ull * m->count > m->len) {
        m->count = 0;
    }
}

static const char *mo_string(const mo_file *m, uint32_t table, uint32_t i)
{
    uint32_t len = le32(m->bytes + table + 8 * i), off = le32(m->bytes + table + 8 * i + 4);
    return (uint64_t)off + len < m->len ? (const char *)m->bytes + off : NULL;
}

/* The translation of msgid, or NULL (linear: the tool runs once). */
static const char *mo_find(const mo_file *m, const char *msgid)
{
    for (uint32_t i = 0; i < m->count; i++) {
        const char *o = mo_string(m, m->orig, i);
        if (o && strcmp(o, msgid) == 0) {
            const char *t = mo_string(m, m->trans, i);
            return t && *t ? t : NULL;
        }
    }
    return NULL;
}

/* Writes name, split at " [" into its two forms, once per code. */
static void put_name(FILE *out, char kind, const char *code, const char *name)
{
    const char *br = strstr(name, " [");
    if (br) {
        fprintf(out, "%c\t%s\t%.*s\n", kind, code, (int)(br - name), name);
        const char *end = strchr(br, ']');
        if (end) {
            fprintf(out, "%c\t%s\t%.*s\n", kind, code, (int)(end - br - 2), br + 2);
        }
        return;
    }
    if (!strchr(name, ',')) { /* "Korea, Republic of": an index form, not prose */
        fprintf(out, "%c\t%s\t%s\n", kind, code, name);
    }
}

#define MAX_NAMES 64 /* distinct names of one code: 3 fields x (1 + languages) */

/* Writes name unless it is among the seen[*n] names of this code already. */
static void put_once(FILE *out, char kind, const char *code, const char *name, const char **seen,
                     int *n)
{
    for (int i = 0; i < *n; i++) {
        if (strcmp(seen[i], name) == 0) {
            return;
        }
    }
    if (*n < MAX_NAMES) {
        seen[(*n)++] = name;
    }
    put_name(out, kind, code, name);
}

static void put_entry(FILE *out, char kind, const cJSON *e, mo_file *mos, int nmo)
{
    static const char *const fields[] = {"common_name", "name", "official_name"};
    const cJSON *code = cJSON_GetObjectItem(e, kind == 'C' ? "alpha_2" : "code");
    if (!cJSON_IsString(code)) {
        return;
    }
    const char *seen[MAX_NAMES];
    int n = 0;
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
        const cJSON *name = cJSON_GetObjectItem(e, fields[f]);
        if (!cJSON_IsString(name)) {
            continue;
        }
        put_once(out, kind, code->valuestring, name->valuestring, seen, &n);
        for (int i = 0; i < nmo; i++) {
            const char *t = mo_find(&mos[i], name->valuestring);
            if (t) {
                put_once(out, kind, code->valuestring, t, seen, &n);
            }
        }
    }
}

static int put_standard(FILE *out, const char *json_dir, const char *locale_dir, const char *std,
                        char kind, char **langs, int nlang)
{
    char path[4096];
    size_t len;
    snprintf(path, sizeof path, "%s/iso_%s.json", json_dir, std);
    char *text = (char *)read_all(path, &len);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *list = root ? cJSON_GetObjectItem(root, std) : NULL;
    if (!cJSON_IsArray(list)) {
        fprintf(stderr, "iso_places: %s: cannot read (install iso-codes)\n", path);
        cJSON_Delete(root);
        return 1;
    }
    mo_file *mos = calloc((size_t)nlang, sizeof *mos);
    for (int i = 0; i < nlang; i++) {
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/iso_%s.mo", locale_dir, langs[i], std);
        mo_load(&mos[i], path);
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        put_entry(out, kind, e, mos, nlang);
    }
    for (int i = 0; i < nlang; i++) {
        free(mos[i].bytes);
    }
    free(mos);
    cJSON_Delete(root);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: iso_places ISO_JSON_DIR LOCALE_DIR OUT.txt lang...\n");
        return 2;
    }
    FILE *out = fopen(argv[3], "wb");
    if (!out) {
        fprintf(stderr, "iso_places: %s: cannot write\n", argv[3]);
        return 1;
    }
    int bad = put_standard(out, argv[1], argv[2], "3166-1", 'C', argv + 4, argc - 4);
    /* regions keep their own names only: their translations bring in
     * words ("Unité", "Trient") that are rarely the region in a text */
    bad = bad || put_standard(out, argv[1], argv[2], "3166-2", 'R', argv + 4, 0);
    bad = fclose(out) != 0 || bad;
    return bad;
}
