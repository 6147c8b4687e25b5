/*
 * import/seen.c - the per-day set of records stored before a diary file
 * began (import/seen.h).
 */
#include "import/seen.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void seen_init(struct seen *s, tendo_db *db, int64_t import_id)
{
    memset(s, 0, sizeof *s);
    s->db = db;
    s->import_id = import_id;
}

void seen_free(struct seen *s)
{
    for (size_t i = 0; i < s->cap; i++)
        tendo_free(s->keys[i]);
    tendo_free(s->keys);
    tendo_free(s->days);
    memset(s, 0, sizeof *s);
}

static uint64_t hash(const char *k)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211u;
    return h;
}

static int grow(struct seen *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    char **keys = tendo_calloc(cap, sizeof *keys);
    if (!keys)
        return -1;
    for (size_t i = 0; i < s->cap; i++) {
        size_t j;
        if (!s->keys[i])
            continue;
        for (j = hash(s->keys[i]) & (cap - 1); keys[j]; j = (j + 1) & (cap - 1))
            ;
        keys[j] = s->keys[i];
    }
    tendo_free(s->keys);
    s->keys = keys;
    s->cap = cap;
    return 0;
}

static int has(const struct seen *s, const char *key)
{
    if (!s->cap)
        return 0;
    for (size_t j = hash(key) & (s->cap - 1); s->keys[j];
         j = (j + 1) & (s->cap - 1))
        if (!strcmp(s->keys[j], key))
            return 1;
    return 0;
}

static int add(struct seen *s, const char *key)
{
    size_t j;
    if (has(s, key))
        return 0;
    if ((s->n + 1) * 2 > s->cap && grow(s))
        return -1;
    for (j = hash(key) & (s->cap - 1); s->keys[j]; j = (j + 1) & (s->cap - 1))
        ;
    if (!(s->keys[j] = tendo_strndup(key, strlen(key))))
        return -1;
    s->n++;
    return 0;
}

/* Values as the database compares them: a real by its bits (NAN = NULL),
 * text as it is. The kind letter keeps sessions and rehab apart. */
static void real_txt(char *out, size_t cap, double v)
{
    if (isnan(v))
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%a", v == 0 ? 0.0 : v);
}

static char *session_key(const struct tendo_session *x, int64_t shoe_id,
                         char *buf, size_t cap)
{
    char m[40], d[40];
    real_txt(m, sizeof m, x->minutes);
    real_txt(d, sizeof d, x->distance_m);
    snprintf(buf, cap, "s|%d|%s|%s|%s|%d|%s|%lld|%d|%d|%s", (int)x->date,
             x->type, m, d, x->rpe, x->surface, (long long)shoe_id,
             x->pain_during, x->pain_after, x->notes);
    return buf;
}

static char *rehab_key(const struct tendo_rehab *x, char *buf, size_t cap)
{
    char l[40];
    real_txt(l, sizeof l, x->load_kg);
    snprintf(buf, cap, "r|%d|%s|%d|%d|%s|%s|%s|%d|%s", (int)x->date,
             x->exercise, x->sets, x->reps, l, x->tempo, x->surface, x->pain,
             x->notes);
    return buf;
}

#define KEY_MAX (TENDO_NOTES_MAX + 400)

struct loader {
    struct seen *s;
    char *buf;
    int failed;
};

static int load_session(const struct tendo_session *x, void *p)
{
    struct loader *l = p;
    if (x->import_id && x->import_id == l->s->import_id)
        return 0;
    if (add(l->s, session_key(x, x->shoe_id, l->buf, KEY_MAX)))
        return l->failed = 1, 1;
    return 0;
}

static int load_rehab(const struct tendo_rehab *x, void *p)
{
    struct loader *l = p;
    if (x->import_id && x->import_id == l->s->import_id)
        return 0;
    if (add(l->s, rehab_key(x, l->buf, KEY_MAX)))
        return l->failed = 1, 1;
    return 0;
}

/* Reads the day's stored records into the set, once per day. */
static int load_day(struct seen *s, tendo_day day, char *buf,
                    struct tendo_error *err)
{
    size_t lo = 0, hi = s->ndays;
    struct loader l = {s, buf, 0};
    int rc;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->days[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->ndays && s->days[lo] == day)
        return TENDO_OK;
    if (s->ndays == s->capdays) {
        size_t cap = s->capdays ? s->capdays * 2 : 16;
        tendo_day *d = tendo_realloc(s->days, cap * sizeof *d);
        if (!d)
            return tendo_fail(err, TENDO_ENOMEM, "out of memory");
        s->days = d;
        s->capdays = cap;
    }
    if ((rc = tendo_sessions_each(s->db, day, day, load_session, &l, err)) ||
        (!l.failed &&
         (rc = tendo_rehab_each(s->db, day, day, load_rehab, &l, err))))
        return rc;
    if (l.failed)
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    memmove(s->days + lo + 1, s->days + lo, (s->ndays - lo) * sizeof *s->days);
    s->days[lo] = day;
    s->ndays++;
    return TENDO_OK;
}

int seen_session(struct seen *s, const struct tendo_session *x, int *found,
                 struct tendo_error *err)
{
    char *buf;
    int64_t shoe_id = 0;
    int rc;
    *found = 0;
    if (x->shoe[0]) {
        struct tendo_error ignore = {0};
        if (tendo_shoe_id(s->db, x->shoe, &shoe_id, NULL, &ignore) != TENDO_OK)
            return TENDO_OK; /* an unknown shoe: no stored session has it */
    }
    if (!(buf = tendo_malloc(KEY_MAX)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    if (!(rc = load_day(s, x->date, buf, err)))
        *found = has(s, session_key(x, shoe_id, buf, KEY_MAX));
    tendo_free(buf);
    return rc;
}

int seen_rehab(struct seen *s, const struct tendo_rehab *x, int *found,
               struct tendo_error *err)
{
    char *buf;
    int rc;
    *found = 0;
    if (!(buf = tendo_malloc(KEY_MAX)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    if (!(rc = load_day(s, x->date, buf, err)))
        *found = has(s, rehab_key(x, buf, KEY_MAX));
    tendo_free(buf);
    return rc;
}
