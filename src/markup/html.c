/*
 * src/markup/html.c -- article body of a web page; see html.h for the method.
 */
#include "markup/html.h"
#include "core/alloc.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/array.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/utf8.h"
#include "markup/meta.h"
#include "markup/walk.h"

#define HTML_PARSE_FLAGS                                                                           \
    (HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER |           \
     HTML_PARSE_COMPACT)

/* Blocks shorter than this add nothing to their containers' scores
 * (Readability's threshold: shorter texts are captions, buttons, dates). */
#define SCORE_MIN_CHARS 25
/* Blocks shorter than this before the body's first longer one are
 * bylines, datelines and share counts. */
#define LEAD_MIN_CHARS 30

/* ---------------------------------------------------------------------------
 * Charset
 * ------------------------------------------------------------------------- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Finds "charset" case-insensitively in s[0..n). */
static const char *find_charset(const char *s, size_t n)
{
    static const char word[] = "charset";
    for (size_t i = 0; i + sizeof word - 1 <= n; i++) {
        size_t k = 0;
        while (k < sizeof word - 1 && lower((unsigned char)s[i + k]) == word[k]) {
            k++;
        }
        if (k == sizeof word - 1) {
            return s + i + k;
        }
    }
    return NULL;
}

/* Reads the name after "charset" ("=", optional quotes) into name. */
static int read_charset_name(const char *p, const char *end, char name[32])
{
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    if (p >= end || *p != '=') {
        return 0;
    }
    p++;
    while (p < end && (*p == ' ' || *p == '"' || *p == '\'')) {
        p++;
    }
    size_t n = 0;
    while (p < end && n < 31 &&
           (p[0] == '-' || p[0] == '_' || p[0] == ':' || p[0] == '.' ||
            (lower((unsigned char)p[0]) >= 'a' && lower(p[0]) <= 'z') ||
            (p[0] >= '0' && p[0] <= '9'))) {
        name[n++] = (char)lower((unsigned char)*p++);
    }
    name[n] = '\0';
    return n > 0;
}

static int is_utf16(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
}

/* NUL bytes mean binary data, except in UTF-16 (told by its BOM). */
static int has_nul(const char *s, size_t n)
{
    return !is_utf16(s, n) && memchr(s, '\0', n < 4096 ? n : 4096) != NULL;
}

/* The encoding to hand libxml2; see html.h, "Charset". */
static const char *html_charset(const char *html, size_t len, char name[32])
{
    const unsigned char *u = (const unsigned char *)html;
    if (is_utf16(html, len)) {
        return u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        return "UTF-8";
    }
    size_t n = len < 4096 ? len : 4096;
    const char *at = find_charset(html, n);
    while (at && !read_charset_name(at, html + n, name)) {
        at = find_charset(at, (size_t)(html + n - at));
    }
    if (!at) {
        return "UTF-8";
    }
    static const char *const western[] = {"iso-8859-1", "iso8859-1", "latin1",       "latin-1",
                                          "us-ascii",   "ascii",     "windows-1252", "cp1252",
                                          "x-cp1252",   "l1"};
    for (size_t i = 0; i < sizeof western / sizeof western[0]; i++) {
        if (strcmp(name, western[i]) == 0) {
            return "windows-1252";
        }
    }
    return strcmp(name, "utf8") == 0 || strcmp(name, "unicode") == 0 ? "UTF-8" : name;
}

/* Parses with the detected encoding; an encoding iconv does not know falls
 * back to libxml2's own guess. Caller frees with xmlFreeDoc. */
static htmlDocPtr html_parse(const char *html, size_t len)
{
    char name[32];
    const char *enc = html_charset(html, len, name);
    int n = len > (size_t)0x7fffffff ? 0x7fffffff : (int)len;
    htmlDocPtr doc = htmlReadMemory(html, n, NULL, enc, HTML_PARSE_FLAGS);
    if (!doc) {
        doc = htmlReadMemory(html, n, NULL, NULL, HTML_PARSE_FLAGS);
    }
    return doc;
}

/* ---------------------------------------------------------------------------
 * Container scores
 * ------------------------------------------------------------------------- */

typedef struct node_stats {
    double score;      /* content score from the blocks below (step 2) */
    size_t chars;      /* characters of all blocks below */
    size_t link_chars; /* of which inside links */
    int selected;      /* 1: its blocks are the body */
} node_stats;

typedef struct extract_ctx {
    markup_walk walk;
    core_arena arena; /* node_stats, reached through xmlNode._private */
    node_stats *best;
    xmlNode *best_node;
} extract_ctx;

static double tag_weight(const char *name)
{
    static const struct {
        const char *tag;
        double weight;
    } table[] = {{"div", 5}, {"article", 10},   {"main", 5}, {"section", 3}, {"pre", 3},
                 {"td", 3},  {"blockquote", 3}, {"ol", -3},  {"ul", -3},     {"dl", -3},
                 {"li", -3}, {"form", -3},      {"th", -5},  {"h1", -5},     {"h2", -5},
                 {"h3", -5}, {"table", -2}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(name, table[i].tag) == 0) {
            return table[i].weight;
        }
    }
    return 0;
}

static node_stats *stats_of(extract_ctx *x, xmlNode *node)
{
    if (!node->_private) {
        node_stats *s = core_arena_alloc(&x->arena, sizeof *s);
        if (!s) {
            return NULL;
        }
        memset(s, 0, sizeof *s);
        s->score = tag_weight((const char *)node->name) + 25.0 * markup_walk_hint(node);
        node->_private = s;
    }
    return node->_private;
}

static int is_container_tag(const char *name)
{
    return strcmp(name, "div") == 0 || strcmp(name, "section") == 0 ||
           strcmp(name, "article") == 0 || strcmp(name, "main") == 0 || strcmp(name, "td") == 0;
}

static size_t count_commas(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += s[i] == ',';
    }
    return n;
}

/* Step 2: each block feeds the characters of every ancestor and the score
 * of the nearest three. */
static int score_blocks(extract_ctx *x)
{
    for (size_t i = 0; i < x->walk.count; i++) {
        const markup_block *b = &x->walk.blocks[i];
        double points = 0;
        if (b->chars >= SCORE_MIN_CHARS) {
            const char *text = x->walk.store.data + b->start;
            size_t per100 = b->chars / 100;
            points = 1.0 + (double)count_commas(text, b->len) + (double)(per100 < 3 ? per100 : 3);
        }
        /* Text straight in a div (lines split by <br>) makes the div both
         * the paragraph and its container. */
        int level = is_container_tag((const char *)b->owner->name) ? 1 : 0;
        for (xmlNode *n = b->owner; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
            node_stats *s = stats_of(x, n);
            if (!s) {
                return FIL_ENOMEM;
            }
            s->chars += b->chars;
            s->link_chars += b->link_chars;
            if (level >= 1 && level <= 3) {
                s->score += points / (level == 1 ? 1.0 : level == 2 ? 2.0 : 6.0);
            }
            level++;
        }
    }
    return FIL_OK;
}

static double link_density(const node_stats *s)
{
    return s->chars ? (double)s->link_chars / (double)s->chars : 0.0;
}

static double final_score(const node_stats *s)
{
    return s->score * (1.0 - link_density(s));
}

/* Step 3: the best container (any element that received points). */
static void find_best(extract_ctx *x, xmlNode *node)
{
    for (xmlNode *c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            continue;
        }
        node_stats *s = c->_private;
        if (s && s->chars > 0) {
            if (!x->best || final_score(s) > final_score(x->best)) {
                x->best = s;
                x->best_node = c;
            }
            find_best(x, c->children);
        }
    }
}

/* Containers that score nearly as well as the best (a page cut into
 * chunks: one container per chunk); at most NEAR_MAX of them. */
#define NEAR_MAX 16
#define NEAR_MIN 1

typedef struct near_set {
    xmlNode *nodes[NEAR_MAX];
    size_t count;
    double floor; /* final score a container needs */
} near_set;

static void find_near(const extract_ctx *x, xmlNode *node, near_set *near)
{
    for (xmlNode *c = node; c && near->count < NEAR_MAX; c = c->next) {
        node_stats *s = c->type == XML_ELEMENT_NODE ? c->_private : NULL;
        if (s && s->chars > 0) {
            if (c != x->best_node && final_score(s) >= near->floor) {
                near->nodes[near->count++] = c;
            }
            find_near(x, c->children, near);
        }
    }
}

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
    for (; n; n = n->parent) {
        if (n == a) {
            return 1;
        }
    }
    return 0;
}

/* After Readability (2015 onwards, which asks for 3): when NEAR_MIN or
 * more near-best containers share an ancestor with the best, that ancestor
 * is the body. On our dev pages one is enough: articles cut into chunks
 * rarely have more than two or three. */
static void widen_best(extract_ctx *x, xmlNode *root)
{
    near_set near = {{NULL}, 0, 0.75 * final_score(x->best)};
    find_near(x, root, &near);
    if (near.count < NEAR_MIN) {
        return;
    }
    for (xmlNode *a = x->best_node->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        if (strcmp((const char *)a->name, "body") == 0 || !a->_private) {
            return;
        }
        size_t holds = 0;
        for (size_t i = 0; i < near.count; i++) {
            holds += is_ancestor(a, near.nodes[i]) && !is_ancestor(near.nodes[i], x->best_node);
        }
        if (holds >= NEAR_MIN) {
            x->best = a->_private;
            x->best_node = a;
            return;
        }
    }
}

static void select_siblings(extract_ctx *x)
{
    double best = final_score(x->best);
    double threshold = best * 0.2 > 10.0 ? best * 0.2 : 10.0;
    x->best->selected = 1;
    xmlNode *parent = x->best_node->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE) {
        return;
    }
    for (xmlNode *c = parent->children; c; c = c->next) {
        node_stats *s = c->type == XML_ELEMENT_NODE ? c->_private : NULL;
        if (!s || s == x->best) {
            continue;
        }
        int paragraph = strcmp((const char *)c->name, "p") == 0;
        if (final_score(s) >= threshold || (paragraph && s->chars > 80 && link_density(s) < 0.25)) {
            s->selected = 1;
        }
    }
}

/* ---------------------------------------------------------------------------
 * Body text
 * ------------------------------------------------------------------------- */

static int under_selected(const markup_block *b)
{
    for (xmlNode *n = b->owner; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const node_stats *s = n->_private;
        if (s && s->selected) {
            return 1;
        }
    }
    return 0;
}

/* Step 4: page furniture that sits inside article containers. */
static int is_furniture(const char *text, size_t chars)
{
    static const char *const starts[] = {"advert",       "read also",   "read more",
                                         "see also",     "related:",    "related articles",
                                         "sign up",      "subscribe",   "click here",
                                         "share this",   "lire aussi",  "lesen sie auch",
                                         "leia também",  "lee también", "follow us",
                                         "image:",       "photo:",      "image source",
                                         "updated ",     "published ",  "posted ",
                                         "last updated", "http://",     "https://"};
    if (chars > 120) {
        return 0;
    }
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        size_t n = strlen(starts[i]);
        size_t k = 0;
        while (k < n && text[k] && lower((unsigned char)text[k]) == starts[i][k]) {
            k++;
        }
        if (k == n) {
            return 1;
        }
    }
    return 0;
}

static int keep_block(const extract_ctx *x, const markup_block *b)
{
    const char *text = x->walk.store.data + b->start;
    /* a long paragraph is prose even when names in it are links */
    double most = b->chars >= 200 ? 0.8 : 0.5;
    if (b->chars == 0 || (double)b->link_chars > most * (double)b->chars) {
        return 0;
    }
    return !is_furniture(text, b->chars);
}

static int is_h1(const markup_block *b)
{
    return strcmp((const char *)b->owner->name, "h1") == 0;
}

static int body_text(extract_ctx *x, char **out)
{
    core_buf text;
    core_buf_init(&text, 0);
    int rc = core_buf_append(&text, "", 0);
    int started = 0;
    for (size_t i = 0; i < x->walk.count && !rc; i++) {
        const markup_block *b = &x->walk.blocks[i];
        if ((x->best && !under_selected(b)) || !keep_block(x, b)) {
            continue;
        }
        if (is_h1(b)) {
            continue;
        }
        if (!started && x->best && b->chars < LEAD_MIN_CHARS) {
            continue;
        }
        started = 1;
        if (text.len > 0) {
            rc = core_buf_append_char(&text, '\n');
        }
        if (!rc) {
            rc = core_buf_append(&text, x->walk.store.data + b->start, b->len);
        }
    }
    if (rc) {
        core_buf_free(&text);
        return rc;
    }
    *out = core_buf_take(&text);
    return FIL_OK;
}

static int extract_body(htmlDocPtr doc, char **out)
{
    extract_ctx x;
    memset(&x, 0, sizeof x);
    core_arena_init(&x.arena, 64u << 10, 0);
    markup_walk_init(&x.walk, 1);
    xmlNode *root = xmlDocGetRootElement(doc);
    int rc = root ? markup_walk_run(&x.walk, root) : FIL_OK;
    if (!rc) {
        rc = score_blocks(&x);
    }
    if (!rc && root) {
        find_best(&x, root);
        if (x.best) {
            widen_best(&x, root);
            select_siblings(&x);
        }
        rc = body_text(&x, out);
    } else if (!rc) {
        *out = core_strdup("");
        rc = *out ? FIL_OK : FIL_ENOMEM;
    }
    markup_walk_free(&x.walk);
    core_arena_free(&x.arena);
    return rc;
}

/* ---------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------- */

void markup_page_free(markup_page *p)
{
    if (!p) {
        return;
    }
    free(p->title);
    free(p->text);
    free(p->published);
    free(p->author);
    free(p->lang);
    free(p->url);
    free(p->source);
    memset(p, 0, sizeof *p);
}

int markup_html_extract(const char *html, size_t len, markup_page *out, fil_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > MARKUP_MAX_PAGE_BYTES) {
        return core_error_set(err, FIL_ETOOBIG, "page over %u bytes, skipped",
                              MARKUP_MAX_PAGE_BYTES);
    }
    if (has_nul(html, len)) {
        return core_error_set(err, FIL_EENCODING, "binary data, not a web page");
    }
    htmlDocPtr doc = html_parse(html, len);
    if (!doc) {
        return core_error_set(err, FIL_EPARSE, "not a web page libxml2 can read");
    }
    int rc = extract_body(doc, &out->text);
    if (!rc) {
        rc = markup_meta_read(doc, out);
    }
    xmlFreeDoc(doc);
    rc = rc ? rc : markup_page_repair(out);
    if (rc) {
        markup_page_free(out);
        return core_error_set(err, rc, "out of memory");
    }
    if (!out->text[0] && !out->title) {
        markup_page_free(out);
        return core_error_set(err, FIL_EEMPTY, "no article text and no title in the page");
    }
    return FIL_OK;
}

/* *s made valid UTF-8 (a new string when it had invalid bytes). */
static int repair_string(char **s)
{
    size_t n = *s ? strlen(*s) : 0;
    if (!n || !core_utf8_count_invalid(*s, n, 1)) {
        return FIL_OK;
    }
    core_buf b;
    core_buf_init(&b, 0);
    uint32_t repaired = 0;
    if (core_utf8_repair(*s, n, &b, &repaired)) {
        core_buf_free(&b);
        return FIL_ENOMEM;
    }
    free(*s);
    *s = core_buf_take(&b);
    return FIL_OK;
}

int markup_page_repair(markup_page *p)
{
    char **fields[] = {&p->title, &p->text, &p->published, &p->author,
                       &p->lang,  &p->url,  &p->source};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (repair_string(fields[i])) {
            return FIL_ENOMEM;
        }
    }
    return FIL_OK;
}

int markup_html_fragment_text(const char *html, size_t len, char **out, fil_error *err)
{
    *out = NULL;
    if (len > MARKUP_MAX_PAGE_BYTES) {
        return core_error_set(err, FIL_ETOOBIG, "html over %u bytes", MARKUP_MAX_PAGE_BYTES);
    }
    int n = (int)len;
    htmlDocPtr doc = len ? htmlReadMemory(html, n, NULL, "UTF-8", HTML_PARSE_FLAGS) : NULL;
    markup_walk w;
    markup_walk_init(&w, 0);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    int rc = root ? markup_walk_run(&w, root) : FIL_OK;
    rc = rc ? rc : markup_walk_join(&w, out);
    rc = rc ? rc : repair_string(out);
    markup_walk_free(&w);
    xmlFreeDoc(doc);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc ? core_error_set(err, rc, "out of memory") : FIL_OK;
}
