/*
 * parse/diary.c - the diary CSV (docs/formats.md): header mapping and row
 * validation. Bytes in, struct tendo_diary_row out; no database.
 */
#include "tendo/diary.h"
#include "tendo/values.h"
#include "parse/csv.h"
#include "core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum col {
    COL_DATE, COL_TYPE, COL_MINUTES, COL_KM, COL_RPE, COL_SURFACE, COL_SHOE,
    COL_PAIN_DURING, COL_PAIN_AFTER, COL_PAIN_MORNING, COL_STIFFNESS,
    COL_SLEEP, COL_REHAB_SETS, COL_REHAB_REPS, COL_REHAB_LOAD,
    COL_REHAB_EXERCISE, COL_REHAB_SURFACE, COL_REHAB_TEMPO, COL_REHAB_PAIN,
    COL_NOTES, COL_COUNT
};

static const char *const col_names[COL_COUNT + 1] = {
    "date", "type", "minutes", "km", "rpe", "surface", "shoe",
    "pain_during", "pain_after", "pain_morning", "stiffness_min", "sleep_h",
    "rehab_sets", "rehab_reps", "rehab_load_kg", "rehab_exercise",
    "rehab_surface", "rehab_tempo", "rehab_pain", "notes", NULL};

const char tendo_diary_header[] =
    "date,type,minutes,km,rpe,surface,shoe,pain_during,pain_after,"
    "pain_morning,stiffness_min,sleep_h,rehab_sets,rehab_reps,"
    "rehab_load_kg,rehab_exercise,rehab_surface,rehab_tempo,rehab_pain,"
    "notes";

#define MAX_ROWS 1000000u

struct cells {
    const char *p[COL_COUNT];
    size_t n[COL_COUNT];
};

static int present(const struct cells *c, enum col k)
{
    const char *p = c->p[k];
    size_t n = c->n[k];
    if (!p)
        return 0;
    text_trim(&p, &n);
    return n > 0;
}

static int map_header(struct csv_reader *r, size_t nf, int map[CSV_MAX_FIELDS],
                      struct tendo_error *err)
{
    int seen[COL_COUNT] = {0};
    for (size_t i = 0; i < nf; i++) {
        const char *p = r->fields[i].p;
        size_t n = r->fields[i].n;
        int k;
        char q[48];
        text_trim(&p, &n);
        for (k = 0; k < COL_COUNT; k++)
            if (text_ieq(p, n, col_names[k]))
                break;
        if (k == COL_COUNT) {
            text_quote(p, n, q, sizeof q);
            tendo_error_where(err, NULL, r->rec_line, q);
            return tendo_fail(err, TENDO_EFORMAT,
                              "unknown column '%s' (columns are: %s)", q,
                              tendo_diary_header);
        }
        if (seen[k]) {
            tendo_error_where(err, NULL, r->rec_line, col_names[k]);
            return tendo_fail(err, TENDO_EFORMAT, "column '%s' appears twice",
                              col_names[k]);
        }
        seen[k] = 1;
        map[i] = k;
    }
    if (!seen[COL_DATE]) {
        tendo_error_where(err, NULL, r->rec_line, "date");
        return tendo_fail(err, TENDO_EFORMAT,
                          "the header has no 'date' column");
    }
    return TENDO_OK;
}

/* Parses an optional integer cell into *out (left TENDO_UNSET if empty). */
static int opt_int(const struct cells *c, enum col k, long lo, long hi,
                   int *out, struct tendo_error *err)
{
    if (!present(c, k))
        return TENDO_OK;
    return tendo_parse_int(c->p[k], c->n[k], lo, hi, col_names[k], out, err);
}

static int opt_real(const struct cells *c, enum col k, double lo, double hi,
                    double *out, struct tendo_error *err)
{
    if (!present(c, k))
        return TENDO_OK;
    return tendo_parse_real(c->p[k], c->n[k], lo, hi, col_names[k], out, err);
}

/* A text cell; one leading apostrophe before = + - @ (a tab, a CR or
 * another apostrophe) is the export's guard against spreadsheet formulas
 * (report/diary_csv.c) and is taken off. */
static int text_cell(const struct cells *c, enum col k, size_t max,
                     const char *field, char *out, struct tendo_error *err)
{
    const char *p = c->p[k];
    size_t n = c->n[k];
    if (n >= 2 && p[0] == '\'' && memchr("=+-@\t\r'", p[1], 7)) {
        p++;
        n--;
    }
    return tendo_parse_text(p, n, max, field, out, err);
}

static int opt_enum(const struct cells *c, enum col k,
                    const char *const *names, char *out, size_t cap,
                    struct tendo_error *err)
{
    int i, rc;
    if (!present(c, k))
        return TENDO_OK;
    if ((rc = tendo_parse_enum(c->p[k], c->n[k], names, col_names[k], &i,
                               err)))
        return rc;
    snprintf(out, cap, "%s", names[i]);
    return TENDO_OK;
}

static int parse_row(const struct cells *c, tendo_day today,
                     struct tendo_diary_row *row, struct tendo_error *err)
{
    int rc;
    double km = NAN;
    static const enum col session_only[] = {COL_MINUTES, COL_KM, COL_RPE,
                                            COL_SURFACE, COL_SHOE};

    if (!present(c, COL_DATE)) {
        tendo_error_where(err, NULL, 0, "date");
        return tendo_fail(err, TENDO_EINVAL, "date is empty");
    }
    if ((rc = tendo_parse_day(c->p[COL_DATE], c->n[COL_DATE], today, "date",
                              &row->date, err)))
        return rc;

    tendo_session_init(&row->session);
    tendo_check_init(&row->check);
    tendo_wellness_init(&row->wellness);
    tendo_rehab_init(&row->rehab);
    row->session.date = row->check.date = row->wellness.date =
        row->rehab.date = row->date;

    /* the session */
    row->has_session = present(c, COL_TYPE);
    if (row->has_session) {
        struct tendo_session *s = &row->session;
        if ((rc = opt_enum(c, COL_TYPE, tendo_session_types, s->type,
                           sizeof s->type, err)) ||
            (rc = opt_real(c, COL_MINUTES, 0, TENDO_MAX_MINUTES, &s->minutes, err)) ||
            (rc = opt_real(c, COL_KM, 0, 1000, &km, err)) ||
            (rc = opt_int(c, COL_RPE, 0, 10, &s->rpe, err)) ||
            (rc = opt_enum(c, COL_SURFACE, tendo_surfaces, s->surface,
                           sizeof s->surface, err)) ||
            (rc = opt_int(c, COL_PAIN_DURING, 0, 10, &s->pain_during, err)) ||
            (rc = opt_int(c, COL_PAIN_AFTER, 0, 10, &s->pain_after, err)))
            return rc;
        if (present(c, COL_SHOE) &&
            (rc = text_cell(c, COL_SHOE, TENDO_NAME_MAX, "shoe", s->shoe,
                            err)))
            return rc;
        if (present(c, COL_NOTES) &&
            (rc = text_cell(c, COL_NOTES, TENDO_NOTES_MAX, "notes",
                            s->notes, err)))
            return rc;
        if (!isnan(km))
            s->distance_m = km * 1000.0;
        snprintf(s->source, sizeof s->source, "csv");
        if ((rc = tendo_session_validate(s, today, err)))
            return rc;
    } else {
        for (size_t i = 0; i < sizeof session_only / sizeof *session_only;
             i++) {
            if (present(c, session_only[i])) {
                tendo_error_where(err, NULL, 0, col_names[session_only[i]]);
                return tendo_fail(err, TENDO_EINVAL,
                                  "%s is given but type is empty (which "
                                  "session is it?)",
                                  col_names[session_only[i]]);
            }
        }
    }

    /* the check */
    if ((rc = opt_int(c, COL_PAIN_MORNING, 0, 10, &row->check.morning, err)) ||
        (rc = opt_int(c, COL_STIFFNESS, 0, 1440, &row->check.stiffness_min,
                      err)))
        return rc;
    /* pain during and after: the row's session's; without one, the day's */
    if (!row->has_session &&
        ((rc = opt_int(c, COL_PAIN_DURING, 0, 10, &row->check.during, err)) ||
         (rc = opt_int(c, COL_PAIN_AFTER, 0, 10, &row->check.after, err))))
        return rc;
    row->has_check = !tendo_check_is_empty(&row->check);

    /* sleep */
    if ((rc = opt_real(c, COL_SLEEP, 0, 24, &row->wellness.sleep_h, err)))
        return rc;
    row->has_wellness = !tendo_wellness_is_empty(&row->wellness);

    /* rehab */
    row->has_rehab = 0;
    for (int k = COL_REHAB_SETS; k <= COL_REHAB_PAIN; k++)
        row->has_rehab |= present(c, (enum col)k);
    if (row->has_rehab) {
        struct tendo_rehab *r = &row->rehab;
        snprintf(r->exercise, sizeof r->exercise, "heel-drop");
        snprintf(r->source, sizeof r->source, "csv");
        if ((rc = opt_int(c, COL_REHAB_SETS, 1, 20, &r->sets, err)) ||
            (rc = opt_int(c, COL_REHAB_REPS, 1, 200, &r->reps, err)) ||
            (rc = opt_real(c, COL_REHAB_LOAD, 0, 500, &r->load_kg, err)) ||
            (rc = opt_enum(c, COL_REHAB_SURFACE, tendo_rehab_surfaces,
                           r->surface, sizeof r->surface, err)) ||
            (rc = opt_int(c, COL_REHAB_PAIN, 0, 10, &r->pain, err)))
            return rc;
        if (present(c, COL_REHAB_EXERCISE) &&
            (rc = opt_enum(c, COL_REHAB_EXERCISE, tendo_rehab_exercises,
                           r->exercise, sizeof r->exercise, err)))
            return rc;
        if (present(c, COL_REHAB_TEMPO) &&
            (rc = tendo_parse_text(c->p[COL_REHAB_TEMPO], c->n[COL_REHAB_TEMPO],
                                   sizeof r->tempo - 1, "rehab_tempo",
                                   r->tempo, err)))
            return rc;
        if (!row->has_session && present(c, COL_NOTES) &&
            (rc = text_cell(c, COL_NOTES, TENDO_NOTES_MAX, "notes",
                            r->notes, err)))
            return rc;
        if ((rc = tendo_rehab_validate(r, today, err)))
            return rc;
    }

    if (present(c, COL_NOTES) && !row->has_session && !row->has_rehab) {
        tendo_error_where(err, NULL, 0, "notes");
        return tendo_fail(err, TENDO_EINVAL,
                          "notes need a session (type) or a rehab entry on "
                          "the same row");
    }
    return TENDO_OK;
}

int tendo_diary_parse(const uint8_t *data, size_t len, const char *name,
                      tendo_day today, tendo_diary_fn fn, void *ctx,
                      struct tendo_error *err)
{
    struct csv_reader r;
    int map[CSV_MAX_FIELDS];
    size_t nf, ncols;
    uint32_t rows = 0;
    int rc;

    csv_init(&r, (const char *)data, len);
    if ((rc = csv_next(&r, &ncols, err)))
        goto out;
    if (ncols == 0) {
        rc = tendo_fail(err, TENDO_EFORMAT, "the file is empty (no header "
                                            "row)");
        goto out;
    }
    if ((rc = map_header(&r, ncols, map, err)))
        goto out;
    for (;;) {
        struct cells c;
        struct tendo_diary_row row;
        if ((rc = csv_next(&r, &nf, err)))
            goto out;
        if (nf == 0)
            break;
        if (++rows > MAX_ROWS) {
            tendo_error_where(err, NULL, r.rec_line, NULL);
            rc = tendo_fail(err, TENDO_ELIMIT, "more than %u rows", MAX_ROWS);
            goto out;
        }
        if (nf > ncols) {
            tendo_error_where(err, NULL, r.rec_line, NULL);
            rc = tendo_fail(err, TENDO_EFORMAT,
                            "the row has %zu fields but the header has %zu",
                            nf, ncols);
            goto out;
        }
        memset(&c, 0, sizeof c);
        for (size_t i = 0; i < nf; i++) {
            c.p[map[i]] = r.fields[i].p;
            c.n[map[i]] = r.fields[i].n;
        }
        memset(&row, 0, sizeof row);
        row.line = r.rec_line;
        if ((rc = parse_row(&c, today, &row, err))) {
            tendo_error_where(err, NULL, r.rec_line, NULL);
            goto out;
        }
        if (!row.has_session && !row.has_check && !row.has_wellness &&
            !row.has_rehab)
            continue; /* a rest day with nothing recorded */
        if ((rc = fn(&row, ctx, err))) {
            tendo_error_where(err, NULL, r.rec_line, NULL);
            goto out;
        }
    }
out:
    if (rc)
        tendo_error_where(err, name, 0, NULL);
    csv_release(&r);
    return rc;
}
