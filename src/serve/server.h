/*
 * src/serve/server.h -- fil serve: the HTTP JSON API of docs/API.md and
 * the web page, over a store (libevent's evhttp, one event loop).
 *
 * Promise: serve_run answers until SIGINT or SIGTERM, then returns FIL_OK
 * (the caller closes the store, which commits and refreshes). It binds
 * the address given, 127.0.0.1 by default, never more. One event loop
 * answers every request; reads go through a read-only store of its own
 * (SQLite WAL: they never wait for a writer). What changes the store, or
 * needs its engine (posted batches, /api/similar, refreshes), runs on one
 * writer thread, which owns the store given, so a long refresh delays
 * posts but never reads. Answers to the listings and pages of events and
 * storylines are cached until the next refresh.
 * Limits, each answered without harm to the other clients:
 *   - a body over max_body_bytes: 413 (libevent refuses it unread);
 *   - headers over max_header_bytes: 431/400, the connection closed;
 *   - a connection idle (or trickling a request) for idle_seconds: closed;
 *   - connections: at most max_connections open; the process's file
 *     limit is set to that plus a reserve, and accepts wait (in the
 *     kernel's backlog) while it is reached;
 *   - malformed JSON in a posted batch: its line in the answer (400 when
 *     no line was good).
 * Articles posted become durable before the answer; events and
 * storylines follow within refresh_seconds, or five times the last
 * refresh's length if that is longer (writer.c).
 */
#ifndef FIL_SERVE_SERVER_H
#define FIL_SERVE_SERVER_H

#include <stddef.h>

#include "fil.h"

typedef struct serve_options {
    const char *listen;       /* address to bind; NULL: 127.0.0.1 */
    unsigned port;            /* 0: any free port (reported through log) */
    size_t max_body_bytes;    /* posted batches above this are refused (413) */
    size_t max_header_bytes;  /* request line and headers together */
    unsigned idle_seconds;    /* a connection silent this long is closed */
    unsigned max_connections; /* open client connections at most */
    double refresh_seconds;   /* events follow posted articles within this */
} serve_options;

/* The defaults: 127.0.0.1:8080, 64 MiB bodies, 16 KiB headers, 10 s idle,
 * 4096 connections, refresh each second. */
void serve_options_default(serve_options *o);

/* Receives one line for the operator ("listening on 127.0.0.1:8080"). */
typedef void (*serve_log_fn)(void *ctx, const char *line);

/* Runs the server over store, which was opened from path (the loop opens
 * path again, read-only), until SIGINT or SIGTERM. The store must not be
 * used by the caller until serve_run returns. Errors: FIL_EIO when the
 * address cannot be bound, FIL_ENOMEM, and those of fil_store_open. */
int serve_run(fil_store *store, const char *path, const serve_options *o, serve_log_fn log,
              void *ctx, fil_error *err);

#endif
