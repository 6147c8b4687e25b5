/*
 * cli/workouts.c - `plan --fit DIR` and `today --fit FILE`: the plan's
 * days as FIT workout files for a watch (tendo/workout.h builds them,
 * tendo/fit.h encodes them; docs/cli.md says how they reach a watch).
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

/* "warm up 10 min, easy 24 min, 4 x (stride 20 s, jog 70 s), cool down 5
 * min; heart rate 118-145 bpm" (the main block's target) */
static void step_text(const struct tendo_fit_step *s, char *out, size_t n)
{
    unsigned v = s->duration_value;
    if (s->duration_type == TENDO_FIT_DURATION_TIME && v % 60000 == 0)
        snprintf(out, n, "%s %u min", s->name, v / 60000);
    else if (s->duration_type == TENDO_FIT_DURATION_TIME)
        snprintf(out, n, "%s %u s", s->name, v / 1000);
    else if (s->duration_type == TENDO_FIT_DURATION_REPS)
        snprintf(out, n, "%s x %u", s->name, v);
    else
        snprintf(out, n, "%s", s->name);
    for (char *p = out; *p && p == out; p++) /* lower case: in a sentence */
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
}

static void describe(const struct tendo_fit_workout *w, char *out, size_t n)
{
    size_t len = 0, open = 0;
    const struct tendo_fit_step *main_step = NULL;
    char one[80];
    out[0] = '\0';
    for (size_t i = 0; i < w->nsteps && len < n; i++) {
        const struct tendo_fit_step *s = &w->steps[i];
        /* a repeated block: "4 x (stride 20 s, jog 70 s)" */
        int starts_block = 0;
        for (size_t k = i + 1; k < w->nsteps; k++)
            if (w->steps[k].duration_type == TENDO_FIT_DURATION_REPEAT &&
                w->steps[k].duration_value == i)
                starts_block = (int)w->steps[k].target_value;
        if (s->duration_type == TENDO_FIT_DURATION_REPEAT) {
            if (open) {
                len += (size_t)snprintf(out + len, n - len, ")");
                open = 0;
            }
            continue;
        }
        if (s->intensity == TENDO_FIT_INTENSITY_ACTIVE && !main_step)
            main_step = s;
        step_text(s, one, sizeof one);
        len += (size_t)snprintf(out + len, n - len, "%s", i ? ", " : "");
        if (starts_block && len < n) {
            len += (size_t)snprintf(out + len, n - len, "%d x (",
                                    starts_block);
            open = 1;
        }
        if (len < n)
            len += (size_t)snprintf(out + len, n - len, "%s", one);
    }
    if (open && len < n)
        len += (size_t)snprintf(out + len, n - len, ")");
    if (!main_step || len >= n)
        return;
    if (main_step->target_type == TENDO_FIT_TARGET_HEART_RATE)
        snprintf(out + len, n - len, "; heart rate %u-%u bpm",
                 (unsigned)(main_step->target_low - 100),
                 (unsigned)(main_step->target_high - 100));
    else if (main_step->target_type == TENDO_FIT_TARGET_SPEED) {
        /* the band as paces, slow to fast, per km */
        double slow = 1000.0 / (main_step->target_low / 1000.0),
               fast = 1000.0 / (main_step->target_high / 1000.0);
        long ss = lround(slow), fs = lround(fast);
        snprintf(out + len, n - len, "; pace %ld:%02ld-%ld:%02ld /km",
                 ss / 60, ss % 60, fs / 60, fs % 60);
    }
}

static int write_one(struct cli *c, const struct tendo_fit_workout *w,
                     const char *path)
{
    struct tendo_error e = {0};
    struct tendo_buf b;
    char what[300];
    int rc;
    tendo_buf_init(&b, 1u << 20);
    if (tendo_fit_encode_workout(w, &b, &e)) {
        tendo_buf_release(&b);
        return cli_error(c, &e);
    }
    rc = cli_write_output(c, path, b.data, b.len);
    tendo_buf_release(&b);
    if (!rc && !c->quiet) {
        describe(w, what, sizeof what);
        fprintf(stderr, "tendo: wrote %s: %s: %s\n", path, w->name, what);
    }
    return rc;
}

int cli_write_workouts(struct cli *c, const struct tendo_plan *p,
                       const struct tendo_history *h, const char *dir)
{
    struct tendo_workout_targets t;
    struct tendo_fit_workout *w = malloc(sizeof *w);
    char path[4200], name[64], why[120];
    int rc = 0, files = 0;
    struct stat st;
    if (!w)
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        free(w);
        return cli_errorf(c, EXIT_INTERNAL, "cannot make the folder '%s': %s",
                          dir, strerror(errno));
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        free(w);
        return cli_errorf(c, EXIT_DATA, "'%s' is not a folder", dir);
    }
    tendo_workout_targets(h, c->date, &t);
    for (size_t i = 0; i < p->ndays && !rc; i++) {
        for (int part = TENDO_WORKOUT_MAIN; part <= TENDO_WORKOUT_REHAB;
             part++) {
            char ds[TENDO_DAY_STRLEN];
            if (tendo_plan_day_workout(&p->days[i], part, &t, c->units,
                                       c->now_utc, w, why, sizeof why)) {
                if (c->verbose)
                    fprintf(stderr, "tendo: no workout for %s%s: %s\n",
                            tendo_day_format(p->days[i].date, ds),
                            part ? " (rehab)" : "", why);
                continue;
            }
            tendo_plan_day_workout_file(&p->days[i], part, name, sizeof name);
            if (snprintf(path, sizeof path, "%s/%s", dir, name) >=
                (int)sizeof path) {
                rc = cli_errorf(c, EXIT_DATA, "path '%s' is too long", dir);
                break;
            }
            if ((rc = write_one(c, w, path)))
                break;
            files++;
        }
    }
    free(w);
    if (!rc && !c->quiet)
        fprintf(stderr, "tendo: %d workout file%s in %s (copy them to the "
                        "watch's GARMIN/NewFiles folder; docs/cli.md)\n",
                files, files == 1 ? "" : "s", dir);
    return rc;
}

int cli_write_workout_today(struct cli *c, const struct tendo_plan *p,
                            const struct tendo_history *h, const char *path)
{
    struct tendo_workout_targets t;
    struct tendo_fit_workout *w;
    char why[120], why2[120];
    int rc;
    if (!p->ndays)
        return cli_errorf(c, EXIT_DATA, "no day planned");
    if (!(w = malloc(sizeof *w)))
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    tendo_workout_targets(h, c->date, &t);
    /* the day's run or cross-training, else its rehab */
    if (tendo_plan_day_workout(&p->days[0], TENDO_WORKOUT_MAIN, &t, c->units,
                               c->now_utc, w, why, sizeof why) &&
        tendo_plan_day_workout(&p->days[0], TENDO_WORKOUT_REHAB, &t,
                               c->units, c->now_utc, w, why2, sizeof why2)) {
        free(w);
        return cli_errorf(c, EXIT_DATA,
                          "nothing to put on a watch today (%s; %s)", why,
                          why2);
    }
    rc = write_one(c, w, path);
    free(w);
    return rc;
}
