/*
 * parse/gpx.c - GPX tracks (parse/gpx.h).
 */
#include "parse/gpx.h"
#include "parse/xml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GAP_PAUSE_S 60      /* gaps longer than this are pauses */
#define GLITCH_MPS 100.0    /* faster steps are GPS glitches */

enum field { F_NONE, F_ELE, F_TIME, F_HR, F_CAD, F_TYPE, F_TEMP };

struct gpx {
    struct tendo_fit_activity *a;
    struct xml_handler *h;
    int in_trk, in_seg, in_pt, in_rte, depth_pt;
    enum field field;
    char text[96];
    size_t tlen;
    /* the point being read */
    struct tendo_fit_record pt;
    double lat, lon, ele;
    int has_pos;
    /* running totals */
    int seg_has_prev;
    double prev_lat, prev_lon, dist, climb, prev_ele;
    int has_prev_ele;
    int64_t first, last, prev_t;
    double moving, hr_sum, cad_sum;
    size_t hr_n, cad_n, timed, routepts, waypts;
    int max_hr;
    char type[40];
    char *creator;
    size_t creator_cap;
};

double gpx_haversine(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371000.0, k = M_PI / 180.0;
    double dlat = (lat2 - lat1) * k, dlon = (lon2 - lon1) * k;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * k) * cos(lat2 * k) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * atan2(sqrt(a), sqrt(1 - a));
}

/* Case-insensitive "contains" (strcasestr is a GNU extension). */
static int has(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

int gpx_sport(const char *t)
{
    static const struct {
        const char *code;
        int sport;
    } strava[] = {{"1", 2}, {"9", 1}, {"16", 5}, {"10", 11}, {"4", 17}};
    for (size_t i = 0; i < sizeof strava / sizeof *strava; i++)
        if (strcmp(t, strava[i].code) == 0)
            return strava[i].sport;
    if (has(t, "run"))
        return TENDO_FIT_SPORT_RUNNING;
    if (has(t, "bik") || has(t, "cycl") || has(t, "ride"))
        return TENDO_FIT_SPORT_CYCLING;
    if (has(t, "swim"))
        return TENDO_FIT_SPORT_SWIMMING;
    if (has(t, "walk"))
        return TENDO_FIT_SPORT_WALKING;
    if (has(t, "hik"))
        return TENDO_FIT_SPORT_HIKING;
    return TENDO_FIT_SPORT_GENERIC;
}

static void on_start(void *ctx, const char *name, const char **attrs)
{
    struct gpx *g = ctx;
    g->field = F_NONE;
    if (g->in_pt) {
        g->depth_pt++;
        if (strcmp(name, "ele") == 0 && g->depth_pt == 1)
            g->field = F_ELE;
        else if (strcmp(name, "time") == 0 && g->depth_pt == 1)
            g->field = F_TIME;
        else if (strcmp(name, "hr") == 0 || strcmp(name, "heartrate") == 0)
            g->field = F_HR;
        else if (strcmp(name, "cad") == 0 || strcmp(name, "cadence") == 0)
            g->field = F_CAD;
        else if (strcmp(name, "atemp") == 0 || strcmp(name, "temp") == 0)
            g->field = F_TEMP;
    } else if (strcmp(name, "trkpt") == 0 && g->in_seg) {
        double lat, lon;
        g->in_pt = 1;
        g->depth_pt = 0;
        tendo_fit_record_init(&g->pt);
        g->ele = NAN;
        g->has_pos = xml_number(xml_attr(attrs, "lat"), &lat) &&
                     xml_number(xml_attr(attrs, "lon"), &lon) && fabs(lat) <= 90 &&
                     fabs(lon) <= 180;
        if (g->has_pos) {
            g->lat = lat;
            g->lon = lon;
        }
    } else if (strcmp(name, "trkseg") == 0 && g->in_trk) {
        g->in_seg = 1;
        g->seg_has_prev = 0;
    } else if (strcmp(name, "trk") == 0) {
        g->in_trk = 1;
    } else if (strcmp(name, "type") == 0 && g->in_trk && !g->in_seg &&
               !g->type[0]) {
        g->field = F_TYPE;
    } else if (strcmp(name, "rtept") == 0) {
        g->routepts++;
    } else if (strcmp(name, "wpt") == 0) {
        g->waypts++;
    } else if (strcmp(name, "gpx") == 0) {
        const char *c = xml_attr(attrs, "creator");
        if (c)
            snprintf(g->creator, g->creator_cap, "%s", c);
    }
    g->tlen = 0;
}

static void on_text(void *ctx, const char *s, int len)
{
    struct gpx *g = ctx;
    if (g->field == F_NONE)
        return;
    if (g->tlen + (size_t)len >= sizeof g->text)
        len = (int)(sizeof g->text - 1 - g->tlen);
    memcpy(g->text + g->tlen, s, (size_t)len);
    g->tlen += (size_t)len;
}

static void point_done(struct gpx *g)
{
    struct tendo_fit_record *r = &g->pt;
    if (g->has_pos) {
        r->lat = (int32_t)lround(g->lat * 2147483648.0 / 180.0);
        r->lon = (int32_t)lround(g->lon * 2147483648.0 / 180.0);
        if (g->seg_has_prev) {
            double step = gpx_haversine(g->prev_lat, g->prev_lon, g->lat,
                                        g->lon);
            int64_t dt = (r->time != INT64_MIN && g->prev_t != INT64_MIN)
                             ? r->time - g->prev_t
                             : 0;
            if (dt <= 0 || step / (double)dt <= GLITCH_MPS)
                g->dist += step;
        }
        g->seg_has_prev = 1;
        g->prev_lat = g->lat;
        g->prev_lon = g->lon;
        r->distance_m = g->dist;
    }
    if (!isnan(g->ele)) {
        r->altitude_m = g->ele;
        if (g->has_prev_ele && g->ele > g->prev_ele)
            g->climb += g->ele - g->prev_ele;
        g->prev_ele = g->ele;
        g->has_prev_ele = 1;
    }
    if (r->time != INT64_MIN) {
        if (g->timed == 0 || r->time < g->first)
            g->first = r->time;
        if (g->timed == 0 || r->time > g->last)
            g->last = r->time;
        if (g->prev_t != INT64_MIN && r->time > g->prev_t &&
            r->time - g->prev_t <= GAP_PAUSE_S)
            g->moving += (double)(r->time - g->prev_t);
        g->prev_t = r->time;
        g->timed++;
    }
    if (r->hr > 0 && r->hr < 255) {
        g->hr_sum += r->hr;
        g->hr_n++;
        if (r->hr > g->max_hr)
            g->max_hr = r->hr;
    }
    if (!isnan(r->cadence)) {
        g->cad_sum += r->cadence;
        g->cad_n++;
    }
    if (tendo_fit_add_record(g->a, r) != TENDO_OK) {
        g->h->stop = 1;
        snprintf(g->h->stop_why, sizeof g->h->stop_why,
                 "too many track points (or out of memory)");
    }
}

static void on_end(void *ctx, const char *name)
{
    struct gpx *g = ctx;
    double v;
    g->text[g->tlen] = '\0';
    if (g->field != F_NONE) {
        switch (g->field) {
        case F_ELE:
            if (xml_number(g->text, &v) && fabs(v) < 20000)
                g->ele = v;
            break;
        case F_TIME: {
            int64_t t;
            double frac;
            int zoned;
            if (xml_time(g->text, g->tlen, &t, &frac, &zoned) == 0)
                g->pt.time = t;
            break;
        }
        case F_HR:
            if (xml_number(g->text, &v) && v >= 0 && v <= 255)
                g->pt.hr = (int16_t)lround(v);
            break;
        case F_CAD:
            if (xml_number(g->text, &v) && v >= 0 && v < 255)
                g->pt.cadence = v;
            break;
        case F_TEMP:
            if (xml_number(g->text, &v) && v > -100 && v < 100)
                g->pt.temp_c = (int16_t)lround(v);
            break;
        case F_TYPE:
            snprintf(g->type, sizeof g->type, "%.39s", g->text);
            break;
        default:
            break;
        }
        g->field = F_NONE;
    }
    if (g->in_pt) {
        if (strcmp(name, "trkpt") == 0 && g->depth_pt == 0) {
            g->in_pt = 0;
            point_done(g);
        } else {
            g->depth_pt--;
        }
    } else if (strcmp(name, "trkseg") == 0) {
        g->in_seg = 0;
    } else if (strcmp(name, "trk") == 0) {
        g->in_trk = 0;
    }
}

int gpx_decode(const uint8_t *data, size_t len,
               struct tendo_fit_activity **out, char *creator, size_t cap,
               struct tendo_error *err)
{
    struct xml_handler h = {on_start, on_end, on_text, NULL, 0, ""};
    struct gpx g;
    struct tendo_fit_summary s;
    int rc;

    *out = NULL;
    memset(&g, 0, sizeof g);
    if (cap)
        creator[0] = '\0';
    g.creator = creator;
    g.creator_cap = cap;
    g.prev_t = INT64_MIN;
    g.h = &h;
    h.ctx = &g;
    if (!(g.a = tendo_fit_new()))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    if ((rc = xml_parse(data, len, &h, err))) {
        tendo_fit_free(g.a);
        return rc;
    }
    if (g.timed < 2) {
        tendo_fit_free(g.a);
        return tendo_fail(err, TENDO_EUNSUPPORTED,
                          "no track with timed points (%zu track points "
                          "with a time, %zu route points, %zu waypoints): "
                          "a route or waypoints, not an activity",
                          g.timed, g.routepts, g.waypts);
    }
    g.a->file_type = TENDO_FIT_FILE_ACTIVITY;
    tendo_fit_summary_init(&s);
    s.sport = g.type[0] ? gpx_sport(g.type) : TENDO_FIT_SPORT_GENERIC;
    s.start = g.first;
    s.timestamp = g.last;
    s.elapsed_s = (double)(g.last - g.first);
    s.timer_s = g.moving;
    s.distance_m = g.dist;
    if (g.hr_n) {
        s.avg_hr = (int)lround(g.hr_sum / (double)g.hr_n);
        s.max_hr = g.max_hr;
    }
    if (g.cad_n)
        s.avg_cadence = g.cad_sum / (double)g.cad_n;
    if (g.has_prev_ele)
        s.ascent_m = round(g.climb);
    if (tendo_fit_add_session(g.a, &s)) {
        tendo_fit_free(g.a);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    *out = g.a;
    return TENDO_OK;
}
