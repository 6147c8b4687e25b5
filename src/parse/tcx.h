/*
 * parse/tcx.h - Garmin Training Center XML (TCX v2, and the v1 History
 * layout) into the activity structures FIT fills: each <Activity> (also
 * inside a MultiSportSession) becomes a session, each <Lap> a lap, each
 * <Trackpoint> a record.
 *
 * A session's totals are the file's own lap totals: timer time is the sum
 * of TotalTimeSeconds, distance the sum of the laps' DistanceMeters, heart
 * rate the laps' averages weighted by their time and the highest maximum,
 * cadence the laps' Cadence or AvgRunCadence (strides per minute for
 * running, so doubled to steps like FIT's). Records take DistanceMeters as
 * recorded, else the great-circle sum within each <Track>. Speed and
 * RunCadence come from the ActivityExtension (any prefix). Courses and
 * files without activities are refused.
 */
#ifndef TENDO_PARSE_TCX_H
#define TENDO_PARSE_TCX_H

#include "tendo/fit.h"

int tcx_decode(const uint8_t *data, size_t len,
               struct tendo_fit_activity **out, char *creator, size_t cap,
               struct tendo_error *err);

#endif
