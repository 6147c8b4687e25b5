/*
 * cli/cmd-inspect.c - `tendo inspect FILE...`: decode activity files
 * without storing them (docs/formats.md).
 */
#include "cli.h"

#include <math.h>
#include <string.h>

const char cmd_inspect_help[] =
    "usage: tendo inspect FILE...\n\n"
    "Decodes activity files (FIT, GPX, TCX, and their .gz) without storing\n"
    "anything and\n"
    "prints each one's summary: sport, start, elapsed and timer time,\n"
    "distance, heart rate, cadence (steps/min for running), records, laps,\n"
    "device and warnings. --json: one JSON object per line (see\n"
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
