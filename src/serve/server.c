/*
 * src/serve/server.c -- the event loop of fil serve: binding, limits,
 * signals, and the start and stop of the reader store, the writer thread
 * (writer.c) and the answer cache (cache.c).
 * See server.h for the promise.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include "core/error.h"
#include "serve/internal.h"

#include <stdarg.h>

/* File descriptors kept for the database, logs and listening sockets
 * beyond the client connections. */
#define SERVE_FD_RESERVE 64

void serve_options_default(serve_options *o)
{
    o->listen = NULL;
    o->port = 8080;
    o->max_body_bytes = (size_t)64 << 20;
    o->max_header_bytes = (size_t)16 << 10;
    o->idle_seconds = 10;
    o->max_connections = 4096;
    o->refresh_seconds = 1.0;
}

/* Caps open connections through the file limit: accept() then fails with
 * EMFILE, and on_accept_error pauses accepting for a moment. The limit is
 * max_connections plus a reserve, or the hard limit if that is lower. */
static void limit_connections(serve_server *sv, unsigned max_connections)
{
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) {
        serve_log(sv, "cannot read the file limit; connections are not capped");
        return;
    }
    rlim_t want = (rlim_t)max_connections + SERVE_FD_RESERVE;
    if (lim.rlim_max != RLIM_INFINITY && want > lim.rlim_max) {
        serve_log(sv, "at most %llu connections: the hard file limit is %llu (ulimit -Hn)",
                  (unsigned long long)(lim.rlim_max - SERVE_FD_RESERVE),
                  (unsigned long long)lim.rlim_max);
        want = lim.rlim_max;
    }
    lim.rlim_cur = want;
    if (setrlimit(RLIMIT_NOFILE, &lim) != 0) {
        serve_log(sv, "cannot set the file limit to %llu", (unsigned long long)want);
    }
}

static void resume_accepting(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    serve_server *sv = arg;
    evconnlistener_enable(sv->listener);
}

static void on_accept_error(struct evconnlistener *listener, void *arg)
{
    serve_server *sv = arg;
    struct timeval pause = {0, 100 * 1000};
    evconnlistener_disable(listener);
    sv->accept_pauses++;
    evtimer_add(sv->resume, &pause);
}

static void on_signal(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    event_base_loopbreak(arg);
}

/* Binds o->listen:o->port and reports the address actually bound. */
static int bind_address(serve_server *sv, const serve_options *o, fil_error *err)
{
    const char *address = o->listen ? o->listen : "127.0.0.1";
    struct evhttp_bound_socket *bound =
        evhttp_bind_socket_with_handle(sv->http, address, (ev_uint16_t)o->port);
    if (!bound) {
        return core_error_set(err, FIL_EIO, "cannot listen on %s:%u", address, o->port);
    }
    sv->listener = evhttp_bound_socket_get_listener(bound);
    evconnlistener_set_error_cb(sv->listener, on_accept_error);
    /* Answers go out as soon as they are written: without this, the tail
     * of an answer waits for the client's delayed ACK (40 ms on Linux).
     * Linux gives accepted sockets the listening socket's setting. */
    int one = 1;
    setsockopt(evhttp_bound_socket_get_fd(bound), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_storage ss;
    socklen_t n = sizeof ss;
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = o->port;
    if (getsockname(evhttp_bound_socket_get_fd(bound), (struct sockaddr *)&ss, &n) == 0) {
        const void *addr = ss.ss_family == AF_INET6
                               ? (const void *)&((struct sockaddr_in6 *)&ss)->sin6_addr
                               : (const void *)&((struct sockaddr_in *)&ss)->sin_addr;
        inet_ntop(ss.ss_family, addr, host, sizeof host);
        port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                              : ((struct sockaddr_in *)&ss)->sin_port);
    }
    serve_log(sv, "listening on http://%s:%u/", host, port);
    return FIL_OK;
}

static int setup(serve_server *sv, const serve_options *o, fil_error *err)
{
    limit_connections(sv, o->max_connections);
    sv->base = event_base_new();
    sv->http = sv->base ? evhttp_new(sv->base) : NULL;
    sv->resume = sv->base ? evtimer_new(sv->base, resume_accepting, sv) : NULL;
    sv->on_done = sv->base ? event_new(sv->base, sv->writer.notify[0], EV_READ | EV_PERSIST,
                                       serve_on_done, sv)
                           : NULL;
    sv->on_int = sv->base ? evsignal_new(sv->base, SIGINT, on_signal, sv->base) : NULL;
    sv->on_term = sv->base ? evsignal_new(sv->base, SIGTERM, on_signal, sv->base) : NULL;
    if (!sv->http || !sv->resume || !sv->on_done || !sv->on_int || !sv->on_term) {
        return core_error_set(err, FIL_ENOMEM, "out of memory starting the server");
    }
    evhttp_set_max_body_size(sv->http, (ev_ssize_t)o->max_body_bytes);
    evhttp_set_max_headers_size(sv->http, (ev_ssize_t)o->max_header_bytes);
    evhttp_set_timeout(sv->http, (int)o->idle_seconds);
    evhttp_set_allowed_methods(sv->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_HEAD);
    evhttp_set_gencb(sv->http, serve_route, sv);
    event_add(sv->on_done, NULL);
    event_add(sv->on_int, NULL);
    event_add(sv->on_term, NULL);
    signal(SIGPIPE, SIG_IGN); /* a client that goes away is a failed write, not a death */
    return bind_address(sv, o, err);
}

static void teardown(serve_server *sv)
{
    serve_writer_stop(sv); /* queued posts still become durable */
    struct event *events[] = {sv->resume, sv->on_done, sv->on_int, sv->on_term};
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if (events[i]) {
            event_free(events[i]);
        }
    }
    if (sv->http) {
        evhttp_free(sv->http);
    }
    if (sv->base) {
        event_base_free(sv->base);
    }
    serve_cache_clear(&sv->cache);
    if (sv->reader) {
        fil_store_close(sv->reader, NULL);
    }
}

int serve_run(fil_store *store, const char *path, const serve_options *o, serve_log_fn log,
              void *ctx, fil_error *err)
{
    serve_server sv = {.store = store, .log = log, .log_ctx = ctx, .options = *o};
    sv.reader = fil_store_open(path, NULL, FIL_STORE_READ_ONLY, NULL, NULL, err);
    int rc = sv.reader ? FIL_OK : err->code;
    rc = rc ? rc : serve_writer_start(&sv, err);
    rc = rc ? rc : setup(&sv, o, err);
    if (!rc && event_base_dispatch(sv.base) < 0) {
        rc = core_error_set(err, FIL_EIO, "the event loop failed");
    }
    teardown(&sv);
    return rc;
}

void serve_log(serve_server *sv, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (sv->log) {
        sv->log(sv->log_ctx, line);
    }
}
