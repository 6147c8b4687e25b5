/*
 * tendo/serve.h - the local web server (`tendo serve`): pages and a JSON
 * API over HTTP, built on libmicrohttpd, answering from the library only
 * (the same documents as the CLI's --json: one truth).
 *
 * This first part serves today's advice: GET / (a page that needs no
 * script) and GET /api/today (the document of `tendo --json today`), and
 * the plan and the load: /api/plan?weeks=N, /api/load?weeks=N (those of
 * `tendo --json plan` and `tendo --json load`). Every
 * request opens the database read-only, reads the history up to the
 * athlete's today, advises and closes it again, so the answer is always
 * the database's current state and a writer elsewhere never waits on the
 * server.
 *
 * Security: it listens where the caller says - the CLI allows loopback
 * only for now - and answers only requests whose Host header names that
 * address (no DNS rebinding); connections, their time and request sizes
 * are limited; every response carries a strict Content-Security-Policy.
 *
 * No clock and no environment in here: `now` gives the time of a request
 * and `tz_fallback` the zone when the database has no timezone setting.
 * `log` receives one line per request (method, path, status, ms). Errors
 * of tendo_serve_start: TENDO_EIO when the address cannot be listened on,
 * TENDO_EUSAGE for bad options, TENDO_ENOMEM.
 */
#ifndef TENDO_SERVE_H
#define TENDO_SERVE_H

#include <stdint.h>
#include "common.h"
#include "error.h"

struct tendo_serve_opts {
    const char *db_path;
    const char *host;           /* numeric IPv4 address to listen on */
    int port;                   /* 0: any free port (see tendo_serve_port) */
    int64_t (*now)(void *ctx);  /* seconds since 1970, UTC */
    double (*clock_ms)(void *ctx); /* a monotonic clock for the log's
                                      timings, or NULL */
    void *now_ctx;              /* for both */
    const char *tz_fallback;    /* a zone name, or NULL for UTC */
    void (*log)(void *ctx, const char *line);
    void *log_ctx;
};

typedef struct tendo_server tendo_server;

/* CONSTRUCTOR. Starts answering on a thread of its own. */
TENDO_API int tendo_serve_start(const struct tendo_serve_opts *o,
                                tendo_server **out, struct tendo_error *err);
/* The port listened on (the one chosen when asked for 0). */
TENDO_API int tendo_serve_port(const tendo_server *s);
/* DESTRUCTOR. Stops listening, lets the request in progress finish. */
TENDO_API void tendo_serve_stop(tendo_server *s);

#endif
