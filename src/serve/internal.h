/*
 * src/serve/internal.h -- what the files of serve/ share: the server's
 * state (server.c owns it), the router (routes.c), the writer thread
 * (writer.c), the answer cache (cache.c) and the counters /metrics
 * reports.
 *
 * Threads: the event loop answers every request; it reads through its
 * own read-only store (reader). The writer thread owns the store that
 * takes articles (store) and its engine: posted batches and /api/similar
 * run there as jobs, and refreshes run there between jobs.
 */
#ifndef FIL_SERVE_INTERNAL_H
#define FIL_SERVE_INTERNAL_H

#include <pthread.h>
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

typedef struct serve_server serve_server;
typedef struct serve_job serve_job;

/* A request's work on the writer thread: run fills status and output. */
struct serve_job {
    serve_job *next;
    void (*run)(serve_server *sv, serve_job *job);
    struct evhttp_request *req; /* the loop's; the writer never touches it */
    serve_route_id route;
    double start; /* when the request came (serve_now) */
    char *input;  /* what run reads (malloc; the job owns it) */
    size_t input_len;
    int status; /* the answer: HTTP status and JSON (malloc) */
    char *output;
    size_t output_len;
};

void serve_job_free(serve_job *job);

/* The writer thread's state (writer.c). The lock guards the queue, the
 * done list and the figures below it; the rest is the thread's own. */
typedef struct serve_writer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int ready, started, stop;
    int notify[2];                      /* pipe: the writer says "answers wait" */
    serve_job *queue_head, *queue_tail; /* to run, in arrival order */
    serve_job *done;                    /* answered, for the loop to send */
    uint64_t queued;                    /* jobs in the queue */
    uint64_t generation;                /* successful refreshes: cached answers older are stale */
    uint64_t articles, events;          /* in the store, after the last job or refresh */
    uint64_t undescribed;               /* of those, not in events until the next refresh */
    uint64_t articles_posted;           /* added through POST /api/articles */
    uint64_t refresh_failures;
    double refresh_seconds_total; /* time spent refreshing */
    uint64_t articles_at_refresh; /* (thread's own) articles at the last refresh */
    double next_refresh;          /* (thread's own) monotonic seconds */
    int described;                /* (thread's own) a full refresh succeeded */
} serve_writer;

/* One answer kept by the cache; refs counts the cache's hold and each
 * reply still being written from it. */
typedef struct serve_body {
    unsigned refs;
    char *data; /* malloc */
    size_t len;
} serve_body;

/* Seconds a connection may stay silent while its job waits or runs. */
#define SERVE_JOB_TIMEOUT 3600

#define SERVE_CACHE_ENTRIES  64
#define SERVE_CACHE_MAX_BODY ((size_t)2 << 20) /* larger answers are not kept */

/* Answers to GET routes whose result only a refresh changes, by the
 * request's path and query, until the next refresh (cache.c). The loop
 * alone uses it. */
typedef struct serve_cache {
    struct {
        uint64_t hash;
        char *key; /* malloc */
        serve_body *body;
    } entries[SERVE_CACHE_ENTRIES];
    size_t count, next_evicted;
    uint64_t generation; /* the writer's generation the entries belong to */
    uint64_t hits, misses;
} serve_cache;

void serve_cache_clear(serve_cache *c);
/* The body kept for key, or NULL. */
serve_body *serve_cache_get(serve_cache *c, const char *key);
/* A body for data (malloc; taken), kept under key when it is small
 * enough; the caller holds one reference (serve_body_release). NULL when
 * memory runs out (data is freed). */
serve_body *serve_cache_put(serve_cache *c, const char *key, char *data, size_t len);
void serve_body_release(serve_body *body);

struct serve_server {
    fil_store *store;  /* takes articles; the writer thread's once it runs */
    fil_store *reader; /* read-only, the loop's */
    serve_log_fn log;
    void *log_ctx;
    serve_options options;
    struct event_base *base;
    struct evhttp *http;
    struct evconnlistener *listener;
    struct event *resume, *on_done, *on_int, *on_term;
    uint64_t requests[ROUTE_COUNT][SERVE_STATUS_COUNT];
    double seconds[ROUTE_COUNT]; /* time spent answering, per route */
    uint64_t accept_pauses;      /* times the connection limit paused accepting */
    serve_writer writer;
    serve_cache cache;
};

/* evhttp's callback for every request (routes.c). */
void serve_route(struct evhttp_request *req, void *arg);

/* The loop's callback when the writer's notify pipe is readable: sends
 * the answers of finished jobs, and drops cached answers a refresh made
 * stale (routes.c). */
void serve_on_done(int fd, short what, void *arg);

/* Starts the writer thread over sv->store. */
int serve_writer_start(serve_server *sv, fil_error *err);
/* Queues job (taken) for the writer thread. */
void serve_writer_submit(serve_server *sv, serve_job *job);
/* The finished jobs (the caller frees them) and the current generation. */
serve_job *serve_writer_take_done(serve_server *sv, uint64_t *generation);
/* Lets the queued jobs run, then stops the thread; unsent answers are freed. */
void serve_writer_stop(serve_server *sv);

/* Monotonic seconds. */
double serve_now(void);

/* A line for the operator, printf-style. */
void serve_log(serve_server *sv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
