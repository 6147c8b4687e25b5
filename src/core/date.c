/*
 * core/date.c - civil days (Howard Hinnant's days_from_civil algorithm) and
 * UTC instants (the zones are in core/tz.c).
 */
#include "tendo/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tendo_day tendo_day_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (tendo_day)(era * 146097 + doe - 719468);
}

void tendo_day_to_ymd(tendo_day day, int *y, int *m, int *d)
{
    long z = (long)day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    long yy = yoe + era * 400 + (mm <= 2);
    if (y)
        *y = (int)yy;
    if (m)
        *m = (int)mm;
    if (d)
        *d = (int)dd;
}

int tendo_day_weekday(tendo_day day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    long w = ((long)day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

tendo_day tendo_day_week_start(tendo_day day)
{
    return day - tendo_day_weekday(day);
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dim[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int tendo_day_parse(const char *s, size_t n, tendo_day *out)
{
    int y, m, d;
    if (n != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return TENDO_EINVAL;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return TENDO_EINVAL;
    *out = tendo_day_from_ymd(y, m, d);
    return TENDO_OK;
}

char *tendo_day_format(tendo_day day, char out[TENDO_DAY_STRLEN])
{
    int y, m, d;
    tendo_day_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = y < 0 ? 0 : 9999;
    snprintf(out, TENDO_DAY_STRLEN, "%04d-%02d-%02d", y, m, d);
    return out;
}

char *tendo_utc_format(int64_t utc, char out[21])
{
    int64_t days = utc / 86400, secs = utc % 86400;
    int y, m, d;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    tendo_day_to_ymd((tendo_day)days, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = y < 0 ? 0 : 9999;
    snprintf(out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    return out;
}

int tendo_utc_parse(const char *s, int64_t *out)
{
    tendo_day day;
    int hh, mm, ss, oh = 0, om = 0;
    size_t n = strlen(s);
    int64_t off = 0;
    if (n < 20 || tendo_day_parse(s, 10, &day) != TENDO_OK || s[10] != 'T' ||
        !digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm) ||
        s[16] != ':' || !digits(s + 17, 2, &ss) || hh > 23 || mm > 59 ||
        ss > 60)
        return TENDO_EINVAL;
    if (n == 20 && s[19] == 'Z') {
        off = 0;
    } else if (n == 25 && (s[19] == '+' || s[19] == '-') &&
               digits(s + 20, 2, &oh) && s[22] == ':' &&
               digits(s + 23, 2, &om) && oh <= 14 && om <= 59) {
        off = (int64_t)(oh * 3600 + om * 60) * (s[19] == '-' ? -1 : 1);
    } else {
        return TENDO_EINVAL;
    }
    *out = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss - off;
    return TENDO_OK;
}
