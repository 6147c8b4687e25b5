/*
 * core/tz.c - the athlete's time zone as a loaded object (tendo/date.h):
 * a TZif file (RFC 8536, versions 1-4) or a POSIX TZ rule, read once, then
 * pure look-ups. The process environment is never changed (no setenv/tzset).
 *
 * The TZif reader keeps the transition times (64-bit from v2 on), the local
 * time types and the footer's POSIX rule, which decides instants after the
 * last transition. Leap-second records ("right/" zones) are skipped: tendo
 * counts days, and 27 s never moves a run to another day that matters.
 */
#include "tendo/date.h"
#include "core/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TZ_FILE_MAX (256 * 1024)  /* the largest zone file is ~4 KB */
#define TZ_TRANS_MAX 100000
#define TZ_TYPES_MAX 256
#define UTC_LIMIT 1000000000000LL /* +-31,000 years: beyond, no conversion */

/* a POSIX rule's transition day: Jn (kind 'J'), n (kind 'n') or Mm.w.d */
struct rule_date {
    char kind;
    int n, m, w, d;
    int32_t time;       /* seconds after local midnight, may be negative */
};

struct rule {
    int32_t std_off, dst_off;   /* seconds east of UTC */
    int has_dst;
    struct rule_date start, end;
};

struct tendo_tz {
    char name[80];
    size_t ntrans, ntypes;
    int64_t *trans;             /* ascending */
    unsigned char *idx;         /* type of each transition */
    int32_t *utoff;             /* per type, seconds east */
    int has_rule;
    struct rule rule;
};

static tendo_tz *tz_new(const char *name, size_t ntrans, size_t ntypes)
{
    tendo_tz *z = tendo_calloc(1, sizeof *z);
    if (!z)
        return NULL;
    snprintf(z->name, sizeof z->name, "%s", name ? name : "");
    z->ntrans = ntrans;
    z->ntypes = ntypes;
    z->trans = tendo_calloc(ntrans ? ntrans : 1, sizeof *z->trans);
    z->idx = tendo_calloc(ntrans ? ntrans : 1, 1);
    z->utoff = tendo_calloc(ntypes ? ntypes : 1, sizeof *z->utoff);
    if (!z->trans || !z->idx || !z->utoff) {
        tendo_tz_free(z);
        return NULL;
    }
    return z;
}

void tendo_tz_free(tendo_tz *z)
{
    if (!z)
        return;
    tendo_free(z->trans);
    tendo_free(z->idx);
    tendo_free(z->utoff);
    tendo_free(z);
}

const char *tendo_tz_name(const tendo_tz *z)
{
    return z ? z->name : "UTC";
}

/* ---- POSIX TZ rules ("CET-1CEST,M3.5.0,M10.5.0/3") ---- */

/* [+-]hh[:mm[:ss]] with hh up to `maxh`; *out in seconds */
static const char *parse_hms(const char *s, int maxh, int32_t *out)
{
    int sign = 1, h = 0, m = 0, sec = 0, n = 0;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    while (*s >= '0' && *s <= '9' && n < 3)
        h = h * 10 + (*s++ - '0'), n++;
    if (!n || h > maxh)
        return NULL;
    if (*s == ':') {
        s++;
        if (!(s[0] >= '0' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9'))
            return NULL;
        m = (s[0] - '0') * 10 + (s[1] - '0');
        s += 2;
        if (*s == ':') {
            s++;
            if (!(s[0] >= '0' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9'))
                return NULL;
            sec = (s[0] - '0') * 10 + (s[1] - '0');
            s += 2;
        }
    }
    *out = sign * (h * 3600 + m * 60 + sec);
    return s;
}

/* a zone abbreviation: 3+ letters, or <...> of letters, digits, + and - */
static const char *parse_abbr(const char *s)
{
    const char *p = s;
    if (*p == '<') {
        for (p++; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= '0' && *p <= '9') || *p == '+' || *p == '-';
             p++)
            ;
        return *p == '>' && p - s >= 4 ? p + 1 : NULL;
    }
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
        p++;
    return p - s >= 3 ? p : NULL;
}

static const char *parse_date(const char *s, struct rule_date *r)
{
    char *end;
    long v;
    r->time = 2 * 3600;
    if (*s == 'M') {
        long m, w, d;
        m = strtol(s + 1, &end, 10);
        if (end == s + 1 || *end != '.' || m < 1 || m > 12)
            return NULL;
        s = end + 1;
        w = strtol(s, &end, 10);
        if (end == s || *end != '.' || w < 1 || w > 5)
            return NULL;
        s = end + 1;
        d = strtol(s, &end, 10);
        if (end == s || d < 0 || d > 6)
            return NULL;
        r->kind = 'M';
        r->m = (int)m;
        r->w = (int)w;
        r->d = (int)d;
    } else if (*s == 'J') {
        v = strtol(s + 1, &end, 10);
        if (end == s + 1 || v < 1 || v > 365)
            return NULL;
        r->kind = 'J';
        r->n = (int)v;
    } else if (*s >= '0' && *s <= '9') {
        v = strtol(s, &end, 10);
        if (v < 0 || v > 365)
            return NULL;
        r->kind = 'n';
        r->n = (int)v;
    } else {
        return NULL;
    }
    s = end;
    if (*s == '/' && !(s = parse_hms(s + 1, 167, &r->time)))
        return NULL;
    return s;
}

static int parse_rule(const char *s, struct rule *r)
{
    int32_t off;
    memset(r, 0, sizeof *r);
    if (!(s = parse_abbr(s)) || !(s = parse_hms(s, 24, &off)))
        return 0;
    r->std_off = -off;          /* POSIX offsets count west */
    r->dst_off = r->std_off + 3600;
    if (!*s)
        return 1;
    if (!(s = parse_abbr(s)))
        return 0;
    r->has_dst = 1;
    if (*s && *s != ',') {
        if (!(s = parse_hms(s, 24, &off)))
            return 0;
        r->dst_off = -off;
    }
    if (!*s) {  /* no rule given: the US rule, as glibc assumes */
        r->start = (struct rule_date){'M', 0, 3, 2, 0, 7200};
        r->end = (struct rule_date){'M', 0, 11, 1, 0, 7200};
        return 1;
    }
    if (*s != ',' || !(s = parse_date(s + 1, &r->start)) || *s != ',' ||
        !(s = parse_date(s + 1, &r->end)))
        return 0;
    return *s == '\0';
}

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* the local day of year-`y` transition `r`, as days since 1970 */
static tendo_day rule_day(const struct rule_date *r, int y)
{
    tendo_day jan1 = tendo_day_from_ymd(y, 1, 1);
    if (r->kind == 'J')
        return jan1 + r->n - 1 + (is_leap(y) && r->n >= 60);
    if (r->kind == 'n')
        return jan1 + r->n;
    {
        static const int dim[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
        tendo_day first = tendo_day_from_ymd(y, r->m, 1);
        int len = dim[r->m - 1] + (r->m == 2 && is_leap(y));
        /* POSIX weekdays count from Sunday; tendo's from Monday */
        int wd = (tendo_day_weekday(first) + 1) % 7;
        int day = (r->d - wd + 7) % 7 + (r->w - 1) * 7;
        while (day >= len)
            day -= 7;
        return first + day;
    }
}

static int32_t rule_offset(const struct rule *r, int64_t utc)
{
    int64_t start, end, local = utc + r->std_off;
    int y;
    if (!r->has_dst)
        return r->std_off;
    tendo_day_to_ymd((tendo_day)((local >= 0 ? local : local - 86399) / 86400),
                     &y, NULL, NULL);
    start = (int64_t)rule_day(&r->start, y) * 86400 + r->start.time -
            r->std_off;
    end = (int64_t)rule_day(&r->end, y) * 86400 + r->end.time - r->dst_off;
    if (start < end)
        return utc >= start && utc < end ? r->dst_off : r->std_off;
    return utc >= end && utc < start ? r->std_off : r->dst_off;
}

int tendo_tz_rule(const char *posix, tendo_tz **out, struct tendo_error *err)
{
    struct rule r;
    tendo_tz *z;
    *out = NULL;
    if (!posix || strlen(posix) > 120 || !parse_rule(posix, &r))
        return tendo_fail(err, TENDO_EINVAL,
                          "'%s' is not a POSIX time zone rule",
                          posix ? posix : "");
    if (!(z = tz_new(posix, 0, 1)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    z->has_rule = 1;
    z->rule = r;
    z->utoff[0] = r.std_off;
    *out = z;
    return TENDO_OK;
}

/* ---- TZif ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct hdr {
    int version;
    uint32_t isut, isstd, leap, timecnt, typecnt, charcnt;
};

static int read_hdr(const unsigned char *p, size_t n, struct hdr *h)
{
    if (n < 44 || memcmp(p, "TZif", 4))
        return 0;
    h->version = p[4] ? p[4] - '0' : 1;
    h->isut = be32(p + 20);
    h->isstd = be32(p + 24);
    h->leap = be32(p + 28);
    h->timecnt = be32(p + 32);
    h->typecnt = be32(p + 36);
    h->charcnt = be32(p + 40);
    return h->version >= 1 && h->version <= 9 && h->typecnt >= 1 &&
           h->typecnt <= TZ_TYPES_MAX && h->timecnt <= TZ_TRANS_MAX &&
           h->charcnt >= 1 && h->charcnt <= 65536 && h->leap <= 1000 &&
           (h->isut == 0 || h->isut == h->typecnt) &&
           (h->isstd == 0 || h->isstd == h->typecnt);
}

/* bytes of a data block with `tsize`-byte times */
static size_t block_size(const struct hdr *h, size_t tsize)
{
    return h->timecnt * (tsize + 1) + h->typecnt * 6 + h->charcnt +
           h->leap * (tsize + 4) + h->isstd + h->isut;
}

int tendo_tz_parse(const void *data, size_t n, const char *name,
                   tendo_tz **out, struct tendo_error *err)
{
    const unsigned char *p = data, *b;
    struct hdr h;
    size_t tsize = 4, size;
    tendo_tz *z;
    *out = NULL;
    if (!data || !read_hdr(p, n, &h))
        return tendo_fail(err, TENDO_EFORMAT, "'%s' is not a TZif zone file",
                          name ? name : "");
    size = block_size(&h, 4);
    if (n - 44 < size)
        return tendo_fail(err, TENDO_ETRUNCATED,
                          "zone file '%s' ends early", name ? name : "");
    b = p + 44;
    if (h.version >= 2) {   /* skip the 32-bit block for the 64-bit one */
        const unsigned char *p2 = b + size;
        if (!read_hdr(p2, n - (size_t)(p2 - p), &h))
            return tendo_fail(err, TENDO_EFORMAT,
                              "zone file '%s': bad second header",
                              name ? name : "");
        tsize = 8;
        b = p2 + 44;
        size = block_size(&h, 8);
        if ((size_t)(b - p) > n || n - (size_t)(b - p) < size)
            return tendo_fail(err, TENDO_ETRUNCATED,
                              "zone file '%s' ends early", name ? name : "");
    }
    if (!(z = tz_new(name, h.timecnt, h.typecnt)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    for (size_t i = 0; i < h.timecnt; i++) {
        z->trans[i] = tsize == 8 ? be64(b + i * 8) : (int32_t)be32(b + i * 4);
        if (i && z->trans[i] <= z->trans[i - 1]) {
            tendo_tz_free(z);
            return tendo_fail(err, TENDO_EFORMAT,
                              "zone file '%s': transitions out of order",
                              name ? name : "");
        }
    }
    b += h.timecnt * tsize;
    for (size_t i = 0; i < h.timecnt; i++) {
        z->idx[i] = b[i];
        if (b[i] >= h.typecnt) {
            tendo_tz_free(z);
            return tendo_fail(err, TENDO_EFORMAT,
                              "zone file '%s': bad local time type",
                              name ? name : "");
        }
    }
    b += h.timecnt;
    for (size_t i = 0; i < h.typecnt; i++) {
        int32_t off = (int32_t)be32(b + i * 6);
        if (off < -25 * 3600 || off > 26 * 3600 || b[i * 6 + 5] >= h.charcnt) {
            tendo_tz_free(z);
            return tendo_fail(err, TENDO_EFORMAT,
                              "zone file '%s': bad UTC offset",
                              name ? name : "");
        }
        z->utoff[i] = off;
    }
    b += h.typecnt * 6 + h.charcnt + h.leap * (tsize + 4) + h.isstd + h.isut;
    if (h.version >= 2) {   /* the footer: "\nRULE\n" */
        size_t left = n - (size_t)(b - p), k;
        char rule[128];
        if (left < 2 || b[0] != '\n') {
            tendo_tz_free(z);
            return tendo_fail(err, TENDO_EFORMAT,
                              "zone file '%s': no footer", name ? name : "");
        }
        for (k = 1; k < left && b[k] != '\n' && k < sizeof rule; k++)
            rule[k - 1] = (char)b[k];
        if (k == left || k == sizeof rule || b[k] != '\n') {
            tendo_tz_free(z);
            return tendo_fail(err, TENDO_EFORMAT,
                              "zone file '%s': bad footer", name ? name : "");
        }
        rule[k - 1] = '\0';
        if (rule[0]) {
            if (!parse_rule(rule, &z->rule)) {
                tendo_tz_free(z);
                return tendo_fail(err, TENDO_EFORMAT,
                                  "zone file '%s': bad footer rule '%s'",
                                  name ? name : "", rule);
            }
            z->has_rule = 1;
        }
    }
    *out = z;
    return TENDO_OK;
}

/* ---- loading by name ---- */

static int read_file(const char *path, unsigned char **data, size_t *n)
{
    struct stat st;
    ssize_t got;
    size_t len = 0;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    *data = NULL;
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > TZ_FILE_MAX ||
        !(*data = tendo_malloc((size_t)st.st_size + 1))) {
        close(fd);
        return 0;
    }
    while (len < (size_t)st.st_size &&
           ((got = read(fd, *data + len, (size_t)st.st_size - len)) > 0 ||
            (got < 0 && errno == EINTR)))
        if (got > 0)
            len += (size_t)got;
    close(fd);
    *n = len;
    return 1;
}

static int is_utc(const char *s)
{
    return !strcmp(s, "UTC") || !strcmp(s, "UTC0") || !strcmp(s, "GMT") ||
           !strcmp(s, "Etc/UTC");
}

/* the zone file `name` under $TZDIR (else /usr/share/zoneinfo), or at an
 * absolute path; 1 with *out set, 0 when there is no such file, -1 on an
 * error (in *err) */
static int load_file(const char *name, tendo_tz **out, struct tendo_error *err)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    unsigned char *data;
    size_t n;
    int rc;
    if (strstr(name, ".."))
        return 0;
    if (name[0] == '/')
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%s/%s",
                 dir && *dir ? dir : "/usr/share/zoneinfo", name);
    if (!read_file(path, &data, &n))
        return 0;
    rc = tendo_tz_parse(data, n, name, out, err);
    tendo_free(data);
    return rc ? -1 : 1;
}

int tendo_tz_load(const char *name, tendo_tz **out, struct tendo_error *err)
{
    int rc;
    *out = NULL;
    if (!name || !*name) {  /* the system's zone, else UTC */
        if (load_file("/etc/localtime", out, NULL) == 1)
            return TENDO_OK;
        return tendo_tz_rule("UTC0", out, err);
    }
    if (*name == ':')
        name++;
    if (strlen(name) > 255)
        return tendo_fail(err, TENDO_EINVAL, "time zone name is too long");
    if (is_utc(name))
        return tendo_tz_rule("UTC0", out, err);
    if ((rc = load_file(name, out, err)))
        return rc > 0 ? TENDO_OK : err ? err->code : TENDO_EFORMAT;
    if (tendo_tz_rule(name, out, NULL) == TENDO_OK)
        return TENDO_OK;
    return tendo_fail(err, TENDO_EINVAL,
                      "time zone '%s' is not known on this machine "
                      "(expected an IANA name such as 'Europe/Berlin')",
                      name);
}

int tendo_tz_valid(const char *tz, struct tendo_error *err)
{
    tendo_tz *z = NULL;
    size_t n = tz ? strlen(tz) : 0;
    int rc;
    if (n == 0 || n > 64)
        return tendo_fail(err, TENDO_EINVAL, "time zone '%s' is not valid",
                          tz ? tz : "");
    for (size_t i = 0; i < n; i++) {
        char c = tz[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' ||
              c == '+'))
            return tendo_fail(err, TENDO_EINVAL,
                              "time zone '%s' is not valid", tz);
    }
    if (tz[0] == '/' || strstr(tz, ".."))
        return tendo_fail(err, TENDO_EINVAL, "time zone '%s' is not valid", tz);
    if (is_utc(tz))
        return TENDO_OK;
    /* an IANA name: a zone file this machine has (not a bare POSIX rule) */
    rc = load_file(tz, &z, NULL);
    tendo_tz_free(z);
    if (rc == 1)
        return TENDO_OK;
    return tendo_fail(err, TENDO_EINVAL,
                      "time zone '%s' is not known on this machine "
                      "(expected an IANA name such as 'Europe/Berlin')",
                      tz);
}

/* ---- look-ups ---- */

int32_t tendo_tz_offset(const tendo_tz *z, int64_t utc)
{
    size_t lo, hi;
    if (!z)
        return 0;
    if (z->ntrans == 0)
        return z->has_rule ? rule_offset(&z->rule, utc) : z->utoff[0];
    if (utc < z->trans[0])
        return z->utoff[0];     /* RFC 8536 3.2: type 0 before the first */
    if (utc >= z->trans[z->ntrans - 1] && z->has_rule)
        return rule_offset(&z->rule, utc);
    lo = 0;
    hi = z->ntrans;             /* trans[lo] <= utc < trans[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->trans[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    return z->utoff[z->idx[lo]];
}

int tendo_tz_local(const tendo_tz *z, int64_t utc, tendo_day *day,
                   int32_t *offset_s, struct tendo_error *err)
{
    int32_t off;
    int64_t local;
    if (utc < -UTC_LIMIT || utc > UTC_LIMIT)
        return tendo_fail(err, TENDO_ERANGE, "time %lld cannot be converted",
                          (long long)utc);
    off = tendo_tz_offset(z, utc);
    local = utc + off;
    if (day)
        *day = (tendo_day)((local >= 0 ? local : local - 86399) / 86400);
    if (offset_s)
        *offset_s = off;
    return TENDO_OK;
}
