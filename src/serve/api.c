/*
 * serve/api.c - the JSON API under /api/ (docs/api.md): every document is
 * the one the CLI's --json prints for the same question (both call the
 * library's builders in tendo/documents.h and tendo/json.h), and errors
 * are the CLI's (code name, message, exit status) with an HTTP status
 * that fits.
 */
#include "serve/serve_int.h"
#include "tendo/documents.h"
#include "tendo/json.h"
#include "tendo/plan.h"
#include "tendo/rules.h"
#include "tendo/values.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

/* ?NAME=N (default `def`, min..max); 0, or -1 with a 400 answer queued */
static int int_arg(struct serve_req *r, const char *name, int def, int min,
                   int max, int *out, int *answered)
{
    const char *v = serve_arg(r, name);
    struct tendo_error e = {0};
    *out = def;
    if (v && tendo_parse_int(v, strlen(v), min, max, name, out, &e)) {
        *answered = serve_error(r, MHD_HTTP_BAD_REQUEST, e.code, e.msg);
        return -1;
    }
    return 0;
}

/* GET /api/today: `tendo --json today` (the thread's kept bytes while
 * the database and the day are the same) */
int api_today(struct serve_req *r)
{
    const struct tendo_buf *doc;
    struct tendo_error e = {0};
    if (serve_today_json(r, &doc, &e))
        return serve_fail(r, &e);
    tendo_buf_reset(&r->out);
    tendo_buf_add(&r->out, doc->data, doc->len);
    return serve_respond(r, MHD_HTTP_OK, "application/json");
}

/* GET /api/rehab: `tendo --json rehab` (today's prescription);
 * ?history=1&weeks=N: `tendo --json rehab --history --weeks N` (12) */
int api_rehab(struct serve_req *r)
{
    const struct tendo_advice *a;
    const struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day today;
    int units, answered, hist, weeks;
    json_t *doc = NULL;
    if (int_arg(r, "history", 0, 0, 1, &hist, &answered) ||
        int_arg(r, "weeks", 12, 1, 520, &weeks, &answered))
        return answered;
    if (!hist) {
        if (serve_advice(r, &a, &h, &units, &e))
            return serve_fail(r, &e);
        return serve_json(r, MHD_HTTP_OK, tendo_prescription_json(a));
    }
    if (serve_history(r, &h, &today, &units, &e))
        return serve_fail(r, &e);
    {
        tendo_day from = today - weeks * 7 + 1;
        size_t n = tendo_rehab_runs(h, from, today, NULL, 0);
        struct tendo_rehab_run *runs = tendo_calloc(n ? n : 1, sizeof *runs);
        if (runs) {
            tendo_rehab_runs(h, from, today, runs, n);
            doc = tendo_rehab_runs_json(h->athlete.protocol, runs, n);
        }
        tendo_free(runs);
    }
    return serve_json(r, MHD_HTTP_OK, doc);
}

/* GET /api/flags: `tendo --json flags` */
int api_flags(struct serve_req *r)
{
    const struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day today;
    int units;
    if (serve_history(r, &h, &today, &units, &e))
        return serve_fail(r, &e);
    return serve_json(r, MHD_HTTP_OK, tendo_flags_json(h, today));
}

/* GET /api/plan?weeks=N: `tendo --json plan --weeks N` */
int api_plan(struct serve_req *r)
{
    struct tendo_plan_input in;
    struct tendo_plan *p;
    const struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day today;
    int units, weeks, answered;
    json_t *doc;
    if (int_arg(r, "weeks", 2, 1, TENDO_PLAN_WEEKS_MAX, &weeks, &answered))
        return answered;
    if (serve_history(r, &h, &today, &units, &e))
        return serve_fail(r, &e);
    if (!(p = tendo_malloc(sizeof *p))) {
        return serve_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, TENDO_ENOMEM,
                           "out of memory");
    }
    memset(&in, 0, sizeof in);
    in.history = h;
    in.today = today;
    in.from = today;
    in.weeks = weeks;
    doc = tendo_plan(&in, p, &e) ? NULL : tendo_plan_json(p, units);
    tendo_free(p);
    if (!doc)
        return serve_fail(r, &e);
    return serve_json(r, MHD_HTTP_OK, doc);
}

static int load_doc(struct serve_req *r, int def)
{
    const struct tendo_history *h;
    struct tendo_error e = {0};
    tendo_day today, from;
    int units, weeks, answered;
    json_t *doc;
    if (int_arg(r, "weeks", def, 1, 520, &weeks, &answered))
        return answered;
    if (serve_history(r, &h, &today, &units, &e))
        return serve_fail(r, &e);
    from = tendo_day_week_start(today) - (weeks - 1) * 7;
    doc = tendo_load_json(h, from, today, units);
    return serve_json(r, MHD_HTTP_OK, doc);
}

/* GET /api/load?weeks=N: `tendo --json load --weeks N` (8) */
int api_load(struct serve_req *r)
{
    return load_doc(r, 8);
}

/* GET /api/report?weeks=N: the figures the report charts, as data - the
 * load document of the report's weeks (`tendo report`'s default: 12) */
int api_report(struct serve_req *r)
{
    return load_doc(r, 12);
}

/* GET /api/list?from=D&to=D&days=N&what=a,b: `tendo --json list` */
int api_list(struct serve_req *r)
{
    const char *from_s = serve_arg(r, "from"), *to_s = serve_arg(r, "to");
    const char *what_s = serve_arg(r, "what");
    struct tendo_error e = {0};
    tendo_db *db;
    tendo_day today, from, to;
    unsigned what = 0;
    int units, days, answered, rc;
    json_t *doc;
    if (int_arg(r, "days", 14, 1, 36600, &days, &answered))
        return answered;
    for (const char *p = what_s; p && *p;) {
        size_t n = strcspn(p, ",");
        int i;
        if (tendo_parse_enum(p, n, tendo_list_kinds, "what", &i, &e))
            return serve_error(r, MHD_HTTP_BAD_REQUEST, e.code, e.msg);
        what |= 1u << i;
        p += n + (p[n] == ',');
    }
    if (!what)
        what = TENDO_LIST_ALL;
    if (serve_open(r, 0, &db, &today, &units, &e))
        return serve_fail(r, &e);
    to = today;
    if ((to_s && tendo_parse_day(to_s, strlen(to_s), INT32_MAX - 2, "to", &to,
                                 &e)) ||
        ((from = to - days + 1), 0) ||
        (from_s && tendo_parse_day(from_s, strlen(from_s), INT32_MAX - 2,
                                   "from", &from, &e))) {
        serve_close(r, db);
        return serve_error(r, MHD_HTTP_BAD_REQUEST, e.code, e.msg);
    }
    if (from > to) {
        serve_close(r, db);
        return serve_error(r, MHD_HTTP_BAD_REQUEST, TENDO_ERANGE,
                           "from is after to");
    }
    rc = tendo_list_json(db, from, to, what, units, &doc, &e);
    serve_close(r, db);
    if (rc)
        return serve_fail(r, &e);
    return serve_json(r, MHD_HTTP_OK, doc);
}

/* GET /api/assess?weeks=N: `tendo --json assess list --weeks N` (26) */
int api_assess(struct serve_req *r)
{
    struct tendo_assessment *v;
    size_t n;
    struct tendo_error e = {0};
    tendo_db *db;
    tendo_day today;
    int units, rc, weeks, answered;
    json_t *doc;
    if (int_arg(r, "weeks", 26, 1, 520, &weeks, &answered))
        return answered;
    if (serve_open(r, 0, &db, &today, &units, &e))
        return serve_fail(r, &e);
    rc = tendo_assessments_list(db, NULL, today - weeks * 7 + 1, today, &v,
                                &n, &e);
    serve_close(r, db);
    if (rc)
        return serve_fail(r, &e);
    doc = tendo_assessments_doc_json(v, n);
    free(v);
    return serve_json(r, MHD_HTTP_OK, doc);
}

/* ---- writes ------------------------------------------------------------ */

typedef int (*write_fn)(struct serve_req *r, json_t **doc,
                        struct tendo_error *e);

static int api_write(struct serve_req *r, write_fn fn, unsigned ok)
{
    struct tendo_error e = {0};
    json_t *doc;
    int answered;
    if (serve_parse_body(r, &answered))
        return answered;
    if (fn(r, &doc, &e))
        return serve_fail(r, &e);
    return serve_json(r, ok, doc);
}

int api_check(struct serve_req *r)
{
    return api_write(r, write_check, MHD_HTTP_OK);
}
int api_session(struct serve_req *r)
{
    /* a new session is created (201), an edit (an id given) is not */
    int answered;
    if (serve_parse_body(r, &answered))
        return answered;
    return api_write(r, write_session,
                     serve_field(r, "id") ? MHD_HTTP_OK : MHD_HTTP_CREATED);
}
int api_rehab_log(struct serve_req *r)
{
    return api_write(r, write_rehab, MHD_HTTP_CREATED);
}
int api_wellness(struct serve_req *r)
{
    return api_write(r, write_wellness, MHD_HTTP_OK);
}
int api_assessment(struct serve_req *r)
{
    return api_write(r, write_assessment, MHD_HTTP_CREATED);
}
int api_routine(struct serve_req *r)
{
    return api_write(r, write_routine, MHD_HTTP_CREATED);
}
int api_delete(struct serve_req *r)
{
    return api_write(r, write_delete, MHD_HTTP_OK);
}

/* POST /api/import?name=FILE: the body is the file's bytes (one file a
 * request, so a page can show each file's progress) */
int api_import(struct serve_req *r)
{
    const char *name = serve_arg(r, "name");
    struct tendo_error e = {0};
    json_t *doc;
    if (!name || !*name || strlen(name) > 200 || strchr(name, '/'))
        return serve_error(r, MHD_HTTP_BAD_REQUEST, TENDO_EUSAGE,
                           "name the file: /api/import?name=run.fit");
    if (write_import(r, name, (const uint8_t *)r->body.data, r->body.len,
                     &doc, &e))
        return serve_fail(r, &e);
    return serve_json(r,
                      strcmp(json_string_value(json_object_get(doc, "status")),
                             "rejected") == 0
                          ? MHD_HTTP_UNPROCESSABLE_CONTENT
                          : MHD_HTTP_OK,
                      doc);
}
