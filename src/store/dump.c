/*
 * store/dump.c - every table row by row, and back: what the JSON backup
 * (`export --json`, `import FILE.json`) is made of.
 *
 * The list of tables is fixed here (in an order where a row never refers
 * to one not yet restored); their columns are read from the schema
 * (PRAGMA table_info), so migrations that add columns need nothing here.
 * A table the list does not know fails the dump, and unit:store checks the
 * list against a fresh schema, so a record kind added later cannot be left
 * out of export and restore. SQL here is built only from these names and
 * the schema's own column names; every value is bound.
 */
#include "internal.h"
#include "core/alloc.h"

#include <stdio.h>
#include <string.h>

/* Each table with how its rows go away: a record kind of `tendo delete`
 * (store/delete.c), or why it has none. A table added later must say
 * which, and unit:store checks every kind named here is one delete knows
 * and every kind delete knows has its table here. */
const struct store_table store_tables[STORE_NTABLES] = {
    {"settings", "setting: config --unset"},
    {"shoes", "shoe"},
    {"imports", "ledger: kept, so a deleted import stays deleted"},
    {"sessions", "session"},
    {"streams", "part of session"},
    {"checks", "check"},
    {"rehab", "rehab"},
    {"wellness", "wellness"},
    {"assessments", "assessment"},
    {"clearances", "clearance"},
    {"flag_corrections", "kept: a deleted check's red flags"},
    {"routine_log", "routine"},
    {"deletions", "kept: the deletion markers"}};
/* (more entries than STORE_NTABLES fail to compile; fewer leave a NULL
 * name that unit:store finds) */
#define NTABLES ((size_t)STORE_NTABLES)
#define TABLE(i) (store_tables[i].name)

/* The columns of each listed table, and a check that no other exists. */
static int read_tables(tendo_db *db, struct tendo_table *out,
                       struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc = TENDO_OK, step;

    for (size_t i = 0; i < NTABLES; i++) {
        char sql[96];
        struct tendo_table *t = &out[i];
        memset(t, 0, sizeof *t);
        t->name = TABLE(i);
        snprintf(sql, sizeof sql, "SELECT name, type FROM pragma_table_info('%s')"
                 " ORDER BY cid", TABLE(i));
        if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
            return store_fail(db, err, "cannot read the schema");
        while ((step = sqlite3_step(st)) == SQLITE_ROW &&
               t->ncols < TENDO_TABLE_MAX_COLS) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            const char *type = (const char *)sqlite3_column_text(st, 1);
            size_t k = t->ncols++;
            /* column names live as long as the handle: keep copies */
            t->cols[k] = tendo_strndup(name, strlen(name));
            t->types[k] = !strcmp(type, "INTEGER") ? TENDO_CELL_INT
                          : !strcmp(type, "REAL")  ? TENDO_CELL_REAL
                          : !strcmp(type, "BLOB")  ? TENDO_CELL_BLOB
                                                   : TENDO_CELL_TEXT;
            if (!t->cols[k])
                rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
        }
        sqlite3_finalize(st);
        if (rc)
            return rc;
        if (!t->ncols)
            return tendo_fail(err, TENDO_EDB, "the database has no table '%s'",
                              TABLE(i));
        if (step == SQLITE_ROW)
            return tendo_fail(err, TENDO_EDB, "table '%s' has too many columns",
                              TABLE(i));
    }
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite_%' AND name <> "
                           "'schema_version'",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(db, err, "cannot read the schema");
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        size_t i = 0;
        while (i < NTABLES && strcmp(TABLE(i), name))
            i++;
        if (i == NTABLES)
            rc = tendo_fail(err, TENDO_EDB,
                            "table '%s' is not in the backup's list "
                            "(store/dump.c)",
                            name);
    }
    sqlite3_finalize(st);
    return rc;
}

static void free_tables(struct tendo_table *t)
{
    for (size_t i = 0; i < NTABLES; i++)
        for (size_t k = 0; k < t[i].ncols; k++)
            tendo_free((void *)t[i].cols[k]);
}

/* "SELECT "a", "b" FROM "t" ORDER BY <primary key>" */
static int select_sql(tendo_db *db, const struct tendo_table *t,
                      struct tendo_buf *sql, struct tendo_error *err)
{
    sqlite3_stmt *st;
    char q[96];
    int npk = 0;
    tendo_buf_puts(sql, "SELECT ");
    for (size_t k = 0; k < t->ncols; k++)
        tendo_buf_printf(sql, "%s\"%s\"", k ? ", " : "", t->cols[k]);
    tendo_buf_printf(sql, " FROM \"%s\" ORDER BY ", t->name);
    snprintf(q, sizeof q, "SELECT name FROM pragma_table_info('%s') WHERE pk"
             " > 0 ORDER BY pk", t->name);
    if (sqlite3_prepare_v2(db->sql, q, -1, &st, NULL) != SQLITE_OK)
        return store_fail(db, err, "cannot read the schema");
    while (sqlite3_step(st) == SQLITE_ROW)
        tendo_buf_printf(sql, "%s\"%s\"", npk++ ? ", " : "",
                         sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!npk)
        tendo_buf_puts(sql, "rowid");
    if (sql->err)
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    return TENDO_OK;
}

static int dump_table(tendo_db *db, const struct tendo_table *t,
                      const struct tendo_dump_ops *ops, void *ctx,
                      struct tendo_error *err)
{
    struct tendo_buf sql;
    struct tendo_cell cells[TENDO_TABLE_MAX_COLS];
    sqlite3_stmt *st = NULL;
    int rc, step = SQLITE_DONE;

    tendo_buf_init(&sql, 0);
    if ((rc = select_sql(db, t, &sql, err)))
        goto out;
    if (sqlite3_prepare_v2(db->sql, sql.data, -1, &st, NULL) != SQLITE_OK) {
        rc = store_fail(db, err, "cannot read the records");
        goto out;
    }
    if ((rc = ops->table(ctx, t)))
        goto out;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t k = 0; k < t->ncols; k++) {
            struct tendo_cell *c = &cells[k];
            memset(c, 0, sizeof *c);
            switch (sqlite3_column_type(st, (int)k)) {
            case SQLITE_INTEGER:
                c->type = TENDO_CELL_INT;
                c->i = sqlite3_column_int64(st, (int)k);
                break;
            case SQLITE_FLOAT:
                c->type = TENDO_CELL_REAL;
                c->r = sqlite3_column_double(st, (int)k);
                break;
            case SQLITE_TEXT:
                c->type = TENDO_CELL_TEXT;
                c->p = sqlite3_column_text(st, (int)k);
                c->n = (size_t)sqlite3_column_bytes(st, (int)k);
                break;
            case SQLITE_BLOB:
                c->type = TENDO_CELL_BLOB;
                c->p = sqlite3_column_blob(st, (int)k);
                c->n = (size_t)sqlite3_column_bytes(st, (int)k);
                break;
            default:
                c->type = TENDO_CELL_NULL;
            }
        }
        if ((rc = ops->row(ctx, t, cells)))
            goto out;
    }
    if (step != SQLITE_DONE)
        rc = store_fail(db, err, "cannot read the records");
out:
    sqlite3_finalize(st);
    tendo_buf_release(&sql);
    return rc;
}

int tendo_db_dump(tendo_db *db, const struct tendo_dump_ops *ops, void *ctx,
                  struct tendo_error *err)
{
    struct tendo_table t[NTABLES];
    int rc;
    memset(t, 0, sizeof t);
    if ((rc = tendo_db_read_begin(db, err)))
        return rc;
    rc = read_tables(db, t, err);
    for (size_t i = 0; !rc && i < NTABLES; i++)
        rc = dump_table(db, &t[i], ops, ctx, err);
    tendo_db_read_end(db);
    free_tables(t);
    return rc;
}

/* ---- restore ------------------------------------------------------------ */

struct tendo_restore {
    tendo_db *db;
    struct tendo_table t[NTABLES];
    /* the last INSERT per table, for the columns it was made for */
    sqlite3_stmt *ins[NTABLES];
    uint64_t ins_cols[NTABLES];
    int committed;
};

int tendo_restore_begin(tendo_db *db, tendo_restore **out,
                        struct tendo_error *err)
{
    tendo_restore *r;
    int rc;
    *out = NULL;
    if (!(r = tendo_calloc(1, sizeof *r)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    r->db = db;
    if ((rc = tendo_db_begin(db, err))) {
        tendo_free(r);
        return rc;
    }
    if ((rc = read_tables(db, r->t, err)))
        goto fail;
    for (size_t i = 1; i < NTABLES; i++) { /* every table but settings */
        char sql[80];
        sqlite3_stmt *st;
        int any;
        snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM \"%s\")",
                 TABLE(i));
        if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
            rc = store_fail(db, err, "cannot read the records");
            goto fail;
        }
        any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (any) {
            rc = tendo_fail(err, TENDO_EEXIST,
                            "'%s' is not empty (it has %s): a backup is "
                            "restored only into a new database (tendo --db "
                            "NEW.db import FILE.json)",
                            db->path, TABLE(i));
            goto fail;
        }
    }
    if ((rc = store_exec(db, "DELETE FROM settings", err)))
        goto fail;
    *out = r;
    return TENDO_OK;
fail:
    tendo_restore_free(r);
    return rc;
}

const struct tendo_table *tendo_restore_table(tendo_restore *r,
                                              const char *name)
{
    for (size_t i = 0; i < NTABLES; i++)
        if (!strcmp(r->t[i].name, name))
            return &r->t[i];
    return NULL;
}

const struct tendo_table *tendo_restore_table_at(tendo_restore *r, size_t i)
{
    return i < NTABLES ? &r->t[i] : NULL;
}

static sqlite3_stmt *insert_for(tendo_restore *r, size_t ti,
                                const struct tendo_cell *cells,
                                struct tendo_error *err)
{
    const struct tendo_table *t = &r->t[ti];
    struct tendo_buf sql;
    uint64_t cols = 0;
    int n = 0;
    for (size_t k = 0; k < t->ncols; k++)
        if (cells[k].type != TENDO_CELL_ABSENT)
            cols |= (uint64_t)1 << k;
    if (r->ins[ti] && r->ins_cols[ti] == cols) {
        sqlite3_reset(r->ins[ti]);
        sqlite3_clear_bindings(r->ins[ti]);
        return r->ins[ti];
    }
    sqlite3_finalize(r->ins[ti]);
    r->ins[ti] = NULL;
    tendo_buf_init(&sql, 0);
    tendo_buf_printf(&sql, "INSERT INTO \"%s\" (", t->name);
    for (size_t k = 0; k < t->ncols; k++)
        if (cols & ((uint64_t)1 << k))
            tendo_buf_printf(&sql, "%s\"%s\"", n++ ? ", " : "", t->cols[k]);
    tendo_buf_puts(&sql, ") VALUES (");
    for (int k = 0; k < n; k++)
        tendo_buf_puts(&sql, k ? ", ?" : "?");
    tendo_buf_puts(&sql, n ? ")" : ")");
    if (!n) {
        tendo_buf_release(&sql);
        tendo_fail(err, TENDO_EFORMAT, "a %s row with no columns", t->name);
        return NULL;
    }
    if (sql.err)
        tendo_fail(err, TENDO_ENOMEM, "out of memory");
    else if (sqlite3_prepare_v2(r->db->sql, sql.data, -1, &r->ins[ti], NULL) !=
             SQLITE_OK)
        store_fail(r->db, err, "cannot restore");
    else
        r->ins_cols[ti] = cols;
    tendo_buf_release(&sql);
    return r->ins[ti];
}

int tendo_restore_row(tendo_restore *r, const struct tendo_table *t,
                      const struct tendo_cell *cells, struct tendo_error *err)
{
    size_t ti = (size_t)(t - r->t);
    sqlite3_stmt *st;
    int i = 1;
    if (ti >= NTABLES)
        return tendo_fail(err, TENDO_EUSAGE, "not a table of this restore");
    if (!(st = insert_for(r, ti, cells, err)))
        return err && err->code ? err->code : TENDO_EDB;
    for (size_t k = 0; k < t->ncols; k++) {
        const struct tendo_cell *c = &cells[k];
        switch (c->type) {
        case TENDO_CELL_ABSENT:
            continue;
        case TENDO_CELL_INT:
            sqlite3_bind_int64(st, i, c->i);
            break;
        case TENDO_CELL_REAL:
            sqlite3_bind_double(st, i, c->r);
            break;
        case TENDO_CELL_TEXT:
            sqlite3_bind_text(st, i, c->p, (int)c->n, SQLITE_TRANSIENT);
            break;
        case TENDO_CELL_BLOB:
            sqlite3_bind_blob(st, i, c->p, (int)c->n, SQLITE_TRANSIENT);
            break;
        default:
            sqlite3_bind_null(st, i);
        }
        i++;
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
        int rc = tendo_fail(err, TENDO_EFORMAT, "%s",
                            sqlite3_errmsg(r->db->sql));
        sqlite3_reset(st);
        return rc;
    }
    sqlite3_reset(st);
    return TENDO_OK;
}

int tendo_restore_commit(tendo_restore *r, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int bad = 0, rc;
    if (sqlite3_prepare_v2(r->db->sql, "PRAGMA foreign_key_check", -1, &st,
                           NULL) != SQLITE_OK)
        return store_fail(r->db, err, "cannot check the restore");
    if (sqlite3_step(st) == SQLITE_ROW) {
        bad = 1;
        tendo_fail(err, TENDO_EFORMAT,
                   "%s row %lld refers to a missing %s record",
                   sqlite3_column_text(st, 0),
                   (long long)sqlite3_column_int64(st, 1),
                   sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    if (bad)
        return TENDO_EFORMAT;
    if ((rc = tendo_db_commit(r->db, err)))
        return rc;
    r->committed = 1;
    return TENDO_OK;
}

void tendo_restore_free(tendo_restore *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < NTABLES; i++)
        sqlite3_finalize(r->ins[i]);
    if (!r->committed)
        tendo_db_rollback(r->db);
    free_tables(r->t);
    tendo_free(r);
}
