/*
 * report/plan_text.c - the plan's days in words and as an iCalendar file
 * (tendo/ics.h): one wording for `tendo plan`, `plan --ics`, the server's
 * plan page and its calendar feed.
 */
#include "tendo/ics.h"

#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double in_units(double km, int units)
{
    return units == TENDO_UNITS_MI ? km * 1000 / TENDO_M_PER_MI : km;
}

void tendo_plan_day_rehab_text(const struct tendo_plan_day *d, char *out,
                               size_t n)
{
    char load[40] = "";
    if (isnan(d->rehab_load_kg))
        snprintf(load, sizeof load, ", at your repetition maximum");
    else if (d->rehab_load_kg > 0)
        snprintf(load, sizeof load, ", +%.4g kg", d->rehab_load_kg);
    snprintf(out, n, "%s %dx%d, %s, tempo %s%s", d->rehab_exercise,
             d->rehab_sets, d->rehab_reps, d->rehab_surface, d->rehab_tempo,
             load);
}

void tendo_plan_day_summary(const struct tendo_plan_day *d, int units,
                            char *out, size_t n)
{
    switch (d->kind) {
    case TENDO_PLAN_RUN:
        if (isnan(d->run_km))
            snprintf(out, n, "Run %d min %s%s", d->run_min, d->intensity,
                     d->strides ? " + strides" : "");
        else
            snprintf(out, n, "Run %d min %s (%.1f %s)%s", d->run_min,
                     d->intensity, in_units(d->run_km, units),
                     units == TENDO_UNITS_MI ? "mi" : "km",
                     d->strides ? " + strides" : "");
        break;
    case TENDO_PLAN_CROSS:
        snprintf(out, n, "Cross-train: %s %d min", d->cross_type,
                 d->cross_min);
        break;
    default:
        snprintf(out, n, "Rest");
    }
}

enum { UID_MAX = 48, SUM_MAX = 160, DESC_MAX = 600 };

int tendo_plan_ics(struct tendo_buf *out, const struct tendo_plan *p,
                   int units, tendo_day planned_on, int reminder_min,
                   int64_t stamp_utc, struct tendo_error *err)
{
    size_t n = p->ndays + 1;
    struct tendo_ics_event *ev = tendo_calloc(n, sizeof *ev);
    char *text = tendo_calloc(n, UID_MAX + SUM_MAX + DESC_MAX);
    char ds[TENDO_DAY_STRLEN];
    int rc;
    if (!ev || !text) {
        tendo_free(ev);
        tendo_free(text);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    tendo_day_format(planned_on, ds);
    for (size_t i = 0; i < p->ndays; i++) {
        const struct tendo_plan_day *d = &p->days[i];
        char *uid = text + i * (UID_MAX + SUM_MAX + DESC_MAX);
        char *sum = uid + UID_MAX, *desc = sum + SUM_MAX, r[120];
        int y, m, dd, k;
        size_t len;
        tendo_day_to_ymd(d->date, &y, &m, &dd);
        snprintf(uid, UID_MAX, "%04d-%02d-%02d-plan@tendo", y, m, dd);
        tendo_plan_day_summary(d, units, sum, SUM_MAX);
        k = snprintf(desc, DESC_MAX, "%s (%s)", sum, d->phase);
        len = k < 0 ? 0 : (size_t)k;
        if (d->kind == TENDO_PLAN_RUN && len < DESC_MAX)
            len += (size_t)snprintf(desc + len, DESC_MAX - len,
                                    "\nSurface: %s", d->surface);
        if (d->has_rehab && len < DESC_MAX) {
            tendo_plan_day_rehab_text(d, r, sizeof r);
            len += (size_t)snprintf(desc + len, DESC_MAX - len, "\nRehab: %s",
                                    r);
        }
        if (d->routine && len < DESC_MAX) {
            len += (size_t)snprintf(desc + len, DESC_MAX - len, "\nRoutine:");
            for (int b = 0, first = 1; b < TENDO_BLOCK_COUNT && len < DESC_MAX;
                 b++)
                if (d->routine & (1u << b)) {
                    len += (size_t)snprintf(desc + len, DESC_MAX - len,
                                            "%s %s", first ? "" : ",",
                                            tendo_block_name(b));
                    first = 0;
                }
        }
        if (d->note[0] && len < DESC_MAX)
            len += (size_t)snprintf(desc + len, DESC_MAX - len, "\n%s",
                                    d->note);
        if (len < DESC_MAX)
            snprintf(desc + len, DESC_MAX - len,
                     "\nPlanned by tendo on %s from that day's check; "
                     "re-export after each check.",
                     ds);
        ev[i].date = d->date;
        ev[i].uid = uid;
        ev[i].summary = sum;
        ev[i].description = desc;
    }
    if (reminder_min >= 0 && p->ndays) {
        /* the morning check, every day from the plan's first */
        struct tendo_ics_event *r = &ev[p->ndays];
        r->date = p->days[0].date;
        r->uid = "morning-check@tendo";
        r->summary = "Morning check (tendo check)";
        r->description = "First-steps pain and stiffness, before anything "
                         "else: 20 seconds. Then today's advice.";
        r->timed = 1;
        r->start_min = reminder_min;
        r->daily = 1;
        r->alarm = 1;
    }
    rc = tendo_ics_write(out, "tendo plan", ev,
                         p->ndays + (reminder_min >= 0 && p->ndays), stamp_utc,
                         err);
    tendo_free(ev);
    tendo_free(text);
    return rc;
}
