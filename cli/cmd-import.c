/*
 * cli/cmd-import.c - `tendo import PATH...`: files and folders (recursive).
 * Each file lands whole or not at all (its own transaction); a rejected
 * file does not stop the others; exit status 2 if any was rejected.
 */
#include "cli.h"

#include <dirent.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char cmd_import_help[] =
    "usage: tendo import [--force] [-v] PATH...\n\n"
    "Imports files, and folders recursively: watch activities (.fit,\n"
    ".gpx, .tcx, and their .gz), a Strava bulk export (its .zip, or the\n"
    "unpacked folder holding activities.csv), the diary CSV, and a JSON\n"
    "backup of 'tendo export --json' (restored into an empty database\n"
    "only). See docs/formats.md.\n\n"
    "A watch file of a run you logged by hand (same day and type, start\n"
    "time unknown or overlapping, duration within 15 %) merges with it: the\n"
    "recorded data comes from the file, your RPE, pain, notes and shoe stay.\n"
    "The same recording from another file (device serial and creation time)\n"
    "and an activity of the same type starting within 60 s of a stored one\n"
    "are duplicates. Diary records already stored are skipped, and a day's\n"
    "check merges into the stored one. Imported runs get the shoe in use on\n"
    "their day (the default shoe, if it was in use then; see 'tendo shoe').\n\n"
    "tendo remembers every file by its content: files it has seen before in\n"
    "a folder (imported, duplicates, or rejected) are counted, not listed\n"
    "(-v lists them), and do not change the exit status. Files named on the\n"
    "command line are always reported. --force reads known files again: a\n"
    "file whose session you deleted comes back, a rejected one is retried.\n\n"
    "Prints a line per new file, with the ids of its sessions, and a\n"
    "summary (--json: one JSON object per file, then a summary object).\n"
    "Exit status 2 if a file failed that had not failed before, or a file\n"
    "named on the command line failed.\n";

struct files {
    char **v;
    size_t n, cap;
    unsigned char *walked; /* found in a folder, not named */
    int walking;
};

static int push(struct files *f, const char *path)
{
    if (f->n == f->cap) {
        unsigned char *w = realloc(f->walked, f->cap ? f->cap * 2 : 64);
        if (!w)
            return -1;
        f->walked = w;
    }
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        char **v = realloc(f->v, cap * sizeof *v);
        if (!v)
            return -1;
        f->v = v;
        f->cap = cap;
    }
    if (!(f->v[f->n] = strdup(path)))
        return -1;
    f->walked[f->n] = (unsigned char)f->walking;
    f->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the importable files below `dir`, sorted, depth first. */
static int walk(const char *dir, struct files *f, int depth)
{
    DIR *d;
    struct dirent *de;
    struct files here = {0};
    int rc = 0;
    if (depth > 32)
        return 0;
    if (!(d = opendir(dir)))
        return push(f, dir); /* reported as unreadable when imported */
    while ((de = readdir(d))) {
        char path[4096];
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) != 0 || S_ISLNK(st.st_mode))
            continue;
        if ((S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) &&
                                     tendo_import_wants(de->d_name))) &&
            push(&here, path)) {
            rc = -1;
            break;
        }
    }
    closedir(d);
    free(here.walked);
    if (here.n)
        qsort(here.v, here.n, sizeof *here.v, cmp_str);
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (!rc && stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(here.v[i], f, depth + 1);
        else if (!rc)
            rc = push(f, here.v[i]);
        free(here.v[i]);
    }
    free(here.v);
    return rc;
}

struct state {
    struct cli *c;
    int counts[3];     /* imported, duplicate, rejected: new this time */
    int known, known_rejected; /* the ledger knew them */
    int walked;        /* the current file was found in a folder */
    size_t items;
    int stopped;       /* a storage error: the batch stops (exit 3) */
};

/* Failures of the database or the machine, not of the file: the same
 * would happen to every file after it, so the batch stops there. */
static int storage_error(const struct tendo_import_result *r)
{
    return r->status == TENDO_IMPORT_REJECTED &&
           (r->err.code == TENDO_EDB || r->err.code == TENDO_ENOMEM);
}

static void stop(struct state *st, const char *item,
                 const struct tendo_import_result *r)
{
    if (st->stopped)
        return;
    st->stopped = 1;
    fprintf(stderr, "tendo: %s, while importing %s: stopped there with %d "
                    "file%s imported; nothing of it was written\n",
            r->err.msg, item, st->counts[0], st->counts[0] == 1 ? "" : "s");
}

/* One line (or JSON object) per imported item; files the ledger knew,
 * found in a folder, are counted and listed only with -v. */
static void report(const char *item, const struct tendo_import_result *r,
                   void *ctx)
{
    struct state *st = ctx;
    struct cli *c = st->c;
    char line[TENDO_ERRMSG_MAX + TENDO_ERRFILE_MAX + 32];
    int quiet_known = r->known && st->walked && !c->verbose;
    if (st->stopped)
        return;
    if (storage_error(r)) {
        stop(st, item, r);
        return;
    }
    st->items++;
    if (r->known && st->walked)
        r->status == TENDO_IMPORT_REJECTED ? st->known_rejected++ : st->known++;
    else
        st->counts[r->status]++;
    if (quiet_known)
        return;
    if (c->json) {
        cli_print_json(c, tendo_import_result_json(item, r));
    } else if (r->status == TENDO_IMPORT_REJECTED) {
        fprintf(stderr, "rejected   %s\n",
                tendo_error_format(&r->err, line, sizeof line));
    } else if (!c->quiet && r->status == TENDO_IMPORT_DUPLICATE) {
        printf("duplicate  %s (%s)\n", item, r->note);
    } else if (!c->quiet && strcmp(r->format, "tendo-json") == 0) {
        printf("restored   %s: %s\n", item, r->note + strlen("restored a "
                                                              "backup: "));
    } else if (!c->quiet && strcmp(r->format, "diary-csv") != 0) {
        if (c->verbose && r->warnings[0]) { /* each on its own line */
            const char *w = r->warnings;
            while (*w) {
                size_t n = strcspn(w, "\n");
                if (n)
                    fprintf(stderr, "warning    %s: %.*s\n", item, (int)n, w);
                w += n + (w[n] == '\n');
            }
        }
        printf("imported   %s: %s", item, r->note);
        if (r->sessions > 1)
            printf(" (+%d more sessions, to #%lld)", r->sessions - 1,
                   (long long)r->last_id);
        if (r->skipped)
            printf(" (%d already stored)", r->skipped);
        putchar('\n');
    } else if (!c->quiet) {
        printf("imported   %s: %d sessions", item, r->sessions);
        if (r->first_id)
            printf(" (#%lld-#%lld)", (long long)r->first_id,
                   (long long)r->last_id);
        printf(", %d checks, %d rehab, %d wellness", r->checks, r->rehab,
               r->wellness);
        if (r->skipped)
            printf(" (%d already stored)", r->skipped);
        putchar('\n');
    }
}

static void summary(struct state *st)
{
    struct cli *c = st->c;
    if (c->json) {
        cli_print_json(c, json_pack("{s:{s:i,s:i,s:i,s:i,s:i,s:i}}", "summary",
                                    "files", (int)st->items, "imported",
                                    st->counts[0], "duplicate", st->counts[1],
                                    "rejected", st->counts[2], "known",
                                    st->known, "rejected_before",
                                    st->known_rejected));
        return;
    }
    if (c->quiet)
        return;
    printf("%zu file%s: %d imported, %d duplicate, %d rejected", st->items,
           st->items == 1 ? "" : "s", st->counts[0], st->counts[1],
           st->counts[2]);
    if (st->known)
        printf(", %d known", st->known);
    if (st->known_rejected)
        printf(", %d rejected before", st->known_rejected);
    if ((st->known || st->known_rejected) && !c->verbose)
        printf(" (-v lists them%s)",
               st->known_rejected ? "; --force tries them again" : "");
    putchar('\n');
}

enum { O_FORCE = 1 };
const struct option cmd_import_opts[] = {
    {"force", no_argument, NULL, O_FORCE}, GLOBAL_OPTS, {0, 0, 0, 0}};

int cmd_import(struct cli *c, int argc, char **argv)
{
    struct files f = {0};
    int opt, rc, progress;
    struct state st;
    struct tendo_import_opts io;

    memset(&st, 0, sizeof st);
    memset(&io, 0, sizeof io);
    st.c = c;
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_import_opts, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "import");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "import", argv, opt);
        if (opt == O_FORCE)
            io.force = 1;
        else if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind >= argc)
        return cli_usage(c, "import", "import needs at least one PATH");
    for (int i = optind; i < argc; i++) {
        struct stat sb;
        size_t n = strlen(argv[i]);
        while (n > 1 && argv[i][n - 1] == '/')
            argv[i][--n] = '\0'; /* "folder/" lists as "folder/x.fit" */
        int r;
        f.walking = stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode) &&
                    !tendo_is_strava_export(argv[i]);
        r = f.walking ? walk(argv[i], &f, 0) : push(&f, argv[i]);
        if (r) {
            rc = cli_errorf(c, EXIT_INTERNAL, "out of memory");
            goto out;
        }
    }
    if ((rc = cli_open(c, 1)))
        goto out;
    io.today = c->today;
    io.now_utc = c->now_utc;
    io.tz = c->zone;
    progress = !c->json && !c->quiet && f.n > 1 && isatty(STDERR_FILENO);
    for (size_t i = 0; i < f.n && !st.stopped; i++) {
        struct tendo_import_result r;
        if (progress) {
            fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, f.n, f.v[i]);
            fflush(stderr);
        }
        st.walked = f.walked[i];
        if (tendo_is_strava_export(f.v[i])) {
            struct tendo_error e = {0};
            st.walked = 1; /* its rows are the export's, not named */
            if (progress)
                fprintf(stderr, "\r\033[K");
            if (tendo_import_strava(c->db, f.v[i], &io, report, &st, &e)) {
                struct tendo_import_result whole;
                memset(&whole, 0, sizeof whole);
                whole.status = TENDO_IMPORT_REJECTED;
                whole.err = e;
                tendo_error_where(&whole.err, f.v[i], 0, NULL);
                st.walked = 0;
                report(f.v[i], &whole, &st);
            }
            continue;
        }
        tendo_import_file(c->db, f.v[i], &io, &r);
        if (progress)
            fprintf(stderr, "\r\033[K");
        report(f.v[i], &r, &st);
    }
    if (progress)
        fprintf(stderr, "\r\033[K");
    if (st.stopped) {
        rc = EXIT_INTERNAL;
        goto out;
    }
    summary(&st);
    rc = st.counts[2] ? EXIT_DATA : EXIT_OK;
out:
    for (size_t i = 0; i < f.n; i++)
        free(f.v[i]);
    free(f.v);
    free(f.walked);
    return rc;
}
