/*
 * core/values.c - strict value parsers, the enumerations of the model, and
 * record-level validation (tendo/values.h, tendo/model.h).
 */
#include "tendo/values.h"
#include "tendo/model.h"
#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const tendo_session_types[] = {
    "run", "pool-run", "bike", "swim", "walk", "elliptical", "strength",
    "other", NULL};
const char *const tendo_surfaces[] = {
    "road", "track", "trail", "grass", "gravel", "sand", "treadmill",
    "indoor", "mixed", NULL};
const char *const tendo_sides[] = {"left", "right", "both", NULL};
const char *const tendo_locations[] = {"midportion", "insertion", "unsure",
                                       NULL};
const char *const tendo_rehab_exercises[] = {
    "heel-drop", "bent-knee-drop", "heel-raise", "single-leg-raise",
    "seated-raise", "leg-press-raise", "rebound-raise", "isometric", "hops",
    "other", NULL};
const char *const tendo_rehab_surfaces[] = {"flat", "step", "decline", NULL};
const char *const tendo_assessment_kinds[] = {"visa-a", "heel-raise",
                                              "dorsiflexion", "function",
                                              NULL};
const char *const tendo_routine_blocks[] = {
    "warm-up", "mobility", "evening-mobility", "calf-complex", "isometric",
    NULL};
const char *const tendo_flag_names[] = {
    "pop", "cannot-raise", "swelling", "sharp", "night", "calf",
    "fluoroquinolone", "morning-high", NULL};

#define QUOTE_MAX 40

static int bad(struct tendo_error *err, int code, const char *field,
               const char *s, size_t n, const char *why)
{
    char q[QUOTE_MAX];
    text_quote(s, n, q, sizeof q);
    tendo_error_where(err, NULL, 0, field);
    return tendo_fail(err, code, "%s '%s' %s", field, q, why);
}

int tendo_parse_int(const char *s, size_t n, long min, long max,
                    const char *field, int *out, struct tendo_error *err)
{
    const char *p;
    size_t i = 0;
    long v = 0;
    int neg = 0;
    char why[64];
    text_trim(&s, &n);
    p = s;
    if (n && (p[0] == '-' || p[0] == '+')) {
        neg = p[0] == '-';
        i = 1;
    }
    if (i == n)
        return bad(err, TENDO_EINVAL, field, s, n, "is not a whole number");
    for (; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return bad(err, TENDO_EINVAL, field, s, n,
                       "is not a whole number");
        if (v > 100000000L)
            v = 100000001L; /* saturate: reported as out of range below */
        else
            v = v * 10 + (p[i] - '0');
    }
    if (neg)
        v = -v;
    if (v < min || v > max) {
        if (v < 0 && min >= 0)
            snprintf(why, sizeof why, "must not be negative");
        else
            snprintf(why, sizeof why, "is out of range %ld-%ld", min, max);
        return bad(err, TENDO_ERANGE, field, s, n, why);
    }
    *out = (int)v;
    return TENDO_OK;
}

int tendo_parse_volume(const char *s, size_t n, const char *field,
                       double *minutes, double *km, struct tendo_error *err)
{
    static const struct {
        const char *unit;
        double max, to;
        int is_min;
    } units[] = {{"min", 3000, 1, 1}, {"km", 500, 1, 0},
                 {"mi", 310, 1.609344, 0}};
    size_t e, u;
    double v;
    text_trim(&s, &n);
    for (e = n; e > 0 && ((s[e - 1] >= 'a' && s[e - 1] <= 'z') ||
                          (s[e - 1] >= 'A' && s[e - 1] <= 'Z'));
         e--)
        ;
    *minutes = *km = NAN;
    for (u = 0; u < sizeof units / sizeof *units; u++)
        if (n - e == strlen(units[u].unit) &&
            !strncasecmp(s + e, units[u].unit, n - e))
            break;
    if (e == n || u == sizeof units / sizeof *units)
        return bad(err, TENDO_EINVAL, field, s, n,
                   "needs a unit: min, km or mi (e.g. 40km)");
    if (tendo_parse_real(s, e, 1, units[u].max, field, &v, err))
        return err ? err->code : TENDO_EINVAL;
    if (units[u].is_min)
        *minutes = v;
    else
        *km = v * units[u].to;
    return TENDO_OK;
}

int tendo_parse_real(const char *s, size_t n, double min, double max,
                     const char *field, double *out, struct tendo_error *err)
{
    char tmp[64], why[80], lo[32], hi[32];
    size_t i = 0, digits = 0;
    double v;
    char *end;
    text_trim(&s, &n);
    if (n && (s[0] == '-' || s[0] == '+'))
        i = 1;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits || i != n || n >= sizeof tmp)
        return bad(err, TENDO_EINVAL, field, s, n, "is not a number");
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    v = strtod(tmp, &end);
    if (errno || !isfinite(v))
        return bad(err, TENDO_ERANGE, field, s, n, "is out of range");
    if (v < min || v > max) {
        if (v < 0 && min >= 0)
            snprintf(why, sizeof why, "must not be negative");
        else
            snprintf(why, sizeof why, "is out of range %s-%s",
                     tendo_format_real(min, lo), tendo_format_real(max, hi));
        return bad(err, TENDO_ERANGE, field, s, n, why);
    }
    *out = v == 0 ? 0.0 : v; /* no negative zero */
    return TENDO_OK;
}

int tendo_parse_enum(const char *s, size_t n, const char *const *names,
                     const char *field, int *index, struct tendo_error *err)
{
    char why[240];
    size_t k;
    text_trim(&s, &n);
    for (int i = 0; names[i]; i++) {
        if (text_ieq(s, n, names[i])) {
            *index = i;
            return TENDO_OK;
        }
    }
    k = (size_t)snprintf(why, sizeof why, "is not one of ");
    for (int i = 0; names[i] && k < sizeof why; i++)
        k += (size_t)snprintf(why + k, sizeof why - k, "%s%s", i ? ", " : "",
                              names[i]);
    return bad(err, TENDO_EINVAL, field, s, n, why);
}

static int check_day(tendo_day d, tendo_day today, const char *field,
                     struct tendo_error *err)
{
    char txt[TENDO_DAY_STRLEN];
    tendo_day_format(d, txt);
    if (d < TENDO_DAY_MIN)
        return bad(err, TENDO_ERANGE, field, txt, strlen(txt),
                   "is before 1970-01-01");
    if (d > today + 1)
        return bad(err, TENDO_ERANGE, field, txt, strlen(txt),
                   "is in the future");
    return TENDO_OK;
}

int tendo_parse_day(const char *s, size_t n, tendo_day today,
                    const char *field, tendo_day *out, struct tendo_error *err)
{
    tendo_day d;
    text_trim(&s, &n);
    if (tendo_day_parse(s, n, &d) != TENDO_OK)
        return bad(err, TENDO_EINVAL, field, s, n,
                   "is not a date (expected YYYY-MM-DD)");
    if (check_day(d, today, field, err))
        return err ? err->code : TENDO_ERANGE;
    *out = d;
    return TENDO_OK;
}

int tendo_parse_text(const char *s, size_t n, size_t max, const char *field,
                     char *out, struct tendo_error *err)
{
    char why[64];
    text_trim(&s, &n);
    if (n > max) {
        snprintf(why, sizeof why, "is longer than %zu bytes", max);
        return bad(err, TENDO_ERANGE, field, s, n, why);
    }
    if (!text_utf8_valid(s, n))
        return bad(err, TENDO_EINVAL, field, s, n, "is not valid UTF-8");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
            return bad(err, TENDO_EINVAL, field, s, n,
                       "contains a control character");
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return TENDO_OK;
}

int tendo_parse_name(const char *s, size_t n, size_t max, const char *field,
                     char *out, struct tendo_error *err)
{
    int rc = tendo_parse_text(s, n, max, field, out, err);
    if (rc)
        return rc;
    if (strpbrk(out, "\n\t"))
        return bad(err, TENDO_EINVAL, field, out, strlen(out),
                   "is not one line (no line breaks or tabs in a name)");
    return TENDO_OK;
}

char *tendo_format_real(double v, char out[32])
{
    if (!isfinite(v)) {
        snprintf(out, 32, "%s", "");
        return out;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, 32, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
    /* "%g" may pick an exponent for very large or tiny values; spell them
     * out so every reader (and our own parser) takes them back. */
    if (strchr(out, 'e')) {
        snprintf(out, 32, "%.6f", v);
        char *e = out + strlen(out) - 1;
        while (e > out && *e == '0')
            *e-- = '\0';
        if (*e == '.')
            *e = '\0';
    }
    return out;
}

/* ---- records ----------------------------------------------------------- */

void tendo_session_init(struct tendo_session *s)
{
    memset(s, 0, sizeof *s);
    s->date = TENDO_DAY_NONE;
    s->start_utc = INT64_MIN;
    s->minutes = NAN;
    s->distance_m = NAN;
    s->rpe = TENDO_UNSET;
    s->pain_during = s->pain_after = TENDO_UNSET;
    s->elapsed_s = s->cadence_spm = s->ascent_m = NAN;
    s->avg_hr = s->max_hr = TENDO_UNSET;
    s->utc_offset_s = INT32_MIN;
}

void tendo_check_init(struct tendo_check *c)
{
    memset(c, 0, sizeof *c);
    c->date = TENDO_DAY_NONE;
    c->morning = c->stiffness_min = c->during = c->after = c->hop_pain =
        TENDO_UNSET;
}

void tendo_rehab_init(struct tendo_rehab *r)
{
    memset(r, 0, sizeof *r);
    r->date = TENDO_DAY_NONE;
    r->sets = r->reps = r->pain = TENDO_UNSET;
    r->load_kg = NAN;
}

void tendo_wellness_init(struct tendo_wellness *w)
{
    memset(w, 0, sizeof *w);
    w->date = TENDO_DAY_NONE;
    w->sleep_h = NAN;
    w->sleep_quality = w->stress = w->fatigue = w->soreness = TENDO_UNSET;
}

void tendo_clearance_init(struct tendo_clearance *c)
{
    memset(c, 0, sizeof *c);
    c->date = c->recorded = TENDO_DAY_NONE;
}

void tendo_assessment_init(struct tendo_assessment *a)
{
    memset(a, 0, sizeof *a);
    a->date = TENDO_DAY_NONE;
    a->left = a->right = a->score = NAN;
}

int tendo_parse_clock(const char *s, size_t n, const char *field, int *minutes,
                      struct tendo_error *err)
{
    const char *p = s;
    size_t len = n;
    int h, m;
    text_trim(&p, &len);
    if (!(len == 5 || len == 4) || p[len - 3] != ':' ||
        !isdigit((unsigned char)p[0]) ||
        !isdigit((unsigned char)p[len - 2]) ||
        !isdigit((unsigned char)p[len - 1]) ||
        (len == 5 && !isdigit((unsigned char)p[1])))
        return tendo_fail(err, TENDO_EINVAL,
                          "%s '%.*s' is not a time HH:MM", field,
                          (int)(n > 40 ? 40 : n), s);
    h = len == 5 ? (p[0] - '0') * 10 + (p[1] - '0') : p[0] - '0';
    m = (p[len - 2] - '0') * 10 + (p[len - 1] - '0');
    if (h > 23 || m > 59)
        return tendo_fail(err, TENDO_ERANGE,
                          "%s '%.*s' is not a time of day (00:00-23:59)",
                          field, (int)len, p);
    *minutes = h * 60 + m;
    return TENDO_OK;
}

void tendo_athlete_init(struct tendo_athlete *a)
{
    memset(a, 0, sizeof *a);
    a->units = TENDO_UNITS_KM;
    a->runs_per_week = 4;
    a->max_hr = a->rest_hr = TENDO_UNSET;
    snprintf(a->protocol, sizeof a->protocol, "seed");
    a->ramp = 0.10;
    a->shoe_retire_km = 600;
    a->long_run_day = 6;
    a->rest_day = -1;
    a->goal_min = a->goal_km = NAN;
    a->age = TENDO_UNSET;
    a->reminder_min = -1;
    a->warmup_walk_min = 4;
    a->mobility_sets = 2;
    a->calf_sets = 3;
    a->calf_reps = 15;
    a->hold_seconds = 30;
}

void tendo_routine_log_init(struct tendo_routine_log *r)
{
    memset(r, 0, sizeof *r);
    r->date = TENDO_DAY_NONE;
    r->pain = TENDO_UNSET;
}

int tendo_routine_log_validate(const struct tendo_routine_log *r,
                               tendo_day today, struct tendo_error *err)
{
    int known = 0;
    for (int i = 0; tendo_routine_blocks[i]; i++)
        known |= !strcmp(r->block, tendo_routine_blocks[i]);
    if (!known)
        return tendo_fail(err, TENDO_EINVAL,
                          "block '%s' is not one of warm-up, mobility, "
                          "evening-mobility, calf-complex, isometric",
                          r->block);
    if (r->date == TENDO_DAY_NONE || r->date > today + 1)
        return tendo_fail(err, TENDO_ERANGE,
                          "the block's day is missing or in the future");
    if (r->pain != TENDO_UNSET && (r->pain < 0 || r->pain > 10))
        return tendo_fail(err, TENDO_ERANGE, "pain '%d' is out of range 0-10",
                          r->pain);
    return TENDO_OK;
}

void tendo_shoe_init(struct tendo_shoe *s)
{
    memset(s, 0, sizeof *s);
    s->drop_mm = NAN;
    s->start_m = 0;
    s->added = TENDO_DAY_NONE;
    s->retired = TENDO_DAY_NONE;
}

int tendo_check_is_empty(const struct tendo_check *c)
{
    return c->morning == TENDO_UNSET && c->stiffness_min == TENDO_UNSET &&
           c->during == TENDO_UNSET && c->after == TENDO_UNSET &&
           c->hop_pain == TENDO_UNSET && !c->side[0] && !c->location[0] &&
           !c->flags;
}

int tendo_wellness_is_empty(const struct tendo_wellness *w)
{
    return isnan(w->sleep_h) && w->sleep_quality == TENDO_UNSET &&
           w->stress == TENDO_UNSET && w->fatigue == TENDO_UNSET &&
           w->soreness == TENDO_UNSET;
}

static int in_list(const char *v, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(v, names[i]) == 0)
            return 1;
    return 0;
}

static int int_range(int v, int lo, int hi, const char *field,
                     struct tendo_error *err)
{
    char txt[16];
    if (v == TENDO_UNSET || (v >= lo && v <= hi))
        return TENDO_OK;
    snprintf(txt, sizeof txt, "%d", v);
    return tendo_parse_int(txt, strlen(txt), lo, hi, field, &v, err);
}

static int real_range(double v, double lo, double hi, const char *field,
                      struct tendo_error *err)
{
    char txt[32];
    if (isnan(v) || (v >= lo && v <= hi))
        return TENDO_OK;
    tendo_format_real(v, txt);
    return tendo_parse_real(txt, strlen(txt), lo, hi, field, &v, err);
}

static int enum_ok(const char *v, const char *const *names, const char *field,
                   struct tendo_error *err)
{
    int i;
    if (!v[0] || in_list(v, names))
        return TENDO_OK;
    return tendo_parse_enum(v, strlen(v), names, field, &i, err);
}

static int text_ok(const char *v, size_t max, const char *field,
                   struct tendo_error *err)
{
    char tmp[TENDO_NOTES_MAX + 1];
    size_t n = strlen(v);
    if (n > max || n > TENDO_NOTES_MAX)
        return bad(err, TENDO_ERANGE, field, v, n, "is too long");
    return tendo_parse_text(v, n, max, field, tmp, err);
}

int tendo_session_validate(const struct tendo_session *s, tendo_day today,
                           struct tendo_error *err)
{
    int rc;
    if ((rc = check_day(s->date, today, "date", err)))
        return rc;
    if (!in_list(s->type, tendo_session_types)) {
        int i;
        return tendo_parse_enum(s->type, strlen(s->type), tendo_session_types,
                                "type", &i, err);
    }
    if (isnan(s->minutes) && isnan(s->distance_m)) {
        tendo_error_where(err, NULL, 0, "minutes");
        return tendo_fail(err, TENDO_EINVAL,
                          "a %s session needs minutes or a distance", s->type);
    }
    if (!isnan(s->minutes) && !(s->minutes > 0)) {
        char txt[32];
        tendo_format_real(s->minutes, txt);
        return bad(err, TENDO_ERANGE, "minutes", txt, strlen(txt),
                   s->minutes < 0 ? "must not be negative"
                                  : "must be more than 0");
    }
    if ((rc = real_range(s->minutes, 0, TENDO_MAX_MINUTES, "minutes", err)) ||
        (rc = real_range(s->distance_m, 0, 1000000, "distance", err)) ||
        (rc = int_range(s->rpe, 0, 10, "rpe", err)) ||
        (rc = int_range(s->pain_during, 0, 10, "pain_during", err)) ||
        (rc = int_range(s->pain_after, 0, 10, "pain_after", err)) ||
        (rc = enum_ok(s->surface, tendo_surfaces, "surface", err)) ||
        (rc = text_ok(s->shoe, TENDO_NAME_MAX, "shoe", err)) ||
        (rc = text_ok(s->notes, TENDO_NOTES_MAX, "notes", err)) ||
        (rc = real_range(s->elapsed_s, 0, 400 * 86400.0, "elapsed_s", err)) ||
        (rc = int_range(s->avg_hr, 20, 255, "avg_hr", err)) ||
        (rc = int_range(s->max_hr, 20, 255, "max_hr", err)) ||
        (rc = real_range(s->cadence_spm, 0, 400, "cadence_spm", err)) ||
        (rc = real_range(s->ascent_m, 0, 100000, "ascent_m", err)))
        return rc;
    return TENDO_OK;
}

int tendo_check_validate(const struct tendo_check *c, tendo_day today,
                         struct tendo_error *err)
{
    int rc;
    if ((rc = check_day(c->date, today, "date", err)) ||
        (rc = int_range(c->morning, 0, 10, "pain_morning", err)) ||
        (rc = int_range(c->stiffness_min, 0, 1440, "stiffness_min", err)) ||
        (rc = int_range(c->during, 0, 10, "pain_during", err)) ||
        (rc = int_range(c->after, 0, 10, "pain_after", err)) ||
        (rc = int_range(c->hop_pain, 0, 10, "hop_pain", err)) ||
        (rc = enum_ok(c->side, tendo_sides, "side", err)) ||
        (rc = enum_ok(c->location, tendo_locations, "location", err)))
        return rc;
    if (c->flags & TENDO_FLAG_MORNING_HIGH) {
        tendo_error_where(err, NULL, 0, "flags");
        return tendo_fail(err, TENDO_EINVAL,
                          "flags: morning-high is opened by the mornings "
                          "(6/10 or more on 3 days running), not entered");
    }
    if (c->flags & ~(unsigned)TENDO_FLAG_ALL)
        return tendo_fail(err, TENDO_EINVAL, "flags 0x%x are not known",
                          c->flags);
    return TENDO_OK;
}

int tendo_clearance_validate(const struct tendo_clearance *c,
                             tendo_day today, struct tendo_error *err)
{
    int rc;
    if ((rc = check_day(c->date, today, "date", err)) ||
        (rc = text_ok(c->note, TENDO_NOTES_MAX, "note", err)))
        return rc;
    if (!c->flags || (c->flags & ~(unsigned)TENDO_FLAG_RED)) {
        tendo_error_where(err, NULL, 0, "flags");
        return tendo_fail(err, TENDO_EINVAL,
                          "a clearance names red flags (flags 0x%x)",
                          c->flags);
    }
    return TENDO_OK;
}

static int tempo_ok(const char *t, struct tendo_error *err)
{
    /* "D-D-D" or "D-D-D-D": seconds per phase, each 0-9 or X (explosive). */
    size_t n = strlen(t), parts = 0;
    if (!n)
        return TENDO_OK;
    for (size_t i = 0; i < n; i++) {
        int digit = (t[i] >= '0' && t[i] <= '9') || t[i] == 'X' || t[i] == 'x';
        if (i % 2 == 0 ? !digit : t[i] != '-')
            return bad(err, TENDO_EINVAL, "tempo", t, n,
                       "is not a tempo such as 3-1-1");
        parts += digit;
    }
    if (n % 2 == 0 || parts < 3 || parts > 4)
        return bad(err, TENDO_EINVAL, "tempo", t, n,
                   "is not a tempo such as 3-1-1");
    return TENDO_OK;
}

int tendo_rehab_validate(const struct tendo_rehab *r, tendo_day today,
                         struct tendo_error *err)
{
    int rc;
    if ((rc = check_day(r->date, today, "date", err)))
        return rc;
    if (!in_list(r->exercise, tendo_rehab_exercises)) {
        int i;
        return tendo_parse_enum(r->exercise, strlen(r->exercise),
                                tendo_rehab_exercises, "exercise", &i, err);
    }
    if (r->sets == TENDO_UNSET || r->reps == TENDO_UNSET) {
        tendo_error_where(err, NULL, 0,
                          r->sets == TENDO_UNSET ? "rehab_sets" : "rehab_reps");
        return tendo_fail(err, TENDO_EINVAL,
                          "a rehab entry needs both sets and reps");
    }
    if ((rc = int_range(r->sets, 1, 20, "rehab_sets", err)) ||
        (rc = int_range(r->reps, 1, 200, "rehab_reps", err)) ||
        (rc = real_range(r->load_kg, 0, 500, "rehab_load_kg", err)) ||
        (rc = int_range(r->pain, 0, 10, "pain", err)) ||
        (rc = enum_ok(r->surface, tendo_rehab_surfaces, "surface", err)) ||
        (rc = tempo_ok(r->tempo, err)) ||
        (rc = text_ok(r->notes, TENDO_NOTES_MAX, "notes", err)))
        return rc;
    return TENDO_OK;
}

int tendo_wellness_validate(const struct tendo_wellness *w, tendo_day today,
                            struct tendo_error *err)
{
    int rc;
    if ((rc = check_day(w->date, today, "date", err)) ||
        (rc = real_range(w->sleep_h, 0, 24, "sleep_h", err)) ||
        (rc = int_range(w->sleep_quality, 1, 5, "sleep_quality", err)) ||
        (rc = int_range(w->stress, 1, 5, "stress", err)) ||
        (rc = int_range(w->fatigue, 1, 5, "fatigue", err)) ||
        (rc = int_range(w->soreness, 1, 5, "soreness", err)))
        return rc;
    return TENDO_OK;
}

static int in_range(double v, double lo, double hi, const char *field,
                    struct tendo_error *err)
{
    if (isnan(v) || (v >= lo && v <= hi))
        return TENDO_OK;
    return tendo_fail(err, TENDO_ERANGE, "%s '%g' is out of range %g-%g",
                      field, v, lo, hi);
}

int tendo_assessment_validate(const struct tendo_assessment *a,
                              tendo_day today, struct tendo_error *err)
{
    int known = 0, rc;
    for (int i = 0; tendo_assessment_kinds[i]; i++)
        known |= !strcmp(a->kind, tendo_assessment_kinds[i]);
    if (!known)
        return tendo_fail(err, TENDO_EINVAL,
                          "assessment '%s' is not one of visa-a, heel-raise, "
                          "dorsiflexion, function",
                          a->kind);
    if (a->date == TENDO_DAY_NONE || a->date > today + 1)
        return tendo_fail(err, TENDO_ERANGE,
                          "assessment date is missing or in the future");
    if (!strcmp(a->kind, "visa-a")) {
        if (isnan(a->score))
            return tendo_fail(err, TENDO_EINVAL, "VISA-A needs its answers");
        return in_range(a->score, 0, 100, "VISA-A total", err);
    }
    if (!strcmp(a->kind, "function")) {
        int r[3], n = 0, k = 0;
        if (isnan(a->score) ||
            sscanf(a->answers, "%d,%d,%d%n", &r[0], &r[1], &r[2], &n) != 3 ||
            a->answers[n] || r[0] < 0 || r[0] > 10 || r[1] < 0 || r[1] > 10 ||
            r[2] < 0 || r[2] > 10)
            return tendo_fail(err, TENDO_EINVAL,
                              "the function check-in needs 3 ratings 0-10 "
                              "(stairs, daily tasks, recovery)");
        k = (r[0] + r[1] + r[2]) * 10;
        if (a->score != (k + 1) / 3)
            return tendo_fail(err, TENDO_EINVAL,
                              "the function check-in's score is not its "
                              "ratings' mean x 10");
        return TENDO_OK;
    }
    if (isnan(a->left) && isnan(a->right))
        return tendo_fail(err, TENDO_EINVAL, "%s needs --left or --right",
                          a->kind);
    if (!strcmp(a->kind, "heel-raise")) {
        if ((rc = in_range(a->left, 0, 500, "--left", err)) ||
            (rc = in_range(a->right, 0, 500, "--right", err)))
            return rc;
        if ((!isnan(a->left) && a->left != floor(a->left)) ||
            (!isnan(a->right) && a->right != floor(a->right)))
            return tendo_fail(err, TENDO_EINVAL,
                              "heel raises are counted in whole numbers");
        return TENDO_OK;
    }
    if ((rc = in_range(a->left, 0, 30, "--left", err)) ||
        (rc = in_range(a->right, 0, 30, "--right", err)))
        return rc;
    return TENDO_OK;
}
