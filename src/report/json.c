/*
 * report/json.c - records as JSON objects (jansson) and the full export.
 */
#include "tendo/json.h"
#include "tendo/store.h"

#include <math.h>
#include <string.h>

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *int_or_null(int v)
{
    return v == TENDO_UNSET ? json_null() : json_integer(v);
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *day_or_null(tendo_day d)
{
    char txt[TENDO_DAY_STRLEN];
    return d == TENDO_DAY_NONE ? json_null()
                               : json_string(tendo_day_format(d, txt));
}

static double in_units(double metres, int units)
{
    double v;
    if (isnan(metres))
        return NAN;
    v = metres / (units == TENDO_UNITS_MI ? TENDO_M_PER_MI : 1000.0);
    return round(v * 1000.0) / 1000.0;
}

/* json_object_set_new that turns any NULL (out of memory) into a failure
 * flag on the object: callers check the object once at the end. */
static int set(json_t *o, const char *k, json_t *v)
{
    return !o || !v || json_object_set_new(o, k, v) != 0;
}

json_t *tendo_session_json(const struct tendo_session *s, int units)
{
    json_t *o = json_object();
    char utc[21];
    int bad = 0;
    bad |= set(o, "id", json_integer(s->id));
    bad |= set(o, "date", day_or_null(s->date));
    bad |= set(o, "start_utc", s->start_utc == INT64_MIN
                                   ? json_null()
                                   : json_string(tendo_utc_format(
                                         s->start_utc, utc)));
    bad |= set(o, "type", json_string(s->type));
    bad |= set(o, "minutes", num_or_null(s->minutes));
    bad |= set(o, "distance", num_or_null(in_units(s->distance_m, units)));
    bad |= set(o, "distance_m", num_or_null(s->distance_m));
    bad |= set(o, "rpe", int_or_null(s->rpe));
    bad |= set(o, "surface", str_or_null(s->surface));
    bad |= set(o, "shoe", str_or_null(s->shoe));
    bad |= set(o, "pain_during", int_or_null(s->pain_during));
    bad |= set(o, "pain_after", int_or_null(s->pain_after));
    bad |= set(o, "source", str_or_null(s->source));
    bad |= set(o, "notes", json_string(s->notes));
    bad |= set(o, "elapsed_s", num_or_null(s->elapsed_s));
    bad |= set(o, "avg_hr", int_or_null(s->avg_hr));
    bad |= set(o, "max_hr", int_or_null(s->max_hr));
    bad |= set(o, "cadence_spm", num_or_null(s->cadence_spm));
    bad |= set(o, "ascent_m", num_or_null(s->ascent_m));
    bad |= set(o, "utc_offset_s", s->utc_offset_s == INT32_MIN
                                      ? json_null()
                                      : json_integer(s->utc_offset_s));
    bad |= set(o, "device", str_or_null(s->device));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *tendo_check_json(const struct tendo_check *c)
{
    json_t *o = json_object(), *flags = json_array();
    int bad = !flags;
    for (int i = 0; tendo_flag_names[i] && flags; i++)
        if (c->flags & (1u << i))
            bad |= json_array_append_new(flags, json_string(tendo_flag_names[i]));
    bad |= set(o, "date", day_or_null(c->date));
    bad |= set(o, "morning", int_or_null(c->morning));
    bad |= set(o, "stiffness_min", int_or_null(c->stiffness_min));
    bad |= set(o, "during", int_or_null(c->during));
    bad |= set(o, "after", int_or_null(c->after));
    bad |= set(o, "hop_pain", int_or_null(c->hop_pain));
    bad |= set(o, "side", str_or_null(c->side));
    bad |= set(o, "location", str_or_null(c->location));
    bad |= set(o, "red_flags", flags);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *flag_list(unsigned bits)
{
    json_t *flags = json_array();
    for (int i = 0; tendo_flag_names[i] && flags; i++)
        if (bits & (1u << i) &&
            json_array_append_new(flags, json_string(tendo_flag_names[i]))) {
            json_decref(flags);
            return NULL;
        }
    return flags;
}

/* a clearance or a correction: the flags of a day, and when recorded */
static json_t *flag_event(int64_t id, tendo_day date, unsigned flags,
                          tendo_day recorded)
{
    json_t *o = json_object();
    int bad = 0;
    bad |= set(o, "id", json_integer(id));
    bad |= set(o, "date", day_or_null(date));
    bad |= set(o, "flags", flag_list(flags));
    bad |= set(o, "recorded", day_or_null(recorded));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *tendo_clearance_json(const struct tendo_clearance *c)
{
    json_t *o = flag_event(c->id, c->date, c->flags, c->recorded);
    if (o && set(o, "note", json_string(c->note))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *tendo_flag_correction_json(const struct tendo_flag_correction *c)
{
    return flag_event(c->id, c->date, c->flags, c->recorded);
}

json_t *tendo_rehab_json(const struct tendo_rehab *r)
{
    json_t *o = json_object();
    int bad = 0;
    bad |= set(o, "id", json_integer(r->id));
    bad |= set(o, "date", day_or_null(r->date));
    bad |= set(o, "exercise", json_string(r->exercise));
    bad |= set(o, "sets", int_or_null(r->sets));
    bad |= set(o, "reps", int_or_null(r->reps));
    bad |= set(o, "load_kg", num_or_null(r->load_kg));
    bad |= set(o, "tempo", str_or_null(r->tempo));
    bad |= set(o, "surface", str_or_null(r->surface));
    bad |= set(o, "pain", int_or_null(r->pain));
    bad |= set(o, "source", str_or_null(r->source));
    bad |= set(o, "notes", json_string(r->notes));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *tendo_wellness_json(const struct tendo_wellness *w)
{
    json_t *o = json_object();
    int bad = 0;
    bad |= set(o, "date", day_or_null(w->date));
    bad |= set(o, "sleep_h", num_or_null(w->sleep_h));
    bad |= set(o, "sleep_quality", int_or_null(w->sleep_quality));
    bad |= set(o, "stress", int_or_null(w->stress));
    bad |= set(o, "fatigue", int_or_null(w->fatigue));
    bad |= set(o, "soreness", int_or_null(w->soreness));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *tendo_shoe_json(const struct tendo_shoe *s, int units,
                        double retire_km)
{
    json_t *o = json_object();
    int bad = 0;
    bad |= set(o, "id", json_integer(s->id));
    bad |= set(o, "name", json_string(s->name));
    bad |= set(o, "brand", str_or_null(s->brand));
    bad |= set(o, "drop_mm", num_or_null(s->drop_mm));
    bad |= set(o, "added", day_or_null(s->added));
    bad |= set(o, "retired", day_or_null(s->retired));
    bad |= set(o, "default", json_boolean(s->is_default));
    bad |= set(o, "sessions", json_integer(s->sessions));
    bad |= set(o, "start_m", json_real(s->start_m));
    bad |= set(o, "distance", num_or_null(in_units(s->distance_m, units)));
    bad |= set(o, "distance_m", num_or_null(s->distance_m));
    bad |= set(o, "retire_suggested",
               json_boolean(s->retired == TENDO_DAY_NONE && retire_km > 0 &&
                            s->distance_m >= retire_km * 1000.0));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    tendo_buf_add(data, buffer, size);
    return 0;
}

int tendo_json_dump(const json_t *v, struct tendo_buf *out)
{
    if (!v)
        return TENDO_ENOMEM;
    if (json_dump_callback(v, dump_cb, out,
                           JSON_PRESERVE_ORDER | JSON_COMPACT |
                               JSON_REAL_PRECISION(12)) != 0)
        return TENDO_ENOMEM;
    return out->err;
}

/* ---- the full export --------------------------------------------------- */

struct collect {
    json_t *arr;
    int units;
    int bad;
};

static int add_session(const struct tendo_session *s, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_session_json(s, c->units));
    return c->bad;
}
static int add_check(const struct tendo_check *x, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_check_json(x));
    return c->bad;
}
static int add_rehab(const struct tendo_rehab *x, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_rehab_json(x));
    return c->bad;
}
static int add_wellness(const struct tendo_wellness *x, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_wellness_json(x));
    return c->bad;
}
static int add_clearance(const struct tendo_clearance *x, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_clearance_json(x));
    return c->bad;
}
static int add_correction(const struct tendo_flag_correction *x, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_flag_correction_json(x));
    return c->bad;
}
static int add_shoe(const struct tendo_shoe *x, void *p)
{
    struct collect *c = p;
    c->bad |= json_array_append_new(c->arr, tendo_shoe_json(x, c->units, 0));
    return c->bad;
}

int tendo_export_json(struct tendo_db *db, struct tendo_buf *out,
                      struct tendo_error *err)
{
    json_t *doc = json_object(), *settings = json_object();
    struct collect c[7];
    const struct tendo_setting_def *defs;
    size_t n;
    int rc = TENDO_OK;
    static const char *const names[7] = {"shoes", "sessions", "checks",
                                         "rehab", "wellness", "clearances",
                                         "flag_corrections"};

    if (!doc || !settings) {
        json_decref(doc);
        json_decref(settings);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    set(doc, "tendo_export", json_integer(1));
    set(doc, "schema", json_integer(TENDO_SCHEMA_VERSION));
    defs = tendo_settings(&n);
    for (size_t i = 0; i < n && !rc; i++) {
        char v[128];
        int is_set;
        rc = tendo_setting_get(db, defs[i].key, v, sizeof v, &is_set, err);
        if (!rc && is_set)
            set(settings, defs[i].key, json_string(v));
    }
    set(doc, "settings", settings);
    for (int i = 0; i < 7; i++) {
        c[i].arr = json_array();
        c[i].units = TENDO_UNITS_KM;
        c[i].bad = !c[i].arr;
        set(doc, names[i], c[i].arr);
    }
    if (!rc)
        rc = tendo_shoes_each(db, add_shoe, &c[0], err);
    if (!rc)
        rc = tendo_sessions_each(db, TENDO_DAY_MIN, INT32_MAX, add_session,
                                 &c[1], err);
    if (!rc)
        rc = tendo_checks_each(db, TENDO_DAY_MIN, INT32_MAX, add_check, &c[2],
                               err);
    if (!rc)
        rc = tendo_rehab_each(db, TENDO_DAY_MIN, INT32_MAX, add_rehab, &c[3],
                              err);
    if (!rc)
        rc = tendo_wellness_each(db, TENDO_DAY_MIN, INT32_MAX, add_wellness,
                                 &c[4], err);
    if (!rc)
        rc = tendo_clearances_each(db, TENDO_DAY_MIN, INT32_MAX,
                                   add_clearance, &c[5], err);
    if (!rc)
        rc = tendo_flag_corrections_each(db, TENDO_DAY_MIN, INT32_MAX,
                                         add_correction, &c[6], err);
    for (int i = 0; i < 7 && !rc; i++)
        if (c[i].bad)
            rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
    if (!rc && tendo_json_dump(doc, out) != TENDO_OK)
        rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
    json_decref(doc);
    return rc;
}
