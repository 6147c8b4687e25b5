/*
 * cli/opts.c - options shared by `log` and `edit`: the fields of a session.
 * Each value is checked as it is read, so a bad value is rejected before
 * the database is opened.
 */
#include "cli.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

int cli_session_opt(struct cli *c, int opt, const char *arg,
                    struct cli_session_edit *ed)
{
    struct tendo_error e = {0};
    struct tendo_session *s = &ed->s;
    int i, rc = 0;
    /* a field given twice is a contradiction, not a correction */
    static const struct {
        int opt;
        const char *name;
        size_t set;
    } once[] = {
        {'m', "--minutes", offsetof(struct cli_session_edit, set_minutes)},
        {OPT_KM, "--km", offsetof(struct cli_session_edit, set_distance)},
        {OPT_MI, "--mi", offsetof(struct cli_session_edit, set_distance)},
        {'r', "--rpe", offsetof(struct cli_session_edit, set_rpe)},
        {'s', "--surface", offsetof(struct cli_session_edit, set_surface)},
        {'S', "--shoe", offsetof(struct cli_session_edit, set_shoe)},
        {'p', "--pain", offsetof(struct cli_session_edit, set_pain)},
        {OPT_PAIN_AFTER, "--pain-after",
         offsetof(struct cli_session_edit, set_pain_after)},
        {'n', "--notes", offsetof(struct cli_session_edit, set_notes)},
        {'t', "--type", offsetof(struct cli_session_edit, set_type)},
    };
    for (size_t k = 0; k < sizeof once / sizeof *once; k++) {
        const int *set = (const int *)(const void *)((const char *)ed +
                                                     once[k].set);
        char msg[120];
        if (once[k].opt != opt || !*set)
            continue;
        if (opt == OPT_KM || opt == OPT_MI)
            snprintf(msg, sizeof msg, "the distance is given twice (--km "
                     "or --mi, once)");
        else
            snprintf(msg, sizeof msg, "%s is given twice", once[k].name);
        return cli_usage(c, c->cmd, msg);
    }
    switch (opt) {
    case 'm':
        rc = tendo_parse_real(arg, strlen(arg), 0, TENDO_MAX_MINUTES, "--minutes",
                              &s->minutes, &e);
        if (!rc && !(s->minutes > 0))
            rc = tendo_fail(&e, TENDO_ERANGE,
                            "--minutes '%s' must be more than 0", arg);
        ed->set_minutes = 1;
        break;
    case OPT_KM:
    case OPT_MI:
        if (cli_parse_distance(c, arg, opt == OPT_MI,
                               opt == OPT_MI ? "--mi" : "--km",
                               &s->distance_m))
            return EXIT_DATA;
        ed->set_distance = 1;
        return 0;
    case 'r':
        rc = tendo_parse_int(arg, strlen(arg), 0, 10, "--rpe", &s->rpe, &e);
        ed->set_rpe = 1;
        break;
    case 's':
        rc = tendo_parse_enum(arg, strlen(arg), tendo_surfaces, "--surface",
                              &i, &e);
        if (!rc)
            snprintf(s->surface, sizeof s->surface, "%s", tendo_surfaces[i]);
        ed->set_surface = 1;
        break;
    case 'S':
        rc = tendo_parse_name(arg, strlen(arg), TENDO_NAME_MAX, "--shoe",
                              s->shoe, &e);
        ed->set_shoe = 1;
        break;
    case 'p':
        rc = tendo_parse_int(arg, strlen(arg), 0, 10, "--pain",
                             &s->pain_during, &e);
        ed->set_pain = 1;
        break;
    case OPT_PAIN_AFTER:
        rc = tendo_parse_int(arg, strlen(arg), 0, 10, "--pain-after",
                             &s->pain_after, &e);
        ed->set_pain_after = 1;
        break;
    case 'n':
        rc = tendo_parse_text(arg, strlen(arg), TENDO_NOTES_MAX, "--notes",
                              s->notes, &e);
        ed->set_notes = 1;
        break;
    case 't':
        rc = tendo_parse_enum(arg, strlen(arg), tendo_session_types, "--type",
                              &i, &e);
        if (!rc)
            snprintf(s->type, sizeof s->type, "%s", tendo_session_types[i]);
        ed->set_type = 1;
        break;
    default:
        return -1;
    }
    return rc ? cli_error(c, &e) : 0;
}

/* Copies the fields `ed` sets onto `dst`. */
void cli_session_apply(const struct cli_session_edit *ed,
                       struct tendo_session *dst)
{
    const struct tendo_session *s = &ed->s;
    if (ed->set_minutes)
        dst->minutes = s->minutes;
    if (ed->set_distance)
        dst->distance_m = s->distance_m;
    if (ed->set_rpe)
        dst->rpe = s->rpe;
    if (ed->set_surface)
        snprintf(dst->surface, sizeof dst->surface, "%s", s->surface);
    if (ed->set_shoe) {
        snprintf(dst->shoe, sizeof dst->shoe, "%s", s->shoe);
        dst->shoe_id = 0;
    }
    if (ed->set_pain)
        dst->pain_during = s->pain_during;
    if (ed->set_pain_after)
        dst->pain_after = s->pain_after;
    if (ed->set_notes)
        snprintf(dst->notes, sizeof dst->notes, "%s", s->notes);
    if (ed->set_type)
        snprintf(dst->type, sizeof dst->type, "%s", s->type);
}

void cli_session_print(const struct cli *c, const struct tendo_session *s,
                       FILE *f)
{
    char d[TENDO_DAY_STRLEN];
    fprintf(f, "#%lld %s %s", (long long)s->id, tendo_day_format(s->date, d),
            s->type);
    if (!isnan(s->minutes))
        fprintf(f, " %.0f min", s->minutes);
    if (!isnan(s->distance_m))
        fprintf(f, " %.2f %s", cli_dist(c, s->distance_m), cli_unit(c));
    if (s->avg_hr != TENDO_UNSET)
        fprintf(f, " HR %d", s->avg_hr);
    if (!isnan(s->cadence_spm))
        fprintf(f, " %.0f spm", s->cadence_spm);
    if (s->rpe != TENDO_UNSET)
        fprintf(f, " RPE %d", s->rpe);
    if (s->pain_during != TENDO_UNSET)
        fprintf(f, " pain %d/10", s->pain_during);
    if (s->pain_after != TENDO_UNSET)
        fprintf(f, " after %d/10", s->pain_after);
    if (s->surface[0])
        fprintf(f, " on %s", s->surface);
    if (s->shoe[0])
        fprintf(f, " in %s", s->shoe);
    if (s->notes[0])
        fprintf(f, " \"%s\"", s->notes);
    fputc('\n', f);
}
