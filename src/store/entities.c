/*
 * store/entities.c - sessions, daily checks, rehab, wellness, shoes and the
 * import ledger: each a few prepared statements and the mapping between
 * rows and the structs of tendo/model.h.
 */
#include "store/internal.h"
#include "tendo/model.h"
#include "tendo/values.h"

#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

static const char *day_txt(tendo_day d, char buf[TENDO_DAY_STRLEN])
{
    return tendo_day_format(d, buf);
}

/* Runs a SELECT and calls `row` for each result; stops on a non-zero
 * return of `row`. */
static int each_row(tendo_db *db, sqlite3_stmt *st,
                    int (*row)(sqlite3_stmt *, void *), void *ctx,
                    struct tendo_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = row(st, ctx);
        if (r) {
            sqlite3_reset(st);
            return r;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(db, err, "cannot read records");
    return TENDO_OK;
}

typedef void (*read_fn)(sqlite3_stmt *st, void *out);

/* Steps `st` once. With a row, `read` (if any) copies it into `out` and
 * *found (if any) is 1; without one *found is 0. Resets the statement. */
static int step_one(tendo_db *db, sqlite3_stmt *st, read_fn read, void *out,
                    int *found, struct tendo_error *err, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && read)
        read(st, out);
    if (found)
        *found = rc == SQLITE_ROW;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(db, err, what);
    return TENDO_OK;
}

static void read_id(sqlite3_stmt *st, void *out)
{
    *(int64_t *)out = sqlite3_column_int64(st, 0);
}

/* A walk over the rows of one day range: `sql` takes the first and last day
 * as ?1 and ?2; `row` turns each row into a record and calls the user's
 * callback. Days are clamped to 1970-01-01 .. 9999-12-31. */
int store_each_in_range(tendo_db *db, const char *sql, tendo_day from,
                         tendo_day to, int (*row)(sqlite3_stmt *, void *),
                         void *walk, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, sql, err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, from < TENDO_DAY_MIN ? TENDO_DAY_MIN : from);
    bind_day(st, 2, to > 2932896 ? 2932896 : to);
    return each_row(db, st, row, walk, err);
}

/* ---- sessions ---------------------------------------------------------- */

#define SESSION_COLS                                                       \
    "s.id, s.date, s.start_utc, s.type, s.minutes, s.distance_m, s.rpe, " \
    "s.surface, s.shoe_id, sh.name, s.pain_during, s.source, s.import_id, " \
    "s.notes, s.elapsed_s, s.avg_hr, s.max_hr, s.cadence_spm, s.ascent_m, " \
    "s.utc_offset_s, s.device, s.pain_after "                             \
    "FROM sessions s LEFT JOIN shoes sh ON sh.id = s.shoe_id "

static void read_session(sqlite3_stmt *st, void *out)
{
    struct tendo_session *s = out;
    char utc[32];
    tendo_session_init(s);
    s->id = col_id(st, 0);
    s->date = col_day(st, 1);
    col_text(st, 2, utc, sizeof utc);
    if (utc[0] && tendo_utc_parse(utc, &s->start_utc) != TENDO_OK)
        s->start_utc = INT64_MIN;
    col_text(st, 3, s->type, sizeof s->type);
    s->minutes = col_real(st, 4);
    s->distance_m = col_real(st, 5);
    s->rpe = col_int(st, 6);
    col_text(st, 7, s->surface, sizeof s->surface);
    s->shoe_id = col_id(st, 8);
    col_text(st, 9, s->shoe, sizeof s->shoe);
    s->pain_during = col_int(st, 10);
    col_text(st, 11, s->source, sizeof s->source);
    s->import_id = col_id(st, 12);
    col_text(st, 13, s->notes, sizeof s->notes);
    s->elapsed_s = col_real(st, 14);
    s->avg_hr = col_int(st, 15);
    s->max_hr = col_int(st, 16);
    s->cadence_spm = col_real(st, 17);
    s->ascent_m = col_real(st, 18);
    s->utc_offset_s = sqlite3_column_type(st, 19) == SQLITE_NULL
                          ? INT32_MIN
                          : sqlite3_column_int(st, 19);
    col_text(st, 20, s->device, sizeof s->device);
    s->pain_after = col_int(st, 21);
}

/* Sets s->shoe_id from s->shoe (a name), if one is given. */
static int resolve_shoe(tendo_db *db, struct tendo_session *s,
                        struct tendo_error *err)
{
    int rc;
    if (!s->shoe[0]) {
        s->shoe_id = 0;
        return TENDO_OK;
    }
    if ((rc = tendo_shoe_id(db, s->shoe, &s->shoe_id, s->shoe, err))) {
        if (rc == TENDO_ENOTFOUND)
            tendo_error_where(err, NULL, 0, "shoe");
        return rc;
    }
    return TENDO_OK;
}

static void bind_session(sqlite3_stmt *st, const struct tendo_session *s)
{
    char utc[21];
    bind_day(st, 1, s->date);
    if (s->start_utc == INT64_MIN)
        sqlite3_bind_null(st, 2);
    else
        bind_str(st, 2, tendo_utc_format(s->start_utc, utc));
    bind_str(st, 3, s->type);
    bind_real(st, 4, s->minutes);
    bind_real(st, 5, s->distance_m);
    bind_int(st, 6, s->rpe);
    bind_text(st, 7, s->surface);
    bind_id(st, 8, s->shoe_id);
    bind_int(st, 9, s->pain_during);
    bind_str(st, 10, s->source[0] ? s->source : "manual");
    bind_id(st, 11, s->import_id);
    bind_str(st, 12, s->notes);
    bind_real(st, 13, s->elapsed_s);
    bind_int(st, 14, s->avg_hr);
    bind_int(st, 15, s->max_hr);
    bind_real(st, 16, s->cadence_spm);
    bind_real(st, 17, s->ascent_m);
    if (s->utc_offset_s == INT32_MIN)
        sqlite3_bind_null(st, 18);
    else
        sqlite3_bind_int(st, 18, s->utc_offset_s);
    bind_text(st, 19, s->device);
    bind_int(st, 20, s->pain_after);
}

int tendo_session_add(tendo_db *db, struct tendo_session *s, tendo_day today,
                      struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_session_validate(s, today, err)) ||
        (rc = resolve_shoe(db, s, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO sessions (id, date, start_utc, type, minutes, "
                    "distance_m, rpe, surface, shoe_id, pain_during, source, "
                    "import_id, notes, elapsed_s, avg_hr, max_hr, cadence_spm,"
                    " ascent_m, utc_offset_s, device, pain_after) VALUES ("
                    NEXT_ID("sessions", "session") ", ?1,"
                    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                    " ?15, ?16, ?17, ?18, ?19, ?20)",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_session(st, s);
    if ((rc = store_done(db, st, err, "cannot store the session")))
        return rc;
    s->id = sqlite3_last_insert_rowid(db->sql);
    if (!s->source[0])
        snprintf(s->source, sizeof s->source, "manual");
    return TENDO_OK;
}

int tendo_session_log(tendo_db *db, struct tendo_session *s, int no_shoe,
                      tendo_day today, struct tendo_error *err)
{
    if (!s->shoe[0] && !no_shoe && strcmp(s->type, "run") == 0) {
        struct tendo_shoe def;
        int found, rc;
        if ((rc = tendo_shoe_default(db, &def, &found, err)))
            return rc;
        if (found)
            snprintf(s->shoe, sizeof s->shoe, "%s", def.name);
    }
    return tendo_session_add(db, s, today, err);
}

int tendo_session_update(tendo_db *db, struct tendo_session *s,
                         tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_session_validate(s, today, err)) ||
        (rc = resolve_shoe(db, s, err)))
        return rc;
    st = store_prep(db,
                    "UPDATE sessions SET date = ?1, start_utc = ?2, type = ?3,"
                    " minutes = ?4, distance_m = ?5, rpe = ?6, surface = ?7,"
                    " shoe_id = ?8, pain_during = ?9, source = ?10,"
                    " import_id = ?11, notes = ?12, elapsed_s = ?13,"
                    " avg_hr = ?14, max_hr = ?15, cadence_spm = ?16,"
                    " ascent_m = ?17, utc_offset_s = ?18, device = ?19,"
                    " pain_after = ?20 WHERE id = ?21",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_session(st, s);
    sqlite3_bind_int64(st, 21, s->id);
    if ((rc = store_done(db, st, err, "cannot update the session")))
        return rc;
    if (sqlite3_changes(db->sql) == 0)
        return tendo_fail(err, TENDO_ENOTFOUND, "no session with id %lld",
                          (long long)s->id);
    return TENDO_OK;
}

int tendo_session_get(tendo_db *db, int64_t id, struct tendo_session *out,
                      struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, "SELECT " SESSION_COLS "WHERE s.id = ?1",
                                  err);
    int rc, found;
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = step_one(db, st, read_session, out, &found, err,
                       "cannot read the session")))
        return rc;
    if (!found)
        return tendo_fail(err, TENDO_ENOTFOUND, "no session with id %lld",
                          (long long)id);
    return TENDO_OK;
}

int tendo_session_find_same(tendo_db *db, const struct tendo_session *s,
                            int64_t exclude_import, int64_t *id,
                            struct tendo_error *err)
{
    struct tendo_session tmp = *s;
    sqlite3_stmt *st;
    *id = 0;
    if (tmp.shoe[0]) {
        struct tendo_error ignore = {0};
        if (tendo_shoe_id(db, tmp.shoe, &tmp.shoe_id, NULL, &ignore) !=
            TENDO_OK)
            return TENDO_OK; /* an unknown shoe: no stored session has it */
    }
    st = store_prep(db,
                    /* unary + keeps the planner on the date index (the
                     * shoe index would visit all of a shoe's sessions) */
                    "SELECT id FROM sessions WHERE date = ?1 AND type = ?2 "
                    "AND minutes IS ?3 AND distance_m IS ?4 AND rpe IS ?5 "
                    "AND surface IS ?6 AND +shoe_id IS ?7 "
                    "AND pain_during IS ?8 AND notes = ?9 "
                    "AND +import_id IS NOT ?10 AND pain_after IS ?11 "
                    "ORDER BY id LIMIT 1",
                    err);
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 10, exclude_import ? exclude_import : -1);
    bind_day(st, 1, tmp.date);
    bind_str(st, 2, tmp.type);
    bind_real(st, 3, tmp.minutes);
    bind_real(st, 4, tmp.distance_m);
    bind_int(st, 5, tmp.rpe);
    bind_text(st, 6, tmp.surface);
    bind_id(st, 7, tmp.shoe_id);
    bind_int(st, 8, tmp.pain_during);
    bind_str(st, 9, tmp.notes);
    bind_int(st, 11, tmp.pain_after);
    return step_one(db, st, read_id, id, NULL, err, "cannot look up sessions");
}

int tendo_session_find_start(tendo_db *db, const char *type,
                             int64_t start_utc, int window_s, int64_t *id,
                             struct tendo_error *err)
{
    char lo[21], hi[21];
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT id FROM sessions WHERE start_utc "
                                  "BETWEEN ?1 AND ?2 AND type = ?3 "
                                  "ORDER BY id LIMIT 1",
                                  err);
    *id = 0;
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, tendo_utc_format(start_utc - window_s, lo));
    bind_str(st, 2, tendo_utc_format(start_utc + window_s, hi));
    bind_str(st, 3, type);
    return step_one(db, st, read_id, id, NULL, err,
                    "cannot look up sessions");
}

int tendo_stream_put_blob(tendo_db *db, int64_t id, size_t samples,
                          const void *data, size_t len,
                          struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if (len > INT_MAX)
        return tendo_fail(err, TENDO_ELIMIT, "the stream is too large");
    st = store_prep(db,
                    "INSERT OR REPLACE INTO streams (session_id, samples, "
                    "data) VALUES (?1, ?2, ?3)",
                    err);
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)samples);
    sqlite3_bind_blob(st, 3, data, (int)len, SQLITE_STATIC);
    rc = store_done(db, st, err, "cannot store the stream");
    sqlite3_clear_bindings(st);
    return rc;
}

int tendo_stream_get_blob(tendo_db *db, int64_t id, struct tendo_buf *out,
                          int *found, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(
        db, "SELECT data FROM streams WHERE session_id = ?1", err);
    int rc = TENDO_OK, step;
    *found = 0;
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(st, 0);
        int len = sqlite3_column_bytes(st, 0);
        *found = 1;
        tendo_buf_add(out, p, (size_t)len);
        if (out->err)
            rc = tendo_fail(err, out->err, "cannot read the stream: %s",
                            tendo_strerror(out->err));
    } else if (step != SQLITE_DONE) {
        rc = store_fail(db, err, "cannot read the stream");
    }
    sqlite3_reset(st);
    return rc;
}

static int session_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_session s;
    read_session(st, &s);
    return ((tendo_session_fn)w->fn)(&s, w->ctx);
}

int tendo_sessions_each(tendo_db *db, tendo_day from, tendo_day to,
                        tendo_session_fn fn, void *ctx,
                        struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                         "SELECT " SESSION_COLS
                         "WHERE s.date BETWEEN ?1 AND ?2 ORDER BY s.date, s.id",
                         from, to, session_row, &w, err);
}

/* ---- checks ------------------------------------------------------------ */

#define CHECK_COLS \
    "date, morning, stiffness_min, during, after, hop_pain, side, location, " \
    "flags FROM checks "

static void read_check(sqlite3_stmt *st, void *out)
{
    struct tendo_check *c = out;
    tendo_check_init(c);
    c->date = col_day(st, 0);
    c->morning = col_int(st, 1);
    c->stiffness_min = col_int(st, 2);
    c->during = col_int(st, 3);
    c->after = col_int(st, 4);
    c->hop_pain = col_int(st, 5);
    col_text(st, 6, c->side, sizeof c->side);
    col_text(st, 7, c->location, sizeof c->location);
    c->flags = (unsigned)sqlite3_column_int(st, 8);
}

int tendo_check_get(tendo_db *db, tendo_day day, struct tendo_check *out,
                    int *found, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, "SELECT " CHECK_COLS "WHERE date = ?1",
                                  err);
    int rc;
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, day);
    if ((rc = step_one(db, st, read_check, out, found, err, "cannot read the check")))
        return rc;
    if (!*found) {
        tendo_check_init(out);
        out->date = day;
    }
    return TENDO_OK;
}

int tendo_check_put(tendo_db *db, const struct tendo_check *c, tendo_day today,
                    struct tendo_error *err)
{
    sqlite3_stmt *st;
    unsigned before = 0;
    int rc, found;
    if ((rc = tendo_check_validate(c, today, err)))
        return rc;
    /* clinical.md §2: a flag taken off is a correction, kept on record */
    st = store_prep(db, "SELECT flags FROM checks WHERE date = ?1", err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, c->date);
    found = sqlite3_step(st);
    if (found == SQLITE_ROW)
        before = (unsigned)sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (found != SQLITE_ROW && found != SQLITE_DONE)
        return store_fail(db, err, "cannot read the check");
    if ((rc = store_flag_correction(db, c->date,
                                    before & ~c->flags & TENDO_FLAG_RED,
                                    today, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO checks (date, morning, stiffness_min, during,"
                    " after, hop_pain, side, location, flags) VALUES (?1, ?2,"
                    " ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (date) DO UPDATE"
                    " SET morning = excluded.morning,"
                    " stiffness_min = excluded.stiffness_min,"
                    " during = excluded.during, after = excluded.after,"
                    " hop_pain = excluded.hop_pain, side = excluded.side,"
                    " location = excluded.location, flags = excluded.flags",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, c->date);
    bind_int(st, 2, c->morning);
    bind_int(st, 3, c->stiffness_min);
    bind_int(st, 4, c->during);
    bind_int(st, 5, c->after);
    bind_int(st, 6, c->hop_pain);
    bind_text(st, 7, c->side);
    bind_text(st, 8, c->location);
    sqlite3_bind_int(st, 9, (int)c->flags);
    return store_done(db, st, err, "cannot store the check");
}

int tendo_check_record(tendo_db *db, const struct tendo_check *c,
                       tendo_day today, int64_t *moved_to,
                       struct tendo_error *err)
{
    struct tendo_check k = *c;
    sqlite3_stmt *st;
    int64_t id = 0;
    int rc, n = 0;
    *moved_to = 0;
    if ((rc = tendo_check_validate(c, today, err)))
        return rc;
    if (c->during != TENDO_UNSET || c->after != TENDO_UNSET) {
        st = store_prep(db,
                        "SELECT id FROM sessions WHERE date = ?1 AND "
                        "type = 'run'",
                        err);
        if (!st)
            return TENDO_EDB;
        bind_day(st, 1, c->date);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 2) {
            id = sqlite3_column_int64(st, 0);
            n++;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_fail(db, err, "cannot read the day's runs");
    }
    if (n == 1) {
        st = store_prep(db,
                        "UPDATE sessions SET pain_during = coalesce(?2, "
                        "pain_during), pain_after = coalesce(?3, pain_after) "
                        "WHERE id = ?1",
                        err);
        if (!st)
            return TENDO_EDB;
        sqlite3_bind_int64(st, 1, id);
        bind_int(st, 2, c->during);
        bind_int(st, 3, c->after);
        if ((rc = store_done(db, st, err, "cannot store the run's pain")))
            return rc;
        k.during = k.after = TENDO_UNSET;
        *moved_to = id;
    }
    return tendo_check_put(db, &k, today, err);
}

static int check_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_check c;
    read_check(st, &c);
    return ((tendo_check_fn)w->fn)(&c, w->ctx);
}

int tendo_check_update(tendo_db *db, const struct tendo_check *in,
                       int replace_flags, unsigned add_flags, tendo_day today,
                       struct tendo_check_outcome *out,
                       struct tendo_error *err)
{
    struct tendo_check *cur = &out->after;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = tendo_check_get(db, in->date, cur, &out->found, err)))
        return rc;
    out->before = *cur;
#define MERGE(fld, label)                                                   \
    if (in->fld != TENDO_UNSET && in->fld != cur->fld) {                    \
        if (out->found && cur->fld != TENDO_UNSET)                          \
            out->changes[out->nchanges++] =                                 \
                (struct tendo_check_change){label, cur->fld, in->fld};      \
        cur->fld = in->fld;                                                 \
    }
    MERGE(morning, "morning")
    MERGE(stiffness_min, "stiffness")
    MERGE(during, "during")
    MERGE(after, "after")
    MERGE(hop_pain, "hop pain")
#undef MERGE
    if (in->side[0])
        snprintf(cur->side, sizeof cur->side, "%s", in->side);
    if (in->location[0])
        snprintf(cur->location, sizeof cur->location, "%s", in->location);
    if (replace_flags)
        cur->flags = in->flags;
    cur->flags |= add_flags;
    return tendo_check_record(db, cur, today, &out->moved_to, err);
}

int tendo_checks_each(tendo_db *db, tendo_day from, tendo_day to,
                      tendo_check_fn fn, void *ctx, struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                         "SELECT " CHECK_COLS
                         "WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
                         from, to, check_row, &w, err);
}

/* ---- rehab --------------------------------------------------------------- */

#define REHAB_COLS \
    "id, date, exercise, sets, reps, load_kg, tempo, surface, pain, source, " \
    "import_id, notes FROM rehab "

static void read_rehab(sqlite3_stmt *st, void *out)
{
    struct tendo_rehab *r = out;
    tendo_rehab_init(r);
    r->id = col_id(st, 0);
    r->date = col_day(st, 1);
    col_text(st, 2, r->exercise, sizeof r->exercise);
    r->sets = col_int(st, 3);
    r->reps = col_int(st, 4);
    r->load_kg = col_real(st, 5);
    col_text(st, 6, r->tempo, sizeof r->tempo);
    col_text(st, 7, r->surface, sizeof r->surface);
    r->pain = col_int(st, 8);
    col_text(st, 9, r->source, sizeof r->source);
    r->import_id = col_id(st, 10);
    col_text(st, 11, r->notes, sizeof r->notes);
}

int tendo_rehab_add(tendo_db *db, struct tendo_rehab *r, tendo_day today,
                    struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_rehab_validate(r, today, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO rehab (id, date, exercise, sets, reps, "
                    "load_kg, tempo, surface, pain, source, import_id, notes)"
                    " VALUES (" NEXT_ID("rehab", "rehab") ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    err);
    if (!st)
        return TENDO_EDB;
    if (!r->source[0])
        snprintf(r->source, sizeof r->source, "manual");
    bind_day(st, 1, r->date);
    bind_str(st, 2, r->exercise);
    bind_int(st, 3, r->sets);
    bind_int(st, 4, r->reps);
    bind_real(st, 5, r->load_kg);
    bind_text(st, 6, r->tempo);
    bind_text(st, 7, r->surface);
    bind_int(st, 8, r->pain);
    bind_str(st, 9, r->source);
    bind_id(st, 10, r->import_id);
    bind_str(st, 11, r->notes);
    if ((rc = store_done(db, st, err, "cannot store the rehab entry")))
        return rc;
    r->id = sqlite3_last_insert_rowid(db->sql);
    return TENDO_OK;
}

int tendo_rehab_find_same(tendo_db *db, const struct tendo_rehab *r,
                          int64_t exclude_import, int64_t *id,
                          struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(
        db,
        "SELECT id FROM rehab WHERE date = ?1 AND exercise = ?2 AND sets = ?3 "
        "AND reps = ?4 AND load_kg IS ?5 AND tempo IS ?6 AND surface IS ?7 "
        "AND pain IS ?8 AND notes = ?9 AND import_id IS NOT ?10 "
        "ORDER BY id LIMIT 1",
        err);
    *id = 0;
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 10, exclude_import ? exclude_import : -1);
    bind_day(st, 1, r->date);
    bind_str(st, 2, r->exercise);
    bind_int(st, 3, r->sets);
    bind_int(st, 4, r->reps);
    bind_real(st, 5, r->load_kg);
    bind_text(st, 6, r->tempo);
    bind_text(st, 7, r->surface);
    bind_int(st, 8, r->pain);
    bind_str(st, 9, r->notes);
    return step_one(db, st, read_id, id, NULL, err,
                    "cannot look up rehab entries");
}

int tendo_rehab_last(tendo_db *db, tendo_day day, struct tendo_rehab *out,
                     int *found, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT " REHAB_COLS
                                  "WHERE date <= ?1 ORDER BY date DESC, id "
                                  "DESC LIMIT 1",
                                  err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, day);
    return step_one(db, st, read_rehab, out, found, err,
                    "cannot read rehab entries");
}

static int rehab_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_rehab r;
    read_rehab(st, &r);
    return ((tendo_rehab_fn)w->fn)(&r, w->ctx);
}

int tendo_rehab_each(tendo_db *db, tendo_day from, tendo_day to,
                     tendo_rehab_fn fn, void *ctx, struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                         "SELECT " REHAB_COLS
                         "WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id",
                         from, to, rehab_row, &w, err);
}

/* ---- wellness ------------------------------------------------------------ */

#define WELLNESS_COLS \
    "date, sleep_h, sleep_quality, stress, fatigue, soreness FROM wellness "

static void read_wellness(sqlite3_stmt *st, void *out)
{
    struct tendo_wellness *w = out;
    tendo_wellness_init(w);
    w->date = col_day(st, 0);
    w->sleep_h = col_real(st, 1);
    w->sleep_quality = col_int(st, 2);
    w->stress = col_int(st, 3);
    w->fatigue = col_int(st, 4);
    w->soreness = col_int(st, 5);
}

int tendo_wellness_get(tendo_db *db, tendo_day day, struct tendo_wellness *out,
                    int *found, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, "SELECT " WELLNESS_COLS "WHERE date = ?1",
                                  err);
    int rc;
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, day);
    if ((rc = step_one(db, st, read_wellness, out, found, err, "cannot read wellness")))
        return rc;
    if (!*found) {
        tendo_wellness_init(out);
        out->date = day;
    }
    return TENDO_OK;
}

int tendo_wellness_put(tendo_db *db, const struct tendo_wellness *w,
                       tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_wellness_validate(w, today, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO wellness (date, sleep_h, sleep_quality, "
                    "stress, fatigue, soreness) VALUES (?1, ?2, ?3, ?4, ?5, "
                    "?6) ON CONFLICT (date) DO UPDATE SET sleep_h = "
                    "excluded.sleep_h, sleep_quality = excluded.sleep_quality,"
                    " stress = excluded.stress, fatigue = excluded.fatigue,"
                    " soreness = excluded.soreness",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, w->date);
    bind_real(st, 2, w->sleep_h);
    bind_int(st, 3, w->sleep_quality);
    bind_int(st, 4, w->stress);
    bind_int(st, 5, w->fatigue);
    bind_int(st, 6, w->soreness);
    return store_done(db, st, err, "cannot store wellness");
}

static int wellness_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_wellness x;
    read_wellness(st, &x);
    return ((tendo_wellness_fn)w->fn)(&x, w->ctx);
}

int tendo_wellness_each(tendo_db *db, tendo_day from, tendo_day to,
                        tendo_wellness_fn fn, void *ctx,
                        struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                         "SELECT " WELLNESS_COLS
                         "WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
                         from, to, wellness_row, &w, err);
}

/* ---- the routine's blocks done ------------------------------------------ */

int tendo_routine_log_put(tendo_db *db, struct tendo_routine_log *r,
                          tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_routine_log_validate(r, today, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO routine_log (id, date, block, pain) VALUES ("
                    NEXT_ID("routine_log", "routine") ", ?1, ?2, ?3) "
                    "ON CONFLICT (date, block) DO UPDATE SET pain = "
                    "coalesce(excluded.pain, pain) RETURNING id, pain",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, r->date);
    bind_str(st, 2, r->block);
    bind_int(st, 3, r->pain);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r->id = sqlite3_column_int64(st, 0);
        r->pain = col_int(st, 1);
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(db, err, "cannot store the block");
    return TENDO_OK;
}

static int routine_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_routine_log x;
    tendo_routine_log_init(&x);
    x.id = sqlite3_column_int64(st, 0);
    x.date = col_day(st, 1);
    col_text(st, 2, x.block, sizeof x.block);
    x.pain = col_int(st, 3);
    return ((tendo_routine_log_fn)w->fn)(&x, w->ctx);
}

int tendo_routine_logs_each(tendo_db *db, tendo_day from, tendo_day to,
                            tendo_routine_log_fn fn, void *ctx,
                            struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    return store_each_in_range(db,
                               "SELECT id, date, block, pain FROM routine_log "
                               "WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id",
                               from, to, routine_row, &w, err);
}

/* ---- shoes --------------------------------------------------------------- */

#define SHOE_COLS                                                            \
    "sh.id, sh.name, sh.brand, sh.drop_mm, sh.start_m, sh.added, sh.retired," \
    " sh.is_default, sh.start_m + coalesce(sum(s.distance_m), 0), count(s.id)" \
    " FROM shoes sh LEFT JOIN sessions s ON s.shoe_id = sh.id "

static void read_shoe(sqlite3_stmt *st, void *out)
{
    struct tendo_shoe *s = out;
    tendo_shoe_init(s);
    s->id = col_id(st, 0);
    col_text(st, 1, s->name, sizeof s->name);
    col_text(st, 2, s->brand, sizeof s->brand);
    s->drop_mm = col_real(st, 3);
    s->start_m = col_real(st, 4);
    s->added = col_day(st, 5);
    s->retired = col_day(st, 6);
    s->is_default = sqlite3_column_int(st, 7);
    s->distance_m = col_real(st, 8);
    s->sessions = sqlite3_column_int(st, 9);
}

static int clear_default(tendo_db *db, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(
        db, "UPDATE shoes SET is_default = 0 WHERE is_default = 1", err);
    return st ? store_done(db, st, err, "cannot update shoes") : TENDO_EDB;
}

int tendo_shoe_add(tendo_db *db, struct tendo_shoe *s, struct tendo_error *err)
{
    sqlite3_stmt *st;
    struct tendo_shoe old;
    struct tendo_error ignore = {0};
    int rc;
    char day[TENDO_DAY_STRLEN];

    char name[TENDO_NAME_MAX + 1];
    if (!s->name[0])
        return tendo_fail(err, TENDO_EINVAL, "a shoe needs a name");
    if ((rc = tendo_parse_name(s->name, strlen(s->name), TENDO_NAME_MAX,
                               "shoe name", name, err)))
        return rc;
    if (tendo_shoe_id(db, s->name, &old.id, old.name, &ignore) == TENDO_OK)
        return tendo_fail(err, TENDO_EEXIST, "shoe '%s' exists already",
                          old.name);
    if (!isnan(s->drop_mm) && (s->drop_mm < 0 || s->drop_mm > 30))
        return tendo_fail(err, TENDO_ERANGE, "drop %g mm is out of range 0-30",
                          s->drop_mm);
    if (isnan(s->start_m) || s->start_m < 0 || s->start_m > 1e7)
        return tendo_fail(err, TENDO_ERANGE,
                          "starting distance is out of range");
    if (s->is_default && (rc = clear_default(db, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO shoes (id, name, brand, drop_mm, start_m, "
                    "added, retired, is_default) VALUES ("
                    NEXT_ID("shoes", "shoe") ", ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, s->name);
    bind_str(st, 2, s->brand);
    bind_real(st, 3, s->drop_mm);
    sqlite3_bind_double(st, 4, s->start_m);
    bind_str(st, 5, day_txt(s->added == TENDO_DAY_NONE ? 0 : s->added, day));
    bind_day(st, 6, s->retired);
    sqlite3_bind_int(st, 7, s->is_default ? 1 : 0);
    if ((rc = store_done(db, st, err, "cannot store the shoe")))
        return rc;
    s->id = sqlite3_last_insert_rowid(db->sql);
    return TENDO_OK;
}

int tendo_shoe_get(tendo_db *db, const char *name, struct tendo_shoe *out,
                   struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT " SHOE_COLS
                                  "WHERE sh.name = ?1 GROUP BY sh.id",
                                  err);
    int rc, found;
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, name);
    if ((rc = step_one(db, st, read_shoe, out, &found, err,
                       "cannot read shoes")))
        return rc;
    if (!found)
        return tendo_fail(err, TENDO_ENOTFOUND,
                          "shoe '%s' is not known (add it with 'tendo shoe "
                          "add')",
                          name);
    return TENDO_OK;
}

int tendo_shoe_id(tendo_db *db, const char *name, int64_t *id,
                  char *name_out, struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, "SELECT id, name FROM shoes WHERE name = ?1",
                                  err);
    int rc;
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, name);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (name_out)
            col_text(st, 1, name_out, TENDO_NAME_MAX + 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return tendo_fail(err, TENDO_ENOTFOUND,
                          "shoe '%s' is not known (add it with 'tendo shoe "
                          "add')",
                          name);
    if (rc != SQLITE_ROW)
        return store_fail(db, err, "cannot read shoes");
    return TENDO_OK;
}

int tendo_shoe_retire(tendo_db *db, const char *name, tendo_day day,
                      struct tendo_error *err)
{
    struct tendo_shoe s;
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_shoe_get(db, name, &s, err)))
        return rc;
    if (s.retired != TENDO_DAY_NONE) {
        char d[TENDO_DAY_STRLEN];
        return tendo_fail(err, TENDO_EEXIST, "shoe '%s' was retired on %s",
                          s.name, tendo_day_format(s.retired, d));
    }
    if (day < s.added) {
        char d[TENDO_DAY_STRLEN];
        return tendo_fail(err, TENDO_ERANGE,
                          "shoe '%s' cannot retire before it was added (%s)",
                          s.name, tendo_day_format(s.added, d));
    }
    st = store_prep(db,
                    "UPDATE shoes SET retired = ?1, is_default = 0 "
                    "WHERE id = ?2",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, day);
    sqlite3_bind_int64(st, 2, s.id);
    return store_done(db, st, err, "cannot retire the shoe");
}

int tendo_shoe_set_default(tendo_db *db, const char *name,
                           struct tendo_error *err)
{
    struct tendo_shoe s;
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_shoe_get(db, name, &s, err)))
        return rc;
    if (s.retired != TENDO_DAY_NONE)
        return tendo_fail(err, TENDO_EINVAL,
                          "shoe '%s' is retired and cannot be the default",
                          s.name);
    if ((rc = clear_default(db, err)))
        return rc;
    st = store_prep(db, "UPDATE shoes SET is_default = 1 WHERE id = ?1", err);
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 1, s.id);
    return store_done(db, st, err, "cannot update the shoe");
}

int tendo_shoe_default(tendo_db *db, struct tendo_shoe *out, int *found,
                       struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT " SHOE_COLS
                                  "WHERE sh.is_default = 1 GROUP BY sh.id",
                                  err);
    if (!st)
        return TENDO_EDB;
    return step_one(db, st, read_shoe, out, found, err, "cannot read shoes");
}

int tendo_shoe_in_use(tendo_db *db, tendo_day day, struct tendo_shoe *out,
                      int *found, struct tendo_error *err)
{
    /* the default shoe if it was in use that day, else the only shoe that
     * was; a day two shoes were in use without a default is unknown */
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT " SHOE_COLS
                                  "WHERE sh.added <= ?1 AND (sh.retired IS "
                                  "NULL OR sh.retired >= ?1) AND (sh.is_default"
                                  " = 1 OR (SELECT count(*) FROM shoes x WHERE "
                                  "x.added <= ?1 AND (x.retired IS NULL OR "
                                  "x.retired >= ?1)) = 1) GROUP BY sh.id "
                                  "ORDER BY sh.is_default DESC LIMIT 1",
                                  err);
    char d[TENDO_DAY_STRLEN];
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, day_txt(day, d));
    return step_one(db, st, read_shoe, out, found, err, "cannot read shoes");
}

static int shoe_row(sqlite3_stmt *st, void *p)
{
    struct walk *w = p;
    struct tendo_shoe s;
    read_shoe(st, &s);
    return ((tendo_shoe_fn)w->fn)(&s, w->ctx);
}

int tendo_shoes_each(tendo_db *db, tendo_shoe_fn fn, void *ctx,
                     struct tendo_error *err)
{
    struct walk w = {(void *)fn, ctx};
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT " SHOE_COLS
                                  "GROUP BY sh.id ORDER BY sh.retired IS NOT "
                                  "NULL, sh.name COLLATE NOCASE",
                                  err);
    if (!st)
        return TENDO_EDB;
    return each_row(db, st, shoe_row, &w, err);
}

/* ---- import ledger -------------------------------------------------------- */

int tendo_ledger_find(tendo_db *db, const char *sha256_hex, int64_t *id,
                      struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db, "SELECT id FROM imports WHERE sha256 = ?1",
                                  err);
    *id = 0;
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, sha256_hex);
    return step_one(db, st, read_id, id, NULL, err,
                    "cannot read the import ledger");
}

const char *const tendo_ledger_statuses[] = {"imported", "duplicate",
                                             "rejected", NULL};

static void read_ledger(sqlite3_stmt *st, void *out)
{
    struct tendo_ledger_entry *l = out;
    char status[16];
    memset(l, 0, sizeof *l);
    l->id = col_id(st, 0);
    col_text(st, 1, l->source, sizeof l->source);
    col_text(st, 2, l->format, sizeof l->format);
    col_text(st, 3, status, sizeof status);
    col_text(st, 4, l->error, sizeof l->error);
    for (int i = 0; tendo_ledger_statuses[i]; i++)
        if (!strcmp(status, tendo_ledger_statuses[i]))
            l->status = i;
}

int tendo_ledger_lookup(tendo_db *db, const char *sha256_hex,
                        struct tendo_ledger_entry *out, int *found,
                        struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(db,
                                  "SELECT id, source, format, status, error "
                                  "FROM imports WHERE sha256 = ?1",
                                  err);
    memset(out, 0, sizeof *out);
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, sha256_hex);
    return step_one(db, st, read_ledger, out, found, err,
                    "cannot read the import ledger");
}

int tendo_ledger_note(tendo_db *db, const char *sha256_hex,
                      const char *source, const char *format, int status,
                      const char *error, int64_t now_utc, int64_t *id,
                      struct tendo_error *err)
{
    char utc[21];
    sqlite3_stmt *st = store_prep(
        db,
        "INSERT INTO imports (sha256, source, format, imported_utc, status, "
        "error) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO "
        "UPDATE SET source = ?2, format = ?3, imported_utc = ?4, status = ?5,"
        " error = ?6 WHERE status <> 'imported' OR ?5 = 'imported' "
        "RETURNING id",
        err);
    if (!st)
        return TENDO_EDB;
    if (status < 0 || status > TENDO_LEDGER_REJECTED)
        return tendo_fail(err, TENDO_EUSAGE, "no such ledger status");
    bind_str(st, 1, sha256_hex);
    bind_str(st, 2, source);
    bind_str(st, 3, format);
    bind_str(st, 4, tendo_utc_format(now_utc, utc));
    bind_str(st, 5, tendo_ledger_statuses[status]);
    bind_text(st, 6, error);
    *id = 0;
    return step_one(db, st, read_id, id, NULL, err,
                    "cannot record the import");
}

int tendo_ledger_add(tendo_db *db, const char *sha256_hex, const char *source,
                     const char *format, int64_t imported_utc, int64_t *id,
                     struct tendo_error *err)
{
    char utc[21];
    sqlite3_stmt *st = store_prep(db,
                                  "INSERT INTO imports (sha256, source, format,"
                                  " imported_utc) VALUES (?1, ?2, ?3, ?4)",
                                  err);
    int rc;
    if (!st)
        return TENDO_EDB;
    bind_str(st, 1, sha256_hex);
    bind_str(st, 2, source);
    bind_str(st, 3, format);
    bind_str(st, 4, tendo_utc_format(imported_utc, utc));
    if ((rc = store_done(db, st, err, "cannot record the import")))
        return rc;
    *id = sqlite3_last_insert_rowid(db->sql);
    return TENDO_OK;
}

int tendo_ledger_set_device(tendo_db *db, int64_t id, uint32_t serial,
                            int64_t time_created, struct tendo_error *err)
{
    char utc[21];
    sqlite3_stmt *st = store_prep(db,
                                  "UPDATE imports SET serial = ?1, "
                                  "time_created = ?2 WHERE id = ?3",
                                  err);
    if (!st)
        return TENDO_EDB;
    if (serial)
        sqlite3_bind_int64(st, 1, serial);
    else
        sqlite3_bind_null(st, 1);
    if (time_created == INT64_MIN)
        sqlite3_bind_null(st, 2);
    else
        bind_str(st, 2, tendo_utc_format(time_created, utc));
    sqlite3_bind_int64(st, 3, id);
    return store_done(db, st, err, "cannot record the import");
}

struct device_hit {
    int64_t id;
    char *source;
    size_t cap;
};

static void read_device_hit(sqlite3_stmt *st, void *out)
{
    struct device_hit *h = out;
    h->id = sqlite3_column_int64(st, 0);
    if (h->source && h->cap)
        col_text(st, 1, h->source, h->cap);
}

int tendo_ledger_find_device(tendo_db *db, uint32_t serial,
                             int64_t time_created, int64_t *id, char *source,
                             size_t cap, struct tendo_error *err)
{
    char utc[21];
    struct device_hit h = {0, source, cap};
    sqlite3_stmt *st;
    int rc;
    *id = 0;
    if (!serial || time_created == INT64_MIN)
        return TENDO_OK;
    st = store_prep(db,
                    "SELECT id, source FROM imports WHERE serial = ?1 AND "
                    "time_created = ?2 LIMIT 1",
                    err);
    if (!st)
        return TENDO_EDB;
    sqlite3_bind_int64(st, 1, serial);
    bind_str(st, 2, tendo_utc_format(time_created, utc));
    rc = step_one(db, st, read_device_hit, &h, NULL, err,
                  "cannot read the import ledger");
    *id = h.id;
    return rc;
}
