/*
 * src/serve/internal.h -- what the files of serve/ share: the server's
 * state (server.c owns it), the router (routes.c) and the request
 * counters /metrics reports.
 */
#ifndef FIL_SERVE_INTERNAL_H
#define FIL_SERVE_INTERNAL_H

#include <stdint.h>

#include "serve/server.h"

struct event_base;
struct evhttp;
struct evhttp_request;
struct evconnlistener;
struct event;

/* The routes, for counting; serve_route_names gives their labels. */
typedef enum serve_route_id {
    ROUTE_PAGE,
    ROUTE_EVENTS,
    ROUTE_EVENT,
    ROUTE_STORYLINES,
    ROUTE_STORYLINE,
    ROUTE_ARTICLE,
    ROUTE_POST_ARTICLES,
    ROUTE_SEARCH,
    ROUTE_SIMILAR,
    ROUTE_HEALTH,
    ROUTE_METRICS,
    ROUTE_OTHER,
    ROUTE_COUNT
} serve_route_id;

/* Status codes counted per route (others are counted as 500's slot). */
#define SERVE_STATUS_COUNT 8
extern const int serve_statuses[SERVE_STATUS_COUNT];

typedef struct serve_server {
    fil_store *store;
    serve_log_fn log;
    void *log_ctx;
    serve_options options;
    struct event_base *base;
    struct evhttp *http;
    struct evconnlistener *listener;
    struct event *resume, *refresh, *on_int, *on_term;
    uint64_t requests[ROUTE_COUNT][SERVE_STATUS_COUNT];
    double seconds[ROUTE_COUNT]; /* time spent answering, per route */
    uint64_t articles_posted;    /* articles added through POST /api/articles */
    uint64_t accept_pauses;      /* times the connection limit paused accepting */
    uint64_t refresh_failures;
    uint64_t articles_at_full;    /* articles stored at the last full refresh */
    unsigned ticks_since_full;    /* refresh ticks since then */
    double next_refresh;          /* monotonic seconds before which no refresh runs */
    double refresh_seconds_total; /* time spent refreshing */
} serve_server;

/* evhttp's callback for every request (routes.c). */
void serve_route(struct evhttp_request *req, void *arg);

/* A line for the operator, printf-style. */
void serve_log(serve_server *sv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
