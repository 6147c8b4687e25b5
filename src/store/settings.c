/*
 * store/settings.c - the settings table: known keys, their defaults and
 * validation (docs/cli.md, config; every threshold a coach may change).
 */
#include "store/internal.h"
#include "tendo/values.h"
#include "tendo/model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct tendo_setting_def defs[] = {
    {"units", "km", "distance units for display and input: km or mi"},
    {"timezone", NULL,
     "the athlete's time zone (IANA name, e.g. Europe/Berlin); unset: $TZ"},
    {"runs_per_week", "4", "usual number of runs a week (1-14)"},
    {"max_hr", NULL, "maximum heart rate, beats/min (100-230)"},
    {"rest_hr", NULL, "resting heart rate, beats/min (25-120)"},
    {"sex", NULL, "male or female: picks the TRIMP weighting (clinical.md §9)"},
    {"age", NULL,
     "age in years (10-100): the heel-raise norm when both sides hurt "
     "(clinical.md §8)"},
    {"protocol", "seed", "rehab protocol: seed, alfredson, hsr, silbernagel"},
    {"ramp", "10", "largest weekly rise in running minutes, % (0-30)"},
    {"shoe_retire_km", "600", "suggest retiring a shoe past this distance, km"},
    {"long_run_day", "sun", "day of the long run in a plan: mon..sun, or none"},
    {"rest_day", "auto",
     "rest day in a plan: mon..sun, or auto (the day after the long run)"},
    {"goal_week", NULL,
     "weekly running volume a plan builds up to: e.g. 240min, 40km, 25mi"},
    {"warmup_walk_min", "4",
     "the warm-up's brisk walk or easy jog, minutes (1-15)"},
    {"mobility_sets", "2", "sets of each mobility exercise (1-4)"},
    {"calf_sets", "3",
     "sets of the calf complex before its progression (1-6)"},
    {"calf_reps", "15", "repetitions a set in the calf complex (5-30)"},
    {"hold_seconds", "30", "seconds of a calf hold in a flare-up (15-60)"},
    {"reminder_time", NULL,
     "the morning check's reminder in the plan's calendar (HH:MM, local "
     "time, with an alarm); unset: none"},
    {"serve_token_sha256", NULL,
     "the hash of the pairing token of 'tendo serve' beyond loopback (made "
     "there; unset it to unpair every device)"},
    {"calendar_secret", NULL,
     "the secret in the address of the plan's calendar feed (tendo serve; "
     "64 hex digits, made there; unset it to turn the feed off)"},
};

static const char *const units_names[] = {"km", "mi", NULL};
static const char *const sex_names[] = {"male", "female", NULL};
static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri",
                                        "sat", "sun", "none", "auto", NULL};
static const char *const protocol_names[] = {"seed", "alfredson", "hsr",
                                             "silbernagel", NULL};

const struct tendo_setting_def *tendo_settings(size_t *n)
{
    *n = sizeof defs / sizeof *defs;
    return defs;
}

static const struct tendo_setting_def *find(const char *key)
{
    for (size_t i = 0; i < sizeof defs / sizeof *defs; i++)
        if (strcmp(defs[i].key, key) == 0)
            return &defs[i];
    return NULL;
}

int tendo_setting_check(const char *key, const char *value, char *norm,
                        size_t n, struct tendo_error *err)
{
    int i, rc = TENDO_OK;
    double d;
    size_t len = strlen(value);

    if (!find(key))
        return tendo_fail(err, TENDO_EUSAGE,
                          "unknown setting '%s' (see 'tendo config')", key);
    if (strcmp(key, "units") == 0) {
        if (!(rc = tendo_parse_enum(value, len, units_names, key, &i, err)))
            snprintf(norm, n, "%s", units_names[i]);
    } else if (strcmp(key, "sex") == 0) {
        if (!(rc = tendo_parse_enum(value, len, sex_names, key, &i, err)))
            snprintf(norm, n, "%s", sex_names[i]);
    } else if (strcmp(key, "protocol") == 0) {
        if (!(rc = tendo_parse_enum(value, len, protocol_names, key, &i, err)))
            snprintf(norm, n, "%s", protocol_names[i]);
    } else if (strcmp(key, "timezone") == 0) {
        if (!(rc = tendo_tz_valid(value, err)))
            snprintf(norm, n, "%s", value);
    } else if (strcmp(key, "runs_per_week") == 0) {
        if (!(rc = tendo_parse_int(value, len, 1, 14, key, &i, err)))
            snprintf(norm, n, "%d", i);
    } else if (strcmp(key, "age") == 0) {
        if (!(rc = tendo_parse_int(value, len, 10, 100, key, &i, err)))
            snprintf(norm, n, "%d", i);
    } else if (strcmp(key, "max_hr") == 0) {
        if (!(rc = tendo_parse_int(value, len, 100, 230, key, &i, err)))
            snprintf(norm, n, "%d", i);
    } else if (strcmp(key, "rest_hr") == 0) {
        if (!(rc = tendo_parse_int(value, len, 25, 120, key, &i, err)))
            snprintf(norm, n, "%d", i);
    } else if (strcmp(key, "ramp") == 0) {
        char txt[32];
        if (!(rc = tendo_parse_real(value, len, 0, 30, key, &d, err)))
            snprintf(norm, n, "%s", tendo_format_real(d, txt));
    } else if (strcmp(key, "long_run_day") == 0 ||
               strcmp(key, "rest_day") == 0) {
        int is_long = key[0] == 'l';
        if (!(rc = tendo_parse_enum(value, len, day_names, key, &i, err))) {
            if (i == (is_long ? 8 : 7))
                rc = tendo_fail(err, TENDO_EINVAL,
                                "%s: '%s' is not a choice here (%s)", key,
                                day_names[i],
                                is_long ? "mon..sun or none"
                                        : "mon..sun or auto");
            else
                snprintf(norm, n, "%s", day_names[i]);
        }
    } else if (strcmp(key, "goal_week") == 0) {
        double m, km;
        if (!(rc = tendo_parse_volume(value, len, key, &m, &km, err))) {
            /* normalised: blanks dropped, the unit in lower case */
            size_t o = 0;
            for (size_t k = 0; k < len && o + 1 < n; k++)
                if (value[k] != ' ' && value[k] != '\t')
                    norm[o++] = (char)tolower((unsigned char)value[k]);
            norm[o] = '\0';
        }
    } else if (strcmp(key, "warmup_walk_min") == 0 ||
               strcmp(key, "mobility_sets") == 0 ||
               strcmp(key, "calf_sets") == 0 || strcmp(key, "calf_reps") == 0 ||
               strcmp(key, "hold_seconds") == 0) {
        static const struct {
            const char *key;
            int lo, hi;
        } doses[] = {{"warmup_walk_min", 1, 15}, {"mobility_sets", 1, 4},
                     {"calf_sets", 1, 6},        {"calf_reps", 5, 30},
                     {"hold_seconds", 15, 60}};
        for (size_t k = 0; k < sizeof doses / sizeof *doses; k++)
            if (!strcmp(key, doses[k].key) &&
                !(rc = tendo_parse_int(value, len, doses[k].lo, doses[k].hi,
                                       key, &i, err)))
                snprintf(norm, n, "%d", i);
    } else if (strcmp(key, "reminder_time") == 0) {
        int mins;
        if (!(rc = tendo_parse_clock(value, len, key, &mins, err)))
            snprintf(norm, n, "%02d:%02d", mins / 60, mins % 60);
    } else if (strcmp(key, "calendar_secret") == 0 ||
               strcmp(key, "serve_token_sha256") == 0) {
        size_t k = 0;
        while (k < len && isxdigit((unsigned char)value[k]))
            k++;
        if (len != 64 || k != len)
            rc = tendo_fail(err, TENDO_EINVAL,
                            "%s: must be 64 hex digits", key);
        else
            for (k = 0; k < len && k + 1 < n; k++)
                norm[k] = (char)tolower((unsigned char)value[k]), norm[k + 1] = 0;
    } else if (strcmp(key, "shoe_retire_km") == 0) {
        char txt[32];
        if (!(rc = tendo_parse_real(value, len, 100, 3000, key, &d, err)))
            snprintf(norm, n, "%s", tendo_format_real(d, txt));
    }
    return rc;
}

int tendo_setting_get(tendo_db *db, const char *key, char *out, size_t n,
                      int *is_set, struct tendo_error *err)
{
    const struct tendo_setting_def *def = find(key);
    sqlite3_stmt *st;
    int rc;
    if (!def)
        return tendo_fail(err, TENDO_EUSAGE, "unknown setting '%s'", key);
    st = store_prep(db, "SELECT value FROM settings WHERE key = ?1", err);
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        col_text(st, 0, out, n);
        if (is_set)
            *is_set = 1;
    } else if (rc == SQLITE_DONE) {
        snprintf(out, n, "%s", def->def ? def->def : "");
        if (is_set)
            *is_set = 0;
    } else {
        sqlite3_reset(st);
        return store_fail(db, err, "cannot read a setting");
    }
    sqlite3_reset(st);
    return TENDO_OK;
}

int tendo_setting_set(tendo_db *db, const char *key, const char *value,
                      struct tendo_error *err)
{
    char norm[128];
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_setting_check(key, value, norm, sizeof norm, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, key);
    bind_str(st, 2, norm);
    return store_done(db, st, err, "cannot store a setting");
}

int tendo_setting_unset(tendo_db *db, const char *key,
                        struct tendo_error *err)
{
    sqlite3_stmt *st;
    if (!find(key))
        return tendo_fail(err, TENDO_EUSAGE, "unknown setting '%s'", key);
    st = store_prep(db, "DELETE FROM settings WHERE key = ?1", err);
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, key);
    return store_done(db, st, err, "cannot remove a setting");
}

static int weekday_of(const char *v)
{
    for (int i = 0; i < 7; i++)
        if (!strcmp(v, day_names[i]))
            return i;
    return -1;
}

int tendo_athlete_read(tendo_db *db, struct tendo_athlete *a,
                       struct tendo_error *err)
{
    char v[128];
    int rc;
    tendo_athlete_init(a);
#define GET(key) (rc = tendo_setting_get(db, key, v, sizeof v, NULL, err))
    if (GET("units"))
        return rc;
    a->units = !strcmp(v, "mi") ? TENDO_UNITS_MI : TENDO_UNITS_KM;
    if (GET("runs_per_week"))
        return rc;
    if (v[0])
        a->runs_per_week = atoi(v);
    if (GET("max_hr"))
        return rc;
    a->max_hr = v[0] ? atoi(v) : TENDO_UNSET;
    if (GET("rest_hr"))
        return rc;
    a->rest_hr = v[0] ? atoi(v) : TENDO_UNSET;
    if (GET("sex"))
        return rc;
    a->female = !strcmp(v, "female");
    if (GET("age"))
        return rc;
    a->age = v[0] ? atoi(v) : TENDO_UNSET;
    if (GET("protocol"))
        return rc;
    if (v[0] && strlen(v) < sizeof a->protocol)
        memcpy(a->protocol, v, strlen(v) + 1);
    if (GET("ramp"))
        return rc;
    if (v[0])
        a->ramp = atof(v) / 100.0;
    if (GET("shoe_retire_km"))
        return rc;
    if (v[0])
        a->shoe_retire_km = atof(v);
    if (GET("long_run_day"))
        return rc;
    a->long_run_day = weekday_of(v);
    if (GET("rest_day"))
        return rc;
    a->rest_day = weekday_of(v);
    if (GET("goal_week"))
        return rc;
    if (v[0] && (rc = tendo_parse_volume(v, strlen(v), "goal_week",
                                         &a->goal_min, &a->goal_km, err)))
        return rc;
#define DOSE(k)                                                            \
    if (GET(#k))                                                           \
        return rc;                                                         \
    if (v[0])                                                              \
        a->k = atoi(v);
    DOSE(warmup_walk_min)
    DOSE(mobility_sets)
    DOSE(calf_sets)
    DOSE(calf_reps)
    DOSE(hold_seconds)
#undef DOSE
    if (GET("reminder_time"))
        return rc;
    if (v[0] && (rc = tendo_parse_clock(v, strlen(v), "reminder_time",
                                        &a->reminder_min, err)))
        return rc;
#undef GET
    return TENDO_OK;
}
