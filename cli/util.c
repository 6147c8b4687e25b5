/*
 * cli/util.c - the helpers every command uses: global options, opening the
 * database, resolving today, errors and exit statuses, output.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int cli_status(int code)
{
    return tendo_exit_status(code);
}

int cli_error(struct cli *c, const struct tendo_error *e)
{
    char line[TENDO_ERRMSG_MAX + TENDO_ERRFILE_MAX + 32];
    (void)c;
    fprintf(stderr, "tendo: %s\n", tendo_error_format(e, line, sizeof line));
    return cli_status(e->code);
}

int cli_errorf(struct cli *c, int status, const char *fmt, ...)
{
    va_list ap;
    (void)c;
    fputs("tendo: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

int cli_usage(struct cli *c, const char *cmd, const char *msg)
{
    (void)c;
    fprintf(stderr, "tendo: %s (see 'tendo %s%s--help')\n",
            msg ? msg : "bad usage", cmd ? cmd : "", cmd ? " " : "");
    return EXIT_USAGE;
}

int cli_flush(int rc)
{
    int failed = ferror(stdout), saved = errno;
    if (fflush(stdout) != 0) {
        saved = errno;
        failed = 1;
    }
    if (!failed)
        return rc;
    fprintf(stderr, "tendo: cannot write the output: %s\n",
            strerror(saved ? saved : EIO));
    return rc ? rc : EXIT_INTERNAL;
}

int cli_bad_option(struct cli *c, const char *cmd, char **argv, int opt)
{
    char msg[300];
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (opt == ':')
        snprintf(msg, sizeof msg, "option '%s' needs a value", arg);
    else if (optopt && optopt < OPT_GLOBAL && (optopt < '0' || optopt > 'z'))
        snprintf(msg, sizeof msg, "unknown option '%s'", arg);
    else if (optopt && optopt < 128)
        snprintf(msg, sizeof msg, "unknown option '-%c'", optopt);
    else
        snprintf(msg, sizeof msg, "unknown option '%s'", arg);
    return cli_usage(c, cmd, msg);
}

int cli_global(struct cli *c, int opt, const char *arg)
{
    switch (opt) {
    case OPT_DB:
        if (!arg[0]) {
            fprintf(stderr, "tendo: --db needs a path\n");
            return -1;
        }
        snprintf(c->db_path, sizeof c->db_path, "%s", arg);
        return 0;
    case OPT_JSON:
        c->json = 1;
        return 0;
    case OPT_UNITS:
        if (strcmp(arg, "km") != 0 && strcmp(arg, "mi") != 0) {
            fprintf(stderr, "tendo: --units '%s' is not one of km, mi\n", arg);
            return -1;
        }
        c->units_arg = arg;
        return 0;
    case OPT_DATE:
        c->date_arg = arg;
        return 0;
    case 'q':
        c->quiet = 1;
        return 0;
    case 'v':
        c->verbose = 1;
        return 0;
    default:
        return 1;
    }
}

void cli_getopt_reset(void)
{
    optind = 0; /* 0, not 1: glibc then re-reads the option string (permutation) */
    opterr = 0;
    optopt = 0;
}

/* "Now": the clock, or $TENDO_NOW (YYYY-MM-DDTHH:MM:SSZ) so tests and
 * demos can live on a fixed day. */
static int resolve_now(struct cli *c)
{
    const char *env = getenv("TENDO_NOW");
    if (env && *env) {
        if (tendo_utc_parse(env, &c->now_utc) != TENDO_OK)
            return cli_errorf(c, EXIT_USAGE,
                              "TENDO_NOW '%s' is not YYYY-MM-DDTHH:MM:SSZ",
                              env);
        return 0;
    }
    c->now_utc = (int64_t)time(NULL);
    return 0;
}

/* Says once, on a terminal, that a command waits for another writer. */
static void say_waiting(void *p)
{
    struct cli *c = p;
    if (!c->said_waiting && isatty(STDERR_FILENO))
        fprintf(stderr, "tendo: waiting for another tendo command to finish "
                        "writing '%s' ...\n",
                c->db_path);
    c->said_waiting = 1;
}

int cli_open(struct cli *c, int mode)
{
    struct tendo_error e = {0};
    struct stat st;
    char units[16];
    int create = mode == CLI_CREATE;
    int rc, exists = stat(c->db_path, &st) == 0;

    if ((rc = resolve_now(c)))
        return rc;
    if (c->db && c->db_read_only && mode != CLI_READ) {
        tendo_db_close(c->db); /* a read first, now a write */
        c->db = NULL;
    }
    if ((exists || !create) && !c->db) { /* a second call keeps it open */
        if ((rc = tendo_db_open(c->db_path,
                                mode == CLI_READ ? TENDO_OPEN_READONLY
                                                 : TENDO_OPEN_EXISTING,
                                &c->db, &e)))
            return cli_error(c, &e);
        c->db_read_only = mode == CLI_READ;
        tendo_db_on_wait(c->db, say_waiting, c);
    }
    /* the athlete's zone (the library's one definition, as the server's):
     * the setting, else $TZ, else UTC */
    if (!c->zone) {
        const char *tz = getenv("TZ");
        int fell_back = 0;
        if ((rc = tendo_athlete_zone(c->db, tz, &c->zone, &fell_back, &e)))
            return cli_error(c, &e);
        if (fell_back && tz && *tz)
            fprintf(stderr, "tendo: warning: TZ '%s' is not a time zone "
                            "tendo can read: days are in UTC (set yours "
                            "with 'tendo config timezone Europe/Berlin')\n",
                    tz);
    }
    if ((rc = tendo_tz_local(c->zone, c->now_utc, &c->today, NULL, &e)))
        return cli_error(c, &e);
    c->date = c->today;
    if (c->date_arg &&
        (rc = tendo_parse_day(c->date_arg, strlen(c->date_arg), c->today,
                              "--date", &c->date, &e)))
        return cli_error(c, &e);
    if (!c->db) {
        if ((rc = tendo_db_open(c->db_path, TENDO_OPEN_CREATE, &c->db, &e)))
            return cli_error(c, &e);
        c->db_read_only = 0;
        tendo_db_on_wait(c->db, say_waiting, c);
    }
    if (c->units_arg) {
        snprintf(units, sizeof units, "%s", c->units_arg);
    } else if ((rc = tendo_setting_get(c->db, "units", units, sizeof units,
                                       NULL, &e))) {
        return cli_error(c, &e);
    }
    c->units = strcmp(units, "mi") == 0 ? TENDO_UNITS_MI : TENDO_UNITS_KM;
    return 0;
}

void cli_close(struct cli *c)
{
    tendo_db_close(c->db);
    c->db = NULL;
    tendo_tz_free(c->zone);
    c->zone = NULL;
}

int cli_print_json(struct cli *c, json_t *v)
{
    struct tendo_buf b;
    int rc;
    tendo_buf_init(&b, 0);
    rc = tendo_json_dump(v, &b);
    json_decref(v);
    if (rc) {
        tendo_buf_release(&b);
        return cli_errorf(c, EXIT_INTERNAL, "out of memory");
    }
    fwrite(b.data, 1, b.len, stdout);
    fputc('\n', stdout);
    tendo_buf_release(&b);
    return 0;
}

double cli_dist(const struct cli *c, double metres)
{
    return metres / (c->units == TENDO_UNITS_MI ? TENDO_M_PER_MI : 1000.0);
}

const char *cli_unit(const struct cli *c)
{
    return c->units == TENDO_UNITS_MI ? "mi" : "km";
}

int cli_parse_distance(struct cli *c, const char *arg, int unit,
                       const char *opt, double *metres)
{
    struct tendo_error e = {0};
    double v;
    int mi = unit == 1;
    if (tendo_parse_real(arg, strlen(arg), 0, mi ? 621 : 1000, opt, &v, &e))
        return cli_error(c, &e);
    *metres = v * (mi ? TENDO_M_PER_MI : 1000.0);
    return 0;
}

int cli_write_output(struct cli *c, const char *path, const char *data,
                     size_t len)
{
    char tmp[4200];
    FILE *f;
    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return cli_errorf(c, EXIT_INTERNAL, "cannot write output: %s",
                              strerror(errno));
        return 0;
    }
    /* a temporary file beside the target, created exclusively (mkstemp:
     * O_EXCL, so a planted symlink is never followed) and private (0600),
     * or with the mode of the file it replaces; then renamed over it */
    {
        struct stat st;
        int fd;
        mode_t mode = 0600;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
            mode = st.st_mode & 07777;
        else if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
            return cli_errorf(c, EXIT_DATA, "'%s' is not a regular file: "
                              "not written", path);
        /* (a symbolic link at PATH is replaced, not followed) */
        if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp)
            return cli_errorf(c, EXIT_DATA, "path '%s' is too long", path);
        if ((fd = mkstemp(tmp)) < 0)
            return cli_errorf(c, EXIT_INTERNAL, "cannot write '%s': %s", path,
                              strerror(errno));
        if (fchmod(fd, mode) != 0 || !(f = fdopen(fd, "wb"))) {
            int e = errno;
            close(fd);
            unlink(tmp);
            return cli_errorf(c, EXIT_INTERNAL, "cannot write '%s': %s", path,
                              strerror(e));
        }
    }
    if ((fwrite(data, 1, len, f) != len || fflush(f) != 0 ||
         fsync(fileno(f)) != 0) +
            (fclose(f) != 0)) {
        int e = errno;
        unlink(tmp);
        return cli_errorf(c, EXIT_INTERNAL, "cannot write '%s': %s", path,
                          strerror(e));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return cli_errorf(c, EXIT_INTERNAL, "cannot write '%s': %s", path,
                          strerror(e));
    }
    return 0;
}
