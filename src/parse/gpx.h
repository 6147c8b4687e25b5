/*
 * parse/gpx.h - GPX 1.0/1.1 tracks into the activity structures the FIT
 * decoder fills (one synthesized session, one record per track point), so
 * summaries, storage and dedupe are the same for every format.
 *
 * Read: tracks, segments, points with time (any ISO 8601 form, fractions,
 * offsets), elevation, and heart rate, cadence and temperature from any
 * extension namespace whatever its prefix (Garmin's TrackPointExtension,
 * gpxdata:, ...). Distance is the great-circle sum (sphere of 6,371 km)
 * between consecutive positioned points within each segment; a step that
 * would mean more than 100 m/s is a GPS glitch and left out. Timer time
 * leaves out gaps longer than 60 s between points (auto-pause). A file
 * without at least two timed track points (a route, waypoints, metadata
 * only) is refused.
 */
#ifndef TENDO_PARSE_GPX_H
#define TENDO_PARSE_GPX_H

#include "tendo/fit.h"

/* On success *out is a new activity (tendo_fit_free); `creator` (cap
 * bytes) receives the file's creator attribute. */
int gpx_decode(const uint8_t *data, size_t len,
               struct tendo_fit_activity **out, char *creator, size_t cap,
               struct tendo_error *err);

/* The FIT sport number for a GPX/TCX sport or type text ("running",
 * "Biking", Strava's "9"), TENDO_FIT_SPORT_GENERIC if unknown. */
int gpx_sport(const char *type);

/* Great-circle distance in metres between two points in degrees. */
double gpx_haversine(double lat1, double lon1, double lat2, double lon2);

#endif
