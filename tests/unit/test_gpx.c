/*
 * tests/unit/test_gpx.c - the GPX and TCX readers: values from every
 * extension style, times with fractions and offsets, segments, glitches
 * and pauses, TCX laps and multisport, refusals (routes, waypoints,
 * courses, DOCTYPE and entities), and every truncation.
 */
#include "harness.h"
#include "parse/gpx.h"
#include "parse/xml.h"

static int read_gpx(const char *xml, struct tendo_activity *a,
                    struct tendo_error *e)
{
    return tendo_activity_read_memory((const uint8_t *)xml, strlen(xml),
                                      "t.gpx", a, NULL, e);
}

static const char track[] =
    "\xEF\xBB\xBF  \n<?xml version=\"1.0\"?>\n"
    "<gpx version=\"1.1\" creator=\"unit test\" "
    "xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">"
    "<metadata><time>2001-01-01T00:00:00Z</time></metadata>"
    "<trk><type>Running</type>"
    "<trkseg>"
    "<trkpt lat=\"52.0\" lon=\"13.0\"><ele>100</ele>"
    "<time>2026-11-24T08:00:00.500+01:00</time><extensions>"
    "<gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr>"
    "<gpxtpx:cad>84</gpxtpx:cad><gpxtpx:atemp>21.4</gpxtpx:atemp>"
    "</gpxtpx:TrackPointExtension></extensions>"
    "</trkpt>"
    "<trkpt lat=\"52.001\" lon=\"13.0\"><ele>104.5</ele>"
    "<time>2026-11-24T07:00:40Z</time><extensions><gpxdata:hr>150</gpxdata:hr>"
    "<gpxdata:cadence>86</gpxdata:cadence></extensions></trkpt>"
    "<trkpt lat=\"53.0\" lon=\"13.0\"><time>2026-11-24T07:00:41Z</time>"
    "</trkpt>" /* 111 km in a second: a glitch */
    "</trkseg><trkseg></trkseg><trkseg>"
    "<trkpt lat=\"40.0\" lon=\"10.0\"><time>2026-11-24T07:10:00Z</time></trkpt>"
    "<trkpt lat=\"40.001\" lon=\"10.0\"><ele>3</ele><time>2026-11-24T07:10:30Z"
    "</time></trkpt>"
    "</trkseg></trk>"
    "<wpt lat=\"1\" lon=\"1\"><name>x</name></wpt>"
    "</gpx>\n";

static void values(void **state)
{
    struct tendo_fit_activity *f;
    struct tendo_activity a;
    struct tendo_error e = {0};
    double one = gpx_haversine(52.0, 13.0, 52.001, 13.0);
    double two = gpx_haversine(40.0, 10.0, 40.001, 10.0);
    (void)state;
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)track,
                                                strlen(track), "t.gpx", &a, &f,
                                                &e),
                     TENDO_OK);
    assert_int_equal(f->records[0].temp_c, 21);
    assert_int_equal(f->records[1].temp_c, INT16_MIN);
    tendo_fit_free(f);
    assert_string_equal(a.format, "gpx");
    assert_string_equal(a.device, "unit test");
    assert_string_equal(a.total.sport, "running");
    assert_int_equal(a.records, 5);
    assert_int_equal(a.total.start_utc, 1795503600); /* 07:00:00Z */
    assert_true(fabs(a.total.elapsed_s - 630) < 1e-9);
    /* 40 + 1 + 30 s: the 549 s gap between segments is a pause */
    assert_true(fabs(a.total.timer_s - 71) < 1e-9);
    /* no distance across segments, the glitch left out */
    assert_true(fabs(a.total.distance_m - (one + two)) < 1e-6);
    assert_true(fabs(one - 111.19) < 0.01);
    assert_int_equal(a.total.avg_hr, 145);
    assert_int_equal(a.total.max_hr, 150);
    assert_true(fabs(a.total.avg_cadence_spm - 170) < 1e-9);
    assert_true(fabs(a.total.ascent_m - 5) < 1e-9);
    tendo_activity_release(&a);
}

static void refusals(void **state)
{
    struct tendo_activity a;
    struct tendo_error e = {0};
    (void)state;
    assert_int_equal(read_gpx("<gpx><rte><rtept lat=\"1\" lon=\"2\"/><rtept "
                              "lat=\"1\" lon=\"3\"/></rte></gpx>",
                              &a, &e),
                     TENDO_EUNSUPPORTED);
    assert_error(&e, TENDO_EUNSUPPORTED, "2 route points");
    tendo_error_clear(&e);
    assert_int_equal(read_gpx("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\">"
                              "<time>2026-01-01T00:00:00Z</time></trkpt>"
                              "</trkseg></trk></gpx>",
                              &a, &e),
                     TENDO_EUNSUPPORTED);
    tendo_error_clear(&e);
    /* entities: no billion laughs, no external entities */
    assert_int_equal(read_gpx("<?xml version=\"1.0\"?><!DOCTYPE gpx ["
                              "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;"
                              "&a;&a;&a;&a;&a;&a;&a;&a;\">]><gpx>&b;</gpx>",
                              &a, &e),
                     TENDO_EUNSUPPORTED);
    assert_error(&e, TENDO_EUNSUPPORTED, "DOCTYPE");
    tendo_error_clear(&e);
    assert_int_equal(read_gpx("<!DOCTYPE gpx SYSTEM \"file:///etc/passwd\">"
                              "<gpx/>",
                              &a, &e),
                     TENDO_EUNSUPPORTED);
    tendo_error_clear(&e);
    assert_int_equal(read_gpx("<gpx><trk></gpx>", &a, &e), TENDO_EFORMAT);
    assert_error(&e, TENDO_EFORMAT, "not well-formed XML at line 1");
    assert_string_equal(e.file, "t.gpx");
}

static void truncated_everywhere(void **state)
{
    size_t len = strlen(track), end = len;
    (void)state;
    while (end && track[end - 1] != '>')
        end--; /* cutting only the final newline leaves a valid file */
    for (size_t cut = 0; cut < end; cut++) {
        struct tendo_activity a;
        struct tendo_error e = {0};
        char *copy = malloc(cut ? cut : 1);
        memcpy(copy, track, cut);
        if (tendo_activity_read_memory((const uint8_t *)copy, cut, "c.gpx", &a,
                                       NULL, &e) == TENDO_OK)
            fail_msg("cut at %zu of %zu read", cut, len);
        assert_true(e.msg[0] != '\0');
        free(copy);
    }
}

static void times(void **state)
{
    static const struct {
        const char *txt;
        int ok;
        int64_t want;
    } cases[] = {
        {"2026-11-24T07:00:00Z", 1, 1795503600},
        {"2026-11-24T07:00:00.999Z", 1, 1795503600},
        {"2026-11-24T08:00:00+01:00", 1, 1795503600},
        {"2026-11-24T02:00:00-0500", 1, 1795503600},
        {" 2026-11-24T07:00:00Z\n", 1, 1795503600},
        {"2026-11-24T07:00:00", 1, 1795503600}, /* no zone: as UTC */
        {"2026-11-24 07:00:00Z", 1, 1795503600},
        {"2026-13-24T07:00:00Z", 0, 0},
        {"2026-11-24T07:00", 0, 0},
        {"yesterday", 0, 0},
        {"2026-11-24T07:00:00+99:00", 0, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t t;
        double frac;
        int zoned;
        int rc = xml_time(cases[i].txt, strlen(cases[i].txt), &t, &frac,
                          &zoned);
        if ((rc == 0) != cases[i].ok || (rc == 0 && t != cases[i].want))
            fail_msg("case %zu '%s'", i, cases[i].txt);
    }
}

static void sports(void **state)
{
    (void)state;
    assert_int_equal(gpx_sport("9"), TENDO_FIT_SPORT_RUNNING);
    assert_int_equal(gpx_sport("Running"), TENDO_FIT_SPORT_RUNNING);
    assert_int_equal(gpx_sport("road_biking"), TENDO_FIT_SPORT_CYCLING);
    assert_int_equal(gpx_sport("Ride"), TENDO_FIT_SPORT_CYCLING);
    assert_int_equal(gpx_sport("16"), TENDO_FIT_SPORT_SWIMMING);
    assert_int_equal(gpx_sport("jkljkl"), TENDO_FIT_SPORT_GENERIC);
}

static const char tcx[] =
    "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase><Activities>"
    "<MultiSportSession><FirstSport><Activity Sport=\"Running\">"
    "<Id>2026-11-24T07:00:00Z</Id>"
    "<Lap StartTime=\"2026-11-24T07:00:00Z\"><TotalTimeSeconds>600"
    "</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters>"
    "<AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>"
    "<MaximumHeartRateBpm><Value>150</Value></MaximumHeartRateBpm>"
    "<Track><Trackpoint><Time>2026-11-24T07:00:00Z</Time><DistanceMeters>0"
    "</DistanceMeters><HeartRateBpm><Value>130</Value></HeartRateBpm>"
    "</Trackpoint><Trackpoint><Time>2026-11-24T07:10:00Z</Time>"
    "<DistanceMeters>2000</DistanceMeters><Extensions><ns3:TPX>"
    "<ns3:RunCadence>85</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>"
    "</Track><Extensions><ns3:LX><ns3:AvgRunCadence>86</ns3:AvgRunCadence>"
    "</ns3:LX></Extensions></Lap>"
    "<Lap StartTime=\"2026-11-24T07:10:00Z\"><TotalTimeSeconds>300"
    "</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters>"
    "<AverageHeartRateBpm><Value>155</Value></AverageHeartRateBpm>"
    "<MaximumHeartRateBpm><Value>165</Value></MaximumHeartRateBpm>"
    "<Track><Trackpoint><Time>2026-11-24T07:15:00Z</Time></Trackpoint>"
    "</Track></Lap><Notes>steady</Notes></Activity></FirstSport>"
    "<NextSport><Activity Sport=\"Biking\"><Lap StartTime=\""
    "2026-11-24T08:00:00Z\"><TotalTimeSeconds>1800</TotalTimeSeconds>"
    "<DistanceMeters>15000</DistanceMeters><Track><Trackpoint><Time>"
    "2026-11-24T08:00:00Z</Time><Position><LatitudeDegrees>52"
    "</LatitudeDegrees><LongitudeDegrees>13</LongitudeDegrees></Position>"
    "</Trackpoint></Track></Lap></Activity></NextSport></MultiSportSession>"
    "</Activities><Author><Name>  unit test  </Name></Author>"
    "</TrainingCenterDatabase>\n";

static void tcx_values(void **state)
{
    struct tendo_activity a;
    struct tendo_error e = {0};
    (void)state;
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)tcx,
                                                strlen(tcx), "t.tcx", &a,
                                                NULL, &e),
                     TENDO_OK);
    assert_string_equal(a.format, "tcx");
    assert_string_equal(a.total.sport, "multisport");
    assert_int_equal(a.nlegs, 2);
    assert_int_equal(a.records, 4);
    assert_int_equal(a.laps, 3);
    /* the run: lap totals, time-weighted heart rate, run cadence x2 */
    assert_string_equal(a.legs[0].sport, "running");
    assert_true(fabs(a.legs[0].timer_s - 900) < 1e-9);
    assert_true(fabs(a.legs[0].elapsed_s - 900) < 1e-9);
    assert_true(fabs(a.legs[0].distance_m - 3000) < 1e-9);
    assert_int_equal(a.legs[0].avg_hr, 145);
    assert_int_equal(a.legs[0].max_hr, 165);
    assert_true(fabs(a.legs[0].avg_cadence_spm - 172) < 1e-9);
    assert_string_equal(a.legs[0].notes, "steady");
    assert_string_equal(a.legs[1].notes, "");
    assert_string_equal(a.legs[1].sport, "cycling");
    assert_true(fabs(a.legs[1].distance_m - 15000) < 1e-9);
    tendo_activity_release(&a);
}

static void tcx_refusals(void **state)
{
    struct tendo_activity a;
    struct tendo_error e = {0};
    static const char course[] =
        "<TrainingCenterDatabase><Courses><Course><Name>x</Name><Track>"
        "<Trackpoint><Time>2026-01-01T00:00:00Z</Time></Trackpoint></Track>"
        "</Course></Courses></TrainingCenterDatabase>";
    size_t end = strlen(tcx);
    (void)state;
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)course,
                                                strlen(course), "c.tcx", &a,
                                                NULL, &e),
                     TENDO_EUNSUPPORTED);
    assert_error(&e, TENDO_EUNSUPPORTED, "a TCX course");
    while (end && tcx[end - 1] != '>')
        end--;
    for (size_t cut = 0; cut < end; cut++) {
        char *copy = malloc(cut ? cut : 1);
        memcpy(copy, tcx, cut);
        tendo_error_clear(&e);
        if (tendo_activity_read_memory((const uint8_t *)copy, cut, "c.tcx", &a,
                                       NULL, &e) == TENDO_OK)
            fail_msg("cut at %zu read", cut);
        free(copy);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values),
        cmocka_unit_test(refusals),
        cmocka_unit_test(truncated_everywhere),
        cmocka_unit_test(times),
        cmocka_unit_test(sports),
        cmocka_unit_test(tcx_values),
        cmocka_unit_test(tcx_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
