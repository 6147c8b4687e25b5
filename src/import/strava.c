/*
 * import/strava.c - a Strava bulk export, zipped or unpacked
 * (tendo_import_strava in tendo/import.h).
 *
 * The zip is read with libzip: entries are located by name through the
 * central directory, sizes checked before reading (caps against zip
 * bombs), CRCs checked by libzip as entries are read. The folder form
 * reads the same names below the folder and refuses any name that would
 * leave it.
 */
#include "tendo/import.h"
#include "parse/strava.h"
#include "import/strava_int.h"
#include "import/import_int.h"
#include <unistd.h>
#include "core/sha256.h"
#include "core/alloc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>
#include <zlib.h>

#define MAX_ENTRIES 200000
#define MAX_ENTRY ((zip_uint64_t)256 << 20)
#define MAX_TOTAL ((zip_uint64_t)8 << 30)

struct run {
    tendo_db *db;
    const struct tendo_import_opts *o;
    struct strava_source *src;
    tendo_import_report_fn report;
    void *ctx;
};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int tendo_is_strava_export(const char *path)
{
    struct stat st;
    char p[4200];
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return ends_with(path, ".zip");
    snprintf(p, sizeof p, "%s/activities.csv", path);
    return S_ISDIR(st.st_mode) && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A name from activities.csv must stay inside the export. */
static int safe_name(const char *name)
{
    const char *p = name;
    if (!*name || name[0] == '/' || strchr(name, '\\'))
        return 0;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if ((n == 2 && p[0] == '.' && p[1] == '.') || n == 0)
            return 0;
        p += n + (slash != NULL);
    }
    return 1;
}

/* Reads `name` (relative to the export's top) into a new buffer. */
int strava_read(struct strava_source *s, const char *name, uint8_t **data,
                size_t *len, struct tendo_error *err)
{
    char full[4400];
    *data = NULL;
    *len = 0;
    if (!safe_name(name))
        return tendo_fail(err, TENDO_EINVAL,
                          "'%s' would leave the export (refused)", name);
    snprintf(full, sizeof full, "%s%s%s", s->dir, s->dir[0] ? "/" : "", name);
    if (!s->zip) {
        /* a folder: no symbolic link, and nothing outside it */
        char *real = realpath(full, NULL), *top = realpath(s->dir, NULL);
        size_t n = top ? strlen(top) : 0;
        int inside = real && top && strncmp(real, top, n) == 0 &&
                     real[n] == '/';
        free(real);
        free(top);
        if (!inside && access(full, F_OK) == 0)
            return tendo_fail(err, TENDO_EINVAL,
                              "'%s' leads out of the export through a "
                              "symbolic link (refused)",
                              name);
        return import_read_file(full, (size_t)MAX_ENTRY, 1, data, len, err);
    }
    {
        zip_int64_t idx = zip_name_locate(s->zip, full, 0);
        zip_stat_t st;
        zip_file_t *f;
        zip_uint64_t got = 0;
        uint8_t *buf;
        if (idx < 0)
            return tendo_fail(err, TENDO_ENOTFOUND,
                              "activities.csv names '%s', which is not in "
                              "the archive",
                              name);
        zip_stat_init(&st);
        if (zip_stat_index(s->zip, (zip_uint64_t)idx, 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_SIZE))
            return tendo_fail(err, TENDO_EFORMAT, "cannot read '%s' in the "
                                                  "archive",
                              name);
        if (st.size > MAX_ENTRY || s->read_total + st.size > MAX_TOTAL)
            return tendo_fail(err, TENDO_ELIMIT,
                              "'%s' unpacks to %llu bytes, over tendo's "
                              "limits for an export",
                              name, (unsigned long long)st.size);
        if (!(buf = tendo_malloc((size_t)st.size + 1)))
            return tendo_fail(err, TENDO_ENOMEM, "out of memory");
        if (!(f = zip_fopen_index(s->zip, (zip_uint64_t)idx, 0))) {
            tendo_free(buf);
            return tendo_fail(err, TENDO_EFORMAT, "cannot open '%s' in the "
                                                  "archive: %s",
                              name, zip_strerror(s->zip));
        }
        while (got < st.size) {
            zip_int64_t n = zip_fread(f, buf + got, st.size - got);
            if (n <= 0)
                break;
            got += (zip_uint64_t)n;
        }
        /* a CRC error or a short entry shows up here; close either way.
         * An entry whose stated size is smaller than its data reads short
         * of its end, where libzip would check the CRC: check it here */
        if (zip_fclose(f) != 0 || got != st.size ||
            ((st.valid & ZIP_STAT_CRC) &&
             crc32(crc32(0L, Z_NULL, 0), buf, (uInt)got) != st.crc)) {
            tendo_free(buf);
            return tendo_fail(err, TENDO_EFORMAT,
                              "'%s' in the archive is damaged (short read "
                              "or CRC mismatch)",
                              name);
        }
        s->read_total += got;
        *data = buf;
        *len = (size_t)got;
        return TENDO_OK;
    }
}

int strava_locate(struct strava_source *s, const char *what,
                  struct tendo_error *err)
{
    zip_int64_t n = zip_get_num_entries(s->zip, 0), best = -1;
    size_t best_len = 0;
    if (n < 0 || n > MAX_ENTRIES)
        return tendo_fail(err, TENDO_ELIMIT, "'%s' has more than %d entries",
                          what, MAX_ENTRIES);
    /* activities.csv, at the top or in one top folder */
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(s->zip, (zip_uint64_t)i, 0);
        size_t len = name ? strlen(name) : 0;
        if (!name || !ends_with(name, "activities.csv") ||
            (len > 14 && name[len - 15] != '/'))
            continue;
        if (best < 0 || len < best_len) {
            best = i;
            best_len = len;
        }
    }
    if (best < 0)
        return tendo_fail(err, TENDO_EFORMAT,
                          "'%s' has no activities.csv: not a Strava bulk "
                          "export",
                          what);
    if (best_len > 14) {
        const char *name = zip_get_name(s->zip, (zip_uint64_t)best, 0);
        if (best_len - 15 >= sizeof s->dir)
            return tendo_fail(err, TENDO_ELIMIT, "a folder name in '%s' is "
                                                 "too long",
                              what);
        snprintf(s->dir, sizeof s->dir, "%.*s", (int)(best_len - 15), name);
    }
    return TENDO_OK;
}

static const char *type_of(const char *t)
{
    static const struct {
        const char *strava, *tendo;
    } map[] = {{"Run", "run"},           {"VirtualRun", "run"},
               {"TrailRun", "run"},      {"Ride", "bike"},
               {"VirtualRide", "bike"},  {"GravelRide", "bike"},
               {"MountainBikeRide", "bike"}, {"EBikeRide", "bike"},
               {"Swim", "swim"},         {"Walk", "walk"},
               {"Hike", "walk"},         {"Elliptical", "elliptical"},
               {"WeightTraining", "strength"}, {"Weight Training", "strength"},
               {"Virtual Run", "run"},   {"Virtual Ride", "bike"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcasecmp(t, map[i].strava) == 0)
            return map[i].tendo;
    return "other";
}

/* The ledger key of a row without a file: its activity id and start, so
 * a daily import of the export knows the row again. */
static void row_key(const struct strava_row *row, char hex[65])
{
    char id[128];
    int n = snprintf(id, sizeof id, "strava-activity:%s:%lld:%s", row->id,
                     (long long)row->start_utc, row->type);
    sha256_hex(id, (size_t)n, hex);
}

/* What the row adds to a session logged by hand that it records: its
 * times, distance and heart rate; what the athlete entered stays. */
static int merge_row(struct run *run, const struct tendo_session *from,
                     int64_t id, struct tendo_import_result *r)
{
    struct tendo_session s;
    int rc;
    if ((rc = tendo_session_get(run->db, id, &s, &r->err)))
        return rc;
    s.start_utc = from->start_utc;
    s.utc_offset_s = from->utc_offset_s;
    if (!isnan(from->minutes))
        s.minutes = from->minutes;
    if (!isnan(from->distance_m))
        s.distance_m = from->distance_m;
    s.elapsed_s = from->elapsed_s;
    if (from->avg_hr != TENDO_UNSET)
        s.avg_hr = from->avg_hr;
    if (s.rpe == TENDO_UNSET)
        s.rpe = from->rpe;
    if (!s.notes[0])
        snprintf(s.notes, sizeof s.notes, "%s", from->notes);
    if (!s.shoe[0])
        snprintf(s.shoe, sizeof s.shoe, "%s", from->shoe);
    snprintf(s.source, sizeof s.source, "strava");
    s.import_id = from->import_id;
    return tendo_session_update(run->db, &s, run->o->today, &r->err);
}

/* The row's shoe: its gear (added on first use), else the shoe in use
 * on its day for a run. */
static int row_shoe(struct run *run, const struct strava_row *row,
                    struct tendo_session *s, struct tendo_import_result *r)
{
    struct tendo_shoe shoe;
    int found, rc;
    if (strcmp(s->type, "run") != 0 && strcmp(s->type, "walk") != 0)
        return TENDO_OK;
    if (!row->gear[0]) {
        if (strcmp(s->type, "run") != 0)
            return TENDO_OK;
        if ((rc = tendo_shoe_in_use(run->db, s->date, &shoe, &found, &r->err)))
            return rc;
        if (found)
            snprintf(s->shoe, sizeof s->shoe, "%s", shoe.name);
        return TENDO_OK;
    }
    if ((rc = import_ensure_shoe(run->db, row->gear, s->date, &r->err)))
        return rc;
    snprintf(s->shoe, sizeof s->shoe, "%s", row->gear);
    return TENDO_OK;
}

/* A row without a file: a session from the row alone, merged into the
 * session logged by hand that it records, or a duplicate. The ledger
 * keeps the row (by its activity id) like a file. */
static int row_session(struct run *run, const struct strava_row *row,
                       struct tendo_import_result *r)
{
    struct tendo_session s;
    struct tendo_ledger_entry known;
    int64_t same, logged, import_id;
    int found, rc;
    char d[TENDO_DAY_STRLEN];
    tendo_session_init(&s);
    snprintf(s.type, sizeof s.type, "%s", type_of(row->type));
    snprintf(s.source, sizeof s.source, "strava");
    snprintf(s.notes, sizeof s.notes, "%s", row->name);
    snprintf(r->format, sizeof r->format, "strava-csv");
    row_key(row, r->sha256);
    s.start_utc = row->start_utc;
    s.minutes = !isnan(row->moving_s) && row->moving_s > 0
                    ? row->moving_s / 60.0
                    : row->elapsed_s / 60.0;
    if (!(s.minutes > 0))
        s.minutes = NAN;
    s.distance_m = row->distance_m > 0 ? row->distance_m : NAN;
    s.elapsed_s = row->elapsed_s;
    s.rpe = row->rpe >= 0 ? row->rpe : TENDO_UNSET;
    if (!isnan(row->avg_hr) && row->avg_hr >= 20 && row->avg_hr <= 255)
        s.avg_hr = (int)lround(row->avg_hr);
    if ((rc = tendo_tz_local(run->o->tz, s.start_utc, &s.date, &s.utc_offset_s,
                             &r->err)))
        return rc;
    if (!run->o->force) {
        if ((rc = tendo_ledger_lookup(run->db, r->sha256, &known, &found,
                                      &r->err)))
            return rc;
        if (found) {
            r->known = 1;
            r->status = TENDO_IMPORT_DUPLICATE;
            snprintf(r->note, sizeof r->note, "%s before",
                     known.status == TENDO_LEDGER_IMPORTED ? "imported"
                                                           : "a duplicate");
            return TENDO_OK;
        }
    }
    if ((rc = tendo_session_find_start(run->db, s.type, s.start_utc, 60, &same,
                                       &r->err)))
        return rc;
    if (same) {
        r->status = TENDO_IMPORT_DUPLICATE;
        snprintf(r->note, sizeof r->note,
                 "session #%lld, starting within 60 s, is stored already",
                 (long long)same);
        if ((rc = tendo_db_begin(run->db, &r->err)))
            return rc;
        if ((rc = tendo_ledger_note(run->db, r->sha256, "activities.csv",
                                    r->format, TENDO_LEDGER_DUPLICATE, NULL,
                                    run->o->now_utc, &import_id, &r->err)) ||
            (rc = tendo_db_commit(run->db, &r->err)))
            goto fail;
        return TENDO_OK;
    }
    if ((rc = import_find_logged(
             run->db, s.type, s.date, s.start_utc,
             s.start_utc + (int64_t)(!isnan(s.elapsed_s)     ? s.elapsed_s
                                     : !isnan(s.minutes) ? s.minutes * 60
                                                         : 60),
             s.minutes, s.distance_m, &logged, &r->err)))
        return rc;
    if ((rc = tendo_db_begin(run->db, &r->err)))
        return rc;
    if ((rc = tendo_ledger_note(run->db, r->sha256, "activities.csv",
                                r->format, TENDO_LEDGER_IMPORTED, NULL,
                                run->o->now_utc, &import_id, &r->err)))
        goto fail;
    s.import_id = import_id;
    if ((rc = row_shoe(run, row, &s, r)))
        goto fail;
    if (logged) {
        if ((rc = merge_row(run, &s, logged, r)))
            goto fail;
        s.id = logged;
        r->merged = 1;
    } else if ((rc = tendo_session_add(run->db, &s, run->o->today, &r->err))) {
        goto fail;
    }
    if ((rc = tendo_db_commit(run->db, &r->err)))
        goto fail;
    r->status = TENDO_IMPORT_IMPORTED;
    r->sessions = 1;
    r->first_id = r->last_id = s.id;
    if (logged)
        snprintf(r->note, sizeof r->note, "merged with #%lld: %s %s from "
                 "activities.csv alone", (long long)logged, s.type,
                 tendo_day_format(s.date, d));
    else
        snprintf(r->note, sizeof r->note, "session #%lld: %s %s from "
                 "activities.csv alone", (long long)s.id, s.type,
                 tendo_day_format(s.date, d));
    return TENDO_OK;
fail:
    tendo_db_rollback(run->db);
    return rc;
}

static int on_row(const struct strava_row *row, void *ctx,
                  struct tendo_error *err)
{
    struct run *run = ctx;
    struct tendo_import_result r;
    char item[320];
    (void)err;
    memset(&r, 0, sizeof r);
    r.status = TENDO_IMPORT_REJECTED;
    if (row->filename[0]) {
        struct tendo_import_meta meta = {row->name, row->rpe, row->gear};
        struct tendo_import_opts o = *run->o;
        uint8_t *data;
        size_t len;
        snprintf(item, sizeof item, "%s", row->filename);
        o.meta = &meta;
        if (strava_read(run->src, row->filename, &data, &len, &r.err) == 0) {
            tendo_import_memory(run->db, data, len, row->filename, &o, &r);
            tendo_free(data);
        } else {
            tendo_error_where(&r.err, row->filename, 0, NULL);
        }
    } else {
        snprintf(item, sizeof item, "activities.csv row %u (%s)", row->line,
                 row->name[0] ? row->name : row->type);
        if (row_session(run, row, &r) && r.status != TENDO_IMPORT_DUPLICATE)
            r.status = TENDO_IMPORT_REJECTED;
        if (r.status == TENDO_IMPORT_REJECTED)
            tendo_error_where(&r.err, "activities.csv", row->line, NULL);
    }
    run->report(item, &r, run->ctx);
    /* one bad row does not stop the others; the database failing does */
    if (r.status == TENDO_IMPORT_REJECTED &&
        (r.err.code == TENDO_EDB || r.err.code == TENDO_ENOMEM)) {
        *err = r.err;
        return r.err.code;
    }
    return 0;
}

int tendo_import_strava(tendo_db *db, const char *path,
                        const struct tendo_import_opts *o,
                        tendo_import_report_fn report, void *ctx,
                        struct tendo_error *err)
{
    struct strava_source src;
    struct run run = {db, o, &src, report, ctx};
    uint8_t *csv = NULL;
    size_t csv_len;
    struct stat st;
    int rc;

    memset(&src, 0, sizeof src);
    if (stat(path, &st) != 0)
        return tendo_fail(err, TENDO_EIO, "cannot open '%s': %s", path,
                          strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        snprintf(src.dir, sizeof src.dir, "%s", path);
    } else {
        int zerr = 0;
        if (!(src.zip = zip_open(path, ZIP_RDONLY, &zerr))) {
            zip_error_t ze;
            zip_error_init_with_code(&ze, zerr);
            rc = tendo_fail(err, TENDO_EFORMAT, "'%s' is not a readable zip: %s",
                            path, zip_error_strerror(&ze));
            zip_error_fini(&ze);
            return rc;
        }
        if ((rc = strava_locate(&src, path, err))) {
            zip_discard(src.zip);
            return rc;
        }
    }
    if ((rc = strava_read(&src, "activities.csv", &csv, &csv_len, err)))
        goto out;
    rc = strava_parse(csv, csv_len, on_row, &run, err);
    if (rc)
        tendo_error_where(err, "activities.csv", 0, NULL);
out:
    tendo_free(csv);
    if (src.zip)
        zip_discard(src.zip);
    return rc;
}
