/*
 * serve/serve.c - the local web server (tendo/serve.h) on libmicrohttpd:
 * the daemon, the checks every request passes (Host, method, Origin on
 * writes, body size), the request's body and fields, the routes, and the
 * helpers that answer. A small pool of threads answers; each request has
 * a database connection of its own (read-only unless it writes), opened
 * and closed with it, so a write elsewhere is seen at once.
 */
#include "serve/serve_int.h"
#include "serve/form.h"
#include "tendo/documents.h"
#include "tendo/json.h"
#include "tendo/loader.h"
#include "tendo/rules.h"
#include "core/alloc.h"
#include "core/sha256.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define MAX_CONNECTIONS 64
#define CONNECTION_TIMEOUT_S 10
#define THREADS 4
#define MAX_PER_IP 16

/* The same policy for every answer: nothing from elsewhere, scripts and
 * styles only from this server (style attributes inline), forms post
 * here only, no framing. */
static const char csp[] = "default-src 'none'; script-src 'self'; "
                          "style-src 'self' 'unsafe-inline'; "
                          "img-src 'self' data:; connect-src 'self'; "
                          "form-action 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'";

/* ---- answers ----------------------------------------------------------- */

static int queue(struct serve_req *r, unsigned status, const char *type,
                 const char *location)
{
    struct MHD_Response *res = MHD_create_response_from_buffer(
        r->out.len, r->out.data ? r->out.data : (char *)"",
        MHD_RESPMEM_MUST_COPY);
    int rc;
    if (!res)
        return MHD_NO;
    if (type)
        MHD_add_response_header(res, "Content-Type", type);
    if (location)
        MHD_add_response_header(res, "Location", location);
    if (r->set_cookie)
        MHD_add_response_header(res, "Set-Cookie", r->set_cookie);
    if (r->s->tls)
        MHD_add_response_header(res, "Strict-Transport-Security",
                                "max-age=31536000");
    MHD_add_response_header(res, "Content-Security-Policy", csp);
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    /* same-origin, not no-referrer: with that a browser sends "Origin:
     * null" on its own form posts, which the CSRF check must refuse */
    MHD_add_response_header(res, "Referrer-Policy", "same-origin");
    MHD_add_response_header(res, "X-Frame-Options", "DENY");
    MHD_add_response_header(res, "Cache-Control", "no-store");
    rc = MHD_queue_response(r->c, status, res);
    MHD_destroy_response(res);
    r->status = status;
    return rc;
}

int serve_respond(struct serve_req *r, unsigned status, const char *type)
{
    return queue(r, status, type, NULL);
}

int serve_redirect(struct serve_req *r, const char *location)
{
    tendo_buf_reset(&r->out);
    return queue(r, MHD_HTTP_SEE_OTHER, "text/plain; charset=utf-8",
                 location);
}

unsigned serve_error_status(int code)
{
    switch (code) {
    case TENDO_ENOTFOUND:
        return MHD_HTTP_NOT_FOUND;
    case TENDO_EUSAGE:
        return MHD_HTTP_BAD_REQUEST;
    case TENDO_EEXIST:
        return MHD_HTTP_CONFLICT;
    case TENDO_ELIMIT:
        return MHD_HTTP_CONTENT_TOO_LARGE;
    case TENDO_EDB:
    case TENDO_EIO:
    case TENDO_ENOMEM:
    case TENDO_ESCHEMA:
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    default: /* the data: malformed, out of range, a bad file */
        return MHD_HTTP_UNPROCESSABLE_CONTENT;
    }
}

/* A document as the CLI prints it (tendo_json_dump: the same bytes). */
int serve_json(struct serve_req *r, unsigned status, json_t *doc)
{
    tendo_buf_reset(&r->out);
    if (!doc || tendo_json_dump(doc, &r->out)) {
        json_decref(doc);
        tendo_buf_reset(&r->out);
        tendo_buf_puts(&r->out, "{\"error\":{\"code\":\"TENDO_ENOMEM\"}}\n");
        return serve_respond(r, MHD_HTTP_SERVICE_UNAVAILABLE,
                             "application/json");
    }
    json_decref(doc);
    tendo_buf_putc(&r->out, '\n');
    return serve_respond(r, status, "application/json");
}

/* An error as the CLI shows it: the code's name, the message and the
 * CLI's exit status (docs/api.md). */
int serve_error(struct serve_req *r, unsigned status, int code,
                const char *msg)
{
    return serve_json(r, status,
                      json_pack("{s:{s:s,s:s,s:s,s:i}}", "error", "code",
                                tendo_error_name(code), "what",
                                tendo_strerror(code), "message", msg,
                                "exit_status", tendo_exit_status(code)));
}

int serve_fail(struct serve_req *r, const struct tendo_error *e)
{
    char line[TENDO_ERRMSG_MAX + TENDO_ERRFILE_MAX + 32];
    tendo_error_format(e, line, sizeof line);
    return serve_error(r, serve_error_status(e->code), e->code,
                       e->msg[0] ? line : tendo_strerror(e->code));
}

/* ---- the database ------------------------------------------------------ */

int64_t serve_now(struct serve_req *r)
{
    return r->s->o.now(r->s->o.now_ctx);
}

/* what a thread keeps between requests (see serve_int.h) */
struct serve_view {
    tendo_db *db;               /* read-only */
    int64_t version;            /* the database's, when read */
    tendo_tz *zone;
    int units;
    tendo_day today;
    struct tendo_history *h;    /* up to today, or NULL */
    struct tendo_advice *a;     /* today's, or NULL */
    struct tendo_buf today_doc; /* /api/today, or empty */
};

static void view_drop(struct serve_view *v)
{
    tendo_history_free(v->h);
    tendo_free(v->a);
    v->h = NULL;
    v->a = NULL;
    tendo_buf_release(&v->today_doc);
}

static void view_free(void *p)
{
    struct serve_view *v = p;
    if (!v)
        return;
    view_drop(v);
    tendo_tz_free(v->zone);
    tendo_db_close(v->db);
    tendo_free(v);
}

/* The thread's view, brought up to date: reopened after an error, read
 * again when the database changed, its day moved on at midnight. */
static int view_get(struct serve_req *r, struct serve_view **out,
                    struct tendo_error *e)
{
    struct tendo_server *s = r->s;
    struct serve_view *v = pthread_getspecific(s->view_key);
    int64_t version;
    tendo_day today;
    int rc, fell_back;
    char u[8] = "km";
    *out = NULL;
    if (!v) {
        if (!(v = tendo_calloc(1, sizeof *v)))
            return tendo_fail(e, TENDO_ENOMEM, "out of memory");
        v->version = -1;
        tendo_buf_init(&v->today_doc, 16u << 20);
        if (pthread_setspecific(s->view_key, v)) {
            view_free(v);
            return tendo_fail(e, TENDO_ENOMEM, "out of memory");
        }
    }
    if (!v->db && (rc = tendo_db_open(s->db_path, TENDO_OPEN_READONLY,
                                      &v->db, e)))
        return rc;
    if ((rc = tendo_db_data_version(v->db, &version, e))) {
        /* a connection gone bad: the next request starts afresh */
        view_drop(v);
        tendo_db_close(v->db);
        v->db = NULL;
        v->version = -1;
        return rc;
    }
    if (version != v->version) {
        view_drop(v);
        tendo_tz_free(v->zone);
        v->zone = NULL;
        v->version = -1;
        if ((rc = tendo_athlete_zone(v->db, s->tz_fallback, &v->zone,
                                     &fell_back, e)) ||
            (rc = tendo_setting_get(v->db, "units", u, sizeof u, NULL, e)))
            return rc;
        v->units = strcmp(u, "mi") == 0 ? TENDO_UNITS_MI : TENDO_UNITS_KM;
        v->version = version;
    }
    if ((rc = tendo_tz_local(v->zone, serve_now(r), &today, NULL, e)))
        return rc;
    if (today != v->today) {
        view_drop(v);
        v->today = today;
    }
    *out = v;
    return TENDO_OK;
}

int serve_open(struct serve_req *r, int write, tendo_db **db,
               tendo_day *today, int *units, struct tendo_error *e)
{
    struct serve_view *v;
    int rc;
    *db = NULL;
    /* the athlete's today and units from the thread's view (its zone is
     * loaded once, not per write) */
    if ((rc = view_get(r, &v, e)))
        return rc;
    *today = v->today;
    *units = v->units;
    if (!write) {
        *db = v->db;
        return TENDO_OK;
    }
    return tendo_db_open(r->s->db_path, TENDO_OPEN_EXISTING, db, e);
}

const tendo_tz *serve_zone(struct serve_req *r)
{
    struct serve_view *v = pthread_getspecific(r->s->view_key);
    return v ? v->zone : NULL;
}

void serve_close(struct serve_req *r, tendo_db *db)
{
    struct serve_view *v = pthread_getspecific(r->s->view_key);
    if (db && (!v || db != v->db))
        tendo_db_close(db);
}

int serve_history(struct serve_req *r, const struct tendo_history **h,
                  tendo_day *today, int *units, struct tendo_error *e)
{
    struct serve_view *v;
    int rc;
    *h = NULL;
    if ((rc = view_get(r, &v, e)))
        return rc;
    if (!v->h && (rc = tendo_history_load(v->db, v->today, &v->h, e)))
        return rc;
    *h = v->h;
    *today = v->today;
    *units = v->units;
    return TENDO_OK;
}

int serve_advice(struct serve_req *r, const struct tendo_advice **a,
                 const struct tendo_history **h, int *units,
                 struct tendo_error *e)
{
    struct serve_view *v;
    tendo_day today;
    int rc;
    *a = NULL;
    if ((rc = serve_history(r, h, &today, units, e)))
        return rc;
    v = pthread_getspecific(r->s->view_key);
    if (!v->a) {
        if (!(v->a = tendo_malloc(sizeof *v->a)))
            return tendo_fail(e, TENDO_ENOMEM, "out of memory");
        if ((rc = tendo_advise(v->h, today, v->a, e))) {
            tendo_free(v->a);
            v->a = NULL;
            return rc;
        }
    }
    *a = v->a;
    return TENDO_OK;
}

int serve_today_json(struct serve_req *r, const struct tendo_buf **doc,
                     struct tendo_error *e)
{
    const struct tendo_advice *a;
    const struct tendo_history *h;
    struct serve_view *v;
    json_t *j;
    int units, rc;
    if ((rc = serve_advice(r, &a, &h, &units, e)))
        return rc;
    v = pthread_getspecific(r->s->view_key);
    if (!v->today_doc.len) {
        j = tendo_advice_json(a, h, units);
        if (!j || tendo_json_dump(j, &v->today_doc)) {
            json_decref(j);
            tendo_buf_reset(&v->today_doc);
            return tendo_fail(e, TENDO_ENOMEM, "out of memory");
        }
        json_decref(j);
        tendo_buf_putc(&v->today_doc, '\n');
    }
    *doc = &v->today_doc;
    return TENDO_OK;
}

/* ---- the request's input ----------------------------------------------- */

const char *serve_arg(struct serve_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
}

const char *serve_field(struct serve_req *r, const char *name)
{
    for (size_t i = 0; i < r->nf; i++)
        if (strcmp(r->f[i].name, name) == 0)
            return r->f[i].value;
    return serve_arg(r, name);
}

static int add_field(struct serve_req *r, const char *name, size_t nlen,
                     const char *value, size_t vlen, const char *filename)
{
    struct serve_field *f;
    if (r->nf == SERVE_MAX_FIELDS)
        return -1;
    f = &r->f[r->nf];
    if (!(f->name = tendo_strndup(name, nlen)) ||
        !(f->value = tendo_malloc(vlen + 1)) ||
        (filename && !(f->filename = tendo_strndup(filename,
                                                   strlen(filename))))) {
        tendo_free(f->name);
        tendo_free(f->value);
        memset(f, 0, sizeof *f);
        return -1;
    }
    memcpy(f->value, value, vlen);
    f->value[vlen] = '\0';
    f->len = vlen;
    r->nf++;
    return 0;
}

static int field_cb(void *ctx, const char *name, size_t nlen,
                    const char *value, size_t vlen)
{
    return add_field(ctx, name, nlen, value, vlen, NULL) ? -2 : 0;
}

struct multipart {
    struct serve_req *r;
    int failed;
};

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind,
                               const char *key, const char *filename,
                               const char *type, const char *enc,
                               const char *data, uint64_t off, size_t size)
{
    struct multipart *m = cls;
    struct serve_req *r = m->r;
    struct serve_field *f = r->nf ? &r->f[r->nf - 1] : NULL;
    (void)kind;
    (void)type;
    (void)enc;
    if (off == 0 || !f || strcmp(f->name, key) != 0 ||
        (filename && (!f->filename || strcmp(f->filename, filename) != 0))) {
        if (add_field(r, key, strlen(key), data, size, filename)) {
            m->failed = 1;
            return MHD_NO;
        }
        return MHD_YES;
    }
    /* the next piece of the same part */
    {
        char *v = tendo_realloc(f->value, f->len + size + 1);
        if (!v) {
            m->failed = 1;
            return MHD_NO;
        }
        memcpy(v + f->len, data, size);
        f->len += size;
        v[f->len] = '\0';
        f->value = v;
    }
    return MHD_YES;
}

int serve_parse_body(struct serve_req *r, int *answered)
{
    const char *type =
        MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Content-Type");
    *answered = 0;
    if (r->parsed)
        return 0;
    r->parsed = 1;
    if (!type || r->body.len == 0)
        return 0;
    if (strncmp(type, "application/json", 16) == 0 ||
        strncmp(type, "application/x-www-form-urlencoded", 33) == 0) {
        char msg[240] = "";
        int is_json = strncmp(type, "application/json", 16) == 0;
        int rc = is_json
                     ? form_parse_json(r->body.data, r->body.len, field_cb, r,
                                       msg, sizeof msg)
                     : form_parse_urlencoded(r->body.data, r->body.len,
                                             field_cb, r);
        if (rc == -2) {
            *answered = serve_error(r, MHD_HTTP_CONTENT_TOO_LARGE,
                                    TENDO_ELIMIT, "too many fields");
            return -1;
        }
        if (rc) {
            *answered =
                serve_error(r, MHD_HTTP_BAD_REQUEST, TENDO_EINVAL, msg);
            return -1;
        }
        return 0;
    }
    if (strncmp(type, "multipart/form-data", 19) == 0) {
        struct multipart m = {r, 0};
        struct MHD_PostProcessor *pp =
            MHD_create_post_processor(r->c, 64 * 1024, on_part, &m);
        int ok = pp && MHD_post_process(pp, r->body.data, r->body.len) ==
                           MHD_YES;
        if (pp)
            MHD_destroy_post_processor(pp);
        if (!ok || m.failed) {
            *answered = serve_error(r, MHD_HTTP_BAD_REQUEST, TENDO_EINVAL,
                                    "the form's parts cannot be read");
            return -1;
        }
        return 0;
    }
    return 0; /* the handler reads the raw body */
}

/* ---- routes ------------------------------------------------------------ */

struct route {
    const char *method, *path;
    serve_handler fn;
    size_t limit;               /* body bytes a write may send */
};

static const struct route routes[] = {
    {"GET", "/", page_today, 0},
    {"GET", "/pair", page_pair, 0},
    {"GET", "/check", page_check, 0},
    {"POST", "/check", page_check_post, SERVE_MAX_BODY},
    {"GET", "/log", page_log, 0},
    {"POST", "/log", page_log_post, SERVE_MAX_BODY},
    {"POST", "/delete", page_delete_post, SERVE_MAX_BODY},
    {"GET", "/plan", page_plan, 0},
    {"GET", "/plan.ics", page_plan_ics, 0},
    {"POST", "/calendar/new", page_calendar_new, SERVE_MAX_BODY},
    {"GET", "/report", page_report, 0},
    {"GET", "/import", page_import, 0},
    {"POST", "/import", page_import_post, SERVE_MAX_UPLOAD},
    {"GET", "/api/today", api_today, 0},
    {"GET", "/api/plan", api_plan, 0},
    {"GET", "/api/load", api_load, 0},
    {"GET", "/api/list", api_list, 0},
    {"GET", "/api/rehab", api_rehab, 0},
    {"GET", "/api/assess", api_assess, 0},
    {"GET", "/api/flags", api_flags, 0},
    {"GET", "/api/report", api_report, 0},
    {"POST", "/api/check", api_check, SERVE_MAX_BODY},
    {"POST", "/api/session", api_session, SERVE_MAX_BODY},
    {"POST", "/api/rehab", api_rehab_log, SERVE_MAX_BODY},
    {"POST", "/api/wellness", api_wellness, SERVE_MAX_BODY},
    {"POST", "/api/assessment", api_assessment, SERVE_MAX_BODY},
    {"POST", "/api/routine", api_routine, SERVE_MAX_BODY},
    {"POST", "/api/delete", api_delete, SERVE_MAX_BODY},
    {"POST", "/api/import", api_import, SERVE_MAX_UPLOAD},
};

/* GET /static/NAME and /calendar/SECRET.ics are looked up by name, never
 * as paths: nothing outside the embedded assets can be reached. */
static serve_handler find_route(const char *method, const char *url,
                                size_t *limit, int *wrong_method)
{
    int head = strcmp(method, "HEAD") == 0;
    *wrong_method = 0;
    *limit = 0;
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        if (strcmp(routes[i].path, url) != 0)
            continue;
        if (strcmp(routes[i].method, method) == 0 ||
            (head && strcmp(routes[i].method, "GET") == 0)) {
            *limit = routes[i].limit;
            return routes[i].fn;
        }
        *wrong_method = 1;
    }
    if (strncmp(url, "/static/", 8) == 0 || strncmp(url, "/calendar/", 10) == 0) {
        if (strcmp(method, "GET") && !head) {
            *wrong_method = 1;
            return NULL;
        }
        return url[1] == 's' ? page_static : page_calendar;
    }
    return NULL;
}

/* ---- the request handler ---------------------------------------------- */

static void log_request(struct serve_req *r)
{
    struct tendo_server *s = r->s;
    char line[600];
    double ms = s->o.clock_ms ? s->o.clock_ms(s->o.now_ctx) - r->t0 : 0;
    if (!s->o.log)
        return;
    snprintf(line, sizeof line, "%s %.400s %u %.1f ms", r->method, r->url,
             r->status, ms);
    s->o.log(s->o.log_ctx, line);
}

static void req_free(struct serve_req *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nf; i++) {
        tendo_free(r->f[i].name);
        tendo_free(r->f[i].value);
        tendo_free(r->f[i].filename);
    }
    tendo_buf_release(&r->body);
    tendo_buf_release(&r->out);
    tendo_free(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)c;
    (void)why;
    req_free(*state);
    *state = NULL;
}

void serve_origin(struct serve_req *r, char *out, size_t n)
{
    const char *host =
        MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Host");
    snprintf(out, n, "%s://%s", r->s->tls ? "https" : "http",
             host ? host : r->s->host);
}

/* A write from a page of another site (CSRF) comes with that site's
 * Origin, or a Sec-Fetch-Site other than same-origin: refused. A client
 * that is not a browser (curl) sends neither. */
static int foreign_origin(struct serve_req *r)
{
    const char *origin =
        MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Origin");
    const char *site =
        MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    char mine[120];
    serve_origin(r, mine, sizeof mine);
    if (origin && strcmp(origin, mine) != 0)
        return 1;
    return site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0;
}

/* The Host header must name the address listened on: a name (DNS
 * rebinding: a site's name made to point here) is refused, but for
 * "localhost" on a loopback address (browsers resolve it to this machine
 * only). On 0.0.0.0 any IPv4 address will do, with the port. */
static int host_ok(struct serve_req *r, const char *host)
{
    char addr[INET_ADDRSTRLEN];
    struct in_addr in;
    const char *colon;
    size_t n;
    if (!host)
        return 0;
    if (r->s->loopback) { /* "localhost" cannot be pointed elsewhere */
        char local[40];
        snprintf(local, sizeof local, "localhost:%d", r->s->port);
        if (strcmp(host, local) == 0)
            return 1;
    }
    if (!r->s->any_addr)
        return strcmp(host, r->s->host) == 0;
    colon = strrchr(host, ':');
    n = colon ? (size_t)(colon - host) : 0;
    if (!colon || n >= sizeof addr || atoi(colon + 1) != r->s->port ||
        strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return 0;
    memcpy(addr, host, n);
    addr[n] = '\0';
    return inet_pton(AF_INET, addr, &in) == 1;
}

int serve_authorized(struct serve_req *r, const char *token)
{
    char hex[65];
    unsigned char diff = 0;
    if (!r->s->token_sha256[0])
        return 1;
    if (!token) {
        const char *auth = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND,
                                                       "Authorization");
        token = MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND,
                                            "tendo_token");
        if (auth && strncmp(auth, "Bearer ", 7) == 0)
            token = auth + 7;
    }
    if (!token)
        return 0;
    sha256_hex(token, strlen(token), hex);
    for (size_t i = 0; i < 64; i++) /* the same time for every guess */
        diff |= (unsigned char)(hex[i] ^ r->s->token_sha256[i]);
    return diff == 0;
}

/* what needs no token: pairing itself, the calendar feed (its secret
 * address is its key: calendar apps cannot log in) and the assets */
static int open_path(const char *url)
{
    return strcmp(url, "/pair") == 0 || strncmp(url, "/calendar/", 10) == 0 ||
           strncmp(url, "/static/", 8) == 0;
}

/* Checks what the headers say; an answer queued when the request goes no
 * further. */
static int admit(struct serve_req *r, serve_handler *fn)
{
    const char *host = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND,
                                                   "Host");
    const char *len =
        MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Content-Length");
    int wrong_method;
    *fn = NULL;
    if (!host_ok(r, host))
        /* another name for this address (DNS rebinding), or none */
        return serve_error(r, MHD_HTTP_MISDIRECTED_REQUEST, TENDO_EUSAGE,
                           "the Host header does not name this server");
    if (!open_path(r->url) && !serve_authorized(r, NULL))
        return serve_error(r, MHD_HTTP_UNAUTHORIZED, TENDO_EUSAGE,
                           "this device is not paired: open the pairing "
                           "address 'tendo serve' printed");
    *fn = find_route(r->method, r->url, &r->limit, &wrong_method);
    if (!*fn && wrong_method)
        return serve_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, TENDO_EUSAGE,
                           "this address does not take that method");
    if (!*fn)
        return serve_error(r, MHD_HTTP_NOT_FOUND, TENDO_ENOTFOUND,
                           "no such page");
    r->write = strcmp(r->method, "POST") == 0;
    if (r->write && foreign_origin(r)) {
        *fn = NULL;
        return serve_error(r, MHD_HTTP_FORBIDDEN, TENDO_EUSAGE,
                           "a write from another site's page (Origin) is "
                           "refused");
    }
    if (len && strtoull(len, NULL, 10) > r->limit) {
        *fn = NULL;
        r->too_big = 1;
        return serve_error(r, MHD_HTTP_CONTENT_TOO_LARGE, TENDO_ELIMIT,
                           "the request's body is too large");
    }
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *data,
                                  size_t *size, void **state)
{
    struct tendo_server *s = cls;
    struct serve_req *r = *state;
    serve_handler fn;
    int rc;
    (void)version;
    (void)fn;
    if (!r) { /* the headers have arrived */
        if (!(r = tendo_calloc(1, sizeof *r)))
            return MHD_NO;
        *state = r;
        r->s = s;
        r->c = c;
        r->method = method;
        r->url = url;
        r->t0 = s->o.clock_ms ? s->o.clock_ms(s->o.now_ctx) : 0;
        tendo_buf_init(&r->body, 0);
        tendo_buf_init(&r->out, 16u << 20);
        rc = admit(r, &fn);
        r->fn = fn;
        if (!fn) { /* answered already */
            log_request(r);
            return rc == MHD_YES ? MHD_YES : MHD_NO;
        }
        return MHD_YES;
    }
    if (r->status) { /* answered: what still comes is dropped */
        *size = 0;
        return MHD_YES;
    }
    if (*size) {
        if (r->body.len + *size > r->limit) {
            *size = 0;
            r->too_big = 1;
            rc = serve_error(r, MHD_HTTP_CONTENT_TOO_LARGE, TENDO_ELIMIT,
                             "the request's body is too large");
            log_request(r);
            return rc == MHD_YES ? MHD_YES : MHD_NO;
        }
        tendo_buf_add(&r->body, data, *size);
        if (r->body.err) {
            *size = 0;
            return MHD_NO;
        }
        *size = 0;
        return MHD_YES;
    }
    rc = r->fn(r);
    if (!r->status)
        r->status = MHD_HTTP_OK;
    log_request(r);
    return rc == MHD_YES ? MHD_YES : MHD_NO;
}

/* ---- start and stop --------------------------------------------------- */

int tendo_serve_start(const struct tendo_serve_opts *o, tendo_server **out,
                      struct tendo_error *err)
{
    struct tendo_server *s;
    struct sockaddr_in sa;
    const union MHD_DaemonInfo *info;
    unsigned timeout = o && o->timeout_s ? o->timeout_s : CONNECTION_TIMEOUT_S;
    int loopback;
    *out = NULL;
    if (!o || !o->db_path || !o->host || !o->now || o->port < 0 ||
        o->port > 65535)
        return tendo_fail(err, TENDO_EUSAGE, "serve: bad options");
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &sa.sin_addr) != 1)
        return tendo_fail(err, TENDO_EUSAGE,
                          "'%s' is not an IPv4 address to listen on", o->host);
    loopback = (ntohl(sa.sin_addr.s_addr) >> 24) == 127;
    if (!(s = tendo_calloc(1, sizeof *s)) ||
        !(s->db_path = tendo_strndup(o->db_path, strlen(o->db_path))) ||
        (o->tz_fallback &&
         !(s->tz_fallback =
               tendo_strndup(o->tz_fallback, strlen(o->tz_fallback))))) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    s->o = *o;
    if (pthread_key_create(&s->view_key, view_free)) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    s->has_key = 1;
    s->any_addr = sa.sin_addr.s_addr == htonl(INADDR_ANY);
    s->loopback = loopback;
    s->tls = o->tls_cert_pem && o->tls_key_pem;
    if (!!o->tls_cert_pem != !!o->tls_key_pem) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_EUSAGE,
                          "TLS needs both a certificate and its key");
    }
    if (!loopback) {
        if (!o->token_sha256 || strlen(o->token_sha256) != 64 ||
            strspn(o->token_sha256, "0123456789abcdef") != 64) {
            tendo_serve_stop(s);
            return tendo_fail(err, TENDO_EUSAGE,
                              "beyond loopback the server needs a pairing "
                              "token");
        }
        if (!s->tls && !o->allow_plain_http) {
            tendo_serve_stop(s);
            return tendo_fail(err, TENDO_EUSAGE,
                              "plain HTTP beyond loopback would send your "
                              "health data and token unencrypted: give a "
                              "TLS certificate and key, or allow it "
                              "explicitly");
        }
        snprintf(s->token_sha256, sizeof s->token_sha256, "%s",
                 o->token_sha256);
    }
    if (s->tls &&
        (!(s->tls_cert = tendo_strndup(o->tls_cert_pem,
                                       strlen(o->tls_cert_pem))) ||
         !(s->tls_key = tendo_strndup(o->tls_key_pem,
                                      strlen(o->tls_key_pem))))) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
            (s->tls ? MHD_USE_TLS : 0),
        0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)THREADS, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT, timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        /* beyond loopback one device cannot take every connection */
        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)(loopback ? 0 : MAX_PER_IP),
        s->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, s->tls_cert,
        MHD_OPTION_HTTPS_MEM_KEY, s->tls_key, MHD_OPTION_END);
    if (!s->d) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_EIO,
                          "cannot listen on %s:%d (in use, not this "
                          "machine's address, or a certificate and key "
                          "that do not load?)",
                          o->host, o->port);
    }
    info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    snprintf(s->host, sizeof s->host, "%s:%d", o->host, s->port);
    snprintf(s->origin, sizeof s->origin, "%s://%s", s->tls ? "https" : "http",
             s->host);
    *out = s;
    return TENDO_OK;
}

int tendo_serve_port(const tendo_server *s)
{
    return s ? s->port : 0;
}

void tendo_serve_stop(tendo_server *s)
{
    if (!s)
        return;
    if (s->d)
        MHD_stop_daemon(s->d); /* its threads end: their views are freed */
    if (s->has_key)
        pthread_key_delete(s->view_key);
    tendo_free(s->db_path);
    tendo_free(s->tz_fallback);
    tendo_free(s->tls_cert);
    tendo_free(s->tls_key);
    tendo_free(s);
}

int tendo_serve_new_token(char token[65], char hash[65],
                          struct tendo_error *err)
{
    unsigned char raw[32];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        return tendo_fail(err, TENDO_EIO, "no random bytes for the token");
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(token + 2 * i, 3, "%02x", raw[i]);
    sha256_hex(token, 64, hash);
    return TENDO_OK;
}
