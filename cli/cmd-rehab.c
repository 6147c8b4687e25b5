/*
 * cli/cmd-rehab.c - `tendo rehab`: today's prescription from the rehab
 * programme (clinical.md §7, via the advice), logging what was done, and the
 * stages over time (--history).
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char cmd_rehab_help[] =
    "usage: tendo rehab [--yes] [--exercise E] [--sets N] [--reps N]\n"
    "                   [--load KG] [--tempo D-D-D]\n"
    "                   [--surface flat|step|decline] [--pain 0-10]\n"
    "                   [--notes TEXT]\n"
    "       tendo rehab --done all|BLOCK,... [--pain 0-10]\n"
    "       tendo rehab --history [--weeks N]\n\n"
    "Without values: today's prescription from the programme (setting\n"
    "`protocol`: seed, alfredson, hsr, silbernagel) - stage, exercise, sets,\n"
    "reps, load, tempo and why - logged as done when you confirm (on a\n"
    "terminal), or with --yes. With values: logs what was actually done on\n"
    "--date; values not given come from the prescription (--pain and\n"
    "--notes alone log the prescription with them). --history shows the\n"
    "stages over the last N weeks (default 12). Exercises: heel-drop,\n"
    "bent-knee-drop, heel-raise, single-leg-raise, seated-raise,\n"
    "leg-press-raise, rebound-raise, isometric, hops, other. --load is\n"
    "added weight in kg.\n"
    "--done logs the routine's blocks as done on --date (docs/clinical.md\n"
    "§7a): all of the day's (tendo today shows them) or some of warm-up,\n"
    "mobility, evening-mobility, calf-complex, isometric; --pain is the\n"
    "worst pain in them. The report charts how often each is done.\n";

static void run_text(const struct tendo_rehab_run *r, const char *protocol)
{
    char a[TENDO_DAY_STRLEN], b[TENDO_DAY_STRLEN];
    size_t n;
    const struct tendo_rehab_stage *st = tendo_rehab_protocol(protocol, &n);
    printf("%s .. %s  ", tendo_day_format(r->from, a),
           tendo_day_format(r->to, b));
    if (r->stage && st && (size_t)r->stage <= n)
        printf("stage %d %s", r->stage, st[r->stage - 1].name);
    else
        printf("(not in the %s protocol)", protocol);
    if (r->load_kg > 0)
        printf(" + %g kg", r->load_kg);
    printf(", %d session%s", r->sessions, r->sessions == 1 ? "" : "s");
    if (r->max_pain >= 0)
        printf(", worst pain %d/10", r->max_pain);
    putchar('\n');
}

/* --history: the stages over the last `weeks` weeks, from the history
 * (each session's stage worked out once there) */
static int history(struct cli *c, int weeks)
{
    struct tendo_history *h = NULL;
    struct tendo_rehab_run *runs = NULL;
    size_t n;
    tendo_day from;
    int rc;
    if ((rc = cli_open(c, 0)) || (rc = cli_history(c, &h)))
        return rc;
    from = c->date - weeks * 7 + 1;
    n = tendo_rehab_runs(h, from, c->date, NULL, 0);
    if (n && !(runs = malloc(n * sizeof *runs))) {
        tendo_history_free(h);
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    }
    tendo_rehab_runs(h, from, c->date, runs, n);
    if (c->json) {
        rc = cli_print_json(c, tendo_rehab_runs_json(h->athlete.protocol,
                                                     runs, n));
    } else {
        printf("rehab stages, protocol %s:\n", h->athlete.protocol);
        for (size_t i = 0; i < n; i++)
            run_text(&runs[i], h->athlete.protocol);
    }
    free(runs);
    tendo_history_free(h);
    return rc;
}

static void prescription_text(const struct tendo_advice *a)
{
    printf("Today's rehab: stage %d of %d, %s\n  %s, %s: %d x %d",
           a->rehab_stage, a->rehab_nstages, a->rehab_name,
           a->rehab_exercise, a->rehab_surface, a->rehab_sets,
           a->rehab_reps);
    if (isnan(a->rehab_load_kg))
        printf(" at your repetition maximum");
    else if (a->rehab_load_kg > 0)
        printf(" + %g kg", a->rehab_load_kg);
    printf(", tempo %s (%s)\n  %s\n", a->rehab_tempo, a->rehab_progress,
           a->rehab_how);
    for (size_t i = 0; i < a->nreasons; i++)
        if (!strncmp(a->reasons[i].code, "rehab_", 6))
            printf("  why: %s [%s]\n", a->reasons[i].text,
                   a->reasons[i].code);
}

enum { O_EX = 1, O_SETS, O_REPS, O_LOAD, O_TEMPO, O_SURF, O_PAIN, O_NOTES,
       O_YES, O_HIST, O_WEEKS, O_DONE };

const struct option cmd_rehab_opts[] = {
    {"exercise", required_argument, NULL, O_EX},
    {"sets", required_argument, NULL, O_SETS},
    {"reps", required_argument, NULL, O_REPS},
    {"load", required_argument, NULL, O_LOAD},
    {"tempo", required_argument, NULL, O_TEMPO},
    {"surface", required_argument, NULL, O_SURF},
    {"pain", required_argument, NULL, O_PAIN},
    {"notes", required_argument, NULL, O_NOTES},
    {"yes", no_argument, NULL, O_YES},
    {"history", no_argument, NULL, O_HIST},
    {"weeks", required_argument, NULL, O_WEEKS},
    {"done", required_argument, NULL, O_DONE},
    GLOBAL_OPTS,
    {0, 0, 0, 0}};

/* --done: the routine's blocks done on the day, in one transaction */
static int log_blocks(struct cli *c, const char *list, int pain)
{
    struct tendo_error e = {0};
    struct tendo_routine_log logs[TENDO_BLOCK_COUNT];
    size_t n = 0;
    int rc;
    if ((rc = cli_open(c, CLI_WRITE)))
        return rc;
    if ((rc = tendo_db_begin(c->db, &e)) ||
        (rc = tendo_routine_done(c->db, c->date, c->today, list, pain, logs,
                                 &n, &e)) ||
        (rc = tendo_db_commit(c->db, &e))) {
        tendo_db_rollback(c->db);
        return e.code == TENDO_EUSAGE ? cli_usage(c, "rehab", e.msg)
                                      : cli_error(c, &e);
    }
    if (c->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, tendo_routine_log_json(&logs[i]));
        return cli_print_json(c, json_pack("{s:o}", "done", arr));
    }
    if (!c->quiet) {
        char d[TENDO_DAY_STRLEN];
        printf("done %s:", tendo_day_format(c->date, d));
        for (size_t i = 0; i < n; i++)
            printf("%s %s (#%lld)", i ? "," : "", logs[i].block,
                   (long long)logs[i].id);
        if (pain != TENDO_UNSET)
            printf("; pain %d/10", pain);
        putchar('\n');
    }
    return EXIT_OK;
}

int cmd_rehab(struct cli *c, int argc, char **argv)
{
    struct tendo_rehab in, r;
    struct tendo_error e = {0};
    int opt, rc, i, dose_given = 0, any_value = 0, yes = 0, hist = 0,
        weeks = 12;
    const char *done = NULL;
    const char *from = "given";
    struct tendo_advice *a = NULL;

    tendo_rehab_init(&in);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_rehab_opts, NULL)) != -1) {
        rc = 0;
        switch (opt) {
        case 'h':
            return cli_help(c, "rehab");
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
        case O_YES:
            yes = 1;
            any_value--;
            break;
        case O_HIST:
            hist = 1;
            any_value--;
            break;
        case O_WEEKS:
            rc = tendo_parse_int(optarg, strlen(optarg), 1, 520, "--weeks",
                                 &weeks, &e);
            any_value--;
            break;
        case O_DONE:
            done = optarg;
            any_value--;
            break;
        default:
            if (cli_global(c, opt, optarg) < 0)
                return EXIT_USAGE;
            continue;
        }
        any_value++;
        if (rc)
            return cli_error(c, &e);
    }
    if (optind < argc)
        return cli_usage(c, "rehab", "rehab takes no arguments");
    if (done) {
        if (dose_given || yes || hist || in.notes[0] || in.tempo[0] ||
            in.surface[0])
            return cli_usage(c, "rehab", "--done takes --pain only");
        return log_blocks(c, done, in.pain);
    }

    if (hist)
        return any_value > 0
                   ? cli_usage(c, "rehab", "--history takes no values")
                   : history(c, weeks);

    /* only showing the prescription reads; logging writes */
    if ((rc = cli_open(c, any_value > 0 || yes ? CLI_CREATE : CLI_READ)))
        return rc;
    /* the prescribed dose, which given values then override */
    if (!(a = malloc(sizeof *a)))
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    if ((rc = cli_advise(c, a))) {
        free(a);
        return rc;
    }
    tendo_rehab_init(&r);
    if (a->has_rehab) {
        from = "today's prescription";
        snprintf(r.exercise, sizeof r.exercise, "%s", a->rehab_exercise);
        snprintf(r.surface, sizeof r.surface, "%s", a->rehab_surface);
        snprintf(r.tempo, sizeof r.tempo, "%s", a->rehab_tempo);
        r.sets = a->rehab_sets;
        r.reps = a->rehab_reps;
        r.load_kg = a->rehab_load_kg;
    } else if (!dose_given) {
        free(a);
        return cli_errorf(c, EXIT_DATA,
                          "no loaded rehab today: a red flag is open (see "
                          "tendo today); log a session with its values if "
                          "a clinician prescribed one");
    }
    if (any_value <= 0) {
        /* no values: show the prescription; log it when confirmed */
        int log_it = yes;
        if (c->json && !yes) {
            rc = cli_print_json(c, tendo_prescription_json(a));
            free(a);
            return rc;
        }
        if (!c->json)
            prescription_text(a);
        if (!yes && isatty(0) && isatty(2)) {
            char ans[16];
            if (cli_ask("Log it as done? [y/N]", ans, sizeof ans) == 1 &&
                (ans[0] == 'y' || ans[0] == 'Y'))
                log_it = 1;
        } else if (!yes && !c->quiet) {
            printf("(tendo rehab --yes logs it as done; with values, what "
                   "you actually did)\n");
        }
        if (!log_it) {
            free(a);
            return EXIT_OK;
        }
    }
    free(a);
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
    /* clinical.md §7: only sessions with their pain recorded move a stage
     * on, so ask for it on a terminal */
    if (r.pain == TENDO_UNSET && isatty(0) && isatty(2))
        cli_ask_int("Worst pain during the session (0-10; it decides when "
                    "the stage moves on)",
                    "pain", 0, 10, &r.pain);
    snprintf(r.notes, sizeof r.notes, "%s", in.notes);
    snprintf(r.source, sizeof r.source, "manual");
    r.date = c->date;
    if (r.sets == TENDO_UNSET || r.reps == TENDO_UNSET)
        return cli_usage(c, "rehab",
                         "a new exercise needs --sets and --reps");

    if ((rc = cli_open(c, CLI_CREATE))) /* confirmed on a terminal */
        return rc;
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
        if (r.pain == TENDO_UNSET)
            printf("no pain recorded: this session will not count towards "
                   "the next stage - add --pain N when you log a session\n");
    }
    return EXIT_OK;
}
