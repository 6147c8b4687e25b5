/*
 * cli/advise.c - gathers what the advice engine needs from the database
 * (240 days - or more - of sessions, checks, wellness, rehab and
 * assessments of every kind; the ramp and protocol
 * settings) and calls tendo_advise for --date. Shared by `today`,
 * `rehab` and `plan`.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define HISTORY_DAYS 240

struct vec {
    void *v;
    size_t n, cap, size;
};

static int push(struct vec *l, const void *x)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        void *v = realloc(l->v, cap * l->size);
        if (!v)
            return 1;
        l->v = v;
        l->cap = cap;
    }
    memcpy((char *)l->v + l->n++ * l->size, x, l->size);
    return 0;
}

static int on_session(const struct tendo_session *s, void *ctx)
{
    return push(ctx, s);
}
static int on_check(const struct tendo_check *x, void *ctx)
{
    return push(ctx, x);
}
static int on_wellness(const struct tendo_wellness *w, void *ctx)
{
    return push(ctx, w);
}
static int on_assess(const struct tendo_assessment *x, void *ctx)
{
    return push(ctx, x);
}
static int on_rehab(const struct tendo_rehab *r, void *ctx)
{
    return push(ctx, r);
}

int cli_history_load(struct cli *c, struct cli_history *h, tendo_day since)
{
    struct tendo_error e = {0};
    struct vec ss = {0, 0, 0, sizeof(struct tendo_session)},
               cs = {0, 0, 0, sizeof(struct tendo_check)},
               ws = {0, 0, 0, sizeof(struct tendo_wellness)},
               rs = {0, 0, 0, sizeof(struct tendo_rehab)},
               as = {0, 0, 0, sizeof(struct tendo_assessment)};
    char ramp[16];
    int rc = 0;
    tendo_day from = since == TENDO_DAY_NONE || since > c->date - HISTORY_DAYS
                         ? c->date - HISTORY_DAYS
                         : since;

    memset(h, 0, sizeof *h);
    if (tendo_sessions_each(c->db, from, c->date, on_session, &ss, &e) ||
        tendo_checks_each(c->db, from, c->date, on_check, &cs, &e) ||
        tendo_wellness_each(c->db, from, c->date, on_wellness, &ws, &e) ||
        tendo_rehab_each(c->db, from, c->date, on_rehab, &rs, &e) ||
        tendo_assessments_each(c->db, NULL, from, c->date, on_assess, &as,
                               &e) ||
        tendo_setting_get(c->db, "ramp", ramp, sizeof ramp, NULL, &e) ||
        tendo_setting_get(c->db, "protocol", h->protocol, sizeof h->protocol,
                          NULL, &e)) {
        rc = e.code ? cli_error(c, &e)
                    : cli_errorf(c, EXIT_INTERNAL, "out of memory");
        free(ss.v);
        free(cs.v);
        free(ws.v);
        free(rs.v);
        free(as.v);
        return rc;
    }
    h->in.today = c->date;
    h->in.sessions = ss.v;
    h->in.nsessions = ss.n;
    h->in.checks = cs.v;
    h->in.nchecks = cs.n;
    h->in.wellness = ws.v;
    h->in.nwellness = ws.n;
    h->in.rehab = rs.v;
    h->in.nrehab = rs.n;
    h->in.protocol = h->protocol[0] ? h->protocol : NULL;
    h->in.assessments = as.v;
    h->in.nassessments = as.n;
    h->in.ramp = ramp[0] ? atof(ramp) / 100.0 : 0.10;
    return 0;
}

void cli_history_free(struct cli_history *h)
{
    free((void *)h->in.sessions);
    free((void *)h->in.checks);
    free((void *)h->in.wellness);
    free((void *)h->in.rehab);
    free((void *)h->in.assessments);
    memset(h, 0, sizeof *h);
}

int cli_advise(struct cli *c, struct tendo_advice *a)
{
    struct tendo_error e = {0};
    struct cli_history h;
    int rc = cli_history_load(c, &h, TENDO_DAY_NONE);
    if (rc)
        return rc;
    if (tendo_advise(&h.in, a, &e))
        rc = cli_error(c, &e);
    cli_history_free(&h);
    return rc;
}

int cli_load_params(struct cli *c, struct tendo_load_params *p)
{
    struct tendo_error e = {0};
    char v[32];
    const char *keys[] = {"max_hr", "rest_hr"};
    int *dst[] = {&p->max_hr, &p->rest_hr};
    for (int i = 0; i < 2; i++) {
        *dst[i] = TENDO_UNSET;
        if (tendo_setting_get(c->db, keys[i], v, sizeof v, NULL, &e))
            return cli_error(c, &e);
        if (v[0])
            *dst[i] = atoi(v);
    }
    if (tendo_setting_get(c->db, "sex", v, sizeof v, NULL, &e))
        return cli_error(c, &e);
    p->female = strcmp(v, "female") == 0;
    return 0;
}
