/*
 * src/serve/assets.c -- finding a compiled-in asset by its request path
 * (contract in assets.h). The table is generated; this file only looks in it.
 */
#include <string.h>

#include "serve/assets.h"

const serve_asset *serve_asset_find(const char *path)
{
    if (!path) {
        return NULL;
    }
    for (size_t i = 0; i < serve_assets_count; i++) {
        if (strcmp(serve_assets_table[i].path, path) == 0) {
            return &serve_assets_table[i];
        }
    }
    return NULL;
}
