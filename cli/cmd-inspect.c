/*
 * cli/cmd-inspect.c - `tendo inspect FILE...`: decode activity files
 * without storing them (docs/formats.md).
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_inspect_help[] =
    "usage: tendo inspect FILE...\n\n"
    "Decodes activity files (FIT, GPX, TCX, and their .gz) without storing\n"
    "anything and\n"
    "prints each one's summary: sport, start, elapsed and timer time,\n"
    "distance, heart rate, cadence (steps/min for running), records, laps,\n"
    "device and warnings. A FIT workout (tendo plan --fit) shows its name,\n"
    "sport and steps with their durations and targets.\n"
    "--json: one JSON object per line (see\n"
    "docs/formats.md); an undecodable file gives\n"
    "{\"file\",\"error\",\"offset\"}.\n"
    "Exit status 2 if any file could not be decoded.\n";

static void print_leg(const struct cli *c, const struct tendo_leg *l,
                      const char *indent)
{
    char t[21];
    printf("%s%s%s%s", indent, l->sport, l->sub_sport[0] ? "/" : "",
           l->sub_sport);
    if (l->start_utc != INT64_MIN)
        printf(" %s", tendo_utc_format(l->start_utc, t));
    if (!isnan(l->timer_s))
        printf(", %d:%02d:%02d", (int)(l->timer_s / 3600),
               (int)fmod(l->timer_s / 60, 60), (int)fmod(l->timer_s, 60));
    if (!isnan(l->elapsed_s) && !isnan(l->timer_s) &&
        l->elapsed_s - l->timer_s >= 1)
        printf(" (%.0f s paused)", l->elapsed_s - l->timer_s);
    if (!isnan(l->distance_m))
        printf(", %.2f %s", cli_dist(c, l->distance_m), cli_unit(c));
    if (l->avg_hr != TENDO_UNSET)
        printf(", HR %d", l->avg_hr);
    if (l->max_hr != TENDO_UNSET)
        printf(" (max %d)", l->max_hr);
    if (!isnan(l->avg_cadence_spm))
        printf(", %.1f steps/min", l->avg_cadence_spm);
    if (!isnan(l->avg_cadence_rpm))
        printf(", cadence %.1f rpm", l->avg_cadence_rpm);
    if (!isnan(l->ascent_m))
        printf(", +%.0f m", l->ascent_m);
    putchar('\n');
}

/* A FIT workout file (type 5): 1 shown, 0 not one, -1 an error shown */
static int inspect_workout(struct cli *c, const char *path)
{
    struct tendo_fit_activity *f = NULL;
    struct tendo_error e = {0};
    uint8_t *data;
    size_t len;
    int rc = 0;
    if (tendo_read_file(path, 64u << 20, &data, &len, &e))
        return 0; /* the activity reader says why */
    if (len < 12 || memcmp(data + 8, ".FIT", 4) != 0 ||
        tendo_fit_decode(data, len, &f, &e) || !f->workout ||
        f->file_type != TENDO_FIT_FILE_WORKOUT) {
        tendo_fit_free(f);
        free(data);
        return 0;
    }
    free(data);
    if (c->json) {
        json_t *o = tendo_fit_workout_json(f->workout);
        json_object_set_new(o, "file", json_string(path));
        json_object_set_new(o, "format", json_string("fit-workout"));
        cli_print_json(c, o);
        rc = 1;
    } else {
        const struct tendo_fit_workout *w = f->workout;
        double secs = tendo_fit_workout_seconds(w);
        printf("%s: FIT workout \"%s\", %s, %zu steps", path, w->name,
               tendo_fit_sport_name(w->sport) ? tendo_fit_sport_name(w->sport)
                                              : "?",
               w->nsteps);
        if (secs >= 0)
            printf(", %.0f min", secs / 60);
        putchar('\n');
        for (size_t i = 0; i < w->nsteps; i++) {
            const struct tendo_fit_step *s = &w->steps[i];
            printf("  %zu. ", i + 1);
            if (s->duration_type == TENDO_FIT_DURATION_REPEAT) {
                printf("repeat from step %u, %u times\n",
                       (unsigned)s->duration_value + 1,
                       (unsigned)s->target_value);
                continue;
            }
            printf("%s", s->name[0] ? s->name : "(step)");
            if (s->duration_type == TENDO_FIT_DURATION_TIME)
                printf(", %g s", s->duration_value / 1000.0);
            else if (s->duration_type == TENDO_FIT_DURATION_REPS)
                printf(", %u reps", (unsigned)s->duration_value);
            else if (s->duration_type == TENDO_FIT_DURATION_DISTANCE)
                printf(", %g m", s->duration_value / 100.0);
            if (s->target_type == TENDO_FIT_TARGET_HEART_RATE && s->target_low)
                printf(", heart rate %u-%u", (unsigned)s->target_low - 100,
                       (unsigned)s->target_high - 100);
            else if (s->target_type == TENDO_FIT_TARGET_SPEED &&
                     s->target_low)
                printf(", speed %.2f-%.2f m/s", s->target_low / 1000.0,
                       s->target_high / 1000.0);
            if (!isnan(s->weight_kg))
                printf(", +%g kg", s->weight_kg);
            if (s->notes[0])
                printf(" (%s)", s->notes);
            putchar('\n');
        }
        rc = 1;
    }
    tendo_fit_free(f);
    return rc;
}

const struct option cmd_inspect_opts[] = {GLOBAL_OPTS, {0, 0, 0, 0}};

int cmd_inspect(struct cli *c, int argc, char **argv)
{
    int opt, status = EXIT_OK;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_inspect_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "inspect");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "inspect", argv, opt);
        if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind >= argc)
        return cli_usage(c, "inspect", "inspect needs at least one FILE");
    c->units = c->units_arg && strcmp(c->units_arg, "mi") == 0
                   ? TENDO_UNITS_MI
                   : TENDO_UNITS_KM;
    for (int i = optind; i < argc; i++) {
        struct tendo_activity a;
        struct tendo_error e = {0};
        if (inspect_workout(c, argv[i]))
            continue;
        if (tendo_activity_read(argv[i], &a, NULL, &e)) {
            status = cli_status(e.code) == EXIT_INTERNAL && e.code != TENDO_EIO
                         ? EXIT_INTERNAL
                         : EXIT_DATA;
            if (c->json) {
                json_t *o = json_pack("{s:s,s:s}", "file", argv[i], "error",
                                      e.msg);
                json_object_set_new(o, "offset",
                                    e.has_offset
                                        ? json_integer((json_int_t)e.offset)
                                        : json_null());
                cli_print_json(c, o);
            } else {
                cli_error(c, &e);
            }
            continue;
        }
        if (c->json) {
            cli_print_json(c, tendo_activity_json(&a, argv[i]));
        } else {
            char t[21];
            printf("%s: %s, %zu records, %zu laps%s%s\n", argv[i], a.format,
                   a.records, a.laps, a.device[0] ? ", " : "", a.device);
            print_leg(c, &a.total, "  ");
            for (size_t k = 0; k < a.nlegs; k++)
                print_leg(c, &a.legs[k], "    leg: ");
            if (a.utc_offset_s != INT32_MIN)
                printf("  local time UTC%+.1f h\n", a.utc_offset_s / 3600.0);
            (void)t;
            for (const char *p = a.warnings.data; *p;) {
                const char *nl = strchr(p, '\n');
                int n = nl ? (int)(nl - p) : (int)strlen(p);
                printf("  warning: %.*s\n", n, p);
                p += n + (nl != NULL);
            }
        }
        tendo_activity_release(&a);
    }
    return status;
}
