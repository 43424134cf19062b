/*
 * tests/unit/test_markup.c -- article extraction from web pages, HTML
 * fragments, and RSS / Atom / RDF feeds. Every page and feed here is
 * written for the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fil.h"
#include "markup/feed.h"
#include "markup/html.h"

/* A news page with the furniture extraction must drop: a menu, a share
 * bar, a "read also" box, a comment section, a cookie banner, a footer. */
static const char page[] =
    "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
    "<title>Harbour reopens | The Coast Gazette</title>"
    "<meta property=\"og:title\" content=\"Harbour reopens after the storm\">"
    "<meta property=\"og:site_name\" content=\"The Coast Gazette\">"
    "<meta property=\"article:published_time\" content=\"2021-02-03T08:15:00Z\">"
    "<link rel=\"canonical\" href=\"https://gazette.example/harbour-reopens\">"
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
    "{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\",\"headline\":\"Harbour reopens\","
    "\"datePublished\":\"2021-02-03T08:00:00Z\",\"author\":[{\"@type\":\"Person\","
    "\"name\":\"Ann Reed\"},{\"name\":\"Bo Lind\"}]}]}</script>"
    "<script>var tracking = 'do not read me';</script></head><body>"
    "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>"
    "<div class=\"cookie-banner\">We use cookies to improve your experience here.</div>"
    "<div class=\"page\"><div class=\"article-body\">"
    "<p>The harbour of Westport reopened on Tuesday, three days after the storm closed it, "
    "and the first ferries left at dawn.</p>"
    "<p>Crews cleared fallen cranes, broken pontoons and two sunken boats, the harbour "
    "master said, adding that the repairs would take weeks.</p>"
    "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
    "<p>Fishermen, who lost a week of work, asked the council for help; the council will "
    "meet on Friday.</p>"
    "<p>Read also: <a href=\"/x\">Storm damage in the north</a></p>"
    "</div><div class=\"comments\"><p>Great news, finally, I can take the ferry again, thank "
    "you all for the quick work on the harbour!</p></div></div>"
    "<footer><p>Copyright The Coast Gazette, all rights reserved, since 1901.</p></footer>"
    "</body></html>";

static void test_page(void)
{
    markup_page p;
    fil_error err = {0, ""};
    CHECK(markup_html_extract(page, sizeof page - 1, &p, &err) == FIL_OK, "a page is read");
    CHECK(strstr(p.text, "The harbour of Westport reopened") == p.text, "the body starts there");
    CHECK(strstr(p.text, "sunken boats") && strstr(p.text, "meet on Friday."),
          "every paragraph of the body is kept");
    CHECK(strstr(p.text, "dawn.\nCrews") != NULL, "paragraphs are separated by a newline");
    static const char *const dropped[] = {"Home",       "cookies",   "Share on", "Read also",
                                          "Great news", "Copyright", "tracking"};
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++) {
        CHECK(strstr(p.text, dropped[i]) == NULL, dropped[i]);
    }
    CHECK(p.title && strcmp(p.title, "Harbour reopens") == 0, "JSON-LD headline first");
    CHECK(p.published && strcmp(p.published, "2021-02-03T08:15:00Z") == 0,
          "article:published_time first");
    CHECK(p.author && strcmp(p.author, "Ann Reed, Bo Lind") == 0, "JSON-LD authors in @graph");
    CHECK(p.lang && strcmp(p.lang, "en") == 0, "primary language subtag");
    CHECK(p.url && strcmp(p.url, "https://gazette.example/harbour-reopens") == 0, "canonical");
    CHECK(p.source && strcmp(p.source, "The Coast Gazette") == 0, "og:site_name");
    markup_page_free(&p);
}

/* The body of a page whose text sits in a div between <br>s, beside a
 * longer list of links, and whose only date is a <time>. */
static void test_div_text(void)
{
    const char html[] =
        "<html><head><title>Bridge vote</title></head><body>"
        "<div class=\"links\"><a href=\"/1\">One story about a harbour and its many boats</a><br>"
        "<a href=\"/2\">Another story about the ferries and their sailors at sea</a><br>"
        "<a href=\"/3\">A third story about the weather, the wind and the rain</a></div>"
        "<div class=\"story\"><time datetime=\"2021-05-06\">May 6</time>"
        "The council voted for the new bridge, with 30 votes to 12, after a long debate.<br><br>"
        "Work will start in the spring, and the bridge should open in two years, it said.</div>"
        "</body></html>";
    markup_page p;
    CHECK(markup_html_extract(html, sizeof html - 1, &p, NULL) == FIL_OK, "read");
    CHECK(p.text && strstr(p.text, "The council voted") && strstr(p.text, "two years"),
          "text straight in a div is the body");
    CHECK(p.text && !strstr(p.text, "third story"), "the link list is not");
    CHECK(p.text && strstr(p.text, "debate.\nWork") != NULL, "<br> breaks lines");
    CHECK(p.title && strcmp(p.title, "Bridge vote") == 0, "<title> when nothing better");
    CHECK(p.published && strcmp(p.published, "2021-05-06") == 0, "<time datetime>");
    CHECK(p.url == NULL && p.source == NULL && p.lang == NULL, "absent metadata stays NULL");
    markup_page_free(&p);
}

/* A page-wide <form> (ASP.NET) and a wrapper whose class names adverts
 * hold the whole article: they are layout, not furniture. */
static void test_wrappers(void)
{
    const char html[] =
        "<html><body><form action=\"/post\"><div class=\"ad-free-advert-wrapper\">"
        "<div class=\"story\"><p>The ferry company will add two boats to the Westport line in "
        "March, its chief executive said on Monday.</p><p>Tickets for the new crossings go on "
        "sale next week, and prices will not change, she said.</p></div></div>"
        "<div class=\"advert\">Buy a boat today, the best boats in town, at the best prices!"
        "</div></form></body></html>";
    markup_page p;
    CHECK(markup_html_extract(html, sizeof html - 1, &p, NULL) == FIL_OK, "read");
    CHECK(p.text && strstr(p.text, "two boats") && strstr(p.text, "prices will not change"),
          "the article inside the wrappers is found");
    CHECK(p.text && !strstr(p.text, "Buy a boat"), "the small advert beside it is dropped");
    markup_page_free(&p);
}

/* windows-1252 bytes (0xE9 e-acute, 0x93/0x94 curly quotes, 0x80 euro)
 * declared as ISO-8859-1, as many old pages do. */
static void test_charset(void)
{
    const char html[] =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
        "charset=ISO-8859-1\"></head><body><p>Le caf\xe9 co\xfbte 3 \x80, dit-il: \x93"
        "cher\x94, mais la terrasse est pleine tous les jours de la semaine.</p></body></html>";
    markup_page p;
    CHECK(markup_html_extract(html, sizeof html - 1, &p, NULL) == FIL_OK, "read");
    CHECK(p.text && strstr(p.text, "Le caf\xc3\xa9 co\xc3\xbbte 3 \xe2\x82\xac") != NULL,
          "Latin-1 letters and the euro sign become UTF-8");
    CHECK(p.text && strstr(p.text, "\xe2\x80\x9c"
                                   "cher\xe2\x80\x9d") != NULL,
          "windows-1252 quotes too");
    markup_page_free(&p);
}

/* A page saved as UTF-16 (little-endian, with its BOM): NUL bytes that
 * are not binary data. */
static void test_utf16(void)
{
    const char ascii[] = "<html><body><p>Saved as UTF-16 by an old editor, with a byte order "
                         "mark in front.</p></body></html>";
    char html[2 * sizeof ascii + 2] = {'\xFF', '\xFE'};
    for (size_t i = 0; i + 1 < sizeof ascii; i++) {
        html[2 + 2 * i] = ascii[i];
    }
    markup_page p;
    CHECK(markup_html_extract(html, 2 * (sizeof ascii - 1) + 2, &p, NULL) == FIL_OK &&
              strstr(p.text, "Saved as UTF-16 by an old editor") == p.text,
          "UTF-16 is read, not refused as binary");
    markup_page_free(&p);
}

static void test_bad_pages(void)
{
    markup_page p;
    fil_error err = {0, ""};
    const char truncated[] = "<html><body><div><p>The storm closed the harbour of Westport on "
                             "Saturday, and the ferries stayed in port for three days while";
    CHECK(markup_html_extract(truncated, sizeof truncated - 1, &p, &err) == FIL_OK &&
              strstr(p.text, "ferries stayed in port") != NULL,
          "a truncated page gives what it holds");
    markup_page_free(&p);
    const char binary[] = "\x7f"
                          "ELF\x02\x01\x01\0\0\0\0\0<p>";
    CHECK(markup_html_extract(binary, sizeof binary - 1, &p, &err) == FIL_EENCODING &&
              strstr(err.message, "binary") != NULL,
          "binary data is refused with a message");
    CHECK(markup_html_extract("<html><body><p></p></body></html>", 33, &p, &err) == FIL_EEMPTY,
          "a page with no text and no title is empty");
    CHECK(markup_html_extract(page, (size_t)MARKUP_MAX_PAGE_BYTES + 1, &p, &err) == FIL_ETOOBIG,
          "a page over the ceiling is refused before it is read");
}

static void test_fragment(void)
{
    const char html[] = "<p>First &amp; foremost.</p><p>Second <b>line</b><br>third</p>"
                        "<script>x()</script>";
    char *text = NULL;
    CHECK(markup_html_fragment_text(html, sizeof html - 1, &text, NULL) == FIL_OK, "read");
    CHECK(text && strcmp(text, "First & foremost.\nSecond line\nthird") == 0,
          "blocks become lines, entities are decoded, scripts dropped");
    free(text);
    CHECK(markup_html_fragment_text("", 0, &text, NULL) == FIL_OK && text && text[0] == '\0',
          "an empty fragment is empty text");
    free(text);
}

static void test_rfc822(void)
{
    char iso[40];
    CHECK(markup_feed_rfc822_iso("Sat, 06 Feb 2021 09:30:00 +0100", iso, sizeof iso) == FIL_OK &&
              strcmp(iso, "2021-02-06T09:30:00+01:00") == 0,
          "RFC 822 with a numeric zone");
    CHECK(markup_feed_rfc822_iso("6 Feb 21 09:30 EST", iso, sizeof iso) == FIL_OK &&
              strcmp(iso, "2021-02-06T09:30:00-05:00") == 0,
          "no weekday, two-digit year, no seconds, a US zone");
    CHECK(markup_feed_rfc822_iso("Tue, 09 Feb 2021 07:00:00 GMT", iso, sizeof iso) == FIL_OK &&
              strcmp(iso, "2021-02-09T07:00:00Z") == 0,
          "GMT is Z");
    CHECK(markup_feed_rfc822_iso("last Tuesday", iso, sizeof iso) == FIL_EPARSE, "not a date");
    CHECK(markup_feed_rfc822_iso("Fri, 12 Feb 2021 25:00:00 GMT", iso, sizeof iso) == FIL_EPARSE,
          "hour 25");
    CHECK(markup_feed_rfc822_iso("Fri, 12 Feb 2021 10:00:00 GMT tomorrow", iso, sizeof iso) ==
              FIL_EPARSE,
          "trailing text");
    /* found by fuzz_feed: what it gave must be a time fil_parse_time takes */
    CHECK(markup_feed_rfc822_iso("9 Mar 2026 08:15 +3601", iso, sizeof iso) == FIL_EPARSE,
          "a zone of 36 hours");
    CHECK(markup_feed_rfc822_iso("9 Mar 2026 08:15 +0160", iso, sizeof iso) == FIL_EPARSE,
          "a zone of 60 minutes");
    CHECK(markup_feed_rfc822_iso("30 Feb 2021 08:15 GMT", iso, sizeof iso) == FIL_EPARSE,
          "30 February");
    CHECK(markup_feed_rfc822_iso("29 Feb 2024 08:15 GMT", iso, sizeof iso) == FIL_OK,
          "29 February of a leap year");
}

static void test_rss(void)
{
    const char xml[] =
        "<?xml version=\"1.0\"?><rss version=\"2.0\" "
        "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:media=\"http://search.yahoo.com/mrss/\">"
        "<channel><title>Gazette</title><language>en-gb</language>"
        "<item><title>Storm</title><link>https://g.example/storm</link>"
        "<description>Short.</description><media:content url=\"x.jpg\"/>"
        "<content:encoded><![CDATA[<p>The storm closed the port.</p><p>Ferries &amp; boats "
        "stayed.</p>]]></content:encoded><pubDate>Sat, 06 Feb 2021 09:30:00 +0100</pubDate>"
        "<dc:creator>Ann Reed</dc:creator></item>"
        "<item><title>Reopened</title><description>&lt;b&gt;Open&lt;/b&gt; again.</description>"
        "<pubDate>someday</pubDate></item>"
        "<item><link>https://g.example/empty</link></item></channel></rss>";
    markup_feed f;
    CHECK(markup_feed_parse(xml, sizeof xml - 1, &f, NULL) == FIL_OK && f.count == 3,
          "every item is kept, even an empty one");
    if (f.count == 3) {
        markup_page *a = &f.items[0], *b = &f.items[1];
        CHECK(strcmp(a->text, "The storm closed the port.\nFerries & boats stayed.") == 0,
              "content:encoded over description, HTML cleaned, paragraphs kept");
        CHECK(strcmp(a->published, "2021-02-06T09:30:00+01:00") == 0, "pubDate in ISO-8601");
        CHECK(strcmp(a->author, "Ann Reed") == 0 && strcmp(a->url, "https://g.example/storm") == 0,
              "dc:creator and link");
        CHECK(strcmp(a->lang, "en") == 0 && strcmp(b->lang, "en") == 0,
              "the feed's language on every item");
        CHECK(strcmp(b->text, "Open again.") == 0, "an escaped HTML description is cleaned");
        CHECK(strcmp(b->published, "someday") == 0, "a broken date is kept as written");
        CHECK(f.items[2].title == NULL && f.items[2].text && f.items[2].text[0] == '\0',
              "the empty item has no title and no text");
    }
    markup_feed_free(&f);
}

static void test_atom_and_rdf(void)
{
    const char atom[] =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de-AT\"><entry>"
        "<title>Sturm</title><link rel=\"self\" href=\"https://k.example/self\"/>"
        "<link rel=\"alternate\" href=\"https://k.example/sturm\"/>"
        "<updated>2021-02-07T00:00:00Z</updated><published>2021-02-06T10:00:00Z</published>"
        "<author><name>Jan Berg</name></author><content type=\"xhtml\"><div "
        "xmlns=\"http://www.w3.org/1999/xhtml\"><p>Der Hafen ist zu.</p><p>Die F\xc3\xa4hren "
        "warten.</p></div></content></entry></feed>";
    markup_feed f;
    CHECK(markup_feed_parse(atom, sizeof atom - 1, &f, NULL) == FIL_OK && f.count == 1, "Atom");
    if (f.count == 1) {
        markup_page *a = &f.items[0];
        CHECK(strcmp(a->text, "Der Hafen ist zu.\nDie F\xc3\xa4hren warten.") == 0,
              "xhtml content read in place, paragraphs kept");
        CHECK(strcmp(a->url, "https://k.example/sturm") == 0, "the alternate link, not self");
        CHECK(strcmp(a->published, "2021-02-06T10:00:00Z") == 0, "published before updated");
        CHECK(strcmp(a->author, "Jan Berg") == 0 && strcmp(a->lang, "de") == 0, "author, lang");
    }
    markup_feed_free(&f);
    const char rdf[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                       "xmlns=\"http://purl.org/rss/1.0/\"><channel><title>G</title></channel>"
                       "<item><title>Temp\xeate</title><description>Les ferries sont rest\xe9s "
                       "\xe0 quai.</description></item></rdf:RDF>";
    CHECK(markup_feed_parse(rdf, sizeof rdf - 1, &f, NULL) == FIL_OK && f.count == 1, "RDF");
    if (f.count == 1) {
        CHECK(strcmp(f.items[0].title, "Temp\xc3\xaate") == 0 &&
                  strcmp(f.items[0].text, "Les ferries sont rest\xc3\xa9s \xc3\xa0 quai.") == 0,
              "a Latin-1 feed comes out in UTF-8");
    }
    markup_feed_free(&f);
    const char bogus[] = "<?xml version=\"1.0\" encoding=\"x-no-such\"?><rss><channel><item>"
                         "<title>Caf\xc3\xa9</title></item></channel></rss>";
    CHECK(markup_feed_parse(bogus, sizeof bogus - 1, &f, NULL) == FIL_OK && f.count == 1 &&
              strcmp(f.items[0].title, "Caf\xc3\xa9") == 0,
          "an encoding iconv does not know is read as UTF-8");
    markup_feed_free(&f);
    fil_error err = {0, ""};
    CHECK(markup_feed_parse("<html><p>x</p></html>", 21, &f, &err) == FIL_EPARSE &&
              strstr(err.message, "not an RSS") != NULL,
          "XML that is not a feed is refused");
}

/* Found by fuzz_html and fuzz_feed: a document that says it is UTF-8 but
 * holds other bytes gives UTF-8 all the same, and a page with two JSON-LD
 * articles reads the first (the second used to leak the first's fields). */
static void test_fuzz_findings(void)
{
    static const char page_bytes[] =
        "<html><head><meta charset=\"utf-8\"><title>Temp\xeate</title>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2021-01-01\",\"author\":\"Ann Reed\"}</script>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Two\","
        "\"datePublished\":\"2022-02-02\",\"author\":\"Bo Lind\"}</script></head>"
        "<body><p>La temp\xeate a frapp\xe9 la c\xf4te pendant toute la nuit de "
        "lundi.</p></body></html>";
    markup_page p;
    fil_error err = {0, ""};
    CHECK(markup_html_extract(page_bytes, sizeof page_bytes - 1, &p, &err) == FIL_OK,
          "the page is read");
    CHECK(p.title && strstr(p.title, "Temp\xef\xbf\xbd") == p.title,
          "an invalid byte of the title becomes U+FFFD");
    CHECK(strstr(p.text, "frapp\xef\xbf\xbd") != NULL, "and so in the text");
    CHECK(p.author && strcmp(p.author, "Ann Reed") == 0, "the first JSON-LD article is read");
    markup_page_free(&p);

    static const char feed[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\">"
                               "<channel><item><title>Sturm \xe0 Westport</title>"
                               "<description>Der Hafen ist zu \xb0.</description></item>"
                               "</channel></rss>";
    markup_feed f = {0};
    CHECK(markup_feed_parse(feed, sizeof feed - 1, &f, &err) == FIL_OK && f.count == 1,
          "the feed is read");
    CHECK(f.count == 1 && f.items[0].title && strstr(f.items[0].title, "\xef\xbf\xbd") &&
              strstr(f.items[0].text, "\xef\xbf\xbd"),
          "invalid bytes of a feed become U+FFFD");
    markup_feed_free(&f);
}

int main(void)
{
    test_rfc822();
    test_rss();
    test_atom_and_rdf();
    test_page();
    test_div_text();
    test_wrappers();
    test_charset();
    test_utf16();
    test_bad_pages();
    test_fragment();
    test_fuzz_findings();
    return check_summary("test_markup");
}
