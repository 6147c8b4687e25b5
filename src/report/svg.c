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

#define W 640.0
#define H 276.0
#define TOP 30.0
#define BOTTOM 66.0
#define LEFT 52.0

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

struct frame {
    double px0, px1, py0, py1;      /* plot area */
    struct tendo_axis ax[2];
};

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
           (c->nseries && !c->series);
}

static int bad_id(const char *id)
{
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            return 1;
    return 0;
}

/* the plot area and both axes */
static void frame_of(const struct tendo_chart *c, int has2, struct frame *f)
{
    double lo, hi;
    f->px0 = LEFT;
    f->px1 = W - (has2 ? LEFT : 16);
    f->py0 = TOP;
    f->py1 = H - BOTTOM;
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
                     "class=\"chart\" id=\"%s\" viewBox=\"0 0 %.0f %.0f\" "
                     "role=\"img\" aria-labelledby=\"%s-t %s-d\">\n",
                     c->id, W, H, c->id, c->id);
    tendo_buf_printf(o, "<title id=\"%s-t\">", c->id);
    tendo_xml_escape(o, c->title);
    tendo_buf_printf(o, "</title>\n<desc id=\"%s-d\">", c->id);
    tendo_xml_escape(o, c->description);
    tendo_buf_puts(o, "</desc>\n");
    tendo_buf_printf(o, "<text class=\"title\" x=\"%.1f\" y=\"16\">", f->px0);
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
                             f->py1 + 19, (f->px1 - f->px0) / c->nx + 0.05,
                             c->strip[i]);
}

static void chart_bands(struct tendo_buf *o, const struct tendo_chart *c,
                        const struct frame *f)
{
    for (int b = 0; b < c->nbands; b++) {
        const struct tendo_band *bd = &c->bands[b];
        double y0 = fy(f, 0, fmin(bd->hi, f->ax[0].hi)),
               y1 = fy(f, 0, fmax(bd->lo, f->ax[0].lo));
        tendo_buf_printf(o,
                         "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" "
                         "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                         "fill-opacity=\"0.15\"/>\n",
                         f->px0, y0, f->px1 - f->px0, y1 - y0,
                         bd->color ? bd->color : "#2ca02c");
        tendo_buf_printf(o, "<text class=\"band-label\" x=\"%.1f\" "
                            "y=\"%.1f\" text-anchor=\"end\">",
                         f->px1 - 4, y0 + 11);
        tendo_xml_escape(o, bd->label);
        tendo_buf_puts(o, "</text>\n");
    }
}

/* grid, ticks and unit titles of the y axes, the x axis line */
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
                             ax ? x + 4 : x - 4, y + 4, ax ? "start" : "end",
                             t);
        }
        tendo_buf_printf(o,
                         "<text class=\"unit\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"%s\">",
                         ax ? W - 4 : 4.0, TOP - 8, ax ? "end" : "start");
        tendo_xml_escape(o, ax ? c->y2_unit : c->y_unit);
        tendo_buf_puts(o, "</text>\n");
    }
    tendo_buf_printf(o,
                     "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                     "y2=\"%.1f\"/>\n",
                     f->px0, f->py1, f->px1, f->py1);
}

/* x labels: at most 8, on week starts when the axis is in days */
static void chart_xlabels(struct tendo_buf *o, const struct tendo_chart *c,
                          const struct frame *f)
{
    int every = (c->nx + 7) / 8, shown = 0;
    for (int i = 0; i < c->nx; i++) {
        tendo_day d = c->x0 + (tendo_day)i * c->x_days;
        int y, m, dd;
        if (c->x_days == 1 && c->nx > 14 && tendo_day_weekday(d) != 0)
            continue;
        if (shown++ % (c->x_days == 1 && c->nx > 14 ? (every + 6) / 7
                                                     : every))
            continue;
        tendo_day_to_ymd(d, &y, &m, &dd);
        tendo_buf_printf(o,
                         "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"middle\">%d %s</text>\n",
                         fx(f, c, i), f->py1 + 14, dd, months[m - 1]);
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
                                     "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" "
                                     "fill=\"%s\"/>\n",
                                     fx(f, c, i), fy(f, ax, se->y[i]),
                                     se->color);
        }
    }
}

static void chart_markers(struct tendo_buf *o, const struct tendo_chart *c,
                          const struct frame *f)
{
    for (int k = 0; k < c->nmarkers; k++) {
        const struct tendo_marker *mk = &c->markers[k];
        double i = (double)(mk->day - c->x0) / c->x_days, x;
        if (i < 0 || i >= c->nx)
            continue;
        x = fx(f, c, floor(i));
        tendo_buf_printf(o,
                         "<line class=\"marker\" x1=\"%.1f\" y1=\"%.1f\" "
                         "x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                         x, f->py0, x, f->py1,
                         mk->color ? mk->color : "#d62728");
        tendo_buf_printf(o, "<text class=\"marker-label\" x=\"%.1f\" "
                            "y=\"%.1f\">",
                         x + 3, f->py0 + 10);
        tendo_xml_escape(o, mk->label);
        tendo_buf_puts(o, "</text>\n");
    }
}

/* legend: one or two rows under the strip */
static void chart_legend(struct tendo_buf *o, const struct tendo_chart *c,
                         const struct frame *f, int has2)
{
    double x = f->px0, y = H - 24;
    for (int s = 0; s < c->nseries; s++) {
        const struct tendo_series *se = &c->series[s];
        int two = se->right_axis && has2;
        double w = 24 + 6.4 * (double)(strlen(se->name ? se->name : "") +
                                      (two ? 13 : 0));
        if (x > f->px0 && x + w > W - 4) {
            x = f->px0;
            y += 14;
        }
        tendo_buf_printf(o,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
                         "height=\"10\" fill=\"%s\"/>\n",
                         x, y - 9, se->color);
        tendo_buf_printf(o, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">",
                         x + 14, y);
        tendo_xml_escape(o, se->name);
        if (two)
            tendo_buf_puts(o, " (right axis)");
        tendo_buf_puts(o, "</text>\n");
        x += w;
    }
}

int tendo_svg_chart(struct tendo_buf *o, const struct tendo_chart *c,
                    struct tendo_error *err)
{
    struct frame f;
    int has2;
    if (!o || bad_arguments(c))
        return tendo_fail(err, TENDO_EUSAGE, "svg chart: bad arguments");
    if (bad_id(c->id))
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
