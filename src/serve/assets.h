/*
 * src/serve/assets.h -- the web page of `fil serve`, compiled into the binary.
 *
 * Promise: serve_asset_find maps a request path to one of the files of
 * src/serve/web/: "/" is index.html, "/static/NAME" is NAME (app.js,
 * style.css). Any other path, "/static/" itself, "/index.html", a path with
 * a query string, "..", or a trailing slash gives NULL: only exact names
 * match, so no path can reach beyond the table (no traversal to refuse).
 * Content types carry "; charset=utf-8".
 * Build:   cmake/embed_assets.cmake writes the bytes into assets_data.c
 *          (src/serve/assets.cmake adds it and assets.c to
 *          FIL_SERVE_SOURCES); a changed file under web/ rebuilds it.
 * Memory:  everything returned is static; nothing is allocated.
 * Cost:    a linear scan of a handful of entries (strcmp each).
 * Threads: read-only data; safe from any thread.
 */
#ifndef FIL_SERVE_ASSETS_H
#define FIL_SERVE_ASSETS_H

#include <stddef.h>

typedef struct serve_asset {
    const char *path;          /* the request path: "/", "/static/app.js" */
    const char *content_type;  /* "text/html; charset=utf-8", ... */
    const unsigned char *data; /* the file's bytes, followed by one NUL not counted in len */
    size_t len;                /* bytes, without that NUL */
} serve_asset;

/* The asset served at path ("/", "/static/app.js", ...), or NULL. */
const serve_asset *serve_asset_find(const char *path);

/* The table itself, in the order of src/serve/assets.cmake; defined in the
   generated assets_data.c. For serve_asset_find and tests only. */
extern const serve_asset serve_assets_table[];
extern const size_t serve_assets_count;

#endif
