/*
 * src/markup/feed.c -- RSS, RDF and Atom items; see feed.h.
 */
#include "markup/feed.h"
#include "core/alloc.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/error.h"
#include "markup/walk.h"

/* NOENT is left out on purpose: entities stay unexpanded (no XXE). */
#define FEED_PARSE_FLAGS                                                                           \
    (XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_RECOVER |               \
     XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* ---------------------------------------------------------------------------
 * RFC 822 dates
 * ------------------------------------------------------------------------- */

static int month_of(const char *s)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char m[4] = {0};
    for (int i = 0; i < 3 && s[i]; i++) {
        m[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    }
    const char *at = strstr(names, m);
    return m[2] && at && (at - names) % 3 == 0 ? (int)(at - names) / 3 + 1 : 0;
}

/* Minutes east of UTC for an RFC 822 zone; 0 and *ok = 0 when unknown. */
static int zone_minutes(const char *z, int *ok)
{
    static const struct {
        const char *name;
        int minutes;
    } zones[] = {{"GMT", 0},    {"UT", 0},     {"UTC", 0},    {"Z", 0},
                 {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
                 {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};
    *ok = 1;
    if ((z[0] == '+' || z[0] == '-') && strlen(z) == 5 && strspn(z + 1, "0123456789") == 4) {
        int hours = (z[1] - '0') * 10 + (z[2] - '0'), minutes = (z[3] - '0') * 10 + (z[4] - '0');
        *ok = hours <= 23 && minutes <= 59; /* "+3601" is no zone (found by fuzz_feed) */
        return (z[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
        if (strcmp(z, zones[i].name) == 0) {
            return zones[i].minutes;
        }
    }
    *ok = 0;
    return 0;
}

/* Days in a month (1-12) of a Gregorian year. */
static int days_in(int month, int year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

int markup_feed_rfc822_iso(const char *text, char *out, size_t size)
{
    const char *p = strchr(text, ',');
    p = p ? p + 1 : text;
    int day, year, hh, mm, ss = 0, used = 0;
    char mon[8], zone[8] = "GMT";
    if (sscanf(p, " %2d %7s %4d %2d:%2d%n", &day, mon, &year, &hh, &mm, &used) != 5) {
        return FIL_EPARSE;
    }
    p += used;
    if (*p == ':') {
        int more = 0;
        if (sscanf(p, ":%2d%n", &ss, &more) != 1) {
            return FIL_EPARSE;
        }
        p += more;
    }
    int zn = 0;
    if (sscanf(p, " %7s %n", zone, &zn) == 1 && p[zn] != '\0') {
        return FIL_EPARSE; /* trailing text */
    }
    int ok, month = month_of(mon), off = zone_minutes(zone, &ok);
    year += year < 50 ? 2000 : year < 100 ? 1900 : 0;
    if (!ok || !month || day < 1 || day > days_in(month, year) || hh < 0 || hh > 23 || mm < 0 ||
        mm > 59 || ss < 0 || ss > 59 || year < 1000) {
        return FIL_EPARSE;
    }
    int n = off == 0 ? snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hh,
                                mm, ss)
                     : snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month,
                                day, hh, mm, ss, off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
    return n > 0 && (size_t)n < size ? FIL_OK : FIL_EPARSE;
}

/* ---------------------------------------------------------------------------
 * Elements
 * ------------------------------------------------------------------------- */

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The first child called name with that namespace prefix ("dc",
 * "content"), or with none when prefix is NULL (RSS elements, and Atom's,
 * whose namespace is the default one). */
static const xmlNode *child(const xmlNode *parent, const char *name, const char *prefix)
{
    for (const xmlNode *c = parent->children; c; c = c->next) {
        const char *ns = c->ns && c->ns->prefix ? (const char *)c->ns->prefix : NULL;
        if (named(c, name) && (prefix ? ns && strcmp(ns, prefix) == 0 : !ns)) {
            return c;
        }
    }
    return NULL;
}

/* Trimmed, whitespace-collapsed text of node (free()); NULL when empty. */
static char *node_text(const xmlNode *node)
{
    char *raw = node ? (char *)xmlNodeGetContent(node) : NULL;
    if (!raw) {
        return NULL;
    }
    size_t n = 0;
    int space = 0;
    for (const char *s = raw; *s; s++) {
        int ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
        if (!ws && space && n) {
            raw[n++] = ' ';
        }
        space = ws;
        if (!ws) {
            raw[n++] = *s;
        }
    }
    raw[n] = '\0';
    char *copy = n ? core_strdup(raw) : NULL;
    xmlFree(raw);
    return copy;
}

/* ---------------------------------------------------------------------------
 * Items
 * ------------------------------------------------------------------------- */

/* Plain text of an element holding HTML (escaped or CDATA), or, for Atom
 * type="xhtml", holding the markup itself. */
static int html_text(const xmlNode *node, char **out)
{
    if (!node) {
        *out = core_strdup("");
        return *out ? FIL_OK : FIL_ENOMEM;
    }
    const char *type = markup_walk_attr(node, "type");
    if (type && strcmp(type, "xhtml") == 0) {
        markup_walk w;
        markup_walk_init(&w, 0);
        int rc = markup_walk_run(&w, (xmlNode *)node);
        rc = rc ? rc : markup_walk_join(&w, out);
        markup_walk_free(&w);
        return rc;
    }
    char *raw = (char *)xmlNodeGetContent(node);
    if (!raw) {
        return FIL_ENOMEM;
    }
    int rc = type && strcmp(type, "text") == 0
                 ? ((*out = core_strdup(raw)) ? FIL_OK : FIL_ENOMEM)
                 : markup_html_fragment_text(raw, strlen(raw), out, NULL);
    xmlFree(raw);
    return rc;
}

static char *item_date(const xmlNode *item)
{
    const xmlNode *d = child(item, "pubDate", NULL);
    d = d ? d : child(item, "date", "dc");
    d = d ? d : child(item, "published", NULL);
    d = d ? d : child(item, "updated", NULL);
    char *text = node_text(d);
    char iso[40];
    if (text && markup_feed_rfc822_iso(text, iso, sizeof iso) == FIL_OK) {
        free(text);
        return core_strdup(iso);
    }
    return text;
}

static char *item_link(const xmlNode *item)
{
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (!named(c, "link")) {
            continue;
        }
        const char *href = markup_walk_attr(c, "href");
        const char *rel = markup_walk_attr(c, "rel");
        if (href && (!rel || strcmp(rel, "alternate") == 0)) {
            return core_strdup(href);
        }
        if (!href) {
            return node_text(c);
        }
    }
    return NULL;
}

static char *item_author(const xmlNode *item)
{
    const xmlNode *a = child(item, "creator", "dc");
    if (!a) {
        a = child(item, "author", NULL);
        const xmlNode *name = a ? child(a, "name", NULL) : NULL;
        a = name ? name : a;
    }
    return node_text(a);
}

static int read_item(const xmlNode *item, const char *feed_lang, markup_page *p)
{
    memset(p, 0, sizeof *p);
    const xmlNode *title = child(item, "title", NULL);
    int rc = FIL_OK;
    if (title && markup_walk_attr(title, "type") &&
        strcmp(markup_walk_attr(title, "type"), "text") != 0) {
        rc = html_text(title, &p->title);
    } else {
        p->title = node_text(title);
    }
    const xmlNode *body = child(item, "encoded", "content");
    body = body ? body : child(item, "content", NULL);
    body = body ? body : child(item, "description", NULL);
    body = body ? body : child(item, "summary", NULL);
    rc = rc ? rc : html_text(body, &p->text);
    p->url = item_link(item);
    p->published = item_date(item);
    p->author = item_author(item);
    const char *lang = markup_walk_attr(item, "lang");
    p->lang = markup_walk_lang(lang ? lang : feed_lang);
    return rc;
}

/* The feed's language: <language>, dc:language or xml:lang of the root or
 * channel. Borrowed from the tree; NULL when none. */
static const char *feed_lang(const xmlNode *root, const xmlNode *channel, char **owned)
{
    const char *lang = markup_walk_attr(root, "lang");
    if (lang || !channel) {
        return lang;
    }
    const xmlNode *l = child(channel, "language", NULL);
    *owned = node_text(l ? l : child(channel, "language", "dc"));
    return *owned;
}

static int add_items(markup_feed *f, const xmlNode *parent, const char *item_name, const char *lang)
{
    int rc = FIL_OK;
    for (const xmlNode *c = parent->children; c && !rc; c = c->next) {
        if (!named(c, item_name)) {
            continue;
        }
        rc = core_array_reserve((void **)&f->items, &f->capacity, f->count + 1, sizeof *f->items,
                                16);
        if (!rc) {
            rc = read_item(c, lang, &f->items[f->count]);
            f->count++; /* even on failure, so free releases what it holds */
        }
    }
    return rc;
}

static int read_feed(const xmlNode *root, markup_feed *f)
{
    const char *name = (const char *)root->name;
    const xmlNode *channel = child(root, "channel", NULL);
    char *owned = NULL;
    const char *lang = feed_lang(root, channel, &owned);
    int rc;
    if (strcmp(name, "feed") == 0) {
        rc = add_items(f, root, "entry", lang);
    } else if (strcmp(name, "rss") == 0) {
        rc = channel ? add_items(f, channel, "item", lang) : FIL_OK;
    } else {
        rc = add_items(f, root, "item", lang); /* RDF: items beside the channel */
        rc = rc || !channel ? rc : add_items(f, channel, "item", lang);
    }
    free(owned);
    return rc;
}

void markup_feed_free(markup_feed *f)
{
    if (!f) {
        return;
    }
    for (size_t i = 0; i < f->count; i++) {
        markup_page_free(&f->items[i]);
    }
    free(f->items);
    memset(f, 0, sizeof *f);
}

int markup_feed_parse(const char *xml, size_t len, markup_feed *out, fil_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > MARKUP_MAX_FEED_BYTES) {
        return core_error_set(err, FIL_ETOOBIG, "feed over %u bytes, skipped",
                              MARKUP_MAX_FEED_BYTES);
    }
    xmlDoc *doc = xmlReadMemory(xml, (int)len, NULL, NULL, FEED_PARSE_FLAGS);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        /* an encoding iconv does not know: read the bytes as UTF-8 */
        xmlFreeDoc(doc);
        doc = xmlReadMemory(xml, (int)len, NULL, "UTF-8", FEED_PARSE_FLAGS | XML_PARSE_IGNORE_ENC);
        root = doc ? xmlDocGetRootElement(doc) : NULL;
    }
    if (!root || !(named(root, "rss") || named(root, "feed") || named(root, "RDF"))) {
        xmlFreeDoc(doc);
        return core_error_set(err, FIL_EPARSE, "not an RSS, Atom or RDF feed");
    }
    int rc = read_feed(root, out);
    xmlFreeDoc(doc);
    for (size_t i = 0; !rc && i < out->count; i++) {
        rc = markup_page_repair(&out->items[i]);
    }
    if (rc) {
        markup_feed_free(out);
        return core_error_set(err, rc, "out of memory");
    }
    return FIL_OK;
}
