/*
 * src/markup/meta.h -- what a parsed page says about itself (see html.h
 * for the order in which sources are preferred).
 *
 * Promise: markup_meta_read fills title, published, author, lang, url and
 * source of page from doc's <html lang>, <title>, <meta>, canonical
 * <link>, JSON-LD scripts and the first <time datetime>; fields it finds
 * nothing for stay NULL. It never touches page->text.
 * Memory:  the strings it sets are owned by page (free()); doc is read only.
 * Errors:  FIL_ENOMEM only; broken JSON-LD is skipped, not an error.
 */
#ifndef FIL_MARKUP_META_H
#define FIL_MARKUP_META_H

#include <libxml/tree.h>

#include "markup/html.h"

int markup_meta_read(xmlDoc *doc, markup_page *page);

#endif
