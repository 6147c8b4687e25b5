/*
 * report/list_json.c - the records of a date range as one document
 * (`tendo list --json`, GET /api/list): tendo/documents.h.
 */
#include "tendo/documents.h"
#include "tendo/json.h"

#include <string.h>

const char *const tendo_list_kinds[] = {"sessions", "checks", "rehab",
                                        "wellness", "flags", NULL};

struct acc {
    json_t *arr;
    int units;
};

static int add(struct acc *a, json_t *v)
{
    return v ? json_array_append_new(a->arr, v) : -1;
}
static int j_session(const struct tendo_session *s, void *p)
{
    struct acc *a = p;
    return add(a, tendo_session_json(s, a->units));
}
static int j_check(const struct tendo_check *x, void *p)
{
    return add(p, tendo_check_json(x));
}
static int j_clearance(const struct tendo_clearance *x, void *p)
{
    return add(p, tendo_clearance_json(x));
}
static int j_correction(const struct tendo_flag_correction *x, void *p)
{
    return add(p, tendo_flag_correction_json(x));
}
static int j_rehab(const struct tendo_rehab *x, void *p)
{
    return add(p, tendo_rehab_json(x));
}
static int j_wellness(const struct tendo_wellness *x, void *p)
{
    return add(p, tendo_wellness_json(x));
}

int tendo_list_json(tendo_db *db, tendo_day from, tendo_day to,
                    unsigned what, int units, json_t **out,
                    struct tendo_error *err)
{
    char d1[TENDO_DAY_STRLEN], d2[TENDO_DAY_STRLEN];
    struct acc a[6];
    json_t *doc;
    int rc = 0;
    *out = NULL;
    for (int i = 0; i < 6; i++) {
        a[i].arr = json_array();
        a[i].units = units;
    }
    doc = json_pack("{s:s,s:s,s:s}", "from", tendo_day_format(from, d1), "to",
                    tendo_day_format(to, d2), "units",
                    units == TENDO_UNITS_MI ? "mi" : "km");
    for (int i = 0; i < 6; i++)
        if (!a[i].arr)
            doc = (json_decref(doc), NULL);
    if (!doc)
        rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
    if (!rc && (what & TENDO_LIST_SESSIONS))
        rc = tendo_sessions_each(db, from, to, j_session, &a[0], err);
    if (!rc && (what & TENDO_LIST_CHECKS))
        rc = tendo_checks_each(db, from, to, j_check, &a[1], err);
    if (!rc && (what & TENDO_LIST_REHAB))
        rc = tendo_rehab_each(db, from, to, j_rehab, &a[2], err);
    if (!rc && (what & TENDO_LIST_WELLNESS))
        rc = tendo_wellness_each(db, from, to, j_wellness, &a[3], err);
    if (!rc && (what & TENDO_LIST_FLAGS))
        rc = tendo_clearances_each(db, from, to, j_clearance, &a[4], err);
    if (!rc && (what & TENDO_LIST_FLAGS))
        rc = tendo_flag_corrections_each(db, from, to, j_correction, &a[5],
                                         err);
    if (rc && !err->code)
        rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
    if (rc) {
        json_decref(doc);
        for (int i = 0; i < 6; i++)
            json_decref(a[i].arr);
        return rc;
    }
    for (int i = 0; i < 4; i++) {
        if (what & (1u << i))
            json_object_set_new(doc, tendo_list_kinds[i], a[i].arr);
        else
            json_decref(a[i].arr);
    }
    if (what & TENDO_LIST_FLAGS) {
        json_object_set_new(doc, "clearances", a[4].arr);
        json_object_set_new(doc, "flag_corrections", a[5].arr);
    } else {
        json_decref(a[4].arr);
        json_decref(a[5].arr);
    }
    *out = doc;
    return TENDO_OK;
}
