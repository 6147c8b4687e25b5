/*
 * serve/write.c - the server's writes, shared by the pages (forms) and the
 * JSON API: each reads the request's fields with the library's strict
 * parsers (an error names the field, as the CLI's names its option),
 * writes through the library in one transaction and returns the document
 * the CLI's --json prints for the same write.
 *
 * A field that is absent or empty (a form's blank input) is not given.
 */
#include "serve/serve_int.h"
#include "tendo/assess.h"
#include "tendo/documents.h"
#include "tendo/import.h"
#include "tendo/json.h"
#include "tendo/loader.h"
#include "tendo/rules.h"
#include "tendo/values.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <strings.h>
#include <sys/random.h>
#include <unistd.h>

static const char *given(struct serve_req *r, const char *name)
{
    const char *v = serve_field(r, name);
    return v && *v ? v : NULL;
}

static int int_field(struct serve_req *r, const char *name, long min,
                     long max, int *out, struct tendo_error *e)
{
    const char *v = given(r, name);
    return v ? tendo_parse_int(v, strlen(v), min, max, name, out, e) : 0;
}

static int real_field(struct serve_req *r, const char *name, double min,
                      double max, double *out, struct tendo_error *e)
{
    const char *v = given(r, name);
    return v ? tendo_parse_real(v, strlen(v), min, max, name, out, e) : 0;
}

static int enum_field(struct serve_req *r, const char *name,
                      const char *const *names, char *out, size_t n,
                      struct tendo_error *e)
{
    const char *v = given(r, name);
    int i, rc;
    if (!v)
        return 0;
    if (!(rc = tendo_parse_enum(v, strlen(v), names, name, &i, e)))
        snprintf(out, n, "%s", names[i]);
    return rc;
}

/* `date` (default today): a day up to today */
static int day_field(struct serve_req *r, tendo_day today, tendo_day *out,
                     struct tendo_error *e)
{
    const char *v = given(r, "date");
    *out = today;
    if (v && tendo_parse_day(v, strlen(v), today, "date", out, e))
        return TENDO_EINVAL;
    if (*out > today)
        return tendo_fail(e, TENDO_ERANGE, "date '%s' is after today", v);
    return 0;
}

/* "id": a positive record id, or 0 when absent */
static int id_field(struct serve_req *r, int64_t *id, struct tendo_error *e)
{
    const char *v = given(r, "id");
    char *end;
    long long x;
    *id = 0;
    if (!v)
        return 0;
    if (*v == '#')
        v++;
    x = strtoll(v, &end, 10);
    if (*end || x <= 0 || *v == '+' || *v == '-' || *v == ' ')
        return tendo_fail(e, TENDO_EINVAL,
                          "id '%.40s' is not a positive number", v);
    *id = x;
    return 0;
}

/* One transaction around `fn`, on a database opened for writing. */
static int in_txn(struct serve_req *r,
                  int (*fn)(struct serve_req *r, tendo_db *db, tendo_day today,
                            int units, void *ctx, struct tendo_error *e),
                  void *ctx, struct tendo_error *e)
{
    tendo_db *db;
    tendo_day today;
    int units, rc;
    if ((rc = serve_open(r, 1, &db, &today, &units, e)))
        return rc;
    if ((rc = tendo_db_begin(db, e)) ||
        (rc = fn(r, db, today, units, ctx, e)) ||
        (rc = tendo_db_commit(db, e)))
        tendo_db_rollback(db);
    serve_close(r, db);
    return rc;
}

/* ---- check ------------------------------------------------------------- */

static int flag_bits(const char *v, unsigned *bits, struct tendo_error *e)
{
    /* "night-pain,swelling" or "none" */
    const char *p = v;
    if (strcmp(v, "none") == 0)
        return 0;
    while (*p) {
        size_t n = strcspn(p, ",");
        int i;
        if (n && tendo_parse_enum(p, n, tendo_flag_names, "flags", &i, e))
            return TENDO_EINVAL;
        if (n)
            *bits |= 1u << i;
        p += n + (p[n] == ',');
    }
    return 0;
}

static int do_check(struct serve_req *r, tendo_db *db, tendo_day today,
                    int units, void *ctx, struct tendo_error *e)
{
    struct tendo_check in;
    struct tendo_check_outcome *out = ctx;
    unsigned add = 0;
    int replace = 0, rc;
    (void)units;
    tendo_check_init(&in);
    if ((rc = day_field(r, today, &in.date, e)) ||
        (rc = int_field(r, "morning", 0, 10, &in.morning, e)) ||
        (rc = int_field(r, "stiffness", 0, 1440, &in.stiffness_min, e)) ||
        (rc = int_field(r, "during", 0, 10, &in.during, e)) ||
        (rc = int_field(r, "after", 0, 10, &in.after, e)) ||
        (rc = int_field(r, "hop_pain", 0, 10, &in.hop_pain, e)) ||
        (rc = enum_field(r, "side", tendo_sides, in.side, sizeof in.side,
                         e)) ||
        (rc = enum_field(r, "location", tendo_locations, in.location,
                         sizeof in.location, e)))
        return rc;
    for (size_t i = 0; i < r->nf; i++) {
        if (!r->f[i].len)
            continue;
        if (strcmp(r->f[i].name, "flag") == 0 &&
            (rc = flag_bits(r->f[i].value, &add, e)))
            return rc;
        if (strcmp(r->f[i].name, "flags") == 0) {
            if ((rc = flag_bits(r->f[i].value, &in.flags, e)))
                return rc;
            replace = 1;
        }
    }
    if (tendo_check_is_empty(&in) && !replace && !add)
        return tendo_fail(e, TENDO_EUSAGE,
                          "a check needs at least one value (morning, "
                          "stiffness, ...)");
    return tendo_check_update(db, &in, replace, add, today, out, e);
}

int write_check(struct serve_req *r, json_t **doc, struct tendo_error *e)
{
    struct tendo_check_outcome out;
    int rc = in_txn(r, do_check, &out, e);
    *doc = rc ? NULL : tendo_check_outcome_json(&out);
    return rc;
}

/* ---- session ----------------------------------------------------------- */

struct session_ctx {
    struct tendo_session s;
    int units;
};

static int do_session(struct serve_req *r, tendo_db *db, tendo_day today,
                      int units, void *ctx, struct tendo_error *e)
{
    struct session_ctx *x = ctx;
    struct tendo_session *s = &x->s;
    const char *km = given(r, "km"), *mi = given(r, "mi");
    const char *shoe = given(r, "shoe"), *notes = serve_field(r, "notes");
    int64_t id;
    int rc, no_shoe = given(r, "no_shoe") != NULL;
    double d;
    x->units = units;
    if ((rc = id_field(r, &id, e)))
        return rc;
    if (id) { /* an edit: the fields given replace the stored ones */
        if ((rc = tendo_session_get(db, id, s, e)))
            return rc;
    } else {
        tendo_session_init(s);
        snprintf(s->source, sizeof s->source, "manual");
        if ((rc = day_field(r, today, &s->date, e)))
            return rc;
        if (!given(r, "type"))
            return tendo_fail(e, TENDO_EUSAGE,
                              "a session needs a type (run, bike, ...)");
    }
    if (id && given(r, "date") && (rc = day_field(r, today, &s->date, e)))
        return rc;
    if (km && mi)
        return tendo_fail(e, TENDO_EUSAGE,
                          "the distance is given twice (km or mi, once)");
    if ((rc = enum_field(r, "type", tendo_session_types, s->type,
                         sizeof s->type, e)) ||
        (rc = real_field(r, "minutes", 0, TENDO_MAX_MINUTES, &s->minutes,
                         e)) ||
        (rc = int_field(r, "rpe", 0, 10, &s->rpe, e)) ||
        (rc = enum_field(r, "surface", tendo_surfaces, s->surface,
                         sizeof s->surface, e)) ||
        (rc = int_field(r, "pain", 0, 10, &s->pain_during, e)) ||
        (rc = int_field(r, "pain_after", 0, 10, &s->pain_after, e)))
        return rc;
    if (given(r, "minutes") && !(s->minutes > 0))
        return tendo_fail(e, TENDO_ERANGE, "minutes must be more than 0");
    if (km || mi) {
        if ((rc = real_field(r, km ? "km" : "mi", 0, 1000, &d, e)))
            return rc;
        s->distance_m = d * (km ? 1000.0 : TENDO_M_PER_MI);
    }
    if (shoe && (rc = tendo_parse_name(shoe, strlen(shoe), TENDO_NAME_MAX,
                                       "shoe", s->shoe, e)))
        return rc;
    if (no_shoe) {
        s->shoe[0] = '\0';
        s->shoe_id = 0;
    }
    if (notes && (rc = tendo_parse_text(notes, strlen(notes), TENDO_NOTES_MAX,
                                        "notes", s->notes, e)))
        return rc;
    if (isnan(s->minutes) && isnan(s->distance_m))
        return tendo_fail(e, TENDO_EUSAGE,
                          "a session needs minutes or a distance (km, mi)");
    if (id) {
        if (shoe || no_shoe)
            s->shoe_id = 0; /* resolved again from the name */
        return tendo_session_update(db, s, today, e);
    }
    return tendo_session_log(db, s, no_shoe, today, e);
}

int write_session(struct serve_req *r, json_t **doc, struct tendo_error *e)
{
    struct session_ctx x;
    int rc = in_txn(r, do_session, &x, e);
    *doc = rc ? NULL : tendo_session_json(&x.s, x.units);
    return rc;
}

/* ---- rehab ------------------------------------------------------------- */

static int do_rehab(struct serve_req *r, tendo_db *db, tendo_day today,
                    int units, void *ctx, struct tendo_error *e)
{
    struct tendo_rehab *x = ctx;
    const char *notes = serve_field(r, "notes");
    int rc;
    (void)units;
    tendo_rehab_init(x);
    snprintf(x->source, sizeof x->source, "manual");
    if ((rc = day_field(r, today, &x->date, e)))
        return rc;
    if (!given(r, "exercise")) {
        /* as prescribed: today's dose (tendo rehab --yes) */
        struct tendo_history *h = NULL;
        struct tendo_advice *a = tendo_malloc(sizeof *a);
        if (!a)
            return tendo_fail(e, TENDO_ENOMEM, "out of memory");
        if ((rc = tendo_history_load(db, today, &h, e)) ||
            (rc = tendo_advise(h, today, a, e))) {
            tendo_history_free(h);
            tendo_free(a);
            return rc;
        }
        if (!a->has_rehab) {
            tendo_history_free(h);
            tendo_free(a);
            return tendo_fail(e, TENDO_EUSAGE,
                              "no rehab is prescribed today: name the "
                              "exercise, sets and reps");
        }
        snprintf(x->exercise, sizeof x->exercise, "%s", a->rehab_exercise);
        snprintf(x->surface, sizeof x->surface, "%s", a->rehab_surface);
        snprintf(x->tempo, sizeof x->tempo, "%s", a->rehab_tempo);
        x->sets = a->rehab_sets;
        x->reps = a->rehab_reps;
        x->load_kg = a->rehab_load_kg;
        tendo_history_free(h);
        tendo_free(a);
    }
    if ((rc = enum_field(r, "exercise", tendo_rehab_exercises, x->exercise,
                         sizeof x->exercise, e)) ||
        (rc = int_field(r, "sets", 1, 20, &x->sets, e)) ||
        (rc = int_field(r, "reps", 1, 200, &x->reps, e)) ||
        (rc = real_field(r, "load_kg", 0, 500, &x->load_kg, e)) ||
        (rc = enum_field(r, "surface", tendo_rehab_surfaces, x->surface,
                         sizeof x->surface, e)) ||
        (rc = int_field(r, "pain", 0, 10, &x->pain, e)))
        return rc;
    if (given(r, "tempo") &&
        (rc = tendo_parse_name(given(r, "tempo"), strlen(given(r, "tempo")),
                               sizeof x->tempo - 1, "tempo", x->tempo, e)))
        return rc;
    if (notes && (rc = tendo_parse_text(notes, strlen(notes), TENDO_NOTES_MAX,
                                        "notes", x->notes, e)))
        return rc;
    if (x->sets == TENDO_UNSET || x->reps == TENDO_UNSET)
        return tendo_fail(e, TENDO_EUSAGE,
                          "a rehab session needs sets and reps");
    return tendo_rehab_add(db, x, today, e);
}

int write_rehab(struct serve_req *r, json_t **doc, struct tendo_error *e)
{
    struct tendo_rehab x;
    int rc = in_txn(r, do_rehab, &x, e);
    *doc = rc ? NULL : tendo_rehab_json(&x);
    return rc;
}

/* ---- wellness ---------------------------------------------------------- */

static int do_wellness(struct serve_req *r, tendo_db *db, tendo_day today,
                       int units, void *ctx, struct tendo_error *e)
{
    struct tendo_wellness in, *w = ctx;
    int rc, found;
    (void)units;
    tendo_wellness_init(&in);
    if ((rc = day_field(r, today, &in.date, e)) ||
        (rc = real_field(r, "sleep_h", 0, 24, &in.sleep_h, e)) ||
        (rc = int_field(r, "sleep_quality", 1, 5, &in.sleep_quality, e)) ||
        (rc = int_field(r, "stress", 1, 5, &in.stress, e)) ||
        (rc = int_field(r, "fatigue", 1, 5, &in.fatigue, e)) ||
        (rc = int_field(r, "soreness", 1, 5, &in.soreness, e)))
        return rc;
    if (tendo_wellness_is_empty(&in))
        return tendo_fail(e, TENDO_EUSAGE,
                          "wellness needs at least one value (sleep_h, "
                          "sleep_quality, stress, fatigue, soreness)");
    if ((rc = tendo_wellness_get(db, in.date, w, &found, e)))
        return rc;
    if (!isnan(in.sleep_h))
        w->sleep_h = in.sleep_h;
    if (in.sleep_quality != TENDO_UNSET)
        w->sleep_quality = in.sleep_quality;
    if (in.stress != TENDO_UNSET)
        w->stress = in.stress;
    if (in.fatigue != TENDO_UNSET)
        w->fatigue = in.fatigue;
    if (in.soreness != TENDO_UNSET)
        w->soreness = in.soreness;
    return tendo_wellness_put(db, w, today, e);
}

int write_wellness(struct serve_req *r, json_t **doc, struct tendo_error *e)
{
    struct tendo_wellness w;
    int rc = in_txn(r, do_wellness, &w, e);
    *doc = rc ? NULL : tendo_wellness_json(&w);
    return rc;
}

/* ---- assessment ------------------------------------------------------- */

static int do_assessment(struct serve_req *r, tendo_db *db, tendo_day today,
                         int units, void *ctx, struct tendo_error *e)
{
    static const char *const sides[] = {"left", "right", NULL};
    struct tendo_assessment a;
    const char *answers = given(r, "answers"), *notes = serve_field(r, "notes");
    char involved[8] = "";
    int rc;
    (void)units;
    tendo_assessment_init(&a);
    if (!given(r, "kind"))
        return tendo_fail(e, TENDO_EUSAGE,
                          "an assessment needs a kind (visa-a, heel-raise, "
                          "dorsiflexion)");
    if ((rc = enum_field(r, "kind", tendo_assessment_kinds, a.kind,
                         sizeof a.kind, e)) ||
        (rc = day_field(r, today, &a.date, e)) ||
        (rc = real_field(r, "left", 0, 500, &a.left, e)) ||
        (rc = real_field(r, "right", 0, 500, &a.right, e)) ||
        (rc = enum_field(r, "involved", sides, involved, sizeof involved, e)))
        return rc;
    if (notes && (rc = tendo_parse_text(notes, strlen(notes), TENDO_NOTES_MAX,
                                        "notes", a.notes, e)))
        return rc;
    if (strcmp(a.kind, "visa-a") == 0) {
        int p[TENDO_VISA_ITEMS], total;
        if (!answers || !isnan(a.left) || !isnan(a.right) || involved[0])
            return tendo_fail(e, TENDO_EUSAGE,
                              "visa-a takes answers (Q1,...,Q8) only");
        if ((rc = tendo_visa_a_parse(answers, p, &total, e)))
            return rc;
        a.score = total;
        snprintf(a.answers, sizeof a.answers, "%d,%d,%d,%d,%d,%d,%d,%d",
                 p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
    } else if (strcmp(a.kind, "function") == 0) {
        int q[TENDO_FUNCTION_ITEMS], score;
        if (!answers || !isnan(a.left) || !isnan(a.right) || involved[0])
            return tendo_fail(e, TENDO_EUSAGE,
                              "function takes answers (stairs,daily "
                              "tasks,recovery) only");
        if ((rc = tendo_function_parse(answers, q, &score, e)))
            return rc;
        a.score = score;
        snprintf(a.answers, sizeof a.answers, "%d,%d,%d", q[0], q[1], q[2]);
    } else if (answers) {
        return tendo_fail(e, TENDO_EUSAGE, "answers are for visa-a and "
                                           "function");
    } else if (isnan(a.left) || isnan(a.right)) {
        return tendo_fail(e, TENDO_EUSAGE,
                          "%s needs both left and right (0 when a side "
                          "cannot be tested)",
                          a.kind);
    } else if (involved[0] && strcmp(a.kind, "heel-raise") != 0) {
        return tendo_fail(e, TENDO_EUSAGE, "involved is for heel-raise");
    }
    return tendo_assessment_log(db, &a, involved[0] ? involved : NULL, today,
                                ctx, e);
}

int write_assessment(struct serve_req *r, json_t **doc,
                     struct tendo_error *e)
{
    struct tendo_assessment_entry ent;
    int rc = in_txn(r, do_assessment, &ent, e);
    *doc = rc ? NULL : tendo_assessment_entry_json(&ent);
    return rc;
}

/* ---- the routine's blocks done ------------------------------------------ */

struct routine_ctx {
    struct tendo_routine_log logs[TENDO_BLOCK_COUNT];
    size_t n;
};

static int do_routine(struct serve_req *r, tendo_db *db, tendo_day today,
                      int units, void *ctx, struct tendo_error *e)
{
    struct routine_ctx *x = ctx;
    tendo_day day;
    int pain = TENDO_UNSET, rc;
    char list[200] = "";
    size_t len = 0;
    (void)units;
    if ((rc = day_field(r, today, &day, e)) ||
        (rc = int_field(r, "pain", 0, 10, &pain, e)))
        return rc;
    /* "blocks": "all", "warm-up,mobility", or repeated / a JSON list */
    for (size_t i = 0; i < r->nf; i++)
        if (!strcmp(r->f[i].name, "blocks") && r->f[i].len &&
            len + r->f[i].len + 2 < sizeof list)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                    len ? "," : "", r->f[i].value);
    if (!len)
        return tendo_fail(e, TENDO_EUSAGE,
                          "name the blocks done (blocks: all, or warm-up, "
                          "mobility, ...)");
    return tendo_routine_done(db, day, today, list, pain, x->logs, &x->n, e);
}

int write_routine(struct serve_req *r, json_t **doc, struct tendo_error *e)
{
    struct routine_ctx x;
    json_t *arr;
    int rc = in_txn(r, do_routine, &x, e);
    *doc = NULL;
    if (rc)
        return rc;
    if (!(arr = json_array()))
        return tendo_fail(e, TENDO_ENOMEM, "out of memory");
    for (size_t i = 0; i < x.n; i++)
        json_array_append_new(arr, tendo_routine_log_json(&x.logs[i]));
    *doc = json_pack("{s:o}", "done", arr);
    return *doc ? TENDO_OK : tendo_fail(e, TENDO_ENOMEM, "out of memory");
}

/* ---- delete ------------------------------------------------------------ */

static int add_deleted(const struct tendo_deletion *d, void *ctx)
{
    json_t *o = tendo_deletion_json(d);
    return o ? json_array_append_new(ctx, o) : -1;
}

static int do_delete(struct serve_req *r, tendo_db *db, tendo_day today,
                     int units, void *ctx, struct tendo_error *e)
{
    const char *kind_s = given(r, "kind"), *date = given(r, "date");
    tendo_day day = TENDO_DAY_NONE;
    int64_t id;
    size_t n = 0;
    int kind, rc;
    char d[TENDO_DAY_STRLEN];
    (void)units;
    if (!kind_s)
        return tendo_fail(e, TENDO_EUSAGE,
                          "delete needs a kind (session, check, rehab, "
                          "wellness, assessment, shoe, clearance, routine)");
    if ((rc = tendo_parse_enum(kind_s, strlen(kind_s), tendo_record_kinds,
                               "kind", &kind, e)) ||
        (rc = id_field(r, &id, e)))
        return rc;
    if (date && (rc = day_field(r, today, &day, e)))
        return rc;
    if (!id == !date || (id && tendo_record_kind_per_day(kind)) ||
        (!id && kind == TENDO_KIND_SHOE))
        return tendo_fail(e, TENDO_EUSAGE,
                          tendo_record_kind_per_day(kind)
                              ? "name the day (date), not an id"
                          : kind == TENDO_KIND_SHOE
                              ? "name the shoe by its id"
                              : "name the record by its id or its day "
                                "(date), one of them");
    if ((rc = tendo_delete_find(db, kind, id, day, NULL, NULL, &n, e)))
        return rc;
    if (!n)
        return id ? tendo_fail(e, TENDO_ENOTFOUND, "no %s #%lld",
                               tendo_record_kinds[kind], (long long)id)
                  : tendo_fail(e, TENDO_ENOTFOUND, "no %s on %s",
                               tendo_record_kinds[kind],
                               tendo_day_format(day, d));
    return tendo_delete(db, kind, id, day, serve_now(r), today, add_deleted,
                        ctx, NULL, e);
}

int write_delete(struct serve_req *r, json_t **doc, struct tendo_error *e)
{
    json_t *arr = json_array();
    int rc = arr ? in_txn(r, do_delete, arr, e)
                 : tendo_fail(e, TENDO_ENOMEM, "out of memory");
    *doc = rc ? NULL : json_pack("{s:o}", "deleted", arr);
    if (rc)
        json_decref(arr);
    return rc;
}

/* ---- import ------------------------------------------------------------ */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

struct export_ctx {
    json_t *items;
    int counts[3];
    int stopped;                /* the database failed: the rest is moot */
    struct tendo_error err;
};

static void export_row(const char *item, const struct tendo_import_result *r,
                       void *ctx)
{
    struct export_ctx *x = ctx;
    if (x->stopped)
        return;
    if (r->status == TENDO_IMPORT_REJECTED &&
        (r->err.code == TENDO_EDB || r->err.code == TENDO_ENOMEM)) {
        x->stopped = 1;
        x->err = r->err;
        return;
    }
    x->counts[r->status]++;
    json_array_append_new(x->items, tendo_import_result_json(item, r));
}

/* A Strava export (.zip) as uploaded: kept in a private file beside the
 * database (its folder is the athlete's: 0700) while the library reads
 * it, row by row as `tendo import export.zip` does, then removed. */
static int import_export(struct serve_req *r, tendo_db *db,
                         const struct tendo_import_opts *o, const char *name,
                         const uint8_t *data, size_t len, json_t **doc,
                         struct tendo_error *e)
{
    struct export_ctx x;
    char path[4096];
    const char *slash = strrchr(r->s->db_path, '/');
    int fd, rc;
    size_t off = 0;
    memset(&x, 0, sizeof x);
    snprintf(path, sizeof path, "%.*s.tendo-upload-XXXXXX.zip",
             slash ? (int)(slash - r->s->db_path + 1) : 0, r->s->db_path);
    if ((fd = mkstemps(path, 4)) < 0)
        return tendo_fail(e, TENDO_EIO, "cannot keep the upload: %s",
                          strerror(errno));
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = tendo_fail(e, TENDO_EIO, "cannot keep the upload: %s",
                            n < 0 ? strerror(errno) : "short write");
            close(fd);
            unlink(path);
            return rc;
        }
        off += (size_t)n;
    }
    close(fd);
    if (!(x.items = json_array())) {
        unlink(path);
        return tendo_fail(e, TENDO_ENOMEM, "out of memory");
    }
    rc = tendo_import_strava(db, path, o, export_row, &x, e);
    unlink(path);
    if (!rc && x.stopped) {
        *e = x.err;
        rc = x.err.code;
    }
    if (rc == TENDO_EDB || rc == TENDO_ENOMEM || rc == TENDO_EIO) {
        json_decref(x.items);
        return rc;
    }
    if (rc) { /* the export as a whole: one rejected result */
        struct tendo_import_result bad;
        memset(&bad, 0, sizeof bad);
        bad.status = TENDO_IMPORT_REJECTED;
        bad.err = *e;
        json_decref(x.items);
        *doc = tendo_import_result_json(name, &bad);
        return *doc ? TENDO_OK : tendo_fail(e, TENDO_ENOMEM, "out of memory");
    }
    *doc = json_pack("{s:s,s:s,s:s,s:o,s:{s:i,s:i,s:i,s:i}}", "file", name,
                     "status", "imported", "format", "strava-export", "items",
                     x.items, "summary", "files",
                     x.counts[0] + x.counts[1] + x.counts[2], "imported",
                     x.counts[0], "duplicate", x.counts[1], "rejected",
                     x.counts[2]);
    return *doc ? TENDO_OK : tendo_fail(e, TENDO_ENOMEM, "out of memory");
}

/* One file: its own transaction (the library's), the ledger's entry, the
 * CLI's per-file document; a Strava export (.zip) row by row. A rejected
 * file is a result, not an error. */
int write_import(struct serve_req *r, const char *name, const uint8_t *data,
                 size_t len, json_t **doc, struct tendo_error *e)
{
    struct tendo_import_opts o;
    struct tendo_import_result *res;
    tendo_db *db;
    tendo_day today;
    int units, rc;
    *doc = NULL;
    if ((rc = serve_open(r, 1, &db, &today, &units, e)))
        return rc;
    memset(&o, 0, sizeof o);
    o.today = today;
    o.now_utc = serve_now(r);
    o.tz = serve_zone(r);
    if (ends_with(name, ".zip")) {
        rc = import_export(r, db, &o, name, data, len, doc, e);
        serve_close(r, db);
        return rc;
    }
    if (!(res = tendo_calloc(1, sizeof *res))) {
        serve_close(r, db);
        return tendo_fail(e, TENDO_ENOMEM, "out of memory");
    }
    tendo_import_memory(db, data, len, name, &o, res);
    serve_close(r, db);
    if (res->status == TENDO_IMPORT_REJECTED &&
        (res->err.code == TENDO_EDB || res->err.code == TENDO_ENOMEM)) {
        /* the database's or the machine's failure, not the file's */
        *e = res->err;
        rc = res->err.code;
    } else {
        *doc = tendo_import_result_json(name, res);
        rc = *doc ? TENDO_OK : tendo_fail(e, TENDO_ENOMEM, "out of memory");
    }
    tendo_free(res);
    return rc;
}

/* ---- the calendar feed's secret ---------------------------------------- */

static int do_secret(struct serve_req *r, tendo_db *db, tendo_day today,
                     int units, void *ctx, struct tendo_error *e)
{
    unsigned char raw[32];
    char *out = ctx;
    (void)r;
    (void)today;
    (void)units;
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        return tendo_fail(e, TENDO_EIO, "no random bytes for the secret");
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(out + 2 * i, 3, "%02x", raw[i]);
    return tendo_setting_set(db, "calendar_secret", out, e);
}

int calendar_secret(struct serve_req *r, int renew, char out[65],
                    struct tendo_error *e)
{
    tendo_db *db;
    tendo_day today;
    int units, rc, set = 0;
    out[0] = '\0';
    if (renew)
        return in_txn(r, do_secret, out, e);
    if ((rc = serve_open(r, 0, &db, &today, &units, e)))
        return rc;
    rc = tendo_setting_get(db, "calendar_secret", out, 65, &set, e);
    serve_close(r, db);
    if (!rc && !set)
        out[0] = '\0';
    return rc;
}
