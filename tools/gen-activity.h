/*
 * tools/gen-activity.h - synthetic activities for the project's own
 * fixtures, demos and benchmarks (tools/gen-activity.c).
 */
#ifndef TENDO_GEN_ACTIVITY_H
#define TENDO_GEN_ACTIVITY_H

#include "tendo/tendo.h"

void gen_seed(uint64_t seed);
double gen_rnd(void);
/* A run starting at `start` (UTC) lasting `secs` s at `pace` min/km. */
struct tendo_fit_activity *gen_run(int64_t start, int secs, double pace,
                                   uint32_t serial);
void gen_to_gpx(const struct tendo_fit_activity *a, struct tendo_buf *b);
void gen_to_tcx(const struct tendo_fit_activity *a, struct tendo_buf *b);
/* Writes bytes to `path`, gzipped when `gz`; 0 on success. */
int gen_write_file(const char *path, const char *data, size_t len, int gz);

#endif
