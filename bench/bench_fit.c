/*
 * bench/bench_fit.c - FIT decoding speed: reads every file named (or every
 * .fit in the folders named) into memory first, then decodes them all,
 * RUNS times; prints MB/s and records/s (best and median). No I/O is timed.
 *
 * usage: bench_fit RUNS PATH...
 */
#include "tendo/tendo.h"
#include "bench.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct file {
    uint8_t *data;
    size_t len;
};

static struct file *files;
static size_t nfiles, cap;

static void add(const char *path)
{
    struct tendo_error e = {0};
    struct file f;
    if (tendo_read_file(path, (size_t)1 << 30, &f.data, &f.len, &e)) {
        fprintf(stderr, "bench_fit: %s\n", e.msg);
        exit(1);
    }
    if (nfiles == cap) {
        cap = cap ? cap * 2 : 256;
        files = realloc(files, cap * sizeof *files);
        if (!files)
            exit(1);
    }
    files[nfiles++] = f;
}

static void walk(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *de;
    if (stat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        add(path);
        return;
    }
    if (!(d = opendir(path)))
        return;
    while ((de = readdir(d))) {
        char p[4096];
        size_t n = strlen(de->d_name);
        if (n > 4 && strcmp(de->d_name + n - 4, ".fit") == 0) {
            snprintf(p, sizeof p, "%s/%s", path, de->d_name);
            add(p);
        }
    }
    closedir(d);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 0;
    double t[64], bytes = 0, records = 0;
    if (argc < 3 || runs < 1 || runs > 64) {
        fprintf(stderr, "usage: bench_fit RUNS PATH...\n");
        return 1;
    }
    for (int i = 2; i < argc; i++)
        walk(argv[i]);
    for (size_t i = 0; i < nfiles; i++)
        bytes += (double)files[i].len;
    for (int r = 0; r < runs; r++) {
        double t0 = now_s(), recs = 0;
        for (size_t i = 0; i < nfiles; i++) {
            struct tendo_fit_activity *a;
            struct tendo_error e = {0};
            if (tendo_fit_decode(files[i].data, files[i].len, &a, &e) == 0) {
                recs += (double)a->nrecords;
                tendo_fit_free(a);
            }
        }
        t[r] = now_s() - t0;
        records = recs;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    printf("tendo  %zu files, %.1f MB, %.0f records: best %.3f s, median "
           "%.3f s, %.1f MB/s, %.2f M records/s\n",
           nfiles, bytes / 1e6, records, t[0], t[runs / 2],
           bytes / 1e6 / t[runs / 2], records / 1e6 / t[runs / 2]);
    return 0;
}
