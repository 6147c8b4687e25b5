/*
 * src/loader/loader.c - the history from the database (tendo/loader.h):
 * the store's walks into growable arrays, then tendo_history_build.
 */
#include "tendo/loader.h"
#include "tendo/values.h"
#include "core/alloc.h"
#include "rules/history_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct vec {
    void *v;
    size_t n, cap, size;
};

static int push(struct vec *l, const void *x)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        void *v = tendo_realloc(l->v, cap * l->size);
        if (!v)
            return 1;
        l->v = v;
        l->cap = cap;
    }
    memcpy((char *)l->v + l->n++ * l->size, x, l->size);
    return 0;
}

/* gives back the growth room (up to half of a long diary's records) */
static void *fit(struct vec *l)
{
    void *v;
    if (l->n && l->n < l->cap && (v = tendo_realloc(l->v, l->n * l->size)))
        l->v = v;
    return l->v;
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
static int on_clearance(const struct tendo_clearance *c, void *ctx)
{
    return push(ctx, c);
}
static int on_routine(const struct tendo_routine_log *r, void *ctx)
{
    return push(ctx, r);
}
static int on_shoe(const struct tendo_shoe *s, void *ctx)
{
    return push(ctx, s);
}

int tendo_athlete_zone(tendo_db *db, const char *tz_fallback,
                       tendo_tz **zone, int *fell_back,
                       struct tendo_error *err)
{
    char tz[80] = "";
    int rc;
    *zone = NULL;
    if (fell_back)
        *fell_back = 0;
    if (db &&
        (rc = tendo_setting_get(db, "timezone", tz, sizeof tz, NULL, err)))
        return rc;
    if (tz[0])
        return tendo_tz_load(tz, zone, err);
    if (tendo_tz_load(tz_fallback, zone, err) == TENDO_OK)
        return TENDO_OK;
    tendo_error_clear(err); /* a $TZ tendo cannot read: UTC, as libc */
    if (fell_back)
        *fell_back = 1;
    return tendo_tz_load("UTC", zone, err);
}

int tendo_history_load(tendo_db *db, tendo_day last,
                       struct tendo_history **out, struct tendo_error *err)
{
    struct vec ss = {0, 0, 0, sizeof(struct tendo_session)},
               cs = {0, 0, 0, sizeof(struct tendo_check)},
               ws = {0, 0, 0, sizeof(struct tendo_wellness)},
               rs = {0, 0, 0, sizeof(struct tendo_rehab)},
               as = {0, 0, 0, sizeof(struct tendo_assessment)},
               sh = {0, 0, 0, sizeof(struct tendo_shoe)},
               cl = {0, 0, 0, sizeof(struct tendo_clearance)},
               rt = {0, 0, 0, sizeof(struct tendo_routine_log)};
    struct tendo_athlete athlete;
    struct tendo_history_input in;
    int rc;

    *out = NULL;
    if ((rc = tendo_db_read_begin(db, err)))
        return rc;
    if ((rc = tendo_athlete_read(db, &athlete, err)) ||
        (rc = tendo_sessions_each(db, TENDO_DAY_MIN, last, on_session, &ss,
                                  err)) ||
        (rc = tendo_checks_each(db, TENDO_DAY_MIN, last, on_check, &cs,
                                err)) ||
        (rc = tendo_wellness_each(db, TENDO_DAY_MIN, last, on_wellness, &ws,
                                  err)) ||
        (rc = tendo_rehab_each(db, TENDO_DAY_MIN, last, on_rehab, &rs,
                               err)) ||
        (rc = tendo_assessments_each(db, NULL, TENDO_DAY_MIN, last, on_assess,
                                     &as, err)) ||
        (rc = tendo_clearances_each(db, TENDO_DAY_MIN, last, on_clearance,
                                    &cl, err)) ||
        (rc = tendo_routine_logs_each(db, TENDO_DAY_MIN, last, on_routine,
                                      &rt, err)) ||
        (rc = tendo_shoes_each(db, on_shoe, &sh, err))) {
        tendo_db_read_end(db);
        goto out;
    }
    tendo_db_read_end(db);
    memset(&in, 0, sizeof in);
    in.last = last;
    in.athlete = &athlete;
    in.sessions = fit(&ss);
    in.nsessions = ss.n;
    in.checks = fit(&cs);
    in.nchecks = cs.n;
    in.rehab = fit(&rs);
    in.nrehab = rs.n;
    in.wellness = fit(&ws);
    in.nwellness = ws.n;
    in.assessments = fit(&as);
    in.nassessments = as.n;
    in.shoes = fit(&sh);
    in.nshoes = sh.n;
    in.clearances = fit(&cl);
    in.nclearances = cl.n;
    in.routine = fit(&rt);
    in.nroutine = rt.n;
    /* the history takes the arrays */
    return history_build(&in, 1, out, err);
out:
    tendo_free(ss.v);
    tendo_free(cs.v);
    tendo_free(ws.v);
    tendo_free(rs.v);
    tendo_free(as.v);
    tendo_free(sh.v);
    tendo_free(cl.v);
    tendo_free(rt.v);
    return rc;
}

int tendo_assessment_log(tendo_db *db, const struct tendo_assessment *in,
                         const char *involved, tendo_day today,
                         struct tendo_assessment_entry *out,
                         struct tendo_error *err)
{
    static const char *const sides[] = {"left", "right"};
    struct tendo_assessment *a = &out->a;
    int rc, inv = -1;
    memset(out, 0, sizeof *out);
    *a = *in;
    out->age = TENDO_UNSET;
    if (strcmp(a->kind, "heel-raise") == 0) {
        struct tendo_athlete ath;
        struct tendo_check k;
        int found = 0;
        out->gated = 1;
        /* the side of the latest check that names one */
        for (tendo_day day = a->date; day > a->date - 60 && !out->side[0];
             day--) {
            if ((rc = tendo_check_get(db, day, &k, &found, err)))
                return rc;
            if (found && k.side[0])
                snprintf(out->side, sizeof out->side, "%s", k.side);
        }
        if (involved)
            snprintf(out->side, sizeof out->side, "%s", involved);
        if ((rc = tendo_athlete_read(db, &ath, err)))
            return rc;
        out->age = ath.age;
        if (!isnan(a->left) && !isnan(a->right)) {
            if (!strcmp(out->side, "left"))
                inv = 0;
            else if (!strcmp(out->side, "right"))
                inv = 1;
            if (inv < 0 && a->left != a->right)
                inv = a->left < a->right ? 0 : 1;
            if (inv >= 0) {
                out->involved = sides[inv];
                a->score = inv == 0 ? tendo_lsi(a->left, a->right)
                                    : tendo_lsi(a->right, a->left);
            } else {
                a->score = 100; /* equal counts, no side named */
            }
        }
    }
    return tendo_assessment_add(db, a, today, err);
}

int tendo_routine_done(tendo_db *db, tendo_day day, tendo_day today,
                       const char *list, int pain,
                       struct tendo_routine_log *out, size_t *n,
                       struct tendo_error *err)
{
    unsigned seen = 0;
    int rc;
    *n = 0;
    if (!strcmp(list, "all")) { /* the day's blocks, from its advice */
        struct tendo_history *h = NULL;
        struct tendo_advice *a = tendo_malloc(sizeof *a);
        if (!a)
            return tendo_fail(err, TENDO_ENOMEM, "out of memory");
        if ((rc = tendo_history_load(db, day, &h, err)) ||
            (rc = tendo_advise(h, day, a, err))) {
            tendo_history_free(h);
            tendo_free(a);
            return rc;
        }
        for (size_t i = 0; i < a->routine.nblocks; i++) {
            tendo_routine_log_init(&out[*n]);
            snprintf(out[(*n)++].block, sizeof out->block, "%s",
                     tendo_block_name(a->routine.blocks[i].block));
        }
        tendo_history_free(h);
        tendo_free(a);
        if (!*n)
            return tendo_fail(err, TENDO_EUSAGE,
                              "no routine blocks that day (see 'tendo today')");
    } else {
        for (const char *p = list; *p;) {
            size_t len = strcspn(p, ",");
            int b;
            if ((rc = tendo_parse_enum(p, len, tendo_routine_blocks, "block",
                                       &b, err)))
                return rc;
            if (seen & (1u << b))
                return tendo_fail(err, TENDO_EUSAGE,
                                  "block %s is named twice",
                                  tendo_routine_blocks[b]);
            seen |= 1u << b;
            tendo_routine_log_init(&out[*n]);
            snprintf(out[(*n)++].block, sizeof out->block, "%s",
                     tendo_routine_blocks[b]);
            p += len + (p[len] == ',');
        }
        if (!*n)
            return tendo_fail(err, TENDO_EUSAGE, "name the blocks done");
    }
    for (size_t i = 0; i < *n; i++) {
        out[i].date = day;
        out[i].pain = pain;
        if ((rc = tendo_routine_log_put(db, &out[i], today, err)))
            return rc;
    }
    return TENDO_OK;
}
