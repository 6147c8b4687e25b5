/*
 * store/delete.c - deleting records (docs/cli.md, delete KIND ID), each
 * deletion leaving a marker (schema v5) so a backup knows the record is
 * gone.
 *
 * One table of kinds: the SQL that finds a kind's records by id or by day
 * (with a one-line description made by SQLite's printf) and the SQL that
 * deletes one. A record kind added later gets a row here, and the backup
 * (store/backup.c) refuses to run while a table is missing from its own
 * list, so no kind escapes delete, export and restore.
 */
#include "internal.h"
#include "core/alloc.h"

#include <string.h>

const char *const tendo_record_kinds[] = {
    "session", "check", "rehab", "wellness", "assessment", "shoe",
    "clearance", "routine", NULL};

struct kind_def {
    int per_day;          /* found by day only */
    int by_day;           /* may be found by day */
    const char *find;     /* ?1 id (or NULL), ?2 day (or NULL) ->
                             id, date, what, runs (shoes) */
    const char *del;      /* ?1 id, ?2 day */
};

static const struct kind_def kinds[] = {
    [TENDO_KIND_SESSION] = {0, 1,
        "SELECT s.id, s.date, s.type || "
        " CASE WHEN s.minutes IS NULL THEN '' "
        "  ELSE printf(', %.0f min', s.minutes) END || "
        " CASE WHEN s.distance_m IS NULL THEN '' "
        "  ELSE printf(', %.2f km', s.distance_m / 1000.0) END || "
        " CASE WHEN i.source IS NULL THEN ', logged by hand' "
        "  ELSE ', from ' || i.source END, 0 "
        "FROM sessions s LEFT JOIN imports i ON i.id = s.import_id "
        "WHERE s.id = ?1 OR s.date = ?2 ORDER BY s.id",
        "DELETE FROM sessions WHERE id = ?1"},
    [TENDO_KIND_CHECK] = {1, 1,
        "SELECT NULL, date, ltrim("
        " coalesce(', morning ' || morning || '/10', '') || "
        " coalesce(', stiffness ' || stiffness_min || ' min', '') || "
        " coalesce(', during ' || during || '/10', '') || "
        " coalesce(', after ' || after || '/10', '') || "
        " CASE WHEN flags <> 0 THEN ', red flags' ELSE '' END, ', '), flags "
        "FROM checks WHERE date = ?2",
        "DELETE FROM checks WHERE date = ?2"},
    [TENDO_KIND_REHAB] = {0, 1,
        "SELECT id, date, printf('%s %dx%d', exercise, sets, reps) || "
        " CASE WHEN load_kg IS NULL OR load_kg = 0 THEN '' "
        "  ELSE printf(' +%g kg', load_kg) END FROM rehab "
        "WHERE id = ?1 OR date = ?2 ORDER BY id",
        "DELETE FROM rehab WHERE id = ?1"},
    [TENDO_KIND_WELLNESS] = {1, 1,
        "SELECT NULL, date, ltrim("
        " CASE WHEN sleep_h IS NULL THEN '' "
        "  ELSE printf(', sleep %g h', sleep_h) END || "
        " coalesce(', quality ' || sleep_quality, '') || "
        " coalesce(', stress ' || stress, '') || "
        " coalesce(', fatigue ' || fatigue, '') || "
        " coalesce(', soreness ' || soreness, ''), ', '), 0 "
        "FROM wellness WHERE date = ?2",
        "DELETE FROM wellness WHERE date = ?2"},
    [TENDO_KIND_ASSESSMENT] = {0, 1,
        "SELECT id, date, kind || CASE "
        " WHEN left_value IS NOT NULL OR right_value IS NOT NULL THEN "
        "  ' left ' || CASE WHEN left_value IS NULL THEN 'not tested' ELSE "
        "  printf('%g', left_value) END || ', right ' || CASE WHEN "
        "  right_value IS NULL THEN 'not tested' ELSE printf('%g', "
        "  right_value) END "
        " WHEN score IS NOT NULL THEN printf(' %g', score) ELSE '' END "
        "FROM assessments WHERE id = ?1 OR date = ?2 ORDER BY id",
        "DELETE FROM assessments WHERE id = ?1"},
    [TENDO_KIND_SHOE] = {0, 0,
        "SELECT s.id, NULL, s.name || printf(' (%d runs)', "
        " (SELECT count(*) FROM sessions r WHERE r.shoe_id = s.id)), "
        " (SELECT count(*) FROM sessions r WHERE r.shoe_id = s.id) "
        "FROM shoes s WHERE s.id = ?1",
        "DELETE FROM shoes WHERE id = ?1"},
    [TENDO_KIND_CLEARANCE] = {0, 1,
        "SELECT id, date, 'clearance of red flags' || "
        " CASE WHEN note <> '' THEN ' (' || note || ')' ELSE '' END, 0 "
        "FROM clearances WHERE id = ?1 OR date = ?2 ORDER BY id",
        "DELETE FROM clearances WHERE id = ?1"},
    [TENDO_KIND_ROUTINE] = {0, 1,
        "SELECT id, date, block || ' done' || "
        " coalesce(', pain ' || pain || '/10', ''), 0 "
        "FROM routine_log WHERE id = ?1 OR date = ?2 ORDER BY id",
        "DELETE FROM routine_log WHERE id = ?1"},
};

int tendo_record_kind_per_day(int kind)
{
    return kind >= 0 && kind <= TENDO_KIND_ROUTINE && kinds[kind].per_day;
}

/* The records found, with what deleting them needs (a check's flags, a
 * shoe's runs). */
struct found {
    struct tendo_deletion d;
    int64_t extra;
};

static int check_args(int kind, int64_t id, tendo_day day,
                      struct tendo_error *err)
{
    const char *name;
    if (kind < 0 || kind > TENDO_KIND_ROUTINE)
        return tendo_fail(err, TENDO_EUSAGE, "no such kind of record");
    name = tendo_record_kinds[kind];
    if (kinds[kind].per_day && (id || day == TENDO_DAY_NONE))
        return tendo_fail(err, TENDO_EUSAGE,
                          "a %s is one per day: name it by its day (--date)",
                          name);
    if (!kinds[kind].by_day && day != TENDO_DAY_NONE)
        return tendo_fail(err, TENDO_EUSAGE,
                          "a %s has no day: name it by its id", name);
    if (!kinds[kind].per_day && (id != 0) == (day != TENDO_DAY_NONE))
        return tendo_fail(err, TENDO_EUSAGE,
                          "name the %s by its id or by its day, not both",
                          name);
    return TENDO_OK;
}

/* Collects the records into *out (caller frees with tendo_free). */
static int collect(tendo_db *db, int kind, int64_t id, tendo_day day,
                   struct found **out, size_t *n, struct tendo_error *err)
{
    sqlite3_stmt *st;
    struct found *v = NULL;
    size_t cap = 0;
    int rc, step;

    *out = NULL;
    *n = 0;
    if ((rc = check_args(kind, id, day, err)))
        return rc;
    if (!(st = store_prep(db, kinds[kind].find, err)))
        return TENDO_EDB;
    bind_id(st, 1, id);
    bind_day(st, 2, day);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct found *f;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            struct found *nv = tendo_realloc(v, nc * sizeof *nv);
            if (!nv) {
                sqlite3_reset(st);
                tendo_free(v);
                *n = 0;
                return tendo_fail(err, TENDO_ENOMEM, "out of memory");
            }
            v = nv;
            cap = nc;
        }
        f = &v[(*n)++];
        memset(f, 0, sizeof *f);
        f->d.kind = kind;
        f->d.id = col_id(st, 0);
        f->d.date = col_day(st, 1);
        col_text(st, 2, f->d.what, sizeof f->d.what);
        f->extra = sqlite3_column_int64(st, 3);
        f->d.retire = kind == TENDO_KIND_SHOE && f->extra > 0;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        tendo_free(v);
        *n = 0;
        return store_fail(db, err, "cannot read the records to delete");
    }
    *out = v;
    return TENDO_OK;
}

int tendo_delete_find(tendo_db *db, int kind, int64_t id, tendo_day day,
                      tendo_deletion_fn fn, void *ctx, size_t *count,
                      struct tendo_error *err)
{
    struct found *v;
    size_t n;
    int rc = collect(db, kind, id, day, &v, &n, err);
    if (count)
        *count = rc ? 0 : n;
    for (size_t i = 0; !rc && i < n && fn; i++)
        rc = fn(&v[i].d, ctx);
    tendo_free(v);
    return rc;
}

static int mark(tendo_db *db, const struct tendo_deletion *d,
                int64_t now_utc, struct tendo_error *err)
{
    char utc[21];
    sqlite3_stmt *st = store_prep(db,
                                  "INSERT INTO deletions (kind, record_id, "
                                  "date, deleted_utc) VALUES (?1, ?2, ?3, ?4)",
                                  err);
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, tendo_record_kinds[d->kind]);
    bind_id(st, 2, d->id);
    bind_day(st, 3, d->date);
    bind_str(st, 4, tendo_utc_format(now_utc, utc));
    return store_done(db, st, err, "cannot record the deletion");
}

static int delete_one(tendo_db *db, const struct found *f, int64_t now_utc,
                      tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if (f->d.retire) {
        st = store_prep(db,
                        "UPDATE shoes SET is_default = 0, retired = "
                        "coalesce(retired, ?2) WHERE id = ?1",
                        err);
        if (!st)
            return TENDO_EDB;
        sqlite3_bind_int64(st, 1, f->d.id);
        bind_day(st, 2, today);
        return store_done(db, st, err, "cannot retire the shoe");
    }
    if (f->d.kind == TENDO_KIND_CHECK &&
        (rc = store_flag_correction(db, f->d.date, (unsigned)f->extra, today,
                                    err)))
        return rc;
    if (!(st = store_prep(db, kinds[f->d.kind].del, err)))
        return TENDO_EDB;
    bind_id(st, 1, f->d.id);
    bind_day(st, 2, f->d.date);
    if ((rc = store_done(db, st, err, "cannot delete the record")))
        return rc;
    return mark(db, &f->d, now_utc, err);
}

int tendo_delete(tendo_db *db, int kind, int64_t id, tendo_day day,
                 int64_t now_utc, tendo_day today, tendo_deletion_fn fn,
                 void *ctx, size_t *count, struct tendo_error *err)
{
    struct found *v;
    size_t n;
    int rc = collect(db, kind, id, day, &v, &n, err);
    if (count)
        *count = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        if (!(rc = delete_one(db, &v[i], now_utc, today, err)) && fn)
            rc = fn(&v[i].d, ctx);
        if (!rc && count)
            (*count)++;
    }
    tendo_free(v);
    return rc;
}
