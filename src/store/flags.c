/*
 * src/store/flags.c - the clearances of red flags and the corrections of
 * flags entered by mistake (schema v3; clinical.md §2).
 */
#include "internal.h"

#include <string.h>

int tendo_clearance_add(tendo_db *db, struct tendo_clearance *c,
                        tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if (c->recorded == TENDO_DAY_NONE)
        c->recorded = today;
    if ((rc = tendo_clearance_validate(c, today, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO clearances (id, date, flags, recorded, note) "
                    "VALUES (" NEXT_ID("clearances", "clearance") ", ?1, ?2, ?3, ?4)",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, c->date);
    sqlite3_bind_int(st, 2, (int)c->flags);
    bind_day(st, 3, c->recorded);
    bind_str(st, 4, c->note);
    if ((rc = store_done(db, st, err, "cannot store the clearance")))
        return rc;
    c->id = sqlite3_last_insert_rowid(db->sql);
    return TENDO_OK;
}

static int clearance_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_clearance c;
    tendo_clearance_init(&c);
    c.id = col_id(st, 0);
    c.date = col_day(st, 1);
    c.flags = (unsigned)sqlite3_column_int(st, 2);
    c.recorded = col_day(st, 3);
    col_text(st, 4, c.note, sizeof c.note);
    return ((tendo_clearance_fn)w->fn)(&c, w->ctx);
}

int tendo_clearances_each(tendo_db *db, tendo_day from, tendo_day to,
                          tendo_clearance_fn fn, void *ctx,
                          struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                               "SELECT id, date, flags, recorded, note FROM "
                               "clearances WHERE date BETWEEN ?1 AND ?2 "
                               "ORDER BY date, id",
                               from, to, clearance_row, &w, err);
}

int store_flag_correction(tendo_db *db, tendo_day date, unsigned removed,
                          tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    if (!removed)
        return TENDO_OK;
    st = store_prep(db,
                    "INSERT INTO flag_corrections (date, flags, recorded) "
                    "VALUES (?1, ?2, ?3)",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, date);
    sqlite3_bind_int(st, 2, (int)removed);
    bind_day(st, 3, today);
    return store_done(db, st, err, "cannot record the correction");
}

static int correction_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_flag_correction c;
    memset(&c, 0, sizeof c);
    c.id = col_id(st, 0);
    c.date = col_day(st, 1);
    c.flags = (unsigned)sqlite3_column_int(st, 2);
    c.recorded = col_day(st, 3);
    return ((tendo_flag_correction_fn)w->fn)(&c, w->ctx);
}

int tendo_flag_corrections_each(tendo_db *db, tendo_day from, tendo_day to,
                                tendo_flag_correction_fn fn, void *ctx,
                                struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                               "SELECT id, date, flags, recorded FROM "
                               "flag_corrections WHERE date BETWEEN ?1 AND "
                               "?2 ORDER BY date, id",
                               from, to, correction_row, &w, err);
}
