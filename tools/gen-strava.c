/*
 * tools/gen-strava.c - writes a Strava-style bulk export made of tendo's
 * own synthetic runs: activities.csv (Strava's columns, its repeated
 * "Elapsed Time" and "Distance", its "Nov 24, 2026, 6:30:00 AM" dates) and
 * activities/ with .fit.gz, .gpx and .tcx.gz files, plus rows without a
 * file (a ride, a weights session) and the other things an export holds
 * (profile.csv, routes/). As a .zip, or as the unpacked folder.
 *
 * usage: tendo-gen-strava --out export.zip|DIR [--end YYYY-MM-DD]
 *                         [--days N] [--seed N] [--seconds S]
 */
#include "gen-activity.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>
#include <zlib.h>

struct out {
    zip_t *zip;
    const char *dir;
};

static int put(struct out *o, const char *name, const void *data, size_t len)
{
    if (o->zip) {
        void *copy = malloc(len ? len : 1);
        zip_source_t *src;
        if (!copy)
            return -1;
        memcpy(copy, data, len);
        src = zip_source_buffer(o->zip, copy, len, 1);
        if (!src || zip_file_add(o->zip, name, src, ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            return -1;
        }
        return 0;
    } else {
        char path[4200];
        char *slash;
        snprintf(path, sizeof path, "%s/%s", o->dir, name);
        if ((slash = strrchr(path, '/'))) {
            *slash = '\0';
            mkdir(path, 0777);
            *slash = '/';
        }
        return gen_write_file(path, data, len, 0);
    }
}

static int put_gz(struct out *o, const char *name, const char *data,
                  size_t len)
{
    /* gzip in memory with zlib's deflate (windowBits 15 + 16) */
    z_stream z;
    uLong cap = compressBound((uLong)len) + 64;
    unsigned char *buf = malloc(cap);
    int rc;
    if (!buf)
        return -1;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(buf);
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    rc = deflate(&z, Z_FINISH);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(buf);
        return -1;
    }
    rc = put(o, name, buf, z.total_out);
    free(buf);
    return rc;
}

static const char *months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void strava_date(int64_t t, char *out, size_t cap)
{
    int y, m, d;
    int64_t sec = t % 86400;
    int h = (int)(sec / 3600);
    tendo_day_to_ymd((tendo_day)(t / 86400), &y, &m, &d);
    snprintf(out, cap, "\"%s %d, %d, %d:%02d:%02d %s\"", months[m - 1], d, y,
             h % 12 == 0 ? 12 : h % 12, (int)(sec / 60 % 60), (int)(sec % 60),
             h < 12 ? "AM" : "PM");
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    tendo_day end = (tendo_day)(time(NULL) / 86400);
    int days = 14, n = 0, seconds = 0;
    struct out o = {NULL, NULL};
    struct tendo_buf csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--out") == 0)
            path = argv[i + 1];
        else if (strcmp(argv[i], "--end") == 0) {
            if (tendo_day_parse(argv[i + 1], strlen(argv[i + 1]), &end))
                goto usage;
        } else if (strcmp(argv[i], "--days") == 0)
            days = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seed") == 0)
            gen_seed(strtoull(argv[i + 1], NULL, 10));
        else
            goto usage;
    }
    if (!path || days < 1 || days > 20000 || argc % 2 == 0)
        goto usage;
    if (strlen(path) > 4 && strcmp(path + strlen(path) - 4, ".zip") == 0) {
        int err;
        if (!(o.zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err))) {
            fprintf(stderr, "gen-strava: cannot create %s\n", path);
            return 1;
        }
    } else {
        o.dir = path;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            perror(path);
            return 1;
        }
    }
    tendo_buf_init(&csv, 0);
    tendo_buf_puts(&csv,
                   "Activity ID,Activity Date,Activity Name,Activity Type,"
                   "Activity Description,Elapsed Time,Distance,Max Heart Rate,"
                   "Relative Effort,Commute,Activity Private Note,"
                   "Activity Gear,Filename,Athlete Weight,Bike Weight,"
                   "Elapsed Time,Moving Time,Distance,Max Speed,"
                   "Average Speed,Elevation Gain,Average Heart Rate,"
                   "Perceived Exertion\n");
    for (tendo_day d = end - days + 1; d <= end; d++) {
        int dow = tendo_day_weekday(d);
        int64_t start = (int64_t)d * 86400 + 6 * 3600 + 1800;
        char date[64], name[64];
        long id = 9000000000L + (long)d;
        if (dow == 2 || dow == 4) {
            /* rides and weights recorded without a file */
            strava_date(start + 36000, date, sizeof date);
            tendo_buf_printf(&csv,
                             "%ld,%s,%s,%s,,%d,%s,,,false,,,,,,%d,%d,%s,,,,,"
                             "%s\n",
                             id, date, dow == 2 ? "Commute" : "Gym",
                             dow == 2 ? "Ride" : "Weight Training",
                             dow == 2 ? 2700 : 2400, dow == 2 ? "18.20" : "0.00",
                             dow == 2 ? 2700 : 2400, dow == 2 ? 2640 : 2400,
                             dow == 2 ? "18204.5" : "0.0", dow == 2 ? "3" : "6");
            continue;
        }
        if (dow != 1 && dow != 3 && dow != 5 && dow != 6)
            continue;
        {
            int secs = seconds > 0 ? seconds
                       : dow == 5 ? 4200
                                  : 1800 + (int)(gen_rnd() * 1500);
            struct tendo_fit_activity *a = gen_run(
                start, secs, dow == 3 ? 5.0 : 5.7,
                3900000000u + (uint32_t)(gen_rnd() * 1000));
            struct tendo_buf b;
            struct tendo_error e = {0};
            char file[96];
            const char *kind = n % 4 == 1 ? "gpx" : n % 4 == 3 ? "tcx.gz"
                                                               : "fit.gz";
            if (!a)
                return 1;
            tendo_buf_init(&b, 0);
            snprintf(file, sizeof file, "activities/%ld.%s", id, kind);
            if (strcmp(kind, "gpx") == 0) {
                gen_to_gpx(a, &b);
                if (put(&o, file, b.data, b.len))
                    return 1;
            } else {
                if (strcmp(kind, "tcx.gz") == 0)
                    gen_to_tcx(a, &b);
                else if (tendo_fit_encode(a, TENDO_FIT_ENC_COMPRESSED_TS, &b,
                                          &e))
                    return 1;
                if (put_gz(&o, file, b.data, b.len))
                    return 1;
            }
            strava_date(start, date, sizeof date);
            snprintf(name, sizeof name, "%s",
                     dow == 5 ? "Long run" : dow == 3 ? "Tempo" : "Easy run");
            tendo_buf_printf(&csv,
                             "%ld,%s,%s,Run,,%d,%.2f,%d,,false,,Pegasus 40,"
                             "%s,,,%d,%d,%.1f,,,%.0f,%d,%d\n",
                             id, date, name, secs,
                             a->sessions[0].distance_m / 1000.0,
                             a->sessions[0].max_hr, file, secs, secs,
                             a->sessions[0].distance_m,
                             a->sessions[0].ascent_m, a->sessions[0].avg_hr,
                             dow == 5 ? 6 : dow == 3 ? 7 : 3);
            tendo_buf_release(&b);
            tendo_fit_free(a);
            n++;
        }
    }
    if (put(&o, "activities.csv", csv.data, csv.len) ||
        put(&o, "profile.csv", "Athlete ID,Email\n1,runner@example.org\n",
            36) ||
        put(&o, "routes/1.gpx", "<gpx/>\n", 7))
        return 1;
    if (o.zip && zip_close(o.zip) != 0) {
        fprintf(stderr, "gen-strava: cannot write %s\n", path);
        return 1;
    }
    tendo_buf_release(&csv);
    fprintf(stderr, "gen-strava: %d runs with files in %s\n", n, path);
    return 0;
usage:
    fprintf(stderr, "usage: tendo-gen-strava --out export.zip|DIR "
                    "[--end YYYY-MM-DD] [--days N] [--seed N] "
                    "[--seconds S]\n");
    return 1;
}
