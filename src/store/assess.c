/*
 * src/store/assess.c - the assessments table (schema v1): validated
 * inserts and date-ordered walks.
 */
#include "internal.h"
#include "core/alloc.h"

#include <string.h>

int tendo_assessment_add(tendo_db *db, struct tendo_assessment *a,
                         tendo_day today, struct tendo_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = tendo_assessment_validate(a, today, err)))
        return rc;
    st = store_prep(db,
                    "INSERT INTO assessments (id, date, kind, left_value, "
                    "right_value, score, answers, notes) VALUES ("
                    NEXT_ID("assessments", "assessment") ", ?1, ?2, ?3, "
                    "?4, ?5, ?6, ?7)",
                    err);
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, a->date);
    bind_str(st, 2, a->kind);
    bind_real(st, 3, a->left);
    bind_real(st, 4, a->right);
    bind_real(st, 5, a->score);
    bind_text(st, 6, a->answers);
    bind_str(st, 7, a->notes);
    if ((rc = store_done(db, st, err, "cannot store the assessment")))
        return rc;
    a->id = sqlite3_last_insert_rowid(db->sql);
    return TENDO_OK;
}

int tendo_assessments_each(tendo_db *db, const char *kind, tendo_day from,
                           tendo_day to, tendo_assessment_fn fn, void *ctx,
                           struct tendo_error *err)
{
    sqlite3_stmt *st = store_prep(
        db,
        "SELECT id, date, kind, left_value, right_value, score, answers, "
        "notes FROM assessments WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL "
        "OR kind = ?3) ORDER BY date, id",
        err);
    int rc;
    if (!st)
        return TENDO_EDB;
    bind_day(st, 1, from < TENDO_DAY_MIN ? TENDO_DAY_MIN : from);
    bind_day(st, 2, to > 2932896 ? 2932896 : to);
    bind_text(st, 3, kind ? kind : "");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct tendo_assessment a;
        tendo_assessment_init(&a);
        a.id = col_id(st, 0);
        a.date = col_day(st, 1);
        col_text(st, 2, a.kind, sizeof a.kind);
        a.left = col_real(st, 3);
        a.right = col_real(st, 4);
        a.score = col_real(st, 5);
        col_text(st, 6, a.answers, sizeof a.answers);
        col_text(st, 7, a.notes, sizeof a.notes);
        if (fn(&a, ctx)) {
            sqlite3_reset(st);
            return tendo_fail(err, TENDO_ENOMEM, "stopped by the caller");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_fail(db, err, "cannot read assessments");
    return TENDO_OK;
}

struct listing {
    struct tendo_assessment *v;
    size_t n, cap;
};

static int add_listed(const struct tendo_assessment *a, void *ctx)
{
    struct listing *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        struct tendo_assessment *v = tendo_realloc(l->v, cap * sizeof *v);
        if (!v)
            return 1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *a;
    return 0;
}

int tendo_assessments_list(tendo_db *db, const char *kind, tendo_day from,
                           tendo_day to, struct tendo_assessment **out,
                           size_t *n, struct tendo_error *err)
{
    struct listing l = {NULL, 0, 0};
    int rc = tendo_assessments_each(db, kind, from, to, add_listed, &l, err);
    *out = NULL;
    *n = 0;
    if (rc) {
        tendo_free(l.v);
        return err->code ? rc : tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    *out = l.v;
    *n = l.n;
    return TENDO_OK;
}
