/*
 * src/serve/routes.c -- the routes of docs/API.md: each request's path
 * and parameters to a store call, and its JSON (or the page) back.
 *
 * Every answer under /api/ is JSON; an error is {"error", "status"} (and
 * "line" for a posted batch) with that HTTP status: 400 for a bad
 * parameter or path, 404 for an unknown route or id, 405 for a method a
 * route does not take, 500 when the store fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "serve/assets.h"
#include "serve/internal.h"

const int serve_statuses[SERVE_STATUS_COUNT] = {200, 400, 404, 405, 413, 431, 500, 503};

static const char *const route_names[ROUTE_COUNT] = {
    "page",          "events", "event",   "storylines", "storyline", "article",
    "post_articles", "search", "similar", "healthz",    "metrics",   "other"};

/* ------------------------------------------------------------------------
 * Answers
 * ---------------------------------------------------------------------- */

static void free_json(const void *data, size_t len, void *arg)
{
    (void)len;
    (void)arg;
    free((void *)data);
}

static void json_headers(struct evhttp_request *req)
{
    struct evkeyvalq *headers = evhttp_request_get_output_headers(req);
    evhttp_add_header(headers, "Content-Type", "application/json; charset=utf-8");
    evhttp_add_header(headers, "Cache-Control", "no-store");
}

/* Sends json (malloc'd; taken) with status. */
static int reply_json(struct evhttp_request *req, int status, char *json, size_t len)
{
    struct evbuffer *body = evbuffer_new();
    json_headers(req);
    if (body && evbuffer_add_reference(body, json, len, free_json, NULL) == 0) {
        evhttp_send_reply(req, status, NULL, body);
    } else {
        free(json);
        evhttp_send_reply(req, 500, NULL, NULL);
        status = 500;
    }
    if (body) {
        evbuffer_free(body);
    }
    return status;
}

/* {"error": message, "status": status[, "line": line]} into *out
 * (malloc). Used on both threads. */
static int error_json(int status, const char *message, unsigned line, char **out, size_t *len)
{
    core_buf b;
    core_buf_init(&b, 0);
    int rc = core_buf_append_str(&b, "{\"error\":");
    rc = rc ? rc : core_buf_append_json_string(&b, message);
    rc = rc ? rc : core_buf_printf(&b, ",\"status\":%d", status);
    rc = rc || !line ? rc : core_buf_printf(&b, ",\"line\":%u", line);
    rc = rc ? rc : core_buf_append_str(&b, "}\n");
    *len = rc ? 0 : b.len;
    *out = rc ? NULL : core_buf_take(&b);
    core_buf_free(&b);
    return rc;
}

static int reply_error(struct evhttp_request *req, int status, const char *message, unsigned line)
{
    char *json;
    size_t len;
    if (error_json(status, message, line, &json, &len)) {
        evhttp_send_reply(req, 500, NULL, NULL);
        return 500;
    }
    return reply_json(req, status, json, len);
}

static void release_body(const void *data, size_t len, void *arg)
{
    (void)data;
    (void)len;
    serve_body_release(arg);
}

/* Sends a kept body with status 200; the reply holds a reference until
 * it is written. */
static int reply_body(struct evhttp_request *req, serve_body *body)
{
    struct evbuffer *buffer = evbuffer_new();
    json_headers(req);
    body->refs++;
    if (!buffer || evbuffer_add_reference(buffer, body->data, body->len, release_body, body)) {
        body->refs--;
        evhttp_send_reply(req, 500, NULL, NULL);
        if (buffer) {
            evbuffer_free(buffer);
        }
        return 500;
    }
    evhttp_send_reply(req, 200, NULL, buffer);
    evbuffer_free(buffer);
    return 200;
}

/* The answer to a store call that gave rc (and json when FIL_OK). */
static int reply_result(struct evhttp_request *req, int rc, char *json, size_t len,
                        const fil_error *err)
{
    if (rc == FIL_OK) {
        return reply_json(req, 200, json, len);
    }
    int status = rc == FIL_ENOTFOUND ? 404 : rc == FIL_EINVAL ? 400 : 500;
    return reply_error(req, status, err->message, 0);
}

static int reply_asset(struct evhttp_request *req, const serve_asset *asset)
{
    struct evbuffer *body = evbuffer_new();
    struct evkeyvalq *headers = evhttp_request_get_output_headers(req);
    evhttp_add_header(headers, "Content-Type", asset->content_type);
    evhttp_add_header(headers, "Cache-Control", "no-cache");
    evhttp_add_header(headers, "X-Content-Type-Options", "nosniff");
    evhttp_add_header(headers, "Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    if (!body || evbuffer_add_reference(body, asset->data, asset->len, NULL, NULL)) {
        evhttp_send_reply(req, 500, NULL, NULL);
        return 500;
    }
    evhttp_send_reply(req, 200, NULL, body);
    evbuffer_free(body);
    return 200;
}

/* ------------------------------------------------------------------------
 * Parameters
 * ---------------------------------------------------------------------- */

/* A whole non-negative number; -1 when text is not one. */
static int parse_number(const char *text, uint64_t max, uint64_t *out)
{
    char *end;
    if (!text || !*text || strspn(text, "0123456789") != strlen(text)) {
        return -1;
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

/* q from the parameters; FIL_EINVAL (message in err) for bad paging. */
static int read_query(const struct evkeyvalq *params, fil_query *q, fil_error *err)
{
    memset(q, 0, sizeof *q);
    q->since = evhttp_find_header(params, "since");
    q->until = evhttp_find_header(params, "until");
    q->lang = evhttp_find_header(params, "lang");
    q->source = evhttp_find_header(params, "source");
    q->entity = evhttp_find_header(params, "entity");
    q->text = evhttp_find_header(params, "q");
    q->sort = evhttp_find_header(params, "sort");
    const char *names[] = {"limit", "offset"};
    uint32_t *slots[] = {&q->limit, &q->offset};
    for (int i = 0; i < 2; i++) {
        const char *v = evhttp_find_header(params, names[i]);
        uint64_t n = 0;
        if (v && parse_number(v, UINT32_MAX, &n)) {
            return core_error_set(err, FIL_EINVAL, "%s: '%s' is not a whole number", names[i], v);
        }
        *slots[i] = (uint32_t)n;
    }
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * Routes
 * ---------------------------------------------------------------------- */

typedef int (*list_fn)(fil_store *, const fil_query *, char **, size_t *, fil_error *);
typedef int (*one_fn)(fil_store *, uint64_t, char **, size_t *, fil_error *);

/* Sends a store reader's answer (json when rc is FIL_OK), keeping it in
 * the cache under key. */
static int reply_kept(serve_server *sv, struct evhttp_request *req, const char *key, int rc,
                      char *json, size_t len, const fil_error *err)
{
    if (rc != FIL_OK) {
        return reply_result(req, rc, json, len, err);
    }
    serve_body *body = serve_cache_put(&sv->cache, key, json, len);
    if (!body) {
        return reply_error(req, 500, "out of memory", 0);
    }
    int status = reply_body(req, body);
    serve_body_release(body);
    return status;
}

static int answer_list(serve_server *sv, struct evhttp_request *req, const struct evkeyvalq *params,
                       const char *key, list_fn list)
{
    serve_body *kept = serve_cache_get(&sv->cache, key);
    if (kept) {
        return reply_body(req, kept);
    }
    fil_query q;
    fil_error err = {0, ""};
    char *json = NULL;
    size_t len = 0;
    int rc = read_query(params, &q, &err);
    rc = rc ? rc : list(sv->reader, &q, &json, &len, &err);
    return reply_kept(sv, req, key, rc, json, len, &err);
}

static int answer_one(serve_server *sv, struct evhttp_request *req, const char *key,
                      const char *id_text, one_fn one)
{
    uint64_t id;
    if (parse_number(id_text, INT64_MAX, &id)) {
        return reply_error(req, 404, "no such id", 0);
    }
    serve_body *kept = serve_cache_get(&sv->cache, key);
    if (kept) {
        return reply_body(req, kept);
    }
    fil_error err = {0, ""};
    char *json = NULL;
    size_t len = 0;
    int rc = one(sv->reader, id, &json, &len, &err);
    return reply_kept(sv, req, key, rc, json, len, &err);
}

static int answer_search(serve_server *sv, struct evhttp_request *req,
                         const struct evkeyvalq *params)
{
    fil_query q;
    fil_error err = {0, ""};
    char *json = NULL;
    size_t len = 0;
    int rc = read_query(params, &q, &err);
    if (!rc && (!q.text || !*q.text)) {
        rc = core_error_set(&err, FIL_EINVAL, "q: the search needs words");
    }
    rc = rc ? rc : fil_store_search_json(sv->reader, &q, &json, &len, &err);
    return reply_result(req, rc, json, len, &err);
}

/* Hands job to the writer thread; the answer goes out from serve_on_done.
 * While it waits, the connection's idle timeout is lifted (the client is
 * silent because it waits for us). Returns 0: not answered yet. */
static int submit(serve_server *sv, struct evhttp_request *req, serve_job *job)
{
    struct evhttp_connection *conn = evhttp_request_get_connection(req);
    if (conn) {
        evhttp_connection_set_timeout(conn, SERVE_JOB_TIMEOUT);
    }
    serve_writer_submit(sv, job);
    return 0;
}

/* A job for req, with input (malloc; taken). NULL when memory runs out. */
static serve_job *new_job(struct evhttp_request *req, serve_route_id route,
                          void (*run)(serve_server *, serve_job *), char *input, size_t len)
{
    serve_job *job = core_calloc(1, sizeof *job);
    if (!job) {
        free(input);
        return NULL;
    }
    *job = (serve_job){.run = run,
                       .req = req,
                       .route = route,
                       .start = serve_now(),
                       .input = input,
                       .input_len = len};
    return job;
}

/* The job's answer: json (malloc; taken) when rc is FIL_OK, else the
 * error err says, with the status reply_result would give. */
static void job_answer(serve_job *job, int rc, char *json, size_t len, const fil_error *err)
{
    if (rc == FIL_OK) {
        job->status = 200;
        job->output = json;
        job->output_len = len;
        return;
    }
    job->status = rc == FIL_ENOTFOUND ? 404 : rc == FIL_EINVAL ? 400 : 500;
    if (error_json(job->status, err->message, 0, &job->output, &job->output_len)) {
        job->status = 500;
    }
}

/* On the writer thread: input is "a\0b\0". */
static void run_similar(serve_server *sv, serve_job *job)
{
    const char *a = job->input, *b = job->input + strlen(job->input) + 1;
    fil_error err = {0, ""};
    char *json = NULL;
    size_t len = 0;
    int rc = fil_store_similar_json(sv->store, a, b, &json, &len, &err);
    job_answer(job, rc, json, len, &err);
}

static int answer_similar(serve_server *sv, struct evhttp_request *req,
                          const struct evkeyvalq *params)
{
    const char *a = evhttp_find_header(params, "a"), *b = evhttp_find_header(params, "b");
    if (!a || !b || !*a || !*b) {
        return reply_error(req, 400, "similar needs two article ids: ?a=ID&b=ID", 0);
    }
    size_t na = strlen(a) + 1, nb = strlen(b) + 1;
    char *input = core_malloc(na + nb);
    serve_job *job = input ? new_job(req, ROUTE_SIMILAR, run_similar, input, na + nb) : NULL;
    if (!job) {
        return reply_error(req, 500, "out of memory", 0);
    }
    memcpy(input, a, na);
    memcpy(input + na, b, nb);
    return submit(sv, req, job);
}

static int answer_article(serve_server *sv, struct evhttp_request *req, const char *id)
{
    fil_error err = {0, ""};
    char *json = NULL;
    size_t len = 0;
    int rc = fil_store_article_json(sv->reader, id, &json, &len, &err);
    return reply_result(req, rc, json, len, &err);
}

static int answer_health(serve_server *sv, struct evhttp_request *req)
{
    serve_writer *w = &sv->writer;
    pthread_mutex_lock(&w->lock);
    uint64_t articles = w->articles, events = w->events;
    pthread_mutex_unlock(&w->lock);
    core_buf b;
    core_buf_init(&b, 0);
    int rc = core_buf_printf(&b, "{\"ok\":true,\"articles\":%llu,\"events\":%llu}\n",
                             (unsigned long long)articles, (unsigned long long)events);
    size_t len = b.len;
    return rc ? reply_error(req, 500, "out of memory", 0)
              : reply_json(req, 200, core_buf_take(&b), len);
}

/* Prometheus text format, version 0.0.4. */
static int answer_metrics(serve_server *sv, struct evhttp_request *req)
{
    struct evbuffer *body = evbuffer_new();
    if (!body) {
        evhttp_send_reply(req, 500, NULL, NULL);
        return 500;
    }
    evbuffer_add_printf(body, "# HELP fil_http_requests_total Requests answered, by route and "
                              "status.\n# TYPE fil_http_requests_total counter\n");
    for (int r = 0; r < ROUTE_COUNT; r++) {
        for (int k = 0; k < SERVE_STATUS_COUNT; k++) {
            if (sv->requests[r][k]) {
                evbuffer_add_printf(
                    body, "fil_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                    route_names[r], serve_statuses[k], (unsigned long long)sv->requests[r][k]);
            }
        }
    }
    evbuffer_add_printf(body, "# HELP fil_http_request_seconds_total Time spent answering, by "
                              "route.\n# TYPE fil_http_request_seconds_total counter\n");
    for (int r = 0; r < ROUTE_COUNT; r++) {
        evbuffer_add_printf(body, "fil_http_request_seconds_total{route=\"%s\"} %.6f\n",
                            route_names[r], sv->seconds[r]);
    }
    serve_writer *w = &sv->writer;
    struct {
        uint64_t articles, events, undescribed, articles_posted, queued, refresh_failures,
            generation;
        double refresh_seconds_total;
    } figures;
    pthread_mutex_lock(&w->lock); /* the writer's counters, read at once */
    figures.articles = w->articles;
    figures.events = w->events;
    figures.undescribed = w->undescribed;
    figures.articles_posted = w->articles_posted;
    figures.queued = w->queued;
    figures.refresh_failures = w->refresh_failures;
    figures.generation = w->generation;
    figures.refresh_seconds_total = w->refresh_seconds_total;
    pthread_mutex_unlock(&w->lock);
    evbuffer_add_printf(
        body,
        "# HELP fil_articles Articles in the store.\n# TYPE fil_articles gauge\nfil_articles %llu\n"
        "# HELP fil_events Events made so far.\n# TYPE fil_events gauge\nfil_events %llu\n"
        "# HELP fil_articles_posted_total Articles added through POST /api/articles.\n"
        "# TYPE fil_articles_posted_total counter\nfil_articles_posted_total %llu\n"
        "# HELP fil_writer_queue Posted batches and other writer jobs waiting.\n"
        "# TYPE fil_writer_queue gauge\nfil_writer_queue %llu\n"
        "# HELP fil_accept_pauses_total Times the connection limit paused accepting.\n"
        "# TYPE fil_accept_pauses_total counter\nfil_accept_pauses_total %llu\n"
        "# HELP fil_refresh_seconds_total Time spent refreshing events and storylines.\n"
        "# TYPE fil_refresh_seconds_total counter\nfil_refresh_seconds_total %.3f\n"
        "# HELP fil_refresh_pending_articles Articles stored that events and storylines do not "
        "show yet (until the next refresh).\n"
        "# TYPE fil_refresh_pending_articles gauge\nfil_refresh_pending_articles %llu\n"
        "# HELP fil_refresh_failures_total Failed refreshes of events and storylines.\n"
        "# TYPE fil_refresh_failures_total counter\nfil_refresh_failures_total %llu\n"
        "# HELP fil_refreshes_total Refreshes that changed what readers see.\n"
        "# TYPE fil_refreshes_total counter\nfil_refreshes_total %llu\n"
        "# HELP fil_search_unindexed_articles Committed articles search does not find yet.\n"
        "# TYPE fil_search_unindexed_articles gauge\nfil_search_unindexed_articles %llu\n"
        "# HELP fil_cache_hits_total Answers sent from the cache.\n"
        "# TYPE fil_cache_hits_total counter\nfil_cache_hits_total %llu\n"
        "# HELP fil_cache_misses_total Cacheable answers read from the store.\n"
        "# TYPE fil_cache_misses_total counter\nfil_cache_misses_total %llu\n",
        (unsigned long long)figures.articles, (unsigned long long)figures.events,
        (unsigned long long)figures.articles_posted, (unsigned long long)figures.queued,
        (unsigned long long)sv->accept_pauses, figures.refresh_seconds_total,
        (unsigned long long)figures.undescribed, (unsigned long long)figures.refresh_failures,
        (unsigned long long)figures.generation, (unsigned long long)fil_store_unindexed(sv->store),
        (unsigned long long)sv->cache.hits, (unsigned long long)sv->cache.misses);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "text/plain; version=0.0.4; charset=utf-8");
    evhttp_send_reply(req, 200, NULL, body);
    evbuffer_free(body);
    return 200;
}

/* The answer to POST /api/articles, built line by line. */
typedef struct post_answer {
    core_buf assignments, errors;
    uint32_t accepted, rejected, first_bad_line;
    char first_error[FIL_ERROR_SIZE + 16]; /* "line N: " and the message */
    int failed;                            /* memory ran out building the answer */
} post_answer;

static void on_posted_line(void *ctx, uint32_t line, const fil_assignment *as, int existing,
                           const fil_error *err)
{
    post_answer *p = ctx;
    core_buf *b = as ? &p->assignments : &p->errors;
    int rc = core_buf_printf(b, "%s{\"line\":%u,", b->len ? "," : "", line);
    if (!as) {
        p->rejected++;
        if (!p->first_bad_line) {
            p->first_bad_line = line;
            snprintf(p->first_error, sizeof p->first_error, "line %u: %s", line, err->message);
        }
        rc = rc ? rc : core_buf_append_str(b, "\"error\":");
        rc = rc ? rc : core_buf_append_json_string(b, err->message);
        p->failed |= rc || core_buf_append_char(b, '}');
        return;
    }
    p->accepted++;
    rc = rc ? rc : core_buf_append_str(b, "\"id\":");
    rc = rc ? rc : core_buf_append_json_string(b, as->id);
    rc = rc ? rc
            : core_buf_printf(b, ",\"event\":%llu,\"is_new\":%s,\"score\":%.4f,\"lang\":\"%s\"",
                              (unsigned long long)as->event, as->is_new ? "true" : "false",
                              as->score, as->lang);
    if (!rc && as->duplicate_kind && as->duplicate_of_id) {
        rc = core_buf_append_str(b, ",\"duplicate_of\":");
        rc = rc ? rc : core_buf_append_json_string(b, as->duplicate_of_id);
        rc = rc ? rc : core_buf_printf(b, ",\"kind\":\"%s\"", as->duplicate_kind);
    }
    rc = rc || !existing ? rc : core_buf_append_str(b, ",\"existing\":true");
    p->failed |= rc || core_buf_append_char(b, '}');
}

/* On the writer thread: the posted batch in job->input. */
static void run_post(serve_server *sv, serve_job *job)
{
    post_answer p = {0};
    core_buf_init(&p.assignments, 0);
    core_buf_init(&p.errors, 0);
    fil_error err = {0, ""};
    int rc = fil_store_add_jsonl(sv->store, job->input, job->input_len, on_posted_line, &p, &err);
    pthread_mutex_lock(&sv->writer.lock);
    sv->writer.articles_posted += p.accepted;
    pthread_mutex_unlock(&sv->writer.lock);
    core_buf out;
    core_buf_init(&out, 0);
    int status = rc ? 500 : p.accepted == 0 && p.rejected ? 400 : 200;
    if (rc || p.failed || (status == 400 && !p.first_bad_line)) {
        status = 500;
        rc = error_json(status, rc ? err.message : "out of memory", 0, &job->output,
                        &job->output_len);
    } else if (status == 400) {
        rc = error_json(status, p.first_error, p.first_bad_line, &job->output, &job->output_len);
    } else {
        rc = core_buf_printf(&out,
                             "{\"accepted\":%u,\"rejected\":%u,\"assignments\":[%.*s],"
                             "\"errors\":[%.*s]}\n",
                             p.accepted, p.rejected, (int)p.assignments.len,
                             p.assignments.data ? p.assignments.data : "", (int)p.errors.len,
                             p.errors.data ? p.errors.data : "");
        job->output_len = rc ? 0 : out.len;
        job->output = rc ? NULL : core_buf_take(&out);
    }
    job->status = rc ? 500 : status; /* no output: serve_on_done sends a bare 500 */
    core_buf_free(&out);
    core_buf_free(&p.assignments);
    core_buf_free(&p.errors);
}

static int answer_post(serve_server *sv, struct evhttp_request *req)
{
    struct evbuffer *in = evhttp_request_get_input_buffer(req);
    size_t len = evbuffer_get_length(in);
    if (len == 0) {
        return reply_error(req, 400, "the body is empty: post JSONL, one article per line", 0);
    }
    char *input = core_malloc(len);
    serve_job *job = input ? new_job(req, ROUTE_POST_ARTICLES, run_post, input, len) : NULL;
    if (!job || evbuffer_remove(in, input, len) != (ev_ssize_t)len) {
        serve_job_free(job);
        return reply_error(req, 500, "out of memory", 0);
    }
    return submit(sv, req, job);
}

/* A decoded path that could name something outside the routes: "..",
 * a backslash, or a NUL decoded from %00. */
static int path_is_unsafe(const char *path, size_t decoded_len)
{
    if (strlen(path) != decoded_len || strchr(path, '\\')) {
        return 1;
    }
    for (const char *p = strstr(path, ".."); p; p = strstr(p + 1, "..")) {
        if ((p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/')) {
            return 1;
        }
    }
    return 0;
}

/* What a path names: its route, and the id after a "/api/x/" prefix. */
static serve_route_id route_of(const char *path, const char **id)
{
    static const struct {
        const char *prefix;
        serve_route_id list, one;
    } apis[] = {{"/api/events", ROUTE_EVENTS, ROUTE_EVENT},
                {"/api/storylines", ROUTE_STORYLINES, ROUTE_STORYLINE},
                {"/api/articles", ROUTE_POST_ARTICLES, ROUTE_ARTICLE}};
    *id = NULL;
    for (size_t i = 0; i < sizeof apis / sizeof apis[0]; i++) {
        size_t n = strlen(apis[i].prefix);
        if (strncmp(path, apis[i].prefix, n) == 0 && (path[n] == '\0' || path[n] == '/')) {
            *id = path[n] == '/' && path[n + 1] ? path + n + 1 : NULL;
            return *id ? apis[i].one : apis[i].list;
        }
    }
    return strcmp(path, "/api/search") == 0    ? ROUTE_SEARCH
           : strcmp(path, "/api/similar") == 0 ? ROUTE_SIMILAR
           : strcmp(path, "/healthz") == 0     ? ROUTE_HEALTH
           : strcmp(path, "/metrics") == 0     ? ROUTE_METRICS
           : strncmp(path, "/api/", 5) == 0    ? ROUTE_OTHER
                                               : ROUTE_PAGE;
}

/* Answers req, or hands it to the writer thread (returns 0 then). key
 * names the answer in the cache: the path and the query. */
static int dispatch(serve_server *sv, struct evhttp_request *req, serve_route_id route,
                    const char *path, const char *key, const char *id,
                    const struct evkeyvalq *params)
{
    enum evhttp_cmd_type method = evhttp_request_get_command(req);
    int post = method == EVHTTP_REQ_POST;
    if (post && route != ROUTE_POST_ARTICLES) {
        evhttp_add_header(evhttp_request_get_output_headers(req), "Allow", "GET, HEAD");
        return reply_error(req, 405, "this route takes GET", 0);
    }
    switch (route) {
    case ROUTE_EVENTS: return answer_list(sv, req, params, key, fil_store_events_json);
    case ROUTE_EVENT: return answer_one(sv, req, key, id, fil_store_event_json);
    case ROUTE_STORYLINES: return answer_list(sv, req, params, key, fil_store_storylines_json);
    case ROUTE_STORYLINE: return answer_one(sv, req, key, id, fil_store_storyline_json);
    case ROUTE_ARTICLE: return answer_article(sv, req, id);
    case ROUTE_POST_ARTICLES:
        if (!post) {
            evhttp_add_header(evhttp_request_get_output_headers(req), "Allow", "POST");
            return reply_error(req, 405,
                               "/api/articles takes POST (JSONL); one article is "
                               "/api/articles/ID",
                               0);
        }
        return answer_post(sv, req);
    case ROUTE_SEARCH: return answer_search(sv, req, params);
    case ROUTE_SIMILAR: return answer_similar(sv, req, params);
    case ROUTE_HEALTH: return answer_health(sv, req);
    case ROUTE_METRICS: return answer_metrics(sv, req);
    case ROUTE_PAGE: {
        const serve_asset *asset = serve_asset_find(path);
        return asset ? reply_asset(req, asset) : reply_error(req, 404, "no such page", 0);
    }
    default: return reply_error(req, 404, "no such route (see docs/API.md)", 0);
    }
}

static void count(serve_server *sv, serve_route_id route, int status, double seconds)
{
    int k = SERVE_STATUS_COUNT - 2; /* 500's slot for what is not listed */
    for (int i = 0; i < SERVE_STATUS_COUNT; i++) {
        k = serve_statuses[i] == status ? i : k;
    }
    sv->requests[route][k]++;
    sv->seconds[route] += seconds;
}

void serve_route(struct evhttp_request *req, void *arg)
{
    serve_server *sv = arg;
    double start = serve_now();
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *raw = uri ? evhttp_uri_get_path(uri) : NULL;
    const char *query = uri ? evhttp_uri_get_query(uri) : NULL;
    size_t decoded_len = 0;
    char *path = evhttp_uridecode(raw && *raw ? raw : "/", 0, &decoded_len);
    core_buf key;
    core_buf_init(&key, 0);
    struct evkeyvalq params;
    TAILQ_INIT(&params);
    serve_route_id route = ROUTE_OTHER;
    int status;
    if (!path || core_buf_printf(&key, "%s?%s", path, query ? query : "")) {
        status = reply_error(req, 500, "out of memory", 0);
    } else if (path_is_unsafe(path, decoded_len)) {
        status = reply_error(req, 400, "path not allowed", 0);
    } else if (query && evhttp_parse_query_str(query, &params) != 0) {
        status = reply_error(req, 400, "malformed query string", 0);
    } else {
        const char *id;
        route = route_of(path, &id);
        status = dispatch(sv, req, route, path, key.data, id, &params);
    }
    evhttp_clear_headers(&params);
    core_buf_free(&key);
    free(path);
    if (status) { /* 0: the writer thread answers, and serve_on_done counts */
        count(sv, route, status, serve_now() - start);
    }
}

void serve_on_done(int fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    serve_server *sv = arg;
    uint64_t generation;
    serve_job *done = serve_writer_take_done(sv, &generation);
    if (generation != sv->cache.generation) {
        serve_cache_clear(&sv->cache);
        sv->cache.generation = generation;
    }
    serve_job *ordered = NULL; /* the writer pushes; answer in arrival order */
    while (done) {
        serve_job *next = done->next;
        done->next = ordered;
        ordered = done;
        done = next;
    }
    for (serve_job *job = ordered, *next; job; job = next) {
        next = job->next;
        struct evhttp_connection *conn = evhttp_request_get_connection(job->req);
        if (conn) { /* NULL when the client went away; the reply then frees req */
            evhttp_connection_set_timeout(conn, (int)sv->options.idle_seconds);
        }
        int status = job->status;
        if (job->output) {
            status = reply_json(job->req, status, job->output, job->output_len);
            job->output = NULL;
        } else {
            evhttp_send_reply(job->req, 500, NULL, NULL);
            status = 500;
        }
        count(sv, job->route, status, serve_now() - job->start);
        serve_job_free(job);
    }
}
