/*
 * parse/tcx.c - TCX activities (parse/tcx.h).
 */
#include "parse/tcx.h"
#include "parse/gpx.h"
#include "parse/xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH 32
#define NAME 40

struct tcx {
    struct tendo_fit_activity *a;
    struct xml_handler *h;
    char path[DEPTH][NAME]; /* the element names from the root */
    int depth;
    char text[192];
    size_t tlen;
    int collecting;
    int courses, activities;
    /* the activity being read */
    int in_act;
    struct tendo_fit_summary act;
    double act_hr_weighted, act_hr_time, act_cad_weighted, act_cad_time;
    int act_laps_with_dist;
    int64_t act_first, act_last;
    size_t act_records;
    double pt_hr_sum, pt_cad_sum;   /* fallbacks when laps carry none */
    size_t pt_hr_n, pt_cad_n;
    int pt_hr_max;
    /* the lap being read */
    int in_lap;
    struct tendo_fit_summary lap;
    double lap_cad;
    /* the trackpoint being read */
    int in_pt;
    struct tendo_fit_record pt;
    double lat, lon;
    int has_lat, has_lon;
    /* distance by position within a Track, for points without one */
    int trk_has_prev;
    double prev_lat, prev_lon, trk_dist;
    char *creator;
    size_t creator_cap;
    int in_creator_name;
};

/* The name `up` levels above the current element ("" above the root). */
static const char *parent(const struct tcx *t, int up)
{
    int i = t->depth - 1 - up;
    return i >= 0 && i < DEPTH ? t->path[i] : "";
}

static void stop(struct tcx *t, const char *why)
{
    t->h->stop = 1;
    snprintf(t->h->stop_why, sizeof t->h->stop_why, "%s", why);
}

static int64_t time_of(const char *s, size_t n)
{
    int64_t v;
    double frac;
    int zoned;
    return xml_time(s, n, &v, &frac, &zoned) == 0 ? v : INT64_MIN;
}

static void on_start(void *ctx, const char *name, const char **attrs)
{
    struct tcx *t = ctx;
    if (t->depth < DEPTH)
        snprintf(t->path[t->depth], NAME, "%s", name);
    t->depth++;
    t->tlen = 0;
    t->collecting = 1;
    if (strcmp(name, "Courses") == 0 || strcmp(name, "Course") == 0) {
        t->courses++;
    } else if (strcmp(name, "Activity") == 0 || strcmp(name, "Run") == 0) {
        const char *sport = xml_attr(attrs, "Sport");
        t->in_act = 1;
        t->activities++;
        tendo_fit_summary_init(&t->act);
        t->act.sport = sport ? gpx_sport(sport) : TENDO_FIT_SPORT_GENERIC;
        if (strcmp(name, "Run") == 0) /* TCX v1: History/Running/Run */
            t->act.sport = gpx_sport(parent(t, 1));
        t->act_hr_weighted = t->act_hr_time = 0;
        t->act_cad_weighted = t->act_cad_time = 0;
        t->act_laps_with_dist = 0;
        t->act_first = t->act_last = INT64_MIN;
        t->act_records = 0;
        t->pt_hr_sum = t->pt_cad_sum = 0;
        t->pt_hr_n = t->pt_cad_n = 0;
        t->pt_hr_max = 0;
    } else if (strcmp(name, "Lap") == 0 && t->in_act) {
        const char *st = xml_attr(attrs, "StartTime");
        t->in_lap = 1;
        tendo_fit_summary_init(&t->lap);
        t->lap.sport = t->act.sport;
        t->lap_cad = NAN;
        if (st)
            t->lap.start = time_of(st, strlen(st));
        if (t->act.start == INT64_MIN)
            t->act.start = t->lap.start;
    } else if (strcmp(name, "Track") == 0) {
        t->trk_has_prev = 0;
    } else if (strcmp(name, "Trackpoint") == 0 && t->in_act) {
        t->in_pt = 1;
        tendo_fit_record_init(&t->pt);
        t->has_lat = t->has_lon = 0;
    }
}

static void on_text(void *ctx, const char *s, int len)
{
    struct tcx *t = ctx;
    if (!t->collecting)
        return;
    if (t->tlen + (size_t)len >= sizeof t->text)
        len = (int)(sizeof t->text - 1 - t->tlen);
    memcpy(t->text + t->tlen, s, (size_t)len);
    t->tlen += (size_t)len;
}

static void point_done(struct tcx *t)
{
    struct tendo_fit_record *r = &t->pt;
    if (t->has_lat && t->has_lon && fabs(t->lat) <= 90 && fabs(t->lon) <= 180) {
        r->lat = (int32_t)lround(t->lat * 2147483648.0 / 180.0);
        r->lon = (int32_t)lround(t->lon * 2147483648.0 / 180.0);
        if (t->trk_has_prev)
            t->trk_dist += gpx_haversine(t->prev_lat, t->prev_lon, t->lat,
                                         t->lon);
        t->trk_has_prev = 1;
        t->prev_lat = t->lat;
        t->prev_lon = t->lon;
        if (isnan(r->distance_m))
            r->distance_m = t->trk_dist;
    }
    if (r->time != INT64_MIN) {
        if (t->act_first == INT64_MIN || r->time < t->act_first)
            t->act_first = r->time;
        if (t->act_last == INT64_MIN || r->time > t->act_last)
            t->act_last = r->time;
    }
    if (r->hr > 0) {
        t->pt_hr_sum += r->hr;
        t->pt_hr_n++;
        if (r->hr > t->pt_hr_max)
            t->pt_hr_max = r->hr;
    }
    if (!isnan(r->cadence)) {
        t->pt_cad_sum += r->cadence;
        t->pt_cad_n++;
    }
    t->act_records++;
    if (tendo_fit_add_record(t->a, r) != TENDO_OK)
        stop(t, "too many trackpoints (or out of memory)");
}

static void lap_done(struct tcx *t)
{
    struct tendo_fit_summary *l = &t->lap, *a = &t->act;
    if (!isnan(t->lap_cad))
        l->avg_cadence = t->lap_cad;
    if (!isnan(l->timer_s)) {
        a->timer_s = isnan(a->timer_s) ? l->timer_s : a->timer_s + l->timer_s;
        if (l->avg_hr != TENDO_UNSET) {
            t->act_hr_weighted += l->avg_hr * l->timer_s;
            t->act_hr_time += l->timer_s;
        }
        if (!isnan(l->avg_cadence)) {
            t->act_cad_weighted += l->avg_cadence * l->timer_s;
            t->act_cad_time += l->timer_s;
        }
    }
    if (!isnan(l->distance_m)) {
        a->distance_m = isnan(a->distance_m) ? l->distance_m
                                             : a->distance_m + l->distance_m;
        t->act_laps_with_dist++;
    }
    if (l->max_hr != TENDO_UNSET && (a->max_hr == TENDO_UNSET ||
                                     l->max_hr > a->max_hr))
        a->max_hr = l->max_hr;
    if (!isnan(l->timer_s) && l->start != INT64_MIN)
        l->timestamp = l->start + (int64_t)l->timer_s;
    l->elapsed_s = l->timer_s;
    if (tendo_fit_add_lap(t->a, l) != TENDO_OK)
        stop(t, "too many laps (or out of memory)");
}

static void activity_done(struct tcx *t)
{
    struct tendo_fit_summary *a = &t->act;
    if (t->act_first != INT64_MIN) {
        if (a->start == INT64_MIN || t->act_first < a->start)
            a->start = t->act_first;
        a->elapsed_s = (double)(t->act_last - a->start);
        a->timestamp = t->act_last;
    } else if (!isnan(a->timer_s)) {
        a->elapsed_s = a->timer_s;
    }
    if (isnan(a->distance_m) && t->act_records) {
        /* no lap distance: the last recorded distance */
        const struct tendo_fit_record *last =
            &t->a->records[t->a->nrecords - 1];
        a->distance_m = last->distance_m;
    }
    if (t->act_hr_time > 0)
        a->avg_hr = (int)lround(t->act_hr_weighted / t->act_hr_time);
    else if (t->pt_hr_n)
        a->avg_hr = (int)lround(t->pt_hr_sum / (double)t->pt_hr_n);
    if (a->max_hr == TENDO_UNSET && t->pt_hr_n)
        a->max_hr = t->pt_hr_max;
    if (t->act_cad_time > 0)
        a->avg_cadence = t->act_cad_weighted / t->act_cad_time;
    else if (t->pt_cad_n)
        a->avg_cadence = t->pt_cad_sum / (double)t->pt_cad_n;
    if (isnan(a->timer_s))
        a->timer_s = a->elapsed_s;
    if (a->start == INT64_MIN)
        return; /* an activity without any time: nothing to keep */
    if (tendo_fit_add_session(t->a, a) != TENDO_OK)
        stop(t, "too many activities (or out of memory)");
}

static void on_end(void *ctx, const char *name)
{
    struct tcx *t = ctx;
    const char *up = parent(t, 1), *up2 = parent(t, 2);
    double v;
    t->text[t->tlen] = '\0';
    if (t->in_pt) {
        if (strcmp(name, "Time") == 0)
            t->pt.time = time_of(t->text, t->tlen);
        else if (strcmp(name, "LatitudeDegrees") == 0 && xml_number(t->text, &v)) {
            t->lat = v;
            t->has_lat = 1;
        } else if (strcmp(name, "LongitudeDegrees") == 0 &&
                   xml_number(t->text, &v)) {
            t->lon = v;
            t->has_lon = 1;
        } else if (strcmp(name, "AltitudeMeters") == 0 && xml_number(t->text, &v) &&
                   fabs(v) < 20000)
            t->pt.altitude_m = v;
        else if (strcmp(name, "DistanceMeters") == 0 && xml_number(t->text, &v) &&
                 v >= 0 && v < 1e8)
            t->pt.distance_m = v;
        else if (strcmp(name, "Value") == 0 && strcmp(up, "HeartRateBpm") == 0 &&
                 xml_number(t->text, &v) && v > 0 && v < 255)
            t->pt.hr = (int16_t)lround(v);
        else if ((strcmp(name, "Cadence") == 0 ||
                  strcmp(name, "RunCadence") == 0) &&
                 xml_number(t->text, &v) && v >= 0 && v < 255)
            t->pt.cadence = v;
        else if (strcmp(name, "Speed") == 0 && xml_number(t->text, &v) && v >= 0 &&
                 v < 1000)
            t->pt.speed_mps = v;
        else if (strcmp(name, "Trackpoint") == 0) {
            t->in_pt = 0;
            point_done(t);
        }
    } else if (t->in_lap) {
        if (strcmp(name, "TotalTimeSeconds") == 0 && xml_number(t->text, &v) &&
            v >= 0 && v < 4e7)
            t->lap.timer_s = v;
        else if (strcmp(name, "DistanceMeters") == 0 &&
                 strcmp(up, "Lap") == 0 && xml_number(t->text, &v) && v >= 0 &&
                 v < 1e8)
            t->lap.distance_m = v;
        else if (strcmp(name, "Value") == 0 &&
                 strcmp(up, "AverageHeartRateBpm") == 0 &&
                 xml_number(t->text, &v) && v > 0 && v < 255)
            t->lap.avg_hr = (int)lround(v);
        else if (strcmp(name, "Value") == 0 &&
                 strcmp(up, "MaximumHeartRateBpm") == 0 &&
                 xml_number(t->text, &v) && v > 0 && v < 255)
            t->lap.max_hr = (int)lround(v);
        else if ((strcmp(name, "Cadence") == 0 && strcmp(up, "Lap") == 0) ||
                 strcmp(name, "AvgRunCadence") == 0) {
            if (xml_number(t->text, &v) && v >= 0 && v < 255)
                t->lap_cad = v;
        } else if (strcmp(name, "Lap") == 0) {
            t->in_lap = 0;
            lap_done(t);
        }
    } else if (t->in_act && strcmp(name, "Notes") == 0 &&
               (strcmp(up, "Activity") == 0 || strcmp(up, "Run") == 0)) {
        size_t n = t->tlen, b = 0;
        while (b < n && (t->text[b] == ' ' || t->text[b] == '\n' ||
                         t->text[b] == '\r' || t->text[b] == '\t'))
            b++;
        while (n > b && (t->text[n - 1] == ' ' || t->text[n - 1] == '\n' ||
                         t->text[n - 1] == '\r' || t->text[n - 1] == '\t'))
            n--;
        snprintf(t->act.notes, sizeof t->act.notes, "%.*s", (int)(n - b),
                 t->text + b);
    } else if (t->in_act && (strcmp(name, "Activity") == 0 ||
                             strcmp(name, "Run") == 0)) {
        t->in_act = 0;
        activity_done(t);
    } else if (strcmp(name, "Name") == 0 && strcmp(up, "Creator") == 0 &&
               t->creator_cap) {
        size_t n = t->tlen, b = 0;
        while (b < n && (t->text[b] == ' ' || t->text[b] == '\n' ||
                         t->text[b] == '\r' || t->text[b] == '\t'))
            b++;
        while (n > b && (t->text[n - 1] == ' ' || t->text[n - 1] == '\n' ||
                         t->text[n - 1] == '\r' || t->text[n - 1] == '\t'))
            n--;
        snprintf(t->creator, t->creator_cap, "%.*s", (int)(n - b),
                 t->text + b);
    }
    (void)up2;
    t->depth--;
    t->collecting = 0;
}

int tcx_decode(const uint8_t *data, size_t len,
               struct tendo_fit_activity **out, char *creator, size_t cap,
               struct tendo_error *err)
{
    struct xml_handler h = {on_start, on_end, on_text, NULL, 0, ""};
    struct tcx *t;
    int rc;

    *out = NULL;
    if (cap)
        creator[0] = '\0';
    if (!(t = calloc(1, sizeof *t)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    t->creator = creator;
    t->creator_cap = cap;
    t->h = &h;
    h.ctx = t;
    if (!(t->a = tendo_fit_new())) {
        free(t);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    if ((rc = xml_parse(data, len, &h, err)))
        goto fail;
    if (!t->a->nsessions) {
        rc = tendo_fail(err, TENDO_EUNSUPPORTED,
                        t->courses ? "a TCX course (a planned route), not an "
                                     "activity"
                                   : "no activity with a time in this TCX "
                                     "file");
        goto fail;
    }
    t->a->file_type = TENDO_FIT_FILE_ACTIVITY;
    *out = t->a;
    free(t);
    return TENDO_OK;
fail:
    tendo_fit_free(t->a);
    free(t);
    return rc;
}
