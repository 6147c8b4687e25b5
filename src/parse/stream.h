/*
 * parse/stream.h - the compact per-second stream codec used to store an
 * activity's records (one BLOB per session; docs/architecture.md gives the
 * figures behind the choice).
 *
 * Layout: "TS1", a varint sample count, the varint start time (Unix s),
 * then per sample: one flag byte saying which values are present (bit 0
 * distance, 1 heart rate, 2 cadence, 3 altitude, 4 speed, 5 position,
 * 6 temperature, 7 time unknown), and zigzag varints of the differences
 * to the previous present value of each: time (s), distance (cm), heart
 * rate (bpm), cadence (1/128 cycle/min), altitude (0.2 m), speed (mm/s),
 * latitude and longitude (semicircles), temperature (degrees C). Smooth
 * signals give one- or two-byte differences: about 13 bytes a sample
 * against 44 as a table row (docs/architecture.md).
 */
#ifndef TENDO_PARSE_STREAM_H
#define TENDO_PARSE_STREAM_H

#include "tendo/buf.h"
#include "tendo/fit.h"

/* Appends the encoding of n records to out (check out->err). */
void stream_encode(const struct tendo_fit_record *r, size_t n,
                   struct tendo_buf *out);
/* Decodes a blob into a new array (*out, tendo_free) of *n records.
 * Returns TENDO_OK or TENDO_EFORMAT / TENDO_ENOMEM / TENDO_ELIMIT. */
int stream_decode(const uint8_t *p, size_t len, struct tendo_fit_record **out,
                  size_t *n);

#endif
