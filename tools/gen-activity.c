/*
 * tools/gen-activity.c - the synthetic runs behind tendo-gen-fit and
 * tendo-gen-strava: one-second records, laps per kilometre, timer events,
 * a session; and GPX / TCX renderings of the same run. Deterministic for a
 * given seed (gen_seed).
 */
#include "gen-activity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint64_t rng = 0x2545f4914f6cdd1dull;

void gen_seed(uint64_t seed)
{
    rng ^= seed * 0x9e3779b97f4a7c15ull;
}

double gen_rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (double)((rng * 0x2545f4914f6cdd1dull) >> 11) / 9007199254740992.0;
}

int gen_write_file(const char *path, const char *data, size_t len, int gz)
{
    if (gz) {
        gzFile f = gzopen(path, "wb9");
        int ok = f && gzwrite(f, data, (unsigned)len) == (int)len;
        if (f && gzclose(f) != Z_OK)
            ok = 0;
        return ok ? 0 : -1;
    } else {
        FILE *f = fopen(path, "wb");
        int ok = f && fwrite(data, 1, len, f) == len;
        if (f && fclose(f) != 0)
            ok = 0;
        return ok ? 0 : -1;
    }
}

/* The same activity as GPX 1.1 (records only; GPX has no laps). */
void gen_to_gpx(const struct tendo_fit_activity *a, struct tendo_buf *b)
{
    char t[21];
    tendo_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<gpx version=\"1.1\" creator=\"tendo-gen-fit\" "
                      "xmlns=\"http://www.topografix.com/GPX/1/1\" "
                      "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/"
                      "TrackPointExtension/v1\">\n"
                      " <trk><type>running</type><trkseg>\n");
    for (size_t i = 0; i < a->nrecords; i++) {
        const struct tendo_fit_record *r = &a->records[i];
        tendo_buf_printf(b,
                         "  <trkpt lat=\"%.7f\" lon=\"%.7f\"><ele>%.1f</ele>"
                         "<time>%s</time><extensions><gpxtpx:"
                         "TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr>"
                         "<gpxtpx:cad>%d</gpxtpx:cad></gpxtpx:"
                         "TrackPointExtension></extensions></trkpt>\n",
                         r->lat * 180.0 / 2147483648.0,
                         r->lon * 180.0 / 2147483648.0, r->altitude_m,
                         tendo_utc_format(r->time, t), r->hr,
                         (int)r->cadence);
    }
    tendo_buf_puts(b, " </trkseg></trk>\n</gpx>\n");
}

/* The same activity as TCX v2: its laps and trackpoints. */
void gen_to_tcx(const struct tendo_fit_activity *a, struct tendo_buf *b)
{
    char t[21];
    size_t k = 0;
    tendo_buf_printf(b,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<TrainingCenterDatabase xmlns=\"http://www.garmin.com/"
                     "xmlschemas/TrainingCenterDatabase/v2\" xmlns:ns3=\""
                     "http://www.garmin.com/xmlschemas/ActivityExtension/v2\">"
                     "\n<Activities><Activity Sport=\"Running\"><Id>%s</Id>\n",
                     tendo_utc_format(a->sessions[0].start, t));
    for (size_t l = 0; l < a->nlaps; l++) {
        const struct tendo_fit_summary *lap = &a->laps[l];
        tendo_buf_printf(b,
                         "<Lap StartTime=\"%s\"><TotalTimeSeconds>%.1f"
                         "</TotalTimeSeconds><DistanceMeters>%.2f"
                         "</DistanceMeters><Intensity>Active</Intensity>"
                         "<TriggerMethod>Distance</TriggerMethod><Track>\n",
                         tendo_utc_format(lap->start, t), lap->timer_s,
                         lap->distance_m);
        for (; k < a->nrecords && a->records[k].time <= lap->timestamp; k++) {
            const struct tendo_fit_record *r = &a->records[k];
            tendo_buf_printf(b,
                             "<Trackpoint><Time>%s</Time><Position>"
                             "<LatitudeDegrees>%.7f</LatitudeDegrees>"
                             "<LongitudeDegrees>%.7f</LongitudeDegrees>"
                             "</Position><AltitudeMeters>%.1f</AltitudeMeters>"
                             "<DistanceMeters>%.2f</DistanceMeters>"
                             "<HeartRateBpm><Value>%d</Value></HeartRateBpm>"
                             "<Extensions><ns3:TPX><ns3:Speed>%.3f</ns3:Speed>"
                             "<ns3:RunCadence>%d</ns3:RunCadence></ns3:TPX>"
                             "</Extensions></Trackpoint>\n",
                             tendo_utc_format(r->time, t),
                             r->lat * 180.0 / 2147483648.0,
                             r->lon * 180.0 / 2147483648.0, r->altitude_m,
                             r->distance_m, r->hr, r->speed_mps,
                             (int)r->cadence);
        }
        tendo_buf_puts(b, "</Track></Lap>\n");
    }
    tendo_buf_puts(b, "</Activity></Activities>\n"
                      "</TrainingCenterDatabase>\n");
}

/* One run starting at `start` (UTC) lasting `secs` seconds. */
struct tendo_fit_activity *gen_run(int64_t start, int secs, double pace,
                                      uint32_t serial)
{
    struct tendo_fit_activity *a = tendo_fit_new();
    struct tendo_fit_summary s, lap;
    struct tendo_fit_event ev = {start, 0, 0};
    double dist = 0, alt = 80 + gen_rnd() * 40, hr = 95, lat = 52.52, lon = 13.40;
    double heading = gen_rnd() * 6.283, lap_start_dist = 0, hr_sum = 0, cad_sum = 0,
           climb = 0;
    int64_t lap_start = start;
    int max_hr = 0, laps = 0;
    if (!a)
        return NULL;
    a->file_type = TENDO_FIT_FILE_ACTIVITY;
    a->manufacturer = 1;
    a->product = 3113; /* fr945 */
    a->serial = serial;
    a->time_created = start;
    a->utc_offset_s = 3600;
    tendo_fit_add_event(a, &ev);
    tendo_fit_summary_init(&lap);
    for (int i = 0; i <= secs; i++) {
        struct tendo_fit_record r;
        double speed = 1000.0 / (pace * 60.0) * (0.95 + 0.1 * gen_rnd());
        double prev_alt = alt;
        tendo_fit_record_init(&r);
        r.time = start + i;
        dist += i ? speed : 0;
        heading += (gen_rnd() - 0.5) * 0.1;
        lat += cos(heading) * speed / 111320.0;
        lon += sin(heading) * speed / (111320.0 * 0.61);
        alt += (gen_rnd() - 0.5) * 0.1;
        if (alt > prev_alt)
            climb += alt - prev_alt;
        hr += ((150 - 10 * (pace - 5)) - hr) * 0.01 + (gen_rnd() - 0.5) * 2;
        r.distance_m = round(dist * 100) / 100;
        r.speed_mps = round(speed * 1000) / 1000;
        r.altitude_m = round(alt * 5) / 5;
        r.hr = (int16_t)lround(hr);
        r.cadence = round((82 + gen_rnd() * 5) * 128) / 128;
        r.lat = (int32_t)lround(lat * 2147483648.0 / 180.0);
        r.lon = (int32_t)lround(lon * 2147483648.0 / 180.0);
        hr_sum += r.hr;
        cad_sum += r.cadence;
        if (r.hr > max_hr)
            max_hr = r.hr;
        tendo_fit_add_record(a, &r);
        if (dist - lap_start_dist >= 1000 || i == secs) {
            tendo_fit_summary_init(&lap);
            lap.start = lap_start;
            lap.timestamp = r.time;
            lap.elapsed_s = lap.timer_s = (double)(r.time - lap_start);
            lap.distance_m = round((dist - lap_start_dist) * 100) / 100;
            lap.sport = TENDO_FIT_SPORT_RUNNING;
            tendo_fit_add_lap(a, &lap);
            lap_start = r.time;
            lap_start_dist = dist;
            laps++;
        }
    }
    ev.time = start + secs;
    ev.type = 4; /* stop_all */
    tendo_fit_add_event(a, &ev);
    tendo_fit_summary_init(&s);
    s.start = start;
    s.timestamp = start + secs;
    s.sport = TENDO_FIT_SPORT_RUNNING;
    s.sub_sport = 0;
    s.elapsed_s = s.timer_s = secs;
    s.distance_m = round(dist * 100) / 100;
    s.avg_hr = (int)lround(hr_sum / (secs + 1));
    s.max_hr = max_hr;
    s.avg_cadence = round(cad_sum / (secs + 1) * 128) / 128;
    s.ascent_m = round(climb);
    tendo_fit_add_session(a, &s);
    return a;
}

