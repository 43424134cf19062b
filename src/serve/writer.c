/*
 * src/serve/writer.c -- the writer thread: everything that changes the
 * store or needs its engine runs here, one job at a time, so that the
 * event loop never waits for clustering, a commit or a refresh.
 *
 * The loop hands a job over with serve_writer_submit; the thread runs it
 * (job->run fills job->status and job->output), puts it on the done list
 * and writes a byte to the notify pipe; the loop's on_done callback
 * (routes.c) sends the answers. Between jobs the thread refreshes the
 * store's events and storylines (see refresh_due) and publishes, under
 * the lock, the figures /healthz and /metrics report. A refresh bumps the
 * generation, which tells the loop that cached answers are stale.
 *
 * Locking: one mutex guards the queue, the done list and the published
 * figures; the store itself is touched only by this thread once it runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "serve/internal.h"

/* Time between refreshes, at least, in units of the last one's length. */
#define SERVE_REFRESH_SHARE 5

double serve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void serve_job_free(serve_job *job)
{
    if (job) {
        free(job->input);
        free(job->output);
        free(job);
    }
}

/* Tells the loop that answers or a new generation wait (lock not held;
 * a full pipe already says so). */
static void notify_loop(serve_writer *w)
{
    char byte = 1;
    ssize_t n = write(w->notify[1], &byte, 1);
    (void)n;
}

/* Publishes the store's figures for /healthz and /metrics (lock held). */
static void publish(serve_server *sv)
{
    serve_writer *w = &sv->writer;
    w->articles = fil_store_article_count(sv->store);
    w->events = fil_event_count(fil_store_engine(sv->store));
    w->undescribed = w->articles - w->articles_at_refresh;
}

/* The refresh rule. Articles came since the last refresh: what changed
 * is described again, refresh_seconds after the last refresh began, or
 * SERVE_REFRESH_SHARE times its length if that is longer, so that
 * refreshes take at most a sixth of the thread. The first refresh
 * describes everything, so that the engine knows what the tables hold;
 * later ones follow only what changes (an event's growth included: it
 * moves with the stream's time, which only articles move). Returns 1
 * (all) or 0 (changes) when a refresh is due, -1 when none is, with
 * *wait the seconds until one may be. */
static int refresh_due(serve_server *sv, double now, double *wait)
{
    serve_writer *w = &sv->writer;
    *wait = sv->options.refresh_seconds;
    if (now < w->next_refresh) {
        *wait = w->next_refresh - now;
        return -1;
    }
    if (!w->described) {
        return 1;
    }
    return fil_store_article_count(sv->store) != w->articles_at_refresh ? 0 : -1;
}

static void run_refresh(serve_server *sv, int all, double start)
{
    serve_writer *w = &sv->writer;
    uint64_t articles = fil_store_article_count(sv->store);
    fil_error err = {0, ""};
    int rc = fil_store_refresh(sv->store, all, &err);
    double took = serve_now() - start;
    double gap = took * (SERVE_REFRESH_SHARE + 1);
    w->next_refresh =
        start + (gap > sv->options.refresh_seconds ? gap : sv->options.refresh_seconds);
    if (rc == FIL_OK) {
        w->articles_at_refresh = articles;
        w->described |= all;
    }
    pthread_mutex_lock(&w->lock);
    w->refresh_seconds_total += took;
    w->refresh_failures += rc != FIL_OK;
    w->generation += rc == FIL_OK;
    publish(sv);
    pthread_mutex_unlock(&w->lock);
    if (rc != FIL_OK) {
        serve_log(sv, "refresh failed: %s", err.message);
    }
    notify_loop(w);
}

/* The next job, or NULL after waiting (at most max_wait seconds) for one
 * or for the stop (lock held). */
static serve_job *next_job(serve_writer *w, double max_wait)
{
    if (!w->queue_head && !w->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        double t = (double)until.tv_sec + (double)until.tv_nsec / 1e9 + max_wait;
        until.tv_sec = (time_t)t;
        until.tv_nsec = (long)((t - (double)until.tv_sec) * 1e9);
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
    }
    serve_job *job = w->queue_head;
    if (job) {
        w->queue_head = job->next;
        w->queue_tail = w->queue_head ? w->queue_tail : NULL;
        w->queued--;
    }
    return job;
}

/* The thread: jobs in arrival order, a refresh between two when one is
 * due; on stop, the jobs already queued still run (their articles become
 * durable even though their answers cannot be sent). */
static void *writer_main(void *arg)
{
    serve_server *sv = arg;
    serve_writer *w = &sv->writer;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        int stopping = w->stop;
        pthread_mutex_unlock(&w->lock);
        double wait = 0, now = serve_now();
        int all = stopping ? -1 : refresh_due(sv, now, &wait); /* the closing store refreshes */
        if (all >= 0) {
            run_refresh(sv, all, now);
            wait = 0;
        }
        pthread_mutex_lock(&w->lock);
        if (w->stop && !w->queue_head) {
            pthread_mutex_unlock(&w->lock);
            return NULL;
        }
        serve_job *job = next_job(w, wait);
        pthread_mutex_unlock(&w->lock);
        if (job) {
            job->run(sv, job);
            pthread_mutex_lock(&w->lock);
            publish(sv);
            job->next = w->done;
            w->done = job;
            pthread_mutex_unlock(&w->lock);
            notify_loop(w);
        }
    }
}

int serve_writer_start(serve_server *sv, fil_error *err)
{
    serve_writer *w = &sv->writer;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    w->ready = 1;
    w->notify[0] = w->notify[1] = -1;
    if (pipe(w->notify) != 0) {
        return core_error_set(err, FIL_EIO, "cannot make a pipe: %s", strerror(errno));
    }
    for (int i = 0; i < 2; i++) {
        fcntl(w->notify[i], F_SETFL, fcntl(w->notify[i], F_GETFL) | O_NONBLOCK);
        fcntl(w->notify[i], F_SETFD, FD_CLOEXEC);
    }
    uint64_t articles = fil_store_article_count(sv->store);
    w->articles_at_refresh = articles;
    publish(sv);
    if (pthread_create(&w->thread, NULL, writer_main, sv) != 0) {
        return core_error_set(err, FIL_ENOMEM, "cannot start the writer thread");
    }
    w->started = 1;
    return FIL_OK;
}

void serve_writer_submit(serve_server *sv, serve_job *job)
{
    serve_writer *w = &sv->writer;
    job->next = NULL;
    pthread_mutex_lock(&w->lock);
    if (w->queue_tail) {
        w->queue_tail->next = job;
    } else {
        w->queue_head = job;
    }
    w->queue_tail = job;
    w->queued++;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

serve_job *serve_writer_take_done(serve_server *sv, uint64_t *generation)
{
    serve_writer *w = &sv->writer;
    char drain[64];
    while (read(w->notify[0], drain, sizeof drain) > 0) {
    }
    pthread_mutex_lock(&w->lock);
    serve_job *done = w->done;
    w->done = NULL;
    *generation = w->generation;
    pthread_mutex_unlock(&w->lock);
    return done;
}

void serve_writer_stop(serve_server *sv)
{
    serve_writer *w = &sv->writer;
    if (!w->ready) {
        return;
    }
    if (w->started) {
        pthread_mutex_lock(&w->lock);
        w->stop = 1;
        pthread_cond_signal(&w->wake);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
        w->started = 0;
    }
    for (serve_job *job = w->done, *next; job; job = next) {
        next = job->next; /* answered after the loop ended: nobody to send it to */
        serve_job_free(job);
    }
    w->done = NULL;
    for (int i = 0; i < 2; i++) {
        if (w->notify[i] >= 0) {
            close(w->notify[i]);
        }
    }
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    w->ready = 0;
}
