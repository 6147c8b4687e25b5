/*
 * tendo/fit.h - the FIT codec: decode activity files from watches and bike
 * computers, and encode them (the project's own test fixtures, later
 * workouts). Written from the public FIT protocol description and the
 * files themselves; no vendor SDK.
 *
 * Decoding takes bytes (never reads outside them) and returns a
 * tendo_fit_activity the caller frees with tendo_fit_free(). What the
 * decoder could not use is skipped by size: unknown messages and fields,
 * developer fields. Invalid values (the protocol's per-type sentinels)
 * become "unknown" (NAN, TENDO_UNSET, INT64_MIN), never 0. Problems that
 * leave the data usable (CRC mismatch, a file without a session message,
 * corruption after some data) become warnings; a file cut short, or one
 * with nothing usable, is an error naming the byte offset.
 */
#ifndef TENDO_FIT_H
#define TENDO_FIT_H

#include "buf.h"
#include "common.h"
#include "error.h"

#define TENDO_FIT_EPOCH 631065600   /* 1989-12-31T00:00:00Z in Unix time */

/* FIT profile numbers tendo uses. */
enum {
    TENDO_FIT_FILE_ACTIVITY = 4,
    TENDO_FIT_FILE_WORKOUT = 5,
    TENDO_FIT_SPORT_GENERIC = 0,
    TENDO_FIT_SPORT_RUNNING = 1,
    TENDO_FIT_SPORT_CYCLING = 2,
    TENDO_FIT_SPORT_TRANSITION = 3,
    TENDO_FIT_SPORT_FITNESS_EQUIPMENT = 4,
    TENDO_FIT_SPORT_SWIMMING = 5,
    TENDO_FIT_SPORT_TRAINING = 10,
    TENDO_FIT_SPORT_WALKING = 11,
    TENDO_FIT_SPORT_HIKING = 17,
    TENDO_FIT_SPORT_MULTISPORT = 18
};

/* One sample (FIT "record" message). Cadence is as the file stores it:
 * cycles per minute (revolutions, or strides for running) with the
 * fractional part added. */
struct tendo_fit_record {
    int64_t time;          /* Unix seconds, INT64_MIN if none */
    double distance_m;     /* NAN if none */
    double speed_mps;      /* NAN if none */
    double altitude_m;     /* NAN if none */
    double cadence;        /* cycles/min, NAN if none */
    int32_t lat, lon;      /* semicircles, INT32_MAX if none */
    int16_t hr;            /* beats/min, -1 if none */
    int16_t temp_c;        /* temperature, degrees C, INT16_MIN if none */
};

/* A session (one per sport leg) or a lap: the summary the device wrote. */
struct tendo_fit_summary {
    int64_t start;         /* Unix seconds, INT64_MIN if none */
    int64_t timestamp;     /* when it was written (its end) */
    int sport, sub_sport;  /* FIT profile numbers, TENDO_UNSET if none */
    double elapsed_s;      /* total_elapsed_time, NAN if none */
    double timer_s;        /* total_timer_time (pauses excluded) */
    double distance_m;
    int avg_hr, max_hr;    /* TENDO_UNSET if none */
    double avg_cadence;    /* cycles/min with the fractional part */
    double ascent_m;
    int rpe;               /* workout_rpe / 10 (0-10), TENDO_UNSET if none */
    int feel;              /* workout_feel 0-100, TENDO_UNSET if none */
    char notes[160];       /* the athlete's notes (TCX), "" if none */
};

struct tendo_fit_event {
    int64_t time;
    int event;             /* 0 = timer */
    int type;              /* 0 start, 1 stop, 4 stop_all, ... */
};

/* ---- workouts (file type 5): a workout message and its steps ---------- */

/* workout_step duration_type, target_type, intensity (profile numbers) */
enum {
    TENDO_FIT_DURATION_TIME = 0,      /* duration_value: ms */
    TENDO_FIT_DURATION_DISTANCE = 1,  /* cm */
    TENDO_FIT_DURATION_OPEN = 5,      /* until the lap button */
    TENDO_FIT_DURATION_REPEAT = 6,    /* repeat_until_steps_cmplt: value =
                                         the first step repeated,
                                         target_value = the times */
    TENDO_FIT_DURATION_REPS = 29,     /* value: repetitions */
    TENDO_FIT_TARGET_SPEED = 0,       /* custom range in mm/s */
    TENDO_FIT_TARGET_HEART_RATE = 1,  /* custom range in bpm + 100 */
    TENDO_FIT_TARGET_OPEN = 2,
    TENDO_FIT_INTENSITY_ACTIVE = 0,
    TENDO_FIT_INTENSITY_REST = 1,
    TENDO_FIT_INTENSITY_WARMUP = 2,
    TENDO_FIT_INTENSITY_COOLDOWN = 3,
    TENDO_FIT_INTENSITY_RECOVERY = 4,
    TENDO_FIT_INTENSITY_INTERVAL = 5,
    TENDO_FIT_EXERCISE_CALF_RAISE = 1,  /* exercise_category */
    TENDO_FIT_SUB_SPORT_STRENGTH = 20,
    TENDO_FIT_SUB_SPORT_ELLIPTICAL = 15,
    TENDO_FIT_SUB_SPORT_LAP_SWIMMING = 17
};
#define TENDO_FIT_WORKOUT_STEPS_MAX 64

/* One workout_step, its values as the file holds them (the scales above),
 * so that encoding and decoding give back the same numbers. */
struct tendo_fit_step {
    char name[32];          /* wkt_step_name, "" none */
    int duration_type;
    uint32_t duration_value;
    int target_type;
    uint32_t target_value;  /* a repeat's count; 0 with a custom range */
    uint32_t target_low, target_high; /* custom range; 0 when none */
    int intensity;          /* TENDO_UNSET none */
    int exercise_category;  /* TENDO_UNSET none */
    int exercise_name;      /* TENDO_UNSET none */
    double weight_kg;       /* exercise_weight (0.01 kg), NAN none */
    char notes[80];         /* "" none */
};

struct tendo_fit_workout {
    char name[48];          /* wkt_name */
    int sport, sub_sport;   /* TENDO_UNSET none */
    uint32_t serial;        /* file_id serial_number (0 none) */
    int64_t time_created;   /* INT64_MIN none */
    size_t nsteps;
    struct tendo_fit_step steps[TENDO_FIT_WORKOUT_STEPS_MAX];
};

/* Initialisers: everything unknown. */
TENDO_API void tendo_fit_workout_init(struct tendo_fit_workout *w);
TENDO_API void tendo_fit_step_init(struct tendo_fit_step *s);
/* Encodes a workout file: file_id (type workout, manufacturer
 * "development", the serial and time given), the workout message
 * (num_valid_steps) and its steps in order, message_index 0..n-1; both
 * CRCs. TENDO_EINVAL for a name that does not fit, no steps, or a repeat
 * that points at itself or forward. */
TENDO_API int tendo_fit_encode_workout(const struct tendo_fit_workout *w,
                                       struct tendo_buf *out,
                                       struct tendo_error *err);

struct tendo_fit_activity {
    /* file_id */
    int file_type;                 /* TENDO_UNSET if no file_id */
    int manufacturer, product;     /* TENDO_UNSET if none */
    uint32_t serial;               /* 0 if none */
    int64_t time_created;          /* INT64_MIN if none */
    char product_name[64];
    /* activity message: local time minus UTC, seconds; INT32_MIN if none */
    int32_t utc_offset_s;
    int sport_msg, sub_sport_msg;  /* from a "sport" message, if any */

    struct tendo_fit_summary *sessions;
    size_t nsessions;
    struct tendo_fit_summary *laps;
    size_t nlaps;
    struct tendo_fit_record *records;
    size_t nrecords;
    struct tendo_fit_event *events;
    size_t nevents;
    struct tendo_fit_workout *workout; /* a workout file's, else NULL */

    size_t cap_sessions, cap_laps, cap_records, cap_events; /* allocated */
    size_t developer_data_ids;     /* developer_data_id messages seen */
    size_t chained;                /* further FIT files appended */
    int header_crc_ok, file_crc_ok;/* 1 ok, 0 wrong, -1 not present */
    size_t bytes_used;             /* bytes decoded, chained files included */
    struct tendo_buf warnings;     /* "\n"-separated, "" if none */
};

/* Caps that keep hostile files from exhausting memory. */
#define TENDO_FIT_MAX_RECORDS 4000000u
#define TENDO_FIT_MAX_SUMMARIES 100000u

/* Decodes `len` bytes. On success *out is a new activity (free it with
 * tendo_fit_free). Errors: TENDO_EFORMAT (not FIT, or nothing usable),
 * TENDO_ETRUNCATED (shorter than its header says), TENDO_ELIMIT,
 * TENDO_ENOMEM; err->offset says where. */
TENDO_API int tendo_fit_decode(const uint8_t *data, size_t len,
                               struct tendo_fit_activity **out,
                               struct tendo_error *err);
/* DESTRUCTOR. NULL is a harmless no-op. */
TENDO_API void tendo_fit_free(struct tendo_fit_activity *a);

/* Encodes `a` as a FIT activity file (14-byte header, both CRCs): file_id,
 * events, records, laps, sessions and an activity message. Values that are
 * unknown are written as the protocol's invalid values, so decoding the
 * result gives back `a` (to the precision of the FIT scales: ms, cm,
 * mm/s, 0.2 m, 1/128 cycle). */
enum tendo_fit_encode_flags {
    TENDO_FIT_ENC_COMPRESSED_TS = 1, /* records use compressed timestamps */
    TENDO_FIT_ENC_BIG_ENDIAN = 2     /* big-endian definitions */
};
TENDO_API int tendo_fit_encode(const struct tendo_fit_activity *a, int flags,
                               struct tendo_buf *out, struct tendo_error *err);

/* Allocates an empty activity for encoding (everything unknown). */
TENDO_API struct tendo_fit_activity *tendo_fit_new(void);
/* Appends to an activity being built; TENDO_ENOMEM on failure. */
TENDO_API int tendo_fit_add_record(struct tendo_fit_activity *a,
                                   const struct tendo_fit_record *r);
TENDO_API int tendo_fit_add_session(struct tendo_fit_activity *a,
                                    const struct tendo_fit_summary *s);
TENDO_API int tendo_fit_add_lap(struct tendo_fit_activity *a,
                                const struct tendo_fit_summary *s);
TENDO_API int tendo_fit_add_event(struct tendo_fit_activity *a,
                                  const struct tendo_fit_event *e);
/* Initialisers: everything unknown. */
TENDO_API void tendo_fit_record_init(struct tendo_fit_record *r);
TENDO_API void tendo_fit_summary_init(struct tendo_fit_summary *s);

/* Profile names: "running", "trail", "garmin"; NULL if tendo has no name
 * for the number. */
TENDO_API const char *tendo_fit_sport_name(int sport);
TENDO_API const char *tendo_fit_sub_sport_name(int sub_sport);
TENDO_API const char *tendo_fit_manufacturer_name(int manufacturer);
TENDO_API const char *tendo_fit_garmin_product_name(int product);
TENDO_API const char *tendo_fit_file_type_name(int type);

/* FIT's CRC-16 over `n` bytes, continuing from `crc` (start with 0). */
TENDO_API uint16_t tendo_fit_crc(uint16_t crc, const uint8_t *p, size_t n);

#endif
