/*
 * tendo/serve.h - the local web server (`tendo serve`): pages and a JSON
 * API over HTTP, built on libmicrohttpd, answering from the library only
 * (the same documents as the CLI's --json: one truth).
 *
 * Pages (today, check in, log, plan with its calendar feed, report,
 * import) work without a script; the JSON API under /api/ gives the
 * documents of the CLI's --json and takes the writes (docs/api.md). Each
 * answering thread reads through a read-only connection of its own and
 * keeps what it read until the database changes (a commit by any
 * connection: SQLite's data_version) or the day does; each write is one
 * transaction on a connection of its own. So the answer is always the
 * database's current state.
 *
 * Security (docs/api.md): on loopback there is no login. Beyond it a
 * pairing token is required (stored only as its hash), and TLS unless
 * plain HTTP is explicitly allowed. Requests whose Host header does not
 * name the listening address are refused (421: no DNS rebinding; on
 * 0.0.0.0 it must be an address, not a name), writes from another site's
 * page (Origin, Sec-Fetch-Site) are refused (403), bodies are limited
 * (413), connections are limited in number and idle time, and every
 * response carries a strict Content-Security-Policy.
 *
 * No clock and no environment in here: `now` gives the time of a request
 * and `tz_fallback` the zone when the database has no timezone setting.
 * `log` receives one line per request (method, path, status, ms). Errors
 * of tendo_serve_start: TENDO_EIO when the address cannot be listened on,
 * TENDO_EUSAGE for bad options (beyond loopback without a token, or
 * without TLS when plain HTTP is not allowed), TENDO_ENOMEM.
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
    unsigned timeout_s;         /* a connection idle this long is closed;
                                   0: 10 s */
    /* Beyond loopback (any address but 127.x.x.x): */
    const char *token_sha256;   /* the hex SHA-256 of the pairing token
                                   (tendo_serve_new_token): required there;
                                   every request but the calendar feed and
                                   the assets must bring the token (the
                                   cookie /pair sets, or "Authorization:
                                   Bearer TOKEN"), else 401 */
    const char *tls_cert_pem;   /* both: HTTPS (GnuTLS) */
    const char *tls_key_pem;
    int allow_plain_http;       /* plain HTTP there is refused unless set */
};

/* A new pairing token: 32 random bytes as 64 hex digits into `token`,
 * and its SHA-256 (what is stored) into `sha256_hex`. TENDO_EIO when the
 * system has no random bytes. */
TENDO_API int tendo_serve_new_token(char token[65], char sha256_hex[65],
                                    struct tendo_error *err);

typedef struct tendo_server tendo_server;

/* CONSTRUCTOR. Starts answering on a thread of its own. */
TENDO_API int tendo_serve_start(const struct tendo_serve_opts *o,
                                tendo_server **out, struct tendo_error *err);
/* The port listened on (the one chosen when asked for 0). */
TENDO_API int tendo_serve_port(const tendo_server *s);
/* DESTRUCTOR. Stops listening, lets the request in progress finish. */
TENDO_API void tendo_serve_stop(tendo_server *s);

#endif
