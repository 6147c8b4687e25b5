/*
 * serve/serve_int.h - what the server's files share: the server, one
 * request (its body, its fields, its answer) and the helpers that answer
 * it. Pages (pages.c) and the JSON API (api.c) call the library for
 * everything; this header gives them the request and the database.
 */
#ifndef TENDO_SERVE_INT_H
#define TENDO_SERVE_INT_H

#include "tendo/buf.h"
#include "tendo/serve.h"
#include "tendo/history.h"
#include "tendo/rules.h"
#include "tendo/store.h"

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>

#define SERVE_MAX_BODY (64 * 1024)          /* a form or a JSON write */
#define SERVE_MAX_UPLOAD (256u * 1024 * 1024) /* an import upload (a
                                                  Strava export) */
#define SERVE_MAX_FIELDS 64

struct tendo_server {
    struct MHD_Daemon *d;
    struct tendo_serve_opts o;
    char *db_path, *tz_fallback;
    char host[80];              /* what the Host header must say */
    char origin[96];            /* scheme://host: what Origin must say */
    int port;
    int any_addr;               /* listening on 0.0.0.0 */
    int loopback;               /* on 127.x.x.x */
    int tls;
    char token_sha256[65];      /* "": no login (loopback) */
    char *tls_cert, *tls_key;   /* kept while the daemon runs */
    pthread_key_t view_key;     /* each answering thread's serve_view */
    int has_key;
};

struct serve_field {
    char *name, *value;         /* NUL-terminated (value may hold NULs) */
    size_t len;                 /* of value */
    char *filename;             /* a multipart file part, else NULL */
};

struct serve_req;
typedef int (*serve_handler)(struct serve_req *r);

struct serve_req {
    struct tendo_server *s;
    serve_handler fn;           /* the route's */
    struct MHD_Connection *c;
    const char *method, *url;
    int write;                  /* POST */
    size_t limit;               /* body bytes allowed */
    struct tendo_buf body;
    int too_big, parsed;
    struct serve_field f[SERVE_MAX_FIELDS];
    size_t nf;
    struct tendo_buf out;       /* the answer's body */
    unsigned status;            /* the answer's status, for the log */
    const char *set_cookie;     /* a Set-Cookie for the answer, or NULL */
    char cookie[200];
    double t0;
};

/* ---- answering (serve.c) ---- */
int serve_respond(struct serve_req *r, unsigned status, const char *type);
int serve_json(struct serve_req *r, unsigned status, json_t *doc);
int serve_error(struct serve_req *r, unsigned status, int code,
                const char *msg);
/* an error from the library, with the HTTP status that fits its code */
int serve_fail(struct serve_req *r, const struct tendo_error *e);
unsigned serve_error_status(int code);
int serve_redirect(struct serve_req *r, const char *location);

/* ---- the request's input (serve.c) ---- */
/* The query argument or body field `name` (the first), or NULL. Fields
 * come from a form (urlencoded or multipart) or a JSON object (numbers as
 * text, arrays as repeated fields, true as "1"). */
const char *serve_arg(struct serve_req *r, const char *name);
const char *serve_field(struct serve_req *r, const char *name);
/* parses the body into fields; 0, or an error answer queued (*answered) */
int serve_parse_body(struct serve_req *r, int *answered);

/* ---- the database (serve.c) ---- */
/* Each answering thread keeps a read-only connection and what it read
 * from it - the zone, the units, the history up to today, today's advice
 * and its document - for as long as the database has not changed
 * (tendo_db_data_version: a commit by any connection, this server's
 * writes included) and the day is the same. So every answer is the
 * database's current state, and a read costs a look at its version. */
/* The database read-only (write 0: the thread's connection, borrowed) or
 * for writing (a connection of its own); the athlete's today and units.
 * serve_close gives it back (closes a writing one). */
int serve_open(struct serve_req *r, int write, tendo_db **db,
               tendo_day *today, int *units, struct tendo_error *e);
void serve_close(struct serve_req *r, tendo_db *db);
/* the athlete's zone, as the thread's view loaded it (after serve_open) */
const tendo_tz *serve_zone(struct serve_req *r);
/* The history up to today and today's advice, owned by the thread's view:
 * valid until the request ends; never freed by the caller. */
int serve_history(struct serve_req *r, const struct tendo_history **h,
                  tendo_day *today, int *units, struct tendo_error *e);
int serve_advice(struct serve_req *r, const struct tendo_advice **a,
                 const struct tendo_history **h, int *units,
                 struct tendo_error *e);
/* /api/today's bytes (tendo_json_dump of tendo_advice_json), kept */
int serve_today_json(struct serve_req *r, const struct tendo_buf **doc,
                     struct tendo_error *e);
int64_t serve_now(struct serve_req *r);

/* ---- the routes (api.c, pages.c) ---- */
int api_today(struct serve_req *r);
int api_plan(struct serve_req *r);
int api_load(struct serve_req *r);
int api_list(struct serve_req *r);
int api_rehab(struct serve_req *r);
int api_assess(struct serve_req *r);
int api_flags(struct serve_req *r);
int api_report(struct serve_req *r);
int api_check(struct serve_req *r);
int api_session(struct serve_req *r);
int api_rehab_log(struct serve_req *r);
int api_wellness(struct serve_req *r);
int api_assessment(struct serve_req *r);
int api_delete(struct serve_req *r);
int api_routine(struct serve_req *r);
int api_import(struct serve_req *r);

int page_today(struct serve_req *r);
int page_check(struct serve_req *r);
int page_check_post(struct serve_req *r);
int page_log(struct serve_req *r);
int page_log_post(struct serve_req *r);
int page_delete_post(struct serve_req *r);
int page_plan(struct serve_req *r);
int page_plan_ics(struct serve_req *r);
int page_calendar(struct serve_req *r);
int page_calendar_new(struct serve_req *r);
int page_report(struct serve_req *r);
int page_import(struct serve_req *r);
int page_import_post(struct serve_req *r);
int page_static(struct serve_req *r);
int page_pair(struct serve_req *r);
/* "http(s)://" and the request's Host: this server as the browser sees it */
void serve_origin(struct serve_req *r, char *out, size_t n);
/* true when the request brings the pairing token (or none is needed) */
int serve_authorized(struct serve_req *r, const char *token);

/* ---- the writes, shared by the pages and the API (write.c) ---- */
/* Each parses the request's fields, writes in one transaction and gives
 * the document the API answers (the page redirects or shows it). */
int write_check(struct serve_req *r, json_t **doc, struct tendo_error *e);
int write_session(struct serve_req *r, json_t **doc, struct tendo_error *e);
int write_rehab(struct serve_req *r, json_t **doc, struct tendo_error *e);
int write_wellness(struct serve_req *r, json_t **doc, struct tendo_error *e);
int write_assessment(struct serve_req *r, json_t **doc,
                     struct tendo_error *e);
int write_delete(struct serve_req *r, json_t **doc, struct tendo_error *e);
int write_routine(struct serve_req *r, json_t **doc, struct tendo_error *e);
/* imports one uploaded file's bytes */
int write_import(struct serve_req *r, const char *name, const uint8_t *data,
                 size_t len, json_t **doc, struct tendo_error *e);
/* the calendar feed's secret: read (made when absent and `make`) */
int calendar_secret(struct serve_req *r, int renew, char out[65],
                    struct tendo_error *e);

#endif
