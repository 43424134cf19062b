/*
 * tests/unit/test_assets.c -- the web page compiled into fil serve: the
 * three files answer at their paths with their types and whole bytes, and
 * nothing else answers (traversal, near misses, NULL).
 */
#include <string.h>

#include "check.h"
#include "serve/assets.h"

static void test_found(void)
{
    const serve_asset *page = serve_asset_find("/");
    CHECK(page != NULL, "/ is the page");
    if (page) {
        CHECK_STR(page->content_type, "text/html; charset=utf-8", "the page is HTML");
        CHECK(page->len > 100, "the page is not empty");
        CHECK(page->data[page->len] == 0, "a NUL follows the bytes");
        CHECK(strstr((const char *)page->data, "/static/app.js") != NULL, "the page loads app.js");
        CHECK(strstr((const char *)page->data, "/static/style.css") != NULL,
              "the page loads style.css");
        CHECK(strlen((const char *)page->data) == page->len, "len counts every byte of the page");
    }
    const serve_asset *js = serve_asset_find("/static/app.js");
    CHECK(js != NULL && strcmp(js->content_type, "text/javascript; charset=utf-8") == 0,
          "app.js is JavaScript");
    const serve_asset *css = serve_asset_find("/static/style.css");
    CHECK(css != NULL && strcmp(css->content_type, "text/css; charset=utf-8") == 0,
          "style.css is CSS");
    CHECK(serve_assets_count == 3, "three assets");
}

static void test_refused(void)
{
    static const char *const misses[] = {
        "",
        "/index.html",
        "/static/",
        "/static",
        "/static/index.html",
        "/static/../static/app.js",
        "/static/app.js/",
        "/static/app.js?v=1",
        "/static/APP.JS",
        "//",
        "/../../etc/passwd",
        "/static/%2e%2e/app.js",
    };
    for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++) {
        CHECK(serve_asset_find(misses[i]) == NULL, misses[i]);
    }
    CHECK(serve_asset_find(NULL) == NULL, "NULL finds nothing");
}

int main(void)
{
    test_found();
    test_refused();
    return check_summary("assets");
}
