/*
 * cli/cmd-serve.c - `tendo serve [--listen ADDR:PORT]`: the local web
 * server (tendo/serve.h) in the foreground, one log line per request on
 * stderr, stopped by SIGINT or SIGTERM after the request in progress.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cmd_serve_help[] =
    "usage: tendo serve [--listen ADDR:PORT]\n\n"
    "Serves today's advice in the browser, on this machine: a page at /\n"
    "that needs no script, and the JSON of 'tendo --json today' at\n"
    "/api/today (the same document: both come from the library). Listens\n"
    "on 127.0.0.1:8470 by default; port 0 takes any free port. Only\n"
    "loopback addresses for now (no login yet). Each request reads the\n"
    "database afresh and read-only. Logs a line per request on stderr;\n"
    "Ctrl-C (SIGINT) or SIGTERM stops it. See docs/cli.md.\n";

const struct option cmd_serve_opts[] = {
    {"listen", required_argument, NULL, 'l'}, GLOBAL_OPTS, {0, 0, 0, 0}};

static int64_t now_utc(void *ctx)
{
    const struct cli *c = ctx;
    const char *env = getenv("TENDO_NOW");
    int64_t t;
    (void)c;
    if (env && *env && tendo_utc_parse(env, &t) == TENDO_OK)
        return t; /* tests and demos live on a fixed day */
    return (int64_t)time(NULL);
}

static double clock_ms(void *ctx)
{
    struct timespec t;
    (void)ctx;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
    struct tendo_serve_opts so;
    struct tendo_error e = {0};
    tendo_server *s;
    const char *listen = "127.0.0.1:8470", *colon;
    char host[64];
    long port;
    char *end;
    sigset_t stop;
    int opt, rc, sig;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, GLOBAL_SHORT, cmd_serve_opts,
                              NULL)) != -1) {
        if (opt == 'h')
            return cli_help(c, "serve");
        if (opt == '?' || opt == ':')
            return cli_bad_option(c, "serve", argv, opt);
        if (opt == 'l')
            listen = optarg;
        else if (cli_global(c, opt, optarg) < 0)
            return EXIT_USAGE;
    }
    if (optind < argc)
        return cli_usage(c, "serve", "serve takes no arguments");
    colon = strrchr(listen, ':');
    port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host ||
        !*(colon + 1) || *end || port < 0 || port > 65535)
        return cli_usage(c, "serve", "--listen needs ADDR:PORT, e.g. "
                                     "127.0.0.1:8470");
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    if (strncmp(host, "127.", 4) != 0)
        return cli_usage(c, "serve", "only a loopback address (127.x.x.x) "
                                     "for now: there is no login yet");
    /* the database must be there and readable before anyone connects */
    if ((rc = cli_open(c, CLI_READ)))
        return rc;
    cli_close(c);
    /* SIGINT and SIGTERM wait for sigwait, in this thread only */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    memset(&so, 0, sizeof so);
    so.db_path = c->db_path;
    so.host = host;
    so.port = (int)port;
    so.now = now_utc;
    so.clock_ms = clock_ms;
    so.now_ctx = c;
    so.tz_fallback = getenv("TZ");
    so.log = log_line;
    if (tendo_serve_start(&so, &s, &e))
        return cli_error(c, &e);
    fprintf(stderr, "tendo: serving http://%s:%d/ for '%s' (Ctrl-C stops)\n",
            host, tendo_serve_port(s), c->db_path);
    while (sigwait(&stop, &sig) != 0)
        ;
    tendo_serve_stop(s);
    fprintf(stderr, "tendo: stopped (%s)\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    return EXIT_OK;
}
