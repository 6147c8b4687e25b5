/*
 * report/diary_csv.c - writes the diary CSV (docs/formats.md).
 *
 * Rows per day, in this order: each session on its own row, carrying the
 * first rehab entries that have no notes of their own (a row's notes belong
 * to its session); then each remaining rehab entry on its own row. The
 * day's check and sleep go on the first row, unless the check has a pain
 * "during" or "after" value (the day's, when no single run holds it) and
 * that row has a session (pain_during and pain_after would then be read as
 * the session's): they then get a row of their own. Values the format
 * has no column for (hop pain, side, red flags, ...) are left out; `export --json` keeps everything. Numbers are written rounded to a
 * fixed number of decimals with trailing zeros dropped, so export -> import
 * -> export is byte-identical.
 */
#include "tendo/diary.h"
#include "tendo/store.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct day_items {
    struct tendo_session *s;
    size_t ns, cap_s;
    struct tendo_rehab *r;
    size_t nr, cap_r;
    struct tendo_check *c;
    size_t nc, cap_c;
    struct tendo_wellness *w;
    size_t nw, cap_w;
    int oom;
};

#define PUSH(arr, n, cap, item, oom)                                    \
    do {                                                                \
        if ((n) == (cap)) {                                             \
            size_t nc_ = (cap) ? (cap) * 2 : 64;                        \
            void *p_ = tendo_realloc((arr), nc_ * sizeof *(arr));       \
            if (!p_) {                                                  \
                (oom) = 1;                                              \
                return 1;                                               \
            }                                                           \
            (arr) = p_;                                                 \
            (cap) = nc_;                                                \
        }                                                               \
        (arr)[(n)++] = *(item);                                         \
    } while (0)

static int take_session(const struct tendo_session *s, void *p)
{
    struct day_items *d = p;
    PUSH(d->s, d->ns, d->cap_s, s, d->oom);
    return 0;
}
static int take_rehab(const struct tendo_rehab *r, void *p)
{
    struct day_items *d = p;
    PUSH(d->r, d->nr, d->cap_r, r, d->oom);
    return 0;
}
static int take_check(const struct tendo_check *c, void *p)
{
    struct day_items *d = p;
    PUSH(d->c, d->nc, d->cap_c, c, d->oom);
    return 0;
}
static int take_wellness(const struct tendo_wellness *w, void *p)
{
    struct day_items *d = p;
    PUSH(d->w, d->nw, d->cap_w, w, d->oom);
    return 0;
}

/* Fixed decimals, trailing zeros (and a bare point) dropped; "" for NAN. */
static void put_real(struct tendo_buf *b, double v, int decimals)
{
    char txt[64];
    size_t n;
    if (isnan(v))
        return;
    snprintf(txt, sizeof txt, "%.*f", decimals, v);
    n = strlen(txt);
    if (strchr(txt, '.')) {
        while (n && txt[n - 1] == '0')
            n--;
        if (n && txt[n - 1] == '.')
            n--;
    }
    txt[n] = '\0';
    if (strcmp(txt, "-0") == 0)
        snprintf(txt, sizeof txt, "0");
    tendo_buf_puts(b, txt);
}

static void put_int(struct tendo_buf *b, int v)
{
    if (v != TENDO_UNSET)
        tendo_buf_printf(b, "%d", v);
}

/* A spreadsheet takes a cell starting with = + - @ (or a tab or CR
 * before them) as a formula: such text goes out behind an apostrophe,
 * as spreadsheets themselves write text, and the diary reader takes one
 * leading apostrophe off again (so text starting with an apostrophe and
 * one of those gets one more). */
static int formula_like(const char *s)
{
    return (s[0] && strchr("=+-@\t\r", s[0])) ||
           (s[0] == '\'' && s[1] && strchr("=+-@\t\r'", s[1]));
}

static void put_text(struct tendo_buf *b, const char *s)
{
    size_t n = strlen(s);
    int defuse, quote;
    if (n == 0)
        return;
    defuse = formula_like(s);
    quote = strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ' ||
            s[0] == '\t' || s[n - 1] == '\t';
    if (!quote && !defuse) {
        tendo_buf_add(b, s, n);
        return;
    }
    if (quote)
        tendo_buf_putc(b, '"');
    if (defuse)
        tendo_buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            tendo_buf_putc(b, '"');
        tendo_buf_putc(b, *p);
    }
    if (quote)
        tendo_buf_putc(b, '"');
}

/* One row; any of s, r, c, w may be NULL. */
static void put_row(struct tendo_buf *b, tendo_day day,
                    const struct tendo_session *s, const struct tendo_rehab *r,
                    const struct tendo_check *c, const struct tendo_wellness *w)
{
    char d[TENDO_DAY_STRLEN];
    int during = s ? s->pain_during : (c ? c->during : TENDO_UNSET);
    int after = s ? s->pain_after : (c ? c->after : TENDO_UNSET);
    tendo_buf_puts(b, tendo_day_format(day, d));
    tendo_buf_putc(b, ',');
    if (s) {
        tendo_buf_puts(b, s->type);
        tendo_buf_putc(b, ',');
        put_real(b, s->minutes, 2);
        tendo_buf_putc(b, ',');
        put_real(b, s->distance_m / 1000.0, 3);
        tendo_buf_putc(b, ',');
        put_int(b, s->rpe);
        tendo_buf_putc(b, ',');
        put_text(b, s->surface);
        tendo_buf_putc(b, ',');
        put_text(b, s->shoe);
        tendo_buf_putc(b, ',');
    } else {
        tendo_buf_puts(b, ",,,,,,");
    }
    put_int(b, during);
    tendo_buf_putc(b, ',');
    put_int(b, after);
    tendo_buf_putc(b, ',');
    put_int(b, c ? c->morning : TENDO_UNSET);
    tendo_buf_putc(b, ',');
    put_int(b, c ? c->stiffness_min : TENDO_UNSET);
    tendo_buf_putc(b, ',');
    if (w)
        put_real(b, w->sleep_h, 2);
    tendo_buf_putc(b, ',');
    if (r) {
        put_int(b, r->sets);
        tendo_buf_putc(b, ',');
        put_int(b, r->reps);
        tendo_buf_putc(b, ',');
        put_real(b, r->load_kg, 2);
        tendo_buf_putc(b, ',');
        put_text(b, r->exercise);
        tendo_buf_putc(b, ',');
        put_text(b, r->surface);
        tendo_buf_putc(b, ',');
        put_text(b, r->tempo);
        tendo_buf_putc(b, ',');
        put_int(b, r->pain);
        tendo_buf_putc(b, ',');
    } else {
        tendo_buf_puts(b, ",,,,,,,");
    }
    put_text(b, s ? s->notes : (r ? r->notes : ""));
    tendo_buf_putc(b, '\n');
}

/* True when the check has something the CSV can carry. */
static int check_visible(const struct tendo_check *c)
{
    return c && (c->morning != TENDO_UNSET || c->stiffness_min != TENDO_UNSET ||
                 c->during != TENDO_UNSET || c->after != TENDO_UNSET);
}

static void write_day(struct tendo_buf *b, tendo_day day,
                      struct tendo_session *s, size_t ns,
                      struct tendo_rehab *r, size_t nr,
                      const struct tendo_check *c,
                      const struct tendo_wellness *w)
{
    char *used = nr ? calloc(nr, 1) : NULL;
    size_t next = 0;
    int cw_done;
    if (nr && !used) {
        b->err = TENDO_ENOMEM;
        return;
    }
    if (!check_visible(c))
        c = NULL;
    if (w && isnan(w->sleep_h))
        w = NULL;
    /* check/wellness need a row of their own if the first row would be a
     * session row and the check has a "during" value */
    cw_done = !(c || w);
    if (!cw_done && ns && c &&
        (c->during != TENDO_UNSET || c->after != TENDO_UNSET)) {
        put_row(b, day, NULL, NULL, c, w);
        cw_done = 1;
    }
    for (size_t i = 0; i < ns; i++) {
        const struct tendo_rehab *ride = NULL;
        while (next < nr && r[next].notes[0])
            next++;
        if (next < nr) {
            ride = &r[next];
            used[next++] = 1;
        }
        put_row(b, day, &s[i], ride, cw_done ? NULL : c, cw_done ? NULL : w);
        cw_done = 1;
    }
    for (size_t i = 0; i < nr; i++) {
        if (used && used[i])
            continue;
        put_row(b, day, NULL, &r[i], cw_done ? NULL : c, cw_done ? NULL : w);
        cw_done = 1;
    }
    if (!cw_done)
        put_row(b, day, NULL, NULL, c, w);
    free(used);
}

int tendo_diary_export(struct tendo_db *db, tendo_day from, tendo_day to,
                       struct tendo_buf *out, struct tendo_error *err)
{
    struct day_items d;
    size_t is = 0, ir = 0, ic = 0, iw = 0;
    int rc;

    memset(&d, 0, sizeof d);
    if ((rc = tendo_sessions_each(db, from, to, take_session, &d, err)) ||
        (rc = tendo_rehab_each(db, from, to, take_rehab, &d, err)) ||
        (rc = tendo_checks_each(db, from, to, take_check, &d, err)) ||
        (rc = tendo_wellness_each(db, from, to, take_wellness, &d, err)))
        goto out;

    tendo_buf_puts(out, tendo_diary_header);
    tendo_buf_putc(out, '\n');
    for (;;) {
        tendo_day day = INT32_MAX;
        size_t s0, r0;
        const struct tendo_check *c = NULL;
        const struct tendo_wellness *w = NULL;
        if (is < d.ns && d.s[is].date < day)
            day = d.s[is].date;
        if (ir < d.nr && d.r[ir].date < day)
            day = d.r[ir].date;
        if (ic < d.nc && d.c[ic].date < day)
            day = d.c[ic].date;
        if (iw < d.nw && d.w[iw].date < day)
            day = d.w[iw].date;
        if (day == INT32_MAX)
            break;
        for (s0 = is; is < d.ns && d.s[is].date == day; is++)
            ;
        for (r0 = ir; ir < d.nr && d.r[ir].date == day; ir++)
            ;
        if (ic < d.nc && d.c[ic].date == day)
            c = &d.c[ic++];
        if (iw < d.nw && d.w[iw].date == day)
            w = &d.w[iw++];
        write_day(out, day, is > s0 ? d.s + s0 : NULL, is - s0,
                  ir > r0 ? d.r + r0 : NULL, ir - r0, c, w);
    }
    if (out->err)
        rc = tendo_fail(err, out->err, "cannot write the diary: %s",
                        tendo_strerror(out->err));
out:
    if (!rc && d.oom)
        rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
    tendo_free(d.s);
    tendo_free(d.r);
    tendo_free(d.c);
    tendo_free(d.w);
    return rc;
}
