/*
 * src/markup/html.h -- the article in a web page: its body text and its
 * metadata, on libxml2's HTML parser.
 *
 * Promise: markup_html_extract parses a whole page (any HTML libxml2 can
 * recover: unclosed tags, truncated files) and returns the main article
 * body as plain UTF-8 text, one paragraph, heading or list item per line
 * ('\n' between them), plus what the page says about itself: title,
 * publication time, author, language, canonical URL and site name.
 * markup_html_fragment_text turns an HTML fragment (a feed item's
 * description or content:encoded) into the same kind of plain text, with
 * no boilerplate removal: every block of the fragment is kept.
 *
 * Method (body), in the manner of Readability (arc90, 2009) and of the
 * text-density work of Kohlschuetter et al. 2010 ("Boilerplate detection
 * using shallow text features"):
 *  1. Blocks. The DOM is walked once. Scripts, styles, forms' controls,
 *     nav, aside, footer, header, hidden elements and subtrees whose class
 *     or id names boilerplate (comment, share, social, cookie, related,
 *     newsletter, sidebar, "read also"...) unless they also name content
 *     (article, body, content, story...) are dropped, unless they hold
 *     half the page's text or more (a layout wrapper: a page-wide <form>,
 *     class="m-advertisement-off-canvas--pusher"). The inline text of
 *     each block-level element becomes a block: its text, its length in
 *     characters and the part of it inside links.
 *  2. Scores. A block of 25 characters or more gives its container (the
 *     owner's parent) 1 + its commas + one point per 100 characters (up
 *     to 3); the grandparent gets half, the great-grandparent a sixth.
 *     Text straight in a div (lines split by <br>) counts the div itself
 *     as its container.
 *     A container starts from a weight of its tag (div +5, list and
 *     heading containers negative) and of its class/id hints (+-25). Its
 *     final score is scaled by 1 - link density (link characters over all
 *     characters below it), so menus and link lists lose.
 *  3. Selection. The best container is the body. When another container
 *     scores at least 3/4 of it (an article cut into chunks), their
 *     lowest common ancestor is the body instead (as Readability does
 *     with three). Siblings of the body join when their score is a fifth
 *     of the best, or when they are paragraphs of more than 80 characters
 *     with few links.
 *  4. Text. The blocks below the selected containers are kept in document
 *     order, except those that are mostly links (over half their
 *     characters; over 4/5 for paragraphs of 200 or more, where linked
 *     names do not make prose a menu), h1 (the title, which is
 *     metadata), short lines that are typical page furniture
 *     ("Advertisement", "Read also: ...", "Updated 5:27 am", a bare URL)
 *     and blocks under 30 characters before the first longer one
 *     (bylines, datelines, share counts).
 * Measured: body F1 0.972 (precision 0.966, recall 0.977) on the dev half
 * of the public article-extraction benchmark (bench/extract.sh).
 * Metadata: title from JSON-LD headline, og:title, then <title>; published
 * from article:published_time, JSON-LD datePublished, then the first
 * <time datetime> (RFC 822 times become ISO-8601, others stay as
 * written); author from JSON-LD (NewsArticle, Article, BlogPosting and
 * kin, also inside @graph or arrays), then meta author; lang from
 * <html lang> (primary subtag, lowercased); url from the canonical link,
 * then og:url; source from og:site_name, then the host of url.
 * Charset: a byte order mark (UTF-8, UTF-16), else the first meta charset or http-equiv
 * content type in the first 4 KiB, else UTF-8. ISO-8859-1, US-ASCII and
 * windows-1252 are all read as windows-1252 (as browsers do, WHATWG
 * Encoding); libxml2 converts to UTF-8 through iconv.
 *
 * Memory:  markup_page's strings are owned by it until markup_page_free.
 *          The fragment text is a caller-freed (free()) string.
 * Errors:  FIL_ETOOBIG for a page over MARKUP_MAX_PAGE_BYTES, FIL_EENCODING
 *          for bytes that are not text (NUL bytes), FIL_EPARSE when libxml2
 *          builds no document, FIL_EEMPTY when neither body text nor title
 *          is found, FIL_ENOMEM; each with a message in err (without the
 *          file name: the caller adds it).
 * Cost:    one parse and two walks of the DOM; about 2 ms for a 100 KiB page.
 * Threads: no shared state beyond libxml2's own (its parser is reentrant).
 */
#ifndef FIL_MARKUP_HTML_H
#define FIL_MARKUP_HTML_H

#include <stddef.h>

#include "fil.h"

#define MARKUP_MAX_PAGE_BYTES (16u << 20)

typedef struct markup_page {
    char *title;     /* NULL when absent */
    char *text;      /* the body; "" when none was found */
    char *published; /* as the page writes it, usually ISO-8601; NULL when absent */
    char *author;    /* several authors joined with ", "; NULL when absent */
    char *lang;      /* "en" from <html lang="en-US">; NULL when absent */
    char *url;       /* canonical URL; NULL when absent */
    char *source;    /* site name or host; NULL when absent */
} markup_page;

/* Extracts the article of a page of len bytes (any encoding, see above).
 * On success *out holds owned strings; on failure *out is empty. */
int markup_html_extract(const char *html, size_t len, markup_page *out, fil_error *err);

/* Makes every string of the page valid UTF-8, invalid bytes replaced by
 * U+FFFD (libxml2 passes through the bytes of a document that lies about
 * its encoding). FIL_ENOMEM; the page is unchanged then. */
int markup_page_repair(markup_page *page);

/* Releases the page's strings; the page is then empty. NULL is a no-op. */
void markup_page_free(markup_page *page);

/* Plain text of an HTML fragment in UTF-8: blocks on their own lines,
 * scripts and styles dropped, entities decoded. *out: caller frees with
 * free(); "" for a fragment with no text. */
int markup_html_fragment_text(const char *html, size_t len, char **out, fil_error *err);

#endif
