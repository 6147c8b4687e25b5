/*
 * import/import.c - one file into the database, whole or not at all.
 *
 * A convenience layer over the public store and parser APIs (like Lua's
 * lauxlib): read, recognise, check the ledger, parse, store, commit.
 */
#include "tendo/import.h"
#include "tendo/diary.h"
#include "core/alloc.h"
#include "core/sha256.h"
#include "import/import_int.h"
#include "import/seen.h"
#include "parse/gpx.h"
#include "parse/gz.h"
#include "parse/tcx.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE (256u * 1024 * 1024)
#define MAX_INFLATED (512u * 1024 * 1024)

int tendo_read_file(const char *path, size_t max, uint8_t **data, size_t *len,
                    struct tendo_error *err)
{
    return import_read_file(path, max, 0, data, len, err);
}

int import_read_file(const char *path, size_t max, int nofollow,
                     uint8_t **data, size_t *len, struct tendo_error *err)
{
    /* O_NONBLOCK: a FIFO (or a device) must not block the open before
     * it is found not to be a regular file */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                            (nofollow ? O_NOFOLLOW : 0));
    struct stat st;
    uint8_t *buf;
    size_t got = 0;

    *data = NULL;
    *len = 0;
    if (fd < 0 && nofollow && errno == ELOOP)
        return tendo_fail(err, TENDO_EINVAL, "'%s' is a symbolic link "
                          "(not followed out of an export)", path);
    if (fd < 0)
        return tendo_fail(err, TENDO_EIO, "cannot open '%s': %s", path,
                          strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return tendo_fail(err, TENDO_EINVAL, "'%s' is not a regular file",
                          path);
    }
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if ((uint64_t)st.st_size > max) {
        close(fd);
        return tendo_fail(err, TENDO_ELIMIT,
                          "'%s' is larger than %zu bytes", path, max);
    }
    buf = tendo_malloc((size_t)st.st_size + 1);
    if (!buf) {
        close(fd);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory reading '%s'",
                          path);
    }
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = errno;
            close(fd);
            tendo_free(buf);
            return tendo_fail(err, TENDO_EIO, "cannot read '%s': %s", path,
                              n < 0 ? strerror(e) : "file shrank");
        }
        got += (size_t)n;
    }
    close(fd);
    buf[got] = 0;
    *data = buf;
    *len = got;
    return TENDO_OK;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char a = s[n - k + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

struct apply {
    tendo_db *db;
    tendo_day today;
    int64_t import_id;
    struct tendo_import_result *r;
    struct seen *seen;     /* what was stored before the file (diary) */
};

int import_ensure_shoe(tendo_db *db, const char *name, tendo_day day,
                       struct tendo_error *err)
{
    struct tendo_shoe shoe;
    struct tendo_error ignore = {0};
    int64_t id;
    if (tendo_shoe_id(db, name, &id, NULL, &ignore) == TENDO_OK)
        return TENDO_OK;
    tendo_shoe_init(&shoe);
    snprintf(shoe.name, sizeof shoe.name, "%s", name);
    shoe.added = day;
    return tendo_shoe_add(db, &shoe, err);
}

static int merge_int(int *dst, int src)
{
    if (src == TENDO_UNSET || *dst == src)
        return 0;
    *dst = src;
    return 1;
}

static int apply_row(const struct tendo_diary_row *row, void *ctx,
                     struct tendo_error *err)
{
    struct apply *a = ctx;
    int rc, found, same;

    if (row->has_session) {
        struct tendo_session s = row->session;
        s.import_id = a->import_id;
        if (s.shoe[0] && (rc = import_ensure_shoe(a->db, s.shoe, s.date, err)))
            return rc;
        if ((rc = seen_session(a->seen, &s, &same, err)))
            return rc;
        if (same)
            a->r->skipped++;
        else if ((rc = tendo_session_add(a->db, &s, a->today, err)))
            return rc;
        else {
            a->r->sessions++;
            if (!a->r->first_id)
                a->r->first_id = s.id;
            a->r->last_id = s.id;
        }
    }
    if (row->has_check) {
        struct tendo_check c;
        int changed = 0;
        if ((rc = tendo_check_get(a->db, row->date, &c, &found, err)))
            return rc;
        changed |= merge_int(&c.morning, row->check.morning);
        changed |= merge_int(&c.stiffness_min, row->check.stiffness_min);
        changed |= merge_int(&c.during, row->check.during);
        changed |= merge_int(&c.after, row->check.after);
        if (!changed)
            a->r->skipped++;
        else if ((rc = tendo_check_put(a->db, &c, a->today, err)))
            return rc;
        else
            a->r->checks++;
    }
    if (row->has_wellness) {
        struct tendo_wellness w;
        if ((rc = tendo_wellness_get(a->db, row->date, &w, &found, err)))
            return rc;
        if (!isnan(w.sleep_h) && w.sleep_h == row->wellness.sleep_h) {
            a->r->skipped++;
        } else {
            w.sleep_h = row->wellness.sleep_h;
            if ((rc = tendo_wellness_put(a->db, &w, a->today, err)))
                return rc;
            a->r->wellness++;
        }
    }
    if (row->has_rehab) {
        struct tendo_rehab r = row->rehab;
        r.import_id = a->import_id;
        if ((rc = seen_rehab(a->seen, &r, &same, err)))
            return rc;
        if (same)
            a->r->skipped++;
        else if ((rc = tendo_rehab_add(a->db, &r, a->today, err)))
            return rc;
        else
            a->r->rehab++;
    }
    return TENDO_OK;
}

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* True when the bytes are XML whose first element starts with `tag`
 * (after a BOM, whitespace, the declaration and comments). */
static int looks_like_xml(const uint8_t *data, size_t len, const char *tag)
{
    size_t n = len < 4096 ? len : 4096, k = strlen(tag);
    for (size_t i = 0; i + k <= n; i++) {
        if (data[i] != '<')
            continue;
        if (i + 1 < n && (data[i + 1] == '?' || data[i + 1] == '!'))
            continue;
        return memcmp(data + i, tag, k) == 0;
    }
    return 0;
}

/* Recognises the format: by content first, then by extension. */
static const char *sniff(const uint8_t *data, size_t len, const char *name)
{
    const char *p = (const char *)data;
    if (len >= 12 && data[0] >= 12 && memcmp(data + 8, ".FIT", 4) == 0)
        return "activity";
    if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        return ends_with(name, ".csv.gz") ? NULL : "activity";
    if (looks_like_xml(data, len, "<gpx") ||
        looks_like_xml(data, len, "<TrainingCenterDatabase"))
        return "activity";
    if (ends_with(name, ".csv"))
        return "diary-csv";
    {
        size_t i = 0;
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
            i = 3;
        while (i < len && (data[i] == ' ' || data[i] == '\n' ||
                           data[i] == '\r' || data[i] == '\t'))
            i++;
        if (i < len && data[i] == '{')
            return "tendo-json";
    }
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    if (len >= 5 && (strncmp(p, "date,", 5) == 0 || strncmp(p, "date\n", 5) == 0))
        return "diary-csv";
    return NULL;
}

int tendo_import_wants(const char *name)
{
    return ends_with(name, ".csv") || ends_with(name, ".fit") ||
           ends_with(name, ".fit.gz") || ends_with(name, ".gpx") ||
           ends_with(name, ".gpx.gz") || ends_with(name, ".tcx") ||
           ends_with(name, ".tcx.gz");
}

/* The tendo session type of a FIT sport (and sub-sport), or NULL for
 * legs tendo does not keep (transitions). */
static const char *type_of(const char *sport, const char *sub)
{
    if (strcmp(sport, "transition") == 0)
        return NULL;
    if (strcmp(sport, "running") == 0)
        return "run";
    if (strcmp(sport, "cycling") == 0 || strcmp(sport, "e_biking") == 0)
        return "bike";
    if (strcmp(sport, "swimming") == 0)
        return "swim";
    if (strcmp(sport, "walking") == 0 || strcmp(sport, "hiking") == 0)
        return "walk";
    if (strcmp(sport, "fitness_equipment") == 0 && strcmp(sub, "elliptical") == 0)
        return "elliptical";
    if (strcmp(sport, "training") == 0 && strcmp(sub, "strength_training") == 0)
        return "strength";
    return "other";
}

static const char *surface_of(const char *type, const char *sub)
{
    if (strcmp(type, "run") != 0)
        return "";
    if (strcmp(sub, "treadmill") == 0 || strcmp(sub, "indoor_running") == 0)
        return "treadmill";
    if (strcmp(sub, "trail") == 0)
        return "trail";
    if (strcmp(sub, "track") == 0)
        return "track";
    if (strcmp(sub, "street") == 0)
        return "road";
    return "";
}

/* The local day (and UTC offset) a leg starts on. */
static int leg_day(const struct tendo_activity *act, const struct tendo_leg *leg,
                   const struct tendo_import_opts *o, tendo_day *day,
                   int *offset, struct tendo_error *err)
{
    *offset = act->utc_offset_s;
    if (leg->start_utc == INT64_MIN)
        return tendo_fail(err, TENDO_EFORMAT, "the activity has no start time");
    if (act->utc_offset_s != INT32_MIN) {
        int64_t local = leg->start_utc + act->utc_offset_s;
        *day = (tendo_day)((local - ((local % 86400) + 86400) % 86400) / 86400);
        return TENDO_OK;
    }
    return tendo_tz_local(o->tz, leg->start_utc, day, offset, err);
}

/* How much a source records: a richer one replaces a poorer one's copy
 * of the same activity (FIT keeps laps, device, cadence and RPE that GPX
 * and TCX exports often drop); sessions logged by hand, from a diary CSV
 * or a Strava row alone record least. */
static int richness(const char *source)
{
    if (strcmp(source, "fit") == 0)
        return 3;
    if (strcmp(source, "tcx") == 0)
        return 2;
    if (strcmp(source, "gpx") == 0)
        return 1;
    return 0;
}

/* ---- merging a leg into a session logged by hand ------------------------- */

struct merge_find {
    const char *type;
    int64_t start, end;     /* the leg's span, UTC seconds */
    double minutes, metres; /* the leg's duration and distance */
    int64_t id;
    double best;            /* relative difference of the best so far */
};

static int close_enough(double a, double b, double *diff)
{
    if (isnan(a) || isnan(b) || !(a > 0) || !(b > 0))
        return 0;
    *diff = fabs(a - b) / fmax(a, b);
    return *diff <= 0.15;
}

static int merge_candidate(const struct tendo_session *s, void *p)
{
    struct merge_find *m = p;
    double diff;
    if (strcmp(s->type, m->type) != 0 ||
        (strcmp(s->source, "manual") != 0 && strcmp(s->source, "csv") != 0 &&
         strcmp(s->source, "strava") != 0))
        return 0;
    if (s->start_utc != INT64_MIN) {
        double span = !isnan(s->elapsed_s) ? s->elapsed_s
                      : !isnan(s->minutes) ? s->minutes * 60.0
                                           : 60.0;
        if (!(s->start_utc < m->end && s->start_utc + (int64_t)span > m->start))
            return 0;
    }
    if (!close_enough(s->minutes, m->minutes, &diff) &&
        !(isnan(s->minutes) && close_enough(s->distance_m, m->metres, &diff)))
        return 0;
    if (!m->id || diff < m->best) {
        m->id = s->id;
        m->best = diff;
    }
    return 0;
}

int import_find_logged(tendo_db *db, const char *type, tendo_day day,
                       int64_t start, int64_t end, double minutes,
                       double metres, int64_t *id, struct tendo_error *err)
{
    struct merge_find m;
    int rc;
    memset(&m, 0, sizeof m);
    m.type = type;
    m.start = start;
    m.end = end;
    m.minutes = minutes;
    m.metres = metres;
    if ((rc = tendo_sessions_each(db, day, day, merge_candidate, &m, err)))
        return rc;
    *id = m.id;
    return TENDO_OK;
}

/* The session logged by hand (or from a diary or Strava row) that this
 * leg records, or 0. */
static int find_merge(tendo_db *db, const struct tendo_activity *act,
                      const struct tendo_leg *leg, const char *type,
                      const struct tendo_import_opts *o, const int64_t *taken,
                      size_t ntaken, int64_t *id, struct tendo_error *err)
{
    tendo_day day;
    int offset, rc;
    int64_t found;
    *id = 0;
    if (leg->start_utc == INT64_MIN)
        return TENDO_OK;
    if ((rc = leg_day(act, leg, o, &day, &offset, err)))
        return rc;
    if ((rc = import_find_logged(
             db, type, day, leg->start_utc,
             leg->start_utc +
                 (int64_t)(isnan(leg->elapsed_s)
                               ? (isnan(leg->timer_s) ? 60 : leg->timer_s)
                               : leg->elapsed_s),
             (isnan(leg->timer_s) ? leg->elapsed_s : leg->timer_s) / 60.0,
             leg->distance_m, &found, err)))
        return rc;
    for (size_t i = 0; i < ntaken; i++)
        if (taken[i] == found)
            return TENDO_OK; /* one session, one leg */
    *id = found;
    return TENDO_OK;
}

static void note_session(struct tendo_import_result *r,
                         const struct tendo_session *s, int64_t merged_with)
{
    char d[TENDO_DAY_STRLEN];
    size_t k;
    if (r->note[0])
        return;
    if (merged_with)
        k = (size_t)snprintf(r->note, sizeof r->note, "merged with #%lld: ",
                             (long long)merged_with);
    else
        k = (size_t)snprintf(r->note, sizeof r->note, "session #%lld: ",
                             (long long)s->id);
    k += (size_t)snprintf(r->note + k, sizeof r->note - k, "%s %s, %.0f min",
                          s->type, tendo_day_format(s->date, d), s->minutes);
    if (!isnan(s->distance_m) && k < sizeof r->note)
        snprintf(r->note + k, sizeof r->note - k, ", %.2f km",
                 s->distance_m / 1000.0);
}

/* Stores one leg of an activity as a new session, or, when `replace` is a
 * stored session's id, as that session's new recorded data: what the
 * athlete entered on it (RPE, pain, notes, shoe, surface) stays. */
static int store_leg(tendo_db *db, const struct tendo_activity *act,
                     const struct tendo_leg *leg, const char *type,
                     const struct tendo_fit_activity *fit,
                     const struct tendo_import_opts *o, int64_t import_id,
                     int64_t replace, struct tendo_import_result *r,
                     struct tendo_error *err)
{
    struct tendo_session s;
    size_t first = 0, count = fit->nrecords;
    int rc;

    tendo_session_init(&s);
    snprintf(s.type, sizeof s.type, "%s", type);
    snprintf(s.source, sizeof s.source, "%s", act->format);
    snprintf(s.surface, sizeof s.surface, "%s", surface_of(type, leg->sub_sport));
    snprintf(s.device, sizeof s.device, "%s", act->device);
    s.start_utc = leg->start_utc;
    s.minutes = isnan(leg->timer_s) ? leg->elapsed_s / 60.0 : leg->timer_s / 60.0;
    if (!(s.minutes > 0))
        s.minutes = NAN;
    s.distance_m = leg->distance_m;
    s.elapsed_s = leg->elapsed_s;
    s.avg_hr = leg->avg_hr >= 20 ? leg->avg_hr : TENDO_UNSET;
    s.max_hr = leg->max_hr >= 20 ? leg->max_hr : TENDO_UNSET;
    s.cadence_spm = leg->avg_cadence_spm;
    s.ascent_m = leg->ascent_m;
    s.rpe = act->nlegs > 1 ? TENDO_UNSET : act->rpe;
    s.import_id = import_id;
    if (isnan(s.minutes) && isnan(s.distance_m))
        s.minutes = 1.0 / 60.0; /* a recording of a second or so */
    if ((rc = leg_day(act, leg, o, &s.date, &s.utc_offset_s, err)))
        return rc;
    if (o->meta && o->meta->name && o->meta->name[0])
        snprintf(s.notes, sizeof s.notes, "%s", o->meta->name);
    else if (leg->notes[0])
        snprintf(s.notes, sizeof s.notes, "%s", leg->notes);
    if (o->meta && o->meta->rpe >= 0 && o->meta->rpe <= 10 &&
        s.rpe == TENDO_UNSET)
        s.rpe = o->meta->rpe;
    if (o->meta && o->meta->gear && o->meta->gear[0] &&
        (strcmp(type, "run") == 0 || strcmp(type, "walk") == 0)) {
        if ((rc = import_ensure_shoe(db, o->meta->gear, s.date, err)))
            return rc;
        snprintf(s.shoe, sizeof s.shoe, "%s", o->meta->gear);
    }
    if (replace) {
        struct tendo_session old;
        if ((rc = tendo_session_get(db, replace, &old, err)))
            return rc;
        s.id = old.id;
        if (old.rpe != TENDO_UNSET)
            s.rpe = old.rpe;
        s.pain_during = old.pain_during;
        s.pain_after = old.pain_after;
        if (old.notes[0])
            snprintf(s.notes, sizeof s.notes, "%s", old.notes);
        if (old.shoe[0])
            snprintf(s.shoe, sizeof s.shoe, "%s", old.shoe);
        if (old.surface[0])
            snprintf(s.surface, sizeof s.surface, "%s", old.surface);
        if ((rc = tendo_session_update(db, &s, o->today, err)))
            return rc;
        r->merged++;
    } else {
        if (strcmp(type, "run") == 0 && !s.shoe[0]) {
            struct tendo_shoe worn;
            int found;
            if ((rc = tendo_shoe_in_use(db, s.date, &worn, &found, err)))
                return rc;
            if (found)
                snprintf(s.shoe, sizeof s.shoe, "%s", worn.name);
        }
        if ((rc = tendo_session_add(db, &s, o->today, err)))
            return rc;
    }
    /* the leg's records: those within its time span */
    if (act->nlegs > 1 && leg->start_utc != INT64_MIN && !isnan(leg->elapsed_s)) {
        int64_t end = leg->start_utc + (int64_t)ceil(leg->elapsed_s);
        while (first < fit->nrecords &&
               (fit->records[first].time == INT64_MIN ||
                fit->records[first].time < leg->start_utc))
            first++;
        count = 0;
        while (first + count < fit->nrecords &&
               (fit->records[first + count].time == INT64_MIN ||
                fit->records[first + count].time <= end))
            count++;
    }
    if (count && (rc = tendo_stream_put(db, s.id, fit->records + first, count,
                                        err)))
        return rc;
    r->sessions++;
    if (!r->first_id)
        r->first_id = s.id;
    r->last_id = s.id;
    note_session(r, &s, replace);
    return TENDO_OK;
}

static int import_activity(tendo_db *db, const uint8_t *data, size_t len,
                           const char *name, const struct tendo_import_opts *o,
                           struct tendo_import_result *r)
{
    struct tendo_activity act;
    struct tendo_fit_activity *fit = NULL;
    int64_t seen, import_id;
    const struct tendo_leg *legs;
    size_t nlegs, fresh = 0;
    char src[128];
    int rc;
    int64_t dup_session = 0;
    unsigned char keep[64];
    int64_t replace[64];

    if ((rc = tendo_activity_read_memory(data, len, name, &act, &fit, &r->err)))
        return rc;
    snprintf(r->format, sizeof r->format, "%s%s", act.format,
             gz_is_gzip(data, len) ? ".gz" : "");
    if (act.warnings.len)
        snprintf(r->warnings, sizeof r->warnings, "%s", act.warnings.data);
    if (!o->force &&
        (rc = tendo_ledger_find_device(db, act.serial, act.time_created, &seen,
                                       src, sizeof src, &r->err)))
        goto out;
    if (!o->force && seen) {
        r->status = TENDO_IMPORT_DUPLICATE;
        snprintf(r->note, sizeof r->note,
                 "the same recording (device %u) came in '%s'", act.serial,
                 src);
        goto out;
    }
    legs = act.nlegs > 1 ? act.legs : &act.total;
    nlegs = act.nlegs > 1 ? act.nlegs : 1;
    if (nlegs > sizeof keep)
        nlegs = sizeof keep;
    for (size_t i = 0; i < nlegs; i++) {
        const char *type = type_of(legs[i].sport, legs[i].sub_sport);
        int64_t id = 0;
        keep[i] = 0;
        replace[i] = 0;
        if (!type)
            continue;
        if (legs[i].start_utc != INT64_MIN &&
            (rc = tendo_session_find_start(db, type, legs[i].start_utc, 60, &id,
                                           &r->err)))
            goto out;
        if (id) {
            struct tendo_session old;
            if ((rc = tendo_session_get(db, id, &old, &r->err)))
                goto out;
            if (richness(act.format) <= richness(old.source)) {
                dup_session = id;
                r->skipped++;
                continue;
            }
            replace[i] = id; /* the richer source wins */
        } else if ((rc = find_merge(db, &act, &legs[i], type, o, replace, i,
                                    &replace[i], &r->err))) {
            goto out;
        }
        keep[i] = 1;
        fresh++;
    }
    if (!fresh) {
        r->status = TENDO_IMPORT_DUPLICATE;
        snprintf(r->note, sizeof r->note,
                 dup_session ? "session #%lld, starting within 60 s, is "
                               "stored already"
                             : "nothing in it to store",
                 (long long)dup_session);
        goto out;
    }
    if ((rc = tendo_db_begin(db, &r->err)))
        goto out;
    if ((rc = tendo_ledger_note(db, r->sha256, basename_of(name), r->format,
                                TENDO_LEDGER_IMPORTED, NULL, o->now_utc,
                                &import_id, &r->err)) ||
        (rc = tendo_ledger_set_device(db, import_id, act.serial,
                                      act.time_created, &r->err)))
        goto rollback;
    for (size_t i = 0; i < nlegs; i++) {
        if (keep[i] &&
            (rc = store_leg(db, &act, &legs[i],
                            type_of(legs[i].sport, legs[i].sub_sport), fit, o,
                            import_id, replace[i], r, &r->err)))
            goto rollback;
    }
    if ((rc = tendo_db_commit(db, &r->err)))
        goto rollback;
    r->status = TENDO_IMPORT_IMPORTED;
    goto out;
rollback:
    tendo_db_rollback(db);
    r->sessions = r->merged = 0;
    r->first_id = r->last_id = 0;
    r->note[0] = '\0';
out:
    tendo_error_where(&r->err, name, 0, NULL);
    tendo_activity_release(&act);
    tendo_fit_free(fit);
    return rc;
}

/* Errors that say something about the file's bytes (not the disk, memory
 * or the database): the same bytes would fail the same way again. */
static int content_error(int code)
{
    switch (code) {
    case TENDO_EFORMAT:
    case TENDO_ETRUNCATED:
    case TENDO_EUNSUPPORTED:
    case TENDO_ERANGE:
    case TENDO_EINVAL:
    case TENDO_ELIMIT:
        return 1;
    default:
        return 0;
    }
}

/* Remembers in the ledger what became of a file that stored nothing (a
 * duplicate, or rejected for its content), in its own transaction; a
 * failure here only means the file is read again next time. */
static void remember(tendo_db *db, const char *name,
                     const struct tendo_import_opts *o,
                     const struct tendo_import_result *r)
{
    struct tendo_error ignore = {0};
    char why[TENDO_ERRMSG_MAX + 32];
    int64_t id;
    int status = r->status == TENDO_IMPORT_DUPLICATE ? TENDO_LEDGER_DUPLICATE
                                                     : TENDO_LEDGER_REJECTED;
    if (r->known || r->status == TENDO_IMPORT_IMPORTED ||
        (status == TENDO_LEDGER_REJECTED && !content_error(r->err.code)))
        return;
    /* why, with where: a later daily import says it again */
    if (r->err.line)
        snprintf(why, sizeof why, "line %" PRIu32 ": %s", r->err.line,
                 r->err.msg);
    else if (r->err.has_offset)
        snprintf(why, sizeof why, "offset %" PRIu64 ": %s", r->err.offset,
                 r->err.msg);
    else
        snprintf(why, sizeof why, "%s", r->err.msg);
    if (tendo_db_begin(db, &ignore))
        return;
    if (tendo_ledger_note(db, r->sha256, basename_of(name),
                          r->format[0] ? r->format : "unknown", status,
                          status == TENDO_LEDGER_REJECTED ? why : NULL,
                          o->now_utc, &id, &ignore) ||
        tendo_db_commit(db, &ignore))
        tendo_db_rollback(db);
}

/* What the ledger knows of these bytes, unless `force`: *known set when it
 * answers for the file. */
static int ledger_knows(tendo_db *db, const char *name,
                        const struct tendo_import_opts *o,
                        struct tendo_import_result *r)
{
    struct tendo_ledger_entry l;
    int found, rc;
    if ((rc = tendo_ledger_lookup(db, r->sha256, &l, &found, &r->err)))
        return rc;
    if (!found || o->force)
        return TENDO_OK;
    r->known = 1;
    if (l.status == TENDO_LEDGER_REJECTED) {
        /* the same words and position as the first time (see remember) */
        const char *why = l.error;
        unsigned long long at = 0;
        int n = 0, line = 0;
        if (sscanf(why, "line %llu: %n", &at, &n) == 1 && n > 0)
            line = 1;
        else if (sscanf(why, "offset %llu: %n", &at, &n) != 1 || n <= 0)
            n = 0;
        r->status = TENDO_IMPORT_REJECTED;
        snprintf(r->format, sizeof r->format, "%s", l.format);
        rc = tendo_fail(&r->err, TENDO_EFORMAT, "%s (rejected before; "
                        "'tendo import --force' tries again)", why + n);
        tendo_error_where(&r->err, name, line ? (uint32_t)at : 0, NULL);
        if (n && !line)
            tendo_error_offset(&r->err, (uint64_t)at);
        return rc;
    }
    r->status = TENDO_IMPORT_DUPLICATE;
    snprintf(r->note, sizeof r->note, "%s",
             l.status == TENDO_LEDGER_IMPORTED ? "imported before"
                                               : "a duplicate, seen before");
    return TENDO_OK;
}

static int import_memory(tendo_db *db, const uint8_t *data, size_t len,
                         const char *name, const struct tendo_import_opts *o,
                         struct tendo_import_result *r)
{
    struct apply a = {db, o->today, 0, r, NULL};
    struct seen seen;
    const char *format = sniff(data, len, name);
    int rc;

    if ((!format || strcmp(format, "tendo-json") != 0) &&
        ((rc = ledger_knows(db, name, o, r)) || r->known))
        return rc;
    if (!format) {
        rc = tendo_fail(&r->err, len ? TENDO_EUNSUPPORTED : TENDO_EFORMAT,
                        len ? "not a file tendo can import (FIT, GPX, TCX, "
                              "their .gz, a Strava export .zip, a diary CSV "
                              "with a header row starting 'date', or a "
                              "tendo JSON backup)"
                            : "the file is empty");
        tendo_error_where(&r->err, name, 0, NULL);
        return rc;
    }
    snprintf(r->format, sizeof r->format, "%s", format);
    if (strcmp(format, "tendo-json") == 0)
        return tendo_restore_json(db, data, len, name, o->today, r);
    if (strcmp(format, "diary-csv") != 0)
        return import_activity(db, data, len, name, o, r);
    if ((rc = tendo_db_begin(db, &r->err)))
        goto fail;
    if ((rc = tendo_ledger_note(db, r->sha256, basename_of(name), format,
                                TENDO_LEDGER_IMPORTED, NULL, o->now_utc,
                                &a.import_id, &r->err)))
        goto rollback;
    seen_init(&seen, db, a.import_id);
    a.seen = &seen;
    rc = tendo_diary_parse(data, len, name, o->today, apply_row, &a, &r->err);
    seen_free(&seen);
    if (rc || (rc = tendo_db_commit(db, &r->err))) {
rollback:
        tendo_db_rollback(db);
        r->sessions = r->checks = r->rehab = r->wellness = r->skipped = 0;
        r->first_id = r->last_id = 0;
        goto fail;
    }
    r->status = TENDO_IMPORT_IMPORTED;
    return TENDO_OK;
fail:
    tendo_error_where(&r->err, name, 0, NULL);
    return rc;
}

int tendo_import_memory(tendo_db *db, const uint8_t *data, size_t len,
                        const char *name, const struct tendo_import_opts *o,
                        struct tendo_import_result *r)
{
    int rc;
    memset(r, 0, sizeof *r);
    r->status = TENDO_IMPORT_REJECTED;
    sha256_hex(data, len, r->sha256);
    rc = import_memory(db, data, len, name, o, r);
    if (strcmp(r->format, "tendo-json") != 0)
        remember(db, name, o, r);
    return rc;
}

int tendo_import_file(tendo_db *db, const char *path,
                      const struct tendo_import_opts *o,
                      struct tendo_import_result *r)
{
    uint8_t *data;
    size_t len;
    int rc;
    memset(r, 0, sizeof *r);
    r->status = TENDO_IMPORT_REJECTED;
    if ((rc = tendo_read_file(path, MAX_FILE, &data, &len, &r->err)))
        return rc;
    rc = tendo_import_memory(db, data, len, path, o, r);
    tendo_free(data);
    return rc;
}

static int is_fit(const uint8_t *data, size_t len)
{
    return len >= 12 && data[0] >= 12 && memcmp(data + 8, ".FIT", 4) == 0;
}

int tendo_activity_read_memory(const uint8_t *data, size_t len,
                               const char *name, struct tendo_activity *out,
                               struct tendo_fit_activity **fit,
                               struct tendo_error *err)
{
    uint8_t *raw = NULL;
    size_t raw_len = 0;
    struct tendo_fit_activity *f = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (fit)
        *fit = NULL;
    if (gz_is_gzip(data, len)) {
        if ((rc = gz_inflate(data, len, MAX_INFLATED, &raw, &raw_len, err)))
            goto out;
        data = raw;
        len = raw_len;
    }
    if (is_fit(data, len)) {
        if ((rc = tendo_fit_decode(data, len, &f, err)) ||
            (rc = tendo_activity_from_fit(f, out, err)))
            goto out;
    } else if (looks_like_xml(data, len, "<gpx")) {
        char creator[96];
        if ((rc = gpx_decode(data, len, &f, creator, sizeof creator, err)) ||
            (rc = tendo_activity_from_fit(f, out, err)))
            goto out;
        snprintf(out->format, sizeof out->format, "gpx");
        snprintf(out->device, sizeof out->device, "%s", creator);
    } else if (looks_like_xml(data, len, "<TrainingCenterDatabase")) {
        char creator[96];
        if ((rc = tcx_decode(data, len, &f, creator, sizeof creator, err)) ||
            (rc = tendo_activity_from_fit(f, out, err)))
            goto out;
        snprintf(out->format, sizeof out->format, "tcx");
        snprintf(out->device, sizeof out->device, "%s", creator);
    } else {
        rc = tendo_fail(err, len == 0 ? TENDO_EFORMAT : TENDO_EUNSUPPORTED,
                        len == 0 ? "the file is empty"
                                 : "not an activity file tendo reads (FIT, "
                                   "GPX, TCX, or any in gzip)");
        goto out;
    }
    if (fit) {
        *fit = f;
        f = NULL;
    }
out:
    if (rc)
        tendo_error_where(err, name, 0, NULL);
    tendo_fit_free(f);
    tendo_free(raw);
    return rc;
}

int tendo_activity_read(const char *path, struct tendo_activity *out,
                        struct tendo_fit_activity **fit,
                        struct tendo_error *err)
{
    uint8_t *data;
    size_t len;
    int rc;
    memset(out, 0, sizeof *out);
    if (fit)
        *fit = NULL;
    if ((rc = tendo_read_file(path, MAX_FILE, &data, &len, err)))
        return rc;
    rc = tendo_activity_read_memory(data, len, path, out, fit, err);
    tendo_free(data);
    return rc;
}
