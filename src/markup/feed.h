/*
 * src/markup/feed.h -- RSS 2.0, RSS 1.0 (RDF) and Atom feeds to articles,
 * on libxml2's XML parser.
 *
 * Promise: markup_feed_parse reads a whole feed document and turns each
 * item (RSS, RDF) or entry (Atom) into a markup_page: title; text from
 * content:encoded, else description (RSS, RDF), or from content, else
 * summary (Atom), HTML cleaned to plain text with paragraph breaks
 * (markup_html_fragment_text; Atom xhtml content is read in place); url
 * from link (Atom: rel="alternate" or no rel); author from author,
 * dc:creator or Atom author/name; lang from the item's xml:lang, else the
 * feed's <language>, dc:language or xml:lang (primary subtag). Items
 * keep their document order, and every item is kept, even one with no
 * title and no text (the reader reports those).
 * Dates: pubDate, dc:date, Atom published, else updated. RFC 822 dates
 * ("Wed, 02 Oct 2002 13:00:00 GMT", zones as +hhmm, UT, GMT, Z and the
 * US zones of RFC 822) become ISO-8601 ("2002-10-02T13:00:00Z", or with
 * the offset). Any other text is kept as written (trimmed), so the
 * consumer, which checks times, reports a broken date per item.
 * Encoding: the document's own declaration (libxml2: UTF-8, UTF-16,
 * ISO-8859-1 and what iconv knows; an encoding it does not know is read
 * as UTF-8); all strings come out UTF-8.
 * Safety: no network access, no external entities, no DTD loading.
 * Memory:  the feed owns its items until markup_feed_free.
 * Errors:  FIL_ETOOBIG over MARKUP_MAX_FEED_BYTES, FIL_EPARSE when the
 *          document is not XML libxml2 can recover or its root is not
 *          rss, rdf:RDF or feed, FIL_ENOMEM; messages without the file name.
 */
#ifndef FIL_MARKUP_FEED_H
#define FIL_MARKUP_FEED_H

#include <stddef.h>

#include "fil.h"
#include "markup/html.h"

#define MARKUP_MAX_FEED_BYTES (64u << 20)

typedef struct markup_feed {
    markup_page *items; /* owned, count of them; source is NULL in each */
    size_t count, capacity;
} markup_feed;

int markup_feed_parse(const char *xml, size_t len, markup_feed *out, fil_error *err);

/* Releases every item; the feed is then empty. NULL is a no-op. */
void markup_feed_free(markup_feed *feed);

/* An RFC 822 date as ISO-8601 into out (at least 26 bytes); FIL_EPARSE
 * when text is not one. */
int markup_feed_rfc822_iso(const char *text, char *out, size_t size);

#endif
