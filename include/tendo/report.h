/*
 * tendo/report.h - charts as SVG and the HTML report (docs/cli.md, report):
 * one self-contained page (inline CSS and SVG, no scripts, nothing fetched)
 * for the athlete, coach and physio.
 *
 * Writers only: they take figures the caller computed (tendo/load.h,
 * tendo/rules.h, the store) and write text into a caller's tendo_buf. No
 * I/O, no clock, no globals; the output depends only on the input, so it
 * can be compared byte for byte. Errors: TENDO_EUSAGE for bad arguments,
 * TENDO_ENOMEM / TENDO_ELIMIT from the buffer.
 */
#ifndef TENDO_REPORT_H
#define TENDO_REPORT_H

#include "buf.h"
#include "common.h"
#include "date.h"
#include "error.h"
#include "load.h"
#include "model.h"
#include "history.h"
#include "rules.h"

/* A "nice" axis over [lo, hi]: ticks at multiples of 1, 2 or 5 x 10^k,
 * at most `max_ticks` of them (3 when the range crosses zero), the range
 * widened to whole ticks. */
struct tendo_axis {
    double lo, hi, step;
    int nticks;             /* lo, lo + step, ..., hi */
};
TENDO_API void tendo_nice_axis(double lo, double hi, int max_ticks,
                               struct tendo_axis *out);

enum tendo_series_kind { TENDO_SERIES_BARS, TENDO_SERIES_LINE,
                         TENDO_SERIES_DOTS };

struct tendo_series {
    const char *name;           /* legend text */
    enum tendo_series_kind kind;
    const double *y;            /* nx values; NAN = no value */
    int right_axis;             /* 1: plotted against the right axis */
    const char *color;          /* CSS colour, e.g. "#1f77b4" */
};

struct tendo_band {             /* a shaded range on the left axis */
    double lo, hi;
    const char *label;
    const char *color;
};

struct tendo_marker {           /* a vertical line at a day */
    tendo_day day;
    const char *label;
    const char *color;
};

struct tendo_chart {
    const char *id;             /* element id, [a-z0-9-] */
    const char *title;          /* heading inside the SVG */
    const char *description;    /* aria-label: what the chart shows */
    tendo_day x0;               /* the first x value's day */
    int nx;                     /* number of x values */
    int x_days;                 /* days per x value: 1 (days) or 7 (weeks) */
    const struct tendo_series *series;
    int nseries;
    const char *y_unit, *y2_unit;   /* axis titles; y2 NULL: no right axis */
    double y_min, y_max;        /* NAN: from the data (0 included) */
    double y2_min, y2_max;
    const struct tendo_band *bands;
    int nbands;
    const struct tendo_marker *markers;
    int nmarkers;
    const char *const *strip;   /* nx colours for a strip under the x axis
                                   (e.g. the day's advice level), or NULL */
    double width;               /* user units across, 240-4000; 0: 640 */
    double font;                /* text size in user units, 6-40; 0: 11 */
    const char *css_class;      /* added to the element's class, [a-z0-9-],
                                   or NULL (the report's size classes) */
};

/* Writes one <svg> element `width` user units wide (scalable: the page
 * sizes it), laid out for its font size so that no text overlaps: the
 * title, then the axis titles in their own row, the flare-up (marker)
 * labels in as many rows as they need, the plot (its height 30 % of the
 * width, at least 150), the x labels (as many as fit), the strip and the
 * legend in as many rows as it needs. Bands are labelled inside their
 * top right corner, or just above a band too thin for a line of text. */
TENDO_API int tendo_svg_chart(struct tendo_buf *out,
                              const struct tendo_chart *c,
                              struct tendo_error *err);

/* What the report shows: the days from..to of the history (to, the
 * report's day, at most history->last; at most ~10 years). Everything on
 * the page comes from the history: its load figures, the advice of every
 * day shown (one pass, tendo_advise_days: the levels and flare-ups), its
 * checks, rehab, assessments and shoes. */
struct tendo_report_input {
    const char *title;                      /* e.g. the athlete's name */
    int units;                              /* enum tendo_units */
    const struct tendo_history *history;
    tendo_day from, to;
};

/* Writes the whole HTML document. */
TENDO_API int tendo_report_html(struct tendo_buf *out,
                                const struct tendo_report_input *in,
                                struct tendo_error *err);

/* Writes `s` with &, <, >, " and ' escaped for XML/HTML text. */
TENDO_API void tendo_xml_escape(struct tendo_buf *out, const char *s);

#endif
