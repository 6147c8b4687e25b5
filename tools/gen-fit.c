/*
 * tools/gen-fit.c - writes realistic FIT running activities with tendo's
 * own encoder: one-second records (position, distance, speed, altitude,
 * heart rate, cadence), a lap per kilometre, timer events, a session and
 * an activity message with the local time offset. For the demo, the CLI
 * tests, the fuzz seed corpus and the benchmarks. Deterministic per seed.
 *
 * usage: tendo-gen-fit --out DIR [--end YYYY-MM-DD] [--days N] [--seed N]
 *                      [--gzip-every K] [--seconds S]
 *                      [--format fit|gpx|tcx]
 *   --days N      runs on the usual days (Tue, Thu, Sat, Sun) of the N days
 *                 up to --end (default 14)
 *   --gzip-every  every K-th file is written as .fit.gz (0 = none)
 *   --seconds S   every run lasts S seconds (default: 30-75 minutes)
 *   --format gpx  writes GPX 1.1 with Garmin's TrackPointExtension (heart
 *                 rate, cadence) instead of FIT; tcx writes TCX v2 (laps,
 *                 trackpoints, speed and run cadence in the extension)
 */
#include "gen-activity.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

int main(int argc, char **argv)
{
    const char *out = NULL;
    tendo_day end = (tendo_day)(time(NULL) / 86400);
    int days = 14, gz_every = 0, seconds = 0, n = 0, gpx = 0, tcx = 0;
    for (int i = 1; i < argc; i += 2) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            goto usage;
        if (strcmp(argv[i], "--out") == 0)
            out = v;
        else if (strcmp(argv[i], "--end") == 0) {
            if (tendo_day_parse(v, strlen(v), &end))
                goto usage;
        } else if (strcmp(argv[i], "--days") == 0)
            days = atoi(v);
        else if (strcmp(argv[i], "--seed") == 0)
            gen_seed(strtoull(v, NULL, 10));
        else if (strcmp(argv[i], "--gzip-every") == 0)
            gz_every = atoi(v);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atoi(v);
        else if (strcmp(argv[i], "--format") == 0 &&
                 (strcmp(v, "gpx") == 0 || strcmp(v, "fit") == 0 ||
                  strcmp(v, "tcx") == 0)) {
            gpx = strcmp(v, "gpx") == 0;
            tcx = strcmp(v, "tcx") == 0;
        }
        else
            goto usage;
    }
    if (!out || days < 1 || days > 20000 || seconds < 0 || gz_every < 0)
        goto usage;
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        perror(out);
        return 1;
    }
    for (tendo_day d = end - days + 1; d <= end; d++) {
        int dow = tendo_day_weekday(d);
        struct tendo_fit_activity *a;
        struct tendo_buf b;
        struct tendo_error e = {0};
        char path[4200], ds[TENDO_DAY_STRLEN];
        int secs, gz;
        double pace;
        if (dow != 1 && dow != 3 && dow != 5 && dow != 6)
            continue;
        secs = seconds ? seconds : (dow == 5 ? 4200 : 1800 + (int)(gen_rnd() * 1500));
        pace = dow == 3 ? 5.0 : dow == 5 ? 6.0 : 5.7;
        /* 07:30 local (UTC+1) */
        a = gen_run((int64_t)d * 86400 + 6 * 3600 + 1800, secs, pace,
                3900000000u + (uint32_t)(gen_rnd() * 1000));
        if (!a)
            return 1;
        tendo_buf_init(&b, 0);
        if (gpx)
            gen_to_gpx(a, &b);
        else if (tcx)
            gen_to_tcx(a, &b);
        else if (tendo_fit_encode(a, TENDO_FIT_ENC_COMPRESSED_TS, &b, &e)) {
            fprintf(stderr, "gen-fit: %s\n", e.msg);
            return 1;
        }
        n++;
        gz = gz_every && n % gz_every == 0;
        snprintf(path, sizeof path, "%s/run-%s.%s%s", out,
                 tendo_day_format(d, ds), gpx ? "gpx" : tcx ? "tcx" : "fit",
                 gz ? ".gz" : "");
        if (gen_write_file(path, b.data, b.len, gz)) {
            perror(path);
            return 1;
        }
        tendo_buf_release(&b);
        tendo_fit_free(a);
    }
    fprintf(stderr, "gen-fit: wrote %d runs to %s\n", n, out);
    return 0;
usage:
    fprintf(stderr, "usage: tendo-gen-fit --out DIR [--end YYYY-MM-DD] "
                    "[--days N] [--seed N] [--gzip-every K] [--seconds S] "
                    "[--format fit|gpx|tcx]\n");
    return 1;
}
