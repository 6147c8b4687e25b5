/*
 * src/report/svg.c - time charts as SVG (tendo/report.h): nice axes, bars,
 * lines, dots, shaded bands and day markers on a day or week x axis, with
 * titles, units, legends and an accessible description. Deterministic
 * text: the same input gives the same bytes.
 */
#include "tendo/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


/* The length of the valid UTF-8 sequence at s (1-4) that XML allows, or
 * 0: overlong forms, surrogates, code points past U+10FFFF, U+FFFE and
 * U+FFFF, and C0 controls other than tab, line feed and return. */
static int xml_char(const unsigned char *s)
{
    unsigned cp;
    int n, i;
    if (s[0] < 0x80)
        return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'
                   ? 1
                   : 0;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
        return 0;
    return n;
}

void tendo_xml_escape(struct tendo_buf *out, const char *s)
{
    while (s && *s) {
        int n = xml_char((const unsigned char *)s);
        if (n == 0) { /* what XML cannot carry: U+FFFD instead */
            tendo_buf_puts(out, "\xef\xbf\xbd");
            s++;
            continue;
        }
        if (n > 1) {
            tendo_buf_add(out, s, (size_t)n);
            s += n;
            continue;
        }
        switch (*s) {
        case '&': tendo_buf_puts(out, "&amp;"); break;
        case '<': tendo_buf_puts(out, "&lt;"); break;
        case '>': tendo_buf_puts(out, "&gt;"); break;
        case '"': tendo_buf_puts(out, "&quot;"); break;
        case '\'': tendo_buf_puts(out, "&#39;"); break;
        default: tendo_buf_putc(out, *s);
        }
        s++;
    }
}

void tendo_nice_axis(double lo, double hi, int max_ticks,
                     struct tendo_axis *a)
{
    static const double nice[] = {1, 2, 5, 10};
    double span, raw, mag;
    int k;
    if (max_ticks < 2)
        max_ticks = 2;
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double t = hi;
        hi = lo;
        lo = t;
    }
    if (hi - lo < 1e-9) {
        hi = lo + (fabs(lo) > 1 ? fabs(lo) * 0.1 : 1);
    }
    if (max_ticks < 3 && lo < 0 && hi > 0)
        max_ticks = 3;   /* a range across zero needs 0 and one tick each side */
    span = hi - lo;
    raw = span / (max_ticks - 1);
    mag = pow(10, floor(log10(raw)));
    for (k = 0; k < 4 && nice[k] * mag < raw * (1 - 1e-9); k++)
        ;
    for (;;) {
        double step = nice[k % 4] * mag * (k >= 4 ? 10 : 1);
        double l = floor(lo / step + 1e-9) * step;
        double h = ceil(hi / step - 1e-9) * step;
        int n = (int)lround((h - l) / step) + 1;
        if (n <= max_ticks) {
            a->lo = l;
            a->hi = h;
            a->step = step;
            a->nticks = n;
            return;
        }
        if (++k == 8) {   /* never reached for sane inputs */
            mag *= 100;
            k = 0;
        }
    }
}

/* a tick label: as many decimals as the step needs */
static void tick_label(double v, double step, char *out, size_t n)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) < step * 1e-6)
        v = 0;
    snprintf(out, n, "%.*f", dec, v);
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May",
                                     "Jun", "Jul", "Aug", "Sep", "Oct",
                                     "Nov", "Dec"};

static void range_of(const struct tendo_chart *c, int right, double *lo,
                     double *hi)
{
    *lo = 0;
    *hi = 0;
    for (int s = 0; s < c->nseries; s++) {
        if (c->series[s].right_axis != right)
            continue;
        for (int i = 0; i < c->nx; i++) {
            double v = c->series[s].y[i];
            if (isnan(v))
                continue;
            *lo = fmin(*lo, v);
            *hi = fmax(*hi, v);
        }
    }
    if (!right)
        for (int b = 0; b < c->nbands; b++)
            *hi = fmax(*hi, c->bands[b].hi);
}

/* Where everything goes, from the width and the font size: rows from the
 * top - the title, the axis titles, the marker labels (staggered in as
 * many rows as they need) - then the plot, the x labels, the strip and
 * the legend rows. Nothing is placed over anything else: text widths are
 * estimated at 0.62 em a character (DejaVu Sans averages about 0.55). */
#define MAX_MARKER_ROWS 4
struct frame {
    double w, h, fs;                /* user units */
    double px0, px1, py0, py1;      /* plot area */
    double title_y, unit_y, xlab_y, strip_y, legend_y;
    int legend_rows;
    int marker_row[64];             /* each marker's row, -1 off the axis */
    int marker_rows;
    struct tendo_axis ax[2];
};

static double text_w(const struct frame *f, const char *t)
{
    return 0.62 * f->fs * (double)(t ? strlen(t) : 0);
}

static double fx(const struct frame *f, const struct tendo_chart *c, double i)
{
    return f->px0 + (i + 0.5) * (f->px1 - f->px0) / c->nx;
}

static double fy(const struct frame *f, int axis, double v)
{
    const struct tendo_axis *a = &f->ax[axis];
    return f->py1 - (v - a->lo) / (a->hi - a->lo) * (f->py1 - f->py0);
}

static int bad_arguments(const struct tendo_chart *c)
{
    return !c || c->nx < 1 || c->nx > 10000 || !c->id ||
           (c->x_days != 1 && c->x_days != 7) || c->nseries < 0 ||
           (c->nseries && !c->series) || c->nmarkers < 0 ||
           c->nmarkers > 64 || (c->width != 0 && (c->width < 240 ||
                                                   c->width > 4000)) ||
           (c->font != 0 && (c->font < 6 || c->font > 40));
}

static int bad_id(const char *id)
{
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            return 1;
    return 0;
}

/* the legend entries' rows at this width (and where each one goes) */
static int legend_layout(const struct tendo_chart *c, const struct frame *f,
                         int has2, double *xs, int *rows)
{
    double x = f->px0;
    int row = 0;
    for (int s = 0; s < c->nseries; s++) {
        const struct tendo_series *se = &c->series[s];
        int two = se->right_axis && has2;
        double w = 1.2 * f->fs + 6 + text_w(f, se->name) +
                   (two ? text_w(f, " (right axis)") : 0) + f->fs;
        if (x > f->px0 && x + w > f->w - 4) {
            x = f->px0;
            row++;
        }
        if (xs)
            xs[s] = x;
        if (rows)
            rows[s] = row;
        x += w;
    }
    return c->nseries ? row + 1 : 0;
}

/* marker labels: each in the first row where it does not touch the one
 * before it */
static void marker_layout(const struct tendo_chart *c, struct frame *f)
{
    double end[MAX_MARKER_ROWS];
    for (int r = 0; r < MAX_MARKER_ROWS; r++)
        end[r] = -1e9;
    f->marker_rows = 0;
    for (int k = 0; k < c->nmarkers; k++) {
        const struct tendo_marker *mk = &c->markers[k];
        double i = (double)(mk->day - c->x0) / c->x_days, x;
        int r = 0;
        f->marker_row[k] = -1;
        if (i < 0 || i >= c->nx)
            continue;
        x = fx(f, c, floor(i));
        while (r < MAX_MARKER_ROWS - 1 && x < end[r] + 4)
            r++;
        f->marker_row[k] = r;
        end[r] = x + 3 + text_w(f, mk->label);
        if (r + 1 > f->marker_rows)
            f->marker_rows = r + 1;
    }
}

/* the plot area, the rows and both axes */
static void frame_of(const struct tendo_chart *c, int has2, struct frame *f)
{
    double lo, hi, line;
    memset(f, 0, sizeof *f);
    f->w = c->width ? c->width : 640;
    f->fs = c->font ? c->font : 11;
    line = 1.35 * f->fs;
    f->px0 = 4.2 * f->fs + 6;
    f->px1 = f->w - (has2 ? 4.2 * f->fs + 6 : 16);
    f->title_y = 1.2 * f->fs + 2;
    f->unit_y = f->title_y + line;
    /* the markers' rows depend on x only */
    marker_layout(c, f);
    f->py0 = f->unit_y + 0.5 * f->fs + f->marker_rows * line + 6;
    f->py1 = f->py0 + fmax(150, 0.3 * f->w);
    f->xlab_y = f->py1 + line;
    f->strip_y = f->xlab_y + 0.45 * f->fs;
    f->legend_rows = legend_layout(c, f, has2, NULL, NULL);
    f->legend_y = f->strip_y + 5 + line;
    f->h = f->legend_y + (f->legend_rows ? f->legend_rows - 1 : 0) * line +
           0.6 * f->fs;
    for (int ax = 0; ax < 2; ax++) {
        double mn = ax ? c->y2_min : c->y_min, mx = ax ? c->y2_max : c->y_max;
        range_of(c, ax, &lo, &hi);
        tendo_nice_axis(isnan(mn) ? lo : mn, isnan(mx) ? hi : mx, 6,
                        &f->ax[ax]);
    }
}

/* the opening tag, the accessible title and description, the heading */
static void chart_head(struct tendo_buf *o, const struct tendo_chart *c,
                       const struct frame *f)
{
    tendo_buf_printf(o,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                     "class=\"chart%s%s\" id=\"%s\" viewBox=\"0 0 %.0f %.0f\" "
                     "font-size=\"%.0f\" role=\"img\" "
                     "aria-labelledby=\"%s-t %s-d\">\n",
                     c->css_class ? " " : "",
                     c->css_class ? c->css_class : "", c->id, f->w,
                     ceil(f->h), f->fs, c->id, c->id);
    tendo_buf_printf(o, "<title id=\"%s-t\">", c->id);
    tendo_xml_escape(o, c->title);
    tendo_buf_printf(o, "</title>\n<desc id=\"%s-d\">", c->id);
    tendo_xml_escape(o, c->description);
    tendo_buf_puts(o, "</desc>\n");
    tendo_buf_printf(o, "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" "
                        "font-weight=\"bold\">",
                     f->px0, f->title_y);
    tendo_xml_escape(o, c->title);
    tendo_buf_puts(o, "</text>\n");
}

/* the strip: one coloured cell per x value under the x labels */
static void chart_strip(struct tendo_buf *o, const struct tendo_chart *c,
                        const struct frame *f)
{
    if (!c->strip)
        return;
    for (int i = 0; i < c->nx; i++)
        if (c->strip[i])
            tendo_buf_printf(o,
                             "<rect class=\"strip\" x=\"%.1f\" y=\"%.1f\" "
                             "width=\"%.1f\" height=\"5\" fill=\"%s\"/>\n",
                             f->px0 + i * (f->px1 - f->px0) / c->nx,
                             f->strip_y, (f->px1 - f->px0) / c->nx + 0.05,
                             c->strip[i]);
}

/* shaded bands, each labelled inside its top right corner - or, when the
 * band is too thin for a line of text, just above it */
static void chart_bands(struct tendo_buf *o, const struct tendo_chart *c,
                        const struct frame *f)
{
    for (int b = 0; b < c->nbands; b++) {
        const struct tendo_band *bd = &c->bands[b];
        double y0 = fy(f, 0, fmin(bd->hi, f->ax[0].hi)),
               y1 = fy(f, 0, fmax(bd->lo, f->ax[0].lo)), ly;
        if (y1 <= y0)
            continue; /* outside the axis */
        tendo_buf_printf(o,
                         "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" "
                         "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                         "fill-opacity=\"0.15\"/>\n",
                         f->px0, y0, f->px1 - f->px0, y1 - y0,
                         bd->color ? bd->color : "#2ca02c");
        ly = y1 - y0 >= 1.3 * f->fs ? y0 + f->fs : y0 - 3;
        tendo_buf_printf(o, "<text class=\"band-label\" x=\"%.1f\" "
                            "y=\"%.1f\" text-anchor=\"end\">",
                         f->px1 - 4, ly);
        tendo_xml_escape(o, bd->label);
        tendo_buf_puts(o, "</text>\n");
    }
}

/* grid, ticks and titles of the y axes (in their own row under the
 * chart's title), the x axis line */
static void chart_axes(struct tendo_buf *o, const struct tendo_chart *c,
                       const struct frame *f, int has2)
{
    char t[64];
    for (int ax = 0; ax < 1 + has2; ax++) {
        const struct tendo_axis *a = &f->ax[ax];
        double x = ax ? f->px1 : f->px0;
        for (int k = 0; k < a->nticks; k++) {
            double v = a->lo + k * a->step, y = fy(f, ax, v);
            tick_label(v, a->step, t, sizeof t);
            if (!ax)
                tendo_buf_printf(o,
                                 "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
                                 "x2=\"%.1f\" y2=\"%.1f\"/>\n",
                                 f->px0, y, f->px1, y);
            tendo_buf_printf(o,
                             "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
                             "text-anchor=\"%s\">%s</text>\n",
                             ax ? x + 4 : x - 4, y + 0.35 * f->fs,
                             ax ? "start" : "end", t);
        }
        tendo_buf_printf(o,
                         "<text class=\"unit\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"%s\">",
                         ax ? f->w - 4 : 4.0, f->unit_y,
                         ax ? "end" : "start");
        tendo_xml_escape(o, ax ? c->y2_unit : c->y_unit);
        tendo_buf_puts(o, "</text>\n");
    }
    tendo_buf_printf(o,
                     "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                     "y2=\"%.1f\"/>\n",
                     f->px0, f->py1, f->px1, f->py1);
}

/* x labels: as many as fit without touching ("28 Nov" is about 6 em),
 * on week starts when the axis is in days */
static void chart_xlabels(struct tendo_buf *o, const struct tendo_chart *c,
                          const struct frame *f)
{
    double slot = (f->px1 - f->px0) / c->nx, room = 0.62 * f->fs * 7;
    int weekly = c->x_days == 1 && c->nx > 14;
    int unit = weekly ? 7 : 1, every = 1, shown = 0;
    while (every * unit * slot < room)
        every++;
    for (int i = 0; i < c->nx; i++) {
        tendo_day d = c->x0 + (tendo_day)i * c->x_days;
        int y, m, dd;
        if (weekly && tendo_day_weekday(d) != 0)
            continue;
        if (shown++ % every)
            continue;
        tendo_day_to_ymd(d, &y, &m, &dd);
        tendo_buf_printf(o,
                         "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"middle\">%d %s</text>\n",
                         fx(f, c, i), f->xlab_y, dd, months[m - 1]);
    }
}

/* the `bar`-th of `nbars` bar series */
static void series_bars(struct tendo_buf *o, const struct tendo_chart *c,
                        const struct frame *f, const struct tendo_series *se,
                        int ax, int bar, int nbars)
{
    double slot = (f->px1 - f->px0) / c->nx;
    double bw = slot * 0.7 / (nbars ? nbars : 1);
    for (int i = 0; i < c->nx; i++) {
        double v = se->y[i], y0, y1;
        if (isnan(v))
            continue;
        y0 = fy(f, ax, fmax(v, 0));
        y1 = fy(f, ax, fmin(v, 0));
        tendo_buf_printf(o,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                         "height=\"%.1f\" fill=\"%s\"/>\n",
                         fx(f, c, i) - slot * 0.35 + bar * bw, y0, bw,
                         y1 - y0, se->color);
    }
}

/* a line, broken where a value is missing */
static void series_line(struct tendo_buf *o, const struct tendo_chart *c,
                        const struct frame *f, const struct tendo_series *se,
                        int ax)
{
    int open = 0;
    for (int i = 0; i <= c->nx; i++) {
        double v = i < c->nx ? se->y[i] : NAN;
        if (isnan(v)) {
            if (open)
                tendo_buf_puts(o, "\"/>\n");
            open = 0;
            continue;
        }
        if (!open)
            tendo_buf_printf(o,
                             "<polyline fill=\"none\" stroke=\"%s\" "
                             "stroke-width=\"2\" points=\"",
                             se->color);
        tendo_buf_printf(o, "%s%.1f,%.1f", open ? " " : "", fx(f, c, i),
                         fy(f, ax, v));
        open = 1;
    }
}

static void chart_series(struct tendo_buf *o, const struct tendo_chart *c,
                         const struct frame *f, int has2)
{
    int nbars = 0, bar = 0;
    for (int s = 0; s < c->nseries; s++)
        nbars += c->series[s].kind == TENDO_SERIES_BARS;
    for (int s = 0; s < c->nseries; s++) {
        const struct tendo_series *se = &c->series[s];
        int ax = se->right_axis && has2;
        if (se->kind == TENDO_SERIES_BARS) {
            series_bars(o, c, f, se, ax, bar++, nbars);
        } else if (se->kind == TENDO_SERIES_LINE) {
            series_line(o, c, f, se, ax);
        } else {
            for (int i = 0; i < c->nx; i++)
                if (!isnan(se->y[i]))
                    tendo_buf_printf(o,
                                     "<circle cx=\"%.1f\" cy=\"%.1f\" "
                                     "r=\"%.1f\" fill=\"%s\"/>\n",
                                     fx(f, c, i), fy(f, ax, se->y[i]),
                                     0.25 * f->fs, se->color);
        }
    }
}

/* each marker: a dashed line over the plot, its label in its row above */
static void chart_markers(struct tendo_buf *o, const struct tendo_chart *c,
                          const struct frame *f)
{
    double line = 1.35 * f->fs;
    for (int k = 0; k < c->nmarkers; k++) {
        const struct tendo_marker *mk = &c->markers[k];
        double x;
        if (f->marker_row[k] < 0)
            continue;
        x = fx(f, c, floor((double)(mk->day - c->x0) / c->x_days));
        tendo_buf_printf(o,
                         "<line class=\"marker\" x1=\"%.1f\" y1=\"%.1f\" "
                         "x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                         x, f->py0, x, f->py1,
                         mk->color ? mk->color : "#d62728");
        tendo_buf_printf(o, "<text class=\"marker-label\" x=\"%.1f\" "
                            "y=\"%.1f\">",
                         x + 3,
                         f->py0 - 6 - (f->marker_rows - 1 -
                                       f->marker_row[k]) * line);
        tendo_xml_escape(o, mk->label);
        tendo_buf_puts(o, "</text>\n");
    }
}

/* legend: as many rows as it needs under the strip */
static void chart_legend(struct tendo_buf *o, const struct tendo_chart *c,
                         const struct frame *f, int has2)
{
    double xs[64], line = 1.35 * f->fs;
    int rows[64];
    if (c->nseries > 64)
        return;
    legend_layout(c, f, has2, xs, rows);
    for (int s = 0; s < c->nseries; s++) {
        const struct tendo_series *se = &c->series[s];
        double y = f->legend_y + rows[s] * line;
        tendo_buf_printf(o,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                         "height=\"%.1f\" fill=\"%s\"/>\n",
                         xs[s], y - 0.8 * f->fs, 0.9 * f->fs, 0.9 * f->fs,
                         se->color);
        tendo_buf_printf(o, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">",
                         xs[s] + 1.2 * f->fs, y);
        tendo_xml_escape(o, se->name);
        if (se->right_axis && has2)
            tendo_buf_puts(o, " (right axis)");
        tendo_buf_puts(o, "</text>\n");
    }
}

int tendo_svg_chart(struct tendo_buf *o, const struct tendo_chart *c,
                    struct tendo_error *err)
{
    struct frame f;
    int has2;
    if (!o || bad_arguments(c))
        return tendo_fail(err, TENDO_EUSAGE, "svg chart: bad arguments");
    if (bad_id(c->id) || (c->css_class && bad_id(c->css_class)))
        return tendo_fail(err, TENDO_EUSAGE, "svg chart: bad id");
    has2 = c->y2_unit != NULL;
    frame_of(c, has2, &f);
    chart_head(o, c, &f);
    chart_strip(o, c, &f);
    chart_bands(o, c, &f);
    chart_axes(o, c, &f, has2);
    chart_xlabels(o, c, &f);
    chart_series(o, c, &f, has2);
    chart_markers(o, c, &f);
    chart_legend(o, c, &f, has2);
    tendo_buf_puts(o, "</svg>\n");
    if (o->err)
        return tendo_fail(err, o->err, "svg chart: %s",
                          tendo_strerror(o->err));
    return TENDO_OK;
}
