/*
 * parse/activity.c - activity summaries (tendo/activity.h).
 */
#include "tendo/activity.h"
#include "tendo/date.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void leg_init(struct tendo_leg *l)
{
    memset(l, 0, sizeof *l);
    l->start_utc = INT64_MIN;
    l->elapsed_s = l->timer_s = l->distance_m = l->avg_cadence_spm =
        l->avg_cadence_rpm = l->ascent_m = NAN;
    l->avg_hr = l->max_hr = TENDO_UNSET;
}

static void name_of(char *out, size_t cap, int num, const char *name)
{
    if (name)
        snprintf(out, cap, "%s", name);
    else if (num != TENDO_UNSET)
        snprintf(out, cap, "%d", num);
    else
        out[0] = '\0';
}

static double add(double sum, double v)
{
    if (isnan(v))
        return sum;
    return isnan(sum) ? v : sum + v;
}

static void cadence(struct tendo_leg *l, double c)
{
    if (isnan(c))
        return;
    if (strcmp(l->sport, "running") == 0)
        l->avg_cadence_spm = 2.0 * c; /* strides -> steps */
    else
        l->avg_cadence_rpm = c;
}

static void leg_from_session(const struct tendo_fit_summary *s,
                             struct tendo_leg *l)
{
    leg_init(l);
    name_of(l->sport, sizeof l->sport, s->sport,
            s->sport == TENDO_UNSET ? "generic"
                                    : tendo_fit_sport_name(s->sport));
    name_of(l->sub_sport, sizeof l->sub_sport, s->sub_sport,
            tendo_fit_sub_sport_name(s->sub_sport));
    l->start_utc = s->start;
    l->elapsed_s = s->elapsed_s;
    l->timer_s = s->timer_s;
    l->distance_m = s->distance_m;
    l->avg_hr = s->avg_hr;
    l->max_hr = s->max_hr;
    l->ascent_m = s->ascent_m;
    snprintf(l->notes, sizeof l->notes, "%s", s->notes);
    cadence(l, s->avg_cadence);
}

/* Timer time from the timer events: the sum of start -> stop spans. */
static double timer_from_events(const struct tendo_fit_activity *f,
                                int64_t last)
{
    double total = 0;
    int64_t since = INT64_MIN;
    if (!f->nevents)
        return NAN;
    for (size_t i = 0; i < f->nevents; i++) {
        const struct tendo_fit_event *e = &f->events[i];
        if (e->time == INT64_MIN)
            continue;
        if (e->type == 0 && since == INT64_MIN)
            since = e->time;
        else if ((e->type == 1 || e->type == 4 || e->type == 9) &&
                 since != INT64_MIN) {
            total += (double)(e->time - since);
            since = INT64_MIN;
        }
    }
    if (since != INT64_MIN && last != INT64_MIN && last > since)
        total += (double)(last - since);
    return total;
}

/* The totals of a file without a session message, from its records. */
static void leg_from_records(const struct tendo_fit_activity *f,
                             struct tendo_leg *l)
{
    int64_t first = INT64_MIN, last = INT64_MIN;
    double hr_sum = 0, cad_sum = 0, dist = NAN, climb = 0, prev_alt = NAN;
    size_t hr_n = 0, cad_n = 0;
    int sport = f->sport_msg;
    leg_init(l);
    name_of(l->sport, sizeof l->sport, sport,
            sport == TENDO_UNSET ? "generic" : tendo_fit_sport_name(sport));
    name_of(l->sub_sport, sizeof l->sub_sport, f->sub_sport_msg,
            tendo_fit_sub_sport_name(f->sub_sport_msg));
    for (size_t i = 0; i < f->nrecords; i++) {
        const struct tendo_fit_record *r = &f->records[i];
        if (r->time != INT64_MIN) {
            if (first == INT64_MIN || r->time < first)
                first = r->time;
            if (last == INT64_MIN || r->time > last)
                last = r->time;
        }
        if (r->hr > 0 && r->hr < 255) {
            hr_sum += r->hr;
            hr_n++;
            if (l->max_hr == TENDO_UNSET || r->hr > l->max_hr)
                l->max_hr = r->hr;
        }
        if (!isnan(r->cadence) && r->cadence > 0) {
            cad_sum += r->cadence;
            cad_n++;
        }
        if (!isnan(r->distance_m))
            dist = r->distance_m;
        if (!isnan(r->altitude_m)) {
            if (!isnan(prev_alt) && r->altitude_m > prev_alt)
                climb += r->altitude_m - prev_alt;
            prev_alt = r->altitude_m;
        }
    }
    l->start_utc = first;
    if (first != INT64_MIN)
        l->elapsed_s = (double)(last - first);
    l->timer_s = timer_from_events(f, last);
    if (isnan(l->timer_s))
        l->timer_s = l->elapsed_s;
    l->distance_m = dist;
    if (hr_n)
        l->avg_hr = (int)lround(hr_sum / (double)hr_n);
    if (cad_n)
        cadence(l, cad_sum / (double)cad_n);
    if (!isnan(prev_alt))
        l->ascent_m = climb;
}

void tendo_activity_release(struct tendo_activity *a)
{
    if (!a)
        return;
    tendo_free(a->legs);
    a->legs = NULL;
    a->nlegs = 0;
    tendo_buf_release(&a->warnings);
}

int tendo_activity_from_fit(const struct tendo_fit_activity *f,
                            struct tendo_activity *a, struct tendo_error *err)
{
    struct tendo_leg *t = &a->total;
    memset(a, 0, sizeof *a);
    tendo_buf_init(&a->warnings, 8192);
    snprintf(a->format, sizeof a->format, "fit");
    a->utc_offset_s = f->utc_offset_s;
    a->records = f->nrecords;
    a->laps = f->nlaps;
    a->manufacturer = f->manufacturer;
    a->serial = f->serial;
    a->time_created = f->time_created;
    a->rpe = TENDO_UNSET;
    tendo_buf_puts(&a->warnings, f->warnings.data);

    if (f->file_type > 0 && f->file_type != TENDO_FIT_FILE_ACTIVITY) {
        const char *n = tendo_fit_file_type_name(f->file_type);
        char num[16];
        snprintf(num, sizeof num, "type %d", f->file_type);
        tendo_buf_release(&a->warnings);
        return tendo_fail(err, TENDO_EUNSUPPORTED,
                          "a FIT %s file, not an activity", n ? n : num);
    }
    if (!f->nsessions && !f->nrecords) {
        tendo_buf_release(&a->warnings);
        return tendo_fail(err, TENDO_EUNSUPPORTED,
                          "a FIT file with no sessions and no records: "
                          "nothing to import");
    }
    if (f->file_type == TENDO_UNSET || f->file_type < 0) {
        if (a->warnings.len)
            tendo_buf_putc(&a->warnings, '\n');
        tendo_buf_puts(&a->warnings,
                       "no file_id message: read as an activity");
    }

    /* the device */
    if (f->manufacturer != TENDO_UNSET) {
        const char *m = tendo_fit_manufacturer_name(f->manufacturer);
        const char *p = NULL;
        char mbuf[16], pbuf[16];
        if (f->manufacturer == 1 || f->manufacturer == 13 ||
            f->manufacturer == 15 || f->manufacturer == 89)
            p = tendo_fit_garmin_product_name(f->product);
        if (f->product_name[0])
            p = f->product_name;
        snprintf(mbuf, sizeof mbuf, "%d", f->manufacturer);
        snprintf(pbuf, sizeof pbuf, "%d", f->product);
        snprintf(a->device, sizeof a->device, "%s%s%s", m ? m : mbuf,
                 (p || f->product != TENDO_UNSET) ? " " : "",
                 p ? p : (f->product != TENDO_UNSET ? pbuf : ""));
    }

    if (!f->nsessions) {
        leg_from_records(f, t);
        if (a->warnings.len)
            tendo_buf_putc(&a->warnings, '\n');
        tendo_buf_puts(&a->warnings,
                       "no session message (recording cut off?): the "
                       "summary is derived from the records");
        return a->warnings.err ? tendo_fail(err, TENDO_ENOMEM,
                                            "out of memory")
                               : TENDO_OK;
    }

    leg_from_session(&f->sessions[0], t);
    a->rpe = f->sessions[0].rpe;
    if (f->nsessions > 1) {
        double hr_weighted = 0, hr_time = 0;
        a->legs = tendo_calloc(f->nsessions, sizeof *a->legs);
        if (!a->legs) {
            tendo_buf_release(&a->warnings);
            return tendo_fail(err, TENDO_ENOMEM, "out of memory");
        }
        a->nlegs = f->nsessions;
        snprintf(t->sport, sizeof t->sport, "multisport");
        t->sub_sport[0] = '\0';
        t->elapsed_s = t->timer_s = t->distance_m = t->ascent_m = NAN;
        t->avg_cadence_spm = t->avg_cadence_rpm = NAN;
        t->max_hr = TENDO_UNSET;
        for (size_t i = 0; i < f->nsessions; i++) {
            struct tendo_leg *l = &a->legs[i];
            leg_from_session(&f->sessions[i], l);
            if (l->start_utc != INT64_MIN &&
                (t->start_utc == INT64_MIN || l->start_utc < t->start_utc))
                t->start_utc = l->start_utc;
            t->elapsed_s = add(t->elapsed_s, l->elapsed_s);
            t->timer_s = add(t->timer_s, l->timer_s);
            t->distance_m = add(t->distance_m, l->distance_m);
            t->ascent_m = add(t->ascent_m, l->ascent_m);
            if (l->max_hr != TENDO_UNSET &&
                (t->max_hr == TENDO_UNSET || l->max_hr > t->max_hr))
                t->max_hr = l->max_hr;
            if (l->avg_hr != TENDO_UNSET && !isnan(l->timer_s)) {
                hr_weighted += l->avg_hr * l->timer_s;
                hr_time += l->timer_s;
            }
        }
        t->avg_hr = hr_time > 0 ? (int)lround(hr_weighted / hr_time)
                                : TENDO_UNSET;
    }
    return a->warnings.err ? tendo_fail(err, TENDO_ENOMEM, "out of memory")
                           : TENDO_OK;
}

/* ---- JSON (docs/formats.md) -------------------------------------------- */

static json_t *real_or_null(double v, double scale)
{
    return isnan(v) ? json_null() : json_real(round(v * scale) / scale);
}

static json_t *int_or_null(int v)
{
    return v == TENDO_UNSET ? json_null() : json_integer(v);
}

static json_t *time_or_null(int64_t t)
{
    char buf[21];
    return t == INT64_MIN ? json_null() : json_string(tendo_utc_format(t, buf));
}

static void leg_json(json_t *o, const struct tendo_leg *l)
{
    json_object_set_new(o, "sport", json_string(l->sport));
    json_object_set_new(o, "sub_sport", l->sub_sport[0]
                                            ? json_string(l->sub_sport)
                                            : json_null());
    json_object_set_new(o, "start_utc", time_or_null(l->start_utc));
    json_object_set_new(o, "elapsed_s", real_or_null(l->elapsed_s, 1000));
    json_object_set_new(o, "timer_s", real_or_null(l->timer_s, 1000));
    json_object_set_new(o, "distance_m", real_or_null(l->distance_m, 100));
    json_object_set_new(o, "avg_hr", int_or_null(l->avg_hr));
    json_object_set_new(o, "max_hr", int_or_null(l->max_hr));
    json_object_set_new(o, "avg_cadence_spm",
                        real_or_null(l->avg_cadence_spm, 10));
    if (!isnan(l->avg_cadence_rpm))
        json_object_set_new(o, "avg_cadence_rpm",
                            real_or_null(l->avg_cadence_rpm, 10));
    json_object_set_new(o, "ascent_m", real_or_null(l->ascent_m, 1));
}

json_t *tendo_activity_json(const struct tendo_activity *a, const char *file)
{
    json_t *o = json_object(), *w = json_array();
    const char *p = a->warnings.data;
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "format", json_string(a->format));
    leg_json(o, &a->total);
    /* keep §5.1's order: utc_offset_s after start_utc */
    json_object_set_new(o, "utc_offset_s",
                        a->utc_offset_s == INT32_MIN
                            ? json_null()
                            : json_integer(a->utc_offset_s));
    json_object_set_new(o, "records", json_integer((json_int_t)a->records));
    json_object_set_new(o, "laps", json_integer((json_int_t)a->laps));
    json_object_set_new(o, "device",
                        a->device[0] ? json_string(a->device) : json_null());
    json_object_set_new(o, "rpe", int_or_null(a->rpe));
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_array_append_new(w, json_stringn(p, n));
        p += n + (nl != NULL);
    }
    json_object_set_new(o, "warnings", w);
    if (a->nlegs > 1) {
        json_t *legs = json_array();
        for (size_t i = 0; i < a->nlegs; i++) {
            json_t *l = json_object();
            leg_json(l, &a->legs[i]);
            json_array_append_new(legs, l);
        }
        json_object_set_new(o, "sessions", legs);
    }
    return o;
}
