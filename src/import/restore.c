/*
 * import/restore.c - `tendo import FILE.json`: the JSON backup of
 * `export --json` (tendo/json.h, docs/formats.md) back into an empty
 * database, whole or not at all.
 *
 * The document is read with jansson; each table's rows go through the
 * store's restore (store/dump.c), which SQLite's column types, CHECK
 * constraints and foreign keys guard; then every record is read back
 * through the ordinary readers and checked by the same validators as a
 * record typed on the command line, and every stream is decoded, before
 * anything is committed.
 */
#include "tendo/import.h"
#include "core/base64.h"
#include "core/alloc.h"
#include "tendo/values.h"
#include "core/text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct restore {
    tendo_db *db;
    tendo_restore *r;
    tendo_day today;
    struct tendo_buf blob;   /* decoded base64 of the current row */
    struct tendo_import_result *res;
    struct tendo_error *err;
    int invalid;             /* a record failed its validation */
};

static int bad_value(struct restore *x, const char *table, size_t row,
                     const char *col, const char *why)
{
    char field[48];
    snprintf(field, sizeof field, "%s.%s", table, col);
    tendo_error_where(x->err, NULL, 0, field);
    return tendo_fail(x->err, TENDO_EFORMAT, "%s[%zu].%s %s", table, row, col,
                      why);
}

static int flag_bits(struct restore *x, const char *table, size_t row,
                     const char *col, const json_t *v, int64_t *bits)
{
    size_t i;
    json_t *e;
    *bits = 0;
    json_array_foreach(v, i, e) {
        int b = 0;
        const char *name = json_string_value(e);
        while (name && tendo_flag_names[b] && strcmp(tendo_flag_names[b], name))
            b++;
        if (!name || !tendo_flag_names[b])
            return bad_value(x, table, row, col, "names an unknown red flag");
        *bits |= (int64_t)1 << b;
    }
    return TENDO_OK;
}

/* One JSON value into the cell of column k. */
static int cell_of(struct restore *x, const struct tendo_table *t, size_t row,
                   size_t k, const json_t *v, struct tendo_cell *c)
{
    const char *col = t->cols[k];
    memset(c, 0, sizeof *c);
    switch (json_typeof(v)) {
    case JSON_NULL:
        c->type = TENDO_CELL_NULL;
        return TENDO_OK;
    case JSON_INTEGER:
        c->type = TENDO_CELL_INT;
        c->i = json_integer_value(v);
        return TENDO_OK;
    case JSON_REAL:
        c->type = TENDO_CELL_REAL;
        c->r = json_real_value(v);
        return TENDO_OK;
    case JSON_STRING:
        c->p = json_string_value(v);
        c->n = json_string_length(v);
        if (t->types[k] != TENDO_CELL_BLOB) {
            c->type = TENDO_CELL_TEXT;
            if (c->n > TENDO_NOTES_MAX)
                return bad_value(x, t->name, row, col, "is too long");
            if (memchr(c->p, 0, c->n))
                return bad_value(x, t->name, row, col, "holds a NUL byte");
            return TENDO_OK;
        } else {
            size_t at;
            tendo_buf_reset(&x->blob);
            if (base64_decode(c->p, c->n, &x->blob, &at) || x->blob.err)
                return bad_value(x, t->name, row, col, "is not base64");
            c->type = TENDO_CELL_BLOB;
            c->p = x->blob.data;
            c->n = x->blob.len;
            return TENDO_OK;
        }
    case JSON_ARRAY:
        if (strcmp(col, "flags") == 0) {
            c->type = TENDO_CELL_INT;
            return flag_bits(x, t->name, row, col, v, &c->i);
        }
        /* fall through */
    default:
        return bad_value(x, t->name, row, col, "has a value of the wrong kind");
    }
}

static int restore_row(struct restore *x, const struct tendo_table *t,
                       size_t row, const json_t *obj)
{
    struct tendo_cell cells[TENDO_TABLE_MAX_COLS];
    const char *key;
    json_t *v;
    int rc;
    if (!json_is_object(obj))
        return tendo_fail(x->err, TENDO_EFORMAT, "%s[%zu] is not an object",
                          t->name, row);
    for (size_t k = 0; k < t->ncols; k++)
        cells[k].type = TENDO_CELL_ABSENT;
    json_object_foreach((json_t *)obj, key, v) {
        size_t k = 0;
        while (k < t->ncols && strcmp(t->cols[k], key))
            k++;
        if (k == t->ncols)
            return tendo_fail(x->err, TENDO_EFORMAT,
                              "%s[%zu] has no column '%s'", t->name, row, key);
        if ((rc = cell_of(x, t, row, k, v, &cells[k])))
            return rc;
    }
    if ((rc = tendo_restore_row(x->r, t, cells, x->err))) {
        char msg[TENDO_ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s", x->err->msg);
        tendo_error_clear(x->err);
        return tendo_fail(x->err, rc, "%s[%zu]: %s", t->name, row, msg);
    }
    return TENDO_OK;
}

/* The settings object: each key a known setting with a valid value. */
static int restore_settings(struct restore *x, const struct tendo_table *t,
                            const json_t *obj)
{
    const char *key;
    json_t *v;
    size_t row = 0;
    if (!json_is_object(obj))
        return tendo_fail(x->err, TENDO_EFORMAT, "settings is not an object");
    json_object_foreach((json_t *)obj, key, v) {
        struct tendo_cell cells[2];
        char norm[128];
        int rc;
        if (!json_is_string(v))
            return tendo_fail(x->err, TENDO_EFORMAT,
                              "settings.%s is not a string", key);
        if ((rc = tendo_setting_check(key, json_string_value(v), norm,
                                      sizeof norm, x->err)))
            return rc;
        memset(cells, 0, sizeof cells);
        cells[0].type = cells[1].type = TENDO_CELL_TEXT;
        cells[0].p = key;
        cells[0].n = strlen(key);
        cells[1].p = json_string_value(v);
        cells[1].n = json_string_length(v);
        if ((rc = tendo_restore_row(x->r, t, cells, x->err)))
            return rc;
        row++;
    }
    return TENDO_OK;
}

/* ---- every record read back and validated ----------------------------- */

static int v_session(const struct tendo_session *s, void *p)
{
    struct restore *x = p;
    struct tendo_fit_record *rec;
    size_t n;
    int rc;
    x->res->sessions++;
    if ((rc = tendo_session_validate(s, x->today, x->err)) ||
        (rc = tendo_stream_get(x->db, s->id, &rec, &n, x->err))) {
        x->invalid = rc != TENDO_EDB && rc != TENDO_ENOMEM;
        return tendo_fail(x->err, rc, "session %lld", (long long)s->id);
    }
    free(rec);
    return TENDO_OK;
}
static int v_check(const struct tendo_check *c, void *p)
{
    struct restore *x = p;
    x->res->checks++;
    return (x->invalid = tendo_check_validate(c, x->today, x->err));
}
static int v_rehab(const struct tendo_rehab *r, void *p)
{
    struct restore *x = p;
    x->res->rehab++;
    return (x->invalid = tendo_rehab_validate(r, x->today, x->err));
}
static int v_wellness(const struct tendo_wellness *w, void *p)
{
    struct restore *x = p;
    x->res->wellness++;
    return (x->invalid = tendo_wellness_validate(w, x->today, x->err));
}
static int v_assessment(const struct tendo_assessment *a, void *p)
{
    struct restore *x = p;
    return (x->invalid = tendo_assessment_validate(a, x->today, x->err));
}
static int v_clearance(const struct tendo_clearance *c, void *p)
{
    struct restore *x = p;
    return (x->invalid = tendo_clearance_validate(c, x->today, x->err));
}
static int v_routine(const struct tendo_routine_log *r, void *p)
{
    struct restore *x = p;
    return (x->invalid = tendo_routine_log_validate(r, x->today, x->err));
}
static int v_shoe(const struct tendo_shoe *s, void *p)
{
    struct restore *x = p;
    char tmp[TENDO_NAME_MAX + 1];
    return (x->invalid = tendo_parse_text(s->name, strlen(s->name),
                                          TENDO_NAME_MAX, "shoes.name", tmp,
                                          x->err));
}

static int validate(struct restore *x)
{
    struct tendo_error *e = x->err;
    tendo_day a = TENDO_DAY_MIN, b = INT32_MAX;
    int rc;
    if ((rc = tendo_sessions_each(x->db, a, b, v_session, x, e)) ||
        (rc = tendo_checks_each(x->db, a, b, v_check, x, e)) ||
        (rc = tendo_rehab_each(x->db, a, b, v_rehab, x, e)) ||
        (rc = tendo_wellness_each(x->db, a, b, v_wellness, x, e)) ||
        (rc = tendo_assessments_each(x->db, NULL, a, b, v_assessment, x, e)) ||
        (rc = tendo_clearances_each(x->db, a, b, v_clearance, x, e)) ||
        (rc = tendo_routine_logs_each(x->db, a, b, v_routine, x, e)) ||
        (rc = tendo_shoes_each(x->db, v_shoe, x, e))) {
        char msg[TENDO_ERRMSG_MAX];
        snprintf(msg, sizeof msg, "%s", e->msg);
        tendo_error_clear(e);
        if (!x->invalid)
            return tendo_fail(e, rc, "%s", msg); /* the database failed */
        return tendo_fail(e, TENDO_EFORMAT,
                          "the backup holds a record tendo would refuse: %s",
                          msg);
    }
    return TENDO_OK;
}

/* the oldest schema whose backups restore: since 5 the migrations only add
 * tables */
#define TENDO_RESTORE_SCHEMA_MIN 5

static int restore_doc(struct restore *x, json_t *doc)
{
    const char *key;
    json_t *v;
    int rc;
    json_int_t format = json_integer_value(json_object_get(doc, "tendo_export"));
    json_int_t schema = json_integer_value(json_object_get(doc, "schema"));
    int have = tendo_db_schema_version(x->db);

    if (format != TENDO_EXPORT_FORMAT)
        return tendo_fail(x->err, TENDO_EUNSUPPORTED,
                          "a tendo export of format %lld: this tendo "
                          "restores format %d (export --json of tendo 0.2 "
                          "or later)",
                          (long long)format, TENDO_EXPORT_FORMAT);
    /* a backup of an older schema from 5 on restores too: the migrations
     * since have only added tables (their rows are then none) */
    if (schema > have || schema < TENDO_RESTORE_SCHEMA_MIN)
        return tendo_fail(x->err, schema > have ? TENDO_ESCHEMA
                                                : TENDO_EUNSUPPORTED,
                          "the backup has schema %lld, this tendo %d%s",
                          (long long)schema, have,
                          schema > have ? ": upgrade tendo"
                                        : " (it restores 5 and later)");
    json_object_foreach(doc, key, v) {
        if (strcmp(key, "tendo_export") && strcmp(key, "schema") &&
            !tendo_restore_table(x->r, key))
            return tendo_fail(x->err, TENDO_EFORMAT, "unknown table '%s'",
                              key);
    }
    for (size_t i = 0; tendo_restore_table_at(x->r, i); i++) {
        const struct tendo_table *t = tendo_restore_table_at(x->r, i);
        json_t *rows = json_object_get(doc, t->name), *row;
        size_t k;
        if (!rows)
            continue;
        if (!strcmp(t->name, "settings")) {
            if ((rc = restore_settings(x, t, rows)))
                return rc;
            continue;
        }
        if (!json_is_array(rows))
            return tendo_fail(x->err, TENDO_EFORMAT, "%s is not an array",
                              t->name);
        json_array_foreach(rows, k, row) {
            if ((rc = restore_row(x, t, k, row)))
                return rc;
        }
    }
    return validate(x);
}

int tendo_restore_json(tendo_db *db, const uint8_t *data, size_t len,
                       const char *name, tendo_day today,
                       struct tendo_import_result *res)
{
    struct restore x = {db, NULL, today, {0}, res, &res->err, 0};
    json_error_t je;
    json_t *doc;
    int rc;

    snprintf(res->format, sizeof res->format, "tendo-json");
    /* jansson allocates through tendo's hook (failure injection); the
     * hook is malloc and free underneath, so objects made before stay
     * compatible */
    json_set_alloc_funcs(tendo_malloc, tendo_free);
    doc = json_loadb((const char *)data, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) {
        rc = tendo_fail(&res->err, TENDO_EFORMAT, "not valid JSON: %s",
                        je.text);
        tendo_error_where(&res->err, name, (uint32_t)je.line, NULL);
        return rc;
    }
    if (!json_is_object(doc) || !json_object_get(doc, "tendo_export")) {
        rc = tendo_fail(&res->err, TENDO_EUNSUPPORTED,
                        "not a tendo backup (no \"tendo_export\"; 'tendo "
                        "export --json' writes one)");
        goto out;
    }
    tendo_buf_init(&x.blob, 0);
    if ((rc = tendo_restore_begin(db, &x.r, &res->err)) ||
        (rc = restore_doc(&x, doc)) ||
        (rc = tendo_restore_commit(x.r, &res->err))) {
        res->sessions = res->checks = res->rehab = res->wellness = 0;
        goto out;
    }
    res->status = TENDO_IMPORT_IMPORTED;
    snprintf(res->note, sizeof res->note,
             "restored a backup: %d sessions, %d checks, %d rehab, %d "
             "wellness",
             res->sessions, res->checks, res->rehab, res->wellness);
out:
    tendo_restore_free(x.r);
    tendo_buf_release(&x.blob);
    json_decref(doc);
    if (rc)
        tendo_error_where(&res->err, name, 0, NULL);
    return rc;
}
