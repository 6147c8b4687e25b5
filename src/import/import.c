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
#include "parse/gz.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE (256u * 1024 * 1024)
#define MAX_INFLATED (512u * 1024 * 1024)

int tendo_read_file(const char *path, size_t max, uint8_t **data, size_t *len,
                    struct tendo_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    uint8_t *buf;
    size_t got = 0;

    *data = NULL;
    *len = 0;
    if (fd < 0)
        return tendo_fail(err, TENDO_EIO, "cannot open '%s': %s", path,
                          strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return tendo_fail(err, TENDO_EIO, "'%s' is not a regular file", path);
    }
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
};

/* Creates the shoe a diary row names, if tendo does not know it yet. */
static int ensure_shoe(struct apply *a, const char *name, tendo_day day,
                       struct tendo_error *err)
{
    struct tendo_shoe shoe;
    struct tendo_error ignore = {0};
    int64_t id;
    if (tendo_shoe_id(a->db, name, &id, NULL, &ignore) == TENDO_OK)
        return TENDO_OK;
    tendo_shoe_init(&shoe);
    snprintf(shoe.name, sizeof shoe.name, "%s", name);
    shoe.added = day;
    return tendo_shoe_add(a->db, &shoe, err);
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
    int rc, found;
    int64_t same;

    if (row->has_session) {
        struct tendo_session s = row->session;
        s.import_id = a->import_id;
        if (s.shoe[0] && (rc = ensure_shoe(a, s.shoe, s.date, err)))
            return rc;
        if ((rc = tendo_session_find_same(a->db, &s, a->import_id, &same,
                                          err)))
            return rc;
        if (same)
            a->r->skipped++;
        else if ((rc = tendo_session_add(a->db, &s, a->today, err)))
            return rc;
        else
            a->r->sessions++;
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
        if ((rc = tendo_rehab_find_same(a->db, &r, a->import_id, &same, err)))
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

/* Recognises the format: by extension first, then by content. */
static const char *sniff(const uint8_t *data, size_t len, const char *name)
{
    const char *p = (const char *)data;
    if (ends_with(name, ".csv"))
        return "diary-csv";
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    if (len >= 5 && (strncmp(p, "date,", 5) == 0 || strncmp(p, "date\n", 5) == 0))
        return "diary-csv";
    return NULL;
}

int tendo_import_memory(tendo_db *db, const uint8_t *data, size_t len,
                        const char *name, tendo_day today, int64_t now_utc,
                        struct tendo_import_result *r)
{
    struct apply a = {db, today, 0, r};
    const char *format;
    int64_t seen;
    int rc;

    memset(r, 0, sizeof *r);
    r->status = TENDO_IMPORT_REJECTED;
    sha256_hex(data, len, r->sha256);
    format = sniff(data, len, name);
    if (!format) {
        rc = tendo_fail(&r->err, TENDO_EUNSUPPORTED,
                        "not a file tendo can import (expected a diary "
                        "CSV with a header row starting 'date')");
        tendo_error_where(&r->err, name, 0, NULL);
        return rc;
    }
    snprintf(r->format, sizeof r->format, "%s", format);
    if ((rc = tendo_ledger_find(db, r->sha256, &seen, &r->err)))
        goto fail;
    if (seen) {
        r->status = TENDO_IMPORT_DUPLICATE;
        return TENDO_OK;
    }
    if ((rc = tendo_db_begin(db, &r->err)))
        goto fail;
    if ((rc = tendo_ledger_add(db, r->sha256, basename_of(name), format,
                               now_utc, &a.import_id, &r->err)) ||
        (rc = tendo_diary_parse(data, len, name, today, apply_row, &a,
                                &r->err)) ||
        (rc = tendo_db_commit(db, &r->err))) {
        tendo_db_rollback(db);
        r->sessions = r->checks = r->rehab = r->wellness = r->skipped = 0;
        goto fail;
    }
    r->status = TENDO_IMPORT_IMPORTED;
    return TENDO_OK;
fail:
    tendo_error_where(&r->err, name, 0, NULL);
    return rc;
}

int tendo_import_file(tendo_db *db, const char *path, tendo_day today,
                      int64_t now_utc, struct tendo_import_result *r)
{
    uint8_t *data;
    size_t len;
    int rc;
    memset(r, 0, sizeof *r);
    r->status = TENDO_IMPORT_REJECTED;
    if ((rc = tendo_read_file(path, MAX_FILE, &data, &len, &r->err)))
        return rc;
    rc = tendo_import_memory(db, data, len, path, today, now_utc, r);
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
    if (!is_fit(data, len)) {
        rc = tendo_fail(err, len == 0 ? TENDO_EFORMAT : TENDO_EUNSUPPORTED,
                        len == 0 ? "the file is empty"
                                 : "not an activity file tendo reads (FIT, "
                                   "or FIT in gzip)");
        goto out;
    }
    if ((rc = tendo_fit_decode(data, len, &f, err)) ||
        (rc = tendo_activity_from_fit(f, out, err)))
        goto out;
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
