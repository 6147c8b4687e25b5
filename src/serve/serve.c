/*
 * serve/serve.c - the local web server (tendo/serve.h) on libmicrohttpd:
 * one polling thread, so requests are answered one at a time, each with a
 * read-only connection of its own to the database.
 */
#include "tendo/serve.h"
#include "tendo/documents.h"
#include "tendo/json.h"
#include "tendo/loader.h"
#include "tendo/plan.h"
#include "tendo/values.h"
#include "tendo/report.h"
#include "tendo/rules.h"
#include "core/alloc.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <math.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CONNECTIONS 64
#define CONNECTION_TIMEOUT_S 10
#define MAX_BODY (64 * 1024)

struct tendo_server {
    struct MHD_Daemon *d;
    struct tendo_serve_opts o;
    char *db_path, *tz_fallback;
    char host[64];              /* what the Host header must say */
    int port;
};

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; "
                          "img-src data:; form-action 'self'; "
                          "frame-ancestors 'none'; base-uri 'none'";

static const char page_css[] =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:0 auto;"
    "max-width:720px;padding:12px;color:#222;font-size:17px;"
    "line-height:1.4}h1{font-size:1.3em}"
    ".level{font-weight:bold;padding:2px 8px;border-radius:4px;color:#fff}"
    ".note{color:#555;font-size:.85em}";

static const char *const level_color[] = {"#2ca02c", "#98df8a", "#ffbb78",
                                          "#ff7f0e", "#d62728", "#7f0000"};

/* ---- answers ----------------------------------------------------------- */

static int respond(struct MHD_Connection *c, unsigned status,
                   const char *type, struct tendo_buf *body)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        body->len, body->data ? body->data : (char *)"",
        MHD_RESPMEM_MUST_COPY);
    int rc;
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    rc = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return rc;
}

/* An error as the CLI shows it: the code's name, the message and the
 * CLI's exit status, with an HTTP status that fits. */
static unsigned error_status(int code)
{
    switch (code) {
    case TENDO_ENOTFOUND:
        return MHD_HTTP_NOT_FOUND;
    case TENDO_EUSAGE:
        return MHD_HTTP_BAD_REQUEST;
    case TENDO_EDB:
    case TENDO_EIO:
    case TENDO_ENOMEM:
    case TENDO_ESCHEMA:
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    default:
        return MHD_HTTP_UNPROCESSABLE_CONTENT;
    }
}

/* A document as the CLI prints it (tendo_json_dump: the same bytes). */
static int json_doc(struct MHD_Connection *c, unsigned status, json_t *doc,
                    struct tendo_buf *b)
{
    tendo_buf_reset(b);
    if (!doc || tendo_json_dump(doc, b)) {
        json_decref(doc);
        tendo_buf_reset(b);
        tendo_buf_puts(b, "{\"error\":{\"code\":\"TENDO_ENOMEM\"}}");
        tendo_buf_putc(b, '\n');
        return respond(c, MHD_HTTP_SERVICE_UNAVAILABLE, "application/json",
                       b);
    }
    json_decref(doc);
    tendo_buf_putc(b, '\n');
    return respond(c, status, "application/json", b);
}

static int json_error(struct MHD_Connection *c, unsigned status, int code,
                      const char *msg, struct tendo_buf *b)
{
    return json_doc(c, status,
                    json_pack("{s:{s:s,s:s,s:s,s:i}}", "error", "code",
                              tendo_error_name(code), "what",
                              tendo_strerror(code), "message", msg,
                              "exit_status", tendo_exit_status(code)),
                    b);
}

/* The athlete's history up to today, from a read-only look at the
 * database (opened and closed again: the answer is always current). */
static int history_now(struct tendo_server *s, struct tendo_history **h,
                       tendo_day *today, int *units, struct tendo_error *e)
{
    tendo_db *db = NULL;
    char u[8] = "km";
    int rc;
    *h = NULL;
    if ((rc = tendo_db_open(s->db_path, TENDO_OPEN_READONLY, &db, e)) ||
        (rc = tendo_local_today(db, s->o.now(s->o.now_ctx), s->tz_fallback,
                                today, e)) ||
        (rc = tendo_setting_get(db, "units", u, sizeof u, NULL, e)) ||
        (rc = tendo_history_load(db, *today, h, e))) {
        tendo_history_free(*h);
        *h = NULL;
    }
    *units = strcmp(u, "mi") == 0 ? TENDO_UNITS_MI : TENDO_UNITS_KM;
    tendo_db_close(db);
    return rc;
}

/* ... and the advice for today */
static int advise_now(struct tendo_server *s, struct tendo_advice *a,
                      struct tendo_history **h, int *units,
                      struct tendo_error *e)
{
    tendo_day today;
    int rc = history_now(s, h, &today, units, e);
    if (!rc && (rc = tendo_advise(*h, today, a, e))) {
        tendo_history_free(*h);
        *h = NULL;
    }
    return rc;
}

/* ?weeks=N (default `def`, 1..max); 0 with a 400 answer queued when bad */
static int weeks_arg(struct MHD_Connection *c, int def, int max, int *weeks,
                     struct tendo_buf *b, int *answered)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
                                                "weeks");
    struct tendo_error e = {0};
    *weeks = def;
    *answered = 0;
    if (v && tendo_parse_int(v, strlen(v), 1, max, "weeks", weeks, &e)) {
        *answered = json_error(c, MHD_HTTP_BAD_REQUEST, e.code, e.msg, b);
        return 0;
    }
    return 1;
}

/* /api/plan?weeks=N: `tendo --json plan --weeks N` */
static int api_plan(struct tendo_server *s, struct MHD_Connection *c,
                    struct tendo_buf *b)
{
    struct tendo_plan_input in;
    struct tendo_plan *p;
    struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day today;
    int units, weeks, answered;
    json_t *doc;
    if (!weeks_arg(c, 2, TENDO_PLAN_WEEKS_MAX, &weeks, b, &answered))
        return answered;
    if (history_now(s, &h, &today, &units, &e))
        return json_error(c, error_status(e.code), e.code, e.msg, b);
    if (!(p = tendo_malloc(sizeof *p))) {
        tendo_history_free(h);
        return json_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, TENDO_ENOMEM,
                          "out of memory", b);
    }
    memset(&in, 0, sizeof in);
    in.history = h;
    in.today = today;
    in.from = today;
    in.weeks = weeks;
    doc = tendo_plan(&in, p, &e) ? NULL : tendo_plan_json(p, units);
    tendo_free(p);
    tendo_history_free(h);
    if (!doc)
        return json_error(c, error_status(e.code), e.code, e.msg, b);
    return json_doc(c, MHD_HTTP_OK, doc, b);
}

/* /api/load?weeks=N: `tendo --json load --weeks N` */
static int api_load(struct tendo_server *s, struct MHD_Connection *c,
                    struct tendo_buf *b)
{
    struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day today, from;
    int units, weeks, answered;
    json_t *doc;
    if (!weeks_arg(c, 8, 520, &weeks, b, &answered))
        return answered;
    if (history_now(s, &h, &today, &units, &e))
        return json_error(c, error_status(e.code), e.code, e.msg, b);
    from = tendo_day_week_start(today) - (weeks - 1) * 7;
    doc = tendo_load_json(h, from, today, units);
    tendo_history_free(h);
    return json_doc(c, MHD_HTTP_OK, doc, b);
}

static int api_today(struct tendo_server *s, struct MHD_Connection *c,
                     struct tendo_buf *b)
{
    struct tendo_advice *a = tendo_malloc(sizeof *a);
    struct tendo_history *h = NULL;
    struct tendo_error e = {0};
    int units = TENDO_UNITS_KM;
    json_t *doc;
    if (!a)
        return json_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, TENDO_ENOMEM,
                          "out of memory", b);
    if (advise_now(s, a, &h, &units, &e)) {
        tendo_free(a);
        return json_error(c, error_status(e.code), e.code, e.msg, b);
    }
    doc = tendo_advice_json(a, h, units);
    tendo_history_free(h);
    tendo_free(a);
    return json_doc(c, MHD_HTTP_OK, doc, b);
}

/* Today as a page a phone reads without a script. */
static int page_today(struct tendo_server *s, struct MHD_Connection *c,
                      struct tendo_buf *b)
{
    struct tendo_advice *a = tendo_malloc(sizeof *a);
    struct tendo_history *h = NULL;
    struct tendo_error e = {0};
    int units = TENDO_UNITS_KM;
    char ds[TENDO_DAY_STRLEN];
    tendo_buf_reset(b);
    tendo_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                        "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
                        "content=\"width=device-width, initial-scale=1\"/>\n"
                        "<title>tendo today</title>\n<style>%s</style>\n"
                        "</head>\n<body>\n",
                     page_css);
    if (!a || advise_now(s, a, &h, &units, &e)) {
        tendo_buf_puts(b, "<h1>tendo</h1>\n<p>");
        tendo_xml_escape(b, a ? e.msg : "out of memory");
        tendo_buf_puts(b, "</p>\n</body>\n</html>\n");
        tendo_free(a);
        return respond(c, a ? error_status(e.code) : 503,
                       "text/html; charset=utf-8", b);
    }
    tendo_day_format(a->date, ds);
    tendo_buf_printf(b, "<h1>Today, %s</h1>\n<p><span class=\"level\" "
                        "id=\"level\" style=\"background:%s\">%s</span></p>\n",
                     ds, level_color[a->level], tendo_level_name(a->level));
    if (a->run_allowed && !isnan(a->max_minutes)) {
        tendo_buf_printf(b, "<p id=\"run\">Run: up to %.0f min", a->max_minutes);
        if (!isnan(a->max_km))
            tendo_buf_printf(b, " / %.1f %s",
                             units == TENDO_UNITS_MI ? a->max_km / 1.609344
                                                     : a->max_km,
                             units == TENDO_UNITS_MI ? "mi" : "km");
        tendo_buf_printf(b, ", %s.</p>\n", a->intensity ? a->intensity : "");
    } else {
        tendo_buf_puts(b, "<p id=\"run\">No running today.</p>\n");
    }
    for (int i = 0; i < a->ncross; i++)
        tendo_buf_printf(b, "<p>Instead or as well: %s, %d min.</p>\n",
                         a->cross[i].type, a->cross[i].minutes);
    if (a->has_rehab) {
        tendo_buf_puts(b, "<p id=\"rehab\">Rehab: ");
        tendo_xml_escape(b, a->rehab_name ? a->rehab_name : a->rehab_exercise);
        tendo_buf_printf(b, ", %d x %d.</p>\n", a->rehab_sets, a->rehab_reps);
    }
    tendo_buf_puts(b, "<ul id=\"reasons\">\n");
    for (size_t i = 0; i < a->nreasons; i++) {
        tendo_buf_puts(b, "<li>");
        tendo_xml_escape(b, a->reasons[i].text);
        tendo_buf_printf(b, " <code>%s</code></li>\n", a->reasons[i].code);
    }
    tendo_buf_puts(b, "</ul>\n<p class=\"note\">tendo supports decisions; "
                      "it does not diagnose.</p>\n</body>\n</html>\n");
    tendo_history_free(h);
    tendo_free(a);
    return respond(c, MHD_HTTP_OK, "text/html; charset=utf-8", b);
}

/* ---- the request handler ---------------------------------------------- */

static void log_request(struct tendo_server *s, const char *method,
                        const char *url, unsigned status, double ms)
{
    char line[600];
    if (!s->o.log)
        return;
    snprintf(line, sizeof line, "%s %.400s %u %.1f ms", method, url, status,
             ms);
    s->o.log(s->o.log_ctx, line);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *data,
                                  size_t *size, void **state)
{
    struct tendo_server *s = cls;
    struct tendo_buf b;
    double t0;
    const char *host;
    unsigned status = MHD_HTTP_OK;
    int rc;
    (void)version;
    (void)data;
    if (!*state) { /* the headers have arrived: answer with the body */
        *state = s;
        return MHD_YES;
    }
    if (*size > MAX_BODY) {
        *size = 0;
        return MHD_NO;
    }
    *size = 0;
    t0 = s->o.clock_ms ? s->o.clock_ms(s->o.now_ctx) : 0;
    tendo_buf_init(&b, 8u << 20);
    host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!host || strcmp(host, s->host) != 0) {
        /* another name for this address (DNS rebinding), or none */
        status = 421;
        rc = json_error(c, status, TENDO_EUSAGE,
                        "the Host header does not name this server", &b);
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        status = MHD_HTTP_METHOD_NOT_ALLOWED;
        rc = json_error(c, status, TENDO_EUSAGE, "only GET for now", &b);
    } else if (strcmp(url, "/") == 0) {
        rc = page_today(s, c, &b);
    } else if (strcmp(url, "/api/today") == 0) {
        rc = api_today(s, c, &b);
    } else if (strcmp(url, "/api/plan") == 0) {
        rc = api_plan(s, c, &b);
    } else if (strcmp(url, "/api/load") == 0) {
        rc = api_load(s, c, &b);
    } else {
        status = MHD_HTTP_NOT_FOUND;
        rc = json_error(c, status, TENDO_ENOTFOUND, "no such page", &b);
    }
    log_request(s, method, url, status,
                s->o.clock_ms ? s->o.clock_ms(s->o.now_ctx) - t0 : 0);
    tendo_buf_release(&b);
    return rc == MHD_YES ? MHD_YES : MHD_NO;
}

/* ---- start and stop --------------------------------------------------- */

int tendo_serve_start(const struct tendo_serve_opts *o, tendo_server **out,
                      struct tendo_error *err)
{
    struct tendo_server *s;
    struct sockaddr_in sa;
    const union MHD_DaemonInfo *info;
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
    if (!(s = tendo_calloc(1, sizeof *s)) ||
        !(s->db_path = tendo_strndup(o->db_path, strlen(o->db_path))) ||
        (o->tz_fallback &&
         !(s->tz_fallback =
               tendo_strndup(o->tz_fallback, strlen(o->tz_fallback))))) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    s->o = *o;
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL, 0, NULL, NULL,
        on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
        MHD_OPTION_END);
    if (!s->d) {
        tendo_serve_stop(s);
        return tendo_fail(err, TENDO_EIO,
                          "cannot listen on %s:%d (in use, or not this "
                          "machine's address?)",
                          o->host, o->port);
    }
    info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    snprintf(s->host, sizeof s->host, "%s:%d", o->host, s->port);
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
        MHD_stop_daemon(s->d);
    tendo_free(s->db_path);
    tendo_free(s->tz_fallback);
    tendo_free(s);
}
