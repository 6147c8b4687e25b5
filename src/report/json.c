/*
 * report/json.c - records as JSON objects (jansson) and the full export.
 */
#include "tendo/json.h"
#include "tendo/store.h"
#include "tendo/values.h"
#include "core/base64.h"
#include "core/text.h"

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

/* ---- the full export: every table, row by row ------------------------- */

/* The backup is written by hand rather than through a jansson tree so that
 * every real is the shortest text that reads back to the same double
 * (export -> import -> export is byte-identical) and a large history
 * streams into the buffer without a second copy in memory. */

struct writer {
    struct tendo_buf *out;
    struct tendo_error *err;
    int tables;   /* tables begun so far */
    int settings; /* the current table is settings (an object) */
    size_t rows;  /* rows of the current table */
};

/* A JSON string; -1 when the bytes are not UTF-8 (never stored by tendo,
 * whose validators refuse it). */
static int put_string(struct tendo_buf *b, const char *s, size_t n)
{
    if (!text_utf8_valid(s, n))
        return -1;
    tendo_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            tendo_buf_putc(b, '\\');
            tendo_buf_putc(b, (char)ch);
        } else if (ch == '\n') {
            tendo_buf_puts(b, "\\n");
        } else if (ch == '\t') {
            tendo_buf_puts(b, "\\t");
        } else if (ch < 0x20 || ch == 0x7f) {
            tendo_buf_printf(b, "\\u%04x", ch);
        } else {
            tendo_buf_putc(b, (char)ch);
        }
    }
    tendo_buf_putc(b, '"');
    return 0;
}

/* Red flags as their names (an integer if a bit has no name). */
static void put_flags(struct tendo_buf *b, int64_t bits)
{
    int k = 0;
    if (bits < 0 || bits >= (1 << TENDO_FLAG_BITS)) {
        tendo_buf_printf(b, "%lld", (long long)bits);
        return;
    }
    tendo_buf_putc(b, '[');
    for (int i = 0; i < TENDO_FLAG_BITS; i++)
        if (bits & (1 << i))
            tendo_buf_printf(b, "%s\"%s\"", k++ ? "," : "", tendo_flag_names[i]);
    tendo_buf_putc(b, ']');
}

static int put_cell(struct writer *w, const struct tendo_table *t, size_t k,
                    const struct tendo_cell *c)
{
    char num[32];
    switch (c->type) {
    case TENDO_CELL_INT:
        if (!strcmp(t->cols[k], "flags"))
            put_flags(w->out, c->i);
        else
            tendo_buf_printf(w->out, "%lld", (long long)c->i);
        return 0;
    case TENDO_CELL_REAL:
        if (!isfinite(c->r))
            return tendo_fail(w->err, TENDO_EFORMAT,
                              "%s.%s holds a value that is not a number",
                              t->name, t->cols[k]);
        tendo_buf_puts(w->out, tendo_format_real(c->r, num));
        if (!strpbrk(num, ".e"))
            tendo_buf_puts(w->out, ".0"); /* a real stays a real */
        return 0;
    case TENDO_CELL_TEXT:
        if (put_string(w->out, c->p, c->n))
            return tendo_fail(w->err, TENDO_EFORMAT,
                              "%s.%s holds text that is not UTF-8", t->name,
                              t->cols[k]);
        return 0;
    case TENDO_CELL_BLOB:
        tendo_buf_putc(w->out, '"');
        base64_encode(c->p, c->n, w->out);
        tendo_buf_putc(w->out, '"');
        return 0;
    default:
        tendo_buf_puts(w->out, "null");
        return 0;
    }
}

/* Ends the table being written, if any. */
static void close_table(struct writer *w)
{
    if (w->settings)
        tendo_buf_putc(w->out, '}');
    else if (w->tables)
        tendo_buf_puts(w->out, w->rows ? "\n]" : "]");
}

static int on_table(void *ctx, const struct tendo_table *t)
{
    struct writer *w = ctx;
    close_table(w);
    w->settings = !strcmp(t->name, "settings");
    tendo_buf_printf(w->out, ",\n\"%s\":%s", t->name, w->settings ? "{" : "[");
    w->tables++;
    w->rows = 0;
    return w->out->err;
}

static int on_row(void *ctx, const struct tendo_table *t,
                  const struct tendo_cell *cells)
{
    struct writer *w = ctx;
    int rc;
    if (w->settings) {
        /* key, value: an object of the settings stored */
        tendo_buf_puts(w->out, w->rows++ ? "," : "");
        if (put_cell(w, t, 0, &cells[0]) ||
            (tendo_buf_putc(w->out, ':'), put_cell(w, t, 1, &cells[1])))
            return w->err ? w->err->code : TENDO_EFORMAT;
        return w->out->err;
    }
    tendo_buf_puts(w->out, w->rows++ ? ",\n{" : "\n{");
    for (size_t k = 0; k < t->ncols; k++) {
        tendo_buf_printf(w->out, "%s\"%s\":", k ? "," : "", t->cols[k]);
        if ((rc = put_cell(w, t, k, &cells[k])))
            return rc;
    }
    tendo_buf_putc(w->out, '}');
    return w->out->err;
}

int tendo_export_json(struct tendo_db *db, struct tendo_buf *out,
                      struct tendo_error *err)
{
    static const struct tendo_dump_ops ops = {on_table, on_row};
    struct writer w = {out, err, 0, 0, 0};
    int rc;
    tendo_buf_printf(out, "{\"tendo_export\":%d,\"schema\":%d",
                     TENDO_EXPORT_FORMAT, tendo_db_schema_version(db));
    if ((rc = tendo_db_dump(db, &ops, &w, err)))
        return rc;
    close_table(&w);
    tendo_buf_puts(out, "}");
    if (out->err)
        return tendo_fail(err, out->err, "out of memory writing the export");
    return TENDO_OK;
}

json_t *tendo_deletion_json(const struct tendo_deletion *d)
{
    char day[TENDO_DAY_STRLEN] = "";
    if (d->date != TENDO_DAY_NONE)
        tendo_day_format(d->date, day);
    return json_pack("{s:s,s:o,s:o,s:s,s:b}", "kind",
                     tendo_record_kinds[d->kind], "id",
                     d->id ? json_integer(d->id) : json_null(), "date",
                     day[0] ? json_string(day) : json_null(), "what", d->what,
                     "retired", d->retire);
}

json_t *tendo_routine_log_json(const struct tendo_routine_log *r)
{
    char day[TENDO_DAY_STRLEN];
    return json_pack("{s:I,s:s,s:s,s:o}", "id", (json_int_t)r->id, "date",
                     tendo_day_format(r->date, day), "block", r->block,
                     "pain", r->pain == TENDO_UNSET ? json_null()
                                                    : json_integer(r->pain));
}
