/*
 * src/markup/meta.c -- page metadata: <meta>, <link>, JSON-LD, <time>;
 * see meta.h.
 */
#include "markup/meta.h"
#include "core/alloc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "fil.h"
#include "markup/feed.h"
#include "markup/walk.h"

/* What the walk found, by source, before the preference order applies.
 * Every pointer is borrowed from the tree or owned as marked. */
typedef struct meta_found {
    const char *og_title, *site_name, *published_meta, *author_meta, *canonical, *og_url;
    const char *time_datetime, *lang;
    char *title;     /* owned (xmlFree): <title> text */
    char *ld_title;  /* owned (free): JSON-LD headline */
    char *ld_date;   /* owned (free) */
    char *ld_author; /* owned (free) */
} meta_found;

static int equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
        if (x != *b) {
            return 0;
        }
    }
    return *a == *b;
}

static void keep_first(const char **slot, const char *value)
{
    if (!*slot && value && value[0]) {
        *slot = value;
    }
}

static void read_meta(const xmlNode *node, meta_found *f)
{
    const char *key = markup_walk_attr(node, "property");
    key = key ? key : markup_walk_attr(node, "name");
    key = key ? key : markup_walk_attr(node, "itemprop");
    const char *content = markup_walk_attr(node, "content");
    if (!key || !content) {
        return;
    }
    if (equal_nocase(key, "og:title")) {
        keep_first(&f->og_title, content);
    } else if (equal_nocase(key, "og:site_name")) {
        keep_first(&f->site_name, content);
    } else if (equal_nocase(key, "article:published_time") || equal_nocase(key, "datepublished")) {
        keep_first(&f->published_meta, content);
    } else if (equal_nocase(key, "author") || equal_nocase(key, "article:author")) {
        keep_first(&f->author_meta, content);
    } else if (equal_nocase(key, "og:url")) {
        keep_first(&f->og_url, content);
    }
}

/* ---------------------------------------------------------------------------
 * JSON-LD
 * ------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static int is_article_type(const cJSON *type)
{
    if (cJSON_IsString(type)) {
        return ends_with(type->valuestring, "Article") ||
               strcmp(type->valuestring, "BlogPosting") == 0 ||
               strcmp(type->valuestring, "Report") == 0;
    }
    const cJSON *t;
    cJSON_ArrayForEach(t, type)
    {
        if (is_article_type(t)) {
            return 1;
        }
    }
    return 0;
}

/* The first article object in a JSON-LD value (object, array, @graph). */
static const cJSON *find_article(const cJSON *v, int depth)
{
    if (!v || depth > 8) {
        return NULL;
    }
    if (cJSON_IsObject(v) && is_article_type(cJSON_GetObjectItemCaseSensitive(v, "@type"))) {
        return v;
    }
    if (cJSON_IsObject(v)) {
        return find_article(cJSON_GetObjectItemCaseSensitive(v, "@graph"), depth + 1);
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        const cJSON *found = find_article(item, depth + 1);
        if (found) {
            return found;
        }
    }
    return NULL;
}

static char *dup_string(const cJSON *v)
{
    return cJSON_IsString(v) && v->valuestring[0] ? core_strdup(v->valuestring) : NULL;
}

/* Author names: a string, an object with "name", or an array of them. */
static int append_authors(core_buf *out, const cJSON *v)
{
    if (cJSON_IsObject(v)) {
        v = cJSON_GetObjectItemCaseSensitive(v, "name");
    }
    if (cJSON_IsString(v) && v->valuestring[0]) {
        int rc = out->len ? core_buf_append_str(out, ", ") : FIL_OK;
        return rc ? rc : core_buf_append_str(out, v->valuestring);
    }
    const cJSON *item;
    int rc = FIL_OK;
    if (cJSON_IsArray(v)) {
        cJSON_ArrayForEach(item, v)
        {
            rc = rc ? rc : append_authors(out, item);
        }
    }
    return rc;
}

static void read_json_ld(const xmlNode *script, meta_found *f)
{
    /* the first script that describes an article is the one read (a second
     * would overwrite, and leak, what the first gave) */
    if (f->ld_title || f->ld_date || f->ld_author || !script->children ||
        !script->children->content) {
        return;
    }
    cJSON *json = cJSON_Parse((const char *)script->children->content);
    const cJSON *a = find_article(json, 0);
    if (a) {
        f->ld_title = dup_string(cJSON_GetObjectItemCaseSensitive(a, "headline"));
        f->ld_date = dup_string(cJSON_GetObjectItemCaseSensitive(a, "datePublished"));
        core_buf names;
        core_buf_init(&names, 4096);
        if (append_authors(&names, cJSON_GetObjectItemCaseSensitive(a, "author")) == FIL_OK &&
            names.len) {
            f->ld_author = core_buf_take(&names);
        }
        core_buf_free(&names);
    }
    cJSON_Delete(json);
}

/* ---------------------------------------------------------------------------
 * The walk
 * ------------------------------------------------------------------------- */

static void read_element(const xmlNode *node, meta_found *f)
{
    const char *name = (const char *)node->name;
    if (strcmp(name, "meta") == 0) {
        read_meta(node, f);
    } else if (strcmp(name, "title") == 0 && !f->title) {
        f->title = (char *)xmlNodeGetContent(node);
    } else if (strcmp(name, "link") == 0) {
        const char *rel = markup_walk_attr(node, "rel");
        if (rel && equal_nocase(rel, "canonical")) {
            keep_first(&f->canonical, markup_walk_attr(node, "href"));
        }
    } else if (strcmp(name, "script") == 0) {
        const char *type = markup_walk_attr(node, "type");
        if (type && equal_nocase(type, "application/ld+json")) {
            read_json_ld(node, f);
        }
    } else if (strcmp(name, "time") == 0) {
        keep_first(&f->time_datetime, markup_walk_attr(node, "datetime"));
    }
}

static void walk(const xmlNode *node, meta_found *f, int depth)
{
    for (const xmlNode *c = node; c && depth < 400; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            read_element(c, f);
            walk(c->children, f, depth + 1);
        }
    }
}

/* ---------------------------------------------------------------------------
 * Choosing
 * ------------------------------------------------------------------------- */

/* A trimmed, whitespace-collapsed copy (free()), or NULL for an empty one. */
static char *clean_copy(const char *s)
{
    if (!s) {
        return NULL;
    }
    core_buf b;
    core_buf_init(&b, 0);
    int space = 0, rc = FIL_OK;
    for (; *s && !rc; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            space = 1;
            continue;
        }
        rc = space && b.len ? core_buf_append_char(&b, ' ') : FIL_OK;
        rc = rc ? rc : core_buf_append_char(&b, *s);
        space = 0;
    }
    if (rc || b.len == 0) {
        core_buf_free(&b);
        return NULL;
    }
    return core_buf_take(&b);
}

/* The host of an absolute URL, or NULL. */
static char *url_host(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p) {
        return NULL;
    }
    p += 3;
    size_t n = strcspn(p, "/:?#");
    char *host = n ? core_malloc(n + 1) : NULL;
    if (host) {
        memcpy(host, p, n);
        host[n] = '\0';
    }
    return host;
}

/* RFC 822 times (some pages use them in meta tags) become ISO-8601, and a
 * trailing " GMT" or " UTC" becomes "Z"; anything else stays as written.
 * Returns t, or its replacement (t is then dead); NULL when out of memory. */
static char *normalise_time(char *t)
{
    char iso[40];
    size_t n = strlen(t);
    if (markup_feed_rfc822_iso(t, iso, sizeof iso) == FIL_OK) {
        char *p = core_realloc(t, strlen(iso) + 1);
        if (!p) {
            free(t);
            return NULL;
        }
        memcpy(p, iso, strlen(iso) + 1);
        return p;
    }
    if (n > 14 && (strcmp(t + n - 4, " GMT") == 0 || strcmp(t + n - 4, " UTC") == 0)) {
        memcpy(t + n - 4, "Z", 2);
    }
    return t;
}

static int has_text(const char *s)
{
    return s && s[strspn(s, " \t\r\n")] != '\0';
}

static const char *first_of(const char *a, const char *b, const char *c)
{
    return a ? a : b ? b : c;
}

/* Each field is set only when a source has it; a failed copy of a present
 * value is out of memory. */
static int choose(meta_found *f, markup_page *p)
{
    const char *title = first_of(f->ld_title, f->og_title, f->title);
    const char *published = first_of(f->published_meta, f->ld_date, f->time_datetime);
    const char *author = first_of(f->ld_author, f->author_meta, NULL);
    const char *url = first_of(f->canonical, f->og_url, NULL);
    p->title = clean_copy(title);
    p->published = clean_copy(published);
    p->published = p->published ? normalise_time(p->published) : NULL;
    p->author = clean_copy(author);
    p->url = clean_copy(url);
    p->lang = markup_walk_lang(f->lang);
    p->source = f->site_name ? clean_copy(f->site_name) : url_host(p->url);
    if ((has_text(title) && !p->title) || (has_text(published) && !p->published) ||
        (has_text(author) && !p->author) || (has_text(url) && !p->url)) {
        return FIL_ENOMEM;
    }
    return FIL_OK;
}

int markup_meta_read(xmlDoc *doc, markup_page *page)
{
    meta_found f;
    memset(&f, 0, sizeof f);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        return FIL_OK;
    }
    f.lang = markup_walk_attr(root, "lang");
    f.lang = f.lang ? f.lang : markup_walk_attr(root, "xml:lang");
    walk(root, &f, 0);
    int rc = choose(&f, page);
    xmlFree(f.title);
    free(f.ld_title);
    free(f.ld_date);
    free(f.ld_author);
    return rc;
}
