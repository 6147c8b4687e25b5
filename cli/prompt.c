/*
 * cli/prompt.c - asking for values on a terminal, one line at a time.
 * Questions go to stderr so stdout stays clean for --json.
 */
#include "cli.h"

#include <string.h>

/* Reads one line (without its end) into buf; returns 0 at end of input. */
static int read_line(char *buf, size_t cap)
{
    size_t n;
    if (!fgets(buf, (int)cap, stdin))
        return 0;
    n = strlen(buf);
    if (n && buf[n - 1] != '\n' && !feof(stdin)) {
        int ch;
        while ((ch = getchar()) != EOF && ch != '\n')
            ; /* drop the rest of an over-long line */
    }
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return 1;
}

static const char *skip_hint = "or press Enter to skip";

void cli_ask_skip_hint(const char *hint)
{
    skip_hint = hint;
}

int cli_ask(const char *question, char *answer, size_t cap)
{
    fprintf(stderr, "%s: ", question);
    fflush(stderr);
    if (!read_line(answer, cap)) {
        fputc('\n', stderr);
        return -1;
    }
    return answer[0] != '\0';
}

int cli_ask_int(const char *question, const char *field, long lo, long hi,
                int *out)
{
    char line[128];
    for (;;) {
        struct tendo_error e = {0};
        char msg[400];
        int r = cli_ask(question, line, sizeof line);
        if (r <= 0)
            return r;
        if (tendo_parse_int(line, strlen(line), lo, hi, field, out, &e) ==
            TENDO_OK)
            return 1;
        fprintf(stderr, "  %s; try again %s\n",
                tendo_error_format(&e, msg, sizeof msg), skip_hint);
    }
}

int cli_ask_enum(const char *question, const char *field,
                 const char *const *names, int *index)
{
    char line[128];
    for (;;) {
        struct tendo_error e = {0};
        char msg[400];
        int r = cli_ask(question, line, sizeof line);
        if (r <= 0)
            return r;
        if (tendo_parse_enum(line, strlen(line), names, field, index, &e) ==
            TENDO_OK)
            return 1;
        fprintf(stderr, "  %s; try again %s\n",
                tendo_error_format(&e, msg, sizeof msg), skip_hint);
    }
}
