/*
 * parse/strava.c - activities.csv of a Strava bulk export (parse/strava.h).
 */
#include "parse/strava.h"
#include "parse/csv.h"
#include "parse/xml.h"
#include "tendo/date.h"
#include "core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { C_ID, C_DATE, C_NAME, C_TYPE, C_ELAPSED, C_MOVING, C_DIST1, C_DIST2,
       C_HR, C_RPE, C_GEAR, C_FILE, C_N };

int strava_date(const char *s, int64_t *out)
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
    char mon[4] = "", ampm[3] = "";
    int d, y, h, mi, se, n = 0, m;
    double frac;
    int zoned;
    if (xml_time(s, strlen(s), out, &frac, &zoned) == 0)
        return 0;
    if (sscanf(s, " %3s %d, %d, %d:%d:%d %2s%n", mon, &d, &y, &h, &mi, &se,
               ampm, &n) < 7)
        return -1;
    for (m = 0; m < 12 && strcasecmp(mon, months[m]) != 0; m++)
        ;
    if (m == 12 || d < 1 || d > 31 || y < 1970 || y > 9999 || h < 1 ||
        h > 12 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return -1;
    if (strcasecmp(ampm, "AM") == 0)
        h = h == 12 ? 0 : h;
    else if (strcasecmp(ampm, "PM") == 0)
        h = h == 12 ? 12 : h + 12;
    else
        return -1;
    *out = (int64_t)tendo_day_from_ymd(y, m + 1, d) * 86400 + h * 3600 +
           mi * 60 + se;
    return 0;
}

static void cell(const struct csv_reader *r, const int *col, int k, char *out,
                 size_t cap)
{
    const char *p;
    size_t n;
    out[0] = '\0';
    if (col[k] < 0)
        return;
    p = r->fields[col[k]].p;
    n = r->fields[col[k]].n;
    text_trim(&p, &n);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

static double num(const struct csv_reader *r, const int *col, int k)
{
    char buf[64], *end;
    double v;
    cell(r, col, k, buf, sizeof buf);
    if (!buf[0])
        return NAN;
    v = strtod(buf, &end);
    return (*end || !isfinite(v) || v < 0) ? NAN : v;
}

int strava_parse(const uint8_t *data, size_t len, strava_fn fn, void *ctx,
                 struct tendo_error *err)
{
    struct csv_reader r;
    int col[C_N];
    size_t nf, ncols;
    int rc;

    csv_init(&r, (const char *)data, len);
    for (int k = 0; k < C_N; k++)
        col[k] = -1;
    if ((rc = csv_next(&r, &ncols, err)))
        goto out;
    for (size_t i = 0; i < ncols; i++) {
        const char *p = r.fields[i].p;
        size_t n = r.fields[i].n;
        int k = -1;
        text_trim(&p, &n);
        if (text_ieq(p, n, "Activity ID"))
            k = C_ID;
        else if (text_ieq(p, n, "Activity Date"))
            k = C_DATE;
        else if (text_ieq(p, n, "Activity Name"))
            k = C_NAME;
        else if (text_ieq(p, n, "Activity Type"))
            k = C_TYPE;
        else if (text_ieq(p, n, "Elapsed Time"))
            k = C_ELAPSED;
        else if (text_ieq(p, n, "Moving Time"))
            k = C_MOVING;
        else if (text_ieq(p, n, "Distance"))
            k = col[C_DIST1] < 0 ? C_DIST1 : C_DIST2;
        else if (text_ieq(p, n, "Average Heart Rate"))
            k = C_HR;
        else if (text_ieq(p, n, "Perceived Exertion"))
            k = C_RPE;
        else if (text_ieq(p, n, "Activity Gear"))
            k = C_GEAR;
        else if (text_ieq(p, n, "Filename"))
            k = C_FILE;
        if (k >= 0 && (col[k] < 0 || k == C_DIST2))
            col[k] = (int)i;
    }
    if (col[C_DATE] < 0 || col[C_TYPE] < 0) {
        tendo_error_where(err, NULL, 1, NULL);
        rc = tendo_fail(err, TENDO_EFORMAT,
                        "not a Strava activities.csv (no 'Activity Date' "
                        "and 'Activity Type' columns)");
        goto out;
    }
    for (;;) {
        struct strava_row row;
        char buf[64];
        double v;
        if ((rc = csv_next(&r, &nf, err)))
            goto out;
        if (nf == 0)
            break;
        if (nf < ncols) {
            /* short rows: the missing cells are empty */
            for (size_t i = nf; i < ncols && i < CSV_MAX_FIELDS; i++) {
                r.fields[i].p = "";
                r.fields[i].n = 0;
            }
        }
        memset(&row, 0, sizeof row);
        row.line = r.rec_line;
        cell(&r, col, C_ID, row.id, sizeof row.id);
        cell(&r, col, C_NAME, row.name, sizeof row.name);
        cell(&r, col, C_TYPE, row.type, sizeof row.type);
        cell(&r, col, C_GEAR, row.gear, sizeof row.gear);
        cell(&r, col, C_FILE, row.filename, sizeof row.filename);
        cell(&r, col, C_DATE, buf, sizeof buf);
        if (strava_date(buf, &row.start_utc)) {
            char q[48];
            tendo_error_where(err, NULL, r.rec_line, "Activity Date");
            rc = tendo_fail(err, TENDO_EINVAL,
                            "Activity Date '%s' is not a date",
                            text_quote(buf, strlen(buf), q, sizeof q));
            goto out;
        }
        row.elapsed_s = num(&r, col, C_ELAPSED);
        row.moving_s = num(&r, col, C_MOVING);
        row.distance_m = num(&r, col, C_DIST2);
        if (isnan(row.distance_m) && !isnan(v = num(&r, col, C_DIST1)))
            row.distance_m = v * 1000.0;
        row.avg_hr = num(&r, col, C_HR);
        v = num(&r, col, C_RPE);
        row.rpe = !isnan(v) && v >= 0 && v <= 10 ? (int)lround(v) : -1;
        if ((rc = fn(&row, ctx, err))) {
            tendo_error_where(err, NULL, r.rec_line, NULL);
            goto out;
        }
    }
out:
    csv_release(&r);
    return rc;
}
