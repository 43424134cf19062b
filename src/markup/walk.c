/*
 * src/markup/walk.c -- HTML tree to text blocks; see walk.h.
 */
#include "markup/walk.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/array.h"
#include "fil.h"

/* ---------------------------------------------------------------------------
 * Tag classes
 * ------------------------------------------------------------------------- */

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, list[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Never text: code, media, form controls. */
static int is_never_text(const char *name)
{
    static const char *const tags[] = {
        "script", "style", "noscript", "template", "svg",    "math",   "iframe",
        "object", "embed", "canvas",   "button",   "select", "input",  "textarea",
        "option", "video", "audio",    "map",      "head",   "dialog", "picture"};
    return in_list(name, tags, sizeof tags / sizeof tags[0]);
}

/* Page furniture by its tag (used with hints only). */
static int is_furniture_tag(const char *name)
{
    static const char *const tags[] = {"nav",    "aside",      "footer", "header",
                                       "figure", "figcaption", "menu",   "form"};
    return in_list(name, tags, sizeof tags / sizeof tags[0]);
}

static int is_block_tag(const char *name)
{
    static const char *const tags[] = {
        "address", "article", "aside",  "blockquote", "body", "center",   "dd",
        "details", "dir",     "div",    "dl",         "dt",   "fieldset", "figcaption",
        "figure",  "footer",  "form",   "h1",         "h2",   "h3",       "h4",
        "h5",      "h6",      "header", "hr",         "html", "li",       "main",
        "menu",    "nav",     "ol",     "p",          "pre",  "section",  "summary",
        "table",   "tbody",   "td",     "tfoot",      "th",   "thead",    "tr",
        "ul",      "caption"};
    return in_list(name, tags, sizeof tags / sizeof tags[0]);
}

static int is_heading(const char *name)
{
    return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

/* ---------------------------------------------------------------------------
 * Attributes
 * ------------------------------------------------------------------------- */

const char *markup_walk_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0) {
            const xmlNode *v = a->children;
            return v && v->content ? (const char *)v->content : "";
        }
    }
    return NULL;
}

static void append_lower(char *out, size_t size, size_t *n, const char *s)
{
    for (; s && *s && *n + 1 < size; s++) {
        char c = *s;
        out[(*n)++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[*n] = '\0';
}

static int contains_any(const char *s, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strstr(s, words[i])) {
            return 1;
        }
    }
    return 0;
}

int markup_walk_hint(const xmlNode *node)
{
    static const char *const good[] = {"article", "body",  "content", "entry", "main",
                                       "post",    "story", "text",    "blog"};
    static const char *const bad[] = {
        "comment",    "share",      "social",       "sidebar",  "cookie",   "consent",
        "related",    "recommend",  "newsletter",   "subscri",  "promo",    "advert",
        "sponsor",    "breadcrumb", "footer",       "masthead", "menu",     "navbar",
        "popup",      "modal",      "outbrain",     "taboola",  "widget",   "read-also",
        "readalso",   "read-more",  "more-stories", "popular",  "trending", "disqus",
        "pagination", "signup",     "toolbar",      "gdpr",     "banner",   "gallery"};
    char s[256];
    size_t n = 0;
    s[0] = '\0';
    append_lower(s, sizeof s, &n, markup_walk_attr(node, "class"));
    append_lower(s, sizeof s, &n, " ");
    append_lower(s, sizeof s, &n, markup_walk_attr(node, "id"));
    if (n <= 1) {
        return 0;
    }
    if (contains_any(s, good, sizeof good / sizeof good[0])) {
        return 1;
    }
    return contains_any(s, bad, sizeof bad / sizeof bad[0]) ? -1 : 0;
}

static int is_hidden(const xmlNode *node)
{
    if (markup_walk_attr(node, "hidden")) {
        return 1;
    }
    const char *style = markup_walk_attr(node, "style");
    if (!style) {
        return 0;
    }
    char s[128];
    size_t n = 0;
    for (; *style && n + 1 < sizeof s; style++) {
        if (*style != ' ') {
            s[n++] = (char)(*style >= 'A' && *style <= 'Z' ? *style + 32 : *style);
        }
    }
    s[n] = '\0';
    return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

/* ---------------------------------------------------------------------------
 * Blocks
 * ------------------------------------------------------------------------- */

void markup_walk_init(markup_walk *w, int use_hints)
{
    memset(w, 0, sizeof *w);
    core_buf_init(&w->store, 0);
    w->use_hints = use_hints;
}

void markup_walk_free(markup_walk *w)
{
    core_buf_free(&w->store);
    free(w->blocks);
    memset(w, 0, sizeof *w);
}

/* Closes the open block: records it when it holds text, else drops it. */
static int flush(markup_walk *w)
{
    size_t len = w->store.len - w->open_start;
    while (len > 0 && w->store.data[w->open_start + len - 1] == '\n') {
        len--;
    }
    w->open_link_chars = w->open_link_chars < w->open_chars ? w->open_link_chars : w->open_chars;
    int rc = FIL_OK;
    if (len > 0 && w->owner) {
        rc = core_array_reserve((void **)&w->blocks, &w->capacity, w->count + 1, sizeof *w->blocks,
                                64);
    }
    if (!rc && len > 0 && w->owner) {
        markup_block *b = &w->blocks[w->count++];
        b->start = w->open_start;
        b->len = len;
        b->chars = w->open_chars;
        b->link_chars = w->open_link_chars;
        b->owner = w->owner;
        b->heading = is_heading((const char *)w->owner->name);
        w->store.len = w->open_start + len;
        rc = core_buf_append_char(&w->store, '\0'); /* room is there: len shrank */
    } else if (w->store.data) {
        w->store.len = w->open_start;
        w->store.data[w->store.len] = '\0';
    }
    w->open_start = w->store.len;
    w->open_chars = w->open_link_chars = 0;
    w->pending_space = 0;
    return rc;
}

static int append_text(markup_walk *w, const unsigned char *s)
{
    int rc = FIL_OK;
    for (size_t i = 0; s[i] && !rc; i++) {
        unsigned char c = s[i];
        int nbsp = c == 0xC2 && s[i + 1] == 0xA0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
            w->pending_space = 1;
            i += (size_t)nbsp;
            continue;
        }
        if (w->pending_space && w->store.len > w->open_start &&
            w->store.data[w->store.len - 1] != '\n') {
            rc = core_buf_append_char(&w->store, ' ');
        }
        w->pending_space = 0;
        if (!rc) {
            rc = core_buf_append_char(&w->store, (char)c);
        }
        if ((c & 0xC0) != 0x80) {
            w->open_chars++;
            w->open_link_chars += w->in_link > 0;
        }
    }
    return rc;
}

/* Bytes of text below node, as the walk would read them (roughly: markup
 * that is never text is left out). */
static size_t subtree_bytes(const xmlNode *node, int depth)
{
    size_t n = 0;
    for (const xmlNode *c = node->children; c && depth < MARKUP_WALK_MAX_DEPTH; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            n += strlen((const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !is_never_text((const char *)c->name)) {
            n += subtree_bytes(c, depth + 1);
        }
    }
    return n;
}

static int skip_element(const markup_walk *w, const xmlNode *node)
{
    const char *name = (const char *)node->name;
    if (is_never_text(name) || is_hidden(node)) {
        return 1;
    }
    if (!w->use_hints) {
        return 0;
    }
    if (strcmp(name, "body") == 0 || strcmp(name, "html") == 0 || strcmp(name, "article") == 0 ||
        strcmp(name, "main") == 0) {
        return 0;
    }
    if (!is_furniture_tag(name) && markup_walk_hint(node) >= 0) {
        return 0;
    }
    /* Furniture by name that wraps most of the page (a page-wide <form>,
     * "m-advertisement-off-canvas--pusher") is layout, not furniture. */
    return 2 * subtree_bytes(node, 0) < w->page_bytes;
}

static int walk_children(markup_walk *w, xmlNode *node);

static int walk_element(markup_walk *w, xmlNode *node)
{
    const char *name = (const char *)node->name;
    if (strcmp(name, "br") == 0) {
        w->pending_space = 0;
        int open = w->store.len > w->open_start && w->store.data[w->store.len - 1] != '\n';
        return open ? core_buf_append_char(&w->store, '\n') : FIL_OK;
    }
    if (skip_element(w, node) || w->depth >= MARKUP_WALK_MAX_DEPTH) {
        return FIL_OK;
    }
    int block = is_block_tag(name);
    int link = strcmp(name, "a") == 0;
    xmlNode *outer = w->owner;
    int rc = block ? flush(w) : FIL_OK;
    w->owner = block ? node : outer;
    w->in_link += link;
    w->depth++;
    if (!rc) {
        rc = walk_children(w, node);
    }
    w->depth--;
    w->in_link -= link;
    if (!rc && block) {
        rc = flush(w);
    }
    w->owner = outer;
    return rc;
}

static int walk_children(markup_walk *w, xmlNode *node)
{
    int rc = FIL_OK;
    for (xmlNode *c = node->children; c && !rc; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            rc = c->content ? append_text(w, c->content) : FIL_OK;
        } else if (c->type == XML_ELEMENT_NODE) {
            rc = walk_element(w, c);
        }
    }
    return rc;
}

int markup_walk_run(markup_walk *w, xmlNode *root)
{
    w->page_bytes = w->use_hints ? subtree_bytes(root, 0) : 0;
    int rc = root->type == XML_ELEMENT_NODE ? walk_element(w, root) : walk_children(w, root);
    return rc ? rc : flush(w);
}

int markup_walk_join(const markup_walk *w, char **out)
{
    core_buf text;
    core_buf_init(&text, 0);
    int rc = core_buf_append(&text, "", 0);
    for (size_t i = 0; i < w->count && !rc; i++) {
        rc = i ? core_buf_append_char(&text, '\n') : FIL_OK;
        rc = rc ? rc : core_buf_append(&text, w->store.data + w->blocks[i].start, w->blocks[i].len);
    }
    if (rc) {
        core_buf_free(&text);
        return rc;
    }
    *out = core_buf_take(&text);
    return FIL_OK;
}

char *markup_walk_lang(const char *tag)
{
    char code[8];
    size_t n = 0;
    while (tag && tag[n] && n < sizeof code - 1 && tag[n] != '-' && tag[n] != '_') {
        code[n] = (char)(tag[n] >= 'A' && tag[n] <= 'Z' ? tag[n] + 32 : tag[n]);
        n++;
    }
    code[n] = '\0';
    return n >= 2 && n <= 3 ? core_strdup(code) : NULL;
}
