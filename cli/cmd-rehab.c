/*
 * cli/cmd-rehab.c - `tendo rehab`: a rehab session (heel drops, ...).
 *
 * Without values it logs the prescribed dose as done. Until the rehab
 * programme (domain.md §7) prescribes stages, the prescription is the last
 * logged dose, or the seed protocol's starting dose: heel drops on flat
 * ground, 3 x 10, tempo 3-1-1, body weight.
 */
#include "cli.h"

#include <math.h>
#include <string.h>

static const char help[] =
    "usage: tendo rehab [--exercise E] [--sets N] [--reps N] [--load KG]\n"
    "                   [--tempo D-D-D] [--surface flat|step|decline]\n"
    "                   [--pain 0-10] [--notes TEXT]\n\n"
    "Logs a rehab session on --date (default today). Without values it logs\n"
    "the prescribed dose: the last one you logged, or the starting dose of\n"
    "heel drops (flat floor, 3 x 10, tempo 3-1-1: 3 s down, 1 s pause, 1 s\n"
    "up with help from the other leg). Exercises: heel-drop, bent-knee-drop,\n"
    "heel-raise, single-leg-raise, seated-raise, leg-press-raise,\n"
    "rebound-raise, isometric, hops, other. --load is added weight in kg.\n";

enum { O_EX = 1, O_SETS, O_REPS, O_LOAD, O_TEMPO, O_SURF, O_PAIN, O_NOTES };

int cmd_rehab(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"exercise", required_argument, NULL, O_EX},
        {"sets", required_argument, NULL, O_SETS},
        {"reps", required_argument, NULL, O_REPS},
        {"load", required_argument, NULL, O_LOAD},
        {"tempo", required_argument, NULL, O_TEMPO},
        {"surface", required_argument, NULL, O_SURF},
        {"pain", required_argument, NULL, O_PAIN},
        {"notes", required_argument, NULL, O_NOTES},
        GLOBAL_OPTS,
        {0, 0, 0, 0}};
    struct tendo_rehab in, r;
    struct tendo_error e = {0};
    int opt, rc, i, dose_given = 0, found;
    const char *from = "given";

    tendo_rehab_init(&in);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, opts, NULL)) != -1) {
        rc = 0;
        switch (opt) {
        case 'h':
            return fputs(help, stdout), EXIT_OK;
        case '?':
        case ':':
            return cli_bad_option(c, "rehab", argv, opt);
        case O_EX:
            if (!(rc = tendo_parse_enum(optarg, strlen(optarg),
                                        tendo_rehab_exercises, "--exercise",
                                        &i, &e)))
                snprintf(in.exercise, sizeof in.exercise, "%s",
                         tendo_rehab_exercises[i]);
            dose_given = 1;
            break;
        case O_SETS:
            rc = tendo_parse_int(optarg, strlen(optarg), 1, 20, "--sets",
                                 &in.sets, &e);
            dose_given = 1;
            break;
        case O_REPS:
            rc = tendo_parse_int(optarg, strlen(optarg), 1, 200, "--reps",
                                 &in.reps, &e);
            dose_given = 1;
            break;
        case O_LOAD:
            rc = tendo_parse_real(optarg, strlen(optarg), 0, 500, "--load",
                                  &in.load_kg, &e);
            dose_given = 1;
            break;
        case O_TEMPO:
            snprintf(in.tempo, sizeof in.tempo, "%s", optarg);
            if (strlen(optarg) >= sizeof in.tempo)
                return cli_errorf(c, EXIT_DATA,
                                  "--tempo '%s' is not a tempo such as 3-1-1",
                                  optarg);
            break;
        case O_SURF:
            if (!(rc = tendo_parse_enum(optarg, strlen(optarg),
                                        tendo_rehab_surfaces, "--surface", &i,
                                        &e)))
                snprintf(in.surface, sizeof in.surface, "%s",
                         tendo_rehab_surfaces[i]);
            break;
        case O_PAIN:
            rc = tendo_parse_int(optarg, strlen(optarg), 0, 10, "--pain",
                                 &in.pain, &e);
            break;
        case O_NOTES:
            rc = tendo_parse_text(optarg, strlen(optarg), TENDO_NOTES_MAX,
                                  "--notes", in.notes, &e);
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
            continue;
        }
        if (rc)
            return cli_error(c, &e);
    }
    if (optind < argc)
        return cli_usage(c, "rehab", "rehab takes no arguments");

    if ((rc = cli_open(c, 1)))
        return rc;
    /* the prescribed dose, which given values then override */
    tendo_rehab_init(&r);
    if ((rc = tendo_rehab_last(c->db, c->date, &r, &found, &e)))
        return cli_error(c, &e);
    if (found) {
        from = "your last dose";
        r.pain = TENDO_UNSET;
        r.notes[0] = '\0';
        r.id = 0;
        r.import_id = 0;
    } else {
        from = "the starting dose";
        snprintf(r.exercise, sizeof r.exercise, "heel-drop");
        snprintf(r.surface, sizeof r.surface, "flat");
        snprintf(r.tempo, sizeof r.tempo, "3-1-1");
        r.sets = 3;
        r.reps = 10;
        r.load_kg = 0;
    }
    if (dose_given) {
        from = NULL;
        if (in.exercise[0] && strcmp(in.exercise, r.exercise) != 0) {
            /* another exercise: do not carry over the old one's dose */
            r.sets = r.reps = TENDO_UNSET;
            r.load_kg = NAN;
            r.tempo[0] = r.surface[0] = '\0';
            snprintf(r.exercise, sizeof r.exercise, "%s", in.exercise);
        }
    }
    if (in.sets != TENDO_UNSET)
        r.sets = in.sets;
    if (in.reps != TENDO_UNSET)
        r.reps = in.reps;
    if (!isnan(in.load_kg))
        r.load_kg = in.load_kg;
    if (in.tempo[0])
        snprintf(r.tempo, sizeof r.tempo, "%s", in.tempo);
    if (in.surface[0])
        snprintf(r.surface, sizeof r.surface, "%s", in.surface);
    r.pain = in.pain;
    snprintf(r.notes, sizeof r.notes, "%s", in.notes);
    snprintf(r.source, sizeof r.source, "manual");
    r.date = c->date;
    if (r.sets == TENDO_UNSET || r.reps == TENDO_UNSET)
        return cli_usage(c, "rehab",
                         "a new exercise needs --sets and --reps");

    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_rehab_add(c->db, &r, c->today, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return cli_error(c, &e);
    }
    if (c->json)
        return cli_print_json(c, tendo_rehab_json(&r));
    if (!c->quiet) {
        char d[TENDO_DAY_STRLEN];
        printf("logged rehab #%lld %s: %s %d x %d", (long long)r.id,
               tendo_day_format(r.date, d), r.exercise, r.sets, r.reps);
        if (!isnan(r.load_kg) && r.load_kg > 0)
            printf(" + %g kg", r.load_kg);
        if (r.surface[0])
            printf(", %s", r.surface);
        if (r.tempo[0])
            printf(", tempo %s", r.tempo);
        if (r.pain != TENDO_UNSET)
            printf(", pain %d/10", r.pain);
        if (from)
            printf(" (%s)", from);
        putchar('\n');
    }
    return EXIT_OK;
}
