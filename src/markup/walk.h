/*
 * src/markup/walk.h -- a parsed HTML tree to a list of text blocks (step 1
 * of the method in html.h).
 *
 * Promise: markup_walk_run visits the tree under root once, in document
 * order. The inline text of each block-level element (p, div, li, h1..h6,
 * td...) becomes one markup_block: whitespace runs (and no-break spaces)
 * collapsed to one space, <br> kept as '\n', no leading or trailing
 * space. Scripts, styles, templates, form controls and hidden elements are
 * never read. With use_hints, nav, aside, header, footer and subtrees
 * whose class or id names boilerplate (and no content) are skipped too,
 * unless they hold half the text of the page or more (then the name is a
 * layout wrapper's).
 * Limits: elements deeper than MARKUP_WALK_MAX_DEPTH are skipped.
 * Memory: the walk owns its blocks and their text (store) until
 *         markup_walk_free; block owners point into the caller's tree.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_MARKUP_WALK_H
#define FIL_MARKUP_WALK_H

#include <libxml/tree.h>
#include <stddef.h>

#include "core/buf.h"

#define MARKUP_WALK_MAX_DEPTH 400

typedef struct markup_block {
    size_t start, len;        /* text at store.data + start, len bytes, NUL after */
    size_t chars, link_chars; /* code points, and those inside <a> */
    xmlNode *owner;           /* the block-level element the text belongs to */
    int heading;              /* 1 for h1..h6 */
} markup_block;

typedef struct markup_walk {
    core_buf store; /* block texts, each followed by a NUL */
    markup_block *blocks;
    size_t count, capacity;
    int use_hints;     /* 1: skip boilerplate subtrees by tag and class/id */
    size_t page_bytes; /* text bytes under the root (with use_hints) */
    /* the open block */
    size_t open_start, open_chars, open_link_chars;
    int pending_space, in_link, depth;
    xmlNode *owner;
} markup_walk;

void markup_walk_init(markup_walk *w, int use_hints);
int markup_walk_run(markup_walk *w, xmlNode *root);
void markup_walk_free(markup_walk *w);

/* All blocks joined with '\n' into *out (caller frees with free(); "" when
 * there are none). */
int markup_walk_join(const markup_walk *w, char **out);

/* The value of node's attribute name, borrowed from the tree; NULL when
 * absent ("" for an attribute without value). */
const char *markup_walk_attr(const xmlNode *node, const char *name);

/* "en" from a language tag "en-US" or "EN_gb" (caller frees with free());
 * NULL when the tag has no 2- or 3-letter primary subtag or memory runs out. */
char *markup_walk_lang(const char *tag);

/* +1 when node's class or id names content (article, body, story...), -1
 * when it names boilerplate (comment, share, sidebar...), else 0. */
int markup_walk_hint(const xmlNode *node);

#endif
